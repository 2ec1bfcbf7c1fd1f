//! The engine on a plan small enough to work by hand (tests/common: `worked_example`).

mod common;

use jiff::civil::date;
use merger_planner::engine::{ExitKind, FlagKind, PersonFate, evaluate, evaluate_base, rules};
use merger_planner::model::{
    CostShare, Money, OneOffSplit, PaybackLimit, Plan, Programme, RedundancyScheme, Scenario,
    Severity, SplitMethod, TargetPay, validate,
};

#[test]
fn the_worked_example_is_valid() {
    assert_eq!(
        validate(&common::worked_example())
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        Vec::<String>::new()
    );
}

#[test]
fn pools_follow_the_reference_model() {
    // Head: H 2, V 0, T 1 -> reduction 1, no vacancy, 1 FTE at risk; B's head volunteers
    //   (10 years' service, not critical) -> VR 1, nothing compulsory.
    // Accountant: H 3, V 1, T 2 -> reduction 2; the vacancy goes first, 1 FTE at risk; nobody
    //   volunteers and nobody is redeployed -> compulsory 1, spread over the three.
    let o = evaluate_base(&common::worked_example());
    let head = &o.roles[0];
    assert!((head.flows.voluntary - 1.0).abs() < 1e-12);
    assert!(head.flows.compulsory.abs() < 1e-12);
    let acc = &o.roles[1];
    assert!((acc.flows.vacancies_deleted - 1.0).abs() < 1e-12);
    assert!((acc.flows.compulsory - 1.0).abs() < 1e-12);
    assert!((acc.flows.kept - 2.0).abs() < 1e-12);
    assert!((o.totals.flows.current() - 6.0).abs() < 1e-12);
    assert!((o.totals.target_fte - 3.0).abs() < 1e-12);
    assert_eq!(o.roles[1].target_salary, Money::pounds(42_000));
}

#[test]
fn each_pools_row_adds_up_to_today() {
    // The Pools view shows vacancies deleted, VR, redeployed, compulsory and kept (filled and
    // vacant): per role, per function and in total they add up to today's FTE. Accountant:
    // 1 vacancy deleted + 1 compulsory + 2 kept = 4 today.
    // The Bournemouth and Poole example keeps some vacancies open, so both parts of "kept" count.
    let example = merger_planner::example::bournemouth_poole();
    for o in [
        evaluate_base(&common::worked_example()),
        evaluate_base(&example),
    ] {
        let rows = o
            .roles
            .iter()
            .map(|r| r.flows)
            .chain(o.functions.iter().map(|f| f.flows))
            .chain([o.totals.flows]);
        for f in rows {
            let pools = f.vacancies_deleted
                + f.voluntary
                + f.redeployed_out
                + f.compulsory
                + f.kept_total();
            assert!((pools - f.current()).abs() < 1e-9, "{f:?}");
        }
    }
    assert!(evaluate_base(&example).totals.flows.vacancies_kept > 0.0);
    let o = evaluate_base(&common::worked_example());
    assert!((o.roles[1].flows.kept_total() - 2.0).abs() < 1e-12);
}

#[test]
fn costs_and_the_waterfall_reconcile_to_the_penny() {
    // Full-year costs at go-live (NI 15% above £5,000, levy 0.5%):
    //   A head £90,000: 90,000 + 12,750 + 18,000 (20%) + 450 = £121,200
    //   B head £95,000: 95,000 + 13,500 + 23,750 (25%) + 475 = £132,725
    //   A accountants £40,000: 40,000 + 5,250 + 8,000 + 200 = £53,450 each
    //   B accountant £42,000: 42,000 + 5,550 + 10,500 + 210 = £58,260
    //   B vacancy £40,000 (budgeted with LGPS): 40,000 + 5,250 + 10,000 + 200 = £55,450
    //   Today: £474,535.
    // Steps:
    //   vacancies deleted £55,450; VR (B head) £132,725;
    //   compulsory: a third of each accountant: £17,816.67 x 2 + £19,420.00 = £55,053.34;
    //   harmonisation: A head to £100,000 costs 100,000 + 14,250 + 20,000 + 500 = £134,750,
    //   i.e. -£13,550; each A accountant keeps two thirds of a post moved to £42,000
    //   (£56,160 a year in full): £35,633.33 today against £37,440.00, i.e. -£1,806.67 each;
    //   B's accountant is already on £42,000: nothing. Total -£17,163.34.
    //   Saving: 55,450 + 132,725 + 55,053.34 - 17,163.34 = £226,065.00.
    //   Target: £474,535 - £226,065 = £248,470 = 134,750 + 2 x 37,440 + 38,840.
    let o = evaluate_base(&common::worked_example());
    let w = o.waterfall;
    assert_eq!(w.baseline, Money::pounds(474_535));
    assert_eq!(w.vacancies_deleted, Money::pounds(55_450));
    assert_eq!(w.voluntary, Money::pounds(132_725));
    assert_eq!(w.compulsory, Money(5_505_334));
    assert_eq!(w.redeployed, Money::ZERO);
    assert_eq!(w.new_posts, Money::ZERO);
    assert_eq!(w.pay_harmonisation, Money(-1_716_334));
    assert_eq!(w.saving(), Money::pounds(226_065));
    assert_eq!(w.target, Money::pounds(248_470));
    assert_eq!(o.totals.recurring_saving, Money::pounds(226_065));
    assert_eq!(o.totals.baseline_cost - o.totals.target_cost, w.saving());
}

#[test]
fn councils_share_the_single_service_50_50() {
    // Target cost £248,470 shared equally: £124,235 each.
    // A's saving: its cost today (121,200 + 2 x 53,450 = £228,100) - £124,235 = £103,865.
    // B's: (132,725 + 58,260 + 55,450 = £246,435) - £124,235 = £122,200. Together £226,065.
    let o = evaluate_base(&common::worked_example());
    assert_eq!(o.councils[0].cost_share, Money::pounds(124_235));
    assert_eq!(o.councils[0].recurring_saving, Money::pounds(103_865));
    assert_eq!(o.councils[1].recurring_saving, Money::pounds(122_200));
}

#[test]
fn councils_share_costs_and_savings_50_50() {
    // Sharing the costs and the savings (as Bournemouth and Poole agreed), worked by hand: the
    // saving of £226,065 is shared equally, £113,032.50 each; each council's share of the single
    // service's cost is what it spends today less its saving: A £228,100 - £113,032.50 =
    // £115,067.50, B £246,435 - £113,032.50 = £133,402.50, together the target £248,470.
    let mut plan = common::worked_example();
    plan.assumptions.split_method = SplitMethod::CostsAndSavings;
    let o = evaluate_base(&plan);
    assert_eq!(o.councils[0].recurring_saving, Money(11_303_250));
    assert_eq!(o.councils[1].recurring_saving, Money(11_303_250));
    assert_eq!(o.councils[0].cost_share, Money(11_506_750));
    assert_eq!(o.councils[1].cost_share, Money(13_340_250));
    assert_eq!(
        o.councils[0].cost_share + o.councils[1].cost_share,
        Money::pounds(248_470)
    );
    // By weights 3:1 the saving splits £169,548.75 and £56,516.25.
    plan.assumptions.cost_share = CostShare::Weights;
    plan.councils[0].cost_share_weight = 3.0;
    let o = evaluate_base(&plan);
    assert_eq!(o.councils[0].recurring_saving, Money(16_954_875));
    assert_eq!(o.councils[1].recurring_saving, Money(5_651_625));
}

#[test]
fn cost_share_methods() {
    let mut plan = common::worked_example();
    // Weights 3:1 -> A bears £186,352.50 of £248,470, B £62,117.50.
    plan.assumptions.cost_share = CostShare::Weights;
    plan.councils[0].cost_share_weight = 3.0;
    let o = evaluate_base(&plan);
    assert_eq!(o.councils[0].cost_share, Money(18_635_250));
    assert_eq!(o.councils[1].cost_share, Money(6_211_750));
    // FTE today: A 3, B 3 -> equal.
    plan.assumptions.cost_share = CostShare::Fte;
    let o = evaluate_base(&plan);
    assert_eq!(o.councils[0].cost_share, o.councils[1].cost_share);
    // Baseline cost: A £228,100 of £474,535.
    plan.assumptions.cost_share = CostShare::BaselineCost;
    let o = evaluate_base(&plan);
    assert!((o.councils[0].share_ratio - 228_100.0 / 474_535.0).abs() < 1e-12);
}

#[test]
fn the_volunteer_s_package() {
    // B's head leaves at go-live, 1 April 2026 (12 weeks' notice from 1 October 2025 ends in
    // December). Born 1 May 1975, employed from 1 April 2016: 10 complete years; counting back,
    // the years starting 2 April 2017 to 2 April 2025 are at 41 or over (9 x 1.5) and the year
    // from 2 April 2016 at 40 (1): 14.5 weeks.
    // Week's pay £95,000 / 52 = £1,826.92; the cap on 1 April 2026 is still £719.
    // Statutory: 14.5 x £719 = £10,425.50. B's scheme: 29 weeks of actual pay = £52,980.68.
    // Class 1A NI: (£52,980.68 - £30,000) x 15% = £3,447.10. Aged 50: no strain.
    let o = evaluate_base(&common::worked_example());
    let vr: Vec<_> = o
        .people
        .iter()
        .filter(|p| p.fate == PersonFate::Voluntary)
        .collect();
    assert_eq!(vr.len(), 1);
    let p = vr[0];
    assert_eq!(p.exit_date, date(2026, 4, 1));
    assert_eq!(p.notice_weeks, 12);
    assert!((p.exit.statutory_weeks - 14.5).abs() < 1e-12);
    assert_eq!(p.exit.weekly_pay, Money(182_692));
    assert_eq!(p.exit.statutory_pay, Money(1_042_550));
    assert_eq!(p.exit.redundancy_pay, Money(5_298_068));
    assert_eq!(p.exit.class1a_ni, Money(344_710));
    assert_eq!(p.exit.pension_strain, Money::ZERO);
}

/// A whole-time post's holder as the rules see them (an LGPS member with no strain quote).
fn holder_of(post: &merger_planner::model::Post) -> rules::Person {
    let h = post.holder.as_ref().expect("a filled post");
    rules::Person {
        dob: h.date_of_birth,
        service_start: h.service_start,
        annual_pay: post.salary,
        lgps_member: true,
        strain_quote: None,
    }
}

