"""`lint(book) -> list[Finding]`: the Arabic typography findings of a book.

Each hit of a rule (rules.py) becomes a `Finding` of kind "lint" whose rule is
the stable id (AR001 ...), pointing at the file and line of the paragraph,
with `data` giving the rule's name, the text matched and a short excerpt.

The hits of a text are memoised (pure functions of the text), so the
preview's rebuild after one part is saved only lints what changed.
"""

from __future__ import annotations

from functools import lru_cache

from ..i18n import msg
from ..model import Book, Finding, Poem, Provenance, live_blocks, plain_text
from .rules import BAYT_RULE, RULES, SPELLING, WORD, Hit, Rule, unbalanced_bayt
from .spelling import unknown_words
from .text import Segment, Unit, segment, units

KIND = "lint"
EXCERPT = 24  # characters of context on each side
_PARAGRAPH_RULES = tuple(r for r in RULES if not r.block and not r.poem)
_BLOCK_RULES = tuple(r for r in RULES if r.block)


def lint(book: Book, spelling: bool = False) -> list[Finding]:
    """Run the rules over every unit of the author's text, in book order."""
    all_units = list(units(book))
    findings: list[Finding] = []
    for unit in all_units:
        for seg in unit.segments:
            findings.extend(finding(rule, seg, hit) for rule, hit in _segment_hits(seg.text, seg.quran))
        for i, rule, hit in _block_hits(tuple(seg.text for seg in unit.segments)):
            findings.append(finding(rule, unit.segments[i], hit))
    findings.extend(_bayt_findings(book))
    if spelling:
        findings.extend(_spelling(all_units))
    return findings


def _bayt_findings(book: Book) -> list[Finding]:
    """AR013: a bayt whose halves differ much in length."""
    found = []
    for part in book.parts:
        for block in live_blocks(part):
            if not isinstance(block, Poem):
                continue
            for bayt in block.bayts:
                sadr = segment(bayt.sadr, bayt.prov)
                hit = unbalanced_bayt(sadr.text, plain_text(bayt.ajuz))
                if hit is not None:
                    found.append(finding(BAYT_RULE, sadr, hit))
    return found


@lru_cache(maxsize=1 << 16)
def _segment_hits(text: str, quran: tuple[tuple[int, int], ...]) -> tuple[tuple[Rule, Hit], ...]:
    seg = Segment(text, Provenance("", 1), quran)
    return tuple(
        (rule, hit)
        for rule in _PARAGRAPH_RULES
        for hit in rule.check(text)
        if rule.in_quran or not seg.in_quran(hit.start, hit.end)
    )


@lru_cache(maxsize=1 << 16)
def _block_hits(texts: tuple[str, ...]) -> tuple[tuple[int, Rule, Hit], ...]:
    """Block rules check the segments joined by newlines; hits map back to
    (segment index, rule, hit within that segment)."""
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    joined = "\n".join(texts)
    out = []
    for rule in _BLOCK_RULES:
        for hit in rule.check(joined):
            i = max(k for k, s in enumerate(starts) if s <= hit.start)
            end = min(hit.end - starts[i], len(texts[i]))
            out.append((i, rule, Hit(hit.start - starts[i], end, hit.message)))
    return tuple(out)


def finding(rule: Rule, seg: Segment, hit: Hit) -> Finding:
    text = seg.text
    match = text[hit.start : hit.end]
    before = text[max(0, hit.start - EXCERPT) : hit.start]
    after = text[hit.end : hit.end + EXCERPT]
    # a line break inside a Word paragraph is still that paragraph (¶N)
    line = seg.prov.line + (0 if seg.prov.unit else text.count("\n", 0, hit.start))
    return Finding(
        KIND,
        rule.id,
        # the rule's own parameters beside the id and the text, for report.json
        msg("{rule} {message}", rule=rule.id, message=hit.message, **getattr(hit.message, "params", {})),
        Provenance(seg.prov.file, line, unit=seg.prov.unit),
        rule.level,
        {
            "name": rule.name,
            "match": match,
            # which occurrence of `match` in the paragraph's text this is, so
            # the preview marks the right one
            "occurrence": text.count(match, 0, hit.start) if match else 0,
            "excerpt": before + match + after,
            "block": str(seg.prov),
        },
    )


def _spelling(all_units: list[Unit]) -> list[Finding]:
    """AR011: one finding per unknown word per paragraph (its first use)."""
    words: list[tuple[Segment, Hit, str]] = []
    for unit in all_units:
        for seg in unit.segments:
            seen: set[str] = set()
            for m in WORD.finditer(seg.text):
                if seg.in_quran(m.start(), m.end()) or m.group() in seen:
                    continue
                seen.add(m.group())
                words.append(
                    (seg, Hit(m.start(), m.end(), msg("spelling suspect «{word}»", word=m.group())), m.group())
                )
    unknown = unknown_words(w for _, _, w in words)
    return [finding(SPELLING, seg, hit) for seg, hit, w in words if w in unknown]
