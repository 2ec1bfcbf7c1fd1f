//! From today's cost to the target cost, step by step.

use super::Figures;
use crate::engine::Outcome;
use crate::figures::tables::Table;
use crate::figures::words::axis_start;
use crate::model::Chart;
use crate::model::Money;

/// How a waterfall bar reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaterfallStepKind {
    /// A total standing on zero (today's cost, the target cost).
    Total,
    /// A step that lowers the cost.
    Less,
    /// A step that raises the cost.
    Plus,
}

/// One bar of the waterfall.
#[derive(Clone, Debug, PartialEq)]
pub struct WaterfallStep {
    /// What the step is.
    pub label: String,
    /// Cost before the step (zero for a total).
    pub from: Money,
    /// Cost after it.
    pub to: Money,
    /// How it reads.
    pub kind: WaterfallStepKind,
}

impl WaterfallStep {
    /// The step's size, always positive: how much it lowers or raises the cost, or the total.
    pub fn amount(&self) -> Money {
        let d = self.to - self.from;
        if d.pence() < 0 { -d } else { d }
    }

    /// "less vacancies deleted £40,000" in words, as the hover and table say it.
    pub fn words(&self) -> String {
        match self.kind {
            WaterfallStepKind::Total => format!("{} {}", self.label, self.amount().whole()),
            WaterfallStepKind::Less => format!(
                "less {} {}",
                self.label.to_lowercase(),
                self.amount().whole()
            ),
            WaterfallStepKind::Plus => format!(
                "plus {} {}",
                self.label.to_lowercase(),
                self.amount().whole()
            ),
        }
    }
}

/// From today's full-year cost to the target cost.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WaterfallChart {
    /// Bars from top to bottom: today, each step, the target.
    pub steps: Vec<WaterfallStep>,
    /// The recurring saving (today − target).
    pub saving: Money,
}

impl WaterfallChart {
    /// Built from the outcome's bridge.
    pub fn of(o: &Outcome) -> Self {
        let w = &o.waterfall;
        let mut steps = vec![WaterfallStep {
            label: "Cost today".to_owned(),
            from: Money::ZERO,
            to: w.baseline,
            kind: WaterfallStepKind::Total,
        }];
        let mut running = w.baseline;
        for (label, amount) in w.steps() {
            let to = running - amount;
            steps.push(WaterfallStep {
                label: label.to_owned(),
                from: running,
                to,
                kind: if amount.pence() < 0 {
                    WaterfallStepKind::Plus
                } else {
                    WaterfallStepKind::Less
                },
            });
            running = to;
        }
        steps.push(WaterfallStep {
            label: "Target cost".to_owned(),
            from: Money::ZERO,
            to: w.target,
            kind: WaterfallStepKind::Total,
        });
        Self {
            steps,
            saving: w.saving(),
        }
    }
}

impl WaterfallChart {
    /// Where the cost axis starts. Zero, unless every bar's end sits high above it (the usual
    /// case: a merger saves a tenth or so of the cost, and from zero its steps would be squeezed
    /// into the last sliver of the chart). Then it starts at a round figure below the smallest
    /// cost, leaving the steps at least three fifths of the width; the chart marks the break on
    /// the totals' bars and in the axis title, and every label still gives the whole amount.
    pub fn axis_start(&self) -> Money {
        let ends = self.steps.iter().flat_map(|s| match s.kind {
            WaterfallStepKind::Total => [s.to, s.to],
            WaterfallStepKind::Less | WaterfallStepKind::Plus => [s.from, s.to],
        });
        let (Some(low), Some(high)) = (ends.clone().min(), ends.max()) else {
            return Money::ZERO;
        };
        axis_start(low, high)
    }
}

impl Figures for WaterfallChart {
    /// Nothing to draw: no cost today and none in the target.
    fn is_empty(&self) -> bool {
        self.steps
            .iter()
            .all(|s| s.from.pence() == 0 && s.to.pence() == 0)
    }

    /// Today's cost and the target cost.
    fn headline(&self) -> String {
        let first = self.steps.first().map(|s| s.to).unwrap_or_default();
        let last = self.steps.last().map(|s| s.to).unwrap_or_default();
        format!(
            "{} today, {} in the target",
            first.compact(),
            last.compact()
        )
    }

    /// The figures.
    fn table(&self) -> Table {
        let rows = self
            .steps
            .iter()
            .map(|s| {
                let label = match s.kind {
                    WaterfallStepKind::Total => s.label.clone(),
                    WaterfallStepKind::Less => format!("less {}", s.label.to_lowercase()),
                    WaterfallStepKind::Plus => format!("plus {}", s.label.to_lowercase()),
                };
                vec![label.into(), s.amount().whole().into(), s.to.whole().into()]
            })
            .collect();
        let headings = ["Step", "Amount", "Cost after"].map(str::to_owned).to_vec();
        Table::of_chart(Chart::Waterfall, headings, rows)
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.steps.len()
    }
}
