//! The engine: a pure function from a plan and a scenario to an [`Outcome`] (docs/rules.md).
//!
//! No I/O, no UI, no clock: the plan carries its own dates and rules, so the same plan gives the
//! same figures, bit for bit, wherever and whenever it is evaluated.

pub(crate) mod context;
mod costing;
pub mod dates;
pub mod equality;
mod flags;
mod halves;
mod memo;
mod one_offs;
mod outcome;
mod people;
mod pools;
pub mod profile;
pub mod risk;
pub mod rules;
pub mod seek;
mod split;
mod timeline;
mod totals;
mod years;

use std::collections::BTreeMap;

pub use memo::{Memo, Reused};
pub use outcome::{
    CouncilOutcome, Counted, Flag, FlagKind, Flows, FunctionOutcome, OneOff, Outcome,
    PayChangeOutcome, PayMoves, PersonFate, PersonOutcome, RoleOutcome, Timetable, Totals,
    Waterfall, Wave, YearOutcome,
};
pub use rules::{ExitCost, ExitKind, OnCosts, Person};
pub use split::allocate;
pub use timeline::CONSULTATION_WINDOW_DAYS;
pub use years::CouncilYear;

use crate::model::{Money, Plan, Scenario};
use context::Context;
use memo::{Reuse, Selection};
use people::{harmonised, people};
use pools::{Fate, Pool};
use totals::{council_outcomes, function_outcomes, role_outcomes, share_ratios};

/// Evaluates the plan as it stands (the base scenario).
pub fn evaluate_base(plan: &Plan) -> Outcome {
    evaluate(
        plan,
        &Scenario {
            name: Scenario::BASE.to_owned(),
            ..Scenario::default()
        },
    )
}

/// Evaluates a plan under a scenario. Total: any plan gives an outcome with finite figures;
/// posts whose council or role is unknown (validation errors) are left out.
pub fn evaluate(plan: &Plan, scenario: &Scenario) -> Outcome {
    evaluate_in(&Context::new(plan, scenario), true)
}

/// The figures alone, without the flags (none of which changes a figure): what each draw of a
/// Monte Carlo run needs, and a third quicker.
pub fn evaluate_figures(plan: &Plan, scenario: &Scenario) -> Outcome {
    evaluate_in(&Context::new(plan, scenario), false)
}

/// An outcome, with the memo that lets the next evaluation reuse its work.
#[derive(Debug)]
pub struct Evaluated {
    /// The outcome, the same to the penny as [`evaluate`]'s.
    pub outcome: Outcome,
    /// What the next evaluation may reuse.
    pub memo: Memo,
    /// How much this evaluation reused.
    pub reused: Reused,
}

/// Evaluates a plan under a scenario as [`evaluate`] does, reusing what `memo` kept from an
/// earlier evaluation wherever what it read has not changed (docs/performance.md, "Incremental
/// evaluation"): an edit to one post looks up that post again and works out its role's choice
/// of volunteers again; every other pass runs as in a full evaluation.
pub fn evaluate_after(plan: &Plan, scenario: &Scenario, memo: &Memo) -> Evaluated {
    let compared = memo.compare(plan, scenario);
    let ctx = Context::after(plan, scenario, compared.earlier());
    let reuse = compared.reuse(&ctx.resolved, plan.roles.len());
    let (outcome, worked) = evaluate_reusing(&ctx, true, &reuse);
    Evaluated {
        outcome,
        memo: Memo::keep(plan, scenario, ctx.resolved.clone(), worked.selections),
        reused: Reused {
            lookups: compared.lookups_kept(),
            ..worked.reused
        },
    }
}

/// Evaluates the plan as `ctx` resolves it, with the flags or without.
pub(crate) fn evaluate_in(ctx: &Context, with_flags: bool) -> Outcome {
    evaluate_reusing(ctx, with_flags, &Reuse::none()).0
}

/// What an evaluation worked out that the next may reuse.
struct Worked {
    selections: Vec<Selection>,
    reused: Reused,
}

