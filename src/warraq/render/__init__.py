"""The one HTML rendering every writer starts from (Jinja2 templates).

`Renderer(book, config, mode)` renders parts and whole books.  The modes
differ in template and stylesheet, not in code path:

* "html"    one RTL HTML file of the whole book (notes after each part)
* "epub"    one XHTML document per part (notes as pop-up asides)
* "print"   one HTML file for WeasyPrint (notes float to the page bottom)
* "preview" like "html", plus the proofing layer (sources, removals, marks)
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from .. import __version__
from ..config import Config, project_path
from ..corpora.ledger import NOTE_LINK, full_citation, hadith_reference
from ..corpora.surahs import format_ref, surah
from ..errors import InputError
from ..i18n import msg
from ..model import (
    Bayt,
    Book,
    Cell,
    Cite,
    Code,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Isolate,
    LineBreak,
    Link,
    Note,
    NoteRef,
    Paragraph,
    Part,
    Poem,
    Quotation,
    Quran,
    Removed,
    Table,
    Text,
    plain_text,
    replace,
)
from ..publishing.dates import date_in_words
from ..text.arabic import format_number, latin_spans
from ..text.collation import is_latin
from ..text.listmarks import label as list_label
from ..text.xmlchars import first_forbidden
from .apparatus import Apparatus, Place, bibliographic, collect, date_text, hadith_ref, hijri_text
from .fonts import font_face_css

MODES = ("html", "epub", "print", "preview")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
NBSP = "\u00a0"  # a no-break space
# a dash between spaces (or a text's edge): an aside's opening or closing dash
SPACED_DASH = re.compile(r"(^|[ \u00a0])([\u2014\u2013])([ \u00a0]|$)")


@dataclass
class PartIds:
    """Stable ids of a part's headings, unique across the book."""

    part: str
    headings: dict[int, str] = field(default_factory=dict)  # block index -> id


def part_ids(part: Part) -> PartIds:
    ids = PartIds(f"part-{part.number}")
    n = 0
    for i, block in enumerate(part.blocks):
        if isinstance(block, Heading):
            n += 1
            ids.headings[i] = f"part-{part.number}-s{n}"
    return ids


def removed_id(finding_id: str, part_number: int, index: int) -> str:
    """The element id of a tombstone: unique across the book, since one
    finding (a boilerplate sign-off) may remove blocks in several parts."""
    return f"removed-{finding_id}-p{part_number}-{index}"


def stylesheet_names(mode: str) -> tuple[str, ...]:
    own = {"html": "screen.css", "preview": "screen.css", "epub": "epub.css", "print": "print.css"}[mode]
    names = ("base.css", own)
    return (*names, "preview.css") if mode == "preview" else names


def stylesheet(config: Config, mode: str) -> str:
    """warraq's stylesheets for a mode, each replaceable by a file of the same
    name in the author's styles folder, then the author's `book.css`."""
    chunks = []
    for name in stylesheet_names(mode):
        own = config.styles_dir / name if config.styles_dir else None
        if own is not None and own.is_file():
            chunks.append(f"/* {name} (from {own}) */\n" + read_stylesheet(own, config.root))
        else:
            chunks.append(f"/* {name} */\n" + default_stylesheet(name))
    if config.styles_dir and (config.styles_dir / "book.css").is_file():
        chunks.append("/* book.css */\n" + read_stylesheet(config.styles_dir / "book.css", config.root))
    return "\n".join(chunks)


def read_stylesheet(path: Path, root: Path) -> str:
    """An author's stylesheet as text, or one clear error naming it: a link
    out of the project of `root`, unreadable, not UTF-8, or holding a
    character no XHTML may (it goes into `<style>`)."""
    project_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            msg("cannot read the stylesheet: {error}", error=exc.strerror or str(exc)), str(path)
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = f"0x{data[exc.start]:02x}"
        message = msg(
            "the stylesheet is not {encoding} (byte {byte}); save it as {encoding}", encoding="UTF-8", byte=byte
        )
        raise InputError(message, str(path), line) from None
    forbidden = first_forbidden(text)
    if forbidden:
        line, column, what = forbidden
        message = msg("a {character} at column {column} of the stylesheet; delete it", character=what, column=column)
        raise InputError(message, str(path), line)
    return text


def default_stylesheet(name: str) -> str:
    return resources.files("warraq").joinpath(f"styles/{name}").read_text("utf-8")


