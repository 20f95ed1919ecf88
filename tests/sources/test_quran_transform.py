"""The quran transform on real parts: references confirmed, corrected,
added; misquotations and unidentified quotations reported."""

from __future__ import annotations

from warraq.model import Book, Meta, Paragraph, Part, Provenance, Quran, Removed, Verse, VerseRef
from warraq.transforms.quran import check_quran

from ..conftest import run_cli
from .helpers import transformed

VERSE_47_7 = "يَا أَيُّهَا الَّذِينَ آمَنُوا إِنْ تَنْصُرُوا اللَّهَ يَنْصُرْكُمْ وَيُثَبِّتْ أَقْدَامَكُمْ"


def quran_nodes(book: Book) -> list[Quran]:
    out = []
    for block in book.parts[0].blocks:
        if isinstance(block, Verse):
            out.append(block.quote)
        elif isinstance(block, Paragraph):
            out.extend(n for n in block.inlines if isinstance(n, Quran))
    return out


def part(*lines: str) -> str:
    return "\n".join(["مقال (١)", *lines]) + "\n"


def test_typed_reference_confirmed_corrected_or_added(make_book):
    root = make_book(
        {
            "01.txt": part(
                f"﴿ {VERSE_47_7} ﴾ 7 محمد",
                f"﴿{VERSE_47_7}﴾ [البقرة: 7]",
                "قال تعالى {إنك ميت وإنهم ميتون} وهذا حق.",
            )
        }
    )
    book, findings = transformed(root)
    confirmed, corrected, added = quran_nodes(book)
    assert (confirmed.ref, confirmed.ref_status, confirmed.typed_ref) == (VerseRef(47, 7), "confirmed", "7 محمد")
    assert (corrected.ref, corrected.ref_status) == (VerseRef(47, 7), "corrected")
    assert (added.ref, added.ref_status) == (VerseRef(39, 30), "added")
    by_rule = {f.rule: f for f in findings if f.kind == "quran"}
    assert set(by_rule) == {"quran-ref-confirmed", "quran-ref-corrected", "quran-ref-added"}
    assert by_rule["quran-ref-corrected"].level == "warning" and by_rule["quran-ref-corrected"].prov.line == 3
    assert by_rule["quran-ref-added"].data["book_ref"] == "[الزمر: ٣٠]"
    # the quoted text itself is kept as typed
    assert confirmed.text == VERSE_47_7


def test_misquotation_is_reported_word_by_word(make_book):
    altered = VERSE_47_7.replace("أَقْدَامَكُمْ", "أَرْجُلَكُمْ")
    book, findings = transformed(make_book({"01.txt": part(f"﴿{altered}﴾ 7 محمد")}))
    (q,) = quran_nodes(book)
    assert q.ref_status == "confirmed" and q.text == altered
    (mis,) = [f for f in findings if f.rule == "quran-misquoted"]
    assert mis.data["differences"] == [{"op": "changed", "quoted": "أَرْجُلَكُمْ", "verse": "أقدامكم"}]
    assert "أَرْجُلَكُمْ" in mis.message and "أقدامكم" in mis.message and mis.prov.line == 2


def test_unidentified_and_ambiguous_quotations(make_book):
    book, findings = transformed(
        make_book(
            {
                "01.txt": part(
                    "﴿ذهب الطالب إلى المدرسة في الصباح الباكر﴾ 7 محمد",
                    "{فبأي آلاء ربكما تكذبان}",
                    "﴿فبأي آلاء ربكما تكذبان﴾ [الرحمن: 16]",
                )
            }
        )
    )
    unknown, tie, tie_typed = quran_nodes(book)
    assert unknown.ref_status == "mismatch" and unknown.ref == VerseRef(47, 7)  # the typed ref is kept
    assert tie.ref is None and tie.ref_status == ""
    assert tie_typed.ref_status == "confirmed" and tie_typed.ref == VerseRef(55, 16)
    levels = {f.rule: f.level for f in findings if f.kind == "quran"}
    assert levels == {"quran-unidentified": "warning", "quran-ambiguous": "warning", "quran-ref-confirmed": "info"}


def test_undelimited_verse_words_in_prose_are_not_annotated(make_book):
    book, findings = transformed(make_book({"01.txt": part("والله يقول إنك ميت وإنهم ميتون فلا تحزن.")}))
    assert quran_nodes(book) == [] and not [f for f in findings if f.kind == "quran"]


def test_tombstones_are_skipped():
    prov = Provenance("p.txt", 2)
    verse = Verse(Quran("إنك ميت وإنهم ميتون", "{}"), prov)
    book = Book(
        meta=Meta("t", "a"),
        parts=(Part(1, (), (Removed(verse, "exact", "d1"), verse), "p.txt", prov),),
    )
    out, findings = check_quran(book)
    removed, live = out.parts[0].blocks
    assert removed.block.quote.ref_status == ""  # untouched
    assert live.quote.ref_status == "added" and len(findings) == 1


def test_the_book_shows_book_style_references(make_book, tmp_path):
    root = make_book({"01.txt": part(f"﴿ {VERSE_47_7} ﴾ 7 محمد", "والله هو القائل {إنك ميت وإنهم ميتون}")})
    run = run_cli("build", "--manuscript", str(root), "--out", str(tmp_path / "out"), "--quiet")
    assert run.code == 0, run.err
    html = (tmp_path / "out" / "test-book.html").read_text("utf-8")
    assert '<span class="verse-ref">[محمد: ٧]</span>' in html
    assert '<span class="verse-ref">[الزمر: ٣٠]</span>' in html
    assert "7 محمد" not in html  # the typed reference no longer stands as loose text
