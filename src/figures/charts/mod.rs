//! The figures behind each chart, built once per change of the plan from the cached outcome:
//! categories, stacked series with their bases worked out, each chart's title, headline figure,
//! "nothing to show" note and the table that can be shown under it. Pure data (no egui), so the
//! tests check them without drawing anything; `charts` draws them.

mod overlap;
mod pools;
mod savings;
mod scenarios;
mod split;
pub mod spread;
mod timeline;
mod waterfall;
mod years;

pub use self::overlap::Overlap;
pub use self::pools::Pools;
pub use self::savings::Savings;
pub use self::scenarios::{ScenarioFigures, Scenarios};
pub use self::split::Split;
pub use self::spread::{EqualityChart, Fan, Group, Spread, Tornado};
pub use self::timeline::{Lane, Phase, Span, Timeline, long_date, month};
pub use self::waterfall::{WaterfallChart, WaterfallStep, WaterfallStepKind};
pub use self::years::{Payback, Years};

use crate::engine::{Flows, Outcome};
use crate::figures::tables::Table;
use crate::model::{Chart, Colour, Plan};

/// What every chart's figures answer, so titles, slides, tables and "nothing to show" are
/// worked out in one place for every chart.
pub trait Figures {
    /// Nothing to draw.
    fn is_empty(&self) -> bool;
    /// The headline figure a slide shows in large type.
    fn headline(&self) -> String;
    /// The figures as a table, shown under the chart on request.
    fn table(&self) -> Table;
    /// How many rows of bars run down the side, for the height the chart needs in a view.
    fn rows(&self) -> usize;
}

/// What colour a series is drawn in, said without paint: the plots ask the theme for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hue {
    /// A council's own colour.
    Council(Colour),
    /// A redundancy pool's colour.
    Pool(PoolBar),
}

/// A redundancy pool, as the pools chart stacks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolBar {
    /// Vacant posts deleted.
    VacanciesDeleted,
    /// Voluntary redundancy.
    Voluntary,
    /// Redeployed into open posts.
    Redeployed,
    /// Compulsory redundancy.
    Compulsory,
    /// Kept in the single service (filled and vacant).
    Kept,
}

impl PoolBar {
    /// Every pool, in stacking order.
    pub const ALL: [Self; 5] = [
        Self::VacanciesDeleted,
        Self::Voluntary,
        Self::Redeployed,
        Self::Compulsory,
        Self::Kept,
    ];

    /// As the legend says it.
    pub fn name(self) -> &'static str {
        match self {
            Self::VacanciesDeleted => "Vacancies deleted",
            Self::Voluntary => "Voluntary redundancy",
            Self::Redeployed => "Redeployed",
            Self::Compulsory => "Compulsory redundancy",
            Self::Kept => "Kept",
        }
    }

    /// The pool's FTE in a group of posts.
    pub fn fte(self, f: &Flows) -> f64 {
        match self {
            Self::VacanciesDeleted => f.vacancies_deleted,
            Self::Voluntary => f.voluntary,
            Self::Redeployed => f.redeployed_out,
            Self::Compulsory => f.compulsory,
            Self::Kept => f.kept_total(),
        }
    }
}

/// One named series of a stacked bar chart: a value per category.
#[derive(Clone, Debug, PartialEq)]
pub struct Stack {
    /// The series name (a council's short name, a pool).
    pub name: String,
    /// Its colour, as a token the theme turns into paint.
    pub colour: Hue,
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
    pub colour: Colour,
}

fn councils(plan: &Plan, o: &Outcome) -> Vec<CouncilKey> {
    o.councils
        .iter()
        .zip(&plan.councils)
        .map(|(c, p)| CouncilKey {
            short: short_or_name(&c.short_name, &c.name),
            name: c.name.clone(),
            colour: p.colour,
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
    /// The bridge from today's cost to the target cost.
    pub waterfall: WaterfallChart,
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
    pub equality: spread::EqualityChart,
    /// Some input of the scenario is uncertain (has a range).
    pub uncertain: bool,
    /// The fan and tornado of a Monte Carlo run for the plan as it stands, once one is made
    /// (never on each change: a run takes seconds).
    pub spread: Option<spread::Spread>,
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
            waterfall: WaterfallChart::of(o),
            pools: Pools::by_function(o),
            pools_by_role: (0..o.functions.len())
                .map(|f| Pools::by_role(o, f))
                .collect(),
            years: Years::of(o),
            timeline: Timeline::of(plan, o),
            split: Split::of(plan, o),
            marking: plan.protective_marking.clone(),
            indicative: o.one_off.pension_strain_estimated.pence() != 0,
            equality: spread::EqualityChart::of(plan, o),
            uncertain: plan
                .scenario(&o.scenario)
                .is_some_and(|s| s.ranges.or(&plan.assumptions.ranges).any()),
            spread: None,
        }
    }
}

/// The chart's title: what it is, for which plan and scenario (every scenario, for the
/// comparison).
pub fn title(chart: Chart, series: &Series) -> String {
    if chart == Chart::Scenarios {
        return format!("{} — {}", chart.name(), series.plan);
    }
    format!(
        "{} — {}, {} scenario",
        chart.name(),
        series.plan,
        series.scenario
    )
}

