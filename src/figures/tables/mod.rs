//! The plan's figures as tables: one source for the Excel workbook, the CSV files and every Copy
//! in the app, so they all say the same thing the JSON report says. Each cell keeps its kind
//! (money in pence, FTE, a count, a date), and each writer shows it its own way.

mod money;
mod people;
mod settings;
mod structure;
mod uncertainty;

use self::money::{by_year, one_off, waterfall};
pub use self::people::{CONSULTATION_COUNT_NOTE, HR1_NOTE, YEAR_SPLIT_NOTE};
use self::people::{equality, leavers, pools, timetable};
use self::settings::{assumptions, scenarios};
use self::structure::{by_council, by_function, by_role, summary};
use self::uncertainty::{left_out, uncertainty};

use jiff::civil::Date;

use crate::engine::{self, Outcome};
use crate::model::{Chart, Money, Plan, Scenario};

/// Groups of fewer people than this are not shown in anonymised tables.
pub const SMALL_GROUP: u32 = 5;

/// What anonymised tables show for a suppressed figure.
pub const SUPPRESSED: &str = "fewer than 5";

/// What a cell hidden to protect another (or a sum of money about few people) says.
pub const WITHHELD: &str = "not shown";

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
    /// Not shown: a count or FTE of fewer than 5 people in an anonymised paper.
    Suppressed,
    /// Not shown: a figure hidden so that a small one cannot be worked out from the rest, a sum
    /// of money about fewer than 5 people, or a share, rate or finding of a group not shown.
    Withheld,
    /// Nothing.
    Empty,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
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
            Self::Withheld => WITHHELD.to_owned(),
            Self::Empty => String::new(),
        }
    }

    /// The order a sorted column puts two cells in: numbers and dates by value, words as text.
    pub fn order(&self, other: &Self) -> std::cmp::Ordering {
        match (self, other) {
            (Self::Money(a), Self::Money(b)) => a.pence().cmp(&b.pence()),
            (Self::Fte(a), Self::Fte(b))
            | (Self::Percent(a), Self::Percent(b))
            | (Self::Years(a), Self::Years(b)) => a.total_cmp(b),
            (Self::Count(a), Self::Count(b)) => a.cmp(b),
            (Self::Date(a), Self::Date(b)) => a.cmp(b),
            _ => self.shown().cmp(&other.shown()),
        }
    }

    /// The cell as people read it, for Copy (it pastes into Word as it reads, and Excel in the
    /// UK reads £1,234.56 as money): £ and commas, dates as 1 April 2018.
    pub fn shown(&self) -> String {
        match self {
            Self::Text(s) => s.clone(),
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
    /// The rows, without the totals row.
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
        let headings = headings.iter().map(|&h| h.to_owned()).collect();
        Self::of_cells(key, title, headings, Vec::new())
    }

    /// A table of a chart's figures (`figures::charts`), titled by the chart's name and keyed by
    /// its slug, with no totals or notes.
    pub fn of_chart(chart: Chart, headings: Vec<String>, rows: Vec<Vec<Cell>>) -> Self {
        Self::of_cells(chart.slug(), chart.name(), headings, rows)
    }

    /// A table of typed cells, with no totals or notes.
    pub fn of_cells(
        key: &'static str,
        title: &str,
        headings: Vec<String>,
        rows: Vec<Vec<Cell>>,
    ) -> Self {
        Self {
            key,
            title: title.to_owned(),
            headings,
            rows,
            total: None,
            notes: Vec::new(),
            sensitive: false,
            sums_across: false,
        }
    }

    /// Words (a list as the app shows it: the posts, the leavers, the scenarios compared) as a
    /// table: every cell as it was written.
    pub fn of_words(
        key: &'static str,
        title: &str,
        headings: Vec<String>,
        rows: Vec<Vec<String>>,
    ) -> Self {
        let rows = rows
            .into_iter()
            .map(|row| row.into_iter().map(Cell::Text).collect())
            .collect();
        Self::of_cells(key, title, headings, rows)
    }

    /// Every row, the totals last, as people read it (the table under a chart, Copy).
    pub fn shown_rows(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .chain(&self.total)
            .map(|row| row.iter().map(Cell::shown).collect())
            .collect()
    }

    /// Rows, totals last, as tab-separated text with the headings first: what Copy puts on the
    /// clipboard (Excel and Word paste it as a table).
    pub fn to_tsv(&self) -> String {
        tsv(&self.headings, &self.shown_rows())
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
}

/// What an anonymised release hid and why, as its Summary's note says it (none for a release
/// that is not anonymised).
pub fn protection_note(tables: &[Table]) -> Option<&str> {
    tables
        .first()?
        .notes
        .iter()
        .map(String::as_str)
        .find(|n| n.starts_with("Anonymised:"))
}

/// Which tables, for whom.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// No post ids, dates of birth or individual pay; groups of fewer than five hidden.
    pub anonymised: bool,
    /// The leavers' schedule (one row per person affected; never when anonymised).
    pub leavers: bool,
    /// The open comments as an appendix (never when anonymised: comments are about named
    /// posts and people).
    pub comments: bool,
}

