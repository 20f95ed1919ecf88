"""The EPUB writer: structure, direction, metadata, text, fonts, reproducibility.

Each test reads a real EPUB built by the real CLI (epub_fixtures.py builds
them once per session).  Expected values come from the manuscript or the
document model, never from the writer's own output.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from tests.conftest import run_cli
from tests.writers.epub_fixtures import Built, default_book_epub, series_book_epub
from warraq.config import load_config
from warraq.model import Code, Emphasis, Isolate, LineBreak, Link, Poem, Quotation, Quran, Text, live_blocks
from warraq.pipeline import BuildOptions, load, transform

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@pytest.fixture(scope="session")
def default_epub(tmp_path_factory) -> Built:
    return default_book_epub(tmp_path_factory)


@pytest.fixture(scope="session")
def series_epub(tmp_path_factory) -> Built:
    return series_book_epub(tmp_path_factory)


def opf(built) -> ET.Element:
    return ET.fromstring(built.read("EPUB/content.opf"))


def manifest(built) -> dict[str, dict]:
    return {i.get("id"): dict(i.attrib) for i in opf(built).find("opf:manifest", NS)}


def spine_docs(built) -> list[str]:
    items = manifest(built)
    return ["EPUB/" + items[ref.get("idref")]["href"] for ref in opf(built).find("opf:spine", NS)]


def xhtml(built, name: str) -> ET.Element:
    return ET.fromstring(built.read(name))


def metas(built) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in opf(built).find("opf:metadata", NS):
        key = m.get("property") or m.tag.split("}")[1]
        found.setdefault(key, []).append((m.text or "").strip())
    return found


def model_book(built):
    config, book, _ = load(built.manuscript)
    book, _ = transform(book, config, BuildOptions())
    return book


# ------------------------------------------------------------------ text helpers


def inline_text(inlines) -> str:
    """What a reader sees of inline content: note calls and verse references
    (which the Qur'an transform may rewrite, with findings) left aside."""
    out = []
    for node in inlines:
        if isinstance(node, (Text, Code, Isolate)):
            out.append(node.text)
        elif isinstance(node, (Emphasis, Link)):
            out.append(inline_text(node.children))
        elif isinstance(node, Quran):
            out.append(node.brackets[:1] + node.text + node.brackets[1:])
        elif isinstance(node, LineBreak):
            out.append(" ")
    return "".join(out)


def expected_part_text(part) -> str:
    chunks = [inline_text(part.title)]
    for block in live_blocks(part):
        if isinstance(block, Quotation):
            chunks += [inline_text(p.inlines) for p in block.paragraphs]
        elif isinstance(block, Poem):  # each bayt's ṣadr then ʿajuz, no separator
            chunks += [inline_text(half) for b in block.bayts for half in (b.sadr, b.ajuz)]
        elif hasattr(block, "inlines"):
            chunks.append(inline_text(block.inlines))
    return " ".join(" ".join(chunks).split())


SKIP_CLASSES = {"noteref", "verse-ref", "notes"}


def visible_text(el: ET.Element) -> str:
    """Text of an element, without notes, note calls and verse references."""
    out = []

    def walk(e: ET.Element) -> None:
        classes = set((e.get("class") or "").split())
        skip = e.tag == f"{{{NS['h']}}}aside" or classes & SKIP_CLASSES
        if not skip:
            out.append(e.text or "")
            for child in e:
                walk(child)
        out.append(e.tail or "")

    walk(el)
    return " ".join("".join(out).split())


# ------------------------------------------------------------------ tests


def test_cli_writes_slug_epub(default_epub):
    assert default_epub.epub.name == "buqat-daw.epub"  # slug from manuscript/book.toml
    assert str(default_epub.epub) in default_epub.run_out


def test_zip_container(default_epub):
    with zipfile.ZipFile(default_epub.epub) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"
        assert first.extra == b""
        # one fixed time on every entry: SOURCE_DATE_EPOCH 1767225600 = 2026-01-01 00:00 UTC
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_reproducible(default_epub, series_epub):
    for built in (default_epub, series_epub):
        first = hashlib.sha256(built.epub.read_bytes()).hexdigest()
        second = hashlib.sha256(built.again.read_bytes()).hexdigest()
        assert first == second
    # the second builds used the font subsets and the cover the first ones cached
    # the faces the default book's text uses: regular and bold (no Latin
    # emphasis, so no italic: issue 26, item 12)
    assert len(list((default_epub.cache / "warraq" / "fonts").glob("Amiri-*.ttf"))) == 2
    assert len(list((default_epub.cache / "warraq" / "cover").glob("cover-*.png"))) == 1


def test_direction_and_language_everywhere(series_epub):
    root = opf(series_epub)
    assert root.get("dir") == "rtl"
    assert root.get(XML_LANG) == "ar"
    assert root.find("opf:spine", NS).get("page-progression-direction") == "rtl"
    docs = [n for n in series_epub.names() if n.endswith(".xhtml")]
    assert "EPUB/text/nav.xhtml" in docs
    for name in docs:
        html = xhtml(series_epub, name)
        assert (html.get("lang"), html.get(XML_LANG), html.get("dir")) == ("ar", "ar", "rtl"), name


def test_structure_one_document_per_part(series_epub):
    book = model_book(series_epub)
    spine = spine_docs(series_epub)
    names = [Path(s).name for s in spine]
    assert names[:3] == ["cover.xhtml", "title.xhtml", "nav.xhtml"]
    assert names[-1] == "colophon.xhtml"
    parts = [f"part-{p.number:03d}.xhtml" for p in book.parts]
    assert names[3 : 3 + len(parts)] == parts
    # then the back matter's indexes (render/apparatus.py), each a document
    assert all(name.startswith("index-") for name in names[3 + len(parts) : -1])
    assert [p.number for p in book.parts] == [1, 2, 3, 4, 5, 6, 7, 8]
    items = manifest(series_epub)
    assert items["nav"]["properties"] == "nav"
    assert items["cover-image"]["properties"] == "cover-image"
    assert {i["media-type"] for i in items.values() if i["href"].endswith(".ttf")} == {"font/ttf"}
    assert any(i["href"] == "toc.ncx" for i in items.values())


def test_ids_unique_across_the_book(series_epub):
    seen: dict[str, str] = {}
    for name in spine_docs(series_epub):
        for el in xhtml(series_epub, name).iter():
            if el.get("id"):
                assert el.get("id") not in seen, f"{el.get('id')} in {name} and {seen.get(el.get('id'))}"
                seen[el.get("id")] = name
    assert "part-7-s1" in seen and "part-1-s1" in seen


def test_nav_toc_and_landmarks(series_epub):
    nav = xhtml(series_epub, "EPUB/text/nav.xhtml")
    navs = {n.get(EPUB_TYPE): n for n in nav.iter(f"{{{NS['h']}}}nav")}
    assert set(navs) == {"toc", "landmarks"}
    hrefs = [a.get("href") for a in navs["toc"].iter(f"{{{NS['h']}}}a")]
    book = model_book(series_epub)
    for part in book.parts:
        assert f"part-{part.number:03d}.xhtml#part-{part.number}" in hrefs
    assert "part-008.xhtml#part-8-s1" in hrefs  # the section of the Markdown part 8
    types = [a.get(EPUB_TYPE) for a in navs["landmarks"].iter(f"{{{NS['h']}}}a")]
    # the series quotes verses and hadith and cites sources: an index and a bibliography (render/apparatus.py)
    assert types == ["cover", "titlepage", "toc", "bodymatter", "index", "bibliography", "colophon"]
    # every target exists
    for href in hrefs:
        doc, _, frag = href.partition("#")
        ids = {e.get("id") for e in xhtml(series_epub, f"EPUB/text/{doc}").iter()}
        assert not frag or frag in ids, href
    ncx = series_epub.read("EPUB/toc.ncx").decode()
    assert "text/part-007.xhtml#part-7-s1" in ncx


def test_footnotes_are_popups_in_the_same_document(series_epub):
    book = model_book(series_epub)
    total = 0
    for part in book.parts:
        doc = xhtml(series_epub, f"EPUB/text/part-{part.number:03d}.xhtml")
        ids = {e.get("id"): e for e in doc.iter()}
        refs = [a for a in doc.iter(f"{{{NS['h']}}}a") if a.get(EPUB_TYPE) == "noteref"]
        numbered = [n for n in part.notes if n.number]
        assert len(refs) == len(numbered)
        for a in refs:
            target = ids[a.get("href").lstrip("#")]
            assert target.tag == f"{{{NS['h']}}}aside"
            assert (target.get(EPUB_TYPE), target.get("role")) == ("footnote", "doc-footnote")
            assert a.get("role") == "doc-noteref"
            back = [b for b in target.iter(f"{{{NS['h']}}}a") if b.get("role") == "doc-backlink"]
            assert back and back[0].get("href") == f"#{a.get('id')}"
            # the marker in Arabic-Indic digits, e.g. ١ for note 1
            assert re.fullmatch("[٠-٩]+", "".join(a.itertext())), "".join(a.itertext())
        for note in numbered:
            aside = ids[f"note-{note.id}"]
            text = " ".join("".join(aside.itertext()).split())
            marker = str(note.number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
            assert text == f"{marker} " + " ".join(inline_text(note.inlines).split())
        total += len(numbered)
    # 3 notes in part 7 and 3 in part 8 (MD_PART_7, MD_PART_8), and in each of
    # the six generated parts the note to the seed's hadith, identified
    # without a ledger entry (transforms/hadith.py)
    hadith = [n for p in book.parts for n in p.notes if n.rule == "hadith" and n.number]
    assert len(hadith) == 6 and total == 12


def test_text_equals_the_books_text(default_epub, series_epub):
    """Every part's document shows the part's live text, once, in order:
    nothing lost, nothing doubled, no removed block."""
    for built in (default_epub, series_epub):
        book = model_book(built)
        for part in book.parts:
            doc = xhtml(built, f"EPUB/text/part-{part.number:03d}.xhtml")
            section = doc.find(".//h:section[@class='part']", NS)
            assert visible_text(section) == expected_part_text(part), part.number


def test_no_tombstone_markup(default_epub):
    """Removed blocks are shown only by the preview; the text test above
    checks that their text is not in the EPUB either."""
    for name in spine_docs(default_epub):
        doc = default_epub.read(name).decode()
        assert 'class="removed' not in doc and "<details" not in doc and "data-src" not in doc


def test_metadata(default_epub):
    m = metas(default_epub)
    config = load_config(default_epub.manuscript)
    assert m["identifier"] == [config.meta.identifier] == ["urn:uuid:5b2f5a52-8f0e-4c59-9d55-2f7f3d1c0b4e"]
    assert m["title"] == ["بقعة ضوء"]
    assert m["creator"] == ["كاتب السلسلة"]
    assert m["language"] == ["ar"]
    assert m["dcterms:modified"] == ["2026-01-01T00:00:00Z"]  # SOURCE_DATE_EPOCH 1767225600
    assert m["belongs-to-collection"] == ["بقعة ضوء"]
    assert m["collection-type"] == ["series"]
    assert m["ibooks:specified-fonts"] == ["true"]
    assert set(m["schema:accessMode"]) == {"textual", "visual"}
    assert m["schema:accessModeSufficient"] == ["textual"]
    assert "structuralNavigation" in m["schema:accessibilityFeature"]
    assert m["schema:accessibilityHazard"] == ["none"]
    assert m["schema:accessibilitySummary"][0]
    assert m["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    root = opf(default_epub)
    assert "ibooks: http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/" in root.get("prefix")


def test_colophon_names_generator_date_and_tanzil(default_epub):
    text = " ".join("".join(xhtml(default_epub, "EPUB/text/colophon.xhtml").itertext()).split())
    # the date in the book's digits, the month in words (issue 26)
    assert "warraq" in text and "١ يناير ٢٠٢٦" in text and "2026-01-01" not in text
    # the seed quotes the Qur'an ({إنك ميت وإنهم ميتون}), so the Tanzil notice is due
    assert "Tanzil" in text and "tanzil.net" in text


def test_fonts_subset_keep_arabic_shaping(series_epub):
    used = set()
    for name in spine_docs(series_epub):
        used |= set("".join(xhtml(series_epub, name).itertext()))
    for name in [n for n in series_epub.names() if n.endswith(".ttf")]:
        data = series_epub.read(name)
        original = Path(__import__("fontpkg_amiri").ROOT) / "files" / Path(name).name
        assert len(data) < original.stat().st_size / 2, name  # really subset
        font = TTFont(io.BytesIO(data))
        cmap = font.getBestCmap()
        missing = {c for c in used if not c.isspace() and ord(c) not in cmap}
        assert not missing, (name, sorted(missing))
        features = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
        assert {"init", "medi", "fina", "rlig"} <= features, name
        # the contextual forms of a letter the text uses are still there: ب (U+0628)
        # has initial, medial and final forms reached through GSUB
        names = set(font.getGlyphOrder())
        assert len(names) > len(cmap), "only cmap glyphs kept: no contextual forms"
        assert "OFL" in font["name"].getDebugName(13) or "Open Font License" in font["name"].getDebugName(13)


def test_typographic_cover(series_epub):
    items = manifest(series_epub)
    cover = items["cover-image"]
    assert cover["media-type"] == "image/png"
    img = Image.open(io.BytesIO(series_epub.read("EPUB/" + cover["href"])))
    assert img.size == (1400, 2100)
    page = xhtml(series_epub, "EPUB/text/cover.xhtml")
    imgs = list(page.iter(f"{{{NS['h']}}}img"))
    assert len(imgs) == 1 and imgs[0].get("alt") and imgs[0].get("role") == "doc-cover"


def test_author_cover_and_bad_cover(make_book, tmp_path):
    png = io.BytesIO()
    Image.new("RGB", (600, 900), (10, 80, 120)).save(png, "PNG")
    root = make_book({"01.txt": "بقعة ضوء (١)\nنص الجزء الأول.\n"}, extra='cover = "cover.png"')
    (root / "cover.png").write_bytes(png.getvalue())
    out = tmp_path / "out"
    r = run_cli("build", "--format", "epub", "-m", str(root), "-o", str(out))
    assert r.code == 0, r.err
    epub = out / "test-book.epub"
    with zipfile.ZipFile(epub) as z:
        assert z.read("EPUB/images/cover.png") == png.getvalue()
    before = epub.read_bytes()
    # a cover that is not an image: one line naming the file, non-zero exit,
    # and the previous EPUB left as it was
    (root / "cover.png").write_text("not an image", "utf-8")
    r = run_cli("build", "--format", "epub", "-m", str(root), "-o", str(out))
    assert r.code != 0
    last = r.err.strip().splitlines()[-1]
    assert last.startswith("warraq: error: ") and "cover.png" in last and "Traceback" not in r.err
    assert epub.read_bytes() == before


def test_missing_identifier_is_derived_and_reported(tmp_path):
    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text('[book]\ntitle = "كتاب"\nauthor = "مؤلف"\nlanguage = "ar"\nslug = "b"\n', "utf-8")
    (root / "parts" / "01.txt").write_text("كتاب (١)\nنص.\n", "utf-8")
    ids = []
    for n in (1, 2):
        r = run_cli("build", "--format", "epub", "-m", str(root), "-o", str(tmp_path / f"o{n}"))
        assert r.code == 0, r.err
        with zipfile.ZipFile(tmp_path / f"o{n}" / "b.epub") as z:
            ids.append(re.search(r"<dc:identifier[^>]*>([^<]+)<", z.read("EPUB/content.opf").decode()).group(1))
    assert ids[0] == ids[1] and ids[0].startswith("urn:uuid:")  # stable, not random per build
    report = json.loads((tmp_path / "o1" / "report.json").read_text("utf-8"))
    assert [f["rule"] for f in report["findings"] if f["kind"] == "epub"] == ["epub-identifier-derived"]


def test_series_position(make_book, tmp_path):
    root = make_book({"01.txt": "بقعة ضوء (١)\nنص.\n"}, extra='series = "بقعة ضوء"\nseries_position = 3')
    r = run_cli("build", "--format", "epub", "-m", str(root), "-o", str(tmp_path / "o"))
    assert r.code == 0, r.err
    with zipfile.ZipFile(tmp_path / "o" / "test-book.epub") as z:
        package = z.read("EPUB/content.opf").decode()
    assert '<meta property="belongs-to-collection" id="series">بقعة ضوء</meta>' in package
    assert '<meta refines="#series" property="group-position">3</meta>' in package
    (root / "book.toml").write_text(
        (root / "book.toml").read_text("utf-8").replace("series_position = 3", "series_position = -1"), "utf-8"
    )
    r = run_cli("build", "--format", "epub", "-m", str(root), "-o", str(tmp_path / "o"))
    assert r.code == 3  # ConfigError
    assert "book.toml:8: [book] series_position" in r.err.strip().splitlines()[-1]  # line 8 of BOOK_TOML + extra


def test_bad_date_is_one_line_with_its_line(make_book, tmp_path):
    root = make_book({"01.txt": "كتاب (١)\nنص.\n"}, extra='date = "yesterday"')
    r = run_cli("build", "--format", "epub", "-m", str(root), "-o", str(tmp_path / "o"))
    assert r.code == 3  # ConfigError
    last = r.err.strip().splitlines()[-1]
    assert last.startswith("warraq: error: ") and "book.toml:7: [book] date" in last  # line 7 = first extra line
    assert not (tmp_path / "o" / "test-book.epub").exists()
