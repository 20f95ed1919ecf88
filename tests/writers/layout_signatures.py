"""Documents laid out by WeasyPrint with and without warraq's speed patches
(writers/pdf/patches/rtl_lines.py, line_window.py), as writers/pdf/typeset.py
lays them out (footnote and kashida patches on, exact text, tags), and what
must not change: every text box's text and geometry, and the PDF's bytes.

The documents: the default book's print HTML (one pass), and small ones for
the cases the patches touch: fully vocalized Qur'an, mixed digits and Latin
in Arabic (bidi), footnotes, a column narrower than four em, and
right-to-left text around floats on either side.
"""

from __future__ import annotations

import functools
import hashlib
from contextlib import ExitStack
from dataclasses import dataclass
from importlib.resources import files

from bench.series import vocalized
from weasyprint import HTML

from tests.conftest import MANUSCRIPT
from warraq.corpora.quran import DATA
from warraq.pipeline import BuildOptions, load, transform
from warraq.render.fonts import faces, font_face_css
from warraq.writers.pdf.patches.footnotes import notes_on_their_page
from warraq.writers.pdf.patches.kashida import kashida_justification
from warraq.writers.pdf.patches.leaders import merge_leaders
from warraq.writers.pdf.patches.line_window import line_window
from warraq.writers.pdf.patches.pagerefs import page_references_once
from warraq.writers.pdf.patches.rtl_lines import rtl_lines_once
from warraq.writers.pdf.patches.tags import book_tags
from warraq.writers.pdf.patches.text import exact_text
from warraq.writers.pdf.typeset import justify_css
from warraq.writers.pdf.writer import print_html


@functools.cache
def verses(surah: int, first: int, last: int) -> str:
    """The verses' text from warraq's Qur'an corpus, vocalized, each closed by its number."""
    found = []
    for line in (files("warraq.corpora") / DATA).read_text("utf-8").splitlines():
        if line.count("|") < 2:
            continue  # the licence lines at the end
        s, a, text = line.split("|", 2)
        if int(s) == surah and first <= int(a) <= last:
            found.append(f"{vocalized(text)} ({a})")
    return " ".join(found)


FONTS = font_face_css(faces()[0].file.parent.as_uri() + "/")
PROSE = "كان المسلمون يرسلون الرسائل إلى الملوك والأمراء يدعونهم إلى الإسلام ويستنصرون القبائل"


def page(body: str, css: str = "", size: str = "148mm 210mm", justify: str = "kashida") -> str:
    return f"""<html lang="ar" dir="rtl"><head><style>
{FONTS}
@page {{ size: {size}; margin: 15mm; }}
html {{ font-family: Amiri; font-size: 12.5pt; line-height: 1.9; }}
p {{ text-align: justify; margin: 0 0 0.5em; }}
.footnote {{ float: footnote; font-size: 10pt; }}
{justify_css(justify)}
{css}
</style></head><body>{body}</body></html>"""


def quran_heavy() -> str:
    """Fully vocalized Qur'an: long verse paragraphs (about 1,500 and 6,000
    characters), justified with spaces as the book sets the Qur'an."""
    return page(
        f'<p class="quran">{verses(2, 1, 10)}</p><p>{PROSE} ﴿{verses(2, 255, 257)}﴾ {PROSE}</p>'
        f'<blockquote class="verse"><p>{verses(2, 20, 45)}</p></blockquote>'
    )


def bidi() -> str:
    mixed = (
        "كتب المؤرخ هيو كينيدي (Hugh Kennedy, The Great Arab Conquests, 2007) كتابه عام 2007م، "
        "ونقلنا عنه في ١٩٦٧ و1967 و٣٫١٤ و3.14 والصفحات 12–15 و(١٢–١٥)، "
        "ثم قال: «He who knows himself knows his Lord» وهو قول مشهور، وفي الرقم +966 12 345 6789 "
    )
    english = f"<p dir='ltr' style='text-align: left'>An English line, then {PROSE} in it, 1967.</p>"
    return page(f"<p>{mixed * 4}</p>{english}")


