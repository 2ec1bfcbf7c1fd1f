//! `seek`: the role targets that reach a saving, as a new scenario.

use super::{Failure, Format, chosen_scenario, may_write_plan, open_plan, print, write_plan};
use crate::document::review::Signatures;
use crate::engine;
use crate::figures::report;
use crate::persist::plan_file;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(super) struct SeekArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// The recurring saving a year to reach, in pounds: 12300000, £12,300,000
    #[arg(long, value_name = "POUNDS")]
    saving: String,
    /// No compulsory redundancies (the new scenario turns them off)
    #[arg(long)]
    no_compulsory: bool,
    /// Payback within this many years
    #[arg(long, value_name = "YEARS")]
    max_payback: Option<f64>,
    /// Each function keeps at least this percentage of today's FTE
    #[arg(long, value_name = "PERCENT")]
    min_function_share: Option<f64>,
    /// Keep every role at or above the FTE of its critical posts
    #[arg(long, value_name = "yes|no", default_value = "yes")]
    keep_critical: String,
    /// The scenario to start from (default: Base)
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// The new scenario's name
    #[arg(long, value_name = "NAME")]
    scenario_name: Option<String>,
    /// Where to write the plan with the new scenario
    #[arg(long, value_name = "PLAN.ron")]
    out: PathBuf,
    /// Replace --out if it exists (the old plan is kept as PLAN.ron.bak)
    #[arg(long)]
    force: bool,
    /// text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

pub(super) fn seek_cmd(
    args: &SeekArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let saving = crate::model::parse_money(&args.saving)
        .filter(|m| m.pence() > 0)
        .ok_or_else(|| {
            Failure::Usage(format!(
                "--saving '{}' is not an amount of money above nothing; write it in pounds, as 12300000 or £12,300,000",
                args.saving
            ))
        })?;
    if let Some(y) = args.max_payback
        && !(y > 0.0 && y <= crate::engine::seek::LONGEST_PAYBACK_YEARS)
    {
        return Err(Failure::Usage(format!(
            "--max-payback must be a number of years above 0 and at most {} (a longer limit is none: leave it out)",
            crate::engine::seek::LONGEST_PAYBACK_YEARS
        )));
    }
    if let Some(p) = args.min_function_share
        && !(0.0..=100.0).contains(&p)
    {
        return Err(Failure::Usage(
            "--min-function-share is a percentage from 0 to 100".to_owned(),
        ));
    }
    let keep_critical = match args.keep_critical.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => true,
        "no" | "n" | "false" => false,
        other => {
            return Err(Failure::Usage(format!(
                "--keep-critical '{other}': write yes or no"
            )));
        }
    };
    let _lock = may_write_plan(&args.out, args.force, &[&args.plan])?;
    let mut plan = open_plan(&args.plan, args.max_plan_mb, err)?;
    let signatures = Signatures::of(&plan);
    let from = chosen_scenario(args.scenario.as_deref(), &plan, &args.plan)?;
    let name = args
        .scenario_name
        .clone()
        .unwrap_or_else(|| format!("Save {} a year", saving.compact()));
    if plan.scenario(&name).is_some() {
        return Err(Failure::Input(format!(
            "the plan already has a scenario called {name}; give --scenario-name another"
        )));
    }
    let goal = engine::seek::Goal {
        saving,
        no_compulsory: args.no_compulsory,
        max_payback_years: args.max_payback,
        min_function_share: args.min_function_share.map(|p| p / 100.0),
        keep_critical,
    };
    match engine::seek::seek(&plan, &from, &goal, &name) {
        Ok(p) => {
            print(
                out,
                args.format,
                || report::seek_json(&p),
                || report::seek_text(&p),
            )?;
            plan.scenarios.push(p.scenario);
            write_plan(&args.out, &plan, &signatures)?;
            let _ = writeln!(err, "Wrote {} with scenario {name}", args.out.display());
            Ok(0)
        }
        Err(short) => {
            let _ = writeln!(err, "error: {}", report::shortfall_words(&goal, &short));
            let _ = writeln!(err, "nothing was written");
            Ok(1)
        }
    }
}
