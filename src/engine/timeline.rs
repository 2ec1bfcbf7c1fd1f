//! The timetable per council (domain.md section 3, step 9): how many people each council
//! proposes to make redundant, the collective consultation that owes, HR1, when notices can be
//! given, each leaver's exit date, and whether go-live can be met.

use jiff::civil::Date;

use super::context::Context;
use super::dates::{add_days, days_between};
use super::outcome::Timetable;
use super::pools::{EPS, Fate, Pool, clean_fte};
use super::rules::statutory_notice_weeks;

/// When one person leaves (or moves).
#[derive(Clone, Copy, Debug)]
pub struct Exit {
    /// Exit date (for a redeployee, the day they move: go-live).
    pub date: Date,
    /// Notice in weeks, the longer of statutory and contractual (0 for a move).
    pub notice_weeks: u32,
}

/// The timetable of every council and the exit of every affected post.
pub struct Schedule {
    /// By council, every wave together.
    pub timetables: Vec<Timetable>,
    /// By council, each wave it has posts in.
    pub waves: Vec<Vec<Timetable>>,
    /// People proposed for VR or compulsory redundancy, by council.
    pub proposed: Vec<u32>,
    /// The same by role within each council: (role index, people), roles in order, none at 0.
    pub proposed_by_role: Vec<Vec<(usize, u32)>>,
    /// By post: the exit of anyone affected.
    pub exits: Vec<Option<Exit>>,
}

/// Days of collective consultation owed for `proposed` redundancies at one employer.
pub fn consultation_days(ctx: &Context, proposed: u32) -> u32 {
    ctx.plan
        .parameters
        .consultation
        .bands
        .iter()
        .filter(|b| proposed >= b.min_redundancies)
        .map(|b| b.days)
        .max()
        .unwrap_or(0)
}

