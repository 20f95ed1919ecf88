"""One walk of the model for the peers' sources of the same book.

The benchmarks give pandoc and typst the book warraq builds, after its
transforms, in their own markup (`pandoc_book.py`, `typst_book.py`).  Both
walk the model the same way — inline content with its footnotes in place,
Qur'an quotations with the reference as warraq sets it, tombstones left out
— and differ only in the markup of each kind: a subclass of `Export` gives
that markup, this module the walk.
"""

from __future__ import annotations

from warraq.corpora.surahs import format_ref
from warraq.model import (
    Block,
    Book,
    Break,
    Emphasis,
    Heading,
    Inline,
    Isolate,
    LineBreak,
    Link,
    Note,
    NoteRef,
    Paragraph,
    Quotation,
    Quran,
    Removed,
    SignOff,
    Text,
    Verse,
    block_text,
    plain_text,
)


class Export:
    """Markup of one part's content; subclasses define the markup methods."""

    line_break = ""
    thematic_break = ""

    def __init__(self, book: Book, notes: dict[str, Note]):
        self.digits = book.meta.digits
        self.notes = notes

    # ---- the markup of each kind (a subclass gives them)

    def escape(self, text: str) -> str:
        raise NotImplementedError

    def emphasis(self, inner: str, strong: bool) -> str:
        raise NotImplementedError

    def footnote(self, inner: str) -> str:
        raise NotImplementedError

    def verse_ref(self, ref: str) -> str:
        raise NotImplementedError

    def heading(self, level: int, inner: str) -> str:
        raise NotImplementedError

    def paragraph(self, inner: str, attribution: bool) -> str:
        raise NotImplementedError

    def sign_off(self, inner: str) -> str:
        raise NotImplementedError

    def quotation(self, paragraphs: list[str], kind: str) -> str:
        raise NotImplementedError

    def verse(self, inner: str) -> str:
        raise NotImplementedError

    # ---- the walk

    def inline(self, inlines: tuple[Inline, ...]) -> str:
        return "".join(self.node(n) for n in inlines)

    def node(self, node: Inline) -> str:
        if isinstance(node, Text | Isolate):
            return self.escape(node.text)
        if isinstance(node, Emphasis):
            return self.emphasis(self.inline(node.children), node.strong)
        if isinstance(node, Link):
            return self.inline(node.children)
        if isinstance(node, LineBreak):
            return self.line_break
        if isinstance(node, NoteRef):
            note = self.notes.get(node.note_id)
            return self.footnote(self.inline(note.inlines)) if note and note.number else ""
        if isinstance(node, Quran):
            out = self.escape(node.brackets[:1] + node.text + node.brackets[1:])
            if node.ref is not None and node.ref_status in ("added", "confirmed", "corrected"):
                out += self.verse_ref(self.escape(format_ref(node.ref, self.digits)))
            elif node.typed_ref:
                out += self.verse_ref(self.escape(node.typed_ref))
            return out
        return self.escape(plain_text((node,)))

    def block(self, block: Block) -> str:
        if isinstance(block, Removed):
            return ""
        if isinstance(block, Heading):
            return self.heading(block.level, self.inline(block.inlines))
        if isinstance(block, Paragraph):
            return self.paragraph(self.inline(block.inlines), block.attributes_quote)
        if isinstance(block, SignOff):
            return self.sign_off(self.inline(block.inlines))
        if isinstance(block, Quotation):
            return self.quotation([self.inline(p.inlines) for p in block.paragraphs], block.kind)
        if isinstance(block, Verse):
            return self.verse(self.inline(block.inlines))
        if isinstance(block, Break):
            return self.thematic_break
        # the kinds the peers' translations do not set yet (poems, figures,
        # tables, lists): their text, as a paragraph
        return self.paragraph(self.escape(block_text(block)), False)
