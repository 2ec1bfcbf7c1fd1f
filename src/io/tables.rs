//! The plan's figures as tables: one source for the Excel workbook, the CSV files and every Copy
//! in the app, so they all say the same thing the JSON report says. Each cell keeps its kind
//! (money in pence, FTE, a count, a date), and each writer shows it its own way.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::engine::{self, Outcome};
use crate::model::{Money, PaybackLimit, Plan, Scenario};

/// Groups of fewer people than this are not shown in anonymised tables.
pub const SMALL_GROUP: u32 = 5;

/// What anonymised tables show for a suppressed figure.
pub const SUPPRESSED: &str = "fewer than 5";

/// One cell, of its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Words.
    Text(String),
    /// Money, to the penny.
    Money(Money),
    /// Full-time equivalent.
    Fte(f64),
    /// A count of people, posts or days.
    Count(u64),
    /// A ratio shown as a percentage.
    Percent(f64),
    /// A number of years.
    Years(f64),
    /// A day.
    Date(Date),
    /// Yes or no.
    Flag(bool),
    /// Not shown: a small group in an anonymised table, or a figure that would reveal one.
    Suppressed,
    /// Nothing.
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }

    fn date(d: Option<Date>) -> Self {
        d.map_or(Self::Empty, Self::Date)
    }

    /// Whether the cell is a number a total adds up.
    pub fn is_number(&self) -> bool {
        matches!(self, Self::Money(_) | Self::Fte(_) | Self::Count(_))
    }

    /// The cell for a CSV file: numbers plain (money in pounds with pence, no £ or commas, so a
    /// spreadsheet reads them as numbers), dates as YYYY-MM-DD, words escaped (see [`escape`]).
    pub fn plain(&self) -> String {
        match self {
            Self::Text(s) => escape(s),
            Self::Money(m) => pounds(*m),
            // Shares that cancel to a hair below zero are 0.0, never -0.0.
            Self::Fte(x) => format!("{:.1}", if x.abs() < 0.05 { 0.0 } else { *x }),
            Self::Count(n) => n.to_string(),
            Self::Percent(r) => format!("{:.1}%", r * 100.0),
            Self::Years(y) => format!("{y:.2}"),
            Self::Date(d) => d.to_string(),
            Self::Flag(b) => if *b { "yes" } else { "no" }.to_owned(),
            Self::Suppressed => SUPPRESSED.to_owned(),
            Self::Empty => String::new(),
        }
    }

    /// The cell as people read it, for Copy (it pastes into Word as it reads, and Excel in the
    /// UK reads £1,234.56 as money): £ and commas, dates as 1 April 2018.
    pub fn shown(&self) -> String {
        match self {
            Self::Text(s) => escape(s),
            Self::Money(m) => m.full(),
            Self::Fte(x) => crate::format::fte(*x),
            Self::Count(n) => crate::format::thousands(*n),
            Self::Date(d) => d.strftime("%-d %B %Y").to_string(),
            other => other.plain(),
        }
    }
}

/// Pence as pounds with two decimals: -1234.5 pounds as "-1234.50".
fn pounds(m: Money) -> String {
    let p = m.pence();
    let sign = if p < 0 { "-" } else { "" };
    let abs = p.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
/// return) is given a leading apostrophe, so it stays text (OWASP's advice for CSV injection).
/// A number is left as it is, so a negative amount ("-1234.56", "-£401,810", "-2.5%") stays a
/// number.
pub fn escape(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A signed amount as a spreadsheet reads one: digits with commas and one point, perhaps with
/// a £ before and a % after.
fn is_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let body = body.strip_prefix('£').unwrap_or(body);
    let body = body.strip_suffix('%').unwrap_or(body);
    body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && body.matches('.').count() <= 1
}

/// Headings and rows of text as tab-separated lines (tabs and line breaks inside a cell become
/// spaces), text a spreadsheet would run escaped: what Copy puts on the clipboard.
pub fn tsv(headings: &[String], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|c| escape(c).replace(['\t', '\n', '\r'], " "))
            .collect::<Vec<_>>()
            .join("\t")
    };
    let mut out = line(headings);
    for row in rows {
        out.push('\n');
        out.push_str(&line(row));
    }
    out.push('\n');
    out
}

