//! What the engine computes from a plan and a scenario: the figures every view, chart, report
//! and export reads.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{FinancialYear, Money};

/// FTE movements of a group of posts (a role, function or council), from today to the target.
///
/// Today = `kept` + `vacancies_kept` + `vacancies_deleted` + `voluntary` + `compulsory` +
/// `redeployed_out` (up to rounding of real numbers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Flows {
    /// Filled FTE today.
    pub filled: f64,
    /// Funded vacant FTE today.
    pub vacant: f64,
    /// Vacant FTE deleted.
    pub vacancies_deleted: f64,
    /// Vacant FTE kept (open posts in the target structure).
    pub vacancies_kept: f64,
    /// FTE leaving by voluntary redundancy.
    pub voluntary: f64,
    /// FTE redeployed into open posts elsewhere.
    pub redeployed_out: f64,
    /// FTE leaving by compulsory redundancy (expected over a fair selection).
    pub compulsory: f64,
    /// Filled FTE that stays in its role (including any left above target when compulsory
    /// redundancy is not allowed).
    pub kept: f64,
    /// Of `kept`, FTE above target because compulsory redundancy is not allowed.
    pub over_target: f64,
    /// Of `voluntary`, FTE bumped: volunteers from roles not at risk whose posts people at risk
    /// in the function take (as many FTE come in as go; they are in others' `redeployed_out`).
    pub bumped: f64,
}

impl Flows {
    /// Filled and vacant FTE today.
    pub fn current(&self) -> f64 {
        self.filled + self.vacant
    }

    /// FTE kept in the single service: filled posts kept and vacancies kept open. With it the
    /// pools add up to today (docs/rules.md: today = kept + deleted vacancies + VR + CR +
    /// redeployed out); the Pools view's "Kept" column.
    pub fn kept_total(&self) -> f64 {
        self.kept + self.vacancies_kept
    }

    /// VR and compulsory together.
    pub fn redundancies(&self) -> f64 {
        self.voluntary + self.compulsory
    }

    pub(crate) fn add(&mut self, o: &Self) {
        self.filled += o.filled;
        self.vacant += o.vacant;
        self.vacancies_deleted += o.vacancies_deleted;
        self.vacancies_kept += o.vacancies_kept;
        self.voluntary += o.voluntary;
        self.redeployed_out += o.redeployed_out;
        self.compulsory += o.compulsory;
        self.kept += o.kept;
        self.over_target += o.over_target;
        self.bumped += o.bumped;
    }
}

/// One role of the target structure and its pool.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RoleOutcome {
    /// Role id.
    pub id: String,
    /// Job title.
    pub title: String,
    /// Index of its function in [`Outcome::functions`].
    pub function: usize,
    /// Target FTE in this scenario.
    pub target_fte: f64,
    /// Target full-time salary (after the pay rule).
    pub target_salary: Money,
    /// FTE movements of the pool.
    pub flows: Flows,
    /// New posts (target above today's FTE).
    pub new_posts: f64,
    /// FTE redeployed into this role's open posts.
    pub redeployed_in: f64,
    /// Today's FTE minus target.
    pub overlap: f64,
    /// FTE in critical posts today.
    pub critical_fte: f64,
    /// Councils whose posts map to this role.
    pub councils: Vec<usize>,
    /// Full-year cost today.
    pub baseline_cost: Money,
    /// Full-year cost in the target structure.
    pub target_cost: Money,
    /// Movements by council (index as [`Outcome::councils`]).
    pub by_council: Vec<Flows>,
    /// Who gains and who loses when the role's pay is harmonised.
    pub pay_moves: PayMoves,
}

/// One function.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FunctionOutcome {
    /// Function id.
    pub id: String,
    /// Its name as the plan gives it ("Finance").
    pub name: String,
    /// The FTE its roles' targets add up to.
    pub target_fte: f64,
    /// FTE movements.
    pub flows: Flows,
    /// FTE of the target structure that no post fills today (new roles, targets above today).
    pub new_posts: f64,
    /// FTE redeployed in.
    pub redeployed_in: f64,
    /// Today's FTE minus target, summed over the function's roles.
    pub overlap: f64,
    /// Full-year cost today.
    pub baseline_cost: Money,
    /// Full-year cost in the target structure.
    pub target_cost: Money,
    /// Recurring saving (baseline − target).
    pub recurring_saving: Money,
    /// Movements by council.
    pub by_council: Vec<Flows>,
    /// Each council's cost today in this function.
    pub council_baseline: Vec<Money>,
    /// Each council's share of the function's target cost, by the cost-share ratio.
    pub council_share: Vec<Money>,
    /// Each council's saving in this function (its baseline − its share); adds to the total.
    pub council_saving: Vec<Money>,
}

