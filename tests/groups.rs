//! Published and grouped establishments: a group of posts held by people the plan does not name,
//! costed from a workforce profile (docs/rules.md, "Workforce profile").

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize};

use common::{council, role};
use jiff::civil::date;
use merger_planner::engine::{self, FlagKind, risk};
use merger_planner::model::{
    Group, Money, Plan, Post, Programme, RedundancyScheme, Scenario, TargetPay, WorkforceProfile,
};

/// One council's finance officers published as one row: 4.5 FTE at £30,000, holders unnamed,
/// cut to 2.0 FTE. The profile puts everyone aged 45 to 54 (costed at 50), half with 5 to 9
/// years' service (costed at 7) and half with 10 to 19 (costed at 14), none in the LGPS, on
/// contracts of 0.75 FTE: so the group is 6 people on £22,500 a year.
fn grouped() -> Plan {
    let mut plan = Plan::new(
        "Grouped",
        Programme {
            consultation_start: date(2025, 10, 1),
            go_live: date(2026, 1, 1),
        },
    );
    let mut a = council("A", 0.2, RedundancyScheme::default());
    a.workforce = WorkforceProfile {
        age: [0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        service: [0.0, 0.0, 0.5, 0.5, 0.0],
        lgps_members: 0.0,
        average_contract_fte: 0.75,
        source: "test".to_owned(),
    };
    plan.councils = vec![a];
    plan.roles = vec![role("officer", "finance", 2.0, TargetPay::HarmoniseHighest)];
    plan.posts = vec![Post {
        id: "A-G1".to_owned(),
        council: "A".to_owned(),
        function: "finance".to_owned(),
        role: "officer".to_owned(),
        title: "Finance officer".to_owned(),
        grade: "Grade 6".to_owned(),
        fte: 4.5,
        salary: Money::pounds(30_000),
        holder: None,
        unnamed: true,
        group: Some(Group { headcount: None }),
        pay_range: None,
    }]
    .into();
    plan.assumptions.redeployment_rate = 0.0;
    plan.assumptions.vr_take_up = 0.0;
    plan.assumptions.implementation_costs.clear();
    plan
}

fn base() -> Scenario {
    Scenario {
        name: Scenario::BASE.to_owned(),
        ..Scenario::default()
    }
}

/// Worked by hand. Exit at go-live, 1 January 2026 (10 weeks' statutory notice at the profile's
/// mean service of 10.5 years ends on 10 December 2025; 4 people proposed owe no collective
/// consultation). A week's pay: £22,500 / 52 = £432.69 (under the £719 cap).
/// - Costed at 50 with 7 years: every year at 41 or over, 7 x 1.5 = 10.5 weeks:
///   10.5 x £432.69 = £4,543.245, £4,543.25 to the penny.
/// - At 50 with 14 years: the nine years from 2 January 2017 at 1.5 and five at 1.0 (the
///   person turned 41 in April 2016): 18.5 weeks, 18.5 x £432.69 = £8,004.765, £8,004.77.
/// - Expected per person: (£4,543.25 + £8,004.77) / 2 = £6,274.01.
/// - 2.5 FTE leave of 4.5: 2.5 / 0.75 = 3 1/3 people, £6,274.01 x 10 / 3 = £20,913.37 (the
///   group's 6 people cost £37,644.06, of which 5/9 is expected to go).
/// - Nobody is vacant: the holders are unknown, not absent. Dismissals count as whole people:
///   3 1/3 rounds up to 4.
#[test]
fn a_group_cut_to_two_fte_costs_its_expected_redundancy_pay() {
    let plan = grouped();
    assert!(
        merger_planner::model::validate(&plan)
            .iter()
            .all(|p| p.severity != merger_planner::model::Severity::Error)
    );
    let o = engine::evaluate(&plan, &base());
    assert!(
        o.totals.flows.vacancies_deleted.abs() < 1e-12,
        "no vacancy invented"
    );
    assert!((o.totals.flows.compulsory - 2.5).abs() < 1e-9);
    assert_eq!(o.one_off.pension_strain, Money::ZERO);
    assert_eq!(o.one_off.class1a_ni, Money::ZERO);
    let pay = o.one_off.redundancy_pay.pence();
    assert!(
        (pay - 2_091_337).abs() <= 1,
        "expected £20,913.37, got {}",
        o.one_off.redundancy_pay
    );
    let t = &o.councils[0].timetable;
    assert_eq!(t.proposed, 4, "3 1/3 people rounded up");
    assert_eq!(t.last_exit, Some(date(2026, 1, 1)));
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == FlagKind::AssumedWorkforceProfile && f.message.contains("4.5 FTE")),
        "{:?}",
        o.flags
    );
}

