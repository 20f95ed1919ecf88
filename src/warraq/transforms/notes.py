"""Note numbering: per part or book-wide, in reading order of the calls.

Notes the author wrote and notes a transform generated share one sequence.
A note whose calls all stand in removed blocks gets no number (it is not in
the book); a note never called is reported.
"""

from __future__ import annotations

from ..config import Config
from ..i18n import msg
from ..model import (
    Block,
    Book,
    Emphasis,
    Figure,
    Finding,
    Inline,
    Link,
    List,
    NoteRef,
    Poem,
    Quotation,
    Removed,
    Table,
    replace,
)
from .walk import inline_runs


def calls(inlines: tuple[Inline, ...]) -> list[str]:
    found: list[str] = []
    for node in inlines:
        if isinstance(node, NoteRef):
            found.append(node.note_id)
        elif isinstance(node, (Emphasis, Link)):
            found.extend(calls(node.children))
    return found


def block_calls(block: Block) -> list[str]:
    if isinstance(block, Removed):
        return []
    if isinstance(block, Quotation):
        return [c for p in block.paragraphs for c in calls(p.inlines)]
    if isinstance(block, (Figure, Table, List)):
        return [c for inlines, _ in inline_runs(block) for c in calls(inlines)]
    if isinstance(block, Poem):  # a call in a hemistich, ṣadr then ʿajuz
        return [c for b in block.bayts for half in (b.sadr, b.ajuz) for c in calls(half)]
    if not hasattr(block, "inlines"):
        return []
    return calls(block.inlines)


def number_notes(book: Book, config: Config) -> tuple[Book, list[Finding]]:
    findings: list[Finding] = []
    counter = 0
    parts = []
    seen_ids: set[str] = set()
    for part in book.parts:
        if config.note_numbering == "part":
            counter = 0
        order: dict[str, int] = {}
        for block in part.blocks:
            for note_id in block_calls(block):
                if note_id not in order:
                    counter += 1
                    order[note_id] = counter
        notes = []
        for note in part.notes:
            if note.id in seen_ids:  # pragma: no cover - readers make ids unique
                raise AssertionError(f"duplicate note id {note.id}")
            seen_ids.add(note.id)
            if note.id not in order and not note.generated:
                findings.append(
                    Finding(
                        "note", "note-unused", msg("note {note} is never called", note=note.id), note.prov, "warning"
                    )
                )
            notes.append(replace(note, number=order.get(note.id, 0)))
        parts.append(replace(part, notes=tuple(notes)))
    return replace(book, parts=tuple(parts)), findings
