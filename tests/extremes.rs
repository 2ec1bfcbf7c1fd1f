//! Extreme plans through the engine, the report, every chart and the app's views: none panics or
//! hangs. No post, one post, twenty councils of one post each, salaries of £0 and £10m, an FTE of
//! 0.01, go-live in 2099 and on the calendar's last day, and consultation starting after go-live.

use egui_kittest::Harness;
use jiff::civil::date;
use merger_planner::charts::{self};
use merger_planner::engine::evaluate;
use merger_planner::example;
use merger_planner::figures::charts::{Scenarios, Series, table};
use merger_planner::figures::report;
use merger_planner::model::{Chart, Money, Plan, Programme, validate};
use merger_planner::ui::App;
use merger_planner::ui::command::{Command, View};

/// The example with its establishment cut to the first `n` posts.
fn first_posts(n: usize) -> Plan {
    let mut plan = example::bournemouth_poole();
    plan.posts.truncate(n);
    plan
}

/// Each extreme plan, named.
fn extremes() -> Vec<(&'static str, Plan)> {
    let mut plans = vec![
        ("no posts", first_posts(0)),
        ("one post", first_posts(1)),
        ("twenty councils of one post", {
            let mut plan = example::reorganisation(20, 400, 3);
            let mut seen = std::collections::BTreeSet::new();
            plan.posts.retain(|p| seen.insert(p.council.clone()));
            plan
        }),
    ];
    let mut pay = example::bournemouth_poole();
    for (i, post) in pay.posts.iter_mut().enumerate() {
        post.salary = if i % 2 == 0 {
            Money::pounds(10_000_000)
        } else if post.holder.is_none() {
            Money::ZERO
        } else {
            Money::pounds(1)
        };
        post.fte = 0.01;
    }
    plans.push(("£0 and £10m salaries, FTE 0.01", pay));
    // Every post a group of posts past what validation allows, held by unnamed people: the
    // engine caps a group at 100,000 FTE and nobody at more than full time.
    let mut groups = example::bournemouth_poole();
    for (i, post) in groups.posts.iter_mut().enumerate() {
        post.holder = None;
        post.unnamed = i % 3 != 0;
        post.group = Some(merger_planner::model::Group {
            headcount: (i % 2 == 0).then_some(0.001),
        });
        post.fte = if i % 5 == 0 { f64::MAX } else { 1e9 };
        post.salary = Money::pounds(10_000_000);
    }
    for role in &mut groups.roles {
        role.target_fte = 1.0;
    }
    plans.push(("groups of a billion FTE at £10m, unnamed", groups));
    for (name, consultation_start, go_live) in [
        ("go-live in 2099", date(2098, 10, 1), date(2099, 4, 1)),
        (
            "go-live on the calendar's last day",
            date(9999, 6, 1),
            date(9999, 12, 31),
        ),
        (
            "consultation after go-live",
            date(2028, 6, 1),
            date(2028, 4, 1),
        ),
    ] {
        let mut plan = example::bournemouth_poole();
        plan.programme = Programme {
            consultation_start,
            go_live,
        };
        for s in &mut plan.scenarios {
            s.go_live = None;
            s.consultation_start = None;
        }
        plans.push((name, plan));
    }
    plans
}

#[test]
fn the_engine_and_the_report_are_total_on_extreme_plans() {
    for (name, plan) in extremes() {
        let started = std::time::Instant::now();
        let _problems = validate(&plan);
        for scenario in std::iter::once(plan.scenario("Base").unwrap_or_default())
            .chain(plan.scenarios.iter().cloned())
        {
            let o = evaluate(&plan, &scenario);
            let _ = report::text(&plan, &o);
            let _ = report::json(&plan, &o);
            let series = Series::of(&plan, &o);
            for chart in Chart::ALL {
                let _ = table(chart, &series, None, None);
            }
        }
        assert!(
            started.elapsed().as_secs() < 10,
            "{name} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn every_chart_draws_on_extreme_plans() {
    for (name, plan) in extremes() {
        let outcome = merger_planner::engine::evaluate_base(&plan);
        let series = Series::of(&plan, &outcome);
        let scenarios = Scenarios::of(&plan);
        for chart in Chart::ALL {
            let mut h = Harness::builder()
                .with_size([1280.0, 720.0])
                .build_ui(|ui| {
                    charts::picture_ui(
                        ui,
                        chart,
                        &series,
                        Some(&scenarios),
                        true,
                        Some(date(2026, 11, 29)),
                    );
                });
            h.run();
            assert!(
                h.try_run().is_ok(),
                "{name}: {chart:?} keeps asking to redraw"
            );
        }
    }
}

#[test]
fn every_view_draws_on_extreme_plans() {
    for (_name, plan) in extremes() {
        let app = App::new(plan, None);
        let mut h = Harness::builder()
            .with_size([1280.0, 800.0])
            .build_ui_state(|ui, app: &mut App| app.show(ui), app);
        for view in View::ALL {
            let ctx = h.ctx.clone();
            h.state_mut().apply(&ctx, vec![Command::Show(view)]);
            h.run();
        }
        let ctx = h.ctx.clone();
        h.state_mut().apply(&ctx, vec![Command::Present]);
        h.run();
    }
}
