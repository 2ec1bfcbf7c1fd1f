//! `import`: an establishment exported by an HR or payroll system, read into a new plan or an existing one.

use super::{Failure, check, date, may_write_plan, number, open_plan, write_plan};
use crate::document::default_programme;
use crate::document::review::Signatures;
use crate::document::today;
use crate::format::plural;
use crate::import;
use crate::import::ImportKind;
use crate::import::Mapping;
use crate::import::Options;
use crate::import::Placement;
use crate::import::ReadSettings;
use crate::import::Words;
use crate::model::Plan;
use crate::model::Programme;
use crate::persist::plan_file;
use clap::Args;
use clap::ValueEnum;
use std::io::Write;
use std::path::Path;
use std::path::PathBuf;

/// How an HR system writes ambiguous dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum DateOrderArg {
    DayFirst,
    MonthFirst,
}

/// Where imported posts go in an existing plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(super) enum PlacementArg {
    #[default]
    New,
    Replace,
    Add,
}

#[derive(Args, Debug)]
pub(super) struct ImportArgs {
    /// The establishment: CSV, delimited text, .xlsx, .xls or .ods
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The council of a file with no council column
    #[arg(long, value_name = "NAME")]
    council: Option<String>,
    /// An existing plan to add the posts to
    #[arg(long, value_name = "PLAN.ron")]
    into: Option<PathBuf>,
    /// The target structure (function, role, target_fte, target_salary or pay_rule)
    #[arg(long, value_name = "FILE")]
    targets: Option<PathBuf>,
    /// A mapping file saved from the app
    #[arg(long, value_name = "MAP.ron")]
    mapping: Option<PathBuf>,
    /// The workbook's sheet (default: the first)
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Hours of a full-time week, to read FTE given as hours (default 37)
    #[arg(long, value_name = "H", allow_hyphen_values = true)]
    full_time_hours: Option<String>,
    /// How ambiguous dates are written
    #[arg(long, value_enum)]
    date_order: Option<DateOrderArg>,
    /// With --into: a new council, replace a council's posts, or add to them
    #[arg(long, value_enum, default_value_t)]
    placement: PlacementArg,
    /// The plan's name
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Go-live, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    go_live: Option<String>,
    /// Consultation start, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    consultation_start: Option<String>,
    /// The plan file to write
    #[arg(long, value_name = "PLAN.ron")]
    out: PathBuf,
    /// Replace --out if it exists (the old plan is kept as PLAN.ron.bak)
    #[arg(long)]
    force: bool,
    /// The largest plan file to open, in megabytes
    #[arg(long, value_name = "MB", default_value_t = plan_file::DEFAULT_MAX_MB)]
    max_plan_mb: u64,
}

