"""The preview page in real headless Chromium: direction and shaping, the
proofing marks of what the pipeline actually did to the default book, the
panel, the source tip, live refresh on save and build errors on the page.

The marks are checked against the pipeline's own findings and model for the
same manuscript (computed here with `pipeline.analyse`), so the test follows
the transforms as they change: whatever they report must be marked.
"""

from __future__ import annotations

import shutil

import pytest

from warraq.model import Quran, Removed
from warraq.pipeline import analyse
from warraq.preview import preview_options
from warraq.transforms.walk import map_block

from .conftest import SHOTS

READY = "html[data-proof-ready]"


@pytest.fixture
def server(serve, default_book, tmp_path):
    return serve(default_book, tmp_path / "build")


@pytest.fixture
def opened(server, page):
    page.goto(server.url)
    page.wait_for_selector(READY)
    page.evaluate("document.fonts.ready")
    return page


def test_page_is_rtl_arabic_joined_in_amiri(opened, server):
    page = opened
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.querySelector('main p')).direction") == "rtl"
    assert page.evaluate("document.fonts.check('1em Amiri')")
    # joined: a word is narrower than its letters kept apart by ZWNJ (which
    # blocks joining), as initial/medial forms are narrower than isolated ones
    widths = page.evaluate(
        """() => {
        const w = t => { const s = document.createElement('span'); s.textContent = t;
          s.style.fontFamily = 'Amiri'; s.style.fontSize = '40px'; s.style.whiteSpace = 'nowrap';
          document.querySelector('main').appendChild(s);
          const r = s.getBoundingClientRect().width; s.remove(); return r; };
        return [w('بقعة ضوء'), w('ب\u200cق\u200cع\u200cة ض\u200cو\u200cء')];
    }"""
    )
    assert widths[0] < widths[1] * 0.85, widths
    # the words run right to left: in the first line of a paragraph, the
    # first word stands to the right of the second
    order = page.evaluate(
        """() => {
        const p = [...document.querySelectorAll('main p[data-src]')].find(p => p.textContent.split(' ').length > 8);
        const node = [...p.childNodes].find(n => n.nodeType === 3 && n.data.trim().split(' ').length > 3);
        const words = node.data.trim().split(' ');
        const at = w => { const i = node.data.indexOf(w); const r = document.createRange();
          r.setStart(node, i); r.setEnd(node, i + w.length); return r.getBoundingClientRect(); };
        return [at(words[0]).left, at(words[1]).right];
    }"""
    )
    assert order[0] >= order[1] - 1, order
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "preview-default-book.png"))
    assert not page.errors


def model_facts(manuscript):
    """What the pipeline did to the book: findings, tombstones, generated
    notes, Qur'an references added or corrected."""
    result = analyse(manuscript, preview_options())
    tombstones = [b for p in result.book.parts for b in p.blocks if isinstance(b, Removed)]
    generated = [n for p in result.book.parts for n in p.notes if n.generated and n.number]
    statuses: dict[str, int] = {}

    def count(node, prov):
        if isinstance(node, Quran) and node.ref_status:
            statuses[node.ref_status] = statuses.get(node.ref_status, 0) + 1
        return node

    for part in result.book.parts:
        for block in part.blocks:
            map_block(block, count)  # every inline a reader sees, in every kind of block
    return result.findings, tombstones, generated, statuses


