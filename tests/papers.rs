//! The figures leaving the app for board papers: the Excel workbook read back with calamine, and
//! the CSV files, against the JSON report to the penny.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use merger_planner::engine;
use merger_planner::example;
use merger_planner::export::workbook;
use merger_planner::figures::report;
use merger_planner::figures::tables::{self, Options};
use merger_planner::model::{Plan, Scenario};
use serde_json::Value;

const SHEETS: [&str; 12] = [
    "Summary",
    "By function",
    "By council",
    "By role",
    "By financial year",
    "Waterfall",
    "Pools",
    "Timetable",
    "One-off costs",
    "Equality impact",
    "Scenarios",
    "Assumptions",
];

fn base() -> Scenario {
    Scenario {
        name: Scenario::BASE.to_owned(),
        ..Scenario::default()
    }
}

/// The workbook written to a file in a folder of its own.
fn written(plan: &Plan, options: Options) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("papers.xlsx");
    workbook::write(&path, plan, &base(), options).expect("written");
    (dir, path)
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut book = open_workbook_auto(path).expect("the workbook opens");
    book.worksheet_range(name).expect("the sheet")
}

/// The number in a cell (money in pounds, FTE, counts).
fn number(range: &calamine::Range<Data>, row: usize, col: usize) -> f64 {
    match range.get((row, col)) {
        Some(Data::Float(x)) => *x,
        Some(Data::Int(n)) => *n as f64,
        other => panic!("no number at row {row}, column {col}: {other:?}"),
    }
}

/// The row whose first cell says `label`.
fn row_of(range: &calamine::Range<Data>, label: &str) -> usize {
    (0..range.height())
        .find(|&r| matches!(range.get((r, 0)), Some(Data::String(s)) if s == label))
        .unwrap_or_else(|| panic!("no row {label}"))
}

fn pounds(v: &Value) -> f64 {
    v.as_f64().expect("pounds")
}

/// Equal to the penny.
fn same_money(a: f64, b: f64, what: &str) {
    assert!(
        ((a - b) * 100.0).round() == 0.0,
        "{what}: workbook {a}, report {b}"
    );
}

#[test]
fn the_workbook_has_every_sheet_and_the_json_reports_figures_to_the_penny() {
    let plan = example::bournemouth_poole();
    let json = report::json(&plan, &engine::evaluate(&plan, &base()));
    let (_dir, path) = written(&plan, Options::default());
    let book = open_workbook_auto(&path).expect("opens");
    assert_eq!(book.sheet_names(), SHEETS.map(str::to_owned).to_vec());

    let summary = sheet(&path, "Summary");
    let totals = &json["totals"];
    for (label, key) in [
        ("Cost today, a year", "baseline_cost"),
        ("Target cost, a year", "target_cost"),
        ("Recurring saving, a year", "recurring_saving"),
        ("One-off cost", "one_off_cost"),
    ] {
        same_money(
            number(&summary, row_of(&summary, label), 1),
            pounds(&totals[key]),
            label,
        );
    }
    assert!(
        matches!(
            summary.get((row_of(&summary, "Go-live"), 1)),
            Some(Data::DateTime(_))
        ),
        "dates are dates"
    );

    let functions = sheet(&path, "By function");
    for (i, f) in json["by_function"].as_array().unwrap().iter().enumerate() {
        assert_eq!(
            functions.get((i + 1, 0)),
            Some(&Data::String(f["function"].as_str().unwrap().to_owned()))
        );
        same_money(
            number(&functions, i + 1, 11),
            pounds(&f["recurring_saving"]),
            "function saving",
        );
        same_money(
            number(&functions, i + 1, 9),
            pounds(&f["baseline_cost"]),
            "function cost",
        );
    }
    let total = row_of(&functions, "Total");
    same_money(
        number(&functions, total, 11),
        pounds(&totals["recurring_saving"]),
        "total saving",
    );

    let councils = sheet(&path, "By council");
    for (i, c) in json["by_council"].as_array().unwrap().iter().enumerate() {
        same_money(
            number(&councils, i + 1, 5),
            pounds(&c["recurring_saving"]),
            "council saving",
        );
        same_money(
            number(&councils, i + 1, 6),
            pounds(&c["one_off_cost"]),
            "council one-off",
        );
        assert_eq!(
            number(&councils, i + 1, 7) as u64,
            c["proposed_redundancies"].as_u64().unwrap()
        );
    }

    let years = sheet(&path, "By financial year");
    for (k, y) in json["by_financial_year"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        assert_eq!(
            years.get((0, k + 1)),
            Some(&Data::String(y["year"].as_str().unwrap().to_owned()))
        );
        same_money(
            number(&years, 1, k + 1),
            pounds(&y["saving"]),
            "year saving",
        );
        same_money(
            number(&years, 2, k + 1),
            pounds(&y["one_off_cost"]),
            "year one-off",
        );
        same_money(
            number(&years, 4, k + 1),
            pounds(&y["cumulative_net"]),
            "cumulative net",
        );
        for c in y["by_council"].as_array().unwrap() {
            let short = plan
                .councils
                .iter()
                .find(|x| x.name == c["council"].as_str().unwrap())
                .unwrap()
                .short_name
                .clone();
            let row = row_of(&years, &format!("{short}: saving"));
            same_money(
                number(&years, row, k + 1),
                pounds(&c["saving"]),
                "council year saving",
            );
            let row = row_of(&years, &format!("{short}: one-off cost"));
            same_money(
                number(&years, row, k + 1),
                pounds(&c["one_off_cost"]),
                "council year one-off",
            );
        }
    }
    // Each council's years add up to its one-off share, in the JSON as in the sheet.
    for (c, council) in json["by_council"].as_array().unwrap().iter().enumerate() {
        let years: f64 = json["by_financial_year"]
            .as_array()
            .unwrap()
            .iter()
            .map(|y| pounds(&y["by_council"][c]["one_off_cost"]))
            .sum();
        same_money(
            years,
            pounds(&council["one_off_cost"]),
            "council one-off by years",
        );
    }

    let waterfall = sheet(&path, "Waterfall");
    same_money(
        number(&waterfall, row_of(&waterfall, "Target cost"), 1),
        pounds(&json["waterfall"]["target"]),
        "waterfall target",
    );
    let one_off = sheet(&path, "One-off costs");
    same_money(
        number(&one_off, row_of(&one_off, "Total"), 1),
        pounds(&totals["one_off_cost"]),
        "one-off total",
    );
    let scenarios = sheet(&path, "Scenarios");
    assert_eq!(scenarios.height(), 1 + plan.scenario_names().len());
}

