//! The app: a thin shell round the [`Document`], split as the Rerun viewer splits its app. This
//! module holds the state (the document, the view, panels, dialog and preferences); `logic` runs
//! each frame, `frame` draws the menu bar, tabs and status bar, and `commands` carries out the
//! [`Command`](super::command::Command)s that drawing pushed, after the UI pass.

mod frame;
mod handle;
mod jobs;
mod locks;
mod logic;
mod recovery;
mod review;

pub use jobs::{FileJob, OPEN_IN_BACKGROUND_BYTES, SAVE_IN_BACKGROUND_POSTS};
pub use recovery::{Recovery, SETTLE};

use std::path::{Path, PathBuf};

use crate::document::edit::History;
use crate::document::{Derived, Document, new_plan};
use crate::engine::Outcome;
use crate::export::offscreen::Offscreen;
use crate::export::png;
use crate::model::Plan;
use crate::persist::lock::Held;
use crate::theme;

use super::command::{ImportKind, View};
use super::dialogs::Dialog;
use super::files::{FileDialogs, NativeDialogs, Preferences};
use super::import_dialog::ImportState;
use super::views::{self, Panels};

/// The app icon.
pub const ICON: &[u8] = include_bytes!("../../../assets/icon.png");

/// The figures drawn may trail the plan this long (a drag on a large plan, a frame or a few
/// behind) before the status bar says they are being updated: long enough not to flicker during
/// a drag, short enough that nobody reads a stale figure unawares.
pub const UPDATING_AFTER: std::time::Duration = std::time::Duration::from_millis(300);

/// The app's state: the document, what is derived from it, and the window's own state.
pub struct App {
    /// The plan, its file, history, scenario and derived figures.
    doc: Document,
    view: View,
    panels: Panels,
    dialog: Option<Dialog>,
    /// The last thing that happened, for the status bar.
    message: String,
    prefs: Preferences,
    dialogs: Box<dyn FileDialogs>,
    /// The user agreed to close; the next close request is let through.
    closing: bool,
    /// A plan was opened: every view starts at its top (scroll positions are forgotten, even
    /// those the window remembered from the last run).
    scroll_to_top: bool,
    /// The plan is the built-in example (until another is opened or it is saved to a file).
    example: bool,
    /// The start page is shown instead of the views.
    start_page: bool,
    /// Since when the figures drawn have been older than the plan (worked out off the window's
    /// thread), and how long that may last before the status bar says they are being updated.
    figures_behind: (Option<std::time::Instant>, std::time::Duration),
    /// The window title last sent, so it is sent again only when it changes.
    title_sent: String,
    /// The theme last applied.
    theme_applied: Option<egui::ThemePreference>,
    /// The slide shown while presenting.
    presenting: Option<usize>,
    /// Draws PNG exports; made the first time one is asked for.
    renderer: Option<Offscreen>,
    /// What draws the window, in words for Help > About (none in tests, which draw off screen).
    window_renderer: Option<String>,
    /// The app's data folder, where its preferences are kept (none in tests).
    data_dir: Option<PathBuf>,
    /// The size of the last export.
    export_size: [u32; 2],
    /// The import dialog, while it is open.
    import: Option<Box<ImportState>>,
    /// A large plan being opened or saved off the window's thread.
    job: Option<FileJob>,
    /// The first frame has been drawn (and how long it took logged).
    first_frame_drawn: bool,
    /// Unsaved work copied aside, for after a crash.
    recovery: Recovery,
    /// What a crash left, while the user decides.
    recovered: Option<recovery::Left>,
    /// A plan file to open on the first frame.
    pending_open: Option<PathBuf>,
    /// How the plan stands against its newest sign-off, in words and whether it changed since,
    /// worked out for the document revision given.
    sign_off: Option<(u64, Option<(String, bool)>)>,
    /// The lock file of the open plan's file, held while it is open for editing.
    lock: Option<(PathBuf, Held)>,
    /// A lock taken for a file being opened or saved to, kept until that is done.
    pending_lock: Option<(PathBuf, Held)>,
}

impl App {
    /// An app showing `plan`, opened from `path` if it came from a file, with real file dialogs.
    pub fn new(plan: Plan, path: Option<PathBuf>) -> Self {
        let example = path.is_none() && plan == crate::document::example_plan();
        Self {
            example,
            start_page: false,
            figures_behind: (None, UPDATING_AFTER),
            doc: Document::new(plan, path),
            view: View::Dashboard,
            panels: Panels::default(),
            dialog: None,
            message: String::new(),
            prefs: Preferences::default(),
            dialogs: Box::new(NativeDialogs),
            closing: false,
            title_sent: String::new(),
            theme_applied: None,
            presenting: None,
            renderer: None,
            window_renderer: None,
            data_dir: None,
            export_size: png::DEFAULT_SIZE,
            import: None,
            job: None,
            first_frame_drawn: false,
            scroll_to_top: true,
            recovery: Recovery::new(None),
            recovered: None,
            pending_open: None,
            sign_off: None,
            lock: None,
            pending_lock: None,
        }
        .locked()
    }

