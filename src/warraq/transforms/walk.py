"""Walking the inline content of blocks, for transforms that rewrite inlines
(Qur'an references, citations).  Tombstones are never entered."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..model import (
    Block,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Link,
    List,
    ListItem,
    Paragraph,
    Poem,
    Provenance,
    Quotation,
    Quran,
    SignOff,
    Table,
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
    # figures, tables and lists: their captions, cells and items
    if isinstance(block, Figure):
        prov = block.prov
        return replace(block, caption=map_inlines(block.caption, prov, fn), credit=map_inlines(block.credit, prov, fn))
    if isinstance(block, Table):
        prov = block.prov
        rows = tuple(tuple(replace(c, inlines=map_inlines(c.inlines, prov, fn)) for c in row) for row in block.rows)
        return replace(block, rows=rows, caption=map_inlines(block.caption, prov, fn))
    if isinstance(block, List):
        return replace(block, items=tuple(_map_item(item, fn) for item in block.items))
    return block  # Break, Removed


def _map_item(item: ListItem, fn: InlineFn) -> ListItem:
    children = tuple(map_block(lst, fn) for lst in item.children)
    return replace(item, inlines=map_inlines(item.inlines, item.prov, fn), children=children)  # type: ignore[arg-type]


def inline_runs(block: Block) -> Iterator[tuple[tuple[Inline, ...], Provenance]]:
    """Every run of inline content a figure, table or list shows, in reading
    order, with the provenance of the block or item it stands in: a caption
    (then a credit), each cell row by row, each list item then its nested
    lists.  Nothing for other blocks."""
    if isinstance(block, Figure):
        yield from ((run, block.prov) for run in (block.caption, block.credit) if run)
    elif isinstance(block, Table):
        if block.caption:
            yield block.caption, block.prov
        for row in block.rows:
            for cell in row:
                yield cell.inlines, block.prov
    elif isinstance(block, List):
        for item in block.items:
            yield item.inlines, item.prov
            for nested in item.children:
                yield from inline_runs(nested)
