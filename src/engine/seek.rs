//! Goal seek: the question asked backwards. Given a recurring saving to reach and the directors'
//! constraints (no compulsory redundancies; payback within N years; each function kept at or
//! above a share of today; critical posts kept), the role targets that reach it with the fewest
//! compulsory redundancies, then the least one-off cost, then the saving closest to the goal
//! (docs/rules.md, "Goal seek").
//!
//! Cutting a role's target works as the engine's pools do: vacancies go first (free), then
//! volunteers, best payback first, each whole or not at all (one whose FTE no longer fits is
//! passed over), then the pool at risk, evenly, compulsorily or redeployed into the open posts.
//! So the programme is mixed-integer (good_lp with microlp, pure Rust): for each role, which of
//! the sets of volunteers the engine can be made to take goes (a 0/1 choice each), with the
//! vacancies, the volunteers at a VR take-up and the pool at risk as amounts; each person's
//! package, pay protection and cost at target pay come from the engine's own rules; those
//! redeployed beside a set of volunteers are priced at the rates of who that set leaves at risk.
//! The rule order is kept by solving in turn. On a small plan each target is a whole number of
//! hundredths of an FTE inside the programme; on a large one each role's cut is set to the
//! hundredth afterwards, the way that still meets the limits. The engine then works the proposal out; where its figures
//! fall short (a package paid after go-live, a penny a post), the programme is asked again.

use good_lp::{
    Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable,
    microlp, variable,
};

use super::context::Context;
use super::outcome::Outcome;
use super::pools::{Pool, clean_fte};
use crate::model::{Money, Plan, Scenario};

/// What the directors ask for.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    /// The recurring saving a year to reach.
    pub saving: Money,
    /// No compulsory redundancies (the proposal also turns them off).
    pub no_compulsory: bool,
    /// Payback within this many years.
    pub max_payback_years: Option<f64>,
    /// Each function keeps at least this share of today's FTE (0 to 1).
    pub min_function_share: Option<f64>,
    /// No role is cut below the FTE of its critical posts.
    pub keep_critical: bool,
}

impl Default for Goal {
    fn default() -> Self {
        Self {
            saving: Money::ZERO,
            no_compulsory: false,
            max_payback_years: None,
            min_function_share: None,
            keep_critical: true,
        }
    }
}

/// One role whose target the proposal changes.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleChange {
    /// Role id.
    pub role: String,
    /// Its title.
    pub title: String,
    /// Its function's name.
    pub function: String,
    /// Today's FTE.
    pub today: f64,
    /// The target in the scenario sought from.
    pub from: f64,
    /// The target proposed.
    pub to: f64,
}

/// A proposal: a new scenario and its headline figures, worked out by the engine.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// The new scenario: the one sought from, with every role's target set.
    pub scenario: Scenario,
    /// Recurring saving a year.
    pub saving: Money,
    /// One-off cost.
    pub one_off: Money,
    /// Payback in years, if it pays back.
    pub payback_years: Option<f64>,
    /// FTE of compulsory redundancy.
    pub compulsory_fte: f64,
    /// FTE of voluntary redundancy.
    pub voluntary_fte: f64,
    /// The roles whose target changes, in the plan's order.
    pub changes: Vec<RoleChange>,
}

/// Why a goal cannot be met.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortfall {
    /// The most the constraints allow a year.
    pub most: Money,
    /// How far short of the goal that is.
    pub short_by: Money,
    /// What holds it back, in words, each with what relaxing it would allow.
    pub binding: Vec<String>,
}

/// One engine-realisable set of whole volunteers in a role: the engine takes volunteers best
/// payback first and passes over one whose FTE no longer fits, so a set is realisable when each
/// volunteer it leaves out, ahead of one it takes, is larger than all it takes after them.
#[derive(Clone, Debug)]
struct Choice {
    /// FTE of the volunteers in it.
    fte: f64,
    /// Their packages.
    cost: f64,
    /// What their going saves a year.
    saving: f64,
    /// The rest of the cut beside it: how much before the engine would take another volunteer
    /// instead, and its rates.
    rest: Rest,
}

/// The part of a role's cut that falls on the pool at risk (compulsory or redeployed), spread
/// over everyone left in it as a fair selection is.
#[derive(Clone, Copy, Debug, Default)]
struct Rest {
    /// FTE it may reach before another volunteer would fit instead.
    cap: f64,
    /// One-off cost per FTE made compulsorily redundant.
    cost: f64,
    /// Expected pay protection per FTE redeployed.
    protection: f64,
    /// Saving a year per FTE.
    saving: f64,
}

/// Each role as the programme sees it.
#[derive(Clone, Debug, Default)]
struct Lever {
    /// Today's FTE.
    today: f64,
    /// Lowest target allowed (its critical posts, if kept).
    floor: f64,
    /// Vacant FTE that can be deleted, and the saving a year of each FTE.
    vacant: f64,
    vacant_saving: f64,
    /// The realisable sets of whole volunteers (none empty).
    choices: Vec<Choice>,
    /// The rest of the cut when no whole volunteer goes.
    rest: Rest,
    /// Volunteers expected at a VR take-up (the engine takes them by share, continuously):
    /// their FTE, packages per FTE and saving per FTE.
    take_up: f64,
    take_up_cost: f64,
    take_up_saving: f64,
    /// The share of the people at risk the plan redeploys, as far as open posts allow.
    redeployment: f64,
    function: usize,
}

/// The constraints of one solve.
#[derive(Clone, Copy, Debug)]
struct Limits {
    no_compulsory: bool,
    payback: Option<f64>,
    share: Option<f64>,
}

/// Above this many 0/1 choices the programme chooses each role's volunteers from its linear
/// relaxation (the largest realisable set within what it would take) and solves again for the
/// rest, so a plan of thousands of roles stays quick.
const MOST_CHOICES: usize = 400;

/// Up to this many roles that can be cut, each target is a whole number of hundredths in the
/// programme itself (an exact search); above it, the programme's cuts are rounded afterwards.
const MOST_EXACT_ROLES: usize = 12;

