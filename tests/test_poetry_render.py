"""Poems through the transforms and the one HTML rendering (issue 23):
typography reaches the hemistichs, the sources rules take no attribution
past a poem, a repeated passage holding a poem is removed whole, and
`[typography] poem_separator` keeps the author's separator in the gap."""

import re

import pytest

from warraq.model import Poem, Quotation, Removed, plain_text
from warraq.pipeline import BuildOptions, load, transform
from warraq.render import Renderer

BAYTS = (
    "الخيل والليل والبيداء تعرفني *** والسيف والرمح والقرطاس والقلم\n"
    "على قدر أهل العزم تأتي العزائم *** وتأتي على قدر الكرام المكارم\n"
)


def book_of(make_book, parts: dict[str, str], extra: str = ""):
    config, book, _ = load(make_book(parts, extra))
    return config, *transform(book, config, BuildOptions())


@pytest.mark.parametrize("mode", ["html", "epub", "preview", "print"])
def test_poem_markup_in_every_mode(make_book, mode):
    config, book, _ = book_of(make_book, {"01.txt": "العنوان (١)\nقال الشاعر:\n" + BAYTS})
    html = Renderer(book, config, mode).part(book.parts[0])
    bayts = re.findall(
        r'<div class="bayt"[^>]*><span class="hemistich sadr">([^<]+)</span> '
        r'<span class="hemistich ajuz">([^<]+)</span></div>',
        html,
    )
    assert bayts == [
        ("الخيل والليل والبيداء تعرفني", "والسيف والرمح والقرطاس والقلم"),
        ("على قدر أهل العزم تأتي العزائم", "وتأتي على قدر الكرام المكارم"),
    ]
    assert "***" not in html
    if mode == "preview":
        # the poem and each bayt point at the author's lines
        assert re.search(r'<div class="poem" role="group" data-src="[^"]*01.txt:3-4">', html)
        assert re.search(r'<div class="bayt" data-src="[^"]*01.txt:4">', html)


def test_poem_separator_kept_when_asked(make_book):
    config, book, _ = book_of(make_book, {"01.txt": "العنوان (١)\n" + BAYTS}, "[typography]\npoem_separator = true\n")
    html = Renderer(book, config, "epub").part(book.parts[0])
    assert html.count('<span class="poem-separator">***</span>') == 2


def test_typography_reaches_the_hemistichs(make_book):
    text = "العنوان (١)\nقال الشاعر:\nمضى عام 2024 وما زلنا ننتظر *** وجاء عام 2025 والقلب مستبشر\n"
    _, book, findings = book_of(make_book, {"01.txt": text}, '[typography]\ndigits = "arabic-indic"\n')
    (poem,) = [b for b in book.parts[0].blocks if isinstance(b, Poem)]
    assert plain_text(poem.bayts[0].sadr) == "مضى عام ٢٠٢٤ وما زلنا ننتظر"
    assert plain_text(poem.bayts[0].ajuz) == "وجاء عام ٢٠٢٥ والقلب مستبشر"
    assert any(f.prov and f.prov.line == 3 for f in findings if f.kind == "typography")


def test_a_poem_takes_the_attribution(make_book):
    # «قال الطبري:» then a poem then a quotation: the quotation is not the
    # historian's (no attribution reaches past the poem)
    text = (
        "العنوان (١)\nقال الشاعر:\n"
        + BAYTS
        + "«وهذا كلام منقول من كتاب لا نعرف صاحبه ولا نعرف متى كتب على وجه الدقة.»\n"
    )
    _, book, _ = book_of(make_book, {"01.txt": text})
    kinds = [type(b).__name__ for b in book.parts[0].blocks]
    assert kinds == ["Paragraph", "Poem", "Quotation"]
    assert not book.parts[0].notes


def test_a_repeated_passage_with_its_poem_is_removed_whole(make_book):
    prose = (
        "وكان هذا الكلام الطويل يتكرر في أكثر من حلقة من حلقات السلسلة لأن الكاتب نسخه ولصقه مرة بعد مرة دون أن ينتبه."
    )
    body = f"{prose}\nقال الشاعر:\n{BAYTS}{prose} وزيادة في آخره تختلف.\n"
    _, book, _ = book_of(
        make_book,
        {
            "01.txt": "الحلقة (١)\n" + body,
            "02.txt": "الحلقة (٢)\nنص جديد مختلف تماما عن كل ما سبق في الحلقة الأولى من السلسلة.\n" + body,
        },
    )
    removed = [b for b in book.parts[1].blocks if isinstance(b, Removed)]
    assert any(isinstance(r.block, Poem) for r in removed), [type(b.block).__name__ for b in removed]
    assert not any(isinstance(b, Quotation) for b in book.parts[1].blocks)
