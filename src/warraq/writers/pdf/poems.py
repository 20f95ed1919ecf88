"""The common width of a poem's hemistichs in print (issue 23).

Every half of a poem is set to one width, that of its widest half, so the
poem forms two even columns (ARABIC.md, "Poetry").  WeasyPrint 70 has no
layout that gives equal columns as wide as their content: its grid ignores
`width: fit-content` and the direction (the first column lands on the left),
and a table sizes each column to its own content.  So the halves are laid out
once, alone on an unbounded line, by WeasyPrint itself (the same fonts, the
same stylesheets, the author's emphasis), and each poem's widest half, in em
of the hemistich's own type, becomes the `width` of all its halves
(render: `Renderer.hemistich_em`); print.css justifies each half to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup, escape
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import InlineBlockBox

from ...config import Config
from ...model import Book, Poem
from ...render import Renderer, stylesheet
from ...render.fonts import faces, font_face_css

# added to the widest half: the halves' lines must not break over a rounding
SLACK_EM = 0.02
# the measuring line: no wrapping, no cap at the text width
_MEASURE_CSS = ".hemistich { white-space: nowrap; max-width: none !important; width: auto !important; }"


def poems(book: Book) -> Iterator[Poem]:
    for part in book.parts:
        for block in part.blocks:
            if isinstance(block, Poem):  # (a removed one is a tombstone)
                yield block


def measure_poems(renderer: Renderer, config: Config) -> dict[str, float]:
    """Each poem's hemistich width in em (by the poem's provenance), and
    set it on the renderer, whose print HTML then carries it."""
    found = list(poems(renderer.book))
    if not found:
        return {}
    fonts = font_face_css(faces()[0].file.parent.as_uri() + "/")
    rows = []
    for n, poem in enumerate(found):
        for bayt in poem.bayts:
            for half in (bayt.sadr, bayt.ajuz):
                if half:
                    inner = renderer.inline(half, {})
                    rows.append(f'<div class="bayt"><span class="hemistich" data-poem="{n}">{inner}</span></div>')
    html = (
        f'<!DOCTYPE html><html lang="{escape(renderer.book.meta.language)}" dir="{renderer.book.meta.direction}">'
        f"<head><style>{fonts}\n{stylesheet(config, 'print')}\n{_MEASURE_CSS}</style></head>"
        f'<body><section class="part"><div class="poem">{Markup("".join(rows))}</div></section></body></html>'
    )
    widest: dict[int, float] = {}
    for box in _boxes(HTML(string=html, base_url=str(config.root)).render().pages):
        poem = box.element.get("data-poem") if box.element is not None else None
        if poem is None or not isinstance(box, InlineBlockBox):
            continue
        em = box.width / box.style["font_size"]
        widest[int(poem)] = max(widest.get(int(poem), 0.0), em)
    widths = {str(poem.prov): round(widest[n] + SLACK_EM, 3) for n, poem in enumerate(found) if n in widest}
    renderer.hemistich_em = widths
    return widths


def _boxes(pages: list[Any]) -> Iterator[Any]:
    stack = [page._page_box for page in pages]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(getattr(box, "children", ()))
