//! Money by financial year (docs/rules.md, part-year effects and the split year by year): part-year savings from each start date,
//! one-off costs in the year they are paid, net, cumulative net and the payback year.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::context::Context;
use super::dates::{part_year_share, share_of_period};
use super::outcome::YearOutcome;
use crate::model::{FinancialYear, LineKind, Money, OneOffSplit, SplitMethod};

/// A one-off cost paid on a day, or spread over a number of days from it.
#[derive(Clone, Copy, Debug)]
pub struct Payment {
    /// The council that employs the person it is paid for.
    pub council: usize,
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
    if span.is_empty() {
        return Vec::new();
    }
    let convention = ctx.assumptions.part_year;
    let spread = spread(span, payments.iter());
    let mut years = Vec::new();
    let mut cumulative = Money::ZERO;
    for (k, &year) in span.iter().enumerate() {
        let raise = raise(ctx, year);
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

/// What the next pay award multiplies pay by in `year`: it raises pay, and so what each post
/// saves, from the year after go-live's.
fn raise(ctx: &Context, year: FinancialYear) -> f64 {
    let award_from = FinancialYear(FinancialYear::containing(ctx.go_live).0.saturating_add(1));
    if year >= award_from {
        1.0 + ctx.pay_award
    } else {
        1.0
    }
}

/// `payments` by the years of `span`. A payment made on one day falls whole in its year. Spread
/// payments are grouped by their period and each period is shared across the years once, by the
/// largest-remainder method, so the years add up to the payments to the penny.
fn spread<'a>(span: &[FinancialYear], payments: impl Iterator<Item = &'a Payment>) -> Vec<Money> {
    let mut out = vec![Money::ZERO; span.len()];
    let Some(&first) = span.first() else {
        return out;
    };
    let mut periods: BTreeMap<(Date, i64), Money> = BTreeMap::new();
    for p in payments {
        if p.days <= 0 {
            let slot = i32::from(FinancialYear::containing(p.date).0) - i32::from(first.0);
            if let Some(total) = usize::try_from(slot).ok().and_then(|s| out.get_mut(s)) {
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
        for (slot, share) in out.iter_mut().zip(super::split::allocate(amount, &weights)) {
            *slot += share;
        }
    }
    out
}

/// The first year whose cumulative net is positive.
pub fn payback_year(years: &[YearOutcome]) -> Option<FinancialYear> {
    years
        .iter()
        .find(|y| y.cumulative_net.pence() > 0)
        .map(|y| y.year)
}

/// One council's part of one financial year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
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

/// What the split of each year needs besides the years themselves.
pub struct SplitInputs<'a> {
    /// Each council's share of what is shared (adding up to 1).
    pub ratios: &'a [f64],
    /// For each year, today's full-year cost by function and council (`[function][council]`) at
    /// that year's on-cost rates: what the councils pool when they share the service's cost.
    pub baselines: &'a [&'a [Vec<i64>]],
    /// One-off payments, each with the council that employs the person.
    pub payments: &'a [Payment],
}

/// Each council's part of each year (councils down, years across, as the medium-term financial
/// plan reads), the plan's split applied to each year's own figures:
///
/// - Savings: a line that names a council is that council's alone, from its own date; the rest
///   of the year's saving is shared by the ratio. Where the councils share the single service's
///   cost, each also saves what it spent on a function today less its share of that cost, from
///   the function's go-live, part-year as the savings are.
/// - One-off costs: a one-off line that names a council is that council's alone, in the year of
///   its date; with the employing council bearing its employees' costs, each person's payments
///   fall to their council in the years they are paid; the rest is shared by the ratio.
///
/// Each council's running total over the years is rounded once (largest remainder), so the
/// councils add up to each year to the penny and each council's years to its whole share.
pub fn council_years(
    ctx: &Context,
    years: &[YearOutcome],
    inputs: &SplitInputs,
) -> Vec<Vec<CouncilYear>> {
    let nc = ctx.plan.councils.len();
    let ratios = inputs.ratios;
    let council_of = |line: &crate::model::Line| {
        line.council
            .as_deref()
            .and_then(|id| ctx.plan.councils.iter().position(|c| c.id == id))
    };
    let span: Vec<FinancialYear> = years.iter().map(|y| y.year).collect();
    // Savings: each council's own lines, the pooling of today's costs, the shared rest.
    let mut saving_rows = Vec::with_capacity(years.len());
    for (k, y) in years.iter().enumerate() {
        let raise = raise(ctx, y.year);
        let mut own = vec![0.0; nc];
        for line in &ctx.assumptions.lines {
            let net = match line.kind {
                LineKind::RecurringSaving => line.amount.pence().max(0),
                LineKind::RecurringCost => -line.amount.pence().max(0),
                LineKind::OneOffCost => continue,
            };
            if let (Some(c), Some(_)) = (council_of(line), ctx.plan.function(&line.function)) {
                own[c] += Money::from_pence_f64(
                    net as f64
                        * raise
                        * part_year_share(line.from, y.year, ctx.assumptions.part_year),
                )
                .pence() as f64;
            }
        }
        let shared = y.saving.pence() as f64 - own.iter().sum::<f64>();
        let mut row: Vec<f64> = (0..nc)
            .map(|c| ratios.get(c).copied().unwrap_or(0.0) * shared + own[c])
            .collect();
        if ctx.assumptions.split_method == SplitMethod::ServiceCost
            && let Some(baseline) = inputs.baselines.get(k)
        {
            for (f, by_council) in baseline.iter().enumerate() {
                let go_live = ctx
                    .function_wave
                    .get(f)
                    .copied()
                    .flatten()
                    .map_or(ctx.go_live, |w| ctx.waves[w]);
                let part = raise * part_year_share(go_live, y.year, ctx.assumptions.part_year);
                if part == 0.0 {
                    continue;
                }
                let total: i64 = by_council.iter().sum();
                for (c, x) in row.iter_mut().enumerate() {
                    let today = by_council.get(c).copied().unwrap_or(0) as f64;
                    *x += (today - ratios.get(c).copied().unwrap_or(0.0) * total as f64) * part;
                }
            }
        }
        saving_rows.push(row);
    }
    // One-off costs: each council's own lines and (when it bears them) its employees' costs.
    let mut own_one_off = vec![vec![0.0; nc]; years.len()];
    for line in &ctx.assumptions.lines {
        if line.kind != LineKind::OneOffCost || ctx.plan.function(&line.function).is_none() {
            continue;
        }
        let Some(c) = council_of(line) else { continue };
        let year = FinancialYear::containing(line.from);
        if let Some(k) = span.iter().position(|y| *y == year) {
            own_one_off[k][c] += line.amount.at_least_zero().pence() as f64;
        }
    }
    if ctx.assumptions.one_off_split == OneOffSplit::EmployingCouncil {
        let mut by_council: Vec<Vec<&Payment>> = vec![Vec::new(); nc];
        for p in inputs.payments {
            if let Some(paid) = by_council.get_mut(p.council) {
                paid.push(p);
            }
        }
        for (c, payments) in by_council.iter().enumerate() {
            let paid = spread(&span, payments.iter().copied());
            for (row, amount) in own_one_off.iter_mut().zip(paid) {
                row[c] += amount.pence() as f64;
            }
        }
    }
    let one_off_rows: Vec<Vec<f64>> = years
        .iter()
        .zip(&own_one_off)
        .map(|(y, own)| {
            let shared = y.one_off_cost.pence() as f64 - own.iter().sum::<f64>();
            (0..nc)
                .map(|c| ratios.get(c).copied().unwrap_or(0.0) * shared + own[c])
                .collect()
        })
        .collect();
    let savings = super::split::round_rows(
        &saving_rows,
        &years.iter().map(|y| y.saving).collect::<Vec<_>>(),
    );
    let one_offs = super::split::round_rows(
        &one_off_rows,
        &years.iter().map(|y| y.one_off_cost).collect::<Vec<_>>(),
    );
    (0..nc)
        .map(|c| {
            savings
                .iter()
                .zip(&one_offs)
                .map(|(s, o)| CouncilYear {
                    saving: s[c],
                    one_off_cost: o[c],
                })
                .collect()
        })
        .collect()
}
