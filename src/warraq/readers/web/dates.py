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
_HIJRI_SUFFIX = rf"(?:هـ|ه{_WORD_END})"
_HIJRI = re.compile(
    rf"(?<!\d)\d{{1,2}}\s*{_WORD_START}{_alternation(_HIJRI_MONTHS)}{_WORD_END}\s*[,،]?\s*\d{{4}}\s*"
    rf"(?:{_HIJRI_SUFFIX}|(?=\s*$|\s*[^\d\s]))"
    # «١٥/٩/١٤٤٥هـ», «١٤٤٥/٩/١٥ هـ»: digits only with the era's letter
    rf"|(?<![\d/.-])(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}|\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}})\s*{_HIJRI_SUFFIX}"
)
# the folded month names -> their number (every spelling of the six pairs)
_HIJRI_NUMBER = {
    **{"محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4},
    **{"جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخره": 6, "جمادي الثانيه": 6, "جمادي الاخر": 6},
    **{"رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعده": 11, "ذي القعده": 11},
    **{"ذو الحجه": 12, "ذي الحجه": 12},
}
# the years a Hijri date printed without «هـ» may have (1300 AH is 1882 CE, 1500 AH is 2077 CE)
HIJRI_YEARS = (1300, 1500)
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


def either_way(text: str, start: int) -> str | None:
    """The numeric date printed at `start` of `text` (text_date's offset)
    when it reads as a date both day first and month first («03/04/2024»):
    text_date takes it day first, as Arabic sites print it; None for any
    other date («15/03/2024», «2024-03-04», «4 مارس 2024»)."""
    m = _DMY.match(fold(text), start)
    if m is None:
        return None
    day, month = int(m[1]), int(m[2])
    if day == month or day > 12 or month > 12:
        return None
    return text[m.start() : m.end()]


_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # tashkeel, tatweel: «رَمضان»


def hijri_date(text: str) -> str | None:
    """A Hijri date as printed («٥ رمضان ١٤٤٥ هـ», marks and all), spaces
    made single; with a month of the Hijri calendar named, «هـ» may be left
    out when the year is one of the calendar's (`HIJRI_YEARS`)."""
    kept = [i for i, ch in enumerate(text) if not _MARKS.match(ch)]
    folded = fold("".join(text[i] for i in kept))
    m = next((m for m in _HIJRI.finditer(folded) if hijri_parts(m[0]) is not None), None)
    if m is None:
        return None
    start, end = kept[m.start()], kept[m.end() - 1] + 1
    while end < len(text) and _MARKS.match(text[end]):  # the tatweel of «هـ»
        end += 1
    return re.sub(r"\s+", " ", text[start:end]).strip()


def hijri_parts(printed: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a Hijri date as `hijri_date` finds it, None
    when it is none (a year out of the calendar's years with no «هـ»)."""
    folded = re.sub(r"\s+", " ", fold(_MARKS.sub("", printed))).strip()
    suffixed = bool(re.search(_HIJRI_SUFFIX + r"\s*$", folded))
    numbers = [int(n) for n in re.findall(r"\d+", folded)]
    named = next((n for name, n in _HIJRI_NUMBER.items() if re.search(_WORD_START + name + _WORD_END, folded)), 0)
    if named and len(numbers) == 2:
        day, month, year = numbers[0], named, numbers[1]
    elif not named and len(numbers) == 3 and suffixed:
        year, month, day = numbers if numbers[0] > 31 else numbers[::-1]
    else:
        return None
    if not suffixed and not HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1]:
        return None  # «٥ شعبان ٢٠٢٤»: not a Hijri year
    if not (1 <= month <= 12 and 1 <= day <= 30):
        return None
    return year, month, day


_WEEKDAYS = ("السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه")
_BESIDE_A_DATE = re.compile(
    rf"{_WORD_START}(?:{'|'.join(_WEEKDAYS)}|نشر|في|بتاريخ|اخر تحديث|تحديث|الموافق|ص|م|مـ|مساء|صباحا|GMT)"
    rf"{_WORD_END}|\d{{1,2}}:\d{{2}}(?::\d{{2}})?|[\s|،,:\-–—ـ()]+",
)


def only_a_date(text: str) -> bool:
    """Is the line a date and nothing else (a weekday, a time, «نشر في»
    beside it)?  «2/4/2024», «الجمعة 15 مارس 2024 - 10:30», «١٥ رمضان ١٤٤٥هـ»."""
    folded = fold(_MARKS.sub("", text))
    found = False
    for pattern in (_HIJRI, _NAMED, _NAMED_FIRST, _DMY, _YMD):
        folded, n = pattern.subn(" ", folded)
        found = found or n > 0
    return found and not _BESIDE_A_DATE.sub("", folded).strip()
