#!/usr/bin/python3
# Walks each of the four steps of the real app with the Tab key alone, as a
# keyboard user does, round the whole window once, in English and in
# Spanish, and checks:
#   - the focus reaches every field, drop-down and check box the step shows
#     (the fields are read from AT-SPI, as a screen reader finds them);
#   - a radio group (the mistakes, the resolutions) is one Tab stop: one
#     radio button of the group is reached, never two;
#   - no row takes the focus before its own check button (two stops for one
#     choice).
# The keys are real key presses (AT-SPI's generated keyboard events, through
# XTest), on an X server and a session bus of this test's own, so no window
# of another test running beside it takes them. GTK 4.8 tells AT-SPI nothing
# when an entry row's text takes the focus, so the app, with
# RECTIFY_TEST_FOCUS_LOG set, says on stdout which row has it.
#
# usage: check-tab-walk.py PATH-TO-RECTIFY
# Needs Xvfb, dbus-daemon, at-spi2-core and python3-pyatspi.

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

FIELD_ROLES = {'text', 'entry', 'password text', 'combo box', 'check box', 'spin button'}
RADIO = 'radio button'
TAB = 0xff09
# Enough for the longest step and the window's header and sidebar, twice.
MAX_TABS = 60

REFERENCE = '5c3b2a19-0d8e-4f7a-9b6c-2e1d0f9a8b7c'


def case(step, sent):
    if step == 'identify-unchosen':
        # Only the account typed: no mistake chosen yet.
        return {'version': 1, 'reference': REFERENCE, 'account': 'Acme S.L.',
                'current_step': 'identify'}
    data = {'version': 1, 'reference': REFERENCE, 'scenario': 'wrong-type',
            'purchase_date': '2026-11-20', 'next_billing': '2026-12-20', 'period': 'monthly',
            'account': 'Acme S.L.', 'owner_name': 'Ana García',
            'contact_email': 'ana@example.com', 'licence_type': 'Smart', 'quantity': '5',
            'unit_price': '19.99', 'currency': 'EUR', 'intended_type': 'Business',
            'intended_price': '14.99', 'invoice_number': 'F-2026-0042',
            'explanation': 'We bought Smart licences; we meant Business.',
            'resolution': 'refund', 'current_step': step}
    if sent:
        data.update({
            'send': {'state': 'sent', 'reason': None, 'submitted_at': '2026-11-26T10:00:00Z',
                     'expected_minor': 2500, 'attempts': 0, 'last_attempt': None},
            'request': {'id': 4242, 'url': 'https://support.example/hc/requests/4242',
                        'status': 'open'},
            'sent': {'subject': 'Licence purchase correction', 'body': 'As sent.\n',
                     'attachments': []}})
    return data


STEPS = [('identify-unchosen', False), ('identify', False), ('details', False), ('resolution', False),
         ('follow-up', True)]
if os.environ.get('RECTIFY_TAB_WALK_STEPS'):
    STEPS = [s for s in STEPS if s[0] in os.environ['RECTIFY_TAB_WALK_STEPS'].split(',')]


