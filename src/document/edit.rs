//! Plan edits and their history: the one path every change to the document takes.
//!
//! An [`Edit`] is a list of [`Patch`]es, each replacing one piece of the plan. Applying a patch
//! returns the patch that puts the piece back, so undo stores only what changed (a typed FTE keeps
//! one post, not a copy of 50,000). No egui here: the builders below are plain functions of the
//! plan, tested directly.

use super::label::Described;
use crate::model::{
    Assumptions, COUNCIL_PALETTE, Chart, Comment, Council, Function, Money, Parameters, Plan, Post,
    Programme, RedundancyScheme, Role, Scenario, SignOff, TargetPay,
};

/// The most undo steps kept (the issue asks for at least 100).
pub const MAX_UNDO: usize = 200;

/// The plan's settings: everything but the councils, functions, roles and posts.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The plan's name.
    pub name: String,
    /// What the plan is for.
    pub description: String,
    /// Programme dates.
    pub programme: Programme,
    /// The plan's assumptions as they were.
    pub assumptions: Assumptions,
    /// The plan's scenarios as they were.
    pub scenarios: Vec<Scenario>,
    /// Statutory parameters.
    pub parameters: Parameters,
    /// The presentation's slides.
    pub slides: Vec<Chart>,
    /// The protective marking on slides and images.
    pub protective_marking: String,
    /// Comments and their threads.
    pub comments: Vec<Comment>,
    /// Sign-offs.
    pub sign_offs: Vec<SignOff>,
}

impl Settings {
    /// A copy of the plan's settings.
    pub fn of(plan: &Plan) -> Self {
        Self {
            name: plan.name.clone(),
            description: plan.description.clone(),
            programme: plan.programme,
            assumptions: plan.assumptions.clone(),
            scenarios: plan.scenarios.clone(),
            parameters: plan.parameters.clone(),
            slides: plan.slides.clone(),
            protective_marking: plan.protective_marking.clone(),
            comments: plan.comments.clone(),
            sign_offs: plan.sign_offs.clone(),
        }
    }

    fn swap(&mut self, plan: &mut Plan) {
        std::mem::swap(&mut self.name, &mut plan.name);
        std::mem::swap(&mut self.description, &mut plan.description);
        std::mem::swap(&mut self.programme, &mut plan.programme);
        std::mem::swap(&mut self.assumptions, &mut plan.assumptions);
        std::mem::swap(&mut self.scenarios, &mut plan.scenarios);
        std::mem::swap(&mut self.parameters, &mut plan.parameters);
        std::mem::swap(&mut self.slides, &mut plan.slides);
        std::mem::swap(&mut self.protective_marking, &mut plan.protective_marking);
        std::mem::swap(&mut self.comments, &mut plan.comments);
        std::mem::swap(&mut self.sign_offs, &mut plan.sign_offs);
    }
}

/// One piece of the plan replaced.
#[derive(Clone, Debug, PartialEq)]
pub enum Patch {
    /// New settings (name, dates, assumptions, scenarios, parameters).
    Settings(Box<Settings>),
    /// A new list of councils.
    Councils(Vec<Council>),
    /// A new list of functions.
    Functions(Vec<Function>),
    /// A new list of roles.
    Roles(Vec<Role>),
    /// `remove` posts from position `at` replaced by `insert`.
    Posts {
        /// First position replaced.
        at: usize,
        /// How many posts are removed.
        remove: usize,
        /// The posts put in their place.
        insert: Vec<Post>,
    },
    /// Versions the plan comes from added to and removed from its lineage (a merge's other
    /// parent). Saving moves the lineage on outside the history, so an undo takes out only what
    /// the edit put in.
    Parents {
        /// Versions put in, newest first.
        add: Vec<String>,
        /// Versions taken out.
        remove: Vec<String>,
    },
}

