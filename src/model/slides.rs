//! The charts a plan can show, and the slides of its presentation: which charts, in which order.
//! Saved in the plan so the deck a director rehearsed is the one they reopen.

use serde::{Deserialize, Serialize};

/// One of the charts the app draws (docs/guide.md, "Charts, presentations and images").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Chart {
    /// Per function, each council's FTE today stacked beside the target.
    Overlap,
    /// Recurring saving per function, split by council share.
    Savings,
    /// From today's cost to the target cost, step by step.
    Waterfall,
    /// FTE of each redundancy pool per function (or per role of one function).
    Pools,
    /// Savings and one-off costs per financial year, the cumulative net line and payback.
    Money,
    /// Consultation, HR1, notices and exits per council against go-live.
    Timetable,
    /// Each council's share of the saving and of the one-off costs.
    Split,
    /// The headline figures of every scenario side by side.
    Scenarios,
    /// Cumulative net by financial year over the uncertain inputs: P10 to P90, P50, as planned.
    Fan,
    /// Which uncertain input moves the one-off cost and the saving most.
    Tornado,
    /// Each group's rate of selection against the workforce's (the four-fifths rule).
    Equality,
}

impl Chart {
    /// Every chart, in the order a presentation shows them unless the user chooses another.
    pub const ALL: [Self; 11] = [
        Self::Overlap,
        Self::Savings,
        Self::Waterfall,
        Self::Pools,
        Self::Money,
        Self::Timetable,
        Self::Split,
        Self::Scenarios,
        Self::Fan,
        Self::Tornado,
        Self::Equality,
    ];

    /// The chart's name, as titles, menus and file names use it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Overlap => "Headcount overlap",
            Self::Savings => "Savings by function",
            Self::Waterfall => "From today's cost to the target cost",
            Self::Pools => "Redundancy pools",
            Self::Money => "Money over time",
            Self::Timetable => "Timetable",
            Self::Split => "Council split",
            Self::Scenarios => "Scenarios compared",
            Self::Fan => "Range of outcomes",
            Self::Tornado => "What moves the figures most",
            Self::Equality => "Equality impact",
        }
    }

    /// A short name for file names, e.g. `overlap`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Overlap => "overlap",
            Self::Savings => "savings",
            Self::Waterfall => "waterfall",
            Self::Pools => "pools",
            Self::Money => "money",
            Self::Timetable => "timetable",
            Self::Split => "split",
            Self::Scenarios => "scenarios",
            Self::Fan => "fan",
            Self::Tornado => "tornado",
            Self::Equality => "equality",
        }
    }
}

/// The slides of a plan that has not chosen its own: every chart once.
pub fn default_slides() -> Vec<Chart> {
    Chart::ALL.to_vec()
}
