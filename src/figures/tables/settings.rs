//! The scenarios side by side and every assumption and statutory parameter with its source.

use super::{Cell, Table};
use crate::engine;
use crate::model::{PaybackLimit, Plan};
use jiff::civil::Date;

pub(super) fn scenarios(plan: &Plan) -> Table {
    let mut table = Table::new(
        "scenarios",
        "Scenarios",
        &[
            "Scenario",
            "Target FTE",
            "Voluntary redundancy FTE",
            "Compulsory redundancy FTE",
            "Recurring saving",
            "One-off cost",
            "Payback, years",
            "Go-live",
            "Every council meets go-live",
        ],
    );
    for name in plan.scenario_names() {
        let Some(scenario) = plan.scenario(&name) else {
            continue;
        };
        let o = engine::evaluate(plan, &scenario);
        let t = &o.totals;
        table.rows.push(vec![
            Cell::Text(name),
            Cell::Fte(t.target_fte),
            Cell::Fte(t.flows.voluntary),
            Cell::Fte(t.flows.compulsory),
            Cell::Money(t.recurring_saving),
            Cell::Money(t.one_off_cost),
            t.payback_years.map_or(Cell::text("none"), Cell::Years),
            Cell::Date(o.go_live),
            Cell::Flag(o.councils.iter().all(|c| c.timetable.meets_go_live)),
        ]);
    }
    table
}

pub(super) fn assumptions(plan: &Plan) -> Table {
    let mut table = Table::new(
        "assumptions",
        "Assumptions",
        &["Setting", "Value", "From", "Source"],
    );
    let a = &plan.assumptions;
    let mut add = |name: String, value: Cell, from: Option<Date>, source: &str| {
        table.rows.push(vec![
            Cell::Text(name),
            value,
            Cell::date(from),
            Cell::text(source),
        ]);
    };
    let plan_setting = "The plan's assumption";
    add(
        "Redeployment rate".to_owned(),
        Cell::Percent(a.redeployment_rate),
        None,
        plan_setting,
    );
    add(
        "VR take-up (of those eligible who did not say)".to_owned(),
        Cell::Percent(a.vr_take_up),
        None,
        plan_setting,
    );
    add(
        "Pay protection, years".to_owned(),
        Cell::Years(a.pay_protection_years),
        None,
        plan_setting,
    );
    add(
        "Pay protection costed with on-costs (NI, LGPS, levy)".to_owned(),
        Cell::Flag(a.pay_protection_on_costs),
        None,
        plan_setting,
    );
    add(
        "VR payback limit, years".to_owned(),
        match a.vr_payback_limit {
            PaybackLimit::None => Cell::text("none"),
            PaybackLimit::Years(y) => Cell::Years(y),
        },
        None,
        plan_setting,
    );
    add(
        "Compulsory redundancy allowed".to_owned(),
        Cell::Flag(a.compulsory_allowed),
        None,
        plan_setting,
    );
    add(
        "Bumped redundancy allowed".to_owned(),
        Cell::Flag(a.bumping),
        None,
        plan_setting,
    );
    add(
        "How the councils share".to_owned(),
        Cell::text(a.split_sentence()),
        None,
        plan_setting,
    );
    add(
        "Part-year savings".to_owned(),
        Cell::text(a.part_year.label()),
        None,
        plan_setting,
    );
    add(
        "A week's pay".to_owned(),
        Cell::text(a.weekly_pay.label()),
        None,
        plan_setting,
    );
    statutory(plan, &mut add);
    table
}

/// Every statutory parameter the plan holds, with its date and source.
pub(super) fn statutory(plan: &Plan, add: &mut impl FnMut(String, Cell, Option<Date>, &str)) {
    let p = &plan.parameters;
    let r = &p.redundancy;
    add(
        "Statutory redundancy: qualifying service, years".to_owned(),
        Cell::Count(u64::from(r.qualifying_years)),
        None,
        &r.source,
    );
    add(
        "Statutory redundancy: most years counted".to_owned(),
        Cell::Count(u64::from(r.max_years)),
        None,
        &r.source,
    );
    add(
        format!(
            "Statutory redundancy: weeks a year under {}, {} to {}, from {}",
            r.middle_age,
            r.middle_age,
            r.higher_age - 1,
            r.higher_age
        ),
        Cell::text(format!(
            "{} / {} / {}",
            r.lower_weeks, r.middle_weeks, r.higher_weeks
        )),
        None,
        &r.source,
    );
    for cap in &r.weekly_caps {
        add(
            "Statutory redundancy: cap on a week's pay".to_owned(),
            Cell::Money(cap.value),
            Some(cap.from),
            &cap.source,
        );
    }
    add(
        "Statutory notice, most weeks".to_owned(),
        Cell::Count(u64::from(p.notice.max_weeks)),
        None,
        &p.notice.source,
    );
    add(
        "Discretionary compensation, most weeks".to_owned(),
        Cell::Years(p.discretionary.max_weeks),
        None,
        &p.discretionary.source,
    );
    for ni in &p.employer_ni {
        add(
            "Employer NI rate".to_owned(),
            Cell::Percent(ni.value.rate),
            Some(ni.from),
            &ni.source,
        );
        add(
            "Employer NI threshold, a year".to_owned(),
            Cell::Money(ni.value.threshold),
            Some(ni.from),
            &ni.source,
        );
    }
    for rate in &p.termination_ni.rates {
        add(
            format!(
                "Class 1A NI on termination payments over {}",
                p.termination_ni.threshold.whole()
            ),
            Cell::Percent(rate.value),
            Some(rate.from),
            &rate.source,
        );
    }
    add(
        "Apprenticeship levy".to_owned(),
        Cell::Percent(p.apprenticeship_levy.value),
        Some(p.apprenticeship_levy.from),
        &p.apprenticeship_levy.source,
    );
    for age in &p.lgps.trigger_ages {
        add(
            "LGPS: age from which redundancy releases the pension".to_owned(),
            Cell::Count(u64::from(age.value)),
            Some(age.from),
            &age.source,
        );
    }
    let protected = &p.lgps.protected_age;
    add(
        format!(
            "LGPS: protected pension age for members who joined before {}{}",
            protected.joined_before.strftime("%-d %B %Y"),
            if protected.confirmed {
                ""
            } else {
                " (not yet confirmed)"
            }
        ),
        if protected.applies {
            Cell::Count(u64::from(protected.age))
        } else {
            Cell::text("not applied")
        },
        None,
        &protected.source,
    );
    add(
        "LGPS: membership needed, years".to_owned(),
        Cell::Count(u64::from(p.lgps.min_membership_years)),
        None,
        &p.lgps.strain_estimate.source,
    );
    for band in &p.consultation.bands {
        add(
            format!(
                "Collective consultation: {} or more proposed redundancies, days",
                band.min_redundancies
            ),
            Cell::Count(u64::from(band.days)),
            None,
            &p.consultation.source,
        );
    }
    add(
        "Packages approved by full council from".to_owned(),
        Cell::Money(p.approval.full_council),
        None,
        &p.approval.source,
    );
    add(
        "Exit packages reported from".to_owned(),
        Cell::Money(p.approval.reportable),
        None,
        &p.approval.source,
    );
}
