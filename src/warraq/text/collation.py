"""Arabic collation for what a reader looks up: the indexes (الفهارس), and
anywhere warraq sorts Arabic for a reader (ARABIC.md, "The apparatus").

Pure functions, no I/O.  The order is the hijāʾī (ألفبائي) order, never
abjad, compared at primary strength as ICU does for Arabic:

* vowel marks, Qur'anic marks and tatweel are ignored;
* أ إ آ ٱ sort as ا; ؤ as و; ئ and ى as ي; ة as ت (CLDR's Arabic tailoring);
  the lone hamza ء before ا;
* words are compared word by word (a space sorts before every letter), digits
  before letters, Arabic letters before Latin ones (Latin sources follow the
  Arabic ones), punctuation is ignored;
* two texts with equal keys keep a fixed order: ties are broken by the
  original text, so a sort never depends on the input's order.

`atraf_key` is the key of a hadith's opening words (aṭrāf): a leading
conjunction و/ف and then «ال» are ignored on the first word only.
`title_key` ignores «ال» on the first word (a bibliography by title).
"""

from __future__ import annotations

import re
import unicodedata

HIJAI = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ت", "ک": "ك", "ی": "ي"}
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff\u0640\u200c-\u200f]")
_DIGITS = {c: i for i, c in enumerate("0123456789")} | {c: i for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS |= {c: i for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}

SPACE, DIGIT, HAMZA, ARABIC, LATIN, OTHER = 0, 10, 100, 101, 200, 300
_RANK: dict[str, int] = {"ء": HAMZA} | {c: ARABIC + i for i, c in enumerate(HIJAI)}

# what may follow a conjunction و/ف at the start of a hadith: the remainder is
# a word of its own («فمن»، «وإذا»، «والذي»), not a root letter («فرّ»، «وجبت»)
_AFTER_CONJUNCTION = re.compile("^(?:ال|[اأإآ]|من$|ما$|لا$|لم$|لن$|لو$|لقد$|قد$|قال|هو$|هي$|هذا$|هذه$|ذلك$)")


def letters(text: str) -> str:
    """The text without marks, its letter forms folded (NFKC first: the
    presentation forms of pasted text become letters)."""
    text = _MARKS.sub("", unicodedata.normalize("NFKC", text))
    return "".join(_FOLD.get(c, c) for c in text)


def primary(text: str) -> tuple[int, ...]:
    """The primary collation weights of a text (see the module's doc)."""
    out: list[int] = []
    for c in letters(text).casefold():
        if c.isspace():
            if out and out[-1] != SPACE:
                out.append(SPACE)
        elif c in _DIGITS:
            out.append(DIGIT + _DIGITS[c])
        elif c in _RANK:
            out.append(_RANK[c])
        elif "a" <= c <= "z":
            out.append(LATIN + ord(c) - ord("a"))
        elif c.isalpha():
            out.append(OTHER + ord(c))
    while out and out[-1] == SPACE:
        out.pop()
    while out and out[0] == SPACE:
        out.pop(0)
    return tuple(out)


def sort_key(text: str) -> tuple[tuple[int, ...], str]:
    """The key to sort texts by: primary weights, ties by the original."""
    return primary(text), text


def _words(text: str) -> list[str]:
    return letters(text).split()


def without_article(word: str) -> str:
    """A word without its article «ال», when something is left of it."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def without_conjunction(word: str) -> str:
    """A word without a leading conjunction و/ف, when the rest is a word of
    its own (an article, a hamza, a particle): «فمن» → «من», «فرّ» stays."""
    if word[:1] in ("و", "ف") and _AFTER_CONJUNCTION.match(word[1:]):
        return word[1:]
    return word


def atraf_key(text: str) -> tuple[tuple[int, ...], str]:
    """The key of a hadith's opening words: a leading و/ف, then «ال»,
    ignored on the first word only; marks ignored; hamza forms as ا."""
    words = _words(text)
    if words:
        words[0] = without_article(without_conjunction(words[0]))
    return primary(" ".join(words)), text


def title_key(text: str) -> tuple[tuple[int, ...], str]:
    """The key of a title: «ال» ignored on its first word."""
    words = _words(text)
    if words:
        words[0] = without_article(words[0])
    return primary(" ".join(words)), text


def is_latin(text: str) -> bool:
    """Does the text begin with a Latin letter (a Latin source)?"""
    weights = primary(text)
    return bool(weights) and LATIN <= weights[0] < OTHER


def collated(texts, key=sort_key) -> list:
    """The texts in collation order (`key`: sort_key, atraf_key, title_key)."""
    return sorted(texts, key=key)
