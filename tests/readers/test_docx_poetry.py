"""Verse in Word parts (issue 23): a borderless table of two columns of
hemistichs, halves separated by a tab, a paragraph style named like a poem;
and the tables that stay tables."""

from __future__ import annotations

import pytest

from tests.readers.docx_fixtures import Doc, docx_bytes, para, run, text_para
from warraq.model import Paragraph, Poem, plain_text
from warraq.readers import read_part

FILE = "parts/01.docx"
BAYTS = [
    ("الخيل والليل والبيداء تعرفني", "والسيف والرمح والقرطاس والقلم"),
    ("على قدر أهل العزم تأتي العزائم", "وتأتي على قدر الكرام المكارم"),
]
TAB = "<w:r><w:rPr><w:rtl/></w:rPr><w:tab/></w:r>"


def read(doc: Doc, tmp_path):
    path = tmp_path / "01.docx"
    path.write_bytes(docx_bytes(doc))
    return read_part(path, FILE, {})


def titled(*body: str, styles: str = "") -> Doc:
    doc = Doc(extra_styles=styles)
    doc.body.append(para(run("بقعة ضوء (١)"), style="a3"))
    doc.body.extend(body)
    return doc


def halves(poem: Poem) -> list[tuple[str, str]]:
    return [(plain_text(b.sadr), plain_text(b.ajuz)) for b in poem.bayts]


def table(rows: list[tuple[str, ...]], props: str = "<w:bidiVisual/>") -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{text_para(c) if c else para()}</w:tc>" for c in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl><w:tblPr>{props}</w:tblPr>{cells}</w:tbl>"


@pytest.mark.parametrize(
    ("rows", "props"),
    [
        (BAYTS, "<w:bidiVisual/>"),  # right to left: the first cell is the ṣadr
        ([(a, s) for s, a in BAYTS], ""),  # left to right: the ṣadr is the right-hand, last cell
        ([(s, "", a) for s, a in BAYTS], "<w:bidiVisual/>"),  # an empty column for the gap
        (BAYTS, '<w:bidiVisual/><w:tblBorders><w:top w:val="nil"/><w:insideV w:val="none"/></w:tblBorders>'),
    ],
)
def test_a_borderless_table_of_hemistichs_is_a_poem(tmp_path, rows, props):
    part = read(titled(text_para("قال المتنبي:"), table(rows, props), text_para("نص بعد القصيدة.")), tmp_path)
    kinds = [type(b) for b in part.blocks]
    assert kinds == [Paragraph, Poem, Paragraph]
    assert halves(part.blocks[1]) == BAYTS
    assert str(part.blocks[1].prov) == f"{FILE}:¶3"
    assert not [f for f in part.findings if f.rule == "docx-table"]
    assert [f.rule for f in part.findings if f.kind == "poem"] == ["poem"]


@pytest.mark.parametrize(
    "props",
    [
        '<w:bidiVisual/><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders>',  # drawn borders
        '<w:tblStyle w:val="TableGrid"/><w:bidiVisual/>',  # Word's Table Grid
    ],
)
def test_a_table_with_borders_stays_a_table(tmp_path, props):
    part = read(titled(text_para("قبل."), table(BAYTS, props), text_para("بعد.")), tmp_path)
    assert not any(isinstance(b, Poem) for b in part.blocks)
    # (a table: read as one since issue 24, no longer left out with a finding)
    assert [type(b).__name__ for b in part.blocks] == ["Paragraph", "Table", "Paragraph"]


def test_a_table_of_data_stays_a_table(tmp_path):
    rows = [("الاسم الكامل", "سنة الميلاد"), ("أبو الطيب", "٩١٥")]  # one word: no hemistich
    part = read(titled(text_para("قبل."), table(rows), text_para("بعد.")), tmp_path)
    assert not any(isinstance(b, Poem) for b in part.blocks)


def test_tab_separated_halves(tmp_path):
    lines = [para(run(s), TAB, run(a)) for s, a in BAYTS]
    part = read(titled(text_para("وأنشد:"), *lines), tmp_path)
    assert [type(b) for b in part.blocks] == [Paragraph, Poem]
    assert halves(part.blocks[1]) == BAYTS
    assert [b.separator for b in part.blocks[1].bayts] == ["\t", "\t"]
    # a tab in prose is a space in the book
    prose = read(titled(para(run("نص فيه"), TAB, run("مسافة جدولة داخل جملة طويلة من النثر العادي."))), tmp_path)
    assert plain_text(prose.blocks[0].inlines) == "نص فيه مسافة جدولة داخل جملة طويلة من النثر العادي."


@pytest.mark.parametrize("name", ["Poem", "شعر", "بيت شعر"])
def test_a_paragraph_style_of_verse(tmp_path, name):
    # an author's paragraph style, based on Normal (style id "a" in an Arabic Word)
    style = f'<w:style w:type="paragraph" w:styleId="poem1"><w:name w:val="{name}"/><w:basedOn w:val="a"/></w:style>'
    one_a_line = [para(run(half), style="poem1") for bayt in BAYTS for half in bayt]
    doc = titled(text_para("نص قبل الأبيات."), *one_a_line, text_para("نص بعدها."), styles=style)
    part = read(doc, tmp_path)
    assert [type(b) for b in part.blocks] == [Paragraph, Poem, Paragraph]
    assert halves(part.blocks[1]) == BAYTS
    assert str(part.blocks[1].bayts[1].prov) == f"{FILE}:¶5-6"
    # a lone half-line left at the end of the styled run
    doc = titled(*one_a_line, para(run("بيت مشطور وحده"), style="poem1"), styles=style)
    assert halves(read(doc, tmp_path).blocks[0])[-1] == ("بيت مشطور وحده", "")


