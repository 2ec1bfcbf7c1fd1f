//! The figures behind each chart, built once per change of the plan from the cached outcome:
//! categories, stacked series with their bases worked out, headline figures and the table that
//! can be shown under each chart. Pure data, so the tests check them without drawing anything.

use egui::Color32;
use jiff::civil::Date;

use super::PoolBar;
use crate::engine::dates::add_days;
use crate::engine::{FlagKind, Outcome};
use crate::figures::words::{axis_start, wave_functions};
use crate::model::{FinancialYear, Money, Plan};
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

fn fte(v: f64) -> String {
    crate::charts::fte(v)
}

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
                colour: key.colour,
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
    fn table(&self) -> ChartFigures {
        let mut columns = vec!["Function".to_owned()];
        columns.extend(self.councils.iter().map(|c| c.name.clone()));
        columns.extend(["FTE today", "Target FTE", "Overlap FTE"].map(str::to_owned));
        let rows = self
            .functions
            .iter()
            .enumerate()
            .map(|(f, name)| {
                let mut row = vec![name.clone()];
                row.extend(self.councils.iter().map(|c| fte(c.values[f])));
                row.extend([
                    fte(self.today[f]),
                    fte(self.target[f]),
                    fte(self.overlap(f)),
                ]);
                row
            })
            .collect();
        ChartFigures { columns, rows }
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.functions.len() * 2
    }
}

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
                colour: key.colour,
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
    fn table(&self) -> ChartFigures {
        let mut columns = vec!["Function".to_owned()];
        columns.extend(self.councils.iter().map(|c| c.name.clone()));
        columns.push("Saving a year".to_owned());
        let rows = self
            .functions
            .iter()
            .enumerate()
            .map(|(f, name)| {
                let mut row = vec![name.clone()];
                row.extend(self.amounts.iter().map(|a| a[f].whole()));
                row.push(self.totals[f].whole());
                row
            })
            .collect();
        ChartFigures { columns, rows }
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.functions.len()
    }
}

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
pub struct Waterfall {
    /// Bars from top to bottom: today, each step, the target.
    pub steps: Vec<WaterfallStep>,
    /// The recurring saving (today − target).
    pub saving: Money,
}

impl Waterfall {
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

impl Waterfall {
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

impl Figures for Waterfall {
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
    fn table(&self) -> ChartFigures {
        ChartFigures {
            columns: vec![
                "Step".to_owned(),
                "Amount".to_owned(),
                "Cost after".to_owned(),
            ],
            rows: self
                .steps
                .iter()
                .map(|s| {
                    let label = match s.kind {
                        WaterfallStepKind::Total => s.label.clone(),
                        WaterfallStepKind::Less => format!("less {}", s.label.to_lowercase()),
                        WaterfallStepKind::Plus => format!("plus {}", s.label.to_lowercase()),
                    };
                    vec![label, s.amount().whole(), s.to.whole()]
                })
                .collect(),
        }
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.steps.len()
    }
}

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
    fn build<'a>(
        heading: &'static str,
        items: impl Iterator<Item = (&'a str, &'a crate::engine::Flows)>,
    ) -> Self {
        let (categories, flows): (Vec<String>, Vec<_>) =
            items.map(|(name, f)| (name.to_owned(), *f)).unzip();
        let pools = PoolBar::ALL
            .iter()
            .map(|p| Stack {
                name: p.name().to_owned(),
                colour: p.colour(),
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
    fn table(&self) -> ChartFigures {
        let mut columns = vec![self.heading.to_owned()];
        columns.extend(self.pools.iter().map(|p| format!("{} FTE", p.name)));
        columns.push("FTE today".to_owned());
        let rows = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut row = vec![name.clone()];
                row.extend(self.pools.iter().map(|p| fte(p.values[i])));
                row.push(fte(self.today[i]));
                row
            })
            .collect();
        ChartFigures { columns, rows }
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.categories.len()
    }
}

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
    fn table(&self) -> ChartFigures {
        ChartFigures {
            columns: ["Year", "Saving", "One-off cost", "Net", "Cumulative net"]
                .map(str::to_owned)
                .to_vec(),
            rows: (0..self.years.len())
                .map(|i| {
                    vec![
                        self.years[i].clone(),
                        self.savings[i].whole(),
                        self.one_off[i].whole(),
                        (self.savings[i] - self.one_off[i]).whole(),
                        self.cumulative[i].whole(),
                    ]
                })
                .collect(),
        }
    }

    /// Years run along the bottom: no rows to make room for.
    fn rows(&self) -> usize {
        0
    }
}

