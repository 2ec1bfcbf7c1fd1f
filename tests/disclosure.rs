//! Disclosure control of anonymised papers (docs/disclosure.md): hand-worked releases whose
//! protection is known, the identities the protection counts checked to be true, and an attacker
//! written apart from the protection that reads only the published tables and tries to narrow
//! every hidden figure by linear programming.

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable, microlp,
    variable,
};
use merger_planner::engine;
use merger_planner::example;
use merger_planner::figures::disclosure::{
    Figure, Identity, Quantity, Reason, Release, Term, release_of,
};
use merger_planner::figures::tables::{self, Cell, Options, Table};
use merger_planner::model::{Plan, Scenario};
use proptest::prelude::*;

fn figure(value: f64, quantity: Quantity, people: Option<u32>) -> Figure {
    Figure {
        value,
        quantity,
        people,
        nonneg: true,
    }
}

/// `whole = Σ parts`, by figure index.
fn sum(whole: usize, parts: &[usize]) -> Identity {
    let mut terms = vec![(Term::Figure(whole), -1.0)];
    terms.extend(parts.iter().map(|&p| (Term::Figure(p), 1.0)));
    Identity { terms }
}

#[test]
fn a_role_of_two_people_hides_its_cost_and_one_more_in_its_function() {
    // Finance: Head of finance (2 people, £160,000), Accountants (12, £480,000), Clerks (9,
    // £270,000); the function's total £910,000.
    let release = Release {
        figures: vec![
            figure(910_000.0, Quantity::Money, Some(23)),
            figure(160_000.0, Quantity::Money, Some(2)),
            figure(480_000.0, Quantity::Money, Some(12)),
            figure(270_000.0, Quantity::Money, Some(9)),
        ],
        identities: vec![sum(0, &[1, 2, 3])],
        unpublished: 0,
    };
    let p = release.protect();
    assert_eq!(p.hidden[1], Some(Reason::Small));
    // Hiding the head alone, the total less the others gives it back: one more goes, the
    // smaller of the two (the least informative), never the total with a part left alone.
    assert_eq!(p.hidden[3], Some(Reason::Protects));
    assert_eq!(p.hidden[2], None);
    assert_eq!(p.hidden[0], None);
    // By hand: head + clerks = £430,000, each 0 or more, so each lies in [0, £430,000].
    let head = p.audit.iter().find(|i| i.figure == 1).unwrap();
    assert!(
        head.low.abs() < 0.01 && (head.high - 430_000.0).abs() < 0.02,
        "{head:?}"
    );
}

#[test]
fn a_pool_of_fifteen_with_three_women_hides_the_men_too() {
    // Women 3, men 12, everyone 15.
    let release = Release {
        figures: vec![
            figure(15.0, Quantity::People, Some(15)),
            figure(3.0, Quantity::People, Some(3)),
            figure(12.0, Quantity::People, Some(12)),
        ],
        identities: vec![sum(0, &[1, 2])],
        unpublished: 0,
    };
    let p = release.protect();
    assert_eq!(p.hidden[1], Some(Reason::Small));
    // The men (12) or everyone (15) must go with it; the men are the smaller.
    assert_eq!(p.hidden[2], Some(Reason::Protects));
    let women = p.audit.iter().find(|i| i.figure == 1).unwrap();
    assert!(women.width() >= 2.0, "{women:?}");
}

#[test]
fn a_band_of_twelve_beside_a_band_of_three_says_not_shown_not_fewer_than_five() {
    // Under 25: 3; 25-34: 12; 35-44: 40; everyone 55. The band of 12 is hidden to protect the 3:
    // the reason is protection, so the paper says "not shown".
    let release = Release {
        figures: vec![
            figure(55.0, Quantity::People, Some(55)),
            figure(3.0, Quantity::People, Some(3)),
            figure(12.0, Quantity::People, Some(12)),
            figure(40.0, Quantity::People, Some(40)),
        ],
        identities: vec![sum(0, &[1, 2, 3])],
        unpublished: 0,
    };
    let p = release.protect();
    assert_eq!(p.hidden[1], Some(Reason::Small));
    assert_eq!(p.hidden[2], Some(Reason::Protects));
    assert_eq!(p.counts(), (1, 1));
}

#[test]
fn five_expected_leavers_shared_by_fifteen_people_are_not_fewer_than_five() {
    let leaving = 15.0 * (1.0 / 3.0);
    assert!(leaving < 5.0 || leaving >= 5.0);
    let f = figure(leaving, Quantity::Fte, Some(15));
    assert!(!f.is_small());
    // A figure about 4 people is small whatever its value.
    assert!(figure(12.0, Quantity::Fte, Some(4)).is_small());
    assert!(!figure(0.0, Quantity::Fte, Some(0)).is_small());
}

