//! From a sheet to posts: each row read through the mapping, functions and roles matched to the
//! plan's, councils created or matched, a re-imported council compared post by post, and every
//! bad value listed with the row a spreadsheet shows. Nothing here changes the plan given: the
//! result carries the plan as it would be after the import, for the caller to apply in one step.

mod assemble;
mod guess;
mod read;
mod targets;

pub use self::guess::{guess_function, short_name, title_key};
pub use self::targets::{TargetRow, check_targets};

use self::guess::fte_unit;
use self::read::read_rows;
use std::fmt;

use super::Progress;
use super::headings::{Field, Headings, ImportKind, Mapping, find_headings, normalise};
use super::source::{Cell, Grid, Row};
use super::values::{self, DateOrder, FteUnit};
use crate::model::{Plan, Post, RedundancyScheme};

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
    /// Whose words a problem's fix is in: the dialog's choices or the command line's options.
    pub words: Words,
}

/// Whose words a problem's fix is given in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Words {
    /// The import dialog's ("choose 'Replace the council's posts'").
    #[default]
    Dialog,
    /// The command line's ("use --placement replace").
    CommandLine,
}

impl Words {
    /// How to replace a council's posts.
    pub fn replace(self) -> &'static str {
        match self {
            Self::Dialog => "choose 'Replace the council's posts'",
            Self::CommandLine => "use --placement replace",
        }
    }

    /// How to add to a council's posts.
    pub fn add(self) -> &'static str {
        match self {
            Self::Dialog => "'Add to the council's posts'",
            Self::CommandLine => "--placement add",
        }
    }

    /// How to say which column holds a field.
    pub fn choose_column(self) -> &'static str {
        match self {
            Self::Dialog => "choose the column that holds it",
            Self::CommandLine => {
                "give its column in a mapping file (--mapping), saved from the app's import dialog"
            }
        }
    }

    /// How to say the order of a column's dates.
    pub fn choose_date_order(self) -> &'static str {
        match self {
            Self::Dialog => "choose the order of the dates",
            Self::CommandLine => "use --date-order day-first or --date-order month-first",
        }
    }

    /// How to name the council of a file with no council column.
    pub fn name_the_council(self) -> &'static str {
        match self {
            Self::Dialog => "name the council these posts belong to",
            Self::CommandLine => "name it with --council",
        }
    }
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
    /// The council's name as the plan will give it.
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
    /// A row may count several posts (the FTE heading says posts, or the file has a headcount
    /// column): a row of more than one FTE is a group of posts.
    pub groups: bool,
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
    /// A title row above the headings that names the council, when the file has no council
    /// column: its row number and the name it gives ("Northam District Council").
    pub council_in_title: Option<(u32, String)>,
    /// Rows of posts read and waiting only for the council's name (0 when anything else stops
    /// them, or nothing does).
    pub waiting_for_name: usize,
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
            groups: false,
            functions: Vec::new(),
            roles: Vec::new(),
            councils: Vec::new(),
            changes: Vec::new(),
            preview: Vec::new(),
            imported: 0,
            plan: plan.clone(),
            council_in_title: None,
            waiting_for_name: 0,
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

/// The council a title row above the headings names: "Northam District Council -
/// Establishment" gives "Northam District Council". The part of the row, between dashes, colons
/// or bars, that says council (or borough, district, county, authority) and is not the whole
/// title of an establishment.
pub fn council_in_title(titles: &[Row]) -> Option<(u32, String)> {
    titles.iter().find_map(|row| {
        let text = row
            .cells
            .iter()
            .map(Cell::display)
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" - ");
        text.split([':', '|', '(', ')', '\u{2013}', '\u{2014}'])
            .flat_map(|part| part.split(" - "))
            .find_map(council_name_in)
            .map(|name| (row.number, name))
    })
}

