//! The equality impact (Equality Act 2010 s.149; docs/rules.md): the profile of the whole workforce,
//! of the people at risk and of those expected to leave, by age band and, where the
//! establishment records them, by sex, ethnicity and disability, in total and per pool; each
//! group's rate of selection against the workforce's. A group selected at under four-fifths or
//! over five-fourths of the workforce's rate is flagged, naming the rule; a group of fewer than
//! 5 people is never shown.

use super::dates::whole_years;
use super::outcome::Outcome;
use crate::model::{Plan, Postholder};

/// The age bands, as equality monitoring counts them.
pub const AGE_BANDS: [&str; 6] = ["16-24", "25-34", "35-44", "45-54", "55-64", "65 and over"];

/// Groups of fewer than this many people are suppressed everywhere.
pub const SUPPRESS_BELOW: f64 = 5.0;

/// The group of a postholder whose record does not say.
pub const NOT_RECORDED: &str = "Not recorded";

/// The band of an age.
pub fn age_band(age: i32) -> usize {
    match age {
        ..=24 => 0,
        25..=34 => 1,
        35..=44 => 2,
        45..=54 => 3,
        55..=64 => 4,
        _ => 5,
    }
}

/// A protected characteristic the impact is shown by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Characteristic {
    /// Age on the go-live of the person's wave, in bands.
    Age,
    /// Sex, as the HR system records it.
    Sex,
    /// Ethnic group.
    Ethnicity,
    /// Disability.
    Disability,
}

impl Characteristic {
    /// Every characteristic, in the order shown.
    pub const ALL: [Self; 4] = [Self::Age, Self::Sex, Self::Ethnicity, Self::Disability];

    /// As a heading says it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Age => "Age on go-live",
            Self::Sex => "Sex",
            Self::Ethnicity => "Ethnicity",
            Self::Disability => "Disability",
        }
    }

    /// The key of the JSON report.
    pub fn key(self) -> &'static str {
        match self {
            Self::Age => "age",
            Self::Sex => "sex",
            Self::Ethnicity => "ethnicity",
            Self::Disability => "disability",
        }
    }

    /// What the holder's record says, for those other than age.
    fn recorded(self, h: &Postholder) -> Option<&str> {
        match self {
            Self::Age => None,
            Self::Sex => h.monitoring.sex.as_deref(),
            Self::Ethnicity => h.monitoring.ethnicity.as_deref(),
            Self::Disability => h.monitoring.disability.as_deref(),
        }
    }
}

/// One group: people in the workforce, at risk and expected to leave (expected values, so they
/// may be fractions), and the rate of selection.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Band {
    /// People in the workforce (filled posts in the merging services).
    pub workforce: f64,
    /// People in a selection pool (at risk, or volunteering from one).
    pub at_risk: f64,
    /// People expected to leave (VR, bumped VR and compulsory, as expected shares).
    pub leaving: f64,
}

impl Band {
    /// Expected leavers per person in the workforce.
    pub fn rate(&self) -> f64 {
        if self.workforce > 0.0 {
            self.leaving / self.workforce
        } else {
            0.0
        }
    }
}

/// How a group's rate compares with the workforce's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Within four-fifths to five-fourths of the workforce's rate.
    Within,
    /// Under four-fifths of it.
    Under,
    /// Over five-fourths of it.
    Over,
    /// Fewer than 5 people: not shown, not judged.
    Suppressed,
}

/// The profile of a group of people (the whole plan, or one pool) by one characteristic.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// By group, as the breakdown's `groups`.
    pub bands: Vec<Band>,
}

impl Profile {
    fn of(groups: usize) -> Self {
        Self {
            bands: vec![Band::default(); groups],
        }
    }

    /// Everyone.
    pub fn total(&self) -> Band {
        self.bands.iter().fold(Band::default(), |a, b| Band {
            workforce: a.workforce + b.workforce,
            at_risk: a.at_risk + b.at_risk,
            leaving: a.leaving + b.leaving,
        })
    }

