//! Sign-offs kept true across saves: the version each sign-off signed, rebuilt from the file and
//! kept while the plan is edited, written back into the file as what has changed since; and the
//! plan as it is written, its lineage moved on (docs/collaboration.md).

use std::collections::HashMap;

use super::diff::{Change, What, diff};
use crate::model::{Plan, SignOff, signed_difference, signed_version};
use crate::persist::version;

/// The versions the plan's sign-offs signed, by content hash.
#[derive(Clone, Debug, Default)]
pub struct Signatures {
    by_content: HashMap<String, Plan>,
}

impl Signatures {
    /// The versions `plan`'s sign-offs signed, rebuilt from how the file says each differs from
    /// it.
    pub fn of(plan: &Plan) -> Self {
        let mut by_content = HashMap::new();
        for sign_off in &plan.sign_offs {
            by_content
                .entry(sign_off.content.clone())
                .or_insert_with(|| signed_version(plan, &sign_off.signed));
        }
        Self { by_content }
    }

    /// Keeps `plan` as the version signed with content hash `content`.
    pub fn keep(&mut self, content: String, plan: Plan) {
        self.by_content.entry(content).or_insert(plan);
    }

    /// Both sets (a merge's sign-offs come from either copy).
    pub fn join(&mut self, other: &Self) {
        for (content, plan) in &other.by_content {
            self.keep(content.clone(), plan.clone());
        }
    }

    /// The version signed with content hash `content`.
    pub fn version(&self, content: &str) -> Option<&Plan> {
        self.by_content.get(content)
    }
}

/// The plan as it is to be written: each sign-off's signed version kept as what has changed
/// since, and, when `advance`, its lineage moved on to the version it now is (a save; not a
/// copy for recovery).
pub fn for_saving(plan: &Plan, signatures: &Signatures, advance: bool) -> Plan {
    let mut out = plan.clone();
    for sign_off in &mut out.sign_offs {
        if let Some(signed) = signatures.version(&sign_off.content) {
            sign_off.signed = signed_difference(signed, plan);
        }
    }
    if advance {
        version::stamp(&mut out);
    }
    out
}

/// How the plan stands against a sign-off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The plan says what was signed (its content hash is the one signed).
    Unchanged,
    /// The plan has changed since: what changed, as What changed lists it (comments and
    /// sign-offs aside).
    Changed(Vec<Change>),
    /// The signed version could not be rebuilt (the file was edited by hand): only the hash
    /// says it differs.
    Unknown,
}

/// How `plan` stands against `sign_off`.
pub fn standing(plan: &Plan, signatures: &Signatures, sign_off: &SignOff) -> Standing {
    let Some(signed) = signatures.version(&sign_off.content) else {
        return Standing::Unknown;
    };
    let changes: Vec<Change> = diff(signed, plan)
        .into_iter()
        .filter(|c| !matches!(c.what, What::Comment | What::SignOff))
        .collect();
    if changes.is_empty() {
        // The same content; a hash that differs means only that the file's format moved on.
        Standing::Unchanged
    } else {
        Standing::Changed(changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Money;

    #[test]
    fn a_sign_off_survives_edits_and_saves_and_says_what_changed_since() {
        let mut plan = crate::example::bournemouth_poole();
        let content = version::content_hash(&plan);
        plan.sign_offs.push(SignOff {
            name: "Jane Smith".into(),
            role: "s151 officer, Poole".into(),
            date: jiff::civil::date(2026, 12, 7),
            note: String::new(),
            content: content.clone(),
            signed: crate::model::Signed::default(),
        });
        let mut signatures = Signatures::default();
        signatures.keep(content.clone(), plan.clone());
        assert_eq!(
            standing(&plan, &signatures, &plan.sign_offs[0]),
            Standing::Unchanged
        );
        plan.posts[2].salary = Money::pounds(40_000);
        plan.posts.remove(5);
        plan.roles[0].target_fte += 1.0;
        plan.name = "Renamed".into();
        let saved = for_saving(&plan, &signatures, true);
        let text = crate::persist::to_text(&saved).unwrap();
        let reopened = crate::persist::parse(&text).unwrap();
        let rebuilt = Signatures::of(&reopened);
        let signed = rebuilt.version(&content).unwrap();
        assert_eq!(version::content_hash(signed), content, "rebuilt exactly");
        let Standing::Changed(changes) = standing(&reopened, &rebuilt, &reopened.sign_offs[0])
        else {
            panic!("the plan changed");
        };
        assert_eq!(
            super::super::diff::counts(&changes),
            [
                (What::Role, [0, 1, 0]),
                (What::Post, [0, 1, 1]),
                (What::Setting, [0, 1, 0])
            ]
        );
    }
}
