"""How wide a table must be: its min-content width against the text's.

A table can be no narrower than its longest words side by side: each
column is as wide as the longest word of its cells (a header cell's in
bold) plus the cells' padding, a cell spanning columns widens them when its
own longest word needs more, and the rules between them add their width.
The words are measured with the book's typeface (Amiri, through fontTools:
each letter's advance width, in its isolated form, which is never narrower
than the joined forms in print, so the estimate errs wide).

When that width is more than the text's (the page's width less its side
margins), the table is set in smaller type (styles: `.table-wide`), and said;
when even that is too wide, the finding says the table runs past the margin.
The figures below are the styles' (base.css, "table.table").
"""

from __future__ import annotations

from functools import lru_cache

from ..config import PAGE_SIDE_MARGINS_MM, Config
from ..model import Table, plain_text
from .fonts import faces

TABLE_EM = 0.95  # table.table { font-size }
WIDE_EM = 0.8  # table.table-wide { font-size }, of the text's size
PADDING_EM = 1.0  # th, td { padding: 0.15em 0.5em }: both sides
RULE_PT = 0.5  # th, td { border: 0.5pt }
PT_MM = 25.4 / 72
# measured against WeasyPrint's own min-content width of two Arabic tables
# (a month table and a results table, regular and bold cells): the letters'
# isolated advances come within 8 % of the shaped words either way; this
# much is added, so a table near the edge is set smaller rather than run past it
MARGIN = 1.1


@lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[int, int], int]:
    """The typeface's advance width of each character, and its units per em."""
    from fontTools.ttLib import TTFont

    face = next(f for f in faces() if f.weight == ("bold" if bold else "normal") and f.style == "normal")
    font = TTFont(face.file, lazy=True)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] for code, name in font.getBestCmap().items() if name in metrics}
    return widths, font["head"].unitsPerEm


def word_em(word: str, bold: bool = False) -> float:
    """A word's width in em (a character the typeface lacks: half an em;
    marks and other zero-width characters: nothing)."""
    widths, upem = _advances(bold)
    return sum(widths.get(ord(ch), upem // 2) for ch in word) / upem


def min_content_em(table: Table) -> float:
    """The table's narrowest width, in em of its own type size."""
    columns = max((sum(c.colspan for c in row) for row in table.rows), default=0)
    if not columns:
        return 0.0
    width = [0.0] * columns
    spanned: list[tuple[int, int, float]] = []  # (first column, span, need)
    taken: dict[tuple[int, int], bool] = {}  # (row, column) held by a cell from a row above
    for r, row in enumerate(table.rows):
        column = 0
        for cell in row:
            while taken.get((r, column)):
                column += 1
            need = max((word_em(w, cell.header) for w in plain_text(cell.inlines).split()), default=0.0)
            need += PADDING_EM
            span = min(cell.colspan, columns - column) if column < columns else 0
            if span == 1:
                width[column] = max(width[column], need)
            elif span > 1:
                spanned.append((column, span, need))
            for below in range(1, cell.rowspan):
                for k in range(column, column + max(span, 1)):
                    taken[(r + below, k)] = True
            column += max(span, 1)
    for first, span, need in spanned:  # a spanning cell widens its columns evenly when they are too narrow
        have = sum(width[first : first + span])
        if need > have:
            for k in range(first, first + span):
                width[k] += (need - have) / span
    return sum(width)


def table_width_mm(table: Table, config: Config, em: float = TABLE_EM) -> float:
    """The table's narrowest width in millimetres at `em` of the text's size."""
    columns = max((sum(c.colspan for c in row) for row in table.rows), default=0)
    size_mm = config.print.font_size_pt * em * PT_MM
    return min_content_em(table) * MARGIN * size_mm + (columns + 1) * RULE_PT * PT_MM


def text_width_mm(config: Config) -> float:
    return config.print.width_mm - PAGE_SIDE_MARGINS_MM


def is_wide(table: Table, config: Config) -> bool:
    """Is the table wider than the text at its own size (set smaller, then)?"""
    return table_width_mm(table, config) > text_width_mm(config)


__all__ = ["TABLE_EM", "WIDE_EM", "is_wide", "min_content_em", "table_width_mm", "text_width_mm", "word_em"]
