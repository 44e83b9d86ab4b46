#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Import/export benchmark for gloss-cli, run by `meson test --benchmark --suite perf`.

Generates a deterministic corpus (fixed seed) of synthetic news articles, about
5 KB each, as .txt files and as one native Gloss JSON Lines file with ten spans
and two relations per document, then times:

  1. gloss-cli import P1.gloss DIR/*.txt       (as few calls as ARG_MAX allows)
  2. gloss-cli import P2.gloss data.jsonl
  3. gloss-cli export P2.gloss --format jsonl -o out.jsonl   (best of 3)
  4. sqlite3 -json P2.gloss "SELECT …" > dump.json            (best of 3, baseline)

and prints a table of wall time, documents/s and MB/s beside each target.
Targets are informational: a miss is printed, not failed.  The exit status is
non-zero only when a command fails or its output is wrong.

Usage: bench-import-export.py --gloss-cli PATH [--sqlite3 PATH] [--documents N]
                              [--seed N] [--keep]
"""

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata

SPANS_PER_DOCUMENT = 10
RELATIONS_PER_DOCUMENT = 2
RUNS = 3

TARGET_TXT_IMPORT_S = 5.0
TARGET_EXPORT_S = 1.0
TARGET_EXPORT_RATIO = 1.5

SQLITE_DUMP = ("SELECT uid, title, meta, text, text_sha256 FROM documents; "
               "SELECT * FROM annotations; SELECT * FROM relations;")

# ---------------------------------------------------------------------------
# The corpus

WORDS = """
the of and to in a is that for on was with as by at from has have had be it its
are were said will would could should may might not but or if about after before
over under into than more most less many much new old first last next year years
week month day government minister council committee court police officials city
region country market markets company companies bank shares prices growth report
reports plan plans policy law budget tax taxes energy oil gas water health school
schools hospital hospitals workers union unions election vote voters party parties
campaign support against between during while since until because although still
also already again early late recent major local national international public
private economic political financial social cultural new data study research
people residents families children students teachers doctors nurses farmers
drivers owners leaders members experts analysts investors officers judges
announced expected warned agreed rejected approved proposed reported confirmed
increased decreased rose fell remained reached raised cut opened closed began ended
meeting talks deal agreement contract project programme service services system
systems network networks bridge road railway airport port station center centre
river coast border area areas district province state capital village town towns
trade exports imports jobs unemployment inflation interest rates debt deficit
funding investment spending cost costs price revenue profit losses sales demand
supply production industry sector technology software internet phone phones
climate weather storm flood fire heat summer winter spring autumn morning evening
statement interview press conference spokesperson spokeswoman spokesman source
sources document documents evidence investigation inquiry trial case cases charges
""".split()

NON_ASCII_WORDS = [
    "café", "naïve", "résumé", "façade", "coöperation", "déjà", "piñata", "smörgåsbord",
    "Москва", "новости", "правительство", "экономика",
    "東京", "北京", "経済", "新聞", "市場",
    "ελληνικά", "Ümit", "straße", "—", "…",
]

EMOJI = ["😀", "🌍", "📈", "⚽", "🚆", "🔥"]

FIRST_NAMES = [
    "José", "Zoë", "François", "Łukasz", "Søren", "Ana", "Chloé", "Björn", "Aisha",
    "Mateus", "Ingrid", "Noémie", "Jiří", "Kenji", "Olga", "Raúl", "Siobhán", "Tomás",
    "Yusuf", "Émile", "Grace", "Hannah", "Dmitri", "Mei", "Paulo", "Agnès",
]
LAST_NAMES = [
    "Müller", "Núñez", "Dvořák", "García", "Østergaard", "O’Brien", "Smith", "Kowalski",
    "Nakamura", "Ivanova", "Lefèvre", "da Silva", "Öztürk", "Brontë", "Jensen", "Chen",
    "Moreau", "Nguyễn", "Hernández", "Walker", "Petrović", "Quiñones",
]
ORGS = [
    "Société Générale", "Acme Holdings", "the Central Bank", "Nordström Energy",
    "the Ministry of Finance", "Banco Estrela", "Zürich Re", "the World Health Organization",
    "Großmann AG", "Kyōto Rail", "the City Council", "Gazprom Media", "Télécom Atlantique",
    "the United Nations", "Helsingør Shipping", "Renault", "the Port Authority",
]
GPES = [
    "Paris", "São Paulo", "Москва", "東京", "Kraków", "Zürich", "Reykjavík", "Bogotá",
    "Montréal", "Düsseldorf", "Istanbul", "Lagos", "Lima", "Nairobi", "Córdoba", "Seoul",
    "Ålesund", "Toulouse", "Brno", "Kyiv",
]
DATES = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "last week", "on 12 March",
    "in January", "next year", "since 2019", "3 May 2024", "late October",
]
MONEY = ["$4.5 million", "€120 million", "£3 billion", "¥800 million", "₽2 billion"]
PERCENTS = ["3.2%", "12 percent", "0.5%", "40 per cent"]
NORPS = ["French", "Brazilian", "Japanese", "Polish", "Norwegian", "Kenyan", "Québécois"]

CUES = ["said", "told reporters", "added", "warned", "explained", "insisted"]

ENTITY_KINDS = [
    ("PERSON", None), ("ORG", ORGS), ("GPE", GPES), ("DATE", DATES), ("MONEY", MONEY),
    ("PERCENT", PERCENTS), ("NORP", NORPS),
]


class Article:
    """Builds one article's text while recording where each mention lands, in
    code points (Python str indices), as Gloss offsets are."""

    def __init__(self):
        self.parts = []
        self.chars = 0
        self.bytes = 0
        self.mentions = []      # (label, start, end, text)

    def add(self, text, label=None):
        if label is not None:
            self.mentions.append((label, self.chars, self.chars + len(text), text))
        self.parts.append(text)
        self.chars += len(text)
        self.bytes += len(text.encode("utf-8"))

    def text(self):
        return "".join(self.parts)


def person(rng):
    return rng.choice(FIRST_NAMES) + " " + rng.choice(LAST_NAMES)


def filler(rng, n):
    words = rng.choices(WORDS, k=n)
    if rng.random() < 0.3:
        words[rng.randrange(n)] = rng.choice(NON_ASCII_WORDS)
    if rng.random() < 0.05:
        words[rng.randrange(n)] = rng.choice(EMOJI)
    return " ".join(words)


def add_sentence(article, rng, end):
    article.add(filler(rng, rng.randint(4, 9)).capitalize() + " ")
    if rng.random() < 0.6:
        label, choices = rng.choice(ENTITY_KINDS)
        article.add(person(rng) if choices is None else rng.choice(choices), label)
        article.add(" ")
    article.add(filler(rng, rng.randint(3, 10)))
    if rng.random() < 0.1:
        article.add(", it’s " + filler(rng, 3))
    article.add(end)


def add_quote(article, rng):
    """“Quote,” Person cue. — returns the indices of the quote, cue and speaker mentions."""
    first = len(article.mentions)
    article.add("“" + filler(rng, rng.randint(6, 14)).capitalize() + ",”", "QUOTE")
    article.add(" ")
    article.add(person(rng), "PERSON")
    article.add(" ")
    article.add(rng.choice(CUES), "CUE")
    article.add(". ")
    return first, first + 2, first + 1


def make_article(rng, number):
    article = Article()
    title = "%s: %s" % (rng.choice(GPES), filler(rng, rng.randint(5, 9)).capitalize())
    article.add(title + "\n\n")
    target = rng.randint(4600, 5400)
    quote = None
    sentences = 0
    while article.bytes < target:
        add_sentence(article, rng, ".\n\n" if rng.random() < 0.15 else ". ")
        sentences += 1
        if quote is None and sentences == 3:
            quote = add_quote(article, rng)
    article.add("\n")
    text = article.text()
    assert unicodedata.is_normalized("NFC", text)

    q, c, s = quote
    others = [i for i in range(len(article.mentions)) if i not in (q, c, s)]
    chosen = sorted([q, c, s] + rng.sample(others, SPANS_PER_DOCUMENT - 3),
                    key=lambda i: article.mentions[i][1])
    spans, ids = [], {}
    for n, i in enumerate(chosen, 1):
        label, start, end, words = article.mentions[i]
        assert text[start:end] == words
        ids[i] = "s%d" % n
        spans.append({"id": ids[i], "label": label, "start": start, "end": end,
                      "text": text[start:end]})
    relations = [
        {"id": "r1", "type": "SPEAKER", "from_id": ids[q], "to_id": ids[s]},
        {"id": "r2", "type": "CUE", "from_id": ids[q], "to_id": ids[c]},
    ]
    return {"id": "doc-%05d" % number, "title": title, "text": text,
            "spans": spans, "relations": relations}


def generate(workdir, documents, seed):
    """Writes txt/article-NNNNN.txt and data.jsonl; returns (records, txt bytes, jsonl bytes)."""
    rng = random.Random(seed)
    txt_dir = os.path.join(workdir, "txt")
    os.mkdir(txt_dir)
    records, txt_bytes = [], 0
    jsonl = os.path.join(workdir, "data.jsonl")
    with open(jsonl, "w", encoding="utf-8") as out:
        for number in range(1, documents + 1):
            record = make_article(rng, number)
            data = record["text"].encode("utf-8")
            with open(os.path.join(txt_dir, "article-%05d.txt" % number), "wb") as f:
                f.write(data)
            txt_bytes += len(data)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            records.append(record)
    return records, txt_bytes, os.path.getsize(jsonl)


# ---------------------------------------------------------------------------
# Running and timing

class CommandFailed(Exception):
    pass


def run(argv, cwd, stdout_path=None):
    """Runs @argv to completion; returns (wall seconds, user CPU s, system CPU s, stdout, stderr)."""
    out = open(stdout_path, "wb") if stdout_path else tempfile.TemporaryFile(dir=cwd)
    err = tempfile.TemporaryFile(dir=cwd)
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        stdout = ""
        if not stdout_path:
            out.seek(0)
            stdout = out.read().decode("utf-8", "replace")
    finally:
        out.close()
        err.close()
    if proc.returncode != 0:
        shown = " ".join(argv[:4]) + (" … (%d arguments)" % len(argv) if len(argv) > 4 else "")
        raise CommandFailed("%s: exit status %d\n%s" % (shown, proc.returncode, stderr[-4000:]))
    return wall, usage.ru_utime, usage.ru_stime, stdout, stderr


def argv_chunks(prefix, paths):
    """Splits @paths into as few argument lists as ARG_MAX (less the environment
    and a margin) allows."""
    limit = os.sysconf("SC_ARG_MAX")
    limit -= sum(len(k) + len(v) + 2 + 8 for k, v in os.environ.items())
    limit -= 64 * 1024
    base = sum(len(a) + 1 + 8 for a in prefix)
    chunks, current, size = [], [], base
    for p in paths:
        cost = len(p) + 1 + 8       # the string, its NUL and its argv pointer
        if current and size + cost > limit:
            chunks.append(current)
            current, size = [], base
        current.append(p)
        size += cost
    if current:
        chunks.append(current)
    return chunks


class Step:
    def __init__(self, name):
        self.name = name
        self.runs = []          # (wall, user, sys)
        self.calls = 1
        self.documents = 0
        self.bytes = 0

    def add(self, wall, user, sys_):
        self.runs.append((wall, user, sys_))

    @property
    def best(self):
        return min(self.runs, key=lambda r: r[0])


def imported_count(stdout):
    # "Imported N documents into P" (the message is translatable; LC_ALL is C.UTF-8 here)
    words = stdout.split()
    return int(words[1]) if len(words) > 1 and words[1].isdigit() else -1


def time_txt_import(cli, workdir, documents):
    step = Step("import txt")
    names = sorted(os.listdir(os.path.join(workdir, "txt")))
    paths = [os.path.join("txt", n) for n in names]
    prefix = [cli, "import", "P1.gloss"]
    chunks = argv_chunks(prefix, paths)
    total = [0.0, 0.0, 0.0]
    for chunk in chunks:
        wall, user, sys_, stdout, _ = run(prefix + chunk, workdir)
        if imported_count(stdout) != len(chunk):
            raise CommandFailed("import txt: expected %d imported, gloss-cli said: %s"
                                % (len(chunk), stdout.strip()))
        total = [total[0] + wall, total[1] + user, total[2] + sys_]
    step.add(*total)
    step.calls = len(chunks)
    step.documents = documents
    step.bytes = sum(os.path.getsize(os.path.join(workdir, p)) for p in paths)
    return step


def time_jsonl_import(cli, workdir, documents, size):
    step = Step("import jsonl")
    wall, user, sys_, stdout, _ = run([cli, "import", "P2.gloss", "data.jsonl"], workdir)
    if imported_count(stdout) != documents:
        raise CommandFailed("import jsonl: expected %d imported, gloss-cli said: %s"
                            % (documents, stdout.strip()))
    step.add(wall, user, sys_)
    step.documents = documents
    step.bytes = size
    return step


def time_export(cli, workdir, documents):
    step = Step("export jsonl")
    out = os.path.join(workdir, "out.jsonl")
    for _ in range(RUNS):
        if os.path.exists(out):
            os.unlink(out)
        step.add(*run([cli, "export", "P2.gloss", "--format", "jsonl", "-o", "out.jsonl"],
                      workdir)[:3])
    step.documents = documents
    step.bytes = os.path.getsize(out)
    return step


def time_sqlite(sqlite3_cli, workdir, documents):
    step = Step("sqlite3 -json")
    dump = os.path.join(workdir, "dump.json")
    for _ in range(RUNS):
        step.add(*run([sqlite3_cli, "-json", "P2.gloss", SQLITE_DUMP], workdir, dump)[:3])
    step.documents = documents
    step.bytes = os.path.getsize(dump)
    if step.bytes == 0:
        raise CommandFailed("sqlite3 -json wrote nothing")
    return step


# ---------------------------------------------------------------------------
# Checking

def check_projects(workdir, documents):
    counts = {}
    for name in ("P1.gloss", "P2.gloss"):
        db = sqlite3.connect("file:%s?mode=ro" % os.path.join(workdir, name), uri=True)
        counts[name] = [db.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
                        for t in ("documents", "annotations", "relations")]
        db.close()
    expected = {"P1.gloss": [documents, 0, 0],
                "P2.gloss": [documents, documents * SPANS_PER_DOCUMENT,
                             documents * RELATIONS_PER_DOCUMENT]}
    for name in counts:
        if counts[name] != expected[name]:
            raise CommandFailed("%s holds %s documents/annotations/relations, expected %s"
                                % (name, counts[name], expected[name]))


def check_export(workdir, records):
    """Line count, span and relation totals, and each document's text and spans
    as generated."""
    by_id = {r["id"]: r for r in records}
    lines = spans = relations = 0
    with open(os.path.join(workdir, "out.jsonl"), encoding="utf-8") as f:
        for line in f:
            lines += 1
            doc = json.loads(line)
            want = by_id.get(doc.get("id"))
            if want is None or doc.get("text") != want["text"]:
                raise CommandFailed("out.jsonl line %d: document %s not as imported"
                                    % (lines, doc.get("id")))
            got = sorted((s["id"], s["label"], s["start"], s["end"], s["text"])
                         for s in doc["spans"])
            expected = sorted((s["id"], s["label"], s["start"], s["end"], s["text"])
                              for s in want["spans"])
            if got != expected:
                raise CommandFailed("out.jsonl line %d: spans of %s differ from the input"
                                    % (lines, doc["id"]))
            for s in doc["spans"]:
                if doc["text"][s["start"]:s["end"]] != s["text"]:
                    raise CommandFailed("out.jsonl line %d: span %s does not slice to its text"
                                        % (lines, s["id"]))
            spans += len(doc["spans"])
            relations += len(doc["relations"])
    n = len(records)
    if (lines, spans, relations) != (n, n * SPANS_PER_DOCUMENT, n * RELATIONS_PER_DOCUMENT):
        raise CommandFailed("out.jsonl: %d lines, %d spans, %d relations; expected %d, %d, %d"
                            % (lines, spans, relations, n, n * SPANS_PER_DOCUMENT,
                               n * RELATIONS_PER_DOCUMENT))
    return lines, spans, relations


# ---------------------------------------------------------------------------
# Reporting

def verdict(ok):
    return "PASS" if ok else "MISS"


def print_table(steps, baseline, documents):
    print()
    print("%-14s %9s %7s %7s %9s %8s %8s  %s"
          % ("step", "wall s", "user s", "sys s", "docs/s", "MB", "MB/s", "target"))
    print("-" * 90)
    for step in steps:
        wall, user, sys_ = step.best
        mb = step.bytes / 1e6
        target = ""
        if step.name == "import txt":
            target = "< %.0f s  %s" % (TARGET_TXT_IMPORT_S, verdict(wall < TARGET_TXT_IMPORT_S))
            target += "  (total of %d call%s)" % (step.calls, "s" if step.calls > 1 else "")
        elif step.name == "export jsonl":
            target = "< %.0f s  %s" % (TARGET_EXPORT_S, verdict(wall < TARGET_EXPORT_S))
        elif step.name.startswith("sqlite3"):
            target = "(baseline)"
        if len(step.runs) > 1:
            target += "  runs: " + ", ".join("%.3f" % r[0] for r in step.runs)
        print("%-14s %9.3f %7.2f %7.2f %9.0f %8.1f %8.1f  %s"
              % (step.name, wall, user, sys_, documents / wall, mb, mb / wall, target))
    export = next(s for s in steps if s.name == "export jsonl")
    if baseline is not None:
        ratio = export.best[0] / baseline.best[0]
        print("%-14s %9.2f× %45s  ≤ %.1f×  %s"
              % ("export/sqlite3", ratio, "", TARGET_EXPORT_RATIO,
                 verdict(ratio <= TARGET_EXPORT_RATIO)))
    else:
        print("export/sqlite3: no sqlite3 program; baseline skipped")
    print()
    print("MB are input bytes for imports, output bytes for export and sqlite3; "
          "best of %d for export and sqlite3." % RUNS)
    print("user/sys are the CPU seconds of the timed process: wall well above user+sys "
          "means waiting on I/O.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gloss-cli", required=True)
    parser.add_argument("--sqlite3")
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    cli = os.path.abspath(args.gloss_cli)
    workdir = tempfile.mkdtemp(prefix="gloss-bench-", dir="/tmp")
    phases = []
    try:
        print("gloss-cli: %s\nsqlite3: %s\nfolder: %s\n" % (cli, args.sqlite3, workdir))

        t = time.perf_counter()
        records, txt_bytes, jsonl_bytes = generate(workdir, args.documents, args.seed)
        phases.append(("generate corpus (python)", time.perf_counter() - t))
        print("corpus: %d articles, %.1f MB of .txt (%.0f bytes each on average), "
              "data.jsonl %.1f MB with %d spans and %d relations (seed %d)"
              % (args.documents, txt_bytes / 1e6, txt_bytes / args.documents, jsonl_bytes / 1e6,
                 args.documents * SPANS_PER_DOCUMENT, args.documents * RELATIONS_PER_DOCUMENT,
                 args.seed))

        steps = [time_txt_import(cli, workdir, args.documents),
                 time_jsonl_import(cli, workdir, args.documents, jsonl_bytes),
                 time_export(cli, workdir, args.documents)]
        baseline = None
        if args.sqlite3:
            baseline = time_sqlite(args.sqlite3, workdir, args.documents)
            steps.append(baseline)
        for s in steps:
            phases.append((s.name + (" (%d runs)" % len(s.runs) if len(s.runs) > 1 else ""),
                           sum(r[0] for r in s.runs)))

        t = time.perf_counter()
        check_projects(workdir, args.documents)
        lines, spans, relations = check_export(workdir, records)
        phases.append(("check output (python)", time.perf_counter() - t))
        print("check: P1/P2 row counts as expected; out.jsonl has %d lines, %d spans, "
              "%d relations, all as imported" % (lines, spans, relations))

        print_table(steps, baseline, args.documents)

        print("\nwhere the benchmark's own time went:")
        total = sum(p[1] for p in phases)
        for name, seconds in phases:
            print("  %-28s %8.2f s  %5.1f%%" % (name, seconds, 100.0 * seconds / total))
        return 0
    except CommandFailed as e:
        print("FAILED: %s" % e, file=sys.stderr)
        return 1
    finally:
        sys.stdout.flush()
        if args.keep:
            print("kept %s" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