/// One council's timetable, for one wave or (`wave` none) every wave together.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Timetable {
    /// The wave (index in [`Outcome::waves`]), or none for the council's whole timetable.
    pub wave: Option<usize>,
    /// The go-live it works to (the last wave's for the whole timetable).
    pub go_live: Date,
    /// People proposed for redundancy in it.
    pub proposed: u32,
    /// People proposed for dismissal at the council within the period of 90 days that decides
    /// the days owed: this wave's and any later wave's whose dismissals fall within 90 days of
    /// its own (for the whole timetable, the most any wave counts).
    pub counted: u32,
    /// Formal consultation starts (and HR1 goes to the Secretary of State).
    pub consultation_start: Date,
    /// Days of collective consultation owed (0 below the first band).
    pub consultation_days: u32,
    /// Form HR1 is due by this date: before any notice is given, and at least the days of
    /// consultation owed before the first dismissal.
    pub hr1_by: Date,
    /// Notices can be given from this day (consultation ends).
    pub notices_from: Date,
    /// The first leaver's exit date (none when nobody leaves).
    pub first_exit: Option<Date>,
    /// The last leaver's exit date.
    pub last_exit: Option<Date>,
    /// Longest notice among those proposed for redundancy, weeks.
    pub longest_notice_weeks: u32,
    /// The latest consultation start that still lets every exit happen by go-live (for the
    /// whole timetable, the latest the programme's consultation start could be for every wave).
    pub latest_consultation_start: Option<Date>,
    /// Every exit is on go-live (the timetable meets the target date).
    pub meets_go_live: bool,
    /// FTE leaving after go-live.
    pub fte_after_go_live: f64,
}

/// One council.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CouncilOutcome {
    /// Council id.
    pub id: String,
    /// Its full name ("Borough of Poole").
    pub name: String,
    /// The name axes and legends use ("Poole"); may be empty.
    pub short_name: String,
    /// FTE movements of its posts.
    pub flows: Flows,
    /// Its share of the single service's cost, as a ratio (the shares add to 1).
    pub share_ratio: f64,
    /// Full-year cost of its posts today.
    pub baseline_cost: Money,
    /// Its posts' salaries today before on-costs (each salary x FTE, filled and vacant).
    pub salary_cost: Money,
    /// Its share of the target structure's cost.
    pub cost_share: Money,
    /// Baseline − its share.
    pub recurring_saving: Money,
    /// Its share of one-off costs by the plan's one-off split.
    pub one_off_cost: Money,
    /// One-off costs of its own employees (redundancy pay, strain, NI, pay protection).
    pub employee_one_off: Money,
    /// People proposed for VR or compulsory redundancy (for collective consultation).
    pub proposed_redundancies: u32,
    /// The same by role: (index in [`Outcome::roles`], people), adding up to it.
    pub proposed_by_role: Vec<(usize, u32)>,
    /// Savings lost while leavers work notice after go-live (already in the part-year figures).
    pub double_running_cost: Money,
    /// The timetable, every wave together.
    pub timetable: Timetable,
    /// The timetable of each wave it has posts in (one when the functions go live together).
    pub waves: Vec<Timetable>,
    /// Its part of each financial year in [`Outcome::years`], the split applied to that year's
    /// own figures.
    pub years: Vec<super::CouncilYear>,
}

/// One-off costs by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct OneOff {
    /// Redundancy pay (statutory and discretionary).
    pub redundancy_pay: Money,
    /// Of which statutory.
    pub statutory_redundancy_pay: Money,
    /// LGPS strain.
    pub pension_strain: Money,
    /// Of which indicative estimates rather than fund quotes.
    pub pension_strain_estimated: Money,
    /// Employer Class 1A NI on termination payments over £30,000.
    pub class1a_ni: Money,
    /// Pay protection for redeployed staff.
    pub pay_protection: Money,
    /// Implementation costs.
    pub implementation: Money,
}

impl OneOff {
    /// Adds another set of one-off costs.
    pub(crate) fn add(&mut self, o: &Self) {
        self.redundancy_pay += o.redundancy_pay;
        self.statutory_redundancy_pay += o.statutory_redundancy_pay;
        self.pension_strain += o.pension_strain;
        self.pension_strain_estimated += o.pension_strain_estimated;
        self.class1a_ni += o.class1a_ni;
        self.pay_protection += o.pay_protection;
        self.implementation += o.implementation;
    }

    /// All one-off costs.
    pub fn total(&self) -> Money {
        self.redundancy_pay
            + self.pension_strain
            + self.class1a_ni
            + self.pay_protection
            + self.implementation
    }
}