impl Patch {
    /// Applies the patch and returns the patch that undoes it. Out-of-range positions are
    /// clamped, so a stale patch can never panic.
    #[must_use = "the returned patch is the only way back"]
    pub fn apply(self, plan: &mut Plan) -> Self {
        match self {
            Self::Settings(mut s) => {
                s.swap(plan);
                Self::Settings(s)
            }
            Self::Councils(c) => Self::Councils(std::mem::replace(&mut plan.councils, c)),
            Self::Functions(f) => Self::Functions(std::mem::replace(&mut plan.functions, f)),
            Self::Roles(r) => Self::Roles(std::mem::replace(&mut plan.roles, r)),
            Self::Posts { at, remove, insert } => {
                let at = at.min(plan.posts.len());
                let end = (at + remove).min(plan.posts.len());
                let inserted = insert.len();
                let removed = plan.posts.splice(at..end, insert);
                Self::Posts {
                    at,
                    remove: inserted,
                    insert: removed,
                }
            }
            Self::Parents { add, remove } => {
                let earlier = &mut plan.lineage.earlier;
                let removed: Vec<String> =
                    remove.into_iter().filter(|v| earlier.contains(v)).collect();
                earlier.retain(|v| !removed.contains(v));
                let added: Vec<String> = add
                    .into_iter()
                    .filter(|v| !v.is_empty() && !earlier.contains(v))
                    .collect();
                earlier.splice(0..0, added.iter().cloned());
                Self::Parents {
                    add: removed,
                    remove: added,
                }
            }
        }
    }

    /// The smallest single splice that turns `old` into `new`: the common start and end are
    /// kept, so an edit to a few neighbouring posts stores only those.
    pub fn posts(old: &crate::model::Posts, new: Vec<Post>) -> Option<Self> {
        let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
        let max_suffix = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        if prefix == old.len() && old.len() == new.len() {
            return None;
        }
        let mut insert = new;
        insert.truncate(insert.len() - suffix);
        insert.drain(..prefix);
        Some(Self::Posts {
            at: prefix,
            remove: old.len() - prefix - suffix,
            insert,
        })
    }
}

/// A change to the plan, as the user sees it: one undo step.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// What the edit does, for the Edit menu ("Undo change FTE").
    pub label: String,
    /// The pieces replaced, in order.
    pub patches: Vec<Patch>,
    /// Edits with the same key that follow each other while a field is being dragged or typed
    /// into become one undo step.
    pub key: Option<String>,
}

impl Edit {
    /// An edit of `patches`.
    pub fn new(label: impl Into<String>, patches: Vec<Patch>) -> Self {
        Self {
            label: label.into(),
            patches,
            key: None,
        }
    }

    /// The same edit, merged with the following edits with the same key into one undo step.
    #[must_use]
    pub fn keyed(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Replaces one post.
    pub fn post(label: &str, index: usize, post: Post) -> Self {
        Self::new(
            label,
            vec![Patch::Posts {
                at: index,
                remove: 1,
                insert: vec![post],
            }],
        )
    }

    /// Replaces the settings.
    pub fn settings(label: &str, settings: Settings) -> Self {
        Self::new(label, vec![Patch::Settings(Box::new(settings))])
    }

    /// Replaces the councils.
    pub fn councils(label: &str, councils: Vec<Council>) -> Self {
        Self::new(label, vec![Patch::Councils(councils)])
    }

    /// Replaces the functions.
    pub fn functions(label: &str, functions: Vec<Function>) -> Self {
        Self::new(label, vec![Patch::Functions(functions)])
    }

    /// Replaces the roles.
    pub fn roles(label: &str, roles: Vec<Role>) -> Self {
        Self::new(label, vec![Patch::Roles(roles)])
    }

    /// Applies every patch; returns the patches that undo them, in the order to apply them.
    fn apply(patches: Vec<Patch>, plan: &mut Plan) -> Vec<Patch> {
        let mut undo: Vec<Patch> = patches.into_iter().map(|p| p.apply(plan)).collect();
        undo.reverse();
        undo
    }
}

/// One undo step: the patches that go back, and the state they go back to.
#[derive(Debug)]
struct UndoStep {
    label: String,
    /// The one field the step changed, when it changed one: a drag merged into the step keeps
    /// the value before the drag began.
    described: Option<Described>,
    patches: Vec<Patch>,
    /// The document state the patches lead to.
    state: u64,
    key: Option<String>,
    /// Still taking edits with the same key (the user is dragging or typing).
    open: bool,
}

/// Undo and redo of plan edits, and which state of the document is the saved one.
///
/// Every document state has a number; saving remembers the number, so undoing back to the saved
/// state clears the unsaved marker. Never saved to disk.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<UndoStep>,
    redo: Vec<UndoStep>,
    state: u64,
    next_state: u64,
    saved: u64,
}

