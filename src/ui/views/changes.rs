//! What changed: between two scenarios of the open plan, or between another plan file (an
//! earlier version, a colleague's copy) and the open plan. The changes are grouped by what they
//! are to, counted, searchable, and shown with their effect on the headline figures.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::document::Derived;
use crate::document::diff::{self, Change, What};
use crate::document::label::words;
use crate::figures::charts::ScenarioFigures;
use crate::figures::charts::Scenarios;
use crate::figures::tables::Table;
use crate::model::{Plan, Scenario};
use crate::theme;
use crate::ui::command::{Command, copy_buttons};
use crate::ui::widgets;

/// The most lines shown in a group before "and N more" (a search narrows them).
const SHOWN: usize = 300;

/// What is compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Between {
    /// Two scenarios of the open plan.
    #[default]
    Scenarios,
    /// Another plan file and the open plan.
    File,
}

/// Another plan file read for comparing, with what was worked out from it.
#[derive(Debug)]
pub struct Other {
    /// Where it was read from.
    pub path: PathBuf,
    /// The plan in it.
    pub plan: Box<Plan>,
    /// Its base scenario's headline figures.
    pub figures: ScenarioFigures,
    /// The open plan's revision the changes were worked out for.
    revision: Option<u64>,
    /// From the file's plan to the open plan.
    changes: Listed,
}

/// Changes with their words, in lower case for the search, and their counts: worked out once
/// (a file's changes once per revision of the open plan), not on every frame.
#[derive(Debug, Default)]
pub struct Listed {
    changes: Vec<Change>,
    words: Vec<String>,
    lowered: Vec<String>,
    counts: Vec<(What, [usize; 3])>,
}

impl Listed {
    /// `changes` in words as `plan` names things.
    pub fn new(plan: &Plan, changes: Vec<Change>) -> Self {
        let words: Vec<String> = changes.iter().map(|c| words(plan, c)).collect();
        let lowered = words.iter().map(|w| w.to_lowercase()).collect();
        let counts = diff::counts(&changes);
        Self {
            changes,
            words,
            lowered,
            counts,
        }
    }
}

impl Other {
    /// A plan read from `path`, its figures worked out once.
    pub fn new(path: PathBuf, plan: Plan) -> Self {
        let figures = Scenarios::figures(&crate::engine::evaluate_base(&plan));
        Self {
            path,
            plan: Box::new(plan),
            figures,
            revision: None,
            changes: Listed::default(),
        }
    }
}

/// The section's own state.
#[derive(Debug, Default)]
pub struct State {
    /// Two scenarios or a file.
    pub between: Between,
    /// The first scenario (the base when unset).
    pub from: Option<String>,
    /// The second scenario (the first other than the base when unset).
    pub to: Option<String>,
    /// Another plan file, once read.
    pub other: Option<Other>,
    /// Only changes whose words contain this.
    pub search: String,
    /// Scroll the section into view on the next frame (What changed since a sign-off).
    pub reveal: bool,
}

/// Draws the section.
pub fn ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    commands: &mut Vec<Command>,
) {
    let heading = crate::ui::access::heading(ui, "What changed");
    if std::mem::take(&mut state.reveal) {
        heading.scroll_to_me(Some(egui::Align::TOP));
    }
    ui.horizontal(|ui| {
        ui.selectable_value(
            &mut state.between,
            Between::Scenarios,
            "Between two scenarios",
        );
        ui.selectable_value(
            &mut state.between,
            Between::File,
            "Between another plan file and this plan",
        );
    });
    match state.between {
        Between::Scenarios => scenarios_ui(ui, plan, derived, state, commands),
        Between::File => file_ui(ui, plan, derived, state, commands),
    }
}

fn scenarios_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    commands: &mut Vec<Command>,
) {
    let names: Vec<(String, String)> = plan
        .scenario_names()
        .into_iter()
        .map(|n| (n.clone(), n))
        .collect();
    if names.len() < 2 {
        ui.label("Add a scenario to see what it changes from the base.");
        return;
    }
    let valid = |n: &Option<String>| n.clone().filter(|n| names.iter().any(|(x, _)| x == n));
    let from = valid(&state.from).unwrap_or_else(|| names[0].0.clone());
    let to = valid(&state.to).unwrap_or_else(|| names[1].0.clone());
    ui.horizontal(|ui| {
        if let Some(v) = widgets::filter(ui, "From", &from, &names) {
            state.from = Some(v);
        }
        if let Some(v) = widgets::filter(ui, "To", &to, &names) {
            state.to = Some(v);
        }
    });
    let (Some(a), Some(b)) = (plan.scenario(&from), plan.scenario(&to)) else {
        return;
    };
    let changes = scenario_changes(&a, &b);
    let all = derived.scenarios(plan);
    let figures = |name: &str| all.scenarios.iter().find(|f| f.name == name).cloned();
    if let (Some(fa), Some(fb)) = (figures(&from), figures(&to)) {
        effect_ui(ui, &fa, &fb, commands);
    }
    changes_ui(ui, &Listed::new(plan, changes), &mut state.search, commands);
}

/// The fields one scenario sets differently from another (the base sets nothing).
pub fn scenario_changes(a: &Scenario, b: &Scenario) -> Vec<Change> {
    let json = |s: &Scenario| {
        let mut v = serde_json::to_value(s).unwrap_or(serde_json::Value::Null);
        // The names differ by definition; what they test is shown beside them.
        if let serde_json::Value::Object(map) = &mut v {
            map.remove("name");
        }
        v
    };
    let mut changes = diff::field_changes(What::Scenario, &json(a), &json(b));
    for c in &mut changes {
        c.id.clone_from(&b.name);
    }
    changes
}

