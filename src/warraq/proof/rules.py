"""The Arabic typography rules, each with a stable id.

A rule looks at the text of one segment (or, for bracket balance, of one
block whose quotation may span several paragraphs) and yields `Hit`s: where
in that text, what it found.  Ids never change meaning; a retired rule's id
is not reused.  Each rule has a test folder `tests/proof/cases/<id>/`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..i18n import msg, nmsg
from ..text.arabic import latin_spans, strip_marks

# Arabic letters (hamza .. yeh, and the extended block) and their marks
LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
MARK = "\u064b-\u065f\u0670"
ARABIC_DIGITS = "\u0660-\u0669\u06f0-\u06f9"
_LETTER = re.compile(f"[{LETTER}]")
_ARABIC = re.compile(f"[{LETTER}{MARK}{ARABIC_DIGITS}\u0640]")
_LATIN = re.compile("[A-Za-z0-9]")
_SPACE = " \t\u00a0"


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    message: str  # a gettext message (i18n.msg): its parameters go to report.json


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    level: str  # info / warning / error
    summary: str
    check: Callable[[str], Iterator[Hit]]
    in_quran: bool = True  # False: hits inside Qur'an text are not reported
    block: bool = False  # True: checks a whole block (quotations span paragraphs)
    poem: bool = False  # True: checks each bayt of a poem (lint.py), not text


# ---------------------------------------------------------------- spacing

_SPACE_BEFORE = re.compile(rf"(?<=\S)[{_SPACE}]+(?:[،؛؟!:]|\.(?![.\d]))")


def space_before(text: str) -> Iterator[Hit]:
    for m in _SPACE_BEFORE.finditer(text):
        yield Hit(m.start(), m.end(), msg("space before «{mark}»", mark=m.group().strip()))


_NO_SPACE_AFTER = re.compile(rf"[،؛؟!](?=[{LETTER}«“(])|(?<=[{LETTER}{MARK}])[.:](?=[{LETTER}«“])")


def no_space_after(text: str) -> Iterator[Hit]:
    for m in _NO_SPACE_AFTER.finditer(text):
        yield Hit(m.start(), m.end() + 1, msg("no space after «{mark}»", mark=m.group()))


_REPEATED_SPACES = re.compile(f"[{_SPACE}\u2000-\u200a\u202f\u205f\u3000]{{2,}}")


def repeated_spaces(text: str) -> Iterator[Hit]:
    for m in _REPEATED_SPACES.finditer(text):
        yield Hit(m.start(), m.end(), nmsg("{n} space in a row", "{n} spaces in a row", n=len(m.group())))


# ---------------------------------------------------------------- punctuation

_LATIN_PUNCT = {",": "،", ";": "؛", "?": "؟"}


def _neighbour(text: str, i: int, step: int) -> str:
    i += step
    while 0 <= i < len(text) and text[i] in _SPACE:
        i += step
    return text[i] if 0 <= i < len(text) else ""


_LATIN_PUNCT_RE = re.compile("[,;?]")


def latin_punctuation(text: str) -> Iterator[Hit]:
    """A Latin , ; ? between Arabic words (not in a Latin run like `Smith, J.`)."""
    for m in _LATIN_PUNCT_RE.finditer(text):
        i, ch = m.start(), m.group()
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        arabic_before = bool(before) and bool(_ARABIC.match(before))
        latin_after = bool(after) and bool(_LATIN.match(after))
        latin_before = bool(before) and before.isascii() and before.isalpha()
        arabic_after = bool(after) and bool(_ARABIC.match(after))
        if (arabic_before and not latin_after) or (arabic_after and not latin_before):
            yield Hit(i, i + 1, msg("Latin «{mark}» in Arabic text (use «{arabic}»)", mark=ch, arabic=_LATIN_PUNCT[ch]))


# ---------------------------------------------------------------- balance

QUOTE_PAIRS = {"«": "»", "“": "”", "\ufd3f": "\ufd3e", "{": "}"}
BRACKET_PAIRS = {"(": ")", "[": "]"}


def _marks(pairs: dict[str, str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(pairs) + "".join(pairs.values())) + "]")


_QUOTE_MARKS, _BRACKET_MARKS = _marks(QUOTE_PAIRS), _marks(BRACKET_PAIRS)


def _balance(text: str, pairs: dict[str, str], marks: re.Pattern[str]) -> Iterator[Hit]:
    closers = {c: o for o, c in pairs.items()}
    stack: list[tuple[str, int]] = []
    for m in marks.finditer(text):
        i, ch = m.start(), m.group()
        if ch in pairs:
            stack.append((ch, i))
        elif ch in closers:
            opener = closers[ch]
            if any(o == opener for o, _ in stack):
                while stack:
                    o, at = stack.pop()
                    if o == opener:
                        break
                    yield Hit(at, at + 1, _never_closed(o, pairs[o]))
            elif ch == "\ufd3e":
                message = msg(
                    "«{mark}» closes nothing (no «{opener}» before it) "
                    "(the ornate brackets are reversed: ﴿ opens, ﴾ closes)",
                    mark=ch,
                    opener=opener,
                )
                yield Hit(i, i + 1, message)
            else:
                yield Hit(i, i + 1, msg("«{mark}» closes nothing (no «{opener}» before it)", mark=ch, opener=opener))
    for o, at in stack:
        yield Hit(at, at + 1, _never_closed(o, pairs[o]))


def _never_closed(opener: str, closer: str) -> str:
    return msg("«{mark}» is never closed (no «{closer}»)", mark=opener, closer=closer)


def unbalanced_quotes(text: str) -> Iterator[Hit]:
    return _balance(text, QUOTE_PAIRS, _QUOTE_MARKS)


def unbalanced_brackets(text: str) -> Iterator[Hit]:
    return _balance(text, BRACKET_PAIRS, _BRACKET_MARKS)


# ---------------------------------------------------------------- words

WORD = re.compile(f"[{LETTER}{MARK}\u0640]+")
# repeated on purpose in ordinary Arabic prose (رويدًا رويدًا، كلا كلا، جدًا جدًا)
INTENDED_REPEATS = frozenset({"رويدا", "كلا", "لا", "نعم", "جدا", "حقا", "دكا", "صفا"})


# a word, then spaces, then the same word (same letters and marks)
_DOUBLED = re.compile(
    f"(?<![{LETTER}{MARK}\u0640])([{LETTER}][{LETTER}{MARK}\u0640]*)[{_SPACE}]+\\1(?![{LETTER}{MARK}\u0640])"
)


def doubled_word(text: str) -> Iterator[Hit]:
    for m in _DOUBLED.finditer(text):
        word = m.group(1)
        if strip_marks(word) not in INTENDED_REPEATS:
            yield Hit(m.start(), m.end(), msg("word doubled: «{word} {word}»", word=word))


_WESTERN = re.compile("[0-9]+")
_EASTERN = re.compile(f"[{ARABIC_DIGITS}]+")


def mixed_digits(text: str) -> Iterator[Hit]:
    latin = latin_spans(text)  # a Latin title's year (Penguin, 2007) is Latin data, not a style
    western = [m for m in _WESTERN.finditer(text) if not any(a <= m.start() and m.end() <= b for a, b in latin)]
    eastern = list(_EASTERN.finditer(text))
    if western and eastern:
        # point at the first number of the style used less
        odd = western[0] if len(western) <= len(eastern) else eastern[0]
        yield Hit(
            odd.start(),
            odd.end(),
            msg(
                "Western ({western}) and Arabic-Indic ({eastern}) digits in one paragraph",
                western=western[0].group(),
                eastern=eastern[0].group(),
            ),
        )


# tatweel between two letters stretches a word; a final one after ه is the
# abbreviation هـ (هجري, انتهى اهـ) and stays
_TATWEEL = re.compile(f"(?<=[{LETTER}{MARK}])\u0640+(?=[{LETTER}])|\u0640{{2,}}")


def tatweel(text: str) -> Iterator[Hit]:
    for m in _TATWEEL.finditer(text):
        start = m.start()
        while start > 0 and _ARABIC.match(text[start - 1]):
            start -= 1
        end = m.end()
        while end < len(text) and _ARABIC.match(text[end]):
            end += 1
        yield Hit(start, end, msg("tatweel stretches «{word}» (justification stretches spaces)", word=text[start:end]))


BIDI_CONTROLS = {
    "\u061c": "ALM",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
_BIDI = re.compile(f"[{''.join(BIDI_CONTROLS)}]+")


def bidi_controls(text: str) -> Iterator[Hit]:
    for m in _BIDI.finditer(text):
        names = " ".join(f"{BIDI_CONTROLS[c]} (U+{ord(c):04X})" for c in m.group())
        message = nmsg(
            "invisible bidi control character {names}",
            "invisible bidi control characters {names}",
            n=len(m.group()),
            names=names,
        )
        yield Hit(m.start(), m.end(), message)


# ---------------------------------------------------------------- verse

# what separates the halves of a bayt (readers/structure.py), left in prose:
# `***` or `**` between words, or a run of tatweel standing alone
_SEPARATOR = re.compile(rf"(?<=\S)[{_SPACE}]*\*{{2,3}}[{_SPACE}]*(?=\S)|(?<=[{_SPACE}])\u0640{{2,}}(?=[{_SPACE}])")


def separator_in_prose(text: str) -> Iterator[Hit]:
    for m in _SEPARATOR.finditer(text):
        yield Hit(
            m.start(),
            m.end(),
            msg("«{mark}» in prose: the halves of a bayt not set as verse?", mark=m.group().strip()),
        )


# the longer half of a bayt this many times the shorter: likely split in the
# wrong place (readers/structure.py sets no bayt past MISSPLIT)
UNBALANCED_BAYT = 1.6


def unbalanced_bayt(sadr: str, ajuz: str) -> Hit | None:
    """A bayt whose halves differ much in length (a hit over the ṣadr)."""
    a, b = len(_LETTER.findall(sadr)), len(_LETTER.findall(ajuz))
    if not ajuz or not a or not b or max(a, b) <= UNBALANCED_BAYT * min(a, b):
        return None
    return Hit(
        0,
        len(sadr),
        msg(
            "the halves of this bayt differ much in length ({sadr} and {ajuz} letters): split in the right place?",
            sadr=a,
            ajuz=b,
        ),
    )


def _no_text_check(_text: str) -> Iterator[Hit]:
    """A rule that reads the model (a poem's bayts), not a paragraph's text."""
    return iter(())


# the rule `lint` checks over each bayt of a poem (with unbalanced_bayt)
BAYT_RULE = Rule(
    "AR013", "unbalanced-bayt", "warning", "a bayt whose halves differ much in length", _no_text_check, poem=True
)

RULES: tuple[Rule, ...] = (
    Rule("AR001", "space-before-punctuation", "warning", "a space before ، ؛ ؟ . : !", space_before),
    Rule("AR002", "no-space-after-punctuation", "warning", "no space after ، ؛ ؟ . : !", no_space_after),
    Rule("AR003", "latin-punctuation", "warning", "a Latin , ; ? inside Arabic text", latin_punctuation),
    Rule("AR004", "unbalanced-quotes", "error", "unbalanced «» “” ﴿﴾ {}", unbalanced_quotes, block=True),
    Rule("AR005", "unbalanced-brackets", "warning", "unbalanced () []", unbalanced_brackets, block=True),
    Rule("AR006", "doubled-word", "warning", "a word doubled (في في)", doubled_word, in_quran=False),
    Rule("AR007", "mixed-digits", "warning", "Western and Arabic-Indic digits in one paragraph", mixed_digits),
    Rule("AR008", "tatweel", "warning", "tatweel used to stretch a word", tatweel, in_quran=False),
    Rule("AR009", "bidi-control", "warning", "stray bidi control characters", bidi_controls),
    Rule("AR010", "repeated-spaces", "info", "several spaces in a row", repeated_spaces),
    Rule("AR012", "separator-in-prose", "warning", "a bayt's separator (*** ** ـــ) left in prose", separator_in_prose),
    BAYT_RULE,
)
# AR011 (spelling, Hunspell) is optional and runs over the whole book at once:
# see spelling.py
SPELLING = Rule("AR011", "spelling", "info", "a word the Arabic Hunspell dictionary does not know", lambda _t: iter(()))

BY_ID = {r.id: r for r in (*RULES, SPELLING)}
