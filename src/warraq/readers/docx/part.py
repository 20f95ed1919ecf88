"""The part: the paragraphs read, to the reader's result.

It owns what is decided over the whole part: the title (the first paragraph
typed as one, the Title style, a heading, or short, bold and centred, among
the first few; else a short first paragraph; else the file's name); the
sections' heading levels (by meaning, ranked; a short bold centred paragraph
is a section heading unless the author sets many that way); bold or italic
over nearly all the text read as the author's font, not emphasis; the notes
in order of call; and the summary findings (tracked changes, hidden text,
left-to-right Arabic paragraphs, comments, superscripts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ...errors import InputError
from ...i18n import msg, nmsg
from ...model import Emphasis, Finding, Inline, Isolate, NoteRef, Provenance, Quran, Text, merge_text, plain_text
from ..structure import (
    MAX_HEADING_WORDS,
    Para,
    is_scene_break,
    is_sign_off,
    number_from_title,
    quote_opening,
    verse_line,
)
from .inlines import flat
from .notes import Notes
from .state import KIND, UNIT

MAX_TITLE_WORDS = 20  # a first paragraph this short is the title, as a text part's first line
TITLE_WITHIN = 3  # the title is looked for among the first paragraphs
WHOLE_TEXT = 0.8  # bold or italic over this share of a part's text is its font, not emphasis
_SENTENCE_END = (".", "؟", "?", "!", "…", "،", ",", "؛")


@dataclass
class DocxPart:
    """What the Word reader found: the title, its paragraphs, the notes."""

    title: tuple[Inline, ...]
    title_text: str
    title_prov: Provenance
    paras: list[Para]
    # (kind "fn" or "en", the note's id in the file, its content, where its call is)
    notes: list[tuple[str, str, tuple[Inline, ...], Provenance]]
    findings: list[Finding] = field(default_factory=list)


class Part(Notes):
    """The title, the sections, the emphasis and the notes of the part, and its summary findings."""

    def finish_part(self, found: list[tuple[Para, dict]]) -> DocxPart:
        file = self.file
        if self.tables and all(para.block is not None for para, _ in found):
            number, rows, cols = self.tables[0]
            raise InputError(
                msg(
                    "the document holds only a table ({rows} rows, {columns} columns) and no text: "
                    "type the article's title above the table",
                    rows=rows,
                    columns=cols,
                ),
                f"{file}:¶{number}",
            )
        if not found:
            raise InputError(msg("empty Word document: no paragraph with text"), file)
        first = found[0][0]
        # a figure, a table or a list (a block of its own) is no title
        short = len(first.text.split()) <= MAX_TITLE_WORDS and first.block is None
        # the first paragraph typed as a title, among the first few (a date or
        # the author's name may come before it); else a short first paragraph
        typed = next((k for k, (para, info) in enumerate(found[:TITLE_WITHIN]) if _typed_title(para, info)), None)
        if typed and not _title_after(found, typed):
            typed = None
        if typed is not None:
            title_para, body = found[typed][0], found[:typed] + found[typed + 1 :]
        elif short:
            title_para, body = first, found[1:]
        else:
            stem = PurePosixPath(file.replace("\\", "/")).stem
            title_para = Para(stem, (Text(stem),), Provenance(file, first.prov.line, unit=UNIT))
            body = found
        title = _plain_emphasis(title_para.inlines)
        moved = [n for n in flat(title) if isinstance(n, NoteRef)]
        title = tuple(n for n in title if not isinstance(n, NoteRef))
        levels = sorted({info["level"] for _, info in body if info["level"]})
        rank = {lvl: min(2 + i, 3) for i, lvl in enumerate(levels)}
        # a short bold centred paragraph is a section heading, unless the
        # author sets many paragraphs that way (a poem, a page all centred)
        typed = [para for para, info in body if not info["level"] and self._typed_heading(para, info)]
        typed_headings = {id(p) for p in typed} if len(typed) <= max(2, len(body) // 3) else set()
        whole = self._whole_text_emphasis([para for para, _ in body])
        paras: list[Para] = []
        for para, info in body:
            level = rank.get(info["level"], 0) or (2 if id(para) in typed_headings else 0)
            inlines = _plain_emphasis(para.inlines) if level else _strip_emphasis(para.inlines, whole)
            if para.block is not None:  # a figure, table or list: as the body made it
                paras.append(para)
                continue
            verse = info.get("verse", False) and not level
            paras.append(Para(para.text, inlines, para.prov, level, quoted=info["quoted"] and not level, verse=verse))
        if moved and paras:
            last = paras[0]
            paras[0] = Para(last.text, last.inlines + tuple(moved), last.prov, last.level)
            self.findings.append(
                Finding(
                    KIND,
                    "docx-title-note",
                    msg("the title's note call is moved to the end of the first paragraph (a title carries no note)"),
                    title_para.prov,
                    "warning",
                )
            )
        notes = self.collect_notes(title_para, paras)
        self._summary_findings()
        return DocxPart(title, title_para.text, title_para.prov, paras, notes, self.findings)

    def _typed_heading(self, para: Para, info: dict) -> bool:
        """Short, bold, centred, no sentence: how authors type a section title."""
        text = para.text
        return (
            info["centred"]
            and info["bold"]
            and len(text.split()) <= MAX_HEADING_WORDS
            and not text.endswith(_SENTENCE_END)
            and not quote_opening(text)
            and verse_line(text) is None
            and not is_scene_break(text)
            and not is_sign_off(text, self.sign_offs)
        )

    def _whole_text_emphasis(self, paras: list[Para]) -> set[bool]:
        """Bold (True) or italic (False) set on nearly all the text is the
        author's font, not emphasis: said once, and not read as emphasis."""
        total = sum(len(p.text) for p in paras) or 1
        whole: set[bool] = set()
        said = {
            True: msg("the whole text is bold: bold is not read as emphasis in this part"),
            False: msg("the whole text is italic: italic is not read as emphasis in this part"),
        }
        for strong, name in ((True, "bold"), (False, "italic")):
            covered = sum(len(p.text) for p in paras if _all_emphasis(p.inlines, strong))
            if covered / total >= WHOLE_TEXT:
                whole.add(strong)
                self.number = paras[0].prov.line
                self.find(f"docx-all-{name}", said[strong], "info")
        return whole

    def _summary_findings(self) -> None:
        self.number = self.first_change or 1
        if self.changes:
            self.find(
                "docx-tracked-changes",
                msg(
                    "the document holds tracked changes not yet accepted: insertions are read, deletions left out "
                    "(accept or reject them in Word to be sure)"
                ),
                "warning",
                {"changes": self.changes},
            )
        self.number = self.first_hidden or 1
        if self.hidden:
            self.find(
                "docx-hidden",
                nmsg(
                    "{n} run of hidden text (Word's Hidden format) is left out, as Word shows the page",
                    "{n} runs of hidden text (Word's Hidden format) are left out, as Word shows the page",
                    n=self.hidden,
                ),
                "warning",
            )
        self.number = self.first_ltr or 1
        if self.left_to_right:
            self.find(
                "docx-left-to-right",
                nmsg(
                    "{n} Arabic paragraph is left-to-right in Word (no {attribute}); the book sets it right to left",
                    "{n} Arabic paragraphs are left-to-right in Word (no {attribute}); "
                    "the book sets them right to left",
                    n=self.left_to_right,
                    attribute="w:bidi",
                ),
                "info",
                {"paragraphs": self.left_to_right},
            )
        self.number = self.first_comment or 1
        self.comments = self.comments or self.comment_calls
        if self.comments:
            self.find(
                "docx-comments",
                nmsg(
                    "{n} comment in the document is ignored",
                    "{n} comments in the document are ignored",
                    n=self.comments,
                ),
                "info",
                {"comments": self.comments},
            )
        for number, text in self.superscripts[:20]:
            self.number = number
            self.find(
                "docx-superscript",
                msg("superscript text «{text}» is set as ordinary text (it is not a note call)", text=text.strip()),
                "info",
            )
        self.number = 0


