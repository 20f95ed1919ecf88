"""Text similarity for dedup: word shingles, an exact near-repeat index, and
a word-by-word diff.

Similarity is the Jaccard index of the sets of word 3-shingles of two
normalised token lists (`warraq.text.arabic.tokens`).  Three-word shingles make a
changed word cost three shingles, so a short paragraph with one different word
scores low (`لا` inserted into ten words: 0.45) while a long re-pasted one
with a typo fixed scores high (one word in sixty: 0.90).

`NearIndex` finds every indexed set whose Jaccard similarity with a query is
at least the threshold, without comparing all pairs: it uses prefix filtering
(Bayardo et al., "Scaling up all pairs similarity search", WWW 2007).  Sort
each set's shingles in one global order, rarest first; two sets with Jaccard
>= t share a shingle among the first `n - ceil(t * n) + 1` of each.  Only
those prefixes are indexed and probed, so the search is exact (no missed
pair, unlike MinHash) and close to linear in the text's length.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from ..text.arabic import key

SHINGLE = 3
_MASK = (1 << 64) - 1

Shingles = frozenset[int]


def shingles(toks: Sequence[str]) -> Shingles:
    """The set of hashed word 3-shingles (a text shorter than 3 words: its
    words as one shingle)."""
    if len(toks) < SHINGLE:
        return frozenset((hash(tuple(toks)),)) if toks else frozenset()
    return frozenset(map(hash, zip(toks, toks[1:], toks[2:], strict=False)))


def jaccard(a: Shingles, b: Shingles) -> float:
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _min_overlap(n: int, threshold: float) -> int:
    # the smallest overlap a set of n shingles needs with any set to reach the
    # threshold; the epsilon keeps float error on the safe (longer prefix) side
    return max(1, math.ceil(threshold * n - 1e-9))


class NearIndex:
    """An index of shingle sets answering "which indexed sets are at least
    `threshold` similar to this one?" exactly, by prefix filtering.

    `shared` counts, for every shingle held by two sets or more of the whole
    corpus (every set later added or queried), how many hold it
    (`shared_shingles`).  The global order is: shingles held by one set only
    (they never make a pair), then the shared ones, rarest first.  Only the
    shared shingles of a prefix need indexing and probing, so a text with no
    repeats costs one set intersection.
    """

    def __init__(self, threshold: float, shared: dict[int, int]):
        self.threshold = threshold
        self._shared = frozenset(shared)
        # the order of shared shingles: by count, then by value (an integer
        # key, so that sorting needs no Python function per element)
        self._rank = {h: (n << 64) | (h & _MASK) for h, n in shared.items()}.__getitem__
        self._postings: dict[int, list[int]] = {}
        self._sets: dict[int, Shingles] = {}

    def prefix(self, s: Shingles) -> list[int]:
        """The shared shingles among the first `n - ceil(t * n) + 1` of `s`."""
        shared = s & self._shared
        wanted = len(s) - _min_overlap(len(s), self.threshold) + 1 - (len(s) - len(shared))
        if wanted <= 0:
            return []
        return sorted(shared, key=self._rank)[:wanted]

    def add(self, item: int, s: Shingles, prefix: list[int] | None = None) -> None:
        keys = self.prefix(s) if prefix is None else prefix
        if not keys:
            return  # it can be similar to no other set
        self._sets[item] = s
        for h in keys:
            self._postings.setdefault(h, []).append(item)

    def query(self, s: Shingles, prefix: list[int] | None = None) -> list[tuple[float, int]]:
        """(similarity, item) of every indexed set at least `threshold`
        similar to `s`, most similar first, then earliest item first."""
        keys = self.prefix(s) if prefix is None else prefix
        if not keys:
            return []
        candidates: set[int] = set()
        postings = self._postings
        for h in keys:
            found = postings.get(h)
            if found:
                candidates.update(found)
        low, high = self.threshold * len(s) - 1e-9, len(s) / self.threshold + 1e-9
        hits = []
        for item in candidates:
            other = self._sets[item]
            if low <= len(other) <= high:
                sim = jaccard(s, other)
                if sim >= self.threshold:
                    hits.append((sim, item))
        hits.sort(key=lambda hit: (-hit[0], hit[1]))
        return hits


def shared_shingles(sets: Iterable[Shingles]) -> dict[int, int]:
    """For every shingle held by at least two of `sets`, how many hold it."""
    counts = Counter(chain.from_iterable(sets))
    return {h: n for h, n in counts.items() if n > 1}


# ---------------------------------------------------------------- word diff


@dataclass(frozen=True)
class Change:
    """One difference between the kept and the removed copy, in the author's
    words (`kept` is "" for an insertion, `removed` "" for a deletion)."""

    op: str  # replace / insert / delete
    kept: str
    removed: str
    word: int  # index of the first word concerned in the removed copy

    def as_dict(self) -> dict:
        return {"op": self.op, "kept": self.kept, "removed": self.removed, "word": self.word}


def word_diff(kept: str, removed: str) -> list[Change]:
    """Word-by-word differences between two texts, aligned on the normalised
    key of each word (so a difference in tashkeel or punctuation alone is no
    difference) and reported in the author's spelling."""
    a, b = kept.split(), removed.split()
    matcher = difflib.SequenceMatcher(None, [key(w) for w in a], [key(w) for w in b], autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if key(old) == key(new):  # only punctuation or marks differ
            continue
        changes.append(Change(op, old, new, j1))
    return changes


def added_words(changes: Iterable[Change]) -> int:
    """The longest stretch of words the removed copy has and the kept lacks."""
    return max((len(c.removed.split()) for c in changes if c.removed), default=0)
