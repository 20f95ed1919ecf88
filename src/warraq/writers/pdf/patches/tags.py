"""The structure tags a screen reader needs, which WeasyPrint 70.0 does not
write (a patch, pinned like patches/text.py and patches/footnotes.py).

WeasyPrint tags a box by its HTML element alone: a footnote is a `Span`
cut off from its call, a Latin run (`<bdi lang="en">`) a `NonStruct`
without `/Lang`, the contents nested `L`/`LI`/`LBody`, and the running
heads and folios tagged content that no element of the tree reaches.
`book_tags()`, while active, wraps `weasyprint.pdf.tags._build_box_tree`
(each element is adjusted from the box that made it) and `add_tags` (what
needs the whole tree), so that:

* a footnote is a `Note` with its `/ID` (the note's element id, in the
  IDTree), its number a `Lbl`, and its call a `Reference` whose `/Ref`
  names the `Note`;
* an element with a `lang` of its own carries `/Lang` (a `Span`);
* the contents are a `TOC` of `TOCI`s, each holding a `Reference` (the
  entry's link) and its sections' `TOC`; the contents' title is its
  `Caption`;
* the text of the margin boxes (running heads, folios) is a pagination
  artifact, no longer marked content outside the tree.

Both functions are pinned by WeasyPrint's version and the sha256 of their
source: on any other WeasyPrint nothing is patched (`applied()` is False).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pydyf
from weasyprint import pdf as weasyprint_pdf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

from . import pin_mismatches

WEASYPRINT_VERSION = "70.0"
FINGERPRINTS = {
    "_build_box_tree": "f716251a83e7096e9cae972b63e633aab21c664d200582166dd0d5096780f9c4",
    "add_tags": "f0e74575b0bafaf36458eaac27874e3b80457fba3694058153da514a68933f22",
}


def mismatches() -> list[str]:
    """What differs from the WeasyPrint this patch was written against."""
    return pin_mismatches(WEASYPRINT_VERSION, {name: getattr(tags, name) for name in FINGERPRINTS}, FINGERPRINTS)


@functools.cache
def applied() -> bool:
    return not mismatches()


def _classes(box: Any) -> list[str]:
    return (box.element.get("class") or "").split() if box.element is not None else []


def _is_toc(box: Any) -> bool:
    return box.element is not None and box.element.tag == "nav" and "toc" in _classes(box)


@dataclass
class _Session:
    """What one document's tagging found, for the links made at the end."""

    notes: dict[str, pydyf.Dictionary] = field(default_factory=dict)  # element id -> Note
    calls: dict[str, list[pydyf.Dictionary]] = field(default_factory=dict)  # element id -> its References
    toc_items: list[tuple[pydyf.Dictionary, pydyf.Dictionary]] = field(default_factory=list)  # (TOCI, Reference)
    tocs: list[pydyf.Dictionary] = field(default_factory=list)
    artifacts: dict[int, list[int]] = field(default_factory=dict)  # page index -> MCIDs of margin boxes
    in_toc: int = 0  # inside the contents' <nav> (the boxes are built depth first)
    links: list[pydyf.Dictionary] = field(default_factory=list)  # innermost first

    def adjust(self, element: pydyf.Dictionary, box: Any) -> None:
        """Give the element the role its box's element has in the book."""
        tag = box.element_tag or ""
        role = element["S"]
        if role == "/Link":
            self.links.append(element)
        if tag.endswith("::footnote-call"):
            element["S"] = "/Reference"
            self.calls.setdefault(box.element.get("id", ""), []).append(element)
            return
        if tag.endswith("::footnote-marker"):
            element["S"] = "/Lbl"
            return
        if "footnote" in _classes(box) and not tag.count("::"):
            element["S"] = "/Note"
            note_id = box.element.get("id", "")
            element["ID"] = pydyf.String(note_id)
            self.notes.setdefault(note_id, element)
            return
        if isinstance(box, boxes.FootnoteAreaBox):
            element["S"] = "/Div"
            return
        if box.element is not None and box.element.get("lang") and box.element.tag not in ("html", "body"):
            element["Lang"] = pydyf.String(box.element.get("lang"))
            if role == "/NonStruct":
                element["S"] = "/Span"
        if box.element is None or not self.in_toc:
            return
        if tag == "nav" or tag in ("ol", "ul"):
            element["S"] = "/TOC"
            self.tocs.append(element)
        elif tag == "li" and role == "/LBody":
            # the entry's body (its link, its sections), yielded before the
            # LI WeasyPrint wraps it in
            element["S"] = "/Reference"
            self.toc_items.append((pydyf.Dictionary(), element))
        elif tag == "li" and role == "/LI":
            element["S"] = "/TOCI"
            if self.toc_items and not self.toc_items[-1][0]:
                self.toc_items[-1] = (element, self.toc_items[-1][1])
        elif tag in ("h1", "h2", "h3"):
            element["S"] = "/Caption"

    def finish(self, pdf: pydyf.PDF, page_streams: list[Any]) -> None:
        root = _object(pdf, pdf.catalog["StructTreeRoot"])
        # a note's call names its note; the notes' ids in the IDTree
        names = pydyf.Array()
        for note_id in sorted(self.notes):
            names.extend([pydyf.String(note_id), self.notes[note_id].reference])
            for call in self.calls.get(note_id, []):
                call["Ref"] = pydyf.Array([self.notes[note_id].reference])
        if self.notes:
            root["IDTree"] = pydyf.Dictionary({"Names": names})
        self._toc_sections()
        self._flat_links(pdf, root)
        self._artifacts(pdf, root, page_streams)

    def _flat_links(self, pdf: pydyf.PDF, root: pydyf.Dictionary) -> None:
        """One `Link` per link: WeasyPrint makes a `Link` of the link's
        pseudo-elements and leader too (the contents' `::after`), nested in
        it, each with its own annotation; their content and annotations
        join the outer `Link`, and the parent tree says so."""
        by_ref = {link.reference: link for link in self.links}
        moved: dict[bytes, bytes] = {}
        for inner in self.links:  # innermost first: each joins its parent
            outer = by_ref.get(inner["P"])
            if outer is None or inner.reference not in outer["K"]:
                continue
            at = outer["K"].index(inner.reference)
            outer["K"][at : at + 1] = inner["K"]
            for kid in inner["K"]:
                if isinstance(kid, bytes) and "S" in _object(pdf, kid):
                    _object(pdf, kid)["P"] = outer.reference
            moved[inner.reference] = outer.reference

        def final(reference: Any) -> Any:
            while reference in moved:
                reference = moved[reference]
            return reference

        if not moved:
            return
        nums = _object(pdf, root["ParentTree"])["Nums"]
        for i in range(1, len(nums), 2):
            if isinstance(nums[i], pydyf.Array):
                nums[i][:] = [final(ref) for ref in nums[i]]
            else:
                nums[i] = final(nums[i])

    def _toc_sections(self) -> None:
        """A contents entry's sections (a TOC inside its Reference, as the
        list nested in the <li>) move up beside the Reference, in its TOCI."""
        tocs = {toc.reference: toc for toc in self.tocs}
        for item, reference in self.toc_items:
            if not item or not reference or "K" not in reference:
                continue
            for kid in list(reference["K"]):
                if kid in tocs:
                    reference["K"].remove(kid)
                    item["K"].append(kid)
                    tocs[kid]["P"] = item.reference

    def _artifacts(self, pdf: pydyf.PDF, root: pydyf.Dictionary, page_streams: list[Any]) -> None:
        """The margin boxes' marked content becomes a pagination artifact,
        its parent tree entry null."""
        nums = _object(pdf, root["ParentTree"])["Nums"]
        for page, mcids in self.artifacts.items():
            stream = page_streams[page].stream
            for i, item in enumerate(stream):
                if isinstance(item, pydyf.Dictionary) and item.get("MCID") in mcids and i:
                    stream[i - 1] = "/Artifact"
                    del item["MCID"]
                    item["Type"] = "/Pagination"
            entries = nums[2 * page + 1]
            for mcid in mcids:
                if mcid < len(entries):
                    entries[mcid] = "null"


