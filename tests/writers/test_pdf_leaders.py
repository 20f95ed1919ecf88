"""The contents' leaders drawn as one run of text per line (patches/leaders.py):
the same dots in the same places and the same text as WeasyPrint's box per
dot, in a fraction of the text objects."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar

from tests.writers.pdf_fixtures import PdfBuild, default_pdf
from tests.writers.pdf_reading import letters
from warraq.render.fonts import faces
from warraq.writers.pdf import typeset as pdf_typeset
from warraq.writers.pdf.patches import leaders as pdf_leaders

ENTRIES = ["المقدمة", "الجزء الأول: في الطريق إلى المدينة القديمة وما رأيناه فيها من عجائب الأسواق", "خاتمة"]


def contents_html() -> str:
    font = faces()[0].file.as_uri()
    items = "".join(f'<li><a href="#e{i}">{t}</a></li>' for i, t in enumerate(ENTRIES))
    targets = "".join(f'<h2 id="e{i}">{t}</h2>' for i, t in enumerate(ENTRIES))
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"/><style>'
        f'@font-face {{ font-family: Amiri; src: url("{font}"); }}'
        "@page { size: 120mm 160mm; } html { font: 12pt Amiri; } ul { list-style: none; padding: 0; }"
        "h2 { break-before: page; } a { text-decoration: none; }"
        'a::after { content: leader(". ") target-counter(attr(href), page); }'
        f"</style></head><body><ul>{items}</ul>{targets}</body></html>"
    )


def chars(data: bytes, path: Path) -> list[tuple[str, float, float]]:
    path.write_bytes(data)
    found = []

    def walk(obj):
        if isinstance(obj, LTChar):
            found.append((obj.get_text(), obj.x0, obj.y0))
        elif hasattr(obj, "__iter__"):
            for child in obj:
                walk(child)

    walk(next(iter(extract_pages(path))))
    return sorted(found)


def text_objects(data: bytes, page: int = 0) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return sum(1 for _, op in pikepdf.parse_content_stream(pdf.pages[page]) if str(op) == "BT")


@pytest.mark.skipif(bool(pdf_leaders.mismatches()), reason="another WeasyPrint: leaders are not merged")
def test_merged_leaders_draw_the_same_dots_in_the_same_places(tmp_path, monkeypatch):
    html, roots = contents_html(), (str(tmp_path), str(faces()[0].file.parent))
    merged = pdf_typeset.typeset(html, str(tmp_path), "pdf/ua-1", roots=roots)
    monkeypatch.setattr(pdf_typeset, "merge_leaders", lambda document: 0)
    boxed = pdf_typeset.typeset(html, str(tmp_path), "pdf/ua-1", roots=roots)
    assert merged.warnings == boxed.warnings == []
    a, b = chars(merged.data, tmp_path / "a.pdf"), chars(boxed.data, tmp_path / "b.pdf")
    assert [c for c, _, _ in a] == [c for c, _, _ in b]
    dots = [(x, y) for c, x, y in b if c == "."]
    assert len(dots) > 3 * 20  # three lines of leaders
    # every glyph where WeasyPrint put it, to a tenth of a point
    assert max(abs(p[1] - q[1]) + abs(p[2] - q[2]) for p, q in zip(a, b, strict=True)) < 0.1
    # one text object per entry, its leader and its page number (WeasyPrint: one per dot)
    assert text_objects(boxed.data) > len(dots)
    assert text_objects(merged.data) <= 3 * len(ENTRIES) + 2


def test_merge_leaves_a_justified_leader_alone():
    class Layout:
        justification_spacing = 2.0
        text = ". "

    copies = []
    for x in (0.0, 5.0):
        box = pdf_leaders.boxes.TextBox.__new__(pdf_leaders.boxes.TextBox)
        box.text, box.style, box.pango_layout = ". ", {"word_spacing": 0}, Layout()
        box.position_x, box.position_y, box.width = x, 0.0, 5.0
        copies.append(box)
    assert not pdf_leaders.mergeable(copies)


@pytest.fixture(scope="session")
def default(tmp_path_factory) -> PdfBuild:
    return default_pdf(tmp_path_factory)


def test_the_books_contents_draw_a_leader_as_one_run(default):
    """The default book's contents page (the real CLI): its entries' dots are
    there, in a few text objects per line rather than one per dot."""
    title = letters("المحتويات")
    n = next(i for i, p in enumerate(default.pages) if title in letters("".join(x.text for x in p.lines)))
    page = default.pages[n]
    dots = sum(line.text.count(".") for line in page.lines)
    assert dots > 20 * len(page.lines) // 2
    assert text_objects(default.pdf.read_bytes(), n) <= 4 * len(page.lines)
