//! The establishment import: a fixture for each oddity of real HR exports, the heading guesser on
//! heading sets shaped like different HR systems' exports, and round trips of whole plans
//! through CSV and .xlsx.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil::date;
use merger_planner::example;
use merger_planner::import::establishment::Placement;
use merger_planner::import::headings::{Field, ImportKind, Use, find_headings};
use merger_planner::import::source::{Cell, Grid, Row};
use merger_planner::import::values::DateOrder;
use merger_planner::import::{
    self, Change, Checked, Encoding, Options, Progress, ReadSettings, Source, template,
};
use merger_planner::model::{Money, Plan, Programme};
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn empty_plan() -> Plan {
    Plan::new(
        "Import test",
        Programme {
            consultation_start: date(2026, 10, 1),
            go_live: date(2027, 4, 1),
        },
    )
}

fn options(council: &str) -> Options {
    Options {
        council: council.to_owned(),
        ..Options::default()
    }
}

fn import(name: &str, plan: &Plan, options: &Options) -> (Source, Checked) {
    import::import_file(
        &fixture(name),
        &ReadSettings::default(),
        ImportKind::Establishment,
        plan,
        options,
    )
    .expect("the fixture reads")
}

fn problems(checked: &Checked) -> Vec<String> {
    checked
        .problems
        .listed
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn post<'p>(plan: &'p Plan, id: &str) -> &'p merger_planner::model::Post {
    plan.posts
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no post {id}"))
}

fn function_name(plan: &Plan, id: &str) -> String {
    plan.function(id).expect("the function").name.clone()
}

fn role_title(plan: &Plan, id: &str) -> String {
    plan.role(id).expect("the role").title.clone()
}

#[test]
fn windows_1252_semicolons_hours_and_pound_salaries() {
    let plan = empty_plan();
    let (source, checked) = import(
        "windows-1252-semicolon.csv",
        &plan,
        &options("Weymouth Borough Council"),
    );
    let resolved = source.resolve(&ReadSettings::default());
    assert_eq!(resolved.encoding, Some(Encoding::Windows1252));
    assert_eq!(
        resolved.delimiter,
        Some(merger_planner::import::Delimiter::Semicolon)
    );
    assert!(checked.can_import(), "{:#?}", problems(&checked));
    let p = &checked.plan;
    assert_eq!(p.posts.len(), 6);
    assert_eq!(p.councils[0].name, "Weymouth Borough Council");
    assert_eq!(p.councils[0].short_name, "Weymouth");
    // Row 1 is the report's title: the headings are on row 2.
    assert_eq!(checked.headings.as_ref().unwrap().row, 1);
    assert!(checked.notes.iter().any(|n| n.contains("row 1 above")));
    let senior = post(p, "WY001");
    assert_eq!(senior.salary, Money::pounds(38_950));
    assert!((senior.fte - 1.0).abs() < 1e-12);
    let half = post(p, "WY002");
    assert!((half.fte - 0.5).abs() < 1e-12, "18.5 of 37 hours");
    assert!(!half.holder.as_ref().unwrap().lgps_member, "Opted out");
    // "Snr Accountant" and "Senior Accountant" are one role.
    assert_eq!(senior.role, half.role);
    assert_eq!(function_name(p, &senior.function), "Finance");
    let payroll = post(p, "WY003");
    assert!(payroll.holder.is_none(), "Vacant");
    assert_eq!(function_name(p, &payroll.function), "HR", "People Services");
    assert_eq!(function_name(p, &post(p, "WY004").function), "IT");
    assert_eq!(function_name(p, &post(p, "WY005").function), "Legal");
    let cafe = post(p, "WY006");
    assert_eq!(cafe.title, "Café Supervisor", "Windows-1252 é");
    assert_eq!(function_name(p, &cafe.function), "Other support");
    let born = post(p, "WY001").holder.as_ref().unwrap();
    assert_eq!(born.date_of_birth, date(1966, 3, 14));
    assert_eq!(born.service_start, date(1995, 9, 1));
    // A new council's settings are assumed until confirmed, and validation says so by name.
    assert!(p.councils[0].assumed);
    assert!(
        merger_planner::model::validate(p).iter().any(|x| x.describe(p).starts_with(
            "warning: Weymouth Borough Council, assumed: the LGPS rate, redundancy scheme and minimum service for VR were set by default"
        )),
        "the assumed settings are a problem to see"
    );
    // The employee number is recognised and never imported.
    let headings = checked.headings.as_ref().unwrap();
    let employee = headings
        .columns
        .iter()
        .find(|c| c.heading == "Employee Number")
        .unwrap();
    assert_eq!(employee.used, Use::Private);
}

