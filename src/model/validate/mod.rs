//! Validation: every problem in a plan, with the item and field it concerns and what to do.

mod parameters;
mod posts;
mod scenarios;

use rustc_hash::FxHashSet as HashSet;
use std::fmt;

use self::parameters::check_parameters;
use self::posts::{check_posts, check_structure};
use self::scenarios::{check_scenarios, implementation_costs, lines, pay_change, ranges};
use super::{Dated, PaybackLimit, Plan};

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
