//! The statutory rules and figures a plan computes with, each dated and cited.
//!
//! They are stored in the plan (not read from the app), so a plan made in 2026 computes the same
//! figures when it is reopened in 2030. [`Parameters::default`] holds the figures for England and
//! Wales as the app knows them; each carries its source, and docs/rules.md says how it is applied.

use jiff::civil::{Date, date};
use serde::{Deserialize, Serialize};

use super::Money;

/// A value that is in force from a date until the next entry's date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dated<T> {
    /// First day the value applies.
    pub from: Date,
    /// The value from that date.
    pub value: T,
    /// Where it comes from (the statute or statutory instrument).
    pub source: String,
}

impl<T> Dated<T> {
    fn new(from: Date, value: T, source: &str) -> Self {
        Self {
            from,
            value,
            source: source.to_owned(),
        }
    }
}

/// The entry in force on `on`: the last entry whose date is on or before it. `None` when `on`
/// is before every entry. Entries must be in date order (validation checks).
pub fn in_force<T>(entries: &[Dated<T>], on: Date) -> Option<&Dated<T>> {
    entries.iter().rev().find(|e| e.from <= on)
}

/// Every statutory rule and figure the engine uses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Parameters {
    /// Statutory redundancy pay (ERA 1996 s.162, s.155, s.227).
    pub redundancy: StatutoryRedundancy,
    /// Statutory minimum notice (ERA 1996 s.86).
    pub notice: StatutoryNotice,
    /// Discretionary compensation limits (LG (ETE) (DC) Regulations 2006).
    pub discretionary: DiscretionaryLimits,
    /// Employer (secondary Class 1) National Insurance on pay.
    pub employer_ni: Vec<Dated<EmployerNi>>,
    /// Employer Class 1A National Insurance on termination payments.
    pub termination_ni: TerminationNi,
    /// The apprenticeship levy's rate on pay, an on-cost of every post.
    pub apprenticeship_levy: Dated<f64>,
    /// The Local Government Pension Scheme rules for early release on redundancy.
    pub lgps: Lgps,
    /// Collective consultation (TULRCA 1992 s.188, s.193).
    pub consultation: Consultation,
    /// Approval and reporting thresholds for exit packages.
    pub approval: Approval,
}

/// Statutory redundancy pay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatutoryRedundancy {
    /// Complete years of continuous employment needed to qualify (s.155): 2.
    pub qualifying_years: u32,
    /// Most years counted, reckoned back from the relevant date (s.162(3)): 20.
    pub max_years: u32,
    /// Age from which a year earns the middle rate (s.162(2)(b)): 22.
    pub middle_age: u32,
    /// Age from which a year earns the higher rate (s.162(2)(a)): 41.
    pub higher_age: u32,
    /// Weeks for a year below `middle_age`: 0.5.
    pub lower_weeks: f64,
    /// Weeks for a year from `middle_age`: 1.
    pub middle_weeks: f64,
    /// Weeks for a year from `higher_age`: 1.5.
    pub higher_weeks: f64,
    /// The cap on a week's pay (s.227), by the date the dismissal takes effect.
    pub weekly_caps: Vec<Dated<Money>>,
    /// An assumed yearly rise of the cap for exits after the last cap stored has run its year
    /// (each 6 April, compounded, rounded to the nearest pound): a planning assumption, not a
    /// rule; 0 holds the last cap (plan format 3).
    #[serde(default)]
    pub cap_uprating: f64,
    /// Where the rules come from.
    pub source: String,
}

/// Statutory minimum notice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatutoryNotice {
    /// Most weeks of statutory notice: 12.
    pub max_weeks: u32,
    /// Where the rule comes from.
    pub source: String,
}

/// Discretionary compensation limits for local government.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiscretionaryLimits {
    /// The most weeks' pay a lump sum may be (reg 6): 104.
    pub max_weeks: f64,
    /// Where the rule comes from.
    pub source: String,
}

/// Employer National Insurance on pay in one period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmployerNi {
    /// Rate on pay above the threshold.
    pub rate: f64,
    /// Secondary threshold, a year, per employee.
    #[serde(rename = "threshold_pence")]
    pub threshold: Money,
}

