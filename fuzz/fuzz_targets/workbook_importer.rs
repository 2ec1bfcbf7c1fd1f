//! Any bytes as an establishment workbook (.xlsx, and .ods or .xls where the bytes say so): the
//! archive checked against its limits, the first sheet read, headings guessed and every row
//! checked into a new plan, without a panic, a hang or memory past the limit. `fuzz/run` seeds it
//! with the workbooks in tests/fixtures/import.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/import.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::import_bytes("fuzz.xlsx", data));
