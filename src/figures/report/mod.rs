//! Reports of an outcome: text for people (tables by function and council, money by financial
//! year, flags) and JSON for tools (money in pounds to the penny, FTE as numbers).

mod anonymised;
mod compare;
mod risk;
mod seek;
mod to_json;
mod to_text;

pub use self::anonymised::{anonymised_json, anonymised_text};
pub use self::compare::{compare_json, compare_text};
pub use self::risk::{risk_json, risk_text};
pub use self::seek::{seek_headline, seek_json, seek_text, shortfall_words};
pub use self::to_json::{equality_json, json, json_report, json_report_with};
pub use self::to_text::text;

use crate::figures::words::selection_words;

/// The headings of [`equality_cells`], one a cell.
pub const EQUALITY_HEADINGS: [&str; 8] = [
    "Group",
    "Workforce",
    "Share of workforce",
    "At risk",
    "Expected to leave",
    "Share of leavers",
    "Rate",
    "Finding",
];

/// A row of an equality table as text: group, workforce (and its share), at risk, leaving (and
/// its share), rate and finding.
pub fn equality_cells(r: &crate::engine::equality::Shown) -> [String; 8] {
    let count = |x: Option<f64>| x.map_or_else(|| "fewer than 5".to_owned(), crate::format::fte);
    let share = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |x| format!("{:.1}%", x * 100.0));
    [
        r.group.clone(),
        count(r.workforce),
        share(r.shares[0]),
        count(r.at_risk),
        count(r.leaving),
        share(r.shares[2]),
        r.rate
            .map_or_else(|| "—".to_owned(), |x| format!("{:.1}%", x * 100.0)),
        if r.everyone {
            String::new()
        } else {
            selection_words(r.selection).to_owned()
        },
    ]
}

/// A number of people as the equality tables show it: "fewer than 5" for a group of 1 to 4
/// (or when `hidden`), else to one decimal place (expected shares make fractions).
pub fn shown_people(x: f64, hidden: bool) -> String {
    if hidden || (x > 0.0 && x < crate::engine::equality::SUPPRESS_BELOW) {
        "fewer than 5".to_owned()
    } else {
        crate::format::fte(x)
    }
}
