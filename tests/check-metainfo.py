#!/usr/bin/env python3
# Checks the built AppStream metainfo.
#
#   check-metainfo.py --version VERSION --screenshots DIR [--appstreamcli PATH] METAINFO
#   check-metainfo.py --self-test ... (same arguments)
#
# First `appstreamcli validate --no-net --pedantic --explain` (Debian 12 has
# AppStream 0.16, which fails on errors and warnings). Then what Flathub's
# review and AppStream 1.0 ask and 0.16 does not check: <developer id> with a
# <name>, <branding> with a light and a dark colour, a summary of at most 35
# characters that does not lead with the trademark, a description that says
# Rectify is not made by Ringover, a release for the version in meson.build
# with a date, the launchable, content rating, URLs and translation domain,
# and screenshots with captions, linked at the release tag (not a branch),
# that exist in data/screenshots and are at most 1000×700 PNGs.
#
# --self-test breaks a copy of the file (and of the screenshots) in each of
# those ways and fails unless every broken copy is caught.
import argparse
import copy
import datetime
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

APP_ID = 'io.github.rectify.Rectify'
TRADEMARK = 'Ringover'
MAX_SUMMARY = 35
MAX_SCREENSHOT = (1000, 700)
LANG = '{http://www.w3.org/XML/1998/namespace}lang'
COLOUR = re.compile(r'^#[0-9a-fA-F]{6}$')


def untranslated(parent, tag):
    return [e for e in parent.findall(tag) if e.get(LANG) is None]


def text(element):
    return ' '.join(''.join(element.itertext()).split()) if element is not None else ''


def luminance(colour):
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n' or head[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', head[16:24])


