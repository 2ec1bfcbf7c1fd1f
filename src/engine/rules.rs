//! The UK rules for one person: statutory redundancy pay (ERA 1996 s.162), a council's
//! discretionary scheme (2006 regulations), statutory notice (ERA s.86), LGPS strain and Class 1A
//! NI on termination payments; and the full-year cost of a post.

use jiff::civil::Date;

use super::dates::{age_on_day_after, anniversary, complete_years_ending_with, whole_years};
use crate::model::{
    FinancialYear, Money, Parameters, PayBasis, RedundancyScheme, StatutoryRedundancy, in_force,
};

/// Weeks of statutory redundancy pay for a person born `dob`, continuously employed from
/// `service_start`, whose employment ends on the relevant date `exit`.
///
/// ERA 1996 s.162: reckon back from the relevant date the complete years of employment (at most
/// 20); each earns 1.5 weeks if the person was 41 or over throughout it, 1 week if 22 or over, else
/// 0.5. A year is counted back from the relevant date, so its first day is the day after the same
/// date in the year before, and the age on that first day is the one that counts. Fewer than 2
/// complete years gives nothing (s.155).
pub fn statutory_weeks(
    rules: &StatutoryRedundancy,
    dob: Date,
    service_start: Date,
    exit: Date,
) -> f64 {
    let years = complete_years_ending_with(service_start, exit);
    if years < i32::try_from(rules.qualifying_years).unwrap_or(i32::MAX) {
        return 0.0;
    }
    // Never negative, whatever a hand-edited plan holds: validation refuses such limits, and the
    // engine stays total for any plan anyway.
    let counted = years
        .min(i32::try_from(rules.max_years).unwrap_or(i32::MAX))
        .max(0);
    // Near 29 February the anniversaries shift, so those dates take the year-by-year count.
    let near_leap_day =
        (dob.month() == 2 && dob.day() == 29) || (exit.month() == 2 && exit.day() >= 28);
    if !near_leap_day {
        // Every counted year starts on the same day of the year as the day after the exit, so
        // the age on its first day is simply the age on that day less k.
        return weeks_by_age(rules, age_on_day_after(dob, exit), counted);
    }
    statutory_weeks_year_by_year(rules, dob, service_start, exit)
}

/// The same count as [`statutory_weeks`], done literally: each year reckoned back from the
/// relevant date in turn, at the age on its first day. The reference the fast count is tested
/// against, and the count used near 29 February.
pub fn statutory_weeks_year_by_year(
    rules: &StatutoryRedundancy,
    dob: Date,
    service_start: Date,
    exit: Date,
) -> f64 {
    let years = complete_years_ending_with(service_start, exit);
    if years < i32::try_from(rules.qualifying_years).unwrap_or(i32::MAX) {
        return 0.0;
    }
    // Never negative, whatever a hand-edited plan holds: validation refuses such limits, and the
    // engine stays total for any plan anyway.
    let counted = years
        .min(i32::try_from(rules.max_years).unwrap_or(i32::MAX))
        .max(0);
    let after_end = exit.tomorrow().unwrap_or(exit);
    (1..=counted)
        .map(|k| {
            let first_day = anniversary(after_end, -(k as i16));
            weeks_for_age(rules, whole_years(dob, first_day))
        })
        .sum()
}

/// Weeks for `counted` years taken at ages `age - 1`, `age - 2`, … (the k-th year back at
/// `age - k`), counted band by band.
fn weeks_by_age(rules: &StatutoryRedundancy, age: i32, counted: i32) -> f64 {
    let (higher, middle) = (rules.higher_age as i32, rules.middle_age as i32);
    // Years k in 1..=counted with age - k >= higher: k <= age - higher.
    let at_higher = (age - higher).clamp(0, counted);
    let at_middle = (age - middle).clamp(0, counted) - at_higher;
    let at_lower = counted - at_higher - at_middle;
    f64::from(at_higher) * rules.higher_weeks
        + f64::from(at_middle) * rules.middle_weeks
        + f64::from(at_lower) * rules.lower_weeks
}

/// Weeks by the ready-reckoner convention HR officers use by hand: `age` in whole years at the
/// relevant date, `years` of complete service; the k-th year back is taken at age `age - k`.
///
/// It differs from [`statutory_weeks`] only when the person's birthday falls on the day after the
/// relevant date: the ready reckoner then counts the last year at the lower age.
pub fn statutory_weeks_reckoner(rules: &StatutoryRedundancy, age: u32, years: u32) -> f64 {
    if years < rules.qualifying_years {
        return 0.0;
    }
    let counted = years.min(rules.max_years);
    (1..=counted)
        .map(|k| weeks_for_age(rules, age as i32 - k as i32))
        .sum()
}