    /// Each group's selection against the whole group's rate (the four-fifths rule).
    pub fn selection(&self) -> Vec<Selection> {
        let overall = self.total().rate();
        self.bands
            .iter()
            .map(|b| {
                if b.workforce < SUPPRESS_BELOW {
                    Selection::Suppressed
                } else if b.rate() < 0.8 * overall {
                    Selection::Under
                } else if b.rate() > 1.25 * overall {
                    Selection::Over
                } else {
                    Selection::Within
                }
            })
            .collect()
    }
}

/// A group's figures as they may be shown: `None` where fewer than 5 people would be given
/// away (a group of 1 to 4, or any figure of a group that is not shown; a rate of 1 to 4
/// leavers).
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// The group ("55-64", "Female", "Not recorded"; "Everyone" for the total).
    pub group: String,
    /// People in the workforce.
    pub workforce: Option<f64>,
    /// People at risk.
    pub at_risk: Option<f64>,
    /// People expected to leave.
    pub leaving: Option<f64>,
    /// Expected leavers per person.
    pub rate: Option<f64>,
    /// The group's shares of everyone in the workforce, at risk and expected to leave (`None`
    /// where its count is not shown).
    pub shares: [Option<f64>; 3],
    /// The four-fifths rule's finding.
    pub selection: Selection,
    /// The row of everyone, judged against nothing.
    pub everyone: bool,
}

impl Shown {
    fn of(group: &str, b: &Band, all: &Band, selection: Selection) -> Self {
        let small = |x: f64| x > 0.0 && x < SUPPRESS_BELOW;
        let hidden = selection == Selection::Suppressed;
        let count = |x: f64, hide: bool| (!hide && !small(x)).then_some(x);
        let (workforce, at_risk, leaving) = (
            count(b.workforce, false),
            count(b.at_risk, hidden),
            count(b.leaving, hidden),
        );
        let share = |x: Option<f64>, of: f64| x.map(|x| if of > 0.0 { x / of } else { 0.0 });
        Self {
            group: group.to_owned(),
            workforce,
            at_risk,
            leaving,
            rate: (!hidden && !small(b.leaving)).then(|| b.rate()),
            shares: [
                share(workforce, all.workforce),
                share(at_risk, all.at_risk),
                share(leaving, all.leaving),
            ],
            selection,
            everyone: false,
        }
    }
}

/// The impact by one characteristic: its groups, the whole plan's profile and each pool's.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakdown {
    /// The protected characteristic the table is by.
    pub characteristic: Characteristic,
    /// The groups, in the order shown.
    pub groups: Vec<String>,
    /// Everyone in the merging services.
    pub total: Profile,
    /// Each role's pool (index as [`Outcome::roles`]).
    pub pools: Vec<Profile>,
}

impl Breakdown {
    /// Each group of `profile` as it may be shown, then everyone ("Everyone", judged against
    /// nothing).
    pub fn shown(&self, profile: &Profile) -> Vec<Shown> {
        let total = profile.total();
        let mut rows: Vec<Shown> = self
            .groups
            .iter()
            .zip(&profile.bands)
            .zip(profile.selection())
            .map(|((g, b), s)| Shown::of(g, b, &total, s))
            .collect();
        let everyone = if total.workforce < SUPPRESS_BELOW {
            Selection::Suppressed
        } else {
            Selection::Within
        };
        rows.push(Shown {
            everyone: true,
            ..Shown::of("Everyone", &total, &total, everyone)
        });
        suppress_complements(&mut rows, &profile.bands);
        rows
    }
}

