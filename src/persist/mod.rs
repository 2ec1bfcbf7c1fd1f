//! The plan file: RON read and written safely (limits, encodings, backups, permissions), the
//! fields a plan has that this version does not know, and the lock file that keeps two copies of
//! the app (or the app and a command) from writing one plan.

pub mod lock;
pub mod plan_file;
pub mod unknown_fields;
pub mod version;

pub use plan_file::{FileError, ParseError, open, parse, save, to_text, write_atomic};
