//! Merger Planner: plan the merger of UK councils' back-office services.
//!
//! [`model`] is the plan as saved, [`engine`] turns a plan into an outcome, [`figures`] makes
//! every table and sentence of the papers from it, [`charts`] draws the figures with egui,
//! [`persist`] reads and writes the plan file, [`document`] is an open plan (its file, history
//! and derived figures), [`import`] reads HR exports, [`export`] writes the papers, [`cli`] runs
//! the headless commands and [`ui`] is the desktop app. [`example`] makes realistic synthetic
//! plans. ARCHITECTURE.md gives the layers and what each may use.
//!
//! ```
//! use merger_planner::{engine, example};
//!
//! let plan = example::bournemouth_poole();
//! let outcome = engine::evaluate_base(&plan);
//! let t = &outcome.totals;
//! // The recurring saving is today's cost less the target structure's, to the penny.
//! assert_eq!(t.recurring_saving, t.baseline_cost - t.target_cost);
//! println!("saves {} a year for {} once", t.recurring_saving.compact(), t.one_off_cost.compact());
//! ```

pub mod charts;
pub mod cli;
pub mod document;
pub mod engine;
pub mod example;
pub mod export;
pub mod figures;
pub mod format;
pub mod import;
pub mod model;
pub mod persist;
pub mod theme;
pub mod ui;

#[cfg(test)]
mod architecture;

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// When the program started (the first call, which `main` makes first thing), so the app can say
/// how long its first frame took.
pub fn started() -> std::time::Instant {
    *STARTED.get_or_init(std::time::Instant::now)
}

/// The version and git commit this build was made from, e.g. `0.1.0 (abc1234)`.
pub fn version() -> String {
    let commit = env!("MERGER_PLANNER_COMMIT");
    if commit.is_empty() {
        env!("CARGO_PKG_VERSION").to_owned()
    } else {
        format!("{} ({commit})", env!("CARGO_PKG_VERSION"))
    }
}
