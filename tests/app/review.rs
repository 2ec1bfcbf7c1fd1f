//! Working together: a colleague's copy merged through the dialog, a comment added, answered and
//! resolved, and a sign-off that says when the plan has changed since.

use super::*;
use merger_planner::document::Document;
use merger_planner::model::Money;

/// Saves `plan` to `path` as the app does (recording its version), and opens it again.
fn saved(plan: merger_planner::model::Plan, path: &std::path::Path) -> merger_planner::model::Plan {
    let mut doc = Document::new(plan, None);
    doc.save(path).expect("saved");
    Document::open(path).expect("opened").into_plan()
}

#[test]
fn a_colleagues_copy_merges_with_a_choice_for_its_one_conflict_and_undoes_in_one_step() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let base = saved(example_plan(), &dir.path().join("base.ron"));
    let post = |plan: &merger_planner::model::Plan, id: &str| {
        plan.posts
            .iter()
            .position(|p| p.id == id)
            .expect("in the plan")
    };
    let mut mine = base.clone();
    let at = post(&mine, "BOU-00003");
    mine.posts[at].salary = Money::pounds(40_000);
    let mine_path = dir.path().join("mine.ron");
    let mine = saved(mine, &mine_path);
    let mut theirs = base.clone();
    theirs.posts[at].salary = Money::pounds(41_000);
    let other = post(&theirs, "BOU-00005");
    theirs.posts[other].fte = 0.5;
    let theirs_path = dir.path().join("theirs.ron");
    let theirs = saved(theirs, &theirs_path);

    let dialogs = ScriptedDialogs::default();
    let mut h = harness_for(mine, Some(mine_path), &dialogs);
    dialogs.answer(Some(theirs_path));
    click(&mut h, "File");
    click(&mut h, "Merge a colleague's copy…");
    // The version both came from is found beside them, not asked for.
    h.get_by_label_contains("The version both came from:");
    h.get_by_label(
        "1 change from theirs, 0 changes from yours, 0 changes made in both; 1 conflict.",
    );
    h.get_by_label("Post BOU-00003 salary");
    h.get_by_label("Mine: £40,000.00");
    click(&mut h, "Theirs: £41,000.00");
    // The dialog's effect, not the Dashboard's figure behind it.
    assert!(
        h.query_all_by_label_contains("Recurring saving a year:")
            .any(|n| n.accesskit_node().value().is_some_and(|v| v.contains('→'))),
    );
    click(&mut h, "Merge");
    let plan = h.state().plan().clone();
    assert_eq!(plan.posts[at].salary, Money::pounds(41_000));
    assert!((plan.posts[other].fte - 0.5).abs() < 1e-12);
    assert!(plan.lineage.earlier.contains(&theirs.lineage.version));
    assert!(h.state().is_dirty());
    // One undo step takes the whole merge out, their version with it.
    click(&mut h, "Edit");
    h.get_by_label_contains("Undo merge theirs.ron").click();
    h.run();
    let plan = h.state().plan();
    assert_eq!(plan.posts[at].salary, Money::pounds(40_000));
    assert!((plan.posts[other].fte - base.posts[other].fte).abs() < 1e-12);
    assert!(!plan.lineage.earlier.contains(&theirs.lineage.version));
}

