//! The edit path: patches undo exactly, the history merges a drag or typed value into one step,
//! keeps at least 100 steps, and knows when the plan is back to its saved state.

use merger_planner::document::edit::{
    self, Edit, History, MAX_UNDO, Orphans, Patch, Reassign, Settings,
};
use merger_planner::example;
use merger_planner::model::{Plan, Post};
use proptest::prelude::*;

fn plan() -> Plan {
    example::bournemouth_poole()
}

fn fte_edit(plan: &Plan, index: usize, fte: f64) -> Edit {
    let mut post = plan.posts[index].clone();
    post.fte = fte;
    Edit::post("change FTE", index, post)
}

#[test]
fn undo_and_redo_restore_each_state_exactly() {
    let original = plan();
    let mut plan = original.clone();
    let mut history = History::default();
    let e = fte_edit(&plan, 3, 0.5);
    assert!(history.apply(&mut plan, e));
    let after_one = plan.clone();
    let e = edit::add_council(&plan);
    assert!(history.apply(&mut plan, e));
    let after_two = plan.clone();
    assert!(history.is_dirty());
    assert_eq!(history.undo(&mut plan).as_deref(), Some("add council"));
    assert_eq!(plan, after_one);
    assert_eq!(
        history.undo(&mut plan).as_deref(),
        Some("Post BOU-00004 FTE 1.0 → 0.5")
    );
    assert_eq!(plan, original);
    assert!(!history.is_dirty(), "back at the opened state");
    assert_eq!(history.undo(&mut plan), None);
    assert_eq!(
        history.redo(&mut plan).as_deref(),
        Some("Post BOU-00004 FTE 1.0 → 0.5")
    );
    assert_eq!(history.redo(&mut plan).as_deref(), Some("add council"));
    assert_eq!(plan, after_two);
    assert_eq!(history.redo(&mut plan), None);
}

#[test]
fn a_drag_is_one_step_and_a_new_field_starts_another() {
    let original = plan();
    let mut plan = original.clone();
    let mut history = History::default();
    for fte in [0.9, 0.8, 0.7, 0.6] {
        let e = fte_edit(&plan, 0, fte).keyed("post fte 0");
        assert!(history.apply(&mut plan, e));
    }
    assert_eq!(history.undo_len(), 1, "four moves of one drag are one step");
    let e = fte_edit(&plan, 1, 0.5).keyed("post fte 1");
    history.apply(&mut plan, e);
    assert_eq!(history.undo_len(), 2, "another field is another step");
    history.close();
    let e = fte_edit(&plan, 1, 0.4).keyed("post fte 1");
    history.apply(&mut plan, e);
    assert_eq!(
        history.undo_len(),
        3,
        "the same field after letting go is a new step"
    );
    history.undo(&mut plan);
    history.undo(&mut plan);
    history.undo(&mut plan);
    assert_eq!(
        plan, original,
        "undoing the drag goes back to before it began"
    );
}

#[test]
fn an_edit_that_changes_nothing_is_not_recorded() {
    let mut plan = plan();
    let mut history = History::default();
    let same = fte_edit(&plan, 0, plan.posts[0].fte);
    assert!(!history.apply(&mut plan, same));
    assert_eq!(history.undo_len(), 0);
    assert!(!history.is_dirty());
}

#[test]
fn the_history_keeps_at_least_a_hundred_steps() {
    const _: () = assert!(MAX_UNDO >= 100, "the issue asks for at least 100 steps");
    let mut plan = plan();
    let original = plan.clone();
    let mut history = History::default();
    for i in 0..150 {
        let e = fte_edit(&plan, i, plan.posts[i].fte - 0.01);
        assert!(history.apply(&mut plan, e));
    }
    assert_eq!(history.undo_len(), 150.min(MAX_UNDO));
    let mut undone = 0;
    while history.undo(&mut plan).is_some() {
        undone += 1;
    }
    assert_eq!(undone, 150.min(MAX_UNDO));
    if MAX_UNDO >= 150 {
        assert_eq!(plan, original);
    }
}

