"""Word files saved by another program (LibreOffice) read as the same
article: tests/readers/data/README.md says how each was made."""

from __future__ import annotations

from pathlib import Path

from tests.readers.docx_fixtures import docx_bytes, sample_article
from warraq.model import Emphasis, Heading, Isolate, NoteRef, Paragraph, Quotation, SignOff, Text, Verse, plain_text
from warraq.readers import read_part

DATA = Path(__file__).parent / "data"


def shape(part) -> list[tuple[str, str]]:
    return [(type(b).__name__, plain_text(getattr(b, "inlines", ()))) for b in part.blocks]


def test_libreoffice_resave_reads_as_the_word_original(tmp_path):
    original = tmp_path / "07.docx"
    original.write_bytes(docx_bytes(sample_article()))
    word = read_part(original, "07.docx", {})
    lo = read_part(DATA / "libreoffice-07.docx", "07.docx", {})
    assert (lo.number, plain_text(lo.title)) == (7, "بقعة ضوء (٧)")
    # the same blocks, inline content (emphasis, Latin span, calls) and notes
    assert [type(b) for b in lo.blocks] == [Paragraph, Heading, Paragraph, Quotation, Verse, Paragraph, SignOff]
    assert [getattr(b, "inlines", None) for b in lo.blocks] == [getattr(b, "inlines", None) for b in word.blocks]
    assert lo.blocks[3] == word.blocks[3]
    first = lo.blocks[0].inlines
    assert Emphasis((Text("هيو كينيدي"),), strong=True) in first
    assert Emphasis((Isolate("The Great Arab Conquests", "en"),)) in first
    # LibreOffice numbers notes from 2 (0 and 1 are its separators), Word
    # from 1: the notes are named by their order of call, the same in both
    assert lo.notes == word.notes
    assert [n.prov.line for n in lo.notes] == [2, 5, 7]
    calls = [n for b in lo.blocks for n in getattr(b, "inlines", ()) if isinstance(n, NoteRef)]
    calls += [n for p in lo.blocks[3].paragraphs for n in p.inlines if isinstance(n, NoteRef)]
    assert {c.note_id for c in calls} == {n.id for n in lo.notes}
    assert lo.findings == ()


def test_libreoffice_docx_from_html():
    part = read_part(DATA / "libreoffice-08-from-html.docx", "08.docx", {})
    assert (part.number, plain_text(part.title)) == (8, "الحلقة الثامنة من بقعة ضوء")
    assert shape(part) == [
        ("Paragraph", "بدأت الحملة في ربيع السنة الثالثة عشرة للهجرة، كما يذكر Fred Donner في كتابه."),
        ("Heading", "الطريق إلى دمشق"),
        ("Paragraph", "يقول البلاذري:"),
        ("Quotation", ""),
        ("SignOff", "وللحديث بقية إن شاء الله"),
    ]
    inlines = part.blocks[0].inlines
    assert Emphasis((Text("ربيع"),), strong=True) in inlines and Isolate("Fred Donner", "en") in inlines
