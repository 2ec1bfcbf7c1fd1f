//! A scenario's editor: its own values for the plan's settings, each ticked to take effect.

use super::State;
use super::roles::roles_ui;
use crate::document::Derived;
use crate::document::edit::Settings;
use crate::format::fte;
use crate::model::{ImplementationCost, Money, PaybackLimit, Plan, Programme, Scenario};
use crate::theme;
use crate::ui::access::Said as _;
use crate::ui::views::assumptions::{COST_SHARES, SPLIT_METHODS};
use crate::ui::widgets;
use egui::{Grid, Ui};

/// The selected scenario's changes.
#[expect(
    clippy::too_many_arguments,
    reason = "the view's pieces, passed rather than bundled for one caller"
)]
pub(super) fn editor_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    s: &mut Settings,
    i: usize,
    state: &mut State,
    problems: &[&crate::model::Problem],
    what: &mut Option<String>,
) {
    let programme = s.programme;
    let plan_assumptions = s.assumptions.clone();
    let sc = &mut s.scenarios[i];
    crate::ui::access::heading(ui, format!("Scenario: {}", sc.name));
    for p in problems {
        widgets::problem(ui, p, true);
    }
    Grid::new("scenario editor")
        .num_columns(2)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            if general_grid(ui, sc, programme, &plan_assumptions) {
                *what = Some("change scenario".to_owned());
            }
        });
    ui.add_space(theme::SECTION_GAP / 2.0);
    crate::ui::access::section(ui, "One-off implementation costs");
    if implementation_ui(ui, sc, &plan_assumptions.implementation_costs, programme) {
        *what = Some("change scenario's implementation costs".to_owned());
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    crate::ui::access::section(ui, "Savings and costs besides posts");
    if lines_ui(ui, plan, sc, &plan_assumptions.lines, programme) {
        *what = Some("change scenario's savings and costs besides posts".to_owned());
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    crate::ui::access::section(ui, "VR terms");
    if vr_ui(ui, plan, sc) {
        *what = Some("change scenario's VR terms".to_owned());
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    ui.strong("Uncertain inputs")
        .on_hover_text("This scenario's own ranges; where it gives none, the plan's (Assumptions). Money > Uncertainty runs the scenario over them");
    if crate::ui::views::risk::ranges_ui(ui, &sc.name.clone(), &mut sc.ranges) {
        *what = Some("change scenario's uncertain inputs".to_owned());
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    crate::ui::access::section(ui, "Pay change for the staff who stay");
    if pay_ui_for(ui, plan, sc, &plan_assumptions) {
        *what = Some("change scenario's pay change".to_owned());
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    ui.strong("Targets and go-live by function")
        .on_hover_text("A function with its own go-live goes live in a wave of its own: its consultation starts as long before its go-live as the programme's does");
    if functions_ui(ui, plan, sc) {
        *what = Some("change function".to_owned());
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    crate::ui::access::section(ui, "Targets and pay by role");
    // Each role's salary under the plan's rule as the base computes it: where a set salary
    // starts, and shown beside the rule.
    let salaries: std::collections::HashMap<&str, Money> = derived
        .outcome
        .roles
        .iter()
        .map(|r| (r.id.as_str(), r.target_salary))
        .collect();
    roles_ui(ui, plan, sc, &salaries, &mut state.role_filter, what);
}

/// Name, description, dates, overall scale, redeployment, VR, compulsory redundancy, split and
/// pay protection: an unticked change keeps the plan's value.
pub(super) fn general_grid(
    ui: &mut Ui,
    sc: &mut Scenario,
    programme: Programme,
    a: &crate::model::Assumptions,
) -> bool {
    let mut changed = false;
    if let Some(v) = widgets::text(ui, "Scenario name", &sc.name) {
        sc.name = v;
        changed = true;
    }
    ui.end_row();
    if let Some(v) = widgets::long_text(ui, "What the scenario tests", &sc.description) {
        sc.description = v;
        changed = true;
    }
    ui.end_row();
    changed |= optional(
        ui,
        "Go-live",
        &mut sc.go_live,
        programme.go_live,
        |ui, l, d| widgets::date(ui, l, *d).map(|v| *d = v).is_some(),
    );
    changed |= optional(
        ui,
        "Consultation start",
        &mut sc.consultation_start,
        programme.consultation_start,
        |ui, l, d| widgets::date(ui, l, *d).map(|v| *d = v).is_some(),
    );
    changed |= optional(ui, "Target scale", &mut sc.target_scale, 1.0, |ui, l, x| {
        widgets::number(ui, l, *x, 0.0..=2.0, 2)
            .map(|v| *x = v)
            .is_some()
    });
    changed |= optional(
        ui,
        "Redeployment rate",
        &mut sc.redeployment_rate,
        a.redeployment_rate,
        |ui, l, x| widgets::percent(ui, l, *x, 100.0).map(|v| *x = v).is_some(),
    );
    changed |= optional(
        ui,
        "VR take-up",
        &mut sc.vr_take_up,
        a.vr_take_up,
        |ui, l, x| widgets::percent(ui, l, *x, 100.0).map(|v| *x = v).is_some(),
    );
    changed |= optional(
        ui,
        "VR payback limit",
        &mut sc.vr_payback_limit,
        PaybackLimit::Years(2.0),
        |ui, l, limit| {
            let years = match limit {
                PaybackLimit::Years(y) => *y,
                PaybackLimit::None => 0.0,
            };
            widgets::number(
                ui,
                &format!("{l} (years, 0 for none)"),
                years,
                0.0..=20.0,
                1,
            )
            .map(|v| {
                *limit = if v > 0.0 {
                    PaybackLimit::Years(v)
                } else {
                    PaybackLimit::None
                };
            })
            .is_some()
        },
    );
    let compulsory = as_plan_or(&[(true, "Allowed"), (false, "Not allowed (VR only)")]);
    changed |= pick(
        ui,
        "Compulsory redundancy",
        &mut sc.compulsory_allowed,
        &compulsory,
    );
    let bumping = as_plan_or(&[
        (true, "Allowed (each exit approved)"),
        (false, "Not allowed"),
    ]);
    changed |= pick(ui, "Bumped redundancy", &mut sc.bumping, &bumping);
    let years = |ui: &mut Ui, l: &str, y: &mut f64| {
        widgets::number(ui, &format!("{l} (years)"), *y, 0.0..=10.0, 1)
            .map(|v| *y = v)
            .is_some()
    };
    changed |= optional(
        ui,
        "Pay protection",
        &mut sc.pay_protection_years,
        a.pay_protection_years,
        years,
    );
    changed |= optional(
        ui,
        "Protection taper",
        &mut sc.pay_protection_taper_years,
        a.pay_protection_taper_years,
        years,
    );
    let protect = as_plan_or(&[(true, "Protected"), (false, "Not protected")]);
    changed |= pick(
        ui,
        "Harmonised pay that falls",
        &mut sc.protect_harmonised_pay,
        &protect,
    );
    let methods = as_plan_or(&SPLIT_METHODS);
    changed |= pick(ui, "Councils share", &mut sc.split_method, &methods);
    let shares = as_plan_or(&COST_SHARES);
    changed |= pick(ui, "In the ratio", &mut sc.cost_share, &shares);
    changed
}

/// "As the plan", then each of `options`.
pub(super) fn as_plan_or<T: Copy>(options: &[(T, &str)]) -> Vec<(Option<T>, String)> {
    std::iter::once((None, "As the plan".to_owned()))
        .chain(options.iter().map(|&(v, l)| (Some(v), l.to_owned())))
        .collect()
}

/// One choice from a list as a row of the grid; true when it changed.
pub(super) fn pick<T: Clone + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[(T, String)],
) -> bool {
    let new = widgets::choice(ui, label, value, options);
    ui.end_row();
    new.map(|v| *value = v).is_some()
}

/// A tick box "Change <label>"; when ticked, the value's own field beside it.
pub(super) fn optional<T: Clone>(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<T>,
    start: T,
    field: impl FnOnce(&mut Ui, &str, &mut T) -> bool,
) -> bool {
    let mut changed = false;
    if let Some(on) = widgets::tick(
        ui,
        &format!("Change {}", lower_first(label)),
        value.is_some(),
    ) {
        *value = on.then(|| start.clone());
        changed = true;
    }
    ui.end_row();
    if let Some(v) = value {
        changed |= field(ui, label, v);
        ui.end_row();
    }
    changed
}

/// "Go-live" as "go-live", but "VR payback limit" as it is.
pub(super) fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => a
            .to_lowercase()
            .chain(std::iter::once(b))
            .chain(chars)
            .collect(),
        _ => label.to_owned(),
    }
}

/// The scenario's own implementation costs, when it has them (starting from the plan's).
pub(super) fn implementation_ui(
    ui: &mut Ui,
    sc: &mut Scenario,
    planned: &[ImplementationCost],
    programme: Programme,
) -> bool {
    let mut changed = false;
    let mut own = sc.implementation_costs.is_some();
    if ui
        .checkbox(&mut own, "Change the implementation costs")
        .changed()
    {
        sc.implementation_costs = own.then(|| planned.to_vec());
        changed = true;
    }
    let Some(costs) = sc.implementation_costs.as_mut() else {
        let total: Money = planned.iter().map(|c| c.amount).sum();
        ui.label(format!("As the plan: {} in all", total.full()));
        return changed;
    };
    changed |= crate::ui::views::assumptions::cost_rows(ui, costs, programme.go_live, "Scenario")
        .is_some();
    changed
}

/// The scenario's own savings and costs besides posts, when it has them (starting from the
/// plan's).
pub(super) fn lines_ui(
    ui: &mut Ui,
    plan: &Plan,
    sc: &mut Scenario,
    planned: &[crate::model::Line],
    programme: Programme,
) -> bool {
    let mut changed = false;
    let mut own = sc.lines.is_some();
    if ui
        .checkbox(&mut own, "Change the savings and costs besides posts")
        .changed()
    {
        sc.lines = own.then(|| planned.to_vec());
        changed = true;
    }
    let Some(lines) = sc.lines.as_mut() else {
        ui.label(format!(
            "As the plan: {}",
            widgets::plural(planned.len(), "line")
        ));
        return changed;
    };
    changed |=
        crate::ui::views::assumptions::line_rows(ui, plan, lines, programme.go_live, "Scenario")
            .is_some();
    changed
}

/// The scenario's VR terms: a minimum service for every council, and each council's VR
/// multiplier beside the plan's.
pub(super) fn vr_ui(ui: &mut Ui, plan: &Plan, sc: &mut Scenario) -> bool {
    let mut changed = false;
    Grid::new("scenario vr terms")
        .num_columns(2)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            let start = plan
                .councils
                .first()
                .map_or(2, |c| c.min_service_for_vr_years);
            changed |= optional(
                ui,
                "Minimum service for VR",
                &mut sc.min_service_for_vr_years,
                start,
                |ui, l, y| {
                    widgets::count(ui, &format!("{l} (years, every council)"), *y, 0..=50)
                        .map(|v| *y = v)
                        .is_some()
                },
            );
        });
    Grid::new("scenario vr multipliers")
        .num_columns(3)
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for h in ["Council", "Plan's VR multiplier", "Scenario's"] {
                ui.strong(h);
            }
            ui.end_row();
            for c in &plan.councils {
                ui.label(&c.short_name);
                ui.label(format!("× {:.2}", c.scheme.vr_multiplier));
                ui.horizontal(|ui| {
                    let mut own = sc.vr_multipliers.contains_key(&c.id);
                    if ui
                        .checkbox(&mut own, "")
                        .accessible_name(format!("Own VR multiplier for {}", c.short_name))
                        .changed()
                    {
                        if own {
                            sc.vr_multipliers
                                .insert(c.id.clone(), c.scheme.vr_multiplier);
                        } else {
                            sc.vr_multipliers.remove(&c.id);
                        }
                        changed = true;
                    }
                    if let Some(m) = sc.vr_multipliers.get_mut(&c.id) {
                        changed |= ui
                            .add(
                                egui::DragValue::new(m)
                                    .range(0.0..=3.0)
                                    .speed(0.01)
                                    .fixed_decimals(2)
                                    .prefix("× "),
                            )
                            .said(format!("× {m:.2}"), 0.01)
                            .accessible_name(format!("VR multiplier for {}", c.short_name))
                            .changed();
                    }
                });
                ui.end_row();
            }
        });
    changed
}

