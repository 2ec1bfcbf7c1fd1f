//! The mixed-integer programme: each role's variables, the constraints every solve keeps, the
//! figures as expressions, the three solves that keep the rule order, and the cuts set to the
//! hundredth of an FTE.

use super::levers::{Lever, Rest};
use super::{Limits, MOST_CHOICES, MOST_EXACT_ROLES, TINY, UNIT};
use crate::engine::outcome::Outcome;
use good_lp::{
    Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable,
    microlp, variable,
};

/// The programme's variables for one role.
struct Cut {
    vacant: Variable,
    take_up: Variable,
    /// The sets of volunteers that can go in this solve (a set that cannot fit, or that a
    /// fixed solve leaves out, has no variables).
    sets: Vec<SetCut>,
    /// The rest when no set goes, and the FTE of it redeployed.
    rest_alone: Variable,
    redeployed_alone: Variable,
    /// On a small plan, the target in hundredths of an FTE (a whole number), so the programme's
    /// cut is one a director could set and no rounding moves it off its limits.
    hundredths: Option<Variable>,
    /// Whether the cut goes past the vacancies (1 or 0; between in a relaxation): the engine
    /// deletes every vacancy before anyone volunteers or is at risk.
    past_vacancies: Variable,
}

/// The variables of one set of volunteers: whether it goes (0 or 1), the rest of the cut beside
/// it, and the FTE of that rest redeployed (the rest of it compulsory).
struct SetCut {
    /// Its index in the lever's choices.
    choice: usize,
    choose: Variable,
    rest: Variable,
    /// Each rest's redeployed FTE is priced at its own rates, as those left at risk differ with
    /// the volunteers who go; the relaxation, which only guides the choice of volunteers, counts
    /// it with the rest alone (`None`), which keeps a plan of thousands of sets quick.
    redeployed: Option<Variable>,
}

/// FTE redeployed from part of a role's pool at risk: how much, out of which rest, at whose
/// rates.
struct Move<'a> {
    moved: Variable,
    of: Expression,
    rates: &'a Rest,
}

impl Cut {
    /// Each rest of the pool at risk with its rates: the rest alone, then the rest beside each
    /// set of volunteers.
    fn rests<'a>(&'a self, l: &'a Lever) -> impl Iterator<Item = (Variable, &'a Rest)> {
        std::iter::once((self.rest_alone, &l.rest)).chain(
            self.sets
                .iter()
                .map(|s| (s.rest, &l.choices[s.choice].rest)),
        )
    }

    /// The FTE redeployed, each with the rest it comes from and the rates it is priced at.
    fn moves<'a>(&'a self, l: &'a Lever) -> Vec<Move<'a>> {
        let mut alone = Move {
            moved: self.redeployed_alone,
            of: Expression::from(self.rest_alone),
            rates: &l.rest,
        };
        let mut moves = Vec::new();
        for s in &self.sets {
            match s.redeployed {
                Some(moved) => moves.push(Move {
                    moved,
                    of: Expression::from(s.rest),
                    rates: &l.choices[s.choice].rest,
                }),
                None => alone.of += s.rest,
            }
        }
        moves.insert(0, alone);
        moves
    }

    /// The FTE of the pool at risk redeployed.
    fn redeployed(&self) -> Expression {
        let mut moved = Expression::from(self.redeployed_alone);
        for d in self.sets.iter().filter_map(|s| s.redeployed) {
            moved += d;
        }
        moved
    }

    /// Whether any set of volunteers goes (1 or 0).
    fn chosen(&self) -> Expression {
        self.sets.iter().map(|s| s.choose).sum()
    }
}

/// What to optimise.
#[derive(Clone, Copy, Debug)]
pub(super) enum Aim {
    /// Reach `need` a year with the fewest compulsory FTE, then at the least one-off cost,
    /// then as close to `need` as that allows.
    Reach(f64),
    /// Save the most.
    Most,
}

/// The programme's figures, as expressions of its variables.
struct Figures {
    saving: Expression,
    one_off: Expression,
    compulsory: Expression,
}

