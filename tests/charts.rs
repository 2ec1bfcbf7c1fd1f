//! The charts' figures, built from hand-made outcomes: stacks add up to the totals they stand for,
//! the waterfall ends exactly on the target cost, payback sits where the cumulative net turns,
//! and empty plans say "nothing to show" rather than drawing nonsense.

mod common;

use merger_planner::engine::{
    CouncilOutcome, Flag, FlagKind, Flows, FunctionOutcome, Outcome, RoleOutcome, Timetable,
    Totals, Waterfall, YearOutcome,
};
use merger_planner::figures::charts::{
    self as series, Figures, Phase, PoolBar, Pools, Scenarios, Series, Spread, WaterfallStepKind,
    nothing_to_show, title,
};
use merger_planner::model::{Chart, FinancialYear, Money, Plan, RedundancyScheme};
use proptest::prelude::*;

fn date(y: i16, m: i8, d: i8) -> jiff::civil::Date {
    jiff::civil::date(y, m, d)
}

fn flows(filled: f64, vacant: f64, deleted: f64, vr: f64, cr: f64, redeployed: f64) -> Flows {
    Flows {
        filled,
        vacant,
        vacancies_deleted: deleted,
        vacancies_kept: vacant - deleted,
        voluntary: vr,
        redeployed_out: redeployed,
        compulsory: cr,
        kept: filled - vr - cr - redeployed,
        over_target: 0.0,
        bumped: 0.0,
    }
}

fn pounds(p: i64) -> Money {
    Money::from_pounds_f64(p as f64)
}

/// A plan with three councils (for names and colours) and an outcome made by hand.
fn hand_made() -> (Plan, Outcome) {
    let mut plan = common::worked_example();
    plan.councils = ["North", "South", "East"]
        .iter()
        .map(|n| {
            let mut c = common::council(&n.to_lowercase(), 0.2, RedundancyScheme::default());
            c.name = format!("{n} District Council");
            c.short_name = (*n).to_owned();
            c
        })
        .collect();
    let finance = FunctionOutcome {
        name: "Finance".into(),
        target_fte: 20.0,
        flows: flows(24.0, 3.0, 2.0, 3.0, 1.0, 0.5),
        by_council: vec![
            flows(10.0, 1.0, 1.0, 1.0, 0.0, 0.0),
            flows(8.0, 2.0, 1.0, 2.0, 1.0, 0.5),
            flows(6.0, 0.0, 0.0, 0.0, 0.0, 0.0),
        ],
        recurring_saving: pounds(150_000),
        council_saving: vec![pounds(100_000), pounds(70_000), pounds(-20_000)],
        ..FunctionOutcome::default()
    };
    let hr = FunctionOutcome {
        name: "HR".into(),
        target_fte: 0.0,
        flows: flows(4.0, 0.0, 0.0, 4.0, 0.0, 0.0),
        by_council: vec![
            flows(4.0, 0.0, 0.0, 4.0, 0.0, 0.0),
            Flows::default(),
            Flows::default(),
        ],
        recurring_saving: pounds(-5_000),
        council_saving: vec![pounds(2_000), pounds(-3_000), pounds(-4_000)],
        ..FunctionOutcome::default()
    };
    let role = |title: &str, function: usize, f: Flows| RoleOutcome {
        title: title.into(),
        function,
        flows: f,
        ..RoleOutcome::default()
    };
    let council = |name: &str, short: &str, meets: bool| {
        let timetable = Timetable {
            wave: Some(0),
            go_live: date(2028, 4, 1),
            consultation_start: date(2027, 10, 1),
            consultation_days: 45,
            hr1_by: date(2027, 10, 1),
            notices_from: date(2027, 11, 15),
            first_exit: Some(date(2028, 4, 1)),
            last_exit: Some(if meets {
                date(2028, 4, 1)
            } else {
                date(2028, 6, 30)
            }),
            longest_notice_weeks: 12,
            meets_go_live: meets,
            ..Timetable::default()
        };
        CouncilOutcome {
            name: name.into(),
            short_name: short.into(),
            recurring_saving: pounds(50_000),
            one_off_cost: pounds(30_000),
            share_ratio: 1.0 / 3.0,
            waves: vec![timetable.clone()],
            timetable: Timetable {
                wave: None,
                ..timetable
            },
            ..CouncilOutcome::default()
        }
    };
    let years = [
        (2027, 0, 80_000),
        (2028, 120_000, 20_000),
        (2029, 150_000, 0),
    ];
    let mut cumulative = Money::ZERO;
    let years = years
        .iter()
        .map(|&(y, saving, cost)| {
            let net = pounds(saving) - pounds(cost);
            cumulative += net;
            YearOutcome {
                year: FinancialYear(y),
                saving: pounds(saving),
                one_off_cost: pounds(cost),
                net,
                cumulative_net: cumulative,
            }
        })
        .collect();
    let outcome = Outcome {
        scenario: "Base".into(),
        consultation_start: date(2027, 10, 1),
        go_live: date(2028, 4, 1),
        totals: Totals {
            recurring_saving: pounds(145_000),
            payback_years: Some(0.7),
            ..Totals::default()
        },
        waterfall: Waterfall {
            baseline: pounds(1_000_000),
            vacancies_deleted: pounds(60_000),
            voluntary: pounds(90_000),
            compulsory: pounds(30_000),
            redeployed: pounds(10_000),
            new_posts: pounds(-40_000),
            pay_harmonisation: pounds(-5_000),
            pay_change: Money::ZERO,
            lines: Money::ZERO,
            target: pounds(855_000),
        },
        councils: vec![
            council("North District Council", "North", true),
            council("South District Council", "South", false),
            council("East District Council", "", true),
        ],
        functions: vec![finance, hr],
        roles: vec![
            role("Accountant", 0, flows(14.0, 2.0, 1.0, 2.0, 1.0, 0.5)),
            role("Payroll officer", 0, flows(10.0, 1.0, 1.0, 1.0, 0.0, 0.0)),
            role("HR adviser", 1, flows(4.0, 0.0, 0.0, 4.0, 0.0, 0.0)),
        ],
        years,
        flags: vec![Flag {
            kind: FlagKind::TimetableMiss,
            message: "South: notice runs to 30 June 2028, after go-live".into(),
            council: Some(1),
            role: None,
        }],
        ..Outcome::default()
    };
    (plan, outcome)
}

