"""The PDF writer: fonts, text fidelity, structure, pages, properties,
profiles, reproducibility.

Every test reads real PDFs built by the real CLI (pdf_fixtures.py builds them
once per session) with the tools a reader would use: pdffonts, pdftotext and
pdfminer, pikepdf.  Expected values come from the manuscript, the document
model or the print HTML WeasyPrint was given, never from the PDF writer.
A few pages are rendered to PNG in build/pdf-pages/ for a human to look at.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import ROOT, run_cli
from tests.writers.pdf_fixtures import PdfBuild, default_pdf, press_pdf, series_pdf
from tests.writers.pdf_reading import (
    ARABIC_INDIC,
    MARGIN_BAND,
    MM,
    Page,
    letter_counts,
    letters,
    mark_counts,
    pdftotext,
)
from warraq.config import load_config
from warraq.model import Heading, plain_text
from warraq.render import Renderer

PAGES_DIR = ROOT / "build" / "pdf-pages"


@pytest.fixture(scope="session")
def default(tmp_path_factory) -> PdfBuild:
    return default_pdf(tmp_path_factory)


@pytest.fixture(scope="session")
def series(tmp_path_factory) -> PdfBuild:
    return series_pdf(tmp_path_factory)


@pytest.fixture(scope="session")
def press(tmp_path_factory) -> PdfBuild:
    return press_pdf(tmp_path_factory)


@pytest.fixture(params=["default", "series"])
def built(request) -> PdfBuild:
    return request.getfixturevalue(request.param)


def outline(built: PdfBuild) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every outline entry, in order."""
    pdf = pikepdf.open(built.pdf)
    index = {page.objgen: n for n, page in enumerate(pdf.pages, 1)}
    found: list[tuple[int, str, int]] = []
    with pdf.open_outline() as tree:

        def walk(items, level):
            for item in items:
                found.append((level, item.title, index[item.destination[0].objgen]))
                walk(item.children, level + 1)

        walk(tree.root, 1)
    return found


def back_titles(built: PdfBuild) -> list[str]:
    """The titles of the back matter's indexes (render/apparatus.py), after the parts."""
    return [title for _, title in Renderer(built.book, load_config(built.manuscript), "print").back_matter()]


def part_pages(built: PdfBuild) -> dict[int, range]:
    """The pages of each part, from its outline entry to the next part's
    (or the back matter's, or the colophon at the back: the last page)."""
    entries = [(title, page) for level, title, page in outline(built) if level == 1]
    ends = [*(page - 1 for _, page in entries[1:]), len(built.pages) - 1]
    back = set(back_titles(built))
    spans = [(page, end) for (title, page), end in zip(entries, ends, strict=True) if title not in back]
    return {part.number: range(s, e + 1) for part, (s, e) in zip(built.book.parts, spans, strict=True)}


def expected_outline(built: PdfBuild) -> list[tuple[int, str]]:
    """Parts and their sections, titled as the author wrote them (a section
    heading's closing colon is punctuation, not title)."""
    entries = []
    for part in built.book.parts:
        entries.append((1, plain_text(part.title)))
        for block in part.blocks:
            if isinstance(block, Heading):
                entries.append((block.level, plain_text(block.inlines).rstrip(" :")))
    return entries + [(1, title) for title in back_titles(built)]


# ---------------------------------------------------------------------- fonts


