//! The engine: a pure function from a plan and a scenario to an [`Outcome`] (docs/rules.md).
//!
//! No I/O, no UI, no clock: the plan carries its own dates and rules, so the same plan gives the
//! same figures, bit for bit, wherever and whenever it is evaluated.

pub(crate) mod context;
mod costing;
pub mod dates;
pub mod equality;
mod flags;
mod halves;
mod outcome;
mod pools;
pub mod risk;
pub mod rules;
pub mod seek;
mod split;
mod timeline;
mod years;

use std::collections::BTreeMap;

pub use outcome::{
    CouncilOutcome, Counted, Flag, FlagKind, Flows, FunctionOutcome, OneOff, Outcome,
    PayChangeOutcome, PayMoves, PersonFate, PersonOutcome, RoleOutcome, Timetable, Totals,
    Waterfall, Wave, YearOutcome,
};
pub use rules::{ExitCost, ExitKind, OnCosts, Person};
pub use split::allocate;
pub use timeline::CONSULTATION_WINDOW_DAYS;
pub use years::CouncilYear;

use crate::model::{CostShare, FinancialYear, Money, Plan, Scenario, SplitMethod};
use context::Context;
use pools::{EPS, Fate, Pool, clean_fte};

/// Evaluates the plan as it stands (the base scenario).
pub fn evaluate_base(plan: &Plan) -> Outcome {
    evaluate(
        plan,
        &Scenario {
            name: Scenario::BASE.to_owned(),
            ..Scenario::default()
        },
    )
}

/// Evaluates a plan under a scenario. Total: any plan gives an outcome with finite figures;
/// posts whose council or role is unknown (validation errors) are left out.
pub fn evaluate(plan: &Plan, scenario: &Scenario) -> Outcome {
    evaluate_in(&Context::new(plan, scenario), true)
}

/// The figures alone, without the flags (none of which changes a figure): what each draw of a
/// Monte Carlo run needs, and a third quicker.
pub fn evaluate_figures(plan: &Plan, scenario: &Scenario) -> Outcome {
    evaluate_in(&Context::new(plan, scenario), false)
}

