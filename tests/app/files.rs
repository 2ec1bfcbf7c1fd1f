//! Plans as files: save, open, close with unsaved changes, recent files, dropping a file, large plans off the window's thread, locks held by another copy, recovery after a crash, and the start page.

use super::*;

#[test]
fn saving_through_the_dialog_and_reopening_gives_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, dialogs) = harness();
    focus_post(&mut h, "BOU-00002");
    set_number(&mut h, "Post FTE", 0.6);
    dialogs.answer(Some(dir.path().join("merged")));
    command(&mut h, Key::S);
    let path = dir.path().join("merged.ron");
    assert!(
        path.exists(),
        "Save on a new plan asks where, and adds .ron"
    );
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(h.state().title().contains("(merged.ron)"));
    assert!(!h.state().title().contains("unsaved"));
    assert_eq!(h.state().preferences().recent.first(), Some(&path));
    let edited = h.state().plan().clone();

    // Reopen it in a fresh window, once the first has closed (while it runs, it has the plan
    // open, and a second copy would be offered it read-only).
    drop(h);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness_for(example_plan(), None, &dialogs);
    dialogs.answer(Some(path.clone()));
    command(&mut h, Key::O);
    assert_eq!(h.state().plan(), &edited);
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert_eq!(plan_file::open(&path).unwrap(), edited);

    // Save as to another file, from the File menu.
    dialogs.answer(Some(dir.path().join("copy.ron")));
    click(&mut h, "File");
    h.get_by_label_contains("Save as…").click();
    h.run();
    assert_eq!(
        plan_file::open(&dir.path().join("copy.ron")).unwrap(),
        edited
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_the_plan_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, dialogs) = harness();
    focus_post(&mut h, "BOU-00002");
    set_number(&mut h, "Post FTE", 0.6);
    dialogs.answer(Some(dir.path().join("no such folder").join("plan.ron")));
    command(&mut h, Key::S);
    assert!(matches!(h.state().dialog(), Some(Dialog::Error { .. })));
    assert!(h.state().is_dirty());
    h.get_by_label_contains("still open and not saved");
    click(&mut h, "OK");
    assert!(h.state().dialog().is_none());
}

#[test]
fn opening_a_broken_file_keeps_the_current_plan() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(\n  format_version: 1,\n  name: \"half a plan\",\n  councils: [ oops ],\n",
    )
    .unwrap();
    let (mut h, dialogs) = harness();
    focus_post(&mut h, "BOU-00002");
    set_number(&mut h, "Post FTE", 0.6);
    let before = h.state().plan().clone();
    command(&mut h, Key::O);
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved(_))));
    dialogs.answer(Some(broken.clone()));
    click(&mut h, "Don't save");
    let Some(Dialog::Error { message, .. }) = h.state().dialog().cloned() else {
        panic!("an error dialog");
    };
    assert!(message.contains("line"), "{message}");
    assert!(message.contains("broken.ron"), "{message}");
    assert_eq!(h.state().plan(), &before, "the open plan is untouched");
    assert!(h.state().is_dirty(), "and still marked unsaved");
    click(&mut h, "OK");
}

#[test]
fn closing_with_unsaved_changes_then_cancel_stays() {
    let (mut h, _) = dirty_harness();
    press_close_button(&mut h);
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved(_))));
    h.get_by_label("Save your changes?");
    click(&mut h, "Cancel");
    assert!(!h.state().is_closing());
    assert!(h.state().dialog().is_none());
    assert!(h.state().is_dirty());
}

#[test]
fn closing_with_unsaved_changes_then_dont_save_closes() {
    let (mut h, _) = dirty_harness();
    command(&mut h, Key::Q);
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved(_))));
    click(&mut h, "Don't save");
    assert!(h.state().is_closing());
}

#[test]
fn closing_with_unsaved_changes_then_save_saves_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, dialogs) = dirty_harness();
    press_close_button(&mut h);
    dialogs.answer(Some(dir.path().join("kept.ron")));
    click(&mut h, "Save");
    assert!(h.state().is_closing());
    assert_eq!(
        &plan_file::open(&dir.path().join("kept.ron")).unwrap(),
        h.state().plan()
    );
}

#[test]
fn closing_when_the_save_dialog_is_cancelled_stays_open() {
    let (mut h, dialogs) = dirty_harness();
    press_close_button(&mut h);
    dialogs.answer(None);
    click(&mut h, "Save");
    assert_eq!(dialogs.asked(), 1, "Save asked where, once");
    assert!(
        !h.state().is_closing(),
        "no file chosen, nothing saved: stay open"
    );
    assert!(h.state().is_dirty());
}

