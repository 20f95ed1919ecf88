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
    ```شعر                        verse: one bayt a line, `صدر *** عجز`
    ```                           (or ```poem)
    «...» [@tabari, ج ٣ ص ٤٠٠]   an explicit citation of a sources.toml key
    ![وصف](images/map.png "تعليق")  a figure: alt text, file, caption
    | أ | ب |  (pipe table)          a table; its first row is the header row
    1. / - (nested by indent)     numbered and bulleted lists

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
from ..i18n import Msg, msg
from ..model import (
    Bayt,
    Block,
    Break,
    Cell,
    Cite,
    Code,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    NoteRef,
    Paragraph,
    Poem,
    Provenance,
    Quotation,
    Quran,
    SignOff,
    Table,
    Text,
    Verse,
    merge_text,
    plain_text,
    replace,
)
from ..text.xmlchars import FORBIDDEN, describe
from .captions import table_caption_line
from .structure import (
    BaytLine,
    FoundBayt,
    bayt_line,
    bayt_run,
    closes_at_end,
    hemistich,
    is_attribution,
    is_scene_break,
    is_sign_off,
    make_poem,
    poem_after,
    poem_from,
    quote_opening,
    split_verses,
    verse_line,
)

# markdown-it drops whatever is nested deeper than `maxNesting` (20 in
# CommonMark mode) without a word: raised here, and a part that reaches it is
# refused (see `_check_nesting`)
MAX_NESTING = 100
_MD = (
    MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING})
    .enable("table")
    .use(front_matter_plugin)
    .use(footnote_plugin)
)
# emphasis nested deeper than this is kept as the text it holds (500 `*`
# around a word nest 250 levels: no reader needs that)
MAX_EMPHASIS = 6
_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
_CITE = re.compile(r"\[@([\w.-]+)(?:\s*,\s*([^\]]*))?\]")
FRONT_KEYS = ("number", "title", "published", "venue", "url")  # published, venue, url: the first publication
# the info strings of a fenced block of verse
POEM_FENCES = ("شعر", "poem")


class MarkdownPart:
    """What the Markdown reader found: front matter, title, blocks, notes."""

    def __init__(self) -> None:
        self.front: dict[str, tuple[str, int]] = {}
        self.title: str = ""
        self.title_line: int = 1
        self.blocks: list[Block] = []
        self.notes: list[tuple[str, tuple[Inline, ...], Provenance]] = []
        self.refs: list[tuple[str, int]] = []  # labels called, with line
        self.warnings: list[tuple[int, str, Msg]] = []  # (line, rule, message): reported, not fatal


def read_markdown(text: str, file: str, sign_offs: tuple[str, ...] = ()) -> MarkdownPart:
    out = MarkdownPart()
    env: dict = {}  # the footnotes' labels, for the halves of a ```شعر block
    tokens = _MD.parse(text, env)
    _check_nesting(tokens, file)
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
        elif tok.type == "blockquote_close" and quote_stack:  # (the footnote plugin may leave a stray close)
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
        elif tok.type in ("bullet_list_open", "ordered_list_open") and footnote_label is None and not quote_stack:
            block, i = _list(tokens, i, file, out)
            out.blocks.append(block)
            continue
        elif tok.type == "table_open":
            table, i = _table(tokens, i, file, out)
            if footnote_label is None and not quote_stack:
                out.blocks.append(table)
            else:  # a table inside a quotation or a note: its rows as lines, said
                rows = [_row_text(row) for row in table.rows]
                para = Paragraph(_join_lines(rows), table.prov)
                if footnote_label is not None:
                    footnote_inlines.extend(((LineBreak(),) if footnote_inlines else ()) + para.inlines)
                else:
                    quote_stack[-1][0].append(para)
                message = msg("a table inside a quotation or a footnote is set as lines, one per row")
                out.warnings.append((table.prov.line, "md-table-nested", message))
            continue
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
            elif (figure := _figure(tok, prov, file, out)) is not None:
                out.blocks.append(figure)
            else:
                out.blocks.extend(_verse_or_paragraph(tok, prov, file, out, sign_offs))
        elif tok.type == "fence" and tok.info.strip().lower() in POEM_FENCES:
            out.blocks.append(_fenced_poem(tok, file, line, out, env))
        elif tok.type in ("fence", "code_block", "html_block"):
            out.blocks.append(Paragraph((Text(tok.content.rstrip("\n")),), Provenance(file, line)))
        i += 1
    _fenced_notes(text, file, out)
    _check_footnotes(text, out)
    _table_captions(out.blocks)
    return out


def _table_captions(blocks: list) -> None:
    """A «جدول ١: …» paragraph just above a table, or just below one with
    none above, is the table's caption (readers/captions.py); the author's
    words unchanged, moved into the table."""
    i = 0
    while i < len(blocks):
        table = blocks[i]
        if isinstance(table, Table) and not table.caption:
            above = i - 1 if i > 0 and _caption_para(blocks[i - 1]) else None
            below = i + 1 if i + 1 < len(blocks) and _caption_para(blocks[i + 1]) else None
            if below is not None and below + 1 < len(blocks) and isinstance(blocks[below + 1], Table):
                below = None  # the line above the next table is that table's
            j = above if above is not None else below
            if j is not None:
                blocks[i] = replace(table, caption=blocks[j].inlines)
                del blocks[j]
                i -= j < i
        i += 1


def _caption_para(block) -> bool:
    return type(block) is Paragraph and table_caption_line(plain_text(block.inlines))


def _check_nesting(tokens: list[Token], file: str) -> None:
    """Refuse a part nested as deep as markdown-it goes: what lies deeper is lost."""
    line = 1
    for tok in tokens:
        if tok.map:
            line = tok.map[0] + 1
        if tok.level >= MAX_NESTING - 1:
            raise InputError(
                msg(
                    "block quotes or lists nested too deeply (about {levels} levels or more): "
                    "the text inside would be lost; nest them less deeply",
                    levels=50,
                ),
                file,
                line,
            )


def footnote_label(label: str) -> str:
    """A footnote as messages name it: `[^label]`."""
    return f"[^{label}]"


def _check_footnotes(text: str, out: MarkdownPart) -> None:
    """A footnote defined but never called, or defined twice, is not (or not
    wholly) in the book: say so, with the line of the definition."""
    called = {label for label, _ in out.refs}
    first: dict[str, int] = {}
    fenced = False
    for no, raw in enumerate(text.split("\n"), 1):
        if _FENCE.match(raw):
            fenced = not fenced
        m = None if fenced else _DEFINITION.match(raw)
        if m is None:
            continue
        label = m.group(1)
        if label in first:
            message = msg(
                "footnote {label} is defined again (first at line {first}): only the last definition is in the book",
                label=footnote_label(label),
                first=first[label],
            )
            out.warnings.append((no, "md-footnote-twice", message))
            continue
        first[label] = no
        if label not in called:
            message = msg(
                "footnote {label} is defined but never called: its text is not in the book", label=footnote_label(label)
            )
            out.warnings.append((no, "md-footnote-uncalled", message))


def _fenced_poem(tok: Token, file: str, line: int, out: MarkdownPart, env: dict) -> Poem | Paragraph:
    """A ```شعر (or ```poem) block: one bayt a line, the halves separated
    by ` *** ` (or any separator the text rules know); a line of one half
    is a lone half-line.  Blank lines are ignored.  A half is Markdown
    inline text: `**bold**`, `*italic*`, a note call `[^1]`."""
    bayts = []

    def half(text: str, no: int) -> tuple[Inline, ...]:
        if not any(mark in text for mark in "*_[`"):
            return hemistich(text)
        first = _MD.parseInline(text, env)[0]  # (then the plugin's footnote tokens, empty)
        first.map = [no - 1, no]
        return _inlines(first, file, out)

    for no, raw in enumerate(tok.content.split("\n"), line + 1):
        if not raw.strip():
            continue
        found = bayt_line(raw)
        if found is None and "***" in raw:
            sadr, _, ajuz = raw.rpartition(" *** ") if " *** " in raw else raw.partition("***")
            found = BaytLine(sadr.strip(), ajuz.strip(), "***", True)
        prov = Provenance(file, no)
        if found is None:
            bayts.append(Bayt(half(raw.strip(), no), (), prov))
        else:
            bayts.append(Bayt(half(found.sadr, no), half(found.ajuz, no), prov, found.separator))
    if not bayts:  # an empty block: nothing to set
        return Paragraph((), Provenance(file, line))
    return Poem(tuple(bayts), replace(bayts[0].prov, end_line=bayts[-1].prov.end_line))


def _fenced_notes(text: str, file: str, out: MarkdownPart) -> None:
    """The text of the notes called only in a ```شعر block: the footnote
    plugin keeps the definitions of the notes its parse saw called, and it
    does not read a fence's text; so the part is read again, the calls
    written after it."""
    have = {label for label, _, _ in out.notes}
    missing = sorted({label for label, _ in out.refs} - have)
    if not missing:
        return
    scratch = MarkdownPart()
    calls = "".join(f"[^{label}]" for label in missing)
    _called_notes(_MD.parse(f"{text}\n\n{calls}\n"), file, scratch)
    out.notes.extend(n for n in scratch.notes if n[0] in missing)
    out.warnings.extend(scratch.warnings)


def _called_notes(tokens: list[Token], file: str, out: MarkdownPart) -> None:
    """The notes among a parse's tokens (each `footnote_open`, its
    paragraphs, `footnote_close`)."""
    label, inlines, line = None, [], 0
    for tok in tokens:
        if tok.type == "footnote_open":
            label, inlines, line = tok.meta["label"], [], 0
        elif tok.type == "inline" and label is not None:
            if inlines:
                inlines.append(LineBreak())
            inlines.extend(_inlines(tok, file, out))
            line = line or ((tok.map[0] + 1) if tok.map else 1)
        elif tok.type == "footnote_close" and label is not None:
            out.notes.append((label, tuple(inlines), Provenance(file, line or 1)))
            label = None


def _verse_or_paragraph(
    tok: Token, prov: Provenance, file: str, out: MarkdownPart, sign_offs: tuple[str, ...]
) -> list[Block]:
    """A paragraph whose lines are bayts (`صدر *** عجز`), or that introduces
    the verse on its next lines («قال الشاعر:» then one half a line), is a
    poem, each half keeping its emphasis and note calls; bayts in a
    paragraph of their own after a poem (a blank line between bayts) join
    it; any other is the paragraph `_paragraph` makes."""
    inlines = _inlines(tok, file, out, soft=SOFT)
    segments = _lines_of(inlines)
    if segments is None:  # a line break inside emphasis: not verse
        return [_paragraph(tok, prov, file, out, sign_offs, _unsoft(inlines))]
    lines = [plain_text(seg) for seg in segments]
    previous = out.blocks[-1] if out.blocks else None
    provs = [Provenance(file, prov.line + k) for k in range(len(lines))]
    if isinstance(previous, Poem):
        run = bayt_run(lines, 0, True)
        if run and len(run) == len(lines):
            found = [FoundBayt(b.sadr, b.ajuz, b.separator, k, k) for k, b in enumerate(run)]
            more = make_poem(found, provs, segments)
            out.blocks[-1] = Poem(previous.bayts + more.bayts, replace(previous.prov, end_line=more.prov.end_line))
            return []
    intro = isinstance(previous, Paragraph) and previous.attributes_quote
    context = [plain_text(previous.inlines)] if intro and isinstance(previous, Paragraph) else []
    bayts = poem_from(context + lines, len(context))
    if bayts and bayts[-1].last == len(context) + len(lines) - 1:
        return [make_poem(bayts, [provs[0]] * len(context) + provs, [()] * len(context) + segments)]
    introduced = poem_after(lines, 0) if len(lines) > 1 else []
    if introduced and introduced[-1].last == len(lines) - 1:
        head = Paragraph(segments[0], provs[0], attributes_quote=True)
        return [head, make_poem(introduced, provs, segments)]
    return [_paragraph(tok, prov, file, out, sign_offs, _unsoft(inlines))]


# what a soft line break is while the verse rules read a paragraph's lines
# (markdown-it's text never holds a newline)
SOFT = "\n"


def _lines_of(inlines: tuple[Inline, ...]) -> list[tuple[Inline, ...]] | None:
    """The inline content of each line of a paragraph read with `SOFT`
    breaks, or None when a break stands inside emphasis or a link."""
    lines: list[list[Inline]] = [[]]
    for node in inlines:
        if isinstance(node, Text) and SOFT in node.text:
            first, *rest = node.text.split(SOFT)
            if first:
                lines[-1].append(Text(first))
            for piece in rest:
                lines.append([Text(piece)] if piece else [])
        elif SOFT in plain_text((node,)):
            return None
        else:
            lines[-1].append(node)
    return [tuple(line) for line in lines]


def _unsoft(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """The content with its soft breaks as the spaces of a paragraph."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(Text(node.text.replace(SOFT, " ")))
        elif isinstance(node, (Emphasis, Link)):
            out.append(replace(node, children=_unsoft(node.children)))
        elif isinstance(node, Quran):
            out.append(replace(node, text=node.text.replace(SOFT, " ")))
        else:
            out.append(node)
    return tuple(out)


def _paragraph(
    tok: Token,
    prov: Provenance,
    file: str,
    out: MarkdownPart,
    sign_offs: tuple[str, ...],
    inlines: tuple[Inline, ...] | None = None,
) -> Block:
    source = tok.content.strip()
    if is_scene_break(source):  # `•••`, `⁂`: the Markdown `***` and `---` are `hr` already
        return Break(prov)
    verse = verse_line(source) if "\n" not in source else None
    if verse is not None:
        return Verse(verse, prov)
    if inlines is None:
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
            raise InputError(
                msg(
                    "front matter: expected one of {keys} as {form}",
                    keys=", ".join(FRONT_KEYS),
                    form="`key: value`",
                ),
                file,
                no,
            )
        out.front[name] = (_front_value(name, value.strip(), file, no), no)


# a value starting so is YAML warraq does not read (a list, a mapping, a
# block, an anchor, a tag): refused, not taken as the text it starts with
_YAML_STARTS = "[]{}|>&*!%@`"


def _front_value(name: str, value: str, file: str, no: int) -> str:
    """A front matter value as plain text, its quotes off; one line when it is
    empty, an unclosed quotation or YAML warraq does not read."""
    if value[:1] in ('"', "'"):
        if len(value) < 2 or value[-1] != value[0]:
            raise InputError(
                msg("front matter {key}: the quotation mark {mark} is not closed", key=name, mark=value[0]), file, no
            )
        value = value[1:-1].strip()
    elif value[:1] and value[0] in _YAML_STARTS:
        raise InputError(
            msg(
                "front matter {key}: {value} is YAML warraq does not read; "
                "write the {key} as plain text (in quotes if it starts with {mark})",
                key=name,
                value=repr(value[:40]),
                mark=value[0],
            ),
            file,
            no,
        )
    if not value:
        raise InputError(msg("front matter {key} is empty", key=name), file, no)
    return value


def _inlines(tok: Token, file: str, out: MarkdownPart, soft: str = " ") -> tuple[Inline, ...]:
    stack: list[tuple[str, list[Inline], str]] = [("root", [], "")]
    flattened = 0  # emphasis opened past MAX_EMPHASIS and not closed yet
    line = (tok.map[0] + 1) if tok.map else 0
    for child in tok.children or []:
        t = child.type
        current = stack[-1][1]
        if t == "text":
            forbidden = FORBIDDEN.search(child.content)
            if forbidden:  # typed as an entity (`&#12;`): markdown-it decodes it
                raise InputError(
                    msg(
                        "a {character} (an HTML entity?): no EPUB may hold it",
                        character=describe(forbidden.group()),
                    ),
                    file,
                    line,
                )
            undefined = _UNDEFINED_NOTE.search(child.content)
            if undefined:
                raise InputError(
                    msg("footnote {label} is called but never defined", label=footnote_label(undefined.group(1))),
                    file,
                    line,
                )
            current.extend(_text_with_cites(child.content))
        elif t == "code_inline":
            current.append(Code(child.content))
        elif t in ("softbreak",):
            current.extend(_text_with_cites(soft))
            line += 1
        elif t == "hardbreak":
            current.append(LineBreak())
            line += 1
        elif t in ("em_open", "strong_open") and len(stack) > MAX_EMPHASIS:
            flattened += 1  # its text stays, in the emphasis around it
            if flattened == 1:
                message = msg(
                    "emphasis nested more than {levels} levels deep: the deeper levels are ignored", levels=MAX_EMPHASIS
                )
                out.warnings.append((line, "md-emphasis-depth", message))
        elif t in ("em_close", "strong_close") and flattened:
            flattened -= 1
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
        elif t == "html_inline":
            current.append(Text(child.content))
        elif t == "image":  # within running text: its alt text (a figure stands alone)
            current.append(Text(child.content))
            message = msg(
                "image {name} within running text (a table's cell, a note, a sentence) is set as its "
                "description {alt}; give it a paragraph of its own",
                name=str(child.attrs.get("src", "")) or "?",
                alt=repr(child.content),
            )
            out.warnings.append((line, "md-image-inline", message))
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


# ---------------------------------------------------------------- figures, tables, lists


def _figure(tok: Token, prov: Provenance, file: str, out: MarkdownPart) -> Figure | None:
    """A paragraph that is one image: `![alt](file "caption")`.  The file is
    as the author wrote it; `readers.attach_images` finds and checks it."""
    children = [c for c in tok.children or [] if not (c.type == "text" and not c.content.strip())]
    children = [c for c in children if c.type not in ("softbreak", "hardbreak")]
    if len(children) != 1 or children[0].type != "image":
        return None
    image = children[0]
    src = str(image.attrs.get("src", ""))
    title = str(image.attrs.get("title") or "").strip()
    alt = image.content.strip()
    caption = _merge(_text_with_cites(title)) if title else ()
    return Figure(src, alt, caption, prov)


def _close_index(tokens: list[Token], i: int) -> int:
    """The index of the token closing the one opened at `i`."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1  # pragma: no cover - markdown-it closes what it opens


def _list(tokens: list[Token], i: int, file: str, out: MarkdownPart) -> tuple[List, int]:
    """The list opened at `i`, its nested lists inside its items; returns the
    list and the index after its closing token."""
    opening = tokens[i]
    end = _close_index(tokens, i)
    first = (opening.map[0] + 1) if opening.map else 1
    last = opening.map[1] if opening.map else first
    ordered = opening.type == "ordered_list_open"
    start = int(opening.attrs.get("start", 1)) if ordered else 1
    items: list[ListItem] = []
    j = i + 1
    while j < end:
        tok = tokens[j]
        if tok.type != "list_item_open":
            j += 1
            continue
        item_end = _close_index(tokens, j)
        line = (tok.map[0] + 1) if tok.map else first
        inlines: list[Inline] = []
        children: list[List] = []
        k = j + 1
        while k < item_end:
            inner = tokens[k]
            if inner.type in ("bullet_list_open", "ordered_list_open"):
                nested, k = _list(tokens, k, file, out)
                children.append(nested)
                continue
            if inner.type == "inline":
                if inlines:
                    inlines.append(LineBreak())
                inlines.extend(_inlines(inner, file, out))
            elif inner.type in ("fence", "code_block"):
                if inlines:
                    inlines.append(LineBreak())
                inlines.append(Text(inner.content.rstrip("\n")))
            k += 1
        end_line = max((t.map[1] for t in tokens[j:item_end] if t.type == "inline" and t.map), default=line)
        items.append(ListItem(tuple(inlines), Provenance(file, line, end_line), tuple(children)))
        j = item_end + 1
    # the last line with text (markdown-it's range runs on over blank lines)
    last = max((t.map[1] for t in tokens[i:end] if t.type == "inline" and t.map), default=last)
    return List(tuple(items), Provenance(file, first, last), "decimal" if ordered else "bullet", start), end + 1


_ALIGN = {"text-align:left": "start", "text-align:right": "end", "text-align:center": "center"}


def _table(tokens: list[Token], i: int, file: str, out: MarkdownPart) -> tuple[Table, int]:
    """The pipe table opened at `i`: its head row is the header row.
    `:--` aligns a column to the start of its lines (the right in an Arabic
    book), `--:` to their end."""
    opening = tokens[i]
    end = _close_index(tokens, i)
    first = (opening.map[0] + 1) if opening.map else 1
    last = opening.map[1] if opening.map else first
    rows: list[tuple[Cell, ...]] = []
    align: list[str] = []
    header_rows = 0
    row: list[Cell] = []
    for j in range(i + 1, end):
        tok = tokens[j]
        if tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open"):
            header = tok.type == "th_open"
            if header and len(align) <= len(row):
                align.append(_ALIGN.get(str(tok.attrs.get("style", "")), ""))
            cell_inlines = _inlines(tokens[j + 1], file, out) if tokens[j + 1].type == "inline" else ()
            row.append(Cell(cell_inlines, header=header))
        elif tok.type == "tr_close":
            rows.append(tuple(row))
        elif tok.type == "thead_close":
            header_rows = len(rows)
    return Table(tuple(rows), Provenance(file, first, last), header_rows, tuple(align)), end + 1


def _row_text(row: tuple[Cell, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for n, cell in enumerate(row):
        if n:
            out.append(Text(" | "))
        out.extend(cell.inlines)
    return tuple(out)


def _join_lines(rows: list[tuple[Inline, ...]]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for n, row in enumerate(rows):
        if n:
            out.append(LineBreak())
        out.extend(row)
    return merge_text(out)
