//! From a sheet to posts: each row read through the mapping, functions and roles matched to the
//! plan's, councils created or matched, a re-imported council compared post by post, and every
//! bad value listed with the row a spreadsheet shows. Nothing here changes the plan given: the
//! result carries the plan as it would be after the import, for the caller to apply in one step.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use jiff::civil::Date;

use super::Progress;
use super::headings::{Field, Headings, ImportKind, Mapping, find_headings, normalise};
use super::source::{Cell, Grid, Row};
use super::values::{self, DateOrder, FteUnit};
use crate::io::slug;
use crate::model::{
    Colour, Council, Function, Money, Monitoring, Plan, Post, Postholder, RedundancyScheme, Role,
    TargetPay,
};

/// The most problems listed; the rest are counted.
pub const MAX_LISTED: usize = 200;
/// Rows shown in the preview.
pub const PREVIEW_ROWS: usize = 12;

/// One problem, with the row a spreadsheet shows and the column's heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The spreadsheet row (the heading row counted), if the problem is in a row.
    pub row: Option<u32>,
    /// The column's heading, if the problem is in a column.
    pub column: Option<String>,
    /// What is wrong and what to do, with the value as written.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some(row) = self.row {
            write!(f, "row {row}")?;
            sep = ", ";
        }
        if let Some(column) = &self.column {
            write!(f, "{sep}column '{column}'")?;
            sep = ", ";
        }
        let sep = if sep.is_empty() { "" } else { ": " };
        write!(f, "{sep}{}", self.message)
    }
}

/// Problems found: the first [`MAX_LISTED`] and how many in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    /// The problems listed.
    pub listed: Vec<Problem>,
    /// How many were found.
    pub total: usize,
}

impl Problems {
    fn push(&mut self, problem: Problem) {
        self.total += 1;
        if self.listed.len() < MAX_LISTED {
            self.listed.push(problem);
        }
    }

    /// How many were found but not listed.
    pub fn unlisted(&self) -> usize {
        self.total - self.listed.len()
    }
}

/// Where the imported posts go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Placement {
    /// A council new to the plan.
    #[default]
    New,
    /// Replace the council's posts (next month's extract): posts are matched by post id.
    Replace,
    /// Add to the council's posts.
    Add,
}

impl Placement {
    /// Every placement, in the order offered.
    pub const ALL: [Self; 3] = [Self::New, Self::Replace, Self::Add];

    /// Its name as offered to the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "A new council",
            Self::Replace => "Replace the council's posts",
            Self::Add => "Add to the council's posts",
        }
    }
}

/// A new council's settings until the user confirms them in the Councils view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CouncilDefaults {
    /// Employer LGPS contribution rate.
    pub lgps_employer_rate: f64,
    /// The council's redundancy scheme.
    pub scheme: RedundancyScheme,
    /// Minimum years of service for VR.
    pub min_service_for_vr_years: u32,
}

impl Default for CouncilDefaults {
    fn default() -> Self {
        Self {
            lgps_employer_rate: 0.2,
            scheme: RedundancyScheme::default(),
            min_service_for_vr_years: 2,
        }
    }
}

/// What the user chose beyond the file itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// The columns, units, dates, functions and roles.
    pub mapping: Mapping,
    /// The council of a file without a council column.
    pub council: String,
    /// Where the posts go.
    pub placement: Placement,
    /// A new council's settings.
    pub defaults: CouncilDefaults,
    /// Import without the rows that have problems (they are named in the summary).
    pub skip_bad_rows: bool,
}

/// A value of the function column and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionGroup {
    /// The value as written ("" when there is no function column).
    pub value: String,
    /// How many rows have it.
    pub rows: usize,
    /// The name of the plan's function it goes to (new if the plan has none by that name).
    pub function: String,
    /// Why ("chosen", "'People Services' reads as HR").
    pub why: String,
}

/// A role of the target structure and the titles that go to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleGroup {
    /// The function's name.
    pub function: String,
    /// The role's title.
    pub role: String,
    /// The titles as written, with how many posts have each.
    pub titles: Vec<(String, usize)>,
    /// True when the plan has no such role yet.
    pub new: bool,
}

/// What an import changes in one post (or, for a target structure, one role).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A post or role not in the plan before.
    Added {
        /// What it belongs to: the council's name (the function's, for a role).
        group: String,
        /// "post" or "role".
        noun: &'static str,
        /// The post id or role title.
        item: String,
    },
    /// A post of the council that the file no longer has.
    Removed {
        /// The council's name.
        group: String,
        /// "post" or "role".
        noun: &'static str,
        /// The post id or role title.
        item: String,
    },
    /// A post or role whose fields differ: (field, old, new).
    Changed {
        /// The council's name (the function's, for a role).
        group: String,
        /// "post" or "role".
        noun: &'static str,
        /// The post id or role title.
        item: String,
        /// Each field that differs, with its old and new value.
        fields: Vec<(String, String, String)>,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Added { group, noun, item } => write!(f, "{group}: {noun} {item} added"),
            Self::Removed { group, noun, item } => write!(f, "{group}: {noun} {item} removed"),
            Self::Changed {
                group,
                noun,
                item,
                fields,
            } => {
                write!(f, "{group}: {noun} {item} changed: ")?;
                for (i, (field, old, new)) in fields.iter().enumerate() {
                    if i > 0 {
                        write!(f, "; ")?;
                    }
                    write!(f, "{field} {old} to {new}")?;
                }
                Ok(())
            }
        }
    }
}

/// A council the import touches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CouncilSummary {
    /// Its name.
    pub name: String,
    /// True when the import creates it.
    pub new: bool,
    /// Posts imported for it.
    pub posts: usize,
}

/// The result of checking a sheet against the plan.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The headings found and what each column fills.
    pub headings: Option<Headings>,
    /// Notes for the summary: rows left out and why, units and orders chosen.
    pub notes: Vec<String>,
    /// Problems: values that cannot be read, and questions the user must answer.
    pub problems: Problems,
    /// Problems that stop the import even when bad rows are skipped.
    pub blocking: usize,
    /// Rows with problems, by spreadsheet number.
    pub bad_rows: Vec<u32>,
    /// The user chose to import without the rows with problems.
    pub skip_bad_rows: bool,
    /// Date columns whose order could be either way: the user is asked.
    pub date_question: bool,
    /// The FTE column's unit as used, and why.
    pub fte_unit: (FteUnit, String),
    /// The function column's values.
    pub functions: Vec<FunctionGroup>,
    /// The roles and their titles.
    pub roles: Vec<RoleGroup>,
    /// Councils imported into.
    pub councils: Vec<CouncilSummary>,
    /// What a re-import changes.
    pub changes: Vec<Change>,
    /// The first posts as they will be imported: spreadsheet row and post.
    pub preview: Vec<(u32, Post)>,
    /// Posts imported.
    pub imported: usize,
    /// The plan after the import.
    pub plan: Plan,
}

