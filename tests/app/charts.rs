//! Charts and slides: the money view, presentation mode, the slides chosen, chart figures and PNG export, uncertainty and the equality impact.

use super::*;
use merger_planner::figures::tables::Cell;

#[test]
fn the_money_view_walks_from_today_to_the_target_cost() {
    // docs/rules.md, recurring saving: the waterfall from today's cost to the target cost. A step that lowers the
    // cost reads "less", one that raises it (new posts, here) "plus", each with its amount.
    let (mut h, _) = harness();
    click(&mut h, "Money");
    let w = h.state_mut().outcome().waterfall;
    assert!(w.new_posts.pence() < 0, "the example adds posts, a cost");
    // The figures behind the waterfall chart, shown on request.
    click(&mut h, "Show figures: From today's cost to the target cost");
    assert_eq!(
        h.get_all_by_label(&w.baseline.whole()).count(),
        2,
        "amount and cost after"
    );
    h.get_by_label("less vacancies deleted");
    h.get_by_label(&w.vacancies_deleted.whole());
    h.get_by_label("plus new posts");
    h.get_by_label(&(-w.new_posts).whole());
    h.get_by_label("Target cost");
    // The last step's "cost after" is the target cost (the target row's amount and cost after):
    // the bridge ends on it.
    assert_eq!(h.get_all_by_label(&w.target.whole()).count(), 3);
}

#[test]
fn presentation_starts_moves_and_leaves_with_the_keys() {
    let (mut h, _) = harness();
    h.key_press(Key::F5);
    h.run();
    assert_eq!(h.state().presenting(), Some(0));
    // Every chart but the fan and tornado: the example has no uncertain input.
    let shown = merger_planner::figures::charts::shown_slides(&example_plan());
    assert_eq!(shown.len(), Chart::ALL.len() - 2);
    h.get_by_label_contains(&format!("Slide 1 of {}", shown.len()));
    assert!(
        painted_text(&h)
            .iter()
            .any(|t| t.starts_with("Headcount overlap — Bournemouth and Poole")),
        "the first slide is the overlap chart, titled with the plan"
    );
    assert!(
        h.query_by_label("Establishment").is_none(),
        "nothing but the slide"
    );
    for (key, slide) in [
        (Key::ArrowRight, 1),
        (Key::PageDown, 2),
        (Key::Space, 3),
        (Key::ArrowDown, 4),
        (Key::ArrowLeft, 3),
        (Key::PageUp, 2),
        (Key::End, shown.len() - 1),
        (Key::ArrowRight, shown.len() - 1),
        (Key::Home, 0),
    ] {
        h.key_press(key);
        h.run();
        assert_eq!(h.state().presenting(), Some(slide), "after {key:?}");
    }
    click(&mut h, "Next slide");
    assert_eq!(h.state().presenting(), Some(1));
    h.get_by_label_contains(&format!("Slide 2 of {}", shown.len()));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().presenting(), None);
    h.get_by_label("Establishment");
    // Also from the View menu.
    click(&mut h, "View");
    h.get_by_label_contains("Present slides").click();
    h.run();
    assert_eq!(h.state().presenting(), Some(0));
    click(&mut h, "Leave presentation");
    assert_eq!(h.state().presenting(), None);
}

#[test]
fn closing_while_presenting_with_unsaved_changes_asks_in_the_window() {
    let (mut h, _) = dirty_harness();
    h.key_press(Key::F5);
    h.run();
    assert_eq!(h.state().presenting(), Some(0));
    press_close_button(&mut h);
    assert_eq!(h.state().presenting(), None);
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved(_))));
    assert!(!h.state().is_closing());
    click(&mut h, "Cancel");
    assert!(h.state().is_dirty());
}

#[test]
fn no_slide_shows_a_salary_a_date_of_birth_or_a_post_id() {
    let (mut h, _) = harness();
    let plan = h.state().plan().clone();
    let mut private: Vec<String> = Vec::new();
    for p in &plan.posts {
        private.push(p.id.clone());
        private.push(p.salary.whole());
        private.push(p.salary.full());
        if let Some(holder) = &p.holder {
            let dob = holder.date_of_birth;
            private.push(dob.to_string());
            private.push(merger_planner::figures::charts::long_date(dob));
        }
    }
    private.sort();
    private.dedup();
    h.key_press(Key::F5);
    h.run();
    let mut slides_seen = 0;
    loop {
        let text = painted_text(&h).join("\n");
        assert!(text.contains(" — "), "a titled slide");
        for p in &private {
            assert!(
                !text.contains(p.as_str()),
                "slide {} shows {p}",
                h.state().presenting().unwrap() + 1
            );
        }
        slides_seen += 1;
        let before = h.state().presenting();
        h.key_press(Key::ArrowRight);
        h.run();
        if h.state().presenting() == before {
            break;
        }
    }
    assert_eq!(
        slides_seen,
        merger_planner::figures::charts::shown_slides(&plan).len()
    );
}

