//! Unsaved work copied aside: a couple of seconds after the last edit settles, the plan is written
//! to a recovery file in the app's own data folder (readable only by the user), so a crash loses
//! at most that much. The next start offers to restore or discard what a crash left. Saving, or
//! leaving the app cleanly, removes the copy.
//!
//! Each running copy of the app has its own files (`recovery-ID.ron`, the plan's path in
//! `recovery-ID.txt`) and holds `recovery-ID.lock` while it runs, so a copy starting up offers
//! back only what a copy that is no longer running left, never another running copy's work.

use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::App;
use crate::document::Document;
use crate::model::Plan;
use crate::persist::lock::{self, Held};
use crate::persist::plan_file;
use crate::ui::dialogs::Dialog;

/// How long the plan must have been still before it is copied.
pub const SETTLE: Duration = Duration::from_secs(2);

/// The recovery copy: where it goes, and what has been written.
pub struct Recovery {
    /// The app's data folder; `None` where there is none (the tests, unless they give one).
    dir: Option<PathBuf>,
    /// How long the plan must be still before it is copied.
    settle: Duration,
    /// The revision last seen, and when it changed.
    seen: (u64, Instant),
    /// The revision last copied.
    written: Option<u64>,
    /// The copy being written off the window's thread.
    writer: Option<JoinHandle<()>>,
    /// This copy's name for its files.
    id: String,
    /// This copy's lock file, held while it runs.
    held: Option<Held>,
    /// What a crash left and the user restored: removed once this copy has its own copy of it
    /// (or it is saved).
    superseded: Option<Left>,
}

/// What a crash left: the plan, the file it came from, and when it was copied.
pub struct Left {
    /// The plan as it was.
    pub plan: Plan,
    /// The file it had been opened from or saved to.
    pub path: Option<PathBuf>,
    /// When it was copied, as the user reads it.
    pub when: String,
    /// Its files: the plan's copy and the file naming its path.
    files: [PathBuf; 2],
}

impl Recovery {
    /// The folder unsaved work is copied into, if there is one.
    pub fn dir(&self) -> Option<&std::path::Path> {
        self.dir.as_deref()
    }

    /// Copies into `dir`, once the plan has been still for [`SETTLE`].
    pub fn new(dir: Option<PathBuf>) -> Self {
        // Unique among the copies running now (the process) and within one process (the tests
        // start several apps).
        static STARTED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self {
            dir,
            settle: SETTLE,
            seen: (0, Instant::now()),
            written: None,
            writer: None,
            id: format!("{}-{n}", std::process::id()),
            held: None,
            superseded: None,
        }
    }

    /// Holds this copy's lock file, so that copies starting later leave its work alone.
    fn hold(&mut self) {
        let Some(dir) = &self.dir else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        // The folder, like the copy, is the user's alone.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
        let file = dir.join(format!("recovery-{}.lock", self.id));
        let _ = std::fs::remove_file(&file);
        match Held::create(&file, "Merger Planner is running.\n") {
            Ok(held) => self.held = Some(held),
            Err(e) => log::warn!("could not make {}: {e}", file.display()),
        }
    }

    fn plan_file(&self) -> Option<PathBuf> {
        self.dir
            .as_ref()
            .map(|d| d.join(format!("recovery-{}.ron", self.id)))
    }

    fn path_file(&self) -> Option<PathBuf> {
        self.dir
            .as_ref()
            .map(|d| d.join(format!("recovery-{}.txt", self.id)))
    }

    /// This copy's recovery copy of the plan, written or not (tests).
    pub fn copy_file(&self) -> Option<PathBuf> {
        self.plan_file()
    }