impl Checked {
    /// True when Import can go ahead.
    pub fn can_import(&self) -> bool {
        self.headings.is_some()
            && self.blocking == 0
            && self.imported > 0
            && (self.problems.total == 0 || self.skip_bad_rows)
    }

    fn empty(plan: &Plan) -> Self {
        Self {
            headings: None,
            notes: Vec::new(),
            problems: Problems::default(),
            blocking: 0,
            bad_rows: Vec::new(),
            skip_bad_rows: false,
            date_question: false,
            fte_unit: (FteUnit::Fraction, String::new()),
            functions: Vec::new(),
            roles: Vec::new(),
            councils: Vec::new(),
            changes: Vec::new(),
            preview: Vec::new(),
            imported: 0,
            plan: plan.clone(),
        }
    }

    fn block(&mut self, column: Option<&str>, message: String) {
        self.blocking += 1;
        self.problems.push(Problem {
            row: None,
            column: column.map(str::to_owned),
            message,
        });
    }
}

/// "1 to 3", "5" for the numbers of rows left out.
fn rows_text(rows: &[u32]) -> String {
    match rows {
        [] => String::new(),
        [one] => format!("row {one}"),
        [first, .., last] if rows.len() as u32 == last - first + 1 => {
            format!("rows {first} to {last}")
        }
        _ => {
            let shown: Vec<String> = rows.iter().take(20).map(ToString::to_string).collect();
            let more = if rows.len() > 20 {
                format!(" and {} more", rows.len() - 20)
            } else {
                String::new()
            };
            format!("rows {}{more}", shown.join(", "))
        }
    }
}

/// True for a totals row: a cell starting "Total" or "Grand total", or numbers with no text.
fn is_totals_row(row: &Row) -> bool {
    let texts: Vec<String> = row
        .cells
        .iter()
        .filter_map(|c| match c {
            Cell::Text(t) if !t.trim().is_empty() => Some(t.trim().to_lowercase()),
            _ => None,
        })
        .collect();
    let numbers = row
        .cells
        .iter()
        .filter(|c| matches!(c, Cell::Number(_)))
        .count();
    texts
        .iter()
        .any(|t| t.starts_with("total") || t.starts_with("grand total") || t == "totals")
        || (texts.is_empty() && numbers > 0)
}

/// Function names a value is read as, by the words in it (checked in this order).
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "legal",
        &[
            "legal",
            "law",
            "democratic",
            "democracy",
            "governance",
            "monitoring officer",
            "electoral",
            "elections",
            "solicitor",
            "committee services",
        ],
    ),
    (
        "hr",
        &[
            "hr",
            "human resources",
            "people",
            "personnel",
            "workforce",
            "organisational development",
            "od",
            "payroll",
            "talent",
            "learning and development",
            "recruitment",
        ],
    ),
    (
        "it",
        &[
            "it",
            "ict",
            "digital",
            "information technology",
            "technology",
            "information services",
            "is",
            "systems",
            "cyber",
            "data",
        ],
    ),
    (
        "finance",
        &[
            "finance",
            "financial",
            "revenues",
            "revenue",
            "exchequer",
            "accountancy",
            "accounts",
            "treasury",
            "audit",
            "procurement",
            "benefits",
            "payments",
            "income",
            "s151",
        ],
    ),
    (
        "other",
        &[
            "support",
            "business support",
            "customer",
            "customers",
            "admin",
            "administration",
            "facilities",
            "communications",
            "corporate",
            "other",
            "policy",
            "performance",
        ],
    ),
];

fn standard_name(id: &str) -> &'static str {
    match id {
        "finance" => "Finance",
        "hr" => "HR",
        "it" => "IT",
        "legal" => "Legal",
        _ => "Other support",
    }
}

/// The plan's function a value of the function column most likely is, and why.
pub fn guess_function(value: &str, plan: &Plan) -> (String, String) {
    let v = value.trim();
    if let Some(f) = plan
        .functions
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(v) || f.id.eq_ignore_ascii_case(v))
    {
        return (
            f.name.clone(),
            "the plan's function of that name".to_owned(),
        );
    }
    let n = normalise(&v.replace('&', " and "));
    let padded = format!(" {n} ");
    for (id, words) in FUNCTION_WORDS {
        if words.iter().any(|w| padded.contains(&format!(" {w} "))) {
            let name = plan
                .function(id)
                .map_or_else(|| standard_name(id).to_owned(), |f| f.name.clone());
            return (name.clone(), format!("'{v}' reads as {name}"));
        }
    }
    (v.to_owned(), "a new function".to_owned())
}

/// A job title reduced to what names the job: case, punctuation and common abbreviations
/// ("Snr", "Asst", "Mgr", "&") do not split a role.
pub fn title_key(title: &str) -> String {
    let joined = title.replace(['-', '\''], "").replace('&', " and ");
    normalise(&joined)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "snr" | "sr" | "sen" => "senior",
            "jnr" | "jr" => "junior",
            "asst" | "assnt" | "ass" => "assistant",
            "mgr" | "mngr" | "man" => "manager",
            "dep" | "dpty" => "deputy",
            "hd" => "head",
            "dept" => "department",
            "admin" => "administrator",
            "offr" => "officer",
            "coord" => "coordinator",
            "tech" => "technician",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Short name of a council: "Borough of Poole" → "Poole".
pub fn short_name(name: &str) -> String {
    let mut s = name.trim();
    for prefix in [
        "London Borough of ",
        "Royal Borough of ",
        "Borough of ",
        "City of ",
    ] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    for suffix in [
        " Metropolitan Borough Council",
        " Borough Council",
        " District Council",
        " County Council",
        " City Council",
        " Council",
    ] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    if s.is_empty() {
        name.trim().to_owned()
    } else {
        s.to_owned()
    }
}

/// The FTE column's unit: as chosen, else from its heading, else from its values.
fn fte_unit(mapping: &Mapping, heading: &str, cells: &[&Cell]) -> (FteUnit, String) {
    if let Some(unit) = mapping.fte_unit {
        return (unit, "chosen".to_owned());
    }
    let n = normalise(heading);
    if n.contains("hour") {
        return (FteUnit::Hours, format!("heading '{heading}'"));
    }
    if n.contains('%') || n.contains("percent") {
        return (FteUnit::Percent, format!("heading '{heading}'"));
    }
    let numbers: Vec<f64> = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Number(n) => Some(*n),
            Cell::Text(t) => t.trim().parse().ok(),
            _ => None,
        })
        .filter(|n: &f64| n.is_finite())
        .collect();
    let max = numbers.iter().copied().fold(0.0, f64::max);
    // Hours typed into an FTE column: nothing over a long week, and most a real number of
    // hours (a column of 2s is a mistake to list, not two hours a week).
    let hours_like = numbers.iter().filter(|n| **n >= 5.0).count();
    if max > 1.0 && max <= 60.0 && hours_like * 2 >= numbers.len() {
        return (
            FteUnit::Hours,
            "its values look like weekly hours".to_owned(),
        );
    }
    if max > 60.0 && max <= 100.0 {
        return (
            FteUnit::Percent,
            "its values look like percentages".to_owned(),
        );
    }
    (FteUnit::Fraction, format!("heading '{heading}'"))
}

