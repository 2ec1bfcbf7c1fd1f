//! Realistic synthetic plans for demos, examples and benchmarks: councils' corporate services
//! with plausible grades, pay, ages, service, vacancies and VR interest, and a target structure
//! that shares heads of service and trims duplicated roles. Deterministic for a seed.

use jiff::civil::{Date, date};

use crate::engine::rules::{Person, strain};
use crate::format::slug;
use crate::model::{
    Colour, CostShare, Council, FinancialYear, ImplementationCost, Money, Monitoring, OneOffSplit,
    PayBand, PayBasis, PayChange, PaybackLimit, Plan, Post, Postholder, Programme, Range, Ranges,
    RedundancyScheme, Role, Scenario, SplitMethod, TargetPay,
};

/// What to generate.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Plan name.
    pub name: String,
    /// Councils: (full name, short name, relative size).
    pub councils: Vec<(String, String, f64)>,
    /// Posts in all, roughly.
    pub posts: usize,
    /// Random seed.
    pub seed: u64,
    /// Programme dates.
    pub programme: Programme,
}

/// SplitMix64: small, fast and the same on every platform, so a seed always gives the same plan.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Level {
    Head,
    Manager,
    Staff,
}

/// (function id, title, grade, full-time salary £, weight, level, share of today's FTE kept).
type Template = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    f64,
    Level,
    f64,
);

const TEMPLATES: &[Template] = &[
    (
        "finance",
        "Head of finance",
        "Chief officer",
        98_000,
        0.0,
        Level::Head,
        0.0,
    ),
    (
        "finance",
        "Finance manager",
        "Grade 12",
        56_000,
        3.0,
        Level::Manager,
        0.67,
    ),
    (
        "finance",
        "Senior accountant",
        "Grade 10",
        45_500,
        6.0,
        Level::Staff,
        0.8,
    ),
    (
        "finance",
        "Accountant",
        "Grade 8",
        36_200,
        10.0,
        Level::Staff,
        0.85,
    ),
    (
        "finance",
        "Finance officer",
        "Grade 6",
        28_600,
        14.0,
        Level::Staff,
        0.85,
    ),
    (
        "finance",
        "Payments officer",
        "Grade 4",
        24_300,
        8.0,
        Level::Staff,
        0.75,
    ),
    (
        "finance",
        "Finance assistant",
        "Grade 3",
        22_800,
        10.0,
        Level::Staff,
        0.8,
    ),
    (
        "hr",
        "Head of HR",
        "Chief officer",
        84_000,
        0.0,
        Level::Head,
        0.0,
    ),
    (
        "hr",
        "HR business partner",
        "Grade 11",
        48_900,
        4.0,
        Level::Manager,
        0.7,
    ),
    (
        "hr",
        "HR adviser",
        "Grade 8",
        34_800,
        8.0,
        Level::Staff,
        0.8,
    ),
    (
        "hr",
        "Payroll officer",
        "Grade 5",
        26_400,
        8.0,
        Level::Staff,
        0.75,
    ),
    (
        "hr",
        "Learning and development officer",
        "Grade 7",
        31_400,
        4.0,
        Level::Staff,
        0.85,
    ),
    (
        "hr",
        "HR assistant",
        "Grade 3",
        22_600,
        8.0,
        Level::Staff,
        0.8,
    ),
    (
        "it",
        "Head of IT",
        "Chief officer",
        88_000,
        0.0,
        Level::Head,
        0.0,
    ),
    (
        "it",
        "IT manager",
        "Grade 12",
        58_300,
        3.0,
        Level::Manager,
        0.67,
    ),
    (
        "it",
        "Network engineer",
        "Grade 9",
        40_100,
        6.0,
        Level::Staff,
        0.85,
    ),
    ("it", "Developer", "Grade 9", 42_400, 6.0, Level::Staff, 0.9),
    (
        "it",
        "Application support analyst",
        "Grade 8",
        36_300,
        10.0,
        Level::Staff,
        0.8,
    ),
    (
        "it",
        "Service desk analyst",
        "Grade 5",
        26_500,
        14.0,
        Level::Staff,
        0.8,
    ),
    (
        "legal",
        "Head of legal services",
        "Chief officer",
        90_000,
        0.0,
        Level::Head,
        0.0,
    ),
    (
        "legal",
        "Principal solicitor",
        "Grade 12",
        58_900,
        3.0,
        Level::Manager,
        0.67,
    ),
    (
        "legal",
        "Solicitor",
        "Grade 10",
        46_700,
        8.0,
        Level::Staff,
        0.85,
    ),
    (
        "legal",
        "Paralegal",
        "Grade 6",
        29_300,
        5.0,
        Level::Staff,
        0.8,
    ),
    (
        "legal",
        "Legal assistant",
        "Grade 3",
        23_100,
        5.0,
        Level::Staff,
        0.8,
    ),
    (
        "other",
        "Head of business support",
        "Chief officer",
        72_000,
        0.0,
        Level::Head,
        0.0,
    ),
    (
        "other",
        "Business support manager",
        "Grade 9",
        40_500,
        4.0,
        Level::Manager,
        0.6,
    ),
    (
        "other",
        "Procurement officer",
        "Grade 7",
        33_200,
        6.0,
        Level::Staff,
        0.85,
    ),
    (
        "other",
        "Facilities officer",
        "Grade 4",
        25_100,
        6.0,
        Level::Staff,
        0.8,
    ),
    (
        "other",
        "Business support officer",
        "Grade 4",
        24_500,
        24.0,
        Level::Staff,
        0.8,
    ),
    (
        "other",
        "Customer services adviser",
        "Grade 3",
        22_700,
        18.0,
        Level::Staff,
        0.85,
    ),
];

