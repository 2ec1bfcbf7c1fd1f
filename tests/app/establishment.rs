//! The establishment: posts, councils, roles and functions edited, filtered, selected and walked with the keys; costs besides posts and pay changes.

use super::*;

#[test]
fn changing_a_posts_fte_changes_the_saving_and_undo_and_redo_follow() {
    let (mut h, _) = harness();
    let before = saving(&mut h);
    focus_post(&mut h, "BOU-00002");
    assert_eq!(h.state().post_table().focus, Some(1));
    set_number(&mut h, "Post FTE", 0.5);
    assert!((h.state().plan().posts[1].fte - 0.5).abs() < 1e-9);
    let after = saving(&mut h);
    assert_ne!(after, before, "the recurring saving moves with the edit");
    assert!(h.state().is_dirty());
    assert!(h.state().title().contains("● unsaved"));

    command(&mut h, Key::Z);
    assert!(
        (h.state().plan().posts[1].fte - 1.0).abs() < 1e-9,
        "Ctrl+Z restores the FTE"
    );
    assert_eq!(saving(&mut h), before);
    assert!(!h.state().is_dirty(), "back to the plan as opened");

    command_shift(&mut h, Key::Z);
    assert!(
        (h.state().plan().posts[1].fte - 0.5).abs() < 1e-9,
        "Ctrl+Shift+Z repeats it"
    );
    assert_eq!(saving(&mut h), after);

    command(&mut h, Key::Z);
    command(&mut h, Key::Y);
    assert_eq!(saving(&mut h), after, "Ctrl+Y repeats it too");

    click(&mut h, "Edit");
    h.get_by_label_contains("Undo Post BOU-00002 FTE 1.0 → 0.5")
        .click();
    h.run();
    assert_eq!(saving(&mut h), before, "and so does the Edit menu");
}

#[test]
fn a_typed_value_is_one_undo_step() {
    let (mut h, _) = harness();
    click(&mut h, "Assumptions");
    h.get_by_role_and_label(Role::TextInput, "Plan name")
        .click();
    h.run();
    h.key_press(Key::End);
    h.run();
    for ch in [" ", "v", "2"] {
        h.get_by_role_and_label(Role::TextInput, "Plan name")
            .type_text(ch);
        h.run();
    }
    assert!(h.state().plan().name.ends_with(" v2"));
    h.key_press(Key::Escape);
    h.run();
    command(&mut h, Key::Z);
    assert_eq!(
        h.state().plan().name,
        "Bournemouth and Poole corporate services"
    );
}

#[test]
fn adding_a_council_and_giving_it_posts() {
    let (mut h, _) = harness();
    click(&mut h, "Councils");
    click(&mut h, "Add council");
    assert_eq!(h.state().plan().councils.len(), 3);
    type_into(&mut h, "Council name", "Christchurch Borough Council");
    type_into(&mut h, "Short name", "Christchurch");
    let id = h.state().plan().councils[2].id.clone();
    assert_eq!(
        h.state().plan().councils[2].name,
        "Christchurch Borough Council"
    );

    click(&mut h, "Establishment");
    choose(&mut h, "Show council", "Christchurch");
    h.get_by_label_contains("Showing 0 of 639 posts:");
    click(&mut h, "Add post");
    click(&mut h, "Add post");
    let theirs = h
        .state()
        .plan()
        .posts
        .iter()
        .filter(|p| p.council == id)
        .count();
    assert_eq!(theirs, 2);
    h.get_by_label_contains("Showing 2 of 641 posts:");
    h.get_by_label("Christchurch (2)");
    assert!(
        h.state_mut()
            .derived()
            .problems
            .iter()
            // Its default settings are marked assumed until confirmed; nothing else is wrong.
            .all(|p| p.location != Location::Council(id.clone()) || p.field == "assumed")
    );
}

#[test]
fn deleting_a_role_with_posts_asks_where_they_go() {
    let (mut h, _) = harness();
    let posts = h
        .state()
        .plan()
        .posts
        .iter()
        .filter(|p| p.role == "finance-finance-manager")
        .count();
    assert!(posts > 0);
    let roles = h.state().plan().roles.len();
    click(&mut h, "Finance (8 roles, 161 posts)");
    click(&mut h, &format!("Finance manager ({posts})"));
    assert_eq!(h.state().view(), View::Target);
    click(&mut h, "Delete role…");
    assert!(matches!(h.state().dialog(), Some(Dialog::Delete { .. })));
    click(&mut h, "Cancel");
    assert_eq!(h.state().plan().roles.len(), roles, "cancel keeps the role");

    click(&mut h, "Delete role…");
    choose(&mut h, "Move them to", "Senior accountant");
    click(&mut h, "Move and delete");
    let plan = h.state().plan();
    assert_eq!(plan.roles.len(), roles - 1);
    assert!(
        plan.posts
            .iter()
            .all(|p| p.role != "finance-finance-manager")
    );
    assert_eq!(plan.posts.len(), 639, "the posts moved, none deleted");

    command(&mut h, Key::Z);
    click(&mut h, &format!("Finance manager ({posts})"));
    click(&mut h, "Delete role…");
    click(&mut h, "Delete them too");
    assert_eq!(h.state().plan().posts.len(), 639 - posts);
}

