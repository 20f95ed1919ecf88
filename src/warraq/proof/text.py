"""The author's text of a book as lint sees it: segments with provenance.

A segment is the text of one paragraph-like unit (a part title, a heading, a
paragraph, one paragraph of a quotation, a verse line, an author's note),
with the spans that are Qur'an text marked: rules about words (a doubled
word, tatweel, spelling) do not judge the Qur'an's own wording.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import (
    Block,
    Book,
    Break,
    Cite,
    Code,
    Emphasis,
    Figure,
    Inline,
    Isolate,
    LineBreak,
    Link,
    List,
    NoteRef,
    Poem,
    Provenance,
    Quotation,
    Quran,
    Removed,
    Table,
    Text,
)
from ..transforms.walk import inline_runs

# stands for inline content that is not the author's prose (code, a citation
# marker): neither a letter nor a space, so no rule joins the text around it
OBJECT = "\ufffc"


@dataclass(frozen=True)
class Segment:
    text: str
    prov: Provenance
    quran: tuple[tuple[int, int], ...] = ()  # [start, end) spans of Qur'an text

    def in_quran(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.quran)


@dataclass(frozen=True)
class Unit:
    """The segments of one block (a quotation may span several paragraphs)."""

    segments: tuple[Segment, ...]


def segment(inlines: tuple[Inline, ...], prov: Provenance) -> Segment:
    chunks: list[str] = []
    spans: list[tuple[int, int]] = []
    size = 0

    def add(s: str) -> None:
        nonlocal size
        chunks.append(s)
        size += len(s)

    def walk(nodes: tuple[Inline, ...]) -> None:
        for node in nodes:
            if isinstance(node, (Text, Isolate)):  # a Latin run (<bdi>) is text as shown
                add(node.text)
            elif isinstance(node, (Emphasis, Link)):
                walk(node.children)
            elif isinstance(node, Quran):
                add(node.brackets[:1])
                spans.append((size, size + len(node.text)))
                add(node.text)
                add(node.brackets[1:])
                if node.typed_ref:
                    add(node.ref_lead.rstrip() + " " + node.typed_ref)
            elif isinstance(node, LineBreak):
                add("\n")
            elif isinstance(node, (Code, Cite)):
                add(OBJECT)
            elif isinstance(node, NoteRef):
                pass  # a note call stands where the author put it, adds no text

    walk(inlines)
    return Segment("".join(chunks), prov, tuple(spans))


def block_unit(block: Block) -> Unit | None:
    if isinstance(block, (Removed, Break)):
        return None
    if isinstance(block, Quotation):
        return Unit(tuple(segment(p.inlines, p.prov) for p in block.paragraphs))
    if isinstance(block, (Figure, Table, List)):
        runs = tuple(segment(inlines, prov) for inlines, prov in inline_runs(block))
        return Unit(runs) if runs else None
    if isinstance(block, Poem):  # each hemistich a segment: no text runs across the gap
        return Unit(tuple(segment(half, b.prov) for b in block.bayts for half in (b.sadr, b.ajuz) if half))
    if not hasattr(block, "inlines"):
        return None  # a block of a kind this proofing does not read
    return Unit((segment(block.inlines, block.prov),))


def units(book: Book) -> Iterator[Unit]:
    """Every unit of the author's text a reader of the book sees: titles,
    live blocks (not tombstones: the removed copy repeats the kept one) and
    the author's own notes (not generated ones)."""
    for part in book.parts:
        yield Unit((segment(part.title, part.title_prov),))
        for block in part.blocks:
            unit = block_unit(block)
            if unit is not None:
                yield unit
        for note in part.notes:
            if not note.generated:
                yield Unit((segment(note.inlines, note.prov),))
