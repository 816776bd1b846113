#!/usr/bin/env python3
# check-durability.py: kill the real Rectify at random moments, then check
# that nothing it said was saved is lost and no request reached the desk twice
#
# Copyright 2026 The Rectify developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Durability under SIGKILL.

Starts the local help desk (tests/desk), then, up to --iterations times or
until the time budget is spent, starts rectify-typist (the real application,
typed into by a fast owner: see rectify-typist.c) and kills it with SIGKILL
after a random delay, so that kills land during start-up, loading,
autosaves and sends. Every line the typist printed before it died is a claim
about the disk. After the loop:

- every case file parses, none was set aside as corrupt, every case the
  store said it saved is still there;
- every explanation claimed is still there (the text is only ever typed
  on), every ticked item is still ticked, every case claimed SENT still is,
  with its request number;
- the typist starts once more with --verify: the real loader reads every
  file, the outbox finishes what the kills interrupted, the app quits as
  the owner quits it;
- the desk, listed through its API, holds at most one request per case,
  each for a case that says it was sent (or, without a sign-in, that asks
  the owner whether it arrived), and every case that says SENT is there.

It starts an Xvfb of its own (else uses the display it is given), and runs
the typists on a D-Bus session of their own: the one keyring-session.sh
made, which has a keyring, so the app signs in and looks requests up after
a crash; else a private bus, and the app sends anonymously.