def test_a_borderless_table_of_figures_stays_a_table(tmp_path):
    # a layout table without borders, as Word makes them: two words a cell, balanced, but figures
    rows = [("إيرادات الدولة", "١٢٠٠ مليون دينار"), ("نفقات الدولة", "٩٥٠ مليون دينار")]
    part = read(titled(text_para("قبل."), table(rows), text_para("بعد.")), tmp_path)
    assert not any(isinstance(b, Poem) for b in part.blocks)


def test_a_table_of_hemistichs_keeps_its_note_call_and_emphasis(tmp_path):
    """A verse table whose ṣadr cell calls a footnote and whose ʿajuz has a
    bold word: a poem, the call and the bold word in their halves, the note
    whole (before, the table was not read as verse when it had a call)."""
    from warraq.model import Emphasis, NoteRef

    doc = titled(text_para("قال المتنبي:"))
    call = doc.footnote(run("ديوان المتنبي، ص ١٢."))
    ajuz = para(run("والسيف والرمح والقرطاس "), run("والقلم", bold=True))
    rows = (
        f"<w:tr><w:tc>{para(run(BAYTS[0][0]), call)}</w:tc><w:tc>{ajuz}</w:tc></w:tr>"
        f"<w:tr><w:tc>{text_para(BAYTS[1][0])}</w:tc><w:tc>{text_para(BAYTS[1][1])}</w:tc></w:tr>"
    )
    doc.body += [f"<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr>{rows}</w:tbl>", text_para("نص بعد القصيدة.")]
    part = read(doc, tmp_path)
    assert [type(b) for b in part.blocks] == [Paragraph, Poem, Paragraph]
    poem = part.blocks[1]
    assert halves(poem) == BAYTS
    assert str(poem.prov) == f"{FILE}:¶3"  # the table is one paragraph of the count
    assert str(part.blocks[2].prov) == f"{FILE}:¶4"
    sadr, ajuz = poem.bayts[0].sadr, poem.bayts[0].ajuz
    assert isinstance(sadr[-1], NoteRef)
    (note,) = part.notes
    assert sadr[-1].note_id == note.id and "ديوان المتنبي" in plain_text(note.inlines)
    assert isinstance(ajuz[-1], Emphasis) and ajuz[-1].strong and plain_text(ajuz[-1].children) == "والقلم"
    assert not [f for f in part.findings if f.rule == "docx-table"]


def test_word_paragraphs_of_bayts_keep_bold_and_a_note_call(tmp_path):
    """Bayts typed a paragraph each (`صدر *** عجز`), one word bold and a
    footnote called at the ṣadr's end: a poem whose halves keep both."""
    from warraq.model import Emphasis, NoteRef

    doc = titled(text_para("كما قال المتنبي:"))
    call = doc.footnote(run("ديوان المتنبي، ص ٣٣٢."))
    first = para(run("الخيل", bold=True), run(" والليل والبيداء تعرفني"), call, run(" *** " + BAYTS[0][1]))
    doc.body += [first, text_para(" *** ".join(BAYTS[1])), text_para("نص بعد القصيدة.")]
    part = read(doc, tmp_path)
    assert [type(b) for b in part.blocks] == [Paragraph, Poem, Paragraph]
    poem = part.blocks[1]
    assert halves(poem) == BAYTS
    sadr = poem.bayts[0].sadr
    assert isinstance(sadr[0], Emphasis) and sadr[0].strong and plain_text(sadr[0].children) == "الخيل"
    assert isinstance(sadr[-1], NoteRef)
    (note,) = part.notes
    assert sadr[-1].note_id == note.id and "ديوان المتنبي" in plain_text(note.inlines)


def test_a_verse_table_stays_a_poem_whatever_its_cells_paragraph_style(tmp_path):
    """Cells whose paragraphs are numbered (a list), or bold and centred
    (what a typed heading looks like): still hemistichs, not a list or
    headings."""
    from tests.readers.test_docx_figures import NUMBERING, numbered

    def centred_bold(text: str) -> str:
        return para(run(text, bold=True), jc="center")

    rows = "".join(f"<w:tr><w:tc>{numbered(s, 1)}</w:tc><w:tc>{centred_bold(a)}</w:tc></w:tr>" for s, a in BAYTS)
    doc = Doc(numbering=NUMBERING)
    doc.body.append(para(run("بقعة ضوء (١)"), style="a3"))
    doc.body += [text_para("قال المتنبي:"), f"<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr>{rows}</w:tbl>"]
    part = read(doc, tmp_path)
    assert [type(b) for b in part.blocks] == [Paragraph, Poem]
    assert halves(part.blocks[1]) == BAYTS


def test_a_picture_in_a_verse_table_is_kept_after_the_poem(tmp_path):
    from tests.figure_fixtures import raster
    from warraq.model import Figure

    doc = titled(text_para("قال المتنبي:"))
    picture = doc.picture("image1.png", descr="زخرفة")
    doc.media["image1.png"] = raster("PNG", (400, 300), (180, 200, 160))
    rows = (
        f"<w:tr><w:tc>{para(run(BAYTS[0][0]), picture)}</w:tc><w:tc>{text_para(BAYTS[0][1])}</w:tc></w:tr>"
        f"<w:tr><w:tc>{text_para(BAYTS[1][0])}</w:tc><w:tc>{text_para(BAYTS[1][1])}</w:tc></w:tr>"
    )
    doc.body += [f"<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr>{rows}</w:tbl>", text_para("نص بعد القصيدة.")]
    part = read(doc, tmp_path)
    assert [type(b) for b in part.blocks] == [Paragraph, Poem, Figure, Paragraph]
    assert halves(part.blocks[1]) == BAYTS
    assert part.blocks[2].alt == "زخرفة"