impl History {
    /// Applies `edit` to `plan` and records it. Returns false (and records nothing) when the edit
    /// changed nothing.
    pub fn apply(&mut self, plan: &mut Plan, edit: Edit) -> bool {
        let undo = Edit::apply(edit.patches, plan);
        if undo.iter().all(|p| no_change(p, plan)) {
            return false;
        }
        let described = super::label::describe(&undo, plan);
        self.redo.clear();
        let merge = self
            .undo
            .last()
            .is_some_and(|s| s.open && s.key.is_some() && s.key == edit.key);
        if merge {
            if let Some(top) = self.undo.last_mut() {
                match (&mut top.described, described) {
                    (Some(before), Some(now)) if before.what == now.what => {
                        before.new = now.new;
                        top.label = before.label();
                    }
                    (slot, now) => {
                        top.label = now.as_ref().map_or(edit.label, Described::label);
                        *slot = now;
                    }
                }
                // When this edit touched only pieces the step already restores, the step still
                // goes back to the state before the drag or typing began. Otherwise (a key reused
                // for another piece) keep this edit's inverse too, applied first.
                if !covers(&top.patches, &undo) {
                    let mut patches = undo;
                    patches.append(&mut top.patches);
                    top.patches = patches;
                }
            }
        } else {
            self.close();
            self.undo.push(UndoStep {
                label: described.as_ref().map_or(edit.label, Described::label),
                described,
                patches: undo,
                state: self.state,
                open: edit.key.is_some(),
                key: edit.key,
            });
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.next_state += 1;
        self.state = self.next_state;
        true
    }

    /// Ends the current drag or typing: the next edit starts a new step.
    pub fn close(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.open = false;
        }
    }

    /// Undoes the last step. Returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, plan: &mut Plan) -> Option<String> {
        let step = self.undo.pop()?;
        let redo = Edit::apply(step.patches, plan);
        self.redo.push(UndoStep {
            label: step.label.clone(),
            described: step.described,
            patches: redo,
            state: self.state,
            key: None,
            open: false,
        });
        self.state = step.state;
        Some(step.label)
    }

    /// Redoes the last undone step. Returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self, plan: &mut Plan) -> Option<String> {
        let step = self.redo.pop()?;
        let undo = Edit::apply(step.patches, plan);
        self.undo.push(UndoStep {
            label: step.label.clone(),
            described: step.described,
            patches: undo,
            state: self.state,
            key: None,
            open: false,
        });
        self.state = step.state;
        Some(step.label)
    }

    /// The label of the step Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// The plan now differs from the one last saved (or opened).
    pub fn is_dirty(&self) -> bool {
        self.state != self.saved
    }

    /// The plan as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved = self.state;
    }

    /// The plan as it is now has not been saved (work restored after a crash).
    pub fn mark_unsaved(&mut self) {
        // No state ever has this number.
        self.saved = u64::MAX;
    }

    /// The plan as it was at `state` has been saved (a save that ran while editing went on).
    pub fn mark_saved_state(&mut self, state: u64) {
        self.saved = state;
    }

    /// A state number that changes whenever the plan does (for caches).
    pub fn state(&self) -> u64 {
        self.state
    }
}

/// Every piece `new` restores is restored whole by one of `old` (same list, or the same run of
/// posts).
fn covers(old: &[Patch], new: &[Patch]) -> bool {
    new.iter().all(|n| {
        old.iter().any(|o| match (o, n) {
            (Patch::Settings(_), Patch::Settings(_))
            | (Patch::Councils(_), Patch::Councils(_))
            | (Patch::Functions(_), Patch::Functions(_))
            | (Patch::Roles(_), Patch::Roles(_)) => true,
            (
                Patch::Posts { at, remove, insert },
                Patch::Posts {
                    at: at2,
                    remove: remove2,
                    insert: insert2,
                },
            ) => at == at2 && remove == remove2 && insert.len() == insert2.len(),
            _ => false,
        })
    })
}

