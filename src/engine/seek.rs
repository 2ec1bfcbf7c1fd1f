//! Goal seek (issue 15): the question asked backwards. Given a recurring saving to reach and the
//! directors' constraints (no compulsory redundancies; payback within N years; each function
//! kept at or above a share of today; critical posts kept), the role targets that reach it with
//! the fewest compulsory redundancies, then the lowest one-off cost.
//!
//! The engine is not linear, but each role's part of it nearly is: cutting a role's target
//! saves its cost per FTE at target pay (exactly), first by deleting vacancies (free), then by
//! accepting volunteers (their packages), then from the pool at risk (compulsory packages or
//! redeployment). Those rates are read from two runs of the engine (every role kept whole, every
//! role cut to its floor), a linear programme (good_lp with microlp, pure Rust) chooses the cuts,
//! and the engine then works the proposal out exactly. Where its saving falls short of the goal,
//! the programme asks for the difference more and is solved again.

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable, microlp,
    variable,
};

use super::outcome::{Outcome, PersonFate};
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

/// Each role as the programme sees it.
#[derive(Clone, Debug, Default)]
struct Lever {
    /// Today's FTE.
    today: f64,
    /// Lowest target allowed (its critical posts, if kept).
    floor: f64,
    /// Saving a year for each FTE cut (its cost at target pay, with on-costs).
    saving_per_fte: f64,
    /// Vacant FTE that can be deleted.
    vacant: f64,
    /// FTE of accepted volunteers when cut to the floor, and their packages per FTE.
    volunteers: f64,
    volunteer_cost: f64,
    /// The rest of the cut: one-off cost per FTE, and the share of it that is compulsory
    /// (the rest redeployed).
    rest_cost: f64,
    rest_compulsory: f64,
    function: usize,
}

/// The constraints of one solve.
#[derive(Clone, Copy, Debug)]
struct Limits {
    no_compulsory: bool,
    payback: Option<f64>,
    share: Option<f64>,
}

/// One FTE of compulsory redundancy weighs more than any one-off cost could: the fewest
/// compulsory redundancies first, then the lowest cost.
const COMPULSORY_WEIGHT: f64 = 1e9;

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

/// The levers of the roles that can be cut (people or vacancies today, in a known function).
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
    let keep = super::evaluate_figures(plan, &with_targets(from, plan, &today));
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
    let cut = super::evaluate_figures(plan, &with_targets(from, plan, &floors));
    // Packages by role and kind at the floor.
    let mut vr_cost = vec![0.0; cut.roles.len()];
    let mut rest_cost = vec![0.0; cut.roles.len()];
    for p in &cut.people {
        let c = p.counted();
        let amount =
            (c.redundancy_pay + c.pension_strain + c.class1a_ni + c.pay_protection).as_pounds();
        match p.fate {
            PersonFate::Voluntary => vr_cost[p.role] += amount,
            PersonFate::AtRisk => rest_cost[p.role] += amount,
            PersonFate::Bumped => {}
        }
    }
    let levers = keep
        .roles
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let today = today[i]?;
            let floor = floors[i].unwrap_or(0.0).min(today);
            let f = &cut.roles[i].flows;
            let rest = f.compulsory + f.redeployed_out;
            Some(Lever {
                today,
                floor,
                saving_per_fte: if k.target_fte > 0.0 {
                    k.target_cost.as_pounds() / k.target_fte
                } else {
                    0.0
                },
                vacant: f.vacancies_deleted,
                volunteers: f.voluntary,
                volunteer_cost: if f.voluntary > 0.0 {
                    vr_cost[i] / f.voluntary
                } else {
                    0.0
                },
                rest_cost: if rest > 0.0 { rest_cost[i] / rest } else { 0.0 },
                rest_compulsory: if rest > 0.0 { f.compulsory / rest } else { 1.0 },
                function: k.function,
            })
        })
        .collect();
    (keep, levers)
}

/// The programme's variables for one role: vacancies deleted, volunteers, the rest.
struct Cut {
    vacant: Variable,
    volunteers: Variable,
    rest: Variable,
}