#[test]
fn saving_marks_the_state_and_undo_past_it_is_unsaved_again() {
    let mut plan = plan();
    let mut history = History::default();
    let e = fte_edit(&plan, 0, 0.5);
    history.apply(&mut plan, e);
    history.mark_saved();
    assert!(!history.is_dirty());
    history.undo(&mut plan);
    assert!(
        history.is_dirty(),
        "the file holds the edit the plan no longer has"
    );
    history.redo(&mut plan);
    assert!(!history.is_dirty(), "redo comes back to the saved state");
}

#[test]
fn deleting_a_council_moves_or_deletes_its_posts() {
    let plan = plan();
    let poole = plan.councils[1].id.clone();
    let bournemouth = plan.councils[0].id.clone();
    let theirs = plan.posts.iter().filter(|p| p.council == poole).count();
    assert!(theirs > 0);

    let mut moved = plan.clone();
    let mut history = History::default();
    history.apply(
        &mut moved,
        edit::remove_council(&plan, &poole, &Orphans::MoveTo(bournemouth.clone())),
    );
    assert_eq!(moved.councils.len(), 1);
    assert_eq!(moved.posts.len(), plan.posts.len());
    assert!(moved.posts.iter().all(|p| p.council == bournemouth));

    let mut deleted = plan.clone();
    history.apply(
        &mut deleted,
        edit::remove_council(&plan, &poole, &Orphans::Delete),
    );
    assert_eq!(deleted.posts.len(), plan.posts.len() - theirs);
    history.undo(&mut deleted);
    assert_eq!(deleted, plan);
}

#[test]
fn deleting_a_function_takes_its_roles_or_moves_them() {
    let plan = plan();
    let hr = "hr";
    let roles = plan.roles.iter().filter(|r| r.function == hr).count();
    assert!(roles > 0);
    let mut p = plan.clone();
    History::default().apply(
        &mut p,
        edit::remove_function(&plan, hr, &Orphans::MoveTo("finance".into())),
    );
    assert!(p.roles.iter().all(|r| r.function != hr));
    assert_eq!(p.roles.len(), plan.roles.len());
    assert!(p.posts.iter().all(|x| x.function != hr));
    assert_eq!(
        merger_planner::model::validate(&p)
            .iter()
            .filter(|x| x.severity == merger_planner::model::Severity::Error)
            .count(),
        0
    );

    let mut p = plan.clone();
    History::default().apply(&mut p, edit::remove_function(&plan, hr, &Orphans::Delete));
    assert_eq!(p.roles.len(), plan.roles.len() - roles);
    assert!(
        p.posts
            .iter()
            .all(|x| x.function != hr && p.role(&x.role).is_some())
    );
}

#[test]
fn posts_are_added_duplicated_reassigned_and_deleted_with_fresh_ids() {
    let plan = plan();
    let mut p = plan.clone();
    let mut history = History::default();
    let council = plan.councils[0].id.clone();
    let role = plan.roles[2].id.clone();
    history.apply(&mut p, edit::add_post(&plan, &council, &role));
    assert_eq!(p.posts.len(), plan.posts.len() + 1);
    let added = p.posts.last().cloned().unwrap();
    assert!(added.holder.is_none() && added.role == role && added.council == council);
    assert!(plan.posts.iter().all(|x| x.id != added.id));

    let before = p.clone();
    history.apply(&mut p, edit::duplicate_posts(&before, &[0, 1]));
    let ids: std::collections::HashSet<&str> = p.posts.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        p.posts.len(),
        "every id unique after duplicating"
    );

    let before = p.clone();
    history.apply(
        &mut p,
        edit::reassign_posts(&before, &[0, 5, 9], &Reassign::Role(role.clone())),
    );
    assert!([0, 5, 9].iter().all(|&i| p.posts[i].role == role));
    assert_eq!(history.undo_len(), 3, "a bulk reassignment is one step");

    let before = p.clone();
    history.apply(&mut p, edit::delete_posts(&before, &[0, 5, 9]));
    assert_eq!(p.posts.len(), before.posts.len() - 3);
    while history.undo(&mut p).is_some() {}
    assert_eq!(p, plan);
}

#[test]
fn settings_edits_swap_back() {
    let plan = plan();
    let mut p = plan.clone();
    let mut s = Settings::of(&p);
    s.name = "Renamed".into();
    s.assumptions.redeployment_rate = 0.5;
    let mut history = History::default();
    history.apply(&mut p, Edit::settings("rename plan", s));
    assert_eq!(p.name, "Renamed");
    history.undo(&mut p);
    assert_eq!(p, plan);
}

