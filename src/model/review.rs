//! What colleagues add to a plan as they review it (plan format 11): comments and their
//! threads, sign-offs of a version, and the plan's lineage (which saved version it is and which
//! it came from), so two copies can be merged against the version they share. See
//! docs/collaboration.md.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::plan::{Assumptions, Council, Function, Plan, Post, Programme, Role, Scenario};
use super::{Chart, Parameters, Posts};

/// What a comment is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Topic {
    /// The plan as a whole.
    Plan,
    /// A council, by id.
    Council(String),
    /// A function, by id.
    Function(String),
    /// A role of the target structure, by id.
    Role(String),
    /// A post, by id.
    Post(String),
    /// A scenario, by name.
    Scenario(String),
    /// A setting of the plan, by its field in the file (`go_live`, `assumptions.redeployment_rate`).
    Setting(String),
    /// A headline figure, by its name as the Dashboard shows it ("One-off cost").
    Figure(String),
}

impl Topic {
    /// The kind of item in words ("post").
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Plan => "plan",
            Self::Council(_) => "council",
            Self::Function(_) => "function",
            Self::Role(_) => "role",
            Self::Post(_) => "post",
            Self::Scenario(_) => "scenario",
            Self::Setting(_) => "setting",
            Self::Figure(_) => "figure",
        }
    }

    /// The item's id, name or field (empty for the plan).
    pub fn key(&self) -> &str {
        match self {
            Self::Plan => "",
            Self::Council(k)
            | Self::Function(k)
            | Self::Role(k)
            | Self::Post(k)
            | Self::Scenario(k)
            | Self::Setting(k)
            | Self::Figure(k) => k,
        }
    }
}

/// A comment on an item of the plan, its replies, and whether it is resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Stable key, unique across every copy of the plan ("C-7f3a91c2"): merges match comments by
    /// it.
    pub id: String,
    /// What it is about.
    pub topic: Topic,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub written: Timestamp,
    /// What it says.
    pub text: String,
    /// The answers, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
    /// Who marked it resolved, and when; `None` while it is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolved>,
}

/// An answer in a comment's thread.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Reply {
    /// When.
    pub written: Timestamp,
    /// Who wrote it.
    pub author: String,
    /// What it says.
    pub text: String,
}

/// Who resolved a comment, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolved {
    /// Who.
    pub by: String,
    /// When.
    pub at: Timestamp,
}

/// A record that someone signed off a version of the plan. It is a record, not a security
/// control: anyone with the file can add, change or remove one (docs/collaboration.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignOff {
    /// Who signed ("Jane Smith").
    pub name: String,
    /// In what capacity ("s151 officer, Poole").
    pub role: String,
    /// The day they signed.
    pub date: Date,
    /// What they said (conditions, what they checked).
    #[serde(default)]
    pub note: String,
    /// The content hash of the plan they signed: everything but comments, sign-offs and lineage
    /// (`sha256:` and 64 hex digits).
    pub content: String,
    /// The version they signed, kept as how it differs from the plan this sign-off is saved
    /// in, so the changes since can be listed from the file alone.
    #[serde(default, skip_serializing_if = "Signed::is_empty")]
    pub signed: Signed,
}

/// How a signed version differs from the plan it is saved in: each item that has changed since
/// as it was then (`None` for an item added since), and the settings when any has changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Signed {
    /// Councils.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub councils: Vec<Was<Council>>,
    /// Functions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<Was<Function>>,
    /// Roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Was<Role>>,
    /// Posts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<Was<Post>>,
    /// Scenarios, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Was<Scenario>>,
    /// The settings as they were, when any has changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Box<PlanSettings>>,
}

impl Signed {
    /// Nothing has changed since: serde leaves it out of the file.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// One item as it was when signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Was<T> {
    /// Its id (a scenario's name).
    pub id: String,
    /// Its position in the signed version's list.
    pub at: usize,
    /// The item as signed; `None` when it has been added since.
    pub was: Option<T>,
}

