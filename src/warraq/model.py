"""The one document model every reader, transform and writer shares.

Frozen dataclasses, no I/O, no imports from the rest of the package.  Every
block carries a `Provenance` (file and line range in the manuscript) so any
output line can be traced back to the line the author typed.

Transforms never delete a block outright: they replace it with a `Removed`
tombstone that keeps the original, so the preview can show it struck through
and the report can name it.  Writers skip tombstones.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# --------------------------------------------------------------------------
# provenance


@dataclass(frozen=True)
class Provenance:
    """Where a block came from: a manuscript file and its 1-based lines.

    `unit` is "" for lines (text and Markdown parts) and "¶" for paragraphs
    (Word parts, which have no lines): `file:12-14`, `file:¶3-5`.
    """

    file: str
    line: int
    end_line: int = 0
    unit: str = ""

    def __post_init__(self) -> None:
        if self.end_line < self.line:
            object.__setattr__(self, "end_line", self.line)

    def span(self) -> str:
        """`12`, `12-14`, `¶3`, `¶3-5`: the place within the file."""
        if self.end_line > self.line:
            return f"{self.unit}{self.line}-{self.end_line}"
        return f"{self.unit}{self.line}"

    def __str__(self) -> str:
        return f"{self.file}:{self.span()}"


# --------------------------------------------------------------------------
# inline content


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]
    strong: bool = False


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class NoteRef:
    """A call to a note; `note_id` names a `Note` of the same part."""

    note_id: str


@dataclass(frozen=True)
class Cite:
    """An explicit citation the author wrote (`[@key]` in Markdown)."""

    key: str
    locator: str = ""


@dataclass(frozen=True)
class Isolate:
    """Text of another script or direction set apart for the bidi algorithm
    (`<bdi>`), such as Latin bibliographic data in an Arabic note."""

    text: str
    lang: str = "en"


@dataclass(frozen=True)
class VerseRef:
    """A Qur'an reference: surah number and an ayah range."""

    surah: int
    first: int
    last: int = 0

    def __post_init__(self) -> None:
        if self.last < self.first:
            object.__setattr__(self, "last", self.first)


@dataclass(frozen=True)
class Quran:
    """A Qur'an quotation delimited by ﴿…﴾ or {…}, inline or as a `Verse`.

    `text` is the quoted text without the brackets, verbatim; `brackets` the
    pair the author typed.  `typed_ref` is the reference the author typed
    after it (`7 محمد`) verbatim; `ref` the reference as understood (parsed
    from the typed one, or identified against the Qur'an text); `ref_status`
    says which: "typed", "added", "confirmed", "corrected", "mismatch" or "".
    """

    text: str
    brackets: str = "﴿﴾"
    typed_ref: str = ""
    ref: VerseRef | None = None
    ref_status: str = ""
    # what the author typed between the verse and its reference, verbatim:
    # " الآية ", "، " ("" when the reference follows the verse)
    ref_lead: str = ""


Inline = Text | Emphasis | Code | Link | LineBreak | NoteRef | Cite | Quran | Isolate


# --------------------------------------------------------------------------
# blocks


@dataclass(frozen=True)
class Heading:
    level: int  # 2 = section, 3 = subsection (1 is the part title)
    inlines: tuple[Inline, ...]
    prov: Provenance


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    prov: Provenance
    # True when the paragraph introduces the quotation that follows it
    # (`يقول الطبري:`); kept a paragraph, never turned into a heading.
    attributes_quote: bool = False


@dataclass(frozen=True)
class Quotation:
    """Verbatim quotation (`«…»`, `“…”`, or a Markdown block quote).

    It may span several paragraphs; each keeps its own provenance.
    """

    paragraphs: tuple[Paragraph, ...]
    prov: Provenance
    marks: str = "«»"  # the quote marks the author used, "" when unmarked
    kind: str = ""  # the kind of source once known: "hadith", "book", ...


@dataclass(frozen=True)
class Verse:
    """A Qur'an quotation standing as a block of its own (a line of its own)."""

    quote: Quran
    prov: Provenance

    @property
    def inlines(self) -> tuple[Inline, ...]:
        return (self.quote,)


@dataclass(frozen=True)
class SignOff:
    """A series sign-off such as `وللحديث بقية إن شاء الله`."""

    inlines: tuple[Inline, ...]
    prov: Provenance


@dataclass(frozen=True)
class Break:
    """A thematic break (`***`, `---`)."""

    prov: Provenance