#[test]
fn unique_ids_do_not_clash() {
    let taken = ["role", "role-2", "role-3"];
    assert_eq!(edit::unique_id("role", taken.iter().copied()), "role-4");
    assert_eq!(edit::unique_id("council", taken.iter().copied()), "council");
    assert_eq!(edit::unique_id("", std::iter::empty()), "item");
}

fn post(id: u8, fte: u8) -> Post {
    let mut p = example::bournemouth_poole().posts[0].clone();
    p.id = format!("P{id}");
    p.fte = f64::from(fte) / 10.0;
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The smallest splice turns any list of posts into any other, and its inverse turns it back.
    #[test]
    fn a_posts_patch_takes_any_list_to_any_other(
        old in prop::collection::vec((0u8..6, 1u8..10), 0..12),
        new in prop::collection::vec((0u8..6, 1u8..10), 0..12),
    ) {
        let old: Vec<Post> = old.into_iter().map(|(i, f)| post(i, f)).collect();
        let new: Vec<Post> = new.into_iter().map(|(i, f)| post(i, f)).collect();
        let mut plan = example::bournemouth_poole();
        plan.posts = old.clone().into();
        match Patch::posts(&plan.posts.clone(), new.clone()) {
            None => prop_assert_eq!(&old, &new),
            Some(patch) => {
                if let Patch::Posts { remove, insert, .. } = &patch {
                    prop_assert!(*remove <= old.len() && insert.len() <= new.len());
                }
                let back = patch.apply(&mut plan);
                prop_assert_eq!(&plan.posts, &new);
                let _ = back.apply(&mut plan);
                prop_assert_eq!(&plan.posts, &old);
            }
        }
    }

    /// Any sequence of edits undone in full gives back the plan it started from.
    #[test]
    fn undoing_everything_gives_back_the_start(steps in prop::collection::vec((0usize..600, 1u8..10, any::<bool>()), 1..30)) {
        let start = plan();
        let mut p = start.clone();
        let mut history = History::default();
        for (i, fte, keyed) in steps {
            let mut e = fte_edit(&p, i % p.posts.len(), f64::from(fte) / 10.0);
            if keyed {
                e = e.keyed(format!("post {}", i % 3));
            }
            history.apply(&mut p, e);
        }
        while history.undo(&mut p).is_some() {}
        prop_assert!(p == start, "undoing every step gives back the start");
        prop_assert!(!history.is_dirty());
    }
}

/// Undo names the item and its old and new value, worked out from what the edit changed.
#[test]
fn undo_names_the_item_and_the_old_and_new_value() {
    let mut plan = plan();
    let mut history = History::default();
    let i = plan
        .roles
        .iter()
        .position(|r| r.title == "Finance officer")
        .expect("the example has finance officers");
    let old_target = plan.roles[i].target_fte;
    // A drag through three values is one step, from the value before the drag to the last.
    for target in [34.0, 33.0, 30.0] {
        let mut roles = plan.roles.clone();
        roles[i].target_fte = target;
        assert!(history.apply(
            &mut plan,
            Edit::roles("change target FTE", roles).keyed("target")
        ));
    }
    assert_eq!(
        history.undo_label(),
        Some(format!("Finance officer target {old_target:.1} → 30.0 FTE").as_str())
    );
    history.close();
    // A scenario's per-role target is named by the scenario and the role's title.
    let mut settings = Settings::of(&plan);
    let role_id = plan.roles[i].id.clone();
    settings.scenarios[0].target_overrides.insert(role_id, 12.0);
    let name = settings.scenarios[0].name.clone();
    assert!(history.apply(&mut plan, Edit::settings("change scenario", settings)));
    assert_eq!(
        history.undo_label(),
        Some(format!("{name}: Finance officer target as the plan → 12.0 FTE").as_str())
    );
    // A setting: its words and its form.
    let mut settings = Settings::of(&plan);
    settings.assumptions.redeployment_rate = 0.4;
    assert!(history.apply(
        &mut plan,
        Edit::settings("change redeployment rate", settings)
    ));
    assert_eq!(
        history.undo_label(),
        Some("Redeployment rate 30.0% → 40.0%")
    );
    // A council's rate, by its short name.
    let mut councils = plan.councils.clone();
    councils[1].lgps_employer_rate = 0.25;
    let before = plan.councils[1].lgps_employer_rate * 100.0;
    assert!(history.apply(&mut plan, Edit::councils("change LGPS rate", councils)));
    assert_eq!(
        history.undo_label(),
        Some(format!("Poole LGPS employer rate {before:.1}% → 25.0%").as_str())
    );
    // A salary, in pounds.
    let mut post = plan.posts[0].clone();
    let old_salary = post.salary;
    post.salary = merger_planner::model::Money::pounds(100_000);
    assert!(history.apply(&mut plan, Edit::post("change salary", 0, post)));
    assert_eq!(
        history.undo_label(),
        Some(format!("Post BOU-00001 salary {} → £100,000.00", old_salary.full()).as_str())
    );
    // More than one field keeps the builder's words.
    let e = edit::add_council(&plan);
    assert!(history.apply(&mut plan, e));
    assert_eq!(history.undo_label(), Some("add council"));
    // Undo and redo keep the words.
    assert!(history.undo(&mut plan).is_some());
    assert!(history.undo(&mut plan).is_some());
    assert_eq!(
        history.redo(&mut plan).as_deref(),
        Some(format!("Post BOU-00001 salary {} → £100,000.00", old_salary.full()).as_str())
    );
}

