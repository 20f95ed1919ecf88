"""Folios of the parallel build drawn without typesetting (pdf_merge.DrawnFolios):
where WeasyPrint sets them in one pass over the whole book, in the same
glyphs, as pagination artifacts; a folio that is more than a number falls
back to typeset sheets.  Built with the real CLI, read with pdfminer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import MANUSCRIPT, ROOT, run_cli
from tests.writers.pdf_fixtures import PdfBuild, series_pdf, series_single_pdf
from tests.writers.pdf_reading import ARABIC_INDIC, letters, pdfminer_pages
from warraq.writers.pdf.documents import SHEET_RUN
from warraq.writers.pdf.merge import FOLIO, DrawnFolios, folio_page

DIGITS = str.maketrans("0123456789", ARABIC_INDIC)


@pytest.fixture(scope="session")
def merged(tmp_path_factory) -> PdfBuild:
    return series_pdf(tmp_path_factory)


@pytest.fixture(scope="session")
def single(tmp_path_factory) -> PdfBuild:
    return series_single_pdf(tmp_path_factory)


def folios(build: PdfBuild) -> list[list[tuple[str, float, float, float]]]:
    """Per page, the folio's glyphs, left to right: (text, x, baseline, size)."""
    return [sorted((g.text, g.x, g.baseline, g.size) for line in p.folio() for g in line.glyphs) for p in build.pages]


def test_folios_are_where_the_one_pass_build_sets_them(merged, single):
    """Same digits, same places (to a hundredth of a point), same size, on
    the same pages as WeasyPrint's own folios in one pass."""
    a, b = folios(merged), folios(single)
    assert [[g[0] for g in page] for page in a] == [[g[0] for g in page] for page in b]
    for n, (page_a, page_b) in enumerate(zip(a, b, strict=True), 1):
        for ga, gb in zip(page_a, page_b, strict=True):
            assert max(abs(x - y) for x, y in zip(ga[1:], gb[1:], strict=True)) < 0.01, (n, ga, gb)
    numbered = [page for page in a if page]
    assert len(numbered) > 15
    assert any(len(page) >= 2 for page in numbered)  # numbers of two digits too


def test_folios_are_pagination_artifacts_of_one_shared_font(merged):
    """Each folio is a form drawn inside /Artifact <</Type /Pagination>>;
    all of them use one font subset (the probe's), not one per page."""
    fonts = set()
    with pikepdf.open(merged.pdf) as pdf:
        drawn = 0
        for page in pdf.pages:
            xobjects = page.obj.Resources.get("/XObject", {})
            if FOLIO not in xobjects:
                continue
            drawn += 1
            last = page.obj.Contents[-1].read_bytes() if isinstance(page.obj.Contents, pikepdf.Array) else b""
            assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n/WarraqFolio Do\nEMC" in last
            fonts.update(font.objgen for font in xobjects[FOLIO].Resources.Font.values())
        assert drawn > 15
    assert len(fonts) == 1


def test_no_sheets_are_typeset_for_the_default_design(merged):
    """Only the probe (4 pages) and the blank sheet, no runs of sheets."""
    cache = merged.pdf.parent / ".cache" / "pdf"
    metas = [json.loads(p.read_text("utf-8")) for p in cache.glob("*.json") if len(p.stem) == 64]
    pages = sorted(m["pages"] for m in metas if not m["anchors"])
    assert pages == [1, 4]
    assert SHEET_RUN not in pages


def test_a_probe_with_more_than_a_number_is_refused(tmp_path):
    """A folio drawn with a rule (an author's border) is not a plain number:
    no DrawnFolios, the sheets are typeset instead."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 400))
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(b"q 0 0 0 rg 10 10 100 1 re f Q")
    assert folio_page(page) is None
    path = tmp_path / "probe.pdf"
    pdf.save(path)
    assert DrawnFolios.read(path.read_bytes()) is None


@pytest.fixture(scope="session")
def worded(tmp_path_factory) -> Path:
    """The default book whose author's stylesheet puts a word before the number."""
    work = tmp_path_factory.mktemp("pdf-folio-words")
    shutil.copytree(MANUSCRIPT, work / "manuscript")
    shutil.copytree(ROOT / "styles", work / "styles")
    with (work / "styles" / "book.css").open("a", encoding="utf-8") as fh:
        fh.write('\n@page { @bottom-center { content: "صفحة " counter(page, book-digits); } }\n')
    out = work / "out"
    run = run_cli("build", "--format", "pdf", "-m", str(work / "manuscript"), "-o", str(out))
    assert run.code == 0, run.err
    return out


def test_a_folio_with_words_falls_back_to_sheets(worded):
    pdf = worded / "buqat-daw.pdf"
    numbered = 0
    for page in pdfminer_pages(pdf):
        text = "".join(line.text for line in page.folio())
        if text.strip():
            assert letters("صفحة") in letters(text), page.number
            assert str(page.number).translate(DIGITS) in "".join(line.visual for line in page.folio())
            numbered += 1
    assert numbered > 5
    metas = [json.loads(p.read_text("utf-8")) for p in (worded / ".cache" / "pdf").glob("*.json") if len(p.stem) == 64]
    assert any(m["pages"] == SHEET_RUN and not m["anchors"] for m in metas)