/// New roles of the single service, with no posts today: (function, title, grade, salary £,
/// target FTE per council merged).
const NEW_ROLES: &[(&str, &str, &str, i64, f64)] = &[
    ("it", "Systems integration lead", "Grade 12", 57_500, 1.0),
    (
        "finance",
        "Financial systems analyst",
        "Grade 9",
        41_000,
        1.0,
    ),
    ("other", "Transformation officer", "Grade 8", 37_000, 1.5),
];

fn pounds(p: f64) -> Money {
    Money::pounds(p.round() as i64)
}

/// Generates a plan from a spec.
pub fn generate(spec: &Spec) -> Plan {
    let mut rng = Rng(spec.seed ^ 0x5EED_0FC0_FFEE);
    let mut plan = Plan::new(&spec.name, spec.programme);
    plan.description = format!(
        "Synthetic corporate services establishment of {} councils (seed {}). Figures are illustrative, not any council's data.",
        spec.councils.len(),
        spec.seed
    );
    for (i, (name, short, _)) in spec.councils.iter().enumerate() {
        let generous = rng.chance(0.5);
        plan.councils.push(Council {
            id: slug(short),
            name: name.clone(),
            short_name: short.clone(),
            colour: Colour::for_index(i),
            scheme: RedundancyScheme {
                pay_basis: if rng.chance(0.7) {
                    PayBasis::Actual
                } else {
                    PayBasis::Capped
                },
                vr_multiplier: if generous { 2.0 } else { 1.5 },
                cr_multiplier: if generous { 1.5 } else { 1.0 },
                max_weeks: if generous { 104.0 } else { 66.0 },
            },
            lgps_employer_rate: (rng.range(0.17, 0.26) * 1000.0).round() / 1000.0,
            min_service_for_vr_years: 2,
            cost_share_weight: 1.0,
            assumed: false,
            recognised_unions: ["UNISON", "GMB", "Unite"].map(str::to_owned).to_vec(),
            pay_point: crate::model::PayPoint::Midpoint,
            workforce: crate::model::WorkforceProfile::default(),
        });
    }
    let n = spec.councils.len().max(1);
    for t in TEMPLATES {
        let total_fte_guess = if t.5 == Level::Head { 1.0 } else { 0.0 };
        plan.roles.push(Role {
            id: slug(&format!("{} {}", t.0, t.1)),
            function: t.0.to_owned(),
            title: t.1.to_owned(),
            target_fte: total_fte_guess,
            target_from_establishment: false,
            pay: if t.5 == Level::Head {
                // One head of service for the merged service, on a bigger job's pay.
                TargetPay::Salary(pounds(
                    (t.3 as f64 * (1.0 + 0.04 * n as f64).min(1.4) / 100.0).round() * 100.0,
                ))
            } else if t.5 == Level::Manager {
                TargetPay::HarmoniseHighest
            } else {
                TargetPay::HarmoniseAverage
            },
        });
    }
    for (f, title, _, salary, per_council) in NEW_ROLES {
        plan.roles.push(Role {
            id: slug(&format!("{f} {title}")),
            function: (*f).to_owned(),
            title: (*title).to_owned(),
            target_fte: (per_council * n as f64).ceil(),
            target_from_establishment: false,
            pay: TargetPay::Salary(Money::pounds(*salary)),
        });
    }
    add_posts(spec, &mut plan, &mut rng);
    monitor(&mut plan, spec.seed);
    plan
}

