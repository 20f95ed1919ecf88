"""The same book as a typst document, for the PDF benchmark against typst.

`typst_source(book, config)` writes the book warraq typesets (after its
transforms: the same parts, headings, quotations, verses with their
references and the generated footnotes) as typst markup, with warraq's print
design (src/warraq/styles/print.css, base.css and writers/pdf/writer.py
`page_css`) translated rule by rule:

* the page: the `[print]` trim size, margins 19 mm top, 20 mm bottom, 20 mm
  on the binding side and 13 mm outside, bound on the right (page 1 is a
  left page, parts open on an odd page: a recto);
* the type: Amiri at `[print] font_size_pt`, right to left, justified, no
  hyphenation; CSS `line-height: 1.75` is a line pitch of 1.75 em, so each
  line's box is 1 em (`top-edge`, `bottom-edge`) plus 0.75 em of leading,
  and paragraphs (CSS margin 0) are spaced as lines are;
* headings, quotations, hadith, verses and footnotes with print.css sizes,
  margins and line heights; footnote calls `(١)` numbered through the book;
* front matter: half-title, title page, colophon on its verso (with the
  sources cited), contents (parts and sections with page numbers);
* running heads (book title on right pages, the part's title on left pages)
  and folios in the book's digits, none on front matter and part openings
  (each part sets its own, a typst user's fast way).

`compile_command` runs typst (the `typst` PyPI package: the typst compiler
as a Python extension) in a fresh Python process, fonts from Amiri's folder
only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.export import Export
from warraq.config import Config
from warraq.corpora.ledger import full_citation
from warraq.model import (
    Book,
    plain_text,
)
from warraq.render.fonts import faces

# typst markup characters, escaped with a backslash wherever they occur
_SPECIAL = set("\\#$*_`<>@[]~/=+-'\"")

PREAMBLE = """\
#set document(title: {title}, author: {author})
// the type size: headings and notes are sized from it, as print.css sizes
// them from the root's (typst's own heading and note sizes are replaced)
#let base = {size}pt
#set text(font: "Amiri", size: {size}pt, lang: "ar", dir: rtl, hyphenate: false,
  top-edge: 0.8em, bottom-edge: -0.2em)
#set par(justify: true, leading: 0.75em, spacing: 0.75em, first-line-indent: 1.2em)
#set footnote(numbering: "({digit})")
#set footnote.entry(separator: line(length: 100%, stroke: 0.5pt + rgb("#444")),
  clearance: 4mm, gap: 0.55 * 0.82 * base, indent: 0pt)
#show footnote.entry: set text(size: 0.82 * base)
#show footnote.entry: set par(leading: 0.55em, first-line-indent: 0pt)

#let book-title = {title}
// part titles (the contents' own title is a heading too, not outlined)
#let part-title = heading.where(level: 1, outlined: true)
// Running heads and folios: each part sets its own page header and footer
// (the part's title is known there), and a part's opening page, found by
// its title's label, has neither.  (Querying every part title from every
// page's header, the usual idiom, costs typst a third of its time and
// 2.6 GB at 160 parts.)
#let running-head(opening, title) = if here().page() != locate(opening).page() {{
  set text(size: 9pt)
  align(center, if calc.odd(here().page()) {{ title }} else {{ book-title }})
}}
#let folio(opening) = if here().page() != locate(opening).page() {{
  set text(size: 9.5pt)
  align(center, counter(page).display())
}}

#set page(
  width: {width}mm, height: {height}mm, binding: right,
  margin: (top: 19mm, bottom: 20mm, inside: 20mm, outside: 13mm),
  numbering: "{digit}",
)

// CSS spacing in typst terms: a CSS line box holds half its leading above
// and below the text; typst's lines here hold none (edges 0.8 em, -0.2 em),
// so the space between two blocks is the CSS margin plus the half-leadings
// on both sides (a paragraph's: (1.75 - 1) / 2 em; a heading's, line-height
// 1.4: 0.2 of its size).  Typst keeps the larger of two blocks' spacings, so
// each side counts its neighbour as a paragraph.
#let half = 0.375 * base
#show part-title: it => {{
  v(22mm + 0.2 * 1.9 * base, weak: false)
  set text(size: 1.9 * base, weight: "bold")
  set par(leading: 0.4em, first-line-indent: 0pt)
  block(above: 0pt, below: 12mm + 0.2 * 1.9 * base + half, width: 100%, align(center, it.body))
}}
#show heading.where(level: 2): it => {{
  set text(size: 1.15 * base, weight: "bold")
  set par(leading: 0.4em, first-line-indent: 0pt, justify: false)
  block(above: half + 1.4 * 1.15 * base, below: 0.6 * 1.15 * base + half, sticky: true, it.body)
}}
#let quote(body) = {{
  set par(first-line-indent: 0pt)
  let space = 2 * half + 0.6 * base
  block(above: space, below: space, inset: (x: 1.6 * base), text(size: 0.96 * base, body))
}}
#let hadith(body) = {{
  set par(first-line-indent: 0pt)
  let space = 2 * half + 0.8 * base
  block(above: space, below: space, inset: (x: 2.2 * base), text(weight: "bold", body))
}}
#let verse(body) = {{
  set par(first-line-indent: 0pt, leading: 0.9em, justify: false)
  let space = half + 0.9 * base + 0.45 * 1.15 * base
  block(above: space, below: space, inset: (x: 1.2 * base), breakable: false,
    align(center, text(size: 1.15 * base, body)))
}}
#let verse-ref(body) = text(size: 0.78em, body)
#let attribution(body) = block(above: 2 * half + 0.6 * base, par(body))

