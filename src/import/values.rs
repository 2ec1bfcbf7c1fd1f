//! Reading the values HR and payroll systems write: yes and no in their many forms, FTE as a
//! fraction, hours or a percentage, money with or without £ and commas, and dates in the forms
//! UK systems and spreadsheets use. Each reader returns what to write instead when it fails.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::source::{Cell, serial_date};
use crate::model::{Money, parse_money};

/// Whether a date's first two numbers are day then month or month then day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateOrder {
    /// 14/03/1966 (the UK's order).
    DayFirst,
    /// 03/14/1966 (the US order).
    MonthFirst,
}

impl DateOrder {
    /// Its name as offered to the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::DayFirst => "Day first (14/03/1966)",
            Self::MonthFirst => "Month first (03/14/1966)",
        }
    }
}

/// How a column gives a post's FTE.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FteUnit {
    /// A fraction of full time: 1, 0.5.
    #[default]
    Fraction,
    /// Weekly hours, divided by the council's full-time hours.
    Hours,
    /// A percentage of full time: 100, 50%.
    Percent,
}

impl FteUnit {
    /// Every unit, in the order offered.
    pub const ALL: [Self; 3] = [Self::Fraction, Self::Hours, Self::Percent];

    /// Its name as offered to the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Fraction => "FTE (1 = full time)",
            Self::Hours => "Weekly hours",
            Self::Percent => "Percent of full time",
        }
    }
}

/// Why a value could not be read: what was wrong and what to write instead.
pub type Refusal = String;

/// The text of a cell, trimmed ("" for an empty cell).
pub fn text(cell: &Cell) -> String {
    cell.display()
}

/// Yes, no or neither, for the common spellings (Y/N, Yes/No, True/False, 1/0, X, ticks).
pub fn yes_no(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Number(n) if (*n - 1.0).abs() < f64::EPSILON => Some(true),
        Cell::Number(n) if n.abs() < f64::EPSILON => Some(false),
        _ => match words(&cell.display()).as_str() {
            "yes" | "y" | "true" | "t" | "1" | "x" | "✓" | "✔" => Some(true),
            "no" | "n" | "false" | "f" | "0" | "-" => Some(false),
            _ => None,
        },
    }
}

/// An equality monitoring category as the HR system writes it ("Female", "White British",
/// "Prefer not to say"): spaces tidied; blank is not recorded. Longer than a category could be
/// is refused, as a sign the wrong column was chosen.
pub fn monitoring(cell: &Cell) -> Result<Option<String>, Refusal> {
    let text = cell
        .display()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > 60 {
        return Err(format!(
            "is {} characters long, more than a monitoring category; check the column chosen",
            text.chars().count()
        ));
    }
    Ok(Some(text))
}

/// Sex as monitoring records it: the codes F and M read as "Female" and "Male", so one file's
/// codes and another's words make one group; anything else as written.
pub fn sex(cell: &Cell) -> Result<Option<String>, Refusal> {
    Ok(monitoring(cell)?.map(|v| match v.to_lowercase().as_str() {
        "f" => "Female".to_owned(),
        "m" => "Male".to_owned(),
        _ => v,
    }))
}

/// Disability as monitoring records it: yes and no in any of their spellings read as "Yes" and
/// "No", anything else ("Prefer not to say") as written.
pub fn disability(cell: &Cell) -> Result<Option<String>, Refusal> {
    if !cell.is_empty()
        && let Some(b) = yes_no(cell)
    {
        return Ok(Some(if b { "Yes" } else { "No" }.to_owned()));
    }
    monitoring(cell)
}

/// Lower-case words joined by single spaces, without punctuation around them.
fn words(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '_' || c == '-' && text.len() > 1)
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a post is vacant, from a status, vacant or filled column. `yes_means_vacant` says
/// what a bare yes or no means (a "Vacant?" column against a "Filled" one).
pub fn vacant(cell: &Cell, yes_means_vacant: bool) -> Result<bool, Refusal> {
    let w = words(&cell.display());
    match w.as_str() {
        "vacant" | "vacancy" | "unfilled" | "empty" | "not filled" | "unoccupied" => {
            return Ok(true);
        }
        "filled" | "occupied" | "substantive" | "active" | "in post" | "temporary"
        | "fixed term" | "permanent" => return Ok(false),
        _ => {}
    }
    if let Some(b) = yes_no(cell) {
        return Ok(b == yes_means_vacant);
    }
    Err(format!(
        "'{}' is not filled or vacant; write Filled or Vacant (or yes/no)",
        cell.display()
    ))
}