def test_proofing_marks_of_the_default_book(opened, server):
    page = opened
    findings, tombstones, generated, statuses = model_facts(server.manuscript)
    # the panel lists every finding, with the count of each kind
    assert page.locator("#proof-panel li.finding").count() == len(findings)
    kinds: dict[str, int] = {}
    for f in findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
    for kind, n in kinds.items():
        label = page.locator(f"#proof-panel label.kind[data-kind='{kind}'] .count")
        assert label.inner_text() == str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    # every finding with a place has its badge in the text
    for i, f in enumerate(findings):
        if f.prov is not None:
            assert page.locator(f".flag[data-index='{i}']").count() == 1, f
    # the lint's findings mark the very characters
    lint = [f for f in findings if f.kind == "lint"]
    assert page.locator("mark.lint-mark").count() == len(lint)
    for f in lint:
        assert f.data["match"] in page.locator("mark.lint-mark").all_inner_texts()

    if tombstones:  # the re-pasted body: collapsed where it stood, struck through, linked to the kept copy
        groups = page.locator("details.removed-group")
        assert groups.count() == len({t.finding_id for t in tombstones})
        assert page.locator("details.removed-group [data-src]").count() >= len(tombstones)
        first = groups.first
        assert first.get_attribute("open") is None
        assert not page.locator("details.removed-group [data-src]").first.is_visible()
        first.locator("summary .removed-label").click()
        inner = first.locator(":scope > [data-src]").first
        assert inner.is_visible()
        assert "line-through" in inner.evaluate("e => getComputedStyle(e).textDecorationLine")
        first.locator("a.kept-link").click()
        kept = tombstones[0].kept
        target = page.locator(f"main [data-src='{kept.file}:{kept.line}']").first
        assert target.is_visible()
        assert target.evaluate(
            "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }"
        )
        diffs = [t for t in tombstones if t.kind == "near"]
        assert page.locator("details.removed-group .word-diff").count() >= len(diffs)

    if generated:  # notes the tool made: highlighted, with their rule
        notes = page.locator("aside.note.generated")
        assert notes.count() == len(generated)
        assert page.locator("a.noteref.generated").count() == len(generated)
        rules = {n.rule for n in generated if n.rule}
        shown = set(page.locator("aside.note.generated > .flag").all_inner_texts())
        assert rules <= shown
        assert notes.first.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"

    for status in ("added", "corrected", "mismatch"):
        if statuses.get(status):
            assert page.locator(f".quran.ref-{status}.proof-mark").count() == statuses[status]
    assert not page.errors


def test_toggle_a_kind_and_jump_from_the_panel(opened, server):
    page = opened
    findings, tombstones, _, _ = model_facts(server.manuscript)
    kind = findings[0].kind
    badge = page.locator(".flag[data-index='0']")
    assert badge.is_visible() or badge.evaluate("e => !!e.closest('details:not([open])')")
    page.locator(f"#proof-panel input[data-kind='{kind}']").uncheck()
    assert not badge.is_visible()
    assert not page.locator(f"#proof-panel li.finding[data-kind='{kind}']").first.is_visible()
    if tombstones:
        page.locator("#proof-panel input[data-kind='dedup']").uncheck()
        assert not page.locator("details.removed-group").first.is_visible()
        page.locator("#proof-panel input[data-kind='dedup']").check()
        assert page.locator("details.removed-group").first.is_visible()
    page.locator(f"#proof-panel input[data-kind='{kind}']").check()
    # jump: the last finding's place comes into view
    last = max(range(len(findings)), key=lambda i: findings[i].prov.line if findings[i].prov else 0)
    page.locator(f"#proof-panel li.finding[data-index='{last}'] a.jump").click()
    target = page.locator(f".flag[data-index='{last}']")
    page.wait_for_timeout(300)
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight }")


def test_source_line_on_hover_and_click_copies(opened, server):
    page = opened
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    para = page.locator("main p[data-src]").nth(3)
    src = para.get_attribute("data-src")
    assert src.startswith("manuscript/parts/04-buqat-daw.txt:")
    para.hover()
    tip = page.locator(".src-tip")
    assert tip.is_visible()
    assert tip.inner_text() == src
    tip.click()
    page.wait_for_function("window.warraqCopied !== undefined")
    assert page.evaluate("window.warraqCopied") == src
    assert page.evaluate("navigator.clipboard.readText()") == src


