//! Colours, spacing and text sizes: the one place the app's look is decided. Charts and panels
//! take their palette from here, so council colours are the same everywhere.
#![expect(
    clippy::disallowed_methods,
    reason = "this module is the one home of colour constructors"
)]

use egui::{Color32, FontFamily, FontId, TextStyle};

use crate::model::Colour;

/// Text size of headline figures, large enough to read from the back of a meeting room.
pub const HEADLINE_SIZE: f32 = 34.0;
/// Text size of a headline's label.
pub const HEADLINE_LABEL_SIZE: f32 = 16.0;
/// Space between headline figures in a row.
pub const HEADLINE_GAP: f32 = 48.0;
/// Space between sections.
pub const SECTION_GAP: f32 = 18.0;
/// Width of a text or choice field in the editors.
pub const FIELD_WIDTH: f32 = 200.0;
/// Width of a name or description field.
pub const LONG_FIELD_WIDTH: f32 = 480.0;
/// Text size of the view tabs.
pub const TAB_SIZE: f32 = 17.0;
/// Widest a dialog grows.
pub const DIALOG_WIDTH: f32 = 560.0;
/// Small print (sources, hints).
pub const SMALL_SIZE: f32 = 13.0;
/// Height of a row in the post table.
pub const ROW_HEIGHT: f32 = 26.0;
/// Width of the post details beside the post table.
pub const DETAILS_WIDTH: f32 = 420.0;
/// Width of the list beside an editor (councils, the target structure).
pub const LIST_WIDTH: f32 = 440.0;
/// Width of the navigator when first shown.
pub const NAVIGATOR_WIDTH: f32 = 220.0;

/// A council's colour as egui draws it.
pub fn council_colour(colour: Colour) -> Color32 {
    let [r, g, b] = colour.0;
    Color32::from_rgb(r, g, b)
}

/// The warning colour (flags, missed dates): vermilion, distinct for colour-blind viewers.
pub fn warning(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xFF, 0x8A, 0x4C)
    } else {
        Color32::from_rgb(0xB0, 0x3A, 0x00)
    }
}

/// The colour for errors: a deep red that reads on both themes.
pub fn error(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xFF, 0x6B, 0x6B)
    } else {
        Color32::from_rgb(0xB4, 0x00, 0x1E)
    }
}

/// The colour for savings and good news: bluish green from the Okabe-Ito palette.
pub fn good(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x3C, 0xC8, 0x9C)
    } else {
        Color32::from_rgb(0x00, 0x7A, 0x58)
    }
}

/// Larger body text than egui's default so tables read at 1280x800 and on a projector.
pub fn apply(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(24.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 6.0);
    });
}
