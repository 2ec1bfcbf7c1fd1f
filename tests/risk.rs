//! Decisions under uncertainty: the Monte Carlo run and the tornado on hand-worked plans.
#![allow(
    clippy::float_cmp,
    reason = "with every range a single value the run must equal the deterministic figures exactly"
)]

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize};

use merger_planner::engine::{evaluate, risk};
use merger_planner::model::{FinancialYear, ImplementationCost, Money, Plan, Range, Scenario};

fn run(plan: &Plan, scenario: &Scenario, draws: usize, seed: u64, threads: usize) -> risk::Risk {
    let settings = risk::Settings {
        draws,
        seed,
        threads,
    };
    risk::run(
        plan,
        scenario,
        settings,
        &AtomicUsize::new(0),
        &AtomicBool::new(false),
    )
    .expect("not cancelled")
}

/// The worked example with £100,000 of implementation costs in 2026/27.
fn plan() -> Plan {
    let mut plan = common::worked_example();
    plan.assumptions.implementation_costs = vec![ImplementationCost {
        year: FinancialYear(2026),
        description: "Systems".into(),
        amount: Money::pounds(100_000),
    }];
    plan
}

#[test]
fn the_triangular_distribution_runs_from_low_through_likely_to_high() {
    let r = Range {
        low: 0.0,
        likely: 0.1,
        high: 0.5,
    };
    assert_eq!(r.at(0.0), 0.0);
    assert_eq!(r.at(1.0), 0.5);
    // The likely value's share of the draws below it: (0.1 - 0) / (0.5 - 0) = 0.2.
    assert!((r.at(0.2) - 0.1).abs() < 1e-12);
    // The median: 0.5 - sqrt(0.5 x 0.5 x 0.4) = 0.5 - sqrt(0.1).
    assert!((r.at(0.5) - (0.5 - 0.1f64.sqrt())).abs() < 1e-12);
    assert_eq!(Range::single(0.3).at(0.77), 0.3);
    // Typed the wrong way round, it is still the same range.
    let backwards = Range {
        low: 0.5,
        likely: 0.1,
        high: 0.0,
    };
    assert!((backwards.at(0.5) - r.at(0.5)).abs() < 1e-12);
}

#[test]
fn ranges_of_a_single_value_give_the_deterministic_outcome_exactly() {
    let plan = plan();
    let mut scenario = Scenario {
        name: "Certain".into(),
        vr_take_up: Some(0.2),
        redeployment_rate: Some(0.0),
        implementation_overrun: Some(0.1),
        ..Scenario::default()
    };
    let r = &mut scenario.ranges;
    r.vr_take_up = Some(Range::single(0.2));
    r.redeployment_rate = Some(Range::single(0.0));
    r.strain_estimate_factor = Some(Range::single(1.0));
    r.exit_slip_weeks = Some(Range::single(0.0));
    r.pay_award = Some(Range::single(0.0));
    r.implementation_overrun = Some(Range::single(0.1));
    let o = evaluate(&plan, &scenario);
    let risk = run(&plan, &scenario, 50, 7, 2);
    for (q, exact) in [
        (risk.recurring_saving, o.totals.recurring_saving.as_pounds()),
        (risk.one_off_cost, o.totals.one_off_cost.as_pounds()),
        (risk.payback_years, o.totals.payback_years.unwrap()),
    ] {
        assert_eq!((q.p10, q.p50, q.p90), (exact, exact, exact));
    }
    for (year, fan) in o.years.iter().zip(&risk.fan) {
        assert_eq!(fan.quantiles.p50, year.cumulative_net.as_pounds());
        assert_eq!(fan.deterministic, year.cumulative_net.as_pounds());
    }
    assert_eq!(risk.p_go_live_met, 1.0);
    assert_eq!(risk.p_compulsory_needed, 1.0);
    // 10% on £100,000 of implementation is in the one-off cost.
    let none = Scenario {
        implementation_overrun: None,
        ..scenario.clone()
    };
    let without = evaluate(
        &plan,
        &Scenario {
            ranges: merger_planner::model::Ranges::default(),
            ..none
        },
    );
    assert_eq!(
        o.one_off.implementation - without.one_off.implementation,
        Money::pounds(10_000)
    );
}

