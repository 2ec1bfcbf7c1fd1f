//! The plan as saved: councils, functions, the target structure, the establishment, the
//! programme's dates and assumptions, scenarios and the statutory parameters.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::slides::{Chart, default_slides};
use super::{Colour, FinancialYear, Money, Parameters};

/// The plan file's format version. Raise it when the saved shape changes, and keep a fixture of
/// every released version in `tests/fixtures` for the tests to open.
pub const FORMAT_VERSION: u32 = 11;

/// A merger plan: everything a user saves and reopens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The save format's version ([`FORMAT_VERSION`] when written by this build).
    pub format_version: u32,
    /// The plan's name, e.g. "Bournemouth and Poole corporate services".
    pub name: String,
    /// What the plan is for.
    #[serde(default)]
    pub description: String,
    /// The programme's dates.
    pub programme: Programme,
    /// The employing councils.
    pub councils: Vec<Council>,
    /// Back-office functions.
    pub functions: Vec<Function>,
    /// The roles of the target structure.
    pub roles: Vec<Role>,
    /// Every post today, filled and vacant, across all councils.
    pub posts: super::Posts,
    /// Programme assumptions.
    #[serde(default)]
    pub assumptions: Assumptions,
    /// Alternative scenarios to compare with the plan as it stands (the base).
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// The dated statutory rules and figures.
    #[serde(default)]
    pub parameters: Parameters,
    /// The presentation's slides in order (format version 2; every chart when missing).
    #[serde(default = "default_slides")]
    pub slides: Vec<Chart>,
    /// The protective marking printed on every slide and exported chart (format version 3;
    /// OFFICIAL-SENSITIVE when missing: a plan holds personal data about staff).
    #[serde(default = "default_marking")]
    pub protective_marking: String,
    /// Comments on its items, with their threads (format version 11).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<super::Comment>,
    /// Who signed off which version (format version 11).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sign_offs: Vec<super::SignOff>,
    /// Which saved version this is and which it came from (format version 11). Last in the
    /// file, so it can be read from the file's end without reading the rest.
    #[serde(default, skip_serializing_if = "super::Lineage::is_empty")]
    pub lineage: super::Lineage,
}

/// The Government Security Classifications marking for a plan about named staff.
pub fn default_marking() -> String {
    "OFFICIAL-SENSITIVE".to_owned()
}

/// The programme's key dates.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    /// The day formal consultation (and HR1) starts, at every council.
    pub consultation_start: Date,
    /// The day the single service goes live.
    pub go_live: Date,
}

/// An employing council.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Council {
    /// Stable key posts refer to; never shown, never changes when the council is renamed.
    pub id: String,
    /// Full name, e.g. "Borough of Poole".
    pub name: String,
    /// Short name for charts, e.g. "Poole".
    pub short_name: String,
    /// Its colour on every chart.
    pub colour: Colour,
    /// Its redundancy compensation scheme.
    pub scheme: RedundancyScheme,
    /// Its LGPS employer contribution rate (0.212 = 21.2% of pay).
    pub lgps_employer_rate: f64,
    /// Minimum complete years of continuous local-government service to be offered VR.
    pub min_service_for_vr_years: u32,
    /// Its weight when costs are shared by explicit weights.
    pub cost_share_weight: f64,
    /// The LGPS rate, redundancy scheme and minimum VR service were given by default (by the
    /// import, or Add council) and not yet confirmed by the user (plan format 3).
    #[serde(default)]
    pub assumed: bool,
    /// The trade unions it recognises, consulted under TULRCA 1992 s.188 and named in the HR1
    /// and the disclosure letter (plan format 4).
    #[serde(default)]
    pub recognised_unions: Vec<String>,
    /// Where on a post's pay range its pay is taken, for posts the establishment gives with a
    /// range (plan format 9).
    #[serde(default, skip_serializing_if = "PayPoint::is_midpoint")]
    pub pay_point: PayPoint,
    /// Who holds the posts whose holders the plan does not know: shares by age and length of
    /// service, for their indicative costs (plan format 9).
    #[serde(default, skip_serializing_if = "WorkforceProfile::is_default")]
    pub workforce: WorkforceProfile,
}

/// Where on a pay range a post's pay is taken (docs/rules.md, "pay ranges").
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum PayPoint {
    /// Halfway between the minimum and the maximum.
    #[default]
    Midpoint,
    /// The bottom of the range.
    Minimum,
    /// The top of the range.
    Maximum,
    /// A share of the way from the minimum to the maximum (0 to 1).
    Share(f64),
}

