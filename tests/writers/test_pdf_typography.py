"""Arabic book typography in the PDF (issue 13): no Arabic italic, the
sign-off's own setting, what stays together at a page's foot, last lines,
the footnote rule.

Read back from PDFs built by the real CLI: pdffonts and pdfminer (each
glyph's face and position)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar

from tests.conftest import BOOK_TOML, run_cli
from tests.writers.pdf_fixtures import PdfBuild, default_pdf, series10_pdf, series_pdf
from tests.writers.pdf_reading import MM, letters, pdftotext
from warraq.model import Heading, Paragraph, Quotation, Removed, SignOff, plain_text
from warraq.render import lead_in

EMPHASIS_PART = """\
---
number: 1
title: الجزء الأول (1)
---
كلام فيه *تنبيه مهم* للقارئ، وعنوان كتاب بالإنجليزية *The Great Arab Conquests* بعده.

وللحديث بقية إن شاء الله
"""


@pytest.fixture(scope="session")
def default(tmp_path_factory) -> PdfBuild:
    return default_pdf(tmp_path_factory)


@pytest.fixture(scope="session")
def series10(tmp_path_factory) -> PdfBuild:
    return series10_pdf(tmp_path_factory)


@pytest.fixture(scope="session")
def series(tmp_path_factory) -> PdfBuild:
    return series_pdf(tmp_path_factory)


@pytest.fixture(params=["default", "series10"])
def built(request) -> PdfBuild:
    return request.getfixturevalue(request.param)


@pytest.fixture(params=["default", "series"])
def with_notes(request) -> PdfBuild:
    """The books with footnotes (the generated series has none)."""
    return request.getfixturevalue(request.param)


def fonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [row.split()[0].split("+")[-1] for row in out.splitlines()[2:]]


def glyph_faces(pdf: Path) -> list[tuple[str, str]]:
    """(character, font name without the subset tag) of every glyph."""
    out: list[tuple[str, str]] = []

    def walk(obj) -> None:
        if isinstance(obj, LTChar):
            out.append((obj.get_text(), obj.fontname.split("+")[-1]))
        elif hasattr(obj, "__iter__"):
            for child in obj:
                walk(child)

    for page in extract_pages(str(pdf)):
        walk(page)
    return out


def test_default_book_sets_no_arabic_italic(default):
    # the default book's sign-off was set in Amiri Italic
    used = fonts(default.pdf)
    assert "Amiri" in used
    assert not [f for f in used if "Italic" in f], used


def build_pdf(work: Path, parts: dict[str, str], extra: str = "") -> Path:
    """A small book built to PDF through the CLI: build/test-book.pdf."""
    root = work / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(BOOK_TOML.format(extra=extra), "utf-8")
    (root / "sources.toml").write_text("", "utf-8")
    for name, text in parts.items():
        (root / "parts" / name).write_text(text, "utf-8")
    run = run_cli("build", "--format", "pdf", "-m", str(root), "-o", str(work / "out"))
    assert run.code == 0, run.err
    return work / "out" / "test-book.pdf"


@pytest.fixture(scope="module")
def emphasis_pdf(tmp_path_factory) -> Path:
    return build_pdf(tmp_path_factory.mktemp("emphasis"), {"01.md": EMPHASIS_PART})


def test_arabic_emphasis_bold_latin_emphasis_italic(emphasis_pdf):
    faces = glyph_faces(emphasis_pdf)
    # «تنبيه مهم» is set in bold, nothing Arabic in italic
    assert "Amiri-Bold" in {face for char, face in faces if char and char in "تنبيهمهم"}
    assert not [face for char, face in faces if char and char in "تنبيهمهم" and "Italic" in face]
    # the Latin title keeps its italic (letters not in the colophons' «warraq» and «Amiri»)
    latin = {face for char, face in faces if char and char in "TGCbehnostu"}
    assert latin == {"Amiri-Italic"}, latin
    arabic_italic = [char for char, face in faces if "Italic" in face and not char.isascii()]
    assert not arabic_italic, arabic_italic


def test_headings_without_colon_and_verses_in_ornate_brackets(default):
    """The default book's headings are typed with a closing colon and its
    verse in braces (manuscript lines 2 and 9): the PDF sets neither."""
    text = re.sub(r"\s+", "", pdftotext(default.pdf, 1, len(default.pages)))  # a heading may wrap
    typed = [plain_text(b.inlines) for p in default.book.parts for b in p.blocks if isinstance(b, Heading)]
    assert len(typed) == 5
    for heading in typed:
        assert not heading.endswith(":")
        assert heading.replace(" ", "") in text
        assert heading.replace(" ", "") + ":" not in text
    assert "{" not in text and "}" not in text
    assert "﴿إنكميتوإنهمميتون﴾" in text


BACK_MATTER = [letters(t) for t in ("فهرس", "أماكن النشر الأولى")]  # the indexes' titles open with these


def part_pages(built: PdfBuild):
    """The pages of the parts: after the contents (the last page with
    leaders; the front matter before it), before the back matter's indexes."""

    def leaders(page) -> bool:
        return any(". . ." in line.text for line in page.lines)

    start = next(i for i, page in enumerate(built.pages) if leaders(page))
    while leaders(built.pages[start]):
        start += 1
    pages = []
    for page in built.pages[start:]:
        first = letters(page.lines[0].text) if page.lines else ""
        if any(first.startswith(title) for title in BACK_MATTER):
            break
        pages.append(page)
    return pages


