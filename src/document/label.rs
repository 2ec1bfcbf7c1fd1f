//! Undo labels that name the item and its old and new value ("Finance officer target 12.0 →
//! 10.0 FTE"), worked out from the patches an edit made: the item before (in the undo patch) and
//! after (in the plan). Only small edits are described (one post, one council, function, role
//! or scenario, the settings); an edit that changes more than one field keeps the label its
//! builder gave ("add role", "import establishment").

use serde::Serialize;
use serde_json::Value;

use super::diff::{Change, ChangeKind, What, field_changes};
use super::edit::{Patch, Settings};
use crate::model::{Money, Plan};

/// One field of one item, before and after, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described {
    /// The item and field: "Finance officer target", "VR only: Finance officer target".
    pub what: String,
    /// The old value ("12.0").
    pub old: String,
    /// The new value ("10.0").
    pub new: String,
    /// The unit after the new value (" FTE"), or empty.
    pub unit: &'static str,
}

impl Described {
    /// "Finance officer target 12.0 → 10.0 FTE".
    pub fn label(&self) -> String {
        format!("{} {} → {}{}", self.what, self.old, self.new, self.unit)
    }
}

/// The one field an edit changed, in words; `None` when it changed none or several, or a run of
/// posts too long to be worth describing (an import).
pub fn describe(undo: &[Patch], plan: &Plan) -> Option<Described> {
    let mut found: Option<Described> = None;
    for patch in undo {
        for described in patch_changes(patch, plan)? {
            if found.is_some() {
                return None;
            }
            found = Some(described);
        }
    }
    found
}

/// The fields a patch changed (old in the patch, new in the plan), or `None` when the patch is
/// not one to describe.
fn patch_changes(patch: &Patch, plan: &Plan) -> Option<Vec<Described>> {
    match patch {
        Patch::Posts { at, remove, insert } => {
            if *remove != 1 || insert.len() != 1 {
                return None;
            }
            let new = plan.posts.get(*at)?;
            let name = format!("Post {}", new.id);
            Some(item(plan, What::Post, &name, &insert[0], new))
        }
        Patch::Parents { .. } => Some(Vec::new()),
        Patch::Roles(old) => list(plan, What::Role, old, &plan.roles, |r| r.title.clone()),
        Patch::Councils(old) => list(plan, What::Council, old, &plan.councils, |c| {
            c.short_name.clone()
        }),
        Patch::Functions(old) => list(plan, What::Function, old, &plan.functions, |f| {
            f.name.clone()
        }),
        Patch::Settings(old) => {
            let new = Settings::of(plan);
            let mut out = Vec::new();
            if old.scenarios != new.scenarios {
                if old.scenarios.len() != new.scenarios.len() {
                    return None;
                }
                for (a, b) in old.scenarios.iter().zip(&new.scenarios) {
                    if a != b {
                        out.extend(item(plan, What::Scenario, &b.name, a, b));
                    }
                }
            }
            let rest = |s: &Settings| {
                let mut v = serde_json::json!({
                    "name": s.name,
                    "description": s.description,
                    "programme": s.programme,
                    "assumptions": s.assumptions,
                    "parameters": s.parameters,
                    "slides": s.slides,
                    "protective_marking": s.protective_marking,
                });
                if let Value::Object(map) = &mut v {
                    // The assumptions' fields read as the plan's own ("Redeployment rate").
                    if let Some(Value::Object(a)) = map.remove("assumptions") {
                        map.extend(a);
                    }
                    if let Some(Value::Object(p)) = map.remove("programme") {
                        map.extend(p);
                    }
                }
                v
            };
            let changes = field_changes(What::Setting, &rest(old), &rest(&new));
            out.extend(
                changes
                    .iter()
                    .map(|c| field_words_of(plan, What::Setting, "", c)),
            );
            Some(out)
        }
    }
}

/// A list replaced: the one item that differs, by position (a list that grew or shrank is an
/// addition or removal, left to its builder's label).
fn list<T: PartialEq + Serialize>(
    plan: &Plan,
    what: What,
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> String,
) -> Option<Vec<Described>> {
    if old.len() != new.len() {
        return None;
    }
    let mut out = Vec::new();
    for (a, b) in old.iter().zip(new) {
        if a != b {
            out.extend(item(plan, what, &name(b), a, b));
        }
    }
    Some(out)
}