def default_stylesheet_names() -> list[str]:
    return sorted(p.name for p in resources.files("warraq").joinpath("styles").iterdir() if p.name.endswith(".css"))


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, not once per Renderer (the
    preview renders on every save); an edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class Renderer:
    def __init__(self, book: Book, config: Config, mode: str, font_prefix: str = "fonts/"):
        if mode not in MODES:
            raise ValueError(mode)
        self.book = book
        self.config = config
        self.mode = mode
        self.digits = book.meta.digits
        self.font_prefix = font_prefix
        self.open_dash = False  # inside an aside opened by a dash (dashes)
        self.env = Environment(
            loader=PackageLoader("warraq", "render/templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_COMPILED,
        )
        self.env.globals.update(
            num=self.num,
            inline=self.inline,
            block_inline=self.block_inline,
            text=plain_text,
            mode=mode,
            meta=book.meta,
            kind=lambda b: type(b).__name__.lower(),
            removed_id=removed_id,
            date_words=lambda iso: date_in_words(iso, self.digits),
            lead_in=lead_in,
            keep_last=keep_last,
            surah_name=lambda n: surah(n).name,
            hadith_ref=lambda s: hadith_ref(s, {x.key: x for x in book.sources}),
            bibliographic=bibliographic,
            is_latin=is_latin,
            first_published=self.first_published,
            figure_src=self.figure_src,
            table_columns=table_columns,
            cell_align=cell_align,
            WIDE_TABLE=WIDE_TABLE,
            list_label=lambda style, n: list_label(style, n, self.digits),
            hemistich=self.hemistich,
            poem_separator=self.poem_separator,
        )
        # print: each poem's hemistich width in em, by the poem's provenance
        # (writers measure them: writers/pdf/poems.py); a poem not in it has none
        self.hemistich_em: dict[str, float] = {}
        self._apparatus: Apparatus | None = None
        # the EPUB's document of each part (its index entries link across documents)
        self.part_hrefs: dict[int, str] = {}
        # print, parallel build: each index place's page number in book digits
        self.index_pages: dict[str, str] | None = None
        # print, parallel build: the page of each note a back-reference names
        self.backref_pages: dict[str, str] | None = None
        self._note_parts: dict[str, int] | None = None
        self._current_part = 0  # the number of the part being rendered

    # ------------------------------------------------------------------ apparatus

    @property
    def apparatus(self) -> Apparatus:
        """What the indexes list (render/apparatus.py), collected once."""
        if self._apparatus is None:
            self._apparatus = collect(self.book, self.mode, self.config.apparatus.bibliography_order)
        return self._apparatus

    def back_matter(self) -> list[tuple[str, str]]:
        """The indexes this book has, as (kind, title), in their order:
        each is on in [apparatus] and has something to list."""
        on, app = self.config.apparatus, self.apparatus
        listed = {
            "verses": on.quran and bool(app.verses),
            "hadith": on.hadith and bool(app.hadith),
            "sources": on.sources and bool(app.sources),
            "publications": on.publications and bool(app.publications),
        }
        return [(kind, BACK_TITLES[kind]) for kind, shown in listed.items() if shown]

    def place_href(self, place: Place) -> str:
        if self.mode == "epub":
            return f"{self.part_hrefs.get(place.part, '')}#{place.anchor}"
        return f"#{place.anchor}"

    def places(self, places: tuple[Place, ...]) -> Markup:
        """The locators of an index row: page numbers in print (from the
        final layout), links named by the part's number elsewhere."""
        out: list[str] = []
        stand_ins: list[str] = []
        seen: set[str] = set()
        for place in places:
            href = escape(self.place_href(place))
            if self.mode == "print" and self.index_pages is not None:
                # the parallel build: the page number written in; the place's
                # id stands in for it here (the part's wins when the pieces
                # are assembled, so the link reaches the place)
                page = self.index_pages.get(place.anchor, "")
                if page in seen:
                    stand_ins.append(f'<span id="{escape(place.anchor)}"></span>')
                    continue  # this page is named already
                seen.add(page)
                attrs = f'id="{escape(place.anchor)}" href="{href}" data-page="{escape(page)}"'
                out.append(f'<a class="index-locator page-ref" {attrs}></a>')
            elif self.mode == "print":
                out.append(f'<a class="index-locator page-ref" href="{href}"></a>')
            else:
                epub = ' epub:type="index-locator"' if self.mode == "epub" else ""
                label = escape(self.num(place.part))
                out.append(f'<a class="index-locator" href="{href}"{epub}>{label}</a>')
        return Markup("، ".join(out) + "".join(stand_ins))

    def ayahs(self, first: int, last: int) -> str:
        """`٢٥٥` or `٢٥٥–٢٥٧` (an en dash between the first and last ayah)."""
        return self.num(first) + (f"–{self.num(last)}" if last > first else "")

    def first_published(self, part: Part) -> Markup:
        """«نُشرت في … بتاريخ …»: where and when the part first appeared,
        the date a `<time>` element, with the Hijri date when [book] hijri."""
        if not (part.published or part.venue):
            return Markup("")
        out = "نُشرت"
        if part.venue:
            # the venue as text: the book links to no other host (Part.url is kept in the model)
            out += f" في {latin_isolated(part.venue)}"
        if part.published:
            when = escape(date_text(part.published, self.digits))
            out += f' بتاريخ <time datetime="{escape(part.published)}">{when}</time>'
            # the Hijri date when the book asks for it: as the page printed it (web parts), else computed
            hijri = (part.published_hijri or hijri_text(part.published, self.digits)) if self.config.hijri else ""
            if hijri:
                out += f" ({escape(hijri)})"
        return Markup(out)

    # ------------------------------------------------------------------ helpers

    def num(self, n: int) -> str:
        return format_number(n, self.digits)

    def inline(self, inlines: tuple[Inline, ...], notes: dict[str, Note] | None = None) -> Markup:
        return Markup("".join(self._inline(node, notes or {}) for node in inlines))

    def dashes(self, text: str) -> str:
        """A spaced dash of an aside («كان — فيما يرى — رجلا») stays with
        the word it opens or closes: a no-break space between them, so a
        closing dash never opens a line (issue 26).  Dashes pair in the
        order of the paragraph (block_inline starts the count)."""
        if "\u2014" not in text and "\u2013" not in text:
            return text

        def glue(m: re.Match) -> str:
            self.open_dash = not self.open_dash
            before, dash, after = m.group(1), m.group(2), m.group(3)
            if self.open_dash:
                return f"{before}{dash}{NBSP if after else ''}"
            return f"{NBSP if before else ''}{dash}{after}"

        return SPACED_DASH.sub(glue, text)

    def block_inline(self, inlines: tuple[Inline, ...], notes: dict[str, Note] | None = None) -> Markup:
        """The inlines of a paragraph or a heading, its last two words kept
        on one line in the books (print, EPUB): no one-word last line."""
        self.open_dash = False
        if self.mode not in KEEP_TOGETHER_MODES:
            return self.inline(inlines, notes)
        if self.mode == "print" and len(inlines) == 1 and isinstance(inlines[0], Quran):
            # a verse standing alone: its last two words on one line too
            split = last_words_split(inlines[0].text)
            if split is None:
                return self.inline(inlines, notes)
            text, space = inlines[0].text, split[1]
            kept = replace(inlines[0], text=text[:space] + "\u00a0" + text[space + 1 :])
            return Markup(self.quran(kept, self.apparatus.anchor(inlines[0])))
        last = max((i for i, node in enumerate(inlines) if isinstance(node, Text)), default=None)
        split = last_words_split(inlines[last].text) if last is not None else None
        if last is None or split is None:
            return self.inline(inlines, notes)
        text, (start, space) = inlines[last].text, split
        head = self.inline(inlines[:last], notes)
        tail = self.inline(inlines[last + 1 :], notes)
        if self.mode == "print":
            # WeasyPrint breaks a line badly before a `nowrap` box (it may
            # leave a word alone on the line above): a no-break space there
            kept = latin_isolated(self.dashes(text[:space] + "\u00a0" + text[space + 1 :]))
            return Markup(f"{head}{kept}{tail}")
        before = latin_isolated(self.dashes(text[:start]))
        kept = f'<span class="keep-together">{latin_isolated(self.dashes(text[start:]))}</span>'
        return Markup(f"{head}{before}{kept}{tail}")

    def _inline(self, node: Inline, notes: dict[str, Note]) -> str:
        if isinstance(node, Text):
            return latin_isolated(self.dashes(node.text))
        if isinstance(node, Emphasis):
            tag = "strong" if node.strong else "em"
            return f"<{tag}>{self.inline(node.children, notes)}</{tag}>"
        if isinstance(node, Code):
            return f"<code>{escape(node.text)}</code>"
        if isinstance(node, Link):
            inner = self.inline(node.children, notes)
            if node.url.startswith(NOTE_LINK):
                return self.note_link(node.url.removeprefix(NOTE_LINK), inner)
            if node.url.startswith(_SAFE_SCHEMES):
                return f'<a href="{escape(node.url)}">{inner}</a>'
            return str(inner)
        if isinstance(node, LineBreak):
            return "<br/>"
        if isinstance(node, NoteRef):
            note = notes.get(node.note_id)
            return self.note_call(note) if note else ""
        if isinstance(node, Cite):
            loc = f", {node.locator}" if node.locator else ""
            return str(escape(f"[@{node.key}{loc}]"))
        if isinstance(node, Quran):
            return self.quran(node)
        if isinstance(node, Isolate):
            return f'<bdi dir="ltr" lang="{escape(node.lang)}">{escape(node.text)}</bdi>'
        raise TypeError(node)  # pragma: no cover - the model is closed

    def quran(self, q: Quran, anchor: str = "") -> str:
        opening, closing = q.brackets[:1], q.brackets[1:]
        cls = "quran" + (f" ref-{q.ref_status}" if q.ref_status else "")
        anchor = anchor or self.apparatus.anchor(q)
        where = f' id="{anchor}"' if anchor else ""
        out = f'<span class="{cls}"{where}>{escape(opening)}{escape(q.text)}{escape(closing)}</span>'
        # the verse's closing bracket, «الآية» typed after it and the
        # reference stay on one line: no-break spaces between them (a line
        # never opens with the reference, issue 26)
        lead = q.ref_lead.rstrip()
        out += str(escape(NBSP + lead.lstrip() if lead[:1].isspace() else lead))
        if q.ref is not None and q.ref_status in ("added", "confirmed", "corrected"):
            ref = format_ref(q.ref, self.digits)
            title = f' title="{escape(q.typed_ref)}"' if (q.typed_ref and self.mode == "preview") else ""
            out += f'{NBSP}<span class="verse-ref"{title}>{escape(ref)}</span>'
        elif q.typed_ref:
            out += f'{NBSP}<span class="verse-ref typed">{escape(q.typed_ref)}</span>'
        return out

    def note_link(self, note_id: str, inner: Markup) -> str:
        """A link to another note of the book (a back-reference): in print
        its page («سبق تخريجه ص ٧»: target-counter, or the number the
        parallel build wrote in), elsewhere a link to the note's call."""
        if self.mode == "print":
            page = (self.backref_pages or {}).get(note_id)
            data = f' data-page="{escape(page)}"' if page is not None else ""
            # the parallel build typesets a part alone: a note of another part has a stand-in here
            alone = page is not None and self.note_parts().get(note_id) != self._current_part
            where = f' id="note-{escape(note_id)}"' if alone else ""
            return f'{inner} ص <a class="page-ref backref"{where} href="#note-{escape(note_id)}"{data}></a>'
        part = self.note_parts().get(note_id)
        doc = self.part_hrefs.get(part, "") if self.mode == "epub" and part is not None else ""
        return f'<a class="backref" href="{escape(doc)}#ref-{escape(note_id)}">{inner}</a>'

    def note_parts(self) -> dict[str, int]:
        """Each note's part number (its id is unique across the book)."""
        if self._note_parts is None:
            self._note_parts = {n.id: p.number for p in self.book.parts for n in p.notes}
        return self._note_parts

    def figure_src(self, figure: Figure) -> str:
        """Where the page finds a figure's picture: the EPUB's own copy
        (images/, stored once), else the picture itself as a data: URL (the
        HTML book and the preview stand alone; WeasyPrint reads no file)."""
        if self.mode == "epub":
            return f"../{IMAGES_DIR}/{figure_file(figure)}"
        return f"data:{figure.media_type};base64,{base64.b64encode(figure.data).decode('ascii')}"

    def hemistich(self, poem: Poem, inlines: tuple[Inline, ...], half: str, notes: dict[str, Note]) -> Markup:
        """One half of a bayt (`half` is "sadr" or "ajuz"), in print as wide
        as every other half of its poem."""
        width = self.hemistich_em.get(str(poem.prov))
        style = f' style="width: {width:.3f}em"' if width and self.mode == "print" else ""
        return Markup(f'<span class="hemistich {half}"{style}>{self.inline(inlines, notes)}</span>')

    def poem_separator(self, bayt: Bayt) -> Markup:
        """The separator the author typed, kept in the gap when the book asks
        for it ([typography] poem_separator); else nothing."""
        if not self.config.typography.poem_separator or not bayt.separator.strip():
            return Markup("")
        return Markup(f'<span class="poem-separator">{escape(bayt.separator.strip())}</span>')

    def note_call(self, note: Note) -> str:
        label = self.num(note.number) if note.number else "*"
        if self.mode == "print":
            body = self.inline(note.inlines)
            # the label is the note's number in book digits, for ::footnote-call
            return f'<span class="footnote" id="note-{note.id}" data-label="{label}">{body}</span>'
        epub = ' epub:type="noteref"' if self.mode == "epub" else ""
        gen = " generated" if note.generated else ""
        return (
            f'<a class="noteref{gen}" id="ref-{note.id}" href="#note-{note.id}"{epub} role="doc-noteref">'
            f"<sup>{label}</sup></a>"
        )

    # ------------------------------------------------------------------ rendering

    def _context(self, part: Part) -> dict:
        return {
            "part": part,
            "ids": part_ids(part),
            "notes": {n.id: n for n in part.notes},
            # no word alone on a title's last line («…الاجتهاد في / الشرع», issue 26)
            "title": self.block_inline(part.title),
        }

    def part(self, part: Part) -> Markup:
        """The `<section>` of one part: title, blocks, and (not in print) notes."""
        self._current_part = part.number
        return Markup(self.env.get_template("part.html.j2").render(**self._context(part)))

    def document(self, template: str, **context) -> str:
        """A whole document (book, EPUB chapter, title page ...)."""
        # the stylesheets are the author's and warraq's own: trusted, not escaped
        # (each made only when not given: the print build renders a document per part)
        if "css" not in context:
            context["css"] = Markup(stylesheet(self.config, self.mode).replace("</", "<\\/"))
        context.setdefault("font_css", Markup(font_face_css(self.font_prefix)))
        context.setdefault("book", self.book)
        if "toc" not in context:
            context["toc"] = toc(self.book)
        context.setdefault("version", __version__)
        if "uses_quran" not in context:
            context["uses_quran"] = uses_quran(self.book)
        if "cited_sources" not in context:
            context["cited_sources"] = self.cited_sources()
        if "uses_hadith" not in context:
            from ..transforms.hadith import uses_hadith_data

            context["uses_hadith"] = uses_hadith_data(self.book)
        return self.env.get_template(template).render(renderer=self, **context)

    def book_html(self, **context) -> str:
        return self.document("book.html.j2", **context)

    def cited_sources(self) -> list[Markup]:
        """The full citation of every source the book's notes cite, in the
        order of first citation (for the colophon)."""
        ledger = {s.key: s for s in self.book.sources}
        keys = [n.source_key for p in self.book.parts for n in sorted(p.notes, key=lambda n: n.number) if n.number]
        cited = [ledger[k] for k in dict.fromkeys(keys) if k in ledger]
        return [
            self.inline(hadith_reference(s, ledger) if s.kind == "hadith" else full_citation(s, ledger=ledger))
            for s in cited
        ]


# the titles of the back matter's indexes (ARABIC.md, "The apparatus")
BACK_TITLES = {
    "verses": "فهرس الآيات القرآنية",
    "hadith": "فهرس الأحاديث النبوية والآثار",
    "sources": "فهرس المصادر والمراجع",
    "publications": "أماكن النشر الأولى",
}

IMAGES_DIR = "images"  # the EPUB's folder of pictures (beside text/)
# a table of this many columns or more is set in smaller type (styles: .table-wide)
WIDE_TABLE = 6
_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
}


