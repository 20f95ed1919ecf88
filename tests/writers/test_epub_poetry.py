"""Verse in the EPUB (issue 23): semantic markup (a bayt a row of two
hemistichs, ṣadr first), EPUBCheck and Ace clean, and in headless Chromium
the halves side by side (ṣadr on the right, of one width) on a wide screen
and stacked, the ʿajuz set in, on a narrow one."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.writers.epub_fixtures import ACE, CHROMIUM, epubcheck
from tests.writers.test_pdf_poetry import MUTANABBI, PARAGRAPH_HALF, SPLIT, part_text

MD_PART = """# بقعة ضوء (٢)

قال الشاعر:

```شعر
على قدر أهل العزم تأتي العزائم *** وتأتي على قدر الكرام المكارم
بيت مشطور وحده
```
"""


# a ```شعر block holding a half as long as a paragraph among ordinary bayts
LONG_PART = (
    "# بقعة ضوء (٣)\n\n```شعر\n"
    + " *** ".join(MUTANABBI[0])
    + f"\n{PARAGRAPH_HALF} *** عجز قصير هنا\n"
    + " *** ".join(MUTANABBI[1])
    + "\n```\n"
)


@pytest.fixture(scope="module")
def epub(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("epub-poetry")
    root = work / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text((ROOT / "manuscript" / "book.toml").read_text("utf-8"), "utf-8")
    (root / "sources.toml").write_text("", "utf-8")
    (root / "parts" / "01-shir.txt").write_text(part_text(), "utf-8")
    (root / "parts" / "02-shir.md").write_text(MD_PART, "utf-8")
    (root / "parts" / "03-shir.md").write_text(LONG_PART, "utf-8")
    (work / "styles").mkdir()
    run = run_cli("build", "--format", "epub", "-m", str(root), "-o", str(work / "out"))
    assert run.code == 0, run.err
    (built,) = (work / "out").glob("*.epub")
    with zipfile.ZipFile(built) as z:
        z.extractall(work / "book")
    return built


def chapter(epub: Path, n: int) -> Path:
    return next((epub.parent.parent / "book" / "EPUB" / "text").glob(f"part-{n:03d}.xhtml"))


def test_markup_bayt_rows_sadr_first_no_separator(epub):
    xhtml = chapter(epub, 1).read_text("utf-8")
    sadr, ajuz = MUTANABBI[0]
    row = f'<span class="hemistich sadr">{sadr}</span> <span class="hemistich ajuz">{ajuz}</span>'
    assert f'<div class="bayt">{row}</div>' in xhtml
    assert f'<span class="hemistich sadr">{SPLIT[0]}</span>' in xhtml  # the split word as the poet split it
    assert "***" not in xhtml and 'style="width' not in xhtml  # widths are for print only
    lone = chapter(epub, 2).read_text("utf-8")
    assert '<div class="bayt mashtur"><span class="hemistich sadr">بيت مشطور وحده</span></div>' in lone


def test_epubcheck_and_ace_clean(epub, tmp_path):
    bad = [(m["ID"], m["message"]) for m in epubcheck(epub) if m["severity"] not in ("USAGE",)]
    assert bad == []
    assert ACE.exists(), "Ace is not installed: `make test` installs it into .tools/ace"
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM)}
    proc = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(tmp_path / "ace"), str(epub)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((tmp_path / "ace" / "report.json").read_text("utf-8"))
    violations = [a["earl:test"]["dct:title"] for doc in report["assertions"] for a in doc["assertions"]]
    assert violations == []


BOXES = """
(() => [...document.querySelectorAll("div.poem")].map(poem => [...poem.querySelectorAll("div.bayt")].map(bayt =>
  [...bayt.querySelectorAll(".hemistich")].map(h => {
    const r = h.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  }))))()
"""


@pytest.mark.parametrize("width", [700, 320])
def test_chromium_side_by_side_or_stacked(epub, width):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(chapter(epub, 1).as_uri())
            page.evaluate("document.fonts.ready")
            poems = page.evaluate(BOXES)
            page.screenshot(path=str(ROOT / "build" / f"epub-poem-{width}.png"), full_page=False)
        finally:
            browser.close()
    first = poems[0]  # «كما قال المتنبي:» and two bayts
    assert len(first) == 2
    for sadr, ajuz in first:
        if width == 700:
            assert abs(sadr["top"] - ajuz["top"]) < 1  # one row
            assert sadr["left"] > ajuz["right"]  # the ṣadr on the right, a gap between
            assert sadr["left"] - ajuz["right"] > 15
        else:
            assert ajuz["top"] >= sadr["bottom"] - 1  # stacked
            assert ajuz["right"] < sadr["right"] - 15  # the ʿajuz set in
    if width == 700:
        widths = [h["right"] - h["left"] for bayt in first for h in bayt]
        assert max(widths) - min(widths) < 1  # one width for every half of the poem


@pytest.mark.parametrize("width", [700, 320])
def test_chromium_a_paragraph_long_half_stacks_its_bayt_only_within_the_page(epub, width):
    """The long bayt is stacked (class `stacked`), its halves wrapping inside
    the page; the ordinary bayts of the poem stay side by side on a wide
    screen, of one width."""
    from playwright.sync_api import sync_playwright

    xhtml = chapter(epub, 3).read_text("utf-8")
    assert xhtml.count('<div class="bayt stacked">') == 1
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(chapter(epub, 3).as_uri())
            page.evaluate("document.fonts.ready")
            (poem,) = page.evaluate(BOXES)
            inner = page.evaluate("document.documentElement.clientWidth")
        finally:
            browser.close()
    halves = [h for bayt in poem for h in bayt]
    assert all(h["left"] >= 0 and h["right"] <= inner for h in halves)  # nothing past the page
    long_sadr, short_ajuz = poem[1]
    assert short_ajuz["top"] >= long_sadr["bottom"] - 1  # stacked
    assert long_sadr["bottom"] - long_sadr["top"] > 40  # the long half wraps
    if width == 700:
        for sadr, ajuz in (poem[0], poem[2]):
            assert abs(sadr["top"] - ajuz["top"]) < 1 and sadr["left"] > ajuz["right"]
        widths = [h["right"] - h["left"] for bayt in (poem[0], poem[2]) for h in bayt]
        assert max(widths) - min(widths) < 1
