//! The figures derived from a plan and scenario: the outcome, validation problems, counts, choice
//! lists, every chart's figures and the formatted rows of the long tables. Built once per revision
//! of the document, never per frame.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::leavers;
use crate::engine::{self, Outcome};
use crate::figures::charts::{Scenarios, Series};
use crate::model::{Location, Plan, Post, Problem, Severity, validate};

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
    /// Pools > Leavers: each person who leaves or is at risk, formatted the first time the list
    /// is shown (40,000 rows of text are not made for a view nobody is looking at).
    leavers: OnceCell<Vec<leavers::Row>>,
    /// Each post's person in `outcome.people`, if it has one, for the post table's outcome
    /// column, which is formatted row by row as rows come on screen.
    person_of_post: Vec<Option<u32>>,
    /// The share of each role's vacancies deleted, by role id.
    vacancies_deleted: FxHashMap<String, f64>,
    /// Every scenario's headline figures, computed the first time a chart asks for them.
    scenarios: OnceCell<Scenarios>,
    /// What the evaluation kept, for the next one to reuse.
    memo: engine::Memo,
    /// The scenario chosen and how many councils, functions, roles, posts and scenarios the
    /// plan had: while newer figures are being worked out, these are drawn only for a plan of
    /// the same shape, so every position in them means the same item.
    shape: (String, [usize; 5]),
}

/// Each council, function and role as (id, name) for the editors' choice lists, built once per
/// change of the plan rather than every frame.
pub struct Choices {
    /// Councils by full name.
    pub councils: Vec<(String, String)>,
    /// Each function's id and name, for choice lists.
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

/// The shape of a plan, as [`Derived::fits`] compares it.
fn shape_of(plan: &Plan) -> [usize; 5] {
    [
        plan.councils.len(),
        plan.functions.len(),
        plan.roles.len(),
        plan.posts.len(),
        plan.scenarios.len(),
    ]
}

impl Derived {
    /// Whether these figures may stand in for `plan`'s under `scenario` while its own are being
    /// worked out: the same scenario, and the same number of each kind of item.
    pub fn fits(&self, plan: &Plan, scenario: &str) -> bool {
        self.shape.0 == scenario && self.shape.1 == shape_of(plan)
    }

    /// Everything, computed for `scenario` of `plan` at `revision`.
    pub fn new(plan: &Plan, scenario: &str, revision: u64) -> Self {
        Self::after(plan, scenario, revision, &engine::Memo::default())
    }

    /// Everything, computed for `scenario` of `plan` at `revision`, the outcome reusing what
    /// an earlier evaluation's memo kept (the same figures, found quicker).
    pub fn after(plan: &Plan, scenario: &str, revision: u64, memo: &engine::Memo) -> Self {
        let chosen = plan.scenario(scenario).unwrap_or_default();
        let engine::Evaluated { outcome, memo, .. } = engine::evaluate_after(plan, &chosen, memo);
        let problems = validate(plan);
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let mut by_location: BTreeMap<Location, Vec<usize>> = BTreeMap::new();
        for (i, p) in problems.iter().enumerate() {
            by_location.entry(p.location.clone()).or_default().push(i);
        }
        let count = |ids: Vec<&str>, key: fn(&Post) -> &str| {
            let index: FxHashMap<&str, usize> =
                ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
            let mut counts = vec![0; ids.len()];
            // Establishments list posts council by council and role by role: most posts repeat
            // the last id and skip the hash.
            let mut last: Option<(&str, Option<usize>)> = None;
            for p in &plan.posts {
                let id = key(p);
                let found = match last {
                    Some((l, found)) if l == id => found,
                    _ => index.get(id).copied(),
                };
                last = Some((id, found));
                if let Some(i) = found {
                    counts[i] += 1;
                }
            }
            counts
        };
        let mut person_of_post = vec![None; plan.posts.len()];
        // A post's first row (someone expected to volunteer in part has a second, at-risk row).
        for (n, p) in outcome.people.iter().enumerate().rev() {
            if let Some(slot) = person_of_post.get_mut(p.post) {
                *slot = u32::try_from(n).ok();
            }
        }
        let vacancies_deleted = outcome
            .roles
            .iter()
            .map(|r| {
                let share = if r.flows.vacant > 1e-9 {
                    r.flows.vacancies_deleted / r.flows.vacant
                } else {
                    0.0
                };
                (r.id.clone(), share)
            })
            .collect();
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
            leavers: OnceCell::new(),
            person_of_post,
            vacancies_deleted,
            outcome,
            scenarios: OnceCell::new(),
            memo,
            shape: (scenario.to_owned(), shape_of(plan)),
        }
    }

