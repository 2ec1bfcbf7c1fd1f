//! One function per chart, each drawing its figures with egui_plot. Categories (functions,
//! councils, steps) run down the side as horizontal bars so long names and 20 councils keep their
//! labels; years run along the bottom. Nothing zooms or drags: these are for reading.

mod bars;
mod money;
mod spread;
mod timeline;
mod waterfall;

pub use self::bars::{overlap_ui, pools_ui, savings_ui};
pub use self::money::{scenarios_ui, split_ui, years_ui};
pub use self::spread::{equality_ui, fan_ui, tornado_ui};
pub use self::timeline::timeline_ui;
pub use self::waterfall::waterfall_ui;

use egui::{Align2, Color32, FontId, RichText, Stroke, Ui};
use egui_plot::{AxisHints, Bar, BarChart, GridInput, GridMark, Plot, PlotPoint, Text};

use super::Place;
use crate::figures::charts::{Hue, PoolBar, Stack};
use crate::model::{Chart, Money};
use crate::theme;

/// The id of a chart's plot: one node in the accessibility tree, named after the chart.
pub fn plot_id(id: (Chart, bool)) -> egui::Id {
    egui::Id::unique(("chart plot", id))
}

/// How a plot is drawn.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    /// Where.
    pub place: Place,
    /// The colours of the background it is drawn on.
    pub palette: theme::Palette,
    /// Height in points.
    pub height: f32,
    /// A stable id: the chart and whether it is on a slide.
    pub id: (Chart, bool),
}

impl Look {
    pub(super) fn text_size(self) -> f32 {
        match self.place {
            Place::View => theme::CHART_TEXT_SIZE,
            Place::Slide => theme::SLIDE_CHART_TEXT_SIZE,
        }
    }

    /// The size of the values written at bar ends, so neighbouring labels never overlap: `rows`
    /// categories share the plot's height and bars sit `pitch` of a category apart.
    pub(super) fn value_size(self, rows: usize, pitch: f64) -> f32 {
        let row = (self.height - 90.0).max(40.0) / rows.max(1) as f32;
        (row * pitch as f32 / 1.3).clamp(9.0, self.text_size())
    }

    pub(super) fn text(self, text: impl Into<String>) -> RichText {
        RichText::new(text).size(self.text_size())
    }

    /// The least points between grid lines egui_plot is given: a grid spacer's
    /// `base_step_size` is the value of this many points.
    pub(super) fn grid_points(self) -> f32 {
        self.text_size() * 1.5
    }

    pub(super) fn plot(self) -> Plot<'static> {
        // A slide is shown, not pointed at: no hover labels on a projector.
        let hover = self.place == Place::View;
        Plot::new(self.id)
            // Read, not worked: hovering shows a bar's value; the chart's one node for the
            // keyboard and screen readers is laid over it (`charts::plot_ui`).
            .sense(egui::Sense::hover())
            .height(self.height.max(80.0))
            .grid_spacing(egui::Rangef::new(self.grid_points(), 300.0))
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            // Hovering a bar shows its value (egui_plot shows nothing unless x or y is on); no
            // crosshair and no label away from the bars.
            .show_x(hover)
            .show_y(hover)
            .show_crosshair(false)
            .set_margin_fraction(egui::vec2(0.02, 0.04))
    }

    pub(super) fn axis_font(self) -> FontId {
        FontId::proportional(self.text_size())
    }

    pub(super) fn ticks(self, hints: AxisHints<'static>) -> AxisHints<'static> {
        hints
            .tick_label_font(self.axis_font())
            .tick_label_color(self.palette.chart_text)
    }

    /// Draws the legend in a row above the plot (so it never covers a bar) and returns the look
    /// with the height that is left for the plot.
    pub(super) fn legend(mut self, ui: &mut Ui, keys: &[(Key, &str)]) -> Self {
        let top = ui.cursor().top();
        ui.horizontal_wrapped(|ui| {
            let size = self.text_size();
            for (key, name) in keys {
                // Painted rather than a label: the figures table is the accessible version, and
                // a legend entry must not be mistaken for a field of the same name. Swatch and
                // name are one piece, so a wrapped legend never parts them.
                let ink = self.palette.chart_text;
                let galley = ui
                    .painter()
                    .layout_no_wrap((*name).to_owned(), self.axis_font(), ink);
                let gap = size * 0.4;
                let whole = egui::vec2(size + gap + galley.size().x, galley.size().y.max(size));
                let (rect, _) = ui.allocate_exact_size(whole, egui::Sense::hover());
                let swatch = egui::Rect::from_center_size(
                    egui::pos2(rect.left() + size / 2.0, rect.center().y),
                    egui::vec2(size, size) * 0.8,
                );
                let p = ui.painter();
                match *key {
                    Key::Bar(c) => {
                        p.rect_filled(swatch, 2.0, c);
                    }
                    Key::Line(c) => {
                        p.line_segment(
                            [swatch.left_center(), swatch.right_center()],
                            Stroke::new(3.0, c),
                        );
                    }
                    Key::Marker(c) => {
                        p.add(egui::Shape::convex_polygon(
                            vec![
                                swatch.left_top(),
                                swatch.right_top(),
                                swatch.center_bottom(),
                            ],
                            c,
                            Stroke::NONE,
                        ));
                    }
                }
                let text_at = egui::pos2(
                    rect.left() + size + gap,
                    rect.center().y - galley.size().y / 2.0,
                );
                p.galley(text_at, galley, ink);
                ui.add_space(size * 0.6);
            }
        });
        self.height -= ui.cursor().top() - top;
        self
    }
}