impl PayPoint {
    /// The default: used by serde to leave it out of the file.
    pub fn is_midpoint(&self) -> bool {
        *self == Self::Midpoint
    }

    /// The share of the way up the range.
    pub fn share(self) -> f64 {
        match self {
            Self::Minimum => 0.0,
            Self::Maximum => 1.0,
            Self::Share(s) if s.is_finite() => s.clamp(0.0, 1.0),
            Self::Midpoint | Self::Share(_) => 0.5,
        }
    }

    /// The full-time pay at this point of `range`, to the penny.
    pub fn pay(self, range: PayRange) -> Money {
        let (lo, hi) = (range.minimum.pence() as f64, range.maximum.pence() as f64);
        Money::from_pence_f64(lo + (hi - lo) * self.share())
    }

    /// In words, for the papers: "the midpoint", "30% up the range".
    pub fn words(self) -> String {
        match self {
            Self::Midpoint => "the midpoint".to_owned(),
            Self::Minimum => "the minimum".to_owned(),
            Self::Maximum => "the maximum".to_owned(),
            Self::Share(_) => format!("{:.0}% of the way up", self.share() * 100.0),
        }
    }
}

/// A published pay range, full-time a year (plan format 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayRange {
    /// The bottom of the range.
    #[serde(rename = "minimum_pence")]
    pub minimum: Money,
    /// The top of the range.
    #[serde(rename = "maximum_pence")]
    pub maximum: Money,
}

/// The ages and lengths of service of a council's staff, as shares, for the posts whose holders
/// the plan does not know (docs/rules.md, "workforce profile"). Age and service are taken as
/// independent, with service never longer than the years since the age of 16.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkforceProfile {
    /// Shares of people in each of [`WorkforceProfile::AGE_BANDS`].
    pub age: [f64; 6],
    /// Shares of people in each of [`WorkforceProfile::SERVICE_BANDS`].
    pub service: [f64; 5],
    /// Share of people in the LGPS.
    pub lgps_members: f64,
    /// A person's average contract, FTE: a group's FTE over this is its people, where the file
    /// gives no headcount.
    pub average_contract_fte: f64,
    /// Where the figures come from, with its date.
    pub source: String,
}

/// An age band: its words and the age in whole years a person in it is costed at.
pub struct AgeBand {
    /// "25 to 34".
    pub label: &'static str,
    /// The age costed.
    pub age: u32,
}

/// A band of continuous service: its words and the complete years a person in it is costed at.
pub struct ServiceBand {
    /// "2 to 4 years".
    pub label: &'static str,
    /// The complete years costed.
    pub years: u32,
}

impl WorkforceProfile {
    /// The age bands, with the age each is costed at (its middle).
    pub const AGE_BANDS: [AgeBand; 6] = [
        AgeBand {
            label: "16 to 24",
            age: 21,
        },
        AgeBand {
            label: "25 to 34",
            age: 30,
        },
        AgeBand {
            label: "35 to 44",
            age: 40,
        },
        AgeBand {
            label: "45 to 54",
            age: 50,
        },
        AgeBand {
            label: "55 to 64",
            age: 60,
        },
        AgeBand {
            label: "65 or over",
            age: 66,
        },
    ];
    /// The service bands, with the complete years each is costed at.
    pub const SERVICE_BANDS: [ServiceBand; 5] = [
        ServiceBand {
            label: "under 2 years",
            years: 1,
        },
        ServiceBand {
            label: "2 to 4 years",
            years: 3,
        },
        ServiceBand {
            label: "5 to 9 years",
            years: 7,
        },
        ServiceBand {
            label: "10 to 19 years",
            years: 14,
        },
        ServiceBand {
            label: "20 years or more",
            years: 25,
        },
    ];

