"""The preview speaks the book's language: the static proof of the default
(Arabic) book, made by the real CLI run in English, opens in Arabic, right
to left, its Latin parts (file:line, rule ids) isolated; the reader's
switch to English (and back) needs no rebuild and is remembered.  Headless
Chromium reads the panel and looks for English words where none belong.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import MANUSCRIPT, ROOT, run_cli
from warraq.i18n import ARABIC_DIGITS, LANGS, strip_isolates
from warraq.writers.preview import PLURAL_SAMPLES, UI, ui_language, ui_strings

from .conftest import SHOTS

READY = "html[data-proof-ready]"
MESSAGES = """[...document.querySelectorAll('#proof-panel li.finding')]
    .map(li => [+li.dataset.index, li.querySelector('.message').textContent])"""
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
# names the glossary keeps in Latin inside an Arabic sentence
KEPT_IN_LATIN = {"warraq", "EPUB", "PDF", "HTML", "ISBN", "JSON", "TOML", "UTF", "CSS", "KDP", "WeasyPrint", "Hunspell"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# what the panel shows in Latin on purpose: file:line, rule ids, kind ids
LATIN_PARTS = ".rule, .where, .kind-id, bdi[dir=ltr]"


def english_words(text: str) -> list[str]:
    """The Latin words of `text` a reader of Arabic should not meet: not
    those inside an isolated run (a parameter: a file, an id, a key, a
    quotation), not the names kept in Latin, not single letters."""
    previous = None
    while previous != text:  # innermost isolate first, then what held it
        previous = text
        text = re.sub(f"[{LRI}{RLI}{FSI}][^{LRI}{RLI}{FSI}{PDI}]*{PDI}", " ", text)
    return [w for w in LATIN_WORD.findall(text) if len(w) > 1 and w not in KEPT_IN_LATIN]


def untranslated(finding: dict) -> bool:
    """A finding whose Arabic message is its English one (a message not yet
    through gettext, or without an Arabic entry): the same words, but for
    the digits and isolates the Arabic rendering adds."""
    western = {v: k for k, v in ARABIC_DIGITS.items()}
    ar, en = (strip_isolates(finding["messages"][lang]).translate(western) for lang in ("ar", "en"))
    return ar == en


def test_english_words_are_found_outside_isolates_only():
    assert english_words("footnote added to «نص»") == ["footnote", "added", "to"]
    assert english_words(f"أُضيفت حاشية إلى {FSI}نص (The Great Conquests, 2007){PDI}") == []
    assert english_words(f"في {LRI}parts/04.txt:3{PDI} ملف PDF") == []
    assert english_words("a b") == []


@pytest.fixture(scope="module")
def proof(tmp_path_factory):
    """`warraq preview --static` of the default book, the CLI in English."""
    import shutil

    root = tmp_path_factory.mktemp("lang")
    shutil.copytree(MANUSCRIPT, root / "manuscript")
    shutil.copytree(ROOT / "styles", root / "styles")
    result = run_cli("preview", "-m", str(root / "manuscript"), "--static", str(root / "proof"))
    assert result.code == 0, result.err
    return root / "proof" / "index.html"


@pytest.fixture
def opened(proof, page):
    page.goto(proof.as_uri())
    page.wait_for_selector(READY)
    page.evaluate("document.fonts.ready")
    return page


def panel_text(page, without: str = LATIN_PARTS) -> str:
    return page.evaluate(
        """(without) => { const p = document.querySelector('#proof-panel').cloneNode(true);
        p.querySelectorAll(without).forEach(n => n.remove()); return p.textContent; }""",
        without,
    )


def findings(page) -> list[dict]:
    return json.loads(page.evaluate("document.getElementById('warraq-proof').textContent"))["findings"]


def test_the_panel_of_an_arabic_book_is_arabic_and_right_to_left(opened):
    page = opened
    for node in ("#proof-panel", "#proof-bar"):
        assert page.evaluate(f"document.querySelector('{node}').lang") == "ar"
        assert page.evaluate(f"getComputedStyle(document.querySelector('{node}')).direction") == "rtl"
    assert page.evaluate("document.querySelector('#proof-panel h2').textContent") == "ملاحظات التدقيق"
    # the panel's own words (all but the findings' messages): no English word
    chrome = panel_text(page, LATIN_PARTS + ", .message") + page.evaluate(
        "document.getElementById('proof-bar').innerText"
    )
    assert english_words(chrome.replace("English", "")) == [], chrome  # the switch names the other language
    # the Latin parts are isolated left to right
    parts = page.evaluate(
        """() => [...document.querySelectorAll('#proof-panel .where, #proof-panel .rule, #proof-panel .kind-id')]
        .map(n => [n.tagName, getComputedStyle(n).direction, getComputedStyle(n).unicodeBidi])"""
    )
    assert parts and all(p == ["BDI", "ltr", "isolate"] for p in parts), parts
    # the switch offers English, in English
    assert page.evaluate("document.querySelector('.lang-switch').textContent") == "English"
    assert page.errors == []


def test_no_english_word_in_the_arabic_panel_outside_paths_and_ids(opened):
    """The issue's test.  Finding messages are translated by several
    engineers at once; `untranslated` names a message still without Arabic."""
    page = opened
    data = findings(page)
    shown = page.evaluate(
        f"""() => [...document.querySelectorAll('#proof-panel li.finding')].map(li => {{
        const c = li.cloneNode(true); c.querySelectorAll('{LATIN_PARTS}').forEach(n => n.remove());
        return [+li.dataset.index, c.textContent]; }})"""
    )
    assert len(shown) == len(data) > 0
    offenders = {i: english_words(text) for i, text in shown if english_words(text)}
    report = [(data[i]["messages"]["ar"], words, untranslated(data[i])) for i, words in offenders.items()]
    assert offenders == {}, report


def test_the_reader_switches_to_english_and_back_remembered(opened, page):
    page.screenshot(path=str(SHOTS / "preview-panel-ar.png"))
    data = findings(page)
    removed = page.evaluate("document.querySelector('.removed-label').textContent")
    assert removed == "حُذف لأنه مكرر (٣٩ كتلة)"  # 39 blocks: Arabic's "many" form (11-99), from the catalog

    page.click(".lang-switch")
    assert page.evaluate("document.querySelector('#proof-panel').lang") == "en"
    assert page.evaluate("getComputedStyle(document.querySelector('#proof-panel')).direction") == "ltr"
    assert page.evaluate("document.querySelector('#proof-panel h2').textContent") == "Proof-reading notes"
    assert page.evaluate("document.querySelector('.removed-label').textContent") == "removed as a repeat (39 blocks)"
    assert page.evaluate("document.querySelector('.lang-switch').textContent") == "العربية"
    messages = page.evaluate(MESSAGES)
    assert all(text == data[i]["messages"]["en"] for i, text in messages)
    counts = page.evaluate("[...document.querySelectorAll('#proof-panel .kinds .count')].map(n => n.textContent)")
    assert counts and all(re.fullmatch("[0-9]+", c) for c in counts), counts
    page.screenshot(path=str(SHOTS / "preview-panel-en.png"))

    page.reload()  # remembered
    page.wait_for_selector(READY)
    assert page.evaluate("document.querySelector('#proof-panel h2').textContent") == "Proof-reading notes"
    page.click(".lang-switch")
    assert page.evaluate("document.querySelector('#proof-panel h2').textContent") == "ملاحظات التدقيق"
    messages = page.evaluate(MESSAGES)
    assert all(text == data[i]["messages"]["ar"] for i, text in messages)
    assert page.errors == []


def test_every_word_of_the_page_in_both_languages():
    strings = ui_strings("ar")
    assert strings["lang"] == "ar" and strings["langs"] == list(LANGS)
    for lang in LANGS:
        assert set(strings["words"][lang]) == set(UI)
        assert len(strings["plurals"][lang]["blocks"]) == len(PLURAL_SAMPLES[lang])
    assert strings["words"]["ar"]["panel"] == "ملاحظات التدقيق"
    assert strings["words"]["en"]["panel"] == "Proof-reading notes"
    assert strings["words"]["ar"]["lang-name"] == "العربية" and strings["words"]["en"]["lang-name"] == "English"
    assert strings["plurals"]["ar"]["blocks"][1:3] == ["(كتلة واحدة)", "(كتلتان)"]
    assert strings["plurals"]["en"]["blocks"] == ["({n} block)", "({n} blocks)"]


@pytest.mark.parametrize(("book", "ui"), [("ar", "ar"), ("ar-EG", "ar"), ("en", "en"), ("fr", "en"), ("", "en")])
def test_the_preview_speaks_the_books_language(book, ui):
    assert ui_language(book) == ui


def test_translated_messages_leave_no_english_word(make_book, tmp_path, page):
    """What the issue's test will see once every message is through gettext:
    an Arabic message whose parameters are a file:line, a rule id and a
    quotation with Latin in it, in the panel: no English word is found (and
    the same message shown untranslated would be: the test can fail)."""
    from warraq.i18n import msg, set_language
    from warraq.model import Finding, Provenance
    from warraq.pipeline import BuildOptions, analyse

    root = make_book({"01.txt": "سلسلة (1)\nنص الحلقة الأولى.\n"})
    set_language("ar")
    made = msg(
        "{level}: {where}: {message}",
        level="dedup/run",
        where="parts/01.txt:2",
        message=msg("report: {counts}", counts="«هيو كينيدي (The Great Arab Conquests, 2007)»"),
    )
    set_language("en")
    findings = [
        Finding("dedup", "run", made, Provenance("parts/01.txt", 2)),
        Finding("note", "src-match", "footnote added to «نص»", Provenance("parts/01.txt", 2)),
    ]
    from warraq.writers.preview import write_preview

    result = analyse(root, BuildOptions(formats=()))
    out = tmp_path / "out"
    write_preview(result.book, result.config, out, {"findings": findings})
    page.goto((out / "preview" / "index.html").as_uri())
    page.wait_for_selector(READY)
    shown = page.evaluate(
        f"""() => [...document.querySelectorAll('#proof-panel li.finding')].map(li => {{
        const c = li.cloneNode(true); c.querySelectorAll('{LATIN_PARTS}').forEach(n => n.remove());
        return [+li.dataset.index, c.textContent]; }})"""
    )
    words = dict((i, english_words(text)) for i, text in shown)
    assert words[0] == [], shown
    assert words[1] == ["footnote", "added", "to"]


def test_a_build_error_reaches_the_page_in_both_languages():
    from warraq.errors import InputError
    from warraq.i18n import msg
    from warraq.preview.builder import error_dict

    error = error_dict(InputError(msg("cannot read: {error}", error="Permission denied"), "parts/01.txt", 2))
    assert error["messages"] == {
        "ar": f"تعذّرت القراءة: {LRI}Permission denied{PDI}",
        "en": "cannot read: Permission denied",
    }
    assert error["where"] == "parts/01.txt:2"


def test_the_live_page_switches_language_with_a_build_error_shown(serve, default_book, tmp_path, page):
    server = serve(default_book, tmp_path / "build")
    page.goto(server.url)
    page.wait_for_selector(READY)
    book = server.manuscript / "book.toml"
    book.write_text(book.read_text("utf-8").replace('author = "', "author = ", 1), "utf-8")
    banner = page.locator("#build-error")
    banner.wait_for(state="visible", timeout=30000)
    assert banner.locator("strong").inner_text().strip() == "تعذّر البناء:"
    assert page.evaluate("getComputedStyle(document.getElementById('build-error')).direction") == "rtl"
    page.click(".lang-switch")
    assert banner.locator("strong").inner_text().strip() == "The build failed:"
    assert page.evaluate("getComputedStyle(document.getElementById('build-error')).direction") == "ltr"
    assert "the last good version is shown" in banner.inner_text()
    assert "book.toml" in banner.inner_text()
    # the server's build events redraw the bar in the reader's language
    page.wait_for_function("document.getElementById('build-state').textContent.startsWith('build ')", timeout=30000)
    assert page.errors == []
