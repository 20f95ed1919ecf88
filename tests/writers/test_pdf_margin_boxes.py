"""Margin boxes made only for the sides that show something (issue 27,
item 3: writers/pdf/patches/margin_boxes.py).

WeasyPrint 70 makes the sixteen margin boxes of every page and drops the
sides with nothing to show; with the patch a page with a running head and
a folio makes the six boxes of those two sides, and the text boxes and PDF
bytes are those without it: on the default book, the speed patches' test
documents, and a page with content in every side and corner (the boxes
beside a shown one are still made: the shown one's width depends on them).
"""

from __future__ import annotations

from contextlib import nullcontext

import pytest
import weasyprint.layout
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from tests.writers.layout_signatures import DOCUMENTS, PROSE, default_book, lay_out, page
from warraq.writers.pdf import typeset as pdf_typeset
from warraq.writers.pdf.patches import margin_boxes as pdf_margin_boxes
from warraq.writers.pdf.patches.margin_boxes import mismatches, shown_margin_boxes

HEAD_AND_FOLIO = """
@page { @top-center { content: "بقعة ضوء"; } @bottom-center { content: counter(page); } }
"""
EVERY_SIDE = """
@page {
  @top-left { content: "يسار"; } @top-right { content: string(title); }
  @bottom-center { content: counter(page) " / " counter(pages); }
  @left-middle { content: "هامش"; width: 10mm; } @right-top { content: counter(page); }
  @top-left-corner { content: "ز"; } @bottom-right-corner { content: "ح"; }
}
h1 { string-set: title content(); }
"""
PAGES = 3


def margin_boxes_made(css: str, patched: bool, monkeypatch) -> int:
    made = []
    original = boxes.MarginBox.__init__

    def counted(self, *args, **kwargs):
        made.append(1)
        original(self, *args, **kwargs)

    html = page(f"<p>{PROSE * 40}</p>" * PAGES, css=css)
    with monkeypatch.context() as m:
        m.setattr(boxes.MarginBox, "__init__", counted)
        with shown_margin_boxes() if patched else nullcontext(True) as applied:
            assert applied
            pages = len(HTML(string=html).render().pages)
    assert pages >= PAGES
    return len(made) / pages


def test_pinned_to_weasyprint_70():
    # fails on any other WeasyPrint: check patches/margin_boxes.py against its new code
    assert mismatches() == []


def test_only_the_shown_sides_are_made(monkeypatch):
    assert margin_boxes_made(HEAD_AND_FOLIO, False, monkeypatch) == 16  # the test can fail: all of them
    assert margin_boxes_made(HEAD_AND_FOLIO, True, monkeypatch) == 6  # top and bottom, three each
    assert margin_boxes_made(EVERY_SIDE, True, monkeypatch) == 3 * 4 + 2  # the four sides, two corners
    assert margin_boxes_made("", True, monkeypatch) == 0


def documents() -> dict:
    return {
        "book": default_book,
        **DOCUMENTS,
        "every_side": lambda: page(f"<h1>العنوان</h1><p>{PROSE * 30}</p>" * PAGES, css=EVERY_SIDE),
        "head_and_folio": lambda: page(f"<p>{PROSE * 30}</p>" * PAGES, css=HEAD_AND_FOLIO),
    }


@pytest.mark.parametrize("name", list(documents()))
def test_same_text_boxes_and_pdf(name):
    html = documents()[name]()
    before = lay_out(html, rtl_lines=True, window=True)
    with shown_margin_boxes() as applied:
        assert applied
        after = lay_out(html, rtl_lines=True, window=True)
    assert before.boxes  # something was laid out
    assert after.pages == before.pages
    assert after.boxes == before.boxes
    assert after.sha256 == before.sha256


def test_typeset_lays_out_with_it(monkeypatch):
    seen = []
    original = pdf_typeset.HTML.render

    def render(self, *args, **kwargs):
        seen.append(weasyprint.layout.make_margin_boxes is not pdf_margin_boxes.ORIGINAL)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pdf_typeset.HTML, "render", render)
    pdf_typeset.typeset(page(f"<p>{PROSE}</p>", css=HEAD_AND_FOLIO), ".", None)
    assert seen == [True]
    assert weasyprint.layout.make_margin_boxes is pdf_margin_boxes.ORIGINAL


def test_patches_nothing_on_another_weasyprint(monkeypatch):
    pdf_margin_boxes.patched_function.cache_clear()
    monkeypatch.setitem(pdf_margin_boxes.FINGERPRINTS, "weasyprint.layout.page.make_margin_boxes", "0" * 64)
    try:
        assert any("make_margin_boxes changed" in m for m in mismatches())
        with shown_margin_boxes() as applied:
            assert applied is False
            assert weasyprint.layout.make_margin_boxes is pdf_margin_boxes.ORIGINAL
    finally:
        pdf_margin_boxes.patched_function.cache_clear()
