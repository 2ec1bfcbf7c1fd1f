//! The UK rules for one person, each checked against a figure worked by hand from the statute.
//! The working is in the comments so a finance officer can follow it.

use jiff::civil::date;
use merger_planner::engine::rules::{
    ExitKind, OnCosts, Person, exit_cost, statutory_notice_weeks, statutory_weeks,
    statutory_weeks_reckoner, strain, termination_ni,
};
use merger_planner::model::{Money, Parameters, PayBasis, RedundancyScheme};

fn params() -> Parameters {
    Parameters::default()
}

#[test]
fn the_day_before_the_42nd_birthday_counts_a_full_year_at_41() {
    // Born 10 June 1983, continuously employed from 10 June 2015, leaves 9 June 2025, the day
    // before their 42nd birthday.
    // Complete years ending with 9 June 2025: 10 (10 June 2015 to 9 June 2025).
    // Counting back from the relevant date (s.162(1)(b)):
    //   year 1 runs 10 June 2024 to 9 June 2025; on its first day they turn 41 -> 1.5 weeks
    //   year 2 runs 10 June 2023 to 9 June 2024; aged 40 throughout      -> 1 week
    //   years 3 to 10, aged 39 down to 32                                 -> 8 x 1 week
    // Total 1.5 + 1 + 8 = 10.5 weeks.
    let p = params();
    let weeks = statutory_weeks(
        &p.redundancy,
        date(1983, 6, 10),
        date(2015, 6, 10),
        date(2025, 6, 9),
    );
    assert!((weeks - 10.5).abs() < 1e-12, "{weeks}");
    // The ready reckoner takes the age at the exit date (41) and counts the last year at 40: 10.
    assert!((statutory_weeks_reckoner(&p.redundancy, 41, 10) - 10.0).abs() < 1e-12);
    // A day later they are 42 at exit, and the reckoner agrees with the exact method again...
    // ...except that one more day of service does not add a complete year.
    let next_day = statutory_weeks(
        &p.redundancy,
        date(1983, 6, 10),
        date(2015, 6, 10),
        date(2025, 6, 10),
    );
    assert!((next_day - 10.5).abs() < 1e-12);
}

/// Born 1 January 1990, employed from 1 January 2020, paid £52,000 a year (£1,000 a week, above
/// every cap), not in the LGPS.
fn paid_above_every_cap() -> Person {
    Person {
        dob: date(1990, 1, 1),
        service_start: date(2020, 1, 1),
        annual_pay: Money::pounds(52_000),
        lgps_member: false,
        strain_quote: None,
    }
}

#[test]
fn the_last_cap_is_known_to_5_april_2027_and_assumed_from_6_april() {
    // docs/rules.md, cap on a week's pay: the last cap stored, £751 from 6 April 2026 (SI
    // 2026/310), covers its year; the next would come in on 6 April 2027. An exit on 5 April
    // 2027 is capped at £751 as known; one on 6 April 2027 at £751 held, and flagged as assumed;
    // with a 3% yearly rise, £751 x 1.03 = £773.53, £774 to the pound.
    let mut p = params();
    let person = paid_above_every_cap();
    let statutory = RedundancyScheme::default();
    let cap = |p: &Parameters, exit| {
        let c = exit_cost(p, &statutory, 52.0, &person, ExitKind::Compulsory, exit);
        (c.weekly_cap, c.cap_assumed)
    };
    assert_eq!(cap(&p, date(2027, 4, 5)), (Money::pounds(751), false));
    assert_eq!(cap(&p, date(2027, 4, 6)), (Money::pounds(751), true));
    p.redundancy.cap_uprating = 0.03;
    assert_eq!(cap(&p, date(2027, 4, 5)), (Money::pounds(751), false));
    assert_eq!(cap(&p, date(2027, 4, 6)), (Money::pounds(774), true));
}