fn file_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if ui
            .button("Choose a plan file…")
            .on_hover_text("An earlier version of this plan, or a colleague's copy")
            .clicked()
        {
            commands.push(Command::CompareWithFile);
        }
        if let Some(other) = &state.other {
            ui.label(format!(
                "{} ({}) compared with this plan",
                other.path.display(),
                other.plan.name
            ));
        }
    });
    let Some(other) = state.other.as_mut() else {
        ui.label("Choose a plan file to see what changed between it and the open plan.");
        return;
    };
    // Comparing every post of two large plans takes a moment: not while a value is being
    // dragged, but when it is let go.
    if other.revision != Some(derived.revision) {
        if ui.input(|i| i.pointer.any_down()) {
            ui.label(RichText::new("The changes are worked out again when you let go").italics());
        } else {
            other.changes = Listed::new(plan, diff::diff(&other.plan, plan));
            other.revision = Some(derived.revision);
        }
    }
    let base = derived.scenarios(plan).scenarios.first().cloned();
    if let Some(now) = base {
        let (was, is, sentence) = crate::figures::words::versions_named(&other.plan, plan);
        let mut before = other.figures.clone();
        before.name = was;
        let mut now = now;
        now.name = is;
        effect_ui(ui, &before, &now, commands);
        if let Some(sentence) = sentence {
            ui.label(sentence);
        }
    }
    changes_ui(ui, &other.changes, &mut state.search, commands);
}

/// The effect on the headline figures: before, after and the difference.
fn effect_ui(
    ui: &mut Ui,
    before: &ScenarioFigures,
    after: &ScenarioFigures,
    commands: &mut Vec<Command>,
) {
    ui.add_space(theme::SECTION_GAP / 2.0);
    crate::ui::access::section(ui, "Effect on the headline figures");
    let chosen = Scenarios {
        scenarios: vec![before.clone(), after.clone()],
    };
    let mut table = super::scenarios::compare_table(&chosen, &before.name);
    table.title = "Effect of the changes".to_owned();
    ui.horizontal(|ui| {
        copy_buttons(ui, "Effect of the changes", || table.clone(), commands);
    });
    widgets::text_table(ui, "effect", &table);
}

/// The changes grouped by what they are to, counted, searchable.
fn changes_ui(ui: &mut Ui, listed: &Listed, search: &mut String, commands: &mut Vec<Command>) {
    ui.add_space(theme::SECTION_GAP / 2.0);
    if listed.changes.is_empty() {
        ui.label("Nothing changed.");
        return;
    }
    let summary: Vec<String> = listed
        .counts
        .iter()
        .map(|(what, [added, changed, removed])| {
            let mut parts = Vec::new();
            for (n, word) in [(added, "added"), (changed, "changed"), (removed, "removed")] {
                if *n > 0 {
                    parts.push(format!("{} {word}", widgets::plural(*n, what.word())));
                }
            }
            parts.join(", ")
        })
        .collect();
    ui.label(RichText::new(summary.join("; ")).strong());
    ui.horizontal(|ui| {
        ui.label("Search changes");
        ui.add(egui::TextEdit::singleline(search).desired_width(theme::LONG_FIELD_WIDTH))
            .accessible_name("Search changes");
        copy_buttons(ui, "What changed", || table(listed), commands);
    });
    let needle = search.to_lowercase();
    for (what, _) in &listed.counts {
        let lines: Vec<&str> = listed
            .changes
            .iter()
            .zip(&listed.words)
            .zip(&listed.lowered)
            .filter(|((c, _), lowered)| {
                c.what == *what && (needle.is_empty() || lowered.contains(&needle))
            })
            .map(|((_, line), _)| line.as_str())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let title = format!(
            "{} ({})",
            heading(*what),
            widgets::plural(lines.len(), "change")
        );
        egui::CollapsingHeader::new(title)
            .id_salt(("changes", what.word()))
            .default_open(lines.len() <= 50)
            .show(ui, |ui| {
                for line in lines.iter().take(SHOWN) {
                    ui.label(*line);
                }
                if lines.len() > SHOWN {
                    ui.label(
                        RichText::new(format!(
                            "and {} more: search to narrow them",
                            crate::format::thousands((lines.len() - SHOWN) as u64)
                        ))
                        .italics(),
                    );
                }
            });
    }
}

fn heading(what: What) -> &'static str {
    match what {
        What::Council => "Councils",
        What::Function => "Functions",
        What::Role => "Roles and targets",
        What::Post => "Posts",
        What::Scenario => "Scenarios",
        What::Setting => "Settings",
        What::Parameter => "Statutory parameters",
        What::Comment => "Comments",
        What::SignOff => "Sign-offs",
    }
}

/// Every change as a table, to copy or save: in words, and as the plan file names it.
fn table(listed: &Listed) -> Table {
    Table::of_words(
        "changes",
        "What changed",
        ["Change", "What", "Kind", "Item", "Field", "Old", "New"]
            .map(str::to_owned)
            .to_vec(),
        listed
            .changes
            .iter()
            .zip(&listed.words)
            .map(|(c, words)| {
                vec![
                    words.clone(),
                    c.what.word().to_owned(),
                    format!("{:?}", c.kind).to_lowercase(),
                    c.id.clone(),
                    c.field.clone(),
                    c.old.clone(),
                    c.new.clone(),
                ]
            })
            .collect(),
    )
}