/// At most this many volunteer sets a role (every prefix of its volunteers is always one).
const MOST_SETS: usize = 64;

/// A payback limit of this many years or more is no limit at all (a limit the solver could not
/// scale, 1e308 years, is refused by the command line and ignored here).
pub const LONGEST_PAYBACK_YEARS: f64 = 100.0;

/// The programme counts money in thousands of pounds, so its coefficients stay near those of
/// FTE, as the solver's checks of a whole-number solution need.
const UNIT: f64 = 1_000.0;

/// An FTE below which a difference is nothing.
const TINY: f64 = 1e-6;

/// The scenario `from` with every role a lever cuts set to `targets`.
fn with_targets(from: &Scenario, plan: &Plan, targets: &[Option<f64>]) -> Scenario {
    let mut s = from.clone();
    for (role, t) in plan.roles.iter().zip(targets) {
        if let Some(t) = t {
            s.target_overrides.insert(role.id.clone(), *t);
        }
    }
    s
}

/// The sets of whole volunteers the engine can be made to take, by the FTE of each in its
/// order: a volunteer may be left out only when larger than every one taken after them.
fn realisable_sets(fte: &[f64]) -> Vec<Vec<usize>> {
    let mut sets: Vec<Vec<usize>> = (1..=fte.len()).map(|k| (0..k).collect()).collect();
    // Depth first from the last volunteer, carrying the FTE taken after the one in hand.
    let mut stack: Vec<(usize, Vec<usize>, f64)> = vec![(fte.len(), Vec::new(), 0.0)];
    while let Some((j, taken, after)) = stack.pop() {
        if sets.len() >= MOST_SETS {
            break;
        }
        if j == 0 {
            let mut set = taken;
            set.sort_unstable();
            if !set.is_empty() && !sets.contains(&set) {
                sets.push(set);
            }
            continue;
        }
        let i = j - 1;
        if fte[i] > after + TINY {
            stack.push((i, taken.clone(), after));
        }
        let mut with = taken;
        with.push(i);
        stack.push((i, with, after + fte[i]));
    }
    sets
}

/// How far the rest of a cut may go beside `set` before the engine would take a volunteer it
/// leaves out: for each left out, their FTE less the FTE taken after them, less half a
/// hundredth so that no target rounded to the hundredth crosses it.
fn rest_cap(fte: &[f64], set: &[usize]) -> f64 {
    (0..fte.len())
        .filter(|i| !set.contains(i))
        .map(|i| {
            let after: f64 = set.iter().filter(|&&k| k > i).map(|&k| fte[k]).sum();
            fte[i] - after - 0.005
        })
        .fold(f64::INFINITY, f64::min)
        .max(0.0)
}

/// Each person's figures the levers are built from: their FTE, critical or not, their
/// compulsory package and what their post costs a year at the role's target pay.
struct Member {
    post: usize,
    fte: f64,
    critical: bool,
    compulsory: f64,
    protection: f64,
    end: f64,
}

/// The levers of the roles that can be cut (people or vacancies today, in a known function),
/// from the engine's own pools: each volunteer's package, each person's compulsory package,
/// their expected pay protection if redeployed, and what each post costs at target pay.
fn levers(plan: &Plan, from: &Scenario, goal: &Goal) -> (Outcome, Vec<Option<Lever>>) {
    let today: Vec<Option<f64>> = {
        let o = super::evaluate_figures(plan, from);
        o.roles
            .iter()
            .map(|r| {
                let t = r.flows.current();
                (t > 0.0).then_some(t)
            })
            .collect()
    };
    let keep_scenario = with_targets(from, plan, &today);
    let keep = super::evaluate_figures(plan, &keep_scenario);
    let floors: Vec<Option<f64>> = keep
        .roles
        .iter()
        .zip(&today)
        .map(|(r, t)| {
            t.map(|_| {
                if goal.keep_critical {
                    r.critical_fte
                } else {
                    0.0
                }
            })
        })
        .collect();
    let ctx = Context::new(plan, &keep_scenario);
    let (pools, _) = super::pools::build(&ctx);
    // The open posts a redeployee may take, at their target pay: every vacancy (those kept
    // stay open) and the new posts of roles the seek leaves alone.
    let open: Vec<(f64, f64)> = pools
        .iter()
        .map(|p| (p.target_salary as f64, p.v + p.new_posts))
        .filter(|(_, fte)| *fte > TINY)
        .collect();
    let levers = keep
        .roles
        .iter()
        .enumerate()
        .map(|(r, k)| {
            let today = today[r]?;
            let floor = floors[r].unwrap_or(0.0).min(today);
            let mut lever = lever(&ctx, &pools[r], &open);
            lever.today = today;
            lever.floor = floor;
            lever.function = k.function;
            Some(lever)
        })
        .collect();
    (keep, levers)
}