/// Secondary suppression: where a single group's count is hidden and everyone's is shown,
/// everyone's less the others would give it away, so the next smallest count shown is hidden
/// too (and with it its share, and the group's rate, which with the other count would give it
/// back); where no other group has a count to hide, everyone's is hidden. `rows` are the
/// groups, then everyone; `bands` the groups' figures.
fn suppress_complements(rows: &mut [Shown], bands: &[Band]) {
    let Some((everyone, groups)) = rows.split_last_mut() else {
        return;
    };
    for measure in 0..3 {
        let value = |b: &Band| [b.workforce, b.at_risk, b.leaving][measure];
        let get = |r: &Shown| [r.workforce, r.at_risk, r.leaving][measure];
        let hidden = groups
            .iter()
            .zip(bands)
            .filter(|(r, b)| get(r).is_none() && value(b) > 0.0)
            .count();
        if hidden != 1 || get(everyone).is_none() {
            continue;
        }
        let next = groups
            .iter()
            .enumerate()
            .filter(|(_, r)| get(r).is_some_and(|x| x > 0.0))
            .min_by(|a, b| {
                get(a.1)
                    .partial_cmp(&get(b.1))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .map(|(i, _)| i);
        let row = match next {
            Some(i) => &mut groups[i],
            None => &mut *everyone,
        };
        hide(row, measure);
    }
}

/// Hides one of a row's counts (0 workforce, 1 at risk, 2 leaving), its share, and the rate
/// that with the other count would give it back.
fn hide(row: &mut Shown, measure: usize) {
    match measure {
        0 => row.workforce = None,
        1 => row.at_risk = None,
        _ => row.leaving = None,
    }
    row.shares[measure] = None;
    if measure != 1 {
        row.rate = None;
    }
}

/// The equality impact of an outcome: by age always, then by each characteristic some
/// postholder's record gives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Equality {
    /// By characteristic, age first.
    pub breakdowns: Vec<Breakdown>,
}

impl Equality {
    /// By age.
    pub fn age(&self) -> Option<&Breakdown> {
        self.breakdowns
            .iter()
            .find(|b| b.characteristic == Characteristic::Age)
    }

    /// By `c`, if the plan records it.
    pub fn by(&self, c: Characteristic) -> Option<&Breakdown> {
        self.breakdowns.iter().find(|b| b.characteristic == c)
    }
}

/// The groups of a characteristic recorded as text, as the posts' holders give it: each post's
/// group (`NONE` where not counted or not recorded) and the groups' names in the order shown
/// (spelt as first seen, matched without regard to case).
struct Recorded<'a> {
    /// Each distinct spelling seen, and its group (values repeat: "Female" thousands of times,
    /// so each spelling is folded to lower case and matched once).
    by_spelling: rustc_hash::FxHashMap<&'a str, u16>,
    /// Each group by its key (lower case), and its name as first spelt.
    keys: rustc_hash::FxHashMap<String, u16>,
    spelt: Vec<String>,
}

/// A post not counted, or a record that does not say.
const NONE: u16 = u16::MAX;

/// The most groups a characteristic is split into; values past them join the last.
const MOST_GROUPS: usize = 60_000;

impl<'a> Recorded<'a> {
    fn new() -> Self {
        Self {
            by_spelling: rustc_hash::FxHashMap::default(),
            keys: rustc_hash::FxHashMap::default(),
            spelt: Vec::new(),
        }
    }

    /// The group of `value` (values past [`MOST_GROUPS`] distinct ones join the last).
    fn group(&mut self, value: &'a str) -> u16 {
        if let Some(&g) = self.by_spelling.get(value) {
            return g;
        }
        let key = value.trim().to_lowercase();
        let spelt = &mut self.spelt;
        let g = *self.keys.entry(key).or_insert_with(|| {
            if spelt.len() < MOST_GROUPS {
                spelt.push(value.trim().to_owned());
            }
            u16::try_from(spelt.len() - 1).unwrap_or(0)
        });
        self.by_spelling.insert(value, g);
        g
    }

