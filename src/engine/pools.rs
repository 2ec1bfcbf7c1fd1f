//! Redundancy pools: per role, which vacancies go, who volunteers, who is redeployed and how
//! much compulsory redundancy remains (docs/rules.md).

use std::cmp::Ordering;

use super::context::Context;
use super::memo::{Reuse, Selection};
use super::rules::Person;
use crate::model::{Post, TargetPay};

/// FTE below which an amount counts as nothing (real-number noise).
pub const EPS: f64 = 1e-9;

/// One role's pool and what happens to it.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    /// Filled posts mapped to the role (indices into the establishment).
    pub filled: Vec<usize>,
    /// Vacant posts mapped to the role.
    pub vacant: Vec<usize>,
    /// Filled FTE (H).
    pub h: f64,
    /// Vacant FTE (V).
    pub v: f64,
    /// Target FTE (T).
    pub t: f64,
    /// Vacant FTE deleted.
    pub vacancies_deleted: f64,
    /// Share of each vacancy deleted (`vacancies_deleted / v`).
    pub vacancy_share_deleted: f64,
    /// FTE at risk after vacancies are deleted.
    pub at_risk: f64,
    /// VR FTE accepted.
    pub voluntary: f64,
    /// FTE redeployed out.
    pub redeployed_out: f64,
    /// FTE of compulsory redundancy.
    pub compulsory: f64,
    /// FTE left above target because compulsory redundancy is not allowed.
    pub over_target: f64,
    /// New posts (G).
    pub new_posts: f64,
    /// Open FTE for redeployees: vacancies kept plus new posts.
    pub open: f64,
    /// FTE redeployed in.
    pub redeployed_in: f64,
    /// Of `redeployed_out`, FTE moving into the posts of volunteers bumped from roles not at
    /// risk.
    pub bumped_out: f64,
    /// FTE of this role's volunteers who go so that someone at risk takes their post.
    pub bumped: f64,
    /// Target full-time salary in pence.
    pub target_salary: i64,
    /// Critical FTE in the pool.
    pub critical_fte: f64,
}

/// Per post: what happens to the postholder.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fate {
    /// Share of the person accepted for VR: 1 for a volunteer who said they are interested, the
    /// expected take-up for someone who did not (or less, where the pool's need runs out).
    pub voluntary: f64,
    /// Share of the person redeployed (expected).
    pub redeployed: f64,
    /// Share of the person made compulsorily redundant (expected).
    pub compulsory: f64,
    /// Share of the person who volunteers from a role not at risk so that someone at risk takes
    /// their post (bumped redundancy).
    pub bumped: f64,
}

/// The person a filled post holds, as the rules see them.
pub fn person(post: &Post) -> Option<Person> {
    let h = post.holder.as_ref()?;
    Some(Person {
        dob: h.date_of_birth,
        service_start: h.service_start,
        annual_pay: post.salary.at_least_zero().scale(post_fte(post)),
        lgps_member: h.lgps_member,
        strain_quote: h.strain_quote.map(crate::model::Money::at_least_zero),
    })
}

/// A post's FTE as the engine counts it: a single post's clamped to 0..=1, a group's to
/// 0..=100,000 (as validation allows); zero if not a number.
pub fn post_fte(post: &Post) -> f64 {
    if post.group.is_some() {
        if post.fte.is_finite() {
            post.fte.clamp(0.0, 100_000.0)
        } else {
            0.0
        }
    } else {
        clean_fte(post.fte)
    }
}