/// One role's lever from its pool.
fn lever(ctx: &Context, pool: &Pool, open: &[(f64, f64)]) -> Lever {
    let plan = ctx.plan;
    let target = pool.target_salary as f64;
    let end = |i: usize, member: bool| {
        let c = ctx.post_council[i].unwrap_or(0);
        ctx.annual_cost(
            target * clean_fte(plan.posts[i].fte),
            ctx.lgps_rate(c, member),
        ) / 100.0
    };
    let protection_years = ctx.assumptions.protection_factor();
    let vacant: f64 = pool
        .vacant
        .iter()
        .map(|&i| clean_fte(plan.posts[i].fte))
        .sum();
    let vacant_saving = if vacant > TINY {
        pool.vacant.iter().map(|&i| end(i, true)).sum::<f64>() / vacant
    } else {
        0.0
    };
    let members: Vec<Member> = pool
        .filled
        .iter()
        .filter_map(|&i| {
            let post = &plan.posts[i];
            let h = post.holder.as_ref()?;
            let c = ctx.post_council[i]?;
            let person = super::pools::person(post)?;
            let package = super::rules::exit_cost(
                &plan.parameters,
                &ctx.schemes[c],
                ctx.weeks_per_year,
                &person,
                super::rules::ExitKind::Compulsory,
                ctx.post_go_live(i),
            );
            // Redeployed, equally likely to take any open FTE, protected for the drop in pay.
            let salary = post.salary.pence().max(0) as f64;
            let (weight, drop) = open.iter().fold((0.0, 0.0), |(w, d), (pay, fte)| {
                (w + fte, d + fte * (salary - pay).max(0.0))
            });
            let loss = if weight > TINY { drop / weight } else { 0.0 };
            let fte = clean_fte(post.fte);
            let yearly =
                ctx.protected_cost(salary * fte, loss * fte, ctx.lgps_rate(c, h.lgps_member));
            Some(Member {
                post: i,
                fte,
                critical: h.critical,
                compulsory: package.total().as_pounds(),
                protection: yearly * protection_years / 100.0,
                end: end(i, h.lgps_member),
            })
        })
        .collect();
    let by_post: rustc_hash::FxHashMap<usize, usize> = members
        .iter()
        .enumerate()
        .map(|(k, m)| (m.post, k))
        .collect();
    let member = |post: usize| by_post.get(&post).map(|&k| &members[k]);
    let candidates = super::pools::volunteers(ctx, &pool.filled);
    let whole: Vec<(usize, f64, f64)> = candidates
        .iter()
        .filter(|c| c.offered >= 1.0)
        .map(|c| {
            let fte = clean_fte(plan.posts[c.post].fte);
            (c.post, fte, c.cost.as_pounds())
        })
        .filter(|c| c.1 > TINY)
        .collect();
    let partial: Vec<(f64, f64, f64)> = candidates
        .iter()
        .filter(|c| c.offered < 1.0)
        .filter_map(|c| {
            let m = member(c.post)?;
            Some((
                c.offered * m.fte,
                c.offered * c.cost.as_pounds(),
                c.offered * m.end,
            ))
        })
        .collect();
    let take_up: f64 = partial.iter().map(|p| p.0).sum();
    let ftes: Vec<f64> = whole.iter().map(|w| w.1).collect();
    // The rest falls evenly on those left, the critical only when nobody else is. Volunteers
    // are never critical, so those left beside a set are everyone not critical less the set.
    let sum = |pick: &mut dyn Iterator<Item = &Member>| {
        pick.fold([0.0; 4], |a, m| {
            [
                a[0] + m.fte,
                a[1] + m.compulsory,
                a[2] + m.protection,
                a[3] + m.end,
            ]
        })
    };
    let open_sum = sum(&mut members.iter().filter(|m| !m.critical));
    let critical_sum = sum(&mut members.iter().filter(|m| m.critical));
    let rest = |gone: &[usize], cap: f64| {
        let gone = sum(&mut gone.iter().filter_map(|&p| member(p)));
        let open: [f64; 4] = std::array::from_fn(|k| open_sum[k] - gone[k]);
        let pick = if open[0] > TINY { open } else { critical_sum };
        if pick[0] <= TINY {
            return Rest::default();
        }
        // A cut of one FTE selects 1 / fte of each of them (of their package and their cost).
        Rest {
            cap,
            cost: pick[1] / pick[0],
            protection: pick[2] / pick[0],
            saving: pick[3] / pick[0],
        }
    };
    let choices = realisable_sets(&ftes)
        .into_iter()
        .map(|set| {
            let posts: Vec<usize> = set.iter().map(|&k| whole[k].0).collect();
            Choice {
                fte: set.iter().map(|&k| whole[k].1).sum(),
                cost: set.iter().map(|&k| whole[k].2).sum(),
                saving: posts.iter().filter_map(|&p| member(p)).map(|m| m.end).sum(),
                rest: rest(&posts, rest_cap(&ftes, &set)),
            }
        })
        .collect();
    Lever {
        vacant,
        vacant_saving,
        choices,
        rest: rest(&[], rest_cap(&ftes, &[])),
        take_up,
        take_up_cost: if take_up > TINY {
            partial.iter().map(|p| p.1).sum::<f64>() / take_up
        } else {
            0.0
        },
        take_up_saving: if take_up > TINY {
            partial.iter().map(|p| p.2).sum::<f64>() / take_up
        } else {
            0.0
        },
        redeployment: ctx.assumptions.redeployment_rate.clamp(0.0, 1.0),
        ..Lever::default()
    }
}

/// The programme's variables for one role.
struct Cut {
    vacant: Variable,
    take_up: Variable,
    /// The sets of volunteers that can go in this solve (a set that cannot fit, or that a
    /// fixed solve leaves out, has no variables).
    sets: Vec<SetCut>,
    /// The rest when no set goes, and the FTE of it redeployed.
    rest_alone: Variable,
    redeployed_alone: Variable,
    /// On a small plan, the target in hundredths of an FTE (a whole number), so the programme's
    /// cut is one a director could set and no rounding moves it off its limits.
    hundredths: Option<Variable>,
    /// Whether the cut goes past the vacancies (1 or 0; between in a relaxation): the engine
    /// deletes every vacancy before anyone volunteers or is at risk.
    past_vacancies: Variable,
}

/// The variables of one set of volunteers: whether it goes (0 or 1), the rest of the cut beside
/// it, and the FTE of that rest redeployed (the rest of it compulsory).
struct SetCut {
    /// Its index in the lever's choices.
    choice: usize,
    choose: Variable,
    rest: Variable,
    /// Each rest's redeployed FTE is priced at its own rates, as those left at risk differ with
    /// the volunteers who go; the relaxation, which only guides the choice of volunteers, counts
    /// it with the rest alone (`None`), which keeps a plan of thousands of sets quick.
    redeployed: Option<Variable>,
}

/// FTE redeployed from part of a role's pool at risk: how much, out of which rest, at whose
/// rates.
struct Move<'a> {
    moved: Variable,
    of: Expression,
    rates: &'a Rest,
}