/// One row as read, before it becomes a post.
struct Draft {
    row: u32,
    council: String,
    function_value: String,
    role_value: String,
    post: Post,
}

/// Reads the cells of one row, recording problems.
struct RowReader<'a> {
    row: &'a Row,
    headings: &'a Headings,
    problems: Vec<Problem>,
}

impl RowReader<'_> {
    fn cell(&self, field: Field) -> Option<&Cell> {
        self.headings.column_of(field).map(|i| self.row.cell(i))
    }

    fn heading(&self, field: Field) -> String {
        self.headings.column_of(field).map_or_else(
            || field.label().to_owned(),
            |i| self.headings.columns[i].heading.clone(),
        )
    }

    fn text(&self, field: Field) -> String {
        self.cell(field).map(values::text).unwrap_or_default()
    }

    fn bad(&mut self, field: Field, message: String) {
        self.problems.push(Problem {
            row: Some(self.row.number),
            column: Some(self.heading(field)),
            message,
        });
    }

    fn read<T>(&mut self, field: Field, f: impl FnOnce(&Cell) -> Result<T, String>) -> Option<T> {
        static EMPTY: Cell = Cell::Empty;
        let cell = self.cell(field).unwrap_or(&EMPTY);
        match f(cell) {
            Ok(v) => Some(v),
            Err(why) => {
                self.bad(field, why);
                None
            }
        }
    }

    fn required_date(&mut self, field: Field, order: DateOrder, pivot: u8) -> Option<Date> {
        if self.cell(field).is_none_or(Cell::is_empty) {
            self.bad(
                field,
                "is empty; a filled post needs it (leave the postholder's columns blank only for a vacancy)"
                    .to_owned(),
            );
            return None;
        }
        self.read(field, |c| values::date(c, order, pivot))
    }
}

/// Checks `grid` as the `kind` of import against `plan` with the user's `options`.
pub fn check(grid: &Grid, plan: &Plan, options: &Options, progress: &Progress) -> Checked {
    let mut checked = Checked::empty(plan);
    checked.skip_bad_rows = options.skip_bad_rows;
    let Some((headings, data)) =
        headings_and_rows(grid, ImportKind::Establishment, options, &mut checked)
    else {
        return checked;
    };
    structural_checks(&mut checked, &headings, options, data);
    // Until the columns and the date order are settled, every row would repeat the same problem.
    if checked.blocking == 0 {
        read_rows(&mut checked, &headings, options, data, plan, progress);
    }
    checked.headings = Some(headings);
    checked
}

/// The headings (as guessed, then as the user mapped them) and the rows of data under them:
/// title rows above and a totals row at the end are left out, with a note.
fn headings_and_rows<'g>(
    grid: &'g Grid,
    kind: ImportKind,
    options: &Options,
    checked: &mut Checked,
) -> Option<(Headings, &'g [Row])> {
    let Some(mut headings) = find_headings(grid, kind) else {
        let examples = match kind {
            ImportKind::Establishment => "Post No, Job Title, FTE, Salary",
            ImportKind::Targets => "Function, Role, Target FTE, Target salary",
        };
        checked.block(
            None,
            format!("no heading row was found in the first rows; add a row of headings such as {examples}"),
        );
        return None;
    };
    options.mapping.apply(&mut headings);
    for field in kind.required() {
        if headings.column_of(*field).is_none() {
            checked.block(
                Some(field.label()),
                format!(
                    "no column gives {}; choose the column that holds it",
                    field.label()
                ),
            );
        }
    }
    let title_rows: Vec<u32> = grid.rows[..headings.row].iter().map(|r| r.number).collect();
    if !title_rows.is_empty() {
        checked.notes.push(format!(
            "{} above the headings (titles) left out",
            rows_text(&title_rows)
        ));
    }
    let mut data: &[Row] = &grid.rows[headings.row + 1..];
    if let Some((last, rest)) = data.split_last()
        && !rest.is_empty()
        && is_totals_row(last)
    {
        checked.notes.push(format!(
            "row {} looks like a totals row and is left out",
            last.number
        ));
        data = rest;
    }
    Some((headings, data))
}

/// Missing columns, the FTE unit and the date order: what must be settled before rows are read.
fn structural_checks(checked: &mut Checked, headings: &Headings, options: &Options, data: &[Row]) {
    if headings.column_of(Field::Role).is_none() && headings.column_of(Field::Title).is_none() {
        checked.block(
            Some("Role"),
            "no column gives the role or job title; choose the column with job titles".to_owned(),
        );
    }
    if headings.column_of(Field::Council).is_none() && options.council.trim().is_empty() {
        checked.block(
            Some("Council"),
            "the file has no council column; name the council these posts belong to".to_owned(),
        );
    }
    if let Some(i) = headings.column_of(Field::Fte) {
        let cells: Vec<&Cell> = data.iter().map(|r| r.cell(i)).collect();
        checked.fte_unit = fte_unit(&options.mapping, &headings.columns[i].heading, &cells);
        if checked.fte_unit.0 == FteUnit::Hours {
            checked.notes.push(format!(
                "FTE from weekly hours ({}) at {} full-time hours",
                checked.fte_unit.1, options.mapping.full_time_hours
            ));
        }
    }
    // A file in this app's own layout (its documented headings) has dates as docs/guide.md says:
    // DD/MM/YYYY or YYYY-MM-DD. That is the layout's rule, not a guess.
    let own_layout = [
        Field::Council,
        Field::Function,
        Field::Role,
        Field::Fte,
        Field::Salary,
        Field::Vacant,
    ]
    .iter()
    .all(|f| {
        headings.column_of(*f).is_some_and(|i| {
            normalise(&headings.columns[i].heading) == f.heading().replace('_', " ")
        })
    });
    if own_layout && options.mapping.date_order.is_none() {
        checked.notes.push(
            "dates read day-first (DD/MM/YYYY), as Merger Planner's own layout says".to_owned(),
        );
    }
    if options.mapping.date_order.is_none() && !own_layout {
        for field in [Field::DateOfBirth, Field::ServiceStart] {
            let Some(i) = headings.column_of(field) else {
                continue;
            };
            let heading = headings.columns[i].heading.clone();
            match values::column_order(data.iter().map(|r| r.cell(i))) {
                Ok(Some(_)) => {}
                Ok(None) => {
                    checked.date_question = true;
                    checked.block(
                        Some(&heading),
                        "every date could be day-first (14/03) or month-first (03/14); choose the order of the dates".to_owned(),
                    );
                }
                Err(_) => {
                    checked.date_question = true;
                    checked.block(
                        Some(&heading),
                        "some dates are day-first (23/04) and some month-first (04/23); choose the order, and the dates that do not fit it will be listed".to_owned(),
                    );
                }
            }
        }
    }
}

