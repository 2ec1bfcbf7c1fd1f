//! Opening and saving plans as RON: versioned, pretty and in stable order, errors with line and
//! column, and saves that never leave a half-written file.

use std::fmt::{self, Write as _};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::unknown_fields::{self, UnknownField};
use crate::model::{FORMAT_VERSION, Plan};

/// Why a plan could not be read from text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// The text is not valid RON, or not shaped like a plan.
    Syntax {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What the reader expected or found, naming the field.
        message: String,
    },
    /// The text is RON but has no `format_version`: not a Merger Planner plan.
    NotAPlan,
    /// The plan was saved by a newer version of the app.
    TooNew {
        /// The file's format version.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax { line, column, message } => {
                write!(f, "line {line}, column {column}: {message}. Correct the file in a text editor, or open another plan")
            }
            Self::NotAPlan => f.write_str(
                "this is not a Merger Planner plan (it has no format_version). Open a .ron plan saved by Merger Planner",
            ),
            Self::TooNew { found, supported } => write!(
                f,
                "the plan was saved by a newer Merger Planner (format version {found}; this version reads up to {supported}). Update Merger Planner to open it"
            ),
        }
    }
}

/// Why a plan file could not be opened or saved. Says what went wrong and what to do, with the
/// path last.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// Reading or writing failed.
    #[error("could not {action} the file: {}. {} ({})", in_words(source), what_to_do(source, action), path.display())]
    Io {
        /// "read" or "write".
        action: &'static str,
        /// Where the plan was read from or written to, as the user named it.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file's contents are not a plan this build can read.
    #[error("{error} ({})", path.display())]
    Parse {
        /// Where the plan was read from or written to, as the user named it.
        path: PathBuf,
        /// What is wrong, and where.
        error: ParseError,
    },
    /// The file is not one that can be opened or replaced: a folder, a device or a pipe.
    #[error("{} is not a plan file but {what}. Choose a .ron plan saved by Merger Planner", path.display())]
    NotAFile {
        /// What was named as the plan file.
        path: PathBuf,
        /// "a folder", "a pipe" or "a device".
        what: &'static str,
    },
    /// The file is larger than the limit for a plan: refused before it is read.
    #[error("{} is {size_mb} MB, over the {limit_mb} MB limit for a plan file, so it was not read. If you expect a plan this large, raise the limit (View > Largest plan to open, or --max-plan-mb on the command line)", path.display())]
    TooLarge {
        /// Where the plan was read from or written to, as the user named it.
        path: PathBuf,
        /// Its size, in whole megabytes (rounded up).
        size_mb: u64,
        /// The limit, in megabytes.
        limit_mb: u64,
    },
    /// The plan's file is read-only: it is never replaced.
    #[error("{} is read-only, so it was not replaced. Save the plan under another name (File > Save as…), or make the file writable", path.display())]
    ReadOnly {
        /// Where the plan was read from or written to, as the user named it.
        path: PathBuf,
    },
    /// The file is text, but not in UTF-8.
    #[error("{} is saved as {encoding}: open it in a text editor and save it as UTF-8, then open it again", path.display())]
    Encoding {
        /// Where the plan was read from or written to, as the user named it.
        path: PathBuf,
        /// What it is: "UTF-16", or "text that is not UTF-8 (a byte at line 3, column 12)".
        encoding: String,
    },
    /// The file was written but did not read back the same: the disk or the folder is faulty.
    #[error("the plan was written to {} but did not read back the same, so the save stopped and the old file is kept. Save somewhere else", path.display())]
    Verify {
        /// Where the plan was read from or written to, as the user named it.
        path: PathBuf,
    },
    /// The plan could not be written as RON (should not happen for a valid plan).
    #[error("could not write the plan as RON: {message} ({})", path.display())]
    Serialise {
        /// Where the plan was read from or written to, as the user named it.
        path: PathBuf,
        /// The reason.
        message: String,
    },
    /// The file is another kind of file altogether (a spreadsheet, a PDF, a report).
    #[error("{} is {what}, not a Merger Planner plan. {hint}", path.display())]
    Foreign {
        /// Where the plan was read from or written to, as the user named it.
        path: PathBuf,
        /// What it looks like: "an Excel workbook or another zip archive".
        what: &'static str,
        /// What to do with it.
        hint: &'static str,
    },
}

