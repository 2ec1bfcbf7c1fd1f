//! Calendar arithmetic the rules need: ages, complete years, anniversaries, part years.
//!
//! Written on plain year, month and day numbers so that 50,000 people cost microseconds, and so
//! 29 February is handled as English law does: a person born on 29 February attains a new age on
//! 1 March in a common year (Family Law Reform Act 1969 s.9 counts from the anniversary; the
//! anniversary of 29 February in a common year is taken as 1 March).

use jiff::civil::Date;

use crate::model::{FinancialYear, PartYear};

fn is_leap(year: i16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The same day `years` years later (or earlier when negative); 29 February becomes 1 March in a
/// common year.
pub fn anniversary(date: Date, years: i16) -> Date {
    let year = date.year().saturating_add(years);
    if date.month() == 2 && date.day() == 29 && !is_leap(year) {
        Date::new(year, 3, 1).unwrap_or(date)
    } else {
        Date::new(year, date.month(), date.day()).unwrap_or(date)
    }
}

/// The same day a month later, or the month's last day if it is shorter (31 January + 1 month =
/// 28 or 29 February).
pub fn add_one_month(date: Date) -> Date {
    let (year, month) = if date.month() == 12 {
        (date.year().saturating_add(1), 1)
    } else {
        (date.year(), date.month() + 1)
    };
    let last = match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    Date::new(year, month, date.day().min(last)).unwrap_or(date)
}

/// A date as plain numbers, for comparisons that must cost nothing.
type Ymd = (i32, u8, u8);

fn ymd(date: Date) -> Ymd {
    (i32::from(date.year()), date.month() as u8, date.day() as u8)
}

fn month_days(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn next_day((y, m, d): Ymd) -> Ymd {
    if d < month_days(y, m) {
        (y, m, d + 1)
    } else if m < 12 {
        (y, m + 1, 1)
    } else {
        (y + 1, 1, 1)
    }
}

/// Whole years from `from` to `to` by the anniversary rule, on plain numbers.
fn years_between((fy, fm, fd): Ymd, (ty, tm, td): Ymd) -> i32 {
    // The anniversary of `from` in `to`'s year; 29 February is 1 March in a common year.
    let anniversary = if fm == 2 && fd == 29 && month_days(ty, 2) == 28 {
        (3, 1)
    } else {
        (fm, fd)
    };
    ty - fy - i32::from((tm, td) < anniversary)
}

/// Complete years from `from` to `to` (an age, if `from` is a birth date): how many anniversaries
/// of `from` fall on or before `to`, counted from `from`'s year (negative if `to` is before).
pub fn whole_years(from: Date, to: Date) -> i32 {
    years_between(ymd(from), ymd(to))
}

/// Complete years of a period that starts on `start` and ends with `end` (inclusive), as ERA 1996
/// counts years of employment ending with the relevant date.
pub fn complete_years_ending_with(start: Date, end: Date) -> i32 {
    years_between(ymd(start), next_day(ymd(end)))
}

/// The age on the day after `date` (the first day of the year counted back from a relevant date).
pub fn age_on_day_after(dob: Date, date: Date) -> i32 {
    years_between(ymd(dob), next_day(ymd(date)))
}

/// Days since 1 January 1970 (Howard Hinnant's `days_from_civil`).
pub fn epoch_day(date: Date) -> i64 {
    let (m, d) = (i64::from(date.month()), i64::from(date.day()));
    let y = i64::from(date.year()) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1 January 1970 (Hinnant's `civil_from_days`), clamped to the calendar.
pub fn from_epoch_day(days: i64) -> Date {
    let z = days.clamp(epoch_day(Date::MIN), epoch_day(Date::MAX)) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(y as i16, m as i8, d as i8).unwrap_or(Date::MIN)
}

/// Whole days from `from` to `to` (negative if `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    epoch_day(to) - epoch_day(from)
}

/// A date plus a number of days, saturating at the ends of the calendar.
pub fn add_days(date: Date, days: i64) -> Date {
    from_epoch_day(epoch_day(date).saturating_add(days))
}

/// The share of a full-year effect that starts on `start` and falls in `year`.
pub fn part_year_share(start: Date, year: FinancialYear, convention: PartYear) -> f64 {
    let start_year = FinancialYear::containing(start);
    if year < start_year {
        return 0.0;
    }
    if year > start_year {
        return 1.0;
    }
    match convention {
        PartYear::Days => {
            let days = days_between(start, year.last_day()) + 1;
            (days as f64 / 365.0).min(1.0)
        }
        PartYear::Months => {
            // Months from April (0) to March (11); the month of the start counts only when the
            // effect starts on its first day.
            let index = (i32::from(start.month()) + 8) % 12;
            let first_counted = if start.day() == 1 { index } else { index + 1 };
            f64::from(12 - first_counted) / 12.0
        }
    }
}

/// The share of the period `[start, start + days)` that falls in `year`, for spreading a cost.
pub fn share_of_period(start: Date, days: i64, year: FinancialYear) -> f64 {
    if days <= 0 {
        return if FinancialYear::containing(start) == year {
            1.0
        } else {
            0.0
        };
    }
    let end = epoch_day(start) + days;
    let from = epoch_day(year.first_day()).max(epoch_day(start));
    let to = (epoch_day(year.last_day()) + 1).min(end);
    ((to - from).max(0) as f64 / days as f64).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ages_turn_on_the_birthday() {
        let dob = date(1980, 6, 10);
        assert_eq!(whole_years(dob, date(2022, 6, 9)), 41);
        assert_eq!(whole_years(dob, date(2022, 6, 10)), 42);
        assert!(whole_years(dob, date(1979, 1, 1)) < 0);
    }

    #[test]
    fn leap_day_birthdays_count_from_1_march_in_common_years() {
        let dob = date(2000, 2, 29);
        assert_eq!(whole_years(dob, date(2018, 2, 28)), 17);
        assert_eq!(whole_years(dob, date(2018, 3, 1)), 18);
        assert_eq!(whole_years(dob, date(2020, 2, 29)), 20);
        assert_eq!(anniversary(date(2024, 2, 29), -1), date(2023, 3, 1));
    }

    #[test]
    fn a_month_later() {
        assert_eq!(add_one_month(date(2025, 1, 31)), date(2025, 2, 28));
        assert_eq!(add_one_month(date(2024, 1, 31)), date(2024, 2, 29));
        assert_eq!(add_one_month(date(2025, 12, 15)), date(2026, 1, 15));
        assert_eq!(add_one_month(date(2025, 3, 31)), date(2025, 4, 30));
    }

    #[test]
    fn complete_years_include_the_last_day() {
        // Employed 1 January 2020 to 31 December 2021 inclusive: two complete years.
        assert_eq!(
            complete_years_ending_with(date(2020, 1, 1), date(2021, 12, 31)),
            2
        );
        assert_eq!(
            complete_years_ending_with(date(2020, 1, 1), date(2021, 12, 30)),
            1
        );
    }

    #[test]
    fn part_years() {
        let fy = FinancialYear(2018);
        // From 1 April: a full year.
        assert!((part_year_share(date(2018, 4, 1), fy, PartYear::Days) - 1.0).abs() < 1e-12);
        // From 1 October 2018: 182 days to 31 March 2019.
        assert!(
            (part_year_share(date(2018, 10, 1), fy, PartYear::Days) - 182.0 / 365.0).abs() < 1e-12
        );
        assert!((part_year_share(date(2018, 10, 1), fy, PartYear::Months) - 0.5).abs() < 1e-12);
        assert!(
            (part_year_share(date(2018, 10, 2), fy, PartYear::Months) - 5.0 / 12.0).abs() < 1e-12
        );
        assert!(
            (part_year_share(date(2019, 3, 1), fy, PartYear::Months) - 1.0 / 12.0).abs() < 1e-12
        );
        assert!(part_year_share(date(2019, 4, 1), fy, PartYear::Days).abs() < 1e-12);
        assert!((part_year_share(date(2017, 4, 1), fy, PartYear::Days) - 1.0).abs() < 1e-12);
        // A leap financial year never gives more than a full year.
        assert!(part_year_share(date(2019, 4, 1), FinancialYear(2019), PartYear::Days) <= 1.0);
    }

    #[test]
    fn epoch_days_round_trip() {
        assert_eq!(epoch_day(date(1970, 1, 1)), 0);
        assert_eq!(epoch_day(date(2000, 3, 1)), 11_017);
        for d in [
            date(1900, 2, 28),
            date(2000, 2, 29),
            date(2018, 4, 1),
            date(2100, 12, 31),
        ] {
            assert_eq!(from_epoch_day(epoch_day(d)), d);
            assert_eq!(add_days(d, 1), d.tomorrow().unwrap());
        }
    }

    #[test]
    fn periods_spread_by_days() {
        let start = date(2018, 10, 1);
        let a = share_of_period(start, 365, FinancialYear(2018));
        let b = share_of_period(start, 365, FinancialYear(2019));
        assert!((a - 182.0 / 365.0).abs() < 1e-12);
        assert!((a + b - 1.0).abs() < 1e-12);
    }
}
