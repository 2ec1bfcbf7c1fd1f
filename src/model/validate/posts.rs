//! The structure (functions and roles) and the posts and their holders.

use super::{Checker, Location, function_name, wave_date};
use crate::model::{Money, Plan, TargetPay};
use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeSet;

pub(super) fn check_structure(c: &mut Checker, plan: &Plan) {
    c.unique_ids(
        plan.functions
            .iter()
            .map(|x| (Location::Function(x.id.clone()), x.id.as_str())),
        "function",
    );
    c.unique_ids(
        plan.roles
            .iter()
            .map(|x| (Location::Role(x.id.clone()), x.id.as_str())),
        "role",
    );
    for function in &plan.functions {
        if function.name.trim().is_empty() {
            c.error(
                &Location::Function(function.id.clone()),
                "name",
                "the function has no name; enter one".to_owned(),
            );
        }
        if let Some(d) = function.go_live {
            wave_date(c, &Location::Function(function.id.clone()), plan, d);
        }
    }
    for role in &plan.roles {
        let at = Location::Role(role.id.clone());
        if plan.function(&role.function).is_none() {
            c.error(
                &at,
                "function",
                format!(
                    "there is no function '{}'; choose one of the plan's functions",
                    role.function
                ),
            );
        }
        if role.title.trim().is_empty() {
            c.error(&at, "title", "the role has no title; enter one".to_owned());
        }
        c.range(
            &at,
            "target_fte",
            role.target_fte,
            0.0,
            1e6,
            "the role's FTE in the target structure, 0 or more",
        );
        if let TargetPay::Salary(s) = role.pay
            && (s.pence() <= 0 || s > MOST_PAY)
        {
            c.error(
                &at,
                "pay",
                format!("target salary {s} must be more than zero and at most £10m; enter the full-time salary"),
            );
        }
    }
}

pub(super) fn check_posts(c: &mut Checker, plan: &Plan) {
    let councils: HashSet<&str> = plan.councils.iter().map(|x| x.id.as_str()).collect();
    let functions: HashSet<&str> = plan.functions.iter().map(|x| x.id.as_str()).collect();
    let roles: HashMap<&str, &str> = plan
        .roles
        .iter()
        .map(|r| (r.id.as_str(), r.function.as_str()))
        .collect();
    let start = plan.programme.consultation_start;
    let mut seen: HashSet<&str> =
        HashSet::with_capacity_and_hasher(plan.posts.len(), rustc_hash::FxBuildHasher);
    let mut role_has_posts: BTreeSet<&str> = BTreeSet::new();
    for (i, post) in plan.posts.iter().enumerate() {
        // Made only when something is reported: most posts have nothing to say.
        let at = || Location::Post {
            id: post.id.clone(),
            position: i + 1,
        };
        if post.id.trim().is_empty() {
            c.error(
                &at(),
                "id",
                "the post has no id; give it a unique post number".to_owned(),
            );
        } else if !seen.insert(post.id.as_str()) {
            c.error(
                &at(),
                "id",
                format!(
                    "another post already has the id '{}'; give each post its own",
                    post.id
                ),
            );
        }
        if !councils.contains(post.council.as_str()) {
            c.error(
                &at(),
                "council",
                format!(
                    "there is no council '{}'; choose one of the plan's councils",
                    post.council
                ),
            );
        }
        if !functions.contains(post.function.as_str()) {
            c.error(
                &at(),
                "function",
                format!(
                    "there is no function '{}'; choose one of the plan's functions",
                    post.function
                ),
            );
        }
        match roles.get(post.role.as_str()) {
            None => c.error(
                &at(),
                "role",
                format!(
                    "there is no role '{}'; map the post to a role of the target structure",
                    post.role
                ),
            ),
            Some(role_function) => {
                role_has_posts.insert(post.role.as_str());
                if *role_function != post.function {
                    c.warn(
                        &at(),
                        "function",
                        format!(
                            "the post is in {} today but its role is in {}; it counts in {}",
                            function_name(plan, &post.function),
                            function_name(plan, role_function),
                            function_name(plan, role_function)
                        ),
                    );
                }
            }
        }
        if post.group.is_some() {
            check_group(c, &at(), post);
        } else if !(post.fte.is_finite() && post.fte > 0.0 && post.fte <= 1.0) {
            c.error(
                &at(),
                "fte",
                format!(
                    "FTE {} must be more than 0 and at most 1; enter 0.5 for half time",
                    post.fte
                ),
            );
        }
        if post.salary > MOST_PAY {
            c.error(
                &at(),
                "salary",
                format!(
                    "salary {} is more than £10m; enter the full-time annual salary",
                    post.salary
                ),
            );
        } else if post.salary.pence() < 0 || (post.is_filled() && post.salary.pence() == 0) {
            c.error(
                &at(),
                "salary",
                format!(
                    "salary {} must be more than zero; enter the full-time salary of the grade",
                    post.salary
                ),
            );
        } else if post.salary.pence() == 0 {
            c.warn(&at(), "salary", "the vacancy has no salary, so deleting it saves nothing; enter its budgeted salary".to_owned());
        }
        if let Some(h) = &post.holder {
            check_holder(c, &at, h, start);
            if post.unnamed {
                c.error(
                    &at(),
                    "unnamed",
                    "the post has a named holder but is marked as held by people the plan does not name; clear one".to_owned(),
                );
            }
        }
        check_pay_range(c, &at(), post);
    }
    for role in &plan.roles {
        if role_has_posts.contains(role.id.as_str()) || role.target_fte <= 0.0 {
            continue;
        }
        let at = Location::Role(role.id.clone());
        if matches!(role.pay, TargetPay::Salary(_)) {
            c.warn(
                &at,
                "target_fte",
                "no post today maps to this role; it will be filled by new posts".to_owned(),
            );
        } else {
            c.error(&at, "pay", "no current post maps to this role, so there is no pay to harmonise; enter a target salary".to_owned());
        }
    }
}

