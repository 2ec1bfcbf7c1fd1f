//! An open plan: the plan, the file it came from, its undo history, the scenario chosen, one
//! revision counter and the figures derived from it, cached by revision. Every change goes through
//! [`Document::edit`], [`Document::undo`] or [`Document::redo`], so the history, the unsaved marker
//! and the derived figures can never disagree. The app and the command line both use it.

pub mod derived;
pub mod diff;
pub mod edit;
pub mod label;
pub mod leavers;
pub mod merge;
pub mod review;

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use jiff::civil::Date;

pub use derived::{Choices, Derived};
use edit::{Edit, History};

use crate::model::{Plan, Programme, Scenario};
use crate::persist::plan_file::{self, FileError};

/// The built-in example plan (Bournemouth and Poole), embedded so the app always opens on it.
pub const EXAMPLE_PLAN: &str = include_str!("../../saves/bournemouth-poole.ron");

/// The built-in example plan, parsed.
///
/// # Panics
/// Never in a released build: the tests open the embedded file.
pub fn example_plan() -> Plan {
    // An embedded asset that the tests open: a true invariant, so `expect` is right here.
    #[expect(
        clippy::expect_used,
        reason = "the embedded example is checked by the tests"
    )]
    plan_file::parse(EXAMPLE_PLAN).expect("the built-in example plan parses")
}

/// Today, as the app and its files date things (the UTC date).
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// The programme of a new plan made on `today`: go-live on the next 1 April at least six months
/// away, and consultation six months before it.
pub fn default_programme(today: Date) -> Programme {
    let six_months = jiff::Span::new().months(6);
    let earliest = today.checked_add(six_months).unwrap_or(today);
    let mut go_live = Date::new(earliest.year(), 4, 1).unwrap_or(earliest);
    if go_live < earliest {
        go_live = Date::new(earliest.year() + 1, 4, 1).unwrap_or(earliest);
    }
    let consultation_start = go_live.checked_sub(six_months).unwrap_or(go_live);
    Programme {
        consultation_start,
        go_live,
    }
}

/// A new plan: no councils yet, the standard functions and the default programme.
pub fn new_plan() -> Plan {
    Plan::new("New merger plan", default_programme(today()))
}

/// An open plan and everything that follows from it.
pub struct Document {
    plan: Plan,
    path: Option<PathBuf>,
    history: History,
    scenario: String,
    /// Moves on every change to the plan or the scenario chosen; the derived figures are rebuilt
    /// when it has moved since they were made.
    revision: u64,
    derived: Option<Derived>,
    /// How many times the figures have been derived (they should not be, frame by frame).
    evaluations: u64,
    /// What opening the file noticed and the user should read (fields this version does not
    /// know, which were left out).
    opening_warning: Option<String>,
    /// Opened read-only (another copy has the plan open): saving asks for a new file.
    read_only: bool,
    /// The figures being worked out off the window's thread, if any.
    deriving: Option<Deriving>,
    /// Plans with at least this many posts have their figures worked out off the window's
    /// thread after an edit ([`BACKGROUND_FROM_POSTS`]); smaller ones at once.
    background_from: usize,
    /// Called from the worker when the figures it was working out are ready (the window asks
    /// for a repaint).
    waker: Option<Waker>,
    /// The versions the plan's sign-offs signed, kept while it is edited and written back into
    /// the file on each save.
    signatures: review::Signatures,
}

/// What the worker calls when it has finished.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Plans this large have their figures worked out off the window's thread: below it, deriving
/// takes a few milliseconds and is done at once, so what is drawn is always current.
pub const BACKGROUND_FROM_POSTS: usize = 5_000;

/// Figures being worked out on a snapshot of the plan, off the window's thread.
struct Deriving {
    /// The revision the snapshot was taken at.
    revision: u64,
    /// Where the figures arrive.
    done: mpsc::Receiver<Derived>,
}