/// How a legend entry is drawn.
#[derive(Clone, Copy, Debug)]
pub(super) enum Key {
    /// A bar's colour.
    Bar(Color32),
    /// A line.
    Line(Color32),
    /// A marker (a downward triangle).
    Marker(Color32),
}

/// The longest a category name grows on an axis before it is shortened (the full name is in the
/// table and on hover).
const AXIS_NAME_CHARS: usize = 28;

fn axis_name(name: &str) -> String {
    if name.chars().count() <= AXIS_NAME_CHARS {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(AXIS_NAME_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The y axis of a horizontal bar chart: category `i` sits at `-i`, so the first is at the top.
fn category_axis(names: &[String], look: Look) -> AxisHints<'static> {
    let names: Vec<String> = names.iter().map(|n| axis_name(n)).collect();
    look.ticks(AxisHints::new_y())
        .label_spacing(egui::Rangef::new(
            look.text_size() + 2.0,
            look.text_size() + 4.0,
        ))
        .formatter(move |mark, _| {
            let i = (-mark.value).round();
            if (mark.value + i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
}

/// The smallest 1, 2 or 5 times a power of ten that is at least `least`.
fn nice_step(least: f64) -> f64 {
    let least = least.max(1e-9);
    let power = 10f64.powf(least.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= least * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

/// Points between an axis's labels for egui_plot to draw them at full strength: it leaves out
/// labels closer than 60 points on an x axis (20 on a y axis) and fades them in up to 80 (30).
pub(super) const X_LABEL_POINTS: f64 = 80.0;
/// The same on a y axis.
pub(super) const Y_LABEL_POINTS: f64 = 30.0;

/// Value marks at 1, 2 or 5 times a power of ten (egui_plot's own steps are powers of ten only,
/// which leaves a projector's axis with two or three labels): grid lines at least 2.5 times
/// `grid_points` apart, and every mark that is a multiple of a coarser step, at least
/// `label_points` apart, given that step so that egui_plot labels it. With one step for both, an
/// x axis whose grid lines fell 52 to 60 points apart had every label left out.
pub(super) fn nice_marks(input: &GridInput, grid_points: f32, label_points: f64) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    // `base_step_size` is the value of `grid_points` points.
    let per_point = input.base_step_size / f64::from(grid_points.max(1.0));
    let grid = nice_step(per_point * f64::from(grid_points) * 2.5);
    let mut label = nice_step(per_point * label_points).max(grid);
    // A label step the grid lines divide evenly (a grid of 2 under labels of 5 would not).
    while ((label / grid) - (label / grid).round()).abs() > 1e-6 {
        label = nice_step(label * 1.01);
    }
    let first = (lo / grid).ceil() as i64;
    let last = (hi / grid).floor() as i64;
    // A figure is centred on its mark: one within half a figure's room of the far end would be
    // cut off by the plot's edge ("£3." for "£3.2m"), and egui_plot writes a figure faintly
    // even at a grid line where there is room, so no mark is made there.
    let edge = hi - per_point * label_points * 0.5;
    (first..=last)
        .take(400)
        .map(|k| k as f64 * grid)
        .filter(|value| *value <= edge)
        .map(|value| {
            let on_label = ((value / label) - (value / label).round()).abs() < 1e-6;
            GridMark {
                value,
                step_size: if on_label { label } else { grid },
            }
        })
        .collect()
}

/// Grid marks at each category.
fn category_marks(n: usize) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |_| {
        (0..n)
            .map(|i| GridMark {
                value: -(i as f64),
                step_size: 1.0,
            })
            .collect()
    }
}

/// An x axis of money, as £1.2m, £350k, -£40k.
pub(super) fn money_axis(label: &str, look: Look) -> AxisHints<'static> {
    look.ticks(AxisHints::new_x())
        .label(look.text(label))
        .formatter(|mark, _| money_tick(mark.value, mark.step_size))
}

/// A money-axis label as [`Money::compact`] writes it, with more decimals when the step needs
/// them, so neighbouring ticks never read alike ("£1.40bn, £1.45bn", not "£1.4bn, £1.4bn").
fn money_tick(value: f64, step: f64) -> String {
    let size = value.abs();
    let (unit, suffix, fewest) = if size >= 999_950_000.0 {
        (1e9, "bn", 1)
    } else if size >= 999_950.0 {
        (1e6, "m", 1)
    } else if size >= 10_000.0 {
        (1e3, "k", 0)
    } else if size >= 1000.0 {
        (1e3, "k", 1)
    } else {
        (1.0, "", 0)
    };
    let needed = if step > 0.0 && step.is_finite() {
        (-(step / unit).log10().floor()).clamp(0.0, 3.0) as usize
    } else {
        0
    };
    let decimals = needed.max(fewest);
    // A tick a hair below zero (float error) reads £0.
    let sign = if value < 0.0 && size > step.abs() * 1e-6 {
        "-"
    } else {
        ""
    };
    format!("{sign}£{:.decimals$}{suffix}", size / unit)
}

/// An x axis of FTE.
fn fte_axis(look: Look) -> AxisHints<'static> {
    look.ticks(AxisHints::new_x())
        .label(look.text("FTE"))
        .formatter(|mark, _| tick_number(mark.value, mark.step_size))
}

/// A value-axis number with the decimals its step needs: a step of 0.5 writes 0.5, 1.0, 1.5,
/// never "0 0 1 2 2".
fn tick_number(value: f64, step: f64) -> String {
    let decimals = if step > 0.0 && step.is_finite() {
        (-step.log10().floor()).clamp(0.0, 3.0) as usize
    } else {
        0
    };
    // Ticks a hair below zero (float error) read 0.
    let value = if value.abs() < step.abs() * 1e-6 {
        0.0
    } else {
        value
    };
    format!("{value:.decimals$}")
}

/// Hover text of a bar: its name, which says what it is and its value.
type BarHover = Box<dyn Fn(&Bar, &BarChart) -> String>;

thread_local! {
    /// The name of the bar under the pointer, this frame.
    static HOVERED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A bar's name for its hover: kept for [`hover_tooltip`] to show beside the pointer, and
/// nothing drawn by egui_plot, which writes it from the bar's corner and cuts it off at the
/// plot's edge (a bar ending at the right of the plot had its words cut after a few letters).
fn hover_name() -> BarHover {
    Box::new(|bar, _| {
        HOVERED.with(|h| *h.borrow_mut() = Some(bar.name.clone()));
        String::new()
    })
}

/// Shows the hovered bar's name (if a chart drawn this frame has one) beside the pointer,
/// whole, wherever the bar is.
pub fn hover_tooltip(ui: &Ui) {
    let Some(text) = HOVERED.with(|h| h.borrow_mut().take()) else {
        return;
    };
    egui::Tooltip::always_open(
        ui.ctx().clone(),
        ui.layer_id(),
        ui.scope_id().with("bar under the pointer"),
        egui::PopupAnchor::Pointer,
    )
    .show(|ui| ui.label(text));
}

/// A value written at the end of a bar, outside it.
pub(super) fn end_label(x: f64, y: f64, text: &str, look: Look, size: f32) -> Text {
    let anchor = if x < 0.0 {
        Align2::RIGHT_CENTER
    } else {
        Align2::LEFT_CENTER
    };
    let pad = if x < 0.0 { " " } else { "  " };
    let text = if x < 0.0 {
        format!("{text}{pad}")
    } else {
        format!("{pad}{text}")
    };
    // On the plot's own background, so no grid line runs through the figure.
    Text::new(
        "",
        PlotPoint::new(x, y),
        RichText::new(text)
            .size(size)
            .color(look.palette.chart_text)
            .background_color(look.palette.plot_background),
    )
    .anchor(anchor)
    .allow_hover(false)
}

/// Stacked horizontal bars, one chart per stack so the legend names each.
fn stacked_bars(
    stacks: &[Stack],
    categories: &[String],
    offset: f64,
    width: f64,
    unit: &dyn Fn(f64) -> String,
) -> Vec<BarChart> {
    stacks
        .iter()
        .map(|s| {
            let bars = s
                .values
                .iter()
                .zip(&s.bases)
                .enumerate()
                .filter(|(_, (v, _))| v.abs() > 1e-9)
                .map(|(i, (&v, &base))| {
                    let category = categories.get(i).map_or("", String::as_str);
                    Bar::new(-(i as f64) + offset, v)
                        .base_offset(base)
                        .width(width)
                        .fill(paint(s.colour))
                        .stroke(Stroke::new(1.0, paint(s.colour)))
                        .name(format!("{}, {category}: {}", s.name, unit(v)))
                })
                .collect();
            BarChart::new(s.name.clone(), bars)
                .horizontal()
                .color(paint(s.colour))
                .element_formatter(hover_name())
        })
        .collect()
}

/// One bar per non-zero amount: bar `i` at `at(i)`, `sign` up or down, named for its hover.
fn money_bars(
    values: &[Money],
    colour: impl Fn(Money) -> Color32,
    width: f64,
    at: impl Fn(usize) -> f64,
    sign: f64,
    name: impl Fn(usize, Money) -> String,
) -> Vec<Bar> {
    values
        .iter()
        .enumerate()
        .filter(|(_, m)| m.pence() != 0)
        .map(|(i, m)| {
            Bar::new(at(i), sign * m.as_pounds())
                .width(width)
                .fill(colour(*m))
                .name(name(i, *m))
        })
        .collect()
}

/// Legend entries for stacked series.
fn stack_keys(stacks: &[Stack]) -> Vec<(Key, &str)> {
    stacks
        .iter()
        .map(|s| (Key::Bar(paint(s.colour)), s.name.as_str()))
        .collect()
}

/// The x range a set of values needs, with `room` (a share of the plot's width, from
/// [`label_room`]) beyond the bars' ends for the labels written there.
pub(super) fn include_range(
    plot: Plot<'static>,
    lowest: f64,
    highest: f64,
    room: f64,
) -> Plot<'static> {
    // At least £1 or 1 FTE wide, so a chart of tiny values still has sensible ticks.
    let span = (highest - lowest).max(1.0);
    let extra = span * room / (1.0 - room);
    plot.include_x(lowest.min(0.0) - if lowest < 0.0 { extra } else { 0.0 })
        .include_x(highest.max(0.0) + extra)
}

/// The share of the plot's width the longest of `labels` needs beside its bar, so no label runs
/// off the edge however narrow the window.
pub(super) fn label_room<'a>(
    ui: &Ui,
    look: Look,
    labels: impl IntoIterator<Item = &'a String>,
) -> f64 {
    let widest = labels
        .into_iter()
        .map(|t| {
            ui.painter()
                .layout_no_wrap(format!("  {t}"), look.axis_font(), Color32::BLACK)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    // The plot is the width available less the category axis (about a sixth).
    let plot = (ui.available_width() * 0.83).max(200.0);
    f64::from((widest + 8.0) / plot).clamp(0.08, 0.6)
}

/// The width the y axis needs for the longest of `names`, so labels are whole from the first
/// frame (egui_plot otherwise learns the width from the frame before).
fn axis_width(ui: &Ui, names: &[String], look: Look) -> f32 {
    names
        .iter()
        .map(|n| {
            ui.painter()
                .layout_no_wrap(axis_name(n), look.axis_font(), Color32::BLACK)
                .size()
                .x
        })
        .fold(0.0, f32::max)
        + 12.0
}

pub(super) fn category_plot(
    ui: &Ui,
    look: Look,
    names: &[String],
    x: AxisHints<'static>,
) -> Plot<'static> {
    let n = names.len();
    look.plot()
        .custom_y_axes(vec![category_axis(names, look)])
        .y_axis_min_width(axis_width(ui, names, look))
        .custom_x_axes(vec![x])
        .x_grid_spacer(move |input| nice_marks(&input, look.grid_points(), X_LABEL_POINTS))
        .y_grid_spacer(category_marks(n))
        .include_y(0.6)
        .include_y(-(n.max(1) as f64) + 0.4)
}

/// An x axis of financial years, one at each whole number.
pub(super) fn year_axis(names: Vec<String>, look: Look) -> AxisHints<'static> {
    look.ticks(AxisHints::new_x())
        .label(look.text("Financial year"))
        .formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
}

/// Grid marks at each of `n` years.
pub(super) fn year_marks(n: usize) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |_| {
        (0..n)
            .map(|i| GridMark {
                value: i as f64,
                step_size: 1.0,
            })
            .collect()
    }
}

/// A y axis of money, as £1.2m.
pub(super) fn money_y_axis(look: Look) -> AxisHints<'static> {
    look.ticks(AxisHints::new_y())
        .label(look.text("£"))
        .label_spacing(egui::Rangef::new(
            look.text_size() * 2.0,
            look.text_size() * 3.0,
        ))
        .formatter(|mark, _| Money::from_pounds_f64(mark.value).compact())
}