/// Whether the postholder is in the LGPS: LGPS/Member/Yes against Opted out/None/Non-member/No.
/// Blank means a member, as most local-government staff are.
pub fn lgps(cell: &Cell) -> Result<bool, Refusal> {
    if cell.is_empty() {
        return Ok(true);
    }
    let w = words(&cell.display());
    let no = [
        "opted out",
        "opt out",
        "none",
        "non member",
        "nonmember",
        "not a member",
        "not in scheme",
        "no scheme",
        "n/a",
        "na",
        "ceased",
    ];
    if no
        .iter()
        .any(|n| w == *n || w.starts_with(&format!("{n} ")))
        || w.contains("opted out")
    {
        return Ok(false);
    }
    let yes = [
        "lgps",
        "member",
        "in scheme",
        "opted in",
        "active",
        "main section",
        "50 50",
        "50/50",
    ];
    if yes
        .iter()
        .any(|y| w == *y || w.starts_with(y) || w.contains("lgps"))
    {
        return Ok(true);
    }
    yes_no(cell).ok_or_else(|| {
        format!(
            "'{}' does not say whether the postholder is in the LGPS; write LGPS or Opted out (or yes/no)",
            cell.display()
        )
    })
}

/// A yes/no flag with a default for blanks.
pub fn flag(cell: &Cell, default: bool) -> Result<bool, Refusal> {
    if cell.is_empty() {
        return Ok(default);
    }
    yes_no(cell).ok_or_else(|| format!("'{}' is not yes or no; write Yes or No", cell.display()))
}

/// An FTE from a fraction, weekly hours or a percentage. A value with a % sign is a percentage
/// whatever the column's unit.
pub fn fte(cell: &Cell, unit: FteUnit, full_time_hours: f64) -> Result<f64, Refusal> {
    let raw = cell.display();
    let (number, unit) = if let Cell::Number(n) = cell {
        (Some(*n), unit)
    } else {
        {
            let t = raw.trim();
            if let Some(p) = t.strip_suffix('%') {
                (p.trim().parse::<f64>().ok(), FteUnit::Percent)
            } else {
                let lower = t.to_ascii_lowercase();
                let bare = ["hours", "hour", "hrs", "hr", "h"]
                    .iter()
                    .find_map(|s| lower.strip_suffix(s))
                    .map_or(lower.as_str(), str::trim);
                let is_hours = bare.len() != lower.len();
                (
                    bare.parse::<f64>().ok(),
                    if is_hours { FteUnit::Hours } else { unit },
                )
            }
        }
    };
    let Some(n) = number.filter(|n| n.is_finite()) else {
        return Err(format!(
            "'{raw}' is not a number; write the FTE (1 for full time), the weekly hours or a percentage"
        ));
    };
    let value = match unit {
        FteUnit::Fraction => n,
        FteUnit::Hours => n / full_time_hours,
        FteUnit::Percent => n / 100.0,
    };
    if value > 0.0 && value <= 1.0 + 1e-9 {
        return Ok(value.min(1.0));
    }
    Err(match unit {
        FteUnit::Fraction if n > 1.0 && n <= 60.0 => format!(
            "{raw} is more than full time; if this column holds weekly hours, set its unit to Weekly hours"
        ),
        FteUnit::Fraction if n > 60.0 && n <= 100.0 => format!(
            "{raw} is more than full time; if this column holds percentages, set its unit to Percent"
        ),
        FteUnit::Hours => format!(
            "{raw} hours is not more than 0 and at most the full-time {full_time_hours} hours; check the hours or the full-time hours"
        ),
        _ => format!(
            "{raw} is not more than 0 and at most full time; write 1 for full time, 0.5 for half"
        ),
    })
}

