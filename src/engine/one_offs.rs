//! The one-off costs: each person's package summed to the penny, implementation costs and
//! their split between councils.

use std::collections::BTreeMap;

use super::context::Context;
use super::people::Moved;
use super::years;
use super::{OneOff, PersonOutcome};
use crate::model::{FinancialYear, Money};

/// One-off costs gathered in one pass over the people affected: the totals by kind, the
/// payments with their dates, implementation costs by year, and each council's own employees'
/// costs. Each person's expected amounts are rounded once, so every view of them adds up.
pub(super) struct OneOffs {
    pub(super) totals: OneOff,
    pub(super) payments: Vec<years::Payment>,
    pub(super) implementation: BTreeMap<FinancialYear, Money>,
    pub(super) employee: Vec<Money>,
}

impl OneOffs {
    /// Adds another group of people's one-off costs.
    pub(super) fn add(&mut self, o: Self) {
        self.totals.add(&o.totals);
        self.payments.extend(o.payments);
        for (a, b) in self.employee.iter_mut().zip(o.employee) {
            *a += b;
        }
    }

    /// Adds the protection of kept staff whose pay falls when their role's pay is harmonised:
    /// the drop for the protection's full years and half its taper, paid from go-live.
    pub(super) fn add_harmonisation_protection(&mut self, ctx: &Context, moved: &[Moved]) {
        let factor = ctx.assumptions.protection_factor();
        for m in moved {
            let (c, r) = (m.council, m.role);
            if m.after < m.today {
                let yearly = ctx.protected_cost(m.today, m.today - m.after, m.lgps_rate);
                let amount = Money::from_pence_f64(yearly * factor);
                if amount != Money::ZERO {
                    self.totals.pay_protection += amount;
                    self.employee[c] += amount;
                    self.payments.push(years::Payment {
                        council: c,
                        date: ctx.role_go_live(r),
                        days: ctx.assumptions.protection_days(),
                        amount,
                    });
                }
            }
        }
    }

    /// Adds the plan's implementation costs, by year.
    pub(super) fn add_implementation(&mut self, ctx: &Context) {
        for c in &ctx.assumptions.implementation_costs {
            let amount = c.amount.at_least_zero();
            let amount = if ctx.implementation_overrun == 0.0 {
                amount
            } else {
                Money::from_pence_f64(amount.pence() as f64 * (1.0 + ctx.implementation_overrun))
            };
            self.totals.implementation += amount;
            *self.implementation.entry(c.year).or_insert(Money::ZERO) += amount;
        }
        // One-off costs that are not posts fall in the financial year of their date, beside
        // the implementation costs.
        for line in &ctx.assumptions.lines {
            if line.kind == crate::model::LineKind::OneOffCost
                && ctx.plan.function(&line.function).is_some()
            {
                let amount = line.amount.at_least_zero();
                self.totals.implementation += amount;
                *self
                    .implementation
                    .entry(FinancialYear::containing(line.from))
                    .or_insert(Money::ZERO) += amount;
            }
        }
    }
}

/// The one-off costs of a group of people (implementation costs are added once, separately).
pub(super) fn one_offs(ctx: &Context, people: &[PersonOutcome]) -> OneOffs {
    let plan = ctx.plan;
    let protection_days = ctx.assumptions.protection_days();
    let mut o = OneOffs {
        totals: OneOff::default(),
        payments: Vec::with_capacity(people.len()),
        implementation: BTreeMap::new(),
        employee: vec![Money::ZERO; plan.councils.len()],
    };
    for p in people {
        let counted = p.counted();
        let redundancy = counted.redundancy_pay;
        let strain = counted.pension_strain;
        let class1a = counted.class1a_ni;
        let t = &mut o.totals;
        t.redundancy_pay += redundancy;
        t.statutory_redundancy_pay += counted.statutory_pay;
        t.pension_strain += strain;
        if p.exit.strain_estimated {
            t.pension_strain_estimated += strain;
        }
        t.class1a_ni += class1a;
        t.pay_protection += p.pay_protection;
        let exit = redundancy + strain + class1a;
        o.employee[p.council] += exit + p.pay_protection;
        if exit != Money::ZERO {
            o.payments.push(years::Payment {
                council: p.council,
                date: p.exit_date,
                days: 0,
                amount: exit,
            });
        }
        if p.pay_protection != Money::ZERO {
            o.payments.push(years::Payment {
                council: p.council,
                date: ctx.post_go_live(p.post),
                days: protection_days,
                amount: p.pay_protection,
            });
        }
    }
    o
}