def figure_file(figure: Figure) -> str:
    """The name of a figure's picture in the EPUB: from its bytes, so one
    picture used twice (or in two parts) is stored once."""
    digest = hashlib.sha256(figure.data).hexdigest()[:16]
    return f"fig-{digest}{_EXTENSIONS.get(figure.media_type, '')}"


# a list of figures (of tables) is made when the book has this many captioned
MIN_LISTED = 3


def captioned(book: Book, kind: type) -> list[TocEntry]:
    """The book's captioned figures (or tables) in reading order, as entries
    of a list of figures (tables), or [] when they are fewer than
    `MIN_LISTED`.  Targets are the ids part.html.j2 gives them."""
    suffix = "fig" if kind is Figure else "table"
    found = [
        TocEntry(1, plain_text(block.caption).strip(), f"part-{part.number}-{suffix}{i}", part.number)
        for part in book.parts
        for i, block in enumerate(part.blocks)
        if isinstance(block, kind) and plain_text(block.caption).strip()
    ]
    return found if len(found) >= MIN_LISTED else []


def table_columns(table: Table) -> int:
    """The table's width in columns (the widest row, spans counted)."""
    return max((sum(c.colspan for c in row) for row in table.rows), default=0)


def cell_align(table: Table, row: tuple[Cell, ...], index: int) -> str:
    """The alignment of the column a cell starts in ("" when none is set)."""
    column = sum(c.colspan for c in row[:index])
    return table.align[column] if column < len(table.align) else ""


