#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run one libFuzzer target for a while, seeded from real material.

    run-fuzz.py TARGET KIND --cli GLOSS_CLI --fixtures DIR [--shared DIR]

KIND (txt, jsonl, prodigy, doccano, brat, header, suggest, sql-rewrite) says how seeds are
made from ../shared/data and the repository's own fixtures. The corpus grows in
the build folder (fuzz-corpus/KIND) from run to run; findings are written to
fuzz-artifacts/. GLOSS_FUZZ_SECONDS sets the time (default 45); a long run:

    GLOSS_FUZZ_SECONDS=3600 meson test -C build-fuzz --suite fuzz --timeout-multiplier 0 -v
"""
import argparse
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile


def put(folder, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def lines_of(paths, limit):
    for path in paths:
        for n, line in enumerate(read(path).splitlines()):
            if n >= limit:
                break
            if line.strip():
                yield line + b"\n"


def seeds_for(kind, shared, fixtures, cli, folder):
    articles = sorted(glob.glob(os.path.join(shared, "articles", "*.txt")))
    quotes_de = sorted(glob.glob(os.path.join(shared, "other", "quotes_de_dev", "*.txt")))[:10]
    brat = os.path.join(shared, "brat", "brat_tutorial_news")
    if kind == "txt":
        for p in articles:
            put(folder, read(p))
    elif kind == "suggest":
        for i, p in enumerate(articles + quotes_de):
            put(folder, bytes([i % 5]) + read(p))
    elif kind == "jsonl":
        for line in lines_of(glob.glob(os.path.join(fixtures, "*.jsonl")), 50):
            put(folder, line)
        for p in articles[:5]:
            put(folder, b'{"id": "a", "title": "T", "text": ' + repr_json(read(p)) + b"}\n")
    elif kind == "prodigy":
        for line in lines_of(glob.glob(os.path.join(shared, "other", "prodigy_jsonl", "*.jsonl")), 40):
            put(folder, line)
    elif kind == "doccano":
        for p in glob.glob(os.path.join(shared, "other", "doccano_jsonl", "*.jsonl")):
            put(folder, read(p))
            for line in lines_of([p], 20):
                put(folder, line)
    elif kind == "brat":
        for ann in sorted(glob.glob(os.path.join(brat, "*.ann"))):
            txt = ann[:-4] + ".txt"
            if os.path.exists(txt):
                put(folder, read(txt) + b"\0" + read(ann))
        for ann in sorted(glob.glob(os.path.join(fixtures, "brat-*", "*.ann"))):
            txt = ann[:-4] + ".txt"
            if os.path.exists(txt):
                put(folder, read(txt) + b"\0" + read(ann))
    elif kind == "header":
        with tempfile.TemporaryDirectory() as tmp:
            project = os.path.join(tmp, "p.gloss")
            sample = articles[:2] or [os.path.join(fixtures, "..", "..", "data", "sample", "sample-article.txt")]
            subprocess.run([cli, "import", project] + sample, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            data = read(project)
            put(folder, data)
            put(folder, data[:100])
            put(folder, data[:4096])
            put(folder, data[: len(data) // 2])
    elif kind == "sql-rewrite":
        # statements of the shapes the store writes
        for sql in (b"INSERT OR IGNORE INTO annotations (document_id, uid, end) VALUES (?1, ?, 'it''s ?')",
                    b"SELECT a.end FROM temp.current_set c JOIN documents x INDEXED BY documents_summary",
                    b"BEGIN IMMEDIATE; SAVEPOINT gloss_write; ROLLBACK TO gloss_write; RELEASE gloss_write",
                    b"INSERT INTO layers (name) VALUES (?) ON CONFLICT (name) DO NOTHING RETURNING id",
                    b"UPDATE \"end\" SET x = ?2 WHERE id = ?1 AND note = '\"?\"'"):
            put(folder, sql)
    else:
        sys.exit(f"run-fuzz.py: unknown kind {kind}")


def repr_json(data):
    import json
    return json.dumps(data.decode("utf-8", "replace")).encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("target")
    ap.add_argument("kind")
    ap.add_argument("--cli", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--shared", default="")
    a = ap.parse_args()

    build = os.path.dirname(os.path.abspath(a.target))
    corpus = os.path.join(build, "fuzz-corpus", a.kind)
    seeds = os.path.join(build, "fuzz-seeds", a.kind)
    artifacts = os.path.join(build, "fuzz-artifacts")
    for d in (corpus, artifacts):
        os.makedirs(d, exist_ok=True)
    shutil.rmtree(seeds, ignore_errors=True)
    os.makedirs(seeds)
    if not os.path.isdir(a.shared):
        print(f"run-fuzz.py: {a.shared} is not here; seeding from the repository's fixtures only")
    seeds_for(a.kind, a.shared, a.fixtures, a.cli, seeds)
    if not os.listdir(seeds):
        put(seeds, b"x")

    seconds = os.environ.get("GLOSS_FUZZ_SECONDS", "45")
    timeout = "10" if a.kind != "suggest" else "5"
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "abort_on_error=1:detect_leaks=1")
    cmd = [a.target, f"-max_total_time={seconds}", f"-timeout={timeout}", "-rss_limit_mb=4096",
           "-print_final_stats=1", "-max_len=65536", f"-artifact_prefix={artifacts}/{a.kind}-",
           corpus, seeds]
    print(" ".join(cmd), flush=True)
    result = subprocess.run(cmd, env=env)
    if result.returncode != 0:
        print(f"run-fuzz.py: {a.kind}: a finding (exit status {result.returncode}); "
              f"the input is in {artifacts}", flush=True)
        # libFuzzer's own exit status for a finding is 77, which meson reads
        # as "skipped": a finding must fail the test.
        sys.exit(1)
    sys.exit(0)


if __name__ == "__main__":
    main()
