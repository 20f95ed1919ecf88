"""The parallel, incremental PDF build: the merged book against a one-pass
build of the same book, and the cache under <out>/.cache/pdf/.

Every build is the real CLI.  The one-pass build ([print] engine = "single",
WeasyPrint laying the whole book out at once) is the reference: the merged
book must give the same pages, text, outline and structure.  The cache tests
follow a book through a scripted series of builds (built once per session)
and look at the cache folder and the output's sha256 after each.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
import weasyprint
from bench.series import part_text

from tests.conftest import MANUSCRIPT, ROOT, run_cli
from tests.writers.pdf_fixtures import PdfBuild, series_manuscript, series_pdf, series_single_pdf
from tests.writers.pdf_reading import (
    ARABIC_INDIC,
    outline_entries,
    page_texts,
    pdfminer_pages,
    structure,
)
from warraq.model import Meta
from warraq.writers.pdf import cache as pdf_cache
from warraq.writers.pdf import merge
from warraq.writers.pdf.cache import PRUNE_FLOOR, PdfCache, document_key, environment
from warraq.writers.pdf.documents import SHEET_RUN, first_pages
from warraq.writers.pdf.merge import PROBE_FOLIOS, DrawnFolios, Piece, assemble

META = Meta(title="بقعة ضوء", author="كاتب السلسلة", language="ar")


@pytest.fixture(scope="session")
def merged(tmp_path_factory) -> PdfBuild:
    return series_pdf(tmp_path_factory)


@pytest.fixture(scope="session")
def single(tmp_path_factory) -> PdfBuild:
    return series_single_pdf(tmp_path_factory)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------- the merged book


def test_same_pages_and_text_as_the_one_pass_build(merged, single):
    merged_texts, single_texts = page_texts(merged.pdf), page_texts(single.pdf)
    assert len(merged_texts) == len(single_texts) > 20
    for n, (a, b) in enumerate(zip(merged_texts, single_texts, strict=True), 1):
        assert a == b, f"page {n}"


def test_same_outline_as_the_one_pass_build(merged, single):
    assert outline_entries(merged.pdf) == outline_entries(single.pdf)


def test_same_page_geometry_and_labels(merged, single):
    with pikepdf.open(merged.pdf) as a, pikepdf.open(single.pdf) as b:
        for pa, pb in zip(a.pages, b.pages, strict=True):
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                assert [round(float(v), 2) for v in pa.obj[box]] == [round(float(v), 2) for v in pb.obj[box]]
        assert list(a.Root.PageLabels.Nums) == list(b.Root.PageLabels.Nums)
        assert a.Root.ViewerPreferences.Direction == b.Root.ViewerPreferences.Direction == "/R2L"
        assert a.Root.PageLayout == b.Root.PageLayout
        assert str(a.Root.Lang) == str(b.Root.Lang) == "ar"
        assert a.Root.Metadata.read_bytes() == b.Root.Metadata.read_bytes()  # PDF/UA-1 identification


def links(pdf: Path) -> list[list[str]]:
    """Per page, where each link annotation goes: a named destination or a URI."""
    with pikepdf.open(pdf) as doc:
        return [
            sorted(str(a.get("/Dest") or a.A.URI) for a in page.obj.get("/Annots", ()) if a.Subtype == "/Link")
            for page in doc.pages
        ]


def test_same_links_as_the_one_pass_build(merged, single):
    found = links(merged.pdf)
    assert found == links(single.pdf)
    assert sum(len(page) for page in found) > 40  # the contents' entries, the colophon's link


def test_structure_tree_is_whole(merged):
    """One StructTreeRoot; every marked content id of every page has its
    parent tree entry, under the root; every annotation is in the tree."""
    found = structure(merged.pdf)
    assert found.problems == []
    assert sum(len(ids) for ids in found.reached) > 500


def test_structure_reaches_the_same_content_as_the_one_pass_build(merged, single):
    """Page by page, as many marked content sequences, and as many of them
    reached from the root, as in the one-pass book."""
    a, b = structure(merged.pdf), structure(single.pdf)
    assert [len(ids) for ids in a.reached] == [len(ids) for ids in b.reached]
    assert [len(ids) for ids in a.mcids] == [len(ids) for ids in b.mcids]


def test_the_structure_check_finds_a_broken_tree(merged, tmp_path):
    # the check above can fail: two pages made to share one parent tree key
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(merged.pdf) as pdf:
        pdf.pages[8].obj.StructParents = pdf.pages[10].obj.StructParents
        pdf.save(broken)
    problems = structure(broken).problems
    assert "two pages share a /StructParents key" in problems
    assert any(p.startswith("page 9:") for p in problems)


def test_contents_links_reach_their_headings(merged):
    """Each link of the contents (the pages before the first part) goes, by
    its named destination, to the page of the heading it names: the page of
    the outline entry of the same part or section."""
    outline = outline_entries(merged.pdf)
    first_part = min(page for _, _, page in outline)
    links = []  # (target id, page it reaches), in the contents' order
    with pikepdf.open(merged.pdf) as pdf:
        index = {page.objgen: n for n, page in enumerate(pdf.pages, 1)}
        dests = pikepdf.NameTree(pdf.Root.Names.Dests)
        for n in range(first_part - 1):
            for annotation in pdf.pages[n].obj.get("/Annots", ()):
                if "/Dest" in annotation:
                    target = str(annotation.Dest)
                    if not links or links[-1][0] != target:  # an entry and its page number: two boxes
                        links.append((target, index[dests[target][0].objgen]))
    # the contents list the parts and sections in the outline's order
    assert [page for _, page in links] == [page for _, _, page in outline]
    parts = [target for target, _ in links if "-s" not in target and not target.startswith("index-")]
    assert parts == [f"part-{p.number}" for p in merged.book.parts]
    # then the back matter's indexes (render/apparatus.py), after the parts
    back = [target for target, _ in links if target.startswith("index-")]
    assert back and [target for target, _ in links][-len(back) :] == back


def test_folios_count_on_across_parts(merged):
    """Folios are drawn over the parts once their pages are known: each is
    its page's number, on every numbered page after each part's first
    (not on the colophon at the back, the book's last page)."""
    digits = str.maketrans("0123456789", ARABIC_INDIC)
    firsts = {page for level, _, page in outline_entries(merged.pdf) if level == 1}
    numbered = 0
    pages = list(pdfminer_pages(merged.pdf))
    for page in pages:
        folio = "".join(line.visual for line in page.folio()).strip()
        closing = page.number == len(pages)
        if page.number > min(firsts) and page.number not in firsts and not page.blank and not closing:
            assert folio == str(page.number).translate(digits), page.number
            numbered += 1
        else:
            assert folio == "", page.number
    assert numbered > 15


def test_first_pages_open_on_rectos():
    # front matter of 5 pages: part 1 on page 7 after a blank 6; a part of 3
    # pages ends on 9, so the next opens on 11; one of 2 pages ends on a verso
    assert first_pages(5, [3, 2, 4]) == [7, 11, 13]
    assert first_pages(4, [1, 1]) == [5, 7]


# ---------------------------------------------------------------------- the cache


@dataclass
class Step:
    sha256: str  # of the output PDF
    entries: dict[str, int]  # the cache's PDFs after the build: name -> mtime_ns
    new: set[str]  # the entries this build typeset (new or rewritten)
    findings: list = field(default_factory=list)
    out: Path | None = None
    pages: int = 0


def entries(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (out / ".cache" / "pdf").glob("*.pdf")}


def build(root: Path, out: Path, slug: str, *extra: str, cwd: Path | None = None) -> Step:
    named = out
    out = cwd / out if cwd else out
    before = entries(out) if (out / ".cache").exists() else {}
    run = run_cli("build", "--format", "pdf", "-m", str(root), "-o", str(named), *extra, cwd=cwd)
    assert run.code == 0, run.err
    after = entries(out)
    new = {name for name, mtime in after.items() if before.get(name) != mtime}
    findings = json.loads((out / "report.json").read_text("utf-8"))["findings"]
    with pikepdf.open(out / f"{slug}.pdf") as pdf:
        pages = len(pdf.pages)
    return Step(sha256(out / f"{slug}.pdf"), after, new, findings, out, pages)


def anchors(out: Path, entry: str) -> dict[str, int]:
    """The element ids a cached document holds: a part's title is
    part-N-title (the contents hold part-N and part-N-sK too)."""
    meta = out / ".cache" / "pdf" / entry.replace(".pdf", ".json")
    return json.loads(meta.read_text("utf-8"))["anchors"]


@dataclass
class History:
    work: Path
    steps: dict[str, Step] = field(default_factory=dict)
    part_entry: Path | None = None  # the cached PDF of the book's one part
    print_pdf: Path | None = None  # the print profile's book
    repaired: bool = False  # after the damaged builds, the part's entry is whole


@pytest.fixture(scope="session")
def history(tmp_path_factory) -> History:
    """The default book through a series of builds into one output folder."""
    work = tmp_path_factory.mktemp("pdf-cache")
    shutil.copytree(MANUSCRIPT, work / "manuscript")
    shutil.copytree(ROOT / "styles", work / "styles")
    root, out = work / "manuscript", work / "out"
    h = History(work)
    h.steps["cold"] = build(root, out, "buqat-daw")
    h.steps["warm"] = build(root, out, "buqat-daw")
    # the same project named from its folder: `-m manuscript`, not the absolute path
    h.steps["relative"] = build(Path("manuscript"), Path("out"), "buqat-daw", cwd=work)
    h.steps["elsewhere"] = build(root, work / "out-fresh", "buqat-daw")

    name = next(name for name in h.steps["cold"].entries if "part-4-title" in anchors(out, name))
    entry = h.part_entry = out / ".cache" / "pdf" / name
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])  # truncated
    h.steps["truncated"] = build(root, out, "buqat-daw")
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x55  # one byte flipped, the length kept
    entry.write_bytes(bytes(data))
    h.steps["flipped"] = build(root, out, "buqat-daw")
    record = json.loads(entry.with_suffix(".json").read_text("utf-8"))
    h.repaired = hashlib.sha256(entry.read_bytes()).hexdigest() == record["sha256"]

    with (work / "styles" / "book.css").open("a", encoding="utf-8") as fh:
        fh.write("\nh2 { color: #333; }\n")
    h.steps["style"] = build(root, out, "buqat-daw")
    with (root / "book.toml").open("a", encoding="utf-8") as fh:
        fh.write("crop_marks = true\n")  # under [print]: the blank verso then carries them too
    h.steps["profile"] = build(root, out, "buqat-daw", "--profile", "print")
    h.print_pdf = shutil.copy(out / "buqat-daw.pdf", work / "print.pdf")
    toml = root / "book.toml"
    toml.write_text(toml.read_text("utf-8").replace('trim = "A5"', 'trim = "14x21"'), "utf-8")
    h.steps["trim"] = build(root, out, "buqat-daw")
    return h


