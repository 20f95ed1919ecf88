"""Publication dates as Arabic sites print them -> ISO 8601.

A page states its date in machine form (JSON-LD `datePublished`, OpenGraph
`article:published_time`, `<time datetime>`), or only in its visible byline,
in the digits and month names of its country: «١٥ مارس ٢٠٢٤» (Egypt, the
Gulf), «15 آذار 2024» (the Levant, Iraq), «04 آب/أغسطس 2013» (both),
«15 جانفي 2024» (Algeria, Tunisia), «15 غشت 2024» (Morocco), `15/3/2024`.
A Hijri date («٥ رمضان ١٤٤٥ هـ») is kept as printed, beside the Gregorian.
"""

from __future__ import annotations

import re
from datetime import date

# one character for one: positions in the folded text are positions in the original
_FOLD = str.maketrans(
    {
        **{ch: "ا" for ch in "أإآٱ"},
        "ى": "ي",
        "ة": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "\u00a0": " ",
        "\u200f": " ",
        "\u200e": " ",
    }
)

# folded spellings -> month number; the Mashriq's Syriac names, the Western
# names as Egypt and the Gulf write them, Algeria's and Tunisia's French ones,
# Morocco's
_MONTHS = {
    "يناير": 1,
    "جانفي": 1,
    "كانون الثاني": 1,
    "فبراير": 2,
    "فيفري": 2,
    "شباط": 2,
    "مارس": 3,
    "اذار": 3,
    "ابريل": 4,
    "افريل": 4,
    "نيسان": 4,
    "مايو": 5,
    "ماي": 5,
    "ايار": 5,
    "يونيو": 6,
    "يونيه": 6,
    "جوان": 6,
    "حزيران": 6,
    "يوليو": 7,
    "يوليه": 7,
    "يوليوز": 7,
    "جويليه": 7,
    "تموز": 7,
    "اغسطس": 8,
    "غشت": 8,
    "اوت": 8,
    "اب": 8,
    "سبتمبر": 9,
    "شتنبر": 9,
    "ايلول": 9,
    "اكتوبر": 10,
    "تشرين الاول": 10,
    "نوفمبر": 11,
    "نونبر": 11,
    "تشرين الثاني": 11,
    "ديسمبر": 12,
    "دجنبر": 12,
    "كانون الاول": 12,
}
_HIJRI_MONTHS = (
    "محرم",
    "صفر",
    "ربيع الاول",
    "ربيع الاخر",
    "ربيع الثاني",
    "جمادي الاولي",
    "جمادي الاول",
    "جمادي الاخره",
    "جمادي الثانيه",
    "جمادي الاخر",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعده",
    "ذي القعده",
    "ذو الحجه",
    "ذي الحجه",
)


def _alternation(names) -> str:
    # longest first (`يوليوز` before `يوليو`, `مايو` before `ماي`); a name is a whole word
    return "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True)) + ")"


_LETTER = "\u0621-\u064a"
_MONTH = _alternation(_MONTHS)
_WORD_END = f"(?![{_LETTER}])"
_WORD_START = f"(?<![{_LETTER}])"
# «15 مارس 2024», «04 آب/أغسطس 2013», «15 أغسطس (آب) 2013», «١٥ من مارس ٢٠٢٤»
_NAMED = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?{_WORD_START}({_MONTH}){_WORD_END}"
    rf"(?:\s*[/(-]\s*{_MONTH}{_WORD_END}\s*\)?)?\s*[,،]?\s*(\d{{4}})(?!\d)"
)
# «مارس 15, 2024»
_NAMED_FIRST = re.compile(rf"{_WORD_START}({_MONTH}){_WORD_END}\s+(\d{{1,2}})\s*[,،]\s*(\d{{4}})(?!\d)")
_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-])")
_YMD = re.compile(r"(?<![\d/.-])(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?![\d/.-])")
_HIJRI = re.compile(
    rf"(?<!\d)\d{{1,2}}\s*{_WORD_START}{_alternation(_HIJRI_MONTHS)}{_WORD_END}\s*[,،]?\s*\d{{4}}\s*"
    rf"(?:هـ|ه{_WORD_END})"
)
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")

EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


def fold(text: str) -> str:
    return text.translate(_FOLD)


def _iso(year: int, month: int, day: int) -> str | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTHS[re.sub(r"\s+", " ", name)]


def iso_date(value: str) -> str | None:
    """A machine date (`2024-03-15T10:00:00+03:00`, `2024-03-15`) -> `2024-03-15`."""
    m = _ISO.match(fold(value))
    return _iso(int(m[1]), int(m[2]), int(m[3])) if m else None


def text_date(text: str) -> tuple[str, int] | None:
    """The first Gregorian date printed in `text`: (ISO date, its offset)."""
    folded = fold(text)
    found: list[tuple[int, str]] = []
    for m in _NAMED.finditer(folded):
        if (iso := _iso(int(m[3]), _month(m[2]), int(m[1]))) is not None:
            found.append((m.start(), iso))
            break
    for m in _NAMED_FIRST.finditer(folded):
        if (iso := _iso(int(m[3]), _month(m[1]), int(m[2]))) is not None:
            found.append((m.start(), iso))
            break
    for m in _DMY.finditer(folded):
        if (iso := _iso(int(m[3]), int(m[2]), int(m[1]))) is not None:
            found.append((m.start(), iso))
            break
    for m in _YMD.finditer(folded):
        if (iso := _iso(int(m[1]), int(m[2]), int(m[3]))) is not None:
            found.append((m.start(), iso))
            break
    if not found:
        return None
    start, iso = min(found)
    return iso, start


_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # tashkeel, tatweel: «رَمضان»


def hijri_date(text: str) -> str | None:
    """A Hijri date as printed («٥ رمضان ١٤٤٥ هـ», marks and all), spaces made single."""
    kept = [i for i, ch in enumerate(text) if not _MARKS.match(ch)]
    m = _HIJRI.search(fold("".join(text[i] for i in kept)))
    if m is None:
        return None
    start, end = kept[m.start()], kept[m.end() - 1] + 1
    while end < len(text) and _MARKS.match(text[end]):  # the tatweel of «هـ»
        end += 1
    return re.sub(r"\s+", " ", text[start:end]).strip()
