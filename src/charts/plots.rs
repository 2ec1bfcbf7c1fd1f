//! One function per chart, each drawing its figures with egui_plot. Categories (functions,
//! councils, steps) run down the side as horizontal bars so long names and 20 councils keep their
//! labels; years run along the bottom. Nothing zooms or drags: these are for reading.

use egui::{Align2, Color32, FontId, RichText, Stroke, Ui};
use egui_plot::{
    AxisHints, Bar, BarChart, GridInput, GridMark, Line, MarkerShape, Plot, PlotPoint, PlotPoints,
    Points, Text, VLine,
};
use jiff::civil::Date;

use super::Place;
use super::series::{
    Overlap, Pools, Scenarios, Split, Stack, Timeline, Waterfall, WaterfallStepKind, Years,
    long_date, month,
};
use crate::model::{Chart, Money};
use crate::theme;

/// How a plot is drawn.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    /// Where.
    pub place: Place,
    /// On a dark background.
    pub dark: bool,
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

    pub(super) fn plot(self) -> Plot<'static> {
        // A slide is shown, not pointed at: no hover labels on a projector.
        let hover = self.place == Place::View;
        Plot::new(self.id)
            .height(self.height.max(80.0))
            .grid_spacing(egui::Rangef::new(self.text_size() * 1.5, 300.0))
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
            .tick_label_color(theme::chart_text(self.dark))
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
                let ink = theme::chart_text(self.dark);
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

/// Value marks at 1, 2 or 5 times a power of ten, far enough apart for their labels (egui_plot's
/// own steps are powers of ten only, which leaves a projector's axis with two or three labels).
pub(super) fn nice_marks(input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let least = (input.base_step_size * 2.5).max(1e-9);
    let power = 10f64.powf(least.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= least)
        .unwrap_or(10.0 * power);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .take(200)
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
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

fn hover_name() -> BarHover {
    Box::new(|bar, _| bar.name.clone())
}

fn fte(v: f64) -> String {
    crate::charts::fte(v)
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
    Text::new(
        "",
        PlotPoint::new(x, y),
        RichText::new(text)
            .size(size)
            .color(theme::chart_text(look.dark)),
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
                        .fill(s.colour)
                        .stroke(Stroke::new(1.0, s.colour))
                        .name(format!("{}, {category}: {}", s.name, unit(v)))
                })
                .collect();
            BarChart::new(s.name.clone(), bars)
                .horizontal()
                .color(s.colour)
                .element_formatter(hover_name())
        })
        .collect()
}

/// One bar per non-zero amount: bar `i` at `at(i)`, `sign` up or down, named for its hover.
fn money_bars(
    values: &[Money],
    colour: Color32,
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
                .fill(colour)
                .name(name(i, *m))
        })
        .collect()
}

/// Legend entries for stacked series.
fn stack_keys(stacks: &[Stack]) -> Vec<(Key, &str)> {
    stacks
        .iter()
        .map(|s| (Key::Bar(s.colour), s.name.as_str()))
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
        .x_grid_spacer(|input| nice_marks(&input))
        .y_grid_spacer(category_marks(n))
        .include_y(0.6)
        .include_y(-(n.max(1) as f64) + 0.4)
}

/// Headcount overlap: each council's FTE stacked, the target beside it, the overlap labelled.
pub fn overlap_ui(ui: &mut Ui, s: &Overlap, look: Look) {
    let mut keys = stack_keys(&s.councils);
    keys.push((Key::Bar(theme::target_colour(look.dark)), "Target"));
    let look = look.legend(ui, &keys);
    let top = s.today.iter().chain(&s.target).copied().fold(0.0, f64::max);
    let today_labels: Vec<String> = (0..s.functions.len())
        .map(|i| {
            let overlap = s.overlap(i);
            if overlap > 0.0 {
                format!("{} today, {} over target", fte(s.today[i]), fte(overlap))
            } else {
                format!("{} today", fte(s.today[i]))
            }
        })
        .collect();
    let room = label_room(ui, look, &today_labels);
    let plot = include_range(
        category_plot(ui, look, &s.functions, fte_axis(look)),
        0.0,
        top,
        room,
    );
    let fte_unit = |v: f64| format!("{} FTE", fte(v));
    let charts = stacked_bars(&s.councils, &s.functions, 0.19, 0.34, &fte_unit);
    let target_colour = theme::target_colour(look.dark);
    let target = BarChart::new(
        "Target",
        s.target
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                Bar::new(-(i as f64) - 0.19, t)
                    .width(0.34)
                    .fill(target_colour)
                    .name(format!("Target, {}: {} FTE", s.functions[i], fte(t)))
            })
            .collect(),
    )
    .horizontal()
    .color(target_colour)
    .element_formatter(hover_name());
    let size = look.value_size(s.functions.len(), 0.38);
    plot.show(ui, |p| {
        for c in charts {
            p.bar_chart(c);
        }
        p.bar_chart(target);
        for (i, today) in today_labels.iter().enumerate() {
            let y = -(i as f64);
            p.text(end_label(s.today[i], y + 0.19, today, look, size));
            p.text(end_label(
                s.target[i],
                y - 0.19,
                &format!("target {}", fte(s.target[i])),
                look,
                size,
            ));
        }
    });
}

