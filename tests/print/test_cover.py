"""The full-wrap cover (`warraq build --format cover`): its sheet from the
page count and the paper, the right-to-left wrap, the spine's text, the
barcode read back by zbar, PDF/X, and the stores' JPEG."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from tests.conftest import MANUSCRIPT, ROOT, run_cli
from tests.print.press_reading import MM, fonts, operators
from warraq.model import Meta
from warraq.pipeline import load
from warraq.writers.pdf.cover import cover_pdf

ISBN = "978-0-306-40615-7"
BLURB_WORD = "الطبري"  # a word of the default book's description (the back cover's blurb)


@pytest.fixture(scope="module")
def manuscript(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("cover")
    shutil.copytree(MANUSCRIPT, work / "manuscript")
    shutil.copytree(ROOT / "styles", work / "styles")
    toml = work / "manuscript" / "book.toml"
    text = toml.read_text("utf-8").replace(
        'digits = "arabic-indic"',
        f'digits = "arabic-indic"\nisbn = "{ISBN}"\nprice = "USD 24.95"',
    )
    toml.write_text(text, "utf-8")
    return work / "manuscript"


@pytest.fixture(scope="module")
def loaded(manuscript):
    config, book, _ = load(manuscript)
    return config, book


def words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """poppler's words with their boxes (x0, y0, x1, y1) in mm of the sheet."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    import re

    found = []
    for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html):
        x0, y0, x1, y1 = (float(v) / MM for v in m.groups()[:4])
        # poppler gives right-to-left words in visual order: read them back
        text = m[5].strip(".،")
        found.append((text[::-1] if re.search("[\u0600-\u06ff]", text) else text, x0, y0, x1, y1))
    return found


@pytest.mark.parametrize("pages", [24, 120, 600])
@pytest.mark.parametrize("paper", ["white", "cream"])
def test_the_sheet_from_the_page_count_and_paper(loaded, tmp_path, pages, paper):
    config, book = loaded
    config = dataclasses.replace(config, print=dataclasses.replace(config.print, paper=paper))
    pdf = pikepdf.open(__import__("io").BytesIO(cover_pdf(book, config, pages)))
    page = pdf.pages[0]
    per_page = {"white": 0.002252, "cream": 0.0025}[paper] * 25.4
    media = [float(v) / MM for v in page.MediaBox]
    trim = [float(v) / MM for v in page.TrimBox]
    assert media[2] - media[0] == pytest.approx(2 * 148 + pages * per_page + 2 * 3.175, abs=0.01)
    assert media[3] - media[1] == pytest.approx(210 + 2 * 3.175, abs=0.01)
    assert [t - m for t, m in zip(trim[:2], media[:2], strict=True)] == pytest.approx([3.175, 3.175], abs=0.01)


def cover_words(loaded, tmp_path, pages, **meta) -> tuple[list, float, float]:
    config, book = loaded
    if meta:
        book = dataclasses.replace(book, meta=dataclasses.replace(book.meta, **meta))
    path = tmp_path / f"cover-{pages}.pdf"
    path.write_bytes(cover_pdf(book, config, pages))
    spine = pages * 0.002252 * 25.4
    left = 3.175 + 148  # the spine's left fold on the sheet
    return words(path), left, left + spine


def test_an_arabic_book_wraps_right_to_left(loaded, tmp_path):
    found, spine_left, spine_right = cover_words(loaded, tmp_path, 60)  # no spine text
    author = [w for w in found if w[0] == "السلسلة"]
    blurb = [w for w in found if w[0] == BLURB_WORD]
    # the front (title, author) left of the spine; the blurb right of it
    assert author and all(w[3] < spine_left for w in author)
    assert blurb and all(w[1] > spine_right for w in blurb)


def test_a_left_to_right_book_wraps_the_other_way(loaded, tmp_path):
    found, spine_left, spine_right = cover_words(loaded, tmp_path, 60, language="en")
    author = [w for w in found if w[0] == "السلسلة"]
    blurb = [w for w in found if w[0] == BLURB_WORD]
    assert author and all(w[1] > spine_right for w in author)
    assert blurb and all(w[3] < spine_left for w in blurb)


@pytest.mark.parametrize(("pages", "spine_text"), [(78, False), (79, True), (300, True)])
def test_spine_text_from_79_pages(loaded, tmp_path, pages, spine_text):
    found, spine_left, spine_right = cover_words(loaded, tmp_path, pages)
    on_spine = [w for w in found if w[1] >= spine_left - 0.1 and w[3] <= spine_right + 0.1]
    assert bool(on_spine) == spine_text
    if spine_text:
        # turned: one line running down the spine, far longer than it is wide
        across = max(w[3] for w in on_spine) - min(w[1] for w in on_spine)
        along = max(w[4] for w in on_spine) - min(w[2] for w in on_spine)
        assert along > 5 * across
        # the title (head) above the author (foot)
        title = min(w[2] for w in on_spine if w[0] in ("بقعة", "ضوء"))
        author = min(w[2] for w in on_spine if w[0] in ("كاتب", "السلسلة"))
        assert title < author
        # its ink inside the spine's safe zone (0.0625 in, 1.59 mm from each fold)
        pdf = tmp_path / f"cover-{pages}.pdf"
        dpi = 600
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-singlefile", str(pdf), str(tmp_path / "s")], check=True)
        with Image.open(tmp_path / "s.pgm") as im:
            px = dpi / 25.4
            strip = im.crop((int(spine_left * px) - 40, 0, int(spine_right * px) + 40, im.height))
            box = strip.point(lambda v: 255 if v < 128 else 0).getbbox()
        ink_left = (box[0] - 40) / px
        ink_right = (box[2] - 40) / px
        assert ink_left >= 1.58 and (spine_right - spine_left) - ink_right >= 1.58, (ink_left, ink_right)