fn weeks_for_age(rules: &StatutoryRedundancy, age: i32) -> f64 {
    if age >= rules.higher_age as i32 {
        rules.higher_weeks
    } else if age >= rules.middle_age as i32 {
        rules.middle_weeks
    } else {
        rules.lower_weeks
    }
}

/// Statutory minimum notice in weeks for someone whose continuous employment began on
/// `service_start`, given notice on `on` (ERA s.86): one week after a month's service, one week a
/// complete year from two years, at most 12.
pub fn statutory_notice_weeks(params: &Parameters, service_start: Date, on: Date) -> u32 {
    let years = whole_years(service_start, on);
    if years >= 2 {
        (years as u32).min(params.notice.max_weeks)
    } else {
        u32::from(on >= super::dates::add_one_month(service_start))
    }
}

/// Whether a redundancy is voluntary or compulsory (they have different scheme multipliers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitKind {
    /// Voluntary redundancy.
    Voluntary,
    /// Compulsory redundancy.
    Compulsory,
}

/// Everything one person's exit costs, with the working a finance officer checks.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ExitCost {
    /// Statutory weeks (s.162), a multiple of half a week.
    pub statutory_weeks: f64,
    /// A week's actual pay (actual annual pay ÷ weeks a year), to the penny.
    pub weekly_pay: Money,
    /// The statutory cap on a week's pay on the exit date.
    pub weekly_cap: Money,
    /// Statutory redundancy pay: weeks × the lower of weekly pay and the cap.
    pub statutory_pay: Money,
    /// Weeks the council's scheme pays (statutory weeks × multiplier, at most the scheme maximum).
    pub scheme_weeks: f64,
    /// The cap is past the last one stored: held at it, or raised by the plan's assumption.
    pub cap_assumed: bool,
    /// Redundancy pay: the larger of the statutory payment and the scheme payment (which
    /// includes the statutory payment, reg 6).
    pub redundancy_pay: Money,
    /// LGPS strain cost paid to the fund.
    pub pension_strain: Money,
    /// The strain is an indicative estimate, not the fund's quote.
    pub strain_estimated: bool,
    /// Strain is due only because the plan assumes the protected pension age (not confirmed).
    pub strain_protected: bool,
    /// The fund quoted a strain the rules say is not due (under the minimum pension age, too
    /// little membership or not a member): the quote is not used, and the person is flagged.
    pub quote_unused: bool,
    /// Employer Class 1A NI on the part of the redundancy pay above the threshold.
    pub class1a_ni: Money,
}

impl ExitCost {
    /// Redundancy pay, strain and Class 1A NI together.
    pub fn total(&self) -> Money {
        self.redundancy_pay + self.pension_strain + self.class1a_ni
    }

    /// What the individual's exit package is for approval (redundancy pay and pension strain).
    pub fn package(&self) -> Money {
        self.redundancy_pay + self.pension_strain
    }
}

/// One person as the exit rules see them.
#[derive(Clone, Copy, Debug)]
pub struct Person {
    /// Date of birth.
    pub dob: Date,
    /// Start of continuous local-government service.
    pub service_start: Date,
    /// Actual annual pay (salary × FTE).
    pub annual_pay: Money,
    /// A member of the Local Government Pension Scheme (strain is owed only for members).
    pub lgps_member: bool,
    /// The fund's strain quote.
    pub strain_quote: Option<Money>,
}

