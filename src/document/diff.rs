//! What changed between two versions of a plan: posts, roles, councils and functions matched by
//! id and compared field by field, scenarios by name, and the plan's settings and statutory
//! parameters field by field. Pure: the command line's `diff` and the app read the same list.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::model::Plan;

/// Added, removed or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// In the new plan only.
    Added,
    /// In the old plan only.
    Removed,
    /// In both, with a field that differs.
    Changed,
}

/// What a change is to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// A council.
    Council,
    /// A function.
    Function,
    /// A role of the target structure.
    Role,
    /// A post of the establishment.
    Post,
    /// A scenario.
    Scenario,
    /// A setting of the plan (name, programme dates, assumptions, slides).
    Setting,
    /// A statutory parameter.
    Parameter,
    /// A comment and its thread.
    Comment,
    /// A sign-off.
    SignOff,
}

impl What {
    /// The word for it.
    pub fn word(self) -> &'static str {
        match self {
            Self::Council => "council",
            Self::Function => "function",
            Self::Role => "role",
            Self::Post => "post",
            Self::Scenario => "scenario",
            Self::Setting => "setting",
            Self::Parameter => "parameter",
            Self::Comment => "comment",
            Self::SignOff => "sign-off",
        }
    }
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// What it is to.
    pub what: What,
    /// The item's id (a scenario's name; empty for settings and parameters).
    pub id: String,
    /// The field that changed, as the plan file names it (`salary_pence`, `holder.notice_weeks`);
    /// empty for an item added or removed.
    pub field: String,
    /// The old value as text (empty when added).
    pub old: String,
    /// The new value as text (empty when removed).
    pub new: String,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = if self.id.is_empty() {
            String::new()
        } else {
            format!(" {}", self.id)
        };
        match self.kind {
            ChangeKind::Added => write!(f, "added {}{name}", self.what.word()),
            ChangeKind::Removed => write!(f, "removed {}{name}", self.what.word()),
            ChangeKind::Changed => write!(
                f,
                "changed {}{name} {}: {} → {}",
                self.what.word(),
                self.field,
                self.old,
                self.new
            ),
        }
    }
}

/// Every change from `old` to `new`, grouped by what they are to (councils, functions, roles,
/// posts, scenarios, settings, parameters), items in the new plan's order then those removed,
/// fields in the file's order.
pub fn diff(old: &Plan, new: &Plan) -> Vec<Change> {
    let mut changes = Vec::new();
    items(
        &mut changes,
        What::Council,
        old.councils.iter().map(|c| (c.id.clone(), json(c))),
        new.councils.iter().map(|c| (c.id.clone(), json(c))),
    );
    items(
        &mut changes,
        What::Function,
        old.functions.iter().map(|x| (x.id.clone(), json(x))),
        new.functions.iter().map(|x| (x.id.clone(), json(x))),
    );
    items(
        &mut changes,
        What::Role,
        old.roles.iter().map(|r| (r.id.clone(), json(r))),
        new.roles.iter().map(|r| (r.id.clone(), json(r))),
    );
    items(
        &mut changes,
        What::Post,
        old.posts.iter().map(|p| (p.id.clone(), json(p))),
        new.posts.iter().map(|p| (p.id.clone(), json(p))),
    );
    items(
        &mut changes,
        What::Scenario,
        old.scenarios.iter().map(|s| (s.name.clone(), json(s))),
        new.scenarios.iter().map(|s| (s.name.clone(), json(s))),
    );
    let settings = |plan: &Plan| {
        let mut value = json(plan);
        if let Value::Object(map) = &mut value {
            for key in [
                "format_version",
                "councils",
                "functions",
                "roles",
                "posts",
                "scenarios",
                "parameters",
                "comments",
                "sign_offs",
                "lineage",
            ] {
                map.remove(key);
            }
        }
        value
    };
    fields(
        &mut changes,
        What::Setting,
        "",
        &settings(old),
        &settings(new),
    );
    fields(
        &mut changes,
        What::Parameter,
        "",
        &json(&old.parameters),
        &json(&new.parameters),
    );
    items(
        &mut changes,
        What::Comment,
        old.comments.iter().map(|c| (c.id.clone(), json(c))),
        new.comments.iter().map(|c| (c.id.clone(), json(c))),
    );
    // A sign-off is who signed which version; what it keeps of the version signed is not
    // compared.
    let signed = |s: &crate::model::SignOff| {
        let mut s = s.clone();
        s.signed = crate::model::Signed::default();
        (sign_off_key(&s), json(&s))
    };
    items(
        &mut changes,
        What::SignOff,
        old.sign_offs.iter().map(signed),
        new.sign_offs.iter().map(signed),
    );
    changes
}

