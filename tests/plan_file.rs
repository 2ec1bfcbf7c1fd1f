//! Opening and saving plan files: atomic saves, clear errors, old and foreign files.

use merger_planner::io::{FileError, ParseError, plan_file, synthetic};

#[test]
fn save_then_open_gives_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let plan = synthetic::bournemouth_poole();
    plan_file::save(&path, &plan).unwrap();
    assert_eq!(plan_file::open(&path).unwrap(), plan);
    // Saving again replaces the file and leaves no temporary file behind.
    plan_file::save(&path, &plan).unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["plan.ron".to_owned()]);
}

#[test]
fn the_file_is_pretty_and_stable() {
    let plan = synthetic::bournemouth_poole();
    let a = plan_file::to_text(&plan).unwrap();
    let b = plan_file::to_text(&plan_file::parse(&a).unwrap()).unwrap();
    assert_eq!(a, b, "saving a reopened plan changes nothing");
    assert!(a.starts_with(&format!(
        "(\n  format_version: {},\n  name: ",
        merger_planner::model::FORMAT_VERSION
    )));
    assert!(
        a.contains("salary_pence: "),
        "money is saved as pence and says so"
    );
}

#[test]
fn a_failed_save_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a folder: the rename fails after the temporary file is written.
    let target = dir.path().join("plan.ron");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "x").unwrap();
    let err = plan_file::save(&target, &synthetic::bournemouth_poole()).unwrap_err();
    assert!(
        matches!(
            err,
            FileError::Io {
                action: "write",
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string()
            .ends_with(&format!("({})", target.display())),
        "the path goes last: {err}"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["plan.ron".to_owned()]);
    assert_eq!(
        std::fs::read_to_string(target.join("keep.txt")).unwrap(),
        "x"
    );
    // A folder that does not exist.
    assert!(
        plan_file::save(
            &dir.path().join("missing/plan.ron"),
            &synthetic::bournemouth_poole()
        )
        .is_err()
    );
}

#[test]
fn opening_a_missing_file_says_so() {
    let err = plan_file::open(std::path::Path::new("/nonexistent/plan.ron")).unwrap_err();
    assert!(
        err.to_string().starts_with("could not read the file"),
        "{err}"
    );
}

#[test]
fn a_misspelt_field_is_named() {
    let text = plan_file::to_text(&synthetic::bournemouth_poole())
        .unwrap()
        .replacen("short_name:", "shortname:", 1);
    let ParseError::Syntax { line, message, .. } = plan_file::parse(&text).unwrap_err() else {
        panic!("a syntax error")
    };
    assert!(message.contains("shortname"), "{message}");
    assert!(line > 5);
}

#[test]
fn a_file_that_is_not_ron_at_all() {
    assert!(matches!(
        plan_file::parse("council,function\nA,B\n"),
        Err(ParseError::Syntax { .. } | ParseError::NotAPlan)
    ));
    assert!(plan_file::parse("").is_err());
}

#[test]
fn every_released_format_version_opens() {
    // Fixtures of each released format version; a new version adds a file here.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut opened = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            plan_file::open(&path).unwrap_or_else(|e| panic!("{e}"));
            opened += 1;
        }
    }
    assert!(opened >= 2);
}

#[test]
fn a_version_1_plan_gets_every_chart_as_slides_and_version_2_keeps_its_own() {
    use merger_planner::model::{Chart, FORMAT_VERSION};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let v1 = plan_file::open(&dir.join("plan-v1.ron")).unwrap();
    assert_eq!(v1.slides, Chart::ALL.to_vec());
    assert_eq!(
        v1.format_version, FORMAT_VERSION,
        "read into today's version"
    );
    let v2 = plan_file::open(&dir.join("plan-v2.ron")).unwrap();
    assert_eq!(
        v2.slides,
        vec![Chart::Money, Chart::Overlap, Chart::Timetable]
    );
    // The slides survive a save and reopen, in their order.
    let text = plan_file::to_text(&v2).unwrap();
    assert_eq!(plan_file::parse(&text).unwrap().slides, v2.slides);
    // Version 3 added what the councils share: older plans share the cost of the service.
    assert_eq!(
        v2.assumptions.split_method,
        merger_planner::model::SplitMethod::ServiceCost
    );
    let v3 = plan_file::open(&dir.join("plan-v3.ron")).unwrap();
    assert_eq!(
        v3.assumptions.split_method,
        merger_planner::model::SplitMethod::CostsAndSavings
    );
    assert_eq!(v3.slides, v2.slides);
    // A slide that is not a chart is refused with its line.
    let broken = text.replace("    Overlap,", "    Pie,");
    let err = plan_file::parse(&broken).unwrap_err().to_string();
    assert!(err.contains("Pie") && err.contains("line"), "{err}");
}
