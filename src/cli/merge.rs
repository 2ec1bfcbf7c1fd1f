//! `merge`: two copies of a plan joined against the version both came from.

use super::{Failure, Format, may_write_plan, read_plan, write_plan};
use crate::document::diff::ChangeKind;
use crate::document::label;
use crate::document::merge::{self, Conflict, From, Merged, Side};
use crate::document::review::Signatures;
use crate::format::plural;
use crate::model::Plan;
use crate::persist::{plan_file, version};
use clap::{Args, ValueEnum};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub(super) struct MergeArgs {
    /// The version both copies came from
    #[arg(value_name = "BASE.ron")]
    base: PathBuf,
    /// Your copy
    #[arg(value_name = "MINE.ron")]
    mine: PathBuf,
    /// Your colleague's copy
    #[arg(value_name = "THEIRS.ron")]
    theirs: PathBuf,
    /// Where to write the merged plan (never over BASE, MINE or THEIRS)
    #[arg(long, value_name = "MERGED.ron")]
    out: PathBuf,
    /// Settle every conflict by taking this copy's value
    #[arg(long, value_enum, value_name = "mine|theirs")]
    take: Option<TakeArg>,
    /// Replace --out if it exists (the old file is kept as .bak)
    #[arg(long)]
    force: bool,
    /// text for people, json for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum TakeArg {
    Mine,
    Theirs,
}

pub(super) fn merge_cmd(
    args: &MergeArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let _lock = may_write_plan(
        &args.out,
        args.force,
        &[&args.base, &args.mine, &args.theirs],
    )?;
    // Read as they are: a copy's problems are its own, and the merge is checked once made.
    let base = read_plan(&args.base, args.max_plan_mb, err)?;
    let mine = read_plan(&args.mine, args.max_plan_mb, err)?;
    let theirs = read_plan(&args.theirs, args.max_plan_mb, err)?;
    if let Some(warning) = base_warning(&args.base, &base, &mine, &theirs) {
        let _ = writeln!(err, "warning: {warning}");
    }
    merge::check(&base, &mine, &theirs).map_err(Failure::Input)?;
    let default = match args.take {
        Some(TakeArg::Theirs) => Side::Theirs,
        Some(TakeArg::Mine) | None => Side::Mine,
    };
    let merged = merge::merge(&base, &mine, &theirs, &[], default);
    let written = merged.conflicts.is_empty() || args.take.is_some();
    if written {
        let mut signatures = Signatures::of(&mine);
        signatures.join(&Signatures::of(&theirs));
        write_plan(&args.out, &merged.plan, &signatures)?;
    }
    if args.format == Format::Json {
        let text = serde_json::to_string_pretty(&as_json(&merged, written.then_some(&args.out)))
            .map_err(|e| Failure::Input(format!("could not write the merge as JSON: {e}")))?;
        let _ = writeln!(out, "{text}");
    } else {
        as_text(&merged, out);
    }
    if written {
        let _ = writeln!(err, "Wrote {}", args.out.display());
        for problem in crate::model::validate(&merged.plan)
            .iter()
            .filter(|p| p.severity == crate::model::Severity::Error)
        {
            let _ = writeln!(
                err,
                "warning: the merged plan needs correcting before its figures can be worked out: {}",
                problem.message
            );
        }
        Ok(0)
    } else {
        let _ = writeln!(
            err,
            "error: {} between the copies, so nothing was written. Settle every conflict one way with --take mine or --take theirs, or merge in the app (File > Merge a colleague's copy…) to choose each",
            plural(merged.conflicts.len(), "conflict")
        );
        Ok(1)
    }
}

/// When BASE is not the version both copies record they came from, says so: a merge against
/// another version shows conflicts that are not, or misses some.
fn base_warning(path: &Path, base: &Plan, mine: &Plan, theirs: &Plan) -> Option<String> {
    let common = mine.lineage.common(&theirs.lineage)?;
    let recorded = &base.lineage.version;
    if *recorded == common || version::version_hash(base) == common {
        return None;
    }
    Some(format!(
        "{} is not the version both copies came from (they share version {}); the merge may show conflicts that are not, or miss some. Find the file whose version is {} (the app keeps the versions it saved)",
        path.display(),
        version::short(&common),
        version::short(&common)
    ))
}

/// A conflict as the command prints it, with the values in words.
fn conflict_json(plan: &Plan, c: &Conflict) -> serde_json::Value {
    json!({
        "what": c.what,
        "id": c.id,
        "field": c.field,
        "base": c.base,
        "mine": c.mine,
        "theirs": c.theirs,
        "taken": c.taken,
        "words": merge::conflict_words(plan, c),
    })
}

fn as_json(merged: &Merged, written: Option<&PathBuf>) -> serde_json::Value {
    let taken: Vec<serde_json::Value> = merged
        .taken
        .iter()
        .map(|t| {
            json!({
                "from": t.from,
                "kind": t.change.kind,
                "what": t.change.what,
                "id": t.change.id,
                "field": t.change.field,
                "old": t.change.old,
                "new": t.change.new,
                "words": label::words(&merged.plan, &t.change),
            })
        })
        .collect();
    json!({
        "clean": merged.conflicts.is_empty(),
        "written": written.map(|p| p.display().to_string()),
        "taken": taken,
        "conflicts": merged
            .conflicts
            .iter()
            .map(|c| conflict_json(&merged.plan, c))
            .collect::<Vec<_>>(),
    })
}

fn as_text(merged: &Merged, out: &mut dyn Write) {
    let count = |from: From| merged.taken.iter().filter(|t| t.from == from).count();
    let _ = writeln!(
        out,
        "Took {} from mine, {} from theirs and {} made in both; {}",
        plural(count(From::Mine), "change"),
        plural(count(From::Theirs), "change"),
        plural(count(From::Both), "change"),
        plural(merged.conflicts.len(), "conflict")
    );
    for t in &merged.taken {
        let words = label::words(&merged.plan, &t.change);
        let words = if t.change.kind == ChangeKind::Changed {
            words
        } else {
            words.to_lowercase()
        };
        let _ = writeln!(out, "  {}: {words}", t.from.word());
    }
    for c in &merged.conflicts {
        let _ = writeln!(
            out,
            "  conflict: {} (took {})",
            merge::conflict_words(&merged.plan, c),
            c.taken.word()
        );
    }
}
