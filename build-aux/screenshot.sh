#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the README's screenshot from the real window: starts Gloss under Xvfb
# on a fresh default project (the sample article), annotates it from the
# keyboard as a person would (Ctrl+F, type, Enter, label key), and saves the
# window as data/screenshots/gloss-window.png.
#
#   build-aux/screenshot.sh [OUTPUT.png]
#   LANGUAGE=de LC_ALL=C.UTF-8 build-aux/screenshot.sh data/screenshots/gloss-window-de.png
#
# GLOSS_SHOT_WIDTH and GLOSS_SHOT_HEIGHT size the window (1460×920 unless set;
# 800×600 for the README's narrow shot); GLOSS_SHOT_KEYS are pressed before the shot.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GLOSS_BUILD_DIR:-build}"
[[ "$BUILD" == /* ]] || BUILD="$ROOT/$BUILD"
OUTPUT="${1:-$ROOT/data/screenshots/gloss-window.png}"

if [[ -z "${GLOSS_SCREENSHOT_INNER:-}" ]]; then
  "$ROOT/build-aux/build.sh" >/dev/null
  GLOSS_SCREENSHOT_INNER=1 exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$OUTPUT"
fi

home="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$home"' EXIT

export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" GSETTINGS_BACKEND=keyfile
# The annotator question of a first start is answered already: the shot is of the window.
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
printf '[org/gloss/Gloss]\nannotator-asked=true\n' >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
# The build's translations: LANGUAGE=de makes the German shot (gloss-window-de.png).
export GSETTINGS_SCHEMA_DIR="$BUILD/data" GLOSS_LOCALEDIR="$BUILD/po" GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none
"$BUILD/src/gloss" >/dev/null 2>&1 &
pid=$!

for _ in $(seq 50); do
  window="$(xdotool search --sync --onlyvisible --class gloss 2>/dev/null | head -n 1 || true)"
  [[ -n "$window" ]] && break
  sleep 0.2
done
[[ -n "$window" ]] || { echo "screenshot.sh: the window did not appear" >&2; exit 1; }
xdotool windowsize "$window" "${GLOSS_SHOT_WIDTH:-1460}" "${GLOSS_SHOT_HEIGHT:-920}" windowmove "$window" 0 0
sleep 1.5

# Find TEXT and tag it with KEY, from the keyboard only.
tag ()
{
  xdotool key --window "$window" ctrl+f
  sleep 0.3
  xdotool type --delay 15 "$1"
  sleep 0.4
  xdotool key Return
  sleep 0.2
  xdotool key "$2"
  sleep 0.3
}

tag "Nordvåg Seafood" o
tag "Søren Ødegård" p
tag "Kverneset Quay" f
tag "Germany" g
tag "France" g
tag "third year" 1
tag "“We have looked at every option, and none of them adds up,”" q
tag "told reporters" v
tag "“Our power bill here has roughly tripled since 2021, and we cannot pass that on to buyers in Germany and France.”" q
tag "Our power bill here has roughly tripled since 2021" k
tag "2021" d
tag "10 a.m." t
tag "3 March 2026" d
tag "4,100" 2
tag "212" 2
tag "38,000 tonnes" y
tag "Hilde Brekke" p
tag "45 million kroner" m
tag "2.9 percent" 5
tag "Norwegian Labour and Welfare Administration" o
tag "Danish" n
tag "Storvåg" g
# Select the first quote so that the inspector shows it.
tag "“We have looked" Escape
xdotool key Tab
sleep 0.3
xdotool key Home
sleep 0.8
for k in ${GLOSS_SHOT_KEYS:-}; do
  xdotool key --window "$window" "$k"
  sleep 0.5
done

import -window "$window" "$OUTPUT"
echo "screenshot.sh: wrote $OUTPUT"