#[test]
fn equality_monitoring_columns_are_optional_and_read_as_hr_writes_them() {
    let plan = empty_plan();
    let (_, checked) = import("equality-monitoring.csv", &plan, &Options::default());
    let headings = checked.headings.as_ref().unwrap();
    let used = |h: &str| {
        headings
            .columns
            .iter()
            .find(|c| c.heading == h)
            .map(|c| c.used)
    };
    assert_eq!(used("Gender"), Some(Use::Field(Field::Sex)));
    assert_eq!(used("Ethnic Origin"), Some(Use::Field(Field::Ethnicity)));
    assert_eq!(used("Disabled?"), Some(Use::Field(Field::Disability)));
    assert_eq!(used("Employee Name"), Some(Use::Private));
    // A "category" as long as a sentence is the wrong column: refused with its row and column.
    let listed = problems(&checked);
    assert_eq!(listed.len(), 1, "{listed:#?}");
    assert!(
        listed[0].contains("row 7")
            && listed[0].contains("Ethnic Origin")
            && listed[0].contains("check the column chosen"),
        "{listed:#?}"
    );
    // Without that row, everything reads.
    let text = std::fs::read_to_string(fixture("equality-monitoring.csv")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixed.csv");
    std::fs::write(&path, text.replace("Not stated on the form returned by the employee during the annual equality monitoring survey", "Not stated")).unwrap();
    let (_, checked) = import::import_file(
        &path,
        &ReadSettings::default(),
        ImportKind::Establishment,
        &plan,
        &Options::default(),
    )
    .unwrap();
    assert!(checked.can_import(), "{:#?}", problems(&checked));
    let p = &checked.plan;
    let m = |id: &str| post(p, id).holder.as_ref().unwrap().monitoring.clone();
    // F reads as Female; spaces are tidied; N and Y read as No and Yes.
    assert_eq!(m("A1").sex.as_deref(), Some("Female"));
    assert_eq!(m("A1").disability.as_deref(), Some("No"));
    assert_eq!(m("A2").sex.as_deref(), Some("male"));
    assert_eq!(m("A2").ethnicity.as_deref(), Some("Asian or Asian British"));
    assert_eq!(m("A2").disability.as_deref(), Some("Yes"));
    // Blank is not recorded; the rest as written.
    assert!(m("A4").sex.is_none() && m("A4").ethnicity.is_none());
    assert_eq!(m("A4").disability.as_deref(), Some("Prefer not to say"));
    assert_eq!(m("A5").ethnicity.as_deref(), Some("Not stated"));
    assert!(post(p, "A3").holder.is_none());
}

#[test]
fn utf8_with_a_byte_order_mark_and_hr_headings() {
    let plan = empty_plan();
    let (_, checked) = import("utf8-bom-hr-headings.csv", &plan, &Options::default());
    assert!(checked.can_import(), "{:#?}", problems(&checked));
    let p = &checked.plan;
    assert_eq!(p.councils.len(), 1);
    assert_eq!(p.councils[0].name, "Purbeck District Council");
    let head = post(p, "PB-10");
    assert_eq!(head.salary, Money::pounds(72_000));
    assert_eq!(head.grade, "CO");
    let h = head.holder.as_ref().unwrap();
    assert_eq!(h.notice_weeks, 12);
    assert!(h.lgps_member, "Member");
    let advisor = post(p, "PB-11");
    assert_eq!(advisor.salary, Money(3_250_050));
    assert!(!advisor.holder.as_ref().unwrap().lgps_member, "Non-member");
    assert!(post(p, "PB-12").holder.is_none(), "Vacant? Y");
    assert_eq!(
        post(p, "PB-13").holder.as_ref().unwrap().notice_weeks,
        13,
        "3 months"
    );
    assert_eq!(function_name(p, &head.function), "HR");
    assert_eq!(function_name(p, &post(p, "PB-13").function), "Legal");
    let headings = checked.headings.as_ref().unwrap();
    for (heading, used) in [
        ("First Name", Use::Private),
        ("Surname", Use::Private),
        ("Cost Centre Code", Use::Unused),
        ("Service", Use::Field(Field::Function)),
        ("Vacant?", Use::Field(Field::Vacant)),
    ] {
        let c = headings
            .columns
            .iter()
            .find(|c| c.heading == heading)
            .unwrap();
        assert_eq!(c.used, used, "{heading}");
    }
    // Each guess says why.
    let dob = headings
        .columns
        .iter()
        .find(|c| c.heading == "Date of Birth")
        .unwrap();
    assert_eq!(dob.why, "heading 'Date of Birth'");
}

#[test]
fn utf16_unicode_text_with_tabs_and_written_dates() {
    let plan = empty_plan();
    let (source, checked) = import("utf16-tab.txt", &plan, &options("Christchurch"));
    assert_eq!(
        source.resolve(&ReadSettings::default()).encoding,
        Some(Encoding::Utf16Le)
    );
    assert!(checked.can_import(), "{:#?}", problems(&checked));
    let p = &checked.plan;
    let x1 = post(p, "X1").holder.as_ref().unwrap();
    assert_eq!(x1.date_of_birth, date(1966, 3, 14), "14-Mar-1966");
    assert_eq!(x1.service_start, date(1990, 4, 1), "1 April 1990");
    assert!(post(p, "X2").holder.is_none(), "Filled: No");
    let x3 = post(p, "X3").holder.as_ref().unwrap();
    assert_eq!(x3.date_of_birth, date(1966, 3, 14), "14/03/66");
    assert_eq!(function_name(p, &post(p, "X3").function), "IT", "Digital");
    assert_eq!(
        function_name(p, &post(p, "X1").function),
        "Finance",
        "Revenues"
    );
}

#[test]
fn pipes_percentages_date_times_and_a_totals_row() {
    let plan = empty_plan();
    let (_, checked) = import("pipe-percent-totals.txt", &plan, &options("Poole"));
    assert!(checked.can_import(), "{:#?}", problems(&checked));
    assert_eq!(checked.plan.posts.len(), 3, "the totals row is left out");
    assert!(
        checked
            .notes
            .iter()
            .any(|n| n.contains("row 5") && n.contains("totals")),
        "{:?}",
        checked.notes
    );
    let p = &checked.plan;
    assert!((post(p, "P2").fte - 0.5).abs() < 1e-12, "50 percent");
    assert!((post(p, "P1").fte - 1.0).abs() < 1e-12, "100%");
    let h = post(p, "P1").holder.as_ref().unwrap();
    assert_eq!(h.date_of_birth, date(1970, 5, 1));
    assert_eq!(h.service_start, date(1995, 9, 13));
}

#[test]
fn rows_are_numbered_as_a_spreadsheet_shows_them() {
    let plan = empty_plan();
    let (_, checked) = import("crlf-multiline.csv", &plan, &Options::default());
    assert!(!checked.can_import());
    let text = problems(&checked);
    // Line 5 of the file, but row 4 of the spreadsheet: the line break in row 2's cell and the
    // Windows line endings do not shift it.
    assert_eq!(text.len(), 1, "{text:#?}");
    assert!(text[0].starts_with("row 4, column 'fte': 1.5"), "{text:#?}");
    assert_eq!(checked.bad_rows, vec![4]);
}

#[test]
fn dates_that_could_go_either_way_are_asked_about() {
    let plan = empty_plan();
    let (_, checked) = import("ambiguous-dates.csv", &plan, &options("Poole"));
    assert!(checked.date_question);
    assert!(!checked.can_import());
    assert!(problems(&checked)[0].contains("day-first"));
    let mut chosen = options("Poole");
    chosen.mapping.date_order = Some(DateOrder::MonthFirst);
    let (_, checked) = import("ambiguous-dates.csv", &plan, &chosen);
    assert!(checked.can_import(), "{:#?}", problems(&checked));
    let h = post(&checked.plan, "Q1").holder.as_ref().unwrap();
    assert_eq!(h.date_of_birth, date(1970, 1, 2));
    chosen.mapping.date_order = Some(DateOrder::DayFirst);
    let (_, checked) = import("ambiguous-dates.csv", &plan, &chosen);
    let h = post(&checked.plan, "Q1").holder.as_ref().unwrap();
    assert_eq!(h.date_of_birth, date(1970, 2, 1));
}

#[test]
fn a_negative_notice_is_refused_with_its_row_and_column_not_made_positive() {
    let plan = empty_plan();
    let (_, checked) = import("negative-notice.csv", &plan, &options("Poole"));
    assert!(!checked.can_import());
    let text = problems(&checked);
    for needle in [
        "row 2, column 'Notice': '-1' is a negative notice period",
        "row 3, column 'Notice': '-5 weeks' is a negative notice period",
    ] {
        assert!(
            text.iter().any(|t| t.starts_with(needle)),
            "no {needle} in {text:#?}"
        );
    }
    assert_eq!(checked.bad_rows, vec![2, 3]);
}

#[test]
fn every_bad_value_is_listed_with_its_row_heading_and_value_and_can_be_skipped() {
    let plan = empty_plan();
    let (_, checked) = import("bad-values.csv", &plan, &options("Poole"));
    assert!(!checked.can_import());
    let text = problems(&checked);
    for needle in [
        "row 2, column 'FTE': -0.5",
        "row 3, column 'Salary': 'twenty' is not an amount of money",
        "row 3, column 'DOB': '31/02/1970': there is no 31 February 1970",
        "row 4, column 'Status': 'Perhaps' is not filled or vacant",
        "row 5, column 'DOB': born 2001-01-01 but service starts 1990-01-01",
    ] {
        assert!(
            text.iter().any(|t| t.starts_with(needle)),
            "no {needle} in {text:#?}"
        );
    }
    assert_eq!(checked.bad_rows, vec![2, 3, 4, 5]);
    let mut skip = options("Poole");
    skip.skip_bad_rows = true;
    let (_, checked) = import("bad-values.csv", &plan, &skip);
    assert!(checked.can_import());
    assert_eq!(checked.imported, 1);
    assert!(
        checked
            .notes
            .iter()
            .any(|n| n.contains("skipped") && n.contains("rows 2 to 5")),
        "{:?}",
        checked.notes
    );
}

#[test]
fn a_second_council_is_added_and_next_months_extract_lists_its_changes() {
    let plan = empty_plan();
    let (_, first) = import(
        "windows-1252-semicolon.csv",
        &plan,
        &options("Weymouth Borough Council"),
    );
    let mut plan = first.plan;
    plan.scenarios.push(merger_planner::model::Scenario {
        name: "Kept".into(),
        ..Default::default()
    });
    let (_, second) = import("utf8-bom-hr-headings.csv", &plan, &Options::default());
    assert!(second.can_import(), "{:#?}", problems(&second));
    assert_eq!(second.plan.councils.len(), 2);
    assert_eq!(second.plan.posts.len(), 10);
    assert_eq!(second.plan.scenarios, plan.scenarios, "scenarios kept");
    // Importing the same council again as new is refused with what to do.
    let (_, again) = import(
        "utf8-bom-hr-headings.csv",
        &second.plan,
        &Options::default(),
    );
    assert!(!again.can_import());
    assert!(problems(&again)[0].contains("Replace the council's posts"));
    // Next month's extract, with a VR interest recorded in the app meanwhile.
    let mut plan = second.plan;
    let head = plan.posts.iter_mut().find(|p| p.id == "PB-10").unwrap();
    head.holder.as_mut().unwrap().vr_interest = true;
    let replace = Options {
        placement: Placement::Replace,
        ..Options::default()
    };
    let (_, next) = import("utf8-reimport.csv", &plan, &replace);
    assert!(next.can_import(), "{:#?}", problems(&next));
    let changes: Vec<String> = next.changes.iter().map(ToString::to_string).collect();
    assert!(
        changes.contains(&"Purbeck District Council: post PB-13 removed".to_owned()),
        "{changes:#?}"
    );
    assert!(changes.contains(&"Purbeck District Council: post PB-14 added".to_owned()));
    assert!(
        changes
            .iter()
            .any(|c| c.contains("PB-11 changed: FTE 0.6 to 1")),
        "{changes:#?}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c.contains("PB-12 changed") && c.contains("status vacant to filled")),
        "{changes:#?}"
    );
    assert!(!changes.iter().any(|c| c.contains("PB-10")), "{changes:#?}");
    assert!(
        next.changes
            .iter()
            .all(|c| !matches!(c, Change::Changed { item, .. } if item == "WY001")),
        "Weymouth is untouched"
    );
    let p = &next.plan;
    assert_eq!(p.posts.len(), 10);
    assert!(
        post(p, "PB-10").holder.as_ref().unwrap().vr_interest,
        "what the extract does not hold is kept"
    );
    assert_eq!(role_title(p, &post(p, "PB-14").role), "Paralegal");
    // The legal assistant's only post went: the role, with no pay left to harmonise, goes too.
    assert!(!p.roles.iter().any(|r| r.title == "Legal Assistant"));
    assert!(
        next.notes
            .iter()
            .any(|n| n.starts_with("Legal Assistant (Legal) has no posts left")),
        "{:?}",
        next.notes
    );
    assert!(
        merger_planner::model::validate(p)
            .iter()
            .all(|x| x.severity != merger_planner::model::Severity::Error),
        "the plan after a re-import is valid"
    );
}

#[test]
fn the_template_imports_as_it_is() {
    let plan = empty_plan();
    let source = Source::from_bytes("template.csv", template::csv().into_bytes()).unwrap();
    let grid = source
        .grid(&ReadSettings::default(), &Progress::default())
        .unwrap();
    let checked = import::check(&grid, &plan, &Options::default(), &Progress::default());
    assert!(checked.can_import(), "{:#?}", problems(&checked));
    assert_eq!(checked.plan.posts.len(), 4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.xlsx");
    template::write_xlsx(&path).unwrap();
    let (_, checked) = import::import_file(
        &path,
        &ReadSettings::default(),
        ImportKind::Establishment,
        &plan,
        &Options::default(),
    )
    .unwrap();
    assert!(checked.can_import(), "{:#?}", problems(&checked));
    assert_eq!(checked.plan.posts.len(), 4);
}

/// A grid of text cells from rows of headings and values.
fn grid(rows: &[&[&str]]) -> Grid {
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    Grid {
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| Row {
                number: i as u32 + 1,
                cells: r
                    .iter()
                    .map(|c| {
                        if c.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text((*c).to_owned())
                        }
                    })
                    .collect(),
            })
            .collect(),
        columns: (0..width as u32).collect(),
    }
}

