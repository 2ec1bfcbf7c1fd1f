//! The timetable per council (domain.md section 3, step 9): how many people each council
//! proposes to make redundant, the collective consultation that owes, HR1, when notices can be
//! given, each leaver's exit date, and whether go-live can be met.

use jiff::civil::Date;

use super::context::Context;
use super::dates::add_days;
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
    /// By council.
    pub timetables: Vec<Timetable>,
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
    // Whole people: volunteers, and anyone dismissed and re-engaged on a pay change (each is
    // proposed for dismissal whatever else happens to their post).
    let mut volunteers = vec![0u32; n];
    let mut at_risk = vec![0.0f64; n];
    let whole = whole_people(ctx, pools, fates);
    for (i, fate) in fates.iter().enumerate() {
        let Some(c) = ctx.post_council[i] else {
            continue;
        };
        if ctx.post_role[i].is_none() {
            continue;
        }
        if whole[i] {
            volunteers[c] += 1;
        } else {
            at_risk[c] += fate.voluntary + fate.compulsory + fate.redeployed;
        }
    }
    let proposed: Vec<u32> = (0..n)
        .map(|c| volunteers[c] + (at_risk[c] - 1e-6).max(0.0).ceil() as u32)
        .collect();
    let proposed_by_role = by_role(ctx, fates, &whole, &proposed, &volunteers);
    let days: Vec<u32> = proposed
        .iter()
        .map(|&p| consultation_days(ctx, p))
        .collect();
    let notices_from: Vec<Date> = days
        .iter()
        .map(|&d| add_days(ctx.consultation_start, i64::from(d)))
        .collect();

    // The end of each possible notice at each council, so no person needs date arithmetic.
    let max_notice = 53;
    let notice_ends: Vec<Vec<Date>> = notices_from
        .iter()
        .map(|&from| {
            (0..max_notice)
                .map(|w| add_days(from, 7 * i64::from(w)).max(ctx.go_live))
                .collect()
        })
        .collect();
    let mut exits = vec![None; plan.posts.len()];
    let mut longest = vec![0u32; n];
    let mut first: Vec<Option<Date>> = vec![None; n];
    let mut last: Vec<Option<Date>> = vec![None; n];
    let mut after = vec![0.0f64; n];
    for (i, fate) in fates.iter().enumerate() {
        let (Some(c), Some(_)) = (ctx.post_council[i], ctx.post_role[i]) else {
            continue;
        };
        let Some(holder) = &plan.posts[i].holder else {
            continue;
        };
        let leaves = fate.voluntary + fate.compulsory;
        if leaves <= EPS {
            if fate.redeployed > EPS {
                exits[i] = Some(Exit {
                    date: ctx.go_live,
                    notice_weeks: 0,
                });
            }
            continue;
        }
        let statutory =
            statutory_notice_weeks(&plan.parameters, holder.service_start, notices_from[c]);
        let notice = statutory.max(holder.notice_weeks);
        let date = notice_ends[c]
            .get(notice as usize)
            .copied()
            .unwrap_or_else(|| add_days(notices_from[c], i64::from(notice) * 7).max(ctx.go_live));
        exits[i] = Some(Exit {
            date,
            notice_weeks: notice,
        });
        longest[c] = longest[c].max(notice);
        first[c] = Some(first[c].map_or(date, |d| d.min(date)));
        last[c] = Some(last[c].map_or(date, |d| d.max(date)));
        if date > ctx.go_live {
            after[c] += leaves * clean_fte(plan.posts[i].fte);
        }
    }
    let timetables = (0..n)
        .map(|c| {
            let latest = last[c]
                .map(|_| add_days(ctx.go_live, -i64::from(days[c]) - 7 * i64::from(longest[c])));
            Timetable {
                consultation_start: ctx.consultation_start,
                consultation_days: days[c],
                hr1_by: ctx.consultation_start,
                notices_from: notices_from[c],
                first_exit: first[c],
                last_exit: last[c],
                longest_notice_weeks: longest[c],
                latest_consultation_start: latest,
                meets_go_live: latest.is_none_or(|l| ctx.consultation_start <= l),
                fte_after_go_live: after[c],
            }
        })
        .collect();
    Schedule {
        timetables,
        proposed,
        proposed_by_role,
        exits,
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
            fate.voluntary + fate.compulsory + fate.redeployed
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
            fate.voluntary >= 1.0 - EPS
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
