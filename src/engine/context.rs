//! The plan resolved for one scenario: effective dates, targets and assumptions, and each post's
//! council and role as indices, so the rest of the engine never looks anything up by name.

use std::sync::Arc;

use jiff::civil::Date;
use rustc_hash::FxHashMap;

use super::profile::Cells;
use super::rules::{ExitCost, ExitKind, OnCosts, Person};
use crate::model::{Assumptions, Plan, Scenario, TargetPay};

/// Ids to positions with FxHash (rustc-hash): the ids are the plan's own, short, with no hostile
/// input to defend against, and 50,000 posts are resolved in well under a millisecond.
type FastMap<'a> = FxHashMap<&'a str, usize>;

fn index<'a>(ids: impl Iterator<Item = &'a str>) -> FastMap<'a> {
    let mut map = FastMap::default();
    for (i, id) in ids.enumerate() {
        map.entry(id).or_insert(i);
    }
    map
}

/// Looks ids up, remembering the last one: establishments list posts council by council and
/// role by role, so most lookups repeat the previous id and skip the hash.
struct Lookup<'m, 'a> {
    map: &'m FastMap<'a>,
    last: Option<(&'a str, Option<usize>)>,
}

impl<'m, 'a> Lookup<'m, 'a> {
    fn new(map: &'m FastMap<'a>) -> Self {
        Self { map, last: None }
    }

    fn get(&mut self, id: &'a str) -> Option<usize> {
        if let Some((last, found)) = self.last
            && last == id
        {
            return found;
        }
        let found = self.map.get(id).copied();
        self.last = Some((id, found));
        found
    }
}

/// The plan and scenario, resolved.
#[derive(Clone)]
pub struct Context<'a> {
    /// The plan evaluated.
    pub plan: &'a Plan,
    /// Scenario name.
    pub scenario: String,
    /// The programme's consultation start (the scenario's own if it has one).
    pub consultation_start: Date,
    /// Go-live of the programme (functions without their own go-live go live on it).
    pub go_live: Date,
    /// The go-live dates of the waves, earliest first: one when every function goes live
    /// together.
    pub waves: Vec<Date>,
    /// Each wave's consultation start: as long before its go-live as the programme's
    /// consultation start is before the programme's go-live.
    pub wave_consultation: Vec<Date>,
    /// Each function's wave (none for a function with no roles).
    pub function_wave: Vec<Option<usize>>,
    /// Target FTE per role.
    pub targets: Vec<f64>,
    /// Target pay per role: the scenario's where it sets one, else the role's.
    pub target_pay: Vec<TargetPay>,
    /// Each council's redundancy scheme, with the scenario's VR multiplier where it sets one.
    pub schemes: Vec<crate::model::RedundancyScheme>,
    /// Each council's minimum service for VR, in years (the scenario's where it sets one).
    pub min_service: Vec<u32>,
    /// Whether the pay change applies to each function's staff.
    pub pay_functions: Vec<bool>,
    /// The plan's assumptions with the scenario's changes to them (split, pay protection,
    /// implementation costs, redeployment rate, VR payback limit, compulsory redundancy).
    pub assumptions: Assumptions,
    /// Each post's council, if known.
    pub post_council: Arc<Vec<Option<usize>>>,
    /// Each post's role, if the role and its function are known and the council too.
    pub post_role: Arc<Vec<Option<usize>>>,
    /// Each role's function, if known.
    pub role_function: Vec<Option<usize>>,
    /// On-cost rates of full-year figures: the tax year that starts in the first full financial
    /// year after go-live (docs/rules.md, full-year cost of a post). Each financial year's own figures use its own rates.
    pub on_costs: OnCosts,
    /// Weeks in a year for a week's pay.
    pub weeks_per_year: f64,
    /// The council that employs new posts.
    pub host: usize,
    /// Indicative pension strain × this (the scenario's, else 1).
    pub strain_factor: f64,
    /// Days every leaver's exit slips (the scenario's weeks × 7, else 0).
    pub exit_slip_days: i64,
    /// The next pay award, raising each year's saving after go-live's year (else 0).
    pub pay_award: f64,
    /// Implementation costs × (1 + this) (else 0).
    pub implementation_overrun: f64,
    /// Each council's workforce profile as cells, on the consultation start: the holders the
    /// plan does not know are costed from it.
    pub profiles: Vec<Cells>,
    /// In a Monte Carlo draw, the seed the unnamed holders' ages and service are drawn from
    /// their profile with; else they are costed at its expected values.
    pub profile_draw: Option<u64>,
    /// The people in each group of posts (of a known council), by post.
    pub group_people: Arc<FxHashMap<usize, f64>>,
    /// Some post is held by people the plan does not name.
    pub has_unnamed: bool,
    /// The posts' lookups, as the next evaluation's memo keeps them.
    pub(crate) resolved: Resolved,
}

