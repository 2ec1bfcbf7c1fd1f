//! Flags (docs/rules.md, flags): what the directors must see before they sign.

use std::collections::BTreeMap;

use super::context::Context;
use super::outcome::{
    CouncilOutcome, Flag, FlagKind, PersonFate, PersonOutcome, RoleOutcome, YearOutcome,
};
use super::pools::{EPS, Pool};
use super::rules::{first_full_year, last_cap_known, tax_year_start};
use crate::format::fte;
use crate::model::Money;

/// Every flag for an outcome.
pub fn flags(
    ctx: &Context,
    pools: &[Pool],
    roles: &[RoleOutcome],
    councils: &[CouncilOutcome],
    people: &[PersonOutcome],
    years: &[YearOutcome],
) -> Vec<Flag> {
    let mut out = Vec::new();
    timetable_flags(ctx, councils, &mut out);
    package_flags(ctx, people, &mut out);
    bumped_flags(ctx, people, &mut out);
    role_flags(ctx, pools, roles, &mut out);
    let estimated: Vec<&PersonOutcome> = people
        .iter()
        .filter(|p| p.exit.strain_estimated && p.exit.pension_strain.pence() > 0)
        .collect();
    if !estimated.is_empty() {
        let total: Money = estimated
            .iter()
            .map(|p| p.exit.pension_strain.scale(p.share))
            .sum();
        out.push(Flag {
            kind: FlagKind::IndicativeStrain,
            message: format!(
                "Pension strain for {} people ({}) is an indicative estimate, not the fund's quote: ask the fund to quote",
                distinct_people(&estimated),
                total.compact()
            ),
            council: None,
            role: None,
        });
    }
    strain_rule_flags(ctx, people, &mut out);
    profile_flags(ctx, people, &mut out);
    assumed_figure_flags(ctx, people, years, &mut out);
    out.sort_by_key(|f| f.kind);
    out
}

/// Each council whose establishment has posts held by people the plan does not name: their exit
/// costs are expected values over its workforce profile (docs/rules.md, "Workforce profile").
fn profile_flags(ctx: &Context, people: &[PersonOutcome], out: &mut Vec<Flag>) {
    let plan = ctx.plan;
    if !ctx.has_unnamed {
        return;
    }
    let mut by_council = vec![(0usize, 0.0); plan.councils.len()];
    for (i, post) in plan.posts.iter().enumerate() {
        if let Some(c) = ctx.post_council[i]
            && ctx.unnamed(i)
        {
            by_council[c].0 += 1;
            by_council[c].1 += super::pools::post_fte(post);
        }
    }
    for (c, council) in plan.councils.iter().enumerate() {
        let (posts, fte) = by_council[c];
        if posts == 0 {
            continue;
        }
        let cost: Money = people
            .iter()
            .filter(|p| p.council == c && ctx.unnamed(p.post))
            .map(|p| p.exit.total().scale(p.share))
            .sum();
        let source = council.workforce.source.trim();
        out.push(Flag {
            kind: FlagKind::AssumedWorkforceProfile,
            message: format!(
                "{}: {} ({} FTE) held by people the plan does not name: their exit costs ({}) are indicative, expected over the council's workforce profile. Import the named establishment when it is shared.{}",
                council.name,
                crate::format::plural(posts, "post"),
                crate::format::fte(fte),
                cost.compact(),
                if source.is_empty() {
                    String::new()
                } else {
                    format!(" Profile: {source}")
                }
            ),
            council: Some(c),
            role: None,
        });
    }
}

/// How many people `rows` are about: someone expected to volunteer in part has two rows, one
/// after the other; a group of posts' row counts its people (rounded to whole people in all).
fn distinct_people(rows: &[&PersonOutcome]) -> usize {
    let people: f64 = rows
        .iter()
        .enumerate()
        .filter(|&(n, p)| n == 0 || rows[n - 1].post != p.post)
        .map(|(_, p)| p.people)
        .sum();
    people.round() as usize
}

