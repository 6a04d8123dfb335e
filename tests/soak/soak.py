#!/usr/bin/env python3
# tests/soak/soak.py — crash and concurrency soaks of clientele-server (run
# through tests/soak/run). Prints one JSON line per soak:
#   {"soak": NAME, "rounds": N, "lost": N, "ok": true|false}
# and exits non-zero when any soak lost a write or found the database
# unsound.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import http.client
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid


def log(*args):
    print('soak:', *args, file=sys.stderr, flush=True)


class Server:
    """clientele-server serving DATABASE on 127.0.0.1 (a free port first,
    the same one after a restart)."""

    def __init__(self, binary, database, file_size_limit=None):
        self.binary = binary
        self.database = database
        self.port = 0
        self.proc = None
        self.file_size_limit = file_size_limit

    def add_user(self, name, role='admin'):
        out = subprocess.run([self.binary, 'user', 'add', name, '--role', role,
                              '--database', self.database],
                             check=True, capture_output=True, text=True)
        return out.stdout.strip().splitlines()[-1]

    def _limit(self):
        # A full disk, for this process only: writes past the limit fail
        # with EFBIG (SIGXFSZ ignored) as they would with ENOSPC.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if self.file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE,
                               (self.file_size_limit, self.file_size_limit))

    def start(self, limited=False):
        for attempt in range(50):
            self.proc = subprocess.Popen(
                [self.binary, 'serve', '--database', self.database,
                 '--listen', '127.0.0.1:%d' % self.port, '--rate-limit', '1000000'],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                preexec_fn=self._limit if limited else None)
            line = self.proc.stdout.readline()
            if line.startswith('Listening on '):
                self.port = int(line.strip().rstrip('/').rsplit(':', 1)[1])
                return
            self.proc.wait()
            time.sleep(0.1)  # the port of the killed server may linger
        raise RuntimeError('clientele-server does not start: %r' % line)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.proc.stdout.close()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)
        self.proc.stdout.close()


class Client:
    def __init__(self, port, token):
        self.conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
        self.token = token

    def call(self, method, path, body=None, etag=None):
        headers = {'Authorization': 'Bearer ' + self.token}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers['Content-Type'] = 'application/json'
        if etag is not None:
            headers['If-Match'] = '"%d"' % etag
        self.conn.request(method, '/api/v1' + path, body=data, headers=headers)
        response = self.conn.getresponse()
        raw = response.read()
        value = json.loads(raw) if raw else None
        return response.status, value

    def close(self):
        self.conn.close()


def integrity(database):
    db = sqlite3.connect(database)
    try:
        return db.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'
    finally:
        db.close()


def is_gone(status, value):
    return status == 404 or (status == 200 and value.get('anonymizedAt'))


# kill -9 {{{

class Writer(threading.Thread):
    """Writes to customers of its own only, one request at a time, and
    records what the server acknowledged and what was under way when the
    server died."""

    def __init__(self, port, token, name, state):
        super().__init__(daemon=True)
        self.client = Client(port, token)
        self.name = name
        self.state = state  # id -> {'first', 'version', 'notes', 'deleted', 'pending'}
        self.n = 0
        self.error = None
        self.acked = 0

    def run(self):
        try:
            while True:
                self.step()
        except (OSError, http.client.HTTPException, ValueError):
            pass  # the server is gone (ValueError: half an answer)
        except RuntimeError as e:
            self.error = e
        finally:
            self.client.close()

    def step(self):
        live = [i for i, s in self.state.items() if not s['deleted']]
        roll = random.random()
        self.n += 1
        if not live or roll < 0.3:
            first = '%s-c%d' % (self.name, self.n)
            body = {'email': '%s-%d-%s@example.org' % (self.name, self.n, uuid.uuid4().hex[:6]),
                    'firstName': first, 'lastName': 'Soak', 'preferredCurrency': 'EUR'}
            status, value = self.client.call('POST', '/customers', body)
            if status != 201:
                raise RuntimeError('create: %d %r' % (status, value))
            self.state[value['id']] = {'first': first, 'version': value['version'],
                                       'notes': set(), 'deleted': False, 'pending': None,
                                       'email': body['email']}
            self.acked += 1
            return
        cid = random.choice(live)
        s = self.state[cid]
        if roll < 0.7:
            first = '%s-u%d' % (self.name, self.n)
            s['pending'] = ('first', first)
            status, value = self.client.call('PATCH', '/customers/' + cid, {'firstName': first},
                                             s['version'])
            if status != 200:
                raise RuntimeError('update: %d %r' % (status, value))
            s['first'], s['version'] = first, value['version']
        elif roll < 0.93:
            message = '%s-n%d' % (self.name, self.n)
            s['pending'] = ('note', message)
            status, value = self.client.call('POST', '/customers/%s/notes' % cid,
                                             {'message': message})
            if status != 201:
                raise RuntimeError('note: %d %r' % (status, value))
            s['notes'].add(message)
        else:
            s['pending'] = ('delete', None)
            status, value = self.client.call('DELETE', '/customers/' + cid, None, s['version'])
            if status != 204:
                raise RuntimeError('delete: %d %r' % (status, value))
            s['deleted'] = True
        s['pending'] = None
        self.acked += 1


