//! Reports of an outcome: text for people (tables by function and council, money by financial
//! year, flags) and JSON for tools (money in pounds to the penny, FTE as numbers).

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::engine::Outcome;
use crate::figures::words::selection_words;
use crate::model::{CostShare, Money, OneOffSplit, Plan, SplitMethod};

fn pounds(m: Money) -> Value {
    // Pence ÷ 100 prints as the shortest decimal that reads back the same: 1234.56.
    json!(m.pence() as f64 / 100.0)
}

fn fte(x: f64) -> Value {
    json!((x * 10_000.0).round() / 10_000.0)
}

/// The waves the functions go live in: each one's go-live, consultation start and functions.
fn waves_json(plan: &Plan, o: &Outcome) -> Value {
    json!(o.waves.iter().map(|w| json!({
            "go_live": w.go_live.to_string(),
            "consultation_start": w.consultation_start.to_string(),
            "functions": w.functions.iter().filter_map(|&f| plan.functions.get(f).map(|f| f.name.clone())).collect::<Vec<_>>(),
        })).collect::<Vec<_>>())
}

/// A council's part of the `k`th financial year as JSON.
fn council_year_json(c: &crate::engine::CouncilOutcome, k: usize) -> Value {
    let part = c.years.get(k).copied().unwrap_or_default();
    json!({
        "council": c.name,
        "saving": pounds(part.saving),
        "one_off_cost": pounds(part.one_off_cost),
        "net": pounds(part.net()),
    })
}

