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
* `pagerefs.py` — page references built once (pydyf).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
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