/// Strain that rests on the protected pension age while it is unconfirmed (once per plan), and
/// each fund quote the rules leave unused (per person): a quote is never dropped silently.
fn strain_rule_flags(ctx: &Context, people: &[PersonOutcome], out: &mut Vec<Flag>) {
    let protection = &ctx.plan.parameters.lgps.protected_age;
    let protected: Vec<&PersonOutcome> =
        people.iter().filter(|p| p.exit.strain_protected).collect();
    if !protected.is_empty() && !protection.confirmed {
        let total: Money = protected
            .iter()
            .map(|p| p.exit.pension_strain.scale(p.share))
            .sum();
        out.push(Flag {
            kind: FlagKind::ProtectedPensionAge,
            message: format!(
                "{} people under the minimum pension age at exit keep {} as members since before {} ({} of strain): this protection is not yet confirmed for the LGPS; turn it off in the statutory parameters to see the plan without it",
                distinct_people(&protected),
                protection.age,
                protection.joined_before,
                total.compact()
            ),
            council: None,
            role: None,
        });
    }
    let unused: Vec<&PersonOutcome> = people.iter().filter(|p| p.exit.quote_unused).collect();
    for (n, p) in unused.iter().enumerate() {
        if n > 0 && unused[n - 1].post == p.post {
            continue;
        }
        let post = &ctx.plan.posts[p.post];
        let quote = post
            .holder
            .as_ref()
            .and_then(|h| h.strain_quote)
            .unwrap_or_default();
        out.push(Flag {
            kind: FlagKind::UnusedStrainQuote,
            message: format!(
                "Post {}: the fund's strain quote of {} is not used, because no strain is due at exit on {} (under the minimum pension age, under {} years' membership, or not a member); check with the fund",
                post.id,
                quote.full(),
                p.exit_date,
                ctx.plan.parameters.lgps.min_membership_years
            ),
            council: Some(p.council),
            role: Some(p.role),
        });
    }
}

fn timetable_flags(ctx: &Context, councils: &[CouncilOutcome], out: &mut Vec<Flag>) {
    for (c, council) in councils.iter().enumerate() {
        for t in &council.waves {
            let Some(latest) = t.latest_consultation_start.filter(|_| !t.meets_go_live) else {
                continue;
            };
            out.push(Flag {
                kind: FlagKind::TimetableMiss,
                message: format!(
                    "{} cannot finish {} days' consultation and {} weeks' notice by {} on {}: start consultation by {latest} (planned {})",
                    council.name,
                    t.consultation_days,
                    t.longest_notice_weeks,
                    wave_words(ctx, t.wave),
                    t.go_live,
                    t.consultation_start
                ),
                council: Some(c),
                role: None,
            });
        }
        let t = &council.timetable;
        if t.fte_after_go_live > EPS {
            out.push(Flag {
                kind: FlagKind::DoubleRunning,
                message: format!(
                    "{}: {} FTE leave after {} (last on {}); double running costs {} (already in the part-year savings)",
                    council.name,
                    fte(t.fte_after_go_live),
                    if ctx.waves.len() > 1 {
                        "their wave's go-live"
                    } else {
                        "go-live"
                    },
                    t.last_exit.map_or_else(String::new, |d| d.to_string()),
                    council.double_running_cost.compact()
                ),
                council: Some(c),
                role: None,
            });
        }
    }
}

/// "go-live", or "the go-live of Finance and HR" when the functions go live in waves.
pub fn wave_words(ctx: &Context, wave: Option<usize>) -> String {
    let Some(w) = wave.filter(|_| ctx.waves.len() > 1) else {
        return "go-live".to_owned();
    };
    let names: Vec<&str> = ctx
        .plan
        .functions
        .iter()
        .enumerate()
        .filter(|&(f, _)| ctx.function_wave[f] == Some(w))
        .map(|(_, f)| f.name.as_str())
        .collect();
    format!("the go-live of {}", crate::format::and_list(&names))
}

/// Each bumped exit, for approval: the volunteer goes so that someone at risk takes the post, so
/// the council pays a package to save nothing on that post.
fn bumped_flags(ctx: &Context, people: &[PersonOutcome], out: &mut Vec<Flag>) {
    let plan = ctx.plan;
    for p in people.iter().filter(|p| p.fate == PersonFate::Bumped) {
        let post = &plan.posts[p.post];
        let share = if p.share >= 1.0 - EPS {
            String::new()
        } else {
            format!(" (expected at {:.0}%)", p.share * 100.0)
        };
        out.push(Flag {
            kind: FlagKind::BumpedRedundancy,
            message: format!(
                "Bumped redundancy: the holder of post {} ({}, {}) volunteers{share} so that someone at risk in {} takes the post; package {}, to be approved",
                post.id,
                post.title,
                plan.councils[p.council].short_name,
                ctx.role_function[p.role]
                    .and_then(|f| plan.functions.get(f))
                    .map_or("the function", |f| f.name.as_str()),
                p.exit.package().whole()
            ),
            council: Some(p.council),
            role: Some(p.role),
        });
    }
}

