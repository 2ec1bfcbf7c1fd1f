//! Scenarios: added, edited, compared, their levers and waves, bumped redundancy and the goal seek.

use super::*;

#[test]
fn a_scenario_is_added_edited_and_computed() {
    let (mut h, _) = harness();
    click(&mut h, "Scenarios");
    click(&mut h, "Add scenario");
    let n = h.state().plan().scenarios.len();
    assert_eq!(h.state().plan().scenarios[n - 1].name, "New scenario");
    // The new scenario is open for editing.
    type_into(&mut h, "Scenario name", "Autumn start");
    click(&mut h, "Change go-live");
    type_into(&mut h, "Go-live", "2018-10-01");
    let sc = h.state().plan().scenarios[n - 1].clone();
    assert_eq!(sc.name, "Autumn start");
    assert_eq!(
        sc.go_live.map(|d| d.to_string()).as_deref(),
        Some("2018-10-01")
    );
    click(&mut h, "Dashboard");
    choose(&mut h, "Scenario", "Autumn start");
    assert_eq!(h.state_mut().outcome().go_live.to_string(), "2018-10-01");
    assert!(
        h.state().title().contains("Autumn start"),
        "the scenario in use is named in the title: {}",
        h.state().title()
    );

    // Duplicated, moved and deleted; deleting the scenario in use falls back to the base.
    click(&mut h, "Scenarios");
    click(&mut h, "Duplicate Autumn start");
    let names = |h: &Harness<'_, App>| -> Vec<String> {
        h.state()
            .plan()
            .scenarios
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    assert_eq!(names(&h)[n], "Autumn start (copy)");
    click(&mut h, "Move Autumn start (copy) up");
    assert_eq!(names(&h)[n - 1], "Autumn start (copy)");
    assert_eq!(names(&h)[n], "Autumn start");
    click(&mut h, "Delete Autumn start");
    assert_eq!(h.state().plan().scenarios.len(), n);
    assert_eq!(h.state_mut().outcome().scenario, "Base");
}

/// The path: a director makes a scenario, cuts a role's target, compares it with the
/// base, sees what it changes, and undoes the cut.
#[test]
fn a_role_target_cut_in_a_scenario_is_compared_shown_as_a_change_and_undone() {
    let (mut h, _) = harness();
    click(&mut h, "Scenarios");
    click(&mut h, "Add scenario");
    let plan = h.state().plan().clone();
    let role = plan
        .roles
        .iter()
        .find(|r| r.title == "Finance officer")
        .expect("the example has finance officers")
        .clone();
    h.get_by_role_and_label(Role::SpinButton, "Finance officer target in the scenario")
        .scroll_to_me();
    h.run();
    set_number(&mut h, "Finance officer target in the scenario", 20.0);
    let sc = h.state().plan().scenarios.last().expect("added").clone();
    assert_eq!(sc.target_overrides.get(&role.id), Some(&20.0));
    // The grid shows the difference from the plan's target.
    let difference = format!("-{:.1}", role.target_fte - 20.0);
    assert!(
        h.query_all_by_label(&difference).count() >= 1,
        "{difference}"
    );

    // Compared: the new scenario saves more than the base, by the difference shown.
    let plan = h.state().plan().clone();
    let base = merger_planner::engine::evaluate_base(&plan)
        .totals
        .recurring_saving;
    let new = merger_planner::engine::evaluate(&plan, plan.scenarios.last().expect("added"))
        .totals
        .recurring_saving;
    assert!(new > base, "cutting finance officers saves more");
    h.get_by_label("Compare scenarios").scroll_to_me();
    h.run();
    h.get_by_label(&format!("+{}", (new - base).whole()));

    // What changed between the base and the new scenario names the role by its title.
    h.get_by_label("What changed").scroll_to_me();
    h.run();
    choose_last(&mut h, "To", "New scenario");
    h.get_by_label("New scenario: Finance officer target as the plan → 20.0 FTE");
    // The status bar says the same of the edit.
    h.get_by_label("Changed: New scenario: Finance officer target as the plan → 20.0 FTE");

    // Undo names the change and takes it back.
    click(&mut h, "Edit");
    h.get_by_label_contains("Undo New scenario: Finance officer target as the plan → 20.0 FTE")
        .click();
    h.run();
    let sc = h
        .state()
        .plan()
        .scenarios
        .last()
        .expect("still there")
        .clone();
    assert!(sc.target_overrides.is_empty(), "the cut is undone");
}

