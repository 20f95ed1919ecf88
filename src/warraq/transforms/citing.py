"""What the citation transforms share (`sources.py`, `hadith.py`): the
sources ledger as the matchers see it (keys, alias token runs, match
phrases), the verbs of saying that attribute a quotation, `نقلا عن X`
attributions, and the pattern of an inline quotation.  Pure functions over
normalised words; no notes are made here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Source
from ..text.arabic import key, tokens

INLINE_WINDOW = 20  # words between a source's name and the inline quotation
INLINE_QUOTE = re.compile(r"«[^«»]+»|“[^“”]+”")
SENTENCE_END = re.compile(r"[.!?؟]")
# the text before an inline quotation that the rules read (its sentence for a
# source's name, its last 160 characters for a formula): far more than
# INLINE_WINDOW words and the longest name
TEXT_BEFORE_KEPT = 4000
PROCLITICS = "وفبلك"
SAY_VERBS = frozenset(
    tokens(
        "قال قالت يقول تقول يقولون كتب يكتب روى رواه يروي روت ذكر يذكر أورد يورد وصف يصف رأى يرى "
        "ارتأى زعم يزعم أكد يؤكد أضاف يضيف حكى يحكي أشار يشير اعتبر يعتبر نقل ينقل"
    )
)
VIA_WORDS = frozenset(tokens("نقلا نقل ينقل نقلته نقلناه نقلها"))


def say(word: str) -> bool:
    return word in SAY_VERBS or (word[:1] in "وف" and word[1:] in SAY_VERBS)


@dataclass
class Ledger:
    """The ledger as the matcher needs it: keys, alias token runs, phrases."""

    sources: tuple[Source, ...]
    by_key: dict[str, Source] = field(init=False)
    aliases: list[tuple[list[str], Source]] = field(init=False)
    phrases: list[tuple[str, Source]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_key = {s.key: s for s in self.sources}
        self.aliases = sorted(
            ((tokens(a), s) for s in self.sources for a in s.aliases if tokens(a)),
            key=lambda pair: -len(pair[0]),
        )
        self.phrases = [(key(p, loose=True), s) for s in self.sources for p in s.match]

    def names(self, words: list[str]) -> list[tuple[int, int, Source]]:
        """Where sources are named in a run of normalised words: (start, end,
        source); the first word may carry a proclitic (وكينيدي, لكينيدي)."""
        found: list[tuple[int, int, Source]] = []
        taken: set[int] = set()
        for alias, source in self.aliases:
            n = len(alias)
            for i in range(len(words) - n + 1):
                if i in taken:
                    continue
                first = words[i]
                if first != alias[0] and not (first[:1] in PROCLITICS and first[1:] == alias[0]):
                    continue
                if words[i + 1 : i + n] == alias[1:]:
                    found.append((i, i + n, source))
                    taken.update(range(i, i + n))
        return sorted(found, key=lambda f: f[0])

    def matched(self, text: str) -> Source | None:
        k = f" {key(text, loose=True)} "
        for phrase, source in self.phrases:
            if phrase and f" {phrase} " in k:
                return source
        return None


def is_via(words: list[str], start: int) -> bool:
    """`نقلا عن X`: the name at `start` follows `نقلا عن`."""
    return start >= 2 and words[start - 1] == "عن" and words[start - 2] in VIA_WORDS


def via_source(text: str, ledger: Ledger) -> Source | None:
    words = tokens(text)
    for start, _, source in ledger.names(words):
        if is_via(words, start):
            return source
    return None


class TextBefore:
    """The text of a paragraph so far, as far back as the rules read it (at
    least TEXT_BEFORE_KEPT characters, cut between words): a paragraph of
    100,000 runs costs its length, not its length squared."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.size = 0

    def add(self, text: str) -> None:
        self.pieces.append(text)
        self.size += len(text)
        if self.size > 2 * TEXT_BEFORE_KEPT:
            kept = "".join(self.pieces)[-TEXT_BEFORE_KEPT:]
            space = kept.find(" ")
            kept = kept[space + 1 :] if space >= 0 else kept  # whole words only
            self.pieces, self.size = [kept], len(kept)

    def text(self) -> str:
        if len(self.pieces) > 1:
            self.pieces = ["".join(self.pieces)]
        return self.pieces[0] if self.pieces else ""
