//! The layers of ARCHITECTURE.md, checked: each top-level module may use only those below it,
//! so no two import each other. Read from the source's `crate::` paths (not comments).

/// The top-level modules from the bottom up: each may use only those before it.
const LAYERS: [&str; 13] = [
    "model", "format", "theme", "engine", "example", "figures", "charts", "persist", "document",
    "import", "export", "ui", "cli",
];

/// Every `crate::<module>` the code names (in a path, or a `use crate::{a, b}` group, over as
/// many lines as it takes), each with the byte it starts at.
fn named_modules(code: &str) -> Vec<(usize, String)> {
    let word = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("crate::") {
        let start = from + at;
        let rest = &code[start + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Items at the group's top level: `persist::plan_file`, `model::{Plan, Money}`.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push((start, word(&item)));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 || item.is_empty() {
                    item.push(c);
                }
            }
            found.push((start, word(&item)));
        } else {
            found.push((start, word(rest)));
        }
        from = start + "crate::".len();
    }
    found
}

/// The source without its comments (each comment line left empty, so lines keep their numbers).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `.rs` files under `dir`, and `dir.rs` beside it.
fn sources(src: &std::path::Path, module: &str) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let single = src.join(format!("{module}.rs"));
    if single.is_file() {
        files.push(single);
    }
    let mut folders = vec![src.join(module)];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn each_module_uses_only_the_layers_below_it() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (level, module) in LAYERS.iter().enumerate() {
        for file in sources(&src, module) {
            let code = code_of(&std::fs::read_to_string(&file).expect("a source file reads"));
            for (at, used) in named_modules(&code) {
                let Some(to) = LAYERS.iter().position(|m| *m == used) else {
                    continue;
                };
                checked += 1;
                if to > level {
                    wrong.push(format!(
                        "{}:{}: {module} uses {used}, a layer above it",
                        file.strip_prefix(&src).unwrap_or(&file).display(),
                        code[..at].lines().count()
                    ));
                }
            }
        }
    }
    assert!(
        checked > 400,
        "only {checked} uses found: is the reader broken?"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_top_level_module_has_a_layer() {
    let lib = include_str!("lib.rs");
    for line in lib.lines() {
        if let Some(module) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(';'))
        {
            assert!(
                LAYERS.contains(&module),
                "{module} is not in ARCHITECTURE.md's layers (src/architecture.rs)"
            );
        }
    }
}

/// The layers that must run without a window: the plan, the engine, the figures, the file and
/// the document (the command line and the tests use them with no display).
const HEADLESS: [&str; 8] = [
    "model", "format", "engine", "example", "figures", "persist", "document", "import",
];

#[test]
fn the_headless_layers_never_name_egui() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for module in HEADLESS {
        for file in sources(&src, module) {
            let code = code_of(&std::fs::read_to_string(&file).expect("a source file reads"));
            for (n, line) in code.lines().enumerate() {
                if ["egui", "eframe", "wgpu"].iter().any(|w| {
                    line.match_indices(w).any(|(at, _)| {
                        let before = line[..at].chars().next_back();
                        let after = line[at + w.len()..].chars().next();
                        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                            && (after == Some(':') || after == Some('_'))
                    })
                }) {
                    wrong.push(format!(
                        "{}:{}: {}",
                        file.strip_prefix(&src).unwrap_or(&file).display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "headless code names egui:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_reader_finds_paths_and_groups() {
    let names =
        |code: &str| -> Vec<String> { named_modules(code).into_iter().map(|(_, m)| m).collect() };
    assert_eq!(names("use crate::engine::Outcome;"), ["engine"]);
    assert_eq!(
        names("use crate::{persist::plan_file, model::{Plan, Money}};"),
        ["persist", "model"]
    );
    assert_eq!(
        names("use crate::{\n    document::Document,\n    ui::widgets,\n};"),
        ["document", "ui", ""]
    );
    assert_eq!(
        names("let x = crate::format::fte(crate::charts::y());"),
        ["format", "charts"]
    );
}
