//! Each role as the programme sees it: its vacancies, the sets of whole volunteers the engine can
//! be made to take, and the rest of its pool at risk, each priced by the engine's own rules.

use super::{Goal, MOST_SETS, TINY, with_targets};
use crate::engine::context::Context;
use crate::engine::outcome::Outcome;
use crate::engine::pools::Pool;
use crate::engine::pools::post_fte;
use crate::model::Plan;
use crate::model::Scenario;

/// One engine-realisable set of whole volunteers in a role: the engine takes volunteers best
/// payback first and passes over one whose FTE no longer fits, so a set is realisable when each
/// volunteer it leaves out, ahead of one it takes, is larger than all it takes after them.
#[derive(Clone, Debug)]
pub(super) struct Choice {
    /// FTE of the volunteers in it.
    pub(super) fte: f64,
    /// Their packages.
    pub(super) cost: f64,
    /// What their going saves a year.
    pub(super) saving: f64,
    /// The rest of the cut beside it: how much before the engine would take another volunteer
    /// instead, and its rates.
    pub(super) rest: Rest,
}

/// The part of a role's cut that falls on the pool at risk (compulsory or redeployed), spread
/// over everyone left in it as a fair selection is.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Rest {
    /// FTE it may reach before another volunteer would fit instead.
    pub(super) cap: f64,
    /// One-off cost per FTE made compulsorily redundant.
    pub(super) cost: f64,
    /// Expected pay protection per FTE redeployed.
    pub(super) protection: f64,
    /// Saving a year per FTE.
    pub(super) saving: f64,
}

/// Each role as the programme sees it.
#[derive(Clone, Debug, Default)]
pub(super) struct Lever {
    /// Today's FTE.
    pub(super) today: f64,
    /// Lowest target allowed (its critical posts, if kept).
    pub(super) floor: f64,
    /// Vacant FTE that can be deleted, and the saving a year of each FTE.
    pub(super) vacant: f64,
    pub(super) vacant_saving: f64,
    /// The realisable sets of whole volunteers (none empty).
    pub(super) choices: Vec<Choice>,
    /// The rest of the cut when no whole volunteer goes.
    pub(super) rest: Rest,
    /// Volunteers expected at a VR take-up (the engine takes them by share, continuously):
    /// their FTE, packages per FTE and saving per FTE.
    pub(super) take_up: f64,
    pub(super) take_up_cost: f64,
    pub(super) take_up_saving: f64,
    /// The share of the people at risk the plan redeploys, as far as open posts allow.
    pub(super) redeployment: f64,
    pub(super) function: usize,
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
pub(super) fn levers(plan: &Plan, from: &Scenario, goal: &Goal) -> (Outcome, Vec<Option<Lever>>) {
    let today: Vec<Option<f64>> = {
        let o = crate::engine::evaluate_figures(plan, from);
        o.roles
            .iter()
            .map(|r| {
                let t = r.flows.current();
                (t > 0.0).then_some(t)
            })
            .collect()
    };
    let keep_scenario = with_targets(from, plan, &today);
    let keep = crate::engine::evaluate_figures(plan, &keep_scenario);
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
    let (pools, _) = crate::engine::pools::build(&ctx);
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
        let target = ctx.post_role[i].map_or(target, |r| {
            ctx.target_salary_of(i, r, pool.target_salary) as f64
        });
        ctx.annual_cost(target * post_fte(&plan.posts[i]), ctx.lgps_rate(c, member)) / 100.0
    };
    let protection_years = ctx.assumptions.protection_factor();
    let vacant: f64 = pool.vacant.iter().map(|&i| post_fte(&plan.posts[i])).sum();
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
            if !post.is_filled() {
                return None;
            }
            let c = ctx.post_council[i]?;
            let (critical, member) = post
                .holder
                .as_ref()
                .map_or((false, post.unnamed), |h| (h.critical, h.lgps_member));
            let package = ctx.exit_of(
                i,
                c,
                crate::engine::rules::ExitKind::Compulsory,
                ctx.post_go_live(i),
            )?;
            // Redeployed, equally likely to take any open FTE, protected for the drop in pay.
            let salary = post.salary.pence().max(0) as f64;
            let (weight, drop) = open.iter().fold((0.0, 0.0), |(w, d), (pay, fte)| {
                (w + fte, d + fte * (salary - pay).max(0.0))
            });
            let loss = if weight > TINY { drop / weight } else { 0.0 };
            let fte = post_fte(post);
            let yearly = ctx.protected_cost(salary * fte, loss * fte, ctx.lgps_rate(c, member));
            Some(Member {
                post: i,
                fte,
                critical,
                compulsory: package.total().as_pounds(),
                protection: yearly * protection_years / 100.0,
                end: end(i, member),
            })
        })
        .collect();
    let by_post: rustc_hash::FxHashMap<usize, usize> = members
        .iter()
        .enumerate()
        .map(|(k, m)| (m.post, k))
        .collect();
    let member = |post: usize| by_post.get(&post).map(|&k| &members[k]);
    let candidates = crate::engine::pools::volunteers(ctx, &pool.filled);
    let whole: Vec<(usize, f64, f64)> = candidates
        .iter()
        .filter(|c| c.offered >= 1.0)
        .map(|c| {
            let fte = post_fte(&plan.posts[c.post]);
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