fn add_posts(spec: &Spec, plan: &mut Plan, rng: &mut Rng) {
    let total_size: f64 = spec
        .councils
        .iter()
        .map(|c| c.2.max(0.0))
        .sum::<f64>()
        .max(1e-9);
    let heads = TEMPLATES.iter().filter(|t| t.5 == Level::Head).count();
    let weight: f64 = TEMPLATES.iter().map(|t| t.4).sum();
    let start = spec.programme.consultation_start;
    let mut current_fte = vec![0.0f64; TEMPLATES.len()];
    // Post ids start with three letters of the council's short name; councils whose letters
    // clash (Northshire and Northam) get a number after them, so every id is unique.
    let mut prefixes: Vec<String> = Vec::new();
    for (c, (_, short, size)) in spec.councils.iter().enumerate() {
        let council_posts =
            ((spec.posts as f64 * size.max(0.0) / total_size).round() as usize).max(heads);
        let pay_scale = rng.range(0.985, 1.015);
        // Councils grade a few roles differently: one role in eight is a grade higher here.
        let regraded: Vec<bool> = TEMPLATES
            .iter()
            .map(|t| t.5 != Level::Head && rng.chance(0.12))
            .collect();
        let prefix: String = short
            .chars()
            .filter(char::is_ascii_alphabetic)
            .take(3)
            .collect::<String>()
            .to_uppercase();
        let clashes = prefixes.iter().filter(|p| p.starts_with(&prefix)).count();
        let prefix = if clashes == 0 {
            prefix
        } else {
            format!("{prefix}{}", clashes + 1)
        };
        prefixes.push(prefix.clone());
        let mut number = 0usize;
        for (t_index, t) in TEMPLATES.iter().enumerate() {
            let count = if t.5 == Level::Head {
                1
            } else {
                ((council_posts - heads) as f64 * t.4 / weight)
                    .round()
                    .max(1.0) as usize
            };
            for _ in 0..count {
                number += 1;
                let part_time = t.5 == Level::Staff && rng.chance(0.18);
                let fte = if part_time {
                    [0.5, 0.6, 0.8][(rng.next() % 3) as usize]
                } else {
                    1.0
                };
                let grade_up = if regraded[t_index] { 1.09 } else { 1.0 };
                let salary = pounds(t.3 as f64 * pay_scale * grade_up * rng.range(0.97, 1.03));
                let vacant = t.5 != Level::Head && rng.chance(0.08);
                current_fte[t_index] += fte;
                let holder =
                    (!vacant).then(|| person(rng, t.5, start, salary.scale(fte), &plan.parameters));
                plan.posts.push(Post {
                    id: format!("{prefix}-{number:05}"),
                    council: plan.councils[c].id.clone(),
                    function: t.0.to_owned(),
                    role: slug(&format!("{} {}", t.0, t.1)),
                    title: t.1.to_owned(),
                    grade: t.2.to_owned(),
                    unnamed: false,
                    group: None,
                    pay_range: None,
                    fte,
                    salary,
                    holder,
                });
            }
        }
    }
    for (t_index, t) in TEMPLATES.iter().enumerate() {
        if t.5 != Level::Head {
            // Trim duplicated roles to a share of today's FTE, to the nearest half post.
            plan.roles[t_index].target_fte = (current_fte[t_index] * t.6 * 2.0).round() / 2.0;
        }
    }
}

