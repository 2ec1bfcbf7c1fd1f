//! Slides and charts as PNG files, drawn off screen: the requested size, not blank, one file per
//! slide in the plan's order; and the `export-slides` command as a user runs it. Needs a renderer:
//! a GPU or Mesa's software Vulkan (.ci/run installs mesa-vulkan-drivers).

use std::path::Path;
use std::process::Command;

use merger_planner::document::example_plan;
use merger_planner::export::offscreen::{Image, Offscreen};
use merger_planner::export::png as export;
use merger_planner::model::{Chart, Scenario};

/// Reads a PNG file back as an image.
fn read_png(path: &Path) -> Image {
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("the PNG was written"));
    let mut reader = png::Decoder::new(file).read_info().expect("a PNG header");
    let mut rgba = vec![0; reader.output_buffer_size().expect("a sensible size")];
    let info = reader.next_frame(&mut rgba).expect("PNG pixels");
    assert_eq!(info.color_type, png::ColorType::Rgba);
    Image {
        width: info.width,
        height: info.height,
        rgba,
    }
}

#[test]
fn every_slide_is_written_at_the_requested_size_and_is_not_blank() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = example_plan();
    plan.slides = vec![Chart::Timetable, Chart::Overlap, Chart::Scenarios];
    let mut renderer = Offscreen::new().unwrap();
    let base = plan.scenario(Scenario::BASE).unwrap();
    let files = export::slides(&mut renderer, &plan, &base, dir.path(), [800, 450]).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["01-timetable.png", "02-overlap.png", "03-scenarios.png"]
    );
    for f in &files {
        let image = read_png(f);
        assert_eq!((image.width, image.height), (800, 450), "{}", f.display());
        assert!(image.colours(100) >= 20, "{} looks blank", f.display());
    }
}

#[test]
fn a_chart_picture_fills_its_size_with_the_chart() {
    let plan = example_plan();
    let outcome = merger_planner::engine::evaluate_base(&plan);
    let series = merger_planner::figures::charts::Series::of(&plan, &outcome);
    let mut renderer = Offscreen::new().unwrap();
    for size in [[1920, 1080], [640, 480]] {
        let image = export::picture(
            &mut renderer,
            Chart::Waterfall,
            &series,
            None,
            size,
            false,
            None,
        )
        .unwrap();
        assert_eq!([image.width, image.height], size);
        assert!(image.colours(100) >= 20);
        // Drawn on white (the projector theme), with dark ink somewhere.
        assert_eq!(&image.rgba[0..4], &[255, 255, 255, 255]);
        assert!(
            image
                .rgba
                .chunks_exact(4)
                .any(|p| p[0] < 60 && p[1] < 60 && p[2] < 60)
        );
    }
}

/// Runs `export-slides` on the example at 640x360 into DIR/deck, with `extra` options: the plan,
/// the folder and what the command did (it must succeed).
fn export_example_slides(
    dir: &tempfile::TempDir,
    extra: &[&str],
) -> (std::path::PathBuf, std::path::PathBuf, std::process::Output) {
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/bournemouth-poole.ron");
    let out = dir.path().join("deck");
    let o = Command::new(env!("CARGO_BIN_EXE_merger-planner"))
        .args(["export-slides"])
        .arg(&plan)
        .arg("--out")
        .arg(&out)
        .args(["--size", "640x360"])
        .args(extra)
        .output()
        .expect("the command runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (plan, out, o)
}

#[test]
fn export_slides_runs_without_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, out, o) = export_example_slides(&dir, &[]);
    let printed = String::from_utf8_lossy(&o.stdout);
    // Every chart but the fan and tornado (the example has no uncertain input).
    let saved = merger_planner::persist::plan_file::open(&plan).unwrap();
    assert_eq!(
        printed.lines().count(),
        merger_planner::figures::charts::shown_slides(&saved).len()
    );
    assert_eq!(printed.lines().count(), Chart::ALL.len() - 2);
    let first = out.join("01-overlap.png");
    assert!(printed.contains(&first.display().to_string()));
    let image = read_png(&first);
    assert_eq!((image.width, image.height), (640, 360));
}

