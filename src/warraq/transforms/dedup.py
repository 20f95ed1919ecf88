"""Repeated-passage removal: every passage of the series once, no unique
sentence lost.

Blocks are compared on their normalised Arabic key (`warraq.text.arabic.tokens`:
tashkeel, tatweel, letter folds, digits, punctuation), within a part and
across parts, in reading order.  What goes:

* exact repeats: a paragraph whose key equals an earlier kept paragraph's;
* near repeats: a paragraph at least `near_threshold` similar (Jaccard of word
  3-shingles, `similarity.py`) to an earlier kept one, unless the removed copy
  adds more than `MAX_VARIANT_WORDS` consecutive words of its own (then it is
  kept and reported as `near-kept`); the finding holds a word-by-word diff;
* runs: a repeated paragraph together with its neighbours that repeat the
  earlier copy's neighbours in the same order (a re-pasted body, a recap),
  headings, quotations and verses included (boilerplate excluded: the
  policy decides it): one finding for the whole run;
* series boilerplate: a sign-off or a short paragraph that closes (or opens)
  at least two parts, or a block matching a `[dedup] phrases` entry,
  wherever it occurs, by the `[dedup] boilerplate` policy (remove-all /
  keep-last / keep-all).

Short paragraphs (fewer than `min_words` words), headings, attributions
(`يقول الطبري:`), quotations and verses are never removed on their own: an
author quotes a verse or a hadith twice on purpose.  They go only inside a
run or as boilerplate.  The first copy in reading order is kept; removed
blocks become `Removed` tombstones in place, each naming its finding and the
kept copy.  Already removed blocks are left alone, so dedup is idempotent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..config import Config, DedupSettings
from ..i18n import commas, msg, nmsg
from ..model import (
    Block,
    Book,
    Break,
    Finding,
    Paragraph,
    Provenance,
    Removed,
    SignOff,
    block_text,
    replace,
)
from ..text.arabic import tokens
from .similarity import Change, NearIndex, Shingles, added_words, jaccard, shared_shingles, shingles, word_diff

KIND = "dedup"
# a near repeat that has more words of its own in one stretch than this is kept:
# those words may be a sentence found nowhere else
MAX_VARIANT_WORDS = 4
TEXT_WIDTH = 80  # characters of removed text quoted in a finding


@dataclass(slots=True)
class Unit:
    """A live block in reading order, with its matching key."""

    index: int  # position among the book's units
    part: int  # index of its part in book.parts
    pos: int  # index of the block in part.blocks
    block: Block
    key: str
    words: int
    standalone: bool = False  # may be removed on its own
    boilerplate: bool = False  # series boilerplate the policy removes
    _shingles: Shingles | None = None

    def shingles(self, settings: DedupSettings) -> Shingles | None:
        """Word 3-shingles, for blocks of at least `min_words` words only."""
        if self.words < settings.min_words:
            return None
        if self._shingles is None:
            self._shingles = _SHINGLES.get(self.key)
            if self._shingles is None:
                self._shingles = shingles(self.key.split())
            _shingles_used[self.key] = self._shingles
        return self._shingles


# What a block's unit is made of (its normalised key and word count) and a
# key's shingles are functions of the block and of the key alone: kept
# between the builds of one process (the resident builder, the preview), for
# the blocks and keys of the last build only.  Only these per-block values
# are kept; every comparison across blocks and parts runs again each build.
_KEYS: dict[int, tuple[Block, str, int]] = {}  # id(block) -> (block, key, words)
_SHINGLES: dict[str, Shingles] = {}
_shingles_used: dict[str, Shingles] = {}


def _unit_key(block: Block, used: dict[int, tuple[Block, str, int]]) -> tuple[str, int]:
    known = _KEYS.get(id(block))
    if known is None or known[0] is not block:
        toks = tokens(block_text(block))
        known = (block, " ".join(toks), len(toks))
    used[id(block)] = known
    return known[1], known[2]


@dataclass(frozen=True, slots=True)
class Match:
    kept: Unit
    similarity: float
    changes: tuple[Change, ...] = ()

    @property
    def exact(self) -> bool:
        return not self.changes and self.similarity == 1.0


# a finding with the reading-order position (part, block) it is sorted by
Found = tuple[tuple[int, int], Finding]


@dataclass(frozen=True, slots=True)
class Decision:
    rule: str
    finding_id: str
    kept: Unit | None


def dedup(book: Book, config: Config) -> tuple[Book, list[Finding]]:
    """Remove repeated passages and series boilerplate; report each removal."""
    global _KEYS, _SHINGLES, _shingles_used
    settings = config.dedup
    used: dict[int, tuple[Block, str, int]] = {}
    units = list(collect_units(book, settings, used))
    _KEYS, _shingles_used = used, {}
    boiler = boilerplate_keys(book, units, settings, used)
    removes = settings.boilerplate != "keep-all"
    for u in units:
        u.boilerplate = removes and u.key in boiler and _boilerplate_kind(u.block)
        u.standalone = is_standalone(u, settings) and u.key not in boiler
    decisions: dict[int, Decision] = {}
    found = find_repeats(book, units, settings, decisions)
    found += remove_boilerplate(book, units, boiler, settings, decisions)
    found.sort(key=lambda item: item[0])
    _SHINGLES, _shingles_used = _shingles_used, {}
    return apply(book, units, decisions), [f for _, f in found]


# ---------------------------------------------------------------- units


def collect_units(
    book: Book, settings: DedupSettings, used: dict[int, tuple[Block, str, int]] | None = None
) -> Iterator[Unit]:
    used = {} if used is None else used
    index = 0
    for p, part in enumerate(book.parts):
        for pos, block in enumerate(part.blocks):
            if isinstance(block, Removed):
                continue
            key, words = _unit_key(block, used)
            yield Unit(index, p, pos, block, key, words)
            index += 1


def is_standalone(u: Unit, settings: DedupSettings) -> bool:
    """A paragraph of the author's own prose, long enough to be removed alone."""
    b = u.block
    return type(b) is Paragraph and not b.attributes_quote and u.words >= settings.min_words


