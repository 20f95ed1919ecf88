"""Footnotes stay on the page of their call (a patch to WeasyPrint 70.0).

When the next line of a paragraph does not fit on the page and the
paragraph's orphans forbid breaking before it, WeasyPrint makes room for the
line by moving ("reporting") the page's footnotes to the next page: their
calls stay, the notes go over the leaf.  A book breaks before the paragraph
instead, which is what print.css's `footnote-policy: line` asks for.

`notes_on_their_page()` installs, while it is active, a copy of
`weasyprint.layout.block._linebox_layout` compiled from its own source with
that one decision changed (`report = False`: never report footnotes to make
room); a line that does not fit then breaks as widows and orphans say.  The
function is pinned by WeasyPrint's version and the sha256 of its source: on
any other WeasyPrint nothing is patched (`applied()` is False) and the test
suite fails until this module is checked against the new code.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.layout import block

from . import pin_mismatches

WEASYPRINT_VERSION = "70.0"
# sha256 of the source of the one function patched, in WeasyPrint 70.0
FINGERPRINTS = {
    "weasyprint.layout.block._linebox_layout": "e07bbe000974787ee370be1f419a01a21b327a1a1e3025a65afd47589060883d",
}
DECISION = "report = not context.in_column and can_break_now and not could_break_before"
PATCHED = "report = False  # warraq (writers/pdf/patches/footnotes.py): the notes stay with their calls"


def mismatches() -> list[str]:
    """What differs from the WeasyPrint this patch was written against."""
    return pin_mismatches(
        WEASYPRINT_VERSION, {"weasyprint.layout.block._linebox_layout": block._linebox_layout}, FINGERPRINTS
    )


@functools.cache
def patched_function() -> Callable[..., Any] | None:
    """The patched `_linebox_layout`, or None when WeasyPrint is not the
    version this patch was written against."""
    original = block._linebox_layout
    source = inspect.getsource(original)
    if mismatches() or source.count(DECISION) != 1:
        return None
    # compiled at its own line numbers, in the module's namespace
    _, first = inspect.getsourcelines(original)
    code = compile("\n" * (first - 1) + source.replace(DECISION, PATCHED), block.__file__, "exec")
    namespace: dict[str, Any] = {}
    exec(code, block.__dict__, namespace)  # WeasyPrint's own source, checked above
    return namespace[original.__name__]


def applied() -> bool:
    return patched_function() is not None


@contextmanager
def notes_on_their_page() -> Iterator[bool]:
    """Lay out with the patch (yields whether it applies)."""
    patched = patched_function()
    if patched is None:
        yield False
        return
    original = block._linebox_layout
    block._linebox_layout = patched
    try:
        yield True
    finally:
        block._linebox_layout = original
