"""Characters XML 1.0 forbids: C0 controls other than tab, newline and
carriage return, lone surrogates, U+FFFE and U+FFFF.  No XHTML (no EPUB)
can hold them, so warraq refuses them where they are read, with the file,
line and column (pure functions; only the package's messages imported)."""

from __future__ import annotations

import re

from ..i18n import N_, Msg, msg

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NAMES = {
    "\x00": N_("NUL"),
    "\x08": N_("backspace"),
    "\x0b": N_("vertical tab"),
    "\x0c": N_("form feed (a page break)"),
    "\x1b": N_("escape"),
    "\ufffe": N_("non-character"),
    "\uffff": N_("non-character"),
}


def describe(ch: str) -> Msg:
    """`form feed (a page break), U+000C`, in the user's language."""
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        name = N_("lone surrogate")
    else:
        name = _NAMES.get(ch, N_("control character"))
    return msg("{character}, {code}", character=msg(name), code=f"U+{code:04X}")


def first_forbidden(text: str) -> tuple[int, int, Msg] | None:
    """(line, column, description) of the first forbidden character, 1-based."""
    m = FORBIDDEN.search(text)
    if m is None:
        return None
    start = m.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column, describe(m.group())