    /// The same app holding its plan's lock (see [`Self::sync_lock`]).
    fn locked(mut self) -> Self {
        self.sync_lock();
        self
    }

    /// The same app asking `dialogs` for files (tests pass scripted answers).
    #[must_use]
    pub fn with_dialogs(mut self, dialogs: Box<dyn FileDialogs>) -> Self {
        self.dialogs = dialogs;
        self
    }

    /// The same app with the import dialog open on `table`.
    #[must_use]
    pub fn importing(mut self, table: PathBuf) -> Self {
        self.start_import(ImportKind::Establishment, table);
        self
    }

    /// The same app with these preferences.
    #[must_use]
    pub fn with_preferences(mut self, prefs: Preferences) -> Self {
        self.prefs = prefs;
        self
    }

    /// The same app, drawn by the renderer these words name, with its data in `dir`.
    #[must_use]
    pub fn with_window(mut self, renderer: String, dir: Option<PathBuf>) -> Self {
        self.window_renderer = Some(renderer);
        self.data_dir = dir;
        self
    }

    /// The versions of plans kept for merges, in the data folder (none without one).
    pub(crate) fn versions(&self) -> Option<crate::persist::version::Versions> {
        self.data_dir
            .as_ref()
            .map(|d| crate::persist::version::Versions::at(d.join("versions")))
    }

    /// Shows the start page first (the first run, on the example).
    #[must_use]
    pub fn with_start_page(mut self) -> Self {
        self.start_page = true;
        self
    }

    /// Whether the start page is shown.
    pub fn on_start_page(&self) -> bool {
        self.start_page
    }

    /// Pools > Leavers: its filters and sort.
    pub fn leavers(&self) -> &views::leavers::State {
        &self.panels.leavers
    }

    /// Money > Uncertainty: the run under way and the last result.
    pub fn risk(&self) -> &views::risk::State {
        &self.panels.risk
    }

    /// Waits for the uncertainty run under way (tests; the window polls instead).
    pub fn finish_risk(&mut self) {
        self.panels.risk.finish();
    }

    /// Waits for Pools > Equality's protected table being made (tests; the window polls
    /// instead).
    pub fn finish_equality(&mut self) {
        self.panels.equality.finish();
    }

    /// The import dialog's state, while it is open.
    pub fn import_state(&self) -> Option<&ImportState> {
        self.import.as_deref()
    }

    /// The import dialog's state, to change as the user would (tests).
    pub fn import_state_mut(&mut self) -> Option<&mut ImportState> {
        self.import.as_deref_mut()
    }

    /// Waits until the import dialog has read and checked the file (tests).
    pub fn finish_import(&mut self) {
        if let Some(import) = &mut self.import {
            import.finish(self.doc.plan());
        }
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The plan shown.
    pub fn plan(&self) -> &Plan {
        self.doc.plan()
    }

    /// The file the plan was opened from or saved to.
    pub fn path(&self) -> Option<&Path> {
        self.doc.path()
    }

    /// The plan has changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        self.doc.history()
    }

    /// The user has agreed to close the window.
    pub fn is_closing(&self) -> bool {
        self.closing
    }

    /// The view shown.
    pub fn view(&self) -> View {
        self.view
    }

    /// The dialog shown, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The status bar's last message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The preferences (saved by eframe between runs).
    pub fn preferences(&self) -> &Preferences {
        &self.prefs
    }

    /// The chosen scenario's name.
    pub fn scenario(&self) -> &str {
        self.doc.scenario()
    }

    /// The slide shown, counting from 0, while presenting.
    pub fn presenting(&self) -> Option<usize> {
        self.presenting
    }

    /// The post table's state (filters, selection).
    pub fn post_table(&self) -> &views::establishment::State {
        &self.panels.posts
    }

    /// Chooses a scenario by name (the base if unknown).
    pub fn set_scenario(&mut self, name: &str) {
        self.doc.set_scenario(name);
    }

    /// The plan's revision: it moves on every change to the plan or the scenario chosen.
    pub fn revision(&self) -> u64 {
        self.doc.revision()
    }

    /// How many times the outcome has been computed (it should not grow frame by frame).
    pub fn evaluations(&self) -> u64 {
        self.doc.evaluations()
    }

    /// The outcome of the chosen scenario as the plan stands, recomputed only if the plan or
    /// scenario changed (waiting for it if it is being worked out off the window's thread).
    pub fn outcome(&mut self) -> &Outcome {
        &self.doc.current().outcome
    }