#[test]
fn the_median_of_an_overrun_falls_where_the_distribution_puts_it() {
    // Implementation of £100,000 overrunning by 0% to 50%, most likely 10%: the one-off cost
    // lies between the cost with none and with £50,000 more, and its median is the
    // distribution's, 0.5 - sqrt(0.1) = 18.38% (£18,377), give or take the draws' noise.
    let plan = plan();
    let mut scenario = Scenario {
        name: "Overrun".into(),
        ..Scenario::default()
    };
    scenario.ranges.implementation_overrun = Some(Range {
        low: 0.0,
        likely: 0.1,
        high: 0.5,
    });
    let base = evaluate(&plan, &Scenario::default())
        .totals
        .one_off_cost
        .as_pounds();
    let risk = run(&plan, &scenario, 2_000, 1, 2);
    let q = risk.one_off_cost;
    assert!(base <= q.p10 && q.p10 <= q.p50 && q.p50 <= q.p90 && q.p90 <= base + 50_000.0);
    let median = base + 100_000.0 * (0.5 - 0.1f64.sqrt());
    assert!((q.p50 - median).abs() < 2_500.0, "{} vs {median}", q.p50);
    // The saving does not move: the overrun is a one-off cost.
    assert_eq!(risk.recurring_saving.p10, risk.recurring_saving.p90);
    // The tornado names it, with the cost at its low and high values.
    assert_eq!(risk.tornado.len(), 1);
    let bar = &risk.tornado[0];
    assert_eq!(bar.input, "Implementation overrun");
    assert!((bar.one_off.0 - base).abs() < 0.01);
    assert!((bar.one_off.1 - (base + 50_000.0)).abs() < 0.01);
}

#[test]
fn the_same_seed_gives_the_same_figures_on_one_thread_and_on_two() {
    let plan = plan();
    let mut scenario = Scenario {
        name: "Uncertain".into(),
        ..Scenario::default()
    };
    let r = &mut scenario.ranges;
    r.vr_take_up = Some(Range {
        low: 0.0,
        likely: 0.2,
        high: 0.6,
    });
    r.redeployment_rate = Some(Range {
        low: 0.0,
        likely: 0.3,
        high: 0.5,
    });
    r.exit_slip_weeks = Some(Range {
        low: 0.0,
        likely: 2.0,
        high: 30.0,
    });
    r.strain_estimate_factor = Some(Range {
        low: 0.8,
        likely: 1.0,
        high: 1.5,
    });
    let one = run(&plan, &scenario, 300, 42, 1);
    let two = run(&plan, &scenario, 300, 42, 2);
    assert_eq!(one, two);
    let other = run(&plan, &scenario, 300, 43, 2);
    assert_ne!(one.one_off_cost, other.one_off_cost);
    // Notices from 1 October 2025, 12 weeks at most, go-live 1 April 2026: 14 weeks to spare.
    // Exits slipping up to 30 weeks sometimes miss it.
    assert!(one.p_go_live_met < 1.0 && one.p_go_live_met > 0.0);
    assert_eq!(one.consultation_days.len(), 2);
}

#[test]
fn a_cancelled_run_gives_nothing() {
    let plan = plan();
    let cancel = AtomicBool::new(true);
    let settings = risk::Settings {
        draws: 100,
        seed: 1,
        threads: 2,
    };
    assert!(
        risk::run(
            &plan,
            &Scenario::default(),
            settings,
            &AtomicUsize::new(0),
            &cancel
        )
        .is_none()
    );
}

#[test]
fn ranges_out_of_order_or_out_of_bounds_are_refused_with_the_field() {
    use merger_planner::model::validate;
    let mut plan = plan();
    plan.assumptions.ranges.vr_take_up = Some(Range {
        low: 0.4,
        likely: 0.2,
        high: 0.6,
    });
    plan.scenarios.push(Scenario {
        name: "Slipping".into(),
        exit_slip_weeks: Some(500.0),
        ..Scenario::default()
    });
    plan.scenarios[0].ranges.pay_award = Some(Range::single(3.0));
    common::assert_errors_on(
        &validate(&plan),
        &["vr_take_up", "exit_slip_weeks", "pay_award"],
    );
}

