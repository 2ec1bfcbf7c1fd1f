//! The redundancy pools: vacancies deleted, voluntary, redeployed and compulsory, by function.

use super::PoolBar;
use super::{Figures, Hue, Stack, stack};
use crate::engine::Outcome;
use crate::figures::tables::{Cell, Table};
use crate::format::fte;
use crate::model::Chart;

/// FTE in each redundancy pool, per function or per role of one function.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pools {
    /// What the bars are called in the table ("Function" or "Role").
    pub heading: &'static str,
    /// What the bars are (functions, or the roles of one function).
    pub categories: Vec<String>,
    /// One stack per pool, in [`PoolBar::ALL`] order.
    pub pools: Vec<Stack>,
    /// FTE today per category: the pools add up to it.
    pub today: Vec<f64>,
}

impl Pools {
    pub(super) fn build<'a>(
        heading: &'static str,
        items: impl Iterator<Item = (&'a str, &'a crate::engine::Flows)>,
    ) -> Self {
        let (categories, flows): (Vec<String>, Vec<_>) =
            items.map(|(name, f)| (name.to_owned(), *f)).unzip();
        let pools = PoolBar::ALL
            .iter()
            .map(|p| Stack {
                name: p.name().to_owned(),
                colour: Hue::Pool(*p),
                values: flows.iter().map(|f| p.fte(f)).collect(),
                bases: Vec::new(),
            })
            .collect();
        Self {
            heading,
            categories,
            pools: stack(pools),
            today: flows.iter().map(crate::engine::Flows::current).collect(),
        }
    }

    /// Per function.
    pub fn by_function(o: &Outcome) -> Self {
        Self::build(
            "Function",
            o.functions.iter().map(|f| (f.name.as_str(), &f.flows)),
        )
    }

    /// Per role of one function (by its index in the plan).
    pub fn by_role(o: &Outcome, function: usize) -> Self {
        Self::build(
            "Role",
            o.roles
                .iter()
                .filter(|r| r.function == function)
                .map(|r| (r.title.as_str(), &r.flows)),
        )
    }
}

impl Figures for Pools {
    /// Nothing to draw.
    fn is_empty(&self) -> bool {
        self.today.iter().all(|v| *v <= 0.0)
    }

    /// The FTE leaving by redundancy, voluntary and compulsory.
    fn headline(&self) -> String {
        let sum = |p: PoolBar| {
            self.pools
                .get(p as usize)
                .map_or(0.0, |s| s.values.iter().sum::<f64>())
        };
        format!(
            "{} FTE voluntary, {} FTE compulsory",
            fte(sum(PoolBar::Voluntary)),
            fte(sum(PoolBar::Compulsory))
        )
    }

    /// The figures.
    fn table(&self) -> Table {
        let mut columns = vec![self.heading.to_owned()];
        columns.extend(self.pools.iter().map(|p| format!("{} FTE", p.name)));
        columns.push("FTE today".to_owned());
        let rows = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut row = vec![Cell::Text(name.clone())];
                row.extend(self.pools.iter().map(|p| Cell::Fte(p.values[i])));
                row.push(Cell::Fte(self.today[i]));
                row
            })
            .collect();
        Table::of_chart(Chart::Pools, columns, rows)
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.categories.len()
    }
}