/// The date order for a column: chosen, or settled by its values (day first when they agree
/// with both).
fn date_order(options: &Options, headings: &Headings, data: &[Row], field: Field) -> DateOrder {
    if let Some(o) = options.mapping.date_order {
        return o;
    }
    headings
        .column_of(field)
        .and_then(|i| {
            values::column_order(data.iter().map(|r| r.cell(i)))
                .ok()
                .flatten()
        })
        .unwrap_or(DateOrder::DayFirst)
}

fn read_rows(
    checked: &mut Checked,
    headings: &Headings,
    options: &Options,
    data: &[Row],
    plan: &Plan,
    progress: &Progress,
) {
    let mapping = &options.mapping;
    let pivot = mapping.two_digit_pivot;
    let unit = checked.fte_unit.0;
    let dob_order = date_order(options, headings, data, Field::DateOfBirth);
    let start_order = date_order(options, headings, data, Field::ServiceStart);
    let infer_vacancy =
        headings.column_of(Field::Vacant).is_none() && headings.column_of(Field::Filled).is_none();
    if infer_vacancy {
        checked.notes.push(
            "no status column: a post with no date of birth and no service start is taken as vacant"
                .to_owned(),
        );
    }
    let mut drafts: Vec<Draft> = Vec::with_capacity(data.len());
    let mut bad_rows = Vec::new();
    for (n, row) in data.iter().enumerate() {
        if n % 4096 == 0 {
            if progress.is_cancelled() {
                checked.block(None, "checking was cancelled".to_owned());
                return;
            }
            progress.set(n as f32 / data.len().max(1) as f32);
        }
        let mut r = RowReader {
            row,
            headings,
            problems: Vec::new(),
        };
        let council = match r.text(Field::Council) {
            c if c.is_empty() && headings.column_of(Field::Council).is_some() => {
                if options.council.trim().is_empty() {
                    r.bad(Field::Council, "is empty; fill in the council".to_owned());
                }
                options.council.trim().to_owned()
            }
            c if c.is_empty() => options.council.trim().to_owned(),
            c => c,
        };
        let title = r.text(Field::Title);
        let role_value = match r.text(Field::Role) {
            v if v.is_empty() => title.clone(),
            v => v,
        };
        if role_value.is_empty() {
            let field = if headings.column_of(Field::Role).is_some() {
                Field::Role
            } else {
                Field::Title
            };
            r.bad(field, "is empty; fill in the job title".to_owned());
        }
        let fte = r.read(Field::Fte, |c| {
            values::fte(c, unit, mapping.full_time_hours)
        });
        let salary = r.read(Field::Salary, |c| {
            values::money(c).and_then(|m| {
                if m.pence() > 0 {
                    Ok(m)
                } else {
                    Err(format!(
                        "{m} must be more than zero; enter the full-time annual salary"
                    ))
                }
            })
        });
        let vacant = if let Some(cell) = r.cell(Field::Vacant).cloned() {
            r.read(Field::Vacant, |_| values::vacant(&cell, true))
        } else if let Some(cell) = r.cell(Field::Filled).cloned() {
            r.read(Field::Filled, |_| values::vacant(&cell, false))
        } else {
            let blank = |f| r.cell(f).is_none_or(Cell::is_empty);
            Some(blank(Field::DateOfBirth) && blank(Field::ServiceStart))
        };
        let holder = match vacant {
            Some(false) => read_holder(&mut r, dob_order, start_order, pivot).map(Some),
            Some(true) => Some(None),
            None => None,
        };
        let post_id = r.text(Field::PostId);
        let grade = r.text(Field::Grade);
        let function_value = r.text(Field::Function);
        if !r.problems.is_empty() {
            bad_rows.push(row.number);
            // Straight into the capped list: a million bad rows keep only what is shown.
            for p in r.problems {
                checked.problems.push(p);
            }
            continue;
        }
        let (Some(fte), Some(salary), Some(holder)) = (fte, salary, holder) else {
            continue;
        };
        drafts.push(Draft {
            row: row.number,
            council,
            function_value,
            role_value: role_value.clone(),
            post: Post {
                id: post_id,
                council: String::new(),
                function: String::new(),
                role: String::new(),
                title: if title.is_empty() { role_value } else { title },
                grade,
                fte,
                salary,
                holder,
            },
        });
    }
    progress.set(1.0);
    many_monitoring_values(&drafts, &mut checked.notes);
    if !bad_rows.is_empty() && options.skip_bad_rows {
        checked.notes.push(format!(
            "{} with problems skipped: {}",
            if bad_rows.len() == 1 { "1 row" } else { "rows" },
            rows_text(&bad_rows)
        ));
    }
    checked.bad_rows = bad_rows;
    if drafts.is_empty() && checked.problems.total == 0 {
        checked.block(
            None,
            "the file has headings but no posts under them; check the sheet".to_owned(),
        );
        return;
    }
    assemble(checked, drafts, headings, options, plan);
}

fn read_holder(
    r: &mut RowReader,
    dob_order: DateOrder,
    start_order: DateOrder,
    pivot: u8,
) -> Option<Postholder> {
    let dob = r.required_date(Field::DateOfBirth, dob_order, pivot);
    let start = r.required_date(Field::ServiceStart, start_order, pivot);
    if let (Some(d), Some(s)) = (dob, start)
        && d >= s
    {
        r.bad(
            Field::DateOfBirth,
            format!("born {d} but service starts {s}; check both dates"),
        );
    }
    let lgps = r.read(Field::Lgps, values::lgps);
    let notice = r.read(Field::Notice, values::notice_weeks);
    let vr = r.read(Field::VrInterest, |c| values::flag(c, false));
    let critical = r.read(Field::Critical, |c| values::flag(c, false));
    let quote = r.read(Field::StrainQuote, |c| {
        if c.is_empty() {
            Ok(None)
        } else {
            values::money(c).and_then(|m| {
                if m.pence() >= 0 {
                    Ok(Some(m))
                } else {
                    Err(format!("{m} is negative; enter the fund's quote"))
                }
            })
        }
    });
    let sex = r.read(Field::Sex, values::sex);
    let ethnicity = r.read(Field::Ethnicity, values::monitoring);
    let disability = r.read(Field::Disability, values::disability);
    Some(Postholder {
        date_of_birth: dob?,
        service_start: start?,
        lgps_member: lgps?,
        notice_weeks: notice?,
        vr_interest: vr?,
        critical: critical?,
        strain_quote: quote?,
        monitoring: Monitoring {
            sex: sex?,
            ethnicity: ethnicity?,
            disability: disability?,
        },
    })
}

