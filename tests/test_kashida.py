"""Kashida points of single words.  Every expected word was written by hand
from the rules in kashida.py's docstring (ـ marks where the tatweel goes)."""

from __future__ import annotations

import pytest

from warraq.text.kashida import (
    BEFORE_ALEF,
    BEFORE_FINAL,
    BEFORE_HAA,
    OTHER,
    SEEN_FAMILY,
    TATWEEL,
    Point,
    best,
    candidates,
    distribute,
    elongate,
    joins,
)


def shown(word: str) -> str | None:
    point = best(word)
    return None if point is None else elongate(word, point)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("سلام", "سـلام"),  # after seen
        ("مدرسة", "مدرسـة"),  # after seen beats before final taa marbuta
        ("مصر", "مصـر"),  # after sad
        ("محمد", "محمـد"),  # before final dal
        ("المكية،", "المكيـة،"),  # before final taa marbuta; the comma is not a letter
        ("كلها", "كلهـا"),  # before final alef
        ("كتب", "كتـب"),  # before another final letter
        ("وطن", "وطـن"),  # waw does not join forward: the one join is taa-noon
        ("الكتاب", "الكتـاب"),  # the last of the plain joins (alef then baa: no join)
        ("قال", "قـال"),  # qaf-alef, the alef is not final
        ("فلا", "فـلا"),  # lam-alef is never split
        ("يَسْأَلُ", "يَسْـأَلُ"),  # after the seen's sukun, not between letter and mark
    ],
)
def test_best_point(word, expected):
    assert shown(word) == expected


@pytest.mark.parametrize(
    "word",
    [
        "الله",
        "لله",
        "بالله",
        "والله",
        "لِلَّهِ",  # the Name of God, with its marks
        "من",
        "في",
        "لا",  # two letters
        "كـتاب",  # the author elongated it already
        "رأى",  # no letter joins forward
        "Great",
        "٢٠٠٨",
        "",
    ],
)
def test_no_point(word):
    assert best(word) is None


def test_priorities_of_every_join():
    # مدرسة: meem-dal (other), seen-taa marbuta (after seen); dal and raa do not join forward
    assert candidates("مدرسة") == [Point(1, OTHER), Point(4, SEEN_FAMILY)]
    assert candidates("محمد") == [Point(1, OTHER), Point(2, OTHER), Point(3, BEFORE_HAA)]
    assert candidates("كلها") == [Point(1, OTHER), Point(2, OTHER), Point(3, BEFORE_ALEF)]
    assert candidates("كتب") == [Point(1, OTHER), Point(2, BEFORE_FINAL)]


def test_joins_skip_marks_and_stop_at_other_characters():
    assert joins("بَت") == [(0, 2)]
    assert joins("ب\u200cت") == []  # a zero-width non-joiner breaks the join
    assert joins("ب-ت") == []


def test_elongate_inserts_tatweels():
    assert elongate("سلام", Point(1, SEEN_FAMILY), 3) == "س" + TATWEEL * 3 + "لام"


def test_distribute_best_priorities_first():
    # 2 tatweels, points of priorities 5, 1, 3, 1: the two seen joins get one each
    assert distribute([5, 1, 3, 1], 2, per_join=3) == [0, 1, 0, 1]
    # 5: one round over all four (4), then one of the two seen joins again:
    # one of two evenly spaced is the one at the middle, the second
    assert distribute([5, 1, 3, 1], 5, per_join=3) == [1, 1, 1, 2]


def test_distribute_spreads_within_a_priority():
    # 2 of 6 equal points: the 2nd and the 5th (evenly spaced), not the first two
    assert distribute([5] * 6, 2, per_join=3) == [0, 1, 0, 0, 1, 0]


def test_distribute_stops_at_the_join_maximum():
    assert distribute([5, 5], 9, per_join=3) == [3, 3]
    assert distribute([], 4, per_join=3) == []
