"""`make bench`'s suite machinery on a 2-part series: every tool runs for
real, and the figures the table and the README need are there."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from bench import bench_suite


def test_every_tool_measured(suite):
    (size,) = suite["sizes"]
    assert size["parts"] == 2 and size["runs"] == 1
    for tool in bench_suite.TOOLS:
        figures = size["tools"][tool]
        assert figures["seconds"] > 0, tool
        assert figures["peak_mb"] > 10, tool  # every tool is a process of tens of MB at least
        assert len(figures["all_seconds"]) == 1, tool


def test_ratios_and_page_counts(suite):
    (size,) = suite["sizes"]
    seconds = {tool: size["tools"][tool]["seconds"] for tool in bench_suite.TOOLS}
    ratios = size["ratios"]
    # each ratio divides the right pair (the times are rounded apart, hence approx)
    expected = {
        "pdf_over_typst": seconds["warraq-pdf"] / seconds["typst-pdf"],
        "epub_over_pandoc": seconds["warraq-epub"] / seconds["pandoc-epub"],
        "incremental_over_full": seconds["warraq-pdf-incremental"] / seconds["warraq-pdf"],
        "incremental_over_typst": seconds["warraq-pdf-incremental"] / seconds["typst-pdf"],
    }
    for name, value in expected.items():
        assert ratios[name] == pytest.approx(value, rel=0.01), name
    pages = size["pages"]
    # a part opens on a recto after 6 pages of front matter and runs 8 pages
    # or more (the default book's one part does): at least 6 + 2 × 8 pages
    assert pages["warraq"] >= 22 and pages["typst"] >= 20
    assert pages["within_tolerance"], pages
    # the edit adds one clause: a page more at most
    assert pages["warraq_after_edit"] - pages["warraq"] in (0, 1)


def test_generated_series_has_the_seeds_proportions(suite):
    """Each generated part gets the default book's 8 source notes and 2 Qur'an
    references (counted by hand in build/report.json of `make book`: 3
    src-match, 2 src-attribution, 2 src-via, 1 src-inline-attribution; one
    reference confirmed, one added), its 5 headings typed with a closing
    colon (seed lines 2, 8, 11, 13, 27) and its verse typed in braces (line
    9), and nothing is removed as a repeat."""
    generator = suite["sizes"][0]["generator"]
    assert generator["rules"] == {
        "note/src-attribution": 4,
        "note/src-inline-attribution": 2,
        "note/src-match": 6,
        "note/src-via": 4,
        "quran/quran-ref-added": 2,
        "quran/quran-ref-confirmed": 2,
        "typography/typo-heading-colon": 10,
        "typography/typo-quran-brackets": 2,
    }
    assert generator["dedup"] == 0 and generator["unsourced"] == 0


def test_targets_table_and_plot(suite, tmp_path):
    checks = suite["targets"]["checks"]
    assert set(checks) == set(bench_suite.TARGETS)
    assert checks["pdf_growth_exponent"]["met"] is None  # one size: nothing to fit
    table = bench_suite.markdown(suite)
    for label in bench_suite.LABELS.values():
        assert label in table
    assert "PDF warraq/typst" in table and "pages typst" in table
    json.dumps(suite)  # bench.json can hold it
    png = bench_suite.plot(suite, tmp_path)
    with Image.open(png) as image:
        assert image.format == "PNG" and image.width > 400
