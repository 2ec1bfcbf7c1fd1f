//! Lock files: which running copy of the app has a plan open, and whose recovery copy is whose.
//!
//! A running copy writes a small lock file beside the plan (`.~lock.NAME#`, as LibreOffice does)
//! saying who has it open, on which machine and since when, and holds a shared operating-system
//! lock on it for as long as it has the plan open. Another copy that finds the file tries for an
//! exclusive lock: if it cannot get one, the holder is running and the plan is open there; if it
//! can, the holder crashed and the lock file is stale. The system releases a crashed process's
//! locks, so a stale file is never mistaken for a live one.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// A lock file this copy holds: the operating-system lock lasts while the value lives, and the
/// file is removed when it is dropped.
#[derive(Debug)]
pub struct Held {
    path: PathBuf,
    /// What this copy wrote: the file is removed only while it still says this (another copy
    /// that took over has written its own).
    contents: String,
    _file: File,
}

impl Held {
    /// Creates `path` (it must not exist), writes `contents` and holds it.
    pub fn create(path: &Path, contents: &str) -> io::Result<Self> {
        let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
        file.write_all(contents.as_bytes())?;
        file.flush()?;
        // Shared, so that others may read who holds it (Windows refuses reads of a file locked
        // exclusively) but cannot take it exclusively while this copy runs.
        file.try_lock_shared().map_err(|e| match e {
            TryLockError::Error(e) => e,
            TryLockError::WouldBlock => io::Error::from(io::ErrorKind::WouldBlock),
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            contents: contents.to_owned(),
            _file: file,
        })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if read_start(&self.path).is_ok_and(|now| now == self.contents.as_bytes()) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The first 4 KB of a lock file: all a lock file this app writes holds, and a bound on what a
/// file planted in its place can make it read.
fn read_start(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    File::open(path)?.take(4096).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Whether a running process holds the lock file at `path`. A missing or unreadable file is not
/// held.
pub fn is_held(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    matches!(file.try_lock(), Err(TryLockError::WouldBlock))
}

/// Who has a plan open, as their lock file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// Their user name.
    pub user: String,
    /// Their machine's name.
    pub machine: String,
    /// When they opened it.
    pub since: Option<jiff::Timestamp>,
}

impl Holder {
    /// This copy of the app, now.
    pub fn this_copy(now: jiff::Timestamp) -> Self {
        Self {
            user: user_name(),
            machine: machine_name(),
            since: Some(now),
        }
    }

    /// "jsmith on FIN-LAPTOP-12 since 10:32 on 29 Nov 2026".
    pub fn describe(&self, zone: &jiff::tz::TimeZone) -> String {
        let since = self.since.map_or_else(String::new, |t| {
            t.to_zoned(zone.clone())
                .strftime(" since %H:%M on %-d %b %Y")
                .to_string()
        });
        format!("{} on {}{since}", self.user, self.machine)
    }

    /// The lock file's words; the process id makes each copy's file its own.
    fn to_text(&self) -> String {
        let since = self.since.map_or_else(String::new, |t| t.to_string());
        format!(
            "Merger Planner has this plan open.\nuser={}\nmachine={}\nsince={since}\nprocess={}\n",
            self.user,
            self.machine,
            std::process::id()
        )
    }

    /// Reads a lock file's words; whatever is missing or garbled reads as unknown.
    fn from_text(text: &str) -> Self {
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
                .map(|v| v.trim().chars().take(100).collect::<String>())
                .filter(|v| !v.is_empty())
        };
        Self {
            user: field("user").unwrap_or_else(|| "someone".to_owned()),
            machine: field("machine").unwrap_or_else(|| "another computer".to_owned()),
            since: field("since").and_then(|s| s.parse().ok()),
        }
    }
}

/// The lock file of a plan: `.~lock.NAME#` in the plan's folder.
pub fn lock_file(plan: &Path) -> PathBuf {
    let name = plan
        .file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy());
    plan.with_file_name(format!(".~lock.{name}#"))
}

/// Taking a plan's lock.
#[derive(Debug)]
pub enum Taken {
    /// This copy now holds it.
    Held(Held),
    /// Another running copy has the plan open.
    By(Holder),
}

