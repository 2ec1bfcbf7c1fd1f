//! The fields an import fills, the headings HR and payroll systems give them, and the mapping of
//! a file's columns onto fields: guessed from the headings (each guess says why), changed by the
//! user, remembered per source and saved as a small RON file the command line reads too.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::source::{Cell, Grid};
use super::values::{DateOrder, FteUnit};

/// A field of the establishment or the target structure that a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    /// The employing council.
    Council,
    /// The function (finance, HR, ...), or the service or department it is read from.
    Function,
    /// The role of the target structure.
    Role,
    /// The post's number in the HR system.
    PostId,
    /// The job title.
    Title,
    /// The grade or scale point.
    Grade,
    /// FTE, hours or percent of full time.
    Fte,
    /// Full-time annual salary.
    Salary,
    /// The bottom of the pay range (a published establishment).
    PayMinimum,
    /// The top of the pay range.
    PayMaximum,
    /// The people a row of several posts holds.
    Headcount,
    /// Vacant (yes = vacant) or a status (Filled/Vacant).
    Vacant,
    /// Filled (yes = filled).
    Filled,
    /// Postholder's date of birth.
    DateOfBirth,
    /// Start of continuous local-government service.
    ServiceStart,
    /// In the LGPS.
    Lgps,
    /// Contractual notice.
    Notice,
    /// Has asked about voluntary redundancy.
    VrInterest,
    /// VR refused: critical to the service.
    Critical,
    /// The pension fund's strain quote.
    StrainQuote,
    /// Target FTE of a role.
    TargetFte,
    /// Target salary of a role.
    TargetSalary,
    /// How a role's pay is harmonised (highest, average, lowest).
    PayRule,
    /// Sex or gender, for the equality impact only.
    Sex,
    /// Ethnic group, for the equality impact only.
    Ethnicity,
    /// Disability, for the equality impact only.
    Disability,
}

/// Which set of fields an import fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportKind {
    /// Posts and postholders.
    Establishment,
    /// Roles and their targets.
    Targets,
}

impl ImportKind {
    /// The fields offered, in the order shown.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Self::Establishment => &[
                Field::Council,
                Field::Function,
                Field::Role,
                Field::PostId,
                Field::Title,
                Field::Grade,
                Field::Fte,
                Field::Salary,
                Field::PayMinimum,
                Field::PayMaximum,
                Field::Headcount,
                Field::Vacant,
                Field::Filled,
                Field::DateOfBirth,
                Field::ServiceStart,
                Field::Lgps,
                Field::Notice,
                Field::VrInterest,
                Field::Critical,
                Field::StrainQuote,
                Field::Sex,
                Field::Ethnicity,
                Field::Disability,
            ],
            Self::Targets => &[
                Field::Function,
                Field::Role,
                Field::TargetFte,
                Field::TargetSalary,
                Field::PayRule,
            ],
        }
    }

    /// Fields a file must give.
    pub fn required(self) -> &'static [Field] {
        match self {
            Self::Establishment => &[Field::Fte, Field::Salary],
            Self::Targets => &[Field::Role, Field::TargetFte],
        }
    }

    /// Its name in a sentence.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Establishment => "establishment",
            Self::Targets => "target structure",
        }
    }
}