/// The test plan with an uncertain implementation overrun, saved in `dir`.
fn saved_with_an_overrun(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("plan.ron");
    let mut plan = plan();
    plan.assumptions.ranges.implementation_overrun = Some(Range {
        low: 0.0,
        likely: 0.1,
        high: 0.5,
    });
    merger_planner::persist::plan_file::save(&path, &plan).expect("saved");
    path
}

#[test]
fn the_command_line_prints_each_figures_spread_and_the_chances() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_with_an_overrun(dir.path());
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_merger-planner"))
            .arg("risk")
            .arg(&path)
            .args(args)
            .output()
            .unwrap()
    };
    let json_args = ["--draws", "200", "--seed", "3", "--format", "json"];
    let out = cli(&json_args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for figure in [
        "recurring_saving",
        "one_off_cost",
        "payback_years",
        "compulsory_people",
    ] {
        for key in ["p10", "p50", "p90", "mean"] {
            assert!(json[figure][key].is_number(), "{figure}.{key}: {json}");
        }
    }
    for p in [
        "p_payback_within_limit",
        "p_go_live_met",
        "p_compulsory_needed",
    ] {
        let v = json[p].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&v), "{p}");
    }
    assert_eq!(json["draws"], 200);
    assert_eq!(json["tornado"][0]["input"], "Implementation overrun");
    // The same seed prints the same figures; the text names the chances.
    let again = cli(&json_args);
    assert_eq!(out.stdout, again.stdout);
    let text = cli(&["--draws", "50"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Chance that every council meets go-live"),
        "{text}"
    );
    // No draws is a usage error, and so is more than the plan's size allows (a million would
    // take hours on a large plan), saying the most.
    let bad = cli(&["--draws", "0"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = cli(&["--draws", "1000000"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("--draws 1,000,000 is more than the 100,000 a plan of"),
        "{err}"
    );
    assert!(bad.stdout.is_empty());
}

#[test]
fn the_most_draws_fall_as_plans_grow() {
    assert_eq!(risk::most_draws(639), 100_000);
    assert_eq!(risk::most_draws(50_000), 4_000);
    // Never below the papers' 2,000.
    assert_eq!(risk::most_draws(1_000_000), 2_000);
}

/// A go-live typed as 9999 ran 8,000 financial years a draw (156 s, 8,006 lines): every command
/// refuses a programme longer than 20 years, saying which year to check.
#[test]
fn a_go_live_thousands_of_years_away_is_refused_before_any_draw() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut plan = plan();
    plan.programme.go_live = jiff::civil::date(9999, 4, 1);
    merger_planner::persist::plan_file::save(&path, &plan).unwrap();
    let xlsx = dir.path().join("out.xlsx");
    for (command, more) in [
        ("risk", vec![]),
        ("report", vec![]),
        ("export", vec!["--xlsx", xlsx.to_str().unwrap()]),
    ] {
        let started = std::time::Instant::now();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_merger-planner"))
            .arg(command)
            .arg(&path)
            .args(more)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("go-live 9999-04-01 is") && err.contains("check the year"),
            "{command}: {err}"
        );
        assert!(out.stdout.is_empty(), "{command}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
}

/// Ctrl+C stops a long run at once (the command writes nothing until the end).
#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_long_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_with_an_overrun(dir.path());
    // A process started in the background of a script ignores Ctrl+C, and so would the command
    // started from it: `env --default-signal` gives it the terminal's default back, as a command
    // typed at a terminal has.
    let mut child = std::process::Command::new("env")
        .arg("--default-signal=INT")
        .arg(env!("CARGO_BIN_EXE_merger-planner"))
        .arg("risk")
        .arg(&path)
        .args(["--draws", "100000"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let stopped = std::time::Instant::now();
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert!(stopped.elapsed() < std::time::Duration::from_secs(2));
}
