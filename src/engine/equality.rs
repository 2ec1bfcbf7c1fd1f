//! The equality impact (issue 15, Equality Act 2010 s.149): the age profile of the whole
//! workforce, of the people at risk and of those expected to leave, with each band's rate of
//! selection against the workforce's. A band selected at under four-fifths or over five-fourths
//! of the workforce's rate is flagged, naming the rule; a group of fewer than 5 people is never
//! shown.

use super::dates::whole_years;
use super::outcome::Outcome;
use crate::model::Plan;

/// The age bands, as equality monitoring counts them.
pub const AGE_BANDS: [&str; 6] = ["16-24", "25-34", "35-44", "45-54", "55-64", "65 and over"];

/// Groups of fewer than this many people are suppressed everywhere.
pub const SUPPRESS_BELOW: f64 = 5.0;

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

/// One band: people in the workforce, at risk and expected to leave (expected values, so they
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

/// How a band's rate compares with the workforce's.
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

/// The age profile of a group of people (the whole plan, or one pool).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// By band, as [`AGE_BANDS`].
    pub bands: [Band; 6],
}

impl Profile {
    /// Everyone.
    pub fn total(&self) -> Band {
        self.bands.iter().fold(Band::default(), |a, b| Band {
            workforce: a.workforce + b.workforce,
            at_risk: a.at_risk + b.at_risk,
            leaving: a.leaving + b.leaving,
        })
    }

    /// Each band's selection against the whole group's rate (the four-fifths rule).
    pub fn selection(&self) -> [Selection; 6] {
        let overall = self.total().rate();
        self.bands.map(|b| {
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
    }
}

/// The equality impact of an outcome.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Equality {
    /// Everyone in the merging services.
    pub total: Profile,
    /// Each role's pool (index as [`Outcome::roles`]).
    pub pools: Vec<Profile>,
}

/// The age profile of `o`, ages on the go-live of each person's wave.
pub fn equality(plan: &Plan, o: &Outcome) -> Equality {
    let mut total = Profile::default();
    let mut pools = vec![Profile::default(); o.roles.len()];
    // Each person's share at risk and leaving, from their rows in the outcome.
    let mut at_risk = vec![0.0f64; plan.posts.len()];
    let mut leaving = vec![0.0f64; plan.posts.len()];
    for p in &o.people {
        at_risk[p.post] = 1.0;
        // VR, bumped VR, or the expected share of a compulsory selection.
        leaving[p.post] += p.share;
    }
    let roles: std::collections::HashMap<&str, usize> = o
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let functions: std::collections::HashMap<usize, jiff::civil::Date> = o
        .waves
        .iter()
        .flat_map(|w| w.functions.iter().map(move |&f| (f, w.go_live)))
        .collect();
    for (i, post) in plan.posts.iter().enumerate() {
        let (Some(h), Some(&r)) = (&post.holder, roles.get(post.role.as_str())) else {
            continue;
        };
        // As the engine counts: a known council, and a role in a known function.
        if plan.council(&post.council).is_none() || plan.function(&plan.roles[r].function).is_none()
        {
            continue;
        }
        let go_live = functions
            .get(&o.roles[r].function)
            .copied()
            .unwrap_or(o.go_live);
        let band = age_band(whole_years(h.date_of_birth, go_live));
        for profile in [&mut total, &mut pools[r]] {
            let b = &mut profile.bands[band];
            b.workforce += 1.0;
            b.at_risk += at_risk[i];
            b.leaving += leaving[i].min(1.0);
        }
    }
    Equality { total, pools }
}

/// A flag for each age band of the whole plan selected at under four-fifths or over
/// five-fourths of the workforce's rate (a band of fewer than 5 people is not judged; a count of
/// fewer than 5 is not given).
pub fn flags(plan: &Plan, o: &Outcome) -> Vec<super::Flag> {
    let e = equality(plan, o);
    let overall = e.total.total().rate();
    let people = |x: f64| {
        if x > 0.0 && x < SUPPRESS_BELOW {
            "fewer than 5".to_owned()
        } else {
            crate::format::fte(x)
        }
    };
    AGE_BANDS
        .iter()
        .zip(&e.total.bands)
        .zip(e.total.selection())
        .filter(|(_, s)| matches!(s, Selection::Under | Selection::Over))
        .map(|((band, b), s)| {
            let rate = if b.leaving > 0.0 && b.leaving < SUPPRESS_BELOW {
                String::new()
            } else {
                format!(" ({:.1}%)", b.rate() * 100.0)
            };
            super::Flag {
                kind: super::FlagKind::AgeSelection,
                message: format!(
                    "Aged {band}: {} of {} people expected to leave{rate}, {} the workforce's {:.1}% (the four-fifths rule): check the selection in the equality impact assessment",
                    people(b.leaving),
                    people(b.workforce),
                    if s == Selection::Under {
                        "under four-fifths of"
                    } else {
                        "over five-fourths of"
                    },
                    overall * 100.0
                ),
                council: None,
                role: None,
            }
        })
        .collect()
}
