"""Where an Arabic word may be elongated (kashida), and how well: pure str
functions, no layout.

A kashida is a tatweel (U+0640) drawn inside a join between two letters: the
letter before it must join to the left (a dual-joining letter), the letter
after it to the right.  Naskh practice, as in InDesign ME and in the
priorities Microsoft's Arabic justification and LibreOffice use, ranks the
joins of a word:

1. after a letter of the seen and sad families (س ش ص ض);
2. before a final taa marbuta, haa or dal (ة ه د ذ);
3. before a final alef, taa, lam or kaf (ا أ إ آ ط ظ ل ك);
4. before another final letter that joins (ب ع ف ق م ن ي ى ر و ...);
5. any other join, the last in the word first.

A word takes at most one kashida, at its best join.  Never elongated: a word
of fewer than three letters; lam-alef (the font's ligature); any word holding
لله (the Name of God, «الله», «لله», «بالله», drawn with the lam-lam-haa
ligature); a word in which the author already typed a tatweel.  The layout
code also refuses any join the font forms into one glyph (a ligature), and
the Qur'an's text, which is never elongated (patches/kashida.py).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

TATWEEL = "\u0640"

# joining types (Unicode ArabicShaping.txt) of the letters a book uses
DUAL_JOINING = frozenset("ئبتثجحخسشصضطظعغفقكلمنهيىپچڤکگیڨ")
RIGHT_JOINING = frozenset("آأؤإاةدذرزوٱژڈڑۀۃەۇۈۋ")
JOINS_BACK = DUAL_JOINING | RIGHT_JOINING

SEEN = frozenset("سشصض")
FINAL_HAA = frozenset("ةهدذ")
FINAL_ALEF = frozenset("اأإآٱطظلكگ")
ALEFS = frozenset("اأإآٱ")
NAME_OF_GOD = "لله"
MIN_LETTERS = 3

SEEN_FAMILY, BEFORE_HAA, BEFORE_ALEF, BEFORE_FINAL, OTHER = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Point:
    """Insert the tatweel before `word[index]` (after the letter before it
    and that letter's marks); priority 1 is the best."""

    index: int
    priority: int


def is_letter(char: str) -> bool:
    return char in DUAL_JOINING or char in RIGHT_JOINING or char == "ء"


def is_mark(char: str) -> bool:
    """A combining mark (tashkeel, superscript alef, Qur'anic signs): it
    belongs to the letter before it."""
    return unicodedata.category(char) == "Mn"


def letters(word: str) -> list[int]:
    """Indexes of the word's Arabic letters."""
    return [i for i, c in enumerate(word) if is_letter(c)]


def joins(word: str) -> list[tuple[int, int]]:
    """The joins of a word: (index of the letter before, index of the letter
    after), in order.  Marks between them belong to the first; anything else
    between them (a ZWNJ, punctuation, a digit) breaks the join."""
    where = letters(word)
    return [
        (a, b)
        for a, b in pairwise(where)
        if word[a] in DUAL_JOINING and word[b] in JOINS_BACK and all(is_mark(c) for c in word[a + 1 : b])
    ]


def candidates(word: str) -> list[Point]:
    """Every join of the word that may take a kashida, with its priority."""
    where = letters(word)
    if len(where) < MIN_LETTERS or TATWEEL in word or NAME_OF_GOD in _bare(word):
        return []
    last = where[-1]
    points = []
    for a, b in joins(word):
        before, after = word[a], word[b]
        if before == "ل" and after in ALEFS:
            continue  # lam-alef: one glyph in every Arabic font
        if before in SEEN:
            priority = SEEN_FAMILY
        elif b == last and after in FINAL_HAA:
            priority = BEFORE_HAA
        elif b == last and after in FINAL_ALEF:
            priority = BEFORE_ALEF
        elif b == last:
            priority = BEFORE_FINAL
        else:
            priority = OTHER
        points.append(Point(b, priority))
    return points


@lru_cache(maxsize=1 << 16)  # a book repeats its words
def best(word: str) -> Point | None:
    """The word's one kashida point: the best priority, the last join among
    equals (an elongation near the end of a word reads best)."""
    points = candidates(word)
    if not points:
        return None
    return min(points, key=lambda p: (p.priority, -p.index))


def elongate(word: str, point: Point, count: int = 1) -> str:
    """The word with `count` tatweels at the point."""
    return word[: point.index] + TATWEEL * count + word[point.index :]


def _bare(word: str) -> str:
    """The word's letters without marks (so «لِلَّهِ» shows لله)."""
    return "".join(c for c in word if not is_mark(c))


def spread(items: list[int], k: int) -> list[int]:
    """k of the items, evenly spaced (k < len(items))."""
    step = len(items) / k
    return [items[int((j + 0.5) * step)] for j in range(k)]


def distribute(priorities: list[int], count: int, per_join: int) -> list[int]:
    """How many tatweels each point of a line gets, `count` in all: one per
    point in rounds, the best priorities first; when a round cannot give
    every point of a priority one, the ones it gives are spread evenly
    along the line (the points are in the line's order).  No point gets more
    than `per_join`; what cannot be placed is left out."""
    counts = [0] * len(priorities)
    for _ in range(per_join):
        for priority in sorted(set(priorities)):
            if count <= 0:
                return counts
            group = [i for i, p in enumerate(priorities) if p == priority]
            chosen = group if len(group) <= count else spread(group, count)
            for i in chosen:
                counts[i] += 1
            count -= len(chosen)
    return counts
