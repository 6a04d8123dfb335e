#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a translation misses or fuzzes a message of the sources as they
# are now: extracts a fresh template from POTFILES.in with xgettext (the
# keywords of meson's 'glib' preset), merges LANG.po into it and lists every
# untranslated or fuzzy msgid; msgfmt --check must accept the merge.
#
#   check-translation.py SRCDIR WORKDIR LANG...
#
# To bring a translation up to date after strings changed:
#   meson compile -C _build clientele-update-po
# then translate what msgattrib --untranslated --only-fuzzy po/LANG.po shows.

import os
import subprocess
import sys

srcdir, workdir, languages = sys.argv[1], sys.argv[2], sys.argv[3:]
podir = os.path.join(srcdir, 'po')
os.makedirs(workdir, exist_ok=True)
pot = os.path.join(workdir, 'fresh.pot')

KEYWORDS = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
            '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
            '--keyword=g_dpgettext2:2c,3']
FLAGS = ['--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
         '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
         '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
         '--flag=g_string_append_printf:2:c-format', '--flag=g_error_new:3:c-format',
         '--flag=g_set_error:4:c-format', '--flag=g_markup_printf_escaped:1:c-format',
         '--flag=g_log:3:c-format', '--flag=g_print:1:c-format',
         '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
         '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
         '--flag=g_snprintf:3:c-format']


def run(args, **kw):
    return subprocess.run(args, check=False, capture_output=True, text=True, **kw)


def msgids(po, *selector):
    out = run(['msgattrib', '--no-wrap', '--no-obsolete', *selector, po]).stdout
    ids = []
    for block in out.split('\n\n'):
        lines = [l for l in block.splitlines() if not l.startswith('#')]
        text = '\n'.join(lines)
        if 'msgid ""\nmsgstr' in text and 'msgctxt' not in text and text.startswith('msgid ""'):
            continue  # the header
        for l in lines:
            if l.startswith('msgid '):
                ids.append(l[6:])
                break
    return ids


tests = []
r = run(['xgettext', '--from-code=UTF-8', '--add-comments', '--package-name=clientele',
         *KEYWORDS, *FLAGS, '--directory=' + srcdir,
         '--files-from=' + os.path.join(podir, 'POTFILES.in'), '--output=' + pot])
tests.append(('a template can be extracted from POTFILES.in',
              [] if r.returncode == 0 else [r.stderr.strip()]))

with open(os.path.join(podir, 'LINGUAS'), encoding='utf-8') as f:
    linguas = [w for line in f if not line.startswith('#') for w in line.split()]

for lang in languages:
    tests.append(('%s is listed in LINGUAS' % lang, [] if lang in linguas else [lang]))
    merged = os.path.join(workdir, lang + '.po')
    source = os.path.join(podir, lang + '.po')
    if not os.path.isfile(source):
        tests.append(('po/%s.po exists' % lang, [source]))
        continue
    r = run(['msgmerge', '--quiet', '--output-file=' + merged, source, pot])
    if r.returncode != 0:
        tests.append(('po/%s.po merges with the sources' % lang, [r.stderr.strip()]))
        continue
    r = run(['msgfmt', '--check', '--statistics', '--output-file=/dev/null', merged])
    tests.append(('msgfmt --check accepts po/%s.po (%s)' % (lang, r.stderr.strip()),
                  [] if r.returncode == 0 else [r.stderr.strip()]))
    tests.append(('po/%s.po translates every message' % lang,
                  ['untranslated: msgid ' + m for m in msgids(merged, '--untranslated')]))
    tests.append(('po/%s.po has no fuzzy message' % lang,
                  ['fuzzy: msgid ' + m for m in msgids(merged, '--only-fuzzy')]))

print('1..%d' % len(tests))
failed = 0
for i, (name, problems) in enumerate(tests, 1):
    print('%s %d - %s' % ('not ok' if problems else 'ok', i, name))
    for p in problems:
        print('# %s' % p)
        print(p, file=sys.stderr)
    failed += bool(problems)
if failed:
    print('To update: meson compile -C _build clientele-update-po, then translate the '
          'messages listed above in po/<lang>.po.', file=sys.stderr)
sys.exit(1 if failed else 0)
