//! Opening and saving plan files: atomic saves, clear errors, old and foreign files.

use merger_planner::example;
use merger_planner::persist::{FileError, ParseError, plan_file};

#[test]
fn save_then_open_gives_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let plan = example::bournemouth_poole();
    plan_file::save(&path, &plan).unwrap();
    assert_eq!(plan_file::open(&path).unwrap(), plan);
    // Saving again replaces the file, keeps the old one as the backup and leaves no temporary
    // file behind.
    plan_file::save(&path, &plan).unwrap();
    assert_eq!(names_in(dir.path()), ["plan.ron", "plan.ron.bak"]);
}

/// The files in a folder, sorted.
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder lists")
        .map(|e| {
            e.expect("an entry reads")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn the_previous_version_is_kept_as_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut plan = example::bournemouth_poole();
    plan_file::save(&path, &plan).unwrap();
    assert!(
        !plan_file::backup_path(&path).exists(),
        "nothing to back up the first time"
    );
    let first = std::fs::read(&path).unwrap();
    plan.name = "Second version".to_owned();
    plan_file::save(&path, &plan).unwrap();
    assert_eq!(std::fs::read(plan_file::backup_path(&path)).unwrap(), first);
    assert_eq!(plan_file::open(&path).unwrap().name, "Second version");
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_files_permissions_and_a_new_plan_is_the_users_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let plan = example::bournemouth_poole();
    plan_file::save(&path, &plan).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600, "a new plan holds personal data");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    plan_file::save(&path, &plan).unwrap();
    assert_eq!(mode(&path), 0o640, "a saved plan keeps its permissions");
    assert_eq!(mode(&plan_file::backup_path(&path)), 0o640);
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_updates_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared.ron");
    let link = dir.path().join("link.ron");
    let mut plan = example::bournemouth_poole();
    plan_file::save(&shared, &plan).unwrap();
    std::os::unix::fs::symlink("shared.ron", &link).unwrap();
    plan.name = "Through the link".to_owned();
    plan_file::save(&link, &plan).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(plan_file::open(&shared).unwrap().name, "Through the link");
}

#[test]
fn a_read_only_plan_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut plan = example::bournemouth_poole();
    plan_file::save(&path, &plan).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    plan.name = "Changed".to_owned();
    let err = plan_file::save(&path, &plan).unwrap_err();
    assert!(matches!(err, FileError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(names_in(dir.path()), ["plan.ron"]);
}

#[test]
fn temporary_files_left_by_a_killed_save_are_removed_at_the_next_save_or_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let plan = example::bournemouth_poole();
    plan_file::save(&path, &plan).unwrap();
    std::fs::write(dir.path().join(".plan.ron.Xy12Ab.tmp"), "half a plan").unwrap();
    std::fs::write(dir.path().join(".other.ron.Xy12Ab.tmp"), "not ours").unwrap();
    plan_file::open(&path).unwrap();
    assert_eq!(names_in(dir.path()), [".other.ron.Xy12Ab.tmp", "plan.ron"]);
    std::fs::write(dir.path().join(".plan.ron.Zz99Qq.tmp"), "half a plan").unwrap();
    plan_file::save(&path, &plan).unwrap();
    assert_eq!(
        names_in(dir.path()),
        [".other.ron.Xy12Ab.tmp", "plan.ron", "plan.ron.bak"]
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_folder_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        // Reading a pipe would wait for ever for a writer.
        let err = plan_file::open(&fifo).unwrap_err();
        assert!(err.to_string().contains("a pipe"), "{err}");
    }
    let err = plan_file::open(dir.path()).unwrap_err();
    assert!(err.to_string().contains("a folder"), "{err}");
}

#[test]
fn a_file_in_another_encoding_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let text = plan_file::to_text(&example::bournemouth_poole()).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&path, utf16).unwrap();
    let err = plan_file::open(&path).unwrap_err();
    assert!(err.to_string().contains("saved as UTF-16"), "{err}");
    assert!(err.to_string().contains("save it as UTF-8"), "{err}");
    // Windows-1252: a pound sign as the single byte 0xA3, on line 2.
    std::fs::write(&path, b"(\n  name: \"\xA3 saved\",\n)").unwrap();
    let err = plan_file::open(&path).unwrap_err();
    assert!(
        err.to_string()
            .contains("not UTF-8 (a byte at line 2, column 10"),
        "{err}"
    );
}

