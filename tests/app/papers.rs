//! Papers out of the app: the leavers list, the workbook, CSV files, Word drafts, the board pack, and tables copied and saved.

use super::*;

#[test]
fn pools_list_every_leaver_filtered_and_sorted() {
    let (mut h, _) = harness();
    click(&mut h, "Pools");
    let all = h.state_mut().outcome().people.len();
    let voluntary = h
        .state_mut()
        .outcome()
        .people
        .iter()
        .filter(|p| p.kind() == "voluntary")
        .count();
    assert!(voluntary > 0 && voluntary < all);
    h.get_by_label_contains(&format!("Showing {all} of {all} people"));
    choose_last(&mut h, "Kind", "Voluntary");
    h.get_by_label_contains(&format!("Showing {voluntary} of {all} people"));
    // The first volunteer's post is found by its id.
    let first = {
        let app = h.state_mut();
        let o = app.outcome().clone();
        let p = o.people.iter().find(|p| p.kind() == "voluntary").unwrap();
        app.plan().posts[p.post].id.clone()
    };
    type_into(&mut h, "Find leavers", &first);
    h.get_by_label_contains(&format!("Showing 1 of {all} people"));
    // Sorting by total, then again to reverse: the largest package first.
    h.get_by_role_and_label(Role::TextInput, "Find leavers")
        .click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label_contains(&format!("Showing {voluntary} of {all} people"));
    click_button(&mut h, "Total");
    assert_eq!(h.state().leavers().sort, Some((9, false)));
    click_button(&mut h, "Total");
    assert_eq!(h.state().leavers().sort, Some((9, true)));
}

#[test]
fn the_figures_export_to_excel_and_csv_through_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, dialogs) = harness();
    // Excel, anonymised: the leavers cannot be chosen with it.
    click(&mut h, "File");
    click(&mut h, "Export to Excel…");
    h.get_by_label("Export to Excel");
    click(&mut h, "Anonymised");
    assert!(
        h.query_by_label("Include the leavers (OFFICIAL-SENSITIVE)")
            .is_some_and(|n| n.accesskit_node().is_disabled()),
        "no leavers in anonymised papers"
    );
    dialogs.answer(Some(dir.path().join("papers")));
    // Protecting an anonymised release takes a moment: it is done off the window's thread,
    // the window drawing on (a spinner turns).
    h.get_by_label("Export…").click();
    h.step();
    h.step();
    assert!(h.state().message().starts_with("Exporting"));
    finish_file_job(&mut h);
    let xlsx = dir.path().join("papers.xlsx");
    assert!(xlsx.exists(), "the .xlsx added");
    assert!(
        h.state().message().starts_with("Exported"),
        "{}",
        h.state().message()
    );
    assert!(
        h.state().message().contains("fewer than 5"),
        "an anonymised export says what it hid: {}",
        h.state().message()
    );
    let book = calamine::open_workbook_auto(&xlsx).unwrap();
    assert!(book.sheet_names().contains(&"By financial year".to_owned()));
    assert!(!book.sheet_names().contains(&"Leavers".to_owned()));
    // CSV, with the leavers, into a folder.
    let folder = dir.path().join("tables");
    std::fs::create_dir(&folder).unwrap();
    click(&mut h, "File");
    click(&mut h, "Export tables as CSV…");
    click(&mut h, "Include the leavers (OFFICIAL-SENSITIVE)");
    dialogs.answer(Some(folder.clone()));
    click(&mut h, "Export…");
    assert!(folder.join("01-summary.csv").exists());
    assert!(folder.join("10-equality.csv").exists());
    assert!(folder.join("13-leavers.csv").exists());
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 13);
}