/// Evaluates the plan as `ctx` resolves it, with the flags or without.
pub(crate) fn evaluate_in(ctx: &Context, with_flags: bool) -> Outcome {
    let plan = ctx.plan;
    let (pools, fates) = pools::build(ctx);
    let schedule = timeline::schedule(ctx, &pools, &fates);
    let recurring = costing::recurring(ctx, &pools, &fates, &schedule.exits);
    let moved = harmonised(ctx, &pools, &fates);
    let (people, one_offs) = people(
        ctx,
        &pools,
        &fates,
        &schedule.exits,
        &recurring.post_baseline,
        &moved,
    );
    let roles = role_outcomes(ctx, &pools, &fates, &recurring, &moved);
    let one_off = one_offs.totals;
    let span = years::span(
        ctx,
        &recurring.starts,
        &one_offs.payments,
        &one_offs.implementation,
    );
    // Each year's savings at the employer NI of the tax year that starts in it: the full-year
    // costing again for each set of rates that differs from the full-year one (none for a plan
    // whose years all fall after the last change stored).
    let rates: Vec<OnCosts> = span
        .iter()
        .map(|y| OnCosts::for_year(&plan.parameters, *y))
        .collect();
    let (other, which) = costings_at_year_rates(ctx, &rates, &pools, &fates, &schedule.exits);
    let at_rates: Vec<&costing::Recurring> = which
        .iter()
        .map(|w| w.map_or(&recurring, |i| &other[i]))
        .collect();
    let year_starts: Vec<&BTreeMap<jiff::civil::Date, i64>> =
        at_rates.iter().map(|r| &r.starts).collect();
    let years = years::by_year(
        ctx,
        &span,
        &year_starts,
        &one_offs.payments,
        &one_offs.implementation,
    );
    let ratios = share_ratios(ctx, &recurring);
    let functions = function_outcomes(ctx, &roles, &recurring, &ratios);
    let baselines: Vec<&[Vec<i64>]> = at_rates
        .iter()
        .map(|r| r.function_council_baseline.as_slice())
        .collect();
    let council_years = years::council_years(
        ctx,
        &years,
        &years::SplitInputs {
            ratios: &ratios,
            baselines: &baselines,
            payments: &one_offs.payments,
        },
    );
    let councils = council_outcomes(
        ctx,
        &schedule,
        &recurring,
        &functions,
        &ratios,
        &one_offs,
        council_years,
    );
    let mut flags = if with_flags {
        flags::flags(ctx, &pools, &roles, &councils, &people, &years)
    } else {
        Vec::new()
    };
    if with_flags {
        flags.extend(reengagement_flag(ctx, recurring.pay_people));
    }

    let mut flows = Flows::default();
    for c in &councils {
        flows.add(&c.flows);
    }
    let wf = recurring.waterfall;
    let saving = wf.baseline - wf.target;
    let one_off_cost = one_off.total();
    let totals = Totals {
        flows,
        target_fte: pools
            .iter()
            .enumerate()
            .filter(|(r, _)| ctx.role_function[*r].is_some())
            .map(|(_, p)| p.t)
            .sum(),
        new_posts: roles.iter().map(|r| r.new_posts).sum(),
        baseline_cost: wf.baseline,
        target_cost: wf.target,
        recurring_saving: saving,
        one_off_cost,
        payback_years: (saving.pence() > 0)
            .then(|| one_off_cost.pence() as f64 / saving.pence() as f64),
        payback_year: years::payback_year(&years),
        double_running_cost: councils.iter().map(|c| c.double_running_cost).sum(),
    };
    let pay_change = ctx.assumptions.pay_change.as_ref().map(|p| {
        let (cost, fte) = functions
            .iter()
            .enumerate()
            .filter(|(f, _)| ctx.pay_functions[*f])
            .fold((0.0, 0.0), |(c, t), (_, f)| {
                (c + f.baseline_cost.pence() as f64, t + f.flows.current())
            });
        let per_post = if fte > pools::EPS { cost / fte } else { 0.0 };
        PayChangeOutcome {
            saving: Money(recurring.pay_change),
            people: recurring.pay_people,
            posts_saved: if per_post > 0.0 {
                recurring.pay_change as f64 / per_post
            } else {
                0.0
            },
            dismissal_and_reengagement: p.dismissal_and_reengagement,
        }
    });
    let mut o = Outcome {
        scenario: ctx.scenario.clone(),
        consultation_start: ctx.consultation_start,
        go_live: ctx.go_live,
        waves: waves(ctx),
        totals,
        pay_change,
        one_off,
        waterfall: wf,
        councils,
        functions,
        roles,
        years,
        people,
        flags,
        equality: equality::Equality::default(),
        assumptions: ctx.assumptions.clone(),
    };
    // Groups selected unevenly, for the equality impact assessment (kept for the views).
    let age = if with_flags {
        o.equality = equality::of_context(ctx, &o);
        equality::flags(&o.equality)
    } else {
        Vec::new()
    };
    if !age.is_empty() {
        o.flags.extend(age);
        o.flags.sort_by_key(|f| f.kind);
    }
    o
}

/// The recurring costs again at each set of year rates that differs from the full-year ones, and
/// for each year which of them it takes (`None`: the full-year costing).
fn costings_at_year_rates(
    ctx: &Context,
    rates: &[OnCosts],
    pools: &[Pool],
    fates: &[Fate],
    exits: &[Option<timeline::Exit>],
) -> (Vec<costing::Recurring>, Vec<Option<usize>>) {
    let mut seen: Vec<OnCosts> = Vec::new();
    let mut costings = Vec::new();
    let which = rates
        .iter()
        .map(|r| {
            if *r == ctx.on_costs {
                return None;
            }
            if let Some(i) = seen.iter().position(|o| o == r) {
                return Some(i);
            }
            let at = Context {
                on_costs: *r,
                ..ctx.clone()
            };
            seen.push(*r);
            costings.push(costing::recurring(&at, pools, fates, exits));
            Some(costings.len() - 1)
        })
        .collect();
    (costings, which)
}

