//! The anonymised release as a [`Release`]: which published cell is which figure (a figure in
//! several tables is one figure), how many people each describes, and the identities among them;
//! and the protection put back into the tables.

use rustc_hash::FxHashMap;

use super::{Figure, Identity, Protection, Quantity, Reason, Release, Term};
use crate::engine::Outcome;
use crate::figures::tables::{Cell, Table};
use crate::model::{Chart, Plan, Scenario, TargetPay};

/// Where a figure is: a table of the release, a row (its totals row after the rows) and a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct At {
    pub(super) table: usize,
    pub(super) row: usize,
    pub(super) col: usize,
}

/// What a staffing figure is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Scope {
    Plan,
    Function(usize),
    Role(usize),
    Council(usize),
    /// A council's part of a wave (a timetable row when functions go live in waves).
    Wave(usize, usize),
    /// A council's part of a function (function, council): the overlap and savings charts.
    Part(usize, usize),
}

/// What a staffing figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Measure {
    FteToday,
    TargetFte,
    Overlap,
    VacanciesDeleted,
    Voluntary,
    Redeployed,
    Compulsory,
    NewPosts,
    Kept,
    AboveTarget,
    CostToday,
    TargetCost,
    Saving,
    OneOff,
    Proposed,
    Counted,
    LeavingAfterGoLive,
    /// The FTE the single service has after the change: the target and what stays above it.
    FteReached,
    /// The savings lost to notice running past go-live (money over those leaving after it).
    SavingsLost,
}

/// Measures that add up: a function's is the sum of its roles', the plan's the sum of the
/// functions' and of the councils'.
const ADDITIVE: [Measure; 15] = [
    Measure::FteToday,
    Measure::TargetFte,
    Measure::Overlap,
    Measure::VacanciesDeleted,
    Measure::Voluntary,
    Measure::Redeployed,
    Measure::Compulsory,
    Measure::NewPosts,
    Measure::Kept,
    Measure::AboveTarget,
    Measure::CostToday,
    Measure::TargetCost,
    Measure::Saving,
    Measure::OneOff,
    Measure::Proposed,
];

/// A figure's identity in the release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Key {
    Staff(Measure, Scope),
    /// A step of the waterfall, by its place in the engine's steps (a saving a year; a cost is
    /// negative).
    Step(usize),
    /// The cost after a step of the waterfall.
    After(usize),
    /// A part of the one-off cost: redundancy pay (0), pension strain (1), Class 1A NI (2), pay
    /// protection (3), implementation (4).
    OneOffPart(usize),
    /// A figure of another scenario than the release's (by its place in the plan's scenarios):
    /// target FTE (0), voluntary (1) and compulsory (2) redundancy FTE, recurring saving (3),
    /// one-off cost (4), FTE reached (5), FTE above target (6).
    Scenario {
        index: usize,
        measure: usize,
    },
    /// A role's target salary.
    TargetSalary(usize),
    /// A figure of By financial year: saving (0), one-off cost (1), net (2) or cumulative net
    /// (3), of the plan or a council, in a column (a year, or the total after them).
    Year {
        kind: usize,
        scope: Scope,
        col: usize,
    },
    /// A cell of a table protected on its own, by row and column.
    Cell {
        row: usize,
        col: usize,
    },
    /// An equality figure: by a characteristic (index in the breakdowns), for a pool (none: all
    /// pools), of a group (none: everyone), measuring workforce (0), at risk (1) or leaving (2).
    Equality {
        characteristic: usize,
        pool: Option<usize>,
        group: Option<usize>,
        measure: usize,
    },
}

impl Key {
    /// A reader knows the figure is 0 or more (a count, an FTE, a cost); a saving, a step of
    /// the waterfall, a net or an overlap may be negative.
    pub(super) fn nonneg(self) -> bool {
        match self {
            Self::Staff(m, _) => !matches!(m, Measure::Saving | Measure::Overlap),
            Self::Step(_) => false,
            Self::Year { kind, .. } => kind == 1,
            Self::Scenario { measure, .. } => measure != 3,
            Self::After(_)
            | Self::OneOffPart(_)
            | Self::TargetSalary(_)
            | Self::Cell { .. }
            | Self::Equality { .. } => true,
        }
    }
}

/// How many people each part of the plan holds, by route.
#[derive(Default)]
pub(super) struct Heads {
    /// Filled posts.
    holders: FxHashMap<Scope, u32>,
    /// People leaving or at risk, by route: voluntary (0), redeployed (1), compulsory (2).
    routes: FxHashMap<(Scope, usize), u32>,
    /// Everyone leaving or at risk.
    affected: FxHashMap<Scope, u32>,
    /// People leaving after their go-live, by council.
    late: FxHashMap<Scope, u32>,
    /// People each part of the one-off cost is paid for ([`Key::OneOffPart`]; implementation is
    /// paid for nobody).
    pub(super) paid: [u32; 4],
    /// People whose pay moves when a role's pay is harmonised.
    pub(super) harmonised: u32,
}