/// Evaluates the plan as `ctx` resolves it, taking from an earlier evaluation what `reuse`
/// says still stands.
fn evaluate_reusing(ctx: &Context, with_flags: bool, reuse: &Reuse<'_>) -> (Outcome, Worked) {
    let plan = ctx.plan;
    let pools::Built {
        pools,
        fates,
        selections,
        reused: selections_reused,
    } = pools::build_reusing(ctx, reuse);
    let schedule = timeline::schedule(ctx, &pools, &fates);
    let recurring = costing::recurring(ctx, &pools, &fates, &schedule.exits);
    let moved = harmonised(ctx, &pools, &fates);
    let (people, one_offs) = people(
        ctx,
        &pools,
        &fates,
        &schedule.exits,
        &recurring.post_baseline,
        &moved,
    );
    let worked = Worked {
        selections,
        reused: Reused {
            lookups: 0,
            selections: selections_reused,
        },
    };
    let roles = role_outcomes(ctx, &pools, &fates, &recurring, &moved);
    let one_off = one_offs.totals;
    let span = years::span(
        ctx,
        &recurring.starts,
        &one_offs.payments,
        &one_offs.implementation,
    );
    // Each year's savings at the employer NI of the tax year that starts in it: the full-year
    // costing again for each set of rates that differs from the full-year one (none for a plan
    // whose years all fall after the last change stored).
    let rates: Vec<OnCosts> = span
        .iter()
        .map(|y| OnCosts::for_year(&plan.parameters, *y))
        .collect();
    let (other, which) = costings_at_year_rates(ctx, &rates, &pools, &fates, &schedule.exits);
    let at_rates: Vec<&costing::Recurring> = which
        .iter()
        .map(|w| w.map_or(&recurring, |i| &other[i]))
        .collect();
    let year_starts: Vec<&BTreeMap<jiff::civil::Date, i64>> =
        at_rates.iter().map(|r| &r.starts).collect();
    let years = years::by_year(
        ctx,
        &span,
        &year_starts,
        &one_offs.payments,
        &one_offs.implementation,
    );
    let ratios = share_ratios(ctx, &recurring);
    let functions = function_outcomes(ctx, &roles, &recurring, &ratios);
    let baselines: Vec<&[Vec<i64>]> = at_rates
        .iter()
        .map(|r| r.function_council_baseline.as_slice())
        .collect();
    let council_years = years::council_years(
        ctx,
        &years,
        &years::SplitInputs {
            ratios: &ratios,
            baselines: &baselines,
            payments: &one_offs.payments,
        },
    );
    let councils = council_outcomes(
        ctx,
        &schedule,
        &recurring,
        &functions,
        &ratios,
        &one_offs,
        council_years,
    );
    let mut flags = if with_flags {
        flags::flags(ctx, &pools, &roles, &councils, &people, &years)
    } else {
        Vec::new()
    };
    if with_flags {
        flags.extend(reengagement_flag(ctx, recurring.pay_people));
    }

    let mut flows = Flows::default();
    for c in &councils {
        flows.add(&c.flows);
    }
    let wf = recurring.waterfall;
    let saving = wf.baseline - wf.target;
    let one_off_cost = one_off.total();
    let totals = Totals {
        flows,
        target_fte: pools
            .iter()
            .enumerate()
            .filter(|(r, _)| ctx.role_function[*r].is_some())
            .map(|(_, p)| p.t)
            .sum(),
        new_posts: roles.iter().map(|r| r.new_posts).sum(),
        baseline_cost: wf.baseline,
        target_cost: wf.target,
        recurring_saving: saving,
        one_off_cost,
        payback_years: (saving.pence() > 0)
            .then(|| one_off_cost.pence() as f64 / saving.pence() as f64),
        payback_year: years::payback_year(&years),
        double_running_cost: councils.iter().map(|c| c.double_running_cost).sum(),
    };
    let pay_change = pay_change_outcome(ctx, &functions, &recurring);
    let mut o = Outcome {
        scenario: ctx.scenario.clone(),
        consultation_start: ctx.consultation_start,
        go_live: ctx.go_live,
        waves: waves(ctx),
        totals,
        pay_change,
        one_off,
        waterfall: wf,
        councils,
        functions,
        roles,
        years,
        people,
        flags,
        equality: equality::Equality::default(),
        assumptions: ctx.assumptions.clone(),
    };
    // Groups selected unevenly, for the equality impact assessment (kept for the views).
    let age = if with_flags {
        o.equality = equality::of_context(ctx, &o);
        equality::flags(&o.equality)
    } else {
        Vec::new()
    };
    if !age.is_empty() {
        o.flags.extend(age);
        o.flags.sort_by_key(|f| f.kind);
    }
    (o, worked)
}

