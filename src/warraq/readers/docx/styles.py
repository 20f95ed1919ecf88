"""Styles: what styles.xml says a paragraph or a run looks like.

It owns the styles by id and the document defaults (`w:docDefaults`), each
style's `w:basedOn` chain (walked once, cycles cut), the lookup of a run
property through the run, its character style and the paragraph's chain, and
a heading's level by meaning: the style's `w:name` (`heading 1`, whatever its
localized id), the Title and Quote styles, `w:outlineLvl` through the chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .package import Package
from .wordml import Tags, is_on, run_props

_HEADING_NAME = re.compile(r"^(?:heading|عنوان|titre|überschrift|título|titolo|kop)\s*([1-9])$")
_TITLE_NAMES = frozenset({"title", "العنوان", "titre", "titel", "título", "titolo"})
_QUOTE_NAMES = frozenset({"quote", "intense quote", "block text", "اقتباس", "اقتباس مكثف", "citation", "zitat"})
# a paragraph style of verse: its name holds one of these words (`Poem`,
# `شعر`, `بيت شعر`, `Verse 1`)
_VERSE_WORDS = re.compile(r"(?:^|\W)(?:poem|poetry|verse|شعر|بيت|أبيات|ابيات|قصيدة)(?:\W|$)")


@dataclass
class Style:
    name: str = ""
    based_on: str = ""
    level: int = 0  # heading level by name, 1-9; -1: outline level "body text"
    outline: int | None = None  # w:outlineLvl + 1 (10: body text)
    title: bool = False
    quote: bool = False  # Word's Quote style (or one based on it)
    verse: bool = False  # a style of verse (its name: poem, شعر, بيت ...)
    bidi: bool | None = None  # w:bidi: a right-to-left paragraph
    jc: str | None = None
    run: dict[str, object] = field(default_factory=dict)


class StyleSheet:
    """The styles by id, the document defaults, and the chains of `w:basedOn`."""

    def __init__(self, t: Tags):
        self.t = t
        self.styles: dict[str, Style] = {}
        self.defaults: dict[str, object] = {}
        self.default_style = ""  # what a paragraph without w:pStyle has (Normal)
        self._chains: dict[str, list[Style]] = {}

    def chain(self, sid: str) -> list[Style]:
        found = self._chains.get(sid)
        if found is None:
            found = self._chains[sid] = self._walk_chain(sid)
        return found

    def _walk_chain(self, sid: str) -> list[Style]:
        out: list[Style] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            out.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return out

    def run_value(self, rpr: dict[str, object], key: str) -> object:
        """A run property: the run's own, else its character style's."""
        if key in rpr:
            return rpr[key]
        for style in self.chain(str(rpr.get(self.t.rStyle, ""))):
            if key in style.run:
                return style.run[key]
        return None

    def paragraph_value(self, chain: list[Style], key: str) -> object:
        """A run property the paragraph's style gives, else the document default."""
        for style in chain:
            if key in style.run:
                return style.run[key]
        return self.defaults.get(key)


def read_styles(package: Package, name: str | None, t: Tags) -> StyleSheet:
    sheet = StyleSheet(t)
    if not name or not package.has(name):
        return sheet
    styles = sheet.styles
    defaults: dict[str, object] = {}
    root = package.xml(name)
    dd = root.find(t.docDefaults)
    if dd is not None:
        rpr = dd.find(f"{t.rPrDefault}/{t.rPr}")
        defaults = run_props(rpr, t)
        ppr = dd.find(f"{t.pPrDefault}/{t.pPr}")
        if ppr is not None and (jc := ppr.find(t.jc)) is not None:
            defaults["jc"] = jc.get(t.val, "")
        if ppr is not None and (bidi := ppr.find(t.bidi)) is not None:
            defaults["bidi"] = is_on(bidi, t)
    for el in root.iter(t.style):
        sid = el.get(t.styleId, "")
        if el.get(t.type) == "paragraph" and el.get(t.default) in ("1", "true", "on"):
            sheet.default_style = sid  # what a paragraph without w:pStyle has (Normal)
        style = Style()
        if (n := el.find(t.name)) is not None:
            style.name = " ".join(n.get(t.val, "").lower().split())
        if (b := el.find(t.basedOn)) is not None:
            style.based_on = b.get(t.val, "")
        m = _HEADING_NAME.match(style.name)
        if m:
            style.level = int(m.group(1))
        style.title = style.name in _TITLE_NAMES
        style.quote = style.name in _QUOTE_NAMES
        style.verse = _VERSE_WORDS.search(style.name) is not None
        ppr = el.find(t.pPr)
        if ppr is not None:
            if (o := ppr.find(t.outlineLvl)) is not None and o.get(t.val, "").isdigit():
                style.outline = int(o.get(t.val, "9")) + 1
            if (jc := ppr.find(t.jc)) is not None:
                style.jc = jc.get(t.val, "")
            if (bidi := ppr.find(t.bidi)) is not None:
                style.bidi = is_on(bidi, t)
        style.run = run_props(el.find(t.rPr), t)
        styles[sid] = style
    sheet.defaults = defaults
    return sheet


def heading_level(direct: int | None, chain: list[Style]) -> int:
    """The heading level (1-9) a paragraph's formatting gives it, 0 for body text."""
    if direct is not None:
        return direct if direct <= 9 else 0
    for style in chain:
        if style.level:
            return style.level
        if style.outline is not None:
            return style.outline if style.outline <= 9 else 0
    return 0
