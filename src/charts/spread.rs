//! The charts of uncertainty and equality: the fan of cumulative net by financial year and the tornado (from a
//! Monte Carlo run over the scenario's ranges), and the equality impact's rate of selection by
//! group. Their figures (pure data, tested without drawing) and their plots.

use egui::{Color32, Stroke, Ui};
use egui_plot::{AxisHints, Bar, BarChart, FilledArea, Line, PlotPoints, Polygon, VLine};

use super::plots::{self, Key, Look};
use super::series::{ChartFigures, Figures};
use crate::engine::Outcome;
use crate::engine::equality::{Characteristic, Equality as Impact, Selection};
use crate::engine::risk::Risk;
use crate::model::{Money, Plan};

fn money(x: f64) -> String {
    Money::from_pounds_f64(x).compact()
}

/// A change in pounds with its sign: "+£489k", "−£595k", "£0".
fn change(x: f64) -> String {
    let m = Money::from_pounds_f64(x.abs()).compact();
    if x >= 0.5 {
        format!("+{m}")
    } else if x <= -0.5 {
        format!("−{m}")
    } else {
        m
    }
}

fn percent(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

/// Cumulative net by financial year over the draws: P10 to P90, P50 and the plan as it stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fan {
    /// The financial years, as "2027/28".
    pub years: Vec<String>,
    /// P10 of each year's cumulative net, pounds.
    pub p10: Vec<f64>,
    /// P50.
    pub p50: Vec<f64>,
    /// P90.
    pub p90: Vec<f64>,
    /// The scenario as it stands, with its own values.
    pub planned: Vec<f64>,
    /// Draws made.
    pub draws: usize,
    /// The share of draws paying back within the limit, and the limit in years.
    pub payback: (f64, f64),
}

impl Fan {
    /// The fan of a run.
    pub fn of(r: &Risk) -> Self {
        Self {
            years: r.fan.iter().map(|y| y.year.to_string()).collect(),
            p10: r.fan.iter().map(|y| y.quantiles.p10).collect(),
            p50: r.fan.iter().map(|y| y.quantiles.p50).collect(),
            p90: r.fan.iter().map(|y| y.quantiles.p90).collect(),
            planned: r.fan.iter().map(|y| y.deterministic).collect(),
            draws: r.draws,
            payback: (r.p_payback_within_limit, r.payback_limit_years),
        }
    }
}

impl Figures for Fan {
    fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// The last year's range and the chance of paying back in time.
    fn headline(&self) -> String {
        let (Some(year), Some(lo), Some(hi)) =
            (self.years.last(), self.p10.last(), self.p90.last())
        else {
            return String::new();
        };
        format!(
            "By {year}: {} to {} (P10 to P90); {} chance of payback within {} years",
            money(*lo),
            money(*hi),
            percent(self.payback.0),
            self.payback.1
        )
    }

    fn table(&self) -> ChartFigures {
        ChartFigures {
            columns: ["Year", "P10", "P50", "P90", "As planned"]
                .map(str::to_owned)
                .to_vec(),
            rows: (0..self.years.len())
                .map(|i| {
                    vec![
                        self.years[i].clone(),
                        Money::from_pounds_f64(self.p10[i]).whole(),
                        Money::from_pounds_f64(self.p50[i]).whole(),
                        Money::from_pounds_f64(self.p90[i]).whole(),
                        Money::from_pounds_f64(self.planned[i]).whole(),
                    ]
                })
                .collect(),
        }
    }

    fn rows(&self) -> usize {
        0
    }
}

/// Which uncertain input moves the one-off cost and the saving most: each from its low to its
/// high value, the others at their likely values, as changes from the likely figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tornado {
    /// The inputs, the one moving the one-off cost most first.
    pub inputs: Vec<String>,
    /// One-off cost at each input's low and high value, pounds.
    pub one_off: Vec<(f64, f64)>,
    /// Recurring saving a year at each input's low and high value, pounds.
    pub saving: Vec<(f64, f64)>,
    /// The one-off cost and saving with every input at its likely value.
    pub likely: (f64, f64),
}

impl Tornado {
    /// The tornado of a run.
    pub fn of(r: &Risk) -> Self {
        Self {
            inputs: r.tornado.iter().map(|b| b.input.to_owned()).collect(),
            one_off: r.tornado.iter().map(|b| b.one_off).collect(),
            saving: r.tornado.iter().map(|b| b.saving).collect(),
            likely: r.likely,
        }
    }
}

impl Figures for Tornado {
    fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// The input moving the one-off cost most, and how far.
    fn headline(&self) -> String {
        match (self.inputs.first(), self.one_off.first()) {
            (Some(input), Some((lo, hi))) => format!(
                "{input} moves the one-off cost most: {} to {}",
                money(lo.min(*hi)),
                money(lo.max(*hi))
            ),
            _ => String::new(),
        }
    }

