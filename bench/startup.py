#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Start-up of Rectify against a bare AdwApplicationWindow (bench/bare-window.c),
# with no cases and with 10,000, and what the check run at login costs.
#
#   bench/startup.py BUILDDIR [RUNS] [CASES]
#
# Run it inside a display and a session bus (bench/run does: Xvfb and
# dbus-run-session). The three start-ups (bare window, Rectify with no cases,
# Rectify with CASES cases, default 10,000) run alternately, RUNS times each
# (default 10) after one warm-up run each, in the same environment
# (bench/benchenv.py): GSK_RENDERER=cairo, GSETTINGS_BACKEND=keyfile with a
# new configuration folder each run, RECTIFY_TODAY=2026-11-26 (the day the
# cases are made for), and RECTIFY_BENCH_EXIT_AFTER_FRAME=1, with which each
# program prints the time from the start of its main() to its first frame
# and to the first idle moment after it; Rectify also prints when every case
# is in the list and the longest main-loop stall until then, and quits only
# after it (see src/ui/rectify-bench-hooks.c). Rectify with no cases gets a
# new empty data folder each run; with cases, one folder made once by
# bench-store --write, and the configuration names its newest unfinished
# case as the one shown last, as after a real session: with 10,000 cases,
# a sent one, which the window reopens on step 4, the follow-up. Peak
# memory is the kernel's ru_maxrss of the process at exit, read with
# wait4().
#
# Then `rectify --check-reminders` (what runs at login), RUNS times with no
# cases and with CASES: wall time and peak memory.

import os
import shutil
import statistics
import sys
import tempfile
import time

import benchenv

GOAL_RATIO_EMPTY = 1.25
GOAL_RATIO_MANY = 1.30
GOAL_EXTRA_MB_MANY = 40.0
GOAL_STALL_MS = 16.0


def run(argv, env, data_home, last_case, keys):
    """Runs argv once in a new configuration folder; returns (values, wall_ms, peak_mb)."""
    with benchenv.config_home(last_case) as config_home:
        run_env = dict(env, XDG_DATA_HOME=data_home, XDG_CONFIG_HOME=config_home)
        read_fd, write_fd = os.pipe()
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.dup2(write_fd, 1)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(read_fd)
            os.close(write_fd)
            try:
                os.execve(argv[0], argv, run_env)
            finally:
                os._exit(127)
        os.close(write_fd)
        with os.fdopen(read_fd) as stream:
            out = stream.read()
        _, status, usage = os.wait4(pid, 0)
        wall = (time.monotonic() - start) * 1000.0

    values = {}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        if key in keys:
            values[key] = int(value) / 1000.0
    if os.waitstatus_to_exitcode(status) != 0 or set(values) != set(keys):
        raise RuntimeError(f"{argv} failed (status {status}): {out!r}")
    return values, wall, usage.ru_maxrss / 1024.0


def verdict(ok):
    return "meets the goal" if ok else "MISSES the goal"


