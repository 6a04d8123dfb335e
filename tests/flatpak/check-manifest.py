#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks flatpak/io.github.clientele.Clientele.json without a runtime (none
# can be downloaded here): the GNOME 47 runtime or newer, exactly the
# sandbox holes the app needs (network, IPC, display, GPU: files come
# through the file-chooser portal, URLs through OpenURI, the token through
# the Secret portal), headers and pkg-config files cleaned up, and every
# library meson.build asks for either in the GNOME runtime or built as a
# module before the app. Prints TAP.
#
#   check-manifest.py SRCDIR

import json
import os
import re
import sys

srcdir = os.path.abspath(sys.argv[1])
manifest_path = os.path.join(srcdir, 'flatpak', 'io.github.clientele.Clientele.json')

FINISH_ARGS = {'--share=network', '--share=ipc', '--socket=wayland',
               '--socket=fallback-x11', '--device=dri'}
HOLES = ('--filesystem', '--talk-name', '--own-name', '--system-talk-name',
         '--socket=session-bus', '--socket=system-bus', '--device=all',
         '--socket=x11', '--socket=pulseaudio', '--persist')
# pkg-config names the org.gnome.Platform 47 runtime (with the freedesktop
# 24.08 base under it) provides.
RUNTIME = {'glib-2.0', 'gobject-2.0', 'gio-2.0', 'gio-unix-2.0', 'gtk4', 'libadwaita-1',
           'libsoup-3.0', 'json-glib-1.0', 'sqlite3', 'libsecret-1', 'libcurl',
           'libxml-2.0', 'libcrypt'}

tests = []


def check(name, problems):
    tests.append((name, problems))


with open(manifest_path, encoding='utf-8') as f:
    manifest = json.load(f)

check('the app id is io.github.clientele.Clientele',
      [] if manifest.get('id') == 'io.github.clientele.Clientele' else [manifest.get('id')])
version = str(manifest.get('runtime-version', ''))
check('the GNOME runtime and SDK, version 47 or newer',
      [] if manifest.get('runtime') == 'org.gnome.Platform'
      and manifest.get('sdk') == 'org.gnome.Sdk'
      and (version == 'master' or (version.isdigit() and int(version) >= 47))
      else ['%s %s %s' % (manifest.get('runtime'), version, manifest.get('sdk'))])
check('the command is clientele',
      [] if manifest.get('command') == 'clientele' else [manifest.get('command')])

args = manifest.get('finish-args', [])
check('finish-args are exactly network, IPC, Wayland, fallback X11 and DRI',
      sorted(set(args) ^ FINISH_ARGS) + sorted(a for a in args if args.count(a) > 1))
check('no filesystem, bus or device holes',
      [a for a in args if a.startswith(HOLES)])

cleanup = manifest.get('cleanup', [])
check('headers and pkg-config files are cleaned up',
      [p for p in ('/include', '/lib/pkgconfig', '/share/pkgconfig') if p not in cleanup])

modules = manifest.get('modules', [])
names = [m.get('name') if isinstance(m, dict) else m for m in modules]
app = modules[-1] if modules and isinstance(modules[-1], dict) else {}
problems = []
if app.get('name') != 'clientele':
    problems.append('the last module is %r, not clientele' % app.get('name'))
if app.get('buildsystem') != 'meson':
    problems.append('clientele is not built with meson')
if not any(s.get('type') == 'dir' and os.path.normpath(os.path.join(srcdir, 'flatpak',
                                                                   s.get('path', '')))
           == srcdir for s in app.get('sources', [])):
    problems.append('clientele is not built from this checkout (a "dir" source "..")')
check('clientele is the last module, built with meson from this checkout', problems)

# Every dependency() of the build: in the runtime, or a module built first;
# one behind a feature option the manifest turns off (-Dname=disabled, as
# libpq for clientele-server on PostgreSQL) is not built in the sandbox.
disabled = {o[2:-len('=disabled')] for o in app.get('config-opts', [])
            if o.startswith('-D') and o.endswith('=disabled')}
wanted = set()
for root, dirs, files in os.walk(srcdir):
    dirs[:] = [d for d in dirs if not d.startswith(('.', '_build', 'build'))]
    if 'meson.build' in files:
        with open(os.path.join(root, 'meson.build'), encoding='utf-8') as f:
            text = f.read()
        if os.path.relpath(root, srcdir).startswith('tests'):
            continue
        for m in re.finditer(r"\bdependency\(\s*'([^']+)'(.*)", text):
            option = re.search(r"get_option\(\s*'([^']+)'", m.group(2))
            if option is None or option.group(1) not in disabled:
                wanted.add(m.group(1))
missing = sorted(d for d in wanted if d not in RUNTIME and d not in names)
check('every library the build needs is in the runtime or built as a module', missing)

for m in modules[:-1]:
    if isinstance(m, dict) and not m.get('sources'):
        check('module %s has sources' % m.get('name'), [m.get('name')])
    if isinstance(m, dict):
        for s in m.get('sources', []):
            if s.get('type') in ('archive', 'file') and not s.get('sha256'):
                check('module %s pins its sources by sha256' % m.get('name'), [s.get('url')])

print('1..%d' % len(tests))
failed = 0
for i, (name, problems) in enumerate(tests, 1):
    print('%s %d - %s' % ('not ok' if problems else 'ok', i, name))
    for p in problems:
        print('# %s' % p)
        print('%s: %s' % (name, p), file=sys.stderr)
    failed += bool(problems)
sys.exit(1 if failed else 0)