/// Equality monitoring has a few groups (Female and Male; a score of ethnic groups): a column
/// with many more different values is likely another column taken for it, and a note says so.
fn many_monitoring_values(drafts: &[Draft], notes: &mut Vec<String>) {
    type Get = fn(&crate::model::Monitoring) -> Option<&str>;
    let fields: [(&str, usize, Get); 3] = [
        ("Sex", 10, |m| m.sex.as_deref()),
        ("Ethnicity", 40, |m| m.ethnicity.as_deref()),
        ("Disability", 10, |m| m.disability.as_deref()),
    ];
    for (name, most, get) in fields {
        let distinct: BTreeSet<String> = drafts
            .iter()
            .filter_map(|d| d.post.holder.as_ref())
            .filter_map(|h| get(&h.monitoring))
            .map(|v| v.trim().to_lowercase())
            .collect();
        if distinct.len() > most {
            notes.push(format!(
                "{name} has {} different values, where equality monitoring has a few groups: check that its column is the right one",
                distinct.len()
            ));
        }
    }
}

/// Maps each value of the function column (in order of first appearance, with how many rows
/// have it) to one of the plan's functions, adding new ones to `out`; returns value → function id.
fn map_functions(
    values: impl Iterator<Item = String>,
    mapping: &Mapping,
    plan: &Plan,
    out: &mut Plan,
    groups: &mut Vec<FunctionGroup>,
) -> HashMap<String, String> {
    let mut counted: Vec<(String, usize)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for value in values {
        let i = *index.entry(value.clone()).or_insert_with(|| {
            counted.push((value, 0));
            counted.len() - 1
        });
        counted[i].1 += 1;
    }
    let mut ids = HashMap::new();
    for (value, rows) in counted {
        let (name, why) = match mapping.functions.get(&value) {
            Some(name) => (name.clone(), "chosen".to_owned()),
            None if value.is_empty() => (
                guess_function("Other support", plan).0,
                "no function given: Other support until you choose".to_owned(),
            ),
            None => guess_function(&value, plan),
        };
        ids.insert(value.clone(), function_for(out, &name));
        groups.push(FunctionGroup {
            value,
            rows,
            function: name,
            why,
        });
    }
    ids
}

/// Matches an existing council by name, short name or id.
fn find_council<'p>(plan: &'p Plan, name: &str) -> Option<&'p Council> {
    let wanted = name.trim();
    plan.councils.iter().find(|c| {
        c.name.eq_ignore_ascii_case(wanted)
            || c.short_name.eq_ignore_ascii_case(wanted)
            || c.id.eq_ignore_ascii_case(wanted)
            || c.id == slug(wanted)
    })
}

