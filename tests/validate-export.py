#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validate Gloss native exports against data/*.schema.json, plus the invariants a
JSON Schema cannot express (offsets slice the text, the SHA-256 matches, ids are
unique and resolve).  Offsets are checked with Python str indexing, i.e. Unicode
code points, end-exclusive — the unit DESIGN.md promises.

Usage: validate-export.py [--project] SCHEMA_DIR FILE...

  Each FILE is JSON Lines (one document a line), or with --project one JSON
  document in the `gloss-cli export --format json` shape.  FILE may be "-" for
  standard input.

Output is TAP: one test per document ("FILE:LINE", or "FILE:documents[I]" with
--project, where "FILE" itself is a test for the project envelope and its label
schema).  Exit status 0 when every test passed, 1 otherwise, 2 on a usage error.
Without python3-jsonschema the whole run is skipped (exit 0).
"""

import argparse
import hashlib
import json
import os
import sys
import unicodedata
import warnings

DOCUMENT_SCHEMA = "gloss-document.schema.json"
PROJECT_SCHEMA = "gloss-project.schema.json"
MAX_REASONS = 20


# ---------------------------------------------------------------------------
# small helpers

def show(value, limit=60):
    """A short rendering of a value for messages (Python repr for strings, which
    escapes control characters; JSON otherwise)."""
    if isinstance(value, str):
        s = repr(value)
    else:
        try:
            s = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            s = repr(value)
    if len(s) > limit:
        s = s[:limit - 1] + "…"
    return s


def fmt_path(path):
    out = ""
    for p in path:
        if isinstance(p, int):
            out += "[%d]" % p
        else:
            out += ("." if out else "") + str(p)
    return out


def is_offset(x):
    return type(x) is int and x >= 0


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def tap_text(s):
    s = " ".join(str(s).split("\n"))
    return s.replace("#", "\\#")


class DuplicateKeys:
    """object_pairs_hook that remembers duplicate keys (json keeps the last)."""

    def __init__(self):
        self.found = []

    def __call__(self, pairs):
        d = {}
        for k, v in pairs:
            if k in d and k not in self.found:
                self.found.append(k)
            d[k] = v
        return d


def reject_constant(name):
    raise ValueError("%s is not valid JSON" % name)


def parse_json(s):
    """Returns (value, reasons) — reasons for what json would silently accept."""
    dups = DuplicateKeys()
    value = json.loads(s, object_pairs_hook=dups, parse_constant=reject_constant)
    return value, ["duplicate key %s in an object" % show(k) for k in dups.found]


# ---------------------------------------------------------------------------
# schema validation

def schema_errors(validator, instance):
    """Schema errors as (path list, message), sorted by path."""
    from jsonschema.exceptions import best_match

    def key(e):
        return [(0, p, "") if isinstance(p, int) else (1, 0, str(p))
                for p in e.absolute_path]

    for err in sorted(validator.iter_errors(instance), key=key):
        if err.context:
            err = best_match(err.context) or err
        msg = err.message
        if len(msg) > 200:
            msg = msg[:199] + "…"
        yield list(err.absolute_path), msg


def join_path(path, msg):
    p = fmt_path(path)
    return "%s: %s" % (p, msg) if p else msg


def schema_reasons(validator, instance):
    return [join_path(path, msg) for path, msg in schema_errors(validator, instance)]


# ---------------------------------------------------------------------------
# invariants of one document

class Context:
    def __init__(self, quote_labels, claim_labels):
        self.quote_labels = set(quote_labels)
        self.claim_labels = set(claim_labels)
        self.labels = None          # name -> label dict (project mode)
        self.relation_types = None  # set of names (project mode)
        self.doc_ids = {}           # document id -> where first seen


def document_invariants(doc, where, ctx):
    if not isinstance(doc, dict):
        return []
    r = []

    doc_id = doc.get("id")
    if isinstance(doc_id, str):
        if doc_id in ctx.doc_ids:
            r.append("id: duplicate document id %s (also %s)" % (show(doc_id), ctx.doc_ids[doc_id]))
        else:
            ctx.doc_ids[doc_id] = where

    text = doc.get("text")
    if not isinstance(text, str):
        text = None
    n = len(text) if text is not None else None
    # A text-less record (export --text omit): offsets are checked against its length.
    if text is None and is_offset(doc.get("length")):
        n = doc["length"]

    # --- the text itself
    if text is not None:
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError as e:
            raw = None
            r.append("text: lone surrogate at code point %d (not valid UTF-8)" % e.start)
        sha = doc.get("text_sha256")
        if raw is not None and isinstance(sha, str):
            want = hashlib.sha256(raw).hexdigest()
            if sha != want:
                r.append("text_sha256: is %s, the SHA-256 of the text's UTF-8 is %s" % (sha, want))

        offsets = doc.get("offsets") if isinstance(doc.get("offsets"), dict) else {}
        meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
        if offsets.get("normalization") == "NFC" and raw is not None:
            if not unicodedata.is_normalized("NFC", text):
                nfc = unicodedata.normalize("NFC", text)
                i = next((i for i, (a, b) in enumerate(zip(text, nfc)) if a != b),
                         min(len(text), len(nfc)))
                r.append("text: not NFC near code point %d although offsets.normalization is \"NFC\"" % i)
            if text.startswith("\ufeff"):
                r.append("text: starts with a BOM although offsets.normalization is \"NFC\"")
        if offsets.get("newline") == "LF" and "\r" in text:
            r.append("text: CR at code point %d although offsets.newline is \"LF\"" % text.index("\r"))
        if offsets.get("normalization") == "none" and meta.get("normalized"):
            r.append("meta.normalized: is %s but offsets.normalization is \"none\" (text kept as given)"
                     % show(meta.get("normalized")))

    def check_extent(path, ext, nullable=False):
        """{start,end,text} slices the text."""
        if not isinstance(ext, dict):
            return None
        s, e, t = ext.get("start"), ext.get("end"), ext.get("text")
        for k, v in (("start", s), ("end", e)):
            if is_number(v) and type(v) is not int:
                r.append("%s.%s: %s is not written as an integer" % (path, k, show(v)))
        if not (is_offset(s) and is_offset(e)):
            return None
        if not s < e:
            r.append("%s: empty or reversed extent [%d, %d]" % (path, s, e))
        elif n is not None and e > n:
            r.append("%s: [%d, %d] runs past the end of the text (%d code points)" % (path, s, e, n))
        elif text is not None and isinstance(t, str) and text[s:e] != t:
            r.append("%s.text: is %s but text[%d:%d] is %s" % (path, show(t), s, e, show(text[s:e])))
        return (s, e)

    # --- spans
    spans = doc.get("spans") if isinstance(doc.get("spans"), list) else []
    span_by_id = {}   # id -> (index, span)
    by_frags = {}     # (label, fragments) -> index
    for i, sp in enumerate(spans):
        if not isinstance(sp, dict):
            continue
        sid = sp.get("id")
        p = "spans[%d]" % i
        if isinstance(sid, str):
            p += " (%s)" % show(sid)
            if sid in span_by_id:
                r.append("%s: duplicate span id, also spans[%d]" % (p, span_by_id[sid][0]))
            else:
                span_by_id[sid] = (i, sp)

        frags = sp.get("fragments")
        good = []
        ok = isinstance(frags, list) and len(frags) > 0
        if ok:
            prev_end = None
            for k, f in enumerate(frags):
                if not (isinstance(f, list) and len(f) == 2 and all(is_number(x) for x in f)):
                    ok = False
                    continue
                if any(type(x) is not int for x in f):
                    r.append("%s.fragments[%d]: %s is not written as integers" % (p, k, show(f)))
                    ok = False
                    continue
                s, e = f
                if s < 0 or e < 0:
                    ok = False
                    continue
                if not s < e:
                    r.append("%s.fragments[%d]: empty or reversed fragment [%d, %d]" % (p, k, s, e))
                    ok = False
                elif n is not None and e > n:
                    r.append("%s.fragments[%d]: [%d, %d] runs past the end of the text (%d code points)"
                             % (p, k, s, e, n))
                    ok = False
                if prev_end is not None and s < prev_end:
                    r.append("%s.fragments[%d]: [%d, %d] overlaps or precedes the previous fragment"
                             % (p, k, s, e))
                    ok = False
                prev_end = e
                good.append((s, e))
        if ok:
            for key, want, what in (("start", good[0][0], "the first fragment's start"),
                                    ("end", good[-1][1], "the last fragment's end")):
                v = sp.get(key)
                if is_number(v) and type(v) is not int:
                    r.append("%s.%s: %s is not written as an integer" % (p, key, show(v)))
                elif type(v) is int and v != want:
                    r.append("%s.%s: is %d but %s is %d" % (p, key, v, what, want))
            t = sp.get("text")
            if text is not None and isinstance(t, str):
                want = " ".join(text[s:e] for s, e in good)
                if t != want:
                    how = ("text[%d:%d]" % good[0] if len(good) == 1
                           else "its %d fragments joined by a space" % len(good))
                    r.append("%s.text: is %s but %s is %s" % (p, show(t), how, show(want)))
            label = sp.get("label")
            if isinstance(label, str):
                dkey = (label, tuple(good))
                if dkey in by_frags:
                    r.append("%s: exact duplicate of spans[%d] (same label and fragments)"
                             % (p, by_frags[dkey]))
                else:
                    by_frags[dkey] = i

        if ctx.labels is not None:
            label, layer = sp.get("label"), sp.get("layer")
            if isinstance(label, str):
                if label not in ctx.labels:
                    r.append("%s.label: %s is not a label of the project schema" % (p, show(label)))
                elif isinstance(layer, str) and ctx.labels[label].get("layer") != layer:
                    r.append("%s.layer: is %s but label %s belongs to layer %s"
                             % (p, show(layer), label, show(ctx.labels[label].get("layer"))))

    def span_ref(path, sid):
        if isinstance(sid, str) and sid not in span_by_id:
            r.append("%s: %s is not a span id of this document" % (path, show(sid)))
            return False
        return isinstance(sid, str)

    def label_of(sid):
        hit = span_by_id.get(sid)
        return hit[1].get("label") if hit else None

    def kind_is(sid, kind, default_labels):
        label = label_of(sid)
        if ctx.labels is not None:
            return isinstance(label, str) and ctx.labels.get(label, {}).get("kind") == kind
        return label in default_labels

    # --- entities (before relations: COREF consistency needs them)
    entities = doc.get("entities") if isinstance(doc.get("entities"), list) else []
    entity_ids = {}
    entity_of_span = {}
    for i, ent in enumerate(entities):
        if not isinstance(ent, dict):
            continue
        p = "entities[%d]" % i
        eid = ent.get("id")
        if isinstance(eid, str):
            p += " (%s)" % show(eid)
            if eid in entity_ids:
                r.append("%s: duplicate entity id, also entities[%d]" % (p, entity_ids[eid]))
            else:
                entity_ids[eid] = i
        mentions = ent.get("mentions") if isinstance(ent.get("mentions"), list) else []
        for k, m in enumerate(mentions):
            if span_ref("%s.mentions[%d]" % (p, k), m):
                if m in entity_of_span and entity_of_span[m] != i:
                    r.append("%s.mentions[%d]: span %s is also a mention of entities[%d]"
                             % (p, k, show(m), entity_of_span[m]))
                else:
                    entity_of_span[m] = i

    # --- relations
    relations = doc.get("relations") if isinstance(doc.get("relations"), list) else []
    relation_ids = {}
    for i, rel in enumerate(relations):
        if not isinstance(rel, dict):
            continue
        p = "relations[%d]" % i
        rid = rel.get("id")
        if isinstance(rid, str):
            p += " (%s)" % show(rid)
            if rid in relation_ids:
                r.append("%s: duplicate relation id, also relations[%d]" % (p, relation_ids[rid]))
            else:
                relation_ids[rid] = i
        a = span_ref(p + ".from_id", rel.get("from_id"))
        b = span_ref(p + ".to_id", rel.get("to_id"))
        rtype = rel.get("type")
        if ctx.relation_types is not None and isinstance(rtype, str) \
                and rtype not in ctx.relation_types:
            r.append("%s.type: %s is not a relation type of the project schema" % (p, show(rtype)))
        if rtype == "COREF" and a and b:
            ea = entity_of_span.get(rel["from_id"])
            eb = entity_of_span.get(rel["to_id"])
            if (ea is not None or eb is not None) and ea != eb:
                def ent(x):
                    return "entities[%d]" % x if x is not None else "no entity"
                r.append("%s: COREF links spans of different entities (%s, %s)"
                         % (p, ent(ea), ent(eb)))

    def entity_ref(path, eid):
        if isinstance(eid, str) and eid not in entity_ids:
            r.append("%s: %s is not an entity id of this document" % (path, show(eid)))

    # --- derived quotes and claims
    def derived(key, kind, default_labels, kind_name):
        items = doc.get(key) if isinstance(doc.get(key), list) else []
        seen = {}
        for i, q in enumerate(items):
            if not isinstance(q, dict):
                continue
            p = "%s[%d]" % (key, i)
            qid = q.get("id")
            if isinstance(qid, str):
                p += " (%s)" % show(qid)
                if qid in seen:
                    r.append("%s: duplicate id, also %s[%d]" % (p, key, seen[qid]))
                else:
                    seen[qid] = i
                if span_ref(p + ".id", qid) and not kind_is(qid, kind, default_labels):
                    r.append("%s.id: span %s is a %s span, not a %s span"
                             % (p, show(qid), label_of(qid), kind_name))
            contents = q.get("contents") if isinstance(q.get("contents"), list) else []
            for k, c in enumerate(contents):
                check_extent("%s.contents[%d]" % (p, k), c)
            if key == "quotes":
                check_extent(p + ".cue", q.get("cue"))
                agents = ("speakers", q.get("speakers"))
            else:
                agents = ("claimants", q.get("claimants"))
                iq = q.get("in_quote")
                if span_ref(p + ".in_quote", iq) and not kind_is(iq, "quote", ctx.quote_labels):
                    r.append("%s.in_quote: span %s is a %s span, not a quote span"
                             % (p, show(iq), label_of(iq)))
            if isinstance(agents[1], list):
                for k, ag in enumerate(agents[1]):
                    ap = "%s.%s[%d]" % (p, agents[0], k)
                    check_extent(ap, ag)
                    if isinstance(ag, dict):
                        entity_ref(ap + ".entity", ag.get("entity"))
        # every span of that kind is derived
        if isinstance(doc.get(key), list):
            for sid, (i, sp) in span_by_id.items():
                if kind_is(sid, kind, default_labels) and sid not in seen:
                    r.append("spans[%d] (%s): %s span has no entry in %s"
                             % (i, show(sid), sp.get("label"), key))

    derived("quotes", "quote", ctx.quote_labels, "quote")
    derived("claims", "claim", ctx.claim_labels, "claim")
    return r


def schema_invariants(project, ctx):
    """Consistency of the project's label schema; fills ctx for document checks."""
    r = []
    schema = project.get("schema") if isinstance(project, dict) else None
    if not isinstance(schema, dict):
        return r

    def names(key):
        items = schema.get(key) if isinstance(schema.get(key), list) else []
        out = {}
        for i, it in enumerate(items):
            if isinstance(it, dict) and isinstance(it.get("name"), str):
                if it["name"] in out:
                    r.append("schema.%s[%d]: duplicate name %s" % (key, i, show(it["name"])))
                else:
                    out[it["name"]] = it
        return out

    layers = names("layers")
    labels = names("labels")
    rtypes = names("relation_types")
    hotkeys = {}
    for name, lab in labels.items():
        p = "schema.labels (%s)" % show(name)
        if isinstance(lab.get("layer"), str) and lab["layer"] not in layers:
            r.append("%s.layer: %s is not in schema.layers" % (p, show(lab["layer"])))
        hk = lab.get("hotkey")
        if isinstance(hk, str):
            if hk in hotkeys:
                r.append("%s.hotkey: %s is also the hotkey of %s" % (p, show(hk), show(hotkeys[hk])))
            else:
                hotkeys[hk] = name
        attrs = lab.get("attributes") if isinstance(lab.get("attributes"), list) else []
        seen = set()
        for a in attrs:
            if isinstance(a, dict) and isinstance(a.get("name"), str):
                if a["name"] in seen:
                    r.append("%s.attributes: duplicate attribute %s" % (p, show(a["name"])))
                seen.add(a["name"])
    ctx.labels = labels
    ctx.relation_types = set(rtypes)
    return r


