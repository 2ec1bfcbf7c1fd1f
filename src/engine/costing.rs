//! Recurring costs (docs/rules.md, full-year cost of a post and recurring saving): the full-year cost of today's
//! establishment and of the target structure, and the waterfall between them, which reconciles
//! to the penny because every post's cost is split into whole pence before anything is added.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::context::Context;
use super::dates::days_between;
use super::outcome::Waterfall;
use super::pools::{EPS, Fate, Pool, post_fte};
use super::timeline::Exit;
use crate::model::LineKind;
use crate::model::{Money, round};

/// Recurring costs and when each saving starts.
pub struct Recurring {
    /// Baseline cost per role, pence.
    pub role_baseline: Vec<i64>,
    /// Target cost per role, pence.
    pub role_target: Vec<i64>,
    /// Baseline cost per function and council, pence (`[function][council]`).
    pub function_council_baseline: Vec<Vec<i64>>,
    /// Baseline cost per council, pence.
    pub council_baseline: Vec<i64>,
    /// Salaries today before on-costs per council (each post's salary x FTE), pence.
    pub council_salaries: Vec<i64>,
    /// Full-year cost today per post, pence (0 for posts the engine skips).
    pub post_baseline: Vec<i64>,
    /// The bridge from today's cost to the target cost.
    pub waterfall: Waterfall,
    /// Full-year saving by the date it starts, pence.
    pub starts: BTreeMap<Date, i64>,
    /// Full-year saving of the pay change, pence.
    pub pay_change: i64,
    /// People whose pay it changes.
    pub pay_people: u32,
    /// Net full-year saving of the lines that are not posts, per function, pence (a cost is
    /// negative).
    pub line_function: Vec<i64>,
    /// The part of `line_function` that is one council's alone (`[function][council]`).
    pub line_function_council: Vec<Vec<i64>>,
    /// Savings lost to exits after go-live, per council, pence.
    pub double_running: Vec<i64>,
}

/// The costs of a range of posts, kept apart so two ranges can be costed at once and added.
struct Partial {
    role_baseline: Vec<i64>,
    role_target: Vec<i64>,
    function_council_baseline: Vec<Vec<i64>>,
    council_baseline: Vec<i64>,
    council_salaries: Vec<i64>,
    post_baseline: Vec<i64>,
    double_running: Vec<i64>,
    starts: Starts,
    vd: i64,
    vr: i64,
    cr: i64,
    ro: i64,
    harm: i64,
    /// Savings from each wave's go-live, by wave.
    at_go_live: Vec<i64>,
    pay: i64,
    pay_people: u32,
}

impl Partial {
    /// Adds another range's costs (all whole pence, so the order of adding cannot matter).
    fn add(&mut self, o: Self) {
        let add = |a: &mut [i64], b: &[i64]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.role_baseline, &o.role_baseline);
        add(&mut self.role_target, &o.role_target);
        for (a, b) in self
            .function_council_baseline
            .iter_mut()
            .zip(&o.function_council_baseline)
        {
            add(a, b);
        }
        add(&mut self.council_baseline, &o.council_baseline);
        add(&mut self.council_salaries, &o.council_salaries);
        add(&mut self.double_running, &o.double_running);
        self.post_baseline.extend(o.post_baseline);
        for (date, amount) in o.starts.finish() {
            self.starts.add(date, amount);
        }
        self.vd += o.vd;
        self.vr += o.vr;
        self.cr += o.cr;
        self.ro += o.ro;
        self.harm += o.harm;
        for (a, b) in self.at_go_live.iter_mut().zip(o.at_go_live) {
            *a += b;
        }
        self.pay += o.pay;
        self.pay_people += o.pay_people;
    }
}

