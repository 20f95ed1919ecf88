"""Plain-text parts, as authors paste them from the web, -> Part.

One line is one paragraph (blank lines are ignored); the first line is the
title.  The rules of `structure` say which lines are headings, quotations,
verses, attributions and sign-offs.
"""

from __future__ import annotations

from ..model import Block, Break, Heading, Paragraph, Part, Provenance, Quotation, SignOff, Verse
from .structure import (
    closes_at_end,
    ends_with_close,
    ends_with_say,
    is_attribution,
    is_heading,
    is_scene_break,
    is_sign_off,
    make_poem,
    poem_after,
    poem_from,
    quote_opening,
    split_verses,
    verse_line,
)

# a quotation opened on one line closes within this many lines, or it is not
# a multi-line quotation (the opening mark is then a typo the linter reports)
MAX_QUOTE_LINES = 40


def read_text(text: str, file: str, sign_offs: tuple[str, ...] = ()) -> tuple[str, int, list[Block]]:
    """Return (title, title line, blocks) of a plain-text part."""
    lines = text.split("\n")
    numbered = [(no, line.strip()) for no, line in enumerate(lines, 1) if line.strip()]
    title_no, title = numbered[0]
    body = numbered[1:]
    blocks: list[Block] = []
    lines = [ln for _, ln in body]
    provs = [Provenance(file, n) for n, _ in body]
    i = 0
    while i < len(body):
        no, line = body[i]
        prov = Provenance(file, no)
        verse = verse_line(line)
        pair = quote_opening(line)
        if is_scene_break(line):
            blocks.append(Break(prov))
        elif introduced := poem_after(lines, i):
            # «قال الشاعر:» and the verse it introduces
            blocks.append(Paragraph(split_verses(line), prov, attributes_quote=True))
            blocks.append(make_poem(introduced, provs))
            i = introduced[-1].last
        elif bayts := poem_from(lines, i):
            blocks.append(make_poem(bayts, provs))
            i = bayts[-1].last
        elif verse is not None:
            blocks.append(Verse(verse, prov))
        elif pair and closes_at_end(line, *pair):
            blocks.append(Quotation((Paragraph(split_verses(line), prov),), prov, "".join(pair)))
        elif pair and (end := _quote_end(body, i, pair[1])) is not None:
            paras = tuple(Paragraph(split_verses(ln), Provenance(file, n)) for n, ln in body[i : end + 1])
            blocks.append(Quotation(paras, Provenance(file, no, body[end][0]), "".join(pair)))
            i = end
        elif is_sign_off(line, sign_offs):
            blocks.append(SignOff(split_verses(line), prov))
        elif is_heading(line):
            blocks.append(Heading(2, split_verses(line), prov))
        elif is_attribution(line):
            blocks.append(Paragraph(split_verses(line), prov, attributes_quote=True))
            # `كتب يقول:` followed by an unmarked line: that line is the quotation
            if ends_with_say(line) and i + 1 < len(body) and _unmarked_quote(body[i + 1][1], sign_offs):
                i += 1
                n, ln = body[i]
                p = Paragraph(split_verses(ln), Provenance(file, n))
                blocks.append(Quotation((p,), p.prov, ""))
        else:
            blocks.append(Paragraph(split_verses(line), prov))
        i += 1
    return title, title_no, blocks


def _quote_end(body: list[tuple[int, str]], start: int, close_ch: str) -> int | None:
    """Index of the line that closes a quotation opened at `start`."""
    for j in range(start + 1, min(len(body), start + MAX_QUOTE_LINES)):
        line = body[j][1]
        if quote_opening(line) or verse_line(line) or is_heading(line) or is_scene_break(line):
            return None
        if ends_with_close(line, close_ch):
            return j
    return None


def _unmarked_quote(line: str, sign_offs: tuple[str, ...]) -> bool:
    return not (
        quote_opening(line)
        or verse_line(line)
        or is_heading(line)
        or is_attribution(line)
        or is_sign_off(line, sign_offs)
        or is_scene_break(line)
    )


def make_part(number: int, title: str, title_no: int, blocks: list[Block], file: str) -> Part:
    return Part(
        number=number,
        title=split_verses(title),
        blocks=tuple(blocks),
        source_path=file,
        title_prov=Provenance(file, title_no),
    )