/// Recurring saving per function, stacked by each council's share.
pub fn savings_ui(ui: &mut Ui, s: &super::series::Savings, look: Look) {
    // A function's label goes at the end of its bar: the top of the gains, or the bottom of the
    // losses when the function loses money overall.
    let ends: Vec<(f64, String)> = s
        .totals
        .iter()
        .enumerate()
        .map(|(i, total)| {
            let up: f64 = s.councils.iter().map(|c| c.values[i].max(0.0)).sum();
            let down: f64 = s.councils.iter().map(|c| c.values[i].min(0.0)).sum();
            let x = if total.pence() < 0 { down } else { up };
            (x, total.compact())
        })
        .collect();
    let pounds = |v: f64| Money::from_pounds_f64(v).whole();
    let axis = money_axis("Saving a year (£)", look);
    stacked_ui(ui, look, &s.functions, &s.councils, axis, &pounds, &ends);
}

/// Stacked horizontal bars, one a category, with the legend above and a label at each bar's end
/// (`ends`: where the bar ends and what the label says).
fn stacked_ui(
    ui: &mut Ui,
    look: Look,
    categories: &[String],
    stacks: &[Stack],
    axis: AxisHints<'static>,
    unit: &dyn Fn(f64) -> String,
    ends: &[(f64, String)],
) {
    let look = look.legend(ui, &stack_keys(stacks));
    let bar_ends = stacks
        .iter()
        .flat_map(|c| c.values.iter().zip(&c.bases).map(|(v, b)| v + b));
    let (low, high) = ends
        .iter()
        .map(|(x, _)| *x)
        .chain(bar_ends)
        .fold((0.0_f64, 0.0_f64), |(lo, hi), e| (lo.min(e), hi.max(e)));
    let plot = include_range(
        category_plot(ui, look, categories, axis),
        low,
        high,
        label_room(ui, look, ends.iter().map(|(_, t)| t)),
    );
    let charts = stacked_bars(stacks, categories, 0.0, 0.6, unit);
    let size = look.value_size(categories.len(), 1.0);
    plot.show(ui, |p| {
        for c in charts {
            p.bar_chart(c);
        }
        for (i, (x, text)) in ends.iter().enumerate() {
            p.text(end_label(*x, -(i as f64), text, look, size));
        }
    });
}