#[test]
fn slides_are_chosen_and_ordered_in_the_plan_and_undo_restores_them() {
    let (mut h, _) = harness();
    click(&mut h, "View");
    click(&mut h, "Choose slides…");
    assert!(matches!(h.state().dialog(), Some(Dialog::Slides)));
    click(&mut h, "5. Money over time");
    assert!(!h.state().plan().slides.contains(&Chart::Money));
    click(&mut h, "Move Timetable up");
    let slides = &h.state().plan().slides;
    assert_eq!(slides[3], Chart::Timetable, "{slides:?}");
    assert_eq!(slides[4], Chart::Pools);
    assert!(h.state().is_dirty(), "the slides are part of the plan");
    click(&mut h, "Money over time");
    assert_eq!(h.state().plan().slides.last(), Some(&Chart::Money));
    click(&mut h, "Done");
    command(&mut h, Key::Z);
    command(&mut h, Key::Z);
    command(&mut h, Key::Z);
    assert_eq!(h.state().plan().slides, Chart::ALL.to_vec());
}

#[test]
fn a_plan_without_slides_says_how_to_choose_them() {
    let mut plan = example_plan();
    plan.slides.clear();
    let dialogs = ScriptedDialogs::default();
    let mut h = harness_for(plan, None, &dialogs);
    h.key_press(Key::F5);
    h.run();
    h.get_by_label_contains("No slides chosen");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().presenting(), None);
}

#[test]
fn every_chart_shows_its_figures_on_request() {
    let (mut h, _) = harness();
    click(&mut h, "Pools");
    click(&mut h, "Show figures: Redundancy pools");
    h.get_by_label("Voluntary redundancy FTE");
    // Drill down to the roles of one function.
    choose(&mut h, "Show", "Roles in Finance");
    let role = h.state_mut().outcome().roles[0].title.clone();
    assert!(h.query_all_by_label(&role).count() >= 1);
    // A role name too long for the axis is shortened there ("…") and whole in the table.
    choose(&mut h, "Show", "Roles in HR");
    h.get_by_label("Learning and development officer");
    click(&mut h, "Timetable");
    click(&mut h, "Show figures: Timetable");
    h.get_by_label("HR1 by");
    click(&mut h, "Dashboard");
    click(&mut h, "Show figures: Headcount overlap");
    h.get_by_label("Overlap FTE");
    click(&mut h, "Show figures: Scenarios compared");
    h.get_by_label("Deeper cut");
}

#[test]
fn a_chart_exports_as_a_png_of_the_chosen_size() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, dialogs) = harness();
    click(&mut h, "Export PNG: Headcount overlap…");
    assert!(matches!(h.state().dialog(), Some(Dialog::Export { .. })));
    click(&mut h, "1280 x 720");
    let path = dir.path().join("overlap");
    dialogs.answer(Some(path.clone()));
    click(&mut h, "Save PNG…");
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    let png = dir.path().join("overlap.png");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let reader = decoder.read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (1280, 720));
    assert!(h.state().message().contains("1280x720"));
    assert!(!h.state().is_dirty(), "exporting does not change the plan");
}

#[test]
fn an_impossible_export_size_is_refused_with_the_reason() {
    let (mut h, _) = harness();
    click(&mut h, "File");
    click(&mut h, "Export slides as PNG…");
    type_into(&mut h, "Width", "20");
    h.get_by_label_contains("is not an image size");
    assert!(
        h.get_by_label("Choose folder…")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut h, "Cancel");
    assert!(h.state().dialog().is_none());
}

/// Presenting a plan with ranges starts the run its fan and tornado need; leaving the
/// presentation before it finishes stops it, so it does not keep both cores busy behind the
/// window.
#[test]
fn leaving_the_presentation_stops_the_run_started_for_its_slides() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves/northshire-reorganisation.ron");
    let plan = plan_file::open(&path).unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut h = harness_for(plan, Some(path), &dialogs);
    h.key_press(Key::F5);
    h.run_steps(4);
    assert!(h.state().risk().running(), "the slides' run starts");
    h.key_press(Key::Escape);
    h.run_steps(4);
    assert!(!h.state().risk().running(), "and stops when the slides do");
}