/// The width a money y axis needs.
pub(super) fn money_y_width(ui: &Ui, look: Look) -> f32 {
    axis_width(ui, &["-£100.0m".to_owned()], look)
}

/// A series' colour token as paint: a council's own colour, or a pool's (the same on every
/// theme).
pub(super) fn paint(hue: Hue) -> Color32 {
    use theme::pools;
    match hue {
        Hue::Council(c) => theme::council_colour(c),
        Hue::Pool(PoolBar::VacanciesDeleted) => pools::VACANCIES_DELETED,
        Hue::Pool(PoolBar::Voluntary) => pools::VOLUNTARY,
        Hue::Pool(PoolBar::Redeployed) => pools::REDEPLOYED,
        Hue::Pool(PoolBar::Compulsory) => pools::COMPULSORY,
        Hue::Pool(PoolBar::Kept) => pools::KEPT,
    }
}

#[cfg(test)]
mod tests {

    /// The marks of an x axis from 0 to `hi` across `width` points.
    fn x_marks(hi: f64, width: f64) -> Vec<egui_plot::GridMark> {
        let grid_points = 21.0_f32;
        let input = GridInput {
            bounds: (0.0, hi),
            base_step_size: hi / width * f64::from(grid_points),
        };
        super::nice_marks(&input, grid_points, super::X_LABEL_POINTS)
    }

