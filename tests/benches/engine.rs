//! Benchmarks of the engine and the document: `cargo bench --bench engine`. Criterion prints the
//! time of each; docs/performance.md holds the targets and the figures measured.
//!
//! - evaluate 10,000, 50,000, 100,000 and 1,000,000 posts (20 councils): the cost grows linearly;
//!   targets 5 ms at 50,000 and 150 ms at 1,000,000;
//! - evaluate the 50,000 posts again after an edit to one, reusing what the evaluation before
//!   kept (incremental evaluation): target 2 ms;
//! - the equality impact of 50,000 posts (part of each evaluation, for its flags);
//! - validate 50,000 posts;
//! - derive every figure the app shows (outcome, problems, chart figures, table rows) and an edit
//!   of one post through to those figures: target 8 ms at 50,000 posts;
//! - parse and write the 50,000-post plan file: targets 300 ms and 200 ms;
//! - the goal seek on the 50,000-post plan, for a saving that takes volunteers and a little
//!   compulsory redundancy (it runs when the director asks, in the window).

mod plans;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use merger_planner::document::Derived;
use merger_planner::document::Document;
use merger_planner::document::edit::Edit;
use merger_planner::engine::{Memo, evaluate_after, evaluate_base};
use merger_planner::example;
use merger_planner::model::validate;
use merger_planner::persist::plan_file;

fn large_plan(c: &mut Criterion) {
    let plan = plans::large();
    c.bench_function("evaluate 50,000 posts, 20 councils", |b| {
        b.iter(|| evaluate_base(black_box(&plan)));
    });
    // The figures alone, as each draw of a Monte Carlo run: the flags are the difference.
    let base = merger_planner::model::Scenario {
        name: merger_planner::model::Scenario::BASE.to_owned(),
        ..Default::default()
    };
    c.bench_function("evaluate 50,000 posts, figures only", |b| {
        b.iter(|| merger_planner::engine::evaluate_figures(black_box(&plan), &base));
    });
    // The equality impact (age, sex, ethnicity, disability; whole plan and each pool), which
    // every evaluation works out for its flags.
    let outcome = evaluate_base(&plan);
    c.bench_function("equality impact of 50,000 posts", |b| {
        b.iter(|| merger_planner::engine::equality::equality(black_box(&plan), &outcome));
    });
    // An edit to one post's salary, evaluated with what the evaluation before it kept.
    let mut edited = plan.clone();
    let mut memo = evaluate_after(&edited, &base, &Memo::default()).memo;
    c.bench_function("evaluate again after an edit to one post", |b| {
        b.iter(|| {
            edited.posts[100].salary += merger_planner::model::Money::pounds(1);
            let again = evaluate_after(black_box(&edited), &base, &memo);
            memo = again.memo;
            black_box(again.outcome.totals.recurring_saving)
        });
    });
    c.bench_function("validate 50,000 posts, 20 councils", |b| {
        b.iter(|| validate(black_box(&plan)));
    });
    c.bench_function("clone the 50,000-post plan", |b| {
        b.iter(|| black_box(&plan).clone());
    });
    let text = plan_file::to_text(&plan).unwrap_or_default();
    eprintln!("plan file: {:.1} MB", text.len() as f64 / 1e6);
    let mut group = c.benchmark_group("plan file");
    group.sample_size(10);
    group.bench_function("parse 50,000 posts", |b| {
        b.iter(|| plan_file::parse(black_box(&text)));
    });
    group.bench_function("write 50,000 posts", |b| {
        b.iter(|| plan_file::to_text(black_box(&plan)));
    });
    // What a save adds: the hash of the version it records (docs/collaboration.md).
    group.bench_function("hash 50,000 posts (the version a save records)", |b| {
        b.iter(|| merger_planner::persist::version::version_hash(black_box(&plan)));
    });
    // Two copies with 100 posts edited in each, 10 of them the same posts edited differently.
    let edited = |from: usize, salary: i64| {
        let mut copy = plan.clone();
        let n = copy.posts.len();
        for i in (from..from + 100).map(|i| i * 487 % n) {
            copy.posts[i].salary = merger_planner::model::Money::pounds(salary);
        }
        copy
    };
    let (mine, theirs) = (edited(0, 40_000), edited(90, 41_000));
    group.bench_function("merge two copies of 50,000 posts, 100 edits each", |b| {
        b.iter(|| {
            merger_planner::document::merge::merge(
                black_box(&plan),
                &mine,
                &theirs,
                &[],
                merger_planner::document::merge::Side::Mine,
            )
        });
    });
    group.finish();
}

