"""Figures, tables and lists as the Markdown and text readers find them."""

from __future__ import annotations

import pytest

from tests.figure_fixtures import raster
from warraq.errors import InputError
from warraq.model import Cell, Figure, Heading, LineBreak, List, NoteRef, Paragraph, Table, Text, plain_text
from warraq.readers import read_part


def write(root, name, text):
    path = root / "parts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def read(root, name, text):
    return read_part(write(root, name, text), f"ms/parts/{name}", {}, (), root=root)


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "ms"
    (root / "images").mkdir(parents=True)
    (root / "images" / "map.jpg").write_bytes(raster("JPEG", (1200, 800)))
    (root / "images" / "sq.png").write_bytes(raster("PNG"))
    return root


MD = """\
---
number: 1
title: مقالة (١)
---

![خريطة المدينة](../images/map.jpg "المدينة كما رسمها الرحالة")

| السنة | الحدث |
|:--|--:|
| 1920 | تأسيس **المدرسة**[^a] |

3. الثالثة
4. الرابعة
   - فرع
   - فرع آخر

[^a]: حاشية.
"""


def test_markdown_figure_table_nested_list(root):
    part = read(root, "01.md", MD)
    fig, table, lst = part.blocks
    assert isinstance(fig, Figure)
    assert fig.src == "images/map.jpg" and fig.alt == "خريطة المدينة"
    assert plain_text(fig.caption) == "المدينة كما رسمها الرحالة"
    assert fig.media_type == "image/jpeg" and fig.data[:3] == b"\xff\xd8\xff" and fig.prov.line == 6
    assert isinstance(table, Table) and table.header_rows == 1 and table.align == ("start", "end")
    assert table.rows[0] == (Cell((Text("السنة"),), header=True), Cell((Text("الحدث"),), header=True))
    assert table.rows[1][0].header is False
    assert any(isinstance(n, NoteRef) and n.note_id == "n1-a" for n in table.rows[1][1].inlines)  # renamed
    assert isinstance(lst, List) and lst.style == "decimal" and lst.start == 3 and lst.prov.span() == "12-15"
    assert [plain_text(i.inlines) for i in lst.items] == ["الثالثة", "الرابعة"]
    (nested,) = lst.items[1].children
    assert nested.style == "bullet" and [plain_text(i.inlines) for i in nested.items] == ["فرع", "فرع آخر"]
    assert not part.findings


def test_markdown_image_from_book_folder_and_missing_alt(root):
    part = read(root, "02.md", '# مقالة (٢)\n\n![](images/sq.png "مربع")\n')
    (fig,) = part.blocks
    assert fig.src == "images/sq.png" and fig.alt == "مربع"  # the caption stands for the description
    (finding,) = part.findings
    assert finding.rule == "figure-no-alt" and str(finding.prov) == "ms/parts/02.md:3"


def test_markdown_missing_image_is_one_line(root):
    with pytest.raises(InputError) as err:
        read(root, "03.md", "# مقالة (٣)\n\nنص.\n\n![صورة](images/none.png)\n")
    assert err.value.where() == "ms/parts/03.md:5" and "images/none.png" in str(err.value.message)


def test_markdown_inline_image_and_table_in_quote_said(root):
    part = read(root, "04.md", "# مقالة (٤)\n\nنص ![صورة](images/sq.png) نص.\n\n> | أ | ب |\n> |--|--|\n> | ١ | ٢ |\n")
    para, quote = part.blocks
    assert isinstance(para, Paragraph) and "صورة" in plain_text(para.inlines)
    assert "أ | ب" in plain_text(quote.paragraphs[0].inlines)
    assert {f.rule for f in part.findings} == {"md-image-inline", "md-table-nested"}


