"""patches/text.py's runs read at once (issue 16, item 3): the same glyph texts
and gaps as a walk glyph by glyph through Pango's structures (the code
before, kept here as the reference), on every run of a kashida-justified
document with vowelled Arabic, Latin, bold and an inserted tatweel; and the
same PDF bytes whether a document's repeated runs are computed once
(`Session.runs`) or every time.
"""

from __future__ import annotations

import unicodedata
from itertools import pairwise
from types import SimpleNamespace
from typing import Any

import pytest
from weasyprint import HTML
from weasyprint.text.ffi import FROM_UNITS, ffi, pango

from tests.conftest import SEED
from tests.writers.test_pdf_kashida import text_boxes
from warraq.render.fonts import faces, font_face_css
from warraq.writers.pdf.patches import text as text_patch
from warraq.writers.pdf.patches.kashida import kashida_justification
from warraq.writers.pdf.patches.text import (
    EMPTY,
    TATWEEL,
    UNKNOWN,
    X_OFFSET,
    Y_OFFSET,
    Run,
    Session,
    closed_gaps,
    exact_text,
    glyph_texts,
    read_run,
    with_marks,
)
from warraq.writers.pdf.typeset import justify_css

SEED_LINES = SEED.read_text("utf-8").split("\n")
PROSE = "كان المسلمون يرسلون الرسائل إلى الملوك والأمراء يدعونهم إلى الإسلام ويستنصرون القبائل"
# digits (Arabic-Indic and Latin), a range, and tatweels the author typed (text, unlike inserted kashidas)
DIGITS = "في الجزء ١٢ من الصفحة ٢٢٠–٢٣٥ سنة 1426 هـ كتـــاب الصـــلاة"


def reference_texts(glyph_item: Any, utf8: bytes, silent: frozenset[int]) -> dict[int, str]:
    """glyph_texts before issue 16: each glyph read through cffi."""
    glyph_string = glyph_item.glyphs
    count = glyph_string.num_glyphs
    clusters = ffi.unpack(glyph_string.log_clusters, count)
    infos = [glyph_string.glyphs[k] for k in range(count)]
    ids = [info.glyph for info in infos]
    offset, length = glyph_item.item.offset, glyph_item.item.length
    rtl = glyph_item.item.analysis.level % 2

    def cluster_text(start: int, end: int) -> str:
        cut = sorted(o for o in silent if start <= o < end)
        pieces, at = [], start
        for o in cut:
            pieces.append(utf8[at:o])
            at = o + len(TATWEEL)
        pieces.append(utf8[at:end])
        return b"".join(pieces).decode()

    texts: dict[int, str] = {}
    i = 0
    while i < count:
        j = i
        while j + 1 < count and clusters[j + 1] == clusters[i]:
            j += 1
        if rtl:
            end = length if i == 0 else clusters[i - 1]
        else:
            end = length if j == count - 1 else clusters[j + 1]
        glyphs = [k for k in range(i, j + 1) if ids[k] != EMPTY]
        if glyphs and not any(ids[k] & UNKNOWN for k in glyphs):
            text = cluster_text(offset + clusters[i], offset + end)
            if len(glyphs) == 1:
                texts[glyphs[0]] = text
            else:
                carriers = [k for k in glyphs if infos[k].geometry.y_offset == 0 and infos[k].geometry.width > 0]
                carrier = (carriers or glyphs)[0]
                for k in glyphs:
                    texts[k] = text if k == carrier else ""
        i = j + 1
    return texts


def reference_gaps(glyph_item: Any, texts: dict[int, str], widths: list[int], font_size: float) -> dict[int, int]:
    """closed_gaps before issue 16."""
    glyph_string = glyph_item.glyphs
    count = glyph_string.num_glyphs
    scale = 1000 * FROM_UNITS / font_size
    pen, boxes = 0.0, []
    for i in range(count):
        geometry = glyph_string.glyphs[i].geometry
        start = pen + geometry.x_offset / font_size
        boxes.append((start, start + widths[i]))
        pen += geometry.width * scale
    wider: dict[int, int] = {}
    carriers = [i for i in range(count) if texts.get(i) and glyph_string.glyphs[i].geometry.width > 0]
    for i, k in pairwise(carriers):
        if texts[i].isspace() or texts[k].isspace():
            continue
        gap = boxes[k][0] - boxes[i][1]
        if 0 < gap < 1000:
            wider[i] = round(gap)
    return wider