/// Heading sets shaped like the exports of different HR and payroll systems, with what each
/// column should fill.
#[expect(
    clippy::too_many_lines,
    reason = "a table: a heading and its use a line"
)]
fn heading_sets() -> Vec<(&'static str, Vec<(&'static str, Use)>)> {
    use Field as F;
    let f = Use::Field;
    let p = Use::Private;
    let u = Use::Unused;
    let cases: Vec<(&str, Vec<(&str, Use)>)> = vec![
        (
            "iTrent-style",
            vec![
                ("Post No", f(F::PostId)),
                ("Job Title", f(F::Title)),
                ("Directorate", f(F::Function)),
                ("Grade", f(F::Grade)),
                ("FTE", f(F::Fte)),
                ("Annual Salary", f(F::Salary)),
                ("Post Status", f(F::Vacant)),
                ("DOB", f(F::DateOfBirth)),
                ("Continuous Service Date", f(F::ServiceStart)),
                ("Pension Scheme", f(F::Lgps)),
                ("Employee Number", p),
                ("Surname", p),
            ],
        ),
        (
            "Oracle-style",
            vec![
                ("Position Number", f(F::PostId)),
                ("Position Title", f(F::Title)),
                ("Department", f(F::Function)),
                ("Pay Grade", f(F::Grade)),
                ("Contracted Hours", f(F::Fte)),
                ("Basic Salary", f(F::Salary)),
                ("Vacant", f(F::Vacant)),
                ("Date of Birth", f(F::DateOfBirth)),
                ("LG Service Date", f(F::ServiceStart)),
                ("Person Number", p),
            ],
        ),
        (
            "SAP-style",
            vec![
                ("Position ID", f(F::PostId)),
                ("Position Name", f(F::Title)),
                ("Cost Center", f(F::Function)),
                ("Pay Band", f(F::Grade)),
                ("%", f(F::Fte)),
                ("Salary (FTE)", f(F::Salary)),
                ("Occupied", f(F::Filled)),
                ("Birth Date", f(F::DateOfBirth)),
                ("Start Date", f(F::ServiceStart)),
                ("Full Name", p),
            ],
        ),
        (
            "ResourceLink-style",
            vec![
                ("Post Number", f(F::PostId)),
                ("Post Title", f(F::Title)),
                ("Service", f(F::Function)),
                ("SCP", f(F::Grade)),
                ("Weekly Hours", f(F::Fte)),
                ("FTE Salary", f(F::Salary)),
                ("Status", f(F::Vacant)),
                ("D.O.B.", f(F::DateOfBirth)),
                ("CSD", f(F::ServiceStart)),
                ("LGPS", f(F::Lgps)),
                ("Notice Period", f(F::Notice)),
                ("Payroll Number", p),
            ],
        ),
        (
            "Workday-style",
            vec![
                ("Position ID", f(F::PostId)),
                ("Job Title", f(F::Title)),
                ("Business Unit", f(F::Function)),
                ("FTE %", f(F::Fte)),
                ("Annual Salary", f(F::Salary)),
                ("Vacant?", f(F::Vacant)),
                ("Date of Birth", f(F::DateOfBirth)),
                ("Continuous Service Start", f(F::ServiceStart)),
                ("Worker", u),
                ("Known As", p),
            ],
        ),
        (
            "Civica-style",
            vec![
                ("Establishment ID", f(F::PostId)),
                ("Job", f(F::Title)),
                ("Section", f(F::Function)),
                ("Scale", f(F::Grade)),
                ("Hours per week", f(F::Fte)),
                ("Salary", f(F::Salary)),
                ("Filled", f(F::Filled)),
                ("Born", f(F::DateOfBirth)),
                ("Service Start", f(F::ServiceStart)),
                ("Pension", f(F::Lgps)),
                ("Forename", p),
            ],
        ),
        (
            "Unit4-style",
            vec![
                ("Post Ref", f(F::PostId)),
                ("Post Name", f(F::Title)),
                ("Division", f(F::Function)),
                ("Spinal Column Point", f(F::Grade)),
                ("WTE", f(F::Fte)),
                ("Full Time Salary", f(F::Salary)),
                ("Vacancy", f(F::Vacant)),
                ("DOB", f(F::DateOfBirth)),
                ("Continuous Service", f(F::ServiceStart)),
                ("Employee ID", p),
            ],
        ),
        (
            "Our template",
            vec![
                ("council", f(F::Council)),
                ("function", f(F::Function)),
                ("role", f(F::Role)),
                ("post_id", f(F::PostId)),
                ("title", f(F::Title)),
                ("fte", f(F::Fte)),
                ("salary", f(F::Salary)),
                ("vacant", f(F::Vacant)),
                ("date_of_birth", f(F::DateOfBirth)),
                ("service_start", f(F::ServiceStart)),
                ("lgps_member", f(F::Lgps)),
                ("notice_weeks", f(F::Notice)),
                ("vr_interest", f(F::VrInterest)),
                ("critical", f(F::Critical)),
                ("strain_quote", f(F::StrainQuote)),
            ],
        ),
        (
            "Joint payroll extract",
            vec![
                ("Employing Authority", f(F::Council)),
                ("Service Area", f(F::Function)),
                ("Position No", f(F::PostId)),
                ("Job Name", f(F::Title)),
                ("Grade", f(F::Grade)),
                ("FTE", f(F::Fte)),
                ("Annual Basic Salary", f(F::Salary)),
                ("Vacancy Status", f(F::Vacant)),
                ("Date of Birth", f(F::DateOfBirth)),
                ("Local Government Service Date", f(F::ServiceStart)),
                ("Pension Scheme Member", f(F::Lgps)),
                ("NI Number", p),
                ("Email Address", p),
            ],
        ),
        (
            "Restructure workbook",
            vec![
                ("Council", f(F::Council)),
                ("Dept", f(F::Function)),
                ("Target Role", f(F::Role)),
                ("Post ID", f(F::PostId)),
                ("Substantive Job Title", f(F::Title)),
                ("Band", f(F::Grade)),
                ("Full Time Equivalent", f(F::Fte)),
                ("Salary £", f(F::Salary)),
                ("Vacant", f(F::Vacant)),
                ("DOB", f(F::DateOfBirth)),
                ("CSD", f(F::ServiceStart)),
                ("VR EOI", f(F::VrInterest)),
                ("Business Critical", f(F::Critical)),
                ("Strain Cost", f(F::StrainQuote)),
                ("Contractual Notice", f(F::Notice)),
            ],
        ),
        (
            "Town council spreadsheet, abbreviated",
            vec![
                ("Post Ref", f(F::PostId)),
                ("Job Title", f(F::Title)),
                ("Service Area", f(F::Function)),
                ("Contracted Hrs", f(F::Fte)),
                ("Annual Salary (FTE)", f(F::Salary)),
                ("Vacant?", f(F::Vacant)),
                ("D.O.B.", f(F::DateOfBirth)),
                ("Cont. Service Date", f(F::ServiceStart)),
                ("Gender", f(F::Sex)),
            ],
        ),
        (
            "Both CSD and start date",
            vec![
                ("Post No", f(F::PostId)),
                ("Job Title", f(F::Title)),
                ("FTE", f(F::Fte)),
                ("Salary", f(F::Salary)),
                ("Start Date", u),
                ("Continuous Service Date", f(F::ServiceStart)),
            ],
        ),
    ];
    cases
}