/// A sign-off's key: who signed which version on which day.
pub fn sign_off_key(s: &crate::model::SignOff) -> String {
    format!(
        "{} ({}) {} {}",
        s.name,
        s.role,
        s.date,
        crate::persist::version::short(&s.content)
    )
}

/// Any part of a plan as JSON, for comparing field by field.
pub(super) fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Items matched by id: added, removed, or compared field by field.
fn items(
    changes: &mut Vec<Change>,
    what: What,
    old: impl Iterator<Item = (String, Value)>,
    new: impl Iterator<Item = (String, Value)>,
) {
    let mut old: BTreeMap<String, Value> = old.collect();
    for (id, value) in new {
        match old.remove(&id) {
            Some(before) => {
                let mut found = Vec::new();
                fields(&mut found, what, "", &before, &value);
                for mut change in found {
                    change.id.clone_from(&id);
                    changes.push(change);
                }
            }
            None => changes.push(Change {
                kind: ChangeKind::Added,
                what,
                id,
                field: String::new(),
                old: String::new(),
                new: String::new(),
            }),
        }
    }
    for id in old.into_keys() {
        changes.push(Change {
            kind: ChangeKind::Removed,
            what,
            id,
            field: String::new(),
            old: String::new(),
            new: String::new(),
        });
    }
}

/// The fields that differ between two values of one item, by dotted path.
pub fn field_changes(what: What, old: &Value, new: &Value) -> Vec<Change> {
    let mut changes = Vec::new();
    fields(&mut changes, what, "", old, new);
    changes
}

/// The fields that differ between two values, by dotted path (`holder.notice_weeks`,
/// `weekly_caps.3.value`).
fn fields(changes: &mut Vec<Change>, what: What, path: &str, old: &Value, new: &Value) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in b {
                match a.get(key) {
                    Some(before) => fields(changes, what, &join(key), before, value),
                    None => push(changes, what, join(key), &Value::Null, value),
                }
            }
            for (key, value) in a {
                if !b.contains_key(key) {
                    push(changes, what, join(key), value, &Value::Null);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (before, after)) in a.iter().zip(b).enumerate() {
                fields(changes, what, &join(&i.to_string()), before, after);
            }
        }
        _ if old != new => push(changes, what, path.to_owned(), old, new),
        _ => {}
    }
}

fn push(changes: &mut Vec<Change>, what: What, field: String, old: &Value, new: &Value) {
    changes.push(Change {
        kind: ChangeKind::Changed,
        what,
        id: String::new(),
        field,
        old: text(old),
        new: text(new),
    });
}

/// A value as text: strings without quotes, nothing as "none", the rest as JSON.
pub(super) fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "none".to_owned(),
        other => other.to_string(),
    }
}

/// The changes counted by what they are to and their kind: ("post", added, changed, removed).
pub fn counts(changes: &[Change]) -> Vec<(What, [usize; 3])> {
    let mut counts: BTreeMap<What, [usize; 3]> = BTreeMap::new();
    // A changed item is counted once however many of its fields changed (settings and
    // parameters, which have no id, once a field).
    let mut changed: std::collections::HashSet<(What, &str)> = std::collections::HashSet::new();
    for c in changes {
        let slot = counts.entry(c.what).or_default();
        match c.kind {
            ChangeKind::Added => slot[0] += 1,
            ChangeKind::Changed if c.id.is_empty() || changed.insert((c.what, c.id.as_str())) => {
                slot[1] += 1;
            }
            ChangeKind::Changed => {}
            ChangeKind::Removed => slot[2] += 1,
        }
    }
    counts.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Money;

    #[test]
    fn a_changed_post_counts_once_and_reads_in_words() {
        let old = crate::example::bournemouth_poole();
        let mut new = old.clone();
        new.posts[0].fte = 0.5;
        new.posts[0].salary += Money::pounds(1);
        if let Some(holder) = new.posts[0].holder.as_mut() {
            holder.notice_weeks = 13;
        }
        new.posts.remove(1);
        new.name = "Renamed".to_owned();
        let changes = diff(&old, &new);
        let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
        assert!(
            lines.contains(&"changed post BOU-00001 fte: 1.0 → 0.5".to_owned()),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"changed post BOU-00001 holder.notice_weeks: 12 → 13".to_owned()),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"removed post BOU-00002".to_owned()),
            "{lines:?}"
        );
        assert!(
            lines.contains(
                &"changed setting name: Bournemouth and Poole corporate services → Renamed"
                    .to_owned()
            ),
            "{lines:?}"
        );
        assert_eq!(
            counts(&changes),
            [(What::Post, [0, 1, 1]), (What::Setting, [0, 1, 0])]
        );
    }
}
