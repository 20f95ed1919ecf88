"""Walking the inline content of blocks, for transforms that rewrite inlines
(Qur'an references, citations).  Tombstones are never entered."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..model import (
    Block,
    Emphasis,
    Heading,
    Inline,
    Link,
    Paragraph,
    Poem,
    Provenance,
    Quotation,
    Quran,
    SignOff,
    Verse,
    replace,
)

# called with an inline and the provenance of the paragraph it stands in;
# returns what replaces it (the same node when nothing changes)
InlineFn = Callable[[Inline, Provenance], Inline | Iterable[Inline]]


def map_inlines(inlines: tuple[Inline, ...], prov: Provenance, fn: InlineFn) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, (Emphasis, Link)):
            out.append(replace(node, children=map_inlines(node.children, prov, fn)))
            continue
        result = fn(node, prov)
        if isinstance(result, (tuple, list)):
            out.extend(result)
        else:
            out.append(result)  # type: ignore[arg-type]
    return tuple(out)


def map_block(block: Block, fn: InlineFn) -> Block:
    """The block with `fn` applied to every inline it shows (not tombstones)."""
    if isinstance(block, (Paragraph, Heading, SignOff)):
        return replace(block, inlines=map_inlines(block.inlines, block.prov, fn))
    if isinstance(block, Quotation):
        paras = tuple(replace(p, inlines=map_inlines(p.inlines, p.prov, fn)) for p in block.paragraphs)
        return replace(block, paragraphs=paras)
    if isinstance(block, Poem):  # each hemistich, with its bayt's provenance
        bayts = tuple(
            replace(b, sadr=map_inlines(b.sadr, b.prov, fn), ajuz=map_inlines(b.ajuz, b.prov, fn)) for b in block.bayts
        )
        return replace(block, bayts=bayts)
    if isinstance(block, Verse):
        quote = fn(block.quote, block.prov)
        if not isinstance(quote, Quran):  # pragma: no cover - a verse stays a verse
            raise TypeError("a Verse block's quotation must stay a Quran inline")
        return replace(block, quote=quote)
    return block  # Break, Removed, and the blocks of other kinds
