//! The people: the pools, the timetable, the equality impact and the leavers' schedule.

use super::structure::movements;
use super::{Cell, Table};
use crate::engine::{self, Outcome};
use crate::model::Plan;

pub(super) fn pools(o: &Outcome) -> Table {
    let mut table = Table::new(
        "pools",
        "Pools",
        &[
            "Council",
            "FTE today",
            "Kept FTE",
            "Vacancies deleted FTE",
            "Voluntary redundancy FTE",
            "Redeployed FTE",
            "Compulsory redundancy FTE",
            "Above target FTE",
        ],
    );
    let row = |name: &str, f: &engine::Flows| {
        let mut cells = vec![
            Cell::text(name),
            Cell::Fte(f.current()),
            Cell::Fte(f.kept_total()),
        ];
        cells.extend(movements(f));
        cells.push(Cell::Fte(f.over_target));
        cells
    };
    for c in &o.councils {
        table.rows.push(row(&c.name, &c.flows));
    }
    table.total = Some(row("Total", &o.totals.flows));
    table.notes.push(
        "Today = kept + vacancies deleted + voluntary + redeployed + compulsory; compulsory and redeployed are expected FTE over a fair selection.".to_owned(),
    );
    table
}

pub(super) fn timetable(o: &Outcome) -> Table {
    let mut table = Table::new(
        "timetable",
        "Timetable",
        &[
            "Council",
            "Wave",
            "Go-live",
            "Proposed redundancies",
            "Counted within 90 days",
            "Consultation starts",
            "Consultation days",
            "HR1 by",
            "Notices from",
            "Longest notice, weeks",
            "First exit",
            "Last exit",
            "Latest consultation start",
            "Meets go-live",
            "FTE leaving after go-live",
        ],
    );
    // A row a wave when the functions go live in waves.
    let phased = o.waves.len() > 1;
    for c in &o.councils {
        let timetables: Vec<&crate::engine::Timetable> = if phased {
            c.waves.iter().collect()
        } else {
            vec![&c.timetable]
        };
        for t in timetables {
            table.rows.push(vec![
                Cell::text(&c.name),
                Cell::Count(t.wave.filter(|_| phased).map_or(1, |w| w as u64 + 1)),
                Cell::Date(t.go_live),
                Cell::Count(u64::from(t.proposed)),
                Cell::Count(u64::from(t.counted)),
                Cell::Date(t.consultation_start),
                Cell::Count(u64::from(t.consultation_days)),
                Cell::Date(t.hr1_by),
                Cell::Date(t.notices_from),
                Cell::Count(u64::from(t.longest_notice_weeks)),
                Cell::date(t.first_exit),
                Cell::date(t.last_exit),
                Cell::date(t.latest_consultation_start),
                Cell::Flag(t.meets_go_live),
                Cell::Fte(t.fte_after_go_live),
            ]);
        }
    }
    table.notes.push(CONSULTATION_COUNT_NOTE.to_owned());
    table.notes.push(HR1_NOTE.to_owned());
    table
}

/// How each year is split between the councils, for every paper that shows it.
pub const YEAR_SPLIT_NOTE: &str = "Each year is split by the plan's rule applied to that year's own figures: every post's and line's saving part-year from its own date; a saving, cost or one-off line that names a council is that council's alone; the rest of the year's saving and one-off cost shared by the ratio (with the employing council bearing its own employees' costs where the plan says so, in the years they are paid); where the councils share the single service's cost, each also saves what it spent on a function today less its share, from the function's go-live. Each council's running total is rounded to the penny once, so the councils add up to each year and each council's years to its whole share.";

/// What "Counted within 90 days" means, for every paper that shows it.
pub const CONSULTATION_COUNT_NOTE: &str = "Counted within 90 days: the people the council proposes to dismiss whose dismissals (the day employment ends, after notice) fall within one period of 90 days, its first and last days included, with this wave's; that number decides the consultation owed: 30 days for 20 or more, 45 for 100 or more (TULRCA 1992 s.188). A later wave's dismissals count with an earlier wave's when they fall within the period; an earlier wave's, already being consulted on, do not (s.188(3)).";

/// What "HR1 by" means.
pub const HR1_NOTE: &str = "HR1 by: the last day form HR1 can reach the Insolvency Service: before any notice is given, and at least the days of consultation owed before the first dismissal (TULRCA 1992 s.193).";

