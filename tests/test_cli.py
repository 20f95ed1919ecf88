"""The real command line on bad input: one clear line naming the file (and
line), a non-zero exit, no traceback, and nothing half-written in the output."""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

import pytest

from .conftest import run_cli


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warraq: error:")]


def assert_one_clear_error(result, *fragments: str) -> str:
    assert result.code != 0
    assert "Traceback" not in result.err
    (line,) = error_lines(result.err)
    for fragment in fragments:
        assert fragment in line, line
    return line


def snapshot(directory: Path) -> dict[str, str]:
    if not directory.exists():
        return {}
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def build(root: Path, out: Path, *extra: str):
    """`warraq build`, HTML only unless a format is given (the default,
    everything the book is set up for, has its own test)."""
    formats = () if {"-f", "--format"} & set(extra) else ("--format", "html")
    return run_cli("build", "--manuscript", str(root), "--out", str(out), *formats, *extra)


GOOD = "سلسلة (1)\nفتح الشام:\nنص الحلقة الأولى.\n"


@pytest.mark.parametrize(
    ("name", "body", "fragments"),
    [
        ("02.txt", b"", ("02.txt", "empty file")),
        ("02.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ("02.txt", "binary")),
        ("02.txt", "Café crème à Noël\n".encode("latin-1"), ("02.txt:1", "unknown encoding")),
        ("x.txt", "عنوان بلا رقم\nنص.".encode(), ("x.txt:1", "no part number")),
        ("03.txt", "سلسلة (1)\nنص آخر.".encode(), ("03.txt:1", "01.txt", "two parts with one number")),
    ],
    ids=["empty", "binary", "unknown-encoding", "no-number", "same-number"],
)
def test_bad_part_fails_cleanly_and_keeps_previous_output(make_book, tmp_path, name, body, fragments):
    root = make_book({"01.txt": GOOD})
    out = tmp_path / "build"
    assert build(root, out).code == 0
    before = snapshot(out)
    assert any(n.endswith(".html") for n in before)
    (root / "parts" / name).write_bytes(body)
    assert_one_clear_error(build(root, out), *fragments)
    assert snapshot(out) == before  # previous output intact, nothing half-written
    assert not [p for p in out.rglob("*.part")]


def test_bad_input_on_first_build_writes_nothing(make_book, tmp_path):
    root = make_book({"01.txt": b""})
    out = tmp_path / "build"
    assert_one_clear_error(build(root, out), "01.txt", "empty file")
    assert snapshot(out) == {}


def test_malformed_book_toml_names_its_line(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    (root / "book.toml").write_text('[book]\ntitle = "ع"\nauthor = "م\n', "utf-8")
    assert_one_clear_error(build(root, tmp_path / "b"), "book.toml:3", "invalid TOML")


def test_missing_manuscript_directory(tmp_path):
    assert_one_clear_error(build(tmp_path / "nowhere", tmp_path / "b"), "nowhere", "not found")


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("cp1256"),
        lambda t: t.encode("utf-16"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    ],
    ids=["windows-1256", "utf-16", "utf-16-be", "utf-8-bom"],
)
def test_other_encodings_read_correctly(make_book, tmp_path, encode):
    text = "سلسلة (1)\r\nفتح الشام:\r\nهذا هو الحق والحقيقة، في العالم كله.\r\n"
    root = make_book({"01.txt": encode(text)})
    result = build(root, tmp_path / "b")
    assert result.code == 0, result.err
    html = (tmp_path / "b" / "test-book.html").read_text("utf-8")
    assert "<p>هذا هو الحق والحقيقة، في العالم كله.</p>" in html
    assert '<h2 id="part-1-s1">فتح الشام</h2>' in html


def test_script_and_ampersand_are_escaped(make_book, tmp_path):
    root = make_book({"01.txt": "سلسلة (1) <b>&</b>\nنص <script>alert('x')</script> & «كلام»\n"})
    assert build(root, tmp_path / "b").code == 0
    html = (tmp_path / "b" / "test-book.html").read_text("utf-8")
    assert "<script>" not in html and "<b>" not in html
    # the Latin runs are set apart (<bdi dir="ltr">), each escaped
    text = re.sub(r'<bdi dir="ltr" lang="en">([^<]*)</bdi>', r"\1", html)
    assert "نص &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; «كلام»" in text
    assert "سلسلة (1) &lt;b&gt;&amp;&lt;/b&gt;" in text


def test_a_50_mb_part_gets_a_clear_limit(make_book, tmp_path):
    line = "هذا هو الحق والحقيقة، في العالم كله، المسلمون معادون على كل المستويات.\n"
    body = ("سلسلة (1)\n" + line * (50_000_000 // len(line.encode()))).encode()
    assert len(body) > 49_000_000
    root = make_book({"01.txt": body})
    assert_one_clear_error(build(root, tmp_path / "b"), "01.txt", "limit")


def test_unknown_format_is_a_usage_error(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    result = build(root, tmp_path / "b", "--format", "docx")
    assert result.code == 2 and "Traceback" not in result.err


def test_init_makes_a_project_that_builds(tmp_path):
    project = tmp_path / "new"
    result = run_cli("init", str(project), "--title", "رحلة", "--author", "كاتب")
    assert result.code == 0, result.err
    assert {p.name for p in project.iterdir()} == {"book.toml", "sources.toml", "parts", "styles"}
    built = build(project, tmp_path / "b")
    assert built.code == 0, built.err
    html = (tmp_path / "b" / "book.html").read_text("utf-8")
    assert '<h1 class="part-title" id="part-1-title">رحلة (١)</h1>' in html
    # a second init in the same place refuses to overwrite
    assert_one_clear_error(run_cli("init", str(project)), "book.toml", "already")


@pytest.mark.parametrize(
    ("where", "fragment"),
    [
        ("~", "home folder"),
        ("ms", "manuscript folder"),
        (".", "holds the manuscript"),
        ("ms/parts", "inside parts/"),
        ("ms/parts/out", "inside parts/"),
        ("ms/styles", "inside styles/"),
    ],
    ids=["home", "manuscript", "project", "parts", "under-parts", "styles"],
)
def test_dangerous_out_folder_is_refused_before_writing(make_book, tmp_path, where, fragment):
    root = make_book({"01.txt": GOOD})
    home = tmp_path / "home"
    home.mkdir()
    out = home if where == "~" else tmp_path / where
    before = sorted(p.name for p in out.iterdir()) if out.is_dir() else None
    for args in (("build", "-f", "html"), ("preview", "--static", str(out))):
        result = run_cli(*args, "--manuscript", str(root), "--out", str(out), env={"HOME": str(home)})
        assert_one_clear_error(result, fragment, str(out))
        assert (sorted(p.name for p in out.iterdir()) if out.is_dir() else None) == before


def test_safe_out_folder_beside_the_manuscript_still_builds(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    assert build(root, tmp_path / "build").code == 0
    assert build(root, root / "build").code == 0  # inside the manuscript, not among its parts


def test_the_file_system_root_is_never_an_output_folder(tmp_path):
    # not through the CLI: a regression would write into / itself
    from warraq.writers.staging import unsafe_out_reason

    ms = tmp_path / "ms"
    assert "root" in unsafe_out_reason(Path("/"), ms, [ms / "parts"], home=tmp_path / "home")
    assert "root" in unsafe_out_reason(Path("/tmp/.."), ms, [ms / "parts"], home=tmp_path / "home")
    assert unsafe_out_reason(tmp_path / "build", ms, [ms / "parts"], home=tmp_path / "home") is None