#[test]
fn overlap_stacks_add_up_to_each_function_and_sit_on_each_other() {
    let (plan, o) = hand_made();
    let s = Series::of(&plan, &o).overlap;
    assert_eq!(s.functions, vec!["Finance", "HR"]);
    for (f, function) in o.functions.iter().enumerate() {
        let sum: f64 = s.councils.iter().map(|c| c.values[f]).sum();
        assert!((sum - function.flows.current()).abs() < 1e-9);
        // Each council's bar starts where the one before ended.
        let mut end = 0.0;
        for c in &s.councils {
            assert!((c.bases[f] - end).abs() < 1e-9);
            end += c.values[f];
        }
    }
    assert!((s.overlap(0) - 7.0).abs() < 1e-9, "27 FTE today, 20 target");
    assert_eq!(s.headline(), "11.0 FTE overlap (today minus target)");
    // A council without a short name is named in full.
    assert_eq!(s.councils[2].name, "East District Council");
    // Colours are the councils' own, from the plan.
    assert_eq!(
        s.councils[1].colour,
        series::Hue::Council(plan.councils[1].colour)
    );
}

#[test]
fn savings_split_adds_up_to_the_penny_with_losses_stacked_below_zero() {
    let (plan, o) = hand_made();
    let s = Series::of(&plan, &o).savings;
    for (f, function) in o.functions.iter().enumerate() {
        let sum: Money = s.amounts.iter().map(|a| a[f]).sum();
        assert_eq!(sum, function.recurring_saving);
    }
    // East loses £20k in Finance: its bar runs down from zero, not from the top of the others.
    let east = &s.councils[2];
    assert!(east.values[0] < 0.0);
    assert!(east.bases[0].abs() < 1e-9);
    // In HR North gains and South then East lose: the losses pile down from zero.
    assert!((s.councils[1].bases[1]).abs() < 1e-9);
    assert!((s.councils[2].bases[1] + 3_000.0).abs() < 1e-6);
    let table = s.table();
    assert_eq!(table.shown_rows()[0].last().unwrap(), "£150,000");
    assert_eq!(table.shown_rows()[1].last().unwrap(), "-£5,000");
}

