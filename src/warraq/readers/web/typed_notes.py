"""Notes typed as text in a web article (pasted from Word without links):
«[1]» in the text, then «الهوامش» and «[1] …», «[2] …» at the end.

They become the author's notes only when nothing is in doubt: the heading,
then paragraphs numbered 1, 2, 3 … in one bracket style that end the
article, each number called exactly once, in plain text, before the heading.
Otherwise the page's text is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...model import Inline, Note, NoteRef, Text
from ...text.arabic import to_arabic_indic_digits, to_western_digits
from ..structure import Para

_TYPED_NOTE = re.compile(r"^\s*([\[(])\s*([0-9٠-٩]{1,3})\s*[\])]\s*[-.:]?\s*(\S.*)$", re.S)


def typed_notes(out: list, at: int, prefix: str) -> tuple[list, list[Note]] | None:
    """(the paragraphs without the heading and the notes, the notes), or None.

    `out` holds paragraphs (`Para`) and figures; `at` is the index of the
    notes heading; note ids are `prefix` + the note's number."""
    items: list[tuple[int, str]] = []  # (index in out, the note's text)
    style = ""
    for i in range(at + 1, len(out)):
        item = out[i]
        m = _TYPED_NOTE.match(item.text) if isinstance(item, Para) else None
        if m is None or to_western_digits(m[2]).lstrip("0") != str(len(items) + 1) or (style and m[1] != style):
            break
        style = m[1]
        items.append((i, m[3].strip()))
    if not items or any(isinstance(x, Para) for x in out[items[-1][0] + 1 :]):
        return None  # not notes, or not at the end of the article
    close = "]" if style == "[" else ")"
    calls: dict[int, tuple[int, re.Pattern]] = {}  # number -> (the paragraph calling it, the call)
    for n in range(1, len(items) + 1):
        call = re.compile(rf"\{style}\s*(?:{n}|{to_arabic_indic_digits(str(n))})\s*\{close}")
        found = [(i, len(call.findall(x.text))) for i, x in enumerate(out[:at]) if isinstance(x, Para)]
        found = [(i, k) for i, k in found if k]
        if len(found) != 1 or found[0][1] != 1:
            return None
        i = found[0][0]
        if not any(isinstance(t, Text) and call.search(t.text) for t in out[i].inlines):
            return None  # the call is inside emphasis or split: leave it
        calls[n] = (i, call)
    notes = [Note(f"{prefix}{k + 1}", (Text(body),), out[i].prov) for k, (i, body) in enumerate(items)]
    new = list(out)
    for n, (i, call) in calls.items():
        para = new[i]
        inlines: list[Inline] = []
        for node in para.inlines:
            m = call.search(node.text) if isinstance(node, Text) else None
            if m is None:
                inlines.append(node)
                continue
            inlines += [Text(node.text[: m.start()].rstrip()), NoteRef(f"{prefix}{n}"), Text(node.text[m.end() :])]
        inlines = [x for x in inlines if not (isinstance(x, Text) and not x.text)]
        new[i] = replace(para, inlines=tuple(inlines), text=call.sub("", para.text))
    gone = {at, *(i for i, _ in items)}
    return [x for j, x in enumerate(new) if j not in gone], notes
