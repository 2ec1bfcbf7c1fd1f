//! The two programmes of the protection: the integer programme that chooses what else to hide
//! (secondary suppression), and the linear programmes of the audit (the lowest and highest value
//! of each hidden figure that everything published allows).

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable, microlp,
    variable,
};
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Identity, Interval, Release, Term};

/// The figures of `component` in an identity, with their coefficients.
fn figures_in<'a>(
    identity: &'a Identity,
    component: &'a FxHashSet<usize>,
) -> impl Iterator<Item = (usize, f64)> + 'a {
    identity.terms.iter().filter_map(move |(t, c)| match *t {
        Term::Figure(f) if component.contains(&f) => Some((f, *c)),
        _ => None,
    })
}

/// How many branch-and-bound nodes the integer programme may take before it settles for the
/// best choice found: a budget counted in nodes, not seconds, so the same plan is protected the
/// same way on every machine.
const NODE_BUDGET: u64 = 2_000;

/// Chooses the figures of `component` to hide: those `forced` (the small ones, and any the audit
/// asked for), and the fewest, least informative others so that no identity of published figures
/// leaves one hidden figure alone, and each forced figure has room beside it to move by its
/// protection interval. The set chosen.
///
/// With room to move asked for (while `room` is true); where that programme finds nothing better
/// than hiding everything within its budget, without (the audit then asks for what is missing),
/// and `room` is set false so that later rounds do not try it again.
pub(super) fn secondary(
    release: &Release,
    component: &[usize],
    identities: &[&Identity],
    forced: &FxHashSet<usize>,
    need: &FxHashMap<usize, usize>,
    room: &mut bool,
) -> FxHashSet<usize> {
    let members = component.len();
    if *room {
        let with_room = choose(release, component, identities, forced, need, true)
            .filter(|chosen| chosen.len() < members);
        if let Some(chosen) = with_room {
            return chosen;
        }
        *room = false;
    }
    choose(release, component, identities, forced, need, false)
        .unwrap_or_else(|| component.iter().copied().collect())
}

/// The integer programme of [`secondary`], with or without the room each forced figure needs;
/// `None` where it finds no choice within its budget.
fn choose(
    release: &Release,
    component: &[usize],
    identities: &[&Identity],
    forced: &FxHashSet<usize>,
    need: &FxHashMap<usize, usize>,
    with_room: bool,
) -> Option<FxHashSet<usize>> {
    use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem, SolveOptions};
    let members: FxHashSet<usize> = component.iter().copied().collect();
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    // Hiding a figure costs 1, and more the more it tells: a figure about many people (a total)
    // costs more than one about a few, and a figure of the structure (a target, an overlap, new
    // posts, a saving), which describes nobody and is what readers come for, costs three times
    // as much.
    let s: FxHashMap<usize, microlp::Variable> = component
        .iter()
        .map(|&f| {
            let figure = &release.figures[f];
            let size = figure.people.map_or(figure.value.abs(), f64::from).max(0.0);
            let structure = if figure.people.is_none() { 3.0 } else { 1.0 };
            let cost = structure * (1.0 + (1.0 + size).ln());
            let v = if forced.contains(&f) {
                problem.add_var(cost, (1.0, 1.0))
            } else {
                problem.add_binary_var(cost)
            };
            (f, v)
        })
        .collect();
    // `want` · s[i] ≤ Σ weight · s[j]
    let mut at_most = |i: usize, want: f64, others: &mut dyn Iterator<Item = (usize, f64)>| {
        let mut e = LinearExpr::empty();
        e.add(s[&i], want);
        for (j, w) in others {
            e.add(s[&j], -w);
        }
        problem.add_constraint(e, ComparisonOp::Le, 0.0);
    };
    // Room to move, for a figure that must be hidden: it can rise by what the others hidden
    // with it hold (they can fall to nothing) and fall to nothing itself, so the others must
    // hold what its interval needs beyond its own value. Where all of them together hold too
    // little, other identities must give it (the audit checks).
    let want =
        |i: usize| (release.figures[i].least_width() - release.figures[i].value.abs()).max(0.0);
    for identity in identities {
        let terms: Vec<(usize, f64)> = figures_in(identity, &members).collect();
        let holds = |j: usize, c: f64| c.abs() * release.figures[j].value.abs();
        // An identity with an unpublished part (0 or more) bounds the figures on that part's
        // side from above only: each of them needs room from the others on its side.
        let unpublished: Vec<f64> = identity
            .terms
            .iter()
            .filter_map(|(t, c)| matches!(t, Term::Hidden(_)).then_some(*c))
            .collect();
        if let Some(first) = unpublished.first() {
            let side = *first > 0.0;
            if unpublished.iter().any(|c| (*c > 0.0) != side) {
                continue;
            }
            for &(i, ci) in &terms {
                let room: Vec<(usize, f64)> = terms
                    .iter()
                    .filter(|&&(j, cj)| j != i && (cj > 0.0) == side)
                    .map(|&(j, cj)| (j, holds(j, cj)))
                    .collect();
                let w = want(i);
                let all: f64 = room.iter().map(|(_, h)| h).sum();
                if with_room && (ci > 0.0) == side && forced.contains(&i) && w > 0.0 && all >= w {
                    at_most(i, w, &mut room.into_iter());
                }
            }
            continue;
        }
        for &(i, _) in &terms {
            let room: Vec<(usize, f64)> = terms
                .iter()
                .filter(|&&(j, _)| j != i)
                .map(|&(j, cj)| (j, holds(j, cj)))
                .collect();
            let w = want(i);
            let all: f64 = room.iter().map(|(_, h)| h).sum();
            if with_room && forced.contains(&i) && w > 0.0 && all >= w {
                at_most(i, w, &mut room.clone().into_iter());
            }
            // At least one other hidden beside a hidden figure; more where the audit asked.
            let more = need
                .get(&i)
                .copied()
                .unwrap_or(1)
                .min(terms.len() - 1)
                .max(1);
            at_most(i, more as f64, &mut room.into_iter().map(|(j, _)| (j, 1.0)));
        }
    }
    // Hiding every figure is always a solution: the search starts from it.
    let mut options = SolveOptions::default();
    options.node_limit = Some(NODE_BUDGET);
    options.warm_start = Some(s.values().map(|&v| (v, 1.0)).collect());
    let solution = problem.solve_with(options).ok()?.into_solution().ok()?;
    Some(
        component
            .iter()
            .copied()
            .filter(|f| solution.var_value(s[f]) > 0.5)
            .collect(),
    )
}

