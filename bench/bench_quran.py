"""Qur'an verse identification: scanning a 20,000-word part for verses,
including loading the index, must take under 0.5 s.

The part is the seed's structure (bench/series.py) repeated until it holds
20,000 words, with 40 real verses of the Tanzil text added as ﴿…﴾ lines (20
with a typed reference) so the scan has real work.  Each run is a fresh
process, so the index is built from the bundled text every time (nothing is
cached between runs); the figure is the median of five runs.  No peer tool
identifies Qur'an quotations, so there is no ratio to report.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
from pathlib import Path

from warraq.corpora.surahs import surah

from .series import part_text

WORDS = 20_000
VERSES = 40
RUNS = 5
TARGET_SECONDS = 0.5

# run in a fresh interpreter: import, build the index, read the part and
# identify every delimited verse (the quran transform's work on that part);
# only the interpreter's own start-up is not counted
PROBE = r"""
import json, sys, time, tracemalloc
start = time.perf_counter()
from warraq.model import Paragraph, Quotation, Quran, Verse
from warraq.corpora.quran import QuranIndex, DATA
from warraq.readers.text import read_text
from importlib import resources
imported = time.perf_counter()
index = QuranIndex(resources.files("warraq").joinpath(DATA).read_text("utf-8"))
built = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
_, _, blocks = read_text(text, "part.txt")
quotes = []
for b in blocks:
    paras = b.paragraphs if isinstance(b, Quotation) else (b,)
    for p in paras:
        if isinstance(p, Verse):
            quotes.append(p.quote)
        elif isinstance(p, Paragraph):
            quotes.extend(n for n in p.inlines if isinstance(n, Quran))
found = sum(1 for q in quotes if index.identify(q.text))
done = time.perf_counter()
# memory of the index, measured apart (tracemalloc slows allocation down)
del index
tracemalloc.start()
index = QuranIndex(resources.files("warraq").joinpath(DATA).read_text("utf-8"))
size, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(json.dumps({
    "import": imported - start, "build": built - imported, "scan": done - built,
    "total": done - start, "verses": len(quotes), "identified": found,
    "index_mb": size / 2**20, "index_peak_mb": peak / 2**20, "words": len(text.split()),
}))
"""


def make_part(path: Path) -> int:
    """Write the 20,000-word part; return its word count."""
    rng = random.Random(4)
    tanzil = (Path(__file__).resolve().parents[1] / "src/warraq/data/quran-simple-clean.txt").read_text("utf-8")
    ayahs = [line.split("|", 2) for line in tanzil.splitlines() if line[:1].isdigit()]
    lines: list[str] = []
    n = 1
    while sum(len(line.split()) for line in lines) < WORDS - 600:
        body = part_text(n).splitlines()
        lines += body if n == 1 else body[1:]
        n += 1
    for i, (s, a, verse) in enumerate(rng.sample(ayahs, VERSES)):
        typed = f" {a} {surah(int(s)).name}" if i % 2 else ""  # as authors type it: 7 محمد
        lines.insert(rng.randrange(1, len(lines)), f"﴿{verse}﴾{typed}")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return len(path.read_text("utf-8").split())


def run(workdir: Path) -> dict:
    part = workdir / "part.txt"
    make_part(part)
    samples = []
    for _ in range(RUNS):
        proc = subprocess.run(
            [sys.executable, "-c", PROBE, str(part)], capture_output=True, text=True, check=True, timeout=300
        )
        samples.append(json.loads(proc.stdout))
    median = {k: statistics.median(s[k] for s in samples) for k in ("import", "build", "scan", "total")}
    first = samples[0]
    return {
        "words": first["words"],
        "verses": first["verses"],
        "identified": first["identified"],
        "load_and_scan_seconds": round(median["total"], 3),
        "index_build_seconds": round(median["build"], 3),
        "scan_seconds": round(median["scan"], 3),
        "import_seconds": round(median["import"], 3),
        "index_mb": round(first["index_mb"], 1),
        "index_peak_mb": round(first["index_peak_mb"], 1),
        "target_seconds": TARGET_SECONDS,
        "meets_target": median["total"] < TARGET_SECONDS,
        "runs": RUNS,
    }


def markdown(f: dict) -> str:
    ok = "yes" if f["meets_target"] else "**no**"
    return "\n".join(
        [
            "## Qur'an verse identification (bench_quran)",
            "",
            f"A {f['words']:,}-word part with {f['verses']} delimited verses ({f['identified']} identified); "
            f"median of {f['runs']} fresh processes.",
            "",
            "| figure | value |",
            "| --- | --- |",
            f"| import, load the index, scan the part | {f['load_and_scan_seconds']} s "
            f"(target < {f['target_seconds']} s: {ok}) |",
            f"| of which: importing warraq's modules | {f['import_seconds']} s |",
            f"| of which: index build | {f['index_build_seconds']} s |",
            f"| of which: scan (identify every verse) | {f['scan_seconds']} s |",
            f"| index memory (tracemalloc: held / peak while building) | {f['index_mb']} / {f['index_peak_mb']} MB |",
        ]
    )