    /// The groups by name, "Not recorded" last, and each old group's place among them.
    fn ordered(&self) -> (Vec<String>, Vec<u16>) {
        let mut order: Vec<usize> = (0..self.spelt.len()).collect();
        order.sort_by(|&a, &b| self.spelt[a].cmp(&self.spelt[b]));
        let mut rank = vec![0u16; self.spelt.len()];
        for (r, &g) in order.iter().enumerate() {
            rank[g] = u16::try_from(r).unwrap_or(0);
        }
        let mut names: Vec<String> = order.iter().map(|&g| self.spelt[g].clone()).collect();
        names.push(NOT_RECORDED.to_owned());
        (names, rank)
    }
}

/// The equality impact of `o`: the one worked out with its flags, else worked out now (an
/// outcome evaluated without flags has none).
pub fn of_outcome(plan: &Plan, o: &Outcome) -> Equality {
    if o.equality.breakdowns.is_empty() {
        equality(plan, o)
    } else {
        o.equality.clone()
    }
}

/// The equality impact of `o`, ages on the go-live of each person's wave.
pub fn equality(plan: &Plan, o: &Outcome) -> Equality {
    let roles: rustc_hash::FxHashMap<&str, usize> = o
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let functions: rustc_hash::FxHashMap<usize, jiff::civil::Date> = o
        .waves
        .iter()
        .flat_map(|w| w.functions.iter().map(move |&f| (f, w.go_live)))
        .collect();
    // Looked up once, not for every post.
    let councils: rustc_hash::FxHashSet<&str> =
        plan.councils.iter().map(|c| c.id.as_str()).collect();
    let role_known: Vec<bool> = plan
        .roles
        .iter()
        .map(|r| plan.function(&r.function).is_some())
        .collect();
    let go_lives: Vec<jiff::civil::Date> = o
        .roles
        .iter()
        .map(|r| functions.get(&r.function).copied().unwrap_or(o.go_live))
        .collect();
    // As the engine counts: a known council, and a role in a known function.
    of_pools(plan, o, &go_lives, |_, post| {
        let &r = roles.get(post.role.as_str())?;
        (councils.contains(post.council.as_str()) && role_known.get(r).copied()?).then_some(r)
    })
}

/// The equality impact of `o` with each post's pool as `ctx` resolved it (what evaluating does,
/// without looking anything up by name again).
pub(crate) fn of_context(ctx: &super::context::Context, o: &Outcome) -> Equality {
    let go_lives: Vec<jiff::civil::Date> =
        (0..o.roles.len()).map(|r| ctx.role_go_live(r)).collect();
    // A post has a role here only in a known council and a role in a known function.
    of_pools(ctx.plan, o, &go_lives, |i, _| ctx.post_role[i])
}