#[test]
fn the_timetable_sheet_counts_within_90_days_as_the_json_does() {
    let plan = example::bournemouth_poole();
    let json = report::json(&plan, &engine::evaluate(&plan, &base()));
    let (_dir, path) = written(&plan, Options::default());
    // The number that decides each council's consultation, beside its own.
    let timetable = sheet(&path, "Timetable");
    let counted = (0..timetable.width())
        .find(|&col| {
            timetable.get((0, col)) == Some(&Data::String("Counted within 90 days".to_owned()))
        })
        .expect("the column");
    for (i, c) in json["by_council"].as_array().unwrap().iter().enumerate() {
        assert_eq!(
            number(&timetable, i + 1, counted) as u64,
            c["counted_for_consultation"].as_u64().unwrap()
        );
    }
}

#[test]
fn totals_are_sum_formulas_that_agree_with_the_rows() {
    let plan = example::bournemouth_poole();
    let (_dir, path) = written(&plan, Options::default());
    let mut book = open_workbook_auto(&path).expect("opens");
    let formulas = book.worksheet_formula("By function").expect("formulas");
    let values = sheet(&path, "By function");
    let total = row_of(&values, "Total");
    let rows = total - 1;
    assert_eq!(
        formulas.get_value((total as u32, 11)).map(String::as_str),
        Some(format!("SUM(L2:L{})", rows + 1).as_str())
    );
    let sum: f64 = (1..total).map(|r| number(&values, r, 11)).sum();
    same_money(
        sum,
        number(&values, total, 11),
        "the rows add up to the total",
    );
    let years = book
        .worksheet_formula("By financial year")
        .expect("formulas");
    assert!(
        years
            .get_value((1, years.end().map_or(0, |e| e.1)))
            .is_some_and(|f| f.starts_with("SUM(B2:")),
        "each year row is summed across"
    );
}

#[test]
fn the_workbook_holds_native_charts() {
    let plan = example::bournemouth_poole();
    let bytes = workbook::to_bytes(&plan, &base(), Options::default()).expect("bytes");
    // File names in a zip archive are stored as they are.
    let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    for n in 1..=4 {
        assert!(has(&format!("xl/charts/chart{n}.xml")), "chart {n}");
    }
    assert!(!has("xl/media/"), "no pictures");
}

