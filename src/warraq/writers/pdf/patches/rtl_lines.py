"""Each right-to-left line laid out once, not twice, in WeasyPrint 70.0.

`layout.inline.get_next_linebox` lays a line out, then asks `avoid_collisions`
where a line of that size may go among the floats; when the answer is where
the line already is, the line is kept, else it is laid out again there.  For
a left-to-right line the test compares positions.  For a right-to-left one
it compares `position_x + line.width` with `original_position_x +
original_width`, where `original_width` is the width the line box had
*before* this pass: 0 when there are no floats (the box's width is only set
by its lines), the min-content width of the line's first word when there
are.  `avoid_collisions` gives a right-to-left line box the right bound
whatever its width, so the test fails on every first pass, and every
right-to-left line is split again with the same inputs: the same paragraph
makes 15 `split_first_line` calls in LTR and 30 in RTL.

The patch compares positions only, as for left-to-right lines: the
position `avoid_collisions` gives a right-to-left line box is its right
bound and its y, which is all that decides where the line starts (the mirror
of the left bound and y of a left-to-right line); the second pass, whose
inputs are the same, is dropped.  The same lines come out
(tests/writers/test_pdf_rtl_lines.py: the same text boxes and PDF bytes).

Pinned like every patch of this package (`pin_mismatches`) (WeasyPrint's version, the sha256 of the patched
function): on another WeasyPrint nothing is patched.  Reported upstream:
docs/upstream/weasyprint-rtl-double-layout.md.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.layout import inline

from . import pin_mismatches, rewritten

WEASYPRINT_VERSION = "70.0"

FINGERPRINTS = {
    "weasyprint.layout.inline.get_next_linebox": "67af458c2545e74f0803072103c6c5d392d5e353dfdaa4f5bac5a96e20ed024d",
}

# WeasyPrint 70.0, layout/inline.py, get_next_linebox (lines 160-165)
OLD = """\
        if containing_block.style['direction'] == 'ltr':
            condition = (position_x, position_y) == (
                original_position_x, original_position_y)
        else:
            condition = (position_x + line.width, position_y) == (
                original_position_x + original_width, original_position_y)
"""
NEW = """\
        condition = (position_x, position_y) == (
            original_position_x, original_position_y)
"""


def _functions() -> dict[str, Callable[..., Any]]:
    return {"weasyprint.layout.inline.get_next_linebox": ORIGINAL}


ORIGINAL = inline.get_next_linebox


def mismatches() -> list[str]:
    """What differs from the WeasyPrint this module was written against."""
    return pin_mismatches(WEASYPRINT_VERSION, _functions(), FINGERPRINTS)


@functools.cache
def patched_function() -> Callable[..., Any] | None:
    """`get_next_linebox` with the fix, or None when the pin does not hold."""
    return None if mismatches() else rewritten(ORIGINAL, [(OLD, NEW)])


@contextmanager
def rtl_lines_once() -> Iterator[bool]:
    """Lay each right-to-left line out once while in this block; yields
    whether the patch applies."""
    patched = patched_function()
    if patched is None or inline.get_next_linebox is not ORIGINAL:
        yield False
        return
    inline.get_next_linebox = patched
    try:
        yield True
    finally:
        inline.get_next_linebox = ORIGINAL