def test_headings_and_attributions_never_end_a_page(built):
    """An attribution (`يقول الطبري:`) keeps with the quotation it
    introduces, as a heading with its text: neither is a page's last line."""
    keep = [
        letters(plain_text(b.inlines))
        for part in built.book.parts
        for b in part.blocks
        # an attribution set as one: a short lead-in (a long paragraph that
        # ends with a colon is prose, issue 26)
        if isinstance(b, Heading) or (isinstance(b, Paragraph) and lead_in(b))
    ]
    assert any(len(k) > 5 for k in keep)
    for page in part_pages(built):
        body = page.body()
        last = letters(body[-1].text) if body else ""
        if len(last) < 4:
            continue
        assert not [k for k in keep if k.endswith(last)], f"page {page.number} ends with {body[-1].text!r}"


def test_no_line_of_one_word_ends_a_paragraph_or_a_heading(built):
    """A paragraph's last line and a heading's second line hold two words
    at least (a block of one word may stand alone)."""
    whole: set[str] = set()
    for part in built.book.parts:
        whole.add(letters(plain_text(part.title)))
        for b in part.blocks:
            if isinstance(b, Removed):
                continue
            paragraphs = b.paragraphs if isinstance(b, Quotation) else (b,)
            for p in paragraphs:
                if isinstance(p, (Heading, Paragraph, SignOff)):
                    whole.add(letters(plain_text(p.inlines)))
    checked = 0
    for page in part_pages(built):
        for line in page.body():
            checked += 1
            words = [w for w in line.text.split() if letters(w)]
            if len(words) == 1:
                assert letters(line.text) in whole, f"page {page.number}: {line.text!r} alone on its line"
    assert checked > 100


def test_footnote_rule_is_short_and_on_the_right(with_notes):
    """Arabic books set a short rule on the right above the notes, not a
    full-width one; the notes still use the whole width."""
    checked, widths = 0, []
    for page in with_notes.pages:
        if page.rule is None or not page.notes():
            continue
        checked += 1
        (x0, _, x1, _) = next(s for s in page.shapes if abs(s[3] - page.rule) < 0.5 and s[2] - s[0] > 20 * MM)
        width = page.width - 33 * MM  # the text block: print.css's margins, 20 mm and 13 mm
        assert 0.25 * width < x1 - x0 < 0.4 * width, (page.number, x1 - x0, width)
        # on the right, where the notes' lines start
        start = max(g.x for line in page.notes() for g in line.glyphs)
        assert abs(x1 - start) < 3 * MM, (page.number, x1, start)
        widest = max(max(g.x for g in line.glyphs) - min(g.x for g in line.glyphs) for line in page.notes())
        widths.append((widest, x1 - x0))
    assert checked >= 2
    # a note runs under and beyond the rule (on a page of short notes only,
    # «سبق تخريجه ص ٧.», none does)
    assert any(widest > rule for widest, rule in widths), widths