#[test]
fn closing_a_saved_plan_asks_nothing() {
    let (mut h, _) = harness();
    press_close_button(&mut h);
    assert!(h.state().dialog().is_none());
    assert!(h.state().is_closing());
}

#[test]
fn a_new_plan_asks_about_unsaved_changes_first() {
    let (mut h, _) = dirty_harness();
    command(&mut h, Key::N);
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved(_))));
    click(&mut h, "Don't save");
    assert_eq!(h.state().plan().councils.len(), 0);
    assert_eq!(h.state().plan().functions.len(), 5);
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().path(), None);
    // Every view copes with an empty plan.
    for view in View::ALL {
        click(&mut h, view.label());
    }
    click(&mut h, "Councils");
    h.get_by_label("No councils yet");
    // The charts say so rather than draw nothing, and so do the slides.
    click(&mut h, "Timetable");
    h.get_by_label("Nothing to show: the plan has no councils yet");
    h.key_press(Key::F5);
    h.run();
    for _ in 0..Chart::ALL.len() {
        assert!(
            h.query_all_by_label_contains("Nothing to show").count() >= 1,
            "slide {:?}: {:?}",
            h.state().presenting(),
            painted_text(&h)
        );
        h.key_press(Key::ArrowRight);
        h.run();
    }
}

#[test]
fn dropping_a_plan_file_on_the_window_opens_it_and_it_becomes_recent() {
    let dir = tempfile::tempdir().unwrap();
    // A plan small enough to open at once (larger ones open off the window's thread).
    let path = dir.path().join("southampton.ron");
    let northshire = plan_file::parse(include_str!("../../saves/southampton-pay.ron")).unwrap();
    plan_file::save(&path, &northshire).unwrap();
    let (mut h, _) = harness();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.run();
    assert_eq!(h.state().plan(), &northshire);
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert_eq!(h.state().preferences().recent, vec![path.clone()]);

    // Back to the example through File > Open recent after opening something else.
    let other = dir.path().join("example.ron");
    plan_file::save(&other, &example_plan()).unwrap();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(other.clone())));
    h.run();
    assert_eq!(h.state().plan(), &example_plan());
    click(&mut h, "File");
    click(&mut h, "Open recent");
    click(&mut h, &path.display().to_string());
    assert_eq!(h.state().plan(), &northshire);
}

#[test]
fn a_recent_file_that_has_gone_says_so_and_leaves_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone.ron");
    let prefs = merger_planner::ui::files::Preferences {
        recent: vec![gone.clone()],
        ..Default::default()
    };
    let dialogs = ScriptedDialogs::default();
    let app = App::new(example_plan(), None)
        .with_dialogs(Box::new(dialogs.clone()))
        .with_preferences(prefs);
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    click(&mut h, "File");
    click(&mut h, "Open recent");
    click(&mut h, &gone.display().to_string());
    let Some(Dialog::Error { message, .. }) = h.state().dialog().cloned() else {
        panic!("an error dialog");
    };
    assert!(message.contains("gone.ron"), "{message}");
    assert!(h.state().preferences().recent.is_empty());
    assert_eq!(h.state().plan(), &example_plan());
}

#[test]
fn a_large_plan_opens_off_the_windows_thread_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.ron");
    let plan = large_plan();
    plan_file::save(&path, &plan).unwrap();
    assert!(
        std::fs::metadata(&path).unwrap().len() > merger_planner::ui::app::OPEN_IN_BACKGROUND_BYTES
    );
    let (mut h, dialogs) = harness();
    dialogs.answer(Some(path.clone()));
    command_stepping(&mut h, Key::O);
    // The window keeps drawing and says what it is doing; the example is still open meanwhile.
    assert!(h.state().file_job().is_some());
    h.get_by_label_contains("Opening county.ron (");
    assert_eq!(h.state().plan().posts.len(), 639);
    finish_file_job(&mut h);
    assert!(h.state().file_job().is_none());
    assert_eq!(h.state().plan(), &plan);
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(!h.state().is_dirty());
    assert!(h.state().message().starts_with("Opened"));
}