/// The flag of a pay change imposed by dismissal and re-engagement on `people`.
fn reengagement_flag(ctx: &Context, people: u32) -> Option<Flag> {
    let imposed = ctx
        .assumptions
        .pay_change
        .as_ref()
        .is_some_and(|p| p.dismissal_and_reengagement);
    (imposed && people > 0).then(|| Flag {
        kind: FlagKind::DismissalReengagement,
        message: format!(
            "The pay change is imposed by dismissal and re-engagement: the {people} people whose pay it changes are proposed for dismissal and count for collective consultation at their council (TULRCA 1992 s.188), and the statutory code of practice on dismissal and re-engagement applies"
        ),
        council: None,
        role: None,
    })
}

/// The waves the functions go live in, with their functions.
fn waves(ctx: &Context) -> Vec<Wave> {
    ctx.waves
        .iter()
        .enumerate()
        .map(|(w, &go_live)| Wave {
            go_live,
            consultation_start: ctx.wave_consultation[w],
            functions: (0..ctx.plan.functions.len())
                .filter(|&f| ctx.function_wave[f] == Some(w))
                .collect(),
        })
        .collect()
}

/// Everyone affected, with their exit costs at their exit date and expected pay protection.
fn people(
    ctx: &Context,
    pools: &[Pool],
    fates: &[Fate],
    exits: &[Option<timeline::Exit>],
    baseline: &[i64],
    moved: &[Moved],
) -> (Vec<PersonOutcome>, OneOffs) {
    let protection = ProtectionTable::new(pools);
    // Each person's figures are independent of everyone else's: the two halves of the
    // establishment are worked out apart, with their one-off costs, and joined in order (the
    // one-off costs are whole pence, so adding the halves is exact).
    let ((mut out, mut costs), rest) = halves::in_halves(fates.len(), |range| {
        let people = people_in(ctx, &protection, fates, exits, baseline, range);
        let costs = one_offs(ctx, &people);
        (people, costs)
    });
    if let Some((people, more)) = rest {
        out.extend(people);
        costs.add(more);
    }
    costs.add_implementation(ctx);
    if ctx.assumptions.protect_harmonised_pay {
        costs.add_harmonisation_protection(ctx, moved);
    }
    (out, costs)
}

/// A kept person's pay before and after their role's pay is harmonised, for the share of them
/// that stays.
#[derive(Clone, Copy, Debug)]
struct Moved {
    council: usize,
    role: usize,
    /// Yearly pay today and in the single service, pence.
    today: f64,
    after: f64,
    /// Their LGPS employer rate (0 for a non-member).
    lgps_rate: f64,
}

/// Every kept person's [`Moved`] pay, worked out once per evaluation.
fn harmonised(ctx: &Context, pools: &[Pool], fates: &[Fate]) -> Vec<Moved> {
    let plan = ctx.plan;
    let mut out = Vec::new();
    for (i, fate) in fates.iter().enumerate() {
        let post = &plan.posts[i];
        let (Some(c), Some(r), Some(_)) = (ctx.post_council[i], ctx.post_role[i], &post.holder)
        else {
            continue;
        };
        if ctx.role_function[r].is_none() {
            continue;
        }
        let kept = (1.0 - fate.voluntary - fate.redeployed - fate.compulsory).max(0.0)
            * pools::clean_fte(post.fte);
        if kept <= EPS {
            continue;
        }
        let lgps_rate = post
            .holder
            .as_ref()
            .map_or(0.0, |h| ctx.lgps_rate(c, h.lgps_member));
        out.push(Moved {
            council: c,
            role: r,
            today: post.salary.pence().max(0) as f64 * kept,
            after: pools[r].target_salary as f64 * kept,
            lgps_rate,
        });
    }
    out
}

