"""Pictures where the model carries text only (a table's cell, a note):
each reader leaves them out with a warning that names the part file, the
place (line or paragraph) and the picture, so the author can find it and
give it a paragraph of its own.  (The web reader's own cases are in
test_web_tables.py.)"""

from __future__ import annotations

from tests.figure_fixtures import raster
from tests.readers.docx_fixtures import TITLE, Doc, docx_bytes, para, run, text_para
from tests.readers.test_docx_figures import cell, row
from warraq.model import Table, plain_text
from warraq.readers import read_part


def _read(tmp_path, name: str, data: bytes):
    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "flag.png").write_bytes(raster("PNG"))
    path = root / "parts" / name
    path.write_bytes(data)
    return read_part(path, f"ms/parts/{name}", {}, (), root=root)


MD = """\
# مقالة (٤)

| البلد | العلم |
|--|--|
| مصر | ![علم مصر](../images/flag.png) |

نص فيه حاشية.[^a]

[^a]: انظر الصورة ![خريطة الدلتا](../images/delta.png) في الملحق.
"""


def test_markdown_pictures_in_a_cell_and_a_note_are_named_with_their_line(tmp_path):
    part = _read(tmp_path, "04.md", MD.encode())
    said = [f for f in part.findings if f.rule == "md-image-inline"]
    assert len(said) == 2
    cell_said = next(f for f in said if "flag.png" in str(f.message))
    assert str(cell_said.prov) == "ms/parts/04.md:5" and "علم مصر" in str(cell_said.message)
    note_said = next(f for f in said if "delta.png" in str(f.message))
    assert str(note_said.prov) == "ms/parts/04.md:9" and "خريطة الدلتا" in str(note_said.message)
    (table,) = [b for b in part.blocks if isinstance(b, Table)]
    assert plain_text(table.rows[1][1].inlines) == "علم مصر"  # the description stands in its place, as said


def test_word_picture_in_a_table_cell_is_named_with_its_paragraph(tmp_path):
    doc = Doc()
    doc.body.append(para(run("مقالة وورد (٥)"), style=TITLE))
    doc.body.append(text_para("فقرة قبل الجدول."))
    picture = doc.picture("image7.png", descr="علم سوريا")
    doc.media["image7.png"] = raster("PNG")
    flagged = f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{para(run("دمشق"), picture)}</w:tc>'
    grid = "<w:tblGrid>" + '<w:gridCol w:w="2000"/>' * 2 + "</w:tblGrid>"
    doc.body.append(
        f"<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr>{grid}"
        + row(cell("المدينة"), cell("البلد"), header=True)
        + row(cell("العاصمة"), flagged)
        + "</w:tbl>"
    )
    doc.body.append(text_para("فقرة بعد الجدول."))
    part = _read(tmp_path, "05.docx", docx_bytes(doc))
    (said,) = [f for f in part.findings if f.rule == "docx-cell-block"]
    assert "image7.png" in str(said.message) and "علم سوريا" in str(said.message)
    # the table's place: the title is ¶1, the paragraph before it ¶2
    assert said.prov.file == "ms/parts/05.docx" and said.prov.unit == "¶" and said.prov.line == 3
    (table,) = [b for b in part.blocks if isinstance(b, Table)]
    assert plain_text(table.rows[1][1].inlines) == "دمشق"
