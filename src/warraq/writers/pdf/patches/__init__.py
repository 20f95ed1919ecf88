"""Every pinned patch warraq applies to a third-party library, one module each.

WeasyPrint 70.0 and pydyf 0.13.0 are patched where they get an Arabic book
wrong or slow; each patch module names the exact upstream version it was
written against and the sha256 of the source of every function it replaces
or relies on, checked through `pin_mismatches` before it is applied.  On any
other version a patch applies nothing and says so (`mismatches()` or
`applied()`), and its test fails loudly on an upgrade.

* `text.py` — the exact text of every shaped run (ToUnicode per glyph
  occurrence: ligatures, marks and inserted kashidas extract as typed);
* `kashida.py` — justification by kashida (letters elongated at the
  classical joins, spaces taking the rest);
* `footnotes.py` — a footnote stays on its call's page;
* `tags.py` — the structure tags a screen reader needs (notes, Latin runs,
  the contents, pagination artifacts);
* `leaders.py` — the contents' dot leaders as one text run per line;
* `lines.py` — a right-to-left line ending at an inline element keeps to
  its frame (the stripped trailing space);
* `pagerefs.py` — page references built once (pydyf);
* `rtl_lines.py` — each right-to-left line laid out once, not twice;
* `line_window.py` — a line's text shaped from a window that grows, never
  the whole rest of a paragraph (linear on vocalized text);
* `margin_boxes.py` — margin boxes made only for the sides that show
  something (a running head and a folio: two sides of sixteen boxes);
* `shaped_once.py` — a justified line drawn from the layout its kashida
  measure shaped, not shaped again;

Besides `pin_mismatches`, `rewritten` is what the last three use: a pinned
function compiled from its own source with a few lines replaced.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import textwrap
from collections.abc import Callable
from typing import Any

import weasyprint


@functools.cache  # once per function object: every typeset document checks the pin
def source_hash(function: Callable[..., Any]) -> str:
    return hashlib.sha256(inspect.getsource(function).encode("utf-8")).hexdigest()


def pin_mismatches(version: str, functions: dict[str, Callable[..., Any]], fingerprints: dict[str, str]) -> list[str]:
    """What differs from the WeasyPrint a patch was written against: its
    version, and each function whose source's sha256 is not the pinned one
    (every patch of this package is pinned through it)."""
    found = []
    if weasyprint.__version__ != version:
        found.append(f"WeasyPrint {weasyprint.__version__} (patched for {version})")
    for name, function in functions.items():
        try:
            digest = source_hash(function)
        except (OSError, TypeError):
            digest = "no source"
        if digest != fingerprints[name]:
            found.append(f"{name} changed (sha256 {digest[:12]})")
    return found


# a pinned function with a few of its lines replaced: copying a long private
# function into warraq would hide the change among WeasyPrint's own lines, so
# its source (pinned by sha256) has each passage swapped, exactly once, and is
# compiled in the function's own module namespace; the replacements are the
# diff sent upstream


class SourceChanged(Exception):
    """A passage to replace is not found exactly once in the function."""


def rewritten(function: Callable[..., Any], replacements: list[tuple[str, str]]) -> Callable[..., Any]:
    """The function compiled from its source with each (old, new) passage
    replaced (each old passage must occur exactly once)."""
    lines, first = inspect.getsourcelines(function)
    source = textwrap.dedent("".join(lines))
    for old, new in replacements:
        if source.count(old) != 1:
            raise SourceChanged(f"{function.__module__}.{function.__qualname__}: {old.strip()[:60]!r}")
        source = source.replace(old, new)
    namespace: dict[str, Any] = {}
    module = inspect.getmodule(function)
    # compiled at its own line numbers (those after a replacement shift by
    # the lines it adds), in the module's file, for tracebacks
    code = compile("\n" * (first - 1) + source, module.__file__, "exec")
    exec(code, vars(module), namespace)  # WeasyPrint's own pinned source, a few lines replaced
    patched = namespace[function.__name__]
    patched.__wrapped_original__ = function
    return patched
