"""Kashida justification ([print] justify = "kashida", writers/pdf/patches/kashida.py).

The default book is built through the real CLI with both settings; the
kashida PDF must keep the spaces near their natural width, the same text
(pdftotext), the same pages and the same tagged structure.  A small
document laid out in-process shows where the tatweels went: never in the
Qur'an's text, never in the Name of God.
"""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pikepdf
import pytest
from bench.kashida_spaces import measure
from fontTools.ttLib import TTFont
from weasyprint import HTML

from tests.conftest import MANUSCRIPT, ROOT, run_cli
from tests.writers.pdf_reading import page_texts, structure
from warraq.render.fonts import faces, font_face_css
from warraq.text.kashida import TATWEEL
from warraq.writers.pdf.patches import kashida as pdf_kashida
from warraq.writers.pdf.patches.kashida import kashida_justification, mismatches, wants_kashida
from warraq.writers.pdf.patches.text import exact_text
from warraq.writers.pdf.typeset import justify_css

LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")  # Arabic letters and U+0640


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("kashida")
    shutil.copytree(ROOT / "styles", work / "styles")
    built = {}
    for justify in ("spaces", "kashida"):
        root = work / justify
        shutil.copytree(MANUSCRIPT, root)
        toml = root / "book.toml"
        text = re.sub(r"^\[print\]\n", f'[print]\njustify = "{justify}"\n', toml.read_text("utf-8"), flags=re.M)
        assert f'justify = "{justify}"' in text
        toml.write_text(text, "utf-8")
        run = run_cli("build", "--format", "pdf", "-m", str(root), "-o", str(work / f"out-{justify}"))
        assert run.code == 0, run.err
        built[justify] = work / f"out-{justify}" / "buqat-daw.pdf"
    return built


def test_pinned_to_weasyprint_70():
    # fails on any other WeasyPrint: check patches/kashida.py against its new code
    assert mismatches() == []


def test_spaces_stay_near_their_natural_width(books):
    spaces, kashida = (measure(books[s]).summary() for s in ("spaces", "kashida"))
    assert spaces["lines"] == kashida["lines"] > 50
    assert spaces["p95"] > 1.5  # what the issue measured: the test can fail
    assert kashida["p95"] <= 1.3
    assert kashida["lines_with_kashida"] > kashida["lines"] / 3
    assert spaces["tatweels"] == 0


def test_same_text_same_pages(books):
    spaces, kashida = (page_texts(books[s]) for s in ("spaces", "kashida"))
    assert len(spaces) == len(kashida)
    # letters and tatweels alike (LETTER holds U+0640): the only tatweel is
    # the colophon's «بـwarraq», typed in the template, in both
    assert Counter(LETTER.findall("".join(kashida))) == Counter(LETTER.findall("".join(spaces)))
    assert "".join(kashida).count(TATWEEL) == "".join(spaces).count(TATWEEL) == 1


def test_no_word_broken_in_the_extracted_text(books):
    # an inserted tatweel has no text, and Amiri's cursive attachment moves
    # the letters around it: without the gap closing in patches/text.py poppler
    # broke «الجزيرة» into «الجز يرة».  Where the two settings' words differ,
    # the kashida text must hold the same letters in as many words or fewer
    # (the gap closing also mends words the spaces setting breaks: «و لكنها»)
    spaces, kashida = ("".join(page_texts(books[s])).split() for s in ("spaces", "kashida"))
    changes = [op for op in SequenceMatcher(None, spaces, kashida, autojunk=False).get_opcodes() if op[0] != "equal"]
    for _, i1, i2, j1, j2 in changes:
        assert "".join(spaces[i1:i2]) == "".join(kashida[j1:j2]), (spaces[i1:i2], kashida[j1:j2])
        assert j2 - j1 <= i2 - i1, (spaces[i1:i2], kashida[j1:j2])


def blank_glyphs(pdf: Path) -> list[tuple[str, int, int]]:
    """(font, code, glyph) of every code a page draws whose glyph has an
    outline in Amiri but none in the embedded subset (drawn as nothing, or
    as garbage): WeasyPrint keeps only the glyphs of its ToUnicode entries."""
    files = {face.file.stem.replace("-Regular", ""): face.file for face in faces()}
    found = []
    with pikepdf.open(pdf) as doc:
        seen = set()
        for page in doc.pages:
            for font in page.Resources.get("/Font", {}).values():
                if font.objgen in seen or "/DescendantFonts" not in font:
                    continue
                seen.add(font.objgen)
                name = str(font.BaseFont).split("+")[-1]
                descendant = font.DescendantFonts[0]
                embedded = TTFont(io.BytesIO(descendant.FontDescriptor.FontFile2.read_bytes()))
                original = TTFont(files[name])
                mapping = descendant.get("/CIDToGIDMap")
                table = mapping.read_bytes() if isinstance(mapping, pikepdf.Stream) else None
                widths, i = descendant.W, 0
                codes = []
                while i < len(widths):
                    if isinstance(widths[i + 1], pikepdf.Array):
                        codes += range(int(widths[i]), int(widths[i]) + len(widths[i + 1]))
                        i += 2
                    else:
                        codes += range(int(widths[i]), int(widths[i + 1]) + 1)
                        i += 3
                for code in codes:
                    glyph = int.from_bytes(table[2 * code : 2 * code + 2], "big") if table else code
                    if glyph >= len(original.getGlyphOrder()):
                        continue
                    before = original["glyf"][original.getGlyphOrder()[glyph]].numberOfContours
                    after = embedded["glyf"][embedded.getGlyphOrder()[glyph]].numberOfContours
                    if before and not after:
                        found.append((name, code, glyph))
    return found


