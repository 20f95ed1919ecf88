"""Margin boxes made only for the sides that show something, in WeasyPrint 70.0.

`layout.page.make_margin_boxes` makes all sixteen margin boxes of every
page: for each side its three boxes (a box with resolved percentages, its
content built when it has any), then drops the side when none of the three
has content; then the four corners, dropped the same way.  A book's pages
show a running head and a folio: two sides of the sixteen boxes, and ten
boxes made and thrown away on every page (a tenth of the margin boxes'
time, about 1.5 % of a part's layout, on the 40-part book).

Whether a margin box is generated depends on its computed `content` alone
(`is_generated` in `make_box`), so the patch asks that first and makes the
boxes of a side, or a corner, only when one of them is generated; the
counters are still standardized for every box as before (it is what
`make_box` does to the style first, whether the box is kept or not).  The
boxes that are kept, their order and their layout are the same
(tests/writers/test_pdf_margin_boxes.py: the same text boxes and PDF bytes).

Pinned like every patch of this package (`pin_mismatches`): on another
WeasyPrint nothing is patched.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import weasyprint.layout
from weasyprint.layout import page

from . import pin_mismatches, rewritten

WEASYPRINT_VERSION = "70.0"

FINGERPRINTS = {
    "weasyprint.layout.page.make_margin_boxes": "4a2d2e301eb3bc47c2812d1502d4d6ce3b65922a76e69fb45c11a5ae353198a7",
    "weasyprint.layout.page._standardize_page_based_counters": (
        "6c3791760c3fbe13e13bf08c4822d9857a163a2bbeecda3466b540f28500ebd0"
    ),
}

# WeasyPrint 70.0, layout/page.py, make_margin_boxes: a helper beside
# make_box that says whether a margin box would be generated, with the
# style's counters standardized as make_box does first
HELPER_OLD = """\
    margin_top = page.margin_top
"""
HELPER_NEW = """\
    def is_generated(at_keyword):
        style = context.style_for(page.page_type, at_keyword)
        if style is None:
            style = page.style.anonymous_style
        _standardize_page_based_counters(style, at_keyword)
        return style['content'] not in ('normal', 'inhibit', 'none')

    margin_top = page.margin_top
"""
# the sides (lines 438-442)
SIDES_OLD = """\
        side_boxes = [
            make_box(f'@{prefix}-{suffix}', containing_block)
            for suffix in suffixes]
        if not any(box.is_generated for box in side_boxes):
            continue
"""
SIDES_NEW = """\
        if not any([is_generated(f'@{prefix}-{suffix}') for suffix in suffixes]):
            continue
        side_boxes = [
            make_box(f'@{prefix}-{suffix}', containing_block)
            for suffix in suffixes]
"""
# the corners (lines 472-474)
CORNERS_OLD = """\
        box = make_box(at_keyword, (cb_width, cb_height))
        if not box.is_generated:
            continue
"""
CORNERS_NEW = """\
        if not is_generated(at_keyword):
            continue
        box = make_box(at_keyword, (cb_width, cb_height))
"""

ORIGINAL = page.make_margin_boxes


def _functions() -> dict[str, Callable[..., Any]]:
    return {
        "weasyprint.layout.page.make_margin_boxes": ORIGINAL,
        "weasyprint.layout.page._standardize_page_based_counters": page._standardize_page_based_counters,
    }


def mismatches() -> list[str]:
    """What differs from the WeasyPrint this module was written against."""
    return pin_mismatches(WEASYPRINT_VERSION, _functions(), FINGERPRINTS)


@functools.cache
def patched_function() -> Callable[..., Any] | None:
    """`make_margin_boxes` that makes only the shown sides, or None when the pin does not hold."""
    if mismatches():
        return None
    return rewritten(ORIGINAL, [(HELPER_OLD, HELPER_NEW), (SIDES_OLD, SIDES_NEW), (CORNERS_OLD, CORNERS_NEW)])


@contextmanager
def shown_margin_boxes() -> Iterator[bool]:
    """Make the margin boxes of the shown sides only while in this block;
    yields whether the patch applies (layout/__init__.py calls it by the
    name it imported)."""
    patched = patched_function()
    if patched is None or weasyprint.layout.make_margin_boxes is not ORIGINAL:
        yield False
        return
    weasyprint.layout.make_margin_boxes = patched
    try:
        yield True
    finally:
        weasyprint.layout.make_margin_boxes = ORIGINAL
