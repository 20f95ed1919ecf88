"""The Word reader, construct by construct, on files written as Word writes
them (docx_fixtures.py), and the same structure rules as text parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MANUSCRIPT
from tests.readers.docx_fixtures import (
    HEADING1,
    MY_HEADING,
    NS,
    TITLE,
    Doc,
    docx_bytes,
    para,
    rpr,
    run,
    text_para,
)
from warraq.errors import AssemblyError
from warraq.model import (
    Emphasis,
    Heading,
    Isolate,
    LineBreak,
    NoteRef,
    Paragraph,
    Provenance,
    Quotation,
    Quran,
    SignOff,
    Table,
    Text,
    Verse,
    block_text,
    plain_text,
)
from warraq.readers import read_part
from warraq.readers.structure import Para, infer_blocks, split_verses
from warraq.readers.text import read_text

FILE = "parts/04-x.docx"


def read(doc: Doc, tmp_path: Path, name: str = "04-x.docx", order: dict | None = None):
    path = tmp_path / name
    path.write_bytes(docx_bytes(doc))
    return read_part(path, f"parts/{name}", order or {})


def titled(*body: str) -> Doc:
    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (٤)"), style=TITLE))
    doc.body.extend(body)
    return doc


def rules(part) -> set[str]:
    return {f.rule for f in part.findings}


# ------------------------------------------------------------------ runs as Word splits them


def test_runs_split_mid_word_with_proofing_marks_and_bookmarks_read_whole(tmp_path):
    text = "كتب المؤرخ هيو كينيدي في كتابه عن الفتوحات الإسلامية الكبرى"
    doc = titled(para(run(text)))  # split in three runs, proofErr and a bookmark between
    assert "proofErr" in doc.body[1] and doc.body[1].count("<w:r ") == 3
    part = read(doc, tmp_path)
    (block,) = part.blocks
    assert block.inlines == (Text(text),)
    assert block.prov == Provenance(FILE, 2, unit="¶") and str(block.prov) == "parts/04-x.docx:¶2"


def test_smarttag_sdt_hyperlink_custom_xml_are_looked_through(tmp_path):
    body = para(
        run("أول "),
        f'<w:smartTag w:uri="urn:x" w:element="place">{run("دمشق")}</w:smartTag>',
        f"<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>{run(' ثم ')}</w:sdtContent></w:sdt>",
        f'<w:hyperlink r:id="rId10" w:history="1">{run("القدس", style="a0")}</w:hyperlink>',
        f'<w:customXml w:element="c">{run(" آخرا")}</w:customXml>',
    )
    part = read(titled(body), tmp_path)
    assert block_text(part.blocks[0]) == "أول دمشق ثم القدس آخرا"


def test_fields_keep_their_result_not_their_instruction(tmp_path):
    complex_field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run('الموقع', split=False)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    simple = f'<w:fldSimple w:instr=" DATE \\@ &quot;yyyy&quot; ">{run("٢٠٢٤", split=False)}</w:fldSimple>'
    part = read(titled(para(run("انظر "), complex_field, run(" سنة "), simple)), tmp_path)
    assert block_text(part.blocks[0]) == "انظر الموقع سنة ٢٠٢٤"


def test_break_tab_symbol_hyphens(tmp_path):
    r = "<w:r><w:rPr><w:rtl/></w:rPr>{}</w:r>"
    body = para(
        run("سطر أول", split=False),
        r.format("<w:br/>"),
        run("سطر ثان", split=False),
        r.format("<w:tab/>"),
        run("بعد", split=False),
        r.format('<w:sym w:font="Symbol" w:char="F0B0"/>'),
        r.format("<w:t>غير</w:t><w:noBreakHyphen/><w:t>منقسم</w:t>"),
        r.format("<w:t>كل</w:t><w:softHyphen/><w:t>مة</w:t>"),
        r.format('<w:br w:type="page"/>'),
        r.format('<w:sym w:font="Wingdings" w:char="F0A7"/>'),
    )
    part = read(titled(body), tmp_path)
    inlines = part.blocks[0].inlines
    assert inlines[1] == LineBreak()
    assert plain_text(inlines) == "سطر أول\nسطر ثان بعد°غير\u2011منقسمكلمة"
    assert "docx-symbol" in rules(part)  # the Wingdings bullet: left out, said so


# ------------------------------------------------------------------ direction and emphasis


def test_latin_run_in_arabic_is_a_latin_span_with_its_language(tmp_path):
    body = para(
        run("يقول "),
        run("Hugh Kennedy", rtl=False, lang="en-GB"),
        run(" في "),
        run("The Great Arab Conquests", rtl=False, lang="en-US", italic=True),
        run(" (2007) إن الفتح كان سريعا."),
    )
    part = read(titled(body), tmp_path)
    inlines = part.blocks[0].inlines
    assert Isolate("Hugh Kennedy", "en") in inlines
    assert Emphasis((Isolate("The Great Arab Conquests", "en"),)) in inlines
    assert plain_text(inlines) == "يقول Hugh Kennedy في The Great Arab Conquests (2007) إن الفتح كان سريعا."


def test_french_run_keeps_its_language(tmp_path):
    part = read(titled(para(run("كما قال "), run("Jacques Berque", rtl=False, lang="fr-FR"), run(" يوما"))), tmp_path)
    assert Isolate("Jacques Berque", "fr") in part.blocks[0].inlines


def test_bold_and_italic_complex_script_runs_are_emphasis(tmp_path):
    # Arabic Word sets only w:bCs / w:iCs on Arabic runs when the author
    # presses Ctrl+B in right-to-left text
    body = para(
        run("هذا "),
        run("مهم جدا", bold=True, cs_only=True),
        run(" وهذا "),
        run("مائل", italic=True, cs_only=True),
        run(" وهذا "),
        run("كلاهما", bold=True, italic=True),
    )
    part = read(titled(body), tmp_path)
    inlines = part.blocks[0].inlines
    assert Emphasis((Text("مهم جدا"),), strong=True) in inlines
    assert Emphasis((Text("مائل"),), strong=False) in inlines
    assert Emphasis((Emphasis((Text("كلاهما"),), strong=False),), strong=True) in inlines


def test_bold_latin_flag_on_arabic_run_without_cs_bold_is_not_bold(tmp_path):
    # w:b with w:bCs="0" on an Arabic run: Word shows it regular
    r = '<w:r><w:rPr><w:b/><w:bCs w:val="0"/><w:rtl/></w:rPr><w:t>عادي</w:t></w:r>'
    part = read(titled(para(run("نص "), r)), tmp_path)
    assert part.blocks[0].inlines == (Text("نص عادي"),)


def test_space_between_two_bold_runs_joins_them_and_marks_stay_with_letters(tmp_path):
    body = para(
        run("أ ", split=False),
        run("كلمة", bold=True, split=False),
        run(" ", split=False),
        run("أخرى", bold=True, split=False),
        run("\u064e", split=False),
        run(" ب", split=False),
    )
    part = read(titled(body), tmp_path)
    inlines = part.blocks[0].inlines
    # one bold span (the space between joined), the fatha kept on its letter
    assert inlines == (Text("أ "), Emphasis((Text("كلمة أخرى\u064e"),), strong=True), Text(" ب"))


def test_superscript_that_is_no_note_call_is_text_and_reported(tmp_path):
    part = read(titled(para(run("القرن "), run("١٩", sup=True, split=False), run(" الميلادي"))), tmp_path)
    assert block_text(part.blocks[0]) == "القرن ١٩ الميلادي"
    (f,) = [f for f in part.findings if f.rule == "docx-superscript"]
    assert f.prov == Provenance(FILE, 2, unit="¶") and f.level == "info"


# ------------------------------------------------------------------ notes


def test_footnotes_and_endnotes_at_their_calls_separators_ignored(tmp_path):
    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (٤)"), style=TITLE))
    fn1 = doc.footnote(run("الطبري، ") + run("تاريخ الرسل والملوك", bold=True) + run("، ج ٣."))
    en1 = doc.footnote(run("كينيدي، الفتوحات."), endnote=True)
    fn2 = doc.footnote(run("قال تعالى ﴿إنك ميت وإنهم ميتون﴾ [الزمر: ٣٠]"))
    doc.body.append(para(run("الفقرة الأولى"), fn1, run(" وتستمر"), en1))
    doc.body.append(para(run("الفقرة الثانية"), fn2))
    part = read(doc, tmp_path)
    first, second = part.blocks
    calls = [n for n in first.inlines if isinstance(n, NoteRef)]
    assert calls == [NoteRef("n4-fn1"), NoteRef("n4-en1")]
    assert second.inlines[-1] == NoteRef("n4-fn2")
    notes = {n.id: n for n in part.notes}
    assert list(notes) == ["n4-fn1", "n4-en1", "n4-fn2"]  # no separator note (ids -1, 0)
    assert notes["n4-fn1"].inlines == (
        Text("الطبري، "),
        Emphasis((Text("تاريخ الرسل والملوك"),), strong=True),
        Text("، ج ٣."),
    )
    assert notes["n4-fn1"].prov == Provenance(FILE, 2, unit="¶")
    (q,) = [n for n in notes["n4-fn2"].inlines if isinstance(n, Quran)]
    assert q.text == "إنك ميت وإنهم ميتون" and q.typed_ref == "[الزمر: ٣٠]"


def test_note_in_the_title_moves_to_the_first_paragraph_with_a_warning(tmp_path):
    doc = Doc()
    call = doc.footnote(run("نشر في جريدة الوطن."))
    doc.body.append(para(run("بقعة ضوء (٤)"), call, style=TITLE))
    doc.body.append(text_para("نص الحلقة"))
    part = read(doc, tmp_path)
    assert plain_text(part.title) == "بقعة ضوء (٤)" and part.blocks[0].inlines[-1] == NoteRef("n4-fn1")
    assert [n.id for n in part.notes] == ["n4-fn1"] and "docx-title-note" in rules(part)


# ------------------------------------------------------------------ headings by meaning


def test_headings_by_style_name_not_localized_id_and_by_outline_level(tmp_path):
    doc = Doc()
    doc.body.append(para(run("الحلقة الرابعة"), style=TITLE))
    doc.body.append(para(run("فتح الشام"), style=HEADING1))  # styleId "1": name "heading 1"
    doc.body.append(text_para("نص"))
    doc.body.append(para(run("معركة اليرموك"), style=MY_HEADING))  # based on heading 2
    doc.body.append(para(run("حصار دمشق"), outline=1))  # direct outline level 2
    doc.body.append(text_para("نص آخر"))
    part = read(doc, tmp_path)
    assert (part.number, plain_text(part.title)) == (4, "الحلقة الرابعة")
    heads = [(b.level, block_text(b)) for b in part.blocks if isinstance(b, Heading)]
    assert heads == [(2, "فتح الشام"), (3, "معركة اليرموك"), (3, "حصار دمشق")]


def test_a_short_bold_centred_first_paragraph_is_the_title(tmp_path):
    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (٢٩)", bold=True), jc="center"))
    doc.body.append(text_para("نص الحلقة"))
    doc.body.append(para(run("الجيش في الطريق", bold=True), jc="center"))  # a section typed the same way
    doc.body.append(text_para("نص آخر."))
    part = read(doc, tmp_path, "x.docx")
    assert (part.number, plain_text(part.title), part.title_prov.line) == (29, "بقعة ضوء (٢٩)", 1)
    assert isinstance(part.blocks[1], Heading) and part.blocks[1].inlines == (Text("الجيش في الطريق"),)


def test_title_numbering_falls_back_to_file_name_then_order(tmp_path):
    doc = Doc()
    doc.body.append(para(run("عنوان بلا رقم"), style=HEADING1))
    doc.body.append(text_para("نص"))
    assert read(doc, tmp_path, "07-x.docx").number == 7
    assert read(doc, tmp_path, "intro.docx", {"intro.docx": 3}).number == 3
    with pytest.raises(AssemblyError, match="no part number") as exc:
        read(doc, tmp_path, "intro.docx")
    assert str(exc.value).startswith("parts/intro.docx: no part number")  # no line: a Word part has none


def test_a_long_first_paragraph_is_body_and_the_title_is_the_file_name(tmp_path):
    long = " ".join(["كلمة"] * 30) + "."
    doc = Doc()
    doc.body.append(text_para(long))
    part = read(doc, tmp_path, "05-الفتوحات.docx")
    assert plain_text(part.title) == "05-الفتوحات" and part.number == 5
    assert block_text(part.blocks[0]) == long


# ------------------------------------------------------------------ tracked changes, comments, tables, images


def test_tracked_changes_insertions_kept_deletions_dropped_one_warning(tmp_path):
    ins = f'<w:ins w:id="1" w:author="م" w:date="2024-01-01T00:00:00Z">{run(" الجديدة", split=False)}</w:ins>'
    dele = (
        '<w:del w:id="2" w:author="م" w:date="2024-01-01T00:00:00Z"><w:r><w:rPr><w:rtl/></w:rPr>'
        "<w:delText> القديمة</w:delText></w:r></w:del>"
    )
    part = read(titled(para(run("الكلمة"), ins, dele), para(run("ثانية"), ins)), tmp_path)
    assert block_text(part.blocks[0]) == "الكلمة الجديدة"
    changes = [f for f in part.findings if f.rule == "docx-tracked-changes"]
    assert len(changes) == 1 and changes[0].level == "warning" and changes[0].prov == Provenance(FILE, 2, unit="¶")


def test_comments_are_ignored_with_an_info_finding(tmp_path):
    doc = titled(
        para(
            '<w:commentRangeStart w:id="0"/>',
            run("نص عليه تعليق"),
            '<w:commentRangeEnd w:id="0"/>',
            '<w:r><w:rPr><w:rStyle w:val="a5"/></w:rPr><w:commentReference w:id="0"/></w:r>',
        )
    )
    doc.comments.append("راجع هذا")
    part = read(doc, tmp_path)
    assert block_text(part.blocks[0]) == "نص عليه تعليق"
    (f,) = [f for f in part.findings if f.rule == "docx-comments"]
    assert f.level == "info"


def test_tables_images_and_text_boxes_are_reported_with_their_paragraph(tmp_path):
    table = (
        "<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr><w:tr><w:tc>"
        + text_para("خلية أولى")
        + "</w:tc><w:tc>"
        + text_para("خلية ثانية")
        + "</w:tc></w:tr></w:tbl>"
    )
    image = '<w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/></wp:inline></w:drawing></w:r>'
    box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><wps:txbx><w:txbxContent>'
        + text_para("نص في إطار")
        + "</w:txbxContent></wps:txbx></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>"
        "<w:pict/></mc:Fallback></mc:AlternateContent></w:r>"
    )
    part = read(titled(text_para("قبل"), table, para(run("صورة: "), image), para(box), text_para("بعد")), tmp_path)
    found = {f.rule: f for f in part.findings}
    # the table is read (issue 24); a drawing with no picture and a text box are reported
    assert "docx-table" not in found and isinstance(part.blocks[1], Table)
    assert [[block_text(Paragraph(c.inlines, part.blocks[1].prov)) for c in row] for row in part.blocks[1].rows] == [
        ["خلية أولى", "خلية ثانية"]
    ]
    assert part.blocks[1].prov == Provenance(FILE, 3, unit="¶")
    assert found["docx-image"].prov == Provenance(FILE, 4, unit="¶")
    assert found["docx-textbox"].prov == Provenance(FILE, 5, unit="¶") and "نص في إطار" in found["docx-textbox"].message
    assert [block_text(b) for b in part.blocks] == ["قبل", "خلية أولى خلية ثانية", "صورة:", "بعد"]
    assert part.blocks[-1].prov.line == 6


# ------------------------------------------------------------------ the structure rules


def test_structure_rules_run_on_word_paragraphs(tmp_path):
    doc = titled(
        text_para("يقول الطبري:"),
        text_para("«إن هذا يوم من أيام الله"),
        para(run("لا ينبغي فيه "), run("الفخر", bold=True), run(" ولا البغي»")),
        text_para("﴿إنك ميت وإنهم ميتون﴾ [الزمر: ٣٠]"),
        text_para("قال تعالى: {ولا تقف ما ليس لك به علم} 36 الإسراء وهذا نص."),
        text_para("فتح الشام وفلسطين:"),
        text_para("وللحديث بقية إن شاء الله"),
    )
    part = read(doc, tmp_path)
    kinds = [type(b).__name__ for b in part.blocks]
    assert kinds == ["Paragraph", "Quotation", "Verse", "Paragraph", "Heading", "SignOff"]
    assert part.blocks[0].attributes_quote
    quote = part.blocks[1]
    assert isinstance(quote, Quotation) and quote.prov == Provenance(FILE, 3, 4, unit="¶")
    assert Emphasis((Text("الفخر"),), strong=True) in quote.paragraphs[1].inlines
    assert isinstance(part.blocks[2], Verse) and part.blocks[2].quote.ref.surah == 39
    (q,) = [n for n in part.blocks[3].inlines if isinstance(n, Quran)]
    assert q.brackets == "{}" and q.ref.surah == 17 and q.typed_ref == "36 الإسراء"
    assert isinstance(part.blocks[5], SignOff)


def test_a_verse_with_a_note_call_stays_a_paragraph_keeping_the_call(tmp_path):
    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (٤)"), style=TITLE))
    call = doc.footnote(run("سورة الزمر."))
    doc.body.append(para(run("﴿إنك ميت وإنهم ميتون﴾"), call))
    part = read(doc, tmp_path)
    (block,) = part.blocks
    assert isinstance(block, Paragraph) and isinstance(block.inlines[0], Quran)
    assert block.inlines[-1] == NoteRef("n4-fn1")


def test_infer_blocks_gives_the_text_readers_blocks_on_the_default_book():
    """The rules shared through structure.infer_blocks are the text reader's:
    fed the default book's lines, they give the very blocks read_text does."""
    for path in sorted((MANUSCRIPT / "parts").glob("*.txt")):
        text = path.read_text("utf-8")
        _, _, expected = read_text(text, "f.txt")
        lines = [(n, ln.strip()) for n, ln in enumerate(text.split("\n"), 1) if ln.strip()][1:]
        paras = [Para(ln, split_verses(ln), Provenance("f.txt", n)) for n, ln in lines]
        assert infer_blocks(paras) == expected


