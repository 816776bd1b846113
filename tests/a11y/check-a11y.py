#!/usr/bin/python3
# Starts the real app on the accessibility bus and checks what a screen
# reader gets: every field and choice has a name (its visible label), no
# button name shows a mnemonic underscore or says its label twice, and a
# field's validation problem
# is its accessible description.
#
# usage: check-a11y.py PATH-TO-RECTIFY
# Needs a session bus (the test suite runs under dbus-run-session), Xvfb and
# python3-pyatspi.

import json
import os
import subprocess
import sys
import tempfile
import time

try:
    import pyatspi
except ImportError:
    print('SKIP: python3-pyatspi is not installed')
    sys.exit(77)

FIELD_ROLES = {'text', 'entry', 'password text', 'combo box'}
CHOICE_ROLES = {'check box', 'radio button', 'toggle button'}


def said_twice(name):
    """GTK 4.8 names a button with a mnemonic label "_Send Send"."""
    words = name.split()
    half = len(words) // 2
    return len(words) % 2 == 0 and half > 0 and words[:half] == words[half:]


def find_app(name, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name:
                return app
        time.sleep(0.2)
    return None


def walk(node):
    yield node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from walk(child)


def find_field(app, name):
    for node in walk(app):
        if node.getRoleName() in FIELD_ROLES and node.name == name:
            return node
    return None


def main():
    problems = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        env['XDG_DATA_HOME'] = os.path.join(home, 'data')
        env['XDG_CONFIG_HOME'] = os.path.join(home, 'config')
        env['RECTIFY_TODAY'] = '2026-11-26'
        env.pop('GTK_A11Y', None)

        # A case the owner left on the details: the window opens there,
        # with the first two pages built (the others are built when shown).
        cases = os.path.join(home, 'data', 'rectify', 'cases')
        os.makedirs(cases, mode=0o700)
        reference = '6a1b9f0e-2c3d-4e5f-8a9b-0c1d2e3f4a5b'
        with open(os.path.join(cases, reference + '.json'), 'w') as f:
            json.dump({'version': 1, 'reference': reference, 'scenario': 'unintended',
                       'purchase_date': '2026-11-20', 'next_billing': '2026-12-20',
                       'current_step': 'details'}, f)
        app_process = subprocess.Popen([sys.argv[1]], env=env)
        try:
            app = find_app('rectify')
            if app is None:
                print('FAIL: the app did not appear on the accessibility bus')
                return 1

            # Give the window time to build every page.
            time.sleep(1)
            fields = choices = buttons = 0
            for node in walk(app):
                role = node.getRoleName()
                if role in FIELD_ROLES:
                    fields += 1
                    if not node.name:
                        problems.append(f'a {role} has no name')
                elif role in CHOICE_ROLES:
                    choices += 1
                    if not node.name or node.name.startswith('Gtk'):
                        problems.append(f'a {role} has no real name: {node.name!r}')
                elif role == 'push button':
                    buttons += 1
                    if not node.name or node.name.startswith('Gtk'):
                        problems.append(f'a button has no real name: {node.name!r}')
                    elif '_' in node.name or said_twice(node.name):
                        problems.append(f'a button name shows its mnemonic or says its '
                                        f'label twice: {node.name!r}')
            print(f'{fields} fields, {choices} choices, {buttons} buttons')
            # Pages one and two: two dates, the period, ten fields and the
            # explanation; three mistakes to choose from.
            if fields < 12 or choices < 3:
                problems.append('fewer fields or choices than the first two pages have')

            email = find_field(app, 'E-mail for support’s answer')
            if email is None:
                problems.append('no field named “E-mail for support’s answer”')
            else:
                email.queryEditableText().setTextContents('ana@example')
                time.sleep(0.5)
                if 'dot' not in email.description:
                    problems.append(f'a wrong e-mail is not described: {email.description!r}')
                email.queryEditableText().setTextContents('ana@example.com')
                time.sleep(0.5)
                if email.description:
                    problems.append(f'a right e-mail is still described: {email.description!r}')
        finally:
            app_process.terminate()
            app_process.wait(timeout=10)

    for problem in problems:
        print('FAIL:', problem)
    return 1 if problems else 0


sys.exit(main())