/// Equality monitoring for every postholder, from a generator of its own so the rest of the
/// plan is drawn as it was before monitoring was added: sex, ethnicity and disability in
/// roughly the shares of English councils' corporate services, with some not given.
fn monitor(plan: &mut Plan, seed: u64) {
    let mut rng = Rng(seed ^ 0xE0A1_17E5);
    let pick = |rng: &mut Rng, shares: &[(&str, f64)]| {
        let mut u = rng.unit();
        for (name, share) in shares {
            if u < *share {
                return (*name).to_owned();
            }
            u -= share;
        }
        shares
            .last()
            .map(|(n, _)| (*n).to_owned())
            .unwrap_or_default()
    };
    for post in &mut plan.posts {
        let Some(h) = &mut post.holder else { continue };
        h.monitoring = Monitoring {
            sex: Some(pick(&mut rng, &[("Female", 0.63), ("Male", 0.37)])),
            ethnicity: Some(pick(
                &mut rng,
                &[
                    ("White British", 0.78),
                    ("White other", 0.05),
                    ("Asian or Asian British", 0.07),
                    ("Black or Black British", 0.03),
                    ("Mixed", 0.02),
                    ("Other ethnic group", 0.01),
                    ("Prefer not to say", 0.04),
                ],
            )),
            disability: Some(pick(
                &mut rng,
                &[("No", 0.83), ("Yes", 0.09), ("Prefer not to say", 0.08)],
            )),
        };
    }
}

fn person(
    rng: &mut Rng,
    level: Level,
    start: Date,
    annual_pay: Money,
    params: &crate::model::Parameters,
) -> Postholder {
    let (min_age, max_age) = match level {
        Level::Head => (42.0, 63.0),
        Level::Manager => (32.0, 64.0),
        Level::Staff => (19.0, 65.0),
    };
    let age = rng.range(min_age, max_age);
    let dob = crate::engine::dates::add_days(start, -(age * 365.25) as i64);
    let max_service = (age - 18.0).max(0.2);
    let service = rng.range(0.2, max_service) * rng.range(0.4, 1.0);
    let service_start = crate::engine::dates::add_days(start, -(service * 365.25) as i64);
    let lgps_member = rng.chance(0.86);
    let vr_interest = rng.chance(if age >= 50.0 { 0.32 } else { 0.07 });
    let notice_weeks = match level {
        Level::Head => 12,
        Level::Manager => 8,
        Level::Staff => 4,
    };
    let mut holder = Postholder {
        date_of_birth: dob,
        service_start,
        lgps_member,
        notice_weeks,
        vr_interest,
        critical: rng.chance(0.03),
        strain_quote: None,
        monitoring: Monitoring::default(),
    };
    if lgps_member && age >= 54.0 && rng.chance(0.4) {
        let p = Person {
            dob,
            service_start,
            annual_pay,
            lgps_member,
            strain_quote: None,
        };
        let exit = crate::engine::dates::add_days(start, 180);
        let estimate = strain(params, &p, exit).amount;
        if estimate.pence() > 0 {
            holder.strain_quote = Some(Money::pounds(
                (estimate.as_pounds() * rng.range(0.8, 1.2) / 100.0).round() as i64 * 100,
            ));
        }
    }
    holder
}

/// Bournemouth and Poole: two councils merging finance, HR, IT, legal and other support into one
/// corporate service by 1 April 2018, consulting from autumn 2017, sharing costs and savings
/// 50:50. The built-in example.
pub fn bournemouth_poole() -> Plan {
    let spec = Spec {
        name: "Bournemouth and Poole corporate services".to_owned(),
        councils: vec![
            (
                "Bournemouth Borough Council".to_owned(),
                "Bournemouth".to_owned(),
                1.1,
            ),
            ("Borough of Poole".to_owned(), "Poole".to_owned(), 1.0),
        ],
        posts: 640,
        seed: 2018,
        programme: Programme {
            consultation_start: date(2017, 10, 2),
            go_live: date(2018, 4, 1),
        },
    };
    let mut plan = generate(&spec);
    "Bournemouth and Poole combine finance, HR, IT, legal and support services into one corporate \
        service under a shared joint director by April 2018, offering voluntary redundancy first and sharing costs and \
        savings 50:50. The establishment is synthetic (a few hundred posts each), shaped like the published \
        figures of the two councils."
        .clone_into(&mut plan.description);
    let a = &mut plan.assumptions;
    // The two councils agreed to share costs and savings 50:50.
    a.split_method = SplitMethod::CostsAndSavings;
    a.cost_share = CostShare::Equal;
    a.one_off_split = OneOffSplit::SameRatio;
    a.redeployment_rate = 0.3;
    a.implementation_costs = vec![
        ImplementationCost {
            year: FinancialYear(2017),
            description: "Programme team and consultation".to_owned(),
            amount: Money::pounds(180_000),
        },
        ImplementationCost {
            year: FinancialYear(2018),
            description: "Single finance and HR system".to_owned(),
            amount: Money::pounds(420_000),
        },
    ];
    plan.scenarios = vec![
        Scenario {
            name: "VR only".to_owned(),
            description: "No compulsory redundancies: only volunteers leave".to_owned(),
            compulsory_allowed: Some(false),
            ..Scenario::default()
        },
        Scenario {
            name: "Deeper cut".to_owned(),
            description: "Every role's target 10% lower".to_owned(),
            target_scale: Some(0.9),
            ..Scenario::default()
        },
        Scenario {
            name: "Later date".to_owned(),
            description: "Go-live on 1 October 2018".to_owned(),
            go_live: Some(date(2018, 10, 1)),
            ..Scenario::default()
        },
        Scenario {
            name: "Two-year payback".to_owned(),
            description: "VR accepted only where the exit pays back within two years".to_owned(),
            vr_payback_limit: Some(PaybackLimit::Years(2.0)),
            ..Scenario::default()
        },
    ];
    plan
}

