//! The Monte Carlo run's figures, as text and JSON.

use super::to_text::table;
use crate::model::Money;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// A figure's spread as JSON: p10, p50, p90 and mean (null where infinite: a payback that never
/// comes).
pub(super) fn quantiles_json(q: crate::engine::risk::Quantiles, decimals: i32) -> Value {
    let round = |x: f64| {
        let k = 10f64.powi(decimals);
        if x.is_finite() {
            json!((x * k).round() / k)
        } else {
            Value::Null
        }
    };
    json!({"p10": round(q.p10), "p50": round(q.p50), "p90": round(q.p90), "mean": round(q.mean)})
}

/// A Monte Carlo run as JSON for tools.
pub fn risk_json(r: &crate::engine::risk::Risk) -> Value {
    json!({
        "scenario": r.scenario,
        "draws": r.draws,
        "seed": r.seed,
        "recurring_saving": quantiles_json(r.recurring_saving, 2),
        "one_off_cost": quantiles_json(r.one_off_cost, 2),
        "payback_years": quantiles_json(r.payback_years, 2),
        "compulsory_people": quantiles_json(r.compulsory_people, 1),
        "consultation_days": r.consultation_days.iter().map(|(council, q)| json!({
            "council": council,
            "p10": q.p10, "p50": q.p50, "p90": q.p90, "mean": (q.mean * 10.0).round() / 10.0,
        })).collect::<Vec<_>>(),
        "payback_limit_years": r.payback_limit_years,
        "p_payback_within_limit": r.p_payback_within_limit,
        "p_go_live_met": r.p_go_live_met,
        "p_compulsory_needed": r.p_compulsory_needed,
        "cumulative_net": r.fan.iter().map(|y| json!({
            "year": y.year.to_string(),
            "p10": (y.quantiles.p10 * 100.0).round() / 100.0,
            "p50": (y.quantiles.p50 * 100.0).round() / 100.0,
            "p90": (y.quantiles.p90 * 100.0).round() / 100.0,
            "deterministic": (y.deterministic * 100.0).round() / 100.0,
        })).collect::<Vec<_>>(),
        "tornado": r.tornado.iter().map(|b| json!({
            "input": b.input,
            "one_off_cost_low": (b.one_off.0 * 100.0).round() / 100.0,
            "one_off_cost_high": (b.one_off.1 * 100.0).round() / 100.0,
            "recurring_saving_low": (b.saving.0 * 100.0).round() / 100.0,
            "recurring_saving_high": (b.saving.1 * 100.0).round() / 100.0,
        })).collect::<Vec<_>>(),
    })
}

/// A Monte Carlo run in words and tables, for people.
pub fn risk_text(r: &crate::engine::risk::Risk) -> String {
    let mut s = String::new();
    let money = |x: f64| Money::from_pounds_f64(x).whole();
    let years = crate::format::years_or_never;
    let _ = writeln!(
        s,
        "Uncertainty: scenario {}, {} draws (seed {})\n",
        r.scenario,
        crate::format::thousands(r.draws as u64),
        r.seed
    );
    let mut rows = vec![
        vec![
            "Recurring saving a year".to_owned(),
            money(r.recurring_saving.p10),
            money(r.recurring_saving.p50),
            money(r.recurring_saving.p90),
        ],
        vec![
            "One-off cost".to_owned(),
            money(r.one_off_cost.p10),
            money(r.one_off_cost.p50),
            money(r.one_off_cost.p90),
        ],
        vec![
            "Payback".to_owned(),
            years(r.payback_years.p10),
            years(r.payback_years.p50),
            years(r.payback_years.p90),
        ],
        vec![
            "People dismissed compulsorily".to_owned(),
            format!("{:.1}", r.compulsory_people.p10),
            format!("{:.1}", r.compulsory_people.p50),
            format!("{:.1}", r.compulsory_people.p90),
        ],
    ];
    for (council, q) in &r.consultation_days {
        rows.push(vec![
            format!("Consultation days, {council}"),
            format!("{:.0}", q.p10),
            format!("{:.0}", q.p50),
            format!("{:.0}", q.p90),
        ]);
    }
    table(&mut s, &["Figure", "P10", "P50", "P90"], &rows);
    let percent = |p: f64| format!("{:.0}%", p * 100.0);
    let _ = writeln!(
        s,
        "\nChance that payback is within {} years: {}",
        r.payback_limit_years,
        percent(r.p_payback_within_limit)
    );
    let _ = writeln!(
        s,
        "Chance that every council meets go-live: {}",
        percent(r.p_go_live_met)
    );
    let _ = writeln!(
        s,
        "Chance that compulsory redundancies are needed: {}",
        percent(r.p_compulsory_needed)
    );
    let _ = writeln!(s, "\nCumulative net by financial year");
    let rows: Vec<Vec<String>> = r
        .fan
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                money(y.quantiles.p10),
                money(y.quantiles.p50),
                money(y.quantiles.p90),
                money(y.deterministic),
            ]
        })
        .collect();
    table(&mut s, &["Year", "P10", "P50", "P90", "As planned"], &rows);
    if !r.tornado.is_empty() {
        let _ = writeln!(
            s,
            "\nWhat moves the figures most (each input low to high, the others likely)"
        );
        let rows: Vec<Vec<String>> = r
            .tornado
            .iter()
            .map(|b| {
                vec![
                    b.input.to_owned(),
                    format!("{} to {}", money(b.one_off.0), money(b.one_off.1)),
                    format!("{} to {}", money(b.saving.0), money(b.saving.1)),
                ]
            })
            .collect();
        table(&mut s, &["Input", "One-off cost", "Saving a year"], &rows);
    }
    s
}
