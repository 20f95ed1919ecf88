"""The Qur'an text as a normalised index, and a matcher that identifies quoted
verses.

The text is the Tanzil Project's (Simple Clean 1.1, `data/quran-simple-clean.txt`,
copied verbatim with its notice; see data/README.md).  The whole text is one
sequence of loose word keys (ARABIC.md "Matching Arabic text": no tashkeel,
folded hamza forms, no alif or hamza, so السموات and السماوات are one word), so
a quotation may start or end inside an ayah and may run across ayahs.

`identify(text)` finds where a quotation comes from:

1. candidate places: every occurrence of the quotation's rarer words votes for
   the place the quotation would start at (its "diagonal");
2. each candidate place is aligned word by word with the quotation (exact
   comparison first, `difflib` alignment when the quotation differs);
3. the best alignments win: most quoted words found, then fewest differences,
   then whole ayahs over part of one.  Equal best alignments are a tie (the same
   words stand in several verses, as `فبأي آلاء ربكما تكذبان` does in 31).

Differences between the quotation and the verse are reported word by word
(`Difference`); the quotation itself is never changed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib import resources

from ..i18n import msg, nmsg
from ..model import VerseRef
from ..text.arabic import tokens
from .surahs import format_ref, surah

DATA = "data/quran-simple-clean.txt"
BASMALA = "بسم الله الرحمن الرحيم"

# a word this frequent (من, الله, في ...) does not vote for candidate places
# unless the quotation has nothing rarer
COMMON = 400
MAX_CANDIDATES = 80
MAX_ANCHORS = 8  # the rarest words of a quotation vote, at most this many
BAND = 3  # diagonals this close are one candidate place
# how much of a quotation must be found, in order, for it to be identified
MIN_SHARE = 0.6
SHORT = 4  # quotations of this many words or fewer must be found whole

# The corpus holds only these characters besides letters kept as they are, so
# a few str.replace calls give the same loose keys as `arabic.tokens(w,
# loose=True)` (a test checks this for every word) much faster.
_CORPUS_DROP = "ءآأإا" + "ۖۗۘۙۚۛۜ۩"  # alif and hamza (loose key), waqf and sajda marks
_CORPUS_FOLD = (("ؤ", "و"), ("ئ", "ي"), ("ى", "ي"), ("ة", "ه"))
# Uthmani spellings typed by authors: a superscript alef after waw (ٱلصَّلَوٰةَ)
# stands for an alif; a small high yeh (إِبۡرَٰهِـۧمَ) for a yeh.
_WAW_ALEF = re.compile("و[\u064b-\u0652]*\u0670")
_SMALL_YEH = "\u06e7"
# the vocative يا and ها are joined to the next word in Uthmani script
# (يَٰٓأَيُّهَا, هَٰٓأَنتُمۡ): the index joins them in both spellings
_JOINED = frozenset({"ي", "ه"})


@dataclass(frozen=True)
class Ayah:
    surah: int
    number: int
    text: str  # Tanzil's text (without the basmala Tanzil puts before ayah 1)
    start: int  # index of its first word in the index
    end: int  # one past its last word


@dataclass(frozen=True)
class Difference:
    """One difference between a quotation and the verse, in words.

    `op` is "changed" (quoted words stand where the verse has others),
    "added" (words quoted that the verse does not have) or "missing" (words of
    the verse left out inside the quotation).
    """

    op: str
    quoted: str
    verse: str

    def message(self) -> str:
        if self.op == "changed":
            return msg("«{quoted}» where the verse has «{verse}»", quoted=self.quoted, verse=self.verse)
        if self.op == "added":
            return msg("«{quoted}» is not in the verse", quoted=self.quoted)
        return msg("«{verse}» of the verse is left out", verse=self.verse)

    def __str__(self) -> str:
        return str(self.message())

    def as_dict(self) -> dict[str, str]:
        return {"op": self.op, "quoted": self.quoted, "verse": self.verse}


@dataclass(frozen=True)
class Match:
    """Where a quotation comes from."""

    ref: VerseRef
    words: int  # words in the quotation
    found: int  # of them found in the verse, in order
    complete: bool  # the quotation covers whole ayahs, not part of one
    differences: tuple[Difference, ...]
    text: str  # Tanzil's words for the span quoted

    @property
    def exact(self) -> bool:
        return not self.differences

    def label(self) -> str:
        """`47:7 محمد` / `44:3-5 الدخان`."""
        r = self.ref
        span = f"{r.first}-{r.last}" if r.last > r.first else str(r.first)
        return f"{r.surah}:{span} {surah(r.surah).name}"


class QuranIndex:
    """The Qur'an text as one sequence of loose word keys, with an index of the
    places of every key."""

    def __init__(self, text: str):
        self.ayahs: list[Ayah] = []
        self.keys: list[str] = []
        self.words: list[str] = []  # Tanzil's words, one per key
        self.ayah_at: list[int] = []  # key index -> index in self.ayahs
        self.surah_span: dict[int, tuple[int, int]] = {}
        raw = [line for line in text.split("\n") if line[:1].isdigit()]  # not the notice
        loose = [line for line in _loose_corpus(text).split("\n") if line[:1].isdigit()]
        for line, loose_line in zip(raw, loose, strict=True):
            s, a, verse = line.split("|", 2)
            sura, aya = int(s), int(a)
            words = verse.split(" ")
            keys = loose_line.split("|", 2)[2].split(" ")
            if aya == 1 and sura != 1 and verse.startswith(BASMALA + " "):
                verse, words, keys = verse[len(BASMALA) + 1 :], words[4:], keys[4:]
            if "" in keys or not _JOINED.isdisjoint(keys):  # waqf marks, vocatives
                keys, words = _join_vocatives(keys, words)
            start = len(self.keys)
            self.keys += keys
            self.words += words
            self.ayah_at += [len(self.ayahs)] * len(keys)
            self.ayahs.append(Ayah(sura, aya, verse, start, len(self.keys)))
            self.surah_span[sura] = (self.surah_span.get(sura, (start, 0))[0], len(self.keys))
        self.places: dict[str, list[int]] = {}
        for i, k in enumerate(self.keys):
            self.places.setdefault(k, []).append(i)
        self._ayah_no = {(a.surah, a.number): i for i, a in enumerate(self.ayahs)}

    def ayah(self, surah_no: int, ayah_no: int) -> Ayah:
        return self.ayahs[self._ayah_no[(surah_no, ayah_no)]]

    # ------------------------------------------------------------------ matching

    def identify(self, quotation: str) -> tuple[Match, ...]:
        """The verse(s) a quotation comes from: one match, several (a tie), or
        none when the text is not the Qur'an's."""
        q, typed = quotation_words(quotation)
        n = len(q)
        if n == 0:
            return ()
        exact = self._exact(q)
        if exact:
            scored = [(self._score(n, n, span), span, ()) for span in exact]
        else:
            scored = []
            for d in self._candidates(q):
                found = self._align(q, d)
                if found is not None:
                    scored.append(found)
        if not scored:
            return ()
        best = max(s for s, _, _ in scored)
        found_words = best[0]
        if found_words < n and (n <= SHORT or found_words < MIN_SHARE * n):
            return ()
        matches: dict[tuple[int, int], Match] = {}
        for score, span, blocks in scored:
            if score == best and span not in matches:
                matches[span] = self._match(q, typed, span, blocks, score)
        return tuple(sorted(matches.values(), key=lambda m: (m.ref.surah, m.ref.first)))

    def _exact(self, q: list[str]) -> list[tuple[int, int]]:
        """Every place the quotation's keys stand exactly, in one surah."""
        rarest = min(range(len(q)), key=lambda i: len(self.places.get(q[i], ())))
        n, out = len(q), []
        for p in self.places.get(q[rarest], ()):
            d = p - rarest
            if d >= 0 and self.keys[d : d + n] == q and self._one_surah(d, d + n):
                out.append((d, d + n))
        return out

    def _candidates(self, q: list[str]) -> list[int]:
        """Start places (diagonals) where the quotation may stand, best first:
        the rarer words of the quotation vote for where it would start."""
        present = sorted((len(self.places[k]), i) for i, k in enumerate(q) if k in self.places)
        anchors = [i for freq, i in present if freq <= COMMON][:MAX_ANCHORS] or [i for _, i in present[:2]]
        votes: Counter[int] = Counter()
        for i in anchors:
            votes.update(p - i for p in self.places[q[i]])
        if not votes:
            return []
        # merge diagonals within BAND of each other into one place
        clusters: list[list[int]] = []  # [votes, diagonal]
        last = None
        for d in sorted(votes):
            if last is not None and d - last <= BAND:
                cluster = clusters[-1]
                if votes[d] > votes[cluster[1]]:
                    cluster[1] = d
                cluster[0] += votes[d]
            else:
                clusters.append([votes[d], d])
            last = d
        floor = max(1, max(v for v, _ in clusters) // 2)
        keep = sorted((c for c in clusters if c[0] >= floor), reverse=True)
        return [d for _, d in keep[:MAX_CANDIDATES]]

    def _one_surah(self, start: int, end: int) -> bool:
        return self.ayahs[self.ayah_at[start]].surah == self.ayahs[self.ayah_at[end - 1]].surah

    def _align(self, q: list[str], d: int):
        n = len(q)
        middle = min(max(d + n // 2, 0), len(self.keys) - 1)
        lo_s, hi_s = self.surah_span[self.ayahs[self.ayah_at[middle]].surah]
        slack = max(4, n // 4)
        lo, hi = max(lo_s, d - slack), min(hi_s, d + n + slack)
        if lo >= hi:
            return None
        window = self.keys[lo:hi]
        blocks = [b for b in SequenceMatcher(None, q, window, autojunk=False).get_matching_blocks() if b.size]
        blocks = trim_strays(blocks)
        if not blocks or max(b.size for b in blocks) < 2:
            return None
        found = sum(b.size for b in blocks)
        start, end = lo + blocks[0].b, lo + blocks[-1].b + blocks[-1].size
        # unmatched words at either end of the quotation stand for the verse's
        # words there (a changed first or last word), within the same ayah
        start -= min(blocks[0].a, start - self.ayahs[self.ayah_at[start]].start)
        end += min(n - blocks[-1].a - blocks[-1].size, self.ayahs[self.ayah_at[end - 1]].end - end)
        shifted = tuple((b.a, lo + b.b, b.size) for b in blocks)
        return self._score(n, found, (start, end)), (start, end), shifted

    def _score(self, n: int, found: int, span: tuple[int, int]) -> tuple[int, int, bool]:
        start, end = span
        first, last = self.ayahs[self.ayah_at[start]], self.ayahs[self.ayah_at[end - 1]]
        cost = (n - found) + (end - start - found)
        return (found, -cost, first.start == start and last.end == end)

    def _match(self, q: list[str], typed: list[str], span: tuple[int, int], blocks, score) -> Match:
        start, end = span
        first, last = self.ayahs[self.ayah_at[start]], self.ayahs[self.ayah_at[end - 1]]
        if not blocks:  # exact
            blocks = ((0, start, len(q)),)
        return Match(
            ref=VerseRef(first.surah, first.number, last.number),
            words=len(q),
            found=score[0],
            complete=score[2],
            differences=_differences(typed, self.words, blocks, span),
            text=" ".join(self.words[start:end]),
        )


def trim_strays(blocks: list) -> list:
    """Drop a one-word match at either edge that is well off the diagonal of
    its neighbour (a stray `من` a few words away, not part of the quotation)."""

    def stray(word, other) -> bool:
        return word.size == 1 and abs(abs(other.b - word.b) - abs(other.a - word.a)) >= 2

    while len(blocks) > 1 and stray(blocks[0], blocks[1]):
        blocks = blocks[1:]
    while len(blocks) > 1 and stray(blocks[-1], blocks[-2]):
        blocks = blocks[:-1]
    return blocks


def _differences(typed: list[str], verse_words: list[str], blocks, span: tuple[int, int]) -> tuple[Difference, ...]:
    """Word-by-word differences between the quotation and the verse span,
    from the aligned blocks (quotation index, verse index, size)."""
    out: list[Difference] = []
    qi, vi = 0, span[0]
    for a, b, size in (*blocks, (len(typed), span[1], 0)):
        quoted = " ".join(typed[qi:a])
        verse = " ".join(verse_words[vi:b])
        if quoted and verse:
            out.append(Difference("changed", quoted, verse))
        elif quoted:
            out.append(Difference("added", quoted, ""))
        elif verse:
            out.append(Difference("missing", "", verse))
        qi, vi = a + size, b + size
    return tuple(out)


def _loose_corpus(text: str) -> str:
    for ch in _CORPUS_DROP:
        text = text.replace(ch, "")
    for old, new in _CORPUS_FOLD:
        text = text.replace(old, new)
    return text


def quotation_words(text: str) -> tuple[list[str], list[str]]:
    """The words of a quotation as the index keys them, and as typed."""
    s = _WAW_ALEF.sub("ا", text).replace(_SMALL_YEH, "ي")
    keys: list[str] = []
    typed: list[str] = []
    for word in s.split():
        for k in tokens(word, loose=True):
            keys.append(k)
            typed.append(word)
    return _join_vocatives(keys, typed)


def _join_vocatives(keys: list[str], words: list[str]) -> tuple[list[str], list[str]]:
    """Drop empty keys (waqf marks); join يا/ها to the next word."""
    out_keys: list[str] = []
    out_words: list[str] = []
    pending = ""
    pending_word = ""
    for k, w in zip(keys, words, strict=True):
        if not k:
            continue
        if pending:
            k, w = pending + k, f"{pending_word} {w}"
            pending = ""
        elif k in _JOINED:
            pending, pending_word = k, w
            continue
        out_keys.append(k)
        out_words.append(w)
    if pending:
        out_keys.append(pending)
        out_words.append(pending_word)
    return out_keys, out_words


@cache
def default_index() -> QuranIndex:
    """The bundled Tanzil text, indexed once per process."""
    return QuranIndex(resources.files("warraq.corpora").joinpath(DATA).read_text("utf-8"))


def identify(quotation: str) -> tuple[Match, ...]:
    return default_index().identify(quotation)


def describe(matches: tuple[Match, ...], digits: str = "arabic-indic") -> list[str]:
    """Lines for `warraq quran`: each match, Tanzil's text, the differences."""
    lines: list[str] = []
    if len(matches) > 1:
        lines.append(
            nmsg("tie: these words stand in {n} place", "tie: these words stand in {n} places", n=len(matches))
        )
    for m in matches:
        verse = f"{m.label()} {format_ref(m.ref, digits)}"  # ids and the book's reference: no words
        lines.append(verse if m.complete else msg("{verse} (part)", verse=verse))
        lines.append(f"  {m.text}")
        for d in m.differences:
            lines.append("  " + msg("difference: {difference}", difference=d.message()))
        if m.differences:
            lines.append(
                "  "
                + nmsg(
                    "{found} of {n} quoted word found in the verse",
                    "{found} of {n} quoted words found in the verse",
                    n=m.words,
                    found=m.found,
                )
            )
    return lines
