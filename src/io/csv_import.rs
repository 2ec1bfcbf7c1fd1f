//! Building a plan from an establishment CSV (and optionally a targets CSV).
//!
//! Columns come in any order with names in any case; every problem is reported with its row and
//! column, and no plan comes back unless the whole file is sound.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use jiff::civil::Date;

use super::slug;
use crate::model::{
    Colour, Council, Function, Money, Plan, Post, Postholder, Programme, RedundancyScheme, Role,
    TargetPay, parse_money,
};

/// One problem in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// Which file ("staff" or "targets", or the path).
    pub file: String,
    /// Line in the file, counting the header as 1.
    pub row: Option<u64>,
    /// Column name.
    pub column: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column '{column}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Settings for an import.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// Plan name.
    pub name: String,
    /// Programme dates.
    pub programme: Programme,
    /// Name of the staff file in messages.
    pub staff_label: String,
    /// Name of the targets file in messages.
    pub targets_label: String,
}

/// The establishment CSV's columns.
pub const STAFF_COLUMNS: [&str; 16] = [
    "council",
    "function",
    "role",
    "post_id",
    "title",
    "grade",
    "fte",
    "salary",
    "vacant",
    "date_of_birth",
    "service_start",
    "lgps_member",
    "notice_weeks",
    "vr_interest",
    "critical",
    "strain_quote",
];
const STAFF_REQUIRED: [&str; 6] = ["council", "function", "role", "fte", "salary", "vacant"];
/// The targets CSV's columns.
pub const TARGET_COLUMNS: [&str; 5] = [
    "function",
    "role",
    "target_fte",
    "target_salary",
    "pay_rule",
];
const TARGET_REQUIRED: [&str; 3] = ["function", "role", "target_fte"];

/// Reads yes/no/true/false/y/n/1/0 (any case).
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// Reads a date written YYYY-MM-DD or DD/MM/YYYY.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if let Some((d, rest)) = t.split_once('/') {
        let (m, y) = rest.split_once('/')?;
        let (y, m, d) = (
            y.trim().parse().ok()?,
            m.trim().parse().ok()?,
            d.trim().parse().ok()?,
        );
        if !(1000..=9999).contains(&y) {
            return None;
        }
        return Date::new(y, m, d).ok();
    }
    let mut parts = t.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase()
        .replace([' ', '-'], "_")
}

/// A CSV read into rows, with the column positions resolved.
struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<(u64, csv::StringRecord)>,
}

impl Table {
    fn read(
        text: &str,
        file: &str,
        known: &[&str],
        required: &[&str],
        problems: &mut Vec<ImportProblem>,
    ) -> Option<Self> {
        let problem = |row, column: Option<&str>, message: String| ImportProblem {
            file: file.to_owned(),
            row,
            column: column.map(str::to_owned),
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                problems.push(problem(
                    Some(1),
                    None,
                    format!("the header row cannot be read ({e}); save the file as CSV (UTF-8)"),
                ));
                return None;
            }
        };
        let mut columns = HashMap::new();
        let before = problems.len();
        for (i, h) in headers.iter().enumerate() {
            let name = normalise(h);
            if name.is_empty() {
                continue;
            }
            if !known.contains(&name.as_str()) {
                problems.push(problem(
                    Some(1),
                    Some(h),
                    format!("unknown column; the columns are: {}", known.join(", ")),
                ));
            } else if columns.insert(name.clone(), i).is_some() {
                problems.push(problem(
                    Some(1),
                    Some(h),
                    "this column appears twice; keep one".to_owned(),
                ));
            }
        }
        for r in required {
            if !columns.contains_key(*r) {
                problems.push(problem(
                    Some(1),
                    Some(r),
                    "this column is missing; add it to the header row".to_owned(),
                ));
            }
        }
        if problems.len() > before {
            return None;
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            match record {
                Ok(r) => {
                    let line = r.position().map_or(0, csv::Position::line);
                    if r.iter().all(str::is_empty) {
                        continue;
                    }
                    rows.push((line, r));
                }
                Err(e) => {
                    let line = e.position().map(csv::Position::line);
                    problems.push(problem(
                        line,
                        None,
                        format!(
                            "the row cannot be read ({e}); check its quotes and number of fields"
                        ),
                    ));
                }
            }
        }
        Some(Self { columns, rows })
    }

    fn get<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        self.columns
            .get(column)
            .and_then(|&i| record.get(i))
            .unwrap_or("")
    }
}

/// Collects problems for one row.
struct Row<'a> {
    file: &'a str,
    line: u64,
    problems: &'a mut Vec<ImportProblem>,
}