def start_private_session():
    """An X server and a session bus of our own, then this script again in
    them (AT-SPI reads the bus address when it is imported)."""
    xvfb = shutil.which('Xvfb')
    daemon = shutil.which('dbus-daemon')
    if xvfb is None or daemon is None:
        print('SKIP: Xvfb and dbus-daemon are needed')
        return 77
    processes = []
    try:
        read_fd, write_fd = os.pipe()
        processes.append(subprocess.Popen([xvfb, '-displayfd', str(write_fd), '-nolisten',
                                           'tcp', '-screen', '0', '1000x700x24'],
                                          pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            print('FAIL: the X server did not start')
            return 1
        # Its socket in place before the first client comes.
        socket = f'/tmp/.X11-unix/X{number}'
        deadline = time.time() + 10
        while not os.path.exists(socket) and time.time() < deadline:
            time.sleep(0.05)

        env = dict(os.environ, DISPLAY=':' + number, RECTIFY_TAB_WALK='1')
        for name in ('WAYLAND_DISPLAY', 'XAUTHORITY', 'AT_SPI_BUS_ADDRESS'):
            env.pop(name, None)
        # The accessibility bus and its registry are started from this bus,
        # with its environment: on this display.
        bus = subprocess.Popen([daemon, '--session', '--nofork', '--print-address=1'],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env=env)
        processes.append(bus)
        address = bus.stdout.readline().strip()
        if not address:
            print('FAIL: the private session bus did not start')
            return 1
        env['DBUS_SESSION_BUS_ADDRESS'] = address
        # As in check-a11y.py: fatal warnings are for the app, not for the
        # AT-SPI client library in this process.
        if 'G_DEBUG' in env:
            env['RECTIFY_APP_G_DEBUG'] = env.pop('G_DEBUG')
        return subprocess.call([sys.executable] + sys.argv, env=env)
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=10)


if os.environ.get('RECTIFY_TAB_WALK') != '1':
    sys.exit(start_private_session())

try:
    import pyatspi
except ImportError:
    print('SKIP: python3-pyatspi is not installed')
    sys.exit(77)


def walk(node):
    yield node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from walk(child)


def find_app(name, process, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline and process.poll() is None:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name:
                return app
        time.sleep(0.2)
    return None


def describe(node):
    return f'{node.getRoleName()} “{node.name}”'


def step_page(node):
    """The page of the step @node is on: its nearest stack page."""
    while node is not None:
        if node.getRoleName() == 'panel' and node.name == 'GtkStackPage':
            return node
        node = node.parent
    return None


def shown(node, top):
    """On screen: itself and every container up to @top shown, a size."""
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    if extents.width <= 0 or extents.height <= 0:
        return False
    while node is not None and node != top:
        if not node.getState().contains(pyatspi.STATE_VISIBLE):
            return False
        node = node.parent
    return True


def shown_fields(page):
    """What the step shows that a keyboard user must be able to reach."""
    fields = []
    radios = []
    for node in walk(page):
        role = node.getRoleName()
        if role not in FIELD_ROLES and role != RADIO:
            continue
        if not node.getState().contains(pyatspi.STATE_SENSITIVE) or not shown(node, page):
            continue
        if role == RADIO:
            radios.append(node)
        else:
            fields.append(node)
    return fields, radios


class FocusLog:
    """What the app says has the focus (RECTIFY_TEST_FOCUS_LOG): the type of
    the widget and the title of the row it is in."""

    def __init__(self, stream):
        self.lines = queue.Queue()
        threading.Thread(target=self.read, args=(stream,), daemon=True).start()

    def read(self, stream):
        for line in stream:
            if line.startswith('FOCUS '):
                kind, _, title = line[len('FOCUS '):].rstrip('\n').partition('\t')
                self.lines.put((kind, title))

    def next(self, timeout):
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            return None

    def last(self, settle):
        """The last focus said before nothing more came for @settle s."""
        found = None
        while True:
            line = self.next(settle)
            if line is None:
                return found
            found = line


def walk_step(executable, env, home, language, step, sent, problems):
    cases = os.path.join(home, 'data', 'rectify', 'cases')
    for name in os.listdir(cases):
        os.unlink(os.path.join(cases, name))
    with open(os.path.join(cases, REFERENCE + '.json'), 'w') as f:
        json.dump(case(step, sent), f)

    where = f'{language}, step “{step}”'
    for attempt in range(2):
        app_process = subprocess.Popen([executable], env=dict(env, RECTIFY_TEST_FOCUS_LOG='1'),
                                       stdout=subprocess.PIPE, text=True)
        app = find_app('rectify', process=app_process)
        # Started a second time only if it could not even start (its display
        # refused it): never to pass over a failure of the app's own.
        if app is not None or app_process.poll() is None or attempt == 1:
            break
        print(f'{where}: the app ended at start with status {app_process.returncode}; '
              f'once more')
    log = FocusLog(app_process.stdout)
    try:
        if app is None:
            problems.append(f'{where}: the app did not appear on the accessibility bus')
            return
        # The window up, on the case's step (a new case comes first, then the
        # case left takes its place), the keyboard on the step's first field.
        start = log.next(10)
        later = log.last(2.0)
        start = later or start
        if start is None:
            problems.append(f'{where}: nothing has the keyboard focus at start')
            return
        first = next((node for node in walk(app)
                      if node.name == start[1] and node.getRoleName() != 'label'), None)
        page = step_page(first) if first is not None else None
        if page is None:
            problems.append(f'{where}: the focus starts outside the step’s fields, on a '
                            f'{start[0]} in “{start[1]}”')
            return
        fields, radios = shown_fields(page)
        # A text view is in no row: the log names it by its type only.
        multi_line = [node for node in fields
                      if node.getState().contains(pyatspi.STATE_MULTI_LINE)]
        names = {node.name for node in fields if node not in multi_line}
        radio_names = {node.name for node in radios}

        # Round the window once: until the first field has the focus again.
        reached = []
        for _ in range(MAX_TABS):
            pyatspi.Registry.generateKeyboardEvent(TAB, None, pyatspi.KEY_SYM)
            focus = log.next(1.0)
            if focus is None:
                continue
            reached.append(focus)
            if focus[1] == start[1] and focus[0] == start[0]:
                break
        else:
            problems.append(f'{where}: {MAX_TABS} presses of Tab never came back to '
                            f'“{start[1]}”')

        titles = {title for _, title in reached}
        if os.environ.get('RECTIFY_TAB_WALK_DEBUG'):
            print(where, 'starts on', start, '; stops:', reached)
        missing = sorted(names - titles)
        if missing:
            problems.append(f'{where}: Tab never reaches ' +
                            ', '.join(f'“{name}”' for name in missing))
        text_views = sum(1 for kind, _ in reached if kind == 'GtkTextView')
        if text_views < len(multi_line):
            problems.append(f'{where}: Tab reaches {text_views} of the text areas ' +
                            ', '.join(f'“{node.name}”' for node in multi_line))
        radios_reached = radio_names & titles
        if radios and len(radios_reached) != 1:
            problems.append(f'{where}: the radio group takes {len(radios_reached)} Tab stops '
                            f'({", ".join(sorted(radios_reached))}), not one')
        rows = sorted({title for kind, title in reached
                       if kind == 'AdwActionRow' and title in names | radio_names})
        if rows:
            problems.append(f'{where}: rows take a Tab stop of their own before their check '
                            f'button: {", ".join(rows)}')
        print(f'{where}: {len(names) + len(multi_line)} fields and {len(radio_names)} radio '
              f'buttons shown; '
              f'round the window in {len(reached)} Tab stops')
    finally:
        app_process.terminate()
        app_process.wait(timeout=10)


def main():
    if len(sys.argv) != 2:
        print('usage: check-tab-walk.py PATH-TO-RECTIFY')
        return 2
    problems = []
    with tempfile.TemporaryDirectory() as home:
        os.makedirs(os.path.join(home, 'data', 'rectify', 'cases'), mode=0o700)
        base = dict(os.environ)
        if base.get('RECTIFY_APP_G_DEBUG'):
            base['G_DEBUG'] = base.pop('RECTIFY_APP_G_DEBUG')
        base.pop('GTK_A11Y', None)
        base.update(XDG_DATA_HOME=os.path.join(home, 'data'),
                    XDG_CONFIG_HOME=os.path.join(home, 'config'),
                    RECTIFY_TODAY='2026-11-26', GSETTINGS_BACKEND='memory')
        for language, locale in (('en', None), ('es', 'es_ES.UTF-8')):
            env = dict(base)
            if locale:
                env.update(LANG=locale, LC_ALL=locale, LANGUAGE='es')
            for step, sent in STEPS:
                walk_step(sys.argv[1], env, home, language, step, sent, problems)

    for problem in problems:
        print('FAIL:', problem)
    return 1 if problems else 0


sys.exit(main())
