//! The report as text for people: the headlines, functions, councils, money, leavers and equality impact, in aligned tables.

use super::{EQUALITY_HEADINGS, equality_cells};
use crate::engine::Outcome;
use crate::format::fte;
use crate::model::Plan;
use std::fmt::Write as _;

/// A plain-text table: the first column left-aligned, the rest right-aligned.
pub(super) fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
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

pub(super) fn f1(x: f64) -> String {
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
pub(super) fn equality_text(s: &mut String, plan: &Plan, o: &Outcome) {
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

pub(super) fn headlines_text(s: &mut String, plan: &Plan, o: &Outcome) {
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
        "  FTE today {}, target {}",
        fte(t.flows.current()),
        fte(t.target_fte)
    );
    if t.short_of_target() {
        let _ = write!(
            s,
            ", reached {} ({} FTE short of target: too few volunteered and compulsory redundancy is off)",
            fte(t.fte_reached()),
            fte(t.flows.over_target)
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "  Vacancies deleted {} FTE, VR {}, redeployed {}, compulsory {}, new posts {}",
        fte(t.flows.vacancies_deleted),
        fte(t.flows.voluntary),
        fte(t.flows.redeployed_out),
        fte(t.flows.compulsory),
        fte(t.new_posts)
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
    let _ = writeln!(
        s,
        "  {}",
        crate::figures::words::marked(plan, &format!("One-off cost {}", t.one_off_cost.whole()))
    );
    let payback = match (t.payback_years, t.payback_year) {
        (Some(y), Some(fy)) => format!("{y:.1} years; cumulative net positive in {fy}"),
        (Some(y), None) => format!("{y:.1} years; cumulative net not positive within the horizon"),
        _ => "none: the plan saves nothing".to_owned(),
    };
    let _ = writeln!(s, "  Payback {payback}");
    if let Some(note) = crate::figures::words::profile_note(plan) {
        let _ = writeln!(s, "  {note}");
    }
    let _ = writeln!(s);
}

pub(super) fn functions_text(s: &mut String, o: &Outcome) {
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

pub(super) fn date_or_dash(d: Option<jiff::civil::Date>) -> String {
    d.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

pub(super) fn councils_text(s: &mut String, plan: &Plan, o: &Outcome) {
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
pub(super) fn leavers_text(s: &mut String, plan: &Plan, o: &Outcome) {
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

pub(super) fn money_text(s: &mut String, o: &Outcome) {
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
