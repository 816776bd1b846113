#!/usr/bin/env python3
# Checks the two Flatpak manifests.
#
#   check-flatpak-manifest.py [--release] --version VERSION --metainfo METAINFO.in.in \
#       RELEASE.json DEVEL.json
#
# Both: they parse, run `rectify` on org.gnome.Platform 50 or newer, and ask
# for exactly the sandbox holes the README lists (network, IPC, Wayland with
# X11 as fallback, DRI): files, e-mail, background and secrets go through
# portals.
#
# The release manifest (the one Flathub gets) builds a fixed release: a git
# source at the project's home (the metainfo's vcs-browser URL) with the tag
# vVERSION and a 40-hex commit, or an archive with its sha256. No "dir"
# source: Flathub's linter rejects it. Until the tag exists its commit cannot
# be known, so the manifest carries forty zeros, which no git object has and
# flatpak-builder refuses (the tag's commit will not match). --release, run
# at the release step, rejects that placeholder and, where the tag exists in
# this checkout, checks the commit is the tag's.
#
# The development manifest builds the working tree (a "dir" source) as the
# .Devel app; it is the only manifest in its folder with a "dir" source.
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

APP_ID = 'io.github.rectify.Rectify'
ALLOWED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}
PLACEHOLDER_COMMIT = '0' * 40
HEX40 = re.compile(r'^[0-9a-f]{40}$')
HEX64 = re.compile(r'^[0-9a-f]{64}$')

failures = []


def fail(path, message):
    failures.append(f'{os.path.basename(path)}: {message}')


def load(path):
    with open(path, encoding='utf-8') as f:
        try:
            return json.load(f)
        except json.JSONDecodeError as e:
            print(f'FAIL: {path} does not parse: {e}')
            sys.exit(1)


def all_sources(modules):
    """Every source of every module, nested modules included."""
    for module in modules:
        if not isinstance(module, dict):
            continue
        for source in module.get('sources', []):
            if isinstance(source, dict):
                yield module.get('name'), source
        yield from all_sources(module.get('modules', []))


def has_dir_source(manifest):
    return any(s.get('type') == 'dir' for _, s in all_sources(manifest.get('modules', [])))


