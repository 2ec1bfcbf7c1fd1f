//! What changed since another plan file.

use super::*;

/// What changed between another plan file (an earlier version) and the open plan, grouped,
/// counted and searchable, with the effect on the headline figures.
#[test]
fn what_changed_since_another_plan_file_is_listed_in_words_and_searchable() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut earlier = example_plan();
    earlier.posts[0].fte = 0.5;
    earlier.posts.remove(5);
    let path = dir.path().join("earlier.ron");
    merger_planner::persist::plan_file::save(&path, &earlier).expect("saved");
    let (mut h, dialogs) = harness();
    click(&mut h, "Scenarios");
    h.get_by_label("Between another plan file and this plan")
        .scroll_to_me();
    h.run();
    click(&mut h, "Between another plan file and this plan");
    dialogs.answer(Some(path));
    click(&mut h, "Choose a plan file…");
    h.get_by_label("1 post added, 1 post changed")
        .scroll_to_me();
    h.run();
    h.get_by_label("Post BOU-00001 FTE 0.5 → 1.0");
    h.get_by_label("Added post BOU-00006");
    h.get_by_label("Effect on the headline figures");
    // A search narrows the list.
    type_into(&mut h, "Search changes", "BOU-00001");
    assert!(h.query_by_label("Added post BOU-00006").is_none());
    h.get_by_label("Post BOU-00001 FTE 0.5 → 1.0");
    // The open plan is untouched.
    assert!(!h.state().is_dirty());
}
