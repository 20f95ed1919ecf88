"""A growing window of text for each line (issue 27, item 2:
writers/pdf/patches/line_window.py).

WeasyPrint 70 shapes a window of about four em of characters per em of
line to find a line; when the window fits on one line (fully vocalized
Arabic), it shapes the whole rest of the paragraph instead, for every line.
With the patch the characters given to Pango grow linearly with a
paragraph's length, the whole rest of a long paragraph is never shaped, and
the text boxes and PDF bytes are the same as without it.
"""

from __future__ import annotations

from contextlib import nullcontext

import pytest
from weasyprint import HTML
from weasyprint.layout import inline, preferred
from weasyprint.text import line_break

from tests.writers.layout_signatures import DOCUMENTS, laid_out, page, verses
from warraq.writers.pdf.patches import line_window as pdf_line_window
from warraq.writers.pdf.patches.line_window import line_window, mismatches
from warraq.writers.pdf.patches.rtl_lines import rtl_lines_once


def test_pinned_to_weasyprint_70():
    # fails on any other WeasyPrint: check patches/line_window.py against its new code
    assert mismatches() == []


def paragraph(verse_count: int) -> str:
    """One paragraph of fully vocalized verses (Al-Baqara from verse 1)."""
    return page(f'<p class="quran">{verses(2, 1, verse_count)}</p>')


def shaped(html: str, window: bool, monkeypatch) -> list[int]:
    """The length of every text WeasyPrint gives Pango while laying the document out."""
    lengths: list[int] = []
    original = line_break.Layout.set_text

    def set_text(self, text, justify=False):
        lengths.append(len(text))
        return original(self, text, justify)

    with monkeypatch.context() as m:
        m.setattr(line_break.Layout, "set_text", set_text)
        with rtl_lines_once(), line_window() if window else nullcontext():
            HTML(string=html).render()
    return lengths


def test_characters_shaped_grow_linearly(monkeypatch):
    short, long = paragraph(12), paragraph(48)
    ratio = len(verses(2, 1, 48)) / len(verses(2, 1, 12))  # 6,755 and 1,134 characters
    assert ratio > 3.5
    before = sum(shaped(long, False, monkeypatch)) / sum(shaped(short, False, monkeypatch))
    after = sum(shaped(long, True, monkeypatch)) / sum(shaped(short, True, monkeypatch))
    assert before > 2 * ratio  # the test can fail: WeasyPrint's own window is quadratic here
    assert after < 1.25 * ratio


def test_whole_text_fallback_never_taken(monkeypatch):
    html = paragraph(48)
    text = verses(2, 1, 48)
    assert max(shaped(html, False, monkeypatch)) >= len(text) // 2  # unpatched: the rest of the paragraph
    longest = max(shaped(html, True, monkeypatch))
    assert longest < 1000, longest  # a line of vocalized text is about 120 characters


@pytest.mark.parametrize("name", ["book", *DOCUMENTS])
def test_same_text_boxes_and_pdf(name):
    before = laid_out(name, rtl_lines=False, window=False)
    after = laid_out(name, rtl_lines=True, window=True)
    assert after.pages == before.pages
    assert after.boxes == before.boxes
    assert after.sha256 == before.sha256


def test_patched_where_weasyprint_looks_it_up():
    originals = [m.split_first_line for m in (line_break, inline, preferred)]
    with line_window() as applied:
        assert applied
        patched = {m.split_first_line for m in (line_break, inline, preferred)}
        assert len(patched) == 1 and patched.pop() is not line_break.get_next_break_point
        assert inline.split_first_line is not originals[0]
    assert [m.split_first_line for m in (line_break, inline, preferred)] == originals


def test_patches_nothing_on_another_weasyprint(monkeypatch):
    pdf_line_window.patched_function.cache_clear()
    monkeypatch.setitem(pdf_line_window.FINGERPRINTS, "weasyprint.text.line_break.split_first_line", "0" * 64)
    try:
        assert any("split_first_line changed" in m for m in mismatches())
        with line_window() as applied:
            assert applied is False
            assert inline.split_first_line is pdf_line_window.ORIGINAL
    finally:
        pdf_line_window.patched_function.cache_clear()
