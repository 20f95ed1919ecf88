"""The Markdown reader, and that both readers make the same model."""

import pytest

from warraq.errors import InputError
from warraq.model import Cite, Emphasis, Heading, NoteRef, Paragraph, Quotation, SignOff, Verse, VerseRef
from warraq.readers import read_part

MD = """\
---
number: 5
title: بقعة ضوء (٥)
---

## قسم أول

فقرة فيها *ميل* و**ثقل**[^a] واستشهاد «نص» [@tabari, ج ٣ ص ٤٠٠].

> «سطر أول
> سطر ثان»

﴿إنك ميت وإنهم ميتون﴾ [الزمر: ٣٠]

وللحديث بقية إن شاء الله

[^a]: حاشية **مهمة**.
"""


def read(tmp_path, text, name="05.md"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return read_part(path, name, {})


def test_front_matter_headings_quotes_notes(tmp_path):
    part = read(tmp_path, MD)
    assert part.number == 5 and part.title_prov.line == 3
    kinds = [type(b) for b in part.blocks]
    assert kinds == [Heading, Paragraph, Quotation, Verse, SignOff]
    heading, para, quote, verse, _ = part.blocks
    assert heading.prov.line == 6
    assert any(isinstance(n, Emphasis) and not n.strong for n in para.inlines)
    strong = next(n for n in para.inlines if isinstance(n, Emphasis) and n.strong)
    assert strong.children[0].text == "ثقل"
    assert NoteRef("n5-a") in para.inlines
    assert Cite("tabari", "ج ٣ ص ٤٠٠") in para.inlines
    assert (quote.prov.line, quote.prov.end_line) == (10, 11)
    assert verse.quote.ref == VerseRef(39, 30)
    (note,) = part.notes
    assert note.id == "n5-a" and note.prov.line == 17


def test_title_from_first_h1(tmp_path):
    part = read(tmp_path, "# بقعة ضوء (٦)\n\nنص.\n", "x.md")
    assert part.number == 6 and part.title[0].text == "بقعة ضوء (٦)"


def test_undefined_footnote_is_an_error(tmp_path):
    with pytest.raises(InputError, match=r"\[\^b\]") as exc:
        read(tmp_path, "# ع (1)\n\nنص[^b].\n")
    assert exc.value.line == 3


def test_raw_html_is_text_not_markup(tmp_path):
    part = read(tmp_path, "# ع (1)\n\nقبل <script>alert(1)</script> بعد\n")
    text = "".join(n.text for n in part.blocks[0].inlines)
    assert "<script>" in text  # kept as text; the renderer escapes it


def test_markdown_and_text_give_the_same_model(tmp_path):
    txt = "بقعة ضوء (٧)\nفتح الشام:\nيقول الطبري:\n«كان عمر كلما مر بخالد»\n﴿إنك ميت وإنهم ميتون﴾ 30 الزمر\n"
    md = (
        "# بقعة ضوء (٧)\n\n## فتح الشام:\n\nيقول الطبري:\n\n«كان عمر كلما مر بخالد»\n\n﴿إنك ميت وإنهم ميتون﴾ 30 الزمر\n"
    )
    a = read(tmp_path, txt, "07.txt")
    b = read(tmp_path, md, "07.md")

    def shape(part):
        return [(type(x).__name__, getattr(x, "attributes_quote", None)) for x in part.blocks]

    # the text reader infers the heading from the colon; Markdown says it with ##
    assert (
        shape(a)
        == shape(b)
        == [
            ("Heading", None),
            ("Paragraph", True),
            ("Quotation", None),
            ("Verse", None),
        ]
    )
    assert a.blocks[3].quote.ref == b.blocks[3].quote.ref == VerseRef(39, 30)
