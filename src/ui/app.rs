//! The app: the document (plan, file, undo history), the figures derived from it, and the frame:
//! menu bar, tabs, navigator, central view, status bar and dialogs. Drawing code pushes
//! [`Command`]s; [`App::apply`] carries them out after the UI pass.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::engine::{self, Outcome};
use crate::io::plan_file;
use crate::model::{Location, Plan, Problem, Programme, Severity, validate};

use super::charts::{ChartState, Scenarios, Series};
use super::command::{Action, Answer, Command, Exported, ImportKind, Kind, Step, View};
use super::edit::{self, Edit, History, Orphans};
use super::files::{FileDialogs, NativeDialogs, Preferences};
use super::import::{self as import_ui, ImportState};
use super::render::Offscreen;
use super::widgets::plural;
use super::{dialogs, export, present, theme, views};

/// The built-in example plan (Bournemouth and Poole), embedded so the app always opens on it.
pub const EXAMPLE_PLAN: &str = include_str!("../../saves/bournemouth-poole.ron");

/// The app icon.
pub const ICON: &[u8] = include_bytes!("../../assets/icon.png");

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

/// The figures derived from the plan, rebuilt only when the plan or scenario changes.
pub struct Derived {
    /// The revision they were computed for.
    revision: u64,
    /// The base scenario and then the plan's own, for the scenario list.
    pub scenario_names: Vec<String>,
    /// The chosen scenario's outcome.
    pub outcome: Outcome,
    /// Every validation problem.
    pub problems: Vec<Problem>,
    /// Problems that are errors.
    pub errors: usize,
    /// Problems per item, by index into `problems`.
    by_location: std::collections::BTreeMap<Location, Vec<usize>>,
    /// Posts per council, in plan order.
    pub council_posts: Vec<usize>,
    /// Posts per role, in plan order.
    pub role_posts: Vec<usize>,
    /// Posts per function today, in plan order.
    pub function_posts: Vec<usize>,
    /// Councils, functions and roles as choice lists.
    pub choices: Choices,
    /// Every chart's figures.
    pub series: Series,
    /// Pools > Leavers: each person who leaves or is at risk, formatted.
    pub leavers: Vec<views::leavers::Row>,
    /// Each post's outcome in the scenario, formatted for the post table: kept, a vacancy
    /// deleted, VR or the expected compulsory or redeployed share, with the package.
    pub post_outcomes: Vec<String>,
    /// Every scenario's headline figures, computed the first time a chart asks for them.
    scenarios: std::cell::OnceCell<Scenarios>,
}

/// Each council, function and role as (id, name) for the editors' choice lists, built once per
/// change of the plan rather than every frame.
pub struct Choices {
    /// Councils by full name.
    pub councils: Vec<(String, String)>,
    /// Functions.
    pub functions: Vec<(String, String)>,
    /// Roles by title.
    pub roles: Vec<(String, String)>,
}

impl Choices {
    fn of(plan: &Plan) -> Self {
        Self {
            councils: plan
                .councils
                .iter()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect(),
            functions: plan
                .functions
                .iter()
                .map(|f| (f.id.clone(), f.name.clone()))
                .collect(),
            roles: plan
                .roles
                .iter()
                .map(|r| (r.id.clone(), r.title.clone()))
                .collect(),
        }
    }
}

impl Derived {
    fn new(plan: &Plan, scenario: &str, revision: u64) -> Self {
        let chosen = plan.scenario(scenario).unwrap_or_default();
        let outcome = engine::evaluate(plan, &chosen);
        let problems = validate(plan);
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let mut by_location: std::collections::BTreeMap<Location, Vec<usize>> =
            std::collections::BTreeMap::new();
        for (i, p) in problems.iter().enumerate() {
            by_location.entry(p.location.clone()).or_default().push(i);
        }
        let count = |ids: Vec<&str>, key: fn(&crate::model::Post) -> &str| {
            let index: HashMap<&str, usize> =
                ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
            let mut counts = vec![0; ids.len()];
            for p in &plan.posts {
                if let Some(&i) = index.get(key(p)) {
                    counts[i] += 1;
                }
            }
            counts
        };
        Self {
            revision,
            scenario_names: plan.scenario_names(),
            errors,
            by_location,
            council_posts: count(plan.councils.iter().map(|c| c.id.as_str()).collect(), |p| {
                &p.council
            }),
            role_posts: count(plan.roles.iter().map(|r| r.id.as_str()).collect(), |p| {
                &p.role
            }),
            function_posts: count(
                plan.functions.iter().map(|f| f.id.as_str()).collect(),
                |p| &p.function,
            ),
            problems,
            choices: Choices::of(plan),
            series: Series::of(plan, &outcome),
            leavers: views::leavers::rows(plan, &outcome),
            post_outcomes: post_outcomes(plan, &outcome),
            outcome,
            scenarios: std::cell::OnceCell::new(),
        }
    }

    /// Every scenario's headline figures, evaluated once per change of the plan and only when a
    /// chart needs them.
    pub fn scenarios(&self, plan: &Plan) -> &Scenarios {
        self.scenarios.get_or_init(|| Scenarios::of(plan))
    }

