#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build Gloss, then start the window from the build directory on its default
# project (${XDG_DATA_HOME:-$HOME/.local/share}/gloss/default.gloss, created on the
# first run with a sample article). Arguments go to gloss:
#   build-aux/run.sh --project my.gloss article.txt
#
#   GLOSS_BUILD_DIR  build directory (default: build); see build.sh
set -euo pipefail

# No cd: paths given as arguments are relative to the caller's directory.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GLOSS_BUILD_DIR:-build}"
[[ "$BUILD" == /* ]] || BUILD="$ROOT/$BUILD"

require_built ()
{
  if [[ ! -x "$1" ]]; then
    echo "run.sh: $1 was not built" >&2
    exit 1
  fi
}

# >>> start_gloss: the one place that decides what "run" starts.
start_gloss ()
{
  local gloss="$BUILD/src/gloss"

  require_built "$gloss"
  if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    echo "run.sh: no display to open the window on; run it in a desktop session," >&2
    echo "        or under Xvfb: xvfb-run -a build-aux/run.sh" >&2
    exit 1
  fi
  # The GSettings schema is compiled in the build tree; no install needed.
  # So are the translations (BUILD/po/LANG/LC_MESSAGES/gloss.mo): LANGUAGE=de shows German.
  GSETTINGS_SCHEMA_DIR="$BUILD/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}" \
    GLOSS_LOCALEDIR="${GLOSS_LOCALEDIR:-$BUILD/po}" \
    exec "$gloss" "$@"
}
# <<< start_gloss

"$ROOT/build-aux/build.sh"
start_gloss "$@"