/// A stretch of a council's timetable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Collective consultation.
    Consultation,
    /// Notice running.
    Notice,
    /// People leave.
    Exits,
}

impl Phase {
    /// Its colour on a light or dark background.
    pub fn colour(self, dark: bool) -> Color32 {
        use theme::phases;
        match (self, dark) {
            (Self::Consultation, false) => phases::CONSULTATION_LIGHT,
            (Self::Consultation, true) => phases::CONSULTATION_DARK,
            (Self::Notice, _) => phases::NOTICE,
            (Self::Exits, _) => phases::EXITS,
        }
    }

    /// As the legend says it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Consultation => "Consultation",
            Self::Notice => "Notice",
            Self::Exits => "Exits",
        }
    }
}

/// One bar of a council's lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// What it is.
    pub phase: Phase,
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// It runs past go-live: drawn in the warning colour.
    pub misses: bool,
}

/// Consultation, notice and exits of one timetable, each against its own go-live.
fn spans(t: &crate::engine::Timetable) -> Vec<Span> {
    let mut spans = vec![Span {
        phase: Phase::Consultation,
        from: t.consultation_start,
        to: t.notices_from,
        misses: t.notices_from > t.go_live,
    }];
    if let Some(last) = t.last_exit {
        // The longest notice given, no longer: people then wait for go-live.
        let notice_end = add_days(t.notices_from, 7 * i64::from(t.longest_notice_weeks));
        spans.push(Span {
            phase: Phase::Notice,
            from: t.notices_from,
            to: notice_end,
            misses: notice_end > t.go_live,
        });
        spans.push(Span {
            phase: Phase::Exits,
            from: t.first_exit.unwrap_or(last),
            to: last,
            misses: !t.meets_go_live,
        });
    }
    spans
}

/// A council's lane of the timetable (one a wave when the functions go live in waves).
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The council.
    pub council: CouncilKey,
    /// On the axis: the council's short name, and the wave's number when there are waves.
    pub label: String,
    /// Which wave, in words ("Wave 2: IT and Legal"), when there are waves.
    pub wave: Option<String>,
    /// The go-live it works to.
    pub go_live: Date,
    /// Its stretches, in order.
    pub spans: Vec<Span>,
    /// Form HR1 is due by this day.
    pub hr1_by: Date,
    /// Collective consultation is owed, so HR1 is too (drawn only then).
    pub hr1_needed: bool,
    /// Why it misses go-live (empty when it meets it).
    pub reason: String,
}

/// Consultation, HR1, notices and exits per council against go-live.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    /// One lane per council, top to bottom.
    pub lanes: Vec<Lane>,
    /// The day consultation starts.
    pub start: Date,
    /// Go-live (the programme's).
    pub go_live: Date,
    /// Each wave's go-live with its functions in words (one, unnamed, when they go live
    /// together).
    pub go_lives: Vec<(Date, String)>,
}

impl Timeline {
    /// Built from the outcome.
    pub fn of(plan: &Plan, o: &Outcome) -> Self {
        let keys = councils(plan, o);
        let phased = o.waves.len() > 1;
        let wave_names: Vec<String> = o.waves.iter().map(|w| wave_functions(plan, w)).collect();
        let mut lanes = Vec::new();
        for (i, (c, council)) in o.councils.iter().zip(keys).enumerate() {
            let reason = o
                .flags
                .iter()
                .filter(|f| {
                    f.council == Some(i)
                        && matches!(f.kind, FlagKind::TimetableMiss | FlagKind::DoubleRunning)
                })
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            for t in &c.waves {
                let w = t.wave.unwrap_or(0);
                let (label, wave) = if phased {
                    (
                        format!("{} · {}", council.short, w + 1),
                        Some(format!(
                            "Wave {}: {}",
                            w + 1,
                            wave_names.get(w).cloned().unwrap_or_default()
                        )),
                    )
                } else {
                    (council.short.clone(), None)
                };
                lanes.push(Lane {
                    council: council.clone(),
                    label,
                    wave,
                    go_live: t.go_live,
                    spans: spans(t),
                    hr1_by: t.hr1_by,
                    hr1_needed: t.consultation_days > 0,
                    reason: reason.clone(),
                });
            }
        }
        Self {
            lanes,
            start: o
                .waves
                .iter()
                .map(|w| w.consultation_start)
                .min()
                .unwrap_or(o.consultation_start),
            go_live: o.go_live,
            go_lives: o
                .waves
                .iter()
                .zip(wave_names)
                .map(|(w, names)| (w.go_live, if phased { names } else { String::new() }))
                .collect(),
        }
    }

