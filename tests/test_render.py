"""The shared HTML rendering: ids stay unique across the book in every mode."""

import re

import pytest

from warraq.pipeline import BuildOptions, load, transform
from warraq.render import Renderer

PART = (
    "بقعة ضوء ({n})\nفتح الشام:\n"
    "هذا نص الحلقة رقم {n} وفيه كلام يختلف عن كلام الحلقات الأخرى تماما {n}.\n"
    "وللحديث بقية إن شاء الله\n"
)


@pytest.mark.parametrize("mode", ["html", "preview", "print"])
def test_ids_are_unique_when_one_finding_spans_parts(make_book, mode):
    # the sign-off closes three parts: one boilerplate finding, a tombstone in each part
    root = make_book({f"0{n}.txt": PART.format(n=n) for n in (1, 2, 3)})
    config, book, _ = load(root)
    book, findings = transform(book, config, BuildOptions())
    assert any(f.rule == "boilerplate" for f in findings)
    html = Renderer(book, config, mode).book_html()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert ids and len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
