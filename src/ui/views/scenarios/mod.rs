//! The Scenarios view: the options directors compare. Each scenario is managed here (add,
//! duplicate, rename, reorder, delete) and every change it makes to the plan is edited here: its
//! dates, its targets by function and by role (a grid of the plan's value, the scenario's and
//! the difference), role pay, VR and redeployment, the split, pay protection and implementation
//! costs. Below: the scenarios compared, and what changed between two scenarios or between the
//! open plan and another plan file ([`super::changes`]).

mod compare;
mod editor;
mod roles;

pub use self::compare::compare_table;
use self::compare::compare_ui;
use self::editor::editor_ui;

use egui::{Grid, RichText, Ui};

use crate::document::Derived;
use crate::document::edit::{Edit, Settings};
use crate::model::{Location, Plan, Scenario};
use crate::theme;
use crate::ui::command::Command;

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
    crate::ui::access::heading(ui, format!("Scenarios — {}", plan.name));
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
        ui.add_space(theme::SECTION_GAP / 2.0);
        crate::ui::review::comments_on(ui, plan, &crate::model::Topic::Scenario(name), commands);
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
