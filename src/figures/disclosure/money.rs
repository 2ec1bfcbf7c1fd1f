//! The money tables of a release: the waterfall, the one-off costs by kind, the scenarios
//! compared and the Monte Carlo run's tables, linked to the figures the staffing tables give.

use super::links::{At, Builder, Heads, Key, Measure, Scope};
use crate::engine::Outcome;
use crate::figures::tables::{Cell, Table};
use crate::model::Plan;

/// The plan's one-off cost and saving: what a payback period, a chance of payback or a spread of
/// the money is worked from.
pub(super) const MONEY: [Key; 2] = [
    Key::Staff(Measure::OneOff, Scope::Plan),
    Key::Staff(Measure::Saving, Scope::Plan),
];

/// How many people a step of the waterfall is about, by its name (none: the structure).
fn step_people(name: &str, heads: &Heads) -> Option<u32> {
    match name {
        "Voluntary redundancy" => Some(heads.route(0)),
        "Redeployed" => Some(heads.route(1)),
        "Compulsory redundancy" => Some(heads.route(2)),
        "Pay harmonisation" => Some(heads.harmonised),
        _ => None,
    }
}

/// The cost after step `i` of the waterfall (the last step ends at the target cost).
pub(super) fn after(i: usize, steps: usize) -> Key {
    if i + 1 == steps {
        Key::Staff(Measure::TargetCost, Scope::Plan)
    } else {
        Key::After(i)
    }
}

/// The figures of a waterfall (the workbook's and the chart's): each step is a saving a year,
/// the cost after each step is today's cost less the steps so far, and the last is the target
/// cost.
pub(super) fn waterfall_figures(o: &Outcome, tables: &[Table], heads: &Heads, b: &mut Builder) {
    let Some(t) = tables.iter().position(|t| t.key == "waterfall") else {
        return;
    };
    let steps = o.waterfall.steps();
    let n = steps.len();
    let today = Key::Staff(Measure::CostToday, Scope::Plan);
    let target = Key::Staff(Measure::TargetCost, Scope::Plan);
    let place = |b: &mut Builder, key: Key, row: usize, col: usize, people: Option<u32>| {
        b.publish(tables, key, At { table: t, row, col }, |_| people);
    };
    let holders = heads.people(Measure::CostToday, Scope::Plan, 0.0);
    place(b, today, 0, 1, holders);
    place(b, today, 0, 3, holders);
    for (i, (name, amount)) in steps.iter().enumerate() {
        let row = i + 1;
        let people = step_people(name, heads);
        place(b, Key::Step(i), row, 1, people);
        place(b, Key::Step(i), row, 3, people);
        // The bar starts where the cost is lower: after a saving, before a cost.
        let start = if amount.pence() >= 0 {
            after(i, n)
        } else if i == 0 {
            today
        } else {
            after(i - 1, n)
        };
        place(b, start, row, 2, None);
    }
    place(b, target, n + 1, 1, None);
    place(b, target, n + 1, 3, None);
}

/// Today's cost less the steps so far is the cost after each step.
pub(super) fn waterfall_identities(steps: usize, b: &mut Builder) {
    let today = Key::Staff(Measure::CostToday, Scope::Plan);
    for k in 0..steps {
        let mut terms = vec![(after(k, steps), 1.0), (today, -1.0)];
        terms.extend((0..=k).map(|j| (Key::Step(j), 1.0)));
        b.identity(&terms, None);
    }
}

/// The one-off costs by kind: each paid for the people it is paid for (implementation for
/// nobody), adding up to the one-off cost.
pub(super) fn one_off_figures(tables: &[Table], heads: &Heads, b: &mut Builder) {
    let Some(t) = tables.iter().position(|t| t.key == "one-off-costs") else {
        return;
    };
    let parts = tables[t].rows.len();
    for row in 0..=parts {
        let total = row == parts;
        let (key, people) = if total {
            (
                Key::Staff(Measure::OneOff, Scope::Plan),
                Some(heads.affected()),
            )
        } else {
            (Key::OneOffPart(row), heads.paid.get(row).copied())
        };
        b.publish(
            tables,
            key,
            At {
                table: t,
                row,
                col: 1,
            },
            |_| people,
        );
    }
    let mut terms = vec![(Key::Staff(Measure::OneOff, Scope::Plan), -1.0)];
    terms.extend((0..parts).map(|i| (Key::OneOffPart(i), 1.0)));
    b.identity(&terms, None);
}

/// The key of a scenario's figure: the release's own scenario's are the plan's figures.
pub(super) fn scenario_key(own: bool, index: usize, measure: usize) -> Key {
    use Measure as M;
    if own {
        let m = [
            M::TargetFte,
            M::Voluntary,
            M::Compulsory,
            M::Saving,
            M::OneOff,
            M::FteReached,
            M::AboveTarget,
        ][measure];
        Key::Staff(m, Scope::Plan)
    } else {
        Key::Scenario { index, measure }
    }
}

