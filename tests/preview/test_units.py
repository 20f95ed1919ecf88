"""The preview's parts without a server: the part cache, the word diff, the
event encoding, the data the writer puts in the page."""

from __future__ import annotations

import json

from warraq.pipeline import BuildOptions, build, load
from warraq.preview.cache import PartCache
from warraq.preview.events import Broadcaster, sse
from warraq.proof import word_diff
from warraq.writers.preview import script_json

PARTS = {
    "01.txt": "سلسلة (1)\nفتح الشام:\nنص الحلقة الأولى كما كتبه المؤلف.\n",
    "02.txt": "سلسلة (2)\nنص الحلقة الثانية كما كتبه المؤلف.\n",
    "03.txt": "سلسلة (3)\nنص الحلقة الثالثة كما كتبه المؤلف.\n",
}


def test_part_cache_rereads_only_what_changed(make_book):
    root = make_book(PARTS)
    cache = PartCache()
    _, first, _ = load(root, read=cache)
    assert cache.reads == 3
    _, again, _ = load(root, read=cache)
    assert cache.reads == 3
    assert all(a is b for a, b in zip(first.parts, again.parts, strict=True))
    (root / "parts" / "02.txt").write_text("سلسلة (2)\nنص جديد للحلقة الثانية.\n", "utf-8")
    _, changed, _ = load(root, read=cache)
    assert cache.reads == 4
    assert changed.parts[0] is first.parts[0] and changed.parts[2] is first.parts[2]
    assert "نص جديد" in changed.parts[1].blocks[0].inlines[0].text
    (root / "parts" / "03.txt").unlink()
    _, fewer, _ = load(root, read=cache)
    assert [p.number for p in fewer.parts] == [1, 2]
    assert len(cache.parts) == 2


def test_part_cache_follows_the_order_table(make_book):
    root = make_book({"a.txt": "بلا رقم\nنص.\n"}, extra='[order]\n"a.txt" = 5\n')
    cache = PartCache()
    assert [p.number for p in load(root, read=cache)[1].parts] == [5]
    (root / "book.toml").write_text((root / "book.toml").read_text("utf-8").replace("= 5", "= 7"), "utf-8")
    assert [p.number for p in load(root, read=cache)[1].parts] == [7]


def test_cached_build_reports_the_same_as_a_plain_one(default_book, tmp_path):
    options = BuildOptions(formats=("preview",), lint=True)
    plain = build(default_book, tmp_path / "a", options)
    cache = PartCache()
    build(default_book, tmp_path / "b", options, read=cache)
    cached = build(default_book, tmp_path / "b", options, read=cache)
    assert cache.reads == 1
    assert [(f.kind, f.rule, str(f.prov)) for f in cached.findings] == [
        (f.kind, f.rule, str(f.prov)) for f in plain.findings
    ]
    assert (tmp_path / "a" / "preview" / "index.html").read_bytes() == (
        tmp_path / "b" / "preview" / "index.html"
    ).read_bytes()


def test_word_diff():
    # by hand: «عمر:» and «عمرُ» are one word on the key (punctuation, tashkeel);
    # «لا» became «لن»; «أبدا» was added
    assert word_diff("قال عمر: والله لا أرده عليه", "قال عمرُ والله لن أرده عليه أبدا") == [
        ("=", "قال عمرُ والله"),
        ("-", "لا"),
        ("+", "لن"),
        ("=", "أرده عليه"),
        ("+", "أبدا"),
    ]
    assert word_diff("نص واحد", "نص واحد") == [("=", "نص واحد")]


def test_sse_encoding_and_broadcast():
    assert sse("state", {"a": "ب\nج"}, 3) == 'id: 3\nevent: state\ndata: {"a": "ب\\nج"}\n\n'.encode()
    events = Broadcaster()
    events.publish({"build": 1})
    q = events.subscribe()
    assert q.get_nowait() == {"build": 1}  # the current state at once
    events.publish({"build": 2})
    assert q.get_nowait() == {"build": 2}
    events.close()
    assert events.clients == 0


def test_script_json_cannot_close_its_script_element():
    text = script_json({"m": "</script><!-- & «نص»"})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == {"m": "</script><!-- & «نص»"}


def test_print_view_without_a_pdf_writer_says_so(monkeypatch, tmp_path):
    from warraq import writers
    from warraq.preview.printview import PrintView, unavailable_reason

    monkeypatch.delitem(writers.WRITERS, "pdf", raising=False)
    assert "PDF writer" in unavailable_reason()
    states = []
    view = PrintView(tmp_path / "preview", tmp_path, states.append)
    info = view.request(None)
    assert info["status"] == "unavailable" and "PDF writer" in info["message"]
    assert states and states[-1]["status"] == "unavailable"
    assert not view.enabled
