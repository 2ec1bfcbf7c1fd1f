//! Everyone affected: each person's exit costs at their exit date, pay protection for those
//! moved to a lower-paid role (harmonisation), as docs/rules.md gives them.

use super::context::Context;
use super::one_offs::{OneOffs, one_offs};
use super::pools::{EPS, Fate, Pool, post_fte};
use super::{ExitCost, ExitKind, PersonFate, PersonOutcome, halves, pools, timeline};
use crate::model::Money;

/// Everyone affected, with their exit costs at their exit date and expected pay protection.
pub(super) fn people(
    ctx: &Context,
    pools: &[Pool],
    fates: &[Fate],
    exits: &[Option<timeline::Exit>],
    baseline: &[i64],
    moved: &[Moved],
) -> (Vec<PersonOutcome>, OneOffs) {
    let protection = ProtectionTable::new(pools);
    // Each person's figures are independent of everyone else's: the two halves of the
    // establishment are worked out apart, with their one-off costs, and joined in order (the
    // one-off costs are whole pence, so adding the halves is exact).
    let ((mut out, mut costs), rest) = halves::in_halves(fates.len(), |range| {
        let people = people_in(ctx, &protection, fates, exits, baseline, range);
        let costs = one_offs(ctx, &people);
        (people, costs)
    });
    if let Some((people, more)) = rest {
        out.extend(people);
        costs.add(more);
    }
    costs.add_implementation(ctx);
    if ctx.assumptions.protect_harmonised_pay {
        costs.add_harmonisation_protection(ctx, moved);
    }
    (out, costs)
}

/// A kept person's pay before and after their role's pay is harmonised, for the share of them
/// that stays.
#[derive(Clone, Copy, Debug)]
pub(super) struct Moved {
    pub(super) council: usize,
    pub(super) role: usize,
    /// Yearly pay today and in the single service, pence.
    pub(super) today: f64,
    pub(super) after: f64,
    /// Their LGPS employer rate (0 for a non-member).
    pub(super) lgps_rate: f64,
}

/// Every kept person's [`Moved`] pay, worked out once per evaluation.
pub(super) fn harmonised(ctx: &Context, pools: &[Pool], fates: &[Fate]) -> Vec<Moved> {
    let plan = ctx.plan;
    let mut out = Vec::new();
    for (i, fate) in fates.iter().enumerate() {
        let post = &plan.posts[i];
        let (Some(c), Some(r), true) = (ctx.post_council[i], ctx.post_role[i], post.is_filled())
        else {
            continue;
        };
        if ctx.role_function[r].is_none() {
            continue;
        }
        let kept = (1.0 - fate.voluntary - fate.redeployed - fate.compulsory).max(0.0)
            * pools::post_fte(post);
        if kept <= EPS {
            continue;
        }
        let lgps_rate = post
            .holder
            .as_ref()
            .map_or(ctx.lgps_rate(c, post.unnamed), |h| {
                ctx.lgps_rate(c, h.lgps_member)
            });
        out.push(Moved {
            council: c,
            role: r,
            today: post.salary.pence().max(0) as f64 * kept,
            after: ctx.target_salary_of(i, r, pools[r].target_salary) as f64 * kept,
            lgps_rate,
        });
    }
    out
}

