//! The report as JSON: every headline figure, each council's years, the leavers and the equality impact, for tools.

use crate::engine::Outcome;
use crate::figures::words::selection_words;
use crate::model::{CostShare, Money, OneOffSplit, Plan, SplitMethod};
use serde_json::{Value, json};

pub(super) fn pounds(m: Money) -> Value {
    // Pence ÷ 100 prints as the shortest decimal that reads back the same: 1234.56.
    json!(m.pence() as f64 / 100.0)
}

pub(super) fn fte_json(x: f64) -> Value {
    json!((x * 10_000.0).round() / 10_000.0)
}

/// The waves the functions go live in: each one's go-live, consultation start and functions.
pub(super) fn waves_json(plan: &Plan, o: &Outcome) -> Value {
    json!(o.waves.iter().map(|w| json!({
            "go_live": w.go_live.to_string(),
            "consultation_start": w.consultation_start.to_string(),
            "functions": w.functions.iter().filter_map(|&f| plan.functions.get(f).map(|f| f.name.clone())).collect::<Vec<_>>(),
        })).collect::<Vec<_>>())
}

/// A council's part of the `k`th financial year as JSON.
pub(super) fn council_year_json(c: &crate::engine::CouncilOutcome, k: usize) -> Value {
    let part = c.years.get(k).copied().unwrap_or_default();
    json!({
        "council": c.name,
        "saving": pounds(part.saving),
        "one_off_cost": pounds(part.one_off_cost),
        "net": pounds(part.net()),
    })
}

/// The outcome as JSON, as a tree (for code that reads it back). [`json_report`] writes the
/// same document without building the leavers' rows as a tree first.
pub fn json(plan: &Plan, o: &Outcome) -> Value {
    let mut v = body(plan, o);
    if let Some(leavers) = v.get_mut(LEAVERS) {
        *leavers = Value::Array(
            o.people
                .iter()
                .filter_map(|p| serde_json::to_value(Leaver::of(plan, o, p)).ok())
                .collect(),
        );
    }
    v
}

/// The outcome as JSON to write out: the document [`json`] gives, with the leavers (a row a
/// person leaving or at risk: 40,000 of them at 50,000 posts) written straight from the outcome.
/// Building them as a tree first was a third of `report --format json`'s time.
pub fn json_report<'a>(plan: &'a Plan, o: &'a Outcome) -> impl serde::Serialize + 'a {
    Report {
        plan,
        o,
        sign_offs: &[],
    }
}

/// [`json_report`] with `sign_offs`, each sign-off in words (who signed which version, and
/// whether the plan has changed since), after the rest.
pub fn json_report_with<'a>(
    plan: &'a Plan,
    o: &'a Outcome,
    sign_offs: &'a [String],
) -> impl serde::Serialize + 'a {
    Report { plan, o, sign_offs }
}

/// The key of the leavers' rows.
const LEAVERS: &str = "leavers";

struct Report<'a> {
    plan: &'a Plan,
    o: &'a Outcome,
    sign_offs: &'a [String],
}

impl serde::Serialize for Report<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let body = body(self.plan, self.o);
        let Value::Object(fields) = body else {
            return body.serialize(s);
        };
        let signed = !self.sign_offs.is_empty();
        let mut map = s.serialize_map(Some(fields.len() + usize::from(signed)))?;
        for (key, value) in &fields {
            if key == LEAVERS {
                map.serialize_entry(key, &Leavers(self))?;
            } else {
                map.serialize_entry(key, value)?;
            }
        }
        if signed {
            map.serialize_entry("sign_offs", self.sign_offs)?;
        }
        map.end()
    }
}

/// The leavers' rows, written one by one.
struct Leavers<'r, 'a>(&'r Report<'a>);

impl serde::Serialize for Leavers<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Report { plan, o, .. } = *self.0;
        s.collect_seq(o.people.iter().map(|p| Leaver::of(plan, o, p)))
    }
}

