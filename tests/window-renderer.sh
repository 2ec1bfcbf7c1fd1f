#!/usr/bin/env bash
# The window opens where there is no GPU driver, as on many council laptops in a remote desktop
# session: with Vulkan's drivers hidden, wgpu falls back to OpenGL, and with no GPU, to Mesa's
# software rasteriser; the app logs what draws it (and Help > About says the same). Run under
# Xvfb with a scratch home, then closed. `.ci/run` runs it; it needs xvfb and Mesa's OpenGL
# (libgl1-mesa-dri, libegl1), and the release build tests/debian-package.sh leaves.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tests/scripts.sh
source tests/scripts.sh


release_build
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The window stays open until killed: eight seconds is ample to open it and log its renderer.
status=0
HOME="$work" VK_ICD_FILENAMES="$work/no-vulkan.json" RUST_LOG=merger_planner=info \
  timeout 8 xvfb-run -a -s "-screen 0 1280x800x24" "$target/release/merger-planner" \
  > "$work/log" 2>&1 || status=$?
# 124: stopped by the timeout, as meant; anything else is the app failing.
[ "$status" -eq 124 ] || { cat "$work/log" >&2; fail "the app stopped by itself (exit $status)"; }
grep -q "the window is drawn with OpenGL on " "$work/log" ||
  { cat "$work/log" >&2; fail "without Vulkan, the window was not drawn with OpenGL"; }
echo "window-renderer: $(grep -o 'the window is drawn with .*' "$work/log" | head -1)"