impl Field {
    /// Its name as the user sees it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Council => "Council",
            Self::Function => "Function",
            Self::Role => "Role",
            Self::PostId => "Post ID",
            Self::Title => "Job title",
            Self::Grade => "Grade",
            Self::Fte => "FTE",
            Self::Salary => "Salary",
            Self::PayMinimum => "Pay range minimum",
            Self::PayMaximum => "Pay range maximum",
            Self::Headcount => "Headcount",
            Self::Vacant => "Vacant or status",
            Self::Filled => "Filled",
            Self::DateOfBirth => "Date of birth",
            Self::ServiceStart => "Continuous service start",
            Self::Lgps => "LGPS member",
            Self::Notice => "Notice",
            Self::VrInterest => "VR interest",
            Self::Critical => "Critical",
            Self::StrainQuote => "Strain quote",
            Self::TargetFte => "Target FTE",
            Self::TargetSalary => "Target salary",
            Self::PayRule => "Pay rule",
            Self::Sex => "Sex (equality monitoring)",
            Self::Ethnicity => "Ethnicity (equality monitoring)",
            Self::Disability => "Disability (equality monitoring)",
        }
    }

    /// The heading our own template and the plain CSV layout use.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Council => "council",
            Self::Function => "function",
            Self::Role => "role",
            Self::PostId => "post_id",
            Self::Title => "title",
            Self::Grade => "grade",
            Self::Fte => "fte",
            Self::Salary => "salary",
            Self::PayMinimum => "pay_minimum",
            Self::PayMaximum => "pay_maximum",
            Self::Headcount => "headcount",
            Self::Vacant => "vacant",
            Self::Filled => "filled",
            Self::DateOfBirth => "date_of_birth",
            Self::ServiceStart => "service_start",
            Self::Lgps => "lgps_member",
            Self::Notice => "notice_weeks",
            Self::VrInterest => "vr_interest",
            Self::Critical => "critical",
            Self::StrainQuote => "strain_quote",
            Self::TargetFte => "target_fte",
            Self::TargetSalary => "target_salary",
            Self::PayRule => "pay_rule",
            Self::Sex => "sex",
            Self::Ethnicity => "ethnicity",
            Self::Disability => "disability",
        }
    }

    /// True for the dates whose day-month order may need asking.
    pub fn is_date(self) -> bool {
        matches!(self, Self::DateOfBirth | Self::ServiceStart)
    }
}

/// What a column is used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Use {
    /// It fills this field.
    Field(Field),
    /// Personal data the plan does not need (names, employee numbers): recognised and never
    /// imported.
    Private,
    /// Not used.
    Unused,
}