/// The equality impact, as the council's assessment asks: by age and by each characteristic
/// recorded, for every pool together and then each pool with someone at risk; never a group of
/// fewer than 5 (so the sheet may go out with an anonymised export).
pub(super) fn equality(plan: &Plan, o: &Outcome, raw: bool) -> Table {
    let e = crate::engine::equality::of_outcome(plan, o);
    let mut table = Table::new(
        "equality",
        "Equality impact",
        &[
            "Pool",
            "Characteristic",
            "Group",
            "Workforce",
            "At risk",
            "Expected to leave",
            "Share of the workforce",
            "Share of those at risk",
            "Share of those leaving",
            "Rate of selection",
            "Finding (four-fifths rule)",
        ],
    );
    let count = |x: Option<f64>| x.map_or(Cell::Suppressed, Cell::Fte);
    let share = |x: Option<f64>| x.map_or(Cell::Suppressed, Cell::Percent);
    let mut add = |pool: &str, b: &crate::engine::equality::Breakdown, p| {
        let rows = if raw { unprotected(b, p) } else { b.shown(p) };
        for r in rows {
            table.rows.push(vec![
                Cell::text(pool),
                Cell::text(b.characteristic.name()),
                Cell::text(&r.group),
                count(r.workforce),
                count(r.at_risk),
                count(r.leaving),
                share(r.shares[0]),
                share(r.shares[1]),
                share(r.shares[2]),
                r.rate.map_or(Cell::Suppressed, Cell::Percent),
                if r.everyone {
                    Cell::Empty
                } else {
                    Cell::text(crate::figures::words::selection_words(r.selection))
                },
            ]);
        }
    };
    for b in &e.breakdowns {
        add("All pools", b, &b.total);
    }
    for (i, role) in o.roles.iter().enumerate() {
        let at_risk = e
            .age()
            .and_then(|a| a.pools.get(i))
            .is_some_and(|p| p.total().at_risk > 0.0);
        if at_risk {
            for b in &e.breakdowns {
                add(&role.title, b, &b.pools[i]);
            }
        }
    }
    table.notes.push(if raw {
        "Rate of selection: people expected to leave per person in the workforce. A group selected at under four-fifths or over five-fourths of the workforce's rate is flagged (the four-fifths rule). Figures of fewer than 5 people say \"fewer than 5\"; figures hidden so that they cannot be worked out from the rest, and the shares, rates and findings of groups not shown, say \"not shown\".".to_owned()
    } else {
        "Rate of selection: people expected to leave per person in the workforce. A group selected at under four-fifths or over five-fourths of the workforce's rate is flagged (the four-fifths rule). Groups of fewer than 5 people are not shown, nor the next smallest figure where the total less the others would give one away (both say \"fewer than 5\").".to_owned()
    });
    table
}

/// Each group of `profile` with every figure, then everyone: for an anonymised release, whose
/// protection (`figures::disclosure`) decides what is hidden over all its tables at once.
fn unprotected(
    b: &crate::engine::equality::Breakdown,
    profile: &crate::engine::equality::Profile,
) -> Vec<crate::engine::equality::Shown> {
    use crate::engine::equality::{Band, Selection, Shown};
    let total = profile.total();
    let row = |group: &str, band: &Band, selection, everyone| {
        let share = |x: f64, of: f64| Some(if of > 0.0 { x / of } else { 0.0 });
        Shown {
            group: group.to_owned(),
            workforce: Some(band.workforce),
            at_risk: Some(band.at_risk),
            leaving: Some(band.leaving),
            rate: Some(band.rate()),
            shares: [
                share(band.workforce, total.workforce),
                share(band.at_risk, total.at_risk),
                share(band.leaving, total.leaving),
            ],
            selection,
            everyone,
        }
    };
    let mut rows: Vec<Shown> = b
        .groups
        .iter()
        .zip(&profile.bands)
        .zip(profile.selection())
        .map(|((g, band), s)| row(g, band, s, false))
        .collect();
    rows.push(row("Everyone", &total, Selection::Within, true));
    rows
}

pub(super) fn leavers(plan: &Plan, o: &Outcome) -> Table {
    use crate::figures::leavers::LeaverColumn;
    let mut table = Table::new(
        "leavers",
        "Leavers",
        &LeaverColumn::ALL.map(LeaverColumn::heading),
    );
    table.sensitive = true;
    table.rows = o
        .people
        .iter()
        .map(|p| LeaverColumn::ALL.map(|c| c.cell(plan, o, p)).to_vec())
        .collect();
    let sum = |i: usize| {
        table
            .rows
            .iter()
            .fold(crate::model::Money::ZERO, |sum, row| match row[i] {
                Cell::Money(m) => sum + m,
                _ => sum,
            })
    };
    let mut total: Vec<Cell> = LeaverColumn::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.is_summed() {
                Cell::Money(sum(i))
            } else {
                Cell::Empty
            }
        })
        .collect();
    total[0] = Cell::text("Total");
    table.total = Some(total);
    table.notes.push(format!(
        "{}: one row for each person who leaves or is at risk, with no names. Figures for people at risk are expected values (the share who may be selected).",
        plan.protective_marking
    ));
    table
}