/// The scenario's pay change: the plan's, none, or its own.
pub(super) fn pay_ui_for(
    ui: &mut Ui,
    plan: &Plan,
    sc: &mut Scenario,
    a: &crate::model::Assumptions,
) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Which {
        Plan,
        None,
        Own,
    }
    let now = match &sc.pay_change {
        None => Which::Plan,
        Some(None) => Which::None,
        Some(Some(_)) => Which::Own,
    };
    let options = [
        (Which::Plan, "As the plan".to_owned()),
        (Which::None, "No pay change".to_owned()),
        (Which::Own, "Its own pay change".to_owned()),
    ];
    let mut changed = false;
    ui.horizontal(|ui| {
        if let Some(v) = widgets::choice(ui, "Scenario pay change", &now, &options) {
            sc.pay_change = match v {
                Which::Plan => None,
                Which::None => Some(None),
                Which::Own => Some(Some(a.pay_change.clone().unwrap_or_default())),
            };
            changed = true;
        }
    });
    if let Some(Some(p)) = sc.pay_change.as_mut() {
        let mut own = Some(p.clone());
        if crate::ui::views::assumptions::pay_change_ui(ui, plan, &mut own, "Scenario").is_some() {
            // Unticking its own pay change leaves the scenario with none.
            sc.pay_change = Some(own);
            changed = true;
        }
    }
    changed
}