@dataclass(frozen=True)
class Bayt:
    """One line of classical verse: the ṣadr (first half, set on the right)
    and the ʿajuz (second half, on the left).  A lone half-line (mashṭūr)
    has an empty ʿajuz.  `separator` is what the author typed between the
    halves, verbatim (" *** ", "\t"), kept for `[typography] poem_separator`."""

    sadr: tuple[Inline, ...]
    ajuz: tuple[Inline, ...]
    prov: Provenance
    separator: str = ""


@dataclass(frozen=True)
class Poem:
    """Quoted verse: bayts set as two even columns (ARABIC.md, "Poetry")."""

    bayts: tuple[Bayt, ...]
    prov: Provenance


@dataclass(frozen=True)
class Figure:
    """A picture of the article.  `src` is the image file relative to the book
    project's folder (POSIX separators), or, for a picture carried inside a
    part (a Word file's `word/media/…`, a saved web page), a name unique in the
    book under which `data` holds its bytes."""

    src: str
    alt: str
    caption: tuple[Inline, ...]
    prov: Provenance
    credit: tuple[Inline, ...] = ()
    data: bytes = field(default=b"", repr=False)
    media_type: str = ""  # image/png, image/jpeg, image/gif, image/webp, image/svg+xml


@dataclass(frozen=True)
class Cell:
    """A table cell; `header` for a TH.  Spans as HTML counts them."""

    inlines: tuple[Inline, ...]
    header: bool = False
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Table:
    """Rows of cells in reading order (the first cell is the rightmost in a
    right-to-left book); the first `header_rows` rows are header rows,
    repeated on every page the table crosses.  `align` gives each column's
    alignment: "", "start", "center" or "end"."""

    rows: tuple[tuple[Cell, ...], ...]
    prov: Provenance
    header_rows: int = 0
    align: tuple[str, ...] = ()
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class ListItem:
    inlines: tuple[Inline, ...]
    prov: Provenance
    children: tuple[List, ...] = ()  # nested lists, set after the item's text


@dataclass(frozen=True)
class List:
    """A list.  `style` is the author's numbering: "decimal" (set in the book's
    digits), "abjad" (أ ب ج د), "alpha" (أ ب ت ث, hijāʾī order), "latin"
    (a b c), or "bullet" for an unordered list; `start` the first number."""

    items: tuple[ListItem, ...]
    prov: Provenance
    style: str = "decimal"
    start: int = 1

    @property
    def ordered(self) -> bool:
        return self.style != "bullet"


@dataclass(frozen=True)
class Removed:
    """Tombstone of a block a transform removed, kept for report and preview."""

    block: Block
    kind: str  # exact / near / run / boilerplate
    finding_id: str
    kept: Provenance | None = None

    @property
    def prov(self) -> Provenance:
        return self.block.prov


Block = Heading | Paragraph | Quotation | Verse | SignOff | Break | Poem | Figure | Table | List | Removed


# --------------------------------------------------------------------------
# notes and sources


@dataclass(frozen=True)
class Note:
    """A footnote of a part.  `id` is unique across the book."""

    id: str
    inlines: tuple[Inline, ...]
    prov: Provenance
    number: int = 0  # assigned by the numbering transform
    generated: bool = False
    rule: str = ""  # for generated notes: which rule made it
    source_key: str = ""


@dataclass(frozen=True)
class Source:
    """One entry of the sources ledger (sources.toml)."""

    key: str
    kind: str
    title: str
    author: str = ""
    translator: str = ""
    publisher: str = ""
    place: str = ""
    year: str = ""
    volume: str = ""
    page: str = ""
    number: str = ""  # hadith number
    collection: str = ""
    short: str = ""  # short form for later notes
    url: str = ""
    aliases: tuple[str, ...] = ()
    match: tuple[str, ...] = ()
    prov: Provenance | None = None
    editor: str = ""  # تحقيق
    original: str = ""  # the original's data (a translation's Latin title, year)
    also: tuple[str, ...] = ()  # keys of other sources cited with it (a hadith's other collections)


# --------------------------------------------------------------------------
# parts and book