/// District names for generated plans.
const PLACES: [&str; 24] = [
    "Ashby",
    "Brookvale",
    "Castleford",
    "Dunmore",
    "Eastwick",
    "Fernley",
    "Greyhaven",
    "Holloway",
    "Ivybridge",
    "Kingsmere",
    "Longford",
    "Millbrook",
    "Northam",
    "Oakhurst",
    "Pendle Vale",
    "Queensbury",
    "Redmarsh",
    "Stonebridge",
    "Thornbury",
    "Upton",
    "Westerly",
    "Yarrow",
    "Zennor",
    "Harrowden",
];

/// A county and `districts` districts becoming one unitary council (England's reorganisation).
pub fn reorganisation(councils: usize, posts: usize, seed: u64) -> Plan {
    let councils = councils.max(1);
    let mut list = vec![(
        "Northshire County Council".to_owned(),
        "Northshire CC".to_owned(),
        4.0,
    )];
    for i in 1..councils {
        let place = PLACES[(i - 1) % PLACES.len()];
        let name = if i > PLACES.len() {
            format!("{place} {}", i / PLACES.len() + 1)
        } else {
            place.to_owned()
        };
        list.push((
            format!("{name} District Council"),
            name,
            0.8 + 0.4 * ((i * 7) % 5) as f64 / 4.0,
        ));
    }
    let spec = Spec {
        name: "Northshire unitary: corporate services".to_owned(),
        councils: list,
        posts,
        seed,
        programme: Programme {
            consultation_start: date(2027, 9, 1),
            go_live: date(2028, 4, 1),
        },
    };
    let mut plan = generate(&spec);
    plan.description = format!(
        "Local government reorganisation: Northshire County Council and {} district councils become one unitary council on \
         vesting day, 1 April 2028, with one corporate service. Costs and savings are shared by each council's cost today. \
         Synthetic establishment (seed {seed}).",
        councils - 1
    );
    plan.assumptions.cost_share = CostShare::BaselineCost;
    plan.assumptions.one_off_split = OneOffSplit::EmployingCouncil;
    plan.assumptions.implementation_costs = vec![
        ImplementationCost {
            year: FinancialYear(2027),
            description: "Implementation team".to_owned(),
            amount: Money::pounds(1_500_000),
        },
        ImplementationCost {
            year: FinancialYear(2028),
            description: "ERP and data migration".to_owned(),
            amount: Money::pounds(3_200_000),
        },
    ];
    // What nobody knows in advance: how many volunteer, how many can be redeployed,
    // what the funds quote, whether notices slip, the next pay award and the systems overrun.
    let range = |low, likely, high| Some(Range { low, likely, high });
    plan.assumptions.ranges = Ranges {
        vr_take_up: range(0.05, 0.15, 0.35),
        redeployment_rate: range(0.1, 0.25, 0.4),
        strain_estimate_factor: range(0.8, 1.0, 1.4),
        exit_slip_weeks: range(0.0, 2.0, 12.0),
        pay_award: range(0.02, 0.03, 0.05),
        implementation_overrun: range(0.0, 0.1, 0.4),
        payback_limit_years: Some(3.0),
    };
    plan.scenarios = vec![
        Scenario {
            name: "VR only".to_owned(),
            description: "No compulsory redundancies".to_owned(),
            compulsory_allowed: Some(false),
            ..Scenario::default()
        },
        Scenario {
            name: "Go-live 2029".to_owned(),
            description: "Vesting day a year later".to_owned(),
            go_live: Some(date(2029, 4, 1)),
            consultation_start: Some(date(2028, 9, 1)),
            ..Scenario::default()
        },
    ];
    plan
}

