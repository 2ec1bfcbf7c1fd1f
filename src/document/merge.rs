//! Three-way merge of two copies of a plan against the version both came from, by what the plan
//! holds rather than by lines of text: councils, functions, roles and posts matched by id,
//! scenarios by name, comments by id, sign-offs by who signed which version, and the settings
//! and statutory parameters field by field (docs/collaboration.md).
//!
//! An edit on one side only is taken; the same edit on both sides is taken once; different
//! edits to one field are a conflict, and so is a deletion against an edit. Each conflict is
//! settled by a choice of side (mine unless told), so the merge can be shown with its conflicts
//! and then made again with the user's choices. Pure: the command line and the app read it.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::diff::{Change, ChangeKind, What, json, sign_off_key};
use crate::model::{Comment, Keyed, Lineage, Plan, PlanSettings, Post, Posts, SignOff, Signed};

/// One of the two copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The copy open here (the command's MINE).
    Mine,
    /// The colleague's copy (THEIRS).
    Theirs,
}

impl Side {
    /// "mine" or "theirs".
    pub fn word(self) -> &'static str {
        match self {
            Self::Mine => "mine",
            Self::Theirs => "theirs",
        }
    }
}

/// Where a change the merge took came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum From {
    /// Made in my copy only.
    Mine,
    /// Made in their copy only.
    Theirs,
    /// Made the same in both: taken once.
    Both,
}

impl From {
    /// "mine", "theirs" or "both".
    pub fn word(self) -> &'static str {
        match self {
            Self::Mine => "mine",
            Self::Theirs => "theirs",
            Self::Both => "both",
        }
    }
}

/// Two copies that disagree on one field of one item, or one deleted what the other edited.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    /// What it is to.
    pub what: What,
    /// The item's id (a scenario's name; empty for settings and parameters).
    pub id: String,
    /// The field, as the plan file names it (`salary_pence`); empty when one copy deleted the
    /// item the other edited.
    pub field: String,
    /// The value in the common version (`None`: not there).
    pub base: Option<Value>,
    /// The value in my copy (`None`: deleted, or not there).
    pub mine: Option<Value>,
    /// The value in their copy.
    pub theirs: Option<Value>,
    /// The side the merge took.
    pub taken: Side,
}

/// A change the merge took from one copy or both.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Taken {
    /// Whose change it was.
    pub from: From,
    /// The change, from the common version.
    pub change: Change,
}

/// A merge: the plan, what it took from each side, and what conflicted.
#[derive(Clone, Debug)]
pub struct Merged {
    /// The merged plan (each conflict settled as chosen; mine where no choice was given).
    pub plan: Plan,
    /// The changes taken from each side, in the plan's order.
    pub taken: Vec<Taken>,
    /// The conflicts, in the plan's order (the order choices are given in).
    pub conflicts: Vec<Conflict>,
}

/// Why three plans cannot be merged: an id (a scenario's name) that appears twice in one of them,
/// so an item could not be matched across the copies. Names the copy, the item and what to do.
pub fn check(base: &Plan, mine: &Plan, theirs: &Plan) -> Result<(), String> {
    check_copies(&[
        ("the common version", base),
        ("your copy", mine),
        ("their copy", theirs),
    ])
}

/// [`check`] for copies named as the message should name them ("your copy").
pub fn check_copies(copies: &[(&str, &Plan)]) -> Result<(), String> {
    fn twice<'a>(what: &str, copy: &str, ids: impl Iterator<Item = &'a str>) -> Option<String> {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                return Some(format!(
                    "{what} {id} appears twice in {copy}, so it cannot be matched between the copies. Give each {what} its own id (or name) in that copy, save it, and merge again"
                ));
            }
        }
        None
    }
    for (copy, plan) in copies {
        let found = twice("council", copy, plan.councils.iter().map(|c| c.id.as_str()))
            .or_else(|| {
                twice(
                    "function",
                    copy,
                    plan.functions.iter().map(|f| f.id.as_str()),
                )
            })
            .or_else(|| twice("role", copy, plan.roles.iter().map(|r| r.id.as_str())))
            .or_else(|| twice("post", copy, plan.posts.iter().map(|p| p.id.as_str())))
            .or_else(|| {
                twice(
                    "scenario",
                    copy,
                    plan.scenarios.iter().map(|x| x.name.as_str()),
                )
            })
            .or_else(|| twice("comment", copy, plan.comments.iter().map(|c| c.id.as_str())));
        if let Some(why) = found {
            return Err(why);
        }
    }
    Ok(())
}