def test_the_barcode_reads_back_as_the_isbn(loaded, tmp_path):
    config, book = loaded
    pdf = tmp_path / "wrap.pdf"
    pdf.write_bytes(cover_pdf(book, config, 120))
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-singlefile", str(pdf), str(tmp_path / "wrap")], check=True)
    with Image.open(tmp_path / "wrap.png") as im:
        # the back panel only: right of the spine for an Arabic book
        back = im.crop((int((3.175 + 148 + 6.8) / 25.4 * 300), 0, im.width, im.height))
        back.save(tmp_path / "back.png")
    run = subprocess.run(["zbarimg", "-q", "-Sean5.enable", str(tmp_path / "back.png")], capture_output=True, text=True)
    assert set(run.stdout.split()) == {"EAN-13:9780306406157", "EAN-5:52495"}


def test_no_barcode_without_an_isbn(loaded, tmp_path):
    found, _, _ = cover_words(loaded, tmp_path, 120, isbn="")
    assert not [w for w in found if w[0] == "ISBN"]


def test_the_cover_is_pdf_x_without_rgb(loaded):
    config, book = loaded
    pdf = pikepdf.open(__import__("io").BytesIO(cover_pdf(book, config, 120)))
    assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in pdf.Root.Metadata.read_bytes().decode()
    assert operators(pdf).isdisjoint({"rg", "RG"})
    found = fonts(pdf)
    assert found and all(len(programs) == 1 and b"" not in programs for programs in found.values())


def test_build_format_cover_through_the_cli(manuscript, tmp_path):
    run = run_cli("build", "--format", "cover", "-m", str(manuscript), "-o", str(tmp_path))
    assert run.code == 0, run.err
    pdf = pikepdf.open(tmp_path / "buqat-daw-cover.pdf")
    assert len(pdf.pages) == 1
    jpeg = (tmp_path / "buqat-daw-cover.jpg").read_bytes()
    again = run_cli("build", "--format", "cover", "-m", str(manuscript), "-o", str(tmp_path / "again"))
    assert again.code == 0 and (tmp_path / "again" / "buqat-daw-cover.jpg").read_bytes() == jpeg
    with Image.open(tmp_path / "buqat-daw-cover.jpg") as im:
        assert (im.format, im.size, im.mode) == ("JPEG", (1600, 2560), "RGB")
        # the front's design: the frame's accent colour near the edges, ground inside
        assert im.getpixel((800, 1280))[0] > 200


def test_an_invalid_isbn_is_one_line_with_its_line(manuscript, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(manuscript, bad)
    toml = bad / "book.toml"
    toml.write_text(toml.read_text("utf-8").replace(ISBN, "978-0-306-40615-8"), "utf-8")
    run = run_cli("build", "--format", "cover", "-m", str(bad), "-o", str(tmp_path / "out"))
    line = next(i for i, t in enumerate(toml.read_text("utf-8").splitlines(), 1) if t.startswith("isbn"))
    assert run.code == 3
    why = "[book] isbn: wrong check digit 8 (the first 12 digits give 7)"
    assert run.err.strip() == f"warraq: error: {toml}:{line}: {why}"


def test_meta_has_isbn_field():
    assert Meta("t", "a", isbn=ISBN).isbn == ISBN


def test_the_authors_cover_art_fills_the_front_in_cmyk(loaded, tmp_path):
    config, book = loaded
    art = tmp_path / "art.png"
    Image.new("RGB", (600, 900), (30, 80, 160)).save(art)
    config = dataclasses.replace(config, cover=art)
    path = tmp_path / "art.pdf"
    path.write_bytes(cover_pdf(book, config, 60))
    pdf = pikepdf.open(path)
    images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
    assert [str(i.ColorSpace) for i in images] == ["/DeviceCMYK"]
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-singlefile", str(path), str(tmp_path / "art")], check=True)
    with Image.open(tmp_path / "art.png") as im:
        px = 50 / 25.4
        # blue from the sheet's left edge (the bleed) to the spine's fold; the back's ground right of it
        for x_mm in (0.5, 75, 150.5):
            r, g, b = im.convert("RGB").getpixel((int(x_mm * px), im.height // 2))
            assert b > r + 60, (x_mm, (r, g, b))
        r, g, b = im.convert("RGB").getpixel((int(200 * px), im.height // 2))
        assert r > 200 and g > 200, (r, g, b)


def test_the_same_book_gives_the_same_cover_bytes(loaded):
    config, book = loaded
    assert cover_pdf(book, config, 120) == cover_pdf(book, config, 120)


def test_blurb_and_title_sizes():
    from warraq.writers.pdf.cover import BLURB_MAX_MM, BLURB_MIN_MM, blurb_size, title_block

    assert blurb_size("ن" * 300, 112, 138) == (BLURB_MAX_MM, True)  # 13 pt
    size, fits = blurb_size("ن" * 1500, 112, 138)
    assert BLURB_MIN_MM < size < BLURB_MAX_MM and fits
    assert blurb_size("ن" * 5000, 112, 138) == (BLURB_MIN_MM, False)  # a warning, cover-blurb-long
    assert title_block("بقعة ضوء", 148, 210) == (pytest.approx(17.76), 1)
    size, lines = title_block("ن" * 120, 148, 210)
    assert lines > 1 and lines * size * 1.5 <= 0.3 * 210