/// Uncertainty: an input given a range in the Assumptions, then the plan run over it from the
/// Money view, off the window's thread, with its spread, chances, fan and tornado.
#[test]
fn the_plan_is_run_over_its_uncertain_inputs_from_the_money_view() {
    let (mut h, _) = harness();
    click(&mut h, "Money");
    h.get_by_label_contains("No input of this scenario is uncertain");
    click(&mut h, "Assumptions");
    let tick = "Implementation overrun, %: uncertain";
    h.get_by_role_and_label(Role::CheckBox, tick).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, tick).click();
    h.run();
    let overrun = h.state().plan().assumptions.ranges.implementation_overrun;
    assert!(overrun.is_some(), "the plan's range is set");
    h.get_by_label_contains("Changed: ");
    click(&mut h, "Money");
    click(&mut h, "Run 2,000 draws");
    assert!(h.state().risk().running() || h.state().risk().result().is_some());
    h.state_mut().finish_risk();
    h.run();
    let r = h.state().risk().result().expect("a result").clone();
    assert_eq!(r.draws, 2_000);
    assert!(r.one_off_cost.p10 <= r.one_off_cost.p50 && r.one_off_cost.p50 <= r.one_off_cost.p90);
    assert!(
        r.one_off_cost.p90 > r.one_off_cost.p10,
        "the overrun spreads the cost"
    );
    h.get_by_label_contains("Chance of payback within 3 years");
    h.get_by_label_contains("What moves the figures most —");
    h.get_by_label_contains("Range of outcomes —");
    // An edit makes the run out of date.
    command(&mut h, Key::Z);
    h.get_by_label_contains("No input of this scenario is uncertain");
}

/// Pools shows the equality impact: by age, sex, ethnicity and disability with the four-fifths
/// rule's findings, for every pool or one, and no group of fewer than 5 people.
#[test]
fn the_pools_view_shows_the_equality_impact_without_groups_under_five() {
    let (mut h, _) = harness();
    // The figures are protected off the window's thread; the view says so meanwhile.
    h.get_by_label("Pools").click();
    h.step();
    h.step();
    h.get_by_label_contains("Protecting the figures");
    settle(&mut h);
    h.get_by_label_contains("Equality impact —");
    for heading in ["Age on go-live", "Sex", "Ethnicity", "Disability"] {
        h.get_by_label(heading);
    }
    h.get_by_label("65 and over");
    assert_eq!(h.query_all_by_label("Prefer not to say").count(), 2);
    assert_eq!(h.query_all_by_label("Everyone").count(), 4);
    assert!(
        h.query_all_by_label_contains("five-fourths of the workforce's rate")
            .count()
            > 0
    );
    // The figures are the anonymised papers': what their protection hides says so, here too.
    let plan = example_plan();
    let o = merger_planner::engine::evaluate_base(&plan);
    let table = merger_planner::figures::tables::protected_equality(&plan, &o);
    let all_pools = |words: &str| {
        table
            .rows
            .iter()
            .filter(|r| r[0] == Cell::Text("All pools".to_owned()))
            .flat_map(|r| [3, 6, 4, 5, 8, 9, 10].map(|c| r[c].shown()))
            .filter(|s| s == words)
            .count()
    };
    for words in ["fewer than 5", "not shown"] {
        assert!(all_pools(words) > 0, "{words}");
        assert_eq!(
            h.query_all_by_label(words).count(),
            all_pools(words),
            "{words}"
        );
    }
    // One pool: the figures are that pool's, and its everyone is its workforce.
    let e = merger_planner::engine::equality::equality(&plan, &o);
    let age = e.age().unwrap();
    let (i, pool) = age
        .pools
        .iter()
        .enumerate()
        .find(|(_, p)| p.total().at_risk > 0.0 && p.total().workforce >= 5.0)
        .unwrap();
    let title = o.roles[i].title.clone();
    choose_last(&mut h, "Pool", &title);
    h.get_by_role_and_label(Role::ComboBox, "Pool");
    let people = merger_planner::format::fte(pool.total().workforce);
    let before = merger_planner::format::fte(age.total.total().workforce);
    assert!(h.query_all_by_label(&people).count() >= 4, "{people}");
    assert_eq!(h.query_all_by_label(&before).count(), 0, "{before}");
}

/// A bar's words on hover are shown whole beside the pointer, even for a bar ending at the
/// plot's right edge (egui_plot's own label there was cut after a few letters).
#[test]
fn a_bars_hover_shows_its_words_whole_beside_the_pointer() {
    let mut h = example_at(1280.0, 800.0);
    click(&mut h, "Timetable");
    // The notice bars run to go-live at the right of the plot: sweep the pointer across the
    // right half of the plot until it rests on one.
    let mut found = false;
    'sweep: for y in (150..460).step_by(10) {
        for x in [900.0, 1000.0, 1100.0] {
            h.input_mut()
                .events
                .push(egui::Event::PointerMoved(egui::pos2(x, y as f32)));
            h.run_steps(3);
            if h.query_by_label_contains("notice may be given from")
                .is_some()
            {
                found = true;
                break 'sweep;
            }
        }
    }
    assert!(found, "no notice bar's words on hover");
    h.get_by_label_contains("given by 7 Jan 2018 to end when people leave on 1 Apr 2018");
}
