#!/usr/bin/env bash
# Walks the director's path with the keys while Orca listens, on a screen of its own (Xvfb), and
# writes what Orca would have said. By hand, not in CI: docs/accessibility.md has a run's words.
#
#   sudo apt install xvfb xdotool at-spi2-core python3-pyatspi orca dbus-x11
#   tests/orca.sh        # builds the release binary if need be; then read orca-said.txt
#
# Orca runs with speech and braille off (with speech on it waits on speech-dispatcher, which a
# bare machine lacks); its debug file still logs each "SPEECH OUTPUT".
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$(cd "${OUT:-$PWD}" && pwd)
# shellcheck source=tests/scripts.sh
. "$top/tests/scripts.sh"
if [[ -z ${INSIDE_BUS:-} ]]; then
  for tool in Xvfb xdotool orca dbus-run-session gdbus; do
    command -v "$tool" >/dev/null || fail "$tool is missing: see the install line at the top"
  done
  (cd "$top" && release_build)
  Xvfb :78 -screen 0 1600x1000x24 >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null' EXIT
  sleep 1
  INSIDE_BUS=1 DISPLAY=:78 OUT=$out dbus-run-session -- "$0"
  exit
fi
export HOME=${HOME_FOR_RUN:-$(mktemp -d)}
/usr/libexec/at-spi-bus-launcher --launch-immediately &
sleep 1
for p in IsEnabled ScreenReaderEnabled; do
  gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
    --method org.freedesktop.DBus.Properties.Set org.a11y.Status $p '<true>' >/dev/null
done
cd "$top"
release_build
"$target/release/merger-planner" >"$out/app.log" 2>&1 &
app=$!
sleep 8
window=$(xdotool search --name "Merger Planner" | head -1)
xdotool windowsize "$window" 1600 1000
orca --replace -d speech -d braille --debug-file="$out/orca-debug.out" >/dev/null 2>&1 &
orca=$!
sleep 8
xdotool windowfocus "$window"
/usr/bin/python3 "$top/tests/orca-walk.py" >"$out/focus-walk.txt" || true
sleep 3
command -v import >/dev/null && import -window root "$out/screen.png"
kill $orca $app 2>/dev/null || true
grep "SPEECH OUTPUT" "$out/orca-debug.out" |
  sed "s/^[0-9:.]* - SPEECH OUTPUT: '//; s/'{.established.: False}$//" >"$out/orca-said.txt"
echo "Orca said $(wc -l <"$out/orca-said.txt") things: $out/orca-said.txt; the focus walk: $out/focus-walk.txt"
