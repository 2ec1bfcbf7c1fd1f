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

/// The colours that differ on a light and a dark background, chosen once from egui's visuals
/// ([`palette`]) so that no view passes "dark or not" around.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Flags and missed dates: vermilion, distinct for colour-blind viewers.
    pub warning: Color32,
    /// Errors: a deep red that reads on both themes.
    pub error: Color32,
    /// Savings and good news: bluish green from the Okabe-Ito palette.
    pub good: Color32,
    /// Text and lines drawn on charts (values, the cumulative line).
    pub chart_text: Color32,
    /// Totals and targets: a neutral grey that is not a council's colour.
    pub target: Color32,
    /// One-off costs and steps that raise the cost: Okabe and Ito's reddish purple.
    pub cost: Color32,
    /// The timetable's consultation: blue, sky blue on a dark background.
    pub consultation: Color32,
    /// A chart's background (egui's `extreme_bg_color`), behind the figures written on it so
    /// no grid line runs through them.
    pub plot_background: Color32,
}

impl Palette {
    /// A saving's colour: the good colour, or the cost colour when it is negative (a saving
    /// below zero is a cost, and never shown as good news).
    pub fn saving(&self, pence: i64) -> Color32 {
        if pence < 0 { self.cost } else { self.good }
    }

    /// On a light background (the app's default, slides and exported images).
    pub const LIGHT: Self = Self {
        warning: Color32::from_rgb(0xB0, 0x3A, 0x00),
        error: Color32::from_rgb(0xB4, 0x00, 0x1E),
        good: Color32::from_rgb(0x00, 0x7A, 0x58),
        chart_text: Color32::from_rgb(0x1A, 0x1A, 0x1A),
        target: Color32::from_rgb(0x55, 0x55, 0x55),
        cost: Color32::from_rgb(0xAA, 0x4A, 0x84),
        consultation: Color32::from_rgb(0x00, 0x72, 0xB2),
        plot_background: Color32::WHITE,
    };

    /// On a dark background.
    pub const DARK: Self = Self {
        warning: Color32::from_rgb(0xFF, 0x8A, 0x4C),
        error: Color32::from_rgb(0xFF, 0x6B, 0x6B),
        good: Color32::from_rgb(0x3C, 0xC8, 0x9C),
        chart_text: Color32::from_rgb(0xEE, 0xEE, 0xEE),
        target: Color32::from_rgb(0xB8, 0xB8, 0xB8),
        cost: Color32::from_rgb(0xE0, 0x8C, 0xBC),
        consultation: Color32::from_rgb(0x56, 0xB4, 0xE9),
        plot_background: Color32::from_gray(10),
    };

    /// The palette for these visuals.
    pub fn of(visuals: &egui::Visuals) -> Self {
        let palette = if visuals.dark_mode {
            Self::DARK
        } else {
            Self::LIGHT
        };
        Self {
            plot_background: visuals.extreme_bg_color,
            ..palette
        }
    }
}

/// The palette of the theme `ui` draws with.
pub fn palette(ui: &egui::Ui) -> Palette {
    Palette::of(ui.visuals())
}

/// Liberation Sans, regular and bold (SIL Open Font License, `assets/fonts`): the board pack's
/// type, and the regular face the app falls back on.
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Regular.ttf");
/// Liberation Sans bold.
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Bold.ttf");

/// Liberation Sans after egui's own fonts, for the glyphs they lack: "→" in undo labels and in
/// what changed, and the wider Latin, Greek and Cyrillic of names in an imported establishment.
pub fn fallback_font(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        "Liberation Sans",
        egui::FontData::from_static(FONT_REGULAR),
        [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect(),
    ));
}

/// Larger body text than egui's default so tables read at 1280x800 and on a projector.
pub fn apply(ctx: &egui::Context) {
    // Following the system's theme; where the system does not say (some Linux desktops), light,
    // as the app has always opened.
    ctx.options_mut(|o| o.fallback_theme = egui::Theme::Light);
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

/// Text of chart labels (values at bar ends, axis ticks) in the views.
pub const CHART_TEXT_SIZE: f32 = 15.0;
/// Text of chart labels on slides and exported images, read from the back of a room.
pub const SLIDE_CHART_TEXT_SIZE: f32 = 22.0;
/// A slide's title.
pub const SLIDE_TITLE_SIZE: f32 = 30.0;
/// A slide's headline figure.
pub const SLIDE_HEADLINE_SIZE: f32 = 48.0;

/// The redundancy pools' colours (Okabe and Ito, kept grey): the same on every theme.
pub mod pools {
    use egui::Color32;

    /// Vacancies deleted: sky blue.
    pub const VACANCIES_DELETED: Color32 = Color32::from_rgb(0x56, 0xB4, 0xE9);
    /// Voluntary redundancy: bluish green.
    pub const VOLUNTARY: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
    /// Redeployed: orange.
    pub const REDEPLOYED: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00);
    /// Compulsory redundancy: vermilion.
    pub const COMPULSORY: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
    /// Kept: grey.
    pub const KEPT: Color32 = Color32::from_rgb(0x9A, 0x9A, 0x9A);
}

/// The timetable's colours that are the same on every theme (consultation is in [`Palette`]); a
/// phase that misses go-live is drawn in the palette's warning colour instead.
pub mod phases {
    use egui::Color32;

    /// Notice: reddish purple.
    pub const NOTICE: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7);
    /// Exits: bluish green.
    pub const EXITS: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
}

/// A slide's headline figure: deep blue on the projector's white.
pub fn slide_headline_colour() -> Color32 {
    Color32::from_rgb(0x00, 0x3F, 0x6B)
}

/// The projector look for slides and exported images: light, black text on white, strong grid
/// lines, larger type throughout.
pub fn projector(style: &mut egui::Style) {
    let mut visuals = egui::Visuals::light();
    visuals.override_text_color = Some(Color32::BLACK);
    visuals.panel_fill = Color32::WHITE;
    visuals.window_fill = Color32::WHITE;
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.widgets.noninteractive.bg_stroke.color = Color32::from_gray(0x80);
    visuals.widgets.noninteractive.fg_stroke.color = Color32::BLACK;
    style.visuals = visuals;
    for (text_style, size) in [
        (TextStyle::Heading, SLIDE_TITLE_SIZE),
        (TextStyle::Body, SLIDE_CHART_TEXT_SIZE),
        (TextStyle::Button, SLIDE_CHART_TEXT_SIZE),
        (TextStyle::Small, 18.0),
        (TextStyle::Monospace, 20.0),
    ] {
        let family = if text_style == TextStyle::Monospace {
            FontFamily::Monospace
        } else {
            FontFamily::Proportional
        };
        style
            .text_styles
            .insert(text_style, FontId::new(size, family));
    }
}

#[cfg(test)]
mod tests {
    use super::Palette;

    #[test]
    fn figures_on_a_chart_sit_on_its_own_background() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            assert_eq!(
                Palette::of(&visuals).plot_background,
                visuals.extreme_bg_color
            );
        }
    }

    #[test]
    fn a_negative_saving_is_never_good_news() {
        for palette in [Palette::LIGHT, Palette::DARK] {
            assert_eq!(palette.saving(-1), palette.cost);
            assert_eq!(palette.saving(0), palette.good);
            assert_eq!(palette.saving(4_700), palette.good);
        }
    }
}
