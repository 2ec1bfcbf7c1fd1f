//! Any bytes as an establishment export: read in whatever encoding and shape they seem to be,
//! headings guessed and every row checked into a new plan, without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/import.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::import_bytes("fuzz.csv", data));