#[test]
fn a_hidden_figure_the_audit_finds_too_narrow_gets_more_protection() {
    // Two small figures side by side in a total: 1 and 1 of 40. Hiding both leaves each in
    // [0, 2], exactly 2 wide: enough. But a third identity pins one of them: a = b (the same
    // figure published twice under two keys), so the programme must look further.
    let release = Release {
        figures: vec![
            figure(40.0, Quantity::People, Some(40)),
            figure(1.0, Quantity::People, Some(1)),
            figure(1.0, Quantity::People, Some(1)),
            figure(38.0, Quantity::People, Some(38)),
        ],
        identities: vec![sum(0, &[1, 2, 3])],
        unpublished: 0,
    };
    let p = release.protect();
    for i in &p.audit {
        assert!(i.width() >= 2.0 - 1e-6, "{i:?}");
    }
}

fn base(_plan: &Plan) -> Scenario {
    Scenario {
        name: Scenario::BASE.to_owned(),
        ..Scenario::default()
    }
}

/// The papers as they are (every table, then every chart's figures) and as an anonymised
/// release publishes them, in the same order.
fn anonymised(plan: &Plan) -> (Vec<Table>, Vec<Table>) {
    let scenario = base(plan);
    let o = engine::evaluate(plan, &scenario);
    let open = Options {
        anonymised: false,
        leavers: false,
        comments: false,
    };
    let closed = Options {
        anonymised: true,
        leavers: false,
        comments: false,
    };
    let mut truth = tables::all_with(plan, &scenario, open, None);
    truth.extend(
        tables::chart_tables(plan, &o, None)
            .into_iter()
            .map(|(_, t)| t),
    );
    let papers = tables::papers(plan, &scenario, closed, None);
    let mut published = papers.tables;
    published.extend(papers.charts.into_iter().map(|(_, t)| t));
    (truth, published)
}

/// Every identity the protection counts is true of the figures it protects.
fn identities_hold(plan: &Plan) {
    let scenario = base(plan);
    let o = engine::evaluate(plan, &scenario);
    let mut open = tables::all(
        plan,
        &scenario,
        Options {
            anonymised: false,
            leavers: false,
            comments: false,
        },
    );
    // With every chart's figures, as an anonymised release publishes them.
    let mut places = Vec::new();
    for (chart, table) in tables::chart_tables(plan, &o, None) {
        places.push((chart, open.len()));
        open.push(table);
    }
    let release = release_of(plan, &scenario, &o, &open, &places);
    assert!(!release.identities.is_empty());
    if let Some((i, sum)) = release.broken_identity() {
        panic!(
            "identity {i} does not hold ({sum}): {:?}",
            release.identities[i]
        );
    }
}

#[test]
fn the_identities_counted_are_true_of_the_example() {
    identities_hold(&example::bournemouth_poole());
}

// ---- The attacker: reads only the published tables. ----

fn value(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Money(m) => Some(m.as_pounds()),
        Cell::Fte(x) => Some(*x),
        Cell::Count(n) => Some(*n as f64),
        _ => None,
    }
}

fn hidden(cell: &Cell) -> bool {
    matches!(cell, Cell::Suppressed | Cell::Withheld)
}

/// A cell of the published tables, by table, row (the totals row after the rows) and column.
type Place = (usize, usize, usize);

struct Attacker<'a> {
    published: &'a [Table],
    truth: &'a [Table],
    /// Linear equations over cells: Σ coef · cell = 0 within the tolerance.
    equations: Vec<Vec<(Place, f64)>>,
    /// The first table that is a chart's.
    charts_from: usize,
}