/// Headings that name a field, best first (normalised: lower case, words separated by single
/// spaces, punctuation dropped but %).
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Council,
        &[
            "council",
            "employing council",
            "employing authority",
            "authority",
            "employer",
            "organisation",
            "organization",
            "organisation name",
            "company",
            "local authority",
        ],
    ),
    (
        Field::Function,
        &[
            "function",
            "service",
            "directorate",
            "department",
            "dept",
            "service area",
            "division",
            "business unit",
            "cost centre",
            "cost center",
            "cost centre name",
            "section",
            "professional occupational group",
            "profession",
            "unit",
        ],
    ),
    (
        Field::Role,
        &[
            "role",
            "target role",
            "new role",
            "role title",
            "role in target structure",
        ],
    ),
    (
        Field::PostId,
        &[
            "post id",
            "post no",
            "post number",
            "post ref",
            "post reference",
            "position number",
            "position id",
            "position no",
            "position ref",
            "establishment id",
            "post code id",
            "postid",
            "post unique reference",
            "unique reference",
        ],
    ),
    (
        Field::Title,
        &[
            "job title",
            "title",
            "position title",
            "post title",
            "job",
            "job name",
            "position name",
            "post name",
            "position",
            "substantive job title",
            "generic job title",
        ],
    ),
    (
        Field::Grade,
        &[
            "grade",
            "scale",
            "scp",
            "spinal column point",
            "spinal point",
            "pay grade",
            "band",
            "pay band",
            "grade scale",
            "salary grade",
            "grade or equivalent",
        ],
    ),
    (
        Field::Fte,
        &[
            "fte",
            "wte",
            "full time equivalent",
            "whole time equivalent",
            "fte hours",
            "hours",
            "contracted hours",
            "contracted hrs",
            "hrs",
            "weekly hrs",
            "hrs per week",
            "weekly hours",
            "hours per week",
            "contract hours",
            "std hours",
            "standard hours",
            "working hours",
            "%",
            "% of full time",
            "percent",
            "percentage",
            "fte %",
            "% fte",
            "number of posts in fte",
            "posts in fte",
            "number of posts fte",
            "fte of posts",
        ],
    ),
    (
        Field::Salary,
        &[
            "salary",
            "annual salary",
            "salary fte",
            "fte salary",
            "basic salary",
            "full time salary",
            "salary full time",
            "annual salary fte",
            "basic pay",
            "annual basic salary",
            "fte annual salary",
            "salary fte annual",
            "actual salary",
            "salary £",
        ],
    ),
    (
        Field::PayMinimum,
        &[
            "payscale minimum £",
            "payscale minimum",
            "pay scale minimum £",
            "pay scale minimum",
            "actual pay floor £",
            "actual pay floor",
            "pay floor",
            "pay range minimum",
            "minimum salary",
            "salary minimum",
            "min salary",
            "scale minimum",
            "pay band minimum",
            "pay minimum",
            "salary range from",
            "salary from",
        ],
    ),
    (
        Field::PayMaximum,
        &[
            "payscale maximum £",
            "payscale maximum",
            "pay scale maximum £",
            "pay scale maximum",
            "actual pay ceiling £",
            "actual pay ceiling",
            "pay ceiling",
            "pay range maximum",
            "maximum salary",
            "salary maximum",
            "max salary",
            "scale maximum",
            "pay band maximum",
            "pay maximum",
            "salary range to",
            "salary to",
        ],
    ),
    (
        Field::Headcount,
        &[
            "headcount",
            "head count",
            "number of people",
            "number of staff",
            "staff in post",
            "people in post",
            "number in post",
            "number of posts",
            "posts",
        ],
    ),
    (
        Field::Vacant,
        &[
            "vacant",
            "vacant?",
            "vacancy",
            "is vacant",
            "status",
            "post status",
            "vacancy status",
            "position status",
            "occupancy",
            "filled vacant",
            "vacant filled",
        ],
    ),
    (
        Field::Filled,
        &["filled", "filled?", "is filled", "occupied"],
    ),
    (
        Field::DateOfBirth,
        &[
            "dob",
            "date of birth",
            "birth date",
            "birthdate",
            "d o b",
            "born",
        ],
    ),
    (
        Field::ServiceStart,
        &[
            "continuous service date",
            "csd",
            "lg service date",
            "local government service date",
            "service start",
            "continuous service start",
            "cont service date",
            "continuous service",
            "service date",
            "lg start date",
            "start date",
            "date joined",
            "start",
        ],
    ),
    (
        Field::Lgps,
        &[
            "lgps",
            "lgps member",
            "pension",
            "pension scheme",
            "pension member",
            "pension status",
            "pension scheme member",
            "scheme",
        ],
    ),
    (
        Field::Notice,
        &[
            "notice",
            "notice period",
            "notice weeks",
            "contractual notice",
            "notice period weeks",
            "notice weeks contractual",
        ],
    ),
    (
        Field::VrInterest,
        &[
            "vr interest",
            "vr",
            "voluntary redundancy",
            "vr eoi",
            "eoi",
            "expression of interest",
            "vr expression of interest",
            "vr request",
        ],
    ),
    (Field::Sex, &["sex", "gender", "legal sex", "sex at birth"]),
    (
        Field::Ethnicity,
        &[
            "ethnicity",
            "ethnic origin",
            "ethnic group",
            "ethnicity code",
            "ethnic background",
        ],
    ),
    (
        Field::Disability,
        &[
            "disability",
            "disabled",
            "disability status",
            "has a disability",
            "considers themselves disabled",
        ],
    ),
    (
        Field::Critical,
        &["critical", "critical post", "business critical", "key post"],
    ),
    (
        Field::StrainQuote,
        &[
            "strain quote",
            "strain cost",
            "pension strain",
            "strain",
            "fund quote",
            "strain quote £",
        ],
    ),
    (
        Field::TargetFte,
        &[
            "target fte",
            "target",
            "new fte",
            "proposed fte",
            "fte target",
            "target wte",
        ],
    ),
    (
        Field::TargetSalary,
        &[
            "target salary",
            "proposed salary",
            "new salary",
            "salary target",
        ],
    ),
    (
        Field::PayRule,
        &[
            "pay rule",
            "harmonise",
            "harmonisation",
            "pay harmonisation",
            "harmonise to",
        ],
    ),
];

/// Headings the published organogram returns have that look like a field and are not one
/// ("Salary Cost of Reports" is the pay of a senior post's team, not the post's salary).
const NOT_FIELDS: &[&str] = &[
    "salary cost of reports £",
    "salary cost of reports",
    "reporting senior post",
    "parent department",
    "reports to senior post",
];

/// Headings of personal data that is never imported.
const PRIVATE: &[&str] = &[
    "employee number",
    "employee no",
    "employee id",
    "emp no",
    "emp id",
    "staff number",
    "staff no",
    "staff id",
    "payroll number",
    "payroll no",
    "payroll id",
    "person number",
    "person id",
    "assignment number",
    "assignment no",
    "name",
    "first name",
    "forename",
    "forenames",
    "surname",
    "last name",
    "family name",
    "full name",
    "employee name",
    "employee",
    "known as",
    "preferred name",
    "ni number",
    "national insurance number",
    "ni no",
    "email",
    "email address",
    "address",
    "postcode",
    "home address",
    "phone",
    "telephone",
    "mobile",
];