/// The fields of one item that differ.
fn item<T: Serialize>(plan: &Plan, what: What, name: &str, old: &T, new: &T) -> Vec<Described> {
    let json = |v: &T| serde_json::to_value(v).unwrap_or(Value::Null);
    field_changes(what, &json(old), &json(new))
        .iter()
        .map(|c| field_words_of(plan, what, name, c))
        .collect()
}

/// How a field's values read.
#[derive(Clone, Copy)]
enum Form {
    /// As stored.
    Text,
    /// One decimal place.
    Fte,
    /// Pence as pounds.
    Money,
    /// A fraction as a percentage.
    Percent,
    /// A multiplier ("× 0.9").
    Times,
    /// true/false as on/off.
    Switch,
    /// A role's pay: a salary or a harmonisation rule.
    Pay,
}

/// A change in words, naming things as the user does.
pub fn words(plan: &Plan, c: &Change) -> String {
    let id = c.id.as_str();
    // The item's own name where the open plan has it (a removed item has only its id).
    let name = match c.what {
        What::Council => plan.council(id).map_or(id, |x| x.short_name.as_str()),
        What::Function => plan.function(id).map_or(id, |x| x.name.as_str()),
        What::Role => plan.role(id).map_or(id, |x| x.title.as_str()),
        What::Post | What::Scenario | What::Comment | What::SignOff => id,
        What::Setting | What::Parameter => "",
    };
    match c.kind {
        ChangeKind::Added => format!("Added {} {name}", c.what.word()),
        ChangeKind::Removed => format!("Removed {} {id}", c.what.word()),
        ChangeKind::Changed => {
            let item = if c.what == What::Post {
                format!("Post {id}")
            } else {
                name.to_owned()
            };
            change_words(plan, c, &item).label()
        }
    }
}

/// A changed field in words, for What changed: the item's name, the field as a person says it,
/// the values formatted.
pub fn change_words(plan: &Plan, change: &Change, name: &str) -> Described {
    field_words_of(plan, change.what, name, change)
}

/// A change in words: the item's name, the field as a person says it, the values formatted.
fn field_words_of(plan: &Plan, what: What, name: &str, change: &Change) -> Described {
    let path: Vec<&str> = change.field.split('.').collect();
    let last = path.last().copied().unwrap_or_default();
    // Money is stored in pence: `salary_pence` is the salary.
    let (last, money) = last
        .strip_suffix("_pence")
        .map_or((last, false), |field| (field, true));
    // A scenario's per-role target is named by the role's title.
    let role = |id: &str| {
        plan.role(id)
            .map_or_else(|| id.to_owned(), |r| r.title.clone())
    };
    let (field, form, unit) = if path.first() == Some(&"target_overrides") && path.len() == 2 {
        (format!("{} target", role(last)), Form::Fte, " FTE")
    } else if path.first() == Some(&"target_pay") && path.len() == 2 {
        (format!("{} pay", role(last)), Form::Pay, "")
    } else if path.first() == Some(&"function_scales") && path.len() == 2 {
        let function = plan
            .function(last)
            .map_or_else(|| last.to_owned(), |f| f.name.clone());
        (format!("{function} scale"), Form::Times, "")
    } else if path.first() == Some(&"function_go_live") && path.len() == 2 {
        let function = plan
            .function(last)
            .map_or_else(|| last.to_owned(), |f| f.name.clone());
        (format!("{function} go-live"), Form::Text, "")
    } else if path.first() == Some(&"target_pay") && path.len() == 3 && last == "Salary" {
        // A scenario's set salary for a role, changed: `target_pay.ROLE.Salary`.
        (format!("{} salary", role(path[1])), Form::Money, "")
    } else if path == ["pay", "Salary"] {
        // A role's set salary, changed.
        ("salary".to_owned(), Form::Money, "")
    } else if path == ["pay"] {
        ("pay".to_owned(), Form::Pay, "")
    } else {
        let (field, form, unit) = field_words(last);
        let form = if money { Form::Money } else { form };
        let parents: Vec<String> = path[..path.len().saturating_sub(1)]
            .iter()
            // Positions in a list, and the plan's groups of settings, are not said.
            .filter(|p| p.parse::<usize>().is_err() && !matches!(**p, "assumptions" | "programme"))
            .map(|p| p.replace('_', " "))
            .collect();
        let field = if parents.is_empty() {
            field
        } else {
            format!("{} {field}", parents.join(" "))
        };
        (field, form, unit)
    };
    let what_words = match what {
        What::Scenario => format!("{name}: {field}"),
        What::Setting | What::Parameter => field,
        _ if name.is_empty() => field,
        _ => format!("{name} {field}"),
    };
    // A scenario that sets nothing keeps the plan's value.
    let value = |text: &str| {
        if what == What::Scenario && text == "none" {
            "as the plan".to_owned()
        } else if what == What::Function && last == "go_live" && text == "none" {
            // A function without its own go-live goes live with the programme.
            "with the programme".to_owned()
        } else {
            format_value(text, form)
        }
    };
    Described {
        what: capitalise(&what_words),
        old: value(&change.old),
        new: value(&change.new),
        unit,
    }
}