impl Row<'_> {
    fn bad(&mut self, column: &str, message: String) {
        self.problems.push(ImportProblem {
            file: self.file.to_owned(),
            row: Some(self.line),
            column: Some(column.to_owned()),
            message,
        });
    }

    fn text(&mut self, value: &str, column: &str) -> Option<String> {
        if value.is_empty() {
            self.bad(column, "is empty; fill it in".to_owned());
            None
        } else {
            Some(value.to_owned())
        }
    }

    fn fte(&mut self, value: &str, column: &str) -> Option<f64> {
        match value.parse::<f64>() {
            Ok(f) if f.is_finite() && f > 0.0 && f <= 1.0 => Some(f),
            Ok(f) => {
                self.bad(
                    column,
                    format!(
                        "{f} is not an FTE; enter more than 0 and at most 1 (0.5 for half time)"
                    ),
                );
                None
            }
            Err(_) => {
                self.bad(
                    column,
                    format!("'{value}' is not a number; enter an FTE such as 1 or 0.6"),
                );
                None
            }
        }
    }

    fn money(&mut self, value: &str, column: &str, positive: bool) -> Option<Money> {
        match parse_money(value) {
            Some(m) if !positive || m.pence() > 0 => Some(m),
            Some(m) => {
                self.bad(
                    column,
                    format!("{m} must be more than zero; enter the full-time annual amount"),
                );
                None
            }
            None => {
                self.bad(
                    column,
                    format!("'{value}' is not an amount of money; write it like 35000 or £35,000"),
                );
                None
            }
        }
    }

    fn boolean(&mut self, value: &str, column: &str, default: bool) -> Option<bool> {
        if value.is_empty() {
            return Some(default);
        }
        let parsed = parse_bool(value);
        if parsed.is_none() {
            self.bad(
                column,
                format!("'{value}' is not yes or no; write yes, no, true, false, y, n, 1 or 0"),
            );
        }
        parsed
    }

    fn date(&mut self, value: &str, column: &str) -> Option<Date> {
        if value.is_empty() {
            self.bad(column, "is empty; a filled post needs it (leave the postholder columns blank only for vacancies)".to_owned());
            return None;
        }
        let parsed = parse_date(value);
        if parsed.is_none() {
            self.bad(
                column,
                format!("'{value}' is not a date; write it as YYYY-MM-DD or DD/MM/YYYY"),
            );
        }
        parsed
    }
}

