//! Disclosure control for anonymised papers: no figure hidden in a release can be worked out, or
//! narrowed, from the rest of it (docs/disclosure.md).
//!
//! A release is every table written together. Its figures are linked: a figure may appear in
//! several tables (the same key), and figures add up (roles to functions to the total, councils to
//! the total, groups to everyone, pools to all pools; cost today less the target cost is the
//! saving). The protection works as statistical offices do (tau-ARGUS, sdcTable):
//! - **primary suppression**: a figure about 1 to 4 whole people is hidden;
//! - **secondary suppression**: an integer programme hides the fewest, least informative further
//!   figures so that no identity leaves a hidden figure alone;
//! - **the audit**: for each hidden figure, a linear programme finds the lowest and highest value
//!   consistent with everything published and every identity; the interval must be at least 2
//!   people or FTE wide, and 10% of the value for money. Where it is not, the programme is asked
//!   for more and solved again; a component that still fails is hidden whole.

mod charts;
mod links;
mod money;
mod solve;

pub use links::{
    NOTE_WITHHELD, Protected, protect_counts, protect_equality, protect_tables, release_of,
};

use rustc_hash::{FxHashMap, FxHashSet};

/// Figures about fewer people than this are hidden.
pub const SMALL_GROUP: u32 = 5;

/// A component with up to this many figures hidden has each hidden only to protect others
/// checked, and shown again where the audit finds it is not needed (a larger one is not: each
/// check is an audit of the component).
pub const GIVE_BACK_UP_TO: usize = 40;

/// The narrowest interval a hidden count or FTE may be narrowed to, in people or FTE.
pub const LEAST_WIDTH: f64 = 2.0;

/// The narrowest interval a hidden sum of money may be narrowed to, as a share of its value.
pub const LEAST_MONEY_SHARE: f64 = 0.1;

/// What a figure measures, which decides its protection interval and its rounding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// A count of people.
    People,
    /// Full-time equivalent.
    Fte,
    /// Money, in pounds.
    Money,
}

impl Quantity {
    /// Half the unit a published figure is rounded to (the CSV files' rounding), the slack an
    /// identity of published figures needs.
    fn half_unit(self) -> f64 {
        match self {
            Self::People => 0.0,
            Self::Fte => 0.05,
            Self::Money => 0.005,
        }
    }
}

/// One figure of the release, wherever it is published.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Its value.
    pub value: f64,
    /// What it measures.
    pub quantity: Quantity,
    /// How many whole people it describes (none: it describes the structure, not people).
    pub people: Option<u32>,
    /// Known to be 0 or more (a reader knows it too).
    pub nonneg: bool,
}

impl Figure {
    /// Whether the figure alone gives away fewer than [`SMALL_GROUP`] people.
    pub fn is_small(&self) -> bool {
        self.people.is_some_and(|n| n > 0 && n < SMALL_GROUP)
    }

    /// The narrowest protection interval the figure needs when hidden.
    pub fn least_width(&self) -> f64 {
        match self.quantity {
            Quantity::Money => (LEAST_MONEY_SHARE * self.value.abs()).max(1.0),
            Quantity::People | Quantity::Fte => LEAST_WIDTH,
        }
    }
}

/// A term of an identity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Term {
    /// A figure of the release.
    Figure(usize),
    /// A quantity nobody publishes but a reader knows is 0 or more (FTE above target, people in
    /// pools not shown).
    Hidden(usize),
}

/// A linear identity the figures keep: the sum of each term times its coefficient is zero.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Identity {
    /// The terms and their coefficients.
    pub terms: Vec<(Term, f64)>,
}

impl Identity {
    /// The figure alone on its side of the identity while the other side has two or more (the
    /// total of a sum), if there is one.
    pub fn lone_total(&self) -> Option<usize> {
        let side = |positive: bool| -> Vec<usize> {
            self.terms
                .iter()
                .filter_map(|(t, c)| match *t {
                    Term::Figure(f) if (*c > 0.0) == positive => Some(f),
                    _ => None,
                })
                .collect()
        };
        match (side(true).as_slice(), side(false).as_slice()) {
            ([one], more) | (more, [one]) if more.len() >= 2 => Some(*one),
            _ => None,
        }
    }
}

/// The figures of a release and the identities among them.
#[derive(Clone, Debug, Default)]
pub struct Release {
    /// The figures.
    pub figures: Vec<Figure>,
    /// The identities.
    pub identities: Vec<Identity>,
    /// How many unpublished quantities the identities use ([`Term::Hidden`]).
    pub unpublished: usize,
}

/// Why a figure is hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// It describes fewer than 5 people.
    Small,
    /// It would give away, or narrow, a figure that is hidden.
    Protects,
}

/// How a hidden figure can be narrowed, at best, by a reader of everything published.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// The figure.
    pub figure: usize,
    /// The lowest value consistent with the release.
    pub low: f64,
    /// The highest (infinite where nothing bounds it).
    pub high: f64,
}

