//! Published establishments as councils and public bodies publish them before named data is
//! shared: the organogram returns (junior staff counted by grade with an FTE and a pay range;
//! senior posts one a row with a pay band), read unmodified. Each fixture's totals are worked by
//! hand in its test.

use std::path::{Path, PathBuf};

use jiff::civil::date;
use merger_planner::engine::{self, FlagKind};
use merger_planner::import::{self, Checked, ImportKind, Options, ReadSettings};
use merger_planner::model::{Money, PayPoint, Plan, Programme, Severity, validate};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/published")
        .join(name)
}

fn empty_plan() -> Plan {
    Plan::new(
        "Published",
        Programme {
            consultation_start: date(2026, 10, 1),
            go_live: date(2027, 4, 1),
        },
    )
}

fn import(name: &str, plan: &Plan, council: &str) -> Checked {
    let options = Options {
        council: council.to_owned(),
        ..Options::default()
    };
    let (_, checked) = import::import_file(
        &fixture(name),
        &ReadSettings::default(),
        ImportKind::Establishment,
        plan,
        &options,
    )
    .expect("the fixture reads");
    let problems: Vec<String> = checked
        .problems
        .listed
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(checked.can_import(), "{name}: {problems:#?}");
    checked
}

/// A council's FTE and its salaries before on-costs (each post's salary x FTE), in pence.
fn council_totals(plan: &Plan, name: &str) -> (f64, i64) {
    let council = plan
        .councils
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{name} is in the plan"));
    let posts = plan.posts.iter().filter(|p| p.council == council.id);
    posts.fold((0.0, 0), |(f, s), p| {
        (
            f + p.fte,
            s + (p.salary.pence() as f64 * p.fte).round() as i64,
        )
    })
}

fn no_errors(plan: &Plan) {
    let errors: Vec<String> = validate(plan)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// The 2024 junior staff return of Northam District Council, as published: an unnamed index
/// column first, the organogram headings, the council in "Organisation", a row with a grade and
/// no job title. By hand, FTE 4.5 + 6 + 3 + 2.5 + 5 + 2 + 1 = 24.0; salaries at the midpoints:
/// Accountant £31,962.50 x 4.5 = £143,831.25, Finance Assistant £25,237.50 x 6 = £151,425,
/// HR Adviser £28,575 x 3 = £85,725, HR Assistant £23,503.50 x 2.5 = £58,758.75, IT Support
/// Analyst £31,962.50 x 5 = £159,812.50, Solicitor £39,207 x 2 = £78,414 and the Grade 4 row
/// £25,237.50: £703,204.00 in all.
#[test]
fn a_junior_staff_return_reads_as_published() {
    let checked = import("junior-northam-2024.csv", &empty_plan(), "");
    let plan = &checked.plan;
    no_errors(plan);
    assert_eq!(plan.councils.len(), 1);
    assert_eq!(plan.councils[0].name, "Northam District Council");
    let (fte, salaries) = council_totals(plan, "Northam District Council");
    assert!((fte - 24.0).abs() < 1e-9, "{fte}");
    assert_eq!(salaries, 70_320_400, "£703,204.00");
    // Every row is filled by people the plan does not name: none is a vacancy.
    assert!(plan.posts.iter().all(|p| p.unnamed && p.holder.is_none()));
    // Rows of more than one FTE are groups, as the file gave them; the two of 1.0 are posts.
    assert_eq!(plan.posts.iter().filter(|p| p.group.is_some()).count(), 6);
    let accountants = plan
        .posts
        .iter()
        .find(|p| p.title == "Accountant")
        .expect("the accountants' row");
    assert!((accountants.fte - 4.5).abs() < 1e-12);
    let range = accountants.pay_range.expect("its pay range");
    assert_eq!(
        (range.minimum, range.maximum),
        (Money::pounds(30_559), Money::pounds(33_366))
    );
    assert_eq!(accountants.salary, Money(3_196_250), "the midpoint");
    // The grade names a role when the row has no job title.
    assert!(plan.roles.iter().any(|r| r.title == "Grade 4"));
    // Functions from the professional group.
    let function_of = |title: &str| {
        let post = plan.posts.iter().find(|p| p.title == title).expect(title);
        plan.function(&post.function)
            .expect("its function")
            .name
            .clone()
    };
    assert_eq!(function_of("IT Support Analyst"), "IT");
    assert_eq!(function_of("HR Adviser"), "HR");
    assert_eq!(function_of("Solicitor"), "Legal");
    assert!(
        checked
            .notes
            .iter()
            .any(|n| n.contains("no date of birth or service start: taken as filled")),
        "{:?}",
        checked.notes
    );
    // The import designs no target: every role keeps today's FTE and the plan saves nothing.
    assert!(plan.roles.iter().all(|r| r.target_from_establishment));
    let o = engine::evaluate_base(plan);
    assert_eq!(o.totals.recurring_saving, Money::ZERO);
    assert_eq!(o.totals.one_off_cost, Money::ZERO);
    assert_eq!(o.councils[0].salary_cost, Money(70_320_400));
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == FlagKind::AssumedWorkforceProfile)
    );
}

