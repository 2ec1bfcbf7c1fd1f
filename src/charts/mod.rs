//! The charts the app draws, drawn with egui_plot from figures built once per change of the
//! plan ([`series::Series`]). Each chart is one small function; this module holds what they share:
//! titles, axes for categories and money, the "nothing to show" note, the table under a chart and
//! the card that puts them together in a view. Slides and exported images draw the same charts.

mod plots;
pub mod series;
pub mod spread;

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use crate::engine::Flows;
use crate::model::Chart;
use crate::theme;
pub use series::{ChartFigures, Figures, Scenarios, Series};

/// A redundancy pool, as the pools chart stacks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolBar {
    /// Vacant posts deleted.
    VacanciesDeleted,
    /// Voluntary redundancy.
    Voluntary,
    /// Redeployed into open posts.
    Redeployed,
    /// Compulsory redundancy.
    Compulsory,
    /// Kept in the single service (filled and vacant).
    Kept,
}

impl PoolBar {
    /// Its colour, the same on every theme.
    pub fn colour(self) -> egui::Color32 {
        use theme::pools;
        match self {
            Self::VacanciesDeleted => pools::VACANCIES_DELETED,
            Self::Voluntary => pools::VOLUNTARY,
            Self::Redeployed => pools::REDEPLOYED,
            Self::Compulsory => pools::COMPULSORY,
            Self::Kept => pools::KEPT,
        }
    }
    /// Every pool, in stacking order.
    pub const ALL: [Self; 5] = [
        Self::VacanciesDeleted,
        Self::Voluntary,
        Self::Redeployed,
        Self::Compulsory,
        Self::Kept,
    ];

    /// As the legend says it.
    pub fn name(self) -> &'static str {
        match self {
            Self::VacanciesDeleted => "Vacancies deleted",
            Self::Voluntary => "Voluntary redundancy",
            Self::Redeployed => "Redeployed",
            Self::Compulsory => "Compulsory redundancy",
            Self::Kept => "Kept",
        }
    }

    /// The pool's FTE in a group of posts.
    pub fn fte(self, f: &Flows) -> f64 {
        match self {
            Self::VacanciesDeleted => f.vacancies_deleted,
            Self::Voluntary => f.voluntary,
            Self::Redeployed => f.redeployed_out,
            Self::Compulsory => f.compulsory,
            Self::Kept => f.kept_total(),
        }
    }
}

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

/// The chart's title: what it is, for which plan and scenario (every scenario, for the
/// comparison).
pub fn title(chart: Chart, series: &Series) -> String {
    if chart == Chart::Scenarios {
        return format!("{} — {}", chart.name(), series.plan);
    }
    format!(
        "{} — {}, {} scenario",
        chart.name(),
        series.plan,
        series.scenario
    )
}

/// The figures behind a chart: the pools of one function's roles when drilled down; `None` for
/// the comparison when the scenarios have not been evaluated.
fn figures<'a>(
    chart: Chart,
    series: &'a Series,
    scenarios: Option<&'a Scenarios>,
    pools_function: Option<usize>,
) -> Option<&'a dyn Figures> {
    Some(match chart {
        Chart::Overlap => &series.overlap,
        Chart::Savings => &series.savings,
        Chart::Waterfall => &series.waterfall,
        Chart::Pools => pools_shown(series, pools_function),
        Chart::Money => &series.years,
        Chart::Timetable => &series.timeline,
        Chart::Split => &series.split,
        Chart::Scenarios => scenarios?,
        Chart::Fan => &series.spread.as_ref()?.fan,
        Chart::Tornado => &series.spread.as_ref()?.tornado,
        Chart::Equality => &series.equality,
    })
}

/// The pools chart's figures: per role of the function drilled into, else per function.
fn pools_shown(series: &Series, pools_function: Option<usize>) -> &series::Pools {
    pools_function
        .and_then(|f| series.pools_by_role.get(f))
        .unwrap_or(&series.pools)
}

/// The chart's headline figure, as a slide shows it in large type.
pub fn headline(chart: Chart, series: &Series, scenarios: Option<&Scenarios>) -> String {
    figures(chart, series, scenarios, None)
        .map(Figures::headline)
        .unwrap_or_default()
}

/// The figures behind the chart as a table.
pub fn table(
    chart: Chart,
    series: &Series,
    scenarios: Option<&Scenarios>,
    pools_function: Option<usize>,
) -> ChartFigures {
    figures(chart, series, scenarios, pools_function)
        .map(Figures::table)
        .unwrap_or_default()
}

/// Why there is nothing to draw, or `None` when there is something.
pub fn nothing_to_show(
    chart: Chart,
    series: &Series,
    scenarios: Option<&Scenarios>,
) -> Option<&'static str> {
    let empty = figures(chart, series, scenarios, None).is_none_or(Figures::is_empty);
    empty.then_some(match chart {
        Chart::Overlap | Chart::Pools => {
            "Nothing to show: the plan has no posts or targets in its functions yet"
        }
        Chart::Timetable => "Nothing to show: the plan has no councils yet",
        Chart::Savings | Chart::Split => "Nothing to show: no council saves or spends anything yet",
        Chart::Waterfall => "Nothing to show: there is no cost today and none in the target",
        Chart::Money => "Nothing to show: no savings or one-off costs in any year",
        Chart::Scenarios => "Nothing to show: no scenario saves or spends anything yet",
        Chart::Fan | Chart::Tornado if !series.uncertain => {
            "Nothing to show: no input of this scenario is uncertain; give ranges in Scenarios or Assumptions"
        }
        Chart::Fan | Chart::Tornado => {
            "Not worked out yet for the plan as it stands: run it in Money > Uncertainty"
        }
        Chart::Equality => {
            "Nothing to show: no group has 5 or more people and 5 or more leavers (the tables in the Pools view say more)"
        }
    })
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
                    spread::fan_ui(ui, &s.fan, look);
                } else {
                    spread::tornado_ui(ui, &s.tornado, look);
                }
            }
        }
        Chart::Equality => spread::equality_ui(ui, &series.equality, look),
    }
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
        figures(chart, series, scenarios, None).map_or(0, Figures::rows)
    };
    (rows as f32 * 34.0 + 120.0).max(380.0)
}

/// Draws a table of figures.
pub fn table_ui(ui: &mut Ui, id: impl std::hash::Hash + std::fmt::Debug, table: &ChartFigures) {
    grid_ui(ui, id, &table.columns, &table.rows);
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

/// The slides shown: the plan's choice, without the scenario comparison when the plan has no
/// scenarios to compare (a comparison of one is no comparison).
/// Nor the fan and tornado when no input of the plan or any scenario is uncertain.
pub fn shown_slides(plan: &crate::model::Plan) -> Vec<Chart> {
    let uncertain = plan.assumptions.ranges.any() || plan.scenarios.iter().any(|s| s.ranges.any());
    plan.slides
        .iter()
        .copied()
        .filter(|c| *c != Chart::Scenarios || !plan.scenarios.is_empty())
        .filter(|c| !matches!(c, Chart::Fan | Chart::Tornado) || uncertain)
        .collect()
}
