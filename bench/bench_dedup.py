"""Dedup at scale: a generated series of 100, 250, 500 and 1,000 parts (about
1,900 words a part: 1.9 million words at 1,000 parts), with repeats planted
the way authors make them: the same sign-off closing every part, a recap of
the previous part's last three paragraphs opening every 10th part, and a
paragraph of part n-5 re-pasted with one word changed in every 25th part.

Each size runs in a child process pinned to one core: the book is read and
assembled first (not timed), then `dedup` alone is timed (best of 3), then
its allocations are measured with tracemalloc; the child's peak RSS covers
the whole process (Python, the book model and dedup).  Time is CPU time of
the one core (`time.process_time`), best of 3: the machine may be shared, so
wall time is reported beside it with the load average.  The growth exponent
is the slope of log(CPU time) against log(words): 1.0 is linear.

Targets (issue #3): 1,000 parts in under 5 s on one core, under 1 GB.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

from bench.series import write_series

ROOT = Path(__file__).resolve().parents[1]
SIZES = (100, 250, 500, 1000)
SIGN_OFF = "وللحديث بقية إن شاء الله"
RECAP_EVERY, REPASTE_EVERY, REPASTE_FROM = 10, 25, 5
TARGET_SECONDS, TARGET_MB = 5.0, 1024.0


def _body(path: Path) -> list[str]:
    return path.read_text("utf-8").rstrip("\n").split("\n")


def _repaste_line(lines: list[str]) -> str:
    """The first long plain paragraph of a part, with its 10th word changed."""
    for line in lines[1:]:
        if len(line.split()) >= 60 and not any(c in line for c in "«»“”{}﴿﴾:"):
            words = line.split()
            words[9] = "المختلف"
            return " ".join(words)
    raise AssertionError("no long plain paragraph in the part")  # the seed has several


def plant_repeats(root: Path, parts: int) -> dict[str, int]:
    """Add the sign-offs, recaps and re-pastes; return the findings expected."""
    files = [root / "parts" / f"{n:04d}.txt" for n in range(1, parts + 1)]
    original = {n: _body(f) for n, f in enumerate(files, 1)}
    for n, path in enumerate(files, 1):
        lines = list(original[n])
        if n % RECAP_EVERY == 0:
            lines[1:1] = original[n - 1][-3:]
        if n % REPASTE_EVERY == 0:
            lines.append(_repaste_line(original[n - REPASTE_FROM]))
        lines.append(SIGN_OFF)
        path.write_text("\n".join(lines) + "\n", "utf-8")
    return {"run": parts // RECAP_EVERY, "near": parts // REPASTE_EVERY, "boilerplate": 1, "sign_offs": parts}


def measure(manuscript: str) -> dict:
    """In the child process: time dedup alone on one core, then its memory."""
    import gc
    import os
    import resource
    import time
    import tracemalloc

    from warraq.pipeline import load
    from warraq.transforms.dedup import dedup

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    start = time.perf_counter()
    config, book, _ = load(Path(manuscript))
    load_seconds = time.perf_counter() - start
    words = sum(len(p.read_text("utf-8").split()) for p in config.parts_dir.iterdir())
    times, cpu = [], []
    for _ in range(3):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        _, findings = dedup(book, config)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gc.collect()
    tracemalloc.start()
    dedup(book, config)
    traced_peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rules: dict[str, int] = {}
    for f in findings:
        rules[f.rule] = rules.get(f.rule, 0) + 1
    boiler = [f for f in findings if f.rule == "boilerplate"]
    return {
        "words": words,
        "blocks": sum(len(p.blocks) for p in book.parts),
        "load_seconds": round(load_seconds, 2),
        "dedup_seconds": round(min(times), 3),
        "dedup_cpu_seconds": round(min(cpu), 3),
        "dedup_runs": [round(t, 3) for t in times],
        "load_average": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "dedup_alloc_peak_mb": round(traced_peak_mb, 1),
        "findings": rules,
        "sign_offs_removed": len(boiler[0].data["removed"]) if boiler else 0,
    }


def growth_exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) against log(x)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def run(workdir: Path) -> dict:
    sizes = []
    for parts in SIZES:
        root = write_series(workdir, parts, longer=True)
        expected = plant_repeats(root, parts)
        child = subprocess.run(
            [sys.executable, "-c", f"import json, bench.bench_dedup as b; print(json.dumps(b.measure({str(root)!r})))"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(child.stdout)
        found = figures["findings"]
        figures["parts"] = parts
        figures["as_planted"] = (
            found.get("run", 0) == expected["run"]
            and found.get("near", 0) == expected["near"]
            and found.get("boilerplate", 0) == 1
            and figures["sign_offs_removed"] == expected["sign_offs"]
            and set(found) <= {"run", "near", "boilerplate"}
        )
        figures["expected"] = expected
        sizes.append(figures)
        print(f"bench: dedup {parts} parts: {figures['dedup_cpu_seconds']} s", file=sys.stderr, flush=True)
    largest = sizes[-1]
    exponent = growth_exponent([(s["words"], s["dedup_cpu_seconds"]) for s in sizes])
    return {
        "sizes": sizes,
        "growth_exponent": round(exponent, 2),
        "words_per_second": round(largest["words"] / largest["dedup_cpu_seconds"]),
        "meets_time_target": largest["dedup_cpu_seconds"] < TARGET_SECONDS,
        "meets_memory_target": largest["peak_rss_mb"] < TARGET_MB,
        "all_as_planted": all(s["as_planted"] for s in sizes),
    }


def markdown(figures: dict) -> str:
    rows = [
        "## Dedup at scale (one core)",
        "",
        "| parts | words | blocks | dedup CPU s | wall s (load) | peak RSS MB | dedup alloc MB "
        "| runs / near / boilerplate | as planted |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |",
    ]
    for s in figures["sizes"]:
        f = s["findings"]
        found = f"{f.get('run', 0)} / {f.get('near', 0)} / {f.get('boilerplate', 0)}"
        found += f" ({s['sign_offs_removed']} sign-offs)"
        rows.append(
            f"| {s['parts']} | {s['words']:,} | {s['blocks']:,} | {s['dedup_cpu_seconds']} "
            f"| {s['dedup_seconds']} ({s['load_average']}) | {s['peak_rss_mb']} "
            f"| {s['dedup_alloc_peak_mb']} | {found} | {'yes' if s['as_planted'] else 'NO'} |"
        )
    largest = figures["sizes"][-1]
    rows += [
        "",
        f"Growth exponent (log CPU time / log words, 100 → 1,000 parts): {figures['growth_exponent']} "
        "(1.0 = linear); "
        f"{figures['words_per_second']:,} words/s at {largest['parts']} parts.",
        f"Targets: under {TARGET_SECONDS:g} s — {'met' if figures['meets_time_target'] else 'MISSED'}; "
        f"under {TARGET_MB:g} MB — {'met' if figures['meets_memory_target'] else 'MISSED'}.",
    ]
    return "\n".join(rows)
