//! The anonymised report: the tables and charts' figures of an anonymised release, protected as
//! the papers are (docs/disclosure.md), as JSON for tools or as text.

use serde_json::{Value, json};

use crate::figures::tables::{Cell, Papers, SUPPRESSED, Table, WITHHELD};

/// A cell as JSON: money in pounds to the penny, FTE and years as numbers, a share as a
/// fraction, a day as `YYYY-MM-DD`; a hidden figure as `{"hidden": "fewer than 5"}` or
/// `{"hidden": "not shown"}`, so that a tool can tell it from a zero.
fn cell_json(cell: &Cell) -> Value {
    match cell {
        Cell::Text(s) => json!(s),
        Cell::Money(m) => json!(m.as_pounds()),
        Cell::Fte(x) => json!((x * 10.0).round() / 10.0),
        Cell::Count(n) => json!(n),
        Cell::Percent(x) => json!((x * 10_000.0).round() / 10_000.0),
        Cell::Years(x) => json!((x * 100.0).round() / 100.0),
        Cell::Date(d) => json!(d.to_string()),
        Cell::Flag(b) => json!(b),
        Cell::Suppressed => json!({ "hidden": SUPPRESSED }),
        Cell::Withheld => json!({ "hidden": WITHHELD }),
        Cell::Empty => Value::Null,
    }
}

fn table_json(t: &Table) -> Value {
    let rows = |rows: &[Vec<Cell>]| -> Vec<Value> {
        rows.iter()
            .map(|r| Value::Array(r.iter().map(cell_json).collect()))
            .collect()
    };
    json!({
        "key": t.key,
        "title": t.title,
        "headings": t.headings,
        "rows": rows(&t.rows),
        "total": t.total.as_ref().map(|r| rows(std::slice::from_ref(r)).remove(0)),
        "notes": t.notes,
    })
}

/// The release as JSON: the plan and scenario, what the protection hid and why, every table and
/// every chart's figures (each chart's headline its first note).
pub fn anonymised_json(plan: &str, scenario: &str, papers: &Papers) -> Value {
    json!({
        "plan": plan,
        "scenario": scenario,
        "anonymised": true,
        "protection": crate::figures::tables::protection_note(&papers.tables),
        "tables": papers.tables.iter().map(table_json).collect::<Vec<_>>(),
        "charts": papers
            .charts
            .iter()
            .map(|(chart, t)| {
                let mut v = table_json(t);
                v["drawn"] = json!(papers.may_draw(*chart));
                v
            })
            .collect::<Vec<_>>(),
    })
}

/// The release as text: each table under its title, tab-separated as a spreadsheet pastes it,
/// its notes after it; the protection's note first.
pub fn anonymised_text(papers: &Papers) -> String {
    let mut out = String::new();
    if let Some(note) = crate::figures::tables::protection_note(&papers.tables) {
        out.push_str(note);
        out.push_str("\n\n");
    }
    for t in &papers.tables {
        out.push_str(&t.title);
        out.push('\n');
        out.push_str(&t.to_tsv());
        for note in &t.notes {
            out.push_str(note);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
