//! The example plans in saves/ open, validate cleanly and read like plans a director would
//! recognise; the built-in example is the Bournemouth and Poole plan.

use std::path::Path;

use merger_planner::engine::evaluate_base;
use merger_planner::example;
use merger_planner::model::{CostShare, Severity, validate};
use merger_planner::persist::plan_file;

fn open(name: &str) -> merger_planner::model::Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join(name);
    plan_file::open(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn errors(plan: &merger_planner::model::Plan) -> Vec<String> {
    validate(plan)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn bournemouth_poole_opens_without_errors() {
    let plan = open("bournemouth-poole.ron");
    assert_eq!(errors(&plan), Vec::<String>::new());
    assert_eq!(plan.councils.len(), 2);
    assert_eq!(plan.functions.len(), 5);
    assert_eq!(plan.assumptions.cost_share, CostShare::Equal);
    assert_eq!(plan.programme.go_live.to_string(), "2018-04-01");
    let per_council = |id: &str| plan.posts.iter().filter(|p| p.council == id).count();
    assert!(
        (200..=500).contains(&per_council("bournemouth")),
        "a few hundred posts each"
    );
    assert!((200..=500).contains(&per_council("poole")));
    let o = evaluate_base(&plan);
    assert!(o.totals.recurring_saving.pence() > 0);
    assert!(
        o.totals.payback_years.is_some_and(|y| y > 0.2 && y < 5.0),
        "payback {:?}",
        o.totals.payback_years
    );
    // Costs and savings shared 50:50, as the councils agreed: their savings differ by at most a
    // penny per function.
    assert_eq!(
        plan.assumptions.split_method,
        merger_planner::model::SplitMethod::CostsAndSavings
    );
    let savings: Vec<i64> = o
        .councils
        .iter()
        .map(|c| c.recurring_saving.pence())
        .collect();
    assert!((savings[0] - savings[1]).abs() <= 5);
}

#[test]
fn the_built_in_example_is_the_saved_bournemouth_poole_plan() {
    assert_eq!(
        merger_planner::document::example_plan(),
        open("bournemouth-poole.ron")
    );
}

#[test]
fn reorganisation_opens_without_errors() {
    let plan = open("northshire-reorganisation.ron");
    assert_eq!(errors(&plan), Vec::<String>::new());
    assert!(
        plan.councils.len() >= 6,
        "a county and at least five districts"
    );
    assert!(plan.posts.len() >= 3000, "several thousand posts");
    let o = evaluate_base(&plan);
    assert!(o.totals.recurring_saving.pence() > 0);
}

#[test]
fn the_generator_reproduces_the_saved_examples() {
    // saves/ is rewritten from the generator; if they drift apart, a regeneration would silently
    // change the examples everyone has seen.
    assert_eq!(example::bournemouth_poole(), open("bournemouth-poole.ron"));
    assert_eq!(
        example::reorganisation(7, 4200, 2028),
        open("northshire-reorganisation.ron")
    );
    assert_eq!(example::southampton_pay(), open("southampton-pay.ron"));
}

/// Rewrites the example plans from the generator: `cargo test --test saves -- --ignored`.
#[test]
#[ignore = "rewrites saves/; run by hand when the generator changes"]
fn regenerate_saves() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    plan_file::save(
        &dir.join("bournemouth-poole.ron"),
        &example::bournemouth_poole(),
    )
    .unwrap();
    plan_file::save(
        &dir.join("northshire-reorganisation.ron"),
        &example::reorganisation(7, 4200, 2028),
    )
    .unwrap();
    plan_file::save(
        &dir.join("southampton-pay.ron"),
        &example::southampton_pay(),
    )
    .unwrap();
}

#[test]
fn southampton_cuts_pay_by_band_to_save_jobs() {
    let plan = open("southampton-pay.ron");
    assert_eq!(errors(&plan), Vec::<String>::new());
    assert_eq!(plan.councils.len(), 1);
    let o = evaluate_base(&plan);
    let change = o.pay_change.expect("the plan cuts pay");
    assert!(
        change.saving.pence() > 0 && change.people > 500,
        "{change:?}"
    );
    // Nobody leaves in the base: the cut is the saving (with any pay harmonisation).
    assert!(o.totals.flows.compulsory.abs() < 1e-9 && o.totals.flows.voluntary.abs() < 1e-9);
    assert_eq!(o.waterfall.pay_change, change.saving);
    // Cutting posts instead saves about the same a year, but costs money once and people.
    let jobs = plan.scenario("Job cuts instead").expect("the scenario");
    let cut = merger_planner::engine::evaluate(&plan, &jobs);
    assert!(cut.pay_change.is_none());
    let ratio =
        cut.totals.recurring_saving.pence() as f64 / o.totals.recurring_saving.pence() as f64;
    assert!((0.7..1.3).contains(&ratio), "comparable savings: {ratio}");
    assert!(cut.totals.one_off_cost > o.totals.one_off_cost);
    // Imposed by dismissal and re-engagement, everyone it applies to counts for consultation.
    let imposed = merger_planner::engine::evaluate(
        &plan,
        &plan
            .scenario("Dismissal and re-engagement")
            .expect("the scenario"),
    );
    assert!(imposed.councils[0].proposed_redundancies >= change.people);
    assert_eq!(imposed.councils[0].timetable.consultation_days, 45);
}

#[test]
fn a_generated_20_council_plan_has_unique_post_ids_and_no_errors() {
    // Northshire and Northam share their first three letters: their ids must not clash.
    let plan = example::reorganisation(20, 3000, 1);
    assert_eq!(plan.councils.len(), 20);
    assert_eq!(errors(&plan), Vec::<String>::new());
}