    fn table(&self) -> ChartFigures {
        ChartFigures {
            columns: [
                "Input",
                "One-off cost at low",
                "One-off cost at high",
                "Saving at low",
                "Saving at high",
            ]
            .map(str::to_owned)
            .to_vec(),
            rows: (0..self.inputs.len())
                .map(|i| {
                    vec![
                        self.inputs[i].clone(),
                        Money::from_pounds_f64(self.one_off[i].0).whole(),
                        Money::from_pounds_f64(self.one_off[i].1).whole(),
                        Money::from_pounds_f64(self.saving[i].0).whole(),
                        Money::from_pounds_f64(self.saving[i].1).whole(),
                    ]
                })
                .collect(),
        }
    }

    fn rows(&self) -> usize {
        self.inputs.len() * 2
    }
}

/// The fan and the tornado of one run, for the plan as it stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spread {
    /// The fan.
    pub fan: Fan,
    /// The tornado.
    pub tornado: Tornado,
}

impl Spread {
    /// Both charts of a run.
    pub fn of(r: &Risk) -> Self {
        Self {
            fan: Fan::of(r),
            tornado: Tornado::of(r),
        }
    }
}

/// One group of the equality chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// "Aged 55-64", "Sex: Female".
    pub name: String,
    /// Its rate of selection, or `None` where fewer than 5 people would be given away.
    pub rate: Option<f64>,
    /// People in the workforce (`None`: fewer than 5).
    pub workforce: Option<f64>,
    /// The four-fifths rule's finding.
    pub selection: Selection,
}

/// The equality impact as a chart: each group's rate of selection against the workforce's, for
/// every pool together; no individual, no group of fewer than 5 people or 5 leavers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EqualityChart {
    /// The groups, age bands first.
    pub groups: Vec<Group>,
    /// Groups of fewer than 5 people or 5 leavers: in the tables, not on the chart.
    pub hidden: usize,
    /// Charted groups (those whose rate is shown) outside four-fifths to five-fourths of the
    /// workforce's rate.
    pub uneven: usize,
    /// The workforce's rate of selection.
    pub overall: f64,
    /// The impact behind it, per pool too, for the views and reports.
    pub impact: Impact,
}

impl EqualityChart {
    /// The chart of an outcome.
    pub fn of(plan: &Plan, o: &Outcome) -> Self {
        let impact = crate::engine::equality::of_outcome(plan, o);
        let overall = impact.age().map_or(0.0, |a| a.total.total().rate());
        let groups = impact
            .breakdowns
            .iter()
            .flat_map(|b| {
                b.shown(&b.total)
                    .into_iter()
                    .filter(|r| !r.everyone)
                    .map(move |r| Group {
                        name: if b.characteristic == Characteristic::Age {
                            format!("Aged {}", r.group)
                        } else {
                            format!("{}: {}", b.characteristic.name(), r.group)
                        },
                        rate: r.rate,
                        workforce: r.workforce,
                        selection: r.selection,
                    })
            })
            .collect::<Vec<Group>>();
        let (groups, small): (Vec<Group>, Vec<Group>) =
            groups.into_iter().partition(|g| g.rate.is_some());
        // Only groups whose rate is shown are judged where people can see it: a headline that
        // counted the others would speak of bars the chart does not draw.
        let uneven = groups
            .iter()
            .filter(|g| matches!(g.selection, Selection::Under | Selection::Over))
            .count();
        Self {
            groups,
            hidden: small.len(),
            uneven,
            overall,
            impact,
        }
    }

    /// A group's label at its bar's end.
    fn label(g: &Group) -> String {
        let r = g.rate.unwrap_or(0.0) * 100.0;
        match g.selection {
            Selection::Under => format!("{r:.1}%: under four-fifths"),
            Selection::Over => format!("{r:.1}%: over five-fourths"),
            Selection::Within | Selection::Suppressed => format!("{r:.1}%"),
        }
    }
}

impl Figures for EqualityChart {
    fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    fn headline(&self) -> String {
        let uneven = self.uneven;
        format!(
            "{:.1}% of the workforce expected to leave; {}",
            self.overall * 100.0,
            match uneven {
                0 => "no group selected unevenly".to_owned(),
                1 => "1 group outside four-fifths to five-fourths of it".to_owned(),
                n => format!("{n} groups outside four-fifths to five-fourths of it"),
            }
        )
    }

    fn table(&self) -> ChartFigures {
        let mut rows: Vec<Vec<String>> = self
            .groups
            .iter()
            .map(|g| {
                vec![
                    g.name.clone(),
                    g.workforce
                        .map_or_else(|| "fewer than 5".to_owned(), crate::format::fte),
                    g.rate
                        .map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0)),
                    crate::figures::words::selection_words(g.selection).to_owned(),
                ]
            })
            .collect();
        if self.hidden > 0 {
            rows.push(vec![
                format!("{} more groups", self.hidden),
                "fewer than 5 people or leavers".to_owned(),
                "—".to_owned(),
                "not shown".to_owned(),
            ]);
        }
        ChartFigures {
            columns: ["Group", "Workforce", "Rate of selection", "Finding"]
                .map(str::to_owned)
                .to_vec(),
            rows,
        }
    }

    fn rows(&self) -> usize {
        self.groups.len()
    }
}

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
        .y_grid_spacer(|input| plots::nice_marks(&input))
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
                    format!("{} to {}", change(from), change(to))
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
