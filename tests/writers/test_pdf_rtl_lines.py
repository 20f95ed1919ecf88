"""Each right-to-left line laid out once (issue 27, item 1:
writers/pdf/patches/rtl_lines.py).

WeasyPrint 70 lays every right-to-left line out twice (its float check
compares the line's width with the width the line box had before the
line); with the patch a right-to-left paragraph makes as many
`split_first_line` calls as the same paragraph set left to right, and the
text boxes and PDF bytes are the same as without it: on the default book,
vocalized Qur'an, bidi, footnotes, narrow columns and text around floats.
"""

from __future__ import annotations

import pytest
from weasyprint import HTML
from weasyprint.layout import inline

from tests.writers.layout_signatures import DOCUMENTS, PROSE, laid_out, page
from warraq.writers.pdf import typeset as pdf_typeset
from warraq.writers.pdf.patches import rtl_lines as pdf_rtl_lines
from warraq.writers.pdf.patches.rtl_lines import mismatches, rtl_lines_once


def test_pinned_to_weasyprint_70():
    # fails on any other WeasyPrint: check patches/rtl_lines.py against its new code
    assert mismatches() == []


def split_calls(direction: str, patched: bool, monkeypatch) -> int:
    calls = []
    original = inline.split_first_line

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    html = page(f"<p>{PROSE * 6}</p><p>{PROSE * 3}</p>").replace('dir="rtl"', f'dir="{direction}"')
    with monkeypatch.context() as m:
        m.setattr(inline, "split_first_line", counted)
        if patched:
            with rtl_lines_once() as applied:
                assert applied
                HTML(string=html).render()
        else:
            HTML(string=html).render()
    return len(calls)


def test_rtl_lines_split_as_often_as_ltr(monkeypatch):
    ltr = split_calls("ltr", False, monkeypatch)
    assert ltr >= 10  # several lines
    assert split_calls("rtl", False, monkeypatch) == 2 * ltr  # the test can fail: twice without the patch
    assert split_calls("rtl", True, monkeypatch) == ltr
    assert split_calls("ltr", True, monkeypatch) == ltr


@pytest.mark.parametrize("name", ["book", *DOCUMENTS])
def test_same_text_boxes_and_pdf(name):
    before = laid_out(name, rtl_lines=False, window=False)
    after = laid_out(name, rtl_lines=True, window=False)
    assert before.boxes  # something was laid out
    assert after.pages == before.pages
    assert after.boxes == before.boxes
    assert after.sha256 == before.sha256


def test_typeset_lays_out_with_it(monkeypatch):
    seen = []
    original = pdf_typeset.HTML.render

    def render(self, *args, **kwargs):
        seen.append(inline.get_next_linebox is not pdf_rtl_lines.ORIGINAL)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pdf_typeset.HTML, "render", render)
    pdf_typeset.typeset(page(f"<p>{PROSE}</p>"), ".", None)
    assert seen == [True]
    assert inline.get_next_linebox is pdf_rtl_lines.ORIGINAL


def test_patches_nothing_on_another_weasyprint(monkeypatch):
    pdf_rtl_lines.patched_function.cache_clear()
    monkeypatch.setitem(pdf_rtl_lines.FINGERPRINTS, "weasyprint.layout.inline.get_next_linebox", "0" * 64)
    try:
        assert any("get_next_linebox changed" in m for m in mismatches())
        with rtl_lines_once() as applied:
            assert applied is False
            assert inline.get_next_linebox is pdf_rtl_lines.ORIGINAL
    finally:
        pdf_rtl_lines.patched_function.cache_clear()