/// What a file that is not a plan looks like, from its first bytes, and what to do with it.
fn foreign(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const TABLE: &str = "To bring an establishment in from it, use File > Import establishment… (or merger-planner import)";
    const PLAN: &str = "Open a .ron plan saved by Merger Planner";
    if bytes.starts_with(b"PK\x03\x04") {
        return Some((
            "a zip archive (an Excel workbook, a LibreOffice spreadsheet or a Word document)",
            TABLE,
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(("an older Office file (.xls or .doc)", TABLE));
    }
    if bytes.starts_with(b"%PDF") {
        return Some(("a PDF document", PLAN));
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text.trim_ascii_start();
    if start.starts_with(b"{") {
        return Some(("JSON (perhaps a report saved with --format json)", PLAN));
    }
    // A first line of values between commas, tabs or semicolons, with none of a plan's brackets.
    let first = start.split(|b| *b == b'\n').next().unwrap_or_default();
    let separated = first.iter().any(|b| matches!(b, b',' | b'\t' | b';'));
    let plan_like =
        first.iter().any(|b| matches!(b, b'(' | b')' | b'[' | b':')) || first.starts_with(b"//");
    (separated && !plan_like).then_some(("a table of text (CSV or tab-separated)", TABLE))
}

/// The system's reason in words a user reads.
fn in_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "the file or its folder does not exist".to_owned(),
        K::PermissionDenied => "you do not have permission".to_owned(),
        K::StorageFull => "the disk is full".to_owned(),
        K::QuotaExceeded => "your disk quota is used up".to_owned(),
        K::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        K::IsADirectory => "it is a folder".to_owned(),
        K::FileTooLarge => "the file is too large for the disk".to_owned(),
        _ => e.to_string(),
    }
}

/// What the user can do about it.
fn what_to_do(e: &std::io::Error, action: &str) -> &'static str {
    use std::io::ErrorKind as K;
    match (e.kind(), action) {
        (K::StorageFull | K::QuotaExceeded | K::FileTooLarge, _) => {
            "Free some space, or save somewhere else"
        }
        (K::ReadOnlyFilesystem | K::PermissionDenied, "write") => "Save somewhere else",
        (K::NotFound, "write") => "Choose a folder that exists",
        _ => "Check the file exists and you may read it",
    }
}

fn syntax(e: &ron::error::SpannedError) -> ParseError {
    let message = match e.code {
        // ron's own words suggest a crate option; a user needs to know what the file is.
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested more deeply than in any plan, so this is not a plan file"
                .to_owned()
        }
        ref code => code.to_string(),
    };
    ParseError::Syntax {
        line: e.span.start.line,
        column: e.span.start.col,
        message,
    }
}

/// Reads a plan from RON text, checking the format version first so a file from a newer version
/// is refused with both version numbers rather than a confusing field error. Fields this version
/// does not know are read past: [`parse_noting`] says which.
pub fn parse(text: &str) -> Result<Plan, ParseError> {
    parse_noting(text).map(|(plan, _)| plan)
}