/// From today's cost to the target cost, one bar per step.
pub fn waterfall_ui(ui: &mut Ui, w: &Waterfall, look: Look) {
    let labels: Vec<String> = w.steps.iter().map(|s| s.label.clone()).collect();
    let high = w
        .steps
        .iter()
        .map(|s| s.from.max(s.to).as_pounds())
        .fold(0.0, f64::max);
    let low = w
        .steps
        .iter()
        .map(|s| s.from.min(s.to).as_pounds())
        .fold(0.0, f64::min);
    let colour = |k: WaterfallStepKind| match k {
        WaterfallStepKind::Total => theme::target_colour(look.dark),
        WaterfallStepKind::Less => theme::good(look.dark),
        WaterfallStepKind::Plus => theme::cost_colour(look.dark),
    };
    let look = look.legend(
        ui,
        &[
            (Key::Bar(colour(WaterfallStepKind::Total)), "Cost a year"),
            (Key::Bar(colour(WaterfallStepKind::Less)), "Lowers the cost"),
            (Key::Bar(colour(WaterfallStepKind::Plus)), "Raises the cost"),
        ],
    );
    let texts: Vec<String> = w
        .steps
        .iter()
        .map(|s| match s.kind {
            WaterfallStepKind::Total => s.to.compact(),
            // A step that moves nothing reads £0, not "-£0".
            _ if s.amount().compact() == Money::ZERO.compact() => Money::ZERO.compact(),
            WaterfallStepKind::Less => format!("-{}", s.amount().compact()),
            WaterfallStepKind::Plus => format!("+{}", s.amount().compact()),
        })
        .collect();
    // The axis starts at zero, or at a round figure below the smallest cost with a break marked.
    let start = w.axis_start().as_pounds();
    let axis = if start > 0.0 {
        money_axis(
            &format!(
                "Cost a year (£): axis starts at {}",
                w.axis_start().compact()
            ),
            look,
        )
    } else {
        money_axis("Cost a year (£)", look)
    };
    let room = label_room(ui, look, &texts);
    let plot = category_plot(ui, look, &labels, axis);
    let plot = if start > 0.0 {
        let extra = (high - start) * room / (1.0 - room);
        plot.include_x(start).include_x(high + extra)
    } else {
        include_range(plot, low, high, room)
    };
    let mut charts = Vec::new();
    for (kind, name) in [
        (WaterfallStepKind::Total, "Cost"),
        (WaterfallStepKind::Less, "Lowers the cost"),
        (WaterfallStepKind::Plus, "Raises the cost"),
    ] {
        let bars: Vec<Bar> = w
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == kind)
            .map(|(i, s)| {
                let (a, b) = (s.from.as_pounds(), s.to.as_pounds());
                // A total stands on the axis's start (zero unless the axis is broken).
                let a = if kind == WaterfallStepKind::Total {
                    start
                } else {
                    a
                };
                Bar::new(-(i as f64), (b - a).abs())
                    .base_offset(a.min(b))
                    .width(0.6)
                    .fill(colour(kind))
                    .name(s.words())
            })
            .collect();
        if !bars.is_empty() {
            charts.push(
                BarChart::new(name, bars)
                    .horizontal()
                    .color(colour(kind))
                    .element_formatter(hover_name()),
            );
        }
    }
    let size = look.value_size(w.steps.len(), 1.0);
    // The break: a zigzag across the foot of each total's bar, in the plot's background colour.
    let breaks: Vec<Line<'static>> = if start > 0.0 {
        let dx = (high - start) * 0.012;
        w.steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == WaterfallStepKind::Total)
            .map(|(i, _)| {
                let y = -(i as f64);
                let zigzag: Vec<[f64; 2]> = (0..=6)
                    .map(|k| {
                        let x = start + dx * if k % 2 == 0 { 2.0 } else { 3.0 };
                        [x, y - 0.36 + 0.12 * f64::from(k)]
                    })
                    .collect();
                Line::new("", PlotPoints::from(zigzag))
                    .color(ui.visuals().extreme_bg_color)
                    .width(3.0)
                    .allow_hover(false)
            })
            .collect()
    } else {
        Vec::new()
    };
    plot.show(ui, |p| {
        for c in charts {
            p.bar_chart(c);
        }
        for b in breaks {
            p.line(b);
        }
        for (i, s) in w.steps.iter().enumerate() {
            let x = s.from.max(s.to).as_pounds();
            p.text(end_label(x.max(0.0), -(i as f64), &texts[i], look, size));
        }
    });
}