/// The bridge from today's cost to the target cost. Each step is a saving (negative for a cost);
/// `baseline − steps = target` exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Waterfall {
    /// Today's full-year cost.
    pub baseline: Money,
    /// The full-year cost of the vacant posts deleted.
    pub vacancies_deleted: Money,
    /// VR leavers.
    pub voluntary: Money,
    /// Compulsory leavers.
    pub compulsory: Money,
    /// Posts deleted whose holders were redeployed.
    pub redeployed: Money,
    /// New posts (a cost, so negative).
    pub new_posts: Money,
    /// Kept staff and vacancies moved to the role's target salary (negative if pay rises).
    pub pay_harmonisation: Money,
    /// The pay change for the staff who stay (negative for a rise).
    pub pay_change: Money,
    /// Savings less costs that are not posts (negative when the costs are larger).
    pub lines: Money,
    /// The target structure's full-year cost, with the lines that are not posts.
    pub target: Money,
}

impl Waterfall {
    /// The steps in order, named as the UI names them.
    /// The step for savings and costs besides posts is left out when a plan has none.
    pub fn steps(&self) -> Vec<(&'static str, Money)> {
        let mut steps = vec![
            ("Vacancies deleted", self.vacancies_deleted),
            ("Voluntary redundancy", self.voluntary),
            ("Compulsory redundancy", self.compulsory),
            ("Redeployed", self.redeployed),
            ("New posts", self.new_posts),
            ("Pay harmonisation", self.pay_harmonisation),
        ];
        if self.pay_change != Money::ZERO {
            steps.push(("Pay change", self.pay_change));
        }
        if self.lines != Money::ZERO {
            steps.push(("Besides posts", self.lines));
        }
        steps
    }

    /// The recurring saving: the sum of the steps.
    pub fn saving(&self) -> Money {
        self.steps().iter().map(|(_, m)| *m).sum()
    }
}

/// One financial year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct YearOutcome {
    /// The financial year (1 April to 31 March).
    pub year: FinancialYear,
    /// Recurring saving falling in the year (part-year effects included).
    pub saving: Money,
    /// One-off costs paid in the year.
    pub one_off_cost: Money,
    /// Saving − one-off cost.
    pub net: Money,
    /// Net to date.
    pub cumulative_net: Money,
}

/// Why a person is in the list of people affected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PersonFate {
    /// Accepted for VR: leaves for certain (`share` 1), or is expected to volunteer at the
    /// scenario's VR take-up (`share` below 1; the rest of them is a second, at-risk row).
    Voluntary,
    /// Volunteers from a role not at risk so that someone at risk takes their post (bumped
    /// redundancy, with `share` as for VR): their post stays filled, so their going saves
    /// nothing; it needs approval.
    Bumped,
    /// In a pool still at risk after VR: may be selected for compulsory redundancy (with
    /// probability `share`) or redeployed (with probability `redeployed`). Their figures are
    /// expected values.
    AtRisk,
}

/// A person affected: an accepted volunteer, or a member of a pool still at risk.
#[derive(Clone, Debug, Serialize)]
pub struct PersonOutcome {
    /// Index of the post in the plan's establishment.
    pub post: usize,
    /// Council index.
    pub council: usize,
    /// Role index.
    pub role: usize,
    /// What happens.
    pub fate: PersonFate,
    /// Share of the person who leaves by redundancy: 1 for an accepted volunteer, the expected
    /// take-up for VR expected of someone who did not say, the probability of compulsory
    /// selection otherwise. Exit costs count × this.
    pub share: f64,
    /// The people the row stands for: one, or a group of posts' people (its exit costs are
    /// theirs together, so the shares are of all of them).
    pub people: f64,
    /// Share of the person expected to be redeployed.
    pub redeployed: f64,
    /// Exit (or move) date.
    pub exit_date: Date,
    /// Notice in weeks (the longer of statutory and contractual).
    pub notice_weeks: u32,
    /// The person's exit costs if they leave (not multiplied by `share`; none if they cannot be
    /// selected).
    pub exit: super::ExitCost,
    /// Expected pay protection if redeployed.
    pub pay_protection: Money,
    /// The person's full-year cost today.
    pub annual_cost: Money,
    /// Exit cost ÷ annual cost, in years.
    pub payback_years: Option<f64>,
}