def check_customer(client, cid, s):
    """How many acknowledged writes of customer @cid are missing."""
    status, value = client.call('GET', '/customers/' + cid)
    pending = s['pending']
    if s['deleted']:
        return 0 if is_gone(status, value) else 1
    if is_gone(status, value):
        if pending is not None and pending[0] == 'delete':
            s['deleted'] = True   # under way when killed, and it landed
            return 0
        return 1
    lost = 0
    if value['firstName'] != s['first']:
        if pending is not None and pending == ('first', value['firstName']):
            s['first'], s['version'] = value['firstName'], value['version']
        else:
            log('lost update of', cid, value['firstName'], '!=', s['first'])
            lost += 1
    elif value['version'] < s['version']:
        lost += 1
    s['version'] = value['version']
    if value['email'] != s['email'] or value['lastName'] != 'Soak':
        log('half-written customer', cid, value)
        lost += 1
    if s['notes']:
        status, notes = client.call('GET', '/customers/%s/notes' % cid)
        have = {n['message'] for n in notes}
        missing = s['notes'] - have
        if missing:
            log('lost notes of', cid, missing)
            lost += len(missing)
        if pending is not None and pending[0] == 'note' and pending[1] in have:
            s['notes'].add(pending[1])
    s['pending'] = None
    return lost


def soak_kill9(binary, dir, rounds):
    database = os.path.join(dir, 'kill9.db')
    server = Server(binary, database)
    token = server.add_user('writer')
    states = [{} for _ in range(4)]
    lost = 0
    sound = True
    acked = 0
    for round_ in range(rounds):
        server.start()
        writers = [Writer(server.port, token, 'w%d' % i, states[i]) for i in range(4)]
        for w in writers:
            w.start()
        time.sleep(random.uniform(0.05, 0.6))
        server.kill()
        for w in writers:
            w.join(30)
            acked += w.acked
            if w.error is not None:
                log('round', round_, 'writer failed:', w.error)
                sound = False
        if not integrity(database):
            log('round', round_, 'integrity_check failed')
            sound = False
        server.start()
        client = Client(server.port, token)
        # Every customer touched: what was acknowledged is there.
        for state in states:
            for cid, s in state.items():
                if s['pending'] is not None or round_ == rounds - 1 or random.random() < 0.05:
                    lost += check_customer(client, cid, s)
        # Nothing half-written: every customer is one a writer made whole.
        status, page = client.call('GET', '/customers?pageSize=500&q=Soak')
        for c in page if isinstance(page, list) else page.get('items', []):
            if c.get('anonymizedAt') is None and c['lastName'] != 'Soak':
                sound = False
        client.close()
        server.stop()
    log('kill-9: %d acknowledged writes on %d customers' %
        (acked, sum(len(state) for state in states)))
    return {'soak': 'kill-9', 'rounds': rounds, 'lost': lost, 'ok': lost == 0 and sound}

# }}}

# Many editors {{{

