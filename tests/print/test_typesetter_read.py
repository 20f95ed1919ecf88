"""A typesetter's read of the built PDFs (issue 26), over every page.

Built through the real CLI: the default book, the 10-part series of
bench/series.py and a 10-part series of Word files (bench_typeset.py's
`word_series`), and a book made to put a verse's end at every place of a
line (each paragraph one word longer than the one before), so that a
reference would open a line wherever the break between verse and
reference is allowed.  Read back with pdfminer (bench/bench_typeset.py):

* no glyph box beyond the text frame (the page less print.css's margins);
* no line opening with a Qur'an reference `[السورة: الآية]`;
* pdftotext splits at most 0.2 % of the words, none in the running heads;
* `--profile print` has an even page count, the colophon on its last page.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bench.bench_typeset import frame_faults, page_count, reference_openings, split_rate, vocabulary, word_series
from bench.series import write_series

from tests.conftest import MANUSCRIPT, ROOT, run_cli
from warraq.writers.pdf.patches import lines as pdf_lines

BOOK_TOML = """\
[book]
title = "مراجع الآيات"
author = "مؤلف"
language = "ar"
slug = "refs"
edition = "الطبعة الأولى"
"""
WORDS = [
    *("قال", "الكاتب", "في", "مقالته", "إن", "الأمر", "الذي", "نراه"),
    *("اليوم", "ليس", "جديدا", "على", "الناس", "في", "هذا", "الزمان"),
]


def page_text(pdf: Path, number: int) -> str:
    args = ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def verse_book(root: Path) -> Path:
    """40 paragraphs, each a word longer, ending in a verse and its reference."""
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(BOOK_TOML, "utf-8")
    (root / "sources.toml").write_text("", "utf-8")
    lines = ["مراجع الآيات (١)"]
    for k in range(40):
        lead = " ".join((WORDS * 4)[k % 7 : k % 7 + 8 + k])
        tail = "ثم مضى الكلام بعد ذلك، وقال: ﴿وأمرهم شورى بينهم﴾ الآية."
        lines.append(f"{lead} ﴿إنك ميت وإنهم ميتون﴾ [الزمر: ٣٠]. {tail}")
    (root / "parts" / "01-refs.txt").write_text("\n".join(lines) + "\n", "utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("typesetter")
    shutil.copytree(ROOT / "styles", work / "styles")
    books = {
        "default": MANUSCRIPT,
        "series-10": write_series(work / "series", 10),
        "word-10": word_series(work),
        "verses": verse_book(work / "verses"),
    }
    pdfs = {}
    for name, root in books.items():
        out = work / f"out-{name}"
        run = run_cli("build", "-f", "pdf", "-f", "html", "-m", str(root), "-o", str(out), timeout=900)
        assert run.code == 0, run.err
        pdfs[name] = next(out.glob("*.pdf"))
    return pdfs


@pytest.fixture(scope="module")
def printed(built, tmp_path_factory) -> dict[str, Path]:
    """The default book and the verse book built for the printer."""
    out = tmp_path_factory.mktemp("typesetter-print")
    pdfs = {}
    for name, root in (("default", MANUSCRIPT), ("verses", built["verses"].parent.parent / "verses")):
        run = run_cli("build", "-f", "pdf", "--profile", "print", "-m", str(root), "-o", str(out / name), timeout=900)
        assert run.code == 0, run.err
        pdfs[name] = next((out / name).glob("*.pdf"))
    return pdfs


def test_pinned_to_weasyprint_70():
    # fails on any other WeasyPrint: check writers/pdf/patches/lines.py against its new code
    assert pdf_lines.mismatches() == []


@pytest.mark.parametrize("name", ["default", "series-10", "word-10", "verses"])
def test_no_glyph_beyond_the_frame(built, name):
    faults = frame_faults(built[name])
    assert faults == [], faults[:5]


@pytest.mark.parametrize("name", ["default", "series-10", "word-10", "verses"])
def test_no_line_opens_with_a_reference(built, name):
    assert reference_openings(built[name]) == []


@pytest.mark.parametrize("name", ["default", "series-10", "word-10"])
def test_words_extract_whole(built, name):
    # pdftotext broke 1.8 % of the default book's words in two («و لكنه»,
    # «مطلق ًا»), and the running head «بقعة ضوء» of every right page
    found = split_rate(built[name], vocabulary(built[name].parent))
    assert found["words"] > 1000
    assert found["split_rate_pct"] <= 0.2, found
    assert found["head_words"] > 10 and found["head_split"] == 0, found


def test_the_print_interior_has_an_even_page_count(printed):
    blank_before = 0
    for name, pdf in printed.items():
        count = page_count(pdf)
        assert count % 2 == 0, (name, count)
        # the book's last page is the colophon at the back (بيانات الطبع),
        # with one blank page at most before it
        last, before, earlier = (page_text(pdf, n) for n in (count, count - 1, count - 2))
        assert "المقاس" in last, (name, last)
        assert before.strip() or earlier.strip(), name
        blank_before += not before.strip()
    # one of the two ends its text on an even page (the default book did, at
    # 16 pages before the colophon): the check meets a blank page before it
    assert blank_before >= 1


def test_the_copyright_page_has_edition_rights_and_date_in_words(built):
    html = (built["verses"].parent / "refs.html").read_text("utf-8")
    colophon = html.split('id="colophon"', 1)[1].split("</section>", 1)[0]
    # SOURCE_DATE_EPOCH of run_cli: 2026-01-01, in the book's digits, the month in words
    assert "الطبعة الأولى، ١ يناير ٢٠٢٦" in colophon
    assert "حقوق النشر © ٢٠٢٦ مؤلف" in colophon
    assert "2026-01-01" not in colophon
    # the Latin credit is one left-to-right paragraph of its own
    assert '<p class="credit" dir="ltr" lang="en">' in colophon
