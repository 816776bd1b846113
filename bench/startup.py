#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Start-up of Rectify against a bare AdwApplicationWindow (bench/bare-window.c)
#
#   bench/startup.py BUILDDIR [RUNS]
#
# Run it inside a display and a session bus (bench/run does: Xvfb and
# dbus-run-session). Both programs run alternately, RUNS times each after one
# warm-up run each, in the same environment: GSK_RENDERER=cairo,
# GSETTINGS_BACKEND=memory, a new empty XDG_DATA_HOME for every run, and
# RECTIFY_BENCH_EXIT_AFTER_FRAME=1, with which each prints the time from the
# start of its main() to its first frame ("first-frame-us") and to the first
# idle moment after it ("idle-us"), then quits. Peak memory is the kernel's
# ru_maxrss of the process at exit (VmHWM), read with wait4(). Medians are
# reported, with the goals: first frame within 1.25x of the bare window, peak
# memory within 15 MB of it.

import os
import statistics
import sys
import tempfile
import time

GOAL_RATIO = 1.25
GOAL_EXTRA_MB = 15.0


def measure(argv, env):
    """Runs argv once; returns (first_frame_ms, idle_ms, wall_ms, peak_mb)."""
    with tempfile.TemporaryDirectory(prefix="rectify-bench-data-") as data_home:
        run_env = dict(env, XDG_DATA_HOME=data_home)
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
        wall = time.monotonic() - start

    values = {}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        if key in ("first-frame-us", "idle-us"):
            values[key] = int(value) / 1000.0
    if os.waitstatus_to_exitcode(status) != 0 or len(values) != 2:
        raise RuntimeError(f"{argv[0]} failed (status {status}): {out!r}")
    return (values["first-frame-us"], values["idle-us"], wall * 1000.0,
            usage.ru_maxrss / 1024.0)


def verdict(ok):
    return "meets the goal" if ok else "MISSES the goal"


def main():
    if len(sys.argv) < 2:
        print("usage: startup.py BUILDDIR [RUNS]", file=sys.stderr)
        return 2
    build = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10

    env = dict(os.environ,
               GSK_RENDERER="cairo",
               GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"),
               RECTIFY_BENCH_EXIT_AFTER_FRAME="1")
    programs = {
        "rectify": [os.path.join(build, "src", "rectify")],
        "bare window": [os.path.join(build, "bench", "bare-window")],
    }

    results = {name: [] for name in programs}
    for name, argv in programs.items():  # warm-up: page cache, font cache
        measure(argv, env)
    for _ in range(runs):
        for name, argv in programs.items():
            results[name].append(measure(argv, env))

    medians = {}
    print(f"start-up, median of {runs} runs each "
          "(from main() to the first frame / to idle; process wall time; peak RSS)")
    for name, samples in results.items():
        columns = list(zip(*samples))
        medians[name] = [statistics.median(c) for c in columns]
        frame, idle, wall, peak = medians[name]
        spread = f"first frame {min(columns[0]):.0f}-{max(columns[0]):.0f} ms"
        print(f"  {name:12} first frame {frame:6.1f} ms  idle {idle:6.1f} ms  "
              f"wall {wall:6.1f} ms  peak RSS {peak:6.1f} MB  ({spread})")

    app, bare = medians["rectify"], medians["bare window"]
    ratio_frame = app[0] / bare[0]
    ratio_idle = app[1] / bare[1]
    extra = app[3] - bare[3]
    print(f"  first frame ratio {ratio_frame:.2f}x (goal <= {GOAL_RATIO}x): "
          f"{verdict(ratio_frame <= GOAL_RATIO)}")
    print(f"  idle ratio        {ratio_idle:.2f}x")
    print(f"  peak RSS          {extra:+.1f} MB over the bare window "
          f"(goal <= +{GOAL_EXTRA_MB:.0f} MB): {verdict(extra <= GOAL_EXTRA_MB)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
