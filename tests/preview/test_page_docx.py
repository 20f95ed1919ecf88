"""The preview of a Word part in headless Chromium: blocks carry `file:¶N`,
the source tip shows it, and findings are marked in the paragraph they name
(the page's script reads paragraph positions as it reads lines)."""

from __future__ import annotations

from tests.readers.docx_fixtures import TITLE, Doc, docx_bytes, para, run
from warraq.pipeline import analyse
from warraq.preview import preview_options

READY = "html[data-proof-ready]"


def _word_part() -> bytes:
    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (١)"), style=TITLE))
    doc.body.append(para(run("فقرة أولى عادية في الجزء الأول من السلسلة.")))
    doc.body.append(para(run("وكتب آخر في موضع ما ، كلاما طويلا.")))  # AR001: a space before ،
    doc.body.append(para(run("«هذا نص منقول لا يعرف له مصدر في سجل المصادر على الإطلاق وهو طويل بما يكفي»")))
    return docx_bytes(doc)


def test_word_part_positions_in_the_preview(serve, make_book, tmp_path, page):
    root = make_book({"01.docx": _word_part()})
    findings = analyse(root, preview_options()).findings
    server = serve(root, tmp_path / "build")
    page.goto(server.url)
    page.wait_for_selector(READY)
    srcs = page.locator("main [data-src]").evaluate_all("els => els.map(e => e.getAttribute('data-src'))")
    assert [s.rsplit("/", 1)[-1] for s in srcs] == [
        "01.docx:¶1",
        "01.docx:¶2",
        "01.docx:¶3",
        "01.docx:¶4",
        "01.docx:¶4",
    ]
    second = page.locator("main p[data-src$='01.docx:¶2']")
    second.hover()
    assert page.locator(".src-tip").inner_text().endswith("01.docx:¶2")
    # each finding's flag stands in the block of the paragraph it names
    marked = 0
    for index, f in enumerate(findings):
        if f.kind not in ("lint", "unsourced") or not f.prov:
            continue
        flag = page.locator(f".flag[data-index='{index}']")
        assert flag.count() == 1, f
        block = flag.locator("xpath=ancestor::*[@data-src][1]")
        assert block.get_attribute("data-src").endswith(f"01.docx:¶{f.prov.line}"), f
        marked += 1
    assert marked >= 2  # AR001 at ¶3, the unsourced quotation at ¶4
    assert not page.errors
