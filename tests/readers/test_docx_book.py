"""A book whose parts are Word files, built through the real CLI as a user
runs it (no SOURCE_DATE_EPOCH, after `touch`, under an Arabic locale):
EPUB clean under EPUBCheck and a PDF with every paragraph and footnote, the
notes numbered through the book with a Markdown part's."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.readers.docx_fixtures import docx_bytes, sample_article
from tests.writers.epub_fixtures import epubcheck
from tests.writers.pdf_reading import letters, pdftotext
from warraq.model import Quotation, plain_text
from warraq.readers import read_part

DATA = Path(__file__).parent / "data"
MD_PART = "---\nnumber: 9\ntitle: بقعة ضوء (٩)\n---\nفقرة فيها حاشية المؤلف[^a].\n\n[^a]: حاشية الجزء التاسع.\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("wordbook") / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(
        '[book]\ntitle = "كتاب من وورد"\nauthor = "مؤلف"\nlanguage = "ar"\nslug = "word-book"\n'
        'identifier = "urn:uuid:00000000-0000-4000-8000-000000000012"\n',
        "utf-8",
    )
    (root / "sources.toml").write_text("", "utf-8")
    (root / "parts" / "07-word.docx").write_bytes(docx_bytes(sample_article()))
    shutil.copy(DATA / "libreoffice-08-from-html.docx", root / "parts" / "08-lo.docx")
    (root / "parts" / "09.md").write_text(MD_PART, "utf-8")
    for p in (root / "parts").iterdir():
        os.utime(p)  # `touch`: the book's date comes from the files
    out = root.parent / "build"
    env = {"SOURCE_DATE_EPOCH": "", "LANG": "ar_EG.UTF-8", "LC_ALL": "ar_EG.UTF-8"}
    result = run_cli("build", "--manuscript", str(root), "--out", str(out), "--format", "all", env=env)
    assert result.code == 0, result.err
    return root, out


def _expected(root: Path) -> tuple[list[str], list[str]]:
    """Every paragraph (the sign-off dedup removes as boilerplate aside) and
    every note text of the Word parts, as the reader reads them."""
    paragraphs, notes = [], []
    for name in ("07-word.docx", "08-lo.docx"):
        part = read_part(root / "parts" / name, name, {})
        for block in part.blocks[:-1]:  # the last: the sign-off closing both parts
            if isinstance(block, Quotation):
                paragraphs.extend(plain_text(p.inlines) for p in block.paragraphs)
            else:
                paragraphs.append(plain_text(getattr(block, "inlines", ())))
        notes.extend(plain_text(n.inlines) for n in part.notes)
    return paragraphs, notes


def test_word_book_epub_is_epubcheck_clean_with_every_paragraph_and_note(built):
    root, out = built
    epub = out / "word-book.epub"
    bad = [(m["ID"], m["message"]) for m in epubcheck(epub) if m["severity"] != "USAGE"]
    assert bad == []
    with zipfile.ZipFile(epub) as zf:
        chapters = {n: zf.read(n).decode() for n in zf.namelist() if re.search(r"part-\d+\.xhtml$", n)}
    assert sorted(chapters) == ["EPUB/text/part-007.xhtml", "EPUB/text/part-008.xhtml", "EPUB/text/part-009.xhtml"]
    # the text without the note calls, which stand before the punctuation in
    # an Arabic book ([typography] note_call, issue 26): «سريعا⁽١⁾.»
    calls_out = re.sub(r'<a class="noteref"[^>]*>.*?</a>', "", "".join(chapters.values()))
    # a verse and its reference are joined by a no-break space (issue 26)
    text = re.sub(r"<[^>]+>", "", calls_out).replace("\u00a0", " ")
    paragraphs, notes = _expected(root)
    for para in paragraphs:
        assert para.replace("\n", "") in text
    for note in notes:
        assert note in text
    seven = chapters["EPUB/text/part-007.xhtml"]
    # the title's last two words kept together (issue 26: no word alone on its last line)
    assert '<h1 class="part-title" id="part-7-title">بقعة <span class="keep-together">ضوء (٧)</span></h1>' in seven
    assert "<strong>هيو كينيدي</strong>" in seven
    assert '<em><bdi dir="ltr" lang="en">The Great Arab Conquests</bdi></em>' in seven
    # each note in the chapter of its call, numbered through the book:
    # three in the Word part 7, the fourth in the Markdown part 9
    calls = re.findall(r'<a class="noteref" id="ref-([^"]+)"[^>]*><sup>([^<]+)</sup>', "".join(chapters.values()))
    assert calls == [("n7-fn1", "١"), ("n7-fn2", "٢"), ("n7-en1", "٣"), ("n9-a", "٤")]
    assert 'id="note-n7-en1" epub:type="footnote"' in seven


def test_word_book_pdf_has_every_paragraph_and_footnote(built):
    root, out = built
    pdf = out / "word-book.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", os.popen(f"pdfinfo '{pdf}'").read()).group(1))
    text = letters(pdftotext(pdf, 1, pages))
    paragraphs, notes = _expected(root)
    for piece in paragraphs + notes:
        assert letters(piece) in text, piece
    assert letters("حاشية الجزء التاسع") in text


def test_word_book_report_names_paragraphs(built):
    import json

    _, out = built
    report = json.loads((out / "report.json").read_text("utf-8"))
    word = [f for f in report["findings"] if f["file"] and f["file"].endswith(".docx")]
    assert word and all(f["prov"].split(":")[-1].startswith("¶") and f["unit"] == "paragraph" for f in word)


def test_inspect_and_check_show_word_parts_by_paragraph(built):
    root, _ = built
    inspect = run_cli("inspect", "--manuscript", str(root))
    assert inspect.code == 0, inspect.err
    assert "part 7: بقعة ضوء (٧) [" in inspect.out and "07-word.docx:¶1]" in inspect.out
    assert "  ¶3      heading h2: فتح الشام وفلسطين" in inspect.out
    assert "  ¶5      quotation «» (1 paragraph)" in inspect.out
    check = run_cli("check", "--manuscript", str(root))
    assert check.code == 0, check.err
    section = check.out.split("08-lo.docx\n", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"^  ¶5 +warning +unsourced/", section, re.M), section