    /// The default: used by serde to leave it out of the file.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

impl Default for WorkforceProfile {
    /// Published figures: ages from Wiltshire Council's Employment monitoring report 2022-23
    /// (headcount by age band); service from a steady workforce at the LGA's benchmark labour
    /// turnover of 13.5% a year (the share still in post after n years is 0.865^n); the average
    /// contract from ONS's Quarterly Public Sector Employment Survey, England local government
    /// Q3 2020 (1,016,100 FTE over 1,354,700 people, as the LGA's workforce summary of March
    /// 2021 gives it); every holder taken as an LGPS member, the cautious choice (docs/rules.md).
    fn default() -> Self {
        Self {
            age: [0.072, 0.164, 0.228, 0.264, 0.224, 0.048],
            service: [0.252, 0.264, 0.250, 0.179, 0.055],
            lgps_members: 1.0,
            average_contract_fte: 0.75,
            source: DEFAULT_PROFILE_SOURCE.to_owned(),
        }
    }
}

/// The default profile's source, shown beside it.
pub const DEFAULT_PROFILE_SOURCE: &str = "Ages: Wiltshire Council, Employment monitoring report 2022-23. Service: a steady workforce at the LGA benchmark turnover of 13.5% a year. Average contract 0.75 FTE: ONS Quarterly Public Sector Employment Survey, England local government, Q3 2020. Every holder taken as an LGPS member (cautious).";

/// A council's redundancy compensation scheme under the 2006 discretionary regulations.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RedundancyScheme {
    /// Which week's pay the scheme uses.
    pub pay_basis: PayBasis,
    /// Multiplier of the statutory weeks for voluntary redundancy (1.0 = statutory).
    pub vr_multiplier: f64,
    /// Multiplier of the statutory weeks for compulsory redundancy.
    pub cr_multiplier: f64,
    /// Most weeks the scheme pays (at most 104).
    pub max_weeks: f64,
}

impl Default for RedundancyScheme {
    fn default() -> Self {
        Self {
            pay_basis: PayBasis::Capped,
            vr_multiplier: 1.0,
            cr_multiplier: 1.0,
            max_weeks: 30.0,
        }
    }
}

/// The week's pay a scheme counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PayBasis {
    /// The statutory cap on a week's pay applies.
    Capped,
    /// Actual weekly pay (reg 5 of the 2006 regulations).
    Actual,
}

/// A back-office function.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Function {
    /// Stable key.
    pub id: String,
    /// Name, e.g. "Finance".
    pub name: String,
    /// Its own go-live, when the functions go live in waves (the programme's when unset): its
    /// consultation starts as long before it as the programme's does before the programme's
    /// go-live. Format 6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_live: Option<Date>,
}

/// A role of the target structure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// Stable key posts refer to.
    pub id: String,
    /// The function it sits in.
    pub function: String,
    /// Job title, e.g. "Head of HR".
    pub title: String,
    /// FTE of this role in the target structure.
    pub target_fte: f64,
    /// What the role pays in the target structure.
    pub pay: TargetPay,
    /// The target is today's FTE, as an import left it: nobody has set it yet, and the next
    /// import moves it to the role's FTE then (plan format 9).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub target_from_establishment: bool,
}

/// The target salary of a role: a figure, or a rule over the current salaries mapped to it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum TargetPay {
    /// A full-time salary.
    Salary(Money),
    /// The highest current salary in the role.
    HarmoniseHighest,
    /// The FTE-weighted average current salary in the role.
    HarmoniseAverage,
    /// The lowest current salary in the role.
    HarmoniseLowest,
    /// Each post keeps its own salary: the role's pay is not yet designed (plan format 9; an
    /// import gives its new roles this, so the plan saves nothing until targets are set).
    Today,
}

/// One post in a council's establishment today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// Unique key, e.g. "POO-0042".
    pub id: String,
    /// The employing council.
    pub council: String,
    /// The function the post is in today.
    pub function: String,
    /// The target role it maps onto.
    pub role: String,
    /// Job title today.
    pub title: String,
    /// Grade, e.g. "Grade 7" or "SCP 25".
    #[serde(default)]
    pub grade: String,
    /// Full-time equivalent, more than 0 and at most 1 (a group's, more than 0).
    pub fte: f64,
    /// Full-time annual salary of the grade point (with a pay range, the council's point on it).
    #[serde(rename = "salary_pence")]
    pub salary: Money,
    /// The person in the post, or `None` for a vacancy or a post whose holders are unnamed.
    pub holder: Option<Postholder>,
    /// The post is filled by people the plan does not know (a published or grouped
    /// establishment): `holder` is `None` and their costs come from the council's workforce
    /// profile (plan format 9).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unnamed: bool,
    /// The row is a group of posts, as the file gave it (plan format 9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Group>,
    /// The pay range the file gave (plan format 9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_range: Option<PayRange>,
}

impl Post {
    /// Whether someone holds the post, named or not.
    pub fn is_filled(&self) -> bool {
        self.holder.is_some() || self.unnamed
    }
}

/// A row of several posts at one grade, title and pay (plan format 9).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The people in it, where the file says; else its FTE over the council's average contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headcount: Option<f64>,
}

