"""Short last pages (issue 26, item 4): how many parts of a built PDF end
with one or two lines on their last page.

A part runs from its entry in the PDF's outline to the next top-level entry
(the next part, an index) or the book's end; its last page is the last page
of that run with lines of text in the body's size (a running head, a folio
and the footnotes are smaller), and its lines are counted by baseline
(bench_typeset.lines_of).

    python -m bench.short_pages BOOK.pdf [...]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pikepdf

from bench.bench_typeset import pages

BODY_PT = 11.0  # the body is 12.5 pt (a quotation 12); running heads 9, folios 9.5, notes 10.25
SHORT = 2  # a last page of this many lines or fewer is short


def part_runs(pdf: Path) -> list[tuple[str, int, int]]:
    """(title, first page, page after the last) of each top-level outline
    entry that is a part (the indexes after the parts are left out), 1-based."""
    with pikepdf.open(pdf) as doc:
        index = {page.objgen: i + 1 for i, page in enumerate(doc.pages)}
        count = len(doc.pages)
        with doc.open_outline() as outline:
            starts = [(item.title, index[item.destination[0].objgen]) for item in outline.root if item.destination]
    runs = []
    for i, (title, first) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else count + 1
        if not title.startswith("فهرس"):
            runs.append((title, first, end))
    return runs


def body_lines(pdf: Path) -> dict[int, int]:
    """The number of body-size lines on each page."""
    found = {}
    for number, _width, lines in pages(pdf):
        sizes = [Counter(round(c.size) for c in line).most_common(1)[0][0] for line in lines]
        found[number] = sum(size >= BODY_PT for size in sizes)
    return found


def last_pages(pdf: Path) -> list[tuple[str, int, int]]:
    """(part title, its last page, that page's body lines) of every part."""
    lines = body_lines(pdf)
    found = []
    for title, first, end in part_runs(pdf):
        last = max((n for n in range(first, end) if lines.get(n, 0)), default=first)
        found.append((title, last, lines.get(last, 0)))
    return found


def short_parts(pdf: Path) -> dict:
    ends = last_pages(pdf)
    short = [(title, page, n) for title, page, n in ends if n <= SHORT]
    return {"parts": len(ends), "short": len(short), "which": short, "pages": len(body_lines(pdf))}


def main(argv: list[str] | None = None) -> None:
    for name in argv if argv is not None else sys.argv[1:]:
        found = short_parts(Path(name))
        print(f"{name}: {found['short']} of {found['parts']} parts end with <= {SHORT} lines; {found['pages']} pages")
        for title, page, n in found["which"]:
            print(f"  p. {page}: {n} line(s), {title}")


if __name__ == "__main__":
    main()