/// Solves for cuts saving at least `need` a year (or, with `need` none, saving the most) within
/// `limits`; the targets, or `None` when infeasible.
fn solve(
    keep: &Outcome,
    levers: &[Option<Lever>],
    need: Option<f64>,
    limits: Limits,
) -> Option<Vec<Option<f64>>> {
    let mut vars = ProblemVariables::new();
    let cuts: Vec<Option<Cut>> = levers
        .iter()
        .map(|l| {
            let l = l.as_ref()?;
            let room = (l.today - l.floor).max(0.0);
            let vacant = l.vacant.min(room);
            let volunteers = l.volunteers.min(room - vacant);
            let rest = if limits.no_compulsory {
                0.0
            } else {
                (room - vacant - volunteers).max(0.0)
            };
            Some(Cut {
                vacant: vars.add(variable().min(0.0).max(vacant)),
                volunteers: vars.add(variable().min(0.0).max(volunteers)),
                rest: vars.add(variable().min(0.0).max(rest)),
            })
        })
        .collect();
    let mut saving = Expression::from(keep.totals.recurring_saving.as_pounds());
    let mut one_off = Expression::from(keep.totals.one_off_cost.as_pounds());
    let mut compulsory = Expression::from(0.0);
    let mut kept_by_function: Vec<(Expression, f64)> =
        vec![(Expression::from(0.0), 0.0); keep.functions.len()];
    for (l, c) in levers.iter().zip(&cuts) {
        let (Some(l), Some(c)) = (l, c) else { continue };
        saving += l.saving_per_fte * (c.vacant + c.volunteers + c.rest);
        one_off += l.volunteer_cost * c.volunteers + l.rest_cost * c.rest;
        compulsory += l.rest_compulsory * c.rest;
        if let Some(f) = kept_by_function.get_mut(l.function) {
            f.0 += l.today - (c.vacant + c.volunteers + c.rest);
            f.1 += l.today;
        }
    }
    let objective = match need {
        Some(_) => COMPULSORY_WEIGHT * compulsory + one_off.clone(),
        None => -saving.clone(),
    };
    let mut model = vars.minimise(objective).using(microlp);
    if let Some(need) = need {
        model = model.with(saving.clone().geq(need));
    }
    if let Some(years) = limits.payback {
        model = model.with(one_off.leq(years * saving));
    }
    if let Some(share) = limits.share {
        for (kept, today) in kept_by_function {
            if today > 0.0 {
                model = model.with(kept.geq(share * today));
            }
        }
    }
    let solution = match model.solve() {
        Ok(s) => s,
        Err(ResolutionError::Infeasible | ResolutionError::Unbounded) => return None,
        Err(e) => {
            log::warn!("goal seek: the solver failed: {e}");
            return None;
        }
    };
    Some(
        levers
            .iter()
            .zip(&cuts)
            .map(|(l, c)| {
                let (l, c) = (l.as_ref()?, c.as_ref()?);
                let cut = solution.value(c.vacant)
                    + solution.value(c.volunteers)
                    + solution.value(c.rest);
                // To the hundredth of an FTE, never below the floor.
                Some(
                    ((l.today - cut) * 100.0 + 1e-6)
                        .floor()
                        .max(l.floor * 100.0)
                        / 100.0,
                )
            })
            .collect(),
    )
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
    let limits = Limits {
        no_compulsory: goal.no_compulsory,
        payback: goal.max_payback_years,
        share: goal.min_function_share,
    };
    let target = goal.saving.as_pounds();
    let mut need = target;
    for _ in 0..6 {
        let Some(targets) = solve(&keep, &levers, Some(need), limits) else {
            break;
        };
        let mut p = proposal(plan, from, &targets, goal);
        p.scenario.name = name.to_owned();
        p.scenario.description = describe(goal);
        let short = target - p.saving.as_pounds();
        let payback_ok = match (goal.max_payback_years, p.payback_years) {
            (Some(limit), Some(y)) => y <= limit + 1e-9,
            (Some(_), None) => p.one_off.pence() == 0,
            (None, _) => true,
        };
        if short <= 0.5 && payback_ok {
            return Ok(p);
        }
        // The rates are averages: ask for what was missed again.
        need += short.max(target * 0.001).max(1.0);
    }
    Err(shortfall(&keep, &levers, goal, limits))
}

/// The description of a proposal's scenario.
fn describe(goal: &Goal) -> String {
    let mut parts = vec![format!(
        "Goal seek: save {} a year with the fewest compulsory redundancies, then the lowest one-off cost",
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
fn shortfall(keep: &Outcome, levers: &[Option<Lever>], goal: &Goal, limits: Limits) -> Shortfall {
    let most_with = |limits: Limits| -> f64 {
        solve(keep, levers, None, limits).map_or(keep.totals.recurring_saving.as_pounds(), |t| {
            keep.totals.recurring_saving.as_pounds()
                + levers
                    .iter()
                    .zip(&t)
                    .map(|(l, t)| match (l, t) {
                        (Some(l), Some(t)) => l.saving_per_fte * (l.today - t),
                        _ => 0.0,
                    })
                    .sum::<f64>()
        })
    };
    let most = most_with(limits);
    let mut binding = Vec::new();
    let mut relax = |what: &str, relaxed: Limits| {
        let more = most_with(relaxed);
        if more > most + 1.0 {
            binding.push(format!(
                "{what}: without it, up to {} a year",
                Money::from_pounds_f64(more).whole()
            ));
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
    let most = Money::from_pounds_f64(most);
    Shortfall {
        most,
        short_by: goal.saving - most,
        binding,
    }
}