#[test]
fn the_waterfall_ends_exactly_on_the_target_cost() {
    let (plan, o) = hand_made();
    let w = Series::of(&plan, &o).waterfall;
    assert_eq!(w.steps.len(), 8);
    assert_eq!(w.steps[0].to, o.waterfall.baseline);
    let target = w.steps.last().unwrap();
    assert_eq!(target.kind, WaterfallStepKind::Total);
    assert_eq!(target.to, o.waterfall.target);
    assert_eq!(
        w.steps[6].to, o.waterfall.target,
        "the last step lands on it"
    );
    for pair in w.steps[1..7].windows(2) {
        assert_eq!(
            pair[0].to, pair[1].from,
            "each step starts where the last ended"
        );
    }
    assert_eq!(
        w.steps[5].kind,
        WaterfallStepKind::Plus,
        "new posts raise the cost"
    );
    assert_eq!(w.steps[5].words(), "plus new posts £40,000");
    assert_eq!(w.steps[1].words(), "less vacancies deleted £60,000");
    assert_eq!(w.saving, pounds(145_000));
}

proptest! {
    #[test]
    fn any_bridge_ends_on_its_target(
        baseline in 0i64..10_000_000_000,
        steps in proptest::collection::vec(-500_000_000i64..500_000_000, 6),
    ) {
        let m = Money::from_pence_f64;
        let mut w = Waterfall {
            baseline: m(baseline as f64),
            vacancies_deleted: m(steps[0] as f64),
            voluntary: m(steps[1] as f64),
            compulsory: m(steps[2] as f64),
            redeployed: m(steps[3] as f64),
            new_posts: m(steps[4] as f64),
            pay_harmonisation: m(steps[5] as f64),
            pay_change: Money::ZERO,
            lines: Money::ZERO,
            target: Money::ZERO,
        };
        w.target = w.baseline - w.saving();
        let o = Outcome { waterfall: w, ..Outcome::default() };
        let bridge = series::WaterfallChart::of(&o);
        prop_assert_eq!(bridge.steps[6].to, w.target);
        prop_assert_eq!(bridge.steps[7].to, w.target);
        for s in &bridge.steps[1..7] {
            let lowers = s.to.pence() <= s.from.pence();
            prop_assert!(lowers == (s.kind == WaterfallStepKind::Less) || s.from == s.to);
        }
        // A broken axis starts below every bar's end and leaves the steps most of the width.
        let start = bridge.axis_start();
        let ends: Vec<Money> = bridge.steps.iter().flat_map(|s| match s.kind {
            WaterfallStepKind::Total => vec![s.to],
            _ => vec![s.from, s.to],
        }).collect();
        let low = *ends.iter().min().unwrap();
        let high = *ends.iter().max().unwrap();
        prop_assert!(start >= Money::ZERO);
        if start > Money::ZERO {
            prop_assert!(start <= low);
            prop_assert!(
                3 * (low - start).pence() <= 2 * (high - low).pence(),
                "the steps keep three fifths of the width"
            );
            prop_assert!(start.pence() * 3 >= high.pence());
        }
    }
}

/// A bridge from `today` to `target` pounds, all by deleting vacancies.
fn bridge(today: i64, target: i64) -> series::WaterfallChart {
    let w = Waterfall {
        baseline: pounds(today),
        vacancies_deleted: pounds(today - target),
        target: pounds(target),
        ..Waterfall::default()
    };
    series::WaterfallChart::of(&Outcome {
        waterfall: w,
        ..Outcome::default()
    })
}

#[test]
fn the_waterfall_axis_breaks_only_when_the_steps_would_be_squeezed() {
    // £10m today, £9m in the target: from zero the £1m of steps would take a tenth of the width.
    // The steps span £1m; a third of it below the target is £8,666,667, floored to a multiple of
    // the round step at least an eighth of the span (£200k, the first of 1, 2, 5 × 10^k at least
    // £125k): £8.6m. The steps then take 1m / 1.4m of the width.
    assert_eq!(
        bridge(10_000_000, 9_000_000).axis_start(),
        pounds(8_600_000)
    );
    // £10m to £9.7m: span £300k, step £50k (at least £37.5k), £9.7m − £100k = £9.6m exactly.
    assert_eq!(
        bridge(10_000_000, 9_700_000).axis_start(),
        pounds(9_600_000)
    );
    // Halving the cost fills half the width from zero: no break.
    assert_eq!(bridge(10_000_000, 5_000_000).axis_start(), Money::ZERO);
    // Nothing to show, or a target at or below zero: from zero.
    assert_eq!(bridge(0, 0).axis_start(), Money::ZERO);
    assert_eq!(bridge(100_000, -5_000).axis_start(), Money::ZERO);
}

