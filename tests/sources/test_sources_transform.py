"""The sources transform on real parts: which rule sources each quotation,
where the note call goes, full then short citations, explicit markup first,
unsourced quotations reported."""

from __future__ import annotations

import json

from warraq.model import Note, NoteRef, Paragraph, Quotation, plain_text

from ..conftest import run_cli
from .helpers import transformed

SOURCES = """\
[[source]]
key = "tabari"
kind = "book"
author = "محمد بن جرير الطبري"
title = "تاريخ الرسل والملوك"
aliases = ["الطبري"]

[[source]]
key = "kennedy"
kind = "book"
author = "هيو كينيدي"
title = "الفتوح العربية الكبرى"
original = "The Great Arab Conquests, 2007"
aliases = ["كينيدي", "هيو كينيدي"]

[[source]]
key = "bukhari-3"
kind = "hadith"
collection = "صحيح البخاري"
title = "كتاب بدء الوحي"
number = 3
match = ["لم يأت رجل قط بمثل ما جئت به إلا عودي"]
"""
TABARI_FULL = "محمد بن جرير الطبري، تاريخ الرسل والملوك."
TABARI_SHORT = "الطبري، تاريخ الرسل والملوك."
KENNEDY_SHORT = "كينيدي، الفتوح العربية الكبرى."


def part(number: int, *lines: str) -> str:
    return "\n".join([f"مقال ({number})", *lines]) + "\n"


def notes_by_line(book) -> dict[int, Note]:
    """Each generated note by the first line of the quotation it sources."""
    return {n.prov.line: n for p in book.parts for n in p.notes if n.generated}


def text(note: Note) -> str:
    return plain_text(note.inlines)


def test_attribution_line_full_then_short(make_book):
    root = make_book(
        {
            "01.txt": part(
                1,
                "يقول الطبري:",
                "«كان عمر كلما مر بخالد قال يا خالد»",
                "ثم كتب الطبري يقول:",
                "«فقال عمر قد أخذت ذلك منك»",
            )
        },
        sources=SOURCES,
    )
    book, findings = transformed(root)
    notes = notes_by_line(book)
    assert (notes[3].rule, text(notes[3])) == ("src-attribution", TABARI_FULL)
    assert (notes[5].rule, text(notes[5])) == ("src-attribution", TABARI_SHORT)
    assert [n.id for n in book.parts[0].notes] == ["g1-1", "g1-2"]
    assert [n.number for n in book.parts[0].notes] == [1, 2]
    # the call stands at the end of the quotation, after the closing mark
    quote = next(b for b in book.parts[0].blocks if isinstance(b, Quotation))
    assert quote.paragraphs[-1].inlines[-1] == NoteRef("g1-1") and quote.kind == "book"
    assert [f.rule for f in findings if f.kind == "note"] == ["src-attribution", "src-attribution"]


def test_inline_quotation_attributed_in_its_sentence(make_book):
    line = "وارتأى كينيدي أن سيدنا محمد كان نبيا وحيدا «صوتا يصرخ في البرية» وهجرته حولته إلى حاكم، وهذا «الخليفة» اسم."
    book, findings = transformed(make_book({"01.txt": part(1, line)}, sources=SOURCES))
    (para,) = book.parts[0].blocks
    assert isinstance(para, Paragraph)
    # the call follows the closing mark; the short «الخليفة» is a term, not a quotation
    assert plain_text(para.inlines) == line
    call = para.inlines.index(NoteRef("g1-1"))
    assert plain_text(para.inlines[:call]).endswith("«صوتا يصرخ في البرية»")
    (note,) = book.parts[0].notes
    assert note.rule == "src-inline-attribution" and note.source_key == "kennedy"
    assert not [f for f in findings if f.kind == "unsourced"]


def test_match_phrase_sources_an_unattributed_hadith(make_book):
    root = make_book(
        {"01.txt": part(1, "«لَمْ يَأْتِ رَجُلٌ قَطُّ بمِثْلِ ما جِئْتَ به إلَّا عُودِيَ»", "هذا حديث طويل.")},
        sources=SOURCES,
    )
    book, _ = transformed(root)
    (note,) = book.parts[0].notes
    assert (note.rule, note.source_key, text(note)) == (
        "src-match",
        "bukhari-3",
        "أخرجه البخاري في كتاب بدء الوحي، رقم (٣).",
    )
    quote = book.parts[0].blocks[0]
    assert isinstance(quote, Quotation) and quote.kind == "hadith"


def test_quoted_via_governs_until_an_ordinary_paragraph(make_book):
    root = make_book(
        {
            "01.txt": part(
                1,
                "نقلا عن كينيدي، فلم أجد أثرا لهذا المصدر:",
                "حتى الفرنسي كاتب «مؤرخة فردجار» فكتب يقول:",
                "“الجيش كان عدده مائتي ألف مقاتل”",
                "الراهب السيناوي سان انستاسيوس كتب يقول:",
                "أنها أول هزيمة للجيش الروماني",
                "وفي أعقاب النصر استمر المسلمون في إخضاع المدن.",
                "يقول ابن كثير:",
                "«وكان ذلك في السنة الخامسة عشرة»",
                "«نص منقول بلا نسبة إلى أحد»",
            )
        },
        sources=SOURCES,
    )
    book, findings = transformed(root)
    notes = notes_by_line(book)
    assert [(line, n.rule, n.source_key) for line, n in sorted(notes.items())] == [
        (4, "src-via", "kennedy"),
        (6, "src-via", "kennedy"),
    ]
    assert text(notes[4]).startswith("نقلًا عن: هيو كينيدي، الفتوح العربية الكبرى")
    assert text(notes[6]) == "نقلًا عن: " + KENNEDY_SHORT
    unsourced = [f for f in findings if f.kind == "unsourced"]
    assert [(f.rule, f.prov.line, f.level) for f in unsourced] == [
        ("src-unsourced", 9, "warning"),
        ("src-unsourced", 10, "warning"),
    ]
    assert "يقول ابن كثير" in unsourced[0].message and unsourced[0].data["attribution"] == "يقول ابن كثير:"


