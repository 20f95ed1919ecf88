"""The tables of a saved web page.

A page uses `<table>` for two things: a table of the article (figures,
dates, a league, the results of an election) and, on older sites and
Blogger or forum templates, the page's own layout (the article in one
cell, the menu in another).  The first becomes the model's `Table`, read
from the page itself (header rows, colspan/rowspan, caption, alignment,
direction: trafilatura's own table output pads spans with empty cells and
keeps no caption or alignment); the second is unwrapped so that its cells
are read as the text they hold, and nothing of the page is lost either way.

A table is the page's layout when it says so (`role="presentation"`), when
it holds another table, a headline, a menu, a form or an article, when a
cell holds several paragraphs or more words than a table's cell does, or
when it has a single row or a single column (a box drawn round text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ...model import Cell, Emphasis, Inline, LineBreak, Text, merge_text
from ..captions import table_caption_line

MAX_CELL_WORDS = 60  # more in one cell: a column of the page's layout, not a table's cell
MAX_SPAN = 100  # colspan/rowspan beyond this: a broken page (trafilatura caps at 100 too)
_SECTION_TAGS = ("thead", "tbody", "tfoot")
_CELL_TAGS = ("td", "th")
# a cell that holds one of these lays the page out
_PAGE_PARTS = ("table", "h1", "h2", "nav", "form", "article", "main", "header", "footer", "aside", "iframe")
_BLOCKS = ("p", "div", "li", "ul", "ol", "blockquote", "h3", "h4", "h5", "h6", "dl", "dd", "dt", "pre")
_TEXT_ALIGN = re.compile(r"text-align\s*:\s*(left|right|center|start|end)", re.I)
_WP_ALIGN = re.compile(r"has-text-align-(left|right|center)")
_DIRECTION = re.compile(r"direction\s*:\s*(ltr|rtl)", re.I)


@dataclass
class ReadTable:
    """A table of the page as read, before its cells' text is made inlines."""

    rows: list[list[tuple[etree._Element, bool, int, int]]]  # (cell, header, colspan, rowspan)
    header_rows: int
    align: tuple[str, ...]
    caption: etree._Element | None
    ltr: bool  # set left to right in the page: mirrored for the right-to-left book
    pictures: list[tuple[str, str]] = field(default_factory=list)  # (address, alt) of pictures in cells


