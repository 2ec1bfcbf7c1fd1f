//! `compare` and `diff`: scenarios side by side, and what changed between two versions of a plan.

use super::{Failure, Format, chosen_scenario, open_plan, print};
use crate::engine;
use crate::figures::report;
use crate::persist::plan_file;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(super) struct CompareArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// The scenarios, comma-separated, the first the one the others are compared with
    #[arg(long, value_name = "A,B", value_delimiter = ',', required = true)]
    scenarios: Vec<String>,
    /// text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

#[derive(Args, Debug)]
pub(super) struct DiffArgs {
    /// The older plan file
    #[arg(value_name = "OLD.ron")]
    old: PathBuf,
    /// The newer plan file
    #[arg(value_name = "NEW.ron")]
    new: PathBuf,
    /// text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

pub(super) fn compare_cmd(
    args: &CompareArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let names: Vec<&str> = args
        .scenarios
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if names.len() < 2 {
        return Err(Failure::Usage(
            "name two or more scenarios to compare: --scenarios Base,\"VR only\"".to_owned(),
        ));
    }
    let plan = open_plan(&args.plan, args.max_plan_mb, err)?;
    let mut outcomes = Vec::new();
    for name in &names {
        let scenario = chosen_scenario(Some(name), &plan, &args.plan)?;
        outcomes.push(engine::evaluate(&plan, &scenario));
    }
    print(
        out,
        args.format,
        || report::compare_json(&outcomes),
        || report::compare_text(&outcomes),
    )?;
    Ok(0)
}

pub(super) fn diff_cmd(
    args: &DiffArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    use crate::document::diff;
    let old = open_plan(&args.old, args.max_plan_mb, err)?;
    let new = open_plan(&args.new, args.max_plan_mb, err)?;
    let changes = diff::diff(&old, &new);
    if args.format == Format::Json {
        let text = serde_json::to_string_pretty(&changes)
            .map_err(|e| Failure::Input(format!("could not write the changes as JSON: {e}")))?;
        let _ = writeln!(out, "{text}");
        return Ok(0);
    }
    let _ = writeln!(
        out,
        "{} → {}: {}",
        args.old.display(),
        args.new.display(),
        crate::format::plural(changes.len(), "change")
    );
    for (what, [added, changed, removed]) in diff::counts(&changes) {
        let _ = writeln!(
            out,
            "  {}: {added} added, {changed} changed, {removed} removed",
            what.word()
        );
    }
    // Each change in words, naming things as the newer plan does; the JSON keeps the fields
    // as the plan file names them.
    for change in &changes {
        let _ = writeln!(out, "{}", crate::document::label::words(&new, change));
    }
    let (a, b) = (
        engine::evaluate_base(&old).totals,
        engine::evaluate_base(&new).totals,
    );
    let _ = writeln!(out, "\nEffect on the base scenario's headline figures:");
    for (name, before, after) in [
        (
            "Recurring saving a year",
            a.recurring_saving,
            b.recurring_saving,
        ),
        ("One-off cost", a.one_off_cost, b.one_off_cost),
        ("Cost today", a.baseline_cost, b.baseline_cost),
    ] {
        let _ = writeln!(
            out,
            "  {name}: {} → {} ({}{})",
            before.full(),
            after.full(),
            if after >= before { "+" } else { "" },
            (after - before).full()
        );
    }
    let _ = writeln!(
        out,
        "  Target FTE: {} → {}; FTE today: {} → {}",
        crate::format::fte(a.target_fte),
        crate::format::fte(b.target_fte),
        crate::format::fte(a.flows.current()),
        crate::format::fte(b.flows.current())
    );
    Ok(0)
}
