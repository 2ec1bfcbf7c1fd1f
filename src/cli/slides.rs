//! `export-slides`: every slide of the plan's presentation as a PNG file, drawn off screen.

use super::{Failure, chosen_scenario, may_write, open_plan};
use crate::persist::plan_file;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(super) struct ExportSlidesArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// The folder to write the slides to
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Pixels, as WIDTHxHEIGHT (default 1920x1080)
    #[arg(long, value_name = "WxH")]
    size: Option<String>,
    /// A saved scenario (default: Base)
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// Replace slides already in DIR
    #[arg(long)]
    force: bool,
    /// Only the slides an anonymised release may show: a chart with a figure the anonymised
    /// tables hide is left out (standard error says which, and why)
    #[arg(long)]
    anonymised: bool,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

pub(super) fn export_slides_cmd(
    args: &ExportSlidesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    use crate::export::{offscreen, png};
    let size = args
        .size
        .as_deref()
        .map(offscreen::parse_size)
        .transpose()
        .map_err(|e| Failure::Input(format!("--size {e}")))?
        .unwrap_or(png::DEFAULT_SIZE);
    let plan = open_plan(&args.plan, args.max_plan_mb, err)?;
    let scenario = chosen_scenario(args.scenario.as_deref(), &plan, &args.plan)?;
    for (i, chart) in crate::figures::charts::shown_slides(&plan)
        .into_iter()
        .enumerate()
    {
        let file = args.out.join(png::slide_file_name(i, chart));
        may_write(&file, args.force, &[&args.plan])?;
    }
    let mut renderer = offscreen::Offscreen::new().map_err(|e| Failure::Input(e.to_string()))?;
    let files = if args.anonymised {
        let made = png::anonymised_slides(&mut renderer, &plan, &scenario, &args.out, size)
            .map_err(|e| Failure::Input(e.to_string()))?;
        if !made.left_out.is_empty() {
            let names: Vec<&str> = made.left_out.iter().map(|c| c.name()).collect();
            let _ = writeln!(
                err,
                "Not drawn: {} (each would show a figure the anonymised tables hide; report --anonymised gives their tables)",
                names.join(", ")
            );
        }
        if let Some(note) = &made.protection {
            let _ = writeln!(err, "{note}");
        }
        made.files
    } else {
        png::slides(&mut renderer, &plan, &scenario, &args.out, size)
            .map_err(|e| Failure::Input(e.to_string()))?
    };
    for f in files {
        let _ = writeln!(out, "{}", f.display());
    }
    Ok(0)
}
