//! Image snapshots of every chart on the example plan, and of the main window, drawn by wgpu (Mesa's software Vulkan on
//! CI) at a pinned size, theme and pixels per point. A changed picture fails the test and leaves
//! the new image beside the old in tests/snapshots; `UPDATE_SNAPSHOTS=1 cargo test --test
//! snapshots` accepts it.

use egui_kittest::{Harness, SnapshotResults};
use merger_planner::charts::{self};
use merger_planner::document::example_plan;
use merger_planner::figures::charts::{Scenarios, Series, Spread};
use merger_planner::model::Chart;
use merger_planner::theme;

#[test]
fn every_chart_on_the_example_plan() {
    let plan = example_plan();
    let outcome = merger_planner::engine::evaluate_base(&plan);
    let mut series = Series::of(&plan, &outcome);
    let scenarios = Scenarios::of(&plan);
    // The fan and tornado of a run with three uncertain inputs (200 draws, to be quick).
    let mut uncertain = plan.clone();
    let range = |low, likely, high| Some(merger_planner::model::Range { low, likely, high });
    uncertain.assumptions.ranges.vr_take_up = range(0.0, 0.15, 0.4);
    uncertain.assumptions.ranges.implementation_overrun = range(-0.05, 0.1, 0.5);
    uncertain.assumptions.ranges.exit_slip_weeks = range(0.0, 2.0, 12.0);
    let base = uncertain
        .scenario(merger_planner::model::Scenario::BASE)
        .unwrap();
    let settings = merger_planner::engine::risk::Settings {
        draws: 200,
        seed: 1,
        threads: 2,
    };
    let r = merger_planner::engine::risk::run(
        &uncertain,
        &base,
        settings,
        &std::sync::atomic::AtomicUsize::new(0),
        &std::sync::atomic::AtomicBool::new(false),
    )
    .unwrap();
    series.spread = Some(Spread::of(&r));
    // One result for all charts, so every changed chart is reported (and updated) at once.
    let mut results = SnapshotResults::new();
    for chart in Chart::ALL {
        let mut h = Harness::builder()
            .with_size([1280.0, 720.0])
            .with_pixels_per_point(1.0)
            .with_theme(egui::Theme::Light)
            .wgpu()
            .build_ui(|ui| {
                theme::projector(ui.style_mut());
                let ctx = ui.ctx().clone();
                ctx.layer_painter(egui::LayerId::background()).rect_filled(
                    ctx.content_rect(),
                    0.0,
                    ui.visuals().panel_fill,
                );
                // A fixed day, so the footer is the same on every run.
                charts::picture_ui(
                    ui,
                    chart,
                    &series,
                    Some(&scenarios),
                    true,
                    Some(jiff::civil::date(2026, 11, 29)),
                );
            });
        h.remove_cursor();
        h.run();
        h.snapshot(format!("chart-{}", chart.slug()));
        results.extend_harness(&mut h);
    }
}

#[test]
fn the_main_window_on_the_example_plan() {
    // The theme is pinned, not left to follow the machine's.
    let prefs = merger_planner::ui::files::Preferences {
        theme: egui::ThemePreference::Light,
        ..Default::default()
    };
    let app = merger_planner::ui::App::new(example_plan(), None).with_preferences(prefs);
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_pixels_per_point(1.0)
        .with_theme(egui::Theme::Light)
        .with_context_setup(theme::apply)
        .wgpu()
        .build_ui_state(|ui, app: &mut merger_planner::ui::App| app.show(ui), app);
    h.remove_cursor();
    h.run();
    h.snapshot("window-dashboard");
}
