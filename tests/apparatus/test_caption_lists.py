"""Lists of figures and tables (فهرس الصور، فهرس الجداول) in the back matter
of the PDF and HTML when 3 or more are captioned, behind `[apparatus]
figures`/`tables` (render/apparatus.py); the EPUB has them in its
navigation document (tests/writers/test_figures_output.py).  Each entry's
page number is checked against the page where pdftotext finds its caption."""

from __future__ import annotations

import random
import re
import subprocess

import pytest

from tests.conftest import BOOK_TOML, run_cli
from tests.figure_fixtures import raster

FIGURES = ["سور الأزبكية في الصباح", "مكتبة الإسكندرية من البحر", "باب زويلة قبل الترميم"]
TABLES = ["جدول ١: أسعار الكتب", "جدول ٢: عدد الزوار", "جدول ٣: دور النشر المشاركة"]
WORDS = [
    "الكتاب",
    "الوراق",
    "السوق",
    "المدينة",
    "القاهرة",
    "بغداد",
    "دمشق",
    "الرحالة",
    "المخطوط",
    "الحبر",
    "الورق",
    "القلم",
    "الناسخ",
    "الشيخ",
    "الطالب",
    "المكتبة",
    "الرف",
    "الجلد",
    "الغلاف",
    "الصفحة",
    "السطر",
    "الحاشية",
    "الشرح",
    "المتن",
    "الديوان",
    "القصيدة",
    "البيت",
    "الراوي",
    "الخبر",
    "الأثر",
    "الليل",
    "النهار",
    "الصيف",
    "الشتاء",
    "المطر",
    "النهر",
    "البحر",
    "الجبل",
    "الصحراء",
    "القافلة",
]


def filler(n: int) -> str:
    """Paragraphs of their own words (not repeated: the book would drop a repeated paragraph)."""
    rng = random.Random(n)
    return "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(90)) + "." for _ in range(5))


def part(n: int) -> str:
    return (
        f"# مقالة ({n})\n\n{filler(n)}\n\n"
        f'![صورة {n}](../images/p{n}.png "{FIGURES[n - 1]}")\n\n{filler(n + 10)}\n\n'
        f"{TABLES[n - 1]}\n\n| السنة | العدد |\n|--|--|\n| ٢٠٢٣ | {n}٠ |\n| ٢٠٢٤ | {n}٥ |\n"
    )


def make(tmp_path, extra: str = ""):
    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "book.toml").write_text(BOOK_TOML.format(extra=extra), "utf-8")
    for n in (1, 2, 3):
        (root / "images" / f"p{n}.png").write_bytes(raster("PNG", (1800, 1200)))
        (root / "parts" / f"0{n}.md").write_text(part(n), "utf-8")
    return root


def pages_text(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def arabic_number(text: str) -> int:
    return int(text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    root = make(tmp_path_factory.mktemp("lists"))
    run = run_cli("build", "-m", str(root), "-o", str(root / "build"), "-f", "pdf", "-f", "html", "-q")
    assert run.code == 0, run.err
    return root / "build"


def words(caption: str) -> str:
    """The caption's words after «جدول ١:» (pdftotext sets the number apart from them)."""
    return caption.split(":")[-1].strip()


def _listed(pages: list[str], title: str, captions: list[str]) -> dict[str, int]:
    """Each caption's page number as the list on the page titled `title` gives it."""
    (page,) = [p for p in pages if title in p and any(words(c) in p for c in captions)][-1:]
    found = {}
    for caption in captions:
        line = next(line for line in page.splitlines() if words(caption) in line)
        number = re.findall(r"[٠-٩]+", line.replace(words(caption), ""))[-1]  # the folio, after «جدول ١»
        found[caption] = arabic_number(number)
    return found


def _where(pages: list[str], caption: str, skip: str) -> int:
    """The 1-based page whose text has the caption (not the list's own page)."""
    return next(i for i, p in enumerate(pages, 1) if words(caption) in p and skip not in p)


@pytest.mark.parametrize(("title", "captions"), [("فهرس الصور", FIGURES), ("فهرس الجداول", TABLES)])
def test_each_entry_names_the_page_its_figure_or_table_is_on(pdf, title, captions):
    pages = pages_text(next(pdf.glob("*.pdf")))
    listed = _listed(pages, title, captions)
    # the folio is the page's number in the book: the same offset for every entry
    where = {c: _where(pages, c, title) for c in captions}
    offsets = {where[c] - listed[c] for c in captions}
    assert len(offsets) == 1, (listed, where)
    assert listed[captions[0]] < listed[captions[1]] < listed[captions[2]]


def test_the_contents_and_the_html_name_the_lists(pdf):
    pages = pages_text(next(pdf.glob("*.pdf")))
    contents = next(p for p in pages if "المحتويات" in p and "فهرس الصور" in p)
    assert "فهرس الجداول" in contents
    html = next(pdf.glob("*.html")).read_text("utf-8")
    assert '<section class="back index-figures" id="index-figures"' in html
    assert html.count('class="index-entry"') >= 6


def test_the_lists_are_left_out_when_the_book_says_so(tmp_path):
    root = make(tmp_path, "\n[apparatus]\nfigures = false\ntables = false\n")
    run = run_cli("build", "-m", str(root), "-o", str(root / "build"), "-f", "html", "-f", "epub", "-q")
    assert run.code == 0, run.err
    html = next((root / "build").glob("*.html")).read_text("utf-8")
    assert "فهرس الصور" not in html and "فهرس الجداول" not in html
    import zipfile

    with zipfile.ZipFile(next((root / "build").glob("*.epub"))) as z:
        nav = z.read("EPUB/text/nav.xhtml").decode()
    assert 'epub:type="loi"' not in nav and 'epub:type="lot"' not in nav


def test_fewer_than_three_captioned_make_no_list(tmp_path):
    root = make(tmp_path)
    (root / "parts" / "03.md").unlink()
    run = run_cli("build", "-m", str(root), "-o", str(root / "build"), "-f", "html", "-q")
    assert run.code == 0, run.err
    assert "فهرس الصور" not in next((root / "build").glob("*.html")).read_text("utf-8")