/// A share: the scenario's if it sets a finite one, else the plan's, from 0 to 1.
fn rate(x: Option<f64>, default: f64) -> f64 {
    x.filter(|r| r.is_finite())
        .unwrap_or(default)
        .clamp(0.0, 1.0)
}

fn strain_factor(scenario: &Scenario) -> f64 {
    finite_at_least_zero(scenario.strain_estimate_factor, 1.0)
}

fn exit_slip_days(scenario: &Scenario) -> i64 {
    (finite_at_least_zero(scenario.exit_slip_weeks, 0.0) * 7.0)
        .round()
        .min(3650.0) as i64
}

fn pay_award(scenario: &Scenario) -> f64 {
    scenario
        .pay_award
        .filter(|x| x.is_finite())
        .unwrap_or(0.0)
        .clamp(-0.5, 1.0)
}

fn implementation_overrun(scenario: &Scenario) -> f64 {
    scenario
        .implementation_overrun
        .filter(|x| x.is_finite())
        .unwrap_or(0.0)
        .clamp(-1.0, 10.0)
}

impl<'a> Context<'a> {
    /// Resolves the plan for a scenario.
    pub fn new(plan: &'a Plan, scenario: &Scenario) -> Self {
        Self::after(plan, scenario, None)
    }

    /// The plan and scenario resolved, looking up again only the posts changed since an
    /// earlier evaluation of a plan with the same councils, functions, roles and consultation
    /// start (the memo decides that; see [`Earlier`]).
    pub(crate) fn after(plan: &'a Plan, scenario: &Scenario, earlier: Option<Earlier<'_>>) -> Self {
        let a = &plan.assumptions;
        let consultation_start = consultation_start(plan, scenario);
        let go_live = scenario
            .go_live
            .unwrap_or(plan.programme.go_live)
            .max(consultation_start);
        let targets = plan.roles.iter().map(|r| scenario.target_for(r)).collect();
        let target_pay = plan.roles.iter().map(|r| scenario.pay_for(r)).collect();
        let councils = index(plan.councils.iter().map(|c| c.id.as_str()));
        let functions = index(plan.functions.iter().map(|f| f.id.as_str()));
        let roles = index(plan.roles.iter().map(|r| r.id.as_str()));
        let role_function: Vec<Option<usize>> = plan
            .roles
            .iter()
            .map(|r| functions.get(r.function.as_str()).copied())
            .collect();
        let profiles: Vec<Cells> = plan
            .councils
            .iter()
            .map(|c| Cells::new(&c.workforce, consultation_start))
            .collect();
        let resolved = match earlier {
            Some(e) => resolve_again(plan, &councils, &roles, &role_function, &profiles, &e),
            None => resolve(plan, &councils, &roles, &role_function, &profiles),
        };
        let Resolved {
            post_council,
            post_role,
            group_people,
            unnamed,
        } = resolved.clone();
        let has_unnamed = unnamed > 0;
        let (waves, wave_consultation, function_wave) =
            waves(plan, scenario, &role_function, consultation_start, go_live);
        let host = a
            .host_council
            .as_deref()
            .and_then(|h| councils.get(h).copied())
            .unwrap_or(0);
        let assumptions = Assumptions {
            redeployment_rate: rate(scenario.redeployment_rate, a.redeployment_rate),
            vr_take_up: rate(scenario.vr_take_up, a.vr_take_up),
            pay_protection_years: scenario
                .pay_protection_years
                .filter(|y| y.is_finite())
                .unwrap_or(a.pay_protection_years),
            pay_protection_taper_years: scenario
                .pay_protection_taper_years
                .filter(|y| y.is_finite())
                .unwrap_or(a.pay_protection_taper_years),
            protect_harmonised_pay: scenario
                .protect_harmonised_pay
                .unwrap_or(a.protect_harmonised_pay),
            vr_payback_limit: scenario.vr_payback_limit.unwrap_or(a.vr_payback_limit),
            compulsory_allowed: scenario.compulsory_allowed.unwrap_or(a.compulsory_allowed),
            bumping: scenario.bumping.unwrap_or(a.bumping),
            implementation_costs: scenario
                .implementation_costs
                .clone()
                .unwrap_or_else(|| a.implementation_costs.clone()),
            split_method: scenario.split_method.unwrap_or(a.split_method),
            cost_share: scenario.cost_share.unwrap_or(a.cost_share),
            lines: scenario.lines.clone().unwrap_or_else(|| a.lines.clone()),
            pay_change: scenario
                .pay_change
                .clone()
                .unwrap_or_else(|| a.pay_change.clone()),
            ..a.clone()
        };
        let schemes = plan
            .councils
            .iter()
            .map(|c| {
                let mut scheme = c.scheme;
                if let Some(m) = scenario
                    .vr_multipliers
                    .get(&c.id)
                    .filter(|m| m.is_finite() && **m >= 0.0)
                {
                    scheme.vr_multiplier = *m;
                }
                scheme
            })
            .collect();
        let min_service = plan
            .councils
            .iter()
            .map(|c| {
                scenario
                    .min_service_for_vr_years
                    .unwrap_or(c.min_service_for_vr_years)
            })
            .collect();
        let pay_functions = plan
            .functions
            .iter()
            .map(|f| {
                assumptions
                    .pay_change
                    .as_ref()
                    .is_some_and(|p| p.functions.is_empty() || p.functions.contains(&f.id))
            })
            .collect();
        Self {
            plan,
            scenario: scenario.name.clone(),
            consultation_start,
            go_live,
            waves,
            wave_consultation,
            function_wave,
            targets,
            target_pay,
            schemes,
            min_service,
            pay_functions,
            assumptions,
            post_council,
            post_role,
            role_function,
            on_costs: OnCosts::full_year(&plan.parameters, go_live),
            weeks_per_year: a.weekly_pay.weeks_per_year(),
            host,
            strain_factor: strain_factor(scenario),
            exit_slip_days: exit_slip_days(scenario),
            pay_award: pay_award(scenario),
            implementation_overrun: implementation_overrun(scenario),
            profiles,
            profile_draw: None,
            group_people,
            has_unnamed,
            resolved,
        }
    }