/// What a person's redundancy on `exit` costs under `scheme`.
pub fn exit_cost(
    params: &Parameters,
    scheme: &RedundancyScheme,
    weeks_per_year: f64,
    person: &Person,
    kind: ExitKind,
    exit: Date,
) -> ExitCost {
    let rules = &params.redundancy;
    let weeks = statutory_weeks(rules, person.dob, person.service_start, exit);
    let weekly_pay = Money::from_pence_f64(person.annual_pay.pence() as f64 / weeks_per_year);
    let (weekly_cap, cap_assumed) = weekly_cap(rules, exit).unwrap_or((weekly_pay, false));
    let capped = weekly_pay.min(weekly_cap);
    let statutory_pay = Money::from_pence_f64(weeks * capped.pence() as f64);
    let multiplier = match kind {
        ExitKind::Voluntary => scheme.vr_multiplier,
        ExitKind::Compulsory => scheme.cr_multiplier,
    };
    let scheme_max = scheme.max_weeks.min(params.discretionary.max_weeks);
    let scheme_weeks = (weeks * multiplier).min(scheme_max).max(0.0);
    let scheme_week = match scheme.pay_basis {
        PayBasis::Capped => capped,
        PayBasis::Actual => weekly_pay,
    };
    let scheme_pay = Money::from_pence_f64(scheme_weeks * scheme_week.pence() as f64);
    let redundancy_pay = statutory_pay.max(scheme_pay);
    let Strain {
        amount: pension_strain,
        estimated: strain_estimated,
        protected: strain_protected,
        quote_unused,
    } = strain(params, person, exit);
    let class1a_ni = termination_ni(params, redundancy_pay, exit);
    ExitCost {
        statutory_weeks: weeks,
        weekly_pay,
        weekly_cap,
        statutory_pay,
        scheme_weeks,
        cap_assumed,
        redundancy_pay,
        pension_strain,
        strain_estimated,
        strain_protected,
        quote_unused,
        class1a_ni,
    }
}

/// The last day the last cap stored is known to apply: the day before it would next change
/// (caps change once a year).
pub fn last_cap_known(rules: &StatutoryRedundancy) -> Option<Date> {
    Some(super::dates::add_days(next_cap_due(rules)?, -1))
}

/// The day the cap after the last one stored would come in: a year on from it (29 February to
/// 28 February, as a calendar would).
fn next_cap_due(rules: &StatutoryRedundancy) -> Option<Date> {
    let from = rules.weekly_caps.last()?.from;
    let year = from.year().checked_add(1)?;
    Date::new(year, from.month(), from.day())
        .or_else(|_| Date::new(year, from.month(), 28))
        .ok()
}

/// The cap on a week's pay for an exit on `on`, and whether it is assumed: past the year the
/// last cap stored covers, it is held at that cap, or raised by the plan's yearly uprating each
/// anniversary of it (compounded, to the nearest pound). `None` before any cap.
pub fn weekly_cap(rules: &StatutoryRedundancy, on: Date) -> Option<(Money, bool)> {
    let entry = in_force(&rules.weekly_caps, on)?;
    let last = rules.weekly_caps.last()?;
    // Known up to the day before the next cap is due: asked for every exit of every draw, so
    // compared with that day rather than working out the day before it.
    if entry.from != last.from || next_cap_due(rules).is_none_or(|due| on < due) {
        return Some((entry.value, false));
    }
    let rate = if rules.cap_uprating.is_finite() {
        rules.cap_uprating.max(0.0)
    } else {
        0.0
    };
    if rate == 0.0 {
        return Some((last.value, true));
    }
    // Anniversaries of the last cap passed by `on`: each raises the cap once.
    let years = (1..=200)
        .take_while(|n| {
            last.from
                .checked_add(jiff::Span::new().years(*n))
                .is_ok_and(|d| d <= on)
        })
        .count();
    // Bounded so no assumption, however wild, can overflow the money it multiplies.
    let pounds = (last.value.as_pounds() * (1.0 + rate.min(1.0)).powi(years as i32)).min(1e9);
    Some((Money::pounds(pounds.round() as i64), true))
}

/// Class 1A NI on the part of a termination payment above the threshold, at the rate in force
/// on the payment date (none before the charge began on 6 April 2020).
pub fn termination_ni(params: &Parameters, payment: Money, paid_on: Date) -> Money {
    let t = &params.termination_ni;
    let Some(rate) = in_force(&t.rates, paid_on) else {
        return Money::ZERO;
    };
    (payment - t.threshold).at_least_zero().scale(rate.value)
}

/// A strain cost and how it came about.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Strain {
    /// What the council pays the fund.
    pub amount: Money,
    /// An indicative estimate, not the fund's quote.
    pub estimated: bool,
    /// Due only through the protected pension age.
    pub protected: bool,
    /// The fund's quote is not used: the rules say no strain is due.
    pub quote_unused: bool,
}