#[test]
fn compulsory_cost_is_the_expected_cost_of_a_fair_selection() {
    // 1 FTE compulsory from a pool of three: the cost is 1 x the average exit cost of the three,
    // whoever is chosen; nobody is picked by cost or age.
    let plan = common::worked_example();
    let o = evaluate_base(&plan);
    let pool: Vec<_> = o
        .people
        .iter()
        .filter(|p| p.fate == PersonFate::AtRisk)
        .collect();
    assert_eq!(pool.len(), 3);
    for p in &pool {
        assert!((p.share - 1.0 / 3.0).abs() < 1e-12);
    }
    let each: Vec<Money> = pool
        .iter()
        .map(|p| {
            let person = holder_of(&plan.posts[p.post]);
            let scheme = &plan.councils[p.council].scheme;
            rules::exit_cost(
                &plan.parameters,
                scheme,
                52.0,
                &person,
                ExitKind::Compulsory,
                p.exit_date,
            )
            .redundancy_pay
        })
        .collect();
    let average = Money::from_pence_f64(each.iter().map(|m| m.pence() as f64).sum::<f64>() / 3.0);
    let vr = Money(5_298_068);
    assert!((o.one_off.redundancy_pay - vr - average).pence().abs() <= 1);
}

#[test]
fn one_off_costs_add_up_by_year_and_by_council() {
    let mut plan = common::worked_example();
    plan.assumptions.implementation_costs = vec![merger_planner::model::ImplementationCost {
        year: "2025/26".parse().unwrap(),
        description: "System".into(),
        amount: Money::pounds(10_000),
    }];
    for split in [OneOffSplit::SameRatio, OneOffSplit::EmployingCouncil] {
        plan.assumptions.one_off_split = split;
        let o = evaluate_base(&plan);
        let by_year: Money = o.years.iter().map(|y| y.one_off_cost).sum();
        let by_council: Money = o.councils.iter().map(|c| c.one_off_cost).sum();
        assert_eq!(by_year, o.totals.one_off_cost);
        assert_eq!(by_council, o.totals.one_off_cost);
    }
    // Borne by the employer: B pays its volunteer's whole package.
    let o = evaluate_base(&plan);
    assert!(o.councils[1].one_off_cost >= Money(5_298_068 + 344_710));
}

#[test]
fn money_by_financial_year() {
    // Go-live 1 April 2026: savings start in 2026/27 at the full-year rate; the horizon runs
    // from 2025/26 (consultation) to 2031/32 (five years after go-live).
    let o = evaluate_base(&common::worked_example());
    let years: Vec<String> = o.years.iter().map(|y| y.year.to_string()).collect();
    assert_eq!(years.first().map(String::as_str), Some("2025/26"));
    assert_eq!(years.last().map(String::as_str), Some("2031/32"));
    assert_eq!(o.years[0].saving, Money::ZERO);
    assert_eq!(o.years[1].saving, Money::pounds(226_065));
    assert_eq!(
        o.totals.payback_year.map(|y| y.to_string()),
        Some("2026/27".to_owned())
    );
    let last = o.years.last().unwrap();
    assert_eq!(last.cumulative_net, o.years.iter().map(|y| y.net).sum());
}

#[test]
fn a_later_go_live_gives_a_part_year() {
    // Go-live 1 October 2026: the saving from then to 31 March 2027 is 182 days of 365.
    let plan = common::worked_example();
    let scenario = Scenario {
        name: "Later".into(),
        go_live: Some(date(2026, 10, 1)),
        ..Scenario::default()
    };
    let o = evaluate(&plan, &scenario);
    let fy = o
        .years
        .iter()
        .find(|y| y.year.to_string() == "2026/27")
        .unwrap();
    let expected = Money::from_pence_f64(o.totals.recurring_saving.pence() as f64 * 182.0 / 365.0);
    assert!(
        (fy.saving - expected).pence().abs() <= 2,
        "{} vs {}",
        fy.saving,
        expected
    );
}

#[test]
fn scenarios_change_the_plan() {
    let plan = common::worked_example();
    // VR only: the accountant pool keeps its 1 FTE above target.
    let vr_only = evaluate(
        &plan,
        &Scenario {
            name: "VR only".into(),
            compulsory_allowed: Some(false),
            ..Scenario::default()
        },
    );
    assert!(vr_only.totals.flows.compulsory.abs() < 1e-12);
    assert!((vr_only.totals.flows.over_target - 1.0).abs() < 1e-12);
    assert!(
        vr_only
            .flags
            .iter()
            .any(|f| f.kind == FlagKind::TargetNotReached)
    );
    // A payback limit of 0.4 years refuses B's head (0.43 years): the head goes compulsory.
    let strict = evaluate(
        &plan,
        &Scenario {
            name: "Strict".into(),
            vr_payback_limit: Some(PaybackLimit::Years(0.4)),
            ..Scenario::default()
        },
    );
    assert!(strict.roles[0].flows.voluntary.abs() < 1e-12);
    assert!((strict.roles[0].flows.compulsory - 1.0).abs() < 1e-12);
    // Target scale 0 deletes everything.
    let none = evaluate(
        &plan,
        &Scenario {
            name: "Close".into(),
            target_scale: Some(0.0),
            ..Scenario::default()
        },
    );
    assert_eq!(none.totals.target_cost, Money::ZERO);
    assert!(none.totals.target_fte.abs() < 1e-12);
}

#[test]
fn critical_posts_refuse_vr_and_are_selected_last() {
    let mut plan = common::worked_example();
    // B's head is critical: no VR. A's head is not, so the compulsory selection falls on A's.
    plan.posts[1].holder.as_mut().unwrap().critical = true;
    let o = evaluate_base(&plan);
    let head = &o.roles[0];
    assert!(head.flows.voluntary.abs() < 1e-12);
    assert!((head.by_council[0].compulsory - 1.0).abs() < 1e-12);
    assert!(head.by_council[1].compulsory.abs() < 1e-12);
    // Two critical heads and a target of 1: flagged.
    plan.posts[0].holder.as_mut().unwrap().critical = true;
    let o = evaluate_base(&plan);
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == FlagKind::BelowCriticalPosts)
    );
}

#[test]
fn timetable_and_double_running() {
    let mut plan = common::worked_example();
    // Consultation starting 1 March 2026 with 12 weeks' notice cannot finish by 1 April 2026:
    // B's head leaves on 24 May 2026 (1 March + 12 weeks), after go-live.
    plan.programme.consultation_start = date(2026, 3, 1);
    let o = evaluate_base(&plan);
    let b = &o.councils[1];
    assert!(!b.timetable.meets_go_live);
    assert_eq!(
        b.timetable.latest_consultation_start,
        Some(date(2026, 1, 7))
    );
    assert_eq!(b.timetable.last_exit, Some(date(2026, 5, 24)));
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == FlagKind::TimetableMiss && f.council == Some(1))
    );
    // Double running, 1 April to 24 May (53 days): the head's £132,725 x 53 / 365 = £19,272.40,
    // and a third of B's accountant (£19,420.00 x 53 / 365 = £2,819.89): £22,092.29.
    let lost = |full_year: f64| Money::from_pence_f64(full_year * 53.0 / 365.0);
    assert_eq!(
        b.double_running_cost,
        lost(13_272_500.0) + lost(1_942_000.0)
    );
    assert_eq!(b.double_running_cost, Money(2_209_229));
    assert!(o.flags.iter().any(|f| f.kind == FlagKind::DoubleRunning));
}

#[test]
fn collective_consultation_counts_people_per_council() {
    // 25 more accountants at A: the pool is 28 filled and 1 vacant. With a target of 8 the
    // reduction is 21: the vacancy and 20 FTE compulsory, spread evenly over the 28 (20/28 each).
    // A's 27 give 19.3 expected people, rounded up to 20 proposed redundancies -> 30 days.
    let mut plan = common::worked_example();
    for i in 0..25 {
        plan.posts.push(common::post(
            &format!("X{i}"),
            "A",
            "accountant",
            30_000,
            Some(common::holder(date(1980, 1, 1), date(2010, 1, 1))),
        ));
    }
    plan.roles[1].target_fte = 8.0;
    let o = evaluate_base(&plan);
    assert_eq!(o.councils[0].proposed_redundancies, 20);
    assert_eq!(o.councils[0].timetable.consultation_days, 30);
    assert_eq!(o.councils[0].timetable.notices_from, date(2025, 10, 31));
}

#[test]
fn people_the_council_hopes_to_redeploy_count_for_consultation() {
    // TULRCA s.188 counts everyone proposed for dismissal as redundant, redeployment hoped for
    // or not (Hardy v Tourism South East [2005] IRLR 242). Worked by hand:
    // - council A, 120 full-time clerks (£25,000), target 10: 110 people in posts to go; no
    //   vacancies, nobody has asked for VR;
    // - a new role of 30 FTE opens 30 posts, and a quarter of those at risk are planned to be
    //   redeployed: 110 x 0.25 = 27.5 FTE (30 open posts are enough), 82.5 FTE compulsory;
    // - proposed: 27.5 + 82.5 = 110 people (not 83, the compulsory alone rounded up);
    // - 110 is 100 or more: 45 days from 1 October 2025, notices from 15 November 2025.
    let mut plan = Plan::new(
        "Hardy",
        Programme {
            consultation_start: date(2025, 10, 1),
            go_live: date(2026, 4, 1),
        },
    );
    plan.councils = vec![common::council("A", 0.2, RedundancyScheme::default())];
    plan.roles = vec![
        common::role("clerk", "finance", 10.0, TargetPay::HarmoniseHighest),
        common::role(
            "analyst",
            "finance",
            30.0,
            TargetPay::Salary(Money::pounds(25_000)),
        ),
    ];
    plan.posts = (0..120)
        .map(|i| {
            common::post(
                &format!("C{i}"),
                "A",
                "clerk",
                25_000,
                Some(common::holder(date(1980, 1, 1), date(2010, 1, 1))),
            )
        })
        .collect();
    plan.assumptions.redeployment_rate = 0.25;
    let o = evaluate_base(&plan);
    let flows = &o.roles[0].flows;
    assert!(
        (flows.redeployed_out - 27.5).abs() < 1e-9,
        "{}",
        flows.redeployed_out
    );
    assert!(
        (flows.compulsory - 82.5).abs() < 1e-9,
        "{}",
        flows.compulsory
    );
    assert_eq!(o.councils[0].proposed_redundancies, 110);
    assert_eq!(o.councils[0].timetable.consultation_days, 45);
    assert_eq!(o.councils[0].timetable.notices_from, date(2025, 11, 15));
}