#[test]
fn filtering_the_post_table() {
    let (mut h, _) = harness();
    click(&mut h, "Establishment");
    choose(&mut h, "Show posts", "Vacant only");
    let vacant = h
        .state()
        .plan()
        .posts
        .iter()
        .filter(|p| p.holder.is_none())
        .count();
    assert_eq!(h.state().post_table().rows().len(), vacant);
    h.get_by_label_contains(&format!("Showing {vacant} of 639 posts:"));
    choose(&mut h, "Show council", "Poole");
    let plan = h.state().plan();
    let rows = h.state().post_table().rows();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|&i| plan.posts[i].holder.is_none() && plan.posts[i].council == "poole")
    );
    click(&mut h, "Clear filters");
    type_into(&mut h, "Search posts", "POO-0001");
    let rows = h.state().post_table().rows().to_vec();
    assert!(
        rows.iter()
            .all(|&i| h.state().plan().posts[i].id.contains("POO-0001"))
    );
    assert_eq!(rows.len(), 10, "POO-00010 to POO-00019");
    click_button(&mut h, "Salary");
    let rows = h.state().post_table().rows().to_vec();
    let salaries: Vec<_> = rows
        .iter()
        .map(|&i| h.state().plan().posts[i].salary)
        .collect();
    assert!(
        salaries.windows(2).all(|w| w[0] <= w[1]),
        "sorted by salary"
    );
}

#[test]
fn selecting_many_posts_and_reassigning_their_role_in_one_step() {
    let (mut h, _) = harness();
    click(&mut h, "Establishment");
    type_into(&mut h, "Search posts", "POO-0001");
    click(&mut h, "Select all shown");
    h.get_by_label("10 selected");
    choose(&mut h, "Reassign role", "Head of HR");
    let plan = h.state().plan();
    let role = plan
        .roles
        .iter()
        .find(|r| r.title == "Head of HR")
        .unwrap()
        .id
        .clone();
    assert!(
        plan.posts
            .iter()
            .filter(|p| p.id.starts_with("POO-0001"))
            .all(|p| p.role == role)
    );
    command(&mut h, Key::Z);
    assert_eq!(h.state().plan(), &example_plan(), "one step undoes all ten");
}

#[test]
fn a_go_live_before_the_timetable_allows_shows_the_flag() {
    let (mut h, _) = harness();
    assert!(
        h.state_mut()
            .outcome()
            .councils
            .iter()
            .all(|c| c.timetable.meets_go_live)
    );
    click(&mut h, "Assumptions");
    type_into(&mut h, "Go-live", "2017-11-01");
    assert_eq!(h.state().plan().programme.go_live.to_string(), "2017-11-01");
    click(&mut h, "Timetable");
    assert!(
        h.state_mut()
            .outcome()
            .councils
            .iter()
            .any(|c| !c.timetable.meets_go_live)
    );
    assert_eq!(
        h.get_all_by_label("No").count(),
        2,
        "neither council meets go-live"
    );
    assert!(
        h.query_all_by_label_contains("Warning: ").count() >= 2,
        "the reasons are shown"
    );
}

#[test]
fn a_date_that_is_not_a_date_is_refused_with_the_reason() {
    let (mut h, _) = harness();
    click(&mut h, "Assumptions");
    h.get_by_role_and_label(Role::TextInput, "Go-live").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Go-live")
        .type_text("2018-02-30");
    h.run();
    h.get_by_label("Type a date as YYYY-MM-DD");
    assert_eq!(h.state().plan().programme.go_live.to_string(), "2018-04-01");
    assert!(!h.state().is_dirty());
}

#[test]
fn the_arrow_keys_walk_the_post_table() {
    let (mut h, _) = harness();
    click(&mut h, "Establishment");
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().post_table().focus, Some(0), "the first post");
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().post_table().focus, Some(2));
    h.get_by_label("Post BOU-00003");
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(h.state().post_table().focus, Some(1));
    choose(&mut h, "Show posts", "Vacant only");
    h.key_press(Key::ArrowDown);
    h.run();
    let plan = h.state().plan();
    let focus = h.state().post_table().focus.unwrap();
    assert!(
        plan.posts[focus].holder.is_none(),
        "moves through the rows shown"
    );
}