/// Works out every council's timetable.
///
/// Proposed redundancies count everyone the council proposes to dismiss as redundant (TULRCA 1992
/// s.188), in people, not FTE: each accepted volunteer, plus the people at risk in the posts that
/// go, whether the council hopes to redeploy them or expects to dismiss them compulsorily (Hardy v
/// Tourism South East [2005] IRLR 242: hoped-for redeployment does not reduce the count) and the
/// volunteers expected at a VR take-up (an expected share, as the people at risk are), rounded
/// up to whole people so the consultation owed is never understated. Notices go out when
/// consultation ends; each leaver exits on the later of go-live and the end of their notice.
pub fn schedule(ctx: &Context, pools: &[Pool], fates: &[Fate]) -> Schedule {
    let plan = ctx.plan;
    let n = plan.councils.len();
    // Each council's timetable is worked out for each wave ("slot" = council and wave).
    let nw = ctx.waves.len().max(1);
    let slot = |c: usize, w: usize| c * nw + w;
    let slots = n * nw;
    // Whole people: volunteers, and anyone dismissed and re-engaged on a pay change (each is
    // proposed for dismissal whatever else happens to their post).
    let mut volunteers = vec![0u32; slots];
    let mut at_risk = vec![0.0f64; slots];
    let mut has_posts = vec![false; slots];
    let whole = whole_people(ctx, pools, fates);
    for (i, fate) in fates.iter().enumerate() {
        let (Some(c), Some(_)) = (ctx.post_council[i], ctx.post_role[i]) else {
            continue;
        };
        let s = slot(c, ctx.post_wave(i));
        has_posts[s] = true;
        if whole[i] {
            volunteers[s] += 1;
        } else {
            at_risk[s] += fate.voluntary + fate.compulsory + fate.redeployed + fate.bumped;
        }
    }
    let own: Vec<u32> = (0..slots)
        .map(|s| volunteers[s] + (at_risk[s] - 1e-6).max(0.0).ceil() as u32)
        .collect();
    // A wave's consultation counts its own proposals and those of the council's later waves
    // going live within 90 days of it (s.188(1) counts dismissals within 90 days; s.188(3)
    // leaves out those whose consultation has already begun, the earlier waves').
    let counted: Vec<u32> = (0..slots)
        .map(|s| {
            let (c, w) = (s / nw, s % nw);
            (w..nw)
                .filter(|&v| days_between(ctx.waves[w], ctx.waves[v]) <= 90)
                .map(|v| own[slot(c, v)])
                .sum()
        })
        .collect();
    let proposed: Vec<u32> = (0..n)
        .map(|c| (0..nw).map(|w| own[slot(c, w)]).sum())
        .collect();
    let council_volunteers: Vec<u32> = (0..n)
        .map(|c| (0..nw).map(|w| volunteers[slot(c, w)]).sum())
        .collect();
    let proposed_by_role = by_role(ctx, fates, &whole, &proposed, &council_volunteers);
    let days: Vec<u32> = counted.iter().map(|&p| consultation_days(ctx, p)).collect();
    let notices_from: Vec<Date> = (0..slots)
        .map(|s| add_days(ctx.wave_consultation[s % nw], i64::from(days[s])))
        .collect();

    // The end of each possible notice in each slot, so no person needs date arithmetic.
    let max_notice = 53;
    let notice_ends: Vec<Vec<Date>> = (0..slots)
        .map(|s| {
            (0..max_notice)
                .map(|w| add_days(notices_from[s], 7 * i64::from(w)).max(ctx.waves[s % nw]))
                .collect()
        })
        .collect();
    let mut exits = vec![None; plan.posts.len()];
    let mut longest = vec![0u32; slots];
    let mut first: Vec<Option<Date>> = vec![None; slots];
    let mut last: Vec<Option<Date>> = vec![None; slots];
    let mut after = vec![0.0f64; slots];
    for (i, fate) in fates.iter().enumerate() {
        let (Some(c), Some(_)) = (ctx.post_council[i], ctx.post_role[i]) else {
            continue;
        };
        let Some(holder) = &plan.posts[i].holder else {
            continue;
        };
        let w = ctx.post_wave(i);
        let (s, go_live) = (slot(c, w), ctx.waves[w]);
        let leaves = fate.voluntary + fate.compulsory + fate.bumped;
        if leaves <= EPS {
            if fate.redeployed > EPS {
                exits[i] = Some(Exit {
                    date: go_live,
                    notice_weeks: 0,
                });
            }
            continue;
        }
        let statutory =
            statutory_notice_weeks(&plan.parameters, holder.service_start, notices_from[s]);
        let notice = statutory.max(holder.notice_weeks);
        let date = notice_ends[s]
            .get(notice as usize)
            .copied()
            .unwrap_or_else(|| add_days(notices_from[s], i64::from(notice) * 7).max(go_live));
        // The scenario may have exits slip.
        let date = add_days(date, ctx.exit_slip_days);
        exits[i] = Some(Exit {
            date,
            notice_weeks: notice,
        });
        longest[s] = longest[s].max(notice);
        first[s] = Some(first[s].map_or(date, |d| d.min(date)));
        last[s] = Some(last[s].map_or(date, |d| d.max(date)));
        if date > go_live {
            after[s] += leaves * clean_fte(plan.posts[i].fte);
        }
    }
    let waves: Vec<Vec<Timetable>> = (0..n)
        .map(|c| {
            (0..nw)
                .filter(|&w| {
                    has_posts[slot(c, w)] || (w == 0 && !(0..nw).any(|v| has_posts[slot(c, v)]))
                })
                .map(|w| {
                    let s = slot(c, w);
                    let (start, go_live) = (ctx.wave_consultation[w], ctx.waves[w]);
                    let latest = last[s].map(|_| {
                        add_days(
                            go_live,
                            -i64::from(days[s]) - 7 * i64::from(longest[s]) - ctx.exit_slip_days,
                        )
                    });
                    Timetable {
                        wave: Some(w),
                        go_live,
                        proposed: own[s],
                        consultation_start: start,
                        consultation_days: days[s],
                        hr1_by: start,
                        notices_from: notices_from[s],
                        first_exit: first[s],
                        last_exit: last[s],
                        longest_notice_weeks: longest[s],
                        latest_consultation_start: latest,
                        meets_go_live: latest.is_none_or(|l| start <= l),
                        fte_after_go_live: after[s],
                    }
                })
                .collect()
        })
        .collect();
    let timetables = waves
        .iter()
        .enumerate()
        .map(|(c, waves)| summary(ctx, waves, proposed[c]))
        .collect();
    Schedule {
        timetables,
        waves,
        proposed,
        proposed_by_role,
        exits,
    }
}