/// Costs the posts in `range` today and in the target structure.
fn cost_posts(
    ctx: &Context,
    pools: &[Pool],
    fates: &[Fate],
    exits: &[Option<Exit>],
    range: std::ops::Range<usize>,
) -> Partial {
    let plan = ctx.plan;
    let (nf, nc) = (plan.functions.len(), plan.councils.len());
    let offset = range.start;
    let mut r = Partial {
        role_baseline: vec![0; plan.roles.len()],
        role_target: vec![0; plan.roles.len()],
        function_council_baseline: vec![vec![0; nc]; nf],
        council_baseline: vec![0; nc],
        council_salaries: vec![0; nc],
        post_baseline: vec![0; range.len()],
        double_running: vec![0; nc],
        starts: Starts::default(),
        vd: 0,
        vr: 0,
        cr: 0,
        ro: 0,
        harm: 0,
        at_go_live: vec![0; ctx.waves.len()],
        pay: 0,
        pay_people: 0,
    };
    for i in range {
        let post = &plan.posts[i];
        let (Some(role), Some(c)) = (ctx.post_role[i], ctx.post_council[i]) else {
            continue;
        };
        let Some(f) = ctx.role_function[role] else {
            continue;
        };
        let pool = &pools[role];
        let fte = post_fte(post);
        let wave = ctx.role_wave(role);
        let go_live = ctx.waves[wave];
        // Vacancies are budgeted with LGPS contributions, as councils budget them.
        let rate = ctx.lgps_rate(c, post.holder.as_ref().is_none_or(|h| h.lgps_member));
        let base = round(ctx.annual_cost(post.salary.pence().max(0) as f64 * fte, rate));
        let target_salary = ctx.target_salary_of(i, role, pool.target_salary);
        let end = round(ctx.annual_cost(target_salary as f64 * fte, rate));
        // Today's and the target's kept share are rounded the same way (the whole post less
        // the rounded shares that leave), so unchanged pay harmonises to exactly nothing.
        let share = |fraction: f64, whole: i64| round(fraction * whole as f64);
        r.post_baseline[i - offset] = base;
        r.role_baseline[role] += base;
        r.function_council_baseline[f][c] += base;
        r.council_baseline[c] += base;
        r.council_salaries[c] += round(post.salary.pence().max(0) as f64 * fte);
        let vacant = !post.is_filled();
        let (keep_base, keep_end) = if vacant {
            let q = pool.vacancy_share_deleted;
            let deleted = share(q, base);
            r.vd += deleted;
            r.at_go_live[wave] += deleted;
            (base - deleted, end - share(q, end))
        } else {
            // A filled post: the shares expected to leave by VR or compulsorily, and to move.
            let fate = fates[i];
            let vol = share(fate.voluntary, base);
            let out = share(fate.redeployed, base);
            let gone = share(fate.compulsory, base);
            r.vr += vol;
            r.ro += out;
            r.cr += gone;
            r.at_go_live[wave] += out;
            if vol + gone != 0 {
                let start = exits[i].map_or(go_live, |e| e.date);
                r.starts.add(start, vol + gone);
                r.double_running[c] += lost_to_late_exit(go_live, (vol + gone) as f64, start);
            }
            (
                base - vol - out - gone,
                end - share(fate.voluntary, end)
                    - share(fate.redeployed, end)
                    - share(fate.compulsory, end),
            )
        };
        r.harm += keep_base - keep_end;
        r.at_go_live[wave] += keep_base - keep_end;
        // A pay change for the staff who stay: their kept share at the changed pay, saved from
        // the day it starts.
        let cut = if keep_end == 0 {
            0.0
        } else {
            ctx.pay_cut(i, target_salary)
        };
        let keep_end = if cut == 0.0 {
            keep_end
        } else {
            let fate = fates[i];
            let new_end = round(ctx.annual_cost(target_salary as f64 * (1.0 - cut) * fte, rate));
            let keep_new = new_end
                - share(fate.voluntary, new_end)
                - share(fate.redeployed, new_end)
                - share(fate.compulsory, new_end);
            let saved = keep_end - keep_new;
            r.pay += saved;
            r.pay_people += 1;
            r.starts.add(ctx.pay_start(go_live), saved);
            keep_new
        };
        r.role_target[role] += keep_end;
    }
    r
}