/// The FTE of a row that may count several posts: a number more than 0, at most 100,000.
pub fn posts_fte(cell: &Cell) -> Result<f64, Refusal> {
    let raw = cell.display();
    let n = match cell {
        Cell::Number(n) => Some(*n),
        // A comma is refused, not dropped: "4,5" may be four and a half, never forty-five.
        _ => raw.trim().parse::<f64>().ok(),
    };
    match n {
        Some(n) if n.is_finite() && n > 0.0 && n <= 100_000.0 => Ok(n),
        _ => Err(format!(
            "'{raw}' is not an FTE of posts; write the posts' FTE, more than 0 (4.5 for four full-time posts and a half)"
        )),
    }
}

/// A row's headcount: blank for none, else a number of people more than 0.
pub fn headcount(cell: &Cell) -> Result<Option<f64>, Refusal> {
    if cell.is_empty() {
        return Ok(None);
    }
    let raw = cell.display();
    let n = match cell {
        Cell::Number(n) => Some(*n),
        // A comma is refused, not dropped: "4,5" may be four and a half, never forty-five.
        _ => raw.trim().parse::<f64>().ok(),
    };
    match n {
        Some(n) if n.is_finite() && n > 0.0 && n <= 100_000.0 => Ok(Some(n)),
        _ => Err(format!(
            "'{raw}' is not a number of people; write how many people the row counts, or leave it blank"
        )),
    }
}

/// Money that may be left blank (a pay range's end).
pub fn optional_money(cell: &Cell) -> Result<Option<Money>, Refusal> {
    if cell.is_empty() {
        return Ok(None);
    }
    let m = money(cell)?;
    if m.pence() > 0 {
        Ok(Some(m))
    } else {
        Err(format!(
            "{m} must be more than zero; enter the full-time annual pay"
        ))
    }
}

/// What a published return's name column says of the post: "Vacant" (or "Vacancy") marks a
/// vacancy, "Eliminated" a post that no longer exists; a name, "N/A" or "N/D" (not disclosed)
/// says nothing (the post is filled).
pub fn name_says(cell: &Cell) -> Option<NameSays> {
    match words(&cell.display()).as_str() {
        "vacant" | "vacancy" | "vacant post" => Some(NameSays::Vacant),
        "eliminated" | "post eliminated" => Some(NameSays::Eliminated),
        _ => None,
    }
}

/// What a name column can say of a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameSays {
    /// The post is vacant.
    Vacant,
    /// The post no longer exists.
    Eliminated,
}

/// Money as 32500, £32,500.00, 32,500.5 or a spreadsheet number; "p.a." and "pa" are allowed.
pub fn money(cell: &Cell) -> Result<Money, Refusal> {
    let parsed = match cell {
        Cell::Number(n) if n.is_finite() && n.abs() < 1e13 => {
            Some(Money((n * 100.0).round() as i64))
        }
        _ => {
            let t = cell.display();
            let lower = t.to_ascii_lowercase();
            let bare = ["p.a.", "p.a", "pa", "per annum"]
                .iter()
                .find_map(|s| lower.strip_suffix(s))
                .unwrap_or(&lower);
            parse_money(bare)
        }
    };
    parsed.ok_or_else(|| {
        format!(
            "'{}' is not an amount of money; write it like 32500 or £32,500.00",
            cell.display()
        )
    })
}

