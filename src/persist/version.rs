//! A plan's versions: content hashes (SHA-256 of the plan written as compact RON), the lineage
//! read from a file's end without reading the rest, and the folder of versions the app keeps so
//! the version two copies share can be found when they are merged (docs/collaboration.md).

use std::fs;
use std::io::{Read as _, Seek as _, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::model::{Lineage, Plan};

/// What a hash covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Covering {
    /// The whole plan but its lineage: which saved version it is.
    Version,
    /// What the plan says, without comments, sign-offs or lineage: what a sign-off binds to.
    Content,
}

/// The hash of the plan as saved, all but its lineage: `sha256:` and 64 hex digits.
pub fn version_hash(plan: &Plan) -> String {
    hash(plan, Covering::Version)
}

/// The hash of what the plan says (its items, settings and rules; not its comments, sign-offs
/// or lineage): what a sign-off binds to.
pub fn content_hash(plan: &Plan) -> String {
    hash(plan, Covering::Content)
}

/// The first 12 hex digits of a hash, as people read it ("3fa9c1d2e07b").
pub fn short(hash: &str) -> &str {
    let digits = hash.strip_prefix("sha256:").unwrap_or(hash);
    // By characters: a hash edited by hand may hold any text.
    let end = digits
        .char_indices()
        .nth(12)
        .map_or(digits.len(), |(i, _)| i);
    &digits[..end]
}

/// SHA-256 of the plan as compact RON with the parts it does not cover left out. The format
/// version is left out too, so a plan that only moved to a newer format keeps its hash when
/// nothing else it writes changed.
fn hash(plan: &Plan, covering: Covering) -> String {
    // The posts are shared blocks, so this copy costs little.
    let mut shell = plan.clone();
    shell.format_version = 0;
    shell.lineage = Lineage::default();
    if covering == Covering::Content {
        shell.comments.clear();
        shell.sign_offs.clear();
    }
    let mut hasher = Hashing(Sha256::new());
    // Writing to a hasher cannot fail; a plan RON cannot write would fail to save as well.
    let _ = ron::Options::default().to_io_writer(&mut hasher, &shell);
    let digest = hasher.0.finalize();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        use std::fmt::Write as _;
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// A writer that feeds a hash.
struct Hashing(Sha256);

impl Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The plan to write when saving: its lineage moved on to the version it now is (the last
/// saved becomes its parent).
pub fn stamp(plan: &mut Plan) {
    let version = version_hash(plan);
    plan.lineage.advance(version);
}

/// The version recorded at the end of a plan file (its `lineage`), read from the last few
/// kilobytes without reading the rest; `None` for a file without one, or one that is not a plan.
pub fn recorded_version(path: &Path) -> Option<String> {
    let mut file = fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let tail = 16 * 1024;
    file.seek(SeekFrom::Start(size.saturating_sub(tail))).ok()?;
    let mut bytes = Vec::new();
    file.take(tail).read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let at = text.rfind("lineage:")?;
    let rest = &text[at..];
    let start = rest.find("version:")? + "version:".len();
    let rest = rest[start..].trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    let version = &rest[..end];
    version.starts_with("sha256:").then(|| version.to_owned())
}

/// The `.ron` files in `folder` whose recorded version is `version`.
pub fn find_in(folder: &Path, version: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
                && p.is_file()
                && recorded_version(p).as_deref() == Some(version)
        })
        .collect();
    found.sort();
    found
}

/// The versions the app keeps: a copy of each plan as saved or opened, named by its version, the
/// newest [`Versions::KEPT`] kept.
#[derive(Clone, Debug)]
pub struct Versions {
    folder: PathBuf,
}

impl Versions {
    /// How many versions are kept.
    pub const KEPT: usize = 40;

    /// The versions kept in `folder` (made when the first is kept).
    pub fn at(folder: PathBuf) -> Self {
        Self { folder }
    }

