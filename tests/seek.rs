//! Goal seek on a plan small enough to work by hand: which cuts reach a saving with the fewest
//! compulsory redundancies, then the lowest one-off cost, and what to say when none can.

#![allow(
    clippy::float_cmp,
    reason = "the targets are whole and half FTE, exactly"
)]

mod common;

use jiff::civil::date;
use merger_planner::engine::seek::{Goal, seek};
use merger_planner::engine::{evaluate, evaluate_base};
use merger_planner::model::{Money, Plan, Scenario, TargetPay};

/// One council's finance: six clerks at £25,000 (two posts vacant, one clerk of 58 asking for
/// VR) and four officers at £40,000 (one vacant); the targets keep everyone.
fn plan() -> Plan {
    let mut plan = common::worked_example();
    plan.councils.truncate(1);
    plan.roles = vec![
        common::role(
            "clerk",
            "finance",
            6.0,
            TargetPay::Salary(Money::pounds(25_000)),
        ),
        common::role(
            "officer",
            "finance",
            4.0,
            TargetPay::Salary(Money::pounds(40_000)),
        ),
    ];
    let person = |born| Some(common::holder(date(born, 6, 1), date(2012, 1, 1)));
    let mut volunteer = common::holder(date(1968, 6, 1), date(2000, 1, 1));
    volunteer.vr_interest = true;
    plan.posts = vec![
        common::post("C1", "A", "clerk", 25_000, None),
        common::post("C2", "A", "clerk", 25_000, None),
        common::post("C3", "A", "clerk", 25_000, Some(volunteer)),
        common::post("C4", "A", "clerk", 25_000, person(1980)),
        common::post("C5", "A", "clerk", 25_000, person(1985)),
        common::post("C6", "A", "clerk", 25_000, person(1990)),
        common::post("O1", "A", "officer", 40_000, None),
        common::post("O2", "A", "officer", 40_000, person(1975)),
        common::post("O3", "A", "officer", 40_000, person(1982)),
        common::post("O4", "A", "officer", 40_000, person(1988)),
    ];
    plan
}

/// A role's cost a year for each FTE of its target (pay with on-costs), as the engine has it.
fn per_fte(plan: &Plan, role: usize) -> f64 {
    let o = evaluate_base(plan);
    o.roles[role].target_cost.as_pounds() / o.roles[role].target_fte
}

fn base() -> Scenario {
    plan().scenario(Scenario::BASE).expect("the base scenario")
}

fn target(p: &merger_planner::engine::seek::Proposal, role: &str) -> f64 {
    p.scenario.target_overrides[role]
}

#[test]
fn the_vacancies_and_the_volunteer_come_first_and_nothing_else() {
    let plan = plan();
    let (clerk, officer) = (per_fte(&plan, 0), per_fte(&plan, 1));
    // Deleting the three vacancies and letting the volunteer go saves 3 clerks and 1 officer.
    let saving = Money::from_pounds_f64(3.0 * clerk + officer);
    let goal = Goal {
        saving,
        ..Goal::default()
    };
    let p = seek(&plan, &base(), &goal, "Save by vacancies").unwrap();
    assert_eq!(target(&p, "clerk"), 3.0);
    assert_eq!(target(&p, "officer"), 3.0);
    assert_eq!(p.compulsory_fte, 0.0);
    assert_eq!(p.voluntary_fte, 1.0);
    assert!(
        (p.saving - saving).pence().abs() <= 100,
        "{} against {}",
        p.saving,
        saving
    );
    // The engine's own figures for the scenario proposed.
    let o = evaluate(&plan, &p.scenario);
    assert_eq!(o.totals.recurring_saving, p.saving);
    assert_eq!(o.totals.one_off_cost, p.one_off);
    assert_eq!(p.scenario.name, "Save by vacancies");
    assert!(p.scenario.description.contains("fewest compulsory"));
    // It says what it changes from the scenario sought from.
    let changed: Vec<(&str, f64, f64)> = p
        .changes
        .iter()
        .map(|c| (c.role.as_str(), c.from, c.to))
        .collect();
    assert_eq!(changed, [("clerk", 6.0, 3.0), ("officer", 4.0, 3.0)]);
}

