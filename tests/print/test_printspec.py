"""Spine width, the wrap's geometry, the gutter and the printers' limits,
against the services' published figures (worked by hand)."""

import pytest

from warraq.publishing.printspec import (
    COVER_BLEED_MM,
    cover_geometry,
    gutter_mm,
    limit_problems,
    spine_has_text,
    spine_width_mm,
)


def test_spine_width_kdp():
    assert spine_width_mm(100, "white") == pytest.approx(0.2252 * 25.4)  # 5.72 mm
    assert spine_width_mm(300, "cream") == pytest.approx(19.05)  # 0.75 in
    assert spine_width_mm(444, ppi=444) == pytest.approx(25.4)
    with pytest.raises(KeyError):
        spine_width_mm(100, "glossy")


@pytest.mark.parametrize("pages", [24, 120, 600])
@pytest.mark.parametrize("paper", ["white", "cream"])
def test_cover_geometry(pages, paper):
    per_page = {"white": 0.002252, "cream": 0.0025}[paper]
    g = cover_geometry(152.4, 228.6, pages, paper)
    assert pytest.approx(3.175) == COVER_BLEED_MM
    assert g.width == pytest.approx(2 * 152.4 + pages * per_page * 25.4 + 2 * 3.175)
    assert g.height == pytest.approx(228.6 + 2 * 3.175)


def test_rtl_wrap_puts_the_front_on_the_left():
    rtl = cover_geometry(148, 210, 100, rtl=True)
    ltr = cover_geometry(148, 210, 100, rtl=False)
    assert rtl.front_x == pytest.approx(3.175)
    assert rtl.front_x < rtl.spine_x < rtl.back_x
    assert ltr.back_x == pytest.approx(3.175)
    assert ltr.back_x < ltr.spine_x < ltr.front_x
    assert rtl.back_x == pytest.approx(3.175 + 148 + 100 * 0.002252 * 25.4)


def test_spine_text_threshold():
    assert not spine_has_text(78)
    assert spine_has_text(79)


@pytest.mark.parametrize(
    ("pages", "inches"), [(24, 0.375), (150, 0.375), (151, 0.5), (300, 0.5), (301, 0.625), (700, 0.75), (828, 0.875)]
)
def test_gutter_table(pages, inches):
    assert gutter_mm(pages) == pytest.approx(inches * 25.4)


def test_limits():
    assert limit_problems("kdp", 120, "white", 152.4, 228.6) == []  # 6 x 9 in
    few = limit_problems("kdp", 20, "white", 152.4, 228.6)
    assert len(few) == 1 and "at least 24" in few[0]
    many = limit_problems("kdp", 800, "cream", 152.4, 228.6)
    assert len(many) == 1 and "at most 776" in many[0]
    assert limit_problems("kdp", 800, "white", 152.4, 228.6) == []
    trim = limit_problems("kdp", 100, "white", 148, 210)  # A5: not a KDP trim
    assert len(trim) == 1 and "does not offer" in trim[0]
    assert limit_problems("ingramspark", 100, "white", 148, 210) == []  # A5 is
    assert limit_problems("none", 3, "white", 10, 10) == []
