"""The common width of a poem's hemistichs in print (issue 23).

Every half of a poem is set to one width, that of its widest half, so the
poem forms two even columns (ARABIC.md, "Poetry").  WeasyPrint 70 has no
layout that gives equal columns as wide as their content: its grid ignores
`width: fit-content` and the direction (the first column lands on the left),
and a table sizes each column to its own content.  So the halves are laid out
once, alone on an unbounded line, by WeasyPrint itself (the same fonts, the
same stylesheets, the author's emphasis), beside an empty paragraph of the
text's width; each poem's widest half, in em of the hemistich's own type,
becomes the `width` of its halves (render: `Renderer.hemistich_em`), and
print.css justifies each half to it.

What an Arabic book does with a bayt too wide for the line: the poem keeps
its one column width (its type is not made smaller for one bayt); only the
bayt whose halves cannot stand side by side is stacked, the ṣadr on a line,
the ʿajuz under it set in, each half wrapping within the text's width
(`Renderer.stacked_bayts`).  The common width is then that of the halves
that fit, so one long bayt no longer stacks the whole poem.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup, escape
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import BlockBox, InlineBlockBox

from ...config import Config
from ...model import Book, Poem
from ...render import Renderer, stylesheet
from ...render.fonts import faces, font_face_css

# added to the widest half: the halves' lines must not break over a rounding
SLACK_EM = 0.02
# what stands between two halves side by side, in em: print.css's 2em margin
# of the ʿajuz, the word space of the template, and room for a rounding
GAP_EM = 2.5
# the measuring line: no wrapping, no cap at the text width
_MEASURE_CSS = ".hemistich { white-space: nowrap; max-width: none !important; width: auto !important; }"


def poems(book: Book) -> Iterator[Poem]:
    for part in book.parts:
        for block in part.blocks:
            if isinstance(block, Poem):  # (a removed one is a tombstone)
                yield block


def measure_poems(renderer: Renderer, config: Config) -> dict[str, float]:
    """Each poem's hemistich width in em (by the poem's provenance), and
    set it on the renderer, whose print HTML then carries it; the bayts
    that cannot stand side by side go to `renderer.stacked_bayts`."""
    found = list(poems(renderer.book))
    if not found:
        return {}
    fonts = font_face_css(faces()[0].file.parent.as_uri() + "/")
    rows = []
    for n, poem in enumerate(found):
        for k, bayt in enumerate(poem.bayts):
            for half in (bayt.sadr, bayt.ajuz):
                if half:
                    inner = renderer.inline(half, {})
                    tag = f'data-poem="{n}" data-bayt="{k}"'
                    rows.append(f'<div class="bayt"><span class="hemistich" {tag}>{inner}</span></div>')
    html = (
        f'<!DOCTYPE html><html lang="{escape(renderer.book.meta.language)}" dir="{renderer.book.meta.direction}">'
        f"<head><style>{fonts}\n{stylesheet(config, 'print')}\n{_MEASURE_CSS}</style></head>"
        f'<body><section class="part"><p data-line="1"></p>'
        f'<div class="poem">{Markup("".join(rows))}</div></section></body></html>'
    )
    halves: dict[tuple[int, int], list[float]] = {}
    line_px, font_px = 0.0, 0.0
    for box in _boxes(HTML(string=html, base_url=str(config.root)).render().pages):
        element = box.element
        if element is None:
            continue
        if element.get("data-line") and isinstance(box, BlockBox):
            line_px = box.width
            continue
        poem = element.get("data-poem")
        if poem is None or not isinstance(box, InlineBlockBox):
            continue
        font_px = box.style["font_size"]
        halves.setdefault((int(poem), int(element.get("data-bayt"))), []).append(box.width / font_px)
    line_em = line_px / font_px if line_px and font_px else float("inf")
    # a half wider than this cannot stand beside another as wide
    cap = (line_em - GAP_EM) / 2
    widths: dict[str, float] = {}
    stacked: set[str] = set()
    for n, poem in enumerate(found):
        fitting = []
        for k, bayt in enumerate(poem.bayts):
            ems = halves.get((n, k), [])
            if ems and max(ems) + SLACK_EM > cap:
                stacked.add(str(bayt.prov))
            else:
                fitting += ems
        if fitting:
            widths[str(poem.prov)] = round(max(fitting) + SLACK_EM, 3)
    renderer.hemistich_em = widths
    renderer.stacked_bayts = stacked
    return widths


def _boxes(pages: list[Any]) -> Iterator[Any]:
    stack = [page._page_box for page in pages]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(getattr(box, "children", ()))
