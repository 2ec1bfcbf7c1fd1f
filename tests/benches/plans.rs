//! The plan both benchmarks measure: 20 councils and 50,000 posts, as England's reorganisation
//! merges a county and a dozen districts (a fixed seed, so every run measures the same plan).

use merger_planner::example;
use merger_planner::model::Plan;

/// The 50,000-post, 20-council plan, described on standard error.
pub fn large() -> Plan {
    let plan = example::reorganisation(20, 50_000, 7);
    eprintln!(
        "plan: {} councils, {} posts, {} roles",
        plan.councils.len(),
        plan.posts.len(),
        plan.roles.len()
    );
    plan
}