def _boilerplate_kind(block: Block) -> bool:
    return isinstance(block, SignOff) or (isinstance(block, Paragraph) and not block.attributes_quote)


def _unwrap(block: Block) -> Block:
    return block.block if isinstance(block, Removed) else block


# ---------------------------------------------------------------- repeats


def find_repeats(book: Book, units: list[Unit], settings: DedupSettings, decisions: dict[int, Decision]) -> list[Found]:
    """Walk the units in reading order; match each standalone paragraph
    against the kept ones before it, then grow the match into a run."""
    findings: list[Found] = []
    first: dict[str, Unit] = {}  # key -> first kept standalone unit
    index = NearIndex(
        settings.near_threshold, shared_shingles(u.shingles(settings) or () for u in units if u.standalone)
    )
    j = 0
    while j < len(units):
        u = units[j]
        if not u.standalone or j in decisions:
            j += 1
            continue
        sh = u.shingles(settings) or frozenset()
        prefix = index.prefix(sh)
        match, refused = _find_match(u, first, index.query(sh, prefix) if u.key not in first else [], units)
        if match is None:
            first.setdefault(u.key, u)
            index.add(j, sh, prefix)
            if refused is not None:
                findings.append(_near_kept_finding(book, u, refused))
            j += 1
            continue
        start, end = _extend(units, match.kept.index, j, settings, decisions)
        if end - start + 1 >= settings.min_run:
            findings.append(_run_finding(book, units, start, end, j - match.kept.index, settings, decisions))
            j = end + 1
        else:
            findings.append(_single_finding(book, u, match, decisions))
            j += 1
    return findings


def _find_match(
    u: Unit, first: dict[str, Unit], near: list[tuple[float, int]], units: list[Unit]
) -> tuple[Match | None, Match | None]:
    """The kept unit `u` repeats (exact, else the most similar acceptable of
    its `near` candidates), and the best candidate refused because `u` adds
    words of its own."""
    if u.key in first:
        return Match(first[u.key], 1.0), None
    refused = None
    for sim, i in near:
        kept = units[i]
        changes = tuple(word_diff(block_text(kept.block), block_text(u.block)))
        if added_words(changes) <= MAX_VARIANT_WORDS:
            return Match(kept, sim, changes), None
        if refused is None:
            refused = Match(kept, sim, changes)
    return None, refused