/// The 2012 return of Southam Borough Council: no index column, a pound sign read in the wrong
/// encoding ("(Â£)"), "Number of posts in FTE", "Profession", money written "£29,439", CRLF
/// line ends. By hand, FTE 3 + 4 + 2 + 3.5 + 1.5 + 0.5 = 14.5; salaries £91,354.50 + £100,950
/// + £54,120 + £115,536.75 + £53,611.50 + £11,751.75 = £427,324.50.
#[test]
fn an_older_return_with_its_own_headings_reads_too() {
    let checked = import("junior-southam-2012.csv", &empty_plan(), "");
    let plan = &checked.plan;
    no_errors(plan);
    let (fte, salaries) = council_totals(plan, "Southam Borough Council");
    assert!((fte - 14.5).abs() < 1e-9, "{fte}");
    assert_eq!(salaries, 42_732_450, "£427,324.50");
    let it = plan
        .posts
        .iter()
        .find(|p| p.title == "IT Support Analyst")
        .expect("the IT row");
    assert_eq!(
        plan.function(&it.function).map(|f| f.name.as_str()),
        Some("IT")
    );
    // Half a legal assistant is one post, not a group.
    let half = plan
        .posts
        .iter()
        .find(|p| p.title == "Legal Assistant")
        .expect("the legal assistant");
    assert!(half.group.is_none() && (half.fte - 0.5).abs() < 1e-12);
}

/// The senior staff return: one row a post with its pay band, a name column that says
/// "Vacant", "N/D", "N/A" or "Eliminated", and "Salary Cost of Reports", which is not the post's
/// salary. By hand, four posts (the eliminated Head of Legal left out), FTE 1 + 1 + 1 + 0.8 =
/// 3.8; salaries at the band midpoints £97,499.50 + £72,499.50 + £67,499.50 + £67,499.50 x 0.8
/// (£53,999.60) = £291,498.10; one vacancy, the Head of HR.
#[test]
fn a_senior_staff_return_reads_its_names_only_for_vacancies() {
    let checked = import("senior-northam-2024.csv", &empty_plan(), "");
    let plan = &checked.plan;
    no_errors(plan);
    assert_eq!(plan.posts.len(), 4);
    let (fte, salaries) = council_totals(plan, "Northam District Council");
    assert!((fte - 3.8).abs() < 1e-9, "{fte}");
    assert_eq!(salaries, 29_149_810, "£291,498.10");
    let vacant: Vec<&str> = plan
        .posts
        .iter()
        .filter(|p| !p.is_filled())
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(vacant, ["Head of HR"]);
    assert!(
        plan.posts.iter().any(|p| p.id == "NDC-S01"),
        "the post's own reference"
    );
    assert!(
        checked.notes.iter().any(|n| n.contains("Eliminated")),
        "{:?}",
        checked.notes
    );
    let headings = checked.headings.as_ref().expect("headings");
    let salary_column = headings
        .columns
        .iter()
        .find(|c| c.heading.starts_with("Salary Cost of Reports"))
        .expect("the column");
    assert_eq!(salary_column.used, import::headings::Use::Unused);
    // Names are never kept.
    let text = merger_planner::persist::plan_file::to_text(plan).expect("the plan as text");
    assert!(!text.contains("Alex Morgan"));
}

