//! The Monte Carlo run: `cargo bench --bench risk`. Target: 2,000 draws of a
//! 5,000-post plan in 2 s or less on the reference machine (2 cores). It prints the time of a
//! whole run, on one thread and on every core, and the draws a second.

use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::time::Instant;

use merger_planner::engine::risk;
use merger_planner::example;
use merger_planner::model::Scenario;

fn main() {
    // Northshire's reorganisation carries ranges for every uncertain input.
    let plan = example::reorganisation(7, 5_000, 1);
    let base = Scenario {
        name: "Base".into(),
        ..Scenario::default()
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    for threads in [1, cores] {
        let settings = risk::Settings {
            draws: 2_000,
            seed: 1,
            threads,
        };
        let started = Instant::now();
        let result = risk::run(
            &plan,
            &base,
            settings,
            &AtomicUsize::new(0),
            &AtomicBool::new(false),
        );
        let took = started.elapsed().as_secs_f64();
        let p50 = result.map_or(0.0, |r| r.one_off_cost.p50);
        eprintln!(
            "risk: 2,000 draws of 5,000 posts on {threads} thread(s): {took:.2} s ({:.0} draws a second; one-off P50 £{p50:.0}) (target 2 s)",
            2_000.0 / took
        );
    }
}
