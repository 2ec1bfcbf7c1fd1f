//! A corpus of hostile plan files: truncated at every hundredth byte, deeply nested, huge
//! numbers, NaN in every numeric field, a 10 MB string, wrong types, a byte-order mark, UTF-16.
//! Each is refused with a message or opened, in under a second, without a panic; whatever opens
//! and passes validation also evaluates.

use std::time::{Duration, Instant};

use merger_planner::engine::evaluate_base;
use merger_planner::example;
use merger_planner::model::{Plan, Severity, validate};
use merger_planner::persist::plan_file;

/// The example with a few posts, small enough to cut at every hundredth byte.
fn small_plan_text() -> String {
    let mut plan = example::bournemouth_poole();
    plan.posts.truncate(12);
    plan_file::to_text(&plan).expect("the example writes")
}

/// Opens `bytes` as a plan file would be opened, and evaluates what opens and validates.
/// Returns whether it opened.
fn try_open(dir: &std::path::Path, bytes: &[u8], what: &str) -> bool {
    let path = dir.join("hostile.ron");
    std::fs::write(&path, bytes).expect("the test folder is writable");
    let started = Instant::now();
    let opened = match plan_file::open(&path) {
        Ok(plan) => {
            let problems = validate(&plan);
            if !problems.iter().any(|p| p.severity == Severity::Error) {
                let _ = evaluate_base(&plan);
            }
            true
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty(), "{what}: an empty message");
            assert!(!message.contains("serde"), "{what}: {message}");
            false
        }
    };
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{what} took {:?}",
        started.elapsed()
    );
    opened
}

#[test]
fn a_plan_cut_short_anywhere_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = small_plan_text();
    for cut in (0..text.len()).step_by(100) {
        let mut end = cut;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let opened = try_open(
            dir.path(),
            &text.as_bytes()[..end],
            &format!("cut at {end}"),
        );
        assert!(!opened, "a plan cut at byte {end} opened");
    }
    assert!(try_open(dir.path(), text.as_bytes(), "the whole plan"));
}