    /// Whether post `i` is filled by people the plan does not know, costed from the profile.
    pub fn unnamed(&self, i: usize) -> bool {
        self.has_unnamed && {
            let post = &self.plan.posts[i];
            post.unnamed && post.holder.is_none()
        }
    }

    /// The people in post `i`: one for a single post, a group's headcount (or FTE over the
    /// council's average contract).
    pub fn people(&self, i: usize) -> f64 {
        if self.group_people.is_empty() {
            return 1.0;
        }
        self.group_people.get(&i).copied().unwrap_or(1.0)
    }

    /// The profile's shares for unnamed post `i` at council `c`: its expected shares, or in a
    /// Monte Carlo draw, the shares among the post's people drawn from it.
    pub fn profile_weights(&self, i: usize, c: usize) -> Vec<f64> {
        let cells = &self.profiles[c];
        match self.profile_draw {
            None => cells.cells.iter().map(|cell| cell.share).collect(),
            Some(seed) => {
                let mut state = seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                super::profile::drawn_weights(cells, self.people(i), || {
                    super::profile::split_mix(&mut state)
                })
            }
        }
    }

    /// Whether someone in post `i` at council `c`, as `person`, may be offered VR: not critical,
    /// with the council's minimum service at their wave's go-live, and (where the scenario
    /// limits it) their package paying back within the limit. Also their package on exit at
    /// go-live and its payback.
    pub fn vr_offer(&self, i: usize, c: usize, person: &Person) -> Option<(ExitCost, f64)> {
        let go_live = self.post_go_live(i);
        let service = super::dates::complete_years_ending_with(person.service_start, go_live);
        if service < self.min_service[c] as i32 {
            return None;
        }
        let cost = self.person_exit(c, person, ExitKind::Voluntary, go_live);
        let annual = self.annual_cost(
            person.annual_pay.pence() as f64,
            self.lgps_rate(c, person.lgps_member),
        );
        let payback = if annual > 0.0 {
            cost.total().pence() as f64 / annual
        } else {
            f64::INFINITY
        };
        if let crate::model::PaybackLimit::Years(limit) = self.assumptions.vr_payback_limit
            && payback > limit
        {
            return None;
        }
        Some((cost, payback))
    }

