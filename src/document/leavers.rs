//! Pools > Leavers as rows: each person who leaves or is at risk, with their package as the totals
//! count it, in the columns that fit a screen (`LeaverColumn::ON_SCREEN`, the same cells as the
//! papers' Leavers table), made once per change of the plan.

use crate::engine::Outcome;
use crate::figures::leavers::LeaverColumn;
use crate::figures::tables::Cell;
use crate::model::{Money, Plan};

/// How many columns the screen shows.
pub const SHOWN: usize = LeaverColumn::ON_SCREEN.len();

/// One person's row, with what it sorts and filters by.
#[derive(Clone, Debug)]
pub struct Row {
    /// The cells, in [`LeaverColumn::ON_SCREEN`] order (typed, so a column sorts by value).
    pub cells: [Cell; SHOWN],
    /// The same cells as they read (a pension strain that is estimated says so).
    pub shown: [String; SHOWN],
    /// The exit date's hover text: notice and statutory weeks.
    pub exit_detail: String,
    /// The council's index.
    pub council: usize,
    /// "voluntary", "bumped", "compulsory" or "redeployed".
    pub kind: &'static str,
    /// The package in all, for the total of the people shown.
    pub total: Money,
    /// Lower-case text searched by the filter.
    pub search: String,
}

/// Every person's row, built from the outcome (once per change of the plan).
pub fn rows(plan: &Plan, o: &Outcome) -> Vec<Row> {
    o.people
        .iter()
        .map(|p| {
            let cells = LeaverColumn::ON_SCREEN.map(|c| c.cell(plan, o, p));
            let mut shown = cells.clone().map(|c| c.shown());
            let strain = LeaverColumn::ON_SCREEN
                .iter()
                .position(|&c| c == LeaverColumn::PensionStrain);
            if let Some(i) = strain
                && p.exit.strain_estimated
                && p.counted().pension_strain.pence() > 0
            {
                shown[i].push_str(" (estimate)");
            }
            let search = [
                LeaverColumn::Post,
                LeaverColumn::Council,
                LeaverColumn::Role,
                LeaverColumn::Route,
            ]
            .map(|c| c.cell(plan, o, p).shown())
            .join(" ")
            .to_lowercase();
            Row {
                cells,
                shown,
                exit_detail: format!(
                    "Notice {} weeks; {} weeks' statutory redundancy pay",
                    p.notice_weeks, p.exit.statutory_weeks
                ),
                council: p.council,
                kind: p.kind(),
                total: p.counted().total(),
                search,
            }
        })
        .collect()
}