/// The inverse patch puts back exactly what is there now: the edit changed nothing.
fn no_change(inverse: &Patch, plan: &Plan) -> bool {
    match inverse {
        Patch::Settings(s) => **s == Settings::of(plan),
        Patch::Councils(c) => *c == plan.councils,
        Patch::Functions(f) => *f == plan.functions,
        Patch::Roles(r) => *r == plan.roles,
        Patch::Posts { at, remove, insert } => {
            insert.len() == *remove
                && *at + *remove <= plan.posts.len()
                && plan.posts.in_range(*at..*at + *remove).eq(insert.iter())
        }
        Patch::Parents { add, remove } => add.is_empty() && remove.is_empty(),
    }
}

/// An id not yet used by any of `taken`: `prefix`, or `prefix-2`, `prefix-3`, ...
pub fn unique_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let prefix = if prefix.is_empty() { "item" } else { prefix };
    let taken: std::collections::HashSet<&str> = taken.collect();
    if !taken.contains(prefix) {
        return prefix.to_owned();
    }
    // At most `taken.len() + 1` tries: one of them is free.
    (2..=taken.len() + 2)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_default()
}

/// Adds a council with the next palette colour and the usual scheme.
pub fn add_council(plan: &Plan) -> Edit {
    let id = unique_id("council", plan.councils.iter().map(|c| c.id.as_str()));
    let n = plan.councils.len();
    let mut councils = plan.councils.clone();
    councils.push(Council {
        id,
        name: format!("New council {}", n + 1),
        short_name: format!("New {}", n + 1),
        colour: COUNCIL_PALETTE[n % COUNCIL_PALETTE.len()],
        scheme: RedundancyScheme::default(),
        lgps_employer_rate: 0.2,
        min_service_for_vr_years: 2,
        cost_share_weight: 1.0,
        assumed: true,
        recognised_unions: Vec::new(),
        pay_point: crate::model::PayPoint::Midpoint,
        workforce: crate::model::WorkforceProfile::default(),
    });
    Edit::councils("add council", councils)
}

/// What happens to the posts of a council, function or role being deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Orphans {
    /// They are deleted with it.
    Delete,
    /// They move to the council, function or role with this id.
    MoveTo(String),
}

/// Deletes a council; its posts are deleted or move to another council.
pub fn remove_council(plan: &Plan, id: &str, orphans: &Orphans) -> Edit {
    let councils = plan
        .councils
        .iter()
        .filter(|c| c.id != id)
        .cloned()
        .collect();
    let mut edit = Edit::councils("delete council", councils);
    edit.patches.extend(rehome_posts(
        plan,
        orphans,
        |p| p.council == id,
        |p, to| {
            p.council = to.to_owned();
        },
    ));
    if let Some(host) = &plan.assumptions.host_council
        && host == id
    {
        let mut settings = Settings::of(plan);
        settings.assumptions.host_council = None;
        edit.patches.push(Patch::Settings(Box::new(settings)));
    }
    edit
}

/// Adds a function.
pub fn add_function(plan: &Plan) -> Edit {
    let id = unique_id("function", plan.functions.iter().map(|f| f.id.as_str()));
    let mut functions = plan.functions.clone();
    functions.push(Function {
        id,
        name: format!("New function {}", plan.functions.len() + 1),
        go_live: None,
    });
    Edit::functions("add function", functions)
}

