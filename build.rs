//! Build metadata: the git commit for `--version` and the About box, and on Windows the
//! executable's icon. No network, no timestamps, so builds are reproducible.

use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .is_some_and(|o| !o.stdout.is_empty());
    let commit = if dirty && !commit.is_empty() {
        format!("{commit}+changes")
    } else {
        commit
    };
    println!("cargo:rustc-env=MERGER_PLANNER_COMMIT={commit}");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/index");
    println!("cargo:rerun-if-changed=build.rs");
    windows_icon();
}

/// Embeds assets/icon.ico in the Windows executable (needs the Windows SDK's rc.exe, or MinGW's
/// windres for the GNU toolchain). Build scripts run on the host, so this happens when building
/// on Windows; the window's own icon comes from assets/icon.png on every platform.
#[cfg(windows)]
fn windows_icon() {
    println!("cargo:rerun-if-changed=assets/icon.ico");
    let mut resource = winresource::WindowsResource::new();
    resource.set_icon("assets/icon.ico");
    if let Err(e) = resource.compile() {
        println!("cargo:warning=the Windows icon was not embedded: {e}");
    }
}

#[cfg(not(windows))]
fn windows_icon() {}