def footnotes() -> str:
    note = '<span class="footnote">الحاشية: انظر الطبري، تاريخ الرسل والملوك، ج ٣ ص ٤٠٠، وابن كثير.</span>'
    body = "".join(f"<p>{PROSE}{note} {PROSE} {PROSE}{note} {PROSE}</p>" for _ in range(14))
    return page(body)


def narrow() -> str:
    """A 30 mm column (8 em) and a 15 mm one (under four em: WeasyPrint
    splits on the first space there), Arabic-Indic digits and vocalized text."""
    body = (
        f'<p style="width: 30mm">{PROSE} ١٢٣٤٥ {verses(1, 1, 7)} {PROSE}</p>'
        f'<p style="width: 15mm">{PROSE} {verses(1, 1, 3)}</p>'
    )
    return page(body)


def floats() -> str:
    """Right-to-left text around floats on the left, the right, and both."""
    box = "height: {h}mm; width: {w}mm; background: #ddd; float: {side}; margin: 2mm;"
    body = ""
    for side, h, w in (("left", 20, 30), ("right", 25, 40), ("inline-start", 12, 20), ("inline-end", 30, 15)):
        body += f'<div style="{box.format(h=h, w=w, side=side)}"></div><p>{PROSE} {PROSE} {PROSE}</p>'
    body += (
        f'<div style="{box.format(h=15, w=25, side="left")}"></div>'
        f'<div style="{box.format(h=35, w=30, side="right")}"></div>'
        f"<p>{PROSE} {verses(1, 1, 7)} {PROSE} {PROSE}</p>"
        f'<p>{PROSE} <span style="{box.format(h=10, w=12, side="left")}"></span> {PROSE} {PROSE}</p>'
    )
    return page(body)


@functools.cache
def default_book() -> str:
    """The default book's print HTML (every part, the front matter, one pass)."""
    config, book, _ = load(MANUSCRIPT)
    book, _ = transform(book, config, BuildOptions(("pdf",), profile="screen"))
    return print_html(book, config, "screen")


DOCUMENTS = {
    "quran_heavy": quran_heavy,
    "bidi": bidi,
    "footnotes": footnotes,
    "narrow": narrow,
    "floats": floats,
}


@dataclass
class LaidOut:
    boxes: list[tuple]  # (page, text, x, y, width, height) of every text box, in tree order
    sha256: str  # of the PDF
    pages: int


def boxes_of(box, page: int, out: list[tuple]) -> None:
    if type(box).__name__ == "TextBox":
        out.append((page, box.text, *(round(v, 3) for v in (box.position_x, box.position_y, box.width, box.height))))
    for child in getattr(box, "children", ()):
        boxes_of(child, page, out)


def lay_out(html: str, rtl_lines: bool, window: bool, base_url: str | None = None) -> LaidOut:
    """Lay out and write as pdf_typeset.typeset does, with the speed patches chosen."""
    with ExitStack() as stack:
        stack.enter_context(notes_on_their_page())
        stack.enter_context(kashida_justification())
        if rtl_lines:
            assert stack.enter_context(rtl_lines_once())
        if window:
            assert stack.enter_context(line_window())
        document = HTML(string=html, base_url=base_url or str(MANUSCRIPT)).render()
        merge_leaders(document)
        with exact_text(), book_tags(), page_references_once():
            data = document.write_pdf(pdf_tags=True)
    found: list[tuple] = []
    for number, p in enumerate(document.pages):
        boxes_of(p._page_box, number, found)
    return LaidOut(found, hashlib.sha256(data).hexdigest(), len(document.pages))


@functools.cache
def laid_out(name: str, rtl_lines: bool, window: bool) -> LaidOut:
    """A named document (`book` or a key of DOCUMENTS) laid out once per session."""
    html = default_book() if name == "book" else DOCUMENTS[name]()
    return lay_out(html, rtl_lines, window)
