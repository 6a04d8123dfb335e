#!/usr/bin/python3
# clt-e2e.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end tests: start the real clientele binary and drive it through
# its accessibility tree (AT-SPI, pyatspi), as a screen reader would.
#
#   clt-e2e.py sample --clientele BIN
#       an empty database shows "Load Sample Customers"; clicking it fills
#       the table and the title counts the customers; SIGTERM then quits
#       (exit status 0) and leaves no -wal/-shm next to the database.
#   clt-e2e.py keyboard --clientele BIN
#       with key events only, as someone who uses no pointer: Ctrl+N adds a
#       customer in a dialog (role dialog, named by its title, every field
#       Tab passes named, an error described-by its field) and Ctrl+S saves;
#       the focus lands on the new row, Return opens it, Alt+2 and Space
#       open the Add Address dialog (Escape closes it), Alt+3 and Ctrl+Enter
#       add a note, Escape goes back to the row, Delete and Alt+D delete,
#       Ctrl+Z undoes; the focus after each dialog and the store (read next
#       to the app) are checked.
#   clt-e2e.py installed --clientele BIN
#       an installed clientele (its schema, data and translations found
#       through the environment the caller sets, LANGUAGE=de) shows its
#       window in German: "Beispielkunden laden", "0 Kunden".
#   clt-e2e.py search --clientele BIN --generator CLT_BENCH [--count N]
#       on a generated database the table shows rows and "N customers";
#       typing a last name into the search entry changes the rows and the
#       title to "M of N customers"; Escape brings every customer back.
#
# Output is TAP on stdout; diagnostics go to stderr and TAP comments. The
# test never skips: without an accessibility bus it fails and says why.

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata

# test_env makes warnings fatal for the GTest programs. libatspi, the AT-SPI
# client in this process, warns whenever an object it asks about has just
# gone away (rows are recycled while we read them): not fatal here. GLib
# reads G_DEBUG when it is loaded, so this comes before any gi import.
os.environ['G_DEBUG'] = 'gc-friendly'

# The columns a new window shows: Customer No., Email, Last Name, First
# Name, Company, City, Country and Status (the column chooser adds
# Registered, Zip Code, Preferred Site and custom fields).
DEFAULT_COLUMNS = 8
ROW_WAIT_S = 30
MAX_ROWS = 12
STEP_WAIT_S = 20

results = []
running_app = None  # the App under test: waiting stops when it dies


def diag(msg):
    """A TAP comment, and the same on stderr, which meson shows on failure."""
    for line in str(msg).splitlines() or ['']:
        print('# ' + line, flush=True)
        print(line, file=sys.stderr, flush=True)


def ok(cond, name, detail=None):
    results.append(bool(cond))
    n = len(results)
    print('%s %d - %s' % ('ok' if cond else 'not ok', n, name), flush=True)
    if not cond and detail:
        diag(detail)
    return bool(cond)


def bail(msg):
    print('Bail out! ' + msg.replace('\n', ' '), flush=True)
    sys.exit(1)


def fold(text):
    """Lower case without accents, as the store's search compares text."""
    text = unicodedata.normalize('NFKD', text.casefold())
    return ''.join(c for c in text if not unicodedata.combining(c))


def wait_for(what, func, timeout):
    """Polls func until it returns a true value; returns it or None."""
    deadline = time.monotonic() + timeout
    while True:
        if running_app is not None and running_app.proc.poll() is not None:
            diag('%s: clientele exited with status %s' % (what, running_app.proc.returncode))
            return None
        try:
            value = func()
        except Exception as e:  # the tree changes under us while we walk it
            diag('%s: %s' % (what, e))
            value = None
        if value:
            return value
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.1)


def check_a11y_bus():
    """Fails clearly when no session bus or no AT-SPI bus can be reached."""
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        bail('no D-Bus session bus: run the tests through tests/run-tests '
             '(xvfb-run and dbus-run-session with a bus that can start AT-SPI)')
    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        bail('no display: run the tests through tests/run-tests (xvfb-run)')
    from gi.repository import Gio, GLib
    try:
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        reply = bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus',
                              'GetAddress', None, GLib.VariantType('(s)'),
                              Gio.DBusCallFlags.NONE, 15000, None)
    except GLib.Error as e:
        bail('the AT-SPI bus (org.a11y.Bus) cannot be started on the session '
             'bus: %s. Install at-spi2-core and run through tests/run-tests.'
             % e.message)
    diag('AT-SPI bus at %s' % reply.unpack()[0])


# --- the accessibility tree ---------------------------------------------

def children(acc):
    try:
        count = acc.get_child_count()
    except Exception:
        return []
    kids = []
    for i in range(count):
        try:
            kid = acc.get_child_at_index(i)
        except Exception:
            kid = None
        if kid is not None:
            kids.append(kid)
    return kids


def role(acc):
    try:
        return acc.getRole()
    except Exception:
        return None