#[test]
fn a_comment_on_a_post_is_added_answered_resolved_and_listed() {
    let (mut h, _) = harness();
    focus_post(&mut h, "BOU-00001");
    h.get_by_label("Comments (0 open)");
    type_into(&mut h, "Your name", "Ann Lee");
    type_into(&mut h, "New comment", "Is this post really duplicated?");
    click(&mut h, "Add comment on post BOU-00001");
    let comment = h.state().plan().comments[0].clone();
    assert_eq!(comment.text, "Is this post really duplicated?");
    assert_eq!(comment.author, "Ann Lee");
    h.get_by_label("Comments (1 open)");
    type_into(&mut h, "Reply", "Yes: see the HR paper");
    click(&mut h, &format!("Reply to {}", comment.id));
    click(&mut h, &format!("Resolve {}", comment.id));
    let comment = h.state().plan().comments[0].clone();
    assert_eq!(comment.replies[0].text, "Yes: see the HR paper");
    assert_eq!(
        comment.resolved.as_ref().map(|r| r.by.as_str()),
        Some("Ann Lee")
    );
    h.get_by_label("Comments (0 open)");
    // Review > Comments lists it, and jumps to the post.
    click(&mut h, "Review");
    click(&mut h, "Comments…");
    h.get_by_label("0 open, 1 resolved. Comments stay with the plan and are merged with it; they never go into anonymised papers.");
    // A comment on a council, chosen in the dialog, is shown beside the council.
    choose(&mut h, "On", "A council");
    choose(&mut h, "Which", "Poole");
    type_into(&mut h, "Comment", "Check Poole's LGPS rate");
    click(&mut h, "Add comment on council Poole");
    let on_council = h.state().plan().comments[1].clone();
    assert_eq!(
        on_council.topic,
        merger_planner::model::Topic::Council("poole".to_owned())
    );
    click(&mut h, "Show resolved");
    click(&mut h, "Go to post BOU-00001");
    h.get_by_label("Post BOU-00001");
    click(&mut h, "Review");
    click(&mut h, "Comments…");
    click(&mut h, "Go to council Poole");
    h.get_by_label("Comments (1 open)");
    h.get_by_label("Check Poole's LGPS rate");
    // One on a headline figure is listed under the figures on the Dashboard.
    click(&mut h, "Review");
    click(&mut h, "Comments…");
    choose(&mut h, "On", "A headline figure");
    choose(&mut h, "Which", "One-off cost");
    type_into(&mut h, "Comment", "Does this include the pension strain?");
    click(&mut h, "Add comment on figure One-off cost");
    click(&mut h, "Close");
    click(&mut h, "Dashboard");
    click(&mut h, "Comments on the headline figures (1 open)");
    h.get_by_label("Does this include the pension strain?");
}

#[test]
fn a_sign_off_says_when_the_plan_has_changed_since_with_what_changed_one_click_away() {
    let (mut h, dialogs) = harness();
    click(&mut h, "Review");
    click(&mut h, "Sign off this version…");
    type_into(&mut h, "Name", "Jane Smith");
    type_into(&mut h, "Role", "s151 officer, Poole");
    click(&mut h, "Sign off");
    let today = merger_planner::document::today()
        .strftime("%-d %B %Y")
        .to_string();
    h.get_by_label(&format!(
        "Signed off by Jane Smith (s151 officer, Poole) on {today}"
    ));
    focus_post(&mut h, "BOU-00002");
    set_number(&mut h, "Post FTE", 0.5);
    settle(&mut h);
    h.get_by_label(&format!(
        "Changed since signed off by Jane Smith (s151 officer, Poole) on {today}: 1 change"
    ));
    click(&mut h, "What changed since");
    h.get_by_label("Post BOU-00002 FTE 1.0 → 0.5");

    // Saved, and opened again in a fresh window: the file alone still says so.
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("signed.ron");
    dialogs.answer(Some(path.clone()));
    click(&mut h, "File");
    h.get_by_label_contains("Save as…").click();
    h.run();
    drop(h);
    let dialogs = ScriptedDialogs::default();
    let mut h = harness_for(example_plan(), None, &dialogs);
    dialogs.answer(Some(path));
    command(&mut h, Key::O);
    settle(&mut h);
    h.get_by_label(&format!(
        "Changed since signed off by Jane Smith (s151 officer, Poole) on {today}: 1 change"
    ));
}

/// Copies saved before plans recorded their versions share none: the dialog says so, and the
/// version both came from is chosen by hand.
#[test]
fn copies_without_a_recorded_version_merge_against_the_version_chosen() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let base = example_plan();
    let base_path = dir.path().join("sent.ron");
    merger_planner::persist::save(&base_path, &base).expect("saved");
    let mut theirs = base.clone();
    theirs.posts[4].fte = 0.5;
    let theirs_path = dir.path().join("returned.ron");
    merger_planner::persist::save(&theirs_path, &theirs).expect("saved");
    let mut mine = base;
    mine.posts[7].fte = 0.5;
    let dialogs = ScriptedDialogs::default();
    let mut h = harness_for(mine, None, &dialogs);
    dialogs.answer(Some(theirs_path));
    click(&mut h, "File");
    click(&mut h, "Merge a colleague's copy…");
    h.get_by_label_contains("The two copies record no version in common");
    dialogs.answer(Some(base_path));
    click(&mut h, "Choose the common version…");
    h.get_by_label(
        "1 change from theirs, 1 change from yours, 0 changes made in both; 0 conflicts.",
    );
    click(&mut h, "Merge");
    let plan = h.state().plan();
    assert!((plan.posts[4].fte - 0.5).abs() < 1e-12 && (plan.posts[7].fte - 0.5).abs() < 1e-12);
}