/// Contractual notice in weeks: "12", "12 weeks", "3 months" (a month is 52 ÷ 12 weeks, rounded
/// up to a whole week).
pub fn notice_weeks(cell: &Cell) -> Result<u32, Refusal> {
    if cell.is_empty() {
        return Ok(0);
    }
    // The words below drop a leading minus with the punctuation: look for it first.
    let raw = cell.display();
    if raw.trim_start().starts_with(['-', '\u{2212}']) {
        return Err(format!(
            "'{}' is a negative notice period; write the contract's notice in weeks (12) or months (3 months)",
            raw.trim()
        ));
    }
    let t = words(&raw);
    let (n, months) = if let Some(m) = ["months", "month", "mths", "mth", "m"]
        .iter()
        .find_map(|s| t.strip_suffix(s))
    {
        (m.trim().parse::<f64>().ok(), true)
    } else {
        let w = ["weeks", "week", "wks", "wk", "w"]
            .iter()
            .find_map(|s| t.strip_suffix(s))
            .unwrap_or(&t);
        (w.trim().parse::<f64>().ok(), false)
    };
    let weeks = n.filter(|n| n.is_finite() && *n >= 0.0).map(|n| {
        if months {
            (n * 52.0 / 12.0).ceil()
        } else {
            n.round()
        }
    });
    match weeks {
        Some(w) if w <= 52.0 => Ok(w as u32),
        _ => Err(format!(
            "'{}' is not a notice period; write weeks (12) or months (3 months), at most a year",
            cell.display()
        )),
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_name(word: &str) -> Option<i8> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let w = if w == "sept" { "sep" } else { w };
    MONTHS
        .iter()
        .position(|m| w.starts_with(m) && "january february march april may june july august september october november december".split(' ').any(|full| full.starts_with(w)))
        .map(|i| i as i8 + 1)
}

/// A year as written: four digits, or two digits by `pivot` (below it, 2000s; otherwise 1900s).
fn year(text: &str, pivot: u8) -> Option<i16> {
    let y: i16 = text.parse().ok()?;
    match text.len() {
        4 if (1800..=9999).contains(&y) => Some(y),
        2 => Some(if y < i16::from(pivot) {
            2000 + y
        } else {
            1900 + y
        }),
        _ => None,
    }
}

/// How a date cell reads: a date for sure, or two numbers that could be either way round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateReading {
    /// The date is certain (written with a month name, year first, a serial number, or a day
    /// over 12).
    Certain(Date),
    /// Numbers `a/b/year`; which is the day depends on the order.
    Numeric {
        /// The first number as written (day or month, the order unknown).
        a: i8,
        /// The second number as written.
        b: i8,
        /// The year, four digits.
        year: i16,
    },
}

impl DateReading {
    /// The date in `order`, if it is one.
    pub fn date(self, order: DateOrder) -> Option<Date> {
        match self {
            Self::Certain(d) => Some(d),
            Self::Numeric { a, b, year } => {
                let (d, m) = match order {
                    DateOrder::DayFirst => (a, b),
                    DateOrder::MonthFirst => (b, a),
                };
                Date::new(year, m, d).ok()
            }
        }
    }

    /// The orders this reading is valid in.
    pub fn fits(self, order: DateOrder) -> bool {
        self.date(order).is_some()
    }
}

/// Reads a date cell: DD/MM/YYYY, D/M/YY, YYYY-MM-DD, 14-Mar-1966, 14 March 1966, March 14 1966,
/// a spreadsheet date or serial number, with or without a time after it.
pub fn read_date(cell: &Cell, pivot: u8) -> Option<DateReading> {
    match cell {
        Cell::Date(serial) | Cell::Number(serial) => {
            return serial_date(*serial).map(DateReading::Certain);
        }
        Cell::Empty | Cell::Bool(_) => return None,
        Cell::Text(_) => {}
    }
    let raw = cell.display();
    let t = date_text(&raw);
    if let Ok(n) = t.parse::<f64>() {
        return serial_date(n).map(DateReading::Certain);
    }
    let parts = date_parts(t);
    let [p1, p2, p3] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| s.parse::<i8>().ok().filter(|_| s.len() <= 2);
    // Year first: 1966-03-14.
    if p1.len() == 4 && p1.bytes().all(|b| b.is_ascii_digit()) {
        let y = year(p1, pivot)?;
        return Date::new(y, num(p2)?, num(p3)?)
            .ok()
            .map(DateReading::Certain);
    }
    // A month name: 14-Mar-1966, 14 March 1966, March 14, 1966.
    if let Some(m) = month_name(p2) {
        let d = num(p1.trim_end_matches(|c: char| c.is_alphabetic()))?;
        return Date::new(year(p3, pivot)?, m, d)
            .ok()
            .map(DateReading::Certain);
    }
    if let Some(m) = month_name(p1) {
        let d = num(p2.trim_end_matches(|c: char| c.is_alphabetic()))?;
        return Date::new(year(p3, pivot)?, m, d)
            .ok()
            .map(DateReading::Certain);
    }
    let (a, b, y) = (num(p1)?, num(p2)?, year(p3, pivot)?);
    let reading = DateReading::Numeric { a, b, year: y };
    match (
        reading.fits(DateOrder::DayFirst),
        reading.fits(DateOrder::MonthFirst),
    ) {
        (true, false) => reading.date(DateOrder::DayFirst).map(DateReading::Certain),
        (false, true) => reading
            .date(DateOrder::MonthFirst)
            .map(DateReading::Certain),
        (true, true) if a == b => reading.date(DateOrder::DayFirst).map(DateReading::Certain),
        (true, true) => Some(reading),
        (false, false) => None,
    }
}

