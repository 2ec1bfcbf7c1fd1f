//! The outcome by role, function and council: FTE movements, costs, savings and each
//! council's share (docs/rules.md, "The split between councils").

use super::context::Context;
use super::one_offs::OneOffs;
use super::people::Moved;
use super::pools::{EPS, Fate, Pool, post_fte};
use super::{
    CouncilOutcome, CouncilYear, Flows, FunctionOutcome, PayMoves, RoleOutcome, costing, split,
    timeline,
};
use crate::model::{CostShare, Money, SplitMethod};

pub(super) fn role_outcomes(
    ctx: &Context,
    pools: &[Pool],
    fates: &[Fate],
    recurring: &costing::Recurring,
    moved: &[Moved],
) -> Vec<RoleOutcome> {
    let plan = ctx.plan;
    let nc = plan.councils.len();
    let by_council = role_council_flows(ctx, pools, fates);
    // Who gains and who loses when each role's pay is harmonised.
    let mut moves = vec![PayMoves::default(); plan.roles.len()];
    for &Moved {
        role: r,
        today,
        after,
        ..
    } in moved
    {
        let m = &mut moves[r];
        if after > today + 0.5 {
            m.gainers += 1;
            m.gain += Money::from_pence_f64(after - today);
        } else if after + 0.5 < today {
            m.losers += 1;
            m.loss += Money::from_pence_f64(today - after);
        }
    }
    plan.roles
        .iter()
        .enumerate()
        .map(|(r, role)| {
            let pool = &pools[r];
            let mut flows = Flows::default();
            for f in &by_council[r] {
                flows.add(f);
            }
            let councils = (0..nc)
                .filter(|&c| by_council[r][c].current() > EPS)
                .collect();
            RoleOutcome {
                id: role.id.clone(),
                title: role.title.clone(),
                function: ctx.role_function[r].unwrap_or(usize::MAX),
                target_fte: pool.t,
                target_salary: Money(pool.target_salary),
                flows,
                new_posts: pool.new_posts,
                redeployed_in: pool.redeployed_in,
                overlap: pool.h + pool.v - pool.t,
                critical_fte: pool.critical_fte,
                councils,
                baseline_cost: Money(recurring.role_baseline[r]),
                target_cost: Money(recurring.role_target[r]),
                by_council: by_council[r].clone(),
                pay_moves: moves[r],
            }
        })
        .collect()
}

/// Each post's movements, as (role, council, flows).
/// Movements by role and council (`[role][council]`), post by post.
pub(super) fn role_council_flows(ctx: &Context, pools: &[Pool], fates: &[Fate]) -> Vec<Vec<Flows>> {
    let plan = ctx.plan;
    let mut out = vec![vec![Flows::default(); plan.councils.len()]; plan.roles.len()];
    for (i, post) in plan.posts.iter().enumerate() {
        let (Some(r), Some(c)) = (ctx.post_role[i], ctx.post_council[i]) else {
            continue;
        };
        let pool = &pools[r];
        let fte = post_fte(post);
        let mut f = Flows::default();
        let vacant = !post.is_filled();
        if vacant {
            f.vacant = fte;
            f.vacancies_deleted = fte * pool.vacancy_share_deleted;
            f.vacancies_kept = fte - f.vacancies_deleted;
        } else {
            f.filled = fte;
            let fate = fates[i];
            // A bumped volunteer leaves by VR; someone at risk takes the post.
            f.bumped = fte * fate.bumped;
            f.voluntary = fte * fate.voluntary + f.bumped;
            f.redeployed_out = fte * fate.redeployed;
            f.compulsory = fte * fate.compulsory;
            f.kept = (fte - f.voluntary - f.redeployed_out - f.compulsory).max(0.0);
            let remaining = pool.h - pool.voluntary - pool.redeployed_out - pool.compulsory;
            if pool.over_target > EPS && remaining > EPS {
                f.over_target = f.kept * pool.over_target / remaining;
            }
        }
        out[r][c].add(&f);
    }
    out
}

pub(super) fn share_ratios(ctx: &Context, recurring: &costing::Recurring) -> Vec<f64> {
    let plan = ctx.plan;
    let weights: Vec<f64> = match ctx.assumptions.cost_share {
        CostShare::Equal => vec![1.0; plan.councils.len()],
        CostShare::BaselineCost => recurring
            .council_baseline
            .iter()
            .map(|&b| b as f64)
            .collect(),
        CostShare::Fte => {
            let mut fte = vec![0.0; plan.councils.len()];
            for (i, post) in plan.posts.iter().enumerate() {
                if let (Some(c), Some(_)) = (ctx.post_council[i], ctx.post_role[i]) {
                    fte[c] += post_fte(post);
                }
            }
            fte
        }
        CostShare::Weights => plan.councils.iter().map(|c| c.cost_share_weight).collect(),
    };
    split::ratios(&weights)
}

