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
   `jalt` or kashida alternates, only the tatweel), spread over the points
   by priority, at most PER_JOIN per join and LINE_EM em per line;
3. re-shapes each text box it elongated, moves the boxes after it along the
   line (as `add_word_spacing` does) and leaves what is left of the width to
   WeasyPrint's own justification, which stretches the spaces.

An inserted tatweel is typography, not text: the box remembers the byte
offsets of the tatweels it got (`box.kashida`) and the exact-text patch
(pdf_text.py) gives their glyphs no text, so copied and extracted text is
the author's.  The tags are untouched (the boxes are the same boxes).

Pinned like pdf_text.py: on another WeasyPrint, or when the exact-text patch
does not apply (tatweels would then be copied as text), nothing is patched
and the lines justify with spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import weasyprint
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi

from ..kashida import TATWEEL, best, distribute
from . import pdf_text
from .pdf_text import source_hash

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
    "weasyprint.text.line_break.Layout.reactivate": "0b89ee097104b71376c179f48a98858708b07169dc0212c393263a1a831607c9",
}

PROPERTY = "__warraq_justify"  # WeasyPrint's key of the custom property --warraq-justify
SPACE_SHARE = 0.1  # the spaces stretch by this much of their width before any kashida
PER_JOIN = 3  # tatweels at most in one join
LINE_EM = 3.0  # em of tatweel at most in one line
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
        "weasyprint.text.line_break.Layout.reactivate": line_break.Layout.reactivate,
    }


def mismatches() -> list[str]:
    """What differs from the WeasyPrint this module was written against
    (the exact-text patch's own differences included: kashida needs it)."""
    found = []
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        found.append(f"WeasyPrint {weasyprint.__version__} (patched for {WEASYPRINT_VERSION})")
    for name, function in _functions().items():
        try:
            digest = source_hash(function)
        except (OSError, TypeError):
            digest = "no source"
        if digest != FINGERPRINTS[name]:
            found.append(f"{name} changed (sha256 {digest[:12]})")
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


def shaped(text: str, style: Any, context: Any) -> tuple[float, set[int]]:
    """The width of the text set on one line, and the byte offsets where its
    shaping clusters start (a ligature's letters share one cluster)."""
    layout = _layout(text, style, context)
    first_line, _ = layout.get_first_line()
    width, _ = line_break.line_size(first_line, style)
    starts: set[int] = set()
    run = first_line.runs
    while run != ffi.NULL:
        item = run.data
        count = item.glyphs.num_glyphs
        starts.update(item.item.offset + c for c in ffi.unpack(item.glyphs.log_clusters, count))
        run = run.next
    layout.deactivate()
    return width, starts


_WIDTHS: dict[tuple, tuple[float, float]] = {}


def unit_widths(style: Any, context: Any) -> tuple[float, float]:
    """(natural space, tatweel) widths in this style's font and size."""
    key = (tuple(style["font_family"]), style["font_size"], style["font_weight"], style["font_style"])
    if key not in _WIDTHS:
        two, _ = shaped(TATWEEL * 2, style, context)
        spaced, _ = shaped(f"{TATWEEL} {TATWEEL}", style, context)
        _WIDTHS[key] = (spaced - two, two / 2)
    return _WIDTHS[key]


# ---------------------------------------------------------------------- the line


@dataclass
class Point:
    box: Any  # the TextBox
    offset: int  # byte offset in box.text where the tatweels go
    priority: int


def text_boxes(box: Any) -> Iterator[Any]:
    """The line's text boxes in the order of the text."""
    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from text_boxes(child)


def points(line: Any, context: Any) -> list[Point]:
    """The kashida points of the line's words, one per word at most, where
    the font's shaping allows it."""
    found = []
    for box in text_boxes(line):
        if not wants_kashida(box.style) or box.style["letter_spacing"] not in ("normal", 0):
            continue
        text = box.text
        candidates = []
        for word in WORD.finditer(text):
            point = best(word[0])
            if point is not None:
                index = word.start() + point.index
                candidates.append((len(text[:index].encode()), point.priority))
        if not candidates:
            continue
        _, starts = shaped(text, box.style, context)
        found += [Point(box, offset, priority) for offset, priority in candidates if offset in starts]
    return found


def elongate_box(box: Any, tatweels: dict[int, int], context: Any) -> float:
    """Insert the tatweels (byte offset -> count) into the box's text and
    re-shape it; return how much wider it got."""
    data = box.text.encode()
    old_width, _ = shaped(box.text, box.style, context)
    pieces, silent, at = [], set(), 0
    for offset in sorted(tatweels):
        pieces.append(data[at:offset])
        start = sum(len(p) for p in pieces)
        silent.update(start + k * TATWEEL_BYTES for k in range(tatweels[offset]))
        pieces.append(TATWEEL.encode() * tatweels[offset])
        at = offset
    pieces.append(data[at:])
    box.text = b"".join(pieces).decode()
    box.kashida = frozenset(silent)
    new_width, _ = shaped(box.text, box.style, context)
    box.pango_layout = _layout(box.text, box.style, context)
    box.pango_layout.deactivate()
    return new_width - old_width


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


def kashida_width(context: Any, line: Any, extra_width: float) -> float:
    """Elongate the line's words to take most of `extra_width`; return the
    width the elongations added (the rest goes to the spaces)."""
    found = points(line, context)
    if not found:
        return 0.0
    space, tatweel = unit_widths(found[0].box.style, context)
    spaces = inline.count_expandable_spaces(line)
    wanted = extra_width - spaces * space * SPACE_SHARE
    most = int(LINE_EM * found[0].box.style["font_size"] / tatweel)
    count = min(int(wanted / tatweel), most)
    if count <= 0:
        return 0.0
    counts = distribute([p.priority for p in found], count, PER_JOIN)
    per_box: dict[int, dict[int, int]] = {}
    owners: dict[int, Any] = {}
    for point, n in zip(found, counts, strict=True):
        if n:
            per_box.setdefault(id(point.box), {})[point.offset] = n
            owners[id(point.box)] = point.box
    grown = {key: elongate_box(owners[key], tatweels, context) for key, tatweels in per_box.items()}
    shift(line, grown, 0.0)
    return sum(grown.values())


def wrap_justify(original: Callable[..., Any]) -> Callable[..., Any]:
    def justify_line(context, line, extra_width):
        if extra_width > 0 and wants_kashida(line.style):
            extra_width -= kashida_width(context, line, extra_width)
        return original(context, line, extra_width)

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