#[test]
fn pools_add_up_to_today_per_function_and_per_role() {
    let (plan, o) = hand_made();
    let series = Series::of(&plan, &o);
    let check = |p: &Pools| {
        for (i, today) in p.today.iter().enumerate() {
            let sum: f64 = p.pools.iter().map(|s| s.values[i]).sum();
            assert!(
                (sum - today).abs() < 1e-9,
                "{}: {sum} vs {today}",
                p.categories[i]
            );
        }
    };
    check(&series.pools);
    assert_eq!(series.pools_by_role.len(), 2);
    assert_eq!(
        series.pools_by_role[0].categories,
        vec!["Accountant", "Payroll officer"]
    );
    for p in &series.pools_by_role {
        check(p);
    }
    assert_eq!(series.pools.pools.len(), PoolBar::ALL.len());
    assert_eq!(
        series.pools.headline(),
        "7.0 FTE voluntary, 1.0 FTE compulsory"
    );
}

#[test]
fn payback_is_marked_where_the_cumulative_net_turns_positive() {
    let (plan, o) = hand_made();
    let y = Series::of(&plan, &o).years;
    // -80k at the end of 2027/28 (x 0.5). Go-live on 1 April 2028 starts 2028/29 there, and its
    // £20,000 of one-off costs fall at go-live before any saving: the line dips to -100k at
    // x 0.5, then rises to +20k at the end of 2028/29 (x 1.5). It crosses zero 100/120 of the way
    // between, and the mark sits on the line there.
    let pb = y.payback.clone().unwrap();
    assert!((pb.x - (0.5 + 100.0 / 120.0)).abs() < 1e-9, "{}", pb.x);
    assert!((y.line[0][0] + 0.5).abs() < 1e-12 && y.line[0][1].abs() < 1e-12);
    assert!(
        y.line
            .iter()
            .any(|p| (p[0] - 0.5).abs() < 1e-9 && (p[1] + 100_000.0).abs() < 1e-6),
        "{:?}",
        y.line
    );
    assert_eq!(
        pb.label,
        "Net positive in 2028/29: pays back 0.7 years after go-live"
    );
    assert_eq!(
        y.table().shown_rows()[0],
        ["2027/28", "£0", "£80,000", "-£80,000", "-£80,000"]
    );
}

#[test]
fn a_plan_that_never_pays_back_has_no_payback_mark() {
    let (plan, mut o) = hand_made();
    for y in &mut o.years {
        y.cumulative_net = pounds(-1);
    }
    o.totals.payback_years = None;
    assert!(Series::of(&plan, &o).years.payback.is_none());
    assert_eq!(Series::of(&plan, &o).years.headline(), "Does not pay back");
}

#[test]
fn the_timetable_marks_what_misses_go_live_with_the_reason() {
    let (plan, o) = hand_made();
    let t = Series::of(&plan, &o).timeline;
    assert_eq!(t.lanes.len(), 3);
    assert_eq!(t.misses(), 1);
    let south = &t.lanes[1];
    let exits = south
        .spans
        .iter()
        .find(|s| s.phase == Phase::Exits)
        .unwrap();
    assert!(exits.misses);
    assert!(south.reason.contains("30 June 2028"));
    assert!(t.lanes[0].spans.iter().all(|s| !s.misses));
    assert_eq!(t.headline(), "1 council misses go-live on 1 Apr 2028");
    assert_eq!(t.table().shown_rows()[1][5], "No");
}

