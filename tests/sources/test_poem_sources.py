"""A poem's source note (issue 23, left over): «قال المتنبي:» then bayts,
when sources.toml names the poet's diwan, gets a note as an attributed
prose quotation does, its call at the end of the last bayt; in the EPUB the
call stands inside the last ʿajuz."""

from __future__ import annotations

from warraq.model import NoteRef, Poem, plain_text
from warraq.render import Renderer

from .helpers import rules, transformed

SOURCES = """\
[[source]]
key = "mutanabbi"
kind = "book"
author = "أبو الطيب المتنبي"
title = "ديوان المتنبي"
aliases = ["المتنبي", "أبو الطيب"]

[[source]]
key = "tabari"
kind = "book"
author = "محمد بن جرير الطبري"
title = "تاريخ الرسل والملوك"
aliases = ["الطبري"]
"""
BAYTS = (
    "الخيل والليل والبيداء تعرفني *** والسيف والرمح والقرطاس والقلم\n"
    "على قدر أهل العزم تأتي العزائم *** وتأتي على قدر الكرام المكارم\n"
)
AFTER = "وهذا ما يقوله كل من عرف قدر نفسه وقدر الناس من حوله في كل زمان.\n"


def poems(book):
    return [b for p in book.parts for b in p.blocks if isinstance(b, Poem)]


def test_an_attributed_poem_gets_its_diwan_s_note(make_book):
    root = make_book({"01.txt": "العنوان (١)\nكما قال المتنبي:\n" + BAYTS + AFTER}, sources=SOURCES)
    book, findings = transformed(root)
    (poem,) = poems(book)
    last = poem.bayts[-1]
    assert isinstance(last.ajuz[-1], NoteRef)
    assert not any(isinstance(n, NoteRef) for b in poem.bayts[:-1] for h in (b.sadr, b.ajuz) for n in h)
    assert plain_text(last.ajuz) == "وتأتي على قدر الكرام المكارم"
    (note,) = book.parts[0].notes
    assert note.source_key == "mutanabbi" and note.rule == "src-attribution"
    assert "ديوان المتنبي" in plain_text(note.inlines)
    assert "src-attribution" in rules(findings, "note")


def test_the_second_attributed_poem_gets_the_short_form(make_book):
    text = "العنوان (١)\nقال المتنبي:\n" + BAYTS + AFTER + "وقال أبو الطيب في موضع آخر:\n" + BAYTS
    book, _ = transformed(make_book({"01.txt": text}, sources=SOURCES))
    first, second = book.parts[0].notes
    assert len(plain_text(second.inlines)) < len(plain_text(first.inlines))
    assert {first.source_key, second.source_key} == {"mutanabbi"}


def test_a_poem_without_a_named_source_has_no_note_and_no_warning(make_book):
    root = make_book({"01.txt": "العنوان (١)\nقال الشاعر:\n" + BAYTS + AFTER}, sources=SOURCES)
    book, findings = transformed(root)
    assert not book.parts[0].notes
    assert "src-unsourced" not in rules(findings)


def test_an_author_s_own_note_in_the_poem_wins(make_book):
    text = (
        "# العنوان (١)\n\nقال المتنبي:\n\n" + BAYTS.replace("القلم\n", "القلم[^1]\n") + "\n[^1]: من قصيدته الميمية.\n"
    )
    book, _ = transformed(make_book({"01.md": text}, sources=SOURCES))
    (note,) = book.parts[0].notes
    assert not note.generated


def test_the_note_call_renders_inside_the_last_ajuz(make_book):
    from warraq.pipeline import load

    root = make_book({"01.txt": "العنوان (١)\nكما قال المتنبي:\n" + BAYTS + AFTER}, sources=SOURCES)
    book, _ = transformed(root)
    config = load(root)[0]
    html = Renderer(book, config, "epub").part(book.parts[0])
    last = html.split('<span class="hemistich ajuz">')[-1].split("</span></div>")[0]
    assert 'role="doc-noteref"' in last and last.startswith("وتأتي على قدر الكرام المكارم")