// front matter: half-title, title page, colophon on its verso, contents
#page(numbering: none)[
  #v(28%)
  #align(center, text(size: 1.9em, book-title))
]
#pagebreak(to: "odd")
#v(18%)
#align(center)[
  {series}
  #text(size: 2.6em, weight: "bold", book-title) \\
  #v(2.5em)
  #text(size: 1.35em, {author})
]
#pagebreak(to: "even")
#v(30mm)
#[
  #set text(size: 0.8em)
  #set par(leading: 0.6em, first-line-indent: 0pt)
  {colophon}
]
#pagebreak(to: "odd")
#show outline.entry.where(level: 1): set text(weight: "bold")
#outline(title: "المحتويات", depth: 2, indent: 1.2em)

"""

COMPILE = (
    "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], "
    "ignore_system_fonts=True)"
)


def escape(text: str) -> str:
    return "".join("\\" + c if c in _SPECIAL else c for c in text).replace("\n", " ")


def string(text: str) -> str:
    """A typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _digits(book: Book) -> str:
    return "1" if book.meta.digits == "western" else "١"


class _Typst(Export):
    """typst markup (footnotes in place)."""

    line_break = " \\ "
    thematic_break = "#align(center)[\\* \\* \\*]"

    def escape(self, text: str) -> str:
        return escape(text)

    def emphasis(self, inner: str, strong: bool) -> str:
        return f"#strong[{inner}]" if strong else f"#emph[{inner}]"

    def footnote(self, inner: str) -> str:
        return f"#footnote[{inner}]"

    def verse_ref(self, ref: str) -> str:
        return f" #verse-ref[{ref}]"

    def heading(self, level: int, inner: str) -> str:
        return f"{'=' * level} {inner}"

    def paragraph(self, inner: str, attribution: bool) -> str:
        return f"#attribution[{inner}]" if attribution else inner

    def sign_off(self, inner: str) -> str:
        return f"#align(left)[{inner}]"

    def quotation(self, paragraphs: list[str], kind: str) -> str:
        body = "\n\n".join(paragraphs)
        return f"#{'hadith' if kind == 'hadith' else 'quote'}[{body}]"

    def verse(self, inner: str) -> str:
        return f"#verse[{inner}]"


def colophon(book: Book) -> str:
    """The colophon's lines: title and author, and the sources cited."""
    ledger = {s.key: s for s in book.sources}
    keys = [n.source_key for p in book.parts for n in sorted(p.notes, key=lambda n: n.number) if n.number]
    cited = [ledger[k] for k in dict.fromkeys(keys) if k in ledger]
    lines = [f"#align(center)[{escape(book.meta.title)} — {escape(book.meta.author)}]"]
    if cited:
        lines.append("#align(center)[المصادر المقتبس منها:]")
        lines += [escape(plain_text(full_citation(s, ledger=ledger))) for s in cited]
    return "\n\n".join(lines)


def typst_source(book: Book, config: Config) -> str:
    """The whole book as a typst document."""
    meta, settings = book.meta, config.print
    series = f"#text(size: 1.05em, {string(meta.series)}) #v(1.5em)" if meta.series != meta.title else ""
    out = [
        PREAMBLE.format(
            title=string(meta.title),
            author=string(meta.author),
            width=f"{settings.width_mm:g}",
            height=f"{settings.height_mm:g}",
            size=f"{settings.font_size_pt:g}",
            digit=_digits(book),
            series=series,
            colophon=colophon(book),
        )
    ]
    for part in book.parts:
        writer = _Typst(book, {n.id: n for n in part.notes})
        title, label = writer.inline(part.title), f"<part-{part.number}>"
        out.append('#pagebreak(to: "odd", weak: true)')
        out.append(f"#set page(header: context running-head({label}, [{title}]), footer: context folio({label}))\n")
        out.append(f"= {title} {label}\n")
        out += [text + "\n" for block in part.blocks if (text := writer.block(block))]
    return "\n".join(out)


def compile_command(source: Path, pdf: Path) -> list[str]:
    """typst compiling `source` into `pdf` with Amiri, in a fresh process."""
    return [sys.executable, "-c", COMPILE, str(source), str(pdf), str(faces()[0].file.parent)]
