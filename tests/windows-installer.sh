#!/usr/bin/env bash
# Checks the Windows installer's source (assets/windows/merger-planner.wxs) on Linux, where the
# installer itself cannot be built: msitools' wixl compiles it, and the tables of what it makes
# are checked against what docs/packaging.md promises (installed for the user alone without
# administrator rights, a Start menu entry, plans opening as "Merger plan", the icon). The
# Windows executable cannot be built here, so the release build's Linux binary stands in for it
# and the result is thrown away: the real installer is built on Windows by
# .github/workflows/release.yml. `.ci/run` runs it after tests/debian-package.sh (which leaves
# the release build); it needs wixl and msiinfo (msitools).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tests/scripts.sh
source tests/scripts.sh


release_build
version="$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$target/release/merger-planner" "$work/merger-planner.exe"
msi="$work/merger-planner.msi"
# wixl reads paths relative to the source's folder; it does not know InstallPrivileges or
# RemoveFolder's Directory (WiX does), and says so.
wixl --arch x64 -D "Version=$version" -D "CargoTargetBinDir=$(realpath --relative-to=assets/windows "$work")" -D "IconDir=.." \
  -o "$msi" assets/windows/merger-planner.wxs 2> "$work/wixl.log" ||
  { cat "$work/wixl.log" >&2; fail "the installer's source does not compile"; }

# msiinfo writes its tables with Windows line ends.
# It writes a table's binary streams (the icon) into the folder it runs in: the scratch one.
table() { (cd "$work" && msiinfo export "$msi" "$1") | tr -d '\r'; }
summary="$(msiinfo suminfo "$msi")"
grep -q "^Subject: Merger Planner $version$" <<< "$summary" || fail "the installer is not of version $version"
# Word count 10: compressed (2), and no elevated privileges needed (8): no administrator prompt.
grep -q "^Source: 10 " <<< "$summary" || fail "the installer asks for administrator rights"
props="$(table Property)"
grep -qP "^ALLUSERS\t2$" <<< "$props" || fail "ALLUSERS is not 2"
grep -qP "^MSIINSTALLPERUSER\t1$" <<< "$props" || fail "not installed for the user alone"
grep -qP "^ARPPRODUCTICON\tMergerPlanner.ico$" <<< "$props" || fail "Apps & features shows no icon"
grep -qP "^UpgradeCode\t\{6F3E1C52-8B0D-4C3A-9E7B-2D5A4F1B7C90\}$" <<< "$props" ||
  fail "the upgrade code changed: a new version would not replace the old"
dirs="$(table Directory)"
grep -qP "^ProgramsFolder\tLocalAppDataFolder\tPrograms$" <<< "$dirs" || fail "not installed under %LOCALAPPDATA%\\Programs"
grep -qP "^INSTALLDIR\tProgramsFolder\tMerger Planner$" <<< "$dirs" || fail "the install folder is not 'Merger Planner'"
table File | grep -qP "\tmerger-planner.exe\t" || fail "the program is not installed"
table Shortcut | grep -qP "^StartMenuShortcut\tProgramMenuFolder\tMerger Planner\t" || fail "no Start menu entry"
registry="$(table Registry)"
# Root 1 is HKEY_CURRENT_USER: the user's own file types, no administrator needed.
grep -qP "\t1\tSoftware\\\\Classes\\\\.ron\t\tMergerPlanner.Plan\t" <<< "$registry" || fail ".ron is not a Merger plan"
grep -qP "\t1\tSoftware\\\\Classes\\\\MergerPlanner.Plan\t\tMerger plan\t" <<< "$registry" || fail "the plan type is not named 'Merger plan'"
grep -qF '"[INSTALLDIR]merger-planner.exe" "%1"' <<< "$registry" || fail "a double-clicked plan is not passed to the program"
table Icon | grep -q "MergerPlanner.ico" || fail "the icon is not in the installer"

echo "windows-installer: assets/windows/merger-planner.wxs compiles, per user, with its Start menu entry and plan type"