def html() -> str:
    fonts = font_face_css(faces()[0].file.parent.as_uri() + "/")
    hadith, verse = SEED_LINES[2], SEED_LINES[28]
    paragraphs = [
        f"{PROSE} <b>{PROSE}</b> {hadith}",
        f"{verse} <span lang='en'>Tanzil Quran Text, 1.1 (2007)</span> {PROSE}",
        f"{hadith} {PROSE} {PROSE}",
        f"{DIGITS} {verse} {PROSE}",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<html lang="ar" dir="rtl"><head><style>
{fonts}
@page {{ size: 90mm 200mm; margin: 10mm; }}
html {{ font-family: Amiri; font-size: 12pt; }} b {{ font-weight: bold; }}
p {{ text-align: justify; }}
{justify_css("kashida")}
</style></head><body>{body}</body></html>"""


@pytest.fixture(scope="module")
def document():
    with kashida_justification() as patched:
        assert patched
        return HTML(string=html()).render()


def runs(document):
    """(glyph item, the box's UTF-8, its inserted tatweels, font size) of every first line's run."""
    for page in document.pages:
        for box, _ in text_boxes(page._page_box):
            if not box.text.strip():
                continue
            layout = box.pango_layout
            layout.reactivate(box.style)  # as draw_text does: WeasyPrint drops the Pango layouts after layout
            pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
            line, _ = layout.get_first_line()
            utf8 = layout.text.encode()
            run = line.runs[0]
            while run != ffi.NULL:
                yield run.data, utf8, getattr(box, "kashida", frozenset()), box.style["font_size"]
                run = run.next
            layout.deactivate()


def test_runs_read_at_once_give_the_reference_texts_and_gaps(document):
    seen = elongated = multi = 0
    for glyph_item, utf8, silent, size in runs(document):
        run = Run.read(glyph_item, utf8, sorted(silent))
        # the marks joined to their letters as glyph_texts does since the reference was written
        expected = with_marks(reference_texts(glyph_item, utf8, silent), run.clusters, run.rtl)
        texts = glyph_texts(run)
        assert texts == expected
        assert list(texts) == list(expected)  # the same order: aliases are numbered in it
        widths = [round(a * 1000 * FROM_UNITS / size) + 7 * (i % 3) for i, a in enumerate(run.advances)]
        assert closed_gaps(run, texts, widths, size) == reference_gaps(glyph_item, expected, widths, size)
        seen += 1
        elongated += bool(run.silent)
        multi += len(set(run.clusters)) < len(run.clusters)
    # the test can fail: runs with inserted tatweels and with clusters of several glyphs were met
    assert seen > 50 and elongated > 0 and multi > 0


def test_run_arrays_are_pangos(document):
    marks = 0
    for glyph_item, utf8, silent, _ in runs(document):
        run = Run.read(glyph_item, utf8, sorted(silent))
        glyphs = glyph_item.glyphs
        infos = [glyphs.glyphs[k] for k in range(glyphs.num_glyphs)]
        assert run.ids == [info.glyph for info in infos]
        assert run.advances == [info.geometry.width for info in infos]
        assert run.field(X_OFFSET) == [info.geometry.x_offset for info in infos]
        assert run.field(Y_OFFSET) == [info.geometry.y_offset for info in infos]
        assert run.clusters == list(ffi.unpack(glyphs.log_clusters, len(infos)))
        item = glyph_item.item
        assert run.text == utf8[item.offset : item.offset + item.length]
        marks += any(run.field(Y_OFFSET)) and run.field(X_OFFSET) != run.field(Y_OFFSET)
    assert marks  # vowel marks were met, set above or below their letter


class Forgetful(dict):
    """Session.runs that keeps nothing: every run is computed again."""

    def setdefault(self, key, default=None):
        return Forgetful()

    def __setitem__(self, key, value):
        pass


def test_repeated_runs_are_computed_once_and_change_no_byte(document, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(text_patch, "RUN_MARKS", {})
    with exact_text() as session:
        kept = document.write_pdf(uncompressed_pdf=True)
    drawn = sum(1 for _ in runs(document))
    assert 0 < sum(len(runs) for runs in session.runs.values()) < drawn  # the repeated prose was met again
    # a glyph alone (a justified space) is one run whatever its advance: each line's spaces differ
    advances = {
        (glyph_item.glyphs.glyphs[0].geometry.width, glyph_item.item.analysis.level % 2)
        for glyph_item, utf8, _, _ in runs(document)
        if glyph_item.glyphs.num_glyphs == 1 and utf8[glyph_item.item.offset : glyph_item.item.offset + 1] == b" "
    }
    kept_spaces = [key for runs in session.runs.values() for key in runs if key[3] == b" "]
    assert 0 < len(kept_spaces) <= len(advances) / 2
    assert all(not any(key[1][4:]) for key in kept_spaces)  # kept without their geometry
    marked = len(text_patch.RUN_MARKS)
    assert 0 < marked < drawn
    # the next document finds every run's marks worked out: the same bytes
    with exact_text() as next_document:
        again = document.write_pdf(uncompressed_pdf=True)
    assert len(text_patch.RUN_MARKS) == marked
    assert next_document.alias_count == session.alias_count > 0
    assert again == kept
    # nothing kept, in the document or across documents: the same bytes
    monkeypatch.setattr(text_patch, "RUN_MARKS", Forgetful())
    with exact_text() as fresh_session:
        fresh_session.runs = Forgetful()
        fresh = document.write_pdf(uncompressed_pdf=True)
    assert fresh_session.alias_count == session.alias_count > 0
    assert fresh == kept


def test_marks_of_the_bulk_read_are_those_read_glyph_by_glyph(document, monkeypatch):
    """What `alias_line` works out from a run read whole (`read_run`: Pango's
    two arrays copied at once, the attr words zeroed) is what the reference
    reads glyph by glyph through cffi gives: each glyph's text, marks joined,
    and its widening; on vowelled Arabic, Latin, digits, typed and inserted
    tatweels."""
    monkeypatch.setattr(text_patch, "RUN_MARKS", {})
    session = Session()
    font = SimpleNamespace(widths={})
    met: set[str] = set()
    seen = 0
    for glyph_item, utf8, silent, size in runs(document):
        glyph_string = glyph_item.glyphs
        count = glyph_string.num_glyphs
        ids = [glyph_string.glyphs[k].glyph for k in range(count)]
        for glyph in ids:  # a width of its own for each glyph: widening depends on it
            if glyph != EMPTY and not glyph & UNKNOWN:
                font.widths.setdefault(glyph, 400 + 37 * (glyph % 11))
        item = glyph_item.item
        rtl = bool(item.analysis.level % 2)
        texts = with_marks(
            reference_texts(glyph_item, utf8, silent), list(ffi.unpack(glyph_string.log_clusters, count)), rtl
        )
        widths = [font.widths.get(glyph, 0) for glyph in ids]
        wider = reference_gaps(glyph_item, texts, widths, size)
        expected = tuple((i, ids[i], text, wider.get(i)) for i, text in texts.items())
        assert session.marks(read_run(glyph_item, utf8, sorted(silent)), font, None, None, size) == expected
        text = utf8[item.offset : item.offset + item.length].decode()
        inserted = sum(item.offset <= o < item.offset + item.length for o in silent)
        met.update(
            kind
            for kind, found in (
                ("harakat", any(unicodedata.category(c) == "Mn" for c in text)),
                ("latin", any("a" <= c.lower() <= "z" for c in text)),
                ("digits", any(c in "0123456789" for c in text)),
                ("arabic digits", any("\u0660" <= c <= "\u0669" for c in text)),
                ("typed tatweel", text.count("\u0640") > inserted),
                ("inserted tatweel", inserted > 0),
                ("widened", any(wider)),
            )
            if found
        )
        seen += 1
    # the test can fail: every kind of run was met
    assert seen > 50
    assert met == {"harakat", "latin", "digits", "arabic digits", "typed tatweel", "inserted tatweel", "widened"}