def test_strict_ooxml_namespace_is_read(tmp_path):
    doc = titled(text_para("نص بصيغة صارمة"))
    xml = docx_bytes(doc)
    import io
    import zipfile

    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xml)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info).replace(
                b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", strict.encode()
            )
            dst.writestr(info, data)
    (tmp_path / "04-x.docx").write_bytes(out.getvalue())
    part = read_part(tmp_path / "04-x.docx", FILE, {})
    assert block_text(part.blocks[0]) == "نص بصيغة صارمة"


def test_fixture_builder_writes_word_markup():
    """The fixtures carry what Word writes (so the tests above mean something)."""
    doc = titled(text_para("نص طويل بما يكفي ليقسم"))
    assert 'mc:Ignorable="w14 w15 wp14"' in NS and "w14:paraId" in doc.body[1] and "w:rsidR" in doc.body[1]
    assert "<w:bidi/>" in doc.body[1] and "<w:rtl/>" in rpr()
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(docx_bytes(doc))).namelist()
    assert {"[Content_Types].xml", "_rels/.rels", "word/settings.xml", "word/footnotes.xml"} <= set(names)
    assert HEADING1 == "1"


# ------------------------------------------------------------------ what Word hides, and damaged files


def test_hidden_text_is_left_out_with_a_warning(tmp_path):
    hidden = '<w:r><w:rPr><w:vanish/><w:rtl/></w:rPr><w:t xml:space="preserve"> ملاحظة مخفية</w:t></w:r>'
    part = read(titled(para(run("نص ظاهر"), hidden, run(" ثم يتم"))), tmp_path)
    assert block_text(part.blocks[0]) == "نص ظاهر ثم يتم"
    (f,) = [f for f in part.findings if f.rule == "docx-hidden"]
    assert f.prov == Provenance(FILE, 2, unit="¶") and f.level == "warning"


