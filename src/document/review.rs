//! Sign-offs kept true across saves: the version each sign-off signed, rebuilt from the file and
//! kept while the plan is edited, written back into the file as what has changed since; and the
//! plan as it is written, its lineage moved on (docs/collaboration.md).

use std::collections::HashMap;

use super::diff::{Change, What, diff};
use crate::model::{Keyed, Plan, PlanSettings, SignOff, signed_difference, signed_version};
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The plan says what was signed.
    Unchanged,
    /// The plan has changed since: how many items were added, removed or changed, and how many
    /// settings and parameters changed, as What changed counts them (comments and sign-offs
    /// aside).
    Changed(usize),
    /// The signed version could not be rebuilt (the file was edited by hand): only the hash
    /// says it differs.
    Unknown,
}

/// How `plan` stands against `sign_off`: items compared as they are, so a 50,000-post plan is
/// counted in milliseconds.
pub fn standing(plan: &Plan, signatures: &Signatures, sign_off: &SignOff) -> Standing {
    let Some(signed) = signatures.version(&sign_off.content) else {
        return Standing::Unknown;
    };
    let mut n = items(&signed.councils, &plan.councils)
        + items(&signed.functions, &plan.functions)
        + items(&signed.roles, &plan.roles)
        + items(&signed.scenarios, &plan.scenarios);
    if signed.posts != plan.posts {
        let listed = |p: &crate::model::Posts| p.iter().cloned().collect::<Vec<_>>();
        n += items(&listed(&signed.posts), &listed(&plan.posts));
    }
    let (a, b) = (PlanSettings::of(signed), PlanSettings::of(plan));
    if a != b {
        n += super::diff::field_changes(
            What::Setting,
            &super::diff::json(&a),
            &super::diff::json(&b),
        )
        .len();
    }
    if n == 0 {
        // The same content; a hash that differs means only that the file's format moved on.
        Standing::Unchanged
    } else {
        Standing::Changed(n)
    }
}

/// Every change from the version `sign_off` signed to `plan`, as What changed lists them
/// (comments and sign-offs aside); `None` when the version cannot be rebuilt.
pub fn changes_since(
    plan: &Plan,
    signatures: &Signatures,
    sign_off: &SignOff,
) -> Option<Vec<Change>> {
    let signed = signatures.version(&sign_off.content)?;
    Some(
        diff(signed, plan)
            .into_iter()
            .filter(|c| !matches!(c.what, What::Comment | What::SignOff))
            .collect(),
    )
}

/// How many items of two lists differ: added, removed or changed.
fn items<T: Keyed + PartialEq>(old: &[T], new: &[T]) -> usize {
    let by: HashMap<&str, &T> = old.iter().map(|x| (x.key(), x)).collect();
    let mut seen = 0;
    let mut n = 0;
    for item in new {
        match by.get(item.key()) {
            Some(o) => {
                seen += 1;
                if *o != item {
                    n += 1;
                }
            }
            None => n += 1,
        }
    }
    n + (old.len() - seen)
}

/// How the plan stands against one sign-off, in words: "Signed off by Jane Smith (s151 officer,
/// Poole) on 7 December 2026 (version 3fa9c1d2e07b)" or "Changed since signed off by … on …: 12
/// changes"; and whether the plan has changed since.
pub fn words(plan: &Plan, signatures: &Signatures, s: &SignOff) -> (String, bool) {
    let who = format!(
        "{} ({}) on {}",
        s.name,
        s.role,
        s.date.strftime("%-d %B %Y")
    );
    match standing(plan, signatures, s) {
        Standing::Unchanged => (format!("Signed off by {who}"), false),
        Standing::Changed(n) => (
            format!(
                "Changed since signed off by {who}: {}",
                crate::format::plural(n, "change")
            ),
            true,
        ),
        Standing::Unknown => (
            format!("Signed off by {who}; the version signed cannot be rebuilt from this file"),
            true,
        ),
    }
}

/// How the plan stands against its newest sign-off, in [`words`]; `None` when it has none.
pub fn status(plan: &Plan, signatures: &Signatures) -> Option<(String, bool)> {
    plan.sign_offs.last().map(|s| words(plan, signatures, s))
}

/// Every sign-off, oldest first, in [`words`] with the version signed and, when `notes`, the
/// note: what the report and the board pack print (an anonymised pack leaves the notes out: they
/// are free text, and may name people). The versions are rebuilt from the plan as the file
/// keeps it.
pub fn lines(plan: &Plan, notes: bool) -> Vec<String> {
    lines_with(plan, &Signatures::of(plan), notes)
}

/// [`lines`] against the versions `signatures` keeps (the open document's).
pub fn lines_with(plan: &Plan, signatures: &Signatures, notes: bool) -> Vec<String> {
    plan.sign_offs
        .iter()
        .map(|s| {
            let (words, _) = words(plan, signatures, s);
            let note = if s.note.is_empty() || !notes {
                String::new()
            } else {
                format!(": \"{}\"", s.note)
            };
            format!("{words} (version {}){note}", version::short(&s.content))
        })
        .collect()
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
            note: "Subject to J. Bloggs's appeal".into(),
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
        assert_eq!(
            standing(&reopened, &rebuilt, &reopened.sign_offs[0]),
            Standing::Changed(4),
            "a role, two posts and the name"
        );
        let said = lines(&reopened, true);
        assert!(
            said[0].starts_with("Changed since signed off by Jane Smith (s151 officer, Poole) on 7 December 2026: 4 changes (version ")
                && said[0].ends_with(": \"Subject to J. Bloggs's appeal\""),
            "{said:?}"
        );
        assert!(
            !lines(&reopened, false)[0].contains("Bloggs"),
            "no note when anonymised"
        );
        let changes = changes_since(&reopened, &rebuilt, &reopened.sign_offs[0]).unwrap();
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
