//! `export`: the board papers (workbook, CSV tables, board pack PDF, consultation drafts).

use super::{Failure, chosen_scenario, may_write, open_plan, with_progress};
use crate::engine;
use crate::persist::plan_file;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(super) struct ExportArgs {
    /// The plan file
    #[arg(value_name = "PLAN.ron")]
    plan: PathBuf,
    /// The Excel workbook to write
    #[arg(long, value_name = "OUT.xlsx")]
    xlsx: Option<PathBuf>,
    /// The folder to write each table to as a CSV file
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
    /// The folder to write the consultation drafts to (HR1 and s.188(4) letter, .docx)
    #[arg(long, value_name = "DIR")]
    letters: Option<PathBuf>,
    /// The board pack to write, as a PDF
    #[arg(long, value_name = "OUT.pdf")]
    pdf: Option<PathBuf>,
    /// A saved scenario (default: Base)
    #[arg(long, value_name = "NAME")]
    scenario: Option<String>,
    /// No post ids, dates of birth or individual pay; groups of fewer than 5 hidden
    #[arg(long)]
    anonymised: bool,
    /// Add the leavers' schedule (OFFICIAL-SENSITIVE; not with --anonymised)
    #[arg(long)]
    leavers: bool,
    /// Add the open comments as an appendix (not with --anonymised: comments never go into
    /// anonymised papers)
    #[arg(long)]
    comments: bool,
    /// Leave the Monte Carlo run of the uncertain inputs out of the papers (the papers say so)
    #[arg(long)]
    no_uncertainty: bool,
    /// Replace files already there
    #[arg(long)]
    force: bool,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

pub(super) fn export_cmd(
    args: &ExportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    use crate::export::{csv, workbook};
    use crate::figures::tables;
    if args.xlsx.is_none() && args.csv.is_none() && args.letters.is_none() && args.pdf.is_none() {
        return Err(Failure::Usage(
            "say what to write: --xlsx OUT.xlsx, --csv DIR, --letters DIR, --pdf OUT.pdf or more than one"
                .to_owned(),
        ));
    }
    if args.anonymised && args.leavers {
        return Err(Failure::Usage(
            "--leavers lists individual people, so it cannot be --anonymised; leave one out"
                .to_owned(),
        ));
    }
    if args.anonymised && args.comments {
        return Err(Failure::Usage(
            "--comments adds comments about named posts and people, so it cannot be --anonymised; leave one out"
                .to_owned(),
        ));
    }
    let plan = open_plan(&args.plan, args.max_plan_mb, err)?;
    let scenario = chosen_scenario(args.scenario.as_deref(), &plan, &args.plan)?;
    let options = tables::Options {
        anonymised: args.anonymised,
        leavers: args.leavers,
        comments: args.comments,
    };
    // The Monte Carlo run the papers show, made once for all of them (fewer draws for a large
    // plan, none past the papers' limit: the papers say which).
    let papers = args.xlsx.is_some() || args.csv.is_some() || args.pdf.is_some();
    let risk = if papers && !args.no_uncertainty && engine::risk::has_ranges(&plan, &scenario) {
        let draws = engine::risk::paper_draws(plan.posts.len()).unwrap_or(0);
        with_progress(err, "draws of the uncertainty run", draws, |progress| {
            engine::risk::for_papers_counting(&plan, &scenario, progress)
        })
    } else {
        None
    };
    let mut all = if args.xlsx.is_some() || args.csv.is_some() {
        tables::all_with(&plan, &scenario, options, risk.as_ref())
    } else {
        Vec::new()
    };
    crate::export::sign_offs_into(
        &mut all,
        &crate::document::review::lines(&plan, !args.anonymised),
    );
    if let Some(path) = &args.xlsx {
        may_write(path, args.force, &[&args.plan])?;
        workbook::write_tables(path, &plan, &all).map_err(Failure::Input)?;
        let _ = writeln!(out, "{}", path.display());
    }
    if let Some(dir) = &args.csv {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::Input(format!("could not make the folder {}: {e}", dir.display()))
        })?;
        for (i, table) in all.iter().enumerate() {
            may_write(
                &dir.join(csv::csv_file_name(i, table)),
                args.force,
                &[&args.plan],
            )?;
        }
        for path in csv::write_csv(dir, &all).map_err(Failure::Input)? {
            let _ = writeln!(out, "{}", path.display());
        }
    }
    if let Some(path) = &args.pdf {
        may_write(path, args.force, &[&args.plan])?;
        let mut renderer = crate::export::offscreen::Offscreen::new()
            .map_err(|e| Failure::Input(e.to_string()))?;
        let pack = crate::export::pack::board_pack_with(
            &mut renderer,
            &plan,
            &scenario,
            options,
            risk.as_ref(),
        )
        .map_err(|e| Failure::Input(e.to_string()))?;
        plan_file::write_atomic(path, &pack.bytes).map_err(|e| Failure::Input(e.to_string()))?;
        let _ = writeln!(out, "{}", path.display());
        if all.is_empty()
            && let Some(note) = &pack.protection
        {
            let _ = writeln!(err, "{note}");
        }
    }
    if let Some(note) = tables::protection_note(&all) {
        let _ = writeln!(err, "{note}");
    }
    if let Some(dir) = &args.letters {
        use crate::export::drafts;
        let all = drafts::drafts(&plan, &scenario, args.anonymised);
        if all.is_empty() {
            let _ = writeln!(
                err,
                "no council owes collective consultation in this scenario (fewer than 20 proposed redundancies each), so there are no drafts to write"
            );
        }
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::Input(format!("could not make the folder {}: {e}", dir.display()))
        })?;
        for draft in &all {
            let path = dir.join(&draft.file_name);
            may_write(&path, args.force, &[&args.plan])?;
            let bytes = drafts::to_docx(&plan, draft).map_err(Failure::Input)?;
            plan_file::write_atomic(&path, &bytes).map_err(|e| Failure::Input(e.to_string()))?;
            let _ = writeln!(out, "{}", path.display());
        }
    }
    Ok(0)
}
