"""A right-to-left line that ends at an inline element keeps to its frame
(a patch to WeasyPrint 70.0, issue 26).

When a line breaks at the boundary of an inline element (before a verse
`<span class="quran">`, a reference, a bold phrase, a Latin run), the text
box that ends the line keeps the space before that element, and
`layout.inline.remove_last_whitespace` strips it.  In a right-to-left line
that space is at the box's left, so the box's text should keep its right
edge; WeasyPrint instead moves every child of the line left by the space's
width, the stripped box and its inline parents included.  The line then
stood a space (3.65 pt in 12.5 pt Amiri) in from the right margin and, once
justified to the full width, as far into the left margin.

`rtl_trailing_space()` wraps the function while it is active: after
WeasyPrint's correction, the stripped box and its inline parents get their
left edge back (the boxes to their right stay moved, closing the gap the
space left).  Pinned by WeasyPrint's version and the sha256 of the wrapped
function's source (patches.pin_mismatches); on another WeasyPrint nothing
is patched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline

from . import pin_mismatches

WEASYPRINT_VERSION = "70.0"
FINGERPRINTS = {
    "weasyprint.layout.inline.remove_last_whitespace": (
        "53f0c79c9fbbda500488edce48d95e80a43243d63824606aab2b0f77916e8601"
    ),
}


def _functions() -> dict[str, Callable[..., Any]]:
    return {"weasyprint.layout.inline.remove_last_whitespace": inline.remove_last_whitespace}


def mismatches() -> list[str]:
    return pin_mismatches(WEASYPRINT_VERSION, _functions(), FINGERPRINTS)


def last_text(line: Any) -> tuple[list[Any], Any]:
    """(the inline parents, the text box) at the end of the line, as
    remove_last_whitespace walks them; the box is None when there is none."""
    ancestors, box = [], line
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        ancestors.append(box)
        if not box.children:
            return ancestors, None
        box = box.children[-1]
    return ancestors, box if isinstance(box, boxes.TextBox) else None


def wrap(original: Callable[..., Any]) -> Callable[..., Any]:
    def remove_last_whitespace(context, line):
        ancestors, box = last_text(line)
        if box is None:
            return original(context, line)
        width = box.width
        original(context, line)
        stripped = width - box.width
        if stripped and box.pango_layout.first_line_direction % 2:
            # WeasyPrint moved every child of the line left by `stripped`:
            # the stripped box and its inline parents keep their left edge
            box.position_x += stripped
            for parent in ancestors[1:]:
                parent.position_x += stripped

    return remove_last_whitespace


@contextmanager
def rtl_trailing_space() -> Iterator[bool]:
    """Patch WeasyPrint while documents are laid out in this block; yields
    whether it is patched."""
    if mismatches():
        yield False
        return
    original = inline.remove_last_whitespace
    inline.remove_last_whitespace = wrap(original)
    try:
        yield True
    finally:
        inline.remove_last_whitespace = original