/// A heading as compared: lower case, punctuation and brackets dropped (but %), single spaces.
pub fn normalise(heading: &str) -> String {
    let mut out = String::new();
    for c in heading.trim().trim_start_matches('\u{feff}').chars() {
        if c.is_alphanumeric() || c == '%' || c == '£' || c == '?' {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    let out = out.trim_end().replace('?', "");
    // "post_id" and "Post ID" alike: underscores were spaces above.
    out.trim().to_owned()
}

/// The guess for one heading: its use, how good a match (lower is better) and why.
pub fn guess_heading(heading: &str, kind: ImportKind) -> Option<(Use, usize, String)> {
    let n = normalise(heading);
    // "Payscale Minimum (£)" as published, and as a file read in the wrong encoding writes its
    // pound sign ("(Â£)"): the sign says nothing of the field.
    let n = ["â£", "£"]
        .iter()
        .find_map(|sign| n.strip_suffix(sign))
        .map_or(n.clone(), |rest| rest.trim_end().to_owned());
    if n.is_empty() {
        return None;
    }
    let why = format!("heading '{}'", heading.trim());
    for (field, names) in SYNONYMS {
        if !kind.fields().contains(field) {
            continue;
        }
        if let Some(rank) = names.iter().position(|s| *s == n) {
            return Some((Use::Field(*field), rank, why));
        }
        if n == field.heading().replace('_', " ") {
            return Some((Use::Field(*field), 0, why));
        }
    }
    if NOT_FIELDS.contains(&n.as_str()) {
        return None;
    }
    if PRIVATE.contains(&n.as_str()) {
        return Some((
            Use::Private,
            0,
            format!("{why}: personal data the plan does not need"),
        ));
    }
    // Looser matches: words that give the field away inside a longer heading.
    let contains = |w: &str| n.split(' ').any(|x| x == w) || n.contains(w);
    let loose: &[(Field, &[&str])] = &[
        (Field::DateOfBirth, &["birth"]),
        (
            Field::ServiceStart,
            &["continuous service", "service start", "service date"],
        ),
        (Field::TargetFte, &["target fte", "proposed fte"]),
        (Field::TargetSalary, &["target salary", "proposed salary"]),
        (Field::Salary, &["salary"]),
        (Field::Fte, &["fte", "hours", "hrs", "%"]),
        (
            Field::PostId,
            &[
                "post no",
                "post number",
                "position number",
                "position id",
                "post id",
            ],
        ),
        (Field::Title, &["job title", "position title", "post title"]),
        (Field::Lgps, &["lgps", "pension scheme"]),
        (Field::Notice, &["notice"]),
        (Field::StrainQuote, &["strain"]),
        (Field::Grade, &["grade"]),
        (Field::Ethnicity, &["ethnic"]),
        (Field::Disability, &["disab"]),
    ];
    for (field, words) in loose {
        if kind.fields().contains(field) && words.iter().any(|w| contains(w)) {
            return Some((Use::Field(*field), 100, why));
        }
    }
    if n.contains("name") || n.contains("employee") || n.contains("payroll") {
        return Some((
            Use::Private,
            0,
            format!("{why}: personal data the plan does not need"),
        ));
    }
    None
}

/// One column of the file and what it is used for.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The heading as the file has it ("Column F" when it has none).
    pub heading: String,
    /// The column's letter in the file.
    pub letter: String,
    /// What it fills.
    pub used: Use,
    /// Why ("heading 'DOB'", "chosen", "loaded from the mapping").
    pub why: String,
}

/// The file's headings: which row they are on and what each column is for.
#[derive(Clone, Debug, PartialEq)]
pub struct Headings {
    /// Index of the heading row in the grid's rows.
    pub row: usize,
    /// The columns, in the grid's order.
    pub columns: Vec<Column>,
}

impl Headings {
    /// The column filling `field`, if any.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.used == Use::Field(field))
    }

    /// A key for the file's layout: its headings in order, so the same export next month finds
    /// its mapping again.
    pub fn signature(&self) -> String {
        self.columns
            .iter()
            .map(|c| normalise(&c.heading))
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// How many rows at the top are searched for the headings.
const HEADING_SEARCH_ROWS: usize = 30;

fn heading_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(t) if !t.trim().is_empty() => Some(t.trim().to_owned()),
        _ => None,
    }
}