def same(a: Unit, b: Unit, settings: DedupSettings) -> Match | None:
    """Does `b` repeat `a` (exact key, or a near repeat adding no sentence)?"""
    if a.key == b.key:
        return Match(a, 1.0)
    sa, sb = a.shingles(settings), b.shingles(settings)
    if sa is None or sb is None:
        return None
    sim = jaccard(sa, sb)
    if sim < settings.near_threshold:
        return None
    changes = tuple(word_diff(block_text(a.block), block_text(b.block)))
    return Match(a, sim, changes) if added_words(changes) <= MAX_VARIANT_WORDS else None


def _extend(
    units: list[Unit], i: int, j: int, settings: DedupSettings, decisions: dict[int, Decision]
) -> tuple[int, int]:
    """Grow the repeat of unit i at unit j into the longest run [start, end]
    of units repeating, one for one and in order, kept units before `start`
    in one part (the later copy lies in one part too)."""
    n = len(units)
    later_part, earlier_part = units[j].part, units[i].part
    end = j
    while end + 1 < n:
        a, b = units[i + end + 1 - j], units[end + 1]
        if a.index >= j or a.part != earlier_part or b.part != later_part:
            break
        if a.index in decisions or b.index in decisions or a.boilerplate or b.boilerplate:
            break
        if same(a, b, settings) is None:
            break
        end += 1
    earlier_end = i + end - j
    start = j
    while start - 1 > earlier_end:
        if i - (j - start) - 1 < 0:
            break
        a, b = units[i - (j - start) - 1], units[start - 1]
        if a.part != earlier_part or b.part != later_part:
            break
        # kept standalone paragraphs before j matched nothing earlier: only
        # headings, quotations, verses ... can join the run backwards
        if b.standalone or b.index in decisions or a.index in decisions or a.boilerplate or b.boilerplate:
            break
        if same(a, b, settings) is None:
            break
        start -= 1
    return start, end


# ---------------------------------------------------------------- boilerplate


def boilerplate_keys(
    book: Book, units: list[Unit], settings: DedupSettings, used: dict[int, tuple[Block, str, int]] | None = None
) -> dict[str, str]:
    """Keys of series boilerplate, each with the reason it is boilerplate.

    Openers and closers are taken from the parts as the author wrote them
    (removed blocks included), so a second dedup finds the same ones.
    """
    places: dict[tuple[str, str], set[int]] = {}
    for p, part in enumerate(book.parts):
        blocks = [b for b in map(_unwrap, part.blocks) if not isinstance(b, Break)]
        if not blocks:
            continue
        for place, block in (("opens", blocks[0]), ("closes", blocks[-1])):
            key, words = _unit_key(block, {} if used is None else used)
            # a paragraph long enough to stand alone is a repeat (first copy
            # kept), never boilerplate: its text must not vanish everywhere
            short = isinstance(block, SignOff) or words < settings.min_words
            if words and short and _boilerplate_kind(block):
                places.setdefault((place, key), set()).add(p)
    found = {k: f"{place} {len(parts)} parts" for (place, k), parts in places.items() if len(parts) >= 2}
    phrases = [tokens(p) for p in settings.phrases]
    for u in units:
        if u.key in found or not _boilerplate_kind(u.block):
            continue
        words = u.key.split()
        for phrase in phrases:
            if phrase and words[: len(phrase)] == phrase and len(words) <= len(phrase) + 5:
                found[u.key] = "matches [dedup] phrases"
                break
    return found


def remove_boilerplate(
    book: Book, units: list[Unit], boiler: dict[str, str], settings: DedupSettings, decisions: dict[int, Decision]
) -> list[Found]:
    if settings.boilerplate == "keep-all" or not boiler:
        return []
    groups: dict[str, list[Unit]] = {}
    for u in units:
        if u.boilerplate and u.index not in decisions:
            groups.setdefault(u.key, []).append(u)
    findings = []
    for k, members in groups.items():
        kept = members[-1] if settings.boilerplate == "keep-last" else None
        removed = [u for u in members if u is not kept]
        if not removed:
            continue
        fid = _finding_id(book, "boilerplate", removed[0])
        for u in removed:
            decisions[u.index] = Decision("boilerplate", fid, kept)
        text = _short(block_text(removed[0].block))
        findings.append(
            (
                _order(removed[0]),
                Finding(
                    KIND,
                    "boilerplate",
                    _boilerplate_message(text, len(removed), boiler[k], kept),
                    removed[0].block.prov,
                    data={
                        "id": fid,
                        "text": text,
                        "reason": boiler[k],
                        "policy": settings.boilerplate,
                        "removed": [_where(u.block.prov) for u in removed],
                        "kept": _where(kept.block.prov) if kept else None,
                    },
                ),
            )
        )
    return findings