/// The most a salary, quote or package can sensibly be: larger figures are typing errors, and
/// keeping below them keeps every sum far from overflow.
pub(super) const MOST_PAY: Money = Money::pounds(10_000_000);

/// A group of posts: its FTE, its headcount, no named holder.
fn check_group(c: &mut Checker, at: &Location, post: &crate::model::Post) {
    let Some(group) = post.group else { return };
    if !(post.fte.is_finite() && post.fte > 0.0 && post.fte <= MOST_GROUP_FTE) {
        c.error(
            at,
            "fte",
            format!(
                "a group of posts has FTE {}; enter its FTE, more than 0 and at most 100,000",
                post.fte
            ),
        );
    }
    if let Some(h) = group.headcount
        && !(h.is_finite() && h > 0.0 && h >= post.fte - 1e-9)
    {
        c.error(
            at,
            "group",
            format!(
                "a group of {} FTE has a headcount of {h}; enter at least as many people as its FTE",
                post.fte
            ),
        );
    }
    if post.holder.is_some() {
        c.error(
            at,
            "holder",
            "a group of posts has one named holder; split it into posts, or leave its holders unnamed".to_owned(),
        );
    }
}

/// A pay range that runs from its minimum up to its maximum.
fn check_pay_range(c: &mut Checker, at: &Location, post: &crate::model::Post) {
    if let Some(range) = post.pay_range
        && (range.minimum.pence() < 0 || range.minimum > range.maximum)
    {
        c.error(
            at,
            "pay_range",
            format!(
                "pay range {} to {} runs backwards or below zero; enter the minimum then the maximum",
                range.minimum, range.maximum
            ),
        );
    }
}

/// The most FTE one group of posts may hold.
const MOST_GROUP_FTE: f64 = 100_000.0;

pub(super) fn check_holder(
    c: &mut Checker,
    at: &dyn Fn() -> Location,
    h: &crate::model::Postholder,
    start: jiff::civil::Date,
) {
    if h.date_of_birth.year() < 1900 || h.date_of_birth > start {
        c.error(
            &at(),
            "date_of_birth",
            format!(
                "{} is not a plausible date of birth; check it",
                h.date_of_birth
            ),
        );
    }
    if h.service_start.year() < 1900 {
        c.error(
            &at(),
            "service_start",
            format!(
                "{} is not a plausible service start; check it",
                h.service_start
            ),
        );
    }
    if let Some(q) = h.strain_quote
        && q > MOST_PAY
    {
        c.error(
            &at(),
            "strain_quote",
            format!("the strain quote {q} is more than £10m; check it"),
        );
    }

    if h.date_of_birth >= h.service_start {
        c.error(
            &at(),
            "date_of_birth",
            format!(
                "born {} but service starts {}; check both dates",
                h.date_of_birth, h.service_start
            ),
        );
    } else if h.service_start.year() - h.date_of_birth.year() < 15 {
        c.warn(
            &at(),
            "service_start",
            format!(
                "service starts {} when the postholder was under 16 (born {}); check both dates",
                h.service_start, h.date_of_birth
            ),
        );
    }
    if h.service_start > start {
        c.warn(
            &at(),
            "service_start",
            format!(
                "service starts {} after consultation starts ({start}); check the date",
                h.service_start
            ),
        );
    }
    if h.notice_weeks > 52 {
        c.error(
            &at(),
            "notice_weeks",
            format!(
                "{} weeks' notice is more than a year; enter contractual notice in weeks",
                h.notice_weeks
            ),
        );
    }
    if let Some(q) = h.strain_quote
        && q.pence() < 0
    {
        c.error(
            &at(),
            "strain_quote",
            format!("the strain quote {q} is negative; enter the fund's quote"),
        );
    }
}