/// Finds the heading row (the row among the first few whose cells name the most fields; title
/// rows and merged title cells above it are passed over) and guesses what each column is for.
/// `None` when no row has two or more text cells.
pub fn find_headings(grid: &Grid, kind: ImportKind) -> Option<Headings> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in grid.rows.iter().take(HEADING_SEARCH_ROWS).enumerate() {
        let texts = row.cells.iter().filter_map(heading_text).count();
        if texts < 2 {
            continue;
        }
        let known = row
            .cells
            .iter()
            .filter_map(heading_text)
            .filter(|h| guess_heading(h, kind).is_some())
            .count();
        let score = known * 100 + texts.min(99);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
        // A row naming several fields is the heading row; rows below are data.
        if known >= 3 && best.is_some_and(|(b, _)| b == i) {
            break;
        }
    }
    let (row, _) = best?;
    let cells = &grid.rows[row].cells;
    let mut columns: Vec<Column> = (0..grid.columns.len())
        .map(|i| {
            let letter = grid.letter(i);
            let heading = cells
                .get(i)
                .and_then(heading_text)
                .unwrap_or_else(|| format!("Column {letter}"));
            Column {
                heading,
                letter,
                used: Use::Unused,
                why: "no heading it knows".to_owned(),
            }
        })
        .collect();
    // Each field goes to its best-matching column; ties to the leftmost.
    let mut chosen: BTreeMap<Field, (usize, usize)> = BTreeMap::new();
    let mut guesses = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        if let Some((used, rank, why)) = guess_heading(&c.heading, kind) {
            if let Use::Field(f) = used
                && chosen.get(&f).is_none_or(|(_, r)| rank < *r)
            {
                chosen.insert(f, (i, rank));
            }
            guesses.push((i, used, why));
        }
    }
    for (i, used, why) in guesses {
        let column = &mut columns[i];
        match used {
            Use::Field(f) if chosen.get(&f).is_some_and(|(c, _)| *c == i) => {
                column.used = used;
                column.why = why;
            }
            Use::Field(f) => {
                column.why = format!(
                    "{why} also looks like {}, which another column fills",
                    f.label()
                );
            }
            _ => {
                column.used = used;
                column.why = why;
            }
        }
    }
    // Vacant and Filled say the same thing: keep one.
    if chosen.contains_key(&Field::Vacant)
        && let Some(c) = columns
            .iter_mut()
            .find(|c| c.used == Use::Field(Field::Filled))
    {
        c.used = Use::Unused;
        c.why = "Filled says the same as the Vacant or status column".to_owned();
    }
    Some(Headings { row, columns })
}

/// The user's choices for a source, saved in the preferences per layout and as a mapping file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mapping {
    /// The mapping file's format.
    pub format_version: u32,
    /// Heading (as in the file) to what it fills; headings not listed are guessed.
    pub columns: BTreeMap<String, Use>,
    /// How the FTE column is written (`None`: guessed from its heading and values).
    pub fte_unit: Option<FteUnit>,
    /// A council's full-time weekly hours, for FTE given as hours.
    pub full_time_hours: f64,
    /// Day or month first in numeric dates (`None`: from the values, asked when they cannot
    /// tell).
    pub date_order: Option<DateOrder>,
    /// Two-digit years below this are 2000s, the rest 1900s (Excel's rule is 30).
    pub two_digit_pivot: u8,
    /// A value of the function column to the name of the plan's function it goes to.
    pub functions: BTreeMap<String, String>,
    /// A job title (or role value) as written to the role it goes to.
    pub roles: BTreeMap<String, String>,
}

impl Default for Mapping {
    fn default() -> Self {
        Self {
            format_version: Mapping::FORMAT_VERSION,
            columns: BTreeMap::new(),
            fte_unit: None,
            full_time_hours: 37.0,
            date_order: None,
            two_digit_pivot: 30,
            functions: BTreeMap::new(),
            roles: BTreeMap::new(),
        }
    }
}

impl Mapping {
    /// The mapping file's format version.
    pub const FORMAT_VERSION: u32 = 1;

