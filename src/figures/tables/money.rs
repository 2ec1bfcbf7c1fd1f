//! Money over time: by financial year, the waterfall from today's cost to the target's, and the one-off costs.

use super::people::YEAR_SPLIT_NOTE;
use super::{Cell, Table};
use crate::engine::{self, Outcome};
use crate::model::Money;

pub(super) fn by_year(o: &Outcome) -> Table {
    let mut headings = vec!["Figure".to_owned()];
    headings.extend(o.years.iter().map(|y| y.year.to_string()));
    headings.push("Total".to_owned());
    let mut table = Table {
        headings,
        sums_across: true,
        ..Table::new("by-financial-year", "By financial year", &[])
    };
    let line = |name: String, values: Vec<Money>, total: bool| {
        let sum: Money = values.iter().copied().sum();
        let mut cells = vec![Cell::Text(name)];
        cells.extend(values.into_iter().map(Cell::Money));
        cells.push(if total { Cell::Money(sum) } else { Cell::Empty });
        cells
    };
    let years = &o.years;
    table.rows.push(line(
        "Saving (part-year effects)".to_owned(),
        years.iter().map(|y| y.saving).collect(),
        true,
    ));
    table.rows.push(line(
        "One-off cost".to_owned(),
        years.iter().map(|y| y.one_off_cost).collect(),
        true,
    ));
    table.rows.push(line(
        "Net".to_owned(),
        years.iter().map(|y| y.net).collect(),
        true,
    ));
    table.rows.push(line(
        "Cumulative net".to_owned(),
        years.iter().map(|y| y.cumulative_net).collect(),
        false,
    ));
    for c in &o.councils {
        let council_years = &c.years;
        table.rows.push(line(
            format!("{}: saving", c.short_name),
            council_years.iter().map(|y| y.saving).collect(),
            true,
        ));
        table.rows.push(line(
            format!("{}: one-off cost", c.short_name),
            council_years.iter().map(|y| y.one_off_cost).collect(),
            true,
        ));
        table.rows.push(line(
            format!("{}: net", c.short_name),
            council_years.iter().map(engine::CouncilYear::net).collect(),
            true,
        ));
    }
    table.notes.push(YEAR_SPLIT_NOTE.to_owned());
    table
}

pub(super) fn waterfall(o: &Outcome) -> Table {
    let w = &o.waterfall;
    let mut table = Table::new(
        "waterfall",
        "Waterfall",
        &["Step", "Amount", "Bar starts at", "Bar height"],
    );
    table.rows.push(vec![
        Cell::text("Cost today"),
        Cell::Money(w.baseline),
        Cell::Money(Money::ZERO),
        Cell::Money(w.baseline),
    ]);
    let mut running = w.baseline;
    for (name, amount) in w.steps() {
        let next = running - amount;
        table.rows.push(vec![
            Cell::text(name),
            Cell::Money(amount),
            Cell::Money(running.min(next)),
            Cell::Money(Money(amount.pence().abs())),
        ]);
        running = next;
    }
    table.total = Some(vec![
        Cell::text("Target cost"),
        Cell::Money(w.target),
        Cell::Money(Money::ZERO),
        Cell::Money(w.target),
    ]);
    table.notes.push(
        "Each step is a saving a year (a cost is negative); the target cost is the cost today less the steps. The bar columns place each step in the chart.".to_owned(),
    );
    table
}

/// The one-off costs by kind; `anonymised`: without the statutory and indicative parts, which
/// may be paid for fewer than 5 people.
pub(super) fn one_off(o: &Outcome, anonymised: bool) -> Table {
    let x = &o.one_off;
    let mut table = Table::new("one-off-costs", "One-off costs", &["Cost", "Amount"]);
    table.rows = vec![
        vec![Cell::text("Redundancy pay"), Cell::Money(x.redundancy_pay)],
        vec![Cell::text("Pension strain"), Cell::Money(x.pension_strain)],
        vec![
            Cell::text("Employer Class 1A NI on termination payments"),
            Cell::Money(x.class1a_ni),
        ],
        vec![Cell::text("Pay protection"), Cell::Money(x.pay_protection)],
        vec![Cell::text("Implementation"), Cell::Money(x.implementation)],
    ];
    table.total = Some(vec![Cell::text("Total"), Cell::Money(x.total())]);
    table.notes.push(if anonymised {
        "Redundancy pay includes the statutory pay; pension strain is indicative where the fund has not quoted (the parts are in the named papers: they may be paid for fewer than 5 people).".to_owned()
    } else {
        format!(
            "Of the redundancy pay, {} is statutory; of the pension strain, {} is indicative (estimated where the fund has not quoted).",
            x.statutory_redundancy_pay.full(),
            x.pension_strain_estimated.full()
        )
    });
    table
        .notes
        .push(o.assumptions.protection_sentence().to_owned());
    for cost in &o.assumptions.implementation_costs {
        table.notes.push(format!(
            "Implementation {}: {} ({})",
            cost.year,
            cost.amount.full(),
            cost.description
        ));
    }
    for line in o
        .assumptions
        .lines
        .iter()
        .filter(|l| l.kind == crate::model::LineKind::OneOffCost)
    {
        table.notes.push(format!(
            "Besides posts, {}: {} ({}), counted with implementation",
            crate::model::FinancialYear::containing(line.from),
            line.amount.full(),
            line.name
        ));
    }
    table
}
