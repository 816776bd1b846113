#!/usr/bin/python3
# Starts the real app on the accessibility bus and checks what a screen
# reader gets: every field and choice has a name (its visible label), no
# button name shows a mnemonic underscore or says its label twice, and a
# field's validation problem
# is its accessible description (on a drop-down's entry for another value
# too). Then, with a case that was sent, that the
# request's fields are read-only: typing into one through AT-SPI changes
# nothing in the case file.
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

# G_DEBUG=fatal-warnings is for the app. In this process it would make a
# warning of the AT-SPI client library fatal: it warns when another program
# on the test bus (a test running beside this one) leaves while the tree is
# read. The app gets the value back.
if 'G_DEBUG' in os.environ and 'RECTIFY_APP_G_DEBUG' not in os.environ:
    client_env = dict(os.environ, RECTIFY_APP_G_DEBUG=os.environ['G_DEBUG'])
    del client_env['G_DEBUG']
    os.execve(sys.executable, [sys.executable] + sys.argv, client_env)

try:
    import pyatspi
except ImportError:
    print('SKIP: python3-pyatspi is not installed')
    sys.exit(77)

FIELD_ROLES = {'text', 'entry', 'password text', 'combo box'}
CHOICE_ROLES = {'check box', 'radio button', 'toggle button'}


def said_twice(name):
    """GTK 4.8 names a button with a mnemonic label "_Send Send", and a
    check button with both a label and a labelling row "Title Title"."""
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


SENT_REFERENCE = '7b2c0a1f-3d4e-4f50-9b0c-1d2e3f4a5b6c'
SENT_EMAIL = 'ana@example.com'


def sent_case():
    return {'version': 1, 'reference': SENT_REFERENCE, 'scenario': 'unintended',
            'purchase_date': '2026-11-20', 'next_billing': '2026-12-20', 'period': 'monthly',
            'account': 'Acme S.L.', 'owner_name': 'Ana García', 'contact_email': SENT_EMAIL,
            'licence_type': 'Smart', 'quantity': '5', 'unit_price': '19.99', 'currency': 'EUR',
            'added_by_mistake': '2',
            'explanation': 'Two licences were added by mistake while adding users.',
            'resolution': 'refund', 'current_step': 'details',
            'send': {'state': 'sent', 'reason': None, 'submitted_at': '2026-11-26T10:00:00Z',
                     'expected_minor': 3998, 'attempts': 0, 'last_attempt': None},
            'request': {'id': 4242, 'url': 'https://support.example/hc/requests/4242',
                        'status': 'open'},
            'sent': {'subject': 'Licence purchase correction', 'body': 'As sent.\n',
                     'attachments': []}}


def check_sent_is_read_only(executable, env, home, problems):
    """A sent case: its fields cannot be used, and typing does not reach the case."""
    cases = os.path.join(home, 'data', 'rectify', 'cases')
    for name in os.listdir(cases):
        os.unlink(os.path.join(cases, name))
    path = os.path.join(cases, SENT_REFERENCE + '.json')
    with open(path, 'w') as f:
        json.dump(sent_case(), f)

    app_process = subprocess.Popen([executable], env=env)
    try:
        app = find_app('rectify')
        if app is None:
            problems.append('the app did not appear on the accessibility bus (sent case)')
            return
        time.sleep(1)

        email = find_field(app, 'E-mail for support’s answer')
        if email is None:
            problems.append('no field named “E-mail for support’s answer” (sent case)')
            return
        # GTK 4.8 says the same states of an editable and a read-only text
        # (editable, sensitive): what counts is that typing, as a screen
        # reader or an input method does, changes nothing. The first part
        # shows that the same typing does reach a draft.
        try:
            email.queryEditableText().setTextContents('someone.else@example.com')
        except Exception:
            pass
        time.sleep(1.5)
    finally:
        app_process.terminate()
        app_process.wait(timeout=10)

    with open(path) as f:
        saved = json.load(f)
    if saved.get('contact_email') != SENT_EMAIL:
        problems.append(f'typing changed a sent request: {saved.get("contact_email")!r}')
    if saved.get('sent', {}).get('body') != 'As sent.\n':
        problems.append('the snapshot of what was sent changed')
    print('sent case: fields read-only')


def main():
    problems = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        if env.get('RECTIFY_APP_G_DEBUG'):
            env['G_DEBUG'] = env.pop('RECTIFY_APP_G_DEBUG')
        env['XDG_DATA_HOME'] = os.path.join(home, 'data')
        env['XDG_CONFIG_HOME'] = os.path.join(home, 'config')
        env['RECTIFY_TODAY'] = '2026-11-26'
        env.pop('GTK_A11Y', None)

        # A case the owner left on the details: the window opens there,
        # with the first two pages built (the others are built when shown).
        # Its licence type and currency are not in the drop-downs' lists.
        cases = os.path.join(home, 'data', 'rectify', 'cases')
        os.makedirs(cases, mode=0o700)
        reference = '6a1b9f0e-2c3d-4e5f-8a9b-0c1d2e3f4a5b'
        with open(os.path.join(cases, reference + '.json'), 'w') as f:
            json.dump({'version': 1, 'reference': reference, 'scenario': 'unintended',
                       'purchase_date': '2026-11-20', 'next_billing': '2026-12-20',
                       'licence_type': 'Smart Plus', 'currency': 'eur',
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
                    elif said_twice(node.name):
                        problems.append(f'a {role} says its name twice: {node.name!r}')
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

            # The drop-downs are named by their titles; a value not in the
            # list is in the entry under its drop-down, and the entry says
            # what is wrong with it as the drop-down does.
            for name in ('Licence type bought', 'Currency'):
                if find_field(app, name) is None:
                    problems.append(f'no drop-down named “{name}”')
                elif find_field(app, name).getRoleName() != 'combo box':
                    problems.append(f'“{name}” is a {find_field(app, name).getRoleName()}')
            other_type = find_field(app, 'Other licence type')
            if other_type is None or other_type.queryText().characterCount != len('Smart Plus'):
                problems.append('“Smart Plus” is not in the “Other licence type” entry')
            other_currency = find_field(app, 'Other currency code')
            if other_currency is None:
                problems.append('no field named “Other currency code”')
            elif 'three-letter' not in other_currency.description:
                problems.append(f'“eur” is not described: {other_currency.description!r}')
        finally:
            app_process.terminate()
            app_process.wait(timeout=10)

        check_sent_is_read_only(sys.argv[1], env, home, problems)

    for problem in problems:
        print('FAIL:', problem)
    return 1 if problems else 0


sys.exit(main())
