# SPDX-License-Identifier: GPL-3.0-or-later
#
# What bench/startup.py and bench/frame-ir.py share: the environment every
# program runs in, the cases made for it, and a new configuration folder
# for each run.

import contextlib
import os
import subprocess
import tempfile

SCHEMA_GROUP = "io/github/rectify/Rectify"


def environment(build, **extra):
    """The environment of every run: the cairo renderer, settings in a key
    file, and the day bench-store's cases are made for (so the same
    reminders fall due in every run, whatever the date)."""
    return dict(os.environ,
                GSK_RENDERER="cairo",
                GSETTINGS_BACKEND="keyfile",
                GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"),
                RECTIFY_TODAY="2026-11-26",
                **extra)


def write_cases(build, data_home, n_cases):
    """Writes n_cases case files into data_home's case folder with
    bench-store; returns the reference of the newest unfinished one."""
    return subprocess.run(
        [os.path.join(build, "bench", "bench-store"), "--write",
         os.path.join(data_home, "rectify", "cases"), str(n_cases)],
        check=True, capture_output=True, text=True).stdout.strip()


@contextlib.contextmanager
def config_home(last_case):
    """A new configuration folder, naming last_case (if any) as the case
    shown when the window last closed."""
    with tempfile.TemporaryDirectory(prefix="rectify-bench-config-") as home:
        if last_case:
            settings = os.path.join(home, "glib-2.0", "settings")
            os.makedirs(settings)
            with open(os.path.join(settings, "keyfile"), "w") as keyfile:
                keyfile.write(f"[{SCHEMA_GROUP}]\nlast-case='{last_case}'\n")
        yield home