def name(acc):
    try:
        return acc.name or ''
    except Exception:
        return ''


def find_all(acc, pred, max_depth=40, prune=None):
    found = []

    def walk(node, depth):
        if pred(node):
            found.append(node)
        if depth >= max_depth or (prune and prune(node)):
            return
        for kid in children(node):
            walk(kid, depth + 1)

    walk(acc, 0)
    return found


def find_one(acc, pred, max_depth=40, prune=None):
    """The first match in depth-first order, without walking the rest."""
    if pred(acc):
        return acc
    if max_depth <= 0 or (prune and prune(acc)):
        return None
    for kid in children(acc):
        found = find_one(kid, pred, max_depth - 1, prune)
        if found is not None:
            return found
    return None


def text_of(acc):
    """The text a sighted user sees: a label's text, else its name."""
    try:
        t = acc.queryText()
        s = t.getText(0, t.characterCount)
        if s:
            return s
    except Exception:
        pass
    return name(acc)


class App:
    """The running clientele process and its AT-SPI application."""

    def __init__(self, binary, database, workdir):
        import pyatspi
        self.pyatspi = pyatspi
        env = dict(os.environ)
        # The app must talk to the accessibility bus: drop what turns it off.
        env.pop('NO_AT_BRIDGE', None)
        env.pop('GTK_A11Y', None)
        env['GSETTINGS_BACKEND'] = 'memory'
        env['GSK_RENDERER'] = 'cairo'
        env['G_DEBUG'] = 'fatal-criticals'
        for var in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
            env[var] = os.path.join(workdir, var.lower())
            os.makedirs(env[var], exist_ok=True)
        if not env.get('GSETTINGS_SCHEMA_DIR'):
            bail('GSETTINGS_SCHEMA_DIR is not set: run through meson test')
        self.log_path = os.path.join(workdir, 'clientele.log')
        self.log = open(self.log_path, 'w')
        self.proc = subprocess.Popen([binary, '--database', database],
                                     env=env, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.acc = None
        self._table = None
        global running_app
        running_app = self

    def find(self, timeout=STEP_WAIT_S):
        desktop = self.pyatspi.Registry.getDesktop(0)

        def look():
            if self.proc.poll() is not None:
                return 'exited'
            for app in children(desktop):
                try:
                    if app.get_process_id() == self.proc.pid:
                        return app
                except Exception:
                    continue
            return None

        found = wait_for('finding the application', look, timeout)
        if found == 'exited':
            return None
        self.acc = found
        if self.acc is not None:
            # Read every property afresh from the app: titles and row texts
            # change while we watch them.
            from gi.repository import Atspi
            self.acc.set_cache_mask(Atspi.Cache.NONE)
        return self.acc

    def windows(self):
        self.acc.clear_cache()
        return [w for w in children(self.acc)
                if role(w) in (self.pyatspi.ROLE_FRAME, self.pyatspi.ROLE_WINDOW,
                               self.pyatspi.ROLE_DIALOG)]

    def main_window(self):
        wins = self.windows()
        for w in wins:
            if role(w) == self.pyatspi.ROLE_FRAME:
                return w
        return wins[0] if wins else None

    def title(self):
        w = self.main_window()
        return name(w) if w is not None else None

    def is_table(self, acc):
        return role(acc) in (self.pyatspi.ROLE_TABLE, self.pyatspi.ROLE_TREE_TABLE)

    def table(self):
        # The table lives as long as the window: look it up once.
        if self._table is not None:
            try:
                if self._table.get_index_in_parent() >= 0:
                    return self._table
            except Exception:
                pass
        w = self.main_window()
        if w is None:
            return None
        self._table = find_one(w, self.is_table)
        return self._table

    def row_widgets(self):
        """The table's data rows (GTK 4.8: tree table → list → table row;
        the header row of column titles sits beside the list)."""
        table = self.table()
        if table is None:
            return None
        lists = [k for k in children(table) if role(k) == self.pyatspi.ROLE_LIST]
        parent = lists[0] if lists else table
        return [r for r in children(parent) if role(r) == self.pyatspi.ROLE_TABLE_ROW
                and any(role(c) == self.pyatspi.ROLE_TABLE_CELL for c in children(r))]

    def rows(self, limit=MAX_ROWS):
        """Cell texts of the first rows the table holds (reading all of the
        ~200 rows GTK keeps alive would take seconds over D-Bus)."""
        widgets = self.row_widgets()
        if widgets is None:
            return None
        rows = []
        for row in widgets[:limit]:
            cells = []
            for cell in children(row):
                labels = find_all(cell, lambda a: role(a) == self.pyatspi.ROLE_LABEL, max_depth=4)
                texts = [text_of(a) for a in labels]
                cells.append(' '.join(t for t in texts if t))
            rows.append(cells)
        return rows

    def find_in_window(self, pred):
        """Finds a control outside the table (whose rows are many)."""
        w = self.main_window()
        return find_one(w, pred, prune=self.is_table) if w is not None else None

    def stop(self):
        """Ends the app with SIGTERM (a session ending); returns its exit
        status (negative: the signal that ended it)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.log.closed:
            return self.proc.returncode
        self.log.close()
        with open(self.log_path, errors='replace') as f:
            out = f.read().strip()
        if out:
            diag('clientele printed:')
            diag(out[-4000:])
        return self.proc.returncode


def parse_count(text):
    return int(re.sub(r'[^0-9]', '', text))


COUNT_RE = re.compile(r'^([0-9][0-9.,\u00a0\u202f\' ]*) customers?$')
FILTERED_RE = re.compile(r'^([0-9][0-9.,\u00a0\u202f\' ]*) of ([0-9][0-9.,\u00a0\u202f\' ]*) customers?$')


def filled_rows(app):
    """Rows once they have text (placeholders have none)."""
    rows = app.rows()
    if not rows:
        return None
    if any(not any(cell.strip() for cell in r) for r in rows):
        return None
    return rows


def wait_title(app, regex, check=None, timeout=STEP_WAIT_S):
    """Waits for a title that matches regex (and check(match), if given):
    the title passes through other states while counts arrive."""
    def look():
        m = regex.match(app.title() or '')
        return m if m and (check is None or check(m)) else None
    return wait_for('reading the title', look, timeout)


def start(binary, database, workdir):
    app = App(binary, database, workdir)
    if not ok(app.find() is not None,
              'clientele registers on the accessibility bus',
              'the process (pid %d) %s' % (app.proc.pid,
                                          'exited with %s' % app.proc.returncode
                                          if app.proc.poll() is not None
                                          else 'never appeared in the AT-SPI desktop')):
        app.stop()
        bail('clientele is not reachable through AT-SPI')
    return app


# --- the tests ------------------------------------------------------------

def test_sample(args, workdir):
    database = os.path.join(workdir, 'empty.db')
    app = start(args.clientele, database, workdir)
    try:
        button = wait_for('finding the button', lambda: app.find_in_window(
            lambda a: role(a) == app.pyatspi.ROLE_PUSH_BUTTON
            and name(a) == 'Load Sample Customers'), STEP_WAIT_S)
        if not ok(button is not None, 'an empty database offers "Load Sample Customers"',
                  'window title: %r' % app.title()):
            return
        action = button.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        ok('click' in names, 'the button has a click action', 'actions: %r' % names)
        action.doAction(names.index('click') if 'click' in names else 0)

        rows = wait_for('waiting for rows', lambda: filled_rows(app), ROW_WAIT_S + 60)
        ok(rows, 'the sample customers appear in the table',
           'title %r, rows %r' % (app.title(), app.rows()))
        m = wait_title(app, COUNT_RE, lambda m: parse_count(m.group(1)) > 0)
        ok(m, 'the title counts the sample customers',
           'title: %r' % app.title())
        if rows:
            ok(all(len(r) == DEFAULT_COLUMNS for r in rows),
               'every row has the %d columns shown by default' % DEFAULT_COLUMNS,
               'cells per row: %r' % sorted({len(r) for r in rows}))
            emails = [c for r in rows for c in r if '@' in c]
            ok(len(emails) >= len(rows), 'every row shows an email address',
               'rows: %r' % rows[:3])

        # SIGTERM quits as Ctrl+Q does: the database is closed, its WAL
        # folded into the file.
        status = app.stop()
        ok(status == 0, 'SIGTERM quits the app', 'exit status: %r' % status)
        left = [database + s for s in ('-wal', '-shm') if os.path.exists(database + s)]
        ok(not left, 'the database is closed on quit', 'left next to it: %r' % left)
    finally:
        app.stop()


def pick_surname(rows):
    """A last name from the drawn rows that ASCII keys can type."""
    # Column order per the UI contract: Customer No., Email, Last Name,
    # First Name, … (Registered is hidden by default).
    for r in reversed(rows):
        if len(r) < 3:
            continue
        folded = fold(r[2]).strip()
        if len(folded) >= 3 and re.fullmatch(r'[a-z]+', folded):
            return folded
    return None


def type_text(app, entry, text):
    """Types into the entry, through the keyboard if the app takes it."""
    reg = app.pyatspi.Registry
    try:
        entry.queryComponent().grabFocus()
    except Exception as e:
        diag('could not focus the entry (%s): typing into the window' % e)
    time.sleep(0.3)
    reg.generateKeyboardEvent(0, text, app.pyatspi.KEY_STRING)
    if wait_for('the typed text', lambda: fold(text_of(entry)) == text, 5):
        return 'keyboard'
    # No keyboard delivery (no XTest, or focus elsewhere): set the text the
    # way an on-screen keyboard or a screen reader does.
    diag('keyboard events did not reach the entry (it reads %r); using EditableText'
         % text_of(entry))
    editable = entry.queryEditableText()
    editable.setTextContents(text)
    if wait_for('the typed text', lambda: fold(text_of(entry)) == text, 5):
        return 'editable-text'
    return None


def test_search(args, workdir):
    database = os.path.join(workdir, 'customers.db')
    try:
        gen = subprocess.run([args.generator, 'generate', '--database', database,
                              '--count', str(args.count)],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=120)
        status, output = gen.returncode, gen.stdout
    except subprocess.TimeoutExpired as e:
        status, output = 'timeout', (e.output or b'') + b'\n(no result after 120 s)'
    if not ok(status == 0 and os.path.exists(database),
              'clt-bench generates %d customers' % args.count,
              'exit status %s\n%s' % (status, output.decode(errors='replace')[-2000:])):
        bail('no database to test on')

    app = start(args.clientele, database, workdir)
    try:
        rows = wait_for('waiting for rows', lambda: filled_rows(app), ROW_WAIT_S)
        if not ok(rows, 'the table shows rows with text',
                  'title %r, rows %r' % (app.title(), app.rows())):
            return
        m = wait_title(app, COUNT_RE, lambda m: parse_count(m.group(1)) == args.count)
        total = parse_count(m.group(1)) if m else None
        ok(total == args.count, 'the title reads "%d customers"' % args.count,
           'title: %r' % app.title())
        ok(all(len(r) == DEFAULT_COLUMNS for r in rows),
           'every row has the %d columns shown by default' % DEFAULT_COLUMNS,
           'cells per row: %r' % sorted({len(r) for r in rows}))

        surname = pick_surname(rows)
        if not ok(surname, 'a last name to search for is on screen', 'rows: %r' % rows[:5]):
            return
        diag('searching for %r' % surname)

        pred_entry = (lambda a: role(a) in (app.pyatspi.ROLE_ENTRY, app.pyatspi.ROLE_TEXT,
                                            app.pyatspi.ROLE_PASSWORD_TEXT)
                      and name(a) == 'Search customers')
        entry = app.find_in_window(pred_entry)
        if entry is None:
            # The search bar may be closed: Ctrl+F opens it.
            app.pyatspi.Registry.generateKeyboardEvent(0, '<Control>f', app.pyatspi.KEY_STRING)
            entry = wait_for('finding the search entry', lambda: app.find_in_window(pred_entry), 5)
        if not ok(entry is not None, 'the window has a "Search customers" entry'):
            return
        how = type_text(app, entry, surname)
        ok(how, 'the search entry takes the typed text', 'it reads %r' % text_of(entry))
        diag('text entered by %s' % how)

        fm = wait_title(app, FILTERED_RE,
                        lambda m: 0 < parse_count(m.group(1)) < parse_count(m.group(2)))
        shown = parse_count(fm.group(1)) if fm else None
        of = parse_count(fm.group(2)) if fm else None
        ok(fm and 0 < shown < of and of == args.count,
           'the title changes to "M of %d customers" with 0 < M < %d' % (args.count, args.count),
           'title: %r' % app.title())

        def matching_rows():
            r = filled_rows(app)
            if not r or r == rows:
                return None
            if shown and len(r) > shown:
                return None
            if not all(surname in fold(' '.join(cells)) for cells in r):
                return None
            return r

        new_rows = wait_for('waiting for filtered rows', matching_rows, STEP_WAIT_S)
        ok(new_rows, 'the rows change and every row shown matches %r' % surname,
           'rows now: %r' % (app.rows() or [])[:5])
        if new_rows and shown is not None:
            held = len(app.row_widgets() or [])
            ok(0 < held <= shown, 'the table holds no more rows than the title counts',
               '%d rows in the table, the title says %d' % (held, shown))

        # Escape clears the search: every customer is back.
        try:
            entry.queryComponent().grabFocus()
        except Exception:
            pass
        if how == 'keyboard':
            app.pyatspi.Registry.generateKeyboardEvent(0xff1b, None, app.pyatspi.KEY_SYM)
        else:
            entry.queryEditableText().setTextContents('')
        back = wait_title(app, COUNT_RE, lambda m: parse_count(m.group(1)) == args.count)
        ok(back and parse_count(back.group(1)) == args.count,
           'clearing the search lists all %d customers again' % args.count,
           'title: %r' % app.title())
    finally:
        app.stop()


# --- keyboard only ----------------------------------------------------------

CTRL = 1 << 2
ALT = 1 << 3
KEYSYMS = {'Tab': 0xff09, 'Return': 0xff0d, 'Escape': 0xff1b, 'Delete': 0xffff,
           'Down': 0xff54, 'Up': 0xff52, 'space': 0x20, 'BackSpace': 0xff08}


def press(app, key, modifiers=0):
    """One key, with Ctrl and/or Alt held down: key events through XTest
    (the modifiers by their keycodes: Control_L 37, Alt_L 64). The X
    server hands them to the app in order: callers wait for what a key
    does, never for a time."""
    from gi.repository import Atspi
    keysym = KEYSYMS.get(key, ord(key) if len(key) == 1 else None)
    held = [code for mask, code in ((CTRL, 37), (ALT, 64)) if modifiers & mask]
    for code in held:
        Atspi.generate_keyboard_event(code, None, Atspi.KeySynthType.PRESS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    for code in reversed(held):
        Atspi.generate_keyboard_event(code, None, Atspi.KeySynthType.RELEASE)


def type_keys(app, text):
    from gi.repository import Atspi
    Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING)


def focused(app):
    """The object with the keyboard focus: in the newest dialog if there is
    one (there is no window manager to say which window is active)."""
    from gi.repository import Atspi
    wins = app.windows()
    wins.sort(key=lambda w: role(w) != app.pyatspi.ROLE_DIALOG)
    for w in wins:
        has_focus = lambda a: a.get_state_set().contains(Atspi.StateType.FOCUSED)
        found = find_one(w, has_focus, prune=app.is_table)
        if found is not None:
            return found
        # The table keeps the focus in its rows.
        table = find_one(w, app.is_table)
        if table is not None:
            inner = find_one(table, has_focus, max_depth=4)
            if inner is not None:
                return inner
        if role(w) == app.pyatspi.ROLE_DIALOG:
            return None
    return None


def active_window(app):
    """The newest dialog, else the main window."""
    wins = app.windows()
    dialogs = [w for w in wins if role(w) == app.pyatspi.ROLE_DIALOG]
    return dialogs[-1] if dialogs else app.main_window()


def dialog_named(app, title):
    return next((w for w in app.windows()
                 if role(w) == app.pyatspi.ROLE_DIALOG and name(w) == title), None)


def text_only(acc):
    """An entry's text, empty when it has none (text_of falls back to the
    name)."""
    try:
        t = acc.queryText()
        return t.getText(0, t.characterCount)
    except Exception:
        return ''


def text_field(app, field):
    w = active_window(app)
    return find_one(w, lambda a: role(a) in (app.pyatspi.ROLE_TEXT, app.pyatspi.ROLE_ENTRY)
                    and name(a) == field) if w is not None else None


def has_focus(acc):
    from gi.repository import Atspi
    try:
        return acc.get_state_set().contains(Atspi.StateType.FOCUSED)
    except Exception:
        return False


def text_fields(app):
    """The text fields of the newest dialog (else the window) and their
    texts."""
    w = active_window(app)
    if w is None:
        return []
    fields = find_all(w, lambda a: role(a) in (app.pyatspi.ROLE_TEXT, app.pyatspi.ROLE_ENTRY),
                      prune=app.is_table)
    return [(f, text_only(f)) for f in fields]


def fill(app, field, text, limit=30):
    """Tabs forward to the entry named @field and types @text into it.
    libadwaita 1.2's entry rows do not expose the focus of the text inside
    them (no "focused" state reaches AT-SPI), so where no control reports
    the focus, the first character of @text is typed, looked for in the
    dialog's fields, and taken back when it went to another one; only
    then does the rest follow (a space typed on a button would press it).
    Returns the (role, name) of every control that reported the focus on
    the way, or None."""
    passed = []
    target = wait_for('the field %s' % field, lambda: text_field(app, field), 5)
    if target is None:
        diag('no entry named %r' % field)
        return None
    for _ in range(limit):
        f = focused(app)
        if f is not None:
            passed.append((role(f).value_nick if role(f) else None, name(f)))
            press(app, 'Tab')
            wait_for('the focus to leave %s' % name(f), lambda: not has_focus(f), STEP_WAIT_S)
            continue
        before = text_fields(app)
        type_keys(app, text[0])
        polls = [0]

        def landed():
            for acc, old in before:
                if text_only(acc) == old + text[0]:
                    return acc, old
            # A control reports the focus now: the earlier Tab had not
            # arrived yet, and the character went to that control. (Now
            # and then: finding the focus reads the whole window.)
            polls[0] += 1
            if polls[0] % 10 == 0 and focused(app) is not None:
                return 'control', None
            return None

        found = wait_for('the typed character', landed, STEP_WAIT_S)
        if found is None:
            diag('the character %r went nowhere on the way to %r: the fields read %r, '
                 'they read %r before; focus %r' % (text[0], field,
                                                   [(name(a), text_only(a)) for a, _ in before],
                                                   [(name(a), t) for a, t in before],
                                                   focus_names(app)))
            return None
        where, old = found
        if where == 'control':
            continue
        if name(where) == field:
            type_keys(app, text[1:])
            if wait_for('the typed text', lambda: text_only(where) == old + text, STEP_WAIT_S):
                return passed
            diag('%r reads %r after typing %r' % (field, text_only(where), text))
            return None
        press(app, 'BackSpace')
        wait_for('the character taken back', lambda: text_only(where) == old, STEP_WAIT_S)
        press(app, 'Tab')
    diag('the text never reached %r; the focus passed %r' % (field, passed))
    return None


def badly_named(n):
    """What is wrong with an accessible name: none, a widget type's, a
    mnemonic's underscore ("_Cancel Cancel", as GTK 4.8 names a button
    with a mnemonic unless the app names it), or said twice."""
    if not n or n.startswith(('Gtk', 'Adw')):
        return 'unnamed'
    if '_' in n:
        return 'underscore'
    words = n.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half > 0 and words[:half] == words[half:]:
        return 'doubled'
    return None


def fill_and_check(app, field, text):
    passed = fill(app, field, text)
    if not ok(passed is not None, 'Tab reaches %s, and typing fills it' % field):
        return False
    wrong = [(p, badly_named(p[1])) for p in passed if badly_named(p[1])]
    ok(not wrong, 'every control Tab passes on the way to %s has a clean name' % field,
       'named badly: %r' % wrong)
    return True


def test_keyboard(args, workdir):
    from gi.repository import Atspi
    database = os.path.join(workdir, 'keyboard.db')
    app = start(args.clientele, database, workdir)
    try:
        wait_for('the empty window', lambda: app.find_in_window(
            lambda a: name(a) == 'Load Sample Customers'), STEP_WAIT_S)

        # Add a customer.
        press(app, 'n', CTRL)
        dialog = wait_for('the editor', lambda: dialog_named(app, 'Add Customer'), STEP_WAIT_S)
        if not ok(dialog is not None, 'Ctrl+N opens a dialog (AT-SPI role dialog) named '
                  '"Add Customer"', 'windows: %r' % [(role(w).value_nick, name(w))
                                                      for w in app.windows()]):
            return
        # The editor puts the focus in Email: typing goes there.
        email = text_field(app, 'Email')
        type_keys(app, 'not-an-email')
        ok(email is not None and wait_for('the typed email', lambda: text_only(email) == 'not-an-email',
                                          STEP_WAIT_S),
           'the focus starts in the Email field', 'Email reads %r' % text_only(email))

        def described():
            for rel in email.get_relation_set():
                if rel.get_relation_type() == Atspi.RelationType.DESCRIBED_BY:
                    return text_of(rel.get_target(0)) or None
            return None
        message = wait_for('the error', described, 5) if email is not None else None
        ok(message and 'email' in message.lower(),
           'a wrong email is reported under the field, described-by the field',
           'described by %r' % message)
        for _ in range(len('not-an-email')):
            press(app, 'BackSpace')
        wait_for('the email taken back', lambda: text_only(email) == '', STEP_WAIT_S)
        type_keys(app, 'ada.keys@example.org')
        wait_for('the email', lambda: text_only(email) == 'ada.keys@example.org', STEP_WAIT_S)

        for field, text in (('First Name', 'Ada'), ('Last Name', 'Keys')):
            if not fill_and_check(app, field, text):
                return

        press(app, 's', CTRL)
        gone = wait_for('the editor to close',
                        lambda: closed(dialog), STEP_WAIT_S)
        ok(gone, 'Ctrl+S saves and closes the dialog')
        m = wait_title(app, COUNT_RE, lambda m: parse_count(m.group(1)) == 1)
        ok(m, 'the title counts 1 customer', 'title: %r' % app.title())
        keyboard_customer_flow(app, database)

    finally:
        app.stop()


def inside(acc, pred):
    """Whether @acc or one of its ancestors matches @pred."""
    for _ in range(40):
        if acc is None:
            return False
        if pred(acc):
            return True
        try:
            acc = acc.parent
        except Exception:
            return False
    return False


def stored_customer(database, email):
    """What the database holds for @email: (first name, anonymized, number
    of addresses, of notes, of pending deletions), or None. Read-only, next
    to the running app (WAL)."""
    import sqlite3
    conn = sqlite3.connect('file:%s?mode=ro' % database, uri=True, timeout=5)
    try:
        return conn.execute(
            'SELECT c.first_name, c.anonymized_at IS NOT NULL,'
            ' (SELECT count(*) FROM addresses a WHERE a.customer_pk = c.pk),'
            ' (SELECT count(*) FROM notes n WHERE n.customer_pk = c.pk),'
            ' (SELECT count(*) FROM pending_deletions p WHERE p.customer_pk = c.pk)'
            ' FROM customers c WHERE c.email = ?', (email,)).fetchone()
    finally:
        conn.close()


def combo_text(app, acc):
    """What a combo box shows: the text of its labels but its name's."""
    labels = find_all(acc, lambda a: role(a) == app.pyatspi.ROLE_LABEL, max_depth=6)
    return [text_of(a) for a in labels if text_of(a) != name(acc)]