    /// What post `i`'s holders (at council `c`) leaving by `kind` on `exit` cost: a named
    /// holder's own figures; unnamed holders' expected over their profile, volunteers over the
    /// people in it VR may be offered to.
    pub fn exit_of(&self, i: usize, c: usize, kind: ExitKind, exit: Date) -> Option<ExitCost> {
        let post = &self.plan.posts[i];
        if self.unnamed(i) {
            let cells = &self.profiles[c];
            let weights = self.profile_weights(i, c);
            let people = cells.people(post);
            let mut sum = super::profile::Expected::default();
            for (k, cell) in cells.cells.iter().enumerate() {
                if weights[k] <= 0.0 {
                    continue;
                }
                let person = cells.person(cell, post, people);
                if kind == ExitKind::Voluntary && self.vr_offer(i, c, &person).is_none() {
                    continue;
                }
                sum.add(&self.person_exit(c, &person, kind, exit), weights[k]);
            }
            return Some(sum.finish(people));
        }
        let person = super::pools::person(post)?;
        Some(self.person_exit(c, &person, kind, exit))
    }

    /// What `person` at council `c` leaving by `kind` on `exit` costs under its scheme.
    fn person_exit(&self, c: usize, person: &Person, kind: ExitKind, exit: Date) -> ExitCost {
        super::rules::exit_cost(
            &self.plan.parameters,
            &self.schemes[c],
            self.weeks_per_year,
            person,
            kind,
            exit,
        )
    }

    /// The full-time salary post `i` (in role `r`) is paid in the single service, pence: its
    /// role's target salary, or its own where the role keeps today's pay.
    pub fn target_salary_of(&self, i: usize, r: usize, role_salary: i64) -> i64 {
        if self.target_pay[r] == crate::model::TargetPay::Today {
            self.plan.posts[i].salary.pence().max(0)
        } else {
            role_salary
        }
    }

    /// The notice, in weeks, of post `i`'s holder when notice is given on `from`: the longer of
    /// statutory and contractual; for unnamed holders, the statutory notice at the profile's
    /// mean service.
    pub fn notice_weeks(&self, i: usize, c: usize, from: Date) -> Option<u32> {
        let params = &self.plan.parameters;
        if self.unnamed(i) {
            let start = self.profiles[c].typical_start;
            return Some(super::rules::statutory_notice_weeks(params, start, from));
        }
        let h = self.plan.posts[i].holder.as_ref()?;
        Some(
            super::rules::statutory_notice_weeks(params, h.service_start, from).max(h.notice_weeks),
        )
    }