#[test]
fn headings_of_ten_hr_systems_are_guessed() {
    let cases = heading_sets();
    assert!(cases.len() >= 10);
    for (system, columns) in cases {
        let headings: Vec<&str> = columns.iter().map(|(h, _)| *h).collect();
        let values: Vec<&str> = columns.iter().map(|_| "x").collect();
        let g = grid(&[&["Establishment report 2026/27"], &headings, &values]);
        let found = find_headings(&g, ImportKind::Establishment).unwrap();
        assert_eq!(found.row, 1, "{system}: the title row is passed over");
        for (i, (heading, want)) in columns.iter().enumerate() {
            assert_eq!(
                found.columns[i].used, *want,
                "{system}: '{heading}' ({})",
                found.columns[i].why
            );
        }
    }
}

/// The round trip: a plan's establishment written in the template's layout and imported into an
/// empty plan gives the same posts.
fn assert_same_posts(original: &Plan, imported: &Plan) {
    assert_eq!(original.posts.len(), imported.posts.len());
    for (a, b) in original.posts.iter().zip(&imported.posts) {
        assert_eq!(a.id, b.id);
        assert_eq!(
            original.council(&a.council).expect("council").name,
            imported.council(&b.council).expect("council").name
        );
        assert_eq!(
            original.function(&a.function).expect("function").name,
            imported.function(&b.function).expect("function").name,
            "{}",
            a.id
        );
        assert_eq!(role_title(original, &a.role), role_title(imported, &b.role));
        assert_eq!(a.title, b.title);
        assert_eq!(a.grade, b.grade);
        assert!(
            (a.fte - b.fte).abs() < 1e-12,
            "{} {} {}",
            a.id,
            a.fte,
            b.fte
        );
        assert_eq!(a.salary, b.salary);
        assert_eq!(a.holder, b.holder, "{}", a.id);
    }
}