impl Attacker<'_> {
    fn cell(tables: &[Table], (t, r, c): Place) -> Option<&Cell> {
        let table = tables.get(t)?;
        table.rows.get(r).or(table.total.as_ref())?.get(c)
    }

    fn table(&self, key: &str) -> Option<usize> {
        self.published.iter().position(|t| t.key == key)
    }

    /// A chart's table (after the workbook's, some of which share its key).
    fn chart(&self, key: &str) -> Option<usize> {
        self.published.iter().rposition(|t| t.key == key)
    }

    /// The row of a table whose first cell reads `label`.
    fn row(&self, t: usize, label: &str) -> Option<usize> {
        self.published[t]
            .rows
            .iter()
            .position(|r| matches!(r.first(), Some(Cell::Text(s)) if s == label))
    }

    /// Two cells give the same figure.
    fn same(&mut self, a: Option<Place>, b: Option<Place>) {
        if let (Some(a), Some(b)) = (a, b) {
            self.equations.push(vec![(a, 1.0), (b, -1.0)]);
        }
    }

    /// The Summary's figures are the totals of By function, By council and Pools; the base
    /// scenario's row of Scenarios repeats them; FTE reached is the target and what is above it.
    fn summary(&mut self) {
        let (Some(s), Some(f), Some(c), Some(p), Some(sc)) = (
            self.table("summary"),
            self.table("by-function"),
            self.table("by-council"),
            self.table("pools"),
            self.table("scenarios"),
        ) else {
            return;
        };
        let at = |a: &Self, label: &str| a.row(s, label).map(|r| (s, r, 1));
        let total = |a: &Self, t: usize, heading: &str| {
            a.column(t, heading)
                .map(|col| (t, a.published[t].rows.len(), col))
        };
        for (label, heading) in [
            ("FTE today", "FTE today"),
            ("Target FTE", "Target FTE"),
            ("Vacancies deleted, FTE", "Vacancies deleted FTE"),
            ("Voluntary redundancy, FTE", "Voluntary redundancy FTE"),
            ("Redeployed, FTE", "Redeployed FTE"),
            ("Compulsory redundancy, FTE", "Compulsory redundancy FTE"),
            ("New posts, FTE", "New posts FTE"),
            ("Cost today, a year", "Cost today"),
            ("Target cost, a year", "Target cost"),
            ("Recurring saving, a year", "Recurring saving"),
        ] {
            let a = at(self, label);
            let b = total(self, f, heading);
            self.same(a, b);
        }
        let a = at(self, "One-off cost");
        let b = total(self, c, "One-off cost");
        self.same(a, b);
        let base = self.row(sc, "Base");
        for (label, heading) in [
            ("Target FTE", "Target FTE"),
            ("Voluntary redundancy, FTE", "Voluntary redundancy FTE"),
            ("Compulsory redundancy, FTE", "Compulsory redundancy FTE"),
            ("Recurring saving, a year", "Recurring saving"),
            ("One-off cost", "One-off cost"),
        ] {
            let a = at(self, label);
            let b = base
                .zip(self.column(sc, heading))
                .map(|(r, col)| (sc, r, col));
            self.same(a, b);
        }
        for heading in [
            "FTE today",
            "Vacancies deleted FTE",
            "Voluntary redundancy FTE",
            "Redeployed FTE",
            "Compulsory redundancy FTE",
        ] {
            let a = total(self, p, heading);
            let b = total(self, f, heading);
            self.same(a, b);
        }
        if let (Some(reached), Some(target), Some(above)) = (
            at(self, "FTE reached"),
            at(self, "Target FTE"),
            total(self, p, "Above target FTE"),
        ) {
            self.equations
                .push(vec![(reached, 1.0), (target, -1.0), (above, -1.0)]);
        }
        // Pools: each council's FTE today is By council's, and each row keeps its sum.
        for r in 0..self.published[p].rows.len() {
            let a = self.column(p, "FTE today").map(|col| (p, r, col));
            let b = self.column(c, "FTE today").map(|col| (c, r, col));
            self.same(a, b);
        }
        let parts = [
            "Kept FTE",
            "Vacancies deleted FTE",
            "Voluntary redundancy FTE",
            "Redeployed FTE",
            "Compulsory redundancy FTE",
        ];
        if let Some(today) = self.column(p, "FTE today") {
            for r in 0..=self.published[p].rows.len() {
                let mut eq = vec![((p, r, today), -1.0)];
                eq.extend(
                    parts
                        .iter()
                        .filter_map(|h| self.column(p, h))
                        .map(|col| ((p, r, col), 1.0)),
                );
                self.equations.push(eq);
            }
        }
    }

    /// The waterfall's steps take today's cost to the target cost; the one-off costs add up.
    fn money(&mut self) {
        if let (Some(w), Some(s)) = (self.table("waterfall"), self.table("summary")) {
            let n = self.published[w].rows.len();
            let mut eq = vec![((w, 0, 1), 1.0), ((w, n, 1), -1.0)];
            eq.extend((1..n).map(|r| ((w, r, 1), -1.0)));
            self.equations.push(eq);
            let today = self.row(s, "Cost today, a year").map(|r| (s, r, 1));
            self.same(Some((w, 0, 1)), today);
            let target = self.row(s, "Target cost, a year").map(|r| (s, r, 1));
            self.same(Some((w, n, 1)), target);
        }
        if let (Some(x), Some(s)) = (self.table("one-off-costs"), self.table("summary")) {
            self.totals("one-off-costs", &["Amount"]);
            let n = self.published[x].rows.len();
            let total = self.row(s, "One-off cost").map(|r| (s, r, 1));
            self.same(Some((x, n, 1)), total);
        }
    }

    /// The charts: each draws figures the tables give, and adds up as they do.
    fn charts(&mut self) {
        let (Some(f), Some(c), Some(y)) = (
            self.table("by-function"),
            self.table("by-council"),
            self.table("by-financial-year"),
        ) else {
            return;
        };
        let councils = self.published[c].rows.len();
        let functions = self.published[f].rows.len();
        // Overlap and savings: a council's part of each function, adding up both ways.
        for (key, heading, council_heading) in [
            ("overlap", "FTE today", "FTE today"),
            ("savings", "Saving a year", "Recurring saving"),
        ] {
            let Some(t) = self.chart(key) else { continue };
            if self.published[t].rows.len() != functions {
                continue;
            }
            let (Some(whole), Some(fcol), Some(ccol)) = (
                self.column(t, heading),
                self.column(
                    f,
                    if key == "overlap" {
                        "FTE today"
                    } else {
                        "Recurring saving"
                    },
                ),
                self.column(c, council_heading),
            ) else {
                continue;
            };
            for r in 0..functions {
                let mut eq = vec![((t, r, whole), -1.0)];
                eq.extend((0..councils).map(|k| ((t, r, 1 + k), 1.0)));
                self.equations.push(eq);
                self.same(Some((t, r, whole)), Some((f, r, fcol)));
            }
            for k in 0..councils {
                let mut eq = vec![((c, k, ccol), -1.0)];
                eq.extend((0..functions).map(|r| ((t, r, 1 + k), 1.0)));
                self.equations.push(eq);
            }
        }
        // The council split: each council's saving and one-off cost.
        if let Some(t) = self.chart("split") {
            for k in 0..councils.min(self.published[t].rows.len()) {
                for (a, b) in [
                    ("Saving a year", "Recurring saving"),
                    ("One-off cost", "One-off cost"),
                ] {
                    let x = self.column(t, a).map(|col| (t, k, col));
                    let z = self.column(c, b).map(|col| (c, k, col));
                    self.same(x, z);
                }
            }
        }
        // Money over time: the plan's rows of By financial year.
        if let Some(t) = self.chart("money") {
            for r in 0..self.published[t].rows.len() {
                for (col, row) in [(1, 0), (2, 1), (3, 2), (4, 3)] {
                    self.same(Some((t, r, col)), Some((y, row, r + 1)));
                }
            }
        }
        // Pools by function: By function's figures, each row keeping its sum.
        if let Some(t) = self.chart("pools") {
            for r in 0..functions.min(self.published[t].rows.len()) {
                for heading in [
                    "Vacancies deleted FTE",
                    "Voluntary redundancy FTE",
                    "Redeployed FTE",
                    "Compulsory redundancy FTE",
                    "FTE today",
                ] {
                    let x = self.column(t, heading).map(|col| (t, r, col));
                    let z = self.column(f, heading).map(|col| (f, r, col));
                    self.same(x, z);
                }
                if let Some(today) = self.column(t, "FTE today") {
                    let mut eq = vec![((t, r, today), -1.0)];
                    eq.extend(
                        [
                            "Kept FTE",
                            "Vacancies deleted FTE",
                            "Voluntary redundancy FTE",
                            "Redeployed FTE",
                            "Compulsory redundancy FTE",
                        ]
                        .iter()
                        .filter_map(|h| self.column(t, h))
                        .map(|col| ((t, r, col), 1.0)),
                    );
                    self.equations.push(eq);
                }
            }
        }
    }

    fn column(&self, t: usize, heading: &str) -> Option<usize> {
        self.published[t].headings.iter().position(|h| h == heading)
    }

    /// Rows add up to the totals row, column by column.
    fn totals(&mut self, key: &str, columns: &[&str]) {
        let Some(t) = self.table(key) else { return };
        let n = self.published[t].rows.len();
        for heading in columns {
            let Some(c) = self.column(t, heading) else {
                continue;
            };
            let mut eq = vec![((t, n, c), -1.0)];
            eq.extend((0..n).map(|r| ((t, r, c), 1.0)));
            self.equations.push(eq);
        }
    }

    /// In every row and the totals row: a − b − c = 0.
    fn rows(&mut self, key: &str, a: &str, b: &str, c: &str) {
        let Some(t) = self.table(key) else { return };
        let (Some(a), Some(b), Some(c)) = (self.column(t, a), self.column(t, b), self.column(t, c))
        else {
            return;
        };
        for r in 0..=self.published[t].rows.len() {
            self.equations
                .push(vec![((t, r, a), 1.0), ((t, r, b), -1.0), ((t, r, c), -1.0)]);
        }
    }

    /// The functions of By function are the sums of their roles in By role.
    fn roles_to_functions(&mut self, columns: &[&str]) {
        let (Some(f), Some(r)) = (self.table("by-function"), self.table("by-role")) else {
            return;
        };
        let fname = |row: &Vec<Cell>| match &row[0] {
            Cell::Text(s) => s.clone(),
            _ => String::new(),
        };
        for (fr, function) in self.published[f].rows.iter().enumerate() {
            let name = fname(function);
            let roles: Vec<usize> = self.published[r]
                .rows
                .iter()
                .enumerate()
                .filter(|(_, row)| matches!(&row[1], Cell::Text(s) if *s == name))
                .map(|(i, _)| i)
                .collect();
            for heading in columns {
                let (Some(fc), Some(rc)) = (self.column(f, heading), self.column(r, heading))
                else {
                    continue;
                };
                let mut eq = vec![((f, fr, fc), -1.0)];
                eq.extend(roles.iter().map(|&i| ((r, i, rc), 1.0)));
                self.equations.push(eq);
            }
        }
    }

    /// A council's proposed redundancies are the same in By council and the Timetable.
    fn timetable(&mut self) {
        let (Some(c), Some(t)) = (self.table("by-council"), self.table("timetable")) else {
            return;
        };
        let (Some(cc), Some(tc)) = (
            self.column(c, "People proposed for redundancy"),
            self.column(t, "Proposed redundancies"),
        ) else {
            return;
        };
        if self.published[t].rows.len() != self.published[c].rows.len() {
            return;
        }
        for r in 0..self.published[c].rows.len() {
            self.equations
                .push(vec![((c, r, cc), 1.0), ((t, r, tc), -1.0)]);
        }
    }

    /// By financial year: each row adds up across to its total; saving less one-off cost is the
    /// net; the councils add up to the plan; a council's one-off cost in all is By council's.
    fn years(&mut self) {
        let (Some(y), Some(c)) = (self.table("by-financial-year"), self.table("by-council")) else {
            return;
        };
        let cols = self.published[y].headings.len();
        let councils = self.published[c].rows.len();
        // Rows: plan saving, one-off, net, cumulative; then each council's saving, one-off, net.
        let mut blocks = vec![(0, 1, 2)];
        blocks.extend((0..councils).map(|i| (4 + 3 * i, 5 + 3 * i, 6 + 3 * i)));
        for &(saving, one_off, net) in &blocks {
            for row in [saving, one_off, net] {
                let mut eq = vec![((y, row, cols - 1), -1.0)];
                eq.extend((1..cols - 1).map(|col| ((y, row, col), 1.0)));
                self.equations.push(eq);
            }
            for col in 1..cols {
                self.equations.push(vec![
                    ((y, saving, col), 1.0),
                    ((y, one_off, col), -1.0),
                    ((y, net, col), -1.0),
                ]);
            }
        }
        for k in 0..3 {
            for col in 1..cols {
                let mut eq = vec![((y, k, col), -1.0)];
                eq.extend((0..councils).map(|i| ((y, 4 + 3 * i + k, col), 1.0)));
                self.equations.push(eq);
            }
        }
        if let Some(one_off) = self.column(c, "One-off cost") {
            for i in 0..councils {
                self.equations.push(vec![
                    ((c, i, one_off), 1.0),
                    ((y, 5 + 3 * i, cols - 1), -1.0),
                ]);
            }
        }
    }

    /// In the equality table, each block's groups add up to its "Everyone" row.
    fn equality(&mut self) {
        let Some(t) = self.table("equality") else {
            return;
        };
        let rows = &self.published[t].rows;
        let mut start = 0;
        for (r, row) in rows.iter().enumerate() {
            if matches!(&row[2], Cell::Text(s) if s == "Everyone") {
                for c in 3..=5 {
                    let mut eq = vec![((t, r, c), -1.0)];
                    eq.extend((start..r).map(|g| ((t, g, c), 1.0)));
                    self.equations.push(eq);
                }
                start = r + 1;
            }
        }
    }

    /// The hidden cells, each with the group of hidden cells linked to it by equations.
    fn groups(&self) -> std::collections::HashMap<Place, usize> {
        let mut group: std::collections::HashMap<Place, usize> = std::collections::HashMap::new();
        let mut next = 0;
        for eq in &self.equations {
            let hidden_here: Vec<Place> = eq
                .iter()
                .map(|(p, _)| *p)
                .filter(|p| Self::cell(self.published, *p).is_some_and(hidden))
                .collect();
            let mut ids: Vec<usize> = hidden_here
                .iter()
                .filter_map(|p| group.get(p).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let id = ids.first().copied().unwrap_or_else(|| {
                next += 1;
                next
            });
            for g in group.values_mut() {
                if ids.contains(g) {
                    *g = id;
                }
            }
            for p in hidden_here {
                group.insert(p, id);
            }
        }
        group
    }

    /// The lowest and highest value of a hidden cell consistent with what is published.
    fn narrow(
        &self,
        target: Place,
        groups: &std::collections::HashMap<Place, usize>,
    ) -> (f64, f64) {
        let mine = groups.get(&target).copied();
        let equations: Vec<&Vec<(Place, f64)>> = self
            .equations
            .iter()
            .filter(|eq| {
                eq.iter()
                    .any(|(p, _)| groups.get(p).copied() == mine && mine.is_some())
            })
            .collect();
        let mut places: Vec<Place> = Vec::new();
        for eq in &equations {
            for (p, _) in *eq {
                if Self::cell(self.published, *p).is_some_and(hidden) && !places.contains(p) {
                    places.push(*p);
                }
            }
        }
        let solve = |maximise: bool| -> f64 {
            let mut vars = ProblemVariables::new();
            let x: Vec<Variable> = places
                .iter()
                .map(|p| {
                    // Savings and overlaps may be negative; everything else is 0 or more.
                    let heading = &self.published[p.0].headings[p.2];
                    if heading.contains("saving") || heading.contains("Overlap") {
                        vars.add(variable())
                    } else {
                        vars.add(variable().min(0.0))
                    }
                })
                .collect();
            let Some(i) = places.iter().position(|p| *p == target) else {
                return if maximise {
                    f64::INFINITY
                } else {
                    f64::NEG_INFINITY
                };
            };
            let mut model = if maximise {
                vars.maximise(x[i]).using(microlp)
            } else {
                vars.minimise(x[i]).using(microlp)
            };
            for eq in &equations {
                let mut e = Expression::from(0.0);
                let mut live = false;
                let mut ok = true;
                for (p, coef) in *eq {
                    match Self::cell(self.published, *p) {
                        Some(c) if hidden(c) => {
                            let j = places
                                .iter()
                                .position(|q| q == p)
                                .expect("a hidden cell has a variable");
                            e += *coef * x[j];
                            live = true;
                        }
                        Some(c) => match value(c) {
                            Some(v) => e += *coef * v,
                            None => ok = false,
                        },
                        None => ok = false,
                    }
                }
                if live && ok {
                    // Each published figure is rounded: FTE to 0.1, money to the penny (in the
                    // charts, to the pound).
                    let slack: f64 = eq
                        .iter()
                        .map(|(p, _)| match Self::cell(self.truth, *p) {
                            Some(Cell::Money(_)) if p.0 >= self.charts_from => 0.51,
                            Some(Cell::Money(_)) => 0.006,
                            Some(Cell::Fte(_)) => 0.06,
                            _ => 0.01,
                        })
                        .sum();
                    model = model.with(e.clone().leq(slack));
                    model = model.with(e.geq(-slack));
                }
            }
            match model.solve() {
                Ok(s) => s.value(x[i]),
                Err(ResolutionError::Unbounded) => {
                    if maximise {
                        f64::INFINITY
                    } else {
                        f64::NEG_INFINITY
                    }
                }
                Err(e) => panic!("the attacker's programme failed: {e:?}"),
            }
        };
        (solve(false), solve(true))
    }

    /// Every hidden cell's interval, checked against what it needs; the cells narrowed too far.
    fn attack(&self) -> Vec<String> {
        let groups = self.groups();
        let mut found = Vec::new();
        let mut checked = std::collections::HashSet::new();
        for eq in &self.equations {
            for (p, _) in eq {
                let Some(c) = Self::cell(self.published, *p) else {
                    continue;
                };
                if !hidden(c) || !checked.insert(*p) {
                    continue;
                }
                let Some(truth) = Self::cell(self.truth, *p).and_then(value) else {
                    continue;
                };
                let (low, high) = self.narrow(*p, &groups);
                let money = matches!(Self::cell(self.truth, *p), Some(Cell::Money(_)));
                let need = if money {
                    (0.1 * truth.abs()).max(1.0)
                } else {
                    2.0
                };
                // The attacker's slack is wider than the protection's rounding, so allow a hair.
                if high - low + 0.5 < need {
                    found.push(format!(
                        "{} row {} \"{}\": {truth} narrowed to [{low}, {high}]",
                        self.published[p.0].title, p.1, self.published[p.0].headings[p.2]
                    ));
                }
            }
        }
        found
    }
}