/// The outcome as JSON.
pub fn json(plan: &Plan, o: &Outcome) -> Value {
    let t = &o.totals;
    let f = &t.flows;
    json!({
        "plan": plan.name,
        "scenario": o.scenario,
        "consultation_start": o.consultation_start.to_string(),
        "go_live": o.go_live.to_string(),
        "waves": waves_json(plan, o),
        "equality": equality_json(plan, o),
        "totals": {
            "current_fte": fte(f.current()),
            "target_fte": fte(t.target_fte),
            "vacancies_deleted_fte": fte(f.vacancies_deleted),
            "vr_fte": fte(f.voluntary),
            "redeployed_fte": fte(f.redeployed_out),
            "compulsory_fte": fte(f.compulsory),
            "new_posts_fte": fte(t.new_posts),
            "over_target_fte": fte(f.over_target),
            "fte_reached": fte(t.fte_reached()),
            "baseline_cost": pounds(t.baseline_cost),
            "target_cost": pounds(t.target_cost),
            "recurring_saving": pounds(t.recurring_saving),
            "one_off_cost": pounds(t.one_off_cost),
            "payback_years": t.payback_years.map(|y| (y * 100.0).round() / 100.0),
            "payback_year": t.payback_year.map(|y| y.to_string()),
            "double_running_cost": pounds(t.double_running_cost),
            "pay_change": o.pay_change.map(|p| json!({
                "saving": pounds(p.saving),
                "people": p.people,
                "posts_saved": (p.posts_saved * 10.0).round() / 10.0,
                "dismissal_and_reengagement": p.dismissal_and_reengagement,
            })),
        },
        "split": {
            "method": match o.assumptions.split_method {
                SplitMethod::ServiceCost => "service_cost",
                SplitMethod::CostsAndSavings => "costs_and_savings",
            },
            "ratio": match o.assumptions.cost_share {
                CostShare::Equal => "equal",
                CostShare::BaselineCost => "cost_today",
                CostShare::Fte => "fte_today",
                CostShare::Weights => "weights",
            },
            "one_off": match o.assumptions.one_off_split {
                OneOffSplit::SameRatio => "same_ratio",
                OneOffSplit::EmployingCouncil => "employing_council",
            },
            "description": o.assumptions.split_sentence(),
        },
        "one_off": {
            "redundancy_pay": pounds(o.one_off.redundancy_pay),
            "statutory_redundancy_pay": pounds(o.one_off.statutory_redundancy_pay),
            "pension_strain": pounds(o.one_off.pension_strain),
            "pension_strain_indicative": pounds(o.one_off.pension_strain_estimated),
            "class1a_ni": pounds(o.one_off.class1a_ni),
            "pay_protection": pounds(o.one_off.pay_protection),
            "pay_protection_on_costs": o.assumptions.pay_protection_on_costs,
            "implementation": pounds(o.one_off.implementation),
        },
        "waterfall": {
            "baseline": pounds(o.waterfall.baseline),
            "vacancies_deleted": pounds(o.waterfall.vacancies_deleted),
            "voluntary": pounds(o.waterfall.voluntary),
            "compulsory": pounds(o.waterfall.compulsory),
            "redeployed": pounds(o.waterfall.redeployed),
            "new_posts": pounds(o.waterfall.new_posts),
            "pay_harmonisation": pounds(o.waterfall.pay_harmonisation),
            "lines": pounds(o.waterfall.lines),
            "target": pounds(o.waterfall.target),
        },
        "by_council": o.councils.iter().map(|c| json!({
            "council": c.name,
            "short_name": c.short_name,
            "current_fte": fte(c.flows.current()),
            "share": (c.share_ratio * 1e6).round() / 1e6,
            "baseline_cost": pounds(c.baseline_cost),
            "cost_share": pounds(c.cost_share),
            "recurring_saving": pounds(c.recurring_saving),
            "one_off_cost": pounds(c.one_off_cost),
            "proposed_redundancies": c.proposed_redundancies,
            "counted_for_consultation": c.timetable.counted,
            "consultation_days": c.timetable.consultation_days,
            "hr1_by": c.timetable.hr1_by.to_string(),
            "notices_from": c.timetable.notices_from.to_string(),
            "last_exit": c.timetable.last_exit.map(|d| d.to_string()),
            "latest_consultation_start": c.timetable.latest_consultation_start.map(|d| d.to_string()),
            "meets_go_live": c.timetable.meets_go_live,
            "double_running_cost": pounds(c.double_running_cost),
            "waves": c.waves.iter().map(|t| json!({
                "wave": t.wave.map(|w| w + 1),
                "go_live": t.go_live.to_string(),
                "proposed_redundancies": t.proposed,
                "counted_for_consultation": t.counted,
                "consultation_start": t.consultation_start.to_string(),
                "consultation_days": t.consultation_days,
                "notices_from": t.notices_from.to_string(),
                "last_exit": t.last_exit.map(|d| d.to_string()),
                "latest_consultation_start": t.latest_consultation_start.map(|d| d.to_string()),
                "meets_go_live": t.meets_go_live,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "by_role": o.roles.iter().map(|r| json!({
            "role": r.title,
            "id": r.id,
            "function": o.functions.get(r.function).map(|f| f.name.clone()),
            "current_fte": fte(r.flows.current()),
            "target_fte": fte(r.target_fte),
            "overlap_fte": fte(r.overlap),
            "vacancies_deleted_fte": fte(r.flows.vacancies_deleted),
            "vr_fte": fte(r.flows.voluntary),
            "redeployed_fte": fte(r.flows.redeployed_out),
            "compulsory_fte": fte(r.flows.compulsory),
            "new_posts_fte": fte(r.new_posts),
            "target_salary": pounds(r.target_salary),
            "baseline_cost": pounds(r.baseline_cost),
            "target_cost": pounds(r.target_cost),
            "recurring_saving": pounds(r.baseline_cost - r.target_cost),
        })).collect::<Vec<_>>(),
        "by_function": o.functions.iter().map(|x| json!({
            "function": x.name,
            "current_fte": fte(x.flows.current()),
            "target_fte": fte(x.target_fte),
            "overlap_fte": fte(x.overlap),
            "vacancies_deleted_fte": fte(x.flows.vacancies_deleted),
            "vr_fte": fte(x.flows.voluntary),
            "redeployed_fte": fte(x.flows.redeployed_out),
            "compulsory_fte": fte(x.flows.compulsory),
            "new_posts_fte": fte(x.new_posts),
            "baseline_cost": pounds(x.baseline_cost),
            "target_cost": pounds(x.target_cost),
            "recurring_saving": pounds(x.recurring_saving),
        })).collect::<Vec<_>>(),
        "by_financial_year": o.years.iter().enumerate().map(|(k, y)| json!({
            "year": y.year.to_string(),
            "saving": pounds(y.saving),
            "one_off_cost": pounds(y.one_off_cost),
            "net": pounds(y.net),
            "cumulative_net": pounds(y.cumulative_net),
            "by_council": o.councils.iter().map(|c| council_year_json(c, k)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "leavers": leavers_json(plan, o),
        "flags": o.flags.iter().map(|f| json!({"kind": f.kind, "message": f.message})).collect::<Vec<_>>(),
    })
}

/// One row for each person who leaves or is at risk: money as the totals count it (expected
/// shares for compulsory redundancy and redeployment), so each column adds up to its total.
fn leavers_json(plan: &Plan, o: &Outcome) -> Vec<Value> {
    o.people
        .iter()
        .map(|p| {
            let post = &plan.posts[p.post];
            let fte = post.fte;
            let counted = p.counted();
            let x = &p.exit;
            json!({
                "post_id": post.id,
                "council": o.councils.get(p.council).map(|c| c.name.as_str()),
                "role": o.roles.get(p.role).map(|r| r.title.as_str()),
                "kind": p.kind(),
                "fte": (fte * p.shown_share() * 1e4).round() / 1e4,
                "redeployed_fte": (fte * p.redeployed * 1e4).round() / 1e4,
                "exit_date": p.exit_date.to_string(),
                "notice_weeks": p.notice_weeks,
                "statutory_weeks": x.statutory_weeks,
                "weekly_pay": pounds(x.weekly_pay),
                "weekly_cap": pounds(x.weekly_cap),
                "statutory_pay": pounds(counted.statutory_pay),
                "redundancy_pay": pounds(counted.redundancy_pay),
                "pension_strain": pounds(counted.pension_strain),
                "strain_estimated": x.strain_estimated,
                "class1a_ni": pounds(counted.class1a_ni),
                "pay_protection": pounds(counted.pay_protection),
                "total": pounds(counted.total()),
            })
        })
        .collect()
}

/// A plain-text table: the first column left-aligned, the rest right-aligned.
fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, cells: Vec<&str>| {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w.saturating_sub(cell.chars().count());
            if i == 0 {
                let _ = write!(text, "  {cell}{}", " ".repeat(pad));
            } else {
                let _ = write!(text, "  {}{cell}", " ".repeat(pad));
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    line(out, headers.to_vec());
    line(
        out,
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    );
    for row in rows {
        line(out, row.iter().map(String::as_str).collect());
    }
}

fn f1(x: f64) -> String {
    // Shares that cancel to a hair below zero read 0.0, never -0.0.
    let x = if x.abs() < 0.05 { 0.0 } else { x };
    format!("{x:.1}")
}

/// The outcome as text for people.
pub fn text(plan: &Plan, o: &Outcome) -> String {
    let mut s = String::new();
    headlines_text(&mut s, plan, o);
    functions_text(&mut s, o);
    councils_text(&mut s, plan, o);
    money_text(&mut s, o);
    equality_text(&mut s, plan, o);
    leavers_text(&mut s, plan, o);
    s
}

/// The equality impact by age and by each characteristic recorded, as the council's equality
/// impact assessment asks (fewer than 5 never shown).
fn equality_text(s: &mut String, plan: &Plan, o: &Outcome) {
    let e = crate::engine::equality::of_outcome(plan, o);
    for b in &e.breakdowns {
        let _ = writeln!(
            s,
            "\nEquality impact: {} (people; the workforce's rate of selection {:.1}%; four-fifths rule)",
            b.characteristic.name().to_lowercase(),
            b.total.total().rate() * 100.0
        );
        let rows: Vec<Vec<String>> = b
            .shown(&b.total)
            .iter()
            .map(|r| equality_cells(r).to_vec())
            .collect();
        table(s, &EQUALITY_HEADINGS, &rows);
    }
}

/// The headings of [`equality_cells`], one a cell.
pub const EQUALITY_HEADINGS: [&str; 8] = [
    "Group",
    "Workforce",
    "Share of workforce",
    "At risk",
    "Expected to leave",
    "Share of leavers",
    "Rate",
    "Finding",
];

/// A row of an equality table as text: group, workforce (and its share), at risk, leaving (and
/// its share), rate and finding.
pub fn equality_cells(r: &crate::engine::equality::Shown) -> [String; 8] {
    let count = |x: Option<f64>| x.map_or_else(|| "fewer than 5".to_owned(), crate::format::fte);
    let share = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |x| format!("{:.1}%", x * 100.0));
    [
        r.group.clone(),
        count(r.workforce),
        share(r.shares[0]),
        count(r.at_risk),
        count(r.leaving),
        share(r.shares[2]),
        r.rate
            .map_or_else(|| "—".to_owned(), |x| format!("{:.1}%", x * 100.0)),
        if r.everyone {
            String::new()
        } else {
            selection_words(r.selection).to_owned()
        },
    ]
}

fn headlines_text(s: &mut String, plan: &Plan, o: &Outcome) {
    let t = &o.totals;
    let _ = writeln!(s, "{} (scenario: {})", plan.name, o.scenario);
    let _ = writeln!(
        s,
        "Consultation starts {}; go-live {}\n",
        o.consultation_start, o.go_live
    );
    let _ = writeln!(s, "Headlines");
    let _ = write!(
        s,
        "  FTE today {:.1}, target {:.1}",
        t.flows.current(),
        t.target_fte
    );
    if t.short_of_target() {
        let _ = write!(
            s,
            ", reached {:.1} ({:.1} FTE short of target: too few volunteered and compulsory redundancy is off)",
            t.fte_reached(),
            t.flows.over_target
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "  Vacancies deleted {:.1} FTE, VR {:.1}, redeployed {:.1}, compulsory {:.1}, new posts {:.1}",
        t.flows.vacancies_deleted,
        t.flows.voluntary,
        t.flows.redeployed_out,
        t.flows.compulsory,
        t.new_posts
    );
    let _ = writeln!(
        s,
        "  Cost today {} a year; target structure {} a year",
        t.baseline_cost.whole(),
        t.target_cost.whole()
    );
    let _ = writeln!(
        s,
        "  Recurring saving (full year) {}",
        t.recurring_saving.whole()
    );
    if let Some(p) = &o.pay_change {
        let _ = writeln!(
            s,
            "  Pay change for the staff who stay: {} a year for {} people, worth about {:.0} posts{}",
            p.saving.whole(),
            crate::format::thousands(u64::from(p.people)),
            p.posts_saved,
            if p.dismissal_and_reengagement {
                " (imposed by dismissal and re-engagement: they count for consultation)"
            } else {
                ""
            }
        );
    }
    let _ = writeln!(s, "  One-off cost {}", t.one_off_cost.whole());
    let payback = match (t.payback_years, t.payback_year) {
        (Some(y), Some(fy)) => format!("{y:.1} years; cumulative net positive in {fy}"),
        (Some(y), None) => format!("{y:.1} years; cumulative net not positive within the horizon"),
        _ => "none: the plan saves nothing".to_owned(),
    };
    let _ = writeln!(s, "  Payback {payback}\n");
}

fn functions_text(s: &mut String, o: &Outcome) {
    let _ = writeln!(s, "By function (FTE; saving a year)");
    let rows: Vec<Vec<String>> = o
        .functions
        .iter()
        .map(|f| {
            vec![
                f.name.clone(),
                f1(f.flows.current()),
                f1(f.target_fte),
                f1(f.overlap),
                f1(f.flows.vacancies_deleted),
                f1(f.flows.voluntary),
                f1(f.flows.redeployed_out),
                f1(f.flows.compulsory),
                f1(f.new_posts),
                f.recurring_saving.whole(),
            ]
        })
        .collect();
    table(
        s,
        &[
            "Function",
            "Today",
            "Target",
            "Overlap",
            "Vacancies",
            "VR",
            "Redeployed",
            "Compulsory",
            "New",
            "Saving",
        ],
        &rows,
    );
}

fn date_or_dash(d: Option<jiff::civil::Date>) -> String {
    d.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

fn councils_text(s: &mut String, plan: &Plan, o: &Outcome) {
    let _ = writeln!(s, "\nBy council (a year; one-off in total)");
    let _ = writeln!(s, "{}", o.assumptions.split_sentence());
    let rows: Vec<Vec<String>> = o
        .councils
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                f1(c.flows.current()),
                format!("{:.1}%", c.share_ratio * 100.0),
                c.baseline_cost.whole(),
                c.cost_share.whole(),
                c.recurring_saving.whole(),
                c.one_off_cost.whole(),
            ]
        })
        .collect();
    table(
        s,
        &[
            "Council",
            "FTE",
            "Share",
            "Cost today",
            "Share of target",
            "Saving",
            "One-off",
        ],
        &rows,
    );

    let phased = o.waves.len() > 1;
    if phased {
        let _ = writeln!(s, "\nTimetable (in waves)");
        for (w, wave) in o.waves.iter().enumerate() {
            let _ = writeln!(s, "{}", crate::figures::words::wave_sentence(plan, w, wave));
        }
    } else {
        let _ = writeln!(s, "\nTimetable (go-live {})", o.go_live);
    }
    let rows: Vec<Vec<String>> = o
        .councils
        .iter()
        .flat_map(|c| {
            let timetables: Vec<&crate::engine::Timetable> = if phased {
                c.waves.iter().collect()
            } else {
                vec![&c.timetable]
            };
            timetables.into_iter().map(move |t| {
                let name = match t.wave.filter(|_| phased) {
                    Some(w) => format!("{} · {}", c.short_name, w + 1),
                    None => c.short_name.clone(),
                };
                vec![
                    name,
                    crate::format::proposed(t.proposed, t.counted),
                    format!("{} days", t.consultation_days),
                    if t.consultation_days > 0 {
                        t.hr1_by.to_string()
                    } else {
                        "not needed".to_owned()
                    },
                    t.notices_from.to_string(),
                    format!("{} weeks", t.longest_notice_weeks),
                    date_or_dash(t.last_exit),
                    date_or_dash(t.latest_consultation_start),
                    if t.meets_go_live {
                        "yes".to_owned()
                    } else {
                        "NO".to_owned()
                    },
                ]
            })
        })
        .collect();
    table(
        s,
        &[
            "Council",
            "Proposed",
            "Consultation",
            "HR1 by",
            "Notices from",
            "Longest notice",
            "Last exit",
            "Start by",
            "Meets go-live",
        ],
        &rows,
    );
}

/// The schedule HR signs off person by person: each leaver (or person at risk) with their
/// package as the totals count it, and the totals.
fn leavers_text(s: &mut String, plan: &Plan, o: &Outcome) {
    if o.people.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "\nLeavers and people at risk (compulsory and redeployed figures are expected shares)"
    );
    let mut sum = crate::engine::Counted::default();
    let mut rows: Vec<Vec<String>> = o
        .people
        .iter()
        .map(|p| {
            let c = p.counted();
            sum.redundancy_pay += c.redundancy_pay;
            sum.pension_strain += c.pension_strain;
            sum.class1a_ni += c.class1a_ni;
            sum.pay_protection += c.pay_protection;
            vec![
                plan.posts[p.post].id.clone(),
                o.councils
                    .get(p.council)
                    .map_or_else(String::new, |x| x.short_name.clone()),
                o.roles
                    .get(p.role)
                    .map_or_else(String::new, |r| r.title.clone()),
                p.kind().to_owned(),
                format!("{:.2}", plan.posts[p.post].fte * p.shown_share()),
                p.exit_date.to_string(),
                p.notice_weeks.to_string(),
                format!("{}", p.exit.statutory_weeks),
                p.exit.weekly_pay.full(),
                c.redundancy_pay.full(),
                format!(
                    "{}{}",
                    c.pension_strain.full(),
                    if p.exit.strain_estimated && c.pension_strain.pence() > 0 {
                        " *"
                    } else {
                        ""
                    }
                ),
                c.class1a_ni.full(),
                c.pay_protection.full(),
                c.total().full(),
            ]
        })
        .collect();
    let mut total = vec![String::new(); 14];
    total[0] = "Total".to_owned();
    total[9] = sum.redundancy_pay.full();
    total[10] = sum.pension_strain.full();
    total[11] = sum.class1a_ni.full();
    total[12] = sum.pay_protection.full();
    total[13] = sum.total().full();
    rows.push(total);
    table(
        s,
        &[
            "Post",
            "Council",
            "Role",
            "Kind",
            "FTE",
            "Exit",
            "Notice",
            "Weeks",
            "Week's pay",
            "Redundancy",
            "Strain",
            "Class 1A",
            "Protection",
            "Total",
        ],
        &rows,
    );
    let _ = writeln!(s, "* indicative strain estimate, not the fund's quote");
}

fn money_text(s: &mut String, o: &Outcome) {
    let _ = writeln!(s, "\nFrom today's cost to the target cost (a year)");
    let w = &o.waterfall;
    let mut rows = vec![vec!["Cost today".to_owned(), w.baseline.whole()]];
    // Each step is a saving: a negative one (new posts, a pay rise) adds to the cost, and reads
    // better as "plus £x" than as "less -£x".
    rows.extend(w.steps().iter().map(|(name, m)| {
        let name = name.to_lowercase();
        if m.pence() < 0 {
            vec![format!("  plus {name}"), (-*m).whole()]
        } else {
            vec![format!("  less {name}"), m.whole()]
        }
    }));
    rows.push(vec!["Target cost".to_owned(), w.target.whole()]);
    table(s, &["", "£"], &rows);

    let _ = writeln!(s, "\nOne-off costs");
    let x = &o.one_off;
    let rows = vec![
        vec!["Redundancy pay".to_owned(), x.redundancy_pay.whole()],
        vec![
            "  of which statutory".to_owned(),
            x.statutory_redundancy_pay.whole(),
        ],
        vec!["Pension strain".to_owned(), x.pension_strain.whole()],
        vec![
            "  of which indicative estimates".to_owned(),
            x.pension_strain_estimated.whole(),
        ],
        vec![
            "Class 1A NI on payments over £30,000".to_owned(),
            x.class1a_ni.whole(),
        ],
        vec!["Pay protection".to_owned(), x.pay_protection.whole()],
        vec!["Implementation".to_owned(), x.implementation.whole()],
        vec!["Total".to_owned(), x.total().whole()],
    ];
    table(s, &["", "£"], &rows);
    let _ = writeln!(s, "  {}", o.assumptions.protection_sentence());

    let _ = writeln!(s, "\nMoney by financial year");
    let rows: Vec<Vec<String>> = o
        .years
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                y.saving.whole(),
                y.one_off_cost.whole(),
                y.net.whole(),
                y.cumulative_net.whole(),
            ]
        })
        .collect();
    table(
        s,
        &["Year", "Saving", "One-off", "Net", "Cumulative"],
        &rows,
    );

    let _ = writeln!(s, "\nFlags");
    if o.flags.is_empty() {
        let _ = writeln!(s, "  None");
    }
    let mut last = None;
    for flag in &o.flags {
        if last != Some(flag.kind) {
            let count = o.flags.iter().filter(|f| f.kind == flag.kind).count();
            let _ = writeln!(s, "  {} ({count})", flag.kind.label());
            last = Some(flag.kind);
        }
        let _ = writeln!(s, "    - {}", flag.message);
    }
}

/// The figures a comparison of scenarios puts side by side, in order: (name, value of each
/// outcome as text, difference from the first as text).
fn compare_rows(outcomes: &[Outcome]) -> Vec<(&'static str, Vec<String>, Vec<String>)> {
    let Some(first) = outcomes.first() else {
        return Vec::new();
    };
    let fte_row = |name, get: fn(&Outcome) -> f64| {
        (
            name,
            outcomes.iter().map(|o| format!("{:.1}", get(o))).collect(),
            outcomes
                .iter()
                .map(|o| format!("{:+.1}", get(o) - get(first)))
                .collect(),
        )
    };
    let money_row = |name, get: fn(&Outcome) -> Money| {
        (
            name,
            outcomes.iter().map(|o| get(o).full()).collect(),
            outcomes
                .iter()
                .map(|o| {
                    let d = get(o) - get(first);
                    format!("{}{}", if d.pence() >= 0 { "+" } else { "" }, d.full())
                })
                .collect(),
        )
    };
    vec![
        fte_row("Target FTE", |o| o.totals.target_fte),
        fte_row("FTE reached", |o| o.totals.fte_reached()),
        fte_row("Voluntary redundancy FTE", |o| o.totals.flows.voluntary),
        fte_row("Compulsory redundancy FTE", |o| o.totals.flows.compulsory),
        money_row("Recurring saving a year", |o| o.totals.recurring_saving),
        money_row("One-off cost", |o| o.totals.one_off_cost),
        (
            "Payback, years",
            outcomes
                .iter()
                .map(|o| {
                    o.totals
                        .payback_years
                        .map_or_else(|| "none".to_owned(), |y| format!("{y:.2}"))
                })
                .collect(),
            outcomes
                .iter()
                .map(
                    |o| match (o.totals.payback_years, first.totals.payback_years) {
                        (Some(a), Some(b)) => format!("{:+.2}", a - b),
                        _ => String::new(),
                    },
                )
                .collect(),
        ),
        (
            "Go-live",
            outcomes.iter().map(|o| o.go_live.to_string()).collect(),
            vec![String::new(); outcomes.len()],
        ),
        (
            "Every council meets go-live",
            outcomes
                .iter()
                .map(|o| {
                    if o.councils.iter().all(|c| c.timetable.meets_go_live) {
                        "yes"
                    } else {
                        "no"
                    }
                    .to_owned()
                })
                .collect(),
            vec![String::new(); outcomes.len()],
        ),
    ]
}

/// Scenarios side by side, each figure with its difference from the first, as text.
pub fn compare_text(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let mut headers = vec!["Figure".to_owned()];
    for (i, o) in outcomes.iter().enumerate() {
        headers.push(o.scenario.clone());
        if i > 0 {
            headers.push("difference".to_owned());
        }
    }
    let rows: Vec<Vec<String>> = compare_rows(outcomes)
        .into_iter()
        .map(|(name, values, differences)| {
            let mut row = vec![name.to_owned()];
            for (i, (v, d)) in values.into_iter().zip(differences).enumerate() {
                row.push(v);
                if i > 0 {
                    row.push(d);
                }
            }
            row
        })
        .collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    if let Some(first) = outcomes.first() {
        let _ = writeln!(out, "Compared with {}:", first.scenario);
    }
    table(&mut out, &headers, &rows);
    out
}

/// Scenarios side by side as JSON: `scenarios[]`, each with its figures (money in pounds) and
/// `difference` from the first.
pub fn compare_json(outcomes: &[Outcome]) -> Value {
    let Some(first) = outcomes.first() else {
        return json!({ "scenarios": [] });
    };
    let figures = |o: &Outcome| {
        json!({
            "target_fte": fte(o.totals.target_fte),
            "fte_reached": fte(o.totals.fte_reached()),
            "vr_fte": fte(o.totals.flows.voluntary),
            "compulsory_fte": fte(o.totals.flows.compulsory),
            "recurring_saving": pounds(o.totals.recurring_saving),
            "one_off_cost": pounds(o.totals.one_off_cost),
            "payback_years": o.totals.payback_years.map(|y| (y * 100.0).round() / 100.0),
            "payback_year": o.totals.payback_year.map(|y| y.to_string()),
            "go_live": o.go_live.to_string(),
            "meets_go_live": o.councils.iter().all(|c| c.timetable.meets_go_live),
        })
    };
    json!({
        "compared_with": first.scenario,
        "scenarios": outcomes.iter().map(|o| {
            let mut v = figures(o);
            v["name"] = json!(o.scenario);
            v["difference"] = json!({
                "target_fte": fte(o.totals.target_fte - first.totals.target_fte),
                "fte_reached": fte(o.totals.fte_reached() - first.totals.fte_reached()),
                "vr_fte": fte(o.totals.flows.voluntary - first.totals.flows.voluntary),
                "compulsory_fte": fte(o.totals.flows.compulsory - first.totals.flows.compulsory),
                "recurring_saving": pounds(o.totals.recurring_saving - first.totals.recurring_saving),
                "one_off_cost": pounds(o.totals.one_off_cost - first.totals.one_off_cost),
            });
            v
        }).collect::<Vec<_>>(),
    })
}

/// A figure's spread as JSON: p10, p50, p90 and mean (null where infinite: a payback that never
/// comes).
fn quantiles_json(q: crate::engine::risk::Quantiles, decimals: i32) -> Value {
    let round = |x: f64| {
        let k = 10f64.powi(decimals);
        if x.is_finite() {
            json!((x * k).round() / k)
        } else {
            Value::Null
        }
    };
    json!({"p10": round(q.p10), "p50": round(q.p50), "p90": round(q.p90), "mean": round(q.mean)})
}

/// A Monte Carlo run as JSON for tools.
pub fn risk_json(r: &crate::engine::risk::Risk) -> Value {
    json!({
        "scenario": r.scenario,
        "draws": r.draws,
        "seed": r.seed,
        "recurring_saving": quantiles_json(r.recurring_saving, 2),
        "one_off_cost": quantiles_json(r.one_off_cost, 2),
        "payback_years": quantiles_json(r.payback_years, 2),
        "compulsory_people": quantiles_json(r.compulsory_people, 1),
        "consultation_days": r.consultation_days.iter().map(|(council, q)| json!({
            "council": council,
            "p10": q.p10, "p50": q.p50, "p90": q.p90, "mean": (q.mean * 10.0).round() / 10.0,
        })).collect::<Vec<_>>(),
        "payback_limit_years": r.payback_limit_years,
        "p_payback_within_limit": r.p_payback_within_limit,
        "p_go_live_met": r.p_go_live_met,
        "p_compulsory_needed": r.p_compulsory_needed,
        "cumulative_net": r.fan.iter().map(|y| json!({
            "year": y.year.to_string(),
            "p10": (y.quantiles.p10 * 100.0).round() / 100.0,
            "p50": (y.quantiles.p50 * 100.0).round() / 100.0,
            "p90": (y.quantiles.p90 * 100.0).round() / 100.0,
            "deterministic": (y.deterministic * 100.0).round() / 100.0,
        })).collect::<Vec<_>>(),
        "tornado": r.tornado.iter().map(|b| json!({
            "input": b.input,
            "one_off_cost_low": (b.one_off.0 * 100.0).round() / 100.0,
            "one_off_cost_high": (b.one_off.1 * 100.0).round() / 100.0,
            "recurring_saving_low": (b.saving.0 * 100.0).round() / 100.0,
            "recurring_saving_high": (b.saving.1 * 100.0).round() / 100.0,
        })).collect::<Vec<_>>(),
    })
}

/// A Monte Carlo run in words and tables, for people.
pub fn risk_text(r: &crate::engine::risk::Risk) -> String {
    let mut s = String::new();
    let money = |x: f64| Money::from_pounds_f64(x).whole();
    let years = crate::format::years_or_never;
    let _ = writeln!(
        s,
        "Uncertainty: scenario {}, {} draws (seed {})\n",
        r.scenario,
        crate::format::thousands(r.draws as u64),
        r.seed
    );
    let mut rows = vec![
        vec![
            "Recurring saving a year".to_owned(),
            money(r.recurring_saving.p10),
            money(r.recurring_saving.p50),
            money(r.recurring_saving.p90),
        ],
        vec![
            "One-off cost".to_owned(),
            money(r.one_off_cost.p10),
            money(r.one_off_cost.p50),
            money(r.one_off_cost.p90),
        ],
        vec![
            "Payback".to_owned(),
            years(r.payback_years.p10),
            years(r.payback_years.p50),
            years(r.payback_years.p90),
        ],
        vec![
            "People dismissed compulsorily".to_owned(),
            format!("{:.1}", r.compulsory_people.p10),
            format!("{:.1}", r.compulsory_people.p50),
            format!("{:.1}", r.compulsory_people.p90),
        ],
    ];
    for (council, q) in &r.consultation_days {
        rows.push(vec![
            format!("Consultation days, {council}"),
            format!("{:.0}", q.p10),
            format!("{:.0}", q.p50),
            format!("{:.0}", q.p90),
        ]);
    }
    table(&mut s, &["Figure", "P10", "P50", "P90"], &rows);
    let percent = |p: f64| format!("{:.0}%", p * 100.0);
    let _ = writeln!(
        s,
        "\nChance that payback is within {} years: {}",
        r.payback_limit_years,
        percent(r.p_payback_within_limit)
    );
    let _ = writeln!(
        s,
        "Chance that every council meets go-live: {}",
        percent(r.p_go_live_met)
    );
    let _ = writeln!(
        s,
        "Chance that compulsory redundancies are needed: {}",
        percent(r.p_compulsory_needed)
    );
    let _ = writeln!(s, "\nCumulative net by financial year");
    let rows: Vec<Vec<String>> = r
        .fan
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                money(y.quantiles.p10),
                money(y.quantiles.p50),
                money(y.quantiles.p90),
                money(y.deterministic),
            ]
        })
        .collect();
    table(&mut s, &["Year", "P10", "P50", "P90", "As planned"], &rows);
    if !r.tornado.is_empty() {
        let _ = writeln!(
            s,
            "\nWhat moves the figures most (each input low to high, the others likely)"
        );
        let rows: Vec<Vec<String>> = r
            .tornado
            .iter()
            .map(|b| {
                vec![
                    b.input.to_owned(),
                    format!("{} to {}", money(b.one_off.0), money(b.one_off.1)),
                    format!("{} to {}", money(b.saving.0), money(b.saving.1)),
                ]
            })
            .collect();
        table(&mut s, &["Input", "One-off cost", "Saving a year"], &rows);
    }
    s
}

/// The equality impact as JSON: for age and each characteristic recorded, each group's
/// workforce, people at risk and expected to leave, the rate of selection and the four-fifths
/// rule's finding, in total and per pool ("fewer than 5" wherever a group is smaller).
pub fn equality_json(plan: &Plan, o: &Outcome) -> Value {
    let e = crate::engine::equality::of_outcome(plan, o);
    let count = |x: Option<f64>| {
        x.map_or_else(
            || json!("fewer than 5"),
            |x| json!((x * 10.0).round() / 10.0),
        )
    };
    let rows = |b: &crate::engine::equality::Breakdown, p: &crate::engine::equality::Profile| {
        b.shown(p)
            .iter()
            .filter(|r| !r.everyone)
            .map(|r| {
                json!({
                    "group": r.group,
                    "workforce": count(r.workforce),
                    "at_risk": count(r.at_risk),
                    "leaving": count(r.leaving),
                    "share_of_workforce": r.shares[0].map(|x| (x * 1000.0).round() / 1000.0),
                    "share_of_at_risk": r.shares[1].map(|x| (x * 1000.0).round() / 1000.0),
                    "share_of_leaving": r.shares[2].map(|x| (x * 1000.0).round() / 1000.0),
                    "rate": r.rate.map(|x| (x * 1000.0).round() / 1000.0),
                    "finding": selection_words(r.selection),
                })
            })
            .collect::<Vec<_>>()
    };
    let mut out = serde_json::Map::new();
    out.insert(
        "rule".to_owned(),
        json!("four-fifths: a group selected at under 4/5 or over 5/4 of the workforce's rate is flagged"),
    );
    if let Some(age) = e.age() {
        out.insert(
            "workforce_rate".to_owned(),
            json!((age.total.total().rate() * 1000.0).round() / 1000.0),
        );
    }
    for b in &e.breakdowns {
        out.insert(b.characteristic.key().to_owned(), json!(rows(b, &b.total)));
    }
    // Each pool with someone at risk, by characteristic.
    let pools: Vec<Value> = o
        .roles
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            e.age()
                .and_then(|a| a.pools.get(*i))
                .is_some_and(|p| p.total().at_risk > 0.0)
        })
        .map(|(i, r)| {
            let mut pool = serde_json::Map::new();
            pool.insert("pool".to_owned(), json!(r.title));
            for b in &e.breakdowns {
                if let Some(p) = b.pools.get(i) {
                    pool.insert(b.characteristic.key().to_owned(), json!(rows(b, p)));
                }
            }
            Value::Object(pool)
        })
        .collect();
    out.insert("pools".to_owned(), json!(pools));
    Value::Object(out)
}