#[test]
fn the_notice_bar_is_the_longest_notice_ending_when_people_leave() {
    // Notices may go out from 15 November 2027; the longest is 12 weeks (84 days) and people
    // leave at go-live on 1 April 2028: the longest notice is given by 8 January 2028 and the
    // bar runs from then to the exit, so notice and exit read as one story.
    let (plan, o) = hand_made();
    let t = Series::of(&plan, &o).timeline;
    let lane = &t.lanes[0];
    let notice = lane
        .spans
        .iter()
        .find(|s| s.phase == Phase::Notice)
        .unwrap();
    let exits = lane.spans.iter().find(|s| s.phase == Phase::Exits).unwrap();
    assert_eq!(notice.from, date(2028, 1, 8));
    assert_eq!(notice.to, date(2028, 4, 1));
    assert_eq!(notice.to, exits.to, "the notice ends on the exit");
    assert!(!notice.misses);
    assert_eq!(
        notice.note,
        "notice may be given from 15 Nov 2027; the longest (12 weeks) is given by 8 Jan 2028 \
         to end when people leave on 1 Apr 2028"
    );
    assert_eq!(exits.note, "people leave on 1 Apr 2028");
    assert_eq!(
        t.phases_drawn(),
        vec![Phase::Consultation, Phase::Notice, Phase::Exits]
    );
}

#[test]
fn the_timetable_legend_names_only_what_is_drawn() {
    // The worked example with every post kept: nobody leaves, so no notice or exits are
    // drawn, and with no collective consultation owed, no HR1.
    let mut plan = common::worked_example();
    for role in &mut plan.roles {
        role.target_fte = 100.0;
    }
    let o = merger_planner::engine::evaluate_base(&plan);
    let t = Series::of(&plan, &o).timeline;
    assert_eq!(t.phases_drawn(), vec![Phase::Consultation]);
    assert!(!t.hr1_drawn());
    assert!(
        t.lanes[0].spans[0]
            .note
            .starts_with("no collective consultation owed")
    );
}

#[test]
fn titles_name_the_chart_plan_and_scenario() {
    let (plan, o) = hand_made();
    let s = Series::of(&plan, &o);
    assert_eq!(
        title(Chart::Pools, &s),
        "Redundancy pools — Worked example, Base scenario"
    );
    assert_eq!(
        title(Chart::Scenarios, &s),
        "Scenarios compared — Worked example"
    );
}

#[test]
fn empty_data_says_nothing_to_show_and_real_data_does_not() {
    let (plan, o) = hand_made();
    let full = Series::of(&plan, &o);
    let empty_plan = Plan::new("Empty", plan.programme);
    let empty = Series::of(&empty_plan, &Outcome::default());
    for chart in Chart::ALL {
        let scenarios = Scenarios::default();
        assert!(
            nothing_to_show(chart, &empty, Some(&scenarios)).is_some(),
            "{chart:?}"
        );
        // (The hand-made outcome has no people: the equality chart is checked on a real one.)
        if !matches!(
            chart,
            Chart::Scenarios | Chart::Fan | Chart::Tornado | Chart::Equality
        ) {
            assert_eq!(nothing_to_show(chart, &full, None), None, "{chart:?}");
        }
    }
    // The fan and tornado: nothing without a range; not yet without a run; drawn with one.
    for chart in [Chart::Fan, Chart::Tornado] {
        let why = nothing_to_show(chart, &full, None).unwrap();
        assert!(
            why.contains("no input of this scenario is uncertain"),
            "{why}"
        );
    }
    let mut uncertain = common::worked_example();
    uncertain.assumptions.ranges.implementation_overrun = Some(merger_planner::model::Range {
        low: 0.0,
        likely: 0.1,
        high: 0.5,
    });
    let base = uncertain
        .scenario(merger_planner::model::Scenario::BASE)
        .unwrap();
    let mut s = Series::of(
        &uncertain,
        &merger_planner::engine::evaluate(&uncertain, &base),
    );
    for chart in [Chart::Fan, Chart::Tornado] {
        let why = nothing_to_show(chart, &s, None).unwrap();
        assert!(why.contains("Money > Uncertainty"), "{why}");
    }
    // Five people, every group under 5: nothing is drawn.
    let why = nothing_to_show(Chart::Equality, &s, None).unwrap();
    assert!(why.contains("5 or more people"), "{why}");
    assert!(s.equality.groups.is_empty());
    assert_eq!(s.equality.hidden, 6);
    // The example's groups are large enough to draw.
    let example = merger_planner::example::bournemouth_poole();
    let e = Series::of(&example, &merger_planner::engine::evaluate_base(&example));
    assert_eq!(nothing_to_show(Chart::Equality, &e, None), None);
    let r = merger_planner::engine::risk::for_papers(&uncertain, &base).unwrap();
    s.spread = Some(Spread::of(&r));
    for chart in [Chart::Fan, Chart::Tornado] {
        assert_eq!(nothing_to_show(chart, &s, None), None, "{chart:?}");
    }
    let spread = s.spread.as_ref().unwrap();
    assert_eq!(spread.tornado.inputs, ["Implementation overrun"]);
    assert!(
        spread
            .tornado
            .headline()
            .starts_with("Implementation overrun moves the one-off cost most")
    );
    assert_eq!(spread.fan.years.len(), spread.fan.p50.len());
    assert!(
        spread
            .fan
            .headline()
            .contains("chance of payback within 3 years"),
        "{}",
        spread.fan.headline()
    );
    // Zero targets: the overlap still shows today's posts against a target of nothing.
    let (plan, mut o) = hand_made();
    for f in &mut o.functions {
        f.target_fte = 0.0;
    }
    let s = Series::of(&plan, &o);
    assert!(nothing_to_show(Chart::Overlap, &s, None).is_none());
    assert!((s.overlap.overlap(0) - 27.0).abs() < 1e-9);
}

