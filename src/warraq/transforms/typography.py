"""Book typography that changes what the author typed, in the book only (the
source files are untouched).  Every change is a finding (kind
"typography", with the file and line, and `data.match`: the text as the
book shows it, which the preview marks):

* `typo-heading-colon`  a heading does not end with a colon in a book:
                        `الدعوة الإسلامية:` is set `الدعوة الإسلامية`;
* `typo-quran-brackets` a verse typed between braces `{…}` is set between
                        ﴿…﴾ once it is identified (transforms/quran.py);
* `typo-quotes`         `[typography] quotes = "guillemets"`: “…” (and „…“)
                        become «…»;
* `typo-digits`         `[typography] digits = "arabic-indic"`: the author's
                        Western digits in Arabic text become ٠١٢…; not inside
                        Latin runs (titles, URLs, `Windows 10`), Latin
                        bibliographic data or Qur'an references.
* `typo-note-call`      `[typography] note_call = "before-punctuation"` (the
                        default of an Arabic book): a note call typed after
                        a punctuation mark («المنار،⁽١⁾», as Word sets it)
                        stands before it («المنار⁽١⁾،»), as Arabic books
                        set it; `"as-typed"` leaves it where it was typed.

Runs after the other transforms: sources and Qur'an quotations are matched
on the text as typed.
"""

from __future__ import annotations

import re

from ..config import Config
from ..i18n import msg
from ..model import (
    Book,
    Finding,
    Heading,
    Inline,
    NoteRef,
    Paragraph,
    Provenance,
    Quotation,
    Quran,
    SignOff,
    Text,
    plain_text,
    replace,
)
from ..text.arabic import latin_spans, to_arabic_indic_digits
from .walk import map_block, map_inlines

KIND = "typography"
IDENTIFIED = ("added", "confirmed", "corrected")
# a number the author typed: digits, with a decimal or thousands mark inside
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_DECIMAL = str.maketrans({".": "\u066b", ",": "\u066c"})  # ٫ ٬


def typeset_text(book: Book, config: Config) -> tuple[Book, list[Finding]]:
    settings = config.typography
    findings: list[Finding] = []
    parts = []
    for part in book.parts:
        # the part's title (its h1, the contents, the PDF's heading) as its text
        title = map_inlines(part.title, part.title_prov, _Rewriter(settings.quotes, settings.digits, findings).inline)
        blocks = []
        for block in part.blocks:
            if isinstance(block, Heading):
                block = _heading(block, findings)
            block = map_block(block, _Rewriter(settings.quotes, settings.digits, findings).inline)
            if settings.note_call == "before-punctuation":
                block = calls_before_punctuation(block, findings)
            blocks.append(block)
        notes = tuple(
            replace(
                note,
                inlines=map_inlines(
                    note.inlines, note.prov, _Rewriter(settings.quotes, settings.digits, findings).inline
                ),
            )
            for note in part.notes
        )
        parts.append(replace(part, title=title, blocks=tuple(blocks), notes=notes))
    return replace(book, parts=tuple(parts)), findings


# ---------------------------------------------------------------- headings


def drop_closing_colon(text: str) -> str | None:
    """The text without its closing colon (and the spaces around it), or
    None when it does not end with one."""
    stripped = text.rstrip()
    if not stripped.endswith(":"):
        return None
    return stripped[:-1].rstrip()


def _heading(block: Heading, findings: list[Finding]) -> Heading:
    inlines = list(block.inlines)
    # the last text of the heading, before any note call after it
    i = len(inlines) - 1
    while i >= 0 and isinstance(inlines[i], NoteRef):
        i -= 1
    if i < 0 or not isinstance(inlines[i], Text):
        return block
    dropped = drop_closing_colon(inlines[i].text)
    if dropped is None or not dropped:
        return block
    typed = plain_text(block.inlines).strip()
    inlines[i] = Text(dropped)
    new = replace(block, inlines=tuple(inlines))
    shown = plain_text(new.inlines).strip()
    word = shown.split()[-1] if shown.split() else shown
    findings.append(
        Finding(
            KIND,
            "typo-heading-colon",
            msg(
                "the heading's closing colon is left out of the book: «{typed}» is set «{shown}»",
                typed=typed,
                shown=shown,
            ),
            block.prov,
            data={"match": word, "occurrence": shown.count(word) - 1, "typed": typed, "shown": shown},
        )
    )
    return new


# ---------------------------------------------------------------- inline text