def test_a_rebuild_typesets_nothing_and_gives_the_same_bytes(history):
    cold, warm = history.steps["cold"], history.steps["warm"]
    assert len(cold.new) >= 4  # the part, the front matter, a run of sheets, the blank sheet
    assert warm.new == set() and warm.entries == cold.entries
    assert warm.sha256 == cold.sha256


def test_the_project_named_another_way_typesets_nothing(history):
    assert history.steps["relative"].new == set()
    assert history.steps["relative"].sha256 == history.steps["cold"].sha256


def test_cached_and_fresh_builds_are_byte_identical(history):
    assert history.steps["elsewhere"].sha256 == history.steps["cold"].sha256
    assert history.steps["elsewhere"].new == set(history.steps["cold"].entries)


def test_a_damaged_entry_is_typeset_again_never_merged(history):
    cold = history.steps["cold"]
    for name in ("truncated", "flipped"):
        step = history.steps[name]
        assert step.sha256 == cold.sha256, name
        assert step.new == {history.part_entry.name}, name  # the damaged part, and only it
    assert history.repaired  # the entry is whole again: its bytes are those its record names


def test_reports_are_the_same_from_the_cache(history):
    """WeasyPrint's warnings are kept with each entry: a cached build
    reports what a fresh one does."""
    steps = [history.steps[name] for name in ("cold", "warm", "elsewhere", "truncated", "flipped")]
    assert all(step.findings == steps[0].findings for step in steps)


