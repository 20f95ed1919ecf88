"""Page references made once per document, not once per structure element
(a patch to pydyf 0.13.0, which WeasyPrint 70.0 writes with).

`pydyf.PDF.page_references` is a property that builds a new tuple of every
page's reference (`b"12 0 R"`) each time it is read.  WeasyPrint's tagging
(`weasyprint.pdf.tags`) reads it for every structure element and every
marked content it maps, and its anchors for every link: a tagged book of
n pages builds O(n) tuples of n references, a time that grows with n².

While `page_references_once()` is active the property keeps the tuple it
built with the PDF and builds it again only when pages were added since
(`add_page` only ever extends the page tree's `Kids`), so reading it costs
a lookup.  The references are the same bytes, so is the PDF.

Pinned like patches/text.py: pydyf's version and the sha256 of the source of
the property and of `add_page`, and WeasyPrint's version (its callers);
on anything else nothing is patched (the context yields False).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pydyf

from . import pin_mismatches

WEASYPRINT_VERSION = "70.0"
PYDYF_VERSION = "0.13.0"
FINGERPRINTS = {
    "pydyf.PDF.page_references": "060bf90aad55931bc24c3575a52af9478a89916aa307e5323142663841cb7798",
    "pydyf.PDF.add_page": "6039cdea4114e530f64a448b00aa3fb471487e7cafe4d0dc306ae1e1fab2895e",
}
KEPT = "_warraq_page_references"  # the PDF's attribute: (Kids, its length, the tuple)


def _functions() -> dict[str, Callable[..., Any]]:
    return {
        "pydyf.PDF.page_references": pydyf.PDF.__dict__["page_references"].fget,
        "pydyf.PDF.add_page": pydyf.PDF.add_page,
    }


def mismatches() -> list[str]:
    """What differs from the pydyf and WeasyPrint this patch was written against."""
    found = []
    if getattr(pydyf, "__version__", None) != PYDYF_VERSION:
        found.append(f"pydyf {getattr(pydyf, '__version__', '?')} (patched for {PYDYF_VERSION})")
    return found + pin_mismatches(WEASYPRINT_VERSION, _functions(), FINGERPRINTS)


def kept(build: Callable[[Any], tuple[bytes, ...]]) -> property:
    """The property `page_references`, built by `build` once per page count."""

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = pdf.pages["Kids"]
        known = pdf.__dict__.get(KEPT)
        if known is None or known[0] is not kids or known[1] != len(kids):
            known = (kids, len(kids), build(pdf))
            pdf.__dict__[KEPT] = known
        return known[2]

    return property(page_references)


@contextmanager
def page_references_once() -> Iterator[bool]:
    """Patch pydyf while PDFs are written in this block (yields whether it is)."""
    if mismatches():
        yield False
        return
    original = pydyf.PDF.__dict__["page_references"]
    pydyf.PDF.page_references = kept(original.fget)
    try:
        yield True
    finally:
        pydyf.PDF.page_references = original