#[expect(
    clippy::too_many_lines,
    reason = "one pass over the rows, read in order; split further it would pass a dozen locals around"
)]
fn assemble(
    checked: &mut Checked,
    drafts: Vec<Draft>,
    headings: &Headings,
    options: &Options,
    plan: &Plan,
) {
    let mapping = &options.mapping;
    let mut out = plan.clone();
    // Functions: each value of the function column, in order of first appearance.
    let function_of_value = map_functions(
        drafts.iter().map(|d| d.function_value.clone()),
        mapping,
        plan,
        &mut out,
        &mut checked.functions,
    );
    // Roles: titles that name the same job in a function are one role, unless renamed.
    let mut spellings: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    for d in &drafts {
        let f = function_of_value[&d.function_value].clone();
        *spellings
            .entry((f, title_key(&d.role_value)))
            .or_default()
            .entry(d.role_value.trim().to_owned())
            .or_default() += 1;
    }
    let mut default_role: HashMap<(String, String), String> = HashMap::new();
    for ((f, key), titles) in &spellings {
        let existing = out
            .roles
            .iter()
            .find(|r| r.function == *f && title_key(&r.title) == *key)
            .map(|r| r.title.clone());
        let common = titles
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(t, _)| t.clone())
            .unwrap_or_default();
        default_role.insert((f.clone(), key.clone()), existing.unwrap_or(common));
    }
    let role_name = |f: &str, value: &str| -> String {
        mapping.roles.get(value.trim()).cloned().unwrap_or_else(|| {
            default_role
                .get(&(f.to_owned(), title_key(value)))
                .cloned()
                .unwrap_or_else(|| value.trim().to_owned())
        })
    };
    let mut role_groups: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    let mut new_role_fte: HashMap<String, f64> = HashMap::new();
    // Councils.
    let mut council_ids: HashMap<String, String> = HashMap::new();
    let mut touched: Vec<CouncilSummary> = Vec::new();
    for d in &drafts {
        if council_ids.contains_key(&d.council) {
            continue;
        }
        let existing = find_council(&out, &d.council).map(|c| (c.id.clone(), c.name.clone()));
        let id = match (existing, options.placement) {
            (Some((_, name)), Placement::New) => {
                checked.block(
                    Some("Council"),
                    format!(
                        "{name} is already in the plan; choose 'Replace the council's posts' (next month's extract) or 'Add to the council's posts'"
                    ),
                );
                return;
            }
            (Some((id, name)), _) => {
                touched.push(CouncilSummary {
                    name,
                    new: false,
                    posts: 0,
                });
                id
            }
            (None, _) => {
                let id = unique(slug(&d.council), |id| out.council(id).is_some());
                let index = out.councils.len();
                out.councils.push(Council {
                    id: id.clone(),
                    name: d.council.trim().to_owned(),
                    short_name: short_name(&d.council),
                    colour: Colour::for_index(index),
                    scheme: options.defaults.scheme,
                    lgps_employer_rate: options.defaults.lgps_employer_rate,
                    min_service_for_vr_years: options.defaults.min_service_for_vr_years,
                    cost_share_weight: 1.0,
                    assumed: true,
                    recognised_unions: Vec::new(),
                });
                touched.push(CouncilSummary {
                    name: d.council.trim().to_owned(),
                    new: true,
                    posts: 0,
                });
                id
            }
        };
        council_ids.insert(d.council.clone(), id);
    }
    let replaced: BTreeSet<String> = if options.placement == Placement::Replace {
        council_ids.values().cloned().collect()
    } else {
        BTreeSet::new()
    };
    // The posts each replaced council had, by id, to match the new extract against.
    let mut old_posts: HashMap<(String, String), Post> = HashMap::new();
    for p in &plan.posts {
        if replaced.contains(&p.council) {
            old_posts.insert((p.council.clone(), p.id.clone()), p.clone());
        }
    }
    // Every post id in the plan after the import, with its council.
    let mut taken: HashMap<String, String> = out
        .posts
        .iter()
        .filter(|p| !replaced.contains(&p.council))
        .map(|p| (p.id.clone(), p.council.clone()))
        .collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut posts = Vec::with_capacity(drafts.len());
    let mut id_problems = Vec::new();
    for d in drafts {
        let council = council_ids[&d.council].clone();
        let function = function_of_value[&d.function_value].clone();
        let role_title = role_name(&function, &d.role_value);
        role_groups
            .entry((function.clone(), role_title.clone()))
            .or_default()
            .entry(d.role_value.trim().to_owned())
            .and_modify(|n| *n += 1)
            .or_insert(1);
        let existing = out
            .roles
            .iter()
            .find(|r| r.function == function && r.title.eq_ignore_ascii_case(&role_title))
            .map(|r| r.id.clone());
        let role = existing.unwrap_or_else(|| {
            let id = unique(format!("{function}-{}", slug(&role_title)), |id| {
                out.role(id).is_some()
            });
            out.roles.push(Role {
                id: id.clone(),
                function: function.clone(),
                title: role_title.clone(),
                target_fte: 0.0,
                pay: TargetPay::HarmoniseHighest,
            });
            new_role_fte.insert(id.clone(), 0.0);
            id
        });
        if let Some(total) = new_role_fte.get_mut(&role) {
            *total += d.post.fte;
        }
        let mut post = d.post;
        let generated = post.id.is_empty();
        if generated {
            post.id = format!("{}-R{}", council.to_uppercase(), d.row);
        }
        if let Some(first) = seen.insert(format!("{council}\u{0}{}", post.id), d.row) {
            id_problems.push(Problem {
                row: Some(d.row),
                column: headings
                    .column_of(Field::PostId)
                    .map(|i| headings.columns[i].heading.clone()),
                message: format!(
                    "post id '{}' is already on row {first}; give each post its own id",
                    post.id
                ),
            });
            continue;
        }
        let matched = old_posts
            .remove(&(council.clone(), post.id.clone()))
            .or_else(|| old_posts.remove(&(council.clone(), format!("{council}-{}", post.id))));
        if let Some(old) = &matched {
            post.id.clone_from(&old.id);
            keep_unmapped(&mut post, old, headings);
        } else if options.placement == Placement::Add
            && plan
                .posts
                .iter()
                .any(|p| p.council == council && p.id == post.id)
        {
            id_problems.push(Problem {
                row: Some(d.row),
                column: None,
                message: format!(
                    "post id '{}' is already in the plan for this council; choose 'Replace the council's posts' to update it",
                    post.id
                ),
            });
            continue;
        } else if taken.get(&post.id).is_some_and(|c| *c != council) {
            // Two councils' HR systems can number posts alike: keep both, told apart.
            post.id = format!("{council}-{}", post.id);
        }
        taken.insert(post.id.clone(), council.clone());
        post.council = council;
        post.function = function;
        post.role = role;
        if let Some(s) = touched
            .iter_mut()
            .find(|s| find_council(&out, &s.name).is_some_and(|c| c.id == post.council))
        {
            s.posts += 1;
        }
        if checked.preview.len() < PREVIEW_ROWS {
            checked.preview.push((d.row, post.clone()));
        }
        if let Some(old) = &matched {
            let fields = differences(old, &post, &out);
            if !fields.is_empty() {
                checked.changes.push(Change::Changed {
                    group: council_name(&out, &post.council),
                    noun: "post",
                    item: post.id.clone(),
                    fields,
                });
            }
        } else if !replaced.is_empty() && replaced.contains(&post.council) {
            checked.changes.push(Change::Added {
                group: council_name(&out, &post.council),
                noun: "post",
                item: post.id.clone(),
            });
        }
        posts.push(post);
    }
    for p in id_problems {
        if let Some(row) = p.row
            && !checked.bad_rows.contains(&row)
        {
            checked.bad_rows.push(row);
        }
        checked.problems.push(p);
    }
    let mut removed: Vec<&Post> = old_posts.values().collect();
    removed.sort_by(|a, b| a.id.cmp(&b.id));
    for p in removed {
        checked.changes.push(Change::Removed {
            group: council_name(&out, &p.council),
            noun: "post",
            item: p.id.clone(),
        });
    }
    for role in &mut out.roles {
        if let Some(fte) = new_role_fte.get(&role.id) {
            // A new role keeps today's FTE until the target structure says otherwise: to six
            // places, rounded up so that no one is at risk by a rounding (22.5 hours of 37 is
            // 0.6081081… FTE, kept as 0.608109), with float noise (0.1 + 0.2) not rounded up.
            role.target_fte = ((fte * 1e6) - 1e-6).ceil() / 1e6;
        }
    }
    checked.roles = role_groups
        .into_iter()
        .map(|((function, role), titles)| {
            let new = out
                .roles
                .iter()
                .find(|r| r.function == function && r.title == role)
                .is_some_and(|r| new_role_fte.contains_key(&r.id));
            RoleGroup {
                function: out
                    .function(&function)
                    .map_or(function.clone(), |f| f.name.clone()),
                role,
                titles: titles.into_iter().collect(),
                new,
            }
        })
        .collect();
    checked.imported = posts.len();
    checked.councils = touched;
    out.posts.retain(|p| !replaced.contains(&p.council));
    out.posts.extend(posts);
    drop_emptied_roles(&mut out, plan, &mut checked.notes);
    checked.plan = out;
}

/// A role whose last posts a re-import took away, with no salary set for it and no scenario
/// naming it, has nothing left to harmonise pay from: it leaves the target structure, with a
/// note (undo brings it back).
fn drop_emptied_roles(out: &mut Plan, before: &Plan, notes: &mut Vec<String>) {
    let with_posts =
        |plan: &Plan| -> BTreeSet<String> { plan.posts.iter().map(|p| p.role.clone()).collect() };
    let (had, has) = (with_posts(before), with_posts(out));
    let named: BTreeSet<&String> = out
        .scenarios
        .iter()
        .flat_map(|s| s.target_overrides.keys())
        .collect();
    let emptied: Vec<Role> = out
        .roles
        .iter()
        .filter(|r| {
            had.contains(&r.id)
                && !has.contains(&r.id)
                && !matches!(r.pay, TargetPay::Salary(_))
                && !named.contains(&r.id)
        })
        .cloned()
        .collect();
    for role in &emptied {
        let function = out
            .function(&role.function)
            .map_or_else(|| role.function.clone(), |f| f.name.clone());
        notes.push(format!(
            "{} ({function}) has no posts left after the import and leaves the target structure",
            role.title
        ));
    }
    out.roles.retain(|r| !emptied.iter().any(|e| e.id == r.id));
}