#[test]
fn a_large_plan_that_is_not_a_plan_leaves_the_open_plan_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    let text = plan_file::to_text(&large_plan()).unwrap();
    // Cut off half way: the file ends mid-post.
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    let (mut h, dialogs) = harness();
    dialogs.answer(Some(path));
    command_stepping(&mut h, Key::O);
    finish_file_job(&mut h);
    assert!(matches!(h.state().dialog(), Some(Dialog::Error { .. })));
    h.get_by_label_contains("The plan you had open is unchanged");
    assert_eq!(h.state().plan().posts.len(), 639);
}

#[test]
fn saving_a_large_plan_before_quitting_quits_once_it_is_written() {
    let (_dir, path, dialogs, mut h) = edited_large_plan();
    command(&mut h, Key::Q);
    dialogs.answer(Some(path.clone()));
    h.get_by_label("Save").click();
    h.step();
    h.step();
    h.step();
    // Written off the window's thread: not closed until it is.
    h.get_by_label_contains("Saving county.ron (");
    assert!(!h.state().is_closing());
    finish_file_job(&mut h);
    assert!(h.state().is_closing());
    assert!(!h.state().is_dirty());
    assert_eq!(&plan_file::open(&path).unwrap(), h.state().plan());
}

#[test]
fn edits_made_while_a_large_plan_saves_stay_unsaved() {
    let (_dir, path, dialogs, mut h) = edited_large_plan();
    let saved = h.state().plan().clone();
    dialogs.answer(Some(path.clone()));
    command_stepping(&mut h, Key::S);
    assert!(h.state().file_job().is_some());
    raise_salary_undrawn(&mut h, 11);
    finish_file_job(&mut h);
    assert_eq!(
        without_lineage(plan_file::open(&path).unwrap()),
        saved,
        "saved as it was"
    );
    assert!(h.state().is_dirty(), "the later edit is not saved");
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(
        h.state()
            .message()
            .contains("changes since are not saved yet")
    );
}

#[test]
fn a_running_copys_unsaved_work_is_not_offered_to_another() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let mut first = recovering(App::new(example_plan(), None), &recovery);
    raise_salary(&mut first, 5);
    first.run();
    first.state_mut().finish_recovery_copy();
    // A second copy starts while the first runs: nothing to restore, and its own copy apart.
    let mut second = recovering(App::new(example_plan(), None), &recovery);
    assert!(
        second.state().dialog().is_none(),
        "the first copy's work is its own"
    );
    raise_salary(&mut second, 7);
    second.run();
    second.state_mut().finish_recovery_copy();
    assert_eq!(copies_in(&recovery), 2);
    // The first leaves cleanly: only its own copy goes.
    eframe::App::on_exit(first.state_mut());
    drop(first);
    assert_eq!(copies_in(&recovery), 1);
    assert!(second.state().recovery_copy().unwrap().exists());
}

#[test]
fn unsaved_work_is_copied_aside_and_offered_back_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let plan_path = dir.path().join("plan.ron");
    plan_file::save(&plan_path, &example_plan()).unwrap();
    let start = |recovery: &std::path::Path| {
        let app = App::new(
            plan_file::open(&plan_path).unwrap(),
            Some(plan_path.clone()),
        );
        recovering(app, recovery)
    };
    let mut h = start(&recovery);
    assert!(h.state().dialog().is_none(), "nothing to recover at first");
    raise_salary(&mut h, 5);
    h.run();
    h.state_mut().finish_recovery_copy();
    let edited = h.state().plan().clone();
    assert!(h.state().recovery_copy().unwrap().exists());
    // The app dies without saving or leaving cleanly: the next start offers the work back.
    drop(h);
    let mut h = start(&recovery);
    h.get_by_label("Restore unsaved work?");
    h.get_by_label_contains(&format!(
        "({}). Its unsaved work was copied aside",
        plan_path.display()
    ));
    click(&mut h, "Restore");
    assert_eq!(h.state().plan(), &edited);
    assert!(h.state().is_dirty(), "restored work is not saved yet");
    assert_eq!(h.state().path(), Some(plan_path.as_path()));
    // Saving it removes the copy.
    command(&mut h, Key::S);
    h.state_mut().finish_recovery_copy();
    assert!(!h.state().is_dirty());
    assert_eq!(copies_in(&recovery), 0, "the copies are gone once saved");
    assert_eq!(
        without_lineage(plan_file::open(&plan_path).unwrap()),
        edited
    );
}

#[test]
fn discarding_recovered_work_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let mut h = recovering(App::new(example_plan(), None), &recovery);
    raise_salary(&mut h, 5);
    h.run();
    h.state_mut().finish_recovery_copy();
    drop(h);
    let mut h = recovering(App::new(example_plan(), None), &recovery);
    h.get_by_label_contains("a plan not yet saved to a file");
    click(&mut h, "Discard");
    assert_eq!(copies_in(&recovery), 0);
    assert!(!h.state().is_dirty());
}

