//! The timetable per council (docs/rules.md, "Collective consultation"): how many people each council
//! proposes to make redundant, the collective consultation that owes, HR1, when notices can be
//! given, each leaver's exit date, and whether go-live can be met.

use jiff::civil::Date;

use super::context::Context;
use super::dates::{add_days, days_between, epoch_day, from_epoch_day};
use super::outcome::Timetable;
use super::pools::{EPS, Fate, Pool, post_fte};

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
        // A group's shares are of all its people.
        if whole[i] {
            volunteers[s] += whole_count(ctx, i);
        } else {
            at_risk[s] +=
                (fate.voluntary + fate.compulsory + fate.redeployed + fate.bumped) * ctx.people(i);
        }
    }
    let own: Vec<u32> = (0..slots)
        .map(|s| volunteers[s] + (at_risk[s] - 1e-6).max(0.0).ceil() as u32)
        .collect();
    let proposed: Vec<u32> = (0..n)
        .map(|c| (0..nw).map(|w| own[slot(c, w)]).sum())
        .collect();
    let council_volunteers: Vec<u32> = (0..n)
        .map(|c| (0..nw).map(|w| volunteers[slot(c, w)]).sum())
        .collect();
    let proposed_by_role = by_role(ctx, fates, &whole, &proposed, &council_volunteers);
    let (counted, days) = consultation_owed(ctx, fates, &whole, &own, nw);
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
        if !plan.posts[i].is_filled() {
            continue;
        }
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
        let notice = ctx.notice_weeks(i, c, notices_from[s]).unwrap_or(0);
        let date = notice_ends[s]
            .get(notice as usize)
            .copied()
            .unwrap_or_else(|| add_days(notices_from[s], i64::from(notice) * 7).max(go_live));
        // The scenario may have exits slip (most do not: no date arithmetic then).
        let date = if ctx.exit_slip_days == 0 {
            date
        } else {
            add_days(date, ctx.exit_slip_days)
        };
        exits[i] = Some(Exit {
            date,
            notice_weeks: notice,
        });
        longest[s] = longest[s].max(notice);
        first[s] = Some(first[s].map_or(date, |d| d.min(date)));
        last[s] = Some(last[s].map_or(date, |d| d.max(date)));
        if date > go_live {
            after[s] += leaves * post_fte(&plan.posts[i]);
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
                        counted: counted[s],
                        consultation_start: start,
                        consultation_days: days[s],
                        hr1_by: hr1_due(start, days[s], notices_from[s], first[s]),
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

/// Two dismissals count together when both fall within one period of this many days: the
/// period's first and last days both count, so dismissals 89 days apart fall within one period
/// and dismissals 90 days apart do not (docs/rules.md, "Collective consultation").
pub const CONSULTATION_WINDOW_DAYS: i64 = 90;

/// The people each slot (council and wave) proposes to dismiss, counted within any period of 90
/// days, and the days of consultation that count owes (TULRCA 1992 s.188(1), (1A) and (3)).
///
/// A dismissal takes effect when the person's employment ends: at the end of their notice, which
/// runs from the end of their wave's consultation, and not before its go-live. The days owed move
/// those dates, so the count is made at the dates its own days give: first with each wave's own
/// count (where that holds, as it does when every wave's dismissals are its own), else from no
/// days, raising each slot's count and days until they hold. Counts only rise, so this ends.
fn consultation_owed(
    ctx: &Context,
    fates: &[Fate],
    whole: &[bool],
    own: &[u32],
    nw: usize,
) -> (Vec<u32>, Vec<u32>) {
    let days_for = |counted: &[u32]| -> Vec<u32> {
        counted.iter().map(|&p| consultation_days(ctx, p)).collect()
    };
    let guess = days_for(own);
    // Going live together, with no notice over 12 weeks, a council's dismissals fall within 84
    // days of each other: each period of 90 days that holds one holds them all.
    let longest = ctx
        .plan
        .posts
        .iter()
        .filter_map(|p| p.holder.as_ref())
        .map(|h| h.notice_weeks)
        .max();
    if nw == 1 && longest.unwrap_or(0) <= 12 && ctx.plan.parameters.notice.max_weeks <= 12 {
        return (own.to_vec(), guess);
    }
    let counted = counted_at(ctx, fates, whole, nw, &guess);
    if days_for(&counted) == guess {
        return (counted, guess);
    }
    let mut counted = vec![0u32; own.len()];
    let mut days = vec![0u32; own.len()];
    // Each round either raises some slot's days to a higher band or stops.
    let bands = ctx.plan.parameters.consultation.bands.len();
    for _ in 0..=own.len() * bands {
        let now = counted_at(ctx, fates, whole, nw, &days);
        for (c, n) in counted.iter_mut().zip(now) {
            *c = (*c).max(n);
        }
        let next = days_for(&counted);
        if next == days {
            break;
        }
        days = next;
    }
    (counted, days)
}

/// Each slot's count of people proposed for dismissal within any period of 90 days that holds
/// one of its own dismissals, when each slot owes `days` of consultation. Dismissals of the
/// council's earlier waves are left out: their consultation has already begun (s.188(3)).
fn counted_at(ctx: &Context, fates: &[Fate], whole: &[bool], nw: usize, days: &[u32]) -> Vec<u32> {
    let plan = ctx.plan;
    let notices_from: Vec<i64> = (0..days.len())
        .map(|s| epoch_day(ctx.wave_consultation[s % nw]) + i64::from(days[s]))
        .collect();
    // Whole people and expected shares of people, by slot and the day their dismissal takes
    // effect.
    let mut dated: std::collections::BTreeMap<(usize, i64), (u32, f64)> =
        std::collections::BTreeMap::new();
    for (i, fate) in fates.iter().enumerate() {
        let (Some(c), Some(_), true) = (
            ctx.post_council[i],
            ctx.post_role[i],
            plan.posts[i].is_filled(),
        ) else {
            continue;
        };
        let share = fate.voluntary + fate.compulsory + fate.redeployed + fate.bumped;
        if !whole[i] && share <= EPS {
            continue;
        }
        let w = ctx.post_wave(i);
        let s = c * nw + w;
        let from = from_epoch_day(notices_from[s]);
        let notice = ctx.notice_weeks(i, c, from).unwrap_or(0);
        let day = (notices_from[s] + 7 * i64::from(notice)).max(epoch_day(ctx.waves[w]))
            + ctx.exit_slip_days;
        let entry = dated.entry((s, day)).or_default();
        if whole[i] {
            entry.0 += whole_count(ctx, i);
        } else {
            entry.1 += share * ctx.people(i);
        }
    }
    let mut counted = vec![0u32; days.len()];
    for (s, count) in counted.iter_mut().enumerate() {
        let (c, w) = (s / nw, s % nw);
        // The dismissals that count beside this slot's: the council's, from this wave on.
        let beside: Vec<(i64, u32, f64)> = dated
            .range((c * nw + w, i64::MIN)..=(c * nw + nw - 1, i64::MAX))
            .map(|(&(_, day), &(people, share))| (day, people, share))
            .collect();
        let own: Vec<i64> = dated
            .range((s, i64::MIN)..=(s, i64::MAX))
            .map(|(&(_, day), _)| day)
            .collect();
        // The most in a period holding one of this slot's dismissals: such a period starts on a
        // dismissal's day, or as late as lets it end on one of this slot's.
        let starts = beside
            .iter()
            .map(|b| b.0)
            .chain(own.iter().map(|d| d - (CONSULTATION_WINDOW_DAYS - 1)));
        for start in starts {
            let end = start + CONSULTATION_WINDOW_DAYS - 1;
            if !own.iter().any(|d| (start..=end).contains(d)) {
                continue;
            }
            let (people, share) = beside
                .iter()
                .filter(|b| (start..=end).contains(&b.0))
                .fold((0u32, 0.0f64), |(p, x), b| (p + b.1, x + b.2));
            *count = (*count).max(people + (share - 1e-6).max(0.0).ceil() as u32);
        }
    }
    counted
}

/// The day form HR1 must reach the Secretary of State by (TULRCA 1992 s.193(1) and (2)): before
/// any notice is given, and at least the days of consultation owed before the first dismissal
/// takes effect. Where no consultation is owed, or nobody is dismissed, the day consultation
/// starts.
fn hr1_due(start: Date, days: u32, notices_from: Date, first_exit: Option<Date>) -> Date {
    match first_exit {
        Some(first) if days > 0 => add_days(first, -i64::from(days))
            .min(add_days(notices_from, -1))
            .max(start),
        _ => start,
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
        counted: waves.iter().map(|t| t.counted).max().unwrap_or(0),
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
            (fate.voluntary + fate.compulsory + fate.redeployed + fate.bumped) * ctx.people(i)
        };
        if !whole[i] && risk <= 0.0 {
            continue;
        }
        let entry = roles[c].entry(r).or_default();
        if whole[i] {
            entry.0 += whole_count(ctx, i);
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
                || ctx.post_role[i].is_some_and(|r| {
                    ctx.reengaged(i, ctx.target_salary_of(i, r, pools[r].target_salary))
                })
        })
        .collect()
}

/// The people a post proposed for dismissal whole counts: one, or a group's people rounded up.
fn whole_count(ctx: &Context, i: usize) -> u32 {
    (ctx.people(i) - 1e-6).max(0.0).ceil().max(1.0) as u32
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
