"""Word (.docx) files written the way Microsoft Word writes them, for tests
and the benchmark.

What Word does and a naive writer does not, all of it here: the full set of
namespaces on the root with `mc:Ignorable="w14 w15 wp14"`, `w14:paraId` /
`w14:textId` and `w:rsid*` attributes on every paragraph and run, the style
ids of an Arabic Word (Normal is `a`, heading 1 is `1`, Title `a3`, the
footnote styles `a4`/`a5`), `w:bidi` on paragraphs and `w:rtl` + `w:lang
w:bidi="ar-SA"` on runs, runs split in the middle of words with
`w:proofErr` and bookmarks between them, `footnotes.xml` and `endnotes.xml`
opening with the separator notes (ids -1 and 0), settings.xml with
`w:footnotePr`, `[Content_Types].xml` and the relationships.

Paragraphs are built with `para(...)` from runs made by `run(...)`; a
`Doc` collects footnotes and endnotes; `docx_bytes(doc)` is the file.
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

NS = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 w15 wp14"'
)
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
RSIDS = ("00A1B2C3", "004D5E6F", "00F0E1D2", "002B3C4D")

# an Arabic Word's localized style ids (the names stay English)
NORMAL, HEADING1, HEADING2, TITLE, FOOTNOTE_TEXT, FOOTNOTE_REF = "a", "1", "2", "a3", "a4", "a5"
ENDNOTE_TEXT, ENDNOTE_REF, QUOTE_STYLE, MY_HEADING = "a6", "a7", "a8", "a9"

_rng = random.Random(7)
_QUOT = {'"': "&quot;"}


def _ids() -> str:
    para_id = f"{_rng.randrange(0x10000000, 0x7FFFFFFF):08X}"
    return f'w14:paraId="{para_id}" w14:textId="77777777" w:rsidR="{RSIDS[0]}" w:rsidRDefault="{RSIDS[1]}"'


def rpr(
    bold: bool = False,
    italic: bool = False,
    rtl: bool = True,
    lang: str = "",
    sup: bool = False,
    style: str = "",
    cs_only: bool = False,
) -> str:
    """Run properties in Word's order: rStyle, rFonts, b, bCs, i, iCs, vertAlign, rtl, lang."""
    out = []
    if style:
        out.append(f'<w:rStyle w:val="{style}"/>')
    if rtl:
        out.append('<w:rFonts w:ascii="Simplified Arabic" w:hAnsi="Simplified Arabic" w:cs="Simplified Arabic"/>')
    if bold:
        out.append("<w:bCs/>" if cs_only else "<w:b/><w:bCs/>")
    if italic:
        out.append("<w:iCs/>" if cs_only else "<w:i/><w:iCs/>")
    out.append('<w:sz w:val="28"/><w:szCs w:val="28"/>')
    if sup:
        out.append('<w:vertAlign w:val="superscript"/>')
    if rtl:
        out.append("<w:rtl/>")
    if lang:
        out.append(f'<w:lang w:val="{lang}"/>')
    elif rtl:
        out.append('<w:lang w:bidi="ar-SA"/>')
    return "<w:rPr>" + "".join(out) + "</w:rPr>"


def t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


