"""Tables of saved web pages (readers/web/tables.py): a table of the article
becomes the model's Table (header rows, spans, caption, alignment, direction);
a table that lays the page out is read as the text it holds.  The pages in
data/web/tables/ are written by hand after the markup of Al Jazeera (a
captioned table with a two-row header), WordPress's block editor
(`wp-block-table` with a figcaption and `has-text-align-*`) and Blogger's
classic templates (the whole page in a layout table, a picture in a
`tr-caption-container`, a «جدول (٢): …» line above a `dir="ltr"` table)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import run_cli
from tests.writers.epub_fixtures import epubcheck
from warraq.model import Emphasis, Figure, NoteRef, Paragraph, Part, Table, block_text, plain_text
from warraq.readers import read_part
from warraq.readers.web.tables import caption_line, is_layout

DATA = Path(__file__).parent / "data" / "web" / "tables"

# each page's chrome: none of it may reach the book
CHROME = {
    "aljazeera-table.html": [
        "فيسبوك",
        "واتساب",
        "المعارضة تطعن في نتائج الدائرة الثالثة",
        "جميع الحقوق محفوظة",
        "2/4/2024",  # the byline's date, which trafilatura keeps with the text
        "المصدر : الجزيرة",
    ],
    "wordpress-table.html": ["عن المدونة", "مقال مؤلم وصادق", "أحدث المقالات", "ورّاقو بغداد", "المقالة السابقة"],
    "blogger-layout.html": ["من أنا", "أرشيف المدونة", "رحم الله أيام القطار", "إرسال بالبريد الإلكتروني"],
}


def read(name: str, folder: Path = DATA) -> Part:
    return read_part(folder / name, name, {}, (), False)


def texts(cells) -> list[str]:
    return [plain_text(c.inlines) for c in cells]


def test_a_captioned_table_with_a_two_row_header_keeps_its_spans_and_notes():
    part = read("aljazeera-table.html")
    kinds = [type(b).__name__ for b in part.blocks]
    # in reading order: after «كما يبين الجدول التالي:» and before «ويرى محللون …»
    i = kinds.index("Table")
    assert block_text(part.blocks[i - 1]).endswith("كما يبين الجدول التالي:")
    assert block_text(part.blocks[i + 1]).startswith("ويرى محللون")
    table = part.blocks[i]
    assert plain_text(table.caption) == "نتائج الانتخابات البلدية بحسب المحافظة"
    assert table.header_rows == 2
    head, sub = table.rows[0], table.rows[1]
    assert texts(head) == ["المحافظة", "المقاعد", "نسبة المشاركة"]
    assert [(c.colspan, c.rowspan) for c in head] == [(1, 2), (2, 1), (1, 2)]
    assert texts(sub) == ["المستقلون", "الأحزاب"]
    assert [texts(r) for r in table.rows[2:]] == [
        ["العاصمة", "٤٢", "٣٨", "٦١٪"],
        ["الشمال", "٢٧", "١٩", "٥٤٪"],
        ["الجنوب", "١٥", "٣١", "٣٩٪"],
    ]
    # a row's <th scope="row"> is a header cell; the others are data
    assert [c.header for c in table.rows[2]] == [True, False, False, False]
    # the numbers' columns centred as the page sets them
    assert table.align == ("", "center", "center", "center")
    # the bold number stays bold; the note call in a cell calls the author's note
    (bold,) = table.rows[4][2].inlines
    assert isinstance(bold, Emphasis) and bold.strong and plain_text(bold.children) == "٣١"
    call = [n for n in table.rows[4][0].inlines if isinstance(n, NoteRef)]
    assert len(call) == 1
    note = next(n for n in part.notes if n.id == call[0].note_id)
    assert plain_text(note.inlines) == "تشمل محافظتي الجنوب والساحل."
    # no warning that a table was left out
    assert not [f for f in part.findings if f.rule == "web-table"]


def test_a_wordpress_table_block_takes_its_figcaption_and_its_alignment():
    part = read("wordpress-table.html")
    (table,) = [b for b in part.blocks if isinstance(b, Table)]
    assert plain_text(table.caption) == "جدول ١: أسعار أربعة عناوين في دورتي ٢٠٢٣ و٢٠٢٤ من المعرض"
    assert table.header_rows == 1
    assert texts(table.rows[0]) == ["العنوان", "الدار", "٢٠٢٣", "٢٠٢٤"]
    assert len(table.rows) == 5
    # has-text-align-left in a right-to-left page: the end of the line
    assert table.align == ("", "center", "end", "end")
    assert isinstance(table.rows[4][0].inlines[0], Emphasis)  # <em>مقدمة ابن خلدون</em>
    # the caption is said once: not also a paragraph
    assert not [b for b in part.blocks if isinstance(b, Paragraph) and "جدول ١" in block_text(b)]


def test_a_page_laid_out_in_a_table_is_read_as_text_and_its_sidebar_left_out():
    part = read("blogger-layout.html")
    text = "\n".join(block_text(b) for b in part.blocks)
    assert text.startswith("لم يبق من سكة حديد الحجاز")
    assert "ويذكرون صفير القطار كما يذكرون أذان الفجر." in text
    # the picture of Blogger's caption table is a figure with its caption
    (figure,) = [b for b in part.blocks if isinstance(b, Figure)]
    assert plain_text(figure.caption) == "محطة سكة حديد الحجاز في المدينة المنورة اليوم"
    assert figure.alt == "محطة المدينة المنورة"
    # one table only: the layout tables are not tables of the book
    (table,) = [b for b in part.blocks if isinstance(b, Table)]
    # the «جدول (٢): …» line above it is its caption (the page's bold left to the book's style)
    assert table.caption and plain_text(table.caption) == "جدول (٢): مواعيد الرحلة الأولى من دمشق إلى المدينة المنورة"
    assert "جدول (٢)" not in "\n".join(block_text(b) for b in part.blocks if isinstance(b, Paragraph))


def test_a_table_set_left_to_right_is_mirrored_with_a_finding():
    part = read("blogger-layout.html")
    (table,) = [b for b in part.blocks if isinstance(b, Table)]
    # the page shows «Station / المحطة» on the left: in the book's right-to-left table it stays on the left
    assert texts(table.rows[0]) == ["المغادرة", "الوصول", "Station / المحطة"]
    assert texts(table.rows[2]) == ["الظهر", "الحادية عشرة", "درعا"]
    (ltr,) = [f for f in part.findings if f.rule == "web-table-ltr"]
    assert ltr.prov.file == "blogger-layout.html" and ltr.prov.line == table.prov.line


def test_pictures_in_table_cells_are_reported_by_name_and_alt_text():
    part = read("blogger-layout.html")
    (table,) = [b for b in part.blocks if isinstance(b, Table)]
    found = sorted(str(f.message) for f in part.findings if f.rule == "web-table-picture")
    assert len(found) == 2
    assert "flag-sy.png" in found[0] and "علم سوريا" in found[0]
    assert "star.png" in found[1] and "alt text" not in found[1]
    assert all(f.prov == table.prov for f in part.findings if f.rule == "web-table-picture")
    # the cell keeps its text; the picture is not replaced by words the page did not show
    assert texts(table.rows[1])[2] == "دمشق"
    assert texts(table.rows[4])[2] == "المدينة المنورة"


def test_a_picture_in_a_note_is_reported_by_name_and_note(tmp_path):
    page = (DATA / "aljazeera-table.html").read_text("utf-8")
    chart = '<img src="aljazeera-table_files/seats.png" alt="رسم بياني للمقاعد" width="300">'
    page = page.replace("للانتخابات. <a", "للانتخابات. " + chart + " <a")
    (tmp_path / "noted.html").write_text(page, "utf-8")
    part = read("noted.html", tmp_path)
    (said,) = [f for f in part.findings if f.rule == "web-note-picture"]
    assert "seats.png" in str(said.message) and "1" in str(said.message) and "رسم بياني للمقاعد" in str(said.message)
    assert said.level == "warning" and said.prov.file == "noted.html"
    # the note's text is all there
    assert "بحسب البيان الرسمي للجنة العليا للانتخابات." in [n.inlines[0].text for n in part.notes]


@pytest.mark.parametrize("name", sorted(CHROME))
def test_no_chrome_of_the_table_pages_reaches_the_book(name):
    part = read(name)
    text = "\n".join([plain_text(part.title), *(block_text(b) for b in part.blocks)])
    leaked = [s for s in CHROME[name] if s in text]
    assert not leaked


def _table(html: str):
    return lxml.html.fragment_fromstring(html)


@pytest.mark.parametrize(
    ("html", "layout"),
    [
        ("<table><tr><th>أ</th><th>ب</th></tr><tr><td>١</td><td>٢</td></tr></table>", False),
        # said so
        ('<table role="presentation"><tr><td>أ</td><td>ب</td></tr><tr><td>١</td><td>٢</td></tr></table>', True),
        # one column, one row: a box round text
        ("<table><tr><td>أ</td></tr><tr><td>ب</td></tr></table>", True),
        ("<table><tr><td>أ</td><td>ب</td></tr></table>", True),
        # a table inside: the outer one lays the page out
        (
            "<table><tr><td><table><tr><td>١</td></tr></table></td><td>ب</td></tr><tr><td>ج</td><td>د</td></tr></table>",
            True,
        ),
        # a cell with the headline, or several paragraphs, or a column of text
        ("<table><tr><td><h1>عنوان</h1></td><td>ب</td></tr><tr><td>ج</td><td>د</td></tr></table>", True),
        ("<table><tr><td><p>فقرة</p><p>فقرة</p></td><td>ب</td></tr><tr><td>ج</td><td>د</td></tr></table>", True),
        ("<table><tr><td>" + "كلمة " * 61 + "</td><td>ب</td></tr><tr><td>ج</td><td>د</td></tr></table>", True),
        # a data cell of a sentence or two is still a table's
        ("<table><tr><td>" + "كلمة " * 30 + "</td><td>ب</td></tr><tr><td>ج</td><td>د</td></tr></table>", False),
    ],
)
def test_layout_tables_are_told_from_tables_of_the_article(html, layout):
    assert is_layout(_table(html)) is layout


@pytest.mark.parametrize(
    ("line", "is_caption"),
    [
        ("جدول ١: أسعار الكتب", True),
        ("الجدول (٢) - مواعيد الرحلة", True),
        ("جدول رقم 3. النتائج", True),
        ("جدول الأعمال مزدحم هذا الأسبوع", False),
        ("جدولة الديون: ٣ سنوات", False),
    ],
)
def test_a_caption_line_names_a_table_by_its_number(line, is_caption):
    assert caption_line(line) is is_caption


def test_a_table_of_empty_spacer_cells_is_nothing_and_a_one_cell_box_is_its_text(tmp_path):
    page = (DATA / "wordpress-table.html").read_text("utf-8")
    boxed = '<table class="note-box"><tr><td>ملاحظة: الأسعار بالجنيه المصري وقت كتابة المقال.</td></tr></table>'
    spacer = "<table><tr><td>&nbsp;</td><td> </td></tr><tr><td></td><td></td></tr></table>"
    page = page.replace("<p>لكن القارئ", boxed + spacer + "<p>لكن القارئ")
    (tmp_path / "boxed.html").write_text(page, "utf-8")
    part = read("boxed.html", tmp_path)
    assert len([b for b in part.blocks if isinstance(b, Table)]) == 1
    assert "ملاحظة: الأسعار بالجنيه المصري وقت كتابة المقال." in [block_text(b) for b in part.blocks]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("webtables") / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(
        '[book]\ntitle = "جداول من الويب"\nauthor = "سعيد ناصر"\nlanguage = "ar"\nslug = "tables"\n'
        'identifier = "urn:uuid:00000000-0000-4000-8000-000000000024"\n',
        "utf-8",
    )
    (root / "sources.toml").write_text("", "utf-8")
    for name in CHROME:
        shutil.copy(DATA / name, root / "parts" / name)
        files = DATA / (Path(name).stem + "_files")
        if files.is_dir():
            shutil.copytree(files, root / "parts" / files.name)
    run = run_cli("build", "-m", str(root), "-o", str(root / "build"), "-f", "epub", "-q")
    assert run.code == 0, run.err
    return root


def test_web_tables_reach_the_epub_with_their_header_spans_and_captions(built):
    epub = built / "build" / "tables.epub"
    bad = [(m["ID"], m["message"]) for m in epubcheck(epub) if m["severity"] != "USAGE"]
    assert not bad
    with zipfile.ZipFile(epub) as z:
        xhtml = "\n".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml") and "part" in n)
    tables = re.findall(r"<table.*?</table>", xhtml, re.S)
    assert len(tables) == 3
    election = next(t for t in tables if "نتائج الانتخابات" in t)
    assert "<caption>نتائج الانتخابات البلدية بحسب المحافظة</caption>" in election
    assert election.count("<tr>", 0, election.index("</thead>")) == 2
    assert re.search(r'<th scope="col" rowspan="2"[^>]*>المحافظة</th>', election)
    assert re.search(r'<th scope="colgroup" colspan="2"[^>]*>المقاعد</th>', election)
    assert re.search(r'<th scope="row"[^>]*>العاصمة</th>', election)


def test_the_epub_accessibility_summary_says_the_book_has_pictures_and_tables(built):
    from warraq.writers.epub import ACCESSIBILITY_SUMMARY, accessibility_summary

    with zipfile.ZipFile(built / "build" / "tables.epub") as z:
        opf = next(z.read(n).decode() for n in z.namelist() if n.endswith(".opf"))
    summary = re.search(r'<meta property="schema:accessibilitySummary">(.*?)</meta>', opf, re.S)[1]
    assert "صور ورسوم لكل منها نص بديل" in summary and "وجداوله معلَّمة الخلايا" in summary
    assert "مرئية" not in summary  # the plain book's «no visual media» would be false here
    assert re.findall(r'<meta property="schema:accessMode">(\w+)</meta>', opf) == ["textual", "visual"]
    # a book of text only keeps the plain summary; tables alone do not make it visual
    assert accessibility_summary(0, 0) == ACCESSIBILITY_SUMMARY
    assert "مرئية" in accessibility_summary(0, 2) and "جداوله" in accessibility_summary(0, 2)


SMALL = "<table><tr><th>أ</th><th>ب</th></tr><tr><td>١</td><td>٢</td></tr></table>"


@pytest.mark.parametrize(
    ("markup", "around"),
    [
        # a table inside a list item, text on both sides of it
        (f"<ul><li>النقطة الأولى وفيها جدول: {SMALL} وبعده كلام يكمل البند.</li></ul>", ("جدول:", "يكمل البند.")),
        # a table in a <div> of text
        (f"<div>كلام قبل الجدول {SMALL} وكلام بعده.</div>", ("كلام قبل الجدول", "وكلام بعده.")),
    ],
)
def test_a_table_inside_a_paragraph_of_text_stands_between_its_halves(tmp_path, markup, around):
    page = (DATA / "wordpress-table.html").read_text("utf-8").replace("<p>لكن القارئ", markup + "<p>لكن القارئ")
    (tmp_path / "mixed.html").write_text(page, "utf-8")
    part = read("mixed.html", tmp_path)
    texts_ = [block_text(b) for b in part.blocks]
    assert not any("\ue000" in t for t in texts_)  # no mark of the reader's left in the text
    i = next(i for i, b in enumerate(part.blocks) if isinstance(b, Table) and texts(b.rows[0]) == ["أ", "ب"])
    assert texts_[i - 1].endswith(around[0]) and texts_[i + 1].endswith(around[1])


def test_cells_outside_any_row_are_read_as_text_not_lost(tmp_path):
    stray = "<table><td>خلية شاردة</td><td>أخرى</td></table>"
    page = (DATA / "wordpress-table.html").read_text("utf-8").replace("<p>لكن القارئ", stray + "<p>لكن القارئ")
    (tmp_path / "stray.html").write_text(page, "utf-8")
    texts_ = [block_text(b) for b in read("stray.html", tmp_path).blocks]
    assert "خلية شاردة" in texts_ and "أخرى" in texts_


def test_a_table_of_the_sidebar_is_chrome_and_one_in_a_scrolling_box_is_the_articles(tmp_path):
    page = (DATA / "wordpress-table.html").read_text("utf-8")
    widget = (
        '<section class="widget"><h2 class="widget-title">مواقيت الصلاة</h2><table><tr><th>الفجر</th>'
        "<th>الظهر</th><th>العصر</th></tr><tr><td>٤:٣٠</td><td>١٢:٠٥</td><td>٣:٣٠</td></tr></table></section>"
    )
    page = page.replace(
        '<section class="widget widget_recent_entries">', widget + '<section class="widget widget_recent_entries">'
    )
    # Bootstrap's scrolling box round the article's table: a box named like chrome must not take the table with it
    page = page.replace(
        '<figure class="wp-block-table', '<div class="table-responsive share-box"><figure class="wp-block-table'
    )
    page = page.replace("</figcaption></figure>", "</figcaption></figure></div>")
    (tmp_path / "side.html").write_text(page, "utf-8")
    part = read("side.html", tmp_path)
    assert not any("الفجر" in block_text(b) for b in part.blocks)
    (table,) = [b for b in part.blocks if isinstance(b, Table)]
    assert plain_text(table.caption).startswith("جدول ١:")