def test_a_style_change_typesets_everything_again(history):
    style, flipped = history.steps["style"], history.steps["flipped"]
    assert style.sha256 != flipped.sha256
    assert style.new == set(style.entries) - set(flipped.entries)
    assert len(style.new) >= 4  # the part, the front matter, a run of sheets, the blank sheet


def test_profile_and_trim_changes_typeset_everything_again(history):
    for name, before in (("profile", "style"), ("trim", "profile")):
        step, previous = history.steps[name], history.steps[before]
        assert len(step.new) >= 4 and step.new.isdisjoint(previous.entries), name
        assert step.sha256 != previous.sha256


def test_the_print_profile_blank_verso_carries_crop_marks(history):
    """The blank verso put before the part at assembly (page 6, after five
    pages of front matter) is a typeset blank sheet: crop marks, no text."""
    pages = pdfminer_pages(history.print_pdf)
    blank = pages[5]
    assert blank.lines == []
    marks = [s for s in blank.shapes if s[2] <= 0 or s[0] >= blank.width]  # outside the trim box
    assert len(marks) >= 4
    assert len(marks) == len([s for s in pages[6].shapes if s[2] <= 0 or s[0] >= blank.width])


def test_old_entries_are_pruned(history):
    """Entries the last build did not use go, beyond twice the size of what
    it used or PRUNE_FLOOR (the unit test below shows which go first)."""
    last = history.steps["trim"]
    cache = history.work / "out" / ".cache" / "pdf"
    used = sum((cache / name).stat().st_size for name in last.new)
    total = sum(p.stat().st_size for p in cache.glob("*.pdf"))
    assert used < total <= used + max(2 * used, PRUNE_FLOOR) + 2**20  # + the .json records


