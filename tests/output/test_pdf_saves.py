"""A save typesets only what it changed, without SOURCE_DATE_EPOCH.

The book's date (the newest part's mtime on an author's machine) was
written into every part's print HTML, so any save, even `touch`, made every
part's cache key new: a one-paragraph edit of a 10-part book typeset 11
documents.  The date is now only in the front matter (the colophon and the
PDF's metadata); a part's document holds nothing a save of another changes.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from bench.series import write_series

from tests.output.helpers import report, warraq

PARTS = 10
T0 = 1740823200  # 2025-03-01 10:00 UTC: every file's mtime before the edits


def cache_pdfs(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (out / ".cache" / "pdf").glob("*.pdf")}


def anchors(out: Path, name: str) -> dict:
    return json.loads((out / ".cache" / "pdf" / name.replace(".pdf", ".json")).read_text("utf-8"))["anchors"]


def build(root: Path, out: Path) -> set[str]:
    """Build the PDF; the cache entries it typeset."""
    before = cache_pdfs(out) if (out / ".cache").exists() else {}
    run = warraq("build", "--format", "pdf", "--quiet", "-m", str(root), "-o", str(out))
    assert run.code == 0, run.err
    return {name for name, mtime in cache_pdfs(out).items() if before.get(name) != mtime}


@pytest.fixture(scope="module")
def saves(tmp_path_factory):
    work = tmp_path_factory.mktemp("saves")
    root = write_series(work, PARTS)
    for path in [*root.rglob("*"), root]:
        os.utime(path, (T0, T0))
    out = work / "out"
    steps = {"cold": build(root, out)}
    steps["cold-date"] = report(out)["book"]["date"]
    part = root / "parts" / "0004.txt"
    os.utime(part, (T0 + 3600, T0 + 3600))  # `touch`: the same text, a newer mtime
    steps["touch"] = build(root, out)
    steps["touch-date"] = report(out)["book"]["date"]
    lines = part.read_text("utf-8").split("\n")
    lines[4] += " وهذه جملة أضافها الكاتب."  # one paragraph edited
    part.write_text("\n".join(lines), "utf-8")
    os.utime(part, (T0 + 7200, T0 + 7200))
    steps["edit"] = build(root, out)
    steps["out"] = out
    return steps


def test_the_date_follows_the_newest_save(saves):
    assert saves["cold-date"] == "2025-03-01T10:00:00Z"
    assert saves["touch-date"] == "2025-03-01T11:00:00Z"


def test_touch_typesets_nothing(saves):
    assert len(saves["cold"]) >= PARTS + 3  # the parts, the front matter, sheets
    assert saves["touch"] == set()


def test_a_one_paragraph_edit_typesets_its_part_only(saves):
    typeset = saves["edit"]
    assert len(typeset) == 1, typeset
    assert "part-4-title" in anchors(saves["out"], next(iter(typeset)))


def test_the_screen_pdf_and_the_print_interior_keep_each_other_cached(tmp_path):
    """`warraq build` makes the screen PDF and, for the cover, the print
    interior in one folder; each build's pruning removed the other's entries,
    so every build typeset the print interior again (4 documents of the
    default book, all 40 parts of a 40-part one)."""
    from tests.conftest import MANUSCRIPT, ROOT

    shutil.copytree(MANUSCRIPT, tmp_path / "manuscript")
    shutil.copytree(ROOT / "styles", tmp_path / "styles")
    root, out = tmp_path / "manuscript", tmp_path / "out"
    for _ in range(2):
        run = warraq("build", "-f", "pdf", "-f", "cover", "-q", "-m", str(root), "-o", str(out))
        assert run.code == 0, run.err
        before = cache_pdfs(out)
    run = warraq("build", "-f", "pdf", "-f", "cover", "-q", "-m", str(root), "-o", str(out))
    assert run.code == 0, run.err
    assert cache_pdfs(out) == before  # nothing typeset, nothing removed
