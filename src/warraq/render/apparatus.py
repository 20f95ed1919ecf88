"""The book's apparatus (الفهارس العامة, ARABIC.md "The apparatus"), collected
from the model after the transforms: what the indexes list and where.

* verses: every Qur'an quotation identified in the text (not a reference
  alone), one row per quoted span (consecutive ayahs quoted together are
  one row), in mushaf order; each place is the quotation's element id;
* hadith: every note citing a hadith (identified, or cited through the
  ledger), one row per hadith, in the aṭrāf order of its opening words as
  the book quotes them; each place is the note's call;
* sources: every source a note cites, «القرآن الكريم» first when the book
  quotes it, the hadith of one collection as that collection, then by title
  («ال» ignored) or author, Arabic before Latin;
* publications: where each part first appeared (Part.published, venue).

Ids are given here and used by the renderer (`anchor`), so that a row and
its place always agree.  Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (
    Book,
    Cell,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Isolate,
    Link,
    List,
    ListItem,
    NoteRef,
    Paragraph,
    Part,
    Poem,
    Quotation,
    Quran,
    Removed,
    SignOff,
    Source,
    Table,
    Text,
    Verse,
    merge_text,
    plain_text,
)
from ..text.arabic import format_number, is_arabic
from ..text.collation import atraf_key, is_latin, primary, title_key

IDENTIFIED = ("added", "confirmed", "corrected")  # a Quran's ref_status once identified in the text
OPENING_WORDS = 5  # an index row shows this many words of the opening
QURAN_SOURCE = "القرآن الكريم"


@dataclass(frozen=True)
class Place:
    part: int  # Part.number
    anchor: str  # the element id of the place in the part


@dataclass(frozen=True)
class VerseRow:
    surah: int
    first: int
    last: int
    opening: str
    places: tuple[Place, ...]


@dataclass(frozen=True)
class HadithRow:
    opening: str
    source: Source
    places: tuple[Place, ...]


@dataclass(frozen=True)
class SourceRow:
    title: str
    source: Source | None  # None: the Qur'an


@dataclass(frozen=True)
class CaptionRow:
    """A captioned figure or table, as the list of figures (tables) names it."""

    caption: tuple[Inline, ...]
    place: Place


# a list of figures (of tables) is made when the book has this many captioned
MIN_LISTED = 3


@dataclass
class Apparatus:
    verses: list[VerseRow] = field(default_factory=list)
    hadith: list[HadithRow] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    publications: list[Part] = field(default_factory=list)
    figures: list[CaptionRow] = field(default_factory=list)  # captioned, when MIN_LISTED or more
    tables: list[CaptionRow] = field(default_factory=list)
    anchors: dict[int, str] = field(default_factory=dict)  # id() of a Quran inline -> its element id

    def anchor(self, node: Quran) -> str:
        return self.anchors.get(id(node), "")

    def places(self) -> list[Place]:
        """Every place the verse and hadith indexes and the lists of figures and tables name."""
        return [p for row in (*self.verses, *self.hadith) for p in row.places] + [
            row.place for row in (*self.figures, *self.tables)
        ]


def opening(text: str, words: int = OPENING_WORDS) -> str:
    """The first words of a text, «…» after them when it goes on."""
    parts = text.replace("\n", " ").split()
    head = " ".join(parts[:words]).strip(' ،,.:؛;«»“”"')
    return head + (" …" if len(parts) > words else "")


def note_anchor(note_id: str, mode: str) -> str:
    """The element id of a note's call (print: the footnote itself, which
    stands where its call is)."""
    return f"note-{note_id}" if mode == "print" else f"ref-{note_id}"


# ---------------------------------------------------------------- entries


def _piece(value: str) -> Inline:
    """Arabic text as it is; Latin bibliographic data isolated (<bdi>)."""
    return Isolate(value) if re.search("[A-Za-z]", value) and not is_arabic(value) else Text(value)


def bibliographic(source: Source) -> tuple[Inline, ...]:
    """A bibliography entry in the Arabic form (ARABIC.md): title، author،
    editor، translator، publisher، city، year (the edition as the ledger
    gives it in the year or the publisher)."""
    title = f"«{source.title}»" if source.kind in ("article", "chapter", "web") else source.title
    pieces = [title, source.author]
    pieces += [
        f"تحقيق {source.editor}" if source.editor else "",
        f"ترجمة {source.translator}" if source.translator else "",
    ]
    pieces += [source.collection if source.kind != "hadith" else "", source.publisher, source.place, source.year]
    pieces += [source.url]
    if is_latin(source.title):  # a Latin source: set left to right as a whole, with Latin commas
        return (Text(", ".join(p for p in pieces if p) + "."),)
    out: list[Inline] = []
    for piece in (p for p in pieces if p):
        if out:
            out.append(Text("، "))
        out.append(_piece(piece))
    out.append(Text("."))
    return merge_text(out)


def hadith_ref(source: Source, ledger: dict[str, Source] | None = None) -> str:
    """A hadith's collection and number for its index row: «صحيح البخاري
    (١)»; the other collections that have it after a semicolon."""
    sources = [source] + [ledger[k] for k in source.also if ledger and k in ledger]
    return "؛ ".join(
        f"{s.collection or s.title} ({s.number})" if s.number else (s.collection or s.title) for s in sources
    )


# ---------------------------------------------------------------- dates

MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
HIJRI_MONTHS = (
    *("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة"),
    *("رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"),
)


def date_text(iso: str, digits: str = "arabic-indic") -> str:
    """`2024-03-15` as the book prints it: «١٥ مارس ٢٠٢٤م»."""
    year, month, day = (int(x) for x in iso.split("-"))
    # no-break spaces: a date is never split across lines
    return f"{format_number(day, digits)}\u00a0{MONTHS[month - 1]}\u00a0{format_number(year, digits)}م"


def hijri_text(iso: str, digits: str = "arabic-indic") -> str:
    """The Hijri date of `2024-03-15` (Umm al-Qura): «٥ رمضان ١٤٤٥هـ»; ""
    outside the calendar's range (1343-1500 AH)."""
    from hijridate import Gregorian

    year, month, day = (int(x) for x in iso.split("-"))
    try:
        h = Gregorian(year, month, day).to_hijri()
    except (OverflowError, ValueError):
        return ""
    month = HIJRI_MONTHS[h.month - 1].replace(" ", "\u00a0")
    return f"{format_number(h.day, digits)}\u00a0{month}\u00a0{format_number(h.year, digits)}هـ"


