//! What assistive technology reads and what the keyboard reaches: the AccessKit tree walked view
//! by view, the tables, charts, fields, menus and dialogs, and the director's path done with the
//! keys alone.

use super::*;
use egui::accesskit::Action;
use egui_kittest::kittest::AccessKitNode;

/// Every focusable node in the tree that lacks a name or a role, described.
fn nameless(h: &Harness<'_, App>) -> Vec<String> {
    h.root()
        .children_recursive()
        .map(|n| n.accesskit_node())
        .filter(|n| n.data().supports_action(Action::Focus) && !n.is_hidden())
        .filter(|n| {
            n.label().is_none_or(|l| l.trim().is_empty())
                || matches!(n.role(), Role::Unknown | Role::GenericContainer)
        })
        .map(|n| describe(&n))
        .collect()
}

fn describe(n: &AccessKitNode<'_>) -> String {
    let ancestor = std::iter::successors(n.parent(), AccessKitNode::parent)
        .find_map(|a| a.label())
        .unwrap_or_default();
    format!(
        "{:?} {:?} at {:?} in {ancestor:?}",
        n.role(),
        n.label(),
        n.bounding_box()
    )
}

/// The node assistive technology is told has focus (a table's cell, where a table has it): its
/// role, name and where it is on screen.
fn focused(h: &Harness<'_, App>) -> Option<(Role, String, egui::Rect)> {
    h.root()
        .children_recursive()
        .map(|n| n.accesskit_node())
        .find(AccessKitNode::is_focused)
        .map(|n| {
            let b = n.bounding_box().unwrap_or_default();
            (
                n.role(),
                n.label().unwrap_or_default(),
                egui::Rect::from_min_max(
                    egui::pos2(b.x0 as f32, b.y0 as f32),
                    egui::pos2(b.x1 as f32, b.y1 as f32),
                ),
            )
        })
}

/// Presses a key and draws until the window is still (an opening view or a scroll animates for
/// a few frames).
fn press(h: &mut Harness<'_, App>, key: Key) {
    h.key_press(key);
    h.step();
    h.step();
    let _animating = h.try_run();
}

/// Presses Tab until the focused node's name passes `is`, at most `most` times; how many.
fn tab_to(h: &mut Harness<'_, App>, most: usize, is: impl Fn(&str) -> bool) -> usize {
    for n in 1..=most {
        press(h, Key::Tab);
        if focused(h).is_some_and(|(_, name, _)| is(&name)) {
            return n;
        }
    }
    panic!(
        "Tab never reached it in {most} presses; at {:?}",
        focused(h)
    );
}

#[test]
fn every_focusable_node_in_every_view_and_dialog_has_a_name_and_a_role() {
    let (mut h, _) = harness();
    for view in View::ALL {
        click(&mut h, view.label());
        let bad = nameless(&h);
        assert!(bad.is_empty(), "{}: {bad:#?}", view.label());
    }
    for (menu, item) in [
        ("Help", "Keyboard shortcuts…"),
        ("File", "Export board pack…"),
        ("Review", "Comments…"),
    ] {
        click(&mut h, menu);
        click(&mut h, item);
        let bad = nameless(&h);
        assert!(bad.is_empty(), "{item}: {bad:#?}");
        press(&mut h, Key::Escape);
    }
}

#[test]
fn the_window_menus_and_dialogs_are_named_and_a_dialog_takes_focus() {
    let (mut h, _) = harness();
    let root = h.root().accesskit_node();
    assert!(
        root.label()
            .is_some_and(|l| l.contains("Bournemouth and Poole corporate services")),
        "the window is named after the plan: {:?}",
        root.label()
    );
    // Titles are headings; the status line is read out when it changes.
    assert!(
        h.query_all_by_role(Role::Heading).any(|n| n
            .accesskit_node()
            .label()
            .is_some_and(|l| l.ends_with("Base scenario"))),
        "the view's title is a heading"
    );
    assert!(
        h.root()
            .children_recursive()
            .any(|n| n.accesskit_node().data().live() == Some(egui::accesskit::Live::Polite)),
        "the status line is a live region"
    );
    let file = h.get_by_role_and_label(Role::MenuItem, "File");
    assert_eq!(file.accesskit_node().data().is_expanded(), Some(false));
    click(&mut h, "File");
    let file = h.get_by_role_and_label(Role::MenuItem, "File");
    assert_eq!(file.accesskit_node().data().is_expanded(), Some(true));
    // The shortcut is said apart from the name.
    let save = h.get_by_role_and_label(Role::MenuItem, "Save");
    assert!(save.accesskit_node().data().keyboard_shortcut().is_some());
    click(&mut h, "File");

    click(&mut h, "Help");
    click(&mut h, "Keyboard shortcuts…");
    let dialog = h.get_by_role(Role::Dialog);
    assert_eq!(
        dialog.accesskit_node().label().as_deref(),
        Some("Keyboard shortcuts")
    );
    let (_, name, _) = focused(&h).unwrap_or_else(|| {
        panic!(
            "focus is in the dialog: {:?}",
            h.root()
                .children_recursive()
                .map(|n| n.accesskit_node())
                .filter(|n| n.data().supports_action(Action::Focus))
                .map(|n| describe(&n))
                .collect::<Vec<_>>()
        )
    });
    let inside = dialog.accesskit_node().children().any(|_| true).then(|| {
        h.get_by_role(Role::Dialog)
            .children_recursive()
            .any(|n| n.accesskit_node().is_focused())
    });
    assert_eq!(inside, Some(true), "focus on {name:?}, inside the dialog");
}