    /// Where they are kept.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Where `version` is kept, or would be: `None` for anything but `sha256:` and 64 hex
    /// digits (a file edited by hand may record any text, which must not name a path).
    fn path_of(&self, version: &str) -> Option<PathBuf> {
        let digits = version.strip_prefix("sha256:")?;
        (digits.len() == 64 && digits.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| self.folder.join(format!("{digits}.ron")))
    }

    /// Keeps a copy of the plan file at `path`, whose version is recorded in it; the oldest
    /// beyond [`Versions::KEPT`] are removed. Quietly does nothing when the file records no
    /// version or the copy cannot be made: the kept versions are a help, not a record.
    pub fn keep(&self, path: &Path) {
        let Some(version) = recorded_version(path) else {
            return;
        };
        let Some(target) = self.path_of(&version) else {
            return;
        };
        if target.is_file() {
            // Touched, so the version most recently used is kept longest.
            let _ = fs::File::options()
                .append(true)
                .open(&target)
                .and_then(|f| f.set_modified(std::time::SystemTime::now()));
            return;
        }
        if fs::create_dir_all(&self.folder).is_err() {
            return;
        }
        let Ok(bytes) = fs::read(path) else {
            return;
        };
        if super::plan_file::write_atomic(&target, &bytes).is_err() {
            return;
        }
        self.prune();
    }

    /// The kept copy of `version`, if there is one.
    pub fn find(&self, version: &str) -> Option<PathBuf> {
        let path = self.path_of(version)?;
        (path.is_file() && recorded_version(&path).as_deref() == Some(version)).then_some(path)
    }

    /// Removes the oldest copies beyond [`Versions::KEPT`].
    fn prune(&self) {
        let Ok(entries) = fs::read_dir(&self.folder) else {
            return;
        };
        let mut kept: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter_map(|e| {
                let path = e.path();
                let modified = e.metadata().ok()?.modified().ok()?;
                path.extension()
                    .is_some_and(|x| x == "ron")
                    .then_some((modified, path))
            })
            .collect();
        kept.sort_by_key(|k| std::cmp::Reverse(k.0));
        for (_, path) in kept.into_iter().skip(Self::KEPT) {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_cover_what_they_say_and_the_version_is_read_from_the_file_end() {
        let mut plan = crate::example::bournemouth_poole();
        let version = version_hash(&plan);
        let content = content_hash(&plan);
        assert!(version.starts_with("sha256:") && version.len() == 71);
        plan.lineage.advance("sha256:00".into());
        assert_eq!(version_hash(&plan), version, "the lineage is not covered");
        plan.comments.push(crate::model::Comment {
            id: "C-1".into(),
            topic: crate::model::Topic::Plan,
            author: "A".into(),
            written: jiff::Timestamp::UNIX_EPOCH,
            text: "?".into(),
            replies: Vec::new(),
            resolved: None,
        });
        assert_ne!(
            version_hash(&plan),
            version,
            "comments are part of the version"
        );
        assert_eq!(content_hash(&plan), content, "but not of the content");
        plan.posts[0].fte = 0.5;
        assert_ne!(content_hash(&plan), content);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        stamp(&mut plan);
        super::super::plan_file::save(&path, &plan).unwrap();
        assert_eq!(
            recorded_version(&path).as_deref(),
            Some(plan.lineage.version.as_str())
        );
        assert_eq!(
            find_in(dir.path(), &plan.lineage.version),
            std::slice::from_ref(&path)
        );
        let store = Versions::at(dir.path().join("versions"));
        store.keep(&path);
        let kept = store.find(&plan.lineage.version).unwrap();
        assert_eq!(fs::read(kept).unwrap(), fs::read(&path).unwrap());
        assert_eq!(store.find("sha256:ff"), None);
        assert_eq!(store.find("sha256:../../etc/passwd"), None);
        // A hash edited by hand into any text is shortened without splitting a character.
        assert_eq!(short("sha256:ééééééééééééééé"), "éééééééééééé");
        assert_eq!(short("sha256:ab"), "ab");
    }
}