/// A field's name as a person says it, how its values read, and their unit.
fn field_words(field: &str) -> (String, Form, &'static str) {
    let (words, form, unit) = match field {
        "fte" => ("FTE", Form::Fte, ""),
        "target_fte" => ("target", Form::Fte, " FTE"),
        "salary" | "amount" | "Set" => ("salary", Form::Money, ""),
        "target_scale" => ("target scale", Form::Times, ""),
        "lgps_employer_rate" => ("LGPS employer rate", Form::Percent, ""),
        "min_service_for_vr_years" => ("minimum service for VR", Form::Text, " years"),
        "pay_protection_years" => ("pay protection", Form::Text, " years"),
        "pay_protection_on_costs" => ("pay protection's on-costs", Form::Switch, ""),
        "compulsory_allowed" => ("compulsory redundancies allowed", Form::Switch, ""),
        "go_live" => ("go-live", Form::Text, ""),
        "consultation_start" => ("consultation start", Form::Text, ""),
        "notice_weeks" => ("notice", Form::Text, " weeks"),
        "vr_interest" => ("VR interest", Form::Switch, ""),
        "vr_take_up" => ("VR take-up", Form::Percent, ""),
        "bumping" => ("bumped redundancy", Form::Switch, ""),
        "lgps_member" => ("LGPS member", Form::Switch, ""),
        f if f.ends_with("_rate") || f.ends_with("_tolerance") => ("", Form::Percent, ""),
        _ => ("", Form::Text, ""),
    };
    let words = if words.is_empty() {
        field.replace('_', " ")
    } else {
        words.to_owned()
    };
    (words, form, unit)
}

fn format_value(text: &str, form: Form) -> String {
    let number = text.parse::<f64>().ok();
    match (form, number) {
        (Form::Fte, Some(v)) => crate::format::fte(v),
        (Form::Money, Some(v)) => Money(v as i64).full(),
        (Form::Percent, Some(v)) => format!("{:.1}%", v * 100.0),
        (Form::Times, Some(v)) => format!("× {v}"),
        (Form::Switch, _) if text == "true" => "on".to_owned(),
        (Form::Switch, _) if text == "false" => "off".to_owned(),
        (Form::Pay, _) => pay_text(text),
        _ if text.is_empty() => "(blank)".to_owned(),
        _ => text.to_owned(),
    }
}

/// A role's pay as stored (`{"Salary":2800000}`, `HarmoniseHighest`) in words.
fn pay_text(text: &str) -> String {
    match text {
        "HarmoniseHighest" => "highest today".to_owned(),
        "HarmoniseAverage" => "average today".to_owned(),
        "HarmoniseLowest" => "lowest today".to_owned(),
        "none" => "as the plan".to_owned(),
        _ => serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|v| v.get("Salary").and_then(Value::as_i64))
            .map_or_else(|| text.to_owned(), |p| Money(p).full()),
    }
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}