/// Anonymised, a chart that would draw a figure the anonymised tables hide is left out and named;
/// the others are drawn, numbered as in the presentation.
#[test]
fn anonymised_slides_leave_out_the_charts_that_would_show_a_hidden_figure() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, out, o) = export_example_slides(&dir, &["--anonymised"]);
    let err = String::from_utf8_lossy(&o.stderr);
    let saved = merger_planner::persist::plan_file::open(&plan).unwrap();
    let scenario = saved.scenario("Base").unwrap();
    let papers = merger_planner::figures::tables::papers(
        &saved,
        &scenario,
        merger_planner::figures::tables::Options {
            anonymised: true,
            leavers: false,
            comments: false,
        },
        None,
    );
    let slides = merger_planner::figures::charts::shown_slides(&saved);
    let hidden: Vec<Chart> = slides
        .iter()
        .copied()
        .filter(|c| papers.withheld_chart(*c).is_some())
        .collect();
    assert!(
        !hidden.is_empty(),
        "the example has charts with hidden figures"
    );
    for (i, chart) in slides.iter().enumerate() {
        let file = out.join(format!("{:02}-{}.png", i + 1, chart.slug()));
        assert_eq!(file.exists(), !hidden.contains(chart), "{}", file.display());
        if hidden.contains(chart) {
            assert!(err.contains(chart.name()), "{err}");
        }
    }
    assert!(err.contains("Anonymised:"), "{err}");
}