def reason_text(reason: str) -> str:
    """Why a block is boilerplate (`boilerplate_keys`' English reason) as a
    message: "opens 3 parts", "matches [dedup] phrases"."""
    place, _, rest = reason.partition(" ")
    count = rest.split()[0] if rest else ""
    if place == "opens" and count.isdigit():
        return nmsg("opens {n} part", "opens {n} parts", n=int(count))
    if place == "closes" and count.isdigit():
        return nmsg("closes {n} part", "closes {n} parts", n=int(count))
    return msg("matches {key}", key="[dedup] phrases")


def _boilerplate_message(text: str, n: int, reason: str, kept: Unit | None) -> str:
    why = reason_text(reason)
    if kept is None:
        return nmsg(
            "series boilerplate «{text}» removed once ({reason})",
            "series boilerplate «{text}» removed {n} times ({reason})",
            n=n,
            text=text,
            reason=why,
        )
    return nmsg(
        "series boilerplate «{text}» removed once ({reason}); kept the last at {kept}",
        "series boilerplate «{text}» removed {n} times ({reason}); kept the last at {kept}",
        n=n,
        text=text,
        reason=why,
        kept=str(kept.block.prov),
    )


# ---------------------------------------------------------------- findings


def _finding_id(book: Book, rule: str, u: Unit) -> str:
    return f"dedup-{rule}-{book.parts[u.part].number}-{u.block.prov.line}"


def _short(text: str, width: int = TEXT_WIDTH) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > width // 2 else width].rstrip("،,؛;:.") + " …"


def _where(prov: Provenance) -> dict:
    where = {"file": prov.file, "line": prov.line, "end_line": prov.end_line}
    return where | {"unit": "paragraph"} if prov.unit else where  # a Word part: ¶ numbers


def _span(first: Block, last: Block) -> Provenance:
    return Provenance(first.prov.file, first.prov.line, last.prov.end_line, first.prov.unit)


def _order(u: Unit) -> tuple[int, int]:
    return (u.part, u.pos)


def _diff_data(changes: tuple[Change, ...]) -> list[dict]:
    return [c.as_dict() for c in changes]


def change_text(c: Change) -> str:
    """One difference in words, no arrow: between two Arabic runs an arrow
    reads backwards in a left-to-right line."""
    if c.op == "replace":
        return msg("kept «{kept}», removed «{removed}»", kept=c.kept, removed=c.removed)
    if c.op == "insert":
        return msg("only the removed copy has «{removed}»", removed=c.removed)
    return msg("only the kept copy has «{kept}»", kept=c.kept)


def _describe(changes: tuple[Change, ...]) -> str:
    if not changes:
        return msg("same words")
    shown = commas(change_text(c) for c in changes[:3])
    if len(changes) <= 3:
        return shown
    return nmsg("{changes} and {n} more", "{changes} and {n} more", n=len(changes) - 3, changes=shown)


def _single_finding(book: Book, u: Unit, match: Match, decisions: dict[int, Decision]) -> Found:
    rule = "exact" if match.exact else "near"
    fid = _finding_id(book, rule, u)
    decisions[u.index] = Decision(rule, fid, match.kept)
    kept = match.kept.block.prov
    data = {
        "id": fid,
        "text": _short(block_text(u.block)),
        "words": u.words,
        "removed": _where(u.block.prov),
        "kept": _where(kept),
    }
    if rule == "exact":
        message = nmsg(
            "repeated paragraph removed ({n} word); kept the copy at {kept}",
            "repeated paragraph removed ({n} words); kept the copy at {kept}",
            n=u.words,
            kept=str(kept),
        )
    else:
        data["similarity"] = round(match.similarity, 3)
        data["diff"] = _diff_data(match.changes)
        message = msg(
            "near repeat removed ({pct}% similar: {changes}); kept the copy at {kept}",
            pct=_pct(match.similarity),
            changes=_describe(match.changes),
            kept=str(kept),
        )
    return _order(u), Finding(KIND, rule, message, u.block.prov, data=data)