/// The person in a filled post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Postholder {
    /// Date of birth: age decides statutory redundancy pay and pension strain.
    pub date_of_birth: Date,
    /// Start of continuous local-government service.
    pub service_start: Date,
    /// Member of the LGPS (membership taken to run from the service start).
    pub lgps_member: bool,
    /// Contractual notice in weeks (0 = statutory only).
    pub notice_weeks: u32,
    /// Has expressed interest in voluntary redundancy.
    pub vr_interest: bool,
    /// The post is critical: VR is refused and compulsory selection avoids it.
    pub critical: bool,
    /// The pension fund's quote of the strain cost, which beats any estimate.
    #[serde(rename = "strain_quote_pence")]
    pub strain_quote: Option<Money>,
    /// Equality monitoring, where the HR system records it: used only for the equality impact,
    /// never shown for one person. Format 7.
    #[serde(default, skip_serializing_if = "Monitoring::is_empty")]
    pub monitoring: Monitoring,
}

/// A postholder's protected characteristics as the HR system records them (free text, as the
/// council's own categories; none required). Only ever counted in groups of 5 or more.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Monitoring {
    /// Sex (or gender, as the system records it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    /// Ethnic group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    /// Disability ("Yes", "No", "Prefer not to say"...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disability: Option<String>,
}

impl Monitoring {
    /// Nothing recorded.
    pub fn is_empty(&self) -> bool {
        self.sex.is_none() && self.ethnicity.is_none() && self.disability.is_none()
    }
}

/// Programme assumptions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Assumptions {
    /// Share of the at-risk FTE left after VR that is redeployed into open posts (0 to 1).
    pub redeployment_rate: f64,
    /// VR take-up: the share of eligible staff with no recorded VR interest expected to volunteer
    /// (0 to 1; 0 = only those who said they are interested). For plans without recorded
    /// interest. Format 6.
    pub vr_take_up: f64,
    /// Years of pay protection for a redeployed person whose new salary is lower.
    pub pay_protection_years: f64,
    /// Years over which pay protection then tapers to nothing, evenly (0 = it stops at once).
    /// Format 5.
    pub pay_protection_taper_years: f64,
    /// Kept staff whose pay falls when their role's pay is harmonised are protected too, on the
    /// same terms. Format 5.
    pub protect_harmonised_pay: bool,
    /// Pay protection is costed with the employer's on-costs on the protected pay (NI, LGPS at
    /// the person's council's rate for members, the apprenticeship levy), as a finance officer
    /// budgets it; off, the protected pay alone. Format 8 (on in older plans).
    pub pay_protection_on_costs: bool,
    /// VR is accepted only where the exit pays back within this limit.
    pub vr_payback_limit: PaybackLimit,
    /// Whether compulsory redundancies may be made (false = VR only).
    pub compulsory_allowed: bool,
    /// Bumped redundancy: a volunteer from a role not at risk may go so that someone still at
    /// risk in the same function takes their post. Each such exit needs approval. Format 6.
    pub bumping: bool,
    /// One-off implementation costs (systems, relocation, project team).
    pub implementation_costs: Vec<ImplementationCost>,
    /// What the councils share: the cost of the single service, or its costs and savings (format
    /// version 3; sharing the cost of the service when missing).
    pub split_method: SplitMethod,
    /// The ratio the councils share in.
    pub cost_share: CostShare,
    /// How one-off costs are shared.
    pub one_off_split: OneOffSplit,
    /// How part-year effects are counted.
    pub part_year: PartYear,
    /// How a week's pay is derived from a salary.
    pub weekly_pay: WeeklyPay,
    /// The council that employs new posts of the single service (the first council if unset).
    pub host_council: Option<String>,
    /// A role is flagged as an equal-pay risk when councils' average pay for it differs by more
    /// than this share (0.05 = 5%).
    pub equal_pay_tolerance: f64,
    /// Savings and costs that are not posts (a contract saved, capacity bought in, a system
    /// bought once). Format 5.
    pub lines: Vec<Line>,
    /// A pay change for the staff who stay, by salary band (none when unset). Format 5.
    pub pay_change: Option<PayChange>,
    /// The uncertain inputs of every scenario that does not set its own. Format 6.
    pub ranges: Ranges,
}

/// A change to the pay of the staff who stay, by salary band: Southampton cut pay by 2% from
/// £17,500 to £22,000, 4.5% to £35,000, 5% to £65,000 and 5.5% above, staff below £17,500 exempt,
/// to save jobs. Each person's whole full-time salary in the single service (their role's target
/// salary) is changed at the rate of the band it falls in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PayChange {
    /// The bands, each from a full-time salary (inclusive) up to the next band's: a cut is a
    /// positive share (0.02 = 2%), a rise negative.
    pub bands: Vec<PayBand>,
    /// Staff paid less than this (full-time) are exempt.
    #[serde(rename = "exempt_below_pence")]
    pub exempt_below: Money,
    /// When the new pay starts.
    pub start: Option<Date>,
    /// The functions whose staff it applies to (every function when empty).
    pub functions: Vec<String>,
    /// Imposed by dismissal and re-engagement: everyone it applies to is proposed for dismissal
    /// and counts for collective consultation (TULRCA 1992 s.188, s.195).
    pub dismissal_and_reengagement: bool,
}

