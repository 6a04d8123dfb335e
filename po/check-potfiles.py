#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks po/POTFILES.in against the tree: every listed file exists, the
# list is sorted without duplicates, and every source, template or data
# file with a translatable string is listed. Prints TAP.

import os
import re
import sys

srcdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
srcdir = os.path.abspath(srcdir)

C_MARK = re.compile(r'\b(?:N_|C_|NC_|_|g_dngettext|ngettext)\s*\(')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
SCHEMA_MARK = re.compile(r'<(?:summary|description)\b')
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')


def listed_files():
    with open(os.path.join(srcdir, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith('#')]


def has_strings(relpath):
    with open(os.path.join(srcdir, relpath), encoding='utf-8') as f:
        text = f.read()
    if relpath.endswith(('.c', '.h')):
        return C_MARK.search(text) is not None
    if relpath.endswith('.ui'):
        return UI_MARK.search(text) is not None
    if relpath.endswith('.gschema.xml'):
        return SCHEMA_MARK.search(text) is not None
    return True


def candidates():
    for top in ('src', 'resources', 'data'):
        for root, dirs, files in os.walk(os.path.join(srcdir, top)):
            dirs.sort()
            for name in sorted(files):
                rel = os.path.relpath(os.path.join(root, name), srcdir)
                if top == 'data':
                    if name.endswith(DATA_SUFFIXES):
                        yield rel
                elif name.endswith(('.c', '.ui')):
                    yield rel


tests = []
listed = listed_files()

missing = [p for p in listed if not os.path.isfile(os.path.join(srcdir, p))]
tests.append(('every listed file exists', missing))

tests.append(('POTFILES.in is sorted', [] if listed == sorted(listed) else ['not sorted']))

dups = sorted({p for p in listed if listed.count(p) > 1})
tests.append(('no file is listed twice', dups))

unlisted = [p for p in candidates() if p not in listed and has_strings(p)]
tests.append(('every file with translatable strings is listed', unlisted))

print('1..%d' % len(tests))
failed = 0
for i, (name, problems) in enumerate(tests, 1):
    if problems:
        failed += 1
        print('not ok %d - %s' % (i, name))
        for p in problems:
            print('# %s' % p)
            print('%s: %s' % (name, p), file=sys.stderr)
    else:
        print('ok %d - %s' % (i, name))
sys.exit(1 if failed else 0)
