//! The leavers' columns, defined once: each person who leaves or is at risk, with their package as
//! the totals count it. The papers' Leavers table has every column; Pools > Leavers shows the
//! ones that fit a screen ([`LeaverColumn::ON_SCREEN`]) from the same cells.

use crate::engine::{Outcome, PersonOutcome};
use crate::figures::tables::Cell;
use crate::model::Plan;

/// A column of the leavers' list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeaverColumn {
    /// The post's id.
    Post,
    /// The council's short name.
    Council,
    /// The role.
    Role,
    /// Voluntary, bumped, compulsory or redeployed.
    Route,
    /// FTE (an expected share for people at risk).
    Fte,
    /// The exit date.
    ExitDate,
    /// Weeks of notice.
    NoticeWeeks,
    /// Weeks of statutory redundancy pay.
    StatutoryWeeks,
    /// A week's pay as the statutory scheme counts it.
    WeekPay,
    /// Statutory redundancy pay.
    StatutoryPay,
    /// Redundancy pay under the council's scheme.
    RedundancyPay,
    /// Pension strain.
    PensionStrain,
    /// Class 1A National Insurance on the pay over £30,000.
    Class1aNi,
    /// Pay protection.
    PayProtection,
    /// The package in all.
    Total,
}

impl LeaverColumn {
    /// Every column, as the papers give them.
    pub const ALL: [Self; 15] = [
        Self::Post,
        Self::Council,
        Self::Role,
        Self::Route,
        Self::Fte,
        Self::ExitDate,
        Self::NoticeWeeks,
        Self::StatutoryWeeks,
        Self::WeekPay,
        Self::StatutoryPay,
        Self::RedundancyPay,
        Self::PensionStrain,
        Self::Class1aNi,
        Self::PayProtection,
        Self::Total,
    ];

    /// The columns Pools > Leavers shows (a laptop's width).
    pub const ON_SCREEN: [Self; 10] = [
        Self::Post,
        Self::Council,
        Self::Role,
        Self::Route,
        Self::Fte,
        Self::ExitDate,
        Self::RedundancyPay,
        Self::PensionStrain,
        Self::PayProtection,
        Self::Total,
    ];

    /// Its heading.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Post => "Post",
            Self::Council => "Council",
            Self::Role => "Role",
            Self::Route => "Route",
            Self::Fte => "FTE",
            Self::ExitDate => "Exit date",
            Self::NoticeWeeks => "Notice, weeks",
            Self::StatutoryWeeks => "Statutory weeks",
            Self::WeekPay => "A week's pay",
            Self::StatutoryPay => "Statutory redundancy pay",
            Self::RedundancyPay => "Redundancy pay",
            Self::PensionStrain => "Pension strain",
            Self::Class1aNi => "Class 1A NI",
            Self::PayProtection => "Pay protection",
            Self::Total => "Total",
        }
    }

    /// Whether the totals row adds the column up.
    pub fn is_summed(self) -> bool {
        matches!(
            self,
            Self::StatutoryPay
                | Self::RedundancyPay
                | Self::PensionStrain
                | Self::Class1aNi
                | Self::PayProtection
                | Self::Total
        )
    }

    /// The person's cell in this column.
    pub fn cell(self, plan: &Plan, o: &Outcome, p: &PersonOutcome) -> Cell {
        let counted = p.counted();
        let text = |s: &str| Cell::Text(s.to_owned());
        match self {
            // Unnamed holders' figures are expected values over a workforce profile.
            Self::Post => {
                let post = &plan.posts[p.post];
                if post.unnamed && post.holder.is_none() {
                    text(&format!(
                        "{} ({})",
                        post.id,
                        crate::figures::words::INDICATIVE
                    ))
                } else {
                    text(&post.id)
                }
            }
            Self::Council => o.councils.get(p.council).map_or(Cell::Empty, |c| {
                text(if c.short_name.is_empty() {
                    &c.name
                } else {
                    &c.short_name
                })
            }),
            Self::Role => o.roles.get(p.role).map_or(Cell::Empty, |r| text(&r.title)),
            Self::Route => text(p.kind()),
            Self::Fte => Cell::Fte(plan.posts[p.post].fte * p.shown_share()),
            Self::ExitDate => Cell::Date(p.exit_date),
            Self::NoticeWeeks => Cell::Count(u64::from(p.notice_weeks)),
            Self::StatutoryWeeks => Cell::Years(p.exit.statutory_weeks),
            Self::WeekPay => Cell::Money(p.exit.weekly_pay),
            Self::StatutoryPay => Cell::Money(counted.statutory_pay),
            Self::RedundancyPay => Cell::Money(counted.redundancy_pay),
            Self::PensionStrain => Cell::Money(counted.pension_strain),
            Self::Class1aNi => Cell::Money(counted.class1a_ni),
            Self::PayProtection => Cell::Money(counted.pay_protection),
            Self::Total => Cell::Money(counted.total()),
        }
    }
}
