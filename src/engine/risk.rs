//! Decisions under uncertainty (docs/rules.md, uncertainty): a Monte Carlo run of the whole engine over a
//! scenario's uncertain inputs, each a low, likely and high value (a triangular distribution),
//! and a tornado of which input moves the one-off cost and the saving most.
//!
//! Each draw has its own generator, seeded from the run's seed and the draw's number, so the
//! figures are the same whatever number of threads computes them, and in whatever order.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;

use super::outcome::{Outcome, PersonFate};
use crate::model::{FinancialYear, Plan, Range, Scenario};

/// P10, P50, P90 and the mean of a figure over the draws (P10: one draw in ten is lower).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Quantiles {
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// Mean (infinite when a draw is: a payback that never comes).
    pub mean: f64,
}

impl Quantiles {
    /// Of `values` (sorted here), each percentile interpolated between the nearest ranks.
    pub fn of(values: &mut [f64]) -> Self {
        if values.is_empty() {
            return Self::default();
        }
        values.sort_by(f64::total_cmp);
        let at = |p: f64| {
            let x = p * (values.len() - 1) as f64;
            let (lo, hi) = (x.floor() as usize, x.ceil() as usize);
            let (a, b) = (values[lo], values[hi]);
            if lo == hi || !a.is_finite() || !b.is_finite() {
                // One rank (or a payback that never comes) needs no interpolation.
                if x - lo as f64 <= 0.5 { a } else { b }
            } else {
                a + (b - a) * (x - lo as f64)
            }
        };
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        Self {
            p10: at(0.1),
            p50: at(0.5),
            p90: at(0.9),
            mean,
        }
    }
}

/// What one draw gives.
#[derive(Clone, Debug, Default)]
struct Draw {
    saving: f64,
    one_off: f64,
    payback: f64,
    compulsory_people: f64,
    consultation_days: Vec<f64>,
    go_live_met: bool,
    compulsory_needed: bool,
    cumulative: Vec<(FinancialYear, f64)>,
}

impl Draw {
    fn of(o: &Outcome) -> Self {
        Self {
            saving: o.totals.recurring_saving.as_pounds(),
            one_off: o.totals.one_off_cost.as_pounds(),
            payback: o.totals.payback_years.unwrap_or(f64::INFINITY),
            compulsory_people: o
                .people
                .iter()
                .filter(|p| p.fate == PersonFate::AtRisk)
                .map(|p| p.share * p.people)
                .sum(),
            consultation_days: o
                .councils
                .iter()
                .map(|c| f64::from(c.timetable.consultation_days))
                .collect(),
            go_live_met: o.councils.iter().all(|c| c.timetable.meets_go_live),
            compulsory_needed: o.totals.flows.compulsory > 1e-6,
            cumulative: o
                .years
                .iter()
                .map(|y| (y.year, y.cumulative_net.as_pounds()))
                .collect(),
        }
    }
}

/// One year of the fan chart: cumulative net, pounds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FanYear {
    /// The financial year.
    pub year: FinancialYear,
    /// Over the draws.
    pub quantiles: Quantiles,
    /// The scenario as it stands (its own values, certain).
    pub deterministic: f64,
}

/// One input's bar of the tornado: the one-off cost and the saving with the input at its low
/// and at its high value, every other input at its likely value.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    /// The uncertain input, as the ranges editor names it.
    pub input: &'static str,
    /// One-off cost, pounds, at the input's low and high values.
    pub one_off: (f64, f64),
    /// Recurring saving a year, pounds, at the input's low and high values.
    pub saving: (f64, f64),
}

impl TornadoBar {
    /// How far the input moves the one-off cost.
    pub fn one_off_swing(&self) -> f64 {
        (self.one_off.1 - self.one_off.0).abs()
    }

    /// How far it moves the saving.
    pub fn saving_swing(&self) -> f64 {
        (self.saving.1 - self.saving.0).abs()
    }
}

