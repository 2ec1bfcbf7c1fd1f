//! Opening and saving large plans off the window's thread: the window keeps drawing, says what
//! it is doing and for how long, and takes the result in when the work is done. Small plans are
//! opened and saved at once, as before (they take a few milliseconds).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::App;
use crate::document::Document;
use crate::model::Plan;
use crate::persist::plan_file::{self, FileError};
use crate::theme;
use crate::ui::command::Access;
use crate::ui::dialogs::{Dialog, Then};
use crate::ui::widgets::plural;

/// Plan files larger than this are opened off the window's thread (about 4,000 posts as this
/// version writes them, a row each; 50,000 posts are 13 MB and take about 0.15 s to read).
pub const OPEN_IN_BACKGROUND_BYTES: u64 = 1_000_000;

/// Plans with more posts than this are saved off the window's thread.
pub const SAVE_IN_BACKGROUND_POSTS: usize = 5_000;

/// What the work gives back.
enum Done {
    Opened(Box<Result<Document, FileError>>),
    Saved(Result<crate::model::Lineage, FileError>),
    /// The papers written: what the status bar says, or why they were not.
    Exported(Result<String, String>),
    /// The board pack written (or why not), and the renderer it was drawn with, given back.
    Pack(
        Result<String, String>,
        Box<crate::export::offscreen::Offscreen>,
    ),
}

/// Opening or saving under way.
pub struct FileJob {
    /// "Opening" or "Saving".
    verb: &'static str,
    /// The plan file opened or saved.
    path: PathBuf,
    /// What the file holds, for the progress window: its size, or the posts being saved.
    size: String,
    started: Instant,
    /// The history state being saved: the plan is saved as it was then.
    state: u64,
    /// What to do once saved (quit, open another plan...), as the unsaved-changes question asked.
    then: Option<Then>,
    receiver: mpsc::Receiver<Done>,
}

impl FileJob {
    /// The plan file being opened or saved.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// "Opening plan.ron (23.0 MB)", for the progress window and the tests.
    pub fn words(&self) -> String {
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        format!("{} {name} ({})", self.verb, self.size)
    }
}

/// "23.0 MB".
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

impl App {
    /// Opening or saving under way, if any.
    pub fn file_job(&self) -> Option<&FileJob> {
        self.job.as_ref()
    }

    /// Waits for the opening or saving under way and takes its result in (tests; the window
    /// polls instead).
    pub fn finish_file_job(&mut self, ctx: &egui::Context) {
        if let Some(job) = self.job.take() {
            let done = job.receiver.recv();
            self.job = Some(job);
            if let Ok(done) = done {
                self.take_in(ctx, done);
            }
        }
    }

    /// Opens a plan file at once, or off the window's thread when it is large. Another running
    /// copy having it open is asked about first, unless `access` says how to open it.
    pub(crate) fn open_plan_file(&mut self, path: &Path, access: Option<Access>) {
        if !self.lock_for_opening(path, access) {
            return;
        }
        let read_only = access == Some(Access::ReadOnly);
        let open = move |path: &Path, max_mb| {
            Document::open_at_most(path, max_mb).map(|mut doc| {
                doc.set_read_only(read_only);
                doc
            })
        };
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        let max_mb = self.prefs.max_plan_mb();
        // Small files, and files over the limit (refused before they are read), at once.
        if bytes <= OPEN_IN_BACKGROUND_BYTES || plan_file::over_limit(bytes, max_mb) {
            let result = open(path, max_mb);
            self.opened(path, result);
            return;
        }
        let (sender, receiver) = mpsc::channel();
        let owned = path.to_path_buf();
        std::thread::spawn(move || {
            let opened = open(&owned, max_mb);
            let _ = sender.send(Done::Opened(Box::new(opened)));
        });
        self.message = format!("Opening {}", path.display());
        self.job = Some(FileJob {
            verb: "Opening",
            path: path.to_path_buf(),
            size: megabytes(bytes),
            started: Instant::now(),
            state: 0,
            then: None,
            receiver,
        });
    }

    /// Saves the plan to `path`, at once or off the window's thread when it is large; then does
    /// `then` if it saved.
    pub(super) fn save_plan_file(&mut self, ctx: &egui::Context, path: &Path, then: Option<Then>) {
        if !self.lock_for_saving(path) {
            return;
        }
        let posts = self.doc.plan().posts.len();
        if posts <= SAVE_IN_BACKGROUND_POSTS {
            let result = self.doc.save(path);
            let state = self.doc.history().state();
            self.saved(ctx, path, state, result, then);
            return;
        }
        // The plan as it is now is what is saved; edits made meanwhile stay unsaved.
        let plan: Plan = self.doc.plan().clone();
        let signatures = self.doc.signatures().clone();
        let state = self.doc.history().state();
        let (sender, receiver) = mpsc::channel();
        let owned = path.to_path_buf();
        std::thread::spawn(move || {
            let plan = crate::document::review::for_saving(&plan, &signatures, true);
            let saved = plan_file::save(&owned, &plan).map(|()| plan.lineage);
            let _ = sender.send(Done::Saved(saved));
        });
        self.message = format!("Saving {}", path.display());
        self.job = Some(FileJob {
            verb: "Saving",
            path: path.to_path_buf(),
            size: plural(posts, "post"),
            started: Instant::now(),
            state,
            then,
            receiver,
        });
    }