/// Employer Class 1A NI on termination payments above a threshold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerminationNi {
    /// The part of a termination payment above this bears the charge: £30,000.
    #[serde(rename = "threshold_pence")]
    pub threshold: Money,
    /// The rate by the date the payment is made (no charge before the first entry).
    pub rates: Vec<Dated<f64>>,
}

/// LGPS early release on redundancy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lgps {
    /// Minimum age for an unreduced pension on redundancy, by exit date: 55, then 57 from
    /// 6 April 2028.
    pub trigger_ages: Vec<Dated<u32>>,
    /// Years of membership needed: 2.
    pub min_membership_years: u32,
    /// The factors of the indicative strain estimate used when the fund has not quoted.
    pub strain_estimate: StrainEstimate,
    /// Members who joined before 4 November 2021 may keep 55 after the minimum pension age
    /// rises (plan format 3; the default when missing).
    #[serde(default)]
    pub protected_age: ProtectedAge,
}

/// The protected pension age: members who joined the scheme before a date keep an earlier
/// minimum pension age when it rises (Finance Act 2022). Not yet confirmed for the LGPS, so it is
/// a plan setting, on by default (the prudent reading for a business case: more people can
/// take their pension, so more strain), and flagged while unconfirmed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProtectedAge {
    /// Members who joined before this day keep `age`: 4 November 2021.
    pub joined_before: Date,
    /// The age they keep: 55.
    pub age: u32,
    /// Applied in this plan.
    pub applies: bool,
    /// Confirmed for the LGPS (flagged while not).
    pub confirmed: bool,
    /// Where the rule comes from.
    pub source: String,
}

fn scheme_change() -> Date {
    date(2014, 4, 1)
}

fn final_salary_divisor() -> f64 {
    60.0
}

fn final_salary_age() -> u32 {
    65
}

impl Default for ProtectedAge {
    fn default() -> Self {
        Self {
            joined_before: jiff::civil::date(2021, 11, 4),
            age: 55,
            applies: true,
            confirmed: false,
            source: "Finance Act 2022 Sch 4 (protected pension age for members before 4 November 2021); not yet confirmed for the LGPS".to_owned(),
        }
    }
}

/// The documented factors of the indicative pension strain estimate.
///
/// Membership is split at `scheme_change` (1 April 2014): years before it built a final-salary
/// pension (pay × years ÷ `final_salary_divisor`) payable unreduced at `final_salary_age` (65);
/// years from it a career-average pension (pay × years ÷ `accrual_divisor`) payable unreduced at
/// state pension age. Each part's early-retirement reduction waived is
/// 1 − (1 − `reduction_per_year`)^(years before its own pension age), and the estimate is the sum
/// of each part's pension × its reduction waived × the annuity factor. A fund quote always wins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrainEstimate {
    /// Career-average accrual: 49 (1/49th of pay a year, LGPS 2014).
    pub accrual_divisor: f64,
    /// When the scheme moved from final salary to career average: 1 April 2014 (plan format 3).
    #[serde(default = "scheme_change")]
    pub scheme_change: Date,
    /// Final-salary accrual before it: 60 (1/60th of final pay a year, LGPS 2008).
    #[serde(default = "final_salary_divisor")]
    pub final_salary_divisor: f64,
    /// Normal pension age of final-salary membership: 65.
    #[serde(default = "final_salary_age")]
    pub final_salary_age: u32,
    /// Yearly early-retirement reduction the fund would otherwise apply: 0.05 (close to the
    /// Government Actuary's LGPS early-retirement factors).
    pub reduction_per_year: f64,
    /// Capital value of £1 a year of pension at the exit age: 20.
    pub annuity_factor: f64,
    /// Normal pension age (state pension age) by year of birth: born before the year in each band
    /// takes that age; anyone born later takes `latest_age`.
    pub pension_age_bands: Vec<PensionAgeBand>,
    /// Normal pension age for anyone born after every band.
    pub latest_age: u32,
    /// Where the factors come from and what they stand for.
    pub source: String,
}