/// The role targets the programme proposes within `limits`, or `None` when none meets them.
/// Each role's sets of volunteers are 0/1 choices (on a plan with more than [`MOST_CHOICES`] of
/// them, chosen from the relaxation first); the rule order is kept by solving in turn: the
/// fewest compulsory FTE, then the least one-off cost with no more, then the saving closest to
/// the need with no more cost.
pub(super) fn solve(
    keep: &Outcome,
    levers: &[Option<Lever>],
    aim: Aim,
    limits: Limits,
) -> Option<Vec<Option<f64>>> {
    let choices: usize = levers.iter().flatten().map(|l| l.choices.len()).sum();
    let relaxed = || {
        let fte = solve_with(keep, levers, aim, limits, &Integrality::Relaxed).ok()?;
        solve_with(keep, levers, aim, limits, &Integrality::Fixed(fte.cuts)).ok()
    };
    let solved = if choices > MOST_CHOICES {
        relaxed()?
    } else {
        match solve_with(keep, levers, aim, limits, &Integrality::Whole) {
            Ok(solved) => solved,
            Err(Failed::Infeasible) => return None,
            // The solver could not settle a whole-number solution: choose from the relaxation.
            Err(Failed::Solver) => relaxed()?,
        }
    };
    let cuts = to_hundredths(levers, &solved, aim, limits);
    Some(
        levers
            .iter()
            .zip(cuts)
            .map(|(l, cut)| {
                l.as_ref()
                    .map(|l| ((l.today - cut).max(l.floor) * 100.0).round() / 100.0)
            })
            .collect(),
    )
}

/// Each role's cut to the hundredth of an FTE, as a director sets a target: a cut a hair off a
/// hundredth is that hundredth; the others go up or down, whichever way the programme's own
/// figures show still meets the limits (and the saving sought) with the fewest compulsory FTE,
/// then the least one-off cost, then the saving closest to the need (or, saving the most, the
/// most). Where no way does, down for the most and up for a saving.
fn to_hundredths(levers: &[Option<Lever>], solved: &Solved, aim: Aim, limits: Limits) -> Vec<f64> {
    let mut cuts: Vec<f64> = solved.cuts.clone();
    let open: Vec<usize> = (0..cuts.len())
        .filter(|&r| {
            levers[r].is_some() && {
                let h = cuts[r] * 100.0;
                (h - h.round()).abs() >= 1e-3
            }
        })
        .collect();
    for c in &mut cuts {
        let h = *c * 100.0;
        if (h - h.round()).abs() < 1e-3 {
            *c = h.round() / 100.0;
        }
    }
    // The safe way for each: less cut for the most, more for a saving.
    let safe = |mut cuts: Vec<f64>| {
        for &r in &open {
            let h = cuts[r] * 100.0;
            cuts[r] = if matches!(aim, Aim::Most) {
                h.floor()
            } else {
                h.ceil()
            } / 100.0;
        }
        cuts
    };
    // Too many to try every way.
    if open.len() > 12 {
        return safe(cuts);
    }
    let mut best: Option<((f64, f64, f64), Vec<f64>)> = None;
    for way in 0..(1u32 << open.len()) {
        let mut tried = cuts.clone();
        let (mut saving, mut one_off, mut compulsory) =
            (solved.saving, solved.one_off, solved.compulsory);
        let mut kept = solved.kept.clone();
        for (bit, &r) in open.iter().enumerate() {
            let h = cuts[r] * 100.0;
            let to = if way & (1 << bit) == 0 {
                h.floor()
            } else {
                h.ceil()
            } / 100.0;
            let change = to - cuts[r];
            let m = solved.margins[r];
            saving += change * m.saving;
            one_off += change * m.cost;
            compulsory += change * m.compulsory;
            if let Some(l) = &levers[r]
                && let Some(k) = kept.get_mut(l.function)
            {
                k.0 -= change;
            }
            tried[r] = to;
        }
        let within_room = open.iter().all(|&r| {
            levers[r]
                .as_ref()
                .is_some_and(|l| tried[r] >= -TINY && tried[r] <= l.today - l.floor + TINY)
        });
        let payback_ok = limits.payback.is_none_or(|y| one_off <= y * saving - 0.005);
        let share_ok = limits.share.is_none_or(|s| {
            kept.iter()
                .all(|(k, today)| *today <= 0.0 || *k >= s * today - TINY)
        });
        let reach_ok = match aim {
            Aim::Reach(need) => saving >= need - 0.5,
            Aim::Most => true,
        };
        if !(within_room && payback_ok && share_ok && reach_ok) {
            continue;
        }
        let score = match aim {
            Aim::Reach(_) => (compulsory, one_off, saving),
            Aim::Most => (-saving, compulsory, one_off),
        };
        let better = best.as_ref().is_none_or(|(b, _)| {
            score.0 < b.0 - TINY
                || ((score.0 - b.0).abs() <= TINY
                    && (score.1 < b.1 - 0.005 || ((score.1 - b.1).abs() <= 0.005 && score.2 < b.2)))
        });
        if better {
            best = Some((score, tried));
        }
    }
    match best {
        Some((_, tried)) => tried,
        None => safe(cuts),
    }
}

