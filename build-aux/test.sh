#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build and run the test suites, then print "N passed, N failed[, N skipped]".
# Arguments are passed to `meson test` (e.g. --suite core).
# Without a usable X display the tests run under Xvfb (xvfb-run).
# The PostgreSQL tests use the server at GLOSS_TEST_POSTGRESQL (a libpq URI of a
# maintenance database, as .ci/run sets it); when unset, a throwaway cluster is
# started for the run (build-aux/pg-cluster.sh) and stopped at the end. Set it
# empty to skip them.
# GLOSS_BUILD_DIR and GLOSS_MESON_OPTIONS: see build.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD="${GLOSS_BUILD_DIR:-build}"
TESTLOG="$BUILD/meson-logs/testlog.json"

# A log left by an earlier run must not be summarized as this one's.
rm -f "$TESTLOG"

if ! "$ROOT/build-aux/build.sh"; then
  echo "test.sh: the build failed; no test ran." >&2
  exit 1
fi

if [[ -z "${GLOSS_TEST_POSTGRESQL+set}" ]]; then
  pg_dir="$(mktemp -d)"
  trap '"$ROOT/build-aux/pg-cluster.sh" stop "$pg_dir" || true' EXIT
  # An interrupted run still stops the cluster (exit runs the EXIT trap).
  trap 'exit 130' INT TERM HUP
  if pg_out="$("$ROOT/build-aux/pg-cluster.sh" start "$pg_dir" 2>&1)"; then
    export GLOSS_TEST_POSTGRESQL="${pg_out##*$'\n'}"
  else
    echo "test.sh: no PostgreSQL cluster, its tests skip: ${pg_out##*$'\n'}" >&2
  fi
fi

display_usable ()
{
  [[ -n "${DISPLAY:-}" ]] || return 1
  if command -v xdotool >/dev/null 2>&1; then
    xdotool getdisplaygeometry >/dev/null 2>&1
  fi
}

runner=()
if ! display_usable; then
  if command -v xvfb-run >/dev/null 2>&1; then
    export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none
    runner=(xvfb-run -a -s "-screen 0 1280x1024x24")
  else
    echo "test.sh: no X display and no xvfb-run: UI tests may fail or skip." >&2
  fi
fi

test_status=0
"${runner[@]}" meson test -C "$BUILD" --print-errorlogs "$@" || test_status=$?

# Stopped now so that the summary stays the last line (the trap is for the
# other ways out).
if [[ -n "${pg_dir:-}" ]]; then
  "$ROOT/build-aux/pg-cluster.sh" stop "$pg_dir" || true
fi

summary_status=0
python3 "$ROOT/build-aux/summarize-tests.py" "$TESTLOG" || summary_status=$?

if [[ $test_status -ne 0 ]]; then
  exit "$test_status"
fi
exit "$summary_status"
