//! Validation: every problem in a plan, with the item and field it concerns and what to do.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt;

use super::{Dated, Money, PaybackLimit, Plan, TargetPay, in_force};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The figures cannot be trusted until it is fixed.
    Error,
    /// Worth a look; the figures still compute.
    Warning,
}

/// Which part of the plan a problem concerns (so the UI can jump to it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// The plan's name, dates or assumptions.
    Plan,
    /// A council, by id.
    Council(String),
    /// A function, by id.
    Function(String),
    /// A role, by id.
    Role(String),
    /// A post, by id (and its position in the establishment, counting from 1).
    Post {
        /// Post id.
        id: String,
        /// Position in the establishment, from 1.
        position: usize,
    },
    /// A scenario, by name.
    Scenario(String),
    /// The statutory parameters.
    Parameters,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Plan => f.write_str("plan"),
            Self::Council(id) => write!(f, "council '{id}'"),
            Self::Function(id) => write!(f, "function '{id}'"),
            Self::Role(id) => write!(f, "role '{id}'"),
            Self::Post { id, position } => write!(f, "post '{id}' (post {position})"),
            Self::Scenario(name) => write!(f, "scenario '{name}'"),
            Self::Parameters => f.write_str("statutory parameters"),
        }
    }
}

impl Location {
    /// What the problem concerns as a person reads it, by its name in the plan: "Ashby District
    /// Council", "Systems integration lead (IT)", "post ASH-00012 (Ashby District Council)"
    /// (post ids are the council's own), "scenario VR only". Ids appear only for what the plan
    /// does not have.
    pub fn name(&self, plan: &Plan) -> String {
        match self {
            Self::Plan => "The plan".to_owned(),
            Self::Council(id) => plan
                .council(id)
                .map_or_else(|| format!("council {id}"), |c| c.name.clone()),
            Self::Function(id) => plan.function(id).map_or_else(
                || format!("function {id}"),
                |f| format!("{} function", f.name),
            ),
            Self::Role(id) => plan.role(id).map_or_else(
                || format!("role {id}"),
                |r| match plan.function(&r.function) {
                    Some(f) => format!("{} ({})", r.title, f.name),
                    None => r.title.clone(),
                },
            ),
            Self::Post { id, position } => {
                let council = plan
                    .posts
                    .get(position.saturating_sub(1))
                    .and_then(|p| plan.council(&p.council))
                    .map(|c| format!(" ({})", c.name))
                    .unwrap_or_default();
                if id.is_empty() {
                    format!("post {position} of the establishment{council}")
                } else {
                    format!("post {id}{council}")
                }
            }
            Self::Scenario(name) => format!("scenario {name}"),
            Self::Parameters => "The statutory parameters".to_owned(),
        }
    }
}

/// A function's name, or its id when the plan has no such function.
fn function_name(plan: &Plan, id: &str) -> String {
    plan.function(id)
        .map_or_else(|| id.to_owned(), |f| f.name.clone())
}

/// A field of the plan file as a person reads it: "target_fte" as "target FTE",
/// "salary_pence" as "salary".
pub fn field_words(field: &str) -> String {
    field
        .trim_end_matches("_pence")
        .split(['_', '.'])
        .map(|w| match w {
            "fte" => "FTE",
            "vr" => "VR",
            "lgps" => "LGPS",
            "ni" => "NI",
            "cr" => "CR",
            "id" => "id",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One problem found in a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// What it concerns.
    pub location: Location,
    /// The field, as named in the plan file.
    pub field: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

impl Problem {
    /// The problem as a person reads it, naming what it concerns by its name in `plan` rather
    /// than its id: "warning: Systems integration lead (IT), target FTE: no post today maps to
    /// this role; it will be filled by new posts".
    pub fn describe(&self, plan: &Plan) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "{level}: {}, {}: {}",
            self.location.name(plan),
            field_words(self.field),
            self.message
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{level}: {}, {}: {}",
            self.location, self.field, self.message
        )
    }
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn error(&mut self, location: &Location, field: &'static str, message: String) {
        self.problems.push(Problem {
            severity: Severity::Error,
            location: location.clone(),
            field,
            message,
        });
    }

    fn warn(&mut self, location: &Location, field: &'static str, message: String) {
        self.problems.push(Problem {
            severity: Severity::Warning,
            location: location.clone(),
            field,
            message,
        });
    }

    /// A real number that must lie in `[min, max]`.
    fn range(
        &mut self,
        at: &Location,
        field: &'static str,
        value: f64,
        min: f64,
        max: f64,
        what: &str,
    ) {
        if !value.is_finite() || value < min || value > max {
            self.error(
                at,
                field,
                format!("{value} is outside {min} to {max}; enter {what}"),
            );
        }
    }

    fn unique_ids<'a>(&mut self, ids: impl Iterator<Item = (Location, &'a str)>, kind: &str) {
        let mut seen = HashSet::default();
        for (at, id) in ids {
            if id.trim().is_empty() {
                self.error(
                    &at,
                    "id",
                    format!("the {kind} has no id; give it a short unique key"),
                );
            } else if !seen.insert(id) {
                self.error(
                    &at,
                    "id",
                    format!("another {kind} already has the id '{id}'; give each {kind} its own"),
                );
            }
        }
    }

    fn dated_in_order<T>(&mut self, field: &'static str, entries: &[Dated<T>]) {
        if entries.is_empty() {
            self.error(
                &Location::Parameters,
                field,
                "has no entries; restore the default parameters".to_owned(),
            );
        }
        if entries.windows(2).any(|w| w[0].from >= w[1].from) {
            self.error(
                &Location::Parameters,
                field,
                "entries are not in date order; sort them by their 'from' date".to_owned(),
            );
        }
    }
}

