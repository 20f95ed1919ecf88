"""Word parts' pictures, tables and numbered lists (real OOXML, as Word
writes it), read into figures, tables and lists, and built into an EPUB
(EPUBCheck) and a tagged PDF."""

from __future__ import annotations

import zipfile

import pikepdf
import pytest
from lxml import etree

from tests.conftest import BOOK_TOML
from tests.figure_fixtures import raster
from tests.readers.docx_fixtures import NORMAL, TITLE, Doc, docx_bytes, para, run, text_para
from tests.writers.epub_fixtures import epubcheck
from warraq.model import Figure, List, Paragraph, Provenance, Table, plain_text
from warraq.pipeline import BuildOptions, build
from warraq.readers import read_part

CAPTION = "a10"
CAPTION_STYLE = (
    f'<w:style w:type="paragraph" w:styleId="{CAPTION}"><w:name w:val="caption"/><w:basedOn w:val="{NORMAL}"/>'
    '<w:next w:val="a"/><w:uiPriority w:val="35"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr>'
    '<w:rPr><w:sz w:val="20"/></w:rPr></w:style>'
)
NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="arabicAbjad"/><w:lvlText w:val="%1-"/>'
    '<w:lvlJc w:val="right"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
    '<w:lvlJc w:val="right"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="hindiNumbers"/>'
    '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>'
    "</w:lvlOverride></w:num>"
)