/// One file with two organisations gives two councils. By hand: Northam 2 + 1.5 = 3.5 FTE,
/// £31,962.50 x 2 + £28,575 x 1.5 = £106,787.50; Southam 3 + 0.5 = 3.5 FTE, £30,451.50 x 3 +
/// £33,010.50 x 0.5 = £107,859.75.
#[test]
fn a_file_with_two_organisations_gives_two_councils() {
    let checked = import("junior-two-organisations.csv", &empty_plan(), "");
    let plan = &checked.plan;
    no_errors(plan);
    assert_eq!(plan.councils.len(), 2);
    let (fte, salaries) = council_totals(plan, "Northam District Council");
    assert!((fte - 3.5).abs() < 1e-9);
    assert_eq!(salaries, 10_678_750);
    let (fte, salaries) = council_totals(plan, "Southam Borough Council");
    assert!((fte - 3.5).abs() < 1e-9);
    assert_eq!(salaries, 10_785_975);
    // Both councils' accountants join one role, whose target is their FTE together.
    let accountant = plan
        .roles
        .iter()
        .find(|r| r.title == "Accountant")
        .expect("the role");
    assert!((accountant.target_fte - 5.0).abs() < 1e-9);
    assert_eq!(
        engine::evaluate_base(plan).totals.recurring_saving,
        Money::ZERO
    );
}

/// Whichever council is imported first, every role keeps both councils' FTE and the plan
/// saves nothing: an import never designs the target.
#[test]
fn the_import_order_designs_nothing() {
    let both = |first: &str, second: &str| {
        let one = import(first, &empty_plan(), "").plan;
        let two = import(second, &one, "").plan;
        let mut targets: Vec<(String, f64)> = two
            .roles
            .iter()
            .map(|r| (r.title.clone(), r.target_fte))
            .collect();
        targets.sort_by(|a, b| a.0.cmp(&b.0));
        let o = engine::evaluate_base(&two);
        assert_eq!(
            o.totals.recurring_saving,
            Money::ZERO,
            "{first} then {second}"
        );
        assert_eq!(o.totals.one_off_cost, Money::ZERO);
        targets
    };
    let a = both("junior-northam-2024.csv", "junior-southam-2012.csv");
    let b = both("junior-southam-2012.csv", "junior-northam-2024.csv");
    assert_eq!(a, b);
    let accountant = a.iter().find(|(t, _)| t == "Accountant").expect("the role");
    assert!((accountant.1 - 7.5).abs() < 1e-9, "4.5 + 3");
}

/// A council that pays its published posts at the top of their ranges is paid so.
#[test]
fn a_council_s_pay_point_sets_its_ranged_salaries() {
    let one = import("junior-northam-2024.csv", &empty_plan(), "").plan;
    let mut plan = one.clone();
    plan.councils[0].pay_point = PayPoint::Maximum;
    plan.posts.retain(|p| p.title == "Solicitor");
    plan.posts[0].id = "OLD".to_owned();
    let options = Options {
        placement: merger_planner::import::establishment::Placement::Replace,
        ..Options::default()
    };
    let (_, checked) = import::import_file(
        &fixture("junior-northam-2024.csv"),
        &ReadSettings::default(),
        ImportKind::Establishment,
        &plan,
        &options,
    )
    .expect("reads");
    assert!(checked.can_import());
    let solicitor = checked
        .plan
        .posts
        .iter()
        .find(|p| p.title == "Solicitor")
        .expect("the solicitors");
    assert_eq!(solicitor.salary, Money::pounds(40_476), "the maximum");
}