/// FTE of each pool, stacked per function or role.
pub fn pools_ui(ui: &mut Ui, s: &Pools, look: Look) {
    let ends: Vec<(f64, String)> = s
        .today
        .iter()
        .map(|t| (*t, format!("{} FTE", fte(*t))))
        .collect();
    let fte_unit = |v: f64| format!("{} FTE", fte(v));
    stacked_ui(
        ui,
        look,
        &s.categories,
        &s.pools,
        fte_axis(look),
        &fte_unit,
        &ends,
    );
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

/// Savings up, one-off costs down, per financial year; the cumulative net and payback.
pub fn years_ui(ui: &mut Ui, y: &Years, look: Look) {
    let n = y.years.len();
    let names = y.years.clone();
    let good = theme::good(look.dark);
    let cost = theme::cost_colour(look.dark);
    let line_colour = theme::chart_text(look.dark);
    let look = look.legend(
        ui,
        &[
            (Key::Bar(good), "Saving"),
            (Key::Bar(cost), "One-off cost"),
            (Key::Line(line_colour), "Cumulative net"),
        ],
    );
    let at = |i: usize| i as f64;
    let savings = money_bars(&y.savings, good, 0.6, at, 1.0, |i, m| {
        format!("Saving in {}: {}", names[i], m.whole())
    });
    let one_off = money_bars(&y.one_off, cost, 0.6, at, -1.0, |i, m| {
        format!("One-off cost in {}: {}", names[i], m.whole())
    });
    let savings = BarChart::new("Saving", savings)
        .color(good)
        .element_formatter(hover_name());
    let one_off = BarChart::new("One-off cost", one_off)
        .color(cost)
        .element_formatter(hover_name());
    // In two pieces meeting at the go-live dip: a thick line turning that sharply would draw a
    // mitre spike.
    let last = y.line.len().saturating_sub(1);
    let split = y.dip.unwrap_or(last).min(last);
    let halves: [&[[f64; 2]]; 2] = if y.line.is_empty() {
        [&[], &[]]
    } else {
        [&y.line[..=split], &y.line[split..]]
    };
    let pieces: Vec<Line> = halves
        .into_iter()
        .filter(|part| part.len() > 1)
        .map(|part| {
            // Two points share go-live's x: no aggregating them into a filled band.
            Line::new("Cumulative net", PlotPoints::from(part.to_vec()))
                .color(line_colour)
                .width(3.0)
                .allow_band(false)
        })
        .collect();
    let year_names = names.clone();
    let plot = look
        .plot()
        .custom_x_axes(vec![year_axis(year_names, look)])
        .custom_y_axes(vec![money_y_axis(look)])
        .y_axis_min_width(money_y_width(ui, look))
        .y_grid_spacer(|input| nice_marks(&input))
        .x_grid_spacer(year_marks(n))
        .include_x(-0.6)
        .include_x(n as f64 - 0.4)
        .include_y(0.0);
    let payback = y.payback.clone();
    let top = y
        .cumulative
        .iter()
        .chain(&y.savings)
        .map(|m| m.as_pounds())
        .fold(0.0, f64::max);
    plot.show(ui, |p| {
        p.bar_chart(savings);
        p.bar_chart(one_off);
        for piece in pieces {
            p.line(piece);
        }
        if let Some(pb) = payback {
            p.vline(
                VLine::new("", pb.x)
                    .color(line_colour)
                    .width(2.0)
                    .style(egui_plot::LineStyle::dashed_loose()),
            );
            p.points(
                Points::new("", PlotPoints::from(vec![[pb.x, 0.0]]))
                    .shape(MarkerShape::Diamond)
                    .radius(look.text_size() * 0.5)
                    .filled(true)
                    .color(line_colour),
            );
            p.text(
                Text::new(
                    "",
                    PlotPoint::new(pb.x, top),
                    look.text(format!(" {} ", pb.label))
                        .strong()
                        .color(line_colour),
                )
                .anchor(if pb.x < n as f64 / 2.0 {
                    Align2::LEFT_TOP
                } else {
                    Align2::RIGHT_TOP
                })
                .allow_hover(false),
            );
        }
    });
}

/// The first day a date axis counts from.
const AXIS_EPOCH: Date = jiff::civil::date(1970, 1, 1);

/// A date as a position on a date axis: days since 1 January 1970.
fn epoch_day(d: Date) -> f64 {
    AXIS_EPOCH
        .until(d)
        .map_or(0.0, |span| f64::from(span.get_days()))
}

/// The date at a position on a date axis, kept within the calendar.
fn from_epoch_day(days: f64) -> Date {
    let days = days.round().clamp(-700_000.0, 2_900_000.0) as i64;
    AXIS_EPOCH
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// Month marks for a date axis, every 1, 2, 3, 6 or 12 months so labels keep apart.
fn month_marks(input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    // base_step_size is the smallest step egui_plot would draw; labels need about 4 of them.
    let months = [1, 2, 3, 6, 12]
        .into_iter()
        .find(|m| f64::from(*m) * 30.4 >= input.base_step_size * 4.0)
        .unwrap_or(12);
    let mut d = from_epoch_day(lo.floor()).first_of_month();
    let mut marks = Vec::new();
    while epoch_day(d) <= hi && marks.len() < 400 {
        if (i32::from(d.month()) - 1) % months == 0 && epoch_day(d) >= lo {
            marks.push(GridMark {
                value: epoch_day(d),
                step_size: f64::from(months) * 30.4,
            });
        }
        // The calendar's last month has no month after it.
        let Ok(next) = d.checked_add(jiff::Span::new().months(1)) else {
            break;
        };
        d = next;
    }
    marks
}

/// Consultation, notice and exits per council, HR1 dates and the go-live line.
pub fn timeline_ui(ui: &mut Ui, t: &Timeline, look: Look) {
    let names: Vec<String> = t.lanes.iter().map(|l| l.label.clone()).collect();
    let day = epoch_day;
    let warning = theme::warning(look.dark);
    let go_live_label = if t.go_lives.len() > 1 {
        "Each wave's go-live".to_owned()
    } else {
        format!("Go-live {}", long_date(t.go_live))
    };
    let mut keys: Vec<(Key, &str)> = [
        super::series::Phase::Consultation,
        super::series::Phase::Notice,
        super::series::Phase::Exits,
    ]
    .map(|p| (Key::Bar(p.colour(look.dark)), p.name()))
    .to_vec();
    if t.misses() > 0 {
        keys.push((Key::Bar(warning), "Misses go-live (hover for why)"));
    }
    keys.push((Key::Marker(theme::chart_text(look.dark)), "HR1 due"));
    keys.push((Key::Line(theme::error(look.dark)), &go_live_label));
    let look = look.legend(ui, &keys);
    let mut charts = Vec::new();
    for phase in [
        super::series::Phase::Consultation,
        super::series::Phase::Notice,
        super::series::Phase::Exits,
    ] {
        let colour = phase.colour(look.dark);
        let bars: Vec<Bar> = t
            .lanes
            .iter()
            .enumerate()
            .flat_map(|(i, l)| {
                l.spans
                    .iter()
                    .filter(move |s| s.phase == phase)
                    .map(move |s| (i, l, s))
            })
            .map(|(i, l, s)| {
                let who = l.wave.as_ref().map_or_else(
                    || l.council.name.clone(),
                    |w| format!("{}, {w} (go-live {})", l.council.name, long_date(l.go_live)),
                );
                let mut name = format!(
                    "{who}: {} {} to {}",
                    phase.name().to_lowercase(),
                    long_date(s.from),
                    long_date(s.to)
                );
                if s.misses && !l.reason.is_empty() {
                    name = format!("{name}\nMisses go-live: {}", l.reason);
                }
                Bar::new(-(i as f64), (day(s.to) - day(s.from)).max(1.0))
                    .base_offset(day(s.from))
                    .width(0.5)
                    .fill(if s.misses { warning } else { colour })
                    .name(name)
            })
            .collect();
        charts.push(
            BarChart::new(phase.name(), bars)
                .horizontal()
                .color(colour)
                .element_formatter(hover_name()),
        );
    }
    let last = t
        .lanes
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.to))
        .chain(t.go_lives.iter().map(|g| g.0))
        .chain([t.go_live])
        .max()
        .unwrap_or(t.go_live);
    let hr1: Vec<[f64; 2]> = t
        .lanes
        .iter()
        .enumerate()
        .filter(|(_, l)| l.hr1_needed)
        .map(|(i, l)| [day(l.hr1_by), -(i as f64) + 0.38])
        .collect();
    let go_lives: Vec<(Date, String)> = if t.go_lives.is_empty() {
        vec![(t.go_live, String::new())]
    } else {
        t.go_lives.clone()
    };
    let plot = look
        .plot()
        .custom_y_axes(vec![category_axis(&names, look)])
        .y_axis_min_width(axis_width(ui, &names, look))
        .custom_x_axes(vec![
            look.ticks(AxisHints::new_x())
                .label(look.text("Date"))
                .formatter(|mark, _| {
                    let d = from_epoch_day(mark.value);
                    format!("{} {}", month(d), d.year())
                }),
        ])
        .y_grid_spacer(category_marks(t.lanes.len()))
        .x_grid_spacer(|input| month_marks(&input))
        .include_y(0.7)
        .include_y(-(t.lanes.len().max(1) as f64) + 0.4)
        .include_x(day(t.start) - 7.0)
        .include_x(day(last) + ((day(last) - day(t.start)) * 0.08).max(14.0));
    plot.show(ui, |p| {
        for c in charts {
            p.bar_chart(c);
        }
        p.points(
            Points::new("HR1 due", PlotPoints::from(hr1))
                .shape(MarkerShape::Down)
                .radius(look.text_size() * 0.5)
                .filled(true)
                .color(theme::chart_text(look.dark)),
        );
        for (n, (go_live, functions)) in go_lives.into_iter().enumerate() {
            let name = if functions.is_empty() {
                format!("Go-live {}", long_date(go_live))
            } else {
                format!("Go-live {} ({functions})", long_date(go_live))
            };
            p.vline(
                VLine::new(name, day(go_live))
                    .color(theme::error(look.dark))
                    .width(3.0),
            );
            // Each wave's line says which functions go live on it, above the lanes, ending at
            // the line (the months before a go-live are its own wave's).
            if !functions.is_empty() {
                p.text(
                    Text::new(
                        "",
                        PlotPoint::new(day(go_live), 0.55),
                        RichText::new(format!("Wave {}: {functions}  ", n + 1))
                            .size(look.text_size())
                            .color(theme::chart_text(look.dark)),
                    )
                    .anchor(Align2::RIGHT_CENTER)
                    .allow_hover(false),
                );
            }
        }
    });
}

