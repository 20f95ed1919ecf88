"""The body: document.xml's blocks to the part's numbered paragraphs.

It owns the walk of the body in reading order: paragraphs through content
controls (a placeholder left out), `w:customXml` and tracked insertions;
deletions dropped, a deleted paragraph mark joining its paragraph with the
next (as Word accepting it); a one-column table read as the frame around its
paragraphs, any other table a table (blocks.py), an embedded document left
out with a finding.  Each paragraph gets its number (`file:¶N`: the Nth paragraph that
shows something; a table counts as one) and what the part's rules need to
know of it: its heading level, whether it is centred, all bold, in the Title
or a Quote style, right to left.
"""

from __future__ import annotations

import copy

from lxml import etree

from ...i18n import msg
from ...model import Emphasis, Inline, Link, NoteRef, Provenance, Text, replace
from ..structure import MISSPLIT, Para, balanced, holds_figures, is_half
from .blocks import CAPTION_STYLES, Blocks
from .inlines import all_bold, build_inlines, flat, split_at_blank_lines
from .runs import mostly_arabic
from .state import UNIT
from .styles import StyleSheet, heading_level
from .wordml import MC, Tags, is_on, paragraph_texts, showing_placeholder

ALTERNATE = f"{{{MC}}}AlternateContent"


