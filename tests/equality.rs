//! The equality impact on plans small enough to work by hand.
#![allow(clippy::float_cmp, reason = "the counts are whole people, exactly")]

mod common;

use jiff::civil::date;
use merger_planner::engine::equality::{Characteristic, Selection, age_band, equality};
use merger_planner::engine::evaluate_base;
use merger_planner::model::{Money, TargetPay};

#[test]
fn ages_fall_in_the_monitoring_bands() {
    assert_eq!(age_band(16), 0);
    assert_eq!(age_band(24), 0);
    assert_eq!(age_band(25), 1);
    assert_eq!(age_band(44), 2);
    assert_eq!(age_band(45), 3);
    assert_eq!(age_band(64), 4);
    assert_eq!(age_band(65), 5);
}

#[test]
fn the_worked_example_s_profile_is_suppressed_below_five() {
    // Ages on go-live, 1 April 2026: A's head 56 (55-64), B's head 50 (45-54, volunteers), A2 41
    // (35-44), A3 33 (25-34), B2 46 (45-54); the accountants at risk, a third each.
    let plan = common::worked_example();
    let e = equality(&plan, &evaluate_base(&plan));
    // No record gives sex, ethnicity or disability: age alone.
    assert_eq!(e.breakdowns.len(), 1);
    let t = &e.age().unwrap().total;
    let workforce: Vec<f64> = t.bands.iter().map(|b| b.workforce).collect();
    assert_eq!(workforce, vec![0.0, 1.0, 1.0, 2.0, 1.0, 0.0]);
    // At risk: B's head (who volunteers) and the three accountants; A's head is not, VR having
    // met the head's pool.
    assert_eq!(t.total().at_risk, 4.0);
    // Leaving: B's head, and a third of each accountant: 2 people of 5.
    assert!((t.total().leaving - 2.0).abs() < 1e-12);
    assert!((t.bands[3].leaving - (1.0 + 1.0 / 3.0)).abs() < 1e-12);
    // Every band has fewer than 5 people: none is shown or judged.
    assert!(t.selection().iter().all(|s| *s == Selection::Suppressed));
}

#[test]
fn a_band_selected_outside_four_fifths_to_five_fourths_is_flagged() {
    // Twenty clerks, ten aged 30 and ten aged 60 on go-live; the target cuts 5; five of the
    // sixty-year-olds volunteer. The workforce's rate is 5 / 20 = 0.25; the 55-64 band's is
    // 5 / 10 = 0.5, over 1.25 x 0.25; the 25-34 band's is 0, under 0.8 x 0.25.
    let mut plan = common::worked_example();
    plan.roles = vec![common::role(
        "clerk",
        "finance",
        15.0,
        TargetPay::Salary(Money::pounds(25_000)),
    )];
    plan.posts = (0..20)
        .map(|i| {
            let born = if i < 10 {
                date(1995, 6, 1)
            } else {
                date(1965, 6, 1)
            };
            let mut holder = common::holder(born, date(2010, 1, 1));
            holder.vr_interest = i >= 15;
            common::post(&format!("A{i}"), "A", "clerk", 25_000, Some(holder))
        })
        .collect();
    let e = equality(&plan, &evaluate_base(&plan));
    let t = &e.age().unwrap().total;
    assert_eq!(t.bands[1].workforce, 10.0);
    assert_eq!(t.bands[4].workforce, 10.0);
    assert!((t.total().rate() - 0.25).abs() < 1e-12);
    let s = t.selection();
    assert_eq!(s[1], Selection::Under);
    assert_eq!(s[4], Selection::Over);
    assert_eq!(s[0], Selection::Suppressed);
    // The pool is the clerks: the same.
    assert_eq!(e.age().unwrap().pools[0].selection(), s);
}