#[test]
fn the_post_table_shows_each_posts_outcome_and_package() {
    let (mut h, _) = harness();
    click(&mut h, "Establishment");
    let (id, text) = {
        let app = h.state_mut();
        let o = app.outcome().clone();
        let p = o
            .people
            .iter()
            .find(|p| p.post == 0)
            .expect("the first post is affected");
        assert_eq!(p.kind(), "voluntary");
        (
            app.plan().posts[0].id.clone(),
            format!("VR, {}", p.counted().total().full()),
        )
    };
    h.get_by_label(&id);
    h.get_by_label(&text);
    h.get_by_role_and_label(Role::ColumnHeader, "Outcome");
}

/// A saving or cost besides posts, added in the Assumptions view, moves the saving by exactly
/// its amount (from go-live, a full year) and undoes in one step.
#[test]
fn a_cost_besides_posts_moves_the_saving_by_its_amount() {
    let (mut h, _) = harness();
    let before = saving(&mut h);
    click(&mut h, "Assumptions");
    click(&mut h, "Add a saving or cost");
    h.get_by_role_and_label(Role::SpinButton, "Amount of line 1")
        .scroll_to_me();
    h.run();
    set_number(&mut h, "Amount of line 1", 9_000.0);
    assert_eq!(
        saving(&mut h) - before,
        merger_planner::model::Money::pounds(9_000),
        "a saving a year from go-live"
    );
    choose_last(&mut h, "Kind of line 1", "Cost a year");
    assert_eq!(
        before - saving(&mut h),
        merger_planner::model::Money::pounds(9_000),
        "the added capacity costs what it says"
    );
    // Its own step of the waterfall.
    let o = h.state_mut().outcome().clone();
    assert_eq!(
        o.waterfall.lines,
        merger_planner::model::Money::pounds(-9_000)
    );
    command(&mut h, Key::Z);
    command(&mut h, Key::Z);
    command(&mut h, Key::Z);
    assert!(h.state().plan().assumptions.lines.is_empty());
    assert_eq!(saving(&mut h), before);
}

/// A pay change by band, set in the Assumptions view: its saving shows as a sentence and in the
/// saving, and the Southampton plan's scenario without it saves less.
#[test]
fn a_pay_change_by_band_is_set_and_its_worth_in_posts_is_said() {
    let (mut h, _) = harness();
    let before = saving(&mut h);
    click(&mut h, "Assumptions");
    click(&mut h, "Change pay by salary band");
    let change = h
        .state()
        .plan()
        .assumptions
        .pay_change
        .clone()
        .expect("a pay change");
    assert_eq!(change.bands.len(), 1, "one band to start from");
    h.get_by_role_and_label(Role::SpinButton, "Cut of band 1")
        .scroll_to_me();
    h.run();
    set_number(&mut h, "Cut of band 1", 2.0);
    let after = saving(&mut h);
    assert!(after > before, "a 2% cut for everyone who stays saves");
    let o = h.state_mut().outcome().clone();
    let p = o.pay_change.expect("computed");
    assert_eq!(after - before, p.saving, "the saving is the pay change's");
    h.get_by_label_contains(&format!("Saves {} a year with on-costs", p.saving.whole()));
    // Imposed by dismissal and re-engagement: everyone it applies to is proposed.
    click(&mut h, "Imposed by dismissal and re-engagement");
    let o = h.state_mut().outcome().clone();
    let proposed: u32 = o.councils.iter().map(|c| c.proposed_redundancies).sum();
    assert!(
        proposed >= p.people,
        "{proposed} proposed, {} re-engaged",
        p.people
    );
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == merger_planner::engine::FlagKind::DismissalReengagement)
    );
}

/// A role's details say who gains and who loses when its pay is harmonised, and protecting
/// harmonised pay that falls adds to the one-off cost.
#[test]
fn a_roles_details_say_who_gains_and_loses_by_harmonisation() {
    let (mut h, _) = harness();
    click(&mut h, "Target structure");
    h.get_by_label_contains("Finance manager — target").click();
    h.run();
    h.get_by_label_contains("Harmonising pay: ");
    let o = h.state_mut().outcome().clone();
    let losers: u32 = o.roles.iter().map(|r| r.pay_moves.losers).sum();
    let before = o.one_off.pay_protection;
    click(&mut h, "Assumptions");
    click(
        &mut h,
        "Protect kept staff whose pay falls when their role's pay is harmonised",
    );
    let after = h.state_mut().outcome().one_off.pay_protection;
    assert!(
        losers > 0,
        "the example harmonises most roles to their average pay"
    );
    assert!(after > before, "the losers are protected");
    // Costed without its on-costs, the protection is the pay alone: less, and the assumptions
    // sheet says so.
    click(
        &mut h,
        "Cost pay protection with its on-costs (NI, LGPS, levy)",
    );
    assert!(!h.state().plan().assumptions.pay_protection_on_costs);
    let pay_alone = h.state_mut().outcome().one_off.pay_protection;
    assert!(pay_alone < after, "{pay_alone} against {after}");
    let o = h.state_mut().outcome().clone();
    assert!(
        merger_planner::figures::report::text(h.state().plan(), &o)
            .contains("costed as the protected pay alone")
    );
}
