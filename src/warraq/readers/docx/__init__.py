"""Word (.docx) parts -> the reader's findings, title and blocks.

The OOXML package is read directly (zipfile, and lxml with a parser that
resolves no entity, loads no DTD and touches no network); every entry read is
bounded, so a zip bomb stops at the limit.  What the author typed is kept as
Word shows it:

* paragraphs and their runs, however Word split them (`w:proofErr`,
  bookmarks, `w:smartTag`, `w:sdt`, `w:hyperlink`, `w:ins`, `w:customXml`
  are looked through); fields keep their result, not their instruction;
  `w:br` is a line break (a page or column break a paragraph break), `w:tab` a space, `w:noBreakHyphen` U+2011, soft
  hyphens are dropped;
* bold and italic runs (`w:b`/`w:bCs`, `w:i`/`w:iCs`, the complex-script one
  for Arabic runs) as emphasis; Latin text inside Arabic as a Latin span
  (`Isolate`, with the run's `w:lang`);
* footnotes and endnotes at their call (separator notes ignored); a note
  called twice gets a second note, a note inside a note its parentheses, an
  empty note's call is dropped (each a warning); a call to no note is refused;
* headings by meaning: the style's `w:name` (`heading 1`, whatever its
  localized id), `w:outlineLvl` through the `w:basedOn` chain, the Title
  style, and a short bold centred paragraph;
* tracked changes: insertions kept, deletions dropped, one warning;
  comments ignored, one info finding; tables, images and text boxes are left
  out with a warning naming the paragraph.

Positions are paragraph numbers, `file:¶N`: the Nth paragraph of the body
that shows something (empty paragraphs are not counted; a table counts as
one).  The structure rules of `structure.py` then run on the paragraphs as
they run on the lines of a text part.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from lxml import etree

from ...errors import InputError
from ...i18n import N_, Msg, msg, nmsg
from ...model import (
    Emphasis,
    Finding,
    Inline,
    Isolate,
    LineBreak,
    NoteRef,
    Provenance,
    Quran,
    Text,
    merge_text,
    plain_text,
)
from ..structure import (
    MAX_HEADING_WORDS,
    Para,
    is_scene_break,
    is_sign_off,
    number_from_title,
    quote_opening,
    verse_line,
    verse_spans,
)

KIND = "docx"
# a note's kind as a message names it ("footnote 3 is empty")
NOTE_NAMES = {"fn": N_("footnote"), "en": N_("endnote")}
UNIT = "¶"

# limits: a .docx of articles is a few hundred kB; its XML a few MB
MAX_FILE = 100 * 2**20  # the .docx itself (images may make it large)
MAX_ENTRIES = 5000
MAX_XML = 64 * 2**20  # one XML part, expanded
MAX_EXPANDED = 128 * 2**20  # all the parts read, expanded
MAX_DECLARED = 1024 * 2**20  # all entries as the zip declares them (images included)
MAX_TITLE_WORDS = 20  # a first paragraph this short is the title, as a text part's first line
TITLE_WITHIN = 3  # the title is looked for among the first paragraphs
WHOLE_TEXT = 0.8  # bold or italic over this share of a part's text is its font, not emphasis

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK"

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = ("/officeDocument",)

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)

_HEADING_NAME = re.compile(r"^(?:heading|عنوان|titre|überschrift|título|titolo|kop)\s*([1-9])$")
_TITLE_NAMES = frozenset({"title", "العنوان", "titre", "titel", "título", "titolo"})
_QUOTE_NAMES = frozenset({"quote", "intense quote", "block text", "اقتباس", "اقتباس مكثف", "citation", "zitat"})
_LATIN = re.compile(
    r"[A-Za-z\u00C0-\u024F]"
    r"(?:[^\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF«»“”\"()\[\]{}﴿﴾،؛؟\n]*"
    r"[A-Za-z\u00C0-\u024F0-9])?"
)
_SENTENCE_END = (".", "؟", "?", "!", "…", "،", ",", "؛")
# fonts whose characters are pictures, not letters (w:sym)
_DINGBAT_FONTS = ("wingdings", "webdings", "zapf", "marlett", "mt extra")


# ---------------------------------------------------------------- the result


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


def read_docx(data: bytes, file: str, sign_offs: tuple[str, ...] = ()) -> DocxPart:
    """Read a .docx (or a .doc that is one); InputError naming `file` otherwise."""
    package = _open(data, file)
    return _Reader(package, file, sign_offs).read()


# ---------------------------------------------------------------- the package


def _sniff(data: bytes, file: str) -> None:
    """One clear line for what is not a .docx package."""
    if data.startswith(OLE_SIGNATURE):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError(
                msg("password-protected (encrypted) Word file: remove the password in Word and save it again"), file
            )
        raise InputError(
            msg(
                "a {format} document ({old}, an OLE compound file): "
                "open it in Word or LibreOffice and save it as {new}",
                format="Word 97-2003",
                old=".doc",
                new=".docx",
            ),
            file,
        )
    if data.lstrip()[:5] == b"{\\rtf":
        raise InputError(
            msg("an RTF file, not a {new}: open it in Word or LibreOffice and save it as {new}", new=".docx"), file
        )
    if not data.startswith(ZIP_SIGNATURE):
        raise InputError(msg("not a Word {suffix} file (not a zip package)", suffix=".docx"), file)


class _Package:
    """The entries of the zip, read with bounds."""

    def __init__(self, zf: zipfile.ZipFile, file: str):
        self.zf = zf
        self.file = file
        self.names = {info.filename for info in zf.infolist()}
        self.expanded = 0

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        try:
            with self.zf.open(name) as fh:
                data = fh.read(MAX_XML + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise InputError(
                msg("damaged Word file: cannot read {entry} ({reason})", entry=name, reason=_one_line(exc)), self.file
            ) from None
        except RuntimeError:  # an encrypted zip entry
            raise InputError(
                msg("damaged or encrypted Word file: cannot read {entry}", entry=name), self.file
            ) from None
        if len(data) > MAX_XML:
            raise InputError(
                msg("{entry} expands past {limit} MB (a zip bomb?): refused", entry=name, limit=MAX_XML // 2**20),
                self.file,
            )
        self.expanded += len(data)
        if self.expanded > MAX_EXPANDED:
            raise InputError(
                msg("the Word file expands past {limit} MB (a zip bomb?): refused", limit=MAX_EXPANDED // 2**20),
                self.file,
            )
        return data

    def xml(self, name: str) -> etree._Element:
        data = self.read(name)
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            why = re.sub(r",? line \d+, column \d+.*$", "", _one_line(exc))
            raise InputError(
                msg("{entry} is not well-formed XML (line {line}: {reason})", entry=name, line=exc.lineno, reason=why),
                self.file,
            ) from None
        doc = root.getroottree().docinfo
        if doc.doctype or doc.internalDTD is not None or doc.externalDTD is not None:
            raise InputError(
                msg("{entry} declares a DTD or entities, which a Word file never does: refused", entry=name), self.file
            )
        return root


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


def _open(data: bytes, file: str) -> _Package:
    if len(data) > MAX_FILE:
        raise InputError(
            msg(
                "Word file is {size} MB; the limit is {limit} MB", size=round(len(data) / 1e6), limit=MAX_FILE // 2**20
            ),
            file,
        )
    _sniff(data, file)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise InputError(
            msg("not a Word {suffix} file (damaged zip: {reason})", suffix=".docx", reason=_one_line(exc)), file
        ) from None
    if len(infos) > MAX_ENTRIES:
        raise InputError(
            nmsg(
                "the zip holds {n} entry (limit {limit}): refused",
                "the zip holds {n} entries (limit {limit}): refused",
                n=len(infos),
                limit=MAX_ENTRIES,
            ),
            file,
        )
    declared = sum(max(info.file_size, 0) for info in infos)
    if declared > MAX_DECLARED:
        raise InputError(
            msg("the zip declares {size} MB expanded (a zip bomb?): refused", size=round(declared / 1e6)), file
        )
    return _Package(zf, file)


def _rels(package: _Package, source: str) -> dict[str, tuple[str, str]]:
    """Relationships of a part: id -> (type, target path in the package)."""
    folder = PurePosixPath(source).parent
    rels_name = str(folder / "_rels" / (PurePosixPath(source).name + ".rels")) if source else "_rels/.rels"
    if not package.has(rels_name):
        return {}
    out: dict[str, tuple[str, str]] = {}
    for rel in package.xml(rels_name):
        if rel.tag != f"{{{REL}}}Relationship" or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else _join(folder, target)
        out[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return out


def _join(folder: PurePosixPath, target: str) -> str:
    parts: list[str] = [p for p in str(folder).split("/") if p and p != "."]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


# ---------------------------------------------------------------- styles


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    level: int = 0  # heading level by name, 1-9; -1: outline level "body text"
    outline: int | None = None  # w:outlineLvl + 1 (10: body text)
    title: bool = False
    quote: bool = False  # Word's Quote style (or one based on it)
    bidi: bool | None = None  # w:bidi: a right-to-left paragraph
    jc: str | None = None
    run: dict[str, object] = field(default_factory=dict)


_TAG_NAMES = """
body p r t pPr rPr pStyle rStyle outlineLvl jc
b bCs i iCs vertAlign rtl lang cs tab ptab
br cr noBreakHyphen softHyphen sym footnoteReference endnoteReference footnoteRef endnoteRef separator
continuationSeparator drawing pict object commentReference fldChar instrText delText tbl tr
tc sdt sdtContent hyperlink smartTag ins moveFrom moveTo fldSimple customXml
dir bdo ruby rubyBase txbxContent style name basedOn docDefaults rPrDefault
pPrDefault footnote endnote altChunk comment rPrChange pPrChange sectPrChange tblPrChange cellIns
cellDel numberingChange bidi vanish sdtPr showingPlcHdr customMarkFollows default
"""


class _Tags:
    """Qualified names in the document's namespace (transitional or strict)."""

    def __init__(self, ns: str):
        self.ns = ns
        for name in _TAG_NAMES.split():
            setattr(self, name, f"{{{ns}}}{name}")
        self.del_ = f"{{{ns}}}del"
        self.val = f"{{{ns}}}val"
        self.id = f"{{{ns}}}id"
        self.type = f"{{{ns}}}type"
        self.styleId = f"{{{ns}}}styleId"
        self.char = f"{{{ns}}}char"
        self.font = f"{{{ns}}}font"
        self.fldCharType = f"{{{ns}}}fldCharType"
        self.bidi_attr = f"{{{ns}}}bidi"


