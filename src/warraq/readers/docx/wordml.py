"""WordprocessingML names: the namespaces of a Word document, the qualified
tags of its elements (transitional or strict), and the small readers of
element properties every room uses (a toggle's value, a run's properties,
a content control's placeholder, the text of the paragraphs under an element).
"""

from __future__ import annotations

from lxml import etree

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"

_TAG_NAMES = """
body p r t pPr rPr pStyle rStyle outlineLvl jc
b bCs i iCs vertAlign rtl lang cs tab ptab
br cr noBreakHyphen softHyphen sym footnoteReference endnoteReference footnoteRef endnoteRef separator
continuationSeparator drawing pict object commentReference fldChar instrText delText tbl tr
tc sdt sdtContent hyperlink smartTag ins moveFrom moveTo fldSimple customXml
dir bdo ruby rubyBase txbxContent style name basedOn docDefaults rPrDefault
pPrDefault footnote endnote altChunk comment rPrChange pPrChange sectPrChange tblPrChange cellIns
cellDel numberingChange bidi vanish sdtPr showingPlcHdr customMarkFollows default
tblPr tblBorders tblStyle bidiVisual trPr tcPr tblHeader gridSpan vMerge numPr ilvl numId abstractNum
abstractNumId num lvl numFmt start lvlOverride startOverride lvlText
ffData checkBox checked
"""


class Tags:
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
        self.ilvl_attr = f"{{{ns}}}ilvl"
        self.abstractNumId_attr = f"{{{ns}}}abstractNumId"
        self.numId_attr = f"{{{ns}}}numId"


def is_on(el: etree._Element | None, t: Tags) -> bool | None:
    """A toggle property: None when absent, else its value."""
    if el is None:
        return None
    return el.get(t.val, "true").lower() not in ("0", "false", "off", "none")


def run_props(rpr: etree._Element | None, t: Tags) -> dict[str, object]:
    if rpr is None:
        return {}
    out: dict[str, object] = {}
    for child in rpr:
        tag = child.tag
        if tag in (t.b, t.bCs, t.i, t.iCs, t.rtl, t.cs, t.vanish):
            out[tag] = is_on(child, t)
        elif tag in (t.vertAlign, t.lang, t.rStyle):
            out[tag] = child.get(t.val, "")
    return out


def showing_placeholder(sdt: etree._Element, t: Tags) -> bool:
    """A content control still showing its placeholder ("Click here to
    enter text."): Word's prompt, not the author's text."""
    return sdt.find(f"{t.sdtPr}/{t.showingPlcHdr}") is not None


def paragraph_texts(el: etree._Element, t: Tags) -> list[str]:
    """The text of each paragraph under `el` (tables, text boxes)."""
    out = []
    for p in el.iter(t.p):
        s = "".join(x.text or "" for x in p.iter(t.t)).strip()
        if s:
            out.append(s)
    return out
