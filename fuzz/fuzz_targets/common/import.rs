//! What the importer fuzz targets share: any bytes, named as a file of one kind, read in whatever
//! encoding and shape they seem to be, headings guessed and every row checked into a new plan.

use merger_planner::import::{self, ImportKind, Options, ReadSettings, Source};

pub fn import_bytes(name: &str, data: &[u8]) {
    let Ok(source) = Source::from_bytes(name, data.to_vec()) else {
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
}