/// Every problem in the plan, errors first in plan order. An empty list means the plan is sound.
pub fn validate(plan: &Plan) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    check_plan(&mut c, plan);
    check_councils(&mut c, plan);
    check_structure(&mut c, plan);
    check_posts(&mut c, plan);
    check_scenarios(&mut c, plan);
    check_parameters(&mut c, plan);
    c.problems.sort_by_key(|p| p.severity);
    c.problems
}

fn check_plan(c: &mut Checker, plan: &Plan) {
    let at = Location::Plan;
    if plan.name.trim().is_empty() {
        c.warn(
            &at,
            "name",
            "the plan has no name; name it so printouts say which plan they come from".to_owned(),
        );
    }
    let p = plan.programme;
    check_span(c, &at, p.consultation_start, p.go_live);
    let a = &plan.assumptions;
    c.range(
        &at,
        "redeployment_rate",
        a.redeployment_rate,
        0.0,
        1.0,
        "a share from 0 to 1 (0.25 = a quarter)",
    );
    c.range(
        &at,
        "vr_take_up",
        a.vr_take_up,
        0.0,
        1.0,
        "a share from 0 to 1 (0.2 = a fifth of those eligible)",
    );
    c.range(
        &at,
        "pay_protection_years",
        a.pay_protection_years,
        0.0,
        10.0,
        "years of pay protection, 0 to 10",
    );
    c.range(
        &at,
        "pay_protection_taper_years",
        a.pay_protection_taper_years,
        0.0,
        10.0,
        "years over which protection tapers, 0 to 10",
    );
    c.range(
        &at,
        "equal_pay_tolerance",
        a.equal_pay_tolerance,
        0.0,
        1.0,
        "a share such as 0.05 for 5%",
    );
    if let PaybackLimit::Years(y) = a.vr_payback_limit {
        c.range(
            &at,
            "vr_payback_limit",
            y,
            0.0,
            50.0,
            "a payback limit in years, or None",
        );
    }
    implementation_costs(c, &at, &a.implementation_costs);
    lines(c, &at, plan, &a.lines);
    ranges(c, &at, &a.ranges);
    if let Some(change) = &a.pay_change {
        pay_change(c, &at, plan, change);
    }
    if let Some(host) = &a.host_council
        && plan.council(host).is_none()
    {
        c.error(
            &at,
            "host_council",
            format!("there is no council '{host}'; choose one of the plan's councils"),
        );
    }
    if plan.councils.is_empty() {
        c.warn(
            &at,
            "councils",
            "the plan has no councils yet; add the councils that are merging".to_owned(),
        );
    }
}

fn check_councils(c: &mut Checker, plan: &Plan) {
    c.unique_ids(
        plan.councils
            .iter()
            .map(|x| (Location::Council(x.id.clone()), x.id.as_str())),
        "council",
    );
    for council in &plan.councils {
        let at = Location::Council(council.id.clone());
        if council.name.trim().is_empty() {
            c.error(
                &at,
                "name",
                "the council has no name; enter its name".to_owned(),
            );
        }
        if council.assumed {
            c.warn(
                &at,
                "assumed",
                "the LGPS rate, redundancy scheme and minimum service for VR were set by default, not by the council; check them in the Councils view and confirm them".to_owned(),
            );
        }
        let s = council.scheme;
        c.range(
            &at,
            "vr_multiplier",
            s.vr_multiplier,
            1.0,
            10.0,
            "a multiplier of the statutory weeks, at least 1",
        );
        c.range(
            &at,
            "cr_multiplier",
            s.cr_multiplier,
            1.0,
            10.0,
            "a multiplier of the statutory weeks, at least 1",
        );
        let most = plan.parameters.discretionary.max_weeks;
        c.range(
            &at,
            "max_weeks",
            s.max_weeks,
            0.0,
            most,
            &format!("at most {most} weeks (reg 6)"),
        );
        c.range(
            &at,
            "lgps_employer_rate",
            council.lgps_employer_rate,
            0.0,
            0.6,
            "a rate such as 0.212 for 21.2%",
        );
        if council.min_service_for_vr_years > 50 {
            c.error(&at, "min_service_for_vr_years", format!(
                "{} years is more than anyone's service; enter the years of service needed for VR (2 is usual)",
                council.min_service_for_vr_years
            ));
        }
        c.range(
            &at,
            "cost_share_weight",
            council.cost_share_weight,
            0.0,
            1e9,
            "a weight of 0 or more",
        );
    }
    if plan.assumptions.cost_share == super::CostShare::Weights
        && !plan.councils.is_empty()
        && plan
            .councils
            .iter()
            .map(|x| x.cost_share_weight)
            .sum::<f64>()
            <= 0.0
    {
        c.error(
            &Location::Plan,
            "cost_share",
            "costs are shared by weights but every weight is 0; give the councils weights"
                .to_owned(),
        );
    }
}