impl Heads {
    pub(super) fn of(plan: &Plan, o: &Outcome) -> Self {
        let mut h = Self::default();
        let council_of: FxHashMap<&str, usize> = plan
            .councils
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let role_of: FxHashMap<&str, usize> = o
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let scopes = |role: Option<usize>, council: Option<usize>| {
            let mut s = vec![Scope::Plan];
            let function = role.and_then(|r| o.roles.get(r)).map(|r| r.function);
            if let Some(r) = role {
                s.push(Scope::Role(r));
            }
            if let Some(f) = function {
                s.push(Scope::Function(f));
            }
            if let Some(c) = council {
                s.push(Scope::Council(c));
            }
            if let (Some(f), Some(c)) = (function, council) {
                s.push(Scope::Part(f, c));
            }
            s
        };
        for post in plan.posts.iter().filter(|p| p.holder.is_some()) {
            let role = role_of.get(post.role.as_str()).copied();
            let council = council_of.get(post.council.as_str()).copied();
            for s in scopes(role, council) {
                *h.holders.entry(s).or_default() += 1;
            }
        }
        let go_live_of = |role: usize| {
            let f = o.roles.get(role)?.function;
            o.waves
                .iter()
                .find(|w| w.functions.contains(&f))
                .map(|w| w.go_live)
        };
        for p in &o.people {
            let c = p.counted();
            for (n, paid) in h.paid.iter_mut().zip([
                c.redundancy_pay,
                c.pension_strain,
                c.class1a_ni,
                c.pay_protection,
            ]) {
                *n += u32::from(paid.pence() != 0);
            }
            let route = match p.kind() {
                "voluntary" | "bumped" => 0,
                "redeployed" => 1,
                _ => 2,
            };
            let mut all = scopes(Some(p.role), Some(p.council));
            if let Some(w) = o.roles.get(p.role).and_then(|r| {
                o.waves
                    .iter()
                    .position(|w| w.functions.contains(&r.function))
            }) {
                all.push(Scope::Wave(p.council, w));
            }
            for s in all {
                *h.routes.entry((s, route)).or_default() += 1;
                *h.affected.entry(s).or_default() += 1;
                if go_live_of(p.role).is_some_and(|g| p.exit_date > g) {
                    *h.late.entry(s).or_default() += 1;
                }
            }
        }
        h.harmonised = o
            .roles
            .iter()
            .map(|r| r.pay_moves.gainers + r.pay_moves.losers)
            .sum();
        h
    }

    /// Everyone leaving or at risk in the plan, by route: voluntary (0), redeployed (1),
    /// compulsory (2).
    pub(super) fn route(&self, route: usize) -> u32 {
        self.routes.get(&(Scope::Plan, route)).copied().unwrap_or(0)
    }

    /// Everyone leaving or at risk in the plan.
    pub(super) fn affected(&self) -> u32 {
        self.affected.get(&Scope::Plan).copied().unwrap_or(0)
    }

    /// How many people a staffing figure describes (none: it describes the structure).
    pub(super) fn people(&self, measure: Measure, scope: Scope, value: f64) -> Option<u32> {
        let get = |m: &FxHashMap<Scope, u32>| Some(m.get(&scope).copied().unwrap_or(0));
        let route = |r: usize| Some(self.routes.get(&(scope, r)).copied().unwrap_or(0));
        match measure {
            Measure::FteToday | Measure::CostToday | Measure::Kept => get(&self.holders),
            Measure::Voluntary => route(0),
            Measure::Redeployed => route(1),
            Measure::Compulsory => route(2),
            Measure::OneOff => get(&self.affected),
            Measure::LeavingAfterGoLive | Measure::SavingsLost => get(&self.late),
            Measure::Proposed | Measure::Counted => Some(whole(value)),
            Measure::TargetFte
            | Measure::Overlap
            | Measure::VacanciesDeleted
            | Measure::NewPosts
            | Measure::AboveTarget
            | Measure::TargetCost
            | Measure::Saving
            | Measure::FteReached => None,
        }
    }
}

/// A count of people as a whole number (an expected 5.0 is 5, never 4.999...).
pub(super) fn whole(x: f64) -> u32 {
    x.max(0.0).round() as u32
}

/// The release being built: its figures, where each is published, and what hides with it.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) release: Release,
    pub(super) index: FxHashMap<Key, usize>,
    places: Vec<Vec<At>>,
    /// Cells that go when a figure goes (a share, a rate, a finding).
    companions: Vec<(usize, At)>,
    /// Notes that go when a figure goes (a note that gives it in words): table, note.
    note_companions: Vec<(usize, usize, usize)>,
    /// Cells of a chart's table that could not be linked to the figures they show: never
    /// published.
    pub(super) unmatched: Vec<At>,
}

