"""List numbering: the author's markers as readers find them, and the
marker each item is set with.

Styles (model.List.style): "decimal" (in the book's digits), "abjad"
(أ ب ج د هـ و ز …, the order of abjad numerals), "alpha" (أ ب ت ث ج …, the
hijāʾī order), "latin" (a b c) and "bullet".  Every ordered item is set
`<marker>-` as Arabic books number points (`١-`, `أ-`); past the 28th
letter, a lettered list goes on in the book's digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .arabic import format_number, to_western_digits

ABJAD = tuple("أبجدهوزحطيكلمنسعفصقرشتثخذضظغ")
ALPHA = tuple("أبتثجحخدذرزسشصضطظعغفقكلمنهوي")
LATIN = tuple("abcdefghijklmnopqrstuvwxyz")
STYLES = ("decimal", "abjad", "alpha", "latin", "bullet")
BULLET = "•"
# as the author may type a letter: هـ for ه, ا for أ
_LETTER_FORMS = {"هـ": "ه", "ا": "أ", "إ": "أ", "آ": "أ"}


def label(style: str, n: int, digits: str) -> str:
    """The marker of the n-th item (1-based) as the book sets it: `١-`, `أ-`, `•`."""
    if style == "bullet":
        return BULLET
    letters = {"abjad": ABJAD, "alpha": ALPHA, "latin": LATIN}.get(style)
    if letters is not None and 1 <= n <= len(letters):
        mark = letters[n - 1]
        return ("هـ" if mark == "ه" else mark) + "-"
    return format_number(n, digits) + "-"


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class Marker:
    """A marker a line starts with: its kind, value, and where the text begins."""

    kind: str  # "bullet", "number", "letter", "latin"
    value: int  # the number, or the letter's place in its alphabet (0 for bullets)
    letter: str  # the letter typed, normalised ("" for numbers and bullets)
    form: str  # the punctuation: "-", ".", ")", "()" (how the run is recognised)
    text_start: int


_BULLETS = "-•◦▪●"  # not a dash (– —): Arabic dialogue opens lines with one
_DIGIT = "0-9٠-٩۰-۹"
_NUMBER = re.compile(rf"^(?:\(([{_DIGIT}]{{1,3}})\)|([{_DIGIT}]{{1,3}})\s?([-–.)]))\s+(?=\S)")
# a letter alone before its punctuation: `أ-`, `ب)`, `(ج)`, `هـ-`
_ARABIC_LETTER = "أاإآبتثجحخدذرزسشصضطظعغفقكلمنهـوي"
_LETTER = re.compile(rf"^(?:\((هـ|[{_ARABIC_LETTER}])\)|(هـ|[{_ARABIC_LETTER}])\s?([-–)]))\s+(?=\S)")
_LATIN_LETTER = re.compile(r"^(?:\(([a-z])\)|([a-z])([.)]))\s+(?=\S)")
_BULLET = re.compile(rf"^([{_BULLETS}])\s+(?=\S)")


def read_marker(line: str) -> Marker | None:
    """The list marker a line starts with, if any."""
    if m := _BULLET.match(line):
        return Marker("bullet", 0, m.group(1), m.group(1), m.end())
    if m := _NUMBER.match(line):
        digits = m.group(1) or m.group(2)
        form = "()" if m.group(1) else m.group(3).replace("–", "-")
        return Marker("number", int(to_western_digits(digits)), "", form, m.end())
    if m := _LETTER.match(line):
        letter = _LETTER_FORMS.get(m.group(1) or m.group(2), m.group(1) or m.group(2))
        form = "()" if m.group(1) else m.group(3).replace("–", "-")
        return Marker("letter", 0, letter, form, m.end())
    if m := _LATIN_LETTER.match(line):
        letter = m.group(1) or m.group(2)
        form = "()" if m.group(1) else m.group(3)
        return Marker("latin", LATIN.index(letter) + 1, letter, form, m.end())
    return None


def letter_style(letters: list[str]) -> tuple[str, int] | None:
    """The lettered style a run of letters follows, and its first place:
    abjad (أ ب ج د), or hijāʾī (أ ب ت ث); None when they follow neither."""
    for style, alphabet in (("abjad", ABJAD), ("alpha", ALPHA)):
        if letters[0] not in alphabet:
            continue
        start = alphabet.index(letters[0])
        if all(start + i < len(alphabet) and alphabet[start + i] == ch for i, ch in enumerate(letters)):
            return style, start + 1
    return None