/// The levers on the Dashboard: a slider moves the figures as it moves, changes the plan for the
/// base and the scenario in use otherwise, and is one undo step.
#[test]
fn the_levers_move_the_figures_of_the_scenario_in_use() {
    let (mut h, _) = harness();
    let one_off = |h: &mut Harness<'_, App>| h.state_mut().outcome().totals.one_off_cost;
    let before = one_off(&mut h);
    h.get_by_role_and_label(Role::Slider, "VR multiplier, every council")
        .set_value_accesskit(1.0);
    h.run();
    assert!(
        h.state()
            .plan()
            .councils
            .iter()
            .all(|c| (c.scheme.vr_multiplier - 1.0).abs() < 1e-9),
        "the base scenario's lever changes the plan"
    );
    assert!(one_off(&mut h) < before, "lower VR terms cost less once");
    h.get_by_role_and_label(Role::Slider, "Redeployment rate")
        .set_value_accesskit(50.0);
    h.run();
    assert!((h.state().plan().assumptions.redeployment_rate - 0.5).abs() < 1e-9);
    command(&mut h, Key::Z);
    command(&mut h, Key::Z);
    assert_eq!(one_off(&mut h), before, "each lever is one undo step");

    // In a scenario, the lever sets the scenario's own value and leaves the plan alone.
    choose(&mut h, "Scenario", "VR only");
    let plan_rate = h.state().plan().assumptions.redeployment_rate;
    h.get_by_role_and_label(Role::Slider, "Redeployment rate")
        .set_value_accesskit(80.0);
    h.run();
    let sc = h.state().plan().scenario("VR only").expect("VR only");
    assert_eq!(sc.redeployment_rate, Some(0.8));
    assert!((h.state().plan().assumptions.redeployment_rate - plan_rate).abs() < 1e-12);

    // VR take-up: in "VR only" volunteers fall short of the target, so expecting a share of
    // those who did not say to volunteer brings more of them, and the FTE reached closer.
    let voluntary = |h: &mut Harness<'_, App>| h.state_mut().outcome().totals.flows.voluntary;
    let before = voluntary(&mut h);
    h.get_by_role_and_label(Role::Slider, "VR take-up")
        .set_value_accesskit(30.0);
    h.run();
    let sc = h.state().plan().scenario("VR only").expect("VR only");
    assert_eq!(sc.vr_take_up, Some(0.3));
    assert!(
        voluntary(&mut h) > before + 1.0,
        "more are expected to volunteer"
    );
    assert!(h.state().plan().assumptions.vr_take_up.abs() < 1e-12);
    h.get_by_label_contains("Changed: VR only: VR take-up");
}

/// Renaming the scenario in use keeps it in use under its new name, and undo follows it back.
#[test]
fn renaming_the_scenario_in_use_keeps_it_in_use() {
    let (mut h, _) = harness();
    choose(&mut h, "Scenario", "Deeper cut");
    let deeper = h.state_mut().outcome().totals.recurring_saving;
    click(&mut h, "Scenarios");
    pick_scenario(&mut h, "Deeper cut");
    type_into(&mut h, "Scenario name", "Cut deeper");
    assert_eq!(h.state_mut().outcome().scenario, "Cut deeper");
    assert_eq!(h.state_mut().outcome().totals.recurring_saving, deeper);
    command(&mut h, Key::Z);
    assert_eq!(h.state_mut().outcome().scenario, "Deeper cut");
}

