//! Property tests of the invariants of the rules (docs/rules.md), on random plans that include
//! councils with no staff and roles with a target of zero.

use jiff::civil::{Date, date};
use merger_planner::engine::dates::add_days;
use merger_planner::engine::rules::{statutory_weeks, statutory_weeks_year_by_year};
use merger_planner::engine::{Flows, Outcome, evaluate_base};
use merger_planner::model::{
    Colour, CostShare, Council, ImplementationCost, Line, LineKind, Money, Monitoring, OneOffSplit,
    Parameters, PartYear, PayBasis, PaybackLimit, Plan, Post, Postholder, Programme,
    RedundancyScheme, Role, SplitMethod, TargetPay, WeeklyPay,
};
use merger_planner::persist::plan_file;
use proptest::prelude::*;

const EPS: f64 = 1e-6;

fn any_date(from: i32, days: i64) -> impl Strategy<Value = Date> {
    (0..days).prop_map(move |d| add_days(date(from as i16, 1, 1), d))
}

fn council() -> impl Strategy<Value = (f64, f64, f64, f64, bool, f64)> {
    (
        0.1..0.3f64,
        1.0..3.0f64,
        1.0..2.0f64,
        10.0..104.0f64,
        any::<bool>(),
        0.0..5.0f64,
    )
}

prop_compose! {
    fn post(councils: usize, roles: usize)(
        council in 0..councils,
        role in 0..roles,
        fte in prop::sample::select(vec![0.2, 0.5, 0.6, 0.8, 1.0]),
        salary in 12_000i64..130_000,
        vacant in prop::bool::weighted(0.2),
        dob in any_date(1955, 365 * 48),
        years_in in 16i64..45,
        lgps in prop::bool::weighted(0.85),
        notice in 0u32..13,
        vr in prop::bool::weighted(0.3),
        critical in prop::bool::weighted(0.1),
        quote in prop::option::weighted(0.2, 0i64..200_000),
    ) -> (usize, usize, f64, i64, Option<Postholder>) {
        let start = add_days(dob, years_in * 365).min(date(2025, 12, 31));
        let holder = (!vacant && start > dob).then(|| Postholder {
            date_of_birth: dob,
            service_start: start,
            lgps_member: lgps,
            notice_weeks: notice,
            vr_interest: vr,
            critical,
            strain_quote: quote.map(Money::pounds),
            monitoring: Monitoring::default(),
        });
        (council, role, fte, salary, holder)
    }
}