fn round_trip_options() -> Options {
    let mut o = Options::default();
    // Roles come from the role column as written; every date is ISO or a spreadsheet date.
    o.mapping.date_order = Some(DateOrder::DayFirst);
    o
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn any_establishment_round_trips_through_csv_and_xlsx(
        councils in 1usize..5, posts in 1usize..120, seed in 0u64..1000,
    ) {
        let original = example::reorganisation(councils, posts, seed);
        let target = Plan::new("Round trip", original.programme);
        let text = template::establishment_csv(&original);
        let source = Source::from_bytes("plan.csv", text.into_bytes()).unwrap();
        let grid = source.grid(&ReadSettings::default(), &Progress::default()).unwrap();
        let checked = import::check(&grid, &target, &round_trip_options(), &Progress::default());
        prop_assert!(checked.can_import(), "{:#?}", problems(&checked));
        assert_same_posts(&original, &checked.plan);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.xlsx");
        template::write_establishment_xlsx(&original, &path).unwrap();
        let (_, checked) = import::import_file(
            &path, &ReadSettings::default(), ImportKind::Establishment, &target, &round_trip_options(),
        ).unwrap();
        prop_assert!(checked.can_import(), "{:#?}", problems(&checked));
        assert_same_posts(&original, &checked.plan);
    }
}

/// One post of the workbook fixture: id, title, directorate, hours, salary, status, date of
/// birth, service start, pension.
type FixtureRow = (
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    &'static str,
    Option<(u16, u8, u8)>,
    Option<(u16, u8, u8)>,
    &'static str,
);

