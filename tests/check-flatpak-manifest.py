#!/usr/bin/env python3
# Checks the Flatpak manifest: it parses, names the right app id, command,
# runtime, and asks for exactly the sandbox holes the README lists (network,
# IPC, Wayland with X11 as fallback, DRI): files, e-mail, background and
# secrets go through portals.
import json
import sys

ALLOWED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}

def fail(message):
    print('FAIL: ' + message)
    sys.exit(1)

path = sys.argv[1]
with open(path, encoding='utf-8') as f:
    try:
        manifest = json.load(f)
    except json.JSONDecodeError as e:
        fail(f'{path} does not parse: {e}')

if manifest.get('id') != 'io.github.rectify.Rectify':
    fail(f"id is {manifest.get('id')!r}")
if manifest.get('command') != 'rectify':
    fail(f"command is {manifest.get('command')!r}")
if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
    fail('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
try:
    if int(manifest.get('runtime-version', '0')) < 50:
        fail('runtime-version must be 50 or newer')
except ValueError:
    fail(f"runtime-version {manifest.get('runtime-version')!r} is not a GNOME release number")

finish_args = manifest.get('finish-args', [])
if len(finish_args) != len(set(finish_args)):
    fail('finish-args has duplicates')
if set(finish_args) != ALLOWED_FINISH_ARGS:
    extra = sorted(set(finish_args) - ALLOWED_FINISH_ARGS)
    missing = sorted(ALLOWED_FINISH_ARGS - set(finish_args))
    fail(f'finish-args: extra {extra}, missing {missing}')

modules = manifest.get('modules', [])
if not modules or not isinstance(modules[-1], dict):
    fail('the last module must be the app')
app = modules[-1]
if app.get('name') != 'rectify' or app.get('buildsystem') != 'meson':
    fail('the app module must be named rectify and built with meson')
sources = app.get('sources', [])
if not any(s.get('type') in ('dir', 'git') for s in sources):
    fail('the app module needs a dir or git source')

print(f'ok: {path}')