def test_every_glyph_drawn_is_in_the_font(books):
    # an alias whose glyph had no ToUnicode entry of its own was dropped from
    # the subset: «المكييون» drew its lam and meem as nothing
    assert blank_glyphs(books["spaces"]) == []
    assert blank_glyphs(books["kashida"]) == []


def test_same_tagged_structure(books):
    spaces, kashida = (structure(books[s]) for s in ("spaces", "kashida"))
    assert kashida.problems == []
    assert kashida.mcids == spaces.mcids


# ---------------------------------------------------------------------- in process

NAME = "والله الذي لا إله إلا هو، بسم الله، لله الأمر من قبل ومن بعد، وبالله التوفيق"
QURAN = "إنك ميت وإنهم ميتون ثم إنكم يوم القيامة عند ربكم تختصمون"
PROSE = "كان المسلمون يرسلون الرسائل إلى الملوك والأمراء يدعونهم إلى الإسلام ويستنصرون القبائل"


def document(justify: str) -> str:
    fonts = font_face_css(faces()[0].file.parent.as_uri() + "/")
    paragraph = f'{NAME} {PROSE} <span class="quran">{QURAN}</span> {PROSE} {NAME} {PROSE}'
    return f"""<html lang="ar" dir="rtl"><head><style>
{fonts}
@page {{ size: 90mm 200mm; margin: 10mm; }}
html {{ font-family: Amiri; font-size: 12pt; }}
p {{ text-align: justify; }}
{justify_css(justify)}
</style></head><body><p>{paragraph}</p><p>{paragraph}</p></body></html>"""


def text_boxes(box, classes=()):
    """(text box, the classes of its ancestors) of a laid out page."""
    element = getattr(box, "element", None)
    here = classes
    if element is not None and box.element_tag != "html":
        here = classes + tuple((element.get("class") or "").split())
    if type(box).__name__ == "TextBox":
        yield box, here
    for child in getattr(box, "children", ()):
        yield from text_boxes(child, here)


def laid_out(justify: str):
    with kashida_justification() as patched:
        assert patched
        return HTML(string=document(justify)).render()


def test_never_in_the_quran_nor_the_name_of_god():
    pages = laid_out("kashida").pages
    found = [(box, classes) for page in pages for box, classes in text_boxes(page._page_box)]
    elongated = [(box, classes) for box, classes in found if getattr(box, "kashida", None)]
    assert elongated  # the test can fail: words were elongated
    assert any("quran" in classes for _, classes in found)
    for box, classes in elongated:
        assert "quran" not in classes, box.text
        for word in box.text.split():
            if TATWEEL in word:
                assert "لله" not in word.replace(TATWEEL, ""), word
                assert "ل" + TATWEEL + "ا" not in word, word  # lam-alef stays one glyph
        # every inserted tatweel is a tatweel, at the offsets the box remembers
        data = box.text.encode()
        assert all(data[o : o + 2] == TATWEEL.encode() for o in box.kashida)


def test_spaces_setting_elongates_nothing():
    pages = laid_out("spaces").pages
    assert not any(getattr(box, "kashida", None) for page in pages for box, _ in text_boxes(page._page_box))


def test_inserted_tatweels_copy_as_nothing(tmp_path):
    with kashida_justification():
        doc = HTML(string=document("kashida")).render()
    with exact_text():
        data = doc.write_pdf()
    pdf = tmp_path / "k.pdf"
    pdf.write_bytes(data)
    text = "".join(page_texts(pdf))
    assert TATWEEL not in text
    assert text.count("الله") == 2 * 2 * NAME.count("الله")  # والله, الله, وبالله: twice in each paragraph
    assert measure(pdf).summary()["tatweels"] > 0


def test_wants_kashida_reads_the_custom_property():
    class Style(dict):
        pass

    assert not wants_kashida(Style())
    assert not wants_kashida(Style({pdf_kashida.PROPERTY: None}))


def test_patches_nothing_on_another_weasyprint(monkeypatch):
    from weasyprint.layout import inline

    original = inline.justify_line
    monkeypatch.setitem(pdf_kashida.FINGERPRINTS, "weasyprint.layout.inline.justify_line", "0" * 64)
    assert any("justify_line changed" in m for m in mismatches())
    with kashida_justification() as patched:
        assert patched is False
        assert inline.justify_line is original
    with kashida_justification():  # unpatched: the lines justify with spaces
        doc = HTML(string=document("kashida")).render()
    assert not any(getattr(box, "kashida", None) for page in doc.pages for box, _ in text_boxes(page._page_box))
