"""The command line in Arabic and in English, as an author runs it: the
language from LANG (WARRAQ_LANG unset), or `--lang` anywhere in the command;
golden lines for a bad part and for a build; the default formats of
`warraq build`; the progress display (rich on a terminal, plain lines
otherwise, nothing with --quiet) and the PDF's count of documents typeset.

The Arabic lines below were read and checked by hand, not copied from a run.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from warraq import cli
from warraq.i18n import FSI, LRI, PDI, msg, set_language
from warraq.model import Finding, Provenance

from .conftest import ROOT, Run

GOOD = "سلسلة (1)\nنص الحلقة الأولى.\n"
LATIN = "Café crème à Noël\n".encode("latin-1")  # neither UTF-8 nor Windows-1256
LOCALE_VARS = ("WARRAQ_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def warraq(*args: str, lang_env: dict[str, str], cwd: Path) -> Run:
    """The real CLI with exactly the locale variables given (the others unset)."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS} | lang_env
    proc = subprocess.run(
        [sys.executable, "-m", "warraq", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


ARABIC_LOCALE = {"LANG": "ar_EG.UTF-8"}

STEPS_AR = [
    "warraq: قراءة الأجزاء",
    "warraq: حذف المقاطع المكررة",
    "warraq: تعرّف الآيات القرآنية",
    "warraq: تعرّف الأحاديث",
    "warraq: إضافة حواشي المصادر",
    "warraq: ترقيم الحواشي",
    "warraq: تطبيق إعدادات التنضيد",
    f"warraq: كتابة {LRI}html{PDI}",
]
STEPS_EN = [
    "warraq: reading parts",
    "warraq: removing repeated passages",
    "warraq: identifying Qur'an verses",
    "warraq: identifying hadith",
    "warraq: adding source notes",
    "warraq: numbering the notes",
    "warraq: setting the typography",
    "warraq: writing html",
]


def test_build_speaks_the_locale_and_lang_overrides_it(make_book):
    root = make_book({"01.txt": GOOD})
    where = root.parent
    arabic = warraq("build", "-f", "html", "-m", "ms", "-o", "out", lang_env=ARABIC_LOCALE, cwd=where)
    assert arabic.code == 0, arabic.err
    assert arabic.err.splitlines() == STEPS_AR
    assert arabic.out.splitlines()[0] == "out/test-book.html"
    for args in (("--lang", "en", "build"), ("build", "--lang", "en"), ("build", "--lang=en")):
        english = warraq(*args, "-f", "html", "-m", "ms", "-o", "out", lang_env=ARABIC_LOCALE, cwd=where)
        assert english.code == 0, english.err
        assert english.err.splitlines() == STEPS_EN
    # WARRAQ_LANG wins over the locale, --lang over WARRAQ_LANG
    env = {"LANG": "en_US.UTF-8", "WARRAQ_LANG": "ar"}
    assert warraq("build", "-f", "html", "-m", "ms", "-o", "out", lang_env=env, cwd=where).err.splitlines() == STEPS_AR
    run = warraq("build", "--lang", "en", "-f", "html", "-m", "ms", "-o", "out", lang_env=env, cwd=where)
    assert run.err.splitlines() == STEPS_EN


def test_a_bad_part_is_one_line_naming_file_and_line_in_either_language(make_book):
    root = make_book({"01.txt": GOOD, "02.txt": LATIN})
    where = root.parent
    english = warraq("build", "-q", "-f", "html", "-m", "ms", "-o", "out", lang_env={"LANG": "C.UTF-8"}, cwd=where)
    assert english.code == 2 and "Traceback" not in english.err
    assert english.err.splitlines() == [
        "warraq: error: ms/parts/02.txt:1: unknown encoding: not UTF-8, UTF-16 with BOM or Windows-1256 "
        "(first bad byte 0xe9)"
    ]
    arabic = warraq("build", "-q", "-f", "html", "-m", "ms", "-o", "out", lang_env=ARABIC_LOCALE, cwd=where)
    assert arabic.code == 2 and "Traceback" not in arabic.err
    (line,) = arabic.err.splitlines()
    # «خطأ», then the place isolated left to right, then the reader's message
    prefix = f"warraq: خطأ: {LRI}ms/parts/02.txt:1{PDI}: "
    assert line.startswith(prefix), line
    message = line[len(prefix) :]
    assert message
    assert not re.search("[A-Za-z]{3,}", re.sub(f"{LRI}[^{PDI}]*{PDI}", "", message)), message


def test_strict_check_fails_in_arabic(make_book):
    root = make_book({"01.txt": "حلقة (١)\nقال لهم «لا أدري ثم سكت.\nنص سليم.\n"})
    run = warraq("check", "-m", "ms", "--strict", lang_env=ARABIC_LOCALE, cwd=root.parent)
    assert run.code == 6 and "Traceback" not in run.err
    assert run.err.splitlines()[-1] == f"warraq: خطأ: ملاحظة واحدة بمستوى خطأ ({LRI}--strict{PDI})"


def test_help_is_arabic_under_an_arabic_locale(tmp_path):
    wide = ARABIC_LOCALE | {"COLUMNS": "200"}  # a help text on one line
    run = warraq("build", "--help", lang_env=wide, cwd=tmp_path)
    assert run.code == 0
    assert "ابنِ الكتاب" in run.out and "لا تحذف المقاطع المكررة" in run.out
    assert "─ الخيارات ─" in run.out and "[الافتراضي: manuscript]" in run.out  # Typer's frame too
    run = warraq("--lang", "en", "build", "--help", lang_env=wide, cwd=tmp_path)
    assert "Do not remove repeated passages." in run.out
    assert "─ Options ─" in run.out and "[default: manuscript]" in run.out


# ---------------------------------------------------------------- what `build` builds


def test_build_without_format_builds_what_the_book_is_set_up_for(make_book):
    root = make_book({"01.txt": GOOD})
    run = warraq("build", "-q", "-m", "ms", "-o", "out", lang_env={"LANG": "C.UTF-8"}, cwd=root.parent)
    assert run.code == 0, run.err
    names = {Path(line).name for line in run.out.splitlines()}
    assert {"test-book.html", "test-book.epub", "test-book.pdf", "report.json"} <= names
    assert not any("cover" in name for name in names)  # no blurb, no cover image: nothing for a cover's back


def test_a_book_with_a_description_gets_its_cover_too(make_book):
    root = make_book({"01.txt": GOOD}, extra='description = "سلسلة مقالات."')
    from warraq.config import load_config
    from warraq.pipeline import default_formats

    assert default_formats(load_config(root)) == ("html", "epub", "pdf", "cover")
    (root / "book.toml").write_text((root / "book.toml").read_text().replace('description = "سلسلة مقالات."', ""))
    assert default_formats(load_config(root)) == ("html", "epub", "pdf")


def test_formats_asked_for_are_built_once_each_in_order():
    F = cli.Format
    assert cli.build_formats([]) is None
    assert cli.build_formats([F.pdf, F.html, F.pdf]) == ("html", "pdf")
    assert cli.build_formats([F.all]) == ("html", "epub", "pdf", "cover")


# ---------------------------------------------------------------- the summary


def capture(monkeypatch, terminal: bool = False) -> io.StringIO:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=terminal, width=100, highlight=False, soft_wrap=True)
    monkeypatch.setattr(cli, "err", console)
    return buf


FINDINGS = [
    Finding("dedup", "run", "repeated passage removed", Provenance("parts/01.txt", 3, 5)),
    Finding("dedup", "run", "repeated passage removed", Provenance("parts/01.txt", 9)),
    Finding("note", "src-match", "footnote added", Provenance("parts/01.txt", 12), level="warning"),
]


def test_the_summary_in_arabic(monkeypatch):
    buf = capture(monkeypatch)
    set_language("ar")
    cli.summarize(FINDINGS, quiet=False)
    # the counts, a list made of messages, isolated as one run that starts
    # Arabic; a message not (yet) through gettext isolated as Latin
    assert buf.getvalue().splitlines() == [
        f"warraq: التقرير: {FSI}ملاحظتان من {LRI}dedup{PDI}، ملاحظة واحدة من {LRI}note{PDI}{PDI}",
        f"  معلومة: {LRI}parts/01.txt:3-5{PDI}: {LRI}repeated passage removed{PDI}",
        f"  معلومة: {LRI}parts/01.txt:9{PDI}: {LRI}repeated passage removed{PDI}",
        f"  تنبيه: {LRI}parts/01.txt:12{PDI}: {LRI}footnote added{PDI}",
    ]
    arabic = [f for f in FINDINGS if f.kind == "note"]
    arabic[0] = Finding(
        "note", "src-match", msg("preview stopped"), arabic[0].prov, level="warning"
    )  # a translated message
    buf.truncate(0)
    buf.seek(0)
    cli.summarize(arabic, quiet=False)
    assert buf.getvalue().splitlines()[1] == f"  تنبيه: {LRI}parts/01.txt:12{PDI}: أُوقفت المعاينة"


def test_the_summary_in_english(monkeypatch):
    buf = capture(monkeypatch)
    cli.summarize(FINDINGS, quiet=False)
    assert buf.getvalue().splitlines() == [
        "warraq: report: 2 dedup findings, 1 note finding",
        "  info: parts/01.txt:3-5: repeated passage removed",
        "  info: parts/01.txt:9: repeated passage removed",
        "  warning: parts/01.txt:12: footnote added",
    ]


# ---------------------------------------------------------------- progress


def test_progress_is_plain_lines_off_a_terminal_and_nothing_when_quiet(monkeypatch):
    buf = capture(monkeypatch, terminal=False)
    with cli.Reporter(quiet=False) as report:
        report("reading parts")
        report.count("typeset", 0, 2)  # the start: no line of its own
        report.count("typeset", 1, 2)
        report.count("typeset", 2, 2)
    assert buf.getvalue().splitlines() == [
        "warraq: reading parts",
        "warraq: typesetting the PDF: 1 of 2",
        "warraq: typesetting the PDF: 2 of 2",
    ]
    quiet = capture(monkeypatch, terminal=True)
    with cli.Reporter(quiet=True) as report:
        report("reading parts")
        report.count("typeset", 1, 2)
    assert quiet.getvalue() == ""


def test_progress_on_a_terminal_is_a_live_display_with_counts(monkeypatch):
    buf = capture(monkeypatch, terminal=True)
    set_language("ar")
    with cli.Reporter(quiet=False) as report:
        report("قراءة الأجزاء")
        for done in (0, 1, 2, 3):
            report.count("typeset", done, 3)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", buf.getvalue())
    assert "قراءة الأجزاء" in shown and "تنضيد ملف PDF" in shown
    assert "٣/٣" in shown  # n of N, in the reader's digits
    assert re.search(r"0:00:0\d", shown)  # elapsed


def test_the_pdf_reports_each_document_typeset(make_book, tmp_path):
    """The hook in writers/pdf/documents.py: a real PDF build counts its
    documents (the parts, then the front matter and the folio sheets)."""
    from warraq.pipeline import BuildOptions, build

    root = make_book({f"0{i}.txt": f"سلسلة ({i})\nنص الحلقة رقم {i}.\n" for i in (1, 2, 3)})
    counts: list[tuple[str, int, int]] = []

    def progress(message: str) -> None:
        pass

    progress.count = lambda key, done, total: counts.append((key, done, total))  # type: ignore[attr-defined]
    build(root, tmp_path / "out", BuildOptions(formats=("pdf",)), progress)
    assert counts and {key for key, _, _ in counts} == {"typeset"}
    # rounds: 0 of N when the work starts, then 1 … N as each document is done
    total = counts[0][2]
    assert total >= 3  # at least the three parts
    assert [done for _, done, _ in counts[: total + 1]] == list(range(total + 1))
    assert all(0 <= done <= n for _, done, n in counts)


def test_completion_is_offered_and_completes(tmp_path):
    run = warraq("--help", lang_env={"LANG": "C.UTF-8"}, cwd=ROOT)
    assert "--install-completion" in run.out
    # what bash asks when Tab is pressed after `warraq build --format `
    env = {"COMP_WORDS": "warraq build --format ", "COMP_CWORD": "3", "_WARRAQ_COMPLETE": "complete_bash"}
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("warraq"))], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert proc.stdout.split() == ["html", "epub", "pdf", "cover", "all"]