/// Merges `mine` and `theirs` against `base`, the version both came from. Conflict `i` takes
/// `choices[i]`, or `default` when there are fewer choices.
pub fn merge(base: &Plan, mine: &Plan, theirs: &Plan, choices: &[Side], default: Side) -> Merged {
    let mut m = Merger {
        choices,
        default,
        taken: Vec::new(),
        conflicts: Vec::new(),
    };
    let mut plan = mine.clone();
    plan.councils = m.list(
        What::Council,
        &base.councils,
        &mine.councils,
        &theirs.councils,
        id_of,
    );
    plan.functions = m.list(
        What::Function,
        &base.functions,
        &mine.functions,
        &theirs.functions,
        id_of,
    );
    plan.roles = m.list(What::Role, &base.roles, &mine.roles, &theirs.roles, id_of);
    plan.posts = m.posts(&base.posts, &mine.posts, &theirs.posts);
    plan.scenarios = m.list(
        What::Scenario,
        &base.scenarios,
        &mine.scenarios,
        &theirs.scenarios,
        id_of,
    );
    m.settings(&mut plan, base, mine, theirs);
    plan.comments = m.list(
        What::Comment,
        &base.comments,
        &mine.comments,
        &theirs.comments,
        id_of::<Comment>,
    );
    let sign_offs = |p: &Plan| -> Vec<Signing> { p.sign_offs.iter().map(Signing::of).collect() };
    plan.sign_offs = m
        .list(
            What::SignOff,
            &sign_offs(base),
            &sign_offs(mine),
            &sign_offs(theirs),
            |s: &Signing| sign_off_key(&s.0),
        )
        .into_iter()
        .map(|s| s.0)
        .collect();
    plan.lineage = Lineage::merged(&mine.lineage, &theirs.lineage);
    Merged {
        plan,
        taken: m.taken,
        conflicts: m.conflicts,
    }
}

/// A sign-off without what it keeps of the version signed (that is relative to each copy, and
/// written afresh when the merge is saved), keyed by who signed which version when.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
struct Signing(SignOff);

impl Signing {
    fn of(s: &SignOff) -> Self {
        let mut s = s.clone();
        s.signed = Signed::default();
        Self(s)
    }
}

/// What a list item must be to be merged field by field.
trait Item: Clone + PartialEq + Serialize + DeserializeOwned {}

impl<T: Clone + PartialEq + Serialize + DeserializeOwned> Item for T {}

/// An item's key: its id.
fn id_of<T: Keyed>(item: &T) -> String {
    item.key().to_owned()
}

struct Merger<'c> {
    choices: &'c [Side],
    default: Side,
    taken: Vec<Taken>,
    conflicts: Vec<Conflict>,
}