#[test]
fn the_cap_changes_on_6_april_2025_and_2026() {
    // Born 1 January 1990, employed from 1 January 2020, paid £1,000 a week (above every cap).
    // Leaving 5 April 2025: 5 complete years (2020 to 2024), aged 30 to 34 throughout: 5 weeks.
    // Cap on 5 April 2025: £700 (SI 2024/213) -> 5 x £700 = £3,500.00.
    // Leaving 6 April 2025: still 5 years; cap £719 (SI 2025/348) -> £3,595.00.
    // Leaving 5 April 2026: 6 years (aged 30 to 35), cap £719 -> £4,314.00.
    // Leaving 6 April 2026: 6 years, cap £751 (SI 2026/310) -> £4,506.00.
    let p = params();
    let person = paid_above_every_cap();
    let statutory = RedundancyScheme::default();
    let pay = |exit| exit_cost(&p, &statutory, 52.0, &person, ExitKind::Compulsory, exit);
    let cases = [
        (date(2025, 4, 5), 5.0, 700, 3_500),
        (date(2025, 4, 6), 5.0, 719, 3_595),
        (date(2026, 4, 5), 6.0, 719, 4_314),
        (date(2026, 4, 6), 6.0, 751, 4_506),
    ];
    for (exit, weeks, cap, amount) in cases {
        let c = pay(exit);
        assert!(
            (c.statutory_weeks - weeks).abs() < 1e-12,
            "{exit}: {} weeks",
            c.statutory_weeks
        );
        assert_eq!(c.weekly_pay, Money::pounds(1000));
        assert_eq!(c.weekly_cap, Money::pounds(cap), "{exit}");
        assert_eq!(c.statutory_pay, Money::pounds(amount), "{exit}");
        assert_eq!(
            c.redundancy_pay,
            Money::pounds(amount),
            "statutory scheme pays the statutory amount"
        );
    }
}

#[test]
fn at_most_20_years_count() {
    // Born 1 January 1960, employed from 1 January 1985, leaving 31 December 2025: 41 complete
    // years, of which the last 20 count; they were 46 to 65 in them, all at 1.5 weeks: 30 weeks.
    // At the cap then in force (£719) that is £21,570, the statutory maximum from 6 April 2025.
    let p = params();
    let person = Person {
        dob: date(1960, 1, 1),
        service_start: date(1985, 1, 1),
        annual_pay: Money::pounds(80_000),
        lgps_member: false,
        strain_quote: None,
    };
    let c = exit_cost(
        &p,
        &RedundancyScheme::default(),
        52.0,
        &person,
        ExitKind::Compulsory,
        date(2025, 12, 31),
    );
    assert!((c.statutory_weeks - 30.0).abs() < 1e-12);
    assert_eq!(c.statutory_pay, Money::pounds(21_570));
}

#[test]
fn two_years_are_needed_to_qualify() {
    // Employed from 1 June 2023. Leaving 31 May 2025 completes two years (1 June 2023 to
    // 31 May 2025): aged 28 and 29 (born 1 January 1995), 1 week each = 2 weeks.
    // Leaving a day earlier: one complete year, no statutory redundancy pay (s.155).
    let r = params().redundancy;
    assert!(
        (statutory_weeks(&r, date(1995, 1, 1), date(2023, 6, 1), date(2025, 5, 31)) - 2.0).abs()
            < 1e-12
    );
    assert!(
        statutory_weeks(&r, date(1995, 1, 1), date(2023, 6, 1), date(2025, 5, 30)).abs() < 1e-12
    );
}

#[test]
fn years_under_22_earn_half_a_week() {
    // Born 1 September 2003, employed from 1 September 2021. Leaving 31 August 2025: 4 years,
    // with first days at ages 18, 19, 20 and 21: 4 x 0.5 = 2 weeks.
    // Leaving 31 August 2026: 5 years; the newest starts on 1 September 2025, aged 22: 1 + 2 = 3.
    let r = params().redundancy;
    assert!(
        (statutory_weeks(&r, date(2003, 9, 1), date(2021, 9, 1), date(2025, 8, 31)) - 2.0).abs()
            < 1e-12
    );
    assert!(
        (statutory_weeks(&r, date(2003, 9, 1), date(2021, 9, 1), date(2026, 8, 31)) - 3.0).abs()
            < 1e-12
    );
}

#[test]
fn ready_reckoner() {
    // Age 42 with 2 years: the years at 41 (1.5) and 40 (1) = 2.5. Age 41: 40 and 39 = 2.
    // Age 20 with 2 years: 19 and 18, half a week each = 1. Age 61 with 25 years: 20 at 1.5 = 30.
    let r = params().redundancy;
    for (age, years, weeks) in [
        (42, 2, 2.5),
        (41, 2, 2.0),
        (20, 2, 1.0),
        (61, 25, 30.0),
        (30, 1, 0.0),
    ] {
        assert!(
            (statutory_weeks_reckoner(&r, age, years) - weeks).abs() < 1e-12,
            "age {age}, {years} years"
        );
    }
}