# ---------------------------------------------------------------- walking


def _inline_runs(block) -> list[tuple[Inline, ...]]:
    """Every run of inlines a live block shows, in reading order."""
    if isinstance(block, (Paragraph, Heading, SignOff)):
        return [block.inlines]
    if isinstance(block, Quotation):
        return [p.inlines for p in block.paragraphs]
    if isinstance(block, Verse):
        return [(block.quote,)]
    if isinstance(block, Poem):
        return [run for b in block.bayts for run in (b.sadr, b.ajuz)]
    if isinstance(block, Table):
        return [c.inlines for row in block.rows for c in row if isinstance(c, Cell)]
    if isinstance(block, List):
        return [run for item in block.items for run in _item_runs(item)]
    return []


def _item_runs(item: ListItem) -> list[tuple[Inline, ...]]:
    runs = [item.inlines]
    for child in item.children:
        runs += [run for sub in child.items for run in _item_runs(sub)]
    return runs


def _flat(inlines: tuple[Inline, ...]) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, (Emphasis, Link)):
            out += _flat(node.children)
        else:
            out.append(node)
    return out


def _runs(part: Part) -> list[tuple[tuple[Inline, ...], bool]]:
    """The part's runs of inlines in reading order, the blocks' then the
    notes'; a block quotation is one run (its text is what its call closes)."""
    runs: list[tuple[tuple[Inline, ...], bool]] = []
    for b in part.blocks:
        if isinstance(b, Removed):
            continue
        if isinstance(b, Quotation):
            joined: list[Inline] = []
            for i, p in enumerate(b.paragraphs):
                joined += [Text("\n")] * bool(i) + list(p.inlines)
            runs.append((tuple(joined), True))
        else:
            runs += [(run, False) for run in _inline_runs(b)]
    return runs + [(n.inlines, False) for n in sorted(part.notes, key=lambda n: n.number) if n.number]


_STOPS = " \n.،,؛;!؟?"


def _quoted_before(before: str, whole: bool) -> str:
    """The words a note call closes: a block quotation's text (`whole`), the
    «…» quotation just before the call, or the speech after the colon (or the
    sentence) it ends."""
    text = before.rstrip(_STOPS)
    if whole:
        return text.strip()
    for opening_mark, closing in (("«", "»"), ("“", "”"), ('"', '"')):
        if text.endswith(closing):
            start = text.rfind(opening_mark, 0, len(text) - 1)
            if start >= 0:
                return text[start + 1 : -1]
    for stop in (":", ".", "\n"):
        if stop in text:
            text = text.rsplit(stop, 1)[1]
    return text.strip()