/// What the pay change saves and whom it reaches, if the plan makes one.
fn pay_change_outcome(
    ctx: &Context,
    functions: &[FunctionOutcome],
    recurring: &costing::Recurring,
) -> Option<PayChangeOutcome> {
    ctx.assumptions.pay_change.as_ref().map(|p| {
        let (cost, fte) = functions
            .iter()
            .enumerate()
            .filter(|(f, _)| ctx.pay_functions[*f])
            .fold((0.0, 0.0), |(c, t), (_, f)| {
                (c + f.baseline_cost.pence() as f64, t + f.flows.current())
            });
        let per_post = if fte > pools::EPS { cost / fte } else { 0.0 };
        PayChangeOutcome {
            saving: Money(recurring.pay_change),
            people: recurring.pay_people,
            posts_saved: if per_post > 0.0 {
                recurring.pay_change as f64 / per_post
            } else {
                0.0
            },
            dismissal_and_reengagement: p.dismissal_and_reengagement,
        }
    })
}

/// The recurring costs again at each set of year rates that differs from the full-year ones, and
/// for each year which of them it takes (`None`: the full-year costing).
fn costings_at_year_rates(
    ctx: &Context,
    rates: &[OnCosts],
    pools: &[Pool],
    fates: &[Fate],
    exits: &[Option<timeline::Exit>],
) -> (Vec<costing::Recurring>, Vec<Option<usize>>) {
    let mut seen: Vec<OnCosts> = Vec::new();
    let mut costings = Vec::new();
    let which = rates
        .iter()
        .map(|r| {
            if *r == ctx.on_costs {
                return None;
            }
            if let Some(i) = seen.iter().position(|o| o == r) {
                return Some(i);
            }
            let at = Context {
                on_costs: *r,
                ..ctx.clone()
            };
            seen.push(*r);
            costings.push(costing::recurring(&at, pools, fates, exits));
            Some(costings.len() - 1)
        })
        .collect();
    (costings, which)
}

/// The flag of a pay change imposed by dismissal and re-engagement on `people`.
fn reengagement_flag(ctx: &Context, people: u32) -> Option<Flag> {
    let imposed = ctx
        .assumptions
        .pay_change
        .as_ref()
        .is_some_and(|p| p.dismissal_and_reengagement);
    (imposed && people > 0).then(|| Flag {
        kind: FlagKind::DismissalReengagement,
        message: format!(
            "The pay change is imposed by dismissal and re-engagement: the {people} people whose pay it changes are proposed for dismissal and count for collective consultation at their council (TULRCA 1992 s.188), and the statutory code of practice on dismissal and re-engagement applies"
        ),
        council: None,
        role: None,
    })
}

/// The waves the functions go live in, with their functions.
fn waves(ctx: &Context) -> Vec<Wave> {
    ctx.waves
        .iter()
        .enumerate()
        .map(|(w, &go_live)| Wave {
            go_live,
            consultation_start: ctx.wave_consultation[w],
            functions: (0..ctx.plan.functions.len())
                .filter(|&f| ctx.function_wave[f] == Some(w))
                .collect(),
        })
        .collect()
}