prop_compose! {
    fn plan()(
        councils in prop::collection::vec(council(), 1..5),
        targets in prop::collection::vec((prop::sample::select(vec![0.0, 0.5, 1.0, 2.0, 3.5, 6.0, 12.0]), 0u8..4, 20_000i64..90_000), 1..7),
        start in any_date(2024, 900),
        lead in 0i64..400,
        rate in 0.0..1.0f64,
        compulsory in any::<bool>(),
        limit in prop::option::of(0.2..4.0f64),
        share in 0u8..4,
        split in any::<bool>(),
        months in any::<bool>(),
        days365 in any::<bool>(),
        money in (
            prop::collection::vec((0i16..3, 0i64..500_000), 0..3),
            // Lines besides posts: kind, function, council (or the service), amount, days after
            // the consultation start.
            prop::collection::vec((0u8..3, any::<bool>(), prop::option::of(0usize..5), 0i64..500_000, 0i64..900), 0..3),
            any::<bool>(),
            // VR take-up of those who did not say (none in half the plans).
            prop::sample::select(vec![0.0, 0.0, 0.3, 0.85, 1.0]),
            // HR going live in a wave of its own, days after the programme's go-live.
            prop::option::of(-200i64..400),
            // Bumped redundancy allowed.
            any::<bool>(),
        ),
    )(
        posts in prop::collection::vec(post(councils.len(), targets.len()), 0..40),
        councils in Just(councils), targets in Just(targets), start in Just(start), lead in Just(lead),
        rate in Just(rate), compulsory in Just(compulsory), limit in Just(limit), share in Just(share),
        split in Just(split), months in Just(months), days365 in Just(days365), money in Just(money),
    ) -> Plan {
        let (implementation, lines, costs_and_savings, take_up, hr_wave, bumping) = money;
        let mut plan = Plan::new("Random", Programme { consultation_start: start, go_live: add_days(start, lead) });
        plan.councils = councils.iter().enumerate().map(|(i, c)| Council {
            id: format!("c{i}"),
            name: format!("Council {i}"),
            short_name: format!("C{i}"),
            colour: Colour::for_index(i),
            scheme: RedundancyScheme { pay_basis: if c.4 { PayBasis::Actual } else { PayBasis::Capped }, vr_multiplier: c.1, cr_multiplier: c.2, max_weeks: c.3 },
            lgps_employer_rate: c.0,
            min_service_for_vr_years: 2,
            cost_share_weight: c.5,
            assumed: false,
            recognised_unions: Vec::new(),
            pay_point: merger_planner::model::PayPoint::Midpoint,
            workforce: merger_planner::model::WorkforceProfile::default(),
        }).collect();
        plan.roles = targets.iter().enumerate().map(|(i, (t, rule, salary))| Role {
            id: format!("r{i}"),
            function: if i % 2 == 0 { "finance".into() } else { "hr".into() },
            title: format!("Role {i}"),
            target_fte: *t,
            pay: match rule {
                0 => TargetPay::Salary(Money::pounds(*salary)),
                1 => TargetPay::HarmoniseHighest,
                2 => TargetPay::HarmoniseAverage,
                _ => TargetPay::HarmoniseLowest,
            },
            target_from_establishment: false,
        }).collect();
        // Every seventh filled post is held by people the plan does not name, every other one of
        // those a group of up to three posts, as a published establishment gives them.
        plan.posts = posts.into_iter().enumerate().map(|(i, (c, r, fte, salary, holder))| {
            let unnamed = i % 7 == 3 && holder.is_some();
            let group = (unnamed && i % 14 == 3).then_some(merger_planner::model::Group { headcount: None });
            Post {
                id: format!("p{i}"),
                council: format!("c{c}"),
                function: plan.roles[r].function.clone(),
                role: format!("r{r}"),
                title: String::new(),
                grade: String::new(),
                fte: if group.is_some() { fte * 3.0 } else { fte },
                salary: Money::pounds(salary),
                holder: if unnamed { None } else { holder },
                unnamed,
                group,
                pay_range: None,
            }
        }).collect();
        let a = &mut plan.assumptions;
        a.redeployment_rate = rate;
        a.vr_take_up = take_up;
        a.bumping = bumping;
        if let Some(days) = hr_wave {
            let go_live = plan.programme.go_live;
            if let Some(hr) = plan.functions.iter_mut().find(|f| f.id == "hr") {
                hr.go_live = Some(add_days(go_live, days));
            }
        }
        a.compulsory_allowed = compulsory;
        a.vr_payback_limit = limit.map_or(PaybackLimit::None, PaybackLimit::Years);
        a.cost_share = [CostShare::Equal, CostShare::BaselineCost, CostShare::Fte, CostShare::Weights][share as usize];
        a.one_off_split = if split { OneOffSplit::EmployingCouncil } else { OneOffSplit::SameRatio };
        a.part_year = if months { PartYear::Months } else { PartYear::Days };
        a.weekly_pay = if days365 { WeeklyPay::Annual365Days } else { WeeklyPay::Annual52 };
        let first = merger_planner::model::FinancialYear::containing(start);
        a.implementation_costs = implementation.into_iter().map(|(y, amount)| ImplementationCost {
            year: merger_planner::model::FinancialYear(first.0 + y),
            description: "x".into(),
            amount: Money::pounds(amount),
        }).collect();
        a.split_method = if costs_and_savings { SplitMethod::CostsAndSavings } else { SplitMethod::ServiceCost };
        let councils = plan.councils.len();
        plan.assumptions.lines = lines.into_iter().map(|(kind, finance, council, amount, days)| Line {
            name: "x".into(),
            kind: [LineKind::RecurringSaving, LineKind::RecurringCost, LineKind::OneOffCost][kind as usize],
            function: if finance { "finance".into() } else { "hr".into() },
            council: council.filter(|c| *c < councils).map(|c| format!("c{c}")),
            amount: Money::pounds(amount),
            from: add_days(start, days),
        }).collect();
        // What reviewers add (format 11), in every third plan with posts: a comment with a
        // reply, resolved; a sign-off keeping a post and the settings as signed; a lineage.
        if plan.posts.len() % 3 == 1 {
            use merger_planner::model::{Comment, Lineage, PlanSettings, Reply, Resolved, SignOff, Signed, Topic, Was};
            let at = |s: i64| jiff::Timestamp::from_second(1_800_000_000 + s).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
            plan.comments.push(Comment {
                id: "C-0a1b2c3d".into(),
                topic: Topic::Post(plan.posts[0].id.clone()),
                author: "Ann Lee".into(),
                written: at(0),
                text: "Why \"at risk\"?\nSee the HR paper".into(),
                replies: vec![Reply { written: at(60), author: "Tom Reed".into(), text: "Agreed".into() }],
                resolved: Some(Resolved { by: "Ann Lee".into(), at: at(120) }),
            });
            plan.sign_offs.push(SignOff {
                name: "Jane Smith".into(),
                role: "s151 officer, C0".into(),
                date: start,
                note: "Subject to quotes".into(),
                content: format!("sha256:{}", "0".repeat(64)),
                signed: Signed {
                    posts: vec![Was { id: plan.posts[0].id.clone(), at: 0, was: Some(plan.posts[0].clone()) }],
                    settings: Some(Box::new(PlanSettings::of(&plan))),
                    ..Signed::default()
                },
            });
            let mut lineage = Lineage::default();
            lineage.advance(format!("sha256:{}", "1".repeat(64)));
            lineage.advance(format!("sha256:{}", "2".repeat(64)));
            plan.lineage = lineage;
        }
        plan
    }
}

