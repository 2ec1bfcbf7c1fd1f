//! Opening and saving plans as RON: versioned, pretty and in stable order, errors with line and
//! column, and saves that never leave a half-written file.

use std::fmt;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

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
    #[error("could not {action} the file: {source}. Check the file exists and you may {action} it ({})", path.display())]
    Io {
        /// "read" or "write".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file's contents are not a plan this build can read.
    #[error("{error} ({})", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where.
        error: ParseError,
    },
    /// The plan could not be written as RON (should not happen for a valid plan).
    #[error("could not write the plan as RON: {message} ({})", path.display())]
    Serialise {
        /// The file.
        path: PathBuf,
        /// The reason.
        message: String,
    },
}

fn syntax(e: &ron::error::SpannedError) -> ParseError {
    ParseError::Syntax {
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    }
}

/// Reads a plan from RON text, checking the format version first so a file from a newer version
/// is refused with both version numbers rather than a confusing field error.
pub fn parse(text: &str) -> Result<Plan, ParseError> {
    #[derive(Deserialize)]
    struct Probe {
        /// 0 when missing: no plan was ever saved with version 0.
        #[serde(default)]
        format_version: u32,
    }
    // A byte-order mark (Notepad adds one) is not part of the plan.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The version is the first field of every plan this app writes: read it there without
    // parsing the whole file twice (a 1,000,000-post plan is 459 MB). A file laid out otherwise
    // is probed in full.
    let version = if let Some(v) = leading_version(text) {
        v
    } else {
        let probe: Probe = ron::from_str(text).map_err(|e| match e.code {
            ron::Error::ExpectedStructLike | ron::Error::ExpectedNamedStructLike(_) => {
                ParseError::NotAPlan
            }
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
    let mut plan: Plan = ron::from_str(text).map_err(|e| syntax(&e))?;
    // Older versions read into today's shape through serde defaults (version 1 had no slides:
    // it gets every chart); from here on the plan is in the current version.
    plan.format_version = FORMAT_VERSION;
    Ok(plan)
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

/// Opens a plan file.
pub fn open(path: &Path) -> Result<Plan, FileError> {
    let text = fs::read_to_string(path).map_err(|source| FileError::Io {
        action: "read",
        path: path.to_owned(),
        source,
    })?;
    parse(&text).map_err(|error| FileError::Parse {
        path: path.to_owned(),
        error,
    })
}

/// Saves a plan atomically: see [`write_atomic`].
pub fn save(path: &Path, plan: &Plan) -> Result<(), FileError> {
    let text = to_text(plan).map_err(|message| FileError::Serialise {
        path: path.to_owned(),
        message,
    })?;
    write_atomic(path, text.as_bytes())
}

/// Writes a file so that a crash or a full disk never leaves it half-written: the bytes go to a
/// temporary file in the same folder, which is flushed to disk and then renamed over the target.
/// On failure the temporary file is removed and the old file is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let io = |source| FileError::Io {
        action: "write",
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows opening a folder.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io)
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
        let text = to_text(&crate::io::synthetic::bournemouth_poole()).unwrap();
        let plan = parse(&format!("\u{feff}{text}")).unwrap();
        assert_eq!(plan.posts.len(), 639);
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