    /// What a copy that is no longer running left, the newest if several did; `None` if
    /// nothing readable.
    pub fn left(&self) -> Option<Left> {
        let dir = self.dir.as_ref()?;
        let mut found: Vec<(std::time::SystemTime, PathBuf, PathBuf)> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let id = name
                    .strip_prefix("recovery-")?
                    .strip_suffix(".ron")?
                    .to_owned();
                if lock::is_held(&dir.join(format!("recovery-{id}.lock"))) {
                    return None; // a running copy's
                }
                let modified = entry.metadata().and_then(|m| m.modified()).ok()?;
                Some((
                    modified,
                    entry.path(),
                    dir.join(format!("recovery-{id}.txt")),
                ))
            })
            .collect();
        found.sort();
        let (_, file, path_file) = found.pop()?;
        let plan = plan_file::open(&file).ok()?;
        let path = std::fs::read_to_string(&path_file)
            .ok()
            .map(|s| s.trim_end_matches('\n').to_owned())
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        let when = std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| jiff::Timestamp::try_from(t).ok())
            .map_or_else(String::new, |t| {
                t.to_zoned(jiff::tz::TimeZone::system())
                    .strftime("%-d %b %Y at %H:%M")
                    .to_string()
            });
        Some(Left {
            plan,
            path,
            when,
            files: [file, path_file],
        })
    }

    /// Removes what a crash left: restored or discarded.
    fn remove_left(left: &Left) {
        for file in &left.files {
            let _ = std::fs::remove_file(file);
            let _ = std::fs::remove_file(plan_file::backup_path(file));
        }
        if let Some(lock) = left.files[0].to_str().and_then(|f| f.strip_suffix(".ron")) {
            let _ = std::fs::remove_file(format!("{lock}.lock"));
        }
    }

    /// Copies the plan once it has been still for a while, if it has unsaved changes; removes
    /// the copy once it has none. Asks for a frame when the copy falls due.
    pub fn step(&mut self, ctx: &egui::Context, doc: &Document, settled: bool) {
        if self.dir.is_none() {
            return;
        }
        let now = Instant::now();
        if doc.revision() != self.seen.0 {
            self.seen = (doc.revision(), now);
        }
        if self.writer.as_ref().is_some_and(JoinHandle::is_finished) {
            self.finish();
        }
        if !doc.is_dirty() {
            if self.written.is_some() || self.superseded.is_some() {
                self.clear();
            }
            return;
        }
        if self.written == Some(doc.revision()) {
            return;
        }
        let still = now.duration_since(self.seen.1);
        if !settled || still < self.settle {
            ctx.request_repaint_after(
                self.settle.saturating_sub(still) + Duration::from_millis(50),
            );
            return;
        }
        if self.writer.as_ref().is_some_and(|w| !w.is_finished()) {
            ctx.request_repaint_after(Duration::from_millis(200));
            return;
        }
        let (Some(plan_file), Some(path_file)) = (self.plan_file(), self.path_file()) else {
            return;
        };
        let plan = doc.plan().clone();
        let signatures = doc.signatures().clone();
        let from = doc
            .path()
            .map_or_else(String::new, |p| p.display().to_string());
        self.written = Some(doc.revision());
        if self.held.is_none() {
            self.hold();
        }
        self.writer = Some(std::thread::spawn(move || {
            // Written whole and readable only by the user, as a plan is, with its sign-offs'
            // versions; its lineage stays the last one saved.
            let plan = crate::document::review::for_saving(&plan, &signatures, false);
            match plan_file::save(&plan_file, &plan) {
                Ok(()) => {
                    let _ = plan_file::write_atomic(&path_file, from.as_bytes());
                    log::info!("copied unsaved work to {}", plan_file.display());
                }
                Err(e) => log::warn!("could not copy unsaved work aside: {e}"),
            }
        }));
    }

    /// Waits for a copy being written (tests, and before removing it).
    pub fn finish(&mut self) {
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
            if let Some(left) = self.superseded.take() {
                Self::remove_left(&left);
            }
        }
    }

    /// Removes the copy: the work is saved, discarded or restored.
    pub fn clear(&mut self) {
        self.finish();
        if let Some(left) = self.superseded.take() {
            Self::remove_left(&left);
        }
        for file in [self.plan_file(), self.path_file()].into_iter().flatten() {
            let _ = std::fs::remove_file(&file);
            let _ = std::fs::remove_file(plan_file::backup_path(&file));
        }
        self.written = None;
    }
}

impl App {
    /// The same app copying unsaved work into `dir` once the plan has been still for `settle`,
    /// and offering to restore what a crash left there.
    #[must_use]
    pub fn with_recovery(mut self, dir: PathBuf, settle: Duration) -> Self {
        self.recovery = Recovery::new(Some(dir));
        self.recovery.settle = settle;
        let left = self.recovery.left();
        // Held from now on, after looking, so this copy never offers itself its own work.
        self.recovery.hold();
        if let Some(left) = left {
            self.dialog = Some(Dialog::Recover {
                name: left.plan.name.clone(),
                from: left.path.clone(),
                when: left.when.clone(),
            });
            self.recovered = Some(left);
        }
        self
    }

    /// Waits for the copy of unsaved work being written (tests).
    pub fn finish_recovery_copy(&mut self) {
        self.recovery.finish();
    }

    /// This copy's file for unsaved work, written or not (tests).
    pub fn recovery_copy(&self) -> Option<PathBuf> {
        self.recovery.copy_file()
    }

    /// Restores what a crash left (unsaved, from the file it came from), or discards it.
    pub(super) fn recover(&mut self, restore: bool) {
        self.dialog = None;
        let Some(left) = self.recovered.take() else {
            return;
        };
        if restore {
            // The crash's copy stays until this copy has made its own of the restored work.
            let mut doc = Document::new(left.plan.clone(), left.path.clone());
            doc.mark_unsaved();
            self.replace(doc);
            self.recovery.written = None;
            self.recovery.superseded = Some(left);
            self.message = "Restored the unsaved work".to_owned();
        } else {
            Recovery::remove_left(&left);
            self.message = "Discarded the unsaved work".to_owned();
        }
    }

    /// The app is closing cleanly: the copy of unsaved work it made is no longer wanted. (A copy
    /// it did not make, another running copy's, stays.)
    pub(super) fn leave_cleanly(&mut self) {
        if self.recovery.written.is_some() {
            self.recovery.clear();
        }
    }
}