def test_a_content_control_showing_its_placeholder_is_not_text(tmp_path):
    placeholder = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        '<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>Click here to enter text.</w:t></w:r>'
        "</w:sdtContent></w:sdt>"
    )
    part = read(titled(para(run("الكاتب: "), placeholder), text_para("نص")), tmp_path)
    assert [block_text(b) for b in part.blocks] == ["الكاتب:", "نص"]


def test_a_field_left_open_does_not_hide_the_following_paragraphs(tmp_path):
    broken = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    part = read(titled(para(run("قبل الحقل"), broken), text_para("الفقرة التالية كاملة")), tmp_path)
    assert [block_text(b) for b in part.blocks] == ["قبل الحقل", "الفقرة التالية كاملة"]


def test_a_custom_note_mark_gives_way_to_the_book_number(tmp_path):
    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (٤)"), style=TITLE))
    doc.footnote(run("حاشية بعلامة نجمة."))
    call = (
        '<w:r><w:rPr><w:rStyle w:val="a5"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="1"/></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="a5"/></w:rPr><w:t>*</w:t></w:r>'
    )
    doc.body.append(para(run("نص الفقرة"), call, run(" وبعدها")))
    part = read(doc, tmp_path)
    assert part.blocks[0].inlines == (Text("نص الفقرة"), NoteRef("n4-fn1"), Text(" وبعدها"))
    assert "docx-note-mark" in rules(part)