def test_saving_a_part_updates_the_open_page_in_place(opened, server):
    page = opened
    page.evaluate("window.__notReloaded = 42")
    # scroll so that some paragraph sits at the top of the window
    anchor = page.locator("main p[data-src]").nth(12)
    anchor.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 120)")
    text = anchor.inner_text()[:40]
    src_before = anchor.get_attribute("data-src")
    top_before = anchor.evaluate("e => e.getBoundingClientRect().top")
    # insert a paragraph above it (after the title line): everything moves down
    path = server.manuscript / "parts" / "04-buqat-daw.txt"
    lines = path.read_text("utf-8").split("\n")
    lines.insert(1, "فقرة جديدة كتبها المؤلف الآن في أعلى الحلقة لتجربة المعاينة الحية.")
    path.write_text("\n".join(lines), "utf-8")
    page.wait_for_function("document.body.innerText.includes('فقرة جديدة كتبها المؤلف الآن')", timeout=30000)
    assert page.evaluate("window.__notReloaded") == 42  # no reload: the page swapped its content in place
    assert page.evaluate("window.warraqRefreshes") >= 1
    moved = page.locator("main p[data-src]", has_text=text).first
    assert abs(moved.evaluate("e => e.getBoundingClientRect().top") - top_before) < 8
    # the same paragraph, now one line further down its file, at the same place on screen
    file, line = src_before.rsplit(":", 1)
    assert moved.get_attribute("data-src") == f"{file}:{int(line) + 1}"
    assert not page.errors


def test_a_syntax_error_in_book_toml_shows_on_the_page_and_clears(opened, server):
    page = opened
    book = server.manuscript / "book.toml"
    good = book.read_text("utf-8")
    lines = good.split("\n")
    no = next(i for i, line in enumerate(lines) if line.startswith("author")) + 1
    lines[no - 1] = "author = كاتب بلا علامات"
    book.write_text("\n".join(lines), "utf-8")
    banner = page.locator("#build-error")
    banner.wait_for(state="visible", timeout=30000)
    assert f"book.toml:{no}" in banner.inner_text()
    assert "صيغة TOML غير صالحة" in banner.inner_text()  # the book is Arabic: so is its page
    assert page.locator("main p[data-src]").count() > 10  # the last good book stays readable
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "preview-build-error.png"))
    book.write_text(good, "utf-8")
    banner.wait_for(state="hidden", timeout=30000)


def test_print_view_shows_pages_in_rtl_spreads(opened, server):
    from warraq.preview.printview import unavailable_reason

    page = opened
    page.click("button[data-tab='print']")
    assert not page.locator("main").is_visible()
    reason = unavailable_reason()
    if reason:  # the PDF writer is not there: the tab says so
        page.wait_for_function("document.getElementById('print-status').textContent.length > 0")
        assert "PDF" in page.inner_text("#print-status")
        return
    page.wait_for_selector(".spread img", timeout=120000)
    page.wait_for_function(
        "[...document.querySelectorAll('.spread img')].slice(0, 3).every(i => i.complete && i.naturalWidth)"
    )
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "preview-print-view.png"))
    figures = page.locator(".spread figure")
    assert figures.count() >= 3
    # page 1 alone, on the left; then page 2 on the right of page 3
    first_spread = page.locator(".spread").first
    assert first_spread.locator(".blank").count() == 1
    p2, p3 = page.locator(".spread").nth(1).locator("figure").all()[:2]
    assert p2.locator("figcaption").inner_text() == "2"
    assert p2.bounding_box()["x"] > p3.bounding_box()["x"]
    # a save rebuilds the PDF too, and the view follows
    serial = page.evaluate("window.fetch('/_warraq/status').then(r => r.json()).then(s => s.print.serial)")
    path = server.manuscript / "parts" / "04-buqat-daw.txt"
    path.write_text(path.read_text("utf-8") + "سطر جديد في آخر الحلقة.\n", "utf-8")
    server.wait_for(lambda s: s["print"].get("serial", 0) > serial and s["print"]["status"] == "ok", timeout=120)
    fresh = f"print/{serial + 1}/"
    page.wait_for_function(
        f"[...document.querySelectorAll('.spread img')].some(i => i.getAttribute('src').startsWith('{fresh}'))",
        timeout=30000,
    )


def test_static_proof_opens_without_warraq(default_book, tmp_path, page):
    from ..conftest import run_cli

    target = tmp_path / "proof"
    result = run_cli("preview", "-m", str(default_book), "--static", str(target), timeout=600)
    assert result.code == 0, result.err
    assert (target / "index.html").is_file() and (target / "preview.js").is_file()
    assert (target / "fonts" / "Amiri-Regular.ttf").is_file()
    moved = tmp_path / "elsewhere"
    shutil.move(target, moved)  # it does not depend on where it was written
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((moved / "index.html").as_uri())
    page.wait_for_selector(READY)
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('1em Amiri')")
    assert page.locator("#proof-panel li.finding").count() > 0
    assert all(u.startswith(("file://", "data:")) for u in requests), requests
    page.click("button[data-tab='print']")
    page.wait_for_function(
        "document.querySelector('.spread img') || document.getElementById('print-status').textContent"
    )
    assert not page.errors


