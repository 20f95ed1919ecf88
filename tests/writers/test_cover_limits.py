"""The typographic cover holds any title book.toml accepts: a runaway title,
series or author is clipped (ending in …) inside the frame, never drawn off
the page (issue 11: a 1 MB title raised DecompressionBombError)."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from warraq.config import TEXT_LIMITS
from warraq.model import Meta
from warraq.writers.cover import GROUND, HEIGHT, WIDTH, draw_cover


@pytest.mark.parametrize(
    "meta",
    [
        Meta(title="ع" * TEXT_LIMITS["title"], author="مؤلف"),
        Meta(title="كلمة " * 100, author="مؤلف " * 60, series="سلسلة " * 60),
    ],
    ids=["one-long-word", "many-words"],
)
def test_a_runaway_title_stays_inside_the_frame(meta):
    image = Image.open(BytesIO(draw_cover(meta))).convert("RGB")
    assert image.size == (WIDTH, HEIGHT)
    # the outer frame is drawn from x=60; nothing but the ground outside it
    for x in list(range(0, 55)) + list(range(WIDTH - 55, WIDTH)):
        column = {image.getpixel((x, y)) for y in range(0, HEIGHT, 7)}
        assert column == {GROUND}, x