def test_arabic_runs_without_rtl_flags_and_with_latin_bold_only(tmp_path):
    # files from other programs: no w:rtl, bold as w:b alone
    r = "<w:r><w:rPr><w:b/></w:rPr><w:t>عريض</w:t></w:r>"
    plain = '<w:r><w:t xml:space="preserve">نص </w:t></w:r>'
    part = read(titled(para(plain, r, bidi=False)), tmp_path)
    assert part.blocks[0].inlines == (Text("نص "), Emphasis((Text("عريض"),), strong=True))


def test_list_items_are_paragraphs(tmp_path):
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    item = '<w:p><w:pPr><w:pStyle w:val="a"/>' + numbered + "<w:bidi/></w:pPr>{}</w:p>"
    part = read(titled(item.format(run("البند الأول")), item.format(run("البند الثاني"))), tmp_path)
    assert [block_text(b) for b in part.blocks] == ["البند الأول", "البند الثاني"]


def test_an_empty_document_is_a_clear_error(tmp_path):
    from warraq.errors import InputError

    with pytest.raises(InputError, match="empty Word document"):
        read(Doc(body=[para(), para(run("   ", split=False))]), tmp_path)


def test_a_part_typed_all_in_bold_is_not_all_emphasis(tmp_path):
    # authors often set the whole article bold: that is their font, not emphasis
    body = [para(run(f"الفقرة رقم {k} من المقال وهي طويلة بعض الشيء.", bold=True)) for k in range(5)]
    body.append(para(run("وفيها "), run("كلمة", italic=True), run(" مائلة.")))
    part = read(titled(*body), tmp_path)
    assert part.blocks[0].inlines == (Text("الفقرة رقم 0 من المقال وهي طويلة بعض الشيء."),)
    assert Emphasis((Text("كلمة"),), strong=False) in part.blocks[-1].inlines
    assert "docx-all-bold" in rules(part) and "docx-all-italic" not in rules(part)


