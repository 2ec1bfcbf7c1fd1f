//! The import dialog: an establishment or target structure from a file an HR system exported.
//!
//! Reading the file and checking it run on a worker thread with a progress bar and Cancel, so
//! the window keeps drawing. The dialog changes only its own state (the user's choices); the
//! plan changes when Import is pressed, through the app's one edit path, as one undo step.

mod choices;
mod preview;

use self::choices::{columns_ui, destination_ui, functions_ui, roles_ui};
use self::preview::{changes_ui, imported_preview_ui, problems_ui, raw_preview_ui, summary_ui};

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Context, Id, Modal, RichText, Ui};

use super::command::Command;
use super::widgets;
use crate::import::headings::normalise;
use crate::import::{
    self, Checked, Delimiter, Encoding, Grid, ImportKind, Progress, ReadSettings, Source,
};
use crate::model::Plan;
use crate::theme;

/// Work the dialog needs done after this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    /// Read the file (again, with new read settings) and check it.
    Read,
    /// Check the grid already read, with new choices.
    Check,
}

/// What a worker sends back.
enum Done {
    Read {
        source: Arc<Source>,
        resolved: ReadSettings,
        grid: Arc<Grid>,
        checked: Box<Checked>,
    },
    Checked(Box<Checked>),
    Failed(String),
}

/// Work under way on the worker thread.
struct Job {
    progress: Arc<Progress>,
    done: Receiver<Done>,
    what: &'static str,
}

/// The dialog's state: the file, the user's choices and the latest check. Never saved.
pub struct ImportState {
    /// Establishment or target structure.
    pub kind: ImportKind,
    /// The HR export being imported.
    pub path: PathBuf,
    /// The read settings the user chose (`None`: detected).
    pub read: ReadSettings,
    /// The read settings in use.
    pub resolved: ReadSettings,
    /// The user's choices.
    pub options: import::Options,
    /// The latest check of the file with the choices.
    pub checked: Option<Checked>,
    /// Why the file could not be read.
    pub error: Option<String>,
    /// A mapping remembered for this layout was applied.
    pub remembered: bool,
    source: Option<Arc<Source>>,
    grid: Option<Arc<Grid>>,
    job: Option<Job>,
    need: Option<Need>,
    /// Role names being typed, per title, until the field is left.
    typing: BTreeMap<String, String>,
    /// "Where the posts go" is shown first: only the council's name was missing. Kept once set,
    /// so the field does not move away as the name is typed.
    name_first: bool,
}

impl ImportState {
    /// The dialog for `path`; reading starts after the frame.
    pub fn new(kind: ImportKind, path: PathBuf) -> Self {
        Self {
            kind,
            path,
            read: ReadSettings::default(),
            resolved: ReadSettings::default(),
            options: import::Options::default(),
            checked: None,
            error: None,
            remembered: false,
            source: None,
            grid: None,
            job: None,
            need: Some(Need::Read),
            typing: BTreeMap::new(),
            name_first: false,
        }
    }

    /// The file's name.
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// True while reading or checking.
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.need.is_some()
    }

    /// The heading layout's key, once read.
    pub fn signature(&self) -> Option<String> {
        self.checked
            .as_ref()
            .and_then(|c| c.headings.as_ref())
            .map(import::headings::Headings::signature)
    }

    /// Check again with the choices as they are now.
    pub fn recheck(&mut self) {
        if self.need.is_none() {
            self.need = Some(Need::Check);
        }
    }

    /// Stops the work under way.
    pub fn cancel_work(&mut self) {
        if let Some(job) = self.job.take() {
            job.progress.cancel();
        }
        self.need = None;
    }

    /// Starts the work the last frame asked for (cancelling any under way), and takes in what a
    /// worker finished. Returns true when a read finished (the caller may apply a remembered
    /// mapping).
    pub fn step(&mut self, plan: &Plan) -> bool {
        let mut read_done = false;
        if let Some(job) = &self.job {
            match job.done.try_recv() {
                Ok(done) => {
                    self.job = None;
                    read_done = self.take(done);
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    // The worker stopped without an answer: say so rather than wait for ever.
                    self.job = None;
                    self.error = Some(
                        "Reading the file stopped unexpectedly. Choose a setting to read it again, or Cancel."
                            .to_owned(),
                    );
                }
            }
        }
        if let Some(need) = self.need.take() {
            if let Some(job) = self.job.take() {
                job.progress.cancel();
            }
            self.start(need, plan);
        }
        read_done
    }

    fn take(&mut self, done: Done) -> bool {
        match done {
            Done::Read {
                source,
                resolved,
                grid,
                checked,
            } => {
                self.source = Some(source);
                self.resolved = resolved;
                self.grid = Some(grid);
                self.checked = Some(*checked);
                self.error = None;
                true
            }
            Done::Checked(checked) => {
                self.checked = Some(*checked);
                self.error = None;
                false
            }
            Done::Failed(why) => {
                self.error = Some(why);
                self.checked = None;
                false
            }
        }
    }

    fn start(&mut self, need: Need, plan: &Plan) {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = std::sync::mpsc::channel();
        let plan = plan.clone();
        let options = self.options.clone();
        let kind = self.kind;
        let worker_progress = Arc::clone(&progress);
        let what = if let (Need::Check, Some(grid)) = (need, &self.grid) {
            {
                let grid = Arc::clone(grid);
                std::thread::spawn(move || {
                    let checked = check(kind, &grid, &plan, &options, &worker_progress);
                    if !worker_progress.is_cancelled() {
                        let _ = tx.send(Done::Checked(Box::new(checked)));
                    }
                });
                "Checking"
            }
        } else {
            {
                let path = self.path.clone();
                let source = self.source.clone();
                let read = self.read.clone();
                std::thread::spawn(move || {
                    let done = read_and_check(
                        &path,
                        source,
                        &read,
                        kind,
                        &plan,
                        &options,
                        &worker_progress,
                    );
                    if !worker_progress.is_cancelled() {
                        let _ = tx.send(done);
                    }
                });
                "Reading"
            }
        };
        self.job = Some(Job {
            progress,
            done: rx,
            what,
        });
    }

    /// Blocks until the work under way is done (tests, and the command line's equivalent).
    pub fn finish(&mut self, plan: &Plan) {
        while self.busy() {
            self.step(plan);
            if let Some(job) = &self.job
                && let Ok(done) = job.done.recv()
            {
                self.job = None;
                self.take(done);
            }
        }
    }
}

