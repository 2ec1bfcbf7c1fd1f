//! The validation panel: every problem in the plan; a click shows the item it concerns.

use egui::{RichText, Ui};

use crate::document::Derived;
use crate::model::Severity;
use crate::theme;
use crate::ui::command::Command;

/// Most problems listed at once; the rest are counted (a broken import can have thousands).
const MAX_LISTED: usize = 500;

/// Draws the validation panel at the bottom of the window.
pub fn panel(
    ui: &mut Ui,
    plan: &crate::model::Plan,
    derived: &Derived,
    commands: &mut Vec<Command>,
) {
    egui::Panel::bottom("problems")
        .resizable(true)
        .default_size(180.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(format!("Validation problems ({})", derived.problems.len()));
                if ui.small_button("Hide problems").clicked() {
                    commands.push(Command::ToggleProblems);
                }
            });
            if derived.problems.is_empty() {
                ui.label("No problems: every value is in range and every reference is known");
                return;
            }
            let palette = theme::palette(ui);
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for (i, p) in derived.problems.iter().take(MAX_LISTED).enumerate() {
                        let (mark, colour) = match p.severity {
                            Severity::Error => ("Error", palette.error),
                            Severity::Warning => ("Warning", palette.warning),
                        };
                        ui.push_id(("problem", i), |ui| {
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(mark).color(colour).strong());
                                let text = format!(
                                    "{}, {}: {}",
                                    p.location.name(plan),
                                    crate::model::validate::field_words(p.field),
                                    p.message
                                );
                                if ui.link(text).on_hover_text("Show this item").clicked() {
                                    commands.push(Command::JumpTo(p.location.clone()));
                                }
                            });
                        });
                    }
                    if derived.problems.len() > MAX_LISTED {
                        ui.label(format!(
                            "… and {} more",
                            derived.problems.len() - MAX_LISTED
                        ));
                    }
                });
        });
}