#[test]
fn scenarios_compare_every_scenario_of_a_real_plan() {
    let plan = merger_planner::document::example_plan();
    let s = Scenarios::of(&plan);
    assert_eq!(s.scenarios.len(), plan.scenario_names().len());
    assert_eq!(s.scenarios[0].name, "Base");
    let base = merger_planner::engine::evaluate_base(&plan);
    assert_eq!(s.scenarios[0].saving, base.totals.recurring_saving);
    assert_eq!(s.table().rows.len(), s.scenarios.len());
}

#[test]
fn hr1_is_marked_only_where_consultation_is_owed_and_fte_never_reads_minus_zero() {
    // The worked example's councils each lose one person: under 20, no collective
    // consultation, so no HR1. With 25 more accountants at A (20 proposed), A owes 30 days.
    let mut plan = common::worked_example();
    let o = merger_planner::engine::evaluate_base(&plan);
    let t = Series::of(&plan, &o).timeline;
    assert!(t.lanes.iter().all(|l| !l.hr1_needed));
    for i in 0..25 {
        plan.posts.push(common::post(
            &format!("X{i}"),
            "A",
            "accountant",
            30_000,
            Some(common::holder(
                jiff::civil::date(1980, 1, 1),
                jiff::civil::date(2010, 1, 1),
            )),
        ));
    }
    plan.roles[1].target_fte = 8.0;
    let o = merger_planner::engine::evaluate_base(&plan);
    let t = Series::of(&plan, &o).timeline;
    assert!(t.lanes[0].hr1_needed);
    assert!(!t.lanes[1].hr1_needed);
    // Shares that cancel to a hair below zero read 0.0, never -0.0.
    assert_eq!(merger_planner::format::fte(-1e-12), "0.0");
    assert_eq!(merger_planner::format::fte(-0.04), "0.0");
    assert_eq!(merger_planner::format::fte(-1.0), "-1.0");
    // Thousands are grouped, as money is: a 50,000-post plan's headline reads at a glance.
    assert_eq!(merger_planner::format::fte(46_992.04), "46,992.0");
    assert_eq!(merger_planner::format::fte(-2_285.56), "-2,285.6");
    assert_eq!(merger_planner::format::fte(999.96), "1,000.0");
}

#[test]
fn every_slide_and_image_carries_a_footer_with_the_marking() {
    let mut plan = merger_planner::example::bournemouth_poole();
    let o = merger_planner::engine::evaluate_base(&plan);
    let s = Series::of(&plan, &o);
    assert_eq!(
        s.footer(Chart::Money, Some(jiff::civil::date(2026, 11, 29))),
        "Bournemouth and Poole corporate services  ·  Base scenario  ·  made 2026-11-29  ·  indicative: includes estimated pension strain  ·  OFFICIAL-SENSITIVE"
    );
    // The marking is the plan's; without estimates there is no "indicative".
    plan.protective_marking = "OFFICIAL".to_owned();
    for p in &mut plan.posts {
        if let Some(h) = &mut p.holder {
            h.lgps_member = false;
        }
    }
    let o = merger_planner::engine::evaluate_base(&plan);
    let series = Series::of(&plan, &o);
    assert!(
        series
            .footer(Chart::Scenarios, None)
            .contains("every scenario")
    );
    let footer = series.footer(Chart::Money, None);
    assert!(footer.ends_with("  ·  OFFICIAL"), "{footer}");
    assert!(
        !footer.contains("indicative") && !footer.contains("made"),
        "{footer}"
    );
}