/// Southampton's pay bands: 2% from £17,500 to £22,000, 4.5% to £35,000, 5% to £65,000, 5.5%
/// above, staff below £17,500 exempt, from go-live, for every function.
pub fn southampton_bands() -> PayChange {
    let band = |from: i64, cut: f64| PayBand {
        from: Money::pounds(from),
        cut,
    };
    PayChange {
        bands: vec![
            band(17_500, 0.02),
            band(22_000, 0.045),
            band(35_000, 0.05),
            band(65_000, 0.055),
        ],
        exempt_below: Money::pounds(17_500),
        start: None,
        functions: Vec::new(),
        dismissal_and_reengagement: false,
    }
}

/// Southampton's banded pay cut for the staff who stay (2% from £17,500 to £22,000, 4.5% to
/// £35,000, 5% to £65,000, 5.5% above, staff below £17,500 exempt), said to save 400 jobs,
/// applied to a synthetic establishment of one council's corporate services dated 2026/27 so
/// today's rates apply. The base keeps every post and cuts pay; one scenario cuts as many posts
/// as the pay cut is worth instead; another imposes the cut by dismissal and re-engagement.
pub fn southampton_pay() -> Plan {
    let spec = Spec {
        name: "Southampton: pay bands to save jobs".to_owned(),
        councils: vec![(
            "Southampton City Council".to_owned(),
            "Southampton".to_owned(),
            1.0,
        )],
        posts: 1800,
        seed: 2012,
        programme: Programme {
            consultation_start: date(2026, 6, 1),
            go_live: date(2026, 10, 1),
        },
    };
    let mut plan = generate(&spec);
    plan.description = "Southampton City Council cut pay by salary band to save jobs rather than \
        make redundancies: 2% from £17,500 to £22,000, 4.5% to £35,000, 5% to £65,000 and 5.5% \
        above, staff below £17,500 exempt. Here applied to a synthetic establishment of one \
        council's corporate services, dated 2026/27 so that today's rates apply. The base keeps \
        every post and cuts pay; 'Job cuts instead' deletes as many posts as the cut is worth."
        .to_owned();
    // Every role keeps its FTE today and pays its average salary today: only the pay change
    // moves the cost.
    for role in &mut plan.roles {
        role.target_fte = plan
            .posts
            .iter()
            .filter(|p| p.role == role.id)
            .map(|p| p.fte)
            .sum::<f64>();
        role.target_fte = (role.target_fte * 10.0).round() / 10.0;
        role.pay = TargetPay::HarmoniseAverage;
    }
    let change = southampton_bands();
    plan.assumptions.pay_change = Some(change.clone());
    plan.assumptions.compulsory_allowed = true;
    // The posts the pay cut is worth, cut instead.
    let o = crate::engine::evaluate_base(&plan);
    let worth = o.pay_change.map_or(0.0, |p| p.posts_saved);
    let fte = o.totals.flows.current();
    let scale = if fte > 0.0 { 1.0 - worth / fte } else { 1.0 };
    plan.scenarios = vec![
        Scenario {
            name: "Job cuts instead".to_owned(),
            description: format!("No pay cut: about {worth:.0} FTE of posts deleted instead"),
            target_scale: Some((scale * 1000.0).round() / 1000.0),
            pay_change: Some(None),
            ..Scenario::default()
        },
        Scenario {
            name: "Dismissal and re-engagement".to_owned(),
            description: "The pay cut imposed on new contracts".to_owned(),
            pay_change: Some(Some(PayChange {
                dismissal_and_reengagement: true,
                ..change
            })),
            ..Scenario::default()
        },
    ];
    plan
}
