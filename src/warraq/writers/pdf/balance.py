"""A part's short last page (issue 26, item 4): a part that ends with one
or two lines on its last page has the spread before run a line short.

What a book typesetter does: a chapter's last page with a line or two of
text looks like a mistake, and the usual remedy, when no paragraph can be
set a line tighter, is to run the pages before it a line short, facing
pages alike, so that lines go forward and the last page holds at least
AT_LEAST lines.  Running pages a line long instead (pulling the lines
back) would set text in the bottom margin, over the folio that the
parallel build draws at its fixed place and, in the print profile, inside
the printer's safe margin: not done.

The part is laid out once; when its last page is short, it is laid out
again with `@page :nth(i)` rules giving those pages one body line more of
bottom margin; WeasyPrint keeps its widows and orphans and its notes on
their pages in that layout, and the new layout is kept only when the part
has as many pages as before and a last page of AT_LEAST lines or more.
Each part of the parallel build is a document of its own (documents.py),
so its pages are the document's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from weasyprint.formatting_structure import boxes

SHORT = 2  # a part's last page with this many lines or fewer is short
AT_LEAST = 3  # the lines a balanced last page holds


def body_lines(page: Any) -> list[boxes.LineBox]:
    """The line boxes of the page's text (not its margin boxes, running
    heads and folio, nor the notes area), outermost only."""
    found: list[boxes.LineBox] = []
    todo = [b for b in page._page_box.children if not isinstance(b, (boxes.MarginBox, boxes.FootnoteAreaBox))]
    while todo:
        box = todo.pop()
        if isinstance(box, boxes.LineBox):
            found.append(box)
        elif isinstance(box, boxes.ParentBox):
            todo.extend(box.children)
    return found


def line_count(page: Any) -> int:
    """The page's lines of text, counted by their position."""
    return len({round(line.position_y, 1) for line in body_lines(page)})


def short_pages(count: int, last_lines: int) -> list[int]:
    """The pages (1-based) to run a line short, so that a last page of
    `last_lines` lines gets AT_LEAST: back from the page before the last,
    whole spreads (in the book a part opens on a recto, its odd pages:
    pages 2-3, 4-5 ... face each other), never the part's opening page."""
    if count < 3 or not 1 <= last_lines <= SHORT:
        return []
    pages: list[int] = []
    page = count - 1
    while len(pages) < AT_LEAST - last_lines and page >= 2:
        pages.append(page)
        page -= 1
    if pages and pages[-1] % 2 and pages[-1] - 1 >= 2:
        pages.append(pages[-1] - 1)  # the spread's other page
    return sorted(pages)


def part_pages(document: Any) -> list[tuple[int, int]]:
    """(first page, page count) of each part of the document (0-based
    first page): the pages a `section.part` box is on."""
    found: dict[int, list[int]] = {}
    for index, page in enumerate(document.pages):
        todo = list(page._page_box.children[:1])
        while todo:
            box = todo.pop()
            element = box.element
            if box.element_tag == "section" and element is not None and "part" in element.get("class", "").split():
                found.setdefault(id(element), []).append(index)
            elif box.element_tag in ("html", "body", "main") and isinstance(box, boxes.ParentBox):
                todo.extend(box.children)
    return [(min(pages), max(pages) - min(pages) + 1) for pages in found.values()]


def short_spread_rules(document: Any, first: int, count: int) -> list[str]:
    """The page rules that run the pages before a part's short last page a
    line short ([] when it is not short): each page's area ends half-way
    down its last line, above its notes, so that line goes forward (and
    the lines widows and orphans take with it).  A part opens on a recto:
    its pages have the book's parity whatever `first` is."""
    pages = document.pages
    chosen = short_pages(count, line_count(pages[first + count - 1]))
    rules = []
    for number in chosen:
        page = pages[first + number - 1]
        box, lines = page._page_box, body_lines(page)
        if not lines:
            return []
        last = max(lines, key=lambda line: line.position_y + line.height)
        bottom = box.content_box_y() + box.height  # the page area's bottom edge
        for notes in box.children:
            if isinstance(notes, boxes.FootnoteAreaBox) and notes.children:
                bottom = min(bottom, notes.position_y)  # the notes sit at the area's foot
        slack = bottom - (last.position_y + last.height)
        margin = box.margin_bottom + max(slack, 0) + last.height / 2
        rules.append(f"@page :nth({first + number}) {{ margin-bottom: {margin:.2f}px; }}\n")
    return rules


def balanced(document: Any, again: Callable[[str], Any]) -> Any:
    """The document, or its layout again with the pages before each part's
    short last page run a line short (`again(css)` lays it out with these
    rules added), when that leaves every page where it was and gives each
    such part a last page of AT_LEAST lines; a part for which it does not
    is left as it was, and the others are tried again without it."""
    parts = part_pages(document)
    rules = {part: short_spread_rules(document, *part) for part in parts}
    rules = {part: r for part, r in rules.items() if r}
    for _ in range(2):
        if not rules:
            return document
        other = again("".join(rule for r in rules.values() for rule in r))
        if len(other.pages) != len(document.pages) or part_pages(other) != parts:
            return document  # a part moved: the rules' page numbers no longer hold
        failed = [(f, n) for f, n in rules if line_count(other.pages[f + n - 1]) < AT_LEAST]
        if not failed:
            return other
        for part in failed:
            del rules[part]
    return document