class Body(Blocks):
    """The body's blocks to paragraphs, each with what the part's rules read of it."""

    def read_body(self, body: etree._Element, out: list[tuple[Para, dict]] | None = None) -> list[tuple[Para, dict]]:
        out = [] if out is None else out
        t = self.t
        for el in self._blocks(body):
            if el.tag == t.p:
                out.extend(self._paragraph(el))
            elif el.tag == t.tbl and (verse := self._verse_table(el)) is not None:
                # a borderless table of hemistichs: the usual way Word authors
                # set verse.  Each row is read as one paragraph of its two
                # cells' runs with a tab between (its emphasis and note calls
                # kept, as in a bayt typed with a tab); the table counts as
                # one paragraph
                number = self.number + 1
                pictures: list[tuple[Para, dict]] = []
                for sadr, ajuz in verse:
                    self.number = number - 1
                    for para, info in self._paragraph(_row_paragraph(sadr, ajuz, t)):
                        if para.block is not None:  # a picture in a cell: kept after the poem
                            pictures.append((para, info))
                            continue
                        # a hemistich, whatever its cell's style (a heading, a caption, a numbered list)
                        plain = {"title": False, "level": 0, "centred": False, "bold": False, "quoted": False}
                        plain |= {"caption": False, "list": None, "verse": True}
                        out.append((replace(para, verse=True), info | plain))
                out.extend(pictures)
                self.number = number
            elif el.tag == t.tbl:
                rows = el.findall(t.tr)
                cells = [r.findall(t.tc) for r in rows]
                if rows and all(len(c) == 1 for c in cells):
                    # a one-column table is a frame around text (a template's
                    # layout, a page pasted from the web): its paragraphs are read
                    for (cell,) in cells:
                        self.read_body(cell, out)
                    continue
                self.number += 1
                prov = Provenance(self.file, self.number, unit=UNIT)
                table, content = self.table(el, prov)
                self.tables.append((self.number, len(rows), max((len(c) for c in cells), default=0)))
                text = " | ".join(paragraph_texts(el, t))
                info = {"title": False, "level": 0, "centred": False, "bold": False, "quoted": False}
                out.append((Para(text, content, prov, block=table), info))
            elif el.tag == t.altChunk:
                self.number += 1
                self.find(
                    "docx-altchunk",
                    msg("an embedded document ({element}) is left out of the book", element="altChunk"),
                    "warning",
                )
        return out

    def _verse_table(self, tbl: etree._Element) -> list[tuple[etree._Element, etree._Element | None]] | None:
        """The cells of the bayts of a table that sets verse, (ṣadr, ʿajuz or
        None): no borders, two rows at least, each row two cells of one
        hemistich each (an empty cell between them, or a lone half-line in
        one cell, allowed), the ṣadr in the right-hand cell (the first of a
        right-to-left table, the last of a left-to-right one)."""
        t = self.t
        props = tbl.find(t.tblPr)
        if _bordered(props, t, self.sheet):
            return None
        rtl = props is not None and is_on(props.find(t.bidiVisual), t)
        bayts, texts = [], []
        for row in tbl.findall(t.tr):
            cells = [(" ".join(" ".join(paragraph_texts(cell, t)).split()), cell) for cell in row.findall(t.tc)]
            cells = [(text, cell) for text, cell in cells if text]
            if not cells or len(cells) > 2 or not all(is_half(c) and len(c.split()) > 1 for c, _ in cells):
                return None
            if any(holds_figures(c) for c, _ in cells):
                return None  # a layout table of figures, as Word makes them without borders
            if not rtl:
                cells.reverse()
            texts.append((cells[0][0], cells[1][0] if len(cells) == 2 else ""))
            bayts.append((cells[0][1], cells[1][1] if len(cells) == 2 else None))
        # two bayts at least: a one-row table of two cells is as likely a layout
        if sum(1 for _, ajuz in texts if ajuz) < 2 or not all(balanced(s, a, MISSPLIT) for s, a in texts if a):
            return None
        return bayts

    def _blocks(self, parent: etree._Element):
        """Paragraphs and tables of the body, through content controls and
        tracked insertions; deleted ones are skipped."""
        t = self.t
        joined: list[etree._Element] = []  # paragraphs whose mark is deleted, to join with the next
        for el in parent:
            tag = el.tag
            if tag == t.p and el.find(f"{t.pPr}/{t.rPr}/{t.del_}") is not None:
                # a deleted paragraph mark: accepting it joins the paragraph with the next, as Word does
                self.count_change()
                joined.append(el)
                continue
            if tag == t.p and joined:
                el = _join_paragraphs([*joined, el], t)
                joined = []
            if joined:
                yield _join_paragraphs(joined, t)
                joined = []
            if tag in (t.p, t.tbl, t.altChunk):
                yield el
            elif tag == t.sdt:
                content = el.find(t.sdtContent)
                if content is not None and not showing_placeholder(el, self.t):
                    yield from self._blocks(content)
            elif tag in (t.customXml, t.ins, t.moveTo):
                if tag != t.customXml:
                    self.count_change()
                yield from self._blocks(el)
            elif tag in (t.del_, t.moveFrom):
                self.count_change()
            elif tag == ALTERNATE and len(el):
                # a body-level choice (a newer Word's content and its fallback): the first, as in a run
                yield from self._blocks(el[0])
        if joined:
            yield _join_paragraphs(joined, t)

    def _paragraph(self, p: etree._Element) -> list[tuple[Para, dict]]:
        """The paragraph, or the paragraphs a blank line (two line breaks:
        text pasted from the web) divides it into; they share its number."""
        t = self.t
        ppr = p.find(t.pPr)
        style_id = self.sheet.default_style
        direct_level: int | None = None
        jc: str | None = None
        bidi: bool | None = None
        if ppr is not None:
            if (s := ppr.find(t.pStyle)) is not None:
                style_id = s.get(t.val, "")
            if (o := ppr.find(t.outlineLvl)) is not None and o.get(t.val, "").isdigit():
                direct_level = int(o.get(t.val, "9")) + 1
            if (j := ppr.find(t.jc)) is not None:
                jc = j.get(t.val, "")
            if (b := ppr.find(t.bidi)) is not None:
                bidi = is_on(b, t)
            if ppr.find(f"{t.rPr}/{t.del_}") is not None or ppr.find(f"{t.rPr}/{t.ins}") is not None:
                self.count_change()
            if ppr.find(t.pPrChange) is not None:
                self.count_change()
        chain = self.sheet.chain(style_id)
        self.number += 1
        found_before = len(self.findings)
        self.pictures, self.in_body = [], True
        items = self.paragraph_items(p, chain)
        self.in_body = False
        # a field's instruction never runs past its paragraph: a field left
        # open (a damaged file) must not hide the text that follows
        self.fields[:] = ["result" for _ in self.fields]
        self.custom_mark = False
        found: list[tuple[Para, dict]] = []
        prov = Provenance(self.file, self.number, unit=UNIT)
        level = heading_level(direct_level, chain)
        centred = (jc if jc is not None else next((s.jc for s in chain if s.jc is not None), None)) == "center"
        if bidi is None:
            bidi = next((st.bidi for st in chain if st.bidi is not None), self.sheet.defaults.get("bidi"))
        for group in split_at_blank_lines(items):
            inlines, text = build_inlines(group)
            if not text.strip() and not any(isinstance(n, NoteRef) for n in flat(inlines)):
                continue
            info = {"title": any(s.title for s in chain), "level": level, "centred": centred, "bold": all_bold(group)}
            info["quoted"] = any(s.quote for s in chain)
            info["verse"] = any(s.verse for s in chain)
            info["caption"] = any(s.name in CAPTION_STYLES for s in chain)
            info["list"] = self.list_info(ppr)
            found.append((Para(text.strip(), _tabs_as_spaces(inlines), prov), info))
            if not bidi and mostly_arabic(text):
                self.left_to_right += 1
                self.first_ltr = self.first_ltr or self.number
        found.extend(self.figures(prov))
        if not found and len(self.findings) == found_before:  # nothing shown: not a paragraph of the count
            self.number -= 1
        return found


