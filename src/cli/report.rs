//! `report`: the headline figures, problems and flags of a plan in a scenario, as text or JSON.

use super::{Failure, Format, chosen_scenario, read_plan, report_problems};
use crate::engine;
use crate::figures::report;
use crate::model::validate;
use crate::persist::plan_file;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args, Debug)]
pub(super) struct ReportArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// A saved scenario (default: Base)
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// text or json
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// The anonymised release instead: every table and chart's figures as the anonymised papers
    /// give them, figures about fewer than 5 people and any that would give them away hidden
    #[arg(long)]
    anonymised: bool,
    /// Print the open, validate and evaluate times on standard error
    #[arg(long)]
    timings: bool,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

pub(super) fn report_cmd(
    args: &ReportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let started = Instant::now();
    let plan = read_plan(&args.plan, args.max_plan_mb, err)?;
    let opened = started.elapsed();
    let started = Instant::now();
    let problems = validate(&plan);
    let validated = started.elapsed();
    report_problems(&plan, &problems, &args.plan.display().to_string(), err)?;
    let scenario = chosen_scenario(args.scenario.as_deref(), &plan, &args.plan)?;
    let started = Instant::now();
    let outcome = engine::evaluate(&plan, &scenario);
    let evaluated = started.elapsed();
    if args.timings {
        let _ = writeln!(err, "open {}", millis(opened));
        let _ = writeln!(err, "validate {}", millis(validated));
        let _ = writeln!(err, "evaluate {}", millis(evaluated));
    }
    if args.anonymised {
        let papers = crate::figures::tables::papers(
            &plan,
            &scenario,
            crate::figures::tables::Options {
                anonymised: true,
                leavers: false,
                comments: false,
            },
            None,
        );
        let text = if args.format == Format::Json {
            serde_json::to_string_pretty(&report::anonymised_json(
                &plan.name,
                &outcome.scenario,
                &papers,
            ))
            .map_err(|e| Failure::Input(e.to_string()))?
        } else {
            report::anonymised_text(&papers)
        };
        let _ = writeln!(out, "{text}");
        return Ok(0);
    }
    let signed = crate::document::review::lines(&plan, true);
    let text = if args.format == Format::Json {
        serde_json::to_string_pretty(&report::json_report_with(&plan, &outcome, &signed))
            .map_err(|e| Failure::Input(e.to_string()))?
    } else {
        let mut text = String::new();
        for line in &signed {
            text.push_str(line);
            text.push('\n');
        }
        if !signed.is_empty() {
            text.push('\n');
        }
        text + &report::text(&plan, &outcome)
    };
    let _ = writeln!(out, "{text}");
    Ok(0)
}

/// "212 ms" under ten seconds' worth of milliseconds, "4.1 ms" under ten.
fn millis(d: std::time::Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}