    /// Every axis keeps labels egui_plot will draw: whatever the range and width, the labelled
    /// marks are at least 80 points apart on an x axis, the grid lines divide them, and a small
    /// range (0 to 22 FTE across 1,170 points) still has several labels.
    #[test]
    fn an_axis_always_has_labels_egui_plot_draws() {
        for (hi, width) in [
            (22.0, 1170.0),
            (19.0, 900.0),
            (220.0, 1170.0),
            (7.5e6, 1000.0),
            (0.9, 400.0),
        ] {
            let marks = x_marks(hi, width);
            let step = marks.iter().map(|m| m.step_size).fold(0.0, f64::max);
            let points = step / hi * width;
            assert!(
                points >= super::X_LABEL_POINTS - 1e-6,
                "{hi} over {width}: labels {points} apart"
            );
            let labelled = marks
                .iter()
                .filter(|m| (m.step_size - step).abs() < 1e-12)
                .count();
            assert!(labelled >= 3, "{hi} over {width}: {labelled} labels");
            let fine = marks.iter().map(|m| m.step_size).fold(f64::MAX, f64::min);
            assert!(((step / fine) - (step / fine).round()).abs() < 1e-9);
        }
    }

    /// A figure centred on a mark at the plot's far end would be cut in half ("£3." for
    /// "£3.2m"): there are no marks within half a figure's room of it.
    #[test]
    fn no_figure_is_cut_off_at_the_far_end() {
        // £0 to £3.22m across 800 points: figures every £500k, the last at £3.0m, 55 points
        // from the end; at £3.5m wide, £3.5m itself would sit on the edge and is left bare.
        for hi in [3.22e6, 3.5e6, 3.6e6, 4.2e6, 22.0] {
            let width = 800.0;
            let marks = x_marks(hi, width);
            let step = marks.iter().map(|m| m.step_size).fold(0.0, f64::max);
            let figures: Vec<f64> = marks
                .iter()
                .filter(|m| (m.step_size - step).abs() < 1e-9)
                .map(|m| m.value)
                .collect();
            let last = figures.last().copied().unwrap_or_default();
            assert!(figures.len() >= 3, "{hi}: {figures:?}");
            // The next figure would have had too little room.
            let next = (last + step) / hi * width;
            assert!(
                next > width - super::X_LABEL_POINTS / 2.0,
                "{hi}: {figures:?}"
            );
            let room = (hi - last) / hi * width;
            assert!(room >= super::X_LABEL_POINTS / 2.0, "{hi}: {room} points");
            // Nor a faint figure at a grid line: no mark at all there.
            let far = marks.last().map_or(0.0, |m| m.value);
            assert!((hi - far) / hi * width >= super::X_LABEL_POINTS / 2.0 - 1e-9);
        }
    }

