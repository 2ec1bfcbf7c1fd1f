//! The plots of the charts of uncertainty and equality: the fan, the tornado and the equality
//! impact's rate of selection by group, drawn from their figures (`figures::charts::spread`).

use egui::{Color32, Stroke, Ui};
use egui_plot::{AxisHints, Bar, BarChart, FilledArea, Line, PlotPoints, Polygon, VLine};

use super::{self as plots, Key, Look};
use crate::engine::equality::Selection;
use crate::figures::charts::{EqualityChart, Fan, Tornado};
use crate::figures::words::money_change;

/// The fan: the P10 to P90 band, the P50 line and the plan as it stands, by financial year.
pub fn fan_ui(ui: &mut Ui, f: &Fan, look: Look) {
    let band = look.palette.good;
    let ink = look.palette.chart_text;
    let look = look.legend(
        ui,
        &[
            (Key::Bar(band.gamma_multiply(0.35)), "P10 to P90"),
            (Key::Line(band), "P50"),
            (Key::Line(ink), "As planned"),
        ],
    );
    let n = f.years.len();
    let xs: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let line = |values: &[f64]| -> PlotPoints<'static> {
        xs.iter()
            .zip(values)
            .map(|(x, y)| [*x, *y])
            .collect::<Vec<_>>()
            .into()
    };
    let names = f.years.clone();
    let plot = look
        .plot()
        .custom_x_axes(vec![plots::year_axis(names, look)])
        .custom_y_axes(vec![plots::money_y_axis(look)])
        .y_axis_min_width(plots::money_y_width(ui, look))
        .y_grid_spacer(move |input| {
            plots::nice_marks(&input, look.grid_points(), plots::Y_LABEL_POINTS)
        })
        .x_grid_spacer(plots::year_marks(n))
        .include_x(-0.3)
        .include_x(n as f64 - 0.7)
        .include_y(0.0);
    plot.show(ui, |p| {
        p.add(
            FilledArea::new("P10 to P90", &xs, &f.p10, &f.p90)
                .fill_color(band.gamma_multiply(0.35))
                .allow_hover(false),
        );
        p.line(
            Line::new("P50", line(&f.p50))
                .color(band)
                .width(4.0)
                .allow_band(false),
        );
        p.line(
            Line::new("As planned", line(&f.planned))
                .color(ink)
                .width(2.5)
                .style(egui_plot::LineStyle::dashed_loose())
                .allow_band(false),
        );
        p.hline(egui_plot::HLine::new("", 0.0).color(ink.gamma_multiply(0.5)));
    });
}

/// The tornado: for each input, the change in the one-off cost and in the saving from their
/// likely figures as the input goes from its low to its high value.
pub fn tornado_ui(ui: &mut Ui, t: &Tornado, look: Look) {
    let cost = look.palette.cost;
    let good = look.palette.good;
    let look = look.legend(
        ui,
        &[
            (Key::Bar(cost), "One-off cost"),
            (Key::Bar(good), "Saving a year"),
        ],
    );
    let (base_cost, base_saving) = t.likely;
    let mut labels: Vec<(f64, f64, String)> = Vec::new();
    let mut bars = |values: &[(f64, f64)], base: f64, offset: f64, colour: Color32, what: &str| {
        let list: Vec<Bar> = values
            .iter()
            .enumerate()
            .map(|(i, (lo, hi))| {
                let (a, b) = (lo - base, hi - base);
                let (from, to) = (a.min(b), a.max(b));
                let y = -(i as f64) + offset;
                let text = if to - from < 0.5 {
                    "no change".to_owned()
                } else {
                    format!("{} to {}", money_change(from), money_change(to))
                };
                labels.push((to.max(0.0), y, text.clone()));
                Bar::new(y, (to - from).max(1.0))
                    .base_offset(from)
                    .width(0.34)
                    .fill(colour)
                    .stroke(Stroke::new(1.0, colour))
                    .name(format!("{}, {what}: {text}", t.inputs[i]))
            })
            .collect();
        BarChart::new(what, list)
            .horizontal()
            .color(colour)
            .element_formatter(Box::new(|bar, _| bar.name.clone()))
    };
    let one_off = bars(&t.one_off, base_cost, 0.19, cost, "One-off cost");
    let saving = bars(&t.saving, base_saving, -0.19, good, "Saving a year");
    let (low, high) = t
        .one_off
        .iter()
        .map(|(a, b)| (a - base_cost, b - base_cost))
        .chain(
            t.saving
                .iter()
                .map(|(a, b)| (a - base_saving, b - base_saving)),
        )
        .fold((0.0_f64, 0.0_f64), |(lo, hi), (a, b)| {
            (lo.min(a).min(b), hi.max(a).max(b))
        });
    // Bars reach both ways from the likely figure: more room for the labels on the right.
    let room = (plots::label_room(ui, look, labels.iter().map(|(_, _, t)| t)) * 1.3).min(0.6);
    let axis = plots::money_axis("Change from the likely figure (£)", look);
    let plot = plots::include_range(
        plots::category_plot(ui, look, &t.inputs, axis),
        low,
        high,
        room,
    );
    let size = look.value_size(t.inputs.len(), 0.38);
    let ink = look.palette.chart_text;
    plot.show(ui, |p| {
        p.bar_chart(one_off);
        p.bar_chart(saving);
        p.vline(VLine::new("", 0.0).color(ink).width(1.5));
        for (x, y, text) in &labels {
            p.text(plots::end_label(*x, *y, text, look, size));
        }
    });
}

