//! The holders the plan does not know (a published or grouped establishment): their ages and
//! service come from their council's workforce profile, and their exit costs are expected values
//! over it (docs/rules.md, "Workforce profile").

use jiff::civil::Date;

use super::dates::add_days;
use super::pools::post_fte;
use super::rules::{ExitCost, Person};
use crate::model::{Money, Post, WorkforceProfile};

/// One kind of person in a profile: a share of the people, costed at one age and length of
/// service on the day the profile describes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// Share of the people (the cells' shares add up to 1).
    pub share: f64,
    /// Age in whole years.
    pub age: u32,
    /// Complete years of continuous service.
    pub service: u32,
    /// A member of the LGPS.
    pub lgps_member: bool,
}

/// A council's profile as cells, on the day it describes (the consultation start).
#[derive(Clone, Debug, Default)]
pub struct Cells {
    /// The cells with a share, in band order.
    pub cells: Vec<Cell>,
    /// The day ages and service are taken on.
    pub on: Date,
    /// A person's average contract, FTE (0.05 to 1).
    pub average_contract: f64,
    /// The service start that gives the profile's mean service, for a notice.
    pub typical_start: Date,
}

/// Shares cleaned: finite and not negative, scaled to add up to 1 (all equal when none is
/// given).
fn shares<const N: usize>(raw: &[f64; N]) -> [f64; N] {
    let clean = raw.map(|s| if s.is_finite() { s.max(0.0) } else { 0.0 });
    let total: f64 = clean.iter().sum();
    if total > 0.0 {
        clean.map(|s| s / total)
    } else {
        [1.0 / N as f64; N]
    }
}

/// A date `years` and a half before `on` (so on `on` someone born or started then has `years`
/// complete years).
fn years_and_a_half_before(on: Date, years: u32) -> Date {
    add_days(on, -(f64::from(years) * 365.25 + 182.0).round() as i64)
}

impl Cells {
    /// The profile's cells on `on`. Age and service are independent, but service never runs
    /// from before the age of 16: a cell's service is cut to its age less 16.
    pub fn new(profile: &WorkforceProfile, on: Date) -> Self {
        let age = shares(&profile.age);
        let service = shares(&profile.service);
        let members = if profile.lgps_members.is_finite() {
            profile.lgps_members.clamp(0.0, 1.0)
        } else {
            1.0
        };
        let mut cells = Vec::new();
        let mut mean_service = 0.0;
        for (a, band) in WorkforceProfile::AGE_BANDS.iter().enumerate() {
            for (s, years) in WorkforceProfile::SERVICE_BANDS.iter().enumerate() {
                let share = age[a] * service[s];
                if share <= 0.0 {
                    continue;
                }
                let service = years.years.min(band.age.saturating_sub(16));
                mean_service += share * f64::from(service);
                for (member, part) in [(true, members), (false, 1.0 - members)] {
                    if part > 0.0 {
                        cells.push(Cell {
                            share: share * part,
                            age: band.age,
                            service,
                            lgps_member: member,
                        });
                    }
                }
            }
        }
        let average_contract = if profile.average_contract_fte.is_finite() {
            profile.average_contract_fte.clamp(0.05, 1.0)
        } else {
            1.0
        };
        Self {
            cells,
            on,
            average_contract,
            typical_start: add_days(on, -(mean_service * 365.25).round() as i64),
        }
    }

    /// The people a post the plan does not name holds: a group's headcount where the file gave
    /// it, else its FTE over the average contract (whole or not); one for a single post.
    pub fn people(&self, post: &Post) -> f64 {
        match post.group {
            Some(group) => group
                .headcount
                .filter(|h| h.is_finite() && *h > 0.0)
                .unwrap_or_else(|| post_fte(post) / self.average_contract),
            None => 1.0,
        }
    }

    /// The person a cell stands for in `post`, on a contract of the post's FTE over its people.
    pub fn person(&self, cell: &Cell, post: &Post, people: f64) -> Person {
        // Nobody works more than full time, whatever headcount a file gives.
        let contract = if people > 0.0 {
            (post_fte(post) / people).min(1.0)
        } else {
            0.0
        };
        Person {
            dob: years_and_a_half_before(self.on, cell.age),
            service_start: years_and_a_half_before(self.on, cell.service),
            annual_pay: post.salary.at_least_zero().scale(contract),
            lgps_member: cell.lgps_member,
            strain_quote: None,
        }
    }
}

/// Adds `weight` of `cost` to a running expected cost (money in fractional pence until the end).
#[derive(Clone, Debug, Default)]
pub struct Expected {
    statutory_weeks: f64,
    weekly_pay: f64,
    weekly_cap: f64,
    statutory_pay: f64,
    scheme_weeks: f64,
    redundancy_pay: f64,
    pension_strain: f64,
    class1a_ni: f64,
    weight: f64,
    cap_assumed: bool,
    strain_estimated: bool,
    strain_protected: bool,
}