def soak_editors(binary, dir, clients, writes):
    database = os.path.join(dir, 'editors.db')
    server = Server(binary, database)
    token = server.add_user('editor')
    server.start()
    setup = Client(server.port, token)
    customers = []
    for i in range(100):
        status, value = setup.call('POST', '/customers',
                                   {'email': 'shared%d@example.org' % i,
                                    'firstName': 'v0', 'lastName': 'Shared',
                                    'preferredCurrency': 'EUR'})
        assert status == 201, (status, value)
        customers.append((value['id'], value['version']))
    setup.close()

    lock = threading.Lock()
    oks = {cid: [] for cid, _ in customers}  # versions the 200s returned, with their value
    errors = []

    def editor(n):
        client = Client(server.port, token)
        try:
            for k in range(writes):
                cid = random.choice(customers)[0]
                status, value = client.call('GET', '/customers/' + cid)
                if status != 200:
                    errors.append(('get', status, value))
                    continue
                mark = 'e%d-%d' % (n, k)
                status, value = client.call('PATCH', '/customers/' + cid,
                                            {'middleName': mark}, value['version'])
                if status == 200:
                    with lock:
                        oks[cid].append((value['version'], mark))
                elif status != 412:
                    errors.append(('patch', status, value))
        except Exception as e:  # noqa: BLE001 — a dead client is a failure
            errors.append(('client', repr(e)))
        finally:
            client.close()

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    lost = 0
    check = Client(server.port, token)
    for cid, created_version in customers:
        status, value = check.call('GET', '/customers/' + cid)
        got = sorted(oks[cid])
        # Each 200 made exactly one new version, and the newest is what is stored.
        if value['version'] != created_version + len(got):
            log('customer', cid, 'version', value['version'], 'after', len(got), '200s')
            lost += abs(value['version'] - created_version - len(got))
        elif got and value['middleName'] != got[-1][1]:
            lost += 1
        if len({v for v, _ in got}) != len(got):
            log('two 200s for one version of', cid)
            lost += len(got) - len({v for v, _ in got})
    check.close()
    server.stop()
    if errors:
        log('editors: unexpected answers', errors[:5])
    sound = integrity(database)
    return {'soak': 'editors', 'rounds': clients * writes, 'lost': lost,
            'ok': lost == 0 and not errors and sound}

# }}}

# Disk full {{{

def soak_disk_full(binary, dir, rounds):
    """The server's files may not grow past a limit (RLIMIT_FSIZE, as a full
    disk): bulk imports and saves go on until the disk is full; each refusal
    must be a clear problem, and after a restart without the limit every
    acknowledged write is there and the database is sound."""
    lost = 0
    sound = True
    unclear = []
    for round_ in range(rounds):
        database = os.path.join(dir, 'full%d.db' % round_)
        server = Server(binary, database, file_size_limit=random.randint(600, 1500) * 1024)
        token = server.add_user('importer')
        server.start(limited=True)
        client = Client(server.port, token)
        imported = []
        saved = {}
        refused = 0
        n = 0
        while refused < 3 and n < 400:
            n += 1
            if n % 3 == 0 and imported:
                cid, version = random.choice(list(saved.items())) if saved else (None, None)
                if cid is not None:
                    status, value = client.call('PATCH', '/customers/' + cid,
                                                {'middleName': 'm%d' % n}, version)
                    if status == 200:
                        saved[cid] = value['version']
                        continue
                    if status == 412:
                        continue
                    refused += 1
                    if status != 507 and (status < 500 or not isinstance(value, dict) or
                                          'detail' not in value):
                        unclear.append((status, value))
                    continue
            batch = [{'email': 'full%d-%d-%d@example.org' % (round_, n, k),
                      'firstName': 'F%d' % k, 'lastName': 'Full' + 'x' * 40,
                      'preferredCurrency': 'EUR',
                      'customerNumber': 'FULL-%d-%d' % (n, k)} for k in range(50)]
            status, value = client.call('POST', '/customers/import', batch)
            if status == 200 and value.get('imported') == len(batch):
                imported.extend(b['email'] for b in batch)
                if len(saved) < 20:
                    status, page = client.call(
                        'GET', '/customers?pageSize=5&q=' + batch[0]['email'].split('@')[0])
                    for c in page if isinstance(page, list) else []:
                        saved[c['id']] = c['version']
            else:
                refused += 1
                if not isinstance(value, dict) or 'detail' not in value or status < 400:
                    unclear.append((status, value))
        client.close()
        server.kill()
        if not integrity(database):
            sound = False
        server.file_size_limit = None
        server.start()
        client = Client(server.port, token)
        for email in imported[::7] + imported[-50:]:
            status, page = client.call('GET', '/customers?pageSize=5&q=' + email.split('@')[0])
            if not any(c['email'] == email for c in (page if isinstance(page, list) else [])):
                log('disk full: lost import', email)
                lost += 1
        for cid, version in saved.items():
            status, value = client.call('GET', '/customers/' + cid)
            if status != 200 or value['version'] < version:
                lost += 1
        client.close()
        server.stop()
        if refused == 0:
            log('disk full: the limit was never reached in round', round_)
            sound = False
    if unclear:
        log('disk full: unclear refusals', unclear[:3])
    return {'soak': 'disk-full', 'rounds': rounds, 'lost': lost,
            'ok': lost == 0 and sound and not unclear}

