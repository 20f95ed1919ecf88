"""The book's date without SOURCE_DATE_EPOCH: the same on every clone, and a
clock no output can carry is one clear line, never an OverflowError."""

from __future__ import annotations

import os
import subprocess

from tests.output.helpers import author_env, one_line, report, warraq

PART = "مقدمة\n\nنص الجزء الأول.\n"
COMMIT_TIME = "2024-05-06T07:08:09Z"
WHO = {"NAME": "a", "EMAIL": "a@example.org", "DATE": COMMIT_TIME}


def git(root, *args: str) -> None:
    who = {f"GIT_{role}_{what}": value for role in ("AUTHOR", "COMMITTER") for what, value in WHO.items()}
    env = author_env(GIT_CONFIG_GLOBAL="/dev/null", **who)
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_in_a_git_work_tree_the_date_is_the_last_commit(make_book, tmp_path):
    root = make_book({"01.txt": PART})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "the book")
    os.utime(root / "parts" / "01.txt")  # a fresh checkout: every mtime is now
    run = warraq("build", "-m", str(root), "-o", str(tmp_path / "out"))
    assert run.code == 0, run.err
    assert report(tmp_path / "out")["book"]["date"] == COMMIT_TIME


def test_uncommitted_edits_are_dated_by_their_save(make_book, tmp_path):
    root = make_book({"01.txt": PART})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "the book")
    (root / "parts" / "01.txt").write_text(PART + "\nفقرة جديدة.\n", "utf-8")
    os.utime(root / "book.toml", (1700000000, 1700000000))
    os.utime(root / "parts" / "01.txt", (1735732800, 1735732800))  # 2025-01-01 12:00 UTC
    run = warraq("build", "-m", str(root), "-o", str(tmp_path / "out"))
    assert run.code == 0, run.err
    assert report(tmp_path / "out")["book"]["date"] == "2025-01-01T12:00:00Z"


def test_without_git_the_newest_mtime(make_book, tmp_path):
    root = make_book({"01.txt": PART, "02.txt": "الثاني\n\nنص.\n"})
    for path in [root / "book.toml", *(root / "parts").iterdir()]:
        os.utime(path, (1700000000, 1700000000))
    os.utime(root / "parts" / "02.txt", (1710000000, 1710000000))  # 2024-03-09 16:00 UTC
    run = warraq("build", "-m", str(root), "-o", str(tmp_path / "out"), env=author_env(PATH="/nonexistent"))
    assert run.code == 0, run.err  # no git on PATH: still a date
    assert report(tmp_path / "out")["book"]["date"] == "2024-03-09T16:00:00Z"


def test_a_part_saved_in_2150_is_one_line(make_book, tmp_path):
    root = make_book({"01.txt": PART})
    os.utime(root / "parts" / "01.txt", (5680281600, 5680281600))  # 2150-01-01
    run = warraq("build", "--format", "all", "-m", str(root), "-o", str(tmp_path / "out"))
    line = one_line(run)
    assert "01.txt" in line and "2107" in line
    assert not (tmp_path / "out" / "test-book.epub").exists()


def test_source_date_epoch_out_of_range_is_one_line(make_book, tmp_path):
    root = make_book({"01.txt": PART})
    for value in ("99999999999", "-5", "soon"):
        run = warraq(
            "build", "-f", "epub", "-m", str(root), "-o", str(tmp_path / "out"), env=author_env(SOURCE_DATE_EPOCH=value)
        )
        assert "SOURCE_DATE_EPOCH" in one_line(run), value


def test_a_date_in_the_year_9999_with_a_negative_zone_is_one_line(make_book, tmp_path):
    """9999-12-31T23:00-05:00 is in the year 10000 in UTC: the EPUB writer
    said OverflowError."""
    root = make_book({"01.txt": PART}, extra='date = "9999-12-31T23:00:00-05:00"')
    line = one_line(warraq("build", "-f", "epub", "-m", str(root), "-o", str(tmp_path / "out")))
    assert "book.toml" in line and "date" in line


def test_stamp_date_bounds():
    import pytest

    from warraq.errors import ConfigError
    from warraq.publishing.dates import stamp_date

    assert stamp_date(315532800, "x") == "1980-01-01T00:00:00Z"
    assert stamp_date(4354819199, "x") == "2107-12-31T23:59:59Z"
    for stamp in (315532799, 4354819200, 99999999999):
        with pytest.raises(ConfigError, match="out of range"):
            stamp_date(stamp, "x")