    /// The scenarios' figures if `chart` is the comparison (the only chart that needs them).
    pub fn scenarios_for(
        &self,
        chart: Option<crate::model::Chart>,
        plan: &Plan,
    ) -> Option<&Scenarios> {
        (chart == Some(crate::model::Chart::Scenarios)).then(|| self.scenarios(plan))
    }

    /// The problems found with one item.
    pub fn problems_at(&self, location: &Location) -> Vec<&Problem> {
        self.by_location
            .get(location)
            .map(|ix| ix.iter().filter_map(|&i| self.problems.get(i)).collect())
            .unwrap_or_default()
    }

    /// The problems found with the post at `index` (counting from 0).
    pub fn post_problems(&self, index: usize, id: &str) -> Vec<&Problem> {
        self.problems_at(&Location::Post {
            id: id.to_owned(),
            position: index + 1,
        })
    }
}

/// A question or message shown over the window.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// The plan has unsaved changes; `then` is what happens after the answer.
    Unsaved(Then),
    /// Something went wrong that the user must read.
    Error {
        /// The dialog's title.
        title: String,
        /// What went wrong, where and what to do.
        message: String,
    },
    /// A council, function or role with posts is being deleted: move or delete them?
    Delete {
        /// What is deleted.
        kind: Kind,
        /// Its id.
        id: String,
        /// Its name.
        name: String,
        /// How many posts (and roles, for a function) go with it.
        posts: usize,
        /// Where the user chose to move them (an id of the same kind).
        move_to: String,
    },
    /// The size of a PNG export.
    Export {
        /// What is exported.
        what: Exported,
        /// Width in pixels, as typed.
        width: String,
        /// Height in pixels, as typed.
        height: String,
    },
    /// Which charts the presentation shows, in which order.
    Slides,
    /// About the app.
    About,
    /// How the figures are computed.
    HowComputed,
}

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    /// Close the window.
    Quit,
    /// Start a new plan.
    New,
    /// Ask for a file and open it.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
}

/// Visual state of the panels: selections, filters and scroll targets. Never saved.
#[derive(Debug, Default)]
pub struct Panels {
    /// The council selected in the Councils view.
    pub council: Option<String>,
    /// The function selected in the Target structure view.
    pub function: Option<String>,
    /// The role selected in the Target structure view.
    pub role: Option<String>,
    /// The post table's filters, sort, selection and cached rows.
    pub posts: views::establishment::State,
    /// Which charts show their figures, and the pools chart's drill-down.
    pub charts: ChartState,
    /// Pools > Leavers: its filters and sort.
    pub leavers: views::leavers::State,
}

/// The app's state: the document, what is derived from it, and the window's own state.
pub struct App {
    plan: Plan,
    path: Option<PathBuf>,
    history: History,
    scenario: String,
    /// Bumped on every change to the plan or scenario; derived figures are rebuilt when it moves.
    revision: u64,
    derived: Option<Derived>,
    evaluations: u64,
    view: View,
    panels: Panels,
    dialog: Option<Dialog>,
    /// The last thing that happened, for the status bar.
    message: String,
    prefs: Preferences,
    dialogs: Box<dyn FileDialogs>,
    /// The user agreed to close; the next close request is let through.
    closing: bool,
    /// The window title last sent, so it is sent again only when it changes.
    title_sent: String,
    /// The theme last applied.
    dark_applied: Option<bool>,
    /// The slide shown while presenting.
    presenting: Option<usize>,
    /// Draws PNG exports; made the first time one is asked for.
    renderer: Option<Offscreen>,
    /// The size of the last export.
    export_size: [u32; 2],
    /// The import dialog, while it is open.
    import: Option<Box<ImportState>>,
}

impl App {
    /// An app showing `plan`, opened from `path` if it came from a file, with real file dialogs.
    pub fn new(plan: Plan, path: Option<PathBuf>) -> Self {
        Self {
            plan,
            path,
            history: History::default(),
            scenario: crate::model::Scenario::BASE.to_owned(),
            revision: 0,
            derived: None,
            evaluations: 0,
            view: View::Dashboard,
            panels: Panels::default(),
            dialog: None,
            message: String::new(),
            prefs: Preferences::default(),
            dialogs: Box::new(NativeDialogs),
            closing: false,
            title_sent: String::new(),
            dark_applied: None,
            presenting: None,
            renderer: None,
            export_size: export::DEFAULT_SIZE,
            import: None,
        }
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

    /// Pools > Leavers: its filters and sort.
    pub fn leavers(&self) -> &views::leavers::State {
        &self.panels.leavers
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
            import.finish(&self.plan);
        }
    }

