//! Command handling: every change the user asks for, carried out after the UI pass, through the
//! document's one edit path.

use crate::figures::tables::Table;
use std::path::{Path, PathBuf};

use super::App;
use crate::document::edit::{self, Edit, Orphans};
use crate::document::{Document, new_plan};
use crate::export::offscreen::Offscreen;
use crate::export::png;
use crate::model::Location;
use crate::persist::plan_file;
use crate::ui::command::{
    Action, Answer, Command, DeletionKind, Exported, ImportKind, Papers, SlideMove, View,
};
use crate::ui::dialogs::{Dialog, Then};
use crate::ui::import_dialog::{self as import_ui, ImportState};
use crate::ui::present;
use crate::ui::views::Panels;

impl App {
    /// Carries out what the user asked for, in order.
    pub fn apply(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if commands.is_empty() {
            return;
        }
        for command in commands {
            self.apply_one(ctx, command);
        }
        // A file chooser that could not open answers as if cancelled: say why and what to do.
        if let Some(said) = self.dialogs.unavailable() {
            self.dialog = Some(Dialog::Error {
                title: "No file chooser".to_owned(),
                message: crate::ui::files::chooser_help(&said),
            });
        }
        // This frame was drawn before the commands: draw the next one now, not on the next
        // mouse move (a closed dialog would otherwise still catch the next click).
        ctx.request_repaint();
    }