fn attack(plan: &Plan) -> (usize, Vec<String>) {
    let (truth, published) = anonymised(plan);
    let charts_from = published
        .iter()
        .position(|t| t.key == "overlap")
        .unwrap_or(published.len());
    let mut a = Attacker {
        published: &published,
        truth: &truth,
        equations: Vec::new(),
        charts_from,
    };
    let money = ["Cost today", "Target cost", "Recurring saving"];
    let fte = [
        "FTE today",
        "Target FTE",
        "Overlap FTE",
        "Vacancies deleted FTE",
        "Voluntary redundancy FTE",
        "Redeployed FTE",
        "Compulsory redundancy FTE",
        "New posts FTE",
    ];
    let all: Vec<&str> = fte.iter().chain(&money).copied().collect();
    a.totals("by-function", &all);
    a.totals("by-role", &all);
    a.totals(
        "by-council",
        &[
            "FTE today",
            "Cost today",
            "Share of target cost",
            "Recurring saving",
            "One-off cost",
            "People proposed for redundancy",
        ],
    );
    a.rows("by-function", "FTE today", "Target FTE", "Overlap FTE");
    a.rows("by-role", "FTE today", "Target FTE", "Overlap FTE");
    a.rows(
        "by-function",
        "Cost today",
        "Target cost",
        "Recurring saving",
    );
    a.rows("by-role", "Cost today", "Target cost", "Recurring saving");
    a.rows(
        "by-council",
        "Cost today",
        "Share of target cost",
        "Recurring saving",
    );
    a.roles_to_functions(&all);
    a.timetable();
    a.years();
    a.equality();
    a.summary();
    a.money();
    a.charts();
    let hidden_cells = published
        .iter()
        .flat_map(|t| t.rows.iter().chain(&t.total))
        .flatten()
        .filter(|c| hidden(c))
        .count();
    (hidden_cells, a.attack())
}

