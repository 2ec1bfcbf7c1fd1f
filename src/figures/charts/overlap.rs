//! Headcount overlap: each function's FTE today by council against its target.

use super::{Figures, Hue, Stack, councils, stack};
use crate::engine::Outcome;
use crate::figures::tables::{Cell, Table};
use crate::format::fte;
use crate::model::Chart;
use crate::model::Plan;

/// Headcount overlap: per function, each council's FTE today stacked beside the target.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlap {
    /// Function names, top to bottom.
    pub functions: Vec<String>,
    /// Each council's FTE today (filled and vacant) per function.
    pub councils: Vec<Stack>,
    /// Target FTE per function.
    pub target: Vec<f64>,
    /// FTE today per function.
    pub today: Vec<f64>,
}

impl Overlap {
    /// Built from the outcome.
    pub fn of(plan: &Plan, o: &Outcome) -> Self {
        let keys = councils(plan, o);
        let stacks = keys
            .iter()
            .enumerate()
            .map(|(c, key)| Stack {
                name: key.short.clone(),
                colour: Hue::Council(key.colour),
                values: o
                    .functions
                    .iter()
                    .map(|f| {
                        f.by_council
                            .get(c)
                            .map_or(0.0, crate::engine::Flows::current)
                    })
                    .collect(),
                bases: Vec::new(),
            })
            .collect();
        Self {
            functions: o.functions.iter().map(|f| f.name.clone()).collect(),
            councils: stack(stacks),
            target: o.functions.iter().map(|f| f.target_fte).collect(),
            today: o.functions.iter().map(|f| f.flows.current()).collect(),
        }
    }

    /// FTE today above the target, per function (never below zero): the reduction needed,
    /// the pools' reduction D = max(0, H + V - T), taken over the whole function.
    pub fn overlap(&self, function: usize) -> f64 {
        let today = self.today.get(function).copied().unwrap_or(0.0);
        let target = self.target.get(function).copied().unwrap_or(0.0);
        (today - target).max(0.0)
    }
}

impl Figures for Overlap {
    /// Nothing to draw: no functions or no FTE at all.
    fn is_empty(&self) -> bool {
        self.functions.is_empty()
            || (self.today.iter().all(|v| *v <= 0.0) && self.target.iter().all(|v| *v <= 0.0))
    }

    /// Today's FTE above the target across all functions.
    fn headline(&self) -> String {
        let total: f64 = (0..self.functions.len()).map(|f| self.overlap(f)).sum();
        format!("{} FTE overlap (today minus target)", fte(total))
    }

    /// The figures: each council's FTE per function, the total, target and overlap.
    fn table(&self) -> Table {
        let mut columns = vec!["Function".to_owned()];
        columns.extend(self.councils.iter().map(|c| c.name.clone()));
        columns.extend(["FTE today", "Target FTE", "Overlap FTE"].map(str::to_owned));
        let rows = self
            .functions
            .iter()
            .enumerate()
            .map(|(f, name)| {
                let mut row = vec![Cell::Text(name.clone())];
                row.extend(self.councils.iter().map(|c| Cell::Fte(c.values[f])));
                row.extend([
                    Cell::Fte(self.today[f]),
                    Cell::Fte(self.target[f]),
                    Cell::Fte(self.overlap(f)),
                ]);
                row
            })
            .collect();
        Table::of_chart(Chart::Overlap, columns, rows)
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.functions.len() * 2
    }
}