#[test]
fn export_slides_refuses_a_bad_size_and_an_unknown_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/bournemouth-poole.ron");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_merger-planner"))
            .arg("export-slides")
            .arg(&plan)
            .arg("--out")
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap()
    };
    let o = run(&["--size", "huge"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--size 'huge' is not an image size") && err.contains("1920x1080"),
        "{err}"
    );
    let o = run(&["--scenario", "Nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("there is no scenario 'Nope'"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn a_plan_without_slides_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = example_plan();
    plan.slides.clear();
    let mut renderer = Offscreen::new().unwrap();
    let base = plan.scenario(Scenario::BASE).unwrap();
    let err = export::slides(&mut renderer, &plan, &base, dir.path(), [640, 360]).unwrap_err();
    assert!(err.to_string().contains("Choose slides"), "{err}");
}

#[test]
fn without_a_renderer_export_slides_says_what_to_install() {
    // No Metal on this machine (nor anywhere but a Mac): as if there were no renderer at all.
    if cfg!(target_os = "macos") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/bournemouth-poole.ron");
    let o = Command::new(env!("CARGO_BIN_EXE_merger-planner"))
        .arg("export-slides")
        .arg(&plan)
        .arg("--out")
        .arg(dir.path())
        .env("WGPU_BACKEND", "metal")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no graphics renderer is available") && err.contains("mesa-vulkan-drivers"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_board_pack_has_a_title_the_headlines_every_slide_and_three_tables() {
    use merger_planner::export::pack;
    use merger_planner::figures::tables::Options;
    let mut plan = example_plan();
    plan.slides = vec![Chart::Overlap, Chart::Waterfall];
    let mut renderer = Offscreen::new().unwrap();
    let base = plan.scenario(Scenario::BASE).unwrap();
    for anonymised in [false, true] {
        let options = Options {
            anonymised,
            leavers: false,
            comments: false,
        };
        let pack::Pack { bytes, pages, .. } =
            pack::board_pack(&mut renderer, &plan, &base, options).unwrap();
        assert_eq!(
            pages,
            [
                "Title",
                "Headline figures",
                "Headcount overlap",
                "From today's cost to the target cost",
                "Equality impact",
                "By function",
                "By council",
                "By financial year",
                "Equality impact"
            ]
        );
        assert!(bytes.starts_with(b"%PDF-"), "a PDF");
        let tail = String::from_utf8_lossy(&bytes[bytes.len() - 32..]).into_owned();
        assert!(tail.contains("%%EOF"), "whole: {tail}");
        // The two slides are images of about 2400 x 1350 pixels: the pack is not tiny.
        assert!(bytes.len() > 100_000, "{} bytes", bytes.len());
    }
}

/// Asked for, the open comments close the pack, a long one wrapped over as many lines as it
/// needs and a long list over as many pages; anonymised, none, whatever is asked; resolved
/// ones never.
#[test]
fn the_board_pack_closes_with_the_open_comments_when_asked_and_never_anonymised() {
    use merger_planner::export::pack;
    use merger_planner::figures::tables::Options;
    use merger_planner::model::{Comment, Resolved, Topic};
    let mut plan = example_plan();
    plan.slides = vec![Chart::Overlap];
    let long = "The HR1 must go in before the 45 days run into the go-live week. ".repeat(12);
    plan.comments = (0..30)
        .map(|i| Comment {
            id: format!("C-{i:08x}"),
            topic: Topic::Post(format!("BOU-{:05}", i + 1)),
            author: "Ann Lee".to_owned(),
            written: jiff::Timestamp::from_second(1_800_000_000).unwrap(),
            text: long.clone(),
            replies: Vec::new(),
            resolved: (i >= 25).then(|| Resolved {
                by: "Ann Lee".to_owned(),
                at: jiff::Timestamp::from_second(1_800_000_100).unwrap(),
            }),
        })
        .collect();
    let mut renderer = Offscreen::new().unwrap();
    let base = plan.scenario(Scenario::BASE).unwrap();
    let pages_of = |renderer: &mut Offscreen, anonymised: bool, comments: bool| {
        let options = Options {
            anonymised,
            leavers: false,
            comments,
        };
        pack::board_pack(renderer, &plan, &base, options)
            .unwrap()
            .pages
    };
    let without = pages_of(&mut renderer, false, false);
    let with = pages_of(&mut renderer, false, true);
    assert_eq!(with[..without.len()], without[..]);
    let appendix = &with[without.len()..];
    // 25 open comments of about 12 lines each: several pages, each saying what it is.
    assert!(appendix.len() >= 5, "{appendix:?}");
    assert_eq!(appendix[0], "Open comments");
    assert!(
        appendix[1..]
            .iter()
            .all(|p| p == "Open comments (continued)")
    );
    let anonymised = pages_of(&mut renderer, true, true);
    assert!(
        !anonymised.iter().any(|p| p.contains("comments")),
        "{anonymised:?}"
    );
}

/// With an uncertain input, the pack has the fan, the tornado and the Monte Carlo's figures as
/// well as the equality impact, though the slides chosen show none of them.
#[test]
fn the_board_pack_has_the_uncertainty_and_the_equality_impact() {
    use calamine::Reader as _;
    use merger_planner::export::pack;
    use merger_planner::figures::tables::Options;
    let mut plan = example_plan();
    plan.slides = vec![Chart::Overlap];
    plan.assumptions.ranges.implementation_overrun = Some(merger_planner::model::Range {
        low: 0.0,
        likely: 0.1,
        high: 0.5,
    });
    let mut renderer = Offscreen::new().unwrap();
    let base = plan.scenario(Scenario::BASE).unwrap();
    let pages = pack::board_pack(&mut renderer, &plan, &base, Options::default())
        .unwrap()
        .pages;
    assert_eq!(
        pages,
        [
            "Title",
            "Headline figures",
            "Headcount overlap",
            "Range of outcomes",
            "What moves the figures most",
            "Equality impact",
            "By function",
            "By council",
            "By financial year",
            "Uncertainty",
            "Equality impact"
        ]
    );
    // The workbook has the run's three sheets, with the same figures as the command line's.
    let bytes =
        merger_planner::export::workbook::to_bytes(&plan, &base, Options::default()).unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    for sheet in ["Uncertainty", "Range of outcomes", "What moves the figures"] {
        assert!(names.contains(&sheet.to_owned()), "{names:?}");
    }
    let r = merger_planner::engine::risk::for_papers(&plan, &base).unwrap();
    let sheet = book.worksheet_range("Uncertainty").unwrap();
    let p50 = match sheet.get((2, 2)) {
        Some(calamine::Data::Float(x)) => *x,
        other => panic!("{other:?}"),
    };
    assert!(
        (p50 - r.one_off_cost.p50).abs() < 0.01,
        "{p50} {}",
        r.one_off_cost.p50
    );
}

#[test]
fn export_pdf_writes_the_board_pack() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack.pdf");
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/bournemouth-poole.ron");
    let o = Command::new(env!("CARGO_BIN_EXE_merger-planner"))
        .args([
            "export",
            plan.to_str().unwrap(),
            "--pdf",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_long_table_continues_on_the_next_page_of_the_pack() {
    use merger_planner::export::pack;
    use merger_planner::figures::tables::Options;
    // Twenty councils: By financial year has 4 + 3 x 20 rows, more than a page holds.
    let mut plan = merger_planner::example::reorganisation(20, 400, 1);
    plan.slides = vec![Chart::Overlap];
    let mut renderer = Offscreen::new().unwrap();
    let base = plan.scenario(Scenario::BASE).unwrap();
    let pages = pack::board_pack(&mut renderer, &plan, &base, Options::default())
        .unwrap()
        .pages;
    let years: Vec<&String> = pages
        .iter()
        .filter(|p| p.starts_with("By financial year"))
        .collect();
    assert_eq!(
        years,
        [
            "By financial year",
            "By financial year (continued)",
            "By financial year (continued)"
        ]
    );
}
