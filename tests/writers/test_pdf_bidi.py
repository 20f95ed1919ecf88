"""Latin runs inside Arabic lines, typeset by WeasyPrint: a run broken across
lines keeps its order on every line (issue 13, item 1).

WeasyPrint ignores `unicode-bidi: isolate`: a Latin run laid out right to left
came out reordered on the line it continues on (`… CC BY 3.0 ,1.1`).  The
same paragraph is typeset at many widths and with Arabic openings of several
lengths, so the run breaks after each of its words; every line's Latin
glyphs, read left to right as drawn, must be the next piece of the run.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import fontpkg_amiri
import pytest

from tests.writers.pdf_fixtures import PdfBuild, default_pdf
from tests.writers.pdf_reading import pdfminer_pages, pdftotext
from warraq.render import latin_isolated
from warraq.render.fonts import font_face_css
from warraq.text.arabic import latin_spans
from warraq.writers.pdf.typeset import typeset

TANZIL = "Tanzil Quran Text, Simple Clean 1.1, Copyright © 2007-2026 Tanzil Project, CC BY 3.0"
TITLE = "The Great Arab Conquests: How the Spread of Islam Changed the World We Live In, 2007"
OPENINGS = ("نص مشروع تنزيل", "نصوص الآيات القرآنية مراجَعة على نص مشروع تنزيل")
WIDTHS_MM = range(34, 124, 3)


def _is_latin(char: str) -> bool:
    return (char.isascii() and not char.isspace() and char not in "()") or char == "©"


def _page_html(run: str, opening: str, width: int) -> str:
    text = f"{opening} ({run})، ثم كلام عربي يمضي بعده إلى آخر السطر"
    return f'<p style="width: {width}mm">{latin_isolated(text)}</p>'


def typeset_runs(run: str, tmp: Path) -> Path:
    pages = [_page_html(run, opening, width) for opening in OPENINGS for width in WIDTHS_MM]
    fonts = font_face_css(str(Path(fontpkg_amiri.ROOT) / "files") + "/")
    html = (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"/><title>t</title><style>'
        f"{fonts} @page {{ size: 140mm 80mm; margin: 5mm }} html {{ font-family: Amiri; font-size: 11pt }}"
        " p { margin: 0; text-align: justify; break-after: page }"
        f"</style></head><body>{''.join(pages)}</body></html>"
    )
    pdf = tmp / "runs.pdf"
    pdf.write_bytes(typeset(html, str(tmp), None, tagged=False).data)
    return pdf


@pytest.mark.parametrize("run", [TANZIL, TITLE], ids=["tanzil", "title"])
def test_latin_run_keeps_its_order_on_every_line(run, tmp_path):
    pdf = typeset_runs(run, tmp_path)
    whole = "".join(c for c in run if _is_latin(c))
    words = run.split(" ")
    # the break positions a line may end at: after each word but the last
    boundaries = {len("".join(c for c in " ".join(words[: i + 1]) if _is_latin(c))) for i in range(len(words) - 1)}
    broken_at: set[int] = set()
    for page in pdfminer_pages(pdf):
        pieces = [
            "".join(g.text for g in sorted(line.glyphs, key=lambda g: g.x) if _is_latin(g.text)) for line in page.lines
        ]
        pieces = [p for p in pieces if p]
        assert "".join(pieces) == whole, f"page {page.number}: lines read {pieces}"
        at = 0
        for piece in pieces[:-1]:
            at += len(piece)
            broken_at.add(at)
    # the run broke after every one of its words somewhere
    assert boundaries <= broken_at, sorted(boundaries - broken_at)


@pytest.fixture(scope="session")
def default(tmp_path_factory) -> PdfBuild:
    return default_pdf(tmp_path_factory)


def test_default_book_latin_runs_read_in_order(default):
    """Every Latin run poppler reads on a line of the default book (the
    colophon's Tanzil notice, the Kennedy citation broken across two lines)
    is a piece of a run of the print HTML, in its order."""
    source = html.unescape(re.sub(r"<[^>]+>", " ", default.html.split("<body", 1)[1]))
    known = [source[a:b] for a, b in latin_spans(source)]
    assert any("CC BY 3.0" in run for run in known)
    seen = 0
    for number in range(1, len(default.pages) + 1):
        for line in pdftotext(default.pdf, number, number).splitlines():
            for a, b in latin_spans(line):
                piece = line[a:b]
                seen += 1
                assert any(piece in run for run in known), f"page {number}: {piece!r} in {line!r}"
    assert seen >= 5