/// Headings and rows of text as CSV, text a spreadsheet would run escaped.
pub fn csv_bytes(headings: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headings.iter().map(|h| escape(h)))?;
    for row in rows {
        w.write_record(row.iter().map(|c| escape(c)))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// A table: a title, headings, rows and perhaps a totals row.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// A short name for files and sheets: "by-function".
    pub key: &'static str,
    /// The title: "By function".
    pub title: String,
    /// One heading a column.
    pub headings: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
    /// The totals row (its numbers are the engine's totals; the workbook writes SUM formulas
    /// over the rows with these as their values).
    pub total: Option<Vec<Cell>>,
    /// Notes under the table: how a figure is made, what was suppressed.
    pub notes: Vec<String>,
    /// Holds figures about individual people (the leavers): marked OFFICIAL-SENSITIVE.
    pub sensitive: bool,
    /// The last column of each row is the row's total (years across).
    pub sums_across: bool,
}

impl Table {
    pub(crate) fn new(key: &'static str, title: &str, headings: &[&str]) -> Self {
        Self {
            key,
            title: title.to_owned(),
            headings: headings.iter().map(|&h| h.to_owned()).collect(),
            rows: Vec::new(),
            total: None,
            notes: Vec::new(),
            sensitive: false,
            sums_across: false,
        }
    }

    /// Rows, totals last, as tab-separated text with the headings first: what Copy puts on the
    /// clipboard (Excel and Word paste it as a table).
    pub fn to_tsv(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .chain(&self.total)
            .map(|row| row.iter().map(Cell::shown).collect())
            .collect();
        tsv(&self.headings, &rows)
    }

    /// The table as CSV: headings, rows and the totals row.
    pub fn to_csv(&self) -> Result<Vec<u8>, csv::Error> {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .chain(&self.total)
            .map(|row| row.iter().map(Cell::plain).collect())
            .collect();
        csv_bytes(&self.headings, &rows)
    }

    /// In column `col`, hides each figure whose group has fewer than [`SMALL_GROUP`] people (and
    /// more than none), and, where one alone would be hidden in a column with a total, the
    /// smallest other figure too, so the hidden one cannot be found by subtraction. `people` is
    /// the group's size for each row.
    pub(crate) fn suppress(&mut self, col: usize, people: &[u32]) -> usize {
        let mut hidden: Vec<usize> = people
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0 && n < SMALL_GROUP)
            .map(|(r, _)| r)
            .collect();
        if hidden.len() == 1 && self.total.is_some() {
            let next = people
                .iter()
                .enumerate()
                .filter(|&(r, &n)| n > 0 && r != hidden[0])
                .min_by_key(|&(_, &n)| n)
                .map(|(r, _)| r);
            hidden.extend(next);
        }
        for &r in &hidden {
            if let Some(cell) = self.rows.get_mut(r).and_then(|row| row.get_mut(col)) {
                *cell = Cell::Suppressed;
            }
        }
        hidden.len()
    }
}

/// Which tables, for whom.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// No post ids, dates of birth or individual pay; groups of fewer than five hidden.
    pub anonymised: bool,
    /// The leavers' schedule (one row per person affected; never when anonymised).
    pub leavers: bool,
}

/// Every table of the plan in `scenario`: Summary, By function, By council, By role, By financial
/// year, Waterfall, Pools, Timetable, One-off costs, Equality impact, the uncertainty's three
/// (when some input has a range: a Monte Carlo run is made), Scenarios, Assumptions and, when
/// asked, Leavers.
pub fn all(plan: &Plan, scenario: &Scenario, options: Options) -> Vec<Table> {
    let risk = crate::engine::risk::for_papers(plan, scenario);
    all_with(plan, scenario, options, risk.as_ref())
}

/// Every table, with the Monte Carlo run already made (`None`: no input is uncertain).
pub fn all_with(
    plan: &Plan,
    scenario: &Scenario,
    options: Options,
    risk: Option<&crate::engine::risk::Risk>,
) -> Vec<Table> {
    let o = engine::evaluate(plan, scenario);
    let mut tables = vec![
        summary(plan, &o),
        by_function(&o),
        by_council(&o, options),
        by_role(plan, &o, options),
        by_year(&o),
        waterfall(&o),
        pools(&o),
        timetable(&o),
        one_off(&o),
        equality(plan, &o),
    ];
    if let Some(r) = risk {
        tables.extend(uncertainty(r));
    } else if crate::engine::risk::has_ranges(plan, scenario) {
        tables[0].notes.push(left_out(plan.posts.len()));
    }
    tables.push(scenarios(plan));
    tables.push(assumptions(plan));
    if options.leavers && !options.anonymised {
        tables.push(leavers(plan, &o));
    }
    tables
}

