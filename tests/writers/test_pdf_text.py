"""patches/text.py: exact text extraction from WeasyPrint 70.0 PDFs.

Small documents typeset in-process with and without the patch.  Expected
letters are counted in the input text, never taken from a PDF.
"""

from __future__ import annotations

import subprocess
import tomllib
from collections import Counter
from pathlib import Path

import pytest
import weasyprint
from weasyprint import HTML
from weasyprint.draw import text as draw_text
from weasyprint.pdf import fonts as pdf_fonts

from tests.conftest import ROOT, SEED
from tests.writers.pdf_reading import letter_counts, letters, mark_counts, pdfminer_pages
from warraq.render.fonts import faces, font_face_css
from warraq.writers.pdf.patches import text as pdf_text
from warraq.writers.pdf.patches.text import TOP_CODE, FontAliases, exact_text, mismatches

SEED_LINES = SEED.read_text("utf-8").split("\n")
# line 3 of the seed: «لَمْ يَأْتِ رَجُلٌ ...»: its أ is drawn inside the
# diacritised cluster أْ; line 29 is the fully vowelled verse of Muhammad 7
HADITH, VERSE = SEED_LINES[2], SEED_LINES[28]
# later words reuse the bare glyphs of أ ج ر ل
LATER = "أتى رجل فأجاب الجماعة وأخذ الأجر ثم جاء"
TEXT = [HADITH, VERSE, LATER]


def document(paragraphs: list[str]) -> weasyprint.Document:
    fonts = font_face_css(faces()[0].file.parent.as_uri() + "/")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    style = f"{fonts} body {{ font-family: Amiri; font-size: 14pt; }} b {{ font-weight: bold; }}"
    return HTML(string=f'<html lang="ar" dir="rtl"><style>{style}</style>{body}</html>').render()


def write(path: Path, paragraphs: list[str], patched: bool) -> Path:
    doc = document(paragraphs)
    if patched:
        with exact_text() as session:
            assert session is not None, mismatches()
            path.write_bytes(doc.write_pdf())
    else:
        path.write_bytes(doc.write_pdf())
    return path


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True).stdout


def pdfminer_text(pdf: Path) -> str:
    return "".join(line.text for page in pdfminer_pages(pdf) for line in page.lines)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[bool, Path]:
    work = tmp_path_factory.mktemp("pdf-text")
    return {patched: write(work / f"patched-{patched}.pdf", TEXT, patched) for patched in (False, True)}


def test_fingerprints_match_the_installed_weasyprint():
    # Fails on any WeasyPrint upgrade: check patches/text.py against the new
    # draw_first_line / font dictionary code (is issue 2841 fixed upstream?),
    # then update WEASYPRINT_VERSION and FINGERPRINTS.
    assert mismatches() == []


def test_weasyprint_pin_matches_the_patch():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert f"weasyprint=={pdf_text.WEASYPRINT_VERSION}" in project["project"]["dependencies"]


def test_without_the_patch_letters_vanish(pdfs):
    # the bug this module exists for (WeasyPrint issue 2841): if this starts
    # passing with 0 lost, upstream fixed it and the patch can go
    expected = letter_counts("".join(TEXT))
    got = letter_counts(pdftotext(pdfs[False]))
    assert expected["أ"] == 7  # counted by hand: يأت + أتى فأجاب وأخذ الأجر + أقدامكم + أيها
    assert got["أ"] < expected["أ"]


@pytest.mark.parametrize("tool", ["pdftotext", "pdfminer"])
def test_with_the_patch_every_letter_and_mark_comes_back(pdfs, tool):
    text = pdftotext(pdfs[True]) if tool == "pdftotext" else pdfminer_text(pdfs[True])
    expected = "".join(TEXT)
    assert letter_counts(text) == letter_counts(expected)
    assert mark_counts(text) == mark_counts(expected)