/// The scenarios compared: the release's own scenario's row gives the plan's figures; another
/// scenario's voluntary and compulsory redundancy and one-off cost describe the people it
/// affects, as the release's own do.
pub(super) fn scenario_figures(
    plan: &Plan,
    o: &Outcome,
    tables: &[Table],
    heads: &Heads,
    b: &mut Builder,
) {
    let Some(t) = tables.iter().position(|t| t.key == "scenarios") else {
        return;
    };
    let names = plan.scenario_names();
    for (row, cells) in tables[t].rows.iter().enumerate() {
        let Some(Cell::Text(name)) = cells.first() else {
            continue;
        };
        let Some(index) = names.iter().position(|n| n == name) else {
            continue;
        };
        let own = *name == o.scenario;
        // Another scenario's people, counted as the release's own are.
        let theirs = if own {
            None
        } else {
            plan.scenario(name)
                .map(|s| Heads::of(plan, &crate::engine::evaluate(plan, &s)))
        };
        let who = theirs.as_ref().unwrap_or(heads);
        let people = [
            None,
            Some(who.route(0)),
            Some(who.route(2)),
            None,
            Some(who.affected()),
        ];
        for (measure, people) in people.into_iter().enumerate() {
            let at = At {
                table: t,
                row,
                col: measure + 1,
            };
            b.publish(tables, scenario_key(own, index, measure), at, |_| people);
        }
        b.go_with(
            &[scenario_key(own, index, 3), scenario_key(own, index, 4)],
            At {
                table: t,
                row,
                col: 6,
            },
        );
    }
}

/// Another scenario's FTE reached is its target and what stays above it.
pub(super) fn scenario_identities(plan: &Plan, b: &mut Builder) {
    for index in 0..plan.scenario_names().len() {
        let key = |m| Key::Scenario { index, measure: m };
        b.identity(&[(key(5), 1.0), (key(0), -1.0), (key(6), -1.0)], None);
    }
}

/// The Monte Carlo run's tables speak of the plan's money and compulsory redundancies: each of
/// their figures goes when what it spreads is hidden.
pub(super) fn uncertainty_companions(o: &Outcome, tables: &[Table], b: &mut Builder) {
    let compulsory = Key::Staff(Measure::Compulsory, Scope::Plan);
    for (t, table) in tables.iter().enumerate() {
        match table.key {
            "uncertainty" => {
                for (row, cells) in table.rows.iter().enumerate() {
                    let Some(Cell::Text(label)) = cells.first() else {
                        continue;
                    };
                    let keys: &[Key] = if label.starts_with("Recurring saving") {
                        &MONEY[1..]
                    } else if label.starts_with("One-off cost") {
                        &MONEY[..1]
                    } else if label.starts_with("Payback") || label.starts_with("Chance of payback")
                    {
                        &MONEY
                    } else if label.starts_with("People dismissed")
                        || label.starts_with("Chance compulsory")
                    {
                        std::slice::from_ref(&compulsory)
                    } else {
                        &[]
                    };
                    for col in 1..cells.len() {
                        b.go_with(keys, At { table: t, row, col });
                    }
                }
            }
            "fan" => {
                for (row, cells) in table.rows.iter().enumerate() {
                    let keys = fan_keys(o, table.rows.len(), row);
                    for col in 1..cells.len() {
                        b.go_with(&keys, At { table: t, row, col });
                    }
                }
            }
            "tornado" => {
                for (row, cells) in table.rows.iter().enumerate() {
                    for col in 1..cells.len() {
                        b.go_with(&MONEY, At { table: t, row, col });
                    }
                }
                for note in 0..table.notes.len() {
                    b.note_goes_with(&MONEY, t, note);
                }
            }
            _ => {}
        }
    }
}

/// What a row of the fan (the years' spread of the cumulative net) is worked from: the plan's
/// one-off cost and saving, and the year's cumulative net as planned (where its `rows` are the
/// outcome's years).
pub(super) fn fan_keys(o: &Outcome, rows: usize, row: usize) -> Vec<Key> {
    let mut keys = MONEY.to_vec();
    if rows == o.years.len() {
        keys.push(Key::Year {
            kind: 3,
            scope: Scope::Plan,
            col: row + 1,
        });
    }
    keys
}

/// A council's share of the costs and savings may be worked from its FTE or cost today, and
/// gives its saving and one-off cost from the plan's: it goes when any of them is hidden.
pub(super) fn share_keys(c: usize) -> [Key; 4] {
    let k = |m| Key::Staff(m, Scope::Council(c));
    [
        k(Measure::FteToday),
        k(Measure::CostToday),
        k(Measure::Saving),
        k(Measure::OneOff),
    ]
}

/// By council's share column goes with the council's figures.
pub(super) fn by_council_shares(o: &Outcome, tables: &[Table], b: &mut Builder) {
    let Some(t) = tables.iter().position(|t| t.key == "by-council") else {
        return;
    };
    for c in 0..o.councils.len() {
        b.go_with(
            &share_keys(c),
            At {
                table: t,
                row: c,
                col: 2,
            },
        );
    }
}
