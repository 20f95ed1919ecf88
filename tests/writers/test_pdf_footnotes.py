"""The footnote patch (writers/pdf/patches/footnotes.py) applies to the pinned
WeasyPrint, and a note stays on the page of its call where WeasyPrint alone
moves it over the leaf (the default book, since its attribution keeps with
its quotation: notes (٥) and (٦) went to page 13, their calls stayed on 12;
tests/writers/test_pdf.py checks every page of the built books)."""

from __future__ import annotations

import weasyprint

from warraq.writers.pdf.patches import footnotes as pdf_footnotes


def test_patch_is_pinned_and_applies():
    assert weasyprint.__version__ == pdf_footnotes.WEASYPRINT_VERSION
    assert pdf_footnotes.mismatches() == []
    assert pdf_footnotes.applied()


def test_patch_is_installed_only_while_active():
    from weasyprint.layout import block

    original = block._linebox_layout
    with pdf_footnotes.notes_on_their_page() as applied:
        assert applied and block._linebox_layout is not original
        assert block._linebox_layout.__globals__ is block.__dict__
    assert block._linebox_layout is original