def _typed_title(para: Para, info: dict) -> bool:
    """A paragraph the author typed as a title: the Title style, a heading,
    or short, bold and centred."""
    short = len(para.text.split()) <= MAX_TITLE_WORDS
    return bool(info["title"] or info["level"] or (info["centred"] and info["bold"] and short))


def _title_after(found: list[tuple[Para, dict]], k: int) -> bool:
    """May paragraph k, typed as a title, be the title though paragraphs come
    before it?  Not when it has no part number and one of those has (that one
    is the title, typed plain), nor when k is a heading whose level the part
    uses again (it is the first section)."""
    numbered = any(number_from_title(para.text) is not None for para, _ in found[:k])
    if numbered and number_from_title(found[k][0].text) is None:
        return False
    info = found[k][1]
    if info["title"] or (info["centred"] and info["bold"]):
        return True
    return all(other["level"] != info["level"] for _, other in found[k + 1 :])


def _all_emphasis(inlines: tuple[Inline, ...], strong: bool) -> bool:
    """Is all the text of a paragraph under bold (or italic) emphasis?"""
    found = False
    for node in inlines:
        if isinstance(node, Emphasis):
            if node.strong == strong:
                found = True
            elif not _all_emphasis(node.children, strong):
                return False
            else:
                found = True
        elif isinstance(node, Text | Isolate | Quran) and plain_text((node,)).strip():
            return False
    return found


def _strip_emphasis(inlines: tuple[Inline, ...], kinds: set[bool]) -> tuple[Inline, ...]:
    """The content without the emphasis of the given kinds (True: bold)."""
    if not kinds:
        return inlines
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Emphasis):
            children = _strip_emphasis(node.children, kinds)
            if node.strong in kinds:
                out.extend(children)
            else:
                out.append(Emphasis(children, node.strong))
        else:
            out.append(node)
    return merge_text(out)


def _plain_emphasis(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A heading's content without emphasis (a heading is bold by its style)."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Emphasis):
            out.extend(_plain_emphasis(node.children))
        else:
            out.append(node)
    return merge_text(out)
