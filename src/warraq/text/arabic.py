"""Pure string functions for Arabic: normalisation keys, digits, punctuation.

See ARABIC.md ("Matching Arabic text"): matching is always done on a key,
never on the raw text.
"""

from __future__ import annotations

import re
import unicodedata

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
WESTERN = "0123456789"

_TO_WESTERN = str.maketrans(ARABIC_INDIC + PERSIAN, WESTERN * 2)
_TO_ARABIC_INDIC = str.maketrans(WESTERN, ARABIC_INDIC)

# tashkeel U+064B–U+0652, U+0653–U+065F (maddah above, hamza marks ...),
# superscript alef U+0670, Qur'anic annotation U+06D6–U+06ED, U+08D3–U+08FF,
# tatweel U+0640.
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff\u0640]")
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ی": "ي",
    }
)
# the folds and digits above as (character, replacement) pairs: `fold` runs
# str.replace for each character present, some 50 times faster on Arabic
# text than str.translate (which looks every character up in a dict); no
# replacement is itself a character replaced, so the order does not matter
_FOLD_PAIRS = tuple((chr(k), v if isinstance(v, str) else chr(v)) for t in (_FOLD, _TO_WESTERN) for k, v in t.items())
# anything that is not a letter or a digit is punctuation for matching
_NON_WORD = re.compile(r"[^\w]+|_")
_LOOSE = re.compile("[اء]")

ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")


def to_western_digits(text: str) -> str:
    return text.translate(_TO_WESTERN)


def to_arabic_indic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC_INDIC)


def format_number(n: int, digits: str = "arabic-indic") -> str:
    """A generated number in the book's digit style."""
    s = str(n)
    return to_arabic_indic_digits(s) if digits == "arabic-indic" else s


def strip_marks(text: str) -> str:
    """Remove tashkeel, Qur'anic marks and tatweel; letters stay as they are."""
    return _MARKS.sub("", unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """The letter folds (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي ...) and
    Arabic-Indic and Persian digits → 0-9: `text.translate(_FOLD)` then
    `to_western_digits`, faster."""
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def tokens(text: str, loose: bool = False) -> list[str]:
    """Normalised word tokens (ARABIC.md), dropping tokens that vanish."""
    s = fold(strip_marks(text)).lower()
    out = [t for t in _NON_WORD.split(s) if t]
    if loose:
        out = [t for t in (_LOOSE.sub("", t) for t in out) if t]
    return out


def key(text: str, loose: bool = False) -> str:
    """The normalised matching key of a text: tokens joined by one space."""
    return " ".join(tokens(text, loose))


def is_arabic(text: str) -> bool:
    return bool(ARABIC_LETTER.search(text))


# ordinal words for part numbers ("الحلقة الرابعة", "الجزء الثاني عشر")
_UNITS = {
    "الاول": 1,
    "الاولي": 1,
    "الحاديه": 1,
    "الحادي": 1,
    "الثاني": 2,
    "الثانيه": 2,
    "الثالث": 3,
    "الثالثه": 3,
    "الرابع": 4,
    "الرابعه": 4,
    "الخامس": 5,
    "الخامسه": 5,
    "السادس": 6,
    "السادسه": 6,
    "السابع": 7,
    "السابعه": 7,
    "الثامن": 8,
    "الثامنه": 8,
    "التاسع": 9,
    "التاسعه": 9,
    "العاشر": 10,
    "العاشره": 10,
}
_TENS = {"عشر": 10, "عشره": 10, "العشرون": 20, "العشرين": 20, "الثلاثون": 30, "الثلاثين": 30}


def ordinal_value(words: list[str]) -> int | None:
    """Value of an Arabic ordinal given as normalised tokens, else None.

    `["الرابعه"]` -> 4, `["الثانيه", "عشره"]` -> 12,
    `["الحاديه", "والعشرون"]` -> 21.
    """
    if not words or words[0] not in _UNITS:
        return None
    value = _UNITS[words[0]]
    if len(words) > 1:
        nxt = words[1]
        if nxt in ("عشر", "عشره"):
            return value + 10 if value < 10 else None
        if nxt.startswith("و") and nxt[1:] in _TENS:
            return value + _TENS[nxt[1:]]
    return value


# A Latin run inside Arabic text: it starts with a Latin letter and ends with
# a Latin letter or a digit; between, Latin letters, digits, spaces and the
# punctuation of titles, versions, dates and URLs (not brackets: those belong
# to the Arabic sentence around the run, which mirrors them)
_LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f](?:[A-Za-z\u00c0-\u024f0-9 .,:;/\-_'’&©@+#%=~*]*[A-Za-z\u00c0-\u024f0-9])?"
)


def latin_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the Latin runs of a text, to be set apart
    left to right (`<bdi dir="ltr">`): a run broken across two lines then
    keeps its order on both."""
    return [m.span() for m in _LATIN_RUN.finditer(text)]