fn package_flags(ctx: &Context, people: &[PersonOutcome], out: &mut Vec<Flag>) {
    let plan = ctx.plan;
    let approval = &plan.parameters.approval;
    // Reportable packages, per council: (count, largest).
    let mut reportable: BTreeMap<usize, (usize, Money)> = BTreeMap::new();
    // Compulsory pools where a selected person could get £100,000 or more: per (role, council),
    // (people, largest).
    let mut compulsory: BTreeMap<(usize, usize), (usize, Money)> = BTreeMap::new();
    for p in people.iter().filter(|p| p.share > EPS) {
        // Unnamed holders' package is their people's together: one person's is its share.
        let package = if ctx.unnamed(p.post) {
            p.exit.package().scale(1.0 / ctx.people(p.post).max(1.0))
        } else {
            p.exit.package()
        };
        if package < approval.reportable {
            continue;
        }
        if matches!(p.fate, PersonFate::Voluntary | PersonFate::Bumped) {
            let entry = reportable.entry(p.council).or_insert((0, Money::ZERO));
            entry.0 += 1;
            entry.1 = entry.1.max(package);
        }
        if package < approval.full_council {
            continue;
        }
        if p.fate == PersonFate::AtRisk {
            let entry = compulsory
                .entry((p.role, p.council))
                .or_insert((0, Money::ZERO));
            entry.0 += 1;
            entry.1 = entry.1.max(package);
            continue;
        }
        let post = &plan.posts[p.post];
        out.push(Flag {
            kind: FlagKind::FullCouncilApproval,
            message: if p.share >= 1.0 - EPS {
                format!(
                    "VR package of {} for post {} ({}, {}) needs full council approval (£100,000 or more)",
                    package.whole(),
                    post.id,
                    post.title,
                    plan.councils[p.council].short_name
                )
            } else {
                format!(
                    "If the holder of post {} ({}, {}) volunteers (counted as an expected {:.0}% at the VR take-up), their package of {} needs full council approval (£100,000 or more)",
                    post.id,
                    post.title,
                    plan.councils[p.council].short_name,
                    p.share * 100.0,
                    package.whole()
                )
            },
            council: Some(p.council),
            role: Some(p.role),
        });
    }
    for ((r, c), (count, largest)) in compulsory {
        out.push(Flag {
            kind: FlagKind::FullCouncilApproval,
            message: format!(
                "Compulsory selection for {} at {} could give {count} {} a package of £100,000 or more (up to {}): full council approval",
                plan.roles[r].title,
                plan.councils[c].short_name,
                if count == 1 { "person" } else { "people" },
                largest.whole()
            ),
            council: Some(c),
            role: Some(r),
        });
    }
    for (c, (count, largest)) in reportable {
        out.push(Flag {
            kind: FlagKind::ReportablePackage,
            message: format!(
                "{}: {count} VR packages of £20,000 or more (largest {})",
                plan.councils[c].name,
                largest.whole()
            ),
            council: Some(c),
            role: None,
        });
    }
}

/// Flags a role whose councils pay it differently: the FTE-weighted average salary at one council
/// is more than the tolerance above another's.
fn equal_pay_flag(ctx: &Context, pool: &Pool, role: &RoleOutcome, r: usize, out: &mut Vec<Flag>) {
    let plan = ctx.plan;
    // Per council: (salary × FTE, FTE).
    let mut by_council = vec![(0.0f64, 0.0f64); plan.councils.len()];
    for &i in pool.filled.iter().chain(&pool.vacant) {
        let Some(c) = ctx.post_council[i] else {
            continue;
        };
        let fte = super::pools::post_fte(&plan.posts[i]);
        by_council[c].0 += plan.posts[i].salary.pence() as f64 * fte;
        by_council[c].1 += fte;
    }
    let averages: Vec<(usize, f64)> = by_council
        .into_iter()
        .enumerate()
        .filter(|(_, (_, fte))| *fte > EPS)
        .map(|(c, (pay, fte))| (c, pay / fte))
        .collect();
    let low = averages.iter().map(|a| a.1).fold(f64::INFINITY, f64::min);
    let high = averages.iter().map(|a| a.1).fold(0.0, f64::max);
    if averages.len() < 2
        || low <= 0.0
        || high <= low * (1.0 + plan.assumptions.equal_pay_tolerance)
    {
        return;
    }
    let pay: Vec<String> = averages
        .iter()
        .map(|(c, avg)| {
            format!(
                "{} at {}",
                Money::from_pence_f64(*avg).whole(),
                plan.councils[*c].short_name
            )
        })
        .collect();
    out.push(Flag {
        kind: FlagKind::EqualPayRisk,
        message: format!(
            "{} is paid differently across councils today (average {}, {:.0}% apart); the target pays {}",
            role.title,
            pay.join(", "),
            (high / low - 1.0) * 100.0,
            role.target_salary.whole()
        ),
        council: None,
        role: Some(r),
    });
}

