"""The families of prose the verse rules must leave as prose, and of verse
they must not miss (issue 23, left over).  Every text is written by hand
as Arabic columns are written: dialogue with pauses, a narrated scene,
numbered and lettered lines, an interview, datelines, a pasted table."""

from __future__ import annotations

import pytest

from warraq.model import Emphasis, List, NoteRef, Paragraph, Poem, Provenance, Text, plain_text
from warraq.readers.markdown import read_markdown
from warraq.readers.structure import Para, infer_blocks
from warraq.readers.text import read_text

MUTANABBI = ("الخيل والليل والبيداء تعرفني", "والسيف والرمح والقرطاس والقلم")
AZM = ("على قدر أهل العزم تأتي العزائم", "وتأتي على قدر الكرام المكارم")
NAZIR = ("وما انتفاع أخي الدنيا بناظره", "إذا استوت عنده الأنوار والظلم")


def blocks(text: str):
    return read_text("العنوان (١)\n" + text, "t.txt")[2]


def halves(poem: Poem) -> list[tuple[str, str]]:
    return [(plain_text(b.sadr), plain_text(b.ajuz)) for b in poem.bayts]


PROSE = {
    # two short paragraphs of a scene, a pause in each, balanced halves
    "pauses": "انتظرته حتى غابت الشمس … ولم يأت أحد من الرفاق\nعدت إلى البيت مهموما … وفي قلبي حزن لا يوصف",
    # the same without the typographer's ellipsis
    "dots": "فتحت الباب بهدوء شديد ... فلم أجد أحدا هناك\nناديت بأعلى صوتي ... فلم يجبني غير الصدى",
    # three lines of a scene, each ending a sentence
    "scene": (
        "خرج الرجل من بيته مبكرا ... ومضى نحو السوق.\n"
        "اشترى الخبز والحليب ... ثم عاد مسرعا.\n"
        "وجد أولاده نياما ... فجلس ينتظرهم."
    ),
    # dialogue: questions, quotes, a colon
    "dialogue": (
        "سألته عن حال البلد … فقال: الحمد لله على كل حال\n"
        "قلت له أين كنت؟ … فأجاب بأنه كان في السفر\n"
        "«لا تتأخر غدا» … قالها وهو يغلق الباب"
    ),
    # an interview typed as questions and answers
    "interview": ("س: ما رأيك في الشعر الحديث *** ج: هو امتداد للقديم\nس: ومن شاعرك المفضل *** ج: المتنبي بلا منازع"),
    # lettered and numbered lines
    "letters": (
        "أ- الخيل والليل والبيداء تعرفني *** والسيف والرمح والقرطاس والقلم\n"
        "ب- على قدر أهل العزم تأتي العزائم *** وتأتي على قدر الكرام المكارم"
    ),
    "numbers": (
        "١) زيارة المكتبة العامة في الحي   قراءة كتاب جديد كل أسبوع\n"
        "٢) كتابة مقال عن تاريخ المدينة   مراجعة المقال مع المحرر"
    ),
    # datelines and headlines with a tatweel dash
    "dateline": "القاهرة الجديدة ـــ محمد أحمد\nالرياض العاصمة ـــ عبدالله السالم",
    # headlines and a contents-like run with spaced dashes
    "headlines": (
        "المتنبي - شاعر العرب الأكبر - في ذكرى رحيله\n"
        "أبو تمام - حبيب بن أوس الطائي - سيرة موجزة\n"
        "البحتري - الوليد بن عبيد الطائي - شاعر القصور"
    ),
    # dates: figures in the halves
    "dates": (
        "الأحد الخامس من مارس ١٤٤٥   الاثنين السادس من مارس ١٤٤٥\n"
        "الثلاثاء السابع من مارس ١٤٤٥   الأربعاء الثامن من مارس ١٤٤٥"
    ),
    # a table pasted with runs of spaces: two-word cells
    "table": ("الكتاب الأول      دار الشروق\nالكتاب الثاني      دار المعارف\nالكتاب الثالث      دار الساقي"),
    # a table pasted with tabs: cells of unequal length
    "tabs": (
        "الاسم الكامل للكاتب\tأحمد بن محمد بن عبد الله الصالح\n"
        "مكان الولادة\tمدينة الرياض في نجد\n"
        "أول كتاب نشره في حياته\tالطريق"
    ),
    # a lone pause-line with a star: a footnote mark
    "star": "وهذا ما أكده الباحث في دراسته * وهو رأي له وجاهته",
}


@pytest.mark.parametrize("name", sorted(PROSE))
def test_prose_stays_prose(name):
    found = blocks(PROSE[name] + "\nثم يمضي الكاتب في حديثه الطويل عن الموضوع.")
    assert not any(isinstance(b, Poem) for b in found), name
    # and the author's text is whole: the pauses and separators are kept
    text = "\n".join(
        plain_text(b.inlines) if isinstance(b, Paragraph) else "\n".join(plain_text(i.inlines) for i in b.items)
        for b in found
        if isinstance(b, (Paragraph, List))
    )
    for sep in ("…", "...", "***", "ـــ"):
        assert text.count(sep) == PROSE[name].count(sep)


@pytest.mark.parametrize("name", ["letters", "pauses", "interview"])
def test_markdown_prose_stays_prose(name):
    found = read_markdown("# العنوان (١)\n\n" + PROSE[name] + "\n", "t.md").blocks
    assert not any(isinstance(b, Poem) for b in found), name


