"""The transforms see into tables, lists and captions: Qur'an references are
checked there, citations become notes, notes called in a cell are numbered,
and lint reads the text of each cell and item."""

from __future__ import annotations

from tests.conftest import BOOK_TOML
from tests.sources.helpers import transformed
from warraq.model import List, Note, NoteRef, Quran, Table
from warraq.proof.text import units

SOURCES = """\
[[source]]
key = "tabari"
kind = "book"
author = "محمد بن جرير الطبري"
title = "تاريخ الرسل والملوك"
"""
MD = """\
# مقالة (١)

فقرة[^a] أولى.

| المصدر | النص |
|--|--|
| الطبري [@tabari, ج ٣ ص ٤٠٠] | خبر[^b] |

1. قال تعالى: ﴿إنك ميت وإنهم ميتون﴾ [الزمر: ٣٠]
2. والثانية

[^a]: حاشية أولى.
[^b]: حاشية في الجدول.
"""


def _calls(inlines) -> list[str]:
    return [n.note_id for n in inlines if isinstance(n, NoteRef)]


def test_transforms_reach_cells_and_items(tmp_path):
    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(BOOK_TOML.format(extra=""), "utf-8")
    (root / "sources.toml").write_text(SOURCES, "utf-8")
    (root / "parts" / "01.md").write_text(MD, "utf-8")
    book, findings = transformed(root)
    part = book.parts[0]
    table = next(b for b in part.blocks if isinstance(b, Table))
    lst = next(b for b in part.blocks if isinstance(b, List))
    notes: dict[str, Note] = {n.id: n for n in part.notes}
    # the author's note in a cell is numbered after the paragraph's: 1, then the cell's
    cited = _calls(table.rows[1][0].inlines)
    assert len(cited) == 1 and notes[cited[0]].generated and notes[cited[0]].source_key == "tabari"
    (own,) = _calls(table.rows[1][1].inlines)
    assert [notes["n1-a"].number, notes[cited[0]].number, notes[own].number] == [1, 2, 3]
    assert not [f for f in findings if f.rule == "note-unused"]
    quran = next(n for n in lst.items[0].inlines if isinstance(n, Quran))
    assert quran.ref is not None and (quran.ref.surah, quran.ref.first) == (39, 30)
    assert quran.ref_status in ("confirmed", "typed")
    texts = [s.text for u in units(book) for s in u.segments]
    assert "والثانية" in texts and "خبر" in texts