/// What one extra FTE of a role's cut does, by the part of it the programme set last (the rest
/// at risk, volunteers at a take-up, or vacancies).
#[derive(Clone, Copy, Debug, Default)]
struct Margin {
    saving: f64,
    cost: f64,
    compulsory: f64,
}

/// A solve's cuts, with the programme's own figures for them (pounds).
struct Solved {
    cuts: Vec<f64>,
    margins: Vec<Margin>,
    saving: f64,
    one_off: f64,
    compulsory: f64,
    /// FTE kept and today's FTE by function.
    kept: Vec<(f64, f64)>,
}

/// Why a solve gave no cuts.
#[derive(Clone, Copy, Debug)]
enum Failed {
    /// Nothing meets the limits.
    Infeasible,
    /// The solver gave up (a numerical failure).
    Solver,
}

/// How the sets of volunteers are chosen.
#[derive(Clone, Debug)]
enum Integrality {
    /// 0 or 1 each.
    Whole,
    /// Anywhere between (to read which sets the programme leans to).
    Relaxed,
    /// For each role, the FTE of whole volunteers the relaxation took: the largest set within
    /// it goes, the others do not.
    Fixed(Vec<f64>),
}

/// The constraints every solve keeps: each role's choices and room, redeployment into the open
/// posts, and the limits.
fn constraints(
    vars: &mut ProblemVariables,
    keep: &Outcome,
    levers: &[Option<Lever>],
    cuts: &[Option<Cut>],
    figures: &Figures,
    limits: Limits,
) -> Vec<Constraint> {
    let mut constraints = Vec::new();
    let mut kept_by_function: Vec<(Expression, f64)> =
        vec![(Expression::from(0.0), 0.0); keep.functions.len()];
    // Redeployment fills the open posts: the vacancies kept and the new posts of other roles.
    let mut redeployed = Expression::from(0.0);
    let mut unplaced = Expression::from(0.0);
    let mut most_fte = 1.0;
    let mut open = Expression::from(keep.totals.new_posts);
    for (l, c) in levers.iter().zip(cuts) {
        let (Some(l), Some(c)) = (l, c) else { continue };
        let room = (l.today - l.floor).max(0.0);
        let beyond = (room - l.vacant.min(room)).max(0.0);
        // One set of volunteers at most, after every vacancy (the engine deletes vacancies
        // first), its rest only beside it, and everything within room.
        let chosen = c.chosen();
        constraints.push(chosen.clone().leq(1.0));
        constraints.push((l.vacant.min(room) * chosen.clone() - c.vacant).leq(0.0));
        for s in &c.sets {
            let cap = l.choices[s.choice].rest.cap.min(beyond).max(0.0);
            constraints.push((s.rest - cap * s.choose).leq(0.0));
        }
        let cap = l.rest.cap.min(beyond).max(0.0);
        constraints.push((c.rest_alone + cap * chosen).leq(cap));
        // Nobody volunteers or is at risk while a vacancy of the role is left.
        constraints.push((rest_of(c) + c.take_up - beyond * c.past_vacancies).leq(0.0));
        constraints.push((l.vacant.min(room) * c.past_vacancies - c.vacant).leq(0.0));
        let cut = cut_of(l, c);
        constraints.push(cut.clone().leq(room));
        if let Some(h) = c.hundredths {
            constraints.push((cut.clone() + 0.01 * h).eq(l.today));
        }
        // The plan's share of the rest is redeployed (as far as open posts allow, below); with
        // no compulsory redundancy, the others stay above the target (see `figures`).
        for m in c.moves(l) {
            constraints.push((m.moved - l.redeployment * m.of).leq(0.0));
        }
        let moved = c.redeployed();
        unplaced += l.redeployment * rest_of(c) - moved.clone();
        redeployed += moved;
        most_fte += room;
        open += l.vacant - c.vacant;
        if let Some(f) = kept_by_function.get_mut(l.function) {
            f.0 += l.today - cut;
            f.1 += l.today;
        }
    }
    // The engine redeploys the plan's share of everyone at risk, or, where the open posts are
    // fewer, fills them all: either nobody is left unplaced, or every open post is filled.
    let filled = vars.add(variable().binary());
    constraints.push((redeployed.clone() - open.clone()).leq(0.0));
    constraints.push((unplaced - most_fte * filled).leq(0.0));
    constraints.push((open - redeployed + most_fte * filled).leq(most_fte));
    if let Some(years) = limits.payback {
        constraints.push(figures.one_off.clone().leq(years * figures.saving.clone()));
    }
    if let Some(share) = limits.share {
        for (kept, today) in kept_by_function {
            if today > 0.0 {
                constraints.push(kept.geq(share * today));
            }
        }
    }
    constraints
}

