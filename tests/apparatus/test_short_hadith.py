"""Short hadith (2-5 words) after a prophetic formula are cited; quotations
that are not hadith (proverbs, poetry, speeches, historians' words, sayings
wrongly given to the Prophet) never are.  Each hadith below was checked by
hand against al-Bukhari or Muslim (the collection and number in the comment);
each non-hadith is a proverb, a line of verse, a speech or a saying that is
in neither collection."""

from __future__ import annotations

import pytest

from warraq.pipeline import analyse

# (formula, the hadith's words); the formulas are those authors use
SHORT_HADITH = [
    ("قال رسول الله ﷺ:", "الحرب خدعة"),  # al-Bukhari 3030
    ("قال النبي صلى الله عليه وسلم:", "الحياء من الإيمان"),  # al-Bukhari 24
    ("وفي الحديث:", "الدين النصيحة"),  # Muslim 55
    ("قال رسول الله ﷺ للرجل:", "لا تغضب"),  # al-Bukhari 6116
    ("قال رسول الله ﷺ:", "الطهور شطر الإيمان"),  # Muslim 223
    ("وقال ﷺ:", "يسروا ولا تعسروا"),  # al-Bukhari 69
    ("قال النبي ﷺ:", "بشروا ولا تنفروا"),  # al-Bukhari 69
    ("قال رسول الله صلى الله عليه وسلم:", "الظلم ظلمات يوم القيامة"),  # al-Bukhari 2447
    ("قال النبي ﷺ:", "كل معروف صدقة"),  # al-Bukhari 6021
    ("عن النبي ﷺ أنه قال:", "الكلمة الطيبة صدقة"),  # al-Bukhari 2989
    ("قال رسول الله ﷺ:", "المرء مع من أحب"),  # al-Bukhari 6168
    ("قال رسول الله ﷺ:", "الخيل معقود في نواصيها الخير"),  # al-Bukhari 2849
    ("قال رسول الله ﷺ:", "من غشنا فليس منا"),  # Muslim 101
    ("قال النبي ﷺ:", "إن الدين يسر"),  # al-Bukhari 39
    ("قال رسول الله ﷺ:", "أفشوا السلام بينكم"),  # Muslim 54
    ("وفي الحديث:", "كل بدعة ضلالة"),  # Muslim 867
    ("قال رسول الله ﷺ:", "لا عدوى ولا طيرة"),  # al-Bukhari 5756
    ("قال النبي ﷺ:", "الولد للفراش وللعاهر الحجر"),  # al-Bukhari 2053
    ("قال رسول الله ﷺ:", "صلوا كما رأيتموني أصلي"),  # al-Bukhari 631
    ("قال رسول الله ﷺ:", "إن الله جميل يحب الجمال"),  # Muslim 91
    ("قال النبي ﷺ:", "لا يلدغ المؤمن من جحر"),  # al-Bukhari 6133
    ("قال رسول الله ﷺ:", "من لا يرحم لا يرحم"),  # al-Bukhari 5997
    ("قال رسول الله ﷺ:", "انصر أخاك ظالما أو مظلوما"),  # al-Bukhari 2443
    ("قال النبي ﷺ:", "السفر قطعة من العذاب"),  # al-Bukhari 1804
    ("قال رسول الله ﷺ:", "الحلال بين والحرام بين"),  # al-Bukhari 52
    ("قال النبي ﷺ:", "خيركم من تعلم القرآن وعلمه"),  # al-Bukhari 5027
    ("قال رسول الله ﷺ:", "ليس الشديد بالصرعة"),  # al-Bukhari 6114
    ("قال رسول الله ﷺ:", "العجماء جبار"),  # al-Bukhari 1499
    ("قال النبي ﷺ:", "المسلم أخو المسلم"),  # al-Bukhari 2442
    ("قال رسول الله ﷺ:", "إن الله لا ينظر إلى صوركم"),  # Muslim 2564
    ("قال رسول الله ﷺ:", "أحب الأعمال إلى الله أدومها"),  # al-Bukhari 6465
    ("قال النبي ﷺ:", "إنما الأعمال بالنيات"),  # al-Bukhari 1
]

