#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build Gloss, then run it from the build directory.
#
# Until the window exists this drives gloss-cli: with no arguments it imports the
# sample article into PROJECT, shows its stats and the start of its JSON Lines
# export; with arguments it runs `gloss-cli ARGS…` instead.
#
#   GLOSS_PROJECT    the project for the demo
#                    (default: ${XDG_DATA_HOME:-$HOME/.local/share}/gloss/default.gloss)
#   GLOSS_BUILD_DIR  build directory (default: build); see build.sh
set -euo pipefail

# No cd: arguments passed to gloss-cli are paths relative to the caller's directory.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GLOSS_BUILD_DIR:-build}"
[[ "$BUILD" == /* ]] || BUILD="$ROOT/$BUILD"
PROJECT="${GLOSS_PROJECT:-${XDG_DATA_HOME:-$HOME/.local/share}/gloss/default.gloss}"
SAMPLE="$ROOT/data/sample/sample-article.txt"
PREVIEW_BYTES=2000

require_built ()
{
  if [[ ! -x "$1" ]]; then
    echo "run.sh: $1 was not built (is it in the meson build yet?)" >&2
    exit 1
  fi
}

demo_cli ()
{
  local cli="$1" export_file size

  mkdir -p "$(dirname "$PROJECT")"
  echo "== gloss-cli import $PROJECT ${SAMPLE#"$ROOT"/}"
  "$cli" import "$PROJECT" "$SAMPLE"
  echo "== gloss-cli stats $PROJECT"
  "$cli" stats "$PROJECT"
  echo "== gloss-cli export $PROJECT --format jsonl (first $PREVIEW_BYTES bytes)"
  export_file="$(mktemp)"
  # shellcheck disable=SC2064  # expand now: the variable is local
  trap "rm -f '$export_file'" EXIT
  "$cli" export "$PROJECT" --format jsonl > "$export_file"
  head -c "$PREVIEW_BYTES" "$export_file"
  size="$(wc -c < "$export_file")"
  if [[ $size -gt $PREVIEW_BYTES ]]; then
    printf '\n… (%s bytes in all)\n' "$size"
  fi
}

# >>> start_gloss: the one place that decides what "run" starts.
# When the GTK window lands, replace the body with:
#   require_built "$BUILD/src/gloss"
#   exec "$BUILD/src/gloss" "$@"
start_gloss ()
{
  local cli="$BUILD/src/cli/gloss-cli"

  require_built "$cli"
  if [[ $# -gt 0 ]]; then
    exec "$cli" "$@"
  fi
  demo_cli "$cli"
}
# <<< start_gloss

"$ROOT/build-aux/build.sh"
start_gloss "$@"