# ---------------------------------------------------------------------- edits


@pytest.fixture(scope="session")
def edits(tmp_path_factory) -> dict[str, tuple[Step, Step]]:
    """The series book edited twice; after each edit, the incremental build
    and a build of the same manuscript in a fresh folder."""
    work = tmp_path_factory.mktemp("pdf-edits")
    root = series_manuscript(work)
    out = work / "out"
    cold = build(root, out, "series-3")
    steps = {"cold": (cold, cold)}
    part2 = root / "parts" / "0002.txt"
    lines = part2.read_text("utf-8").split("\n")
    lines[4] += " وهذه جملة أضافها الكاتب."  # one paragraph edited
    part2.write_text("\n".join(lines), "utf-8")
    steps["paragraph"] = (build(root, out, "series-3"), build(root, work / "fresh-1", "series-3"))
    part1 = root / "parts" / "0001.txt"
    more = part_text(9).split("\n")[1:20]  # the text of a part not in the book: dedup keeps it
    part1.write_text(part1.read_text("utf-8").rstrip("\n") + "\n" + "\n".join(more) + "\n", "utf-8")
    steps["longer"] = (build(root, out, "series-3"), build(root, work / "fresh-2", "series-3"))
    return steps


def test_a_paragraph_edit_typesets_its_part_only(edits):
    incremental, fresh = edits["paragraph"]
    typeset = [anchors(incremental.out, name) for name in incremental.new]
    assert any("part-2-title" in a for a in typeset)
    # besides the part, only the back matter, when a page its indexes name moved (render/apparatus.py)
    assert all("part-2-title" in a or "index-verses" in a or "index-hadith" in a for a in typeset)
    assert len(typeset) <= 2
    assert incremental.sha256 == fresh.sha256  # as if built from scratch


def test_a_longer_part_shifts_the_others_without_typesetting_them(edits):
    incremental, fresh = edits["longer"]
    assert incremental.pages >= edits["paragraph"][0].pages + 2
    typeset = [anchors(incremental.out, name) for name in incremental.new]
    assert any("part-1-title" in a for a in typeset)  # the edited part
    assert any("toc-title" in a for a in typeset)  # the contents, with new page numbers
    assert not any(f"part-{n}-title" in a for a in typeset for n in (2, 3, 4, 5))  # the others keep their layout
    assert incremental.sha256 == fresh.sha256
    # every folio is its page's number (the parts after part 1 moved)
    digits = str.maketrans("0123456789", ARABIC_INDIC)
    pdf = incremental.out / "series-3.pdf"
    openings = {page for level, _, page in outline_entries(pdf) if level == 1}
    folios = 0
    for page in pdfminer_pages(pdf):
        folio = "".join(line.visual for line in page.folio()).strip()
        if folio:
            assert folio == str(page.number).translate(digits) and page.number not in openings
            folios += 1
    assert folios > 20


