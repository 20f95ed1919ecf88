"""Word-by-word differences between two texts (a near repeat and the copy
kept, a misquotation and its source), compared on the normalised key of
each word (ARABIC.md) so tashkeel and hamza spellings do not count."""

from __future__ import annotations

from difflib import SequenceMatcher

from ..text.arabic import key

Op = tuple[str, str]  # ("=", words) same, ("-", words) only in `old`, ("+", words) only in `new`


def word_diff(old: str, new: str) -> list[Op]:
    a, b = old.split(), new.split()
    matcher = SequenceMatcher(None, [key(w) for w in a], [key(w) for w in b], autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(b[j1:j2])))
    return ops


def changed(ops: list[Op]) -> bool:
    return any(op != "=" for op, _ in ops)