/// Four vacant clerks at £30,000 at one council (LGPS 20%, budgeted as members), all deleted.
fn four_vacant_clerks(consultation_start: jiff::civil::Date, go_live: jiff::civil::Date) -> Plan {
    let mut plan = Plan::new(
        "Tax years",
        Programme {
            consultation_start,
            go_live,
        },
    );
    plan.councils = vec![common::council("A", 0.2, RedundancyScheme::default())];
    plan.roles = vec![common::role(
        "clerk",
        "finance",
        0.0,
        TargetPay::HarmoniseHighest,
    )];
    plan.posts = (0..4)
        .map(|i| common::post(&format!("V{i}"), "A", "clerk", 30_000, None))
        .collect();
    plan
}

#[test]
fn on_costs_follow_the_tax_year_that_starts_in_each_financial_year() {
    // Employer NI changes on 6 April, not 1 April. Worked by hand, per £30,000 post:
    // - from 6 April 2025: 30,000 + 15% x (30,000 - 5,000) 3,750 + LGPS 20% 6,000 + levy 0.5% 150
    //   = £39,900; four posts £159,600.00;
    // - before (13.8% above £9,100): 30,000 + 2,884.20 + 6,000 + 150 = £39,034.20; four posts
    //   £156,136.80, which a 1 April 2025 go-live took for ever under the old rule.
    let plan = four_vacant_clerks(date(2025, 1, 1), date(2025, 4, 1));
    let o = evaluate_base(&plan);
    assert_eq!(o.totals.recurring_saving, Money(15_960_000));
    let year = |o: &merger_planner::engine::Outcome, y: i16| {
        o.years
            .iter()
            .find(|x| x.year.0 == y)
            .map(|x| x.saving)
            .unwrap()
    };
    assert_eq!(year(&o, 2025), Money(15_960_000));
    // Going live on 1 October 2024: the full year is that of the first full financial year
    // after go-live, 2025/26 (new rates). 2024/25 is costed at the tax year starting 6 April
    // 2024 (old rates), for 1 October 2024 to 31 March 2025: 182 days of 365,
    // 15,613,680p x 182 / 365 = 7,785,451p = £77,854.51.
    let plan = four_vacant_clerks(date(2024, 7, 1), date(2024, 10, 1));
    let o = evaluate_base(&plan);
    assert_eq!(o.totals.recurring_saving, Money(15_960_000));
    assert_eq!(year(&o, 2024), Money(7_785_451));
    assert_eq!(year(&o, 2025), Money(15_960_000));
}

/// One officer at council A (LGPS 20%) on `salary`, whose role's target is 0: they go.
fn one_officer_going(
    consultation_start: jiff::civil::Date,
    go_live: jiff::civil::Date,
    salary: i64,
    holder: merger_planner::model::Postholder,
) -> Plan {
    let mut plan = Plan::new(
        "One officer",
        Programme {
            consultation_start,
            go_live,
        },
    );
    plan.councils = vec![common::council("A", 0.2, RedundancyScheme::default())];
    plan.roles = vec![common::role(
        "officer",
        "finance",
        0.0,
        TargetPay::HarmoniseHighest,
    )];
    plan.posts = vec![common::post("P1", "A", "officer", salary, Some(holder))].into();
    plan
}

#[test]
fn the_protected_pension_age_from_2028_and_a_quote_never_dropped_silently() {
    // From 6 April 2028 the minimum pension age is 57; a member who joined before 4 November
    // 2021 may keep 55 (not yet confirmed for the LGPS: a plan setting, on by default, flagged).
    // Worked by hand: born 1 June 1972, in the LGPS since 1 January 2000, the fund quotes
    // £50,000; made redundant on 1 April 2029 at 56.
    // - protection applied: 56 is at least 55, 29 years' membership: the quote, £50,000, is due,
    //   and the plan is flagged because the protection is unconfirmed;
    // - protection off: 56 is under 57, no strain is due: the quote is not used, and the person
    //   and the quote are flagged.
    let mut holder = common::holder(date(1972, 6, 1), date(2000, 1, 1));
    holder.strain_quote = Some(Money::pounds(50_000));
    let mut plan = one_officer_going(date(2029, 1, 1), date(2029, 4, 1), 40_000, holder);
    let o = evaluate_base(&plan);
    assert_eq!(o.people[0].exit_date, date(2029, 4, 1));
    assert_eq!(o.one_off.pension_strain, Money::pounds(50_000));
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == FlagKind::ProtectedPensionAge)
    );
    assert!(
        !o.flags
            .iter()
            .any(|f| f.kind == FlagKind::UnusedStrainQuote)
    );

    plan.parameters.lgps.protected_age.applies = false;
    let o = evaluate_base(&plan);
    assert_eq!(o.one_off.pension_strain, Money::ZERO);
    let unused = o
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::UnusedStrainQuote)
        .expect("the unused quote is flagged");
    assert!(
        unused.message.contains("Post P1") && unused.message.contains("£50,000.00"),
        "{}",
        unused.message
    );
    assert!(
        !o.flags
            .iter()
            .any(|f| f.kind == FlagKind::ProtectedPensionAge)
    );

    // Joining after 4 November 2021 gives no protection; confirmed protection is not flagged.
    plan.parameters.lgps.protected_age.applies = true;
    plan.posts[0].holder.as_mut().unwrap().service_start = date(2022, 1, 1);
    let o = evaluate_base(&plan);
    assert_eq!(o.one_off.pension_strain, Money::ZERO);
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == FlagKind::UnusedStrainQuote)
    );
    plan.posts[0].holder.as_mut().unwrap().service_start = date(2000, 1, 1);
    plan.parameters.lgps.protected_age.confirmed = true;
    let o = evaluate_base(&plan);
    assert_eq!(o.one_off.pension_strain, Money::pounds(50_000));
    assert!(
        !o.flags
            .iter()
            .any(|f| f.kind == FlagKind::ProtectedPensionAge)
    );
}

#[test]
fn figures_past_the_last_one_stored_are_held_or_uprated_and_flagged() {
    // The last weekly cap stored is £751 from 6 April 2026, known to 5 April 2027. Worked by
    // hand: born 1 January 1980, service from 1 January 2005, £52,000 (£1,000 a week), made
    // redundant on 1 May 2028 at 48 with 23 years: 20 counted, 7 at 41 or over (x1.5 = 10.5)
    // and 13 at 28 to 40 (13): 23.5 weeks.
    // - held: 23.5 x £751 = £17,648.50, flagged once;
    // - uprated 3% a year: two anniversaries of 6 April 2026 have passed (2027, 2028):
    //   £751 x 1.03^2 = £796.74, £797 to the pound; 23.5 x £797 = £18,729.50.
    // Employer NI past the tax year of its last change (6 April 2025) is held and flagged too.
    let holder = common::holder(date(1980, 1, 1), date(2005, 1, 1));
    let mut plan = one_officer_going(date(2028, 2, 1), date(2028, 5, 1), 52_000, holder);
    let o = evaluate_base(&plan);
    let exit = &o.people[0].exit;
    assert_eq!(o.people[0].exit_date, date(2028, 5, 1));
    assert!((exit.statutory_weeks - 23.5).abs() < 1e-12);
    assert_eq!(exit.weekly_cap, Money::pounds(751));
    assert_eq!(exit.statutory_pay, Money(1_764_850));
    let assumed: Vec<&str> = o
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::AssumedFigures)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(assumed.len(), 2, "{assumed:#?}");
    assert!(
        assumed[0].starts_with("Exits after 2027-04-05 assume the weekly cap stays £751.00"),
        "{assumed:#?}"
    );
    assert!(
        assumed[1].contains("assume employer NI stays 15.0% above £5,000"),
        "{assumed:#?}"
    );
    plan.parameters.redundancy.cap_uprating = 0.03;
    let o = evaluate_base(&plan);
    let exit = &o.people[0].exit;
    assert_eq!(exit.weekly_cap, Money::pounds(797));
    assert_eq!(exit.statutory_pay, Money(1_872_950));
    assert!(o.flags.iter().any(|f| f.kind == FlagKind::AssumedFigures
        && f.message.contains("rises 3.0% a year from £751.00")));
    // An exit inside the last cap's year assumes nothing.
    plan.programme = Programme {
        consultation_start: date(2026, 6, 1),
        go_live: date(2026, 9, 1),
    };
    let o = evaluate_base(&plan);
    assert!(!o.people[0].exit.cap_assumed);
    assert_eq!(o.people[0].exit.weekly_cap, Money::pounds(751));
}

