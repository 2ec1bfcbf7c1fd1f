//! Benchmark of one frame of the Establishment view, the chart views and a slide with a
//! 50,000-post, 20-council plan: `cargo bench --bench frame`. Headless egui (no GPU): the UI pass plus tessellation, with the
//! outcome already computed (it is cached by revision and never recomputed per frame).
//! Goal: under 4 ms on the 2-core reference machine. The drag benchmarks add an edit of one post
//! each frame: the figures are worked out again off the window's thread (the frame draws the
//! newest finished ones), and the goal is a frame within 16.7 ms (60 a second). A paced drag,
//! one edit every 16.7 ms for two seconds, then prints the slowest frames and how far the figures
//! drawn trail the pointer.

mod plans;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use merger_planner::document::edit::Edit;
use merger_planner::ui::App;
use merger_planner::ui::command::{Command, View};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut App) {
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    black_box(primitives);
}

fn establishment(c: &mut Criterion) {
    let plan = plans::large();
    let ctx = egui::Context::default();
    merger_planner::theme::apply(&ctx);
    let mut app = App::new(plan, None);
    app.apply(&ctx, vec![Command::Show(View::Establishment)]);
    // The first frames compute the outcome and the table's rows, and lay out fonts.
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    let evaluations = app.evaluations();
    c.bench_function("Establishment view frame, 50,000 posts", |b| {
        b.iter(|| frame(&ctx, &mut app));
    });
    assert_eq!(
        app.evaluations(),
        evaluations,
        "the outcome is not recomputed per frame"
    );
    // The chart views, and a slide: plots of 20 councils drawn from cached series.
    for (view, name) in [
        (
            View::Dashboard,
            "Dashboard frame (overlap chart), 50,000 posts",
        ),
        (View::Pools, "Pools view frame, 50,000 posts"),
        (View::Money, "Money view frame (four charts), 50,000 posts"),
        (View::Timetable, "Timetable view frame, 20 councils"),
    ] {
        app.apply(&ctx, vec![Command::Show(view)]);
        frame(&ctx, &mut app);
        c.bench_function(name, |b| {
            b.iter(|| frame(&ctx, &mut app));
        });
    }
    app.apply(&ctx, vec![Command::Present]);
    frame(&ctx, &mut app);
    c.bench_function("Slide frame (overlap, 20 councils)", |b| {
        b.iter(|| frame(&ctx, &mut app));
    });
    assert_eq!(
        app.evaluations(),
        evaluations,
        "charts and slides do not recompute the outcome"
    );
}

/// A drag: each frame one post's FTE moves, so the figures are derived again and the view drawn.
/// At 60 frames a second this has 16.7 ms.
fn drag(c: &mut Criterion) {
    let plan = plans::large();
    let ctx = egui::Context::default();
    merger_planner::theme::apply(&ctx);
    let mut app = App::new(plan, None);
    for (view, name) in [
        (
            View::Establishment,
            "Drag one post's FTE: edit and draw the Establishment view, 50,000 posts",
        ),
        (
            View::Target,
            "Drag one post's FTE: edit and draw the Target structure, 50,000 posts",
        ),
        (
            View::Assumptions,
            "Drag one post's FTE: edit and draw the Assumptions, 50,000 posts",
        ),
    ] {
        app.apply(&ctx, vec![Command::Show(view)]);
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        let mut fte = 0.5;
        let mut drag = |app: &mut App| {
            fte = if fte > 0.9 { 0.5 } else { fte + 0.01 };
            let mut post = app.plan().posts[100].clone();
            post.fte = fte;
            app.edit(Edit::post("change FTE", 100, post).keyed("drag"));
            frame(&ctx, app);
        };
        c.bench_function(name, |b| b.iter(|| drag(&mut app)));
        paced(name, &mut app, &mut drag);
    }
}

/// Drags at the pointer's pace, one edit every 16.7 ms for two seconds, and prints the frames'
/// times and how many edits behind the figures drawn were (0: the edit's own figures).
fn paced(name: &str, app: &mut App, drag: &mut impl FnMut(&mut App)) {
    // From figures that are current, as after the user lets go of the last drag.
    app.derived();
    let tick = Duration::from_micros(16_667);
    let start = Instant::now();
    let (mut times, mut behind) = (Vec::new(), Vec::new());
    for k in 1..=120u32 {
        let t = Instant::now();
        drag(app);
        times.push(t.elapsed());
        behind.push(app.revision() - app.drawn().revision);
        if let Some(wait) = (start + tick * k).checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
    }
    if std::env::var_os("PACED_TRACE").is_some() {
        eprintln!("{name}: edits behind, frame by frame: {behind:?}");
    }
    times.sort();
    let at = |q: usize| times[(times.len() - 1) * q / 100].as_secs_f64() * 1e3;
    let mut sorted = behind.clone();
    sorted.sort_unstable();
    eprintln!(
        "{name}, paced at 60 a second: frames {:.1} ms median, {:.1} ms at the 95th percentile, {:.1} ms slowest; figures drawn {} edits behind at the median, {} at most",
        at(50),
        at(95),
        at(100),
        sorted[sorted.len() / 2],
        sorted[sorted.len() - 1],
    );
}

criterion_group!(benches, establishment, drag);
criterion_main!(benches);