impl Expected {
    /// Adds one cell's cost at `weight`.
    pub fn add(&mut self, cost: &ExitCost, weight: f64) {
        let p = |m: Money| m.pence() as f64 * weight;
        self.statutory_weeks += cost.statutory_weeks * weight;
        self.weekly_pay += p(cost.weekly_pay);
        self.weekly_cap += p(cost.weekly_cap);
        self.statutory_pay += p(cost.statutory_pay);
        self.scheme_weeks += cost.scheme_weeks * weight;
        self.redundancy_pay += p(cost.redundancy_pay);
        self.pension_strain += p(cost.pension_strain);
        self.class1a_ni += p(cost.class1a_ni);
        self.weight += weight;
        self.cap_assumed |= cost.cap_assumed;
        self.strain_estimated |= cost.strain_estimated;
        self.strain_protected |= cost.strain_protected;
    }

    /// The expected cost of one person, times `people`: pay and weeks are one person's
    /// averages, money the whole group's.
    pub fn finish(self, people: f64) -> ExitCost {
        let w = if self.weight > 0.0 { self.weight } else { 1.0 };
        let each = |x: f64| Money::from_pence_f64(x / w);
        let all = |x: f64| Money::from_pence_f64(x / w * people);
        ExitCost {
            statutory_weeks: self.statutory_weeks / w,
            weekly_pay: each(self.weekly_pay),
            weekly_cap: each(self.weekly_cap),
            statutory_pay: all(self.statutory_pay),
            scheme_weeks: self.scheme_weeks / w,
            cap_assumed: self.cap_assumed,
            redundancy_pay: all(self.redundancy_pay),
            pension_strain: all(self.pension_strain),
            strain_estimated: self.strain_estimated,
            strain_protected: self.strain_protected,
            quote_unused: false,
            class1a_ni: all(self.class1a_ni),
        }
    }
}

/// A number from 0 to 1 from a SplitMix64 sequence (Steele, Lea and Flood 2014): each post's
/// draw of its people has its own stream.
pub fn split_mix(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// The cells' shares for one post: the profile's own, or in a Monte Carlo draw, the shares
/// among the post's people drawn from it (`draw` a number from 0 to 1 for each person).
pub fn drawn_weights(cells: &Cells, people: f64, mut draw: impl FnMut() -> f64) -> Vec<f64> {
    let mut weights = vec![0.0; cells.cells.len()];
    let n = people.round().clamp(1.0, 1000.0) as usize;
    for _ in 0..n {
        let u = draw();
        let mut running = 0.0;
        let mut chosen = cells.cells.len().saturating_sub(1);
        for (k, cell) in cells.cells.iter().enumerate() {
            running += cell.share;
            if u < running {
                chosen = k;
                break;
            }
        }
        if let Some(w) = weights.get_mut(chosen) {
            *w += 1.0 / n as f64;
        }
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_default_profile_is_a_whole_workforce() {
        let cells = Cells::new(&WorkforceProfile::default(), date(2026, 4, 1));
        let total: f64 = cells.cells.iter().map(|c| c.share).sum();
        assert!((total - 1.0).abs() < 1e-12, "{total}");
        // Nobody has served since before 16: the 16 to 24 band's 20 years are cut to 5.
        assert!(cells.cells.iter().all(|c| c.service <= c.age - 16));
        assert_eq!(
            cells.cells.len(),
            30,
            "every member: one cell per band pair"
        );
    }

    #[test]
    fn a_cell_person_has_the_cell_age_and_service() {
        let on = date(2026, 4, 1);
        let cells = Cells::new(&WorkforceProfile::default(), on);
        let cell = cells.cells[17];
        let post = Post {
            id: "G1".into(),
            council: "A".into(),
            function: "F".into(),
            role: "R".into(),
            title: "Officer".into(),
            grade: String::new(),
            fte: 4.5,
            salary: Money::pounds(30_000),
            holder: None,
            unnamed: true,
            group: Some(crate::model::Group { headcount: None }),
            pay_range: None,
        };
        let people = cells.people(&post);
        assert!((people - 6.0).abs() < 1e-12, "4.5 FTE at 0.75 each");
        let p = cells.person(&cell, &post, people);
        assert_eq!(
            super::super::dates::complete_years_ending_with(p.dob, on),
            cell.age as i32
        );
        assert_eq!(
            super::super::dates::complete_years_ending_with(p.service_start, on),
            cell.service as i32
        );
        assert_eq!(p.annual_pay, Money::pounds(22_500), "£30,000 at 0.75 FTE");
    }
}