/// The equality chart: each group's rate of selection as a bar, the workforce's rate as a line
/// and the four-fifths to five-fourths band around it shaded; groups outside it in the warning
/// colour, groups of fewer than 5 without a bar.
pub fn equality_ui(ui: &mut Ui, e: &EqualityChart, look: Look) {
    let within = look.palette.target;
    let warn = look.palette.warning;
    let ink = look.palette.chart_text;
    let look = look.legend(
        ui,
        &[
            (Key::Bar(within), "Within four-fifths to five-fourths"),
            (Key::Bar(warn), "Outside it"),
            (Key::Line(ink), "The workforce's rate"),
        ],
    );
    let names: Vec<String> = e.groups.iter().map(|g| g.name.clone()).collect();
    let labels: Vec<String> = e.groups.iter().map(EqualityChart::label).collect();
    let top = e
        .groups
        .iter()
        .filter_map(|g| g.rate)
        .fold(e.overall * 1.25, f64::max)
        * 100.0;
    let room = (plots::label_room(ui, look, &labels) * 1.15).min(0.6);
    let axis = look
        .ticks(AxisHints::new_x())
        .label(look.text("Rate of selection (%)"))
        .formatter(|mark, _| format!("{:.0}%", mark.value));
    let plot = plots::include_range(plots::category_plot(ui, look, &names, axis), 0.0, top, room);
    let bars: Vec<Bar> = e
        .groups
        .iter()
        .enumerate()
        .filter_map(|(i, g)| {
            let rate = g.rate?;
            // (Every group charted has a rate: the others are in the tables.)
            let colour = if matches!(g.selection, Selection::Under | Selection::Over) {
                warn
            } else {
                within
            };
            Some(
                Bar::new(-(i as f64), rate * 100.0)
                    .width(0.6)
                    .fill(colour)
                    .name(format!("{}: {}", g.name, labels[i])),
            )
        })
        .collect();
    let n = e.groups.len() as f64;
    let band = Polygon::new(
        "",
        PlotPoints::from(vec![
            [e.overall * 80.0, 0.6],
            [e.overall * 125.0, 0.6],
            [e.overall * 125.0, -n + 0.4],
            [e.overall * 80.0, -n + 0.4],
        ]),
    )
    .fill_color(ink.gamma_multiply(0.08))
    .stroke(Stroke::NONE)
    .allow_hover(false);
    let size = look.value_size(e.groups.len(), 1.0);
    plot.show(ui, |p| {
        p.polygon(band);
        p.bar_chart(
            BarChart::new("Rate of selection", bars)
                .horizontal()
                .element_formatter(Box::new(|bar, _| bar.name.clone())),
        );
        p.vline(VLine::new("", e.overall * 100.0).color(ink).width(2.5));
        for (i, (g, text)) in e.groups.iter().zip(&labels).enumerate() {
            let x = g.rate.unwrap_or(0.0) * 100.0;
            p.text(plots::end_label(x, -(i as f64), text, look, size));
        }
    });
}
