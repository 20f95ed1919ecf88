"""The model as indented text: what `warraq inspect` prints and golden tests pin."""

from __future__ import annotations

from ..corpora.surahs import surah
from ..model import (
    Block,
    Book,
    Break,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Link,
    List,
    Paragraph,
    Poem,
    Quotation,
    Quran,
    Removed,
    SignOff,
    Table,
    Verse,
    block_text,
    plain_text,
)

WIDTH = 60


def _short(text: str, full: bool) -> str:
    text = " ".join(text.split())
    if full or len(text) <= WIDTH:
        return text
    return text[: WIDTH - 1] + "…"


def _lines(prov) -> str:
    return prov.span()  # 12, 12-14, or ¶3 for a Word part's paragraph


def _quran(q: Quran) -> str:
    if q.ref:
        span = f"{q.ref.first}-{q.ref.last}" if q.ref.last > q.ref.first else str(q.ref.first)
        ref = f"ref {surah(q.ref.surah).name} {q.ref.surah}:{span} ({q.ref_status})"
    else:
        ref = "no reference"
    typed = f' typed "{q.typed_ref}"' if q.typed_ref else ""
    return f"quran {q.brackets} {ref}{typed}: {q.text}"


def _inline_quran(inlines: tuple[Inline, ...]) -> list[Quran]:
    found: list[Quran] = []
    for node in inlines:
        if isinstance(node, Quran):
            found.append(node)
        elif isinstance(node, (Emphasis, Link)):
            found.extend(_inline_quran(node.children))
    return found


def block_lines(block: Block, indent: str, full: bool) -> list[str]:
    where = f"{indent}{_lines(block.prov):<7} "
    if isinstance(block, Removed):
        kept = f" (kept {block.kept})" if block.kept else ""
        inner = block_lines(block.block, "", full)
        return [f"{where}removed {block.kind}{kept}: {inner[0].split(' ', 1)[1].strip()}"]
    if isinstance(block, (Figure, Table, List)):
        return [
            where + line if i == 0 else f"{indent}{'':<7} {line}" for i, line in enumerate(_media_lines(block, full))
        ]
    if isinstance(block, Heading):
        head = f"heading h{block.level}: {_short(block_text(block), full)}"
    elif isinstance(block, Quotation):
        n = len(block.paragraphs)
        marks = block.marks or "unmarked"
        head = f"quotation {marks} ({n} paragraph{'s' if n > 1 else ''}): {_short(block_text(block), full)}"
    elif isinstance(block, Verse):
        return [f"{where}verse {_quran(block.quote)}"]
    elif isinstance(block, SignOff):
        head = f"sign-off: {_short(block_text(block), full)}"
    elif isinstance(block, Break):
        head = "break"
    elif isinstance(block, Figure):
        size = f", {len(block.data)} bytes" if block.data else ""
        head = f"figure {block.src} ({block.media_type or '?'}{size}): {_short(block_text(block) or block.alt, full)}"
    elif isinstance(block, Poem):
        n = len(block.bayts)
        out = [f"{where}poem ({n} bayt{'s' if n > 1 else ''})"]
        for bayt in block.bayts:
            sep = repr(bayt.separator) if bayt.separator else "none"
            halves = f"{plain_text(bayt.sadr)} | {plain_text(bayt.ajuz)}" if bayt.ajuz else plain_text(bayt.sadr)
            out.append(f"{indent}  {_lines(bayt.prov):<7} bayt (separator {sep}): {halves}")
        return out
    elif isinstance(block, Paragraph):
        kind = "paragraph (attribution)" if block.attributes_quote else "paragraph"
        head = f"{kind}: {_short(block_text(block), full)}"
    else:  # pragma: no cover - the model is closed
        head = type(block).__name__
    out = [where + head]
    inlines = getattr(block, "inlines", ())
    if isinstance(block, Quotation):
        inlines = tuple(node for p in block.paragraphs for node in p.inlines)
    for q in _inline_quran(inlines):
        out.append(f"{indent}{'':<7}   {_quran(q)}")
    return out


def _media_lines(block: Figure | Table | List, full: bool) -> list[str]:
    """A figure, a table or a list: its kind and shape, then its text."""
    if isinstance(block, Figure):
        caption = _short(plain_text(block.caption), full)
        return [f"figure {block.src} ({block.media_type or '?'}) alt: {_short(block.alt, full)}; caption: {caption}"]
    if isinstance(block, Table):
        columns = max((sum(c.colspan for c in row) for row in block.rows), default=0)
        head = f"table {len(block.rows)}×{columns}, {block.header_rows} header row(s)"
        rows = [" | ".join(_short(plain_text(c.inlines), full) for c in row) for row in block.rows]
        return [head, *("  " + r for r in rows)]
    out = [f"list {block.style} from {block.start}, {len(block.items)} item(s)"]
    for item in block.items:
        out.append(f"  - {_short(plain_text(item.inlines), full)}")
        for nested in item.children:
            out.extend("    " + line for line in _media_lines(nested, full))
    return out


def outline(book: Book, full: bool = False) -> str:
    m = book.meta
    lines = [f"book: {m.title} / {m.author} ({m.language}, {m.direction})"]
    for part in book.parts:
        lines.append(f"part {part.number}: {plain_text(part.title)} [{part.title_prov}]")
        if part.published or part.venue or part.url:
            hijri = f" ({part.published_hijri})" if part.published_hijri else ""
            first = " · ".join(x for x in (part.published + hijri, part.venue, part.url) if x)
            lines.append(f"  published: {first}")
        for block in part.blocks:
            lines.extend(block_lines(block, "  ", full))
        for note in part.notes:
            tag = f" generated by {note.rule}" if note.generated else ""
            num = f" {note.number}" if note.number else ""
            lines.append(f"  note{num} {note.id}{tag}: {_short(plain_text(note.inlines), full)}")
    return "\n".join(lines) + "\n"