#[test]
fn the_report_never_shows_fewer_than_five() {
    use merger_planner::figures::report;
    let plan = merger_planner::example::bournemouth_poole();
    let o = evaluate_base(&plan);
    let json = report::equality_json(&plan, &o);
    let bands = json["age"].as_array().unwrap();
    assert_eq!(bands.len(), 6);
    let mut every: Vec<&serde_json::Value> = bands.iter().collect();
    for key in ["sex", "ethnicity", "disability"] {
        every.extend(json[key].as_array().unwrap());
    }
    for pool in json["pools"].as_array().unwrap() {
        for key in ["age", "sex", "ethnicity", "disability"] {
            every.extend(pool[key].as_array().unwrap());
        }
    }
    assert!(every.len() > 100, "{}", every.len());
    for b in every {
        for key in ["workforce", "at_risk", "leaving"] {
            if let Some(x) = b[key].as_f64() {
                assert!(x == 0.0 || x >= 5.0, "{key} {x} in {b}");
            } else {
                assert_eq!(b[key], "fewer than 5");
            }
        }
        // A rate of fewer than 5 leavers is not given.
        if b["leaving"] == "fewer than 5" {
            assert!(b["rate"].is_null(), "{b}");
        }
    }
    let text = report::text(&plan, &o);
    assert!(text.contains("Equality impact: age on go-live"), "{text}");
    // Every figure of a row under its own heading: eight headings for the eight cells, the
    // rate and the finding among them.
    let e = equality(&plan, &o);
    let age = e.age().unwrap();
    let heading = text
        .lines()
        .skip_while(|l| !l.starts_with("Equality impact: age"))
        .nth(1)
        .unwrap();
    let headings: Vec<&str> = heading
        .split("  ")
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .collect();
    assert_eq!(
        headings,
        [
            "Group",
            "Workforce",
            "Share of workforce",
            "At risk",
            "Expected to leave",
            "Share of leavers",
            "Rate",
            "Finding"
        ]
    );
    let rows = age.shown(&age.total);
    let row = rows
        .iter()
        .find(|r| r.rate.is_some() && !r.everyone)
        .unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(&row.group))
        .unwrap();
    // The rate's last character stands under the Rate heading's (the columns are right-aligned),
    // and the finding after it.
    let rate = format!("{:.1}%", row.rate.unwrap() * 100.0);
    let end_in = |text: &str, what: &str| {
        let at = text.rfind(what).unwrap() + what.len();
        text[..at].chars().count()
    };
    assert_eq!(
        end_in(line, &rate),
        end_in(heading, "Rate"),
        "{heading}\n{line}"
    );
    assert!(
        line.ends_with(merger_planner::figures::words::selection_words(
            row.selection
        )),
        "{line}"
    );
    assert!(text.contains("Equality impact: ethnicity"), "{text}");
    assert!(text.contains("four-fifths"), "{text}");
}

#[test]
fn unevenly_selected_bands_are_flagged_with_the_rule() {
    use merger_planner::engine::FlagKind;
    // The worked example's bands are all under 5: no flag.
    let plan = common::worked_example();
    assert!(
        evaluate_base(&plan)
            .flags
            .iter()
            .all(|f| f.kind != FlagKind::AgeSelection)
    );
    // The example's younger bands go under four-fifths and its older ones over five-fourths.
    let plan = merger_planner::example::bournemouth_poole();
    let o = evaluate_base(&plan);
    let age: Vec<_> = o
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::AgeSelection)
        .collect();
    let e = equality(&plan, &o);
    let uneven = e
        .age()
        .unwrap()
        .total
        .selection()
        .iter()
        .filter(|s| matches!(s, Selection::Under | Selection::Over))
        .count();
    assert_eq!(age.len(), uneven);
    assert!(age.iter().all(|f| f.message.contains("four-fifths rule")));
    assert!(age.iter().any(|f| f.message.starts_with("Aged 55-64")));
}

/// Twenty clerks with sex and disability recorded (five without a disability answer), five of
/// whom volunteer.
fn recorded_plan() -> merger_planner::model::Plan {
    let mut plan = common::worked_example();
    plan.roles = vec![common::role(
        "clerk",
        "finance",
        15.0,
        TargetPay::Salary(Money::pounds(25_000)),
    )];
    plan.posts = (0..20)
        .map(|i| {
            let mut holder = common::holder(date(1980, 6, 1), date(2010, 1, 1));
            // Twelve women (two spelt in capitals, one with spaces), eight men.
            holder.monitoring.sex = Some(
                match i {
                    0 => "FEMALE",
                    1 => " Female ",
                    2..12 => "Female",
                    _ => "Male",
                }
                .to_owned(),
            );
            holder.monitoring.disability = (i >= 5).then(|| "No".to_owned());
            // The five volunteers: four men and one woman.
            holder.vr_interest = (11..=15).contains(&i);
            common::post(&format!("A{i}"), "A", "clerk", 25_000, Some(holder))
        })
        .collect();
    plan
}

