"""The printer's interior (`--profile print`): PDF/X with a CMYK output
intent, no RGB, fonts embedded with one program per subset name, every mark
of ink inside the safe margin, the gutter from the page count, no crop
marks, the printers' limits as warnings.  Built through the real CLI."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace as dataclass_replace
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import MANUSCRIPT, ROOT, run_cli
from tests.print.press_reading import MM, content_streams, fonts, ink_margins, operators
from warraq.config import PrintSettings
from warraq.publishing.printspec import OUTER_MM, OVERHANG_MM, gutter_mm
from warraq.writers.pdf.pdfx import DEFAULT_ICC
from warraq.writers.pdf.typeset import press_css, variant


def build(tmp: Path, name: str, toml_extra: str = "", profile: str = "print") -> Path:
    work = tmp / name
    shutil.copytree(MANUSCRIPT, work / "manuscript")
    shutil.copytree(ROOT / "styles", work / "styles")
    with (work / "manuscript" / "book.toml").open("a", encoding="utf-8") as fh:
        fh.write(toml_extra)  # under [print], the file's last table
    manuscript, out = str(work / "manuscript"), str(work / "out")
    run = run_cli("build", "--format", "pdf", "--profile", profile, "-m", manuscript, "-o", out)
    assert run.code == 0, run.err
    return work / "out" / "buqat-daw.pdf"


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("press")
    return {
        "parallel": build(tmp, "parallel"),
        "again": build(tmp, "again"),
        "single": build(tmp, "single", 'engine = "single"\n'),
        "x1a": build(tmp, "x1a", 'print_variant = "pdf/x-1a"\n'),
        "screen": build(tmp, "screen", profile="screen"),
    }


@pytest.mark.parametrize("engine", ["parallel", "single"])
def test_pdf_x4_with_a_cmyk_output_intent(books, engine):
    pdf = pikepdf.open(books[engine])
    intent = pdf.Root.OutputIntents[0]
    assert intent.S == "/GTS_PDFX" and intent.Type == "/OutputIntent"
    profile = intent.DestOutputProfile
    icc = profile.read_bytes()
    assert profile.N == 4 and icc[36:40] == b"acsp" and icc[16:20] == b"CMYK"
    assert str(intent.OutputConditionIdentifier) == "Artifex CMYK SWOP Profile"
    # one profile in the file (not one per typeset part), the profile file's own bytes
    assert icc == DEFAULT_ICC.read_bytes()
    assert [o.objgen for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/N") == 4] == [profile.objgen]
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert pdf.docinfo.Trapped == "/False" and pdf.pdf_version == "1.6"
    for page in pdf.pages:
        assert "/TrimBox" in page.obj
        assert "/Annots" not in page.obj  # PDF/X: no link inside the bleed box
        # no crop marks, no bleed: the sheet is the trim (A5)
        assert [round(float(v) / MM, 1) for v in page.MediaBox] == [0, 0, 148, 210]
        assert list(page.MediaBox) == list(page.TrimBox)


def test_pdf_x1a_when_asked(books):
    pdf = pikepdf.open(books["x1a"])
    assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1a:2003"
    assert pdf.pdf_version == "1.4"
    assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
    assert not any(isinstance(o, pikepdf.Stream) and o.get("/Type") == "/ObjStm" for o in pdf.objects)


@pytest.mark.parametrize("engine", ["parallel", "single", "x1a"])
def test_no_rgb_colour_left(books, engine):
    pdf = pikepdf.open(books[engine])
    ops = operators(pdf)
    assert ops.isdisjoint({"rg", "RG", "sc", "scn", "SC", "SCN"}), ops
    assert "g" in ops  # text and rules in grey: black is K only
    for stream in content_streams(pdf):
        assert b"DeviceRGB" not in stream.read_bytes()
    # black text is pure black
    greys = {float(o[0]) for s in content_streams(pdf) for o, op in pikepdf.parse_content_stream(s) if str(op) == "g"}
    assert 0 in greys


@pytest.mark.parametrize("engine", ["parallel", "single", "screen"])
def test_fonts_embedded_one_program_per_subset_name(books, engine):
    found = fonts(pikepdf.open(books[engine]))
    assert found
    for name, programs in found.items():
        assert "+" in name and len(name.split("+")[0]) == 6, name
        assert len(programs) == 1 and b"" not in programs, name  # embedded, one program


def test_every_ink_mark_inside_the_safe_margin(books):
    margins = ink_margins(books["parallel"])
    inked = [m for m in margins if m is not None]
    assert len(inked) >= 10
    for number, m in enumerate(margins, 1):
        if m is not None:
            assert min(m) >= 12.7, (number, m)
    # the running heads and folios are there to measure: pages 8-14 have ink within 16 mm of top and bottom
    assert any(m is not None and m[1] < 16 and m[3] < 16 for m in margins)


def test_the_gutter_from_the_page_count(books):
    pdf = pikepdf.open(books["parallel"])
    pages = len(pdf.pages)
    inside = OUTER_MM + gutter_mm(pages)  # 14 + 9.525 (24-150 pages: 0.375 in)
    margins = ink_margins(books["parallel"])
    # page 1 is a left page, bound on its right: the inside is on the right of odd pages
    insides = [m[2] if n % 2 else m[0] for n, m in enumerate(margins, 1) if m is not None and n >= 7]
    assert min(insides) >= inside - OVERHANG_MM
    assert min(insides) < inside + 2  # the text block reaches it


def test_press_css_gutter_bands():
    settings = PrintSettings()
    assert "margin-right: 23.52mm" in press_css(settings, gutter_mm(100))  # 14 + 9.525
    assert "margin-right: 36.22mm" in press_css(settings, gutter_mm(800))  # 14 + 22.225
    assert variant(settings, "print") == "pdf/x-4" and variant(settings, "screen") == "pdf/ua-1"


def test_reproducible(books):
    digest = [hashlib.sha256(books[k].read_bytes()).hexdigest() for k in ("parallel", "again")]
    assert digest[0] == digest[1]


def test_printer_limits_are_warnings(books):
    report = json.loads((books["parallel"].parent / "report.json").read_text("utf-8"))
    limits = [f["message"] for f in report["findings"] if f["rule"] == "print-limit"]
    assert any("at least 24" in m for m in limits)  # the default book is short
    assert any("does not offer" in m for m in limits)  # A5 is not a KDP trim
    trim = next(f for f in report["findings"] if "does not offer" in f["message"])
    toml = (books["parallel"].parent.parent / "manuscript" / "book.toml").read_text("utf-8").splitlines()
    assert trim["file"].endswith("book.toml") and toml[trim["line"] - 1].startswith('trim = "A5"')


@pytest.mark.parametrize(
    ("pages_by_gutter", "guess", "gutter", "runs"),
    [
        ({9.525: 120}, 0, 9.525, 1),  # no earlier build: the first band, and it holds
        ({9.525: 160, 12.7: 170}, 0, 12.7, 2),  # the count moves the book to the next band
        ({12.7: 148, 9.525: 152}, 200, 12.7, 2),  # on the edge either way: the larger gutter
        ({15.875: 120, 9.525: 120}, 400, 9.525, 2),  # a shorter book than the last build
    ],
)
def test_the_gutter_settles_on_the_page_count(monkeypatch, tmp_path, pages_by_gutter, guess, gutter, runs):
    """print_interior typesets again while the page count lands in another
    band of the table; the book is typeset by a stand-in giving N pages."""
    import io as _io

    from warraq.config import Config
    from warraq.model import Book, Meta
    from warraq.writers.pdf import writer as pdf_writer

    calls = []

    def fake(book, config, profile, out, g):
        calls.append(round(g, 3))
        doc = pikepdf.new()
        for _ in range(pages_by_gutter[round(g, 3)]):
            doc.add_blank_page()
        buf = _io.BytesIO()
        doc.save(buf)
        return buf.getvalue(), []

    monkeypatch.setattr(pdf_writer, "typeset_book", fake)
    monkeypatch.setattr(pdf_writer, "press", lambda data, *_: data)
    (tmp_path / ".cache").mkdir()
    if guess:
        (tmp_path / ".cache" / pdf_writer.PRINT_PAGES).write_text(json.dumps({"pages": guess}))
    config = Config(root=tmp_path, meta=Meta("t", "a"), parts_dir=tmp_path, styles_dir=None)
    config = dataclass_replace(config, print=dataclass_replace(config.print, service="none"))
    data, pages, _ = pdf_writer.print_interior(Book(Meta("t", "a"), ()), config, tmp_path)
    assert len(calls) == runs and gutter in calls
    assert pages == pages_by_gutter[gutter] and len(pikepdf.open(_io.BytesIO(data)).pages) == pages


def test_the_trim_warning_points_at_book_toml_in_arabic_too(tmp_path):
    # the finding's place was found by reading its English words: an Arabic
    # user's warning lost its book.toml line
    from warraq.config import load_config
    from warraq.i18n import set_language
    from warraq.writers.pdf.writer import limit_findings

    shutil.copytree(MANUSCRIPT, tmp_path / "manuscript")
    shutil.copytree(ROOT / "styles", tmp_path / "styles")
    config = load_config(tmp_path / "manuscript")  # the default book: trim A5, not a KDP size
    set_language("ar")
    trim = [f for f in limit_findings(config, 100) if f.message.msgid.startswith("trim")]
    assert trim and "لا تقدّمه" in trim[0].message
    toml = config.book_file.read_text("utf-8").splitlines()
    assert toml[trim[0].prov.line - 1].startswith('trim = "A5"')
