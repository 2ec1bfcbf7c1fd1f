//! The import dialog: an establishment or target structure from a file an HR system exported.
//!
//! Reading the file and checking it run on a worker thread with a progress bar and Cancel, so
//! the window keeps drawing. The dialog changes only its own state (the user's choices); the
//! plan changes when Import is pressed, through the app's one edit path, as one undo step.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Context, Id, Modal, RichText, Ui};

use super::command::Command;
use super::widgets;
use crate::io::import::establishment::{PREVIEW_ROWS, Placement};
use crate::io::import::headings::normalise;
use crate::io::import::values::{DateOrder, FteUnit};
use crate::io::import::{
    self, Checked, Delimiter, Encoding, Field, Grid, ImportKind, Progress, ReadSettings, Source,
    Use,
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
    /// The file.
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
        ui.heading(format!(
            "Import {} from {}",
            state.kind.noun(),
            state.file_name()
        ));
        ui.add_space(4.0);
        source_ui(ui, state);
        progress_ui(ui, state);
        if let Some(error) = &state.error {
            ui.colored_label(theme::error(ui.visuals().dark_mode), error.as_str());
        }
        egui::ScrollArea::vertical()
            .max_height(height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if state.checked.is_some() {
                    body_ui(ui, state, plan);
                }
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
        section(ui, "Where the posts go");
        changed |= destination_ui(ui, state, &checked, plan);
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

fn summary_ui(ui: &mut Ui, checked: &Checked, kind: ImportKind) {
    let what = match kind {
        ImportKind::Establishment => "posts",
        ImportKind::Targets => "roles",
    };
    let mut line = format!("{} {what} to import", checked.imported);
    for c in &checked.councils {
        let into = if c.new { "new council" } else { "into" };
        line = format!("{line}; {into} {} ({} posts)", c.name, c.posts);
    }
    ui.label(RichText::new(line).size(theme::TAB_SIZE));
    let n = checked.problems.total;
    if n > 0 {
        let what = if n == 1 {
            "1 problem".to_owned()
        } else {
            format!("{n} problems")
        };
        let settle = if checked.can_import() {
            "rows with problems are skipped"
        } else {
            "settle them before importing"
        };
        ui.colored_label(
            theme::error(ui.visuals().dark_mode),
            format!("{what}, listed under Problems below: {settle}"),
        );
    }
    for note in &checked.notes {
        ui.label(format!("Note: {note}"));
    }
}

/// The cell's text, shortened for a preview.
fn short(text: &str) -> String {
    let t = text.replace(['\r', '\n'], " ");
    if t.chars().count() > 22 {
        format!("{}…", t.chars().take(21).collect::<String>())
    } else {
        t
    }
}

fn raw_preview_ui(ui: &mut Ui, grid: &Grid, checked: &Checked) {
    let heading = checked.headings.as_ref().map_or(0, |h| h.row);
    let last = (heading + 6).min(grid.rows.len());
    egui::ScrollArea::horizontal()
        .id_salt("raw preview")
        .show(ui, |ui| {
            egui::Grid::new("raw preview grid")
                .striped(true)
                .show(ui, |ui| {
                    ui.label(RichText::new("Row").weak());
                    for i in 0..grid.columns.len() {
                        ui.label(RichText::new(grid.letter(i)).weak());
                    }
                    ui.end_row();
                    for (i, row) in grid.rows[..last].iter().enumerate() {
                        ui.label(RichText::new(row.number.to_string()).weak());
                        for c in 0..grid.columns.len() {
                            let text = short(&row.cell(c).display());
                            if i == heading {
                                ui.label(RichText::new(text).strong());
                            } else {
                                ui.label(text);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}

fn imported_preview_ui(ui: &mut Ui, checked: &Checked, plan: &Plan) {
    let name =
        |list: &dyn Fn(&str) -> Option<String>, id: &str| list(id).unwrap_or_else(|| id.to_owned());
    let after = &checked.plan;
    egui::ScrollArea::horizontal()
        .id_salt("imported preview")
        .show(ui, |ui| {
            egui::Grid::new("imported preview grid")
                .striped(true)
                .show(ui, |ui| {
                    for h in [
                        "Row",
                        "Post ID",
                        "Council",
                        "Function",
                        "Role",
                        "Job title",
                        "FTE",
                        "Salary",
                        "Status",
                        "Born",
                        "Service from",
                    ] {
                        ui.label(RichText::new(h).weak());
                    }
                    ui.end_row();
                    for (row, post) in checked.preview.iter().take(PREVIEW_ROWS) {
                        ui.label(row.to_string());
                        ui.label(short(&post.id));
                        ui.label(short(&name(
                            &|id| after.council(id).map(|c| c.short_name.clone()),
                            &post.council,
                        )));
                        ui.label(short(&name(
                            &|id| after.function(id).map(|f| f.name.clone()),
                            &post.function,
                        )));
                        ui.label(short(&name(
                            &|id| after.role(id).map(|r| r.title.clone()),
                            &post.role,
                        )));
                        ui.label(short(&post.title));
                        ui.label(format!("{:.2}", post.fte));
                        ui.label(post.salary.full());
                        let (status, born, from) = post.holder.as_ref().map_or(
                            ("Vacant", String::new(), String::new()),
                            |h| {
                                (
                                    "Filled",
                                    h.date_of_birth.to_string(),
                                    h.service_start.to_string(),
                                )
                            },
                        );
                        ui.label(status);
                        ui.label(born);
                        ui.label(from);
                        ui.end_row();
                    }
                });
        });
    let _ = plan;
}

/// The name of a column's use in the list.
fn use_label(used: Use) -> &'static str {
    match used {
        Use::Field(f) => f.label(),
        Use::Private => "Personal data (not imported)",
        Use::Unused => "Not used",
    }
}

fn columns_ui(ui: &mut Ui, state: &mut ImportState, checked: &Checked) -> bool {
    let Some(headings) = &checked.headings else {
        return false;
    };
    let mut changed = false;
    egui::Grid::new("import columns")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for (i, column) in headings.columns.iter().enumerate() {
                let label = ui.label(format!("{}: {}", column.letter, column.heading));
                let mut chosen = column.used;
                egui::ComboBox::from_id_salt(("import column", i))
                    .selected_text(use_label(column.used))
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for used in [Use::Unused, Use::Private]
                            .into_iter()
                            .chain(state.kind.fields().iter().map(|f| Use::Field(*f)))
                        {
                            ui.selectable_value(&mut chosen, used, use_label(used));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.label(RichText::new(&column.why).weak());
                ui.end_row();
                if chosen != column.used {
                    state
                        .options
                        .mapping
                        .columns
                        .insert(column.heading.clone(), chosen);
                    changed = true;
                }
            }
        });
    if state.kind == ImportKind::Establishment {
        ui.add_space(6.0);
        changed |= units_ui(ui, state, checked);
    }
    changed
}

fn units_ui(ui: &mut Ui, state: &mut ImportState, checked: &Checked) -> bool {
    let mut changed = false;
    let mapping = &mut state.options.mapping;
    egui::Grid::new("import units")
        .num_columns(3)
        .show(ui, |ui| {
            let (unit, why) = &checked.fte_unit;
            let options: Vec<_> = FteUnit::ALL
                .iter()
                .map(|u| (*u, u.label().to_owned()))
                .collect();
            if let Some(u) = widgets::choice(ui, "FTE given as", unit, &options) {
                mapping.fte_unit = Some(u);
                changed = true;
            }
            ui.label(RichText::new(why).weak());
            ui.end_row();
            if let Some(h) = widgets::number(
                ui,
                "Full-time hours",
                mapping.full_time_hours,
                1.0..=80.0,
                2,
            ) {
                mapping.full_time_hours = h;
                changed = true;
            }
            ui.label(RichText::new("a week, to turn hours into FTE").weak());
            ui.end_row();
            let options: Vec<_> = std::iter::once((None, "From the dates".to_owned()))
                .chain(
                    [DateOrder::DayFirst, DateOrder::MonthFirst]
                        .iter()
                        .map(|o| (Some(*o), o.label().to_owned())),
                )
                .collect();
            if let Some(o) = widgets::choice(ui, "Order of dates", &mapping.date_order, &options) {
                mapping.date_order = o;
                changed = true;
            }
            if checked.date_question {
                ui.colored_label(
                    theme::warning(ui.visuals().dark_mode),
                    "Choose: every date could be read either way",
                );
            } else {
                ui.label("");
            }
            ui.end_row();
            let pivot = u32::from(mapping.two_digit_pivot);
            if let Some(p) =
                widgets::count(ui, "Two-digit years below this are 2000s", pivot, 0..=99)
            {
                mapping.two_digit_pivot = p.min(99) as u8;
                changed = true;
            }
            let p = u32::from(mapping.two_digit_pivot);
            let example = if p == 0 {
                "every two-digit year is in the 1900s".to_owned()
            } else {
                format!(
                    "so /{:02} is {} and /{p:02} is {}",
                    p - 1,
                    1999 + p,
                    1900 + p
                )
            };
            ui.label(RichText::new(example).weak());
            ui.end_row();
        });
    changed
}

fn functions_ui(ui: &mut Ui, state: &mut ImportState, checked: &Checked, plan: &Plan) -> bool {
    let mut changed = false;
    let mut names: Vec<String> = plan.functions.iter().map(|f| f.name.clone()).collect();
    egui::Grid::new("import functions")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for group in &checked.functions {
                let shown = if group.value.is_empty() {
                    "(no function given)".to_owned()
                } else {
                    group.value.clone()
                };
                let label = ui.label(format!("{shown} ({})", widgets::plural(group.rows, "row")));
                let mut chosen = group.function.clone();
                let mut options = names.clone();
                if !options.contains(&group.value) && !group.value.is_empty() {
                    options.push(group.value.clone());
                }
                if !options.contains(&group.function) {
                    options.push(group.function.clone());
                }
                egui::ComboBox::from_id_salt(("import function", &group.value))
                    .selected_text(group.function.as_str())
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for name in &options {
                            let text = if names.contains(name) {
                                name.clone()
                            } else {
                                format!("New function: {name}")
                            };
                            ui.selectable_value(&mut chosen, name.clone(), text);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.label(RichText::new(&group.why).weak());
                ui.end_row();
                if chosen != group.function {
                    state
                        .options
                        .mapping
                        .functions
                        .insert(group.value.clone(), chosen.clone());
                    if !names.contains(&chosen) {
                        names.push(chosen);
                    }
                    changed = true;
                }
            }
        });
    changed
}

/// The most titles listed in the roles section.
const MAX_TITLES: usize = 400;

fn roles_ui(ui: &mut Ui, state: &mut ImportState, checked: &Checked) -> bool {
    ui.label(
        RichText::new(
            "Titles that name the same job (case, punctuation, Snr and Senior) go to one role. Type the same role for two titles to merge them, or a new one to split a title out.",
        )
        .weak(),
    );
    let mut changed = false;
    let mut shown = 0;
    egui::Grid::new("import roles")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for group in &checked.roles {
                for (title, count) in &group.titles {
                    shown += 1;
                    if shown > MAX_TITLES {
                        return;
                    }
                    ui.label(&group.function);
                    let label = ui.label(format!("{title} ({count})"));
                    let text = state
                        .typing
                        .entry(title.clone())
                        .or_insert_with(|| group.role.clone());
                    // Sized, not desired: a grid's cell offers only last frame's column width.
                    let size = egui::vec2(260.0, ui.spacing().interact_size.y);
                    let r = ui
                        .add_sized(
                            size,
                            egui::TextEdit::singleline(text)
                                .id_salt(("import role", title.as_str())),
                        )
                        .labelled_by(label.id);
                    ui.label(
                        RichText::new(if group.new {
                            "new role"
                        } else {
                            "the plan's role"
                        })
                        .weak(),
                    );
                    ui.end_row();
                    if r.lost_focus() {
                        let typed = text.trim().to_owned();
                        if !typed.is_empty() && typed != group.role {
                            state.options.mapping.roles.insert(title.clone(), typed);
                            changed = true;
                        }
                        state.typing.remove(title);
                    } else if !r.has_focus() && *text != group.role {
                        // Not being typed into: show the role as checked.
                        text.clone_from(&group.role);
                    }
                }
            }
        });
    let titles: usize = checked.roles.iter().map(|g| g.titles.len()).sum();
    if titles > MAX_TITLES {
        ui.label(format!("and {} more titles", titles - MAX_TITLES));
    }
    changed
}

fn destination_ui(ui: &mut Ui, state: &mut ImportState, checked: &Checked, plan: &Plan) -> bool {
    let mut changed = false;
    let has_council_column = checked
        .headings
        .as_ref()
        .is_some_and(|h| h.column_of(Field::Council).is_some());
    let options = &mut state.options;
    egui::Grid::new("import destination")
        .num_columns(2)
        .show(ui, |ui| {
            let label = widgets::setting_label(ui, "Council name");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut options.council)
                        .id_salt("import council name")
                        .desired_width(theme::LONG_FIELD_WIDTH)
                        .hint_text(if has_council_column {
                            "from the council column"
                        } else {
                            "the council these posts belong to"
                        }),
                )
                .labelled_by(label.id);
            ui.end_row();
            if r.lost_focus() || (r.changed() && !r.has_focus()) {
                changed = true;
            }
            if !plan.councils.is_empty() && !has_council_column {
                // Next month's extract goes to a council already in the plan: pick it.
                let options_list: Vec<(String, String)> =
                    std::iter::once((String::new(), "(a new council, named above)".to_owned()))
                        .chain(
                            plan.councils
                                .iter()
                                .map(|c| (c.name.clone(), c.name.clone())),
                        )
                        .collect();
                let current = if plan.councils.iter().any(|c| c.name == options.council) {
                    options.council.clone()
                } else {
                    String::new()
                };
                if let Some(name) =
                    widgets::choice(ui, "Or a council in the plan", &current, &options_list)
                {
                    if !name.is_empty() && options.placement == Placement::New {
                        options.placement = Placement::Replace;
                    }
                    options.council = name;
                    changed = true;
                }
                ui.end_row();
            }
            ui.label("Put the posts into");
            ui.horizontal(|ui| {
                for p in Placement::ALL {
                    if ui
                        .radio_value(&mut options.placement, p, p.label())
                        .changed()
                    {
                        changed = true;
                    }
                }
            });
            ui.end_row();
        });
    if checked.councils.iter().any(|c| c.new) {
        ui.label(
            RichText::new("A new council starts with these settings, assumed until you confirm them in the Councils view:")
                .color(theme::warning(ui.visuals().dark_mode)),
        );
        let d = &mut options.defaults;
        egui::Grid::new("import council defaults")
            .num_columns(2)
            .show(ui, |ui| {
                if let Some(v) =
                    widgets::percent(ui, "LGPS employer rate", d.lgps_employer_rate, 60.0)
                {
                    d.lgps_employer_rate = v;
                    changed = true;
                }
                ui.end_row();
                if let Some(v) =
                    widgets::number(ui, "VR multiplier", d.scheme.vr_multiplier, 1.0..=3.0, 2)
                {
                    d.scheme.vr_multiplier = v;
                    changed = true;
                }
                ui.end_row();
                if let Some(v) =
                    widgets::number(ui, "CR multiplier", d.scheme.cr_multiplier, 1.0..=3.0, 2)
                {
                    d.scheme.cr_multiplier = v;
                    changed = true;
                }
                ui.end_row();
                if let Some(v) =
                    widgets::number(ui, "Most weeks of pay", d.scheme.max_weeks, 0.0..=104.0, 1)
                {
                    d.scheme.max_weeks = v;
                    changed = true;
                }
                ui.end_row();
                if let Some(v) = widgets::count(
                    ui,
                    "Minimum service for VR (years)",
                    d.min_service_for_vr_years,
                    0..=10,
                ) {
                    d.min_service_for_vr_years = v;
                    changed = true;
                }
                ui.end_row();
            });
    }
    changed
}

fn changes_ui(ui: &mut Ui, checked: &Checked) {
    use import::Change;
    let (mut added, mut removed, mut changed) = (0, 0, 0);
    for c in &checked.changes {
        match c {
            Change::Added { .. } => added += 1,
            Change::Removed { .. } => removed += 1,
            Change::Changed { .. } => changed += 1,
        }
    }
    ui.label(format!(
        "{added} added, {removed} removed, {changed} changed"
    ));
    // In the dialog's own scroll area: a list inside a list would clip both.
    for c in checked.changes.iter().take(500) {
        ui.label(c.to_string());
    }
    if checked.changes.len() > 500 {
        ui.label(format!("and {} more", checked.changes.len() - 500));
    }
}

fn problems_ui(ui: &mut Ui, state: &mut ImportState, checked: &Checked) -> bool {
    let dark = ui.visuals().dark_mode;
    if checked.problems.total == 0 {
        ui.colored_label(theme::good(dark), "No problems");
        return false;
    }
    let mut changed = false;
    let rows = checked.bad_rows.len();
    if rows > 0 {
        let text = format!(
            "Skip the {} with problems (they are named in the summary)",
            widgets::plural(rows, "row")
        );
        changed |= ui
            .checkbox(&mut state.options.skip_bad_rows, text)
            .changed();
    }
    for p in &checked.problems.listed {
        ui.colored_label(theme::error(dark), p.to_string());
    }
    if checked.problems.unlisted() > 0 {
        ui.label(format!("and {} more problems", checked.problems.unlisted()));
    }
    changed
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
        let text = format!("Import {}", widgets::plural(n, what));
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
