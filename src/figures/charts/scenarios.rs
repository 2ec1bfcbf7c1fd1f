//! The scenarios' headline figures side by side.

use super::Figures;
use crate::engine::Outcome;
use crate::figures::tables::{Cell, Table};
use crate::model::Chart;
use crate::model::{Money, Plan};

/// One scenario's headline figures.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioFigures {
    /// The scenario's name.
    pub name: String,
    /// Saving a year.
    pub saving: Money,
    /// One-off cost.
    pub one_off: Money,
    /// Payback in years.
    pub payback_years: Option<f64>,
    /// FTE leaving by VR.
    pub voluntary: f64,
    /// FTE leaving by compulsory redundancy.
    pub compulsory: f64,
    /// FTE the scenario actually reaches (the target, plus what it cannot take out).
    pub fte_after: f64,
    /// FTE above the target that the scenario cannot take out (compulsory redundancy off).
    pub shortfall: f64,
}

/// The headline figures of every scenario side by side.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenarios {
    /// One entry per scenario, the base first.
    pub scenarios: Vec<ScenarioFigures>,
}

impl Scenarios {
    /// Evaluates every scenario of the plan (the base first).
    pub fn of(plan: &Plan) -> Self {
        let scenarios = plan
            .scenario_names()
            .into_iter()
            .filter_map(|name| {
                let s = plan.scenario(&name)?;
                let o = crate::engine::evaluate(plan, &s);
                Some(Self::figures(&o))
            })
            .collect();
        Self { scenarios }
    }

    /// One outcome's headline figures.
    pub fn figures(o: &Outcome) -> ScenarioFigures {
        ScenarioFigures {
            name: o.scenario.clone(),
            saving: o.totals.recurring_saving,
            one_off: o.totals.one_off_cost,
            payback_years: o.totals.payback_years,
            voluntary: o.totals.flows.voluntary,
            compulsory: o.totals.flows.compulsory,
            fte_after: o.totals.fte_reached(),
            shortfall: o.totals.flows.over_target,
        }
    }
}

impl Figures for Scenarios {
    /// Nothing to draw.
    fn is_empty(&self) -> bool {
        self.scenarios
            .iter()
            .all(|s| s.saving.pence() == 0 && s.one_off.pence() == 0)
    }

    /// The trade-off: the scenario that saves most a year against the one that costs least
    /// once ("Base saves £47 a year more; VR 40% costs £101k less once"), or the one scenario
    /// that does both. Compulsory redundancies and any shortfall are in the figures beside it.
    fn headline(&self) -> String {
        // The first of equals, so the base wins a tie.
        let most = self.scenarios.iter().rev().max_by_key(|s| s.saving.pence());
        let cheapest = self.scenarios.iter().min_by_key(|s| s.one_off.pence());
        match (most, cheapest) {
            (Some(m), Some(c)) if m.name != c.name => format!(
                "{} saves {} a year more; {} costs {} less once",
                m.name,
                (m.saving - c.saving).compact(),
                c.name,
                (m.one_off - c.one_off).compact()
            ),
            (Some(m), _) if self.scenarios.len() > 1 => format!(
                "{} saves most ({} a year) and costs least once ({})",
                m.name,
                m.saving.compact(),
                m.one_off.compact()
            ),
            (Some(m), _) => format!(
                "{} saves {} a year for {} once",
                m.name,
                m.saving.compact(),
                m.one_off.compact()
            ),
            _ => String::new(),
        }
    }

    /// The figures.
    fn table(&self) -> Table {
        Table::of_chart(
            Chart::Scenarios,
            [
                "Scenario",
                "Saving a year",
                "One-off cost",
                "Payback",
                "VR FTE",
                "Compulsory FTE",
                "FTE after",
                "Short of target",
            ]
            .map(str::to_owned)
            .to_vec(),
            self.scenarios
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone().into(),
                        s.saving.whole().into(),
                        s.one_off.whole().into(),
                        s.payback_years
                            .map_or_else(|| "none".to_owned(), |y| format!("{y:.1} years"))
                            .into(),
                        Cell::Fte(s.voluntary),
                        Cell::Fte(s.compulsory),
                        Cell::Fte(s.fte_after),
                        Cell::Fte(s.shortfall),
                    ]
                })
                .collect(),
        )
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.scenarios.len() * 2
    }
}