def test_many_short_bold_centred_paragraphs_are_not_headings(tmp_path):
    # a poem set centred and bold, verse by verse
    lines = ["ألا ليت الشباب يعود يوما", "فأخبره بما فعل المشيب", "وما الدنيا سوى حلم جميل", "سيمضي مثلما مضت الدروب"]
    part = read(titled(*(para(run(x, bold=True), jc="center") for x in lines)), tmp_path)
    assert [type(b).__name__ for b in part.blocks] == ["Paragraph"] * 4


def test_a_paragraph_without_a_style_has_the_default_style(tmp_path):
    # Normal (w:default="1", id "a") set bold: a paragraph with no w:pStyle is
    # Normal, so a short centred one is bold and centred, a section heading
    doc = titled(
        "<w:p><w:pPr><w:bidi/></w:pPr>" + run("نص الحلقة الأول وهو طويل بعض الشيء.") + "</w:p>",
        '<w:p><w:pPr><w:bidi/><w:jc w:val="center"/></w:pPr>' + run("الجيش في الطريق") + "</w:p>",
        "<w:p><w:pPr><w:bidi/></w:pPr>" + run("نص آخر طويل بعض الشيء.") + "</w:p>",
    )
    normal = b'w:styleId="a"><w:name w:val="Normal"/><w:next w:val="a"/>'
    data = _patch(docx_bytes(doc), "word/styles.xml", normal, normal + b"<w:rPr><w:b/><w:bCs/></w:rPr>")
    (tmp_path / "04-x.docx").write_bytes(data)
    part = read_part(tmp_path / "04-x.docx", FILE, {})
    assert [type(b).__name__ for b in part.blocks] == ["Paragraph", "Heading", "Paragraph"]
    assert part.blocks[0].inlines == (Text("نص الحلقة الأول وهو طويل بعض الشيء."),)  # the style's bold: no emphasis


