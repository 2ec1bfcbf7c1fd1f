//! Any bytes as a plan file: read, validated and, when valid, evaluated, without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use merger_planner::model::{Severity, validate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(plan) = merger_planner::persist::plan_file::parse(text) {
        let problems = validate(&plan);
        if !problems.iter().any(|p| p.severity == Severity::Error) {
            let _ = merger_planner::engine::evaluate_base(&plan);
        }
    }
});