#[test]
fn the_same_plan_gives_the_same_figures() {
    let plan = merger_planner::example::bournemouth_poole();
    let a = serde_json::to_string(&evaluate_base(&plan)).unwrap();
    let b = serde_json::to_string(&evaluate_base(&plan)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn validation_names_each_problem_and_where() {
    let mut plan = common::worked_example();
    plan.posts[0].fte = 0.0;
    plan.posts[1].salary = Money::pounds(-5);
    plan.posts[2].holder.as_mut().unwrap().date_of_birth = date(2030, 1, 1);
    plan.posts[3].id = "A2".into();
    plan.posts[4].role = "nobody".into();
    plan.posts[5].salary = Money::pounds(50_000_000);
    plan.programme.go_live = date(2025, 1, 1);
    let problems: Vec<String> = validate(&plan).iter().map(ToString::to_string).collect();
    let has = |needle: &str| {
        assert!(
            problems.iter().any(|p| p.contains(needle)),
            "no '{needle}' in {problems:#?}"
        );
    };
    has("post 'A1' (post 1), fte: FTE 0 must be more than 0");
    has("post 'B1' (post 2), salary");
    has("post 'A2' (post 3), date_of_birth");
    has("post 'A2' (post 4), id: another post already has the id 'A2'");
    has("post 'B2' (post 5), role: there is no role 'nobody'");
    has("post 'B3' (post 6), salary: salary £50,000,000.00 is more than £10m");
    has("plan, go_live: go-live 2025-01-01 is before the consultation start");
    // An invalid plan still evaluates without panicking or producing nonsense numbers.
    let o = evaluate_base(&plan);
    assert!(o.totals.flows.current().is_finite());
}

#[test]
fn large_plans_give_the_same_figures_every_time_in_post_order() {
    // Above a few thousand posts the people are worked out in two halves (on two threads where
    // the machine allows); the result must not depend on it.
    let plan = merger_planner::example::reorganisation(5, 6_000, 11);
    let a = evaluate_base(&plan);
    let b = evaluate_base(&plan);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert!(a.people.len() > 2_000);
    assert!(
        a.people.windows(2).all(|w| w[0].post < w[1].post),
        "people in establishment order"
    );
}

/// Two analysts at A (£40,000, target 1) and a new role at B with one new post (£34,000):
/// one analyst is at risk and, with a redeployment rate of 100%, moves into the new post.
fn redeployment_plan(rate: f64) -> merger_planner::model::Plan {
    use merger_planner::model::TargetPay;
    let mut plan = common::worked_example();
    plan.roles = vec![
        common::role(
            "analyst",
            "finance",
            1.0,
            TargetPay::Salary(Money::pounds(40_000)),
        ),
        common::role(
            "officer",
            "finance",
            1.0,
            TargetPay::Salary(Money::pounds(34_000)),
        ),
    ];
    plan.posts = vec![
        common::post(
            "A1",
            "A",
            "analyst",
            40_000,
            Some(common::holder(date(1980, 1, 1), date(2010, 1, 1))),
        ),
        common::post(
            "A2",
            "A",
            "analyst",
            40_000,
            Some(common::holder(date(1985, 1, 1), date(2012, 1, 1))),
        ),
    ]
    .into();
    plan.assumptions.redeployment_rate = rate;
    plan.assumptions.pay_protection_years = 1.0;
    plan.assumptions.host_council = Some("B".into());
    plan
}

#[test]
fn redeployment_fills_open_posts_with_pay_protection() {
    // At risk: 1 FTE; open posts: the officer's new post (1 FTE); all of it redeployed.
    // Either analyst is equally likely to move: each is half redeployed.
    // Pay protection: half x (£40,000 - £34,000) x 1 year = £3,000 each of pay, £6,000 in all;
    // with the employer's on-costs on it (A's LGPS 20%, NI 15% and levy 0.5% in 2026/27, both
    // pays above the £5,000 threshold): £6,000 x (1 + 0.20 + 0.15 + 0.005) = £8,130.
    // The new post is costed at the host council B (LGPS 25%): 34,000 + 15% x 29,000 + 8,500
    // + 170 = £47,020. The analysts' posts: 40,000 + 5,250 + 8,000 (A's 20%) + 200 = £53,450 each.
    // Waterfall: redeployed £53,450 (half of each), new posts -£47,020; saving £6,430.
    let o = evaluate_base(&redeployment_plan(1.0));
    assert!((o.roles[0].flows.redeployed_out - 1.0).abs() < 1e-12);
    assert!((o.roles[1].redeployed_in - 1.0).abs() < 1e-12);
    assert!((o.roles[1].new_posts - 1.0).abs() < 1e-12);
    assert!(o.totals.flows.compulsory.abs() < 1e-12);
    assert_eq!(o.one_off.pay_protection, Money::pounds(8_130));
    assert_eq!(o.waterfall.redeployed, Money::pounds(53_450));
    assert_eq!(o.waterfall.new_posts, Money::pounds(-47_020));
    assert_eq!(o.totals.recurring_saving, Money::pounds(6_430));
    // Pay protection is paid over the year from go-live (1 April 2026): all in 2026/27.
    let fy = o
        .years
        .iter()
        .find(|y| y.year.to_string() == "2026/27")
        .unwrap();
    assert_eq!(fy.one_off_cost, Money::pounds(8_130));
    assert!(
        !o.flags
            .iter()
            .any(|f| f.kind == FlagKind::RedeploymentShortfall)
    );
    // The plan may cost the protected pay alone.
    let mut plan = redeployment_plan(1.0);
    plan.assumptions.pay_protection_on_costs = false;
    assert_eq!(
        evaluate_base(&plan).one_off.pay_protection,
        Money::pounds(6_000)
    );
}

#[test]
fn redeployment_is_capped_by_open_posts() {
    // Two analysts at risk (target 0) but one open post: only 1 of the 2 FTE planned can move,
    // the rest is compulsory, and the shortfall is flagged.
    let mut plan = redeployment_plan(1.0);
    plan.roles[0].target_fte = 0.0;
    let o = evaluate_base(&plan);
    assert!((o.totals.flows.redeployed_out - 1.0).abs() < 1e-12);
    assert!((o.totals.flows.compulsory - 1.0).abs() < 1e-12);
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == FlagKind::RedeploymentShortfall)
    );
}

#[test]
fn the_worked_example_flags_equal_pay_and_reportable_packages() {
    // Heads are paid £90,000 (A) and £95,000 (B): 5.6% apart, over the 5% tolerance. The
    // accountants average £40,000 (A) and £41,000 (B, with its vacancy): 2.5%, not flagged.
    // B's volunteer's package (£52,980.68) is over £20,000 but under £100,000.
    let o = evaluate_base(&common::worked_example());
    let equal_pay: Vec<_> = o
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::EqualPayRisk)
        .collect();
    assert_eq!(equal_pay.len(), 1);
    assert_eq!(equal_pay[0].role, Some(0));
    assert!(
        equal_pay[0].message.contains("£90,000 at A, £95,000 at B"),
        "{}",
        equal_pay[0].message
    );
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == FlagKind::ReportablePackage && f.council == Some(1))
    );
    assert!(
        !o.flags
            .iter()
            .any(|f| f.kind == FlagKind::FullCouncilApproval)
    );
}

#[test]
fn estimated_strain_is_flagged_and_a_large_package_needs_full_council() {
    // B's volunteer is made 56 at go-live with 10 years' membership and no fund quote: the
    // strain is estimated (indicative), and the package passes £100,000.
    let mut plan = common::worked_example();
    plan.posts[1].holder.as_mut().unwrap().date_of_birth = date(1970, 1, 1);
    let o = evaluate_base(&plan);
    let vr = o
        .people
        .iter()
        .find(|p| p.fate == PersonFate::Voluntary)
        .unwrap();
    assert!(vr.exit.strain_estimated && vr.exit.pension_strain > Money::ZERO);
    assert_eq!(o.one_off.pension_strain_estimated, o.one_off.pension_strain);
    assert!(o.flags.iter().any(|f| f.kind == FlagKind::IndicativeStrain));
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == FlagKind::FullCouncilApproval && f.message.contains("B1"))
    );
}

#[test]
fn harmonised_target_pay_rules() {
    // The accountant pool's salaries: £40,000 x 2 (A), £42,000 and a £40,000 vacancy (B), all
    // full time. Highest £42,000; FTE-weighted average (40 + 40 + 42 + 40) / 4 = £40,500;
    // lowest £40,000.
    use merger_planner::model::TargetPay;
    let mut plan = common::worked_example();
    for (rule, expected) in [
        (TargetPay::HarmoniseHighest, 42_000),
        (TargetPay::HarmoniseAverage, 40_500),
        (TargetPay::HarmoniseLowest, 40_000),
    ] {
        plan.roles[1].pay = rule;
        assert_eq!(
            evaluate_base(&plan).roles[1].target_salary,
            Money::pounds(expected),
            "{rule:?}"
        );
    }
}

#[test]
fn absurd_statutory_parameters_are_refused_and_never_panic_the_engine() {
    // A hand-edited plan: a year limit of u32::MAX once panicked ("min > max"), and a NaN NI rate
    // costed every post at £0.
    let mut plan = common::worked_example();
    plan.parameters.redundancy.max_years = u32::MAX;
    plan.parameters.redundancy.qualifying_years = u32::MAX;
    plan.parameters.employer_ni[0].value.rate = f64::NAN;
    plan.parameters.apprenticeship_levy.value = -0.5;
    plan.parameters.discretionary.max_weeks = f64::INFINITY;
    let problems = validate(&plan);
    for field in [
        "redundancy.max_years",
        "redundancy.qualifying_years",
        "employer_ni",
        "apprenticeship_levy",
        "discretionary.max_weeks",
    ] {
        assert!(
            problems
                .iter()
                .any(|p| p.field == field && p.severity == Severity::Error),
            "{field} is not refused: {problems:?}"
        );
    }
    // The engine is total even so: it runs, and its totals are numbers.
    let o = evaluate_base(&plan);
    assert!(o.totals.one_off_cost.pence() >= 0);
    plan.parameters.redundancy.qualifying_years = 2;
    let o = evaluate_base(&plan);
    assert!(o.totals.one_off_cost.pence() >= 0);
}

