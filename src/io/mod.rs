//! Files: plans as RON, establishment CSV import, reports, and synthetic example plans.

pub mod csv_import;
pub mod plan_file;
pub mod report;
pub mod synthetic;

pub use plan_file::{FileError, ParseError, open, parse, save, to_text, write_atomic};
