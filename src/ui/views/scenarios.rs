//! The Scenarios view: the options directors compare. Each scenario is managed here (add,
//! duplicate, rename, reorder, delete) and every change it makes to the plan is edited here: its
//! dates, its targets by function and by role (a grid of the plan's value, the scenario's and
//! the difference), role pay, VR and redeployment, the split, pay protection and implementation
//! costs. Below: the scenarios compared, and what changed between two scenarios or between the
//! open plan and another plan file ([`super::changes`]).

use egui::{Grid, RichText, Ui};

use super::assumptions::{COST_SHARES, SPLIT_METHODS};
use crate::charts::{Scenarios, fte};
use crate::document::Derived;
use crate::document::edit::{Edit, Settings};
use crate::model::{
    ImplementationCost, Location, Money, PaybackLimit, Plan, Programme, Role, Scenario, TargetPay,
};
use crate::theme;
use crate::ui::command::{Command, TextTable, copy_buttons};
use crate::ui::widgets;

/// The view's own state: the scenario being edited, the comparison's choices, the role filter.
#[derive(Debug, Default)]
pub struct State {
    /// The scenario whose changes are shown for editing (by name).
    pub selected: Option<String>,
    /// Scenarios left out of the comparison (by name); all are compared by default.
    pub left_out: Vec<String>,
    /// The scenario the others are compared with (the base when unset).
    pub reference: Option<String>,
    /// Only roles whose title or function contains this.
    pub role_filter: String,
    /// What changed: its choices and figures.
    pub changes: super::changes::State,
    /// The goal seek: its goal and the last proposal.
    pub seek: super::seek::State,
}

/// Draws the view.
pub fn ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    charts: &mut crate::charts::ChartState,
    commands: &mut Vec<Command>,
) {
    ui.heading(format!("Scenarios — {}", plan.name));
    ui.label(
        RichText::new(
            "Each scenario changes a few things and keeps the plan's value for the rest. The \
             list at the top right chooses the one every view computes with.",
        )
        .size(theme::SMALL_SIZE),
    );
    let mut s = Settings::of(plan);
    let mut what: Option<String> = None;
    list_ui(ui, &mut s, state, &mut what);
    ui.add_space(theme::SECTION_GAP / 2.0);
    if let Some(name) = super::seek::ui(
        ui,
        plan,
        &derived.outcome.scenario,
        derived.revision,
        &mut state.seek,
        &mut s,
    ) {
        what = Some(format!("add scenario {name} (goal seek)"));
        state.selected = Some(name);
    }
    if let Some(name) = state.selected.clone()
        && let Some(i) = s.scenarios.iter().position(|x| x.name == name)
    {
        ui.add_space(theme::SECTION_GAP);
        let problems = derived.problems_at(&Location::Scenario(name.clone()));
        editor_ui(ui, plan, derived, &mut s, i, state, &problems, &mut what);
        // A renamed scenario stays selected.
        state.selected = s.scenarios.get(i).map(|x| x.name.clone());
    }
    if let Some(what) = what {
        commands.push(Command::Edit(
            Edit::settings(&what, s).keyed(format!("scenarios {what}")),
        ));
    }
    ui.add_space(theme::SECTION_GAP);
    compare_ui(ui, plan, derived, state, charts, commands);
    ui.add_space(theme::SECTION_GAP);
    super::changes::ui(ui, plan, derived, &mut state.changes, commands);
}

