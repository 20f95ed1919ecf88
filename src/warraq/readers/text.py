"""Plain-text parts, as authors paste them from the web, -> Part.

One line is one paragraph (blank lines are ignored); the first line is the
title.  The rules of `structure` say which lines are headings, quotations,
verses, attributions and sign-offs.

Two or more lines in a row that start with list markers in sequence are a
list: `-` or `•` (bullets), `١-`, `1.`, `(١)`, `1)` (numbers), `أ-`, `(ب)`
(letters, abjad أ ب ج د or hijāʾī أ ب ت ث), `a)`; a marker of another kind
under an item starts a list nested in it.  A run of `(١)` lines whose
numbers the text calls (`…كما قال(١)`), or that follows a notes heading
(الهوامش), is the notes' text, not a list.

A figure is a line of its own:

    [صورة: images/map.jpg]
    [صورة: images/map.jpg | وصف الصورة لمن لا يراها] تعليق يظهر تحتها

the file (beside the part, or in the book's folder), then after `|` its
description (alt text), and after the bracket its caption.  `[شكل: …]` and
`[image: …]` are the same.
"""

from __future__ import annotations

import itertools
import re

from ..model import (
    Block,
    Break,
    Figure,
    Heading,
    List,
    ListItem,
    Paragraph,
    Part,
    Provenance,
    Quotation,
    SignOff,
    Verse,
)
from ..text.listmarks import Marker, letter_style, read_marker
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
    calls = note_calls(body)
    marks = [read_marker(line) for _, line in body]  # each line's list marker, read once
    blocks: list[Block] = []
    lines = [ln for _, ln in body]
    provs = [Provenance(file, n) for n, _ in body]
    i = 0
    while i < len(body):
        no, line = body[i]
        prov = Provenance(file, no)
        verse = verse_line(line)
        pair = quote_opening(line)
        run = None if (is_scene_break(line) or verse is not None) else list_run(body, i, file, calls, marks)
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
        elif (figure := figure_line(line, prov)) is not None:
            blocks.append(figure)
        elif run is not None:
            lst, i = run
            blocks.append(lst)
            continue
        elif pair and closes_at_end(line, *pair):
            blocks.append(Quotation((Paragraph(split_verses(line), prov),), prov, "".join(pair)))
        elif pair and (end := _quote_end(body, i, pair[1])) is not None:
            paras = tuple(Paragraph(split_verses(ln), Provenance(file, n)) for n, ln in body[i : end + 1])
            blocks.append(Quotation(paras, Provenance(file, no, body[end][0]), "".join(pair)))
            i = end
        elif is_sign_off(line, sign_offs):
            blocks.append(SignOff(split_verses(line), prov))
        elif is_heading(line) and list_run(body, i + 1, file, calls, marks) is None:
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


# ---------------------------------------------------------------- figures

_FIGURE = re.compile(r"^\[\s*(?:صورة|شكل|image)\s*:\s*([^|\]]+?)\s*(?:\|\s*([^\]]*?)\s*)?\]\s*(.*)$", re.I)


def figure_line(line: str, prov: Provenance) -> Figure | None:
    """`[صورة: images/map.jpg | description] caption` (see the module's doc)."""
    m = _FIGURE.match(line)
    if m is None:
        return None
    src, alt, caption = m.group(1), (m.group(2) or "").strip(), m.group(3).strip()
    return Figure(src, alt, split_verses(caption) if caption else (), prov)


# ---------------------------------------------------------------- lists

_NOTES_HEADINGS = ("الهوامش", "هوامش", "الحواشي", "الإحالات", "المراجع", "المصادر", "المصادر والمراجع")


# the most items a list is looked for in (a run of marked lines is read this
# far at a time, so a part of many thousand marked lines reads in linear time)
MAX_LIST_ITEMS = 200
_CALL = re.compile(r"\([0-9٠-٩۰-۹]{1,3}\)")


def note_calls(body: list[tuple[int, str]]) -> dict[str, int]:
    """Where each `(n)` first stands in the body (its index): note calls."""
    first: dict[str, int] = {}
    for index, (_, line) in enumerate(body):
        for m in _CALL.finditer(line):
            first.setdefault(m.group(), index)
    return first


