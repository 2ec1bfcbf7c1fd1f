//! Money as integer pence, and the ways the app writes it.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

use serde::{Deserialize, Serialize};

/// An amount of money in whole pence. Every figure a finance officer signs off is one of these,
/// so sums are exact and reconcile to the penny.
///
/// ```
/// use merger_planner::model::Money;
///
/// let saving = Money::pounds(1_234_567) + Money(89);
/// assert_eq!(saving.full(), "£1,234,567.89");
/// assert_eq!(saving.compact(), "£1.2m");
/// assert_eq!(Money::pounds(-40_000).compact(), "-£40k");
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    /// Zero pounds.
    pub const ZERO: Self = Self(0);

    /// Whole pounds.
    pub const fn pounds(pounds: i64) -> Self {
        Self(pounds * 100)
    }

    /// The nearest penny to an amount in pence given as a real number (half away from zero).
    /// Non-finite input gives zero, so a bad factor can never poison a total.
    pub fn from_pence_f64(pence: f64) -> Self {
        Self(round(pence))
    }

    /// The nearest penny to an amount in pounds.
    pub fn from_pounds_f64(pounds: f64) -> Self {
        Self::from_pence_f64(pounds * 100.0)
    }

    /// Pence.
    pub const fn pence(self) -> i64 {
        self.0
    }

    /// Pounds as a real number (for charts, JSON and ratios; never for sums).
    pub fn as_pounds(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// This amount times a real factor, to the nearest penny.
    #[must_use]
    pub fn scale(self, factor: f64) -> Self {
        Self::from_pence_f64(self.0 as f64 * factor)
    }

    /// The larger of zero and this amount.
    #[must_use]
    pub fn at_least_zero(self) -> Self {
        Self(self.0.max(0))
    }

    /// Written in full, e.g. `£1,234,567.89` or `-£40.00`.
    pub fn full(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}£{}.{:02}", group_thousands(abs / 100), abs % 100)
    }

    /// Whole pounds, e.g. `£1,234,568`.
    pub fn whole(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let pounds = (self.0.unsigned_abs() + 50) / 100;
        format!("{sign}£{}", group_thousands(pounds))
    }

    /// Short, for headlines and chart labels: `£2.1bn`, `£1.2m`, `£350k`, `-£40k`, `£900`.
    pub fn compact(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let pounds = self.0.unsigned_abs() as f64 / 100.0;
        let body = if pounds >= 999_950_000.0 {
            format!("{:.1}bn", pounds / 1_000_000_000.0)
        } else if pounds >= 999_950.0 {
            format!("{:.1}m", pounds / 1_000_000.0)
        } else if pounds >= 10_000.0 {
            format!("{:.0}k", pounds / 1000.0)
        } else if pounds >= 1000.0 {
            format!("{:.1}k", pounds / 1000.0)
        } else {
            format!("{pounds:.0}")
        };
        format!("{sign}£{body}")
    }
}

/// A whole number with commas between thousands: 1234567 as "1,234,567".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full())
    }
}

impl Add for Money {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        Self(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Self;
    fn sub(self, rhs: Self) -> Self {
        Self(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Self;
    fn neg(self) -> Self {
        Self(-self.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Self) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Self) {
        self.0 -= rhs.0;
    }
}

impl Mul<i64> for Money {
    type Output = Self;
    fn mul(self, rhs: i64) -> Self {
        Self(self.0 * rhs)
    }
}

/// Sums held at the largest amount rather than overflowing: a sum past £92 quadrillion only
/// comes from a plan validation refuses (a group of a billion FTE), and must still be shown.
impl Sum for Money {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        Self(iter.fold(0i64, |a, m| a.saturating_add(m.0)))
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        Self(iter.fold(0i64, |a, m| a.saturating_add(m.0)))
    }
}

/// The nearest whole number, half away from zero, as an `i64`; 0 for a value that is not a
/// number. Inline arithmetic rather than `f64::round`, which is a library call on the default
/// x86-64 target and was a seventh of the engine's time.
#[inline]
pub fn round(x: f64) -> i64 {
    if !x.is_finite() {
        return 0;
    }
    // `as` truncates toward zero (and saturates), without the library call `trunc` makes.
    let t = x as i64;
    let frac = x - t as f64;
    if frac >= 0.5 {
        t + 1
    } else if frac <= -0.5 {
        t - 1
    } else {
        t
    }
}

/// Reads an amount of money as people write it: `35000`, `£35,000`, `35,000.50`, ` £1,234 `.
/// Returns `None` for anything else (including an empty string).
pub fn parse_money(text: &str) -> Option<Money> {
    let t = text.trim();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    let t = t.strip_prefix('£').unwrap_or(t).trim();
    if t.is_empty() {
        return None;
    }
    let mut whole = String::new();
    let mut frac = String::new();
    let mut seen_point = false;
    for c in t.chars() {
        match c {
            '0'..='9' if seen_point => frac.push(c),
            '0'..='9' => whole.push(c),
            ',' if !seen_point => {}
            '.' if !seen_point => seen_point = true,
            _ => return None,
        }
    }
    if whole.is_empty() || frac.len() > 2 || (seen_point && frac.is_empty()) {
        return None;
    }
    let pounds: i64 = whole.parse().ok()?;
    let pence: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    let total = pounds.checked_mul(100)?.checked_add(pence)?;
    Some(Money(if negative { -total } else { total }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(Money(123_456_789).full(), "£1,234,567.89");
        assert_eq!(Money(-4000).full(), "-£40.00");
        assert_eq!(Money(123_456_789).whole(), "£1,234,568");
        assert_eq!(Money::pounds(1_200_000).compact(), "£1.2m");
        assert_eq!(Money::pounds(350_000).compact(), "£350k");
        assert_eq!(Money::pounds(-40_000).compact(), "-£40k");
        assert_eq!(Money::pounds(900).compact(), "£900");
        assert_eq!(Money::pounds(1500).compact(), "£1.5k");
        assert_eq!(Money::pounds(999_999).compact(), "£1.0m");
        assert_eq!(Money::pounds(999_940_000).compact(), "£999.9m");
        assert_eq!(Money::pounds(1_971_300_000).compact(), "£2.0bn");
        assert_eq!(Money::pounds(-2_500_000_000).compact(), "-£2.5bn");
    }

    #[test]
    fn parses_money_as_people_write_it() {
        assert_eq!(parse_money("35000"), Some(Money::pounds(35_000)));
        assert_eq!(parse_money(" £35,000 "), Some(Money::pounds(35_000)));
        assert_eq!(parse_money("35,000.5"), Some(Money(3_500_050)));
        assert_eq!(parse_money("-£12.34"), Some(Money(-1234)));
        assert_eq!(parse_money(""), None);
        assert_eq!(parse_money("12.345"), None);
        assert_eq!(parse_money("twelve"), None);
        assert_eq!(parse_money("£"), None);
    }

    #[test]
    fn round_matches_the_standard_library() {
        for x in [
            0.0,
            0.4,
            0.5,
            0.6,
            1.5,
            2.5,
            -0.5,
            -1.5,
            -2.4,
            1e12 + 0.5,
            123_456.499_999,
            -7.5,
        ] {
            assert_eq!(round(x), x.round() as i64, "{x}");
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(Money::from_pence_f64(0.5), Money(1));
        assert_eq!(Money::from_pence_f64(-0.5), Money(-1));
        assert_eq!(Money::from_pence_f64(f64::NAN), Money::ZERO);
    }
}
