//! Pools > Leavers: each person who leaves or is at risk, with their package as the totals count
//! it, the schedule HR signs off person by person. Rows are formatted once per change of the
//! plan; the table lays out only the rows on screen. Never part of a slide.

use egui::{Align, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::document::leavers::Row;
use crate::figures::leavers::LeaverColumn;
use crate::figures::tables::Table;
use crate::model::{Money, Plan};
use crate::theme;
use crate::ui::command::{Command, copy_buttons};
use crate::ui::{access, widgets};

/// The list's filters and sort. Never saved.
#[derive(Debug, Default)]
pub struct State {
    /// Only this council's people.
    pub council: Option<usize>,
    /// Only people of this kind.
    pub kind: Option<&'static str>,
    /// Text to find in the post id, council, role or kind.
    pub search: String,
    /// The column sorted by and whether descending.
    pub sort: Option<(usize, bool)>,
}

fn compare(a: &Row, b: &Row, column: usize) -> std::cmp::Ordering {
    a.cells[column].order(&b.cells[column])
}

/// Draws the filters, the totals of the people shown and the table.
pub fn ui(ui: &mut Ui, plan: &Plan, rows: &[Row], state: &mut State, commands: &mut Vec<Command>) {
    ui.label(
        "Each person who leaves or is at risk, with their package as the totals count it: compulsory and redeployed figures are expected shares. Implementation costs are in the one-off cost but in no one's package.",
    );
    ui.horizontal_wrapped(|ui| {
        let councils: Vec<(Option<usize>, String)> =
            std::iter::once((None, "All councils".to_owned()))
                .chain(
                    plan.councils
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (Some(i), c.short_name.clone())),
                )
                .collect();
        if let Some(c) = widgets::filter(ui, "Leavers of", &state.council, &councils) {
            state.council = c;
        }
        let kinds: Vec<(Option<&'static str>, String)> = [
            (None, "Every kind"),
            (Some("voluntary"), "Voluntary"),
            (Some("bumped"), "Bumped"),
            (Some("compulsory"), "Compulsory"),
            (Some("redeployed"), "Redeployed"),
        ]
        .into_iter()
        .map(|(k, l)| (k, l.to_owned()))
        .collect();
        if let Some(k) = widgets::filter(ui, "Kind", &state.kind, &kinds) {
            state.kind = k;
        }
        let label = ui.label("Find leavers");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text("post, role or kind")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
    });
    let needle = state.search.trim().to_lowercase();
    let mut shown: Vec<&Row> = rows
        .iter()
        .filter(|r| state.council.is_none_or(|c| r.council == c))
        .filter(|r| state.kind.is_none_or(|k| r.kind == k))
        .filter(|r| needle.is_empty() || r.search.contains(&needle))
        .collect();
    if let Some((column, descending)) = state.sort {
        shown.sort_by(|a, b| {
            let o = compare(a, b, column);
            if descending { o.reverse() } else { o }
        });
    }
    let total: Money = shown.iter().map(|r| r.total).sum();
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "Showing {} of {} people; their packages {}",
                shown.len(),
                rows.len(),
                total.full()
            ))
            .strong(),
        );
        // What is shown, filtered and sorted, as it reads.
        copy_buttons(
            ui,
            "Leavers",
            || {
                Table::of_words(
                    "leavers",
                    "Leavers",
                    LeaverColumn::ON_SCREEN
                        .map(|c| c.heading().to_owned())
                        .to_vec(),
                    shown.iter().map(|r| r.shown.to_vec()).collect(),
                )
            },
            commands,
        );
    });
    if rows.is_empty() {
        ui.label("Nobody leaves or is at risk in this scenario");
        return;
    }
    table_ui(ui, &shown, state);
}

/// The leavers shown as a table, one Tab stop walked by the arrow keys.
fn table_ui(ui: &mut Ui, shown: &[&Row], state: &mut State) {
    let headings: Vec<String> = LeaverColumn::ON_SCREEN
        .map(|c| c.heading().to_owned())
        .to_vec();
    let mut access =
        access::Table::begin(ui, "leavers", "Leavers", headings, shown.len(), None).sortable();
    let mut sort = state.sort;
    if let Some(i) = access.keys.sort {
        sort = Some(next_sort(sort, i));
    }
    let mut heading_rects = Vec::new();
    let mut drawn = Vec::new();
    let scroll_to = access.keys.moved_to;
    let ((), whole) = access.cells(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .id_salt("leavers")
            .striped(true)
            .resizable(true)
            .max_scroll_height(420.0)
            .cell_layout(egui::Layout::left_to_right(Align::Center))
            // Sized to fit a 1280-point window beside the navigator: money last, but in view.
            .column(Column::initial(84.0).at_least(50.0).clip(true))
            .column(Column::initial(100.0).at_least(50.0).clip(true))
            .column(Column::initial(116.0).at_least(60.0).clip(true))
            .column(Column::initial(84.0).at_least(50.0).clip(true))
            .column(Column::initial(48.0).at_least(36.0).clip(true))
            .column(Column::initial(100.0).at_least(50.0).clip(true))
            .columns(Column::initial(128.0).at_least(60.0).clip(true), 4);
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, None);
        }
        table
            .header(theme::ROW_HEIGHT + 4.0, |mut header| {
                for (i, name) in LeaverColumn::ON_SCREEN
                    .map(LeaverColumn::heading)
                    .iter()
                    .enumerate()
                {
                    let (rect, _) = header.col(|ui| {
                        if ui
                            .button(RichText::new(*name).strong())
                            .on_hover_text(format!(
                                "Sort by {}; again to reverse",
                                name.to_lowercase()
                            ))
                            .clicked()
                        {
                            sort = Some(next_sort(sort, i));
                        }
                        if let Some((c, descending)) = sort
                            && c == i
                        {
                            super::establishment::sort_arrow(ui, descending);
                        }
                    });
                    heading_rects.push(rect);
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, shown.len(), |mut row| {
                    let index = row.index();
                    let r = shown[index];
                    let mut cells = Vec::with_capacity(r.shown.len());
                    for (i, cell) in r.shown.iter().enumerate() {
                        let (rect, _) = row.col(|ui| {
                            access::hidden(ui);
                            let label = ui.label(cell);
                            if LeaverColumn::ON_SCREEN[i] == LeaverColumn::ExitDate {
                                label.on_hover_text(&r.exit_detail);
                            }
                        });
                        cells.push(rect);
                    }
                    drawn.push((index, cells));
                });
            });
        access.name_resize_handles(ui, "leavers");
    });
    for rect in heading_rects {
        access.heading_drawn(rect, None);
    }
    for (row, cells) in drawn {
        access.row_drawn(row, cells);
    }
    access.end(ui, whole, 0, |r, c| {
        shown
            .get(r)
            .and_then(|row| row.shown.get(c))
            .cloned()
            .unwrap_or_default()
    });
    state.sort = sort;
}

/// Sorting by column `i`: ascending, or reversed when it is already sorted by it ascending.
fn next_sort(sort: Option<(usize, bool)>, i: usize) -> (usize, bool) {
    match sort {
        Some((c, false)) if c == i => (i, true),
        _ => (i, false),
    }
}
