//! The levers directors pull in a meeting: sliders for the redeployment rate, the VR take-up and
//! the VR multiplier, on the Dashboard and the Money view, so the headline figures and the charts follow
//! while dragging. They change the scenario in use: the plan itself for the base, else that
//! scenario's own values. A drag is one undo step.

use egui::{RichText, Ui};

use crate::document::edit::{Edit, Settings};
use crate::engine::Outcome;
use crate::model::{Assumptions, Plan, Scenario};
use crate::theme;
use crate::ui::access::{self, trimmed};
use crate::ui::command::Command;

/// Why each lever moves nothing in the outcome `o`, if it does not: the redeployment rate
/// with nobody at risk after VR or no open post to move into, the VR take-up with nobody at
/// risk, the VR multiplier with nobody leaving by VR.
pub struct Idle {
    /// The redeployment rate's reason.
    pub redeployment: Option<&'static str>,
    /// The VR take-up's reason.
    pub take_up: Option<&'static str>,
    /// The VR multiplier's reason.
    pub multiplier: Option<&'static str>,
}

impl Idle {
    /// The reasons in `o`.
    pub fn of(o: &Outcome) -> Self {
        const NOTHING: f64 = 1e-6;
        let f = &o.totals.flows;
        let after_vr = f.redeployed_out + f.compulsory + f.over_target;
        let at_risk = after_vr + f.voluntary;
        let open = f.vacancies_kept + o.totals.new_posts;
        Self {
            redeployment: if after_vr <= NOTHING {
                Some("moves nothing: nobody is at risk after VR")
            } else if open <= NOTHING {
                Some("moves nothing: no open post (a vacancy kept or a new post) to move into")
            } else {
                None
            },
            take_up: (at_risk <= NOTHING).then_some("moves nothing: nobody is at risk"),
            multiplier: (f.voluntary + f.bumped <= NOTHING)
                .then_some("moves nothing: nobody leaves by VR"),
        }
    }
}

/// Draws the sliders for the outcome `o` of `plan`, each with why it moves nothing if it does
/// not.
pub fn ui(ui: &mut Ui, plan: &Plan, o: &Outcome, commands: &mut Vec<Command>) {
    let scenario = o.scenario.as_str();
    let idle = Idle::of(o);
    let base = scenario == Scenario::BASE;
    let own = plan.scenarios.iter().position(|s| s.name == scenario);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Levers").strong())
            .on_hover_text(if base {
                "They change the plan itself (the base scenario)"
            } else {
                "They change the scenario in use, not the plan"
            });
        rate_slider(
            ui,
            plan,
            own,
            &Rate {
                label: "Redeployment rate",
                hover: "The share of the people still at risk after VR who are redeployed",
                edit: "change redeployment rate",
                key: "lever redeployment",
                idle: idle.redeployment,
                of_plan: |a| a.redeployment_rate,
                of_scenario: |s| s.redeployment_rate,
                set: |s, own, v| match own {
                    Some(i) => s.scenarios[i].redeployment_rate = Some(v),
                    None => s.assumptions.redeployment_rate = v,
                },
            },
            commands,
        );
        ui.add_space(theme::SECTION_GAP);
        rate_slider(
            ui,
            plan,
            own,
            &Rate {
                label: "VR take-up",
                hover: "The share of the staff eligible for VR who have not said they are interested, expected to volunteer (0% = only those who said)",
                edit: "change VR take-up",
                key: "lever take-up",
                idle: idle.take_up,
                of_plan: |a| a.vr_take_up,
                of_scenario: |s| s.vr_take_up,
                set: |s, own, v| match own {
                    Some(i) => s.scenarios[i].vr_take_up = Some(v),
                    None => s.assumptions.vr_take_up = v,
                },
            },
            commands,
        );
        ui.add_space(theme::SECTION_GAP);
        // VR multiplier: one value for every council.
        let multipliers: Vec<f64> = plan
            .councils
            .iter()
            .map(|c| {
                own.and_then(|i| plan.scenarios[i].vr_multipliers.get(&c.id).copied())
                    .unwrap_or(c.scheme.vr_multiplier)
            })
            .collect();
        if multipliers.is_empty() {
            return;
        }
        let average = multipliers.iter().sum::<f64>() / multipliers.len() as f64;
        let mut m = average;
        let differ = multipliers.iter().any(|x| (x - m).abs() > 1e-9);
        // Each lever's label and slider wrap to the next line together.
        wrap_unless_fits(ui, "VR multiplier, every council");
        let r = ui
            .horizontal(|ui| {
                let l = ui.label("VR multiplier, every council");
                let r = ui.add(
                    egui::Slider::new(&mut m, 1.0..=3.0)
                        .prefix("× ")
                        .max_decimals(2)
                        .clamping(egui::SliderClamping::Edits),
                )
                .labelled_by(l.id);
                idle_note(ui, idle.multiplier);
                r
            })
            .inner
            .on_hover_text(if differ {
                "The councils' multipliers differ: this shows their average, and dragging sets them all"
            } else {
                "The multiple of the statutory weeks each council pays for voluntary redundancy (1 = the statutory weeks; councils are seen paying up to 3)"
            });
        access::value_text(&r, format!("× {}", trimmed(m, 2)), Some(0.01));
        if r.changed() && (m - average).abs() > 1e-9 {
            let edit = if let Some(i) = own {
                let mut s = Settings::of(plan);
                for c in &plan.councils {
                    s.scenarios[i].vr_multipliers.insert(c.id.clone(), m);
                }
                Edit::settings("change VR multiplier", s)
            } else {
                let mut councils = plan.councils.clone();
                for c in &mut councils {
                    c.scheme.vr_multiplier = m;
                }
                Edit::councils("change VR multiplier", councils)
            };
            commands.push(Command::Edit(edit.keyed("lever vr")));
        }
    });
}

