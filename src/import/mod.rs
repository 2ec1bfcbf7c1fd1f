//! Establishments and target structures in from the files HR and payroll systems export.
//!
//! The import runs in three steps, each pure but for reading the file: [`source`] reads the
//! file's bytes into a grid of cells (delimited text in any common encoding, or a workbook),
//! [`headings`] finds the heading row and guesses what each column holds, and [`establishment`]
//! reads every row through the mapping into the plan as it would be after the import, with every
//! problem at its spreadsheet row. The app and the command line both use it; the app applies the
//! result as one undoable edit.

pub mod archive;
pub mod establishment;
pub mod headings;
pub mod source;
pub mod template;
pub mod values;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

pub use establishment::{
    Change, Checked, CouncilDefaults, Options, Placement, Problem, Words, check, check_targets,
};
pub use headings::{Field, ImportKind, Mapping, Use};
pub use source::{Delimiter, Encoding, Grid, ReadSettings, Source};

use crate::model::Plan;

/// How far a long read or check has gone, and whether the user cancelled it. Shared between
/// the worker doing it and the window showing it.
#[derive(Debug, Default)]
pub struct Progress {
    permille: AtomicU32,
    cancelled: AtomicBool,
}

impl Progress {
    /// Records how far the work has gone, from 0 to 1.
    pub fn set(&self, fraction: f32) {
        let p = (fraction.clamp(0.0, 1.0) * 1000.0) as u32;
        self.permille.store(p, Ordering::Relaxed);
    }

    /// How far the work has gone, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        self.permille.load(Ordering::Relaxed) as f32 / 1000.0
    }

    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// True once the user cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// Reads the grid `read` asks for. A workbook with no sheet chosen is read at the sheet whose
/// headings name the most fields of `kind` (the establishment, not the notes sheet before it).
/// Returns the settings used with the grid.
pub fn read_grid(
    source: &Source,
    read: &ReadSettings,
    kind: ImportKind,
    progress: &Progress,
) -> Result<(ReadSettings, Grid), String> {
    if source.format == source::Format::Workbook && read.sheet.is_none() && source.sheets.len() > 1
    {
        let mut best: Option<(usize, ReadSettings, Grid)> = None;
        for sheet in source.sheets.iter().take(30) {
            let settings = ReadSettings {
                sheet: Some(sheet.clone()),
                ..read.clone()
            };
            let Ok(grid) = source.grid(&settings, progress) else {
                continue;
            };
            let known = headings::find_headings(&grid, kind).map_or(0, |h| {
                h.columns
                    .iter()
                    .filter(|c| matches!(c.used, Use::Field(_)))
                    .count()
            });
            if best.as_ref().is_none_or(|(k, _, _)| known > *k) {
                best = Some((known, settings, grid));
            }
        }
        if let Some((_, settings, grid)) = best {
            return Ok((settings, grid));
        }
    }
    let settings = source.resolve(read);
    let grid = source.grid(&settings, progress)?;
    Ok((settings, grid))
}

/// Reads and checks a file in one go (the command line does this; the app does it in steps).
pub fn import_file(
    path: &Path,
    read: &ReadSettings,
    kind: ImportKind,
    plan: &Plan,
    options: &Options,
) -> Result<(Source, Checked), String> {
    let progress = Progress::default();
    let source = Source::open(path)?;
    if let Some(sheet) = &read.sheet
        && !source.sheets.is_empty()
        && !source.sheets.contains(sheet)
    {
        return Err(format!(
            "{} has no sheet '{sheet}'; its sheets are {}",
            source.name,
            source.sheets.join(", ")
        ));
    }
    let (_, grid) = read_grid(&source, read, kind, &progress)?;
    let checked = match kind {
        ImportKind::Establishment => check(&grid, plan, options, &progress),
        ImportKind::Targets => check_targets(&grid, plan, options, &progress),
    };
    Ok((source, checked))
}
