//! The start page: what the app does in a paragraph and the four ways in (the example, an
//! import of the councils' establishments, a plan file, a recent plan). Shown on the first run,
//! and from File > Start page.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::command::{Action, Command};
use crate::theme;

/// Draws the start page over the whole window.
pub fn ui(ui: &mut Ui, example: &str, recent: &[PathBuf], commands: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.set_max_width(720.0);
                ui.add_space(theme::HEADLINE_GAP);
                ui.label(RichText::new("Merger Planner").size(theme::HEADLINE_SIZE).strong());
                ui.add_space(theme::SECTION_GAP);
                ui.label(
                    RichText::new(
                        "Plan the merger of two or more councils' back-office services into one: load each council's establishment, set the target structure, and see where headcount overlaps, what deleting duplicated posts saves, who falls into which redundancy pool, what it costs once, when it pays back, how the councils share it and whether the timetable meets the law. Compare scenarios, then present the charts.",
                    )
                    .size(theme::HEADLINE_LABEL_SIZE),
                );
                ui.add_space(theme::SECTION_GAP);
                let wide = egui::vec2(520.0, 40.0);
                let way = |ui: &mut Ui, text: &str, hover: &str| {
                    ui.add_sized(
                        wide,
                        egui::Button::new(RichText::new(text).size(theme::HEADLINE_LABEL_SIZE)),
                    )
                    .on_hover_text(hover)
                    .clicked()
                };
                if way(
                    ui,
                    &format!("Open the example: {example}"),
                    "An example plan of two councils to try things on; nothing you change is saved unless you save it",
                ) {
                    commands.push(Command::Begin);
                }
                ui.add_space(6.0);
                if way(
                    ui,
                    "Import your councils' establishments…",
                    "Starts a new plan from an HR or payroll export (CSV or a spreadsheet); import each council's in turn",
                ) {
                    commands.push(Command::BeginWithImport);
                }
                ui.add_space(6.0);
                if way(ui, "Open a plan…", "Opens a plan saved as a .ron file") {
                    commands.push(Command::Action(Action::Open));
                }
                ui.add_space(theme::SECTION_GAP);
                if recent.is_empty() {
                    ui.label("Plans you open or save are listed here.");
                } else {
                    ui.strong("Recent plans");
                    for path in recent.iter().take(8) {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        if ui
                            .link(name)
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            commands.push(Command::OpenPath(path.clone()));
                        }
                    }
                }
                ui.add_space(theme::SECTION_GAP);
                ui.label(
                    RichText::new("Help > Getting started walks through a merger plan in six steps.")
                        .size(theme::SMALL_SIZE),
                );
            });
        });
}