def closed(window):
    """Whether @window is gone. Asked of the window itself: listing the
    application's windows while one is being destroyed can make GTK 4.8
    answer with a reference without a path (a critical, fatal here)."""
    from gi.repository import Atspi
    try:
        states = window.get_state_set()
    except Exception:
        return True
    return (states.contains(Atspi.StateType.DEFUNCT) or
            not states.contains(Atspi.StateType.VISIBLE))


def add_address_by_keyboard(app, database, email, dialog):
    """In the Add Address dialog: type the street, zip code, city and
    region, Tab to Country, choose Germany from its list by typing, and
    save with Enter in the Phone field; the page lists the address, the
    focus is on its Edit button, the store holds it."""
    # The focus starts in Address Line 1: the first key lands there.
    if not fill_and_check(app, 'Address Line 1', 'Main Street 1'):
        return False
    for field, text in (('Zip Code', '10115'), ('City', 'Berlin'), ('Region', 'Berlin')):
        if not fill_and_check(app, field, text):
            return False

    # Country follows Region.
    press(app, 'Tab')
    is_country = (lambda f: f if f is not None and role(f) == app.pyatspi.ROLE_COMBO_BOX
                  and name(f) == 'Country' else None)
    country = wait_for('Country focused', lambda: is_country(focused(app)), STEP_WAIT_S)
    if not ok(country is not None, 'Tab reaches Country, a combo box named "Country"',
              'focus: %r' % (focus_names(app),)):
        return False
    press(app, 'space')
    search = wait_for('the country search', lambda: (lambda f: f if f is not None and
                      name(f) == 'Search countries' else None)(focused(app)), STEP_WAIT_S)
    if not ok(search is not None, 'Space opens the list of countries with the focus in its search',
              'focus: %r' % (focus_names(app),)):
        return False
    ok(country.get_state_set().contains(app.pyatspi.STATE_EXPANDED),
       'the Country combo box reports itself expanded')
    type_keys(app, 'germ')
    wait_for('the search text', lambda: text_only(search) == 'germ', STEP_WAIT_S)
    press(app, 'Return')
    chosen = wait_for('Germany chosen', lambda: 'Germany' in combo_text(app, country) and
                      is_country(focused(app)), STEP_WAIT_S)
    if not ok(chosen, 'typing "germ" and Enter choose Germany; the focus is back on Country',
              'Country shows %r, focus %r' % (combo_text(app, country), focus_names(app))):
        return False

    # Enter in a text field saves (Add is the default button).
    if not fill_and_check(app, 'Phone', '030123456'):
        return False
    press(app, 'Return')
    gone = wait_for('the address dialog to close',
                    lambda: closed(dialog), STEP_WAIT_S)
    if not ok(gone, 'Enter in Phone adds the address and closes the dialog',
              'windows: %r' % [(role(w).value_nick, name(w)) for w in app.windows()]):
        return False
    shown = wait_for('the address on the page', lambda: app.find_in_window(
        lambda a: role(a) == app.pyatspi.ROLE_LABEL and 'Main Street 1' in text_of(a)), STEP_WAIT_S)
    ok(shown is not None and ', Germany' in text_of(shown),
       'the customer page lists the address, in Germany',
       'label: %r' % (text_of(shown) if shown is not None else None))
    f = wait_for('the Edit button focused', lambda: (lambda f: f if f is not None and
                 name(f) == 'Edit Address' else None)(focused(app)), STEP_WAIT_S)
    ok(f is not None, 'the focus is on the new address\'s Edit button',
       'focus: %r' % (focus_names(app),))
    row = wait_for('the stored address', lambda: (lambda r: r if r and r[2] == 1 else None)(
        stored_customer(database, email)), STEP_WAIT_S)
    ok(row is not None, 'the store holds the address',
       'stored: %r' % (stored_customer(database, email),))
    return True