#[test]
fn the_post_table_counts_every_row_and_the_arrow_keys_walk_it_cell_by_cell() {
    let (mut h, _) = harness();
    click(&mut h, "Establishment");
    let posts = h.state().plan().posts.len();
    let table = h.get_by_role(Role::Table);
    let data = table.accesskit_node();
    assert_eq!(
        data.data().row_count(),
        Some(posts + 1),
        "every row, and the headings"
    );
    assert_eq!(data.data().column_count(), Some(11));
    for heading in [
        "Id", "Council", "Role", "FTE", "Salary", "Status", "Outcome",
    ] {
        h.get_by_role_and_label(Role::ColumnHeader, heading);
    }

    // Tab reaches the table in one step from the field before it.
    type_into(&mut h, "Search posts", "");
    let steps = tab_to(&mut h, 40, |name| name.starts_with("Selected"));
    assert!(steps < 40);
    // The cursor starts on the headings; Down goes to the first row, Right along it.
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::ArrowRight);
    let (role, name, _) = focused(&h).expect("a cell has focus");
    assert_eq!(role, Role::Cell);
    assert_eq!(name, "Council: Bournemouth");
    assert_eq!(
        h.state().post_table().focus,
        Some(0),
        "the row's details show"
    );
    // Ctrl+End: the last row, scrolled into view, on screen.
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    for _ in 0..4 {
        h.run();
    }
    let (_, name, rect) = focused(&h).expect("a cell has focus");
    assert!(name.starts_with("Council: "), "{name}");
    assert_eq!(
        h.state().post_table().focus,
        h.state().post_table().rows().last().copied()
    );
    assert!(
        rect.top() >= 0.0 && rect.bottom() <= 1000.0,
        "the last row on screen at {rect:?}"
    );
    // Enter on a heading sorts by it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    h.run();
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::Home);
    for _ in 0..4 {
        press(&mut h, Key::ArrowRight);
    }
    let (role, name, _) = focused(&h).expect("a heading has focus");
    assert_eq!((role, name.as_str()), (Role::ColumnHeader, "FTE"));
    press(&mut h, Key::Enter);
    assert_eq!(
        h.state().post_table().sort.0,
        merger_planner::ui::views::establishment::SortBy::Fte,
        "the cursor was on FTE"
    );
    // One Tab leaves the table.
    press(&mut h, Key::Tab);
    let (role, _, _) = focused(&h).expect("focus left the table");
    assert_ne!(role, Role::Cell);
    assert_ne!(role, Role::ColumnHeader);
}

#[test]
fn every_chart_is_one_named_node_saying_its_figures() {
    let (mut h, _) = harness();
    for view in [View::Dashboard, View::Pools, View::Money, View::Timetable] {
        click(&mut h, view.label());
        let charts: Vec<_> = h
            .root()
            .children_recursive()
            .map(|n| n.accesskit_node())
            .filter(|n| n.role() == Role::Image)
            .map(|n| (n.label(), n.description()))
            .collect();
        assert!(!charts.is_empty(), "{} has charts", view.label());
        for (name, description) in charts {
            assert!(name.is_some_and(|n| !n.is_empty()), "{}", view.label());
            assert!(
                description.is_some_and(|d| d.contains("Show figures")),
                "{}",
                view.label()
            );
        }
    }
}