/// Each role's variables in the programme.
fn cut_variables(
    vars: &mut ProblemVariables,
    levers: &[Option<Lever>],
    limits: Limits,
    integrality: &Integrality,
) -> Vec<Option<Cut>> {
    let exact = !matches!(integrality, Integrality::Relaxed)
        && levers.iter().flatten().count() <= MOST_EXACT_ROLES;
    levers
        .iter()
        .enumerate()
        .map(|(r, l)| {
            let l = l.as_ref()?;
            let room = (l.today - l.floor).max(0.0);
            let vacant = l.vacant.min(room);
            let beyond = (room - vacant).max(0.0);
            // With no compulsory redundancy and nobody redeployed, a cut past the volunteers
            // moves nobody: none is offered.
            let stuck = limits.no_compulsory && l.redeployment <= 0.0;
            let rest_room = |cap: f64, used: f64| {
                if stuck {
                    0.0
                } else {
                    cap.min(beyond - used).max(0.0)
                }
            };
            let fixed = match integrality {
                Integrality::Fixed(fte) => Some(
                    l.choices
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.fte <= fte[r] + TINY && c.fte <= beyond + TINY)
                        .max_by(|a, b| a.1.fte.total_cmp(&b.1.fte))
                        .map(|(k, _)| k),
                ),
                _ => None,
            };
            let sets = l
                .choices
                .iter()
                .enumerate()
                .filter_map(|(k, choice)| {
                    let fits = choice.fte <= beyond + TINY;
                    let choose = match integrality {
                        Integrality::Whole if fits => variable().binary(),
                        Integrality::Relaxed if fits => variable().min(0.0).max(1.0),
                        Integrality::Fixed(_) if fits && fixed == Some(Some(k)) => {
                            variable().min(1.0).max(1.0)
                        }
                        _ => return None,
                    };
                    Some(SetCut {
                        choice: k,
                        choose: vars.add(choose),
                        rest: vars.add(
                            variable()
                                .min(0.0)
                                .max(rest_room(choice.rest.cap, choice.fte)),
                        ),
                        redeployed: match integrality {
                            Integrality::Relaxed => None,
                            _ => Some(vars.add(variable().min(0.0))),
                        },
                    })
                })
                .collect();
            // The target's whole hundredths between the floor and today.
            let hundredths = exact
                .then(|| {
                    let lowest = (l.floor * 100.0 - TINY).ceil();
                    let highest = (l.today * 100.0 + TINY).floor();
                    (lowest <= highest)
                        .then(|| vars.add(variable().integer().min(lowest).max(highest)))
                })
                .flatten();
            Some(Cut {
                vacant: vars.add(variable().min(0.0).max(vacant)),
                take_up: vars.add(variable().min(0.0).max(l.take_up.min(beyond))),
                sets,
                rest_alone: vars.add(variable().min(0.0).max(rest_room(l.rest.cap, 0.0))),
                redeployed_alone: vars.add(variable().min(0.0)),
                hundredths,
                past_vacancies: vars.add(match integrality {
                    Integrality::Whole => variable().binary(),
                    _ => variable().min(0.0).max(1.0),
                }),
            })
        })
        .collect()
}