/// What a column's dates say about their order: `Some(order)` when some value settles it,
/// `None` when every value could be read either way (the user is asked), and an error when
/// values settle it both ways.
pub fn column_order<'a>(
    cells: impl Iterator<Item = &'a Cell>,
) -> Result<Option<DateOrder>, (DateOrder, DateOrder)> {
    let (mut day_first, mut month_first, mut numeric) = (false, false, false);
    for cell in cells {
        if let Cell::Text(_) = cell {
            let raw = cell.display();
            let t = raw.split([' ', 'T']).next().unwrap_or_default();
            let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
            if let [a, b, _] = parts.as_slice()
                && a.len() <= 2
                && let (Ok(a), Ok(b)) = (a.parse::<u8>(), b.parse::<u8>())
            {
                numeric = true;
                if a > 12 && b <= 12 {
                    day_first = true;
                }
                if b > 12 && a <= 12 {
                    month_first = true;
                }
            }
        }
    }
    match (day_first, month_first) {
        (true, true) => Err((DateOrder::DayFirst, DateOrder::MonthFirst)),
        (false, true) => Ok(Some(DateOrder::MonthFirst)),
        (false, false) if numeric => Ok(None),
        // Settled day-first by a value, or no numeric date at all (nothing to settle).
        (true | false, false) => Ok(Some(DateOrder::DayFirst)),
    }
}

/// A date cell's text without a time after it (" 00:00:00", "T00:00").
fn date_text(raw: &str) -> &str {
    raw.split(['T', ' '])
        .next()
        .filter(|first| first.contains(['/', '-', '.']) && !first.chars().any(char::is_alphabetic))
        .map_or(raw, |first| first)
        .trim()
}