/// One band of a pay change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PayBand {
    /// From this full-time salary (inclusive).
    #[serde(rename = "from_pence")]
    pub from: Money,
    /// The change as a share of pay: 0.02 cuts by 2%.
    pub cut: f64,
}

impl PayChange {
    /// The share cut from a full-time salary of `salary` (0 when exempt or below every band).
    pub fn cut_for(&self, salary: Money) -> f64 {
        if salary < self.exempt_below {
            return 0.0;
        }
        self.bands
            .iter()
            .filter(|b| b.from <= salary && b.cut.is_finite())
            .max_by_key(|b| b.from)
            .map_or(0.0, |b| b.cut.clamp(-1.0, 1.0))
    }
}

/// What a line that is not a post does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineKind {
    /// Saves this much a year from its date.
    #[default]
    RecurringSaving,
    /// Costs this much a year from its date.
    RecurringCost,
    /// Costs this much once, on its date.
    OneOffCost,
}

impl LineKind {
    /// Every kind, in the order the app offers them.
    pub const ALL: [Self; 3] = [Self::RecurringSaving, Self::RecurringCost, Self::OneOffCost];

    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Self::RecurringSaving => "Saving a year",
            Self::RecurringCost => "Cost a year",
            Self::OneOffCost => "One-off cost",
        }
    }
}

/// A saving or cost that is not a post, in one function, from a date: Hertfordshire's £2.47m of
/// efficiencies besides posts, the £9,000 of added capacity Bournemouth and Poole set against
/// the merged heads of HR.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// What it is.
    pub name: String,
    /// A saving or cost a year, or a cost once.
    pub kind: LineKind,
    /// The function it belongs to (its saving or cost is that function's).
    pub function: String,
    /// The council it is that council's alone, when the councils share the cost of the single
    /// service; the single service's (shared by the ratio) when unset.
    pub council: Option<String>,
    /// How much: a year for a saving or cost a year, once for a one-off cost.
    #[serde(rename = "amount_pence")]
    pub amount: Money,
    /// From when (the day it is paid, for a one-off cost).
    pub from: Date,
}

impl Assumptions {
    /// Years of full pay protection a drop in pay costs: the full years, and half the taper
    /// (protection falls evenly to nothing over it).
    pub fn protection_factor(&self) -> f64 {
        let full = self.pay_protection_years.clamp(0.0, 10.0);
        let taper = self.pay_protection_taper_years.clamp(0.0, 10.0);
        full + taper / 2.0
    }

    /// Days the protection is paid over: the full years and the taper.
    pub fn protection_days(&self) -> i64 {
        let full = self.pay_protection_years.clamp(0.0, 10.0);
        let taper = self.pay_protection_taper_years.clamp(0.0, 10.0);
        ((full + taper) * 365.0).round() as i64
    }

    /// How pay protection is costed, in a sentence, for every paper that shows its cost.
    pub fn protection_sentence(&self) -> &'static str {
        if self.pay_protection_on_costs {
            "Pay protection is costed with the employer's on-costs on the protected pay: NI, LGPS at the council's rate for members and the apprenticeship levy."
        } else {
            "Pay protection is costed as the protected pay alone, without the employer's on-costs."
        }
    }

    /// How the councils split the money, in a sentence: "Costs and savings shared in equal
    /// shares; one-off costs in the same ratio."
    pub fn split_sentence(&self) -> String {
        let what = match self.split_method {
            SplitMethod::ServiceCost => "The cost of the single service shared",
            SplitMethod::CostsAndSavings => "Costs and savings shared",
        };
        format!(
            "{what} {}; one-off costs {}.",
            self.cost_share.label(),
            self.one_off_split.label()
        )
    }
}

