//! The app's logic each frame: draw, read the window's events, take in the import's work, and
//! close the undo step when the user lets go.

use std::path::PathBuf;

use super::App;
use super::frame::Chrome;
use crate::theme;
use crate::ui::command::{Action, Command, ImportKind};
use crate::ui::dialogs::{self, Dialog, Then};
use crate::ui::import_dialog as import_ui;
use crate::ui::widgets::plural;
use crate::ui::{present, views};

impl App {
    /// Draws the whole window and then applies what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if let Some(path) = self.pending_open.take() {
            self.open_plan_file(&path, None);
        }
        let mut commands = Vec::new();
        if std::mem::take(&mut self.scroll_to_top) {
            ui.ctx().data_mut(
                egui::util::IdTypeMap::remove_by_type::<egui::containers::scroll_area::State>,
            );
        }
        self.apply_theme(ui.ctx());
        crate::ui::access::begin_frame(ui.ctx());
        crate::ui::access::name_window(ui.ctx(), &self.title());
        self.read_window_events(ui.ctx(), &mut commands);
        if !self.doc.has_waker() {
            let ctx = ui.ctx().clone();
            self.doc
                .set_waker(std::sync::Arc::new(move || ctx.request_repaint()));
        }
        let behind = self.doc.refresh().revision != self.doc.revision();
        crate::ui::review::seed_name(ui.ctx(), &self.prefs.name);
        let revision = self.doc.revision();
        if self.sign_off.as_ref().is_none_or(|(r, _)| *r != revision) {
            let status = crate::document::review::status(self.doc.plan(), self.doc.signatures());
            self.sign_off = Some((revision, status));
        }
        let updating = self.figures_updating(ui.ctx(), behind);
        self.take_in_risk(ui.ctx());
        if self.presenting.is_some() {
            self.present(ui, commands);
            return;
        }
        let Some(derived) = self.doc.derived() else {
            return;
        };
        let plan = self.doc.plan();
        let frame = Chrome {
            plan,
            derived,
            history: self.doc.history(),
            path: self.doc.path(),
            read_only: self.doc.is_read_only(),
            view: self.view,
            scenario: self.doc.scenario(),
            message: &self.message,
            prefs: &self.prefs,
            start_page: self.start_page,
            updating,
            sign_off: self.sign_off.as_ref().and_then(|(_, s)| s.as_ref()),
        };
        frame.menu_bar(ui, &mut commands);
        frame.status_bar(ui, &mut commands);
        if self.start_page {
            egui::CentralPanel::default_margins().show(ui, |ui| {
                crate::ui::start::ui(ui, &plan.name, &self.prefs.recent, &mut commands);
            });
        } else {
            if self.prefs.show_problems {
                views::problems::panel(ui, plan, derived, &mut commands);
            }
            if self.prefs.navigator_shown(ui.ctx().content_rect().width()) {
                views::navigator::panel(ui, plan, derived, &mut commands);
            }
            frame.tabs(ui, &mut commands);
            egui::CentralPanel::default_margins().show(ui, |ui| {
                views::central(
                    ui,
                    self.view,
                    plan,
                    derived,
                    &mut self.panels,
                    &mut commands,
                );
            });
        }
        if let Some(job) = &self.job {
            super::jobs::progress_ui(ui.ctx(), job);
        } else if let Some(dialog) = &mut self.dialog {
            dialogs::show(ui.ctx(), dialog, plan, &mut commands);
        } else if let Some(import) = &mut self.import {
            import_ui::dialog_ui(ui.ctx(), import, plan, &mut commands);
        }
        crate::ui::access::focus_ring(ui.ctx());
        self.apply(ui.ctx(), commands);
        self.step_import(ui.ctx());
        self.step_file_job(ui.ctx());
        self.end_frame(ui.ctx());
        if !self.first_frame_drawn {
            self.first_frame_drawn = true;
            log::info!(
                "first frame drawn {} ms after start",
                crate::started().elapsed().as_millis()
            );
        }
    }

    /// Whether the status bar says the figures are being updated: they have trailed the plan
    /// (`behind`) for longer than the set time. A frame is asked for when that time is up.
    fn figures_updating(&mut self, ctx: &egui::Context, behind: bool) -> bool {
        let (since, after) = &mut self.figures_behind;
        if !behind {
            *since = None;
            return false;
        }
        let since = *since.get_or_insert_with(std::time::Instant::now);
        let left = after.saturating_sub(since.elapsed());
        if left.is_zero() {
            return true;
        }
        ctx.request_repaint_after(left);
        false
    }

    /// Takes in a finished Monte Carlo run: its fan and tornado join the charts' figures when it
    /// was made for the plan and scenario as they stand. While presenting slides that need one,
    /// a run is started if none is under way.
    fn take_in_risk(&mut self, ctx: &egui::Context) {
        let risk = &mut self.panels.risk;
        risk.poll();
        let slides_need_it = self.presenting.is_some()
            && present::shown_slides(self.doc.plan())
                .iter()
                .any(|c| matches!(c, crate::model::Chart::Fan | crate::model::Chart::Tornado));
        let Some(derived) = self.doc.derived_mut() else {
            return;
        };
        if derived.series.spread.is_none()
            && let Some(r) = risk.current(derived.revision, &derived.outcome.scenario)
        {
            derived.series.spread = Some(crate::figures::charts::Spread::of(r));
        }
        let wants = slides_need_it && derived.series.uncertain && derived.series.spread.is_none();
        if wants && !risk.running() {
            let (scenario, revision) = (derived.outcome.scenario.clone(), derived.revision);
            risk.start_for_slides(self.doc.plan(), &scenario, revision);
        }
        if self.presenting.is_none() {
            risk.stop_for_slides();
        }
        if risk.running() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Starts the import's work and takes in what it finished; while it works, the window keeps
    /// drawing its progress.
    pub(super) fn step_import(&mut self, ctx: &egui::Context) {
        let Some(import) = &mut self.import else {
            return;
        };
        let was_busy = import.busy();
        let read = import.step(self.doc.plan());
        if read
            && !import.remembered
            && import.options.mapping == crate::import::Mapping::default()
            && let Some(mapping) = import
                .signature()
                .and_then(|s| self.prefs.import_mappings.get(&s))
        {
            import.options.mapping = mapping.clone();
            import.remembered = true;
            import.recheck();
            import.step(self.doc.plan());
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
    pub(super) fn present(&mut self, ui: &mut egui::Ui, mut commands: Vec<Command>) {
        present::read_keys(ui.ctx(), &mut commands);
        let (Some(index), Some(derived)) = (self.presenting, self.doc.derived()) else {
            return;
        };
        let slides = present::shown_slides(self.doc.plan());
        let scenarios = derived.scenarios_for(slides.get(index).copied(), self.doc.plan());
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

    pub(super) fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.theme_applied != Some(self.prefs.theme) {
            if self.theme_applied.is_none() {
                theme::fallback_font(ctx);
            }
            ctx.set_theme(self.prefs.theme);
            self.theme_applied = Some(self.prefs.theme);
        }
    }

    /// Shortcuts, the window's close button and files dropped on the window.
    pub(super) fn read_window_events(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.dialog.is_none() && self.import.is_none() && self.job.is_none() {
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
    pub(super) fn end_frame(&mut self, ctx: &egui::Context) {
        let busy = ctx.input(|i| i.pointer.any_down()) || ctx.memory(|m| m.focused().is_some());
        if !busy {
            self.doc.close_step();
        }
        // Unsaved work is copied aside once the user has let go and the plan is still.
        self.recovery.step(ctx, &self.doc, !busy);
        let title = self.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}
