//! The equality impact on plans small enough to work by hand.
#![allow(clippy::float_cmp, reason = "the counts are whole people, exactly")]

mod common;

use jiff::civil::date;
use merger_planner::engine::equality::{Selection, age_band, equality};
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
    let t = &e.total;
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
    let t = &e.total;
    assert_eq!(t.bands[1].workforce, 10.0);
    assert_eq!(t.bands[4].workforce, 10.0);
    assert!((t.total().rate() - 0.25).abs() < 1e-12);
    let s = t.selection();
    assert_eq!(s[1], Selection::Under);
    assert_eq!(s[4], Selection::Over);
    assert_eq!(s[0], Selection::Suppressed);
    // The pool is the clerks: the same.
    assert_eq!(e.pools[0].selection(), s);
}

#[test]
fn the_report_never_shows_fewer_than_five() {
    use merger_planner::io::report;
    let plan = merger_planner::io::synthetic::bournemouth_poole();
    let o = evaluate_base(&plan);
    let json = report::equality_json(&plan, &o);
    let bands = json["age"].as_array().unwrap();
    assert_eq!(bands.len(), 6);
    for b in bands {
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
    let plan = merger_planner::io::synthetic::bournemouth_poole();
    let o = evaluate_base(&plan);
    let age: Vec<_> = o
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::AgeSelection)
        .collect();
    let e = equality(&plan, &o);
    let uneven = e
        .total
        .selection()
        .iter()
        .filter(|s| matches!(s, Selection::Under | Selection::Over))
        .count();
    assert_eq!(age.len(), uneven);
    assert!(age.iter().all(|f| f.message.contains("four-fifths rule")));
    assert!(age.iter().any(|f| f.message.starts_with("Aged 55-64")));
}