def _on(el: etree._Element | None, t: _Tags) -> bool | None:
    """A toggle property: None when absent, else its value."""
    if el is None:
        return None
    return el.get(t.val, "true").lower() not in ("0", "false", "off", "none")


def _run_props(rpr: etree._Element | None, t: _Tags) -> dict[str, object]:
    if rpr is None:
        return {}
    out: dict[str, object] = {}
    for child in rpr:
        tag = child.tag
        if tag in (t.b, t.bCs, t.i, t.iCs, t.rtl, t.cs, t.vanish):
            out[tag] = _on(child, t)
        elif tag in (t.vertAlign, t.lang, t.rStyle):
            out[tag] = child.get(t.val, "")
    return out


# ---------------------------------------------------------------- the reader


@dataclass(frozen=True)
class _Format:
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
class _Piece:
    text: str
    bold: bool  # emphasis: the run's own formatting and its character style
    italic: bool
    lang: str
    style_bold: bool = False  # bold by the paragraph's style (a heading's), not emphasis
    fmt: _Format | None = None  # the run's formatting, to join the next run of the same


class _Reader:
    def __init__(self, package: _Package, file: str, sign_offs: tuple[str, ...]):
        self.package = package
        self.file = file
        self.sign_offs = sign_offs
        self.findings: list[Finding] = []
        self.changes = 0
        self.comments = 0  # the comments of comments.xml
        self.comment_calls = 0  # their marks in the text (a comment is counted once, not at both)
        self.fields: list[str] = []  # complex fields open: "instr" until separate, then "result"
        self.number = 0  # the paragraph being read
        self.superscripts: list[tuple[int, str]] = []
        self._formats: dict[tuple[tuple, int], _Format] = {}
        self._chains: dict[str, list[_Style]] = {}
        self.custom_mark = False  # a note call's own mark follows (w:customMarkFollows)
        self.hidden = 0  # runs of hidden text (w:vanish) left out
        self.first_hidden = 0
        self.first_change = 0  # the paragraph of the first tracked change
        self.first_comment = 0
        self.default_style = ""
        self.left_to_right = 0  # Arabic paragraphs Word sets left to right (no w:bidi)
        self.first_ltr = 0
        self.tables: list[tuple[int, int, int]] = []  # (paragraph, rows, columns) of the tables left out

    def _changed(self) -> None:
        self.changes += 1
        self.first_change = self.first_change or self.number

    # ------------------------------------------------------------ package parts

    def read(self) -> DocxPart:
        package = self.package
        main = "word/document.xml"
        for rel_type, target in _rels(package, "").values():
            if rel_type.endswith(OFFICE_DOCUMENT) and package.has(target):
                main = target
        if not package.has(main):
            raise InputError(
                msg("not a Word document: the package has no {entry}", entry="word/document.xml"), self.file
            )
        root = package.xml(main)
        ns = etree.QName(root).namespace or ""
        if ns not in (W_MAIN, W_STRICT) or etree.QName(root).localname != "document":
            raise InputError(
                msg("{entry} is not a {format} document", entry=main, format="WordprocessingML"), self.file
            )
        self.t = t = _Tags(ns)
        self._kinds = {tag: "inside" for tag in (t.hyperlink, t.smartTag, t.fldSimple, t.customXml, t.dir, t.bdo)}
        self._kinds |= {t.ins: "inserted", t.moveTo: "inserted", t.del_: "deleted", t.moveFrom: "deleted"}
        self._kinds |= {t.sdt: "sdt", f"{{{MC}}}AlternateContent": "alternate"}
        self._kinds |= {f"{{{M}}}oMath": "math", f"{{{M}}}oMathPara": "math"}
        parts = {rel_type.rsplit("/", 1)[-1]: target for rel_type, target in _rels(package, main).values()}
        self.styles, self.defaults = self._styles(parts.get("styles"))
        self.notes = {
            "fn": self._notes(parts.get("footnotes"), t.footnote),
            "en": self._notes(parts.get("endnotes"), t.endnote),
        }
        if parts.get("comments") and package.has(parts["comments"]):
            self.comments += len(package.xml(parts["comments"]).findall(t.comment))
        body = root.find(t.body)
        if body is None:
            raise InputError(msg("{entry} has no body", entry=main), self.file)
        paras = self._body(body)
        return self._finish(paras)

    def _styles(self, name: str | None) -> tuple[dict[str, _Style], dict[str, object]]:
        t = self.t
        styles: dict[str, _Style] = {}
        defaults: dict[str, object] = {}
        if not name or not self.package.has(name):
            return styles, defaults
        root = self.package.xml(name)
        dd = root.find(t.docDefaults)
        if dd is not None:
            rpr = dd.find(f"{t.rPrDefault}/{t.rPr}")
            defaults = _run_props(rpr, t)
            ppr = dd.find(f"{t.pPrDefault}/{t.pPr}")
            if ppr is not None and (jc := ppr.find(t.jc)) is not None:
                defaults["jc"] = jc.get(t.val, "")
            if ppr is not None and (bidi := ppr.find(t.bidi)) is not None:
                defaults["bidi"] = _on(bidi, t)
        for el in root.iter(t.style):
            sid = el.get(t.styleId, "")
            if el.get(t.type) == "paragraph" and el.get(t.default) in ("1", "true", "on"):
                self.default_style = sid  # what a paragraph without w:pStyle has (Normal)
            style = _Style()
            if (n := el.find(t.name)) is not None:
                style.name = " ".join(n.get(t.val, "").lower().split())
            if (b := el.find(t.basedOn)) is not None:
                style.based_on = b.get(t.val, "")
            m = _HEADING_NAME.match(style.name)
            if m:
                style.level = int(m.group(1))
            style.title = style.name in _TITLE_NAMES
            style.quote = style.name in _QUOTE_NAMES
            ppr = el.find(t.pPr)
            if ppr is not None:
                if (o := ppr.find(t.outlineLvl)) is not None and o.get(t.val, "").isdigit():
                    style.outline = int(o.get(t.val, "9")) + 1
                if (jc := ppr.find(t.jc)) is not None:
                    style.jc = jc.get(t.val, "")
                if (bidi := ppr.find(t.bidi)) is not None:
                    style.bidi = _on(bidi, t)
            style.run = _run_props(el.find(t.rPr), t)
            styles[sid] = style
        return styles, defaults

    def _chain(self, sid: str) -> list[_Style]:
        found = self._chains.get(sid)
        if found is None:
            found = self._chains[sid] = self._walk_chain(sid)
        return found

    def _walk_chain(self, sid: str) -> list[_Style]:
        out: list[_Style] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            out.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return out

    def _notes(self, name: str | None, tag: str) -> dict[str, etree._Element]:
        if not name or not self.package.has(name):
            return {}
        t = self.t
        found: dict[str, etree._Element] = {}
        for note in self.package.xml(name).iter(tag):
            if note.get(t.type) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            found[note.get(t.id, "")] = note
        return found

    # ------------------------------------------------------------ the body

    def _body(self, body: etree._Element, out: list[tuple[Para, dict]] | None = None) -> list[tuple[Para, dict]]:
        out = [] if out is None else out
        t = self.t
        for el in self._blocks(body):
            if el.tag == t.p:
                out.extend(self._paragraph(el))
            elif el.tag == t.tbl:
                rows = el.findall(t.tr)
                cells = [r.findall(t.tc) for r in rows]
                if rows and all(len(c) == 1 for c in cells):
                    # a one-column table is a frame around text (a template's
                    # layout, a page pasted from the web): its paragraphs are read
                    for (cell,) in cells:
                        self._body(cell, out)
                    continue
                self.number += 1
                cols = max((len(c) for c in cells), default=0)
                self.tables.append((self.number, len(rows), cols))
                text = " | ".join(_texts(el, t))
                self._find(
                    "docx-table",
                    msg(
                        "a table ({rows} rows, {columns} columns) is left out of the book "
                        "(tables are not rendered yet): «{text}»",
                        rows=len(rows),
                        columns=cols,
                        text=_excerpt(text),
                    ),
                    "warning",
                    {"text": text},
                )
            elif el.tag == t.altChunk:
                self.number += 1
                self._find(
                    "docx-altchunk",
                    msg("an embedded document ({element}) is left out of the book", element="altChunk"),
                    "warning",
                )
        return out

    def _blocks(self, parent: etree._Element):
        """Paragraphs and tables of the body, through content controls and
        tracked insertions; deleted ones are skipped."""
        t = self.t
        joined: etree._Element | None = None  # a paragraph whose mark is deleted, to join with the next
        for el in parent:
            tag = el.tag
            if tag == t.p and joined is not None:
                el = _join_paragraphs(joined, el, t)
                joined = None
            if tag == t.p and el.find(f"{t.pPr}/{t.rPr}/{t.del_}") is not None:
                # a deleted paragraph mark: accepting it joins the paragraph with the next, as Word does
                self._changed()
                joined = el
                continue
            if joined is not None:
                yield joined
                joined = None
            if tag in (t.p, t.tbl, t.altChunk):
                yield el
            elif tag == t.sdt:
                content = el.find(t.sdtContent)
                if content is not None and not self._placeholder(el):
                    yield from self._blocks(content)
            elif tag in (t.customXml, t.ins, t.moveTo):
                if tag != t.customXml:
                    self._changed()
                yield from self._blocks(el)
            elif tag in (t.del_, t.moveFrom):
                self._changed()
        if joined is not None:
            yield joined

    def _placeholder(self, sdt: etree._Element) -> bool:
        """A content control still showing its placeholder ("Click here to
        enter text."): Word's prompt, not the author's text."""
        return sdt.find(f"{self.t.sdtPr}/{self.t.showingPlcHdr}") is not None

    def _find(self, rule: str, message: Msg, level: str = "warning", data: dict | None = None) -> None:
        prov = Provenance(self.file, self.number, unit=UNIT) if self.number else None
        self.findings.append(Finding(KIND, rule, message, prov, level, data or {}))

    def _paragraph(self, p: etree._Element) -> list[tuple[Para, dict]]:
        """The paragraph, or the paragraphs a blank line (two line breaks:
        text pasted from the web) divides it into; they share its number."""
        t = self.t
        ppr = p.find(t.pPr)
        style_id = self.default_style
        direct_level: int | None = None
        jc: str | None = None
        bidi: bool | None = None
        if ppr is not None:
            if (s := ppr.find(t.pStyle)) is not None:
                style_id = s.get(t.val, "")
            if (o := ppr.find(t.outlineLvl)) is not None and o.get(t.val, "").isdigit():
                direct_level = int(o.get(t.val, "9")) + 1
            if (j := ppr.find(t.jc)) is not None:
                jc = j.get(t.val, "")
            if (b := ppr.find(t.bidi)) is not None:
                bidi = _on(b, t)
            if ppr.find(f"{t.rPr}/{t.del_}") is not None or ppr.find(f"{t.rPr}/{t.ins}") is not None:
                self._changed()
            if ppr.find(t.pPrChange) is not None:
                self._changed()
        chain = self._chain(style_id)
        self.number += 1
        found_before = len(self.findings)
        items = self._content(p, chain, [])
        # a field's instruction never runs past its paragraph: a field left
        # open (a damaged file) must not hide the text that follows
        self.fields[:] = ["result" for _ in self.fields]
        self.custom_mark = False
        found: list[tuple[Para, dict]] = []
        prov = Provenance(self.file, self.number, unit=UNIT)
        level = _level(direct_level, chain)
        centred = (jc if jc is not None else next((s.jc for s in chain if s.jc is not None), None)) == "center"
        if bidi is None:
            bidi = next((st.bidi for st in chain if st.bidi is not None), self.defaults.get("bidi"))
        for group in _split_at_blank_lines(items):
            inlines, text = _build(group)
            if not text.strip() and not any(isinstance(n, NoteRef) for n in _flat(inlines)):
                continue
            info = {"title": any(s.title for s in chain), "level": level, "centred": centred, "bold": _all_bold(group)}
            info["quoted"] = any(s.quote for s in chain)
            found.append((Para(text.strip(), inlines, prov), info))
            if not bidi and _mostly_arabic(text):
                self.left_to_right += 1
                self.first_ltr = self.first_ltr or self.number
        if not found and len(self.findings) == found_before:  # nothing shown: not a paragraph of the count
            self.number -= 1
        return found

    # ------------------------------------------------------------ runs

    def _content(self, parent: etree._Element, chain: list[_Style], out: list) -> list:
        """The paragraph's items in reading order: _Piece, LineBreak or
        NoteRef (its id "fn:3" until the part's number is known)."""
        r_tag, kinds = self.t.r, self._kinds
        for el in parent:
            tag = el.tag
            if tag == r_tag:
                self._run(el, chain, out)
                continue
            kind = kinds.get(tag)
            if kind == "inside":
                self._content(el, chain, out)
            elif kind == "inserted":
                self._changed()
                self._content(el, chain, out)
            elif kind == "deleted":
                self._changed()
            elif kind == "sdt":
                content = el.find(self.t.sdtContent)
                if content is not None and not self._placeholder(el):
                    self._content(content, chain, out)
            elif kind == "alternate":
                self._alternate(el, chain, out)
            elif kind == "math":
                self._find("docx-math", msg("an equation is left out of the book (equations are not rendered)"))
        return out

    def _alternate(self, el: etree._Element, chain: list[_Style], out: list) -> None:
        choice = el[0] if len(el) else None
        if choice is not None:
            self._content(choice, chain, out)

    def _props(self, rpr: dict[str, object], chain: list[_Style], key: str) -> object:
        if key in rpr:
            return rpr[key]
        for style in self._chain(str(rpr.get(self.t.rStyle, ""))):
            if key in style.run:
                return style.run[key]
        return None

    def _paragraph_props(self, chain: list[_Style], key: str) -> object:
        for style in chain:
            if key in style.run:
                return style.run[key]
        return self.defaults.get(key)

    def _run(self, r: etree._Element, chain: list[_Style], out: list) -> None:
        t = self.t
        t_tag, rpr_tag, fields = t.t, t.rPr, self.fields
        fmt: _Format | None = None
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
                text.append(" ")
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

    def _flush(self, text: list[str], fmt: _Format | None, chain: list[_Style], out: list) -> None:
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
                self._find(
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
        if isinstance(last, _Piece) and last.fmt is fmt and fmt.uniform:
            # the next run of the same formatting (Word cut it mid-word): one piece
            last.text += self._clean(joined)
            return
        out.append(self._piece(joined, fmt))

    def _format(self, rpr_el: etree._Element | None, chain: list[_Style]) -> _Format:
        """The formatting of runs with these properties in a paragraph of this
        style, worked out once (Word repeats the same w:rPr on every run)."""
        # only w:val is read from run properties (_run_props), so it is the whole key
        val = self.t.val
        props = tuple([(c.tag, c.get(val)) for c in rpr_el]) if rpr_el is not None else ()
        key = (props, id(chain[0]) if chain else 0)
        found = self._formats.get(key)
        if found is not None:
            if found.changed:
                self._changed()
            return found
        t = self.t
        rpr = _run_props(rpr_el, t)

        def toggle(first: str, second: str) -> bool:
            value = self._props(rpr, chain, first)
            if value is None:
                value = self._props(rpr, chain, second)
            return bool(value)

        def style_toggle(first: str, second: str) -> bool:
            value = self._paragraph_props(chain, first)
            if value is None:
                value = self._paragraph_props(chain, second)
            return bool(value)

        fmt = _Format(
            complex_script=bool(self._props(rpr, chain, t.rtl) or self._props(rpr, chain, t.cs)),
            bold=(toggle(t.b, t.bCs), toggle(t.bCs, t.b)),
            italic=(toggle(t.i, t.iCs), toggle(t.iCs, t.i)),
            style_bold=(style_toggle(t.b, t.bCs), style_toggle(t.bCs, t.b)),
            lang=str(self._props(rpr, chain, t.lang) or self._paragraph_props(chain, t.lang) or ""),
            superscript=self._props(rpr, chain, t.vertAlign) == "superscript",
            changed=rpr_el is not None and rpr_el.find(t.rPrChange) is not None,
            hidden=bool(self._props(rpr, chain, t.vanish)),
        )
        uniform = fmt.bold[0] == fmt.bold[1] and fmt.italic[0] == fmt.italic[1] and not fmt.superscript
        fmt = replace(fmt, uniform=uniform and fmt.style_bold[0] == fmt.style_bold[1])
        self._formats[key] = fmt
        if fmt.changed:
            self._changed()
        return fmt

    def _piece(self, text: str, fmt: _Format) -> _Piece:
        text = self._clean(text)
        cs = 1 if fmt.complex_script or _is_arabic(text) else 0
        if fmt.superscript and text.strip():
            self.superscripts.append((self.number, text))
        return _Piece(text, fmt.bold[cs], fmt.italic[cs], fmt.lang, fmt.style_bold[cs], fmt)

    @staticmethod
    def _clean(text: str) -> str:
        """Soft hyphens dropped, Unicode NFC (as text parts are)."""
        if "\u00ad" in text:
            text = text.replace("\u00ad", "")
        return text if text.isascii() else unicodedata.normalize("NFC", text)

    def _sym(self, el: etree._Element) -> str:
        t = self.t
        font = el.get(t.font, "")
        try:
            code = int(el.get(t.char, ""), 16)
        except ValueError:
            return ""
        if 0xF000 <= code <= 0xF0FF:
            code -= 0xF000
        if font.lower().startswith(_DINGBAT_FONTS) or code < 0x20:
            self._find(
                "docx-symbol",
                msg(
                    "a symbol of the font {font} (code {code}) has no Unicode letter: left out",
                    font=font or "?",
                    code=el.get(t.char, ""),
                ),
            )
            return ""
        return chr(code)

    def _drawing(self, el: etree._Element) -> None:
        t = self.t
        boxes = list(el.iter(t.txbxContent))
        if boxes:
            text = " ".join(" ".join(_texts(box, t)) for box in boxes[:1])
            self._find(
                "docx-textbox",
                msg("a text box is left out of the book (text boxes are not read yet): «{text}»", text=_excerpt(text)),
                "warning",
                {"text": text},
            )
        else:
            self._find("docx-image", msg("an image is left out of the book (images are not rendered yet)"))

    # ------------------------------------------------------------ notes

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
            sid = self.default_style
            if ppr is not None and (s := ppr.find(t.pStyle)) is not None:
                sid = s.get(t.val, "")
            items = [self._inner_note(i, (*outer, f"{kind}:{note_id}")) for i in self._content(p, self._chain(sid), [])]
            inlines, text = _build(items)
            if not text.strip():
                continue
            if out:
                out.append(LineBreak())
            out.extend(inlines)
        return tuple(out)

    def _inner_note(self, item: object, outer: tuple[str, ...]) -> object:
        """A call inside a note: the called note's text in parentheses."""
        if not isinstance(item, NoteRef):
            return item
        kind, note_id = item.note_id.split(":", 1)
        fields = list(self.fields)
        inner = None if item.note_id in outer else self._note(kind, note_id, outer)
        self.fields[:] = fields
        text = " ".join(plain_text(inner or ()).split())
        outer_kind, outer_id = outer[-1].split(":", 1)
        names = dict(note=msg(NOTE_NAMES[outer_kind]), id=outer_id, inner=msg(NOTE_NAMES[kind]), inner_id=note_id)
        if not text:
            self._find(
                "docx-note-in-note",
                msg("{note} {id} calls {inner} {inner_id}, which is missing or empty: left out", **names),
            )
            return _Piece("", False, False, "")
        self._find(
            "docx-note-in-note",
            msg(
                "{note} {id} calls {inner} {inner_id} (a note inside a note): its text is set in parentheses there",
                **names,
            ),
        )
        return _Piece(f" ({text})", False, False, "")

    # ------------------------------------------------------------ the part

    def _finish(self, found: list[tuple[Para, dict]]) -> DocxPart:
        file = self.file
        if not found and self.tables:
            number, rows, cols = self.tables[0]
            raise InputError(
                msg(
                    "the document holds only a table ({rows} rows, {columns} columns), which warraq does not read yet: "
                    "convert it to text in Word ({menu})",
                    rows=rows,
                    columns=cols,
                    menu=msg("Table Layout > Convert to Text"),  # Word's menu, as the user's Word names it
                ),
                f"{file}:¶{number}",
            )
        if not found:
            raise InputError(msg("empty Word document: no paragraph with text"), file)
        first = found[0][0]
        short = len(first.text.split()) <= MAX_TITLE_WORDS
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
        moved = [n for n in _flat(title) if isinstance(n, NoteRef)]
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
            paras.append(Para(para.text, inlines, para.prov, level, quoted=info["quoted"] and not level))
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
        notes = self._collect_notes(title_para, paras)
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
                self._find(f"docx-all-{name}", said[strong], "info")
        return whole

    def _collect_notes(self, title: Para, paras: list[Para]) -> list[tuple[str, str, tuple[Inline, ...], Provenance]]:
        """The notes in order of call.  A note called twice gives the second
        call a note of its own (the same text, a warning): one id, one call.
        A call to no note is refused (as Markdown refuses `[^x]` undefined);
        an empty note's call is dropped with a warning."""
        notes: list[tuple[str, str, tuple[Inline, ...], Provenance]] = []
        calls: dict[str, int] = {}
        for k, para in enumerate(paras):
            self.number = para.prov.line
            renamed: dict[int, str | None] = {}  # id(NoteRef) -> its own id, None: dropped
            for node in _flat(para.inlines):
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
                    self._find(
                        "docx-note-empty",
                        msg("{note} {id} is empty: its call is left out", note=name, id=note_id),
                        "warning",
                    )
                    renamed[id(node)] = None
                    continue
                count = calls[node.note_id] = calls.get(node.note_id, 0) + 1
                if count > 1:
                    self._find(
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

    def _summary_findings(self) -> None:
        self.number = self.first_change or 1
        if self.changes:
            self._find(
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
            self._find(
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
            self._find(
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
            self._find(
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
            self._find(
                "docx-superscript",
                msg("superscript text «{text}» is set as ordinary text (it is not a note call)", text=text.strip()),
                "info",
            )
        self.number = 0


# ---------------------------------------------------------------- pure helpers


def _join_paragraphs(first: etree._Element, second: etree._Element, t: _Tags) -> etree._Element:
    """One paragraph: the content of `first` (whose mark is deleted) then
    `second`, with the properties of `second`, as Word accepting the deletion."""
    joined = copy.deepcopy(second)
    ppr = joined.find(t.pPr)
    at = 0 if ppr is None else joined.index(ppr) + 1
    for k, child in enumerate(c for c in first if c.tag != t.pPr):
        joined.insert(at + k, copy.deepcopy(child))
    return joined


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


def _level(direct: int | None, chain: list[_Style]) -> int:
    """The heading level (1-9) a paragraph's formatting gives it, 0 for body text."""
    if direct is not None:
        return direct if direct <= 9 else 0
    for style in chain:
        if style.level:
            return style.level
        if style.outline is not None:
            return style.outline if style.outline <= 9 else 0
    return 0


_ARABIC_CHAR = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe]")


def _mostly_arabic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if _ARABIC_CHAR.match(ch)) * 2 > len(letters)


def _is_arabic(text: str) -> bool:
    return _ARABIC_CHAR.search(text) is not None


def _texts(el: etree._Element, t: _Tags) -> list[str]:
    """The text of each paragraph under `el` (tables, text boxes)."""
    out = []
    for p in el.iter(t.p):
        s = "".join(x.text or "" for x in p.iter(t.t)).strip()
        if s:
            out.append(s)
    return out


def _excerpt(text: str, width: int = 60) -> str:
    """The text on one line, cut at `width` (the message sets it in «…»)."""
    text = " ".join(text.split())
    return f"{text[:width]}…" if len(text) > width else text


def _split_at_blank_lines(items: list) -> list[list]:
    """Items cut where two line breaks or more follow one another."""
    groups: list[list] = [[]]
    k = 0
    while k < len(items):
        if isinstance(items[k], LineBreak) and k + 1 < len(items) and isinstance(items[k + 1], LineBreak):
            while k < len(items) and isinstance(items[k], LineBreak):
                k += 1
            groups.append([])
            continue
        groups[-1].append(items[k])
        k += 1
    return groups


def _all_bold(items: list) -> bool:
    pieces = [i for i in items if isinstance(i, _Piece) and i.text.strip()]
    return bool(pieces) and all(p.bold or p.style_bold for p in pieces)


def _flat(inlines: tuple[Inline, ...]):
    for node in inlines:
        yield node
        if isinstance(node, Emphasis):
            yield from _flat(node.children)


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


def _lang(value: str) -> str:
    primary = value.split("-")[0].lower()
    return primary if primary.isalpha() and primary not in ("ar", "fa", "ur", "he") else "en"


def _build(items: list) -> tuple[tuple[Inline, ...], str]:
    """A paragraph's items -> (inlines, the plain text the rules read).

    Runs are cut where Word split them; they are put back together, then
    Qur'an quotations and Latin spans are found in the whole text and the
    emphasis laid over them.  Leading and trailing spaces are dropped."""
    # drop line breaks at either end
    while items and isinstance(items[0], LineBreak):
        items = items[1:]
    while items and isinstance(items[-1], LineBreak):
        items = items[:-1]
    segments: list[list[_Piece] | Inline] = []
    for item in items:
        if isinstance(item, _Piece):
            if segments and isinstance(segments[-1], list):
                segments[-1].append(item)
            else:
                segments.append([item])
        else:
            segments.append(item)
    # the paragraph's own leading and trailing spaces
    pieces_only = [s for s in segments if isinstance(s, list)]
    if pieces_only:
        first, last = pieces_only[0], pieces_only[-1]
        if segments and segments[0] is first:
            _strip_pieces(first, left=True)
        if segments and segments[-1] is last:
            _strip_pieces(last, left=False)
    out: list[Inline] = []
    texts: list[str] = []
    for seg in segments:
        if isinstance(seg, list):
            inlines, text = _segment(seg)
            out.extend(inlines)
            texts.append(text)
        else:
            out.append(seg)
            if isinstance(seg, LineBreak):
                texts.append("\n")
    return tuple(out), "".join(texts)


def _strip_pieces(pieces: list[_Piece], left: bool) -> None:
    order = pieces if left else list(reversed(pieces))
    for piece in order:
        stripped = piece.text.lstrip() if left else piece.text.rstrip()
        piece.text = stripped
        if stripped:
            break


def _segment(pieces: list[_Piece]) -> tuple[list[Inline], str]:
    # one range per formatting: (start, end, bold, italic, lang)
    ranges: list[list] = []
    pos = 0
    for p in pieces:
        if not p.text:
            continue
        fmt = (p.bold, p.italic)
        start, pos = pos, pos + len(p.text)
        if ranges and (ranges[-1][2], ranges[-1][3]) == fmt:
            ranges[-1][1] = pos
        else:
            ranges.append([start, pos, p.bold, p.italic, p.lang])
    text = "".join(p.text for p in pieces)
    if not text:
        return [], ""
    langs: list[tuple[int, str]] = []  # (start, w:lang) of each run
    start = 0
    for p in pieces:
        langs.append((start, p.lang))
        start += len(p.text)
    # combining marks stay with their letter; spaces between two runs of one
    # formatting take that formatting
    for k in range(1, len(ranges)):
        prev, cur = ranges[k - 1], ranges[k]
        while cur[0] < cur[1] and unicodedata.category(text[cur[0]]) == "Mn":
            cur[0] += 1
            prev[1] = cur[0]
    ranges = [r for r in ranges if r[1] > r[0]]
    merged: list[list] = []
    for k, r in enumerate(ranges):
        blank = not text[r[0] : r[1]].strip()
        if blank and merged and k + 1 < len(ranges) and (merged[-1][2], merged[-1][3]) == tuple(ranges[k + 1][2:4]):
            merged[-1][1] = r[1]
            continue
        if merged and (merged[-1][2], merged[-1][3]) == (r[2], r[3]):
            merged[-1][1] = r[1]
            continue
        merged.append(list(r))
    # special spans: Qur'an quotations, then Latin text outside them
    verses = verse_spans(text)
    specials: list[tuple[int, int, Inline | str]] = [(s, e, q) for s, e, q in verses]
    for m in _LATIN.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e, _ in verses):
            continue
        # a Latin stretch in one formatting is isolated; one cut by emphasis
        # (`Kennedy, *The Great Arab Conquests*, 2007`) is left to the bidi
        # algorithm, which keeps it one left-to-right run (isolating its
        # pieces one by one would set them in right-to-left order)
        if not any(start < r[0] < end for r in merged):
            specials.append((start, end, "latin"))
    specials.sort(key=lambda x: x[0])
    cuts = sorted({0, len(text)} | {r[0] for r in merged} | {x for s, e, _ in specials for x in (s, e)})
    leaves: list[tuple[bool, bool, Inline]] = []
    sp = 0
    ri = 0
    for a, b in itertools.pairwise(cuts):
        while ri + 1 < len(merged) and merged[ri + 1][0] <= a:
            ri += 1
        bold, italic = merged[ri][2], merged[ri][3]
        while sp < len(specials) and specials[sp][1] <= a:
            sp += 1
        special = specials[sp] if sp < len(specials) and specials[sp][0] <= a else None
        if special is not None and isinstance(special[2], Quran):
            if a == special[0]:
                leaves.append((bold, italic, special[2]))
            continue
        chunk = text[a:b]
        if special is not None:
            lang = next(lg for st, lg in reversed(langs) if st <= special[0])
            leaves.append((bold, italic, Isolate(chunk, _lang(lang))))
        else:
            leaves.append((bold, italic, Text(chunk)))
    return _emphasis(leaves), text


def _emphasis(leaves: list[tuple[bool, bool, Inline]]) -> list[Inline]:
    out: list[Inline] = []
    k = 0
    while k < len(leaves):
        bold, italic, _ = leaves[k]
        group: list[Inline] = []
        while k < len(leaves) and leaves[k][:2] == (bold, italic):
            group.append(leaves[k][2])
            k += 1
        children = _join_isolates(merge_text(group))
        if italic:
            children = (Emphasis(children, strong=False),)
        if bold:
            children = (Emphasis(children, strong=True),)
        out.extend(children)
    return out


def _join_isolates(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Isolate) and out and isinstance(out[-1], Isolate) and out[-1].lang == node.lang:
            out[-1] = Isolate(out[-1].text + node.text, node.lang)
        else:
            out.append(node)
    return tuple(out)