/// Writes the workbook fixture: a report title merged across the top, a blank row, the
/// headings, Excel dates and numbers, and a totals row. `cargo test --test import -- --ignored`
/// rewrites it; the .ods and .xls beside it are LibreOffice's conversions of it.
#[test]
#[ignore = "rewrites tests/fixtures/import/title-rows-merged.xlsx"]
fn write_the_workbook_fixture() {
    use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
    let mut workbook = Workbook::new();
    let cover = workbook.add_worksheet();
    cover.set_name("Notes").unwrap();
    cover
        .write_string(0, 0, "Exported from the HR system on 02/11/2026")
        .unwrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Establishment").unwrap();
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    sheet
        .merge_range(
            0,
            0,
            0,
            8,
            "Swanage Town Council: corporate services establishment",
            &title,
        )
        .unwrap();
    sheet
        .merge_range(1, 0, 1, 8, "OFFICIAL-SENSITIVE", &Format::new())
        .unwrap();
    let headings = [
        "Position Number",
        "Post Title",
        "Directorate",
        "Contracted Hours",
        "FTE Salary",
        "Post Status",
        "Date of Birth",
        "Continuous Service Date",
        "Pension Scheme",
    ];
    for (c, h) in headings.iter().enumerate() {
        sheet
            .write_string_with_format(3, c as u16, *h, &Format::new().set_bold())
            .unwrap();
    }
    let date = Format::new().set_num_format("dd-mmm-yyyy");
    let money = Format::new().set_num_format("£#,##0.00");
    let rows: [FixtureRow; 5] = [
        (
            "SW-001",
            "Head of Finance",
            "Finance & Resources",
            37.0,
            61_000.0,
            "Filled",
            Some((1969, 4, 2)),
            Some((1992, 9, 1)),
            "LGPS",
        ),
        (
            "SW-002",
            "Accountancy Assistant",
            "Finance & Resources",
            22.2,
            24_500.0,
            "Filled",
            Some((1994, 11, 30)),
            Some((2018, 5, 14)),
            "Opted Out",
        ),
        (
            "SW-003",
            "IT Support Officer",
            "Digital Services",
            37.0,
            27_300.0,
            "Vacant",
            None,
            None,
            "",
        ),
        (
            "SW-004",
            "HR Business Partner",
            "People & Culture",
            37.0,
            41_200.0,
            "Filled",
            Some((1980, 1, 19)),
            Some((2006, 2, 27)),
            "LGPS",
        ),
        (
            "SW-005",
            "Committee Clerk",
            "Democratic Services",
            18.5,
            28_900.0,
            "Filled",
            Some((1958, 7, 7)),
            Some((1985, 10, 1)),
            "LGPS",
        ),
    ];
    for (i, (id, title, dir, hours, salary, status, dob, csd, pension)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        sheet.write_string(r, 0, *id).unwrap();
        sheet.write_string(r, 1, *title).unwrap();
        sheet.write_string(r, 2, *dir).unwrap();
        sheet.write_number(r, 3, *hours).unwrap();
        sheet
            .write_number_with_format(r, 4, *salary, &money)
            .unwrap();
        sheet.write_string(r, 5, *status).unwrap();
        for (c, d) in [(6, dob), (7, csd)] {
            if let Some((y, m, d)) = d {
                let d = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
            }
        }
        if !pension.is_empty() {
            sheet.write_string(r, 8, *pension).unwrap();
        }
    }
    sheet.write_string(9, 0, "Total").unwrap();
    sheet.write_formula(9, 4, "=SUM(E5:E9)").unwrap();
    workbook.save(fixture("title-rows-merged.xlsx")).unwrap();
}

#[test]
fn a_workbook_with_a_merged_title_excel_dates_and_a_totals_row() {
    for name in [
        "title-rows-merged.xlsx",
        "title-rows-merged.ods",
        "title-rows-merged.xls",
    ] {
        let plan = empty_plan();
        let read = ReadSettings {
            sheet: Some("Establishment".to_owned()),
            ..ReadSettings::default()
        };
        let source = Source::open(&fixture(name)).unwrap();
        assert_eq!(source.sheets, vec!["Notes", "Establishment"], "{name}");
        let (_, checked) = import::import_file(
            &fixture(name),
            &read,
            ImportKind::Establishment,
            &plan,
            &options("Swanage Town Council"),
        )
        .unwrap();
        assert!(checked.can_import(), "{name}: {:#?}", problems(&checked));
        let p = &checked.plan;
        assert_eq!(p.posts.len(), 5, "{name}: the totals row is left out");
        assert_eq!(checked.headings.as_ref().unwrap().row, 2, "{name}");
        // With no sheet named, the establishment is found past the notes sheet.
        let (_, found) = import::import_file(
            &fixture(name),
            &ReadSettings::default(),
            ImportKind::Establishment,
            &plan,
            &options("Swanage Town Council"),
        )
        .unwrap();
        assert_eq!(found.imported, 5, "{name}");
        let head = post(p, "SW-001");
        assert_eq!(head.salary, Money::pounds(61_000), "{name}");
        let h = head.holder.as_ref().unwrap();
        assert_eq!(h.date_of_birth, date(1969, 4, 2), "{name}");
        assert_eq!(h.service_start, date(1992, 9, 1), "{name}");
        assert!(
            (post(p, "SW-002").fte - 0.6).abs() < 1e-9,
            "{name}: 22.2 of 37 hours"
        );
        assert!(
            !post(p, "SW-002").holder.as_ref().unwrap().lgps_member,
            "{name}"
        );
        assert!(post(p, "SW-003").holder.is_none(), "{name}");
        assert_eq!(
            function_name(p, &post(p, "SW-003").function),
            "IT",
            "{name}"
        );
        assert_eq!(
            function_name(p, &post(p, "SW-004").function),
            "HR",
            "{name}"
        );
        assert_eq!(
            function_name(p, &post(p, "SW-005").function),
            "Legal",
            "{name}"
        );
        assert_eq!(function_name(p, &head.function), "Finance", "{name}");
    }
}

#[test]
fn a_target_structure_updates_roles_names_new_ones_and_refuses_a_role_twice() {
    let plan = empty_plan();
    let (_, staff) = import("utf8-bom-hr-headings.csv", &plan, &Options::default());
    let plan = staff.plan;
    let targets = "Function,Role,Target FTE,Target salary,Pay rule\r\n\
                   Human Resources,HR Advisor,1,,average\r\n\
                   Legal,Paralegal,2,\"£26,000\",\r\n\
                   HR,Head of HR,1,\"£75,000\",\r\n";
    let check = |text: &str| {
        let source = Source::from_bytes("targets.csv", text.as_bytes().to_vec()).unwrap();
        let grid = source
            .grid(&ReadSettings::default(), &Progress::default())
            .unwrap();
        import::check_targets(&grid, &plan, &Options::default(), &Progress::default())
    };
    let checked = check(targets);
    assert!(checked.can_import(), "{:#?}", problems(&checked));
    let advisor = checked
        .plan
        .roles
        .iter()
        .find(|r| r.title == "HR Advisor")
        .unwrap();
    assert!((advisor.target_fte - 1.0).abs() < 1e-12);
    assert_eq!(
        advisor.pay,
        merger_planner::model::TargetPay::HarmoniseAverage
    );
    let changes: Vec<String> = checked.changes.iter().map(ToString::to_string).collect();
    assert!(
        changes.contains(
            &"HR: role HR Advisor changed: target FTE 1.6 to 1; pay today to average".to_owned()
        ),
        "{changes:#?}"
    );
    assert!(
        changes.contains(&"Legal: role Paralegal added".to_owned()),
        "{changes:#?}"
    );
    // A new role without a salary, and a role given twice, are each named with their row.
    let bad =
        check("Function,Role,Target FTE\nLegal,Court clerk,1\nHR,HR Advisor,1\nHR,HR advisor,2\n");
    let text = problems(&bad);
    assert!(
        text.iter()
            .any(|t| t.starts_with("row 2, column 'Target salary': 'Court clerk' is a new role")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("row 4, column 'Role': 'HR advisor' is already on row 3")),
        "{text:#?}"
    );
}