/// Everything but the leavers' rows, whose place holds `null`.
fn body(plan: &Plan, o: &Outcome) -> Value {
    let t = &o.totals;
    let f = &t.flows;
    json!({
        "plan": plan.name,
        "scenario": o.scenario,
        "consultation_start": o.consultation_start.to_string(),
        "go_live": o.go_live.to_string(),
        "waves": waves_json(plan, o),
        "equality": equality_json(plan, o),
        "totals": {
            "current_fte": fte_json(f.current()),
            "target_fte": fte_json(t.target_fte),
            "vacancies_deleted_fte": fte_json(f.vacancies_deleted),
            "vr_fte": fte_json(f.voluntary),
            "redeployed_fte": fte_json(f.redeployed_out),
            "compulsory_fte": fte_json(f.compulsory),
            "new_posts_fte": fte_json(t.new_posts),
            "over_target_fte": fte_json(f.over_target),
            "fte_reached": fte_json(t.fte_reached()),
            "baseline_cost": pounds(t.baseline_cost),
            "target_cost": pounds(t.target_cost),
            "recurring_saving": pounds(t.recurring_saving),
            "one_off_cost": pounds(t.one_off_cost),
            "payback_years": t.payback_years.map(|y| (y * 100.0).round() / 100.0),
            "payback_year": t.payback_year.map(|y| y.to_string()),
            "double_running_cost": pounds(t.double_running_cost),
            "pay_change": o.pay_change.map(|p| json!({
                "saving": pounds(p.saving),
                "people": p.people,
                "posts_saved": (p.posts_saved * 10.0).round() / 10.0,
                "dismissal_and_reengagement": p.dismissal_and_reengagement,
            })),
        },
        "split": {
            "method": match o.assumptions.split_method {
                SplitMethod::ServiceCost => "service_cost",
                SplitMethod::CostsAndSavings => "costs_and_savings",
            },
            "ratio": match o.assumptions.cost_share {
                CostShare::Equal => "equal",
                CostShare::BaselineCost => "cost_today",
                CostShare::Fte => "fte_today",
                CostShare::Weights => "weights",
            },
            "one_off": match o.assumptions.one_off_split {
                OneOffSplit::SameRatio => "same_ratio",
                OneOffSplit::EmployingCouncil => "employing_council",
            },
            "description": o.assumptions.split_sentence(),
        },
        "one_off": {
            "redundancy_pay": pounds(o.one_off.redundancy_pay),
            "statutory_redundancy_pay": pounds(o.one_off.statutory_redundancy_pay),
            "pension_strain": pounds(o.one_off.pension_strain),
            "pension_strain_indicative": pounds(o.one_off.pension_strain_estimated),
            "class1a_ni": pounds(o.one_off.class1a_ni),
            "pay_protection": pounds(o.one_off.pay_protection),
            "pay_protection_on_costs": o.assumptions.pay_protection_on_costs,
            "implementation": pounds(o.one_off.implementation),
        },
        "waterfall": {
            "baseline": pounds(o.waterfall.baseline),
            "vacancies_deleted": pounds(o.waterfall.vacancies_deleted),
            "voluntary": pounds(o.waterfall.voluntary),
            "compulsory": pounds(o.waterfall.compulsory),
            "redeployed": pounds(o.waterfall.redeployed),
            "new_posts": pounds(o.waterfall.new_posts),
            "pay_harmonisation": pounds(o.waterfall.pay_harmonisation),
            "lines": pounds(o.waterfall.lines),
            "target": pounds(o.waterfall.target),
        },
        "by_council": o.councils.iter().map(|c| json!({
            "council": c.name,
            "short_name": c.short_name,
            "current_fte": fte_json(c.flows.current()),
            "share": (c.share_ratio * 1e6).round() / 1e6,
            "baseline_cost": pounds(c.baseline_cost),
            "salary_cost": pounds(c.salary_cost),
            "cost_share": pounds(c.cost_share),
            "recurring_saving": pounds(c.recurring_saving),
            "one_off_cost": pounds(c.one_off_cost),
            "proposed_redundancies": c.proposed_redundancies,
            "counted_for_consultation": c.timetable.counted,
            "consultation_days": c.timetable.consultation_days,
            "hr1_by": c.timetable.hr1_by.to_string(),
            "notices_from": c.timetable.notices_from.to_string(),
            "last_exit": c.timetable.last_exit.map(|d| d.to_string()),
            "latest_consultation_start": c.timetable.latest_consultation_start.map(|d| d.to_string()),
            "meets_go_live": c.timetable.meets_go_live,
            "double_running_cost": pounds(c.double_running_cost),
            "waves": council_waves_json(&c.waves),
        })).collect::<Vec<_>>(),
        "by_role": o.roles.iter().map(|r| json!({
            "role": r.title,
            "id": r.id,
            "function": o.functions.get(r.function).map(|f| f.name.clone()),
            "current_fte": fte_json(r.flows.current()),
            "target_fte": fte_json(r.target_fte),
            "overlap_fte": fte_json(r.overlap),
            "vacancies_deleted_fte": fte_json(r.flows.vacancies_deleted),
            "vr_fte": fte_json(r.flows.voluntary),
            "redeployed_fte": fte_json(r.flows.redeployed_out),
            "compulsory_fte": fte_json(r.flows.compulsory),
            "new_posts_fte": fte_json(r.new_posts),
            "target_salary": pounds(r.target_salary),
            "baseline_cost": pounds(r.baseline_cost),
            "target_cost": pounds(r.target_cost),
            "recurring_saving": pounds(r.baseline_cost - r.target_cost),
        })).collect::<Vec<_>>(),
        "by_function": o.functions.iter().map(|x| json!({
            "function": x.name,
            "current_fte": fte_json(x.flows.current()),
            "target_fte": fte_json(x.target_fte),
            "overlap_fte": fte_json(x.overlap),
            "vacancies_deleted_fte": fte_json(x.flows.vacancies_deleted),
            "vr_fte": fte_json(x.flows.voluntary),
            "redeployed_fte": fte_json(x.flows.redeployed_out),
            "compulsory_fte": fte_json(x.flows.compulsory),
            "new_posts_fte": fte_json(x.new_posts),
            "baseline_cost": pounds(x.baseline_cost),
            "target_cost": pounds(x.target_cost),
            "recurring_saving": pounds(x.recurring_saving),
        })).collect::<Vec<_>>(),
        "by_financial_year": o.years.iter().enumerate().map(|(k, y)| json!({
            "year": y.year.to_string(),
            "saving": pounds(y.saving),
            "one_off_cost": pounds(y.one_off_cost),
            "net": pounds(y.net),
            "cumulative_net": pounds(y.cumulative_net),
            "by_council": o.councils.iter().map(|c| council_year_json(c, k)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        LEAVERS: Value::Null,
        "flags": o.flags.iter().map(|f| json!({"kind": f.kind, "message": f.message})).collect::<Vec<_>>(),
    })
}

/// One row for each person who leaves or is at risk: money as the totals count it (expected
/// shares for compulsory redundancy and redeployment), so each column adds up to its total.
/// The fields are in the order of their names, as the rest of the document's keys are.
#[derive(serde::Serialize)]
struct Leaver<'a> {
    class1a_ni: f64,
    council: Option<&'a str>,
    exit_date: String,
    fte: f64,
    kind: &'static str,
    notice_weeks: u32,
    pay_protection: f64,
    pension_strain: f64,
    post_id: &'a str,
    redeployed_fte: f64,
    redundancy_pay: f64,
    role: Option<&'a str>,
    statutory_pay: f64,
    statutory_weeks: f64,
    strain_estimated: bool,
    total: f64,
    weekly_cap: f64,
    weekly_pay: f64,
}

impl<'a> Leaver<'a> {
    fn of(plan: &'a Plan, o: &'a Outcome, p: &crate::engine::PersonOutcome) -> Self {
        let post = &plan.posts[p.post];
        let fte = post.fte;
        let counted = p.counted();
        let x = &p.exit;
        let in_pounds = |m: Money| m.pence() as f64 / 100.0;
        Self {
            class1a_ni: in_pounds(counted.class1a_ni),
            council: o.councils.get(p.council).map(|c| c.name.as_str()),
            exit_date: p.exit_date.to_string(),
            fte: (fte * p.shown_share() * 1e4).round() / 1e4,
            kind: p.kind(),
            notice_weeks: p.notice_weeks,
            pay_protection: in_pounds(counted.pay_protection),
            pension_strain: in_pounds(counted.pension_strain),
            post_id: &post.id,
            redeployed_fte: (fte * p.redeployed * 1e4).round() / 1e4,
            redundancy_pay: in_pounds(counted.redundancy_pay),
            role: o.roles.get(p.role).map(|r| r.title.as_str()),
            statutory_pay: in_pounds(counted.statutory_pay),
            statutory_weeks: x.statutory_weeks,
            strain_estimated: x.strain_estimated,
            total: in_pounds(counted.total()),
            weekly_cap: in_pounds(x.weekly_cap),
            weekly_pay: in_pounds(x.weekly_pay),
        }
    }
}

/// The equality impact as JSON: for age and each characteristic recorded, each group's
/// workforce, people at risk and expected to leave, the rate of selection and the four-fifths
/// rule's finding, in total and per pool ("fewer than 5" wherever a group is smaller).
pub fn equality_json(plan: &Plan, o: &Outcome) -> Value {
    let e = crate::engine::equality::of_outcome(plan, o);
    let count = |x: Option<f64>| {
        x.map_or_else(
            || json!("fewer than 5"),
            |x| json!((x * 10.0).round() / 10.0),
        )
    };
    let rows = |b: &crate::engine::equality::Breakdown, p: &crate::engine::equality::Profile| {
        b.shown(p)
            .iter()
            .filter(|r| !r.everyone)
            .map(|r| {
                json!({
                    "group": r.group,
                    "workforce": count(r.workforce),
                    "at_risk": count(r.at_risk),
                    "leaving": count(r.leaving),
                    "share_of_workforce": r.shares[0].map(|x| (x * 1000.0).round() / 1000.0),
                    "share_of_at_risk": r.shares[1].map(|x| (x * 1000.0).round() / 1000.0),
                    "share_of_leaving": r.shares[2].map(|x| (x * 1000.0).round() / 1000.0),
                    "rate": r.rate.map(|x| (x * 1000.0).round() / 1000.0),
                    "finding": selection_words(r.selection),
                })
            })
            .collect::<Vec<_>>()
    };
    let mut out = serde_json::Map::new();
    out.insert(
        "rule".to_owned(),
        json!("four-fifths: a group selected at under 4/5 or over 5/4 of the workforce's rate is flagged"),
    );
    if let Some(age) = e.age() {
        out.insert(
            "workforce_rate".to_owned(),
            json!((age.total.total().rate() * 1000.0).round() / 1000.0),
        );
    }
    for b in &e.breakdowns {
        out.insert(b.characteristic.key().to_owned(), json!(rows(b, &b.total)));
    }
    // Each pool with someone at risk, by characteristic.
    let pools: Vec<Value> = o
        .roles
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            e.age()
                .and_then(|a| a.pools.get(*i))
                .is_some_and(|p| p.total().at_risk > 0.0)
        })
        .map(|(i, r)| {
            let mut pool = serde_json::Map::new();
            pool.insert("pool".to_owned(), json!(r.title));
            for b in &e.breakdowns {
                if let Some(p) = b.pools.get(i) {
                    pool.insert(b.characteristic.key().to_owned(), json!(rows(b, p)));
                }
            }
            Value::Object(pool)
        })
        .collect();
    out.insert("pools".to_owned(), json!(pools));
    Value::Object(out)
}

/// A council's waves, each with its timetable.
fn council_waves_json(waves: &[crate::engine::Timetable]) -> Vec<serde_json::Value> {
    waves
        .iter()
        .map(|t| {
            json!({
                "wave": t.wave.map(|w| w + 1),
                "go_live": t.go_live.to_string(),
                "proposed_redundancies": t.proposed,
                "counted_for_consultation": t.counted,
                "consultation_start": t.consultation_start.to_string(),
                "consultation_days": t.consultation_days,
                "notices_from": t.notices_from.to_string(),
                "last_exit": t.last_exit.map(|d| d.to_string()),
                "latest_consultation_start": t.latest_consultation_start.map(|d| d.to_string()),
                "meets_go_live": t.meets_go_live,
            })
        })
        .collect()
}