impl Interval {
    /// Its width.
    pub fn width(&self) -> f64 {
        self.high - self.low
    }
}

/// The protection of a release: which figures are hidden, why, and the audit that proves it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Protection {
    /// Each figure's reason for being hidden (none: shown).
    pub hidden: Vec<Option<Reason>>,
    /// The audit: each hidden figure's interval.
    pub audit: Vec<Interval>,
}

impl Protection {
    /// How many figures are hidden for each reason: (small, protecting).
    pub fn counts(&self) -> (usize, usize) {
        let count = |r: Reason| self.hidden.iter().filter(|h| **h == Some(r)).count();
        (count(Reason::Small), count(Reason::Protects))
    }
}

/// The root of `i` in a union-find forest, halving the path as it goes.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

impl Release {
    /// The figures in identities with each other, as groups that can be protected apart.
    fn components(&self) -> Vec<Vec<usize>> {
        let mut parent: Vec<usize> = (0..self.figures.len()).collect();
        for identity in &self.identities {
            let mut first = None;
            for (term, _) in &identity.terms {
                if let Term::Figure(f) = *term {
                    match first {
                        None => first = Some(f),
                        Some(g) => {
                            let (a, b) = (root(&mut parent, f), root(&mut parent, g));
                            parent[a] = b;
                        }
                    }
                }
            }
        }
        let mut groups: rustc_hash::FxHashMap<usize, Vec<usize>> = rustc_hash::FxHashMap::default();
        for f in 0..self.figures.len() {
            let r = root(&mut parent, f);
            groups.entry(r).or_default().push(f);
        }
        let mut out: Vec<Vec<usize>> = groups.into_values().collect();
        out.sort_by_key(|g| g[0]);
        out
    }

    /// The identities whose figures are all in `component`.
    fn identities_of(&self, component: &FxHashSet<usize>) -> Vec<&Identity> {
        self.identities
            .iter()
            .filter(|i| {
                i.terms
                    .iter()
                    .any(|(t, _)| matches!(t, Term::Figure(f) if component.contains(f)))
            })
            .collect()
    }

    /// Protects the release: primary suppression, secondary suppression by an integer programme,
    /// and the audit, component by component. Always succeeds: a component whose figures cannot
    /// be protected otherwise is hidden whole (nothing published, nothing narrowed).
    pub fn protect(&self) -> Protection {
        let mut hidden: Vec<Option<Reason>> = self
            .figures
            .iter()
            .map(|f| f.is_small().then_some(Reason::Small))
            .collect();
        let mut audit = Vec::new();
        for component in self.components() {
            let primary: Vec<usize> = component
                .iter()
                .copied()
                .filter(|&f| hidden[f].is_some())
                .collect();
            if primary.is_empty() {
                continue;
            }
            let members: FxHashSet<usize> = component.iter().copied().collect();
            let identities = self.identities_of(&members);
            let mut forced: FxHashSet<usize> = primary.iter().copied().collect();
            let mut protected = None;
            // Every hidden figure is audited once it is hidden, and again while it is narrowed
            // too far (what is hidden only grows, so a figure that passed stays protected).
            // A figure narrowed too far asks for more hidden beside it in each of its
            // identities, one more each round; from the fifth round the largest figure beside
            // it in each goes too (never a total), and from the eighth every figure beside it.
            let mut need: FxHashMap<usize, usize> = FxHashMap::default();
            let mut short_ones: Vec<usize> = Vec::new();
            let mut audited: FxHashSet<usize> = FxHashSet::default();
            let mut passed: Vec<Interval> = Vec::new();
            // Room to move is asked for until the programme cannot find it within its budget.
            let mut room = true;
            for round in 0..10 {
                let chosen =
                    solve::secondary(self, &component, &identities, &forced, &need, &mut room);
                let mut targets: Vec<usize> = component
                    .iter()
                    .copied()
                    .filter(|f| chosen.contains(f) && !audited.contains(f))
                    .collect();
                targets.extend(short_ones.iter().filter(|f| audited.contains(f)));
                audited.extend(targets.iter().copied());
                let intervals = solve::audit(self, &identities, &chosen, &targets);
                let (ok, short): (Vec<Interval>, Vec<Interval>) = intervals
                    .into_iter()
                    .partition(|i| i.width() + 1e-6 >= self.figures[i.figure].least_width());
                passed.extend(ok);
                if short.is_empty() {
                    protected = Some(chosen);
                    break;
                }
                short_ones = short.iter().map(|i| i.figure).collect();
                forced.extend(chosen);
                if round < 4 {
                    for &f in &short_ones {
                        *need.entry(f).or_insert(1) += 1;
                    }
                } else if round < 7 {
                    // Still too narrow: in each identity with one, the figure beside it with the
                    // most room (the largest) goes too, keeping a total shown.
                    for identity in &identities {
                        let holds_short = identity
                            .terms
                            .iter()
                            .any(|(t, _)| matches!(t, Term::Figure(f) if short_ones.contains(f)));
                        if !holds_short {
                            continue;
                        }
                        let total = identity.lone_total();
                        let roomiest = identity
                            .terms
                            .iter()
                            .filter_map(|(t, c)| match *t {
                                Term::Figure(f)
                                    if members.contains(&f)
                                        && !forced.contains(&f)
                                        && total != Some(f) =>
                                {
                                    Some((f, (c * self.figures[f].value).abs()))
                                }
                                _ => None,
                            })
                            .max_by(|a, b| a.1.total_cmp(&b.1));
                        if let Some((f, _)) = roomiest {
                            forced.insert(f);
                        }
                    }
                } else {
                    // Still too narrow: every figure in an identity with one goes too.
                    for identity in &identities {
                        let holds_short = identity
                            .terms
                            .iter()
                            .any(|(t, _)| matches!(t, Term::Figure(f) if short_ones.contains(f)));
                        if holds_short {
                            forced.extend(identity.terms.iter().filter_map(|(t, _)| match *t {
                                Term::Figure(f) if members.contains(&f) => Some(f),
                                _ => None,
                            }));
                        }
                    }
                }
            }
            // A component that cannot be protected otherwise is hidden whole.
            let (chosen, intervals) = if let Some(chosen) = protected {
                (chosen, passed)
            } else {
                let all: FxHashSet<usize> = members.clone();
                let intervals = solve::audit(self, &identities, &all, &component);
                (all, intervals)
            };
            let (chosen, intervals) =
                self.give_back(&identities, chosen, intervals, |f| hidden[f].is_some());
            for f in chosen {
                if hidden[f].is_none() {
                    hidden[f] = Some(Reason::Protects);
                }
            }
            audit.extend(intervals);
        }
        Protection { hidden, audit }
    }