MISQUOTED = """حلقة (١)
قال تعالى:
﴿يَا أَيُّهَا الَّذِينَ آمَنُوا إِنْ تَنْصُرُوا اللَّهَ يَنْصُرْكُمْ وَيُثَبِّتْ أَرْجُلَكُمْ﴾ 7 محمد
يقول أحد الكتاب:
«هذا نص منقول لا يعرف له مصدر في سجل المصادر على الإطلاق وهو طويل بما يكفي»
وكتب آخر في موضع ما ، كلاما طويلا.
"""


def test_misquotation_unsourced_and_lint_marks(serve, make_book, tmp_path, page):
    root = make_book({"01.txt": MISQUOTED})
    findings = analyse(root, preview_options()).findings
    server = serve(root, tmp_path / "build")
    page.goto(server.url)
    page.wait_for_selector(READY)
    by_kind = {f.kind: i for i, f in enumerate(findings)}
    # whatever the stages report is marked on its line: a finding of each kind here
    for kind, line in (("unsourced", 5), ("lint", 6)):
        if kind in by_kind:
            flag = page.locator(f".flag[data-index='{by_kind[kind]}']")
            assert flag.count() == 1
            block = flag.locator("xpath=ancestor::*[@data-src][1]")
            assert block.get_attribute("data-src").endswith(f"01.txt:{line}")
    misquoted = [i for i, f in enumerate(findings) if isinstance(f.data.get("verse"), str)]
    if misquoted:  # the verse as quoted against the Qur'an text, word by word
        diff = page.locator(".word-diff").filter(has=page.locator("del"))
        assert diff.count() >= 1
        # checked by hand: the author typed أرجلكم where the verse (47:7) has أقدامكم
        assert "أقدامكم" in diff.first.locator("del").all_inner_texts()
        assert "أَرْجُلَكُمْ" in diff.first.locator("ins").all_inner_texts()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "preview-misquotation.png"))
    assert not page.errors


NEAR = (
    "كان عمر قد أرسل لخالد أثناء فتح الشام ضرورة أن يتنحى لعبيد الله بن الجراح ويصبح خالد تحت قيادته، "
    "ونفذ خالد الأمر حفاظا على لحمة الصف وهم في مواجهة جيش الدولة البيزنطية، واستشعر خالد أنه لابد من "
    "رجوعه إلى المدينة لمناقشة الأمر، ولم يلبث أن عاد خالد إلى الشام ليواصل طوفان الفتوح ويبدع ويبهر "
    "الأعداء قبل الأصدقاء، وما يعنيني هنا ليس الخلاف بين عمر وخالد فهذا لا يجب التوقف عنده كثيرا."
)


def test_near_repeat_shows_its_word_differences(serve, make_book, tmp_path, page):
    # part 2 repeats part 1's paragraph with one word changed (الشام -> العراق)
    changed = NEAR.replace("فتح الشام", "فتح العراق")
    root = make_book({"01.txt": f"سلسلة (1)\n{NEAR}\n", "02.txt": f"سلسلة (2)\n{changed}\nفقرة جديدة.\n"})
    result = analyse(root, preview_options())
    near = [b for p in result.book.parts for b in p.blocks if isinstance(b, Removed) and b.kind == "near"]
    assert len(near) == 1  # what dedup does with it (the fixture's premise)
    server = serve(root, tmp_path / "build")
    page.goto(server.url)
    page.wait_for_selector(READY)
    group = page.locator("details.removed-group")
    assert group.count() == 1
    group.locator("summary .removed-label").click()
    diff = group.locator(".word-diff")
    assert diff.is_visible()
    # by hand: the kept copy says الشام where the removed one says العراق
    assert diff.locator("del").all_inner_texts() == ["الشام"]
    assert diff.locator("ins").all_inner_texts() == ["العراق"]
    assert group.locator("a.kept-link bdi").inner_text().endswith("parts/01.txt:2")
