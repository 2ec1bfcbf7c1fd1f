//! Any bytes as an establishment workbook (.xlsx, and .ods or .xls where the bytes say so): the
//! archive checked against its limits, the first sheet read, headings guessed and every row
//! checked into a new plan, without a panic, a hang or memory past the limit. `fuzz/run` seeds it
//! with the workbooks in tests/fixtures/import.

#![no_main]

use libfuzzer_sys::fuzz_target;
use merger_planner::io::import::{self, ImportKind, Options, ReadSettings, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes("fuzz.xlsx", data.to_vec()) else {
        return;
    };
    let progress = import::Progress::default();
    let Ok((_, grid)) = import::read_grid(&source, &ReadSettings::default(), ImportKind::Establishment, &progress) else {
        return;
    };
    let plan = merger_planner::document::new_plan();
    let options = Options {
        council: "Fuzz District Council".to_owned(),
        ..Options::default()
    };
    let _ = import::check(&grid, &plan, &options, &progress);
});