/// Grouped horizontal bars of a saving and a one-off cost per row (councils or scenarios).
fn saving_and_cost_ui(
    ui: &mut Ui,
    names: &[String],
    full: &[String],
    savings: &[Money],
    one_off: &[Money],
    look: Look,
) {
    let (low, high) = savings
        .iter()
        .chain(one_off)
        .fold((0.0_f64, 0.0_f64), |(lo, hi), m| {
            (lo.min(m.as_pounds()), hi.max(m.as_pounds()))
        });
    let good = theme::good(look.dark);
    let cost = theme::cost_colour(look.dark);
    let look = look.legend(
        ui,
        &[
            (Key::Bar(good), "Saving a year"),
            (Key::Bar(cost), "One-off cost"),
        ],
    );
    let texts: Vec<String> = (0..names.len())
        .map(|i| {
            format!(
                "{} a year, {} one-off",
                savings[i].compact(),
                one_off[i].compact()
            )
        })
        .collect();
    let plot = include_range(
        category_plot(ui, look, names, money_axis("£", look)),
        low,
        high,
        label_room(ui, look, &texts),
    );
    let s = money_bars(
        savings,
        good,
        0.34,
        |i| -(i as f64) + 0.19,
        1.0,
        |i, m| format!("{}: saving a year {}", full[i], m.whole()),
    );
    let c = money_bars(
        one_off,
        cost,
        0.34,
        |i| -(i as f64) - 0.19,
        1.0,
        |i, m| format!("{}: one-off cost {}", full[i], m.whole()),
    );
    let s = BarChart::new("Saving a year", s)
        .horizontal()
        .color(good)
        .element_formatter(hover_name());
    let c = BarChart::new("One-off cost", c)
        .horizontal()
        .color(cost)
        .element_formatter(hover_name());
    // One label a row, beside the longer bar: two labels a row would crowd 20 councils.
    let size = look.value_size(names.len(), 1.0);
    plot.show(ui, |p| {
        p.bar_chart(s);
        p.bar_chart(c);
        for i in 0..names.len() {
            let (a, b) = (savings[i].as_pounds(), one_off[i].as_pounds());
            let x = if a.min(b) < 0.0 && a.max(b) <= 0.0 {
                a.min(b)
            } else {
                a.max(b)
            };
            p.text(end_label(x, -(i as f64), &texts[i], look, size));
        }
    });
}

