"""EPUB build of a generated 40-part book: warraq against pandoc.

The same text goes to both: warraq reads the 40 generated parts
(bench/series.py); pandoc reads them as one Markdown file (`# title` per
part, a paragraph per line, a YAML block with title, author and language) and
runs `pandoc book.md -o book.epub`.  Each tool runs 3 times, interleaved, and
the median is reported: wall time, and peak memory of the process tree (the
sum of the resident sizes of the process and its children, sampled every
10 ms, and never less than the kernel's own maximum for the process).

warraq caches its font subsets by content (warraq/writers/fontsubset.py), so
its first build on a machine is slower than the next ones: the cold build
(empty cache) is measured once and reported apart; the 3 timed runs use the
cache the cold build filled, as an author's repeated builds do.  The same
build with `--format html` is timed too, so the EPUB writer's own share shows
apart from the shared pipeline (reading, dedup, Qur'an, sources, notes).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.series import write_series

PARTS = 40
RUNS = 3
TARGET = 0.5  # warraq at most half of pandoc's wall time


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def as_markdown(root: Path) -> str:
    """The generated parts as one Markdown book, text unchanged."""
    chunks = ["---", "title: بقعة ضوء", "author: كاتب السلسلة", "lang: ar", "---", ""]
    for path in sorted((root / "parts").glob("*.txt")):
        lines = [line.strip() for line in path.read_text("utf-8").split("\n") if line.strip()]
        chunks.append(f"# {lines[0]}\n")
        chunks += [f"{line}\n" for line in lines[1:]]
    return "\n".join(chunks)


def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and its descendants (0 once it is gone)."""
    total = 0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            children = [int(c) for c in fh.read().split()]
    except (OSError, ValueError):
        return total
    return total + sum(_tree_rss(c) for c in children)


def measure(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """(wall seconds, peak bytes of the process tree) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.01)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {err[-500:]}")
    return wall, max(peak, usage.ru_maxrss * 1024)


def run(workdir: Path) -> dict:
    root = write_series(workdir, PARTS)
    md = workdir / "book.md"
    md.write_text(as_markdown(root), "utf-8")
    cache = {"XDG_CACHE_HOME": str(workdir / "cache"), "SOURCE_DATE_EPOCH": "1767225600"}
    warraq = [sys.executable, "-m", "warraq", "build", "--format", "epub", "--quiet", "-m", str(root)]
    pandoc = [pandoc_path(), str(md), "-o", str(workdir / "pandoc.epub")]

    cold = measure([*warraq, "-o", str(workdir / "cold")], cache)
    html = [a if a != "epub" else "html" for a in warraq]
    runs: dict[str, list[tuple[float, int]]] = {"warraq": [], "pandoc": [], "html": []}
    for i in range(RUNS):
        runs["warraq"].append(measure([*warraq, "-o", str(workdir / f"out{i}")], cache))
        runs["pandoc"].append(measure(pandoc))
        runs["html"].append(measure([*html, "-o", str(workdir / f"html{i}")], cache))
    epub = workdir / "out0" / f"series-{PARTS}.epub"
    if not epub.is_file():
        raise RuntimeError(f"warraq wrote no {epub.name}")

    def med(tool: str, i: int) -> float:
        return statistics.median(r[i] for r in runs[tool])

    w_time, p_time = med("warraq", 0), med("pandoc", 0)
    w_mem, p_mem = med("warraq", 1), med("pandoc", 1)
    return {
        "parts": PARTS,
        "runs": RUNS,
        "markdown_bytes": md.stat().st_size,
        "warraq_seconds": round(w_time, 3),
        "pandoc_seconds": round(p_time, 3),
        "time_ratio": round(w_time / p_time, 3),
        "target_ratio": TARGET,
        "meets_target": w_time / p_time <= TARGET,
        "warraq_cold_seconds": round(cold[0], 3),
        # the same build writing HTML: read, transforms and report without the EPUB writer
        "warraq_html_seconds": round(med("html", 0), 3),
        "epub_writer_seconds": round(w_time - med("html", 0), 3),
        "cold_time_ratio": round(cold[0] / p_time, 3),
        "warraq_peak_mib": round(w_mem / 2**20, 1),
        "pandoc_peak_mib": round(p_mem / 2**20, 1),
        "memory_ratio": round(w_mem / p_mem, 3),
        "warraq_epub_bytes": epub.stat().st_size,
        "pandoc_epub_bytes": (workdir / "pandoc.epub").stat().st_size,
        "all_seconds": {tool: [round(r[0], 3) for r in rs] for tool, rs in runs.items()},
    }


def markdown(f: dict) -> str:
    verdict = "meets" if f["meets_target"] else "MISSES"
    return "\n".join(
        [
            f"## EPUB: {f['parts']}-part generated book, warraq vs pandoc (median of {f['runs']})",
            "",
            "| | wall time (s) | peak memory (MiB) | EPUB size (bytes) |",
            "| --- | ---: | ---: | ---: |",
            f"| warraq (font cache warm) | {f['warraq_seconds']} | {f['warraq_peak_mib']} | {f['warraq_epub_bytes']} |",
            f"| warraq (first build, cold cache) | {f['warraq_cold_seconds']} | | |",
            f"| warraq `--format html` (same pipeline, no EPUB writer) | {f['warraq_html_seconds']} | | |",
            f"| pandoc `-o book.epub` | {f['pandoc_seconds']} | {f['pandoc_peak_mib']} | {f['pandoc_epub_bytes']} |",
            "",
            f"Time ratio warraq/pandoc: {f['time_ratio']} (target ≤ {f['target_ratio']}: {verdict}); "
            f"cold build: {f['cold_time_ratio']}. Memory ratio: {f['memory_ratio']}. "
            f"The EPUB writer's own share (EPUB minus HTML build): {f['epub_writer_seconds']} s. "
            "warraq's EPUB embeds four subset Amiri faces and a cover; pandoc's embeds no font.",
        ]
    )