def focus_names(app):
    f = focused(app)
    return (role(f).value_nick if f is not None and role(f) else None,
            name(f) if f is not None else None)


def keyboard_customer_flow(app, database):
    """After the customer was added with the keyboard: open it, open the
    address dialog, add a note, delete the customer and take that back,
    with key events only; after each dialog the focus is where the user
    expects it."""
    email = 'ada.keys@example.org'

    # The focus is back in the table, on the new customer's row.
    in_table = wait_for('the focus in the table', lambda: (lambda f: f is not None and
                        inside(f, app.is_table))(focused(app)), STEP_WAIT_S)
    if not ok(in_table, 'after the dialog the focus is on the table\'s row', 'focus: %r' % (focus_names(app),)):
        return
    press(app, 'Return')
    heading = wait_for('the customer page', lambda: app.find_in_window(
        lambda a: role(a) == app.pyatspi.ROLE_LABEL and name(a) == 'Ada Keys'), STEP_WAIT_S)
    if not ok(heading is not None, 'Return on the row opens the customer\'s page'):
        return

    # Alt+2: the Addresses tab, the focus on its Add Address button.
    press(app, '2', ALT)
    f = wait_for('Add Address focused', lambda: (lambda f: f if f is not None and
                 name(f) == 'Add Address' else None)(focused(app)), STEP_WAIT_S)
    if not ok(f is not None, 'Alt+2 shows the Addresses tab with the focus on Add Address',
              'focus: %r' % (focus_names(app),)):
        return
    press(app, 'space')
    dialog = wait_for('the address dialog', lambda: dialog_named(app, 'Add Address'), STEP_WAIT_S)
    if not ok(dialog is not None, 'Space opens the Add Address dialog (role dialog)'):
        return
    if not add_address_by_keyboard(app, database, email, dialog):
        return

    # Alt+3: the Notes tab, the focus in the note box; Ctrl+Enter adds it.
    press(app, '3', ALT)
    box = wait_for('the note box focused', lambda: (lambda f: f if f is not None and
                   name(f) == 'Message' else None)(focused(app)), STEP_WAIT_S)
    if not ok(box is not None, 'Alt+3 shows the Notes tab with the focus in the note box',
              'focus: %r' % (focus_names(app),)):
        return
    type_keys(app, 'Called about the invoice')
    wait_for('the typed note', lambda: text_only(box) == 'Called about the invoice', STEP_WAIT_S)
    press(app, 'Return', CTRL)
    note = wait_for('the note', lambda: app.find_in_window(
        lambda a: role(a) == app.pyatspi.ROLE_LABEL and name(a) == 'Called about the invoice'),
        STEP_WAIT_S)
    ok(note is not None, 'Ctrl+Enter adds the note; the page lists it')
    row = wait_for('the stored note', lambda: (lambda r: r if r and r[3] == 1 else None)(
        stored_customer(database, email)), STEP_WAIT_S)
    ok(row is not None and row[2] == 1, 'the store holds the note, next to the address',
       'stored: %r' % (stored_customer(database, email),))

    # Escape: back to the table, on the customer's row; Delete asks first.
    press(app, 'Escape')
    back = wait_for('the table', lambda: (lambda f: f is not None and
                    inside(f, app.is_table))(focused(app)), STEP_WAIT_S)
    if not ok(back, 'Escape goes back to the table, the focus on the row',
              'focus: %r' % (focus_names(app),)):
        return
    press(app, 'Delete')
    confirm = wait_for('the confirmation', lambda: dialog_named(app, 'Delete Account?'), STEP_WAIT_S)
    if not ok(confirm is not None, 'Delete asks in a dialog named "Delete Account?"'):
        return
    press(app, 'd', ALT)
    m = wait_title(app, COUNT_RE, lambda m: parse_count(m.group(1)) == 0)
    ok(m, 'Alt+D deletes: the title counts 0 customers', 'title: %r' % app.title())
    row = wait_for('the pending deletion', lambda: (lambda r: r if r and r[4] == 1 else None)(
        stored_customer(database, email)), STEP_WAIT_S)
    ok(row is not None, 'the store holds the deletion pending, for Undo',
       'stored: %r' % (stored_customer(database, email),))

    # Ctrl+Z takes it back: the customer, the address and the note.
    press(app, 'z', CTRL)
    m = wait_title(app, COUNT_RE, lambda m: parse_count(m.group(1)) == 1)
    ok(m, 'Ctrl+Z brings the customer back: the title counts 1 customer', 'title: %r' % app.title())
    row = wait_for('the deletion undone', lambda: (lambda r: r if r and r[4] == 0 else None)(
        stored_customer(database, email)), STEP_WAIT_S)
    ok(row is not None and row[0] == 'Ada' and not row[1] and row[2] == 1 and row[3] == 1,
       'the store has the customer again, not anonymized, with its address and note',
       'stored: %r' % (stored_customer(database, email),))