/// One solve; each role's cut in FTE (whole volunteers' FTE under `Integrality::Relaxed`).
fn solve_with(
    keep: &Outcome,
    levers: &[Option<Lever>],
    aim: Aim,
    limits: Limits,
    integrality: &Integrality,
) -> Result<Solved, Failed> {
    let mut vars = ProblemVariables::new();
    let cuts = cut_variables(&mut vars, levers, limits, integrality);
    let figures = figures(keep, levers, &cuts, limits.no_compulsory);
    let constraints = constraints(&mut vars, keep, levers, &cuts, &figures, limits);
    let run = |objective: Expression, more: &[Constraint]| -> Result<(f64, Solved), Failed> {
        let mut model = vars.clone().minimise(objective.clone()).using(microlp);
        for c in constraints.iter().chain(more) {
            model = model.with(c.clone());
        }
        let solution = match model.solve() {
            Ok(s) => s,
            Err(ResolutionError::Infeasible | ResolutionError::Unbounded) => {
                return Err(Failed::Infeasible);
            }
            Err(e) => {
                log::warn!("goal seek: the solver failed: {e}");
                return Err(Failed::Solver);
            }
        };
        let value = solution.eval(&objective);
        let mut solved = Solved {
            cuts: Vec::with_capacity(levers.len()),
            margins: Vec::with_capacity(levers.len()),
            saving: solution.eval(&figures.saving) * UNIT,
            one_off: solution.eval(&figures.one_off) * UNIT,
            compulsory: solution.eval(&figures.compulsory),
            kept: vec![(0.0, 0.0); keep.functions.len()],
        };
        for (l, c) in levers.iter().zip(&cuts) {
            let (Some(l), Some(c)) = (l, c) else {
                solved.cuts.push(0.0);
                solved.margins.push(Margin::default());
                continue;
            };
            let cut = solution.eval(cut_of(l, c));
            if let Some(k) = solved.kept.get_mut(l.function) {
                k.0 += l.today - cut;
                k.1 += l.today;
            }
            solved.cuts.push(match integrality {
                Integrality::Relaxed => c
                    .sets
                    .iter()
                    .map(|s| l.choices[s.choice].fte * solution.value(s.choose))
                    .sum(),
                _ => cut,
            });
            solved
                .margins
                .push(margin(l, c, &solution, limits.no_compulsory));
        }
        Ok((value, solved))
    };
    match aim {
        Aim::Most => run(-figures.saving.clone(), &[]).map(|(_, solved)| solved),
        Aim::Reach(need) => {
            // The engine rounds each post to the penny; the programme does not.
            let reach = figures.saving.clone().geq((need - 0.5) / UNIT);
            let least_compulsory = if limits.no_compulsory {
                0.0
            } else {
                run(figures.compulsory.clone(), std::slice::from_ref(&reach))?.0
            };
            let no_more_compulsory = figures.compulsory.clone().leq(least_compulsory + TINY);
            let (least_cost, _) = run(
                figures.one_off.clone(),
                &[reach.clone(), no_more_compulsory.clone()],
            )?;
            let no_more_cost = figures.one_off.clone().leq(least_cost + 0.005 / UNIT);
            run(
                figures.saving.clone(),
                &[reach, no_more_compulsory, no_more_cost],
            )
            .map(|(_, solved)| solved)
        }
    }
}