#[test]
fn sex_and_disability_are_counted_where_recorded() {
    let plan = recorded_plan();
    let o = evaluate_base(&plan);
    let e = equality(&plan, &o);
    let kinds: Vec<Characteristic> = e.breakdowns.iter().map(|b| b.characteristic).collect();
    // Nobody records ethnicity: no table for it.
    assert_eq!(
        kinds,
        [
            Characteristic::Age,
            Characteristic::Sex,
            Characteristic::Disability
        ]
    );
    let sex = e.by(Characteristic::Sex).unwrap();
    // Spellings differing only in case and spaces are one group, as first spelt.
    assert_eq!(sex.groups, ["FEMALE", "Male"]);
    let f = sex.total.bands[0];
    let m = sex.total.bands[1];
    assert_eq!((f.workforce, m.workforce), (12.0, 8.0));
    // The target cuts 5 of 20: the five volunteers go.
    assert_eq!((f.leaving, m.leaving), (1.0, 4.0));
    // Rates: everyone 5/20 = 0.25; women 1/12 (under 0.8 x 0.25 = 0.2), men 4/8 (over 0.3125).
    assert_eq!(sex.total.selection(), [Selection::Under, Selection::Over]);
    // Men's 4 leavers are fewer than 5: their rate is not given, though the group is judged.
    let shown = sex.shown(&sex.total);
    assert_eq!(shown[1].leaving, None);
    assert_eq!(shown[1].rate, None);
    assert_eq!(shown[1].workforce, Some(8.0));
    assert!(shown[2].everyone);
    assert_eq!(shown[2].workforce, Some(20.0));
    // Shares of everyone: women are 12 of 20; their 1 leaver's share is not given.
    assert_eq!(shown[0].shares[0], Some(0.6));
    assert_eq!(shown[0].shares[2], None);
    // Disability: fifteen said no; five did not say.
    let d = e.by(Characteristic::Disability).unwrap();
    assert_eq!(d.groups, ["No", "Not recorded"]);
    assert_eq!(d.total.bands[1].workforce, 5.0);
    // The five volunteers (the only people at risk: they meet the cut) all said no: all of those
    // at risk and leaving, from three-quarters of the workforce.
    let shown = d.shown(&d.total);
    assert_eq!(shown[0].shares, [Some(0.75), Some(1.0), Some(1.0)]);
    // The flags name the characteristic and the rule, with no count under 5.
    let flags: Vec<&str> = o
        .flags
        .iter()
        .filter(|f| f.kind == merger_planner::engine::FlagKind::GroupSelection)
        .map(|f| f.message.as_str())
        .collect();
    // The volunteers all said no: 5 of 15 (0.33, over 0.3125) against none of the 5 who did not
    // say (under 0.2).
    assert_eq!(flags.len(), 4, "{flags:?}");
    assert!(
        flags[0].starts_with("Sex FEMALE: fewer than 5 of 12"),
        "{flags:?}"
    );
    assert!(
        flags[1].starts_with("Sex Male: fewer than 5 of 8"),
        "{flags:?}"
    );
    assert!(
        flags[2].starts_with(
            "Disability No: 5.0 of 15.0 people expected to leave (33.3%), over five-fourths"
        ),
        "{flags:?}"
    );
    assert!(
        flags[3].starts_with("Disability Not recorded: 0.0 of 5.0"),
        "{flags:?}"
    );
    assert!(flags.iter().all(|f| f.contains("four-fifths rule")));
    // The chart: only groups of 5 or more people and leavers (or none): all 20 are 45-54 on
    // go-live (the other bands are empty), and of the groups by sex and disability, women (1
    // leaver) and men (4) are not drawn. Its headline counts the uneven groups it draws, the two
    // by disability, not the four flagged: it speaks of what the chart shows.
    let chart = merger_planner::figures::charts::EqualityChart::of(&plan, &o);
    let names: Vec<&str> = chart.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        names,
        ["Aged 45-54", "Disability: No", "Disability: Not recorded"]
    );
    assert_eq!(chart.groups[0].rate, Some(0.25));
    assert_eq!(chart.hidden, 7);
    assert_eq!(chart.uneven, 2);
    assert_eq!(
        merger_planner::figures::charts::Figures::headline(&chart),
        "25.0% of the workforce expected to leave; 2 groups outside four-fifths to five-fourths of it"
    );
}

