//! The window, driven through egui_kittest by its labels as a person would: open, edit, undo,
//! filter, save, reopen and close. File dialogs are scripted; no real dialog opens. This file is
//! the harness the tests share; each view's tests are in a file of their own.

use std::path::PathBuf;

use calamine::Reader as _;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use merger_planner::document::example_plan;
use merger_planner::model::{Chart, Location, Plan};
use merger_planner::persist::plan_file;
use merger_planner::ui::App;
use merger_planner::ui::command::View;
use merger_planner::ui::dialogs::Dialog;
use merger_planner::ui::files::ScriptedDialogs;

mod access;
mod changes;
mod charts;
mod establishment;
mod files;
mod import;
mod papers;
mod published;
mod review;
mod scenarios;
mod window;

fn harness_for(
    plan: Plan,
    path: Option<PathBuf>,
    dialogs: &ScriptedDialogs,
) -> Harness<'static, App> {
    let app = App::new(plan, path).with_dialogs(Box::new(dialogs.clone()));
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

/// The example in a window of `width` x `height` points.
fn example_at(width: f32, height: f32) -> Harness<'static, App> {
    let dialogs = ScriptedDialogs::default();
    let app = App::new(example_plan(), None).with_dialogs(Box::new(dialogs));
    let mut h = Harness::builder()
        .with_size([width, height])
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

fn harness() -> (Harness<'static, App>, ScriptedDialogs) {
    let dialogs = ScriptedDialogs::default();
    (harness_for(example_plan(), None, &dialogs), dialogs)
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    // Scrolled into view first, as a person would scroll to it.
    h.get_by_label(label).scroll_to_me();
    settle(h);
    h.get_by_label(label).click();
    settle(h);
}

/// Clicks the button of this name (not a table's heading of the same name).
fn click_button(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).scroll_to_me();
    settle(h);
    h.get_by_role_and_label(Role::Button, label).click();
    settle(h);
}

/// Runs the frames a change needs, waiting first for Pools > Equality's protected table where
/// one is being made (the window shows a spinner meanwhile, so it would never settle).
fn settle(h: &mut Harness<'_, App>) {
    // A click is taken in on one frame and the view it opens drawn on the next.
    for _ in 0..3 {
        h.step();
        h.state_mut().finish_equality();
    }
    h.run();
}

fn command(h: &mut Harness<'_, App>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    settle(h);
}

fn command_shift(h: &mut Harness<'_, App>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, key);
    h.run();
}

/// Opens a combo box by its label and picks an entry (not a table cell with the same text).
fn choose(h: &mut Harness<'_, App>, combo: &str, entry: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run();
    let options: Vec<_> = h
        .query_all_by_label(entry)
        .filter(|n| n.accesskit_node().role() != Role::Label)
        .collect();
    assert_eq!(options.len(), 1, "one entry {entry:?} in {combo:?}");
    options[0].click();
    h.run();
}

/// Sets a number field (a drag value) as assistive technology would, then lets go.
fn set_number(h: &mut Harness<'_, App>, label: &str, value: f64) {
    h.get_by_role_and_label(Role::SpinButton, label)
        .set_value_accesskit(value);
    h.run();
}

/// Replaces the text of a field as a person would: click, select all, type, Enter.
fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label)
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

fn saving(h: &mut Harness<'_, App>) -> merger_planner::model::Money {
    h.state_mut().outcome().totals.recurring_saving
}

/// Shows a post in the details panel by clicking its id in the table.
fn focus_post(h: &mut Harness<'_, App>, id: &str) {
    click(h, "Establishment");
    type_into(h, "Search posts", id);
    click(h, id);
}

/// Sends the window's close button.
fn press_close_button(h: &mut Harness<'_, App>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
}

fn dirty_harness() -> (Harness<'static, App>, ScriptedDialogs) {
    let (mut h, dialogs) = harness();
    focus_post(&mut h, "BOU-00002");
    set_number(&mut h, "Post FTE", 0.6);
    assert!(h.state().is_dirty());
    (h, dialogs)
}

