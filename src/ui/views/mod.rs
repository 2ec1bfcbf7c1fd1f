//! The central views, the navigator and the validation panel. Each view is a function of the plan
//! and the derived figures that pushes commands; none of them changes the plan itself.

pub mod assumptions;
pub mod changes;
pub mod councils;
pub mod dashboard;
pub mod establishment;
pub mod leavers;
pub mod levers;
pub mod navigator;
pub mod problems;
pub mod reports;
pub mod risk;
pub mod scenarios;
pub mod seek;
pub mod target;

use super::command::{Command, View};
use crate::charts::ChartState;
use crate::document::Derived;
use crate::model::Plan;

/// Visual state of the panels: selections, filters and scroll targets. Never saved.
#[derive(Debug, Default)]
pub struct Panels {
    /// The council selected in the Councils view.
    pub council: Option<String>,
    /// The function selected in the Target structure view.
    pub function: Option<String>,
    /// The role selected in the Target structure view.
    pub role: Option<String>,
    /// Structure > Propose a target structure…: open or not, and the choice.
    pub propose: target::Propose,
    /// The post table's filters, sort, selection and cached rows.
    pub posts: establishment::State,
    /// Which charts show their figures, and the pools chart's drill-down.
    pub charts: ChartState,
    /// Pools > Leavers: its filters and sort.
    pub leavers: leavers::State,
    /// The Scenarios view: the scenario edited, the comparison, what changed.
    pub scenarios: scenarios::State,
    /// Money > Uncertainty: the run under way and the last result.
    pub risk: risk::State,
    /// Pools > Equality: its protected table, made off the window's thread.
    pub equality: reports::EqualityState,
}

/// Draws the chosen view.
pub fn central(
    ui: &mut egui::Ui,
    view: View,
    plan: &Plan,
    derived: &Derived,
    panels: &mut Panels,
    commands: &mut Vec<Command>,
) {
    match view {
        View::Dashboard => {
            egui::ScrollArea::vertical()
                .id_salt(("view", view.label()))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    dashboard::ui(ui, plan, derived, &mut panels.charts, commands);
                    crate::ui::access::scroll_focus_into_view(ui);
                });
        }
        View::Councils => councils::ui(ui, plan, derived, &mut panels.council, commands),
        View::Establishment => establishment::ui(ui, plan, derived, &mut panels.posts, commands),
        View::Target => target::ui(ui, plan, derived, panels, commands),
        View::Pools => scrolled(ui, view, |ui| {
            reports::pools_ui(ui, plan, derived, &mut panels.charts, commands);
            ui.add_space(crate::theme::SECTION_GAP);
            reports::equality_ui(
                ui,
                plan,
                derived,
                &mut panels.charts,
                &mut panels.equality,
                commands,
            );
            ui.add_space(crate::theme::SECTION_GAP);
            crate::ui::access::section(ui, "Leavers and people at risk");
            leavers::ui(
                ui,
                plan,
                derived.leavers(plan),
                &mut panels.leavers,
                commands,
            );
        }),
        View::Money => scrolled(ui, view, |ui| {
            reports::money_ui(ui, plan, derived, &mut panels.charts, commands);
            ui.add_space(crate::theme::SECTION_GAP);
            risk::ui(
                ui,
                plan,
                derived,
                &mut panels.risk,
                &mut panels.charts,
                commands,
            );
        }),
        View::Timetable => scrolled(ui, view, |ui| {
            reports::timetable_ui(ui, plan, derived, &mut panels.charts, commands);
        }),
        View::Scenarios => scrolled(ui, view, |ui| {
            scenarios::ui(
                ui,
                plan,
                derived,
                &mut panels.scenarios,
                &mut panels.charts,
                commands,
            );
        }),
        View::Assumptions => scrolled(ui, view, |ui| assumptions::ui(ui, plan, derived, commands)),
    }
}

/// A view of wide tables that scrolls both ways when it does not fit the window.
/// Each view keeps its own scroll position (`view` salts the id).
fn scrolled(ui: &mut egui::Ui, view: View, add: impl FnOnce(&mut egui::Ui)) {
    egui::ScrollArea::both()
        .id_salt(("view", view.label()))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            add(ui);
            crate::ui::access::scroll_focus_into_view(ui);
        });
}