Environment: RECTIFY_DURABILITY_BUDGET (seconds, default 90),
RECTIFY_DURABILITY_ITERATIONS (default 200), RECTIFY_DURABILITY_SEED,
RECTIFY_DURABILITY_KEEP=1 to keep the folder of a run that passed.
Exit status: 0 passed, 1 failed, 77 skipped (no display could be had).
"""

import argparse
import base64
import collections
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

TOKEN = 'durability-oauth-token'
# The desk's signed-in user: anonymous requests from this address are listed
# as theirs, so the desk can be read back in both modes.
DESK_USER_EMAIL = 'owner@example.com'
# How long the desk holds the answer to a create it has already done: the
# moment a kill must not turn into a duplicate.
DESK_LATENCY_MS = 40
SCHEMA_GROUP = 'io/github/rectify/Rectify'
# The short reference (RCT-XXXX-XXXX) or, from before it, the full UUID.
REF_RE = re.compile(r'\[Ref (RCT-[0-9A-Z]{4}-[0-9A-Z]{4}|'
                    r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\]')
CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
SKIP = 77


class Failure(Exception):
    pass


def gf32_multiply(a, b):
    product = 0
    for _ in range(5):
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0x20:
            a ^= 0x25
    return product


def short_reference(uuid):
    """The reference the app puts in a subject for the case @uuid, as
    src/core/rectify-reference.c documents it: 35 bits of the UUID in
    Crockford base32, then a check character over GF(2^5)."""
    bits = int(uuid.replace('-', '')[:9], 16) >> 1
    digits = [(bits >> (5 * (6 - i))) & 0x1f for i in range(7)]
    check, weight = 0, 1
    for digit in digits:
        weight = gf32_multiply(weight, 2)
        check ^= gf32_multiply(weight, digit)
    text = ''.join(CROCKFORD[d] for d in digits) + CROCKFORD[check]
    return 'RCT-%s-%s' % (text[:4], text[4:])


def log(*args):
    print(*args, flush=True)


def env_number(name, default, kind=int):
    value = os.environ.get(name, '')
    return kind(value) if value.strip() else default


class Session:
    """The helpers the typists need: a display, a bus, the desk."""

    def __init__(self, tmp, desk_path):
        self.tmp = tmp
        self.desk_path = desk_path
        self.processes = []
        self.env = dict(os.environ)
        self.desk_url = None
        self.desk = None
        self.xvfb = None

    def start_display(self):
        """An X server of its own when it can: two hundred clients killed in
        a row are nothing a display shared with other tests should see, and
        a display that goes away in the middle is no durability bug. Else
        the display the tests run on."""
        xvfb = shutil.which('Xvfb')
        if xvfb is None:
            return bool(self.env.get('DISPLAY') or self.env.get('WAYLAND_DISPLAY'))
        read_fd, write_fd = os.pipe()
        proc = subprocess.Popen([xvfb, '-displayfd', str(write_fd), '-nolisten', 'tcp',
                                 '-screen', '0', '1280x1024x24'],
                                pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        os.close(write_fd)
        self.processes.append(proc)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            return False
        self.xvfb = proc
        self.env['DISPLAY'] = ':' + number
        self.env.pop('WAYLAND_DISPLAY', None)
        self.env.pop('XAUTHORITY', None)
        return True

    def check_display(self):
        if self.xvfb is not None and self.xvfb.poll() is not None:
            raise Failure('the X server of the test died (status %s): not a durability '
                          'problem, but the test cannot go on' % self.xvfb.returncode)

    def start_bus(self):
        """Returns whether the app can sign in (a private keyring is there)."""
        if os.environ.get('RECTIFY_TEST_KEYRING') == 'private':
            # keyring-session.sh: this bus and its keyring are ours alone.
            return True
        daemon = shutil.which('dbus-daemon')
        if daemon is None:
            raise Failure('dbus-daemon is needed for a private session bus')
        proc = subprocess.Popen([daemon, '--session', '--nofork', '--print-address=1'],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.processes.append(proc)
        address = proc.stdout.readline().strip()
        if not address:
            raise Failure('the private session bus did not start')
        self.env['DBUS_SESSION_BUS_ADDRESS'] = address
        return False

    def start_desk(self):
        self.desk = subprocess.Popen([self.desk_path, '--port', '0', '--token', TOKEN,
                                      '--email', DESK_USER_EMAIL,
                                      '--latency', str(DESK_LATENCY_MS)],
                                     stdout=subprocess.PIPE,
                                     stderr=open(os.path.join(self.tmp, 'desk.log'), 'w'),
                                     text=True)
        self.processes.append(self.desk)
        self.desk_url = self.desk.stdout.readline().strip()
        if not self.desk_url.startswith('http://127.0.0.1:'):
            raise Failure('the test desk did not start: %r' % self.desk_url)

    def check_desk(self):
        if self.desk.poll() is not None:
            raise Failure('the test desk died (status %s); see %s'
                          % (self.desk.returncode, os.path.join(self.tmp, 'desk.log')))

    def stop(self):
        for proc in reversed(self.processes):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


class Claims:
    """What the typists said was on disk, with the iteration that said it."""

    def __init__(self):
        self.saved = {}
        self.text = {}      # reference → (length, digest, iteration), the longest
        self.ticked = {}    # (reference, item) → iteration
        self.sent = {}      # reference → (request id, iteration)
        self.new = set()
        self.sends = 0
        self.refused = 0
        self.lines = 0

    def add(self, line, iteration):
        words = line.split()
        if not words:
            return
        self.lines += 1
        kind = words[0]
        if kind == 'SAVED':
            self.saved.setdefault(words[1], iteration)
        elif kind == 'TEXT':
            length = int(words[2])
            if words[1] not in self.text or self.text[words[1]][0] <= length:
                self.text[words[1]] = (length, words[3], iteration)
        elif kind == 'TICKED':
            self.ticked.setdefault((words[1], words[2]), iteration)
        elif kind == 'SENT':
            request_id = int(words[2])
            known = self.sent.get(words[1])
            if known is not None and known[0] != request_id:
                raise Failure('case %s was claimed SENT as request %d (iteration %d) and as '
                              'request %d (iteration %d)'
                              % (words[1], known[0], known[1], request_id, iteration))
            self.sent.setdefault(words[1], (request_id, iteration))
        elif kind == 'NEW':
            self.new.add(words[1])
        elif kind == 'SEND':
            self.sends += 1
        elif kind == 'REFUSED':
            self.refused += 1


def read_cases(cases_dir):
    """Every case file, parsed; raises on anything a kill may have broken."""
    cases = {}
    stray = []
    if not os.path.isdir(cases_dir):
        return cases, stray
    for name in sorted(os.listdir(cases_dir)):
        path = os.path.join(cases_dir, name)
        if '.corrupt' in name:
            raise Failure('a case file was set aside as corrupt: %s' % path)
        if not name.endswith('.json'):
            # g_file_set_contents()'s temporary file, left by a kill mid-write.
            stray.append(name)
            continue
        with open(path, 'rb') as f:
            data = f.read()
        try:
            case = json.loads(data.decode('utf-8'))
        except (UnicodeDecodeError, ValueError) as error:
            raise Failure('%s does not parse (%s); %d bytes' % (path, error, len(data)))
        if case.get('version') != 1 or case.get('reference') + '.json' != name:
            raise Failure('%s is not the case its name says' % path)
        cases[case['reference']] = case
    return cases, stray


def check_claims(claims, cases, when):
    problems = []
    for reference, iteration in sorted(claims.saved.items()):
        if reference not in cases:
            problems.append('case %s, saved in iteration %d, is lost' % (reference, iteration))
    for reference, (length, digest, iteration) in sorted(claims.text.items()):
        case = cases.get(reference)
        if case is None:
            problems.append('case %s, whose text was saved in iteration %d, is lost'
                            % (reference, iteration))
            continue
        text = (case.get('explanation') or '').encode('utf-8')
        if len(text) < length or hashlib.sha256(text[:length]).hexdigest() != digest:
            problems.append('case %s lost text saved in iteration %d: %d bytes claimed, '
                            'the file has %r' % (reference, iteration, length, text))
    for (reference, item), iteration in sorted(claims.ticked.items()):
        case = cases.get(reference)
        if case is None or item not in (case.get('checklist') or {}):
            problems.append('case %s: "%s", ticked and saved in iteration %d, is not ticked'
                            % (reference, item, iteration))
    for reference, (request_id, iteration) in sorted(claims.sent.items()):
        case = cases.get(reference)
        state = case and case['send']['state']
        found = case and (case.get('request') or {}).get('id')
        if state != 'sent' or found != request_id:
            problems.append('case %s, SENT as request %d in iteration %d, is now %s with '
                            'request %s' % (reference, request_id, iteration, state, found))
    if problems:
        raise Failure('%s:\n  %s' % (when, '\n  '.join(problems)))


def list_desk_requests(desk_url):
    requests = []
    url = desk_url + '/api/v2/requests.json?page%5Bsize%5D=100'
    while url:
        request = urllib.request.Request(url, headers={'Authorization': 'Bearer ' + TOKEN})
        with urllib.request.urlopen(request, timeout=30) as answer:
            page = json.load(answer)
        requests.extend(page['requests'])
        url = page['links'].get('next') if page['meta'].get('has_more') else None
    return requests


def check_desk(requests, cases, signed_in):
    """Returns how many cases ask the owner whether their request arrived,
    how many of those did arrive, and how many cases have duplicates."""
    problems = []
    by_reference = collections.defaultdict(list)
    full_reference = {short_reference(reference): reference for reference in cases}
    ids = sorted(r['id'] for r in requests)
    if ids and ids[-1] - ids[0] + 1 != len(ids):
        problems.append('the desk lists %d requests with ids from %d to %d: some are not '
                        'listed, so duplicates could hide' % (len(ids), ids[0], ids[-1]))
    for request in requests:
        match = REF_RE.search(request.get('subject') or '')
        if match is None:
            problems.append('request %d has no [Ref …] in its subject' % request['id'])
            continue
        reference = full_reference.get(match.group(1), match.group(1))
        by_reference[reference].append(request['id'])

    arrived = 0
    for reference, request_ids in sorted(by_reference.items()):
        if len(request_ids) > 1:
            problems.append('DUPLICATE: case %s has %d requests on the desk: %s'
                            % (reference, len(request_ids), request_ids))
        case = cases.get(reference)
        if case is None:
            problems.append('case %s reached the desk (request %s) but its file is lost'
                            % (reference, request_ids))
            continue
        state = case['send']['state']
        found = (case.get('request') or {}).get('id')
        if state == 'sent' and found in request_ids:
            continue
        # Without a sign-in the app cannot look the request up: asking the
        # owner is the honest answer. Signed in, it looks it up and finds it.
        if state == 'needs-confirmation' and not signed_in:
            arrived += 1
            continue
        problems.append('case %s is %s (request %s) but the desk has request %s'
                        % (reference, state, found, request_ids))

    asked = 0
    for reference, case in sorted(cases.items()):
        state = case['send']['state']
        if state == 'sent' and reference not in by_reference:
            problems.append('case %s says SENT as request %s, which the desk does not have'
                            % (reference, (case.get('request') or {}).get('id')))
        elif state == 'needs-confirmation':
            # Also signed in, after two creates that may have gone out and
            # a desk that lists neither: the app will not try a third time.
            asked += 1
        elif state in ('queued', 'uploading', 'creating'):
            problems.append('case %s is still %s after the verify run' % (reference, state))
    if problems:
        raise Failure('the desk and the cases disagree:\n  ' + '\n  '.join(problems))
    return asked, arrived, sum(len(v) > 1 for v in by_reference.values())


def measure_startup(typist, env):
    """How long the typist takes to show its window (the slower of two
    starts, the first one making the folders), in milliseconds."""
    slowest = 0
    for _ in range(2):
        started = time.monotonic()
        proc = subprocess.Popen([typist, '--tick-ms', '1000'], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        watchdog = threading.Timer(60, proc.kill)
        watchdog.start()
        try:
            for line in proc.stdout:
                if line.startswith('LOADED'):
                    break
            else:
                raise Failure('the typist ended (status %s) before its window was up'
                              % proc.wait())
            slowest = max(slowest, time.monotonic() - started)
        finally:
            watchdog.cancel()
            proc.kill()
            proc.wait()
            proc.stdout.close()
    return int(slowest * 1000)


def write_settings(config_home, desk_url, signed_in):
    folder = os.path.join(config_home, 'glib-2.0', 'settings')
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, 'keyfile'), 'w') as f:
        f.write('[%s]\n' % SCHEMA_GROUP)
        f.write("desk-url='%s'\n" % desk_url)
        f.write("sign-in-mode='%s'\n" % ('oauth' if signed_in else 'anonymous'))
        # No notification server here: GNotification would warn.
        f.write('reminders-enabled=false\n')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--typist', required=True)
    parser.add_argument('--desk', required=True)
    parser.add_argument('--iterations', type=int,
                        default=env_number('RECTIFY_DURABILITY_ITERATIONS', 200))
    parser.add_argument('--budget', type=float,
                        default=env_number('RECTIFY_DURABILITY_BUDGET', 90.0, float))
    parser.add_argument('--seed', type=int,
                        default=env_number('RECTIFY_DURABILITY_SEED',
                                           random.SystemRandom().randrange(1 << 31)))
    parser.add_argument('--min-delay-ms', type=int, default=20)
    parser.add_argument('--active-ms', type=int, default=600,
                        help='how long the typist may type before the kill, at most '
                             '(the kill comes from 20 ms to its start-up time plus this)')
    args = parser.parse_args()

    rng = random.Random(args.seed)
    tmp = tempfile.mkdtemp(prefix='rectify-durability-')
    session = Session(tmp, args.desk)
    keep = os.environ.get('RECTIFY_DURABILITY_KEEP') == '1'
    started = time.monotonic()
    log('# seed %d (RECTIFY_DURABILITY_SEED=%d repeats the choices, not the timing); '
        'folder %s' % (args.seed, args.seed, tmp))
    try:
        if not session.start_display():
            log('# SKIP: no display, and no Xvfb to make one')
            return SKIP
        signed_in = session.start_bus()
        session.start_desk()

        env = session.env
        env.update({
            'XDG_CONFIG_HOME': os.path.join(tmp, 'config'),
            'XDG_DATA_HOME': os.path.join(tmp, 'data'),
            'XDG_CACHE_HOME': os.path.join(tmp, 'cache'),
            'XDG_STATE_HOME': os.path.join(tmp, 'state'),
            'GSETTINGS_BACKEND': 'keyfile',
            'GSK_RENDERER': 'cairo',
            # Nothing the test is about, and each would start services on the
            # bus: accessibility, the portals, GVfs.
            'GTK_A11Y': 'none',
            'ADW_DISABLE_PORTAL': '1',
            'GIO_USE_VFS': 'local',
            # The desk is on 127.0.0.1: a machine with no default route is
            # still "online" for it.
            'GIO_USE_NETWORK_MONITOR': 'base',
        })
        # In a sanitizer build: GTK's, fontconfig's and pango's one-time
        # allocations are no leak of Rectify's (as for the widget tests), and
        # the slow unwinder on every malloc would make the app too slow to
        # get anywhere before the kills (it only makes reports more precise).
        if 'ASAN_OPTIONS' in env:
            env['ASAN_OPTIONS'] += ':detect_leaks=0:fast_unwind_on_malloc=1'
        if 'GSETTINGS_SCHEMA_DIR' not in env:
            build = os.path.dirname(os.path.dirname(os.path.dirname(
                os.path.abspath(args.typist))))
            env['GSETTINGS_SCHEMA_DIR'] = os.path.join(build, 'data')
        write_settings(env['XDG_CONFIG_HOME'], session.desk_url, signed_in)
        cases_dir = os.path.join(env['XDG_DATA_HOME'], 'rectify', 'cases')

        if signed_in:
            subprocess.run([args.typist, '--store-token', TOKEN], env=env, check=True,
                           timeout=60)

        # Kills from the start to this long after the window is up: as many
        # land during start-up on a slow (sanitizer) build as on a fast one.
        startup_ms = measure_startup(args.typist, env)
        max_delay_ms = startup_ms + max(args.active_ms, 3 * startup_ms)
        log('# the window is up %d ms after the start; kills from %d to %d ms'
            % (startup_ms, args.min_delay_ms, max_delay_ms))

        claims = Claims()
        kills = 0
        iterations = 0
        stray_seen = set()
        # Where the kills landed, as far as can be seen from outside.
        kills_at = collections.Counter()
        typist_log = os.path.join(tmp, 'typist.log')
        loop_started = time.monotonic()
        for iteration in range(args.iterations):
            if time.monotonic() - loop_started > args.budget:
                break
            iterations += 1
            seed = rng.randrange(1 << 31)
            autosave = rng.choice([0, 100, 20])
            delay = rng.uniform(args.min_delay_ms, max_delay_ms) / 1000
            command = [args.typist, '--seed', str(seed), '--contact-email', DESK_USER_EMAIL]
            if autosave:
                command += ['--autosave-ms', str(autosave)]
            # Most kills come from here at a random moment; some from the
            # typist itself right after it printed a claim, when a claim made
            # too early (before the file is really in place) is caught out.
            after_claims = rng.randint(1, 8) if rng.random() < 0.3 else 0
            if after_claims:
                command += ['--die-after-claims', str(after_claims)]
            with open(typist_log, 'w') as stderr:
                proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                        stderr=stderr, text=True)
                try:
                    out, _ = proc.communicate(timeout=delay)
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGKILL)
                    out, _ = proc.communicate()
            on_claim = proc.returncode == -signal.SIGKILL and after_claims and \
                sum(line.split(' ')[0] in ('SAVED', 'TEXT', 'TICKED', 'SENT')
                    for line in out.split('\n')) >= after_claims
            if proc.returncode != -signal.SIGKILL:
                session.check_display()
                with open(typist_log) as f:
                    raise Failure('iteration %d (typist --seed %d): the app ended by itself '
                                  'with status %s before the kill:\n%s'
                                  % (iteration, seed, proc.returncode, f.read()[-4000:]))
            kills += 1
            if on_claim:
                kills_at['right after a claim'] += 1
            lines = out.split('\n')[:-1]
            for line in lines:
                claims.add(line, iteration)
            if not any(line.startswith('LOADED') for line in lines):
                kills_at['start-up'] += 1
            session.check_desk()
            # Cheap after every kill: a file set aside, one that does not
            # parse, a claim broken, is found in the iteration that did it.
            try:
                cases, stray = read_cases(cases_dir)
                check_claims(claims, cases, 'claims broken')
            except Failure as failure:
                raise Failure('after the kill of iteration %d (typist --seed %d, %s): %s'
                              % (iteration, seed,
                                 'right after a claim' if on_claim
                                 else 'after %d ms' % (delay * 1000), failure))
            if set(stray) - stray_seen:
                kills_at['mid-write'] += 1
            stray_seen.update(stray)
            for state in set(case['send']['state'] for case in cases.values()):
                kills_at[state] += 1
        loop_seconds = time.monotonic() - loop_started

        cases, stray = read_cases(cases_dir)
        check_claims(claims, cases, 'after %d kills' % kills)

        verify = subprocess.run([args.typist, '--verify', '--contact-email', DESK_USER_EMAIL],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, timeout=90)
        if verify.returncode != 0:
            raise Failure('the verify run failed (status %d):\n%s'
                          % (verify.returncode, verify.stderr[-4000:]))
        final = {}
        settled = None
        for line in verify.stdout.splitlines():
            words = line.split()
            if words and words[0] == 'FINAL':
                final[words[1]] = (words[2], int(words[3]))
            elif words and words[0] == 'SETTLED':
                settled = words[1]
        if settled != 'yes':
            raise Failure('the verify run did not see the outbox settle:\n' + verify.stdout)

        after, stray = read_cases(cases_dir)
        missing = sorted(set(cases) - set(final))
        if missing:
            raise Failure('the app did not load these cases: %s' % missing)
        for reference, (state, request_id) in sorted(final.items()):
            case = after.get(reference)
            if case is None or case['send']['state'] != state or \
                    (case.get('request') or {}).get('id', 0) != request_id:
                raise Failure('case %s: the app quit with it %s (request %d), its file says '
                              'otherwise after the quit' % (reference, state, request_id))
        check_claims(claims, after, 'after the verify run')

        requests = list_desk_requests(session.desk_url)
        asked, arrived, duplicates = check_desk(requests, after, signed_in)

        states = collections.Counter(case['send']['state'] for case in after.values())
        log('# states after the verify run: %s'
            % ', '.join('%s %d' % item for item in sorted(states.items())))
        log('# kills before the window was up %d; right after a claim %d; leaving a new '
            'temporary file (a save cut short) %d; leaving a case on disk, for the next '
            'start, queued %d, uploading %d, creating %d'
            % (kills_at['start-up'], kills_at['right after a claim'], kills_at['mid-write'],
               kills_at['queued'], kills_at['uploading'], kills_at['creating']))
        log('durability: %s, iterations %d, kills %d in %.1f s, cases %d '
            '(%d created, %d never saved before a kill), claims checked %d '
            '(saved %d, text %d, ticked %d, sent %d), sends asked %d, requests on the desk %d, '
            'asking the owner %d (%d of which did arrive), stray temporary files %d, '
            'duplicates %d'
            % ('signed in' if signed_in else 'anonymous', iterations, kills, loop_seconds,
               len(after), len(claims.new), len(claims.new - set(after)),
               len(claims.saved) + len(claims.text) + len(claims.ticked) + len(claims.sent),
               len(claims.saved), len(claims.text), len(claims.ticked), len(claims.sent),
               claims.sends, len(requests), asked, arrived, len(stray_seen | set(stray)),
               duplicates))
        if kills == 0 or not claims.sent or not claims.ticked:
            raise Failure('the run proved too little (kills %d, sent %d, ticked %d): the '
                          'typist never got that far' % (kills, len(claims.sent),
                                                         len(claims.ticked)))
        log('# total %.1f s' % (time.monotonic() - started))
        return 0
    except Failure as failure:
        keep = True
        log('FAIL: %s' % failure)
        log('# the run is kept in %s (typist.log: the last typist\'s stderr)' % tmp)
        return 1
    finally:
        session.stop()
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