def test_attribution_inside_a_quoted_via_context_cites_both(make_book):
    root = make_book({"01.txt": part(1, "نقلا عن كينيدي:", "يقول الطبري:", "«نص من التاريخ»")}, sources=SOURCES)
    book, _ = transformed(root)
    (note,) = book.parts[0].notes
    assert note.source_key == "tabari"
    kennedy = "هيو كينيدي، الفتوح العربية الكبرى (The Great Arab Conquests, 2007)."
    assert text(note) == "محمد بن جرير الطبري، تاريخ الرسل والملوك، نقلًا عن: " + kennedy


def test_markdown_citation_and_own_notes_win(make_book):
    md = """\
---
number: 2
title: مقال (٢)
---
يقول الطبري:

> «نص أول من التاريخ» [@kennedy, ص ٤٠]

يقول الطبري:

> «نص ثان من التاريخ»[^a]

[^a]: حاشية المؤلف.
"""
    book, findings = transformed(make_book({"02.md": md}, sources=SOURCES))
    notes = book.parts[0].notes
    assert [(n.id, n.generated, n.rule, n.number) for n in notes] == [
        ("n2-a", False, "", 2),
        ("g2-1", True, "src-cite", 1),
    ]
    assert text(notes[1]) == "هيو كينيدي، الفتوح العربية الكبرى (The Great Arab Conquests, 2007)، ص ٤٠."
    # no inferred note for either quotation: explicit markup wins over «يقول الطبري»
    assert [f.rule for f in findings if f.kind in ("note", "unsourced")] == ["src-cite"]


def test_unknown_citation_key_is_an_error_with_file_and_line(make_book):
    md = "---\nnumber: 1\ntitle: مقال\n---\nنص\n\n> «نص» [@nowhere]\n"
    root = make_book({"01.md": md}, sources=SOURCES)
    run = run_cli("build", "--manuscript", str(root), "--out", str(root / "out"))
    assert run.code != 0 and "Traceback" not in run.err
    (line,) = [ln for ln in run.err.splitlines() if "error" in ln]
    assert "parts/01.md:7:" in line and "[@nowhere]" in line


def test_ids_unique_across_the_book_and_one_numbering(make_book):
    attributed = ("يقول الطبري:", "«نص من التاريخ»", "يقول كينيدي:", "«نص من الكتاب»")
    parts = {"01.txt": part(1, *attributed), "02.txt": part(2, *attributed)}
    root = make_book(parts, sources=SOURCES)
    book, _ = transformed(root)
    ids = [(n.id, n.number, text(n)) for p in book.parts for n in p.notes]
    assert ids == [
        ("g1-1", 1, TABARI_FULL),
        ("g1-2", 2, "هيو كينيدي، الفتوح العربية الكبرى (The Great Arab Conquests, 2007)."),
        ("g2-1", 3, TABARI_FULL),  # first note to the source in part 2: full again
        ("g2-2", 4, "هيو كينيدي، الفتوح العربية الكبرى (The Great Arab Conquests, 2007)."),
    ]
    with (root / "book.toml").open("a", encoding="utf-8") as toml:
        toml.write('[notes]\nnumbering = "part"\n')
    book, _ = transformed(root)
    assert [n.number for p in book.parts for n in p.notes] == [1, 2, 1, 2]


def test_report_lists_every_note_and_unsourced_quotation_with_file_and_line(make_book):
    root = make_book({"01.txt": part(1, "يقول الطبري:", "«نص من التاريخ»", "«نص بلا نسبة إلى أحد»")}, sources=SOURCES)
    run = run_cli("build", "--manuscript", str(root), "--out", str(root / "out"), "--quiet")
    assert run.code == 0, run.err
    report = json.loads((root / "out" / "report.json").read_text("utf-8"))
    found = [(f["kind"], f["rule"], f["file"], f["line"]) for f in report["findings"] if f["kind"] != "dedup"]
    part_file = str(root / "parts" / "01.txt")
    assert [(k, r, part_file.endswith(file), line) for k, r, file, line in found] == [
        ("note", "src-attribution", True, 3),
        ("unsourced", "src-unsourced", True, 4),
    ]


def test_a_note_inferred_in_the_attribution_line_does_not_hide_the_quotation(make_book):
    # the attribution line holds an inline quotation of its own (sourced by its sentence)
    line = "قال الطبري في وصف «يوم من أيام الله العظيمة» ما يلي:"
    book, _ = transformed(make_book({"01.txt": part(1, line, "«نص من التاريخ»")}, sources=SOURCES))
    assert [(n.rule, n.prov.line) for n in book.parts[0].notes] == [
        ("src-inline-attribution", 2),
        ("src-attribution", 3),
    ]
