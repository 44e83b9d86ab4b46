#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds projects with the real gloss-cli, exports them, and runs
validate-export.py over every export.  Prints one TAP stream: a test per
gloss-cli step and one per document the validator checked.

Usage: validate-export-driver.py --cli GLOSS_CLI --validator validate-export.py
           --schema-dir data/ --sample sample-article.txt --fixture annotated.jsonl
           [--articles DIR]

The articles folder (../shared/data/articles) is optional: when it is missing
its tests are skipped with a reason.
"""

import argparse
import glob
import os
import subprocess
import sys
import tempfile

results = []   # (status, name, diagnostics): status True, False, or a skip reason


def tap_text(s):
    return " ".join(str(s).split("\n")).replace("#", "\\#")


def tail(data, n=8):
    lines = data.decode("utf-8", "backslashreplace").rstrip("\n").split("\n")
    return [line for line in lines[-n:] if line]


def step(name, cmd, expect=0, cwd=None):
    proc = subprocess.run(cmd, capture_output=True, cwd=cwd)
    if proc.returncode == expect:
        results.append((True, name, []))
        return True
    results.append((False, name, ["exit status %d, expected %d" % (proc.returncode, expect)]
                    + tail(proc.stderr)))
    return False


def validate(name, validator, schema_dir, path, project=False):
    # Run beside the file, so that test names do not carry the temporary folder.
    cmd = [sys.executable, os.path.abspath(validator)] + (["--project"] if project else []) \
        + [os.path.abspath(schema_dir), os.path.basename(path)]
    proc = subprocess.run(cmd, capture_output=True, cwd=os.path.dirname(path))
    out = proc.stdout.decode("utf-8", "backslashreplace").split("\n")
    plan = None
    seen = 0
    for line in out:
        if line.startswith("1.."):
            plan = line
            if "# SKIP" in line:
                results.append((line.split("# SKIP", 1)[1].strip(), name, []))
                return
        elif line.startswith("ok "):
            seen += 1
            results.append((True, line.split(" - ", 1)[-1], []))
        elif line.startswith("not ok "):
            seen += 1
            results.append((False, line.split(" - ", 1)[-1], []))
    if plan is None or proc.returncode not in (0, 1) or seen == 0:
        results.append((False, "%s: validate-export.py ran" % name,
                        ["exit status %d, %d results" % (proc.returncode, seen)] + tail(proc.stderr)))


def export_and_validate(args, tmp, project, name, extra=()):
    jsonl = os.path.join(tmp, name + ".jsonl")
    json_file = os.path.join(tmp, name + ".json")
    if step("%s: export --format jsonl %s" % (name, " ".join(extra)),
            [args.cli, "export", project, "--format", "jsonl", "-o", jsonl] + list(extra)):
        validate(name + ".jsonl", args.validator, args.schema_dir, jsonl)
    if step("%s: export --format json %s" % (name, " ".join(extra)),
            [args.cli, "export", project, "--format", "json", "-o", json_file] + list(extra)):
        validate(name + ".json", args.validator, args.schema_dir, json_file, project=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--validator", required=True)
    ap.add_argument("--schema-dir", required=True)
    ap.add_argument("--sample", required=True)
    ap.add_argument("--fixture", required=True)
    ap.add_argument("--articles")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="gloss-validate-") as tmp:
        # The sample article, the annotated fixture, and a --keep-text document
        # with a BOM and CRLF line ends.
        project = os.path.join(tmp, "sample.gloss")
        crlf = os.path.join(tmp, "crlf-article.txt")
        with open(args.sample, "rb") as f:
            sample = f.read()
        with open(crlf, "wb") as f:
            f.write(b"\xef\xbb\xbf" + sample.replace(b"\n", b"\r\n") + "Cafe\u0301\r\n".encode())
        if step("import the sample article and the annotated fixture",
                [args.cli, "import", project, args.sample, args.fixture]) \
                and step("import a BOM/CRLF article with --keep-text",
                         [args.cli, "import", project, "--keep-text", crlf]):
            export_and_validate(args, tmp, project, "sample")
            export_and_validate(args, tmp, project, "sample-quote-layer", ("--layer", "quote"))
            # Text-less (export --text omit): offsets against "length", the hash kept.
            export_and_validate(args, tmp, project, "sample-textless", ("--text", "omit"))

        # Real articles in many scripts, when the shared data is there.
        articles = sorted(glob.glob(os.path.join(args.articles, "*.txt"))) if args.articles else []
        if not articles:
            reason = "no articles in %s" % (args.articles or "(no folder given)")
            results.append((reason, "shared articles", []))
        else:
            shared = os.path.join(tmp, "articles.gloss")
            if step("import %d shared articles" % len(articles),
                    [args.cli, "import", shared] + articles):
                export_and_validate(args, tmp, shared, "articles")

    print("1..%d" % len(results))
    failed = 0
    for i, (status, name, diagnostics) in enumerate(results, 1):
        if status is True:
            print("ok %d - %s" % (i, tap_text(name)))
        elif status is False:
            failed += 1
            print("not ok %d - %s" % (i, tap_text(name)))
        else:
            print("ok %d - %s # SKIP %s" % (i, tap_text(name), tap_text(status)))
        for line in diagnostics:
            print("# %s" % tap_text(line))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
