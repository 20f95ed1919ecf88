"""Verse as authors paste it (issue 23): bayts typed with a separator, one
half a line after a line introducing verse, a Markdown ```شعر block; and
the prose, lists, verses and ornaments that must stay what they are."""

import pytest

from tests.conftest import run_cli
from warraq.model import Break, Emphasis, NoteRef, Paragraph, Poem, Quotation, Text, Verse, plain_text
from warraq.readers import read_part
from warraq.readers.markdown import read_markdown
from warraq.readers.text import read_text

MUTANABBI = ("الخيل والليل والبيداء تعرفني", "والسيف والرمح والقرطاس والقلم")
AZM = ("على قدر أهل العزم تأتي العزائم", "وتأتي على قدر الكرام المكارم")
SPLIT = ("أنا من خف واستدق فلا يثـ", "قل أرضاً ولا يسد فضاء")
NAZIR = ("وما انتفاع أخي الدنيا بناظره", "إذا استوت عنده الأنوار والظلم")


def blocks(text: str):
    return read_text("العنوان (١)\n" + text, "t.txt")[2]


def halves(poem: Poem) -> list[tuple[str, str]]:
    return [(plain_text(b.sadr), plain_text(b.ajuz)) for b in poem.bayts]


@pytest.mark.parametrize("separator", [" *** ", " ** ", " ــــ ", "\t", "     "])
def test_a_run_of_bayts_with_any_separator(separator):
    typed = "\n".join(separator.join(b) for b in (MUTANABBI, AZM, NAZIR))
    found = blocks(f"نص قبل الأبيات.\n{typed}\nنص بعدها.")
    assert [type(b) for b in found] == [Paragraph, Poem, Paragraph]
    poem = found[1]
    assert halves(poem) == [MUTANABBI, AZM, NAZIR]
    assert [b.separator for b in poem.bayts] == [separator] * 3
    assert (poem.prov.line, poem.prov.end_line) == (3, 5)
    assert [b.prov.line for b in poem.bayts] == [3, 4, 5]


@pytest.mark.parametrize("separator", [" * ", " … ", " ... "])
def test_weak_separators_need_a_run_or_an_introduction(separator):
    # prose holds ellipses and asterisks: one such line alone stays prose
    alone = blocks(f"{separator.join(MUTANABBI)}\nنص بعدها.")
    assert [type(b) for b in alone] == [Paragraph, Paragraph]
    # two such lines may be two sentences with a pause each: three of one metre are verse
    two = blocks(f"{separator.join(MUTANABBI)}\n{separator.join(AZM)}")
    assert not any(isinstance(b, Poem) for b in two)
    run = blocks(f"{separator.join(MUTANABBI)}\n{separator.join(AZM)}\n{separator.join(NAZIR)}")
    assert [type(b) for b in run] == [Poem]
    introduced = blocks(f"قال الشاعر:\n{separator.join(MUTANABBI)}")
    assert [type(b) for b in introduced] == [Paragraph, Poem]
    assert introduced[0].attributes_quote


def test_a_word_split_across_the_halves_stays_split():
    (poem,) = blocks(" *** ".join(SPLIT))
    assert halves(poem) == [SPLIT]
    assert plain_text(poem.bayts[0].sadr).endswith("يثـ")  # the tatweel the poet typed stays
    assert plain_text(poem.bayts[0].ajuz).startswith("قل ")


@pytest.mark.parametrize(
    "intro", ["قال الشاعر:", "كما قال المتنبي:", "وأنشد:", "الأبيات:", "ويقول أبو الطيب في قصيدته:"]
)
def test_halves_one_a_line_after_an_introducing_line(intro):
    found = blocks(
        f"{intro}\n{MUTANABBI[0]}\n{MUTANABBI[1]}\n{AZM[0]}\n{AZM[1]}\nثم يمضي الكاتب في حديثه الطويل عن الموضوع."
    )
    assert [type(b) for b in found] == [Paragraph, Poem, Paragraph]
    assert found[0].attributes_quote  # «الأبيات:» is no heading when verse follows
    assert halves(found[1]) == [MUTANABBI, AZM]
    assert [(b.prov.line, b.prov.end_line) for b in found[1].bayts] == [(3, 4), (5, 6)]
    assert found[1].bayts[0].separator == "\n"


