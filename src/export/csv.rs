//! The figures' tables written as CSV files, one a table (the tables themselves are made in
//! `figures::tables`, one source for every paper).

use std::fmt::Write as _;

use crate::figures::tables::Table;

/// The tables as CSV files in `dir`, named `01-summary.csv` and so on; the files written.
pub fn write_csv(
    dir: &std::path::Path,
    tables: &[Table],
) -> Result<Vec<std::path::PathBuf>, String> {
    let mut written = Vec::new();
    for (i, table) in tables.iter().enumerate() {
        let path = dir.join(csv_file_name(i, table));
        let bytes = table
            .to_csv()
            .map_err(|e| format!("could not write {}: {e}", table.title))?;
        crate::persist::plan_file::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
        written.push(path);
    }
    Ok(written)
}

/// "03-by-council.csv".
pub fn csv_file_name(i: usize, table: &Table) -> String {
    let mut name = String::new();
    let _ = write!(name, "{:02}-{}.csv", i + 1, table.key);
    name
}
