//! The dashboard: headline figures in large type, each council's share, and the flags.

use egui::{RichText, Ui};

use crate::charts::ChartState;
use crate::document::Derived;
use crate::engine::Outcome;
use crate::figures::tables::{Cell, Table};
use crate::format::fte;
use crate::model::{Chart, Plan};
use crate::theme;
use crate::ui::card::card_ui;
use crate::ui::command::{Command, copy_buttons};

/// Draws the dashboard.
pub fn ui(
    ui: &mut Ui,
    plan: &Plan,
    derived: &Derived,
    charts: &mut ChartState,
    commands: &mut Vec<Command>,
) {
    let palette = theme::palette(ui);
    let o = &derived.outcome;
    crate::ui::access::heading(ui, format!("{} — {} scenario", plan.name, o.scenario));
    ui.add_space(theme::SECTION_GAP / 2.0);
    headlines_ui(ui, o, palette);
    crate::ui::review::figure_comments(ui, plan, commands);
    ui.add_space(theme::SECTION_GAP / 2.0);
    super::levers::ui(ui, plan, o, commands);
    ui.add_space(theme::SECTION_GAP);
    card_ui(ui, Chart::Overlap, &derived.series, None, charts, commands);
    if !plan.scenarios.is_empty() {
        ui.add_space(theme::SECTION_GAP);
        let scenarios = derived.scenarios(plan);
        card_ui(
            ui,
            Chart::Scenarios,
            &derived.series,
            Some(scenarios),
            charts,
            commands,
        );
    }
    ui.add_space(theme::SECTION_GAP);
    councils_ui(ui, o, commands);
    ui.add_space(theme::SECTION_GAP);
    flags_ui(ui, o, palette);
}

/// A headline figure under its caption: one node for a screen reader ("FTE today: 601.5"), and a
/// stop for Tab.
fn headline(ui: &mut Ui, label: &str, value: &str, colour: Option<egui::Color32>) {
    let mut text = RichText::new(value).size(theme::HEADLINE_SIZE).strong();
    if let Some(c) = colour {
        text = text.color(c);
    }
    let caption = RichText::new(label).size(theme::HEADLINE_LABEL_SIZE);
    crate::ui::access::figure(ui, caption, text, &format!("{label}: {value}"));
}

fn headlines_ui(ui: &mut Ui, o: &Outcome, palette: theme::Palette) {
    let t = &o.totals;
    let payback = t
        .payback_years
        .map_or_else(|| "none".to_owned(), |y| format!("{y:.1} years"));
    let year = t
        .payback_year
        .map_or_else(|| "not in horizon".to_owned(), |y| y.to_string());
    // A scenario that cannot reach its target (compulsory redundancy off) headlines the FTE it
    // does reach, and by how much it falls short.
    let short = t.short_of_target();
    let (after_label, after, after_colour) = if short {
        (
            "FTE after (short of target)",
            format!(
                "{} ({} over)",
                fte(t.fte_reached()),
                fte(t.flows.over_target)
            ),
            Some(palette.warning),
        )
    } else {
        ("Target FTE", fte(t.target_fte), None)
    };
    let one_off_label = crate::figures::words::marked_by(o, "One-off cost");
    let items = [
        ("FTE today", fte(t.flows.current()), None),
        (after_label, after, after_colour),
        (
            "Recurring saving a year",
            t.recurring_saving.compact(),
            Some(palette.saving(t.recurring_saving.pence())),
        ),
        (one_off_label.as_str(), t.one_off_cost.compact(), None),
        ("Payback", payback, None),
        ("Net positive in", year, None),
    ];
    // Whole figures move to the next row rather than wrap: measure each, then fill rows.
    let gap = theme::HEADLINE_GAP;
    let width = |label: &str, value: &str| {
        let measure = |text: &str, size: f32| {
            ui.painter()
                .layout_no_wrap(
                    text.to_owned(),
                    egui::FontId::proportional(size),
                    egui::Color32::PLACEHOLDER,
                )
                .size()
                .x
        };
        measure(label, theme::HEADLINE_LABEL_SIZE).max(measure(value, theme::HEADLINE_SIZE))
    };
    let available = ui.available_width();
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0;
    for (i, (label, value, _)) in items.iter().enumerate() {
        let w = width(label, value);
        if let Some(row) = rows.last_mut()
            && (row.is_empty() || used + gap + w <= available)
        {
            used += if row.is_empty() { w } else { gap + w };
            row.push(i);
        } else {
            rows.push(vec![i]);
            used = w;
        }
    }
    for row in rows {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = gap;
            for i in row {
                if let Some((label, value, colour)) = items.get(i) {
                    headline(ui, label, value, *colour);
                }
            }
        });
        ui.add_space(6.0);
    }
}