/// Each council's saving a year and its one-off cost.
pub fn split_ui(ui: &mut Ui, s: &Split, look: Look) {
    // Which agreement the figures follow, so nobody reads one as the other.
    let said = ui.label(
        egui::RichText::new(&s.method)
            .size(look.text_size())
            .color(theme::chart_text(look.dark)),
    );
    // The sentence takes its height from the chart's, so the whole fits where it did.
    let look = Look {
        height: (look.height - said.rect.height() - ui.spacing().item_spacing.y).max(120.0),
        ..look
    };
    let names: Vec<String> = s.councils.iter().map(|c| c.short.clone()).collect();
    let full: Vec<String> = s.councils.iter().map(|c| c.name.clone()).collect();
    saving_and_cost_ui(ui, &names, &full, &s.savings, &s.one_off, look);
}

/// Each scenario's saving a year and one-off cost.
pub fn scenarios_ui(ui: &mut Ui, s: &Scenarios, look: Look) {
    let names: Vec<String> = s.scenarios.iter().map(|x| x.name.clone()).collect();
    let savings: Vec<Money> = s.scenarios.iter().map(|x| x.saving).collect();
    let one_off: Vec<Money> = s.scenarios.iter().map(|x| x.one_off).collect();
    saving_and_cost_ui(ui, &names, &names, &savings, &one_off, look);
}

#[cfg(test)]
mod tests {
    use super::{Date, GridInput, epoch_day, from_epoch_day, money_tick, month_marks, tick_number};
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