def test_short_lines_not_paired_when_odd_or_unbalanced_or_prose():
    # three lines after «قال» of which the third is a sentence: the first two pair
    odd = blocks(f"قال الشاعر:\n{MUTANABBI[0]}\n{MUTANABBI[1]}\nوهذا بيت مشهور.")
    assert [type(b) for b in odd] == [Paragraph, Poem, Paragraph]
    assert halves(odd[1]) == [MUTANABBI]
    # a quotation of prose after «قال فلان:», sentences that end with a full stop
    prose = blocks("قال الطبري:\nوكان ذلك في سنة خمس عشرة.\nثم سار الجيش إلى الشام.")
    assert not any(isinstance(b, Poem) for b in prose)
    # a short line and a long one are no bayt
    unbalanced = blocks("قال الشاعر:\nالخيل تعرفني\nوالسيف والرمح والقرطاس والقلم والدواة والكتاب")
    assert not any(isinstance(b, Poem) for b in unbalanced)


@pytest.mark.parametrize(
    "line",
    [
        "***",  # an ornament
        "* * *",
        "أولا: النقطة الأولى *** ثانيا",  # a note, not verse
        "1. الخيل والليل *** والسيف والرمح",  # a list item
        "- الخيل والليل *** والسيف والرمح",
        "﴿إنا أعطيناك الكوثر﴾ *** فصل لربك وانحر",  # the Qur'an
        "قال ... ثم ذهب إلى السوق ليشتري ما يحتاج إليه",  # prose with an ellipsis
        "كلمة *** وهذه جملة طويلة جدا لا تشبه عجز بيت من الشعر في شيء أبدا ولا تقاربه",  # no balance
    ],
)
def test_no_poem_in_prose_lists_verses_and_ornaments(line):
    found = blocks(f"{line}\nنص بعده.")
    assert not any(isinstance(b, Poem) for b in found), found


def test_ornament_between_prose_and_a_qur_an_verse_stay():
    found = blocks("نص.\n***\n﴿إنا أعطيناك الكوثر﴾ [الكوثر: ١]")
    assert [type(b) for b in found] == [Paragraph, Break, Verse]


def test_quoted_text_after_say_is_still_a_quotation():
    found = blocks("كتب يقول:\nإن الأمر أوسع من أن يحيط به مقال واحد، ولا بد من العودة إليه.")
    assert [type(b) for b in found] == [Paragraph, Quotation]


MARKDOWN = """# بقعة ضوء (٥)

قال الشاعر:

```شعر
أنا من خف واستدق فلا يثـ *** قل أرضاً ولا يسد فضاء

بيت مشطور وحده
```

```poem
على قدر أهل العزم تأتي العزائم *** وتأتي على قدر الكرام المكارم
```

```python
x = 1 *** 2
```

كما قال المتنبي:
الخيل والليل والبيداء تعرفني
والسيف والرمح والقرطاس والقلم

وقال آخر:

إذا غامرت في شرف مروم … فلا تقنع بما دون النجوم
فطعم الموت في أمر حقير … كطعم الموت في أمر عظيم
"""


