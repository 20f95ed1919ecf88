"""An Arabic user reads the input side in Arabic (issue 15): the errors of
book.toml, sources.toml and the parts, and the readers' findings.  The
expected sentences are the Arabic catalog's, read and checked by hand; file
paths, file:line, keys and ids stay left-to-right (isolated)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import run_cli
from tests.readers.docx_fixtures import TITLE, Doc, docx_bytes, para, run
from warraq import catalogs
from warraq.assemble import assemble, read_parts
from warraq.config import load_config
from warraq.corpora.ledger import load_ledger
from warraq.errors import ConfigError, InputError
from warraq.i18n import FSI, LRI, PDI, placeholders, set_language
from warraq.readers import read_part

BAD_PART = "---\nnumber: ٣a\ntitle: عنوان\n---\nنص.\n"


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_a_bad_part_is_one_arabic_line_naming_the_file_and_line(make_book, tmp_path):
    root = make_book({"01.md": BAD_PART})
    result = run_cli(
        "build", "--quiet", "--manuscript", str(root), "--out", str(tmp_path / "b"), env={"WARRAQ_LANG": "ar"}
    )
    assert result.code == 2 and "Traceback" not in result.err
    (line,) = _lines(result.err)
    assert line.endswith(
        f"{LRI}ms/parts/01.md:2{PDI}: قيمة الحقل {LRI}number{PDI} في ترويسة الملف ليست عددًا: {FSI}'٣a'{PDI}"
    ), line
    # the same under an Arabic locale, and in English with --lang en
    by_locale = run_cli(
        "build",
        "--quiet",
        "--manuscript",
        str(root),
        "--out",
        str(tmp_path / "b"),
        env={"WARRAQ_LANG": "", "LANG": "ar_EG.UTF-8"},
    )
    assert _lines(by_locale.err) == [line]
    english = run_cli(
        "--lang",
        "en",
        "build",
        "--quiet",
        "--manuscript",
        str(root),
        "--out",
        str(tmp_path / "b"),
        env={"WARRAQ_LANG": "ar"},
    )
    (en_line,) = _lines(english.err)
    assert english.code == 2 and en_line.endswith(
        f"ms/parts/01.md:2: front matter number {FSI}'٣a'{PDI} is not a number"
    )


def test_a_config_error_is_arabic_with_the_setting_isolated(make_book, tmp_path):
    root = make_book({"01.txt": "سلسلة (1)\nنص.\n"}, extra="[dedup]\nnear_threshold = 0.3")
    result = run_cli(
        "build", "--quiet", "--manuscript", str(root), "--out", str(tmp_path / "b"), env={"WARRAQ_LANG": "ar"}
    )
    assert result.code == 3 and "Traceback" not in result.err
    (line,) = _lines(result.err)
    assert line.endswith(
        f"book.toml:8{PDI}: الإعداد {LRI}[dedup] near_threshold{PDI}: يجب أن تكون القيمة بين ٠٫٥ و١٫٠"
    ), line


@pytest.mark.parametrize(
    ("extra", "arabic"),
    [
        (
            "[print]\nfont_size_pt = 300",
            f"الإعداد {LRI}[print] font_size_pt{PDI}: القيمة {LRI}300{PDI} خارج المدى: اذكر من ٧ إلى ٢٤ نقطة",
        ),
        (
            '[notes]\nnumbering = "chapter"',
            f'الإعداد {LRI}[notes] numbering{PDI}: يجب أن تكون القيمة {LRI}"book"{PDI} أو {LRI}"part"{PDI}',
        ),
        ("[colophon]\nx = 1", f"جدول مجهول {LRI}[colophon]{PDI} (الجداول المعروفة: {LRI}book, order"),
        ('isbn = "978-0-306-40615-8"', "رقم التحقق ٨ خاطئ (تعطي الأرقام الاثنا عشر الأولى ٧)"),
    ],
)
def test_config_errors_in_process_are_arabic(make_book, extra, arabic):
    root = make_book({"01.txt": "سلسلة (1)\nنص.\n"}, extra=extra)
    set_language("ar")
    with pytest.raises(ConfigError) as exc:
        load_config(root)
    assert arabic in str(exc.value)
    # no English word outside the isolated parameters
    outside = re.sub(f"{LRI}.*?{PDI}|{FSI}.*?{PDI}", "", str(exc.value))
    assert not set(re.findall("[A-Za-z]+", outside)) - NAMES, outside
    # the same error, read again in English (the preview's language switch)
    assert "[" in exc.value.message.render("en") and not re.search("[؀-ۿ]", exc.value.message.render("en"))


def _docx_with_comments(k: int) -> Doc:
    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (٤)"), style=TITLE))
    for i in range(k):
        doc.body.append(
            para(
                f'<w:commentRangeStart w:id="{i}"/>',
                run(f"فقرة عليها تعليق {i}"),
                f'<w:commentRangeEnd w:id="{i}"/>',
                f'<w:r><w:commentReference w:id="{i}"/></w:r>',
            )
        )
        doc.comments.append(f"تعليق {i}")
    return doc


@pytest.mark.parametrize(
    ("count", "arabic"),
    [
        (1, "أُهمل تعليق واحد في المستند"),
        (2, "أُهمل تعليقان في المستند"),
        (3, "أُهملت ٣ تعليقات في المستند"),
        (11, "أُهمل ١١ تعليقًا في المستند"),
        (100, "أُهمل ١٠٠ تعليق في المستند"),
    ],
)
def test_a_count_takes_the_arabic_plural_form(tmp_path, count, arabic):
    path = tmp_path / "04.docx"
    path.write_bytes(docx_bytes(_docx_with_comments(count)))
    set_language("ar")
    part = read_part(path, "parts/04.docx", {})
    (finding,) = [f for f in part.findings if f.rule == "docx-comments"]
    assert finding.message == arabic
    assert finding.message.params == {"n": count}
    english = "1 comment in the document is ignored" if count == 1 else f"{count} comments in the document are ignored"
    assert finding.message.render("en") == english


def test_a_part_gap_is_arabic_with_the_numbers_isolated(make_book):
    root = make_book({"1.txt": "س (1)\nنص.", "2.txt": "س (2)\nنص.", "4.txt": "س (4)\nنص."})
    set_language("ar")
    config = load_config(root)
    _book, (gap,) = assemble(read_parts(config), config)
    assert gap.message == f"الجزء {LRI}3{PDI} مفقود (بين {LRI}2{PDI} و{LRI}4{PDI})"
    assert gap.message.render("en") == "part 3 is missing (between 2 and 4)"


def test_markdown_findings_are_arabic_and_keep_their_parameters(tmp_path):
    path = tmp_path / "01.md"
    path.write_text("# سلسلة (1)\n\nنص[^a].\n\n[^a]: أولى.\n\n[^a]: ثانية.\n", "utf-8")
    set_language("ar")
    part = read_part(path, "parts/01.md", {})
    (twice,) = [f for f in part.findings if f.rule == "md-footnote-twice"]
    assert twice.message == (
        f"عُرِّفت الحاشية {LRI}[^a]{PDI} مرة أخرى (عُرِّفت أولًا في السطر ٥): لا يدخل الكتاب إلا آخر تعريف لها"
    )
    assert twice.message.params == {"label": "[^a]", "first": 5} and twice.prov.line == 7


def test_a_bad_part_error_is_arabic_in_process(tmp_path):
    path = tmp_path / "01.txt"
    path.write_bytes("سلسلة (1)\nسطر\x0cثان.\n".encode())
    set_language("ar")
    with pytest.raises(InputError) as exc:
        read_part(path, "parts/01.txt", {})
    assert str(exc.value) == (
        f"{LRI}parts/01.txt:2{PDI}: محرف تغذية الصفحة (فاصل صفحة)، {LRI}U+000C{PDI} في العمود ٤: "
        "لا يجوز أن يحويه أي ملف EPUB أو XHTML؛ احذفه أو اجعله فاصل سطر"
    )


# the modules of the input side (this branch's messages)
INPUT_SIDE = re.compile(
    r"src/warraq/(config|text/xmlchars|assemble|publishing/dates|scaffold|corpora/ledger|publishing/isbn|publishing/barcode|publishing/printspec|readers/[\w/]+)\.py$"
)
# Latin an Arabic sentence may keep as it is: names of formats, programs and standards
NAMES = {
    "EPUB", "XHTML", "HTML", "TOML", "XML", "YAML", "DTD", "OLE", "RTF", "ISO", "BCP", "ISBN", "EAN", "ICC",
    "Word", "LibreOffice", "NUL", "git", "zip", "warraq", "BOM", "backspace", "escape", "surrogate", "non",
    "character",
}  # fmt: skip


def test_arabic_input_messages_keep_latin_words_in_parameters():
    """A key, a table or an example value inside an Arabic sentence must be a
    parameter (isolated left-to-right), not Latin typed into the msgstr."""
    mine = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalogs.extract()
        if m.id and any(INPUT_SIDE.search(path) for path, _ in m.locations)
    }
    assert len(mine) > 150
    arabic = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in catalogs.read("ar") if m.id}
    stray = {}
    for key in mine:
        strings = arabic[key] if isinstance(arabic[key], (list, tuple)) else [arabic[key]]
        for text in strings:
            for name in placeholders(text):
                text = text.replace("{" + name + "}", "")
            words = set(re.findall("[A-Za-z]+", text)) - NAMES
            if words:
                stray[key] = words
    assert not stray, stray


def test_a_sources_error_is_arabic(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nkey = "ab"\nkind = "hadith"\ntitle = "صحيح"\n', "utf-8")
    set_language("ar")
    with pytest.raises(ConfigError) as exc:
        load_ledger(path)
    assert str(exc.value) == (f"{LRI}{path}:1{PDI}: المصدر {LRI}'ab'{PDI}: يحتاج الحديث إلى الحقل {LRI}collection{PDI}")
    assert exc.value.message.render("en") == "source 'ab': a hadith needs a collection"


def test_init_with_an_empty_title_is_one_arabic_line(tmp_path):
    result = run_cli("init", str(tmp_path / "book"), "--title", " ", "--author", "م", env={"WARRAQ_LANG": "ar"})
    assert result.code == 3 and "Traceback" not in result.err
    (line,) = _lines(result.err)
    assert line.endswith(f"الخيار {LRI}--title{PDI} فارغ: اذكر عنوان الكتاب"), line