#[test]
fn the_largest_plan_to_open_is_a_preference() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    plan_file::save(&path, &large_plan()).unwrap();
    let (mut h, dialogs) = harness();
    assert_eq!(h.state().preferences().max_plan_mb(), 200);
    // A limit below the file's size: refused at once, saying how big it is and what to do.
    let prefs = merger_planner::ui::files::Preferences {
        max_plan_mb: Some(1),
        ..Default::default()
    };
    let app = App::new(example_plan(), None)
        .with_dialogs(Box::new(dialogs.clone()))
        .with_preferences(prefs);
    h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    dialogs.answer(Some(path.clone()));
    command(&mut h, Key::O);
    assert!(h.state().file_job().is_none());
    h.get_by_label_contains("over the 1 MB limit for a plan file");
    assert_eq!(h.state().plan().posts.len(), 639);
    click(&mut h, "OK");
    // Raised from the View menu, it opens.
    click(&mut h, "View");
    click(&mut h, "Largest plan to open");
    click(&mut h, "500 MB");
    assert_eq!(h.state().preferences().max_plan_mb(), 500);
    dialogs.answer(Some(path));
    command_stepping(&mut h, Key::O);
    finish_file_job(&mut h);
    assert_eq!(h.state().plan().posts.len(), large_plan().posts.len());
}

#[test]
fn a_plan_open_in_another_copy_is_offered_read_only_and_kept_in_a_file_of_your_own() {
    let (dir, path, dialogs, mut h) = saved_plan_and_harness();
    let _theirs = other_copy_opens(&path);
    dialogs.answer(Some(path.clone()));
    command(&mut h, Key::O);
    h.get_by_label("plan.ron is open in another copy of Merger Planner");
    h.get_by_label_contains("akhan on HR-DESK-3 since");
    assert_eq!(
        h.state().plan().name,
        "New merger plan",
        "nothing opened yet"
    );
    click(&mut h, "Open read-only");
    assert_eq!(h.state().plan(), &example_plan());
    assert!(
        h.state().title().contains("(plan.ron, read-only)"),
        "{}",
        h.state().title()
    );
    // Changes can be tried; saving asks for a file of the user's own and never touches theirs.
    raise_salary(&mut h, 3);
    let mine = dir.path().join("mine.ron");
    dialogs.answer(Some(mine.clone()));
    command(&mut h, Key::S);
    assert_eq!(plan_file::open(&mine).unwrap(), *h.state().plan());
    assert_eq!(
        plan_file::open(&path).unwrap(),
        example_plan(),
        "theirs untouched"
    );
    assert!(!h.state().title().contains("read-only"));
    assert_eq!(
        h.state().lock_file(),
        Some(dir.path().join(".~lock.mine.ron#").as_path())
    );
}

#[test]
fn editing_anyway_takes_the_lock_from_the_other_copy() {
    let (_dir, path, dialogs, mut h) = saved_plan_and_harness();
    let theirs = other_copy_opens(&path);
    dialogs.answer(Some(path.clone()));
    command(&mut h, Key::O);
    click(&mut h, "Edit anyway");
    assert_eq!(h.state().plan(), &example_plan());
    assert!(!h.state().title().contains("read-only"));
    let lock = std::fs::read_to_string(h.state().lock_file().unwrap()).unwrap();
    assert!(!lock.contains("akhan"), "ours now: {lock}");
    // The other copy closing leaves our lock in place.
    drop(theirs);
    assert!(h.state().lock_file().unwrap().exists());
}

#[test]
fn a_lock_left_by_a_crashed_copy_is_replaced_without_asking() {
    let (dir, path, dialogs, mut h) = saved_plan_and_harness();
    let stale = dir.path().join(".~lock.plan.ron#");
    std::fs::write(&stale, "user=gone\nmachine=OLD-PC\n").unwrap();
    dialogs.answer(Some(path.clone()));
    command(&mut h, Key::O);
    assert!(h.state().dialog().is_none());
    assert_eq!(h.state().plan(), &example_plan());
    assert_eq!(h.state().lock_file(), Some(stale.as_path()));
    // Closing the plan lets its lock go.
    command(&mut h, Key::N);
    assert!(!stale.exists());
    assert_eq!(h.state().lock_file(), None);
}

