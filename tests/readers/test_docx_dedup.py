"""Repeated passages across Word parts are named by paragraph, `file:¶N`,
in the findings and in `warraq dedup`'s text."""

from __future__ import annotations

from tests.readers.docx_fixtures import TITLE, Doc, docx_bytes, para, run
from tests.test_cli import build
from warraq.pipeline import load
from warraq.transforms.dedup import dedup
from warraq.transforms.dedup_report import report_text

REPEATED = [
    "كان عمر قد أرسل لخالد أثناء فتح الشام ضرورة أن يتنحى لأبي عبيدة ويصبح تحت قيادته.",
    "ونفذ خالد الأمر حفاظا على وحدة الصف وهم في مواجهة جيش الدولة البيزنطية الكبير.",
]


def _part(number: str, own: str) -> bytes:
    """A part of its own paragraph, then the two paragraphs every part repeats."""
    doc = Doc()
    doc.body.append(para(run(f"بقعة ضوء ({number})"), style=TITLE))
    doc.body.append(para(run(own)))
    doc.body.extend(para(run(x)) for x in REPEATED)
    return docx_bytes(doc)


def test_repeats_across_word_parts_are_named_by_paragraph(make_book, tmp_path):
    root = make_book(
        {
            "01.docx": _part("١", "فقرة خاصة بالجزء الأول لا تتكرر في غيره من الأجزاء أبدا."),
            "02.docx": _part("٢", "فقرة خاصة بالجزء الثاني لا تتكرر في غيره من الأجزاء أبدا."),
        }
    )
    config, book, _ = load(root)
    _, findings = dedup(book, config)
    (run_finding,) = [f for f in findings if f.rule == "run"]
    assert str(run_finding.prov) == "ms/parts/02.docx:¶3-4"
    assert run_finding.data["kept"]["unit"] == "paragraph"
    text = report_text(findings)
    assert "ms/parts/02.docx:¶3-4" in text and "kept  ms/parts/01.docx:¶3-4" in text
    assert build(root, tmp_path / "build").code == 0