/// The longest a programme may run from the consultation start to go-live: past it the year is
/// a typing slip (9999), and every figure by financial year would run to thousands of years.
pub const LONGEST_PROGRAMME_YEARS: i16 = 20;

/// A programme's (or a scenario's) go-live: not before its consultation start, nor more than
/// [`LONGEST_PROGRAMME_YEARS`] after it.
fn check_span(
    c: &mut Checker,
    at: &Location,
    start: jiff::civil::Date,
    go_live: jiff::civil::Date,
) {
    let years = go_live.year() - start.year();
    if go_live < start {
        c.error(at, "go_live", format!(
            "go-live {go_live} is before the consultation start {start}; move go-live later or start consulting earlier"
        ));
    } else if years > LONGEST_PROGRAMME_YEARS {
        c.error(at, "go_live", format!(
            "go-live {go_live} is {years} years after the consultation start {start}; a merger runs for months or a few years, not more than {LONGEST_PROGRAMME_YEARS}: check the year"
        ));
    }
}

/// A function's own go-live: within ten years of the programme's (a typed year is the usual
/// slip).
fn wave_date(c: &mut Checker, at: &Location, plan: &Plan, d: jiff::civil::Date) {
    let programme = plan.programme.go_live;
    let years = (d.year() - programme.year()).abs();
    if years > 10 {
        c.error(
            at,
            "go_live",
            format!(
                "go-live {d} is {years} years from the programme's go-live {programme}; check the year"
            ),
        );
    }
}

fn check_structure(c: &mut Checker, plan: &Plan) {
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

fn check_posts(c: &mut Checker, plan: &Plan) {
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
        if !(post.fte.is_finite() && post.fte > 0.0 && post.fte <= 1.0) {
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
        } else if post.salary.pence() < 0 || (post.holder.is_some() && post.salary.pence() == 0) {
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
        }
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
const MOST_PAY: Money = Money::pounds(10_000_000);

fn check_holder(
    c: &mut Checker,
    at: &dyn Fn() -> Location,
    h: &super::Postholder,
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

/// Where each uncertain input may lie: (field, lowest, highest, what to enter).
const UNCERTAIN: [(&str, f64, f64, &str); 6] = [
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
fn ranges(c: &mut Checker, at: &Location, r: &super::Ranges) {
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
fn uncertain(c: &mut Checker, at: &Location, s: &super::Scenario) {
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

fn check_scenarios(c: &mut Checker, plan: &Plan) {
    let mut names = HashSet::default();
    for s in &plan.scenarios {
        let at = Location::Scenario(s.name.clone());
        uncertain(c, &at, s);
        if s.name.trim().is_empty() || s.name.eq_ignore_ascii_case(super::Scenario::BASE) {
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
            if let super::TargetPay::Salary(m) = pay
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
fn implementation_costs(c: &mut Checker, at: &Location, costs: &[super::ImplementationCost]) {
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
fn vr_terms(c: &mut Checker, at: &Location, plan: &Plan, s: &super::Scenario) {
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
fn pay_change(c: &mut Checker, at: &Location, plan: &Plan, change: &super::PayChange) {
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
fn lines(c: &mut Checker, at: &Location, plan: &Plan, lines: &[super::Line]) {
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
fn money_in(c: &mut Checker, at: &Location, field: &'static str, value: Money, max: i64) {
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

/// Every number in the statutory parameters: finite and in the range its meaning allows (rates 0
/// to 1, money and thresholds not negative, weeks, years and ages plausible). A plan edited by
/// hand could otherwise put NaN into a rate and cost every post at £0.
fn check_parameter_numbers(c: &mut Checker, p: &super::Parameters) {
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

fn check_parameters(c: &mut Checker, plan: &Plan) {
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
