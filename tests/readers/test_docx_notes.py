"""Word input the hostile review found read wrong: a note called twice, a
call to no note, an empty note, a note inside a note, breaks, ornaments."""

from __future__ import annotations

import re
import zipfile

import pytest

from tests.readers.docx_fixtures import TITLE, Doc, docx_bytes, para, run
from tests.test_cli import assert_one_clear_error, build
from warraq.errors import InputError
from warraq.model import Break, NoteRef, Paragraph, Provenance, plain_text
from warraq.readers import read_part
from warraq.readers.text import read_text


def _doc(*body: str) -> Doc:
    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (١)"), style=TITLE))
    doc.body.extend(body)
    return doc


def _read(doc: Doc, tmp_path):
    path = tmp_path / "01.docx"
    path.write_bytes(docx_bytes(doc))
    return read_part(path, "parts/01.docx", {})


def _calls(part) -> list[str]:
    out = []
    for block in part.blocks:
        out += [n.note_id for n in getattr(block, "inlines", ()) if isinstance(n, NoteRef)]
    return out


def test_a_note_called_twice_gives_the_second_call_its_own_note(tmp_path):
    doc = _doc()
    call = doc.footnote(run("الطبري، تاريخ."))
    doc.body.append(para(run("الفقرة الأولى"), call))
    doc.body.append(para(run("الفقرة الثانية"), call))
    part = _read(doc, tmp_path)
    assert _calls(part) == ["n1-fn1", "n1-fn2"]
    assert [n.id for n in part.notes] == ["n1-fn1", "n1-fn2"]
    assert all(plain_text(n.inlines) == "الطبري، تاريخ." for n in part.notes)
    (twice,) = [f for f in part.findings if f.rule == "docx-note-twice"]
    assert twice.prov == Provenance("parts/01.docx", 3, unit="¶") and twice.level == "warning"


def test_a_note_called_twice_builds_an_epub_without_duplicate_ids(make_book, tmp_path):
    doc = _doc()
    call = doc.footnote(run("الطبري، تاريخ."))
    doc.body.append(para(run("الفقرة الأولى"), call))
    doc.body.append(para(run("الفقرة الثانية"), call))
    root = make_book({"01.docx": docx_bytes(doc)})
    out = tmp_path / "build"
    result = build(root, out, "--format", "epub")
    assert result.code == 0, result.err
    (epub,) = out.glob("*.epub")
    with zipfile.ZipFile(epub) as zf:
        for name in zf.namelist():
            if name.endswith(".xhtml"):
                ids = re.findall(r'\bid="([^"]+)"', zf.read(name).decode())
                assert len(ids) == len(set(ids)), name


@pytest.mark.parametrize("footnotes", [True, False], ids=["no-such-id", "no-footnotes-part"])
def test_a_call_to_no_note_is_one_clear_error(make_book, tmp_path, footnotes):
    doc = _doc(para(run("نص أول")), para(run("نص"), '<w:r><w:footnoteReference w:id="9"/></w:r>'))
    if footnotes:
        doc.footnote(run("حاشية أخرى."))
    else:
        doc.drop = ("word/footnotes.xml",)
    with pytest.raises(InputError) as exc:
        _read(doc, tmp_path)
    assert str(exc.value).startswith("parts/01.docx:¶3: footnote 9 ")
    root = make_book({"01.docx": docx_bytes(doc)})
    assert_one_clear_error(build(root, tmp_path / "build", "--format", "epub"), "parts/01.docx:¶3", "footnote 9")


@pytest.mark.parametrize("body", ["", "only-ref"])
def test_an_empty_note_drops_its_call_with_a_warning(tmp_path, body):
    doc = _doc()
    call = doc.footnote("")
    if body == "":
        doc.footnotes[1] = "<w:p/>"
    doc.body.append(para(run("نص الفقرة"), call))
    part = _read(doc, tmp_path)
    assert _calls(part) == [] and part.notes == ()
    (empty,) = [f for f in part.findings if f.rule == "docx-note-empty"]
    assert empty.prov == Provenance("parts/01.docx", 2, unit="¶") and empty.level == "warning"