/// Reads a plan from RON text as [`parse`] does, with a warning naming the fields this version
/// does not know (line, column and where in the plan), which were left out.
pub fn parse_noting(text: &str) -> Result<(Plan, Option<String>), ParseError> {
    #[derive(Deserialize)]
    struct Probe {
        /// 0 when missing: no plan was ever saved with version 0.
        #[serde(default)]
        format_version: u32,
    }
    // A byte-order mark (Notepad adds one) is not part of the plan.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The version is the first field of every plan this app writes: read it there without
    // parsing the whole file twice (a 1,000,000-post plan is 252 MB). A file laid out otherwise
    // is probed in full.
    let version = if let Some(v) = leading_version(text) {
        v
    } else {
        let probe: Probe = ron::from_str(text).map_err(|e| match e.code {
            ron::Error::ExpectedStructLike
            | ron::Error::ExpectedNamedStructLike(_)
            | ron::Error::ExpectedDifferentStructName { .. } => ParseError::NotAPlan,
            _ => syntax(&e),
        })?;
        probe.format_version
    };
    match version {
        0 => return Err(ParseError::NotAPlan),
        found if found > FORMAT_VERSION => {
            return Err(ParseError::TooNew {
                found,
                supported: FORMAT_VERSION,
            });
        }
        _ => {}
    }
    let mut unknown = Vec::new();
    let mut total = 0;
    let mut de = ron::Deserializer::from_str(text).map_err(|e| syntax(&e))?;
    let read: Result<Plan, _> = serde_ignored::deserialize(&mut de, |path| {
        total += 1;
        UnknownField::note(&mut unknown, unknown_fields::keys_of(&path));
    });
    let mut plan = match read.and_then(|plan| de.end().map(|()| plan)) {
        Ok(plan) => plan,
        Err(e) => {
            let mut error = syntax(&de.span_error(e));
            // A field this version does not know next to one it misses is most likely misspelt.
            if let (ParseError::Syntax { message, .. }, Some(first)) =
                (&mut error, unknown.first_mut())
            {
                unknown_fields::locate(text, std::slice::from_mut(first));
                let _ = write!(
                    message,
                    "; the file has `{}`{}, which this version does not know: is it misspelt?",
                    first.keys.last().map_or("", String::as_str),
                    first
                        .at
                        .map_or_else(String::new, |(line, _)| format!(" (line {line})")),
                );
            }
            return Err(error);
        }
    };
    // Older versions read into today's shape through serde defaults (version 1 had no slides:
    // it gets every chart); from here on the plan is in the current version.
    plan.format_version = FORMAT_VERSION;
    unknown_fields::locate(text, &mut unknown);
    Ok((plan, unknown_fields::warning(&unknown, total)))
}

/// The format version when it is the first field of the top-level struct, as this app writes it:
/// `(` then `format_version: N,` after any blank space or `//` comments.
fn leading_version(text: &str) -> Option<u32> {
    fn skip(mut s: &str) -> &str {
        loop {
            s = s.trim_start();
            match s.strip_prefix("//") {
                Some(comment) => s = comment.split_once('\n').map_or("", |(_, after)| after),
                None => return s,
            }
        }
    }
    let mut rest = text;
    rest = skip(rest).strip_prefix('(')?;
    rest = skip(rest).strip_prefix("format_version")?;
    rest = skip(rest).strip_prefix(':')?;
    rest = skip(rest);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = skip(&rest[digits..]);
    if digits == 0 || !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// Writes a plan as pretty RON with stable field order.
pub fn to_text(plan: &Plan) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("  ")
        .depth_limit(8);
    // Written in this build's version; a plan already in it (every plan opened or made by this
    // build) is written as it is, without a copy.
    let current;
    let plan = if plan.format_version == FORMAT_VERSION {
        plan
    } else {
        let mut copy = plan.clone();
        copy.format_version = FORMAT_VERSION;
        current = copy;
        &current
    };
    ron::ser::to_string_pretty(plan, config)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| e.to_string())
}

/// What a path is, when it is not a regular file: "a folder", "a pipe" or "a device".
fn not_a_file(meta: &fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("a folder")
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if kind.is_fifo() || kind.is_socket() {
                return Some("a pipe");
            }
        }
        Some("a device")
    }
}

/// The text of a plan file: UTF-8, with or without a byte-order mark. Anything else is named.
fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, FileError> {
    let encoding = |encoding: String| FileError::Encoding {
        path: path.to_owned(),
        encoding,
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(encoding("UTF-16".to_owned()));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.split(|b| *b == b'\n').count();
        let column = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        encoding(format!(
            "text that is not UTF-8 (a byte at line {line}, column {column}; perhaps Windows-1252)"
        ))
    })
}

/// Opens a plan file. Folders, pipes and devices are refused before anything is read (a pipe
/// would never end); the text may start with a byte-order mark; a file in another encoding is
/// named as such. Temporary files left beside it by a save that was killed are removed.
pub fn open(path: &Path) -> Result<Plan, FileError> {
    open_at_most(path, DEFAULT_MAX_MB)
}

/// The largest plan file opened unless the user raises the limit, in megabytes (a 1,000,000-post
/// plan is 252 MB as this version writes it, a row a post; 200 MB is about 800,000 posts).
pub const DEFAULT_MAX_MB: u64 = 200;

/// Whether a file of `bytes` is over a limit of `max_mb` megabytes.
pub fn over_limit(bytes: u64, max_mb: u64) -> bool {
    bytes > max_mb.saturating_mul(1_000_000)
}

