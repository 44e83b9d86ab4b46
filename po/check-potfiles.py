#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that po/POTFILES.in lists every file with translatable strings.

A file missing from POTFILES.in keeps its strings out of the template, so they
stay English in every language without anyone noticing. Scanned: C sources
and headers under src/ (_(), N_(), C_(), NC_(), ngettext, g_dngettext,
g_dpgettext2), GtkBuilder files under ui/ (translatable="yes"), and under
data/ the desktop file (Name, GenericName, Comment, Keywords), the AppStream
metadata (<name>, <summary>, <p>, <li>, <caption>) and the GSettings schema
when it names a gettext-domain (<summary>, <description>).

Also fails on a POTFILES.in entry that does not exist (xgettext would stop).

Prints TAP: one test per file with translatable strings, one per stale entry.
"""

import argparse
import pathlib
import re
import sys

C_PATTERN = re.compile(
    r'(?<![\w])(?:_|N_|C_|NC_|Q_)\s*\(\s*"'
    r'|(?<![\w])(?:g_d?ngettext|ngettext|g_dpgettext2?|g_dcgettext|dgettext)\s*\(')
UI_PATTERN = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
DESKTOP_PATTERN = re.compile(r'^(?:Name|GenericName|Comment|Keywords|X-GNOME-FullName)=\S', re.M)
METAINFO_PATTERN = re.compile(r'<(?:name|summary|p|li|caption)(?:\s[^>]*)?>')
METAINFO_NOT = re.compile(r'translate\s*=\s*"no"')
GSCHEMA_DOMAIN = re.compile(r'gettext-domain\s*=')
GSCHEMA_PATTERN = re.compile(r'<(?:summary|description)>')


def strip_c_comments(text):
    return re.sub(r'/\*.*?\*/|//[^\n]*', ' ', text, flags=re.S)


def translatable(path):
    name = path.name
    try:
        text = path.read_text(encoding='utf-8')
    except UnicodeDecodeError:
        return False
    if name.endswith(('.c', '.h')):
        return bool(C_PATTERN.search(strip_c_comments(text)))
    if name.endswith('.ui'):
        return bool(UI_PATTERN.search(text))
    if name.endswith('.desktop.in'):
        return bool(DESKTOP_PATTERN.search(text))
    if name.endswith(('.metainfo.xml', '.metainfo.xml.in', '.appdata.xml', '.appdata.xml.in')):
        return any(not METAINFO_NOT.search(m.group(0)) for m in METAINFO_PATTERN.finditer(text))
    if name.endswith(('.gschema.xml', '.gschema.xml.in')):
        return bool(GSCHEMA_DOMAIN.search(text) and GSCHEMA_PATTERN.search(text))
    return False


def candidates(root):
    for sub in ('src', 'ui', 'data'):
        for path in sorted((root / sub).rglob('*')):
            if path.is_file() and not any(part.startswith('.') for part in path.parts):
                yield path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('source_root', type=pathlib.Path)
    args = parser.parse_args()
    root = args.source_root.resolve()

    listed = []
    for line in (root / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)
    listed_set = set(listed)

    results = []
    for path in candidates(root):
        if not translatable(path):
            continue
        rel = path.relative_to(root).as_posix()
        if rel in listed_set:
            results.append((True, f'{rel} is in po/POTFILES.in', ''))
        else:
            results.append((False, f'{rel} has translatable strings but is missing from po/POTFILES.in',
                            f'add the line "{rel}" to po/POTFILES.in'))
    for rel in listed:
        if not (root / rel).is_file():
            results.append((False, f'po/POTFILES.in lists {rel}, which does not exist',
                            'remove or correct the line'))

    print(f'1..{len(results)}')
    for number, (ok, name, detail) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {number} - {name}')
        if not ok and detail:
            print(f'# {detail}')
    missing = [name for ok, name, _ in results if not ok]
    if missing:
        print('\n'.join(missing), file=sys.stderr)
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