    /// The same plan under `scenario`, which differs from this context's only in the uncertain
    /// inputs a Monte Carlo run draws (VR take-up, redeployment rate, strain factor, exit slip,
    /// pay award, implementation overrun): the plan's lookups are kept, those six read again.
    pub fn with_uncertain(&self, scenario: &Scenario) -> Self {
        let a = &self.plan.assumptions;
        let mut c = self.clone();
        c.assumptions.redeployment_rate = rate(scenario.redeployment_rate, a.redeployment_rate);
        c.assumptions.vr_take_up = rate(scenario.vr_take_up, a.vr_take_up);
        c.strain_factor = strain_factor(scenario);
        c.exit_slip_days = exit_slip_days(scenario);
        c.pay_award = pay_award(scenario);
        c.implementation_overrun = implementation_overrun(scenario);
        c
    }

    /// The share the pay change cuts from the pay of the person in post `i`, paid `salary`
    /// (full-time, pence) in the single service: 0 for a vacancy, a function it leaves alone, a
    /// salary it exempts, or no pay change.
    pub fn pay_cut(&self, i: usize, salary: i64) -> f64 {
        let Some(change) = &self.assumptions.pay_change else {
            return 0.0;
        };
        let touched = self.post_role[i]
            .and_then(|r| self.role_function[r])
            .is_some_and(|f| self.pay_functions[f]);
        if !touched || !self.plan.posts[i].is_filled() {
            return 0.0;
        }
        change.cut_for(crate::model::Money(salary))
    }

    /// When the pay change starts: its own date, else the go-live `go_live` of the person's
    /// wave.
    pub fn pay_start(&self, go_live: Date) -> Date {
        self.assumptions
            .pay_change
            .as_ref()
            .and_then(|p| p.start)
            .unwrap_or(go_live)
    }

    /// The wave role `r` goes live in (the first if its function is unknown).
    pub fn role_wave(&self, r: usize) -> usize {
        self.role_function[r]
            .and_then(|f| self.function_wave[f])
            .unwrap_or(0)
    }

    /// The go-live of role `r`'s wave.
    pub fn role_go_live(&self, r: usize) -> Date {
        self.waves
            .get(self.role_wave(r))
            .copied()
            .unwrap_or(self.go_live)
    }

    /// The wave of post `i` (the first if it has no role).
    pub fn post_wave(&self, i: usize) -> usize {
        self.post_role[i].map_or(0, |r| self.role_wave(r))
    }

    /// The go-live of post `i`'s wave.
    pub fn post_go_live(&self, i: usize) -> Date {
        self.post_role[i].map_or(self.go_live, |r| self.role_go_live(r))
    }

    /// Whether the person in post `i` (not a volunteer), paid `salary` in the single service,
    /// is dismissed and re-engaged on the new pay, and so proposed for dismissal.
    pub fn reengaged(&self, i: usize, salary: i64) -> bool {
        self.assumptions
            .pay_change
            .as_ref()
            .is_some_and(|p| p.dismissal_and_reengagement)
            && self.pay_cut(i, salary) != 0.0
    }

    /// The LGPS employer rate that applies to a person at council `c`.
    pub fn lgps_rate(&self, c: usize, member: bool) -> f64 {
        if !member {
            return 0.0;
        }
        self.plan
            .councils
            .get(c)
            .map_or(0.0, |c| c.lgps_employer_rate)
            .clamp(0.0, 1.0)
    }

    /// What protecting a drop in yearly pay costs a year, in pence: the drop alone, or (as the
    /// plan costs it by default) the employer's cost of `pay` less that of `pay` less the drop,
    /// so NI, LGPS at `lgps_rate` and the levy come with it (docs/rules.md, "Pay protection").
    pub fn protected_cost(&self, pay_pence: f64, drop_pence: f64, lgps_rate: f64) -> f64 {
        if !self.assumptions.pay_protection_on_costs {
            return drop_pence;
        }
        self.annual_cost(pay_pence, lgps_rate) - self.annual_cost(pay_pence - drop_pence, lgps_rate)
    }

