//! Presentation mode: the window goes full screen and shows one chart a slide, with its headline
//! figure in large type, in the light high-contrast projector theme. The slides and their order
//! are the plan's own. Slides show only totals by function, role, council, year and scenario:
//! never a salary, a name, a date of birth or a post id.

use egui::{Key, RichText, Ui};

use super::command::{Command, SlideMove};
use crate::charts::{self};
use crate::figures::charts::{Scenarios, Series};
use crate::model::Chart;
use crate::theme;

pub use crate::figures::charts::shown_slides;

/// The keys that move through the slides, and what each does.
pub const KEYS: [(Key, SlideMove); 11] = [
    (Key::ArrowRight, SlideMove::Next),
    (Key::ArrowDown, SlideMove::Next),
    (Key::PageDown, SlideMove::Next),
    (Key::Space, SlideMove::Next),
    (Key::Enter, SlideMove::Next),
    (Key::ArrowLeft, SlideMove::Previous),
    (Key::ArrowUp, SlideMove::Previous),
    (Key::PageUp, SlideMove::Previous),
    (Key::Home, SlideMove::First),
    (Key::End, SlideMove::Last),
    (Key::Escape, SlideMove::Leave),
];

/// Reads the keys pressed this frame as moves.
pub fn read_keys(ctx: &egui::Context, commands: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        for (key, step) in KEYS {
            if i.consume_key(egui::Modifiers::NONE, key) {
                commands.push(Command::Slide(step));
            }
        }
    });
}

/// The slide shown after `step` from slide `index` of `count`, or `None` to leave.
pub fn step(index: usize, count: usize, step: SlideMove) -> Option<usize> {
    let last = count.saturating_sub(1);
    match step {
        SlideMove::Next => Some((index + 1).min(last)),
        SlideMove::Previous => Some(index.saturating_sub(1)),
        SlideMove::First => Some(0),
        SlideMove::Last => Some(last),
        SlideMove::Leave => None,
    }
}

/// Draws slide `index` of `slides` over the whole window, with a footer to move on.
pub fn slide_ui(
    ui: &mut Ui,
    slides: &[Chart],
    index: usize,
    series: &Series,
    scenarios: Option<&Scenarios>,
    commands: &mut Vec<Command>,
) {
    theme::projector(ui.style_mut());
    let rect = ui.max_rect();
    ui.painter().rect_filled(rect, 0.0, ui.visuals().panel_fill);
    let footer = 56.0;
    let body = egui::Rect::from_min_max(rect.min, egui::pos2(rect.max.x, rect.max.y - footer));
    ui.scope_builder(egui::UiBuilder::new().max_rect(body), |ui| {
        match slides.get(index) {
            Some(chart) => charts::picture_ui(
                ui,
                *chart,
                series,
                scenarios,
                true,
                Some(crate::export::png::today()),
            ),
            None => {
                ui.centered_and_justified(|ui| {
                    ui.label(
                        RichText::new(
                            "No slides chosen: press Esc, then choose them with View > Choose slides…",
                        )
                        .size(theme::SLIDE_TITLE_SIZE),
                    );
                });
            }
        }
    });
    let bar = egui::Rect::from_min_max(egui::pos2(rect.min.x, rect.max.y - footer), rect.max);
    ui.scope_builder(
        egui::UiBuilder::new().max_rect(bar.shrink2(egui::vec2(24.0, 8.0))),
        |ui| {
            ui.horizontal_centered(|ui| {
                ui.label(
                    RichText::new(format!("Slide {} of {}", index + 1, slides.len().max(1)))
                        .size(theme::HEADLINE_LABEL_SIZE + 4.0),
                );
                ui.add_space(24.0);
                for (label, step) in [
                    ("Previous slide", SlideMove::Previous),
                    ("Next slide", SlideMove::Next),
                    ("Leave presentation", SlideMove::Leave),
                ] {
                    if ui.button(label).clicked() {
                        commands.push(Command::Slide(step));
                    }
                }
                ui.add_space(24.0);
                ui.label(
                    RichText::new("Arrows, Page Up/Down and space move; Esc leaves")
                        .size(theme::SMALL_SIZE + 3.0),
                );
            });
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_within_the_slides() {
        assert_eq!(step(0, 3, SlideMove::Next), Some(1));
        assert_eq!(step(2, 3, SlideMove::Next), Some(2));
        assert_eq!(step(0, 3, SlideMove::Previous), Some(0));
        assert_eq!(step(1, 3, SlideMove::Last), Some(2));
        assert_eq!(step(2, 3, SlideMove::First), Some(0));
        assert_eq!(step(0, 0, SlideMove::Next), Some(0));
        assert_eq!(step(1, 3, SlideMove::Leave), None);
    }
}