    /// The plan shown.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The file the plan was opened from or saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The plan has changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
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
        &self.scenario
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
        if self.scenario != name {
            name.clone_into(&mut self.scenario);
            self.revision += 1;
        }
    }

    /// How many times the outcome has been computed (it should not grow frame by frame).
    pub fn evaluations(&self) -> u64 {
        self.evaluations
    }

    /// The outcome of the chosen scenario, recomputed only if the plan or scenario changed.
    pub fn outcome(&mut self) -> &Outcome {
        &self.refresh().outcome
    }

    /// Everything derived from the plan, recomputed only if the plan or scenario changed.
    pub fn derived(&mut self) -> &Derived {
        self.refresh()
    }

    fn refresh(&mut self) -> &Derived {
        // The chosen scenario was renamed or deleted (or undone away): back to the base.
        if self.plan.scenario(&self.scenario).is_none() {
            crate::model::Scenario::BASE.clone_into(&mut self.scenario);
            self.revision += 1;
        }
        if self
            .derived
            .as_ref()
            .is_some_and(|d| d.revision != self.revision)
        {
            self.derived = None;
        }
        let (plan, scenario, revision, evaluations) = (
            &self.plan,
            &self.scenario,
            self.revision,
            &mut self.evaluations,
        );
        self.derived.get_or_insert_with(|| {
            *evaluations += 1;
            Derived::new(plan, scenario, revision)
        })
    }

    /// The window title: plan name, file name and an unsaved marker.
    pub fn title(&self) -> String {
        let file = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "not saved to a file".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let marker = if self.is_dirty() { " ● unsaved" } else { "" };
        format!("{} ({file}){marker} - Merger Planner", self.plan.name)
    }

    /// Draws the whole window and then applies what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        self.apply_theme(ui.ctx());
        self.read_window_events(ui.ctx(), &mut commands);
        self.refresh();
        if self.presenting.is_some() {
            self.present(ui, commands);
            return;
        }
        let Some(derived) = self.derived.as_ref() else {
            return;
        };
        let frame = Frame {
            plan: &self.plan,
            derived,
            history: &self.history,
            path: self.path.as_deref(),
            view: self.view,
            scenario: &self.scenario,
            message: &self.message,
            prefs: &self.prefs,
        };
        frame.menu_bar(ui, &mut commands);
        frame.status_bar(ui, &mut commands);
        if self.prefs.show_problems {
            views::problems::panel(ui, derived, &mut commands);
        }
        views::navigator::panel(ui, &self.plan, derived, &mut commands);
        frame.tabs(ui, &mut commands);
        egui::CentralPanel::default_margins().show(ui, |ui| {
            views::central(
                ui,
                self.view,
                &self.plan,
                derived,
                &mut self.panels,
                &mut commands,
            );
        });
        if let Some(dialog) = &mut self.dialog {
            dialogs::show(ui.ctx(), dialog, &self.plan, &mut commands);
        } else if let Some(import) = &mut self.import {
            import_ui::dialog_ui(ui.ctx(), import, &self.plan, &mut commands);
        }
        self.apply(ui.ctx(), commands);
        self.step_import(ui.ctx());
        self.end_frame(ui.ctx());
    }

    /// Starts the import's work and takes in what it finished; while it works, the window keeps
    /// drawing its progress.
    fn step_import(&mut self, ctx: &egui::Context) {
        let Some(import) = &mut self.import else {
            return;
        };
        let was_busy = import.busy();
        let read = import.step(&self.plan);
        if read
            && !import.remembered
            && import.options.mapping == crate::io::import::Mapping::default()
            && let Some(mapping) = import
                .signature()
                .and_then(|s| self.prefs.import_mappings.get(&s))
        {
            import.options.mapping = mapping.clone();
            import.remembered = true;
            import.recheck();
            import.step(&self.plan);
        }
        if was_busy && !import.busy() {
            self.message = match (&import.error, &import.checked) {
                (Some(_), _) => format!("Could not read {}", import.file_name()),
                (None, Some(c)) if c.can_import() => {
                    format!("Checked {}: ready to import", import.file_name())
                }
                (None, Some(c)) => format!(
                    "Checked {}: {} to settle before importing",
                    import.file_name(),
                    plural(c.problems.total, "problem")
                ),
                (None, None) => format!("Read {}", import.file_name()),
            };
        }
        if import.busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    /// Draws the slide shown, full screen, and moves on the keys pressed.
    fn present(&mut self, ui: &mut egui::Ui, mut commands: Vec<Command>) {
        present::read_keys(ui.ctx(), &mut commands);
        let (Some(index), Some(derived)) = (self.presenting, self.derived.as_ref()) else {
            return;
        };
        let slides = present::shown_slides(&self.plan);
        let scenarios = derived.scenarios_for(slides.get(index).copied(), &self.plan);
        egui::CentralPanel::no_frame().show(ui, |ui| {
            present::slide_ui(
                ui,
                &slides,
                index,
                &derived.series,
                scenarios,
                &mut commands,
            );
        });
        self.apply(ui.ctx(), commands);
        self.end_frame(ui.ctx());
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.dark_applied != Some(self.prefs.dark) {
            ctx.set_theme(if self.prefs.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.dark_applied = Some(self.prefs.dark);
        }
    }

    /// Shortcuts, the window's close button and files dropped on the window.
    fn read_window_events(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.dialog.is_none() && self.import.is_none() {
            ctx.input_mut(|i| {
                for action in Action::ALL {
                    if action.shortcuts().iter().any(|s| i.consume_shortcut(s)) {
                        commands.push(Command::Action(action));
                    }
                }
            });
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.closing {
            if self.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                // The question is asked in the window, not over a slide.
                self.leave_presentation(ctx);
                self.dialog = Some(Dialog::Unsaved(Then::Quit));
            } else {
                self.closing = true;
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            // A spreadsheet or CSV dropped on the window is an establishment to import.
            if import_ui::is_table_file(&path) {
                commands.push(Command::ImportPath(ImportKind::Establishment, path));
            } else {
                commands.push(Command::OpenPath(path));
            }
        }
    }

    /// After the commands: close an undo step when the user let go, send the title.
    fn end_frame(&mut self, ctx: &egui::Context) {
        let busy = ctx.input(|i| i.pointer.any_down()) || ctx.memory(|m| m.focused().is_some());
        if !busy {
            self.history.close();
        }
        let title = self.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// Carries out what the user asked for, in order.
    pub fn apply(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if commands.is_empty() {
            return;
        }
        for command in commands {
            self.apply_one(ctx, command);
        }
        // This frame was drawn before the commands: draw the next one now, not on the next
        // mouse move (a closed dialog would otherwise still catch the next click).
        ctx.request_repaint();
    }

    fn apply_one(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Action(action) => self.act(ctx, action),
            Command::OpenPath(path) => self.unless_unsaved(ctx, Then::OpenPath(path)),
            Command::Edit(edit) => self.edit(edit),
            Command::Delete(kind, id) => self.delete(kind, id),
            Command::DeleteWith(kind, id, orphans) => {
                self.dialog = None;
                self.delete_with(kind, &id, &orphans);
            }
            Command::Answer(answer) => self.answer(ctx, answer),
            Command::Show(view) => self.view = view,
            Command::JumpTo(location) => self.jump_to(&location),
            Command::Scenario(name) => self.set_scenario(&name),
            Command::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            Command::ToggleProblems => self.prefs.show_problems = !self.prefs.show_problems,
            Command::About => self.dialog = Some(Dialog::About),
            Command::HowComputed => self.dialog = Some(Dialog::HowComputed),
            Command::CloseDialog => self.dialog = None,
            Command::ExportChart(chart) => self.ask_export(Exported::Chart(chart)),
            Command::ExportSlides => self.ask_export(Exported::Slides),
            Command::ExportTo(what, size) => {
                self.dialog = None;
                self.export(what, size);
            }
            Command::ChooseSlides => self.dialog = Some(Dialog::Slides),
            Command::Present => self.start_presenting(ctx),
            Command::Slide(step) => self.slide(ctx, step),
            Command::Import(kind) => self.ask_import(kind),
            Command::ImportPath(kind, path) => self.start_import(kind, path),
            Command::ImportApply => self.apply_import(),
            Command::ImportClose => {
                if let Some(mut import) = self.import.take() {
                    import.cancel_work();
                }
                self.message = "Import cancelled".to_owned();
            }
            Command::ImportSaveMapping => self.save_mapping(),
            Command::ImportLoadMapping => self.load_mapping(),
            Command::SaveTemplate => self.save_template(),
        }
    }

    fn folder(&self) -> Option<PathBuf> {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
    }

    fn ask_import(&mut self, kind: ImportKind) {
        let title = match kind {
            ImportKind::Establishment => "Import an establishment",
            ImportKind::Targets => "Import a target structure",
        };
        let folder = self.folder();
        if let Some(path) = self.dialogs.open_table(folder.as_deref(), title) {
            self.start_import(kind, path);
        }
    }

    fn start_import(&mut self, kind: ImportKind, path: PathBuf) {
        if let Some(mut old) = self.import.take() {
            old.cancel_work();
        }
        self.message = format!("Reading {}", path.display());
        self.import = Some(Box::new(ImportState::new(kind, path)));
    }

    /// Applies the checked import to the plan as one undo step, and remembers the mapping for
    /// the file's layout.
    fn apply_import(&mut self) {
        let Some(import) = self.import.take() else {
            return;
        };
        // Only a check that matches the choices as they stand: none under way, none stopped.
        let current = !import.busy() && import.error.is_none();
        let Some(checked) = import
            .checked
            .as_ref()
            .filter(|c| current && c.can_import())
        else {
            self.import = Some(import);
            return;
        };
        let what = match import.kind {
            ImportKind::Establishment => format!("{} posts", checked.imported),
            ImportKind::Targets => format!("{} roles", checked.imported),
        };
        let label = format!("import {what} from {}", import.file_name());
        let edit = edit::replace_establishment(&self.plan, checked.plan.clone(), &label);
        if let Some(layout) = import.signature() {
            self.prefs
                .remember_mapping(layout, import.options.mapping.clone());
        }
        self.edit(edit);
        self.message = format!("Imported {what} from {}", import.file_name());
    }

    fn save_mapping(&mut self) {
        let Some(import) = &self.import else {
            return;
        };
        let name = format!(
            "{}-mapping.ron",
            crate::io::slug(
                &import
                    .path
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
            )
        );
        let folder = import.path.parent().map(Path::to_path_buf);
        let text = import.options.mapping.to_ron();
        if let Some(path) = self.dialogs.save_mapping(folder.as_deref(), &name) {
            match plan_file::write_atomic(&path, text.as_bytes()) {
                Ok(()) => self.message = format!("Saved the mapping to {}", path.display()),
                Err(e) => self.write_failed("Could not save the mapping", &e.to_string(), &path),
            }
        }
    }

    fn load_mapping(&mut self) {
        let Some(import) = &mut self.import else {
            return;
        };
        let folder = import.path.parent().map(Path::to_path_buf);
        let Some(path) = self.dialogs.open_mapping(folder.as_deref()) else {
            return;
        };
        let read = crate::io::import::Mapping::open(&path);
        match read {
            Ok(mapping) => {
                import.options.mapping = mapping;
                import.recheck();
                self.message = format!("Loaded the mapping {}", path.display());
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not load the mapping".to_owned(),
                    message: format!("{e}\n\nThe import's choices are unchanged."),
                });
            }
        }
    }

    fn save_template(&mut self) {
        let folder = self.folder();
        let Some(csv) = self
            .dialogs
            .save_template(folder.as_deref(), "establishment-template.csv")
        else {
            return;
        };
        let xlsx = csv.with_extension("xlsx");
        let written = plan_file::write_atomic(&csv, crate::io::import::template::csv().as_bytes())
            .map_err(|e| e.to_string())
            .and_then(|()| crate::io::import::template::write_xlsx(&xlsx));
        match written {
            Ok(()) => {
                self.message = format!("Saved {} and {}", csv.display(), xlsx.display());
            }
            Err(e) => self.write_failed("Could not save the template", &e, &csv),
        }
    }

    fn ask_export(&mut self, what: Exported) {
        let [w, h] = self.export_size;
        self.dialog = Some(Dialog::Export {
            what,
            width: w.to_string(),
            height: h.to_string(),
        });
    }

    /// Asks where, draws the chart or every slide off screen and writes the PNG files.
    fn export(&mut self, what: Exported, size: [u32; 2]) {
        self.export_size = size;
        let folder = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let target = match what {
            Exported::Chart(chart) => self
                .dialogs
                .save_png(folder.as_deref(), &format!("{}.png", chart.slug())),
            Exported::Slides => self.dialogs.pick_folder(folder.as_deref()),
        };
        let Some(target) = target else {
            self.message = "Export cancelled".to_owned();
            return;
        };
        let renderer = match self.renderer.take().map_or_else(Offscreen::new, Ok) {
            Ok(r) => self.renderer.insert(r),
            Err(e) => {
                return self.export_failed(&e.to_string(), &target);
            }
        };
        let [w, h] = size;
        let result = match what {
            Exported::Chart(chart) => {
                let Some(derived) = self.derived.as_ref() else {
                    return;
                };
                let scenarios = derived.scenarios_for(Some(chart), &self.plan);
                export::picture(
                    renderer,
                    chart,
                    &derived.series,
                    scenarios,
                    size,
                    false,
                    Some(export::today()),
                )
                .map_err(export::ExportError::from)
                .and_then(|image| export::write_png(&target, &image))
                .map(|()| format!("Exported {} ({w}x{h})", target.display()))
            }
            Exported::Slides => {
                let scenario = self.plan.scenario(&self.scenario).unwrap_or_default();
                export::slides(renderer, &self.plan, &scenario, &target, size).map(|files| {
                    format!(
                        "Exported {} slides ({w}x{h}) to {}",
                        files.len(),
                        target.display()
                    )
                })
            }
        };
        match result {
            Ok(message) => self.message = message,
            Err(e) => self.export_failed(&e.to_string(), &target),
        }
    }

    fn export_failed(&mut self, why: &str, target: &Path) {
        self.write_failed("Could not export the images", why, target);
    }

    fn write_failed(&mut self, title: &str, why: &str, target: &Path) {
        self.message = "Not written".to_owned();
        self.dialog = Some(Dialog::Error {
            title: title.to_owned(),
            message: format!("{why}\n\n{}", target.display()),
        });
    }

    fn start_presenting(&mut self, ctx: &egui::Context) {
        self.presenting = Some(0);
        self.dialog = None;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    fn slide(&mut self, ctx: &egui::Context, step: Step) {
        let Some(index) = self.presenting else {
            return;
        };
        match present::step(index, present::shown_slides(&self.plan).len(), step) {
            Some(next) => self.presenting = Some(next),
            None => self.leave_presentation(ctx),
        }
    }

    fn leave_presentation(&mut self, ctx: &egui::Context) {
        if self.presenting.take().is_some() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    fn act(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::New => self.unless_unsaved(ctx, Then::New),
            Action::Open => self.unless_unsaved(ctx, Then::Open),
            Action::Save => {
                self.save();
            }
            Action::SaveAs => {
                self.save_as();
            }
            Action::Quit => self.unless_unsaved(ctx, Then::Quit),
            Action::Undo => {
                self.history.close();
                match self.history.undo(&mut self.plan) {
                    Some(label) => {
                        self.changed();
                        self.message = format!("Undid {label}");
                    }
                    None => self.message = "Nothing to undo".to_owned(),
                }
            }
            Action::Present => self.start_presenting(ctx),
            Action::Import => self.ask_import(ImportKind::Establishment),
            Action::Redo => match self.history.redo(&mut self.plan) {
                Some(label) => {
                    self.changed();
                    self.message = format!("Redid {label}");
                }
                None => self.message = "Nothing to redo".to_owned(),
            },
        }
    }

    /// Applies an edit to the plan through the history (the one path for every plan change).
    pub fn edit(&mut self, edit: Edit) {
        let label = edit.label.clone();
        if self.history.apply(&mut self.plan, edit) {
            self.changed();
            self.message = format!("Changed: {label}");
        }
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.panels.posts.plan_changed();
    }

    fn delete(&mut self, kind: Kind, id: String) {
        let (name, posts, move_to) = match kind {
            Kind::Council => (
                self.plan.council(&id).map(|c| c.name.clone()),
                self.plan.posts.iter().filter(|p| p.council == id).count(),
                self.plan
                    .councils
                    .iter()
                    .find(|c| c.id != id)
                    .map(|c| c.id.clone()),
            ),
            Kind::Function => (
                self.plan.function(&id).map(|f| f.name.clone()),
                self.plan.posts.iter().filter(|p| p.function == id).count()
                    + self.plan.roles.iter().filter(|r| r.function == id).count(),
                self.plan
                    .functions
                    .iter()
                    .find(|f| f.id != id)
                    .map(|f| f.id.clone()),
            ),
            Kind::Role => (
                self.plan.role(&id).map(|r| r.title.clone()),
                self.plan.posts.iter().filter(|p| p.role == id).count(),
                self.plan
                    .roles
                    .iter()
                    .find(|r| r.id != id)
                    .map(|r| r.id.clone()),
            ),
        };
        let Some(name) = name else {
            return;
        };
        if posts == 0 {
            self.delete_with(kind, &id, &Orphans::Delete);
        } else {
            self.dialog = Some(Dialog::Delete {
                kind,
                id,
                name,
                posts,
                move_to: move_to.unwrap_or_default(),
            });
        }
    }

    fn delete_with(&mut self, kind: Kind, id: &str, orphans: &Orphans) {
        let edit = match kind {
            Kind::Council => edit::remove_council(&self.plan, id, orphans),
            Kind::Function => edit::remove_function(&self.plan, id, orphans),
            Kind::Role => edit::remove_role(&self.plan, id, orphans),
        };
        self.edit(edit);
        if kind == Kind::Council && self.panels.council.as_deref() == Some(id) {
            self.panels.council = None;
        }
    }

    fn jump_to(&mut self, location: &Location) {
        match location {
            Location::Plan | Location::Parameters | Location::Scenario(_) => {
                self.view = View::Assumptions;
            }
            Location::Council(id) => {
                self.view = View::Councils;
                self.panels.council = Some(id.clone());
            }
            Location::Function(id) => {
                self.view = View::Target;
                self.panels.function = Some(id.clone());
                self.panels.role = None;
            }
            Location::Role(id) => {
                self.view = View::Target;
                self.panels.role = Some(id.clone());
                self.panels.function = self.plan.role(id).map(|r| r.function.clone());
            }
            Location::Post { position, .. } => {
                self.view = View::Establishment;
                self.panels.posts.show_post(position.saturating_sub(1));
            }
        }
    }

    /// Does `then` now, or first asks about unsaved changes.
    fn unless_unsaved(&mut self, ctx: &egui::Context, then: Then) {
        if self.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(then));
        } else {
            self.go_on(ctx, then);
        }
    }

    fn answer(&mut self, ctx: &egui::Context, answer: Answer) {
        let Some(Dialog::Unsaved(then)) = self.dialog.take() else {
            return;
        };
        match answer {
            Answer::Cancel => self.message = "Cancelled".to_owned(),
            Answer::DontSave => self.go_on(ctx, then),
            Answer::Save => {
                if self.save() {
                    self.go_on(ctx, then);
                }
            }
        }
    }

    fn go_on(&mut self, ctx: &egui::Context, then: Then) {
        match then {
            Then::Quit => {
                self.closing = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Then::New => {
                self.replace(new_plan(), None);
                self.message = "New plan".to_owned();
            }
            Then::Open => {
                let folder = self.path.as_deref().and_then(Path::parent);
                if let Some(path) = self.dialogs.open_plan(folder) {
                    self.open(&path);
                }
            }
            Then::OpenPath(path) => self.open(&path),
        }
    }

    /// Opens a plan file; on failure the open plan stays and a dialog says why. A spreadsheet or
    /// CSV goes to the import dialog instead.
    fn open(&mut self, path: &Path) {
        if import_ui::is_table_file(path) {
            self.start_import(ImportKind::Establishment, path.to_path_buf());
            return;
        }
        match plan_file::open(path) {
            Ok(plan) => {
                self.replace(plan, Some(path.to_path_buf()));
                self.prefs.remember(path);
                self.message = format!("Opened {}", path.display());
            }
            Err(e) => {
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

    fn replace(&mut self, plan: Plan, path: Option<PathBuf>) {
        // A plan dropped on the window mid-presentation starts at its own first slide.
        self.presenting = self.presenting.map(|_| 0);
        self.plan = plan;
        self.path = path;
        self.history = History::default();
        self.scenario = crate::model::Scenario::BASE.to_owned();
        self.panels = Panels::default();
        self.changed();
    }

    /// Saves to the plan's file, or asks where. True when saved.
    fn save(&mut self) -> bool {
        match self.path.clone() {
            Some(path) => self.save_to(&path),
            None => self.save_as(),
        }
    }

    fn save_as(&mut self) -> bool {
        let folder = self.path.as_deref().and_then(Path::parent);
        let name = format!("{}.ron", crate::io::slug(&self.plan.name));
        if let Some(path) = self.dialogs.save_plan(folder, &name) {
            self.save_to(&path)
        } else {
            self.message = "Not saved".to_owned();
            false
        }
    }

    fn save_to(&mut self, path: &Path) -> bool {
        match plan_file::save(path, &self.plan) {
            Ok(()) => {
                self.path = Some(path.to_path_buf());
                self.history.mark_saved();
                self.prefs.remember(path);
                self.message = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not save the plan".to_owned(),
                    message: format!("{e}\n\nYour changes are still open and not saved."),
                });
                self.message = "Not saved".to_owned();
                false
            }
        }
    }
}

/// Each post's outcome as the post table shows it.
fn post_outcomes(plan: &Plan, o: &Outcome) -> Vec<String> {
    let role_index: HashMap<&str, usize> = o
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut out: Vec<String> = plan
        .posts
        .iter()
        .map(|post| {
            if post.holder.is_some() {
                return "Kept".to_owned();
            }
            let deleted = role_index
                .get(post.role.as_str())
                .and_then(|&r| o.roles.get(r))
                .map_or(0.0, |r| {
                    if r.flows.vacant > 1e-9 {
                        r.flows.vacancies_deleted / r.flows.vacant
                    } else {
                        0.0
                    }
                });
            match deleted {
                d if d >= 1.0 - 1e-9 => "Vacancy deleted".to_owned(),
                d if d > 1e-9 => format!("Vacancy {:.0}% deleted", d * 100.0),
                _ => "Vacancy kept".to_owned(),
            }
        })
        .collect();
    for p in &o.people {
        let total = p.counted().total().full();
        let text = match p.kind() {
            "voluntary" => format!("VR, {total}"),
            "compulsory" if p.redeployed > 1e-9 => format!(
                "At risk: {:.0}% compulsory, {:.0}% redeployed, {total}",
                p.share * 100.0,
                p.redeployed * 100.0
            ),
            "compulsory" => format!("At risk: {:.0}% compulsory, {total}", p.share * 100.0),
            _ => format!("Redeployed {:.0}%, {total}", p.redeployed * 100.0),
        };
        if let Some(slot) = out.get_mut(p.post) {
            *slot = text;
        }
    }
    out
}

/// A new plan: no councils yet, the standard functions, consultation from the first of next
/// month and go-live on the 1 April at least six months after it.
pub fn new_plan() -> Plan {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let start = today
        .first_of_month()
        .checked_add(jiff::Span::new().months(1))
        .unwrap_or(today);
    let six_months = start
        .checked_add(jiff::Span::new().months(6))
        .unwrap_or(start);
    let mut go_live = jiff::civil::date(six_months.year(), 4, 1);
    if go_live < six_months {
        go_live = jiff::civil::date(six_months.year() + 1, 4, 1);
    }
    Plan::new(
        "New merger plan",
        Programme {
            consultation_start: start,
            go_live,
        },
    )
}

/// What the frame's chrome (menu, tabs, status bar) reads.
struct Frame<'a> {
    plan: &'a Plan,
    derived: &'a Derived,
    history: &'a History,
    path: Option<&'a Path>,
    view: View,
    scenario: &'a str,
    message: &'a str,
    prefs: &'a Preferences,
}