#[test]
fn the_file_is_pretty_and_stable() {
    let plan = example::bournemouth_poole();
    let a = plan_file::to_text(&plan).unwrap();
    let b = plan_file::to_text(&plan_file::parse(&a).unwrap()).unwrap();
    assert_eq!(a, b, "saving a reopened plan changes nothing");
    assert!(a.starts_with(&format!(
        "(\n  format_version: {},\n  name: ",
        merger_planner::model::FORMAT_VERSION
    )));
    assert!(
        a.contains("\"salary_pence\""),
        "money is saved as pence and the posts' column says so"
    );
    // Each post a row on one line, under the names of its columns.
    let first = &plan.posts[0];
    assert!(
        a.lines()
            .any(|l| l.starts_with(&format!("      (\"{}\", \"{}\", ", first.id, first.council))),
        "a post is one row"
    );
}

#[test]
fn a_failed_save_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a folder: refused before anything is written.
    let target = dir.path().join("plan.ron");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "x").unwrap();
    let err = plan_file::save(&target, &example::bournemouth_poole()).unwrap_err();
    assert!(matches!(err, FileError::NotAFile { .. }), "{err}");
    assert_eq!(names_in(dir.path()), ["plan.ron"]);
    assert_eq!(
        std::fs::read_to_string(target.join("keep.txt")).unwrap(),
        "x"
    );
    // A folder that does not exist: said in words, with the path last.
    let missing = dir.path().join("missing/plan.ron");
    let err = plan_file::save(&missing, &example::bournemouth_poole()).unwrap_err();
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
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(
        err.to_string()
            .ends_with(&format!("({})", missing.display())),
        "the path goes last: {err}"
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
    let text = plan_file::to_text(&example::bournemouth_poole())
        .unwrap()
        .replacen("short_name:", "shortname:", 1);
    let ParseError::Syntax { line, message, .. } = plan_file::parse(&text).unwrap_err() else {
        panic!("a syntax error")
    };
    assert!(message.contains("short_name"), "{message}");
    assert!(
        message.contains("the file has `shortname` (line "),
        "the misspelling is named with its line: {message}"
    );
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
    // Version 4 added each council's recognised unions; version 5 a scenario's own role pay,
    // function scales, split, pay protection and implementation costs (none in older plans).
    let v4 = plan_file::open(&dir.join("plan-v4.ron")).unwrap();
    assert_eq!(v4.councils[0].recognised_unions, ["UNISON", "GMB"]);
    assert!(v4.scenarios.iter().all(|s| s.target_pay.is_empty()
        && s.function_scales.is_empty()
        && s.split_method.is_none()
        && s.implementation_costs.is_none()));
    assert_eq!(v4.format_version, FORMAT_VERSION);
    // Version 6 added VR take-up, bumped redundancy and each function's go-live (none in older
    // plans: no take-up, no bumping, every function with the programme).
    let v5 = plan_file::open(&dir.join("plan-v5.ron")).unwrap();
    assert_eq!(v5.format_version, FORMAT_VERSION);
    let vr_only = v5.scenario("VR only").unwrap();
    assert_eq!(vr_only.vr_multipliers.get("ashby"), Some(&1.5));
    assert_eq!(vr_only.min_service_for_vr_years, Some(3));
    assert!(v5.assumptions.protect_harmonised_pay);
    assert!(v5.assumptions.vr_take_up.abs() < 1e-12 && !v5.assumptions.bumping);
    assert!(v5.functions.iter().all(|f| f.go_live.is_none()));
    assert!(
        v5.scenarios.iter().all(|s| s.vr_take_up.is_none()
            && s.bumping.is_none()
            && s.function_go_live.is_empty())
    );
    // They survive a save and reopen.
    let mut v6 = v5.clone();
    v6.assumptions.vr_take_up = 0.2;
    v6.assumptions.bumping = true;
    v6.functions[1].go_live = Some(jiff::civil::date(2028, 10, 1));
    v6.scenarios[0]
        .function_go_live
        .insert("it".to_owned(), jiff::civil::date(2029, 1, 1));
    v6.scenarios[0].vr_take_up = Some(0.4);
    v6.scenarios[0].bumping = Some(false);
    let text = plan_file::to_text(&v6).unwrap();
    assert_eq!(plan_file::parse(&text).unwrap(), v6);
    // Version 7 added equality monitoring to postholders (none in older plans); an empty record
    // is not written at all.
    let v6 = plan_file::open(&dir.join("plan-v6.ron")).unwrap();
    assert_eq!(v6.format_version, FORMAT_VERSION);
    assert!(
        v6.posts
            .iter()
            .filter_map(|p| p.holder.as_ref())
            .all(|h| h.monitoring.is_empty())
    );
    // A holder's monitoring cell is written `None` when nothing is recorded.
    let written = plan_file::to_text(&v6).unwrap();
    assert!(!written.contains("Some((Some(") && !written.contains("Some((None,"));
    let mut v7 = v6.clone();
    let h = v7.posts.iter_mut().find_map(|p| p.holder.as_mut()).unwrap();
    h.monitoring.sex = Some("Female".to_owned());
    h.monitoring.disability = Some("Prefer not to say".to_owned());
    let text = plan_file::to_text(&v7).unwrap();
    assert_eq!(plan_file::parse(&text).unwrap(), v7);
    // Version 8 added whether pay protection is costed with its on-costs: older plans cost it
    // so (the finance officer's figure), and it can be turned off.
    let v7 = plan_file::open(&dir.join("plan-v7.ron")).unwrap();
    assert_eq!(v7.format_version, FORMAT_VERSION);
    assert!(v7.assumptions.pay_protection_on_costs);
    let mut v8 = v7.clone();
    v8.assumptions.pay_protection_on_costs = false;
    let text = plan_file::to_text(&v8).unwrap();
    assert_eq!(plan_file::parse(&text).unwrap(), v8);
    // Version 9 added published and grouped establishments: groups of posts, unnamed holders,
    // pay ranges and each council's pay point and workforce profile, and roles whose target is
    // still today's FTE. A version 8 plan has none: every post named or vacant, every target
    // the director's.
    let v8 = plan_file::open(&dir.join("plan-v8.ron")).unwrap();
    assert_eq!(v8.format_version, FORMAT_VERSION);
    assert!(!v8.assumptions.pay_protection_on_costs);
    assert!(
        v8.posts
            .iter()
            .all(|p| !p.unnamed && p.group.is_none() && p.pay_range.is_none())
    );
    assert!(v8.roles.iter().all(|r| !r.target_from_establishment));
    assert!(
        v8.councils
            .iter()
            .all(|c| c.workforce == merger_planner::model::WorkforceProfile::default())
    );
    let mut v9 = v8.clone();
    v9.posts[0].unnamed = true;
    v9.posts[0].holder = None;
    v9.posts[0].group = Some(merger_planner::model::Group {
        headcount: Some(3.0),
    });
    v9.posts[0].fte = 2.5;
    v9.posts[0].pay_range = Some(merger_planner::model::PayRange {
        minimum: merger_planner::model::Money::pounds(30_000),
        maximum: merger_planner::model::Money::pounds(36_000),
    });
    v9.councils[0].pay_point = merger_planner::model::PayPoint::Share(0.25);
    v9.councils[0].workforce.age = [0.1, 0.2, 0.2, 0.2, 0.2, 0.1];
    v9.roles[0].target_from_establishment = true;
    let text = plan_file::to_text(&v9).unwrap();
    assert_eq!(plan_file::parse(&text).unwrap(), v9);
    // A slide that is not a chart is refused with its line.
    let text = plan_file::to_text(&v2).unwrap();
    let broken = text.replace("    Overlap,", "    Pie,");
    let err = plan_file::parse(&broken).unwrap_err().to_string();
    assert!(err.contains("Pie") && err.contains("line"), "{err}");
}

