"""A justified line shaped once (writers/pdf/patches/shaped_once.py, issue 27).

The kashida patch measures each justified text box as it will be drawn;
that layout, kept, is the one the draw uses: no new Pango layout (and so no
second shaping) for a justified line, the same PDF bytes, at most `MOST`
layouts kept at once.
"""

from __future__ import annotations

import weakref
from contextlib import nullcontext

import pytest
from weasyprint import HTML
from weasyprint.text import line_break

from tests.writers.test_pdf_kashida import document, text_boxes
from warraq.render.fonts import faces
from warraq.writers.pdf import typeset as pdf_typeset
from warraq.writers.pdf.patches import shaped_once as pdf_shaped_once
from warraq.writers.pdf.patches.kashida import kashida_justification
from warraq.writers.pdf.patches.shaped_once import KeptLayout, mismatches, shaped_once
from warraq.writers.pdf.patches.text import exact_text

pytestmark = pytest.mark.skipif(bool(mismatches()), reason="another WeasyPrint: nothing is kept")


def test_pinned_to_weasyprint_70():
    # fails on any other WeasyPrint: check patches/shaped_once.py against its new code
    assert mismatches() == []


def justified(doc) -> list:
    """The text boxes drawn with a justification spacing (spaced words)."""
    return [
        box
        for page in doc.pages
        for box, _ in text_boxes(page._page_box)
        if box.justification_spacing and " " in box.text
    ]


def drawn(monkeypatch, keep: bool) -> tuple[bytes, list, set[int], object]:
    """Lay the kashida document out and draw it: (PDF, its justified boxes,
    the ids of the layouts set up anew while drawing, the session)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with kashida_justification() as patched, shaped_once() if keep else nullcontext() as kept:
        assert patched
        doc = HTML(string=document("kashida")).render()
        boxes = justified(doc)
        set_up: set[int] = set()
        setup = line_break.Layout.setup

        def counted(self, style):
            set_up.add(id(self))
            setup(self, style)

        with monkeypatch.context() as m:
            m.setattr(line_break.Layout, "setup", counted)
            with exact_text():
                data = doc.write_pdf()
    return data, boxes, set_up, kept


def test_a_justified_line_is_shaped_once(monkeypatch):
    _, boxes, set_up, kept = drawn(monkeypatch, keep=True)
    assert len(boxes) >= 4  # the test can fail: lines were justified
    assert any(getattr(box, "kashida", None) for box in boxes)  # and elongated
    # none drawn from a new layout: each drawn from the one its measure shaped
    assert [box.text for box in boxes if id(box.pango_layout) in set_up] == []
    assert kept.reused >= len(boxes)
    # without the patch, each is set up (and shaped) again to be drawn
    _, boxes, set_up, _ = drawn(monkeypatch, keep=False)
    assert boxes and all(id(box.pango_layout) in set_up for box in boxes)


def test_the_same_pdf_bytes(monkeypatch):
    kept, _, _, session = drawn(monkeypatch, keep=True)
    assert session.reused > 0
    plain, _, _, _ = drawn(monkeypatch, keep=False)
    assert kept == plain


def test_at_most_so_many_layouts_kept(monkeypatch):
    plain, _, _, _ = drawn(monkeypatch, keep=False)
    monkeypatch.setattr(pdf_shaped_once, "MOST", 2)
    with kashida_justification(), shaped_once() as kept:
        doc = HTML(string=document("kashida")).render()
        boxes = [box for page in doc.pages for box, _ in text_boxes(page._page_box)]
        alive = [box for box in boxes if type(box.pango_layout) is KeptLayout]
        assert kept.kept > 2 and 1 <= len(alive) <= 2  # of the last two measured, those still on the pages
        assert all(hasattr(box.pango_layout, "layout") for box in alive)
    # leaving the block, undrawn: deactivated, as WeasyPrint leaves them
    assert not any(hasattr(box.pango_layout, "layout") for box in boxes)
    assert not any(type(box.pango_layout) is KeptLayout for box in boxes)
    data, _, _, session = drawn(monkeypatch, keep=True)
    assert 1 <= session.reused <= 2
    assert data == plain


def test_the_typesetter_keeps_them(monkeypatch, tmp_path):
    # through the real typeset(): the kashida patch still applies with this
    # one (it pins Layout.reactivate) and the draw reuses what it measured
    sessions = []

    class Recorded(pdf_shaped_once.Kept):
        def __init__(self, *args):
            super().__init__(*args)
            sessions.append(self)

    monkeypatch.setattr(pdf_shaped_once, "Kept", Recorded)
    roots = (str(tmp_path), str(faces()[0].file.parent))
    done = pdf_typeset.typeset(document("kashida"), str(tmp_path), None, roots=roots)
    assert done.pages >= 1
    assert len(sessions) == 1 and sessions[0].reused >= 4


def test_keeps_nothing_on_another_weasyprint(monkeypatch):
    monkeypatch.setitem(pdf_shaped_once.FINGERPRINTS, "weasyprint.draw.text.draw_text", "0" * 64)
    assert any("draw_text changed" in m for m in mismatches())
    with kashida_justification(), shaped_once() as kept:
        assert kept is None
        doc = HTML(string=document("kashida")).render()
        boxes = [box for page in doc.pages for box, _ in text_boxes(page._page_box)]
        assert justified(doc)
        assert not any(hasattr(box.pango_layout, "layout") for box in boxes)


def test_a_justified_box_is_set_up_once(monkeypatch):
    # add_word_spacing's (or respace's) layout is left ready for the measure
    # (patches/kashida.py), which the draw reuses: one Pango layout in all
    set_up: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    setup = line_break.Layout.setup

    def counted(self, style):
        set_up[self] = set_up.get(self, 0) + 1
        setup(self, style)

    with kashida_justification() as patched, shaped_once() as kept:
        assert patched and kept  # the pins are checked before setup is counted
        monkeypatch.setattr(line_break.Layout, "setup", counted)
        doc = HTML(string=document("kashida")).render()
        with exact_text():
            doc.write_pdf()
        monkeypatch.undo()
    boxes = justified(doc)
    assert boxes
    assert [set_up.get(box.pango_layout) for box in boxes] == [1] * len(boxes)


def test_none_kept_when_none_may_be(monkeypatch):
    plain, _, _, _ = drawn(monkeypatch, keep=False)
    monkeypatch.setattr(pdf_shaped_once, "MOST", 0)
    data, boxes, set_up, session = drawn(monkeypatch, keep=True)
    assert session.kept == session.reused == 0
    assert boxes and all(id(box.pango_layout) in set_up for box in boxes)
    assert data == plain
