//! Money by financial year and the payback.

use super::Figures;
use crate::engine::Outcome;
use crate::figures::tables::Table;
use crate::model::Chart;
use crate::model::{FinancialYear, Money};

/// Where the cumulative net line crosses zero.
#[derive(Clone, Debug, PartialEq)]
pub struct Payback {
    /// Position on the year axis (year `i` is centred on `i`; its cumulative figure is at its end,
    /// `i + 0.5`).
    pub x: f64,
    /// "Net positive in 2029/30: pays back 2.3 years after go-live".
    pub label: String,
}

/// Savings and one-off costs per financial year, and the cumulative net.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Years {
    /// "2027/28" and so on.
    pub years: Vec<String>,
    /// Saving in each year.
    pub savings: Vec<Money>,
    /// One-off costs paid in each year.
    pub one_off: Vec<Money>,
    /// Net to the end of each year.
    pub cumulative: Vec<Money>,
    /// The cumulative net line: zero before the first year, each year's end, and the dip at
    /// go-live (the one-off costs of that year paid, no saving yet).
    pub line: Vec<[f64; 2]>,
    /// The index in `line` of the dip at go-live, if drawn: the line is drawn in two pieces that
    /// meet there, so the sharp turn draws no spike.
    pub dip: Option<usize>,
    /// The payback point, when the plan pays back within the horizon.
    pub payback: Option<Payback>,
    /// Payback in years from go-live, for the headline.
    pub payback_years: Option<f64>,
}

impl Years {
    /// Built from the outcome.
    pub fn of(o: &Outcome) -> Self {
        let cumulative: Vec<Money> = o.years.iter().map(|y| y.cumulative_net).collect();
        // Year i is centred on i and its cumulative net is drawn at its end, i + 0.5, joined by
        // straight lines from zero at -0.5. In the go-live year the one-off costs fall at
        // go-live and the savings after it: the line dips there first, so it crosses zero where
        // the plan pays back rather than at the start of the year.
        let go_live = o
            .years
            .iter()
            .position(|y| y.year == FinancialYear::containing(o.go_live))
            .map(|k| {
                let days = f64::from((o.go_live - o.years[k].year.first_day()).get_days());
                (k, k as f64 - 0.5 + days / 365.0)
            });
        let mut line = vec![[-0.5, 0.0]];
        let mut dip_at = None;
        for (i, c) in cumulative.iter().enumerate() {
            if let Some((k, x)) = go_live
                && k == i
            {
                let before = if i == 0 {
                    Money::ZERO
                } else {
                    cumulative[i - 1]
                };
                let dip = before - o.years[i].one_off_cost;
                dip_at = Some(line.len());
                line.push([x, dip.as_pounds()]);
            }
            line.push([i as f64 + 0.5, c.as_pounds()]);
        }
        let payback = line
            .windows(2)
            .find(|w| w[0][1] < 0.0 && w[1][1] >= 0.0)
            .map(|w| {
                let frac = -w[0][1] / (w[1][1] - w[0][1]);
                let x = w[0][0] + frac * (w[1][0] - w[0][0]);
                let year = o
                    .years
                    .get((x + 0.5).floor().max(0.0) as usize)
                    .map(|y| y.year.to_string())
                    .unwrap_or_default();
                let label = o.totals.payback_years.map_or_else(
                    || format!("Net positive in {year}"),
                    |p| format!("Net positive in {year}: pays back {p:.1} years after go-live"),
                );
                Payback { x, label }
            });
        Self {
            years: o.years.iter().map(|y| y.year.to_string()).collect(),
            savings: o.years.iter().map(|y| y.saving).collect(),
            one_off: o.years.iter().map(|y| y.one_off_cost).collect(),
            cumulative,
            line,
            dip: dip_at,
            payback,
            payback_years: o.totals.payback_years,
        }
    }
}

impl Figures for Years {
    /// Nothing to draw.
    fn is_empty(&self) -> bool {
        self.years.is_empty()
            || (self.savings.iter().all(|m| m.pence() == 0)
                && self.one_off.iter().all(|m| m.pence() == 0))
    }

    /// Payback in years.
    fn headline(&self) -> String {
        self.payback_years.map_or_else(
            || "Does not pay back".to_owned(),
            |y| format!("Pays back in {y:.1} years"),
        )
    }

    /// The figures.
    fn table(&self) -> Table {
        Table::of_chart(
            Chart::Money,
            ["Year", "Saving", "One-off cost", "Net", "Cumulative net"]
                .map(str::to_owned)
                .to_vec(),
            (0..self.years.len())
                .map(|i| {
                    vec![
                        self.years[i].clone().into(),
                        self.savings[i].whole().into(),
                        self.one_off[i].whole().into(),
                        (self.savings[i] - self.one_off[i]).whole().into(),
                        self.cumulative[i].whole().into(),
                    ]
                })
                .collect(),
        )
    }

    /// Years run along the bottom: no rows to make room for.
    fn rows(&self) -> usize {
        0
    }
}