def numbered(text: str, num_id: int, level: int = 0) -> str:
    """A numbered paragraph as Word writes it (ListParagraph, w:numPr)."""
    xml = para(run(text))
    return xml.replace("<w:pPr>", f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>', 1)


def cell(text: str, *, span: int = 1, merge: str | None = None) -> str:
    props = []
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if merge is not None:
        props.append('<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>")
    body = text_para(text) if text else para()
    return f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>{"".join(props)}</w:tcPr>{body}</w:tc>'


def row(*cells: str, header: bool = False) -> str:
    props = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def table(bidi: bool = True) -> str:
    grid = "<w:tblGrid>" + '<w:gridCol w:w="2000"/>' * 4 + "</w:tblGrid>"
    visual = "<w:bidiVisual/>" if bidi else ""
    return (
        f'<w:tbl><w:tblPr>{visual}<w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>{grid}'
        + row(cell("المدينة", merge="restart"), cell("السكان", span=2), cell("ملاحظات", merge="restart"), header=True)
        + row(cell("", merge="continue"), cell("١٩٢٠"), cell("١٩٥٠"), cell("", merge="continue"), header=True)
        + row(cell("دمشق"), cell("٢٠٠ ألف"), cell("٣٥٠ ألف"), cell("عاصمة"))
        + row(cell("حلب"), cell("٢٥٠ ألف"), cell("٣٠٠ ألف"), cell(""))
        + "</w:tbl>"
    )


def word_part(bidi: bool = True) -> bytes:
    doc = Doc(extra_styles=CAPTION_STYLE, numbering=NUMBERING)
    doc.body.append(para(run("مقالة وورد (٣)"), style=TITLE))
    doc.body.append(text_para("فقرة قبل الصورة."))
    picture = doc.picture("image1.jpeg", descr="صورة الجامع الأموي من الصحن")
    doc.media["image1.jpeg"] = raster("JPEG", (2600, 1700), (180, 200, 160))
    doc.body.append(para(picture))
    doc.body.append(para(run("الجامع الأموي سنة ١٩٢٠"), style=CAPTION))
    doc.body.append(para(run("جدول ١: سكان المدن"), style=CAPTION))  # Word sets a table's caption above it
    doc.body.append(table(bidi))
    doc.body.append(text_para("وأهم النقاط:"))
    doc.body.append(numbered("الأولى", 1))
    doc.body.append(numbered("الثانية", 1))
    doc.body.append(numbered("فرع أول", 1, 1))
    doc.body.append(numbered("فرع ثان", 1, 1))
    doc.body.append(numbered("الثالثة", 1))
    doc.body.append(numbered("ثالثا", 2))
    doc.body.append(numbered("رابعا", 2))
    doc.body.append(text_para("وختاما."))
    return docx_bytes(doc)


def read(tmp_path, data: bytes, name: str = "03.docx"):
    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True, exist_ok=True)
    path = root / "parts" / name
    path.write_bytes(data)
    return read_part(path, f"ms/parts/{name}", {}, (), root=root)


def test_word_picture_caption_table_lists(tmp_path):
    part = read(tmp_path, word_part())
    kinds = [type(b).__name__ for b in part.blocks]
    assert kinds == ["Paragraph", "Figure", "Table", "Paragraph", "List", "List", "Paragraph"]
    fig: Figure = part.blocks[1]
    assert fig.src == "ms/parts/03.docx/image1.jpeg" and fig.media_type == "image/jpeg"
    assert fig.alt == "صورة الجامع الأموي من الصحن" and plain_text(fig.caption) == "الجامع الأموي سنة ١٩٢٠"
    assert fig.prov == Provenance("ms/parts/03.docx", 3, unit="¶")
    tbl: Table = part.blocks[2]
    assert tbl.header_rows == 2 and plain_text(tbl.caption) == "جدول ١: سكان المدن"
    shape = [[(plain_text(c.inlines), c.colspan, c.rowspan, c.header) for c in r] for r in tbl.rows]
    assert shape[0] == [("المدينة", 1, 2, True), ("السكان", 2, 1, True), ("ملاحظات", 1, 2, True)]
    assert shape[1] == [("١٩٢٠", 1, 1, True), ("١٩٥٠", 1, 1, True)]
    assert [s[0] for s in shape[2]] == ["دمشق", "٢٠٠ ألف", "٣٥٠ ألف", "عاصمة"]
    abjad: List = part.blocks[4]
    assert abjad.style == "abjad" and [plain_text(i.inlines) for i in abjad.items] == ["الأولى", "الثانية", "الثالثة"]
    (nested,) = abjad.items[1].children
    assert nested.style == "bullet" and [plain_text(i.inlines) for i in nested.items] == ["فرع أول", "فرع ثان"]
    hindi: List = part.blocks[5]
    assert (hindi.style, hindi.start, len(hindi.items)) == ("decimal", 3, 2)
    assert isinstance(part.blocks[3], Paragraph)  # «وأهم النقاط:» stays a paragraph
    assert not [f for f in part.findings if f.rule in ("docx-table", "docx-image")]


def test_word_left_to_right_table_is_mirrored_and_said(tmp_path):
    part = read(tmp_path, word_part(bidi=False))
    tbl = next(b for b in part.blocks if isinstance(b, Table))
    assert [plain_text(c.inlines) for c in tbl.rows[2]] == ["عاصمة", "٣٥٠ ألف", "٢٠٠ ألف", "دمشق"]
    assert "docx-table-ltr" in {f.rule for f in part.findings}


def test_word_picture_damaged_is_one_line_and_misnamed_is_renamed(tmp_path):
    doc = Doc()
    doc.body.append(para(run("مقالة (٤)"), style=TITLE))
    doc.body.append(para(doc.picture("image1.png", descr="وصف")))
    doc.media["image1.png"] = raster("JPEG")  # Word's name, not the author's: named for what it holds
    part = read(tmp_path, docx_bytes(doc), "04.docx")
    assert part.blocks[0].src == "ms/parts/04.docx/image1.jpg" and part.blocks[0].media_type == "image/jpeg"
    doc.media["image1.png"] = raster("PNG", (900, 700))[:2000]  # cut short
    from warraq.errors import InputError

    with pytest.raises(InputError) as err:
        read(tmp_path, docx_bytes(doc), "05.docx")
    assert err.value.where() == "ms/parts/05.docx:¶2"  # the title is ¶1
    assert "image1.png" in str(err.value.message) and "truncated" in str(err.value.message)


def test_word_part_builds_to_a_clean_epub_and_a_tagged_pdf(tmp_path):
    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(BOOK_TOML.format(extra=""), "utf-8")
    (root / "sources.toml").write_text("", "utf-8")
    (root / "parts" / "03.docx").write_bytes(word_part())
    out = tmp_path / "out"
    build(root, out, BuildOptions(formats=("epub", "pdf")))
    epub = out / "test-book.epub"
    bad = [(m["ID"], m["message"]) for m in epubcheck(epub) if m["severity"] != "USAGE"]
    assert bad == []
    with zipfile.ZipFile(epub) as z:
        doc = etree.fromstring(z.read("EPUB/text/part-003.xhtml"))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    th = doc.findall(".//h:thead/h:tr/h:th", ns)
    assert [(h.text, h.get("colspan"), h.get("rowspan")) for h in th][:3] == [
        ("المدينة", None, "2"),
        ("السكان", "2", None),
        ("ملاحظات", None, "2"),
    ]
    assert [s.text for s in doc.iterfind(".//h:ol/h:li/h:span", ns)] == ["أ-", "ب-", "ج-", "٣-", "٤-"]
    pdf = pikepdf.open(out / "test-book.pdf")
    tags: list[str] = []
    alts: list[str] = []

    def walk(node):
        if "/S" in node:
            tags.append(str(node.S))
            if node.S == "/Figure":
                alts.append(str(node.get("/Alt")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    assert alts == ["صورة الجامع الأموي من الصحن"]
    assert {"/Table", "/TH", "/TD", "/L", "/LI", "/Lbl", "/LBody", "/Caption"} <= set(tags)