@dataclass(frozen=True)
class Part:
    number: int
    title: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    source_path: str
    title_prov: Provenance
    notes: tuple[Note, ...] = ()
    # what the reader noticed and did (a line read in another encoding, a
    # footnote never called, a Word table left out): reported with the
    # assembly's findings
    findings: tuple[Finding, ...] = ()
    # where the article first appeared: an ISO 8601 date (`2024-03-15`), the
    # venue (a newspaper, a site's name), the page's address, and a Hijri
    # date as printed beside the Gregorian one («١٥ رمضان ١٤٤٥ هـ»)
    published: str = ""
    venue: str = ""
    url: str = ""
    published_hijri: str = ""
    # "hijri": the part gives its date in the Hijri calendar only; `published`
    # is then its Umm al-Qura date, for ordering and <time datetime>
    published_calendar: str = ""


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    language: str = "ar"
    series: str = ""
    subtitle: str = ""
    identifier: str = ""
    publisher: str = ""
    date: str = ""  # ISO 8601 modification date
    digits: str = "arabic-indic"  # or "western"
    description: str = ""
    series_position: int = 0  # the book's place in its series (EPUB group-position); 0 = unnumbered
    isbn: str = ""  # ISBN-13 as the author grouped it (checked by config.py)
    rights: str = ""  # the copyright statement (EPUB dc:rights)
    edition: str = ""  # the copyright page's edition line («الطبعة الأولى»)

    @property
    def direction(self) -> str:
        return "rtl" if self.language.split("-")[0] in RTL_LANGUAGES else "ltr"


RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "sd", "ug", "yi", "ckb", "dv"})


@dataclass(frozen=True)
class Book:
    meta: Meta
    parts: tuple[Part, ...]
    sources: tuple[Source, ...] = ()


# --------------------------------------------------------------------------
# findings: everything a stage reports to the author


@dataclass(frozen=True)
class Finding:
    """One thing a stage did or doubts, for the report and the preview.

    `kind` groups findings (dedup, note, quran, unsourced, lint, order);
    `rule` is a stable id; `level` is "info", "warning" or "error".
    """

    kind: str
    rule: str
    message: str
    prov: Provenance | None = None
    level: str = "info"
    data: dict = field(default_factory=dict, hash=False, compare=False)


# --------------------------------------------------------------------------
# small pure helpers over the model


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text of inline content, without note calls."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code, Isolate)):
            out.append(node.text)
        elif isinstance(node, Quran):
            out.append(node.brackets[:1] + node.text + node.brackets[1:])
            if node.typed_ref:
                out.append(node.ref_lead.rstrip() + " " + node.typed_ref)
        elif isinstance(node, (Emphasis, Link)):
            out.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            out.append("\n")
    return "".join(out)


def merge_text(nodes: list[Inline] | tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Inline content with adjacent Text nodes joined into one."""
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


def block_text(block: Block) -> str:
    """The author's text of a block (tombstones give their original's text)."""
    if isinstance(block, Removed):
        return block_text(block.block)
    if isinstance(block, Quotation):
        return "\n".join(plain_text(p.inlines) for p in block.paragraphs)
    if isinstance(block, (Break, Figure)):
        return plain_text(block.caption) if isinstance(block, Figure) else ""
    if isinstance(block, Poem):
        return "\n".join(" ".join(filter(None, (plain_text(b.sadr), plain_text(b.ajuz)))) for b in block.bayts)
    if isinstance(block, Table):
        return "\n".join(" ".join(plain_text(c.inlines) for c in row) for row in block.rows)
    if isinstance(block, List):
        return "\n".join(_item_text(item) for item in block.items)
    return plain_text(block.inlines)


def _item_text(item: ListItem) -> str:
    nested = (_item_text(child) for lst in item.children for child in lst.items)
    return "\n".join((plain_text(item.inlines), *nested))


def live_blocks(part: Part) -> tuple[Block, ...]:
    """The blocks a reader of the book sees (no tombstones)."""
    return tuple(b for b in part.blocks if not isinstance(b, Removed))


__all__ = [
    "Bayt",
    "Block",
    "Book",
    "Break",
    "Cell",
    "Cite",
    "Code",
    "Emphasis",
    "Figure",
    "Finding",
    "Heading",
    "Inline",
    "Isolate",
    "LineBreak",
    "Link",
    "List",
    "ListItem",
    "Meta",
    "Note",
    "NoteRef",
    "Paragraph",
    "Part",
    "Poem",
    "Provenance",
    "Quotation",
    "Quran",
    "Removed",
    "SignOff",
    "Source",
    "Table",
    "Text",
    "Verse",
    "VerseRef",
    "block_text",
    "live_blocks",
    "merge_text",
    "plain_text",
    "replace",
]
