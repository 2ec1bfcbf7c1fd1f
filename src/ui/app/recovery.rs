//! Unsaved work copied aside: a couple of seconds after the last edit settles, the plan is written
//! to a recovery file in the app's own data folder (readable only by the user), so a crash loses
//! at most that much. The next start offers to restore or discard what a crash left. Saving, or
//! leaving the app cleanly, removes the copy.

use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::App;
use crate::document::Document;
use crate::io::plan_file;
use crate::model::Plan;
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
}

/// What a crash left: the plan, the file it came from, and when it was copied.
pub struct Left {
    /// The plan as it was.
    pub plan: Plan,
    /// The file it had been opened from or saved to.
    pub path: Option<PathBuf>,
    /// When it was copied, as the user reads it.
    pub when: String,
}

impl Recovery {
    /// Copies into `dir`, once the plan has been still for [`SETTLE`].
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            settle: SETTLE,
            seen: (0, Instant::now()),
            written: None,
            writer: None,
        }
    }

    fn plan_file(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("recovery.ron"))
    }

    fn path_file(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("recovery-path.txt"))
    }

    /// What a crash left, if anything readable.
    pub fn left(&self) -> Option<Left> {
        let file = self.plan_file()?;
        let plan = plan_file::open(&file).ok()?;
        let path = self
            .path_file()
            .and_then(|p| std::fs::read_to_string(p).ok())
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
        Some(Left { plan, path, when })
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
        if !doc.is_dirty() {
            if self.written.is_some() {
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
        let from = doc
            .path()
            .map_or_else(String::new, |p| p.display().to_string());
        self.written = Some(doc.revision());
        self.writer = Some(std::thread::spawn(move || {
            if let Some(dir) = plan_file.parent() {
                let _ = std::fs::create_dir_all(dir);
                // The folder, like the copy, is the user's alone.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt as _;
                    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
                }
            }
            // Written whole and readable only by the user, as a plan is.
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
        }
    }

    /// Removes the copy: the work is saved, discarded or restored.
    pub fn clear(&mut self) {
        self.finish();
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
        if let Some(left) = self.recovery.left() {
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

    /// Restores what a crash left (unsaved, from the file it came from), or discards it.
    pub(super) fn recover(&mut self, restore: bool) {
        self.dialog = None;
        let Some(left) = self.recovered.take() else {
            return;
        };
        if restore {
            let mut doc = Document::new(left.plan, left.path);
            doc.mark_unsaved();
            self.replace(doc);
            self.message = "Restored the unsaved work".to_owned();
        } else {
            self.recovery.clear();
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