# (introduction, quotation): none is a hadith of al-Bukhari or Muslim
NOT_HADITH = [
    ("يقول المثل:", "الصبر مفتاح الفرج"),
    ("وفي المثل:", "الجار قبل الدار"),
    ("كما قالت العرب:", "لكل جواد كبوة"),
    ("وقديما قيل:", "سبق السيف العذل"),
    ("يقول المثل:", "في التأني السلامة"),
    ("وفي المثل:", "رب أخ لك لم تلده أمك"),
    ("قالت العرب:", "عند الصباح يحمد القوم السرى"),
    ("ويقال:", "الوقت كالسيف"),
    ("قال المتنبي:", "الخيل والليل والبيداء تعرفني"),
    ("قال الشاعر:", "وما نيل المطالب بالتمني"),
    ("قال أبو تمام:", "السيف أصدق أنباء من الكتب"),
    ("قال شوقي:", "وإنما الأمم الأخلاق ما بقيت"),
    ("يقول الشاعر:", "إذا لم تستح فاصنع ما شئت"),  # a line of verse: a hadith's words, but the poet's here
    ("قال طارق بن زياد:", "البحر من ورائكم والعدو أمامكم"),
    ("قال عمر بن الخطاب:", "متى استعبدتم الناس"),
    ("قال علي بن أبي طالب:", "الناس أعداء ما جهلوا"),
    ("قال ابن خلدون:", "المغلوب مولع أبدا بالاقتداء بالغالب"),
    ("قال الطبري:", "وفيها كانت وقعة اليرموك"),
    ("قال المؤرخ:", "كانت الفتنة عمياء"),
    ("قال الخطيب في خطبته:", "أيها الناس اتقوا الله"),
    ("قال القائد لجنده:", "النصر صبر ساعة"),
    ("قال الحكيم:", "العقل زينة"),
    ("يقول الفلاسفة:", "اعرف نفسك"),
    ("ويقول الناس:", "الصحة تاج على رؤوس الأصحاء"),
    # sayings wrongly given to the Prophet: in neither collection
    ("قال رسول الله ﷺ:", "اطلبوا العلم ولو بالصين"),
    ("قال رسول الله ﷺ:", "النظافة من الإيمان"),
    ("قال النبي ﷺ:", "حب الوطن من الإيمان"),
    ("وفي الحديث:", "اختلاف أمتي رحمة"),
    ("قال رسول الله ﷺ:", "خير الأمور أوسطها"),
    ("قال النبي ﷺ:", "صوموا تصحوا"),
    ("قال رسول الله ﷺ:", "الجنة تحت أقدام الأمهات"),
    ("قال رسول الله ﷺ:", "نحن قوم لا نأكل حتى نجوع"),
]


@pytest.fixture(scope="module")
def cited(tmp_path_factory) -> dict[str, int]:
    """Each quotation of both lists in a paragraph of its own, inline «…»
    (the first half) or as the words after the formula (the second half);
    how many notes cite each."""
    root = tmp_path_factory.mktemp("short") / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(
        '[book]\ntitle = "أحاديث قصيرة"\nauthor = "مؤلف"\nlanguage = "ar"\n'
        'identifier = "urn:uuid:00000000-0000-4000-8000-000000000025"\n',
        "utf-8",
    )
    lines = ["مقالة (١)"]
    for i, (formula, words) in enumerate(SHORT_HADITH + NOT_HADITH):
        lines.append(f"{formula} «{words}» وهذا كلام." if i % 2 == 0 else f"{formula} {words}. وهذا كلام.")
    (root / "parts" / "01.txt").write_text("\n".join(lines) + "\n", "utf-8")
    findings = analyse(root).findings
    counts: dict[str, int] = {}
    for f in findings:
        if f.rule == "hadith-note":
            quoted = f.data["quotation"].strip("«»")
            counts[quoted] = counts.get(quoted, 0) + 1
    return counts


def test_short_hadith_cited(cited):
    missed = [words for _, words in SHORT_HADITH if words not in cited]
    assert len(SHORT_HADITH) >= 30
    assert (len(SHORT_HADITH) - len(missed)) / len(SHORT_HADITH) >= 0.9, missed


def test_no_false_citation(cited):
    assert len(NOT_HADITH) >= 30
    assert [words for _, words in NOT_HADITH if words in cited] == []