#[test]
fn council_schemes_multiply_weeks_and_may_use_actual_pay() {
    // The person of the 42nd-birthday case: 10.5 statutory weeks; paid £41,600 a year, so a
    // week's pay is £41,600 / 52 = £800.00; cap £719 on 9 June 2025.
    // Statutory: 10.5 x £719 = £7,549.50.
    // Scheme on actual pay, VR x2, at most 66 weeks: 21 weeks x £800 = £16,800.00.
    // The same on capped pay: 21 x £719 = £15,099.00.
    // VR x3 on capped pay with at most 30 weeks: 30 x £719 = £21,570.00 (the maximum bites).
    let p = params();
    let person = Person {
        dob: date(1983, 6, 10),
        service_start: date(2015, 6, 10),
        annual_pay: Money::pounds(41_600),
        lgps_member: false,
        strain_quote: None,
    };
    let exit = date(2025, 6, 9);
    let scheme = |pay_basis, vr_multiplier, max_weeks| RedundancyScheme {
        pay_basis,
        vr_multiplier,
        cr_multiplier: 1.0,
        max_weeks,
    };
    let cost = |s: RedundancyScheme, kind| exit_cost(&p, &s, 52.0, &person, kind, exit);
    let actual = cost(scheme(PayBasis::Actual, 2.0, 66.0), ExitKind::Voluntary);
    assert_eq!(actual.weekly_pay, Money::pounds(800));
    assert_eq!(actual.statutory_pay, Money(754_950));
    assert_eq!(actual.redundancy_pay, Money::pounds(16_800));
    assert!((actual.scheme_weeks - 21.0).abs() < 1e-12);
    // The compulsory multiplier (1.0) on actual pay: 10.5 x £800 = £8,400.
    assert_eq!(
        cost(scheme(PayBasis::Actual, 2.0, 66.0), ExitKind::Compulsory).redundancy_pay,
        Money::pounds(8_400)
    );
    assert_eq!(
        cost(scheme(PayBasis::Capped, 2.0, 66.0), ExitKind::Voluntary).redundancy_pay,
        Money::pounds(15_099)
    );
    assert_eq!(
        cost(scheme(PayBasis::Capped, 3.0, 30.0), ExitKind::Voluntary).redundancy_pay,
        Money::pounds(21_570)
    );
    // No scheme can pay more than 104 weeks (reg 6), whatever its own maximum says.
    let huge = cost(scheme(PayBasis::Actual, 10.0, 500.0), ExitKind::Voluntary);
    assert_eq!(huge.redundancy_pay, Money::pounds(800 * 104));
}

#[test]
fn weekly_pay_can_be_a_365_day_week() {
    // £36,500 a year x 7 / 365 = £700.00 a week; ÷ 52 it would be £701.92.
    let p = params();
    let person = Person {
        dob: date(1980, 1, 1),
        service_start: date(2010, 1, 1),
        annual_pay: Money::pounds(36_500),
        lgps_member: false,
        strain_quote: None,
    };
    let by_days = exit_cost(
        &p,
        &RedundancyScheme::default(),
        365.0 / 7.0,
        &person,
        ExitKind::Compulsory,
        date(2025, 6, 1),
    );
    let by_52 = exit_cost(
        &p,
        &RedundancyScheme::default(),
        52.0,
        &person,
        ExitKind::Compulsory,
        date(2025, 6, 1),
    );
    assert_eq!(by_days.weekly_pay, Money::pounds(700));
    assert_eq!(by_52.weekly_pay, Money(70_192));
}

#[test]
fn class_1a_ni_on_the_part_above_30000() {
    // £40,000 paid on 9 June 2025: (£40,000 - £30,000) x 15% = £1,500.
    // The same paid on 1 June 2021: 13.8% = £1,380. On 1 June 2019, before the charge: nothing.
    // £29,999 never bears it.
    let p = params();
    assert_eq!(
        termination_ni(&p, Money::pounds(40_000), date(2025, 6, 9)),
        Money::pounds(1_500)
    );
    assert_eq!(
        termination_ni(&p, Money::pounds(40_000), date(2021, 6, 1)),
        Money::pounds(1_380)
    );
    assert_eq!(
        termination_ni(&p, Money::pounds(40_000), date(2019, 6, 1)),
        Money::ZERO
    );
    assert_eq!(
        termination_ni(&p, Money::pounds(29_999), date(2025, 6, 9)),
        Money::ZERO
    );
}

