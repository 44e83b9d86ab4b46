#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the README's Review screenshot from the real window: two annotators'
# sets of the sample article (imported with gloss-cli import --annotator), a
# curator who presses Ctrl+R, takes what both agree on (Ctrl+Shift+Return),
# steps to a disagreement (F6) and takes one version (Alt+1), all as key
# presses under Xvfb; saves the window as data/screenshots/gloss-review.png.
#
#   build-aux/screenshot-review.sh [OUTPUT.png]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GLOSS_BUILD_DIR:-build}"
[[ "$BUILD" == /* ]] || BUILD="$ROOT/$BUILD"
OUTPUT="${1:-$ROOT/data/screenshots/gloss-review.png}"

if [[ -z "${GLOSS_SCREENSHOT_INNER:-}" ]]; then
  "$ROOT/build-aux/build.sh" >/dev/null
  GLOSS_SCREENSHOT_INNER=1 exec xvfb-run -a -s "-screen 0 1500x960x24" "$0" "$OUTPUT"
fi

home="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$home"' EXIT
project="$home/team.gloss"
cli="$BUILD/src/cli/gloss-cli"

# Two annotators' spans: the same article, tagged a little differently, as
# native JSONL records that name their set.
"$cli" import "$project" "$ROOT/data/sample/sample-article.txt" --annotator ana >/dev/null
"$cli" export "$project" --set ana --format jsonl -o "$home/text.jsonl" 2>/dev/null
python3 - "$home" <<'EOF'
import json, sys
home = sys.argv[1]
record = json.loads(open(f"{home}/text.jsonl").readline())
text = record["text"]
def spans(pairs):
    out, n = [], 0
    for needle, label in pairs:
        start = text.find(needle)
        if start >= 0:
            n += 1
            out.append({"id": f"s{n}", "label": label, "start": start, "end": start + len(needle)})
    return out
common = [("Nordvåg Seafood", "ORG"), ("Søren Ødegård", "PERSON"), ("Germany", "GPE"), ("France", "GPE"),
          ("Hilde Brekke", "PERSON"), ("10 a.m.", "TIME"), ("2.9 percent", "PERCENT"),
          ("“We have looked at every option, and none of them adds up,”", "QUOTE")]
ana = common + [("Storvåg", "GPE"), ("3 March 2026", "DATE"), ("Kvernneset Quay", "FAC"),
                ("45 million kroner", "MONEY"), ("Norwegian Labour and Welfare Administration", "ORG")]
ben = common + [("Storvåg", "LOC"), ("3 March", "DATE"), ("Kvernneset", "LOC"),
                ("45 million kroner (about €3.9 million)", "MONEY"), ("Danish", "NORP")]
for name, pairs in (("ana", ana), ("ben", ben)):
    record.update(annotator=name, spans=spans(pairs), status="done")
    open(f"{home}/{name}.jsonl", "w").write(json.dumps(record, ensure_ascii=False) + "\n")
EOF
"$cli" import "$project" "$home/ana.jsonl" >/dev/null
"$cli" import "$project" "$home/ben.jsonl" >/dev/null

# The curator "cora"; the first-run question already answered.
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" GSETTINGS_BACKEND=keyfile
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
printf "[org/gloss/Gloss]\nannotator-asked=true\nannotator='cora'\n" >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
export GSETTINGS_SCHEMA_DIR="$BUILD/data" GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none
"$BUILD/src/gloss" --project "$project" >/dev/null 2>&1 &
pid=$!

for _ in $(seq 50); do
  window="$(xdotool search --sync --onlyvisible --class gloss 2>/dev/null | head -n 1 || true)"
  [[ -n "$window" ]] && break
  sleep 0.2
done
[[ -n "$window" ]] || { echo "screenshot-review.sh: the window did not appear" >&2; exit 1; }
xdotool windowsize "$window" "${GLOSS_SHOT_WIDTH:-1460}" "${GLOSS_SHOT_HEIGHT:-920}" windowmove "$window" 0 0
sleep 1.5

key ()
{
  xdotool key --window "$window" "$1"
  sleep 0.5
}

# GLOSS_SHOT_KEYS: keys pressed first (F9 hides the document list on a narrow screen).
for k in ${GLOSS_SHOT_KEYS:-}; do key "$k"; done
key ctrl+r
key ctrl+shift+Return
key F6
key alt+1
key F6
key F6
sleep 0.8

import -window "$window" "$OUTPUT"
echo "screenshot-review.sh: wrote $OUTPUT"
