//! What the import would do: the summary, the file as read, the plan as it would be, the changes and the problems.

use super::ImportState;
use crate::import::establishment::PREVIEW_ROWS;
use crate::import::{self, Checked, Grid, ImportKind};
use crate::model::Plan;
use crate::theme;
use crate::ui::widgets;
use egui::{RichText, Ui};

pub(super) fn summary_ui(ui: &mut Ui, checked: &Checked, kind: ImportKind) {
    let what = match kind {
        ImportKind::Establishment => "posts",
        ImportKind::Targets => "roles",
    };
    let mut line = if checked.waiting_for_name > 0 {
        // Everything else is settled: not "0 posts to import".
        format!(
            "{} of posts read: name their council to import them",
            crate::format::plural(checked.waiting_for_name, "row")
        )
    } else {
        format!("{} {what} to import", checked.imported)
    };
    for c in &checked.councils {
        let into = if c.new { "new council" } else { "into" };
        line = format!(
            "{line}; {into} {} ({})",
            c.name,
            crate::format::plural(c.posts, "post")
        );
    }
    ui.label(RichText::new(line).size(theme::TAB_SIZE));
    let n = checked.problems.total;
    if n > 0 {
        let what = if n == 1 {
            "1 problem".to_owned()
        } else {
            format!("{n} problems")
        };
        let settle = if checked.can_import() {
            "rows with problems are skipped"
        } else {
            "settle them before importing"
        };
        ui.colored_label(
            theme::palette(ui).error,
            format!("{what}, listed under Problems below: {settle}"),
        );
    }
    for note in &checked.notes {
        ui.label(format!("Note: {note}"));
    }
}

/// The cell's text, shortened for a preview.
pub(super) fn short(text: &str) -> String {
    let t = text.replace(['\r', '\n'], " ");
    if t.chars().count() > 22 {
        format!("{}…", t.chars().take(21).collect::<String>())
    } else {
        t
    }
}

pub(super) fn raw_preview_ui(ui: &mut Ui, grid: &Grid, checked: &Checked) {
    let heading = checked.headings.as_ref().map_or(0, |h| h.row);
    let last = (heading + 6).min(grid.rows.len());
    // Its bar always shown, solid and beside the rows rather than over them: a file wider than
    // the dialog has columns past the edge, and a wheel scrolls the dialog, not the preview.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::horizontal()
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .id_salt("raw preview")
        .show(ui, |ui| {
            egui::Grid::new("raw preview grid")
                .striped(true)
                .show(ui, |ui| {
                    ui.label(RichText::new("Row").weak());
                    for i in 0..grid.columns.len() {
                        ui.label(RichText::new(grid.letter(i)).weak());
                    }
                    ui.end_row();
                    for (i, row) in grid.rows[..last].iter().enumerate() {
                        ui.label(RichText::new(row.number.to_string()).weak());
                        for c in 0..grid.columns.len() {
                            let text = short(&row.cell(c).display());
                            if i == heading {
                                ui.label(RichText::new(text).strong());
                            } else {
                                ui.label(text);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}

pub(super) fn imported_preview_ui(ui: &mut Ui, checked: &Checked, plan: &Plan) {
    let name =
        |list: &dyn Fn(&str) -> Option<String>, id: &str| list(id).unwrap_or_else(|| id.to_owned());
    let after = &checked.plan;
    // Its bar always shown, solid and beside the rows rather than over them: a file wider than
    // the dialog has columns past the edge, and a wheel scrolls the dialog, not the preview.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::horizontal()
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .id_salt("imported preview")
        .show(ui, |ui| {
            egui::Grid::new("imported preview grid")
                .striped(true)
                .show(ui, |ui| {
                    for h in [
                        "Row",
                        "Post ID",
                        "Council",
                        "Function",
                        "Role",
                        "Job title",
                        "FTE",
                        "Salary",
                        "Status",
                        "Born",
                        "Service from",
                    ] {
                        ui.label(RichText::new(h).weak());
                    }
                    ui.end_row();
                    for (row, post) in checked.preview.iter().take(PREVIEW_ROWS) {
                        ui.label(row.to_string());
                        ui.label(short(&post.id));
                        ui.label(short(&name(
                            &|id| after.council(id).map(|c| c.short_name.clone()),
                            &post.council,
                        )));
                        ui.label(short(&name(
                            &|id| after.function(id).map(|f| f.name.clone()),
                            &post.function,
                        )));
                        ui.label(short(&name(
                            &|id| after.role(id).map(|r| r.title.clone()),
                            &post.role,
                        )));
                        ui.label(short(&post.title));
                        ui.label(format!("{:.2}", post.fte));
                        ui.label(post.salary.full());
                        let (born, from) = post
                            .holder
                            .as_ref()
                            .map_or((String::new(), String::new()), |h| {
                                (h.date_of_birth.to_string(), h.service_start.to_string())
                            });
                        ui.label(crate::format::post_status(post));
                        ui.label(born);
                        ui.label(from);
                        ui.end_row();
                    }
                });
        });
    let _ = plan;
}

pub(super) fn changes_ui(ui: &mut Ui, checked: &Checked) {
    use import::Change;
    let (mut added, mut removed, mut changed) = (0, 0, 0);
    for c in &checked.changes {
        match c {
            Change::Added { .. } => added += 1,
            Change::Removed { .. } => removed += 1,
            Change::Changed { .. } => changed += 1,
        }
    }
    ui.label(format!(
        "{added} added, {removed} removed, {changed} changed"
    ));
    // In the dialog's own scroll area: a list inside a list would clip both.
    for c in checked.changes.iter().take(500) {
        ui.label(c.to_string());
    }
    if checked.changes.len() > 500 {
        ui.label(format!("and {} more", checked.changes.len() - 500));
    }
}

pub(super) fn problems_ui(ui: &mut Ui, state: &mut ImportState, checked: &Checked) -> bool {
    let palette = theme::palette(ui);
    if checked.problems.total == 0 {
        ui.colored_label(palette.good, "No problems");
        return false;
    }
    let mut changed = false;
    let rows = checked.bad_rows.len();
    if rows > 0 {
        let text = format!(
            "Skip the {} with problems (they are named in the summary)",
            widgets::plural(rows, "row")
        );
        changed |= ui
            .checkbox(&mut state.options.skip_bad_rows, text)
            .changed();
    }
    for p in &checked.problems.listed {
        ui.colored_label(palette.error, p.to_string());
    }
    if checked.problems.unlisted() > 0 {
        ui.label(format!("and {} more problems", checked.problems.unlisted()));
    }
    changed
}
