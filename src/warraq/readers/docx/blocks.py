"""Figures, tables and lists of a Word body.

* A picture in a paragraph (`w:drawing` whose `a:blip` embeds a package
  entry, `word/media/…`) is a figure after the paragraph's text: its bytes
  from the package, its description `wp:docPr/@descr` (else its title) as
  alt text, and a paragraph in the Caption style right after it as its
  caption.  Its name in the book is the part's file then the entry's name
  (`ms/parts/03.docx/image1.png`): unique in the book.
* A table of two columns or more is a table (a Caption paragraph just
  above it, or just below, its caption): each cell's paragraphs (line
  breaks between them), `w:gridSpan` as colspan, `w:vMerge` as rowspan, the
  leading rows marked `w:tblHeader` as header rows.  Word keeps a table's
  cells in logical order and `w:bidiVisual` sets it right to left; a table
  without it shows its first cell on the left, so its rows are reversed to
  keep what the author saw in the right-to-left book (said in a finding).
* Paragraphs numbered through `numbering.xml` (`w:numPr`: the list's
  `w:numId` and the level `w:ilvl`) are a list, each level's `w:numFmt`
  its style: arabicAbjad → abjad, arabicAlpha → hijāʾī letters,
  hindiNumbers and decimal → the book's digits, bullet → bullets, Latin
  letters → latin (others: the book's digits); deeper levels nest in the
  item before them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from lxml import etree

from ...i18n import msg
from ...model import Cell, Figure, Inline, LineBreak, List, ListItem, Table, Text
from ..structure import Para
from .runs import Runs
from .state import UNIT

NUM_FORMATS = {
    "decimal": "decimal",
    "hindiNumbers": "decimal",
    "arabicAbjad": "abjad",
    "arabicAlpha": "alpha",
    "bullet": "bullet",
    "lowerLetter": "latin",
    "upperLetter": "latin",
}
CAPTION_STYLES = ("caption", "تسمية توضيحية")


class Blocks(Runs):
    """Pictures, tables and numbered paragraphs to the model's blocks."""

    # ------------------------------------------------------------ numbering

    def read_numbering(self, name: str | None) -> None:
        if not name or not self.package.has(name):
            return
        t = self.t
        root = self.package.xml(name)
        abstract: dict[str, dict[int, tuple[str, int]]] = {}
        for el in root.iter(t.abstractNum):
            levels: dict[int, tuple[str, int]] = {}
            for lvl in el.iter(t.lvl):
                fmt = lvl.find(t.numFmt)
                start = lvl.find(t.start)
                level = int(lvl.get(t.ilvl_attr, "0") or 0)
                value = start.get(t.val, "1") if start is not None else "1"
                levels[level] = (fmt.get(t.val, "decimal") if fmt is not None else "decimal", int(value or 1))
            abstract[el.get(t.abstractNumId_attr, "")] = levels
        for num in root.iter(t.num):
            ref = num.find(t.abstractNumId)
            levels = dict(abstract.get(ref.get(t.val, "") if ref is not None else "", {}))
            for override in num.iter(t.lvlOverride):
                start = override.find(t.startOverride)
                level = int(override.get(t.ilvl_attr, "0") or 0)
                if start is not None and level in levels:
                    levels[level] = (levels[level][0], int(start.get(t.val, "1") or 1))
            self.numbering[num.get(t.numId_attr, "")] = levels

    def list_info(self, ppr: etree._Element | None) -> tuple[str, int] | None:
        """(numId, level) of a numbered paragraph, or None."""
        if ppr is None:
            return None
        num_pr = ppr.find(self.t.numPr)
        if num_pr is None:
            return None
        num = num_pr.find(self.t.numId)
        lvl = num_pr.find(self.t.ilvl)
        num_id = num.get(self.t.val, "0") if num is not None else "0"
        if num_id in ("", "0") or num_id not in self.numbering:
            return None
        level = lvl.get(self.t.val, "0") if lvl is not None else "0"
        return num_id, int(level) if level.isdigit() else 0

    # ------------------------------------------------------------ pictures

    def figures(self, prov) -> list[tuple[Para, dict]]:
        """The pictures of the paragraph just read, as figure paragraphs."""
        out = []
        for target, descr in self.pictures:
            data = self.package.read(target)
            name = f"{self.file}/{PurePosixPath(target).name}"
            figure = Figure(name, descr, (), prov, data=data)
            info = {"title": False, "level": 0, "centred": False, "bold": False, "quoted": False, "figure": True}
            out.append((Para("", (), prov, block=figure), info))
        self.pictures = []
        return out

    # ------------------------------------------------------------ tables

    def table(self, el: etree._Element, prov) -> tuple[Table, tuple[Inline, ...]]:
        """The table, and its content in reading order (for its note calls)."""
        t = self.t
        tbl_pr = el.find(t.tblPr)
        rtl = tbl_pr is not None and tbl_pr.find(t.bidiVisual) is not None
        grid: list[list[tuple[Cell, int] | None]] = []  # per row: (cell, grid column)
        above: dict[int, list] = {}  # grid column -> [row, index] of the cell a vMerge continues
        header_rows, leading = 0, True
        content: list[Inline] = []
        for r, tr in enumerate(el.findall(t.tr)):
            tr_pr = tr.find(t.trPr)
            is_header = tr_pr is not None and tr_pr.find(t.tblHeader) is not None
            if leading and is_header:
                header_rows += 1
            else:
                leading = False
            row: list = []
            column = 0
            for tc in tr.findall(t.tc):
                tc_pr = tc.find(t.tcPr)
                span_el = tc_pr.find(t.gridSpan) if tc_pr is not None else None
                span = int(span_el.get(t.val, "1")) if span_el is not None and span_el.get(t.val, "1").isdigit() else 1
                merge = tc_pr.find(t.vMerge) if tc_pr is not None else None
                if merge is not None and merge.get(t.val, "continue") != "restart" and column in above:
                    r0, k0 = above[column]
                    cell, col = grid[r0][k0]
                    grid[r0][k0] = (Cell(cell.inlines, cell.header, cell.colspan, cell.rowspan + 1), col)
                    column += span
                    continue
                number = self.number
                paras = self.read_body(tc, [])
                self.number = number
                inlines: list[Inline] = []
                for k, (para, _) in enumerate(paras):
                    if para.block is not None:  # a picture, a table or a list inside a cell
                        if isinstance(para.block, Figure):  # named, so it can be found and moved
                            said = msg(
                                "picture {name} inside a table's cell is left out of the book (a cell holds "
                                "text only){alt}",
                                name=PurePosixPath(para.block.src).name,
                                alt=msg("; its description: {alt}", alt=repr(para.block.alt)) if para.block.alt else "",
                            )
                        else:
                            said = msg("a picture, table or list inside a table's cell is left out of the book")
                        self.find("docx-cell-block", said, "warning")
                        continue
                    if k:
                        inlines.append(LineBreak())
                    inlines.extend(para.inlines)
                if content:
                    content.append(Text(" | "))
                content.extend(inlines)
                row.append((Cell(tuple(inlines), header=is_header and leading, colspan=max(span, 1)), column))
                if merge is not None:
                    above[column] = [r, len(row) - 1]
                else:
                    above.pop(column, None)
                column += span
            grid.append(row)
        rows = tuple(tuple(cell for cell, _ in row) for row in grid)
        if not rtl:
            rows = tuple(tuple(reversed(row)) for row in rows)
            self.find(
                "docx-table-ltr",
                msg(
                    "the table is set left to right in Word (no {setting}): its columns are mirrored "
                    "so that the book shows them as the author saw them",
                    setting="bidiVisual",
                ),
                "info",
            )
        return Table(rows, prov, header_rows), tuple(content)

    # ------------------------------------------------------------ the body

    def gather(self, found: list[tuple[Para, dict]]) -> list[tuple[Para, dict]]:
        """Captions onto their figures, numbered paragraphs into lists."""
        out: list[tuple[Para, dict]] = []
        i = 0
        while i < len(found):
            para, info = found[i]
            if info.get("caption") and out and out[-1][1].get("figure") and not out[-1][0].block.caption:
                prev, prev_info = out[-1]
                figure = prev.block
                captioned = Figure(figure.src, figure.alt, para.inlines, figure.prov, data=figure.data)
                out[-1] = (Para(para.text, para.inlines, prev.prov, block=captioned), prev_info)
                i += 1
                continue
            nxt = found[i + 1][0].block if i + 1 < len(found) else None
            before_table = isinstance(nxt, Table) and not nxt.caption
            after_table = out and isinstance(out[-1][0].block, Table) and not out[-1][0].block.caption
            if info.get("caption") and (before_table or after_table):
                # a table's caption: Word puts it above the table, some authors below
                at = i + 1 if before_table else len(out) - 1
                holder = found[at][0] if before_table else out[at][0]
                table = replace(holder.block, caption=para.inlines)
                moved = (replace(holder, block=table), found[at][1] if before_table else out[at][1])
                if before_table:
                    out.append(moved)
                    i += 2
                else:
                    out[at] = moved
                    i += 1
                continue
            if info.get("list"):
                end = i
                while end + 1 < len(found) and (found[end + 1][1].get("list") or ("",))[0] == info["list"][0]:
                    end += 1
                lst, text, inlines = self._list(found[i : end + 1])
                out.append((Para(text, inlines, para.prov, block=lst), {**info, "list": None}))
                i = end + 1
                continue
            out.append((para, info))
            i += 1
        return out

    def _list(self, run: list[tuple[Para, dict]]) -> tuple[List, str, tuple[Inline, ...]]:
        num_id = run[0][1]["list"][0]
        levels = self.numbering[num_id]

        def build(k: int, level: int) -> tuple[List, int]:
            fmt, start = levels.get(level, ("decimal", 1))
            items: list[ListItem] = []
            while k < len(run):
                para, info = run[k]
                at = info["list"][1]
                if at < level:
                    break
                if at > level and items:
                    nested, k = build(k, at)
                    last = items[-1]
                    items[-1] = ListItem(last.inlines, last.prov, (*last.children, nested))
                    continue
                items.append(ListItem(para.inlines, para.prov))
                k += 1
            first = items[0].prov if items else run[0][0].prov
            last_line = run[min(k, len(run)) - 1][0].prov.line
            prov = type(first)(first.file, first.line, last_line, UNIT)
            return List(tuple(items), prov, NUM_FORMATS.get(fmt, "decimal"), start), k

        lst, _ = build(0, min(info["list"][1] for _, info in run))
        inlines: list[Inline] = []
        for para, _ in run:
            if inlines:
                inlines.append(LineBreak())
            inlines.extend(para.inlines)
        return lst, "\n".join(p.text for p, _ in run), tuple(inlines)