# ---------------------------------------------------------------------- keys


def test_the_key_holds_the_weasyprint_and_font_versions(monkeypatch):
    env = environment()
    assert f"weasyprint={weasyprint.__version__}" in env and "Amiri-Regular.ttf=" in env
    key = document_key("<p>x</p>", "/book", "pdf/ua-1", env)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert document_key("<p>x</p>", "/book", "pdf/ua-1", environment()) != key
    assert document_key("<p>y</p>", "/book", "pdf/ua-1", env) != key
    assert document_key("<p>x</p>", "/book", "pdf/a-3u", env) != key


def test_a_changed_font_file_changes_the_key(tmp_path, monkeypatch):
    font = tmp_path / "Amiri-Regular.ttf"
    font.write_bytes(b"font one")
    from warraq.render.fonts import Face

    monkeypatch.setattr(pdf_cache, "faces", lambda: (Face(font, "normal", "normal"),))
    one = environment()
    font.write_bytes(b"font two, longer")
    assert environment() != one


def test_cache_entries_are_verified(tmp_path):
    cache = PdfCache(tmp_path)
    data = b"%PDF-1.7\n...\n%%EOF\n"
    cache.put("a" * 64, data, {"pages": 1})
    assert cache.get("a" * 64).data == data
    (tmp_path / ("a" * 64 + ".pdf")).write_bytes(data[:-6])
    assert cache.get("a" * 64) is None
    assert not (tmp_path / ("a" * 64 + ".json")).exists()  # removed, to be typeset again
    cache.put("b" * 64, data, {"pages": 1})
    (tmp_path / ("b" * 64 + ".json")).write_text("{not json")
    assert cache.get("b" * 64) is None


def test_an_unknown_engine_is_one_clear_line(make_book, tmp_path):
    root = make_book({"01.txt": "عنوان (١)\nفقرة.\n"}, extra='[print]\nengine = "fast"\n')
    r = run_cli("build", "-f", "pdf", "-m", str(root), "-o", str(tmp_path / "out"))
    assert r.code == 3
    assert r.err.strip().count("\n") == 0 and "book.toml:8" in r.err and "engine" in r.err


def test_prune_keeps_used_entries_and_the_latest_others_up_to_their_size(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_cache, "PRUNE_FLOOR", 0)  # the tiny entries here would all fit under it
    cache = PdfCache(tmp_path)
    pdf = b"%PDF-1.7\n" + b"x" * 1000 + b"\n%%EOF\n"
    keys = [c * 64 for c in "abcde"]
    for age, key in enumerate(keys):  # a: used now; b, c, d, e: used 1, 2, 3, 4 hours ago
        cache.put(key, pdf, {})
        when = time.time() - 3600 * age
        for suffix in (".pdf", ".json"):
            os.utime(tmp_path / (key + suffix), (when, when))
    stale = tmp_path / ".x.pdf.abc.part"  # left by a killed build two hours ago
    stale.write_bytes(b"half")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    (tmp_path / "last-build.json").write_text("{}")  # not an entry
    cache.prune({keys[0]})
    left = sorted(p.name for p in tmp_path.iterdir())
    # the used entry's size buys two others: the most recent
    kept = [f"{key}{suffix}" for key in keys[:3] for suffix in (".pdf", ".json")]
    assert left == sorted([*kept, "last-build.json"])


def test_prune_keeps_others_up_to_the_floor(tmp_path):
    """A screen build's documents are a fifth of the print interior's: twice
    their size did not keep the other profile, the floor does."""
    cache = PdfCache(tmp_path)
    pdf = b"%PDF-1.7\n" + b"x" * 1000 + b"\n%%EOF\n"
    keys = [c * 64 for c in "abcde"]
    for key in keys:
        cache.put(key, pdf, {})
    cache.prune({keys[0]})
    assert sorted(p.stem for p in tmp_path.glob("*.pdf")) == keys