/// Anonymised, a sheet with hidden figures has no chart (it would draw them as gaps) and says
/// why; a sheet with none keeps its chart.
#[test]
fn an_anonymised_sheet_with_hidden_figures_has_no_chart() {
    let plan = example::bournemouth_poole();
    let options = Options {
        anonymised: true,
        leavers: false,
        comments: false,
    };
    let all = tables::all_with(&plan, &base(), options, None);
    let hidden = |key: &str| {
        all.iter()
            .find(|t| t.key == key)
            .unwrap()
            .rows
            .iter()
            .flatten()
            .any(|c| matches!(c, tables::Cell::Suppressed | tables::Cell::Withheld))
    };
    assert!(hidden("by-function") && !hidden("by-financial-year"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("anon.xlsx");
    workbook::write_tables(&path, &plan, &all).unwrap();
    let by_function = sheet(&path, "By function");
    let said = by_function.used_cells().any(|(_, _, d)| {
        matches!(d, Data::String(s) if s.starts_with("No chart: some of the figures it would draw are hidden"))
    });
    assert!(said, "the sheet says why it has no chart");
    let years = sheet(&path, "By financial year");
    assert!(
        !years
            .used_cells()
            .any(|(_, _, d)| matches!(d, Data::String(s) if s.starts_with("No chart"))),
        "nothing hidden: the chart stays"
    );
    // Fewer charts than the named workbook's, but some.
    let bytes = std::fs::read(&path).unwrap();
    let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    assert!(has("xl/charts/chart1.xml"));
}

#[test]
fn the_anonymised_workbook_holds_no_post_id_date_of_birth_or_small_count() {
    let plan = example::bournemouth_poole();
    let (_dir, path) = written(
        &plan,
        Options {
            anonymised: true,
            leavers: true,
            comments: false,
        },
    );
    let mut book = open_workbook_auto(&path).expect("opens");
    assert_eq!(book.sheet_names().len(), SHEETS.len(), "no leavers");
    let ids: std::collections::HashSet<&str> = plan.posts.iter().map(|p| p.id.as_str()).collect();
    let births: std::collections::HashSet<String> = plan
        .posts
        .iter()
        .filter_map(|p| p.holder.as_ref())
        .map(|h| h.date_of_birth.to_string())
        .collect();
    let mut suppressed = 0;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        for cell in range.used_cells() {
            if let (_, _, Data::String(s)) = cell {
                assert!(!ids.contains(s.as_str()), "{name}: post id {s}");
                assert!(!births.contains(s), "{name}: a date of birth");
                suppressed += usize::from(s == tables::SUPPRESSED);
            }
        }
    }
    assert!(suppressed > 0, "the single-post roles' pay is hidden");
    let roles = sheet(&path, "By role");
    let head = row_of(&roles, "Head of finance");
    // A sum of money about fewer than 5 people says "not shown" (docs/disclosure.md).
    assert_eq!(
        roles.get((head, 11)),
        Some(&Data::String(tables::WITHHELD.to_owned())),
        "one person's pay is not shown"
    );
    // People proposed for redundancy: five or more, or hidden.
    let councils = sheet(&path, "By council");
    for r in 1..=plan.councils.len() {
        match councils.get((r, 7)) {
            Some(Data::Float(n)) => assert!(*n >= 5.0, "{n}"),
            Some(Data::String(s)) => assert!(s == tables::SUPPRESSED || s == tables::WITHHELD),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_leavers_sheet_is_marked_and_adds_up() {
    let plan = example::bournemouth_poole();
    let json = report::json(&plan, &engine::evaluate(&plan, &base()));
    let (_dir, path) = written(
        &plan,
        Options {
            anonymised: false,
            leavers: true,
            comments: false,
        },
    );
    let leavers = sheet(&path, "Leavers");
    let total = row_of(&leavers, "Total");
    assert_eq!(total - 1, json["leavers"].as_array().unwrap().len());
    let sum: f64 = json["leavers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| pounds(&l["total"]))
        .sum();
    same_money(number(&leavers, total, 14), sum, "leavers' total");
    let marked = leavers
        .used_cells()
        .any(|(_, _, c)| matches!(c, Data::String(s) if s.starts_with("OFFICIAL-SENSITIVE")));
    assert!(marked, "marked OFFICIAL-SENSITIVE");
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_merger-planner"))
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn export_writes_the_workbook_and_csv_files_and_replaces_only_with_force() {
    let dir = tempfile::tempdir().expect("a folder");
    let plan_path = dir.path().join("plan.ron");
    let mut plan = example::bournemouth_poole();
    // A name a spreadsheet would run as a formula.
    plan.name = "=HYPERLINK(\"http://x\")".to_owned();
    merger_planner::persist::plan_file::save(&plan_path, &plan).expect("saved");
    let xlsx = dir.path().join("out.xlsx");
    let csv = dir.path().join("tables");
    let o = cli(&[
        "export",
        plan_path.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let printed = String::from_utf8_lossy(&o.stdout);
    assert_eq!(printed.lines().count(), 1 + SHEETS.len(), "{printed}");
    assert!(xlsx.exists());
    let summary = std::fs::read_to_string(csv.join("01-summary.csv")).expect("summary");
    assert!(
        summary.contains("Plan,\"'=HYPERLINK(\"\"http://x\"\")\""),
        "escaped: {summary}"
    );
    let waterfall = std::fs::read_to_string(csv.join("06-waterfall.csv")).expect("waterfall");
    assert!(
        waterfall.lines().any(|l| l.starts_with("New posts,-")),
        "a cost is a negative number, not escaped text: {waterfall}"
    );
    // Again without --force: refused, nothing changed.
    let again = cli(&[
        "export",
        plan_path.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    // Nothing asked for is a usage error.
    assert_eq!(
        cli(&["export", plan_path.to_str().unwrap()]).status.code(),
        Some(2)
    );
}

#[test]
fn every_council_year_adds_up_to_the_year() {
    let plan = example::bournemouth_poole();
    let o = engine::evaluate(&plan, &base());
    let parts: Vec<_> = o.councils.iter().map(|c| c.years.clone()).collect();
    for (k, y) in o.years.iter().enumerate() {
        let saving: i64 = parts.iter().map(|c| c[k].saving.pence()).sum();
        let one_off: i64 = parts.iter().map(|c| c[k].one_off_cost.pence()).sum();
        assert_eq!(saving, y.saving.pence(), "{}", y.year);
        assert_eq!(one_off, y.one_off_cost.pence(), "{}", y.year);
    }
    // Bournemouth and Poole share costs and savings 50:50: each takes half of every year (their
    // full-year savings, the weights, differ by the 3p that rounding each to the penny leaves).
    for (k, y) in o.years.iter().enumerate() {
        let twice = 2 * parts[0][k].saving.pence();
        assert!((twice - y.saving.pence()).abs() <= 10, "{}", y.year);
    }
    let csv = tables::all(&plan, &base(), Options::default());
    assert_eq!(csv.len(), SHEETS.len());
}

/// The text of a .docx as docx-rs reads it back (its JSON holds every run's text).
fn docx_text(bytes: &[u8]) -> String {
    docx_rs::read_docx(bytes).expect("a .docx").json()
}

#[test]
fn the_consultation_drafts_hold_each_councils_figures() {
    use merger_planner::export::drafts;
    let plan = example::bournemouth_poole();
    let o = engine::evaluate(&plan, &base());
    let all = drafts::drafts(&plan, &base(), false);
    let owing = o
        .councils
        .iter()
        .filter(|c| c.timetable.consultation_days > 0)
        .count();
    assert_eq!(owing, 2, "both councils propose 20 or more");
    assert_eq!(all.len(), 2 * owing);
    for (c, council) in o.councils.iter().enumerate() {
        let by_role: u32 = council.proposed_by_role.iter().map(|&(_, n)| n).sum();
        assert_eq!(by_role, council.proposed_redundancies, "the roles add up");
        let employed = plan
            .posts
            .iter()
            .filter(|p| p.council == plan.councils[c].id && p.holder.is_some())
            .count();
        let short = council.short_name.to_lowercase();
        for name in [
            format!("hr1-{short}.docx"),
            format!("s188-letter-{short}.docx"),
        ] {
            let draft = all.iter().find(|d| d.file_name == name).expect("the draft");
            let text = docx_text(&drafts::to_docx(&plan, draft).expect("written"));
            for figure in [
                council.proposed_redundancies.to_string(),
                employed.to_string(),
            ] {
                assert!(text.contains(&format!("\"{figure}\"")), "{name}: {figure}");
            }
            assert!(text.contains(&council.name), "{name}");
            assert!(
                text.contains("2 October 2017"),
                "{name}: consultation began"
            );
            assert!(text.contains("UNISON, GMB, Unite"), "{name}: the unions");
            assert!(text.contains("OFFICIAL-SENSITIVE"), "{name}: marked");
        }
        let hr1 = all
            .iter()
            .find(|d| d.file_name == format!("hr1-{short}.docx"))
            .expect("HR1");
        let last = council.timetable.last_exit.expect("dismissals");
        let hr1_text = docx_text(&drafts::to_docx(&plan, hr1).expect("written"));
        assert!(hr1_text.contains(&last.strftime("%-d %B %Y").to_string()));
    }
}

/// Each of the two duties in the HR1 draft has its own sentence and its own date, and a letter
/// whose dismissals all fall on one day says that day.
#[test]
fn the_hr1_gives_one_deadline_per_duty_and_the_letter_one_date_for_one_day() {
    use merger_planner::export::drafts::{self, Block};
    use merger_planner::model::{Money, Post, Postholder, TargetPay};
    // Twenty-five clerks at Bournemouth, all going on go-live (1 April 2018): their notice ends
    // before it.
    let mut plan = example::bournemouth_poole();
    let council = plan.councils[0].id.clone();
    let role = plan.roles[0].clone();
    plan.roles = vec![merger_planner::model::Role {
        target_fte: 0.0,
        pay: TargetPay::Salary(Money::pounds(25_000)),
        ..role
    }];
    plan.posts = (0..25)
        .map(|i| Post {
            id: format!("C{i}"),
            council: council.clone(),
            function: plan.roles[0].function.clone(),
            role: plan.roles[0].id.clone(),
            title: "Clerk".to_owned(),
            grade: String::new(),
            fte: 1.0,
            salary: Money::pounds(25_000),
            holder: Some(Postholder {
                date_of_birth: jiff::civil::date(1980, 1, 1),
                service_start: jiff::civil::date(2010, 1, 1),
                lgps_member: true,
                notice_weeks: 0,
                vr_interest: false,
                critical: false,
                strain_quote: None,
                monitoring: merger_planner::model::Monitoring::default(),
            }),
            unnamed: false,
            group: None,
            pay_range: None,
        })
        .collect();
    let o = engine::evaluate(&plan, &base());
    let t = &o.councils[0].timetable;
    assert_eq!((t.proposed, t.consultation_days), (25, 30));
    assert_eq!(t.first_exit, t.last_exit);
    let all = drafts::drafts(&plan, &base(), false);
    let paras = |name: &str| -> Vec<String> {
        all.iter()
            .find(|d| d.file_name.starts_with(name))
            .expect("the draft")
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) | Block::Field(_, p) => Some(p.clone()),
                _ => None,
            })
            .collect()
    };
    let hr1 = paras("hr1-");
    let day = |d: jiff::civil::Date| d.strftime("%-d %B %Y").to_string();
    // The HR1's own deadline: before any notice and 30 days before the first dismissal.
    let deadline = hr1
        .iter()
        .find(|p| p.starts_with("Deadline for this form"))
        .expect("the deadline");
    assert!(deadline.contains(&day(t.hr1_by)), "{deadline}");
    assert!(!deadline.contains("consultation"), "{deadline}");
    // Consultation's own: its length, what decides it and when it begins.
    let owed = hr1
        .iter()
        .find(|p| p.starts_with("30 days, for 25 redundancies"))
        .expect("the consultation owed");
    assert!(owed.contains(&day(t.consultation_start)), "{owed}");
    assert!(!owed.contains(&day(t.hr1_by)), "{owed}");
    // The letter: every dismissal on one day, said once.
    let letter = paras("s188-letter-").join("\n");
    let one_day = format!("take effect on {}", day(t.last_exit.expect("dismissals")));
    assert!(letter.contains(&one_day), "{letter}");
    assert!(!letter.contains("between"), "{letter}");
}

#[test]
fn export_letters_writes_the_drafts_or_says_none_are_owed() {
    let dir = tempfile::tempdir().expect("a folder");
    let plan_path = dir.path().join("plan.ron");
    merger_planner::persist::plan_file::save(&plan_path, &example::bournemouth_poole())
        .expect("saved");
    let letters = dir.path().join("letters");
    let o = cli(&[
        "export",
        plan_path.to_str().unwrap(),
        "--letters",
        letters.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut names: Vec<_> = std::fs::read_dir(&letters)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "hr1-bournemouth.docx",
            "hr1-poole.docx",
            "s188-letter-bournemouth.docx",
            "s188-letter-poole.docx"
        ]
    );
    // Targets above today's: nobody is proposed for redundancy, nobody owes consultation.
    let small = dir.path().join("small.ron");
    let mut plan = example::bournemouth_poole();
    for role in &mut plan.roles {
        role.target_fte = 1000.0;
    }
    merger_planner::persist::plan_file::save(&small, &plan).expect("saved");
    let none = dir.path().join("none");
    let o = cli(&[
        "export",
        small.to_str().unwrap(),
        "--letters",
        none.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no council owes collective consultation"));
    assert_eq!(std::fs::read_dir(&none).unwrap().count(), 0);
}

#[test]
fn anonymised_drafts_show_no_group_under_five() {
    use merger_planner::export::drafts::{self, Block};
    let plan = example::bournemouth_poole();
    let mut hidden = 0;
    for draft in drafts::drafts(&plan, &base(), true) {
        for block in &draft.blocks {
            let Block::Table(_, rows) = block else {
                continue;
            };
            for row in rows {
                for cell in &row[1..] {
                    if cell == tables::SUPPRESSED || cell == tables::WITHHELD {
                        hidden += 1;
                    } else {
                        let n: u32 = cell.replace(',', "").parse().expect("a count");
                        assert!(n >= 5, "{}: {row:?}", draft.file_name);
                    }
                }
            }
        }
    }
    assert!(hidden > 0, "the small roles are hidden");
}

#[test]
fn a_scenario_without_compulsory_redundancy_says_so_in_the_letter() {
    use merger_planner::export::drafts::{self, Block};
    let plan = example::bournemouth_poole();
    let says = |scenario: &Scenario| {
        drafts::drafts(&plan, scenario, false).iter().all(|d| {
            d.blocks.iter().any(|b| {
                matches!(b, Block::Para(t) | Block::Field(_, t) if t.contains("No compulsory redundancy is proposed"))
            })
        })
    };
    assert!(
        says(&plan.scenario("VR only").unwrap()),
        "the scenario's own rule"
    );
    assert!(!says(&base()), "the base allows it");
}

#[test]
fn an_hr1_for_a_plan_in_waves_says_what_each_wave_proposes() {
    use merger_planner::export::drafts::{self, Block};
    let mut plan = example::bournemouth_poole();
    let later = jiff::civil::date(2018, 10, 1);
    for f in plan
        .functions
        .iter_mut()
        .filter(|f| f.id == "it" || f.id == "legal")
    {
        f.go_live = Some(later);
    }
    let all = drafts::drafts(&plan, &base(), false);
    let hr1 = all
        .iter()
        .find(|d| d.file_name.starts_with("hr1-"))
        .expect("an HR1");
    let note = hr1
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Para(p) if p.starts_with("The services go live in waves") => Some(p),
            _ => None,
        })
        .expect("the waves are said");
    assert!(
        note.contains("wave 2 (IT and Legal, going live 1 October 2018)"),
        "{note}"
    );
    assert!(note.contains("send an HR1 for each wave"), "{note}");
    // A plan going live at once says nothing of waves.
    let plan = example::bournemouth_poole();
    assert!(drafts::drafts(&plan, &base(), false).iter().all(|d| {
        d.blocks
            .iter()
            .all(|b| !matches!(b, Block::Para(p) if p.contains("go live in waves")))
    }));
}

#[test]
fn the_equality_sheet_never_shows_a_group_under_five() {
    let plan = example::bournemouth_poole();
    let options = Options {
        anonymised: true,
        ..Options::default()
    };
    let (_dir, path) = written(&plan, options);
    let equality = sheet(&path, "Equality impact");
    // Every pool together first: six age bands and everyone, then sex, ethnicity and disability;
    // then each pool with someone at risk.
    let group = |r: usize| match equality.get((r, 2)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    let everyone = (1..equality.height())
        .find(|&r| group(r) == "Everyone")
        .unwrap();
    assert_eq!(everyone, 7);
    // (Rows with a group: the notes under the table are not rows of it.)
    let characteristics: std::collections::BTreeSet<String> = (1..equality.height())
        .filter(|&r| !group(r).is_empty())
        .filter_map(|r| match equality.get((r, 1)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(characteristics.len(), 4, "{characteristics:?}");
    let pools = (1..equality.height())
        .filter(|&r| group(r) == "Everyone")
        .count();
    assert!(pools > 8, "{pools}");
    // The workforce and those at risk are counts of people: 5 or more, none, or hidden. Expected
    // leavers are shares of those at risk, decided on those whole people (docs/disclosure.md).
    for row in (1..equality.height()).filter(|&r| !group(r).is_empty()) {
        for col in 3..=5 {
            match equality.get((row, col)) {
                Some(Data::Float(x)) => assert!(
                    col == 5 || *x == 0.0 || *x >= 5.0,
                    "row {row} col {col}: {x}"
                ),
                Some(Data::String(s)) => assert!(
                    !s.chars().any(|c| c.is_ascii_digit()) || s.contains('5'),
                    "{s}"
                ),
                other => panic!("row {row} col {col}: {other:?}"),
            }
        }
    }
    // The workforce is everyone in a post in the merging services.
    let filled = plan.posts.iter().filter(|p| p.holder.is_some()).count();
    assert!((number(&equality, everyone, 3) - filled as f64).abs() < 1e-9);
}

/// The Monte Carlo run the papers show is bounded: 2,000 draws up to 6,250 posts, fewer past it
/// (within 12.5 million posts worked out), none past 62,500 posts; the papers say which.
#[test]
fn the_papers_run_fewer_draws_for_a_large_plan_and_none_past_the_limit_saying_so() {
    use merger_planner::engine::risk::paper_draws;
    assert_eq!(paper_draws(639), Some(2_000));
    assert_eq!(paper_draws(6_250), Some(2_000));
    assert_eq!(paper_draws(10_000), Some(1_250));
    assert_eq!(paper_draws(62_500), Some(200));
    assert_eq!(paper_draws(62_501), None);
    // The reorganisation example carries ranges; at 63,000 posts its papers leave the run out.
    let plan = example::reorganisation(3, 63_000, 1);
    let scenario = plan.scenario(Scenario::BASE).expect("base");
    assert!(engine::risk::has_ranges(&plan, &scenario));
    let all = tables::all(&plan, &scenario, Options::default());
    assert!(all.iter().all(|t| t.key != "fan"), "no run");
    let summary = &all[0];
    assert!(
        summary.notes.iter().any(|n| n.contains("a plan of 63,003 posts is too large to run it within an export (papers run it up to 62,500 posts)")),
        "{:?}",
        summary.notes
    );
}

/// `export --no-uncertainty` leaves the run out, and the workbook says it was left out.
#[test]
fn export_can_leave_the_uncertainty_run_out_and_says_so() {
    let dir = tempfile::tempdir().expect("a folder");
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/northshire-reorganisation.ron");
    let xlsx = dir.path().join("papers.xlsx");
    let o = cli(&[
        "export",
        plan.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
        "--no-uncertainty",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut book = open_workbook_auto(&xlsx).expect("the workbook opens");
    let sheets = book.sheet_names();
    assert!(!sheets.iter().any(|n| n.contains("Range")), "{sheets:?}");
    let summary = book.worksheet_range("Summary").expect("a summary");
    let said = summary.used_cells().any(|(_, _, c)| {
        matches!(c, Data::String(s) if s.contains("the Monte Carlo run was left out of these papers when they were exported"))
    });
    assert!(said, "the summary says the run was left out");
}

/// A plan with no councils yet (just made, nothing imported) exports its empty tables and its
/// pack, with no internal chart-range error and no line saying "error" when nothing failed.
#[test]
fn an_empty_plan_exports_its_empty_tables() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("empty.ron");
    let plan = Plan::new(
        "Not started",
        merger_planner::model::Programme {
            consultation_start: jiff::civil::date(2026, 10, 1),
            go_live: jiff::civil::date(2027, 4, 1),
        },
    );
    merger_planner::persist::plan_file::save(&path, &plan).expect("saved");
    let xlsx = dir.path().join("empty.xlsx");
    let pdf = dir.path().join("empty.pdf");
    // No desktop session, as on a server: the off-screen renderer must not print an error.
    let o = Command::new(env!("CARGO_BIN_EXE_merger-planner"))
        .args([
            "export",
            path.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ])
        .args(["--csv", dir.path().join("csv").to_str().unwrap()])
        .args(["--pdf", pdf.to_str().unwrap()])
        .env_remove("XDG_RUNTIME_DIR")
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("error"), "{err}");
    let book = open_workbook_auto(&xlsx).expect("the workbook opens");
    assert!(book.sheet_names().contains(&"Summary".to_owned()));
    assert!(std::fs::read(&pdf).expect("the pack").starts_with(b"%PDF"));
}

#[test]
fn the_screens_leavers_are_the_papers_leavers_in_fewer_columns() {
    use merger_planner::figures::leavers::LeaverColumn;
    let plan = example::bournemouth_poole();
    let o = engine::evaluate_base(&plan);
    let options = Options {
        anonymised: false,
        leavers: true,
        comments: false,
    };
    let paper = tables::all(&plan, &base(), options)
        .into_iter()
        .find(|t| t.key == "leavers")
        .expect("a Leavers table");
    let screen = merger_planner::document::leavers::rows(&plan, &o);
    assert_eq!(screen.len(), paper.rows.len());
    assert!(!screen.is_empty());
    for (i, column) in LeaverColumn::ON_SCREEN.iter().enumerate() {
        let at = paper
            .headings
            .iter()
            .position(|h| h == column.heading())
            .unwrap_or_else(|| panic!("{} is not a heading of the paper", column.heading()));
        for (row, person) in paper.rows.iter().zip(&screen) {
            assert_eq!(row[at], person.cells[i], "{}", column.heading());
        }
    }
    // A column sorts by value: dates by date, not as the words read ("12 March" after "1 April").
    let exit = LeaverColumn::ON_SCREEN
        .iter()
        .position(|&c| c == LeaverColumn::ExitDate)
        .unwrap();
    let mut dates: Vec<_> = screen.iter().map(|r| r.cells[exit].clone()).collect();
    dates.sort_by(tables::Cell::order);
    let tables::Cell::Date(first) = dates[0] else {
        panic!("an exit date is a date");
    };
    assert_eq!(Some(first), o.people.iter().map(|p| p.exit_date).min());
}

/// The parts of an .xlsx file, by name.
fn parts(path: &Path) -> std::collections::BTreeMap<String, String> {
    let file = std::fs::File::open(path).expect("the workbook");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).expect("a part");
            let mut text = String::new();
            std::io::Read::read_to_string(&mut part, &mut text).expect("text");
            (part.name().expect("a name").into_owned(), text)
        })
        .collect()
}

/// The value of `attribute` in the first `<element ...>` of `xml`.
fn attribute(xml: &str, element: &str, attribute: &str) -> Option<String> {
    let at = xml.find(&format!("<{element} "))?;
    let tag = &xml[at..at + xml[at..].find('>')?];
    let key = format!(" {attribute}=\"");
    let from = tag.find(&key)? + key.len();
    Some(tag[from..from + tag[from..].find('"')?].to_owned())
}

/// A sheet's columns' widths (Excel's characters), from its `<col>` elements.
fn widths(xml: &str) -> Vec<f64> {
    let mut widths = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<col ") {
        rest = &rest[at + 1..];
        let width: f64 = attribute(&format!("<{rest}"), "col", "width")
            .and_then(|w| w.parse().ok())
            .expect("a width");
        let min: usize = attribute(&format!("<{rest}"), "col", "min")
            .and_then(|w| w.parse().ok())
            .expect("min");
        let max: usize = attribute(&format!("<{rest}"), "col", "max")
            .and_then(|w| w.parse().ok())
            .expect("max");
        widths.extend(std::iter::repeat_n(width, max + 1 - min));
    }
    widths
}

#[test]
fn every_sheet_prints_legibly_on_a4_landscape_and_holds_the_figures_it_shows() {
    // A plan of eight councils, so the tables by council and by financial year are wide.
    for plan in [
        example::bournemouth_poole(),
        example::reorganisation(8, 2_000, 7),
    ] {
        let (_dir, path) = written(&plan, Options::default());
        let parts = parts(&path);
        let book = &parts["xl/workbook.xml"];
        for (i, name) in SHEETS.iter().enumerate() {
            let xml = &parts[&format!("xl/worksheets/sheet{}.xml", i + 1)];
            let setup = |a| attribute(xml, "pageSetup", a);
            assert_eq!(setup("orientation").as_deref(), Some("landscape"), "{name}");
            assert_eq!(setup("paperSize").as_deref(), Some("9"), "{name}: A4");
            // Printed text at 8 pt or more: 11 pt at the scale printing uses. Fitted to the
            // page's width, the scale is the page's width over the sheet's (A4 landscape less
            // 0.7-inch margins, in points; a column of width w is 7w + 5 pixels).
            let width: f64 = widths(xml)
                .iter()
                .map(|w| (w * 7.0 + 5.0).floor() * 0.75)
                .sum();
            let fitted = attribute(xml, "pageSetUpPr", "fitToPage").as_deref() == Some("1");
            let scale = if fitted {
                assert_eq!(
                    setup("fitToHeight").as_deref(),
                    Some("0"),
                    "{name}: as tall as need be"
                );
                (841.9 - 100.8) / width.max(570.0)
            } else {
                setup("scale").map_or(100.0, |s| s.parse().unwrap()) / 100.0
            }
            .min(1.0);
            assert!(
                11.0 * scale >= 8.0,
                "{name} prints at {:.1} pt ({width:.0} points wide)",
                11.0 * scale
            );
            // Headings repeat on every page.
            assert!(
                book.contains(&format!("'{name}'!$1:$1"))
                    || book.contains(&format!("{name}!$1:$1")),
                "{name}: headings on every page"
            );
            // Every number is stored to the places it shows: no 6.300000000000001.
            for value in xml.split("<v>").skip(1) {
                let value = &value[..value.find("</v>").unwrap()];
                let places = value.split_once('.').map_or(0, |(_, p)| p.len());
                assert!(
                    places <= 3,
                    "{name}: {value} is stored with {places} places"
                );
            }
        }
        // Charts sit under their tables, at the first column (the second, when the first prints
        // on every page), where they print with them, not beside a wide table.
        for (part, xml) in &parts {
            if part.starts_with("xl/drawings/drawing") && !part.contains("_rels") {
                let from = &xml[xml.find("<xdr:from>").unwrap()..];
                assert!(
                    from.starts_with("<xdr:from><xdr:col>0</xdr:col>")
                        || from.starts_with("<xdr:from><xdr:col>1</xdr:col>"),
                    "{part}: {from:.60}"
                );
            }
        }
        // One-off costs are drawn below the axis, as the app draws them: the chart's series
        // reads a row that is minus the One-off cost row.
        let years = sheet(&path, "By financial year");
        let cost = row_of(&years, "One-off cost");
        let below = row_of(&years, "For the chart: one-off cost drawn below the axis");
        for c in 1..years.width() - 1 {
            if let (Some(Data::Float(a)), Some(Data::Float(b))) =
                (years.get((cost, c)), years.get((below, c)))
            {
                assert!((a + b).abs() < 0.005, "year {c}: {a} and {b}");
            }
        }
        let chart = parts
            .iter()
            .find(|(p, x)| p.starts_with("xl/charts/") && x.contains("Saving and one-off cost"))
            .map(|(_, x)| x)
            .expect("the chart by year");
        assert!(
            chart.contains(&format!("$B${}:", below + 1)),
            "the one-off series reads row {}",
            below + 1
        );
    }
}

#[test]
fn the_report_written_out_is_the_json_tree_to_the_byte() {
    // The command line writes the leavers straight from the outcome; code that reads the report
    // in the program gets it as a tree. Both are one document, byte for byte, with leavers and
    // without.
    let plan = example::bournemouth_poole();
    let o = engine::evaluate(&plan, &base());
    assert!(o.people.len() > 10, "the example has leavers");
    let streamed = serde_json::to_string_pretty(&report::json_report(&plan, &o)).unwrap();
    let tree = serde_json::to_string_pretty(&report::json(&plan, &o)).unwrap();
    assert_eq!(streamed, tree);
    assert!(streamed.contains("\"leavers\": [\n    {\n      \"class1a_ni\""));

    let mut none = plan.clone();
    for role in &mut none.roles {
        role.target_fte = 10_000.0;
    }
    let o = engine::evaluate(&none, &base());
    assert!(
        o.people.is_empty(),
        "nobody leaves a structure larger than today's"
    );
    let streamed = serde_json::to_string_pretty(&report::json_report(&none, &o)).unwrap();
    assert_eq!(
        streamed,
        serde_json::to_string_pretty(&report::json(&none, &o)).unwrap()
    );
    assert!(streamed.contains("\"leavers\": []"));
}

/// Open comments go into the papers only when asked, resolved ones never, and anonymised papers
/// never carry a comment whatever is asked: comments are about named posts and people.
#[test]
fn open_comments_are_an_appendix_when_asked_and_never_in_anonymised_papers() {
    use merger_planner::model::{Comment, Resolved, Topic};
    let mut plan = example::bournemouth_poole();
    let comment = |id: &str, text: &str, resolved: bool| Comment {
        id: id.to_owned(),
        topic: Topic::Post("BOU-00003".to_owned()),
        author: "Ann Lee".to_owned(),
        written: jiff::Timestamp::from_second(1_800_000_000).expect("a time"),
        text: text.to_owned(),
        replies: Vec::new(),
        resolved: resolved.then(|| Resolved {
            by: "Ann Lee".to_owned(),
            at: jiff::Timestamp::from_second(1_800_000_100).expect("a time"),
        }),
    };
    plan.comments = vec![
        comment("C-1", "Why is this post deleted?", false),
        comment("C-2", "Settled at the last board", true),
    ];
    let with = |anonymised: bool, comments: bool| {
        tables::all_with(
            &plan,
            &base(),
            Options {
                anonymised,
                leavers: false,
                comments,
            },
            None,
        )
    };
    let text = |all: &[tables::Table]| {
        all.iter()
            .map(tables::Table::to_tsv)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let asked = with(false, true);
    let appendix = asked
        .iter()
        .find(|t| t.key == "comments")
        .expect("the appendix");
    assert_eq!(
        appendix.shown_rows(),
        [[
            "post BOU-00003",
            "Why is this post deleted?",
            "Ann Lee",
            "15 January 2027",
            ""
        ]]
    );
    assert!(!text(&with(false, false)).contains("Why is this post"));
    let anonymised = text(&with(true, true));
    assert!(!anonymised.contains("Why is this post") && !anonymised.contains("Ann Lee"));
    let json = serde_json::to_string(&report::json_report(&plan, &engine::evaluate_base(&plan)))
        .expect("JSON");
    assert!(
        !json.contains("Why is this post"),
        "the report is figures, not comments"
    );
}