#[test]
fn problems_stop_being_listed_at_200_and_are_counted() {
    let mut text = String::from("Post No,Job Title,FTE,Salary\n");
    for i in 0..500 {
        writeln!(text, "P{i},Clerk,2,22000").unwrap();
    }
    let source = Source::from_bytes("bad.csv", text.into_bytes()).unwrap();
    let grid = source
        .grid(&ReadSettings::default(), &Progress::default())
        .unwrap();
    let checked = import::check(
        &grid,
        &empty_plan(),
        &options("Poole"),
        &Progress::default(),
    );
    assert_eq!(checked.problems.total, 500);
    assert_eq!(checked.problems.listed.len(), 200);
    assert_eq!(checked.problems.unlisted(), 300);
    assert_eq!(checked.bad_rows.len(), 500);
    // The first listed is row 2, as the spreadsheet shows it.
    assert!(
        checked.problems.listed[0]
            .to_string()
            .starts_with("row 2, column 'FTE'")
    );
}

#[test]
fn a_stopped_read_reports_nothing_and_leaves_the_plan_alone() {
    let mut text = String::from("Post No,Job Title,FTE,Salary\n");
    for i in 0..20_000 {
        writeln!(text, "P{i},Clerk,1,22000").unwrap();
    }
    let source = Source::from_bytes("big.csv", text.into_bytes()).unwrap();
    let progress = Progress::default();
    progress.cancel();
    let err = source
        .grid(&ReadSettings::default(), &progress)
        .unwrap_err();
    assert!(err.contains("cancelled"), "{err}");
    // The dialog's worker: stopped, it is no longer busy and nothing is applied.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    std::fs::write(&path, &source.bytes).unwrap();
    let plan = empty_plan();
    let mut state =
        merger_planner::ui::import_dialog::ImportState::new(ImportKind::Establishment, path);
    state.step(&plan);
    assert!(state.busy());
    state.cancel_work();
    assert!(!state.busy());
    state.step(&plan);
    assert!(state.checked.is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text, however its quotes and line breaks fall, reads without a panic: rows are
    /// numbered from 1 and only go up, and checking it gives problems, never a crash.
    #[test]
    fn any_text_reads_with_rising_row_numbers(text in "[a-c0-9,;\"\r\n £%/-]{0,300}") {
        let source = Source::from_bytes("any.csv", text.clone().into_bytes()).unwrap();
        if let Ok(grid) = source.grid(&ReadSettings::default(), &Progress::default()) {
            let numbers: Vec<u32> = grid.rows.iter().map(|r| r.number).collect();
            prop_assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
            prop_assert!(numbers.first().is_none_or(|n| *n >= 1));
            let lines = text.matches('\n').count() + text.matches('\r').count() + 1;
            prop_assert!(numbers.last().is_none_or(|n| (*n as usize) <= lines));
            let _ = import::check(&grid, &empty_plan(), &options("Poole"), &Progress::default());
        }
    }
}

/// A town council's own spreadsheet: a title row, abbreviated headings ("Contracted Hrs",
/// "D.O.B.", "Cont. Service Date", "Gender"), part-time hours, two-digit years, Windows-1252
/// pounds and a totals row. Imported into a new plan, its new roles keep today's FTE, so no
/// one is at risk by a rounding of 22.5 hours of 37.
#[test]
fn a_town_councils_abbreviated_spreadsheet_imports_with_no_one_at_risk() {
    let plan = empty_plan();
    let (_, checked) = import(
        "town-council-abbreviated.csv",
        &plan,
        &options("Wareham Town Council"),
    );
    assert!(checked.can_import(), "{:#?}", problems(&checked));
    let p = &checked.plan;
    assert_eq!(p.posts.len(), 6, "the totals row is left out");
    let reception = post(p, "W006");
    assert!((reception.fte - 22.5 / 37.0).abs() < 1e-12);
    let holder = reception.holder.as_ref().unwrap();
    assert_eq!(holder.date_of_birth, date(1958, 2, 19));
    assert_eq!(holder.monitoring.sex.as_deref(), Some("Female"));
    for role in &p.roles {
        let today: f64 = p
            .posts
            .iter()
            .filter(|x| x.role == role.id)
            .map(|x| x.fte)
            .sum();
        assert!(
            role.target_fte >= today,
            "{}: {} < {today}",
            role.title,
            role.target_fte
        );
        assert!(role.target_fte - today < 1e-6, "{}", role.title);
    }
    let o = merger_planner::engine::evaluate_base(p);
    assert!(o.people.is_empty(), "no one at risk: {:?}", o.people.len());
}

/// A column of many different values taken for sex (here the post ids) is noted as likely the
/// wrong column; a real one (the town council's F, M and Female) is not.
#[test]
fn a_monitoring_column_with_many_values_is_noted_as_likely_the_wrong_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ids-as-gender.csv");
    let mut text = String::from("Post Ref,Job Title,Service,FTE,Salary,DOB,CSD,Gender\n");
    for i in 0..12 {
        std::fmt::Write::write_fmt(
            &mut text,
            format_args!("P{i},Accountant,Finance,1,30000,14/03/1970,13/09/2000,P{i}\n"),
        )
        .unwrap();
    }
    std::fs::write(&path, text).unwrap();
    let plan = empty_plan();
    let (_, checked) = import::import_file(
        &path,
        &ReadSettings::default(),
        ImportKind::Establishment,
        &plan,
        &options("Ashby District Council"),
    )
    .unwrap();
    assert!(
        checked
            .notes
            .iter()
            .any(|n| n.starts_with("Sex has 12 different values")),
        "{:?} {:#?}",
        checked.notes,
        problems(&checked)
    );
    let (_, real) = import(
        "town-council-abbreviated.csv",
        &plan,
        &options("Wareham Town Council"),
    );
    assert!(!real.notes.iter().any(|n| n.contains("different values")));
}

/// Workbooks built to hurt, each made here: an archive of a few megabytes at most that says it
/// unpacks to gigabytes, one whose part holds far more than it says, ten million shared
/// strings, ten million empty cells, and an .ods whose repeats lay out a billion cells. Each is
/// refused, naming its limit, by the command line's import under a memory limit, within seconds
/// (a debug build; well under a second in release).
mod bombs {
    use std::io::Write as _;
    use std::time::{Duration, Instant};

    fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for (name, bytes) in parts {
            w.start_file(*name, options).expect("a part starts");
            w.write_all(bytes).expect("a part is written");
        }
        w.finish().expect("the archive ends").into_inner()
    }

    /// Sets every part's declared unpacked size, in its local header and the central directory,
    /// as a hand-made archive can.
    fn declare(bytes: &mut [u8], size: u32) {
        for i in 0..bytes.len().saturating_sub(30) {
            match bytes[i..i + 4] {
                [0x50, 0x4b, 0x03, 0x04] => {
                    bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
                }
                [0x50, 0x4b, 0x01, 0x02] => {
                    bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
                }
                _ => {}
            }
        }
    }

    const SHEET_START: &str = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">"#;
    const SHEET_END: &str = "</row></sheetData></worksheet>";

    fn sheet(cells: &str) -> Vec<u8> {
        format!("{SHEET_START}{cells}{SHEET_END}").into_bytes()
    }

    /// Imports `bytes` as `name` through the command line, with at most 1 GB of address space:
    /// it must fail, within `seconds`, saying `expect`.
    fn refused(name: &str, bytes: &[u8], expect: &str) {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).expect("written");
        let out = dir.path().join("plan.ron");
        let started = Instant::now();
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1048576 2>/dev/null; exec \"$@\"")
            .arg("sh")
            .arg(env!("CARGO_BIN_EXE_merger-planner"))
            .args(["import"])
            .arg(&file)
            .arg("--council")
            .arg("Northshire")
            .arg("--out")
            .arg(&out)
            .output()
            .expect("the binary runs");
        let took = started.elapsed();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(expect), "{name}: {err}");
        assert!(!out.exists(), "{name}: no plan written");
        assert!(
            took < Duration::from_secs(10),
            "{name}: refused after {took:?}"
        );
        eprintln!("{name}: refused in {took:?}");
    }

    #[test]
    fn an_archive_that_says_it_unpacks_to_gigabytes_is_refused_before_unpacking() {
        let mut cell = SHEET_START.as_bytes().to_vec();
        cell.extend(b"<c t=\"inlineStr\"><is><t>");
        cell.extend(std::iter::repeat_n(b'a', 1 << 20));
        let mut bytes = zip(&[("xl/worksheets/sheet1.xml", &cell)]);
        declare(&mut bytes, 2_147_483_647);
        refused("two-gigabytes.xlsx", &bytes, "more than 320 MB");
    }

    #[test]
    fn a_part_holding_more_than_it_says_is_refused_at_the_first_byte_past_it() {
        let mut cell = SHEET_START.as_bytes().to_vec();
        cell.extend(b"<c t=\"inlineStr\"><is><t>");
        cell.extend(std::iter::repeat_n(b'a', 50 << 20));
        let mut bytes = zip(&[("xl/worksheets/sheet1.xml", &cell)]);
        declare(&mut bytes, 1_000);
        refused(
            "liar.xlsx",
            &bytes,
            "holds more than the 1000 bytes it declares",
        );
    }

    #[test]
    fn ten_million_shared_strings_are_refused() {
        let strings = format!("<sst>{}</sst>", "<si/>".repeat(10_000_001));
        let bytes = zip(&[
            ("xl/sharedStrings.xml", strings.as_bytes()),
            ("xl/worksheets/sheet1.xml", &sheet("")),
        ]);
        refused("strings.xlsx", &bytes, "different texts");
    }

    #[test]
    fn ten_million_empty_cells_are_refused() {
        let bytes = zip(&[(
            "xl/worksheets/sheet1.xml",
            &sheet(&"<c/>".repeat(10_000_001)),
        )]);
        refused("empty-cells.xlsx", &bytes, "cells");
    }

    #[test]
    fn an_old_style_xls_past_its_limit_is_refused_before_it_is_read() {
        // An OLE compound file's signature, then 60 MB: more than any .xls establishment.
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.resize(60 << 20, 0);
        refused(
            "huge.xls",
            &bytes,
            "more than the 48 MB an old-style .xls establishment can be",
        );
    }

    #[test]
    fn an_ods_whose_repeats_lay_out_a_billion_cells_is_refused() {
        let content = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="Posts"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
        let bytes = zip(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
            ),
            ("content.xml", content.as_bytes()),
        ]);
        refused("repeats.ods", &bytes, "cells");
    }
}

#[test]
fn a_title_row_that_names_the_council_is_read_as_its_name() {
    use merger_planner::import::establishment::council_in_title;
    let row = |number: u32, cells: &[&str]| Row {
        number,
        cells: cells.iter().map(|c| Cell::Text((*c).to_owned())).collect(),
    };
    let named = |cells: &[&str]| council_in_title(&[row(1, cells)]).map(|(_, name)| name);
    let northam = Some("Northam District Council".to_owned());
    assert_eq!(
        named(&["Northam District Council - Establishment"]),
        northam
    );
    assert_eq!(
        named(&["Northam District Council Establishment 2024"]),
        northam
    );
    assert_eq!(named(&["Establishment: Northam District Council"]), northam);
    assert_eq!(
        named(&["Staff establishment for Northam District Council (as at 31 March 2026)"]),
        northam
    );
    assert_eq!(
        named(&["", "Northam District Council", "31/03/2026"]),
        northam
    );
    assert_eq!(
        named(&["London Borough of Northam \u{2013} posts at 1 April"]),
        Some("London Borough of Northam".to_owned())
    );
    // Small words inside a name stay in it, before the council word and after "of".
    assert_eq!(
        named(&["Isle of Anglesey County Council \u{2013} Establishment 2025/26"]),
        Some("Isle of Anglesey County Council".to_owned())
    );
    assert_eq!(
        named(&["Royal Borough of Kingston upon Thames: staff list"]),
        Some("Royal Borough of Kingston upon Thames".to_owned())
    );
    assert_eq!(
        named(&["Establishment of Northam District Council"]),
        northam
    );
    // A title that names no council, or only the word, offers nothing.
    assert_eq!(named(&["Establishment report, March 2026"]), None);
    assert_eq!(named(&["Council establishment"]), None);
    assert_eq!(named(&["council"]), None);
    // The first row that names one, with its number.
    assert_eq!(
        council_in_title(&[row(1, &["HR extract"]), row(2, &["Wareham Town Council"])]),
        Some((2, "Wareham Town Council".to_owned()))
    );
}