def main():
    if len(sys.argv) < 2:
        print("usage: startup.py BUILDDIR [RUNS] [CASES]", file=sys.stderr)
        return 2
    build = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    n_cases = int(sys.argv[3]) if len(sys.argv) > 3 else 10000

    env = benchenv.environment(build, RECTIFY_BENCH_EXIT_AFTER_FRAME="1")
    rectify = os.path.join(build, "src", "rectify")
    bare = os.path.join(build, "bench", "bare-window")
    frame_keys = {"first-frame-us", "idle-us"}
    app_keys = frame_keys | {"cases-loaded-us", "list-shown-us", "stall-max-us"}

    many_home = tempfile.mkdtemp(prefix="rectify-bench-cases-")
    empty_homes = []
    try:
        made = time.monotonic()
        last_case = benchenv.write_cases(build, many_home, n_cases)
        print(f"(made {n_cases} cases in {time.monotonic() - made:.1f} s)")

        def empty_home():
            home = tempfile.mkdtemp(prefix="rectify-bench-data-")
            empty_homes.append(home)
            return home

        programs = {
            "bare window": lambda: run([bare], env, empty_home(), None, frame_keys),
            "rectify, no cases": lambda: run([rectify], env, empty_home(), None, app_keys),
            f"rectify, {n_cases} cases": lambda: run([rectify], env, many_home, last_case,
                                                     app_keys),
        }
        results = {name: [] for name in programs}
        for measure in programs.values():  # warm-up: page cache, font cache
            measure()
        for _ in range(runs):
            for name, measure in programs.items():
                results[name].append(measure())

        print(f"start-up, median of {runs} runs each, alternating (ms from main(); "
              "peak RSS at exit)")
        medians = {}
        for name, samples in results.items():
            med = {key: statistics.median(s[0][key] for s in samples) for key in samples[0][0]}
            med["wall"] = statistics.median(s[1] for s in samples)
            med["peak"] = statistics.median(s[2] for s in samples)
            med["frame-min"] = min(s[0]["first-frame-us"] for s in samples)
            med["frame-max"] = max(s[0]["first-frame-us"] for s in samples)
            if "stall-max-us" in samples[0][0]:
                med["stall-worst"] = max(s[0]["stall-max-us"] for s in samples)
            medians[name] = med
            line = (f"  {name:22} first frame {med['first-frame-us']:6.1f} ms "
                    f"({med['frame-min']:.0f}-{med['frame-max']:.0f})  "
                    f"idle {med['idle-us']:6.1f}")
            if "cases-loaded-us" in med:
                line += (f"  list filled {med['cases-loaded-us']:6.1f}"
                         f"  shown {med['list-shown-us']:6.1f}")
            line += f"  wall {med['wall']:6.1f}  peak RSS {med['peak']:6.1f} MB"
            print(line)

        bare_m = medians["bare window"]
        empty_m = medians["rectify, no cases"]
        many_m = medians[f"rectify, {n_cases} cases"]
        ratio_empty = empty_m["first-frame-us"] / bare_m["first-frame-us"]
        ratio_many = many_m["first-frame-us"] / bare_m["first-frame-us"]
        extra_many = many_m["peak"] - bare_m["peak"]
        stall = many_m["stall-max-us"]
        print(f"  first frame, no cases:     {ratio_empty:.2f}x the bare window "
              f"(goal <= {GOAL_RATIO_EMPTY}x): {verdict(ratio_empty <= GOAL_RATIO_EMPTY)}")
        print(f"  first frame, {n_cases} cases: {ratio_many:.2f}x the bare window "
              f"(goal <= {GOAL_RATIO_MANY}x): {verdict(ratio_many <= GOAL_RATIO_MANY)}")
        print(f"  peak RSS, {n_cases} cases:    {extra_many:+.1f} MB over the bare window "
              f"(goal <= +{GOAL_EXTRA_MB_MANY:.0f} MB): "
              f"{verdict(extra_many <= GOAL_EXTRA_MB_MANY)}")
        print(f"  longest stall while {n_cases} cases fill the list: {stall:.1f} ms median, "
              f"{many_m['stall-worst']:.1f} ms worst run (goal <= {GOAL_STALL_MS:.0f} ms): "
              f"{verdict(stall <= GOAL_STALL_MS)}")
        print(f"  (no cases: peak RSS {empty_m['peak'] - bare_m['peak']:+.1f} MB over the "
              f"bare window, longest stall {empty_m['stall-max-us']:.1f} ms)")

        # The check run at login: no window, reminders told, exit.
        print()
        print(f"rectify --check-reminders, median of {runs} runs each")
        check_env = dict(env)
        del check_env["RECTIFY_BENCH_EXIT_AFTER_FRAME"]
        for label, home, last in (("no cases", None, None),
                                  (f"{n_cases} cases", many_home, last_case)):
            samples = [run([rectify, "--check-reminders"], check_env,
                           home or empty_home(), last, set())
                       for _ in range(runs)]
            walls = [s[1] for s in samples]
            peaks = [s[2] for s in samples]
            print(f"  {label:14} wall {statistics.median(walls):7.1f} ms "
                  f"({min(walls):.0f}-{max(walls):.0f})  peak RSS "
                  f"{statistics.median(peaks):6.1f} MB")
    finally:
        shutil.rmtree(many_home, ignore_errors=True)
        for home in empty_homes:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