/// The margin of a role's cut in a solution: the rest at risk where any is cut, else volunteers
/// at a take-up, else vacancies.
fn margin(l: &Lever, c: &Cut, solution: &impl Solution, no_compulsory: bool) -> Margin {
    let at_risk = solution.eval(rest_of(c));
    let moved = if at_risk > TINY {
        (solution.eval(c.redeployed()) / at_risk).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let rest = |r: &Rest| {
        if no_compulsory {
            Margin {
                saving: r.saving * moved,
                cost: r.protection * moved,
                compulsory: 0.0,
            }
        } else {
            Margin {
                saving: r.saving,
                cost: r.cost * (1.0 - moved) + r.protection * moved,
                compulsory: 1.0 - moved,
            }
        }
    };
    if solution.value(c.rest_alone) > TINY {
        return rest(&l.rest);
    }
    for s in &c.sets {
        if solution.value(s.choose) > 0.5 && solution.value(s.rest) > TINY {
            return rest(&l.choices[s.choice].rest);
        }
    }
    if solution.value(c.take_up) > TINY {
        return Margin {
            saving: l.take_up_saving,
            cost: l.take_up_cost,
            compulsory: 0.0,
        };
    }
    Margin {
        saving: l.vacant_saving,
        cost: 0.0,
        compulsory: 0.0,
    }
}

/// The FTE of a role's cut that falls on the pool at risk.
fn rest_of(c: &Cut) -> Expression {
    let mut rest = Expression::from(c.rest_alone);
    for s in &c.sets {
        rest += s.rest;
    }
    rest
}

/// A role's cut in FTE.
fn cut_of(l: &Lever, c: &Cut) -> Expression {
    let mut cut = c.vacant + c.take_up + c.rest_alone;
    for s in &c.sets {
        cut += l.choices[s.choice].fte * s.choose + s.rest;
    }
    cut
}

/// The saving, one-off cost and compulsory FTE of a set of cuts.
fn figures(
    keep: &Outcome,
    levers: &[Option<Lever>],
    cuts: &[Option<Cut>],
    no_compulsory: bool,
) -> Figures {
    let k = |pounds: f64| pounds / UNIT;
    let mut f = Figures {
        saving: Expression::from(k(keep.totals.recurring_saving.as_pounds())),
        one_off: Expression::from(k(keep.totals.one_off_cost.as_pounds())),
        compulsory: Expression::from(0.0),
    };
    for (l, c) in levers.iter().zip(cuts) {
        let (Some(l), Some(c)) = (l, c) else { continue };
        f.saving += k(l.vacant_saving) * c.vacant + k(l.take_up_saving) * c.take_up;
        f.one_off += k(l.take_up_cost) * c.take_up;
        for s in &c.sets {
            let choice = &l.choices[s.choice];
            f.saving += k(choice.saving) * s.choose;
            f.one_off += k(choice.cost) * s.choose;
        }
        if no_compulsory {
            // Only those redeployed go (with their pay protection); the rest of the pool at risk
            // stays above the target, saving and costing nothing.
            for m in c.moves(l) {
                f.saving += k(m.rates.saving) * m.moved;
                f.one_off += k(m.rates.protection) * m.moved;
            }
        } else {
            for (rest, r) in c.rests(l) {
                f.saving += k(r.saving) * rest;
                f.one_off += k(r.cost) * rest;
                f.compulsory += rest;
            }
            // Those redeployed cost their pay protection instead of a compulsory package.
            for m in c.moves(l) {
                f.one_off += k(m.rates.protection - m.rates.cost) * m.moved;
                f.compulsory -= m.moved;
            }
        }
    }
    f
}