/// The open comments, oldest first, each with its thread in one cell: the appendix a board
/// pack carries when asked.
pub fn open_comments(plan: &Plan) -> Table {
    let rows = plan
        .comments
        .iter()
        .filter(|c| c.resolved.is_none())
        .map(|c| {
            let on = match &c.topic {
                crate::model::Topic::Plan => "The plan".to_owned(),
                topic => format!("{} {}", topic.kind(), topic.key()),
            };
            let replies = c
                .replies
                .iter()
                .map(|r| format!("{}: {}", r.author, r.text))
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                on,
                c.text.clone(),
                c.author.clone(),
                c.written.strftime("%-d %B %Y").to_string(),
                replies,
            ]
        })
        .collect();
    Table::of_words(
        "comments",
        "Open comments",
        ["On", "Comment", "By", "Written", "Replies"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    )
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
    papers(plan, scenario, options, risk).tables
}

/// Everything the papers of one export show: the tables and, when anonymised, each chart's
/// figures as the release protects them.
#[derive(Clone, Debug, Default)]
pub struct Papers {
    /// Every table (see [`all`]).
    pub tables: Vec<Table>,
    /// When anonymised, each chart's table of figures as the release protects it, its headline
    /// the first note; a chart is drawn only where nothing in its table is hidden.
    pub charts: Vec<(Chart, Table)>,
    /// The papers are anonymised: only the charts in `charts` with nothing hidden may be drawn.
    pub anonymised: bool,
}

impl Papers {
    /// Whether a paper may draw `chart`: always when not anonymised; anonymised, only when the
    /// release protected its figures (it is in `charts`) and hides none of them.
    pub fn may_draw(&self, chart: Chart) -> bool {
        !self.anonymised
            || (self.charts.iter().any(|(c, _)| *c == chart)
                && self.withheld_chart(chart).is_none())
    }

    /// A chart's protected table where something in it is hidden (so it is shown as that table,
    /// not drawn); `None` where it may be drawn (or the papers are not anonymised).
    pub fn withheld_chart(&self, chart: Chart) -> Option<&Table> {
        let (_, table) = self.charts.iter().find(|(c, _)| *c == chart)?;
        let hidden = table
            .rows
            .iter()
            .flatten()
            .any(|c| matches!(c, Cell::Suppressed | Cell::Withheld))
            || table
                .notes
                .iter()
                .any(|n| n == crate::figures::disclosure::NOTE_WITHHELD);
        hidden.then_some(table)
    }
}

