"""Reading a built PDF back the way a reader's tools do, for the PDF tests.

* `pdfminer_pages`: every glyph pdfminer extracts, with its position, sorted
  into lines (top to bottom) and, inside a line, right to left: for Arabic
  letters in a right-to-left paragraph that is their logical order;
* `pdftotext`: poppler's own extraction (it reorders bidi text itself);
* zones of a page: the running head (top margin), the folio (bottom margin),
  the notes (under the footnote rule) and the body (everything else);
* `html_part_texts`: the text of each part of the print HTML, body and
  footnotes apart, which is what the PDF must give back.

Coordinates are those of the trim box (a print-profile page has bleed
around it).  The margins are print.css's (19 mm top, 20 mm bottom): a running head sits
about 13 mm from the top edge and a folio about 12 mm from the bottom, so
anything whose baseline is within 16 mm of the top or bottom edge is a head
or a folio, and body text never is (its first baseline is below 22 mm).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTCurve, LTLine, LTRect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1

MM = 72 / 25.4
# running heads and folios lie this close to the edge (the print profile
# sets them [print] safe_margin_mm, 12.7 mm, inside the trim: baselines up
# to 18 mm); the body and the notes start further in
MARGIN_BAND = 19 * MM

ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")
ARABIC_MARK = re.compile("[\u064b-\u0652\u0670]")
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"


def letters(text: str) -> str:
    """The Arabic letters of a text, in order (no marks, digits, spaces)."""
    return "".join(ARABIC_LETTER.findall(text))


def letter_counts(text: str) -> Counter:
    return Counter(ARABIC_LETTER.findall(text))


def mark_counts(text: str) -> Counter:
    return Counter(ARABIC_MARK.findall(text))


def logical_glyph(text: str) -> str:
    """A glyph's text in logical order: reversed when it holds a mark."""
    return text[::-1] if len(text) > 1 and any(unicodedata.category(c) == "Mn" for c in text) else text


@dataclass
class Glyph:
    text: str
    x: float  # horizontal centre
    baseline: float
    size: float


@dataclass
class Line:
    baseline: float
    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Right to left: logical order for the Arabic letters of the line.
        A glyph's text that holds a mark (a letter and its harakat) is
        written in visual order, as extractors read it (patches/text.py,
        `with_marks`): turned back here."""
        return "".join(logical_glyph(g.text) for g in sorted(self.glyphs, key=lambda g: -g.x))

    @property
    def visual(self) -> str:
        """Left to right, as drawn (a folio's digits read this way)."""
        return "".join(g.text for g in sorted(self.glyphs, key=lambda g: g.x))


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]  # top to bottom
    rule: float | None  # height of the footnote rule, if the page has notes
    x0: float  # extent of the page's body lines
    x1: float
    shapes: list[tuple[float, float, float, float]] = field(default_factory=list)  # (x0, y0, x1, y1)

    def head(self) -> list[Line]:
        return [line for line in self.lines if line.baseline > self.height - MARGIN_BAND]

    def folio(self) -> list[Line]:
        return [line for line in self.lines if line.baseline < MARGIN_BAND]

    def body(self) -> list[Line]:
        above_notes = self.rule if self.rule is not None else MARGIN_BAND
        return [line for line in self.lines if above_notes < line.baseline <= self.height - MARGIN_BAND]

    def notes(self) -> list[Line]:
        if self.rule is None:
            return []
        return [line for line in self.lines if MARGIN_BAND <= line.baseline < self.rule]

    @property
    def blank(self) -> bool:
        return not any(line.text.strip() for line in self.lines)


def _walk(obj, chars: list[LTChar], shapes: list) -> None:
    if isinstance(obj, LTChar):
        chars.append(obj)
    elif isinstance(obj, (LTRect, LTLine, LTCurve)):
        shapes.append(obj)
    if hasattr(obj, "__iter__") and not isinstance(obj, LTChar):
        for child in obj:
            _walk(child, chars, shapes)