def _patch(data: bytes, name: str, old: bytes, new: bytes) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == name:
                assert old in body
                body = body.replace(old, new)
            dst.writestr(info, body)
    return out.getvalue()


def test_a_one_column_table_framing_the_text_is_read_as_paragraphs(tmp_path):
    frame = (
        "<w:tbl><w:tblPr><w:bidiVisual/><w:tblW w:w='0' w:type='auto'/></w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid>"
        "<w:tr><w:tc><w:tcPr><w:tcW w:w='8000' w:type='dxa'/></w:tcPr>"
        + text_para("فقرة داخل الإطار.")
        + text_para("يقول الطبري:")
        + "</w:tc></w:tr><w:tr><w:tc>"
        + text_para("«إن هذا يوم من أيام الله»")
        + "</w:tc></w:tr></w:tbl>"
    )
    part = read(titled(frame, text_para("بعد الإطار.")), tmp_path)
    assert [type(b).__name__ for b in part.blocks] == ["Paragraph", "Paragraph", "Quotation", "Paragraph"]
    assert [b.prov.line for b in part.blocks] == [2, 3, 4, 5]
    assert "docx-table" not in rules(part)


def test_a_blank_line_inside_a_paragraph_divides_it(tmp_path):
    # text pasted from the web: paragraphs separated by <br><br>, a heading
    # and a quotation among them; one line break stays a line break
    br = "<w:r><w:rPr><w:rtl/></w:rPr><w:br/></w:r>"
    body = para(
        run("فقرة أولى طويلة بعض الشيء."),
        br,
        br,
        run("فتح الشام:"),
        br,
        br,
        run("«نص منقول كامل بين علامتين»"),
        br,
        run("سطر ثان للاقتباس نفسه"),
    )
    part = read(titled(body), tmp_path)
    assert [type(b).__name__ for b in part.blocks] == ["Paragraph", "Heading", "Paragraph"]
    assert all(b.prov == Provenance(FILE, 2, unit="¶") for b in part.blocks)
    assert LineBreak() in part.blocks[2].inlines