/// An FTE clamped to 0..=1, zero if not a number.
pub fn clean_fte(fte: f64) -> f64 {
    if fte.is_finite() {
        fte.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Builds every role's pool and decides each postholder's fate.
pub fn build(ctx: &Context) -> (Vec<Pool>, Vec<Fate>) {
    let built = build_reusing(ctx, &Reuse::none());
    (built.pools, built.fates)
}

/// Every role's pool and each postholder's fate, with each role's choice of volunteers.
pub(crate) struct Built {
    pub pools: Vec<Pool>,
    pub fates: Vec<Fate>,
    /// Each role's choice of volunteers, when the evaluation keeps its results.
    pub selections: Vec<Selection>,
    /// How many roles' choices were the kept ones.
    pub reused: usize,
}

/// Builds every role's pool and decides each postholder's fate, taking a role's choice of
/// volunteers from an earlier evaluation where `reuse` says it stands.
pub(crate) fn build_reusing(ctx: &Context, reuse: &Reuse<'_>) -> Built {
    let plan = ctx.plan;
    let mut pools: Vec<Pool> = vec![Pool::default(); plan.roles.len()];
    for (i, post) in plan.posts.iter().enumerate() {
        let Some(r) = ctx.post_role[i] else { continue };
        let pool = &mut pools[r];
        let fte = post_fte(post);
        if post.is_filled() {
            pool.filled.push(i);
            pool.h += fte;
            if post.holder.as_ref().is_some_and(|h| h.critical) {
                pool.critical_fte += fte;
            }
        } else {
            pool.vacant.push(i);
            pool.v += fte;
        }
    }
    for (r, pool) in pools.iter_mut().enumerate() {
        pool.t = ctx.targets[r];
        pool.target_salary = target_salary(ctx, r, pool);
        let reduction = (pool.h + pool.v - pool.t).max(0.0);
        pool.new_posts = (pool.t - pool.h - pool.v).max(0.0);
        pool.vacancies_deleted = pool.v.min(reduction);
        pool.vacancy_share_deleted = if pool.v > EPS {
            pool.vacancies_deleted / pool.v
        } else {
            0.0
        };
        pool.at_risk = (reduction - pool.vacancies_deleted).max(0.0);
        pool.open = (pool.v - pool.vacancies_deleted) + pool.new_posts;
    }
    let mut fates = vec![Fate::default(); plan.posts.len()];
    // Each pool chooses its volunteers on its own: the pools are split into two halves of about
    // equal size, decided apart and applied in order.
    let total: usize = pools.iter().map(|p| p.filled.len()).sum();
    let mut running = 0;
    let split = pools
        .iter()
        .position(|p| {
            running += p.filled.len();
            running * 2 >= total
        })
        .map_or(pools.len(), |r| r + 1);
    let decide = |range: std::ops::Range<usize>| {
        let start = range.start;
        pools[range]
            .iter()
            .enumerate()
            .map(|(k, pool)| match reuse.selection(start + k) {
                Some(kept) => (kept.clone(), true),
                None => (select_volunteers(ctx, pool), false),
            })
            .collect::<Vec<_>>()
    };
    let (mut decisions, rest) =
        super::halves::in_halves_at(plan.posts.len(), split, pools.len(), decide);
    decisions.extend(rest.into_iter().flatten());
    let mut selections = Vec::with_capacity(if reuse.keep { pools.len() } else { 0 });
    let mut reused = 0;
    for (pool, ((voluntary, accepted), kept)) in pools.iter_mut().zip(decisions) {
        pool.voluntary = voluntary;
        for &(i, share) in &accepted {
            fates[i].voluntary = share;
        }
        reused += usize::from(kept);
        if reuse.keep {
            selections.push((voluntary, accepted));
        }
    }
    redeploy_and_select(ctx, &mut pools, &mut fates);
    Built {
        pools,
        fates,
        selections,
        reused,
    }
}

fn target_salary(ctx: &Context, role: usize, pool: &Pool) -> i64 {
    let posts = &ctx.plan.posts;
    let salaries = pool
        .filled
        .iter()
        .chain(&pool.vacant)
        .map(|&i| (posts[i].salary.pence().max(0), post_fte(&posts[i])));
    match ctx.target_pay[role] {
        TargetPay::Salary(s) => s.pence().max(0),
        TargetPay::HarmoniseHighest => salaries.map(|(s, _)| s).max().unwrap_or(0),
        TargetPay::HarmoniseLowest => salaries.map(|(s, _)| s).min().unwrap_or(0),
        // Posts keep their own pay; open and new posts are priced at the average.
        TargetPay::HarmoniseAverage | TargetPay::Today => {
            let (sum, fte) = salaries.fold((0.0, 0.0), |(a, f), (s, w)| (a + s as f64 * w, f + w));
            if fte > EPS {
                (sum / fte).round() as i64
            } else {
                0
            }
        }
    }
}

/// Step 3: accept eligible volunteers, best payback first, up to the at-risk FTE and never taking
/// the role below its target. Eligibility and payback are judged on exit at go-live.
///
/// Someone who said they are interested volunteers whole (and is passed over when their FTE no
/// longer fits). Where the scenario assumes a VR take-up, each eligible person who did not say is
/// expected to volunteer at that share, and the last such share taken is cut to what the pool
/// still needs, as the expected number of volunteers is.
/// Returns the VR FTE accepted and each accepted post with its share.
fn select_volunteers(ctx: &Context, pool: &Pool) -> Selection {
    let mut accepted = Vec::new();
    if pool.at_risk <= EPS {
        return (0.0, accepted);
    }
    let plan = ctx.plan;
    let candidates = volunteers(ctx, &pool.filled);
    let mut voluntary = 0.0;
    for Candidate {
        post: i, offered, ..
    } in candidates
    {
        let fte = post_fte(&plan.posts[i]);
        if fte <= EPS {
            continue;
        }
        let share = if offered >= 1.0 {
            if voluntary + fte > pool.at_risk + EPS {
                continue;
            }
            1.0
        } else {
            offered.min((pool.at_risk - voluntary) / fte)
        };
        if share <= EPS {
            continue;
        }
        voluntary += share * fte;
        accepted.push((i, share));
    }
    (voluntary.min(pool.at_risk), accepted)
}

/// An eligible volunteer, as the pools consider them.
#[derive(Clone, Copy, Debug)]
pub struct Candidate {
    /// Payback in years of their package against their post's cost a year.
    pub payback: f64,
    /// The post's index in the plan.
    pub post: usize,
    /// The share offered: 1 for someone who said they are interested, the VR take-up otherwise.
    pub offered: f64,
    /// Their VR package on exit at their wave's go-live (pay, strain, Class 1A NI).
    pub cost: crate::model::Money,
}

/// The eligible volunteers among `posts`, best payback first (the post's id on a tie).
/// Eligibility (not critical, the council's minimum service) and payback are judged on exit at
/// the go-live of the post's wave.
pub fn volunteers(ctx: &Context, posts: &[usize]) -> Vec<Candidate> {
    let plan = ctx.plan;
    let mut candidates: Vec<Candidate> = Vec::new();
    for &i in posts {
        let post = &plan.posts[i];
        let Some(c) = ctx.post_council[i] else {
            continue;
        };
        if ctx.unnamed(i) {
            // Unnamed holders: those of the profile who may be offered VR, at the take-up.
            let take_up = ctx.assumptions.vr_take_up;
            if take_up <= EPS {
                continue;
            }
            let cells = &ctx.profiles[c];
            let weights = ctx.profile_weights(i, c);
            let people = cells.people(post);
            let (mut eligible, mut cost, mut annual) = (0.0, 0.0, 0.0);
            for (k, cell) in cells.cells.iter().enumerate() {
                let person = cells.person(cell, post, people);
                if let Some((package, _)) = ctx.vr_offer(i, c, &person) {
                    eligible += weights[k];
                    cost += weights[k] * package.total().pence() as f64;
                    annual += weights[k]
                        * ctx.annual_cost(
                            person.annual_pay.pence() as f64,
                            ctx.lgps_rate(c, person.lgps_member),
                        );
                }
            }
            if eligible <= EPS {
                continue;
            }
            candidates.push(Candidate {
                payback: if annual > 0.0 {
                    cost / annual
                } else {
                    f64::INFINITY
                },
                post: i,
                offered: take_up * eligible,
                cost: crate::model::Money::from_pence_f64(cost / eligible * people),
            });
            continue;
        }
        let (Some(h), Some(p)) = (&post.holder, person(post)) else {
            continue;
        };
        let offered = if h.vr_interest {
            1.0
        } else {
            ctx.assumptions.vr_take_up
        };
        if offered <= EPS || h.critical {
            continue;
        }
        let Some((cost, payback)) = ctx.vr_offer(i, c, &p) else {
            continue;
        };
        candidates.push(Candidate {
            payback,
            post: i,
            offered,
            cost: cost.total(),
        });
    }
    candidates.sort_by(|a, b| {
        a.payback
            .partial_cmp(&b.payback)
            .unwrap_or(Ordering::Equal)
            .then_with(|| plan.posts[a.post].id.cmp(&plan.posts[b.post].id))
    });
    candidates
}

/// Bumped redundancy (when the scenario allows it): in each function, volunteers from roles not
/// at risk go, best payback first, so that people still at risk there (to be dismissed
/// compulsorily, or left above target when that is not allowed) take their posts. The people
/// at risk move as redeployees do, the bumped volunteers' posts stay filled, and the roles'
/// remainders shrink in proportion.
fn bump(ctx: &Context, pools: &mut [Pool], fates: &mut [Fate]) {
    let plan = ctx.plan;
    for f in 0..plan.functions.len() {
        let in_function = |r: usize| ctx.role_function[r] == Some(f);
        let rest = |p: &Pool| p.compulsory + p.over_target;
        let need: f64 = (0..pools.len())
            .filter(|&r| in_function(r))
            .map(|r| rest(&pools[r]))
            .sum();
        if need <= EPS {
            continue;
        }
        let posts: Vec<usize> = (0..pools.len())
            .filter(|&r| in_function(r) && pools[r].at_risk <= EPS)
            .flat_map(|r| pools[r].filled.iter().copied())
            .collect();
        let mut taken = 0.0;
        for Candidate {
            post: i, offered, ..
        } in volunteers(ctx, &posts)
        {
            let fte = post_fte(&plan.posts[i]);
            let share = offered.min((need - taken) / fte.max(EPS));
            if fte <= EPS || share <= EPS {
                continue;
            }
            taken += share * fte;
            fates[i].bumped = share;
            if let Some(r) = ctx.post_role[i] {
                pools[r].bumped += share * fte;
            }
            if taken >= need - EPS {
                break;
            }
        }
        let moved = taken.min(need) / need;
        for r in (0..pools.len()).filter(|&r| in_function(r)) {
            let pool = &mut pools[r];
            let out = rest(pool) * moved;
            if out <= EPS {
                continue;
            }
            pool.bumped_out = out;
            pool.redeployed_out += out;
            pool.compulsory *= 1.0 - moved;
            pool.over_target *= 1.0 - moved;
        }
    }
}

/// Steps 4 and 5: redeploy the planned share of those still at risk into open posts (as far as
/// open posts allow), make the rest compulsorily redundant (or leave them above target when
/// compulsory redundancy is off), and spread both over the pool as a fair selection would:
/// everyone not critical is equally likely to be selected; critical posts only when needed.
fn redeploy_and_select(ctx: &Context, pools: &mut [Pool], fates: &mut [Fate]) {
    let demand: f64 = pools
        .iter()
        .map(|p| ctx.assumptions.redeployment_rate * (p.at_risk - p.voluntary).max(0.0))
        .sum();
    let capacity: f64 = pools.iter().map(|p| p.open).sum();
    let redeployed = demand.min(capacity);
    let scale = if demand > EPS {
        redeployed / demand
    } else {
        0.0
    };
    for pool in pools.iter_mut() {
        let remaining = (pool.at_risk - pool.voluntary).max(0.0);
        pool.redeployed_out = ctx.assumptions.redeployment_rate * remaining * scale;
        let rest = (remaining - pool.redeployed_out).max(0.0);
        if ctx.assumptions.compulsory_allowed {
            pool.compulsory = rest;
        } else {
            pool.over_target = rest;
        }
        pool.redeployed_in = if capacity > EPS {
            redeployed * pool.open / capacity
        } else {
            0.0
        };
    }
    if ctx.assumptions.bumping {
        bump(ctx, pools, fates);
    }
    for pool in pools.iter() {
        let need = pool.redeployed_out + pool.compulsory;
        if need <= EPS {
            continue;
        }
        let posts = &ctx.plan.posts;
        let is_critical = |i: usize| posts[i].holder.as_ref().is_some_and(|h| h.critical);
        // Each person is selected for what is left of them after any expected VR.
        let left = |i: usize| (1.0 - fates[i].voluntary).max(0.0) * post_fte(&posts[i]);
        let (mut open_fte, mut critical_fte) = (0.0, 0.0);
        for &i in &pool.filled {
            if is_critical(i) {
                critical_fte += left(i);
            } else {
                open_fte += left(i);
            }
        }
        let (p_open, p_critical) = if need <= open_fte + EPS {
            (
                if open_fte > EPS {
                    (need / open_fte).min(1.0)
                } else {
                    0.0
                },
                0.0,
            )
        } else {
            (
                1.0,
                if critical_fte > EPS {
                    ((need - open_fte) / critical_fte).min(1.0)
                } else {
                    0.0
                },
            )
        };
        let members: Vec<usize> = pool
            .filled
            .iter()
            .copied()
            .filter(|&i| fates[i].voluntary < 1.0 - EPS)
            .collect();
        for i in members {
            let p = if is_critical(i) { p_critical } else { p_open };
            let p = p * (1.0 - fates[i].voluntary).max(0.0);
            fates[i].redeployed = p * pool.redeployed_out / need;
            fates[i].compulsory = p * pool.compulsory / need;
        }
    }
}
