"""A generator of realistic multi-part series made from the default book's text.

Each generated part has the structure of the seed's first copy (headings,
quotations, attributions, a verse with its typed reference, the inline
`{…}` verse, paragraphs of the same lengths), but the words of every
paragraph are shuffled with a per-part seed, so no two parts share a passage
and dedup removes nothing.  Used by every benchmark; deterministic.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "manuscript" / "parts" / "04-buqat-daw.txt"
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


def seed_lines() -> list[str]:
    """The seed's title and first copy of the body (lines 1-40)."""
    lines = SEED.read_text("utf-8").split("\n")
    return lines[:40]


def _shuffle_words(text: str, rng: random.Random) -> str:
    words = text.split()
    rng.shuffle(words)
    return " ".join(words)


def _keep(line: str) -> bool:
    """Lines kept verbatim: verses (checked against the Qur'an), attributions
    and headings (short), which dedup never removes on their own."""
    s = line.strip()
    return s.startswith(("﴿", "{")) or s.endswith(":") or len(s.split()) < 8


def part_text(number: int, salt: int = 0, longer: bool = False) -> str:
    """The text of generated part `number` (Arabic-Indic digits in the title).

    `longer`: every other plain paragraph is followed by a second shuffle of
    its words (about 1,900 words a part instead of 1,400).
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
        # keep quote marks and an inline verse in place; shuffle the rest
        opening, closing = "", ""
        if s[0] in "«“" and s[-1] in "»”":
            opening, closing, s = s[0], s[-1], s[1:-1]
        elif s[0] in "«“":
            opening, s = s[0], s[1:]
        elif s[-1] in "»”":
            closing, s = s[-1], s[:-1]
        verse = ""
        if "{" in s and s.rstrip().endswith("}"):
            cut = s.index("{")
            s, verse = s[:cut], " " + s[cut:]
        out.append(opening + _shuffle_words(s, rng) + verse + closing)
        if longer and not (opening or closing or verse):
            plain += 1
            if plain % 2:
                out.append(_shuffle_words(s, rng))
    return "\n".join(out) + "\n"


def write_series(directory: Path, parts: int, salt: int = 0, longer: bool = False) -> Path:
    """Write a book project with `parts` generated parts; return its root."""
    root = directory / f"series-{parts}"
    (root / "parts").mkdir(parents=True, exist_ok=True)
    (root / "book.toml").write_text(BOOK_TOML.format(title=SERIES, n=parts), "utf-8")
    (root / "sources.toml").write_text("", "utf-8")
    for n in range(1, parts + 1):
        (root / "parts" / f"{n:04d}.txt").write_text(part_text(n, salt, longer), "utf-8")
    return root
