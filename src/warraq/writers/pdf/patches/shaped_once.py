"""A justified line shaped once, not twice (issue 27), in WeasyPrint 70.0.

The kashida patch (patches/kashida.py, `fit`) measures each justified text
box as it will be drawn: it reactivates the box's Pango layout with its
justification spacing (a new Pango context and layout, the text set with
`justify=True`), shapes its first line and deactivates it.  Drawing then
does exactly the same again (`draw.text.draw_text`: `reactivate`, shape in
`draw_first_line`, `deactivate`): the same text, style and spacing, shaped a
second time for the same glyphs.

While `shaped_once()` is active, `keep(layout)` lets the measure leave such
a layout active and shaped (in single-paragraph mode, as `draw_first_line`
sets it first: the measure keeps only a text without paragraph separators,
for which the mode changes nothing), as a `KeptLayout`: its next
`reactivate` skips the new context and text when the layout is still as it
was kept (active, the same style object, the same justification spacing
and text), and the draw's own `deactivate` frees it, as before.  Only the
kept objects change class; `Layout.reactivate`, which other patches pin
(kashida.py, leaders.py), is not replaced.

At most `MOST` layouts are kept at once (the single engine lays out a whole
book before drawing any of it): beyond, the oldest kept is deactivated, as
WeasyPrint leaves it, and draws as before.  Leaving the block deactivates
those never drawn.  Pinned: on another WeasyPrint nothing is patched and
nothing is kept.
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.draw import text as draw_text
from weasyprint.text import line_break
from weasyprint.text.ffi import pango

from . import pin_mismatches

WEASYPRINT_VERSION = "70.0"

FINGERPRINTS = {
    "weasyprint.text.line_break.Layout.reactivate": "0b89ee097104b71376c179f48a98858708b07169dc0212c393263a1a831607c9",
    "weasyprint.text.line_break.Layout.setup": "fb227a55094f41d42fbd57f180d8b7a9a1e741969ec8ddb3fd5cd80920257442",
    "weasyprint.text.line_break.Layout.set_text": "fe23ca9937dbf5205bda422f9c01103f301ef2c511228842632ea86e853274f7",
    "weasyprint.text.line_break.Layout.deactivate": "bfec3ec8406e1c82a91f9570103eb5ecbc5a20c1339ff26bb0f4eafb03189f0b",
    "weasyprint.text.line_break.Layout.get_first_line": (
        "bb65cbda0e27f1350376bc345c82093c5a3d00b8ac6d8dd9d7303f7693db9254"
    ),
    "weasyprint.draw.text.draw_text": "ebaf96239c6ca3635d2b91bfb34718c2dcebd7809fec1c53fb8dffd1366befe3",
    "weasyprint.draw.text.draw_first_line": "1bb8eae6d88e71b17096a034656f3be17da8f1f513c78536c1c38d971927638b",
}

# layouts kept active at once, ~15 KB each (the single engine's peak RSS on 40
# parts grew by 45 MB with 3000); a part of 8 pages keeps about 120
MOST = 1000
MARK = "warraq_kept"  # the kept layout's attribute: (style, justification spacing, text) it was shaped with
PARAGRAPHS = ("\n", "\r", "\u2029")  # Pango's paragraph separators: single-paragraph mode changes these


def _functions() -> dict[str, Callable[..., Any]]:
    return {
        "weasyprint.text.line_break.Layout.reactivate": line_break.Layout.reactivate,
        "weasyprint.text.line_break.Layout.setup": line_break.Layout.setup,
        "weasyprint.text.line_break.Layout.set_text": line_break.Layout.set_text,
        "weasyprint.text.line_break.Layout.deactivate": line_break.Layout.deactivate,
        "weasyprint.text.line_break.Layout.get_first_line": line_break.Layout.get_first_line,
        "weasyprint.draw.text.draw_text": draw_text.draw_text,
        "weasyprint.draw.text.draw_first_line": getattr(
            draw_text.draw_first_line, "__wrapped_original__", draw_text.draw_first_line
        ),
    }


def mismatches() -> list[str]:
    return pin_mismatches(WEASYPRINT_VERSION, _functions(), FINGERPRINTS)


class KeptLayout(line_break.Layout):
    """A layout kept active and shaped for its draw: its first `reactivate`
    (the draw's) reuses it when it is still as it was kept, and makes it a
    plain `Layout` again either way.  (Only this object's class changes:
    `Layout.reactivate` itself, which other patches pin, is untouched.)"""

    def reactivate(self, style):
        mark = self.__dict__.pop(MARK, None)
        self.__class__ = line_break.Layout
        if (
            mark is not None
            and hasattr(self, "layout")
            and mark[0] is style
            and mark[1] == self.justification_spacing
            and mark[2] == self.text
        ):
            if _KEPT:
                _KEPT[-1].reused += 1
            return  # set up, its text set and shaped exactly as this would
        line_break.Layout.reactivate(self, style)


class Kept:
    """The layouts kept active for their draw, oldest first (weak: a box
    dropped by the layout frees its layout), and how many were reused."""

    def __init__(self, most: int | None = None) -> None:
        self.most = MOST if most is None else most
        self.order: deque[weakref.ref] = deque()
        self.kept = 0
        self.reused = 0

    def keep(self, layout: Any) -> bool:
        if (
            self.most < 1
            or type(layout) not in (line_break.Layout, KeptLayout)
            or any(mark in layout.text for mark in PARAGRAPHS)
        ):
            return False
        while len(self.order) >= self.most:  # the oldest kept, undrawn, as WeasyPrint leaves it
            release(self.order.popleft()())
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        setattr(layout, MARK, (layout.style, layout.justification_spacing, layout.text))
        layout.__class__ = KeptLayout
        self.order.append(weakref.ref(layout))
        self.kept += 1
        return True

    def release_all(self) -> None:
        while self.order:
            release(self.order.popleft()())


def release(layout: Any) -> None:
    """Deactivate a layout still kept (not yet drawn), as WeasyPrint leaves it."""
    if layout is not None and layout.__dict__.pop(MARK, None) is not None:
        layout.__class__ = line_break.Layout
        if hasattr(layout, "layout"):
            layout.deactivate()


_KEPT: list[Kept] = []  # the active block's, if any


def keep(layout: Any) -> bool:
    """Keep this active layout, its text set with justify=True and not yet
    shaped, for its draw (when a `shaped_once()` block is active); the
    caller deactivates it when this says no."""
    return bool(_KEPT) and _KEPT[-1].keep(layout)


@contextmanager
def shaped_once() -> Iterator[Kept | None]:
    """Let justified lines measured in this block be drawn from the layout
    their measure shaped; yields the session (its counts), or None when
    this WeasyPrint is not the one the patch was written for (nothing is
    kept then)."""
    if mismatches():
        yield None
        return
    kept = Kept()
    _KEPT.append(kept)
    try:
        yield kept
    finally:
        _KEPT.remove(kept)
        kept.release_all()
