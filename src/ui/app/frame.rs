//! The window's chrome: menu bar, tabs, scenario list and status bar.

use std::path::Path;

use crate::document::Derived;
use crate::document::edit::History;
use crate::model::Plan;
use crate::theme;
use crate::ui::access;
use crate::ui::command::{Action, Command, ImportKind, Papers, View};
use crate::ui::files::Preferences;
use crate::ui::widgets::plural;

/// What the frame's chrome (menu, tabs, status bar) reads.
pub(super) struct Chrome<'a> {
    pub(super) plan: &'a Plan,
    pub(super) derived: &'a Derived,
    pub(super) history: &'a History,
    pub(super) path: Option<&'a Path>,
    /// Opened read-only (another copy has it open).
    pub(super) read_only: bool,
    pub(super) view: View,
    pub(super) scenario: &'a str,
    pub(super) message: &'a str,
    pub(super) prefs: &'a Preferences,
    /// The start page is showing: no plan's scenario or status to show yet.
    pub(super) start_page: bool,
    /// The figures drawn are a while behind the plan: newer ones are being worked out.
    pub(super) updating: bool,
    /// How the plan stands against its newest sign-off, and whether it has changed since.
    pub(super) sign_off: Option<&'a (String, bool)>,
}

impl Chrome<'_> {
    pub(super) fn menu_bar(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::top("menu").show(ui, |ui| {
            let bar = egui::MenuBar::new().ui(ui, |ui| {
                // The bar's own row is not a menu of its own: its items belong to the bar.
                ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
                    node.set_role(egui::accesskit::Role::GenericContainer);
                });
                menu(ui, "File", |ui| self.file_menu(ui, commands));
                menu(ui, "Edit", |ui| {
                    // "Undo change FTE", named by the step, or plain and greyed when none.
                    for (action, step) in [
                        (Action::Undo, self.history.undo_label()),
                        (Action::Redo, self.history.redo_label()),
                    ] {
                        let label = step.map_or_else(
                            || action.label().to_owned(),
                            |l| format!("{} {l}", action.label()),
                        );
                        action_button(ui, action, &label, step.is_some(), commands);
                    }
                });
                menu(ui, "View", |ui| {
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
                    let shown = self
                        .prefs
                        .navigator_shown(ui.ctx().content_rect().width());
                    let mut navigator = shown;
                    if ui
                        .checkbox(&mut navigator, "Navigator")
                        .on_hover_text("Councils and functions down the left (hidden by default on windows under 1,400 points wide)")
                        .clicked()
                    {
                        commands.push(Command::ToggleNavigator(shown));
                    }
                    menu(ui, "Theme", |ui| {
                        for (theme, name) in [
                            (egui::ThemePreference::System, "As the system is set"),
                            (egui::ThemePreference::Light, "Light"),
                            (egui::ThemePreference::Dark, "Dark"),
                        ] {
                            if ui.radio(self.prefs.theme == theme, name).clicked() {
                                commands.push(Command::Theme(theme));
                                ui.close();
                            }
                        }
                    });
                    menu(ui, "Largest plan to open", |ui| {
                        let now = self.prefs.max_plan_mb();
                        for mb in [200, 500, 1000, 2000] {
                            let name = if mb == crate::persist::plan_file::DEFAULT_MAX_MB {
                                format!("{mb} MB (about 800,000 posts)")
                            } else {
                                format!("{mb} MB")
                            };
                            if ui.radio(now == mb, name).clicked() {
                                commands.push(Command::MaxPlanMb(mb));
                                ui.close();
                            }
                        }
                    });
                    ui.separator();
                    action_button(ui, Action::Present, Action::Present.label(), true, commands);
                    if item(ui, "Choose slides…").clicked() {
                        commands.push(Command::ChooseSlides);
                        ui.close();
                    }
                    ui.separator();
                    zoom_ui(ui);
                });
                menu(ui, "Review", |ui| {
                    if item(ui, "Comments…").clicked() {
                        commands.push(Command::Comments);
                        ui.close();
                    }
                    if item(ui, "Sign off this version…").clicked() {
                        commands.push(Command::AskSignOff);
                        ui.close();
                    }
                });
                menu(ui, "Help", |ui| {
                    if item(ui, "Start page").clicked() {
                        commands.push(Command::StartPage);
                        ui.close();
                    }
                    if item(ui, "Getting started…").clicked() {
                        commands.push(Command::GettingStarted);
                        ui.close();
                    }
                    if item(ui, "Keyboard shortcuts…").clicked() {
                        commands.push(Command::Shortcuts);
                        ui.close();
                    }
                    if item(ui, "How the figures are computed…").clicked() {
                        commands.push(Command::HowComputed);
                        ui.close();
                    }
                    if item(ui, "Save an establishment template…").clicked() {
                        commands.push(Command::SaveTemplate);
                        ui.close();
                    }
                    if item(ui, "About Merger Planner…").clicked() {
                        commands.push(Command::About);
                        ui.close();
                    }
                });
                if !self.start_page {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        self.scenario_ui(ui, commands);
                    });
                }
            });
            bar.response.ctx.accesskit_node_builder(bar.response.id, |node| {
                node.set_role(egui::accesskit::Role::MenuBar);
                node.set_label("Menus".to_owned());
            });
        });
    }

    fn file_menu(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        for action in [Action::New, Action::Open] {
            action_button(ui, action, action.label(), true, commands);
        }
        menu(ui, "Open recent", |ui| {
            if self.prefs.recent.is_empty() {
                ui.label("No recent files");
            }
            for path in &self.prefs.recent {
                if item(ui, &path.display().to_string()).clicked() {
                    commands.push(Command::OpenPath(path.clone()));
                    ui.close();
                }
            }
        });
        ui.separator();
        for action in [Action::Save, Action::SaveAs] {
            action_button(ui, action, action.label(), true, commands);
        }
        if item(ui, "Merge a colleague's copy…").clicked() {
            commands.push(Command::MergeCopy);
            ui.close();
        }
        ui.separator();
        action_button(ui, Action::Import, Action::Import.label(), true, commands);
        if item(ui, "Import target structure…").clicked() {
            commands.push(Command::Import(ImportKind::Targets));
            ui.close();
        }
        ui.separator();
        if item(ui, "Export to Excel…").clicked() {
            commands.push(Command::AskExportTables(Papers::Excel));
            ui.close();
        }
        if item(ui, "Export tables as CSV…").clicked() {
            commands.push(Command::AskExportTables(Papers::Csv));
            ui.close();
        }
        if item(ui, "Export board pack…").clicked() {
            commands.push(Command::AskExportTables(Papers::Pdf));
            ui.close();
        }
        if item(ui, "Export consultation drafts…").clicked() {
            commands.push(Command::AskExportTables(Papers::Drafts));
            ui.close();
        }
        if item(ui, "Export slides as PNG…").clicked() {
            commands.push(Command::ExportSlides);
            ui.close();
        }
        ui.separator();
        action_button(ui, Action::Quit, Action::Quit.label(), true, commands);
    }

    pub(super) fn tabs(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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
                    crate::ui::access::option(ui, &mut chosen, name.clone(), name);
                }
            })
            .response;
        let label = ui.label("Scenario");
        crate::ui::access::combo_value(&combo, self.scenario);
        combo.labelled_by(label.id);
        if chosen != self.scenario {
            commands.push(Command::Scenario(chosen));
        }
    }

    pub(super) fn status_bar(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                // The start page has no plan to describe: only what was last said (a file
                // that could not be opened, say).
                if self.start_page {
                    access::announce(&ui.label(self.message));
                    return;
                }
                let file = self.path.and_then(Path::file_name).map_or_else(
                    || "Not saved to a file".to_owned(),
                    |n| n.to_string_lossy().into_owned(),
                );
                ui.label(file);
                if self.read_only {
                    ui.colored_label(theme::palette(ui).warning, "read-only")
                        .on_hover_text("Another copy of Merger Planner has this plan open. Save as… keeps your changes in a file of your own.");
                }
                ui.separator();
                let palette = theme::palette(ui);
                if self.history.is_dirty() {
                    ui.colored_label(palette.warning, "Unsaved changes");
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
                    egui::RichText::new(text).color(palette.error)
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
                ui.label(crate::format::plural(self.plan.posts.len(), "post"));
                ui.separator();
                if let Some((words, changed)) = self.sign_off {
                    if *changed {
                        ui.colored_label(palette.warning, words.as_str());
                        if ui.button("What changed since").clicked() {
                            commands.push(Command::ChangesSinceSignOff);
                        }
                    } else {
                        ui.label(words.as_str());
                    }
                    ui.separator();
                }
                if self.updating {
                    ui.add(egui::Spinner::new());
                    ui.label("Updating figures…").on_hover_text(
                        "The figures shown are for the plan as it was a moment ago: those for your latest change are being worked out",
                    );
                    ui.separator();
                }
                access::announce(&ui.label(self.message));
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
        .said_in_menu("Zoom in", &shortcut(&kb_shortcuts::ZOOM_IN))
        .clicked()
    {
        gui_zoom::zoom_in(&ctx);
    }
    if ui
        .add(egui::Button::new("Zoom out").shortcut_text(shortcut(&kb_shortcuts::ZOOM_OUT)))
        .said_in_menu("Zoom out", &shortcut(&kb_shortcuts::ZOOM_OUT))
        .clicked()
    {
        gui_zoom::zoom_out(&ctx);
    }
    if ui
        .add(egui::Button::new("Actual size").shortcut_text(shortcut(&kb_shortcuts::ZOOM_RESET)))
        .said_in_menu("Actual size", &shortcut(&kb_shortcuts::ZOOM_RESET))
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
    let button = egui::Button::new(label).shortcut_text(shortcut.as_str());
    let r = ui.add_enabled(enabled, button);
    access::menu_item(&r, label, Some(shortcut.as_str()).filter(|s| !s.is_empty()));
    if r.clicked() {
        commands.push(Command::Action(action));
        ui.close();
    }
}

/// A plain item of a menu, said as a menu item.
fn item(ui: &mut egui::Ui, name: &str) -> egui::Response {
    let r = ui.button(name);
    access::menu_item(&r, name, None);
    r
}

/// Says a menu item's name and its shortcut apart.
trait InMenu {
    fn said_in_menu(self, name: &str, shortcut: &str) -> Self;
}

impl InMenu for egui::Response {
    fn said_in_menu(self, name: &str, shortcut: &str) -> Self {
        access::menu_item(&self, name, Some(shortcut));
        self
    }
}

/// A menu of the menu bar (or a sub-menu), said as a menu item that opens a menu, open or not.
fn menu<R>(
    ui: &mut egui::Ui,
    name: &str,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> egui::InnerResponse<Option<R>> {
    let r = ui.menu_button(name, add);
    access::menu(&r.response, r.inner.is_some());
    r
}