pub(super) fn import_cmd(
    args: &ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    // The establishment, targets and mapping are never written over; the plan given with --into
    // may be, with --force, as its update (the old one is kept as PLAN.ron.bak).
    let inputs: Vec<&Path> = [
        Some(&args.file),
        args.targets.as_ref(),
        args.mapping.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(PathBuf::as_path)
    .collect();
    let _lock = may_write_plan(&args.out, args.force, &inputs)?;
    let mut mapping = match &args.mapping {
        Some(path) => Mapping::open(path).map_err(Failure::Input)?,
        None => Mapping::default(),
    };
    if let Some(h) = number::<f64>(
        "full-time-hours",
        args.full_time_hours.as_deref(),
        "a number of hours such as 37",
    )? {
        if !(h.is_finite() && (1.0..=80.0).contains(&h)) {
            return Err(Failure::Input(format!(
                "--full-time-hours {h} must be from 1 to 80"
            )));
        }
        mapping.full_time_hours = h;
    }
    match args.date_order {
        None => {}
        Some(DateOrderArg::DayFirst) => {
            mapping.date_order = Some(import::values::DateOrder::DayFirst);
        }
        Some(DateOrderArg::MonthFirst) => {
            mapping.date_order = Some(import::values::DateOrder::MonthFirst);
        }
    }
    let placement = match args.placement {
        PlacementArg::New => Placement::New,
        PlacementArg::Replace => Placement::Replace,
        PlacementArg::Add => Placement::Add,
    };
    let plan = if let Some(path) = &args.into {
        open_plan(path, args.max_plan_mb, err)?
    } else {
        let programme = import_programme(args)?;
        let name = args.name.clone().unwrap_or_else(|| {
            args.file.file_stem().map_or_else(
                || "Imported plan".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
        });
        Plan::new(&name, programme)
    };
    let options = Options {
        mapping,
        council: args.council.clone().unwrap_or_default(),
        placement,
        words: Words::CommandLine,
        ..Options::default()
    };
    let read = ReadSettings {
        sheet: args.sheet.clone(),
        ..ReadSettings::default()
    };
    let signatures = Signatures::of(&plan);
    let mut plan = imported(
        &args.file,
        &read,
        ImportKind::Establishment,
        &plan,
        &options,
        out,
        err,
    )?;
    if let Some(targets) = &args.targets {
        let options = Options {
            mapping: Mapping {
                functions: options.mapping.functions.clone(),
                ..Mapping::default()
            },
            words: Words::CommandLine,
            ..Options::default()
        };
        plan = imported(
            targets,
            &ReadSettings::default(),
            ImportKind::Targets,
            &plan,
            &options,
            out,
            err,
        )?;
    }
    if args.into.is_some()
        && let Some(name) = &args.name
    {
        plan.name.clone_from(name);
    }
    check(&plan, "the imported plan", err)?;
    write_plan(&args.out, &plan, &signatures)?;
    let _ = writeln!(
        out,
        "Wrote {}: {}, {}, {}, {}; consultation {}, go-live {}",
        args.out.display(),
        plural(plan.councils.len(), "council"),
        plural(plan.functions.len(), "function"),
        plural(plan.roles.len(), "role"),
        plural(plan.posts.len(), "post"),
        plan.programme.consultation_start,
        plan.programme.go_live
    );
    Ok(0)
}

/// The programme of a new plan: the dates given, else the next 1 April at least six months away
/// and consultation six months before it.
fn import_programme(args: &ImportArgs) -> Result<Programme, Failure> {
    let mut programme = default_programme(today());
    if let Some(g) = date("go-live", args.go_live.as_deref())? {
        programme.go_live = g;
        programme.consultation_start = g.checked_sub(jiff::Span::new().months(6)).unwrap_or(g);
    }
    if let Some(c) = date("consultation-start", args.consultation_start.as_deref())? {
        programme.consultation_start = c;
    }
    if programme.go_live < programme.consultation_start {
        return Err(Failure::Input(format!(
            "go-live {} is before the consultation start {}; move one of them",
            programme.go_live, programme.consultation_start
        )));
    }
    Ok(programme)
}

/// Reads and checks one file into `plan`, printing what it found; every problem (with its row and
/// column heading) fails the command.
fn imported(
    path: &Path,
    read: &ReadSettings,
    kind: ImportKind,
    plan: &Plan,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Plan, Failure> {
    let (source, checked) =
        import::import_file(path, read, kind, plan, options).map_err(Failure::Input)?;
    for note in &checked.notes {
        let _ = writeln!(out, "{}: {note}", source.name);
    }
    for change in checked.changes.iter().take(200) {
        let _ = writeln!(out, "{change}");
    }
    if checked.changes.len() > 200 {
        let _ = writeln!(out, "and {} more changes", checked.changes.len() - 200);
    }
    if checked.problems.total > 0 || !checked.can_import() {
        for p in &checked.problems.listed {
            let _ = writeln!(err, "{}, {p}", source.name);
        }
        if checked.problems.unlisted() > 0 {
            let _ = writeln!(
                err,
                "{}: and {} more problems",
                source.name,
                checked.problems.unlisted()
            );
        }
        if checked.blocking > 0
            && let Some(headings) = &checked.headings
        {
            let unused: Vec<String> = headings
                .columns
                .iter()
                .filter(|c| c.used == import::Use::Unused)
                .map(|c| format!("'{}' ({})", c.heading, c.letter))
                .collect();
            if !unused.is_empty() {
                let _ = writeln!(
                    err,
                    "{}: columns not used: {}; save a mapping from the app, or rename the heading",
                    source.name,
                    unused.join(", ")
                );
            }
        }
        let count = checked.problems.total.max(1);
        return Err(Failure::Input(format!(
            "{} found in {}; nothing was written",
            plural(count, "problem"),
            source.name
        )));
    }
    Ok(checked.plan)
}