impl Cut {
    /// Each rest of the pool at risk with its rates: the rest alone, then the rest beside each
    /// set of volunteers.
    fn rests<'a>(&'a self, l: &'a Lever) -> impl Iterator<Item = (Variable, &'a Rest)> {
        std::iter::once((self.rest_alone, &l.rest)).chain(
            self.sets
                .iter()
                .map(|s| (s.rest, &l.choices[s.choice].rest)),
        )
    }

    /// The FTE redeployed, each with the rest it comes from and the rates it is priced at.
    fn moves<'a>(&'a self, l: &'a Lever) -> Vec<Move<'a>> {
        let mut alone = Move {
            moved: self.redeployed_alone,
            of: Expression::from(self.rest_alone),
            rates: &l.rest,
        };
        let mut moves = Vec::new();
        for s in &self.sets {
            match s.redeployed {
                Some(moved) => moves.push(Move {
                    moved,
                    of: Expression::from(s.rest),
                    rates: &l.choices[s.choice].rest,
                }),
                None => alone.of += s.rest,
            }
        }
        moves.insert(0, alone);
        moves
    }

    /// The FTE of the pool at risk redeployed.
    fn redeployed(&self) -> Expression {
        let mut moved = Expression::from(self.redeployed_alone);
        for d in self.sets.iter().filter_map(|s| s.redeployed) {
            moved += d;
        }
        moved
    }

    /// Whether any set of volunteers goes (1 or 0).
    fn chosen(&self) -> Expression {
        self.sets.iter().map(|s| s.choose).sum()
    }
}

/// What to optimise.
#[derive(Clone, Copy, Debug)]
enum Aim {
    /// Reach `need` a year with the fewest compulsory FTE, then at the least one-off cost,
    /// then as close to `need` as that allows.
    Reach(f64),
    /// Save the most.
    Most,
}

/// The programme's figures, as expressions of its variables.
struct Figures {
    saving: Expression,
    one_off: Expression,
    compulsory: Expression,
}

/// The role targets the programme proposes within `limits`, or `None` when none meets them.
/// Each role's sets of volunteers are 0/1 choices (on a plan with more than [`MOST_CHOICES`] of
/// them, chosen from the relaxation first); the rule order is kept by solving in turn: the
/// fewest compulsory FTE, then the least one-off cost with no more, then the saving closest to
/// the need with no more cost.
fn solve(
    keep: &Outcome,
    levers: &[Option<Lever>],
    aim: Aim,
    limits: Limits,
) -> Option<Vec<Option<f64>>> {
    let choices: usize = levers.iter().flatten().map(|l| l.choices.len()).sum();
    let relaxed = || {
        let fte = solve_with(keep, levers, aim, limits, &Integrality::Relaxed).ok()?;
        solve_with(keep, levers, aim, limits, &Integrality::Fixed(fte.cuts)).ok()
    };
    let solved = if choices > MOST_CHOICES {
        relaxed()?
    } else {
        match solve_with(keep, levers, aim, limits, &Integrality::Whole) {
            Ok(solved) => solved,
            Err(Failed::Infeasible) => return None,
            // The solver could not settle a whole-number solution: choose from the relaxation.
            Err(Failed::Solver) => relaxed()?,
        }
    };
    let cuts = to_hundredths(levers, &solved, aim, limits);
    Some(
        levers
            .iter()
            .zip(cuts)
            .map(|(l, cut)| {
                l.as_ref()
                    .map(|l| ((l.today - cut).max(l.floor) * 100.0).round() / 100.0)
            })
            .collect(),
    )
}

/// Each role's cut to the hundredth of an FTE, as a director sets a target: a cut a hair off a
/// hundredth is that hundredth; the others go up or down, whichever way the programme's own
/// figures show still meets the limits (and the saving sought) with the fewest compulsory FTE,
/// then the least one-off cost, then the saving closest to the need (or, saving the most, the
/// most). Where no way does, down for the most and up for a saving.
fn to_hundredths(levers: &[Option<Lever>], solved: &Solved, aim: Aim, limits: Limits) -> Vec<f64> {
    let mut cuts: Vec<f64> = solved.cuts.clone();
    let open: Vec<usize> = (0..cuts.len())
        .filter(|&r| {
            levers[r].is_some() && {
                let h = cuts[r] * 100.0;
                (h - h.round()).abs() >= 1e-3
            }
        })
        .collect();
    for c in &mut cuts {
        let h = *c * 100.0;
        if (h - h.round()).abs() < 1e-3 {
            *c = h.round() / 100.0;
        }
    }
    // The safe way for each: less cut for the most, more for a saving.
    let safe = |mut cuts: Vec<f64>| {
        for &r in &open {
            let h = cuts[r] * 100.0;
            cuts[r] = if matches!(aim, Aim::Most) {
                h.floor()
            } else {
                h.ceil()
            } / 100.0;
        }
        cuts
    };
    // Too many to try every way.
    if open.len() > 12 {
        return safe(cuts);
    }
    let mut best: Option<((f64, f64, f64), Vec<f64>)> = None;
    for way in 0..(1u32 << open.len()) {
        let mut tried = cuts.clone();
        let (mut saving, mut one_off, mut compulsory) =
            (solved.saving, solved.one_off, solved.compulsory);
        let mut kept = solved.kept.clone();
        for (bit, &r) in open.iter().enumerate() {
            let h = cuts[r] * 100.0;
            let to = if way & (1 << bit) == 0 {
                h.floor()
            } else {
                h.ceil()
            } / 100.0;
            let change = to - cuts[r];
            let m = solved.margins[r];
            saving += change * m.saving;
            one_off += change * m.cost;
            compulsory += change * m.compulsory;
            if let Some(l) = &levers[r]
                && let Some(k) = kept.get_mut(l.function)
            {
                k.0 -= change;
            }
            tried[r] = to;
        }
        let within_room = open.iter().all(|&r| {
            levers[r]
                .as_ref()
                .is_some_and(|l| tried[r] >= -TINY && tried[r] <= l.today - l.floor + TINY)
        });
        let payback_ok = limits.payback.is_none_or(|y| one_off <= y * saving - 0.005);
        let share_ok = limits.share.is_none_or(|s| {
            kept.iter()
                .all(|(k, today)| *today <= 0.0 || *k >= s * today - TINY)
        });
        let reach_ok = match aim {
            Aim::Reach(need) => saving >= need - 0.5,
            Aim::Most => true,
        };
        if !(within_room && payback_ok && share_ok && reach_ok) {
            continue;
        }
        let score = match aim {
            Aim::Reach(_) => (compulsory, one_off, saving),
            Aim::Most => (-saving, compulsory, one_off),
        };
        let better = best.as_ref().is_none_or(|(b, _)| {
            score.0 < b.0 - TINY
                || ((score.0 - b.0).abs() <= TINY
                    && (score.1 < b.1 - 0.005 || ((score.1 - b.1).abs() <= 0.005 && score.2 < b.2)))
        });
        if better {
            best = Some((score, tried));
        }
    }
    match best {
        Some((_, tried)) => tried,
        None => safe(cuts),
    }
}