def list_run(
    body: list[tuple[int, str]], start: int, file: str, calls: dict[str, int], marks: list[Marker | None]
) -> tuple[List, int] | None:
    """The list that starts at `body[start]`, and the index after it; None
    when the lines there are not a list (fewer than two items, numbers out
    of sequence, or a note's text)."""
    first, second = marks[start] if start < len(marks) else None, marks[start + 1] if start + 1 < len(marks) else None
    if first is None or second is None:
        return None
    if _key(first) == _key(second) and not _continues([first], second):
        return None  # (read no further: a run of `١-` lines costs one look a line)
    markers: list[tuple[int, str, Marker]] = []
    for (no, line), marker in zip(
        body[start : start + MAX_LIST_ITEMS], marks[start : start + MAX_LIST_ITEMS], strict=True
    ):
        if marker is None:
            break
        markers.append((no, line, marker))
    if len(markers) < 2:
        return None
    if _notes_text(body, start, markers, calls):
        return None
    lst, used = _build(markers, 0, file)
    if lst is None or len(lst.items) < 2:
        return None
    return lst, start + used


def _key(m: Marker) -> tuple[str, str]:
    return (m.kind, m.form if m.kind != "bullet" else m.letter)


def _build(markers: list[tuple[int, str, Marker]], at: int, file: str) -> tuple[List | None, int]:
    """The list of the markers from `at` that share the first one's kind,
    with the lines of another kind under an item nested in it (one level)."""
    key = _key(markers[at][2])
    items: list[tuple[int, str, Marker, list[List]]] = []
    j = at
    while j < len(markers):
        no, line, marker = markers[j]
        if _key(marker) == key:
            if items and not _continues([m for _, _, m, _ in items], marker):
                break  # the numbering starts again or skips: the list ends here
            items.append((no, line, marker, []))
            j += 1
        elif items and not items[-1][3] and at == 0:
            nested, used = _build(markers, j, file)
            # numbered or lettered lines after the last item are a list of their
            # own, unless the outer numbering takes up again after them
            resumes = j + used < len(markers) and _key(markers[j + used][2]) == key
            if nested is None or (nested.style != "bullet" and not resumes):
                break
            items[-1][3].append(nested)
            j += used
        else:
            break
    style, first = _style([m for _, _, m, _ in items])
    if style is None:
        return None, 0
    list_items = tuple(
        ListItem(split_verses(line[m.text_start :].strip()), Provenance(file, no), tuple(children))
        for no, line, m, children in items
    )
    last = items[-1][0]
    if items[-1][3]:
        last = items[-1][3][-1].prov.end_line
    return List(list_items, Provenance(file, items[0][0], last), style, first), j - at


def _continues(before: list[Marker], marker: Marker) -> bool:
    """Does `marker` number the item after `before` (same kind)?"""
    if marker.kind == "bullet":
        return True
    if marker.kind == "letter":
        return letter_style([m.letter for m in before] + [marker.letter]) is not None
    return marker.value == before[-1].value + 1


def _style(markers: list[Marker]) -> tuple[str | None, int]:
    """The numbering style of a run's markers and its first number, or None
    when they do not count in sequence."""
    kind = markers[0].kind
    if kind == "bullet":
        return "bullet", 1
    if kind == "letter":
        found = letter_style([m.letter for m in markers])
        return found if found else (None, 0)
    values = [m.value for m in markers]
    if any(b != a + 1 for a, b in itertools.pairwise(values)):
        return None, 0
    return ("decimal" if kind == "number" else "latin"), values[0]


def _notes_text(body: list[tuple[int, str]], start: int, markers: list, calls: dict[str, int]) -> bool:
    """Is the run the notes of the article: after a notes heading, or `(١)`
    lines whose numbers the text before them calls?"""
    previous = body[start - 1][1].strip(" :：") if start > 0 else ""
    if previous in _NOTES_HEADINGS:
        return True
    first = markers[0][2]
    if first.kind != "number" or first.form != "()":
        return False
    typed = markers[0][1][: first.text_start].strip()
    return calls.get(typed, start) < start