fn flows_finite(f: &Flows) -> bool {
    [
        f.filled,
        f.vacant,
        f.vacancies_deleted,
        f.vacancies_kept,
        f.voluntary,
        f.redeployed_out,
        f.compulsory,
        f.kept,
        f.over_target,
    ]
    .iter()
    .all(|x| x.is_finite() && *x >= -EPS)
}

fn conserved(f: &Flows) -> bool {
    let today = f.kept
        + f.vacancies_kept
        + f.vacancies_deleted
        + f.voluntary
        + f.compulsory
        + f.redeployed_out;
    (f.current() - today).abs() < EPS
}

fn check_finite(o: &Outcome) -> Result<(), TestCaseError> {
    prop_assert!(flows_finite(&o.totals.flows));
    for r in &o.roles {
        prop_assert!(flows_finite(&r.flows) && r.by_council.iter().all(flows_finite));
        for x in [
            r.target_fte,
            r.new_posts,
            r.redeployed_in,
            r.overlap,
            r.critical_fte,
        ] {
            prop_assert!(x.is_finite());
        }
    }
    for c in &o.councils {
        prop_assert!(c.share_ratio.is_finite() && c.timetable.fte_after_go_live.is_finite());
    }
    for p in &o.people {
        prop_assert!(
            p.share.is_finite()
                && p.exit.statutory_weeks.is_finite()
                && p.exit.scheme_weeks.is_finite()
        );
        prop_assert!(p.payback_years.is_none_or(f64::is_finite));
    }
    prop_assert!(o.totals.payback_years.is_none_or(f64::is_finite));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn fte_is_conserved(plan in plan()) {
        let o = evaluate_base(&plan);
        for r in &o.roles {
            // Today = kept + vacancies kept + deleted vacancies + VR + CR + redeployed out.
            prop_assert!(conserved(&r.flows), "role {}: {:?}", r.id, r.flows);
            // Target = kept + redeployed in + people at risk taking bumped volunteers' posts +
            // new hires, where new hires fill the open posts (vacancies kept and new posts)
            // that redeployees do not.
            let open = r.flows.vacancies_kept + r.new_posts;
            prop_assert!(r.redeployed_in <= open + EPS);
            let staff_kept = r.flows.kept - r.flows.over_target;
            let hires = open - r.redeployed_in;
            prop_assert!((r.target_fte - (staff_kept + r.redeployed_in + r.flows.bumped + hires)).abs() < EPS, "role {}: {:?}", r.id, r);
        }
        prop_assert!(conserved(&o.totals.flows));
        let moved_in: f64 = o.roles.iter().map(|r| r.redeployed_in + r.flows.bumped).sum();
        prop_assert!((moved_in - o.totals.flows.redeployed_out).abs() < EPS);
    }

    #[test]
    fn money_reconciles_to_the_penny(plan in plan()) {
        let o = evaluate_base(&plan);
        let w = o.waterfall;
        prop_assert_eq!(w.baseline - w.saving(), w.target);
        prop_assert_eq!(o.totals.recurring_saving, w.saving());
        let by_function: Money = o.functions.iter().map(|f| f.recurring_saving).sum();
        prop_assert_eq!(by_function, o.totals.recurring_saving);
        let by_council: Money = o.councils.iter().map(|c| c.recurring_saving).sum();
        prop_assert_eq!(by_council, o.totals.recurring_saving);
        let shares: Money = o.councils.iter().map(|c| c.cost_share).sum();
        prop_assert_eq!(shares, o.totals.target_cost);
        let one_off: Money = o.councils.iter().map(|c| c.one_off_cost).sum();
        prop_assert_eq!(one_off, o.totals.one_off_cost);
        let by_year: Money = o.years.iter().map(|y| y.one_off_cost).sum();
        prop_assert_eq!(by_year, o.totals.one_off_cost);
        let ratios: f64 = o.councils.iter().map(|c| c.share_ratio).sum();
        prop_assert!((ratios - 1.0).abs() < 1e-9);
        // Each year is split between the councils to the penny, and each council's years add up
        // to its one-off share; every function's council shares add up to the function, and
        // each council's to its own total.
        for (k, y) in o.years.iter().enumerate() {
            let saving: Money = o.councils.iter().map(|c| c.years[k].saving).sum();
            let one_off: Money = o.councils.iter().map(|c| c.years[k].one_off_cost).sum();
            prop_assert_eq!(saving, y.saving);
            prop_assert_eq!(one_off, y.one_off_cost);
        }
        for (c, council) in o.councils.iter().enumerate() {
            let years: Money = council.years.iter().map(|y| y.one_off_cost).sum();
            prop_assert_eq!(years, council.one_off_cost);
            let functions: Money = o.functions.iter().map(|f| f.council_saving[c]).sum();
            prop_assert_eq!(functions, council.recurring_saving);
        }
        for f in &o.functions {
            let councils: Money = f.council_saving.iter().copied().sum();
            prop_assert_eq!(councils, f.recurring_saving);
        }
        check_finite(&o)?;
    }

    #[test]
    fn deleting_posts_at_unchanged_pay_never_costs(mut plan in plan()) {
        // Every role pays the one salary its posts already have, and no target grows.
        for (i, role) in plan.roles.iter_mut().enumerate() {
            let salary = Money::pounds(30_000 + 1_000 * i as i64);
            for post in plan.posts.iter_mut().filter(|p| p.role == role.id) {
                post.salary = salary;
            }
            role.pay = TargetPay::Salary(salary);
            let today: f64 = plan.posts.iter().filter(|p| p.role == role.id).map(|p| p.fte).sum();
            role.target_fte = role.target_fte.min(today);
        }
        // Posts only: a cost besides posts may well cost more than the posts save.
        plan.assumptions.lines.clear();
        let o = evaluate_base(&plan);
        prop_assert!(o.totals.recurring_saving.pence() >= 0, "{:?}", o.waterfall);
        prop_assert_eq!(o.waterfall.pay_harmonisation, Money::ZERO);
    }

    #[test]
    fn plans_save_and_reopen_equal(plan in plan()) {
        let text = plan_file::to_text(&plan).map_err(TestCaseError::fail)?;
        let back = plan_file::parse(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, plan);
    }

    #[test]
    fn statutory_weeks_never_fall_as_service_or_age_grow(
        dob in any_date(1950, 365 * 50),
        years in 16i64..50,
        exit_after in 0i64..(365 * 30),
        more in 1i64..4000,
    ) {
        let rules = Parameters::default().redundancy;
        let start = add_days(dob, years * 365);
        let exit = add_days(start, exit_after);
        let weeks = statutory_weeks(&rules, dob, start, exit);
        // Longer service (an earlier start) never lowers the weeks.
        let longer = statutory_weeks(&rules, dob, add_days(start, -more), exit);
        prop_assert!(longer >= weeks, "{longer} < {weeks}");
        // Being older (an earlier birth date) never lowers them.
        let older = statutory_weeks(&rules, add_days(dob, -more), start, exit);
        prop_assert!(older >= weeks, "{older} < {weeks}");
        // The fast count agrees with counting each year back from the exit date.
        let year_by_year = statutory_weeks_year_by_year(&rules, dob, start, exit);
        prop_assert!((weeks - year_by_year).abs() < 1e-12, "{weeks} vs {year_by_year}");
        // Half weeks, at most 30.
        prop_assert!((weeks * 2.0).fract() == 0.0 && weeks <= 30.0);
    }
}