    /// Applies the columns chosen here over the guessed headings.
    pub fn apply(&self, headings: &mut Headings) {
        for (heading, used) in &self.columns {
            let wanted = normalise(heading);
            let Some(i) = headings
                .columns
                .iter()
                .position(|c| normalise(&c.heading) == wanted)
            else {
                continue;
            };
            if let Use::Field(f) = used {
                for other in &mut headings.columns {
                    if other.used == *used {
                        other.used = Use::Unused;
                        other.why = format!("{} is filled by '{heading}'", f.label());
                    }
                }
            }
            let column = &mut headings.columns[i];
            column.used = *used;
            column.why = "chosen".to_owned();
        }
    }

    /// The most a mapping file can be: a few kilobytes in practice.
    pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

    /// Reads a mapping file: refuses folders, devices, FIFOs and files over
    /// [`Self::MAX_FILE_BYTES`] before reading them. Messages name the file.
    pub fn open(path: &std::path::Path) -> Result<Self, String> {
        let name = path.display();
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("{name} cannot be read ({e}); check it still exists"))?;
        if !meta.is_file() {
            return Err(format!(
                "{name} is not a file (a folder or a device); choose a saved mapping (.ron)"
            ));
        }
        if meta.len() > Self::MAX_FILE_BYTES {
            return Err(format!(
                "{name} is {} KB, too large for a mapping file; choose a mapping saved by Merger Planner",
                meta.len() / 1024
            ));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{name} cannot be read ({e}); check you may open it"))?;
        Self::from_ron(&text).map_err(|e| format!("{name}, {e}"))
    }

    /// Reads a mapping file's text.
    pub fn from_ron(text: &str) -> Result<Self, String> {
        let text = text.trim_start_matches('\u{feff}');
        let mapping: Self = ron::from_str(text).map_err(|e| {
            format!(
                "line {}, column {}: {}; check the mapping file",
                e.span.start.line, e.span.start.col, e.code
            )
        })?;
        if mapping.format_version > Self::FORMAT_VERSION {
            return Err(format!(
                "the mapping file is format {}, newer than this app's {}; update Merger Planner",
                mapping.format_version,
                Self::FORMAT_VERSION
            ));
        }
        if !(mapping.full_time_hours.is_finite() && (1.0..=80.0).contains(&mapping.full_time_hours))
        {
            return Err(format!(
                "full_time_hours {} must be from 1 to 80",
                mapping.full_time_hours
            ));
        }
        if mapping.two_digit_pivot > 99 {
            return Err("two_digit_pivot must be from 0 to 99".to_owned());
        }
        Ok(mapping)
    }

    /// The mapping as a RON file's text.
    pub fn to_ron(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_normalised() {
        assert_eq!(normalise(" Post No. "), "post no");
        assert_eq!(normalise("Vacant?"), "vacant");
        assert_eq!(normalise("Salary (FTE)"), "salary fte");
        assert_eq!(normalise("post_id"), "post id");
        assert_eq!(normalise("\u{feff}Council"), "council");
    }

    #[test]
    fn a_mapping_round_trips_and_refuses_nonsense() {
        let mut m = Mapping::default();
        m.columns
            .insert("DOB".into(), Use::Field(Field::DateOfBirth));
        m.columns.insert("Surname".into(), Use::Private);
        m.functions.insert("People Services".into(), "HR".into());
        m.date_order = Some(DateOrder::DayFirst);
        let back = Mapping::from_ron(&m.to_ron()).unwrap();
        assert_eq!(back, m);
        assert!(Mapping::from_ron("(full_time_hours: 0.0)").is_err());
        let err = Mapping::from_ron("(colums: {})").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn a_mapping_file_is_refused_before_reading_when_not_a_small_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = Mapping::open(dir.path()).unwrap_err();
        assert!(err.contains("not a file"), "{err}");
        let big = dir.path().join("big.ron");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(Mapping::MAX_FILE_BYTES + 1).unwrap();
        let err = Mapping::open(&big).unwrap_err();
        assert!(
            err.contains("too large") && err.contains("big.ron"),
            "{err}"
        );
        let good = dir.path().join("good.ron");
        std::fs::write(&good, Mapping::default().to_ron()).unwrap();
        assert_eq!(Mapping::open(&good).unwrap(), Mapping::default());
    }
}