/// State pension age for people born before a year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PensionAgeBand {
    /// Born before 1 January of this year.
    pub born_before: i16,
    /// Pension age.
    pub age: u32,
}

/// Collective consultation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Consultation {
    /// Bands of proposed redundancies at one employer and the days of consultation they need
    /// before the first dismissal: 20 or more, 30 days; 100 or more, 45 days.
    pub bands: Vec<ConsultationBand>,
    /// Where the rule comes from.
    pub source: String,
}

/// One consultation band.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationBand {
    /// Proposed redundancies (people) from which the band applies.
    pub min_redundancies: u32,
    /// Days of consultation.
    pub days: u32,
}

/// Exit-package thresholds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Approval {
    /// A package of this or more goes to full council: £100,000.
    #[serde(rename = "full_council_pence")]
    pub full_council: Money,
    /// A package of this or more is flagged for reporting: £20,000.
    #[serde(rename = "reportable_pence")]
    pub reportable: Money,
    /// Where the thresholds come from.
    pub source: String,
}

const ERA: &str = "Employment Rights Act 1996 s.155, s.162";

impl Default for Parameters {
    fn default() -> Self {
        let cap = |y: i16, pounds: i64, si: &str| {
            Dated::new(
                date(y, 4, 6),
                Money::pounds(pounds),
                &format!("Employment Rights (Increase of Limits) Order {y}, SI {si}"),
            )
        };
        let ni = |from: Date, rate: f64, threshold: i64, source: &str| {
            Dated::new(
                from,
                EmployerNi {
                    rate,
                    threshold: Money::pounds(threshold),
                },
                source,
            )
        };
        Self {
            redundancy: StatutoryRedundancy {
                qualifying_years: 2,
                max_years: 20,
                middle_age: 22,
                higher_age: 41,
                lower_weeks: 0.5,
                middle_weeks: 1.0,
                higher_weeks: 1.5,
                weekly_caps: vec![
                    cap(2014, 464, "2014/382"),
                    cap(2015, 475, "2015/226"),
                    cap(2016, 479, "2016/288"),
                    cap(2017, 489, "2017/175"),
                    cap(2018, 508, "2018/194"),
                    cap(2019, 525, "2019/324"),
                    cap(2020, 538, "2020/205"),
                    cap(2021, 544, "2021/208"),
                    cap(2022, 571, "2022/180"),
                    cap(2023, 643, "2023/211"),
                    cap(2024, 700, "2024/213"),
                    cap(2025, 719, "2025/348"),
                    cap(2026, 751, "2026/310"),
                ],
                cap_uprating: 0.0,
                source: format!(
                    "{ERA}; service with any local authority counts (Redundancy Payments \
                     (Continuity of Employment in Local Government, etc.) (Modification) Order 1999)"
                ),
            },
            notice: StatutoryNotice {
                max_weeks: 12,
                source: "Employment Rights Act 1996 s.86".to_owned(),
            },
            discretionary: DiscretionaryLimits {
                max_weeks: 104.0,
                source: "Local Government (Early Termination of Employment) (Discretionary \
                         Compensation) (England and Wales) Regulations 2006, regs 5 and 6"
                    .to_owned(),
            },
            employer_ni: vec![
                ni(date(2017, 4, 6), 0.138, 8164, "Social Security Contributions and Benefits Act 1992; 2017/18 secondary threshold £157 a week"),
                ni(date(2018, 4, 6), 0.138, 8424, "2018/19 secondary threshold £162 a week"),
                ni(date(2019, 4, 6), 0.138, 8632, "2019/20 secondary threshold £166 a week"),
                ni(date(2020, 4, 6), 0.138, 8788, "2020/21 secondary threshold £169 a week"),
                ni(date(2021, 4, 6), 0.138, 8840, "2021/22 secondary threshold £170 a week"),
                ni(date(2022, 4, 6), 0.1505, 9100, "Health and Social Care Levy Act 2021: 15.05% from 6 April 2022"),
                ni(date(2022, 11, 6), 0.138, 9100, "Health and Social Care Levy (Repeal) Act 2022: 13.8% from 6 November 2022"),
                ni(date(2025, 4, 6), 0.15, 5000, "National Insurance Contributions (Secondary Class 1 Contributions) Act 2025: 15% above £5,000 from 6 April 2025"),
            ],
            termination_ni: TerminationNi {
                threshold: Money::pounds(30_000),
                rates: vec![
                    Dated::new(date(2020, 4, 6), 0.138, "Income Tax (Earnings and Pensions) Act 2003 s.403; Class 1A on termination awards over £30,000 from 6 April 2020 (NICs Act 2019)"),
                    Dated::new(date(2022, 4, 6), 0.1505, "Class 1A at 15.05% from 6 April 2022"),
                    Dated::new(date(2022, 11, 6), 0.138, "Class 1A at 13.8% from 6 November 2022"),
                    Dated::new(date(2025, 4, 6), 0.15, "Class 1A at 15% from 6 April 2025"),
                ],
            },
            apprenticeship_levy: Dated::new(
                date(2017, 4, 6),
                0.005,
                "Finance Act 2016 Part 6: 0.5% of pay bill",
            ),
            lgps: Lgps {
                trigger_ages: vec![
                    Dated::new(date(2014, 4, 1), 55, "Local Government Pension Scheme Regulations 2013, reg 30(7)"),
                    Dated::new(date(2028, 4, 6), 57, "Finance Act 2022 (normal minimum pension age 57 from 6 April 2028); protections for earlier members proposed, not final"),
                ],
                min_membership_years: 2,
                strain_estimate: StrainEstimate {
                    accrual_divisor: 49.0,
                    scheme_change: scheme_change(),
                    final_salary_divisor: final_salary_divisor(),
                    final_salary_age: final_salary_age(),
                    reduction_per_year: 0.05,
                    annuity_factor: 20.0,
                    pension_age_bands: vec![
                        PensionAgeBand { born_before: 1961, age: 66 },
                        PensionAgeBand { born_before: 1978, age: 67 },
                    ],
                    latest_age: 68,
                    source: "Indicative only: membership before 1 April 2014 at the LGPS 2008 final-salary \
                             accrual 1/60th, normal pension age 65 (LGPS (Benefits, Membership and \
                             Contributions) Regulations 2007); from 1 April 2014 at the LGPS 2014 \
                             career-average accrual 1/49th, normal pension age = state pension age \
                             (LGPS Regulations 2013 reg 23; Pensions Acts 2007 and 2014); \
                             early-retirement reduction near the Government Actuary's factors. \
                             Replace with the fund's quote."
                        .to_owned(),
                },
                protected_age: ProtectedAge::default(),
            },
            consultation: Consultation {
                bands: vec![
                    ConsultationBand { min_redundancies: 20, days: 30 },
                    ConsultationBand { min_redundancies: 100, days: 45 },
                ],
                source: "Trade Union and Labour Relations (Consolidation) Act 1992 s.188 (consultation), \
                         s.193 (form HR1 to the Secretary of State)"
                    .to_owned(),
            },
            approval: Approval {
                full_council: Money::pounds(100_000),
                reportable: Money::pounds(20_000),
                source: "Localism Act 2011 s.38 guidance (full council votes on packages of £100,000 or more); \
                         Accounts and Audit Regulations exit-package bands from £20,000"
                    .to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_in_force_changes_on_6_april() {
        let p = Parameters::default();
        let caps = &p.redundancy.weekly_caps;
        assert_eq!(
            in_force(caps, date(2025, 4, 5)).map(|d| d.value),
            Some(Money::pounds(700))
        );
        assert_eq!(
            in_force(caps, date(2025, 4, 6)).map(|d| d.value),
            Some(Money::pounds(719))
        );
        assert_eq!(
            in_force(caps, date(2026, 4, 5)).map(|d| d.value),
            Some(Money::pounds(719))
        );
        assert_eq!(
            in_force(caps, date(2026, 4, 6)).map(|d| d.value),
            Some(Money::pounds(751))
        );
        assert!(in_force(caps, date(2010, 1, 1)).is_none());
    }
}