impl Default for Assumptions {
    fn default() -> Self {
        Self {
            redeployment_rate: 0.25,
            vr_take_up: 0.0,
            pay_protection_years: 1.0,
            pay_protection_taper_years: 0.0,
            protect_harmonised_pay: false,
            pay_protection_on_costs: true,
            vr_payback_limit: PaybackLimit::None,
            compulsory_allowed: true,
            bumping: false,
            implementation_costs: Vec::new(),
            split_method: SplitMethod::ServiceCost,
            cost_share: CostShare::Equal,
            one_off_split: OneOffSplit::SameRatio,
            part_year: PartYear::Days,
            weekly_pay: WeeklyPay::Annual52,
            host_council: None,
            equal_pay_tolerance: 0.05,
            lines: Vec::new(),
            pay_change: None,
            ranges: Ranges::default(),
        }
    }
}

/// A limit on how long a VR exit may take to pay back.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum PaybackLimit {
    /// No limit.
    None,
    /// Exit cost ÷ annual saving must be at most this many years.
    Years(f64),
}

/// A one-off implementation cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImplementationCost {
    /// The financial year it is paid in.
    pub year: FinancialYear,
    /// What it is for.
    pub description: String,
    /// How much.
    #[serde(rename = "amount_pence")]
    pub amount: Money,
}

/// What the councils agree to share (docs/rules.md, "The split between councils").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SplitMethod {
    /// Share the cost of the single service: each council's saving is its cost today less its
    /// share of the single service's cost.
    #[default]
    ServiceCost,
    /// Share the costs and the savings: each council's saving is its share of the total saving
    /// (Bournemouth and Poole agreed 50:50).
    CostsAndSavings,
}

impl SplitMethod {
    /// Its name in a sentence ("sharing the cost of the single service").
    pub fn label(self) -> &'static str {
        match self {
            Self::ServiceCost => "sharing the cost of the single service",
            Self::CostsAndSavings => "sharing costs and savings",
        }
    }
}

/// The ratio councils share in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CostShare {
    /// Equal shares.
    Equal,
    /// In proportion to each council's cost today.
    BaselineCost,
    /// In proportion to each council's FTE today.
    Fte,
    /// In proportion to each council's `cost_share_weight`.
    Weights,
}

impl CostShare {
    /// Its name in a sentence ("in equal shares").
    pub fn label(self) -> &'static str {
        match self {
            Self::Equal => "in equal shares",
            Self::BaselineCost => "by cost today",
            Self::Fte => "by FTE today",
            Self::Weights => "by the councils' weights",
        }
    }
}

/// How one-off costs are shared between councils.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OneOffSplit {
    /// By the same ratio as the recurring cost.
    SameRatio,
    /// Each council bears the costs of its own employees; shared costs go by the ratio.
    EmployingCouncil,
}

impl OneOffSplit {
    /// Its name in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Self::SameRatio => "in the same ratio",
            Self::EmployingCouncil => "borne by each leaver's employing council",
        }
    }
}

/// How a part-year effect is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartYear {
    /// Days from the start date to 31 March, over 365 (a full year at most).
    Days,
    /// Whole months left in the year from the first of the month on or after the start, over 12.
    Months,
}

impl PartYear {
    /// How the UI and reports name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Days => "Days to 31 March ÷ 365",
            Self::Months => "Whole months left ÷ 12",
        }
    }
}

/// How a week's pay is derived from annual pay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WeeklyPay {
    /// Annual pay ÷ 52.
    Annual52,
    /// Annual pay × 7 ÷ 365.
    Annual365Days,
}

impl WeeklyPay {
    /// Weeks in a year under this convention.
    pub fn weeks_per_year(self) -> f64 {
        match self {
            Self::Annual52 => 52.0,
            Self::Annual365Days => 365.0 / 7.0,
        }
    }

    /// How the UI and reports name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Annual52 => "annual pay ÷ 52",
            Self::Annual365Days => "annual pay × 7 ÷ 365",
        }
    }
}

