//! The plan as saved: serde types, versioned, with validation and no other behaviour.

mod calendar;
mod money;
mod parameters;
mod plan;
mod posts;
mod review;
mod slides;
pub mod validate;

pub use calendar::{COUNCIL_PALETTE, Colour, FinancialYear};
pub use money::{Money, group_thousands, parse_money, round};
pub use parameters::{
    Approval, Consultation, ConsultationBand, Dated, DiscretionaryLimits, EmployerNi, Lgps,
    Parameters, PensionAgeBand, ProtectedAge, StatutoryNotice, StatutoryRedundancy, StrainEstimate,
    TerminationNi, in_force,
};
pub use plan::{
    Assumptions, CostShare, Council, DEFAULT_PROFILE_SOURCE, FORMAT_VERSION, Function, Group,
    ImplementationCost, Line, LineKind, Monitoring, OneOffSplit, PartYear, PayBand, PayBasis,
    PayChange, PayPoint, PayRange, PaybackLimit, Plan, Post, Postholder, Programme, Range, Ranges,
    RedundancyScheme, Role, Scenario, SplitMethod, TargetPay, WeeklyPay, WorkforceProfile,
    standard_functions,
};
pub use posts::Posts;
pub use review::{
    Comment, Keyed, Lineage, PlanSettings, Reply, Resolved, SignOff, Signed, Topic, Was,
    signed_difference, signed_version,
};
pub use slides::{Chart, default_slides};
pub use validate::{Location, Problem, Severity, validate};
