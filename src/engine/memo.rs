//! Incremental evaluation: what one evaluation keeps so that the next, of the same plan a little
//! changed, works out again only what the change reaches (docs/performance.md, "Incremental
//! evaluation").
//!
//! An evaluation keeps the plan and scenario it evaluated, each post's lookups and each role's
//! choice of volunteers. The next evaluation compares its plan with the kept one: the posts by
//! position (blocks shared with the kept plan are not even read), and everything else whole.
//! Then:
//! - a post that did not change keeps its lookups, when the councils, functions, roles and
//!   consultation start are as they were;
//! - a role none of whose posts changed keeps its choice of volunteers, when nothing but the
//!   posts changed (the scenario, assumptions, rules and everything else the choice reads);
//! - everything else, and every sum, is worked out as a full evaluation does.
//!
//! Each kept result is what the full evaluation would compute from the same inputs, so the
//! figures are the same to the penny (a property test drives random edits through both).
//! Keeping each person's exit costs as well was tried and measured: looking a cost up and
//! copying it took as long as working it out (docs/performance.md).

use std::sync::Arc;

use super::context::{Earlier, Resolved, consultation_start};
use crate::model::{Plan, Scenario};

/// A role's choice of volunteers: the VR FTE accepted, and each accepted post with its share.
pub(crate) type Selection = (f64, Vec<(usize, f64)>);

/// What an evaluation keeps for the next one ([`super::evaluate_after`]). Cheap to clone: the
/// kept results are shared.
#[derive(Clone, Default)]
pub struct Memo {
    kept: Option<Arc<Kept>>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo")
            .field("kept", &self.kept.is_some())
            .finish()
    }
}

/// One evaluation's inputs and results, as the next one may reuse them.
struct Kept {
    plan: Plan,
    scenario: Scenario,
    resolved: Resolved,
    /// Each role's choice of volunteers.
    selections: Vec<Selection>,
}

/// How much of the kept results an evaluation reused, for tests and benches: the measure of
/// "cost follows what changed".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reused {
    /// Posts whose lookups were kept.
    pub lookups: usize,
    /// Roles whose choice of volunteers was kept.
    pub selections: usize,
}

impl Memo {
    /// How this memo's kept plan compares with `plan` under `scenario`: what the next evaluation
    /// may take from it.
    pub(crate) fn compare<'k>(&'k self, plan: &Plan, scenario: &Scenario) -> Compared<'k> {
        let Some(kept) = self.kept.as_deref() else {
            return Compared::default();
        };
        let Some(changed) = plan.posts.changed_since(&kept.plan.posts) else {
            return Compared::default();
        };
        let same_lookups = plan.councils == kept.plan.councils
            && plan.functions == kept.plan.functions
            && plan.roles == kept.plan.roles
            && consultation_start(plan, scenario) == consultation_start(&kept.plan, &kept.scenario);
        if !same_lookups {
            return Compared::default();
        }
        Compared {
            kept: Some(kept),
            same_context: *scenario == kept.scenario && same_but_posts(plan, &kept.plan),
            changed,
        }
    }

    /// A memo of `plan` under `scenario`, keeping what the evaluation worked out.
    pub(crate) fn keep(
        plan: &Plan,
        scenario: &Scenario,
        resolved: Resolved,
        selections: Vec<Selection>,
    ) -> Self {
        Self {
            kept: Some(Arc::new(Kept {
                plan: plan.clone(),
                scenario: scenario.clone(),
                resolved,
                selections,
            })),
        }
    }
}

/// Whether two plans agree in everything the engine reads but their posts. Every field is named,
/// so a field added to the plan must be placed here: read by the engine or not.
fn same_but_posts(a: &Plan, b: &Plan) -> bool {
    let Plan {
        format_version: _,
        name: _,
        description: _,
        programme,
        councils,
        functions,
        roles,
        posts: _,
        assumptions,
        scenarios: _,
        parameters,
        slides: _,
        protective_marking: _,
        comments: _,
        sign_offs: _,
        lineage: _,
    } = a;
    *programme == b.programme
        && *councils == b.councils
        && *functions == b.functions
        && *roles == b.roles
        && *assumptions == b.assumptions
        && *parameters == b.parameters
}

/// A kept evaluation compared with the plan evaluated now.
#[derive(Default)]
pub(crate) struct Compared<'k> {
    /// The kept evaluation, when its lookups stand (the same councils, functions, roles,
    /// consultation start and number of posts).
    kept: Option<&'k Kept>,
    /// Nothing but the posts changed: the scenario, assumptions, rules and the rest are as kept.
    same_context: bool,
    /// The positions of the posts that changed.
    changed: Vec<usize>,
}

impl<'k> Compared<'k> {
    /// The earlier lookups for [`super::context::Context::after`], if they stand.
    pub(crate) fn earlier(&self) -> Option<Earlier<'_>> {
        self.kept.map(|k| Earlier {
            plan: &k.plan,
            resolved: &k.resolved,
            changed: &self.changed,
        })
    }

    /// What the stages may reuse, given this evaluation's lookups.
    pub(crate) fn reuse(&self, resolved: &Resolved, roles: usize) -> Reuse<'k> {
        let Some(kept) = self.kept.filter(|_| self.same_context) else {
            return Reuse::keeping();
        };
        let mut dirty = vec![false; roles];
        for &i in &self.changed {
            for r in [kept.resolved.role(i), resolved.role(i)]
                .into_iter()
                .flatten()
            {
                if let Some(d) = dirty.get_mut(r) {
                    *d = true;
                }
            }
        }
        Reuse {
            kept: Some(kept),
            dirty_roles: dirty,
            keep: true,
        }
    }

    /// How many posts' lookups the evaluation keeps.
    pub(crate) fn lookups_kept(&self) -> usize {
        self.kept
            .map_or(0, |k| k.plan.posts.len() - self.changed.len())
    }
}

/// What the stages of one evaluation may take from the kept one, and whether they keep their own
/// results for the next.
pub(crate) struct Reuse<'k> {
    kept: Option<&'k Kept>,
    dirty_roles: Vec<bool>,
    /// Whether the stages keep their results (an evaluation with a memo), or not (one without,
    /// a Monte Carlo draw, a goal seek's trial).
    pub keep: bool,
}

impl Reuse<'_> {
    /// Nothing to reuse and nothing to keep.
    pub(crate) fn none() -> Self {
        Self {
            kept: None,
            dirty_roles: Vec::new(),
            keep: false,
        }
    }

    /// Nothing to reuse, but keep what is worked out.
    fn keeping() -> Self {
        Self {
            keep: true,
            ..Self::none()
        }
    }

    /// Role `r`'s kept choice of volunteers, if none of its posts changed.
    pub(crate) fn selection(&self, r: usize) -> Option<&Selection> {
        let kept = self.kept?;
        (!self.dirty_roles.get(r).copied().unwrap_or(true))
            .then(|| kept.selections.get(r))
            .flatten()
    }
}
