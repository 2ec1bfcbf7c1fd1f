//! The charts the app draws, drawn with egui_plot from figures built once per change of the
//! plan (`figures::charts::Series`, headless). Each chart is one small function in `plots`; this
//! module holds what they share: the place a chart is drawn, the table under a chart and the
//! picture of a slide. Slides and exported images draw the same charts.

mod plots;

pub use plots::plot_id;

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use crate::figures::charts::{
    Figures, Scenarios, Series, description, figures_of, headline, nothing_to_show, pools_shown,
    title,
};
use crate::figures::tables::Table;
use crate::model::Chart;
use crate::theme;

/// Where a chart is drawn, which decides its type size and whether it can be hovered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// In a view of the app.
    View,
    /// On a slide or in an exported image: large type, nothing moves.
    Slide,
}

/// Visual state of the charts in the views. Never saved.
#[derive(Debug, Default)]
pub struct ChartState {
    /// Charts whose table of figures is shown under them.
    pub tables: BTreeSet<Chart>,
    /// The function whose roles the pools chart shows, if the user drilled down.
    pub pools_function: Option<usize>,
    /// The pool whose equality impact is shown (none: every pool).
    pub equality_pool: Option<usize>,
}

/// Draws the chart's plot (or the "nothing to show" note) in a space `height` points high.
pub fn plot_ui(
    ui: &mut Ui,
    chart: Chart,
    series: &Series,
    scenarios: Option<&Scenarios>,
    pools_function: Option<usize>,
    place: Place,
    height: f32,
) {
    if let Some(why) = nothing_to_show(chart, series, scenarios) {
        ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            ui.centered_and_justified(|ui| {
                ui.label(RichText::new(why).size(theme::HEADLINE_LABEL_SIZE));
            });
        });
        return;
    }
    let top = ui.cursor().top();
    let look = plots::Look {
        place,
        palette: theme::palette(ui),
        height,
        id: (chart, place == Place::Slide),
    };
    match chart {
        Chart::Overlap => plots::overlap_ui(ui, &series.overlap, look),
        Chart::Savings => plots::savings_ui(ui, &series.savings, look),
        Chart::Waterfall => plots::waterfall_ui(ui, &series.waterfall, look),
        Chart::Pools => plots::pools_ui(ui, pools_shown(series, pools_function), look),
        Chart::Money => plots::years_ui(ui, &series.years, look),
        Chart::Timetable => plots::timeline_ui(ui, &series.timeline, look),
        Chart::Split => plots::split_ui(ui, &series.split, look),
        Chart::Scenarios => {
            if let Some(s) = scenarios {
                plots::scenarios_ui(ui, s, look);
            }
        }
        Chart::Fan | Chart::Tornado => {
            if let Some(s) = &series.spread {
                if chart == Chart::Fan {
                    plots::fan_ui(ui, &s.fan, look);
                } else {
                    plots::tornado_ui(ui, &s.tornado, look);
                }
            }
        }
        Chart::Equality => plots::equality_ui(ui, &series.equality, look),
    }
    // The chart is one node, a stop for Tab: named after the chart, saying its headline and key
    // figures.
    let drawn = egui::Rect::from_x_y_ranges(ui.max_rect().x_range(), top..=ui.cursor().top());
    let r = ui.interact(drawn, plots::plot_id(look.id), egui::Sense::FOCUSABLE);
    // Its words are made only when assistive technology is listening (the node exists).
    if r.ctx.accesskit_node_builder(r.id, |_| ()).is_some() {
        let description = description(chart, series, scenarios);
        r.ctx.accesskit_node_builder(r.id, |node| {
            node.set_role(egui::accesskit::Role::Image);
            node.set_label(title(chart, series));
            node.set_description(description);
        });
    }
    plots::hover_tooltip(ui);
}

/// The height a chart needs in a view so every category label has room (at least 380 points).
/// The pools chart keeps the height of its longest drill-down, so it does not jump.
pub fn view_height(chart: Chart, series: &Series, scenarios: Option<&Scenarios>) -> f32 {
    let rows = if chart == Chart::Pools {
        series
            .pools_by_role
            .iter()
            .chain([&series.pools])
            .map(Figures::rows)
            .max()
            .unwrap_or(0)
    } else {
        figures_of(chart, series, scenarios, None).map_or(0, Figures::rows)
    };
    (rows as f32 * 34.0 + 120.0).max(380.0)
}

/// Draws a table of figures.
pub fn table_ui(ui: &mut Ui, id: impl std::hash::Hash + std::fmt::Debug, table: &Table) {
    grid_ui(ui, id, &table.headings, &table.shown_rows());
}

/// Draws headings in bold and rows of text as a striped grid.
pub fn grid_ui(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    columns: &[String],
    rows: &[Vec<String>],
) {
    egui::Grid::new(id)
        .striped(true)
        .num_columns(columns.len())
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            for c in columns {
                ui.strong(c);
            }
            ui.end_row();
            for row in rows {
                for cell in row {
                    ui.label(cell);
                }
                ui.end_row();
            }
        });
}

/// A chart as a picture: its title, its headline figure (on slides) and the plot filling the rest.
/// Slides and exported images draw this, in the projector theme.
pub fn picture_ui(
    ui: &mut Ui,
    chart: Chart,
    series: &Series,
    scenarios: Option<&Scenarios>,
    with_headline: bool,
    made: Option<jiff::civil::Date>,
) {
    let margin = (ui.available_width() * 0.025).clamp(16.0, 64.0);
    egui::Frame::new().inner_margin(margin).show(ui, |ui| {
        ui.label(
            RichText::new(title(chart, series))
                .size(theme::SLIDE_TITLE_SIZE)
                .strong(),
        );
        if with_headline {
            let text = headline(chart, series, scenarios);
            if !text.is_empty() {
                ui.label(
                    RichText::new(text)
                        .size(theme::SLIDE_HEADLINE_SIZE)
                        .strong()
                        .color(theme::slide_headline_colour()),
                );
            }
        }
        ui.add_space(theme::SECTION_GAP / 2.0);
        // The footer's line is kept free under the chart.
        let footer_height = theme::SMALL_SIZE * 2.0 + 8.0;
        let height = (ui.available_height() - footer_height).max(120.0);
        plot_ui(ui, chart, series, scenarios, None, Place::Slide, height);
        ui.add_space(4.0);
        ui.label(
            RichText::new(series.footer(chart, made))
                .size(theme::SMALL_SIZE + 3.0)
                .color(theme::palette(ui).chart_text),
        );
    });
}
