"""`preview --static DIR` writes only into an empty or warraq-made folder:
it removed the user's `DIR/print/` (and a `print` symlink gave a traceback).
The real CLI; HTML only (no PDF writer needed to show the refusals)."""

from __future__ import annotations

from pathlib import Path

from tests.output.helpers import one_line, warraq


def static(book: Path, target: Path):
    return warraq("preview", "-m", str(book), "--static", str(target), timeout=600)


def test_a_foreign_folder_is_refused_and_left_alone(default_book, tmp_path):
    target = tmp_path / "mine"
    (target / "print").mkdir(parents=True)
    (target / "print" / "thesis.docx").write_bytes(b"years of work")
    (target / "notes.txt").write_text("mine")
    line = one_line(static(default_book, target))
    assert str(target) in line and "empty folder" in line
    assert (target / "print" / "thesis.docx").read_bytes() == b"years of work"
    assert sorted(p.name for p in target.rglob("*")) == ["notes.txt", "print", "thesis.docx"]


def test_a_file_is_refused(default_book, tmp_path):
    (tmp_path / "proof").write_text("a file")
    assert "folder" in one_line(static(default_book, tmp_path / "proof"))
    assert (tmp_path / "proof").read_text() == "a file"


def test_an_empty_folder_then_the_same_folder_again(default_book, tmp_path):
    target = tmp_path / "proof"
    target.mkdir()
    first = static(default_book, target)
    assert first.code == 0, first.err
    assert (target / "index.html").is_file() and (target / ".warraq-proof").is_file()
    again = static(default_book, target)  # warraq made it: it may write again
    assert again.code == 0, again.err


def test_a_print_symlink_is_never_followed_nor_removed(default_book, tmp_path):
    target = tmp_path / "proof"
    target.mkdir()
    assert static(default_book, target).code == 0  # a folder warraq made ...
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep")
    for link in ("print", "fonts"):
        path = target / link
        if path.is_dir() and not path.is_symlink():
            for f in sorted(path.rglob("*"), reverse=True):
                f.rmdir() if f.is_dir() else f.unlink()
            path.rmdir()
        path.symlink_to(elsewhere, target_is_directory=True)  # ... with a link put in it
        line = one_line(static(default_book, target))
        assert "symbolic link" in line and link in line
        assert path.is_symlink() and sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
        path.unlink()