def test_letters_come_back_in_logical_order(pdfs):
    # pdfminer lines read right to left give each paragraph's letters in order
    lines = [line.text for page in pdfminer_pages(pdfs[True]) for line in page.lines]
    assert [letters(line) for line in lines] == [letters(p) for p in TEXT]
    assert "يَأْتِ" in lines[0] and "رَجُلٌ" in lines[0]


def test_the_page_looks_the_same(pdfs, tmp_path):
    pngs = []
    for patched, pdf in pdfs.items():
        prefix = tmp_path / f"page-{patched}"
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf), str(prefix)], check=True)
        pngs.append(Path(f"{prefix}.png").read_bytes())
    assert pngs[0] == pngs[1]


def test_aliases_map_back_to_their_glyph(pdfs):
    import pikepdf

    pdf = pikepdf.open(pdfs[True])
    fonts = [f for page in pdf.pages for f in page.Resources.Font.values()]
    maps = [f.DescendantFonts[0].get("/CIDToGIDMap") for f in fonts]
    streams = [m for m in maps if isinstance(m, pikepdf.Stream)]
    assert streams, "no font needed an alias: the test text no longer exercises the patch"
    table = streams[0].read_bytes()
    aliases = {cid: int.from_bytes(table[2 * cid : 2 * cid + 2], "big") for cid in range(len(table) // 2)}
    # Amiri has 6710 glyphs: ids above 0x8000 are aliases, each of a real glyph
    top = [cid for cid in aliases if cid > 0x8000 and aliases[cid]]
    assert top and max(top) == TOP_CODE  # the first alias takes the top code
    assert all(0 < aliases[cid] < 6710 for cid in top)
    assert all(aliases[cid] in (0, cid) for cid in aliases if cid < 0x8000)  # the rest: identity


def test_exact_text_restores_weasyprint():
    draw, build = draw_text.draw_first_line, pdf_fonts._build_vector_font_dictionary
    with exact_text() as session:
        assert session is not None
        assert draw_text.draw_first_line is not draw
        with exact_text() as nested:  # never patched twice
            assert nested is None
    assert draw_text.draw_first_line is draw
    assert pdf_fonts._build_vector_font_dictionary is build


def test_exact_text_patches_nothing_on_another_weasyprint(monkeypatch):
    monkeypatch.setattr(pdf_text, "WEASYPRINT_VERSION", "0.0")
    draw = draw_text.draw_first_line
    with exact_text() as session:
        assert session is None
        assert draw_text.draw_first_line is draw
    assert any("0.0" in m for m in mismatches())


def test_bold_and_regular_faces_get_their_own_aliases(tmp_path):
    pdf = write(tmp_path / "bold.pdf", [HADITH, f"<b>{HADITH}</b>", f"<b>{LATER}</b>", LATER], True)
    text = pdftotext(pdf)
    assert letter_counts(text) == letter_counts(HADITH * 2 + LATER * 2)


# ---------------------------------------------------------------------- FontAliases


def test_alias_codes_count_down_and_repeat():
    aliases = FontAliases(floor=100)
    first = aliases.code(7, "أْ")
    assert first == TOP_CODE
    assert aliases.code(7, "") == TOP_CODE - 1
    assert aliases.code(7, "أْ") == first  # the same pair keeps its code
    assert aliases.glyphs == {TOP_CODE: 7, TOP_CODE - 1: 7}


def test_alias_codes_stop_above_the_floor():
    aliases = FontAliases(floor=TOP_CODE - 2)
    assert aliases.code(1, "a") == TOP_CODE
    assert aliases.code(2, "b") == TOP_CODE - 1
    assert aliases.code(3, "c") is None  # would reach the font's own ids


def test_cid_to_gid_map():
    aliases = FontAliases(floor=10)
    aliases.code(5, "x")
    table = aliases.cid_to_gid({3, 5})
    assert len(table) == 2 * (TOP_CODE + 1)
    entry = Counter()
    for cid in range(TOP_CODE + 1):
        gid = int.from_bytes(table[2 * cid : 2 * cid + 2], "big")
        if gid:
            entry[cid] = gid
    assert entry == {3: 3, 5: 5, TOP_CODE: 5}