def run_appstreamcli(appstreamcli, path):
    out = subprocess.run([appstreamcli, 'validate', '--no-net', '--pedantic', '--explain', path],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return [f'appstreamcli validate failed:\n{out.stdout}{out.stderr}']
    return []


def check(root, version, screenshots):
    """What AppStream 0.16 does not check; a list of problems."""
    problems = []
    component_id = text(root.find('id'))
    if component_id not in (APP_ID, APP_ID + '.Devel'):
        problems.append(f'id is {component_id!r}')

    developers = root.findall('developer')
    if len(developers) != 1 or not developers[0].get('id'):
        problems.append('needs one <developer id="…">')
    elif not re.match(r'^[a-z0-9-]+(\.[a-z0-9-]+)+$', developers[0].get('id')):
        problems.append(f"developer id {developers[0].get('id')!r} is not reverse-DNS")
    elif not text(next(iter(untranslated(developers[0], 'name')), None)):
        problems.append('<developer> needs a <name>')

    colours = {}
    branding = root.find('branding')
    for colour in (branding.findall('color') if branding is not None else []):
        if colour.get('type') == 'primary':
            colours[colour.get('scheme_preference')] = text(colour)
    if set(colours) != {'light', 'dark'}:
        problems.append('<branding> needs a primary colour for light and one for dark')
    elif not all(COLOUR.match(c) for c in colours.values()):
        problems.append(f'branding colours {colours} are not #rrggbb')
    elif not luminance(colours['light']) > 0.5 > luminance(colours['dark']):
        problems.append(f'branding colours {colours}: the light one must be light, the dark '
                        'one dark')

    summaries = untranslated(root, 'summary')
    summary = text(summaries[0]) if summaries else ''
    if not summary:
        problems.append('no summary')
    elif len(summary) > MAX_SUMMARY:
        problems.append(f'summary {summary!r} has {len(summary)} characters (at most '
                        f'{MAX_SUMMARY})')
    elif summary.lower().startswith(TRADEMARK.lower()):
        problems.append(f'summary {summary!r} leads with the trademark')
    elif summary.endswith('.'):
        problems.append('summary ends with a full stop')

    description = root.find('description')
    paragraphs = [text(p) for p in untranslated(description, 'p')] if description is not None \
        else []
    if not any(re.search(r'\bnot made\b.*\b' + TRADEMARK + r'\b', p) for p in paragraphs):
        problems.append(f'the description must say Rectify is not made by {TRADEMARK}')

    releases = root.findall('releases/release')
    if not releases:
        problems.append('no <releases>')
    else:
        newest = releases[0]
        if newest.get('version') != version:
            problems.append(f"newest release is {newest.get('version')!r}, meson.build says "
                            f'{version!r}')
        try:
            datetime.date.fromisoformat(newest.get('date', ''))
        except ValueError:
            problems.append(f"release date {newest.get('date')!r} is not YYYY-MM-DD")

    rating = root.find('content_rating')
    if rating is None or rating.get('type') not in ('oars-1.0', 'oars-1.1'):
        problems.append('needs <content_rating type="oars-1.1">')

    launchable = root.find('launchable')
    if launchable is None or launchable.get('type') != 'desktop-id' or \
       text(launchable) != component_id + '.desktop':
        problems.append(f'needs <launchable type="desktop-id">{component_id}.desktop')

    urls = {u.get('type'): text(u) for u in root.findall('url')}
    for kind in ('homepage', 'bugtracker', 'vcs-browser'):
        if not urls.get(kind, '').startswith('https://'):
            problems.append(f'needs an https <url type="{kind}">')

    translation = root.find('translation')
    if translation is None or translation.get('type') != 'gettext' or \
       text(translation) != 'rectify':
        problems.append('needs <translation type="gettext">rectify')

    # Screenshots: at the tag of this version, in the project's repository.
    repo = re.sub(r'^https://github\.com/', '', urls.get('vcs-browser', '')).rstrip('/')
    tag = 'v' + version
    pinned = re.compile(r'^https://(?:raw\.githubusercontent\.com/' + re.escape(repo) + '/' +
                        re.escape(tag) + '|github\.com/' + re.escape(repo) + '/raw/' +
                        re.escape(tag) + r')/data/screenshots/([a-z0-9-]+\.png)$')
    shots = root.findall('screenshots/screenshot')
    if not shots:
        problems.append('no screenshots')
    if len([s for s in shots if s.get('type') == 'default']) != 1:
        problems.append('exactly one screenshot must be type="default"')
    for shot in shots:
        images = untranslated(shot, 'image')
        url = text(images[0]) if images else ''
        if not text(next(iter(untranslated(shot, 'caption')), None)):
            problems.append(f'screenshot {url or "?"} has no caption')
        match = pinned.match(url)
        if not match:
            problems.append(f'screenshot {url!r} is not linked at {tag} in {repo}')
            continue
        path = os.path.join(screenshots, match.group(1))
        if not os.path.exists(path):
            problems.append(f'screenshot {match.group(1)} is not in {screenshots}')
            continue
        size = png_size(path)
        if size is None:
            problems.append(f'{path} is not a PNG')
        elif size[0] > MAX_SCREENSHOT[0] or size[1] > MAX_SCREENSHOT[1]:
            problems.append(f'{path} is {size[0]}×{size[1]}, more than '
                            f'{MAX_SCREENSHOT[0]}×{MAX_SCREENSHOT[1]}')
    return problems


def check_file(path, args, screenshots):
    problems = run_appstreamcli(args.appstreamcli, path) if args.appstreamcli else []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return problems + [f'does not parse: {e}']
    return problems + check(root, args.version, screenshots)


def write_png(path, width, height):
    row = b'\x00' + b'\xff\xff\xff' * width
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + \
            struct.pack('>I', zlib.crc32(kind + data))
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' +
                chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
                chunk(b'IDAT', zlib.compress(row * height)) + chunk(b'IEND', b''))