impl Document {
    /// A document showing `plan`, from `path` if it came from a file, on the base scenario.
    pub fn new(plan: Plan, path: Option<PathBuf>) -> Self {
        Self {
            signatures: review::Signatures::of(&plan),
            plan,
            path,
            history: History::default(),
            scenario: Scenario::BASE.to_owned(),
            revision: 0,
            derived: None,
            evaluations: 0,
            opening_warning: None,
            read_only: false,
            deriving: None,
            background_from: BACKGROUND_FROM_POSTS,
            waker: None,
        }
    }

    /// Works out the figures off the window's thread for plans of at least `posts` posts (the
    /// default is [`BACKGROUND_FROM_POSTS`]; 0 always, `usize::MAX` never).
    pub fn set_background_from(&mut self, posts: usize) {
        self.background_from = posts;
    }

    /// Sets what the worker calls when figures it was working out are ready.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    /// Whether a waker is set.
    pub fn has_waker(&self) -> bool {
        self.waker.is_some()
    }

    /// Whether figures are being worked out off the window's thread.
    pub fn is_deriving(&self) -> bool {
        self.deriving.is_some()
    }

    /// Opens a plan file of at most [`plan_file::DEFAULT_MAX_MB`] megabytes.
    pub fn open(path: &Path) -> Result<Self, FileError> {
        Self::open_at_most(path, plan_file::DEFAULT_MAX_MB)
    }

    /// Opens a plan file of at most `max_mb` megabytes.
    pub fn open_at_most(path: &Path, max_mb: u64) -> Result<Self, FileError> {
        let (plan, warning) = plan_file::open_noting(path, max_mb)?;
        let mut doc = Self::new(plan, Some(path.to_path_buf()));
        doc.opening_warning = warning;
        Ok(doc)
    }

    /// Opened read-only: another copy of the app has the plan open, so saving asks for a file
    /// of the user's own (the plan's file is never replaced from here).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Marks the plan as opened read-only.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    /// What opening the file noticed that the user should read: fields this version does not
    /// know, with their lines, which were left out.
    pub fn opening_warning(&self) -> Option<&str> {
        self.opening_warning.as_deref()
    }

    /// The plan, leaving the document.
    pub fn into_plan(self) -> Plan {
        self.plan
    }