/// A share the directors drag from 0% to 100%: the scenario's own value, else the plan's.
struct Rate {
    label: &'static str,
    hover: &'static str,
    edit: &'static str,
    key: &'static str,
    /// Why it moves nothing, if it does not.
    idle: Option<&'static str>,
    of_plan: fn(&Assumptions) -> f64,
    of_scenario: fn(&Scenario) -> Option<f64>,
    set: fn(&mut Settings, Option<usize>, f64),
}

fn rate_slider(
    ui: &mut Ui,
    plan: &Plan,
    own: Option<usize>,
    rate: &Rate,
    commands: &mut Vec<Command>,
) {
    let value = own
        .and_then(|i| (rate.of_scenario)(&plan.scenarios[i]))
        .unwrap_or((rate.of_plan)(&plan.assumptions));
    let mut percent = value * 100.0;
    wrap_unless_fits(ui, rate.label);
    let r = ui
        .horizontal(|ui| {
            let l = ui.label(rate.label);
            let r = ui
                .add(
                    egui::Slider::new(&mut percent, 0.0..=100.0)
                        .suffix("%")
                        .max_decimals(0)
                        // Only a drag or a typed value changes it: showing it never rounds it.
                        .clamping(egui::SliderClamping::Edits),
                )
                .labelled_by(l.id);
            idle_note(ui, rate.idle);
            r
        })
        .inner
        .on_hover_text(rate.hover);
    access::value_text(&r, format!("{percent:.0}%"), Some(1.0));
    if r.changed() && (percent / 100.0 - value).abs() > 1e-9 {
        let mut s = Settings::of(plan);
        (rate.set)(&mut s, own, (percent / 100.0).clamp(0.0, 1.0));
        commands.push(Command::Edit(Edit::settings(rate.edit, s).keyed(rate.key)));
    }
}

/// Says beside a lever why it moves nothing.
fn idle_note(ui: &mut Ui, reason: Option<&str>) {
    if let Some(reason) = reason {
        ui.label(RichText::new(reason).italics().weak());
    }
}

/// Starts a new line of levers unless `label`, a slider and its value fit on this one.
fn wrap_unless_fits(ui: &mut Ui, label: &str) {
    let text = ui
        .painter()
        .layout_no_wrap(
            label.to_owned(),
            egui::TextStyle::Body.resolve(ui.style()),
            egui::Color32::PLACEHOLDER,
        )
        .size()
        .x;
    let spacing = ui.spacing();
    let needed =
        text + spacing.slider_width + spacing.interact_size.x * 1.5 + 4.0 * spacing.item_spacing.x;
    // The rest of this line (a wrapping layout's available width is the whole line's).
    if ui.max_rect().right() - ui.cursor().min.x < needed {
        ui.end_row();
    }
}