/// The plan's settings: everything but its lists of items and what reviewers add.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSettings {
    /// The plan's name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// The programme's dates.
    pub programme: Programme,
    /// The assumptions.
    pub assumptions: Assumptions,
    /// The statutory parameters.
    pub parameters: Parameters,
    /// The slides.
    pub slides: Vec<Chart>,
    /// The protective marking.
    pub protective_marking: String,
}

impl PlanSettings {
    /// A copy of `plan`'s settings.
    pub fn of(plan: &Plan) -> Self {
        Self {
            name: plan.name.clone(),
            description: plan.description.clone(),
            programme: plan.programme,
            assumptions: plan.assumptions.clone(),
            parameters: plan.parameters.clone(),
            slides: plan.slides.clone(),
            protective_marking: plan.protective_marking.clone(),
        }
    }

    /// Puts these settings into `plan`.
    pub fn put(self, plan: &mut Plan) {
        plan.name = self.name;
        plan.description = self.description;
        plan.programme = self.programme;
        plan.assumptions = self.assumptions;
        plan.parameters = self.parameters;
        plan.slides = self.slides;
        plan.protective_marking = self.protective_marking;
    }
}

/// Which saved version a plan is and which it came from: content hashes, so two copies of one
/// file can find the version they share.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lineage {
    /// The plan's hash when it was last saved or merged (all of it but this lineage).
    pub version: String,
    /// The versions before it, newest first: its parent, then the parent's parent; a merge's
    /// parents are both copies. At most [`Lineage::KEPT`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<String>,
}

impl Lineage {
    /// How many earlier versions a plan remembers.
    pub const KEPT: usize = 64;

    /// A plan never saved with a lineage: serde leaves it out of the file.
    pub fn is_empty(&self) -> bool {
        self.version.is_empty() && self.earlier.is_empty()
    }

    /// The plan's version now `version`: the last one becomes its parent. No change when it
    /// is the same version.
    pub fn advance(&mut self, version: String) {
        if version == self.version {
            return;
        }
        let parent = std::mem::replace(&mut self.version, version);
        if !parent.is_empty() {
            self.earlier.retain(|v| *v != parent);
            self.earlier.insert(0, parent);
        }
        self.earlier.truncate(Self::KEPT);
    }

    /// The lineage of a merge of two copies: both are its parents, then their earlier
    /// versions, newest first, each once.
    pub fn merged(mine: &Self, theirs: &Self) -> Self {
        let mut earlier: Vec<String> = Vec::new();
        let mut put = |v: &String| {
            if !v.is_empty() && !earlier.contains(v) {
                earlier.push(v.clone());
            }
        };
        put(&mine.version);
        put(&theirs.version);
        let longest = mine.earlier.len().max(theirs.earlier.len());
        for i in 0..longest {
            if let Some(v) = mine.earlier.get(i) {
                put(v);
            }
            if let Some(v) = theirs.earlier.get(i) {
                put(v);
            }
        }
        earlier.truncate(Self::KEPT);
        Self {
            version: String::new(),
            earlier,
        }
    }

    /// Every version this plan is or came from, newest first.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.version.as_str())
            .chain(self.earlier.iter().map(String::as_str))
            .filter(|v| !v.is_empty())
    }

    /// The newest version both plans are or came from: the version to merge them against.
    pub fn common(&self, other: &Self) -> Option<String> {
        let theirs: std::collections::HashSet<&str> = other.all().collect();
        self.all().find(|v| theirs.contains(v)).map(str::to_owned)
    }
}

/// Anything kept in a list by a key that merges and sign-offs match it by.
pub trait Keyed {
    /// Its id (a scenario's name).
    fn key(&self) -> &str;
}

