#!/usr/bin/env bash
# Builds the Debian package (docs/packaging.md) into target/debian/, then installs it into a
# scratch root with dpkg, checks that its desktop entry, file type, icons, manual pages and
# completions are where the desktop looks for them, runs the installed program (`--version`, and
# `report` on the example it installs) and removes it again, leaving nothing behind. `.ci/run`
# runs it after the tests; it needs cargo-deb, dpkg, desktop-file-validate and
# update-mime-database (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tests/scripts.sh
source tests/scripts.sh

# Always built: the package must be of the source as it stands.
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --locked
bin="$target/release/merger-planner"

# The manual pages and completions come from the binary, so they describe the version packaged.
rm -rf "$target/release/man" "$target/release/completions"
"$bin" man --out "$target/release/man" > /dev/null
# Compressed as Debian policy asks (cargo-deb compresses only the pages it does not count as built).
gzip -9n "$target/release/man"/*.1
mkdir -p "$target/release/completions"
"$bin" completions bash > "$target/release/completions/merger-planner"
"$bin" completions zsh > "$target/release/completions/_merger-planner"
"$bin" completions fish > "$target/release/completions/merger-planner.fish"

# The package goes where cargo-deb puts it, target/debian/merger-planner_VERSION_ARCH.deb, for
# installing once it has passed the checks below.
deb="$(cargo deb --no-build --locked | tail -1)"
[ -f "$deb" ] || fail "cargo deb made no package"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT


# What the package says of itself.
dpkg-deb --field "$deb" Package | grep -qx merger-planner || fail "the package is not named merger-planner"
dpkg-deb --field "$deb" Recommends | grep -q "xdg-desktop-portal-gtk | zenity" ||
  fail "the package does not recommend what the file dialogs need"
dpkg-deb --field "$deb" Recommends | grep -q "mesa-vulkan-drivers" ||
  fail "the package does not recommend the drivers the window needs"

# A scratch root with its own dpkg database: the machine's own is never touched, and no root
# rights are needed. Its dependencies (libc) are the machine's, so they are not checked here.
root="$work/root"
admin="$root/var/lib/dpkg"
mkdir -p "$admin/info" "$admin/updates" "$admin/triggers"
touch "$admin/status" "$admin/available"
dpkg_root() {
  dpkg --root="$root" --admindir="$admin" --force-not-root --force-depends --force-script-chrootless "$@"
}
dpkg_root --install "$deb" > "$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "dpkg could not install the package"; }
dpkg_root --status merger-planner | grep -q "Status: install ok installed" || fail "dpkg does not list the package as installed"

# Everything where the desktop looks for it.
for f in \
  usr/bin/merger-planner \
  usr/share/applications/merger-planner.desktop \
  usr/share/mime/packages/merger-planner.xml \
  usr/share/icons/hicolor/48x48/apps/merger-planner.png \
  usr/share/icons/hicolor/256x256/apps/merger-planner.png \
  usr/share/man/man1/merger-planner.1.gz \
  usr/share/man/man1/merger-planner-report.1.gz \
  usr/share/bash-completion/completions/merger-planner \
  usr/share/zsh/vendor-completions/_merger-planner \
  usr/share/fish/vendor_completions.d/merger-planner.fish \
  usr/share/doc/merger-planner/copyright \
  usr/share/doc/merger-planner/examples/bournemouth-poole.ron; do
  [ -e "$root/$f" ] || fail "$f is not installed"
done
desktop="$root/usr/share/applications/merger-planner.desktop"
desktop-file-validate "$desktop" || fail "the desktop entry is not valid"
grep -qx "Exec=merger-planner %f" "$desktop" || fail "the desktop entry does not open the file it is given"
grep -qx "Icon=merger-planner" "$desktop" || fail "the desktop entry names another icon"
grep -qx "MimeType=application/x-merger-plan;" "$desktop" || fail "the desktop entry does not open plans"

# The plan file type, as the desktop's MIME database would have it: a plan is recognised by its
# name and by its content.
cp -r "$root/usr/share/mime" "$work/mime"
update-mime-database "$work/mime" > /dev/null 2>&1
grep -q "application/x-merger-plan:\*\.ron" "$work/mime/globs2" || fail "*.ron is not a merger plan"
grep -q "Merger plan" "$work/mime/application/x-merger-plan.xml" || fail "the file type has no name"
gzip -dc "$root/usr/share/man/man1/merger-planner.1.gz" | grep -q "merger\\\\-planner\\\\-report(1)" ||
  fail "the manual page does not list the commands"

# The installed program runs.
"$root/usr/bin/merger-planner" --version | grep -q "^merger-planner " || fail "--version printed nothing"
"$root/usr/bin/merger-planner" report "$root/usr/share/doc/merger-planner/examples/bournemouth-poole.ron" \
  --format json > "$work/report.json" 2> /dev/null || fail "report on the installed example failed"
grep -q '"recurring_saving"' "$work/report.json" || fail "the report has no saving"

# Removed, nothing is left.
dpkg_root --purge merger-planner > "$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; fail "dpkg could not remove the package"; }
left="$(find "$root" -path "$root/var" -prune -o \( -type f -o -type l \) -print)"
[ -z "$left" ] || fail "files left after removal: $left"

echo "debian-package: $deb built, installed, run and removed cleanly"
