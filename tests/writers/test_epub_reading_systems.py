"""The EPUB in reading systems beyond the validators (issue 13, items 13-15):
the direction on `<body>` (calibre's Kindle conversion keeps only that one),
the NCX's true depth, and nothing of the notes left on the page by readers
that hide footnotes (Apple Books, foliate-js)."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from tests.conftest import BOOK_TOML, run_cli
from tests.writers.epub_fixtures import CHROMIUM, Built, default_book_epub
from warraq.writers.epub import ncx_depth

XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


@pytest.fixture(scope="session")
def default_epub(tmp_path_factory) -> Built:
    return default_book_epub(tmp_path_factory)


def documents(built: Built) -> dict[str, etree._Element]:
    return {
        name: etree.fromstring(built.read(name))
        for name in built.names()
        if name.endswith(".xhtml") and name.startswith("EPUB/")
    }


def test_body_carries_direction_and_language(default_epub):
    docs = documents(default_epub)
    assert len(docs) >= 5
    for name, root in docs.items():
        body = root.find(f"{XHTML}body")
        assert (body.get("dir"), body.get("lang"), body.get(XML_LANG)) == ("rtl", "ar", "ar"), name
        assert (root.get("dir"), root.get("lang")) == ("rtl", "ar"), name


def test_ncx_depth_is_the_contents_depth(default_epub):
    root = etree.fromstring(default_epub.read("EPUB/toc.ncx"))
    depth = next(m.get("content") for m in root.iter(f"{NCX}meta") if m.get("name") == "dtb:depth")
    # the default book: its part, with its sections under it
    nested = root.findall(f"{NCX}navMap/{NCX}navPoint/{NCX}navPoint")
    assert nested, "the part's sections are nested under it"
    assert depth == "2"


@pytest.mark.parametrize(
    ("points", "expected"),
    [("", 0), ("<navPoint/><navPoint/>", 1), ("<navPoint><navPoint><navPoint/></navPoint></navPoint><navPoint/>", 3)],
)
def test_ncx_depth(points, expected):
    xml = f'<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>{points}</navMap></ncx>'
    assert ncx_depth(etree.fromstring(xml)) == expected


# what Apple Books and foliate-js do with footnotes: hide the asides
HIDE_FOOTNOTES = """
(() => {
  const OPS = "http://www.idpf.org/2007/ops";
  for (const aside of document.querySelectorAll("aside")) {
    if ((aside.getAttributeNS(OPS, "type") || "").split(/\\s+/).includes("footnote")) aside.style.display = "none";
  }
})()
"""
NOTES_BOX = """
(() => {
  const notes = document.querySelector("section.notes");
  const first = notes.querySelector("aside");
  const style = getComputedStyle(notes);
  return {
    height: notes.getBoundingClientRect().height,
    margin: parseFloat(style.marginTop) + parseFloat(style.marginBottom),
    border: parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth),
    rule: parseFloat(getComputedStyle(first, "::before").borderTopWidth),
    rule_width: parseFloat(getComputedStyle(first, "::before").width),
    width: notes.getBoundingClientRect().width,
  };
})()
"""


def test_hidden_footnotes_leave_no_rule_nor_space(default_epub, tmp_path):
    from playwright.sync_api import sync_playwright

    with zipfile.ZipFile(default_epub.epub) as z:
        z.extractall(tmp_path / "book")
    chapter = next((tmp_path / "book" / "EPUB" / "text").glob("part-*.xhtml"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 600, "height": 900})
            page.goto(chapter.as_uri())
            shown = page.evaluate(NOTES_BOX)
            page.evaluate(HIDE_FOOTNOTES)
            hidden = page.evaluate(NOTES_BOX)
        finally:
            browser.close()
    # shown, the notes stand under their rule: a short one, as Arabic books set it
    assert shown["rule"] > 0 and shown["height"] > 20, shown
    assert 0.2 * shown["width"] < shown["rule_width"] < 0.4 * shown["width"], shown
    # hidden, the notes section draws nothing and takes no room
    assert hidden["height"] == 0 and hidden["margin"] == 0 and hidden["border"] == 0, hidden


def test_headings_without_colon_and_verses_in_ornate_brackets(default_epub):
    """Typed `الدعوة الإسلامية:` and `{إنك ميت وإنهم ميتون}` (manuscript
    lines 2 and 9): the EPUB's part sets them `الدعوة الإسلامية` and ﴿…﴾."""
    chapter = next(root for name, root in documents(default_epub).items() if "/part-" in name)
    headings = ["".join(h.itertext()) for h in chapter.iter(f"{XHTML}h2", f"{XHTML}h3")]
    assert "الدعوة الإسلامية" in headings
    assert headings and not [h for h in headings if h.rstrip().endswith(":")]
    text = "".join(chapter.itertext())
    assert "﴿إنك ميت وإنهم ميتون﴾" in text and "{" not in text


EMPHASIS_PART = """\
---
number: 1
title: الجزء الأول (1)
---
كلام فيه *تنبيه مهم* للقارئ، وعنوان كتاب بالإنجليزية *The Great Arab Conquests* بعده.

وللحديث بقية إن شاء الله
"""


def test_no_arabic_italic_in_the_epub(tmp_path):
    """Emphasis in Arabic is bold, a Latin run keeps its italic, the
    sign-off is upright (Chromium's computed style of the EPUB's chapter)."""
    from playwright.sync_api import sync_playwright

    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(BOOK_TOML.format(extra=""), "utf-8")
    (root / "parts" / "01.md").write_text(EMPHASIS_PART, "utf-8")
    run = run_cli("build", "--format", "epub", "-m", str(root), "-o", str(tmp_path / "out"))
    assert run.code == 0, run.err
    with zipfile.ZipFile(tmp_path / "out" / "test-book.epub") as z:
        z.extractall(tmp_path / "book")
    chapter = next((tmp_path / "book" / "EPUB" / "text").glob("part-*.xhtml"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(chapter.as_uri())
            styles = page.evaluate(
                """[...document.querySelectorAll("em, p.sign-off")].map(e => {
                  const s = getComputedStyle(e.querySelector("bdi") || e);
                  return [e.textContent, s.fontStyle, s.fontWeight];
                })"""
            )
        finally:
            browser.close()
    by_text = {text: (style, weight) for text, style, weight in styles}
    assert by_text["تنبيه مهم"] == ("normal", "700")
    assert by_text["The Great Arab Conquests"][0] == "italic"
    assert by_text["وللحديث بقية إن شاء الله"][0] == "normal"