def test_role_map_class_map_and_ids_of_a_part_are_merged(history, tmp_path):
    """WeasyPrint writes no RoleMap, ClassMap or IDTree; a part that had them
    (another WeasyPrint, an author's tags) keeps them in the book."""
    cache = history.work / "out-fresh" / ".cache" / "pdf"
    metas = {p.with_suffix(".pdf"): json.loads(p.read_text("utf-8")) for p in cache.glob("*.json") if len(p.stem) == 64}
    part = next(path for path, meta in metas.items() if "part-4-title" in meta["anchors"])
    front = next(path for path, meta in metas.items() if "toc-title" in meta["anchors"])
    probe = next(path for path, meta in metas.items() if not meta["anchors"] and meta["pages"] == len(PROBE_FOLIOS))
    blank = next(path for path, meta in metas.items() if not meta["anchors"] and meta["pages"] == 1)
    tagged = tmp_path / "part.pdf"
    with pikepdf.open(part) as pdf:
        root = pdf.Root.StructTreeRoot
        root.RoleMap = pikepdf.Dictionary(Chapter=pikepdf.Name.Sect)
        root.ClassMap = pikepdf.Dictionary(Verse=pikepdf.Dictionary(O=pikepdf.Name.Layout))
        ids = pikepdf.NameTree.new(pdf)
        ids["heading-1"] = root.K[0].K[0]
        root.IDTree = ids.obj
        pdf.save(tagged)
    pieces = [Piece(tagged.read_bytes(), metas[front]["pages"] + 2, metas[part]["folios"])]
    folios = DrawnFolios.read(probe.read_bytes())
    book = assemble(Piece(front.read_bytes(), 1), pieces, {}, blank.read_bytes(), SHEET_RUN, META, folios)
    merged = tmp_path / "book.pdf"
    merged.write_bytes(book)
    with pikepdf.open(merged) as pdf:
        root = pdf.Root.StructTreeRoot
        assert root.RoleMap.Chapter == pikepdf.Name.Sect
        assert pikepdf.Name.Layout == root.ClassMap.Verse.O
        element = pikepdf.NameTree(root.IDTree)["heading-1"]
        assert element.P.objgen == root.K[0].objgen  # in the book's tree, under its /Document
    assert structure(merged).problems == []


def test_documents_read_once_give_the_same_book(history, tmp_path, monkeypatch):
    """The assembly reads each document once per process (merge.OPENED: the
    resident builder's next build opens only the edited part): a book
    assembled from documents read by an earlier assembly is the book
    assembled from documents read anew, byte for byte; a part whose bytes
    come twice in one book is read twice, each copy its own pages."""
    cache = history.work / "out-fresh" / ".cache" / "pdf"
    metas = {p.with_suffix(".pdf"): json.loads(p.read_text("utf-8")) for p in cache.glob("*.json") if len(p.stem) == 64}
    parts = [path for path, meta in metas.items() if "part-4-title" in meta["anchors"]]
    front = next(path for path, meta in metas.items() if "toc-title" in meta["anchors"])
    probe = next(path for path, meta in metas.items() if not meta["anchors"] and meta["pages"] == len(PROBE_FOLIOS))
    blank = next(path for path, meta in metas.items() if not meta["anchors"] and meta["pages"] == 1)
    part, pages = parts[0], metas[parts[0]]["pages"]
    first = metas[front]["pages"] + 1 + metas[front]["pages"] % 2
    second = first + pages + (first + pages + 1) % 2  # a recto
    pieces = [Piece(part.read_bytes(), first, metas[part]["folios"]), Piece(part.read_bytes(), second, [])]

    def book() -> bytes:
        folios = DrawnFolios.read(probe.read_bytes())
        return assemble(Piece(front.read_bytes(), 1), pieces, {}, blank.read_bytes(), SHEET_RUN, META, folios)

    reads: list[int] = []
    read = merge.Opened.read
    monkeypatch.setattr(merge.Opened, "read", classmethod(lambda cls, data: reads.append(1) or read(data)))
    merge.OPENED.clear()
    anew = book()
    assert len(reads) == 3  # the part twice, the blank sheet
    again = book()
    assert len(reads) == 4  # the part's second copy only
    assert again == anew
    merged = tmp_path / "book.pdf"
    merged.write_bytes(again)
    with pikepdf.open(merged) as pdf:
        assert len(pdf.pages) == second + pages - 1
        copies = [pdf.pages[first - 1 + i].obj.objgen for i in range(pages)]
        copies += [pdf.pages[second - 1 + i].obj.objgen for i in range(pages)]
        assert len(set(copies)) == 2 * pages
    assert structure(merged).problems == []