/// Phased go-live: a function given its own go-live in the Target structure goes live in a wave
/// of its own, with its own row in the timetable; a scenario can set a function's go-live too.
#[test]
fn a_function_going_live_on_its_own_date_is_a_wave_of_its_own() {
    let (mut h, _) = harness();
    let later = h
        .state()
        .plan()
        .programme
        .go_live
        .checked_add(jiff::Span::new().months(6))
        .expect("a date");
    click(&mut h, "Target structure");
    click(&mut h, "IT");
    click(&mut h, "Goes live on its own date");
    type_into(&mut h, "Function go-live", &later.to_string());
    let it = |h: &Harness<'_, App>| {
        h.state()
            .plan()
            .functions
            .iter()
            .find(|f| f.id == "it")
            .and_then(|f| f.go_live)
    };
    assert_eq!(it(&h), Some(later));
    assert_eq!(h.state_mut().outcome().waves.len(), 2);
    h.get_by_label_contains("Changed: IT go-live");
    click(&mut h, "Timetable");
    let short = h.state().plan().councils[0].short_name.clone();
    h.get_by_label(&format!("{short} · 2"));
    h.get_by_label_contains("Wave 2, IT: consultation and HR1 from");

    command(&mut h, Key::Z);
    command(&mut h, Key::Z);
    assert_eq!(it(&h), None, "undone");
    assert_eq!(h.state_mut().outcome().waves.len(), 1);

    // In a scenario: Legal goes live on its own date there, and the plan is left alone.
    choose(&mut h, "Scenario", "VR only");
    click(&mut h, "Scenarios");
    pick_scenario(&mut h, "VR only");
    h.get_by_role_and_label(Role::CheckBox, "Own go-live for Legal")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Own go-live for Legal")
        .click();
    h.run();
    type_into(&mut h, "Go-live of Legal", &later.to_string());
    let sc = h.state().plan().scenario("VR only").expect("VR only");
    assert_eq!(sc.function_go_live.get("legal"), Some(&later));
    assert_eq!(h.state_mut().outcome().waves.len(), 2);
}

/// Bumped redundancy, allowed in the plan's assumptions: volunteers from roles not at risk go so
/// that people at risk take their posts; fewer compulsory redundancies, each bump flagged, and
/// the leavers list can show just them.
#[test]
fn allowing_bumped_redundancy_turns_compulsory_exits_into_bumps() {
    let (mut h, _) = harness();
    let compulsory = |h: &mut Harness<'_, App>| h.state_mut().outcome().totals.flows.compulsory;
    let before = compulsory(&mut h);
    click(&mut h, "Assumptions");
    click(
        &mut h,
        "Bumped redundancy: volunteers from roles not at risk may go so people at risk take their posts",
    );
    assert!(h.state().plan().assumptions.bumping);
    assert!(compulsory(&mut h) < before, "fewer compulsory exits");
    let bumps = h
        .state_mut()
        .outcome()
        .flags
        .iter()
        .filter(|f| f.kind == merger_planner::engine::FlagKind::BumpedRedundancy)
        .count();
    assert!(bumps > 0);
    h.get_by_label_contains("Changed: Bumped redundancy off → on");
    click(&mut h, "Pools");
    let bumped = h
        .state_mut()
        .outcome()
        .people
        .iter()
        .filter(|p| p.kind() == "bumped")
        .count();
    assert_eq!(bumped, bumps, "a flag for each bumped exit");
    choose_last(&mut h, "Kind", "Bumped");
    h.get_by_label_contains(&format!("Showing {bumped} of"));
    command(&mut h, Key::Z);
    assert!(!h.state().plan().assumptions.bumping);
}

/// Scenarios > Goal seek: a saving asked for, the proposal shown with what it changes before it
/// is kept, kept as a new scenario (and undone); an impossible goal says how far short it is.
#[test]
fn goal_seek_proposes_targets_and_keeps_them_as_a_scenario() {
    let (mut h, _) = harness();
    click(&mut h, "Scenarios");
    click(
        &mut h,
        "Goal seek: find the targets that save a given amount",
    );
    let before = h.state().plan().scenarios.len();
    set_number(&mut h, "Saving a year to reach", 2_000_000.0);
    click(&mut h, "No compulsory redundancies");
    click(&mut h, "Find targets");
    h.get_by_label_contains("Proposal: Save £2.0m a year");
    h.get_by_label("Target proposed");
    // Nothing is added until it is kept.
    assert_eq!(h.state().plan().scenarios.len(), before);
    click(&mut h, "Keep as a new scenario");
    let plan = h.state().plan().clone();
    assert_eq!(plan.scenarios.len(), before + 1);
    let kept = plan.scenarios.last().unwrap();
    assert_eq!(kept.name, "Save £2.0m a year");
    assert_eq!(kept.compulsory_allowed, Some(false));
    let o = merger_planner::engine::evaluate(&plan, kept);
    assert!(o.totals.recurring_saving >= merger_planner::model::Money::pounds(1_999_999));
    assert!(o.totals.flows.compulsory < 1e-9);
    command(&mut h, Key::Z);
    assert_eq!(h.state().plan().scenarios.len(), before);
    // Far beyond what the posts can save.
    set_number(&mut h, "Saving a year to reach", 900_000_000.0);
    click(&mut h, "Find targets");
    h.get_by_label_contains("cannot be met: the most is");
}
