//! The waterfall from today's cost to the target cost, its axis broken where it starts above zero.

use super::{
    Key, Look, category_plot, end_label, hover_name, include_range, label_room, money_axis,
};
use crate::figures::charts::{WaterfallChart, WaterfallStepKind};
use crate::model::Money;
use egui::Ui;
use egui_plot::{Bar, BarChart, Line, PlotPoints};

/// From today's cost to the target cost, one bar per step.
pub fn waterfall_ui(ui: &mut Ui, w: &WaterfallChart, look: Look) {
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
        WaterfallStepKind::Total => look.palette.target,
        WaterfallStepKind::Less => look.palette.good,
        WaterfallStepKind::Plus => look.palette.cost,
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