# the command's own mistakes: Typer/Click's boxed English became one line
USAGE = [
    (("init",), "warraq: خطأ: ينقص ⁦directory⁩؛ انظر ⁦warraq init --help⁩", "warraq: error: missing directory"),
    (
        ("build", "-f", "xyz"),
        "warraq: خطأ: لا يقبل الخيار ⁦--format / -f⁩ القيمة ⁦xyz⁩: اختر من ⁦html, epub, pdf, cover, all⁩",
        "warraq: error: --format / -f cannot be xyz: choose html, epub, pdf, cover, all",
    ),
    (("bulid",), "warraq: خطأ: لا يوجد أمر اسمه ⁦bulid⁩؛ هل تقصد ⁦build⁩؟", "warraq: error: no such command: bulid"),
    (("build", "--nope"), "warraq: خطأ: لا يوجد خيار اسمه ⁦--nope⁩", "warraq: error: no such option: --nope"),
    # --lang at the end without its value: named, not "no such option" nor a silent English
    (("build", "--lang"), "warraq: خطأ: الخيار ⁦--lang⁩ يحتاج إلى قيمة", "warraq: error: --lang needs a value"),
]


def test_a_mistake_in_the_command_is_one_line_in_either_language(tmp_path):
    for args, arabic, english in USAGE:
        for lang, expected in (("ar", arabic), ("en", english)):
            run = warraq(*args, lang_env={"WARRAQ_LANG": lang}, cwd=tmp_path)
            assert run.code == 2, (args, run.err)
            assert run.err.count("\n") == 1 and run.err.startswith(expected), (args, run.err)
            assert "Traceback" not in run.err and "╭" not in run.err


def test_a_system_refusal_is_in_the_interfaces_language(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    blocker = tmp_path / "file"
    blocker.write_text("x")
    run = warraq(
        "build",
        "-q",
        "-f",
        "html",
        "-m",
        str(root),
        "-o",
        str(blocker / "out"),
        lang_env={"WARRAQ_LANG": "ar"},
        cwd=tmp_path,
    )
    assert run.code != 0 and run.err.count("\n") == 1
    assert "جزء من المسار ليس مجلدًا" in run.err, run.err  # ENOTDIR, not the C library's English