    /// What the evaluation kept, for the next one to reuse.
    pub fn memo(&self) -> &engine::Memo {
        &self.memo
    }

    /// The equality impact, worked out once per revision with the charts' figures.
    pub fn equality(&self) -> &crate::engine::equality::Equality {
        &self.series.equality.impact
    }

    /// Pools > Leavers: each person who leaves or is at risk, formatted once per revision, the
    /// first time the list is shown.
    pub fn leavers(&self, plan: &Plan) -> &[leavers::Row] {
        self.leavers
            .get_or_init(|| leavers::rows(plan, &self.outcome))
    }

    /// The outcome of `post`, at `index` in the plan, in the scenario, as the post table shows it: kept, a
    /// vacancy deleted or kept, VR or the expected compulsory or redeployed share, with the
    /// package. Formatted when asked (the table asks only for the rows on screen).
    pub fn post_outcome(&self, index: usize, post: &Post) -> String {
        if let Some(n) = self.person_of_post.get(index).copied().flatten() {
            let rows: Vec<_> = self.outcome.people[n as usize..]
                .iter()
                .take_while(|p| p.post == index)
                .collect();
            let total: crate::model::Money = rows.iter().map(|p| p.counted().total()).sum();
            let total = total.full();
            let parts: Vec<String> = rows
                .iter()
                .flat_map(|p| match p.kind() {
                    "voluntary" if p.share >= 1.0 - 1e-9 => vec!["VR".to_owned()],
                    "voluntary" => vec![format!("{:.0}% expected VR", p.share * 100.0)],
                    "bumped" if p.share >= 1.0 - 1e-9 => vec!["bumped VR".to_owned()],
                    "bumped" => vec![format!("{:.0}% bumped VR", p.share * 100.0)],
                    "compulsory" if p.redeployed > 1e-9 => vec![
                        format!("{:.0}% compulsory", p.share * 100.0),
                        format!("{:.0}% redeployed", p.redeployed * 100.0),
                    ],
                    "compulsory" => vec![format!("{:.0}% compulsory", p.share * 100.0)],
                    _ => vec![format!("{:.0}% redeployed", p.redeployed * 100.0)],
                })
                .collect();
            return match parts.as_slice() {
                [only] if only == "VR" => format!("VR, {total}"),
                [only] if only.ends_with("bumped VR") => {
                    format!(
                        "{}: someone at risk takes the post, {total}",
                        super::label::capitalise(only)
                    )
                }
                [only] if only.ends_with("redeployed") => {
                    format!(
                        "Redeployed {}, {total}",
                        only.trim_end_matches(" redeployed")
                    )
                }
                _ => format!("At risk: {}, {total}", parts.join(", ")),
            };
        }
        if post.holder.is_some() {
            return "Kept".to_owned();
        }
        match self
            .vacancies_deleted
            .get(&post.role)
            .copied()
            .unwrap_or(0.0)
        {
            d if d >= 1.0 - 1e-9 => "Vacancy deleted".to_owned(),
            d if d > 1e-9 => format!("Vacancy {:.0}% deleted", d * 100.0),
            _ => "Vacancy kept".to_owned(),
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