impl Builder {
    /// Publishes a figure at `at` (the same key again is the same figure).
    pub(super) fn place(&mut self, key: Key, at: At, figure: Figure) -> usize {
        if let Some(&i) = self.index.get(&key) {
            self.places[i].push(at);
            return i;
        }
        let i = self.release.figures.len();
        self.release.figures.push(figure);
        self.places.push(vec![at]);
        self.index.insert(key, i);
        i
    }

    /// Publishes the number in the cell at `at` of `tables` (a row, or the totals row after
    /// them) as the figure `key`, about the people `people` says for its value; nothing where the
    /// cell holds no number.
    pub(super) fn publish(
        &mut self,
        tables: &[Table],
        key: Key,
        at: At,
        people: impl FnOnce(f64) -> Option<u32>,
    ) -> Option<usize> {
        let (value, quantity) = cell(tables, at).and_then(number)?;
        Some(self.place(
            key,
            at,
            Figure {
                value,
                quantity,
                people: people(value),
                nonneg: key.nonneg(),
            },
        ))
    }

    /// The cell at `at` goes when any of `keys` published is hidden (it gives them away: a
    /// share, a rate, a finding, a figure worked from them).
    pub(super) fn go_with(&mut self, keys: &[Key], at: At) {
        for key in keys {
            if let Some(&f) = self.index.get(key) {
                self.companions.push((f, at));
            }
        }
    }

    /// Note `note` of table `table` goes when any of `keys` published is hidden.
    pub(super) fn note_goes_with(&mut self, keys: &[Key], table: usize, note: usize) {
        for key in keys {
            if let Some(&f) = self.index.get(key) {
                self.note_companions.push((f, table, note));
            }
        }
    }

    /// `Σ coef · key` over the keys published = 0 (only when every key is published).
    pub(super) fn identity(&mut self, terms: &[(Key, f64)], hidden: Option<f64>) {
        let mut out = Vec::with_capacity(terms.len() + 1);
        for (key, coef) in terms {
            match self.index.get(key) {
                Some(&f) => out.push((Term::Figure(f), *coef)),
                None => return,
            }
        }
        if let Some(coef) = hidden {
            out.push((Term::Hidden(self.release.unpublished), coef));
            self.release.unpublished += 1;
        }
        self.release.identities.push(Identity { terms: out });
    }
}

pub(super) fn number(cell: &Cell) -> Option<(f64, Quantity)> {
    match cell {
        Cell::Money(m) => Some((m.as_pounds(), Quantity::Money)),
        Cell::Fte(x) => Some((*x, Quantity::Fte)),
        Cell::Count(n) => Some((*n as f64, Quantity::People)),
        _ => None,
    }
}

/// What was hidden in a release, for the papers' notes and the export's message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Protected {
    /// Figures hidden because they describe fewer than 5 people.
    pub small: usize,
    /// Figures hidden so that no hidden figure can be worked out or narrowed from the rest.
    pub protecting: usize,
    /// Shares, rates and findings hidden with a figure.
    pub with_them: usize,
    /// The narrowest protection interval the audit found, relative to what each figure needs
    /// (1 or more: every hidden figure is protected).
    pub margin: f64,
}

impl Protected {
    /// The protection in a sentence, for the export's message and the papers' notes.
    pub fn sentence(&self) -> String {
        if self.small + self.protecting + self.with_them == 0 {
            return "Anonymised: no figure describes fewer than 5 people, so nothing is hidden."
                .to_owned();
        }
        format!(
            "Anonymised: {} hidden as they describe fewer than 5 people (\"fewer than 5\"), {} more so that none of them can be worked out or narrowed from the rest (\"not shown\"), and {} shares, rates and findings with them; every hidden figure was audited against everything published.",
            crate::format::plural(self.small, "figure"),
            self.protecting,
            self.with_them
        )
    }
}

/// Protects the tables of an anonymised release written together: builds the release from the
/// outcome, protects it, and writes "fewer than 5" and "not shown" into the cells hidden.
/// `charts` says which of the tables are charts' figures (a chart and its table's place), each
/// with its headline as a last row, which goes with the figures it speaks of.
pub fn protect_tables(
    plan: &Plan,
    scenario: &Scenario,
    o: &Outcome,
    tables: &mut [Table],
    charts: &[(Chart, usize)],
) -> Protected {
    let b = build(plan, scenario, o, tables, charts);
    let protection = b.release.protect();
    apply(tables, &b, &protection)
}