/// A scenario changes what the plan says for its roles, functions, split, pay protection and
/// implementation costs; each is worked by hand here.
#[test]
fn a_scenarios_own_targets_pay_split_and_costs_are_used() {
    // Two vacant £30,000 clerks at council A (LGPS 20%), target 2 FTE at the highest salary:
    // nothing changes, nothing is saved. A scenario paying the role £28,000 saves, per post,
    // (30,000 - 28,000) x (1 + 20% LGPS + 0.5% levy) = 2,410 plus NI 15% x 2,000 = 300
    // (both salaries are above the £5,000 threshold): £2,710; two posts £5,420.00.
    let mut plan = four_vacant_clerks(date(2025, 1, 1), date(2025, 4, 1));
    plan.posts.truncate(2);
    plan.roles[0].target_fte = 2.0;
    assert_eq!(evaluate_base(&plan).totals.recurring_saving, Money::ZERO);
    let mut cut = Scenario {
        name: "Pay cut".to_owned(),
        ..Scenario::default()
    };
    cut.target_pay
        .insert("clerk".to_owned(), TargetPay::Salary(Money::pounds(28_000)));
    assert_eq!(
        evaluate(&plan, &cut).totals.recurring_saving,
        Money::pounds(5_420)
    );
    // A function's scale replaces the scenario's overall scale for its roles: finance at 0.5
    // keeps one of the two clerks (one vacancy deleted, £39,900 saved), whatever the overall
    // scale says.
    let halved = Scenario {
        name: "Half of finance".to_owned(),
        target_scale: Some(1.0),
        function_scales: [("finance".to_owned(), 0.5)].into(),
        ..Scenario::default()
    };
    let o = evaluate(&plan, &halved);
    assert!((o.totals.target_fte - 1.0).abs() < 1e-9);
    assert_eq!(o.totals.recurring_saving, Money::pounds(39_900));
    assert!(
        validate(&plan)
            .iter()
            .all(|p| p.severity != Severity::Error)
    );

    // The example shares costs and savings 50:50. A scenario sharing the single service's cost
    // instead gives each council its cost today less half the target cost.
    let plan = merger_planner::example::bournemouth_poole();
    let service = Scenario {
        name: "Service cost".to_owned(),
        split_method: Some(SplitMethod::ServiceCost),
        ..Scenario::default()
    };
    let base = evaluate_base(&plan);
    let o = evaluate(&plan, &service);
    assert_eq!(o.totals.recurring_saving, base.totals.recurring_saving);
    assert_eq!(o.assumptions.split_method, SplitMethod::ServiceCost);
    let half = o.totals.target_cost.pence() / 2;
    for c in &o.councils {
        let expected = c.baseline_cost.pence() - half;
        assert!(
            (c.recurring_saving.pence() - expected).abs() <= 1,
            "{}: {} against {expected}",
            c.short_name,
            c.recurring_saving.pence()
        );
    }
    assert_ne!(
        o.councils[0].recurring_saving,
        base.councils[0].recurring_saving
    );
    // No implementation costs and no pay protection in the scenario: the one-off cost falls by
    // exactly the plan's implementation costs and its pay protection.
    let lean = Scenario {
        name: "Lean".to_owned(),
        implementation_costs: Some(Vec::new()),
        pay_protection_years: Some(0.0),
        ..Scenario::default()
    };
    let o = evaluate(&plan, &lean);
    let planned: Money = plan
        .assumptions
        .implementation_costs
        .iter()
        .map(|c| c.amount)
        .sum();
    assert!(planned > Money::ZERO && base.one_off.pay_protection > Money::ZERO);
    assert_eq!(o.one_off.implementation, Money::ZERO);
    assert_eq!(o.one_off.pay_protection, Money::ZERO);
    assert_eq!(
        o.totals.one_off_cost,
        base.totals.one_off_cost - planned - base.one_off.pay_protection
    );
}

/// Savings and costs that are not posts: their own waterfall step, part-year from their date,
/// in their function, and, when the councils share the service's cost, a council's own where
/// it names one. Worked by hand.
#[test]
fn lines_that_are_not_posts_count_in_every_total() {
    use merger_planner::model::{FinancialYear, Line, LineKind};
    let line = |name: &str, kind, pounds: i64, from| Line {
        name: name.to_owned(),
        kind,
        function: "finance".to_owned(),
        council: None,
        amount: Money::pounds(pounds),
        from,
    };
    // Four vacant £30,000 clerks deleted on 1 April 2025 save £159,600.00 a year (see
    // on_costs_follow_the_tax_year_that_starts_in_each_financial_year).
    let mut plan = four_vacant_clerks(date(2025, 1, 1), date(2025, 4, 1));
    plan.assumptions.lines = vec![
        // Capacity bought in against the deleted posts, from go-live: £9,000 a year.
        line(
            "Added capacity",
            LineKind::RecurringCost,
            9_000,
            date(2025, 4, 1),
        ),
        // Efficiencies besides posts from 1 October 2025: £2,470,000 a year.
        line(
            "Efficiencies",
            LineKind::RecurringSaving,
            2_470_000,
            date(2025, 10, 1),
        ),
        // A system bought once on 1 June 2025.
        line(
            "Finance system",
            LineKind::OneOffCost,
            50_000,
            date(2025, 6, 1),
        ),
    ];
    assert!(
        validate(&plan)
            .iter()
            .all(|p| p.severity != Severity::Error)
    );
    let o = evaluate_base(&plan);
    // Full year: 159,600 - 9,000 + 2,470,000 = £2,620,600.00; the waterfall's own step is the
    // net of the lines, 2,470,000 - 9,000 = £2,461,000.00, and the target cost is the £9,000
    // of capacity less the £2,470,000 saved: -£2,461,000.00.
    assert_eq!(o.totals.recurring_saving, Money::pounds(2_620_600));
    assert_eq!(o.waterfall.lines, Money::pounds(2_461_000));
    assert_eq!(o.waterfall.target, Money::pounds(-2_461_000));
    assert_eq!(
        o.waterfall.baseline - o.waterfall.saving(),
        o.waterfall.target
    );
    assert_eq!(o.functions[0].recurring_saving, Money::pounds(2_620_600));
    // 2025/26: the posts and the capacity for the whole year; the efficiencies from 1 October,
    // 182 days of 365: 247,000,000p x 182 / 365 = 123,161,643.8p, so £1,231,616.44. In all
    // 159,600 - 9,000 + 1,231,616.44 = £1,382,216.44.
    let year = |y: i16| {
        o.years
            .iter()
            .find(|x| x.year == FinancialYear(y))
            .expect("the year is in the span")
    };
    assert_eq!(year(2025).saving, Money(138_221_644));
    assert_eq!(year(2026).saving, Money::pounds(2_620_600));
    // The one-off cost falls in 2025/26, beside the implementation costs.
    assert_eq!(o.one_off.implementation, Money::pounds(50_000));
    assert_eq!(o.totals.one_off_cost, Money::pounds(50_000));
    assert_eq!(year(2025).one_off_cost, Money::pounds(50_000));

    // Two councils sharing the cost of the single service: a line that names Bournemouth is
    // Bournemouth's alone; without a council it is shared by the ratio (equal shares here).
    let mut plan = merger_planner::example::bournemouth_poole();
    plan.assumptions.split_method = SplitMethod::ServiceCost;
    plan.assumptions.cost_share = CostShare::Equal;
    let before = evaluate_base(&plan);
    let bournemouth = plan.councils[0].id.clone();
    let mut own = line(
        "Bournemouth's contract",
        LineKind::RecurringSaving,
        100_000,
        date(2018, 4, 1),
    );
    own.council = Some(bournemouth);
    plan.assumptions.lines = vec![own];
    let after = evaluate_base(&plan);
    assert_eq!(
        after.councils[0].recurring_saving - before.councils[0].recurring_saving,
        Money::pounds(100_000)
    );
    assert_eq!(
        after.councils[1].recurring_saving,
        before.councils[1].recurring_saving
    );
    plan.assumptions.lines[0].council = None;
    let shared = evaluate_base(&plan);
    for c in 0..2 {
        assert_eq!(
            shared.councils[c].recurring_saving - before.councils[c].recurring_saving,
            Money::pounds(50_000)
        );
    }
    // A line in a function the plan does not have is refused by validation, with its name.
    plan.assumptions.lines[0].function = "estates".to_owned();
    let problems = validate(&plan);
    assert!(
        problems.iter().any(|p| p.severity == Severity::Error
            && p.message.contains("Bournemouth's contract")
            && p.message.contains("estates")),
        "{problems:?}"
    );
}

/// Each council's part of each financial year is the plan's split applied to that year's own
/// figures (each line from its own date), a line that names a council is that council's alone,
/// and each council's running total is rounded once. Worked by hand on the worked example:
/// councils A and B, go-live 1 April 2026 (the first day of 2026/27), equal shares.
#[test]
fn each_councils_years_follow_the_split_of_each_years_own_figures() {
    use merger_planner::model::{FinancialYear, Line, LineKind};
    let mut plan = common::worked_example();
    plan.assumptions.cost_share = CostShare::Equal;
    plan.assumptions.split_method = SplitMethod::CostsAndSavings;
    plan.assumptions.one_off_split = OneOffSplit::SameRatio;
    let line = |name: &str, kind, pounds: i64, from, council: &str| Line {
        name: name.to_owned(),
        kind,
        function: "finance".to_owned(),
        council: Some(council.to_owned()),
        amount: Money::pounds(pounds),
        from,
    };
    plan.assumptions.lines = vec![
        // A's licence saves £10,000 a year from 1 April 2027: A's alone, from 2027/28.
        line(
            "A's licence",
            LineKind::RecurringSaving,
            10_000,
            date(2027, 4, 1),
            "A",
        ),
        // B buys a system once on 1 June 2026: B's alone, in 2026/27.
        line(
            "B's system",
            LineKind::OneOffCost,
            5_000,
            date(2026, 6, 1),
            "B",
        ),
    ];
    let o = evaluate_base(&plan);
    let k = |y: i16| {
        o.years
            .iter()
            .position(|x| x.year == FinancialYear(y))
            .expect("in the span")
    };
    let (y26, y27) = (k(2026), k(2027));
    let (a, b) = (&o.councils[0].years, &o.councils[1].years);
    // 2026/27: the posts' saving S alone (the licence has not started), shared equally: A takes
    // half, and the odd penny when S is odd (both remainders a half, the earlier council).
    // Split in the full year's ratio instead, A (whose full year holds the licence) would take
    // more than half: a saving a year early in its financial plan.
    let s26 = o.years[y26].saving.pence();
    assert_eq!(a[y26].saving.pence(), (s26 + 1).div_euclid(2));
    assert_eq!(a[y26].saving + b[y26].saving, o.years[y26].saving);
    // 2027/28: S' holds the licence's £10,000 (1,000,000p), A's alone; the rest is shared. A's
    // running total is rounded once: S/2 + (S' - 1,000,000)/2 + 1,000,000.
    let s27 = o.years[y27].saving.pence();
    let running = s26 + s27 - 1_000_000;
    let a_running = (running + 1).div_euclid(2) + 1_000_000;
    assert_eq!((a[y26].saving + a[y27].saving).pence(), a_running);
    assert_eq!(
        b[y27].saving.pence(),
        s26 + s27 - a_running - b[y26].saving.pence()
    );
    // One-off costs in 2026/27: B's system is B's alone, the rest O - £5,000 shared equally.
    let o26 = o.years[y26].one_off_cost.pence();
    assert_eq!(
        b[y26].one_off_cost.pence(),
        (o26 - 500_000).div_euclid(2) + 500_000
    );
    // Every council's years add up to its one-off share, and the councils to each year.
    for c in &o.councils {
        assert_eq!(
            c.years.iter().map(|y| y.one_off_cost).sum::<Money>(),
            c.one_off_cost
        );
    }
    for (k, y) in o.years.iter().enumerate() {
        assert_eq!(a[k].saving + b[k].saving, y.saving);
        assert_eq!(a[k].one_off_cost + b[k].one_off_cost, y.one_off_cost);
    }

    // The employing council bears its employees' costs: A's part of 2026/27's one-off cost is
    // its own people's (nothing is left to share but B's system, which is B's).
    plan.assumptions.one_off_split = OneOffSplit::EmployingCouncil;
    let o = evaluate_base(&plan);
    let a = &o.councils[0];
    assert_eq!(a.one_off_cost, a.employee_one_off);
    assert_eq!(
        o.councils[1].one_off_cost,
        o.councils[1].employee_one_off + Money::pounds(5_000)
    );

    // Sharing the cost of the single service: before go-live (2025/26) nobody's saving moves,
    // and in 2026/27 each council saves what it spends today less half of the service's cost:
    // A's part is (A's cost today - B's cost today + S) / 2, the odd half-penny to A.
    plan.assumptions.split_method = SplitMethod::ServiceCost;
    let o = evaluate_base(&plan);
    let (a, b) = (&o.councils[0], &o.councils[1]);
    let y25 = o
        .years
        .iter()
        .position(|x| x.year == FinancialYear(2025))
        .expect("2025/26");
    assert_eq!(
        (a.years[y25].saving, b.years[y25].saving),
        (Money::ZERO, Money::ZERO)
    );
    let y26 = y25 + 1;
    let x = a.baseline_cost.pence() - b.baseline_cost.pence() + o.years[y26].saving.pence();
    assert_eq!(a.years[y26].saving.pence(), (x + 1).div_euclid(2));
}