def check_common(path, manifest, app_id):
    if manifest.get('id') != app_id:
        fail(path, f"id is {manifest.get('id')!r}, not {app_id!r}")
    if manifest.get('command') != 'rectify':
        fail(path, f"command is {manifest.get('command')!r}")
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        fail(path, 'runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
    try:
        if int(manifest.get('runtime-version', '0')) < 50:
            fail(path, 'runtime-version must be 50 or newer')
    except ValueError:
        fail(path, f"runtime-version {manifest.get('runtime-version')!r} "
                   'is not a GNOME release number')

    finish_args = manifest.get('finish-args', [])
    if len(finish_args) != len(set(finish_args)):
        fail(path, 'finish-args has duplicates')
    if set(finish_args) != ALLOWED_FINISH_ARGS:
        extra = sorted(set(finish_args) - ALLOWED_FINISH_ARGS)
        missing = sorted(ALLOWED_FINISH_ARGS - set(finish_args))
        fail(path, f'finish-args: extra {extra}, missing {missing}')

    modules = manifest.get('modules', [])
    if not modules or not isinstance(modules[-1], dict):
        fail(path, 'the last module must be the app')
        return {}
    app = modules[-1]
    if app.get('name') != 'rectify' or app.get('buildsystem') != 'meson':
        fail(path, 'the app module must be named rectify and built with meson')
    if '-Dtests=false' not in app.get('config-opts', []):
        fail(path, 'the app module must be configured with -Dtests=false')
    return app


def vcs_url(metainfo_path):
    root = ET.parse(metainfo_path).getroot()
    for url in root.findall('url'):
        if url.get('type') == 'vcs-browser':
            return url.text.strip().rstrip('/')
    return None


def tag_commit(tree, tag):
    """The commit the tag names in this checkout, or None."""
    try:
        out = subprocess.run(['git', '-C', tree, 'rev-parse', '--verify', '--quiet',
                              tag + '^{commit}'],
                             capture_output=True, text=True, check=False)
    except OSError:
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def check_release(path, manifest, version, home, release):
    app = check_common(path, manifest, APP_ID)
    if has_dir_source(manifest):
        fail(path, 'has a "dir" source: the release manifest builds a tag or an archive')
    if '-Ddevelopment=true' in app.get('config-opts', []):
        fail(path, 'the release manifest must not build the .Devel variant')

    sources = app.get('sources', [])
    if len(sources) != 1:
        fail(path, f'the app module needs exactly one source, it has {len(sources)}')
        return
    source = sources[0]
    kind = source.get('type')
    tag = 'v' + version
    if kind == 'git':
        url = source.get('url', '')
        if home is not None and url.rstrip('/') not in (home, home + '.git'):
            fail(path, f'git url {url!r} is not the project home {home}.git')
        if 'branch' in source:
            fail(path, 'a git source pinned to a branch is not a release')
        if source.get('tag') != tag:
            fail(path, f"tag is {source.get('tag')!r}, the version in meson.build makes {tag!r}")
        commit = source.get('commit')
        if not isinstance(commit, str) or not HEX40.match(commit):
            fail(path, f'commit {commit!r} is not 40 lowercase hex digits')
        elif commit == PLACEHOLDER_COMMIT:
            if release:
                fail(path, f'commit is still the placeholder: set it to '
                           f'`git rev-parse {tag}^{{commit}}`')
            else:
                print(f'note: {os.path.basename(path)}: commit is the placeholder until {tag} '
                      'is tagged (README, "Making a release")')
        elif release:
            tree = os.path.dirname(os.path.dirname(os.path.abspath(path)))
            actual = tag_commit(tree, tag)
            if actual is not None and actual != commit:
                fail(path, f'commit {commit} is not {tag}, which is {actual} here')
    elif kind == 'archive':
        url = source.get('url', '')
        if not url.startswith('https://'):
            fail(path, f'archive url {url!r} is not https')
        if tag not in url and version not in url:
            fail(path, f'archive url {url!r} does not name version {version}')
        if not HEX64.match(source.get('sha256', '')):
            fail(path, 'an archive source needs its sha256 (64 lowercase hex digits)')
    else:
        fail(path, f'the app source is {kind!r}: it must be git (tag and commit) or archive '
                   '(sha256)')


def check_devel(path, manifest, release_manifest):
    app = check_common(path, manifest, APP_ID + '.Devel')
    if '-Ddevelopment=true' not in app.get('config-opts', []):
        fail(path, 'the development manifest builds with -Ddevelopment=true')
    if not any(s.get('type') == 'dir' for s in app.get('sources', [])):
        fail(path, 'the development manifest builds the working tree: a "dir" source')
    if manifest.get('finish-args') != release_manifest.get('finish-args'):
        fail(path, 'finish-args differ from the release manifest')


parser = argparse.ArgumentParser()
parser.add_argument('--release', action='store_true',
                    help='the release step: no placeholder commit')
parser.add_argument('--version', required=True, help="the version in meson.build")
parser.add_argument('--metainfo', help='the metainfo, for the project home')
parser.add_argument('release_manifest')
parser.add_argument('devel_manifest')
args = parser.parse_args()

release_manifest = load(args.release_manifest)
devel_manifest = load(args.devel_manifest)
home = vcs_url(args.metainfo) if args.metainfo else None
if args.metainfo and home is None:
    fail(args.metainfo, 'has no <url type="vcs-browser">')

check_release(args.release_manifest, release_manifest, args.version, home, args.release)
check_devel(args.devel_manifest, devel_manifest, release_manifest)

folder = os.path.dirname(os.path.abspath(args.release_manifest))
for other in sorted(glob.glob(os.path.join(folder, '*.json'))):
    if os.path.samefile(other, args.devel_manifest) or \
       os.path.samefile(other, args.release_manifest):
        continue
    if has_dir_source(load(other)):
        fail(other, 'has a "dir" source: only the development manifest builds the working tree')

if failures:
    for message in failures:
        print('FAIL: ' + message)
    sys.exit(1)
print(f'ok: {args.release_manifest}, {args.devel_manifest}')
