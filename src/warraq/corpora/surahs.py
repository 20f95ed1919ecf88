"""The 114 surahs (names and ayah counts) and Qur'an references as authors
type them: `7 محمد`, `محمد: 7`, `[محمد: ٧]`, `سورة محمد، الآية ٧`, ranges
`[الدخان: ٣-٥]` and lists `[الشعراء: ١٩٣، ١٩٤]`.

Data: `data/surah-names.tsv` (bundled from the Tanzil text, see data/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import VerseRef
from ..text.arabic import format_number, key, to_western_digits


@dataclass(frozen=True)
class Surah:
    number: int
    name: str
    ayahs: int


@cache
def surahs() -> tuple[Surah, ...]:
    text = resources.files("warraq.corpora").joinpath("data/surah-names.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line.strip()]
    return tuple(Surah(int(n), name, int(a)) for n, name, a in rows)


@cache
def _name_index() -> dict[str, int]:
    index: dict[str, int] = {}
    for s in surahs():
        k = key(s.name)
        index[k] = s.number
        if k.startswith("ال") and len(k) > 3:
            index.setdefault(k[2:], s.number)  # "بقره" for "البقرة"
    # common alternative names
    for alt, n in {
        "الاسراء": 17,
        "بني اسراييل": 17,
        "الانسان": 76,
        "الدهر": 76,
        "غافر": 40,
        "المومن": 40,
        "فصلت": 41,
        "حم السجده": 41,
        "الشرح": 94,
        "الانشراح": 94,
        "الاخلاص": 112,
        "التوحيد": 112,
        "المسد": 111,
        "تبت": 111,
        "براءه": 9,
        "التوبه": 9,
        "النبا": 78,
        "عم": 78,
        "الملك": 67,
        "تبارك": 67,
    }.items():
        index.setdefault(key(alt), n)
    return index


def surah_by_name(name: str) -> Surah | None:
    k = key(name)
    if k.startswith("سوره "):
        k = k[5:]
    n = _name_index().get(k)
    return surahs()[n - 1] if n else None


def surah(number: int) -> Surah:
    return surahs()[number - 1]


# --------------------------------------------------------------------------
# references as typed

_D = r"[0-9٠-٩۰-۹]+"
_NUMS = rf"{_D}(?:\s*[-–—]\s*{_D})?(?:\s*[،,]\s*{_D})*"
_NAME = r"(?:سورة\s+|سوره\s+)?(?P<name>[\u0621-\u064a\u0670\u064b-\u0652]+(?:\s+[\u0621-\u064a\u064b-\u0652]+)?)"
_AYAH_WORD = r"(?:،|,)?\s*(?:الآية|الاية|الآيات|الايات|آية|اية|آيات)?\s*"

_FORMS = [
    # 7 محمد
    re.compile(rf"^(?P<nums>{_NUMS})\s+{_NAME}$"),
    # محمد 7 / محمد: 7 / سورة محمد، الآية 7
    re.compile(rf"^{_NAME}\s*:?{_AYAH_WORD}(?P<nums>{_NUMS})$"),
]
_BRACKETS = "[]()"


def parse_ref(text: str, ayah_exists: bool = True) -> VerseRef | None:
    """A reference as an author typed it, or None if it is not one.

    The surah name must be a real surah and the ayahs must exist in it
    (unless `ayah_exists` is False: then a wrong ayah number is a reference
    too, for the check to correct).
    """
    s = text.strip()
    if len(s) > 2 and s[0] in "[(" and s[-1] in "])":
        s = s[1:-1].strip()
    for form in _FORMS:
        m = form.match(s)
        if not m:
            continue
        found = surah_by_name(m.group("name"))
        if found is None:
            continue
        found_digits = re.findall(r"\d+", to_western_digits(m.group("nums")))
        if any(len(x) > 4 for x in found_digits):  # no surah has 10,000 ayahs (and no huge ints)
            continue
        nums = [int(x) for x in found_digits]
        first, last = nums[0], nums[-1]
        if "-" in m.group("nums") or "–" in m.group("nums") or "—" in m.group("nums"):
            first, last = nums[0], nums[1]
        if not (1 <= first <= last <= (found.ayahs if ayah_exists else 9999)):
            continue
        return VerseRef(found.number, first, last)
    return None


# a typed reference right after a verse, on the same line
TRAILING_REF = re.compile(
    rf"^\s*(?P<ref>[\[(]?\s*(?:{_NUMS}\s+(?:سورة\s+)?[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+)?"
    rf"|(?:سورة\s+)?[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+)?\s*:?{_AYAH_WORD}{_NUMS})\s*[\])]?)"
)


def trailing_ref(rest: str) -> tuple[str, VerseRef] | None:
    """If `rest` starts with a typed reference, its text and meaning."""
    m = TRAILING_REF.match(rest)
    if not m:
        return None
    # try the longest candidate first, then shorter ones (a one-word name)
    typed = m.group("ref").strip()
    ref = parse_ref(typed)
    if ref is None:
        words = typed.split()
        for n in range(len(words) - 1, 1, -1):
            ref = parse_ref(" ".join(words[:n]))
            if ref is not None:
                typed = " ".join(words[:n])
                break
    if ref is None and typed[:1] in "[(" and ":" in typed:
        # `(البقرة: ٩٩٩)`: bracketed, a surah, a colon, a number: the author's
        # reference, wrong; the check corrects it (never a second reference)
        ref = parse_ref(typed, ayah_exists=False)
    if ref is None:
        return None
    return typed, ref


def format_ref(ref: VerseRef, digits: str = "arabic-indic") -> str:
    """Book style: `[محمد: ٧]`, `[الدخان: ٣-٥]`."""
    name = surah(ref.surah).name
    if ref.last > ref.first:
        ayahs = f"{format_number(ref.first, digits)}-{format_number(ref.last, digits)}"
    else:
        ayahs = format_number(ref.first, digits)
    return f"[{name}: {ayahs}]"
