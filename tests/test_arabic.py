import pytest

from warraq.text.arabic import format_number, key, latin_spans, ordinal_value, to_western_digits, tokens


def test_key_removes_tashkeel_and_folds_letters():
    # hand-checked: tashkeel gone, أ->ا, ئ->ي (جِئْتَ -> جيت), إلَّا -> الا, punctuation dropped
    assert key("«لَمْ يَأْتِ رَجُلٌ قَطُّ بمِثْلِ ما جِئْتَ به إلَّا عُودِيَ»") == "لم يات رجل قط بمثل ما جيت به الا عودي"


def test_key_folds_ta_marbuta_alef_maqsura_and_tatweel():
    assert key("مدرسـة على") == key("مدرسه علي") == "مدرسه علي"
    assert key("مؤمن") == "مومن"


def test_key_digits_and_punctuation():
    assert key("عام ٦٣٦م، و 637م!") == "عام 636م و 637م"
    assert to_western_digits("۱۲٣") == "123"


def test_loose_key_catches_spelling_variants():
    assert key("السماوات", loose=True) == key("السموات", loose=True)
    assert key("السماوات") != key("السموات")


def test_qur_anic_marks_vanish_as_tokens():
    # U+06D6 (small high ligature sad with lam with alef maksura) is a waqf mark
    assert tokens("قال \u06d6 نعم") == ["قال", "نعم"]


def test_format_number():
    assert format_number(47) == "٤٧"
    assert format_number(47, "western") == "47"


def test_ordinals():
    assert ordinal_value(tokens("الرابعة")) == 4
    assert ordinal_value(tokens("الحادية عشرة")) == 11
    assert ordinal_value(tokens("الثالثة والعشرون")) == 23
    assert ordinal_value(tokens("كتاب")) is None


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("كتب هيو كينيدي (Hugh Kennedy) كتابه عام 2007م", ["Hugh Kennedy"]),
        ("انظر https://tanzil.net/docs، ثم", ["https://tanzil.net/docs"]),
        ("(Tanzil Quran Text, Simple Clean 1.1, CC BY 3.0).", ["Tanzil Quran Text, Simple Clean 1.1, CC BY 3.0"]),
        ("سنة 636م و٢٠٠٧", []),
        ("Éric Rohmer وJean Renoir", ["Éric Rohmer", "Jean Renoir"]),
    ],
)
def test_latin_spans(text, runs):
    assert [text[a:b] for a, b in latin_spans(text)] == runs