    /// How many councils miss go-live.
    pub fn misses(&self) -> usize {
        let mut missing: Vec<&str> = self
            .lanes
            .iter()
            .filter(|l| l.spans.iter().any(|s| s.misses))
            .map(|l| l.council.name.as_str())
            .collect();
        missing.dedup();
        missing.len()
    }

    /// "go-live on 1 Apr 2026", or each wave's go-live when the functions go live in waves.
    fn go_live_words(&self) -> String {
        match self.go_lives.as_slice() {
            [first, .., last] => format!(
                "each wave's go-live ({} to {})",
                long_date(first.0),
                long_date(last.0)
            ),
            _ => format!("go-live on {}", long_date(self.go_live)),
        }
    }
}

impl Figures for Timeline {
    /// Nothing to draw.
    fn is_empty(&self) -> bool {
        self.lanes.is_empty()
    }

    /// Whether every council meets go-live.
    fn headline(&self) -> String {
        let go_live = self.go_live_words();
        match self.misses() {
            0 => format!("Every council meets {go_live}"),
            1 => format!("1 council misses {go_live}"),
            n => format!("{n} councils miss {go_live}"),
        }
    }

    /// The figures.
    fn table(&self) -> ChartFigures {
        let span = |l: &Lane, p: Phase| {
            l.spans
                .iter()
                .find(|s| s.phase == p)
                .map_or_else(|| "none".to_owned(), |s| format!("{} to {}", s.from, s.to))
        };
        let phased = self.go_lives.len() > 1;
        let mut columns = vec!["Council"];
        if phased {
            columns.extend(["Wave", "Go-live"]);
        }
        columns.extend(["Consultation", "HR1 by", "Notice", "Exits", "Meets go-live"]);
        ChartFigures {
            columns: columns.into_iter().map(str::to_owned).collect(),
            rows: self
                .lanes
                .iter()
                .map(|l| {
                    let mut row = vec![l.council.name.clone()];
                    if phased {
                        row.push(l.wave.clone().unwrap_or_default());
                        row.push(l.go_live.to_string());
                    }
                    row.extend([
                        span(l, Phase::Consultation),
                        l.hr1_by.to_string(),
                        span(l, Phase::Notice),
                        span(l, Phase::Exits),
                        if l.spans.iter().any(|s| s.misses) {
                            "No".to_owned()
                        } else {
                            "Yes".to_owned()
                        },
                    ]);
                    row
                })
                .collect(),
        }
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.lanes.len()
    }
}

/// "1 Apr 2028".
pub fn long_date(d: Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}

/// "Apr".
pub fn month(d: Date) -> String {
    d.strftime("%b").to_string()
}

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
            "{} a year saved, {} one-off, across {} councils",
            saving.compact(),
            one_off.compact(),
            self.councils.len()
        )
    }

    /// The figures.
    fn table(&self) -> ChartFigures {
        ChartFigures {
            columns: ["Council", "Share", "Saving a year", "One-off cost"]
                .map(str::to_owned)
                .to_vec(),
            rows: (0..self.councils.len())
                .map(|i| {
                    vec![
                        self.councils[i].name.clone(),
                        format!("{:.1}%", self.shares[i] * 100.0),
                        self.savings[i].whole(),
                        self.one_off[i].whole(),
                    ]
                })
                .collect(),
        }
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.councils.len() * 2
    }
}

/// One scenario's headline figures.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioFigures {
    /// Its name.
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

    /// The largest saving a year, said as only that: one-off costs, compulsory redundancies and
    /// any shortfall are in the figures beside it, not weighed here.
    fn headline(&self) -> String {
        self.scenarios
            .iter()
            .max_by_key(|s| s.saving.pence())
            .map_or_else(String::new, |s| {
                format!("Largest saving a year: {}, {}", s.name, s.saving.compact())
            })
    }

    /// The figures.
    fn table(&self) -> ChartFigures {
        ChartFigures {
            columns: [
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
            rows: self
                .scenarios
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.saving.whole(),
                        s.one_off.whole(),
                        s.payback_years
                            .map_or_else(|| "none".to_owned(), |y| format!("{y:.1} years")),
                        fte(s.voluntary),
                        fte(s.compulsory),
                        fte(s.fte_after),
                        fte(s.shortfall),
                    ]
                })
                .collect(),
        }
    }

    /// Rows of bars down the side, for the height a chart needs.
    fn rows(&self) -> usize {
        self.scenarios.len() * 2
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