/// A scenario: changes to the plan to compare with the base. Unset fields keep the plan's value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    /// Unique name, e.g. "VR only".
    pub name: String,
    /// What it tests.
    pub description: String,
    /// A different go-live date.
    pub go_live: Option<Date>,
    /// A different consultation start.
    pub consultation_start: Option<Date>,
    /// Every role's target FTE is multiplied by this (1 or unset = unchanged).
    pub target_scale: Option<f64>,
    /// Target FTE for particular roles (after the scale).
    pub target_overrides: BTreeMap<String, f64>,
    /// A different redeployment rate.
    pub redeployment_rate: Option<f64>,
    /// A different VR take-up. Format 6.
    pub vr_take_up: Option<f64>,
    /// A different VR payback limit.
    pub vr_payback_limit: Option<PaybackLimit>,
    /// Whether compulsory redundancies are allowed.
    pub compulsory_allowed: Option<bool>,
    /// Whether bumped redundancy is allowed. Format 6.
    pub bumping: Option<bool>,
    /// Target pay for particular roles (a set salary or a harmonisation rule), by role id.
    /// Format 5.
    pub target_pay: BTreeMap<String, TargetPay>,
    /// Each role in these functions has its target FTE multiplied by this instead of by
    /// `target_scale`, by function id. Format 5.
    pub function_scales: BTreeMap<String, f64>,
    /// A different pay protection, in years. Format 5.
    pub pay_protection_years: Option<f64>,
    /// A different choice of what the councils share. Format 5.
    pub split_method: Option<SplitMethod>,
    /// A different ratio for sharing. Format 5.
    pub cost_share: Option<CostShare>,
    /// Different one-off implementation costs (all of them, replacing the plan's). Format 5.
    pub implementation_costs: Option<Vec<ImplementationCost>>,
    /// Different savings and costs besides posts (all of them, replacing the plan's). Format 5.
    pub lines: Option<Vec<Line>>,
    /// A different pay change: `Some(None)` for none where the plan has one. Format 5.
    pub pay_change: Option<Option<PayChange>>,
    /// A different taper of pay protection, in years. Format 5.
    pub pay_protection_taper_years: Option<f64>,
    /// Whether kept staff whose pay falls on harmonisation are protected. Format 5.
    pub protect_harmonised_pay: Option<bool>,
    /// A different minimum service for VR at every council, in years. Format 5.
    pub min_service_for_vr_years: Option<u32>,
    /// A different VR multiplier for particular councils, by council id. Format 5.
    pub vr_multipliers: BTreeMap<String, f64>,
    /// A different go-live for particular functions, by function id: the functions go live in
    /// waves. Format 6.
    pub function_go_live: BTreeMap<String, Date>,
    /// Indicative pension strain (where the fund has not quoted) × this. Format 6.
    pub strain_estimate_factor: Option<f64>,
    /// Every leaver's exit this many weeks later than their notice allows. Format 6.
    pub exit_slip_weeks: Option<f64>,
    /// The next pay award, as a share (0.03 = 3%), raising the savings of every financial year
    /// after go-live's. Format 6.
    pub pay_award: Option<f64>,
    /// Implementation costs × (1 + this): an overrun as a share. Format 6.
    pub implementation_overrun: Option<f64>,
    /// The uncertain inputs, each a low, likely and high value, for a Monte Carlo run. Format 6.
    pub ranges: Ranges,
}

/// A value nobody knows in advance: a low, a likely and a high value (a triangular
/// distribution).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Range {
    /// The lowest it could be.
    pub low: f64,
    /// The most likely.
    pub likely: f64,
    /// The highest it could be.
    pub high: f64,
}

impl Range {
    /// A single value: low, likely and high alike.
    pub fn single(value: f64) -> Self {
        Self {
            low: value,
            likely: value,
            high: value,
        }
    }

    /// The value at `u` (0 to 1) of the triangular distribution's inverse CDF; the bounds in
    /// order whatever order they were typed in.
    pub fn at(&self, u: f64) -> f64 {
        let mut v = [self.low, self.likely, self.high];
        if v.iter().any(|x| !x.is_finite()) {
            return self.likely;
        }
        let (a, b) = (v[0].min(v[2]), v[0].max(v[2]));
        v[1] = v[1].clamp(a, b);
        let c = v[1];
        if b - a <= 0.0 {
            return c;
        }
        let u = u.clamp(0.0, 1.0);
        let split = (c - a) / (b - a);
        if u < split {
            a + (u * (b - a) * (c - a)).sqrt()
        } else {
            b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
        }
    }
}

/// Uncertain inputs (none set: the values as they stand, certain). A scenario's own, else the
/// plan's (`assumptions.ranges`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ranges {
    /// VR take-up, a share.
    pub vr_take_up: Option<Range>,
    /// Redeployment rate, a share.
    pub redeployment_rate: Option<Range>,
    /// Indicative strain × this (1 = the estimate).
    pub strain_estimate_factor: Option<Range>,
    /// Exits slipping, in weeks.
    pub exit_slip_weeks: Option<Range>,
    /// The next pay award, a share.
    pub pay_award: Option<Range>,
    /// Implementation cost overrun, a share.
    pub implementation_overrun: Option<Range>,
    /// Payback within this many years counts as within the limit (3 when unset).
    pub payback_limit_years: Option<f64>,
}

impl Ranges {
    /// The payback limit a run judges by.
    pub fn payback_limit(&self) -> f64 {
        self.payback_limit_years
            .filter(|y| y.is_finite() && *y >= 0.0)
            .unwrap_or(3.0)
    }