/// Deletes a function; its roles and posts are deleted or move to another function.
pub fn remove_function(plan: &Plan, id: &str, orphans: &Orphans) -> Edit {
    let functions = plan
        .functions
        .iter()
        .filter(|f| f.id != id)
        .cloned()
        .collect();
    let mut edit = Edit::functions("delete function", functions);
    let roles = match orphans {
        Orphans::Delete => plan
            .roles
            .iter()
            .filter(|r| r.function != id)
            .cloned()
            .collect(),
        Orphans::MoveTo(to) => plan
            .roles
            .iter()
            .cloned()
            .map(|mut r| {
                if r.function == id {
                    r.function.clone_from(to);
                }
                r
            })
            .collect(),
    };
    edit.patches.push(Patch::Roles(roles));
    // Posts of the function's roles go with the roles; posts sitting in the function today move
    // with it (or go when it goes).
    let doomed: std::collections::HashSet<&str> = plan
        .roles
        .iter()
        .filter(|r| r.function == id)
        .map(|r| r.id.as_str())
        .collect();
    edit.patches.extend(rehome_posts(
        plan,
        orphans,
        |p| p.function == id || doomed.contains(p.role.as_str()),
        |p, to| {
            if p.function == id {
                p.function = to.to_owned();
            }
        },
    ));
    edit
}

/// Adds a role to a function, with no target FTE and the average pay of its posts.
pub fn add_role(plan: &Plan, function: &str) -> Edit {
    let id = unique_id("role", plan.roles.iter().map(|r| r.id.as_str()));
    let mut roles = plan.roles.clone();
    roles.push(Role {
        id,
        function: function.to_owned(),
        title: format!("New role {}", plan.roles.len() + 1),
        target_fte: 0.0,
        target_from_establishment: false,
        pay: TargetPay::HarmoniseAverage,
    });
    Edit::roles("add role", roles)
}

/// Deletes a role; its posts are deleted or mapped onto another role.
pub fn remove_role(plan: &Plan, id: &str, orphans: &Orphans) -> Edit {
    let roles = plan.roles.iter().filter(|r| r.id != id).cloned().collect();
    let mut edit = Edit::roles("delete role", roles);
    edit.patches.extend(rehome_posts(
        plan,
        orphans,
        |p| p.role == id,
        |p, to| {
            p.role = to.to_owned();
        },
    ));
    edit
}

/// The posts patch that deletes the posts `matches` picks, or moves them with `set`.
fn rehome_posts(
    plan: &Plan,
    orphans: &Orphans,
    matches: impl Fn(&Post) -> bool,
    set: impl Fn(&mut Post, &str),
) -> Option<Patch> {
    let new = match orphans {
        Orphans::Delete => plan.posts.iter().filter(|p| !matches(p)).cloned().collect(),
        Orphans::MoveTo(to) => plan
            .posts
            .iter()
            .cloned()
            .map(|mut p| {
                if matches(&p) {
                    set(&mut p, to);
                }
                p
            })
            .collect(),
    };
    Patch::posts(&plan.posts, new)
}

/// A new vacant post in `council` mapped to `role`, at the role's pay if it has a salary.
pub fn add_post(plan: &Plan, council: &str, role: &str) -> Edit {
    let role_fn = plan.role(role).map(|r| r.function.clone());
    let salary = match plan.role(role).map(|r| r.pay) {
        Some(TargetPay::Salary(s)) => s,
        _ => Money::pounds(30_000),
    };
    let mut taken = post_ids(plan);
    let id = new_post_id(&mut taken, plan.posts.len(), council);
    let post = Post {
        id,
        council: council.to_owned(),
        function: role_fn
            .or_else(|| plan.functions.first().map(|f| f.id.clone()))
            .unwrap_or_default(),
        role: role.to_owned(),
        title: plan.role(role).map(|r| r.title.clone()).unwrap_or_default(),
        grade: String::new(),
        unnamed: false,
        group: None,
        pay_range: None,
        fte: 1.0,
        salary,
        holder: None,
    };
    Edit::new(
        "add post",
        vec![Patch::Posts {
            at: plan.posts.len(),
            remove: 0,
            insert: vec![post],
        }],
    )
}

/// Every post id in the plan.
fn post_ids(plan: &Plan) -> std::collections::HashSet<String> {
    plan.posts.iter().map(|p| p.id.clone()).collect()
}

