"""Hostile and careless manuscripts through the real command line (issue 11,
the input side): each gets one clear line naming the file and line and a
non-zero exit, or a correct book with a finding `warraq check` shows; never a
traceback, never text lost or garbled without a word."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from .conftest import BOOK_TOML, ROOT, Run, run_cli
from .test_cli import assert_one_clear_error

GOOD = "سلسلة (1)\nفتح الشام:\nهذا هو الحق والحقيقة، في العالم كله.\n"
PARA = "هذا نص الحلقة، وفيه كلام كثير عن التاريخ والناس."


def build(root: Path, out: Path, *extra: str):
    return run_cli("build", "--manuscript", str(root), "--out", str(out), *extra)


def check_json(root: Path) -> list[dict]:
    result = run_cli("check", "--manuscript", str(root), "--format", "json")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    files = json.loads(result.out)["files"]
    return [{**f, "file_key": name} for name, group in files.items() for f in group]


# ------------------------------------------------------------ 1. part numbers


@pytest.mark.parametrize(
    ("parts", "fragments"),
    [
        ({"a.txt": "سلسلة (1000000000)\nنص.\n"}, ("a.txt:1", "1000000000", "title")),
        ({"a.md": "---\nnumber: " + "9" * 30 + "\ntitle: عنوان\n---\nنص.\n"}, ("a.md:2", "front matter")),
        ({"20240115-intro.txt": "مقدمة السلسلة\nنص.\n"}, ("20240115-intro.txt", "20240115", "file name")),
        ({"a.txt": "سلسلة (" + "٩" * 5000 + ")\nنص.\n"}, ("a.txt:1", "implausible")),
    ],
    ids=["title", "front-matter-30-digits", "file-named-like-a-date", "5000-digit-title"],
)
def test_a_runaway_part_number_is_an_error_naming_the_file(make_book, tmp_path, parts, fragments):
    root = make_book({"01.txt": GOOD, **parts})
    assert_one_clear_error(build(root, tmp_path / "b"), "implausible", *fragments)


def test_order_over_the_limit_names_its_line(make_book, tmp_path):
    root = make_book({"01.txt": GOOD, "x.txt": "مقدمة\nنص.\n"}, extra='[order]\n"x.txt" = 100000000000000000')
    assert_one_clear_error(build(root, tmp_path / "b"), "book.toml:8", "[order]")


def test_order_rescues_a_file_named_like_a_date(make_book, tmp_path):
    root = make_book(
        {"01.txt": GOOD, "20240115-intro.txt": "مقدمة السلسلة\nنص.\n"}, extra='[order]\n"20240115-intro.txt" = 2'
    )
    assert build(root, tmp_path / "b").code == 0


def test_a_wide_gap_is_reported_as_a_range(make_book, tmp_path):
    root = make_book({"01.txt": GOOD, "b.txt": "سلسلة (90000)\nنص آخر هنا.\n", "c.txt": "سلسلة (3)\nنص.\n"})
    gaps = [f for f in check_json(root) if f["rule"] == "part-gap"]
    messages = sorted(f["message"] for f in gaps)
    assert messages == ["part 2 is missing (between 1 and 3)", "parts 4–89999 are missing (between 3 and 90000)"]
    report = build(root, tmp_path / "b")
    assert report.code == 0
    assert (tmp_path / "b" / "report.json").stat().st_size < 100_000


@pytest.mark.parametrize("value", ["²", "٣a", "-1", "1e3"])
def test_front_matter_number_that_is_not_a_number(make_book, tmp_path, value):
    root = make_book({"01.md": f"---\nnumber: {value}\ntitle: عنوان\n---\nنص.\n"})
    assert_one_clear_error(build(root, tmp_path / "b"), "01.md:2", "not a number")


def test_superscript_digit_after_a_series_word(make_book, tmp_path):
    root = make_book({"01.txt": GOOD, "x.txt": "الحلقة ²\nنص.\n"})
    result = build(root, tmp_path / "b")
    assert_one_clear_error(result, "x.txt:1", "no part number")


# ------------------------------------------------------------ 2. characters XML forbids


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x0c", "form feed"), ("\ufffe", "U+FFFE"), ("\uffff", "U+FFFF"), ("\x0b", "U+000B"), ("\x1b", "U+001B")],
)
def test_a_character_xml_forbids_in_a_part_is_refused_with_its_line(make_book, tmp_path, char, name):
    root = make_book({"01.txt": f"سلسلة (1)\nسطر أول.\nسطر{char}ثان.\n"})
    out = tmp_path / "b"
    line = assert_one_clear_error(build(root, out, "--format", "epub"), "01.txt:3", name)
    assert not out.exists() or not list(out.glob("*.epub")), line


@pytest.mark.parametrize(
    ("toml", "where"),
    [
        ('subtitle = "a\\fb"', "book.toml:7"),
        ('series = "\\u0001"', "book.toml:7"),
        ('publisher = "\\uFFFF"', "book.toml:7"),
        ('description = "x\\by"', "book.toml:7"),
    ],
)
def test_a_character_xml_forbids_in_book_toml(make_book, tmp_path, toml, where):
    root = make_book({"01.txt": GOOD}, extra=toml.replace("\\\\", "\\"))
    assert_one_clear_error(build(root, tmp_path / "b", "--format", "epub"), where, "no EPUB may hold it")


def test_a_control_character_in_the_title_is_one_line(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    toml = (root / "book.toml").read_text("utf-8").replace('title = "كتاب تجريبي"', 'title = "كتاب\\u0007تجريبي"')
    (root / "book.toml").write_text(toml, "utf-8")
    assert_one_clear_error(build(root, tmp_path / "b", "--format", "epub"), "book.toml:2", "U+0007")


def test_a_character_xml_forbids_in_sources_toml(make_book, tmp_path):
    sources = '[[source]]\nkey = "t"\nkind = "book"\ntitle = "تاريخ\\u000cالطبري"\n'
    root = make_book({"01.txt": GOOD}, sources=sources)
    assert_one_clear_error(build(root, tmp_path / "b"), "sources.toml:4", "form feed")


def test_a_stylesheet_with_a_control_character_is_refused(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    (root / "styles").mkdir()
    (root / "styles" / "book.css").write_text("p {}\n/* \x0c */\n", "utf-8")
    assert_one_clear_error(build(root, tmp_path / "b", "--format", "epub"), "book.css:2", "form feed")


# ------------------------------------------------------------ 4. mixed encodings


def test_a_utf8_line_in_a_windows_1256_file_is_read_right_and_reported(make_book, tmp_path):
    body = "سلسلة (1)\n".encode("cp1256") + "سطر منسوخ من صفحة أخرى\n".encode() + f"{PARA}\n".encode("cp1256")
    root = make_book({"01.txt": body})
    assert build(root, tmp_path / "b").code == 0
    html = (tmp_path / "b" / "test-book.html").read_text("utf-8")
    assert "سطر منسوخ من صفحة أخرى" in html and PARA in html
    assert "ط³" not in html
    found = [f for f in check_json(root) if f["rule"] == "mixed-encoding"]
    assert [(f["file"].endswith("01.txt"), f["line"]) for f in found] == [(True, 2)], found


def test_utf8_saved_after_a_windows_1256_misreading_is_repaired_and_reported(make_book, tmp_path):
    garbled = "سطر منسوخ".encode().decode("cp1256")  # ط³ط·ط± ظ…ظ†ط³ظˆط®
    root = make_book({"01.txt": f"سلسلة (1)\n{PARA}\n{garbled}\n"})
    assert build(root, tmp_path / "b").code == 0
    html = (tmp_path / "b" / "test-book.html").read_text("utf-8")
    assert "سطر منسوخ" in html and garbled not in html
    found = [f for f in check_json(root) if f["rule"] == "mixed-encoding"]
    assert [f["line"] for f in found] == [3]


@pytest.mark.parametrize("saved", ["windows-1256", "utf-8"])
def test_utf8_run_inside_a_line_is_repaired_and_reported(make_book, tmp_path, saved):
    # a Windows-1256 line with UTF-8 bytes pasted at its end; a UTF-8 line
    # with already-garbled text in its middle: both come back as Arabic
    if saved == "windows-1256":
        line = "فقرة-مختلطة-د ".encode("cp1256") + "سطر-منسوخ من صفحة".encode()
        body = f"سلسلة (1)\n{PARA}\n".encode("cp1256") + line + b"\n"
        shown = "فقرة-مختلطة-د سطر-منسوخ من صفحة"
    else:
        garbled = "سطر-منسوخ من صفحة".encode().decode("cp1256")
        body = f"سلسلة (1)\n{PARA}\nفقرة سليمة ثم {garbled} وبعده كلام.\n".encode()
        shown = "فقرة سليمة ثم سطر-منسوخ من صفحة وبعده كلام."
    root = make_book({"01.txt": body})
    assert build(root, tmp_path / "b").code == 0
    html = (tmp_path / "b" / "test-book.html").read_text("utf-8")
    assert shown in html and "ط³" not in html
    found = [f for f in check_json(root) if f["rule"] == "mixed-encoding"]
    assert [(f["file"].endswith("01.txt"), f["line"], f["level"]) for f in found] == [(True, 3, "warning")], found
    assert "ط³ط·ط±" in found[0]["message"] and "repaired" in found[0]["message"]


def test_real_arabic_with_many_taa_is_not_taken_for_mojibake(make_book, tmp_path):
    text = "سلسلة (1)\nطلب الطالب ظلّ الطريق فقط، وظهر الظلم والطغيان.\n"
    root = make_book({"01.txt": text.encode("cp1256")})
    assert not [f for f in check_json(root) if f["rule"] == "mixed-encoding"]


# ------------------------------------------------------------ 5 and 6. book.toml values


@pytest.mark.parametrize(
    ("extra", "fragments"),
    [
        ("[print]\nfont_size_pt = 0", ("book.toml:8", "font_size_pt")),
        ("[print]\nfont_size_pt = inf", ("book.toml:8", "font_size_pt")),
        ("[print]\nfont_size_pt = nan", ("book.toml:8", "font_size_pt")),
        ("[print]\nfont_size_pt = 300", ("book.toml:8", "font_size_pt", "7 to 24")),
        ("[print]\nwidth_mm = 50\nheight_mm = 50", ("book.toml:8", "width_mm", "90 to 450")),
        (
            "[print]\nwidth_mm = 100\nheight_mm = 150\nfont_size_pt = 20",
            ("book.toml:10", "too large", "at most 15.8 pt"),
        ),
        ("[print]\nwidth_mm = nan\nheight_mm = 200", ("book.toml:8", "width_mm")),
        ("[print]\nwidth_mm = -148\nheight_mm = 210", ("book.toml:8", "width_mm")),
        ("[print]\nwidth_mm = 148\nheight_mm = 1e9", ("book.toml:9", "height_mm")),
        ("[print]\nbleed_mm = 1e9", ("book.toml:8", "bleed_mm")),
        ("[print]\nbleed_mm = -3", ("book.toml:8", "bleed_mm")),
        ("[dedup]\nmin_words = 1000000000", ("book.toml:8", "min_words")),
        ("[dedup]\nnear_threshold = nan", ("book.toml:8", "near_threshold")),
        ('date = "9999-12-31T23:00:00-05:00"', ("book.toml:7", "date")),
        ('date = "yesterday"', ("book.toml:7", "date", "ISO 8601")),
        ('date = "1850-01-01"', ("book.toml:7", "date")),
        ('language = "arabic language"', ("book.toml:4", "language", "BCP 47")),
        ('language = "ar_EG"', ("book.toml:4", "language")),
        ("series_position = 10000000000", ("book.toml:7", "series_position")),
    ],
)
def test_a_book_toml_value_out_of_range_names_its_line(make_book, tmp_path, extra, fragments):
    if extra.startswith("language"):  # replaces the fixture's language (line 4)
        root = make_book({"01.txt": GOOD})
        text = (root / "book.toml").read_text("utf-8").replace('language = "ar"', extra)
        (root / "book.toml").write_text(text, "utf-8")
    else:  # at line 7, in [book], or a table of its own
        root = make_book({"01.txt": GOOD}, extra=extra)
    assert_one_clear_error(build(root, tmp_path / "b", "--format", "epub"), *fragments)


@pytest.mark.parametrize(
    "language", ["ar", "ar-EG", "fa-IR", "ar-Arab-EG", "en-GB-oxendict", "x-private", "ar-u-nu-arab"]
)
def test_well_formed_language_tags_are_accepted(make_book, tmp_path, language):
    root = make_book({"01.txt": GOOD})
    text = (root / "book.toml").read_text("utf-8").replace('language = "ar"', f'language = "{language}"')
    (root / "book.toml").write_text(text, "utf-8")
    result = run_cli("inspect", "--manuscript", str(root))
    assert result.code == 0, result.err


def test_a_one_megabyte_title_is_refused(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    text = (root / "book.toml").read_text("utf-8").replace("كتاب تجريبي", "ع" * 1_000_000)
    (root / "book.toml").write_text(text, "utf-8")
    assert_one_clear_error(build(root, tmp_path / "b", "--format", "epub"), "book.toml:2", "title", "limit")


def test_the_longest_title_allowed_makes_a_cover(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    title = "ع" * 500  # one word wider than the cover
    text = (root / "book.toml").read_text("utf-8").replace("كتاب تجريبي", title)
    (root / "book.toml").write_text(text, "utf-8")
    result = build(root, tmp_path / "b", "--format", "epub")
    assert result.code == 0, result.err
    with zipfile.ZipFile(tmp_path / "b" / "test-book.epub") as z:
        assert any(n.endswith(".png") and "cover" in n for n in z.namelist())


def test_a_book_css_not_in_utf8_is_one_line(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    (root / "styles").mkdir()
    (root / "styles" / "book.css").write_bytes("p { font-family: 'خط'; }\n".encode("cp1256"))
    assert_one_clear_error(build(root, tmp_path / "b"), "book.css:1", "UTF-8")


def run_without_root(*args: str):
    """Run the CLI as a user file permissions apply to (as root: `nobody`,
    through setpriv), on a book in a folder that user can reach."""
    if os.geteuid() != 0:
        return run_cli(*args)
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv")
    proc = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "warraq", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "XDG_CACHE_HOME": args[-1], "HOME": args[-1] + "/.home"},
        timeout=600,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def open_book(tmp_path):
    """A book in a folder every user can read, with an output folder any user may write."""
    base = Path(tempfile.mkdtemp(prefix="warraq-perm-"))
    base.chmod(0o755)
    root = base / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(BOOK_TOML.format(extra=""), "utf-8")
    (root / "parts" / "01.txt").write_text(GOOD, "utf-8")
    out = base / "out"
    out.mkdir()
    out.chmod(0o777)
    yield root, out
    for p in base.rglob("*"):
        p.chmod(0o777) if p.is_dir() else None
    shutil.rmtree(base)


def test_an_unreadable_book_css_is_one_line(open_book, tmp_path):
    root, out = open_book
    (root / "styles").mkdir()
    css = root / "styles" / "book.css"
    css.write_text("p {}\n", "utf-8")
    css.chmod(0)
    result = run_without_root("build", "--manuscript", str(root), "--out", str(out))
    assert_one_clear_error(result, "book.css", "cannot read")


def test_a_parts_folder_without_read_permission_is_one_line(open_book, tmp_path):
    root, out = open_book
    (root / "parts").chmod(0o311)
    result = run_without_root("build", "--manuscript", str(root), "--out", str(out))
    assert_one_clear_error(result, "parts", "cannot read")


# ------------------------------------------------------------ 7. smaller


def test_a_dangling_symlink_part_is_reported(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    (root / "parts" / "02.txt").symlink_to(tmp_path / "gone.txt")
    assert_one_clear_error(build(root, tmp_path / "b"), "02.txt", "broken link")


@pytest.mark.parametrize("title", ['a"b', "back\\slash", 'ق"و\\ل «م»'])
def test_init_escapes_the_title_in_toml(tmp_path, title):
    target = tmp_path / "book"
    result = run_cli("init", str(target), "--title", title, "--author", 'x"y')
    assert result.code == 0, result.err
    data = tomllib.loads((target / "book.toml").read_text("utf-8"))
    assert data["book"]["title"] == title and data["book"]["author"] == 'x"y'
    assert run_cli("inspect", "--manuscript", str(target)).code == 0


@pytest.mark.parametrize("title", ["", "   ", "a\nb"])
def test_init_refuses_an_empty_or_multiline_title(tmp_path, title):
    result = run_cli("init", str(tmp_path / "book"), "--title", title)
    assert_one_clear_error(result, "title")
    assert not (tmp_path / "book" / "book.toml").exists()


def test_styles_list_names_warraqs_stylesheets():
    result = run_cli("styles", "--list")
    assert result.code == 0, result.err
    names = [Path(line).name for line in result.out.splitlines()]
    assert {"base.css", "epub.css", "print.css", "screen.css"} <= set(names)
    assert all(Path(line).is_file() for line in result.out.splitlines())


# ------------------------------------------------------------ 8. references after «الآية»

NISA_59 = "يا أيها الذين آمنوا أطيعوا الله وأطيعوا الرسول وأولي الأمر منكم"
NISA_59_END = "ذلك خير وأحسن تأويلا"
MAIDA_106 = "يَا أَيُّهَا الَّذِينَ آمَنُوا شَهَادَةُ بَيْنِكُمْ إِذَا حَضَرَ أَحَدَكُمُ الْمَوْتُ"
KURSI = "الله لا إله إلا هو الحي القيوم لا تأخذه سنة ولا نوم"


@pytest.mark.parametrize(
    ("line", "lead", "shown", "rule"),
    [
        (f"﴿{NISA_59}﴾ الآية (النساء: ٥٩)", "الآية", "[النساء: ٥٩]", "quran-ref-confirmed"),
        (f"قال تعالى: ﴿{MAIDA_106}﴾ الآيةَ [المائدة: ١٠٦] وهذا نص.", "الآيةَ", "[المائدة: ١٠٦]", "quran-ref-confirmed"),
        (f"﴿{KURSI}﴾، (البقرة: 255)", "،", "[البقرة: ٢٥٥]", "quran-ref-confirmed"),
        (f"﴿{KURSI}﴾ الآياتِ [البقرة: ٢٥٥-٢٥٧]", "الآياتِ", "[البقرة: ٢٥٥-٢٥٧]", "quran-ref-confirmed"),
        (f"وفي الكرسي: {{{KURSI}}} الاية (البقرة: ٢٥٦) وغيرها.", "الاية", "[البقرة: ٢٥٥]", "quran-ref-corrected"),
        (f"﴿{NISA_59}﴾ الآية: [4: 59]", None, "[النساء: ٥٩]", "quran-ref-added"),
        (f"﴿{NISA_59}﴾ الآية (النساء: ٩٩٩)", "الآية", "[النساء: ٥٩]", "quran-ref-corrected"),
        (f"﴿{NISA_59}﴾ [النساء: 599]", "", "[النساء: ٥٩]", "quran-ref-corrected"),
    ],
    ids=[
        "ayah-parens",
        "ayah-fatha-brackets-inline",
        "comma-western",
        "ayat-range",
        "braces-wrong-ref",
        "not-a-ref",
        "ayah-out-of-range",
        "no-such-ayah",
    ],
)
def test_a_reference_typed_after_the_ayah_word_is_the_verses_own(make_book, tmp_path, line, lead, shown, rule):
    root = make_book({"01.txt": f"سلسلة (1)\n{PARA}\n{line}\n"})
    assert build(root, tmp_path / "b").code == 0
    html = (tmp_path / "b" / "test-book.html").read_text("utf-8")
    body = html[html.index('id="part-1"') :]
    assert body.count('class="verse-ref') == 1, body  # never a second reference
    assert shown in body
    if lead is not None:
        # no-break spaces: the reference never opens a line (issue 26)
        assert re.search(f'</span>\u00a0?{lead}\u00a0<span class="verse-ref', body), body
    rules = [f["rule"] for f in check_json(root) if f["kind"] == "quran"]
    assert rule in rules and ("quran-ref-added" not in rules or rule == "quran-ref-added"), rules


def test_a_verse_continued_after_ila_qawlihi_has_one_reference(make_book, tmp_path):
    line = f"﴿{NISA_59}﴾ إلى قوله تعالى: ﴿{NISA_59_END}﴾ [النساء: ٥٩]"
    root = make_book({"01.txt": f"سلسلة (1)\n{PARA}\n{line}\n"})
    assert build(root, tmp_path / "b").code == 0
    html = (tmp_path / "b" / "test-book.html").read_text("utf-8")
    body = html[html.index('id="part-1"') :]
    assert body.count('class="verse-ref') == 1 and "[النساء: ٥٩]" in body
    rules = [f["rule"] for f in check_json(root) if f["kind"] == "quran"]
    assert "quran-ref-added" not in rules and "quran-ref-confirmed" in rules


# ------------------------------------------------------------ 9. scene breaks

BREAK_LINES = ["***", "* * *", "•••", "⁂", "ـــــ", "~~~", "---", "- - -", "※"]


def test_ornament_lines_are_scene_breaks_in_every_output(make_book, tmp_path):
    from tests.writers.epub_fixtures import epubcheck

    text = ["سلسلة (1)", PARA]
    for n, mark in enumerate(BREAK_LINES):
        text += [mark, f"مشهد رقم {n} من الحكاية بعد الفاصل."]
    md = "---\nnumber: 2\ntitle: سلسلة (2)\n---\n\nنص.\n\n***\n\nمشهد.\n\n* * *\n\nمشهد آخر.\n\n"
    md += "•••\n\nوأخير.\n\n⁂\n\nتم.\n"
    root = make_book({"01.txt": "\n".join(text) + "\n", "02.md": md})
    inspect = run_cli("inspect", "--manuscript", str(root))
    assert inspect.out.count(" break") == len(BREAK_LINES) + 4, inspect.out
    out = tmp_path / "b"
    result = build(root, out, "--format", "all")
    assert result.code == 0, result.err
    html = (out / "test-book.html").read_text("utf-8")
    assert html.count('<hr class="break"') == len(BREAK_LINES) + 4
    for mark in ("•••", "⁂</p>", "ـــــ", "~~~"):
        assert mark not in html.split("<body", 1)[1]  # drawn by the stylesheet, not as text
    with zipfile.ZipFile(out / "test-book.epub") as z:
        xhtml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
        css = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".css"))
    assert xhtml.count('<hr class="break"') == len(BREAK_LINES) + 4
    assert 'content: "⁂"' in css
    assert not [m for m in epubcheck(out / "test-book.epub") if m["severity"] in ("ERROR", "FATAL")]
    pdf_text = subprocess.run(["pdftotext", str(out / "test-book.pdf"), "-"], capture_output=True, text=True).stdout
    assert pdf_text.count("⁂") == len(BREAK_LINES) + 4


def test_scene_breaks_are_never_repeated_text(make_book, tmp_path):
    part = (
        "سلسلة ({n})\n" + PARA + " {n}\n* * *\nمشهد الحلقة {n} وحده هنا بكلمات كثيرة مختلفة عن غيره.\n•••\nختام {n}.\n"
    )
    root = make_book({f"0{n}.txt": part.format(n=n) for n in (1, 2, 3)})
    findings = check_json(root)
    assert not [f for f in findings if f["kind"] == "dedup"], findings
    result = build(root, tmp_path / "b")
    assert result.code == 0
    assert (tmp_path / "b" / "test-book.html").read_text("utf-8").count('<hr class="break"') == 6


# ------------------------------------------------------------ 3 and 5. Markdown


def md_part(body: str) -> str:
    return f"---\nnumber: 1\ntitle: سلسلة (1)\n---\n\n{PARA}\n\n{body}"


def test_quotes_and_lists_nested_past_markdown_its_default_limit_stay_in_the_book(make_book, tmp_path):
    quote = "> " * 30 + "نص في اقتباس عميق\n\n"
    items = "".join("  " * i + f"- عنصر رقم {i}\n" for i in range(30))
    root = make_book({"01.md": md_part(quote + items + "\nفقرة بعد القائمة.\n")})
    assert build(root, tmp_path / "b").code == 0
    html = (tmp_path / "b" / "test-book.html").read_text("utf-8")
    for text in ["نص في اقتباس عميق", "عنصر رقم 0", "عنصر رقم 29", "فقرة بعد القائمة."]:
        assert text in html, text


@pytest.mark.parametrize(
    "body",
    ["> " * 120 + "نص\n", "".join("  " * i + f"- عنصر {i}\n" for i in range(80))],
    ids=["quotes", "lists"],
)
def test_nesting_markdown_it_would_drop_is_refused_with_its_line(make_book, tmp_path, body):
    root = make_book({"01.md": md_part(body + "\nبعد.\n")})
    assert_one_clear_error(build(root, tmp_path / "b"), "01.md:", "nested too deeply")


def test_footnotes_defined_but_never_called_or_twice_are_reported(make_book, tmp_path):
    body = "نص الحاشية[^1].\n\n[^1]: تعريف أول.\n\n[^2]: حاشية لم تستدع.\n\n[^1]: تعريف ثان.\n"
    root = make_book({"01.md": md_part(body)})
    found = {(f["rule"], f["line"]) for f in check_json(root) if f["kind"] == "markdown"}
    assert found == {("md-footnote-uncalled", 12), ("md-footnote-twice", 14)}  # lines counted by hand
    result = build(root, tmp_path / "b")
    assert result.code == 0
    assert "01.md:12" in result.err and "01.md:14" in result.err  # on the terminal too
    report = json.loads((tmp_path / "b" / "report.json").read_text("utf-8"))
    assert {f["rule"] for f in report["findings"]} >= {"md-footnote-uncalled", "md-footnote-twice"}


def test_500_stars_around_a_word_build(make_book, tmp_path):
    root = make_book({"01.md": md_part("*" * 500 + "كلمة" + "*" * 500 + "\n")})
    result = build(root, tmp_path / "b", "--format", "epub")
    assert result.code == 0, result.err[-2000:]
    with zipfile.ZipFile(tmp_path / "b" / "test-book.epub") as z:
        assert any("كلمة" in z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
    assert ("md-emphasis-depth", 8) in {(f["rule"], f["line"]) for f in check_json(root)}


# ------------------------------------------------------------ found by fuzzing the CLI


@pytest.mark.parametrize("entity", ["&#12;", "&#x0C;", "&#x000c;"])  # markdown-it makes &#8; U+FFFD itself
def test_a_forbidden_character_typed_as_an_entity_in_markdown_is_refused(make_book, tmp_path, entity):
    root = make_book({"01.md": md_part(f"نص {entity} آخر.\n")})
    assert_one_clear_error(build(root, tmp_path / "b", "--format", "epub"), "01.md:8", "entity")


@pytest.mark.parametrize("title", ["\\u200f", "\\u00a0\\u200e", "\\u202e\\u202b"])
def test_a_title_without_a_visible_character_is_refused(make_book, tmp_path, title):
    root = make_book({"01.txt": GOOD})
    text = (root / "book.toml").read_text("utf-8").replace("كتاب تجريبي", title)
    (root / "book.toml").write_text(text, "utf-8")
    assert_one_clear_error(build(root, tmp_path / "b"), "book.toml:2", "visible")


@pytest.mark.parametrize(
    ("date", "dc_date"),
    [("2024-W03-1", "2024-01-15"), ("20240115", "2024-01-15"), ("2024-01-15T10:30:00+03:00", "2024-01-15")],
)
def test_any_iso_date_is_written_as_epub_wants_it(make_book, tmp_path, date, dc_date):
    root = make_book({"01.txt": GOOD}, extra=f'date = "{date}"')
    result = build(root, tmp_path / "b", "--format", "epub")
    assert result.code == 0, result.err
    with zipfile.ZipFile(tmp_path / "b" / "test-book.epub") as z:
        opf = next(z.read(n).decode() for n in z.namelist() if n.endswith(".opf"))
    assert f">{dc_date}</dc:date>" in opf, opf


def test_a_number_of_thousands_of_digits_in_book_toml(make_book, tmp_path):
    root = make_book({"01.txt": GOOD}, extra="[print]\nfont_size_pt = " + "9" * 5000)
    assert_one_clear_error(build(root, tmp_path / "b"), "book.toml:8", "digits")


def test_a_number_of_thousands_of_digits_in_sources_toml(make_book, tmp_path):
    sources = '[[source]]\nkey = "h"\nkind = "hadith"\ncollection = "صحيح"\nnumber = ' + "7" * 5000 + "\n"
    root = make_book({"01.txt": GOOD}, sources=sources)
    assert_one_clear_error(build(root, tmp_path / "b"), "sources.toml:5", "digits")


def test_a_verse_reference_with_a_runaway_ayah_number(make_book, tmp_path):
    line = f"﴿{NISA_59}﴾ (النساء: {'5' * 5000})"
    root = make_book({"01.txt": f"سلسلة (1)\n{PARA}\n{line}\n"})
    result = build(root, tmp_path / "b")
    assert result.code == 0, result.err[-1500:]
    assert "[النساء: ٥٩]" in (tmp_path / "b" / "test-book.html").read_text("utf-8")


def test_a_quote_mark_in_an_uncalled_footnote_is_not_a_traceback(make_book, tmp_path):
    # found by tests/readers/test_hostile_properties.py: the footnote plugin leaves a stray blockquote_close
    root = make_book({"01.md": md_part("[^1]: >[^1]: \n")})
    assert [f["rule"] for f in check_json(root) if f["kind"] == "markdown"] == ["md-footnote-uncalled"]
    assert build(root, tmp_path / "b").code == 0


# ------------------------------------------------------------ nothing outside the project


def test_a_part_linking_outside_the_project_is_refused(make_book, tmp_path):
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("سلسلة (2)\nسر لا يخرج من صاحبه.\n", "utf-8")
    root = make_book({"01.txt": GOOD})
    (root / "parts" / "02.txt").symlink_to(secret)
    result = build(root, tmp_path / "b")
    assert_one_clear_error(result, "02.txt", "outside the project")
    assert not (tmp_path / "b").exists() or "سر لا يخرج" not in "".join(
        p.read_text("utf-8", "replace") for p in (tmp_path / "b").rglob("*.html")
    )


def test_a_part_linking_inside_the_project_is_read(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    (root / "drafts").mkdir()
    (root / "drafts" / "two.txt").write_text("سلسلة (2)\nنص الحلقة الثانية.\n", "utf-8")
    (root / "parts" / "02.txt").symlink_to(root / "drafts" / "two.txt")
    assert build(root, tmp_path / "b").code == 0


@pytest.mark.parametrize("setting", ["parts", "styles", "cover"])
def test_book_toml_paths_outside_the_project_are_refused(make_book, tmp_path, setting):
    outside = tmp_path.parent / f"{tmp_path.name}-outside"  # the project is tmp_path (ms/..)
    outside.mkdir()
    (outside / "01.txt").write_text(GOOD, "utf-8")
    (outside / "cover.png").write_bytes((ROOT / "docs" / "page.png").read_bytes())
    target = outside / "cover.png" if setting == "cover" else outside
    root = make_book({"01.txt": GOOD}, extra=f'{setting} = "{target}"')
    assert_one_clear_error(build(root, tmp_path / "b"), "book.toml:7", "outside the project")


@pytest.mark.parametrize(
    ("front", "fragments"),
    [
        ("number: 1\ntitle: [", ("01.md:3", "title", "YAML")),
        ("number: 1\ntitle: {a: b}", ("01.md:3", "title", "YAML")),
        ("number: 1\ntitle: |", ("01.md:3", "title", "YAML")),
        ('number: 1\ntitle: "عنوان', ("01.md:3", "title", "not closed")),
        ("number: 1\ntitle:", ("01.md:3", "title", "empty")),
        ("number: x", ("01.md:2", "'x'", "not a number")),
        ("title: عنوان\nnumber: [1]", ("01.md:3", "number", "YAML")),
    ],
    ids=["open-bracket", "mapping", "block", "open-quote", "empty", "number-no-title", "number-list"],
)
def test_broken_front_matter_names_its_line(make_book, tmp_path, front, fragments):
    root = make_book({"01.md": f"---\n{front}\n---\nنص.\n"})
    line = assert_one_clear_error(build(root, tmp_path / "b"), *fragments)
    assert "no title" not in line


def test_quoted_front_matter_title_may_start_with_a_bracket(make_book, tmp_path):
    root = make_book({"01.md": '---\nnumber: 1\ntitle: "[مقدمة] الكتاب"\n---\nنص.\n'})
    assert build(root, tmp_path / "b", "-f", "html").code == 0
    assert "[مقدمة] الكتاب" in (tmp_path / "b" / "test-book.html").read_text("utf-8")