    /// Writes papers off the window's thread (an anonymised release takes seconds to protect;
    /// a large plan's tables take a while to make): `write` makes them and says what the status
    /// bar should, or why they were not written.
    pub(super) fn export_in_background(
        &mut self,
        target: &Path,
        what: String,
        write: impl FnOnce() -> Result<String, String> + Send + 'static,
    ) {
        self.exporting(target, what, move || Done::Exported(write()));
    }

    /// Papers being written off the window's thread: `work` says what was done.
    fn exporting(
        &mut self,
        target: &Path,
        what: String,
        work: impl FnOnce() -> Done + Send + 'static,
    ) {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = sender.send(work());
        });
        self.message = format!("Exporting {}", target.display());
        self.job = Some(FileJob {
            verb: "Exporting",
            path: target.to_path_buf(),
            size: what,
            started: Instant::now(),
            state: 0,
            then: None,
            receiver,
        });
    }

    /// Makes the board pack off the window's thread with the renderer `write` was lent, which
    /// it gives back with what the status bar should say.
    pub(super) fn pack_in_background(
        &mut self,
        target: &Path,
        what: String,
        write: impl FnOnce() -> (Result<String, String>, crate::export::offscreen::Offscreen)
        + Send
        + 'static,
    ) {
        self.exporting(target, what, move || {
            let (result, renderer) = write();
            Done::Pack(result, Box::new(renderer))
        });
    }

    /// Takes in finished work, and keeps the window drawing while work goes on.
    pub(super) fn step_file_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else {
            return;
        };
        match job.receiver.try_recv() {
            Ok(done) => self.take_in(ctx, done),
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                let job = self.job.take();
                self.dialog = Some(Dialog::Error {
                    title: "Could not finish".to_owned(),
                    message: format!(
                        "{} stopped before it finished. The plan you had open is unchanged; try again.",
                        job.map_or_else(String::new, |j| j.words())
                    ),
                });
            }
        }
    }

    fn take_in(&mut self, ctx: &egui::Context, done: Done) {
        let Some(job) = self.job.take() else {
            return;
        };
        log::info!(
            "{} took {} ms",
            job.words(),
            job.started.elapsed().as_millis()
        );
        match done {
            Done::Opened(result) => self.opened(&job.path, *result),
            Done::Saved(result) => {
                let result = result.map(|lineage| self.doc.saved_as(&job.path, job.state, lineage));
                self.saved(ctx, &job.path, job.state, result, job.then);
            }
            Done::Exported(Ok(message)) => self.message = message,
            Done::Exported(Err(why)) => {
                self.write_failed("Could not export the tables", &why, &job.path);
            }
            Done::Pack(result, renderer) => {
                self.renderer = Some(*renderer);
                match result {
                    Ok(message) => self.message = message,
                    Err(why) => {
                        self.write_failed("Could not export the board pack", &why, &job.path);
                    }
                }
            }
        }
        ctx.request_repaint();
    }

    fn opened(&mut self, path: &Path, result: Result<Document, FileError>) {
        match result {
            Ok(doc) => {
                if let Some(warning) = doc.opening_warning() {
                    self.dialog = Some(Dialog::Error {
                        title: "Some of the file was left out".to_owned(),
                        message: format!("{warning}\n\n({})", path.display()),
                    });
                }
                let read_only = doc.is_read_only();
                if let Some(versions) = self.versions() {
                    versions.keep(path);
                }
                self.replace(doc);
                self.prefs.remember(path);
                self.message = if read_only {
                    format!(
                        "Opened {} read-only: File > Save as… keeps your changes in a file of your own",
                        path.display()
                    )
                } else {
                    format!("Opened {}", path.display())
                };
            }
            Err(e) => {
                self.pending_lock = None;
                // A recent file that has gone leaves the list; a broken one stays, to be fixed.
                if !path.exists() {
                    self.prefs.forget(path);
                }
                self.dialog = Some(Dialog::Error {
                    title: "Could not open the plan".to_owned(),
                    message: format!("{e}\n\nThe plan you had open is unchanged."),
                });
                self.message = "Could not open the file".to_owned();
            }
        }
    }

    fn saved(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        state: u64,
        result: Result<(), FileError>,
        then: Option<Then>,
    ) {
        match result {
            Ok(()) => {
                self.sync_lock();
                self.prefs.remember(path);
                if let Some(versions) = self.versions() {
                    versions.keep(path);
                }
                self.message = if self.doc.history().state() == state {
                    format!("Saved {}", path.display())
                } else {
                    format!(
                        "Saved {} as it was when you saved; changes since are not saved yet",
                        path.display()
                    )
                };
                if let Some(then) = then {
                    self.go_on(ctx, then);
                }
            }
            Err(e) => {
                self.pending_lock = None;
                self.dialog = Some(Dialog::Error {
                    title: "Could not save the plan".to_owned(),
                    message: format!("{e}\n\nYour changes are still open and not saved."),
                });
                self.message = "Not saved".to_owned();
            }
        }
    }
}

/// The window over everything while a file is opened or saved: what, how big, for how long.
pub fn progress_ui(ctx: &egui::Context, job: &FileJob) {
    egui::Modal::new(egui::Id::unique("file job")).show(ctx, |ui| {
        ui.set_max_width(theme::DIALOG_WIDTH);
        ui.horizontal(|ui| {
            ui.spinner();
            crate::ui::access::dialog_heading(ui, job.words());
        });
        ui.label(format!(
            "{} s. The window stays open; your plan is safe while this finishes.",
            job.started.elapsed().as_secs()
        ));
    });
}
