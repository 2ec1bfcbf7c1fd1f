//! The figures of the charts of uncertainty and equality: the fan of cumulative net by financial
//! year and the tornado (from a Monte Carlo run over the scenario's ranges), and the equality
//! impact's rate of selection by group. Pure data, tested without drawing; `charts::plots::spread`
//! draws them.

use super::Figures;
use crate::engine::Outcome;
use crate::engine::equality::{Characteristic, Equality as Impact, Selection};
use crate::engine::risk::Risk;
use crate::figures::tables::{Cell, Table};
use crate::model::Chart;
use crate::model::{Money, Plan};

fn money(x: f64) -> String {
    Money::from_pounds_f64(x).compact()
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
    /// The middle draw each year (half fall below it).
    pub p50: Vec<f64>,
    /// The draw nine in ten fall below each year.
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

    fn table(&self) -> Table {
        Table::of_chart(
            Chart::Fan,
            ["Year", "P10", "P50", "P90", "As planned"]
                .map(str::to_owned)
                .to_vec(),
            (0..self.years.len())
                .map(|i| {
                    vec![
                        self.years[i].clone().into(),
                        Money::from_pounds_f64(self.p10[i]).whole().into(),
                        Money::from_pounds_f64(self.p50[i]).whole().into(),
                        Money::from_pounds_f64(self.p90[i]).whole().into(),
                        Money::from_pounds_f64(self.planned[i]).whole().into(),
                    ]
                })
                .collect(),
        )
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

    fn table(&self) -> Table {
        Table::of_chart(
            Chart::Tornado,
            [
                "Input",
                "One-off cost at low",
                "One-off cost at high",
                "Saving at low",
                "Saving at high",
            ]
            .map(str::to_owned)
            .to_vec(),
            (0..self.inputs.len())
                .map(|i| {
                    vec![
                        self.inputs[i].clone().into(),
                        Money::from_pounds_f64(self.one_off[i].0).whole().into(),
                        Money::from_pounds_f64(self.one_off[i].1).whole().into(),
                        Money::from_pounds_f64(self.saving[i].0).whole().into(),
                        Money::from_pounds_f64(self.saving[i].1).whole().into(),
                    ]
                })
                .collect(),
        )
    }

    fn rows(&self) -> usize {
        self.inputs.len() * 2
    }
}

/// The fan and the tornado of one run, for the plan as it stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spread {
    /// Cumulative net by year over the draws.
    pub fan: Fan,
    /// Which uncertain input moves the figures most.
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
    pub fn label(g: &Group) -> String {
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

    fn table(&self) -> Table {
        let mut rows: Vec<Vec<Cell>> = self
            .groups
            .iter()
            .map(|g| {
                vec![
                    g.name.clone().into(),
                    g.workforce
                        .map_or_else(|| Cell::from("fewer than 5".to_owned()), Cell::Fte),
                    g.rate
                        .map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0))
                        .into(),
                    crate::figures::words::selection_words(g.selection)
                        .to_owned()
                        .into(),
                ]
            })
            .collect();
        if self.hidden > 0 {
            rows.push(
                [
                    format!("{} more groups", self.hidden),
                    "fewer than 5 people or leavers".to_owned(),
                    "—".to_owned(),
                    "not shown".to_owned(),
                ]
                .map(Cell::Text)
                .to_vec(),
            );
        }
        let headings = ["Group", "Workforce", "Rate of selection", "Finding"]
            .map(str::to_owned)
            .to_vec();
        Table::of_chart(Chart::Equality, headings, rows)
    }

    fn rows(&self) -> usize {
        self.groups.len()
    }
}
