//! `risk`: the Monte Carlo run over a scenario's uncertain inputs.

use super::{Failure, Format, chosen_scenario, open_plan, print, with_progress};
use crate::engine;
use crate::figures::report;
use crate::persist::plan_file;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(super) struct RiskArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// The scenario (default: Base, the plan as it stands)
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// How many draws
    #[arg(long, value_name = "N", default_value_t = 2_000)]
    draws: usize,
    /// The seed: the same seed gives the same figures
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

pub(super) fn risk_cmd(
    args: &RiskArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    if args.draws == 0 {
        return Err(Failure::Usage(
            "--draws must be 1 or more (2,000 is plenty)".to_owned(),
        ));
    }
    let plan = open_plan(&args.plan, args.max_plan_mb, err)?;
    let most = engine::risk::most_draws(plan.posts.len());
    if args.draws > most {
        return Err(Failure::Usage(format!(
            "--draws {} is more than the {} a plan of {} posts is run for (each draw works out every post; 2,000 is plenty: beyond it P10, P50 and P90 move by a fraction of a per cent)",
            crate::format::thousands(args.draws as u64),
            crate::format::thousands(most as u64),
            crate::format::thousands(plan.posts.len() as u64),
        )));
    }
    let scenario = chosen_scenario(args.scenario.as_deref(), &plan, &args.plan)?;
    if !scenario.ranges.or(&plan.assumptions.ranges).any() {
        let _ = writeln!(
            err,
            "note: scenario {} has no uncertain inputs: every draw is the same",
            scenario.name
        );
    }
    let settings = engine::risk::Settings {
        draws: args.draws,
        seed: args.seed,
        ..engine::risk::Settings::default()
    };
    let risk = with_progress(err, "draws", args.draws, |progress| {
        engine::risk::run(
            &plan,
            &scenario,
            settings,
            progress,
            &std::sync::atomic::AtomicBool::new(false),
        )
    })
    .ok_or_else(|| Failure::Input("the run was cancelled".to_owned()))?;
    print(
        out,
        args.format,
        || report::risk_json(&risk),
        || report::risk_text(&risk),
    )?;
    Ok(0)
}