/// Costs every post today and in the target structure. The two halves of the establishment
/// are costed apart and added: every figure is whole pence, so the sums are exact either way.
pub fn recurring(
    ctx: &Context,
    pools: &[Pool],
    fates: &[Fate],
    exits: &[Option<Exit>],
) -> Recurring {
    let (mut p, rest) = super::halves::in_halves(ctx.plan.posts.len(), |range| {
        cost_posts(ctx, pools, fates, exits, range)
    });
    if let Some(rest) = rest {
        p.add(rest);
    }
    let mut r = Recurring {
        role_baseline: p.role_baseline,
        role_target: p.role_target,
        function_council_baseline: p.function_council_baseline,
        council_baseline: p.council_baseline,
        council_salaries: p.council_salaries,
        post_baseline: p.post_baseline,
        waterfall: Waterfall::default(),
        starts: BTreeMap::new(),
        pay_change: p.pay,
        pay_people: p.pay_people,
        line_function: vec![0; ctx.plan.functions.len()],
        line_function_council: vec![vec![0; ctx.plan.councils.len()]; ctx.plan.functions.len()],
        double_running: p.double_running,
    };
    let (vd, vr, cr, ro, harm) = (p.vd, p.vr, p.cr, p.ro, p.harm);
    let mut at_go_live = p.at_go_live;
    let mut starts = p.starts;
    let host_rate = ctx.lgps_rate(ctx.host, true);
    let mut new_posts = 0i64;
    for (role, pool) in pools.iter().enumerate() {
        if pool.new_posts <= EPS || ctx.role_function[role].is_none() {
            continue;
        }
        // New posts are whole-time posts, the last one part-time, each costed as one person.
        let whole = (pool.new_posts + EPS).floor();
        let part = (pool.new_posts - whole).max(0.0);
        let salary = pool.target_salary as f64;
        let cost = round(
            whole * ctx.annual_cost(salary, host_rate) + ctx.annual_cost(salary * part, host_rate),
        );
        new_posts += cost;
        r.role_target[role] += cost;
        at_go_live[ctx.role_wave(role)] -= cost;
    }
    for (wave, amount) in at_go_live.into_iter().enumerate() {
        starts.add(ctx.waves[wave], amount);
    }
    // Savings and costs that are not posts: each from its own date, in its function, and the
    // council's alone where it names one.
    let mut lines = 0i64;
    for line in &ctx.assumptions.lines {
        let net = match line.kind {
            LineKind::RecurringSaving => line.amount.pence().max(0),
            LineKind::RecurringCost => -line.amount.pence().max(0),
            LineKind::OneOffCost => continue,
        };
        let Some(f) = ctx
            .plan
            .functions
            .iter()
            .position(|f| f.id == line.function)
        else {
            continue;
        };
        lines += net;
        r.line_function[f] += net;
        if let Some(c) = line
            .council
            .as_deref()
            .and_then(|id| ctx.plan.councils.iter().position(|c| c.id == id))
        {
            r.line_function_council[f][c] += net;
        }
        starts.add(line.from, net);
    }
    r.starts = starts.finish();
    let baseline: i64 = r.role_baseline.iter().sum();
    let target: i64 = r.role_target.iter().sum::<i64>() - lines;
    r.waterfall = Waterfall {
        baseline: Money(baseline),
        vacancies_deleted: Money(vd),
        voluntary: Money(vr),
        compulsory: Money(cr),
        redeployed: Money(ro),
        new_posts: Money(-new_posts),
        pay_harmonisation: Money(harm),
        pay_change: Money(r.pay_change),
        lines: Money(lines),
        target: Money(target),
    };
    r
}

/// Full-year savings by start date, summing runs of the same date before touching the map
/// (leavers at one council share a handful of exit dates).
#[derive(Default)]
struct Starts {
    map: BTreeMap<Date, i64>,
    run: Option<(Date, i64)>,
}

impl Starts {
    fn add(&mut self, date: Date, amount: i64) {
        match &mut self.run {
            Some((d, total)) if *d == date => *total += amount,
            _ => {
                self.flush();
                self.run = Some((date, amount));
            }
        }
    }

    fn flush(&mut self) {
        if let Some((d, total)) = self.run.take() {
            *self.map.entry(d).or_default() += total;
        }
    }

    fn finish(mut self) -> BTreeMap<Date, i64> {
        self.flush();
        self.map
    }
}

/// The saving lost while a leaver works notice after their wave's go-live: full-year saving ×
/// days ÷ 365.
fn lost_to_late_exit(go_live: Date, full_year: f64, exit: Date) -> i64 {
    if exit <= go_live {
        return 0;
    }
    round(full_year * days_between(go_live, exit) as f64 / 365.0)
}