    /// Each of these ranges, else `plan`'s.
    #[must_use]
    pub fn or(&self, plan: &Self) -> Self {
        Self {
            vr_take_up: self.vr_take_up.or(plan.vr_take_up),
            redeployment_rate: self.redeployment_rate.or(plan.redeployment_rate),
            strain_estimate_factor: self.strain_estimate_factor.or(plan.strain_estimate_factor),
            exit_slip_weeks: self.exit_slip_weeks.or(plan.exit_slip_weeks),
            pay_award: self.pay_award.or(plan.pay_award),
            implementation_overrun: self.implementation_overrun.or(plan.implementation_overrun),
            payback_limit_years: self.payback_limit_years.or(plan.payback_limit_years),
        }
    }

    /// Whether any input is uncertain.
    pub fn any(&self) -> bool {
        self.inputs().iter().any(|(_, r)| r.is_some())
    }

    /// Each input with its name as people say it.
    pub fn inputs(&self) -> [(&'static str, Option<Range>); 6] {
        [
            ("VR take-up", self.vr_take_up),
            ("Redeployment rate", self.redeployment_rate),
            ("Indicative strain", self.strain_estimate_factor),
            ("Exits slipping (weeks)", self.exit_slip_weeks),
            ("Next pay award", self.pay_award),
            ("Implementation overrun", self.implementation_overrun),
        ]
    }
}

impl Scenario {
    /// The name of the base scenario (the plan as it stands).
    pub const BASE: &'static str = "Base";

    /// The scale this scenario puts on a function's targets: the function's own, else the
    /// scenario's overall scale, else 1 (a scale that is not a number of 0 or more counts as
    /// unset).
    pub fn scale_for(&self, function: &str) -> f64 {
        let valid = |s: &f64| s.is_finite() && *s >= 0.0;
        self.function_scales
            .get(function)
            .copied()
            .filter(valid)
            .or(self.target_scale.filter(valid))
            .unwrap_or(1.0)
    }

    /// A role's target FTE in this scenario: its own override, else the plan's target times the
    /// scale (never negative, never NaN).
    pub fn target_for(&self, role: &Role) -> f64 {
        let t = self
            .target_overrides
            .get(&role.id)
            .copied()
            .unwrap_or(role.target_fte * self.scale_for(&role.function));
        if t.is_finite() { t.max(0.0) } else { 0.0 }
    }

    /// A role's target pay in this scenario.
    pub fn pay_for(&self, role: &Role) -> TargetPay {
        self.target_pay.get(&role.id).copied().unwrap_or(role.pay)
    }
}

impl Plan {
    /// An empty plan with the five standard functions and today's parameters.
    pub fn new(name: &str, programme: Programme) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: name.to_owned(),
            description: String::new(),
            programme,
            councils: Vec::new(),
            functions: standard_functions(),
            roles: Vec::new(),
            posts: super::Posts::new(),
            assumptions: Assumptions::default(),
            scenarios: Vec::new(),
            parameters: Parameters::default(),
            slides: default_slides(),
            protective_marking: default_marking(),
            comments: Vec::new(),
            sign_offs: Vec::new(),
            lineage: super::Lineage::default(),
        }
    }

    /// The council with this id.
    pub fn council(&self, id: &str) -> Option<&Council> {
        self.councils.iter().find(|c| c.id == id)
    }

    /// The function with this id.
    pub fn function(&self, id: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.id == id)
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The scenario with this name; the base for "Base" (any case) or an empty name.
    pub fn scenario(&self, name: &str) -> Option<Scenario> {
        if name.is_empty() || name.eq_ignore_ascii_case(Scenario::BASE) {
            return Some(Scenario {
                name: Scenario::BASE.to_owned(),
                ..Scenario::default()
            });
        }
        self.scenarios
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .cloned()
    }

    /// The base scenario and then every saved scenario's name.
    pub fn scenario_names(&self) -> Vec<String> {
        std::iter::once(Scenario::BASE.to_owned())
            .chain(self.scenarios.iter().map(|s| s.name.clone()))
            .collect()
    }
}

/// Finance, HR, IT, Legal and Other support.
pub fn standard_functions() -> Vec<Function> {
    [
        ("finance", "Finance"),
        ("hr", "HR"),
        ("it", "IT"),
        ("legal", "Legal"),
        ("other", "Other support"),
    ]
    .into_iter()
    .map(|(id, name)| Function {
        id: id.to_owned(),
        name: name.to_owned(),
        go_live: None,
    })
    .collect()
}