#[test]
fn a_tab_through_each_view_never_lands_off_screen() {
    let (mut h, _) = harness();
    for view in View::ALL {
        click(&mut h, view.label());
        press(&mut h, Key::Escape);
        let mut first = None;
        for _ in 0..70 {
            h.key_press(Key::Tab);
            for _ in 0..3 {
                h.step();
            }
            h.run();
            let Some((role, name, rect)) = focused(&h) else {
                continue;
            };
            if role == Role::Window {
                continue;
            }
            let at = (role, name.clone());
            if first.as_ref() == Some(&at) {
                break;
            }
            first.get_or_insert(at);
            let centre = rect.center();
            assert!(
                (0.0..=1600.0).contains(&centre.x) && (0.0..=1000.0).contains(&centre.y),
                "{}: {role:?} {name:?} off screen at {rect:?}",
                view.label()
            );
        }
    }
}

#[test]
fn fields_say_their_values_as_shown_and_enter_keeps_focus() {
    let (mut h, _) = harness();
    // A drop-down says what it shows.
    click(&mut h, "Establishment");
    let council = h.get_by_role_and_label(Role::ComboBox, "Show council");
    assert_eq!(
        council.accesskit_node().value().as_deref(),
        Some("All councils")
    );
    // On Linux a drop-down's value is not carried: its description leads with it.
    assert!(
        council
            .accesskit_node()
            .description()
            .is_some_and(|d| d.starts_with("All councils")),
    );
    // Choosing an option as a screen reader does (its "press") closes the list.
    h.get_by_role_and_label(Role::ComboBox, "Show council")
        .click();
    h.run();
    h.query_all_by_role(Role::ListBoxOption)
        .find(|n| n.accesskit_node().label().as_deref() == Some("Poole"))
        .expect("Poole is an option")
        .click_accesskit();
    h.run();
    assert_eq!(
        h.query_all_by_role(Role::ListBoxOption).count(),
        0,
        "the list closed"
    );
    let council = h.get_by_role_and_label(Role::ComboBox, "Show council");
    assert_eq!(council.accesskit_node().value().as_deref(), Some("Poole"));
    click(&mut h, "Clear filters");
    // A slider says its value with its unit, as shown.
    click(&mut h, "Dashboard");
    let slider = h.get_by_role_and_label(Role::Slider, "VR multiplier, every council");
    slider.set_value_accesskit(1.75);
    h.run();
    let slider = h.get_by_role_and_label(Role::Slider, "VR multiplier, every council");
    assert_eq!(slider.accesskit_node().value().as_deref(), Some("× 1.75"));
    // Orca hears the number from AT-SPI and the value as shown, then the help, from the
    // description.
    let description = slider.accesskit_node().description().unwrap_or_default();
    assert!(description.starts_with("× 1.75. The "), "{description}");
    // A percentage says its sign, and a rate no float noise.
    click(&mut h, "Assumptions");
    let shown: Vec<String> = h
        .root()
        .children_recursive()
        .map(|n| n.accesskit_node())
        .filter(|n| matches!(n.role(), Role::SpinButton | Role::Slider))
        .filter_map(|n| n.value())
        .filter(|v| v.ends_with('%'))
        .collect();
    assert!(!shown.is_empty());
    assert!(
        shown.iter().all(|v| v.len() < 10),
        "no float noise: {shown:?}"
    );
    // Enter commits a typed number and leaves focus on the field.
    focus_post(&mut h, "BOU-00002");
    let fte = h.get_by_role_and_label(Role::SpinButton, "Post FTE");
    fte.focus();
    h.run();
    // A number field with focus is typed into straight away.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("0.5".to_owned()));
    h.run();
    press(&mut h, Key::Enter);
    assert!((h.state().plan().posts[1].fte - 0.5).abs() < 1e-9);
    h.run();
    assert!(
        h.query_all_by_label("Post FTE")
            .any(|n| n.accesskit_node().is_focused()),
        "focus stays on the field: {:?}",
        focused(&h)
    );
}

/// Presses Tab until a node of `role` whose name passes `is` has focus, then `key` on it.
fn tab_and_press(h: &mut Harness<'_, App>, role: Role, is: impl Fn(&str) -> bool, key: Key) {
    for _ in 0..200 {
        press(h, Key::Tab);
        if focused(h).is_some_and(|(r, name, _)| r == role && is(&name)) {
            press(h, key);
            for _ in 0..3 {
                h.step();
            }
            h.run();
            return;
        }
    }
    panic!("Tab never reached a {role:?}; at {:?}", focused(h));
}