fn role_flags(ctx: &Context, pools: &[Pool], roles: &[RoleOutcome], out: &mut Vec<Flag>) {
    let mut over_target = 0.0;
    for (r, (pool, role)) in pools.iter().zip(roles).enumerate() {
        if role.councils.len() > 1 {
            equal_pay_flag(ctx, pool, role, r, out);
        }
        if pool.t + EPS < pool.critical_fte {
            out.push(Flag {
                kind: FlagKind::BelowCriticalPosts,
                message: format!(
                    "{}: target {} FTE is below its {} FTE of critical posts",
                    role.title,
                    fte(pool.t),
                    fte(pool.critical_fte)
                ),
                council: None,
                role: Some(r),
            });
        }
        over_target += pool.over_target;
    }
    if over_target > EPS {
        out.push(Flag {
            kind: FlagKind::TargetNotReached,
            message: format!("Compulsory redundancy is off: {over_target:.1} FTE stay above target because too few volunteered"),
            council: None,
            role: None,
        });
    }
    let demand: f64 = pools
        .iter()
        .map(|p| ctx.assumptions.redeployment_rate * (p.at_risk - p.voluntary).max(0.0))
        .sum();
    let moved: f64 = pools.iter().map(|p| p.redeployed_out).sum();
    if demand > moved + 1e-6 {
        out.push(Flag {
            kind: FlagKind::RedeploymentShortfall,
            message: format!(
                "Only {moved:.1} of the {demand:.1} FTE planned for redeployment can move: there are not enough open posts"
            ),
            council: None,
            role: None,
        });
    }
}

/// Once per plan: the weekly cap past the year the last cap stored covers (held, or raised by the
/// plan's uprating), and employer NI past the tax year of the last change stored.
fn assumed_figure_flags(
    ctx: &Context,
    people: &[PersonOutcome],
    years: &[YearOutcome],
    out: &mut Vec<Flag>,
) {
    let p = &ctx.plan.parameters;
    if people.iter().any(|x| x.exit.cap_assumed)
        && let (Some(last), Some(known_to)) = (
            p.redundancy.weekly_caps.last(),
            last_cap_known(&p.redundancy),
        )
    {
        let how = if p.redundancy.cap_uprating > 0.0 {
            format!(
                "rises {:.1}% a year from {} (the plan's assumption)",
                p.redundancy.cap_uprating * 100.0,
                last.value.full()
            )
        } else {
            format!("stays {}", last.value.full())
        };
        out.push(Flag {
            kind: FlagKind::AssumedFigures,
            message: format!(
                "Exits after {known_to} assume the weekly cap {how}, the last one stored (from {}): add the new cap to the statutory parameters when it is announced",
                last.from
            ),
            council: None,
            role: None,
        });
    }
    let Some(last_ni) = p.employer_ni.last() else {
        return;
    };
    let known_to = last_ni
        .from
        .checked_add(jiff::Span::new().years(1))
        .ok()
        .and_then(|d| d.checked_sub(jiff::Span::new().days(1)).ok());
    let costed = years
        .iter()
        .map(|y| tax_year_start(y.year))
        .chain(std::iter::once(tax_year_start(first_full_year(
            ctx.go_live,
        ))));
    if let Some(known_to) = known_to
        && costed.into_iter().any(|d| d > known_to)
    {
        out.push(Flag {
            kind: FlagKind::AssumedFigures,
            message: format!(
                "Costs after {known_to} assume employer NI stays {:.1}% above {} a year, the last change stored (from {}): add any change to the statutory parameters",
                last_ni.value.rate * 100.0,
                last_ni.value.threshold.whole(),
                last_ni.from
            ),
            council: None,
            role: None,
        });
    }
}