/// A number of people as the equality tables show it: "fewer than 5" for a group of 1 to 4
/// (or when `hidden`), else to one decimal place (expected shares make fractions).
pub fn shown_people(x: f64, hidden: bool) -> String {
    if hidden || (x > 0.0 && x < crate::engine::equality::SUPPRESS_BELOW) {
        "fewer than 5".to_owned()
    } else {
        crate::format::fte(x)
    }
}

/// A goal seek's proposal's headline figures in a sentence.
pub fn seek_headline(p: &crate::engine::seek::Proposal) -> String {
    format!(
        "Saving {} a year; one-off cost {}; payback {}; compulsory redundancy {} FTE; voluntary {} FTE",
        p.saving.whole(),
        p.one_off.whole(),
        crate::format::years_or_never(p.payback_years.unwrap_or(f64::INFINITY)),
        crate::format::fte(p.compulsory_fte),
        crate::format::fte(p.voluntary_fte)
    )
}

/// A goal seek's proposal as text: its headline figures, then each role's target from and to.
pub fn seek_text(p: &crate::engine::seek::Proposal) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Scenario {}: {}",
        p.scenario.name, p.scenario.description
    );
    let _ = writeln!(s, "  {}", seek_headline(p));
    let rows: Vec<Vec<String>> = p
        .changes
        .iter()
        .map(|c| {
            vec![
                c.function.clone(),
                c.title.clone(),
                crate::format::fte(c.today),
                crate::format::fte(c.from),
                crate::format::fte(c.to),
            ]
        })
        .collect();
    let _ = writeln!(s, "\nTargets changed ({})", rows.len());
    table(
        &mut s,
        &["Function", "Role", "Today", "Target was", "Target proposed"],
        &rows,
    );
    s
}

/// A goal seek's proposal as JSON.
pub fn seek_json(p: &crate::engine::seek::Proposal) -> Value {
    json!({
        "scenario": p.scenario.name,
        "description": p.scenario.description,
        "recurring_saving": p.saving.as_pounds(),
        "one_off_cost": p.one_off.as_pounds(),
        "payback_years": p.payback_years,
        "compulsory_fte": p.compulsory_fte,
        "voluntary_fte": p.voluntary_fte,
        "changes": p.changes.iter().map(|c| json!({
            "role": c.title,
            "function": c.function,
            "today_fte": c.today,
            "from_fte": c.from,
            "to_fte": c.to,
        })).collect::<Vec<_>>(),
    })
}

/// Why a goal cannot be met, in a sentence: how far short, and what holds it back.
pub fn shortfall_words(
    goal: &crate::engine::seek::Goal,
    short: &crate::engine::seek::Shortfall,
) -> String {
    format!(
        "saving {} a year cannot be met: the most is {}, {} short. Held back by {}",
        goal.saving.whole(),
        short.most.whole(),
        short.short_by.whole(),
        short.binding.join("; ")
    )
}