# }}}

# The desktop app {{{

def soak_app(helper, dir, rounds):
    """The app's saves and its delete-with-Undo in a process (soak-app)
    killed with SIGKILL at a random moment: after a restart, the last save
    the store acknowledged (or the one under way) is there, and a deletion
    the store acknowledged is carried out once its Undo time is over."""
    database = os.path.join(dir, 'app.db')
    out = subprocess.run([helper, 'create', database, str(rounds)], check=True,
                         capture_output=True, text=True).stdout
    ids = [line.split(' ', 1)[1] for line in out.splitlines() if line.startswith('ID ')]
    assert len(ids) == rounds
    lost = 0
    sound = True
    undo = 1
    for round_, cid in enumerate(ids):
        # A save, killed at a random moment.
        proc = subprocess.Popen([helper, 'save', database, cid], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        time.sleep(random.uniform(0.05, 0.5))
        proc.send_signal(signal.SIGKILL)
        acked = [int(l.split()[1]) for l in proc.communicate()[0].splitlines()
                 if l.startswith('SAVED ')]
        proc.wait()
        last = acked[-1] if acked else 0
        db = sqlite3.connect(database)
        first, number = db.execute('SELECT first_name, number FROM customers WHERE id = ?',
                                   (cid,)).fetchone()
        db.close()
        ok = first in ('save-%d' % last, 'save-%d' % (last + 1)) or (last == 0 and first == 'App')
        if not ok:
            log('app: saved save-%d, the database has %s' % (last, first))
            lost += 1
        # A deletion, killed during its Undo time (or before the store said so).
        proc = subprocess.Popen([helper, 'delete', database, cid, str(undo)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        time.sleep(random.uniform(0.0, 0.8))
        proc.send_signal(signal.SIGKILL)
        deleted = 'DELETED' in proc.communicate()[0]
        proc.wait()
        # The app starts again after the Undo time is over, and runs (its
        # upkeep finishes due deletions every second).
        time.sleep(undo + 0.1)
        subprocess.run([helper, 'open', database, '3'], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        db = sqlite3.connect(database)
        email = db.execute('SELECT email FROM customers WHERE number = ?',
                           (number,)).fetchone()[0]
        db.close()
        if deleted and not email.startswith('deleted-'):
            log('app: a confirmed deletion is not there:', cid, email)
            lost += 1
        if not integrity(database):
            sound = False
    return {'soak': 'app-kill', 'rounds': rounds, 'lost': lost, 'ok': lost == 0 and sound}

# }}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--short', action='store_true')
    parser.add_argument('--server', required=True)
    parser.add_argument('--app-helper', required=True)
    parser.add_argument('--only', action='append')
    parser.add_argument('--rounds', type=int, help='rounds of kill-9, disk-full and app-kill')
    args = parser.parse_args()

    dir = tempfile.mkdtemp(prefix='clientele-soak.')
    results = []
    try:
        soaks = {
            'kill-9': lambda: soak_kill9(args.server, dir,
                                         args.rounds or (20 if args.short else 1000)),
            'editors': lambda: soak_editors(args.server, dir, 50, 500 if args.short else 10000),
            'disk-full': lambda: soak_disk_full(args.server, dir,
                                                args.rounds or (3 if args.short else 30)),
            'app-kill': lambda: soak_app(args.app_helper, dir,
                                         args.rounds or (10 if args.short else 200)),
        }
        for name, run in soaks.items():
            if args.only and name not in args.only:
                continue
            started = time.monotonic()
            result = run()
            log('%s took %.0f s' % (name, time.monotonic() - started))
            print(json.dumps(result), flush=True)
            results.append(result)
    finally:
        shutil.rmtree(dir, ignore_errors=True)
    return 0 if all(r['ok'] for r in results) else 1


if __name__ == '__main__':
    sys.exit(main())
