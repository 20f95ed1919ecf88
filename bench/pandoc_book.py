"""The same book as pandoc Markdown, for the EPUB benchmark against pandoc.

`pandoc_markdown(book)` writes the book warraq builds (after its
transforms: the same parts, headings, quotations, verses with their
references and the generated footnotes, as `^[…]` notes) as one Markdown
file with a YAML block (title, author, `lang: ar`, `dir: rtl`).
`pandoc_command` runs the pandoc binary of the `pypandoc-binary` wheel
(`pandoc book.md -o book.epub`), embedding the four Amiri faces as warraq's
EPUB does (warraq embeds subsets of them).
"""

from __future__ import annotations

import json
import string
from pathlib import Path

from warraq.fonts import faces
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
    plain_text,
)
from warraq.surahs import format_ref

# pandoc Markdown: a backslash makes any ASCII punctuation literal
_PUNCTUATION = set(string.punctuation)


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def escape(text: str) -> str:
    return "".join("\\" + c if c in _PUNCTUATION else c for c in text).replace("\n", " ")


class _Writer:
    """Markdown of one part's inline content (footnotes in place)."""

    def __init__(self, book: Book, notes: dict[str, Note]):
        self.digits = book.meta.digits
        self.notes = notes

    def inline(self, inlines: tuple[Inline, ...]) -> str:
        return "".join(self._node(n) for n in inlines)

    def _node(self, node: Inline) -> str:
        if isinstance(node, Text | Isolate):
            return escape(node.text)
        if isinstance(node, Emphasis):
            mark = "**" if node.strong else "*"
            return f"{mark}{self.inline(node.children)}{mark}"
        if isinstance(node, Link):
            return self.inline(node.children)
        if isinstance(node, LineBreak):
            return "\\\n"
        if isinstance(node, NoteRef):
            note = self.notes.get(node.note_id)
            return f"^[{self.inline(note.inlines)}]" if note and note.number else ""
        if isinstance(node, Quran):
            out = escape(node.brackets[:1] + node.text + node.brackets[1:])
            if node.ref is not None and node.ref_status in ("added", "confirmed", "corrected"):
                out += " " + escape(format_ref(node.ref, self.digits))
            elif node.typed_ref:
                out += " " + escape(node.typed_ref)
            return out
        return escape(plain_text((node,)))

    def block(self, block: Block) -> str:
        if isinstance(block, Removed):
            return ""
        if isinstance(block, Heading):
            return f"{'#' * block.level} {self.inline(block.inlines)}"
        if isinstance(block, Paragraph | SignOff):
            return self.inline(block.inlines)
        if isinstance(block, Quotation):
            return "\n>\n".join(f"> {self.inline(p.inlines)}" for p in block.paragraphs)
        if isinstance(block, Verse):
            return f"::: verse\n{self.inline(block.inlines)}\n:::"
        if isinstance(block, Break):
            return "* * *"
        raise TypeError(block)  # pragma: no cover - the model is closed


def pandoc_markdown(book: Book) -> str:
    """The whole book as one pandoc Markdown file."""
    meta = book.meta
    # JSON strings are valid YAML scalars
    out = [
        "---",
        f"title: {json.dumps(meta.title, ensure_ascii=False)}",
        f"author: {json.dumps(meta.author, ensure_ascii=False)}",
    ]
    out += [f"lang: {meta.language}", f"dir: {meta.direction}", "---", ""]
    for part in book.parts:
        writer = _Writer(book, {n.id: n for n in part.notes})
        out.append(f"# {writer.inline(part.title)}\n")
        out += [text + "\n" for block in part.blocks if (text := writer.block(block))]
    return "\n".join(out)


def pandoc_command(markdown: Path, epub: Path) -> list[str]:
    fonts = [f"--epub-embed-font={face.file}" for face in faces()]
    return [pandoc_path(), str(markdown), "-o", str(epub), *fonts]