#[test]
fn the_keyboard_alone_imports_sets_a_target_reads_pools_and_money_and_exports_the_papers() {
    let dir = tempfile::tempdir().expect("a folder");
    let csv = dir.path().join("ashby.csv");
    std::fs::write(
        &csv,
        "council,function,role,post_id,fte,salary,vacant,date_of_birth,service_start\n\
         Poole,Finance,Accountant,K1,1,38000,no,1970-01-01,2000-01-01\n\
         Poole,Finance,Accountant,K2,1,36000,no,1982-05-01,2011-01-01\n",
    )
    .expect("written");
    let (mut h, dialogs) = harness();
    let posts = h.state().plan().posts.len();
    // Import: Ctrl+I, the file, then Tab to the dialog's Import button and Enter.
    dialogs.answer(Some(csv));
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    settle_import(&mut h);
    assert!(h.state().import_state().is_some());
    tab_and_press(
        &mut h,
        Role::RadioButton,
        |n| n == "Add to the council's posts",
        Key::Space,
    );
    settle_import(&mut h);
    tab_and_press(&mut h, Role::Button, |n| n == "Import 2 posts", Key::Enter);
    settle_import(&mut h);
    assert_eq!(h.state().plan().posts.len(), posts + 2, "imported");

    // A target: the Target structure tab, a role, its target typed and Enter.
    press(&mut h, Key::Escape);
    tab_and_press(
        &mut h,
        Role::Button,
        |n| n == "Target structure",
        Key::Enter,
    );
    let role = h.state().plan().roles[0].clone();
    let start = format!("{} — target", role.title);
    tab_and_press(
        &mut h,
        Role::Button,
        |n| n.trim_start().starts_with(&start),
        Key::Enter,
    );
    for _ in 0..60 {
        press(&mut h, Key::Tab);
        if focused(&h).is_some_and(|(_, n, _)| n == "Role target FTE") {
            break;
        }
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("3".to_owned()));
    press(&mut h, Key::Enter);
    assert!(
        (h.state().plan().roles[0].target_fte - 3.0).abs() < 1e-9,
        "the target is set"
    );

    // The pools and the money, read as a screen reader reads them.
    press(&mut h, Key::Escape);
    tab_and_press(&mut h, Role::Button, |n| n == "Pools", Key::Enter);
    assert!(h.query_all_by_role(Role::Table).any(|t| {
        t.accesskit_node()
            .label()
            .is_some_and(|l| l.starts_with("Leavers: "))
    }));
    press(&mut h, Key::Escape);
    tab_and_press(&mut h, Role::Button, |n| n == "Money", Key::Enter);
    assert!(h.query_all_by_role(Role::Image).count() >= 3);

    // The papers: File, then the menu's items with the arrow keys.
    press(&mut h, Key::Escape);
    tab_and_press(&mut h, Role::MenuItem, |n| n == "File", Key::Space);
    for _ in 0..30 {
        press(&mut h, Key::ArrowDown);
        if focused(&h).is_some_and(|(_, n, _)| n == "Export board pack…") {
            break;
        }
    }
    press(&mut h, Key::Enter);
    h.get_by_role_and_label(Role::Dialog, "Export board pack");
    dialogs.answer(Some(dir.path().join("pack")));
    tab_and_press(&mut h, Role::Button, |n| n == "Export…", Key::Enter);
    finish_file_job(&mut h);
    assert!(
        h.state().message().starts_with("Exported the board pack"),
        "{}",
        h.state().message()
    );
    assert!(dir.path().join("pack.pdf").exists());
}

#[test]
fn the_scenarios_role_targets_and_comparison_are_tables() {
    let (mut h, _) = harness();
    click(&mut h, "Scenarios");
    // A scenario of its own shows its roles' targets and pay.
    click(&mut h, "Add scenario");
    let tables: Vec<(String, Option<usize>)> = h
        .query_all_by_role(Role::Table)
        .map(|t| {
            let n = t.accesskit_node();
            (n.label().unwrap_or_default(), n.data().row_count())
        })
        .collect();
    let roles = h.state().plan().roles.len();
    assert!(
        tables
            .iter()
            .any(|(name, rows)| name.starts_with("Targets and pay by role")
                && *rows == Some(roles + 1)),
        "{tables:?}"
    );
    assert!(
        tables
            .iter()
            .any(|(name, _)| name.starts_with("Scenarios compared")),
        "{tables:?}"
    );
}
