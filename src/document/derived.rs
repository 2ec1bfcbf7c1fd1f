//! The figures derived from a plan and scenario: the outcome, validation problems, counts, choice
//! lists, every chart's figures and the formatted rows of the long tables. Built once per revision
//! of the document, never per frame.

use std::collections::{BTreeMap, HashMap};

use super::leavers;
use crate::charts::{Scenarios, Series};
use crate::engine::{self, Outcome};
use crate::model::{Location, Plan, Problem, Severity, validate};

/// The figures derived from the plan, rebuilt only when the plan or scenario changes.
pub struct Derived {
    /// The revision they were computed for.
    pub revision: u64,
    /// The base scenario and then the plan's own, for the scenario list.
    pub scenario_names: Vec<String>,
    /// The chosen scenario's outcome.
    pub outcome: Outcome,
    /// Every validation problem.
    pub problems: Vec<Problem>,
    /// Problems that are errors.
    pub errors: usize,
    /// Problems per item, by index into `problems`.
    by_location: BTreeMap<Location, Vec<usize>>,
    /// Posts per council, in plan order.
    pub council_posts: Vec<usize>,
    /// Posts per role, in plan order.
    pub role_posts: Vec<usize>,
    /// Posts per function today, in plan order.
    pub function_posts: Vec<usize>,
    /// Councils, functions and roles as choice lists.
    pub choices: Choices,
    /// Every chart's figures.
    pub series: Series,
    /// Pools > Leavers: each person who leaves or is at risk, formatted.
    pub leavers: Vec<leavers::Row>,
    /// Each post's outcome in the scenario, formatted for the post table: kept, a vacancy
    /// deleted, VR or the expected compulsory or redeployed share, with the package.
    pub post_outcomes: Vec<String>,
    /// Every scenario's headline figures, computed the first time a chart asks for them.
    scenarios: std::cell::OnceCell<Scenarios>,
}

/// Each council, function and role as (id, name) for the editors' choice lists, built once per
/// change of the plan rather than every frame.
pub struct Choices {
    /// Councils by full name.
    pub councils: Vec<(String, String)>,
    /// Functions.
    pub functions: Vec<(String, String)>,
    /// Roles by title.
    pub roles: Vec<(String, String)>,
}

impl Choices {
    /// Built from the plan.
    pub fn of(plan: &Plan) -> Self {
        Self {
            councils: plan
                .councils
                .iter()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect(),
            functions: plan
                .functions
                .iter()
                .map(|f| (f.id.clone(), f.name.clone()))
                .collect(),
            roles: plan
                .roles
                .iter()
                .map(|r| (r.id.clone(), r.title.clone()))
                .collect(),
        }
    }
}

impl Derived {
    /// Everything, computed for `scenario` of `plan` at `revision`.
    pub fn new(plan: &Plan, scenario: &str, revision: u64) -> Self {
        let chosen = plan.scenario(scenario).unwrap_or_default();
        let outcome = engine::evaluate(plan, &chosen);
        let problems = validate(plan);
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let mut by_location: BTreeMap<Location, Vec<usize>> = BTreeMap::new();
        for (i, p) in problems.iter().enumerate() {
            by_location.entry(p.location.clone()).or_default().push(i);
        }
        let count = |ids: Vec<&str>, key: fn(&crate::model::Post) -> &str| {
            let index: HashMap<&str, usize> =
                ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
            let mut counts = vec![0; ids.len()];
            for p in &plan.posts {
                if let Some(&i) = index.get(key(p)) {
                    counts[i] += 1;
                }
            }
            counts
        };
        Self {
            revision,
            scenario_names: plan.scenario_names(),
            errors,
            by_location,
            council_posts: count(plan.councils.iter().map(|c| c.id.as_str()).collect(), |p| {
                &p.council
            }),
            role_posts: count(plan.roles.iter().map(|r| r.id.as_str()).collect(), |p| {
                &p.role
            }),
            function_posts: count(
                plan.functions.iter().map(|f| f.id.as_str()).collect(),
                |p| &p.function,
            ),
            problems,
            choices: Choices::of(plan),
            series: Series::of(plan, &outcome),
            leavers: leavers::rows(plan, &outcome),
            post_outcomes: post_outcomes(plan, &outcome),
            outcome,
            scenarios: std::cell::OnceCell::new(),
        }
    }

    /// Every scenario's headline figures, evaluated once per change of the plan and only when a
    /// chart needs them.
    pub fn scenarios(&self, plan: &Plan) -> &Scenarios {
        self.scenarios.get_or_init(|| Scenarios::of(plan))
    }

    /// The scenarios' figures if `chart` is the comparison (the only chart that needs them).
    pub fn scenarios_for(
        &self,
        chart: Option<crate::model::Chart>,
        plan: &Plan,
    ) -> Option<&Scenarios> {
        (chart == Some(crate::model::Chart::Scenarios)).then(|| self.scenarios(plan))
    }

    /// The problems found with one item.
    pub fn problems_at(&self, location: &Location) -> Vec<&Problem> {
        self.by_location
            .get(location)
            .map(|ix| ix.iter().filter_map(|&i| self.problems.get(i)).collect())
            .unwrap_or_default()
    }

    /// The problems found with the post at `index` (counting from 0).
    pub fn post_problems(&self, index: usize, id: &str) -> Vec<&Problem> {
        self.problems_at(&Location::Post {
            id: id.to_owned(),
            position: index + 1,
        })
    }
}

/// Each post's outcome as the post table shows it.
fn post_outcomes(plan: &Plan, o: &Outcome) -> Vec<String> {
    let role_index: HashMap<&str, usize> = o
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut out: Vec<String> = plan
        .posts
        .iter()
        .map(|post| {
            if post.holder.is_some() {
                return "Kept".to_owned();
            }
            let deleted = role_index
                .get(post.role.as_str())
                .and_then(|&r| o.roles.get(r))
                .map_or(0.0, |r| {
                    if r.flows.vacant > 1e-9 {
                        r.flows.vacancies_deleted / r.flows.vacant
                    } else {
                        0.0
                    }
                });
            match deleted {
                d if d >= 1.0 - 1e-9 => "Vacancy deleted".to_owned(),
                d if d > 1e-9 => format!("Vacancy {:.0}% deleted", d * 100.0),
                _ => "Vacancy kept".to_owned(),
            }
        })
        .collect();
    for p in &o.people {
        let total = p.counted().total().full();
        let text = match p.kind() {
            "voluntary" => format!("VR, {total}"),
            "compulsory" if p.redeployed > 1e-9 => format!(
                "At risk: {:.0}% compulsory, {:.0}% redeployed, {total}",
                p.share * 100.0,
                p.redeployed * 100.0
            ),
            "compulsory" => format!("At risk: {:.0}% compulsory, {total}", p.share * 100.0),
            _ => format!("Redeployed {:.0}%, {total}", p.redeployed * 100.0),
        };
        if let Some(slot) = out.get_mut(p.post) {
            *slot = text;
        }
    }
    out
}
