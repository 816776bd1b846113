#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Instructions to the first frame: the bare window (bench/bare-window.c),
# Rectify with no cases and Rectify with CASES cases, each counted once by
# callgrind from main() to the moment its first frame is painted.
#
#   bench/frame-ir.py BUILDDIR [CASES] [RUNS] [OUTDIR]
#
# Run it inside a display and a session bus, in the environment
# bench/startup.py uses (it sets the same variables):
#
#   xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' \
#     dbus-run-session -- python3 bench/frame-ir.py _build-bench
#
# Unlike wall-clock time, the count does not change with what else the
# machine is doing, so a change to start-up can be judged on a shared
# machine; it is not a time (waiting on the display or on a worker thread
# costs no instructions of the main thread). With
# RECTIFY_BENCH_EXIT_AT_FRAME=1 each program ends itself right after its
# first frame (src/ui/rectify-bench-hooks.c, bench/bare-window.c), and only
# the main thread's instructions under main() are counted
# (--toggle-collect=main). CASES defaults to 10,000; 0 skips that run.
#
# Each program is counted RUNS times (default 3) and the least count is
# given, with the spread: GTK loads the icon theme in a worker thread, and
# about one run in three the main thread finds it not loaded yet and loads
# it again itself (some 65 M more). The callgrind files (the least run of
# each) are kept in OUTDIR (default: a new temporary folder) for
# callgrind_annotate.

import os
import re
import shutil
import subprocess
import sys
import tempfile

import benchenv



def count(name, program, env, data_home, last_case, outdir):
    """Runs program under callgrind in a new configuration folder; returns its Ir."""
    out = os.path.join(outdir, f"callgrind.out.{name}")
    if os.path.exists(out):
        os.remove(out)
    with benchenv.config_home(last_case) as config_home:
        run_env = dict(env, XDG_DATA_HOME=data_home, XDG_CONFIG_HOME=config_home)
        subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=main",
                        f"--callgrind-out-file={out}", program],
                       env=run_env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    with open(out) as stream:
        for line in stream:
            match = re.match(r"(?:summary|totals): (\d+)", line)
            if match:
                return int(match.group(1))
    raise RuntimeError(f"no total in {out}")


def main():
    if len(sys.argv) < 2:
        print("usage: frame-ir.py BUILDDIR [CASES] [RUNS] [OUTDIR]", file=sys.stderr)
        return 2
    build = os.path.abspath(sys.argv[1])
    n_cases = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    outdir = sys.argv[4] if len(sys.argv) > 4 else tempfile.mkdtemp(prefix="rectify-ir-")
    os.makedirs(outdir, exist_ok=True)

    env = benchenv.environment(build, RECTIFY_BENCH_EXIT_AT_FRAME="1")
    env.pop("RECTIFY_BENCH_EXIT_AFTER_FRAME", None)
    rectify = os.path.join(build, "src", "rectify")
    bare = os.path.join(build, "bench", "bare-window")

    homes = []
    try:
        def new_home():
            homes.append(tempfile.mkdtemp(prefix="rectify-ir-data-"))
            return homes[-1]

        def least(name, program, home_for_run, last_case):
            """Counts RUNS times; keeps the least run's file as callgrind.out.NAME."""
            counts = []
            for i in range(runs):
                counts.append(count(f"{name}.{i}", program, env, home_for_run(), last_case,
                                    outdir))
            best = counts.index(min(counts))
            os.replace(os.path.join(outdir, f"callgrind.out.{name}.{best}"),
                       os.path.join(outdir, f"callgrind.out.{name}"))
            for i in range(runs):
                path = os.path.join(outdir, f"callgrind.out.{name}.{i}")
                if os.path.exists(path):
                    os.remove(path)
            return min(counts), max(counts)

        results = [("bare window", least("bare", bare, new_home, None)),
                   ("rectify, no cases", least("empty", rectify, new_home, None))]
        if n_cases > 0:
            home = new_home()
            last_case = benchenv.write_cases(build, home, n_cases)
            results.append((f"rectify, {n_cases} cases",
                            least("cases", rectify, lambda: home, last_case)))
    finally:
        for home in homes:
            shutil.rmtree(home, ignore_errors=True)

    bare_ir = results[0][1][0]
    print(f"instructions (Ir) from main() to the first frame, main thread, least of {runs}")
    for name, (ir, most) in results:
        print(f"  {name:22} {ir / 1e6:8.1f} M  {ir / bare_ir:5.2f}x the bare window"
              f"  (most {most / 1e6:.1f} M)")
    print(f"(callgrind files in {outdir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
