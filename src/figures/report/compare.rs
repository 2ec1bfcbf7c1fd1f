//! Scenarios side by side, as text and JSON.

use super::to_json::{fte_json, pounds};
use super::to_text::table;
use crate::engine::Outcome;
use crate::model::Money;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// The figures a comparison of scenarios puts side by side, in order: (name, value of each
/// outcome as text, difference from the first as text).
pub(super) fn compare_rows(outcomes: &[Outcome]) -> Vec<(&'static str, Vec<String>, Vec<String>)> {
    let Some(first) = outcomes.first() else {
        return Vec::new();
    };
    let fte_row = |name, get: fn(&Outcome) -> f64| {
        (
            name,
            outcomes
                .iter()
                .map(|o| crate::format::fte(get(o)))
                .collect(),
            outcomes
                .iter()
                .map(|o| crate::format::fte_change(get(o) - get(first)))
                .collect(),
        )
    };
    let money_row = |name, get: fn(&Outcome) -> Money| {
        (
            name,
            outcomes.iter().map(|o| get(o).full()).collect(),
            outcomes
                .iter()
                .map(|o| {
                    let d = get(o) - get(first);
                    format!("{}{}", if d.pence() >= 0 { "+" } else { "" }, d.full())
                })
                .collect(),
        )
    };
    vec![
        fte_row("Target FTE", |o| o.totals.target_fte),
        fte_row("FTE reached", |o| o.totals.fte_reached()),
        fte_row("Voluntary redundancy FTE", |o| o.totals.flows.voluntary),
        fte_row("Compulsory redundancy FTE", |o| o.totals.flows.compulsory),
        money_row("Recurring saving a year", |o| o.totals.recurring_saving),
        money_row("One-off cost", |o| o.totals.one_off_cost),
        (
            "Payback, years",
            outcomes
                .iter()
                .map(|o| {
                    o.totals
                        .payback_years
                        .map_or_else(|| "none".to_owned(), |y| format!("{y:.2}"))
                })
                .collect(),
            outcomes
                .iter()
                .map(
                    |o| match (o.totals.payback_years, first.totals.payback_years) {
                        (Some(a), Some(b)) => format!("{:+.2}", a - b),
                        _ => String::new(),
                    },
                )
                .collect(),
        ),
        (
            "Go-live",
            outcomes.iter().map(|o| o.go_live.to_string()).collect(),
            vec![String::new(); outcomes.len()],
        ),
        (
            "Every council meets go-live",
            outcomes
                .iter()
                .map(|o| {
                    if o.councils.iter().all(|c| c.timetable.meets_go_live) {
                        "yes"
                    } else {
                        "no"
                    }
                    .to_owned()
                })
                .collect(),
            vec![String::new(); outcomes.len()],
        ),
    ]
}

/// Scenarios side by side, each figure with its difference from the first, as text.
pub fn compare_text(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let mut headers = vec!["Figure".to_owned()];
    for (i, o) in outcomes.iter().enumerate() {
        headers.push(o.scenario.clone());
        if i > 0 {
            headers.push("difference".to_owned());
        }
    }
    let rows: Vec<Vec<String>> = compare_rows(outcomes)
        .into_iter()
        .map(|(name, values, differences)| {
            let mut row = vec![name.to_owned()];
            for (i, (v, d)) in values.into_iter().zip(differences).enumerate() {
                row.push(v);
                if i > 0 {
                    row.push(d);
                }
            }
            row
        })
        .collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    if let Some(first) = outcomes.first() {
        let _ = writeln!(out, "Compared with {}:", first.scenario);
    }
    table(&mut out, &headers, &rows);
    out
}

/// Scenarios side by side as JSON: `scenarios[]`, each with its figures (money in pounds) and
/// `difference` from the first.
pub fn compare_json(outcomes: &[Outcome]) -> Value {
    let Some(first) = outcomes.first() else {
        return json!({ "scenarios": [] });
    };
    let figures = |o: &Outcome| {
        json!({
            "target_fte": fte_json(o.totals.target_fte),
            "fte_reached": fte_json(o.totals.fte_reached()),
            "vr_fte": fte_json(o.totals.flows.voluntary),
            "compulsory_fte": fte_json(o.totals.flows.compulsory),
            "recurring_saving": pounds(o.totals.recurring_saving),
            "one_off_cost": pounds(o.totals.one_off_cost),
            "payback_years": o.totals.payback_years.map(|y| (y * 100.0).round() / 100.0),
            "payback_year": o.totals.payback_year.map(|y| y.to_string()),
            "go_live": o.go_live.to_string(),
            "meets_go_live": o.councils.iter().all(|c| c.timetable.meets_go_live),
        })
    };
    json!({
        "compared_with": first.scenario,
        "scenarios": outcomes.iter().map(|o| {
            let mut v = figures(o);
            v["name"] = json!(o.scenario);
            v["difference"] = json!({
                "target_fte": fte_json(o.totals.target_fte - first.totals.target_fte),
                "fte_reached": fte_json(o.totals.fte_reached() - first.totals.fte_reached()),
                "vr_fte": fte_json(o.totals.flows.voluntary - first.totals.flows.voluntary),
                "compulsory_fte": fte_json(o.totals.flows.compulsory - first.totals.flows.compulsory),
                "recurring_saving": pounds(o.totals.recurring_saving - first.totals.recurring_saving),
                "one_off_cost": pounds(o.totals.one_off_cost - first.totals.one_off_cost),
            });
            v
        }).collect::<Vec<_>>(),
    })
}