# ------------------------------------------------------------- verse not to miss


@pytest.mark.parametrize("separator", [" … ", " ... ", " * ", "    "])
def test_three_bayts_of_one_metre_with_a_weak_separator(separator):
    typed = "\n".join(separator.join(b) for b in (MUTANABBI, AZM, NAZIR))
    (poem,) = [b for b in blocks("نص قبل الأبيات.\n" + typed) if isinstance(b, Poem)]
    assert halves(poem) == [MUTANABBI, AZM, NAZIR]


@pytest.mark.parametrize(
    "intro", ["وقال آخر:", "ولله در القائل:", "وقديما قيل:", "وتمثل بقول الشاعر:", "وأنشدوا:", "قال الشاعر :"]
)
def test_verse_after_the_ways_of_introducing_it(intro):
    found = blocks(f"{intro}\n{' … '.join(MUTANABBI)}\nثم يمضي الكاتب في حديثه الطويل عن الموضوع.")
    assert [type(b) for b in found] == [Paragraph, Poem, Paragraph]
    assert found[0].attributes_quote


def test_a_lone_half_line_after_a_line_naming_verse():
    after = "ذلك أن الكاتب يعيش بين الكتب والناس طوال عمره، لا يفارقها."
    found = blocks(f"وما أصدق قول الشاعر:\n{MUTANABBI[1]}\n{after}")
    assert [type(b) for b in found] == [Paragraph, Poem, Paragraph]
    (bayt,) = found[1].bayts
    assert (plain_text(bayt.sadr), bayt.ajuz) == (MUTANABBI[1], ())
    # after «قال فلان:» (not naming verse), a short line is a quotation's prose
    said = blocks("قال الوزير:\nنحن نعمل ليل نهار\nوانتهى المؤتمر الصحفي بعد ساعة من الأسئلة والأجوبة.")
    assert not any(isinstance(b, Poem) for b in said)


def test_markdown_bayts_separated_by_blank_lines_are_one_poem():
    text = "# العنوان (١)\n\nقال المتنبي:\n\n" + "\n\n".join(" … ".join(b) for b in (MUTANABBI, AZM, NAZIR)) + "\n"
    found = read_markdown(text, "t.md").blocks
    assert [type(b).__name__ for b in found] == ["Paragraph", "Poem"]
    assert halves(found[1]) == [MUTANABBI, AZM, NAZIR]
    assert (found[1].prov.line, found[1].prov.end_line) == (5, 9)


def test_text_bayts_separated_by_blank_lines_are_one_poem():
    typed = "\n\n".join(" *** ".join(b) for b in (MUTANABBI, AZM))
    found = blocks(typed + "\n\nنص بعدها.")
    assert [type(b) for b in found] == [Poem, Paragraph]
    assert halves(found[0]) == [MUTANABBI, AZM]


# ------------------------------------------------------------- emphasis and note calls


def test_a_word_paragraph_with_emphasis_and_a_note_call_is_a_bayt():
    """Word and web paragraphs reach the rules as text and inline content:
    the halves keep a bold word, a note call at the ṣadr's end, a quoted word."""
    p = Provenance("w.docx", 3, unit="¶")
    sadr = (Emphasis((Text("الخيل"),), strong=True), Text(" والليل والبيداء تعرفني"), NoteRef("n1"))
    line = (*sadr, Text(" *** «والسيف» والرمح والقرطاس والقلم"))
    paras = [
        Para("كما قال المتنبي:", (Text("كما قال المتنبي:"),), Provenance("w.docx", 2, unit="¶")),
        Para(plain_text(line), line, p),
    ]
    found = infer_blocks(paras)
    assert [type(b) for b in found] == [Paragraph, Poem]
    (bayt,) = found[1].bayts
    assert bayt.sadr == sadr
    assert bayt.ajuz == (Text("«والسيف» والرمح والقرطاس والقلم"),)


def test_a_typed_note_call_at_a_half_s_end_in_a_text_part():
    typed = "\n".join(" … ".join(b) for b in ((MUTANABBI[0] + "(١)", MUTANABBI[1]), AZM, NAZIR))
    (poem,) = [b for b in blocks(typed + "\n(١) ديوان المتنبي.") if isinstance(b, Poem)]
    assert plain_text(poem.bayts[0].sadr) == MUTANABBI[0] + "(١)"


def test_a_fenced_half_is_markdown_inline_text():
    text = (
        "# العنوان (١)\n\n```شعر\n"
        "**الخيل** والليل والبيداء تعرفني[^1] *** والسيف والرمح و*القرطاس* والقلم\n"
        "على قدر أهل العزم تأتي العزائم *** وتأتي على قدر الكرام المكارم\n```\n\n"
        "[^1]: ديوان المتنبي.\n"
    )
    part = read_markdown(text, "t.md")
    (poem,) = part.blocks
    assert poem.bayts[0].sadr == (
        Emphasis((Text("الخيل"),), strong=True),
        Text(" والليل والبيداء تعرفني"),
        NoteRef("1"),
    )
    assert poem.bayts[0].ajuz == (Text("والسيف والرمح و"), Emphasis((Text("القرطاس"),)), Text(" والقلم"))
    # the note called only inside the fence keeps its text, and no warning says it is uncalled
    assert [(label, plain_text(inlines)) for label, inlines, _ in part.notes] == [("1", "ديوان المتنبي.")]
    assert part.warnings == []
    assert halves(poem)[1] == AZM