TXT = """\
مقالة نصية (٥)
قال الكاتب كلاما.
وأهم ما في الأمر:
أ- الأولى
ب- الثانية
ج- الثالثة
[صورة: images/sq.png | مربع برتقالي] صورة صغيرة
ثم:
١- واحد
- فرع
- فرع آخر
٢- اثنان
(أ) بحسب الهجائي
(ب) الثانية
(ت) الثالثة
وختاما قال(١) كلاما.
(١) هذه حاشية.
(٢) وهذه أخرى.
"""


def test_text_lists_figure_and_notes_text(root):
    part = read(root, "05.txt", TXT)
    kinds = [type(b).__name__ for b in part.blocks]
    assert kinds == [
        "Paragraph",
        "Paragraph",
        "List",
        "Figure",
        "Paragraph",
        "List",
        "List",
        "Paragraph",
        "Paragraph",
        "Paragraph",
    ]
    abjad, fig, numbered, alpha = part.blocks[2], part.blocks[3], part.blocks[5], part.blocks[6]
    assert abjad.style == "abjad" and [plain_text(i.inlines) for i in abjad.items] == ["الأولى", "الثانية", "الثالثة"]
    assert abjad.prov.span() == "4-6" and abjad.items[1].prov.line == 5
    assert fig.src == "images/sq.png" and fig.alt == "مربع برتقالي" and plain_text(fig.caption) == "صورة صغيرة"
    assert numbered.style == "decimal" and len(numbered.items) == 2 and numbered.prov.span() == "9-12"
    assert [plain_text(i.inlines) for i in numbered.items[0].children[0].items] == ["فرع", "فرع آخر"]
    assert alpha.style == "alpha"  # أ ب ت: the hijāʾī order
    assert plain_text(part.blocks[8].inlines).startswith("(١)")  # called in the text: a note, not a list


@pytest.mark.parametrize(
    "lines",
    [
        "١- واحد\n٣- ثلاثة",  # out of sequence
        "١- واحد وحده",  # one line
        "أ- الأولى\nج- الثالثة",  # neither abjad nor hijāʾī in sequence
        "— قال: نعم\n— قال: لا",  # dialogue dashes
        "الهوامش:\n1. انظر الطبري\n2. انظر ابن كثير",  # the notes of the article
    ],
)
def test_text_not_lists(root, lines):
    part = read(root, "06.txt", "مقالة (٦)\n" + lines + "\n")
    assert not any(isinstance(b, List) for b in part.blocks)


def test_text_western_and_paren_numbers(root):
    part = read(root, "07.txt", "مقالة (٧)\n1. one\n2. two\nنص\n(١) أول\n(٢) ثان\n- فرع\nنص\n• أ\n• ب\n")
    a, _, b, _, c = part.blocks
    assert (a.style, a.start, len(a.items)) == ("decimal", 1, 2)
    assert (b.style, len(b.items)) == ("decimal", 2)
    assert b.items[1].children[0].style == "bullet"  # bullets under an item are its sub-points
    assert (c.style, len(c.items)) == ("bullet", 2)


def test_text_colon_line_before_list_is_not_a_heading(root):
    part = read(root, "08.txt", "مقالة (٨)\nثلاث نقاط:\n- أ\n- ب\n")
    assert isinstance(part.blocks[0], Paragraph) and not isinstance(part.blocks[0], Heading)


def test_text_figure_outside_project_refused(tmp_path):
    root = tmp_path / "project" / "ms"  # the project: the manuscript's parent folder
    (root / "parts").mkdir(parents=True)
    (tmp_path / "x.png").write_bytes(raster())
    with pytest.raises(InputError) as err:
        read(root, "09.txt", "مقالة (٩)\n[صورة: ../../x.png]\n")
    assert err.value.where() == "ms/parts/09.txt:2" and "outside the project" in str(err.value.message)


def test_item_with_two_paragraphs_keeps_a_line_break(root):
    part = read(root, "10.md", "# مقالة (١٠)\n\n- أول\n\n  تتمة\n- ثان\n")
    (lst,) = part.blocks
    assert LineBreak() in lst.items[0].inlines
