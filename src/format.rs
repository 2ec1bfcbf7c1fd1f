//! Counts in words, shared by the app, the command line and the file messages.

pub use crate::model::group_thousands as thousands;

/// "1 problem", "3 problems", "50,000 posts".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n as u64))
    }
}

/// FTE as people read it: one decimal place, thousands grouped ("46,992.0" reads at a glance on
/// a projector), and never "-0.0" (a sum of shares that cancel).
pub fn fte(value: f64) -> String {
    let v = if value.abs() < 0.05 { 0.0 } else { value };
    let text = format!("{:.1}", v.abs());
    let (whole, tenths) = text.split_once('.').unwrap_or((&text, "0"));
    let whole = whole
        .parse::<u64>()
        .map_or_else(|_| whole.to_owned(), thousands);
    format!("{}{whole}.{tenths}", if v < 0.0 { "-" } else { "" })
}

/// A change of FTE as [`fte`] writes it, a rise with its "+" ("+1.5", "-2.0", "0.0").
pub fn fte_change(value: f64) -> String {
    let text = fte(value);
    if value >= 0.05 {
        format!("+{text}")
    } else {
        text
    }
}

/// "Finance", "Finance and HR", "Finance, HR and IT".
pub fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A payback in years to one decimal place, or "never" (a payback that never comes is infinite).
pub fn years_or_never(years: f64) -> String {
    if years.is_finite() {
        format!("{years:.1} years")
    } else {
        "never".to_owned()
    }
}

/// A wave's proposed redundancies as the timetable shows them: its own number, and beside it the
/// number that decides the consultation owed where that differs ("12 (20 within 90 days)": the
/// council's later wave dismisses 8 more within 90 days of these).
pub fn proposed(own: u32, counted: u32) -> String {
    if counted == own {
        own.to_string()
    } else {
        format!("{own} ({counted} within 90 days)")
    }
}

/// A stable key from a name: lower-case letters and digits joined by single hyphens
/// ("Head of HR" → "head-of-hr"); "x" for a name with none.
pub fn slug(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-');
    if s.is_empty() {
        "x".to_owned()
    } else {
        s.to_owned()
    }
}

/// A post's status as the establishment table shows it: "Filled", "Filled, unnamed" (held by
/// people the plan does not name), "Group, unnamed" (a row of several posts), or "Vacant".
pub fn post_status(post: &crate::model::Post) -> &'static str {
    match (
        post.is_filled(),
        post.holder.is_some(),
        post.group.is_some(),
    ) {
        (false, _, true) => "Vacant group",
        (false, _, false) => "Vacant",
        (true, true, _) => "Filled",
        (true, false, true) => "Group, unnamed",
        (true, false, false) => "Filled, unnamed",
    }
}
