//! Incremental evaluation (docs/performance.md): an evaluation that reuses what the one before it
//! kept gives the same outcome, to the penny, as a full evaluation, after any sequence of edits;
//! and it reuses what it should, so its cost follows what changed.

use jiff::civil::date;
use merger_planner::engine::{Memo, Outcome, evaluate, evaluate_after};
use merger_planner::example;
use merger_planner::model::{Group, Money, Plan, Scenario, WorkforceProfile};
use proptest::prelude::*;

/// Every figure of an outcome, to the penny and the last bit of every share.
fn figures(o: &Outcome) -> String {
    serde_json::to_string(o).expect("an outcome is written as JSON")
}

/// One change a person might make between two evaluations.
#[derive(Clone, Debug)]
enum Edit {
    Salary(usize, i64),
    Fte(usize, f64),
    Vacate(usize),
    Volunteer(usize),
    Critical(usize),
    Unnamed(usize),
    Group(usize, f64),
    Role(usize, usize),
    Council(usize, usize),
    Born(usize, i64),
    Insert(usize),
    Remove(usize),
    Target(usize, f64),
    TakeUp(f64),
    Multiplier(usize, f64),
    Scenario(usize),
    Nothing,
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0usize..100_000;
    prop_oneof![
        4 => (i.clone(), 15_000i64..95_000).prop_map(|(i, s)| Edit::Salary(i, s)),
        2 => (i.clone(), prop::sample::select(vec![0.0, 0.4, 0.5, 1.0])).prop_map(|(i, f)| Edit::Fte(i, f)),
        2 => i.clone().prop_map(Edit::Vacate),
        2 => i.clone().prop_map(Edit::Volunteer),
        1 => i.clone().prop_map(Edit::Critical),
        1 => i.clone().prop_map(Edit::Unnamed),
        1 => (i.clone(), 2.0..12.0f64).prop_map(|(i, f)| Edit::Group(i, f)),
        2 => (i.clone(), 0usize..100).prop_map(|(i, r)| Edit::Role(i, r)),
        1 => (i.clone(), 0usize..100).prop_map(|(i, c)| Edit::Council(i, c)),
        1 => (i.clone(), -3_000i64..3_000).prop_map(|(i, d)| Edit::Born(i, d)),
        1 => i.clone().prop_map(Edit::Insert),
        1 => i.clone().prop_map(Edit::Remove),
        1 => (0usize..100, prop::sample::select(vec![0.0, 1.0, 4.5, 30.0])).prop_map(|(r, t)| Edit::Target(r, t)),
        1 => prop::sample::select(vec![0.0, 0.25, 0.6]).prop_map(Edit::TakeUp),
        1 => (0usize..100, prop::sample::select(vec![1.0, 1.75, 3.0])).prop_map(|(c, m)| Edit::Multiplier(c, m)),
        1 => (0usize..4).prop_map(Edit::Scenario),
        1 => Just(Edit::Nothing),
    ]
}

/// The scenarios the edits move between: the base, and three that change what every role's
/// choice of volunteers and every exit cost read.
fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: Scenario::BASE.to_owned(),
            ..Scenario::default()
        },
        Scenario {
            name: "Bumping, no compulsory".to_owned(),
            bumping: Some(true),
            compulsory_allowed: Some(false),
            ..Scenario::default()
        },
        Scenario {
            name: "Later, half redeployed".to_owned(),
            go_live: Some(date(2028, 10, 1)),
            redeployment_rate: Some(0.5),
            exit_slip_weeks: Some(6.0),
            ..Scenario::default()
        },
        Scenario {
            name: "Strain higher".to_owned(),
            strain_estimate_factor: Some(1.3),
            vr_take_up: Some(0.4),
            ..Scenario::default()
        },
    ]
}

/// Makes `e` to the plan (or chooses the scenario it names).
fn apply(plan: &mut Plan, scenario: &mut usize, e: &Edit, made: &mut usize) {
    let n = plan.posts.len();
    let roles = plan.roles.len();
    let councils = plan.councils.len();
    match *e {
        Edit::Salary(i, s) if n > 0 => plan.posts[i % n].salary = Money::pounds(s),
        Edit::Fte(i, f) if n > 0 => plan.posts[i % n].fte = f,
        Edit::Vacate(i) if n > 0 => plan.posts[i % n].holder = None,
        Edit::Volunteer(i) if n > 0 => {
            if let Some(h) = plan.posts[i % n].holder.as_mut() {
                h.vr_interest = !h.vr_interest;
            }
        }
        Edit::Critical(i) if n > 0 => {
            if let Some(h) = plan.posts[i % n].holder.as_mut() {
                h.critical = !h.critical;
            }
        }
        Edit::Unnamed(i) if n > 0 => {
            let p = &mut plan.posts[i % n];
            p.holder = None;
            p.unnamed = true;
        }
        Edit::Group(i, fte) if n > 0 => {
            let p = &mut plan.posts[i % n];
            p.fte = fte;
            p.holder = None;
            p.unnamed = true;
            p.group = Some(Group { headcount: None });
        }
        Edit::Role(i, r) if n > 0 && roles > 0 => {
            let role = &plan.roles[r % roles];
            let (id, function) = (role.id.clone(), role.function.clone());
            let p = &mut plan.posts[i % n];
            p.role = id;
            p.function = function;
        }
        Edit::Council(i, c) if n > 0 => {
            plan.posts[i % n].council = plan.councils[c % councils].id.clone();
        }
        Edit::Born(i, days) if n > 0 => {
            if let Some(h) = plan.posts[i % n].holder.as_mut() {
                h.date_of_birth = merger_planner::engine::dates::add_days(h.date_of_birth, days);
            }
        }
        Edit::Insert(i) => {
            *made += 1;
            let mut p = plan.posts[i % n.max(1)].clone();
            p.id = format!("NEW-{made:04}");
            plan.posts.insert(i % (n + 1), p);
        }
        Edit::Remove(i) if n > 1 => {
            plan.posts.remove(i % n);
        }
        Edit::Target(r, t) if roles > 0 => plan.roles[r % roles].target_fte = t,
        Edit::TakeUp(t) => plan.assumptions.vr_take_up = t,
        Edit::Multiplier(c, m) => plan.councils[c % councils].scheme.vr_multiplier = m,
        Edit::Scenario(s) => *scenario = s,
        _ => {}
    }
}