/// The equality impact of `o`, `pool_of` giving each counted post's pool (its role) and
/// `go_lives` each role's go-live. One pass over the posts gives each one's pool and groups.
fn of_pools(
    plan: &Plan,
    o: &Outcome,
    go_lives: &[jiff::civil::Date],
    mut pool_of: impl FnMut(usize, &crate::model::Post) -> Option<usize>,
) -> Equality {
    // Each person's share at risk and leaving, from their rows in the outcome: someone in a
    // pool counts once at risk; VR, bumped VR and the expected share of a compulsory
    // selection add to their leaving, at most 1.
    let mut at_risk = vec![false; plan.posts.len()];
    let mut leaving = vec![0.0f64; plan.posts.len()];
    for p in &o.people {
        at_risk[p.post] = true;
        leaving[p.post] += p.share;
    }
    let others = [
        Characteristic::Sex,
        Characteristic::Ethnicity,
        Characteristic::Disability,
    ];
    let mut recorded = [Recorded::new(), Recorded::new(), Recorded::new()];
    // Per post: its pool (`u32::MAX` if not counted), age band, and group by each other
    // characteristic (`NONE` where the record does not say).
    let mut pool = vec![u32::MAX; plan.posts.len()];
    let mut groups = vec![[NONE; 4]; plan.posts.len()];
    for (i, post) in plan.posts.iter().enumerate() {
        let Some(h) = &post.holder else { continue };
        let Some(r) = pool_of(i, post) else { continue };
        let Some(&go_live) = go_lives.get(r) else {
            continue;
        };
        pool[i] = u32::try_from(r).unwrap_or(u32::MAX);
        let band = age_band(whole_years(h.date_of_birth, go_live));
        groups[i][0] = u16::try_from(band).unwrap_or(0);
        for (k, c) in others.iter().enumerate() {
            if let Some(v) = c.recorded(h) {
                groups[i][k + 1] = recorded[k].group(v);
            }
        }
    }
    let mut breakdowns = Vec::new();
    for (k, c) in Characteristic::ALL.into_iter().enumerate() {
        let (mut names, rank) = if c == Characteristic::Age {
            (
                AGE_BANDS.iter().map(|b| (*b).to_owned()).collect(),
                Vec::new(),
            )
        } else if recorded[k - 1].spelt.is_empty() {
            continue;
        } else {
            recorded[k - 1].ordered()
        };
        let missing = names.len() - 1;
        let mut total = Profile::of(names.len());
        let mut pools = vec![Profile::of(names.len()); o.roles.len()];
        for (i, &r) in pool.iter().enumerate() {
            if r == u32::MAX {
                continue;
            }
            let g = groups[i][k];
            let g = if c == Characteristic::Age {
                usize::from(g)
            } else if g == NONE {
                missing
            } else {
                usize::from(rank[usize::from(g)])
            };
            let (risk, leave) = (if at_risk[i] { 1.0 } else { 0.0 }, leaving[i].min(1.0));
            for profile in [&mut total, &mut pools[r as usize]] {
                let b = &mut profile.bands[g];
                b.workforce += 1.0;
                b.at_risk += risk;
                b.leaving += leave;
            }
        }
        // "Not recorded" only where someone's record does not say.
        if c != Characteristic::Age && total.bands.last().is_some_and(|b| b.workforce < 0.5) {
            names.pop();
            for p in std::iter::once(&mut total).chain(&mut pools) {
                p.bands.pop();
            }
        }
        breakdowns.push(Breakdown {
            characteristic: c,
            groups: names,
            total,
            pools,
        });
    }
    Equality { breakdowns }
}

/// A flag for each group of the whole plan, by each characteristic, selected at under
/// four-fifths or over five-fourths of the workforce's rate (a group of fewer than 5 people is
/// not judged; a count of fewer than 5 is not given).
pub fn flags(e: &Equality) -> Vec<super::Flag> {
    // A count not shown: fewer than 5, or hidden so as not to give away another that is.
    let people = |x: Option<f64>, actual: f64| match x {
        Some(x) => crate::format::fte(x),
        None if actual < SUPPRESS_BELOW => "fewer than 5".to_owned(),
        None => "a number not shown".to_owned(),
    };
    let mut out = Vec::new();
    for b in &e.breakdowns {
        let overall = b.total.total().rate();
        for (row, band) in b.shown(&b.total).into_iter().zip(&b.total.bands) {
            let s = row.selection;
            if row.everyone || !matches!(s, Selection::Under | Selection::Over) {
                continue;
            }
            let rate = row
                .rate
                .map(|r| format!(" ({:.1}%)", r * 100.0))
                .unwrap_or_default();
            let (who, kind) = if b.characteristic == Characteristic::Age {
                (format!("Aged {}", row.group), super::FlagKind::AgeSelection)
            } else {
                (
                    format!("{} {}", b.characteristic.name(), row.group),
                    super::FlagKind::GroupSelection,
                )
            };
            out.push(super::Flag {
                kind,
                message: format!(
                    "{who}: {} of {} people expected to leave{rate}, {} the workforce's {:.1}% (the four-fifths rule): check the selection in the equality impact assessment",
                    people(row.leaving, band.leaving),
                    people(row.workforce, band.workforce),
                    if s == Selection::Under {
                        "under four-fifths of"
                    } else {
                        "over five-fourths of"
                    },
                    overall * 100.0
                ),
                council: None,
                role: None,
            });
        }
    }
    out
}