def _row_paragraph(sadr: etree._Element, ajuz: etree._Element | None, t: Tags) -> etree._Element:
    """One paragraph of a verse table's row: the ṣadr cell's runs, a tab,
    the ʿajuz cell's runs (a cell's paragraphs joined by a space), with the
    paragraph properties of the ṣadr's first paragraph."""
    p = etree.Element(t.p)
    first = next(sadr.iter(t.p), None)
    if first is not None and (ppr := first.find(t.pPr)) is not None:
        p.append(copy.deepcopy(ppr))
    for i, cell in enumerate(c for c in (sadr, ajuz) if c is not None):
        if i:
            etree.SubElement(etree.SubElement(p, t.r), t.tab)
        for j, para in enumerate(cell.iter(t.p)):
            if j:
                space = etree.SubElement(etree.SubElement(p, t.r), t.t)
                space.text = " "
            p.extend(copy.deepcopy(child) for child in para if child.tag != t.pPr)
    return p


def _bordered(props: etree._Element | None, t: Tags, sheet: StyleSheet) -> bool:
    """Does the table draw borders: its own (`w:tblBorders` not nil or
    none), else those of a grid style (Word's «Table Grid»)?"""
    borders = props.find(t.tblBorders) if props is not None else None
    if borders is not None:
        return any(b.get(t.val, "") not in ("nil", "none", "") for b in borders)
    style = props.find(t.tblStyle) if props is not None else None
    sid = style.get(t.val, "") if style is not None else ""
    names = [sid.lower()] + [s.name for s in sheet.chain(sid)]
    return any("grid" in name for name in names)


def _tabs_as_spaces(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A tab is a space in the book (the rules read the tabs in the text)."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text) and "\t" in node.text:
            node = Text(node.text.replace("\t", " "))
        elif isinstance(node, (Emphasis, Link)):
            node = replace(node, children=_tabs_as_spaces(node.children))
        out.append(node)
    return tuple(out)


def _join_paragraphs(paragraphs: list[etree._Element], t: Tags) -> etree._Element:
    """One paragraph: the content of each paragraph in turn (all but the last
    have their mark deleted), with the properties of the last, as Word
    accepting the deletions.  Each child is copied once: joining n
    paragraphs costs their size, not n times it."""
    last = paragraphs[-1]
    joined = etree.Element(last.tag, dict(last.attrib), nsmap=last.nsmap)
    ppr = last.find(t.pPr)
    if ppr is not None:
        joined.append(copy.deepcopy(ppr))
    for p in paragraphs:
        for child in p:
            if child.tag != t.pPr:
                joined.append(copy.deepcopy(child))
    return joined
