"""Arabic collation (collation.py): every expected order below is written by
hand from the rules of ARABIC.md ("The apparatus"), not taken from the code."""

import random

from warraq.text.collation import atraf_key, collated, is_latin, primary, sort_key, title_key


def shuffled(items):
    items = list(items)
    random.Random(7).shuffle(items)
    return items


def test_hijai_order_not_abjad():
    # hijāʾī: ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي
    words = ["أمر", "بحر", "تمر", "ثوب", "جبل", "حبل", "خبز", "دار", "ذهب", "رجل", "زيت", "سمك", "شمس", "صبر"]
    words += ["ضوء", "طير", "ظل", "عين", "غيم", "فجر", "قمر", "كتب", "ليل", "ماء", "نور", "هدى", "ورد", "يوم"]
    assert collated(shuffled(words)) == words


def test_marks_and_tatweel_ignored_at_primary_strength():
    assert primary("كَتَبَ") == primary("كتب") == primary("كتـــب")
    # equal at primary strength: the original breaks the tie, whatever the input order
    assert collated(["كَتَبَ", "كتب"]) == collated(["كتب", "كَتَبَ"]) == sorted(["كتب", "كَتَبَ"])


def test_hamza_forms_fold_to_alif():
    assert primary("أحمد") == primary("احمد") == primary("إحمد") == primary("آحمد") == primary("ٱحمد")
    # so «إنما» sorts with «انما», between «ابن» and «اهل»
    assert collated(["اهل", "إنما", "ابن"]) == ["ابن", "إنما", "اهل"]


def test_teh_marbuta_alef_maksura_and_hamza_seats():
    assert primary("رحمة") == primary("رحمت")
    assert primary("هدى") == primary("هدي")
    assert primary("مؤمن") == primary("مومن")
    assert primary("سئل") == primary("سيل")


def test_word_by_word():
    # a space sorts before any letter: «باب الصلاة» before «بابا»
    assert collated(["بابا", "باب الصلاة", "باب"]) == ["باب", "باب الصلاة", "بابا"]


def test_arabic_before_latin_digits_first():
    assert collated(["Zad", "ابن كثير", "al-Bukhari", "١٠٠ حديث"]) == ["١٠٠ حديث", "ابن كثير", "al-Bukhari", "Zad"]
    assert is_latin("The Book") and not is_latin("الكتاب") and not is_latin("")


def test_punctuation_ignored():
    assert primary("«إنما الأعمال بالنيات»") == primary("إنما الأعمال بالنيات")


def test_atraf_article_on_first_word_only():
    # «الحياء» sorts as «حياء» (under ح), but «من الإيمان» keeps its article
    assert atraf_key("الحياء من الإيمان")[0] == primary("حياء من الإيمان")
    assert atraf_key("الحياء من الإيمان")[0] != primary("حياء من إيمان")


def test_atraf_leading_conjunction():
    assert atraf_key("فمن كانت هجرته")[0] == primary("من كانت هجرته")
    assert atraf_key("وإذا حدث كذب")[0] == primary("اذا حدث كذب")
    assert atraf_key("والذي نفسي بيده")[0] == primary("ذي نفسي بيده")
    # a root letter is not a conjunction
    assert atraf_key("فر من المجذوم")[0] == primary("فر من المجذوم")
    assert atraf_key("وجبت")[0] == primary("وجبت")


def test_atraf_order_by_hand():
    # the opening words of a hadith index, ordered by hand:
    # إنما (ا) < بني (ب) < الحرب (→حرب, ح) < الحياء (→حياء, ح: ر < ي) < الدين (→دين, د)
    # < لا (ل) < المسلم (→مسلم: م س) < فمن (→من: م ن; س < ن) < يسروا (ي)
    rows = ["إنما الأعمال بالنيات", "بني الإسلام على خمس", "الحرب خدعة", "الحياء من الإيمان", "الدين النصيحة"]
    rows += ["لا ضرر ولا ضرار", "المسلم من سلم المسلمون", "فمن رغب عن سنتي", "يسروا ولا تعسروا"]
    assert collated(shuffled(rows), key=atraf_key) == rows


def test_title_key():
    titles = ["صحيح البخاري", "البداية والنهاية", "تفسير الطبري", "الرسالة"]
    # البداية→بداية (ب) < تفسير (ت) < الرسالة→رسالة (ر) < صحيح (ص)
    assert collated(titles, key=title_key) == ["البداية والنهاية", "تفسير الطبري", "الرسالة", "صحيح البخاري"]


def test_ties_by_original_are_stable_over_input_order():
    a = ["أمر", "امر", "إمر"]
    assert collated(a) == collated(list(reversed(a))) == sorted(a)
    assert sort_key("أمر")[0] == sort_key("امر")[0]