/// Why papers of a plan with uncertain inputs have no Monte Carlo run: too large to run within
/// an export, or left out when exporting.
fn left_out(posts: usize) -> String {
    use crate::engine::risk::{FEWEST_PAPER_DRAWS, PAPER_POST_DRAWS, paper_draws};
    let how = "run it in Money > Uncertainty or with merger-planner risk";
    if paper_draws(posts).is_none() {
        format!(
            "Some inputs have ranges, but these papers have no Monte Carlo run: a plan of {} posts is too large to run it within an export (papers run it up to {} posts); {how}.",
            crate::format::thousands(posts as u64),
            crate::format::thousands((PAPER_POST_DRAWS / FEWEST_PAPER_DRAWS) as u64)
        )
    } else {
        format!(
            "Some inputs have ranges, but the Monte Carlo run was left out of these papers when they were exported; {how}."
        )
    }
}

/// The Monte Carlo run: the spread of each headline figure and the chances; cumulative net by
/// financial year (the fan); what each input moves (the tornado).
fn uncertainty(r: &crate::engine::risk::Risk) -> [Table; 3] {
    use crate::engine::risk::Quantiles;
    let pounds = |x: f64| Cell::Money(Money::from_pounds_f64(x));
    let years = |x: f64| {
        if x.is_finite() {
            Cell::Years(x)
        } else {
            Cell::text("never")
        }
    };
    let mut figures = Table::new(
        "uncertainty",
        "Uncertainty",
        &["Figure", "P10", "P50", "P90", "Mean"],
    );
    let row = |label: &str, q: &Quantiles, cell: &dyn Fn(f64) -> Cell| {
        vec![
            Cell::text(label),
            cell(q.p10),
            cell(q.p50),
            cell(q.p90),
            cell(q.mean),
        ]
    };
    figures.rows = vec![
        row("Recurring saving, a year", &r.recurring_saving, &pounds),
        row("One-off cost", &r.one_off_cost, &pounds),
        row("Payback, years", &r.payback_years, &years),
        row(
            "People dismissed compulsorily",
            &r.compulsory_people,
            &Cell::Fte,
        ),
    ];
    for (council, q) in &r.consultation_days {
        figures
            .rows
            .push(row(&format!("{council}: days of consultation"), q, &|x| {
                Cell::Count(x.round().max(0.0) as u64)
            }));
    }
    for (label, p) in [
        (
            format!("Chance of payback within {} years", r.payback_limit_years),
            r.p_payback_within_limit,
        ),
        (
            "Chance every council meets go-live".to_owned(),
            r.p_go_live_met,
        ),
        (
            "Chance compulsory redundancies are needed".to_owned(),
            r.p_compulsory_needed,
        ),
    ] {
        figures.rows.push(vec![
            Cell::text(label),
            Cell::Empty,
            Cell::Percent(p),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    figures.notes.push(format!(
        "A Monte Carlo run of the whole plan: {} draws (seed {}), each uncertain input drawn from a triangular distribution between its low and high values, most often near its likely value. P10: one draw in ten is lower; P90: one in ten is higher.{}",
        crate::format::thousands(r.draws as u64),
        r.seed,
        if r.draws < crate::engine::risk::Settings::default().draws {
            " Fewer draws than the app's 2,000, so that the export of a plan this large stays quick: P10 and P90 are a little less certain."
        } else {
            ""
        }
    ));
    let mut fan = Table::new(
        "fan",
        "Range of outcomes",
        &["Year", "P10", "P50", "P90", "As planned"],
    );
    fan.rows = r
        .fan
        .iter()
        .map(|y| {
            vec![
                Cell::text(y.year.to_string()),
                pounds(y.quantiles.p10),
                pounds(y.quantiles.p50),
                pounds(y.quantiles.p90),
                pounds(y.deterministic),
            ]
        })
        .collect();
    fan.notes.push(
        "Cumulative net (savings less one-off costs) to the end of each financial year over the draws; as planned: the scenario with its own values.".to_owned(),
    );
    let mut tornado = Table::new(
        "tornado",
        "What moves the figures",
        &[
            "Input",
            "One-off cost at low",
            "One-off cost at high",
            "Saving at low",
            "Saving at high",
        ],
    );
    tornado.rows = r
        .tornado
        .iter()
        .map(|b| {
            vec![
                Cell::text(b.input),
                pounds(b.one_off.0),
                pounds(b.one_off.1),
                pounds(b.saving.0),
                pounds(b.saving.1),
            ]
        })
        .collect();
    tornado.notes.push(format!(
        "Each input at its low and at its high value, every other at its likely value; with all at their likely values the one-off cost is {} and the saving {} a year.",
        Money::from_pounds_f64(r.likely.0).full(),
        Money::from_pounds_f64(r.likely.1).full()
    ));
    [figures, fan, tornado]
}

fn summary(plan: &Plan, o: &Outcome) -> Table {
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
}

fn movements(flows: &engine::Flows) -> [Cell; 4] {
    [
        Cell::Fte(flows.vacancies_deleted),
        Cell::Fte(flows.voluntary),
        Cell::Fte(flows.redeployed_out),
        Cell::Fte(flows.compulsory),
    ]
}

fn by_function(o: &Outcome) -> Table {
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

fn by_council(o: &Outcome, options: Options) -> Table {
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
    if options.anonymised {
        let people: Vec<u32> = o.councils.iter().map(|c| c.proposed_redundancies).collect();
        if table.suppress(7, &people) > 0 {
            table.notes.push(format!(
                "Anonymised: counts of fewer than {SMALL_GROUP} people, and a neighbouring figure that would reveal one, are shown as \"{SUPPRESSED}\"."
            ));
        }
    }
    table
}

fn by_role(plan: &Plan, o: &Outcome, options: Options) -> Table {
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
    if options.anonymised {
        anonymise_roles(plan, o, &mut table);
    }
    table
}

/// Roles held by fewer than five people show no pay or cost (one person's pay would be plain),
/// and the people leaving a role by each route are hidden when fewer than five.
fn anonymise_roles(plan: &Plan, o: &Outcome, table: &mut Table) {
    let holders = people_by_role(plan, o, None);
    // People by route: voluntary (column 6), redeployed (7), compulsory (8).
    let mut routes = [
        vec![0u32; o.roles.len()],
        vec![0u32; o.roles.len()],
        vec![0u32; o.roles.len()],
    ];
    for p in &o.people {
        let route = match p.kind() {
            "voluntary" | "bumped" => 0,
            "redeployed" => 1,
            _ => 2,
        };
        if let Some(n) = routes[route].get_mut(p.role) {
            *n += 1;
        }
    }
    let mut hidden = 0;
    for col in [10, 11, 12, 13] {
        hidden += table.suppress(col, &holders);
    }
    for (col, people) in [6, 7, 8].into_iter().zip(&routes) {
        hidden += table.suppress(col, people);
    }
    if hidden > 0 {
        table.notes.push(format!(
            "Anonymised: pay and cost of roles held by fewer than {SMALL_GROUP} people, and people leaving a role by a route when fewer than {SMALL_GROUP} (with a neighbouring figure that would reveal them), are shown as \"{SUPPRESSED}\"."
        ));
    }
}

/// People employed today (filled posts) in each role of [`Outcome::roles`], at one council (by
/// id) or all.
pub(crate) fn people_by_role(plan: &Plan, o: &Outcome, council: Option<&str>) -> Vec<u32> {
    let index: rustc_hash::FxHashMap<&str, usize> = o
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut holders = vec![0u32; o.roles.len()];
    for post in &plan.posts {
        if post.holder.is_some()
            && council.is_none_or(|c| post.council == c)
            && let Some(&r) = index.get(post.role.as_str())
        {
            holders[r] += 1;
        }
    }
    holders
}

fn by_year(o: &Outcome) -> Table {
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

fn waterfall(o: &Outcome) -> Table {
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

fn pools(o: &Outcome) -> Table {
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

fn timetable(o: &Outcome) -> Table {
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
fn equality(plan: &Plan, o: &Outcome) -> Table {
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
        for r in b.shown(p) {
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
    table.notes.push(
        "Rate of selection: people expected to leave per person in the workforce. A group selected at under four-fifths or over five-fourths of the workforce's rate is flagged (the four-fifths rule). Groups of fewer than 5 people are not shown, nor the next smallest figure where the total less the others would give one away (both say \"fewer than 5\").".to_owned(),
    );
    table
}

fn one_off(o: &Outcome) -> Table {
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
    table.notes.push(format!(
        "Of the redundancy pay, {} is statutory; of the pension strain, {} is indicative (estimated where the fund has not quoted).",
        x.statutory_redundancy_pay.full(),
        x.pension_strain_estimated.full()
    ));
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

fn scenarios(plan: &Plan) -> Table {
    let mut table = Table::new(
        "scenarios",
        "Scenarios",
        &[
            "Scenario",
            "Target FTE",
            "Voluntary redundancy FTE",
            "Compulsory redundancy FTE",
            "Recurring saving",
            "One-off cost",
            "Payback, years",
            "Go-live",
            "Every council meets go-live",
        ],
    );
    for name in plan.scenario_names() {
        let Some(scenario) = plan.scenario(&name) else {
            continue;
        };
        let o = engine::evaluate(plan, &scenario);
        let t = &o.totals;
        table.rows.push(vec![
            Cell::Text(name),
            Cell::Fte(t.target_fte),
            Cell::Fte(t.flows.voluntary),
            Cell::Fte(t.flows.compulsory),
            Cell::Money(t.recurring_saving),
            Cell::Money(t.one_off_cost),
            t.payback_years.map_or(Cell::text("none"), Cell::Years),
            Cell::Date(o.go_live),
            Cell::Flag(o.councils.iter().all(|c| c.timetable.meets_go_live)),
        ]);
    }
    table
}

fn assumptions(plan: &Plan) -> Table {
    let mut table = Table::new(
        "assumptions",
        "Assumptions",
        &["Setting", "Value", "From", "Source"],
    );
    let a = &plan.assumptions;
    let mut add = |name: String, value: Cell, from: Option<Date>, source: &str| {
        table.rows.push(vec![
            Cell::Text(name),
            value,
            Cell::date(from),
            Cell::text(source),
        ]);
    };
    let plan_setting = "The plan's assumption";
    add(
        "Redeployment rate".to_owned(),
        Cell::Percent(a.redeployment_rate),
        None,
        plan_setting,
    );
    add(
        "VR take-up (of those eligible who did not say)".to_owned(),
        Cell::Percent(a.vr_take_up),
        None,
        plan_setting,
    );
    add(
        "Pay protection, years".to_owned(),
        Cell::Years(a.pay_protection_years),
        None,
        plan_setting,
    );
    add(
        "Pay protection costed with on-costs (NI, LGPS, levy)".to_owned(),
        Cell::Flag(a.pay_protection_on_costs),
        None,
        plan_setting,
    );
    add(
        "VR payback limit, years".to_owned(),
        match a.vr_payback_limit {
            PaybackLimit::None => Cell::text("none"),
            PaybackLimit::Years(y) => Cell::Years(y),
        },
        None,
        plan_setting,
    );
    add(
        "Compulsory redundancy allowed".to_owned(),
        Cell::Flag(a.compulsory_allowed),
        None,
        plan_setting,
    );
    add(
        "Bumped redundancy allowed".to_owned(),
        Cell::Flag(a.bumping),
        None,
        plan_setting,
    );
    add(
        "How the councils share".to_owned(),
        Cell::text(a.split_sentence()),
        None,
        plan_setting,
    );
    add(
        "Part-year savings".to_owned(),
        Cell::text(a.part_year.label()),
        None,
        plan_setting,
    );
    add(
        "A week's pay".to_owned(),
        Cell::text(a.weekly_pay.label()),
        None,
        plan_setting,
    );
    statutory(plan, &mut add);
    table
}

/// Every statutory parameter the plan holds, with its date and source.
fn statutory(plan: &Plan, add: &mut impl FnMut(String, Cell, Option<Date>, &str)) {
    let p = &plan.parameters;
    let r = &p.redundancy;
    add(
        "Statutory redundancy: qualifying service, years".to_owned(),
        Cell::Count(u64::from(r.qualifying_years)),
        None,
        &r.source,
    );
    add(
        "Statutory redundancy: most years counted".to_owned(),
        Cell::Count(u64::from(r.max_years)),
        None,
        &r.source,
    );
    add(
        format!(
            "Statutory redundancy: weeks a year under {}, {} to {}, from {}",
            r.middle_age,
            r.middle_age,
            r.higher_age - 1,
            r.higher_age
        ),
        Cell::text(format!(
            "{} / {} / {}",
            r.lower_weeks, r.middle_weeks, r.higher_weeks
        )),
        None,
        &r.source,
    );
    for cap in &r.weekly_caps {
        add(
            "Statutory redundancy: cap on a week's pay".to_owned(),
            Cell::Money(cap.value),
            Some(cap.from),
            &cap.source,
        );
    }
    add(
        "Statutory notice, most weeks".to_owned(),
        Cell::Count(u64::from(p.notice.max_weeks)),
        None,
        &p.notice.source,
    );
    add(
        "Discretionary compensation, most weeks".to_owned(),
        Cell::Years(p.discretionary.max_weeks),
        None,
        &p.discretionary.source,
    );
    for ni in &p.employer_ni {
        add(
            "Employer NI rate".to_owned(),
            Cell::Percent(ni.value.rate),
            Some(ni.from),
            &ni.source,
        );
        add(
            "Employer NI threshold, a year".to_owned(),
            Cell::Money(ni.value.threshold),
            Some(ni.from),
            &ni.source,
        );
    }
    for rate in &p.termination_ni.rates {
        add(
            format!(
                "Class 1A NI on termination payments over {}",
                p.termination_ni.threshold.whole()
            ),
            Cell::Percent(rate.value),
            Some(rate.from),
            &rate.source,
        );
    }
    add(
        "Apprenticeship levy".to_owned(),
        Cell::Percent(p.apprenticeship_levy.value),
        Some(p.apprenticeship_levy.from),
        &p.apprenticeship_levy.source,
    );
    for age in &p.lgps.trigger_ages {
        add(
            "LGPS: age from which redundancy releases the pension".to_owned(),
            Cell::Count(u64::from(age.value)),
            Some(age.from),
            &age.source,
        );
    }
    let protected = &p.lgps.protected_age;
    add(
        format!(
            "LGPS: protected pension age for members who joined before {}{}",
            protected.joined_before.strftime("%-d %B %Y"),
            if protected.confirmed {
                ""
            } else {
                " (not yet confirmed)"
            }
        ),
        if protected.applies {
            Cell::Count(u64::from(protected.age))
        } else {
            Cell::text("not applied")
        },
        None,
        &protected.source,
    );
    add(
        "LGPS: membership needed, years".to_owned(),
        Cell::Count(u64::from(p.lgps.min_membership_years)),
        None,
        &p.lgps.strain_estimate.source,
    );
    for band in &p.consultation.bands {
        add(
            format!(
                "Collective consultation: {} or more proposed redundancies, days",
                band.min_redundancies
            ),
            Cell::Count(u64::from(band.days)),
            None,
            &p.consultation.source,
        );
    }
    add(
        "Packages approved by full council from".to_owned(),
        Cell::Money(p.approval.full_council),
        None,
        &p.approval.source,
    );
    add(
        "Exit packages reported from".to_owned(),
        Cell::Money(p.approval.reportable),
        None,
        &p.approval.source,
    );
}

fn leavers(plan: &Plan, o: &Outcome) -> Table {
    let mut table = Table::new(
        "leavers",
        "Leavers",
        &[
            "Post",
            "Council",
            "Role",
            "Route",
            "FTE",
            "Exit date",
            "Notice, weeks",
            "Statutory weeks",
            "A week's pay",
            "Statutory redundancy pay",
            "Redundancy pay",
            "Pension strain",
            "Class 1A NI",
            "Pay protection",
            "Total",
        ],
    );
    table.sensitive = true;
    let mut sum = crate::engine::Counted::default();
    for p in &o.people {
        let post = &plan.posts[p.post];
        let counted = p.counted();
        sum.statutory_pay += counted.statutory_pay;
        sum.redundancy_pay += counted.redundancy_pay;
        sum.pension_strain += counted.pension_strain;
        sum.class1a_ni += counted.class1a_ni;
        sum.pay_protection += counted.pay_protection;
        table.rows.push(vec![
            Cell::text(&post.id),
            Cell::text(o.councils.get(p.council).map_or("", |c| c.name.as_str())),
            Cell::text(o.roles.get(p.role).map_or("", |r| r.title.as_str())),
            Cell::text(p.kind()),
            Cell::Fte(post.fte * p.shown_share()),
            Cell::Date(p.exit_date),
            Cell::Count(u64::from(p.notice_weeks)),
            Cell::Years(p.exit.statutory_weeks),
            Cell::Money(p.exit.weekly_pay),
            Cell::Money(counted.statutory_pay),
            Cell::Money(counted.redundancy_pay),
            Cell::Money(counted.pension_strain),
            Cell::Money(counted.class1a_ni),
            Cell::Money(counted.pay_protection),
            Cell::Money(counted.total()),
        ]);
    }
    table.total = Some(vec![
        Cell::text("Total"),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Money(sum.statutory_pay),
        Cell::Money(sum.redundancy_pay),
        Cell::Money(sum.pension_strain),
        Cell::Money(sum.class1a_ni),
        Cell::Money(sum.pay_protection),
        Cell::Money(sum.total()),
    ]);
    table.notes.push(format!(
        "{}: one row for each person who leaves or is at risk, with no names. Figures for people at risk are expected values (the share who may be selected).",
        plan.protective_marking
    ));
    table
}

/// The tables as CSV files in `dir`, named `01-summary.csv` and so on; the files written.
pub fn write_csv(
    dir: &std::path::Path,
    tables: &[Table],
) -> Result<Vec<std::path::PathBuf>, String> {
    let mut written = Vec::new();
    for (i, table) in tables.iter().enumerate() {
        let path = dir.join(csv_file_name(i, table));
        let bytes = table
            .to_csv()
            .map_err(|e| format!("could not write {}: {e}", table.title))?;
        crate::io::plan_file::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
        written.push(path);
    }
    Ok(written)
}

/// "03-by-council.csv".
pub fn csv_file_name(i: usize, table: &Table) -> String {
    let mut name = String::new();
    let _ = write!(name, "{:02}-{}.csv", i + 1, table.key);
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_is_escaped_and_numbers_are_not() {
        for bad in [
            "=SUM(A1)",
            "+44 20 7946 0000",
            "-2+3",
            "-cmd|' /C calc'!A0",
            "@cmd",
            "\tx",
            "\rx",
            "-",
        ] {
            assert_eq!(escape(bad), format!("'{bad}"));
            assert_eq!(Cell::text(bad).plain(), format!("'{bad}"));
        }
        for number in ["-2", "-1,234.56", "-£401,810.42", "+12.5%", "Finance"] {
            assert_eq!(escape(number), number);
        }
        assert_eq!(Cell::Money(Money(-123_456)).plain(), "-1234.56");
        assert_eq!(Cell::Money(Money(-5)).plain(), "-0.05");
        assert_eq!(Cell::Money(Money(123_456)).shown(), "£1,234.56");
    }

    #[test]
    fn a_lone_small_group_takes_a_neighbour_with_it() {
        let mut table = Table::new("t", "T", &["Council", "People"]);
        for n in [12u32, 3, 40, 7] {
            table
                .rows
                .push(vec![Cell::text("c"), Cell::Count(u64::from(n))]);
        }
        table.total = Some(vec![Cell::text("Total"), Cell::Count(62)]);
        assert_eq!(table.suppress(1, &[12, 3, 40, 7]), 2);
        let shown: Vec<_> = table.rows.iter().map(|r| r[1].clone()).collect();
        assert_eq!(
            shown,
            [
                Cell::Count(12),
                Cell::Suppressed,
                Cell::Count(40),
                Cell::Suppressed
            ]
        );
    }

    #[test]
    fn copy_is_tab_separated_with_headings_and_totals() {
        let mut table = Table::new("t", "T", &["Function", "Saving"]);
        table.rows.push(vec![
            Cell::text("Finance\tand tax"),
            Cell::Money(Money(100_000)),
        ]);
        table.total = Some(vec![Cell::text("Total"), Cell::Money(Money(100_000))]);
        assert_eq!(
            table.to_tsv(),
            "Function\tSaving\nFinance and tax\t£1,000.00\nTotal\t£1,000.00\n"
        );
    }
}