def test_every_font_is_embedded_and_subset(built):
    out = subprocess.run(["pdffonts", str(built.pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        name, *_ = row.split()
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert re.fullmatch(r"[A-Z]{6}\+Amiri(-\w+)?", name), row


def test_no_notdef_or_renderer_warnings(built):
    assert ".notdef" not in built.run.err
    pdf_findings = [f for f in built.report["findings"] if f["kind"] == "pdf"]
    assert pdf_findings == []


# ---------------------------------------------------------------------- text fidelity


@pytest.mark.parametrize("tool", ["pdfminer", "pdftotext"])
def test_every_letter_of_every_part_comes_back_once(built, tool):
    """Per part, the Arabic letters (and marks) extracted from its pages,
    running heads and folios excluded, are those of its body and notes."""
    parts = built.parts
    for number, pages in part_pages(built).items():
        expected = parts[number].body + "".join(parts[number].notes)
        if tool == "pdfminer":
            lines = [line for n in pages for line in built.pages[n - 1].body() + built.pages[n - 1].notes()]
            got = "".join(line.text for line in lines)
        else:
            first = built.pages[0]
            crop = (0, MARGIN_BAND, first.width, first.height - 2 * MARGIN_BAND)
            got = pdftotext(built.pdf, pages[0], pages[-1], crop)
        lost = letter_counts(expected) - letter_counts(got)
        doubled = letter_counts(got) - letter_counts(expected)
        assert (dict(lost), dict(doubled)) == ({}, {}), f"part {number}"
        assert mark_counts(got) == mark_counts(expected), f"part {number}"


def test_letters_come_back_in_logical_order(built):
    """Read right to left, line after line, the body of each part gives its
    letters in the author's order, and the notes area gives the notes'."""
    parts = built.parts
    for number, pages in part_pages(built).items():
        body = "".join(line.text for n in pages for line in built.pages[n - 1].body())
        notes = "".join(line.text for n in pages for line in built.pages[n - 1].notes())
        assert letters(body) == letters(parts[number].body), f"part {number}"
        assert letters(notes) == letters("".join(parts[number].notes)), f"part {number}"


def test_pdftotext_lines_are_in_logical_order(built):
    """poppler reorders bidi text itself: every line it gives (but those
    with vowel marks, which it scatters by their height) reads in order."""
    parts = built.parts
    first = built.pages[0]
    crop = (0, MARGIN_BAND, first.width, first.height - 2 * MARGIN_BAND)
    for number, pages in part_pages(built).items():
        targets = [letters(parts[number].body), *(letters(n) for n in parts[number].notes)]
        text = pdftotext(built.pdf, pages[0], pages[-1], crop)
        lines = [line for line in text.splitlines() if letters(line) and not mark_counts(line)]
        assert lines
        assert [line for line in lines if not any(letters(line) in t for t in targets)] == []


def test_the_seed_hadith_copies_out_whole(default):
    # line 3 of the seed, hand-checked: the words whose أ and ج WeasyPrint lost
    seed_line = (ROOT / "manuscript" / "parts" / "04-buqat-daw.txt").read_text("utf-8").split("\n")[2]
    assert "يَأْتِ رَجُلٌ" in seed_line and "جِئْتَ" in seed_line
    lines = [line.text for page in default.pages for line in page.body()]
    line = next(text for text in lines if letters("لميأترجل") in letters(text))
    assert letters(seed_line) in letters(line)
    # every vowel mark too (read by position, a mark may come out beside its letter)
    assert mark_counts(line) == mark_counts(seed_line)


# ---------------------------------------------------------------------- structure


def test_outline_lists_parts_and_sections(built):
    assert [(level, title) for level, title, _ in outline(built)] == expected_outline(built)


def test_outline_of_the_default_book(default):
    # hand-checked against manuscript/parts/04-buqat-daw.txt lines 1, 2, 8
    entries = [title for _, title, _ in outline(default)]
    assert entries[:3] == ["بقعة ضوء (٤)", "الدعوة الإسلامية", "الدولة الإسلامية الوليدة"]


def test_outline_entries_point_at_their_heading(built):
    for _, title, page in outline(built):
        text = "".join(line.text for line in built.pages[page - 1].body())
        assert letters(title) in letters(text), title


def test_headings_are_kept_with_the_text_that_follows(built):
    """A section heading is never the last thing on its page: the text
    after it starts on the same page (break-after: avoid)."""
    for level, title, page in outline(built):
        if level == 1:
            continue
        body = letters("".join(line.text for line in built.pages[page - 1].body()))
        end = body.rfind(letters(title)) + len(letters(title))
        assert len(body) - end > 20, title


def is_left(page: Page) -> bool:
    """A left page has its binding, the wider margin, on its right: 20 mm
    against 13 mm (print.css).  Right-to-left text starts at the right edge
    of the text block; a page of centred lines is centred on it."""
    right = page.width - page.x1
    if right < 25 * MM:
        return right > 16.5 * MM
    return (page.x0 + page.x1) / 2 < page.width / 2


def test_page_one_is_a_left_page_and_pages_alternate(built):
    pages = [p for p in built.pages if not p.blank]
    assert is_left(built.pages[0])
    for page in pages:
        assert is_left(page) == (page.number % 2 == 1), page.number


def test_every_part_opens_on_a_recto(built):
    # recto of a right-bound book: a left page, odd-numbered
    for number, pages in part_pages(built).items():
        assert pages[0] % 2 == 1, f"part {number} opens on page {pages[0]}"
        assert is_left(built.pages[pages[0] - 1])


def test_front_matter_order(default):
    texts = ["".join(line.text for line in page.lines) for page in default.pages]
    title = default.book.meta.title
    assert letters(texts[0]) == letters(title)  # half-title
    assert texts[1] == ""  # its verso, blank
    assert letters(title) in letters(texts[2]) and letters(default.book.meta.author) in letters(texts[2])
    assert "Tanzil" in "".join(line.visual for line in default.pages[3].lines)  # colophon, verso of the title
    toc = next(n for n, t in enumerate(texts, 1) if letters("المحتويات") in letters(t))
    assert toc % 2 == 1 and toc < part_pages(default)[4][0]


def test_blank_pages_are_truly_blank(built):
    blanks = [p for p in built.pages if p.blank]
    assert blanks, "expected blank versos before parts that end on a recto"
    for page in blanks:
        assert page.lines == []


def folio(page: Page) -> str:
    return "".join(line.visual for line in page.folio()).strip()


def test_folios_are_arabic_indic_page_numbers(built):
    digits = str.maketrans("0123456789", ARABIC_INDIC)
    numbered = [p for p in built.pages if folio(p)]
    in_parts = [n for pages in part_pages(built).values() for n in pages]
    assert len([p for p in numbered if p.number in in_parts]) >= len(in_parts) // 2
    for page in numbered:
        assert folio(page) == str(page.number).translate(digits)


def test_no_head_or_folio_on_front_matter_part_openings_and_blanks(built):
    openings = {pages[0] for pages in part_pages(built).values()}
    first_part = min(openings)
    for page in built.pages:
        if page.number < first_part or page.number in openings or page.blank:
            assert (page.head(), page.folio()) == ([], []), page.number


def test_running_heads(built):
    """The book's title on right (even) pages, the part's on left pages."""
    titles = {part.number: plain_text(part.title) for part in built.book.parts}
    for number, pages in part_pages(built).items():
        for n in pages[1:]:
            page = built.pages[n - 1]
            if page.blank:
                continue
            head = letters("".join(line.text for line in page.head()))
            expected = built.book.meta.title if n % 2 == 0 else titles[number]
            assert head == letters(expected), n


def test_toc_page_numbers_point_at_the_parts(default):
    digits = str.maketrans(ARABIC_INDIC, "0123456789")
    toc = next(p for p in default.pages if letters("المحتويات") in letters("".join(x.text for x in p.lines)))
    # each entry: its page number at the left end, after the leader (dots and spaces)
    # (pdfminer's boxes put the leader's en space inside a number whose
    # glyph patches/leaders.py bridges to it: «١\u2002٢»; poppler reads «١٢»)
    visual = [re.sub(f"(?<=[{ARABIC_INDIC}])\u2002(?=[{ARABIC_INDIC}])", "", line.visual) for line in toc.lines]
    ends = [re.match(f"([{ARABIC_INDIC}]+)\\s*\\.", line) for line in visual]
    numbers = [int(m[1].translate(digits)) for m in ends if m]
    part_page = part_pages(default)[4][0]
    assert numbers[0] == part_page  # the part, then its sections in order
    section_pages = [page for level, _, page in outline(default) if level == 2]
    # then each index of the back matter (render/apparatus.py), at the page its title opens
    back = set(back_titles(default))
    back_pages = [page for level, title, page in outline(default) if level == 1 and title in back]
    assert back_pages and numbers[1:] == section_pages + back_pages


LABEL = re.compile(f"\\(([{ARABIC_INDIC}0-9]+)\\)")


def labels(text: str) -> list[str]:
    """Note labels "(n)" in text read right to left (a number's digits run
    left to right, so they come out reversed: put them back)."""
    return [m[::-1] for m in LABEL.findall(text)]


def calls(page: Page) -> list[str]:
    """The note calls of a page's body: the small raised labels."""
    found = []
    for line in page.body():
        big = max(g.size for g in line.glyphs)
        small = [g for g in sorted(line.glyphs, key=lambda g: -g.x) if g.size < 0.8 * big]
        found += labels("".join(g.text for g in small))
    return found


def markers(page: Page) -> list[str]:
    """The labels that open the notes under the rule."""
    return [m[0] for line in page.notes() if (m := labels(line.text[:8]))]


def test_footnotes_sit_under_the_rule_numbered_per_part(series):
    """Notes numbering restarts in each part ([notes] numbering = "part"):
    part 4 has notes (١) to (٤) (the author's three and the one to its hadith,
    identified: transforms/hadith.py), part 5 (١) (٢), each under the rule."""
    pages = part_pages(series)
    for number, count in ((4, 4), (5, 2)):
        expected = list(ARABIC_INDIC[1 : count + 1])
        assert [m for n in pages[number] for m in markers(series.pages[n - 1])] == expected, number
        assert [c for n in pages[number] for c in calls(series.pages[n - 1])] == expected, number


def test_notes_fall_on_the_page_of_their_call(built):
    numbered = 0
    for page in built.pages:
        assert calls(page) == markers(page), page.number
        numbered += len(markers(page))
    assert numbered == sum(1 for part in built.book.parts for note in part.notes if note.number)


# ---------------------------------------------------------------------- properties


def test_document_properties(built):
    pdf = pikepdf.open(built.pdf)
    assert str(pdf.docinfo["/Title"]) == built.book.meta.title
    assert str(pdf.docinfo["/Author"]) == built.book.meta.author
    assert str(pdf.Root.Lang) == "ar"
    assert pdf.Root.ViewerPreferences.Direction == "/R2L"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert pdf.Root.PageLayout == "/TwoPageRight"
    assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root


def test_pdf_ua_1_identification(built):
    pdf = pikepdf.open(built.pdf)
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert pdf.pdf_version == "1.7"


def test_page_labels_match_the_folios(default):
    pdf = pikepdf.open(default.pdf)
    nums = list(pdf.Root.PageLabels.Nums)
    labels = {int(nums[i]): str(nums[i + 1].P) for i in range(0, len(nums), 2)}
    digits = str.maketrans("0123456789", ARABIC_INDIC)
    assert labels == {i: str(i + 1).translate(digits) for i in range(len(pdf.pages))}


def test_screen_profile_is_the_trim_size(default):
    pdf = pikepdf.open(default.pdf)
    for page in pdf.pages:
        assert [round(float(v) / MM, 1) for v in page.MediaBox] == [0, 0, 148.0, 210.0]  # A5


def test_reproducible(default):
    assert hashlib.sha256(default.pdf.read_bytes()).digest() == hashlib.sha256(default.again.read_bytes()).digest()


# ---------------------------------------------------------------------- the press book


def test_print_profile_adds_bleed_and_crop_marks(press):
    pdf = pikepdf.open(press.pdf)
    page = pdf.pages[0]
    trim = [float(v) / MM for v in page.TrimBox]
    media = [float(v) / MM for v in page.MediaBox]
    assert round(trim[2] - trim[0], 1) == 170.0 and round(trim[3] - trim[1], 1) == 240.0  # 17x24
    assert [round(m - t, 1) for m, t in zip(media, trim, strict=True)] == [-3, -3, 3, 3]  # bleed, 3 mm
    # crop marks: strokes in the bleed, outside the trim box, at its corners
    width = press.pages[0].width
    marks = [s for s in press.pages[0].shapes if s[2] <= 0 or s[0] >= width]
    assert len(marks) >= 4


def test_print_profile_is_pdf_x_whatever_pdf_variant_says(press):
    """[print] pdf_variant (PDF/A-3u here) is the screen PDF's; the
    printer's is PDF/X ([print] print_variant, tests/print/test_print_pdf.py)."""
    pdf = pikepdf.open(press.pdf)
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp and "pdfaid:part" not in xmp
    assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"


def test_western_digits_when_the_book_says_so(press):
    numbered = [p for p in press.pages if folio(p)]
    assert numbered and all(folio(p) == str(p.number) for p in numbered)
    assert [m for page in press.pages for m in markers(page)] == ["1"]
    assert [c for page in press.pages for c in calls(page)] == ["1"]
    pdf = pikepdf.open(press.pdf)
    assert pdf.Root.PageLabels.Nums[1].S == "/D"


def test_the_authors_css_mistakes_are_reported_with_file_and_line(press):
    findings = [f for f in press.report["findings"] if f["rule"] == "pdf-css-ignored"]
    assert len(findings) == 1, press.report["findings"]
    assert findings[0]["file"].endswith("styles/book.css") and findings[0]["line"] == 3
    assert "colour" in findings[0]["message"]
    assert "book.css:3" in press.run.err


# ---------------------------------------------------------------------- others


def test_authors_print_css_replaces_warrraqs(make_book):
    root = make_book({"01.txt": "عنوان (١)\nفقرة.\n"})
    (root / "styles").mkdir()
    (root / "styles" / "print.css").write_text("@page { margin: 30mm; }\n", "utf-8")
    from warraq.pipeline import load
    from warraq.writers.pdf.writer import print_html

    config, book, _ = load(root)
    html = print_html(book, config)
    assert f"/* print.css (from {root / 'styles' / 'print.css'}) */" in html
    assert "@page :nth(1 of part)" not in html  # warraq's print.css is not there


def test_bad_pdf_variant_is_one_clear_line(make_book, tmp_path):
    root = make_book({"01.txt": "عنوان (١)\nفقرة.\n"}, extra='[print]\npdf_variant = "pdf/x"\n')
    r = run_cli("build", "-f", "pdf", "-m", str(root), "-o", str(tmp_path / "out"))
    assert r.code == 3
    assert r.err.strip().count("\n") == 0 and "book.toml:8" in r.err and "pdf_variant" in r.err
    assert not (tmp_path / "out" / "test-book.pdf").exists()


def test_render_pages_for_review(default, series):
    """Pages kept in build/pdf-pages/ for a human to look at: the half-title,
    the contents, a part opening and a spread with notes."""
    PAGES_DIR.mkdir(parents=True, exist_ok=True)
    opening = part_pages(default)[4][0]
    wanted = [("default", default, n) for n in (1, 5, opening, opening + 1, opening + 2)]
    wanted += [("series", series, part_pages(series)[4][0])]
    for name, built, number in wanted:
        prefix = PAGES_DIR / f"{name}-{number:02d}"
        args = ["-r", "110", "-png", "-singlefile", "-f", str(number), "-l", str(number)]
        subprocess.run(["pdftoppm", *args, str(built.pdf), str(prefix)], check=True)
        png = Path(f"{prefix}.png")
        assert png.stat().st_size > 5000  # something was drawn
