//! Savings by function, stacked by each council's share.

use super::{Figures, Hue, Stack, councils, stack};
use crate::engine::Outcome;
use crate::figures::tables::{Cell, Table};
use crate::model::Chart;
use crate::model::{Money, Plan};

/// Recurring saving per function, split by each council's share.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Savings {
    /// Function names.
    pub functions: Vec<String>,
    /// Each council's saving per function, in pounds.
    pub councils: Vec<Stack>,
    /// Each council's saving per function, exactly.
    pub amounts: Vec<Vec<Money>>,
    /// The saving per function.
    pub totals: Vec<Money>,
    /// The saving a year across all functions.
    pub total: Money,
}

impl Savings {
    /// Built from the outcome.
    pub fn of(plan: &Plan, o: &Outcome) -> Self {
        let keys = councils(plan, o);
        let amounts: Vec<Vec<Money>> = (0..keys.len())
            .map(|c| {
                o.functions
                    .iter()
                    .map(|f| f.council_saving.get(c).copied().unwrap_or_default())
                    .collect()
            })
            .collect();
        let stacks = keys
            .iter()
            .zip(&amounts)
            .map(|(key, a)| Stack {
                name: key.short.clone(),
                colour: Hue::Council(key.colour),
                values: a.iter().map(|m| m.as_pounds()).collect(),
                bases: Vec::new(),
            })
            .collect();
        Self {
            functions: o.functions.iter().map(|f| f.name.clone()).collect(),
            councils: stack(stacks),
            amounts,
            totals: o.functions.iter().map(|f| f.recurring_saving).collect(),
            total: o.totals.recurring_saving,
        }
    }
}

impl Figures for Savings {
    /// Nothing to draw.
    fn is_empty(&self) -> bool {
        self.functions.is_empty()
            || self.councils.is_empty()
            || self.amounts.iter().flatten().all(|m| m.pence() == 0)
    }

    /// The saving a year.
    fn headline(&self) -> String {
        format!("{} a year saved", self.total.compact())
    }

    /// The figures.
    fn table(&self) -> Table {
        let mut columns = vec!["Function".to_owned()];
        columns.extend(self.councils.iter().map(|c| c.name.clone()));
        columns.push("Saving a year".to_owned());
        let rows = self
            .functions
            .iter()
            .enumerate()
            .map(|(f, name)| {
                let mut row = vec![Cell::Text(name.clone())];
                row.extend(self.amounts.iter().map(|a| a[f].whole().into()));
                row.push(self.totals[f].whole().into());
                row
            })
            .collect();
        Table::of_chart(Chart::Savings, columns, rows)
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.functions.len()
    }
}