    /// Full-year cost in pence of pay at on-costs in force at go-live.
    pub fn annual_cost(&self, pay_pence: f64, lgps_rate: f64) -> f64 {
        self.on_costs.annual_cost(pay_pence, lgps_rate)
    }
}

/// The programme's consultation start under `scenario` (the scenario's own if it has one).
pub(crate) fn consultation_start(plan: &Plan, scenario: &Scenario) -> Date {
    scenario
        .consultation_start
        .unwrap_or(plan.programme.consultation_start)
}

/// Each post's council and role as positions, the people of each group and how many posts
/// unnamed people hold: shared, so an evaluation that changes none of them copies nothing.
#[derive(Clone)]
pub(crate) struct Resolved {
    post_council: Arc<Vec<Option<usize>>>,
    post_role: Arc<Vec<Option<usize>>>,
    group_people: Arc<FxHashMap<usize, f64>>,
    unnamed: usize,
}

impl Resolved {
    /// Post `i`'s role, as this evaluation resolved it.
    pub(crate) fn role(&self, i: usize) -> Option<usize> {
        self.post_role.get(i).copied().flatten()
    }
}

/// An earlier evaluation's lookups, and the posts changed since, by position.
pub(crate) struct Earlier<'e> {
    /// The plan it evaluated (the same length as this one's establishment).
    pub plan: &'e Plan,
    /// Its lookups.
    pub resolved: &'e Resolved,
    /// The positions whose posts differ.
    pub changed: &'e [usize],
}

/// Looks posts up: their council, their role (if the role's function and the council are
/// known) and, for a group of posts at a known council, its people.
struct PostLookup<'m, 'a> {
    councils: Lookup<'m, 'a>,
    roles: Lookup<'m, 'a>,
    role_function: &'m [Option<usize>],
    profiles: &'m [Cells],
}

impl<'m, 'a> PostLookup<'m, 'a> {
    fn new(
        councils: &'m FastMap<'a>,
        roles: &'m FastMap<'a>,
        role_function: &'m [Option<usize>],
        profiles: &'m [Cells],
    ) -> Self {
        Self {
            councils: Lookup::new(councils),
            roles: Lookup::new(roles),
            role_function,
            profiles,
        }
    }

    fn post(&mut self, p: &'a crate::model::Post) -> (Option<usize>, Option<usize>, Option<f64>) {
        let c = self.councils.get(&p.council);
        let r = self
            .roles
            .get(&p.role)
            .filter(|&r| c.is_some() && self.role_function[r].is_some());
        let people = match (p.group, c) {
            (Some(_), Some(c)) => Some(self.profiles[c].people(p)),
            _ => None,
        };
        (c, r, people)
    }
}

/// Whether a post is held by people the plan does not name.
fn is_unnamed(p: &crate::model::Post) -> bool {
    p.unnamed && p.holder.is_none()
}

/// An earlier evaluation's lookups with the changed posts looked up again. The plans have the
/// same councils, functions, roles and consultation start, so every other post resolves as it
/// did.
fn resolve_again(
    plan: &Plan,
    councils: &FastMap<'_>,
    roles: &FastMap<'_>,
    role_function: &[Option<usize>],
    profiles: &[Cells],
    earlier: &Earlier<'_>,
) -> Resolved {
    let mut out = earlier.resolved.clone();
    if earlier.changed.is_empty() {
        return out;
    }
    let post_council = Arc::make_mut(&mut out.post_council);
    let post_role = Arc::make_mut(&mut out.post_role);
    let group_people = Arc::make_mut(&mut out.group_people);
    let mut lookup = PostLookup::new(councils, roles, role_function, profiles);
    for &i in earlier.changed {
        let p = &plan.posts[i];
        let (c, r, people) = lookup.post(p);
        post_council[i] = c;
        post_role[i] = r;
        group_people.remove(&i);
        if let Some(people) = people {
            group_people.insert(i, people);
        }
        out.unnamed = out.unnamed + usize::from(is_unnamed(p))
            - usize::from(is_unnamed(&earlier.plan.posts[i]));
    }
    out
}

