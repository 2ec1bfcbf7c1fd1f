//! Importing HR exports: the dialog maps, checks, imports and undoes; mappings and the template.

use super::*;

#[test]
fn an_hr_export_dropped_on_the_window_is_mapped_checked_imported_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wareham-establishment.csv");
    // A council's export: its own post reference heading, a service the app cannot place, and
    // a bad FTE on row 4 (row 1 is a title).
    std::fs::write(
        &path,
        "Wareham Town Council establishment;;;;;;;\r\n\
         Ref;Job Title;Service;FTE;Annual Salary;Status;DOB;CSD\r\n\
         W1;Accountant;Revenues;1;£31,000;Filled;14/03/1966;13/09/1995\r\n\
         W2;HR Officer;People Services;1.5;£29,000;Filled;23/07/1979;12/01/2004\r\n\
         W3;Gardener;Parks & Gardens;1;£22,000;Vacant;;\r\n\
         W4;HR Officer;People Services;0.5;£29,000;Filled;02/11/1990;04/04/2016\r\n",
    )
    .unwrap();
    let (mut h, _) = harness();
    let before = h.state().plan().clone();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    settle_import(&mut h);
    assert!(
        h.state().import_state().is_some(),
        "the import dialog opens"
    );
    assert_eq!(h.state().plan(), &before, "nothing changes until Import");
    h.get_by_label_contains("Import establishment from wareham-establishment.csv");

    h.get_by_role_and_label(Role::TextInput, "Council name")
        .click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "Council name")
        .type_text("Wareham Town Council");
    h.run_steps(2);
    h.key_press(Key::Enter);
    settle_import(&mut h);
    // The post reference is not a heading the guesser knows: map it by hand.
    choose_last(&mut h, "A: Ref", "Post ID");
    settle_import(&mut h);
    // Parks & Gardens would be a new function: map it to Other support.
    choose_last(&mut h, "Parks & Gardens (1 row)", "Other support");
    settle_import(&mut h);
    // The bad row is named with its spreadsheet row and heading.
    h.get_by_label_contains("row 4, column 'FTE': 1.5");
    assert!(
        !h.state()
            .import_state()
            .unwrap()
            .checked
            .as_ref()
            .unwrap()
            .can_import()
    );
    click_in_import(
        &mut h,
        "Skip the 1 row with problems (they are named in the summary)",
    );
    click_in_import(&mut h, "Import 3 posts");
    assert!(h.state().import_state().is_none(), "the dialog closes");
    let plan = h.state().plan();
    let wareham = plan
        .councils
        .iter()
        .find(|c| c.name == "Wareham Town Council")
        .expect("the new council");
    let posts: Vec<_> = plan
        .posts
        .iter()
        .filter(|p| p.council == wareham.id)
        .collect();
    assert_eq!(posts.len(), 3);
    assert_eq!(posts[0].id, "W1");
    let gardener = posts.iter().find(|p| p.id == "W3").unwrap();
    assert_eq!(
        plan.function(&gardener.function).unwrap().name,
        "Other support"
    );
    assert!(h.state().is_dirty());
    // The mapping is remembered for files laid out the same way.
    assert_eq!(h.state().preferences().import_mappings.len(), 1);

    // The whole import is one undo step.
    command(&mut h, Key::Z);
    assert_eq!(h.state().plan(), &before);
    command_shift(&mut h, Key::Z);
    assert_eq!(h.state().plan().posts.len(), before.posts.len() + 3);
}

/// The import dialog draws itself again until it has settled, so it shows whole without
/// waiting for the mouse to move: once the window stops asking to be drawn, the dialog no
/// longer moves.
#[test]
fn the_import_dialog_settles_without_the_mouse_moving() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wareham.csv");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/town-council-abbreviated.csv"),
        &path,
    )
    .unwrap();
    let dialogs = ScriptedDialogs::default();
    let app = App::new(example_plan(), None).with_dialogs(Box::new(dialogs.clone()));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(200)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    for _ in 0..3 {
        h.state_mut().finish_import();
        h.run();
    }
    let cancel = |h: &Harness<'_, App>| h.get_by_label("Cancel").rect();
    let settled = cancel(&h);
    h.run_steps(30);
    assert_eq!(
        cancel(&h),
        settled,
        "the dialog had not settled when drawing stopped"
    );
}

#[test]
fn file_import_asks_for_a_file_and_cancel_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("targets.csv");
    std::fs::write(
        &path,
        "Function,Role,Target FTE,Target salary\nFinance,Systems accountant,2,\"£45,000\"\n",
    )
    .unwrap();
    let (mut h, dialogs) = harness();
    let before = h.state().plan().clone();
    dialogs.answer(Some(path.clone()));
    click(&mut h, "File");
    h.get_by_label("Import target structure…").click();
    settle_import(&mut h);
    h.get_by_label_contains("Import target structure from targets.csv");
    h.get_by_label("Cancel").click();
    settle_import(&mut h);
    assert!(h.state().import_state().is_none());
    assert_eq!(h.state().plan(), &before);

    // Ctrl+I opens the establishment import; a cancelled file dialog opens nothing.
    dialogs.answer(None);
    command(&mut h, Key::I);
    assert!(h.state().import_state().is_none());
    assert_eq!(dialogs.asked(), 2);

    dialogs.answer(Some(path));
    click(&mut h, "File");
    h.get_by_label("Import target structure…").click();
    settle_import(&mut h);
    click_in_import(&mut h, "Import 1 role");
    let role = h
        .state()
        .plan()
        .roles
        .iter()
        .find(|r| r.title == "Systems accountant")
        .expect("the new role");
    assert!((role.target_fte - 2.0).abs() < 1e-12);
}

