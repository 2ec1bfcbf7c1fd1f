//! Scenarios > Goal seek: "save £X a year" with the directors' constraints, solved for the role
//! targets with the fewest compulsory redundancies, then the lowest one-off cost, then the saving
//! closest to the goal
//! ([`crate::engine::seek`]). The proposal is shown with what it changes from the scenario it
//! started from; it joins the plan as a new scenario only when the user keeps it.

use egui::{Grid, RichText, Ui};

use crate::document::edit::Settings;
use crate::engine::seek::{Goal, Proposal, Shortfall, seek};
use crate::model::{Money, Plan};
use crate::theme;
use crate::ui::widgets;

/// The goal being set, and the last answer with the plan's revision it was found for.
#[derive(Debug)]
pub struct State {
    /// The saving a year to reach.
    pub saving: Money,
    /// No compulsory redundancies.
    pub no_compulsory: bool,
    /// Payback within a limit, and the limit in years.
    pub payback: (bool, f64),
    /// Each function kept at or above a share of today, and the share.
    pub share: (bool, f64),
    /// Critical posts kept.
    pub keep_critical: bool,
    /// The last answer, the goal it answered and the revision it was found for.
    answer: Option<(u64, Goal, Result<Proposal, Shortfall>)>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            saving: Money::ZERO,
            no_compulsory: false,
            payback: (false, 3.0),
            share: (false, 0.7),
            keep_critical: true,
            answer: None,
        }
    }
}

impl State {
    fn goal(&self) -> Goal {
        Goal {
            saving: self.saving,
            no_compulsory: self.no_compulsory,
            max_payback_years: self.payback.0.then_some(self.payback.1),
            min_function_share: self.share.0.then_some(self.share.1),
            keep_critical: self.keep_critical,
        }
    }
}

/// The goal seek, starting from scenario `from` of the plan at `revision`. Keeping a proposal
/// adds it to `s` and returns its name.
pub fn ui(
    ui: &mut Ui,
    plan: &Plan,
    from: &str,
    revision: u64,
    state: &mut State,
    s: &mut Settings,
) -> Option<String> {
    let mut kept = None;
    egui::CollapsingHeader::new("Goal seek: find the targets that save a given amount")
        .id_salt("goal seek")
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "Sets every role's target, starting from the {from} scenario, to save the amount with the fewest compulsory redundancies, then the lowest one-off cost, then as close to the amount as that allows. The proposal is shown first; keep it as a new scenario to compare it."
                ))
                .size(theme::SMALL_SIZE),
            );
            goal_ui(ui, state);
            if ui
                .add_enabled(state.saving.pence() > 0, egui::Button::new("Find targets"))
                .on_disabled_hover_text("Enter the saving a year to reach first")
                .clicked()
                && let Some(base) = plan.scenario(from)
            {
                let goal = state.goal();
                let name = super::scenarios::free_name(
                    &format!("Save {} a year", goal.saving.compact()),
                    s.scenarios.iter().map(|x| x.name.as_str()),
                );
                let answer = seek(plan, &base, &goal, &name);
                state.answer = Some((revision, goal, answer));
            }
            let Some((at, goal, answer)) = &state.answer else {
                return;
            };
            let palette = theme::palette(ui);
            if *at != revision {
                ui.colored_label(
                    palette.warning,
                    "The plan has changed since these targets were found: find them again",
                );
            }
            match answer {
                Ok(p) => {
                    if proposal_ui(ui, p) && *at == revision {
                        s.scenarios.push(p.scenario.clone());
                        kept = Some(p.scenario.name.clone());
                    }
                }
                Err(short) => {
                    ui.colored_label(
                        palette.warning,
                        crate::figures::report::shortfall_words(goal, short),
                    );
                }
            }
        });
    if kept.is_some() {
        state.answer = None;
    }
    kept
}

fn goal_ui(ui: &mut Ui, state: &mut State) {
    Grid::new("goal seek goal")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            if let Some(m) = widgets::money(
                ui,
                "Saving a year to reach",
                state.saving,
                Money::pounds(10_000_000_000),
            ) {
                state.saving = m;
            }
            ui.end_row();
            if let Some(v) = widgets::tick(ui, "No compulsory redundancies", state.no_compulsory) {
                state.no_compulsory = v;
            }
            ui.end_row();
            if let Some(v) = widgets::tick(ui, "Critical posts kept", state.keep_critical) {
                state.keep_critical = v;
            }
            ui.end_row();
            if let Some(v) = widgets::tick(ui, "Payback within a limit", state.payback.0) {
                state.payback.0 = v;
            }
            ui.end_row();
            if state.payback.0 {
                if let Some(v) =
                    widgets::number(ui, "Payback limit (years)", state.payback.1, 0.1..=20.0, 1)
                {
                    state.payback.1 = v;
                }
                ui.end_row();
            }
            if let Some(v) =
                widgets::tick(ui, "Each function kept at a share of today", state.share.0)
            {
                state.share.0 = v;
            }
            ui.end_row();
            if state.share.0 {
                if let Some(v) =
                    widgets::percent(ui, "Least share of today's FTE", state.share.1, 100.0)
                {
                    state.share.1 = v;
                }
                ui.end_row();
            }
        });
}

/// The proposal's headline figures and the targets it changes; whether the user keeps it.
fn proposal_ui(ui: &mut Ui, p: &Proposal) -> bool {
    ui.add_space(theme::SECTION_GAP / 2.0);
    ui.strong(format!("Proposal: {}", p.scenario.name));
    ui.label(
        RichText::new(crate::figures::report::seek_headline(p)).size(theme::HEADLINE_LABEL_SIZE),
    );
    Grid::new("goal seek changes")
        .striped(true)
        .num_columns(5)
        .spacing([20.0, 4.0])
        .show(ui, |ui| {
            for h in ["Function", "Role", "Today", "Target now", "Target proposed"] {
                ui.strong(h);
            }
            ui.end_row();
            for c in &p.changes {
                ui.label(&c.function);
                ui.label(&c.title);
                ui.label(crate::format::fte(c.today));
                ui.label(crate::format::fte(c.from));
                ui.label(crate::format::fte(c.to));
                ui.end_row();
            }
        });
    ui.button("Keep as a new scenario")
        .on_hover_text("Adds the proposal to the plan's scenarios (Undo takes it away)")
        .clicked()
}
