"""patches/pagerefs.py: pydyf's page references built once per document.

A small tagged document of several pages with links, written with and
without the patch: the same bytes, and the references built once instead
of once per structure element.
"""

from __future__ import annotations

import tomllib

import pydyf
import pytest
import weasyprint
from weasyprint import HTML

from tests.conftest import ROOT
from warraq.writers.pdf.patches import pagerefs as pdf_pagerefs
from warraq.writers.pdf.patches.pagerefs import kept, mismatches, page_references_once

PAGES = 6


def document() -> weasyprint.Document:
    body = "".join(
        f'<h2 id="s{i}">قسم {i}</h2><p>نص <a href="#s{(i + 1) % PAGES}">التالي</a> <span lang="en">text</span></p>'
        for i in range(PAGES)
    )
    style = "h2 { break-before: page; }"
    return HTML(string=f'<html lang="ar" dir="rtl"><style>{style}</style><body>{body}</body></html>').render()


@pytest.fixture
def counted(monkeypatch) -> list[int]:
    """How many times pydyf's own page_references ran (its tuples built)."""
    original = pydyf.PDF.__dict__["page_references"]
    calls: list[int] = []

    def counting(pdf):
        calls.append(1)
        return original.fget(pdf)

    monkeypatch.setattr(pdf_pagerefs, "mismatches", lambda: [])  # the counting wrapper is not the pinned source
    monkeypatch.setattr(pydyf.PDF, "page_references", property(counting))
    return calls


def test_fingerprints_match_the_installed_pydyf():
    # Fails on a pydyf or WeasyPrint upgrade: check that page_references
    # and add_page still behave as patches/pagerefs.py assumes (or that pydyf
    # keeps the references itself), then update the pins.
    assert mismatches() == []


def test_pydyf_is_the_one_weasyprint_installs():
    assert pydyf.__version__ == pdf_pagerefs.PYDYF_VERSION
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert f"weasyprint=={pdf_pagerefs.WEASYPRINT_VERSION}" in project["project"]["dependencies"]


def test_another_pydyf_is_not_patched(monkeypatch):
    monkeypatch.setitem(pdf_pagerefs.FINGERPRINTS, "pydyf.PDF.add_page", "0" * 64)
    assert any("add_page" in m for m in mismatches())
    before = pydyf.PDF.__dict__["page_references"]
    with page_references_once() as patched:
        assert patched is False
        assert pydyf.PDF.__dict__["page_references"] is before


def test_the_property_is_restored_after_the_block():
    before = pydyf.PDF.__dict__["page_references"]
    with page_references_once() as patched:
        assert patched is True
        assert pydyf.PDF.__dict__["page_references"] is not before
    assert pydyf.PDF.__dict__["page_references"] is before


def test_references_follow_the_pages_added():
    pdf = pydyf.PDF()
    build = pydyf.PDF.__dict__["page_references"].fget
    cached = kept(build)
    for count in range(1, 4):
        page = pydyf.Dictionary({"Type": "/Page"})
        pdf.add_page(page)
        refs = cached.fget(pdf)
        assert refs == build(pdf)
        assert len(refs) == count and refs[-1] == f"{page.number} 0 R".encode()
        assert cached.fget(pdf) is refs  # read again: not rebuilt


def test_tagging_builds_the_references_once(counted, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    doc = document()
    assert len(doc.pages) == PAGES
    doc.write_pdf(pdf_variant="pdf/ua-1")
    unpatched = len(counted)
    counted.clear()
    with page_references_once() as patched:
        assert patched
        doc.write_pdf(pdf_variant="pdf/ua-1")
    # WeasyPrint reads them for every element it tags and every link
    assert unpatched > 2 * PAGES
    assert len(counted) == 1


def test_the_pdf_is_the_same_bytes(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    doc = document()
    plain = doc.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=True)
    with page_references_once() as patched:
        assert patched
        once = doc.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=True)
    assert b"/StructTreeRoot" in once and b"/S /Link" in once
    assert once == plain
