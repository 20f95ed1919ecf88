"""Hadith identification: what it adds to the default book's build, with the
results cache cold and warm (issue 17: warm, at most 0.5 s more).

The book is a copy of the default book whose sources.toml lacks the match
phrase of its hadith, so the hadith transform has a candidate to identify
(as shipped, the ledger cites it and nothing is looked up).  Each build is
`warraq build --format html` in a fresh process:

* off   `[sources] hadith = false`: the baseline;
* cold  an empty user cache: the hadith data is loaded and searched;
* new   a quotation not yet cached, the corpus's word keys cached (the
        author has typed a new hadith): the data is loaded from the cache;
* warm  the cache filled by the cold build: no data is loaded.

Medians of RUNS builds each.  No peer tool identifies hadith.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3
TARGET_SECONDS = 0.5
PHRASE = 'match = ["لم يأت رجل قط بمثل ما جئت به إلا عودي"]\n'


def _book(workdir: Path, hadith: bool) -> Path:
    book = workdir / ("on" if hadith else "off")
    shutil.copytree(ROOT / "manuscript", book / "manuscript")
    shutil.copytree(ROOT / "styles", book / "styles")
    sources = book / "manuscript" / "sources.toml"
    sources.write_text(sources.read_text("utf-8").replace(PHRASE, ""), "utf-8")
    if not hadith:
        toml = book / "manuscript" / "book.toml"
        toml.write_text(toml.read_text("utf-8") + "\n[sources]\nhadith = false\n", "utf-8")
    return book / "manuscript"


def _build(manuscript: Path, out: Path, cache: Path) -> float:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "warraq", "build", "-m", str(manuscript), "-o", str(out), "-f", "html"],
        check=True,
        capture_output=True,
        env=env,
        timeout=600,
    )
    return time.perf_counter() - start


def run(workdir: Path, runs: int = RUNS) -> dict:
    off, on = _book(workdir, False), _book(workdir, True)
    off_s, cold_s, new_s, warm_s = [], [], [], []
    for i in range(runs):
        cache = workdir / f"cache-{i}"
        off_s.append(_build(off, workdir / "out-off", cache))
        cold_s.append(_build(on, workdir / "out-on", cache))
        for entry in (cache / "warraq" / "hadith").glob("*.json"):  # the results, not the corpus keys
            entry.unlink()
        new_s.append(_build(on, workdir / "out-on", cache))
        warm_s.append(_build(on, workdir / "out-on", cache))
    off_m, cold_m, new_m, warm_m = (statistics.median(s) for s in (off_s, cold_s, new_s, warm_s))
    return {
        "off_seconds": round(off_m, 3),
        "cold_seconds": round(cold_m, 3),
        "new_quotation_seconds": round(new_m, 3),
        "warm_seconds": round(warm_m, 3),
        "cold_extra_seconds": round(cold_m - off_m, 3),
        "new_quotation_extra_seconds": round(new_m - off_m, 3),
        "warm_extra_seconds": round(warm_m - off_m, 3),
        "target_seconds": TARGET_SECONDS,
        "meets_target": warm_m - off_m <= TARGET_SECONDS,
        "runs": runs,
    }


def markdown(f: dict) -> str:
    ok = "yes" if f["meets_target"] else "**no**"
    return "\n".join(
        [
            "## Hadith identification (bench_hadith)",
            "",
            f"The default book (its hadith not in the ledger), `warraq build --format html`; median of {f['runs']}.",
            "",
            "| build | seconds | more than off |",
            "| --- | --- | --- |",
            f"| `[sources] hadith = false` | {f['off_seconds']} | — |",
            f"| cold cache (data loaded) | {f['cold_seconds']} | {f['cold_extra_seconds']} |",
            f"| a new quotation (corpus keys cached) | {f['new_quotation_seconds']} | "
            f"{f['new_quotation_extra_seconds']} |",
            f"| warm cache | {f['warm_seconds']} | {f['warm_extra_seconds']} (target ≤ {f['target_seconds']}: {ok}) |",
        ]
    )
