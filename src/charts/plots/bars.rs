//! The bar charts by function: headcount overlap, savings by function and the pools.

use super::{
    Key, Look, category_plot, end_label, fte_axis, hover_name, include_range, label_room,
    money_axis, stack_keys, stacked_bars,
};
use crate::figures::charts::{Overlap, Pools, Stack};
use crate::format::fte;
use crate::model::Money;
use egui::Ui;
use egui_plot::{AxisHints, Bar, BarChart};

/// Headcount overlap: each council's FTE stacked, the target beside it, the overlap labelled.
pub fn overlap_ui(ui: &mut Ui, s: &Overlap, look: Look) {
    let mut keys = stack_keys(&s.councils);
    keys.push((Key::Bar(look.palette.target), "Target"));
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
    let target_colour = look.palette.target;
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
pub fn savings_ui(ui: &mut Ui, s: &crate::figures::charts::Savings, look: Look) {
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
pub(super) fn stacked_ui(
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