/// A date's parts as written: "14/03/1966" is 14, 03 and 1966.
fn date_parts(text: &str) -> Vec<&str> {
    text.split(['/', '-', '.', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect()
}

/// A date for a column whose order is known, or what to write instead: a date written in a
/// date's shape that does not exist says which ("there is no 31 February 1966").
pub fn date(cell: &Cell, order: DateOrder, pivot: u8) -> Result<Date, Refusal> {
    read_date(cell, pivot)
        .and_then(|r| r.date(order))
        .ok_or_else(|| {
            let raw = cell.display();
            match no_such_date(&raw, order, pivot) {
                Some(why) => format!("'{raw}': {why}; check the day and the month"),
                None => format!(
                    "'{raw}' is not a date; write it as DD/MM/YYYY (14/03/1966), YYYY-MM-DD or 14-Mar-1966"
                ),
            }
        })
}

/// Why a date written as one (three numbers, or a month's name) is not one, read in `order`:
/// "there is no 31 February 1966", "there is no month 13". None when the text is not a date's
/// shape at all.
fn no_such_date(raw: &str, order: DateOrder, pivot: u8) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts = date_parts(date_text(raw));
    let [p1, p2, p3] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| {
        s.trim_end_matches(|c: char| c.is_alphabetic())
            .parse::<i8>()
            .ok()
    };
    let (y, m, d) = if p1.len() == 4 && p1.bytes().all(|b| b.is_ascii_digit()) {
        (year(p1, pivot)?, num(p2)?, num(p3)?)
    } else if let Some(m) = month_name(p2) {
        (year(p3, pivot)?, m, num(p1)?)
    } else if let Some(m) = month_name(p1) {
        (year(p3, pivot)?, m, num(p2)?)
    } else {
        let (a, b) = (num(p1)?, num(p2)?);
        let (d, m) = match order {
            DateOrder::DayFirst => (a, b),
            DateOrder::MonthFirst => (b, a),
        };
        (year(p3, pivot)?, m, d)
    };
    if !(1..=12).contains(&m) {
        return Some(format!("there is no month {m}"));
    }
    let month = MONTHS[(m - 1) as usize];
    (Date::new(y, m, d).is_err()).then(|| format!("there is no {d} {month} {y}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_posts_or_people_never_loses_its_comma() {
        let t = |s: &str| Cell::Text(s.to_owned());
        assert_eq!(posts_fte(&t("4.5")), Ok(4.5));
        assert!(posts_fte(&t("4,5")).is_err(), "not 45");
        assert!(headcount(&t("1,200")).is_err());
        assert_eq!(headcount(&t("")), Ok(None));
        assert_eq!(headcount(&Cell::Number(6.0)), Ok(Some(6.0)));
    }

    #[test]
    fn a_date_that_does_not_exist_says_so() {
        let t = |s: &str| Cell::Text(s.to_owned());
        let err = date(&t("31/02/1966"), DateOrder::DayFirst, 30).unwrap_err();
        assert!(err.contains("there is no 31 February 1966"), "{err}");
        let err = date(&t("1966-04-31"), DateOrder::DayFirst, 30).unwrap_err();
        assert!(err.contains("there is no 31 April 1966"), "{err}");
        let err = date(&t("29 Feb 2023"), DateOrder::DayFirst, 30).unwrap_err();
        assert!(err.contains("there is no 29 February 2023"), "{err}");
        let err = date(&t("02/31/1966"), DateOrder::DayFirst, 30).unwrap_err();
        assert!(err.contains("there is no month 31"), "{err}");
        let err = date(&t("soon"), DateOrder::DayFirst, 30).unwrap_err();
        assert!(err.contains("write it as DD/MM/YYYY"), "{err}");
        assert_eq!(
            date(&t("29/02/2024"), DateOrder::DayFirst, 30),
            Ok(jiff::civil::date(2024, 2, 29))
        );
    }
    use jiff::civil::date as d;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    #[test]
    fn yes_and_no_in_hr_spellings() {
        for yes in ["Yes", "Y", "TRUE", "1", " yes ", "x"] {
            assert_eq!(yes_no(&t(yes)), Some(true), "{yes}");
        }
        for no in ["No", "n", "False", "0"] {
            assert_eq!(yes_no(&t(no)), Some(false), "{no}");
        }
        assert_eq!(vacant(&t("Filled"), true), Ok(false));
        assert_eq!(vacant(&t("VACANT"), true), Ok(true));
        assert_eq!(vacant(&t("Occupied"), true), Ok(false));
        assert_eq!(vacant(&t("Y"), true), Ok(true));
        assert_eq!(vacant(&t("Y"), false), Ok(false));
        assert!(vacant(&t("perhaps"), true).is_err());
        assert_eq!(lgps(&t("LGPS")), Ok(true));
        assert_eq!(lgps(&t("Opted out")), Ok(false));
        assert_eq!(lgps(&t("None")), Ok(false));
        assert_eq!(lgps(&t("Member")), Ok(true));
        assert_eq!(lgps(&t("Non-member")), Ok(false));
        assert_eq!(lgps(&Cell::Empty), Ok(true));
    }

    #[test]
    fn fte_from_hours_percent_and_fractions() {
        let f = |s: &str, u| fte(&t(s), u, 37.0);
        assert_eq!(f("1", FteUnit::Fraction), Ok(1.0));
        assert_eq!(f("37", FteUnit::Hours), Ok(1.0));
        assert!((f("18.5", FteUnit::Hours).unwrap() - 0.5).abs() < 1e-12);
        assert_eq!(f("100%", FteUnit::Fraction), Ok(1.0));
        assert_eq!(f("60", FteUnit::Percent), Ok(0.6));
        assert!((f("22.2 hrs", FteUnit::Fraction).unwrap() - 0.6).abs() < 1e-12);
        assert!(
            f("37", FteUnit::Fraction)
                .unwrap_err()
                .contains("Weekly hours")
        );
        assert!(f("-0.5", FteUnit::Fraction).is_err());
        assert!(f("0", FteUnit::Fraction).is_err());
        assert!(f("40", FteUnit::Hours).is_err());
    }

    #[test]
    fn money_as_written() {
        assert_eq!(money(&t("£32,500.00")), Ok(Money::pounds(32_500)));
        assert_eq!(money(&t("32,500.5")), Ok(Money(3_250_050)));
        assert_eq!(money(&Cell::Number(32_500.0)), Ok(Money::pounds(32_500)));
        assert_eq!(money(&t("£30,000 p.a.")), Ok(Money::pounds(30_000)));
        assert!(money(&t("thirty")).is_err());
    }

    #[test]
    fn notice_in_weeks_or_months() {
        assert_eq!(notice_weeks(&t("12")), Ok(12));
        assert_eq!(notice_weeks(&t("4 weeks")), Ok(4));
        assert_eq!(notice_weeks(&t("3 months")), Ok(13));
        assert_eq!(notice_weeks(&t("1 month")), Ok(5));
        assert_eq!(notice_weeks(&Cell::Empty), Ok(0));
        assert!(notice_weeks(&t("forever")).is_err());
        // A minus is not lost with the punctuation: -1 is not 1.
        for negative in ["-1", "-5 weeks", "\u{2212}3 months", " -2"] {
            let err = notice_weeks(&t(negative)).unwrap_err();
            assert!(err.contains("negative notice period"), "{negative}: {err}");
        }
        assert!(notice_weeks(&Cell::Number(-1.0)).is_err());
    }

    #[test]
    fn dates_in_uk_and_spreadsheet_forms() {
        let day = |s: &str| date(&t(s), DateOrder::DayFirst, 30);
        assert_eq!(day("14/03/1966"), Ok(d(1966, 3, 14)));
        assert_eq!(day("14/03/66"), Ok(d(1966, 3, 14)));
        assert_eq!(day("4/3/05"), Ok(d(2005, 3, 4)));
        assert_eq!(day("1966-03-14"), Ok(d(1966, 3, 14)));
        assert_eq!(day("14-Mar-1966"), Ok(d(1966, 3, 14)));
        assert_eq!(day("14 March 1966"), Ok(d(1966, 3, 14)));
        assert_eq!(day("March 14, 1966"), Ok(d(1966, 3, 14)));
        assert_eq!(day("14-Mar-66"), Ok(d(1966, 3, 14)));
        assert_eq!(day("14/03/1966 00:00:00"), Ok(d(1966, 3, 14)));
        assert_eq!(day("1966-03-14T00:00:00"), Ok(d(1966, 3, 14)));
        assert_eq!(day("24180"), Ok(d(1966, 3, 14)));
        assert_eq!(
            date(&Cell::Date(24_180.5), DateOrder::DayFirst, 30),
            Ok(d(1966, 3, 14))
        );
        assert!(day("31/02/1966").is_err());
        assert!(day("someday").is_err());
        assert_eq!(
            date(&t("03/14/1966"), DateOrder::DayFirst, 30),
            Ok(d(1966, 3, 14)),
            "a month over 12 settles the order"
        );
        assert_eq!(serial_date(1.0), Some(d(1900, 1, 1)));
        assert_eq!(serial_date(61.0), Some(d(1900, 3, 1)));
    }

    #[test]
    fn a_column_that_could_go_either_way_is_asked_about() {
        let cells = [t("01/02/1970"), t("03/04/1980")];
        assert_eq!(column_order(cells.iter()), Ok(None));
        let cells = [t("01/02/1970"), t("23/04/1980")];
        assert_eq!(column_order(cells.iter()), Ok(Some(DateOrder::DayFirst)));
        let cells = [t("01/02/1970"), t("04/23/1980")];
        assert_eq!(column_order(cells.iter()), Ok(Some(DateOrder::MonthFirst)));
        let cells = [t("13/02/1970"), t("04/23/1980")];
        assert!(column_order(cells.iter()).is_err());
        let cells = [t("1970-02-01"), t("14-Mar-1966")];
        assert_eq!(column_order(cells.iter()), Ok(Some(DateOrder::DayFirst)));
    }
}
