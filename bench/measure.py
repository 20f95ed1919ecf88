"""Measuring one command: wall time, CPU time and the peak memory of its
whole process tree; and the statistics the benchmarks report.

`measure(cmd)` runs `cmd` in a fresh child process and samples, every
10 ms, the resident memory of the child and all its descendants (the sum of
their VmRSS in /proc, children found through every thread's
`/proc/PID/task/TID/children`).  The peak is that sum's largest sample, and
never less than the child's own high-water mark (VmHWM, read with each
sample: a peak shorter than the sampling interval still counts).  The sum
counts pages that processes share (after a fork) once per process, so it
errs on the high side.  The kernel's `ru_maxrss` is not used: it is the
largest single process only, and a child started from a large process (the
benchmark runner after an in-process layout) inherits that process's size
in it.  CPU time is the child's and its waited-for descendants' user +
system time (`wait4`).
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.01


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    seconds: float  # wall time
    cpu_seconds: float  # user + system of the process tree
    peak_bytes: int  # largest resident size of the process tree

    @property
    def peak_mib(self) -> float:
        return self.peak_bytes / 2**20


class CommandFailed(RuntimeError):
    pass


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                found += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(resident bytes, resident high-water mark) of one process."""
    found = {}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    found[line[:5]] = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return found.get("VmRSS", 0), found.get("VmHWM", 0)


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants (0 once it is gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _memory(current)[0]
        todo += _children(current)
    return total


def measure(cmd: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Sample:
    """Run `cmd` once; raise CommandFailed (with its stderr's end) when it fails."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), env={**os.environ, **(env or {})}, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr
        )
        peak = 0
        while True:
            # Popen returns once the child has exec'd: its high-water mark is its own
            peak = max(peak, _memory(proc.pid)[1])
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(SAMPLE_SECONDS)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace")[-800:]
            raise CommandFailed(f"{' '.join(cmd[:4])} … failed ({proc.returncode}): {message}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, peak)


def median(samples: Sequence[Sample]) -> Sample:
    """The median of each figure over repeated runs."""
    return Sample(
        statistics.median(s.seconds for s in samples),
        statistics.median(s.cpu_seconds for s in samples),
        int(statistics.median(s.peak_bytes for s in samples)),
    )


def growth_exponent(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) against log(x): 1.0 is linear growth."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
