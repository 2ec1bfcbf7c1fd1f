//! A goal seek's proposal, or why the goal cannot be met, as text and JSON.

use super::to_text::table;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// A goal seek's proposal's headline figures in a sentence.
pub fn seek_headline(p: &crate::engine::seek::Proposal) -> String {
    format!(
        "Saving {} a year; one-off cost {}; payback {}; compulsory redundancy {} FTE; voluntary {} FTE",
        p.saving.whole(),
        p.one_off.whole(),
        crate::format::years_or_never(p.payback_years.unwrap_or(f64::INFINITY)),
        crate::format::fte(p.compulsory_fte),
        crate::format::fte(p.voluntary_fte)
    )
}

/// A goal seek's proposal as text: its headline figures, then each role's target from and to.
pub fn seek_text(p: &crate::engine::seek::Proposal) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Scenario {}: {}",
        p.scenario.name, p.scenario.description
    );
    let _ = writeln!(s, "  {}", seek_headline(p));
    let rows: Vec<Vec<String>> = p
        .changes
        .iter()
        .map(|c| {
            vec![
                c.function.clone(),
                c.title.clone(),
                crate::format::fte(c.today),
                crate::format::fte(c.from),
                crate::format::fte(c.to),
            ]
        })
        .collect();
    let _ = writeln!(s, "\nTargets changed ({})", rows.len());
    table(
        &mut s,
        &["Function", "Role", "Today", "Target was", "Target proposed"],
        &rows,
    );
    s
}

/// A goal seek's proposal as JSON.
pub fn seek_json(p: &crate::engine::seek::Proposal) -> Value {
    json!({
        "scenario": p.scenario.name,
        "description": p.scenario.description,
        "recurring_saving": p.saving.as_pounds(),
        "one_off_cost": p.one_off.as_pounds(),
        "payback_years": p.payback_years,
        "compulsory_fte": p.compulsory_fte,
        "voluntary_fte": p.voluntary_fte,
        "changes": p.changes.iter().map(|c| json!({
            "role": c.title,
            "function": c.function,
            "today_fte": c.today,
            "from_fte": c.from,
            "to_fte": c.to,
        })).collect::<Vec<_>>(),
    })
}

/// Why a goal cannot be met, in a sentence: how far short, and what holds it back.
pub fn shortfall_words(
    goal: &crate::engine::seek::Goal,
    short: &crate::engine::seek::Shortfall,
) -> String {
    format!(
        "saving {} a year cannot be met: the most is {}, {} short. Held back by {}",
        goal.saving.whole(),
        short.most.whole(),
        short.short_by.whole(),
        short.binding.join("; ")
    )
}