# ---------------------------------------------------------------------------
# driver

def read_source(path):
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        return f.read()


def decode_line(raw):
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as e:
        return None, "invalid UTF-8 at byte %d of the line" % e.start


def main(argv):
    ap = argparse.ArgumentParser(
        prog="validate-export.py",
        description="Validate Gloss JSONL (or --project JSON) exports; prints TAP.")
    ap.add_argument("--project", action="store_true",
                    help="each FILE is one whole-project JSON document (--format json)")
    ap.add_argument("--quote-label", action="append", metavar="LABEL",
                    help="label name of quote spans in JSONL files (default QUOTE; repeatable); "
                         "with --project the schema's label kinds are used")
    ap.add_argument("--claim-label", action="append", metavar="LABEL",
                    help="label name of claim spans in JSONL files (default CLAIM; repeatable)")
    ap.add_argument("schema_dir", metavar="SCHEMA_DIR")
    ap.add_argument("files", metavar="FILE", nargs="+")
    args = ap.parse_args(argv)

    try:
        import jsonschema
    except ImportError:
        print("1..0 # SKIP python3-jsonschema not installed")
        return 0
    if not hasattr(jsonschema, "Draft202012Validator"):
        print("1..0 # SKIP python3-jsonschema too old for draft 2020-12")
        return 0

    warnings.simplefilter("ignore", DeprecationWarning)  # RefResolver, after 4.17
    from jsonschema import Draft202012Validator, RefResolver

    schemas = {}
    for name in (DOCUMENT_SCHEMA, PROJECT_SCHEMA):
        path = os.path.join(args.schema_dir, name)
        try:
            with open(path, encoding="utf-8") as f:
                schemas[name] = json.load(f)
            Draft202012Validator.check_schema(schemas[name])
        except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
            print("Bail out! %s: %s" % (path, tap_text(str(e).split("\n")[0])))
            return 2
    store = {s["$id"]: s for s in schemas.values() if "$id" in s}

    def validator_for(name):
        s = schemas[name]
        return Draft202012Validator(s, resolver=RefResolver.from_schema(s, store=store))

    doc_validator = validator_for(DOCUMENT_SCHEMA)
    project_validator = validator_for(PROJECT_SCHEMA)

    results = []   # (name, reasons)

    for fname in args.files:
        ctx = Context(args.quote_label or ["QUOTE"], args.claim_label or ["CLAIM"])
        try:
            data = read_source(fname)
        except OSError as e:
            results.append((fname, ["cannot read: %s" % (e.strerror or e)]))
            continue

        if args.project:
            text, bad = decode_line(data)
            if bad:
                results.append((fname, [bad.replace(" of the line", "")]))
                continue
            try:
                project, reasons = parse_json(text)
            except ValueError as e:
                results.append((fname, ["not JSON: %s" % e]))
                continue
            # the project schema $refs the document schema: split its errors
            # between the envelope and each document
            docs = project.get("documents") if isinstance(project, dict) else None
            n_docs = len(docs) if isinstance(docs, list) else 0
            per_doc = {}
            top = list(reasons)
            for path, msg in schema_errors(project_validator, project):
                if len(path) >= 2 and path[0] == "documents" and isinstance(path[1], int) \
                        and path[1] < n_docs:
                    per_doc.setdefault(path[1], []).append(join_path(path[2:], msg))
                else:
                    top.append(join_path(path, msg))
            top += schema_invariants(project, ctx)
            results.append((fname, top))
            for i in range(n_docs):
                reasons = per_doc.get(i, [])
                reasons += document_invariants(docs[i], "documents[%d]" % i, ctx)
                results.append(("%s:documents[%d]" % (fname, i), reasons))
            continue

        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        count = 0
        for lineno, raw in enumerate(lines, 1):
            where = "%s:%d" % (fname, lineno)
            text, bad = decode_line(raw)
            if bad:
                results.append((where, [bad]))
                count += 1
                continue
            if not text.strip():
                continue
            count += 1
            try:
                doc, reasons = parse_json(text)
            except ValueError as e:
                results.append((where, ["not JSON: %s" % e]))
                continue
            reasons += schema_reasons(doc_validator, doc)
            reasons += document_invariants(doc, "line %d" % lineno, ctx)
            results.append((where, reasons))
        if count == 0:
            results.append((fname, ["no documents in the file"]))

    try:
        sys.stdout.reconfigure(errors="backslashreplace")
    except AttributeError:
        pass
    print("1..%d" % len(results))
    failed = 0
    for k, (name, reasons) in enumerate(results, 1):
        if not reasons:
            print("ok %d - %s" % (k, tap_text(name)))
            continue
        failed += 1
        shown = reasons[:MAX_REASONS]
        if len(reasons) > MAX_REASONS:
            shown.append("and %d more" % (len(reasons) - MAX_REASONS))
        print("not ok %d - %s: %s" % (k, tap_text(name), tap_text("; ".join(shown))))
    if failed:
        print("# %d of %d failed" % (failed, len(results)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
