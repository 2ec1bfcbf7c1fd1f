//! The levers directors pull in a meeting: sliders for the redeployment rate and the VR
//! multiplier, on the Dashboard and the Money view, so the headline figures and the charts follow
//! while dragging. They change the scenario in use: the plan itself for the base, else that
//! scenario's own values. A drag is one undo step.

use egui::{RichText, Ui};

use crate::document::edit::{Edit, Settings};
use crate::model::{Plan, Scenario};
use crate::theme;
use crate::ui::command::Command;

/// Draws the sliders for the scenario `scenario` of `plan`.
pub fn ui(ui: &mut Ui, plan: &Plan, scenario: &str, commands: &mut Vec<Command>) {
    let base = scenario == Scenario::BASE;
    let own = plan.scenarios.iter().position(|s| s.name == scenario);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Levers").strong())
            .on_hover_text(if base {
                "They change the plan itself (the base scenario)"
            } else {
                "They change the scenario in use, not the plan"
            });
        // Redeployment rate: the scenario's own, else the plan's.
        let rate = own
            .and_then(|i| plan.scenarios[i].redeployment_rate)
            .unwrap_or(plan.assumptions.redeployment_rate);
        let mut percent = rate * 100.0;
        let l = ui.label("Redeployment rate");
        let r = ui
            .add(
                egui::Slider::new(&mut percent, 0.0..=100.0)
                    .suffix("%")
                    .max_decimals(0)
                    // Only a drag or a typed value changes it: showing it never rounds it.
                    .clamping(egui::SliderClamping::Edits),
            )
            .labelled_by(l.id)
            .on_hover_text("The share of the people still at risk after VR who are redeployed");
        if r.changed() && (percent / 100.0 - rate).abs() > 1e-9 {
            let mut s = Settings::of(plan);
            match own {
                Some(i) => s.scenarios[i].redeployment_rate = Some(percent / 100.0),
                None => s.assumptions.redeployment_rate = percent / 100.0,
            }
            commands.push(Command::Edit(
                Edit::settings("change redeployment rate", s).keyed("lever redeployment"),
            ));
        }
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
        let l = ui.label("VR multiplier, every council");
        let r = ui
            .add(
                egui::Slider::new(&mut m, 1.0..=3.0)
                    .prefix("× ")
                    .max_decimals(2)
                    .clamping(egui::SliderClamping::Edits),
            )
            .labelled_by(l.id)
            .on_hover_text(if differ {
                "The councils' multipliers differ: this shows their average, and dragging sets them all"
            } else {
                "The multiple of the statutory weeks each council pays for voluntary redundancy (1 = the statutory weeks; councils are seen paying up to 3)"
            });
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
