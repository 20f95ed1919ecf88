"""The per-part transforms remembered between builds (transforms/memo.py, issue 27).

The memo's book and findings are those of the plain transforms, cold and
warm; an edit to one part runs the per-part steps on that part alone; a
change to sources.toml or book.toml runs them on every part; a fresh
`build` reads the last build's entries from `<out>/.cache/`.
"""

from __future__ import annotations

import os

import pytest
from bench.series import write_series

from warraq.pipeline import PER_PART, TRANSFORMS_FILE, BuildOptions, build, load, transform
from warraq.transforms.memo import MAGIC, TransformMemo

OPTIONS = BuildOptions(("pdf",))
STEPS = [step.__name__ for step in PER_PART]
PARTS = 6


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    return write_series(tmp_path / "book", PARTS, sources=True)


def plain(root):
    config, book, _ = load(root)
    return transform(book, config, OPTIONS)


def memoized(root, memo):
    config, book, _ = load(root)
    return transform(book, config, OPTIONS, memo=memo)


def edit_part(root, number: int) -> None:
    path = root / "parts" / f"{number:04d}.txt"
    lines = path.read_text("utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if i > 0 and len(line.split()) >= 8)
    lines[index] += " وهذه جملة أضافها الكاتب."
    path.write_text("\n".join(lines), "utf-8")


def test_same_book_and_findings_cold_and_warm(root):
    expected = plain(root)
    memo = TransformMemo()
    assert memoized(root, memo) == expected
    assert memo.ran == {step: list(range(1, PARTS + 1)) for step in STEPS}
    memo.save()
    assert memoized(root, memo) == expected
    assert memo.ran == {step: [] for step in STEPS}


def test_an_edit_reruns_that_part_only(root):
    memo = TransformMemo()
    memoized(root, memo)
    memo.save()
    edit_part(root, 3)
    got = memoized(root, memo)
    assert memo.ran == {step: [3] for step in STEPS}
    assert got == plain(root)  # the edit is in, the other parts as the plain transforms make them


def test_sources_toml_reruns_every_part(root):
    memo = TransformMemo()
    memoized(root, memo)
    memo.save()
    with (root / "sources.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[[source]]\nkey = "new-book"\nkind = "book"\ntitle = "كتاب جديد"\nauthor = "مؤلف"\n')
    got = memoized(root, memo)
    assert memo.ran == {step: list(range(1, PARTS + 1)) for step in STEPS}
    assert got == plain(root)


def test_book_toml_reruns_every_part(root):
    memo = TransformMemo()
    memoized(root, memo)
    memo.save()
    text = (root / "book.toml").read_text("utf-8")
    (root / "book.toml").write_text(text.replace('title = "', 'title = "ال', 1), "utf-8")
    got = memoized(root, memo)
    assert memo.ran == {step: list(range(1, PARTS + 1)) for step in STEPS}
    assert got == plain(root)


def test_a_fresh_build_reads_the_last_builds_entries(root, tmp_path):
    out = tmp_path / "out"
    build(root, out, BuildOptions(("html",)))
    assert (out / ".cache" / TRANSFORMS_FILE).read_bytes().startswith(MAGIC)
    edit_part(root, 2)
    memo = TransformMemo(out / ".cache" / TRANSFORMS_FILE)
    build(root, out, BuildOptions(("html",)), memo=memo)
    assert memo.ran == {step: [2] for step in STEPS}


def test_an_unreadable_memo_is_built_anew(root, tmp_path):
    path = tmp_path / TRANSFORMS_FILE
    for data in (b"", MAGIC + b"\x80\x05truncated", b"not a memo"):
        path.write_bytes(data)
        memo = TransformMemo(path)
        assert memoized(root, memo) == plain(root)
        assert memo.ran == {step: list(range(1, PARTS + 1)) for step in STEPS}
    os.chmod(tmp_path, 0o500)  # a read-only output folder: saving says nothing
    try:
        memo.save()
    finally:
        os.chmod(tmp_path, 0o700)


def test_the_date_alone_reruns_nothing(root, monkeypatch):
    """Without SOURCE_DATE_EPOCH the book's date is the newest save's: an
    edit changes it, and the other parts are still remembered."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    memo = TransformMemo()
    memoized(root, memo)
    memo.save()
    part = root / "parts" / "0004.txt"
    dates = load(root)[1].meta.date
    os.utime(part, (part.stat().st_atime + 86400 * 400, part.stat().st_mtime + 86400 * 400))
    assert load(root)[1].meta.date != dates  # the test can fail: the date moved
    got = memoized(root, memo)
    assert memo.ran == {step: [] for step in STEPS}
    assert got == plain(root)


def test_a_memo_linked_out_of_the_output_folder_is_not_read(root, tmp_path):
    out = tmp_path / "out"
    build(root, out, BuildOptions(("html",)))
    elsewhere = tmp_path / "elsewhere"
    (out / ".cache" / TRANSFORMS_FILE).rename(elsewhere)
    (out / ".cache" / TRANSFORMS_FILE).symlink_to(elsewhere)
    memo = TransformMemo(out / ".cache" / TRANSFORMS_FILE)
    assert memoized(root, memo) == plain(root)
    assert memo.ran == {step: list(range(1, PARTS + 1)) for step in STEPS}  # the test can fail: it held every part