/// Protects the equality impact's table on its own, as the app shows it: its figures are linked
/// to no other table's, so it hides what an anonymised release of every table would.
pub fn protect_equality(plan: &Plan, o: &Outcome, table: &mut Table) -> Protected {
    let tables = std::slice::from_mut(table);
    let mut b = Builder::default();
    equality_figures(plan, o, tables, &mut b);
    equality_identities(&mut b);
    let protection = b.release.protect();
    apply(tables, &b, &protection)
}

/// The release the tables make: every figure in them that describes people or takes part in an
/// identity, and the identities (for the tests that check each identity is true).
pub fn release_of(
    plan: &Plan,
    scenario: &Scenario,
    o: &Outcome,
    tables: &[Table],
    charts: &[(Chart, usize)],
) -> Release {
    build(plan, scenario, o, tables, charts).release
}

fn build(
    plan: &Plan,
    scenario: &Scenario,
    o: &Outcome,
    tables: &[Table],
    charts: &[(Chart, usize)],
) -> Builder {
    let heads = Heads::of(plan, o);
    let mut b = Builder::default();
    staffing_figures(o, tables, &heads, &mut b);
    summary_figures(tables, &heads, &mut b);
    salary_figures(plan, scenario, o, tables, &heads, &mut b);
    equality_figures(plan, o, tables, &mut b);
    year_figures(o, tables, &heads, &mut b);
    super::money::waterfall_figures(o, tables, &heads, &mut b);
    super::money::one_off_figures(tables, &heads, &mut b);
    super::money::scenario_figures(plan, o, tables, &heads, &mut b);
    super::charts::chart_figures(plan, o, tables, charts, &heads, &mut b);
    super::money::by_council_shares(o, tables, &mut b);
    staffing_identities(o, &mut b);
    super::money::waterfall_identities(o.waterfall.steps().len(), &mut b);
    super::money::scenario_identities(plan, &mut b);
    equality_identities(&mut b);
    super::money::uncertainty_companions(o, tables, &mut b);
    b
}

/// By financial year: the plan's and each council's saving, one-off cost and net by year and in
/// all. A council's one-off cost in all is the one By council gives (one figure); each year's
/// figures add up to their total, the councils' to the plan's, saving less one-off cost is the
/// net, and the plan's cumulative net runs on from year to year.
fn year_figures(o: &Outcome, tables: &[Table], heads: &Heads, b: &mut Builder) {
    let Some(t) = tables.iter().position(|t| t.key == "by-financial-year") else {
        return;
    };
    let years = o.years.len();
    let total = years + 1;
    // The rows: the plan's saving, one-off cost, net and cumulative net; then each council's
    // saving, one-off cost and net.
    let mut rows: Vec<(Scope, usize, usize)> = (0..4).map(|k| (Scope::Plan, k, k)).collect();
    for c in 0..o.councils.len() {
        rows.extend((0..3).map(|k| (Scope::Council(c), k, 4 + 3 * c + k)));
    }
    let key = |scope: Scope, kind: usize, col: usize| {
        if kind == 1 && col == total {
            Key::Staff(Measure::OneOff, scope)
        } else {
            Key::Year { kind, scope, col }
        }
    };
    for &(scope, kind, row) in &rows {
        if row >= tables[t].rows.len() {
            continue;
        }
        for col in 1..=total {
            b.publish(
                tables,
                key(scope, kind, col),
                At { table: t, row, col },
                |v| {
                    (kind == 1)
                        .then(|| heads.people(Measure::OneOff, scope, v))
                        .flatten()
                },
            );
        }
    }
    let mut scopes = vec![Scope::Plan];
    scopes.extend((0..o.councils.len()).map(Scope::Council));
    for &scope in &scopes {
        for col in 1..=total {
            b.identity(
                &[
                    (key(scope, 0, col), 1.0),
                    (key(scope, 1, col), -1.0),
                    (key(scope, 2, col), -1.0),
                ],
                None,
            );
        }
        for kind in 0..3 {
            let mut terms = vec![(key(scope, kind, total), -1.0)];
            terms.extend((1..=years).map(|col| (key(scope, kind, col), 1.0)));
            b.identity(&terms, None);
        }
    }
    for kind in 0..3 {
        for col in 1..=total {
            let mut terms = vec![(key(Scope::Plan, kind, col), -1.0)];
            terms.extend((0..o.councils.len()).map(|c| (key(Scope::Council(c), kind, col), 1.0)));
            b.identity(&terms, None);
        }
    }
    for col in 1..=years {
        let mut terms = vec![
            (key(Scope::Plan, 3, col), 1.0),
            (key(Scope::Plan, 2, col), -1.0),
        ];
        if col > 1 {
            terms.push((key(Scope::Plan, 3, col - 1), -1.0));
        }
        b.identity(&terms, None);
    }
}

