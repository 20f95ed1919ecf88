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

from bench.export import Export
from warraq.model import (
    Book,
)
from warraq.render.fonts import faces

# pandoc Markdown: a backslash makes any ASCII punctuation literal
_PUNCTUATION = set(string.punctuation)


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def escape(text: str) -> str:
    return "".join("\\" + c if c in _PUNCTUATION else c for c in text).replace("\n", " ")


class _Markdown(Export):
    """pandoc Markdown (footnotes in place, as `^[…]`)."""

    line_break = "\\\n"
    thematic_break = "* * *"

    def escape(self, text: str) -> str:
        return escape(text)

    def emphasis(self, inner: str, strong: bool) -> str:
        mark = "**" if strong else "*"
        return f"{mark}{inner}{mark}"

    def footnote(self, inner: str) -> str:
        return f"^[{inner}]"

    def verse_ref(self, ref: str) -> str:
        return " " + ref

    def heading(self, level: int, inner: str) -> str:
        return f"{'#' * level} {inner}"

    def paragraph(self, inner: str, attribution: bool) -> str:
        return inner

    def sign_off(self, inner: str) -> str:
        return inner

    def quotation(self, paragraphs: list[str], kind: str) -> str:
        return "\n>\n".join(f"> {p}" for p in paragraphs)

    def verse(self, inner: str) -> str:
        return f"::: verse\n{inner}\n:::"


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
        writer = _Markdown(book, {n.id: n for n in part.notes})
        out.append(f"# {writer.inline(part.title)}\n")
        out += [text + "\n" for block in part.blocks if (text := writer.block(block))]
    return "\n".join(out)


def pandoc_command(markdown: Path, epub: Path) -> list[str]:
    fonts = [f"--epub-embed-font={face.file}" for face in faces()]
    return [pandoc_path(), str(markdown), "-o", str(epub), *fonts]