def test_latin_text_cut_by_emphasis_is_one_run_not_isolated_pieces(tmp_path):
    # isolating "Hugh Kennedy, " and "The Great Arab Conquests" one by one
    # would show them in right-to-left order inside the Arabic note
    latin = {"rtl": False, "lang": "en-GB"}
    body = para(
        run("انظر: "),
        run("Hugh Kennedy, ", **latin),
        run("The Great Arab Conquests", italic=True, **latin),
        run(", 2007.", **latin),
    )
    part = read(titled(body), tmp_path)
    assert part.blocks[0].inlines == (
        Text("انظر: Hugh Kennedy, "),
        Emphasis((Text("The Great Arab Conquests"),)),
        Text(", 2007."),
    )


def test_a_title_after_a_date_line_is_the_title(tmp_path):
    doc = Doc()
    doc.body.append(text_para("الأحد ٢٠ مارس ٢٠٢٤"))
    doc.body.append(para(run("بقعة ضوء (١٢)"), style=HEADING1))
    doc.body.append(text_para("نص الحلقة."))
    part = read(doc, tmp_path, "x.docx")
    assert (part.number, plain_text(part.title), part.title_prov.line) == (12, "بقعة ضوء (١٢)", 2)
    assert [block_text(b) for b in part.blocks] == ["الأحد ٢٠ مارس ٢٠٢٤", "نص الحلقة."]


