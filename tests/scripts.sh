# shellcheck shell=bash
# What the package and window scripts in tests/ share (sourced, not run): stopping with a message
# that names the script, and the release build they check, made if it is not there yet.

# Stops the script with its name and `$*` on standard error.
fail() {
  echo "$(basename "$0" .sh): $*" >&2
  exit 1
}

# Sets `target` to the target folder (absolute) and builds the release binary there if needed.
release_build() {
  target="$(cd "${CARGO_TARGET_DIR:-target}" 2> /dev/null && pwd)" || target=""
  if [ -z "$target" ] || [ ! -x "$target/release/merger-planner" ]; then
    cargo build --release --locked
    target="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)"
  fi
}