fn short_name(name: &str) -> String {
    let mut s = name.trim();
    for prefix in [
        "Borough of ",
        "City of ",
        "London Borough of ",
        "Royal Borough of ",
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

/// The plan's function id for a function name, adding a function if it is new.
fn function_id(plan: &mut Plan, name: &str) -> String {
    let wanted = name.trim();
    let aliases = [
        ("human resources", "hr"),
        ("information technology", "it"),
        ("ict", "it"),
        ("other", "other"),
        ("support", "other"),
    ];
    if let Some(f) = plan
        .functions
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(wanted) || f.id.eq_ignore_ascii_case(wanted))
    {
        return f.id.clone();
    }
    if let Some((_, id)) = aliases.iter().find(|(a, _)| a.eq_ignore_ascii_case(wanted)) {
        return (*id).to_owned();
    }
    let id = slug(wanted);
    if plan.function(&id).is_none() {
        plan.functions.push(Function {
            id: id.clone(),
            name: wanted.to_owned(),
        });
    }
    id
}

/// The postholder columns of a filled post's row; `None` (with the problems recorded) if any
/// is wrong.
fn read_holder(row: &mut Row, table: &Table, record: &csv::StringRecord) -> Option<Postholder> {
    let get = |c: &str| table.get(record, c);
    let dob = row.date(get("date_of_birth"), "date_of_birth");
    let start = row.date(get("service_start"), "service_start");
    if let (Some(d), Some(s)) = (dob, start)
        && d >= s
    {
        row.bad(
            "date_of_birth",
            format!("born {d} but service starts {s}; check both dates"),
        );
    }
    let lgps = row.boolean(get("lgps_member"), "lgps_member", true);
    let vr = row.boolean(get("vr_interest"), "vr_interest", false);
    let critical = row.boolean(get("critical"), "critical", false);
    let notice = match get("notice_weeks") {
        "" => Some(0),
        n => n.parse::<u32>().ok().filter(|w| *w <= 52).or_else(|| {
            row.bad(
                "notice_weeks",
                format!("'{n}' is not a number of weeks from 0 to 52"),
            );
            None
        }),
    };
    let quote = match get("strain_quote") {
        "" => Some(None),
        q => row.money(q, "strain_quote", false).map(Some),
    };
    Some(Postholder {
        date_of_birth: dob?,
        service_start: start?,
        lgps_member: lgps?,
        notice_weeks: notice?,
        vr_interest: vr?,
        critical: critical?,
        strain_quote: quote?,
    })
}

/// Builds a plan from an establishment CSV and an optional targets CSV. Roles without a target
/// keep today's FTE, harmonised to the highest current salary. Every problem comes back at once.
pub fn import(
    staff: &str,
    targets: Option<&str>,
    options: &ImportOptions,
) -> Result<Plan, Vec<ImportProblem>> {
    let mut problems = Vec::new();
    let mut plan = Plan::new(&options.name, options.programme);
    let file = options.staff_label.as_str();
    let Some(table) = Table::read(staff, file, &STAFF_COLUMNS, &STAFF_REQUIRED, &mut problems)
    else {
        return Err(problems);
    };
    if table.rows.is_empty() {
        problems.push(ImportProblem {
            file: file.to_owned(),
            row: None,
            column: None,
            message: "has no posts; add a row for each post".to_owned(),
        });
        return Err(problems);
    }
    let mut role_fte: BTreeMap<String, f64> = BTreeMap::new();
    let mut counters: HashMap<String, usize> = HashMap::new();
    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    for (line, record) in &table.rows {
        let mut row = Row {
            file,
            line: *line,
            problems: &mut problems,
        };
        let get = |c: &str| table.get(record, c);
        let council = row.text(get("council"), "council");
        let function = row.text(get("function"), "function");
        let role = row.text(get("role"), "role");
        let fte = row.fte(get("fte"), "fte");
        let salary = row.money(get("salary"), "salary", true);
        let vacant = row.boolean(get("vacant"), "vacant", false);
        let holder = match vacant {
            Some(false) => read_holder(&mut row, &table, record).map(Some),
            Some(true) => Some(None),
            None => None,
        };
        let (Some(council), Some(function), Some(role), Some(fte), Some(salary), Some(holder)) =
            (council, function, role, fte, salary, holder)
        else {
            continue;
        };
        let council_id = slug(&council);
        if plan.council(&council_id).is_none() {
            let index = plan.councils.len();
            plan.councils.push(Council {
                id: council_id.clone(),
                name: council.clone(),
                short_name: short_name(&council),
                colour: Colour::for_index(index),
                scheme: RedundancyScheme::default(),
                lgps_employer_rate: 0.2,
                min_service_for_vr_years: 2,
                cost_share_weight: 1.0,
            });
        }
        let function_id = function_id(&mut plan, &function);
        let role_id = format!("{function_id}-{}", slug(&role));
        if plan.role(&role_id).is_none() {
            plan.roles.push(Role {
                id: role_id.clone(),
                function: function_id.clone(),
                title: role.clone(),
                target_fte: 0.0,
                pay: TargetPay::HarmoniseHighest,
            });
        }
        *role_fte.entry(role_id.clone()).or_default() += fte;
        let id = match get("post_id") {
            "" => {
                let n = counters.entry(council_id.clone()).or_default();
                *n += 1;
                format!("{}-{:05}", council_id.to_uppercase(), *n)
            }
            id => id.to_owned(),
        };
        if let Some(first) = seen_ids.insert(id.clone(), *line) {
            Row {
                file,
                line: *line,
                problems: &mut problems,
            }
            .bad(
                "post_id",
                format!("'{id}' is already used on row {first}; give each post its own id"),
            );
            continue;
        }
        let title = match get("title") {
            "" => role.clone(),
            t => t.to_owned(),
        };
        plan.posts.push(Post {
            id,
            council: council_id,
            function: function_id,
            role: role_id,
            title,
            grade: get("grade").to_owned(),
            fte,
            salary,
            holder,
        });
    }
    for role in &mut plan.roles {
        role.target_fte = role_fte.get(&role.id).copied().unwrap_or(0.0);
    }
    if let Some(text) = targets {
        apply_targets(&mut plan, text, &options.targets_label, &mut problems);
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

fn apply_targets(plan: &mut Plan, text: &str, file: &str, problems: &mut Vec<ImportProblem>) {
    let Some(table) = Table::read(text, file, &TARGET_COLUMNS, &TARGET_REQUIRED, problems) else {
        return;
    };
    for (line, record) in &table.rows {
        let mut row = Row {
            file,
            line: *line,
            problems,
        };
        let get = |c: &str| table.get(record, c);
        let function = row.text(get("function"), "function");
        let title = row.text(get("role"), "role");
        let target = match get("target_fte").parse::<f64>() {
            Ok(f) if f.is_finite() && f >= 0.0 => Some(f),
            _ => {
                row.bad(
                    "target_fte",
                    format!(
                        "'{}' is not a target FTE; enter 0 or more",
                        get("target_fte")
                    ),
                );
                None
            }
        };
        let rule = match get("pay_rule").to_ascii_lowercase().as_str() {
            "" | "highest" => Some(TargetPay::HarmoniseHighest),
            "average" => Some(TargetPay::HarmoniseAverage),
            "lowest" => Some(TargetPay::HarmoniseLowest),
            other => {
                row.bad(
                    "pay_rule",
                    format!("'{other}' is not a pay rule; write highest, average or lowest"),
                );
                None
            }
        };
        let pay = match get("target_salary") {
            "" => rule,
            s => row.money(s, "target_salary", true).map(TargetPay::Salary),
        };
        let (Some(function), Some(title), Some(target_fte), Some(pay)) =
            (function, title, target, pay)
        else {
            continue;
        };
        let function_id = function_id(plan, &function);
        let id = format!("{function_id}-{}", slug(&title));
        match plan.roles.iter_mut().find(|r| r.id == id) {
            Some(role) => {
                role.target_fte = target_fte;
                role.pay = pay;
            }
            None if matches!(pay, TargetPay::Salary(_)) => {
                plan.roles.push(Role {
                    id,
                    function: function_id,
                    title,
                    target_fte,
                    pay,
                });
            }
            None => row.bad(
                "target_salary",
                format!("'{title}' is a new role with no posts today, so it needs a target salary"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn options() -> ImportOptions {
        ImportOptions {
            name: "Test".into(),
            programme: Programme {
                consultation_start: date(2026, 1, 1),
                go_live: date(2026, 4, 1),
            },
            staff_label: "staff.csv".into(),
            targets_label: "targets.csv".into(),
        }
    }

    #[test]
    fn yes_and_no_in_every_spelling() {
        for yes in ["yes", "Y", "TRUE", "1", " yes "] {
            assert_eq!(parse_bool(yes), Some(true), "{yes}");
        }
        for no in ["no", "n", "False", "0"] {
            assert_eq!(parse_bool(no), Some(false), "{no}");
        }
        assert_eq!(parse_bool("maybe"), None);
    }

    #[test]
    fn dates_both_ways_and_impossible_ones_refused() {
        assert_eq!(parse_date("2025-06-09"), Some(date(2025, 6, 9)));
        assert_eq!(parse_date("09/06/2025"), Some(date(2025, 6, 9)));
        assert_eq!(parse_date("9/6/2025"), Some(date(2025, 6, 9)));
        assert_eq!(parse_date("31/02/2025"), None);
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("06/09/25"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn a_new_role_from_the_targets_needs_a_salary() {
        let staff =
            "council,function,role,fte,salary,vacant\nPoole,Finance,Accountant,1,30000,yes\n";
        let targets = "function,role,target_fte,target_salary\nFinance,Systems analyst,2,\"£41,000\"\nLegal,Paralegal,1,\n";
        let problems = import(staff, Some(targets), &options()).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].row, Some(3));
        assert!(
            problems[0].message.contains("needs a target salary"),
            "{}",
            problems[0]
        );
        let targets =
            "function,role,target_fte,target_salary\nFinance,Systems analyst,2,\"£41,000\"\n";
        let plan = import(staff, Some(targets), &options()).unwrap();
        let analyst = plan
            .roles
            .iter()
            .find(|r| r.title == "Systems analyst")
            .unwrap();
        assert_eq!(analyst.pay, TargetPay::Salary(Money::pounds(41_000)));
        assert!((analyst.target_fte - 2.0).abs() < 1e-12);
        // Without a target the accountant keeps today's FTE.
        assert!((plan.roles[0].target_fte - 1.0).abs() < 1e-12);
    }

    #[test]
    fn every_bad_value_is_reported() {
        let staff = "council,function,role,fte,salary,vacant,date_of_birth,service_start,notice_weeks\n\
                     ,Finance,Accountant,2,abc,perhaps,,,\n\
                     Poole,Finance,Accountant,1,30000,no,1990-01-01,1980-01-01,99\n";
        let problems = import(staff, None, &options()).unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        for needle in [
            "row 2, column 'council'",
            "row 2, column 'fte'",
            "row 2, column 'salary'",
            "row 2, column 'vacant'",
            "row 3, column 'date_of_birth'",
            "row 3, column 'notice_weeks'",
        ] {
            assert!(
                text.iter().any(|t| t.contains(needle)),
                "no {needle} in {text:#?}"
            );
        }
    }

    #[test]
    fn an_empty_file_or_a_header_alone_is_refused() {
        assert!(import("", None, &options()).is_err());
        let problems = import(
            "council,function,role,fte,salary,vacant\n",
            None,
            &options(),
        )
        .unwrap_err();
        assert!(problems[0].message.contains("no posts"));
    }
}
