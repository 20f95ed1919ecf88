"""The typographic cover balances a title of several lines (issue 26): no
word alone on its last line, as many lines as greedy breaking needs."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from warraq.writers import cover

TITLES = [
    "بحوث ومقالات في أصول الاجتهاد في الشرع",  # greedy: «… الاجتهاد في / الشرع»
    "تأملات في السيرة النبوية ومعانيها في زمن الفتن والمحن الكبرى",  # greedy: «… / الكبرى»
]


@pytest.mark.parametrize("title", TITLES)
def test_a_titles_last_line_is_not_one_word(title):
    draw = ImageDraw.Draw(Image.new("RGB", (cover.WIDTH, cover.HEIGHT)))
    font = cover.font_for(True, 190)
    width = cover.WIDTH - 2 * cover.MARGIN
    greedy = cover.greedy(draw, title, font, width)
    assert len(greedy[-1].split()) == 1  # the premise: greedy breaking leaves a word alone
    lines = cover.wrap(draw, title, font, width)
    assert len(lines) == len(greedy) and " ".join(lines) == title
    assert len(lines[-1].split()) >= 2, lines
    assert all(draw.textlength(line, font=font, direction="rtl", language="ar") <= width for line in lines)