/// The scenarios, one row each, with what can be done to each.
fn list_ui(ui: &mut Ui, s: &mut Settings, state: &mut State, what: &mut Option<String>) {
    enum Act {
        Duplicate(usize),
        Up(usize),
        Down(usize),
        Delete(usize),
    }
    let mut act = None;
    let count = s.scenarios.len();
    Grid::new("scenario list")
        .num_columns(3)
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            ui.strong("Scenario");
            ui.strong("What it tests");
            ui.strong("");
            ui.end_row();
            ui.label(Scenario::BASE);
            ui.label("The plan as it stands: edit it in the other views");
            ui.label("");
            ui.end_row();
            for (i, sc) in s.scenarios.iter().enumerate() {
                let selected = state.selected.as_deref() == Some(sc.name.as_str());
                if ui
                    .selectable_label(selected, &sc.name)
                    .on_hover_text("Show this scenario's changes to edit them")
                    .clicked()
                {
                    state.selected = (!selected).then(|| sc.name.clone());
                }
                ui.label(&sc.description);
                ui.horizontal(|ui| {
                    let name = &sc.name;
                    if ui
                        .small_button("Duplicate")
                        .accessible_name(format!("Duplicate {name}"))
                        .clicked()
                    {
                        act = Some(Act::Duplicate(i));
                    }
                    if ui
                        .add_enabled(i > 0, egui::Button::new("Move up").small())
                        .accessible_name(format!("Move {name} up"))
                        .clicked()
                    {
                        act = Some(Act::Up(i));
                    }
                    if ui
                        .add_enabled(i + 1 < count, egui::Button::new("Move down").small())
                        .accessible_name(format!("Move {name} down"))
                        .clicked()
                    {
                        act = Some(Act::Down(i));
                    }
                    if ui
                        .small_button("Delete")
                        .accessible_name(format!("Delete {name}"))
                        .clicked()
                    {
                        act = Some(Act::Delete(i));
                    }
                });
                ui.end_row();
            }
        });
    match act {
        Some(Act::Duplicate(i)) => {
            let mut copy = s.scenarios[i].clone();
            copy.name = free_name(
                &format!("{} (copy)", copy.name),
                s.scenarios.iter().map(|x| x.name.as_str()),
            );
            state.selected = Some(copy.name.clone());
            *what = Some(format!("duplicate scenario {}", s.scenarios[i].name));
            s.scenarios.insert(i + 1, copy);
        }
        Some(Act::Up(i)) => {
            s.scenarios.swap(i, i - 1);
            *what = Some(format!("move scenario {} up", s.scenarios[i - 1].name));
        }
        Some(Act::Down(i)) => {
            s.scenarios.swap(i, i + 1);
            *what = Some(format!("move scenario {} down", s.scenarios[i + 1].name));
        }
        Some(Act::Delete(i)) => {
            let gone = s.scenarios.remove(i);
            if state.selected.as_deref() == Some(gone.name.as_str()) {
                state.selected = None;
            }
            *what = Some(format!("delete scenario {}", gone.name));
        }
        None => {}
    }
    if ui.button("Add scenario").clicked() {
        let name = free_name("New scenario", s.scenarios.iter().map(|x| x.name.as_str()));
        state.selected = Some(name.clone());
        s.scenarios.push(Scenario {
            name,
            ..Scenario::default()
        });
        *what = Some("add scenario".to_owned());
    }
}

/// `name`, or `name 2`, `name 3`, ... whichever no scenario has (case aside, as validation
/// compares them).
pub(super) fn free_name<'a>(name: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: Vec<String> = taken.map(str::to_lowercase).collect();
    let free = |n: &str| !taken.contains(&n.to_lowercase()) && !n.eq_ignore_ascii_case("base");
    if free(name) {
        return name.to_owned();
    }
    // At most `taken.len() + 2` tries: one of them is free.
    (2..=taken.len() + 2)
        .map(|n| format!("{name} {n}"))
        .find(|n| free(n))
        .unwrap_or_default()
}

