//! How the councils share the saving and the one-off cost.

use super::{CouncilKey, Figures, councils};
use crate::engine::Outcome;
use crate::figures::tables::{Cell, Table};
use crate::model::Chart;
use crate::model::{Money, Plan};

/// Each council's saving a year and its share of the one-off costs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Split {
    /// The councils, top to bottom.
    pub councils: Vec<CouncilKey>,
    /// Saving a year per council.
    pub savings: Vec<Money>,
    /// One-off cost per council.
    pub one_off: Vec<Money>,
    /// Share ratio per council.
    pub shares: Vec<f64>,
    /// How the money is split, in a sentence (shown with the chart and on its slide).
    pub method: String,
}

impl Split {
    /// Built from the outcome.
    pub fn of(plan: &Plan, o: &Outcome) -> Self {
        Self {
            councils: councils(plan, o),
            savings: o.councils.iter().map(|c| c.recurring_saving).collect(),
            one_off: o.councils.iter().map(|c| c.one_off_cost).collect(),
            shares: o.councils.iter().map(|c| c.share_ratio).collect(),
            method: o.assumptions.split_sentence(),
        }
    }
}

impl Figures for Split {
    /// Nothing to draw.
    fn is_empty(&self) -> bool {
        self.savings
            .iter()
            .chain(&self.one_off)
            .all(|m| m.pence() == 0)
    }

    /// The totals being split.
    fn headline(&self) -> String {
        let saving: Money = self.savings.iter().copied().sum();
        let one_off: Money = self.one_off.iter().copied().sum();
        format!(
            "{} a year saved, {} one-off, across {}",
            saving.compact(),
            one_off.compact(),
            crate::format::plural(self.councils.len(), "council")
        )
    }

    /// The figures.
    fn table(&self) -> Table {
        Table::of_chart(
            Chart::Split,
            ["Council", "Share", "Saving a year", "One-off cost"]
                .map(str::to_owned)
                .to_vec(),
            (0..self.councils.len())
                .map(|i| {
                    vec![
                        self.councils[i].name.clone().into(),
                        Cell::Percent(self.shares[i]),
                        self.savings[i].whole().into(),
                        self.one_off[i].whole().into(),
                    ]
                })
                .collect(),
        )
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.councils.len() * 2
    }
}

#[cfg(test)]
mod tests {
    use super::{CouncilKey, Figures, Split};
    use crate::model::Money;

    #[test]
    fn one_council_is_a_council_not_councils() {
        let council = |name: &str| CouncilKey {
            short: name.to_owned(),
            name: name.to_owned(),
            colour: crate::model::Colour([0, 0, 0]),
        };
        let mut split = Split {
            councils: vec![council("Northam")],
            savings: vec![Money::pounds(100_000)],
            one_off: vec![Money::pounds(50_000)],
            shares: vec![1.0],
            method: String::new(),
        };
        assert_eq!(
            split.headline(),
            "£100k a year saved, £50k one-off, across 1 council"
        );
        split.councils.push(council("Southam"));
        split.savings.push(Money::ZERO);
        split.one_off.push(Money::ZERO);
        assert!(split.headline().ends_with("across 2 councils"));
    }
}
