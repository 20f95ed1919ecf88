"""Notes: footnotes and endnotes, read at their call.

It owns footnotes.xml and endnotes.xml (separator notes ignored) and the
rules of a note's call: the notes come in the order of their calls; a note
called twice gets a second note with the same text, a note called inside a
note is set in parentheses at its call, an empty note's call is dropped
(each a finding); a call to no note is refused.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from ...errors import InputError
from ...i18n import N_, msg
from ...model import Emphasis, Inline, LineBreak, NoteRef, Provenance, plain_text
from ..structure import Para
from .inlines import build_inlines, flat
from .package import Package
from .runs import Piece, Runs
from .wordml import Tags

# a note's kind as a message names it ("footnote 3 is empty")
NOTE_NAMES = {"fn": N_("footnote"), "en": N_("endnote")}
# notes inside notes: deeper than this is a file made to hurt, not a book
MAX_NOTE_DEPTH = 8
# the text of one note with the notes it calls set in it
MAX_NOTE_CHARS = 200_000


def note_elements(package: Package, name: str | None, tag: str, t: Tags) -> dict[str, etree._Element]:
    """The notes of a notes part by id (w:footnote or w:endnote), separators left out."""
    if not name or not package.has(name):
        return {}
    found: dict[str, etree._Element] = {}
    for note in package.xml(name).iter(tag):
        if note.get(t.type) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        found[note.get(t.id, "")] = note
    return found


class Notes(Runs):
    """The notes' content at their calls, in the order of the calls."""

    def _note(self, kind: str, note_id: str, outer: tuple[str, ...] = ()) -> tuple[Inline, ...] | None:
        """A note's content; a note called inside it (Word allows it, a book
        has no note of a note) is set in parentheses at its call."""
        el = self.notes[kind].get(note_id)
        if el is None:
            return None
        t = self.t
        self.fields.clear()
        out: list[Inline] = []
        for p in el.iter(t.p):
            ppr = p.find(t.pPr)
            sid = self.sheet.default_style
            if ppr is not None and (s := ppr.find(t.pStyle)) is not None:
                sid = s.get(t.val, "")
            items = [
                self._inner_note(i, (*outer, f"{kind}:{note_id}"))
                for i in self.paragraph_items(p, self.sheet.chain(sid))
            ]
            inlines, text = build_inlines(items)
            if not text.strip():
                continue
            if out:
                out.append(LineBreak())
            out.extend(inlines)
        return tuple(out)

    def _inner_note(self, item: object, outer: tuple[str, ...]) -> object:
        """A call inside a note: the called note's text in parentheses.  Each
        note's text is made once (a note called twice by each of 22 nested
        notes was 2^22 readings); nesting deeper than MAX_NOTE_DEPTH, or a
        note's text past MAX_NOTE_CHARS, is refused with one line."""
        if not isinstance(item, NoteRef):
            return item
        kind, note_id = item.note_id.split(":", 1)
        if len(outer) >= MAX_NOTE_DEPTH:
            raise InputError(
                msg(
                    "notes called inside notes more than {limit} deep (a file made to be slow?): refused",
                    limit=MAX_NOTE_DEPTH,
                ),
                f"{self.file}:¶{self.number}",
            )
        outer_kind, outer_id = outer[-1].split(":", 1)
        names = dict(note=msg(NOTE_NAMES[outer_kind]), id=outer_id, inner=msg(NOTE_NAMES[kind]), inner_id=note_id)
        memo = getattr(self, "inner_texts", None)
        if memo is None:
            memo = self.inner_texts = {}
        text = None if item.note_id in outer else memo.get(item.note_id)
        if text is None:
            fields = list(self.fields)
            inner = None if item.note_id in outer else self._note(kind, note_id, outer)
            self.fields[:] = fields
            text = " ".join(plain_text(inner or ()).split())
            if len(text) > MAX_NOTE_CHARS:
                raise InputError(
                    msg("a note with the notes it calls runs past {limit} characters: refused", limit=MAX_NOTE_CHARS),
                    f"{self.file}:¶{self.number}",
                )
            if item.note_id not in outer:
                memo[item.note_id] = text
        if not text:
            self.find(
                "docx-note-in-note",
                msg("{note} {id} calls {inner} {inner_id}, which is missing or empty: left out", **names),
            )
            return Piece("", False, False, "")
        self.find(
            "docx-note-in-note",
            msg(
                "{note} {id} calls {inner} {inner_id} (a note inside a note): its text is set in parentheses there",
                **names,
            ),
        )
        return Piece(f" ({text})", False, False, "")

    def collect_notes(self, title: Para, paras: list[Para]) -> list[tuple[str, str, tuple[Inline, ...], Provenance]]:
        """The notes in order of call.  A note called twice gives the second
        call a note of its own (the same text, a warning): one id, one call.
        A call to no note is refused (as Markdown refuses `[^x]` undefined);
        an empty note's call is dropped with a warning."""
        notes: list[tuple[str, str, tuple[Inline, ...], Provenance]] = []
        calls: dict[str, int] = {}
        for k, para in enumerate(paras):
            self.number = para.prov.line
            renamed: dict[int, str | None] = {}  # id(NoteRef) -> its own id, None: dropped
            for node in flat(para.inlines):
                if not isinstance(node, NoteRef):
                    continue
                kind, note_id = node.note_id.split(":", 1)
                name = msg(NOTE_NAMES[kind])
                content = self._note(kind, note_id)
                if content is None:
                    raise InputError(
                        msg("{note} {id} is called but the Word file has no such note", note=name, id=note_id),
                        f"{self.file}:¶{self.number}",
                    )
                if not plain_text(content).strip():
                    self.find(
                        "docx-note-empty",
                        msg("{note} {id} is empty: its call is left out", note=name, id=note_id),
                        "warning",
                    )
                    renamed[id(node)] = None
                    continue
                count = calls[node.note_id] = calls.get(node.note_id, 0) + 1
                if count > 1:
                    self.find(
                        "docx-note-twice",
                        msg(
                            "{note} {id} is called again (call {count}): this call gets a note of its own "
                            "with the same text",
                            note=name,
                            id=note_id,
                            count=count,
                        ),
                        "warning",
                    )
                    note_id = f"{note_id}#{count}"
                    renamed[id(node)] = f"{kind}:{note_id}"
                notes.append((kind, note_id, content, para.prov))
            if renamed:
                paras[k] = replace(para, inlines=_rename_calls(para.inlines, renamed))
        return notes


def _rename_calls(inlines: tuple[Inline, ...], renamed: dict[int, str | None]) -> tuple[Inline, ...]:
    """The content with the note calls in `renamed` (by object id) given
    another id, or dropped (None)."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, NoteRef) and id(node) in renamed:
            new = renamed[id(node)]
            if new is not None:
                out.append(NoteRef(new))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(_rename_calls(node.children, renamed), node.strong))
        else:
            out.append(node)
    return tuple(out)