/// A file dropped on the window, as the windowing system hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Every piece of text painted in the last frame.
fn painted_text(h: &Harness<'_, App>) -> Vec<String> {
    fn walk(shape: &egui::Shape, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(t) => out.push(t.galley.text().to_owned()),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// Lets the import dialog finish reading and checking, then draws the result.
fn settle_import(h: &mut Harness<'_, App>) {
    for _ in 0..3 {
        h.state_mut().finish_import();
        // The dialog asks to be drawn again while it works: a few frames, not until still.
        h.run_steps(4);
    }
    // Its tables take a few frames to measure their columns, and the dialog is centred: wait
    // until its buttons stop moving, as a person waits before clicking.
    let mut last = None;
    for _ in 0..30 {
        h.step();
        let now = h
            .query_by_label("Cancel")
            .and_then(|n| n.accesskit_node().bounding_box());
        if now.is_some() && now == last {
            break;
        }
        last = now;
    }
}

/// Scrolls the widget into view, then waits until it stands still: scrolling is animated, and
/// the dialog's tables take a few frames to measure their columns.
fn scroll_to_still(h: &mut Harness<'_, App>, role: Option<Role>, label: &str) {
    let rect = |h: &Harness<'_, App>| {
        let node = match role {
            Some(r) => h.get_by_role_and_label(r, label),
            None => h.get_by_label(label),
        };
        node.accesskit_node().bounding_box()
    };
    match role {
        Some(r) => h.get_by_role_and_label(r, label).scroll_to_me(),
        None => h.get_by_label(label).scroll_to_me(),
    }
    h.run_steps(20);
    let mut last = None;
    for _ in 0..30 {
        h.step();
        let now = rect(h);
        if now.is_some() && now == last {
            break;
        }
        last = now;
    }
}

/// Clicks a button or box in the import dialog and lets the dialog check again.
fn click_in_import(h: &mut Harness<'_, App>, label: &str) {
    scroll_to_still(h, None, label);
    h.get_by_label(label).click();
    settle_import(h);
}

/// Opens a combo box by its label and picks the entry shown last (the popup's, over any
/// navigator item with the same name).
fn choose_last(h: &mut Harness<'_, App>, combo: &str, entry: &str) {
    scroll_to_still(h, Some(Role::ComboBox), combo);
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run_steps(4);
    let option = h
        .query_all_by_label(entry)
        .rfind(|n| n.accesskit_node().role() != Role::Label)
        .expect("the entry is in the list");
    option.click();
    h.run_steps(4);
}

/// A plan large enough to be opened and saved off the window's thread.
fn large_plan() -> Plan {
    let plan = merger_planner::example::reorganisation(3, 6_000, 5);
    assert!(plan.posts.len() > merger_planner::ui::app::SAVE_IN_BACKGROUND_POSTS);
    plan
}

/// Presses Ctrl+`key` and draws two frames (a spinner keeps asking for frames, so the harness is
/// stepped rather than run until still).
fn command_stepping(h: &mut Harness<'_, App>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.step();
    h.step();
}

/// Takes in the opening or saving under way, then draws until still.
fn finish_file_job(h: &mut Harness<'_, App>) {
    let ctx = h.ctx.clone();
    h.state_mut().finish_file_job(&ctx);
    h.run();
}

/// One post's salary raised by £1, as an edit through the app's one edit path, not yet drawn
/// (a spinner may be turning).
fn raise_salary_undrawn(h: &mut Harness<'_, App>, index: usize) {
    let mut post = h.state().plan().posts[index].clone();
    post.salary += merger_planner::model::Money::pounds(1);
    let edit = merger_planner::document::edit::Edit::post("raise salary", index, post);
    h.state_mut().edit(edit);
}

/// One post's salary raised by £1, then drawn.
fn raise_salary(h: &mut Harness<'_, App>, index: usize) {
    raise_salary_undrawn(h, index);
    h.run();
}

/// A large plan not yet saved to a file, one salary edited; the file it will be saved to.
fn edited_large_plan() -> (
    tempfile::TempDir,
    PathBuf,
    ScriptedDialogs,
    Harness<'static, App>,
) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("county.ron");
    let dialogs = ScriptedDialogs::default();
    let mut h = harness_for(large_plan(), None, &dialogs);
    raise_salary(&mut h, 10);
    (dir, path, dialogs, h)
}

/// The app copying unsaved work into `recovery` at once (no settling time), drawn.
fn recovering(app: App, recovery: &std::path::Path) -> Harness<'static, App> {
    let app = app.with_recovery(recovery.to_path_buf(), std::time::Duration::ZERO);
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

/// How many plans are copied aside in `recovery`.
fn copies_in(recovery: &std::path::Path) -> usize {
    std::fs::read_dir(recovery)
        .expect("the recovery folder")
        .filter(|e| {
            e.as_ref()
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .ends_with(".ron")
        })
        .count()
}

/// Another running copy of the app, as far as the lock on `plan` goes.
fn other_copy_opens(plan: &std::path::Path) -> merger_planner::persist::lock::Held {
    use merger_planner::persist::lock::{self, Holder, Taken};
    let them = Holder {
        user: "akhan".to_owned(),
        machine: "HR-DESK-3".to_owned(),
        since: Some("2026-11-29T09:15:00Z".parse().expect("a time")),
    };
    match lock::take(plan, &them).expect("the lock") {
        Taken::Held(held) => held,
        Taken::By(_) => panic!("free"),
    }
}

/// A saved example plan in a folder of its own, and a window asking for files by script.
fn saved_plan_and_harness() -> (
    tempfile::TempDir,
    PathBuf,
    ScriptedDialogs,
    Harness<'static, App>,
) {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("plan.ron");
    plan_file::save(&path, &example_plan()).expect("saved");
    let dialogs = ScriptedDialogs::default();
    let h = harness_for(merger_planner::document::new_plan(), None, &dialogs);
    (dir, path, dialogs, h)
}

/// What the last frame put on the clipboard.
fn copied(h: &Harness<'_, App>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

/// Picks a scenario in the Scenarios view's list (not the chooser at the top right, which shows
/// it too).
fn pick_scenario(h: &mut Harness<'_, App>, name: &str) {
    let roles: Vec<_> = h
        .query_all_by_label(name)
        .map(|n| n.accesskit_node().role())
        .collect();
    h.query_all_by_label(name)
        .find(|n| {
            n.accesskit_node().role() != Role::Label && n.accesskit_node().role() != Role::ComboBox
        })
        .unwrap_or_else(|| panic!("the list names it: {roles:?}"))
        .click();
    h.run();
}

/// Shows the example's first council in the Councils view.
fn open_first_council(h: &mut Harness<'_, App>) {
    click(h, "Councils");
    h.get_by_label_contains(&format!("{} (", example_plan().councils[0].name))
        .click();
    h.run();
}
