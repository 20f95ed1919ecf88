"""Exact text extraction from WeasyPrint 70.0 PDFs (WeasyPrint issue 2841).

WeasyPrint maps each glyph to Unicode (the font's ToUnicode CMap) with the
text of the cluster it was *first* drawn in.  A shaped Arabic cluster often
has several glyphs: the first one shown carries the cluster's whole text, the
others carry none.  When the base glyph of `أْ` in `يَأْتِ` is first met as
the silent member of such a cluster, every later `أ` drawn with that glyph
maps to nothing, and the letter vanishes from copied or extracted text (on
the seed, 16 of 161 `أ` and 10 of 74 `ج`).

The fix gives every distinct (glyph, text) pair its own character code.  The
first text a glyph is drawn with keeps the glyph id as its code, as
WeasyPrint does; any other text gets an *alias* code, counted down from
0xFFFE, whose ToUnicode entry is that text and whose width is the glyph's.
The CIDFont's `/CIDToGIDMap` (otherwise `/Identity`) then sends each alias
back to the real glyph, so the page looks exactly the same and the font
file is untouched.  Every extractor that honours ToUnicode (poppler,
pdfminer, pdf.js, Acrobat) gets each cluster's own text back.

Tatweels that kashida justification inserted (patches/kashida.py: the box's
`kashida` byte offsets) stand for no text; and in such a box each glyph
with text is widened, in the PDF font only, up to the next glyph of its
word (`closed_gaps`), so that extractors do not see a gap where a textless
tatweel is drawn and break the word there.

A combining mark shaped as a cluster of its own has its text joined to its
letter's glyph, written in the run's visual order as extractors read a
glyph's text (`with_marks`); a box holding a range of numbers alone («١–٢»)
is drawn inside a marked-content span whose `/ActualText` is its text
(`range_text`); and a box beside a leader reaches, in the PDF font only,
to the box on its right (`Session.reach_right`, set by patches/leaders.py),
so that pdftotext keeps a contents row on one line.

Most runs of a book are words met before (Arabic text kashida-justified is
shaped word by word): each distinct run (its glyphs, clusters, text, font
and size) is worked out once per document, its codes then reused (`Run`,
`Session.runs`), and what its glyphs stand for (`Session.marks`: a pure
function of the run, its glyphs' widths and the size) once per process,
across the documents a worker typesets (`RUN_MARKS`); the PDF is the same
bytes as when each run is worked out afresh.  A run is read whole (Pango's
two arrays copied at once, `read_run`), never glyph by glyph through cffi,
and a glyph alone in its run (a justified space, of a width of its own on
each line) is kept without its geometry, which decides nothing for it.

Two private WeasyPrint functions are wrapped, only while `exact_text()` is
active: `draw.text.draw_first_line` (swap alias codes into the shaped glyph
string before WeasyPrint writes it, restore them after) and
`pdf.fonts._build_vector_font_dictionary` (add the CIDToGIDMap).  Both are
pinned by version and by a hash of their source: on any other WeasyPrint
`exact_text()` patches nothing and says so (`patched` is False), and the
test suite fails on `FINGERPRINTS` until this module is checked against the
new code.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, NamedTuple

import pydyf
from weasyprint.draw import text as draw_text
from weasyprint.pdf import fonts as pdf_fonts
from weasyprint.pdf.stream import Stream
from weasyprint.text.ffi import FROM_UNITS, ffi, pango

from . import pin_mismatches

WEASYPRINT_VERSION = "70.0"

# sha256 of the source of every WeasyPrint function this module relies on:
# the two it wraps, their callers, and the font cache it reads.
FINGERPRINTS = {
    "weasyprint.draw.text.draw_text": "ebaf96239c6ca3635d2b91bfb34718c2dcebd7809fec1c53fb8dffd1366befe3",
    "weasyprint.draw.text.draw_first_line": "1bb8eae6d88e71b17096a034656f3be17da8f1f513c78536c1c38d971927638b",
    "weasyprint.pdf.fonts.build_fonts_dictionary": "fc551bef35d0d6c3d288f686fd21b5ea8c1efadb8f2f3b4d379cfa6045c02230",
    "weasyprint.pdf.fonts._build_vector_font_dictionary": (
        "aa6eea312c6e3375689f3405d48c5059525038a8d73d2f63bf3476de6dc05903"
    ),
    "weasyprint.pdf.stream.Stream.add_font": "e4226e111747721713ef1a513ba39542ac767bf32f354a18da2207b0ddf44787",
}

EMPTY, UNKNOWN = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG

# alias codes are counted down from here (0xFFFF is WeasyPrint's own
# overflow code for missing glyphs, which it counts up from the glyph count)
TOP_CODE = 0xFFFE
TATWEEL = "\u0640".encode()  # an inserted kashida (patches/kashida.py) has no text


def _functions() -> dict[str, Callable[..., Any]]:
    return {
        "weasyprint.draw.text.draw_text": draw_text.draw_text,
        "weasyprint.draw.text.draw_first_line": draw_text.draw_first_line,
        "weasyprint.pdf.fonts.build_fonts_dictionary": pdf_fonts.build_fonts_dictionary,
        "weasyprint.pdf.fonts._build_vector_font_dictionary": pdf_fonts._build_vector_font_dictionary,
        "weasyprint.pdf.stream.Stream.add_font": Stream.add_font,
    }


def mismatches() -> list[str]:
    """What differs from the WeasyPrint this module was written against."""
    return pin_mismatches(WEASYPRINT_VERSION, _functions(), FINGERPRINTS)


@dataclass
class FontAliases:
    """The alias codes of one WeasyPrint `Font`."""

    floor: int  # codes must stay above the font's own glyph ids
    codes: dict[tuple[int, str, int], int] = field(default_factory=dict)  # (glyph, text, wider) -> code
    glyphs: dict[int, int] = field(default_factory=dict)  # code -> glyph

    def code(self, glyph: int, text: str, wider: int = 0) -> int | None:
        """The code of the glyph drawn with this text (and a width `wider`
        than the glyph's by that many thousandths of an em)."""
        key = (glyph, text, wider)
        if key not in self.codes:
            code = TOP_CODE - len(self.codes)
            if code <= self.floor:
                return None  # no room left: keep WeasyPrint's mapping
            self.codes[key] = code
            self.glyphs[code] = glyph
        return self.codes[key]

    def cid_to_gid(self, used: set[int]) -> bytes:
        """The CIDToGIDMap stream: each glyph id drawn maps to itself, each
        alias to its glyph, every other CID to 0 (.notdef)."""
        top = max(self.glyphs)
        table = array("H", bytes(2 * (top + 1)))
        for cid in used:
            if cid <= top:
                table[cid] = cid
        for code, glyph in self.glyphs.items():
            table[code] = glyph
        if sys.byteorder == "little":
            table.byteswap()  # the stream's numbers are big-endian
        return table.tobytes()


# a PangoGlyphInfo: glyph, geometry (width, x_offset, y_offset), attr; 4 bytes each
GLYPH, ADVANCE, X_OFFSET, Y_OFFSET, INFO_WORDS = 0, 1, 2, 3, 5
INFO_BYTES = 4 * INFO_WORDS
ORDER = sys.byteorder  # the arrays hold native words
ALONE = bytes(INFO_BYTES - 4)  # the geometry and attr of a glyph alone in its run (`Session.alias_line`)
assert ffi.sizeof("PangoGlyphInfo") == INFO_BYTES and ffi.sizeof("gint") == ffi.sizeof("PangoGlyph") == 4
assert array("i").itemsize == array("I").itemsize == 4


@functools.cache
def _no_attr(count: int) -> int:
    """The mask that zeroes the attr word of `count` PangoGlyphInfo."""
    return int.from_bytes((b"\xff" * (INFO_BYTES - 4) + bytes(4)) * count, ORDER)


class Run(NamedTuple):
    """One shaped run of glyphs as Pango left it, read at once (its arrays'
    bytes), with all that the glyph texts and gaps of the run depend on: what
    `glyph_texts` and `closed_gaps` compute from it is computed once per
    distinct run (and font, and size) of a document."""

    glyph_bytes: bytes  # the PangoGlyphInfo array, its attr words zeroed (see `read`)
    cluster_bytes: bytes  # log_clusters: each glyph's byte offset in `text`
    text: bytes  # the run's UTF-8
    rtl: bool
    silent: tuple[int, ...] = ()  # inserted tatweels, sorted byte offsets in `text` (patches/kashida.py)
    elongated: bool = False  # its box was elongated by kashidas (patches/kashida.py)

    @classmethod
    def read(cls, glyph_item: Any, utf8: bytes, silent: list[int] | None = None) -> Run:
        """The run of a PangoGlyphItem in a box's UTF-8 text, whose inserted
        tatweels start at the `silent` byte offsets (sorted)."""
        return cls(*read_run(glyph_item, utf8, silent or ()))

    def field(self, at: int) -> list[int]:
        """One field of every glyph's PangoGlyphInfo (GLYPH, ADVANCE ...)."""
        return array("I" if at == GLYPH else "i", self.glyph_bytes)[at::INFO_WORDS].tolist()

    @property
    def ids(self) -> list[int]:
        return self.field(GLYPH)

    @property
    def advances(self) -> list[int]:  # geometry.width, Pango units
        return self.field(ADVANCE)

    @property
    def clusters(self) -> list[int]:
        return array("i", self.cluster_bytes).tolist()


def read_run(glyph_item: Any, utf8: bytes, silent: Sequence[int]) -> tuple:
    """The fields of the `Run` of a PangoGlyphItem in a box's UTF-8 text
    (its inserted tatweels at the `silent` byte offsets, sorted), as a
    plain tuple: the key a document's runs are kept under.  Pango's arrays
    are copied whole (two buffers), never read glyph by glyph through cffi."""
    glyph_string, item = glyph_item.glyphs, glyph_item.item
    count = glyph_string.num_glyphs
    start = item.offset
    end = start + item.length
    # the attr word's unused bits are whatever the memory held: zeroed,
    # a run drawn again is the same run (nothing here reads attr)
    size = INFO_BYTES * count
    infos = int.from_bytes(ffi.buffer(glyph_string.glyphs, size), ORDER) & _no_attr(count)
    return (
        infos.to_bytes(size, ORDER),
        ffi.buffer(glyph_string.log_clusters, 4 * count)[:],
        utf8[start:end],
        item.analysis.level % 2 == 1,
        tuple([o - start for o in silent if start <= o < end]) if silent else (),
        bool(silent),
    )


def cluster_text(utf8: bytes, start: int, end: int, silent: tuple[int, ...] = ()) -> str:
    """The text of utf8[start:end] without the tatweels that start at the
    `silent` byte offsets (sorted; kashidas the layout inserted: patches/kashida.py)."""
    if not silent:
        return utf8[start:end].decode()
    pieces, at = [], start
    for offset in silent:
        if start <= offset < end:
            pieces.append(utf8[at:offset])
            at = offset + len(TATWEEL)
    pieces.append(utf8[at:end])
    return b"".join(pieces).decode()


def glyph_texts(run: Run) -> dict[int, str]:
    """The text each glyph of a shaped run stands for: the whole text of its
    cluster on one glyph (the base: drawn on the baseline, with an advance),
    nothing on the others (the marks above or below it).  Clusters holding a
    glyph missing from the font are left to WeasyPrint (it draws .notdef).
    Inserted tatweels (`silent`) stand for no text."""
    ids, clusters, text, silent = run.ids, run.clusters, run.text, run.silent
    count, length = len(ids), len(text)
    words = array("i", run.glyph_bytes)  # advances and y offsets, for clusters of several glyphs
    texts: dict[int, str] = {}
    i = 0
    while i < count:
        cluster = clusters[i]
        j = i + 1
        while j < count and clusters[j] == cluster:
            j += 1
        # the glyphs i..j-1: one cluster, in visual order
        if run.rtl:  # visual order runs against the text: the cluster ends where the glyph before starts
            end = length if i == 0 else clusters[i - 1]
        else:
            end = length if j == count else clusters[j]
        if j == i + 1:  # one glyph, as most clusters
            if ids[i] != EMPTY and not ids[i] & UNKNOWN:
                texts[i] = cluster_text(text, cluster, end, silent)
        else:
            glyphs = [k for k in range(i, j) if ids[k] != EMPTY]
            if glyphs and not any(ids[k] & UNKNOWN for k in glyphs):
                cluster_string = cluster_text(text, cluster, end, silent)
                if len(glyphs) == 1:
                    texts[glyphs[0]] = cluster_string
                else:
                    carriers = [
                        k
                        for k in glyphs
                        if words[INFO_WORDS * k + Y_OFFSET] == 0 and words[INFO_WORDS * k + ADVANCE] > 0
                    ]
                    carrier = (carriers or glyphs)[0]
                    for k in glyphs:
                        texts[k] = cluster_string if k == carrier else ""
        i = j
    return with_marks(texts, clusters, run.rtl)


# the characters met so far, by whether they are combining marks (Mn):
# most runs hold none, which a set answers without a loop in Python
MARKS: set[str] = set()
NOT_MARKS: set[str] = set()


def classify(text: str) -> None:
    """Sort the characters of `text` not met before into MARKS or NOT_MARKS."""
    for c in set(text).difference(NOT_MARKS, MARKS):
        (MARKS if unicodedata.category(c) == "Mn" else NOT_MARKS).add(c)


def has_marks(text: str) -> bool:
    """Some combining mark in `text`."""
    if NOT_MARKS.issuperset(text):
        return False
    classify(text)
    return not NOT_MARKS.issuperset(text)


def is_marks(text: str) -> bool:
    """Only combining marks (harakat, shadda, sukun, Qur'anic signs)."""
    if not text:
        return False
    if not MARKS.issuperset(text):
        classify(text)
    return MARKS.issuperset(text)


def with_marks(texts: dict[int, str], clusters: list[int], rtl: bool) -> dict[int, str]:
    """Each combining mark's text joins its letter's.

    Pango shapes a haraka as a cluster of its own (a glyph of no advance
    drawn over its letter), and extractors read such a mark apart from its
    letter («ُأع ِ ّد»): pdftotext puts it where its box falls, often as a
    word of its own.  The letter's glyph now stands for the letter and its
    marks, the mark's glyph for nothing.  The letter is the glyph with text
    met last before the mark in logical order (the clusters' byte offsets).

    In a right-to-left run a glyph's text with marks in it is written in
    the run's visual order (reversed): extractors read a glyph's several
    characters left to right and then reorder the line as a whole, poppler
    and pdf.js alike, and poppler keeps a glyph's text as written only when
    every character of it is a right-to-left letter (a lam-alef), never with
    a mark.  Read that way (pdfminer's characters in their order on the
    line, then the bidi algorithm) «أُ» comes back «أُ»."""
    whole = "".join(texts.values())
    if NOT_MARKS.issuperset(whole):
        return texts  # nothing below applies without a mark
    classify(whole)  # now each character of `texts` is in MARKS or NOT_MARKS
    if NOT_MARKS.issuperset(whole):
        return texts
    joined = dict(texts)
    if any(text and MARKS.issuperset(text) for text in texts.values()):  # is_marks
        base = None
        for k in sorted(texts, key=lambda k: (clusters[k], -k if rtl else k)):
            text = texts[k]
            if base is not None and text and MARKS.issuperset(text):
                joined[base] += text
                joined[k] = ""
            elif text and not text.isspace():
                base = k
            elif text:
                base = None
    if rtl:
        for k, text in joined.items():
            if len(text) > 1 and not NOT_MARKS.issuperset(text):  # has_marks
                joined[k] = text[::-1]
    return joined


def closed_gaps(run: Run, texts: dict[int, str], widths: Sequence[int], font_size: float) -> dict[int, int]:
    """How much wider to make glyphs so that no gap shows inside a word.

    An inserted tatweel (patches/kashida.py) stands for no text, and Amiri's
    cursive attachment moves the letters around it: an extractor (poppler,
    pdfminer) would see a gap between two letters of one word and break the
    word there.  So each glyph with text is widened up to the next glyph
    with text on its right, when both are of one word (no space between):
    {glyph index: thousandths of an em}.  The page looks the same, as
    WeasyPrint moves back by what a glyph's width exceeds its advance.

    Positions in thousandths of an em, as `draw_first_line` (70.0) writes
    them: glyph i starts at its pen position plus its x offset, and ends its
    width (`widths`, the font's) later."""
    if len(texts) < 2:
        return {}  # a run of one glyph (a justified space): no two glyphs to close a gap between
    words = array("i", run.glyph_bytes)
    advances, x_offsets = words[ADVANCE::INFO_WORDS].tolist(), words[X_OFFSET::INFO_WORDS].tolist()
    scale = 1000 * FROM_UNITS / font_size
    pen, starts = 0.0, []
    for advance, x_offset in zip(advances, x_offsets, strict=True):
        starts.append(pen + x_offset / font_size)
        pen += advance * scale
    wider: dict[int, int] = {}
    carriers = [i for i in sorted(texts) if texts[i] and advances[i] > 0]
    for i, k in pairwise(carriers):
        if texts[i].isspace() or texts[k].isspace():
            continue
        gap = starts[k] - (starts[i] + widths[i])
        if 0 < gap < 1000:
            wider[i] = round(gap)
    return wider


# a range of numbers («٢٢٠–٢٣٥», «٣-٥»), drawn right to left (the first
# number on the right) in a box of its own: the verse index's ayahs
RANGE = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+[\u2013-][0-9\u0660-\u0669\u06f0-\u06f9]+")


def range_text(textbox: Any) -> str | None:
    """The text of a box that holds a range of numbers alone, in a right-to-
    left line, to be given as the `/ActualText` of its glyphs: poppler reads
    a run of digits and the dash between them as one left-to-right run and
    gives «٢٣٥–٢٢٠» for «٢٢٠–٢٣٥»; a marked-content span's actual text is
    one piece of text to it, taken as written.  pdfminer reads the glyphs,
    in their order on the line, which the bidi algorithm turns into
    «٢٢٠–٢٣٥» (the dash between two Arabic numbers is right to left)."""
    if textbox.style["direction"] != "rtl":
        return None
    text = textbox.text.strip()
    return text if RANGE.fullmatch(text) else None


RunMarks = tuple[tuple[int, int, str, int | None], ...]  # (glyph index, glyph, text, how much wider)

# The marks of a run depend on the run, its glyphs' widths and the size
# alone (not on the document, unlike its codes): kept across the documents
# a process typesets (a worker typesets several parts, and the words of one
# part come back in the next), up to this many runs.
RUN_MARKS: dict[tuple, RunMarks] = {}
RUN_MARKS_KEPT = 200_000
RunCodes = tuple[tuple[int, int], ...]  # (glyph index, the code it is drawn with)

# Pango before 1.48.2 gives the font's size wrong (Pango issue 530): as
# draw_first_line (70.0), the box's size is used instead
OLD_PANGO = pango.pango_version() < 14802


@dataclass
class Session:
    """The aliases made while one PDF is written."""

    fonts: dict[Any, FontAliases] = field(default_factory=dict)  # WeasyPrint Font -> aliases
    runs: dict[Any, dict[tuple, RunCodes]] = field(default_factory=dict)  # Font -> (size, *run) -> its codes

    @property
    def alias_count(self) -> int:
        return sum(len(a.codes) for a in self.fonts.values())

    def aliases(self, font: Any) -> FontAliases:
        if font not in self.fonts:
            # leave room for WeasyPrint's own codes of missing glyphs
            self.fonts[font] = FontAliases(floor=font.glyph_count + 1024)
        return self.fonts[font]

    # -------------------------------------------------------------- drawing

    @staticmethod
    def width(font: Any, pango_font: Any, stream: Any, glyph: int, font_size: float) -> int:
        """The glyph's width in the PDF font (thousandths of an em), as
        `draw_first_line` (70.0) computes it when it first meets it;
        0 for Pango's empty and missing glyphs (WeasyPrint's own business)."""
        if glyph == EMPTY or glyph & UNKNOWN:
            return 0
        if glyph not in font.widths:
            pango.pango_font_get_glyph_extents(pango_font, glyph, stream.ink_rect, stream.logical_rect)
            font.widths[glyph] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
        return font.widths[glyph]

    def marks(self, run: tuple, font: Any, pango_font: Any, stream: Any, font_size: float) -> RunMarks:
        """What each glyph of the run (a `Run`, or the tuple of its fields)
        with a text stands for: (index, glyph, text, how much wider or None)."""
        fields = tuple(run)
        # the widths are read (and kept in the font) whether the answer is
        # known or not, as the PDF's widths hold every glyph drawn
        ids = array("I", fields[0])[GLYPH::INFO_WORDS]
        widths = tuple(map(font.widths.get, ids))
        if None in widths:  # glyphs not met yet in this document (and Pango's empty and missing ones)
            widths = tuple([self.width(font, pango_font, stream, glyph, font_size) for glyph in ids])
        key = (font_size, widths, *fields)
        found = RUN_MARKS.get(key)
        if found is None:
            run = Run(*fields)
            texts = glyph_texts(run)
            # no gap inside a word, elongated (patches/kashida.py) or not: Amiri
            # leaves one after a letter that does not join (و ر د ا) and around
            # tanween, where pdftotext broke 1.8 % of the words in two (issue 26)
            wider = closed_gaps(run, texts, widths, font_size)
            found = tuple([(i, ids[i], text, wider.get(i)) for i, text in texts.items()])
            if len(RUN_MARKS) >= RUN_MARKS_KEPT:
                RUN_MARKS.clear()
            RUN_MARKS[key] = found
        return found

    def codes(self, marks: RunMarks, font: Any, pango_font: Any, stream: Any, font_size: float) -> RunCodes:
        """The codes to draw the run's glyphs with, where not their glyph
        id: (index, code).  The first text a glyph is drawn with becomes its
        own (`to_unicode`); any other text, or a glyph widened, gets an alias
        code.  The font's entries only grow: the answer for a run stays the
        same for the rest of the document."""
        to_unicode, widths = font.to_unicode, font.widths
        aliases = None
        codes = []
        for i, glyph, text, wider in marks:
            first = to_unicode.get(glyph)
            if first is None:
                # the glyph's own entry: WeasyPrint subsets the font to
                # the glyphs of `to_unicode`, aliases' glyphs included
                to_unicode[glyph] = first = text
                if wider is None:
                    continue
            elif wider is None and first == text:
                continue
            if aliases is None:
                aliases = self.aliases(font)
            wider = wider or 0
            code = aliases.codes.get((glyph, text, wider))
            if code is None:  # a new alias: its width and text (the same every time after)
                code = aliases.code(glyph, text, wider)
                if code is None:
                    continue
                widths[code] = self.width(font, pango_font, stream, glyph, font_size) + wider
                to_unicode[code] = text
            codes.append((i, code))
        return tuple(codes)

    def alias_line(self, stream: Any, textbox: Any) -> list[tuple[Any, int]]:
        """Map every glyph of the textbox's first line to its own text, giving
        an alias code to each glyph drawn with a text other than its glyph's
        first one; return what was swapped, to restore.  Walks the runs as
        `draw_first_line` (70.0) does; a run met before in this document (a
        word drawn again, in the same font and size) gets the codes it got
        then."""
        layout = textbox.pango_layout
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        first_line, _ = layout.get_first_line()
        utf8 = layout.text.encode()
        silent = sorted(getattr(textbox, "kashida", ()))  # patches/kashida.py
        swapped: list[tuple[Any, int]] = []
        reach = getattr(textbox, "reach", 0)  # patches/leaders.py
        previous = skip = font = pango_size = known = None
        run = first_line.runs[0]
        drawn = []  # each run: (glyph item, run, font, pango font, size)
        while run != ffi.NULL:
            glyph_item = run.data
            run = run.next
            pango_font = glyph_item.item.analysis.font
            if pango_font != previous:  # as draw_first_line: the same font, the same answer
                previous = pango_font
                font, pango_size = stream.add_font(pango_font)
                if OLD_PANGO:
                    pango_size = textbox.style["font_size"]
                # plain tuples of bytes and numbers: the garbage collector
                # stops tracking them, so that a long book's runs cost it nothing
                known = self.runs.setdefault(font, {})
                skip = font.bitmap or font.png or font.svg or font.colr
            if skip:
                continue  # WeasyPrint draws these from glyph ids: leave them
            shaped = read_run(glyph_item, utf8, silent)
            if len(shaped[0]) == INFO_BYTES:
                # a glyph alone (a justified space, each line's its own width):
                # its geometry decides nothing (no gap to close), zeroed so that
                # it is one run whatever its advance
                key = (pango_size, shaped[0][:4] + ALONE, *shaped[1:])
            else:
                key = (pango_size, *shaped)
            codes = known.get(key)
            if codes is None:
                marks = self.marks(key[1:], font, pango_font, stream, pango_size)
                codes = known[key] = self.codes(marks, font, pango_font, stream, pango_size)
            if codes:
                infos = glyph_item.glyphs.glyphs
                for i, code in codes:
                    info = infos[i]
                    swapped.append((info, info.glyph))
                    info.glyph = code
            if reach:
                drawn.append((glyph_item, Run(*shaped), font, pango_font, pango_size))
        if reach:
            swapped += self.reach_right(stream, drawn, reach)
        return swapped

    def reach_right(self, stream: Any, drawn: list[tuple], reach: float) -> list[tuple[Any, int]]:
        """Widen the line's rightmost glyph that stands for some text (not
        a space: extractors skip spaces, en spaces too), in the PDF font
        only, to `reach` (CSS px, as the box positions) past the line's
        right end: what stands beside a leader then touches it for an
        extractor (patches/leaders.py).  `drawn`: the line's runs, left to
        right."""
        after = 0.0  # px from the glyph's advance to the line's end
        for glyph_item, shaped, font, pango_font, font_size in reversed(drawn):
            texts = glyph_texts(shaped)
            for i in range(len(shaped.ids) - 1, -1, -1):
                text = texts.get(i, "")
                if not text.strip():
                    after += shaped.advances[i] * FROM_UNITS
                    continue
                if font.bitmap or font.png or font.svg or font.colr:
                    return []
                info = glyph_item.glyphs.glyphs[i]
                glyph = shaped.ids[i]
                wider = round(1000 * (reach + after) / font_size)
                code = self.aliases(font).code(glyph, text, wider) if wider > 0 else None
                if code is None:
                    return []
                if font.to_unicode.get(glyph) is None:
                    font.to_unicode[glyph] = text  # the glyph's own entry: kept in the subset
                font.widths[code] = self.width(font, pango_font, stream, glyph, font_size) + wider
                font.to_unicode[code] = text
                swapped = [(info, info.glyph)]
                info.glyph = code
                return swapped
        return []

    def wrap_draw(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
            plain = (
                text_overflow != "ellipsis"
                and block_ellipsis == "none"
                and textbox.text.strip()
                and textbox.style["font_size"] >= 1e-6
            )
            swapped = self.alias_line(stream, textbox) if plain else []
            actual = range_text(textbox) if plain else None
            if actual:
                stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(actual)}))
            try:
                return original(stream, textbox, text_overflow, block_ellipsis, matrix)
            finally:
                if actual:
                    stream.end_marked_content()
                for info, glyph in reversed(swapped):  # a glyph swapped twice gets its own back last
                    info.glyph = glyph

        return draw_first_line

    # -------------------------------------------------------------- fonts

    def wrap_font_dictionary(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def build(font_dictionary, pdf, font, widths, compress, reference, pdf_version):
            original(font_dictionary, pdf, font, widths, compress, reference, pdf_version)
            aliases = self.fonts.get(font)
            if not aliases or not aliases.glyphs:
                return
            used = {cid for cid in widths if cid not in aliases.glyphs}
            table = pydyf.Stream([aliases.cid_to_gid(used)], compress=compress)
            pdf.add_object(table)
            descendant = pdf.objects[int(font_dictionary["DescendantFonts"][0].split()[0])]
            descendant["CIDToGIDMap"] = table.reference

        return build


@contextmanager
def exact_text() -> Iterator[Session | None]:
    """Patch WeasyPrint while PDFs are written in this block.  Yields the
    session (its alias count), or None when this WeasyPrint is not the one
    the patch was written for (nothing is patched then)."""
    if mismatches():
        yield None
        return
    session = Session()
    draw, build = draw_text.draw_first_line, pdf_fonts._build_vector_font_dictionary
    draw_text.draw_first_line = session.wrap_draw(draw)
    pdf_fonts._build_vector_font_dictionary = session.wrap_font_dictionary(build)
    try:
        yield session
    finally:
        draw_text.draw_first_line = draw
        pdf_fonts._build_vector_font_dictionary = build