@pytest.mark.parametrize("kind", ["page", "column"])
def test_a_page_or_column_break_inside_a_paragraph_divides_it(tmp_path, kind):
    doc = _doc(para(run("قبل الفاصل"), f'<w:r><w:br w:type="{kind}"/></w:r>', run("وبعد الفاصل")))
    part = _read(doc, tmp_path)
    assert [plain_text(b.inlines) for b in part.blocks] == ["قبل الفاصل", "وبعد الفاصل"]
    assert [b.prov.line for b in part.blocks] == [2, 2]


def test_a_note_inside_a_note_keeps_its_text_in_parentheses_with_a_warning(tmp_path):
    doc = _doc()
    outer = doc.footnote(run("الحاشية الخارجية") + '<w:r><w:footnoteReference w:id="2"/></w:r>' + run(" تتمة."))
    doc.footnote(run("الحاشية الداخلية"))
    doc.body.append(para(run("نص الفقرة"), outer))
    part = _read(doc, tmp_path)
    (note,) = part.notes
    assert plain_text(note.inlines) == "الحاشية الخارجية (الحاشية الداخلية) تتمة."
    (found,) = [f for f in part.findings if f.rule == "docx-note-in-note"]
    assert found.prov == Provenance("parts/01.docx", 2, unit="¶") and found.level == "warning"


def test_a_note_calling_itself_does_not_loop(tmp_path):
    doc = _doc()
    call = doc.footnote(run("حاشية") + '<w:r><w:footnoteReference w:id="1"/></w:r>')
    doc.body.append(para(run("نص الفقرة"), call))
    part = _read(doc, tmp_path)
    assert plain_text(part.notes[0].inlines) == "حاشية"
    assert "docx-note-in-note" in {f.rule for f in part.findings}


@pytest.mark.parametrize("mark", ["* * *", "***", "⁂", "•••", "* * *|centred-bold"])
def test_an_ornament_paragraph_is_a_scene_break_as_in_a_text_part(tmp_path, mark):
    text, _, how = mark.partition("|")
    ornament = para(run(text, bold=True), jc="center") if how else para(run(text))
    doc = _doc(para(run("قبل الفاصل.")), ornament, para(run("بعد الفاصل.")))
    part = _read(doc, tmp_path)
    _, expected = read_text(f"عنوان (١)\nقبل الفاصل.\n{text}\nبعد الفاصل.\n", "f.txt")[1:]
    assert [type(b) for b in part.blocks] == [type(b) for b in expected] == [Paragraph, Break, Paragraph]
    assert part.blocks[1].prov == Provenance("parts/01.docx", 3, unit="¶")


def test_a_document_holding_only_a_table_is_refused_naming_the_table(make_book, tmp_path):
    cell = "<w:tc>" + para(run("خلية")) + "</w:tc>"
    doc = Doc()
    doc.body.append("<w:tbl><w:tr>" + cell * 2 + "</w:tr><w:tr>" + cell * 2 + "</w:tr></w:tbl>")
    with pytest.raises(InputError) as exc:
        _read(doc, tmp_path)
    assert str(exc.value).startswith(
        "parts/01.docx:¶1: the document holds only a table (2 rows, 2 columns) and no text"
    )
    root = make_book({"01.docx": docx_bytes(doc)})
    assert_one_clear_error(build(root, tmp_path / "build", "--format", "epub"), "only a table (2 rows, 2 columns)")


def test_a_deleted_paragraph_mark_joins_the_paragraph_with_the_next(tmp_path):
    deleted = para(run("بداية الجملة ")).replace(
        "<w:rPr><w:rtl/></w:rPr></w:pPr>",
        '<w:rPr><w:del w:id="7" w:author="م" w:date="2024-01-01T00:00:00Z"/><w:rtl/></w:rPr></w:pPr>',
    )
    assert "<w:del " in deleted
    doc = _doc(para(run("فقرة أولى.")), deleted, para(run("ونهايتها.")), para(run("فقرة أخيرة.")))
    part = _read(doc, tmp_path)
    assert [plain_text(b.inlines) for b in part.blocks] == ["فقرة أولى.", "بداية الجملة ونهايتها.", "فقرة أخيرة."]
    assert [b.prov.line for b in part.blocks] == [2, 3, 4]
    assert "docx-tracked-changes" in {f.rule for f in part.findings}