/// A plan of a county and some districts, with a workforce profile at one council so that
/// unnamed holders and groups of posts are costed from it.
fn plan(councils: usize, posts: usize, seed: u64) -> Plan {
    let mut plan = example::reorganisation(councils, posts, seed);
    plan.councils[0].workforce = WorkforceProfile {
        age: [0.05, 0.15, 0.25, 0.3, 0.2, 0.05],
        service: [0.2, 0.3, 0.2, 0.2, 0.1],
        lgps_members: 0.8,
        average_contract_fte: 0.85,
        source: "Workforce report, March 2027".to_owned(),
    };
    plan
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// After any sequence of edits to posts, roles, assumptions, councils and the scenario,
    /// evaluating with the last evaluation's memo gives the full evaluation's figures exactly.
    #[test]
    fn incremental_evaluation_equals_full_after_any_edits(
        councils in 2usize..5,
        seed in 0u64..1_000,
        edits in prop::collection::vec(edit(), 1..10),
    ) {
        let mut plan = plan(councils, 1_300, seed);
        let scenarios = scenarios();
        let mut chosen = 0;
        let mut memo = Memo::default();
        let mut made = 0;
        for e in &edits {
            apply(&mut plan, &mut chosen, e, &mut made);
            let scenario = &scenarios[chosen];
            let full = evaluate(&plan, scenario);
            let incremental = evaluate_after(&plan, scenario, &memo);
            prop_assert!(
                figures(&incremental.outcome) == figures(&full),
                "after {e:?}, the incremental figures differ from the full ones"
            );
            memo = incremental.memo;
        }
    }
}

/// The reorganisation plan with 3,000 posts, evaluated once with its memo.
fn evaluated() -> (Plan, Scenario, Memo) {
    let plan = plan(4, 3_000, 11);
    let scenario = scenarios().remove(0);
    let memo = evaluate_after(&plan, &scenario, &Memo::default()).memo;
    (plan, scenario, memo)
}

#[test]
fn an_edit_to_one_post_looks_up_that_post_and_chooses_its_roles_volunteers_again() {
    let (mut plan, scenario, memo) = evaluated();
    let first = evaluate_after(&plan, &scenario, &memo);
    let n = plan.posts.len();
    assert_eq!(
        first.reused.lookups, n,
        "nothing changed: every lookup kept"
    );
    assert_eq!(first.reused.selections, plan.roles.len());

    // A leaver's salary changes: their role chooses its volunteers again; every other role's
    // choice stands.
    let leaver = first
        .outcome
        .people
        .iter()
        .find(|p| p.share > 0.0)
        .expect("someone leaves");
    let i = leaver.post;
    plan.posts[i].salary = Money(plan.posts[i].salary.pence() + 123_456);
    let after = evaluate_after(&plan, &scenario, &first.memo);
    assert_eq!(after.reused.lookups, n - 1);
    assert_eq!(after.reused.selections, plan.roles.len() - 1);
    assert_eq!(
        figures(&after.outcome),
        figures(&evaluate(&plan, &scenario)),
        "and the figures are the full evaluation's"
    );

    // Moved to another role: both roles choose again.
    let other = plan
        .roles
        .iter()
        .find(|r| r.id != plan.posts[i].role)
        .expect("another role")
        .clone();
    plan.posts[i].role = other.id;
    plan.posts[i].function = other.function;
    let moved = evaluate_after(&plan, &scenario, &after.memo);
    assert_eq!(moved.reused.selections, plan.roles.len() - 2);
    assert_eq!(
        figures(&moved.outcome),
        figures(&evaluate(&plan, &scenario))
    );
}

#[test]
fn a_change_to_the_scenario_keeps_the_lookups_and_works_out_the_rest_again() {
    let (plan, _, memo) = evaluated();
    let other = scenarios().remove(3);
    let after = evaluate_after(&plan, &other, &memo);
    assert_eq!(after.reused.lookups, plan.posts.len());
    assert_eq!(after.reused.selections, 0);
    assert_eq!(figures(&after.outcome), figures(&evaluate(&plan, &other)));
}

#[test]
fn a_post_added_or_removed_starts_afresh() {
    let (mut plan, scenario, memo) = evaluated();
    plan.posts.remove(10);
    let after = evaluate_after(&plan, &scenario, &memo);
    assert_eq!(after.reused, merger_planner::engine::Reused::default());
    assert_eq!(
        figures(&after.outcome),
        figures(&evaluate(&plan, &scenario))
    );
}