/// `id`, or with "-2" added until `taken` says it is free.
fn unique(mut id: String, taken: impl Fn(&str) -> bool) -> String {
    while taken(&id) {
        id.push_str("-2");
    }
    id
}

/// The id of the plan's function named `name`, adding the function if the plan has none.
fn function_for(plan: &mut Plan, name: &str) -> String {
    if let Some(f) = plan
        .functions
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(name))
    {
        return f.id.clone();
    }
    let id = unique(slug(name), |id| plan.function(id).is_some());
    plan.functions.push(Function {
        id: id.clone(),
        name: name.to_owned(),
        go_live: None,
    });
    id
}

fn council_name(plan: &Plan, id: &str) -> String {
    plan.council(id)
        .map_or_else(|| id.to_owned(), |c| c.name.clone())
}

/// On a re-import, what the file does not say is kept from the post as it was: a monthly
/// extract has no VR interest or strain quotes, which were entered in the app.
fn keep_unmapped(post: &mut Post, old: &Post, headings: &Headings) {
    let mapped = |f| headings.column_of(f).is_some();
    if !mapped(Field::Grade) {
        post.grade.clone_from(&old.grade);
    }
    if let (Some(new), Some(old)) = (&mut post.holder, &old.holder) {
        if !mapped(Field::Lgps) {
            new.lgps_member = old.lgps_member;
        }
        if !mapped(Field::Notice) {
            new.notice_weeks = old.notice_weeks;
        }
        if !mapped(Field::VrInterest) {
            new.vr_interest = old.vr_interest;
        }
        if !mapped(Field::Critical) {
            new.critical = old.critical;
        }
        if !mapped(Field::StrainQuote) {
            new.strain_quote = old.strain_quote;
        }
        if !mapped(Field::Sex) {
            new.monitoring.sex.clone_from(&old.monitoring.sex);
        }
        if !mapped(Field::Ethnicity) {
            new.monitoring
                .ethnicity
                .clone_from(&old.monitoring.ethnicity);
        }
        if !mapped(Field::Disability) {
            new.monitoring
                .disability
                .clone_from(&old.monitoring.disability);
        }
    }
}

/// Each field that differs between a post as it was and as imported: (field, old, new).
fn differences(old: &Post, new: &Post, plan: &Plan) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut diff = |field: &str, a: String, b: String| {
        if a != b {
            out.push((field.to_owned(), a, b));
        }
    };
    let role = |id: &str| {
        plan.role(id)
            .map_or_else(|| id.to_owned(), |r| r.title.clone())
    };
    let function = |id: &str| {
        plan.function(id)
            .map_or_else(|| id.to_owned(), |f| f.name.clone())
    };
    diff("title", old.title.clone(), new.title.clone());
    diff("grade", old.grade.clone(), new.grade.clone());
    diff("function", function(&old.function), function(&new.function));
    diff("role", role(&old.role), role(&new.role));
    diff("FTE", format!("{}", old.fte), format!("{}", new.fte));
    diff("salary", old.salary.full(), new.salary.full());
    let status = |p: &Post| {
        if p.holder.is_some() {
            "filled"
        } else {
            "vacant"
        }
        .to_owned()
    };
    diff("status", status(old), status(new));
    if let (Some(a), Some(b)) = (&old.holder, &new.holder) {
        diff(
            "date of birth",
            a.date_of_birth.to_string(),
            b.date_of_birth.to_string(),
        );
        diff(
            "service start",
            a.service_start.to_string(),
            b.service_start.to_string(),
        );
        let yn = |b: bool| if b { "yes" } else { "no" }.to_owned();
        diff("LGPS member", yn(a.lgps_member), yn(b.lgps_member));
        diff(
            "notice weeks",
            a.notice_weeks.to_string(),
            b.notice_weeks.to_string(),
        );
        diff("VR interest", yn(a.vr_interest), yn(b.vr_interest));
        diff("critical", yn(a.critical), yn(b.critical));
        let quote = |m: Option<Money>| m.map_or_else(|| "none".to_owned(), Money::full);
        diff("strain quote", quote(a.strain_quote), quote(b.strain_quote));
        // Special category data: that it changed, never what it says.
        if a.monitoring != b.monitoring {
            out.push((
                "equality monitoring".to_owned(),
                "as recorded".to_owned(),
                "updated".to_owned(),
            ));
        }
    }
    out
}

/// Values of the target structure file, per row.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRow {
    /// The spreadsheet row.
    pub row: u32,
    /// The function's name in the plan.
    pub function: String,
    /// The role's title.
    pub role: String,
    /// Target FTE.
    pub target_fte: f64,
    /// Target pay.
    pub pay: TargetPay,
}