/// Publishes the figures of a staffing table: its scope row by row (the totals row last) and
/// the measure of each column.
fn staffing(
    b: &mut Builder,
    heads: &Heads,
    tables: &[Table],
    key: &str,
    scopes: &[Scope],
    columns: &[(usize, Measure)],
) {
    let Some(t) = tables.iter().position(|t| t.key == key) else {
        return;
    };
    for (row, &scope) in scopes.iter().enumerate() {
        for &(col, measure) in columns {
            b.publish(
                tables,
                Key::Staff(measure, scope),
                At { table: t, row, col },
                |v| heads.people(measure, scope, v),
            );
        }
    }
}

/// By function, By role, By council, Pools and the Timetable.
fn staffing_figures(o: &Outcome, tables: &[Table], heads: &Heads, b: &mut Builder) {
    use Measure as M;
    let with_total = |mut v: Vec<Scope>| {
        v.push(Scope::Plan);
        v
    };
    let flows = [
        (1, M::FteToday),
        (2, M::TargetFte),
        (3, M::Overlap),
        (4, M::VacanciesDeleted),
        (5, M::Voluntary),
        (6, M::Redeployed),
        (7, M::Compulsory),
        (8, M::NewPosts),
        (9, M::CostToday),
        (10, M::TargetCost),
        (11, M::Saving),
    ];
    staffing(
        b,
        heads,
        tables,
        "by-function",
        &with_total((0..o.functions.len()).map(Scope::Function).collect()),
        &flows,
    );
    let role_columns: Vec<(usize, Measure)> = flows
        .iter()
        .map(|&(c, m)| (if c >= 9 { c + 2 } else { c + 1 }, m))
        .collect();
    staffing(
        b,
        heads,
        tables,
        "by-role",
        &with_total((0..o.roles.len()).map(Scope::Role).collect()),
        &role_columns,
    );
    let councils = with_total((0..o.councils.len()).map(Scope::Council).collect());
    staffing(
        b,
        heads,
        tables,
        "by-council",
        &councils,
        &[
            (1, M::FteToday),
            (3, M::CostToday),
            (4, M::TargetCost),
            (5, M::Saving),
            (6, M::OneOff),
            (7, M::Proposed),
        ],
    );
    staffing(
        b,
        heads,
        tables,
        "pools",
        &councils,
        &[
            (1, M::FteToday),
            (2, M::Kept),
            (3, M::VacanciesDeleted),
            (4, M::Voluntary),
            (5, M::Redeployed),
            (6, M::Compulsory),
            (7, M::AboveTarget),
        ],
    );
    // The timetable: a row a council, or a row a council's wave.
    if tables.iter().any(|t| t.key == "timetable") {
        let phased = o.waves.len() > 1;
        let mut scopes = Vec::new();
        for (c, council) in o.councils.iter().enumerate() {
            if phased {
                scopes.extend(
                    council
                        .waves
                        .iter()
                        .map(|w| Scope::Wave(c, w.wave.unwrap_or(0))),
                );
            } else {
                scopes.push(Scope::Council(c));
            }
        }
        staffing(
            b,
            heads,
            tables,
            "timetable",
            &scopes,
            &[
                (3, M::Proposed),
                (4, M::Counted),
                (14, M::LeavingAfterGoLive),
            ],
        );
    }
}

/// The Summary's totals, which are the plan's.
fn summary_figures(tables: &[Table], heads: &Heads, b: &mut Builder) {
    use Measure as M;
    // The summary's totals are the plan's.
    if let Some(t) = tables.iter().position(|t| t.key == "summary") {
        let labels = [
            ("FTE today", M::FteToday),
            ("Target FTE", M::TargetFte),
            ("Vacancies deleted, FTE", M::VacanciesDeleted),
            ("Voluntary redundancy, FTE", M::Voluntary),
            ("Redeployed, FTE", M::Redeployed),
            ("Compulsory redundancy, FTE", M::Compulsory),
            ("New posts, FTE", M::NewPosts),
            ("Cost today, a year", M::CostToday),
            ("Target cost, a year", M::TargetCost),
            ("Recurring saving, a year", M::Saving),
            ("One-off cost", M::OneOff),
            ("FTE reached", M::FteReached),
            ("Savings lost to notice after go-live", M::SavingsLost),
        ];
        for (row, cells) in tables[t].rows.iter().enumerate() {
            let Some(measure) = labels
                .iter()
                .find(|(l, _)| matches!(&cells[0], Cell::Text(s) if s.as_str() == *l))
                .map(|(_, m)| *m)
            else {
                continue;
            };
            let at = At {
                table: t,
                row,
                col: 1,
            };
            b.publish(tables, Key::Staff(measure, Scope::Plan), at, |v| {
                heads.people(measure, Scope::Plan, v)
            });
        }
        // Payback is the one-off cost over the saving; the year the net turns positive narrows
        // them too.
        for (row, cells) in tables[t].rows.iter().enumerate() {
            if matches!(&cells[0], Cell::Text(s) if s == "Payback, years" || s == "Net positive in")
            {
                b.go_with(
                    &[
                        Key::Staff(M::OneOff, Scope::Plan),
                        Key::Staff(M::Saving, Scope::Plan),
                    ],
                    At {
                        table: t,
                        row,
                        col: 1,
                    },
                );
            }
        }
    }
}