/// The people affected among the posts in `range`.
pub(super) fn people_in(
    ctx: &Context,
    protection: &ProtectionTable,
    fates: &[Fate],
    exits: &[Option<timeline::Exit>],
    baseline: &[i64],
    range: std::ops::Range<usize>,
) -> Vec<PersonOutcome> {
    let plan = ctx.plan;
    let affected = exits[range.clone()].iter().filter(|e| e.is_some()).count();
    let mut out = Vec::with_capacity(affected);
    let protection_years = ctx.assumptions.protection_factor();
    for i in range {
        let fate = &fates[i];
        let (Some(c), Some(r), Some(exit)) = (ctx.post_council[i], ctx.post_role[i], exits[i])
        else {
            continue;
        };
        let post = &plan.posts[i];
        if !post.is_filled() {
            continue;
        }
        let cost = |kind| {
            let mut cost = ctx.exit_of(i, c, kind, exit.date).unwrap_or_default();
            // The scenario may put the indicative strain higher or lower (the fund's quote
            // stands).
            if cost.strain_estimated && (ctx.strain_factor - 1.0).abs() > 1e-12 {
                cost.pension_strain =
                    Money::from_pence_f64(cost.pension_strain.pence() as f64 * ctx.strain_factor);
            }
            cost
        };
        let annual = Money(baseline[i]);
        let payback = |exit: &ExitCost, share: f64| {
            (annual.pence() > 0 && share > EPS)
                .then(|| exit.total().pence() as f64 / annual.pence() as f64)
        };
        let row = |fate, share, redeployed, exit_cost: ExitCost, pay_protection| PersonOutcome {
            post: i,
            council: c,
            role: r,
            fate,
            share,
            people: ctx.people(i),
            redeployed,
            exit_date: exit.date,
            notice_weeks: exit.notice_weeks,
            payback_years: payback(&exit_cost, share),
            exit: exit_cost,
            pay_protection,
            annual_cost: annual,
        };
        // Someone expected to volunteer in part (a VR take-up) has a row for that share and
        // another for the rest of them that is at risk.
        // Volunteering (in whole or expected in part, or bumped) is paid as VR.
        for (kind, share) in [
            (PersonFate::Voluntary, fate.voluntary),
            (PersonFate::Bumped, fate.bumped),
        ] {
            if share > EPS {
                out.push(row(
                    kind,
                    share,
                    0.0,
                    cost(ExitKind::Voluntary),
                    Money::ZERO,
                ));
            }
        }
        if (fate.voluntary <= EPS && fate.bumped <= EPS)
            || fate.compulsory > EPS
            || fate.redeployed > EPS
        {
            let exit_cost = if fate.compulsory > EPS {
                cost(ExitKind::Compulsory)
            } else {
                ExitCost::default()
            };
            let pay_protection = if fate.redeployed > EPS {
                let pay = post.salary.pence().max(0) as f64 * post_fte(post);
                let drop =
                    protection.expected_loss(post.salary.pence().max(0) as f64) * post_fte(post);
                let member = post.holder.as_ref().map_or(post.unnamed, |h| h.lgps_member);
                let yearly = ctx.protected_cost(pay, drop, ctx.lgps_rate(c, member));
                Money::from_pence_f64(fate.redeployed * yearly * protection_years)
            } else {
                Money::ZERO
            };
            out.push(row(
                PersonFate::AtRisk,
                fate.compulsory,
                fate.redeployed,
                exit_cost,
                pay_protection,
            ));
        }
    }
    out
}

/// The open posts redeployees move into, by target salary, to price expected pay protection:
/// a redeployee is equally likely to take any open FTE, and is protected for the drop in salary.
pub(super) struct ProtectionTable {
    pub(super) salaries: Vec<f64>,
    pub(super) cumulative_weight: Vec<f64>,
    pub(super) cumulative_salary: Vec<f64>,
    pub(super) total: f64,
}

impl ProtectionTable {
    pub(super) fn new(pools: &[Pool]) -> Self {
        // Open posts, and the posts of bumped volunteers that people at risk take.
        let mut open: Vec<(f64, f64)> = pools
            .iter()
            .filter(|p| p.open + p.bumped > EPS)
            .map(|p| (p.target_salary as f64, p.open + p.bumped))
            .collect();
        open.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (mut w, mut s) = (0.0, 0.0);
        let mut table = Self {
            salaries: Vec::new(),
            cumulative_weight: Vec::new(),
            cumulative_salary: Vec::new(),
            total: 0.0,
        };
        for (salary, weight) in open {
            w += weight;
            s += weight * salary;
            table.salaries.push(salary);
            table.cumulative_weight.push(w);
            table.cumulative_salary.push(s);
        }
        table.total = w;
        table
    }

    /// Expected yearly drop in full-time salary for someone paid `salary`.
    pub(super) fn expected_loss(&self, salary: f64) -> f64 {
        if self.total <= EPS {
            return 0.0;
        }
        let below = self.salaries.partition_point(|s| *s < salary);
        if below == 0 {
            return 0.0;
        }
        let (w, s) = (
            self.cumulative_weight[below - 1],
            self.cumulative_salary[below - 1],
        );
        (salary * w - s) / self.total
    }
}
