"""`~/.cache/warraq` (font subsets, the cover): an entry is checked by its
sha256 when read; a truncated or damaged one is made again, never shipped."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.output.helpers import author_env, warraq

PART = "مقدمة\n\nنص الجزء الأول.\n"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_damaged_cache_entries_are_made_again(make_book, tmp_path):
    root = make_book({"01.txt": PART})
    env = author_env(XDG_CACHE_HOME=str(tmp_path / "xdg"), SOURCE_DATE_EPOCH="1767225600")
    assert warraq("build", "-f", "epub", "-m", str(root), "-o", str(tmp_path / "a"), env=env).code == 0
    entries = sorted((tmp_path / "xdg" / "warraq").rglob("*.*"))
    assert {p.parent.name for p in entries} == {"fonts", "cover"}
    for i, entry in enumerate(entries):
        data = entry.read_bytes()
        if i % 2:
            entry.write_bytes(data[:100])  # truncated (a full disk, a killed build)
        else:
            entry.write_bytes(data[:-40] + bytes(b ^ 0xFF for b in data[-40:]))  # damaged, same length
    run = warraq("build", "-f", "epub", "-m", str(root), "-o", str(tmp_path / "b"), env=env)
    assert run.code == 0, run.err
    assert sha(tmp_path / "b" / "test-book.epub") == sha(tmp_path / "a" / "test-book.epub")
    assert all(p.stat().st_size > 1000 for p in entries)  # made again