impl Frame<'_> {
    fn menu_bar(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| self.file_menu(ui, commands));
                ui.menu_button("Edit", |ui| {
                    let undo = self
                        .history
                        .undo_label()
                        .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}"));
                    action_button(
                        ui,
                        Action::Undo,
                        &undo,
                        self.history.undo_label().is_some(),
                        commands,
                    );
                    let redo = self
                        .history
                        .redo_label()
                        .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}"));
                    action_button(
                        ui,
                        Action::Redo,
                        &redo,
                        self.history.redo_label().is_some(),
                        commands,
                    );
                });
                ui.menu_button("View", |ui| {
                    for view in View::ALL {
                        if ui
                            .selectable_label(self.view == view, view.label())
                            .clicked()
                        {
                            commands.push(Command::Show(view));
                            ui.close();
                        }
                    }
                    ui.separator();
                    let mut problems = self.prefs.show_problems;
                    if ui.checkbox(&mut problems, "Validation problems").clicked() {
                        commands.push(Command::ToggleProblems);
                    }
                    let mut dark = self.prefs.dark;
                    if ui.checkbox(&mut dark, "Dark theme").clicked() {
                        commands.push(Command::ToggleTheme);
                    }
                    ui.separator();
                    action_button(ui, Action::Present, Action::Present.label(), true, commands);
                    if ui.button("Choose slides…").clicked() {
                        commands.push(Command::ChooseSlides);
                        ui.close();
                    }
                    ui.separator();
                    zoom_ui(ui);
                });
                ui.menu_button("Help", |ui| {
                    if ui.button("How the figures are computed…").clicked() {
                        commands.push(Command::HowComputed);
                        ui.close();
                    }
                    if ui.button("Save an establishment template…").clicked() {
                        commands.push(Command::SaveTemplate);
                        ui.close();
                    }
                    if ui.button("About Merger Planner…").clicked() {
                        commands.push(Command::About);
                        ui.close();
                    }
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    self.scenario_ui(ui, commands);
                });
            });
        });
    }

    fn file_menu(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        for action in [Action::New, Action::Open] {
            action_button(ui, action, action.label(), true, commands);
        }
        ui.menu_button("Open recent", |ui| {
            if self.prefs.recent.is_empty() {
                ui.label("No recent files");
            }
            for path in &self.prefs.recent {
                if ui.button(path.display().to_string()).clicked() {
                    commands.push(Command::OpenPath(path.clone()));
                    ui.close();
                }
            }
        });
        ui.separator();
        for action in [Action::Save, Action::SaveAs] {
            action_button(ui, action, action.label(), true, commands);
        }
        ui.separator();
        action_button(ui, Action::Import, Action::Import.label(), true, commands);
        if ui.button("Import target structure…").clicked() {
            commands.push(Command::Import(ImportKind::Targets));
            ui.close();
        }
        ui.separator();
        if ui.button("Export slides as PNG…").clicked() {
            commands.push(Command::ExportSlides);
            ui.close();
        }
        ui.separator();
        action_button(ui, Action::Quit, Action::Quit.label(), true, commands);
    }

    fn tabs(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::top("tabs").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                for view in View::ALL {
                    let text = egui::RichText::new(view.label()).size(theme::TAB_SIZE);
                    if ui.selectable_label(self.view == view, text).clicked() {
                        commands.push(Command::Show(view));
                    }
                }
            });
            ui.add_space(4.0);
        });
    }

    /// The scenario list, right to left at the end of the menu bar.
    fn scenario_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let mut chosen = self.scenario.to_owned();
        let combo = egui::ComboBox::from_id_salt("scenario")
            .selected_text(chosen.as_str())
            .width(160.0)
            .show_ui(ui, |ui| {
                for name in &self.derived.scenario_names {
                    ui.selectable_value(&mut chosen, name.clone(), name);
                }
            })
            .response;
        let label = ui.label("Scenario");
        combo.labelled_by(label.id);
        if chosen != self.scenario {
            commands.push(Command::Scenario(chosen));
        }
    }

    fn status_bar(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let file = self.path.and_then(Path::file_name).map_or_else(
                    || "Not saved to a file".to_owned(),
                    |n| n.to_string_lossy().into_owned(),
                );
                ui.label(file);
                ui.separator();
                let dark = ui.visuals().dark_mode;
                if self.history.is_dirty() {
                    ui.colored_label(theme::warning(dark), "Unsaved changes");
                } else {
                    ui.label("No unsaved changes");
                }
                ui.separator();
                let n = self.derived.problems.len();
                let text = match (n, self.derived.errors) {
                    (0, _) => "No problems".to_owned(),
                    (n, 0) => format!("{} (warnings)", plural(n, "problem")),
                    (n, e) => format!("{} ({})", plural(n, "problem"), plural(e, "error")),
                };
                let text = if self.derived.errors > 0 {
                    egui::RichText::new(text).color(theme::error(dark))
                } else {
                    egui::RichText::new(text)
                };
                if ui
                    .button(text)
                    .on_hover_text("Show or hide the list of validation problems")
                    .clicked()
                {
                    commands.push(Command::ToggleProblems);
                }
                ui.separator();
                ui.label(format!("{} posts", self.plan.posts.len()));
                ui.separator();
                ui.label(self.message);
            });
        });
    }
}