#[test]
fn past_them_the_fewest_compulsory_redundancies_cut_the_dearer_role() {
    let plan = plan();
    let (clerk, officer) = (per_fte(&plan, 0), per_fte(&plan, 1));
    // One more officer saves as much as 1.6 clerks: one compulsory FTE, not 1.6.
    let saving = Money::from_pounds_f64(3.0 * clerk + 2.0 * officer);
    let goal = Goal {
        saving,
        ..Goal::default()
    };
    let p = seek(&plan, &base(), &goal, "Deeper").unwrap();
    assert_eq!(target(&p, "clerk"), 3.0);
    assert_eq!(target(&p, "officer"), 2.0);
    assert!(
        (p.compulsory_fte - 1.0).abs() < 1e-9,
        "{}",
        p.compulsory_fte
    );
    assert!(p.saving >= saving - Money::pounds(1));
}

#[test]
fn an_impossible_goal_says_how_far_short_and_what_binds() {
    let plan = plan();
    let (clerk, officer) = (per_fte(&plan, 0), per_fte(&plan, 1));
    let most = 3.0 * clerk + officer;
    let goal = Goal {
        saving: Money::from_pounds_f64(most + 10_000.0),
        no_compulsory: true,
        ..Goal::default()
    };
    let short = seek(&plan, &base(), &goal, "Too far").unwrap_err();
    assert!(
        (short.most.as_pounds() - most).abs() < 1.0,
        "{}",
        short.most
    );
    assert!(
        (short.short_by.as_pounds() - 10_000.0).abs() < 1.0,
        "{}",
        short.short_by
    );
    assert_eq!(short.binding.len(), 1, "{:?}", short.binding);
    assert!(
        short.binding[0].starts_with("no compulsory redundancies: without it, up to"),
        "{:?}",
        short.binding
    );
    // With compulsory redundancies allowed, the goal is met, and with no constraint at all a
    // goal beyond every post is refused for the posts themselves.
    let goal = Goal {
        no_compulsory: false,
        ..goal
    };
    assert!(seek(&plan, &base(), &goal, "Allowed").is_ok());
    let everything = Goal {
        saving: Money::pounds(10_000_000),
        ..Goal::default()
    };
    let short = seek(&plan, &base(), &everything, "All").unwrap_err();
    assert!(
        short.binding[0].starts_with("the posts themselves"),
        "{:?}",
        short.binding
    );
}

#[test]
fn each_function_s_share_and_critical_posts_are_kept() {
    let mut plan = plan();
    // Two officers are critical: the officers cannot go below 2.
    for id in ["O2", "O3"] {
        let post = plan.posts.iter_mut().find(|p| p.id == id).unwrap();
        post.holder.as_mut().unwrap().critical = true;
    }
    let goal = Goal {
        saving: Money::pounds(10_000_000),
        ..Goal::default()
    };
    let short = seek(&plan, &base(), &goal, "All").unwrap_err();
    let (clerk, officer) = (per_fte(&plan, 0), per_fte(&plan, 1));
    assert!((short.most.as_pounds() - (6.0 * clerk + 2.0 * officer)).abs() < 1.0);
    // Finance kept at 70% of its 10 FTE: at most 3 FTE go; the vacancies are the cheapest.
    let goal = Goal {
        saving: Money::from_pounds_f64(2.0 * clerk + officer),
        min_function_share: Some(0.7),
        ..Goal::default()
    };
    let p = seek(&plan, &base(), &goal, "Share").unwrap();
    assert_eq!(target(&p, "clerk") + target(&p, "officer"), 7.0);
    assert_eq!(p.compulsory_fte, 0.0);
    assert_eq!(p.one_off, evaluate(&plan, &p.scenario).totals.one_off_cost);
}