    use super::timeline::{epoch_day, from_epoch_day, month_marks};
    use super::{GridInput, money_tick, tick_number};
    use jiff::civil::Date;
    use jiff::civil::date;

    #[test]
    fn a_date_axis_counts_days_and_marks_months() {
        assert!(epoch_day(date(1970, 1, 1)).abs() < f64::EPSILON);
        assert!((epoch_day(date(2028, 4, 1)) - 21_275.0).abs() < f64::EPSILON);
        assert_eq!(from_epoch_day(21_275.0), date(2028, 4, 1));
        // A year of days, a month's step: the first of each month, from October to September.
        let input = GridInput {
            bounds: (epoch_day(date(2027, 9, 20)), epoch_day(date(2028, 9, 10))),
            base_step_size: 5.0,
        };
        let marks = month_marks(&input);
        assert_eq!(marks.len(), 12);
        assert_eq!(from_epoch_day(marks[0].value), date(2027, 10, 1));
        assert_eq!(from_epoch_day(marks[11].value), date(2028, 9, 1));
        // At the calendar's end the marks stop rather than loop.
        let input = GridInput {
            bounds: (epoch_day(date(9999, 6, 1)), epoch_day(Date::MAX) + 400.0),
            base_step_size: 5.0,
        };
        assert!(month_marks(&input).len() <= 7);
    }