    /// Shows again each figure hidden only to protect others that the audit finds is not
    /// needed, the most informative first, while every hidden figure still keeps its interval:
    /// so that no figure of a component with up to [`GIVE_BACK_UP_TO`] hidden is hidden for
    /// nothing. `primary` says which figures must stay hidden.
    fn give_back(
        &self,
        identities: &[&Identity],
        mut chosen: FxHashSet<usize>,
        mut intervals: Vec<Interval>,
        primary: impl Fn(usize) -> bool,
    ) -> (FxHashSet<usize>, Vec<Interval>) {
        if chosen.len() > GIVE_BACK_UP_TO {
            return (chosen, intervals);
        }
        let mut candidates: Vec<usize> = chosen.iter().copied().filter(|&f| !primary(f)).collect();
        let size = |f: usize| {
            let figure = &self.figures[f];
            figure.people.map_or(figure.value.abs(), f64::from)
        };
        candidates.sort_by(|a, b| size(*b).total_cmp(&size(*a)).then(a.cmp(b)));
        for f in candidates {
            let mut trial = chosen.clone();
            trial.remove(&f);
            let targets: Vec<usize> = trial.iter().copied().collect();
            let found = solve::audit(self, identities, &trial, &targets);
            if found
                .iter()
                .all(|i| i.width() + 1e-6 >= self.figures[i.figure].least_width())
            {
                chosen = trial;
                intervals = found;
            }
        }
        (chosen, intervals)
    }

    /// Every hidden figure's interval: the lowest and highest value consistent with the rest of
    /// the release published (for the tests, which check that nothing is hidden for nothing).
    pub fn audit(&self, hidden: &FxHashSet<usize>) -> Vec<Interval> {
        let all: Vec<&Identity> = self.identities.iter().collect();
        let targets: Vec<usize> = hidden.iter().copied().collect();
        solve::audit(self, &all, hidden, &targets)
    }

    /// Checks that every identity holds for the figures' own values (within their rounding):
    /// the identities are true statements a reader may use. The worst slack, if any is broken.
    pub fn broken_identity(&self) -> Option<(usize, f64)> {
        self.identities
            .iter()
            .enumerate()
            .find_map(|(i, identity)| {
                let mut sum = 0.0;
                let mut slack = 1e-6;
                let (mut up, mut down) = (false, false);
                for (term, coef) in &identity.terms {
                    match *term {
                        Term::Figure(f) => {
                            sum += coef * self.figures[f].value;
                            slack += coef.abs() * self.figures[f].quantity.half_unit().max(1e-6);
                        }
                        Term::Hidden(_) if *coef > 0.0 => up = true,
                        Term::Hidden(_) => down = true,
                    }
                }
                // Unpublished terms are 0 or more: with only positive ones the published part is at
                // most zero, with only negative ones at least zero, with both anything.
                let broken = match (up, down) {
                    (false, false) => sum.abs() > slack,
                    (true, false) => sum > slack,
                    (false, true) => sum < -slack,
                    (true, true) => false,
                };
                broken.then_some((i, sum))
            })
    }
}
