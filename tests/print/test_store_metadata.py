"""The ISBN, publisher and rights of book.toml in the EPUB's package and on
the copyright page (the colophon) of the EPUB and the PDF."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MANUSCRIPT, ROOT, run_cli
from tests.writers.epub_fixtures import epubcheck

ISBN = "978-0-306-40615-7"
UUID = "urn:uuid:5b2f5a52-8f0e-4c59-9d55-2f7f3d1c0b4e"  # the default book's identifier
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("store")
    shutil.copytree(MANUSCRIPT, work / "manuscript")
    shutil.copytree(ROOT / "styles", work / "styles")
    toml = work / "manuscript" / "book.toml"
    extra = f'isbn = "{ISBN}"\npublisher = "دار الوراق"\nrights = "حقوق الطبع محفوظة للمؤلف"\n'
    toml.write_text(toml.read_text("utf-8").replace('digits = "arabic-indic"', 'digits = "arabic-indic"\n' + extra))
    for fmt in ("epub", "pdf"):
        run = run_cli("build", "--format", fmt, "-m", str(work / "manuscript"), "-o", str(work / "out"))
        assert run.code == 0, run.err
    return work / "out"


def test_isbn_is_the_package_identifier_the_uuid_kept(built):
    with zipfile.ZipFile(built / "buqat-daw.epub") as z:
        root = ET.fromstring(z.read("EPUB/content.opf"))
    metadata = root.find("opf:metadata", NS)
    ids = {e.get("id"): e.text for e in metadata.findall("dc:identifier", NS)}
    unique = root.get("unique-identifier")
    assert ids[unique] == "urn:isbn:9780306406157"
    assert UUID in ids.values() and len(ids) == 2
    assert metadata.find("dc:publisher", NS).text == "دار الوراق"
    assert metadata.find("dc:rights", NS).text == "حقوق الطبع محفوظة للمؤلف"


def test_epubcheck_accepts_it(built):
    said = [(m["ID"], m["severity"], m["message"]) for m in epubcheck(built / "buqat-daw.epub")]
    assert [m for m in said if m[1] != "USAGE"] == []


def test_copyright_page_carries_the_isbn(built):
    with zipfile.ZipFile(built / "buqat-daw.epub") as z:
        colophon = z.read("EPUB/text/colophon.xhtml").decode("utf-8")
    assert f"ISBN {ISBN}" in colophon and "ردمك" in colophon and "حقوق الطبع محفوظة للمؤلف" in colophon
    # in the PDF: on the colophon's page (the verso of the title page, page 4)
    text = subprocess.run(
        ["pdftotext", "-f", "4", "-l", "4", str(built / "buqat-daw.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert f"ISBN {ISBN}" in text