/// The audit: for each of `targets` (hidden figures that need protection), the lowest and
/// highest value consistent with every published figure and every identity (each within the
/// rounding of the published figures in it). The hidden figures are split into groups linked by
/// identities with something hidden; a target's programmes need only its own group's identities
/// (every other identity holds whatever its hidden figures are, apart from this group's).
pub(super) fn audit(
    release: &Release,
    identities: &[&Identity],
    chosen: &FxHashSet<usize>,
    targets: &[usize],
) -> Vec<Interval> {
    let is_hidden = |t: &Term| matches!(t, Term::Figure(f) if chosen.contains(f));
    let live: Vec<&Identity> = identities
        .iter()
        .copied()
        .filter(|i| i.terms.iter().any(|(t, _)| is_hidden(t)))
        .collect();
    // Group the hidden figures: two are together when an identity holds both.
    let hidden: Vec<usize> = chosen.iter().copied().collect();
    let slot: FxHashMap<usize, usize> = hidden.iter().enumerate().map(|(i, &f)| (f, i)).collect();
    let mut parent: Vec<usize> = (0..hidden.len()).collect();
    for identity in &live {
        let mut first = None;
        for (t, _) in &identity.terms {
            if let Term::Figure(f) = *t
                && let Some(&i) = slot.get(&f)
            {
                match first {
                    None => first = Some(i),
                    Some(j) => {
                        let (a, b) = (super::root(&mut parent, i), super::root(&mut parent, j));
                        parent[a] = b;
                    }
                }
            }
        }
    }
    let groups: Vec<usize> = (0..hidden.len())
        .map(|i| super::root(&mut parent, i))
        .collect();
    let group_of = |f: usize| groups[slot[&f]];
    let interval = |target: usize| {
        let group = group_of(target);
        let members: Vec<usize> = hidden
            .iter()
            .copied()
            .filter(|&f| group_of(f) == group)
            .collect();
        let own: Vec<&Identity> = live
            .iter()
            .copied()
            .filter(|i| {
                i.terms.iter().any(
                    |(t, _)| matches!(t, Term::Figure(f) if chosen.contains(f) && group_of(*f) == group),
                )
            })
            .collect();
        Interval {
            figure: target,
            low: bound(release, &own, &members, chosen, target, false),
            high: bound(release, &own, &members, chosen, target, true),
        }
    };
    let targets: Vec<usize> = targets
        .iter()
        .copied()
        .filter(|f| chosen.contains(f))
        .collect();
    // Each target's two programmes are independent: shared among the machine's cores.
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunk = targets.len().div_ceil(threads).max(8);
    std::thread::scope(|scope| {
        let handles: Vec<_> = targets
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|&t| interval(t)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The lowest (or highest) value of `target` over the hidden figures `members`, subject to the
/// identities `own`.
fn bound(
    release: &Release,
    own: &[&Identity],
    members: &[usize],
    chosen: &FxHashSet<usize>,
    target: usize,
    maximise: bool,
) -> f64 {
    let mut vars = ProblemVariables::new();
    let x: FxHashMap<usize, Variable> = members
        .iter()
        .map(|&f| {
            let v = if release.figures[f].nonneg {
                variable().min(0.0)
            } else {
                variable()
            };
            (f, vars.add(v))
        })
        .collect();
    let mut unpublished: FxHashMap<usize, Variable> = FxHashMap::default();
    for identity in own {
        for (t, _) in &identity.terms {
            if let Term::Hidden(k) = *t {
                unpublished
                    .entry(k)
                    .or_insert_with(|| vars.add(variable().min(0.0)));
            }
        }
    }
    let objective = x[&target];
    let mut model = if maximise {
        vars.maximise(objective).using(microlp)
    } else {
        vars.minimise(objective).using(microlp)
    };
    for identity in own {
        let mut expression = Expression::from(0.0);
        let mut slack = 1e-6;
        for (t, c) in &identity.terms {
            match *t {
                Term::Figure(f) if chosen.contains(&f) => expression += *c * x[&f],
                Term::Figure(f) => {
                    let figure = &release.figures[f];
                    expression += *c * figure.value;
                    slack += c.abs() * figure.quantity.half_unit();
                }
                Term::Hidden(k) => expression += *c * unpublished[&k],
            }
        }
        model = model.with(expression.clone().leq(slack));
        model = model.with(expression.geq(-slack));
    }
    match model.solve() {
        Ok(solution) => solution.value(objective),
        Err(ResolutionError::Unbounded) => {
            if maximise {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            }
        }
        // Infeasible cannot happen for true identities; count it as narrowed to the value.
        Err(_) => release.figures[target].value,
    }
}
