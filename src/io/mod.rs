//! Files: plans as RON, establishment and target imports, reports, and synthetic example plans.

pub mod drafts;
pub mod import;
pub mod lock;
pub mod plan_file;
pub mod report;
pub mod synthetic;
pub mod tables;
pub mod unknown_fields;
pub mod workbook;

/// A stable key from a name: lower-case letters and digits joined by single hyphens
/// ("Head of HR" → "head-of-hr"); "x" for a name with none.
pub(crate) fn slug(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-');
    if s.is_empty() {
        "x".to_owned()
    } else {
        s.to_owned()
    }
}

pub use plan_file::{FileError, ParseError, open, parse, save, to_text, write_atomic};
