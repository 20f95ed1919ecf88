"""Markdown parts -> Part, through markdown-it-py (CommonMark + footnotes).

For authors who want control where inference errs:

    ---
    number: 5
    title: بقعة ضوء (٥)
    ---
    ## قسم                      section heading
    > quoted paragraphs           one quotation block
    ﴿...﴾ [محمد: ٧]              a Qur'an verse (alone in its paragraph)
    text[^1]  /  [^1]: note       the author's own footnotes
    «...» [@tabari, ج ٣ ص ٤٠٠]   an explicit citation of a sources.toml key

Front matter is simple `key: value` lines (number, title).  Raw HTML is kept
as text (escaped on output), never passed through.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..errors import InputError
from ..model import (
    Block,
    Break,
    Cite,
    Code,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    NoteRef,
    Paragraph,
    Provenance,
    Quotation,
    SignOff,
    Text,
    Verse,
    merge_text,
)
from .structure import (
    closes_at_end,
    is_attribution,
    is_scene_break,
    is_sign_off,
    quote_opening,
    split_verses,
    verse_line,
)

_MD = MarkdownIt("commonmark", {"html": False}).use(front_matter_plugin).use(footnote_plugin)
_UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
_CITE = re.compile(r"\[@([\w.-]+)(?:\s*,\s*([^\]]*))?\]")
FRONT_KEYS = ("number", "title")


class MarkdownPart:
    """What the Markdown reader found: front matter, title, blocks, notes."""

    def __init__(self) -> None:
        self.front: dict[str, tuple[str, int]] = {}
        self.title: str = ""
        self.title_line: int = 1
        self.blocks: list[Block] = []
        self.notes: list[tuple[str, tuple[Inline, ...], Provenance]] = []
        self.refs: list[tuple[str, int]] = []  # labels called, with line


def read_markdown(text: str, file: str, sign_offs: tuple[str, ...] = ()) -> MarkdownPart:
    out = MarkdownPart()
    tokens = _MD.parse(text)
    i = 0
    quote_stack: list[tuple[list[Paragraph], int]] = []
    footnote_label: str | None = None
    footnote_inlines: list[Inline] = []
    footnote_line = 0
    while i < len(tokens):
        tok = tokens[i]
        line = (tok.map[0] + 1) if tok.map else 0
        if tok.type == "front_matter":
            _front_matter(tok.content, file, out)
        elif tok.type == "heading_open":
            inline = tokens[i + 1]
            level = int(tok.tag[1])
            if level == 1 and not out.title and not out.blocks:
                out.title, out.title_line = inline.content.strip(), line
            else:
                out.blocks.append(Heading(min(max(level, 2), 3), _inlines(inline, file, out), Provenance(file, line)))
            i += 2
        elif tok.type == "blockquote_open":
            quote_stack.append(([], line))
        elif tok.type == "blockquote_close":
            paras, start = quote_stack.pop()
            if paras:
                end = paras[-1].prov.end_line
                block = Quotation(tuple(paras), Provenance(file, start, end), "")
                if quote_stack:
                    quote_stack[-1][0].extend(paras)
                else:
                    out.blocks.append(block)
        elif tok.type == "footnote_open":
            footnote_label = tok.meta["label"]
            footnote_inlines = []
            footnote_line = 0
        elif tok.type == "footnote_close":
            out.notes.append((footnote_label or "", tuple(footnote_inlines), Provenance(file, footnote_line or 1)))
            footnote_label = None
        elif tok.type == "hr":
            out.blocks.append(Break(Provenance(file, line)))
        elif tok.type == "paragraph_open":
            i += 1
            tok = tokens[i]
            end_line = tok.map[1] if tok.map else line
            prov = Provenance(file, line, end_line)
            if footnote_label is not None:
                if footnote_inlines:
                    footnote_inlines.append(LineBreak())
                footnote_inlines.extend(_inlines(tok, file, out))
                footnote_line = footnote_line or line
            elif quote_stack:
                quote_stack[-1][0].append(Paragraph(_inlines(tok, file, out), prov))
            else:
                out.blocks.append(_paragraph(tok, prov, file, out, sign_offs))
        elif tok.type in ("fence", "code_block", "html_block"):
            out.blocks.append(Paragraph((Text(tok.content.rstrip("\n")),), Provenance(file, line)))
        i += 1
    return out


def _paragraph(tok: Token, prov: Provenance, file: str, out: MarkdownPart, sign_offs: tuple[str, ...]) -> Block:
    source = tok.content.strip()
    if is_scene_break(source):  # `•••`, `⁂`: the Markdown `***` and `---` are `hr` already
        return Break(prov)
    verse = verse_line(source) if "\n" not in source else None
    if verse is not None:
        return Verse(verse, prov)
    inlines = _inlines(tok, file, out)
    if is_sign_off(source, sign_offs):
        return SignOff(inlines, prov)
    pair = quote_opening(source)
    if pair and closes_at_end(source, *pair):
        return Quotation((Paragraph(inlines, prov),), prov, "".join(pair))
    return Paragraph(inlines, prov, attributes_quote=is_attribution(source))


def _front_matter(content: str, file: str, out: MarkdownPart) -> None:
    for no, raw in enumerate(content.splitlines(), 2):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        name, sep, value = raw.partition(":")
        name = name.strip()
        if not sep or name not in FRONT_KEYS:
            raise InputError(f"front matter: expected one of {', '.join(FRONT_KEYS)} as `key: value`", file, no)
        out.front[name] = (value.strip().strip("\"'"), no)


def _inlines(tok: Token, file: str, out: MarkdownPart) -> tuple[Inline, ...]:
    stack: list[tuple[str, list[Inline], str]] = [("root", [], "")]
    line = (tok.map[0] + 1) if tok.map else 0
    for child in tok.children or []:
        t = child.type
        current = stack[-1][1]
        if t == "text":
            undefined = _UNDEFINED_NOTE.search(child.content)
            if undefined:
                raise InputError(f"footnote [^{undefined.group(1)}] is called but never defined", file, line)
            current.extend(_text_with_cites(child.content))
        elif t == "code_inline":
            current.append(Code(child.content))
        elif t in ("softbreak",):
            current.extend(_text_with_cites(" "))
            line += 1
        elif t == "hardbreak":
            current.append(LineBreak())
            line += 1
        elif t in ("em_open", "strong_open", "link_open"):
            stack.append((t, [], child.attrs.get("href", "") if t == "link_open" else ""))
        elif t in ("em_close", "strong_close", "link_close"):
            kind, children, href = stack.pop()
            merged = _merge(children)
            if kind == "link_open":
                stack[-1][1].append(Link(merged, str(href)))
            else:
                stack[-1][1].append(Emphasis(merged, strong=kind == "strong_open"))
        elif t == "footnote_ref":
            label = child.meta["label"]
            out.refs.append((label, line))
            current.append(NoteRef(label))
        elif t in ("html_inline",) or t == "image":
            current.append(Text(child.content))
    return _merge(stack[0][1])


def _text_with_cites(text: str) -> list[Inline]:
    out: list[Inline] = []
    pos = 0
    for m in _CITE.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos : m.start()]))
        out.append(Cite(m.group(1), (m.group(2) or "").strip()))
        pos = m.end()
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out


def _merge(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Join adjacent Text nodes, then find Qur'an quotations inside them."""
    result: list[Inline] = []
    for node in merge_text(nodes):
        if isinstance(node, Text):
            result.extend(split_verses(node.text))
        else:
            result.append(node)
    return tuple(result)