def test_markdown_fenced_block_and_inference():
    found = read_markdown(MARKDOWN, "t.md").blocks
    kinds = [type(b).__name__ for b in found]
    assert kinds == ["Paragraph", "Poem", "Poem", "Paragraph", "Paragraph", "Poem", "Paragraph", "Poem"]
    fenced, second = found[1], found[2]
    assert halves(fenced) == [SPLIT, ("بيت مشطور وحده", "")]  # a lone half-line: no ʿajuz
    assert [b.prov.line for b in fenced.bayts] == [6, 8]
    assert halves(second) == [AZM]
    assert plain_text(found[3].inlines) == "x = 1 *** 2"  # another fence is code, kept as typed
    assert halves(found[5]) == [MUTANABBI]
    assert found[4].attributes_quote
    assert found[4].prov.line == 19
    assert (found[5].prov.line, found[5].prov.end_line) == (20, 21)
    assert len(found[7].bayts) == 2


def test_a_finding_names_each_poem(tmp_path):
    path = tmp_path / "03-x.txt"
    path.write_text("العنوان (٣)\nنص.\n" + " *** ".join(MUTANABBI) + "\n" + " *** ".join(AZM) + "\n", "utf-8")
    part = read_part(path, "03-x.txt", {})
    (finding,) = [f for f in part.findings if f.kind == "poem"]
    assert str(finding.prov) == "03-x.txt:3-4"
    assert finding.data["bayts"] == 2
    assert "2" in finding.message


def test_inspect_shows_poems(make_book):
    root = make_book({"01-x.txt": "العنوان (١)\nقال الشاعر:\n" + " *** ".join(SPLIT) + "\n"})
    run = run_cli("inspect", "-m", str(root))
    assert run.code == 0, run.err
    assert "poem (1 bayt)" in run.out
    assert f"bayt (separator ' *** '): {SPLIT[0]} | {SPLIT[1]}" in run.out


def test_markdown_paragraph_of_bayts_and_paragraphs_with_markup():
    text = (
        "# العنوان (٥)\n\n"
        + " *** ".join(MUTANABBI)
        + "\n"
        + " *** ".join(AZM)
        + "\n\n"
        # a note call or emphasis in the line: kept in the hemistich
        + " *** ".join(MUTANABBI)
        + "[^1]\n"
        + " *** ".join(AZM)
        + "\n\n"
        + "*الخيل* والليل والبيداء تعرفني *** "
        + MUTANABBI[1]
        + "\n"
        + " *** ".join(AZM)
        + "\n\n"
        + "[^1]: حاشية.\n"
    )
    found = read_markdown(text, "t.md")
    # the paragraphs of bayts after the first (a blank line between) join its poem
    assert [type(b).__name__ for b in found.blocks] == ["Poem"]
    poem = found.blocks[0]
    assert halves(poem) == [MUTANABBI, AZM] * 3
    assert found.refs == [("1", 6)]  # the call (line 6) is read, not lost
    # ... and kept at the end of its half; the emphasis kept round its word
    assert poem.bayts[2].sadr == (Text(MUTANABBI[0]),)
    assert poem.bayts[2].ajuz == (Text(MUTANABBI[1]), NoteRef("1"))
    assert poem.bayts[4].sadr == (Emphasis((Text("الخيل"),)), Text(" والليل والبيداء تعرفني"))
    assert [b.prov.line for b in poem.bayts] == [3, 4, 6, 7, 9, 10]


# ------------------------------------------------------------- review (issue 29)


def test_lines_of_an_interview_after_say_are_not_paired_as_verse():
    found = blocks("قال الوزير:\nسألته: لماذا تأخرت؟\nفقال: كان الطريق مزدحما\nنص بعدها.")
    assert not any(isinstance(b, Poem) for b in found), found


@pytest.mark.parametrize("separator", ["\t", "   ", " … "])
def test_rows_of_a_pasted_table_with_figures_are_not_verse(separator):
    rows = ["وزارة المالية", "١٢٠٠ مليون دينار", "وزارة التربية", "850 مليون دينار"]
    found = blocks(f"{separator.join(rows[:2])}\n{separator.join(rows[2:])}\nنص بعدها.")
    assert not any(isinstance(b, Poem) for b in found), found
    assert "١٢٠٠ مليون دينار" in plain_text(found[0].inlines)