/// A council's name in a piece of a title: up to its last word that names a council ("Northam
/// District Council Establishment 2024" gives "Northam District Council"), or on to the name
/// after "of" ("London Borough of Northam").
fn council_name_in(part: &str) -> Option<String> {
    const WORDS: [&str; 5] = ["council", "borough", "district", "county", "authority"];
    const NOT_NAMES: [&str; 7] = [
        "establishment",
        "staffing",
        "staff",
        "structure",
        "posts",
        "list",
        "report",
    ];
    const CONNECTORS: [&str; 4] = ["of", "and", "upon", "on"];
    let words: Vec<&str> = part.split_whitespace().collect();
    let is_council = |w: &str| {
        WORDS.contains(
            &w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
        )
    };
    // A name's own word: capitalised, and not a word of the title around it.
    let named = |w: &str| {
        w.starts_with(char::is_uppercase) && !NOT_NAMES.contains(&w.to_lowercase().as_str())
    };
    // Small words inside a name, between two of its own ("Isle of Anglesey", "Kingston upon
    // Thames").
    let joins = |w: &str| CONNECTORS.contains(&w);
    let last = words.iter().rposition(|w| is_council(w))?;
    let end = if words.get(last + 1) == Some(&"of") {
        // The name after "of": its own words, and small words between them.
        let mut end = last + 2;
        while end < words.len()
            && (named(words[end])
                || (joins(words[end]) && words.get(end + 1).is_some_and(|w| named(w))))
        {
            end += 1;
        }
        end
    } else {
        last + 1
    };
    // Back from the council word over the name's own words before it, and small words between
    // them.
    let mut start = last;
    while start > 0
        && (named(words[start - 1])
            || (joins(words[start - 1]) && start > 1 && named(words[start - 2])))
    {
        start -= 1;
    }
    let name = words[start..end].join(" ");
    (2..=10)
        .contains(&(end - start))
        .then_some(name)
        .filter(|n| !n.ends_with(" of"))
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
    let unnamed = headings.column_of(Field::Council).is_none() && options.council.trim().is_empty();
    if unnamed {
        checked.council_in_title = council_in_title(&grid.rows[..headings.row]);
    }
    structural_checks(&mut checked, &headings, options, data);
    // Until the columns and the date order are settled, every row would repeat the same problem.
    if checked.blocking == 0 {
        read_rows(&mut checked, &headings, options, data, plan, progress);
    } else if unnamed && checked.blocking == 1 {
        // Only the name is missing: say how many rows wait for it, not "0 posts".
        checked.waiting_for_name = data.len();
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
    let has_range = headings.column_of(Field::PayMinimum).is_some()
        || headings.column_of(Field::PayMaximum).is_some();
    for field in kind.required() {
        // A published establishment gives a pay range instead of a salary.
        if *field == Field::Salary && has_range {
            continue;
        }
        if headings.column_of(*field).is_none() {
            checked.block(
                Some(field.label()),
                format!(
                    "no column gives {}; {}",
                    field.label(),
                    options.words.choose_column()
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
        let offered = checked
            .council_in_title
            .as_ref()
            .map(|(row, name)| format!(" (row {row} names \"{name}\")"))
            .unwrap_or_default();
        checked.block(
            Some("Council"),
            format!(
                "the file has no council column; {}{offered}",
                options.words.name_the_council()
            ),
        );
    }
    if let Some(i) = headings.column_of(Field::Fte) {
        let cells: Vec<&Cell> = data.iter().map(|r| r.cell(i)).collect();
        // "Number of Posts in FTE" (the organogram returns) counts posts: rows of several.
        let posts_heading = normalise(&headings.columns[i].heading).contains("post");
        let headcounts = headings
            .column_of(Field::Headcount)
            .is_some_and(|h| data.iter().any(|r| !r.cell(h).is_empty()));
        checked.groups = posts_heading || headings.column_of(Field::Headcount).is_some();
        checked.fte_unit = if (posts_heading || headcounts) && options.mapping.fte_unit.is_none() {
            (
                FteUnit::Fraction,
                format!(
                    "heading '{}' counts posts",
                    headings.columns[i].heading.trim()
                ),
            )
        } else {
            fte_unit(&options.mapping, &headings.columns[i].heading, &cells)
        };
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
                        format!(
                            "every date could be day-first (14/03) or month-first (03/14); {}",
                            options.words.choose_date_order()
                        ),
                    );
                }
                Err(_) => {
                    checked.date_question = true;
                    checked.block(
                        Some(&heading),
                        format!(
                            "some dates are day-first (23/04) and some month-first (04/23); {}, and the dates that do not fit it will be listed",
                            options.words.choose_date_order()
                        ),
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
