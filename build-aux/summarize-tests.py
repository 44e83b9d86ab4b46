#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Summarize meson test logs.

Usage: summarize-tests.py TESTLOG.json [TESTLOG.json ...]

Each file is meson's meson-logs/testlog.json: one JSON object per line with a
"result" field. Prints one line over all files:

    N passed, N failed[, N skipped]

and exits 1 if any test failed, if a log is missing, unreadable or holds no test
result (that run did not happen), or if no test ran at all; 0 otherwise.
"""

import json
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
FAILED = {"FAIL", "UNEXPECTEDPASS", "TIMEOUT", "ERROR", "INTERRUPT"}
SKIPPED = {"SKIP"}


def warn(message):
    print(f"summarize-tests: {message}", file=sys.stderr, flush=True)


def count(path, totals):
    """Add the results in PATH to TOTALS; return False if the log is unusable."""
    try:
        with open(path, encoding="utf-8") as log:
            lines = log.readlines()
    except OSError as error:
        warn(f"{path}: {error.strerror} (the build or `meson test` did not run?)")
        return False

    ok = True
    seen = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            result = json.loads(line)["result"]
        except (ValueError, TypeError, KeyError):
            warn(f"{path}:{number}: not a test result")
            ok = False
            continue
        seen += 1
        if result in PASSED:
            totals["passed"] += 1
        elif result in SKIPPED:
            totals["skipped"] += 1
        else:
            if result not in FAILED:
                warn(f"{path}:{number}: unknown result {result!r}, counted as failed")
            totals["failed"] += 1

    if seen == 0:
        warn(f"{path}: no test ran")
        ok = False
    return ok


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2

    totals = {"passed": 0, "failed": 0, "skipped": 0}
    ok = True
    for path in argv[1:]:
        ok = count(path, totals) and ok

    line = f"{totals['passed']} passed, {totals['failed']} failed"
    if totals["skipped"]:
        line += f", {totals['skipped']} skipped"
    print(line, flush=True)

    if totals["failed"] or not ok or sum(totals.values()) == 0:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
