"""Lists inside a message, joined as the language joins them.

A finding may name several things (the differences of a quotation, the
verses a phrase stands in): each item is a message or a quoted str, and
the list is a nest of messages ("{first}, {rest}"), so it renders in either
language as a whole — never English separators glued between Arabic items.
"""

from __future__ import annotations

from collections.abc import Iterable

from .i18n import msg


def commas(items: Iterable[str]) -> str:
    """`a, b, c` (Arabic: «a، b، c»)."""
    out: str | None = None
    for item in reversed(list(items)):
        # TRANSLATORS: two items of a list (the second may be the rest of the list)
        out = item if out is None else msg("{first}, {rest}", first=item, rest=out)
    return out or ""


def semicolons(items: Iterable[str]) -> str:
    """`a; b; c` (Arabic: «a؛ b؛ c»)."""
    out: str | None = None
    for item in reversed(list(items)):
        out = item if out is None else msg("{first}; {rest}", first=item, rest=out)
    return out or ""