    pub(super) fn apply_one(&mut self, ctx: &egui::Context, command: Command) {
        let Some(command) = self.review(command) else {
            return;
        };
        match command {
            Command::Action(action) => self.act(ctx, action),
            Command::Recover(restore) => self.recover(restore),
            Command::OpenPath(path) => self.unless_unsaved(ctx, Then::OpenPath(path)),
            Command::CompareWithFile => self.compare_with_file(),
            // Taken by `review` above.
            Command::MergeCopy
            | Command::MergeChooseBase
            | Command::MergeAccept
            | Command::AskSignOff
            | Command::SignOff(_)
            | Command::ChangesSinceSignOff
            | Command::Comments
            | Command::AddComment(..)
            | Command::ReplyToComment(..)
            | Command::ResolveComment(..)
            | Command::GoToTopic(_) => {}
            Command::OpenLocked(path, access) => {
                self.dialog = None;
                self.open_plan_file(&path, Some(access));
            }
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
            Command::Theme(theme) => self.prefs.theme = theme,
            Command::MaxPlanMb(mb) => {
                self.prefs.max_plan_mb = Some(mb);
                self.message = format!("Plan files up to {mb} MB will open");
            }
            Command::ToggleProblems => self.prefs.show_problems = !self.prefs.show_problems,
            Command::ToggleNavigator(shown) => self.prefs.navigator = Some(!shown),
            Command::About => {
                self.dialog = Some(Dialog::About(crate::ui::dialogs::About {
                    renderer: self.window_renderer.clone(),
                    preferences: self.data_dir.as_ref().map(|d| d.join("app.ron")),
                    recovery: self.recovery.dir().map(std::path::Path::to_path_buf),
                    versions: self.versions().map(|v| v.folder().to_path_buf()),
                }));
            }
            Command::HowComputed => self.dialog = Some(Dialog::HowComputed),
            Command::GettingStarted => self.dialog = Some(Dialog::GettingStarted),
            Command::StartPage => self.start_page = true,
            Command::Begin => self.leave_start_page(),
            Command::BeginWithImport => {
                if self.is_dirty() {
                    // The work open is not thrown away: a new plan asks about it first.
                    self.leave_start_page();
                    self.message =
                        "Start a new plan (File > New plan), then File > Import establishment…"
                            .to_owned();
                    self.act(ctx, Action::New);
                } else {
                    let folder = self.folder();
                    if let Some(path) = self
                        .dialogs
                        .open_table(folder.as_deref(), "Import an establishment")
                    {
                        self.leave_start_page();
                        self.replace(Document::new(new_plan(), None));
                        self.start_import(ImportKind::Establishment, path);
                    } else {
                        // Cancelled: the start page stays, and says why nothing happened.
                        self.message = "No file chosen: nothing imported".to_owned();
                    }
                }
            }
            Command::Shortcuts => self.dialog = Some(Dialog::Shortcuts),
            Command::CloseDialog => self.dialog = None,
            Command::ExportChart(chart) => self.ask_export(Exported::Chart(chart)),
            Command::CopyTable(table) => self.copy_table(ctx, &table),
            Command::ExportTableCsv(table) => self.export_table(&table),
            Command::ExportSlides => self.ask_export(Exported::Slides),
            Command::AskExportTables(kind) => {
                self.dialog = Some(Dialog::Papers {
                    kind,
                    options: crate::figures::tables::Options::default(),
                });
            }
            Command::ExportTables(kind, options) => {
                self.dialog = None;
                self.export_tables(kind, options);
            }
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

    pub(super) fn folder(&self) -> Option<PathBuf> {
        self.doc.folder()
    }

    pub(super) fn ask_import(&mut self, kind: ImportKind) {
        let title = match kind {
            ImportKind::Establishment => "Import an establishment",
            ImportKind::Targets => "Import a target structure",
        };
        let folder = self.folder();
        if let Some(path) = self.dialogs.open_table(folder.as_deref(), title) {
            self.start_import(kind, path);
        }
    }

    pub(super) fn start_import(&mut self, kind: ImportKind, path: PathBuf) {
        if let Some(mut old) = self.import.take() {
            old.cancel_work();
        }
        self.message = format!("Reading {}", path.display());
        self.import = Some(Box::new(ImportState::new(kind, path)));
    }

    /// Applies the checked import to the plan as one undo step, and remembers the mapping for
    /// the file's layout.
    pub(super) fn apply_import(&mut self) {
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
            ImportKind::Establishment => crate::format::plural(checked.imported, "post"),
            ImportKind::Targets => crate::format::plural(checked.imported, "role"),
        };
        let label = format!("import {what} from {}", import.file_name());
        let edit = edit::replace_establishment(self.doc.plan(), checked.plan.clone(), &label);
        if let Some(layout) = import.signature() {
            self.prefs
                .remember_mapping(layout, import.options.mapping.clone());
        }
        self.edit(edit);
        self.message = format!("Imported {what} from {}", import.file_name());
    }

    pub(super) fn save_mapping(&mut self) {
        let Some(import) = &self.import else {
            return;
        };
        let name = format!(
            "{}-mapping.ron",
            crate::format::slug(
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

    /// Reads another plan file for What changed; the open plan is not touched.
    pub(super) fn compare_with_file(&mut self) {
        let folder = self.folder();
        let Some(path) = self.dialogs.compare_plan(folder.as_deref()) else {
            return;
        };
        match crate::persist::plan_file::open_at_most(&path, self.prefs.max_plan_mb()) {
            Ok(plan) => {
                self.message = format!("Compared with {}", path.display());
                self.panels.scenarios.changes.other =
                    Some(crate::ui::views::changes::Other::new(path, plan));
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not read the plan to compare with".to_owned(),
                    message: format!("{e}\n\nThe open plan is unchanged."),
                });
            }
        }
    }

    pub(super) fn load_mapping(&mut self) {
        let Some(import) = &mut self.import else {
            return;
        };
        let folder = import.path.parent().map(Path::to_path_buf);
        let Some(path) = self.dialogs.open_mapping(folder.as_deref()) else {
            return;
        };
        let read = crate::import::Mapping::open(&path);
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

    pub(super) fn save_template(&mut self) {
        let folder = self.folder();
        let Some(csv) = self
            .dialogs
            .save_template(folder.as_deref(), "establishment-template.csv")
        else {
            return;
        };
        let xlsx = csv.with_extension("xlsx");
        let written = plan_file::write_atomic(&csv, crate::import::template::csv().as_bytes())
            .map_err(|e| e.to_string())
            .and_then(|()| crate::import::template::write_xlsx(&xlsx));
        match written {
            Ok(()) => {
                self.message = format!("Saved {} and {}", csv.display(), xlsx.display());
            }
            Err(e) => self.write_failed("Could not save the template", &e, &csv),
        }
    }

    pub(super) fn ask_export(&mut self, what: Exported) {
        let [w, h] = self.export_size;
        self.dialog = Some(Dialog::Export {
            what,
            width: w.to_string(),
            height: h.to_string(),
        });
    }

    /// Asks where, draws the chart or every slide off screen and writes the PNG files.
    pub(super) fn export(&mut self, what: Exported, size: [u32; 2]) {
        self.export_size = size;
        let folder = self.doc.folder();
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
                // The figures for the plan exactly as it stands, not those drawn while newer
                // ones were being worked out.
                self.doc.current();
                let Some(derived) = self.doc.derived() else {
                    return;
                };
                let scenarios = derived.scenarios_for(Some(chart), self.doc.plan());
                png::picture(
                    renderer,
                    chart,
                    &derived.series,
                    scenarios,
                    size,
                    false,
                    Some(png::today()),
                )
                .map_err(png::ExportError::from)
                .and_then(|image| png::write_png(&target, &image))
                .map(|()| format!("Exported {} ({w}x{h})", target.display()))
            }
            Exported::Slides => {
                let plan = self.doc.plan();
                let scenario = plan.scenario(self.doc.scenario()).unwrap_or_default();
                png::slides(renderer, plan, &scenario, &target, size).map(|files| {
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

    /// Asks for a folder, then writes each consultation draft (.docx) of the scenario shown.
    fn export_drafts(&mut self, anonymised: bool) {
        let plan = self.doc.plan();
        let scenario = plan.scenario(self.doc.scenario()).unwrap_or_default();
        let drafts = crate::export::drafts::drafts(plan, &scenario, anonymised);
        if drafts.is_empty() {
            self.dialog = Some(Dialog::Error {
                title: "No consultation drafts".to_owned(),
                message: "No council owes collective consultation in this scenario (each proposes fewer than 20 redundancies), so there is no HR1 or section 188 letter to draft.".to_owned(),
            });
            return;
        }
        let folder = self.doc.folder();
        let Some(target) = self.dialogs.pick_folder(folder.as_deref()) else {
            self.message = "Export cancelled".to_owned();
            return;
        };
        let plan = self.doc.plan();
        match crate::export::drafts::write(&target, plan, &drafts) {
            Ok(files) => {
                self.message = format!(
                    "Exported {} to {}: check each before it is sent",
                    crate::format::plural(files.len(), "draft"),
                    target.display()
                );
            }
            Err(e) => self.write_failed("Could not export the drafts", &e, &target),
        }
    }

    /// Puts a table on the clipboard as tab-separated text with headings: it pastes into Excel
    /// and Word as a table.
    pub(super) fn copy_table(&mut self, ctx: &egui::Context, table: &Table) {
        ctx.copy_text(table.to_tsv());
        self.message = format!(
            "Copied {} ({}): paste it into Excel or Word",
            table.title,
            crate::format::plural(table.rows.len(), "row")
        );
    }

    /// Asks where, then saves a table as a CSV file.
    pub(super) fn export_table(&mut self, table: &Table) {
        let folder = self.doc.folder();
        let name = format!("{}.csv", crate::format::slug(&table.title));
        let Some(target) = self.dialogs.save_csv(folder.as_deref(), &name) else {
            self.message = "Export cancelled".to_owned();
            return;
        };
        let written = table
            .to_csv()
            .map_err(|e| e.to_string())
            .and_then(|bytes| plan_file::write_atomic(&target, &bytes).map_err(|e| e.to_string()));
        match written {
            Ok(()) => self.message = format!("Exported {}", target.display()),
            Err(e) => self.write_failed("Could not export the table", &e, &target),
        }
    }

    /// Asks where, then writes the figures of the scenario shown as an Excel workbook or a
    /// folder of CSV files.
    pub(super) fn export_tables(&mut self, kind: Papers, options: crate::figures::tables::Options) {
        use crate::export::{csv, workbook};
        use crate::figures::tables;
        if kind == Papers::Drafts {
            return self.export_drafts(options.anonymised);
        }
        let folder = self.doc.folder();
        let plan = self.doc.plan();
        let name = crate::format::slug(&plan.name);
        let target = match kind {
            Papers::Excel => self
                .dialogs
                .save_xlsx(folder.as_deref(), &format!("{name}.xlsx")),
            Papers::Csv => self.dialogs.pick_folder(folder.as_deref()),
            Papers::Pdf => self
                .dialogs
                .save_pdf(folder.as_deref(), &format!("{name}-board-pack.pdf")),
            Papers::Drafts => return,
        };
        let Some(target) = target else {
            self.message = "Export cancelled".to_owned();
            return;
        };
        let scenario = plan.scenario(self.doc.scenario()).unwrap_or_default();
        if kind == Papers::Pdf {
            // As a save would write it, so the pack says truly what changed since each sign-off.
            let plan = crate::document::review::for_saving(plan, self.doc.signatures(), false);
            return self.export_pack(&plan, &scenario, options, &target);
        }
        let plan = self.doc.plan();
        let signed =
            crate::document::review::lines_with(plan, self.doc.signatures(), !options.anonymised);
        // Makes the tables and writes them; what the status bar says.
        let write = move |plan: &crate::model::Plan, target: &Path| {
            let mut all = tables::all(plan, &scenario, options);
            crate::export::sign_offs_into(&mut all, &signed);
            let message = match kind {
                Papers::Excel => workbook::write_tables(target, plan, &all)
                    .map(|()| format!("Exported {}", target.display())),
                _ => csv::write_csv(target, &all).map(|files| {
                    format!(
                        "Exported {} tables as CSV to {}",
                        files.len(),
                        target.display()
                    )
                }),
            }?;
            // An anonymised export says what it hid and why.
            Ok(match tables::protection_note(&all) {
                Some(note) => format!("{message}. {note}"),
                None => message,
            })
        };
        if options.anonymised || plan.posts.len() > super::jobs::SAVE_IN_BACKGROUND_POSTS {
            // The plan as it is now is what is written; edits made meanwhile are not in it.
            let plan = plan.clone();
            let owned = target.clone();
            let what = crate::ui::widgets::plural(plan.posts.len(), "post");
            return self.export_in_background(&target, what, move || write(&plan, &owned));
        }
        match write(plan, &target) {
            Ok(message) => self.message = message,
            Err(e) => self.write_failed("Could not export the tables", &e, &target),
        }
    }

    /// Draws the board pack's charts off screen and writes the PDF.
    fn export_pack(
        &mut self,
        plan: &crate::model::Plan,
        scenario: &crate::model::Scenario,
        options: crate::figures::tables::Options,
        target: &Path,
    ) {
        let renderer = match self.renderer.take().map_or_else(Offscreen::new, Ok) {
            Ok(r) => self.renderer.insert(r),
            Err(e) => {
                return self.write_failed(
                    "Could not export the board pack",
                    &e.to_string(),
                    target,
                );
            }
        };
        // Makes the pack and writes it; what the status bar says.
        let write = move |renderer: &mut Offscreen,
                          plan: &crate::model::Plan,
                          scenario: &crate::model::Scenario,
                          target: &Path| {
            let pack = crate::export::pack::board_pack(renderer, plan, scenario, options)
                .map_err(|e| e.to_string())?;
            plan_file::write_atomic(target, &pack.bytes).map_err(|e| e.to_string())?;
            let message = format!(
                "Exported the board pack ({}) to {}",
                crate::format::plural(pack.pages.len(), "page"),
                target.display()
            );
            // An anonymised pack says what it hid and why.
            Ok(match pack.protection {
                Some(note) => format!("{message}. {note}"),
                None => message,
            })
        };
        if options.anonymised || plan.posts.len() > super::jobs::SAVE_IN_BACKGROUND_POSTS {
            // Protecting the release takes seconds: off the window's thread, the renderer
            // lent to the work and given back with its result.
            let Some(mut renderer) = self.renderer.take() else {
                return;
            };
            let (plan, scenario, owned) = (plan.clone(), scenario.clone(), target.to_path_buf());
            let what = crate::ui::widgets::plural(plan.posts.len(), "post");
            return self.pack_in_background(target, what, move || {
                let result = write(&mut renderer, &plan, &scenario, &owned);
                (result, renderer)
            });
        }
        match write(renderer, plan, scenario, target) {
            Ok(message) => self.message = message,
            Err(e) => self.write_failed("Could not export the board pack", &e, target),
        }
    }

    pub(super) fn export_failed(&mut self, why: &str, target: &Path) {
        self.write_failed("Could not export the images", why, target);
    }

    pub(super) fn write_failed(&mut self, title: &str, why: &str, target: &Path) {
        self.message = "Not written".to_owned();
        self.dialog = Some(Dialog::Error {
            title: title.to_owned(),
            message: format!("{why}\n\n{}", target.display()),
        });
    }

    pub(super) fn start_presenting(&mut self, ctx: &egui::Context) {
        self.presenting = Some(0);
        self.dialog = None;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    pub(super) fn slide(&mut self, ctx: &egui::Context, step: SlideMove) {
        let Some(index) = self.presenting else {
            return;
        };
        match present::step(index, present::shown_slides(self.doc.plan()).len(), step) {
            Some(next) => self.presenting = Some(next),
            None => self.leave_presentation(ctx),
        }
    }

    pub(super) fn leave_presentation(&mut self, ctx: &egui::Context) {
        if self.presenting.take().is_some() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    pub(super) fn act(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::New => self.unless_unsaved(ctx, Then::New),
            Action::Open => self.unless_unsaved(ctx, Then::Open),
            Action::Save => self.save(ctx, None),
            Action::SaveAs => self.save_as(ctx, None),
            Action::Quit => self.unless_unsaved(ctx, Then::Quit),
            Action::Undo => match self.doc.undo() {
                Some(label) => {
                    self.changed();
                    self.message = format!("Undid {label}");
                }
                None => self.message = "Nothing to undo".to_owned(),
            },
            Action::Present => self.start_presenting(ctx),
            Action::Import => self.ask_import(ImportKind::Establishment),
            Action::Redo => match self.doc.redo() {
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
        if self.doc.edit(edit) {
            self.changed();
            // The history's words for it: the item and its old and new value where it has them.
            let said = self.doc.history().undo_label().unwrap_or(&label);
            self.message = format!("Changed: {said}");
        }
    }

    /// The plan changed: the post table's cached rows are rebuilt.
    pub(super) fn changed(&mut self) {
        self.panels.posts.plan_changed();
    }

    pub(super) fn delete(&mut self, kind: DeletionKind, id: String) {
        let plan = self.doc.plan();
        let (name, posts, move_to) = match kind {
            DeletionKind::Council => (
                plan.council(&id).map(|c| c.name.clone()),
                plan.posts.iter().filter(|p| p.council == id).count(),
                plan.councils
                    .iter()
                    .find(|c| c.id != id)
                    .map(|c| c.id.clone()),
            ),
            DeletionKind::Function => (
                plan.function(&id).map(|f| f.name.clone()),
                plan.posts.iter().filter(|p| p.function == id).count()
                    + plan.roles.iter().filter(|r| r.function == id).count(),
                plan.functions
                    .iter()
                    .find(|f| f.id != id)
                    .map(|f| f.id.clone()),
            ),
            DeletionKind::Role => (
                plan.role(&id).map(|r| r.title.clone()),
                plan.posts.iter().filter(|p| p.role == id).count(),
                plan.roles.iter().find(|r| r.id != id).map(|r| r.id.clone()),
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

    pub(super) fn delete_with(&mut self, kind: DeletionKind, id: &str, orphans: &Orphans) {
        let edit = match kind {
            DeletionKind::Council => edit::remove_council(self.doc.plan(), id, orphans),
            DeletionKind::Function => edit::remove_function(self.doc.plan(), id, orphans),
            DeletionKind::Role => edit::remove_role(self.doc.plan(), id, orphans),
        };
        self.edit(edit);
        if kind == DeletionKind::Council && self.panels.council.as_deref() == Some(id) {
            self.panels.council = None;
        }
    }

    pub(super) fn jump_to(&mut self, location: &Location) {
        match location {
            Location::Plan | Location::Parameters => {
                self.view = View::Assumptions;
            }
            Location::Scenario(name) => {
                self.view = View::Scenarios;
                self.panels.scenarios.selected = Some(name.clone());
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
                self.panels.function = self.doc.plan().role(id).map(|r| r.function.clone());
            }
            Location::Post { position, .. } => {
                self.view = View::Establishment;
                self.panels.posts.show_post(position.saturating_sub(1));
            }
        }
    }

    /// Does `then` now, or first asks about unsaved changes.
    pub(super) fn unless_unsaved(&mut self, ctx: &egui::Context, then: Then) {
        if self.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(then));
        } else {
            self.go_on(ctx, then);
        }
    }

    pub(super) fn answer(&mut self, ctx: &egui::Context, answer: Answer) {
        let Some(Dialog::Unsaved(then)) = self.dialog.take() else {
            return;
        };
        match answer {
            Answer::Cancel => self.message = "Cancelled".to_owned(),
            Answer::DontSave => self.go_on(ctx, then),
            Answer::Save => self.save(ctx, Some(then)),
        }
    }

    pub(super) fn go_on(&mut self, ctx: &egui::Context, then: Then) {
        match then {
            Then::Quit => {
                self.closing = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Then::New => {
                self.replace(Document::new(new_plan(), None));
                self.message = "New plan".to_owned();
            }
            Then::Open => {
                let folder = self.doc.folder();
                if let Some(path) = self.dialogs.open_plan(folder.as_deref()) {
                    self.open(&path);
                }
            }
            Then::OpenPath(path) => self.open(&path),
        }
    }

    /// Opens a plan file; on failure the open plan stays and a dialog says why. A spreadsheet or
    /// CSV goes to the import dialog instead.
    pub(super) fn open(&mut self, path: &Path) {
        if import_ui::is_table_file(path) {
            self.start_import(ImportKind::Establishment, path.to_path_buf());
            return;
        }
        self.open_plan_file(path, None);
    }

    /// Leaves the start page; the first run is over.
    fn leave_start_page(&mut self) {
        self.start_page = false;
        self.prefs.welcomed = true;
    }

    pub(super) fn replace(&mut self, doc: Document) {
        self.start_page = false;
        self.prefs.welcomed = true;
        // A plan dropped on the window mid-presentation starts at its own first slide.
        self.presenting = self.presenting.map(|_| 0);
        self.doc = doc;
        // Worked out again for the plan now open (its revisions count from 0 again).
        self.sign_off = None;
        self.panels = Panels::default();
        self.scroll_to_top = true;
        self.example = false;
        self.sync_lock();
        self.changed();
    }

    /// Saves to the plan's file, or asks where; then does `then` once saved.
    pub(super) fn save(&mut self, ctx: &egui::Context, then: Option<Then>) {
        match self.doc.path().map(Path::to_path_buf) {
            Some(path) if !self.doc.is_read_only() => self.save_plan_file(ctx, &path, then),
            // A read-only plan is kept in a file of the user's own.
            _ => self.save_as(ctx, then),
        }
    }

    pub(super) fn save_as(&mut self, ctx: &egui::Context, then: Option<Then>) {
        let folder = self.doc.folder();
        let name = format!("{}.ron", crate::format::slug(&self.doc.plan().name));
        if let Some(path) = self.dialogs.save_plan(folder.as_deref(), &name) {
            self.save_plan_file(ctx, &path, then);
        } else {
            self.message = "Not saved".to_owned();
        }
    }
}
