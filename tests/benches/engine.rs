//! Benchmarks of the engine: `cargo bench`. Goal: a 50,000-post, 20-council plan evaluates in
//! under 10 ms on the 2-core reference machine. Criterion prints the time of each.

mod plans;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use merger_planner::engine::evaluate_base;
use merger_planner::io::{plan_file, synthetic};
use merger_planner::model::validate;

fn large_plan(c: &mut Criterion) {
    let plan = plans::large();
    c.bench_function("evaluate 50,000 posts, 20 councils", |b| {
        b.iter(|| evaluate_base(black_box(&plan)));
    });
    c.bench_function("validate 50,000 posts, 20 councils", |b| {
        b.iter(|| validate(black_box(&plan)));
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
    group.finish();
}

fn example_plan(c: &mut Criterion) {
    let plan = synthetic::bournemouth_poole();
    c.bench_function("evaluate Bournemouth and Poole", |b| {
        b.iter(|| evaluate_base(black_box(&plan)));
    });
}

criterion_group!(benches, large_plan, example_plan);
criterion_main!(benches);