impl Merger<'_> {
    /// The side the next conflict takes.
    fn next_choice(&self) -> Side {
        self.choices
            .get(self.conflicts.len())
            .copied()
            .unwrap_or(self.default)
    }

    fn took(
        &mut self,
        from: From,
        what: What,
        id: &str,
        base: Option<&Value>,
        now: Option<&Value>,
    ) {
        let change = |kind, field: String, old: String, new: String| Change {
            kind,
            what,
            id: id.to_owned(),
            field,
            old,
            new,
        };
        match (base, now) {
            (None, Some(_)) => self.taken.push(Taken {
                from,
                change: change(
                    ChangeKind::Added,
                    String::new(),
                    String::new(),
                    String::new(),
                ),
            }),
            (Some(_), None) => self.taken.push(Taken {
                from,
                change: change(
                    ChangeKind::Removed,
                    String::new(),
                    String::new(),
                    String::new(),
                ),
            }),
            (Some(b), Some(n)) => {
                for mut c in super::diff::field_changes(what, b, n) {
                    c.id = id.to_owned();
                    self.taken.push(Taken { from, change: c });
                }
            }
            (None, None) => {}
        }
    }

    /// The posts: compared as posts first, so only those that differ are turned into values.
    fn posts(&mut self, base: &Posts, mine: &Posts, theirs: &Posts) -> Posts {
        if mine == theirs {
            self.record_side(What::Post, base, mine, From::Both);
            return mine.clone();
        }
        if theirs == base {
            self.record_side(What::Post, base, mine, From::Mine);
            return mine.clone();
        }
        if mine == base {
            self.record_side(What::Post, base, theirs, From::Theirs);
            return theirs.clone();
        }
        let listed = |p: &Posts| p.iter().cloned().collect::<Vec<Post>>();
        Posts::from(self.list(
            What::Post,
            &listed(base),
            &listed(mine),
            &listed(theirs),
            id_of::<Post>,
        ))
    }

    /// Notes the changes one side made to the posts when only it changed them.
    fn record_side(&mut self, what: What, base: &Posts, side: &Posts, from: From) {
        if base == side {
            return;
        }
        let by: HashMap<&str, &Post> = base.iter().map(|p| (p.id.as_str(), p)).collect();
        let ids: HashSet<&str> = side.iter().map(|p| p.id.as_str()).collect();
        for post in side {
            match by.get(post.id.as_str()) {
                Some(b) if *b == post => {}
                Some(b) => self.took(from, what, &post.id, Some(&json(*b)), Some(&json(post))),
                None => self.took(from, what, &post.id, None, Some(&json(post))),
            }
        }
        for post in base {
            if !ids.contains(post.id.as_str()) {
                self.took(from, what, &post.id, Some(&json(post)), None);
            }
        }
    }

    /// A list of items matched by key, merged item by item and field by field; in the order
    /// [`order`] gives.
    fn list<T: Item>(
        &mut self,
        what: What,
        base: &[T],
        mine: &[T],
        theirs: &[T],
        key_of: impl Fn(&T) -> String,
    ) -> Vec<T> {
        let index = |list: &[T]| -> HashMap<String, usize> {
            list.iter()
                .enumerate()
                .map(|(i, x)| (key_of(x), i))
                .collect()
        };
        let (bi, mi, ti) = (index(base), index(mine), index(theirs));
        let ids = |list: &[T]| -> Vec<String> { list.iter().map(&key_of).collect() };
        let (b_ids, m_ids, t_ids) = (ids(base), ids(mine), ids(theirs));
        // Every id once, in an order independent of which copy is mine.
        let mut all: Vec<String> = m_ids.clone();
        all.extend(t_ids.iter().filter(|id| !mi.contains_key(*id)).cloned());
        all.extend(
            b_ids
                .iter()
                .filter(|id| !mi.contains_key(*id) && !ti.contains_key(*id))
                .cloned(),
        );
        let mut merged: HashMap<String, T> = HashMap::new();
        for id in &all {
            let b = bi.get(id).map(|&i| &base[i]);
            let m = mi.get(id).map(|&i| &mine[i]);
            let t = ti.get(id).map(|&i| &theirs[i]);
            if let Some(item) = self.item(what, id, b, m, t) {
                merged.insert(id.clone(), item);
            }
        }
        order(&b_ids, &m_ids, &t_ids, |id| merged.contains_key(id))
            .into_iter()
            .filter_map(|id| merged.remove(&id))
            .collect()
    }

    /// One item, three ways: `None` when the merge leaves it out.
    fn item<T: Item>(
        &mut self,
        what: What,
        id: &str,
        b: Option<&T>,
        m: Option<&T>,
        t: Option<&T>,
    ) -> Option<T> {
        let as_value = |x: Option<&T>| x.map(json);
        // Changed in one copy only, or the same in both: that copy's item.
        let one_side = if m == t {
            Some((From::Both, m))
        } else if m == b {
            Some((From::Theirs, t))
        } else if t == b {
            Some((From::Mine, m))
        } else {
            None
        };
        if let Some((from, now)) = one_side {
            if now != b {
                self.took(from, what, id, as_value(b).as_ref(), as_value(now).as_ref());
            }
            return now.cloned();
        }
        match (m, t) {
            (Some(m), Some(t)) => {
                let bv = b.map_or_else(|| Value::Object(Map::new()), json);
                let value = self.value(what, id, "", Some(&bv), Some(&json(m)), Some(&json(t)));
                match value.and_then(|v| serde_json::from_value::<T>(v).ok()) {
                    Some(item) => Some(item),
                    // Fields merged into an item that is not valid whole: the item is the
                    // conflict.
                    None => self.whole(what, id, b, Some(m), Some(t)),
                }
            }
            _ => self.whole(what, id, b, m, t),
        }
    }

    /// A conflict over a whole item: one copy deleted what the other edited (or the fields
    /// could not be put together).
    fn whole<T: Item>(
        &mut self,
        what: What,
        id: &str,
        b: Option<&T>,
        m: Option<&T>,
        t: Option<&T>,
    ) -> Option<T> {
        let values = [b.map(json), m.map(json), t.map(json)];
        match self.conflict(what, id, "", values) {
            Side::Mine => m.cloned(),
            Side::Theirs => t.cloned(),
        }
    }

    /// Notes a conflict over `field` of an item (the whole item when empty), with its values in
    /// the common version, mine and theirs, and gives the side it takes.
    fn conflict(&mut self, what: What, id: &str, field: &str, values: [Option<Value>; 3]) -> Side {
        let taken = self.next_choice();
        let [base, mine, theirs] = values;
        self.conflicts.push(Conflict {
            what,
            id: id.to_owned(),
            field: field.to_owned(),
            base,
            mine,
            theirs,
            taken,
        });
        taken
    }

    /// A value three ways, objects key by key; a comment's replies are joined. `None`: not
    /// there.
    fn value(
        &mut self,
        what: What,
        id: &str,
        path: &str,
        b: Option<&Value>,
        m: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        if m == t {
            return m.cloned();
        }
        if m == b {
            self.took_field(From::Theirs, what, id, path, b, t);
            return t.cloned();
        }
        if t == b {
            self.took_field(From::Mine, what, id, path, b, m);
            return m.cloned();
        }
        if let (Some(Value::Object(mo)), Some(Value::Object(to))) = (m, t) {
            let empty = Map::new();
            let bo = match b {
                Some(Value::Object(bo)) => bo,
                _ => &empty,
            };
            let mut keys: Vec<&String> = mo.keys().collect();
            keys.extend(to.keys().filter(|k| !mo.contains_key(*k)));
            keys.extend(
                bo.keys()
                    .filter(|k| !mo.contains_key(*k) && !to.contains_key(*k)),
            );
            let mut out = Map::new();
            for key in keys {
                let field = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if let Some(v) = self.value(what, id, &field, bo.get(key), mo.get(key), to.get(key))
                {
                    out.insert(key.clone(), v);
                }
            }
            return Some(Value::Object(out));
        }
        if what == What::Comment
            && path == "replies"
            && let (Some(Value::Array(ma)), Some(Value::Array(ta))) = (m, t)
        {
            // Both copies answered: every answer is kept, oldest first.
            let mut replies: Vec<Value> = ma.clone();
            replies.extend(ta.iter().filter(|r| !ma.contains(r)).cloned());
            replies.sort_by_key(|r| r.get("written").map(ToString::to_string));
            return Some(Value::Array(replies));
        }
        match self.conflict(what, id, path, [b.cloned(), m.cloned(), t.cloned()]) {
            Side::Mine => m.cloned(),
            Side::Theirs => t.cloned(),
        }
    }

    fn took_field(
        &mut self,
        from: From,
        what: What,
        id: &str,
        path: &str,
        b: Option<&Value>,
        now: Option<&Value>,
    ) {
        let text = |v: Option<&Value>| match v {
            None | Some(Value::Null) => "none".to_owned(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        self.taken.push(Taken {
            from,
            change: Change {
                kind: ChangeKind::Changed,
                what,
                id: id.to_owned(),
                field: path.to_owned(),
                old: text(b),
                new: text(now),
            },
        });
    }

    /// The settings field by field, and the statutory parameters field by field.
    fn settings(&mut self, plan: &mut Plan, base: &Plan, mine: &Plan, theirs: &Plan) {
        let settings = |p: &Plan| {
            let mut v = json(&PlanSettings::of(p));
            if let Value::Object(map) = &mut v {
                map.remove("parameters");
            }
            v
        };
        let (b, m, t) = (settings(base), settings(mine), settings(theirs));
        let mut merged = self
            .value(What::Setting, "", "", Some(&b), Some(&m), Some(&t))
            .unwrap_or(m);
        let parameters = self
            .value(
                What::Parameter,
                "",
                "",
                Some(&json(&base.parameters)),
                Some(&json(&mine.parameters)),
                Some(&json(&theirs.parameters)),
            )
            .unwrap_or_else(|| json(&mine.parameters));
        if let Value::Object(map) = &mut merged {
            map.insert("parameters".to_owned(), parameters);
        }
        match serde_json::from_value::<PlanSettings>(merged) {
            Ok(settings) => settings.put(plan),
            // Cannot happen for settings merged from three valid plans; mine stand if it does.
            Err(e) => log::warn!("merged settings did not read back: {e}"),
        }
    }
}

/// The order of a merged list: the copy that reordered what both share leads (mine unless only
/// theirs did), and the other copy's additions go in after the item they follow there. Where
/// both copies added items after the same one, the run whose first id sorts first goes first,
/// so the order does not depend on which copy is mine. Only ids `kept` are listed.
fn order<'a>(
    base: &'a [String],
    mine: &'a [String],
    theirs: &'a [String],
    kept: impl Fn(&str) -> bool,
) -> Vec<String> {
    let in_base: HashSet<&str> = base.iter().map(String::as_str).collect();
    let relative = |list: &'a [String]| -> Vec<&'a str> {
        let shared: HashSet<&str> = list.iter().map(String::as_str).collect();
        let from_base: Vec<&str> = list
            .iter()
            .map(String::as_str)
            .filter(|id| in_base.contains(id))
            .collect();
        let base_order: Vec<&str> = base
            .iter()
            .map(String::as_str)
            .filter(|id| shared.contains(id))
            .collect();
        if from_base == base_order {
            Vec::new()
        } else {
            from_base
        }
    };
    let (lead, other) = if relative(mine).is_empty() && !relative(theirs).is_empty() {
        (theirs, mine)
    } else {
        (mine, theirs)
    };
    let mut out: Vec<String> = lead.to_vec();
    let mut placed: HashSet<String> = out.iter().cloned().collect();
    // The other copy's items the lead lacks, a run at a time, each after the item it follows.
    let mut i = 0;
    while i < other.len() {
        if placed.contains(&other[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < other.len() && !placed.contains(&other[i]) {
            i += 1;
        }
        let run = &other[start..i];
        let after = other[..start].iter().rev().find(|id| placed.contains(*id));
        let mut at = after
            .and_then(|a| out.iter().position(|x| x == a))
            .map_or(0, |p| p + 1);
        // Past the lead's own additions there whose first id sorts before this run's.
        if at < out.len()
            && !in_base.contains(out[at].as_str())
            && out[at] < run[0]
            && !run.iter().any(|r| in_base.contains(r.as_str()))
        {
            while at < out.len() && !in_base.contains(out[at].as_str()) {
                at += 1;
            }
        }
        for id in run {
            placed.insert(id.clone());
        }
        out.splice(at..at, run.iter().cloned());
    }
    // Items of the common version that neither copy lists but the merge kept (not expected:
    // an item both deleted is not kept).
    for id in base {
        if !placed.contains(id) {
            out.push(id.clone());
        }
    }
    out.retain(|id| kept(id));
    out
}

/// The words for a conflict: "Post BOU-00003 salary: base £56,788.00, mine £40,000.00, theirs
/// £41,000.00", naming things as What changed does.
pub fn conflict_words(plan: &Plan, c: &Conflict) -> String {
    let (what, [base, mine, theirs]) = conflict_values(plan, c);
    if c.field.is_empty() {
        return format!("{what}: {mine} in mine, {theirs} in theirs");
    }
    format!("{what}: base {base}, mine {mine}, theirs {theirs}")
}

/// A conflict's item and field in words ("Post BOU-00003 salary"), and its values in the
/// common version, mine and theirs, formatted as What changed formats them with their unit
/// ("£40,000.00", "0.5 FTE"); for a conflict over a whole item, "edited" or "deleted".
pub fn conflict_values(plan: &Plan, c: &Conflict) -> (String, [String; 3]) {
    let name = item_name(plan, c.what, &c.id);
    if c.field.is_empty() {
        let state = |v: &Option<Value>| if v.is_some() { "edited" } else { "deleted" };
        let base = if c.base.is_some() {
            "there"
        } else {
            "not there"
        };
        return (
            name,
            [
                base.to_owned(),
                state(&c.mine).to_owned(),
                state(&c.theirs).to_owned(),
            ],
        );
    }
    let described = |v: &Option<Value>| {
        let change = Change {
            kind: ChangeKind::Changed,
            what: c.what,
            id: c.id.clone(),
            field: c.field.clone(),
            old: String::new(),
            new: v
                .as_ref()
                .map_or_else(|| "none".to_owned(), super::diff::text),
        };
        super::label::change_words(plan, &change, &name)
    };
    let value = |v: &Option<Value>| {
        let d = described(v);
        format!("{}{}", d.new, d.unit)
    };
    (
        described(&c.mine).what,
        [value(&c.base), value(&c.mine), value(&c.theirs)],
    )
}

/// An item as people name it: "Post BOU-00003", "Finance officer", "Poole".
fn item_name(plan: &Plan, what: What, id: &str) -> String {
    match what {
        What::Post => format!("Post {id}"),
        What::Council => plan
            .council(id)
            .map_or_else(|| format!("Council {id}"), |c| c.short_name.clone()),
        What::Function => plan
            .function(id)
            .map_or_else(|| format!("Function {id}"), |f| f.name.clone()),
        What::Role => plan
            .role(id)
            .map_or_else(|| format!("Role {id}"), |r| r.title.clone()),
        What::Scenario => format!("Scenario {id}"),
        What::Comment => format!("Comment {id}"),
        What::SignOff => format!("Sign-off {id}"),
        What::Setting | What::Parameter => String::new(),
    }
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.what.word(), self.id)?;
        if !self.field.is_empty() {
            write!(f, " {}", self.field)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Money;

    #[test]
    fn edits_to_different_posts_merge_and_one_salary_changed_twice_is_named() {
        let base = crate::example::bournemouth_poole();
        let mut mine = base.clone();
        let mut theirs = base.clone();
        mine.posts[0].fte = 0.5;
        theirs.posts[1].salary = Money::pounds(41_000);
        let clean = merge(&base, &mine, &theirs, &[], Side::Mine);
        assert!(clean.conflicts.is_empty(), "{:?}", clean.conflicts);
        assert!((clean.plan.posts[0].fte - 0.5).abs() < 1e-12);
        assert_eq!(clean.plan.posts[1].salary, Money::pounds(41_000));
        assert_eq!(clean.taken.len(), 2);

        mine.posts[2].salary = Money::pounds(40_000);
        theirs.posts[2].salary = Money::pounds(41_000);
        let clash = merge(&base, &mine, &theirs, &[], Side::Mine);
        assert_eq!(clash.conflicts.len(), 1);
        let words = conflict_words(&clash.plan, &clash.conflicts[0]);
        assert_eq!(
            words,
            format!(
                "Post {} salary: base {}, mine £40,000.00, theirs £41,000.00",
                base.posts[2].id, base.posts[2].salary
            ),
        );
        assert_eq!(clash.plan.posts[2].salary, Money::pounds(40_000));
        let theirs_way = merge(&base, &mine, &theirs, &[Side::Theirs], Side::Mine);
        assert_eq!(theirs_way.plan.posts[2].salary, Money::pounds(41_000));
    }

    #[test]
    fn an_id_twice_in_one_copy_is_refused_by_name() {
        let base = crate::example::bournemouth_poole();
        let mut mine = base.clone();
        let twin = mine.posts[4].clone();
        mine.posts.push(twin);
        assert_eq!(check(&base, &base, &base), Ok(()));
        let why = check(&base, &mine, &base).unwrap_err();
        assert!(
            why.starts_with(&format!(
                "post {} appears twice in your copy",
                base.posts[4].id
            )),
            "{why}"
        );
    }

    #[test]
    fn a_deletion_against_an_edit_conflicts() {
        let base = crate::example::bournemouth_poole();
        let mut mine = base.clone();
        let mut theirs = base.clone();
        mine.posts.remove(3);
        theirs.posts[3].fte = 0.6;
        let m = merge(&base, &mine, &theirs, &[], Side::Mine);
        assert_eq!(m.conflicts.len(), 1);
        assert!(m.conflicts[0].field.is_empty());
        assert_eq!(m.plan.posts.len(), base.posts.len() - 1);
        let words = conflict_words(&m.plan, &m.conflicts[0]);
        assert!(
            words.ends_with("deleted in mine, edited in theirs"),
            "{words}"
        );
        let t = merge(&base, &mine, &theirs, &[Side::Theirs], Side::Mine);
        assert_eq!(t.plan.posts.len(), base.posts.len());
        assert_eq!(t.plan.posts[3].id, base.posts[3].id, "back in its place");
    }

    #[test]
    fn additions_after_one_item_order_the_same_whichever_copy_is_mine() {
        let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let base = ids(&["a", "b", "c"]);
        let x = ids(&["a", "x1", "x2", "b", "c"]);
        let y = ids(&["a", "y1", "b", "c", "y2"]);
        let one = order(&base, &x, &y, |_| true);
        let two = order(&base, &y, &x, |_| true);
        assert_eq!(one, two);
        assert_eq!(one, ids(&["a", "x1", "x2", "y1", "b", "c", "y2"]));
    }
}
