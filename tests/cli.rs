//! The headless commands, run as a user runs them: the real binary, its output and exit code.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_merger-planner"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn saves(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

#[test]
fn report_json_has_every_key() {
    let o = run(&[
        "report",
        &saves("bournemouth-poole.ron"),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let totals = [
        "current_fte",
        "target_fte",
        "vacancies_deleted_fte",
        "vr_fte",
        "redeployed_fte",
        "compulsory_fte",
        "new_posts_fte",
        "baseline_cost",
        "target_cost",
        "recurring_saving",
        "one_off_cost",
        "payback_years",
    ];
    for k in totals {
        assert!(v["totals"][k].is_number(), "totals.{k}");
    }
    // Every leaver, one by one: each money column adds up to its one-off total to the penny.
    let leavers = v["leavers"].as_array().expect("leavers[]");
    assert!(!leavers.is_empty());
    for k in [
        "post_id",
        "council",
        "role",
        "kind",
        "fte",
        "exit_date",
        "notice_weeks",
        "statutory_weeks",
        "weekly_pay",
        "weekly_cap",
        "statutory_pay",
        "redundancy_pay",
        "pension_strain",
        "strain_estimated",
        "class1a_ni",
        "pay_protection",
        "total",
    ] {
        assert!(!leavers[0][k].is_null(), "leavers[].{k}");
    }
    let pence = |x: &serde_json::Value| (x.as_f64().unwrap() * 100.0).round() as i64;
    let sum = |k: &str| leavers.iter().map(|l| pence(&l[k])).sum::<i64>();
    for (column, total) in [
        ("redundancy_pay", "redundancy_pay"),
        ("statutory_pay", "statutory_redundancy_pay"),
        ("pension_strain", "pension_strain"),
        ("class1a_ni", "class1a_ni"),
        ("pay_protection", "pay_protection"),
    ] {
        assert_eq!(sum(column), pence(&v["one_off"][total]), "{column}");
    }
    let exits = [
        "redundancy_pay",
        "pension_strain",
        "class1a_ni",
        "pay_protection",
    ]
    .iter()
    .map(|k| pence(&v["one_off"][*k]))
    .sum::<i64>();
    assert_eq!(sum("total"), exits);
    let kinds: std::collections::BTreeSet<&str> = leavers
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains("voluntary") && kinds.contains("compulsory"),
        "{kinds:?}"
    );
    // The split says which method and ratio are used (the example shares costs and savings).
    assert_eq!(v["split"]["method"], "costs_and_savings");
    assert_eq!(v["split"]["ratio"], "equal");
    assert!(v["split"]["description"].is_string());
    for k in [
        "redundancy_pay",
        "pension_strain",
        "class1a_ni",
        "pay_protection",
        "implementation",
    ] {
        assert!(v["one_off"][k].is_number(), "one_off.{k}");
    }
    let has_keys = |list: &str, keys: &[&str]| {
        for k in keys {
            assert!(!v[list][0][k].is_null(), "{list}[].{k}");
        }
    };
    has_keys(
        "by_council",
        &[
            "council",
            "current_fte",
            "baseline_cost",
            "recurring_saving",
            "one_off_cost",
            "proposed_redundancies",
            "consultation_days",
            "latest_consultation_start",
            "meets_go_live",
        ],
    );
    has_keys(
        "by_function",
        &[
            "function",
            "current_fte",
            "target_fte",
            "overlap_fte",
            "vacancies_deleted_fte",
            "vr_fte",
            "redeployed_fte",
            "compulsory_fte",
            "recurring_saving",
        ],
    );
    has_keys(
        "by_role",
        &[
            "role",
            "function",
            "current_fte",
            "target_fte",
            "recurring_saving",
        ],
    );
    let year = &v["by_financial_year"][0];
    assert_eq!(year["year"], "2017/18");
    for k in ["saving", "one_off_cost", "net", "cumulative_net"] {
        assert!(year[k].is_number(), "by_financial_year[].{k}");
    }
    let flags = v["flags"].as_array().expect("flags");
    assert!(
        flags
            .iter()
            .all(|f| f["kind"].is_string() && f["message"].is_string())
    );
    assert_eq!(v["by_function"].as_array().map(Vec::len), Some(5));
    // Money is in pounds to the penny.
    let saving = v["totals"]["recurring_saving"].as_f64().unwrap();
    assert!((saving * 100.0 - (saving * 100.0).round()).abs() < 1e-6);
}

#[test]
fn report_text_reads_like_a_plan() {
    let o = run(&["report", &saves("bournemouth-poole.ron")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for needle in [
        "Bournemouth Borough Council",
        "Borough of Poole",
        "By function",
        "Money by financial year",
        "2018/19",
        "Recurring saving",
        "Flags",
        "Timetable",
        "HR1 by",
    ] {
        assert!(text.contains(needle), "missing {needle}");
    }
}

#[test]
fn report_a_scenario() {
    let o = run(&[
        "report",
        &saves("bournemouth-poole.ron"),
        "--scenario",
        "VR only",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["scenario"], "VR only");
    assert_eq!(v["totals"]["compulsory_fte"], 0.0);
    // Too few volunteer and compulsory redundancy is off: the FTE reached is the target plus
    // what stays above it, and the headline says so rather than claiming the target.
    let t = &v["totals"];
    let over = t["over_target_fte"].as_f64().expect("over target");
    assert!(over > 1.0, "VR only falls short: {t}");
    assert!(
        (t["fte_reached"].as_f64().expect("reached")
            - t["target_fte"].as_f64().expect("target")
            - over)
            .abs()
            < 0.05,
        "{t}"
    );
    let text = stdout(&run(&[
        "report",
        &saves("bournemouth-poole.ron"),
        "--scenario",
        "VR only",
    ]));
    assert!(
        text.contains(&format!(
            "reached {:.1} ({over:.1} FTE short of target",
            t["fte_reached"].as_f64().expect("reached")
        )),
        "{text}"
    );
    let o = run(&[
        "report",
        &saves("bournemouth-poole.ron"),
        "--scenario",
        "Nope",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("VR only"),
        "lists the scenarios: {}",
        stderr(&o)
    );
}

/// Writes a copy of the example plan with one edit, reports it, and returns the folder (kept
/// alive), the file, its text and the command's output.
fn report_edited(file: &str, from: &str, to: &str) -> (tempfile::TempDir, PathBuf, String, Output) {
    let dir = temp();
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(saves("bournemouth-poole.ron"))
        .expect("the example plan")
        .replacen(from, to, 1);
    std::fs::write(&path, &text).expect("a temporary file");
    let output = run(&["report", path.to_str().expect("a UTF-8 path")]);
    (dir, path, text, output)
}

#[test]
fn a_malformed_plan_names_line_and_column() {
    let (_dir, path, text, o) =
        report_edited("broken.ron", "\n      fte: 1.0,", "\n      fte: one,");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("line ") && err.contains("column "), "{err}");
    assert!(err.contains("broken.ron"), "names the file: {err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "the file is untouched"
    );
}

#[test]
fn a_plan_from_a_newer_version_is_refused() {
    use merger_planner::model::FORMAT_VERSION;
    // The saved example's own version (an older one still opens).
    let saved = std::fs::read_to_string(saves("bournemouth-poole.ron")).expect("the example plan");
    let version = saved
        .lines()
        .find_map(|l| l.trim().strip_prefix("format_version: "))
        .expect("a format version")
        .trim_end_matches(',')
        .to_owned();
    let (_dir, _, _, o) = report_edited(
        "new.ron",
        &format!("format_version: {version},"),
        "format_version: 70,",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("format version 70") && err.contains(&format!("up to {FORMAT_VERSION}")),
        "{err}"
    );
}

#[test]
fn an_invalid_plan_is_refused_with_its_problems() {
    let (_dir, _, _, o) = report_edited("invalid.ron", "\n      fte: 1.0,", "\n      fte: -1.0,");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("FTE -1 must be more than 0"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn redundancy_for_one_person() {
    // The exact method for someone leaving the day before their 42nd birthday (tests/rules.rs).
    let o = run(&[
        "redundancy",
        "--exit-date",
        "2025-06-09",
        "--weekly-pay",
        "800",
        "--dob",
        "1983-06-10",
        "--service-start",
        "2015-06-10",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["weeks"], 10.5);
    assert_eq!(v["weekly_pay_used"], 719.0);
    assert_eq!(v["weekly_cap"], 719.0);
    assert_eq!(v["amount"], 7549.5);
    // Ready reckoner: age 41, 10 years: 10 weeks x £700 (cap before 6 April 2025).
    let o = run(&[
        "redundancy",
        "--exit-date",
        "2025-04-05",
        "--weekly-pay",
        "£650.50",
        "--age",
        "41",
        "--years",
        "10",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["weeks"], 10.0);
    assert_eq!(v["weekly_pay_used"], 650.5);
    assert_eq!(v["amount"], 6505.0);
    // Age 61 with 30 years: the 20 counted years are at 60 down to 41, all 1.5 weeks: 30 weeks,
    // at the £751 cap from 6 April 2026: £22,530, the statutory maximum.
    let text = run(&[
        "redundancy",
        "--exit-date",
        "2026-04-06",
        "--weekly-pay",
        "900",
        "--age",
        "61",
        "--years",
        "30",
    ]);
    assert!(
        stdout(&text).contains("30 weeks × £751.00 (capped from £900.00) = £22,530.00"),
        "{}",
        stdout(&text)
    );
    // Age 50 with 30 years: ages 49 to 41 give 9 x 1.5, ages 40 to 30 give 11 x 1: 24.5 weeks.
    let text = run(&[
        "redundancy",
        "--exit-date",
        "2026-04-06",
        "--weekly-pay",
        "900",
        "--age",
        "50",
        "--years",
        "30",
    ]);
    assert!(
        stdout(&text).contains("24.5 weeks × £751.00"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn redundancy_refuses_bad_input() {
    let o = run(&[
        "redundancy",
        "--exit-date",
        "2025-02-30",
        "--weekly-pay",
        "800",
        "--age",
        "41",
        "--years",
        "10",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a date"), "{}", stderr(&o));
    let o = run(&[
        "redundancy",
        "--exit-date",
        "2025-06-01",
        "--weekly-pay",
        "-5",
        "--age",
        "41",
        "--years",
        "10",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&[
        "redundancy",
        "--exit-date",
        "2025-06-01",
        "--weekly-pay",
        "800",
    ]);
    assert_eq!(o.status.code(), Some(2));
    // An age nobody works at, and an age and service that cannot both be true (service counts
    // from 16 at the earliest), are refused with what is wrong.
    for (age, years, says) in [
        ("200", "10", "--age 200 is not an employee's age"),
        ("18", "20", "at 18 it is at most 2 years"),
    ] {
        let o = run(&[
            "redundancy",
            "--exit-date",
            "2025-06-01",
            "--weekly-pay",
            "800",
            "--age",
            age,
            "--years",
            years,
        ]);
        assert_eq!(o.status.code(), Some(1), "{age} {years}");
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    }
    let o = run(&[
        "redundancy",
        "--exit-date",
        "2025-06-01",
        "--weekly-pay",
        "800",
        "--dob",
        "1800-01-01",
        "--service-start",
        "1990-01-01",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("check the date of birth"),
        "{}",
        stderr(&o)
    );
}

const STAFF: &str = "\
Council,Function,Role,Post ID,Title,Grade,FTE,Salary,Vacant,Date of birth,Service start,LGPS member,Notice weeks,VR interest,Critical,Strain quote
Borough of Poole,Finance,Accountant,P1,Accountant,G8,1,\"£36,000\",no,1970-05-01,01/09/1995,yes,4,yes,no,
Borough of Poole,Finance,Accountant,P2,Accountant,G8,0.5,36000,no,1985-02-01,2010-01-01,y,,n,0,
Bournemouth Borough Council,Finance,Accountant,B1,Accountant,G8,1,\"37,500\",no,1962-03-03,1990-03-01,true,4,true,false,\"£80,000\"
Bournemouth Borough Council,Finance,Accountant,B2,Accountant,G8,1,37500,yes,,,,,,,
Bournemouth Borough Council,HR,Head of HR,B3,Head of HR,CO,1,85000,no,1968-01-01,2001-01-01,1,12,0,0,
Borough of Poole,HR,Head of HR,P3,Head of HR,CO,1,82000,no,1966-01-01,1999-01-01,yes,12,no,no,
";

const TARGETS: &str = "\
function,role,target_fte,target_salary
Finance,Accountant,2,
HR,Head of HR,1,\"£90,000\"
";

#[test]
fn import_builds_a_plan_that_reports() {
    let dir = temp();
    let staff = dir.path().join("staff.csv");
    let targets = dir.path().join("targets.csv");
    let out = dir.path().join("plan.ron");
    std::fs::write(&staff, STAFF).unwrap();
    std::fs::write(&targets, TARGETS).unwrap();
    let o = run(&[
        "import",
        staff.to_str().unwrap(),
        "--targets",
        targets.to_str().unwrap(),
        "--name",
        "Test merger",
        "--go-live",
        "2026-04-01",
        "--consultation-start",
        "2025-11-01",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = merger_planner::persist::plan_file::open(&out).unwrap();
    assert_eq!(plan.name, "Test merger");
    assert_eq!(plan.councils.len(), 2);
    assert_eq!(plan.councils[0].short_name, "Poole");
    assert_eq!(plan.posts.len(), 6);
    assert_eq!(plan.roles.len(), 2);
    assert!((plan.roles[0].target_fte - 2.0).abs() < 1e-12);
    assert_eq!(
        plan.posts[0].salary,
        merger_planner::model::Money::pounds(36_000)
    );
    assert_eq!(
        plan.posts[0]
            .holder
            .as_ref()
            .unwrap()
            .service_start
            .to_string(),
        "1995-09-01"
    );
    assert!(plan.posts[3].holder.is_none());
    let o = run(&["report", out.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_malformed_csv_reports_every_row_and_column_and_writes_nothing() {
    let dir = temp();
    let staff = dir.path().join("staff.csv");
    let out = dir.path().join("plan.ron");
    std::fs::write(&out, "old contents").unwrap();
    let bad = STAFF
        .replace(
            "1,\"£36,000\",no,1970-05-01",
            "-0.5,\"£36,000\",no,1970-05-01",
        )
        .replace(
            "0.5,36000,no,1985-02-01,2010-01-01",
            "0.5,36000,no,1985-02-01,31/02/2010",
        );
    std::fs::write(&staff, bad).unwrap();
    // --force: the old file may be replaced, but a failed import must still leave it be.
    let o = run(&[
        "import",
        staff.to_str().unwrap(),
        "--go-live",
        "2026-04-01",
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    // Rows as a spreadsheet numbers them, columns by their headings in the file.
    assert!(err.contains("staff.csv, row 2, column 'FTE'"), "{err}");
    assert!(
        err.contains("row 3, column 'Service start': '31/02/2010'"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "old contents",
        "the old file is untouched"
    );
}

#[test]
fn a_wrong_csv_column_is_named() {
    let dir = temp();
    let staff = dir.path().join("staff.csv");
    let out = dir.path().join("plan.ron");
    std::fs::write(&staff, STAFF.replacen("Salary", "Pay", 1)).unwrap();
    let o = run(&[
        "import",
        staff.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("column 'Salary': no column gives Salary"),
        "{err}"
    );
    assert!(err.contains("columns not used: 'Pay' (H)"), "{err}");
    assert!(!out.exists());
}

#[test]
fn example_writes_a_plan() {
    let dir = temp();
    let out: PathBuf = dir.path().join("example.ron");
    let o = run(&[
        "example",
        "--councils",
        "4",
        "--posts",
        "600",
        "--seed",
        "3",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = merger_planner::persist::plan_file::open(&out).unwrap();
    assert_eq!(plan.councils.len(), 4);
    assert!(
        (500..=700).contains(&plan.posts.len()),
        "{}",
        plan.posts.len()
    );
    let again = dir.path().join("again.ron");
    run(&[
        "example",
        "--councils",
        "4",
        "--posts",
        "600",
        "--seed",
        "3",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(&again).unwrap(),
        "the same seed gives the same plan"
    );
    let o = run(&[
        "example",
        "--councils",
        "0",
        "--posts",
        "10",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert!(o.status.success() && stdout(&o).contains("merger-planner report PLAN.ron"));
    for command in ["report", "redundancy", "import", "example"] {
        let o = run(&[command, "--help"]);
        assert!(o.status.success(), "{command} --help");
        assert!(stdout(&o).contains(&format!("merger-planner {command}")));
    }
    let o = run(&["--version"]);
    assert!(o.status.success() && stdout(&o).starts_with("merger-planner 0."));
    let o = run(&["frobnicate", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Usage"));
}

fn import_fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn import_reads_hr_exports_into_one_plan_and_keeps_what_it_had() {
    let dir = temp();
    let first = dir.path().join("first.ron");
    let both = dir.path().join("both.ron");
    // A workbook without a council column: --council names it, --sheet picks the sheet.
    let o = run(&[
        "import",
        &import_fixture("title-rows-merged.xlsx"),
        "--sheet",
        "Establishment",
        "--council",
        "Swanage Town Council",
        "--go-live",
        "2027-04-01",
        "--out",
        first.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("row 5 above") || out.contains("rows 1 to 2 above"),
        "{out}"
    );
    assert!(out.contains("totals row"), "{out}");
    let mut plan = merger_planner::persist::plan_file::open(&first).unwrap();
    assert_eq!(plan.posts.len(), 5);
    // A scenario made meanwhile survives adding a second council with --into.
    plan.scenarios.push(merger_planner::model::Scenario {
        name: "Kept".into(),
        ..Default::default()
    });
    merger_planner::persist::plan_file::save(&first, &plan).unwrap();
    let o = run(&[
        "import",
        &import_fixture("windows-1252-semicolon.csv"),
        "--council",
        "Weymouth Borough Council",
        "--full-time-hours",
        "37",
        "--into",
        first.to_str().unwrap(),
        "--out",
        both.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = merger_planner::persist::plan_file::open(&both).unwrap();
    assert_eq!(plan.councils.len(), 2);
    assert_eq!(plan.posts.len(), 11);
    assert_eq!(plan.scenarios.len(), 1);
    assert_eq!(plan.scenarios[0].name, "Kept");
}

#[test]
fn import_replaces_a_council_and_lists_what_changed() {
    let dir = temp();
    let plan = dir.path().join("plan.ron");
    let next = dir.path().join("next.ron");
    let o = run(&[
        "import",
        &import_fixture("utf8-bom-hr-headings.csv"),
        "--out",
        plan.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Next month's extract as a new council is refused, with what to do.
    let o = run(&[
        "import",
        &import_fixture("utf8-reimport.csv"),
        "--into",
        plan.to_str().unwrap(),
        "--out",
        next.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--placement replace") || stderr(&o).contains("Replace"));
    assert!(!next.exists());
    let o = run(&[
        "import",
        &import_fixture("utf8-reimport.csv"),
        "--into",
        plan.to_str().unwrap(),
        "--placement",
        "replace",
        "--out",
        next.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("post PB-13 removed"), "{out}");
    assert!(out.contains("post PB-14 added"), "{out}");
    assert!(out.contains("post PB-11 changed: FTE 0.6 to 1"), "{out}");
}

#[test]
fn import_asks_the_order_of_ambiguous_dates_and_reads_a_mapping_file() {
    let dir = temp();
    let out = dir.path().join("plan.ron");
    let base = [
        "import".to_owned(),
        import_fixture("ambiguous-dates.csv"),
        "--council".to_owned(),
        "Poole".to_owned(),
        "--out".to_owned(),
        out.to_str().unwrap().to_owned(),
        "--force".to_owned(),
    ];
    let args: Vec<&str> = base.iter().map(String::as_str).collect();
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("column 'DOB': every date could be day-first"),
        "{err}"
    );
    assert!(!out.exists());
    let mut with_order = args.clone();
    with_order.extend(["--date-order", "month-first"]);
    let o = run(&with_order);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = merger_planner::persist::plan_file::open(&out).unwrap();
    let h = plan.posts[0].holder.as_ref().unwrap();
    assert_eq!(h.date_of_birth.to_string(), "1970-01-02");

    // The same choice, and a column mapped by hand, from a mapping file saved by the app.
    std::fs::remove_file(&out).unwrap();
    let mapping = dir.path().join("mapping.ron");
    std::fs::write(
        &mapping,
        "(format_version: 1, date_order: Some(DayFirst), columns: {\"Start Date\": Unused})",
    )
    .unwrap();
    let mut with_mapping = args.clone();
    with_mapping.extend(["--mapping", mapping.to_str().unwrap()]);
    let o = run(&with_mapping);
    // Without a service start, the filled posts cannot be costed: said with the column.
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("column 'Continuous service start': is empty")
            || stderr(&o).contains("Continuous service start"),
        "{}",
        stderr(&o)
    );
    std::fs::write(&mapping, "(format_version: 1, date_order: Some(DayFirst))").unwrap();
    let o = run(&with_mapping);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = merger_planner::persist::plan_file::open(&out).unwrap();
    let h = plan.posts[0].holder.as_ref().unwrap();
    assert_eq!(h.date_of_birth.to_string(), "1970-02-01");
    // A broken mapping file is named with its line.
    std::fs::write(&mapping, "(colums: {})").unwrap();
    let o = run(&with_mapping);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("line 1"), "{}", stderr(&o));
}

#[test]
fn report_timings_name_each_step_on_standard_error() {
    let o = run(&["report", &saves("bournemouth-poole.ron"), "--timings"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    for step in ["open", "validate", "evaluate"] {
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("{step} ")))
            .unwrap_or_else(|| panic!("no '{step}' line in {err}"));
        assert!(line.ends_with(" ms"), "{line}");
        let number = line[step.len() + 1..line.len() - 3].parse::<f64>();
        assert!(number.is_ok_and(|n| n >= 0.0), "{line}");
    }
    assert!(
        !stdout(&o).contains("validate "),
        "timings stay off the report"
    );
    let o = run(&["report", &saves("bournemouth-poole.ron")]);
    assert!(!stderr(&o).contains("evaluate "));
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_get_a_message_not_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let bad = OsStr::from_bytes(b"caf\xe9");
    // A scenario name must be text: a usage error (exit 2) naming the problem.
    let o = Command::new(env!("CARGO_BIN_EXE_merger-planner"))
        .arg("report")
        .arg(saves("bournemouth-poole.ron"))
        .arg("--scenario")
        .arg(bad)
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("invalid UTF-8"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
    // A file name need not be: it is looked for as it is, and its absence is reported (exit 1).
    let dir = temp();
    let o = Command::new(env!("CARGO_BIN_EXE_merger-planner"))
        .arg("report")
        .arg(dir.path().join(bad))
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Check the file exists"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_force_and_an_input_never() {
    let dir = temp();
    let out = dir.path().join("plan.ron");
    let example = |out: &Path, force: bool| {
        let mut args = vec![
            "example",
            "--councils",
            "2",
            "--posts",
            "50",
            "--out",
            out.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        run(&args)
    };
    assert!(example(&out, false).status.success());
    let first = std::fs::read(&out).unwrap();
    // Again without --force: refused, the file untouched, the way out named.
    let o = example(&out, false);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("already exists; give --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&out).unwrap(), first);
    // With --force: replaced, and the old plan kept as the backup.
    assert!(example(&out, true).status.success());
    assert_eq!(
        std::fs::read(merger_planner::persist::plan_file::backup_path(&out)).unwrap(),
        first
    );
    // The establishment being imported is never written over, --force or not.
    let staff = dir.path().join("staff.csv");
    std::fs::write(&staff, STAFF).unwrap();
    let o = run(&[
        "import",
        staff.to_str().unwrap(),
        "--out",
        staff.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is also read by this command"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&staff).unwrap(), STAFF);
}

#[test]
fn a_plan_over_the_size_limit_is_refused_unless_the_limit_is_raised() {
    let plan = saves("bournemouth-poole.ron");
    let o = run(&["report", &plan, "--max-plan-mb", "0"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("over the 0 MB limit"), "{}", stderr(&o));
    let o = run(&["report", &plan, "--max-plan-mb", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_field_this_version_does_not_know_is_a_warning_with_its_line() {
    let (_dir, _path, text, o) = report_edited(
        "newer.ron",
        "\n      fte: 1.0,",
        "\n      fte: 1.0,\n      grade_code: \"SO1\",",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let line = text[..text.find("grade_code").unwrap()].lines().count();
    let err = stderr(&o);
    assert!(err.starts_with("warning: "), "{err}");
    assert!(err.contains("newer.ron"), "{err}");
    assert!(
        err.contains(&format!("line {line}, column 7: `grade_code` (in posts)")),
        "{err}"
    );
    assert!(stdout(&o).contains("Bournemouth"), "the report still runs");
}

/// Saving onto a full disk: a small filesystem of its own (tmpfs, in a private mount namespace
/// made with `unshare`), where the machine allows one; elsewhere the test says it cannot.
#[test]
fn a_full_disk_says_so_and_leaves_the_old_plan_byte_for_byte() {
    let dir = temp();
    let old = dir.path().join("old.ron");
    let o = run(&[
        "example",
        "--councils",
        "2",
        "--posts",
        "60",
        "--out",
        old.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let small = dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    let script = format!(
        "mount -t tmpfs -o size=256k none '{small}' || exit 99
cp '{old}' '{small}/plan.ron'
'{bin}' example --councils 4 --posts 3000 --out '{small}/plan.ron' --force 2> '{d}/err.txt'
echo $? > '{d}/code.txt'
cp '{small}/plan.ron' '{d}/after.ron'
ls -A '{small}' > '{d}/left.txt'",
        small = small.display(),
        old = old.display(),
        bin = env!("CARGO_BIN_EXE_merger-planner"),
        d = dir.path().display(),
    );
    let made = Command::new("unshare")
        .args(["--map-root-user", "--mount", "sh", "-c", &script])
        .output();
    let Some(made) = made.ok().filter(|o| o.status.code() != Some(99)) else {
        eprintln!("skipped: this machine cannot make a small filesystem (unshare and tmpfs)");
        return;
    };
    assert!(made.status.success(), "{}", stderr(&made));
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(read("code.txt").trim(), "1", "the save failed");
    let err = read("err.txt");
    assert!(err.contains("the disk is full"), "in words: {err}");
    assert!(
        err.contains("Free some space, or save somewhere else"),
        "{err}"
    );
    assert_eq!(
        read("after.ron"),
        read("old.ron"),
        "the old plan byte for byte"
    );
    let left = read("left.txt");
    assert!(
        left.lines().all(|f| f == "plan.ron" || f == "plan.ron.bak"),
        "no temporary file left: {left}"
    );
}

#[test]
fn diff_lists_what_changed_and_its_effect() {
    let dir = temp();
    let old = saves("bournemouth-poole.ron");
    let text = std::fs::read_to_string(&old).unwrap();
    let edited = text
        .replacen("salary_pence: 10059000,", "salary_pence: 10159000,", 1)
        .replacen("redeployment_rate: 0.3,", "redeployment_rate: 0.4,", 1);
    assert_ne!(edited, text, "both edits made");
    let new = dir.path().join("new.ron");
    std::fs::write(&new, edited).unwrap();
    let o = run(&["diff", &old, new.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(": 2 changes"), "{out}");
    assert!(
        out.contains("Post BOU-00001 salary £100,590.00 → £101,590.00"),
        "{out}"
    );
    assert!(out.contains("Redeployment rate 30.0% → 40.0%"), "{out}");
    assert!(out.contains("Cost today: £25,890,854.33 → £25,89"), "{out}");
    let o = run(&["diff", &old, new.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let first = &json.as_array().unwrap()[0];
    assert_eq!(first["kind"], "changed");
    assert_eq!(first["what"], "post");
    assert_eq!(first["id"], "BOU-00001");
    assert_eq!(first["field"], "salary_pence");
    assert_eq!(first["old"], "10059000");
    assert_eq!(first["new"], "10159000");
    // A plan against itself: nothing.
    let same = run(&["diff", &old, &old, "--format", "json"]);
    assert_eq!(stdout(&same).trim(), "[]");
}

#[test]
fn compare_puts_scenarios_side_by_side_with_the_difference() {
    let plan = saves("bournemouth-poole.ron");
    let o = run(&[
        "compare",
        &plan,
        "--scenarios",
        "Base,VR only",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["compared_with"], "Base");
    let s = json["scenarios"].as_array().unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[1]["name"], "VR only");
    assert_eq!(
        s[1]["compulsory_fte"], 0.0,
        "VR only has no compulsory redundancy"
    );
    let saving = |i: usize| s[i]["recurring_saving"].as_f64().unwrap();
    let difference = s[1]["difference"]["recurring_saving"].as_f64().unwrap();
    assert!(
        ((saving(1) - saving(0)) - difference).abs() < 0.005,
        "to the penny"
    );
    assert_eq!(s[0]["difference"]["recurring_saving"], 0.0);
    assert!(
        s[1]["fte_reached"].as_f64().expect("reached")
            > s[1]["target_fte"].as_f64().expect("target"),
        "the comparison shows VR only short of its target"
    );
    let text = stdout(&run(&["compare", &plan, "--scenarios", "Base,Deeper cut"]));
    assert!(text.starts_with("Compared with Base:"), "{text}");
    assert!(text.contains("Recurring saving a year"), "{text}");
    // An unknown scenario names the others; one scenario is not a comparison.
    let o = run(&["compare", &plan, "--scenarios", "Base,Nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the scenarios are: Base, VR only"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        run(&["compare", &plan, "--scenarios", "Base"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn seek_writes_the_plan_with_the_proposal_and_explains_an_impossible_goal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sought.ron");
    let plan = saves("bournemouth-poole.ron");
    let o = run(&[
        "seek",
        &plan,
        "--saving",
        "£2,000,000",
        "--no-compulsory",
        "--max-payback",
        "3",
        "--scenario-name",
        "Two million",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let printed = String::from_utf8_lossy(&o.stdout);
    assert!(
        printed.starts_with("Scenario Two million: Goal seek"),
        "{printed}"
    );
    assert!(
        printed.contains("compulsory redundancy 0.0 FTE"),
        "{printed}"
    );
    assert!(printed.contains("Target proposed"), "{printed}");
    let written = merger_planner::persist::plan_file::open(&out).unwrap();
    let s = written.scenario("Two million").unwrap();
    assert_eq!(s.compulsory_allowed, Some(false));
    let figures = merger_planner::engine::evaluate(&written, &s);
    assert!(figures.totals.recurring_saving.as_pounds() >= 1_999_999.0);
    assert!(figures.totals.payback_years.unwrap() <= 3.0);
    // JSON for tools.
    let o = run(&[
        "seek",
        &plan,
        "--saving",
        "2000000",
        "--out",
        out.to_str().unwrap(),
        "--force",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["scenario"], "Save £2.0m a year");
    assert!(json["changes"].as_array().unwrap().len() > 1);
    // Beyond every post: refused with how far short, and nothing written.
    let none = dir.path().join("none.ron");
    let o = run(&[
        "seek",
        &plan,
        "--saving",
        "900000000",
        "--out",
        none.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cannot be met: the most is") && err.contains("short"),
        "{err}"
    );
    assert!(!none.exists());
    // A saving that is not money is a usage error.
    let o = run(&[
        "seek",
        &plan,
        "--saving",
        "lots",
        "--out",
        none.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--saving 'lots'"));
    // A payback limit past what a limit can mean (100 years is already none) is refused with
    // what to do, never handed to the solver (1e308 made it panic).
    for years in ["1e308", "101", "inf", "0"] {
        let o = run(&[
            "seek",
            &plan,
            "--saving",
            "1000000",
            "--max-payback",
            years,
            "--out",
            none.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{years}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("--max-payback") && err.contains("at most 100"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// `report` on the example plans names councils, functions and roles by their names in every
/// warning, never by the plan's internal ids.
#[test]
fn report_warnings_name_things_by_their_names() {
    for name in [
        "bournemouth-poole.ron",
        "northshire-reorganisation.ron",
        "southampton-pay.ron",
    ] {
        let path = saves(name);
        let plan = merger_planner::persist::plan_file::open(Path::new(&path)).unwrap();
        let o = run(&["report", &path]);
        assert!(o.status.success(), "{name}");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        let ids = plan
            .councils
            .iter()
            .map(|c| &c.id)
            .chain(plan.roles.iter().map(|r| &r.id))
            .filter(|id| id.contains('-'));
        for id in ids {
            assert!(!printed.contains(id.as_str()), "{name} prints the id {id}");
        }
    }
}

/// `example` of 40 posts written to `out`.
fn example(out: &Path, force: bool) -> Output {
    let mut args = vec!["example", "--councils", "2", "--posts", "40", "--out"];
    args.push(out.to_str().expect("a path in UTF-8"));
    if force {
        args.push("--force");
    }
    run(&args)
}

/// A plan open in the app (its lock held, here by this test as the app holds it) is never
/// written over by a command, `--force` or not; the refusal names who has it open.
#[test]
fn commands_that_write_a_plan_honour_the_apps_lock() {
    use merger_planner::persist::lock::{self, Holder, Taken};
    let dir = temp();
    let open = dir.path().join("open.ron");
    let o = example(&open, false);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(&open).unwrap();
    let them = Holder {
        user: "akhan".to_owned(),
        machine: "HR-DESK-3".to_owned(),
        since: Some("2026-11-29T09:15:00Z".parse().expect("a time")),
    };
    let Taken::Held(held) = lock::take(&open, &them).expect("the lock") else {
        panic!("the lock is free");
    };
    let source = saves("bournemouth-poole.ron");
    for args in [
        vec![
            "example",
            "--councils",
            "2",
            "--posts",
            "40",
            "--force",
            "--out",
            open.to_str().unwrap(),
        ],
        vec![
            "seek",
            &source,
            "--saving",
            "100000",
            "--force",
            "--out",
            open.to_str().unwrap(),
        ],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stdout(&o));
        let e = stderr(&o);
        assert!(
            e.contains("is open in Merger Planner by akhan on HR-DESK-3")
                && e.contains("--force does not override"),
            "{args:?}: {e}"
        );
        assert_eq!(std::fs::read(&open).unwrap(), before, "{args:?}");
    }
    // Through a link to it, too.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&open, &link).unwrap();
        let o = example(&link, true);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("akhan"), "{}", stderr(&o));
    }
    // Once the app has closed it, --force replaces it.
    drop(held);
    let o = example(&open, true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !lock::lock_file(&open).exists(),
        "the command's own lock is gone"
    );
}

#[test]
fn seek_never_writes_over_its_own_plan() {
    let dir = temp();
    let plan = dir.path().join("plan.ron");
    let o = example(&plan, false);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(&plan).unwrap();
    let mut outs = vec![plan.clone()];
    #[cfg(unix)]
    {
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&plan, &link).unwrap();
        outs.push(link);
    }
    for out in outs {
        let o = run(&[
            "seek",
            plan.to_str().unwrap(),
            "--saving",
            "100000",
            "--force",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        assert!(
            stderr(&o).contains("is also read by this command"),
            "{}",
            stderr(&o)
        );
        assert_eq!(std::fs::read(&plan).unwrap(), before);
    }
}

/// Every command that reads a plan validates it before computing anything: `diff` refuses a
/// plan `report` refuses (an LGPS rate of NaN, a salary of 2^63 pence) and says what a file
/// that is not a plan is.
#[test]
fn diff_validates_both_plans_and_names_a_file_that_is_not_one() {
    let dir = temp();
    let good = saves("bournemouth-poole.ron");
    let text = std::fs::read_to_string(&good).unwrap();
    let nan = dir.path().join("nan.ron");
    std::fs::write(
        &nan,
        text.replacen("lgps_employer_rate: 0.188", "lgps_employer_rate: NaN", 1),
    )
    .unwrap();
    let huge = dir.path().join("huge.ron");
    std::fs::write(
        &huge,
        text.replacen(
            "salary_pence: 10059000",
            "salary_pence: 9223372036854775807",
            1,
        ),
    )
    .unwrap();
    for bad in [&nan, &huge] {
        let refused_by_report = run(&["report", bad.to_str().unwrap()]);
        assert_eq!(refused_by_report.status.code(), Some(1));
        for args in [
            ["diff", good.as_str(), bad.to_str().unwrap()],
            ["diff", bad.to_str().unwrap(), good.as_str()],
        ] {
            let o = run(&args);
            assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stdout(&o));
            assert!(stdout(&o).is_empty(), "no figures: {}", stdout(&o));
            assert!(stderr(&o).contains("error"), "{}", stderr(&o));
        }
    }
    let csv = dir.path().join("establishment.csv");
    std::fs::write(&csv, "Post ID,Council,Salary\nF001,Northshire,32000\n").unwrap();
    let workbook =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/title-rows-merged.xlsx");
    for (file, what) in [
        (csv.as_path(), "a table of text (CSV"),
        (workbook.as_path(), "a zip archive (an Excel workbook"),
    ] {
        let o = run(&["diff", file.to_str().unwrap(), good.as_str()]);
        assert_eq!(o.status.code(), Some(1));
        let e = stderr(&o);
        assert!(
            e.contains(what) && e.contains("not a Merger Planner plan") && e.contains("import"),
            "{e}"
        );
        assert!(!e.contains("Probe") && !e.contains("UTF-8"), "{e}");
    }
}

/// Exports the example's tables anonymised as CSV into `dir`: the folder and what the command
/// did.
fn anonymised_csv(dir: &tempfile::TempDir) -> (std::path::PathBuf, std::process::Output) {
    let csv = dir.path().join("tables");
    let o = run(&[
        "export",
        &saves("bournemouth-poole.ron"),
        "--csv",
        &csv.to_string_lossy(),
        "--anonymised",
        "--no-uncertainty",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    (csv, o)
}

#[test]
fn an_anonymised_export_says_what_it_hid_and_why() {
    let dir = temp();
    let (csv, o) = anonymised_csv(&dir);
    let said = stderr(&o);
    assert!(
        said.contains("hidden as they describe fewer than 5 people")
            && said.contains("audited against everything published"),
        "{said}"
    );
    let by_role = std::fs::read_to_string(csv.join("04-by-role.csv")).unwrap();
    assert!(by_role.contains("fewer than 5") && by_role.contains("not shown"));
    // Not anonymised: nothing to say.
    let open = dir.path().join("open");
    let o = run(&[
        "export",
        &saves("bournemouth-poole.ron"),
        "--csv",
        &open.to_string_lossy(),
        "--no-uncertainty",
    ]);
    assert!(o.status.success());
    assert!(!stderr(&o).contains("Anonymised"), "{}", stderr(&o));
}

/// `report --anonymised` gives the same release as the anonymised papers: every cell the CSV
/// files hide, the JSON hides, saying why, and nothing about one person.
#[test]
fn the_anonymised_report_is_the_papers_release() {
    let dir = temp();
    let (csv, _) = anonymised_csv(&dir);
    let o = run(&[
        "report",
        &saves("bournemouth-poole.ron"),
        "--anonymised",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        report["protection"]
            .as_str()
            .is_some_and(|p| p.contains("audited against everything published")),
        "{}",
        report["protection"]
    );
    assert!(report.get("leavers").is_none(), "no one is listed");
    let tables = report["tables"].as_array().unwrap();
    let by_role = tables.iter().find(|t| t["key"] == "by-role").unwrap();
    // Each CSV row's hidden cells are the JSON's, with the same words.
    let text = std::fs::read_to_string(csv.join("04-by-role.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut hidden = 0;
    for (r, record) in reader.records().enumerate() {
        let record = record.unwrap();
        // The totals row last.
        let rows = by_role["rows"].as_array().unwrap();
        let row = rows.get(r).unwrap_or(&by_role["total"]).as_array().unwrap();
        for (c, field) in record.iter().enumerate() {
            let cell = &row[c];
            match field {
                "fewer than 5" | "not shown" => {
                    hidden += 1;
                    assert_eq!(cell["hidden"], field, "row {r} column {c}");
                }
                _ => assert!(cell.get("hidden").is_none(), "row {r} column {c}: {cell}"),
            }
        }
    }
    assert!(hidden > 0);
    // The charts say whether the pack may draw them; one with a hidden figure may not.
    let charts = report["charts"].as_array().unwrap();
    assert!(!charts.is_empty());
    for chart in charts {
        let shows_hidden = chart["rows"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r.as_array().unwrap())
            .any(|c| c.get("hidden").is_some());
        if shows_hidden {
            assert_eq!(chart["drawn"], false, "{}", chart["key"]);
        }
    }
    // As text: the note, then the tables.
    let o = run(&["report", &saves("bournemouth-poole.ron"), "--anonymised"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("Anonymised:"), "{text}");
    assert!(text.contains("By role\n"));
}

/// Two published junior staff returns, unmodified, make a plan that saves nothing until targets
/// are set; a goal seek then proposes leavers whose one-off cost is above zero, with no vacancy
/// invented and the holders' costs flagged as resting on a workforce profile.
#[test]
fn two_published_returns_then_a_goal_seek() {
    let dir = temp();
    let fixture = |name: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/published")
            .join(name)
            .to_string_lossy()
            .into_owned()
    };
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let o = run(&[
        "import",
        &fixture("junior-northam-2024.csv"),
        "--council",
        "Northam",
        "--out",
        &path("plan.ron"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "import",
        &fixture("junior-southam-2012.csv"),
        "--council",
        "Southam",
        "--into",
        &path("plan.ron"),
        "--out",
        &path("plan2.ron"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = |file: &str, scenario: Option<&str>| -> serde_json::Value {
        let file = path(file);
        let mut args = vec!["report", file.as_str(), "--format", "json"];
        if let Some(s) = scenario {
            args.extend(["--scenario", s]);
        }
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str(&stdout(&o)).expect("JSON")
    };
    let r = report("plan2.ron", None);
    assert_eq!(r["totals"]["recurring_saving"], 0.0, "nothing designed yet");
    let councils = r["by_council"].as_array().expect("councils");
    let figures: Vec<(f64, f64)> = councils
        .iter()
        .map(|c| {
            (
                c["current_fte"].as_f64().expect("FTE"),
                c["salary_cost"].as_f64().expect("salaries"),
            )
        })
        .collect();
    // Each council's FTE is its file's; its salaries the midpoints (worked in tests/published.rs).
    assert_eq!(figures, [(24.0, 703_204.0), (14.5, 427_324.5)]);
    let o = run(&[
        "seek",
        &path("plan2.ron"),
        "--saving",
        "150000",
        "--out",
        &path("plan3.ron"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan3 = merger_planner::persist::plan_file::open(Path::new(&path("plan3.ron")))
        .expect("the proposal");
    let scenario = plan3
        .scenarios
        .last()
        .expect("the goal seek's scenario")
        .name
        .clone();
    let r = report("plan3.ron", Some(&scenario));
    assert!(r["totals"]["one_off_cost"].as_f64().expect("one-off") > 0.0);
    assert!(r["totals"]["recurring_saving"].as_f64().expect("saving") >= 150_000.0);
    assert_eq!(
        r["totals"]["vacancies_deleted_fte"], 0.0,
        "no vacancy invented"
    );
    let kinds: Vec<&str> = r["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .filter_map(|f| f["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"assumed_workforce_profile"), "{kinds:?}");
    let text = run(&["report", &path("plan3.ron"), "--scenario", &scenario]);
    assert!(stdout(&text).contains("(indicative)"), "{}", stdout(&text));
}

/// The import's messages give the command line's own words, not the dialog's.
#[test]
fn import_problems_say_what_to_type() {
    let dir = temp();
    let file = dir.path().join("staff.csv");
    std::fs::write(
        &file,
        "Job Title,FTE,Salary,Status\nAccountant,1,32000,Vacant\n",
    )
    .expect("written");
    let file = file.to_string_lossy().into_owned();
    let plan = dir.path().join("plan.ron").to_string_lossy().into_owned();
    let o = run(&["import", &file, "--out", &plan]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("name it with --council"),
        "{}",
        stderr(&o)
    );
    // A title row naming the council is offered by name.
    let titled = dir.path().join("titled.csv");
    std::fs::write(
        &titled,
        "Staff establishment for Northam District Council (as at 31 March 2026),,,\n\
         Job Title,FTE,Salary,Status\nAccountant,1,32000,Vacant\n",
    )
    .expect("written");
    let o = run(&["import", &titled.to_string_lossy(), "--out", &plan]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("name it with --council (row 1 names \"Northam District Council\")"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("1 problem found in titled.csv; nothing was written"),
        "{}",
        stderr(&o)
    );
    let o = run(&["import", &file, "--council", "Northam", "--out", &plan]);
    assert!(o.status.success(), "{}", stderr(&o));
    let again = dir.path().join("plan2.ron").to_string_lossy().into_owned();
    let o = run(&[
        "import",
        &file,
        "--council",
        "Northam",
        "--into",
        &plan,
        "--out",
        &again,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("use --placement replace") && err.contains("--placement add"),
        "{err}"
    );
    assert!(!err.contains("choose 'Replace"), "{err}");
}

#[test]
fn the_manual_pages_are_made_from_the_command_line_itself() {
    let o = run(&["man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH merger-planner 1"), "{page}");
    // Every command has its own page, listed on the app's.
    for command in [
        "report",
        "redundancy",
        "import",
        "example",
        "export\\-slides",
        "export",
        "diff",
        "merge",
        "compare",
        "risk",
        "seek",
        "man",
        "completions",
    ] {
        assert!(
            page.contains(&format!("merger\\-planner\\-{command}(1)")),
            "{command} is listed"
        );
    }
    let o = run(&["man", "report"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH merger-planner-report 1"), "{page}");
    assert!(page.contains("\\-\\-anonymised"), "its options: {page}");
    assert!(page.contains("waterfall"), "its long help: {page}");

    // Every page into a folder, as the package's build writes them.
    let dir = temp();
    let pages = dir.path().join("man");
    let o = run(&["man", "--out", &pages.to_string_lossy()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().count(),
        14,
        "the app's page and 13 commands'"
    );
    let report = std::fs::read_to_string(pages.join("merger-planner-report.1")).unwrap();
    assert_eq!(report, page, "the same page as printed");
    assert!(pages.join("merger-planner.1").exists());

    // A file where the folder should be is refused, and left as it was.
    let file = dir.path().join("pages.txt");
    std::fs::write(&file, "notes").unwrap();
    let o = run(&["man", "--out", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is a file, not a folder: give --out a folder for the pages"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "notes");

    let o = run(&["man", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no command is called 'nonsense': the commands are report,"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn shell_completions_know_every_command_and_option() {
    for (shell, opening) in [
        ("bash", "_merger__planner()"),
        ("zsh", "#compdef merger-planner"),
        ("fish", "complete -c merger-planner"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[merger-planner]"),
    ] {
        let o = run(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains(opening), "{shell}: {script}");
        // fish writes an option as `-l scenario`, the others as `--scenario`.
        for word in ["export-slides", "anonymised", "scenario", "max-plan-mb"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    let o = run(&["completions", "tcsh"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

/// The example with `field: value` of post `id` set to `to` (the first such field after the
/// post's id), written to `dir/name`.
fn example_with(dir: &Path, name: &str, edits: &[(&str, &str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(saves("bournemouth-poole.ron")).expect("the example");
    for (id, field, to) in edits {
        let at = text
            .find(&format!("id: \"{id}\""))
            .expect("the post is in the example");
        let from = at
            + text[at..]
                .find(&format!("{field}: "))
                .expect("the field follows the id")
            + field.len()
            + 2;
        let end = from + text[from..].find(',').expect("a field ends with a comma");
        text.replace_range(from..end, to);
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

#[test]
fn merge_joins_copies_edited_on_different_posts_and_refuses_one_salary_changed_twice() {
    let dir = temp();
    let base = saves("bournemouth-poole.ron");
    let mine = example_with(dir.path(), "mine.ron", &[("BOU-00003", "fte", "0.5")]);
    let theirs = example_with(
        dir.path(),
        "theirs.ron",
        &[("POO-00010", "salary_pence", "4100000")],
    );
    let merged = dir.path().join("merged.ron");
    let p = |p: &Path| p.to_str().unwrap().to_owned();
    let o = run(&["merge", &base, &p(&mine), &p(&theirs), "--out", &p(&merged)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "Took 1 change from mine, 1 change from theirs and 0 changes made in both; 0 conflicts"
        ),
        "{out}"
    );
    assert!(
        out.contains("  mine: Post BOU-00003 FTE 1.0 → 0.5"),
        "{out}"
    );
    assert!(out.contains("  theirs: Post POO-00010 salary "), "{out}");
    let plan = merger_planner::persist::open(&merged).unwrap();
    let post = |id: &str| plan.posts.iter().find(|p| p.id == id).unwrap().clone();
    assert!((post("BOU-00003").fte - 0.5).abs() < 1e-12);
    assert_eq!(post("POO-00010").salary.pence(), 4_100_000);
    assert!(plan.lineage.version.starts_with("sha256:"));
    assert_eq!(
        plan.lineage.earlier.len(),
        0,
        "neither copy was saved by the app"
    );

    // One salary changed two ways: refused by name, nothing written.
    let mine = example_with(
        dir.path(),
        "mine2.ron",
        &[("BOU-00003", "salary_pence", "4000000")],
    );
    let theirs = example_with(
        dir.path(),
        "theirs2.ron",
        &[("BOU-00003", "salary_pence", "4100000")],
    );
    let refused = dir.path().join("refused.ron");
    let merging = |more: &[&str]| {
        let mut args = vec!["merge", &base];
        let (mine, theirs, refused) = (p(&mine), p(&theirs), p(&refused));
        args.extend([mine.as_str(), theirs.as_str(), "--out", refused.as_str()]);
        args.extend(more);
        run(&args)
    };
    let o = merging(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            "conflict: Post BOU-00003 salary: base £56,788.00, mine £40,000.00, theirs £41,000.00"
        ),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("1 conflict between the copies, so nothing was written"));
    assert!(!refused.exists());
    let o = merging(&["--take", "theirs", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["clean"], false);
    assert_eq!(json["conflicts"][0]["field"], "salary_pence");
    assert_eq!(json["conflicts"][0]["taken"], "theirs");
    assert_eq!(json["conflicts"][0]["mine"], 4_000_000);
    let plan = merger_planner::persist::open(&refused).unwrap();
    let salary = plan
        .posts
        .iter()
        .find(|p| p.id == "BOU-00003")
        .unwrap()
        .salary;
    assert_eq!(salary.pence(), 4_100_000);
    // Never over one of its own inputs.
    let o = run(&[
        "merge",
        &base,
        &p(&mine),
        &p(&theirs),
        "--out",
        &p(&mine),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is also read by this command"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_report_says_who_signed_which_version_and_what_changed_since() {
    use merger_planner::document::Document;
    use merger_planner::model::{SignOff, Signed};
    let dir = temp();
    let path = dir.path().join("plan.ron");
    let mut doc = Document::new(merger_planner::example::bournemouth_poole(), None);
    doc.sign_off(SignOff {
        name: "Jane Smith".to_owned(),
        role: "s151 officer, Poole".to_owned(),
        date: jiff::civil::date(2026, 12, 7),
        note: "Subject to the pension fund's quotes".to_owned(),
        content: String::new(),
        signed: Signed::default(),
    });
    doc.save(&path).expect("saved");
    let p = path.to_str().expect("a path").to_owned();
    let o = run(&["report", &p]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = stdout(&o).lines().next().unwrap_or_default().to_owned();
    assert!(
        first.starts_with(
            "Signed off by Jane Smith (s151 officer, Poole) on 7 December 2026 (version "
        ),
        "{first}"
    );
    assert!(
        first.ends_with(": \"Subject to the pension fund's quotes\""),
        "{first}"
    );
    // The workbook says the same under its Summary; anonymised, without the note.
    for (anonymised, note) in [(false, true), (true, false)] {
        let xlsx = dir.path().join(format!("papers-{anonymised}.xlsx"));
        let mut args = vec!["export", &p, "--xlsx", xlsx.to_str().expect("a path")];
        if anonymised {
            args.push("--anonymised");
        }
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("a workbook");
        let summary = calamine::Reader::worksheet_range(&mut book, "Summary").expect("a Summary");
        let said: Vec<String> = summary
            .cells()
            .map(|(_, _, c)| c.to_string())
            .filter(|c| {
                c.starts_with(
                    "Sign-off: Signed off by Jane Smith (s151 officer, Poole) on 7 December 2026",
                )
            })
            .collect();
        assert_eq!(said.len(), 1, "{anonymised}");
        assert_eq!(said[0].contains("pension fund"), note, "{said:?}");
    }
    // Two posts edited and the plan saved: the file alone says what changed since.
    let mut plan = doc.plan().clone();
    plan.posts[0].fte = 0.5;
    plan.posts[1].fte = 0.5;
    let signatures = doc.signatures().clone();
    let written = merger_planner::document::review::for_saving(&plan, &signatures, true);
    merger_planner::persist::save(&path, &written).expect("saved");
    let o = run(&["report", &p, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let line = json["sign_offs"][0].as_str().expect("a sign-off");
    assert!(
        line.starts_with("Changed since signed off by Jane Smith (s151 officer, Poole) on 7 December 2026: 2 changes (version "),
        "{line}"
    );
}

#[test]
fn comments_cannot_go_into_anonymised_papers_and_merge_warns_of_a_base_that_is_not_shared() {
    let dir = temp();
    let plan = saves("bournemouth-poole.ron");
    let out = dir.path().join("pack.pdf");
    let o = run(&[
        "export",
        &plan,
        "--pdf",
        out.to_str().expect("a path"),
        "--anonymised",
        "--comments",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--comments adds comments about named posts and people"));
    assert!(!out.exists());

    // Two copies saved from one version, merged against another file: said, then merged.
    let save = |plan: merger_planner::model::Plan, name: &str| {
        let path = dir.path().join(name);
        merger_planner::document::Document::new(plan, None)
            .save(&path)
            .expect("saved");
        path
    };
    let base = save(merger_planner::example::bournemouth_poole(), "base.ron");
    let shared = merger_planner::persist::open(&base).expect("opened");
    let mut mine = shared.clone();
    mine.posts[0].fte = 0.5;
    let mine = save(mine, "mine.ron");
    let mut theirs = shared.clone();
    theirs.posts[1].fte = 0.5;
    let theirs = save(theirs, "theirs.ron");
    let mut other = shared;
    other.name = "Another version".to_owned();
    let other = save(other, "other.ron");
    let p = |p: &Path| p.to_str().expect("a path").to_owned();
    let merged = dir.path().join("merged.ron");
    let o = run(&[
        "merge",
        &p(&other),
        &p(&mine),
        &p(&theirs),
        "--out",
        &p(&merged),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("other.ron is not the version both copies came from"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "merge",
        &p(&base),
        &p(&mine),
        &p(&theirs),
        "--out",
        &p(&merged),
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("not the version both copies came from"),
        "{}",
        stderr(&o)
    );
    let plan = merger_planner::persist::open(&merged).expect("opened");
    let (m, t) = (
        merger_planner::persist::open(&mine).expect("opened"),
        merger_planner::persist::open(&theirs).expect("opened"),
    );
    assert_eq!(
        plan.lineage.earlier[..2],
        [m.lineage.version, t.lineage.version]
    );
}

#[test]
fn merge_refuses_a_copy_with_one_id_twice_by_name() {
    let dir = temp();
    let base = saves("bournemouth-poole.ron");
    let dup = example_with(
        dir.path(),
        "dup.ron",
        &[("POO-00010", "id", "\"BOU-00003\"")],
    );
    let out = dir.path().join("merged.ron");
    let p = |p: &Path| p.to_str().expect("a path").to_owned();
    let o = run(&["merge", &base, &p(&dup), &base, "--out", &p(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("post BOU-00003 appears twice in your copy"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}
