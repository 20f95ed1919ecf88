"""Kashida justification in WeasyPrint 70.0 (issue 18): a justified Arabic
line gets its width mostly by elongating joins of letters, and its word
spaces stay near their natural width.

WeasyPrint justifies a line after breaking it, in `layout.inline.justify_line`,
by adding the same spacing to every space.  While `kashida_justification()`
is active that function is wrapped: for a line whose style asks for it (the
custom property `--warraq-justify: kashida`, which page_css sets on the
book and unsets on the Qur'an's text), the wrapper

1. finds each word's one kashida point (kashida.py: the Naskh priorities)
   and keeps those at a boundary of the font's shaping (a join inside a
   ligature, as lam-lam-haa, is never a cluster boundary);
2. lets the spaces take the first SPACE_SHARE of their natural width, and
   fills the rest of the line with whole tatweels (U+0640: Amiri has no
   `jalt` alternates; it draws a run of two or three tatweels as one longer
   kashida glyph), spread over the points by priority, at most PER_JOIN
   per join and LINE_EM em per line;
3. measures each elongated word shaped alone (an Arabic word's shaping
   does not reach across spaces; each word is shaped once per font and
   kept), gives the boxes their new text, moves the boxes after them along
   the line (as `add_word_spacing` does) and leaves what is left of the
   width to WeasyPrint's own justification, which stretches the spaces.

An inserted tatweel is typography, not text: the box remembers the byte
offsets of the tatweels it got (`box.kashida`) and the exact-text patch
(patches/text.py) gives their glyphs no text and closes the gaps they would
leave between a word's letters for extractors, so copied and extracted text
is the author's.  The tags are untouched (the boxes are the same boxes).

Each justified box is then measured as it will be drawn (`fit`); its Pango
layout is made once: `add_word_spacing`'s (or `respace`'s) is left active
and set up as `reactivate` would set it (`ready_layout`), and the measure's
shaped layout is kept for the draw (patches/shaped_once.py).

Pinned like patches/text.py: on another WeasyPrint, or when the exact-text patch
does not apply (tatweels would then be copied as text), nothing is patched
and the lines justify with spaces.
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi

from ....text.kashida import TATWEEL, best, distribute, letters
from . import pin_mismatches, shaped_once
from . import text as pdf_text

WEASYPRINT_VERSION = "70.0"

FINGERPRINTS = {
    "weasyprint.layout.inline.text_align": "e953d41b87ccfc30405f83f6cc3c73918ef4638662794db4f834b1d788d6ed67",
    "weasyprint.layout.inline.justify_line": "f83b21ff8793ba6b6dfc5fe8e10e4ab6cd6e02b17de02da97200902166148a81",
    "weasyprint.layout.inline.count_expandable_spaces": (
        "175fe6f42576ed3842d240a5048b4816ed702e8f97d49389b5b528aee51476ad"
    ),
    "weasyprint.layout.inline.add_word_spacing": "879516e71f1b80fa1833aee877e1a34c851248c5fd871d6c855c58f07358d418",
    "weasyprint.text.line_break.create_layout": "6587192cc0ab3ffad7bb1902654c7f26dd28910f760804bcf67cbf7b986660b0",
    "weasyprint.text.line_break.line_size": "03fa04fd51fc69aa128ca5312faa9a82578d88cf8549fda8d3d63a76f8eef173",
    "weasyprint.text.line_break.Layout.__init__": "c17d3975d808536ebc7993a0e4b1af9c12147700775423709b4feb99a87c1ae2",
    "weasyprint.text.line_break.Layout.reactivate": "0b89ee097104b71376c179f48a98858708b07169dc0212c393263a1a831607c9",
    "weasyprint.text.line_break.Layout.set_text": "fe23ca9937dbf5205bda422f9c01103f301ef2c511228842632ea86e853274f7",
    "weasyprint.text.line_break.Layout.deactivate": "bfec3ec8406e1c82a91f9570103eb5ecbc5a20c1339ff26bb0f4eafb03189f0b",
}

PROPERTY = "__warraq_justify"  # WeasyPrint's key of the custom property --warraq-justify
SPACE_SHARE = 0.15  # the spaces stretch by this much of their width before any kashida
LINE_JOINS = 3  # elongated joins at most in one line: one to three longer ones, as a Naskh compositor sets them
WORD_LETTERS = 4  # no kashida in a word of fewer letters (منـي، سـنة، إلـى) when justifying
PER_JOIN = 4  # tatweels at most in one join
LINE_EM = 3.0  # em of tatweel at most in one line
TRIES = 3  # plans tried when the shaped line comes out wider than wanted
FIT_TRIES = 3  # rounds of measuring a justified line as drawn (fit)
FIT_PX = 0.01  # a drawn box may differ from its width by this much (px)
WORD = re.compile(r"\S+")
TATWEEL_BYTES = len(TATWEEL.encode())


def _functions() -> dict[str, Callable[..., Any]]:
    return {
        "weasyprint.layout.inline.text_align": inline.text_align,
        "weasyprint.layout.inline.justify_line": inline.justify_line,
        "weasyprint.layout.inline.count_expandable_spaces": inline.count_expandable_spaces,
        "weasyprint.layout.inline.add_word_spacing": inline.add_word_spacing,
        "weasyprint.text.line_break.create_layout": line_break.create_layout,
        "weasyprint.text.line_break.line_size": line_break.line_size,
        "weasyprint.text.line_break.Layout.__init__": line_break.Layout.__init__,
        "weasyprint.text.line_break.Layout.reactivate": line_break.Layout.reactivate,
        "weasyprint.text.line_break.Layout.set_text": line_break.Layout.set_text,
        "weasyprint.text.line_break.Layout.deactivate": line_break.Layout.deactivate,
    }


def mismatches() -> list[str]:
    """What differs from the WeasyPrint this module was written against
    (the exact-text patch's own differences included: kashida needs it)."""
    found = pin_mismatches(WEASYPRINT_VERSION, _functions(), FINGERPRINTS)
    return found + [m for m in pdf_text.mismatches() if m not in found]


def wants_kashida(style: Any) -> bool:
    """Does this style ask for kashida (`--warraq-justify: kashida`)?"""
    try:
        tokens = style[PROPERTY]
    except KeyError:
        return False
    return any(getattr(token, "value", None) == "kashida" for token in tokens or ())


# ---------------------------------------------------------------------- shaping


def _layout(text: str, style: Any, context: Any) -> Any:
    return line_break.create_layout(text, style, context, max_width=None, justification_spacing=0)


def shaped(layout: Any, text: str, style: Any) -> tuple[float, frozenset[int]]:
    """The width of the text set on one line by the (active) layout, and
    the byte offsets where its shaping clusters start (a ligature's letters
    share one cluster)."""
    layout.set_text(text)
    first_line, _ = layout.get_first_line()
    width, _ = line_break.line_size(first_line, style)
    starts: set[int] = set()
    run = first_line.runs
    while run != ffi.NULL:
        item = run.data
        count = item.glyphs.num_glyphs
        starts.update(item.item.offset + c for c in ffi.unpack(item.glyphs.log_clusters, count))
        run = run.next
    return width, frozenset(starts)


# what of a style decides how Pango shapes a word (Layout.setup reads these)
SHAPING = (
    "font_family",
    "font_size",
    "font_weight",
    "font_style",
    "font_stretch",
    "font_kerning",
    "font_variant_ligatures",
    "font_variant_position",
    "font_variant_caps",
    "font_variant_numeric",
    "font_variant_alternates",
    "font_variant_east_asian",
    "font_feature_settings",
    "font_variation_settings",
    "font_language_override",
    "lang",
    "direction",
)


def font_key(style: Any) -> tuple:
    return tuple(str(style[name]) for name in SHAPING)


class Shapes:
    """Words shaped alone, once per font, with one Pango layout per font:
    an Arabic word's shaping does not reach across the spaces around it, so
    a line's elongation is the sum of its words' (and no line is shaped
    twice for it).  Kept per font configuration, across documents."""

    MOST = 200_000  # words kept

    def __init__(self) -> None:
        self.words: dict[tuple, tuple[float, frozenset[int]]] = {}
        self.layouts: dict[tuple, Any] = {}

    def shape(self, font: tuple, text: str, style: Any, context: Any) -> tuple[float, frozenset[int]]:
        """(width, cluster starts) of the text in the style, whose font_key is `font`."""
        key = (font, text)
        if key not in self.words:
            if len(self.words) > self.MOST:
                self.words.clear()
            if font not in self.layouts:
                self.layouts[font] = _layout("", style, context)
            self.words[key] = shaped(self.layouts[font], text, style)
        return self.words[key]

    def units(self, style: Any, context: Any) -> tuple[float, float]:
        """(natural space, tatweel) widths in this style's font and size."""
        font = font_key(style)
        two, _ = self.shape(font, TATWEEL * 2, style, context)
        spaced, _ = self.shape(font, f"{TATWEEL} {TATWEEL}", style, context)
        return spaced - two, two / 2


_SHAPES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # FontConfiguration -> Shapes


def shapes_of(style: Any) -> Shapes:
    fonts = style.font_config
    if fonts not in _SHAPES:
        _SHAPES[fonts] = Shapes()
    return _SHAPES[fonts]


# ---------------------------------------------------------------------- the line


@dataclass
class Point:
    box: Any  # the TextBox
    offset: int  # byte offset in box.text where the tatweels go
    priority: int
    word: str
    index: int  # where in the word they go
    font: tuple  # the box's font_key


def text_boxes(box: Any) -> Iterator[Any]:
    """The line's text boxes in the order of the text."""
    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from text_boxes(child)


def points(line: Any, context: Any, shapes: Shapes) -> list[Point]:
    """The kashida points of the line's words, one per word at most, where
    the font's shaping allows it (not inside a ligature)."""
    found = []
    for box in text_boxes(line):
        if not wants_kashida(box.style) or box.style["letter_spacing"] not in ("normal", 0):
            continue
        text, font = box.text, None
        for word in WORD.finditer(text):
            point = best(word[0])
            if point is None or len(letters(word[0])) < WORD_LETTERS:
                continue
            font = font or font_key(box.style)
            _, starts = shapes.shape(font, word[0], box.style, context)
            if len(word[0][: point.index].encode()) in starts:
                offset = len(text[: word.start() + point.index].encode())
                found.append(Point(box, offset, point.priority, word[0], point.index, font))
    return found


@dataclass
class Elongated:
    box: Any
    text: str  # the box's text with the tatweels
    silent: frozenset[int]  # byte offsets of the inserted tatweels
    added: float  # how much wider the box is


def elongated(box: Any, chosen: list[tuple[Point, int]], shapes: Shapes, context: Any) -> Elongated:
    """The box's text with `n` tatweels at each chosen point, and how much
    wider its words got."""
    data = box.text.encode()
    pieces, silent, at, added = [], set(), 0, 0.0
    for point, n in sorted(chosen, key=lambda c: c[0].offset):
        pieces.append(data[at : point.offset])
        start = sum(len(p) for p in pieces)
        silent.update(start + k * TATWEEL_BYTES for k in range(n))
        pieces.append(TATWEEL.encode() * n)
        at = point.offset
        longer = point.word[: point.index] + TATWEEL * n + point.word[point.index :]
        wider = shapes.shape(point.font, longer, box.style, context)[0]
        added += wider - shapes.shape(point.font, point.word, box.style, context)[0]
    pieces.append(data[at:])
    return Elongated(box, b"".join(pieces).decode(), frozenset(silent), added)


def chosen(found: list[Point]) -> list[Point]:
    """The line's best LINE_JOINS points, in the line's order: the best
    priority first, then the longer word (an elongation reads best in a
    long word), then the earlier in the line."""
    if len(found) <= LINE_JOINS:
        return found
    ranked = sorted(range(len(found)), key=lambda i: (found[i].priority, -len(letters(found[i].word)), i))
    return [found[i] for i in sorted(ranked[:LINE_JOINS])]


def plan(found: list[Point], count: int, shapes: Shapes, context: Any) -> list[Elongated]:
    """The boxes elongated by `count` tatweels spread over the points."""
    counts = distribute([p.priority for p in found], count, PER_JOIN)
    per_box: dict[int, tuple[Any, list[tuple[Point, int]]]] = {}
    for point, n in zip(found, counts, strict=True):
        if n:
            per_box.setdefault(id(point.box), (point.box, []))[1].append((point, n))
    return [elongated(box, chosen, shapes, context) for box, chosen in per_box.values()]


def apply(done: Elongated) -> None:
    """Give the box its elongated text, and its layout too: WeasyPrint
    leaves a line's layouts deactivated, and drawing reactivates them from
    their text (`add_word_spacing` makes new ones from the box's text)."""
    box = done.box
    box.text = done.text
    box.kashida = done.silent
    layout = box.pango_layout
    if hasattr(layout, "layout"):
        layout.set_text(done.text)
    else:
        layout.text = done.text


def shift(box: Any, grown: dict[int, float], x_advance: float) -> float:
    """Move the boxes along the line by what the ones before them grew
    (`grown`: id(text box) -> width added), as `add_word_spacing` does."""
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        added = grown.get(id(box), 0.0)
        box.width += added
        return x_advance + added
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        children = box.children[::-1] if box.style["direction"] == "rtl" else box.children
        for child in children:
            if child.is_in_normal_flow():
                x_advance = shift(child, grown, x_advance)
        box.width += x_advance - before
        return x_advance
    box.translate(x_advance, 0)
    return x_advance


def kashida_width(context: Any, line: Any, extra_width: float, shapes: Shapes) -> float:
    """Elongate the line's words to take most of `extra_width`; return the
    width the elongations added (the rest goes to the spaces)."""
    space, tatweel = shapes.units(line.style, context)
    if tatweel <= 0:
        return 0.0  # a font with no tatweel, or text of size 0
    spaces = inline.count_expandable_spaces(line)
    wanted = extra_width - spaces * space * SPACE_SHARE
    count = min(int(wanted / tatweel), int(LINE_EM * line.style["font_size"] / tatweel))
    if count <= 0:
        return 0.0  # the spaces take it all, near their natural width
    found = chosen(points(line, context, shapes))
    if not found:
        return 0.0
    for _ in range(TRIES):
        if count <= 0:
            return 0.0
        done = plan(found, count, shapes, context)
        added = sum(d.added for d in done)
        if added <= extra_width:
            break
        # a letter before a tatweel can be wider than its joined form: fewer
        count -= max(1, math.ceil((added - extra_width) / tatweel))
    else:
        return 0.0
    for d in done:
        apply(d)
    shift(line, {id(d.box): d.added for d in done}, 0.0)
    return added


def drawn_width(box: Any) -> float:
    """The width of the text box as it will be drawn: its layout with its
    justification spacing (what draw_first_line sets), not the width
    measured when the line was broken.  The layout stays active, shaped,
    for its draw when patches/shaped_once.py keeps it."""
    layout = box.pango_layout
    if not layout.__dict__.pop(READY, False):
        layout.reactivate(box.style)
    kept = shaped_once.keep(layout)
    first_line, _ = layout.get_first_line()
    width, _ = line_break.line_size(first_line, box.style)
    if not kept:
        layout.deactivate()
    return width


READY = "warraq_ready"  # a layout respace left as `reactivate` would set it up, for drawn_width


def plain_text(style: Any, text: str) -> bool:
    """Is `Layout.set_text` without justification, then with it, the same
    as with it alone, for this text in this style?  So without word or
    letter spacing of its own (their attributes would be set twice) nor
    tabs; the insert-hyphens attribute of `overflow-wrap` (the book's
    `break-word`) is set over the same range with the same value, which
    Pango merges into the one it has (the same attribute list, in order)."""
    return not (style["word_spacing"] or style["letter_spacing"] not in ("normal", 0) or "\t" in text)


def ready_layout(style: Any, text: str, spacing: float) -> Any:
    """The layout `create_layout` (no max_width) would make for the text,
    active and set up as `reactivate` would then set it (its text set with
    the spacing), for drawn_width: one Pango layout instead of two (the
    text must be `plain_text`)."""
    layout = line_break.Layout(style, spacing)
    layout.set_text(text)
    layout.set_text(layout.text, justify=True)
    setattr(layout, READY, True)
    return layout


class MeasuredNext(line_break.Layout):
    """A ready layout `add_word_spacing` made: it deactivates each new
    layout at once, which this one skips (it is measured next, in fit)."""

    def deactivate(self):
        self.__class__ = line_break.Layout


def wrap_create_layout(original: Callable[..., Any]) -> Callable[..., Any]:
    """`create_layout` as `add_word_spacing` calls it (while the original
    justify_line runs): a justified box's layout made ready for fit."""

    def create_layout(text, style, context, max_width, justification_spacing):
        if max_width is None and justification_spacing and plain_text(style, text):
            layout = ready_layout(style, text, justification_spacing)
            layout.__class__ = MeasuredNext
            return layout
        return original(text, style, context, max_width, justification_spacing)

    return create_layout


def respace(context: Any, box: Any, spacing: float) -> None:
    """Give the box this justification spacing (as `add_word_spacing` does),
    its width unchanged; its new layout is measured next (drawn_width)."""
    if plain_text(box.style, box.text):
        layout = ready_layout(box.style, box.text, spacing)
    else:
        layout = line_break.create_layout(box.text, box.style, context, max_width=None, justification_spacing=spacing)
        layout.deactivate()
    box.justification_spacing = spacing
    box.pango_layout = layout


def fit(context: Any, line: Any) -> None:
    """Make the justified line exactly as wide as its boxes say (issue 26).

    WeasyPrint justifies a line by adding `spacing` per space to the width
    measured when the line was broken, but draws the text with a Pango
    letter-spacing attribute on each space, which cuts the text's shaping
    at the spaces: Amiri's kerning across a word space (a final ه or ة
    before «كان», «حاكما»: -3 pt at 12.5 pt) is lost, and a box ending in a
    space before an inline element (a verse, a note call) gets the spacing
    twice.  The drawn line was then up to 3-6 pt wider than the frame.  So
    each spaced (or elongated) text box is measured as it will be drawn;
    what it outgrew is taken back from the spacing of every space of the
    line, and the boxes are moved to their drawn widths."""
    spaced = [
        box
        for box in text_boxes(line)
        if (box.justification_spacing or getattr(box, "kashida", None)) and inline.count_expandable_spaces(box)
    ]
    if not spaced:
        return
    spaces = sum(inline.count_expandable_spaces(box) for box in spaced)
    target = sum(box.width for box in spaced)
    spacing = spaced[0].justification_spacing
    for _ in range(FIT_TRIES):
        drawn = [drawn_width(box) for box in spaced]
        excess = sum(drawn) - target
        if abs(excess) <= FIT_PX:
            break
        spacing -= excess / spaces
        for box in spaced:
            respace(context, box, spacing)
    else:
        drawn = [drawn_width(box) for box in spaced]
    grown = {id(box): width - box.width for box, width in zip(spaced, drawn, strict=True)}
    shift(line, {key: value for key, value in grown.items() if abs(value) > FIT_PX / len(spaced)}, 0.0)


def wrap_justify(original: Callable[..., Any]) -> Callable[..., Any]:
    plain = inline.create_layout
    ready = wrap_create_layout(plain)

    def justify_line(context, line, extra_width):
        if extra_width > 0 and wants_kashida(line.style):
            extra_width -= kashida_width(context, line, extra_width, shapes_of(line.style))
        inline.create_layout = ready  # add_word_spacing's layouts, ready for fit
        try:
            result = original(context, line, extra_width)
        finally:
            inline.create_layout = plain
        fit(context, line)
        return result

    return justify_line


@contextmanager
def kashida_justification() -> Iterator[bool]:
    """Patch WeasyPrint's justification while documents are laid out in
    this block; yields whether it is patched."""
    if mismatches():
        yield False
        return
    original = inline.justify_line
    inline.justify_line = wrap_justify(original)
    try:
        yield True
    finally:
        inline.justify_line = original
