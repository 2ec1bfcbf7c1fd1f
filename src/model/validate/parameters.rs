//! The statutory parameters: every number in range, and each dated table in order.

use super::scenarios::money_in;
use super::{Checker, Location};
use crate::model::{Money, Plan, in_force};

/// Every number in the statutory parameters: finite and in the range its meaning allows (rates 0
/// to 1, money and thresholds not negative, weeks, years and ages plausible). A plan edited by
/// hand could otherwise put NaN into a rate and cost every post at £0.
pub(super) fn check_parameter_numbers(c: &mut Checker, p: &crate::model::Parameters) {
    const RATE: (f64, f64, &str) = (0.0, 1.0, "a rate from 0 to 1, such as 0.15");
    const AGE: (f64, f64, &str) = (0.0, 120.0, "an age in whole years, such as 55");
    let at = Location::Parameters;
    let r = &p.redundancy;
    let e = &p.lgps.strain_estimate;
    let whole = |v: u32| f64::from(v);
    let mut numbers: Vec<(&'static str, f64, (f64, f64, &str))> = vec![
        (
            "redundancy.qualifying_years",
            whole(r.qualifying_years),
            (0.0, 10.0, "whole years such as 2"),
        ),
        (
            "redundancy.max_years",
            whole(r.max_years),
            (1.0, 60.0, "the most years counted, such as 20"),
        ),
        ("redundancy.middle_age", whole(r.middle_age), AGE),
        ("redundancy.higher_age", whole(r.higher_age), AGE),
        (
            "redundancy.lower_weeks",
            r.lower_weeks,
            (0.0, 10.0, "weeks a year such as 0.5"),
        ),
        (
            "redundancy.middle_weeks",
            r.middle_weeks,
            (0.0, 10.0, "weeks a year such as 1"),
        ),
        (
            "redundancy.higher_weeks",
            r.higher_weeks,
            (0.0, 10.0, "weeks a year such as 1.5"),
        ),
        (
            "notice.max_weeks",
            whole(p.notice.max_weeks),
            (0.0, 104.0, "weeks such as 12"),
        ),
        (
            "discretionary.max_weeks",
            p.discretionary.max_weeks,
            (0.0, 520.0, "weeks such as 104"),
        ),
        ("apprenticeship_levy", p.apprenticeship_levy.value, RATE),
        (
            "lgps.min_membership_years",
            whole(p.lgps.min_membership_years),
            (0.0, 50.0, "whole years such as 2"),
        ),
        (
            "lgps.protected_age.age",
            whole(p.lgps.protected_age.age),
            AGE,
        ),
        (
            "lgps.strain_estimate.final_salary_age",
            whole(e.final_salary_age),
            AGE,
        ),
        ("lgps.strain_estimate.latest_age", whole(e.latest_age), AGE),
    ];
    numbers.extend(
        p.employer_ni
            .iter()
            .map(|ni| ("employer_ni", ni.value.rate, RATE)),
    );
    numbers.extend(
        p.termination_ni
            .rates
            .iter()
            .map(|t| ("termination_ni.rates", t.value, RATE)),
    );
    numbers.extend(
        p.lgps
            .trigger_ages
            .iter()
            .map(|a| ("lgps.trigger_ages", whole(a.value), AGE)),
    );
    numbers.extend(
        e.pension_age_bands
            .iter()
            .map(|b| ("lgps.strain_estimate.pension_age_bands", whole(b.age), AGE)),
    );
    numbers.extend(p.consultation.bands.iter().map(|b| {
        (
            "consultation.bands",
            whole(b.days),
            (0.0, 365.0, "days such as 45"),
        )
    }));
    for (field, value, (min, max, what)) in numbers {
        c.range(&at, field, value, min, max, what);
    }
    let mut money: Vec<(&'static str, Money, i64)> = vec![
        (
            "termination_ni.threshold",
            p.termination_ni.threshold,
            10_000_000,
        ),
        (
            "approval.full_council",
            p.approval.full_council,
            1_000_000_000,
        ),
        ("approval.reportable", p.approval.reportable, 1_000_000_000),
    ];
    money.extend(
        r.weekly_caps
            .iter()
            .map(|cap| ("redundancy.weekly_caps", cap.value, 100_000)),
    );
    money.extend(
        p.employer_ni
            .iter()
            .map(|ni| ("employer_ni", ni.value.threshold, 1_000_000)),
    );
    for (field, value, max) in money {
        money_in(c, &at, field, value, max);
    }
}

pub(super) fn check_parameters(c: &mut Checker, plan: &Plan) {
    let p = &plan.parameters;
    let at = Location::Parameters;
    check_parameter_numbers(c, p);
    c.dated_in_order("redundancy.weekly_caps", &p.redundancy.weekly_caps);
    c.dated_in_order("employer_ni", &p.employer_ni);
    c.dated_in_order("lgps.trigger_ages", &p.lgps.trigger_ages);
    if p.termination_ni
        .rates
        .windows(2)
        .any(|w| w[0].from >= w[1].from)
    {
        c.error(
            &at,
            "termination_ni.rates",
            "entries are not in date order; sort them by their 'from' date".to_owned(),
        );
    }
    if p.consultation
        .bands
        .windows(2)
        .any(|w| w[0].min_redundancies >= w[1].min_redundancies)
    {
        c.error(
            &at,
            "consultation.bands",
            "bands are not in order of size; sort them by min_redundancies".to_owned(),
        );
    }
    let r = &p.redundancy;
    if r.middle_age > r.higher_age || r.max_years == 0 {
        c.error(
            &at,
            "redundancy",
            "the age bands or the year limit are inconsistent; restore the default parameters"
                .to_owned(),
        );
    }
    c.range(
        &at,
        "redundancy.cap_uprating",
        r.cap_uprating,
        0.0,
        0.2,
        "a yearly rise from 0% to 20% (0 holds the last cap)",
    );
    let s = &p.lgps.strain_estimate;
    c.range(
        &at,
        "lgps.strain_estimate.final_salary_divisor",
        s.final_salary_divisor,
        1.0,
        200.0,
        "a final-salary accrual divisor such as 60",
    );
    c.range(
        &at,
        "lgps.strain_estimate.accrual_divisor",
        s.accrual_divisor,
        1.0,
        200.0,
        "an accrual divisor such as 49",
    );
    c.range(
        &at,
        "lgps.strain_estimate.reduction_per_year",
        s.reduction_per_year,
        0.0,
        0.5,
        "a yearly reduction such as 0.05",
    );
    c.range(
        &at,
        "lgps.strain_estimate.annuity_factor",
        s.annuity_factor,
        0.0,
        60.0,
        "an annuity factor such as 20",
    );
    // Dates the engine will look figures up for must have a figure in force.
    let go_lives = std::iter::once(plan.programme.go_live)
        .chain(plan.scenarios.iter().filter_map(|s| s.go_live));
    for on in go_lives {
        if in_force(&r.weekly_caps, on).is_none() {
            c.error(
                &at,
                "redundancy.weekly_caps",
                format!("no cap on a week's pay is in force on {on}; add the figure for that date"),
            );
        }
        if in_force(&p.employer_ni, on).is_none() {
            c.error(
                &at,
                "employer_ni",
                format!("no employer NI rate is in force on {on}; add the rate for that date"),
            );
        }
    }
}