# ---------------------------------------------------------------- collecting


def collect(book: Book, mode: str = "html", by: str = "title") -> Apparatus:
    """The apparatus of a book (`mode`: the rendering, for the note anchors;
    `by`: "title" or "author", the bibliography's order)."""
    app = Apparatus()
    ledger = {s.key: s for s in book.sources}
    verse_places: dict[tuple[int, int, int], list[Place]] = {}
    verse_openings: dict[tuple[int, int, int], str] = {}
    hadith_places: dict[str, list[Place]] = {}
    hadith_openings: dict[str, str] = {}
    cited: list[str] = []
    for part in book.parts:
        notes = {n.id: n for n in part.notes}
        count = 0
        for run, whole in _runs(part):
            before: list[str] = []  # joined only for a hadith's note: linear in the run
            for node in _flat(run):
                if isinstance(node, Quran) and node.ref is not None and node.ref_status in IDENTIFIED:
                    count += 1
                    anchor = f"q{part.number}-{count}"
                    app.anchors[id(node)] = anchor
                    span = (node.ref.surah, node.ref.first, node.ref.last)
                    verse_places.setdefault(span, []).append(Place(part.number, anchor))
                    verse_openings.setdefault(span, opening(node.text))
                elif isinstance(node, NoteRef):
                    note = notes.get(node.note_id)
                    source = ledger.get(note.source_key) if note is not None and note.number else None
                    if source is not None and source.kind == "hadith":
                        place = Place(part.number, note_anchor(note.id, mode))
                        hadith_places.setdefault(source.key, []).append(place)
                        if source.key not in hadith_openings:
                            before[:] = ["".join(before)]
                            hadith_openings[source.key] = opening(_quoted_before(before[0], whole))
                if isinstance(node, (Text, Quran)):
                    before.append(plain_text((node,)))
        cited += [n.source_key for n in sorted(part.notes, key=lambda n: n.number) if n.number and n.source_key]
    app.verses = [
        VerseRow(s, a, b, verse_openings[(s, a, b)], tuple(verse_places[(s, a, b)])) for s, a, b in sorted(verse_places)
    ]
    rows = [HadithRow(hadith_openings[k], ledger[k], tuple(p)) for k, p in hadith_places.items()]
    app.hadith = sorted(rows, key=lambda r: (atraf_key(r.opening), r.source.key))
    # a hadith's note names the other collections that have it (`also`): they are cited too
    cited += [k for key in list(cited) if key in ledger for k in ledger[key].also]
    app.sources = bibliography([ledger[k] for k in dict.fromkeys(cited) if k in ledger], bool(app.verses), by)
    app.publications = [p for p in book.parts if p.published or p.venue]
    app.figures, app.tables = captioned_rows(book, Figure, "fig"), captioned_rows(book, Table, "table")
    return app


def captioned_rows(book: Book, kind: type, suffix: str) -> list[CaptionRow]:
    """The book's captioned figures (tables) in reading order, at the ids
    part.html.j2 gives them (`part-N-figI`), or [] when fewer than MIN_LISTED."""
    rows = [
        CaptionRow(block.caption, Place(part.number, f"part-{part.number}-{suffix}{i}"))
        for part in book.parts
        for i, block in enumerate(part.blocks)
        if isinstance(block, kind) and plain_text(block.caption).strip()
    ]
    return rows if len(rows) >= MIN_LISTED else []


def bibliography(sources: list[Source], quran: bool, by: str = "title") -> list[SourceRow]:
    """The sources as the bibliography lists them: «القرآن الكريم» first, a
    hadith collection once, then Arabic titles before Latin ones, each
    ordered by title («ال» ignored) or by author then title."""
    rows: dict[str, SourceRow] = {}
    for s in sources:
        if s.kind == "hadith" and s.collection:
            # the collection as a book, with its compiler when a ledger entry names him
            key = "collection:" + s.collection
            known = rows.get(key)
            if known is None or (s.author and known.source is not None and not known.source.author):
                rows[key] = SourceRow(s.collection, Source(key, "book", s.collection, author=s.author))
        else:
            rows.setdefault(s.key, SourceRow(s.title, s))

    def order(row: SourceRow) -> tuple:
        author = row.source.author if row.source is not None else ""
        first = primary(author or row.title) if by == "author" else title_key(row.title)[0]
        return is_latin(row.title), first, title_key(row.title)

    listed = sorted(rows.values(), key=order)
    return ([SourceRow(QURAN_SOURCE, None)] if quran else []) + listed
