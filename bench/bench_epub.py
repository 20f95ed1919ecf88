"""EPUB build of a generated 40-part book: warraq against pandoc.

The same text goes to both: warraq reads the 40 generated parts
(bench/series.py); pandoc reads the book warraq builds from them as one
Markdown file, footnotes included (bench/pandoc_book.py), and runs
`pandoc book.md -o book.epub`, embedding the Amiri faces as warraq does.
Each tool runs 3 times, interleaved, and the median is reported: wall time,
and peak memory of the whole process tree (bench/measure.py).  The suite
(bench_suite.py) makes the same comparison at 10, 40 and 160 parts; this
module adds the cold build, the EPUB writer's own share and the files' sizes.

warraq caches its font subsets by content (warraq/writers/fontsubset.py), so
its first build on a machine is slower than the next ones: the cold build
(empty cache) is measured once and reported apart; the 3 timed runs use the
cache the cold build filled, as an author's repeated builds do.  The same
build with `--format html` is timed too, so the EPUB writer's own share shows
apart from the shared pipeline (reading, dedup, Qur'an, sources, notes).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from bench.measure import Sample, measure
from bench.pandoc_book import pandoc_command, pandoc_markdown
from bench.series import write_series

PARTS = 40
RUNS = 3
TARGET = 0.5  # warraq at most half of pandoc's wall time


def as_markdown(root: Path) -> str:
    """The book warraq builds from `root`, as pandoc Markdown."""
    from warraq.pipeline import BuildOptions, load, transform

    config, book, _ = load(root)
    book, _ = transform(book, config, BuildOptions(("epub",)))
    return pandoc_markdown(book)


def run(workdir: Path) -> dict:
    root = write_series(workdir, PARTS, sources=True)
    md = workdir / "book.md"
    md.write_text(as_markdown(root), "utf-8")
    cache = {"XDG_CACHE_HOME": str(workdir / "cache"), "SOURCE_DATE_EPOCH": "1767225600"}
    warraq = [sys.executable, "-m", "warraq", "build", "--format", "epub", "--quiet", "-m", str(root)]
    pandoc = pandoc_command(md, workdir / "pandoc.epub")

    cold = measure([*warraq, "-o", str(workdir / "cold")], cache)
    html = [a if a != "epub" else "html" for a in warraq]
    runs: dict[str, list[Sample]] = {"warraq": [], "pandoc": [], "html": []}
    for i in range(RUNS):
        runs["warraq"].append(measure([*warraq, "-o", str(workdir / f"out{i}")], cache))
        runs["pandoc"].append(measure(pandoc))
        runs["html"].append(measure([*html, "-o", str(workdir / f"html{i}")], cache))
    epub = workdir / "out0" / f"series-{PARTS}.epub"
    if not epub.is_file():
        raise RuntimeError(f"warraq wrote no {epub.name}")

    def med(tool: str, figure: str) -> float:
        return statistics.median(getattr(r, figure) for r in runs[tool])

    w_time, p_time = med("warraq", "seconds"), med("pandoc", "seconds")
    w_mem, p_mem = med("warraq", "peak_bytes"), med("pandoc", "peak_bytes")
    return {
        "parts": PARTS,
        "runs": RUNS,
        "markdown_bytes": md.stat().st_size,
        "warraq_seconds": round(w_time, 3),
        "pandoc_seconds": round(p_time, 3),
        "time_ratio": round(w_time / p_time, 3),
        "target_ratio": TARGET,
        "meets_target": w_time / p_time <= TARGET,
        "warraq_cold_seconds": round(cold.seconds, 3),
        # the same build writing HTML: read, transforms and report without the EPUB writer
        "warraq_html_seconds": round(med("html", "seconds"), 3),
        "epub_writer_seconds": round(w_time - med("html", "seconds"), 3),
        "cold_time_ratio": round(cold.seconds / p_time, 3),
        "warraq_peak_mib": round(w_mem / 2**20, 1),
        "pandoc_peak_mib": round(p_mem / 2**20, 1),
        "memory_ratio": round(w_mem / p_mem, 3),
        "warraq_epub_bytes": epub.stat().st_size,
        "pandoc_epub_bytes": (workdir / "pandoc.epub").stat().st_size,
        "all_seconds": {tool: [round(r.seconds, 3) for r in rs] for tool, rs in runs.items()},
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
            "warraq's EPUB embeds four subset Amiri faces and a cover; pandoc's the four whole faces.",
        ]
    )
