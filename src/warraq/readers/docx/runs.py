"""Runs: a paragraph's XML, in reading order, to pieces of text.

It owns what Word puts inside a paragraph: runs however Word split them
(`w:proofErr`, bookmarks, `w:smartTag`, `w:sdt`, `w:hyperlink`, `w:ins`,
`w:customXml` are looked through); fields, which keep their result, not
their instruction; `w:br` (a line break; a page or column break a paragraph
break), `w:tab` (a space), `w:noBreakHyphen` (U+2011), soft hyphens (dropped),
`w:sym` (its character, unless the font's are pictures); note calls; a run's
formatting (bold and italic, `w:b`/`w:bCs`, `w:i`/`w:iCs`, the complex-script
one for Arabic text; `w:lang`; superscript; hidden text), worked out once per
run properties and style; images, text boxes and equations, left out with a
finding.  `inlines.py` turns the pieces into the model's inlines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from lxml import etree

from ...i18n import msg
from ...model import LineBreak, NoteRef
from .state import ReaderState
from .styles import Style
from .wordml import MC, paragraph_texts, run_props, showing_placeholder

# fonts whose characters are pictures, not letters (w:sym)
_DINGBAT_FONTS = ("wingdings", "webdings", "zapf", "marlett", "mt extra")


@dataclass(frozen=True)
class Format:
    """A run's formatting; pairs are (for Latin text, for Arabic text): Word
    applies w:b to the one and w:bCs to the other."""

    complex_script: bool
    bold: tuple[bool, bool]
    italic: tuple[bool, bool]
    style_bold: tuple[bool, bool]  # bold by the paragraph's style (a heading's), not emphasis
    lang: str
    superscript: bool
    changed: bool  # a tracked formatting change (w:rPrChange)
    hidden: bool = False  # w:vanish: Word does not show the text
    uniform: bool = False  # the same emphasis for Latin and Arabic text: runs may merge


@dataclass
class Piece:
    text: str
    bold: bool  # emphasis: the run's own formatting and its character style
    italic: bool
    lang: str
    style_bold: bool = False  # bold by the paragraph's style (a heading's), not emphasis
    fmt: Format | None = None  # the run's formatting, to join the next run of the same
    more: list[str] | None = None  # the text of the runs joined to it, until the paragraph is read


class Runs(ReaderState):
    """The runs of a paragraph (or of a note's paragraph) to pieces, line breaks and note calls."""

    def paragraph_items(self, p: etree._Element, chain: list[Style]) -> list:
        """A paragraph's items (`items_of`), a field left open in it (a
        `fldChar begin` with neither separate nor end in the paragraph: a
        damaged file) read as no field: its text is kept, with a finding."""
        t = self.t
        stack: list[list] = []  # [fldChar begin, separated]
        for fc in p.iter(t.fldChar):
            kind = fc.get(t.fldCharType, "")
            if kind == "begin":
                stack.append([fc, False])
            elif kind == "separate" and stack:
                stack[-1][1] = True  # its result is text to keep, whether or not it ends here
            elif kind == "end" and stack:
                stack.pop()
        unclosed = [fc for fc, separated in stack if not separated and not _is_checkbox(fc, t)]
        self.open_fields = set(unclosed)
        if unclosed:
            self.find(
                "docx-open-field",
                msg("a field is left open (its end is missing): the text after it is kept as it is"),
                "warning",
            )
        try:
            items = self.items_of(p, chain, [])
        finally:
            self.open_fields = set()
        for item in items:  # the runs joined to a piece, joined once (not text += text: quadratic)
            if isinstance(item, Piece) and item.more:
                item.text = "".join([item.text, *item.more])
                item.more = None
        return items

    def items_of(self, parent: etree._Element, chain: list[Style], out: list) -> list:
        """The paragraph's items in reading order: Piece, LineBreak or
        NoteRef (its id "fn:3" until the part's number is known)."""
        r_tag, kinds = self.t.r, self.kinds
        for el in parent:
            tag = el.tag
            if tag == r_tag:
                self._run(el, chain, out)
                continue
            kind = kinds.get(tag)
            if kind == "inside":
                self.items_of(el, chain, out)
            elif kind == "inserted":
                self.count_change()
                self.items_of(el, chain, out)
            elif kind == "deleted":
                self.count_change()
            elif kind == "sdt":
                content = el.find(self.t.sdtContent)
                if content is not None and not showing_placeholder(el, self.t):
                    self.items_of(content, chain, out)
            elif kind == "alternate":
                self._alternate(el, chain, out)
            elif kind == "math":
                self.find("docx-math", msg("an equation is left out of the book (equations are not rendered)"))
        return out

    def _alternate(self, el: etree._Element, chain: list[Style], out: list) -> None:
        choice = el[0] if len(el) else None
        if choice is not None:
            self.items_of(choice, chain, out)

    def _run(self, r: etree._Element, chain: list[Style], out: list) -> None:
        t = self.t
        t_tag, rpr_tag, fields = t.t, t.rPr, self.fields
        fmt: Format | None = None
        text: list[str] = []
        for el in r:
            tag = el.tag
            if tag == t_tag:
                if not fields or "instr" not in fields:
                    text.append(el.text or "")
                continue
            if tag == rpr_tag:
                fmt = self._format(el, chain)
                continue
            if tag == t.fldChar:
                kind = el.get(t.fldCharType, "")
                if kind == "begin" and el in getattr(self, "open_fields", ()):
                    continue  # a field left open: no field
                if kind == "begin" and _is_checkbox(el, t):
                    text.append(_checkbox(el, t))  # a form's check box (FORMCHECKBOX): drawn, not typed
                if kind == "begin":
                    fields.append("instr")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if fields and "instr" in fields:
                continue
            if tag in (t.tab, t.ptab):
                text.append("\t")  # a space in the book; the verse rules read it (body.py)
            elif tag in (t.br, t.cr):
                self._flush(text, fmt, chain, out)
                out.append(LineBreak())
                if el.get(t.type, "textWrapping") != "textWrapping":
                    # a page or column break: the text goes on in a new paragraph
                    # (two line breaks divide a paragraph, as a blank line does)
                    out.append(LineBreak())
            elif tag == t.noBreakHyphen:
                text.append("\u2011")
            elif tag == t.sym:
                text.append(self._sym(el))
            elif tag in (t.footnoteReference, t.endnoteReference):
                self._flush(text, fmt, chain, out)
                kind = "fn" if tag == t.footnoteReference else "en"
                out.append(NoteRef(f"{kind}:{el.get(t.id, '')}"))
                self.custom_mark = el.get(t.customMarkFollows, "0") in ("1", "true", "on")
            elif tag in (t.drawing, t.pict, t.object):
                self._drawing(el)
            elif tag == f"{{{MC}}}AlternateContent":
                if len(el):
                    for inner in el[0]:
                        if inner.tag in (t.drawing, t.pict, t.object):
                            self._drawing(inner)
            elif tag == t.commentReference:
                self.comment_calls += 1
                self.first_comment = self.first_comment or self.number
            elif tag == t.ruby:
                base = el.find(t.rubyBase)
                if base is not None:
                    text.extend(x.text or "" for x in base.iter(t.t))
        if text:
            self._flush(text, fmt, chain, out)

    def _flush(self, text: list[str], fmt: Format | None, chain: list[Style], out: list) -> None:
        if not text:
            return
        joined = "".join(text)
        text.clear()
        fmt = fmt or self._format(None, chain)
        if self.custom_mark and joined.strip():
            # the mark the author typed after a note call (`w:customMarkFollows`)
            self.custom_mark = False
            mark = joined.strip()
            if len(mark) <= 3:
                self.find(
                    "docx-note-mark",
                    msg("the note's own mark «{mark}» is replaced by the book's note number", mark=mark),
                    "info",
                )
                return
        if fmt.hidden:
            if joined.strip():
                self.hidden += 1
                self.first_hidden = self.first_hidden or self.number
            return
        last = out[-1] if out else None
        if isinstance(last, Piece) and last.fmt is fmt and fmt.uniform:
            # the next run of the same formatting (Word cut it mid-word): one piece
            if last.more is None:
                last.more = []
            last.more.append(self._clean(joined))
            return
        out.append(self._piece(joined, fmt))

    def _format(self, rpr_el: etree._Element | None, chain: list[Style]) -> Format:
        """The formatting of runs with these properties in a paragraph of this
        style, worked out once (Word repeats the same w:rPr on every run)."""
        # only w:val is read from run properties (run_props), so it is the whole key
        val = self.t.val
        props = tuple([(c.tag, c.get(val)) for c in rpr_el]) if rpr_el is not None else ()
        key = (props, id(chain[0]) if chain else 0)
        found = self.formats.get(key)
        if found is not None:
            if found.changed:
                self.count_change()
            return found
        t = self.t
        rpr = run_props(rpr_el, t)

        def toggle(first: str, second: str) -> bool:
            value = self.sheet.run_value(rpr, first)
            if value is None:
                value = self.sheet.run_value(rpr, second)
            return bool(value)

        def style_toggle(first: str, second: str) -> bool:
            value = self.sheet.paragraph_value(chain, first)
            if value is None:
                value = self.sheet.paragraph_value(chain, second)
            return bool(value)

        fmt = Format(
            complex_script=bool(self.sheet.run_value(rpr, t.rtl) or self.sheet.run_value(rpr, t.cs)),
            bold=(toggle(t.b, t.bCs), toggle(t.bCs, t.b)),
            italic=(toggle(t.i, t.iCs), toggle(t.iCs, t.i)),
            style_bold=(style_toggle(t.b, t.bCs), style_toggle(t.bCs, t.b)),
            lang=str(self.sheet.run_value(rpr, t.lang) or self.sheet.paragraph_value(chain, t.lang) or ""),
            superscript=self.sheet.run_value(rpr, t.vertAlign) == "superscript",
            changed=rpr_el is not None and rpr_el.find(t.rPrChange) is not None,
            hidden=bool(self.sheet.run_value(rpr, t.vanish)),
        )
        uniform = fmt.bold[0] == fmt.bold[1] and fmt.italic[0] == fmt.italic[1] and not fmt.superscript
        fmt = replace(fmt, uniform=uniform and fmt.style_bold[0] == fmt.style_bold[1])
        self.formats[key] = fmt
        if fmt.changed:
            self.count_change()
        return fmt

    def _piece(self, text: str, fmt: Format) -> Piece:
        text = self._clean(text)
        cs = 1 if fmt.complex_script or _is_arabic(text) else 0
        if fmt.superscript and text.strip():
            self.superscripts.append((self.number, text))
        return Piece(text, fmt.bold[cs], fmt.italic[cs], fmt.lang, fmt.style_bold[cs], fmt)

    @staticmethod
    def _clean(text: str) -> str:
        """Soft hyphens dropped, Unicode NFC (as text parts are)."""
        if "\u00ad" in text:
            text = text.replace("\u00ad", "")
        return text if text.isascii() else unicodedata.normalize("NFC", text)

    def _sym(self, el: etree._Element) -> str:
        """A symbol inserted from a font: its Unicode character (the Symbol
        font's codes are Greek and mathematics, not Latin-1; Wingdings' ballot
        boxes are boxes), or left out with a finding (a picture font's
        symbol, a code that is no character: FFFE, a surrogate, 110000)."""
        t = self.t
        font = el.get(t.font, "")
        raw = el.get(t.char, "")
        try:
            code = int(raw, 16)
        except ValueError:
            code = -1
        if 0xF000 <= code <= 0xF0FF:
            code -= 0xF000
        name = font.lower()
        if name.startswith("symbol") and code in SYMBOL_FONT:
            return SYMBOL_FONT[code]
        if name.startswith("wingdings") and code in WINGDINGS:
            return WINGDINGS[code]
        if name.startswith(_DINGBAT_FONTS) or not is_character(code):
            self.find(
                "docx-symbol",
                msg(
                    "a symbol of the font {font} (code {code}) has no Unicode letter: left out",
                    font=font or "?",
                    code=raw[:12],
                ),
            )
            return ""
        return chr(code)

    def _drawing(self, el: etree._Element) -> None:
        t = self.t
        boxes = list(el.iter(t.txbxContent))
        if boxes:
            text = " ".join(" ".join(paragraph_texts(box, t)) for box in boxes[:1])
            self.find(
                "docx-textbox",
                msg("a text box is left out of the book (text boxes are not read yet): «{text}»", text=excerpt(text)),
                "warning",
                {"text": text},
            )
        elif self.in_body and (picture := self._picture(el)) is not None:
            self.pictures.append(picture)
        else:
            self.find("docx-image", msg("an image is left out of the book (only a picture in the text is read)"))

    def _picture(self, el: etree._Element) -> tuple[str, str] | None:
        """The package entry of a drawing's picture and its description
        (`wp:docPr/@descr`, else its title), or None."""
        blip = next(el.iter(f"{{{DRAWINGML}}}blip"), None)
        rid = blip.get(f"{{{OFFICE_RELS}}}embed", "") if blip is not None else ""
        target = self.media.get(rid)
        if not target or not self.package.has(target):
            return None
        doc_pr = next(el.iter(f"{{{WP}}}docPr"), None)
        descr = ""
        if doc_pr is not None:
            descr = (doc_pr.get("descr") or doc_pr.get("title") or "").strip()
        return target, descr


DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def is_character(code: int) -> bool:
    """A code that is a character a book may hold: not a control, a
    surrogate, a non-character (FFFE, FDD0) or past U+10FFFF."""
    if not 0x20 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF:
        return False
    return (code & 0xFFFE) != 0xFFFE and not 0x7F <= code <= 0x9F


# the Symbol font's codes (Adobe's Symbol encoding) as Unicode: Word stores
# the code, and read as Latin-1 α × ÷ π were a ´ ¸ p
SYMBOL_FONT = {
    0x20: " ", 0x21: "!", 0x22: "∀", 0x23: "#", 0x24: "∃", 0x25: "%", 0x26: "&", 0x27: "∋", 0x28: "(",
    0x29: ")", 0x2A: "∗", 0x2B: "+", 0x2C: ",", 0x2D: "−", 0x2E: ".", 0x2F: "/",
    **{0x30 + d: str(d) for d in range(10)},
    0x3A: ":", 0x3B: ";", 0x3C: "<", 0x3D: "=", 0x3E: ">", 0x3F: "?", 0x40: "≅",
    **dict(zip(range(0x41, 0x5B), "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ", strict=True)),
    0x5B: "[", 0x5C: "∴", 0x5D: "]", 0x5E: "⊥", 0x5F: "_",
    **dict(zip(range(0x61, 0x7B), "αβχδεφγηιϕκλμνοπθρστυϖωξψζ", strict=True)),
    0x7B: "{", 0x7C: "|", 0x7D: "}", 0x7E: "∼",
    **dict(zip(range(0xA0, 0xC0), "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵", strict=True)),
    **dict(zip(range(0xC0, 0xE0), "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓", strict=True)),
    0xE0: "◊", 0xE1: "⟨", 0xE2: "®", 0xE3: "©", 0xE4: "™", 0xE5: "∑", 0xF1: "⟩", 0xF2: "∫",
}  # fmt: skip
# Wingdings' boxes and checks (what a form or a list of choices uses)
WINGDINGS = {0xA8: "☐", 0x6F: "☐", 0x71: "☐", 0xFD: "☒", 0xFE: "☑", 0xFC: "✓", 0xFB: "✗"}


def _is_checkbox(fld_char: etree._Element, t) -> bool:
    return fld_char.find(f"{t.ffData}/{t.checkBox}") is not None


def _checkbox(fld_char: etree._Element, t) -> str:
    """A form check box as the reader sees it: ☒ checked, ☐ not."""
    box = fld_char.find(f"{t.ffData}/{t.checkBox}")
    state = box.find(t.checked) if box is not None else None
    if state is None and box is not None:
        state = box.find(t.default)
    on = state is not None and state.get(t.val, "1") not in ("0", "false", "off")
    return "☒" if on else "☐"


_ARABIC_CHAR = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe]")


def mostly_arabic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if _ARABIC_CHAR.match(ch)) * 2 > len(letters)


def _is_arabic(text: str) -> bool:
    return _ARABIC_CHAR.search(text) is not None


def excerpt(text: str, width: int = 60) -> str:
    """The text on one line, cut at `width` (the message sets it in «…»)."""
    text = " ".join(text.split())
    return f"{text[:width]}…" if len(text) > width else text