/// The selected scenario's changes.
#[expect(
    clippy::too_many_arguments,
    reason = "the view's pieces, passed rather than bundled for one caller"
)]
fn editor_ui(
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
    ui.heading(format!("Scenario: {}", sc.name));
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
    ui.strong("One-off implementation costs");
    if implementation_ui(ui, sc, &plan_assumptions.implementation_costs, programme) {
        *what = Some("change scenario's implementation costs".to_owned());
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    ui.strong("Savings and costs besides posts");
    if lines_ui(ui, plan, sc, &plan_assumptions.lines, programme) {
        *what = Some("change scenario's savings and costs besides posts".to_owned());
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    ui.strong("VR terms");
    if vr_ui(ui, plan, sc) {
        *what = Some("change scenario's VR terms".to_owned());
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    ui.strong("Uncertain inputs")
        .on_hover_text("This scenario's own ranges; where it gives none, the plan's (Assumptions). Money > Uncertainty runs the scenario over them");
    if super::risk::ranges_ui(ui, &sc.name.clone(), &mut sc.ranges) {
        *what = Some("change scenario's uncertain inputs".to_owned());
    }
    ui.add_space(theme::SECTION_GAP / 2.0);
    ui.strong("Pay change for the staff who stay");
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
    ui.strong("Targets and pay by role");
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
fn general_grid(
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
fn as_plan_or<T: Copy>(options: &[(T, &str)]) -> Vec<(Option<T>, String)> {
    std::iter::once((None, "As the plan".to_owned()))
        .chain(options.iter().map(|&(v, l)| (Some(v), l.to_owned())))
        .collect()
}

/// One choice from a list as a row of the grid; true when it changed.
fn pick<T: Clone + PartialEq>(
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
fn optional<T: Clone>(
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
fn lower_first(label: &str) -> String {
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
fn implementation_ui(
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
    changed |= super::assumptions::cost_rows(ui, costs, programme.go_live, "Scenario").is_some();
    changed
}

/// The scenario's own savings and costs besides posts, when it has them (starting from the
/// plan's).
fn lines_ui(
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
        super::assumptions::line_rows(ui, plan, lines, programme.go_live, "Scenario").is_some();
    changed
}

/// The scenario's VR terms: a minimum service for every council, and each council's VR
/// multiplier beside the plan's.
fn vr_ui(ui: &mut Ui, plan: &Plan, sc: &mut Scenario) -> bool {
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
fn pay_ui_for(ui: &mut Ui, plan: &Plan, sc: &mut Scenario, a: &crate::model::Assumptions) -> bool {
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
        if super::assumptions::pay_change_ui(ui, plan, &mut own, "Scenario").is_some() {
            // Unticking its own pay change leaves the scenario with none.
            sc.pay_change = Some(own);
            changed = true;
        }
    }
    changed
}

/// Each function's target in the plan and in the scenario, with its own scale, and its go-live
/// in the plan and in the scenario (functions going live in waves).
fn functions_ui(ui: &mut Ui, plan: &Plan, sc: &mut Scenario) -> bool {
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
fn go_live_cells(ui: &mut Ui, plan: &Plan, sc: &mut Scenario, f: &crate::model::Function) -> bool {
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

/// The grid of roles: the plan's target and pay, the scenario's, and the difference.
fn roles_ui(
    ui: &mut Ui,
    plan: &Plan,
    sc: &mut Scenario,
    salaries: &std::collections::HashMap<&str, Money>,
    filter: &mut String,
    what: &mut Option<String>,
) {
    ui.horizontal(|ui| {
        ui.label("Find a role");
        ui.add(egui::TextEdit::singleline(filter).desired_width(theme::FIELD_WIDTH))
            .accessible_name("Find a role")
            .on_hover_text("Only roles whose title or function contains this");
    });
    let needle = filter.to_lowercase();
    let function_name = |id: &str| {
        plan.function(id)
            .map_or_else(|| id.to_owned(), |f| f.name.clone())
    };
    Grid::new("role targets")
        .num_columns(7)
        .striped(true)
        .spacing([14.0, 6.0])
        .show(ui, |ui| {
            for h in [
                "Role",
                "Function",
                "Plan target",
                "Scenario target",
                "Difference",
                "Plan pay",
                "Scenario pay",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for role in &plan.roles {
                let function = function_name(&role.function);
                let function = function.as_str();
                if !needle.is_empty()
                    && !role.title.to_lowercase().contains(&needle)
                    && !function.to_lowercase().contains(&needle)
                {
                    continue;
                }
                let salary = salaries.get(role.id.as_str()).copied();
                role_row(ui, role, function, salary, sc, what);
                ui.end_row();
            }
        });
}

fn role_row(
    ui: &mut Ui,
    role: &Role,
    function: &str,
    salary: Option<Money>,
    sc: &mut Scenario,
    what: &mut Option<String>,
) {
    ui.label(&role.title);
    ui.label(function);
    ui.label(fte(role.target_fte));
    let mut target = sc.target_for(role);
    ui.horizontal(|ui| {
        let r = ui
            .add(
                egui::DragValue::new(&mut target)
                    .range(0.0..=1e5)
                    .speed(0.1)
                    .fixed_decimals(1),
            )
            .accessible_name(format!("{} target in the scenario", role.title))
            .on_hover_text("Drag or type the FTE this scenario plans for the role");
        if r.changed() {
            sc.target_overrides.insert(role.id.clone(), target);
            *what = Some(format!("change {} target", role.title));
        }
        if sc.target_overrides.contains_key(&role.id)
            && ui
                .small_button("Reset")
                .accessible_name(format!("Reset {} target", role.title))
                .on_hover_text("Back to the plan's target (times the scale)")
                .clicked()
        {
            sc.target_overrides.remove(&role.id);
            *what = Some(format!("reset {} target", role.title));
        }
    });
    let difference = sc.target_for(role) - role.target_fte;
    ui.label(if difference.abs() < 0.05 {
        "—".to_owned()
    } else {
        format!(
            "{}{}",
            if difference > 0.0 { "+" } else { "" },
            fte(difference)
        )
    });
    ui.label(match (role.pay, salary) {
        (TargetPay::Salary(_), _) | (_, None) => pay_words(role.pay),
        (rule, Some(s)) => format!("{} ({})", pay_words(rule), s.whole()),
    });
    pay_ui(ui, role, salary, sc, what);
}

/// A role's pay rule in words.
fn pay_words(pay: TargetPay) -> String {
    match pay {
        TargetPay::Salary(m) => m.whole(),
        TargetPay::HarmoniseHighest => "highest today".to_owned(),
        TargetPay::HarmoniseAverage => "average today".to_owned(),
        TargetPay::HarmoniseLowest => "lowest today".to_owned(),
    }
}

/// The scenario's pay for a role: as the plan, a harmonisation rule, or a set salary.
fn pay_ui(
    ui: &mut Ui,
    role: &Role,
    salary: Option<Money>,
    sc: &mut Scenario,
    what: &mut Option<String>,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Rule {
        Plan,
        Highest,
        Average,
        Lowest,
        Salary,
    }
    let current = match sc.target_pay.get(&role.id) {
        None => Rule::Plan,
        Some(TargetPay::HarmoniseHighest) => Rule::Highest,
        Some(TargetPay::HarmoniseAverage) => Rule::Average,
        Some(TargetPay::HarmoniseLowest) => Rule::Lowest,
        Some(TargetPay::Salary(_)) => Rule::Salary,
    };
    let words = |r: Rule| match r {
        Rule::Plan => "As the plan",
        Rule::Highest => "Highest today",
        Rule::Average => "Average today",
        Rule::Lowest => "Lowest today",
        Rule::Salary => "A set salary",
    };
    ui.horizontal(|ui| {
        let mut chosen = current;
        egui::ComboBox::from_id_salt(("scenario pay", &role.id))
            .selected_text(words(current))
            .show_ui(ui, |ui| {
                for r in [
                    Rule::Plan,
                    Rule::Highest,
                    Rule::Average,
                    Rule::Lowest,
                    Rule::Salary,
                ] {
                    ui.selectable_value(&mut chosen, r, words(r));
                }
            })
            .response
            .accessible_name(format!("{} pay in the scenario", role.title));
        if chosen != current {
            let pay = match chosen {
                Rule::Plan => None,
                Rule::Highest => Some(TargetPay::HarmoniseHighest),
                Rule::Average => Some(TargetPay::HarmoniseAverage),
                Rule::Lowest => Some(TargetPay::HarmoniseLowest),
                Rule::Salary => Some(TargetPay::Salary(match role.pay {
                    TargetPay::Salary(m) => m,
                    _ => salary.unwrap_or(Money::ZERO),
                })),
            };
            match pay {
                Some(p) => sc.target_pay.insert(role.id.clone(), p),
                None => sc.target_pay.remove(&role.id),
            };
            *what = Some(format!("change {} pay", role.title));
        }
        if let Some(TargetPay::Salary(m)) = sc.target_pay.get_mut(&role.id) {
            let mut pounds = m.as_pounds();
            if ui
                .add(widgets::pounds_value(
                    &mut pounds,
                    Money::pounds(10_000_000),
                    false,
                ))
                .accessible_name(format!("{} salary in the scenario", role.title))
                .changed()
            {
                *m = Money::from_pounds_f64(pounds);
                *what = Some(format!("change {} salary", role.title));
            }
        }
    });
}

/// The scenarios chosen side by side, each figure's difference from the reference, and the
/// grouped bar chart of them.
fn compare_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    charts: &mut crate::charts::ChartState,
    commands: &mut Vec<Command>,
) {
    ui.heading("Compare scenarios");
    if plan.scenarios.is_empty() {
        ui.label("Add a scenario to compare it with the base.");
        return;
    }
    let all = derived.scenarios(plan);
    ui.horizontal_wrapped(|ui| {
        ui.label("Compare");
        for f in &all.scenarios {
            let mut on = !state.left_out.contains(&f.name);
            if ui
                .checkbox(&mut on, &f.name)
                .accessible_name(format!("Compare {}", f.name))
                .changed()
            {
                if on {
                    state.left_out.retain(|n| n != &f.name);
                } else {
                    state.left_out.push(f.name.clone());
                }
            }
        }
    });
    let chosen = Scenarios {
        scenarios: all
            .scenarios
            .iter()
            .filter(|f| !state.left_out.contains(&f.name))
            .cloned()
            .collect(),
    };
    if chosen.scenarios.len() < 2 {
        ui.label("Choose two or more scenarios to compare.");
        return;
    }
    let names: Vec<(String, String)> = chosen
        .scenarios
        .iter()
        .map(|f| (f.name.clone(), f.name.clone()))
        .collect();
    let reference = state
        .reference
        .clone()
        .filter(|r| names.iter().any(|(n, _)| n == r))
        .unwrap_or_else(|| names[0].0.clone());
    ui.horizontal(|ui| {
        if let Some(r) = widgets::filter(ui, "Difference from", &reference, &names) {
            state.reference = Some(r);
        }
    });
    let table = compare_table(&chosen, &reference);
    ui.horizontal(|ui| {
        copy_buttons(ui, "Scenarios compared", || table.clone(), commands);
    });
    compare_grid(ui, &chosen, &table);
    ui.add_space(theme::SECTION_GAP / 2.0);
    crate::ui::card::card_ui(
        ui,
        crate::model::Chart::Scenarios,
        &derived.series,
        Some(&chosen),
        charts,
        commands,
    );
}

/// The comparison on screen: a column a scenario, each figure's difference from the reference
/// on the line under it, so five scenarios fit a laptop's screen (the copy and the CSV keep a
/// column each).
fn compare_grid(ui: &mut Ui, chosen: &Scenarios, table: &TextTable) {
    // Each scenario's column in the table, and its difference's when it has one.
    let mut columns: Vec<(usize, Option<usize>)> = Vec::new();
    let mut c = 1;
    for f in &chosen.scenarios {
        let minus = table
            .headings
            .get(c + 1)
            .is_some_and(|h| h.starts_with(&format!("{} − ", f.name)));
        columns.push((c, minus.then_some(c + 1)));
        c += if minus { 2 } else { 1 };
    }
    let reference = table
        .headings
        .iter()
        .find_map(|h| h.split_once(" − ").map(|(_, b)| b.to_owned()))
        .unwrap_or_default();
    Grid::new("compare scenarios")
        .striped(true)
        .num_columns(columns.len() + 1)
        .spacing([24.0, 2.0])
        .show(ui, |ui| {
            ui.strong("Figure");
            for f in &chosen.scenarios {
                ui.strong(&f.name);
            }
            ui.end_row();
            for row in &table.rows {
                ui.label(row.first().map_or("", String::as_str));
                for &(value, _) in &columns {
                    ui.label(row.get(value).map_or("", String::as_str));
                }
                ui.end_row();
                ui.label(
                    RichText::new(format!("difference from {reference}"))
                        .size(theme::SMALL_SIZE)
                        .weak(),
                );
                for &(_, minus) in &columns {
                    let text = minus.and_then(|m| row.get(m)).map_or("", String::as_str);
                    ui.label(RichText::new(text).size(theme::SMALL_SIZE).weak());
                }
                ui.end_row();
            }
        });
}

/// The comparison as a table: a row a figure, a column a scenario, and beside each scenario
/// other than the reference its difference from it.
pub fn compare_table(chosen: &Scenarios, reference: &str) -> TextTable {
    type Get = fn(&crate::charts::series::ScenarioFigures) -> Value;
    let Some(base) = chosen
        .scenarios
        .iter()
        .find(|f| f.name == reference)
        .or(chosen.scenarios.first())
    else {
        return TextTable {
            name: "Scenarios compared".to_owned(),
            headings: Vec::new(),
            rows: Vec::new(),
        };
    };
    let mut headings = vec!["Figure".to_owned()];
    for f in &chosen.scenarios {
        headings.push(f.name.clone());
        if f.name != base.name {
            headings.push(format!("{} − {}", f.name, base.name));
        }
    }
    let figures: [(&str, Get); 7] = [
        ("Recurring saving a year", |f| Value::Money(f.saving)),
        ("One-off cost", |f| Value::Money(f.one_off)),
        ("Payback, years", |f| Value::Years(f.payback_years)),
        ("Voluntary redundancy, FTE", |f| Value::Fte(f.voluntary)),
        ("Compulsory redundancy, FTE", |f| Value::Fte(f.compulsory)),
        ("FTE reached", |f| Value::Fte(f.fte_after)),
        ("Short of target, FTE", |f| Value::Fte(f.shortfall)),
    ];
    let rows = figures
        .iter()
        .map(|(name, get)| {
            let mut row = vec![(*name).to_owned()];
            let b = get(base);
            for f in &chosen.scenarios {
                let v = get(f);
                row.push(v.text());
                if f.name != base.name {
                    row.push(v.minus(b));
                }
            }
            row
        })
        .collect();
    TextTable {
        name: "Scenarios compared".to_owned(),
        headings,
        rows,
    }
}

/// One figure of a scenario, to show and subtract.
#[derive(Clone, Copy)]
enum Value {
    Money(Money),
    Years(Option<f64>),
    Fte(f64),
}

impl Value {
    fn text(self) -> String {
        match self {
            Self::Money(m) => m.whole(),
            Self::Years(y) => y.map_or_else(|| "none".to_owned(), |y| format!("{y:.1}")),
            Self::Fte(f) => fte(f),
        }
    }

    /// This minus `other`, signed; blank where either has no value.
    fn minus(self, other: Self) -> String {
        // A rise carries "+", a fall its "-", and no change neither.
        let signed = |rise: bool, text: String| {
            if rise { format!("+{text}") } else { text }
        };
        match (self, other) {
            (Self::Money(a), Self::Money(b)) => {
                let d = a - b;
                signed(d.pence() > 0, d.whole())
            }
            (Self::Years(Some(a)), Self::Years(Some(b))) => {
                let d = a - b;
                let d = if d.abs() < 0.05 { 0.0 } else { d };
                signed(d > 0.0, format!("{d:.1}"))
            }
            (Self::Fte(a), Self::Fte(b)) => {
                let d = a - b;
                signed(d >= 0.05, fte(d))
            }
            _ => String::new(),
        }
    }
}