def test_a_plain_first_line_with_the_number_stays_the_title_before_a_section_heading(tmp_path):
    doc = Doc()
    doc.body.append(text_para("بقعة ضوء (٤)"))
    doc.body.append(para(run("فتح الشام"), style=HEADING1))
    doc.body.append(text_para("نص."))
    doc.body.append(para(run("فتح مصر"), style=HEADING1))
    doc.body.append(text_para("نص آخر."))
    part = read(doc, tmp_path, "x.docx")
    assert (part.number, plain_text(part.title)) == (4, "بقعة ضوء (٤)")
    assert [b.level for b in part.blocks if isinstance(b, Heading)] == [2, 2]


def test_paragraphs_in_the_quote_style_are_one_quotation(tmp_path):
    from tests.readers.docx_fixtures import QUOTE_STYLE

    doc = titled(
        text_para("يقول الطبري:"),
        para(run("إن هذا يوم من أيام الله"), style=QUOTE_STYLE),
        para(run("لا ينبغي فيه الفخر ولا البغي"), style=QUOTE_STYLE),
        text_para("ثم مضى الجيش."),
        para(run("«قول آخر منقول بين علامتين»"), style=QUOTE_STYLE),
    )
    part = read(doc, tmp_path)
    kinds = [type(b).__name__ for b in part.blocks]
    assert kinds == ["Paragraph", "Quotation", "Paragraph", "Quotation"]
    first, second = part.blocks[1], part.blocks[3]
    assert (len(first.paragraphs), first.marks, first.prov) == (2, "", Provenance(FILE, 3, 4, unit="¶"))
    assert second.marks == "«»"
    # the style's italic is the style's, not the author's emphasis
    assert first.paragraphs[0].inlines == (Text("إن هذا يوم من أيام الله"),)


def test_lint_names_the_word_paragraph_even_after_a_line_break(tmp_path):
    from warraq.model import Book, Meta
    from warraq.proof import lint

    br = "<w:r><w:rPr><w:rtl/></w:rPr><w:br/></w:r>"
    part = read(
        titled(text_para("سطر أول"), para(run("سطر", split=False), br, run("ثم كلام ، بعده", split=False))), tmp_path
    )
    (f,) = [f for f in lint(Book(Meta("ك", "م"), (part,))) if f.rule == "AR001"]
    assert str(f.prov) == "parts/04-x.docx:¶3"  # the paragraph, not "line" 4


def test_arabic_paragraphs_left_to_right_in_word_are_set_right_to_left_and_said_once(tmp_path):
    ltr = '<w:p><w:pPr><w:bidi w:val="0"/></w:pPr>{}</w:p>'
    inherits = "<w:p><w:pPr/>{}</w:p>"  # no w:bidi of its own: Normal's (right to left)
    doc = titled(
        inherits.format(run("فقرة من النمط العادي")),
        ltr.format(run("فقرة عربية من اليسار إلى اليمين")),
        ltr.format(run("وأخرى مثلها")),
        ltr.format(run("An English paragraph", rtl=False, lang="en-US")),
    )
    part = read(doc, tmp_path)
    (f,) = [f for f in part.findings if f.rule == "docx-left-to-right"]
    assert f.prov == Provenance(FILE, 3, unit="¶") and f.data["paragraphs"] == 2 and f.level == "info"
    assert part.blocks[3].inlines == (Isolate("An English paragraph", "en"),)