LATIN_LANG = "en"  # the language of the author's Latin runs (names, titles, URLs)
KEEP_TOGETHER_MODES = ("print", "epub")
# an attribution (`يقول الطبري:`) is set as one (its spacing, kept with the
# quotation) when it is a short lead-in; a long paragraph that happens to
# end with «يقول:» is set as prose (issue 26)
LEAD_IN_WORDS = 20


def keep_last(text: str) -> str:
    """The text with its last two words joined by a no-break space (a
    title's last line is never one word), unless they are long."""
    text = text.strip()
    space = text.rfind(" ")
    if space <= 0 or len(text) - space > KEEP_TOGETHER_MAX:
        return text
    return text[:space] + NBSP + text[space + 1 :]


def lead_in(block: Paragraph) -> bool:
    """Is the paragraph an attribution set as one: short, and introducing a quotation?"""
    return block.attributes_quote and len(plain_text(block.inlines).split()) <= LEAD_IN_WORDS


KEEP_TOGETHER_MAX = 24  # characters: longer last words may break as they fall


def _base_length(text: str) -> int:
    """Characters that take room on the line (not vowel marks)."""
    return sum(1 for ch in text if unicodedata.category(ch) != "Mn")


def last_words_split(text: str) -> tuple[int, int] | None:
    """Where the last two words of a text begin and the space between them
    (then not a break), or None when the text has fewer than two words at
    its end, when they are long, or when they would split a Latin run
    (whose pieces would then be set apart in the wrong order)."""
    stripped = text.rstrip()
    space = stripped.rfind(" ")
    if space <= 0 or not stripped[:space].strip():
        return None
    before = stripped[:space].rstrip()
    start = max(before.rfind(" "), before.rfind("\u00a0")) + 1
    if len(before) < len(stripped[:space]) or _base_length(stripped[start:]) > KEEP_TOGETHER_MAX:
        return None  # several spaces: leave them as typed
    for a, b in latin_spans(text):
        if a < start < b or a < space < b:
            return None
    return start, space