def own_rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows (not those of a table inside one of its cells),
    in the order a browser shows them: thead, body rows, tfoot."""
    head: list[etree._Element] = []
    body: list[etree._Element] = []
    foot: list[etree._Element] = []
    for tr in table.iter("tr"):
        if _owner(tr) is not table:
            continue
        section = tr.getparent().tag if tr.getparent() is not None else ""
        (head if section == "thead" else foot if section == "tfoot" else body).append(tr)
    return head + body + foot


def _owner(el: etree._Element) -> etree._Element | None:
    return next(el.iterancestors("table"), None)


def _cells(tr: etree._Element) -> list[etree._Element]:
    return [c for c in tr if isinstance(c.tag, str) and c.tag in _CELL_TAGS]


def is_layout(table: etree._Element) -> bool:
    """Does the table lay the page out, rather than hold a table of the article?"""
    if (table.get("role") or "").strip().lower() in ("presentation", "none"):
        return True
    rows = [r for r in (_cells(tr) for tr in own_rows(table)) if r]
    if len(rows) < 2 or max(sum(_span(c, "colspan") for c in r) for r in rows) < 2:
        return True  # one row or one column: a box round text
    for row in rows:
        for cell in row:
            if any(cell.find(f".//{tag}") is not None for tag in _PAGE_PARTS):
                return True
            if len(cell.text_content().split()) > MAX_CELL_WORDS:
                return True
            blocks = [b for b in cell if isinstance(b.tag, str) and b.tag in _BLOCKS and b.text_content().strip()]
            if len(blocks) >= 3 or sum(b.tag == "p" for b in blocks) >= 2:
                return True
    return False


def unwrap(table: etree._Element) -> None:
    """A layout table's own elements become `<div>`s: its cells are read as
    the text they hold (a table inside one of them stays a table)."""
    own = [table]
    for el in table.iter(*_SECTION_TAGS, "tr", *_CELL_TAGS, "caption", "colgroup", "col"):
        if _owner(el) is table:
            own.append(el)
    for el in own:
        if el.tag in ("colgroup", "col"):
            el.getparent().remove(el)
            continue
        el.tag = "div"
        for name in ("colspan", "rowspan", "role", "align", "valign", "width", "border", "cellpadding", "cellspacing"):
            el.attrib.pop(name, None)


def unwrap_layout_tables(tree: etree._Element) -> int:
    """Unwrap every layout table of the page (the outermost first: a table
    that holds another lays the page out); the number unwrapped."""
    n = 0
    for table in list(tree.iter("table")):
        if table.tag == "table" and is_layout(table):
            unwrap(table)
            n += 1
    return n


def _span(cell: etree._Element, name: str) -> int:
    value = (cell.get(name) or "1").strip()
    return max(0, min(int(value), MAX_SPAN)) if value.isdecimal() else 1


def direction(el: etree._Element) -> str:
    """ "ltr" or "rtl" as the element or its nearest ancestor declares it, else ""."""
    for node in (el, *el.iterancestors()):
        declared = (node.get("dir") or "").strip().lower()
        if declared in ("ltr", "rtl"):
            return declared
        m = _DIRECTION.search(node.get("style") or "")
        if m:
            return m[1].lower()
    return ""


def _alignment(cell: etree._Element, ltr: bool) -> str:
    """A cell's alignment as the book says it: the `align` attribute, the
    style's text-align, WordPress's `data-align`/`has-text-align-*`."""
    value = (cell.get("align") or cell.get("data-align") or "").strip().lower()
    m = _TEXT_ALIGN.search(cell.get("style") or "") or _WP_ALIGN.search(cell.get("class") or "")
    if m:
        value = m[1].lower()
    if value in ("start", "end", "center"):
        return value
    if value in ("left", "right"):
        return "start" if (value == "left") == ltr else "end"
    return ""


def read_table(table: etree._Element) -> ReadTable:
    """The table's rows of cells in the book's order (a table set left to
    right is mirrored), its header rows and column alignments."""
    ltr = direction(table) == "ltr"
    trs = [tr for tr in own_rows(table) if _cells(tr)]
    heads = sum(
        1 for tr in own_rows(table) if tr.getparent() is not None and tr.getparent().tag == "thead" and _cells(tr)
    )
    if not heads:  # no <thead>: the leading rows whose cells are all <th>
        for tr in trs:
            if all(c.tag == "th" for c in _cells(tr)):
                heads += 1
            else:
                break
        if heads == len(trs):
            heads = min(heads, 1)
    rows: list[list[tuple[etree._Element, bool, int, int]]] = []
    for i, tr in enumerate(trs):
        row = []
        for cell in _cells(tr):
            colspan = max(1, _span(cell, "colspan"))
            rowspan = _span(cell, "rowspan")
            if rowspan == 0:  # HTML: to the end of the table's rows
                rowspan = len(trs) - i
            rowspan = max(1, min(rowspan, len(trs) - i))
            row.append((cell, i < heads or cell.tag == "th", colspan, rowspan))
        rows.append(row[::-1] if ltr else row)
    align = _column_alignment(table, trs[heads:] or trs, ltr)
    caption = next((c for c in table if c.tag == "caption" and c.text_content().strip()), None)
    pictures = [(_picture_source(img), " ".join((img.get("alt") or "").split())) for img in table.iter("img")]
    return ReadTable(rows, heads, align, caption, ltr, pictures)


def _column_alignment(table: etree._Element, trs: list[etree._Element], ltr: bool) -> tuple[str, ...]:
    """Each column's alignment, from the first row with a cell per column
    (no spans), else from the table's `<col>` elements."""
    width = max((sum(max(1, _span(c, "colspan")) for c in _cells(tr)) for tr in trs), default=0)
    for tr in trs:
        cells = _cells(tr)
        if len(cells) == width and all(_span(c, "colspan") <= 1 and _span(c, "rowspan") <= 1 for c in cells):
            align = [_alignment(c, ltr) for c in cells]
            return tuple(align[::-1] if ltr else align) if any(align) else ()
    cols = [c for c in table.iter("col") if _owner(c) is table]
    align = [_alignment(c, ltr) for c in cols][:width]
    return tuple(align[::-1] if ltr else align) if any(align) else ()