/// Checks a target structure sheet (function, role, target FTE, target salary or pay rule)
/// against the plan: roles are matched by title within their function, new roles need a salary.
pub fn check_targets(grid: &Grid, plan: &Plan, options: &Options, progress: &Progress) -> Checked {
    let mut checked = Checked::empty(plan);
    checked.skip_bad_rows = options.skip_bad_rows;
    let Some((headings, data)) =
        headings_and_rows(grid, ImportKind::Targets, options, &mut checked)
    else {
        return checked;
    };
    checked.headings = Some(headings.clone());
    if checked.blocking > 0 {
        return checked;
    }
    let mut out = plan.clone();
    let function_ids = map_functions(
        data.iter().map(|row| {
            headings
                .column_of(Field::Function)
                .map(|i| row.cell(i).display())
                .unwrap_or_default()
        }),
        &options.mapping,
        plan,
        &mut out,
        &mut checked.functions,
    );
    let mut updated = 0;
    // Each role once: a second row for it would silently win over the first.
    let mut seen: HashMap<(String, String), u32> = HashMap::new();
    for (n, row) in data.iter().enumerate() {
        if n % 4096 == 0 {
            progress.set(n as f32 / data.len().max(1) as f32);
        }
        let mut r = RowReader {
            row,
            headings: &headings,
            problems: Vec::new(),
        };
        let function = function_ids[&r.text(Field::Function)].clone();
        let title = r.text(Field::Role);
        if title.is_empty() {
            r.bad(Field::Role, "is empty; fill in the role".to_owned());
        }
        let target = r.read(Field::TargetFte, |c| match c {
            Cell::Number(n) if n.is_finite() && *n >= 0.0 => Ok(*n),
            _ => match c.display().trim().parse::<f64>() {
                Ok(f) if f.is_finite() && f >= 0.0 => Ok(f),
                _ => Err(format!(
                    "'{}' is not a target FTE; enter 0 or more",
                    c.display()
                )),
            },
        });
        let rule = r.read(Field::PayRule, |c| {
            match c.display().trim().to_ascii_lowercase().as_str() {
                "" | "highest" => Ok(TargetPay::HarmoniseHighest),
                "average" => Ok(TargetPay::HarmoniseAverage),
                "lowest" => Ok(TargetPay::HarmoniseLowest),
                other => Err(format!(
                    "'{other}' is not a pay rule; write highest, average or lowest"
                )),
            }
        });
        let pay = match r
            .cell(Field::TargetSalary)
            .filter(|c| !c.is_empty())
            .cloned()
        {
            Some(c) => r
                .read(Field::TargetSalary, |_| values::money(&c))
                .map(TargetPay::Salary),
            None => rule,
        };
        let existing = out
            .roles
            .iter()
            .position(|x| x.function == function && title_key(&x.title) == title_key(&title));
        if !title.is_empty()
            && let Some(first) = seen.insert((function.clone(), title_key(&title)), row.number)
        {
            r.bad(
                Field::Role,
                format!("'{title}' is already on row {first}; give each role one row"),
            );
        }
        if existing.is_none() && !matches!(pay, Some(TargetPay::Salary(_))) && !title.is_empty() {
            r.bad(
                Field::TargetSalary,
                format!("'{title}' is a new role with no posts today, so it needs a target salary"),
            );
        }
        if !r.problems.is_empty() {
            checked.bad_rows.push(row.number);
            for p in r.problems {
                checked.problems.push(p);
            }
            continue;
        }
        let (Some(target_fte), Some(pay)) = (target, pay) else {
            continue;
        };
        set_target(
            &mut out,
            &mut checked.changes,
            existing,
            &function,
            title,
            (target_fte, pay),
        );
        updated += 1;
    }
    progress.set(1.0);
    checked.imported = updated;
    checked.plan = out;
    checked
}

/// Sets a role's target (the role at `existing`, or a new one), recording what changes.
fn set_target(
    out: &mut Plan,
    changes: &mut Vec<Change>,
    existing: Option<usize>,
    function: &str,
    title: String,
    (target_fte, pay): (f64, TargetPay),
) {
    let function_name = out
        .function(function)
        .map_or_else(|| function.to_owned(), |f| f.name.clone());
    let Some(i) = existing else {
        let id = unique(format!("{function}-{}", slug(&title)), |id| {
            out.role(id).is_some()
        });
        changes.push(Change::Added {
            group: function_name,
            noun: "role",
            item: title.clone(),
        });
        out.roles.push(Role {
            id,
            function: function.to_owned(),
            title,
            target_fte,
            pay,
        });
        return;
    };
    let role = &mut out.roles[i];
    let mut fields = Vec::new();
    if (role.target_fte - target_fte).abs() > 1e-9 {
        fields.push((
            "target FTE".to_owned(),
            role.target_fte.to_string(),
            target_fte.to_string(),
        ));
    }
    if role.pay != pay {
        fields.push(("pay".to_owned(), pay_text(role.pay), pay_text(pay)));
    }
    if !fields.is_empty() {
        changes.push(Change::Changed {
            group: function_name,
            noun: "role",
            item: role.title.clone(),
            fields,
        });
    }
    role.target_fte = target_fte;
    role.pay = pay;
}

fn pay_text(pay: TargetPay) -> String {
    match pay {
        TargetPay::Salary(m) => m.full(),
        TargetPay::HarmoniseHighest => "highest".to_owned(),
        TargetPay::HarmoniseAverage => "average".to_owned(),
        TargetPay::HarmoniseLowest => "lowest".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Plan, Programme};
    use jiff::civil::date;

    fn plan() -> Plan {
        Plan::new(
            "Test",
            Programme {
                consultation_start: date(2026, 10, 1),
                go_live: date(2027, 4, 1),
            },
        )
    }

    #[test]
    fn functions_are_guessed_from_their_words() {
        let p = plan();
        for (value, want) in [
            ("Human Resources", "HR"),
            ("People Services", "HR"),
            ("ICT", "IT"),
            ("Digital", "IT"),
            ("Legal Services", "Legal"),
            ("Democratic and Legal", "Legal"),
            ("Revenues", "Finance"),
            ("Exchequer", "Finance"),
            ("Revenues & Benefits", "Finance"),
            ("Business Support", "Other support"),
        ] {
            assert_eq!(guess_function(value, &p).0, want, "{value}");
        }
        assert_eq!(guess_function("Parks", &p).0, "Parks");
    }

    #[test]
    fn titles_that_name_the_same_job_share_a_key() {
        assert_eq!(title_key("Snr Accountant"), title_key("Senior Accountant"));
        assert_eq!(
            title_key("SENIOR ACCOUNTANT."),
            title_key("senior accountant")
        );
        assert_eq!(title_key("HR Co-ordinator"), title_key("HR coordinator"));
        assert_eq!(title_key("Finance Mgr"), title_key("Finance Manager"));
        assert_ne!(title_key("Accountant"), title_key("Senior Accountant"));
    }

    #[test]
    fn an_fte_column_holding_hours_or_percentages_says_so() {
        let unit = |values: &[f64]| {
            let cells: Vec<Cell> = values.iter().map(|v| Cell::Number(*v)).collect();
            let refs: Vec<&Cell> = cells.iter().collect();
            fte_unit(&Mapping::default(), "FTE", &refs).0
        };
        assert_eq!(unit(&[1.0, 0.5, 0.6]), FteUnit::Fraction);
        assert_eq!(unit(&[37.0, 18.5, 22.2]), FteUnit::Hours);
        assert_eq!(unit(&[100.0, 50.0, 80.0]), FteUnit::Percent);
        // A column of 2s is a mistake to list, not two hours a week.
        assert_eq!(unit(&[2.0, 2.0, 1.0]), FteUnit::Fraction);
        let refs: Vec<&Cell> = Vec::new();
        assert_eq!(
            fte_unit(&Mapping::default(), "Weekly Hours", &refs).0,
            FteUnit::Hours
        );
        assert_eq!(
            fte_unit(&Mapping::default(), "% of full time", &refs).0,
            FteUnit::Percent
        );
    }

    #[test]
    fn council_short_names() {
        assert_eq!(short_name("Borough of Poole"), "Poole");
        assert_eq!(short_name("Bournemouth Borough Council"), "Bournemouth");
        assert_eq!(short_name("Council"), "Council");
    }
}