/// A person's one-off costs as they count in the totals: exit costs × the share who leaves,
/// each rounded to the penny once, so a schedule of people adds up to the totals exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counted {
    /// Redundancy pay under the council's scheme (the statutory pay or more).
    pub redundancy_pay: Money,
    /// The statutory part of it.
    pub statutory_pay: Money,
    /// The pension strain the council pays the LGPS fund (unreduced early retirement at 55 or over).
    pub pension_strain: Money,
    /// Class 1A NI on the payment.
    pub class1a_ni: Money,
    /// Pay protection if redeployed.
    pub pay_protection: Money,
}

impl Counted {
    /// Everything the council pays once for the person.
    pub fn total(&self) -> Money {
        self.redundancy_pay + self.pension_strain + self.class1a_ni + self.pay_protection
    }
}

impl PersonOutcome {
    /// The person's one-off costs as the totals count them.
    pub fn counted(&self) -> Counted {
        Counted {
            redundancy_pay: self.exit.redundancy_pay.scale(self.share),
            statutory_pay: self.exit.statutory_pay.scale(self.share),
            pension_strain: self.exit.pension_strain.scale(self.share),
            class1a_ni: self.exit.class1a_ni.scale(self.share),
            pay_protection: self.pay_protection,
        }
    }

    /// The share of the post the leavers' schedule shows for this person: the expected
    /// redeployed share for someone expected only to move, otherwise the share that leaves
    /// (1 for a volunteer, the expected compulsory share for someone at risk).
    pub fn shown_share(&self) -> f64 {
        if self.kind() == "redeployed" {
            self.redeployed
        } else {
            self.share
        }
    }

    /// "voluntary", "bumped" (volunteers so someone at risk takes their post), "compulsory" (an
    /// expected share may be selected) or "redeployed" (expected to move to an open post, not to
    /// leave).
    pub fn kind(&self) -> &'static str {
        match self.fate {
            PersonFate::Voluntary => "voluntary",
            PersonFate::Bumped => "bumped",
            PersonFate::AtRisk if self.share > 1e-9 => "compulsory",
            PersonFate::AtRisk => "redeployed",
        }
    }
}

/// Kinds of flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// A council cannot finish consultation and notice before go-live.
    TimetableMiss,
    /// Exits fall after go-live: both structures are paid meanwhile.
    DoubleRunning,
    /// An individual package of £100,000 or more needs full council approval.
    FullCouncilApproval,
    /// Packages of £20,000 or more.
    ReportablePackage,
    /// The same role is paid differently across councils.
    EqualPayRisk,
    /// A role's target is below the FTE of its critical posts.
    BelowCriticalPosts,
    /// Compulsory redundancy is off and volunteers do not reach the target.
    TargetNotReached,
    /// Not enough open posts for the planned redeployment.
    RedeploymentShortfall,
    /// Pension strain includes indicative estimates.
    IndicativeStrain,
    /// Strain is due only through the protected pension age, not yet confirmed for the LGPS.
    ProtectedPensionAge,
    /// A fund's strain quote is not used because the rules say no strain is due.
    UnusedStrainQuote,
    /// A statutory figure is past the last one stored: held at it, or raised by an assumption.
    AssumedFigures,
    /// A pay change imposed by dismissal and re-engagement: everyone it applies to is proposed
    /// for dismissal.
    DismissalReengagement,
    /// A volunteer from a role not at risk goes so that someone at risk takes the post.
    BumpedRedundancy,
    /// An age band is selected at under four-fifths or over five-fourths of the workforce's
    /// rate.
    AgeSelection,
    /// A group by sex, ethnicity or disability is selected at under four-fifths or over
    /// five-fourths of the workforce's rate.
    GroupSelection,
    /// Posts held by people the plan does not name are costed from a workforce profile: their
    /// exit costs are indicative.
    AssumedWorkforceProfile,
}

impl FlagKind {
    /// A heading for flags of this kind.
    pub fn label(self) -> &'static str {
        match self {
            Self::TimetableMiss => "Timetable misses go-live",
            Self::DoubleRunning => "Exits after go-live (double running)",
            Self::FullCouncilApproval => "Packages of £100,000 or more (full council approval)",
            Self::ReportablePackage => "Packages of £20,000 or more",
            Self::EqualPayRisk => "Equal-pay risk: same role paid differently",
            Self::BelowCriticalPosts => "Roles cut below their critical posts",
            Self::TargetNotReached => "Target not reached",
            Self::RedeploymentShortfall => "Redeployment shortfall",
            Self::IndicativeStrain => "Indicative pension strain",
            Self::ProtectedPensionAge => "Protected pension age assumed",
            Self::UnusedStrainQuote => "Strain quotes not used",
            Self::AssumedFigures => "Figures past the last one known",
            Self::DismissalReengagement => "Pay change by dismissal and re-engagement",
            Self::BumpedRedundancy => "Bumped redundancies (each needs approval)",
            Self::AgeSelection => "Age bands selected unevenly (four-fifths rule)",
            Self::GroupSelection => {
                "Sex, ethnicity or disability selected unevenly (four-fifths rule)"
            }
            Self::AssumedWorkforceProfile => "Indicative: holders costed from a workforce profile",
        }
    }
}

