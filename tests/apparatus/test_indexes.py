"""The apparatus of a real book of essays (tests/apparatus/book: three parts
that quote verses and hadith and cite sources), built through the pipeline:
the verse index is the set of verses identified, in mushaf order; every page
number of the PDF's indexes points at a page that holds the words; the
hadith index is in the aṭrāf order (rows ordered by hand); the EPUB's indexes
are EPUBCheck clean and their links resolve."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from tests.writers.epub_fixtures import epubcheck
from warraq.pipeline import BuildOptions, build
from warraq.render.apparatus import collect
from warraq.text.arabic import key, to_western_digits

BOOK = Path(__file__).parent / "book"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"

# the verses the three parts quote, written by hand from the parts (surah, first ayah, last ayah), in mushaf order
VERSES = [(3, 103, 103), (13, 11, 11), (39, 53, 53), (49, 13, 13), (65, 3, 3), (94, 5, 6), (112, 1, 4)]
# the hadith index, ordered by hand by the aṭrāf rules: إنما (ا) < بني (ب) < لا (ل) < المسلم (→مسلم: م س) < من (م ن)
HADITH = [
    ("إنما الأعمال بالنيات، وإنما لكل …", "صحيح البخاري (١)"),
    ("بني الإسلام على خمس: شهادة …", "صحيح البخاري (٨)؛ صحيح مسلم (١١٣)"),
    ("لا يؤمن أحدكم حتى يحب …", "صحيح البخاري (١٣)"),
    ("المسلم من سلم المسلمون من …", "صحيح البخاري (١٠)"),
    ("من كان يؤمن بالله واليوم …", "صحيح البخاري (٦١٣٥)؛ صحيح مسلم (١٧٣)"),
]


@dataclass
class Built:
    out: Path
    book: object
    findings: list


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp("apparatus")
    shutil.copytree(BOOK, root / "book")
    result = build(root / "book", root / "out", BuildOptions(formats=("html", "epub", "pdf")))
    return Built(root / "out", result.book, result.findings)


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info)[1])
    return [page_text(pdf, n) for n in range(1, count + 1)]


def index_lines(texts: list[str], title: str) -> list[str]:
    """The rows of the index whose title opens a page (pdftotext's lines)."""
    start = next(i for i, t in enumerate(texts) if title in t.splitlines()[0])
    return [line for line in texts[start].splitlines()[1:] if ". ." in line]


def page_numbers(line: str) -> set[int]:
    """The page numbers of a row: the digits before its leader (pdftotext
    gives a right-to-left line's numbers first)."""
    head = re.sub("[\u200e\u200f\u202a-\u202e]", "", line.split(" . ")[0])
    found = re.search(r"([٠-٩]+(?:\s*،\s*[٠-٩]+)*)\s*$", head)
    return {int(to_western_digits(n)) for n in re.findall("[٠-٩]+", found[1])} if found else set()


def test_verse_index_is_the_identified_verses_in_mushaf_order(built):
    app = collect(built.book, "print")
    rows = [(r.surah, r.first, r.last) for r in app.verses]
    assert rows == VERSES
    refs = {
        (q.ref.surah, q.ref.first, q.ref.last)
        for p in built.book.parts
        for b in p.blocks
        for q in _qurans(b)
        if q.ref is not None and q.ref_status in ("added", "confirmed", "corrected")
    }
    assert set(rows) == refs


def _qurans(block):
    from warraq.model import Quotation, Quran

    paras = block.paragraphs if isinstance(block, Quotation) else (block,)
    for p in paras:
        for node in getattr(p, "inlines", ()):
            if isinstance(node, Quran):
                yield node


def test_every_verse_page_number_points_at_the_verse(built):
    texts = pages(built.out / "akhlaq.pdf")
    lines = index_lines(texts, "فهرس الآيات القرآنية")
    app = collect(built.book, "print")
    assert len(lines) == len(app.verses)
    for line, row in zip(lines, app.verses, strict=True):
        words = key(row.opening.rstrip(" …"))
        assert words.split()[0] in key(line)  # the row is the verse's row
        numbers = page_numbers(line)
        assert numbers, line
        for n in numbers:
            assert words in key(texts[n - 1]), (row, n)


def test_every_hadith_page_number_points_at_the_hadith(built):
    texts = pages(built.out / "akhlaq.pdf")
    lines = index_lines(texts, "فهرس الأحاديث")
    assert len(lines) == len(HADITH)
    # «إنما الأعمال بالنيات» is quoted in parts 1 and 2: two pages
    assert len(page_numbers(lines[0])) == 2
    for line, (opening, _) in zip(lines, HADITH, strict=True):
        words = key(opening.rstrip(" …"))
        for n in page_numbers(line):
            assert words in key(texts[n - 1]), (opening, n)


def test_hadith_index_in_atraf_order(built):
    app = collect(built.book, "html")
    from warraq.render.apparatus import hadith_ref

    ledger = {s.key: s for s in built.book.sources}
    assert [(r.opening, hadith_ref(r.source, ledger)) for r in app.hadith] == HADITH


def test_bibliography_quran_first_arabic_before_latin(built):
    app = collect(built.book, "html")
    # by title, «ال» ignored: إحياء (ا ح) < أدب (ا د) < صحيح البخاري (ص ... ا) < صحيح مسلم (ص ... م); Latin last
    assert [r.title for r in app.sources] == [
        "القرآن الكريم",
        "إحياء علوم الدين",
        "أدب الدنيا والدين",
        "صحيح البخاري",
        "صحيح مسلم",  # named by the notes' takhrij of hadith 8 and 6135 (`also`)
        "Nicomachean Ethics",
    ]
    by_author = collect(built.book, "html", by="author")
    # أبو الحسن الماوردي (ا ب و ا ل ح) < أبو حامد الغزالي (ا ب و ح) by the author's words
    assert [r.title for r in by_author.sources][1:3] == ["أدب الدنيا والدين", "إحياء علوم الدين"]


def test_contents_names_each_index_with_its_page(built):
    texts = pages(built.out / "akhlaq.pdf")
    # pdftotext may split a word at a ligature («المحتو يات»): compared without spaces
    contents = next(t for t in texts if t.strip() and "المحتويات" in t.splitlines()[0].replace(" ", ""))
    titles = ("فهرس الآيات القرآنية", "فهرس الأحاديث النبوية والآثار", "فهرس المصادر والمراجع", "أماكن النشر الأولى")
    for title in titles:
        squeezed = title.replace(" ", "")
        lines = contents.splitlines()
        at = next(i for i, line in enumerate(lines) if squeezed in line.replace(" ", ""))
        # pdftotext gives a row's title and its leader as two lines when the
        # leader starts well clear of the title: the number is then on the next
        (n,) = page_numbers(lines[at]) or page_numbers(next(line for line in lines[at + 1 :] if line.strip()))
        assert squeezed in texts[n - 1].splitlines()[0].replace(" ", ""), (title, n)


def test_epub_indexes_are_clean_and_link_to_their_places(built):
    epub = built.out / "akhlaq.epub"
    bad = [m for m in epubcheck(epub) if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    assert not bad, bad
    with zipfile.ZipFile(epub) as z:
        docs = {n.rsplit("/", 1)[-1]: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xhtml")}
    ids = {name: set(doc.xpath("//@id")) for name, doc in docs.items()}
    for kind in ("verses", "hadith"):
        doc = docs[f"index-{kind}.xhtml"]
        (section,) = doc.iter(f"{XHTML}section")
        assert section.get(EPUB_TYPE) == "index"
        entries = doc.xpath("//*[@epub:type='index-entry']", namespaces={"epub": "http://www.idpf.org/2007/ops"})
        assert len(entries) == (len(VERSES) if kind == "verses" else len(HADITH))
        for a in doc.xpath("//*[@epub:type='index-locator']", namespaces={"epub": "http://www.idpf.org/2007/ops"}):
            target, _, anchor = a.get("href").partition("#")
            assert anchor in ids[target], a.get("href")
    nav = etree.tostring(docs["nav.xhtml"], encoding="unicode")
    assert 'epub:type="index" href="index-verses.xhtml"' in nav
    assert 'epub:type="bibliography" href="index-sources.xhtml"' in nav


def test_first_publications(built):
    parts = {p.number: p for p in built.book.parts}
    assert (parts[1].published, parts[1].venue, parts[1].url) == (
        "2024-03-15",
        "جريدة الأخلاق",
        "https://example.org/akhlaq/1",
    )
    assert (parts[3].published, parts[3].venue) == ("2024-04-05", "صحيفة الرأي")  # book.toml's [parts."03-thalith.txt"]
    html = (built.out / "akhlaq.html").read_text("utf-8")
    # 15 March 2024 is 5 Ramadan 1445 (Umm al-Qura), [book] hijri = true
    assert '<time datetime="2024-03-15">١٥\u00a0مارس\u00a0٢٠٢٤م</time> (٥\u00a0رمضان\u00a0١٤٤٥هـ)' in html
    assert "نُشرت في صحيفة الرأي بتاريخ" in html
    texts = pages(built.out / "akhlaq.pdf")
    listed = next(t for t in texts if t.startswith("أماكن") or "أماكن النشر الأولى" in t.splitlines()[0])
    assert listed.count("نُشرت") == 3


def test_repeated_hadith_gets_a_back_reference_to_its_page(built):
    # «إنما الأعمال بالنيات» is cited in part 1, then again in part 2: «سبق تخريجه ص N», N the page of the takhrij
    texts = pages(built.out / "akhlaq.pdf")
    takhrij = "أخرجه البخاري في كتاب بدء الوحي، رقم (١)"
    (first,) = [n for n, t in enumerate(texts, 1) if key(takhrij) in key(t)]
    (again,) = [t for t in texts if "سبق تخر" in t]
    line = re.sub("[\u200e\u200f\u202a-\u202e]", "", next(x for x in again.splitlines() if "سبق تخر" in x))
    assert [int(to_western_digits(n)) for n in re.findall(r"ص\s*\.?\s*([٠-٩]+)", line)] == [first]
    # the EPUB's back-reference links to the first note's call, in part 1's document
    with zipfile.ZipFile(built.out / "akhlaq.epub") as z:
        two = z.read("EPUB/text/part-002.xhtml").decode()
        one = z.read("EPUB/text/part-001.xhtml").decode()
    (href,) = re.findall(r'<a class="backref" href="([^"]+)">سبق تخريجه</a>', two)
    doc, _, anchor = href.partition("#")
    assert doc == "part-001.xhtml" and f'id="{anchor}"' in one


def test_the_single_engine_gives_the_same_pages(built, tmp_path):
    root = tmp_path / "book"
    shutil.copytree(BOOK, root)
    with (root / "book.toml").open("a", encoding="utf-8") as f:
        f.write('\n[print]\nengine = "single"\n')
    build(root, tmp_path / "out", BuildOptions(formats=("pdf",)))
    single, parallel = pages(tmp_path / "out" / "akhlaq.pdf"), pages(built.out / "akhlaq.pdf")
    for title in ("فهرس الآيات القرآنية", "فهرس الأحاديث"):
        assert [page_numbers(x) for x in index_lines(single, title)] == [
            page_numbers(x) for x in index_lines(parallel, title)
        ]
    back = [line for t in single for line in t.splitlines() if "سبق تخر" in line]
    assert back == [line for t in parallel for line in t.splitlines() if "سبق تخر" in line]


def test_the_preview_shows_the_indexes(built, tmp_path):
    shutil.copytree(BOOK, tmp_path / "book")
    from warraq.config import load_config
    from warraq.writers.preview import write_preview

    page = next(
        p
        for p in write_preview(built.book, load_config(tmp_path / "book"), tmp_path, {"findings": built.findings})
        if p.suffix == ".html"
    )
    html = page.read_text("utf-8")
    for kind in ("verses", "hadith", "sources", "publications"):
        assert f'id="index-{kind}"' in html
    # each place a link to the verse's element in the page
    assert 'href="#q1-1"' in html and 'id="q1-1"' in html