/// The figures behind a chart: the pools of one function's roles when drilled down; `None` for
/// the comparison when the scenarios have not been evaluated.
pub fn figures_of<'a>(
    chart: Chart,
    series: &'a Series,
    scenarios: Option<&'a Scenarios>,
    pools_function: Option<usize>,
) -> Option<&'a dyn Figures> {
    Some(match chart {
        Chart::Overlap => &series.overlap,
        Chart::Savings => &series.savings,
        Chart::Waterfall => &series.waterfall,
        Chart::Pools => pools_shown(series, pools_function),
        Chart::Money => &series.years,
        Chart::Timetable => &series.timeline,
        Chart::Split => &series.split,
        Chart::Scenarios => scenarios?,
        Chart::Fan => &series.spread.as_ref()?.fan,
        Chart::Tornado => &series.spread.as_ref()?.tornado,
        Chart::Equality => &series.equality,
    })
}

/// The pools chart's figures: per role of the function drilled into, else per function.
pub fn pools_shown(series: &Series, pools_function: Option<usize>) -> &Pools {
    pools_function
        .and_then(|f| series.pools_by_role.get(f))
        .unwrap_or(&series.pools)
}

/// The chart's headline figure, as a slide shows it in large type.
pub fn headline(chart: Chart, series: &Series, scenarios: Option<&Scenarios>) -> String {
    figures_of(chart, series, scenarios, None)
        .map(Figures::headline)
        .unwrap_or_default()
}

/// What a screen reader says of a chart beside its title: its headline, then the totals row (or,
/// with none, the first rows) with their headings, and where the rest is.
pub fn description(chart: Chart, series: &Series, scenarios: Option<&Scenarios>) -> String {
    let mut said = headline(chart, series, scenarios);
    let t = table(chart, series, scenarios, None);
    let words = |row: &[crate::figures::tables::Cell]| {
        let mut cells = row.iter().map(crate::figures::tables::Cell::shown);
        let name = cells.next().unwrap_or_default();
        let figures: Vec<String> = t
            .headings
            .iter()
            .skip(1)
            .zip(cells)
            .filter(|(_, v)| !v.is_empty())
            .map(|(h, v)| format!("{h} {v}"))
            .collect();
        format!("{name}: {}", figures.join(", "))
    };
    let key: Vec<String> = match &t.total {
        Some(total) => vec![words(total)],
        None => t.rows.iter().take(3).map(|r| words(r)).collect(),
    };
    for sentence in key {
        if !said.is_empty() {
            said.push_str(". ");
        }
        said.push_str(&sentence);
    }
    if !t.rows.is_empty() {
        if !said.is_empty() {
            said.push_str(". ");
        }
        said = format!(
            "{said}All {} rows are in the table under Show figures",
            t.rows.len()
        );
    }
    said
}

/// The figures behind the chart as a table.
pub fn table(
    chart: Chart,
    series: &Series,
    scenarios: Option<&Scenarios>,
    pools_function: Option<usize>,
) -> Table {
    figures_of(chart, series, scenarios, pools_function).map_or_else(
        || Table::of_chart(chart, Vec::new(), Vec::new()),
        Figures::table,
    )
}

/// Why there is nothing to draw, or `None` when there is something.
pub fn nothing_to_show(
    chart: Chart,
    series: &Series,
    scenarios: Option<&Scenarios>,
) -> Option<&'static str> {
    let empty = figures_of(chart, series, scenarios, None).is_none_or(Figures::is_empty);
    empty.then_some(match chart {
        Chart::Overlap | Chart::Pools => {
            "Nothing to show: the plan has no posts or targets in its functions yet"
        }
        Chart::Timetable => "Nothing to show: the plan has no councils yet",
        Chart::Savings | Chart::Split => "Nothing to show: no council saves or spends anything yet",
        Chart::Waterfall => "Nothing to show: there is no cost today and none in the target",
        Chart::Money => "Nothing to show: no savings or one-off costs in any year",
        Chart::Scenarios => "Nothing to show: no scenario saves or spends anything yet",
        Chart::Fan | Chart::Tornado if !series.uncertain => {
            "Nothing to show: no input of this scenario is uncertain; give ranges in Scenarios or Assumptions"
        }
        Chart::Fan | Chart::Tornado => {
            "Not worked out yet for the plan as it stands: run it in Money > Uncertainty"
        }
        Chart::Equality => {
            "Nothing to show: no group has 5 or more people and 5 or more leavers (the tables in the Pools view say more)"
        }
    })
}

/// The slides shown: the plan's choice, without the scenario comparison when the plan has no
/// scenarios to compare (a comparison of one is no comparison).
/// Nor the fan and tornado when no input of the plan or any scenario is uncertain.
pub fn shown_slides(plan: &Plan) -> Vec<Chart> {
    let uncertain = plan.assumptions.ranges.any() || plan.scenarios.iter().any(|s| s.ranges.any());
    plan.slides
        .iter()
        .copied()
        .filter(|c| *c != Chart::Scenarios || !plan.scenarios.is_empty())
        .filter(|c| !matches!(c, Chart::Fan | Chart::Tornado) || uncertain)
        .collect()
}