/// Zoom in and out (also Ctrl+Plus, Ctrl+Minus and Ctrl+0), for a projector or a 4K screen at
/// 100% scaling. The zoom is the window's, not the plan's, so it changes here, not by command.
fn zoom_ui(ui: &mut egui::Ui) {
    use egui::gui_zoom::{self, kb_shortcuts};
    let ctx = ui.ctx().clone();
    let shortcut = |s: &egui::KeyboardShortcut| ctx.format_shortcut(s);
    if ui
        .add(egui::Button::new("Zoom in").shortcut_text(shortcut(&kb_shortcuts::ZOOM_IN)))
        .clicked()
    {
        gui_zoom::zoom_in(&ctx);
    }
    if ui
        .add(egui::Button::new("Zoom out").shortcut_text(shortcut(&kb_shortcuts::ZOOM_OUT)))
        .clicked()
    {
        gui_zoom::zoom_out(&ctx);
    }
    if ui
        .add(egui::Button::new("Actual size").shortcut_text(shortcut(&kb_shortcuts::ZOOM_RESET)))
        .clicked()
    {
        ctx.set_zoom_factor(1.0);
    }
}

fn action_button(
    ui: &mut egui::Ui,
    action: Action,
    label: &str,
    enabled: bool,
    commands: &mut Vec<Command>,
) {
    let shortcut = action
        .shortcuts()
        .first()
        .map(|s| ui.ctx().format_shortcut(s))
        .unwrap_or_default();
    let button = egui::Button::new(label).shortcut_text(shortcut);
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(Command::Action(action));
        ui.close();
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Preferences::KEY, &self.prefs);
    }
}

/// Opens the window on a new plan, with the import dialog reading `table` (an establishment).
pub fn run_importing(table: PathBuf) -> eframe::Result {
    open_window(App::new(new_plan(), None).importing(table))
}

/// Opens the window on a plan.
pub fn run(plan: Plan, path: Option<PathBuf>) -> eframe::Result {
    open_window(App::new(plan, path))
}

fn open_window(app: App) -> eframe::Result {
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
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, Preferences::KEY))
                .unwrap_or_default();
            Ok(Box::new(app.with_preferences(prefs)))
        }),
    )
}
