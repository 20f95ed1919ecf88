"""The typographic cover of a book whose title is far too long."""

from __future__ import annotations

from pathlib import Path

from tests.output.helpers import report, warraq

PART = "مقدمة\n\nنص الجزء الأول.\n"


def test_a_title_too_long_for_the_cover_is_cut_there_and_reported(make_book, tmp_path):
    """The cover's line breaking measured the whole title again for every
    word: a 1 MB title ran for minutes (then DecompressionBombError).  Such
    a title is refused by book.toml's check (500 characters); a title that
    passes it but not the cover's 400 is cut on the cover only, the report
    says so, and the book keeps the title."""
    title = "كلمة " * 96  # 479 characters
    root = make_book({"01.txt": PART})
    toml = root / "book.toml"
    toml.write_text(toml.read_text("utf-8").replace('title = "كتاب تجريبي"', f'title = "{title.strip()}"'), "utf-8")
    run = warraq("build", "-f", "epub", "-m", str(root), "-o", str(tmp_path / "out"), timeout=120)
    assert run.code == 0, run.err
    cut = [f for f in report(tmp_path / "out")["findings"] if f["rule"] == "epub-cover-text-cut"]
    assert [(Path(f["file"]).name, f["line"]) for f in cut] == [("book.toml", 2)]