/// The Monte Carlo run draws the 6 people's service from the profile: k of them at 14 years
/// is Binomial(6, 1/2), and the expected weeks a person are 10.5 + 8k/6. P(k <= 1) = 7/64 and
/// P(k >= 5) = 7/64, so over 2,000 draws the 10th percentile falls on k = 1 and the 90th on
/// k = 5:
/// - P10: 10 / 3 x £432.69 x (10.5 + 8/6) = £17,067.2 (to about a pound: each cell is paid to
///   the penny);
/// - P90: 10 / 3 x £432.69 x (10.5 + 40/6) = £24,759.5.
#[test]
fn the_range_comes_from_drawing_the_people_from_the_profile() {
    let plan = grouped();
    let r = risk::run(
        &plan,
        &base(),
        risk::Settings {
            threads: 1,
            ..risk::Settings::default()
        },
        &AtomicUsize::new(0),
        &AtomicBool::new(false),
    )
    .expect("not cancelled");
    let weeks_cost = |weeks: f64| 10.0 / 3.0 * 432.69 * weeks;
    let (p10, p90) = (r.one_off_cost.p10, r.one_off_cost.p90);
    assert!(
        (p10 - weeks_cost(10.5 + 8.0 / 6.0)).abs() < 1.0,
        "P10 {p10}"
    );
    assert!(
        (p90 - weeks_cost(10.5 + 40.0 / 6.0)).abs() < 1.0,
        "P90 {p90}"
    );
    assert!(p10 < r.one_off_cost.p50 && r.one_off_cost.p50 < p90);
    // The people dismissed are the group's people, 3 1/3, in every draw.
    assert!((r.compulsory_people.p50 - 10.0 / 3.0).abs() < 1e-9);
    assert!(r.profiled);
    assert!(
        risk::has_ranges(&plan, &base()),
        "a profile alone gives the papers a run"
    );
}

/// A filled post is never taken as vacant because its holder is unknown: a single post held by
/// someone unnamed costs its expected redundancy, and its deletion is not a vacancy's.
#[test]
fn an_unnamed_single_post_is_filled() {
    let mut plan = grouped();
    plan.posts[0].group = None;
    plan.posts[0].fte = 1.0;
    plan.roles[0].target_fte = 0.0;
    let o = engine::evaluate(&plan, &base());
    assert!(
        o.totals.flows.vacancies_deleted.abs() < 1e-12,
        "no vacancy invented"
    );
    assert!((o.totals.flows.compulsory - 1.0).abs() < 1e-9);
    // One person on £30,000: a week's pay £576.92, 14.5 weeks expected.
    let expected = (10.5 * 576.92_f64 * 100.0).round() + (18.5 * 576.92_f64 * 100.0).round();
    assert!(
        (o.one_off.redundancy_pay.pence() as f64 - expected / 2.0).abs() <= 1.0,
        "{}",
        o.one_off.redundancy_pay
    );
    assert_eq!(o.councils[0].timetable.proposed, 1);
}

/// A group's FTE may pass 1; a single post's may not; a group may not have a named holder.
#[test]
fn validation_knows_groups() {
    let mut plan = grouped();
    assert!(
        merger_planner::model::validate(&plan)
            .iter()
            .all(|p| p.severity != merger_planner::model::Severity::Error)
    );
    plan.posts[0].group = None;
    common::assert_errors_on(&merger_planner::model::validate(&plan), &["fte"]);
    let mut plan = grouped();
    plan.posts[0].group = Some(Group {
        headcount: Some(2.0),
    });
    common::assert_errors_on(&merger_planner::model::validate(&plan), &["group"]);
}
