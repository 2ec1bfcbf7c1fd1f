//! A published establishment through the window: imported as the file gives it, its one-off
//! cost marked indicative, a target structure proposed in one step, a council's pay point.

use super::*;

fn published(name: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/published")
        .join(name)
}

/// A new plan with Northam's junior staff return imported through the dialog.
fn northam() -> Harness<'static, App> {
    let dialogs = ScriptedDialogs::default();
    let mut h = harness_for(merger_planner::document::new_plan(), None, &dialogs);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(published(
            "junior-northam-2024.csv",
        ))));
    settle_import(&mut h);
    // The dialog says the import designs nothing before it is pressed.
    h.get_by_label_contains("keeps today's FTE, so the plan saves nothing until targets are set");
    click_in_import(&mut h, "Import 7 posts");
    assert!(h.state().import_state().is_none(), "the dialog closes");
    h
}

#[test]
fn a_published_return_imports_and_a_target_structure_is_proposed_in_one_step() {
    let mut h = northam();
    let plan = h.state().plan().clone();
    assert_eq!(plan.posts.len(), 7);
    assert!(plan.posts.iter().all(|p| p.unnamed), "filled, never vacant");
    assert_eq!(saving(&mut h), merger_planner::model::Money::ZERO);
    click(&mut h, "Dashboard");
    h.get_by_label_contains("One-off cost (indicative): ");
    // Nothing designed yet: each lever says why it moves nothing.
    h.get_by_label("moves nothing: nobody is at risk after VR");
    h.get_by_label("moves nothing: nobody is at risk");
    h.get_by_label("moves nothing: nobody leaves by VR");

    click(&mut h, "Target structure");
    h.get_by_label_contains("7 roles still at today's FTE");
    click(&mut h, "Propose a target structure…");
    click(&mut h, "A share of today's FTE in each role");
    set_number(&mut h, "Share of today's FTE", 80.0);
    click(&mut h, "Propose");
    let after = h.state().plan().clone();
    let accountants = after
        .roles
        .iter()
        .find(|r| r.title == "Accountant")
        .expect("the role");
    assert!((accountants.target_fte - 3.6).abs() < 1e-9, "80% of 4.5");
    assert!(after.roles.iter().all(|r| !r.target_from_establishment));
    assert!(saving(&mut h) > merger_planner::model::Money::ZERO);
    assert!(h.query_by_label_contains("still at today's FTE").is_none());
    // People are at risk now, but no post is left open to redeploy them into.
    click(&mut h, "Dashboard");
    h.get_by_label("moves nothing: no open post (a vacancy kept or a new post) to move into");
    assert!(
        h.query_by_label("moves nothing: nobody is at risk")
            .is_none()
    );
    // One undo step puts every target back.
    command(&mut h, Key::Z);
    assert_eq!(h.state().plan().roles, plan.roles);
}

#[test]
fn a_council_s_point_on_its_pay_ranges_pays_its_posts_in_one_step() {
    let mut h = northam();
    let before = h.state().plan().clone();
    click(&mut h, "Councils");
    h.get_by_label_contains("Northam District Council (")
        .click();
    h.run();
    h.get_by_label("Workforce profile (for posts whose holders are not named)");
    choose(&mut h, "Pay ranges paid at", "The maximum");
    let plan = h.state().plan();
    let solicitors = plan
        .posts
        .iter()
        .find(|p| p.title == "Solicitor")
        .expect("the solicitors");
    assert_eq!(
        solicitors.salary,
        merger_planner::model::Money::pounds(40_476)
    );
    command(&mut h, Key::Z);
    assert_eq!(
        h.state().plan(),
        &before,
        "the point and the pay, one undo step"
    );
}