pub(super) fn function_outcomes(
    ctx: &Context,
    roles: &[RoleOutcome],
    recurring: &costing::Recurring,
    ratios: &[f64],
) -> Vec<FunctionOutcome> {
    let plan = ctx.plan;
    let nc = plan.councils.len();
    let mut functions: Vec<FunctionOutcome> = plan
        .functions
        .iter()
        .enumerate()
        .map(|(f, function)| {
            let mut out = FunctionOutcome {
                id: function.id.clone(),
                name: function.name.clone(),
                target_fte: 0.0,
                flows: Flows::default(),
                new_posts: 0.0,
                redeployed_in: 0.0,
                overlap: 0.0,
                baseline_cost: Money::ZERO,
                target_cost: Money::ZERO,
                recurring_saving: Money::ZERO,
                by_council: vec![Flows::default(); nc],
                council_baseline: recurring.function_council_baseline[f]
                    .iter()
                    .map(|&b| Money(b))
                    .collect(),
                council_share: Vec::new(),
                council_saving: Vec::new(),
            };
            for role in roles.iter().filter(|r| r.function == f) {
                out.target_fte += role.target_fte;
                out.flows.add(&role.flows);
                out.new_posts += role.new_posts;
                out.redeployed_in += role.redeployed_in;
                out.overlap += role.overlap;
                out.baseline_cost += role.baseline_cost;
                out.target_cost += role.target_cost;
                for (c, flows) in role.by_council.iter().enumerate() {
                    out.by_council[c].add(flows);
                }
            }
            // Savings and costs besides posts are the function's: its target cost with them.
            out.target_cost -= Money(recurring.line_function[f]);
            out.recurring_saving = out.baseline_cost - out.target_cost;
            out
        })
        .collect();
    split_functions(ctx, &mut functions, recurring, ratios);
    functions
}

/// Each council's exact share of each function's saving under the plan's split (pence, not yet
/// rounded). A line that names a council is that council's alone; the rest is shared. Either the
/// single service's cost is shared, and each council saves what it spends today less its share
/// of that cost, or the saving itself is shared (docs/rules.md, "The split between councils").
pub(super) fn council_saving_shares(
    ctx: &Context,
    index: usize,
    f: &FunctionOutcome,
    recurring: &costing::Recurring,
    ratios: &[f64],
) -> Vec<f64> {
    let own = &recurring.line_function_council[index];
    let own_total: i64 = own.iter().sum();
    let shared_saving = (f.recurring_saving.pence() - own_total) as f64;
    ratios
        .iter()
        .enumerate()
        .map(|(c, r)| {
            let own = own.get(c).copied().unwrap_or(0) as f64;
            match ctx.assumptions.split_method {
                // Today's cost less the share of the service's cost (its target cost less the
                // lines that are one council's): the pooling of today's costs, plus the shared
                // saving, plus the council's own lines.
                SplitMethod::ServiceCost => {
                    let baseline = f.council_baseline.get(c).map_or(0, |b| b.pence()) as f64;
                    baseline - r * f.baseline_cost.pence() as f64 + r * shared_saving + own
                }
                SplitMethod::CostsAndSavings => r * shared_saving + own,
            }
        })
        .collect()
}

/// Splits every function's saving between the councils, rounded once on each council's total
/// (see [`split::round_rows`]), and each council's share of the function's cost with it.
pub(super) fn split_functions(
    ctx: &Context,
    functions: &mut [FunctionOutcome],
    recurring: &costing::Recurring,
    ratios: &[f64],
) {
    let exact: Vec<Vec<f64>> = functions
        .iter()
        .enumerate()
        .map(|(i, f)| council_saving_shares(ctx, i, f, recurring, ratios))
        .collect();
    let totals: Vec<Money> = functions.iter().map(|f| f.recurring_saving).collect();
    for (f, saving) in functions.iter_mut().zip(split::round_rows(&exact, &totals)) {
        f.council_share = f
            .council_baseline
            .iter()
            .zip(&saving)
            .map(|(b, s)| *b - *s)
            .collect();
        f.council_saving = saving;
    }
}

pub(super) fn council_outcomes(
    ctx: &Context,
    schedule: &timeline::Schedule,
    recurring: &costing::Recurring,
    functions: &[FunctionOutcome],
    ratios: &[f64],
    one_offs: &OneOffs,
    years: Vec<Vec<CouncilYear>>,
) -> Vec<CouncilOutcome> {
    let plan = ctx.plan;
    let employee_one_off = &one_offs.employee;
    let mut years = years.into_iter();
    plan.councils
        .iter()
        .enumerate()
        .map(|(c, council)| {
            let mut flows = Flows::default();
            for f in functions {
                flows.add(&f.by_council[c]);
            }
            let cost_share: Money = functions
                .iter()
                .map(|f| f.council_share.get(c).copied().unwrap_or_default())
                .sum();
            let saving: Money = functions
                .iter()
                .map(|f| f.council_saving.get(c).copied().unwrap_or_default())
                .sum();
            let years = years.next().unwrap_or_default();
            CouncilOutcome {
                id: council.id.clone(),
                name: council.name.clone(),
                short_name: council.short_name.clone(),
                flows,
                share_ratio: ratios.get(c).copied().unwrap_or(0.0),
                baseline_cost: Money(recurring.council_baseline[c]),
                salary_cost: Money(recurring.council_salaries[c]),
                cost_share,
                recurring_saving: saving,
                // Its part of every year's one-off costs: the split of the whole, rounded once.
                one_off_cost: years.iter().map(|y| y.one_off_cost).sum(),
                employee_one_off: employee_one_off[c],
                proposed_redundancies: schedule.proposed[c],
                proposed_by_role: schedule.proposed_by_role[c].clone(),
                double_running_cost: Money(recurring.double_running[c]),
                timetable: schedule.timetables[c].clone(),
                waves: schedule.waves[c].clone(),
                years,
            }
        })
        .collect()
}