/// Southampton's banded pay cut for the staff who stay, worked by hand: its saving with
/// on-costs, the posts it is said to save, and dismissal and re-engagement counted for
/// consultation.
#[test]
fn a_banded_pay_change_saves_with_on_costs_and_counts_in_posts() {
    let mut plan = Plan::new(
        "Pay change",
        Programme {
            consultation_start: date(2025, 1, 1),
            go_live: date(2025, 4, 1),
        },
    );
    plan.councils = vec![common::council("A", 0.2, RedundancyScheme::default())];
    // Four people, each alone in a role kept at its pay: nobody leaves.
    let salaries = [17_000, 20_000, 40_000, 70_000];
    for (i, salary) in salaries.iter().enumerate() {
        let id = format!("r{i}");
        plan.roles.push(common::role(
            &id,
            "finance",
            1.0,
            TargetPay::Salary(Money::pounds(*salary)),
        ));
        plan.posts.push(common::post(
            &format!("P{i}"),
            "A",
            &id,
            *salary,
            Some(common::holder(date(1980, 1, 1), date(2010, 1, 1))),
        ));
    }
    assert_eq!(evaluate_base(&plan).totals.recurring_saving, Money::ZERO);
    // 2% from £17,500, 4.5% from £22,000, 5% from £35,000, 5.5% from £65,000; below £17,500
    // exempt.
    plan.assumptions.pay_change = Some(merger_planner::example::southampton_bands());
    assert!(
        validate(&plan)
            .iter()
            .all(|p| p.severity != Severity::Error)
    );
    let o = evaluate_base(&plan);
    // Each cut saves pay x (1 + 20% LGPS + 0.5% levy) + 15% NI (all above £5,000) = x 1.355:
    // £17,000 is exempt; £20,000 x 2% = £400 saves £542.00; £40,000 x 5% = £2,000 saves
    // £2,710.00; £70,000 x 5.5% = £3,850 saves £5,216.75. In all £8,468.75, three people.
    let change = o.pay_change.expect("the plan has a pay change");
    assert_eq!(change.saving, Money(846_875));
    assert_eq!(change.people, 3);
    assert_eq!(o.totals.recurring_saving, Money(846_875));
    assert_eq!(o.waterfall.pay_change, Money(846_875));
    // A full-time post costs on average (22,285 + 26,350 + 53,450 + 94,100) / 4 = £49,046.25,
    // so the cut is worth 8,468.75 / 49,046.25 = 0.1727 posts.
    assert!((change.posts_saved - 8_468.75 / 49_046.25).abs() < 1e-9);
    // From go-live, the whole of 2025/26.
    let first = o
        .years
        .iter()
        .find(|y| y.year == merger_planner::model::FinancialYear(2025))
        .expect("2025/26");
    assert_eq!(first.saving, Money(846_875));
    assert!(
        o.flags
            .iter()
            .all(|f| f.kind != FlagKind::DismissalReengagement)
    );
    assert_eq!(o.councils[0].proposed_redundancies, 0);

    // Imposed by dismissal and re-engagement: the three people it applies to are proposed for
    // dismissal, and it is flagged.
    if let Some(p) = plan.assumptions.pay_change.as_mut() {
        p.dismissal_and_reengagement = true;
    }
    let o = evaluate_base(&plan);
    assert_eq!(o.councils[0].proposed_redundancies, 3);
    assert!(
        o.flags
            .iter()
            .any(|f| f.kind == FlagKind::DismissalReengagement)
    );
    // A scenario without it: nothing saved.
    let none = Scenario {
        name: "No pay change".to_owned(),
        pay_change: Some(None),
        ..Scenario::default()
    };
    assert_eq!(evaluate(&plan, &none).totals.recurring_saving, Money::ZERO);
}

/// A scenario's VR rules: a council's own VR multiplier, and a minimum service for VR.
#[test]
fn a_scenarios_vr_rules_change_the_volunteers_package_and_who_may_go() {
    let plan = common::worked_example();
    // B pays VR at 2x the statutory weeks, 29 weeks of £1,826.92 (the_volunteer_s_package). At
    // 1.5x: 14.5 x 1.5 = 21.75 weeks x 182,692p = 3,973,551p, £39,735.51; Class 1A NI
    // (39,735.51 - 30,000) x 15% = £1,460.33.
    let lower = Scenario {
        name: "Lower VR terms".to_owned(),
        vr_multipliers: [("B".to_owned(), 1.5)].into(),
        ..Scenario::default()
    };
    let o = evaluate(&plan, &lower);
    let vr: Vec<_> = o
        .people
        .iter()
        .filter(|p| p.fate == PersonFate::Voluntary)
        .collect();
    assert_eq!(vr.len(), 1);
    assert_eq!(vr[0].exit.redundancy_pay, Money(3_973_551));
    assert_eq!(vr[0].exit.class1a_ni, Money(146_033));
    // Eleven years' service for VR: B's head has ten, so nobody volunteers.
    let longer = Scenario {
        name: "Eleven years for VR".to_owned(),
        min_service_for_vr_years: Some(11),
        ..Scenario::default()
    };
    let o = evaluate(&plan, &longer);
    assert!(o.people.iter().all(|p| p.fate != PersonFate::Voluntary));
    assert!(o.totals.flows.voluntary.abs() < 1e-9);
}

/// Pay harmonisation: who gains and who loses, and the losers' pay protection with its taper.
#[test]
fn harmonised_pay_names_gainers_and_losers_and_protects_the_losers() {
    // Two clerks kept (target 2): £30,000 and £28,000. Harmonised to the lowest, the first
    // loses £2,000 a year; nobody gains.
    let mut plan = four_vacant_clerks(date(2025, 1, 1), date(2025, 4, 1));
    plan.posts.truncate(2);
    plan.posts[1].salary = Money::pounds(28_000);
    for p in &mut plan.posts {
        p.holder = Some(common::holder(date(1980, 1, 1), date(2010, 1, 1)));
    }
    plan.roles[0].target_fte = 2.0;
    plan.roles[0].pay = TargetPay::HarmoniseLowest;
    let o = evaluate_base(&plan);
    let m = o.roles[0].pay_moves;
    assert_eq!((m.gainers, m.losers), (0, 1));
    assert_eq!(m.loss, Money::pounds(2_000));
    assert_eq!(
        o.one_off.pay_protection,
        Money::ZERO,
        "not protected by default"
    );
    // Protected for a year, then tapering to nothing over a year: 1 + 1/2 = 1.5 years of the
    // drop. The drop costs the employer £2,000 of pay, £300 of NI (15%; both pays are above the
    // £5,000 threshold), £400 of LGPS (A's 20%) and £10 of levy (0.5%): £2,710 a year, £4,065
    // in all, paid from go-live over two years (2025/26 and 2026/27, £2,032.50 each as 365 of
    // 730 days fall in each).
    plan.assumptions.protect_harmonised_pay = true;
    plan.assumptions.pay_protection_years = 1.0;
    plan.assumptions.pay_protection_taper_years = 1.0;
    let o = evaluate_base(&plan);
    assert_eq!(o.one_off.pay_protection, Money::pounds(4_065));
    assert_eq!(o.totals.one_off_cost, Money::pounds(4_065));
    let year = |y: i16| {
        o.years
            .iter()
            .find(|x| x.year == merger_planner::model::FinancialYear(y))
            .map(|x| x.one_off_cost)
    };
    assert_eq!(year(2025), Some(Money(203_250)));
    assert_eq!(year(2026), Some(Money(203_250)));
    // Without the on-costs: the drop in pay alone, 1.5 x £2,000 = £3,000.
    plan.assumptions.pay_protection_on_costs = false;
    assert_eq!(
        evaluate_base(&plan).one_off.pay_protection,
        Money::pounds(3_000)
    );
    plan.assumptions.pay_protection_on_costs = true;
    // Harmonised to the highest instead: the second gains £2,000 and nobody needs protecting.
    plan.roles[0].pay = TargetPay::HarmoniseHighest;
    let o = evaluate_base(&plan);
    let m = o.roles[0].pay_moves;
    assert_eq!((m.gainers, m.losers), (1, 0));
    assert_eq!(m.gain, Money::pounds(2_000));
    assert_eq!(o.one_off.pay_protection, Money::ZERO);
}

