//! The scenarios compared side by side, each difference under its figure.

use super::State;
use crate::document::Derived;
use crate::figures::charts::Scenarios;
use crate::figures::tables::Table;
use crate::format::fte;
use crate::model::{Money, Plan};
use crate::theme;
use crate::ui::command::{Command, copy_buttons};
use crate::ui::{access, widgets};
use egui::{Grid, RichText, Ui};

/// The scenarios chosen side by side, each figure's difference from the reference, and the
/// grouped bar chart of them.
pub(super) fn compare_ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    state: &mut State,
    charts: &mut crate::charts::ChartState,
    commands: &mut Vec<Command>,
) {
    crate::ui::access::heading(ui, "Compare scenarios");
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
pub(super) fn compare_grid(ui: &mut Ui, chosen: &Scenarios, table: &Table) {
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
    let words = table.shown_rows();
    let mut access = access::Table::begin(
        ui,
        "compare scenarios",
        "Scenarios compared",
        table.headings.clone(),
        words.len(),
        None,
    );
    let mut headings: Vec<egui::Rect> = Vec::new();
    let mut drawn: Vec<(usize, egui::Rect)> = Vec::new();
    let ((), whole) = access.cells(ui, |ui| {
        Grid::new("compare scenarios")
            .striped(true)
            .num_columns(columns.len() + 1)
            .spacing([24.0, 2.0])
            .show(ui, |ui| {
                headings.push(ui.strong("Figure").rect);
                for f in &chosen.scenarios {
                    headings.push(ui.strong(&f.name).rect);
                }
                ui.end_row();
                for (r, row) in words.iter().enumerate() {
                    let mut rect = ui.label(row.first().map_or("", String::as_str)).rect;
                    for &(value, _) in &columns {
                        rect = rect.union(ui.label(row.get(value).map_or("", String::as_str)).rect);
                    }
                    ui.end_row();
                    rect = rect.union(
                        ui.label(
                            RichText::new(format!("difference from {reference}"))
                                .size(theme::SMALL_SIZE)
                                .weak(),
                        )
                        .rect,
                    );
                    for &(_, minus) in &columns {
                        let text = minus.and_then(|m| row.get(m)).map_or("", String::as_str);
                        ui.label(RichText::new(text).size(theme::SMALL_SIZE).weak());
                    }
                    ui.end_row();
                    drawn.push((r, rect));
                }
            });
    });
    // Each column of the table under the scenario's heading on screen (a difference under its
    // scenario's), and each cell where its figure's two lines are.
    let mut at_heading = vec![headings.first().copied().unwrap_or(whole)];
    for (k, &(_, minus)) in columns.iter().enumerate() {
        let rect = headings.get(k + 1).copied().unwrap_or(whole);
        at_heading.push(rect);
        if minus.is_some() {
            at_heading.push(rect);
        }
    }
    for rect in at_heading {
        access.heading_drawn(rect, None);
    }
    let across = table.headings.len();
    for (r, rect) in drawn {
        access.row_drawn(r, vec![rect; across]);
    }
    access.end_with_words(ui, whole, 0, &words);
}

/// The comparison as a table: a row a figure, a column a scenario, and beside each scenario
/// other than the reference its difference from it.
pub fn compare_table(chosen: &Scenarios, reference: &str) -> Table {
    type Get = fn(&crate::figures::charts::ScenarioFigures) -> Value;
    let Some(base) = chosen
        .scenarios
        .iter()
        .find(|f| f.name == reference)
        .or(chosen.scenarios.first())
    else {
        return Table::of_words(
            "scenarios-compared",
            "Scenarios compared",
            Vec::new(),
            Vec::new(),
        );
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
    Table::of_words("scenarios-compared", "Scenarios compared", headings, rows)
}

/// One figure of a scenario, to show and subtract.
#[derive(Clone, Copy)]
pub(super) enum Value {
    Money(Money),
    Years(Option<f64>),
    Fte(f64),
}

impl Value {
    pub(super) fn text(self) -> String {
        match self {
            Self::Money(m) => m.whole(),
            Self::Years(y) => y.map_or_else(|| "none".to_owned(), |y| format!("{y:.1}")),
            Self::Fte(f) => fte(f),
        }
    }

    /// This minus `other`, signed; blank where either has no value.
    pub(super) fn minus(self, other: Self) -> String {
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
            (Self::Fte(a), Self::Fte(b)) => crate::format::fte_change(a - b),
            _ => String::new(),
        }
    }
}