#[test]
fn a_save_failing_at_any_step_leaves_the_old_file_byte_for_byte() {
    use merger_planner::persist::plan_file::SaveStep;
    let steps = [
        SaveStep::Create,
        SaveStep::Write,
        SaveStep::Flush,
        SaveStep::ReadBack,
        SaveStep::Permissions,
        SaveStep::Backup,
        SaveStep::Rename,
    ];
    for failing in steps {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        let mut plan = example::bournemouth_poole();
        // The backup holds the first version and the file the second, so a save that replaced
        // the backup before failing would show.
        plan.name = "First".to_owned();
        plan_file::save(&path, &plan).unwrap();
        plan.name = "Second".to_owned();
        plan_file::save(&path, &plan).unwrap();
        let old = std::fs::read(&path).unwrap();
        let old_backup = std::fs::read(plan_file::backup_path(&path)).unwrap();
        plan.name = "Never saved".to_owned();
        let err = plan_file::save_failing_at(&path, &plan, &|step| {
            if step == failing {
                Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert!(
            err.to_string().contains("the disk is full"),
            "{failing:?}: {err}"
        );
        assert!(
            err.to_string().contains("Free some space"),
            "{failing:?}: {err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), old, "{failing:?}");
        assert_eq!(
            std::fs::read(plan_file::backup_path(&path)).unwrap(),
            old_backup,
            "{failing:?}"
        );
        assert_eq!(
            names_in(dir.path()),
            ["plan.ron", "plan.ron.bak"],
            "{failing:?}"
        );
    }
}

/// Kills a child process while it saves a 20,000-post plan, again and again: the file is always
/// exactly the old or the new version, and the next save leaves no temporary file.
#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_plan() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let bin = env!("CARGO_BIN_EXE_merger-planner");
    let write = |seed: u64| {
        let mut command = Command::new(bin);
        command
            .args(["example", "--councils", "6", "--posts", "20000", "--force"])
            .args(["--seed", &seed.to_string(), "--out"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };
    // The two versions the file may hold.
    assert!(write(1).status().unwrap().success());
    let one = std::fs::read(&path).unwrap();
    assert!(write(2).status().unwrap().success());
    let two = std::fs::read(&path).unwrap();
    assert_ne!(one, two);
    // A save takes some tens of milliseconds; kill at moments spread over it (the quickest of
    // three, so that a slow first run on a busy machine does not spread the kills past most
    // saves' end).
    let full = (0..3)
        .map(|_| {
            let started = std::time::Instant::now();
            write(1).status().unwrap();
            started.elapsed().as_micros().max(1000) as u64
        })
        .min()
        .unwrap_or(1000);
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut killed = 0;
    for round in 0..200u64 {
        // xorshift: a fixed sequence of moments, the same on every run.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let at = std::time::Duration::from_micros(state % (full + full / 4));
        let mut child = write(1 + round % 2).spawn().unwrap();
        std::thread::sleep(at);
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        child.wait().unwrap();
        let now = std::fs::read(&path).unwrap();
        assert!(
            now == one || now == two,
            "round {round}: the plan is neither version"
        );
    }
    assert!(
        killed >= 100,
        "only {killed} of 200 saves were killed part way"
    );
    assert!(write(1).status().unwrap().success());
    let names = names_in(dir.path());
    assert_eq!(
        names,
        ["plan.ron", "plan.ron.bak"],
        "left behind: {names:?}"
    );
}

#[test]
fn an_unknown_field_is_read_past_with_a_warning_giving_its_line() {
    let plan = example::bournemouth_poole();
    let text = plan_file::to_text(&plan).unwrap();
    let at = text.find("  parameters: (\n").expect("the parameters") + "  parameters: (\n".len();
    let line = text[..at].lines().count() + 1;
    let edited = format!(
        "{}    max_yeers: (20, \"years\"),\n{}",
        &text[..at],
        &text[at..]
    );
    let (read, warning) = plan_file::parse_noting(&edited).unwrap();
    assert_eq!(read, plan, "the rest of the plan is read as it was");
    let warning = warning.expect("a warning");
    assert!(
        warning.contains(&format!(
            "\n- line {line}, column 5: `max_yeers` (in parameters)"
        )),
        "{warning}"
    );
    assert!(warning.starts_with("The plan has 1 field"), "{warning}");
    assert_eq!(
        plan_file::parse_noting(&text).unwrap().1,
        None,
        "none in a plain plan"
    );
}

#[test]
fn unknown_fields_in_every_post_are_counted_and_the_first_twenty_listed() {
    let plan = example::bournemouth_poole();
    // The example as saved in format 9, whose posts name their fields (from format 10 they are
    // rows under one header, and a newer version's column comes with a newer version number).
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/bournemouth-poole.ron"),
    )
    .unwrap();
    assert!(text.contains("  format_version: 9,"));
    // A newer version's field in every post, after each post's id.
    let mut edited = String::new();
    let mut posts = 0;
    let mut first_line = None;
    let mut in_posts = false;
    for (n, line) in text.lines().enumerate() {
        edited.push_str(line);
        edited.push('\n');
        if line.starts_with("  ") && !line.starts_with("   ") {
            in_posts = line == "  posts: [";
        }
        if in_posts && line.starts_with("      id: \"") {
            posts += 1;
            first_line.get_or_insert(n + 2);
            edited.push_str("      grade_code: \"SO1\",\n");
        }
    }
    assert_eq!(posts, plan.posts.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.ron");
    std::fs::write(&path, &edited).unwrap();
    let (read, warning) = plan_file::open_noting(&path, 200).unwrap();
    assert_eq!(read, plan);
    let warning = warning.expect("a warning");
    assert!(
        warning.starts_with(&format!(
            "The plan has {} fields",
            merger_planner::format::thousands(posts as u64)
        )),
        "{warning}"
    );
    assert!(
        warning.ends_with(&format!(
            "\n- line {}, column 7: `grade_code` (in posts), {posts} times in all",
            first_line.unwrap()
        )),
        "one line for them all: {warning}"
    );
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    plan_file::save(&path, &example::bournemouth_poole()).unwrap();
    // The example is 0.3 MB: over a limit of 0 MB, under the default 200 MB.
    let err = plan_file::open_at_most(&path, 0).unwrap_err();
    assert!(
        matches!(
            err,
            FileError::TooLarge {
                size_mb: 1,
                limit_mb: 0,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("is 1 MB, over the 0 MB limit"),
        "{err}"
    );
    assert!(err.to_string().contains("--max-plan-mb"), "{err}");
    assert!(plan_file::open(&path).is_ok());
}

/// A save in one process while another opens the same plan again and again (as `report` does):
/// the opener's clean-up of killed saves' temporary files passes by the one being written.
#[test]
fn opening_a_plan_never_removes_a_save_in_progress_in_another_process() {
    use std::process::{Command, Stdio};
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let plan = example::reorganisation(3, 4_000, 1);
    plan_file::save(&path, &plan).unwrap();
    let done = AtomicBool::new(false);
    let (saved, opened) = std::thread::scope(|scope| {
        let opener = scope.spawn(|| {
            let mut opened = 0;
            while !done.load(Ordering::Relaxed) {
                let status = Command::new(env!("CARGO_BIN_EXE_merger-planner"))
                    .args(["report", "--format", "json"])
                    .arg(&path)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .unwrap();
                assert!(status.success());
                opened += 1;
            }
            opened
        });
        let mut saved = Vec::new();
        for _ in 0..40 {
            saved.push(plan_file::save(&path, &plan).map_err(|e| e.to_string()));
        }
        done.store(true, Ordering::Relaxed);
        (saved, opener.join().unwrap())
    });
    let failed: Vec<&String> = saved.iter().filter_map(|s| s.as_ref().err()).collect();
    assert!(
        failed.is_empty(),
        "{} of 40 saves failed: {failed:?}",
        failed.len()
    );
    assert!(
        opened >= 2,
        "the plan was opened only {opened} times beside the saves"
    );
    assert_eq!(names_in(dir.path()), ["plan.ron", "plan.ron.bak"]);
}

/// A temporary file whose save is still running is held; one left by a killed save is not.
#[test]
fn only_temporary_files_no_running_save_holds_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    plan_file::save(&path, &example::bournemouth_poole()).unwrap();
    let live = dir.path().join(".plan.ron.Live01.tmp");
    let held = std::fs::File::create(&live).unwrap();
    held.lock().unwrap();
    std::fs::write(dir.path().join(".plan.ron.Dead01.tmp"), "half a plan").unwrap();
    plan_file::open(&path).unwrap();
    assert_eq!(names_in(dir.path()), [".plan.ron.Live01.tmp", "plan.ron"]);
    drop(held);
    plan_file::open(&path).unwrap();
    assert_eq!(names_in(dir.path()), ["plan.ron"]);
}

#[cfg(unix)]
#[test]
fn the_backup_keeps_the_plans_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let plan = example::bournemouth_poole();
    plan_file::save(&path, &plan).unwrap();
    plan_file::save(&path, &plan).unwrap();
    let backup = plan_file::backup_path(&path);
    std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
    plan_file::save(&path, &plan).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&backup), 0o604);
}

#[test]
fn a_version_9_plan_whose_posts_name_every_field_opens_and_saves_as_rows() {
    use merger_planner::model::{FORMAT_VERSION, Group};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let v9 = plan_file::open(&dir.join("plan-v9.ron")).unwrap();
    assert_eq!(v9.format_version, FORMAT_VERSION);
    assert_eq!(v9.posts.len(), 20);
    let grouped = &v9.posts[18];
    assert!(grouped.unnamed && grouped.holder.is_none() && grouped.pay_range.is_some());
    assert_eq!(
        grouped.group,
        Some(Group {
            headcount: Some(3.0)
        })
    );
    assert_eq!(v9.posts[19].group, Some(Group { headcount: None }));
    let h = v9.posts[0].holder.as_ref().unwrap();
    assert_eq!(h.monitoring.sex.as_deref(), Some("Female"));
    assert!(h.strain_quote.is_some());
    // Version 10 writes the posts as a table: the column names once, then a row a post.
    let text = plan_file::to_text(&v9).unwrap();
    assert!(text.contains("  posts: (\n    columns: [\n      \"id\",\n"));
    assert!(text.contains("\n    rows: [\n      (\""));
    let older = std::fs::read_to_string(dir.join("plan-v9.ron")).unwrap();
    assert!(
        text.len() < older.len(),
        "rows are shorter than named fields"
    );
    assert_eq!(plan_file::parse(&text).unwrap(), v9);
}

#[test]
fn a_version_10_plan_opens_and_is_saved_with_its_version_recorded_at_the_end() {
    use merger_planner::document::Document;
    use merger_planner::model::FORMAT_VERSION;
    use merger_planner::persist::version;
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan-v10.ron");
    let v10 = plan_file::open(&fixture).unwrap();
    assert_eq!(v10.format_version, FORMAT_VERSION);
    assert!(v10.comments.is_empty() && v10.sign_offs.is_empty() && v10.lineage.is_empty());
    // Written as it was but for the version number: version 11 only adds fields, each left out
    // while empty.
    let text = plan_file::to_text(&v10).unwrap();
    let older = std::fs::read_to_string(&fixture).unwrap();
    assert_eq!(
        text,
        older.replacen("format_version: 10,", "format_version: 11,", 1)
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut doc = Document::new(v10.clone(), None);
    doc.save(&path).unwrap();
    let first = doc.plan().lineage.clone();
    assert_eq!(first.version, version::version_hash(&v10));
    assert!(first.earlier.is_empty());
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.ends_with(&format!(
            "  lineage: (\n    version: \"{}\",\n  ),\n)\n",
            first.version
        )),
        "{}",
        &saved[saved.len() - 200..]
    );
    assert_eq!(
        version::recorded_version(&path),
        Some(first.version.clone())
    );
    // Saved again unchanged: the same version. Changed: the last becomes its parent.
    doc.save(&path).unwrap();
    assert_eq!(doc.plan().lineage, first);
    let mut edited = doc.plan().clone();
    edited.name = "Renamed".to_owned();
    let mut doc = Document::new(edited, Some(path.clone()));
    doc.save(&path).unwrap();
    assert_eq!(
        doc.plan().lineage.earlier,
        std::slice::from_ref(&first.version)
    );
    let reopened = plan_file::open(&path).unwrap();
    assert_eq!(reopened.lineage, doc.plan().lineage);
}