def test_installed(args, workdir):
    database = os.path.join(workdir, 'installed.db')
    app = start(args.clientele, database, workdir)
    try:
        button = wait_for('finding the button', lambda: app.find_in_window(
            lambda a: role(a) == app.pyatspi.ROLE_PUSH_BUTTON
            and name(a) == 'Beispielkunden laden'), STEP_WAIT_S)
        ok(button is not None, 'the installed app shows its window, in German',
           'window title: %r' % app.title())
        ok(re.match(r'^0 Kunden', app.title() or ''), 'the title reads "0 Kunden"',
           'window title: %r' % app.title())
    finally:
        app.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('test', choices=['sample', 'search', 'keyboard', 'installed'])
    parser.add_argument('--clientele', required=True)
    parser.add_argument('--generator')
    parser.add_argument('--count', type=int, default=3000)
    args = parser.parse_args()
    if args.test == 'search' and not args.generator:
        parser.error('search needs --generator')

    check_a11y_bus()
    workdir = tempfile.mkdtemp(prefix='clt-e2e-')
    try:
        {'sample': test_sample, 'search': test_search, 'keyboard': test_keyboard,
         'installed': test_installed}[args.test](args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print('1..%d' % len(results), flush=True)
    sys.exit(0 if results and all(results) else 1)


if __name__ == '__main__':
    main()
