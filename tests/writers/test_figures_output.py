"""Figures, tables and lists in the books: the EPUB (EPUBCheck, Ace, its
XHTML and manifest), the PDF (structure tags read back with pikepdf, the
pages' text with poppler) and the findings a build reports."""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from tests.conftest import BOOK_TOML, run_cli
from tests.figure_fixtures import SVG, raster
from tests.writers.epub_fixtures import ACE, CHROMIUM, epubcheck
from warraq.pipeline import BuildOptions, build

ROWS = "\n".join(f"| {1900 + n} | حدث رقم {n} في تاريخ المدينة | {1000 * n} | ملاحظة |" for n in range(1, 46))
MD = f"""\
---
number: 1
title: مقالة بالصور (١)
---

فقرة أولى قبل الصورة.

![خريطة المدينة القديمة](../images/map.jpg "المدينة القديمة كما رسمها الرحالة")

| السنة | الحدث | عدد السكان | ملاحظات |
|:--|:--:|--:|--|
{ROWS}

3. النقطة الثالثة
4. النقطة الرابعة
   - فرع أول
   - فرع ثان

![](../images/diagram.svg "رسم بياني")
"""
TXT = """\
مقالة نصية (٢)
قال الكاتب في مقدمته كلاما.
وأهم ما في الأمر ثلاث نقاط:
أ- الأولى في الأدب
ب- الثانية في التاريخ
ج- الثالثة في الفقه
[صورة: images/small.png | مربع برتقالي] صورة صغيرة
[صورة: images/map.jpg | خريطة المدينة القديمة] الخريطة مرة ثانية
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, list]:
    work = tmp_path_factory.mktemp("figures")
    root = work / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "book.toml").write_text(BOOK_TOML.format(extra=""), "utf-8")
    (root / "sources.toml").write_text("", "utf-8")
    (root / "images" / "map.jpg").write_bytes(raster("JPEG", (2400, 1500), (200, 220, 240)))
    (root / "images" / "small.png").write_bytes(raster("PNG", (400, 300)))
    (root / "images" / "diagram.svg").write_bytes(SVG)
    (root / "parts" / "01.md").write_text(MD, "utf-8")
    (root / "parts" / "02.txt").write_text(TXT, "utf-8")
    out = work / "out"
    result = build(root, out, BuildOptions(formats=("epub", "pdf")))
    return root, out, result.findings


def xhtml(out: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(out / "test-book.epub") as z:
        return etree.fromstring(z.read(f"EPUB/text/{name}"))


NS = {"h": "http://www.w3.org/1999/xhtml", "opf": "http://www.idpf.org/2007/opf"}


def test_epub_pictures_stored_once_with_media_types(built):
    _, out, _ = built
    with zipfile.ZipFile(out / "test-book.epub") as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
        names = z.namelist()
    items = {i.get("href"): i.get("media-type") for i in opf.iterfind(".//opf:item", NS)}
    figures = {h: t for h, t in items.items() if h.startswith("images/fig-")}
    # map.jpg twice (two parts), small.png, the SVG: three files
    assert sorted(figures.values()) == ["image/jpeg", "image/png", "image/svg+xml"]
    assert all(f"EPUB/{h}" in names for h in figures)


def test_epub_xhtml_figure_table_list(built):
    _, out, _ = built
    doc = xhtml(out, "part-001.xhtml")
    fig = doc.find(".//h:figure", NS)
    img, caption = fig.find("h:img", NS), fig.find("h:figcaption", NS)
    assert img.get("alt") == "خريطة المدينة القديمة" and img.get("src").startswith("../images/fig-")
    assert "".join(caption.itertext()) == "المدينة القديمة كما رسمها الرحالة"
    table = doc.find(".//h:table", NS)
    heads = table.findall("h:thead/h:tr/h:th", NS)
    assert [h.text for h in heads] == ["السنة", "الحدث", "عدد السكان", "ملاحظات"]
    assert {h.get("scope") for h in heads} == {"col"}
    assert len(table.findall("h:tbody/h:tr", NS)) == 45
    ol = doc.find(".//h:ol", NS)
    assert ol.get("start") == "3"
    assert [li.find("h:span", NS).text for li in ol.findall("h:li", NS)] == ["٣-", "٤-"]
    assert ol.find("h:li/h:ul", NS) is not None  # nested in its item
    # the SVG without a description: its caption is the alt text
    assert doc.findall(".//h:img", NS)[1].get("alt") == "رسم بياني"
    # reading order: figure, table, list, figure
    order = [el.tag.split("}")[1] for el in doc.find(".//h:section", NS) if el.tag.split("}")[1] != "h1"]
    assert order == ["p", "figure", "table", "ol", "figure"]


def test_epub_abjad_list_from_text_part(built):
    _, out, _ = built
    doc = xhtml(out, "part-002.xhtml")
    markers = [s.text for s in doc.iterfind(".//h:ol/h:li/h:span", NS)]
    assert markers == ["أ-", "ب-", "ج-"]
    # one picture file for the map of both parts
    srcs = [i.get("src") for i in doc.iterfind(".//h:img", NS)]
    first = xhtml(out, "part-001.xhtml").find(".//h:img", NS).get("src")
    assert srcs[1] == first


def test_epub_list_of_figures(built):
    """Four captioned figures: a list of figures in the navigation document,
    each entry a link to its figure; no captioned table, no list of tables."""
    _, out, _ = built
    nav = xhtml(out, "nav.xhtml")
    epub_type = "{http://www.idpf.org/2007/ops}type"
    loi = [n for n in nav.iterfind(".//h:nav", NS) if n.get(epub_type) == "loi"]
    assert [n.get(epub_type) for n in nav.iterfind(".//h:nav", NS)].count("lot") == 0
    links = [(a.text, a.get("href")) for a in loi[0].iterfind(".//h:a", NS)]
    assert [text for text, _ in links] == [
        "المدينة القديمة كما رسمها الرحالة",
        "رسم بياني",
        "صورة صغيرة",
        "الخريطة مرة ثانية",
    ]
    for _, href in links:
        name, target = href.split("#")
        assert xhtml(out, name).find(f".//*[@id='{target}']", NS).tag.endswith("figure")


def test_epubcheck_clean(built):
    _, out, _ = built
    bad = [(m["ID"], m["message"]) for m in epubcheck(out / "test-book.epub") if m["severity"] != "USAGE"]
    assert bad == []


def test_ace_clean(built, tmp_path):
    _, out, _ = built
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM)}
    proc = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(tmp_path / "ace"), str(out / "test-book.epub")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((tmp_path / "ace" / "report.json").read_text("utf-8"))
    violations = [a["earl:test"]["dct:title"] for doc in report["assertions"] for a in doc["assertions"]]
    assert violations == [] and report["earl:result"]["earl:outcome"] == "pass"


def _tree(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Dictionary]]:
    out: list[tuple[int, pikepdf.Dictionary]] = []

    def walk(node, depth):
        if "/S" in node:
            out.append((depth, node))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid, depth + 1)

    walk(pdf.Root.StructTreeRoot, 0)
    return out


def test_pdf_structure(built):
    _, out, _ = built
    pdf = pikepdf.open(out / "test-book.pdf")
    tree = _tree(pdf)
    tags = [str(node.S) for _, node in tree]
    alts = [str(node.get("/Alt")) for _, node in tree if node.S == "/Figure"]
    assert alts == ["خريطة المدينة القديمة", "رسم بياني", "مربع برتقالي", "خريطة المدينة القديمة"]
    scopes = [str(node.A.Scope) for _, node in tree if node.S == "/TH"]
    assert scopes and set(scopes) == {"/Column"}
    for tag in ("/Table", "/THead", "/TBody", "/TR", "/TD", "/L", "/LI", "/Lbl", "/LBody", "/Caption"):
        assert tag in tags, tag
    # every LI holds a label and a body, but the 4 entries of the list of
    # figures at the back (render/apparatus.py), unmarked like an index's
    unlabelled = []
    for _, node in tree:
        if node.S == "/LI":
            kids = [str(k.S) for k in node.K if isinstance(k, pikepdf.Dictionary)]
            if kids[:2] != ["/Lbl", "/LBody"]:
                unlabelled.append(kids)
    assert unlabelled == [["/LBody"]] * 4


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    return text.split("\f")


def test_pdf_header_rows_repeat_and_numbers(built):
    _, out, _ = built
    pages = _pages_text(out / "test-book.pdf")
    with_rows = [p for p in pages if "حدث رقم" in p]
    assert len(with_rows) >= 2  # 45 rows cross a page
    assert all("عدد السكان" in p for p in with_rows)  # the header row on each
    body = "\n".join(pages)
    # the list starts at 3, its numbers in the book's digits (poppler gives
    # the marker's characters in either order), and the abjad list's letters
    for marker in ("٣", "٤", "أ", "ب", "ج"):
        assert re.search(rf"{marker}\W{{0,3}}-|-\W{{0,3}}{marker}", body), marker


def test_findings_resolution_and_alt(built):
    _, _, findings = built
    soft = [f for f in findings if f.rule == "figure-low-resolution"]
    assert [str(f.prov) for f in soft] == ["ms/parts/02.txt:7"]  # the 400 px picture, not the 2400 px map
    assert "88 pixels per inch" in str(soft[0].message)  # 400 px over 148 - 33 = 115 mm
    (no_alt,) = [f for f in findings if f.rule == "figure-no-alt"]
    assert str(no_alt.prov) == "ms/parts/01.md:63"  # 4 front matter, 45 rows from line 12


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("bad.png", raster("JPEG"), "is a JPEG image but its name says .png"),
        ("cut.jpg", raster("JPEG", (900, 700))[:3000], "truncated"),
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>', "<script>"),
    ],
)
def test_bad_picture_is_one_line_and_nothing_written(tmp_path, name, data, said):
    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(BOOK_TOML.format(extra=""), "utf-8")
    (root / name).write_bytes(data)
    (root / "parts" / "01.txt").write_text(f"مقالة (١)\nنص.\n[صورة: {name} | وصف]\n", "utf-8")
    out = tmp_path / "out"
    r = run_cli("build", "-m", str(root), "-o", str(out), "-f", "epub", "-f", "pdf")
    assert r.code == 2
    lines = [ln for ln in r.err.strip().splitlines() if "error" in ln]  # (not the progress lines)
    assert len(lines) == 1 and "ms/parts/01.txt:3" in lines[0] and said in lines[0] and name in lines[0]
    assert "Traceback" not in r.err
    assert not list(out.glob("*.epub")) and not list(out.glob("*.pdf"))