#[test]
fn a_scenario_short_of_its_target_says_so_and_the_comparison_claims_only_what_it_measures() {
    let plan = merger_planner::example::bournemouth_poole();
    let s = Scenarios::of(&plan);
    let vr_only = s
        .scenarios
        .iter()
        .find(|x| x.name == "VR only")
        .expect("the example's VR only scenario");
    // Compulsory redundancy is off: the volunteers do not reach the target.
    assert!(vr_only.shortfall > 0.05, "{}", vr_only.shortfall);
    let base = &s.scenarios[0];
    assert!(base.shortfall.abs() < 1e-9);
    let o = merger_planner::engine::evaluate(&plan, &plan.scenario("VR only").unwrap());
    assert!((vr_only.fte_after - (o.totals.target_fte + vr_only.shortfall)).abs() < 1e-9);
    let table = s.table();
    assert_eq!(table.headings[6..], ["FTE after", "Short of target"]);
    // The headline names the trade-off: the scenario that saves most against the one that
    // costs least once, with the differences.
    let most = s.scenarios.iter().fold(
        &s.scenarios[0],
        |a, b| if b.saving > a.saving { b } else { a },
    );
    let cheapest =
        s.scenarios.iter().fold(
            &s.scenarios[0],
            |a, b| if b.one_off < a.one_off { b } else { a },
        );
    assert_ne!(most.name, cheapest.name, "the example has a trade-off");
    assert_eq!(
        s.headline(),
        format!(
            "{} saves {} a year more; {} costs {} less once",
            most.name,
            (most.saving - cheapest.saving).compact(),
            cheapest.name,
            (most.one_off - cheapest.one_off).compact()
        )
    );
}

#[test]
fn phased_go_live_gives_each_council_a_lane_a_wave() {
    let mut plan = merger_planner::example::bournemouth_poole();
    let later = date(2026, 10, 1);
    for f in plan
        .functions
        .iter_mut()
        .filter(|f| f.id == "it" || f.id == "legal")
    {
        f.go_live = Some(later);
    }
    let o = merger_planner::engine::evaluate_base(&plan);
    let t = Series::of(&plan, &o).timeline;
    assert_eq!(t.go_lives.len(), 2);
    assert_eq!(t.go_lives[1], (later, "IT and Legal".to_owned()));
    assert_eq!(t.lanes.len(), 2 * plan.councils.len());
    assert!(t.lanes[1].label.ends_with("· 2"), "{}", t.lanes[1].label);
    assert_eq!(t.lanes[1].wave.as_deref(), Some("Wave 2: IT and Legal"));
    assert_eq!(t.lanes[1].go_live, later);
    assert!(
        t.headline().contains("each wave's go-live"),
        "{}",
        t.headline()
    );
    let table = t.table();
    assert_eq!(table.headings[1], "Wave");
    assert_eq!(table.shown_rows()[1][2], later.to_string());
}

#[test]
fn a_charts_table_is_the_papers_table_with_typed_cells() {
    use merger_planner::figures::tables::Cell;
    let plan = merger_planner::example::bournemouth_poole();
    let s = Series::of(&plan, &merger_planner::engine::evaluate_base(&plan));
    let table = merger_planner::figures::charts::table(Chart::Overlap, &s, None, None);
    assert_eq!(table.title, "Headcount overlap");
    assert_eq!(table.key, Chart::Overlap.slug());
    // FTE are numbers, so a CSV of the chart's figures reads as numbers in a spreadsheet.
    let today = table
        .headings
        .iter()
        .position(|h| h == "FTE today")
        .unwrap();
    let Cell::Fte(fte) = table.rows[0][today] else {
        panic!("FTE today is not an FTE cell: {:?}", table.rows[0][today]);
    };
    assert_eq!(
        table.shown_rows()[0][today],
        merger_planner::format::fte(fte)
    );
    let csv = String::from_utf8(table.to_csv().unwrap()).unwrap();
    assert!(
        csv.lines().nth(1).unwrap().contains(&format!("{fte:.1}")),
        "{csv}"
    );
}
