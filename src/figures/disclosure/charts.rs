//! The charts of a release: each chart's table of figures linked to the figures the tables give
//! (a chart publishes what it draws), and its headline (the table's first note) going with the
//! figures it speaks of. A chart whose table keeps something hidden is not drawn.

use super::links::{At, Builder, Heads, Key, Measure, Scope};
use super::money::{MONEY, after, fan_keys, scenario_key, share_keys};
use crate::engine::Outcome;
use crate::figures::charts::PoolBar;
use crate::figures::tables::{Cell, Table};
use crate::model::{Chart, Plan};

/// Publishes each chart's figures: `charts` gives each chart and its table's place in `tables`.
pub(super) fn chart_figures(
    plan: &Plan,
    o: &Outcome,
    tables: &[Table],
    charts: &[(Chart, usize)],
    heads: &Heads,
    b: &mut Builder,
) {
    for &(chart, t) in charts {
        let mut c = On {
            b: &mut *b,
            heads,
            tables,
            table: &tables[t],
            t,
            whole: true,
        };
        let councils = o.councils.len();
        let plan_key = |m| Key::Staff(m, Scope::Plan);
        let headline: Vec<Key> = match chart {
            Chart::Overlap => {
                c.fits(1 + councils + 3, o.functions.len());
                for f in 0..o.functions.len() {
                    for k in 0..councils {
                        c.staff(f, 1 + k, Measure::FteToday, Scope::Part(f, k));
                    }
                    c.staff(f, councils + 1, Measure::FteToday, Scope::Function(f));
                    c.staff(f, councils + 2, Measure::TargetFte, Scope::Function(f));
                    c.staff(f, councils + 3, Measure::Overlap, Scope::Function(f));
                }
                vec![
                    plan_key(Measure::Overlap),
                    plan_key(Measure::FteToday),
                    plan_key(Measure::TargetFte),
                ]
            }
            Chart::Savings => {
                c.fits(1 + councils + 1, o.functions.len());
                for f in 0..o.functions.len() {
                    for k in 0..councils {
                        c.staff(f, 1 + k, Measure::Saving, Scope::Part(f, k));
                    }
                    c.staff(f, councils + 1, Measure::Saving, Scope::Function(f));
                }
                vec![plan_key(Measure::Saving)]
            }
            Chart::Waterfall => {
                let n = o.waterfall.steps().len();
                c.fits(3, n + 2);
                let today = plan_key(Measure::CostToday);
                let target = plan_key(Measure::TargetCost);
                c.figure(0, 1, today, None);
                c.figure(0, 2, today, None);
                for i in 0..n {
                    c.figure(i + 1, 1, Key::Step(i), None);
                    c.figure(i + 1, 2, after(i, n), None);
                }
                c.figure(n + 1, 1, target, None);
                c.figure(n + 1, 2, target, None);
                vec![plan_key(Measure::Saving)]
            }
            Chart::Pools => {
                let columns = c.table.headings.len();
                c.fits(columns, o.functions.len());
                let measures: Vec<Option<Measure>> =
                    c.table.headings.iter().map(|h| pool_measure(h)).collect();
                if measures.iter().skip(1).any(Option::is_none) {
                    c.whole = false;
                }
                for f in 0..o.functions.len() {
                    for (col, m) in measures.iter().enumerate().skip(1) {
                        if let Some(m) = m {
                            c.staff(f, col, *m, Scope::Function(f));
                        }
                    }
                }
                vec![plan_key(Measure::Voluntary), plan_key(Measure::Compulsory)]
            }
            Chart::Money => {
                c.fits(5, o.years.len());
                for i in 0..o.years.len() {
                    for kind in 0..4 {
                        let key = Key::Year {
                            kind,
                            scope: Scope::Plan,
                            col: i + 1,
                        };
                        c.figure(i, kind + 1, key, None);
                    }
                }
                MONEY.to_vec()
            }
            Chart::Split => {
                c.fits(4, councils);
                for k in 0..councils {
                    c.goes_with(&share_keys(k), k, 1);
                    c.staff(k, 2, Measure::Saving, Scope::Council(k));
                    c.staff(k, 3, Measure::OneOff, Scope::Council(k));
                }
                MONEY.to_vec()
            }
            Chart::Scenarios => {
                let names = plan.scenario_names();
                c.fits(8, names.len());
                let mut savings = Vec::new();
                for (row, cells) in c.table.rows.iter().enumerate() {
                    let Some(Cell::Text(name)) = cells.first() else {
                        continue;
                    };
                    let Some(index) = names.iter().position(|n| n == name) else {
                        c.whole = false;
                        continue;
                    };
                    let own = *name == o.scenario;
                    let key = |m| scenario_key(own, index, m);
                    // Saving, one-off cost, payback, VR, compulsory, FTE after, short of target.
                    c.figure(row, 1, key(3), None);
                    c.figure(row, 2, key(4), None);
                    c.goes_with(&[key(3), key(4)], row, 3);
                    c.figure(row, 4, key(1), None);
                    c.figure(row, 5, key(2), None);
                    c.figure(row, 6, key(5), None);
                    c.figure(row, 7, key(6), None);
                    savings.push(key(3));
                    savings.push(key(4));
                }
                // The headline names the scenario that saves most and the one that costs least
                // once, and the differences between them.
                savings
            }
            Chart::Fan | Chart::Tornado => {
                // The fan's rows are the years, each drawn about the cumulative net as planned.
                let rows = c.table.rows.len();
                for row in 0..rows {
                    let keys = if chart == Chart::Fan {
                        fan_keys(o, rows, row)
                    } else {
                        MONEY.to_vec()
                    };
                    for col in 1..c.table.headings.len() {
                        c.goes_with(&keys, row, col);
                    }
                }
                MONEY.to_vec()
            }
            Chart::Equality => equality_chart(&mut c, plan, o),
            Chart::Timetable => Vec::new(),
        };
        let whole = c.whole;
        // A chart whose table does not line up with the plan is not published at all.
        if !whole {
            for (row, cells) in tables[t].rows.iter().enumerate() {
                for col in 0..cells.len() {
                    b.unmatched.push(At { table: t, row, col });
                }
            }
        }
        for note in 0..tables[t].notes.len().min(1) {
            b.note_goes_with(&headline, t, note);
        }
    }
}