/// Opens a plan file of at most `max_mb` megabytes; a larger one is refused before it is read.
pub fn open_at_most(path: &Path, max_mb: u64) -> Result<Plan, FileError> {
    open_noting(path, max_mb).map(|(plan, _)| plan)
}

/// Opens a plan file as [`open_at_most`] does, with a warning naming the fields this version
/// does not know, which were left out.
pub fn open_noting(path: &Path, max_mb: u64) -> Result<(Plan, Option<String>), FileError> {
    let io = |source| FileError::Io {
        action: "read",
        path: path.to_owned(),
        source,
    };
    let meta = fs::metadata(path).map_err(io)?;
    if let Some(what) = not_a_file(&meta) {
        return Err(FileError::NotAFile {
            path: path.to_owned(),
            what,
        });
    }
    if over_limit(meta.len(), max_mb) {
        return Err(FileError::TooLarge {
            path: path.to_owned(),
            size_mb: meta.len().div_ceil(1_000_000),
            limit_mb: max_mb,
        });
    }
    let bytes = fs::read(path).map_err(io)?;
    if let Some((what, hint)) = foreign(&bytes) {
        return Err(FileError::Foreign {
            path: path.to_owned(),
            what,
            hint,
        });
    }
    let text = text_of(path, bytes)?;
    remove_leftovers(path);
    parse_noting(&text).map_err(|error| FileError::Parse {
        path: path.to_owned(),
        error,
    })
}

/// Saves a plan: written whole beside the old file and then put in its place (see
/// [`write_atomic`]), the old version kept as `PLAN.ron.bak`, and the new file read back and
/// checked before the save is done.
pub fn save(path: &Path, plan: &Plan) -> Result<(), FileError> {
    let text = to_text(plan).map_err(|message| FileError::Serialise {
        path: path.to_owned(),
        message,
    })?;
    write_file(path, text.as_bytes(), true)
}

/// Writes a file so that a crash or a full disk never leaves it half-written, and so that it
/// stays what it was to the system:
///
/// - the bytes go to a temporary file created exclusively beside the target (never following a
///   link planted in its place), readable only by the user, which is flushed to disk, read back
///   and checked, and then renamed over the target;
/// - saving through a symbolic link replaces the file it points to, not the link;
/// - the file keeps its permissions and, where the platform allows, its owner; a new file is
///   readable only by the user (plans hold personal data);
/// - a read-only file is refused, never replaced;
/// - on any failure the temporary file is removed and the old file is untouched, byte for byte.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_file(path, bytes, false)
}

/// The file a path names, following symbolic links (a dangling link names where it points).
pub fn resolve(path: &Path) -> PathBuf {
    let mut target = path.to_path_buf();
    // A chain of links, each relative to the folder of the last; bounded, for a loop of links.
    for _ in 0..40 {
        match fs::symlink_metadata(&target) {
            Ok(m) if m.file_type().is_symlink() => match fs::read_link(&target) {
                Ok(next) => {
                    target = match target.parent() {
                        Some(dir) if next.is_relative() => dir.join(next),
                        _ => next,
                    };
                }
                Err(_) => break,
            },
            _ => break,
        }
    }
    target
}

/// The folder of a file, `.` for a bare name.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The start of the names of temporary files written beside `path`: `.plan.ron.` then random
/// letters and `.tmp`.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.")
}

