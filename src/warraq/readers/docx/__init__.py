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
* bold and italic runs (`w:b`/`w:bCs`, `w:i`/`w:iCs`, the complex-script
  one for Arabic runs) as emphasis; Latin text inside Arabic as a Latin span
  (`Isolate`, with the run's `w:lang`);
* footnotes and endnotes at their call (separator notes ignored); a note
  called twice gets a second note, a note inside a note its parentheses, an
  empty note's call is dropped (each a warning); a call to no note is refused;
* headings by meaning: the style's `w:name` (`heading 1`, whatever its
  localized id), `w:outlineLvl` through the `w:basedOn` chain, the Title
  style, and a short bold centred paragraph;
* tracked changes: insertions kept, deletions dropped, one warning;
  comments ignored, one info finding; text boxes are left out with a warning
  naming the paragraph;
* pictures, tables of two columns or more, and numbered or bulleted
  paragraphs as figures, tables and lists (blocks.py).

Positions are paragraph numbers, `file:¶N`: the Nth paragraph of the body
that shows something (empty paragraphs are not counted; a table counts as
one).  The structure rules of `structure.py` then run on the paragraphs as
they run on the lines of a text part.

The package's rooms, in the order a part flows through them:

    bytes ─ package.py ──── the zip, bounded; the hardened XML parser; relationships
              │
              ├─ wordml.py ── the document's namespace and tags
              ├─ styles.py ── styles.xml: styles, defaults, basedOn chains, heading levels
              ├─ notes.py ─── footnotes.xml, endnotes.xml by id
              ▼
           body.py ───────── document.xml's blocks -> numbered paragraphs
              │  runs.py ──── each paragraph's runs -> pieces (fields, symbols, formatting)
              │  inlines.py ─ pieces -> inlines (emphasis, Latin spans, Qur'an)
              ▼
           part.py ───────── title, section levels, emphasis, notes at their calls,
              │              summary findings
              ▼
           DocxPart

`state.py` holds what the rooms share while one part is read (the paragraph
being read, the findings, the counts); `read_docx` below is the one entry.
"""

from __future__ import annotations

import gc

from lxml import etree

from ...errors import InputError
from ...i18n import msg
from .body import Body
from .notes import note_elements
from .package import OFFICE_DOCUMENT, open_package, relationships
from .part import DocxPart, Part
from .styles import read_styles
from .wordml import MC, W_MAIN, W_STRICT, M, Tags

__all__ = ["DocxPart", "read_docx"]


def read_docx(data: bytes, file: str, sign_offs: tuple[str, ...] = ()) -> DocxPart:
    """Read a .docx (or a .doc that is one); InputError naming `file` otherwise."""
    package = open_package(data, file)
    # the cyclic collector, walking the more objects the longer the part,
    # made reading a paragraph of 200,000 runs grow as n^1.15; the reader
    # makes no cycles to collect, so it is paused while one part is read
    paused = gc.isenabled()
    gc.disable()
    try:
        return _Reader(package, file, sign_offs).read()
    finally:
        if paused:
            gc.enable()


class _Reader(Body, Part):
    """One part read: the package's parts in turn, then the body, then the part."""

    def read(self) -> DocxPart:
        package = self.package
        main = "word/document.xml"
        for rel_type, target in relationships(package, "").values():
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
        self.t = t = Tags(ns)
        self.kinds = {tag: "inside" for tag in (t.hyperlink, t.smartTag, t.fldSimple, t.customXml, t.dir, t.bdo)}
        self.kinds |= {t.ins: "inserted", t.moveTo: "inserted", t.del_: "deleted", t.moveFrom: "deleted"}
        self.kinds |= {t.sdt: "sdt", f"{{{MC}}}AlternateContent": "alternate"}
        self.kinds |= {f"{{{M}}}oMath": "math", f"{{{M}}}oMathPara": "math"}
        rels = relationships(package, main)
        parts = {rel_type.rsplit("/", 1)[-1]: target for rel_type, target in rels.values()}
        self.media = {rid: target for rid, (rel_type, target) in rels.items() if rel_type.endswith("/image")}
        self.read_numbering(parts.get("numbering"))
        self.sheet = read_styles(package, parts.get("styles"), t)
        self.notes = {
            "fn": note_elements(package, parts.get("footnotes"), t.footnote, t),
            "en": note_elements(package, parts.get("endnotes"), t.endnote, t),
        }
        if parts.get("comments") and package.has(parts["comments"]):
            self.comments += len(package.xml(parts["comments"]).findall(t.comment))
        body = root.find(t.body)
        if body is None:
            raise InputError(msg("{entry} has no body", entry=main), self.file)
        paras = self.gather(self.read_body(body))
        return self.finish_part(paras)