def _object(pdf: pydyf.PDF, reference: Any) -> Any:
    number = int((reference.decode() if isinstance(reference, bytes) else str(reference)).split()[0])
    return pdf.objects[number]


def _margin_mcids(box: Any, marked: dict) -> list[int]:
    return [marked[b]["mcid"] for b in box.descendants() if b in marked]


@contextmanager
def book_tags() -> Iterator[bool]:
    """Tag with the book's roles (yields whether the patch applies)."""
    if not applied():
        yield False
        return
    # generate_pdf calls the add_tags it imported (weasyprint.pdf.add_tags)
    build_original, add_original = tags._build_box_tree, weasyprint_pdf.add_tags
    session = _Session()

    def build(box, parent, pdf, page_number, nums, annotations, marked) -> Iterator[pydyf.Dictionary]:
        if isinstance(box, boxes.MarginBox):
            session.artifacts.setdefault(page_number, []).extend(_margin_mcids(box, marked))
        own = not (
            isinstance(box, (boxes.PageBox, boxes.MarginBox)) or (box.element_tag or "") in ("html", "body")
        ) and not isinstance(box, tags.AbsolutePlaceholder)
        toc = _is_toc(box)
        session.in_toc += toc
        try:
            for element in build_original(box, parent, pdf, page_number, nums, annotations, marked):
                if own:
                    session.adjust(element, box)
                yield element
        finally:
            session.in_toc -= toc

    def add(pdf, document, pdf_version, page_streams) -> None:
        add_original(pdf, document, pdf_version, page_streams)
        session.finish(pdf, page_streams)

    tags._build_box_tree, weasyprint_pdf.add_tags = build, add
    try:
        yield True
    finally:
        tags._build_box_tree, weasyprint_pdf.add_tags = build_original, add_original