/// Takes the lock of `plan` for this copy, unless a running copy holds it. A lock file left by a
/// copy that crashed is replaced.
pub fn take(plan: &Path, me: &Holder) -> io::Result<Taken> {
    let path = lock_file(plan);
    for _ in 0..3 {
        match Held::create(&path, &me.to_text()) {
            Ok(held) => return Ok(Taken::Held(held)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if is_held(&path) {
                    return Ok(Taken::By(holder(&path)));
                }
                // Stale: its holder is gone. (If another copy takes it between the removal
                // and our creation, the next round finds it held.)
                fs::remove_file(&path)?;
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("the lock file keeps changing"))
}

/// Who a lock file says holds it; what is missing or garbled reads as unknown.
pub fn holder(path: &Path) -> Holder {
    let text = read_start(path).unwrap_or_default();
    Holder::from_text(&String::from_utf8_lossy(&text))
}

/// Takes the lock of `plan` even though another copy holds it: the user chose to edit anyway.
/// The other copy keeps running; whichever saves last wins.
pub fn take_over(plan: &Path, me: &Holder) -> io::Result<Held> {
    let path = lock_file(plan);
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    Held::create(&path, &me.to_text())
}

/// The user's name, from the environment.
fn user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "someone".to_owned())
}

/// The machine's name: Windows says it in the environment, Linux in /proc or /etc/hostname.
fn machine_name() -> String {
    std::env::var("COMPUTERNAME")
        .ok()
        .or_else(|| fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .or_else(|| fs::read_to_string("/etc/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "this computer".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> Holder {
        Holder {
            user: "jsmith".to_owned(),
            machine: "FIN-LAPTOP-12".to_owned(),
            since: Some("2026-11-29T10:32:00Z".parse().expect("a time")),
        }
    }

    #[test]
    fn a_held_plan_says_who_holds_it_and_a_dropped_lock_frees_it() {
        let dir = tempfile::tempdir().expect("a folder");
        let plan = dir.path().join("merger.ron");
        let Taken::Held(held) = take(&plan, &me()).expect("taken") else {
            panic!("free at first");
        };
        assert_eq!(held.path(), dir.path().join(".~lock.merger.ron#"));
        let Taken::By(holder) =
            take(&plan, &Holder::this_copy(jiff::Timestamp::now())).expect("asked")
        else {
            panic!("held by the first");
        };
        assert_eq!(holder, me());
        assert_eq!(
            holder.describe(&jiff::tz::TimeZone::UTC),
            "jsmith on FIN-LAPTOP-12 since 10:32 on 29 Nov 2026"
        );
        drop(held);
        assert!(!lock_file(&plan).exists(), "removed when dropped");
        assert!(matches!(take(&plan, &me()), Ok(Taken::Held(_))));
    }

    #[test]
    fn a_lock_file_nobody_holds_is_stale_and_replaced() {
        let dir = tempfile::tempdir().expect("a folder");
        let plan = dir.path().join("merger.ron");
        // What a crashed copy leaves: the file, and no process holding it.
        fs::write(lock_file(&plan), "user=gone\nmachine=old\n").expect("written");
        let Taken::Held(_held) = take(&plan, &me()).expect("taken") else {
            panic!("a stale lock is replaced");
        };
        let text = fs::read_to_string(lock_file(&plan)).expect("read");
        assert!(text.contains("user=jsmith"), "{text}");
    }

    #[test]
    fn a_garbled_lock_file_reads_as_unknown() {
        let holder = Holder::from_text("\u{0}\u{1}garbage");
        assert_eq!(holder.user, "someone");
        assert_eq!(holder.machine, "another computer");
        assert_eq!(holder.since, None);
    }

    #[test]
    fn taking_over_replaces_a_live_lock() {
        let dir = tempfile::tempdir().expect("a folder");
        let plan = dir.path().join("merger.ron");
        let Ok(Taken::Held(first)) = take(&plan, &me()) else {
            panic!("taken");
        };
        let mut other = me();
        other.user = "akhan".to_owned();
        let second = take_over(&plan, &other).expect("taken over");
        let text = fs::read_to_string(second.path()).expect("read");
        assert!(text.contains("user=akhan"), "{text}");
        // The first copy closing later leaves the second's lock file alone.
        drop(first);
        assert!(second.path().exists());
        drop(second);
        assert!(!lock_file(&plan).exists());
    }
}
