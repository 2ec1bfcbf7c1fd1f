//! Money by financial year, the split between councils and the scenarios side by side.

use super::{
    Key, Look, category_plot, end_label, hover_name, include_range, label_room, money_axis,
    money_bars, money_y_axis, money_y_width, nice_marks, year_axis, year_marks,
};
use crate::figures::charts::{Scenarios, Split, Years};
use crate::model::Money;
use egui::{Align2, Ui};
use egui_plot::{BarChart, Line, MarkerShape, PlotPoint, PlotPoints, Points, Text, VLine};

/// Savings up, one-off costs down, per financial year; the cumulative net and payback.
pub fn years_ui(ui: &mut Ui, y: &Years, look: Look) {
    let n = y.years.len();
    let names = y.years.clone();
    let good = look.palette.good;
    let cost = look.palette.cost;
    let line_colour = look.palette.chart_text;
    let look = look.legend(
        ui,
        &[
            (Key::Bar(good), "Saving"),
            (Key::Bar(cost), "One-off cost"),
            (Key::Line(line_colour), "Cumulative net"),
        ],
    );
    let at = |i: usize| i as f64;
    let palette = look.palette;
    let savings = money_bars(
        &y.savings,
        |m| palette.saving(m.pence()),
        0.6,
        at,
        1.0,
        |i, m| format!("Saving in {}: {}", names[i], m.whole()),
    );
    let one_off = money_bars(
        &y.one_off,
        |_| cost,
        0.6,
        at,
        -1.0,
        |i, m| format!("One-off cost in {}: {}", names[i], m.whole()),
    );
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
        .y_grid_spacer(move |input| nice_marks(&input, look.grid_points(), super::Y_LABEL_POINTS))
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
                        .color(line_colour)
                        .background_color(look.palette.plot_background),
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

/// Grouped horizontal bars of a saving and a one-off cost per row (councils or scenarios).
pub(super) fn saving_and_cost_ui(
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
    let good = look.palette.good;
    let cost = look.palette.cost;
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
    let palette = look.palette;
    let s = money_bars(
        savings,
        |m| palette.saving(m.pence()),
        0.34,
        |i| -(i as f64) + 0.19,
        1.0,
        |i, m| format!("{}: saving a year {}", full[i], m.whole()),
    );
    let c = money_bars(
        one_off,
        |_| cost,
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
            .color(look.palette.chart_text),
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
