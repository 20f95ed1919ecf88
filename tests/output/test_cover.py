"""The typographic cover of a book whose title is far too long."""

from __future__ import annotations

from pathlib import Path

from tests.output.helpers import report, warraq

PART = "مقدمة\n\nنص الجزء الأول.\n"


def test_a_title_of_a_megabyte_is_cut_on_the_cover_and_reported(make_book, tmp_path):
    """The cover's line breaking measured the whole title again for every
    word: a 1 MB title ran for minutes (then DecompressionBombError).  The
    cover shows its start, the report says so; the book keeps the title."""
    title = "كلمة " * 200_000
    root = make_book({"01.txt": PART})
    toml = root / "book.toml"
    toml.write_text(toml.read_text("utf-8").replace('title = "كتاب تجريبي"', f'title = "{title.strip()}"'), "utf-8")
    run = warraq("build", "-f", "epub", "-m", str(root), "-o", str(tmp_path / "out"), timeout=120)
    assert run.code == 0, run.err
    cut = [f for f in report(tmp_path / "out")["findings"] if f["rule"] == "epub-cover-text-cut"]
    assert [(Path(f["file"]).name, f["line"]) for f in cut] == [("book.toml", 2)]
