"""Each dedup rule and the Arabic traps, on small hand-made parts read by the
real reader.  Similarities in comments were worked out by hand: a paragraph of
n words has n - 2 word 3-shingles; one word changed in its middle changes 3."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from warraq.i18n import strip_isolates
from warraq.model import Book, Finding, Heading, Quotation, Removed, SignOff, Verse, block_text
from warraq.text.arabic import key
from warraq.transforms.dedup import dedup

from .conftest import loaded, seed

# 13 words
SMALL_TOWNS = "كان الناس في ذلك الزمان يعيشون في قرى صغيرة متفرقة على ضفاف النهر"
BIG_TOWNS = "كان الناس في ذلك الزمان يعيشون في قرى كبيرة متفرقة على ضفاف النهر"
# 10 words, with and without tashkeel, tatweel and hamza forms
LIGHT = "إِنَّ العِلْمَ نُورٌ يُضِيءُ طَرِيقَ السَّالِكِينَ فِي ظُلُمَاتِ الجَهْلِ وَالغَفْلَةِ."
LIGHT_PLAIN = "ان العلــم نور يضيء طريق السالكين في ظلمات الجهل والغفلة"
FILLER = [seed(n) for n in (5, 6, 7, 10, 12, 15, 17, 22, 26, 30)]  # long unique paragraphs
VERSE = seed(29)  # ﴿ يا أيها الذين آمنوا ... ﴾ 7 محمد: 14 words
HADITH = seed(14)  # a «…» quotation of 63 words


def part(number: int, *lines: str) -> str:
    digits = str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    return "\n".join([f"بقعة ضوء ({digits})", *lines]) + "\n"


@dataclass
class Outcome:
    book: Book  # as read
    out: Book  # after dedup
    findings: list[Finding]


def run(make_book, parts: dict[str, str], extra: str = "") -> Outcome:
    config, book = loaded(make_book(parts, extra))
    return Outcome(book, *dedup(book, config))


def live(book) -> list[str]:
    return [key(block_text(b)) for p in book.parts for b in p.blocks if not isinstance(b, Removed)]


def removed(book) -> list[Removed]:
    return [b for p in book.parts for b in p.blocks if isinstance(b, Removed)]


def test_one_different_word_in_a_short_paragraph_is_not_a_repeat(make_book):
    # 11 shingles each, 8 shared: 8 / 14 = 0.57, far below 0.85
    r = run(make_book, {"01.txt": part(1, SMALL_TOWNS, FILLER[0], BIG_TOWNS)})
    assert r.findings == [] and r.out == r.book


def test_same_paragraph_with_and_without_tashkeel_is_a_repeat(make_book):
    r = run(
        make_book,
        {"01.txt": part(1, LIGHT, FILLER[0]), "02.txt": part(2, FILLER[1], LIGHT_PLAIN, FILLER[2])},
    )
    (f,) = r.findings
    assert f.rule == "exact" and str(f.prov) == "ms/parts/02.txt:3"
    assert f.data["kept"] == {"file": "ms/parts/01.txt", "line": 2, "end_line": 2}
    (tomb,) = removed(r.out)
    assert tomb.kind == "exact" and tomb.kept.line == 2 and tomb.finding_id == f.data["id"]


def test_repeated_heading_with_different_text_under_it_is_kept(make_book):
    heading = "الدولة الإسلامية الوليدة:"
    r = run(make_book, {"01.txt": part(1, heading, FILLER[0]), "02.txt": part(2, heading, FILLER[1])})
    assert r.findings == [] and r.out == r.book
    assert sum(isinstance(b, Heading) for p in r.out.parts for b in p.blocks) == 2


def test_verse_and_quotation_quoted_twice_on_purpose_are_kept(make_book):
    r = run(
        make_book,
        {
            "01.txt": part(1, FILLER[0], VERSE, FILLER[1], HADITH, FILLER[2]),
            "02.txt": part(2, FILLER[3], VERSE, FILLER[4], HADITH, FILLER[5]),
        },
    )
    assert r.findings == [] and r.out == r.book
    assert [type(b) for b in r.out.parts[1].blocks] == [type(b) for b in r.out.parts[0].blocks]
    assert sum(isinstance(b, Verse) for b in r.out.parts[1].blocks) == 1
    assert sum(isinstance(b, Quotation) for b in r.out.parts[1].blocks) == 1


def test_short_paragraph_repeated_is_kept(make_book):
    short = "والله أعلم بالصواب في هذا الأمر"  # 6 words < min_words 8
    r = run(make_book, {"01.txt": part(1, short, FILLER[0], short, FILLER[1])})
    assert r.findings == [] and r.out == r.book


def test_exact_repeat_within_a_part_keeps_the_first(make_book):
    r = run(make_book, {"01.txt": part(1, FILLER[0], FILLER[1], FILLER[2], FILLER[1])})
    (f,) = r.findings
    assert (f.rule, f.prov.line, f.data["kept"]["line"]) == ("exact", 5, 3)
    assert live(r.out) == [key(x) for x in FILLER[:3]]


def test_first_in_reading_order_is_kept_not_first_file(make_book):
    # b.txt is part 1, a.txt part 2: reading order is b.txt first
    r = run(make_book, {"a.txt": part(2, FILLER[1], FILLER[0]), "b.txt": part(1, FILLER[0])})
    (f,) = r.findings
    assert str(f.prov) == "ms/parts/a.txt:3" and f.data["kept"]["file"] == "ms/parts/b.txt"


def test_attribution_quotation_and_paragraph_repasted_are_one_run(make_book):
    passage = ["يقول الطبري:", seed(19), seed(20), seed(21), seed(22)]
    r = run(
        make_book,
        {"01.txt": part(1, FILLER[0], *passage, FILLER[1]), "02.txt": part(2, FILLER[2], *passage, FILLER[3])},
    )
    (f,) = r.findings
    assert f.rule == "run" and str(f.prov) == "ms/parts/02.txt:3-7" and f.data["blocks"] == 3
    assert f.data["kept"] == {"file": "ms/parts/01.txt", "line": 3, "end_line": 7}
    assert [t.kind for t in removed(r.out)] == ["run"] * 3
    assert live(r.out) == [key(x) for x in (FILLER[0], passage[0], " ".join(passage[1:4]), passage[4], FILLER[1])] + [
        key(FILLER[2]),
        key(FILLER[3]),
    ]


def test_run_with_a_one_word_edit_reports_the_diff(make_book):
    # seed 26 (78 words) re-pasted with its 21st word changed
    words = seed(26).split()
    old, words[20] = words[20], "المؤرخين"
    assert old != "المؤرخين"
    edited = " ".join(words)
    r = run(
        make_book,
        {
            "01.txt": part(1, FILLER[0], FILLER[1], seed(26), FILLER[2]),
            "02.txt": part(2, FILLER[1], edited, FILLER[2], FILLER[3]),
        },
    )
    (f,) = r.findings
    assert f.rule == "run" and str(f.prov) == "ms/parts/02.txt:2-4" and f.data["blocks"] == 3
    (member,) = f.data["near"]
    assert (member["line"], member["kept_line"]) == (3, 4)
    assert member["diff"] == [{"op": "replace", "kept": old, "removed": "المؤرخين", "word": 20}]
    assert member["similarity"] == round(73 / 79, 3)  # 76 shingles, 3 changed


def test_near_repeat_adding_a_sentence_is_kept_and_reported(make_book):
    longer = seed(16) + " وهذا ما سنعود إليه في الحلقة القادمة بالتفصيل"  # 8 more words
    r = run(make_book, {"01.txt": part(1, seed(16), FILLER[0], longer)})
    (f,) = r.findings
    # 65 shingles of seed 16 all in the 73 of the longer copy: 65 / 73 = 0.89
    assert f.rule == "near-kept" and f.level == "info" and f.data["similarity"] == round(65 / 73, 3)
    assert f.data["diff"][0]["op"] == "insert" and "8 words of its own" in f.message
    assert r.out == r.book  # nothing removed: those 8 words are found nowhere else


def test_near_repeat_with_one_word_changed_is_removed(make_book):
    words = seed(16).split()
    old, words[30] = words[30], "المختلف"
    r = run(make_book, {"01.txt": part(1, seed(16), FILLER[0], " ".join(words))})
    (f,) = r.findings
    assert f.rule == "near" and f.data["diff"] == [{"op": "replace", "kept": old, "removed": "المختلف", "word": 30}]
    # no arrow between the two Arabic words: it would read backwards
    # the Arabic words are isolated (FSI ... PDI) inside the English sentence
    assert strip_isolates(f.message) == (
        f"near repeat removed (91% similar: kept «{old}», removed «المختلف»); kept the copy at ms/parts/01.txt:2"
    )
    assert [t.kind for t in removed(r.out)] == ["near"] and live(r.out) == [key(seed(16)), key(FILLER[0])]


@pytest.mark.parametrize("threshold", ["0.95", "1.0"])
def test_near_threshold_is_honoured(make_book, threshold):
    words = seed(16).split()
    words[30] = "المختلف"  # similarity 62 / 68 = 0.91
    r = run(
        make_book, {"01.txt": part(1, seed(16), FILLER[0], " ".join(words))}, f"[dedup]\nnear_threshold = {threshold}\n"
    )
    assert r.findings == [] and r.out == r.book


def test_sign_off_variants_are_one_boilerplate(make_book):
    r = run(
        make_book,
        {
            "01.txt": part(1, FILLER[0], "وللحديث بقية إن شاء الله"),
            "02.txt": part(2, FILLER[1], "وللحديث بقيـة ان شاء الله."),
            "03.txt": part(3, FILLER[2]),
        },
    )
    (f,) = r.findings
    assert f.rule == "boilerplate" and [r["line"] for r in f.data["removed"]] == [3, 3]
    assert not any(isinstance(b, SignOff) for p in r.out.parts for b in p.blocks)


def test_sign_off_in_one_part_only_is_kept(make_book):
    r = run(make_book, {"01.txt": part(1, FILLER[0], "وللحديث بقية إن شاء الله"), "02.txt": part(2, FILLER[1])})
    assert r.findings == [] and r.out == r.book


def test_opener_recurring_in_parts_is_boilerplate(make_book):
    opener = "أعزائي القراء، نواصل معكم هذه السلسلة"
    r = run(make_book, {"01.txt": part(1, opener, FILLER[0]), "02.txt": part(2, opener, FILLER[1])})
    (f,) = r.findings
    assert f.rule == "boilerplate" and f.data["reason"] == "opens 2 parts" and len(f.data["removed"]) == 2
    assert live(r.out) == [key(FILLER[0]), key(FILLER[1])]


def test_configured_phrase_is_boilerplate_anywhere(make_book):
    r = run(
        make_book,
        {"01.txt": part(1, FILLER[0], "والله من وراء القصد", FILLER[1])},
        '[dedup]\nphrases = ["والله من وراء القصد"]\n',
    )
    (f,) = r.findings
    assert f.rule == "boilerplate" and f.data["reason"] == "matches [dedup] phrases"
    assert live(r.out) == [key(FILLER[0]), key(FILLER[1])]


def test_closing_paragraph_long_enough_is_a_repeat_not_boilerplate(make_book):
    # FILLER[0] closes both parts, but it is a paragraph of 78 words: kept once
    r = run(make_book, {"01.txt": part(1, FILLER[1], FILLER[0]), "02.txt": part(2, FILLER[0])})
    (f,) = r.findings
    assert f.rule == "exact" and str(f.prov) == "ms/parts/02.txt:2"
    assert live(r.out) == [key(FILLER[1]), key(FILLER[0])]


@pytest.mark.parametrize(("extra", "options"), [("[dedup]\nenabled = false\n", {}), ("", {"keep_duplicates": True})])
def test_disabled_or_kept_duplicates_remove_nothing_in_a_build(make_book, extra, options):
    from warraq.pipeline import BuildOptions, transform

    config, book = loaded(make_book({"01.txt": part(1, FILLER[0], FILLER[0])}, extra))
    out, findings = transform(book, config, BuildOptions(**options))
    assert out == book and not [f for f in findings if f.kind == "dedup"]