def _run_finding(
    book: Book, units: list[Unit], start: int, end: int, offset: int, settings: DedupSettings, decisions
) -> Found:
    run, kept = units[start : end + 1], units[start - offset : end + 1 - offset]
    fid = _finding_id(book, "run", run[0])
    near = []
    for a, b in zip(kept, run, strict=True):
        decisions[b.index] = Decision("run", fid, a)
        match = same(a, b, settings)
        if match is not None and not match.exact:
            near.append({"line": b.block.prov.line, "kept_line": a.block.prov.line} | _near_data(match))
    removed_span, kept_span = _span(run[0].block, run[-1].block), _span(kept[0].block, kept[-1].block)
    words = sum(u.words for u in run)
    text = _short(" ".join(block_text(u.block) for u in run))
    # the words in the sentence (their plural form), and as a number for report.json
    counted = nmsg("{n} word", "{n} words", n=words)
    if near:
        message = nmsg(
            "repeated passage of {n} block ({word_count}) removed; kept the copy at {kept} ({differ})",
            "repeated passage of {n} blocks ({word_count}) removed; kept the copy at {kept} ({differ})",
            n=len(run),
            word_count=counted,
            words=words,
            kept=str(kept_span),
            differ=nmsg(
                "{n} block differs slightly, see the diff", "{n} blocks differ slightly, see the diff", n=len(near)
            ),
        )
    else:
        message = nmsg(
            "repeated passage of {n} block ({word_count}) removed; kept the copy at {kept}",
            "repeated passage of {n} blocks ({word_count}) removed; kept the copy at {kept}",
            n=len(run),
            word_count=counted,
            words=words,
            kept=str(kept_span),
        )
    return _order(run[0]), Finding(
        KIND,
        "run",
        message,
        removed_span,
        data={
            "id": fid,
            "text": text,
            "blocks": len(run),
            "words": words,
            "removed": _where(removed_span),
            "kept": _where(kept_span),
            "near": near,
        },
    )


def _pct(similarity: float) -> int:
    """A similarity as a whole percentage, rounded as `{:.0%}` rounds."""
    return int(f"{similarity * 100:.0f}")


def _near_data(match: Match) -> dict:
    return {"similarity": round(match.similarity, 3), "diff": _diff_data(match.changes)}


def _near_kept_finding(book: Book, u: Unit, refused: Match) -> Found:
    kept = refused.kept.block.prov
    extra = added_words(refused.changes)
    return _order(u), Finding(
        KIND,
        "near-kept",
        nmsg(
            "near repeat kept: {pct}% similar to {kept}, but it has {n} word of its own in one stretch; "
            "merge the two by hand if they are one passage",
            "near repeat kept: {pct}% similar to {kept}, but it has {n} words of its own in one stretch; "
            "merge the two by hand if they are one passage",
            n=extra,
            pct=_pct(refused.similarity),
            kept=str(kept),
        ),
        u.block.prov,
        data={
            "id": _finding_id(book, "near-kept", u),
            "text": _short(block_text(u.block)),
            "removed": None,
            "kept": _where(kept),
        }
        | _near_data(refused),
    )


# ---------------------------------------------------------------- result


def apply(book: Book, units: list[Unit], decisions: dict[int, Decision]) -> Book:
    """The book with every decided unit replaced by its tombstone in place."""
    if not decisions:
        return book
    by_part: dict[int, dict[int, Removed]] = {}
    for idx, d in decisions.items():
        u = units[idx]
        kept = d.kept.block.prov if d.kept else None
        by_part.setdefault(u.part, {})[u.pos] = Removed(u.block, d.rule, d.finding_id, kept)
    parts = list(book.parts)
    for p, tombs in by_part.items():
        blocks = tuple(tombs.get(pos, block) for pos, block in enumerate(parts[p].blocks))
        parts[p] = replace(parts[p], blocks=blocks)
    return replace(book, parts=tuple(parts))