/// A council's whole timetable from its waves': the earliest start and notices, the most days
/// owed, the first and last exits, and the latest the programme's consultation could start for
/// every wave still to meet its go-live (each wave's latest start less its lead).
fn summary(ctx: &Context, waves: &[Timetable], proposed: u32) -> Timetable {
    let earliest = |f: fn(&Timetable) -> Date| waves.iter().map(f).min();
    let latest = waves
        .iter()
        .filter_map(|t| {
            t.latest_consultation_start.map(|l| {
                add_days(
                    ctx.consultation_start,
                    days_between(t.consultation_start, l),
                )
            })
        })
        .min();
    Timetable {
        wave: None,
        go_live: waves.iter().map(|t| t.go_live).max().unwrap_or(ctx.go_live),
        proposed,
        consultation_start: earliest(|t| t.consultation_start).unwrap_or(ctx.consultation_start),
        consultation_days: waves.iter().map(|t| t.consultation_days).max().unwrap_or(0),
        hr1_by: earliest(|t| t.hr1_by).unwrap_or(ctx.consultation_start),
        notices_from: earliest(|t| t.notices_from).unwrap_or(ctx.consultation_start),
        first_exit: waves.iter().filter_map(|t| t.first_exit).min(),
        last_exit: waves.iter().filter_map(|t| t.last_exit).max(),
        longest_notice_weeks: waves
            .iter()
            .map(|t| t.longest_notice_weeks)
            .max()
            .unwrap_or(0),
        latest_consultation_start: latest,
        meets_go_live: waves.iter().all(|t| t.meets_go_live),
        fte_after_go_live: waves.iter().map(|t| t.fte_after_go_live).sum(),
    }
}

/// Each council's proposed redundancies by role, adding up to its count: each role's volunteers,
/// and the council's people at risk (rounded up once, as the count is) shared between its roles
/// by the largest-remainder method on their expected shares (the earlier role on a tie).
fn by_role(
    ctx: &Context,
    fates: &[Fate],
    whole: &[bool],
    proposed: &[u32],
    volunteers: &[u32],
) -> Vec<Vec<(usize, u32)>> {
    let n = proposed.len();
    let mut roles: Vec<std::collections::BTreeMap<usize, (u32, f64)>> =
        vec![std::collections::BTreeMap::new(); n];
    for (i, fate) in fates.iter().enumerate() {
        let (Some(c), Some(r)) = (ctx.post_council[i], ctx.post_role[i]) else {
            continue;
        };
        let risk = if whole[i] {
            0.0
        } else {
            fate.voluntary + fate.compulsory + fate.redeployed + fate.bumped
        };
        if !whole[i] && risk <= 0.0 {
            continue;
        }
        let entry = roles[c].entry(r).or_default();
        if whole[i] {
            entry.0 += 1;
        }
        entry.1 += risk;
    }
    roles
        .into_iter()
        .enumerate()
        .map(|(c, by_role)| {
            let at_risk_people = proposed[c] - volunteers[c];
            let shares: Vec<f64> = by_role.values().map(|&(_, risk)| risk).collect();
            let people = whole_shares(at_risk_people, &shares);
            by_role
                .into_iter()
                .zip(people)
                .map(|((role, (vr, _)), risk)| (role, vr + risk))
                .filter(|&(_, count)| count > 0)
                .collect()
        })
        .collect()
}

/// Each post's person counted whole: an accepted volunteer, or someone dismissed and re-engaged
/// on a pay change (a volunteer leaves instead).
pub fn whole_people(ctx: &Context, pools: &[Pool], fates: &[Fate]) -> Vec<bool> {
    fates
        .iter()
        .enumerate()
        .map(|(i, fate)| {
            fate.voluntary + fate.bumped >= 1.0 - EPS
                || ctx.post_role[i].is_some_and(|r| ctx.reengaged(i, pools[r].target_salary))
        })
        .collect()
}

/// `total` whole people shared in proportion to `weights` by the largest-remainder method.
fn whole_shares(total: u32, weights: &[f64]) -> Vec<u32> {
    let sum: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
    if weights.is_empty() || sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights
        .iter()
        .map(|w| {
            if w.is_finite() && *w > 0.0 {
                f64::from(total) * w / sum
            } else {
                0.0
            }
        })
        .collect();
    let mut whole: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let given: u32 = whole.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = exact[a] - exact[a].floor();
        let rb = exact[b] - exact[b].floor();
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().take(total.saturating_sub(given) as usize) {
        whole[i] += 1;
    }
    whole
}

#[cfg(test)]
mod tests {
    use super::whole_shares;

    #[test]
    fn whole_people_add_up_and_go_to_the_largest_remainders() {
        assert_eq!(whole_shares(3, &[1.5, 1.2, 0.3]), [2, 1, 0]);
        assert_eq!(whole_shares(3, &[0.4, 0.4, 0.4]), [1, 1, 1]);
        assert_eq!(whole_shares(0, &[1.0]), [0]);
        assert_eq!(whole_shares(2, &[0.0, 0.0]), [0, 0]);
        assert_eq!(whole_shares(5, &[2.0, 2.0]).iter().sum::<u32>(), 5);
    }
}