    /// The plan as it stands (the latest edit applied).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The file the plan was opened from or saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder of the plan's file, where file dialogs start.
    pub fn folder(&self) -> Option<PathBuf> {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The plan has changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The chosen scenario's name.
    pub fn scenario(&self) -> &str {
        &self.scenario
    }

    /// The revision: it moves on every change to the plan or the scenario chosen.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// How many times the figures have been derived.
    pub fn evaluations(&self) -> u64 {
        self.evaluations
    }

    /// Chooses a scenario by name (the base if unknown, at the next [`Self::refresh`]).
    pub fn set_scenario(&mut self, name: &str) {
        if self.scenario != name {
            name.clone_into(&mut self.scenario);
            self.revision += 1;
        }
    }

    /// Applies an edit through the history (the one path for every change to the plan). True if
    /// the plan changed.
    pub fn edit(&mut self, edit: Edit) -> bool {
        let before = self.active_place();
        let changed = self.history.apply(&mut self.plan, edit);
        if changed {
            self.revision += 1;
            self.follow_rename(before);
        }
        changed
    }

    /// Undoes the last step, giving its label.
    pub fn undo(&mut self) -> Option<String> {
        self.history.close();
        let before = self.active_place();
        let label = self.history.undo(&mut self.plan);
        if label.is_some() {
            self.revision += 1;
            self.follow_rename(before);
        }
        label
    }

    /// Redoes the last step undone, giving its label.
    pub fn redo(&mut self) -> Option<String> {
        let before = self.active_place();
        let label = self.history.redo(&mut self.plan);
        if label.is_some() {
            self.revision += 1;
            self.follow_rename(before);
        }
        label
    }

    /// Where the scenario in use is in the plan's list, and how long the list is.
    fn active_place(&self) -> Option<(usize, usize)> {
        self.plan
            .scenarios
            .iter()
            .position(|s| s.name == self.scenario)
            .map(|i| (i, self.plan.scenarios.len()))
    }

    /// The scenario in use was renamed (its name gone, the list as long and something in its
    /// place): the document computes with it under its new name rather than falling back to the
    /// base.
    fn follow_rename(&mut self, before: Option<(usize, usize)>) {
        let Some((i, len)) = before else {
            return;
        };
        if self.plan.scenario(&self.scenario).is_none()
            && self.plan.scenarios.len() == len
            && let Some(renamed) = self.plan.scenarios.get(i)
        {
            renamed.name.clone_into(&mut self.scenario);
        }
    }

    /// Marks the plan as having changes not saved (work restored after a crash).
    pub fn mark_unsaved(&mut self) {
        self.history.mark_unsaved();
    }

    /// Ends the undo step being built (the user let go of a slider or left a field).
    pub fn close_step(&mut self) {
        self.history.close();
    }

    /// Saves the plan to `path`; it becomes the plan's file and the plan is no longer unsaved.
    /// The file records the version it now is, and each sign-off what has changed since.
    pub fn save(&mut self, path: &Path) -> Result<(), FileError> {
        let written = review::for_saving(&self.plan, &self.signatures, true);
        plan_file::save(path, &written)?;
        self.plan.lineage = written.lineage;
        self.path = Some(path.to_path_buf());
        self.read_only = false;
        self.history.mark_saved();
        Ok(())
    }

    /// The plan as it was at history state `state` has been saved to `path` (by work off the
    /// window's thread, with [`review::for_saving`]), recording `lineage`: it becomes the plan's
    /// file, and the plan is unsaved only if it has changed since.
    pub fn saved_as(&mut self, path: &Path, state: u64, lineage: crate::model::Lineage) {
        self.plan.lineage = lineage;
        self.path = Some(path.to_path_buf());
        self.read_only = false;
        self.history.mark_saved_state(state);
    }

    /// The versions the plan's sign-offs signed.
    pub fn signatures(&self) -> &review::Signatures {
        &self.signatures
    }

    /// Signs off the plan as it stands, one undo step.
    pub fn sign_off(&mut self, mut sign_off: crate::model::SignOff) -> bool {
        let content = crate::persist::version::content_hash(&self.plan);
        sign_off.content.clone_from(&content);
        sign_off.signed = crate::model::Signed::default();
        self.signatures.keep(content, self.plan.clone());
        let mut settings = edit::Settings::of(&self.plan);
        let label = format!("sign off as {}", sign_off.name);
        settings.sign_offs.push(sign_off);
        self.edit(Edit::settings(&label, settings))
    }

    /// Takes in a merge of a colleague's copy as one undo step: every part that differs, and
    /// their copy's versions as the plan's parents; the versions their sign-offs signed are kept.
    pub fn take_merge(&mut self, merged: &Plan, theirs: &review::Signatures, label: &str) -> bool {
        self.signatures.join(theirs);
        let parents: Vec<String> = merged
            .lineage
            .earlier
            .iter()
            .filter(|v| **v != self.plan.lineage.version && !self.plan.lineage.earlier.contains(v))
            .cloned()
            .collect();
        let mut edit = edit::replace_establishment(&self.plan, merged.clone(), label);
        let settings = edit::Settings::of(merged);
        if settings != edit::Settings::of(&self.plan) {
            edit.patches.push(edit::Patch::Settings(Box::new(settings)));
        }
        if !parents.is_empty() {
            edit.patches.push(edit::Patch::Parents {
                add: parents,
                remove: Vec::new(),
            });
        }
        self.edit(edit)
    }

    /// The figures to draw: those for the plan and scenario as they stand, or, while the
    /// figures for a large plan's latest edit are being worked out off the window's thread, the
    /// newest finished ones (they describe a plan of the same shape: the same councils,
    /// functions, roles, posts and scenario, so every index into them holds). The figures are
    /// worked out at once for a small plan, for the first time and for an edit that changes the
    /// plan's shape. Never more than one set is being worked out: when it arrives, the next
    /// refresh starts on the plan as it then stands, so a drag's figures trail it by at most
    /// one evaluation. A scenario renamed or deleted (or undone away) falls back to the base.
    pub fn refresh(&mut self) -> &Derived {
        self.fall_back_to_base();
        self.take_finished(false);
        if !self.is_current() {
            let waits = self.plan.posts.len() < self.background_from
                || !self
                    .derived
                    .as_ref()
                    .is_some_and(|d| d.fits(&self.plan, &self.scenario));
            if waits {
                self.derive_here();
            } else if self.deriving.is_none() {
                self.start_deriving();
            }
        }
        self.derived_or_here()
    }

    /// The figures for the plan and scenario exactly as they stand, waiting for them if they are
    /// being worked out: what a paper, an export or a test must use.
    pub fn current(&mut self) -> &Derived {
        self.fall_back_to_base();
        if self
            .deriving
            .as_ref()
            .is_some_and(|d| d.revision == self.revision)
        {
            self.take_finished(true);
        }
        if !self.is_current() {
            self.derive_here();
        }
        self.derived_or_here()
    }

    fn fall_back_to_base(&mut self) {
        if self.plan.scenario(&self.scenario).is_none() {
            Scenario::BASE.clone_into(&mut self.scenario);
            self.revision += 1;
        }
    }

    fn is_current(&self) -> bool {
        self.derived
            .as_ref()
            .is_some_and(|d| d.revision == self.revision)
    }

    /// Takes in the figures from the worker if they are ready (or, with `wait`, when they are),
    /// keeping them if they are newer than those held.
    fn take_finished(&mut self, wait: bool) {
        let Some(job) = &self.deriving else {
            return;
        };
        let result = if wait {
            job.done.recv().ok()
        } else {
            match job.done.try_recv() {
                Ok(d) => Some(d),
                Err(mpsc::TryRecvError::Empty) => return,
                // The worker stopped without its figures: they are worked out here instead.
                Err(mpsc::TryRecvError::Disconnected) => None,
            }
        };
        self.deriving = None;
        if let Some(d) = result
            && self
                .derived
                .as_ref()
                .is_none_or(|old| old.revision < d.revision)
        {
            self.derived = Some(d);
        }
    }

    /// Works the figures out on this thread.
    fn derive_here(&mut self) {
        self.evaluations += 1;
        let memo = self.memo();
        self.derived = Some(Derived::after(
            &self.plan,
            &self.scenario,
            self.revision,
            &memo,
        ));
    }

    /// What the newest figures' evaluation kept, for the next to reuse.
    fn memo(&self) -> crate::engine::Memo {
        self.derived
            .as_ref()
            .map(|d| d.memo().clone())
            .unwrap_or_default()
    }

    /// Starts working the figures out on a snapshot of the plan off this thread (here, if no
    /// thread can be started).
    fn start_deriving(&mut self) {
        let (plan, scenario, revision) = (self.plan.clone(), self.scenario.clone(), self.revision);
        let memo = self.memo();
        let (send, done) = mpsc::channel();
        let waker = self.waker.clone();
        let started = std::thread::Builder::new()
            .name("figures".to_owned())
            .spawn(move || {
                let _ = send.send(Derived::after(&plan, &scenario, revision, &memo));
                if let Some(wake) = waker {
                    wake();
                }
            });
        match started {
            Ok(_) => {
                self.evaluations += 1;
                self.deriving = Some(Deriving { revision, done });
            }
            Err(e) => {
                log::warn!("working the figures out here: no thread could be started ({e})");
                self.derive_here();
            }
        }
    }

    /// The figures held, working them out here if there are none.
    fn derived_or_here(&mut self) -> &Derived {
        let (plan, scenario, revision) = (&self.plan, &self.scenario, self.revision);
        let evaluations = &mut self.evaluations;
        self.derived.get_or_insert_with(|| {
            *evaluations += 1;
            Derived::new(plan, scenario, revision)
        })
    }

    /// The derived figures as last refreshed (none before the first [`Self::refresh`]).
    pub fn derived(&self) -> Option<&Derived> {
        self.derived.as_ref()
    }

    /// The derived figures as last refreshed, to add what is worked out apart from them (a
    /// Monte Carlo run's charts, for the revision it was made for).
    pub fn derived_mut(&mut self) -> Option<&mut Derived> {
        self.derived.as_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The figures as JSON, to compare two evaluations to the penny.
    fn figures(d: &Derived) -> String {
        serde_json::to_string(&d.outcome).unwrap_or_default()
    }

    fn edit_fte(doc: &mut Document, i: usize, fte: f64) {
        let mut post = doc.plan().posts[i].clone();
        post.fte = fte;
        assert!(doc.edit(Edit::post("change FTE", i, post).keyed("drag")));
    }

    #[test]
    fn a_large_plans_figures_are_worked_out_off_the_thread_and_drawn_when_ready() {
        let mut doc = Document::new(example_plan(), None);
        doc.set_background_from(0);
        let first = doc.refresh().revision;
        assert_eq!(
            first,
            doc.revision(),
            "the first figures are worked out at once"
        );
        edit_fte(&mut doc, 3, 0.4);
        // The edit's figures are being worked out: the newest finished ones are drawn meanwhile.
        let drawn = doc.refresh().revision;
        assert!(drawn == first || drawn == doc.revision());
        let expected = figures(&Derived::new(doc.plan(), doc.scenario(), doc.revision()));
        assert_eq!(figures(doc.current()), expected);
        let now = doc.revision();
        assert_eq!(doc.current().revision, now);
        assert!(!doc.is_deriving());
    }

    #[test]
    fn a_drag_never_queues_more_than_one_set_of_figures() {
        let mut doc = Document::new(example_plan(), None);
        doc.set_background_from(0);
        doc.refresh();
        let before = doc.evaluations();
        for k in 0..40 {
            edit_fte(&mut doc, 5, 0.5 + f64::from(k) / 100.0);
            doc.refresh();
        }
        // Each refresh either starts the newest or leaves the one under way: never a queue.
        assert!(doc.evaluations() - before <= 40);
        let expected = figures(&Derived::new(doc.plan(), doc.scenario(), doc.revision()));
        assert_eq!(
            figures(doc.current()),
            expected,
            "the last edit's figures arrive"
        );
    }

    #[test]
    fn an_edit_that_changes_the_plans_shape_is_worked_out_at_once() {
        let mut doc = Document::new(example_plan(), None);
        doc.set_background_from(0);
        doc.refresh();
        let mut posts: Vec<crate::model::Post> = doc.plan().posts.iter().cloned().collect();
        posts.pop();
        assert!(
            doc.edit(Edit::new(
                "delete post",
                edit::Patch::posts(&doc.plan().posts, posts)
                    .into_iter()
                    .collect()
            ))
        );
        let now = doc.revision();
        assert_eq!(doc.refresh().revision, now);
        // A scenario chosen is worked out at once too: figures for another are never drawn.
        let name = doc.plan().scenarios[0].name.clone();
        doc.set_scenario(&name);
        let now = doc.revision();
        assert_eq!(doc.refresh().revision, now);
    }

    #[test]
    fn a_small_plans_figures_are_always_current() {
        let mut doc = Document::new(example_plan(), None);
        doc.refresh();
        edit_fte(&mut doc, 3, 0.4);
        let now = doc.revision();
        assert_eq!(doc.refresh().revision, now);
        assert!(!doc.is_deriving());
    }

    #[test]
    fn default_dates_are_the_next_april_six_months_on() {
        let p = default_programme(date(2026, 11, 22));
        assert_eq!(p.go_live, date(2028, 4, 1));
        assert_eq!(p.consultation_start, date(2027, 10, 1));
        let p = default_programme(date(2026, 9, 1));
        assert_eq!(p.go_live, date(2027, 4, 1));
        assert_eq!(p.consultation_start, date(2026, 10, 1));
    }
}
