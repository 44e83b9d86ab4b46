#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A team's project on a PostgreSQL server beside the same on a project file,
run by `meson test --benchmark --suite perf`.

On the corpus of bench-import-export.py (10,000 synthetic articles of about
5 KB, ten spans and two relations each: 100,000 annotations), times:

  1. gloss-cli import FILE data.jsonl        and   gloss-cli import URI data.jsonl
  2. gloss-cli export … --format jsonl       on both (best of 3)
  3. psql "COPY (documents, annotations, relations) TO STDOUT"   (best of 3, the
     near-limit of reading those rows off the server)
  4. bench-add: 1,000 single-span changes, each a transaction and an undo step,
     on both (median, p99)

and prints the figures beside the issue's aims: server import ≤ 3× the file's,
export ≤ 1.5× psql's COPY, add p99 ≤ 10 ms. Aims are informational; the exit
status is non-zero only when a command fails or an export differs.

The server: GLOSS_TEST_POSTGRESQL (a maintenance URI; build-aux/test.sh and
.ci/run set it), else a throwaway cluster from build-aux/pg-cluster.sh.

Usage: bench-server.py --gloss-cli PATH --bench-add PATH [--psql PATH]
                       [--documents N] [--seed N]
"""

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import json
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

spec = importlib.util.spec_from_file_location("bench_import_export",
                                              os.path.join(HERE, "bench-import-export.py"))
corpus = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus)

AIM_IMPORT_RATIO = 3.0
AIM_EXPORT_RATIO = 1.5
AIM_ADD_P99_MS = 10.0

COPY_SQL = ("COPY (SELECT uid, title, meta, text, text_sha256 FROM documents) TO STDOUT; "
            "COPY (SELECT * FROM annotations) TO STDOUT; "
            "COPY (SELECT * FROM relations) TO STDOUT")


def database_uri(maintenance, name):
    """The URI of database @name on the server of the maintenance URI."""
    parts = urllib.parse.urlsplit(maintenance)
    return "%s://%s/%s%s" % (parts.scheme, parts.netloc, name,
                             "?" + parts.query if parts.query else "")


def start_cluster(workdir):
    folder = os.path.join(workdir, "cluster")
    out = subprocess.run([os.path.join(ROOT, "build-aux", "pg-cluster.sh"), "start", folder],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1], folder


def best_of(step_name, argv, cwd, runs=3, stdout_path=None):
    step = corpus.Step(step_name)
    for _ in range(runs):
        step.add(*corpus.run(argv, cwd, stdout_path)[:3])
    return step


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gloss-cli", required=True)
    parser.add_argument("--bench-add", required=True)
    parser.add_argument("--psql", default=shutil.which("psql"))
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=20240501)
    args = parser.parse_args()

    cli = os.path.abspath(args.gloss_cli)
    workdir = tempfile.mkdtemp(prefix="gloss-bench-server-", dir="/tmp")
    maintenance = os.environ.get("GLOSS_TEST_POSTGRESQL", "")
    cluster = None
    uri = None
    name = None
    try:
        if not maintenance:
            try:
                maintenance, cluster = start_cluster(workdir)
            except (OSError, subprocess.CalledProcessError) as e:
                print("no PostgreSQL server (set GLOSS_TEST_POSTGRESQL, or install postgresql): %s"
                      % e)
                return 77
        name = "gloss_bench_%d" % os.getpid()
        subprocess.run([args.psql, "-q", "-d", maintenance, "-c", "CREATE DATABASE " + name],
                       check=True)
        uri = database_uri(maintenance, name)
        print("gloss-cli: %s\nserver: %s\nfolder: %s\n" % (cli, uri, workdir))

        records, _, jsonl_bytes = corpus.generate(workdir, args.documents, args.seed)
        print("corpus: %d articles, data.jsonl %.1f MB, %d annotations"
              % (args.documents, jsonl_bytes / 1e6, args.documents * corpus.SPANS_PER_DOCUMENT))

        file_import = corpus.Step("import file")
        file_import.add(*corpus.run([cli, "import", "P.gloss", "data.jsonl"], workdir)[:3])
        server_import = corpus.Step("import server")
        server_import.add(*corpus.run([cli, "import", uri, "data.jsonl"], workdir)[:3])

        file_export = best_of("export file", [cli, "export", "P.gloss", "--format", "jsonl"],
                              workdir, stdout_path=os.path.join(workdir, "file.jsonl"))
        server_export = best_of("export server", [cli, "export", uri, "--format", "jsonl"],
                                workdir, stdout_path=os.path.join(workdir, "server.jsonl"))
        copy = best_of("psql COPY", [args.psql, "-q", "-d", uri, "-c", COPY_SQL], workdir,
                       stdout_path=os.path.join(workdir, "copy.tsv"))
        with open(os.path.join(workdir, "file.jsonl"), "rb") as a, \
             open(os.path.join(workdir, "server.jsonl"), "rb") as b:
            if a.read() != b.read():
                raise corpus.CommandFailed("the server's export differs from the file's")

        adds = {}
        for where, project in (("file", "A.gloss"), ("server", uri)):
            stdout = corpus.run([os.path.abspath(args.bench_add), project, "1000"], workdir)[3]
            adds[where] = json.loads(stdout)

        print()
        print("%-16s %9s %7s %7s" % ("step", "wall s", "user s", "sys s"))
        print("-" * 44)
        for step in (file_import, server_import, file_export, server_export, copy):
            wall, user, sys_ = step.best
            print("%-16s %9.3f %7.2f %7.2f" % (step.name, wall, user, sys_))
        ratio = server_import.best[0] / file_import.best[0]
        print("\nimport server/file   %5.2f×   aim ≤ %.1f×  %s"
              % (ratio, AIM_IMPORT_RATIO, corpus.verdict(ratio <= AIM_IMPORT_RATIO)))
        ratio = server_export.best[0] / copy.best[0]
        print("export server/COPY   %5.2f×   aim ≤ %.1f×  %s  (file/COPY %.2f×)"
              % (ratio, AIM_EXPORT_RATIO, corpus.verdict(ratio <= AIM_EXPORT_RATIO),
                 file_export.best[0] / copy.best[0]))
        for where in ("file", "server"):
            a = adds[where]
            print("add round trip %-6s p50 %.2f ms, p99 %.2f ms, max %.2f ms%s"
                  % (where, a["p50_ms"], a["p99_ms"], a["max_ms"],
                     "   aim p99 ≤ %.0f ms  %s" % (AIM_ADD_P99_MS,
                                                    corpus.verdict(a["p99_ms"] <= AIM_ADD_P99_MS))
                     if where == "server" else ""))
        return 0
    except corpus.CommandFailed as e:
        print("FAILED: %s" % e, file=sys.stderr)
        return 1
    finally:
        sys.stdout.flush()
        if uri is not None:
            subprocess.run([args.psql, "-q", "-d", maintenance, "-c",
                            "DROP DATABASE IF EXISTS %s WITH (FORCE)" % name])
        if cluster is not None:
            subprocess.run([os.path.join(ROOT, "build-aux", "pg-cluster.sh"), "stop", cluster])
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