def _picture_source(img: etree._Element) -> str:
    for name in ("data-src", "data-lazy-src", "data-original", "src"):
        value = (img.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return value
    return ""


def cells_of(read: ReadTable, inlines_of: Callable[[etree._Element], tuple[Inline, ...]]) -> tuple:
    """The model's rows of `Cell`s."""
    return tuple(
        tuple(Cell(inlines_of(el), header, colspan, rowspan) for el, header, colspan, rowspan in row)
        for row in read.rows
    )


def html_inlines(
    el: etree._Element,
    text_of: Callable[[str], list[Inline]],
    link_of: Callable[[str], Inline | None] = lambda url: None,
) -> tuple[Inline, ...]:
    """The text of a cell or caption as the model's inlines: bold and italic
    as emphasis, `<br>` and the cell's own paragraphs as line breaks, a
    picture left out (the caller reports it), a link as its text
    (`link_of` may add a note with its address).  `text_of` turns a run of
    text into inlines (the note calls marked in it)."""
    out: list[Inline] = []

    def walk(node: etree._Element, into: list[Inline]) -> None:
        into.extend(text_of(node.text or ""))
        for child in node:
            if not isinstance(child.tag, str) or child.tag in ("script", "style", "noscript", "template"):
                into.extend(text_of(child.tail or ""))
                continue
            tag = child.tag
            if tag == "br":
                into.append(LineBreak())
            elif tag == "img":
                pass  # a cell holds text only: the caller reports the picture
            elif tag in ("b", "strong", "i", "em", "u"):
                inner: list[Inline] = []
                walk(child, inner)
                inner_merged = merge_text(inner)
                if "".join(n.text for n in inner_merged if isinstance(n, Text)).strip():
                    into.append(Emphasis(tuple(inner_merged), strong=tag in ("b", "strong")))
                else:
                    into.extend(inner_merged)
            else:
                if tag in _BLOCKS and _has_text(into):
                    into.append(LineBreak())
                walk(child, into)
                if tag == "a":
                    url = (child.get("href") or "").strip()
                    if url.startswith(("http://", "https://")) and " ".join(child.text_content().split()) != url:
                        note = link_of(url)
                        if note is not None:
                            into.append(note)
            into.extend(text_of(child.tail or ""))

    walk(el, out)
    return _tidy(merge_text(out))


def _has_text(inlines: list[Inline]) -> bool:
    return any(not isinstance(n, LineBreak) for n in inlines)


def _tidy(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Runs of spaces made one; no space or break at either end; no two breaks in a row."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            node = Text(re.sub(r"[ \t\n\r\u00a0]+", " ", node.text))
            if out and isinstance(out[-1], LineBreak):
                node = Text(node.text.lstrip())
            if not node.text:
                continue
        elif isinstance(node, LineBreak):
            if not out or isinstance(out[-1], LineBreak):
                continue
            if isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text.rstrip())
                if not out[-1].text:
                    out.pop()
        out.append(node)
    while out and isinstance(out[-1], LineBreak):
        out.pop()
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    return tuple(n for n in out if not (isinstance(n, Text) and not n.text))


def caption_line(text: str) -> bool:
    """A line that names a table: «جدول ١: …», «الجدول (٢) - …», «جدول رقم 3.»"""
    return table_caption_line(text)


__all__ = [
    "ReadTable",
    "caption_line",
    "cells_of",
    "direction",
    "html_inlines",
    "is_layout",
    "own_rows",
    "read_table",
    "unwrap",
    "unwrap_layout_tables",
]