/// The people affected among the posts in `range`.
fn people_in(
    ctx: &Context,
    protection: &ProtectionTable,
    fates: &[Fate],
    exits: &[Option<timeline::Exit>],
    baseline: &[i64],
    range: std::ops::Range<usize>,
) -> Vec<PersonOutcome> {
    let plan = ctx.plan;
    let affected = exits[range.clone()].iter().filter(|e| e.is_some()).count();
    let mut out = Vec::with_capacity(affected);
    let protection_years = ctx.assumptions.protection_factor();
    for i in range {
        let fate = &fates[i];
        let (Some(c), Some(r), Some(exit)) = (ctx.post_council[i], ctx.post_role[i], exits[i])
        else {
            continue;
        };
        let post = &plan.posts[i];
        let Some(person) = pools::person(post) else {
            continue;
        };
        let scheme = &ctx.schemes[c];
        let cost = |kind| {
            let mut cost = rules::exit_cost(
                &plan.parameters,
                scheme,
                ctx.weeks_per_year,
                &person,
                kind,
                exit.date,
            );
            // The scenario may put the indicative strain higher or lower (the fund's quote
            // stands).
            if cost.strain_estimated && (ctx.strain_factor - 1.0).abs() > 1e-12 {
                cost.pension_strain =
                    Money::from_pence_f64(cost.pension_strain.pence() as f64 * ctx.strain_factor);
            }
            cost
        };
        let annual = Money(baseline[i]);
        let payback = |exit: &ExitCost, share: f64| {
            (annual.pence() > 0 && share > EPS)
                .then(|| exit.total().pence() as f64 / annual.pence() as f64)
        };
        let row = |fate, share, redeployed, exit_cost: ExitCost, pay_protection| PersonOutcome {
            post: i,
            council: c,
            role: r,
            fate,
            share,
            redeployed,
            exit_date: exit.date,
            notice_weeks: exit.notice_weeks,
            payback_years: payback(&exit_cost, share),
            exit: exit_cost,
            pay_protection,
            annual_cost: annual,
        };
        // Someone expected to volunteer in part (a VR take-up) has a row for that share and
        // another for the rest of them that is at risk.
        // Volunteering (in whole or expected in part, or bumped) is paid as VR.
        for (kind, share) in [
            (PersonFate::Voluntary, fate.voluntary),
            (PersonFate::Bumped, fate.bumped),
        ] {
            if share > EPS {
                out.push(row(
                    kind,
                    share,
                    0.0,
                    cost(ExitKind::Voluntary),
                    Money::ZERO,
                ));
            }
        }
        if (fate.voluntary <= EPS && fate.bumped <= EPS)
            || fate.compulsory > EPS
            || fate.redeployed > EPS
        {
            let exit_cost = if fate.compulsory > EPS {
                cost(ExitKind::Compulsory)
            } else {
                ExitCost::default()
            };
            let pay_protection = if fate.redeployed > EPS {
                let pay = post.salary.pence().max(0) as f64 * clean_fte(post.fte);
                let drop = protection.expected_loss(post.salary.pence().max(0) as f64)
                    * clean_fte(post.fte);
                let member = post.holder.as_ref().is_some_and(|h| h.lgps_member);
                let yearly = ctx.protected_cost(pay, drop, ctx.lgps_rate(c, member));
                Money::from_pence_f64(fate.redeployed * yearly * protection_years)
            } else {
                Money::ZERO
            };
            out.push(row(
                PersonFate::AtRisk,
                fate.compulsory,
                fate.redeployed,
                exit_cost,
                pay_protection,
            ));
        }
    }
    out
}

/// The open posts redeployees move into, by target salary, to price expected pay protection:
/// a redeployee is equally likely to take any open FTE, and is protected for the drop in salary.
struct ProtectionTable {
    salaries: Vec<f64>,
    cumulative_weight: Vec<f64>,
    cumulative_salary: Vec<f64>,
    total: f64,
}

