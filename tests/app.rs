//! The window, driven through egui_kittest as a person would: read the headline figures, pick a
//! scenario from the list, and see the figures change without recomputing every frame.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use merger_planner::ui::App;
use merger_planner::ui::app::example_plan;

fn harness() -> Harness<'static, App> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui_state(
            |ui, app: &mut App| app.show(ui),
            App::new(example_plan(), None),
        )
}

#[test]
fn the_example_opens_with_its_headline_figures() {
    let mut h = harness();
    h.run();
    for label in [
        "FTE today",
        "Target FTE",
        "Recurring saving a year",
        "One-off cost",
        "Payback",
        "Net positive in",
    ] {
        h.get_by_label(label);
    }
    h.get_by_label("Bournemouth Borough Council");
    h.get_by_label("Borough of Poole");
    let saving = h.state_mut().outcome().totals.recurring_saving.compact();
    h.get_by_label(&saving);
}

#[test]
fn choosing_a_scenario_changes_the_figures_once() {
    let mut h = harness();
    h.run();
    let before = h.state().evaluations();
    let base_compulsory = h.state_mut().outcome().totals.flows.compulsory;
    assert!(base_compulsory > 0.0);
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Scenario")
        .click();
    h.run();
    h.get_by_label("VR only").click();
    h.run();
    assert_eq!(h.state().scenario(), "VR only");
    assert!(h.state_mut().outcome().totals.flows.compulsory.abs() < 1e-9);
    assert_eq!(
        h.state().evaluations(),
        before + 1,
        "recomputed once for the new scenario"
    );
    h.run();
    h.run();
    assert_eq!(
        h.state().evaluations(),
        before + 1,
        "and not again while nothing changes"
    );
}