/// The result of a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Risk {
    /// The name of the scenario run.
    pub scenario: String,
    /// Draws made.
    pub draws: usize,
    /// The seed the draws were made from: the same seed gives the same figures.
    pub seed: u64,
    /// Each draw drew the people the plan does not name from their councils' workforce
    /// profiles.
    pub profiled: bool,
    /// Recurring saving a year, pounds.
    pub recurring_saving: Quantiles,
    /// One-off cost, pounds.
    pub one_off_cost: Quantiles,
    /// Payback, years (infinite where it never pays back).
    pub payback_years: Quantiles,
    /// People expected to be dismissed compulsorily.
    pub compulsory_people: Quantiles,
    /// Each council's days of consultation: (council's name, over the draws).
    pub consultation_days: Vec<(String, Quantiles)>,
    /// The share of draws paying back within the limit.
    pub p_payback_within_limit: f64,
    /// The limit, years.
    pub payback_limit_years: f64,
    /// The share of draws in which every council meets go-live.
    pub p_go_live_met: f64,
    /// The share of draws that need compulsory redundancies.
    pub p_compulsory_needed: f64,
    /// Cumulative net by financial year.
    pub fan: Vec<FanYear>,
    /// The inputs that move the figures, the one moving the one-off cost most first.
    pub tornado: Vec<TornadoBar>,
    /// One-off cost and recurring saving a year, pounds, with every uncertain input at its
    /// likely value: where the tornado's bars start.
    pub likely: (f64, f64),
}

/// How a run is made.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// How many draws of the uncertain inputs to make.
    pub draws: usize,
    /// The random seed: the same seed gives the same draws on every machine.
    pub seed: u64,
    /// Threads to compute on (1 or more; the figures do not depend on it).
    pub threads: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            draws: 2_000,
            seed: 1,
            threads: std::thread::available_parallelism().map_or(1, usize::from),
        }
    }
}

/// The scenario with each uncertain input drawn: `u` gives one number from 0 to 1 for each of
/// the six inputs, in order (one is always taken, set or not, so a range added later does not
/// move the others' draws).
fn drawn(scenario: &Scenario, mut u: impl FnMut() -> f64) -> Scenario {
    let values = scenario.ranges.inputs().map(|(_, range)| {
        let u = u();
        range.map(|r| r.at(u))
    });
    with_values(scenario, values)
}

/// The scenario with one input (by its place in [`crate::model::Ranges::inputs`]) at
/// `at(range)` and every other uncertain input at its likely value.
fn with_input(scenario: &Scenario, input: usize, at: impl Fn(Range) -> f64) -> Scenario {
    let mut k = 0;
    let values = scenario.ranges.inputs().map(|(_, range)| {
        k += 1;
        range.map(|r| if k - 1 == input { at(r) } else { r.likely })
    });
    with_values(scenario, values)
}

/// The scenario with its uncertain inputs at `values` (in the order of
/// [`crate::model::Ranges::inputs`]; none keeps the scenario's own).
fn with_values(scenario: &Scenario, values: [Option<f64>; 6]) -> Scenario {
    let mut s = scenario.clone();
    let [take_up, redeployment, strain, slip, award, overrun] = values;
    if let Some(v) = take_up {
        s.vr_take_up = Some(v.clamp(0.0, 1.0));
    }
    if let Some(v) = redeployment {
        s.redeployment_rate = Some(v.clamp(0.0, 1.0));
    }
    if let Some(v) = strain {
        s.strain_estimate_factor = Some(v.max(0.0));
    }
    if let Some(v) = slip {
        s.exit_slip_weeks = Some(v.max(0.0));
    }
    if let Some(v) = award {
        s.pay_award = Some(v);
    }
    if let Some(v) = overrun {
        s.implementation_overrun = Some(v);
    }
    s
}

/// The generator of draw `draw`: its own, from the seed and its number (SplitMix64's mixing,
/// so neighbouring draws start far apart).
fn generator(seed: u64, draw: u64) -> XorShiftRng {
    let mut z = seed ^ draw.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    XorShiftRng::seed_from_u64(z ^ (z >> 31))
}