/// Removes temporary files that a save killed part way left beside `path`: they hold a copy of
/// the plan, and so personal data. A save holds an exclusive operating-system lock on its
/// temporary file while it writes (see [`held_temp`]), so one that another program or copy of
/// the app is still writing is passed by; the system releases a killed process's locks, so what
/// a killed save left is removed. Where the disk cannot lock files, only files over an hour old
/// are removed.
fn remove_leftovers(path: &Path) {
    let path = resolve(path);
    let prefix = temp_prefix(&path);
    let Ok(entries) = fs::read_dir(folder_of(&path)) else {
        return;
    };
    for entry in entries.flatten().take(100_000) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(&prefix)
            && name.ends_with(".tmp")
            && entry.file_type().is_ok_and(|t| t.is_file());
        if !ours {
            continue;
        }
        let Ok(file) = fs::File::open(entry.path()) else {
            continue;
        };
        let stale = match file.try_lock() {
            Ok(()) => true,
            Err(fs::TryLockError::WouldBlock) => false,
            Err(fs::TryLockError::Error(_)) => file
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() > 3_600)),
        };
        if stale {
            // Removed while this lock is held, so no save can take the file up meanwhile.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A temporary file beside `target`, created exclusively (never following a link planted in its
/// place), readable only by the user, and held with an exclusive operating-system lock until it
/// is dropped or renamed and closed, so that another program cleaning up after killed saves
/// passes it by. A cleaner that took the file in the moment between its creation and its lock
/// has removed it: then another is made.
fn held_temp(target: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    for _ in 0..8 {
        let tmp = tempfile::Builder::new()
            .prefix(&temp_prefix(target))
            .suffix(".tmp")
            .tempfile_in(folder_of(target))?;
        match tmp.as_file().try_lock() {
            Ok(()) => {}
            // Another program holds it: it is removing it.
            Err(fs::TryLockError::WouldBlock) => continue,
            // The disk cannot lock files: cleaners leave files younger than an hour.
            Err(fs::TryLockError::Error(_)) => return Ok(tmp),
        }
        if still_named(&tmp) {
            return Ok(tmp);
        }
    }
    Err(std::io::Error::other(
        "another program removed this save's temporary file each time one was made, so nothing was changed; save again",
    ))
}

/// Whether a temporary file is still in its folder under its name.
fn still_named(tmp: &tempfile::NamedTempFile) -> bool {
    let (Ok(named), Ok(open)) = (fs::metadata(tmp.path()), tmp.as_file().metadata()) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        named.dev() == open.dev() && named.ino() == open.ino()
    }
    #[cfg(not(unix))]
    {
        named.len() == open.len()
    }
}

/// Whether two paths name the same file (following links); false when either does not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A step of a save, where the tests inject a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    /// Creating the temporary file.
    Create,
    /// Writing the bytes to it.
    Write,
    /// Flushing it to disk.
    Flush,
    /// Reading it back to check it.
    ReadBack,
    /// Giving it the old file's permissions.
    Permissions,
    /// Keeping the old file as the backup.
    Backup,
    /// Renaming it over the old file.
    Rename,
}

/// [`save`], failing with `fault`'s error at the step it chooses: how the tests show that a save
/// failing at any step leaves the old file byte for byte and no temporary file.
#[doc(hidden)]
pub fn save_failing_at(
    path: &Path,
    plan: &Plan,
    fault: &dyn Fn(SaveStep) -> std::io::Result<()>,
) -> Result<(), FileError> {
    let text = to_text(plan).map_err(|message| FileError::Serialise {
        path: path.to_owned(),
        message,
    })?;
    write_file_steps(path, text.as_bytes(), true, fault)
}

fn write_file(path: &Path, bytes: &[u8], backup: bool) -> Result<(), FileError> {
    write_file_steps(path, bytes, backup, &|_| Ok(()))
}

fn write_file_steps(
    path: &Path,
    bytes: &[u8],
    backup: bool,
    fault: &dyn Fn(SaveStep) -> std::io::Result<()>,
) -> Result<(), FileError> {
    let target = resolve(path);
    let io = |source| FileError::Io {
        action: "write",
        path: path.to_owned(),
        source,
    };
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    if let Some(meta) = &existing {
        if let Some(what) = not_a_file(meta) {
            return Err(FileError::NotAFile {
                path: path.to_owned(),
                what,
            });
        }
        if meta.permissions().readonly() {
            return Err(FileError::ReadOnly {
                path: path.to_owned(),
            });
        }
    }
    let dir = folder_of(&target);
    remove_leftovers(&target);
    fault(SaveStep::Create).map_err(io)?;
    let mut tmp = held_temp(&target).map_err(io)?;
    // From here the temporary file is removed when `tmp` is dropped, on every early return.
    fault(SaveStep::Write).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    fault(SaveStep::Flush).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    // Read back what the disk holds before anything replaces the old file.
    let mut back = Vec::with_capacity(bytes.len());
    {
        use std::io::{Read as _, Seek as _};
        fault(SaveStep::ReadBack).map_err(io)?;
        let file = tmp.as_file_mut();
        file.rewind().map_err(io)?;
        file.read_to_end(&mut back).map_err(io)?;
    }
    if back != bytes {
        return Err(FileError::Verify {
            path: path.to_owned(),
        });
    }
    if let Some(meta) = &existing {
        // The old file's permissions and, where allowed, its owner; the temporary file is the
        // user's own and only theirs until now.
        fault(SaveStep::Permissions).map_err(io)?;
        fs::set_permissions(tmp.path(), meta.permissions()).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let _ = std::os::unix::fs::chown(tmp.path(), Some(meta.uid()), Some(meta.gid()));
        }
    }
    // The old file's copy for the backup, put in place only once the save has succeeded, so a
    // failed save leaves the last backup as it was.
    let backup = match &existing {
        Some(meta) if backup => {
            fault(SaveStep::Backup).map_err(io)?;
            Some(copy_for_backup(&target, meta).map_err(io)?)
        }
        _ => None,
    };
    fault(SaveStep::Rename).map_err(io)?;
    tmp.persist(&target).map_err(|e| io(e.error))?;
    if let Some(copy) = backup
        && let Err(e) = copy.persist(backup_path(&target))
    {
        // The plan is saved; only the copy of the version before it could not be kept.
        log::warn!(
            "saved {}, but the previous version could not be kept as its backup: {}",
            path.display(),
            e.error
        );
    }
    // Make the renames durable where the platform allows opening a folder.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The backup of a plan file: `plan.ron.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// A copy of the file about to be replaced, written whole to a temporary file with the file's