fn check(
    kind: ImportKind,
    grid: &Grid,
    plan: &Plan,
    options: &import::Options,
    progress: &Progress,
) -> Checked {
    match kind {
        ImportKind::Establishment => import::check(grid, plan, options, progress),
        ImportKind::Targets => import::check_targets(grid, plan, options, progress),
    }
}

fn read_and_check(
    path: &std::path::Path,
    source: Option<Arc<Source>>,
    read: &ReadSettings,
    kind: ImportKind,
    plan: &Plan,
    options: &import::Options,
    progress: &Progress,
) -> Done {
    let source = match source {
        Some(s) => s,
        None => match Source::open(path) {
            Ok(s) => Arc::new(s),
            Err(e) => return Done::Failed(e),
        },
    };
    match import::read_grid(&source, read, kind, progress) {
        Ok((resolved, grid)) => {
            let checked = check(kind, &grid, plan, options, progress);
            Done::Read {
                source,
                resolved,
                grid: Arc::new(grid),
                checked: Box::new(checked),
            }
        }
        Err(e) => Done::Failed(e),
    }
}

/// Draws the dialog. Changes to the choices are kept in `state` and checked after the frame;
/// Import, Cancel and the mapping files go to the app as commands.
pub fn dialog_ui(ctx: &Context, state: &mut ImportState, plan: &Plan, commands: &mut Vec<Command>) {
    let screen = ctx.content_rect();
    let width = (screen.width() - 80.0).clamp(480.0, 1240.0);
    let height = (screen.height() - 220.0).max(200.0);
    let response = Modal::new(Id::unique("import dialog")).show(ctx, |ui| {
        ui.set_width(width);
        crate::ui::access::dialog_heading(
            ui,
            format!("Import {} from {}", state.kind.noun(), state.file_name()),
        );
        ui.add_space(4.0);
        source_ui(ui, state);
        progress_ui(ui, state);
        if let Some(error) = &state.error {
            ui.colored_label(theme::palette(ui).error, error.as_str());
        }
        egui::ScrollArea::vertical()
            .max_height(height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if state.checked.is_some() {
                    body_ui(ui, state, plan);
                }
                crate::ui::access::scroll_focus_into_view(ui);
            });
        ui.separator();
        buttons_ui(ui, state, commands);
    });
    // The dialog takes a few frames to measure its tables and settle its size: draw it again
    // until it stands still, so it never waits for the mouse to move to show itself whole.
    // At most 60 frames in a row, so a size that never settles cannot keep the window drawing.
    let rect = response.response.rect;
    let last = Id::unique("import dialog rect");
    let (before, moves) = ctx
        .data(|d| d.get_temp::<(egui::Rect, u32)>(last))
        .unwrap_or((egui::Rect::NOTHING, 0));
    let moves = if before == rect { 0 } else { moves + 1 };
    ctx.data_mut(|d| d.insert_temp(last, (rect, moves)));
    if moves > 0 && moves <= 60 {
        ctx.request_repaint();
    }
    // Escape cancels; a click beside the dialog does not, so a slip never loses the choices.
    let escape = response
        .response
        .ctx
        .input(|i| i.key_pressed(egui::Key::Escape));
    if escape && !state.busy() {
        commands.push(Command::ImportClose);
    }
}