/// The measure a heading of the pools chart shows.
fn pool_measure(heading: &str) -> Option<Measure> {
    if heading == "FTE today" {
        return Some(Measure::FteToday);
    }
    PoolBar::ALL
        .iter()
        .find(|p| heading == format!("{} FTE", p.name()))
        .map(|p| match p {
            PoolBar::VacanciesDeleted => Measure::VacanciesDeleted,
            PoolBar::Voluntary => Measure::Voluntary,
            PoolBar::Redeployed => Measure::Redeployed,
            PoolBar::Compulsory => Measure::Compulsory,
            PoolBar::Kept => Measure::Kept,
        })
}

/// The equality chart: each group's workforce (all pools), its rate and finding going with its
/// workforce and leavers; the headline with everyone's.
fn equality_chart(c: &mut On<'_, '_>, plan: &Plan, o: &Outcome) -> Vec<Key> {
    use crate::engine::equality::Characteristic;
    let e = crate::engine::equality::of_outcome(plan, o);
    let key = |characteristic, group, measure| Key::Equality {
        characteristic,
        pool: None,
        group,
        measure,
    };
    for (row, cells) in c.table.rows.iter().enumerate() {
        let Some(Cell::Text(label)) = cells.first() else {
            continue;
        };
        let found = e.breakdowns.iter().enumerate().find_map(|(ch, b)| {
            b.groups
                .iter()
                .position(|g| {
                    *label
                        == if b.characteristic == Characteristic::Age {
                            format!("Aged {g}")
                        } else {
                            format!("{}: {g}", b.characteristic.name())
                        }
                })
                .map(|g| (ch, g))
        });
        match found {
            Some((ch, g)) => {
                c.figure(row, 1, key(ch, Some(g), 0), None);
                c.goes_with(&[key(ch, Some(g), 0), key(ch, Some(g), 2)], row, 2);
                c.goes_with(&[key(ch, Some(g), 0), key(ch, Some(g), 2)], row, 3);
            }
            // The line that counts the groups not drawn gives no figure.
            None if label.ends_with("more groups") => {}
            None => c.whole = false,
        }
    }
    vec![key(0, None, 0), key(0, None, 2)]
}

/// Publishing one chart's table.
struct On<'b, 't> {
    b: &'b mut Builder,
    heads: &'t Heads,
    /// Every table of the release (the chart's is `tables[t]`).
    tables: &'t [Table],
    table: &'t Table,
    t: usize,
    /// Every figure found its place (else the chart is not published).
    whole: bool,
}

impl On<'_, '_> {
    /// The table has the columns and rows the plan gives it.
    fn fits(&mut self, columns: usize, rows: usize) {
        if self.table.headings.len() != columns || self.table.rows.len() != rows {
            self.whole = false;
        }
    }

    /// The cell at `row`, `col` is the figure `key` (about `people`, where it is new).
    fn figure(&mut self, row: usize, col: usize, key: Key, people: Option<u32>) {
        // Within the chart's rows (a row past them would be read as a totals row).
        if row < self.table.rows.len() {
            let at = At {
                table: self.t,
                row,
                col,
            };
            self.b.publish(self.tables, key, at, |_| people);
        }
    }

    /// A staffing figure, about the people its measure describes.
    fn staff(&mut self, row: usize, col: usize, measure: Measure, scope: Scope) {
        if row < self.table.rows.len() {
            let at = At {
                table: self.t,
                row,
                col,
            };
            let heads = self.heads;
            self.b
                .publish(self.tables, Key::Staff(measure, scope), at, |v| {
                    heads.people(measure, scope, v)
                });
        }
    }

    /// The cell at `row`, `col` goes when any of `keys` is hidden.
    fn goes_with(&mut self, keys: &[Key], row: usize, col: usize) {
        self.b.go_with(
            keys,
            At {
                table: self.t,
                row,
                col,
            },
        );
    }
}