/// Every table and, when anonymised, every chart's figures, protected as one release.
pub fn papers(
    plan: &Plan,
    scenario: &Scenario,
    options: Options,
    risk: Option<&crate::engine::risk::Risk>,
) -> Papers {
    let o = engine::evaluate(plan, scenario);
    let mut tables = vec![
        summary(plan, &o),
        by_function(&o),
        by_council(&o),
        by_role(&o),
        by_year(&o),
        waterfall(&o),
        pools(&o),
        timetable(&o),
        one_off(&o, options.anonymised),
        equality(plan, &o, options.anonymised),
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
    if options.comments && !options.anonymised {
        tables.push(open_comments(plan));
    }
    let mut charts = Vec::new();
    if options.anonymised {
        // One protection over every table and chart written together (docs/disclosure.md).
        let start = tables.len();
        let mut places = Vec::new();
        for (chart, table) in chart_tables(plan, &o, risk) {
            places.push((chart, tables.len()));
            tables.push(table);
        }
        let protected =
            crate::figures::disclosure::protect_tables(plan, scenario, &o, &mut tables, &places);
        charts = places
            .iter()
            .map(|(c, _)| *c)
            .zip(tables.split_off(start))
            .collect();
        tables[0].notes.push(protected.sentence());
    }
    Papers {
        tables,
        charts,
        anonymised: options.anonymised,
    }
}

/// The equality impact's table as the anonymised papers give it: groups of fewer than 5 people,
/// and whatever would give one away, hidden (the app's Pools view shows this).
pub fn protected_equality(plan: &Plan, o: &Outcome) -> Table {
    let mut table = equality(plan, o, true);
    crate::figures::disclosure::protect_equality(plan, o, &mut table);
    table
}

/// What the protection of the equality impact's table depends on, as a number: its figures
/// before protection. Two outcomes with the same fingerprint have the same protected table, so
/// a view need not protect it again after an edit that leaves it alone.
pub fn equality_fingerprint(plan: &Plan, o: &Outcome) -> u64 {
    use std::hash::{Hash, Hasher};
    let table = equality(plan, o, true);
    let mut h = rustc_hash::FxHasher::default();
    for cell in table.rows.iter().flatten() {
        std::mem::discriminant(cell).hash(&mut h);
        match cell {
            Cell::Text(s) => s.hash(&mut h),
            Cell::Fte(x) | Cell::Percent(x) | Cell::Years(x) => x.to_bits().hash(&mut h),
            Cell::Money(m) => m.pence().hash(&mut h),
            Cell::Count(n) => n.hash(&mut h),
            Cell::Date(d) => d.to_string().hash(&mut h),
            Cell::Flag(b) => b.hash(&mut h),
            Cell::Suppressed | Cell::Withheld | Cell::Empty => {}
        }
    }
    h.finish()
}

/// Each chart's figures as a table, its headline the first note (as an anonymised release
/// publishes them, before its protection).
pub fn chart_tables(
    plan: &Plan,
    o: &engine::Outcome,
    risk: Option<&crate::engine::risk::Risk>,
) -> Vec<(Chart, Table)> {
    use crate::figures::charts::{self, Scenarios, Series, Spread};
    let mut series = Series::of(plan, o);
    series.spread = risk.map(Spread::of);
    let scenarios = Scenarios::of(plan);
    Chart::ALL
        .into_iter()
        .filter(|&c| charts::figures_of(c, &series, Some(&scenarios), None).is_some())
        .map(|c| {
            let mut table = charts::table(c, &series, Some(&scenarios), None);
            table.notes = vec![charts::headline(c, &series, Some(&scenarios))];
            (c, table)
        })
        .collect()
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
        // The 3 is small; 62 less the others would give it back, so the smallest other goes
        // too, as protection ("not shown"); then 3 and 7 lie anywhere in [0, 10].
        assert_eq!(
            crate::figures::disclosure::protect_counts(&mut table, &[1]),
            (1, 1)
        );
        let shown: Vec<_> = table.rows.iter().map(|r| r[1].clone()).collect();
        assert_eq!(
            shown,
            [
                Cell::Count(12),
                Cell::Suppressed,
                Cell::Count(40),
                Cell::Withheld
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