def latin_isolated(text: str) -> str:
    """The text escaped, each Latin run set apart left to right with its
    language (`<bdi dir="ltr" lang="en">`).  WeasyPrint ignores
    `unicode-bidi`: a Latin run laid out right to left comes out reordered on
    the line it continues on (`CC BY 3.0 ,1.1`); `dir="ltr"` gives the run
    its own direction, which holds at every line break."""
    out, at = [], 0
    for start, end in latin_spans(text):
        out.append(str(escape(text[at:start])))
        out.append(f'<bdi dir="ltr" lang="{LATIN_LANG}">{escape(text[start:end])}</bdi>')
        at = end
    out.append(str(escape(text[at:])))
    return "".join(out)


def uses_quran(book: Book) -> bool:
    """Does the book quote the Qur'an (so its colophon names the Tanzil text)?"""

    def walk(inlines: tuple[Inline, ...]) -> bool:
        return any(isinstance(n, Quran) or (isinstance(n, (Emphasis, Link)) and walk(n.children)) for n in inlines)

    for part in book.parts:
        for block in part.blocks:
            if isinstance(block, Removed):
                continue
            paras = block.paragraphs if isinstance(block, Quotation) else (block,)
            if any(walk(getattr(p, "inlines", ())) for p in paras):
                return True
    return False


@dataclass(frozen=True)
class TocEntry:
    level: int  # 1 = part, 2 = section
    title: str
    target: str  # element id
    part: int


def toc(book: Book) -> list[TocEntry]:
    entries: list[TocEntry] = []
    for part in book.parts:
        ids = part_ids(part)
        entries.append(TocEntry(1, plain_text(part.title), ids.part, part.number))
        for i, block in enumerate(part.blocks):
            if isinstance(block, Heading):
                entries.append(
                    TocEntry(block.level, plain_text(block.inlines).rstrip(" :"), ids.headings[i], part.number)
                )
    return entries