/// Each role's target salary.
fn salary_figures(
    plan: &Plan,
    scenario: &Scenario,
    o: &Outcome,
    tables: &[Table],
    heads: &Heads,
    b: &mut Builder,
) {
    // A role's target salary: one person's pay where it is the highest or lowest today.
    if let Some(t) = tables.iter().position(|t| t.key == "by-role") {
        for (row, role) in o.roles.iter().enumerate() {
            let Some((value, quantity)) = tables[t]
                .rows
                .get(row)
                .and_then(|r| r.get(10))
                .and_then(number)
            else {
                continue;
            };
            let holders = heads.holders.get(&Scope::Role(row)).copied().unwrap_or(0);
            let pay = plan
                .roles
                .iter()
                .find(|r| r.id == role.id)
                .map(|r| scenario.pay_for(r));
            let people = match pay {
                Some(TargetPay::HarmoniseHighest | TargetPay::HarmoniseLowest) => {
                    Some(holders.min(1))
                }
                Some(TargetPay::HarmoniseAverage) => Some(holders),
                _ => None,
            };
            b.place(
                Key::TargetSalary(row),
                At {
                    table: t,
                    row,
                    col: 10,
                },
                Figure {
                    value,
                    quantity,
                    people,
                    nonneg: true,
                },
            );
        }
    }
}

/// The staffing identities: parts add up to wholes, and each row keeps its own sums.
fn staffing_identities(o: &Outcome, b: &mut Builder) {
    use Measure as M;
    for m in ADDITIVE {
        let mut sum = |whole: Scope, parts: Vec<Scope>| {
            let mut terms = vec![(Key::Staff(m, whole), -1.0)];
            terms.extend(parts.into_iter().map(|p| (Key::Staff(m, p), 1.0)));
            b.identity(&terms, None);
        };
        sum(
            Scope::Plan,
            (0..o.functions.len()).map(Scope::Function).collect(),
        );
        sum(
            Scope::Plan,
            (0..o.councils.len()).map(Scope::Council).collect(),
        );
        // A function's councils' parts add up to it, a council's functions' parts to it.
        for f in 0..o.functions.len() {
            sum(
                Scope::Function(f),
                (0..o.councils.len()).map(|c| Scope::Part(f, c)).collect(),
            );
        }
        for c in 0..o.councils.len() {
            sum(
                Scope::Council(c),
                (0..o.functions.len()).map(|f| Scope::Part(f, c)).collect(),
            );
        }
        for f in 0..o.functions.len() {
            let roles = o
                .roles
                .iter()
                .enumerate()
                .filter(|(_, r)| r.function == f)
                .map(|(i, _)| Scope::Role(i))
                .collect();
            sum(Scope::Function(f), roles);
        }
        if o.waves.len() > 1 && m == M::Proposed {
            for (c, council) in o.councils.iter().enumerate() {
                let waves = council
                    .waves
                    .iter()
                    .map(|w| Scope::Wave(c, w.wave.unwrap_or(0)))
                    .collect();
                sum(Scope::Council(c), waves);
            }
        }
    }
    // The FTE reached is the target and what stays above it.
    b.identity(
        &[
            (Key::Staff(M::FteReached, Scope::Plan), 1.0),
            (Key::Staff(M::TargetFte, Scope::Plan), -1.0),
            (Key::Staff(M::AboveTarget, Scope::Plan), -1.0),
        ],
        None,
    );
    let mut scopes: Vec<Scope> = vec![Scope::Plan];
    scopes.extend((0..o.functions.len()).map(Scope::Function));
    scopes.extend((0..o.roles.len()).map(Scope::Role));
    scopes.extend((0..o.councils.len()).map(Scope::Council));
    for s in scopes {
        let k = |m| Key::Staff(m, s);
        b.identity(
            &[
                (k(M::FteToday), 1.0),
                (k(M::TargetFte), -1.0),
                (k(M::Overlap), -1.0),
            ],
            None,
        );
        b.identity(
            &[
                (k(M::CostToday), 1.0),
                (k(M::TargetCost), -1.0),
                (k(M::Saving), -1.0),
            ],
            None,
        );
        b.identity(
            &[
                (k(M::FteToday), 1.0),
                (k(M::Kept), -1.0),
                (k(M::VacanciesDeleted), -1.0),
                (k(M::Voluntary), -1.0),
                (k(M::Redeployed), -1.0),
                (k(M::Compulsory), -1.0),
            ],
            None,
        );
        // What leaves is at most the overlap and the new posts: FTE above target makes up
        // the rest.
        b.identity(
            &[
                (k(M::Overlap), 1.0),
                (k(M::NewPosts), 1.0),
                (k(M::VacanciesDeleted), -1.0),
                (k(M::Voluntary), -1.0),
                (k(M::Redeployed), -1.0),
                (k(M::Compulsory), -1.0),
            ],
            Some(-1.0),
        );
    }
}