/// permissions and, where allowed, its owner, ready to become its backup.
fn copy_for_backup(target: &Path, meta: &fs::Metadata) -> std::io::Result<tempfile::NamedTempFile> {
    let tmp = held_temp(target)?;
    let mut from = fs::File::open(target)?;
    std::io::copy(&mut from, &mut tmp.as_file())?;
    tmp.as_file().sync_all()?;
    fs::set_permissions(tmp.path(), meta.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let _ = std::os::unix::fs::chown(tmp.path(), Some(meta.uid()), Some(meta.gid()));
    }
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leading_version_is_read_without_a_full_parse() {
        assert_eq!(
            leading_version("(\n  format_version: 3,\n  name: \"x\""),
            Some(3)
        );
        assert_eq!(
            leading_version("// a plan\n( format_version : 12 )"),
            Some(12)
        );
        // Anything else is probed in full.
        assert_eq!(leading_version("(name: \"x\", format_version: 3)"), None);
        assert_eq!(leading_version("(format_version: 3x)"), None);
        assert_eq!(leading_version("(format_version: )"), None);
        assert_eq!(leading_version("(format_version: 99999999999)"), None);
        assert_eq!(leading_version(""), None);
        // Both ways agree on what they accept and refuse.
        assert_eq!(
            parse("(format_version: 99, name: \"x\")"),
            parse("(name: \"x\", format_version: 99)")
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_plan() {
        let text = to_text(&crate::example::bournemouth_poole()).unwrap();
        let plan = parse(&format!("\u{feff}{text}")).unwrap();
        assert_eq!(plan.posts.len(), 639);
    }

    #[test]
    fn deep_nesting_is_named_in_words() {
        let text = format!(
            "(name: {}1{}, format_version: 3)",
            "[".repeat(500),
            "]".repeat(500)
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("nested more deeply than in any plan"), "{err}");
        assert!(!err.contains("serde_stacker"), "{err}");
    }

    #[test]
    fn a_foreign_file_is_not_a_plan() {
        assert_eq!(parse("[1, 2, 3]"), Err(ParseError::NotAPlan));
        assert_eq!(parse("(name: \"x\")"), Err(ParseError::NotAPlan));
    }

    #[test]
    fn a_newer_file_is_refused_with_both_versions() {
        let err = parse("(format_version: 99, name: \"x\")").unwrap_err();
        assert_eq!(
            err,
            ParseError::TooNew {
                found: 99,
                supported: FORMAT_VERSION
            }
        );
        assert!(
            err.to_string().contains("99") && err.to_string().contains(&FORMAT_VERSION.to_string())
        );
    }

    #[test]
    fn syntax_errors_say_line_and_column() {
        let err = parse("(\n  format_version: 1,\n  name: \"x\",\n  programme: (consultation_start: 2017-10-01)\n)").unwrap_err();
        let ParseError::Syntax { line, .. } = err else {
            panic!("expected a syntax error, got {err:?}")
        };
        assert_eq!(line, 4);
    }
}