/// A scenario's own figures are checked as the plan's are, each named by its field.
#[test]
fn a_scenarios_own_figures_are_validated() {
    let mut plan = merger_planner::example::bournemouth_poole();
    plan.scenarios[0].pay_protection_taper_years = Some(20.0);
    plan.scenarios[0]
        .vr_multipliers
        .insert("nowhere".to_owned(), 1.5);
    plan.scenarios[0].min_service_for_vr_years = Some(99);
    plan.scenarios[0].vr_take_up = Some(1.5);
    plan.scenarios[0]
        .function_go_live
        .insert("nowhere".to_owned(), date(2028, 4, 1));
    plan.functions[0].go_live = Some(date(2208, 4, 1));
    common::assert_errors_on(
        &validate(&plan),
        &[
            "pay_protection_taper_years",
            "vr_multipliers",
            "min_service_for_vr_years",
            "vr_take_up",
            "function_go_live",
            "go_live",
        ],
    );
}

/// VR take-up: the share of eligible staff with no recorded interest expected to volunteer.
#[test]
fn a_vr_take_up_expects_a_share_of_those_eligible_to_volunteer() {
    let plan = common::worked_example();
    let scenario = Scenario {
        name: "A fifth volunteer".to_owned(),
        vr_take_up: Some(0.2),
        ..Scenario::default()
    };
    let o = evaluate(&plan, &scenario);
    // Head: 1 FTE at risk; B's head said they are interested and goes whole, so nothing is left
    // for A's head to take up.
    assert!((o.roles[0].flows.voluntary - 1.0).abs() < 1e-12);
    // Accountant: 1 FTE at risk; none of A2, A3 and B2 said, so each is expected to volunteer
    // at 0.2: VR 0.6. The 0.4 left is selected fairly over what is left of them (0.8 each):
    // 0.4 / 2.4 = 1/6 of 0.8 = 2/15 each compulsory.
    let acc = &o.roles[1].flows;
    assert!((acc.voluntary - 0.6).abs() < 1e-12);
    assert!((acc.compulsory - 0.4).abs() < 1e-12);
    assert!((acc.kept - 2.0).abs() < 1e-12);
    let rows = |fate| {
        o.people
            .iter()
            .filter(|p| p.fate == fate && plan.posts[p.post].role == "accountant")
            .collect::<Vec<_>>()
    };
    let (vr, at_risk) = (rows(PersonFate::Voluntary), rows(PersonFate::AtRisk));
    assert_eq!(vr.len(), 3);
    assert_eq!(at_risk.len(), 3);
    for (v, r) in vr.iter().zip(&at_risk) {
        assert!((v.share - 0.2).abs() < 1e-12);
        assert!((r.share - 2.0 / 15.0).abs() < 1e-12);
        // Each person's rows follow one another: VR first, then the rest at risk.
        assert_eq!(v.post, r.post);
    }
    // Redundancy pay: B's head whole, each accountant's VR package x 0.2 and compulsory
    // package x 2/15, each rounded to the penny once.
    let mut expected = Money(5_298_068);
    for p in vr.iter().chain(&at_risk) {
        let person = holder_of(&plan.posts[p.post]);
        let kind = if p.fate == PersonFate::Voluntary {
            ExitKind::Voluntary
        } else {
            ExitKind::Compulsory
        };
        let scheme = &plan.councils[p.council].scheme;
        let pay = rules::exit_cost(&plan.parameters, scheme, 52.0, &person, kind, p.exit_date)
            .redundancy_pay;
        expected += pay.scale(p.share);
    }
    assert_eq!(o.one_off.redundancy_pay, expected);
    // The saving: B's head's whole cost and a fifth of each accountant's.
    let head = o
        .people
        .iter()
        .find(|p| plan.posts[p.post].id == "B1")
        .unwrap();
    let fifths: i64 = vr
        .iter()
        .map(|p| (p.annual_cost.pence() as f64 * 0.2).round() as i64)
        .sum();
    assert_eq!(
        o.waterfall.voluntary,
        Money(head.annual_cost.pence() + fifths)
    );
    // Consultation counts the expected volunteers as the people at risk are: A has 2 x (0.2 +
    // 2/15) = 2/3, one person; B has its head whole and 1/3 of B2, two people.
    let proposed: Vec<u32> = o.councils.iter().map(|c| c.proposed_redundancies).collect();
    assert_eq!(proposed, vec![1, 2]);
    // No take-up is the plan as it was.
    let none = Scenario {
        name: "None".to_owned(),
        vr_take_up: Some(0.0),
        ..Scenario::default()
    };
    let (a, b) = (evaluate(&plan, &none), evaluate_base(&plan));
    assert_eq!(a.one_off.total(), b.one_off.total());
    assert_eq!(a.waterfall.target, b.waterfall.target);
}

/// Phased go-live: a function going live later takes its people's exits, eligibility,
/// packages and savings with it.
#[test]
fn a_function_going_live_later_moves_its_exits_packages_and_savings() {
    let plan = common::worked_example();
    let later = Scenario {
        name: "Finance in October".to_owned(),
        function_go_live: [("finance".to_owned(), date(2026, 10, 1))].into(),
        ..Scenario::default()
    };
    let o = evaluate(&plan, &later);
    assert_eq!(o.waves.len(), 1);
    assert_eq!(o.waves[0].go_live, date(2026, 10, 1));
    // Its consultation starts as long before its go-live as the programme's does (1 October
    // 2025 to 1 April 2026 is 182 days): 2 April 2026.
    assert_eq!(o.waves[0].consultation_start, date(2026, 4, 2));
    let head = o
        .people
        .iter()
        .find(|p| p.fate == PersonFate::Voluntary)
        .expect("B's head volunteers");
    assert_eq!(head.exit_date, date(2026, 10, 1));
    // B's head, born 1 May 1975, from 1 April 2016, leaving 1 October 2026: 10 complete years,
    // each starting (2 October 2016 on) at 41 or over: 15 weeks. The cap from 6 April 2026 is
    // £751: statutory 15 x £751 = £11,265.00. B pays actual pay x 2: 30 x £1,826.92 =
    // £54,807.60; Class 1A NI (£54,807.60 - £30,000) x 15% = £3,721.14.
    assert_eq!(head.exit.statutory_pay, Money(1_126_500));
    assert_eq!(head.exit.redundancy_pay, Money(5_480_760));
    assert_eq!(head.exit.class1a_ni, Money(372_114));
    // Every saving starts on 1 October 2026: 182 days of 2026/27 (to 31 March 2027).
    let full = o.totals.recurring_saving.pence() as f64;
    let year = o.years.iter().find(|y| y.year.0 == 2026).expect("2026/27");
    assert!((year.saving.pence() as f64 - full * 182.0 / 365.0).abs() <= 1.0);
    assert!(
        o.years
            .iter()
            .filter(|y| y.year.0 < 2026)
            .all(|y| y.saving == Money::ZERO)
    );
}

/// Fifteen finance clerks going at 1 April 2026 and ten HR officers at `hr_go_live`, all at
/// council A, with no volunteers and no redeployment.
fn two_waves(hr_go_live: jiff::civil::Date) -> Plan {
    let mut plan = common::worked_example();
    plan.roles = vec![
        common::role("clerk", "finance", 0.0, TargetPay::HarmoniseHighest),
        common::role("officer", "hr", 0.0, TargetPay::HarmoniseHighest),
    ];
    plan.posts = (0..25)
        .map(|i| {
            common::post(
                &format!("A{i}"),
                "A",
                if i < 15 { "clerk" } else { "officer" },
                30_000,
                Some(common::holder(date(1980, 1, 1), date(2010, 1, 1))),
            )
        })
        .collect();
    plan.functions
        .iter_mut()
        .find(|f| f.id == "hr")
        .expect("HR")
        .go_live = Some(hr_go_live);
    plan
}

#[test]
fn waves_within_90_days_are_counted_together_for_consultation() {
    // HR goes live 61 days after finance: finance's consultation counts its 15 and HR's 10
    // (dismissals within 90 days whose consultation has not begun): 25, so 30 days. HR's own
    // counts its 10: none owed.
    let o = evaluate_base(&two_waves(date(2026, 6, 1)));
    assert_eq!(o.waves.len(), 2);
    let a = &o.councils[0];
    assert_eq!(a.proposed_redundancies, 25);
    let days: Vec<u32> = a.waves.iter().map(|t| t.consultation_days).collect();
    assert_eq!(days, vec![30, 0]);
    let proposed: Vec<u32> = a.waves.iter().map(|t| t.proposed).collect();
    assert_eq!(proposed, vec![15, 10]);
    // HR consults from 1 December 2025 (182 days before 1 June 2026) and its people leave at
    // its go-live (12 weeks' notice at most, from 1 December).
    assert_eq!(a.waves[1].consultation_start, date(2025, 12, 1));
    let officer = o
        .people
        .iter()
        .find(|p| plan_role(&o, p.role) == "officer")
        .unwrap();
    assert_eq!(officer.exit_date, date(2026, 6, 1));
    // The council's whole timetable: the earliest start, the most days, the last exit.
    assert_eq!(a.timetable.consultation_start, date(2025, 10, 1));
    assert_eq!(a.timetable.consultation_days, 30);
    assert_eq!(a.timetable.last_exit, Some(date(2026, 6, 1)));
    assert!(a.timetable.meets_go_live);

    // 153 days apart, each wave counts its own: 15 and 10, neither owes consultation.
    let o = evaluate_base(&two_waves(date(2026, 9, 1)));
    let days: Vec<u32> = o.councils[0]
        .waves
        .iter()
        .map(|t| t.consultation_days)
        .collect();
    assert_eq!(days, vec![0, 0]);
}

/// Twelve finance clerks with 20 weeks' contractual notice, going live on 2 March 2026, and
/// eight HR officers going live 91 days later, on 1 June 2026; consultation from 1 December
/// 2025.
fn waves_91_days_apart() -> Plan {
    let mut plan = two_waves(date(2026, 6, 1));
    plan.programme.consultation_start = date(2025, 12, 1);
    plan.programme.go_live = date(2026, 3, 2);
    plan.posts.truncate(20);
    for (i, post) in plan.posts.iter_mut().enumerate() {
        post.role = if i < 12 { "clerk" } else { "officer" }.to_owned();
        if i < 12 {
            post.holder.as_mut().expect("filled").notice_weeks = 20;
        }
    }
    plan
}