def self_test(args):
    """Every way of breaking the file must be caught."""
    good = ET.parse(args.metainfo)

    def first(root, tag):
        return untranslated(root, tag)[0]

    def set_summary(value):
        def mutate(root):
            first(root, 'summary').text = value
        return mutate

    def remove(xpath):
        def mutate(root):
            for parent in root.iter():
                for child in list(parent):
                    if child in root.findall(xpath):
                        parent.remove(child)
        return mutate

    def no_unofficial(root):
        description = root.find('description')
        for p in untranslated(description, 'p'):
            if 'not made' in text(p):
                description.remove(p)

    def branch_url(root):
        image = first(root.find('screenshots/screenshot'), 'image')
        image.text = re.sub(r'/v[0-9.]+/', '/main/', image.text)

    def no_developer_id(root):
        del root.find('developer').attrib['id']

    def no_caption(root):
        shot = root.find('screenshots/screenshot')
        for caption in shot.findall('caption'):
            shot.remove(caption)

    def old_release(root):
        root.find('releases/release').set('version', '0.0.1')

    def swapped_branding(root):
        for colour in root.findall('branding/color'):
            colour.set('scheme_preference',
                       {'light': 'dark', 'dark': 'light'}[colour.get('scheme_preference')])

    big = 'big-screenshot'
    mutations = [
        ('appstreamcli catches a missing <name>', remove('name'), 'appstreamcli'),
    ] if args.appstreamcli else []
    mutations += [
        ('summary too long', set_summary('Correct licences bought by mistake, fast'),
         'characters'),
        ('summary leads with the trademark', set_summary('Ringover licence fixes'),
         'trademark'),
        ('not said unofficial', no_unofficial, 'not made by'),
        ('no developer id', no_developer_id, 'developer id'),
        ('no dark branding', remove("branding/color[@scheme_preference='dark']"), 'branding'),
        ('branding swapped', swapped_branding, 'light one must be light'),
        ('release is not the version', old_release, 'meson.build says'),
        ('no content rating', remove('content_rating'), 'content_rating'),
        ('no launchable', remove('launchable'), 'launchable'),
        ('no bug tracker', remove("url[@type='bugtracker']"), 'bugtracker'),
        ('no translation domain', remove('translation'), 'translation'),
        ('screenshot on a branch', branch_url, 'is not linked at'),
        ('screenshot without caption', no_caption, 'no caption'),
        ('screenshot too big', None, '1000×760'),
    ]
    missed = []
    with tempfile.TemporaryDirectory() as tmp:
        shots = os.path.join(tmp, 'screenshots')
        shutil.copytree(args.screenshots, shots)
        for name, mutate, expected in mutations:
            tree = copy.deepcopy(good)
            screenshots = shots
            if mutate is None:
                screenshots = os.path.join(tmp, big)
                shutil.copytree(shots, screenshots)
                default = root_default_shot(tree.getroot())
                write_png(os.path.join(screenshots, default), 1000, 760)
            else:
                mutate(tree.getroot())
            path = os.path.join(tmp, 'broken.metainfo.xml')
            tree.write(path, encoding='utf-8', xml_declaration=True)
            problems = check_file(path, args, screenshots)
            caught = any(expected in p for p in problems)
            print(f"{'ok' if caught else 'MISSED'}: {name}")
            if not caught:
                missed.append(f'{name}: {problems}')
        problems = check_file(args.metainfo, args, args.screenshots)
        if problems:
            missed.append(f'the real file fails: {problems}')
    return missed


def root_default_shot(root):
    for shot in root.findall('screenshots/screenshot'):
        if shot.get('type') == 'default':
            return text(first_image(shot)).rsplit('/', 1)[-1]
    raise SystemExit('no default screenshot to break')


def first_image(shot):
    return untranslated(shot, 'image')[0]


parser = argparse.ArgumentParser()
parser.add_argument('--version', required=True)
parser.add_argument('--screenshots', required=True, help='data/screenshots')
parser.add_argument('--appstreamcli', help='run appstreamcli validate too')
parser.add_argument('--self-test', action='store_true')
parser.add_argument('metainfo')
args = parser.parse_args()

if args.self_test:
    if not args.appstreamcli:
        print('note: no appstreamcli, its part is not tested')
    failures = self_test(args)
else:
    failures = check_file(args.metainfo, args, args.screenshots)
for message in failures:
    print('FAIL: ' + message)
if failures:
    sys.exit(1)
print(f'ok: {args.metainfo}')
