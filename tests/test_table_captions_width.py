"""Tables: a «جدول ١: …» line as a Markdown table's caption (readers/captions.py),
and the "wider than the page" rule, which measures the table's narrowest
width (its longest words side by side, with the typeface) against the text's
instead of counting columns (render/tables.py)."""

from __future__ import annotations

import re

import pytest
from weasyprint import CSS, HTML

from tests.conftest import run_cli
from warraq.config import PrintSettings
from warraq.model import Cell, Provenance, Table, Text, plain_text
from warraq.readers import read_part
from warraq.render.fonts import faces, font_face_css
from warraq.render.tables import MARGIN, WIDE_EM, is_wide, min_content_em, table_width_mm, text_width_mm

MD = """\
# مقالة (١)

نص قبل الجدولين.

جدول ١: أسعار الكتب في دورتين

| العنوان | ٢٠٢٣ | ٢٠٢٤ |
|--|--|--|
| الأيام | ٩٠ | ١٧٥ |

| المدينة | السكان |
|--|--|
| دمشق | ٢٠٠ ألف |

الجدول (٢) - سكان المدن سنة ١٩٢٠

جدول الأعمال مزدحم هذا الأسبوع، ولا وقت للجداول.
"""


def read_md(tmp_path, text):
    (tmp_path / "parts").mkdir(exist_ok=True)
    path = tmp_path / "parts" / "01.md"
    path.write_text(text, "utf-8")
    return read_part(path, "ms/parts/01.md", {}, (), root=tmp_path)


def test_a_caption_line_above_or_below_a_markdown_table_is_its_caption(tmp_path):
    part = read_md(tmp_path, MD)
    kinds = [type(b).__name__ for b in part.blocks]
    assert kinds == ["Paragraph", "Table", "Table", "Paragraph"]
    first, second = part.blocks[1], part.blocks[2]
    assert plain_text(first.caption) == "جدول ١: أسعار الكتب في دورتين"  # the line above
    assert plain_text(second.caption) == "الجدول (٢) - سكان المدن سنة ١٩٢٠"  # the line below, none above
    # a sentence that begins with the word is the author's paragraph
    assert plain_text(part.blocks[3].inlines).startswith("جدول الأعمال")


def test_a_caption_line_between_two_tables_belongs_to_the_one_below(tmp_path):
    text = "# مقالة (١)\n\n| أ | ب |\n|--|--|\n| ١ | ٢ |\n\nجدول ٢: الثاني\n\n| ج | د |\n|--|--|\n| ٣ | ٤ |\n"
    first, second = read_md(tmp_path, text).blocks
    assert first.caption == () and plain_text(second.caption) == "جدول ٢: الثاني"


def table(rows) -> Table:
    return Table(
        tuple(tuple(Cell((Text(x),), header=i == 0) for x in row) for i, row in enumerate(rows)), Provenance("f", 1), 1
    )


class _Config:
    print = PrintSettings()  # A5, 12.5 pt: the text is 115 mm wide


NUMBERS = table([["السنة", "١", "٢", "٣", "٤", "٥", "٦"], ["٢٠٢٠", "١٠", "٢٠", "٣٠", "٤٠", "٥٠", "٦٠"]])
LONG = table(
    [
        ["المصدر", "الرابط"],
        [
            "الموسوعة",
            "https://ar.wikipedia.org/wiki/%D8%B3%D9%83%D8%A9_%D8%AD%D8%AF%D9%8A%D8%AF_%D8%A7%D9%84%D8%AD%D8%AC%D8%A7%D8%B2",
        ],
    ]
)
MONTHS = table(
    [
        ["الشهر", "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو"],
        ["٢٠٢٠", "١٠٠٠", "١٠٠٠", "١٠٠٠", "١٠٠٠", "١٠٠٠", "١٠٠٠"],
    ]
)


def test_seven_columns_of_numbers_fit_and_two_columns_of_a_long_address_do_not():
    config = _Config()
    assert text_width_mm(config) == 148 - 33
    # counting columns called the first wide and the second narrow: measuring says the opposite
    assert not is_wide(NUMBERS, config) and table_width_mm(NUMBERS, config) < 100
    assert is_wide(LONG, config) and table_width_mm(LONG, config, WIDE_EM) > text_width_mm(config)
    # seven columns of month names: too wide at 0.95 em, fits in the smaller type
    assert is_wide(MONTHS, config) and table_width_mm(MONTHS, config, WIDE_EM) <= text_width_mm(config)


def _weasyprint_min_content_em(t: Table, size_pt: float = 10.0) -> float:
    """The table's width as WeasyPrint lays it out in a container 1 px wide
    (so at its min-content width), in em; padding 0.5 em a side, no rules."""

    def cell(c: Cell) -> str:
        tag = "th" if c.header else "td"
        return f'<{tag} style="padding:0 0.5em">{plain_text(c.inlines)}</{tag}>'

    cells = "".join("<tr>" + "".join(cell(c) for c in row) + "</tr>" for row in t.rows)
    style = f"border-collapse:collapse;font:{size_pt}pt Amiri"
    html = f'<html dir="rtl"><body><div style="width:1px"><table style="{style}">{cells}</table></div></body></html>'
    css = CSS(string=font_face_css(faces()[0].file.parent.as_uri() + "/"))
    page = HTML(string=html).render(stylesheets=[css]).pages[0]._page_box

    def find(box):
        if type(box).__name__ == "TableBox":
            return box
        return next((f for c in getattr(box, "children", []) if (f := find(c)) is not None), None)

    return find(page).width / (size_pt * 96 / 72)


@pytest.mark.parametrize(
    "t", [MONTHS, table([["المحافظة", "المستقلون", "الأحزاب", "نسبة المشاركة"], ["العاصمة", "٤٢", "٣٨", "٦١٪"]])]
)
def test_the_estimate_is_within_ten_percent_of_weasyprints_own_width_and_errs_wide(t):
    real, estimate = _weasyprint_min_content_em(t), min_content_em(t)
    assert abs(estimate - real) / real < 0.10
    assert estimate * MARGIN >= real


def test_only_the_table_wider_than_the_text_is_set_smaller(tmp_path):
    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text('[book]\ntitle = "جداول"\nauthor = "سعيد"\nslug = "t"\n', "utf-8")
    rows = lambda t: "\n".join("| " + " | ".join(plain_text(c.inlines) for c in r) + " |" for r in t.rows)  # noqa: E731
    md = "# مقالة (١)\n\n" + "\n\n".join(
        rows(t).replace("\n", "\n|" + "--|" * len(t.rows[0]) + "\n", 1) for t in (NUMBERS, LONG)
    )
    (root / "parts" / "01.md").write_text(md + "\n", "utf-8")
    run = run_cli("build", "-m", str(root), "-o", str(root / "build"), "-f", "html", "-q")
    assert run.code == 0, run.err
    html = next((root / "build").glob("*.html")).read_text("utf-8")
    classes = re.findall(r'<table class="([^"]+)"', html)
    assert classes == ["table", "table table-wide"]
