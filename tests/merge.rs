//! The laws of the three-way merge (docs/collaboration.md), over random edits to the Bournemouth
//! and Poole example: merging a plan with itself changes nothing; a side that changed nothing
//! gives the other; the order of the two copies does not matter when they merge clean; and edits
//! to different items always merge clean, each surviving.

use merger_planner::document::merge::{Side, merge};
use merger_planner::example;
use merger_planner::model::{Comment, Money, Plan, Reply, Scenario, Topic};
use proptest::prelude::*;

/// One edit a colleague might make, to item `i` (taken modulo the list's length).
#[derive(Clone, Debug)]
enum Edit {
    Salary(usize, i64),
    Fte(usize, f64),
    Title(usize, String),
    Vacate(usize),
    RemovePost(usize),
    AddPost(usize, u32),
    Target(usize, f64),
    RoleTitle(usize, String),
    CouncilRate(usize, f64),
    AddScenario(String),
    Redeployment(f64),
    Name(String),
    GoLive(i64),
    Comment(u32, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0usize..10_000;
    prop_oneof![
        3 => (i.clone(), 15_000i64..95_000).prop_map(|(i, s)| Edit::Salary(i, s)),
        2 => (i.clone(), prop::sample::select(vec![0.2, 0.5, 0.8])).prop_map(|(i, f)| Edit::Fte(i, f)),
        1 => (i.clone(), "[A-Z][a-z]{3,9}").prop_map(|(i, t)| Edit::Title(i, t)),
        1 => i.clone().prop_map(Edit::Vacate),
        1 => i.clone().prop_map(Edit::RemovePost),
        1 => (i.clone(), any::<u32>()).prop_map(|(i, n)| Edit::AddPost(i, n)),
        2 => (i.clone(), prop::sample::select(vec![0.0, 2.0, 7.5])).prop_map(|(i, t)| Edit::Target(i, t)),
        1 => (i.clone(), "[A-Z][a-z]{3,9}").prop_map(|(i, t)| Edit::RoleTitle(i, t)),
        1 => (i.clone(), prop::sample::select(vec![0.15, 0.19, 0.23])).prop_map(|(i, r)| Edit::CouncilRate(i, r)),
        1 => "[A-Z][a-z]{3,9}".prop_map(Edit::AddScenario),
        1 => prop::sample::select(vec![0.1, 0.3, 0.55]).prop_map(Edit::Redeployment),
        1 => "[A-Z][a-z]{3,9}".prop_map(Edit::Name),
        1 => (1i64..200).prop_map(Edit::GoLive),
        1 => (any::<u32>(), "[a-z ]{5,20}").prop_map(|(n, t)| Edit::Comment(n, t)),
    ]
}

/// What an edit touches: keys naming the items (and, for settings, the field), so two edits
/// with no key in common are to different items. A post added is put after a post of the
/// common version, which it touches too.
fn touches(plan: &Plan, edit: &Edit) -> Vec<String> {
    let post = |i: usize| format!("post {}", plan.posts[i % plan.posts.len()].id);
    if let Edit::AddPost(i, n) = edit {
        return vec![format!("new post {n}"), post(*i)];
    }
    vec![touched(plan, edit)]
}

fn touched(plan: &Plan, edit: &Edit) -> String {
    let post = |i: usize| format!("post {}", plan.posts[i % plan.posts.len()].id);
    match edit {
        Edit::Salary(i, _)
        | Edit::Fte(i, _)
        | Edit::Title(i, _)
        | Edit::Vacate(i)
        | Edit::RemovePost(i) => post(*i),
        Edit::AddPost(_, n) => format!("new post {n}"),
        Edit::Target(i, _) | Edit::RoleTitle(i, _) => {
            format!("role {}", plan.roles[i % plan.roles.len()].id)
        }
        Edit::CouncilRate(i, _) => format!("council {}", i % plan.councils.len()),
        Edit::AddScenario(name) => format!("scenario {name}"),
        Edit::Redeployment(_) => "redeployment".to_owned(),
        Edit::Name(_) => "name".to_owned(),
        Edit::GoLive(_) => "go live".to_owned(),
        Edit::Comment(n, _) => format!("comment {n}"),
    }
}

fn apply(plan: &mut Plan, edit: &Edit) {
    let base = example::bournemouth_poole();
    let id = |i: &usize| base.posts[i % base.posts.len()].id.clone();
    let position = |plan: &Plan, i: &usize| {
        let id = id(i);
        plan.posts.iter().position(|p| p.id == id)
    };
    let at = |plan: &Plan, i: &usize| position(plan, i).expect("the post is in this copy");
    match edit {
        // Posts are found by their id in the common version, so an edit means the same post
        // whatever the other copy did.
        Edit::Salary(i, s) => {
            let k = at(plan, i);
            plan.posts[k].salary = Money::pounds(*s);
        }
        Edit::Fte(i, f) => {
            let k = at(plan, i);
            plan.posts[k].fte = *f;
        }
        Edit::Title(i, t) => {
            let k = at(plan, i);
            plan.posts[k].title.clone_from(t);
        }
        Edit::Vacate(i) => {
            let k = at(plan, i);
            plan.posts[k].holder = None;
        }
        Edit::RemovePost(i) => {
            if let Some(at) = position(plan, i) {
                plan.posts.remove(at);
            }
        }
        Edit::AddPost(i, n) => {
            let at = at(plan, i);
            let mut post = plan.posts[at].clone();
            post.id = format!("NEW-{n}");
            plan.posts.insert(at + 1, post);
        }
        Edit::Target(i, t) => {
            let r = i % plan.roles.len();
            plan.roles[r].target_fte = *t;
        }
        Edit::RoleTitle(i, t) => {
            let r = i % plan.roles.len();
            plan.roles[r].title.clone_from(t);
        }
        Edit::CouncilRate(i, r) => {
            let c = i % plan.councils.len();
            plan.councils[c].lgps_employer_rate = *r;
        }
        Edit::AddScenario(name) => plan.scenarios.push(Scenario {
            name: format!("Scenario {name}"),
            ..Scenario::default()
        }),
        Edit::Redeployment(r) => plan.assumptions.redeployment_rate = *r,
        Edit::Name(name) => plan.name.clone_from(name),
        Edit::GoLive(days) => {
            plan.programme.go_live = plan
                .programme
                .go_live
                .checked_add(jiff::Span::new().days(*days))
                .expect("a date within the calendar");
        }
        Edit::Comment(n, text) => plan.comments.push(Comment {
            id: format!("C-{n:08x}"),
            topic: Topic::Plan,
            author: "Reviewer".to_owned(),
            written: jiff::Timestamp::from_second(1_800_000_000 + i64::from(*n)).expect("a time"),
            text: text.clone(),
            replies: vec![Reply {
                written: jiff::Timestamp::from_second(1_900_000_000).expect("a time"),
                author: "Other".to_owned(),
                text: "noted".to_owned(),
            }],
            resolved: None,
        }),
    }
}

fn edited(base: &Plan, edits: &[Edit]) -> Plan {
    let mut plan = base.clone();
    for e in edits {
        apply(&mut plan, e);
    }
    plan
}

/// The plan as a comparable text (the lineage aside: a merge records both parents).
fn text(plan: &Plan) -> String {
    let mut plan = plan.clone();
    plan.lineage = merger_planner::model::Lineage::default();
    merger_planner::persist::to_text(&plan).expect("a plan is written as RON")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn merging_a_plan_with_itself_or_with_an_unchanged_copy_gives_the_edited_plan(
        edits in prop::collection::vec(edit(), 0..6),
    ) {
        let base = example::bournemouth_poole();
        let a = edited(&base, &edits);
        let same = merge(&a, &a, &a, &[], Side::Mine);
        prop_assert!(same.conflicts.is_empty() && same.taken.is_empty());
        prop_assert_eq!(text(&same.plan), text(&a));
        let mine_only = merge(&base, &a, &base, &[], Side::Mine);
        prop_assert!(mine_only.conflicts.is_empty());
        prop_assert_eq!(text(&mine_only.plan), text(&a));
        let theirs_only = merge(&base, &base, &a, &[], Side::Mine);
        prop_assert!(theirs_only.conflicts.is_empty());
        prop_assert_eq!(text(&theirs_only.plan), text(&a));
    }

    #[test]
    fn a_clean_merge_is_the_same_whichever_copy_is_mine(
        mine in prop::collection::vec(edit(), 0..5),
        theirs in prop::collection::vec(edit(), 0..5),
    ) {
        let base = example::bournemouth_poole();
        let (a, b) = (edited(&base, &mine), edited(&base, &theirs));
        let ab = merge(&base, &a, &b, &[], Side::Mine);
        let ba = merge(&base, &b, &a, &[], Side::Mine);
        prop_assert_eq!(ab.conflicts.len(), ba.conflicts.len());
        if ab.conflicts.is_empty() {
            prop_assert_eq!(text(&ab.plan), text(&ba.plan));
        }
        // Settling every conflict the other way round gives the same plan too.
        let ab_theirs = merge(&base, &a, &b, &[], Side::Theirs);
        let ba_mine = merge(&base, &b, &a, &[], Side::Mine);
        prop_assert_eq!(ab_theirs.conflicts.len(), ba_mine.conflicts.len());
    }

    #[test]
    fn edits_to_different_items_always_merge_clean_and_both_survive(
        one in edit(),
        other in edit(),
    ) {
        let base = example::bournemouth_poole();
        let (t1, t2) = (touches(&base, &one), touches(&base, &other));
        prop_assume!(t1.iter().all(|t| !t2.contains(t)));
        let (a, b) = (
            edited(&base, std::slice::from_ref(&one)),
            edited(&base, std::slice::from_ref(&other)),
        );
        let merged = merge(&base, &a, &b, &[], Side::Mine);
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        // Each edit applied to the other copy gives the merge: both survive.
        let both = edited(&a, &[other]);
        let both_other_way = edited(&b, &[one]);
        let m = text(&merged.plan);
        prop_assert!(m == text(&both) || m == text(&both_other_way));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn a_deletion_against_an_edit_is_always_a_conflict_settled_either_way(
        i in 0usize..10_000,
        salary in 15_000i64..95_000,
    ) {
        let base = example::bournemouth_poole();
        let i = i % base.posts.len();
        let mut deleted = base.clone();
        deleted.posts.remove(i);
        let mut edited = base.clone();
        edited.posts[i].salary = Money::pounds(salary);
        for (mine, theirs, kept) in [(&deleted, &edited, Side::Theirs), (&edited, &deleted, Side::Mine)] {
            let m = merge(&base, mine, theirs, &[], Side::Mine);
            prop_assert_eq!(m.conflicts.len(), 1);
            prop_assert!(m.conflicts[0].field.is_empty());
            let settled = merge(&base, mine, theirs, &[kept], Side::Mine);
            prop_assert_eq!(text(&settled.plan), text(&edited));
        }
    }
}

#[test]
fn the_same_edit_on_both_sides_is_taken_once_and_different_edits_conflict() {
    let base = example::bournemouth_poole();
    let mut a = base.clone();
    a.posts[4].fte = 0.5;
    let same = merge(&base, &a, &a.clone(), &[], Side::Mine);
    assert!(same.conflicts.is_empty());
    assert_eq!(same.taken.len(), 1);
    assert_eq!(same.taken[0].from.word(), "both");
    let mut b = base.clone();
    b.posts[4].fte = 0.6;
    let clash = merge(&base, &a, &b, &[], Side::Mine);
    assert_eq!(clash.conflicts.len(), 1);
    assert_eq!(clash.conflicts[0].field, "fte");
}

#[test]
fn both_copies_answering_a_comment_keeps_every_answer() {
    let mut base = example::bournemouth_poole();
    apply(&mut base, &Edit::Comment(1, "why this target".to_owned()));
    let answer = |who: &str, at: i64| Reply {
        written: jiff::Timestamp::from_second(at).unwrap(),
        author: who.to_owned(),
        text: format!("{who} says"),
    };
    let mut a = base.clone();
    a.comments[0].replies.push(answer("Ann", 1_950_000_000));
    let mut b = base.clone();
    b.comments[0].replies.push(answer("Bob", 1_940_000_000));
    b.comments[0].resolved = Some(merger_planner::model::Resolved {
        by: "Bob".to_owned(),
        at: jiff::Timestamp::from_second(1_940_000_001).unwrap(),
    });
    let merged = merge(&base, &a, &b, &[], Side::Mine);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let replies: Vec<&str> = merged.plan.comments[0]
        .replies
        .iter()
        .map(|r| r.author.as_str())
        .collect();
    assert_eq!(replies, ["Other", "Bob", "Ann"]);
    assert!(merged.plan.comments[0].resolved.is_some());
}
