"""A line's text shaped from a window that grows, in WeasyPrint 70.0.

`text.line_break.split_first_line` does not give Pango the rest of the
paragraph to find one line: it shapes a window of `max_width / font_size *
4` characters, enough for a line and the start of the next.  When that
window fits on one line (fully vocalized Arabic sets some 120 characters a
line at 12.5 pt in A5, the window holds about 100) it gives up and shapes
the whole rest of the paragraph, for every line: a long vocalized
paragraph costs the square of its length.  And when the window's second
line has no break opportunity, it keeps the whole text, and step 3 shapes
the whole rest of the paragraph as the "next word".

The patch doubles the window instead, until Pango breaks it into a first
line and a second line with a break opportunity in it: the same condition
under which WeasyPrint itself keeps a window (so the word at the line's end
is always whole and the first line is the one the whole text would give);
only a window that reaches the paragraph's end is the whole text, as
before.  Text boxes are the same (tests/writers/test_pdf_line_window.py);
the characters shaped grow linearly with the paragraph.

Pinned like every patch of this package (`pin_mismatches`) (WeasyPrint's version, the sha256 of the patched
function): on another WeasyPrint nothing is patched.  The function is
imported by name into layout.inline and layout.preferred: it is replaced
in the three modules while the patch is active.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.layout import inline, preferred
from weasyprint.text import line_break

from . import pin_mismatches, rewritten

WEASYPRINT_VERSION = "70.0"

FINGERPRINTS = {
    "weasyprint.text.line_break.split_first_line": "39ad1016863ca34de0bea4c9fcffb46da7e27813c87dd82b7011bfa19fe5504f",
    "weasyprint.text.line_break.get_next_break_point": (
        "329fd215c7eb5323a76c0f2872189e16dd914df4677f4e35b1cb2997e32cff9c"
    ),
}

# WeasyPrint 70.0, text/line_break.py, split_first_line, step 1 (lines 284-302)
OLD = """\
        layout = create_layout(
            short_text, style, context, max_width, justification_spacing)
        first_line, resume_index = layout.get_first_line()
        if resume_index is None and short_text != text:
            # The small amount of text fits in one line, give up and use the
            # whole text.
            short_text = text
            layout.set_text(text)
            first_line, resume_index = layout.get_first_line()
        else:
            # If the second line of the short text can break, we have the next
            # line break point required for step #3 in it, drop the end of the text.
            first_line_text = short_text.encode()[:resume_index].decode()
            if first_line_text != short_text:
                start, end = len(first_line_text) + 1, len(short_text)
                text_end_log_attrs = pango.pango_layout_get_log_attrs_readonly(
                    layout.layout, ffi.NULL)[start:end]
                if get_next_break_point(text_end_log_attrs) is not None:
                    text = short_text
"""
NEW = """\
        layout = create_layout(
            short_text, style, context, max_width, justification_spacing)
        first_line, resume_index = layout.get_first_line()
        while short_text != text:
            if resume_index is not None:
                # If the second line of the short text can break, we have the
                # next line break point required for step #3 in it, drop the
                # end of the text.
                first_line_text = short_text.encode()[:resume_index].decode()
                if first_line_text != short_text:
                    start, end = len(first_line_text) + 1, len(short_text)
                    text_end_log_attrs = pango.pango_layout_get_log_attrs_readonly(
                        layout.layout, ffi.NULL)[start:end]
                    if get_next_break_point(text_end_log_attrs) is not None:
                        text = short_text
                        break
            # The short text fits in one line, or its second line cannot
            # break: try twice as much text (the whole text at last).
            short_text = text[:2 * max(len(short_text), 1)]
            layout.set_text(short_text)
            first_line, resume_index = layout.get_first_line()
"""


ORIGINAL = line_break.split_first_line
MODULES = (line_break, inline, preferred)  # where WeasyPrint's code looks the function up


def _functions() -> dict[str, Callable[..., Any]]:
    return {
        "weasyprint.text.line_break.split_first_line": ORIGINAL,
        "weasyprint.text.line_break.get_next_break_point": line_break.get_next_break_point,
    }


def mismatches() -> list[str]:
    """What differs from the WeasyPrint this module was written against."""
    return pin_mismatches(WEASYPRINT_VERSION, _functions(), FINGERPRINTS)


@functools.cache
def patched_function() -> Callable[..., Any] | None:
    """`split_first_line` with the growing window, or None when the pin does not hold."""
    return None if mismatches() else rewritten(ORIGINAL, [(OLD, NEW)])


@contextmanager
def line_window() -> Iterator[bool]:
    """Shape a growing window of each paragraph's text while in this block;
    yields whether the patch applies."""
    patched = patched_function()
    if patched is None or any(m.split_first_line is not ORIGINAL for m in MODULES):
        yield False
        return
    for module in MODULES:
        module.split_first_line = patched
    try:
        yield True
    finally:
        for module in MODULES:
            module.split_first_line = ORIGINAL