#[test]
fn a_pool_of_fewer_than_five_shows_no_figure_of_anyone_at_risk() {
    let mut plan = recorded_plan();
    plan.posts.truncate(4);
    plan.roles[0].target_fte = 2.0;
    let o = evaluate_base(&plan);
    let e = equality(&plan, &o);
    for b in &e.breakdowns {
        for row in b.shown(&b.pools[0]) {
            assert_eq!(row.at_risk, None, "{row:?}");
            assert_eq!(row.leaving, None, "{row:?}");
            assert_eq!(row.rate, None, "{row:?}");
        }
    }
}

/// Evaluating works the impact out from the posts as it resolved them; worked out afresh from
/// the outcome by names, it is the same: for the examples under every scenario, and for a plan
/// with posts in an unknown council, an unknown role and a role in an unknown function.
#[test]
fn the_impact_kept_with_the_outcome_is_the_one_worked_out_from_it() {
    let mut plans: Vec<merger_planner::model::Plan> = [
        "northshire-reorganisation.ron",
        "bournemouth-poole.ron",
        "southampton-pay.ron",
    ]
    .iter()
    .map(|f| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("saves")
            .join(f);
        merger_planner::persist::plan_file::open(&path).unwrap()
    })
    .collect();
    let mut broken = recorded_plan();
    broken.posts[0].council = "nowhere".to_owned();
    broken.posts[1].role = "no-such-role".to_owned();
    broken.roles.push(common::role(
        "orphan",
        "no-such-function",
        1.0,
        TargetPay::Salary(Money::pounds(25_000)),
    ));
    broken.posts[2].role = "orphan".to_owned();
    plans.push(broken);
    for plan in &plans {
        for name in plan.scenario_names() {
            let scenario = plan.scenario(&name).unwrap();
            let o = merger_planner::engine::evaluate(plan, &scenario);
            assert!(!o.equality.breakdowns.is_empty());
            assert_eq!(o.equality, equality(plan, &o), "{name}");
        }
    }
}

/// A pool of 7, 5 women and 2 men: the men's count is hidden, and so is the women's, as 7 less
/// 5 would give the men's away; with 3 groups of 5 or more and one of 2, the smallest other is
/// hidden; two hidden groups give neither away.
#[test]
fn a_hidden_group_is_not_given_away_by_the_total_less_the_others() {
    use merger_planner::engine::equality::{Band, Breakdown, Profile};
    let shown = |counts: &[f64]| {
        let b = Breakdown {
            characteristic: Characteristic::Sex,
            groups: (0..counts.len()).map(|i| format!("Group {i}")).collect(),
            total: Profile {
                bands: counts
                    .iter()
                    .map(|&w| Band {
                        workforce: w,
                        at_risk: w,
                        leaving: 0.0,
                    })
                    .collect(),
            },
            pools: Vec::new(),
        };
        b.shown(&b.total)
    };
    let rows = shown(&[5.0, 2.0]);
    assert_eq!(rows[0].workforce, None, "5 of 7 would give away the 2");
    assert_eq!(rows[0].shares[0], None);
    assert_eq!(rows[1].workforce, None);
    assert_eq!(rows[2].workforce, Some(7.0), "everyone's is shown");
    let rows = shown(&[6.0, 9.0, 5.0, 2.0]);
    let workforce: Vec<Option<f64>> = rows.iter().map(|r| r.workforce).collect();
    assert_eq!(
        workforce,
        vec![Some(6.0), Some(9.0), None, None, Some(22.0)]
    );
    // Two groups hidden: neither is given away by the total.
    let rows = shown(&[3.0, 2.0, 9.0]);
    let workforce: Vec<Option<f64>> = rows.iter().map(|r| r.workforce).collect();
    assert_eq!(workforce, vec![None, None, Some(9.0), Some(14.0)]);
}

/// A wrong column taken for ethnicity (a different value for each of 50,000 people) is grouped
/// a value a group, each new value found by its hash rather than compared with every group
/// before it (which grew with the square of the values).
#[test]
fn fifty_thousand_different_values_are_grouped_without_comparing_each_pair() {
    let mut plan = merger_planner::example::reorganisation(2, 50_000, 3);
    for (i, p) in plan.posts.iter_mut().enumerate() {
        if let Some(h) = &mut p.holder {
            h.monitoring.ethnicity = Some(format!("value {i}"));
        }
    }
    let o = evaluate_base(&plan);
    let e = equality(&plan, &o);
    let groups = e.by(Characteristic::Ethnicity).unwrap().groups.len();
    let filled = plan.posts.iter().filter(|p| p.holder.is_some()).count();
    assert!(groups > filled / 2, "{groups} of {filled}");
}