/// A post id for `council` not in `taken` (which then holds it): the council's id in capitals
/// and the first free number after `from`.
fn new_post_id(
    taken: &mut std::collections::HashSet<String>,
    from: usize,
    council: &str,
) -> String {
    let prefix: String = council
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(6)
        .collect::<String>()
        .to_uppercase();
    let prefix = if prefix.is_empty() {
        "POST".into()
    } else {
        prefix
    };
    // At most `taken.len() + 1` tries: one of them is free.
    let id = (from + 1..=from + taken.len() + 1)
        .map(|n| format!("{prefix}-N{n:04}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_default();
    taken.insert(id.clone());
    id
}

/// Copies of the posts at `indices`, each with a new id, added after the last post.
pub fn duplicate_posts(plan: &Plan, indices: &[usize]) -> Edit {
    let mut copies: Vec<Post> = Vec::with_capacity(indices.len());
    let mut taken = post_ids(plan);
    for &i in indices {
        let Some(post) = plan.posts.get(i) else {
            continue;
        };
        let mut copy = post.clone();
        copy.id = new_post_id(&mut taken, plan.posts.len(), &post.council);
        copies.push(copy);
    }
    Edit::new(
        if copies.len() == 1 {
            "duplicate post"
        } else {
            "duplicate posts"
        },
        vec![Patch::Posts {
            at: plan.posts.len(),
            remove: 0,
            insert: copies,
        }],
    )
}

/// Deletes the posts at `indices`.
pub fn delete_posts(plan: &Plan, indices: &[usize]) -> Edit {
    let doomed: std::collections::HashSet<usize> = indices.iter().copied().collect();
    let new = plan
        .posts
        .iter()
        .enumerate()
        .filter(|(i, _)| !doomed.contains(i))
        .map(|(_, p)| p.clone())
        .collect();
    let label = if indices.len() == 1 {
        "delete post"
    } else {
        "delete posts"
    };
    Edit::new(label, Patch::posts(&plan.posts, new).into_iter().collect())
}

/// What a bulk reassignment sets on each selected post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reassign {
    /// Map the posts onto this role.
    Role(String),
    /// Put the posts in this function today.
    Function(String),
}

/// Reassigns the posts at `indices` in one step.
pub fn reassign_posts(plan: &Plan, indices: &[usize], to: &Reassign) -> Edit {
    let chosen: std::collections::HashSet<usize> = indices.iter().copied().collect();
    let new = plan
        .posts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut p = p.clone();
            if chosen.contains(&i) {
                match to {
                    Reassign::Role(r) => p.role.clone_from(r),
                    Reassign::Function(f) => p.function.clone_from(f),
                }
            }
            p
        })
        .collect();
    let label = match to {
        Reassign::Role(_) => "reassign role",
        Reassign::Function(_) => "reassign function",
    };
    Edit::new(label, Patch::posts(&plan.posts, new).into_iter().collect())
}

/// Turns `plan` into `after` (an import's result) in one undo step: the councils, functions and
/// roles are replaced where they differ, and the posts by the smallest splice.
pub fn replace_establishment(plan: &Plan, after: Plan, label: &str) -> Edit {
    let Plan {
        councils,
        functions,
        roles,
        posts,
        ..
    } = after;
    let mut patches = Vec::new();
    if councils != plan.councils {
        patches.push(Patch::Councils(councils));
    }
    if functions != plan.functions {
        patches.push(Patch::Functions(functions));
    }
    if roles != plan.roles {
        patches.push(Patch::Roles(roles));
    }
    if let Some(p) = Patch::posts(&plan.posts, posts.into_iter().collect()) {
        patches.push(p);
    }
    Edit::new(label, patches)
}

/// How Structure > Propose a target structure… sets each role's target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Proposal {
    /// Keep the larger council's establishment in each role: the most FTE any one council has
    /// in it today.
    LargerCouncil,
    /// A share of today's FTE in each role (0 to 1), to two decimal places, halves up.
    ShareOfToday(f64),
}