/// Each function's target in the plan and in the scenario, with its own scale, and its go-live
/// in the plan and in the scenario (functions going live in waves).
pub(super) fn functions_ui(ui: &mut Ui, plan: &Plan, sc: &mut Scenario) -> bool {
    let mut changed = false;
    Grid::new("function scales")
        .num_columns(8)
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for h in [
                "Function",
                "Plan target",
                "Own scale",
                "Scale",
                "Scenario target",
                "Plan go-live",
                "Own go-live",
                "Go-live",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for f in &plan.functions {
                let roles = || plan.roles.iter().filter(|r| r.function == f.id);
                let planned: f64 = roles().map(|r| r.target_fte).sum();
                ui.label(&f.name);
                ui.label(fte(planned));
                let mut own = sc.function_scales.contains_key(&f.id);
                if ui
                    .checkbox(&mut own, "")
                    .accessible_name(format!("Own scale for {}", f.name))
                    .changed()
                {
                    if own {
                        sc.function_scales.insert(f.id.clone(), sc.scale_for(&f.id));
                    } else {
                        sc.function_scales.remove(&f.id);
                    }
                    changed = true;
                }
                if let Some(scale) = sc.function_scales.get_mut(&f.id) {
                    ui.push_id(("function scale", &f.id), |ui| {
                        changed |= ui
                            .add(
                                egui::DragValue::new(scale)
                                    .range(0.0..=2.0)
                                    .speed(0.005)
                                    .fixed_decimals(2)
                                    .prefix("× "),
                            )
                            .said(format!("× {scale:.2}"), 0.01)
                            .accessible_name(format!("Scale of {}", f.name))
                            .changed();
                    });
                } else {
                    ui.label(format!("× {:.2}", sc.scale_for(&f.id)));
                }
                let target: f64 = roles().map(|r| sc.target_for(r)).sum();
                ui.label(fte(target));
                changed |= go_live_cells(ui, plan, sc, f);
                ui.end_row();
            }
        });
    changed
}

/// A function's go-live in the plan, whether the scenario sets its own, and the scenario's.
pub(super) fn go_live_cells(
    ui: &mut Ui,
    plan: &Plan,
    sc: &mut Scenario,
    f: &crate::model::Function,
) -> bool {
    let mut changed = false;
    let planned = f.go_live.unwrap_or(plan.programme.go_live);
    ui.label(planned.to_string());
    let mut own = sc.function_go_live.contains_key(&f.id);
    if ui
        .checkbox(&mut own, "")
        .accessible_name(format!("Own go-live for {}", f.name))
        .changed()
    {
        if own {
            sc.function_go_live
                .insert(f.id.clone(), sc.go_live.unwrap_or(planned));
        } else {
            sc.function_go_live.remove(&f.id);
        }
        changed = true;
    }
    if let Some(d) = sc.function_go_live.get(&f.id).copied() {
        if let Some(new) = widgets::date_field(ui, &format!("Go-live of {}", f.name), None, d) {
            sc.function_go_live.insert(f.id.clone(), new);
            changed = true;
        }
    } else {
        ui.label(
            f.go_live
                .unwrap_or(sc.go_live.unwrap_or(plan.programme.go_live))
                .to_string(),
        );
    }
    changed
}