/// A number from 0 to 1 (53 random bits).
fn unit(rng: &mut XorShiftRng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// The posts worked out in all by the run the papers show (draws times posts): about three
/// seconds on two cores, so an export stays quick.
pub const PAPER_POST_DRAWS: usize = 12_500_000;

/// Fewer draws than this give no P10 and P90 worth printing: a larger plan's papers leave the
/// run out and say so.
pub const FEWEST_PAPER_DRAWS: usize = 200;

/// The draws the papers' run makes for a plan of `posts` posts: the app's 2,000, fewer for a
/// plan past 6,250 posts (within [`PAPER_POST_DRAWS`]), or `None` past 62,500 posts, where the
/// papers leave the run out.
pub fn paper_draws(posts: usize) -> Option<usize> {
    let draws = (PAPER_POST_DRAWS / posts.max(1)).min(Settings::default().draws);
    (draws >= FEWEST_PAPER_DRAWS).then_some(draws)
}

/// Whether some input of the scenario (or the plan) has a range, or some post's holders are
/// costed from a workforce profile, so the papers have a run.
pub fn has_ranges(plan: &Plan, scenario: &Scenario) -> bool {
    scenario.ranges.or(&plan.assumptions.ranges).any() || profiled(plan)
}

/// Whether some post is held by people the plan does not name: each draw then draws their ages
/// and service from their council's workforce profile.
pub fn profiled(plan: &Plan) -> bool {
    plan.posts.iter().any(|p| p.unnamed && p.holder.is_none())
}

/// The run the papers show (the Excel workbook, the CSV tables, the slides, the board pack):
/// seed 1, with [`paper_draws`] draws; `None` when no input of the scenario (or the plan) has a
/// range, or the plan is too large for the papers to run it (they say so).
pub fn for_papers(plan: &Plan, scenario: &Scenario) -> Option<Risk> {
    for_papers_counting(plan, scenario, &AtomicUsize::new(0))
}

/// [`for_papers`], counting finished draws in `progress`.
pub fn for_papers_counting(
    plan: &Plan,
    scenario: &Scenario,
    progress: &AtomicUsize,
) -> Option<Risk> {
    if !has_ranges(plan, scenario) {
        return None;
    }
    let draws = paper_draws(plan.posts.len())?;
    run(
        plan,
        scenario,
        Settings {
            draws,
            ..Settings::default()
        },
        progress,
        &AtomicBool::new(false),
    )
}

/// The most draws a plan of `posts` posts is run for: each draw works out every post, so about
/// 200 million posts worked out in all (a few minutes on two cores), never fewer than the 2,000
/// the papers use nor more than 100,000.
pub fn most_draws(posts: usize) -> usize {
    (200_000_000 / posts.max(1)).clamp(Settings::default().draws, 100_000)
}

/// Runs the Monte Carlo, counting finished draws in `progress`; `None` if `cancel` is set
/// before it ends.
pub fn run(
    plan: &Plan,
    scenario: &Scenario,
    settings: Settings,
    progress: &AtomicUsize,
    cancel: &AtomicBool,
) -> Option<Risk> {
    // The scenario's own ranges, else the plan's.
    let mut scenario = scenario.clone();
    scenario.ranges = scenario.ranges.or(&plan.assumptions.ranges);
    let scenario = &scenario;
    let n = settings.draws.max(1);
    let threads = settings.threads.clamp(1, 64).min(n);
    // The plan resolved once; each draw changes only its uncertain inputs.
    let resolved = super::context::Context::new(plan, scenario);
    let profiled = profiled(plan);
    let one = |d: usize| {
        let mut rng = generator(settings.seed, d as u64);
        let s = drawn(scenario, || unit(&mut rng));
        let mut ctx = resolved.with_uncertain(&s);
        if profiled {
            ctx.profile_draw = Some(rng.next_u64());
        }
        let draw = Draw::of(&super::evaluate_in(&ctx, false));
        progress.fetch_add(1, Ordering::Relaxed);
        draw
    };
    // Each thread takes every `threads`-th draw; the draws are put back in their order.
    let mut draws: Vec<Option<Draw>> = vec![None; n];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let one = &one;
                scope.spawn(move || {
                    let work = || {
                        let mut out = Vec::new();
                        for d in (t..n).step_by(threads) {
                            if cancel.load(Ordering::Relaxed) {
                                break;
                            }
                            out.push((d, one(d)));
                        }
                        out
                    };
                    // With a draw on every core, each evaluation keeps to its own thread.
                    if threads > 1 {
                        super::halves::on_one_thread(work)
                    } else {
                        work()
                    }
                })
            })
            .collect();
        for h in handles {
            if let Ok(done) = h.join() {
                for (d, draw) in done {
                    draws[d] = Some(draw);
                }
            }
        }
    });
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let draws: Vec<Draw> = draws.into_iter().collect::<Option<_>>()?;
    Some(summarise(plan, scenario, settings, &draws))
}