impl Proposal {
    /// The edit's words, for undo.
    pub fn label(self) -> String {
        match self {
            Self::LargerCouncil => {
                "propose a target structure (the larger council's establishment)".to_owned()
            }
            Self::ShareOfToday(s) => format!(
                "propose a target structure ({:.0}% of today's FTE)",
                s.clamp(0.0, 1.0) * 100.0
            ),
        }
    }
}

/// Every role's target set as `how` says, in one undo step; the targets are then the
/// director's, so a later import leaves them.
pub fn propose_targets(plan: &Plan, how: Proposal) -> Edit {
    use std::collections::HashMap;
    // Each role's FTE today, council by council.
    let mut by_council: HashMap<&str, HashMap<&str, f64>> = HashMap::new();
    for p in &plan.posts {
        let fte = if p.fte.is_finite() {
            p.fte.max(0.0)
        } else {
            0.0
        };
        *by_council
            .entry(p.role.as_str())
            .or_default()
            .entry(p.council.as_str())
            .or_default() += fte;
    }
    let roles = plan
        .roles
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let councils = by_council
                .get(r.id.as_str())
                .into_iter()
                .flat_map(|c| c.values().copied());
            r.target_fte = match how {
                // To six places, rounded up so no one is at risk by a rounding.
                Proposal::LargerCouncil => {
                    (councils.fold(0.0, f64::max) * 1e6 - 1e-6).ceil().max(0.0) / 1e6
                }
                // Halves up, whatever float noise says (1.5 x 85% is 1.275, not 1.27499…).
                Proposal::ShareOfToday(s) => {
                    (councils.sum::<f64>() * s.clamp(0.0, 1.0) * 100.0 + 1e-6).round() / 100.0
                }
            };
            r.target_from_establishment = false;
            r
        })
        .collect();
    Edit::roles(&how.label(), roles)
}

/// The id of a new comment: made from its author, time and text, so comments added in two
/// copies of a plan never share one.
pub fn comment_id(author: &str, written: jiff::Timestamp, text: &str) -> String {
    use sha2::{Digest as _, Sha256};
    let digest = Sha256::digest(format!("{author}\n{written}\n{text}").as_bytes());
    let [a, b, c, d, ..] = digest.as_slice() else {
        unreachable!("a SHA-256 digest has 32 bytes")
    };
    format!("C-{a:02x}{b:02x}{c:02x}{d:02x}")
}

/// A comment added on `topic`.
pub fn add_comment(
    plan: &Plan,
    topic: crate::model::Topic,
    author: &str,
    text: &str,
    now: jiff::Timestamp,
) -> Edit {
    let mut settings = Settings::of(plan);
    let label = format!("comment on {} {}", topic.kind(), topic.key());
    settings.comments.push(Comment {
        id: comment_id(author, now, text),
        topic,
        author: author.to_owned(),
        written: now,
        text: text.trim().to_owned(),
        replies: Vec::new(),
        resolved: None,
    });
    Edit::settings(label.trim_end(), settings)
}

/// A reply added to comment `id`'s thread.
pub fn reply_to_comment(
    plan: &Plan,
    id: &str,
    author: &str,
    text: &str,
    now: jiff::Timestamp,
) -> Edit {
    let mut settings = Settings::of(plan);
    if let Some(c) = settings.comments.iter_mut().find(|c| c.id == id) {
        c.replies.push(crate::model::Reply {
            written: now,
            author: author.to_owned(),
            text: text.trim().to_owned(),
        });
    }
    Edit::settings("reply to a comment", settings)
}

/// Comment `id` marked resolved by `by` (or open again, when `resolved` is false).
pub fn resolve_comment(
    plan: &Plan,
    id: &str,
    by: &str,
    resolved: bool,
    now: jiff::Timestamp,
) -> Edit {
    let mut settings = Settings::of(plan);
    if let Some(c) = settings.comments.iter_mut().find(|c| c.id == id) {
        c.resolved = resolved.then(|| crate::model::Resolved {
            by: by.to_owned(),
            at: now,
        });
    }
    Edit::settings(
        if resolved {
            "resolve a comment"
        } else {
            "reopen a comment"
        },
        settings,
    )
}
