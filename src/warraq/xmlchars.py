"""Characters XML 1.0 forbids: C0 controls other than tab, newline and
carriage return, lone surrogates, U+FFFE and U+FFFF.  No XHTML (no EPUB)
can hold them, so warraq refuses them where they are read, with the file,
line and column (pure functions; no imports from the package)."""

from __future__ import annotations

import re

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NAMES = {
    "\x00": "NUL",
    "\x08": "backspace",
    "\x0b": "vertical tab",
    "\x0c": "form feed (a page break)",
    "\x1b": "escape",
    "\ufffe": "non-character",
    "\uffff": "non-character",
}


def describe(ch: str) -> str:
    """`form feed (a page break), U+000C`."""
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        name = "lone surrogate"
    else:
        name = _NAMES.get(ch, "control character")
    return f"{name}, U+{code:04X}"


def first_forbidden(text: str) -> tuple[int, int, str] | None:
    """(line, column, description) of the first forbidden character, 1-based."""
    m = FORBIDDEN.search(text)
    if m is None:
        return None
    start = m.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column, describe(m.group())
