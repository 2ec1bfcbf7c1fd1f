//! Money by financial year (domain.md section 3, step 9): part-year savings from each start date,
//! one-off costs in the year they are paid, net, cumulative net and the payback year.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::context::Context;
use super::dates::{part_year_share, share_of_period};
use super::outcome::YearOutcome;
use crate::model::{FinancialYear, Money};

/// A one-off cost paid on a day, or spread over a number of days from it.
#[derive(Clone, Copy, Debug)]
pub struct Payment {
    /// When it is paid (or starts).
    pub date: Date,
    /// Days it is spread over (0 = all on `date`).
    pub days: i64,
    /// How much.
    pub amount: Money,
}

/// The financial years the outcome covers: from the programme's first (the first wave's) to five
/// years after go-live (the last wave's), longer if a cost or a saving falls later.
pub fn span(
    ctx: &Context,
    starts: &BTreeMap<Date, i64>,
    payments: &[Payment],
    fixed: &BTreeMap<FinancialYear, Money>,
) -> Vec<FinancialYear> {
    let earliest = ctx
        .wave_consultation
        .iter()
        .copied()
        .chain([ctx.consultation_start])
        .min()
        .unwrap_or(ctx.consultation_start);
    let latest = ctx
        .waves
        .iter()
        .copied()
        .chain([ctx.go_live])
        .max()
        .unwrap_or(ctx.go_live);
    let mut first = FinancialYear::containing(earliest);
    let mut last = FinancialYear(FinancialYear::containing(latest).0.saturating_add(5));
    for year in fixed.keys() {
        first = first.min(*year);
        last = last.max(*year);
    }
    for p in payments {
        // The last day a payment touches: itself, or the end of the period it is spread over.
        let end = if p.days > 1 {
            super::dates::add_days(p.date, p.days - 1)
        } else {
            p.date
        };
        last = last.max(FinancialYear::containing(end));
    }
    for date in starts.keys() {
        last = last.max(FinancialYear::containing(*date));
    }
    (first.0..=last.0).map(FinancialYear).collect()
}

/// Savings, one-off costs, net and cumulative net for each year of `span`. `starts[k]` is the
/// full-year saving by start date at the on-cost rates of year `k` (the tax year that starts in
/// it), so each year's saving is costed at its own employer NI.
pub fn by_year(
    ctx: &Context,
    span: &[FinancialYear],
    starts: &[&BTreeMap<Date, i64>],
    payments: &[Payment],
    fixed: &BTreeMap<FinancialYear, Money>,
) -> Vec<YearOutcome> {
    let Some(&first) = span.first() else {
        return Vec::new();
    };
    let convention = ctx.assumptions.part_year;
    // A payment made on one day falls whole in its year. Spread payments are grouped by their
    // period and each period is shared across the years once, by the largest-remainder method,
    // so the years add up to the payments to the penny.
    let mut spread = vec![Money::ZERO; span.len()];
    let mut periods: BTreeMap<(Date, i64), Money> = BTreeMap::new();
    for p in payments {
        if p.days <= 0 {
            let slot = i32::from(FinancialYear::containing(p.date).0) - i32::from(first.0);
            if let Some(total) = usize::try_from(slot).ok().and_then(|s| spread.get_mut(s)) {
                *total += p.amount;
            }
        } else {
            *periods.entry((p.date, p.days)).or_default() += p.amount;
        }
    }
    for ((date, days), amount) in periods {
        let weights: Vec<f64> = span
            .iter()
            .map(|y| share_of_period(date, days, *y))
            .collect();
        for (slot, share) in spread
            .iter_mut()
            .zip(super::split::allocate(amount, &weights))
        {
            *slot += share;
        }
    }
    let mut years = Vec::new();
    let mut cumulative = Money::ZERO;
    // The next pay award raises pay, and so what each post saves, from the year after
    // go-live's.
    let award_from = FinancialYear(FinancialYear::containing(ctx.go_live).0.saturating_add(1));
    for (k, &year) in span.iter().enumerate() {
        let raise = if year >= award_from {
            1.0 + ctx.pay_award
        } else {
            1.0
        };
        let saving: Money = starts[k]
            .iter()
            .map(|(date, fye)| {
                Money::from_pence_f64(
                    *fye as f64 * raise * part_year_share(*date, year, convention),
                )
            })
            .sum();
        let paid = spread[k] + fixed.get(&year).copied().unwrap_or_default();
        let net = saving - paid;
        cumulative += net;
        years.push(YearOutcome {
            year,
            saving,
            one_off_cost: paid,
            net,
            cumulative_net: cumulative,
        });
    }
    years
}

/// The first year whose cumulative net is positive.
pub fn payback_year(years: &[YearOutcome]) -> Option<FinancialYear> {
    years
        .iter()
        .find(|y| y.cumulative_net.pence() > 0)
        .map(|y| y.year)
}

/// One council's part of one financial year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CouncilYear {
    /// Its part of the year's saving.
    pub saving: Money,
    /// Its part of the year's one-off costs.
    pub one_off_cost: Money,
}

impl CouncilYear {
    /// Saving − one-off cost.
    pub fn net(&self) -> Money {
        self.saving - self.one_off_cost
    }
}

/// Each council's part of each year (councils down, years across, as the medium-term financial
/// plan reads): a year's saving is shared in proportion to the councils' full-year recurring
/// savings, and its one-off costs in proportion to their shares of the one-off costs, each by the
/// largest-remainder method so the councils add up to the year to the penny. Where the councils
/// share costs and savings by one ratio (and one-off costs in the same ratio) this is exactly that
/// ratio; otherwise it phases each council's full-year figures as the whole service's are phased.
/// A council whose full-year saving is negative takes no part of a year's saving (the others
/// carry it), as [`super::split::allocate`] treats weights below zero.
pub fn council_years(o: &super::Outcome) -> Vec<Vec<CouncilYear>> {
    let saving_weights: Vec<f64> = o
        .councils
        .iter()
        .map(|c| c.recurring_saving.pence() as f64)
        .collect();
    let one_off_weights: Vec<f64> = o
        .councils
        .iter()
        .map(|c| c.one_off_cost.pence() as f64)
        .collect();
    let mut out = vec![Vec::with_capacity(o.years.len()); o.councils.len()];
    for y in &o.years {
        let savings = super::split::allocate(y.saving, &saving_weights);
        let one_offs = super::split::allocate(y.one_off_cost, &one_off_weights);
        for (c, (saving, one_off_cost)) in savings.into_iter().zip(one_offs).enumerate() {
            out[c].push(CouncilYear {
                saving,
                one_off_cost,
            });
        }
    }
    out
}