#[test]
fn an_empty_plan_evaluates() {
    let plan = Plan::new(
        "Empty",
        Programme {
            consultation_start: date(2026, 1, 1),
            go_live: date(2026, 4, 1),
        },
    );
    let o = evaluate_base(&plan);
    assert_eq!(o.totals.recurring_saving, Money::ZERO);
    assert!(o.totals.payback_years.is_none());
    assert!(o.councils.is_empty());
}

#[test]
fn a_council_with_no_staff_and_a_role_with_target_zero() {
    let mut plan = Plan::new(
        "Edge",
        Programme {
            consultation_start: date(2026, 1, 1),
            go_live: date(2026, 4, 1),
        },
    );
    plan.councils = (0..2)
        .map(|i| Council {
            id: format!("c{i}"),
            name: format!("Council {i}"),
            short_name: format!("C{i}"),
            colour: Colour::for_index(i),
            scheme: RedundancyScheme::default(),
            lgps_employer_rate: 0.2,
            min_service_for_vr_years: 2,
            cost_share_weight: 0.0,
            assumed: false,
            recognised_unions: Vec::new(),
            pay_point: merger_planner::model::PayPoint::Midpoint,
            workforce: merger_planner::model::WorkforceProfile::default(),
        })
        .collect();
    plan.assumptions.cost_share = CostShare::Weights;
    plan.roles = vec![Role {
        id: "r".into(),
        function: "it".into(),
        title: "Role".into(),
        target_fte: 0.0,
        pay: TargetPay::HarmoniseAverage,
        target_from_establishment: false,
    }];
    plan.posts = vec![Post {
        id: "p".into(),
        council: "c0".into(),
        function: "it".into(),
        role: "r".into(),
        title: String::new(),
        grade: String::new(),
        fte: 1.0,
        salary: Money::pounds(30_000),
        holder: None,
        unnamed: false,
        group: None,
        pay_range: None,
    }]
    .into();
    let o = evaluate_base(&plan);
    assert_eq!(o.totals.target_cost, Money::ZERO);
    assert!((o.totals.flows.vacancies_deleted - 1.0).abs() < 1e-12);
    // Weights that are all zero share equally, and the split still adds up.
    assert!((o.councils[0].share_ratio - 0.5).abs() < 1e-12);
    assert_eq!(
        o.councils.iter().map(|c| c.recurring_saving).sum::<Money>(),
        o.totals.recurring_saving
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    /// 10,000 plans saved to a file and opened again, equal every time. A few minutes in a
    /// release build, so ignored by default:
    /// `cargo test --release --test properties -- --ignored ten_thousand`.
    #[test]
    #[ignore = "10,000 round trips through files: run with --ignored"]
    fn ten_thousand_plans_round_trip_through_files(plan in plan()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join("plan.ron");
        plan_file::save(&path, &plan).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = plan_file::open(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, plan);
    }
}

mod what_changed {
    use std::collections::BTreeSet;

    use merger_planner::document::diff::{ChangeKind, What, diff};
    use merger_planner::example;
    use merger_planner::model::Money;
    use proptest::prelude::*;

    /// One edit to the example plan, as a person might make it.
    #[derive(Clone, Debug)]
    enum Edit {
        Fte(usize),
        Salary(usize),
        Remove(usize),
        Add(usize),
        Target(usize),
        Redeployment,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (0..600usize).prop_map(Edit::Fte),
            (0..600usize).prop_map(Edit::Salary),
            (0..600usize).prop_map(Edit::Remove),
            (0..5usize).prop_map(Edit::Add),
            (0..30usize).prop_map(Edit::Target),
            Just(Edit::Redeployment),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// After random edits, the diff lists exactly those edits: each post's field, each post
        /// added or removed, each role's target, the setting.
        #[test]
        fn the_diff_lists_exactly_the_edits(edits in prop::collection::vec(edit(), 0..12)) {
            let old = example::bournemouth_poole();
            prop_assert!(diff(&old, &old).is_empty(), "a plan against itself");
            let mut new = old.clone();
            let mut expected: BTreeSet<(ChangeKind, What, String, String)> = BTreeSet::new();
            // Each post is edited at most once, and never both changed and removed.
            let mut touched = BTreeSet::new();
            for e in edits {
                match e {
                    Edit::Fte(i) | Edit::Salary(i) | Edit::Remove(i) if !touched.insert(old.posts[i].id.clone()) => {}
                    Edit::Fte(i) => {
                        let id = old.posts[i].id.clone();
                        let post = new.posts.iter_mut().find(|p| p.id == id).unwrap();
                        post.fte = if (post.fte - 0.5).abs() < 1e-9 { 0.6 } else { 0.5 };
                        expected.insert((ChangeKind::Changed, What::Post, id, "fte".into()));
                    }
                    Edit::Salary(i) => {
                        let id = old.posts[i].id.clone();
                        let post = new.posts.iter_mut().find(|p| p.id == id).unwrap();
                        post.salary += Money::pounds(1);
                        expected.insert((ChangeKind::Changed, What::Post, id, "salary_pence".into()));
                    }
                    Edit::Remove(i) => {
                        let id = old.posts[i].id.clone();
                        new.posts.retain(|p| p.id != id);
                        expected.insert((ChangeKind::Removed, What::Post, id, String::new()));
                    }
                    Edit::Add(n) => {
                        let id = format!("NEW-{n}");
                        if !new.posts.iter().any(|p| p.id == id) {
                            let mut post = old.posts[0].clone();
                            post.id.clone_from(&id);
                            new.posts.push(post);
                            expected.insert((ChangeKind::Added, What::Post, id, String::new()));
                        }
                    }
                    Edit::Target(r) => {
                        let role = &mut new.roles[r];
                        role.target_fte = old.roles[r].target_fte + 1.0;
                        expected.insert((ChangeKind::Changed, What::Role, role.id.clone(), "target_fte".into()));
                    }
                    Edit::Redeployment => {
                        new.assumptions.redeployment_rate = old.assumptions.redeployment_rate + 0.1;
                        expected.insert((ChangeKind::Changed, What::Setting, String::new(), "assumptions.redeployment_rate".into()));
                    }
                }
            }
            let found: BTreeSet<(ChangeKind, What, String, String)> = diff(&old, &new)
                .into_iter()
                .map(|c| (c.kind, c.what, c.id, c.field))
                .collect();
            prop_assert_eq!(found, expected);
        }
    }
}