#[test]
fn consultation_counts_dismissals_by_the_day_they_take_effect_not_by_go_live() {
    // TULRCA 1992 s.188(1) counts the dismissals proposed "within a period of 90 days or less";
    // a dismissal takes effect when employment ends, after notice.
    //
    // Finance goes live on 2 March 2026, 91 days after consultation starts on 1 December 2025;
    // HR on 1 June 2026, 91 days after finance, so its consultation starts 91 days before, on
    // 2 March 2026. The go-lives are 91 days apart, but the dismissals are not:
    // - with no consultation owed, finance's notices (20 weeks, contractual) run from
    //   1 December 2025 and end on 20 April 2026 (140 days);
    // - HR's 12 weeks (statutory: service since 2010, capped at 12) run from 2 March 2026 to
    //   25 May 2026, before HR's go-live, so HR's dismissals take effect on 1 June 2026.
    // 20 April to 1 June is 42 days: the 12 and the 8 fall within one period of 90 days, 20
    // proposed dismissals, so finance owes 30 days (s.188(1A)(b)). With them, finance's
    // notices run from 31 December 2025 and end on 20 May 2026, 12 days before HR's: still
    // together. HR's own consultation leaves finance's 12 out (s.188(3): already being
    // consulted on): 8, none owed.
    let o = evaluate_base(&waves_91_days_apart());
    let a = &o.councils[0];
    let finance = &a.waves[0];
    let hr = &a.waves[1];
    assert_eq!((finance.proposed, finance.counted), (12, 20));
    assert_eq!(finance.consultation_days, 30);
    assert_eq!(finance.notices_from, date(2025, 12, 31));
    assert_eq!(finance.first_exit, Some(date(2026, 5, 20)));
    assert_eq!((hr.proposed, hr.counted, hr.consultation_days), (8, 8, 0));
    assert_eq!(hr.first_exit, Some(date(2026, 6, 1)));
    // HR1 is due before any notice is given (31 December) and 30 days before the first
    // dismissal (20 April): 30 December 2025 (s.193(2)).
    assert_eq!(finance.hr1_by, date(2025, 12, 30));
    // The council's whole timetable carries the number that decides its days.
    assert_eq!(a.proposed_redundancies, 20);
    assert_eq!(a.timetable.counted, 20);
    assert_eq!(a.timetable.consultation_days, 30);

    // Each paper says both numbers: the wave's own and the one that decides the days.
    let plan = waves_91_days_apart();
    let json = merger_planner::figures::report::json(&plan, &o);
    let w = &json["by_council"][0]["waves"][0];
    assert_eq!(w["proposed_redundancies"], 12);
    assert_eq!(w["counted_for_consultation"], 20);
    assert_eq!(w["consultation_days"], 30);
    let text = merger_planner::figures::report::text(&plan, &o);
    assert!(text.contains("12 (20 within 90 days)"), "{text}");
}

#[test]
fn dismissals_89_days_apart_count_together_and_90_days_apart_do_not() {
    // A period of 90 days counts its first and last days: 1 April 2026 to 29 June 2026 is one
    // such period (89 days apart), 1 April to 30 June is not. Finance's 15 leave on its
    // go-live, 1 April 2026; HR's 10 on theirs (notice ends before it).
    let together = evaluate_base(&two_waves(date(2026, 6, 29)));
    let finance = &together.councils[0].waves[0];
    assert_eq!((finance.counted, finance.consultation_days), (25, 30));
    let apart = evaluate_base(&two_waves(date(2026, 6, 30)));
    let finance = &apart.councils[0].waves[0];
    assert_eq!((finance.counted, finance.consultation_days), (15, 0));
}

#[test]
fn dismissals_more_than_90_days_apart_at_one_go_live_count_apart() {
    // One wave: twenty people at A, consultation from 1 October 2025, go-live 1 April 2026.
    // Ten have 12 weeks' notice (statutory, service since 2010): their notice ends before
    // go-live and their dismissals take effect on 1 April 2026. Ten have 40 weeks' contractual
    // notice: from 1 October 2025 it ends on 8 July 2026, 98 days after. No period of 90 days
    // holds more than 10 dismissals, so none of the 20 proposed owes collective consultation
    // (s.188(1) counts dismissals within 90 days), and notices can go from 1 October.
    let mut plan = two_waves(date(2026, 4, 1));
    plan.posts.truncate(20);
    for (i, post) in plan.posts.iter_mut().enumerate() {
        post.role = "clerk".to_owned();
        if i >= 10 {
            post.holder.as_mut().expect("filled").notice_weeks = 40;
        }
    }
    let o = evaluate_base(&plan);
    let t = &o.councils[0].timetable;
    assert_eq!(o.waves.len(), 1);
    assert_eq!((t.proposed, t.counted, t.consultation_days), (20, 10, 0));
    assert_eq!(t.first_exit, Some(date(2026, 4, 1)));
    assert_eq!(t.last_exit, Some(date(2026, 7, 8)));
    // With 38 weeks the last ten would leave on 24 June 2026, 84 days after: all 20 within one
    // period, so 30 days are owed. Those days move the notices to 31 October, ending on 24
    // July, 114 days after 1 April, when no period would hold 20 again: owing consultation
    // would itself undo the count that owes it. The app keeps the 30 days (counts only rise).
    for post in plan.posts.iter_mut().skip(10) {
        post.holder.as_mut().expect("filled").notice_weeks = 38;
    }
    let t = evaluate_base(&plan).councils[0].timetable.clone();
    assert_eq!((t.counted, t.consultation_days), (20, 30));
    assert_eq!(t.last_exit, Some(date(2026, 7, 24)));
}

fn plan_role(o: &merger_planner::engine::Outcome, role: usize) -> &str {
    &o.roles[role].id
}

#[test]
fn the_report_gives_each_wave_and_each_councils_timetable_a_wave() {
    use merger_planner::figures::report;
    let plan = two_waves(date(2026, 6, 1));
    let o = evaluate_base(&plan);
    let json = report::json(&plan, &o);
    assert_eq!(json["waves"][1]["go_live"], "2026-06-01");
    assert_eq!(json["waves"][1]["functions"][0], "HR");
    let a = &json["by_council"][0]["waves"];
    assert_eq!(a[0]["consultation_days"], 30);
    assert_eq!(a[1]["proposed_redundancies"], 10);
    let text = report::text(&plan, &o);
    assert!(
        text.contains("Wave 2, HR: consultation and HR1 from 2025-12-01; go-live 2026-06-01"),
        "{text}"
    );
    assert!(text.contains("A · 2"), "{text}");
}

/// The worked example with an assistant in finance, not at risk (target 1, one post), whose
/// holder would volunteer.
fn with_a_willing_assistant() -> Plan {
    let mut plan = common::worked_example();
    plan.roles.push(common::role(
        "assistant",
        "finance",
        1.0,
        TargetPay::Salary(Money::pounds(25_000)),
    ));
    let mut holder = common::holder(date(1965, 1, 1), date(1995, 1, 1));
    holder.vr_interest = true;
    plan.posts
        .push(common::post("A4", "A", "assistant", 25_000, Some(holder)));
    plan
}

/// Bumped redundancy: a volunteer from a role not at risk goes so that someone at risk takes the
/// post.
#[test]
fn a_bumped_volunteer_goes_so_someone_at_risk_takes_the_post() {
    let plan = with_a_willing_assistant();
    let base = evaluate_base(&plan);
    // Without bumping, 1 FTE of accountants is made compulsorily redundant (a third each).
    assert!((base.roles[1].flows.compulsory - 1.0).abs() < 1e-12);
    assert!(base.people.iter().all(|p| p.fate != PersonFate::Bumped));
    let bumping = Scenario {
        name: "Bumping".to_owned(),
        bumping: Some(true),
        ..Scenario::default()
    };
    let o = evaluate(&plan, &bumping);
    // The assistant's role is not at risk and its holder would volunteer: they go (1 FTE, all
    // the function needs) and the accountants at risk take their post, a third each.
    let (acc, assistant) = (&o.roles[1].flows, &o.roles[2].flows);
    assert!(acc.compulsory.abs() < 1e-12);
    assert!((acc.redeployed_out - 1.0).abs() < 1e-12);
    assert!((assistant.voluntary - 1.0).abs() < 1e-12);
    assert!((assistant.bumped - 1.0).abs() < 1e-12);
    assert!(o.totals.flows.compulsory.abs() < 1e-12);
    // A4: born 1 January 1965, from 1 January 1995, leaving 1 April 2026: 20 years counted,
    // all at 41 or over, 30 weeks of £25,000 / 52 = £480.77 (under the £719 cap): £14,423.10;
    // A's scheme pays the statutory weeks.
    let bumped: Vec<_> = o
        .people
        .iter()
        .filter(|p| p.fate == PersonFate::Bumped)
        .collect();
    assert_eq!(bumped.len(), 1);
    assert_eq!(plan.posts[bumped[0].post].id, "A4");
    assert_eq!(bumped[0].exit.redundancy_pay, Money(1_442_310));
    // No compulsory redundancy pay; B's head's VR and A4's package instead.
    assert_eq!(o.one_off.redundancy_pay, Money(5_298_068 + 1_442_310));
    // The assistant's post stays filled, so the saving is the accountant's post as before.
    assert_eq!(o.totals.recurring_saving, base.totals.recurring_saving);
    // Pay protection: the accountants move into a £25,000 post, a third each: A2 and A3 lose
    // £15,000 a year, B2 £17,000; one year's protection with the employer's on-costs on the
    // drop (NI 15%, levy 0.5%, LGPS at A's 20% and B's 25%): A2 and A3 a third of £15,000 x
    // 1.355 = £6,775.00 each, B2 a third of £17,000 x 1.405 = £7,961.67.
    assert_eq!(o.one_off.pay_protection, Money(677_500 + 677_500 + 796_167));
    // For consultation A proposes A4 and, rounded up, the two thirds of A2 and A3 at risk.
    assert_eq!(o.councils[0].proposed_redundancies, 2);
    // Each bumped exit is flagged for approval.
    let flags: Vec<_> = o
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::BumpedRedundancy)
        .collect();
    assert_eq!(flags.len(), 1);
    assert!(flags[0].message.contains("post A4"), "{}", flags[0].message);
}