/// The equality table's figures, from the engine's breakdowns before any suppression.
fn equality_figures(plan: &Plan, o: &Outcome, tables: &[Table], b: &mut Builder) {
    let Some(t) = tables.iter().position(|t| t.key == "equality") else {
        return;
    };
    let e = crate::engine::equality::of_outcome(plan, o);
    let table = &tables[t];
    // The table's rows in order: all pools, then each pool with someone at risk; in each, each
    // characteristic's groups then everyone.
    let mut row = 0;
    let add = |b: &mut Builder, pool: Option<usize>, row: &mut usize| {
        for (ch, breakdown) in e.breakdowns.iter().enumerate() {
            let profile = match pool {
                None => &breakdown.total,
                Some(p) => &breakdown.pools[p],
            };
            let total = profile.total();
            let groups = profile.bands.iter().map(Some).chain([None]);
            for (g, band) in groups.enumerate() {
                let band = band.copied().unwrap_or(total);
                let group = (g < profile.bands.len()).then_some(g);
                let at = |col| At {
                    table: t,
                    row: *row,
                    col,
                };
                let values = [band.workforce, band.at_risk, band.leaving];
                let mut figures = [0; 3];
                for (measure, value) in values.into_iter().enumerate() {
                    // Expected leavers are shares of the people at risk: they describe them.
                    let people = whole(if measure == 2 { band.at_risk } else { value });
                    figures[measure] = b.place(
                        Key::Equality {
                            characteristic: if group.is_none() { 0 } else { ch },
                            pool,
                            group,
                            measure,
                        },
                        at(3 + measure),
                        Figure {
                            value,
                            quantity: if measure == 2 {
                                Quantity::Fte
                            } else {
                                Quantity::People
                            },
                            people: Some(people),
                            nonneg: true,
                        },
                    );
                    // Its share goes with it.
                    b.companions.push((figures[measure], at(6 + measure)));
                }
                // The rate and the finding go with the workforce or the leavers.
                for f in [figures[0], figures[2]] {
                    b.companions.push((f, at(9)));
                    b.companions.push((f, at(10)));
                }
                *row += 1;
            }
        }
    };
    add(b, None, &mut row);
    for (i, _) in o.roles.iter().enumerate() {
        let at_risk = e
            .age()
            .and_then(|a| a.pools.get(i))
            .is_some_and(|p| p.total().at_risk > 0.0);
        if at_risk {
            add(b, Some(i), &mut row);
        }
    }
    debug_assert!(row <= table.rows.len());
}

/// Groups add up to everyone; the pools shown add up to all pools for those at risk and leaving
/// (everyone at risk is in a pool shown), and to at most all pools for the workforce.
fn equality_identities(b: &mut Builder) {
    let keys: Vec<Key> = b.index.keys().copied().collect();
    let mut characteristics = 0;
    let mut groups: FxHashMap<usize, usize> = FxHashMap::default();
    let mut pools: Vec<usize> = Vec::new();
    for k in &keys {
        if let Key::Equality {
            characteristic,
            pool,
            group,
            ..
        } = *k
        {
            characteristics = characteristics.max(characteristic + 1);
            if let Some(g) = group {
                let n = groups.entry(characteristic).or_default();
                *n = (*n).max(g + 1);
            }
            if let Some(p) = pool
                && !pools.contains(&p)
            {
                pools.push(p);
            }
        }
    }
    let pool_options: Vec<Option<usize>> = std::iter::once(None)
        .chain(pools.iter().copied().map(Some))
        .collect();
    for measure in 0..3 {
        for ch in 0..characteristics {
            let n = groups.get(&ch).copied().unwrap_or(0);
            for &pool in &pool_options {
                let mut terms = vec![(
                    Key::Equality {
                        characteristic: 0,
                        pool,
                        group: None,
                        measure,
                    },
                    -1.0,
                )];
                terms.extend((0..n).map(|g| {
                    (
                        Key::Equality {
                            characteristic: ch,
                            pool,
                            group: Some(g),
                            measure,
                        },
                        1.0,
                    )
                }));
                b.identity(&terms, None);
            }
            for group in (0..n).map(Some).chain([None]) {
                let characteristic = if group.is_none() { 0 } else { ch };
                let mut terms = vec![(
                    Key::Equality {
                        characteristic,
                        pool: None,
                        group,
                        measure,
                    },
                    -1.0,
                )];
                terms.extend(pools.iter().map(|&p| {
                    (
                        Key::Equality {
                            characteristic,
                            pool: Some(p),
                            group,
                            measure,
                        },
                        1.0,
                    )
                }));
                // The workforce of roles with nobody at risk is in no pool shown.
                b.identity(&terms, (measure == 0).then_some(1.0));
            }
        }
    }
}