impl Keyed for Council {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for Function {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for Role {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for Post {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for Scenario {
    fn key(&self) -> &str {
        &self.name
    }
}

impl Keyed for Comment {
    fn key(&self) -> &str {
        &self.id
    }
}

/// How `signed` differs from `now`: what [`SignOff::signed`] keeps.
pub fn signed_difference(signed: &Plan, now: &Plan) -> Signed {
    let settings = PlanSettings::of(signed);
    let posts = if signed.posts == now.posts {
        Vec::new()
    } else {
        let listed = |p: &Posts| p.iter().cloned().collect::<Vec<_>>();
        was(&listed(&signed.posts), &listed(&now.posts))
    };
    Signed {
        councils: was(&signed.councils, &now.councils),
        functions: was(&signed.functions, &now.functions),
        roles: was(&signed.roles, &now.roles),
        posts,
        scenarios: was(&signed.scenarios, &now.scenarios),
        settings: (settings != PlanSettings::of(now)).then(|| Box::new(settings)),
    }
}

/// The version a sign-off signed, rebuilt from `now`, the plan it is saved in. Comments,
/// sign-offs and lineage are `now`'s.
pub fn signed_version(now: &Plan, signed: &Signed) -> Plan {
    let mut plan = now.clone();
    plan.councils = rebuild(&now.councils, &signed.councils);
    plan.functions = rebuild(&now.functions, &signed.functions);
    plan.roles = rebuild(&now.roles, &signed.roles);
    if !signed.posts.is_empty() {
        let posts: Vec<Post> = now.posts.iter().cloned().collect();
        plan.posts = Posts::from(rebuild(&posts, &signed.posts));
    }
    plan.scenarios = rebuild(&now.scenarios, &signed.scenarios);
    if let Some(settings) = &signed.settings {
        PlanSettings::put((**settings).clone(), &mut plan);
    }
    plan
}

/// Each item of `signed` that `now` lacks or has changed, as signed, and each item of `now`
/// that `signed` lacks.
fn was<T: Keyed + Clone + PartialEq>(signed: &[T], now: &[T]) -> Vec<Was<T>> {
    let now_by: std::collections::HashMap<&str, &T> = now.iter().map(|x| (x.key(), x)).collect();
    let signed_ids: std::collections::HashSet<&str> = signed.iter().map(Keyed::key).collect();
    let mut out = Vec::new();
    for (at, item) in signed.iter().enumerate() {
        if now_by.get(item.key()).is_none_or(|n| *n != item) {
            out.push(Was {
                id: item.key().to_owned(),
                at,
                was: Some(item.clone()),
            });
        }
    }
    for (at, item) in now.iter().enumerate() {
        if !signed_ids.contains(item.key()) {
            out.push(Was {
                id: item.key().to_owned(),
                at,
                was: None,
            });
        }
    }
    out
}

/// `now` with the items `was` keeps put back as they were: those added since taken out, those
/// changed restored, those removed since put back at their place.
fn rebuild<T: Keyed + Clone>(now: &[T], was: &[Was<T>]) -> Vec<T> {
    if was.is_empty() {
        return now.to_vec();
    }
    let by: std::collections::HashMap<&str, &Was<T>> =
        was.iter().map(|w| (w.id.as_str(), w)).collect();
    let mut out: Vec<T> = Vec::with_capacity(now.len());
    for item in now {
        match by.get(item.key()) {
            None => out.push(item.clone()),
            Some(Was { was: Some(old), .. }) => out.push(old.clone()),
            Some(Was { was: None, .. }) => {}
        }
    }
    let present: std::collections::HashSet<&str> = now.iter().map(Keyed::key).collect();
    let mut removed: Vec<&Was<T>> = was
        .iter()
        .filter(|w| w.was.is_some() && !present.contains(w.id.as_str()))
        .collect();
    removed.sort_by_key(|w| w.at);
    for w in removed {
        if let Some(old) = &w.was {
            out.insert(w.at.min(out.len()), old.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lineage_advances_and_finds_the_version_two_copies_share() {
        let mut a = Lineage::default();
        a.advance("v1".into());
        let mut b = a.clone();
        a.advance("a2".into());
        a.advance("a3".into());
        b.advance("b2".into());
        assert_eq!(a.earlier, ["a2", "v1"]);
        assert_eq!(a.common(&b).as_deref(), Some("v1"));
        assert_eq!(b.common(&a).as_deref(), Some("v1"));
        let m = Lineage::merged(&a, &b);
        assert_eq!(m.earlier, ["a3", "b2", "a2", "v1"]);
        a.advance("a3".into());
        assert_eq!(a.earlier, ["a2", "v1"], "saving the same version again");
        assert_eq!(Lineage::default().common(&a), None);
    }
}