def run(text: str, split: bool = True, **props) -> str:
    """A run of text as Word saves it: split in the middle of words into
    several runs (with a proofing mark or a bookmark between) when `split`."""
    props_xml = rpr(**props)
    if not split or len(text) < 6:
        return f'<w:r w:rsidRPr="{RSIDS[2]}">{props_xml}{t(text)}</w:r>'
    cuts = sorted({len(text) // 3, (2 * len(text)) // 3})
    pieces = [text[: cuts[0]], text[cuts[0] : cuts[1]], text[cuts[1] :]]
    out = []
    for k, piece in enumerate(pieces):
        if k == 1:
            out.append('<w:proofErr w:type="spellStart"/>')
        if k == 2:
            out.append('<w:proofErr w:type="spellEnd"/><w:bookmarkStart w:id="0" w:name="_Hlk1"/>')
        out.append(f'<w:r w:rsidRPr="{RSIDS[k % 4]}">{props_xml}{t(piece)}</w:r>')
    out.append('<w:bookmarkEnd w:id="0"/>')
    return "".join(out)


def note_call(note_id: int, endnote: bool = False) -> str:
    style, tag = (ENDNOTE_REF, "endnoteReference") if endnote else (FOOTNOTE_REF, "footnoteReference")
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/><w:rtl/></w:rPr><w:{tag} w:id="{note_id}"/></w:r>'


def para(*content: str, style: str = "", bidi: bool = True, jc: str = "", outline: int | None = None) -> str:
    ppr = []
    if style:
        ppr.append(f'<w:pStyle w:val="{style}"/>')
    if bidi:
        ppr.append("<w:bidi/>")
    if jc:
        ppr.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        ppr.append(f'<w:outlineLvl w:val="{outline}"/>')
    ppr.append("<w:rPr><w:rtl/></w:rPr>" if bidi else "")
    return f"<w:p {_ids()}><w:pPr>{''.join(ppr)}</w:pPr>{''.join(content)}</w:p>"


def text_para(text: str, **kw) -> str:
    """A plain Arabic paragraph (Normal style), its text split into runs."""
    return para(run(text), **kw)


@dataclass
class Doc:
    """A Word document: body paragraphs, notes, and the extra parts."""

    body: list[str] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)  # id -> the note's paragraphs' XML
    endnotes: dict[int, str] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    extra_styles: str = ""
    document_xml: str | None = None  # replaces the generated word/document.xml
    drop: tuple[str, ...] = ()  # entries to leave out of the package
    media: dict[str, bytes] = field(default_factory=dict)  # word/media/<name> -> bytes (pictures)
    numbering: str = ""  # word/numbering.xml's abstractNum and num elements ("": no numbering part)

    def picture(self, name: str, descr: str = "", cx: int = 3600000, cy: int = 2400000) -> str:
        """A run holding the picture `name` (added to `media`) inline, as
        Word writes it: wp:inline, wp:docPr with its description, a:blip r:embed."""
        rid = f"rIdImg{len(self.media) + 1}"
        self.media.setdefault(name, b"")
        self._rids = getattr(self, "_rids", {})
        self._rids[name] = rid
        pic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        return (
            f'<w:r><w:rPr><w:noProof/><w:rtl/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{len(self.media)}" name="Picture {len(self.media)}" descr="{escape(descr, _QUOT)}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{a}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic xmlns:a="{a}"><a:graphicData uri="{pic}"><pic:pic xmlns:pic="{pic}">'
            f'<pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r>"
        )

    def footnote(self, text_xml: str, endnote: bool = False) -> str:
        """Add a note (its runs' XML) and return the call to put in a run."""
        notes = self.endnotes if endnote else self.footnotes
        note_id = len(notes) + 1
        style, ref_style, ref = (
            (ENDNOTE_TEXT, ENDNOTE_REF, "endnoteRef") if endnote else (FOOTNOTE_TEXT, FOOTNOTE_REF, "footnoteRef")
        )
        notes[note_id] = (
            f'<w:p {_ids()}><w:pPr><w:pStyle w:val="{style}"/><w:bidi/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/><w:rtl/></w:rPr><w:{ref}/></w:r>'
            f'<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>{text_xml}</w:p>'
        )
        return note_call(note_id, endnote)


def document_xml(doc: Doc) -> str:
    sect = (
        f'<w:sectPr w:rsidR="{RSIDS[0]}" w:rsidSect="{RSIDS[1]}"><w:footnotePr><w:numRestart w:val="eachSect"/>'
        '</w:footnotePr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" '
        'w:left="1800" w:header="708" w:footer="708" w:gutter="0"/><w:cols w:space="708"/><w:bidi/>'
        '<w:rtlGutter/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    return f"{DECL}<w:document {NS}><w:body>{''.join(doc.body)}{sect}</w:body></w:document>"


def _notes_xml(tag: str, notes: dict[int, str]) -> str:
    sep = (
        f'<w:{tag} w:type="separator" w:id="-1"><w:p {_ids()}><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:' + tag + ">"
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p {_ids()}><w:pPr><w:spacing w:after="0" '
        'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:' + tag + ">"
    )
    body = "".join(f'<w:{tag} w:id="{i}">{xml}</w:{tag}>' for i, xml in notes.items())
    return f"{DECL}<w:{tag}s {NS}>{sep}{body}</w:{tag}s>"


def _style(sid: str, name: str, kind: str = "paragraph", based: str = "", ppr: str = "", rpr_xml: str = "", **flags):
    default = ' w:default="1"' if flags.get("default") else ""
    based_xml = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (
        f'<w:style w:type="{kind}"{default} w:styleId="{sid}"><w:name w:val="{name}"/>{based_xml}'
        f'<w:next w:val="{NORMAL}"/><w:uiPriority w:val="9"/><w:qFormat/><w:rsid w:val="{RSIDS[3]}"/>'
        f"{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{f'<w:rPr>{rpr_xml}</w:rPr>' if rpr_xml else ''}</w:style>"
    )


def styles_xml(extra: str = "") -> str:
    bold = "<w:b/><w:bCs/>"
    styles = [
        _style(NORMAL, "Normal", ppr="<w:bidi/>", default=True),
        _style("a0", "Default Paragraph Font", kind="character", default=True),
        _style(HEADING1, "heading 1", based=NORMAL, ppr='<w:keepNext/><w:outlineLvl w:val="0"/>', rpr_xml=bold),
        _style(HEADING2, "heading 2", based=NORMAL, ppr='<w:keepNext/><w:outlineLvl w:val="1"/>', rpr_xml=bold),
        _style(TITLE, "Title", based=NORMAL, ppr='<w:jc w:val="center"/>', rpr_xml=bold + '<w:sz w:val="56"/>'),
        _style(FOOTNOTE_TEXT, "footnote text", based=NORMAL, rpr_xml='<w:sz w:val="20"/>'),
        _style(FOOTNOTE_REF, "footnote reference", kind="character", rpr_xml='<w:vertAlign w:val="superscript"/>'),
        _style(ENDNOTE_TEXT, "endnote text", based=NORMAL),
        _style(ENDNOTE_REF, "endnote reference", kind="character", rpr_xml='<w:vertAlign w:val="superscript"/>'),
        _style(QUOTE_STYLE, "Quote", based=NORMAL, rpr_xml="<w:i/><w:iCs/>"),
        # an author's own style based on heading 2 (its level comes through w:basedOn)
        _style(MY_HEADING, "عنوان فرعي خاص", based=HEADING2),
    ]
    defaults = (
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:cstheme="minorBidi"/>'
        '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" '
        'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" '
        'w:defQFormat="0" w:count="376"><w:lsdException w:name="Normal" w:uiPriority="0" w:qFormat="1"/>'
        "</w:latentStyles>"
    )
    return f"{DECL}<w:styles {NS}>{defaults}{''.join(styles)}{extra}</w:styles>"


SETTINGS = (
    f'{DECL}<w:settings {NS}><w:zoom w:percent="100"/><w:trackRevisions w:val="0"/>'
    '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    '<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>'
    f'<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
    f'w:val="15"/></w:compat><w:rsids><w:rsidRoot w:val="{RSIDS[0]}"/><w:rsid w:val="{RSIDS[1]}"/></w:rsids>'
    '<w:themeFontLang w:val="en-US" w:bidi="ar-SA"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=";"/>'
    "</w:settings>"
)
CONTENT_TYPES = (
    f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.endnotes+xml"/>'
    '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.comments+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
    'core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'extended-properties+xml"/></Types>'
)
ROOT_RELS = (
    f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'extended-properties" Target="docProps/app.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOC_RELS = (
    f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId8" Type="{_REL}theme" Target="theme/theme1.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}settings" Target="settings.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rId5" Type="{_REL}footnotes" Target="footnotes.xml"/>'
    f'<Relationship Id="rId6" Type="{_REL}endnotes" Target="endnotes.xml"/>'
    f'<Relationship Id="rId9" Type="{_REL}comments" Target="comments.xml"/>'
    f'<Relationship Id="rId10" Type="{_REL}hyperlink" Target="https://example.org/" TargetMode="External"/>'
    "</Relationships>"
)
CORE = (
    f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>كاتب</dc:creator>'
    '<cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T10:00:00Z'
    "</dcterms:created></cp:coreProperties>"
)
APP = (
    f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Office Word</Application><AppVersion>16.0000</AppVersion></Properties>"
)


def comments_xml(comments: list[str]) -> str:
    body = "".join(
        f'<w:comment w:id="{k}" w:author="محرر" w:date="2024-01-02T10:00:00Z" w:initials="م">'
        f"<w:p {_ids()}><w:r><w:annotationRef/></w:r>{run(c, split=False)}</w:p></w:comment>"
        for k, c in enumerate(comments)
    )
    return f"{DECL}<w:comments {NS}>{body}</w:comments>"


def _doc_rels(doc: Doc) -> str:
    """document.xml's relationships, with the pictures' and the numbering's."""
    extra = "".join(
        f'<Relationship Id="{rid}" Type="{_REL}image" Target="media/{name}"/>'
        for name, rid in getattr(doc, "_rids", {}).items()
    )
    if doc.numbering:
        extra += f'<Relationship Id="rIdNum" Type="{_REL}numbering" Target="numbering.xml"/>'
    return DOC_RELS.replace("</Relationships>", extra + "</Relationships>")


def docx_bytes(doc: Doc) -> bytes:
    entries = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "word/document.xml": doc.document_xml if doc.document_xml is not None else document_xml(doc),
        "word/_rels/document.xml.rels": _doc_rels(doc),
        "word/styles.xml": styles_xml(doc.extra_styles),
        "word/settings.xml": SETTINGS,
        "word/footnotes.xml": _notes_xml("footnote", doc.footnotes),
        "word/endnotes.xml": _notes_xml("endnote", doc.endnotes),
        "word/comments.xml": comments_xml(doc.comments),
        **{f"word/media/{name}": data for name, data in doc.media.items()},
    }
    if doc.numbering:
        entries["word/numbering.xml"] = f"{DECL}<w:numbering {NS}>{doc.numbering}</w:numbering>"
    if doc.media:
        types = "".join(
            f'<Default Extension="{ext}" ContentType="image/{"jpeg" if ext == "jpg" else ext}"/>'
            for ext in sorted({n.rsplit(".", 1)[-1] for n in doc.media})
        )
        entries["[Content_Types].xml"] = CONTENT_TYPES.replace(
            '<Default Extension="xml"', types + '<Default Extension="xml"'
        )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in entries.items():
            if name not in doc.drop:
                data = text if isinstance(text, bytes) else text.encode("utf-8")
                zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def article_docx(
    title: str, paragraphs: list[str], title_style: str = TITLE, notes: dict[int, str] | None = None
) -> bytes:
    """A plain article: a title paragraph, then one Normal paragraph per
    string; `notes` puts a footnote (its text) at the end of paragraph k."""
    doc = Doc()
    doc.body.append(para(run(title), style=title_style))
    for k, text in enumerate(paragraphs):
        call = doc.footnote(run(notes[k])) if notes and k in notes else ""
        doc.body.append(para(run(text), call))
    return docx_bytes(doc)


