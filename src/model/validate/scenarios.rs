//! Scenarios and what they change: ranges, implementation costs, VR terms, the pay change and the lines besides posts.

use super::{Checker, Location, check_span, wave_date};
use crate::model::{Money, PaybackLimit, Plan};
use rustc_hash::FxHashSet as HashSet;

/// Where each uncertain input may lie: (field, lowest, highest, what to enter).
pub(super) const UNCERTAIN: [(&str, f64, f64, &str); 6] = [
    ("vr_take_up", 0.0, 1.0, "a share from 0 to 1"),
    ("redeployment_rate", 0.0, 1.0, "a share from 0 to 1"),
    (
        "strain_estimate_factor",
        0.0,
        5.0,
        "a multiplier of the indicative strain such as 1.2",
    ),
    ("exit_slip_weeks", 0.0, 104.0, "weeks from 0 to 104"),
    ("pay_award", -0.2, 0.5, "a share such as 0.03 for 3%"),
    (
        "implementation_overrun",
        -1.0,
        10.0,
        "a share such as 0.2 for 20% over",
    ),
];

/// Each range within its input's limits, low ≤ likely ≤ high.
pub(super) fn ranges(c: &mut Checker, at: &Location, r: &crate::model::Ranges) {
    for ((_, range), (field, lo, hi, wants)) in r.inputs().iter().zip(UNCERTAIN) {
        let Some(range) = range else { continue };
        for v in [range.low, range.likely, range.high] {
            c.range(at, field, v, lo, hi, wants);
        }
        if !(range.low <= range.likely && range.likely <= range.high) {
            c.error(
                at,
                field,
                format!(
                    "the range {} to {} with {} most likely is out of order; enter low ≤ likely ≤ high",
                    range.low, range.high, range.likely
                ),
            );
        }
    }
    if let Some(y) = r.payback_limit_years {
        c.range(
            at,
            "payback_limit_years",
            y,
            0.0,
            50.0,
            "years from 0 to 50",
        );
    }
}

/// A scenario's ranges, and the uncertain inputs it fixes.
pub(super) fn uncertain(c: &mut Checker, at: &Location, s: &crate::model::Scenario) {
    ranges(c, at, &s.ranges);
    for (value, (field, lo, hi, wants)) in [
        s.strain_estimate_factor,
        s.exit_slip_weeks,
        s.pay_award,
        s.implementation_overrun,
    ]
    .into_iter()
    .zip(&UNCERTAIN[2..])
    {
        if let Some(v) = value {
            c.range(at, field, v, *lo, *hi, wants);
        }
    }
}

pub(super) fn check_scenarios(c: &mut Checker, plan: &Plan) {
    let mut names = HashSet::default();
    for s in &plan.scenarios {
        let at = Location::Scenario(s.name.clone());
        uncertain(c, &at, s);
        if s.name.trim().is_empty() || s.name.eq_ignore_ascii_case(crate::model::Scenario::BASE) {
            c.error(
                &at,
                "name",
                "a scenario needs a name other than 'Base'; name what it tests".to_owned(),
            );
        } else if !names.insert(s.name.to_lowercase()) {
            c.error(
                &at,
                "name",
                "another scenario has this name; give each its own".to_owned(),
            );
        }
        let start = s
            .consultation_start
            .unwrap_or(plan.programme.consultation_start);
        check_span(c, &at, start, s.go_live.unwrap_or(plan.programme.go_live));
        if let Some(scale) = s.target_scale {
            c.range(
                &at,
                "target_scale",
                scale,
                0.0,
                10.0,
                "a multiplier of the targets such as 0.9",
            );
        }
        if let Some(rate) = s.redeployment_rate {
            c.range(
                &at,
                "redeployment_rate",
                rate,
                0.0,
                1.0,
                "a share from 0 to 1",
            );
        }
        if let Some(rate) = s.vr_take_up {
            c.range(&at, "vr_take_up", rate, 0.0, 1.0, "a share from 0 to 1");
        }
        if let Some(PaybackLimit::Years(y)) = s.vr_payback_limit {
            c.range(
                &at,
                "vr_payback_limit",
                y,
                0.0,
                50.0,
                "a payback limit in years",
            );
        }
        for (role, fte) in &s.target_overrides {
            if plan.role(role).is_none() {
                c.error(
                    &at,
                    "target_overrides",
                    format!("there is no role '{role}'; remove the override or fix the id"),
                );
            }
            c.range(
                &at,
                "target_overrides",
                *fte,
                0.0,
                1e6,
                "a target FTE of 0 or more",
            );
        }
        for (role, pay) in &s.target_pay {
            if plan.role(role).is_none() {
                c.error(
                    &at,
                    "target_pay",
                    format!("there is no role '{role}'; remove the target pay or fix the id"),
                );
            }
            if let crate::model::TargetPay::Salary(m) = pay
                && (m.pence() < 0 || *m > Money::pounds(10_000_000))
            {
                c.error(
                    &at,
                    "target_pay",
                    format!(
                        "a target salary of {} is outside £0 to £10,000,000",
                        m.full()
                    ),
                );
            }
        }
        for (function, scale) in &s.function_scales {
            if plan.function(function).is_none() {
                c.error(
                    &at,
                    "function_scales",
                    format!("there is no function '{function}'; remove the scale or fix the id"),
                );
            }
            c.range(
                &at,
                "function_scales",
                *scale,
                0.0,
                10.0,
                "a multiplier of the function's targets such as 0.9",
            );
        }
        if let Some(years) = s.pay_protection_years {
            c.range(
                &at,
                "pay_protection_years",
                years,
                0.0,
                10.0,
                "years of pay protection, 0 to 10",
            );
        }
        if let Some(years) = s.pay_protection_taper_years {
            c.range(
                &at,
                "pay_protection_taper_years",
                years,
                0.0,
                10.0,
                "years over which protection tapers, 0 to 10",
            );
        }
        if let Some(costs) = &s.implementation_costs {
            implementation_costs(c, &at, costs);
        }
        if let Some(Some(change)) = &s.pay_change {
            pay_change(c, &at, plan, change);
        }
        vr_terms(c, &at, plan, s);
        if let Some(own) = &s.lines {
            lines(c, &at, plan, own);
        }
    }
}