/// What one extra FTE of a role's cut does, by the part of it the programme set last (the rest
/// at risk, volunteers at a take-up, or vacancies).
#[derive(Clone, Copy, Debug, Default)]
struct Margin {
    saving: f64,
    cost: f64,
    compulsory: f64,
}

/// A solve's cuts, with the programme's own figures for them (pounds).
struct Solved {
    cuts: Vec<f64>,
    margins: Vec<Margin>,
    saving: f64,
    one_off: f64,
    compulsory: f64,
    /// FTE kept and today's FTE by function.
    kept: Vec<(f64, f64)>,
}

/// Why a solve gave no cuts.
#[derive(Clone, Copy, Debug)]
enum Failed {
    /// Nothing meets the limits.
    Infeasible,
    /// The solver gave up (a numerical failure).
    Solver,
}

/// How the sets of volunteers are chosen.
#[derive(Clone, Debug)]
enum Integrality {
    /// 0 or 1 each.
    Whole,
    /// Anywhere between (to read which sets the programme leans to).
    Relaxed,
    /// For each role, the FTE of whole volunteers the relaxation took: the largest set within
    /// it goes, the others do not.
    Fixed(Vec<f64>),
}

/// The constraints every solve keeps: each role's choices and room, redeployment into the open
/// posts, and the limits.
fn constraints(
    vars: &mut ProblemVariables,
    keep: &Outcome,
    levers: &[Option<Lever>],
    cuts: &[Option<Cut>],
    figures: &Figures,
    limits: Limits,
) -> Vec<Constraint> {
    let mut constraints = Vec::new();
    let mut kept_by_function: Vec<(Expression, f64)> =
        vec![(Expression::from(0.0), 0.0); keep.functions.len()];
    // Redeployment fills the open posts: the vacancies kept and the new posts of other roles.
    let mut redeployed = Expression::from(0.0);
    let mut unplaced = Expression::from(0.0);
    let mut most_fte = 1.0;
    let mut open = Expression::from(keep.totals.new_posts);
    for (l, c) in levers.iter().zip(cuts) {
        let (Some(l), Some(c)) = (l, c) else { continue };
        let room = (l.today - l.floor).max(0.0);
        let beyond = (room - l.vacant.min(room)).max(0.0);
        // One set of volunteers at most, after every vacancy (the engine deletes vacancies
        // first), its rest only beside it, and everything within room.
        let chosen = c.chosen();
        constraints.push(chosen.clone().leq(1.0));
        constraints.push((l.vacant.min(room) * chosen.clone() - c.vacant).leq(0.0));
        for s in &c.sets {
            let cap = l.choices[s.choice].rest.cap.min(beyond).max(0.0);
            constraints.push((s.rest - cap * s.choose).leq(0.0));
        }
        let cap = l.rest.cap.min(beyond).max(0.0);
        constraints.push((c.rest_alone + cap * chosen).leq(cap));
        // Nobody volunteers or is at risk while a vacancy of the role is left.
        constraints.push((rest_of(c) + c.take_up - beyond * c.past_vacancies).leq(0.0));
        constraints.push((l.vacant.min(room) * c.past_vacancies - c.vacant).leq(0.0));
        let cut = cut_of(l, c);
        constraints.push(cut.clone().leq(room));
        if let Some(h) = c.hundredths {
            constraints.push((cut.clone() + 0.01 * h).eq(l.today));
        }
        // The plan's share of the rest is redeployed (as far as open posts allow, below); with
        // no compulsory redundancy, the others stay above the target (see `figures`).
        for m in c.moves(l) {
            constraints.push((m.moved - l.redeployment * m.of).leq(0.0));
        }
        let moved = c.redeployed();
        unplaced += l.redeployment * rest_of(c) - moved.clone();
        redeployed += moved;
        most_fte += room;
        open += l.vacant - c.vacant;
        if let Some(f) = kept_by_function.get_mut(l.function) {
            f.0 += l.today - cut;
            f.1 += l.today;
        }
    }
    // The engine redeploys the plan's share of everyone at risk, or, where the open posts are
    // fewer, fills them all: either nobody is left unplaced, or every open post is filled.
    let filled = vars.add(variable().binary());
    constraints.push((redeployed.clone() - open.clone()).leq(0.0));
    constraints.push((unplaced - most_fte * filled).leq(0.0));
    constraints.push((open - redeployed + most_fte * filled).leq(most_fte));
    if let Some(years) = limits.payback {
        constraints.push(figures.one_off.clone().leq(years * figures.saving.clone()));
    }
    if let Some(share) = limits.share {
        for (kept, today) in kept_by_function {
            if today > 0.0 {
                constraints.push(kept.geq(share * today));
            }
        }
    }
    constraints
}