/// Looks every post up once, so no later pass reads a post only to ask whether it is a group or
/// unnamed (most plans have none). Each post's lookups stand alone, so the two halves of the
/// establishment are looked up apart and joined in order.
fn resolve(
    plan: &Plan,
    councils: &FastMap<'_>,
    roles: &FastMap<'_>,
    role_function: &[Option<usize>],
    profiles: &[Cells],
) -> Resolved {
    let one = |range: std::ops::Range<usize>| {
        let mut lookup = PostLookup::new(councils, roles, role_function, profiles);
        let mut found: Vec<(Option<usize>, Option<usize>)> = Vec::with_capacity(range.len());
        let mut groups = Vec::new();
        let mut unnamed = 0;
        let start = range.start;
        for (k, p) in plan.posts.in_range(range).enumerate() {
            let (c, r, people) = lookup.post(p);
            found.push((c, r));
            if let Some(people) = people {
                groups.push((start + k, people));
            }
            unnamed += usize::from(is_unnamed(p));
        }
        (found, groups, unnamed)
    };
    let ((mut found, mut groups, mut unnamed), rest) =
        super::halves::in_halves(plan.posts.len(), one);
    if let Some((more, more_groups, more_unnamed)) = rest {
        found.extend(more);
        groups.extend(more_groups);
        unnamed += more_unnamed;
    }
    let (post_council, post_role): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    Resolved {
        post_council: Arc::new(post_council),
        post_role: Arc::new(post_role),
        group_people: Arc::new(groups.into_iter().collect()),
        unnamed,
    }
}

/// The waves the functions go live in: each wave's go-live (earliest first) and consultation
/// start, and each function's wave.
fn waves(
    plan: &Plan,
    scenario: &Scenario,
    role_function: &[Option<usize>],
    consultation_start: Date,
    go_live: Date,
) -> (Vec<Date>, Vec<Date>, Vec<Option<usize>>) {
    // Waves: each function's own go-live (the scenario's, else the plan's), else the
    // programme's.
    let function_go_live: Vec<Date> = plan
        .functions
        .iter()
        .map(|f| {
            scenario
                .function_go_live
                .get(&f.id)
                .copied()
                .or(f.go_live)
                .unwrap_or(go_live)
        })
        .collect();
    // The waves are the go-lives of the functions with roles (a function with none has no
    // one to take live).
    let mut used = vec![false; plan.functions.len()];
    for f in role_function.iter().flatten() {
        used[*f] = true;
    }
    let mut waves: Vec<Date> = function_go_live
        .iter()
        .zip(&used)
        .filter(|(_, u)| **u)
        .map(|(d, _)| *d)
        .collect();
    waves.sort_unstable();
    waves.dedup();
    if waves.is_empty() {
        waves.push(go_live);
    }
    let function_wave: Vec<Option<usize>> = function_go_live
        .iter()
        .zip(&used)
        .map(|(d, u)| u.then(|| waves.binary_search(d).ok()).flatten())
        .collect();
    let lead = super::dates::days_between(consultation_start, go_live);
    let wave_consultation = waves
        .iter()
        .map(|d| super::dates::add_days(*d, -lead))
        .collect();
    (waves, wave_consultation, function_wave)
}

/// A scenario's number where it is a number of 0 or more, else `default`.
fn finite_at_least_zero(x: Option<f64>, default: f64) -> f64 {
    x.filter(|x| x.is_finite() && *x >= 0.0).unwrap_or(default)
}
