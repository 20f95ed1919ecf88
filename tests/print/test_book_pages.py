"""The printed book's pages (issue 26, items 4 and 10), built through the
real CLI and read back from the PDF (pikepdf, pdfminer, pdftotext):

* no part ends with one or two lines on its last page (pdf/balance.py);
* the book closes on an even page, in both engines ([print] engine), with
  the colophon (بيانات الطبع) on its last page and at most one blank page
  before it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bench.bench_typeset import page_count
from bench.series import part_text
from bench.short_pages import last_pages, short_parts

from tests.conftest import MANUSCRIPT, ROOT, run_cli
from warraq.writers.pdf.balance import AT_LEAST

PARTS = 24


def short_book(root: Path) -> Path:
    """24 parts of the generated series (bench/series.py), part j cut
    after its first 8 + j paragraphs: their last pages hold from a couple
    of lines to a full page (two parts ended with 2 lines before the
    balancing)."""
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(
        '[book]\ntitle = "صفحات قصيرة"\nauthor = "مؤلف"\nlanguage = "ar"\nslug = "short"\n', "utf-8"
    )
    (root / "sources.toml").write_text("", "utf-8")
    for j in range(PARTS):
        lines = part_text(j + 1).splitlines()[: 8 + j]
        (root / "parts" / f"{j + 1:02d}.txt").write_text("\n".join(lines) + "\n", "utf-8")
    return root


def page_text(pdf: Path, number: int) -> str:
    args = ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def build(root: Path, out: Path, *more: str) -> Path:
    run = run_cli("build", "-f", "pdf", "-m", str(root), "-o", str(out), *more, timeout=900)
    assert run.code == 0, run.err
    return next(out.glob("*.pdf"))


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pages")
    shutil.copytree(ROOT / "styles", work / "styles")
    return work


def test_no_part_ends_with_one_or_two_lines(work):
    pdf = build(short_book(work / "short"), work / "out-short")
    ends = last_pages(pdf)
    assert len(ends) == PARTS
    # the parts' last pages run from a few lines to a full page: every count comes up
    assert max(n for _, _, n in ends) >= 15, ends
    found = short_parts(pdf)
    assert found["short"] == 0, found["which"]
    # a balanced part holds the lines it was given on its last page
    assert sum(n == AT_LEAST for _, _, n in ends) >= 1, ends


def default_book(work: Path, engine: str) -> Path:
    """The default book, typeset by this engine."""
    root = work / engine
    if not root.exists():
        shutil.copytree(MANUSCRIPT, root)
        toml = root / "book.toml"
        text = re.sub(r"^\[print\]$", f'[print]\nengine = "{engine}"', toml.read_text("utf-8"), count=1, flags=re.M)
        assert f'engine = "{engine}"' in text
        toml.write_text(text, "utf-8")
    return root


BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("engine", ["parallel", "single"])
@pytest.mark.parametrize("profile", ["screen", "print"])
def test_the_book_closes_on_an_even_page_with_its_colophon(work, engine, profile):
    pdf = build(default_book(work, engine), work / f"out-{engine}-{profile}", "--profile", profile)
    count = page_count(pdf)
    assert count % 2 == 0, count
    last = BIDI.sub("", page_text(pdf, count))
    # what an Arabic publisher prints there: the book, its author, the
    # date in the book's digits with the month in words, the trim, the
    # typeface; SOURCE_DATE_EPOCH of run_cli is 2026-01-01
    for words in ("بقعة ضوء", "كاتب السلسلة", "يناير", "٢٠٢٦", "المقاس", "١٤٨", "٢١٠", "أميري"):
        assert words in last, (words, last)
    assert "2026" not in last
    # no blank spread before it: at most one blank page, the text before that
    before = [page_text(pdf, n).strip() for n in (count - 1, count - 2)]
    assert before[0] or before[1], before