/// The LGPS strain cost of releasing a member's pension on redundancy on `exit`. Nothing unless
/// the member is at least the minimum pension age in force on the exit date (or the protected
/// age, for a member who joined before its date, while the plan applies it) and has the minimum
/// membership (taken as continuous service). A fund quote always wins when strain is due, and is
/// marked unused when it is not; otherwise the indicative estimate of
/// [`crate::model::StrainEstimate`].
pub fn strain(params: &Parameters, person: &Person, exit: Date) -> Strain {
    let lgps = &params.lgps;
    let unused = Strain {
        quote_unused: person.strain_quote.is_some(),
        ..Strain::default()
    };
    if !person.lgps_member {
        return unused;
    }
    let age = whole_years(person.dob, exit);
    let mut trigger = in_force(&lgps.trigger_ages, exit).map_or(55, |d| d.value);
    let protection = &lgps.protected_age;
    let mut protected = false;
    if protection.applies
        && person.service_start < protection.joined_before
        && protection.age < trigger
        && age >= protection.age as i32
        && age < trigger as i32
    {
        trigger = protection.age;
        protected = true;
    }
    let membership = complete_years_ending_with(person.service_start, exit);
    if age < trigger as i32 || membership < lgps.min_membership_years as i32 {
        return unused;
    }
    if let Some(quote) = person.strain_quote {
        return Strain {
            amount: quote,
            protected,
            ..Strain::default()
        };
    }
    let f = &lgps.strain_estimate;
    let pension_age = f
        .pension_age_bands
        .iter()
        .find(|b| person.dob.year() < b.born_before)
        .map_or(f.latest_age, |b| b.age);
    // Membership before the 2014 scheme built a final-salary pension due at 65; membership from
    // it a career-average pension due at state pension age. Each part's reduction is waived.
    let before = if person.service_start < f.scheme_change {
        complete_years_ending_with(person.service_start, exit.min(f.scheme_change))
            .clamp(0, membership)
    } else {
        0
    };
    let after = membership - before;
    let pay = person.annual_pay.pence() as f64;
    let waived = |pension_age: u32| {
        let early = (pension_age as i32 - age).max(0);
        1.0 - (1.0 - f.reduction_per_year).powi(early)
    };
    let final_salary =
        pay * f64::from(before) / f.final_salary_divisor * waived(f.final_salary_age);
    let career_average = pay * f64::from(after) / f.accrual_divisor * waived(pension_age);
    Strain {
        amount: Money::from_pence_f64((final_salary + career_average) * f.annuity_factor),
        estimated: true,
        protected,
        quote_unused: false,
    }
}

/// The first full financial year after go-live: the one that starts on go-live when go-live is
/// 1 April, else the next.
pub fn first_full_year(go_live: Date) -> FinancialYear {
    let year = FinancialYear::containing(go_live);
    if go_live == year.first_day() {
        year
    } else {
        year.next()
    }
}

/// 6 April of a financial year: the tax year that starts in it, when employer NI changes.
pub fn tax_year_start(year: FinancialYear) -> Date {
    Date::new(year.0, 4, 6).unwrap_or(year.first_day())
}

/// Employer on-cost rates in force for recurring costs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OnCosts {
    /// Employer NI rate on pay above the threshold.
    pub ni_rate: f64,
    /// Employer NI secondary threshold a year, in pence.
    pub ni_threshold: f64,
    /// Apprenticeship levy rate on pay.
    pub levy_rate: f64,
}

impl OnCosts {
    /// The rates a financial year is costed at: those of the tax year that starts in it, on
    /// 6 April (employer NI changes then, not on 1 April).
    pub fn for_year(params: &Parameters, year: FinancialYear) -> Self {
        Self::on(params, tax_year_start(year))
    }

    /// The rates full-year figures are costed at: those of the first full financial year after
    /// go-live (the year that starts on go-live, when go-live is 1 April).
    pub fn full_year(params: &Parameters, go_live: Date) -> Self {
        Self::for_year(params, first_full_year(go_live))
    }

    /// The rates in force on `on`.
    pub fn on(params: &Parameters, on: Date) -> Self {
        let ni = in_force(&params.employer_ni, on).map(|d| d.value);
        let levy = if params.apprenticeship_levy.from <= on {
            params.apprenticeship_levy.value
        } else {
            0.0
        };
        Self {
            ni_rate: ni.map_or(0.0, |n| n.rate),
            ni_threshold: ni.map_or(0.0, |n| n.threshold.pence() as f64),
            levy_rate: levy,
        }
    }

    /// Full-year cost in pence of one person's (or post's) pay: pay, employer NI on pay above the
    /// threshold, LGPS employer contributions at `lgps_rate` (0 for non-members) and the levy.
    pub fn annual_cost(&self, pay_pence: f64, lgps_rate: f64) -> f64 {
        let ni = self.ni_rate * (pay_pence - self.ni_threshold).max(0.0);
        pay_pence + ni + lgps_rate * pay_pence + self.levy_rate * pay_pence
    }
}