impl ProtectionTable {
    fn new(pools: &[Pool]) -> Self {
        // Open posts, and the posts of bumped volunteers that people at risk take.
        let mut open: Vec<(f64, f64)> = pools
            .iter()
            .filter(|p| p.open + p.bumped > EPS)
            .map(|p| (p.target_salary as f64, p.open + p.bumped))
            .collect();
        open.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (mut w, mut s) = (0.0, 0.0);
        let mut table = Self {
            salaries: Vec::new(),
            cumulative_weight: Vec::new(),
            cumulative_salary: Vec::new(),
            total: 0.0,
        };
        for (salary, weight) in open {
            w += weight;
            s += weight * salary;
            table.salaries.push(salary);
            table.cumulative_weight.push(w);
            table.cumulative_salary.push(s);
        }
        table.total = w;
        table
    }

    /// Expected yearly drop in full-time salary for someone paid `salary`.
    fn expected_loss(&self, salary: f64) -> f64 {
        if self.total <= EPS {
            return 0.0;
        }
        let below = self.salaries.partition_point(|s| *s < salary);
        if below == 0 {
            return 0.0;
        }
        let (w, s) = (
            self.cumulative_weight[below - 1],
            self.cumulative_salary[below - 1],
        );
        (salary * w - s) / self.total
    }
}

/// One-off costs gathered in one pass over the people affected: the totals by kind, the
/// payments with their dates, implementation costs by year, and each council's own employees'
/// costs. Each person's expected amounts are rounded once, so every view of them adds up.
struct OneOffs {
    totals: OneOff,
    payments: Vec<years::Payment>,
    implementation: BTreeMap<FinancialYear, Money>,
    employee: Vec<Money>,
}

impl OneOffs {
    /// Adds another group of people's one-off costs.
    fn add(&mut self, o: Self) {
        self.totals.add(&o.totals);
        self.payments.extend(o.payments);
        for (a, b) in self.employee.iter_mut().zip(o.employee) {
            *a += b;
        }
    }