/// Something the directors must see.
#[derive(Clone, Debug, Serialize)]
pub struct Flag {
    /// What kind of risk it is, for its icon and for tests.
    pub kind: FlagKind,
    /// Plain words.
    pub message: String,
    /// Council it concerns, if one.
    #[serde(skip)]
    pub council: Option<usize>,
    /// Role it concerns, if one.
    #[serde(skip)]
    pub role: Option<usize>,
}

/// Headline totals.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Totals {
    /// FTE movements.
    pub flows: Flows,
    /// The FTE of the target structure.
    pub target_fte: f64,
    /// FTE of the target structure that no post fills today.
    pub new_posts: f64,
    /// Full-year cost today.
    pub baseline_cost: Money,
    /// Full-year cost of the target structure.
    pub target_cost: Money,
    /// Baseline − target.
    pub recurring_saving: Money,
    /// All one-off costs.
    pub one_off_cost: Money,
    /// One-off cost ÷ recurring saving, in years (none if nothing is saved).
    pub payback_years: Option<f64>,
    /// First financial year in which the cumulative net turns positive.
    pub payback_year: Option<FinancialYear>,
    /// Savings lost to exits after go-live.
    pub double_running_cost: Money,
}

impl Totals {
    /// The FTE the single service actually has after the change: the target, plus what stays
    /// above it where too few volunteered and compulsory redundancy is off.
    pub fn fte_reached(&self) -> f64 {
        self.target_fte + self.flows.over_target
    }

    /// Whether the scenario falls short of its target (by more than rounding).
    pub fn short_of_target(&self) -> bool {
        self.flows.over_target > 0.05
    }
}

/// Who gains and who loses when a role's pay is harmonised (the kept staff; yearly pay, without
/// on-costs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PayMoves {
    /// People whose pay rises.
    pub gainers: u32,
    /// What their pay rises by in all, a year.
    pub gain: Money,
    /// People whose pay falls.
    pub losers: u32,
    /// What their pay falls by in all, a year.
    pub loss: Money,
}

/// What a pay change for the staff who stay does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PayChangeOutcome {
    /// Full-year saving, with on-costs (negative for a rise).
    pub saving: Money,
    /// People whose pay it changes.
    pub people: u32,
    /// The saving in posts: ÷ the average full-year cost of a full-time post in the functions
    /// it touches (their cost today ÷ their FTE today).
    pub posts_saved: f64,
    /// Imposed by dismissal and re-engagement: the people count for collective consultation.
    pub dismissal_and_reengagement: bool,
}

/// Functions going live together.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Wave {
    /// Its go-live.
    pub go_live: Date,
    /// The day collective consultation on its functions starts.
    pub consultation_start: Date,
    /// Its functions (indices in [`Outcome::functions`]).
    pub functions: Vec<usize>,
}

/// Everything computed for one scenario.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Outcome {
    /// Scenario name.
    pub scenario: String,
    /// The assumptions it was computed with: the plan's, with the scenario's changes (its split,
    /// pay protection, implementation costs). Reports say the split from these.
    #[serde(skip)]
    pub assumptions: crate::model::Assumptions,
    /// Consultation start used.
    pub consultation_start: Date,
    /// Go-live used.
    pub go_live: Date,
    /// The waves the functions go live in, earliest first (one when they go live together).
    pub waves: Vec<Wave>,
    /// Headline totals.
    pub totals: Totals,
    /// The pay change for the staff who stay, when the scenario has one.
    pub pay_change: Option<PayChangeOutcome>,
    /// One-off costs by kind.
    pub one_off: OneOff,
    /// Bridge from today's cost to the target cost.
    pub waterfall: Waterfall,
    /// Councils in plan order.
    pub councils: Vec<CouncilOutcome>,
    /// Functions in plan order.
    pub functions: Vec<FunctionOutcome>,
    /// Roles in plan order.
    pub roles: Vec<RoleOutcome>,
    /// Money by financial year over the horizon.
    pub years: Vec<YearOutcome>,
    /// People affected.
    pub people: Vec<PersonOutcome>,
    /// Risks the directors must see (timetable, law, targets), in plain words.
    pub flags: Vec<Flag>,
    /// The equality impact (worked out with the flags; empty without them).
    #[serde(skip)]
    pub equality: super::equality::Equality,
}