#[test]
fn opening_a_csv_imports_it_instead_of_calling_it_not_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.csv");
    std::fs::write(&path, merger_planner::import::template::csv()).unwrap();
    let (mut h, dialogs) = harness();
    dialogs.answer(Some(path));
    // The import dialog draws itself again until it has settled: no `run` until still.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle_import(&mut h);
    assert!(h.state().dialog().is_none(), "no error dialog");
    h.get_by_label_contains("Import establishment from staff.csv");
    // The template's council is the example's Poole: a new council by that name is refused.
    h.get_by_label_contains("is already in the plan; choose 'Replace the council's posts'");
}

#[test]
fn a_councils_assumed_settings_are_marked_until_confirmed() {
    let (mut h, _) = harness();
    click(&mut h, "Councils");
    click(&mut h, "Add council");
    let added = h.state().plan().councils.last().unwrap().clone();
    assert!(added.assumed);
    h.get_by_label_contains("Assumed: the LGPS rate, redundancy scheme");
    click(&mut h, "Confirm these settings");
    assert!(!h.state().plan().councils.last().unwrap().assumed);
    assert!(
        h.query_by_label_contains("Assumed: the LGPS rate")
            .is_none()
    );
    // Confirming is an edit like any other: undone, the council is assumed again.
    command(&mut h, Key::Z);
    assert!(h.state().plan().councils.last().unwrap().assumed);
}

#[test]
fn help_saves_the_establishment_template_as_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, dialogs) = harness();
    dialogs.answer(Some(dir.path().join("template")));
    click(&mut h, "Help");
    click(&mut h, "Save an establishment template…");
    let csv = std::fs::read_to_string(dir.path().join("template.csv")).unwrap();
    assert!(csv.starts_with("council,function,role,post_id"), "{csv}");
    assert!(dir.path().join("template.xlsx").exists());
}

#[test]
fn an_import_mapping_is_saved_and_loaded_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dates.csv");
    std::fs::write(
        &path,
        "Post No,Job Title,FTE,Salary,DOB,Start Date\nQ1,Clerk,1,22000,01/02/1970,03/04/1999\n",
    )
    .unwrap();
    let (mut h, dialogs) = harness();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    settle_import(&mut h);
    // Every date could be read either way: the dialog asks, for both date columns.
    assert_eq!(
        h.query_all_by_label_contains("every date could be day-first")
            .count(),
        2
    );
    choose_last(&mut h, "Order of dates", "Month first (03/14/1966)");
    settle_import(&mut h);
    let mapping = dir.path().join("dates-mapping.ron");
    dialogs.answer(Some(mapping.clone()));
    h.get_by_label("Save mapping…").click();
    settle_import(&mut h);
    let saved =
        merger_planner::import::Mapping::from_ron(&std::fs::read_to_string(&mapping).unwrap())
            .unwrap();
    assert_eq!(
        saved.date_order,
        Some(merger_planner::import::values::DateOrder::MonthFirst)
    );
    // A mapping loaded from a file replaces the choices.
    std::fs::write(&mapping, "(format_version: 1, date_order: Some(DayFirst))").unwrap();
    dialogs.answer(Some(mapping));
    h.get_by_label("Load mapping…").click();
    settle_import(&mut h);
    let state = h.state().import_state().unwrap();
    assert_eq!(
        state.options.mapping.date_order,
        Some(merger_planner::import::values::DateOrder::DayFirst)
    );
}

#[test]
fn a_title_row_naming_the_council_is_offered_and_the_name_is_checked_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("northam-2024.csv");
    std::fs::write(
        &path,
        "Northam District Council - Establishment,,,,\n\
         Post No,Job Title,Service,FTE,Salary\n\
         N1,Accountant,Finance,1,\"£31,000\"\n\
         N2,HR Officer,HR,0.5,\"£29,000\"\n\
         N3,ICT Analyst,IT,1,\"£33,000\"\n",
    )
    .unwrap();
    let (mut h, _) = harness();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    settle_import(&mut h);
    // Only the name is missing: the rows are counted, not "0 posts to import".
    h.get_by_label_contains("3 rows of posts read: name their council to import them");
    assert!(h.query_by_label_contains("0 posts to import").is_none());
    h.get_by_label_contains("row 1 names \"Northam District Council\"");
    // The title's name, offered and taken with one click.
    click_in_import(
        &mut h,
        "Use \u{201c}Northam District Council\u{201d} (row 1 of the file)",
    );
    settle_import(&mut h);
    h.get_by_label_contains("3 posts to import; new council Northam District Council (3 posts)");
    // A name typed is checked as it is typed, before the field is left.
    scroll_to_still(&mut h, Some(Role::TextInput), "Council name");
    h.get_by_role_and_label(Role::TextInput, "Council name")
        .click();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Council name")
        .type_text("Northam DC");
    h.run_steps(2);
    // Neither Enter nor Tab: the field still has the keyboard.
    settle_import(&mut h);
    assert_eq!(
        h.state().import_state().unwrap().options.council,
        "Northam DC"
    );
    h.get_by_label_contains("3 posts to import; new council Northam DC (3 posts)");
}