/// One-off implementation costs: each positive and under £1bn.
pub(super) fn implementation_costs(
    c: &mut Checker,
    at: &Location,
    costs: &[crate::model::ImplementationCost],
) {
    for cost in costs {
        if cost.amount > Money::pounds(1_000_000_000) {
            c.error(
                at,
                "implementation_costs",
                format!(
                    "'{}' in {} is more than £1bn; check the amount",
                    cost.description, cost.year
                ),
            );
        } else if cost.amount.pence() < 0 {
            c.error(
                at,
                "implementation_costs",
                format!(
                    "'{}' in {} is negative ({}); enter the cost as a positive amount",
                    cost.description, cost.year, cost.amount
                ),
            );
        }
    }
}

/// A scenario's VR terms: multipliers for councils the plan has, a minimum service within a
/// working life.
pub(super) fn vr_terms(c: &mut Checker, at: &Location, plan: &Plan, s: &crate::model::Scenario) {
    for (function, d) in &s.function_go_live {
        if plan.function(function).is_none() {
            c.error(
                at,
                "function_go_live",
                format!("there is no function '{function}'; remove its go-live or fix the id"),
            );
        }
        wave_date(c, at, plan, *d);
    }
    for (council, m) in &s.vr_multipliers {
        if plan.council(council).is_none() {
            c.error(
                at,
                "vr_multipliers",
                format!("there is no council '{council}'; remove its VR multiplier or fix the id"),
            );
        }
        c.range(
            at,
            "vr_multipliers",
            *m,
            0.0,
            10.0,
            "a multiplier of the statutory weeks such as 1.5",
        );
    }
    if let Some(years) = s.min_service_for_vr_years
        && years > 50
    {
        c.error(
            at,
            "min_service_for_vr_years",
            format!("{years} years of service for VR is more than a working life; enter 0 to 50"),
        );
    }
}

/// A pay change: bands from £0 up with a change between a full cut and doubling, an exemption
/// of £0 or more, functions the plan has.
pub(super) fn pay_change(
    c: &mut Checker,
    at: &Location,
    plan: &Plan,
    change: &crate::model::PayChange,
) {
    for band in &change.bands {
        if band.from.pence() < 0 {
            c.error(
                at,
                "pay_change",
                format!(
                    "a pay band starts below £0 ({}); start it at £0 or more",
                    band.from.full()
                ),
            );
        }
        c.range(
            at,
            "pay_change",
            band.cut,
            -1.0,
            1.0,
            "a change as a share of pay, such as 0.02 for a 2% cut",
        );
    }
    if change.exempt_below.pence() < 0 {
        c.error(
            at,
            "pay_change",
            "the exemption threshold is below £0; enter £0 to exempt nobody".to_owned(),
        );
    }
    for f in &change.functions {
        if plan.function(f).is_none() {
            c.error(
                at,
                "pay_change",
                format!("the pay change names a function the plan does not have ('{f}'); choose one of its functions"),
            );
        }
    }
}

/// Savings and costs besides posts: each in a function the plan has, of a council it has (if
/// any), positive and under £1bn.
pub(super) fn lines(c: &mut Checker, at: &Location, plan: &Plan, lines: &[crate::model::Line]) {
    for line in lines {
        let name = if line.name.trim().is_empty() {
            "a line with no name"
        } else {
            line.name.as_str()
        };
        if plan.function(&line.function).is_none() {
            c.error(
                at,
                "lines",
                format!(
                    "'{name}' is in a function the plan does not have ('{}'); choose one of its functions",
                    line.function
                ),
            );
        }
        if let Some(council) = &line.council
            && plan.council(council).is_none()
        {
            c.error(
                at,
                "lines",
                format!(
                    "'{name}' names a council the plan does not have ('{council}'); choose one, or the single service"
                ),
            );
        }
        if line.amount.pence() < 0 || line.amount > Money::pounds(1_000_000_000) {
            c.error(
                at,
                "lines",
                format!(
                    "'{name}' is {}, outside £0 to £1bn; enter a saving or cost as a positive amount and choose its kind",
                    line.amount.full()
                ),
            );
        }
    }
}

/// Money a parameter holds: not negative, and at most `max` pounds.
pub(super) fn money_in(
    c: &mut Checker,
    at: &Location,
    field: &'static str,
    value: Money,
    max: i64,
) {
    if value.pence() < 0 || value > Money::pounds(max) {
        c.error(
            at,
            field,
            format!(
                "{} is outside £0 to {}; restore the published figure",
                value.full(),
                Money::pounds(max).whole()
            ),
        );
    }
}
