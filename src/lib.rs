//! Merger Planner: plan the merger of UK councils' back-office services.
//!
//! [`model`] is the plan as saved, [`engine`] turns a plan into figures, [`io`] reads and writes
//! files, [`cli`] runs the headless commands and [`ui`] is the desktop app.

pub mod cli;
pub mod engine;
pub mod io;
pub mod model;
pub mod ui;

/// The version and git commit this build was made from, e.g. `0.1.0 (abc1234)`.
pub fn version() -> String {
    let commit = env!("MERGER_PLANNER_COMMIT");
    if commit.is_empty() {
        env!("CARGO_PKG_VERSION").to_owned()
    } else {
        format!("{} ({commit})", env!("CARGO_PKG_VERSION"))
    }
}