#[test]
fn a_charts_figures_copy_as_a_table_and_export_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, dialogs) = harness();
    h.get_by_label("Copy figures: Headcount overlap").click();
    h.step();
    let copied = copied(&h).expect("copied to the clipboard");
    let mut lines = copied.lines();
    let headings = lines.next().unwrap();
    assert!(headings.contains('\t'), "tab-separated: {headings}");
    assert!(lines.any(|l| l.starts_with("Finance\t")), "{copied}");
    h.run();
    assert!(h.state().message().starts_with("Copied Headcount overlap"));
    dialogs.answer(Some(dir.path().join("overlap")));
    h.get_by_label("Export CSV: Headcount overlap…").click();
    h.run();
    let csv = std::fs::read_to_string(dir.path().join("overlap.csv")).unwrap();
    assert_eq!(csv.lines().count(), copied.lines().count());
    assert!(csv.lines().any(|l| l.starts_with("Finance,")), "{csv}");
}

#[test]
fn the_leavers_shown_copy_as_a_table() {
    let (mut h, _dialogs) = harness();
    click(&mut h, "Pools");
    h.get_by_label("Copy figures: Leavers").scroll_to_me();
    h.run();
    h.get_by_label("Copy figures: Leavers").click();
    h.step();
    let text = copied(&h).expect("copied");
    let people = h.state_mut().derived().outcome.people.len();
    assert_eq!(
        text.lines().count(),
        people + 1,
        "a heading line and a line a person"
    );
    assert!(text.lines().next().unwrap().starts_with("Post\t"), "{text}");
}

#[test]
fn the_consultation_drafts_export_through_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, dialogs) = harness();
    dialogs.answer(Some(dir.path().to_path_buf()));
    click(&mut h, "File");
    click(&mut h, "Export consultation drafts…");
    h.get_by_label("Export consultation drafts");
    click(&mut h, "Export…");
    assert!(
        h.state().message().starts_with("Exported 4 drafts"),
        "{}",
        h.state().message()
    );
    assert!(dir.path().join("hr1-poole.docx").exists());
    assert!(dir.path().join("s188-letter-bournemouth.docx").exists());
}

#[test]
fn the_board_pack_exports_through_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, dialogs) = harness();
    click(&mut h, "File");
    click(&mut h, "Export board pack…");
    h.get_by_label("Export board pack");
    assert!(
        h.query_by_label("Include the leavers (OFFICIAL-SENSITIVE)")
            .is_none(),
        "the pack never lists people"
    );
    click(&mut h, "Anonymised");
    dialogs.answer(Some(dir.path().join("pack")));
    // Anonymised, the pack is protected and drawn off the window's thread.
    h.get_by_label("Export…").click();
    h.step();
    h.step();
    assert!(h.state().message().starts_with("Exporting"));
    finish_file_job(&mut h);
    assert!(
        h.state().message().starts_with("Exported the board pack"),
        "{}",
        h.state().message()
    );
    assert!(
        h.state().message().contains("fewer than 5"),
        "it says what it hid: {}",
        h.state().message()
    );
    assert!(
        std::fs::read(dir.path().join("pack.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}

#[test]
fn the_posts_shown_and_the_councils_share_copy_as_tables() {
    let (mut h, _dialogs) = harness();
    h.get_by_label("Copy figures: Each council's share")
        .scroll_to_me();
    h.run();
    h.get_by_label("Copy figures: Each council's share").click();
    h.step();
    let councils = copied(&h).expect("copied");
    assert!(
        councils.contains("Bournemouth Borough Council\t"),
        "{councils}"
    );
    // They share £5,084,930.77 a year 50:50, rounded once on each council's total: £2,542,465.39
    // and £2,542,465.38 (halving each function apart gave the first every odd penny).
    assert!(
        councils.contains("£2,542,465.39") && councils.contains("£2,542,465.38"),
        "to the penny: {councils}"
    );
    h.run();
    click(&mut h, "Establishment");
    h.get_by_label("Copy figures: Posts").click();
    h.step();
    let posts = copied(&h).expect("copied");
    assert_eq!(posts.lines().count(), h.state().plan().posts.len() + 1);
    assert!(
        posts.lines().next().unwrap().ends_with("Status\tOutcome"),
        "{posts}"
    );
    assert!(
        posts
            .lines()
            .any(|l| l.starts_with("BOU-00001\tBournemouth\tFinance\tHead of finance")),
        "{posts}"
    );
}
