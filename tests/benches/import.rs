//! Benchmarks of the establishment import: `cargo bench --bench import`. Goal: 50,000 rows of
//! .csv or .xlsx read and checked in under 3 s on the 2-core reference machine (the issue's
//! target), from the file on disk to the plan as it would be after the import.

mod plans;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use merger_planner::import::values::DateOrder;
use merger_planner::import::{self, ImportKind, Options, ReadSettings, template};
use merger_planner::model::Plan;

fn import_50k(c: &mut Criterion) {
    let plan = plans::large();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let csv = dir.path().join("establishment.csv");
    let xlsx = dir.path().join("establishment.xlsx");
    std::fs::write(&csv, template::establishment_csv(&plan)).expect("the CSV is written");
    template::write_establishment_xlsx(&plan, &xlsx).expect("the workbook is written");
    for path in [&csv, &xlsx] {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        eprintln!("{}: {:.1} MB", path.display(), size as f64 / 1e6);
    }
    let target = Plan::new("Import", plan.programme);
    let mut options = Options::default();
    options.mapping.date_order = Some(DateOrder::DayFirst);
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    for (name, path) in [("csv", &csv), ("xlsx", &xlsx)] {
        group.bench_function(format!("read and check 50,000 rows of .{name}"), |b| {
            b.iter(|| {
                let (_, checked) = import::import_file(
                    black_box(path),
                    &ReadSettings::default(),
                    ImportKind::Establishment,
                    &target,
                    &options,
                )
                .expect("the file reads");
                assert_eq!(checked.imported, plan.posts.len());
                checked
            });
        });
    }
    group.finish();
}

criterion_group!(benches, import_50k);
criterion_main!(benches);
