//! Helpers shared by the integration tests: small hand-made plans.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use jiff::civil::{Date, date};
use merger_planner::model::{
    Colour, Council, Money, Monitoring, PayBasis, Plan, Post, Postholder, Programme,
    RedundancyScheme, Role, TargetPay,
};

/// A council with a statutory scheme and LGPS rate.
pub fn council(id: &str, lgps: f64, scheme: RedundancyScheme) -> Council {
    Council {
        id: id.to_owned(),
        name: format!("{id} Council"),
        short_name: id.to_owned(),
        colour: Colour::for_index(0),
        scheme,
        lgps_employer_rate: lgps,
        min_service_for_vr_years: 2,
        cost_share_weight: 1.0,
        assumed: false,
        recognised_unions: Vec::new(),
        pay_point: merger_planner::model::PayPoint::Midpoint,
        workforce: merger_planner::model::WorkforceProfile::default(),
    }
}

/// A role.
pub fn role(id: &str, function: &str, target_fte: f64, pay: TargetPay) -> Role {
    Role {
        id: id.to_owned(),
        function: function.to_owned(),
        title: id.to_owned(),
        target_fte,
        pay,
        target_from_establishment: false,
    }
}

/// A person for a filled post.
pub fn holder(dob: Date, service_start: Date) -> Postholder {
    Postholder {
        date_of_birth: dob,
        service_start,
        lgps_member: true,
        notice_weeks: 0,
        vr_interest: false,
        critical: false,
        strain_quote: None,
        monitoring: Monitoring::default(),
    }
}

/// A post.
pub fn post(id: &str, council: &str, role: &str, salary: i64, holder: Option<Postholder>) -> Post {
    Post {
        id: id.to_owned(),
        council: council.to_owned(),
        function: "finance".to_owned(),
        role: role.to_owned(),
        title: role.to_owned(),
        grade: String::new(),
        fte: 1.0,
        salary: Money::pounds(salary),
        holder,
        unnamed: false,
        group: None,
        pay_range: None,
    }
}

/// The worked example of tests/engine.rs: councils A and B merge finance.
///
/// - Head of finance: target 1 at £100,000. A's head (£90,000) stays; B's head (£95,000,
///   born 1 May 1975, service from 1 April 2016) volunteers.
/// - Accountant: target 2, harmonised to the highest salary. A has two (£40,000), B one
///   (£42,000) and a vacancy (£40,000).
/// - All LGPS members; A's rate 20%, B's 25%. B pays VR at actual pay x2 up to 104 weeks.
/// - Consultation from 1 October 2025, go-live 1 April 2026, no redeployment.
pub fn worked_example() -> Plan {
    let mut plan = Plan::new(
        "Worked example",
        Programme {
            consultation_start: date(2025, 10, 1),
            go_live: date(2026, 4, 1),
        },
    );
    plan.councils = vec![
        council("A", 0.20, RedundancyScheme::default()),
        council(
            "B",
            0.25,
            RedundancyScheme {
                pay_basis: PayBasis::Actual,
                vr_multiplier: 2.0,
                cr_multiplier: 1.0,
                max_weeks: 104.0,
            },
        ),
    ];
    plan.roles = vec![
        role(
            "head",
            "finance",
            1.0,
            TargetPay::Salary(Money::pounds(100_000)),
        ),
        role("accountant", "finance", 2.0, TargetPay::HarmoniseHighest),
    ];
    let mut b_head = holder(date(1975, 5, 1), date(2016, 4, 1));
    b_head.vr_interest = true;
    b_head.notice_weeks = 12;
    plan.posts = vec![
        post(
            "A1",
            "A",
            "head",
            90_000,
            Some(holder(date(1970, 1, 1), date(2000, 1, 1))),
        ),
        post("B1", "B", "head", 95_000, Some(b_head)),
        post(
            "A2",
            "A",
            "accountant",
            40_000,
            Some(holder(date(1985, 3, 1), date(2010, 3, 1))),
        ),
        post(
            "A3",
            "A",
            "accountant",
            40_000,
            Some(holder(date(1992, 7, 1), date(2015, 7, 1))),
        ),
        post(
            "B2",
            "B",
            "accountant",
            42_000,
            Some(holder(date(1979, 11, 1), date(2005, 11, 1))),
        ),
        post("B3", "B", "accountant", 40_000, None),
    ]
    .into();
    plan.assumptions.redeployment_rate = 0.0;
    plan
}

/// Asserts `problems` holds an error on each of `fields`.
pub fn assert_errors_on(problems: &[merger_planner::model::Problem], fields: &[&str]) {
    for field in fields {
        assert!(
            problems.iter().any(|p| {
                p.severity == merger_planner::model::Severity::Error && p.field == *field
            }),
            "{field}: {problems:?}"
        );
    }
}