fn source_ui(ui: &mut Ui, state: &mut ImportState) {
    let Some(source) = state.source.clone() else {
        return;
    };
    ui.horizontal(|ui| match source.format {
        import::source::Format::Text => {
            let encoding = state.resolved.encoding.unwrap_or(Encoding::Utf8);
            let options: Vec<_> = Encoding::ALL
                .iter()
                .map(|e| (*e, e.label().to_owned()))
                .collect();
            if let Some(e) = widgets::choice(ui, "Encoding", &encoding, &options) {
                state.read.encoding = Some(e);
                state.need = Some(Need::Read);
            }
            let delimiter = state.resolved.delimiter.unwrap_or(Delimiter::Comma);
            let options: Vec<_> = Delimiter::ALL
                .iter()
                .map(|d| (*d, d.label().to_owned()))
                .collect();
            if let Some(d) = widgets::choice(ui, "Delimiter", &delimiter, &options) {
                state.read.delimiter = Some(d);
                state.need = Some(Need::Read);
            }
            ui.label(RichText::new("detected from the file unless you choose").weak());
        }
        import::source::Format::Workbook => {
            let sheet = state.resolved.sheet.clone().unwrap_or_default();
            let options: Vec<_> = source
                .sheets
                .iter()
                .map(|s| (s.clone(), s.clone()))
                .collect();
            if let Some(s) = widgets::choice(ui, "Sheet", &sheet, &options) {
                state.read.sheet = Some(s);
                state.need = Some(Need::Read);
            }
        }
    });
}

fn progress_ui(ui: &mut Ui, state: &mut ImportState) {
    let Some(job) = &state.job else {
        return;
    };
    let fraction = job.progress.fraction();
    let text = format!("{} {}…", job.what, state.file_name());
    ui.horizontal(|ui| {
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(320.0)
                .text(text),
        );
        if ui.button("Stop reading").clicked() {
            state.cancel_work();
            state.error =
                Some("Stopped. Change a setting to read the file again, or Cancel.".to_owned());
        }
    });
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(theme::SECTION_GAP / 2.0);
    ui.label(RichText::new(title).strong().size(theme::TAB_SIZE));
}

fn body_ui(ui: &mut Ui, state: &mut ImportState, plan: &Plan) {
    let Some(checked) = state.checked.take() else {
        return;
    };
    let mut changed = false;
    summary_ui(ui, &checked, state.kind);
    // The council comes first when it is all that is missing, where it is seen.
    state.name_first |= state.kind == ImportKind::Establishment && checked.waiting_for_name > 0;
    let name_first = state.name_first;
    if name_first {
        section(ui, "Where the posts go");
        changed |= destination_ui(ui, state, &checked, plan);
    }
    if let Some(grid) = state.grid.clone() {
        section(ui, "The file as it is");
        raw_preview_ui(ui, &grid, &checked);
    }
    if state.kind == ImportKind::Establishment && !checked.preview.is_empty() {
        section(ui, "As it will be imported");
        imported_preview_ui(ui, &checked, plan);
    }
    section(ui, "Columns");
    changed |= columns_ui(ui, state, &checked);
    if !checked.functions.is_empty() {
        section(ui, "Functions");
        changed |= functions_ui(ui, state, &checked, plan);
    }
    if state.kind == ImportKind::Establishment {
        if !checked.roles.is_empty() {
            section(ui, "Roles");
            changed |= roles_ui(ui, state, &checked);
        }
        if !name_first {
            section(ui, "Where the posts go");
            changed |= destination_ui(ui, state, &checked, plan);
        }
    }
    if !checked.changes.is_empty() {
        section(ui, "What changes");
        changes_ui(ui, &checked);
    }
    section(ui, "Problems");
    changed |= problems_ui(ui, state, &checked);
    state.checked = Some(checked);
    if changed {
        state.recheck();
    }
}

fn buttons_ui(ui: &mut Ui, state: &ImportState, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        // After Stop reading, the last check may not match the choices: check again first.
        let ready = !state.busy()
            && state.error.is_none()
            && state.checked.as_ref().is_some_and(Checked::can_import);
        let what = match state.kind {
            ImportKind::Establishment => "post",
            ImportKind::Targets => "role",
        };
        let n = state.checked.as_ref().map_or(0, |c| c.imported);
        let waiting = state.checked.as_ref().map_or(0, |c| c.waiting_for_name);
        let text = if waiting > 0 {
            // Not "Import 0 posts": the rows are there, waiting for their council's name.
            "Name the council to import".to_owned()
        } else {
            format!("Import {}", widgets::plural(n, what))
        };
        if ui
            .add_enabled(ready, egui::Button::new(RichText::new(text).strong()))
            .on_disabled_hover_text(
                "Settle the problems listed first, or skip the rows with problems",
            )
            .clicked()
        {
            commands.push(Command::ImportApply);
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::ImportClose);
        }
        ui.separator();
        if ui.button("Save mapping…").clicked() {
            commands.push(Command::ImportSaveMapping);
        }
        if ui.button("Load mapping…").clicked() {
            commands.push(Command::ImportLoadMapping);
        }
        if state.remembered {
            ui.label(RichText::new("Using the mapping you chose for this layout before").weak());
        }
    });
}

/// True when `name`'s extension is one the import reads.
pub fn is_table_file(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"]
            .contains(&e.to_ascii_lowercase().as_str())
    })
}

/// The normalised layout key of a mapping's headings, for tests.
pub fn layout_key(headings: &[&str]) -> String {
    headings
        .iter()
        .map(|h| normalise(h))
        .collect::<Vec<_>>()
        .join("|")
}