/// Evaluating grows linearly with the posts: 10,000, 100,000 and 1,000,000.
fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate, 20 councils");
    group.sample_size(10);
    for posts in [10_000, 100_000, 1_000_000] {
        let plan = example::reorganisation(20, posts, 7);
        group.bench_function(format!("{posts} posts"), |b| {
            b.iter(|| evaluate_base(black_box(&plan)));
        });
    }
    group.finish();
}

/// Everything the app derives from a revision, and one post's edit through to it.
fn document(c: &mut Criterion) {
    let mut doc = Document::new(plans::large(), None);
    let mut group = c.benchmark_group("document, 50,000 posts");
    group.sample_size(20);
    group.bench_function("derive every figure", |b| {
        // From nothing kept: the figures of a plan just opened.
        b.iter(|| black_box(Derived::new(black_box(doc.plan()), "Base", 1).errors));
    });
    let mut salary = doc.plan().posts[100].salary;
    group.bench_function("edit one post's salary to the figures", |b| {
        b.iter(|| {
            salary += merger_planner::model::Money::pounds(1);
            let mut post = doc.plan().posts[100].clone();
            post.salary = salary;
            doc.edit(Edit::post("salary", 100, post).keyed("bench"));
            black_box(doc.current().outcome.totals.recurring_saving)
        });
    });
    group.finish();
}

fn example_plan(c: &mut Criterion) {
    let plan = example::bournemouth_poole();
    c.bench_function("evaluate Bournemouth and Poole", |b| {
        b.iter(|| evaluate_base(black_box(&plan)));
    });
}

/// The anonymised papers' tables with their protection (primary and secondary suppression and the
/// audit): the Bournemouth and Poole example (many small pools) and the 50,000-post plan.
fn anonymised(c: &mut Criterion) {
    use merger_planner::figures::tables::{Options, all};
    use merger_planner::model::Scenario;
    let options = Options {
        anonymised: true,
        leavers: false,
        comments: false,
    };
    let base = Scenario {
        name: Scenario::BASE.to_owned(),
        ..Scenario::default()
    };
    let mut group = c.benchmark_group("anonymised tables");
    group.sample_size(10);
    let example = example::bournemouth_poole();
    group.bench_function("Bournemouth and Poole", |b| {
        b.iter(|| black_box(all(&example, &base, options).len()));
    });
    let large = plans::large();
    group.bench_function("50,000 posts, 20 councils", |b| {
        b.iter(|| black_box(all(&large, &base, options).len()));
    });
    // What Pools > Equality protects the first time it is shown after a change.
    let o = merger_planner::engine::evaluate(&example, &base);
    group.bench_function("Bournemouth and Poole, the equality impact alone", |b| {
        b.iter(|| {
            black_box(
                merger_planner::figures::tables::protected_equality(&example, &o)
                    .rows
                    .len(),
            )
        });
    });
    group.finish();
}

fn goal_seek(c: &mut Criterion) {
    use merger_planner::engine::seek::{Goal, seek};
    use merger_planner::model::{Money, Scenario};
    let plan = plans::large();
    let base = plan.scenario(Scenario::BASE).expect("the base scenario");
    let mut group = c.benchmark_group("goal seek");
    group.sample_size(10);
    group.bench_function("50,000 posts, £150m a year", |b| {
        let goal = Goal {
            saving: Money::pounds(150_000_000),
            ..Goal::default()
        };
        b.iter(|| seek(black_box(&plan), &base, &goal, "Seek").is_ok());
    });
    group.finish();
}

criterion_group!(
    benches,
    anonymised,
    large_plan,
    document,
    scaling,
    example_plan,
    goal_seek
);
criterion_main!(benches);