/// A scenario's pay for a role and a function's scale read in words too.
#[test]
fn a_scenarios_role_pay_and_function_scale_read_in_words() {
    use merger_planner::model::{Money, TargetPay};
    let mut plan = plan();
    let mut history = History::default();
    let role = plan
        .roles
        .iter()
        .find(|r| r.title == "Finance officer")
        .expect("the example has finance officers")
        .id
        .clone();
    let name = plan.scenarios[0].name.clone();
    let mut settings = Settings::of(&plan);
    settings.scenarios[0]
        .target_pay
        .insert(role.clone(), TargetPay::Salary(Money::pounds(28_000)));
    assert!(history.apply(&mut plan, Edit::settings("pay", settings)));
    assert_eq!(
        history.undo_label(),
        Some(format!("{name}: Finance officer pay as the plan → £28,000.00").as_str())
    );
    let mut settings = Settings::of(&plan);
    settings.scenarios[0]
        .target_pay
        .insert(role, TargetPay::Salary(Money::pounds(27_500)));
    assert!(history.apply(&mut plan, Edit::settings("salary", settings)));
    assert_eq!(
        history.undo_label(),
        Some(format!("{name}: Finance officer salary £28,000.00 → £27,500.00").as_str())
    );
    let mut settings = Settings::of(&plan);
    settings.scenarios[0]
        .function_scales
        .insert("finance".to_owned(), 0.8);
    assert!(history.apply(&mut plan, Edit::settings("scale", settings)));
    assert_eq!(
        history.undo_label(),
        Some(format!("{name}: Finance scale as the plan → × 0.8").as_str())
    );
    // Phased go-live, in a scenario and in the plan; VR take-up and bumping.
    let mut settings = Settings::of(&plan);
    settings.scenarios[0]
        .function_go_live
        .insert("it".to_owned(), jiff::civil::date(2018, 10, 1));
    assert!(history.apply(&mut plan, Edit::settings("go-live", settings)));
    assert_eq!(
        history.undo_label(),
        Some(format!("{name}: IT go-live as the plan → 2018-10-01").as_str())
    );
    let mut settings = Settings::of(&plan);
    settings.scenarios[0].vr_take_up = Some(0.25);
    assert!(history.apply(&mut plan, Edit::settings("take-up", settings)));
    assert_eq!(
        history.undo_label(),
        Some(format!("{name}: VR take-up as the plan → 25.0%").as_str())
    );
    let mut functions = plan.functions.clone();
    functions[2].go_live = Some(jiff::civil::date(2019, 1, 1));
    assert!(history.apply(&mut plan, Edit::functions("go-live", functions)));
    assert_eq!(
        history.undo_label(),
        Some("IT go-live with the programme → 2019-01-01")
    );
    let mut settings = Settings::of(&plan);
    settings.assumptions.bumping = true;
    assert!(history.apply(&mut plan, Edit::settings("bumping", settings)));
    assert_eq!(history.undo_label(), Some("Bumped redundancy off → on"));
}
