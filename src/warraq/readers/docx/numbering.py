"""Numbering: the numbers and bullets Word draws before a list's paragraphs.

It owns numbering.xml: each list (`w:num`) and its levels (`w:abstractNum`'s
`w:lvl`: the number format, the text around the number, the first value),
and the counters as Word counts them in reading order (a level's count goes
on; a higher level resets the deeper ones).  A numbered paragraph's label
(`3.`, `ب)`, `•`) is not in its runs: without this it was lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .package import Package
from .wordml import Tags

ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
ALPHA = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"))
ROMAN += ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "o": "◦", "\uf06f": "◦"}


@dataclass(frozen=True)
class Level:
    fmt: str  # decimal, bullet, arabicAbjad, lowerLetter ...
    text: str  # "%1." — %n is level n's number
    start: int


def roman(n: int) -> str:
    out = []
    for value, letters in ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def number_text(n: int, fmt: str) -> str:
    """`n` as a level's format writes it."""
    if fmt in ("arabicAbjad", "arabicAlpha"):
        letters = ABJAD if fmt == "arabicAbjad" else ALPHA
        return letters[(n - 1) % len(letters)] * ((n - 1) // len(letters) + 1) if n > 0 else str(n)
    if fmt in ("hindiNumbers", "hindiCounting"):
        return str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        text = roman(n) if 0 < n < 4000 else str(n)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "none":
        return ""
    return str(n)


class Numbering:
    """The lists of numbering.xml and their counters while the body is read."""

    def __init__(self, package: Package, name: str | None, t: Tags):
        self.t = t
        self.lists: dict[str, dict[int, Level]] = {}
        self.counts: dict[str, dict[int, int]] = {}
        if not name or not package.has(name):
            return
        root = package.xml(name)
        abstract: dict[str, dict[int, Level]] = {}
        for el in root.iter(t.abstractNum):
            levels = {}
            for lvl in el.iter(t.lvl):
                ilvl = lvl.get(t.ilvl_attr, "0")
                if not ilvl.isdigit() or int(ilvl) > 8:
                    continue
                levels[int(ilvl)] = Level(_val(lvl, t.numFmt, t) or "decimal", _val(lvl, t.lvlText, t), _start(lvl, t))
            abstract[el.get(f"{{{t.ns}}}abstractNumId", "")] = levels
        for el in root.iter(t.num):
            ref = _val(el, t.abstractNumId, t)
            if ref in abstract:
                self.lists[el.get(f"{{{t.ns}}}numId", "")] = abstract[ref]

    def label(self, ppr: etree._Element | None) -> str:
        """The label Word draws before a paragraph with these properties
        (counted: call it once per paragraph, in reading order), or ""."""
        t = self.t
        num = ppr.find(t.numPr) if ppr is not None else None
        if num is None:
            return ""
        num_id, ilvl = _val(num, t.numId, t), _val(num, t.ilvl, t) or "0"
        levels = self.lists.get(num_id)
        if not levels or not ilvl.isdigit() or int(ilvl) not in levels:
            return ""
        level = int(ilvl)
        counts = self.counts.setdefault(num_id, {})
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        spec = levels[level]
        if spec.fmt == "bullet":
            return BULLETS.get(spec.text, spec.text if spec.text.isprintable() else "•")

        def value(m: re.Match) -> str:
            k = int(m[1]) - 1
            lv = levels.get(k)
            return number_text(counts.get(k, lv.start if lv else 1), lv.fmt if lv else "decimal")

        return re.sub(r"%([1-9])", value, spec.text)


def _val(el: etree._Element, tag: str, t: Tags) -> str:
    found = el.find(tag)
    return found.get(t.val, "") if found is not None else ""


def _start(lvl: etree._Element, t: Tags) -> int:
    text = _val(lvl, t.start, t)
    return int(text) if text.isdigit() and len(text) < 7 else 1