/// Every number in the plan's text, as (start, end) byte ranges.
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        if starts_number {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            // Dates (2026-04-06) are not numbers here.
            let in_date = bytes.get(i) == Some(&b'-') || (start > 0 && bytes[start - 1] == b'-');
            if !in_date {
                out.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn nan_infinity_and_huge_numbers_in_every_numeric_field_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = example::bournemouth_poole();
    plan.posts.truncate(3);
    let text = plan_file::to_text(&plan).unwrap();
    let spots = numbers(&text);
    assert!(spots.len() > 100, "{} numbers", spots.len());
    // How many hostile files parsed and were refused by validation, not by the reader: the
    // check that validation itself is tested.
    let mut refused_by_validation = 0;
    for (start, end) in spots {
        let original = &text[start..end];
        for bad in ["NaN", "inf", "-inf", "1e308", "-1e308"] {
            let hostile = format!("{}{bad}{}", &text[..start], &text[end..]);
            let path = dir.path().join("hostile.ron");
            std::fs::write(&path, &hostile).unwrap();
            let what = format!("{original} → {bad} at byte {start}");
            let started = Instant::now();
            if let Ok(opened) = plan_file::open(&path) {
                let problems = validate(&opened);
                let refused = problems.iter().any(|p| p.severity == Severity::Error);
                refused_by_validation += usize::from(refused);
                // A value that changes nothing the engine reads (a format version read as
                // the current one) may open; anything else must be refused.
                if !refused && opened != plan {
                    let line = text[..start].lines().count();
                    let context = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
                    panic!("{what} (line {line}: '{}') was accepted", context.trim());
                }
                let _ = evaluate_base(&opened);
            }
            assert!(started.elapsed() < Duration::from_secs(1), "{what}");
        }
    }
    eprintln!("{refused_by_validation} refused by validation");
    assert!(refused_by_validation > 100, "{refused_by_validation}");
}

#[test]
fn deep_nesting_long_strings_wrong_types_and_encodings_are_refused_or_opened() {
    let dir = tempfile::tempdir().unwrap();
    let text = small_plan_text();
    let cases: Vec<(String, Vec<u8>)> = vec![
        (
            "deep nesting".into(),
            format!("(name: {}1{})", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        ),
        (
            "deep nesting in a field".into(),
            text.replacen("name: \"", &format!("name: {}\"", "(".repeat(10_000)), 1)
                .into_bytes(),
        ),
        (
            "a 10 MB name".into(),
            text.replacen(
                "name: \"",
                &format!("name: \"{}", "x".repeat(10_000_000)),
                1,
            )
            .into_bytes(),
        ),
        (
            "a number where text goes".into(),
            text.replacen("name: \"", "name: 12, description: \"", 1)
                .into_bytes(),
        ),
        ("text where a number goes".into(), {
            // A post's FTE, in its row.
            let hostile = text.replacen(", 1.0, ", ", \"one\", ", 1);
            assert_ne!(hostile, text);
            hostile.into_bytes()
        }),
        (
            "a list where a struct goes".into(),
            text.replacen("programme: (", "programme: [(", 1)
                .into_bytes(),
        ),
        ("empty".into(), Vec::new()),
        (
            "a JSON file".into(),
            b"{\"name\": \"x\", \"posts\": []}".to_vec(),
        ),
        ("binary".into(), (0..=255u8).cycle().take(4096).collect()),
        (
            "UTF-16".into(),
            [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
        ),
    ];
    for (what, bytes) in cases {
        try_open(dir.path(), &bytes, &what);
    }
    // A byte-order mark is accepted.
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert!(try_open(dir.path(), &with_bom, "a byte-order mark"));
    let _: Plan = plan_file::open(&dir.path().join("hostile.ron")).unwrap();
}

/// A plan with comments, a sign-off keeping what changed since, and a lineage: cut short
/// anywhere it is refused; a comment on an item of an unknown kind is named with its line; a
/// sign-off whose version cannot be rebuilt as the file says (edited by hand) is said to be so,
/// never a panic.
#[test]
fn reviewers_additions_cut_short_or_edited_by_hand_are_refused_or_said_plainly() {
    use merger_planner::document::Document;
    use merger_planner::document::review::{Signatures, Standing, for_saving, standing};
    use merger_planner::model::{Comment, SignOff, Signed, Topic};
    let dir = tempfile::tempdir().unwrap();
    let mut plan = example::bournemouth_poole();
    plan.posts.truncate(12);
    let mut doc = Document::new(plan, None);
    doc.sign_off(SignOff {
        name: "Jane Smith".into(),
        role: "s151 officer, Poole".into(),
        date: jiff::civil::date(2026, 12, 7),
        note: "Checked".into(),
        content: String::new(),
        signed: Signed::default(),
    });
    let mut edited = doc.plan().clone();
    edited.posts[3].fte = 0.5;
    edited.posts.remove(7);
    edited.comments.push(Comment {
        id: "C-00000001".into(),
        topic: Topic::Post(edited.posts[0].id.clone()),
        author: "Ann Lee".into(),
        written: jiff::Timestamp::from_second(1_800_000_000).unwrap(),
        text: "Why?".into(),
        replies: Vec::new(),
        resolved: None,
    });
    let written = for_saving(&edited, doc.signatures(), true);
    let text = plan_file::to_text(&written).unwrap();
    assert!(text.contains("signed: (") && text.contains("lineage: ("));
    let tail = text.len() - 3_000;
    for cut in (tail..text.len() - 1).step_by(37) {
        let mut end = cut;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let opened = try_open(
            dir.path(),
            &text.as_bytes()[..end],
            &format!("cut at {end}"),
        );
        assert!(!opened, "a plan cut at byte {end} opened");
    }
    // An unknown kind of item: refused, naming where.
    let bogus = text.replacen("topic: Post(", "topic: Spreadsheet(", 1);
    let err = plan_file::parse(&bogus).unwrap_err().to_string();
    assert!(
        err.starts_with("line ") && err.contains("Spreadsheet"),
        "{err}"
    );
    // The sign-off's kept post edited by hand to another id: the version signed no longer has
    // the content signed, but the app still says what changed, without a panic.
    let reopened = plan_file::parse(&text).unwrap();
    let signatures = Signatures::of(&reopened);
    assert_eq!(
        standing(&reopened, &signatures, &reopened.sign_offs[0]),
        Standing::Changed(2)
    );
    let at = text.find("signed: (").unwrap();
    let id = &reopened.posts[0].id;
    let mut hand = text.clone();
    let kept = hand[at..].find("id: \"").unwrap() + at + 5;
    hand.replace_range(kept..kept + id.len(), "ZZZ-99999");
    let hand = plan_file::parse(&hand).unwrap();
    let signatures = Signatures::of(&hand);
    assert!(matches!(
        standing(&hand, &signatures, &hand.sign_offs[0]),
        Standing::Changed(_)
    ));
    let _ = merger_planner::document::review::lines(&hand, true);
}