def pdfminer_pages(pdf: Path) -> list[Page]:
    """Every page as pdfminer reads it, in coordinates of its trim box (so
    a page built with bleed reads like one without)."""
    pages = []
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    with pdf.open("rb") as fh:
        for number, pdf_page in enumerate(PDFPage.get_pages(fh), 1):
            interpreter.process_page(pdf_page)
            layout = device.get_result()
            tx, ty, tx1, ty1 = (float(v) for v in resolve1(pdf_page.attrs.get("TrimBox", pdf_page.mediabox)))
            width, height = tx1 - tx, ty1 - ty
            chars: list[LTChar] = []
            found: list = []
            _walk(layout, chars, found)
            lines: list[Line] = []
            for char in sorted(chars, key=lambda c: -c.matrix[5]):
                baseline = char.matrix[5] - ty
                glyph = Glyph(char.get_text(), (char.x0 + char.x1) / 2 - tx, baseline, char.size)
                if lines and abs(lines[-1].baseline - baseline) <= 0.35 * char.size:
                    lines[-1].glyphs.append(glyph)
                else:
                    lines.append(Line(baseline, [glyph]))
            shapes = [(s.x0 - tx, s.y0 - ty, s.x1 - tx, s.y1 - ty) for s in found]
            # the footnote area's top border: WeasyPrint paints it as a filled
            # shape, a short rule on the right of the text block (print.css),
            # in the bottom half of the page
            rules = [y1 for x0, _, x1, y1 in shapes if x1 - x0 > 20 * MM and 0 < y1 < height / 2]
            body = [c for c in chars if MARGIN_BAND <= c.matrix[5] - ty <= height - MARGIN_BAND]
            x0 = min((c.x0 - tx for c in body), default=0.0)
            x1 = max((c.x1 - tx for c in body), default=0.0)
            pages.append(Page(number, width, height, lines, max(rules, default=None), x0, x1, shapes))
    return pages


def pdftotext(pdf: Path, first: int, last: int, crop: tuple[float, float, float, float] | None = None) -> str:
    """poppler's text of pages first..last, optionally cropped to (x, y, w, h)
    in points from the top-left corner; bidi controls removed."""
    args = ["pdftotext", "-enc", "UTF-8", "-f", str(first), "-l", str(last)]
    if crop:
        args += ["-r", "72", "-x", str(int(crop[0])), "-y", str(int(crop[1]))]
        args += ["-W", str(int(crop[2])), "-H", str(int(crop[3]))]
    proc = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return re.sub("[\u202a-\u202e\u200e\u200f]", "", proc.stdout)


# ---------------------------------------------------------------------- HTML


@dataclass
class PartText:
    number: int
    body: str = ""
    notes: list[str] = field(default_factory=list)


class _PartParser(HTMLParser):
    """The text of each `<section class="part">`, footnote spans apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[PartText] = []
        self.depth = 0  # element depth inside the current part section
        self.note_depth = 0  # element depth inside the current footnote span
        self._body: list[str] = []
        self._note: list[str] = []

    VOID = frozenset({"br", "hr", "img", "meta", "link", "wbr"})

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
            if self.note_depth:
                self.note_depth += 1
            elif tag == "span" and "footnote" in (a.get("class") or "").split():
                self.note_depth = 1
        elif tag == "section" and "part" in (a.get("class") or "").split():
            self.depth = 1
            self.parts.append(PartText(int(a["id"].removeprefix("part-"))))
            self._body = []

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.depth:
            return
        if self.note_depth:
            self.note_depth -= 1
            if not self.note_depth:
                self.parts[-1].notes.append("".join(self._note))
                self._note = []
        self.depth -= 1
        if not self.depth:
            self.parts[-1].body = "".join(self._body)

    def handle_data(self, data):
        if self.note_depth:
            self._note.append(data)
        elif self.depth:
            self._body.append(data)


def html_part_texts(html: str) -> dict[int, PartText]:
    parser = _PartParser()
    parser.feed(html)
    return {p.number: p for p in parser.parts}


# ---------------------------------------------------------------------- PDF structure


def outline_entries(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every outline entry, in order."""
    with pikepdf.open(pdf) as doc:
        index = {page.objgen: n for n, page in enumerate(doc.pages, 1)}
        found: list[tuple[int, str, int]] = []

        def walk(items, level):
            for item in items:
                found.append((level, item.title, index[item.destination[0].objgen]))
                walk(item.children, level + 1)

        with doc.open_outline() as tree:
            walk(tree.root, 1)
    return found


