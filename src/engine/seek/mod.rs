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

mod levers;
mod programme;

use self::levers::{Lever, levers};
use self::programme::{Aim, solve};
use super::outcome::Outcome;
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
    /// The role's title.
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
