"""The Qur'an index and matcher (warraq.corpora.quran), against the bundled Tanzil text.

Expected verses were checked by hand against the Tanzil file
(src/warraq/data/quran-simple-clean.txt), not copied from the matcher's output.
"""

from __future__ import annotations

import pytest

from warraq.corpora import quran
from warraq.i18n import strip_isolates
from warraq.model import VerseRef
from warraq.text.arabic import tokens

# seed line 29, as the author pasted it (diacritised)
SEED_VERSE = "يَا أَيُّهَا الَّذِينَ آمَنُوا إِنْ تَنْصُرُوا اللَّهَ يَنْصُرْكُمْ وَيُثَبِّتْ أَقْدَامَكُمْ"
# the same verse in Uthmani script as printed in Madinah mushafs (typed from one)
UTHMANI = "يَٰٓأَيُّهَا ٱلَّذِينَ ءَامَنُوٓاْ إِن تَنصُرُواْ ٱللَّهَ يَنصُرۡكُمۡ وَيُثَبِّتۡ أَقۡدَامَكُمۡ"


@pytest.fixture(scope="module")
def index() -> quran.QuranIndex:
    return quran.default_index()


def refs(matches) -> list[tuple[int, int, int]]:
    return [(m.ref.surah, m.ref.first, m.ref.last) for m in matches]


def test_the_index_holds_every_ayah(index):
    assert len(index.ayahs) == 6236  # the count data/README.md gives
    assert index.ayah(47, 7).text == "يا أيها الذين آمنوا إن تنصروا الله ينصركم ويثبت أقدامكم"
    # Tanzil puts the basmala before ayah 1 of surahs 2-114 (not 9); it is not part of the ayah
    assert index.ayah(2, 1).text == "الم"
    assert index.ayah(1, 1).text == "بسم الله الرحمن الرحيم"
    assert index.ayah(9, 1).text.startswith("براءة من الله")
    assert index.ayah(27, 30).text.endswith("بسم الله الرحمن الرحيم")  # the basmala inside 27:30 stays


def test_the_fast_corpus_keys_are_the_arabic_module_keys(index):
    """The index keys the corpus with str.replace for speed: it must give what
    `arabic.tokens(loose=True)` gives, word for word, for the whole text."""
    for a in index.ayahs:
        expected = [t for w in a.text.split() for t in tokens(w, loose=True)]
        joined, _ = quran._join_vocatives(expected, expected)
        assert index.keys[a.start : a.end] == joined, (a.surah, a.number)


def test_diacritised_verse_is_47_7(index):
    (m,) = index.identify(SEED_VERSE)
    assert m.ref == VerseRef(47, 7) and m.exact and m.complete
    assert m.label() == "47:7 محمد"


def test_uthmani_spelling_is_the_same_verse(index):
    (m,) = index.identify(UTHMANI)
    assert m.ref == VerseRef(47, 7) and m.exact


def test_braces_verse_is_39_30(index):
    (m,) = index.identify("إنك ميت وإنهم ميتون")
    assert m.ref == VerseRef(39, 30) and m.exact


@pytest.mark.parametrize(
    "sentence",
    [
        "ذهب الطالب إلى المدرسة في الصباح الباكر",
        "هذا هو الحق والحقيقة في العالم كله",  # from the seed's prose (line 5)
        "قال الله تعالى",
        "",
        "the quick brown fox",
    ],
)
def test_ordinary_text_is_not_a_verse(index, sentence):
    assert index.identify(sentence) == ()


def test_one_changed_word_is_named(index):
    # 47:7 with its last word أقدامكم changed to أرجلكم
    (m,) = index.identify(SEED_VERSE.replace("أَقْدَامَكُمْ", "أَرْجُلَكُمْ"))
    assert m.ref == VerseRef(47, 7)
    assert [(d.op, d.quoted, d.verse) for d in m.differences] == [("changed", "أَرْجُلَكُمْ", "أقدامكم")]
    assert "«أَرْجُلَكُمْ» where the verse has «أقدامكم»" in strip_isolates(str(m.differences[0]))


def test_a_changed_word_inside_the_verse(index):
    (m,) = index.identify("يا أيها الذين آمنوا إن نصرتم الله ينصركم ويثبت أقدامكم")
    assert [(d.op, d.quoted, d.verse) for d in m.differences] == [("changed", "نصرتم", "تنصروا")]


def test_missing_and_added_words(index):
    (m,) = index.identify("يا أيها الذين إن تنصروا الله ينصركم ويثبت أقدامكم")
    assert [(d.op, d.verse) for d in m.differences] == [("missing", "آمنوا")]
    (m,) = index.identify("يا أيها الذين آمنوا إن تنصروا الله جميعا ينصركم ويثبت أقدامكم")
    assert [(d.op, d.quoted) for d in m.differences] == [("added", "جميعا")]


def test_spelling_variants_are_not_differences(index):
    # Tanzil writes السماوات; السموات is the Uthmani-derived spelling many authors type
    (m,) = index.identify("الله الذي خلق السموات والأرض وما بينهما في ستة أيام ثم استوى على العرش")
    assert m.ref == VerseRef(32, 4) and m.exact and not m.complete


def test_partial_quotation(index):
    # the first words of 2:255 (آية الكرسي)
    (m,) = index.identify("الله لا إله إلا هو الحي القيوم لا تأخذه سنة ولا نوم")
    assert m.ref == VerseRef(2, 255) and m.exact and not m.complete


def test_quotation_across_ayahs(index):
    # 1:2 and 1:3 quoted as one
    (m,) = index.identify("الحمد لله رب العالمين الرحمن الرحيم")
    assert m.ref == VerseRef(1, 2, 3) and m.complete
    # the end of 2:1 (الم) with the start of 2:2, across the basmala Tanzil prefixes
    (m,) = index.identify("الم ذلك الكتاب لا ريب فيه")
    assert m.ref == VerseRef(2, 1, 2)


def test_words_in_several_verses_are_a_tie(index):
    # فبأي آلاء ربكما تكذبان: 31 times in surah 55, first at 55:13, last at 55:77
    matches = index.identify("فبأي آلاء ربكما تكذبان")
    assert len(matches) == 31
    assert {m.ref.surah for m in matches} == {55}
    assert refs(matches)[0] == (55, 13, 13) and refs(matches)[-1] == (55, 77, 77)


def test_every_verse_of_three_words_or_more_is_found(index):
    """Each ayah of 3+ words fed back in: its own verse, or a tie among verses
    whose words are the same."""
    total = right = 0
    wrong = []
    for a in index.ayahs:
        if len(a.text.split()) < 3:
            continue
        total += 1
        matches = index.identify(a.text)
        own = VerseRef(a.surah, a.number)
        words = quran.quotation_words(a.text)[0]
        # a correct tie: every verse named has the very same words
        same = all(quran.quotation_words(m.text)[0] == words and m.complete for m in matches)
        if any(m.ref == own for m in matches) and same:
            right += 1
        else:
            wrong.append(own)
    assert total > 6000
    assert right / total >= 0.99, wrong[:20]
