"""The shared HTML rendering: ids stay unique across the book in every mode."""

import re

import pytest

from warraq.pipeline import BuildOptions, load, transform
from warraq.render import Renderer

PART = (
    "بقعة ضوء ({n})\nفتح الشام:\n"
    "هذا نص الحلقة رقم {n} وفيه كلام يختلف عن كلام الحلقات الأخرى تماما {n}.\n"
    "وللحديث بقية إن شاء الله\n"
)


@pytest.mark.parametrize("mode", ["html", "preview", "print"])
def test_ids_are_unique_when_one_finding_spans_parts(make_book, mode):
    # the sign-off closes three parts: one boilerplate finding, a tombstone in each part
    root = make_book({f"0{n}.txt": PART.format(n=n) for n in (1, 2, 3)})
    config, book, _ = load(root)
    book, findings = transform(book, config, BuildOptions())
    assert any(f.rule == "boilerplate" for f in findings)
    html = Renderer(book, config, mode).book_html()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert ids and len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


ASIDES = "بقعة ضوء (1)\nكان الرجل — فيما يرى المؤرخ — صادقا، وقال – كما نقل غيره – ما قال، ثم مضى الكلام.\n"


@pytest.mark.parametrize("mode", ["html", "epub", "print"])
def test_an_asides_dashes_stay_with_their_words(make_book, mode):
    # a closing dash never opens a line: a no-break space glues it to the
    # word it closes, and an opening dash to the word it opens (issue 26)
    root = make_book({"01.txt": ASIDES})
    config, book, _ = load(root)
    book, _ = transform(book, config, BuildOptions())
    html = Renderer(book, config, mode).book_html()
    assert "الرجل —\u00a0فيما يرى المؤرخ\u00a0— صادقا" in html
    assert "وقال –\u00a0كما نقل غيره\u00a0– ما" in html


LONG_LEAD = (
    "وقد مضى المؤرخ في روايته تلك يسرد ما جرى بين القوم في المدينة بعد الوفاة، ويذكر اجتماع السقيفة"
    " وما دار فيه من كلام بين المهاجرين والأنصار، ثم يعود إلى ما كتبه الطبري عن تلك الأيام فكتب يقول:"
)
ATTRIBUTIONS = f"بقعة ضوء (1)\nيقول الطبري:\n«كان ذلك في السنة الحادية عشرة.»\n{LONG_LEAD}\n«ثم بايع الناس.»\n"


@pytest.mark.parametrize("mode", ["html", "epub", "print"])
def test_only_a_short_lead_in_is_set_as_an_attribution(make_book, mode):
    # a long paragraph ending with «يقول:» introduces the quotation, but is
    # set as prose: no attribution spacing, not kept with the next (issue 26)
    root = make_book({"01.txt": ATTRIBUTIONS})
    config, book, _ = load(root)
    book, _ = transform(book, config, BuildOptions())
    leads = [b for b in book.parts[0].blocks if getattr(b, "attributes_quote", False)]
    assert len(leads) == 2  # both introduce their quotation (the sources transform reads it)
    html = Renderer(book, config, mode).book_html()
    attributions = re.findall(r'<p class="attribution"[^>]*>(.*?)</p>', html)
    assert len(attributions) == 1 and "يقول الطبري" in attributions[0].replace("\u00a0", " ")


@pytest.mark.parametrize("mode", ["epub", "print"])
def test_a_part_titles_last_line_is_never_one_word(make_book, mode):
    # «…الاجتهاد في / الشرع»: the title's last two words stay on one line (issue 26)
    root = make_book({"01.txt": "مسائل في أصول الاجتهاد في الشرع (1)\nنص الجزء الأول.\n"})
    config, book, _ = load(root)
    book, _ = transform(book, config, BuildOptions())
    html = Renderer(book, config, mode).book_html()
    title = re.search(r'<h1 class="part-title"[^>]*>(.*?)</h1>', html)[1]
    kept = "الشرع\u00a0(1)" if mode == "print" else '<span class="keep-together">الشرع (1)</span>'
    assert kept in title, title
    if mode == "print":  # the outline and the running head read the plain title
        assert 'data-toc="مسائل في أصول الاجتهاد في الشرع (1)"' in html
