"""The PDF's structure against the PDF/UA-1 rules a screen reader needs
(issue 13, items 9-12), read with pikepdf.  veraPDF, the reference
validator, is not in the package registries; these are the rules it would
check that warraq can get wrong:

* every footnote is a `Note` with an `/ID` (in the IDTree), and the
  `Reference` of its call points at it (`/Ref`);
* every Latin run carries `/Lang` (`en`);
* the contents are `TOC`/`TOCI`, each entry with its link;
* every page's marked content is reached from the StructTreeRoot (its
  parent tree entry leads up to the root), and the text that is not is an
  artifact (running heads, folios);
* PDF/UA identification (pdfuaid:part 1 in the XMP) only while these hold.

On the default book and on a generated series of ten parts, both engines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pikepdf
import pytest

from tests.writers.pdf_fixtures import PdfBuild, default_pdf, series10_pdf, series_pdf, series_single_pdf
from warraq.model import plain_text
from warraq.text.arabic import latin_spans

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


@pytest.fixture(scope="session")
def default(tmp_path_factory) -> PdfBuild:
    return default_pdf(tmp_path_factory)


@pytest.fixture(params=["default", "series", "series_single", "series10"])
def built(request, tmp_path_factory) -> PdfBuild:
    make = {"default": default_pdf, "series": series_pdf, "series_single": series_single_pdf, "series10": series10_pdf}
    return make[request.param](tmp_path_factory)


@dataclass
class Tree:
    """The structure tree of a PDF, walked once."""

    pdf: pikepdf.Pdf
    elements: list[pikepdf.Dictionary] = field(default_factory=list)  # in document order
    parents: dict[tuple[int, int], pikepdf.Dictionary] = field(default_factory=dict)

    @classmethod
    def read(cls, pdf: pikepdf.Pdf) -> Tree:
        tree = cls(pdf)
        root = pdf.Root.StructTreeRoot
        tree._walk(root, None)
        return tree

    def _walk(self, node: pikepdf.Object, parent: pikepdf.Dictionary | None) -> None:
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                self.elements.append(kid)
                if parent is not None:
                    self.parents[kid.objgen] = parent
                self._walk(kid, kid)

    def of(self, role: str) -> list[pikepdf.Dictionary]:
        return [e for e in self.elements if str(e.S) == role]

    def below(self, element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
        out = []
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else ([kids] if kids is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out.append(kid)
                out.extend(self.below(kid))
        return out

    def reached(self) -> set[tuple[int, int]]:
        return {e.objgen for e in self.elements}


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    out: dict[int, pikepdf.Object] = {}

    def walk(node: pikepdf.Object) -> None:
        if "/Nums" in node:
            nums = node.Nums
            for i in range(0, len(nums), 2):
                out[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", ()):
            walk(kid)

    walk(pdf.Root.StructTreeRoot.ParentTree)
    return out


def marked_content(page: pikepdf.Page) -> tuple[list[int], int]:
    """The MCIDs of a page's content, and how many text operators stand
    outside both tagged content and artifacts."""
    mcids: list[int] = []
    loose = 0
    stack: list[str] = []  # "tagged", "artifact" or "other"
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if op == "BDC" else None
            if tag == "/Artifact":
                stack.append("artifact")
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcids.append(int(props.MCID))
                stack.append("tagged")
            else:
                stack.append("other")
        elif op == "EMC":
            stack.pop()
        elif op in TEXT_OPERATORS and not ({"tagged", "artifact"} & set(stack)):
            loose += 1
    return mcids, loose


def latin_runs(built: PdfBuild) -> int:
    """The Latin runs of the book's text (parts, notes, colophon)."""
    runs = 0
    for part in built.book.parts:
        for note in part.notes:
            runs += len(latin_spans(plain_text(note.inlines)))
    return runs


def test_footnotes_are_notes_linked_from_their_calls(built):
    pdf = pikepdf.open(built.pdf)
    tree = Tree.read(pdf)
    notes = tree.of("/Note")
    expected = {f"note-{n.id}" for part in built.book.parts for n in part.notes if n.number}
    ids = Counter(str(note.ID) for note in notes if "/ID" in note)
    assert set(ids) == expected
    assert all(note.get("/ID") is not None for note in notes)
    if not expected:  # a book without notes
        return
    id_tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
    for name in expected:
        assert id_tree[name].S == "/Note", name
    references = tree.of("/Reference")
    linked = {str(ref.Ref[0].ID) for ref in references if "/Ref" in ref and ref.Ref[0].get("/S") == "/Note"}
    assert linked == expected