fn councils_ui(ui: &mut Ui, o: &Outcome, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        crate::ui::access::heading(ui, "Each council's share");
        if !o.councils.is_empty() {
            // The figures in full, to the penny, for finance.
            copy_buttons(ui, "Each council's share", || councils_table(o), commands);
        }
    });
    if o.councils.is_empty() {
        ui.label("No councils yet: add them in the Councils view");
        return;
    }
    let headings = COUNCIL_COLUMNS.map(str::to_owned);
    let rows: Vec<Vec<String>> = o
        .councils
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                fte(c.flows.current()),
                format!("{:.0}%", c.share_ratio * 100.0),
                c.recurring_saving.compact(),
                c.one_off_cost.compact(),
                c.timetable.consultation_days.to_string(),
                if c.timetable.meets_go_live {
                    "Yes"
                } else {
                    "No"
                }
                .to_owned(),
            ]
        })
        .collect();
    crate::ui::access::grid(
        ui,
        "dashboard councils",
        "Each council's share",
        &headings,
        &rows,
        &[],
    );
}

/// The columns of each council's share, on screen and copied.
const COUNCIL_COLUMNS: [&str; 7] = [
    "Council",
    "FTE",
    "Share",
    "Saving a year",
    "One-off",
    "Consultation days",
    "Meets go-live",
];

/// Each council's share as a table, money to the penny.
fn councils_table(o: &Outcome) -> Table {
    Table::of_cells(
        "councils",
        "Each council's share",
        COUNCIL_COLUMNS.map(str::to_owned).to_vec(),
        o.councils
            .iter()
            .map(|c| {
                vec![
                    Cell::Text(c.name.clone()),
                    Cell::Fte(c.flows.current()),
                    Cell::Percent(c.share_ratio),
                    Cell::Money(c.recurring_saving),
                    Cell::Money(c.one_off_cost),
                    Cell::Count(u64::from(c.timetable.consultation_days)),
                    Cell::Text(
                        if c.timetable.meets_go_live {
                            "Yes"
                        } else {
                            "No"
                        }
                        .to_owned(),
                    ),
                ]
            })
            .collect(),
    )
}

fn flags_ui(ui: &mut Ui, o: &Outcome, palette: theme::Palette) {
    crate::ui::access::heading(ui, format!("Flags ({})", o.flags.len()));
    if o.flags.is_empty() {
        ui.label("Nothing to flag");
    }
    // Flags come sorted by kind: one collapsible group per kind, with its count.
    let mut start = 0;
    while start < o.flags.len() {
        let kind = o.flags[start].kind;
        let end = start
            + o.flags[start..]
                .iter()
                .take_while(|f| f.kind == kind)
                .count();
        let title = RichText::new(format!("{} ({})", kind.label(), end - start))
            .color(palette.warning)
            .strong();
        egui::CollapsingHeader::new(title)
            .id_salt(("flags", kind))
            .default_open(end - start <= 3)
            .show(ui, |ui| {
                for flag in &o.flags[start..end] {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new("•").color(palette.warning));
                        ui.label(&flag.message);
                    });
                }
            });
        start = end;
    }
}