    /// Everything derived from the plan as it stands, recomputed only if the plan or scenario
    /// changed (waiting for it if it is being worked out off the window's thread).
    pub fn derived(&mut self) -> &Derived {
        self.doc.current()
    }

    /// What the window draws: the figures for the plan as it stands, or the newest finished ones
    /// while a large plan's are being worked out (see [`Document::refresh`]).
    pub fn drawn(&mut self) -> &Derived {
        self.doc.refresh()
    }

    /// Works the figures out off the window's thread for plans of at least `posts` posts.
    pub fn set_background_from(&mut self, posts: usize) {
        self.doc.set_background_from(posts);
    }

    /// How long the figures drawn may trail the plan before the status bar says they are being
    /// updated ([`UPDATING_AFTER`] unless set).
    pub fn set_updating_after(&mut self, after: std::time::Duration) {
        self.figures_behind.1 = after;
    }

    /// The window title: plan name, file name and an unsaved marker.
    pub fn title(&self) -> String {
        let file = self.doc.path().and_then(Path::file_name).map_or_else(
            || "not saved to a file".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let read_only = if self.doc.is_read_only() {
            ", read-only"
        } else {
            ""
        };
        let marker = if self.is_dirty() { " ● unsaved" } else { "" };
        // The example says so, until it is saved as the user's own.
        let file = if self.example && self.doc.path().is_none() {
            format!("example, {file}")
        } else {
            file
        };
        // The scenario every view computes with, so a screen shared in a meeting says which.
        let scenario = self.doc.scenario();
        let scenario = if scenario == crate::model::Scenario::BASE {
            String::new()
        } else {
            format!(" — {scenario} scenario")
        };
        format!(
            "{}{scenario} ({file}{read_only}){marker} - Merger Planner",
            self.doc.plan().name
        )
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Preferences::KEY, &self.prefs);
    }

    fn on_exit(&mut self) {
        self.leave_cleanly();
    }
}

/// Opens the window on a new plan, with the import dialog reading `table` (an establishment).
pub fn run_importing(table: PathBuf) -> eframe::Result {
    open_window(App::new(new_plan(), None).importing(table))
}

/// Opens the window at once on a new plan and opens the large plan file at `path` off the
/// window's thread, showing its progress.
pub fn run_opening(path: &Path) -> eframe::Result {
    let mut app = App::new(new_plan(), None);
    // Opened on the first frame, once the preferences (the largest plan to open) are read.
    app.pending_open = Some(path.to_path_buf());
    open_window(app)
}

/// The renderer in words: the graphics interface, the adapter, and whether it is a GPU or the
/// processor drawing in software (which wgpu falls back to where there is no GPU driver, as in
/// many remote desktop sessions).
pub fn renderer_words(info: &eframe::wgpu::AdapterInfo) -> String {
    use eframe::wgpu::{Backend, DeviceType};
    let api = match info.backend {
        Backend::Vulkan => "Vulkan",
        Backend::Metal => "Metal",
        Backend::Dx12 => "DirectX 12",
        Backend::Gl => "OpenGL",
        Backend::BrowserWebGpu => "WebGPU",
        Backend::Noop => "no graphics",
    };
    let kind = match info.device_type {
        DeviceType::Cpu => "software, on the processor: slower",
        DeviceType::DiscreteGpu | DeviceType::IntegratedGpu => "a GPU",
        DeviceType::VirtualGpu => "a virtual GPU",
        DeviceType::Other => "an unknown device",
    };
    format!("{api} on {} ({kind})", info.name.trim())
}

/// Opens the window on a plan.
pub fn run(plan: Plan, path: Option<PathBuf>) -> eframe::Result {
    open_window(App::new(plan, path))
}

fn open_window(app: App) -> eframe::Result {
    // Unsaved work is copied into the app's own data folder, and a crash's is offered back.
    let data_dir = eframe::storage_dir("merger-planner");
    let app = match &data_dir {
        Some(dir) => app.with_recovery(dir.join("recovery"), SETTLE),
        None => app,
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([800.0, 500.0])
        .with_app_id("merger-planner");
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Merger Planner",
        options,
        Box::new(move |cc| {
            theme::apply(&cc.egui_ctx);
            let prefs: Preferences = cc
                .storage
                .and_then(|s| eframe::get_value(s, Preferences::KEY))
                .unwrap_or_default();
            // The first run on the example begins on the start page.
            let first = !prefs.welcomed && app.example;
            let renderer = cc.wgpu_render_state.as_ref().map_or_else(
                || "not known".to_owned(),
                |r| renderer_words(&r.adapter.get_info()),
            );
            log::info!("the window is drawn with {renderer}");
            let app = app.with_preferences(prefs).with_window(renderer, data_dir);
            Ok(Box::new(if first { app.with_start_page() } else { app }))
        }),
    )
}
