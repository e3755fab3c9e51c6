"""bench/registration/run.py with where each burst's CPU went: before and after every burst,
the CPU time of every process on the machine, from /proc, grouped as gunicorn, postgres,
redis and other, printed per request, with the share of the two cores kept busy.

    .venv/bin/python bench/registration/cpu.py [run.py's arguments]

(wrk itself exits before the second reading: its CPU is in neither group.) Registration and
read compare like for like only within a run: the same machine, a few seconds apart."""

import collections
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import bench.registration.run as bench  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
GROUPS = ("gunicorn", "postgres", "redis")


def processes():
    """CPU seconds so far of the machine's processes, by group."""
    seconds = collections.Counter()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat, open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                fields, command = stat.read().rsplit(")", 1)[1].split(), cmdline.read().decode(errors="replace")
        except OSError:
            continue  # gone meanwhile
        group = next((name for name in GROUPS if name in command), "other")
        seconds[group] += (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime
    return seconds


def cores():
    """(busy, total) jiffies of all cores so far."""
    with open("/proc/stat") as stat:
        values = [int(value) for value in stat.readline().split()[1:]]
    return sum(values) - values[3] - values[4], sum(values)  # idle and iowait are not busy


def fire(stack, method, path, body, **kwargs):
    before, busy_before = processes(), cores()
    result = _fire(stack, method, path, body, **kwargs)
    after, busy_after = processes(), cores()
    per_request = ", ".join(f"{group} {(after[group] - before[group]) * 1000 / result['answers']:.2f}"
                            for group in (*GROUPS, "other"))
    busy = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1])
    print(f"  CPU per {method}, ms: {per_request} · cores busy {busy:.0%} over {result['seconds']:.2f} s", flush=True)
    return result


_fire, bench.fire = bench.fire, fire

if __name__ == "__main__":
    sys.exit(bench.main())