#[test]
fn lgps_strain() {
    let p = params();
    let member = Person {
        dob: date(1969, 6, 10),
        service_start: date(2005, 6, 10),
        annual_pay: Money::pounds(41_600),
        lgps_member: true,
        strain_quote: None,
    };
    // Leaving 9 June 2025, aged 55 with 20 complete years' membership: the pension is released.
    // Indicative estimate, membership split at 1 April 2014: 8 complete years before it (10 June
    // 2005 to 10 June 2013) and 12 after.
    // - final salary: £41,600 x 8 / 60 = £5,546.67 a year, due at 65: 10 years early, reduction
    //   waived 1 - 0.95^10 = 0.401263: £2,225.67;
    // - career average: £41,600 x 12 / 49 = £10,187.76 a year, due at state pension age 67 (born
    //   1969): 12 years early, 1 - 0.95^12 = 0.459640: £4,682.70;
    // - x annuity factor 20: (£2,225.67 + £4,682.70) x 20 = £138,167.43 (it was £156,089.96
    //   with all membership taken as career average).
    let estimated = strain(&p, &member, date(2025, 6, 9));
    assert_eq!(estimated.amount, Money(13_816_743));
    assert!(estimated.estimated && !estimated.protected && !estimated.quote_unused);
    // A fund quote always wins.
    let quoted = Person {
        strain_quote: Some(Money::pounds(50_000)),
        ..member
    };
    let from_quote = strain(&p, &quoted, date(2025, 6, 9));
    assert_eq!(from_quote.amount, Money::pounds(50_000));
    assert!(!from_quote.estimated);
    // Not a member, or under 55: nothing.
    assert_eq!(
        strain(
            &p,
            &Person {
                lgps_member: false,
                ..member
            },
            date(2025, 6, 9)
        )
        .amount,
        Money::ZERO
    );
    assert_eq!(
        strain(&p, &member, date(2024, 6, 9)).amount,
        Money::ZERO,
        "aged 54"
    );
    // Fewer than 2 years' membership: nothing.
    let new_member = Person {
        service_start: date(2024, 1, 1),
        ..member
    };
    assert_eq!(
        strain(&p, &new_member, date(2025, 6, 9)).amount,
        Money::ZERO
    );
    // From 6 April 2028 the minimum age is 57. A member since 2005 (before 4 November 2021)
    // keeps 55 while the plan applies the protected age (the default): at 56 on 10 April 2028
    // the quote is due, marked as resting on the protection; on 5 April it is due anyway.
    let born_1972 = Person {
        dob: date(1972, 1, 1),
        ..quoted
    };
    let protected = strain(&p, &born_1972, date(2028, 4, 10));
    assert_eq!(protected.amount, Money::pounds(50_000));
    assert!(protected.protected);
    let before = strain(&p, &born_1972, date(2028, 4, 5));
    assert_eq!(before.amount, Money::pounds(50_000));
    assert!(!before.protected);
    // Without the protection no strain is due at 56, and the quote is marked unused.
    let mut unprotected = p.clone();
    unprotected.lgps.protected_age.applies = false;
    let none = strain(&unprotected, &born_1972, date(2028, 4, 10));
    assert_eq!(none.amount, Money::ZERO);
    assert!(none.quote_unused);
}

#[test]
fn statutory_notice() {
    // s.86: nothing in the first month; one week from a month to two years; then a week a
    // complete year, at most 12.
    let p = params();
    let on = date(2025, 10, 1);
    assert_eq!(statutory_notice_weeks(&p, date(2025, 9, 10), on), 0);
    assert_eq!(statutory_notice_weeks(&p, date(2025, 4, 1), on), 1);
    assert_eq!(statutory_notice_weeks(&p, date(2023, 10, 1), on), 2);
    assert_eq!(statutory_notice_weeks(&p, date(2018, 10, 2), on), 6);
    assert_eq!(statutory_notice_weeks(&p, date(2000, 1, 1), on), 12);
}

#[test]
fn full_year_cost_of_a_post() {
    // £41,600 a year from 6 April 2025: employer NI 15% x (£41,600 - £5,000) = £5,490;
    // LGPS at 20% = £8,320; levy 0.5% = £208. Total £55,618.
    // In 2018/19: NI 13.8% x (£41,600 - £8,424) = £4,578.29; LGPS £8,320; levy £208: £54,706.29.
    let p = params();
    let now = OnCosts::on(&p, date(2025, 6, 1));
    assert!((now.annual_cost(4_160_000.0, 0.2) - 5_561_800.0).abs() < 1e-6);
    let then = OnCosts::on(&p, date(2018, 6, 1));
    assert!((then.annual_cost(4_160_000.0, 0.2) - 5_470_628.8).abs() < 1e-6);
    // NI is per person: pay below the threshold bears none.
    assert!((now.annual_cost(400_000.0, 0.0) - 402_000.0).abs() < 1e-6);
}