/// Each role's variables in the programme.
fn cut_variables(
    vars: &mut ProblemVariables,
    levers: &[Option<Lever>],
    limits: Limits,
    integrality: &Integrality,
) -> Vec<Option<Cut>> {
    let exact = !matches!(integrality, Integrality::Relaxed)
        && levers.iter().flatten().count() <= MOST_EXACT_ROLES;
    levers
        .iter()
        .enumerate()
        .map(|(r, l)| {
            let l = l.as_ref()?;
            let room = (l.today - l.floor).max(0.0);
            let vacant = l.vacant.min(room);
            let beyond = (room - vacant).max(0.0);
            // With no compulsory redundancy and nobody redeployed, a cut past the volunteers
            // moves nobody: none is offered.
            let stuck = limits.no_compulsory && l.redeployment <= 0.0;
            let rest_room = |cap: f64, used: f64| {
                if stuck {
                    0.0
                } else {
                    cap.min(beyond - used).max(0.0)
                }
            };
            let fixed = match integrality {
                Integrality::Fixed(fte) => Some(
                    l.choices
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.fte <= fte[r] + TINY && c.fte <= beyond + TINY)
                        .max_by(|a, b| a.1.fte.total_cmp(&b.1.fte))
                        .map(|(k, _)| k),
                ),
                _ => None,
            };
            let sets = l
                .choices
                .iter()
                .enumerate()
                .filter_map(|(k, choice)| {
                    let fits = choice.fte <= beyond + TINY;
                    let choose = match integrality {
                        Integrality::Whole if fits => variable().binary(),
                        Integrality::Relaxed if fits => variable().min(0.0).max(1.0),
                        Integrality::Fixed(_) if fits && fixed == Some(Some(k)) => {
                            variable().min(1.0).max(1.0)
                        }
                        _ => return None,
                    };
                    Some(SetCut {
                        choice: k,
                        choose: vars.add(choose),
                        rest: vars.add(
                            variable()
                                .min(0.0)
                                .max(rest_room(choice.rest.cap, choice.fte)),
                        ),
                        redeployed: match integrality {
                            Integrality::Relaxed => None,
                            _ => Some(vars.add(variable().min(0.0))),
                        },
                    })
                })
                .collect();
            // The target's whole hundredths between the floor and today.
            let hundredths = exact
                .then(|| {
                    let lowest = (l.floor * 100.0 - TINY).ceil();
                    let highest = (l.today * 100.0 + TINY).floor();
                    (lowest <= highest)
                        .then(|| vars.add(variable().integer().min(lowest).max(highest)))
                })
                .flatten();
            Some(Cut {
                vacant: vars.add(variable().min(0.0).max(vacant)),
                take_up: vars.add(variable().min(0.0).max(l.take_up.min(beyond))),
                sets,
                rest_alone: vars.add(variable().min(0.0).max(rest_room(l.rest.cap, 0.0))),
                redeployed_alone: vars.add(variable().min(0.0)),
                hundredths,
                past_vacancies: vars.add(match integrality {
                    Integrality::Whole => variable().binary(),
                    _ => variable().min(0.0).max(1.0),
                }),
            })
        })
        .collect()
}

/// One solve; each role's cut in FTE (whole volunteers' FTE under `Integrality::Relaxed`).
fn solve_with(
    keep: &Outcome,
    levers: &[Option<Lever>],
    aim: Aim,
    limits: Limits,
    integrality: &Integrality,
) -> Result<Solved, Failed> {
    let mut vars = ProblemVariables::new();
    let cuts = cut_variables(&mut vars, levers, limits, integrality);
    let figures = figures(keep, levers, &cuts, limits.no_compulsory);
    let constraints = constraints(&mut vars, keep, levers, &cuts, &figures, limits);
    let run = |objective: Expression, more: &[Constraint]| -> Result<(f64, Solved), Failed> {
        let mut model = vars.clone().minimise(objective.clone()).using(microlp);
        for c in constraints.iter().chain(more) {
            model = model.with(c.clone());
        }
        let solution = match model.solve() {
            Ok(s) => s,
            Err(ResolutionError::Infeasible | ResolutionError::Unbounded) => {
                return Err(Failed::Infeasible);
            }
            Err(e) => {
                log::warn!("goal seek: the solver failed: {e}");
                return Err(Failed::Solver);
            }
        };
        let value = solution.eval(&objective);
        let mut solved = Solved {
            cuts: Vec::with_capacity(levers.len()),
            margins: Vec::with_capacity(levers.len()),
            saving: solution.eval(&figures.saving) * UNIT,
            one_off: solution.eval(&figures.one_off) * UNIT,
            compulsory: solution.eval(&figures.compulsory),
            kept: vec![(0.0, 0.0); keep.functions.len()],
        };
        for (l, c) in levers.iter().zip(&cuts) {
            let (Some(l), Some(c)) = (l, c) else {
                solved.cuts.push(0.0);
                solved.margins.push(Margin::default());
                continue;
            };
            let cut = solution.eval(cut_of(l, c));
            if let Some(k) = solved.kept.get_mut(l.function) {
                k.0 += l.today - cut;
                k.1 += l.today;
            }
            solved.cuts.push(match integrality {
                Integrality::Relaxed => c
                    .sets
                    .iter()
                    .map(|s| l.choices[s.choice].fte * solution.value(s.choose))
                    .sum(),
                _ => cut,
            });
            solved
                .margins
                .push(margin(l, c, &solution, limits.no_compulsory));
        }
        Ok((value, solved))
    };
    match aim {
        Aim::Most => run(-figures.saving.clone(), &[]).map(|(_, solved)| solved),
        Aim::Reach(need) => {
            // The engine rounds each post to the penny; the programme does not.
            let reach = figures.saving.clone().geq((need - 0.5) / UNIT);
            let least_compulsory = if limits.no_compulsory {
                0.0
            } else {
                run(figures.compulsory.clone(), std::slice::from_ref(&reach))?.0
            };
            let no_more_compulsory = figures.compulsory.clone().leq(least_compulsory + TINY);
            let (least_cost, _) = run(
                figures.one_off.clone(),
                &[reach.clone(), no_more_compulsory.clone()],
            )?;
            let no_more_cost = figures.one_off.clone().leq(least_cost + 0.005 / UNIT);
            run(
                figures.saving.clone(),
                &[reach, no_more_compulsory, no_more_cost],
            )
            .map(|(_, solved)| solved)
        }
    }
}