/// What a note says in place of one that would give a hidden figure away.
pub const NOTE_WITHHELD: &str =
    "A note with figures is not shown: they would give away a figure this release hides.";

/// Writes the protection into the tables: "fewer than 5" for a count or FTE of fewer than 5
/// people, "not shown" for the rest hidden and what goes with them.
fn apply(tables: &mut [Table], b: &Builder, protection: &Protection) -> Protected {
    let mut out = Protected {
        margin: f64::INFINITY,
        ..Protected::default()
    };
    for (f, reason) in protection.hidden.iter().enumerate() {
        let Some(reason) = reason else { continue };
        let figure = &b.release.figures[f];
        let words = if *reason == Reason::Small && figure.quantity != Quantity::Money {
            Cell::Suppressed
        } else {
            Cell::Withheld
        };
        match reason {
            Reason::Small => out.small += 1,
            Reason::Protects => out.protecting += 1,
        }
        for at in &b.places[f] {
            set(tables, *at, words.clone());
        }
    }
    for (f, at) in &b.companions {
        if protection.hidden[*f].is_some()
            && cell(tables, *at).is_some_and(|c| !matches!(c, Cell::Withheld | Cell::Suppressed))
        {
            set(tables, *at, Cell::Withheld);
            out.with_them += 1;
        }
    }
    for at in &b.unmatched {
        if at.col > 0 && cell(tables, *at).is_some_and(|c| *c != Cell::Empty) {
            set(tables, *at, Cell::Withheld);
            out.with_them += 1;
        }
    }
    // A note that would give a hidden figure in words says so instead.
    for &(f, t, note) in &b.note_companions {
        if protection.hidden[f].is_some()
            && let Some(n) = tables.get_mut(t).and_then(|t| t.notes.get_mut(note))
            && n.as_str() != NOTE_WITHHELD
        {
            NOTE_WITHHELD.clone_into(n);
            out.with_them += 1;
        }
    }
    for i in &protection.audit {
        let need = b.release.figures[i.figure].least_width();
        out.margin = out.margin.min(i.width() / need);
    }
    out
}

fn cell(tables: &[Table], at: At) -> Option<&Cell> {
    let t = tables.get(at.table)?;
    t.rows.get(at.row).or(t.total.as_ref())?.get(at.col)
}

fn set(tables: &mut [Table], at: At, value: Cell) {
    let Some(t) = tables.get_mut(at.table) else {
        return;
    };
    let row = if at.row < t.rows.len() {
        t.rows.get_mut(at.row)
    } else {
        t.total.as_mut()
    };
    if let Some(c) = row.and_then(|r| r.get_mut(at.col)) {
        *c = value;
    }
}

/// Protects the counts of people in columns `cols` of one table whose rows add up to its totals
/// row (a table of its own, such as a consultation draft's): figures of 1 to 4 people hidden
/// ("fewer than 5"), and others as the integer programme and the audit choose ("not shown").
/// How many were hidden: (small, protecting).
pub fn protect_counts(table: &mut Table, cols: &[usize]) -> (usize, usize) {
    let mut b = Builder::default();
    let rows = table.rows.len();
    for &col in cols {
        let mut parts = Vec::new();
        for row in 0..=rows {
            let Some((value, quantity)) =
                cell(std::slice::from_ref(table), At { table: 0, row, col }).and_then(number)
            else {
                continue;
            };
            let key = Key::Cell { row, col };
            b.place(
                key,
                At { table: 0, row, col },
                Figure {
                    value,
                    quantity,
                    people: Some(whole(value)),
                    nonneg: true,
                },
            );
            if row < rows {
                parts.push((key, 1.0));
            } else {
                parts.push((key, -1.0));
            }
        }
        if parts.iter().any(|(_, c)| *c < 0.0) {
            b.identity(&parts, None);
        }
    }
    let protection = b.release.protect();
    let done = apply(std::slice::from_mut(table), &b, &protection);
    (done.small, done.protecting)
}
