//! The plan's shape and what it saves: the summary, and the figures by function, council and role.

use super::{Cell, Table};
use crate::engine::{self, Outcome};
use crate::model::Plan;

pub(super) fn summary(plan: &Plan, o: &Outcome) -> Table {
    let t = &o.totals;
    let f = &t.flows;
    let mut table = Table::new("summary", "Summary", &["Figure", "Value"]);
    let rows: Vec<(&str, Cell)> = vec![
        ("Plan", Cell::text(&plan.name)),
        ("Scenario", Cell::text(&o.scenario)),
        ("Consultation starts", Cell::Date(o.consultation_start)),
        ("Go-live", Cell::Date(o.go_live)),
        ("FTE today", Cell::Fte(f.current())),
        ("Target FTE", Cell::Fte(t.target_fte)),
        ("FTE reached", Cell::Fte(t.fte_reached())),
        ("Vacancies deleted, FTE", Cell::Fte(f.vacancies_deleted)),
        ("Voluntary redundancy, FTE", Cell::Fte(f.voluntary)),
        ("Redeployed, FTE", Cell::Fte(f.redeployed_out)),
        ("Compulsory redundancy, FTE", Cell::Fte(f.compulsory)),
        ("New posts, FTE", Cell::Fte(t.new_posts)),
        ("Cost today, a year", Cell::Money(t.baseline_cost)),
        ("Target cost, a year", Cell::Money(t.target_cost)),
        ("Recurring saving, a year", Cell::Money(t.recurring_saving)),
        ("One-off cost", Cell::Money(t.one_off_cost)),
        (
            "Payback, years",
            t.payback_years.map_or(Cell::text("none"), Cell::Years),
        ),
        (
            "Net positive in",
            t.payback_year
                .map_or(Cell::text("not in horizon"), |y| Cell::text(y.to_string())),
        ),
        (
            "Savings lost to notice after go-live",
            Cell::Money(t.double_running_cost),
        ),
        (
            "How the councils share",
            Cell::text(o.assumptions.split_sentence()),
        ),
        ("Protective marking", Cell::text(&plan.protective_marking)),
    ];
    table.rows = rows
        .into_iter()
        .map(|(name, value)| vec![Cell::text(name), value])
        .collect();
    table
        .notes
        .extend(crate::figures::words::profile_note(plan));
    table
}

pub(super) fn movements(flows: &engine::Flows) -> [Cell; 4] {
    [
        Cell::Fte(flows.vacancies_deleted),
        Cell::Fte(flows.voluntary),
        Cell::Fte(flows.redeployed_out),
        Cell::Fte(flows.compulsory),
    ]
}

pub(super) fn by_function(o: &Outcome) -> Table {
    let mut table = Table::new(
        "by-function",
        "By function",
        &[
            "Function",
            "FTE today",
            "Target FTE",
            "Overlap FTE",
            "Vacancies deleted FTE",
            "Voluntary redundancy FTE",
            "Redeployed FTE",
            "Compulsory redundancy FTE",
            "New posts FTE",
            "Cost today",
            "Target cost",
            "Recurring saving",
        ],
    );
    let row = |name: &str, flows: &engine::Flows, target, overlap, new, base, tgt, saving| {
        let mut cells = vec![
            Cell::text(name),
            Cell::Fte(flows.current()),
            Cell::Fte(target),
            Cell::Fte(overlap),
        ];
        cells.extend(movements(flows));
        cells.extend([
            Cell::Fte(new),
            Cell::Money(base),
            Cell::Money(tgt),
            Cell::Money(saving),
        ]);
        cells
    };
    for f in &o.functions {
        table.rows.push(row(
            &f.name,
            &f.flows,
            f.target_fte,
            f.overlap,
            f.new_posts,
            f.baseline_cost,
            f.target_cost,
            f.recurring_saving,
        ));
    }
    let t = &o.totals;
    let overlap: f64 = o.functions.iter().map(|f| f.overlap).sum();
    table.total = Some(row(
        "Total",
        &t.flows,
        t.target_fte,
        overlap,
        t.new_posts,
        t.baseline_cost,
        t.target_cost,
        t.recurring_saving,
    ));
    table
}

pub(super) fn by_council(o: &Outcome) -> Table {
    let mut table = Table::new(
        "by-council",
        "By council",
        &[
            "Council",
            "FTE today",
            "Share",
            "Cost today",
            "Share of target cost",
            "Recurring saving",
            "One-off cost",
            "People proposed for redundancy",
            "Consultation days",
        ],
    );
    for c in &o.councils {
        table.rows.push(vec![
            Cell::text(&c.name),
            Cell::Fte(c.flows.current()),
            Cell::Percent(c.share_ratio),
            Cell::Money(c.baseline_cost),
            Cell::Money(c.cost_share),
            Cell::Money(c.recurring_saving),
            Cell::Money(c.one_off_cost),
            Cell::Count(u64::from(c.proposed_redundancies)),
            Cell::Count(u64::from(c.timetable.consultation_days)),
        ]);
    }
    let t = &o.totals;
    let proposed: u64 = o
        .councils
        .iter()
        .map(|c| u64::from(c.proposed_redundancies))
        .sum();
    table.total = Some(vec![
        Cell::text("Total"),
        Cell::Fte(t.flows.current()),
        Cell::Percent(o.councils.iter().map(|c| c.share_ratio).sum()),
        Cell::Money(t.baseline_cost),
        Cell::Money(t.target_cost),
        Cell::Money(t.recurring_saving),
        Cell::Money(t.one_off_cost),
        Cell::Count(proposed),
        Cell::Empty,
    ]);
    table.notes.push(o.assumptions.split_sentence());
    table
}

pub(super) fn by_role(o: &Outcome) -> Table {
    let mut table = Table::new(
        "by-role",
        "By role",
        &[
            "Role",
            "Function",
            "FTE today",
            "Target FTE",
            "Overlap FTE",
            "Vacancies deleted FTE",
            "Voluntary redundancy FTE",
            "Redeployed FTE",
            "Compulsory redundancy FTE",
            "New posts FTE",
            "Target salary",
            "Cost today",
            "Target cost",
            "Recurring saving",
        ],
    );
    for r in &o.roles {
        let mut cells = vec![
            Cell::text(&r.title),
            Cell::text(o.functions.get(r.function).map_or("", |f| f.name.as_str())),
            Cell::Fte(r.flows.current()),
            Cell::Fte(r.target_fte),
            Cell::Fte(r.overlap),
        ];
        cells.extend(movements(&r.flows));
        cells.extend([
            Cell::Fte(r.new_posts),
            Cell::Money(r.target_salary),
            Cell::Money(r.baseline_cost),
            Cell::Money(r.target_cost),
            Cell::Money(r.baseline_cost - r.target_cost),
        ]);
        table.rows.push(cells);
    }
    let t = &o.totals;
    let mut total = vec![
        Cell::text("Total"),
        Cell::Empty,
        Cell::Fte(t.flows.current()),
        Cell::Fte(t.target_fte),
        Cell::Fte(o.roles.iter().map(|r| r.overlap).sum()),
    ];
    total.extend(movements(&t.flows));
    total.extend([
        Cell::Fte(t.new_posts),
        Cell::Empty,
        Cell::Money(t.baseline_cost),
        Cell::Money(t.target_cost),
        Cell::Money(t.recurring_saving),
    ]);
    table.total = Some(total);
    table
}
