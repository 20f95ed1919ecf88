"""How far a PDF's justified lines stretch their word spaces (issue 18).

Reads a PDF with pdfminer's character boxes and, over every justified line
of body text, measures each inter-word gap against the natural width of the
space at that font and size:

* a line is a run of glyphs on one baseline; its type size is the size most
  of its glyphs have;
* body lines are those at the page's most common type size (headings,
  verses set larger, footnotes and folios set smaller are left out);
* a body line is justified when it fills the text block: its left end (the
  end of a right-to-left line) and its right end are within 1 pt of the
  block's edges (the widest extent of the page's body lines).  The last line
  of a paragraph stops short of the left edge, a centred line of both, so
  both are left out; a paragraph's first line, indented on the right by
  print.css's em and thin space, counts.
* the gap of a space is the distance from the glyph drawn before it to the
  glyph drawn after it, on the line (advance boxes, so kerning is in);
  the natural width is the space glyph's own box (its advance, /W in the
  font, at the size drawn).

It also counts the elongations (kashidas) of each line: glyphs with no text
(an inserted tatweel maps to no text, see writers/pdf/patches/text.py) whose advance
is a whole number of tatweels (Amiri: 185/1000 em each; it draws two or
three in a row as one longer glyph); consecutive ones are one join.

    python -m bench.kashida_spaces build/book.pdf [other.pdf ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

TATWEEL_EM = 0.185  # Amiri's tatweel advance (hmtx of uni0640)
EDGE = 1.0  # pt: a justified line reaches both edges of the block within this
INDENT_EM = 1.2  # a paragraph's first line starts this far in (print.css: 1 em and a thin space)


@dataclass
class JustifiedLine:
    page: int
    baseline: float
    size: float
    ratios: list[float]  # each space's gap / its natural width
    joins: int  # elongated joins
    tatweels: int  # inserted tatweel glyphs


@dataclass
class Report:
    lines: list[JustifiedLine] = field(default_factory=list)
    pages: int = 0

    @property
    def ratios(self) -> list[float]:
        return [r for line in self.lines for r in line.ratios]

    def summary(self) -> dict:
        ratios = sorted(self.ratios)
        if not ratios:
            return {"pages": self.pages, "lines": 0}
        joins = [line.joins for line in self.lines]
        return {
            "pages": self.pages,
            "lines": len(self.lines),
            "spaces": len(ratios),
            "median": round(statistics.median(ratios), 3),
            "p95": round(percentile(ratios, 95), 3),
            "max": round(ratios[-1], 3),
            "joins_per_line": round(statistics.mean(joins), 2),
            "tatweels_per_join": round(sum(line.tatweels for line in self.lines) / max(1, sum(joins)), 2),
            "max_joins_per_line": max(joins),
            "lines_with_kashida": sum(1 for j in joins if j),
            "tatweels": sum(line.tatweels for line in self.lines),
        }


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def glyphs_of(layout) -> list[LTChar]:
    """Every glyph of a pdfminer layout object, however deeply nested."""
    found: list[LTChar] = []
    todo = [layout]
    while todo:
        obj = todo.pop()
        if isinstance(obj, LTChar):
            found.append(obj)
        elif hasattr(obj, "__iter__"):
            todo.extend(obj)
    return found


def _lines(chars: list[LTChar]) -> list[list[LTChar]]:
    """Glyphs grouped by baseline (marks drawn off the baseline join the
    line whose baseline is within a third of their size)."""
    lines: list[list[LTChar]] = []
    for char in sorted(chars, key=lambda c: -c.matrix[5]):
        if lines and abs(lines[-1][0].matrix[5] - char.matrix[5]) <= 0.35 * char.size:
            lines[-1].append(char)
        else:
            lines.append([char])
    return lines


def _size(line: list[LTChar]) -> float:
    return Counter(round(c.size, 1) for c in line if c.adv > 0).most_common(1)[0][0]


def tatweels_of(char: LTChar) -> int:
    """How many inserted tatweels the glyph draws: a glyph with no text
    whose advance is a whole number of tatweels (Amiri draws two or three
    tatweels in a row as one longer kashida glyph); 0 for any other glyph."""
    if char.get_text() != "":
        return 0
    count = round(char.width / (TATWEEL_EM * char.size))
    if 1 <= count <= 6 and abs(char.width - count * TATWEEL_EM * char.size) < 0.003 * char.size * count:
        return count
    return 0


def measure_line(line: list[LTChar]) -> tuple[list[float], int, int]:
    """(gap ratios of the spaces, elongated joins, inserted tatweels)."""
    drawn = sorted((c for c in line if c.adv > 0), key=lambda c: c.x0)
    ratios = []
    for i, char in enumerate(drawn):
        if char.get_text() != " " or i == 0 or i == len(drawn) - 1:
            continue
        before = drawn[i - 1]
        after = next((c for c in drawn[i + 1 :] if c.get_text() != " "), None)
        if after is None or before.get_text() == " ":
            continue  # two spaces in a row: leave the pair out
        if before.get_text() == after.get_text() == ".":
            continue  # a leader (the table of contents), not a word space
        ratios.append((after.x0 - before.x1) / char.width)
    tatweels = [tatweels_of(c) for c in drawn]
    joins = sum(1 for i, t in enumerate(tatweels) if t and (i == 0 or not tatweels[i - 1]))
    return ratios, joins, sum(tatweels)


def _edge(ends) -> float:
    """The edge most lines end at (to half a point): a glyph overhanging
    the block (a hanging stop, an opening bracket) does not move it."""
    return Counter(round(2 * x) / 2 for x in ends).most_common(1)[0][0]


def measure(pdf: Path) -> Report:
    report = Report()
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    with pdf.open("rb") as fh:
        for number, page in enumerate(PDFPage.get_pages(fh), 1):
            report.pages += 1
            interpreter.process_page(page)
            lines = [line for line in _lines(glyphs_of(device.get_result())) if any(c.adv > 0 for c in line)]
            if not lines:
                continue
            sizes = [_size(line) for line in lines]
            body_size = Counter(sizes).most_common(1)[0][0]
            body = [line for line, size in zip(lines, sizes, strict=True) if size == body_size]
            left = _edge(min(c.x0 for c in line if c.adv > 0) for line in body)
            right = _edge(max(c.x1 for c in line if c.adv > 0) for line in body)
            for line in body:
                drawn = [c for c in line if c.adv > 0]
                x0, x1 = min(c.x0 for c in drawn), max(c.x1 for c in drawn)
                if x0 - left > EDGE:
                    continue  # stops short of the end edge: a last or centred line
                if right - x1 > EDGE + INDENT_EM * body_size:
                    continue  # a centred line, or one of a narrower block
                ratios, joins, tatweels = measure_line(line)
                if ratios:
                    report.lines.append(JustifiedLine(number, line[0].matrix[5], body_size, ratios, joins, tatweels))
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    found = {str(p): measure(p).summary() for p in args.pdf}
    if args.json:
        print(json.dumps(found, indent=2))
        return
    for name, s in found.items():
        print(name)
        for key, value in s.items():
            print(f"  {key:20} {value}")


if __name__ == "__main__":
    main()
