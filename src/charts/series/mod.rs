//! The figures behind each chart, built once per change of the plan from the cached outcome:
//! categories, stacked series with their bases worked out, headline figures and the table that
//! can be shown under each chart. Pure data, so the tests check them without drawing anything.

mod overlap;
mod pools;
mod savings;
mod scenarios;
mod split;
mod timeline;
mod waterfall;
mod years;

pub use self::overlap::Overlap;
pub use self::pools::Pools;
pub use self::savings::Savings;
pub use self::scenarios::{ScenarioFigures, Scenarios};
pub use self::split::Split;
pub use self::timeline::{Lane, Phase, Span, Timeline, long_date, month};
pub use self::waterfall::{Waterfall, WaterfallStep, WaterfallStepKind};
pub use self::years::{Payback, Years};

use egui::Color32;

use crate::engine::Outcome;
use crate::model::Plan;
use crate::theme;

/// The figures of a chart as a table: the values behind every bar, shown under the chart on
/// request and read by the tests.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartFigures {
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows of cells, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

/// What every chart's figures answer, so titles, slides, tables and "nothing to show" are
/// worked out in one place for every chart.
pub trait Figures {
    /// Nothing to draw.
    fn is_empty(&self) -> bool;
    /// The headline figure a slide shows in large type.
    fn headline(&self) -> String;
    /// The figures as a table, shown under the chart on request.
    fn table(&self) -> ChartFigures;
    /// How many rows of bars run down the side, for the height the chart needs in a view.
    fn rows(&self) -> usize;
}

/// One named series of a stacked bar chart: a value per category.
#[derive(Clone, Debug, PartialEq)]
pub struct Stack {
    /// The series name (a council's short name, a pool).
    pub name: String,
    /// Its colour, from the theme.
    pub colour: Color32,
    /// A value per category.
    pub values: Vec<f64>,
    /// Where each value's bar starts: positive values stack up from zero, negative ones down.
    pub bases: Vec<f64>,
}

/// Works out each stack's bases so positive values pile up from zero and negative values pile
/// down from it, in series order.
fn stack(mut stacks: Vec<Stack>) -> Vec<Stack> {
    let categories = stacks.first().map_or(0, |s| s.values.len());
    let mut up = vec![0.0; categories];
    let mut down = vec![0.0; categories];
    for s in &mut stacks {
        s.bases = s
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let end = if v >= 0.0 { &mut up[i] } else { &mut down[i] };
                let base = *end;
                *end += v;
                base
            })
            .collect();
    }
    stacks
}

/// A council's name on an axis (short) and in full (hover and tables), with its colour.
#[derive(Clone, Debug, PartialEq)]
pub struct CouncilKey {
    /// Short name for axes and legends.
    pub short: String,
    /// Full name.
    pub name: String,
    /// Its colour on every chart.
    pub colour: Color32,
}

fn councils(plan: &Plan, o: &Outcome) -> Vec<CouncilKey> {
    o.councils
        .iter()
        .zip(&plan.councils)
        .map(|(c, p)| CouncilKey {
            short: short_or_name(&c.short_name, &c.name),
            name: c.name.clone(),
            colour: theme::council_colour(p.colour),
        })
        .collect()
}

fn short_or_name(short: &str, name: &str) -> String {
    if short.trim().is_empty() {
        name.to_owned()
    } else {
        short.to_owned()
    }
}

/// Every chart's figures for one outcome, built once per change of the plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// The plan's name, for titles.
    pub plan: String,
    /// The scenario's name, for titles.
    pub scenario: String,
    /// Headcount overlap.
    pub overlap: Overlap,
    /// Savings by function.
    pub savings: Savings,
    /// The waterfall.
    pub waterfall: Waterfall,
    /// Pools by function.
    pub pools: Pools,
    /// Pools by role, one per function.
    pub pools_by_role: Vec<Pools>,
    /// Money over time.
    pub years: Years,
    /// The timetable.
    pub timeline: Timeline,
    /// The council split.
    pub split: Split,
    /// The plan's protective marking, for the footer of slides and images.
    pub marking: String,
    /// Some figures are estimates (pension strain without a fund quote).
    pub indicative: bool,
    /// The equality impact.
    pub equality: super::spread::EqualityChart,
    /// Some input of the scenario is uncertain (has a range).
    pub uncertain: bool,
    /// The fan and tornado of a Monte Carlo run for the plan as it stands, once one is made
    /// (never on each change: a run takes seconds).
    pub spread: Option<super::spread::Spread>,
}

impl Series {
    /// The footer of a slide or exported chart: plan, scenario, the day it was made, whether
    /// estimates are used, and the protective marking.
    pub fn footer(&self, chart: crate::model::Chart, made: Option<jiff::civil::Date>) -> String {
        // The comparison shows every scenario, as its title says.
        let scenario = if chart == crate::model::Chart::Scenarios {
            "every scenario".to_owned()
        } else {
            format!("{} scenario", self.scenario)
        };
        let mut parts = vec![self.plan.clone(), scenario];
        if let Some(d) = made {
            parts.push(format!("made {d}"));
        }
        if self.indicative {
            parts.push("indicative: includes estimated pension strain".to_owned());
        }
        parts.push(self.marking.clone());
        parts.join("  ·  ")
    }

    /// Every chart's figures.
    pub fn of(plan: &Plan, o: &Outcome) -> Self {
        Self {
            plan: plan.name.clone(),
            scenario: o.scenario.clone(),
            overlap: Overlap::of(plan, o),
            savings: Savings::of(plan, o),
            waterfall: Waterfall::of(o),
            pools: Pools::by_function(o),
            pools_by_role: (0..o.functions.len())
                .map(|f| Pools::by_role(o, f))
                .collect(),
            years: Years::of(o),
            timeline: Timeline::of(plan, o),
            split: Split::of(plan, o),
            marking: plan.protective_marking.clone(),
            indicative: o.one_off.pension_strain_estimated.pence() != 0,
            equality: super::spread::EqualityChart::of(plan, o),
            uncertain: plan
                .scenario(&o.scenario)
                .is_some_and(|s| s.ranges.or(&plan.assumptions.ranges).any()),
            spread: None,
        }
    }
}
