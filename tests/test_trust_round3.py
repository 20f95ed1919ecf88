"""Issue 29, round 3: Typer's and Click's own words in Arabic, the dates of
the apparatus, what the fuzzer of bench/fuzz_inputs.py found, and one
paragraph of many runs through the whole pipeline in linear time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import Run

LOCALE_VARS = ("WARRAQ_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
GOOD = "سلسلة (1)\nنص الحلقة الأولى.\n"


def warraq(*args: str, lang_env: dict[str, str], cwd: Path) -> Run:
    """The real CLI with exactly the locale variables given (the others unset)."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS} | lang_env | {"COLUMNS": "200"}
    proc = subprocess.run(
        [sys.executable, "-m", "warraq", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


ARABIC = ({"LANG": "ar_EG.UTF-8"}, ())  # the locale
ARABIC_FLAG = ({"LANG": "C.UTF-8"}, ("--lang", "ar"))  # the option


# ---------------------------------------------------------------- Typer's and Click's words


def test_the_help_screen_has_no_english_frame_in_arabic(tmp_path):
    for env, flag in (ARABIC, ARABIC_FLAG):
        for command in (("build",), ("quran",), ()):
            run = warraq(*flag, *command, "--help", lang_env=env, cwd=tmp_path)
            assert run.code == 0, run.err
            for english in ("Show this message and exit.", "Usage:", "Install completion", "Show completion"):
                assert english not in run.out, (env, command, english)
            assert "الاستخدام: warraq" in run.out, run.out[:300]
            assert "اعرض هذه الرسالة واخرج." in run.out
    run = warraq("--lang", "en", "build", "--help", lang_env=ARABIC[0], cwd=tmp_path)
    assert "Show this message and exit." in run.out and "Usage: warraq build" in run.out


def test_clicks_usage_errors_are_arabic_one_liners(tmp_path):
    cases = [
        (("inspect", "a", "b", "c"), "وسائط زائدة", "Got unexpected"),
        (("build", "--strict=maybe"), "لا يأخذ قيمة", "does not take a value"),
        (("quran",), "ينقص", "Missing argument"),
        (("build", "--nope"), "لا يوجد خيار", "No such option"),
        (("build", "-f", "xx"), "لا يقبل الخيار", "Invalid value"),
    ]
    for env, flag in (ARABIC, ARABIC_FLAG):
        for args, arabic, english in cases:
            run = warraq(*flag, *args, lang_env=env, cwd=tmp_path)
            assert run.code == 2, (args, run.err)
            assert run.err.count("\n") == 1 and run.err.startswith("warraq: خطأ: "), (args, run.err)
            assert arabic in run.err and english not in run.err, (args, run.err)
            assert "Try " not in run.err and "Usage" not in run.err and "Error" not in run.err


# ---------------------------------------------------------------- dates


def test_a_date_after_2100_is_named_as_out_of_range_not_as_no_date(make_book, tmp_path):
    root = make_book({"01.txt": GOOD}, extra='\n[parts."01.txt"]\npublished = 2150-03-15\n')
    run = warraq(
        "build", "-m", str(root), "-o", str(tmp_path / "o"), "-f", "html", lang_env={"LANG": "C.UTF-8"}, cwd=tmp_path
    )
    assert run.code != 0 and "Traceback" not in run.err
    (line,) = [x for x in run.err.splitlines() if x.startswith("warraq: error:")]
    assert "book.toml:9" in line and "2150-03-15" in line and "1800 to 2100" in line
    assert "is not a date" not in line


def test_a_date_before_the_hijri_calendar_is_a_finding_naming_the_line(make_book, tmp_path):
    extra = 'hijri = true\n\n[parts."01.txt"]\npublished = 1850-03-15\n'
    root = make_book({"01.txt": GOOD}, extra=extra)
    run = warraq("check", "-m", str(root), lang_env={"LANG": "C.UTF-8"}, cwd=tmp_path)
    assert run.code == 0, run.err
    assert "hijri-out-of-range" in run.out and "1850-03-15" in run.out and "1924-08-01" in run.out
    lines = run.out.splitlines()
    at = next(i for i, x in enumerate(lines) if "hijri-out-of-range" in x)
    assert lines[at].split()[0] == "9"  # book.toml: [book] 6 lines, hijri, a blank, then the table
    # within the calendar: no finding, and the Hijri date is printed
    (root / "book.toml").write_text((root / "book.toml").read_text().replace("1850", "2024"), "utf-8")
    run = warraq(
        "build", "-m", str(root), "-o", str(tmp_path / "o"), "-f", "html", lang_env={"LANG": "C.UTF-8"}, cwd=tmp_path
    )
    assert run.code == 0 and "hijri-out-of-range" not in run.err
    html = next((tmp_path / "o").glob("*.html")).read_text("utf-8")
    assert "١٤٤٥هـ" in html  # 15 March 2024 is 5 Ramadan 1445


# ---------------------------------------------------------------- hostile inputs


def test_libxml2s_reasons_the_fuzzer_met_are_arabic_in_an_arabic_error(make_book, tmp_path):
    import io
    import zipfile

    from tests.readers import docx_fixtures as word

    def damaged(fix) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(word.docx_bytes(word.sample_article())))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for info in source.infolist():
                data = source.read(info)
                z.writestr(info, fix(data) if info.filename == "word/document.xml" else data)
        return out.getvalue()

    cases = {
        "عمقها أكثر من": lambda d: d.replace(b"<w:body>", b"<w:body>" + b"<w:tbl>" * 300 + b"</w:tbl>" * 300, 1),
        "إشارة إلى حرف": lambda d: d.replace(b"<w:t>", b"<w:t>&#0;", 1),
        "ليست نصًّا": lambda d: d.replace(b"<w:t>", b"<w:t>\xff\xfe", 1),
    }
    for arabic, fix in cases.items():
        root = make_book({"01.txt": GOOD, "02.docx": damaged(fix)})
        run = warraq("--lang", "ar", "check", "-m", str(root), lang_env={"LANG": "C.UTF-8"}, cwd=tmp_path)
        assert run.code != 0 and "Traceback" not in run.err, run.err
        (line,) = [x for x in run.err.splitlines() if x.startswith("warraq: خطأ:")]
        assert "02.docx" in line and arabic in line, line
        assert not any(w in line for w in ("Excessive", "xmlParseCharRef", "Invalid bytes")), line
        import shutil

        shutil.rmtree(root)


def test_a_short_seeded_fuzz_of_every_reader_finds_no_traceback():
    """bench/fuzz_inputs.py with a small budget (the bench runs hundreds):
    every mutated part ends with exit 0 or one line naming its file."""
    from bench.fuzz_inputs import fuzz

    defects = fuzz(cases=8, seed=29, out=lambda _: None)
    assert defects == []