/// Structure > Propose a target structure…, "the larger council's establishment": each role's
/// target is the most FTE one council has in it (accountants: Northam 2.0, Southam 3.0, so 3.0),
/// set by the director from then on; a share of today's rounds to two places.
#[test]
fn a_proposed_structure_keeps_the_larger_council_s_establishment() {
    use merger_planner::document::edit::{Proposal, propose_targets};
    let plan = import("junior-two-organisations.csv", &empty_plan(), "").plan;
    // The plan after a proposal's edit.
    let proposing = |how| {
        let mut out = plan.clone();
        for patch in propose_targets(&plan, how).patches {
            let _undo = patch.apply(&mut out);
        }
        out
    };
    let proposed = proposing(Proposal::LargerCouncil);
    let target = |plan: &Plan, title: &str| {
        plan.roles
            .iter()
            .find(|r| r.title == title)
            .map(|r| (r.target_fte, r.target_from_establishment))
            .expect(title)
    };
    assert_eq!(target(&proposed, "Accountant"), (3.0, false));
    assert_eq!(target(&proposed, "HR Adviser"), (1.5, false));
    let o = engine::evaluate_base(&proposed);
    assert!(
        (o.totals.flows.compulsory - 2.0).abs() < 1e-9,
        "5 accountants to 3"
    );
    assert!(o.totals.recurring_saving > Money::ZERO);
    assert!(
        o.totals.one_off_cost > Money::ZERO,
        "indicative, but never nothing"
    );
    let shared = proposing(Proposal::ShareOfToday(0.85));
    assert!((target(&shared, "Accountant").0 - 4.25).abs() < 1e-12);
    assert!(
        (target(&shared, "HR Adviser").0 - 1.28).abs() < 1e-12,
        "1.275 to two places, halves up"
    );
}

/// What changed between a grouped establishment and the named one that replaced it names which
/// was indicative and which is exact.
#[test]
fn what_changed_names_indicative_and_exact() {
    use merger_planner::figures::words::versions_named;
    let grouped = import("junior-two-organisations.csv", &empty_plan(), "").plan;
    let mut named = grouped.clone();
    for p in &mut named.posts {
        p.unnamed = false;
    }
    let (was, is, sentence) = versions_named(&grouped, &named);
    assert_eq!(was, "The file (indicative)");
    assert_eq!(is, "This plan (exact)");
    assert!(sentence.is_some_and(|s| s.contains("exact, from the named establishment")));
    let (was, is, sentence) = versions_named(&named, &named);
    assert_eq!(
        (was.as_str(), is.as_str(), sentence),
        ("The file", "This plan", None)
    );
}

/// A plan's establishment written out (Establishment > Export) reads back as it was: groups with
/// their FTE and headcount, pay ranges, unnamed holders and vacancies.
#[test]
fn an_establishment_with_groups_goes_out_and_back() {
    let mut plan = import("senior-northam-2024.csv", &empty_plan(), "").plan;
    let more = import("junior-northam-2024.csv", &empty_plan(), "").plan;
    plan.posts.extend(more.posts);
    plan.roles.extend(more.roles);
    plan.posts[5].group = Some(merger_planner::model::Group {
        headcount: Some(6.0),
    });
    let csv = merger_planner::import::template::establishment_csv(&plan);
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("out.csv");
    std::fs::write(&path, csv).expect("written");
    let (_, back) = import::import_file(
        &path,
        &ReadSettings::default(),
        ImportKind::Establishment,
        &empty_plan(),
        &Options::default(),
    )
    .expect("reads");
    assert!(back.can_import(), "{:?}", back.problems.listed);
    let shape = |plan: &Plan| {
        let mut posts: Vec<_> = plan
            .posts
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    (p.fte * 100.0).round() as i64,
                    p.salary,
                    p.pay_range,
                    p.group,
                    p.unnamed,
                    p.is_filled(),
                )
            })
            .collect();
        posts.sort_by(|a, b| a.0.cmp(&b.0));
        posts
    };
    assert_eq!(shape(&back.plan), shape(&plan));
}