#[test]
fn saving_over_a_plan_another_copy_has_open_is_refused() {
    let (_dir, path, dialogs, _) = saved_plan_and_harness();
    let mut h = harness_for(example_plan(), None, &dialogs);
    let _theirs = other_copy_opens(&path);
    raise_salary(&mut h, 0);
    dialogs.answer(Some(path.clone()));
    command(&mut h, Key::S);
    h.get_by_label_contains("is open in another copy of Merger Planner (akhan on HR-DESK-3");
    assert_eq!(
        plan_file::open(&path).unwrap(),
        example_plan(),
        "theirs untouched"
    );
    assert!(h.state().is_dirty());
}

/// The start page's four ways in: the example, an import into a new plan, a plan file and a
/// recent plan. Leaving it marks the first run done.
#[test]
fn the_start_page_opens_the_example_an_import_a_plan_or_a_recent_one() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved.ron");
    let mut other = example_plan();
    other.name = "Another merger".into();
    plan_file::save(&saved, &other).unwrap();
    let start = |dialogs: &ScriptedDialogs, recent: Vec<PathBuf>| {
        let prefs = merger_planner::ui::files::Preferences {
            recent,
            ..Default::default()
        };
        let app = App::new(example_plan(), None)
            .with_dialogs(Box::new(dialogs.clone()))
            .with_preferences(prefs)
            .with_start_page();
        let mut h = Harness::builder()
            .with_size([1280.0, 800.0])
            .build_ui_state(|ui, app: &mut App| app.show(ui), app);
        h.run();
        assert!(h.state().on_start_page());
        h.get_by_label_contains("Plan the merger of two or more councils");
        h
    };
    // 1. The example, named as one.
    let dialogs = ScriptedDialogs::default();
    let mut h = start(&dialogs, Vec::new());
    click(
        &mut h,
        "Open the example: Bournemouth and Poole corporate services",
    );
    assert!(!h.state().on_start_page());
    assert!(h.state().preferences().welcomed);
    assert_eq!(h.state().plan(), &example_plan());
    assert!(h.state().title().contains("(example, not saved to a file)"));
    // 2. An import, into a new plan; cancelling the file chooser stays on the start page.
    let mut h = start(&dialogs, Vec::new());
    dialogs.answer(None);
    h.get_by_label("Import your councils' establishments…")
        .click();
    h.run();
    assert!(
        h.state().on_start_page(),
        "a cancelled import stays on the start page"
    );
    h.get_by_label_contains("No file chosen: nothing imported");
    // No chooser could open at all (no desktop portal, no zenity): the window says so and how
    // to fix it, not only the terminal.
    dialogs.cannot_open("Failed to pick file with zenity: No such file or directory");
    h.get_by_label("Import your councils' establishments…")
        .click();
    h.run();
    assert!(h.state().on_start_page());
    h.get_by_label("No file chooser");
    h.get_by_label_contains("sudo apt install zenity");
    h.get_by_label_contains("The system said: Failed to pick file with zenity");
    click(&mut h, "OK");
    let csv = dir.path().join("establishment.csv");
    std::fs::write(
        &csv,
        "council,function,role,post_id,fte,salary,vacant,date_of_birth,service_start\nAshby,Finance,Accountant,A1,1,38000,no,1970-01-01,2000-01-01\n",
    )
    .unwrap();
    dialogs.answer(Some(csv.clone()));
    h.get_by_label("Import your councils' establishments…")
        .click();
    settle_import(&mut h);
    assert!(!h.state().on_start_page());
    assert!(h.state().import_state().is_some());
    assert!(h.state().plan().posts.is_empty(), "a new plan");
    // 3. A plan file.
    let mut h = start(&dialogs, Vec::new());
    dialogs.answer(Some(saved.clone()));
    click(&mut h, "Open a plan…");
    assert!(!h.state().on_start_page());
    assert_eq!(h.state().plan().name, "Another merger");
    // 4. A recent plan (the window before closed, giving up the plan's lock).
    drop(h);
    let mut h = start(&dialogs, vec![saved.clone()]);
    h.get_by_label("Recent plans");
    click(&mut h, "saved.ron");
    assert!(!h.state().on_start_page());
    assert_eq!(h.state().path(), Some(saved.as_path()));
}

/// A plan as read, without the lineage its save recorded (the version it is and came from).
fn without_lineage(mut plan: merger_planner::model::Plan) -> merger_planner::model::Plan {
    plan.lineage = merger_planner::model::Lineage::default();
    plan
}
