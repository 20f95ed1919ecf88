"""A generator of realistic multi-part series made from the default book's text.

Each generated part has the structure of the seed's first copy (headings,
quotations, attributions, a verse with its typed reference, the inline
`{…}` verse, paragraphs of the same lengths), but the words of every
paragraph are shuffled with a per-part seed, so no two parts share a passage
and dedup removes nothing.  Used by every benchmark; deterministic.

What the transforms need stays whole, so a generated part gets the seed's
footnotes and Qur'an references (8 source notes: 3 `src-match`,
2 `src-attribution`, 2 `src-via`, 1 `src-inline-attribution`; one verse
reference confirmed and one added) when the seed's sources ledger is copied
into the series (`write_series(..., sources=True)`): the shuffle moves words
around these units without breaking them:

* a ledger `match` phrase (the hadith, al-Tabari's openings);
* an inline `«…»` or `“…”` (shuffling would split its marks into new
  quotations), with the clause leading to it when it is a quotation of four
  words or more (`وارتأى كينيدي أن … «…»`: the source is named there);
* an inline `{…}` or `﴿…﴾` verse.
"""

from __future__ import annotations

import random
import re
import shutil
import tomllib
from functools import cache
from pathlib import Path

from warraq.text.arabic import key

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "manuscript" / "parts" / "04-buqat-daw.txt"
LEDGER = ROOT / "manuscript" / "sources.toml"
SERIES = "بقعة ضوء"
BOOK_TOML = """\
[book]
title = "{title}"
author = "كاتب السلسلة"
language = "ar"
series = "{title}"
slug = "series-{n}"
identifier = "urn:uuid:5b2f5a52-8f0e-4c59-9d55-00000000{n:04d}"
"""
# inline quotations and verses: units the shuffle never splits
_INLINE = re.compile(r"«[^«»]*»|“[^“”]*”|\{[^{}]*\}|﴿[^﴿﴾]*﴾")
_PAIRS = {"«": "»", "“": "”"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_CLAUSE_END = ("،", ".", "؛", ":", "؟", "!")
MIN_QUOTE_WORDS = 4  # an inline «…» this long is a quotation (transforms/sources.py)

# full vocalization (issue 27's vocalized variant): a haraka on every consonant
FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
HARAKAT = (FATHA, KASRA, DAMMA, FATHA, SUKUN, FATHA + SHADDA, KASRA)
MARKS = re.compile("[\u064b-\u0652\u0670]")
CONSONANTS = frozenset(chr(c) for c in range(0x0628, 0x064B)) - {"\u0640", "\u0629", "\u0649"}
_VOCALIZED = re.compile(r"«[^«»]*»|﴿[^﴿﴾]*﴾|\{[^{}]*\}")  # hadith and other quotations, verses


def vocalized(text: str) -> str:
    """The text with its marks replaced by a haraka on every consonant (a
    fixed cycle with shadda in it): as many marks as fully vocalized text
    has, for shaping and line length; not a reading."""
    out, i = [], 0
    for ch in MARKS.sub("", text):
        out.append(ch)
        if ch in CONSONANTS:
            out.append(HARAKAT[i % len(HARAKAT)])
            i += 1
    return "".join(out)


def vocalize_quotations(line: str) -> str:
    """Every verse and quotation of a line fully vocalized."""
    return _VOCALIZED.sub(lambda m: vocalized(m[0]), line)


def seed_lines() -> list[str]:
    """The seed's title and first copy of the body, up to its sign-off
    (lines 1-43), without the poem that closes it (lines 40-42: its
    attribution and bayts), so generated parts are the prose they were."""
    lines = SEED.read_text("utf-8").split("\n")
    end = next(i for i, line in enumerate(lines) if line.startswith("وللحديث بقية"))
    first = lines[: end + 1]
    poem = [i for i, line in enumerate(first) if " *** " in line]
    drop = set(poem) | {poem[0] - 1} if poem else set()
    return [line for i, line in enumerate(first) if i not in drop]


@cache
def match_phrases() -> tuple[tuple[str, ...], ...]:
    """The ledger's match phrases as normalised word runs."""
    ledger = tomllib.loads(LEDGER.read_text("utf-8"))
    return tuple(tuple(key(p, loose=True).split()) for s in ledger.get("source", []) for p in s.get("match", []))


def _shuffle_words(text: str, rng: random.Random) -> str:
    words = text.split()
    rng.shuffle(words)
    return " ".join(words)


def _units(text: str) -> list[tuple[str, bool]]:
    """`text` as (unit, protected) pairs: single free words, and the
    protected units the module's docstring lists."""
    units: list[tuple[str, bool]] = []
    pos = 0
    for m in _INLINE.finditer(text):
        units += [(w, False) for w in text[pos : m.start()].split()]
        quote = m.group(0)
        if quote[0] in "«“" and len(quote.split()) >= MIN_QUOTE_WORDS:
            clause = []
            while units and not units[-1][1] and not units[-1][0].endswith(_CLAUSE_END):
                clause.insert(0, units.pop()[0])
            quote = " ".join([*clause, quote])
        units.append((quote, True))
        pos = m.end()
    units += [(w, False) for w in text[pos:].split()]
    return _protect_phrases(units)


def _protect_phrases(units: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Join the free words that spell a ledger match phrase into one unit."""
    keys = [key(u, loose=True) if not protected else "" for u, protected in units]
    for phrase in match_phrases():
        n = len(phrase)
        for i in range(len(units) - n + 1):
            if tuple(keys[i : i + n]) == phrase:
                units[i : i + n] = [(" ".join(u for u, _ in units[i : i + n]), True)]
                keys[i : i + n] = [""]
                break
    return units


def _shuffle_free(text: str, rng: random.Random) -> tuple[str, bool]:
    """Shuffle the free words of `text` among their own places; protected
    units stay where they are.  Also say whether the text had any."""
    units = _units(text)
    free = [u for u, protected in units if not protected]
    rng.shuffle(free)
    words = iter(free)
    return " ".join(u if protected else next(words) for u, protected in units), len(free) < len(units)


def _line_marks(s: str) -> tuple[str, str, str]:
    """(opening mark, inner text, closing mark) of a line that opens or
    closes a quotation (which may run over several lines); the marks of
    inline quotations inside the line are left in the text."""
    opening = s[0] if s[0] in _PAIRS and _PAIRS[s[0]] not in s[:-1] else ""
    if opening:
        closing = s[-1] if s[-1] == _PAIRS[opening] else ""
    else:
        closing = s[-1] if s[-1] in _CLOSERS and _CLOSERS[s[-1]] not in s else ""
    return opening, s[len(opening) : len(s) - len(closing)], closing


def _keep(line: str) -> bool:
    """Lines kept verbatim: verses (checked against the Qur'an), attributions
    and headings (short), which dedup never removes on their own."""
    s = line.strip()
    return s.startswith(("﴿", "{")) or s.endswith(":") or len(s.split()) < 8


def part_text(number: int, salt: int = 0, longer: bool = False, vocal: bool = False) -> str:
    """The text of generated part `number` (Arabic-Indic digits in the title).

    `longer`: every other plain paragraph (no quotation, verse or match
    phrase in it) is followed by a second shuffle of its words (about 1,900
    words a part instead of 1,400).
    `vocal`: every verse and quotation (the hadith among them) fully
    vocalized (`vocalized`).
    """
    rng = random.Random(number * 7919 + salt)
    plain = 0
    lines = seed_lines()
    digits = str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    out = [f"{SERIES} ({digits})"]
    for line in lines[1:]:
        s = line.strip()
        if not s or s.startswith("وللحديث بقية"):
            continue
        if _keep(s):
            out.append(s)
            continue
        opening, s, closing = _line_marks(s)
        shuffled, protected = _shuffle_free(s, rng)
        out.append(opening + shuffled + closing)
        if longer and not (opening or closing or protected):
            plain += 1
            if plain % 2:
                out.append(_shuffle_words(s, rng))
    if vocal:
        out = [vocalize_quotations(line) for line in out]
    return "\n".join(out) + "\n"


def write_series(
    directory: Path, parts: int, salt: int = 0, longer: bool = False, sources: bool = False, vocal: bool = False
) -> Path:
    """Write a book project with `parts` generated parts; return its root.

    `sources`: copy the seed's sources ledger, so the parts get the seed's
    footnotes; otherwise the ledger is empty and every quotation is
    reported unsourced (what the tests built on this generator expect)."""
    root = directory / f"series-{parts}"
    (root / "parts").mkdir(parents=True, exist_ok=True)
    (root / "book.toml").write_text(BOOK_TOML.format(title=SERIES, n=parts), "utf-8")
    if sources:
        shutil.copyfile(LEDGER, root / "sources.toml")
    else:
        (root / "sources.toml").write_text("", "utf-8")
    for n in range(1, parts + 1):
        (root / "parts" / f"{n:04d}.txt").write_text(part_text(n, salt, longer, vocal), "utf-8")
    return root