def page_texts(pdf: Path) -> list[str]:
    """poppler's text of each page (bidi controls removed)."""
    proc = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = re.sub("[\u202a-\u202e\u200e\u200f]", "", proc.stdout)
    return text.split("\f")[:-1]  # a form feed ends every page


def content_mcids(page: pikepdf.Page) -> list[int]:
    """The marked-content ids of a page's content stream, in order."""
    found = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
            found.append(int(operands[1].MCID))
    return found


@dataclass
class Structure:
    """What a tagged PDF's structure tree says about its pages' content."""

    mcids: list[list[int]]  # per page: the ids its content marks
    reached: list[list[int]]  # per page: the ids the tree reaches from its root (through /K)
    problems: list[str]  # broken links between content, parent tree and tree


def structure(pdf: Path) -> Structure:
    """Walk the structure tree from the root and check every marked content
    id of every page against the parent tree: the id has an entry, the entry
    is a structure element of that page whose /P chain ends at the
    StructTreeRoot, and each page has its own /StructParents key."""
    problems: list[str] = []
    with pikepdf.open(pdf) as doc:
        root = doc.Root.StructTreeRoot
        pages = list(doc.pages)
        number = {page.objgen: n for n, page in enumerate(pages)}
        reached: list[list[int]] = [[] for _ in pages]
        seen: set[tuple[int, int]] = set()
        todo = [(root.K, None)]
        while todo:
            kid, page = todo.pop()
            if isinstance(kid, pikepdf.Array):
                todo.extend((k, page) for k in kid)
            elif isinstance(kid, pikepdf.Dictionary):
                kind = kid.get("/Type")
                if kind == pikepdf.Name.MCR:
                    reached[number[kid.Pg.objgen]].append(int(kid.MCID))
                elif kind != pikepdf.Name.OBJR and kid.objgen not in seen:
                    seen.add(kid.objgen)
                    here = number.get(kid.Pg.objgen) if "/Pg" in kid else page
                    if "/K" in kid:
                        todo.append((kid.K, here))
            elif page is None:
                problems.append(f"marked content id {kid} with no page")
            else:
                reached[page].append(int(kid))
        parents: dict[int, pikepdf.Object] = {}
        nums = root.ParentTree.Nums
        for i in range(0, len(nums), 2):
            parents[int(nums[i])] = nums[i + 1]
        keys = [int(page.obj.StructParents) for page in pages if "/StructParents" in page.obj]
        if len(keys) != len(set(keys)):
            problems.append("two pages share a /StructParents key")
        mcids = []
        for n, page in enumerate(pages):
            marked = content_mcids(page)
            mcids.append(marked)
            if not marked:
                continue
            entry = parents.get(int(page.obj.get("/StructParents", -1)))
            if entry is None:
                problems.append(f"page {n + 1}: no parent tree entry")
                continue
            for mcid in marked:
                if mcid >= len(entry):
                    problems.append(f"page {n + 1}: id {mcid} not in the parent tree")
                    continue
                element = entry[mcid]
                if number.get(element.Pg.objgen) != n:
                    problems.append(f"page {n + 1}: id {mcid} maps to an element of another page")
                for _ in range(200):
                    if element.get("/Type") == pikepdf.Name.StructTreeRoot:
                        break
                    element = element.P
                if element.objgen != root.objgen:
                    problems.append(f"page {n + 1}: id {mcid} is not under the StructTreeRoot")
            for annotation in page.obj.get("/Annots", ()):
                element = parents.get(int(annotation.get("/StructParent", -1)))
                refs = [k for k in (element.K if element is not None else ()) if isinstance(k, pikepdf.Dictionary)]
                if not any(k.get("/Obj") is not None and k.Obj.objgen == annotation.objgen for k in refs):
                    problems.append(f"page {n + 1}: an annotation's parent tree entry does not refer to it")
        for n, ids in enumerate(reached):
            missing = set(ids) - set(mcids[n])
            if missing:
                problems.append(f"page {n + 1}: the tree reaches ids {sorted(missing)} the page does not mark")
    return Structure(mcids, reached, problems)
