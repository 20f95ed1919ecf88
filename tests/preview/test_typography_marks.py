"""The preview marks every change the book's typography makes to what the
author typed (issue 13: a heading's colon, a verse's braces, the
[typography] options), on the very characters, in real headless Chromium."""

from __future__ import annotations

from warraq.pipeline import analyse
from warraq.preview import preview_options

from .conftest import SHOTS

READY = "html[data-proof-ready]"


def test_typography_changes_are_marked(serve, default_book, tmp_path, page):
    book_toml = default_book / "book.toml"
    book_toml.write_text(
        book_toml.read_text("utf-8") + '\n[typography]\nquotes = "guillemets"\ndigits = "arabic-indic"\n', "utf-8"
    )
    findings = [f for f in analyse(default_book, preview_options()).findings if f.kind == "typography"]
    rules = {f.rule for f in findings}
    # the default book: headings typed with a colon, a verse in braces,
    # “…” quotations and Western digits (636م) in the text
    assert {"typo-heading-colon", "typo-quran-brackets", "typo-quotes", "typo-digits"} <= rules
    server = serve(default_book, tmp_path / "build")
    page.goto(server.url)
    page.wait_for_selector(READY)
    marks = page.locator("mark.typography-mark")
    assert marks.count() == len(findings)
    texts = marks.all_inner_texts()
    for f in findings:
        assert f.data["match"] in texts, f
    # each mark stands in the block of the finding's line
    heading = next(f for f in findings if f.rule == "typo-heading-colon")
    block = page.locator(f"[data-src='{heading.prov.file}:{heading.prov.line}']")
    assert block.locator("mark.typography-mark").inner_text() == heading.data["match"]
    # the panel lists them under their kind
    assert page.locator("#proof-panel label.kind[data-kind='typography']").count() == 1
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "preview-typography.png"))
    assert not page.errors