    #[test]
    fn money_ticks_never_read_alike() {
        let ticks: Vec<String> = [1.40e9, 1.45e9, 1.50e9]
            .iter()
            .map(|v| money_tick(*v, 5e7))
            .collect();
        assert_eq!(ticks, ["£1.40bn", "£1.45bn", "£1.50bn"]);
        // Where compact's own decimals suffice, the labels are compact's.
        assert_eq!(money_tick(20e6, 1e6), "£20.0m");
        assert_eq!(money_tick(20.5e6, 5e5), "£20.5m");
        assert_eq!(money_tick(200_000.0, 100_000.0), "£200k");
        assert_eq!(money_tick(250_000.0, 50_000.0), "£250k");
        assert_eq!(money_tick(1500.0, 500.0), "£1.5k");
        assert_eq!(money_tick(0.0, 500_000.0), "£0");
        assert_eq!(money_tick(-1e-9, 500_000.0), "£0");
        assert_eq!(money_tick(-2e6, 1e6), "-£2.0m");
    }

    #[test]
    fn axis_ticks_keep_the_decimals_their_step_needs() {
        let ticks: Vec<String> = [0.0, 0.5, 1.0, 1.5, 2.0]
            .iter()
            .map(|v| tick_number(*v, 0.5))
            .collect();
        assert_eq!(ticks, ["0.0", "0.5", "1.0", "1.5", "2.0"]);
        assert_eq!(tick_number(20.0, 10.0), "20");
        assert_eq!(tick_number(0.05, 0.05), "0.05");
        assert_eq!(tick_number(-1e-12, 0.5), "0.0");
    }
}
