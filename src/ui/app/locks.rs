//! The lock on the open plan's file: while this copy has a plan open for editing it holds the
//! plan's lock file, so another copy opening it is told who has it and offered it read-only
//! (see [`crate::persist::lock`]).

use std::path::{Path, PathBuf};

use super::App;
use crate::persist::lock::{self, Holder, Taken};
use crate::persist::plan_file;
use crate::ui::command::Access;
use crate::ui::dialogs::Dialog;

impl App {
    /// Whether this copy holds the lock of `path`.
    fn holds(&self, path: &Path) -> bool {
        self.lock
            .as_ref()
            .is_some_and(|(p, _)| p == path || plan_file::same_file(p, path))
    }

    fn me() -> Holder {
        Holder::this_copy(jiff::Timestamp::now())
    }

    /// Before opening `path`: takes its lock (kept aside until the plan is open), or asks what to
    /// do when another running copy has it open. False when the user is being asked.
    pub(super) fn lock_for_opening(&mut self, path: &Path, access: Option<Access>) -> bool {
        match access {
            Some(Access::ReadOnly) => true,
            Some(Access::TakeOver) => {
                match lock::take_over(path, &Self::me()) {
                    Ok(held) => self.pending_lock = Some((path.to_path_buf(), held)),
                    Err(e) => log::warn!("could not take over the lock of {}: {e}", path.display()),
                }
                true
            }
            None if self.holds(path) => true,
            None => match lock::take(path, &Self::me()) {
                Ok(Taken::Held(held)) => {
                    self.pending_lock = Some((path.to_path_buf(), held));
                    true
                }
                Ok(Taken::By(holder)) => {
                    self.dialog = Some(Dialog::Locked {
                        path: path.to_path_buf(),
                        who: holder.describe(&jiff::tz::TimeZone::system()),
                    });
                    self.message = format!(
                        "{} is open in another copy",
                        path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned()
                        )
                    );
                    false
                }
                // A folder we may not write in (a read-only share): open without a lock.
                Err(e) => {
                    log::info!("no lock beside {}: {e}", path.display());
                    true
                }
            },
        }
    }

    /// Before saving to `path`: takes its lock, or says another running copy has it open and
    /// refuses (saving over it would lose their work). False when refused.
    pub(super) fn lock_for_saving(&mut self, path: &Path) -> bool {
        if self.holds(path) {
            return true;
        }
        match lock::take(path, &Self::me()) {
            Ok(Taken::Held(held)) => {
                self.pending_lock = Some((path.to_path_buf(), held));
                true
            }
            Ok(Taken::By(holder)) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not save the plan".to_owned(),
                    message: format!(
                        "{} is open in another copy of Merger Planner ({}), so it was not replaced: saving over it would lose their work. Save under another name (File > Save as…).\n\nYour changes are still open and not saved.",
                        path.display(),
                        holder.describe(&jiff::tz::TimeZone::system())
                    ),
                });
                self.message = "Not saved".to_owned();
                false
            }
            Err(e) => {
                log::info!("no lock beside {}: {e}", path.display());
                true
            }
        }
    }

    /// The lock follows the open plan: held for its file unless it is read-only, and let go
    /// otherwise. A plan that came back with a file (restored after a crash) takes that file's
    /// lock, or becomes read-only when another copy has it open.
    pub(super) fn sync_lock(&mut self) {
        let wanted: Option<PathBuf> = if self.doc.is_read_only() {
            None
        } else {
            self.doc.path().map(Path::to_path_buf)
        };
        if let Some(pending) = self.pending_lock.take()
            && Some(&pending.0) == wanted.as_ref()
        {
            self.lock = Some(pending);
        }
        if self.lock.as_ref().map(|(p, _)| p) == wanted.as_ref() {
            return;
        }
        self.lock = None;
        let Some(path) = wanted else {
            return;
        };
        match lock::take(&path, &Self::me()) {
            Ok(Taken::Held(held)) => self.lock = Some((path, held)),
            Ok(Taken::By(holder)) => {
                self.doc.set_read_only(true);
                self.message = format!(
                    "Read-only: {} is open in another copy ({})",
                    path.display(),
                    holder.describe(&jiff::tz::TimeZone::system())
                );
            }
            Err(e) => log::info!("no lock beside {}: {e}", path.display()),
        }
    }

    /// The lock file this copy holds for the open plan, if any (tests).
    pub fn lock_file(&self) -> Option<&Path> {
        self.lock.as_ref().map(|(_, held)| held.path())
    }
}