def test_latin_runs_carry_their_language(built):
    pdf = pikepdf.open(built.pdf)
    tree = Tree.read(pdf)
    tagged = [e for e in tree.elements if str(e.get("/Lang", "")) == "en"]
    # the colophon's Latin runs at least (warraq's version, the date, and the
    # Tanzil notice when the book quotes the Qur'an), and every note's
    assert len(tagged) >= 2 + latin_runs(built)
    assert str(pdf.Root.Lang) == "ar"


def test_contents_are_toc_and_toc_items(built):
    pdf = pikepdf.open(built.pdf)
    tree = Tree.read(pdf)
    # the contents of each page (WeasyPrint builds a tree per page)
    tocs = [
        e
        for e in tree.of("/TOC")
        if str(tree.parents[e.objgen].S) != "/TOCI" and str(tree.parents[e.objgen].S) != "/TOC"
    ]
    assert tocs
    items = [e for toc in tocs for e in tree.below(toc) if str(e.S) == "/TOCI"]
    entries = sum(1 + sum(1 for b in p.blocks if type(b).__name__ == "Heading") for p in built.book.parts)

    def own_link(item) -> bool:
        """Its Reference holds the entry's link (a part's entry continued
        on the next page holds only the rest of its sections)."""
        refs = [
            e for e in tree.below(item) if str(e.S) == "/Reference" and tree.parents[e.objgen].objgen == item.objgen
        ]
        return any(str(e.S) == "/Link" for ref in refs for e in tree.below(ref))

    linked = [item for item in items if own_link(item)]
    assert len(linked) == entries
    for item in items:
        assert own_link(item) or any(str(e.S) == "/TOC" for e in tree.below(item)), item
    # no list structure left in the contents, and no link nested in a link
    for toc in tocs:
        assert not [e for e in tree.below(toc) if str(e.S) in ("/L", "/LI", "/LBody")]
    assert not [e for e in tree.of("/Link") if str(tree.parents[e.objgen].S) == "/Link"]


def test_every_marked_content_is_reached_and_the_rest_is_artifact(built):
    pdf = pikepdf.open(built.pdf)
    tree = Tree.read(pdf)
    reached = tree.reached()
    parents = parent_tree(pdf)
    for number, page in enumerate(pdf.pages, 1):
        mcids, loose = marked_content(page)
        assert loose == 0, f"page {number}: {loose} text operators neither tagged nor artifact"
        if not mcids:
            continue
        assert "/StructParents" in page.obj, number
        entry = parents[int(page.obj.StructParents)]
        for mcid in mcids:
            element = entry[mcid]
            assert element.objgen in reached, f"page {number}: MCID {mcid} ({element.S}) is not in the tree"


def test_pdf_ua_identification(default):
    pdf = pikepdf.open(default.pdf)
    with pdf.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"


def test_tagging_patch_is_pinned_and_applies():
    import weasyprint

    from warraq.writers.pdf.patches import tags as pdf_tags

    assert weasyprint.__version__ == pdf_tags.WEASYPRINT_VERSION
    assert pdf_tags.mismatches() == []
    assert pdf_tags.applied()


def test_no_pdf_ua_identification_without_the_tags(monkeypatch, tmp_path):
    """On a WeasyPrint the tagging patch does not know, the PDF does not
    claim PDF/UA-1, and says so."""
    from io import BytesIO

    from warraq.writers.pdf.patches import tags as pdf_tags
    from warraq.writers.pdf.typeset import typeset

    html = '<html lang="ar" dir="rtl"><head><title>t</title></head><body><p>نص</p></body></html>'
    claimed = pikepdf.open(BytesIO(typeset(html, str(tmp_path), "pdf/ua-1").data))
    with claimed.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"
    monkeypatch.setattr(pdf_tags, "applied", lambda: False)
    done = typeset(html, str(tmp_path), "pdf/ua-1")
    with pikepdf.open(BytesIO(done.data)).open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") is None
    assert any("PDF/UA-1" in w for w in done.warnings)