fn summarise(plan: &Plan, scenario: &Scenario, settings: Settings, draws: &[Draw]) -> Risk {
    let n = draws.len() as f64;
    let q = |f: fn(&Draw) -> f64| Quantiles::of(&mut draws.iter().map(f).collect::<Vec<_>>());
    let share = |f: fn(&Draw) -> bool| draws.iter().filter(|d| f(d)).count() as f64 / n;
    let limit = scenario.ranges.payback_limit();
    let deterministic = super::evaluate(plan, scenario);
    let consultation_days = deterministic
        .councils
        .iter()
        .enumerate()
        .map(|(c, council)| {
            let mut days: Vec<f64> = draws
                .iter()
                .map(|d| d.consultation_days.get(c).copied().unwrap_or(0.0))
                .collect();
            (council.name.clone(), Quantiles::of(&mut days))
        })
        .collect();
    // The fan over the scenario's own years; a draw whose years end earlier holds its last
    // cumulative figure, one starting later has nothing yet.
    let fan = deterministic
        .years
        .iter()
        .map(|y| {
            let mut values: Vec<f64> = draws
                .iter()
                .map(|d| cumulative_in(&d.cumulative, y.year))
                .collect();
            FanYear {
                year: y.year,
                quantiles: Quantiles::of(&mut values),
                deterministic: y.cumulative_net.as_pounds(),
            }
        })
        .collect();
    Risk {
        scenario: scenario.name.clone(),
        draws: draws.len(),
        seed: settings.seed,
        profiled: profiled(plan),
        recurring_saving: q(|d| d.saving),
        one_off_cost: q(|d| d.one_off),
        payback_years: q(|d| d.payback),
        compulsory_people: q(|d| d.compulsory_people),
        consultation_days,
        p_payback_within_limit: draws.iter().filter(|d| d.payback <= limit).count() as f64 / n,
        payback_limit_years: limit,
        p_go_live_met: share(|d| d.go_live_met),
        p_compulsory_needed: share(|d| d.compulsory_needed),
        fan,
        tornado: tornado(plan, scenario),
        likely: likely(plan, scenario),
    }
}

fn cumulative_in(years: &[(FinancialYear, f64)], year: FinancialYear) -> f64 {
    years
        .iter()
        .take_while(|(y, _)| *y <= year)
        .last()
        .map_or(0.0, |(_, v)| *v)
}

/// One-off cost and recurring saving a year, pounds, with every uncertain input at its likely
/// value.
pub fn likely(plan: &Plan, scenario: &Scenario) -> (f64, f64) {
    let o = super::evaluate_figures(plan, &with_input(scenario, usize::MAX, |r| r.likely));
    (
        o.totals.one_off_cost.as_pounds(),
        o.totals.recurring_saving.as_pounds(),
    )
}

/// Each uncertain input at its low and at its high value, the others at their likely values:
/// the inputs moving the one-off cost most first (then the saving).
pub fn tornado(plan: &Plan, scenario: &Scenario) -> Vec<TornadoBar> {
    let names = scenario.ranges.inputs();
    let mut bars: Vec<TornadoBar> = names
        .iter()
        .enumerate()
        .filter(|(_, (_, r))| r.is_some())
        .map(|(k, (name, _))| {
            let at = |end: fn(Range) -> f64| {
                let o = super::evaluate_figures(plan, &with_input(scenario, k, end));
                (
                    o.totals.one_off_cost.as_pounds(),
                    o.totals.recurring_saving.as_pounds(),
                )
            };
            let (low, high) = (at(|r| r.low), at(|r| r.high));
            TornadoBar {
                input: name,
                one_off: (low.0, high.0),
                saving: (low.1, high.1),
            }
        })
        .collect();
    bars.sort_by(|a, b| {
        b.one_off_swing()
            .total_cmp(&a.one_off_swing())
            .then(b.saving_swing().total_cmp(&a.saving_swing()))
    });
    bars
}