class _Rewriter:
    """Rewrites the inlines of one block in order, carrying what a pair of
    quote marks needs across its text nodes, and counting what the block
    shows so far (for the preview's `occurrence`)."""

    def __init__(self, quotes: str, digits: str, findings: list[Finding]) -> None:
        self.quotes = quotes == "guillemets"
        self.digits = digits == "arabic-indic"
        self.findings = findings
        self.expect: list[str] = []  # the closing marks of the open quotations
        # the block's text as the book shows it, so far (pieces, joined when a
        # finding counts in it: a paragraph of 100,000 runs costs its length)
        self.shown: list[str] = []

    def inline(self, node: Inline, prov: Provenance) -> Inline:
        if isinstance(node, Quran):
            node = self._quran(node, prov)
            self.shown.append(node.brackets[:1] + node.text + node.brackets[1:])
            return node
        if not isinstance(node, Text):
            return node
        text = node.text
        if self.quotes:
            text = self._guillemets(text, prov)
        if self.digits:
            text = self._digits(text, prov)
        self.shown.append(text)
        return Text(text) if text != node.text else node

    def _found(self, rule: str, message: str, prov: Provenance, match: str, before: str, **data) -> None:
        if len(self.shown) > 1:
            self.shown = ["".join(self.shown)]
        occurrence = ((self.shown[0] if self.shown else "") + before).count(match)
        self.findings.append(
            Finding(KIND, rule, message, prov, data={"match": match, "occurrence": occurrence, **data})
        )

    def _quran(self, q: Quran, prov: Provenance) -> Quran:
        if q.brackets != "{}" or q.ref_status not in IDENTIFIED:
            return q
        first = q.text.split()[0] if q.text.split() else ""
        self._found(
            "typo-quran-brackets",
            msg("a verse typed between braces is set between ﴿…﴾: {{{word} …}} is set ﴿{word} …﴾", word=first),
            prov,
            "﴿" + first,
            "",
            typed="{}",
            shown="﴿﴾",
        )
        return replace(q, brackets="﴿﴾")

    def _guillemets(self, text: str, prov: Provenance) -> str:
        out = []
        for ch in text:
            new = ch
            if ch == "„":
                new = "«"
                self.expect.append("“")
            elif ch == "“":
                if self.expect and self.expect[-1] == "“":
                    self.expect.pop()
                    new = "»"
                else:
                    new = "«"
                    self.expect.append("”")
            elif ch == "”":
                if self.expect and self.expect[-1] == "”":
                    self.expect.pop()
                new = "»"
            if new != ch:
                before = "".join(out)
                self._found(
                    "typo-quotes",
                    msg(
                        "quotation mark {typed} set {shown} ({setting})",
                        typed=ch,
                        shown=new,
                        setting='[typography] quotes = "guillemets"',
                    ),
                    prov,
                    new,
                    before,
                    typed=ch,
                    shown=new,
                )
            out.append(new)
        return "".join(out)

    def _digits(self, text: str, prov: Provenance) -> str:
        latin = latin_spans(text)

        def in_latin(start: int, end: int) -> bool:
            return any(a <= start and end <= b for a, b in latin)

        out, at = [], 0
        for m in _NUMBER.finditer(text):
            if in_latin(m.start(), m.end()):
                continue
            new = to_arabic_indic_digits(m.group()).translate(_DECIMAL)
            out.append(text[at : m.start()])
            before = "".join(out)
            self._found(
                "typo-digits",
                msg(
                    "{typed} set {shown} ({setting})",
                    typed=m.group(),
                    shown=new,
                    setting='[typography] digits = "arabic-indic"',
                ),
                prov,
                new,
                before,
                typed=m.group(),
                shown=new,
            )
            out.append(new)
            at = m.end()
        out.append(text[at:])
        return "".join(out)


# ---------------------------------------------------------------- note calls

# the marks a note call stands before in an Arabic book
PUNCTUATION = "،؛.,:;؟?!"


def move_calls(inlines: tuple[Inline, ...], prov: Provenance, findings: list[Finding]) -> tuple[Inline, ...]:
    """The inlines with every run of note calls typed right after a
    punctuation mark moved before it (the mark then follows the calls)."""
    out: list[Inline] = []
    # the text of `out` (plain_text of each node as it is added, joined only
    # for a finding's count: 8,000 calls in a paragraph cost 64 s walking it)
    text: list[str] = []
    inlines = list(inlines)  # type: ignore[assignment]
    i = 0
    while i < len(inlines):
        node = inlines[i]
        j = i + 1
        while j < len(inlines) and isinstance(inlines[j], NoteRef):
            j += 1
        if not (isinstance(node, Text) and j > i + 1 and node.text[-1:] in PUNCTUATION and node.text[:-1].strip()):
            out.append(node)
            text.append(plain_text((node,)))
            i += 1
            continue
        mark = node.text[-1]
        out.append(Text(node.text[:-1]))
        text.append(node.text[:-1])  # the calls after it have no text
        out.extend(inlines[i + 1 : j])
        after = inlines[j] if j < len(inlines) else None
        text[:] = ["".join(text)]
        shown = text[0].rstrip()
        if isinstance(after, Text):
            inlines[j] = Text(mark + after.text)  # read on: it may end in a mark and a call too
        else:
            out.append(Text(mark))
            text.append(mark)
        word = node.text[:-1].split()[-1]
        findings.append(
            Finding(
                KIND,
                "typo-note-call",
                msg(
                    "the note call after «{word}{mark}» is set before the {mark} ({setting})",
                    word=word,
                    mark=mark,
                    setting='[typography] note_call = "before-punctuation"',
                ),
                prov,
                data={"match": word, "occurrence": shown.count(word) - 1, "typed": word + mark, "shown": word},
            )
        )
        i = j
    return tuple(out)


def calls_before_punctuation(block, findings: list[Finding]):
    """The block with its note calls before the punctuation they follow."""
    if isinstance(block, (Paragraph, Heading, SignOff)):
        inlines = move_calls(block.inlines, block.prov, findings)
        return block if inlines == block.inlines else replace(block, inlines=inlines)
    if isinstance(block, Quotation):
        paras = tuple(calls_before_punctuation(p, findings) for p in block.paragraphs)
        return replace(block, paragraphs=paras)
    return block
