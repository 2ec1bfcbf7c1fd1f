//! Guesses from the words HR systems use: a function from a department's name, a role from a job title, FTE from hours.

use crate::import::headings::{Mapping, normalise};
use crate::import::source::Cell;
use crate::import::values::FteUnit;
use crate::model::Plan;

/// Function names a value is read as, by the words in it (checked in this order).
pub(super) const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "legal",
        &[
            "legal",
            "law",
            "democratic",
            "democracy",
            "governance",
            "monitoring officer",
            "electoral",
            "elections",
            "solicitor",
            "committee services",
        ],
    ),
    (
        "hr",
        &[
            "hr",
            "human resources",
            "people",
            "personnel",
            "workforce",
            "organisational development",
            "od",
            "payroll",
            "talent",
            "learning and development",
            "recruitment",
        ],
    ),
    (
        "it",
        &[
            "it",
            "ict",
            "digital",
            "information technology",
            "technology",
            "information services",
            "is",
            "systems",
            "cyber",
            "data",
        ],
    ),
    (
        "finance",
        &[
            "finance",
            "financial",
            "revenues",
            "revenue",
            "exchequer",
            "accountancy",
            "accounts",
            "treasury",
            "audit",
            "procurement",
            "benefits",
            "payments",
            "income",
            "s151",
        ],
    ),
    (
        "other",
        &[
            "support",
            "business support",
            "customer",
            "customers",
            "admin",
            "administration",
            "facilities",
            "communications",
            "corporate",
            "other",
            "policy",
            "performance",
        ],
    ),
];

pub(super) fn standard_name(id: &str) -> &'static str {
    match id {
        "finance" => "Finance",
        "hr" => "HR",
        "it" => "IT",
        "legal" => "Legal",
        _ => "Other support",
    }
}

/// The plan's function a value of the function column most likely is, and why.
pub fn guess_function(value: &str, plan: &Plan) -> (String, String) {
    let v = value.trim();
    if let Some(f) = plan
        .functions
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(v) || f.id.eq_ignore_ascii_case(v))
    {
        return (
            f.name.clone(),
            "the plan's function of that name".to_owned(),
        );
    }
    let n = normalise(&v.replace('&', " and "));
    let padded = format!(" {n} ");
    for (id, words) in FUNCTION_WORDS {
        if words.iter().any(|w| padded.contains(&format!(" {w} "))) {
            let name = plan
                .function(id)
                .map_or_else(|| standard_name(id).to_owned(), |f| f.name.clone());
            return (name.clone(), format!("'{v}' reads as {name}"));
        }
    }
    (v.to_owned(), "a new function".to_owned())
}

/// A job title reduced to what names the job: case, punctuation and common abbreviations
/// ("Snr", "Asst", "Mgr", "&") do not split a role.
pub fn title_key(title: &str) -> String {
    let joined = title.replace(['-', '\''], "").replace('&', " and ");
    normalise(&joined)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "snr" | "sr" | "sen" => "senior",
            "jnr" | "jr" => "junior",
            "asst" | "assnt" | "ass" => "assistant",
            "mgr" | "mngr" | "man" => "manager",
            "dep" | "dpty" => "deputy",
            "hd" => "head",
            "dept" => "department",
            "admin" => "administrator",
            "offr" => "officer",
            "coord" => "coordinator",
            "tech" => "technician",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Short name of a council: "Borough of Poole" → "Poole".
pub fn short_name(name: &str) -> String {
    let mut s = name.trim();
    for prefix in [
        "London Borough of ",
        "Royal Borough of ",
        "Borough of ",
        "City of ",
    ] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    for suffix in [
        " Metropolitan Borough Council",
        " Borough Council",
        " District Council",
        " County Council",
        " City Council",
        " Council",
    ] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    if s.is_empty() {
        name.trim().to_owned()
    } else {
        s.to_owned()
    }
}

/// The FTE column's unit: as chosen, else from its heading, else from its values.
pub(super) fn fte_unit(mapping: &Mapping, heading: &str, cells: &[&Cell]) -> (FteUnit, String) {
    if let Some(unit) = mapping.fte_unit {
        return (unit, "chosen".to_owned());
    }
    let n = normalise(heading);
    if n.contains("hour") {
        return (FteUnit::Hours, format!("heading '{heading}'"));
    }
    if n.contains('%') || n.contains("percent") {
        return (FteUnit::Percent, format!("heading '{heading}'"));
    }
    let numbers: Vec<f64> = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Number(n) => Some(*n),
            Cell::Text(t) => t.trim().parse().ok(),
            _ => None,
        })
        .filter(|n: &f64| n.is_finite())
        .collect();
    let max = numbers.iter().copied().fold(0.0, f64::max);
    // Hours typed into an FTE column: nothing over a long week, and most a real number of
    // hours (a column of 2s is a mistake to list, not two hours a week).
    let hours_like = numbers.iter().filter(|n| **n >= 5.0).count();
    if max > 1.0 && max <= 60.0 && hours_like * 2 >= numbers.len() {
        return (
            FteUnit::Hours,
            "its values look like weekly hours".to_owned(),
        );
    }
    if max > 60.0 && max <= 100.0 {
        return (
            FteUnit::Percent,
            "its values look like percentages".to_owned(),
        );
    }
    (FteUnit::Fraction, format!("heading '{heading}'"))
}