def sample_article() -> Doc:
    """Part 7 of a series as Word writes it (notes numbered in call order): a Title, a heading 1 (style id
    "1"), a Latin book title in italics, bold, a quotation with a footnote,
    a verse, an endnote and the sign-off.  tests/readers/data/libreoffice-07.*
    are this document saved again by LibreOffice."""
    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (٧)"), style=TITLE))
    latin = {"rtl": False, "lang": "en-GB"}
    fn2 = doc.footnote(
        run("Hugh Kennedy, ", **latin) + run("The Great Arab Conquests", italic=True, **latin) + run(", 2007.", **latin)
    )
    fn1 = doc.footnote(run("محمد بن جرير الطبري، ") + run("تاريخ الرسل والملوك", bold=True) + run("، ج ٣، ص ٤٠٠."))
    en1 = doc.footnote(run("تعليق في آخر المقال."), endnote=True)
    doc.body.append(
        para(
            run("كتب المؤرخ البريطاني "),
            run("هيو كينيدي", bold=True),
            run(" في كتابه "),
            run("The Great Arab Conquests", italic=True, **latin),
            run(" أن الفتح كان سريعا."),
            fn2,
        )
    )
    doc.body.append(para(run("فتح الشام وفلسطين"), style=HEADING1))
    doc.body.append(para(run("يقول الطبري:")))
    doc.body.append(para(run("«إن هذا يوم من أيام الله لا ينبغي فيه الفخر ولا البغي»"), fn1))
    doc.body.append(para(run("﴿إنك ميت وإنهم ميتون﴾ [الزمر: ٣٠]")))
    doc.body.append(para(run("وقد كان للمعركة أثر كبير في "), run("تاريخ المنطقة", italic=True), run(" كلها."), en1))
    doc.body.append(para(run("وللحديث بقية إن شاء الله")))
    return doc