#[test]
fn the_examples_anonymised_workbook_survives_subtraction_and_linear_programming() {
    let plan = example::bournemouth_poole();
    let (hidden, narrowed) = attack(&plan);
    assert!(hidden > 0, "the example has small groups to hide");
    assert!(narrowed.is_empty(), "{}", narrowed.join("\n"));
}

#[test]
fn the_head_of_finance_cannot_be_worked_out_from_the_function() {
    let plan = example::bournemouth_poole();
    let (truth, published) = anonymised(&plan);
    let role = published.iter().find(|t| t.key == "by-role").unwrap();
    let cost = role
        .headings
        .iter()
        .position(|h| h == "Cost today")
        .unwrap();
    let hidden_roles: Vec<usize> = (0..role.rows.len())
        .filter(|&r| hidden(&role.rows[r][cost]))
        .collect();
    // Every function with a hidden role cost hides at least one more figure of that column
    // (a role's, or the function's own).
    let function_of = |r: usize| match &role.rows[r][1] {
        Cell::Text(s) => s.clone(),
        _ => String::new(),
    };
    let functions = published.iter().find(|t| t.key == "by-function").unwrap();
    for r in hidden_roles {
        let f = function_of(r);
        let others = (0..role.rows.len())
            .filter(|&o| o != r && function_of(o) == f && hidden(&role.rows[o][cost]))
            .count();
        let f_row = functions
            .rows
            .iter()
            .position(|row| matches!(&row[0], Cell::Text(s) if *s == f))
            .unwrap();
        let f_hidden = hidden(&functions.rows[f_row][9]);
        assert!(
            others > 0 || f_hidden,
            "{f}: one role's cost hidden alone ({:?})",
            truth.iter().find(|t| t.key == "by-role").unwrap().rows[r][cost]
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn no_anonymised_release_of_a_random_plan_can_be_narrowed(
        councils in 2usize..=6,
        posts in 5usize..=300,
        seed in 0u64..1_000,
        monitored in any::<bool>(),
    ) {
        let mut plan = example::reorganisation(councils, posts, seed);
        // Equality monitoring recorded, or not (age only).
        if !monitored {
            for holder in plan.posts.iter_mut().filter_map(|p| p.holder.as_mut()) {
                holder.monitoring = merger_planner::model::Monitoring::default();
            }
        }
        identities_hold(&plan);
        let (_, narrowed) = attack(&plan);
        prop_assert!(narrowed.is_empty(), "{}", narrowed.join("\n"));
    }
}

#[test]
fn a_fifty_five_person_plan_with_equality_monitoring_survives_the_attacker() {
    let plan = example::reorganisation(2, 55, 3);
    let recorded = plan
        .posts
        .iter()
        .filter_map(|p| p.holder.as_ref())
        .filter(|h| h.monitoring.sex.is_some())
        .count();
    assert!(
        recorded > 20,
        "the plan records sex for most of its people: {recorded}"
    );
    identities_hold(&plan);
    let (hidden, narrowed) = attack(&plan);
    assert!(hidden > 0);
    assert!(narrowed.is_empty(), "{}", narrowed.join("\n"));
}

#[test]
fn a_sums_total_is_the_one_figure_on_its_side() {
    assert_eq!(sum(0, &[1, 2, 3]).lone_total(), Some(0));
    // a = b has no total; nor has a row whose sides are two and two.
    assert_eq!(sum(0, &[1]).lone_total(), None);
    let row = Identity {
        terms: vec![
            (Term::Figure(0), 1.0),
            (Term::Figure(1), 1.0),
            (Term::Figure(2), -1.0),
            (Term::Figure(3), -1.0),
        ],
    };
    assert_eq!(row.lone_total(), None);
}

#[test]
fn a_small_plans_hidden_totals_are_hidden_wherever_they_are_repeated() {
    // Plans small enough that some of the plan's own totals describe fewer than 5 people.
    let mut bit = 0;
    for seed in 0..6 {
        let plan = example::reorganisation(2, 14, seed);
        let (_, published) = anonymised(&plan);
        let find = |key: &str| published.iter().find(|t| t.key == key).unwrap();
        let summary = find("summary");
        let scenarios = find("scenarios");
        let base = scenarios
            .rows
            .iter()
            .find(|r| matches!(&r[0], Cell::Text(s) if s == "Base"))
            .unwrap();
        for (label, heading) in [
            ("Voluntary redundancy, FTE", "Voluntary redundancy FTE"),
            ("Compulsory redundancy, FTE", "Compulsory redundancy FTE"),
            ("One-off cost", "One-off cost"),
        ] {
            let row = summary
                .rows
                .iter()
                .find(|r| matches!(&r[0], Cell::Text(s) if s == label))
                .unwrap();
            if hidden(&row[1]) {
                bit += 1;
                let col = scenarios
                    .headings
                    .iter()
                    .position(|h| h == heading)
                    .unwrap();
                assert!(
                    hidden(&base[col]),
                    "seed {seed}: the Summary hides {label} but Scenarios gives it: {:?}",
                    base[col]
                );
            }
        }
        let (_, narrowed) = attack(&plan);
        assert!(narrowed.is_empty(), "seed {seed}: {}", narrowed.join("\n"));
    }
    assert!(
        bit > 0,
        "no plan had a hidden total: the test proves nothing"
    );
}

/// The root of `i` in a union-find forest.
fn root(g: &mut [usize], mut i: usize) -> usize {
    while g[i] != i {
        i = g[i];
    }
    i
}

/// No figure is hidden for nothing: in a release with a few figures hidden, showing any one
/// hidden only to protect others again would let the audit narrow some hidden figure too far.
#[test]
fn nothing_is_hidden_that_did_not_need_to_be() {
    let mut checked = 0;
    for seed in 0..12 {
        let plan = example::reorganisation(2, 8 + (seed as usize % 5) * 3, seed);
        let scenario = base(&plan);
        let o = engine::evaluate(&plan, &scenario);
        let tables = tables::all_with(
            &plan,
            &scenario,
            Options {
                anonymised: false,
                leavers: false,
                comments: false,
            },
            None,
        );
        let release = release_of(&plan, &scenario, &o, &tables, &[]);
        let protection = release.protect();
        let hidden: rustc_hash::FxHashSet<usize> = (0..release.figures.len())
            .filter(|&f| protection.hidden[f].is_some())
            .collect();
        // The figures linked by identities: each such group is protected apart, and its
        // hidden figures are checked where they are few.
        let mut group: Vec<usize> = (0..release.figures.len()).collect();
        for identity in &release.identities {
            let figures: Vec<usize> = identity
                .terms
                .iter()
                .filter_map(|(t, _)| match t {
                    Term::Figure(f) => Some(*f),
                    Term::Hidden(_) => None,
                })
                .collect();
            for w in figures.windows(2) {
                let (a, b) = (root(&mut group, w[0]), root(&mut group, w[1]));
                group[a] = b;
            }
        }
        let mut hidden_in: std::collections::HashMap<usize, usize> =
            std::collections::HashMap::default();
        for &f in &hidden {
            *hidden_in.entry(root(&mut group, f)).or_default() += 1;
        }
        for &f in &hidden {
            let few = hidden_in[&root(&mut group, f)]
                <= merger_planner::figures::disclosure::GIVE_BACK_UP_TO;
            if protection.hidden[f] != Some(Reason::Protects) || !few {
                continue;
            }
            checked += 1;
            let mut trial = hidden.clone();
            trial.remove(&f);
            let narrowed = release
                .audit(&trial)
                .iter()
                .any(|i| i.width() + 1e-6 < release.figures[i.figure].least_width());
            assert!(
                narrowed,
                "seed {seed}: figure {f} ({:?}) was hidden for nothing",
                release.figures[f]
            );
        }
    }
    assert!(
        checked > 0,
        "no figure hidden to protect another was checked"
    );
}

/// Pools > Equality protects its table again only when its figures change: renaming a council
/// leaves them alone; a deeper cut changes who is at risk.
#[test]
fn the_equality_fingerprint_follows_the_figures_not_the_edits() {
    let plan = example::bournemouth_poole();
    let scenario = base(&plan);
    let print = |plan: &Plan| {
        let o = engine::evaluate(plan, &scenario);
        tables::equality_fingerprint(plan, &o)
    };
    let before = print(&plan);
    let mut renamed = plan.clone();
    renamed.councils[0].name = "Bournemouth, Christchurch and Poole".to_owned();
    assert_eq!(print(&renamed), before);
    let mut deeper = plan.clone();
    for role in &mut deeper.roles {
        role.target_fte = (role.target_fte - 1.0).max(0.0);
    }
    assert_ne!(print(&deeper), before);
}

/// A chart the release did not protect is never drawn in anonymised papers (the fan, say, when
/// the release was made without the Monte Carlo run); without anonymity every chart may be.
#[test]
fn an_anonymised_paper_draws_only_the_charts_its_release_protected() {
    let plan = example::bournemouth_poole();
    let scenario = base(&plan);
    let anonymised = Options {
        anonymised: true,
        leavers: false,
        comments: false,
    };
    let papers = tables::papers(&plan, &scenario, anonymised, None);
    assert!(!papers.may_draw(merger_planner::model::Chart::Fan));
    assert!(papers.may_draw(merger_planner::model::Chart::Money));
    assert!(
        !papers.may_draw(merger_planner::model::Chart::Overlap),
        "it hides a part"
    );
    let open = tables::papers(&plan, &scenario, Options::default(), None);
    assert!(open.may_draw(merger_planner::model::Chart::Fan));
    assert!(open.may_draw(merger_planner::model::Chart::Overlap));
}