    /// Adds the protection of kept staff whose pay falls when their role's pay is harmonised:
    /// the drop for the protection's full years and half its taper, paid from go-live.
    fn add_harmonisation_protection(&mut self, ctx: &Context, moved: &[Moved]) {
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
    fn add_implementation(&mut self, ctx: &Context) {
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
fn one_offs(ctx: &Context, people: &[PersonOutcome]) -> OneOffs {
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

fn role_outcomes(
    ctx: &Context,
    pools: &[Pool],
    fates: &[Fate],
    recurring: &costing::Recurring,
    moved: &[Moved],
) -> Vec<RoleOutcome> {
    let plan = ctx.plan;
    let nc = plan.councils.len();
    let by_council = role_council_flows(ctx, pools, fates);
    // Who gains and who loses when each role's pay is harmonised.
    let mut moves = vec![PayMoves::default(); plan.roles.len()];
    for &Moved {
        role: r,
        today,
        after,
        ..
    } in moved
    {
        let m = &mut moves[r];
        if after > today + 0.5 {
            m.gainers += 1;
            m.gain += Money::from_pence_f64(after - today);
        } else if after + 0.5 < today {
            m.losers += 1;
            m.loss += Money::from_pence_f64(today - after);
        }
    }
    plan.roles
        .iter()
        .enumerate()
        .map(|(r, role)| {
            let pool = &pools[r];
            let mut flows = Flows::default();
            for f in &by_council[r] {
                flows.add(f);
            }
            let councils = (0..nc)
                .filter(|&c| by_council[r][c].current() > EPS)
                .collect();
            RoleOutcome {
                id: role.id.clone(),
                title: role.title.clone(),
                function: ctx.role_function[r].unwrap_or(usize::MAX),
                target_fte: pool.t,
                target_salary: Money(pool.target_salary),
                flows,
                new_posts: pool.new_posts,
                redeployed_in: pool.redeployed_in,
                overlap: pool.h + pool.v - pool.t,
                critical_fte: pool.critical_fte,
                councils,
                baseline_cost: Money(recurring.role_baseline[r]),
                target_cost: Money(recurring.role_target[r]),
                by_council: by_council[r].clone(),
                pay_moves: moves[r],
            }
        })
        .collect()
}

/// Each post's movements, as (role, council, flows).
/// Movements by role and council (`[role][council]`), post by post.
fn role_council_flows(ctx: &Context, pools: &[Pool], fates: &[Fate]) -> Vec<Vec<Flows>> {
    let plan = ctx.plan;
    let mut out = vec![vec![Flows::default(); plan.councils.len()]; plan.roles.len()];
    for (i, post) in plan.posts.iter().enumerate() {
        let (Some(r), Some(c)) = (ctx.post_role[i], ctx.post_council[i]) else {
            continue;
        };
        let pool = &pools[r];
        let fte = clean_fte(post.fte);
        let mut f = Flows::default();
        if post.holder.is_none() {
            f.vacant = fte;
            f.vacancies_deleted = fte * pool.vacancy_share_deleted;
            f.vacancies_kept = fte - f.vacancies_deleted;
        } else {
            f.filled = fte;
            let fate = fates[i];
            // A bumped volunteer leaves by VR; someone at risk takes the post.
            f.bumped = fte * fate.bumped;
            f.voluntary = fte * fate.voluntary + f.bumped;
            f.redeployed_out = fte * fate.redeployed;
            f.compulsory = fte * fate.compulsory;
            f.kept = (fte - f.voluntary - f.redeployed_out - f.compulsory).max(0.0);
            let remaining = pool.h - pool.voluntary - pool.redeployed_out - pool.compulsory;
            if pool.over_target > EPS && remaining > EPS {
                f.over_target = f.kept * pool.over_target / remaining;
            }
        }
        out[r][c].add(&f);
    }
    out
}

fn share_ratios(ctx: &Context, recurring: &costing::Recurring) -> Vec<f64> {
    let plan = ctx.plan;
    let weights: Vec<f64> = match ctx.assumptions.cost_share {
        CostShare::Equal => vec![1.0; plan.councils.len()],
        CostShare::BaselineCost => recurring
            .council_baseline
            .iter()
            .map(|&b| b as f64)
            .collect(),
        CostShare::Fte => {
            let mut fte = vec![0.0; plan.councils.len()];
            for (i, post) in plan.posts.iter().enumerate() {
                if let (Some(c), Some(_)) = (ctx.post_council[i], ctx.post_role[i]) {
                    fte[c] += clean_fte(post.fte);
                }
            }
            fte
        }
        CostShare::Weights => plan.councils.iter().map(|c| c.cost_share_weight).collect(),
    };
    split::ratios(&weights)
}

fn function_outcomes(
    ctx: &Context,
    roles: &[RoleOutcome],
    recurring: &costing::Recurring,
    ratios: &[f64],
) -> Vec<FunctionOutcome> {
    let plan = ctx.plan;
    let nc = plan.councils.len();
    let mut functions: Vec<FunctionOutcome> = plan
        .functions
        .iter()
        .enumerate()
        .map(|(f, function)| {
            let mut out = FunctionOutcome {
                id: function.id.clone(),
                name: function.name.clone(),
                target_fte: 0.0,
                flows: Flows::default(),
                new_posts: 0.0,
                redeployed_in: 0.0,
                overlap: 0.0,
                baseline_cost: Money::ZERO,
                target_cost: Money::ZERO,
                recurring_saving: Money::ZERO,
                by_council: vec![Flows::default(); nc],
                council_baseline: recurring.function_council_baseline[f]
                    .iter()
                    .map(|&b| Money(b))
                    .collect(),
                council_share: Vec::new(),
                council_saving: Vec::new(),
            };
            for role in roles.iter().filter(|r| r.function == f) {
                out.target_fte += role.target_fte;
                out.flows.add(&role.flows);
                out.new_posts += role.new_posts;
                out.redeployed_in += role.redeployed_in;
                out.overlap += role.overlap;
                out.baseline_cost += role.baseline_cost;
                out.target_cost += role.target_cost;
                for (c, flows) in role.by_council.iter().enumerate() {
                    out.by_council[c].add(flows);
                }
            }
            // Savings and costs besides posts are the function's: its target cost with them.
            out.target_cost -= Money(recurring.line_function[f]);
            out.recurring_saving = out.baseline_cost - out.target_cost;
            out
        })
        .collect();
    split_functions(ctx, &mut functions, recurring, ratios);
    functions
}

/// Each council's exact share of each function's saving under the plan's split (pence, not yet
/// rounded). A line that names a council is that council's alone; the rest is shared. Either the
/// single service's cost is shared, and each council saves what it spends today less its share
/// of that cost, or the saving itself is shared (docs/rules.md, "The split between councils").
fn council_saving_shares(
    ctx: &Context,
    index: usize,
    f: &FunctionOutcome,
    recurring: &costing::Recurring,
    ratios: &[f64],
) -> Vec<f64> {
    let own = &recurring.line_function_council[index];
    let own_total: i64 = own.iter().sum();
    let shared_saving = (f.recurring_saving.pence() - own_total) as f64;
    ratios
        .iter()
        .enumerate()
        .map(|(c, r)| {
            let own = own.get(c).copied().unwrap_or(0) as f64;
            match ctx.assumptions.split_method {
                // Today's cost less the share of the service's cost (its target cost less the
                // lines that are one council's): the pooling of today's costs, plus the shared
                // saving, plus the council's own lines.
                SplitMethod::ServiceCost => {
                    let baseline = f.council_baseline.get(c).map_or(0, |b| b.pence()) as f64;
                    baseline - r * f.baseline_cost.pence() as f64 + r * shared_saving + own
                }
                SplitMethod::CostsAndSavings => r * shared_saving + own,
            }
        })
        .collect()
}

/// Splits every function's saving between the councils, rounded once on each council's total
/// (see [`split::round_rows`]), and each council's share of the function's cost with it.
fn split_functions(
    ctx: &Context,
    functions: &mut [FunctionOutcome],
    recurring: &costing::Recurring,
    ratios: &[f64],
) {
    let exact: Vec<Vec<f64>> = functions
        .iter()
        .enumerate()
        .map(|(i, f)| council_saving_shares(ctx, i, f, recurring, ratios))
        .collect();
    let totals: Vec<Money> = functions.iter().map(|f| f.recurring_saving).collect();
    for (f, saving) in functions.iter_mut().zip(split::round_rows(&exact, &totals)) {
        f.council_share = f
            .council_baseline
            .iter()
            .zip(&saving)
            .map(|(b, s)| *b - *s)
            .collect();
        f.council_saving = saving;
    }
}

fn council_outcomes(
    ctx: &Context,
    schedule: &timeline::Schedule,
    recurring: &costing::Recurring,
    functions: &[FunctionOutcome],
    ratios: &[f64],
    one_offs: &OneOffs,
    years: Vec<Vec<CouncilYear>>,
) -> Vec<CouncilOutcome> {
    let plan = ctx.plan;
    let employee_one_off = &one_offs.employee;
    let mut years = years.into_iter();
    plan.councils
        .iter()
        .enumerate()
        .map(|(c, council)| {
            let mut flows = Flows::default();
            for f in functions {
                flows.add(&f.by_council[c]);
            }
            let cost_share: Money = functions
                .iter()
                .map(|f| f.council_share.get(c).copied().unwrap_or_default())
                .sum();
            let saving: Money = functions
                .iter()
                .map(|f| f.council_saving.get(c).copied().unwrap_or_default())
                .sum();
            let years = years.next().unwrap_or_default();
            CouncilOutcome {
                id: council.id.clone(),
                name: council.name.clone(),
                short_name: council.short_name.clone(),
                flows,
                share_ratio: ratios.get(c).copied().unwrap_or(0.0),
                baseline_cost: Money(recurring.council_baseline[c]),
                cost_share,
                recurring_saving: saving,
                // Its part of every year's one-off costs: the split of the whole, rounded once.
                one_off_cost: years.iter().map(|y| y.one_off_cost).sum(),
                employee_one_off: employee_one_off[c],
                proposed_redundancies: schedule.proposed[c],
                proposed_by_role: schedule.proposed_by_role[c].clone(),
                double_running_cost: Money(recurring.double_running[c]),
                timetable: schedule.timetables[c].clone(),
                waves: schedule.waves[c].clone(),
                years,
            }
        })
        .collect()
}
