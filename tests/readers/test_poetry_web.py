"""Verse inside a web page's <blockquote> (issue 23, left over): the web
reader hands the quoted lines to the verse rules as a whole run; bayts
typed with a separator, or halves one a line after a line naming verse,
are a poem; a quotation of prose stays a quotation."""

from __future__ import annotations

from pathlib import Path

from warraq.model import Poem, Quotation, plain_text
from warraq.readers import read_part

DATA = Path(__file__).parent / "data" / "web"
PROSE = "<p>" + "كان أبو الطيب المتنبي يرى في نفسه ما لا يراه الناس، وقد سارت أبياته في الآفاق. " * 8 + "</p>"


def page(tmp_path: Path, article: str):
    html = (DATA / "almasryalyoum.html").read_text("utf-8")
    start = html.index('<div id="NewsStory"')
    body = html[start : html.index("</div>", start)]
    new = html.replace(body, '<div id="NewsStory" class="article_content">' + PROSE + article + PROSE)
    (tmp_path / "p.html").write_text(new, "utf-8")
    return read_part(tmp_path / "p.html", "p.html", {}, (), False)


def test_a_blockquote_of_bayts_with_a_separator_is_a_poem(tmp_path):
    quote = (
        "<blockquote><p>الخيل والليل والبيداء تعرفني *** والسيف والرمح والقرطاس والقلم</p>"
        "<p>على قدر أهل <strong>العزم</strong> تأتي العزائم *** وتأتي على قدر الكرام المكارم</p></blockquote>"
    )
    part = page(tmp_path, quote)
    (poem,) = [b for b in part.blocks if isinstance(b, Poem)]
    assert [plain_text(b.sadr) for b in poem.bayts] == [
        "الخيل والليل والبيداء تعرفني",
        "على قدر أهل العزم تأتي العزائم",
    ]
    assert not any(isinstance(b, Quotation) for b in part.blocks)


def test_a_blockquote_of_half_lines_after_a_line_naming_verse(tmp_path):
    quote = (
        "<p>ويقول الشاعر:</p><blockquote><p>الخيل والليل والبيداء تعرفني<br>والسيف والرمح والقرطاس والقلم</p>"
        "</blockquote>"
    )
    part = page(tmp_path, quote)
    (poem,) = [b for b in part.blocks if isinstance(b, Poem)]
    assert [(plain_text(b.sadr), plain_text(b.ajuz)) for b in poem.bayts] == [
        ("الخيل والليل والبيداء تعرفني", "والسيف والرمح والقرطاس والقلم")
    ]


def test_a_blockquote_of_short_prose_lines_stays_a_quotation(tmp_path):
    quote = (
        "<p>يقول الطبري:</p><blockquote><p>إن هذا يوم من أيام الله</p><p>لا ينبغي فيه الفخر ولا البغي</p></blockquote>"
    )
    part = page(tmp_path, quote)
    assert not any(isinstance(b, Poem) for b in part.blocks)
    assert any(isinstance(b, Quotation) for b in part.blocks)