/// The margin of a role's cut in a solution: the rest at risk where any is cut, else volunteers
/// at a take-up, else vacancies.
fn margin(l: &Lever, c: &Cut, solution: &impl Solution, no_compulsory: bool) -> Margin {
    let at_risk = solution.eval(rest_of(c));
    let moved = if at_risk > TINY {
        (solution.eval(c.redeployed()) / at_risk).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let rest = |r: &Rest| {
        if no_compulsory {
            Margin {
                saving: r.saving * moved,
                cost: r.protection * moved,
                compulsory: 0.0,
            }
        } else {
            Margin {
                saving: r.saving,
                cost: r.cost * (1.0 - moved) + r.protection * moved,
                compulsory: 1.0 - moved,
            }
        }
    };
    if solution.value(c.rest_alone) > TINY {
        return rest(&l.rest);
    }
    for s in &c.sets {
        if solution.value(s.choose) > 0.5 && solution.value(s.rest) > TINY {
            return rest(&l.choices[s.choice].rest);
        }
    }
    if solution.value(c.take_up) > TINY {
        return Margin {
            saving: l.take_up_saving,
            cost: l.take_up_cost,
            compulsory: 0.0,
        };
    }
    Margin {
        saving: l.vacant_saving,
        cost: 0.0,
        compulsory: 0.0,
    }
}

/// The FTE of a role's cut that falls on the pool at risk.
fn rest_of(c: &Cut) -> Expression {
    let mut rest = Expression::from(c.rest_alone);
    for s in &c.sets {
        rest += s.rest;
    }
    rest
}

/// A role's cut in FTE.
fn cut_of(l: &Lever, c: &Cut) -> Expression {
    let mut cut = c.vacant + c.take_up + c.rest_alone;
    for s in &c.sets {
        cut += l.choices[s.choice].fte * s.choose + s.rest;
    }
    cut
}

/// The saving, one-off cost and compulsory FTE of a set of cuts.
fn figures(
    keep: &Outcome,
    levers: &[Option<Lever>],
    cuts: &[Option<Cut>],
    no_compulsory: bool,
) -> Figures {
    let k = |pounds: f64| pounds / UNIT;
    let mut f = Figures {
        saving: Expression::from(k(keep.totals.recurring_saving.as_pounds())),
        one_off: Expression::from(k(keep.totals.one_off_cost.as_pounds())),
        compulsory: Expression::from(0.0),
    };
    for (l, c) in levers.iter().zip(cuts) {
        let (Some(l), Some(c)) = (l, c) else { continue };
        f.saving += k(l.vacant_saving) * c.vacant + k(l.take_up_saving) * c.take_up;
        f.one_off += k(l.take_up_cost) * c.take_up;
        for s in &c.sets {
            let choice = &l.choices[s.choice];
            f.saving += k(choice.saving) * s.choose;
            f.one_off += k(choice.cost) * s.choose;
        }
        if no_compulsory {
            // Only those redeployed go (with their pay protection); the rest of the pool at risk
            // stays above the target, saving and costing nothing.
            for m in c.moves(l) {
                f.saving += k(m.rates.saving) * m.moved;
                f.one_off += k(m.rates.protection) * m.moved;
            }
        } else {
            for (rest, r) in c.rests(l) {
                f.saving += k(r.saving) * rest;
                f.one_off += k(r.cost) * rest;
                f.compulsory += rest;
            }
            // Those redeployed cost their pay protection instead of a compulsory package.
            for m in c.moves(l) {
                f.one_off += k(m.rates.protection - m.rates.cost) * m.moved;
                f.compulsory -= m.moved;
            }
        }
    }
    f
}

/// The proposal of `targets`, worked out by the engine.
fn proposal(plan: &Plan, from: &Scenario, targets: &[Option<f64>], goal: &Goal) -> Proposal {
    let mut scenario = with_targets(from, plan, targets);
    if goal.no_compulsory {
        scenario.compulsory_allowed = Some(false);
    }
    let base = super::evaluate_figures(plan, from);
    let o = super::evaluate(plan, &scenario);
    let changes = o
        .roles
        .iter()
        .zip(&base.roles)
        .filter(|(new, old)| (new.target_fte - old.target_fte).abs() > 1e-9)
        .map(|(new, old)| RoleChange {
            role: new.id.clone(),
            title: new.title.clone(),
            function: o
                .functions
                .get(new.function)
                .map(|f| f.name.clone())
                .unwrap_or_default(),
            today: new.flows.current(),
            from: old.target_fte,
            to: new.target_fte,
        })
        .collect();
    Proposal {
        scenario,
        saving: o.totals.recurring_saving,
        one_off: o.totals.one_off_cost,
        payback_years: o.totals.payback_years,
        compulsory_fte: o.totals.flows.compulsory,
        voluntary_fte: o.totals.flows.voluntary,
        changes,
    }
}

/// Seeks role targets from scenario `from` of `plan` that meet `goal`; the proposal is named
/// `name`. When the goal cannot be met, how far short and which constraint holds it back.
pub fn seek(plan: &Plan, from: &Scenario, goal: &Goal, name: &str) -> Result<Proposal, Shortfall> {
    let (keep, levers) = levers(plan, from, goal);
    // Only limits that mean something reach the solver: a payback of 100 years or more is no
    // limit, a share is of 0 to 1, and neither may be not a number.
    let limits = Limits {
        no_compulsory: goal.no_compulsory,
        payback: goal
            .max_payback_years
            .filter(|y| *y < LONGEST_PAYBACK_YEARS)
            .map(|y| y.max(0.0)),
        share: goal
            .min_function_share
            .filter(|s| !s.is_nan())
            .map(|s| s.clamp(0.0, 1.0)),
    };
    let named = |mut p: Proposal| {
        p.scenario.name = name.to_owned();
        p.scenario.description = describe(goal);
        p
    };
    let target = goal.saving.as_pounds();
    let mut need = target;
    let mut asked = limits;
    // No target saves more than everything costs today and every saving besides posts: a goal
    // past that is not given to the solver (it could not scale it), only said to be too far.
    // (The plan's lines and the scenario's own, if any: the scenario's replace the plan's, so
    // both together can only over-reach.)
    let ceiling = keep.totals.baseline_cost.as_pounds()
        + plan
            .assumptions
            .lines
            .iter()
            .chain(from.lines.iter().flatten())
            .filter(|l| l.kind == crate::model::LineKind::RecurringSaving)
            .map(|l| l.amount.at_least_zero().as_pounds())
            .sum::<f64>();
    let rounds = if target <= ceiling { 8 } else { 0 };
    for _ in 0..rounds {
        let Some(targets) = solve(&keep, &levers, Aim::Reach(need), asked) else {
            break;
        };
        let p = proposal(plan, from, &targets, goal);
        if meets(&p, goal) {
            return Ok(named(p));
        }
        // The engine's figures differ a little from the programme's (a package paid after
        // go-live, a target rounded to the hundredth, a penny per post): ask for what was
        // missed again, or for a payback that much shorter.
        let short = target - p.saving.as_pounds();
        if short > 0.5 {
            need += short.max(target * 0.001).max(1.0);
        }
        if let (Some(limit), Some(years)) = (limits.payback, p.payback_years)
            && years > limit + 1e-9
        {
            asked.payback = asked.payback.map(|a| a * limit / years * 0.999);
        }
    }
    // The most the constraints allow, from the same programme, worked out by the engine.
    let most = most(plan, from, &keep, &levers, goal, limits);
    if let Some(p) = most.proposal.filter(|p| meets(p, goal)) {
        return Ok(named(p));
    }
    Err(shortfall(
        plan,
        from,
        &keep,
        &levers,
        goal,
        limits,
        most.saving,
    ))
}

/// Whether the engine's figures for a proposal meet the goal: the saving (to 50p) and the
/// payback.
fn meets(p: &Proposal, goal: &Goal) -> bool {
    let short = goal.saving.as_pounds() - p.saving.as_pounds();
    let payback_ok = match (goal.max_payback_years, p.payback_years) {
        (Some(limit), Some(y)) => y <= limit + 1e-9,
        (Some(_), None) => p.one_off.pence() == 0,
        (None, _) => true,
    };
    short <= 0.5 && payback_ok
}

/// The most a set of limits allows, as the engine works out the programme's best.
struct Most {
    saving: Money,
    proposal: Option<Proposal>,
}

fn most(
    plan: &Plan,
    from: &Scenario,
    keep: &Outcome,
    levers: &[Option<Lever>],
    goal: &Goal,
    limits: Limits,
) -> Most {
    let goal = Goal {
        no_compulsory: limits.no_compulsory,
        max_payback_years: limits.payback,
        min_function_share: limits.share,
        ..goal.clone()
    };
    let mut asked = limits;
    for _ in 0..4 {
        let Some(targets) = solve(keep, levers, Aim::Most, asked) else {
            break;
        };
        let p = proposal(plan, from, &targets, &goal);
        match (limits.payback, p.payback_years) {
            // The engine's packages a little dearer than the programme's: ask for a payback
            // that much shorter.
            (Some(limit), Some(y)) if y > limit + 1e-9 => {
                asked.payback = asked.payback.map(|a| a * limit / y * 0.999);
            }
            (Some(_), None) if p.one_off.pence() > 0 => break,
            _ => {
                return Most {
                    saving: p.saving.max(keep.totals.recurring_saving),
                    proposal: Some(p),
                };
            }
        }
    }
    Most {
        saving: keep.totals.recurring_saving,
        proposal: None,
    }
}

/// The description of a proposal's scenario.
fn describe(goal: &Goal) -> String {
    let mut parts = vec![format!(
        "Goal seek: save {} a year with the fewest compulsory redundancies, then the lowest one-off cost, then as close to it as that allows",
        goal.saving.whole()
    )];
    if goal.no_compulsory {
        parts.push("no compulsory redundancies".to_owned());
    }
    if let Some(y) = goal.max_payback_years {
        parts.push(format!("payback within {y} years"));
    }
    if let Some(s) = goal.min_function_share {
        parts.push(format!(
            "each function kept at {:.0}% of today or more",
            s * 100.0
        ));
    }
    if goal.keep_critical {
        parts.push("critical posts kept".to_owned());
    }
    parts.join("; ")
}

/// The most the constraints allow, and which of them hold it back.
fn shortfall(
    plan: &Plan,
    from: &Scenario,
    keep: &Outcome,
    levers: &[Option<Lever>],
    goal: &Goal,
    limits: Limits,
    most: Money,
) -> Shortfall {
    let mut binding = Vec::new();
    let mut relax = |what: &str, relaxed: Limits| {
        let more = self::most(plan, from, keep, levers, goal, relaxed).saving;
        if more > most + Money::pounds(1) {
            binding.push(format!("{what}: without it, up to {} a year", more.whole()));
        }
    };
    if limits.no_compulsory {
        relax(
            "no compulsory redundancies",
            Limits {
                no_compulsory: false,
                ..limits
            },
        );
    }
    if let Some(y) = limits.payback {
        relax(
            &format!("payback within {y} years"),
            Limits {
                payback: None,
                ..limits
            },
        );
    }
    if let Some(s) = limits.share {
        relax(
            &format!("each function kept at {:.0}% of today", s * 100.0),
            Limits {
                share: None,
                ..limits
            },
        );
    }
    if binding.is_empty() {
        binding.push(if goal.keep_critical {
            "the posts themselves: every role cut to its critical posts".to_owned()
        } else {
            "the posts themselves: every role cut to nothing".to_owned()
        });
    }
    Shortfall {
        most,
        short_by: goal.saving - most,
        binding,
    }
}
