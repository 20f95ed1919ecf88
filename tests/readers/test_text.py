"""Each structure rule of the plain-text reader, on small hand-made parts."""

import pytest

from warraq.errors import AssemblyError
from warraq.model import Heading, Paragraph, Quotation, Quran, SignOff, Text, Verse, VerseRef, block_text
from warraq.readers import read_part
from warraq.readers.structure import number_from_title
from warraq.readers.text import read_text


def blocks(text: str):
    return read_text(text, "t.txt")[2]


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("بقعة ضوء (٤)", 4),
        ("بقعة ضوء (4)", 4),
        ("بقعة ضوء - 12", 12),
        ("بقعة ضوء: الحلقة الرابعة", 4),
        ("الحلقة الحادية عشرة من بقعة ضوء", 11),
        ("بقعة ضوء [۷]", 7),
        ("بقعة ضوء", None),
    ],
)
def test_number_from_title(title, number):
    assert number_from_title(title) == number


def test_number_falls_back_to_file_name_then_order(tmp_path):
    (tmp_path / "07-x.txt").write_text("عنوان بلا رقم\nنص.", "utf-8")
    assert read_part(tmp_path / "07-x.txt", "07-x.txt", {}).number == 7
    (tmp_path / "intro.txt").write_text("عنوان بلا رقم\nنص.", "utf-8")
    assert read_part(tmp_path / "intro.txt", "intro.txt", {"intro.txt": 3}).number == 3
    with pytest.raises(AssemblyError, match="no part number") as exc:
        read_part(tmp_path / "intro.txt", "intro.txt", {})
    assert (exc.value.file, exc.value.line) == ("intro.txt", 1)


def test_title_is_first_nonblank_line():
    title, line, _ = read_text("\n\nبقعة ضوء (٤)\nنص", "t.txt")
    assert (title, line) == ("بقعة ضوء (٤)", 3)


def test_short_line_with_colon_is_a_heading():
    (b,) = blocks("ع (1)\nفتح الشام وفلسطين:")
    assert isinstance(b, Heading) and block_text(b) == "فتح الشام وفلسطين:" and b.prov.line == 2


@pytest.mark.parametrize(
    "line",
    [
        "يقول الطبري:",
        "ولا يملك كينيدي إزاء هذا السلوك من خالد إلا أن يقول:",
        "الراهب السيناوي سان انستاسيوس كتب يقول:",
        "نقلا عن كينيدي، فلم أجد أثرا لهذا المصدر:",
        "قال رسول الله صلى الله عليه وسلم:",
    ],
)
def test_attribution_lines_stay_paragraphs(line):
    b = blocks(f"ع (1)\n{line}\n«نص منقول طويل بعض الشيء»")[0]
    assert isinstance(b, Paragraph) and b.attributes_quote


def test_long_line_with_colon_is_a_paragraph():
    long = " ".join(["كلمة"] * 20) + ":"
    assert isinstance(blocks(f"ع (1)\n{long}")[0], Paragraph)


def test_quotation_spanning_lines_is_one_block():
    text = "ع (1)\nيقول الطبري:\n«أول سطر، فيه كلام\nسطر ثان\nسطر ثالث»\nبعده فقرة."
    b = blocks(text)
    assert [type(x) for x in b] == [Paragraph, Quotation, Paragraph]
    q = b[1]
    assert len(q.paragraphs) == 3 and (q.prov.line, q.prov.end_line) == (3, 5)
    assert [p.prov.line for p in q.paragraphs] == [3, 4, 5]


def test_curly_quotes_make_a_quotation():
    (q,) = blocks("ع (1)\n“الجيش الإسلامي كان عدده مائتي ألف مقاتل”")
    assert isinstance(q, Quotation) and q.marks == "“”"


def test_inline_quote_stays_in_its_paragraph():
    (p,) = blocks("ع (1)\n«الخليفة» هو نفسه الذي يثني على فعل عمر.")
    assert isinstance(p, Paragraph)


def test_unclosed_quote_is_not_swallowing_the_part():
    b = blocks("ع (1)\n«بداية بلا نهاية\nفقرة عادية.\nفقرة أخرى.")
    assert all(isinstance(x, Paragraph) for x in b) and len(b) == 3


def test_verse_line_with_typed_reference():
    (v,) = blocks("ع (1)\n﴿ يَا أَيُّهَا الَّذِينَ آمَنُوا إِنْ تَنْصُرُوا اللَّهَ يَنْصُرْكُمْ ﴾ 7 محمد")
    assert isinstance(v, Verse)
    assert v.quote.typed_ref == "7 محمد" and v.quote.ref == VerseRef(47, 7)
    assert v.quote.text.startswith("يَا أَيُّهَا") and v.quote.brackets == "﴿﴾"


@pytest.mark.parametrize(
    ("typed", "ref"),
    [
        ("[محمد: ٧]", VerseRef(47, 7)),
        ("(البقرة: 255)", VerseRef(2, 255)),
        ("سورة الدخان، الآيات ٣-٥", VerseRef(44, 3, 5)),
        ("[الشعراء: ١٩٣، ١٩٤]", VerseRef(26, 193, 194)),
    ],
)
def test_reference_forms(typed, ref):
    (v,) = blocks(f"ع (1)\n﴿نص الآية الكريمة﴾ {typed}")
    assert v.quote.ref == ref and v.quote.typed_ref == typed


def test_impossible_reference_is_not_a_reference():
    # al-Fatiha has 7 ayahs: "9 الفاتحة" is not a reference, so the line is a paragraph
    (b,) = blocks("ع (1)\n﴿نص الآية الكريمة﴾ 9 الفاتحة")
    assert isinstance(b, Paragraph)


def test_inline_verse_in_braces():
    (p,) = blocks("ع (1)\nوالله هو القائل {إنك ميت وإنهم ميتون}")
    assert isinstance(p, Paragraph)
    assert p.inlines[0] == Text("والله هو القائل ")
    assert p.inlines[1] == Quran("إنك ميت وإنهم ميتون", "{}")


def test_braces_around_non_arabic_are_text():
    (p,) = blocks("ع (1)\nالمتغير {x} في المعادلة")
    assert not any(isinstance(n, Quran) for n in p.inlines)


def test_sign_off():
    b = blocks("ع (1)\nنص.\nوللحديث بقية إن شاء الله")
    assert isinstance(b[-1], SignOff)


def test_configured_sign_off_phrase():
    b = read_text("ع (1)\nنص.\nدمتم في رعاية الله", "t.txt", ("دمتم في رعاية الله",))[2]
    assert isinstance(b[-1], SignOff)


def test_unmarked_quotation_after_say_verb():
    b = blocks("ع (1)\nالراهب كتب يقول:\nأنها أول هزيمة للجيش الروماني\nوفي أعقاب النصر.")
    assert [type(x) for x in b] == [Paragraph, Quotation, Paragraph]
    assert b[1].marks == "" and b[1].prov.line == 3
