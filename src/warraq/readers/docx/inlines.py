"""Inlines: a paragraph's pieces to the model's inlines and its plain text.

It owns what is read in the whole paragraph rather than run by run: the runs
Word cut are put back together; Qur'an quotations (`﴿…﴾`) and Latin text
inside Arabic (an `Isolate`, with the run's `w:lang`) are found in the whole
text; bold and italic are laid over them as emphasis (combining marks stay
with their letter, a space between two runs of one formatting takes it); a
paragraph is cut where two line breaks follow one another (text pasted from
the web).
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from ...model import Emphasis, Inline, Isolate, LineBreak, Quran, Text, merge_text
from ..structure import verse_spans
from .runs import Piece

_LATIN = re.compile(
    r"[A-Za-z\u00C0-\u024F]"
    r"(?:[^\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF«»“”\"()\[\]{}﴿﴾،؛؟\n]*"
    r"[A-Za-z\u00C0-\u024F0-9])?"
)


def split_at_blank_lines(items: list) -> list[list]:
    """Items cut where two line breaks or more follow one another."""
    groups: list[list] = [[]]
    k = 0
    while k < len(items):
        if isinstance(items[k], LineBreak) and k + 1 < len(items) and isinstance(items[k + 1], LineBreak):
            while k < len(items) and isinstance(items[k], LineBreak):
                k += 1
            groups.append([])
            continue
        groups[-1].append(items[k])
        k += 1
    return groups


def all_bold(items: list) -> bool:
    pieces = [i for i in items if isinstance(i, Piece) and i.text.strip()]
    return bool(pieces) and all(p.bold or p.style_bold for p in pieces)


def flat(inlines: tuple[Inline, ...]):
    for node in inlines:
        yield node
        if isinstance(node, Emphasis):
            yield from flat(node.children)


def _lang(value: str) -> str:
    primary = value.split("-")[0].lower()
    return primary if primary.isalpha() and primary not in ("ar", "fa", "ur", "he") else "en"


def build_inlines(items: list) -> tuple[tuple[Inline, ...], str]:
    """A paragraph's items -> (inlines, the plain text the rules read).

    Runs are cut where Word split them; they are put back together, then
    Qur'an quotations and Latin spans are found in the whole text and the
    emphasis laid over them.  Leading and trailing spaces are dropped."""
    # drop line breaks at either end
    while items and isinstance(items[0], LineBreak):
        items = items[1:]
    while items and isinstance(items[-1], LineBreak):
        items = items[:-1]
    segments: list[list[Piece] | Inline] = []
    for item in items:
        if isinstance(item, Piece):
            if segments and isinstance(segments[-1], list):
                segments[-1].append(item)
            else:
                segments.append([item])
        else:
            segments.append(item)
    # the paragraph's own leading and trailing spaces
    pieces_only = [s for s in segments if isinstance(s, list)]
    if pieces_only:
        first, last = pieces_only[0], pieces_only[-1]
        if segments and segments[0] is first:
            _strip_pieces(first, left=True)
        if segments and segments[-1] is last:
            _strip_pieces(last, left=False)
    out: list[Inline] = []
    texts: list[str] = []
    for seg in segments:
        if isinstance(seg, list):
            inlines, text = _segment(seg)
            out.extend(inlines)
            texts.append(text)
        else:
            out.append(seg)
            if isinstance(seg, LineBreak):
                texts.append("\n")
    return tuple(out), "".join(texts)


def _strip_pieces(pieces: list[Piece], left: bool) -> None:
    order = pieces if left else list(reversed(pieces))
    for piece in order:
        stripped = piece.text.lstrip() if left else piece.text.rstrip()
        piece.text = stripped
        if stripped:
            break


def _segment(pieces: list[Piece]) -> tuple[list[Inline], str]:
    # one range per formatting: (start, end, bold, italic, lang)
    ranges: list[list] = []
    pos = 0
    for p in pieces:
        if not p.text:
            continue
        fmt = (p.bold, p.italic)
        start, pos = pos, pos + len(p.text)
        if ranges and (ranges[-1][2], ranges[-1][3]) == fmt:
            ranges[-1][1] = pos
        else:
            ranges.append([start, pos, p.bold, p.italic, p.lang])
    text = "".join(p.text for p in pieces)
    if not text:
        return [], ""
    langs: list[tuple[int, str]] = []  # (start, w:lang) of each run
    start = 0
    for p in pieces:
        langs.append((start, p.lang))
        start += len(p.text)
    # combining marks stay with their letter; spaces between two runs of one
    # formatting take that formatting
    for k in range(1, len(ranges)):
        prev, cur = ranges[k - 1], ranges[k]
        while cur[0] < cur[1] and unicodedata.category(text[cur[0]]) == "Mn":
            cur[0] += 1
            prev[1] = cur[0]
    ranges = [r for r in ranges if r[1] > r[0]]
    merged: list[list] = []
    for k, r in enumerate(ranges):
        blank = not text[r[0] : r[1]].strip()
        if blank and merged and k + 1 < len(ranges) and (merged[-1][2], merged[-1][3]) == tuple(ranges[k + 1][2:4]):
            merged[-1][1] = r[1]
            continue
        if merged and (merged[-1][2], merged[-1][3]) == (r[2], r[3]):
            merged[-1][1] = r[1]
            continue
        merged.append(list(r))
    # special spans: Qur'an quotations, then Latin text outside them
    verses = verse_spans(text)
    specials: list[tuple[int, int, Inline | str]] = [(s, e, q) for s, e, q in verses]
    for m in _LATIN.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e, _ in verses):
            continue
        # a Latin stretch in one formatting is isolated; one cut by emphasis
        # (`Kennedy, *The Great Arab Conquests*, 2007`) is left to the bidi
        # algorithm, which keeps it one left-to-right run (isolating its
        # pieces one by one would set them in right-to-left order)
        if not any(start < r[0] < end for r in merged):
            specials.append((start, end, "latin"))
    specials.sort(key=lambda x: x[0])
    cuts = sorted({0, len(text)} | {r[0] for r in merged} | {x for s, e, _ in specials for x in (s, e)})
    leaves: list[tuple[bool, bool, Inline]] = []
    sp = 0
    ri = 0
    for a, b in itertools.pairwise(cuts):
        while ri + 1 < len(merged) and merged[ri + 1][0] <= a:
            ri += 1
        bold, italic = merged[ri][2], merged[ri][3]
        while sp < len(specials) and specials[sp][1] <= a:
            sp += 1
        special = specials[sp] if sp < len(specials) and specials[sp][0] <= a else None
        if special is not None and isinstance(special[2], Quran):
            if a == special[0]:
                leaves.append((bold, italic, special[2]))
            continue
        chunk = text[a:b]
        if special is not None:
            lang = next(lg for st, lg in reversed(langs) if st <= special[0])
            leaves.append((bold, italic, Isolate(chunk, _lang(lang))))
        else:
            leaves.append((bold, italic, Text(chunk)))
    return _emphasis(leaves), text


def _emphasis(leaves: list[tuple[bool, bool, Inline]]) -> list[Inline]:
    out: list[Inline] = []
    k = 0
    while k < len(leaves):
        bold, italic, _ = leaves[k]
        group: list[Inline] = []
        while k < len(leaves) and leaves[k][:2] == (bold, italic):
            group.append(leaves[k][2])
            k += 1
        children = _join_isolates(merge_text(group))
        if italic:
            children = (Emphasis(children, strong=False),)
        if bold:
            children = (Emphasis(children, strong=True),)
        out.extend(children)
    return out


def _join_isolates(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Isolate) and out and isinstance(out[-1], Isolate) and out[-1].lang == node.lang:
            out[-1] = Isolate(out[-1].text + node.text, node.lang)
        else:
            out.append(node)
    return tuple(out)
