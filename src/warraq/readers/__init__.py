"""Readers: manuscript files -> Part.  A registry keyed by file suffix."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..config import MAX_PART_NUMBER
from ..errors import AssemblyError, InputError, os_reason, reading
from ..i18n import Msg, msg
from ..model import (
    Block,
    Emphasis,
    Finding,
    Heading,
    Inline,
    Link,
    Note,
    NoteRef,
    Paragraph,
    Part,
    Provenance,
    Quotation,
    SignOff,
    replace,
)
from .decode import MAX_BYTES, decode_lines
from .docx import read_docx
from .docx.package import MAX_FILE
from .markdown import footnote_label, read_markdown
from .structure import infer_blocks, number_from_filename, number_from_title, parse_digits, split_verses
from .text import make_part, read_text


def _read_txt(text: str, file: str, order: dict[str, int], sign_offs: tuple[str, ...]) -> Part:
    title, title_no, blocks = read_text(text, file, sign_offs)
    number = _number(title, title_no, file, order)
    return make_part(number, title, title_no, blocks, file)


def _read_md(text: str, file: str, order: dict[str, int], sign_offs: tuple[str, ...]) -> Part:
    found = read_markdown(text, file, sign_offs)
    title, title_no = found.title, found.title_line
    if "title" in found.front:
        title, title_no = found.front["title"]
    number = None
    if "number" in found.front:  # before the title: the line at fault first
        value, no = found.front["number"]
        number = parse_digits(value)
        if number is None:
            raise InputError(
                msg("front matter {key} {value} is not a number", key="number", value=repr(value[:40])), file, no
            )
        _plausible(number, msg("front matter {key}", key="`number:`"), file, no)
    if not title:
        raise InputError(
            msg("no title: give {key} in front matter or a {heading} first", key="`title:`", heading="`# heading`"),
            file,
            1,
        )
    if number is None:
        number = _number(title, title_no, file, order)
    # note ids unique across the book: part number + the author's label
    ids = {label: f"n{number}-{_slug(label)}" for label, _, _ in found.notes}
    for label, line in found.refs:
        if label not in ids:
            raise InputError(
                msg("footnote {label} is called but never defined", label=footnote_label(label)), file, line
            )
    notes = tuple(Note(ids[label], inlines, prov) for label, inlines, prov in found.notes)
    blocks = tuple(_rename_refs(b, ids) for b in found.blocks)
    warnings = tuple(
        Finding("markdown", rule, msg, Provenance(file, no), "warning") for no, rule, msg in found.warnings
    )
    return Part(number, split_verses(title), blocks, file, Provenance(file, title_no), notes, warnings)


def _read_docx(data: bytes, file: str, order: dict[str, int], sign_offs: tuple[str, ...]) -> Part:
    found = read_docx(data, file, sign_offs)
    number = _number(found.title_text, 0, file, order)  # 0: a Word part has no line to name
    # note ids by order of call (fn1, fn2 …, en1 …), not the file's own ids, which each program numbers its way
    ids: dict[str, str] = {}
    for kind, note_id, _, _ in found.notes:
        ids[f"{kind}:{note_id}"] = f"n{number}-{kind}{sum(k.startswith(kind) for k in ids) + 1}"
    notes = tuple(Note(ids[f"{kind}:{note_id}"], inlines, prov) for kind, note_id, inlines, prov in found.notes)
    blocks = tuple(_rename_refs(b, ids) for b in infer_blocks(found.paras, sign_offs))
    return Part(number, found.title, blocks, file, found.title_prov, notes, tuple(found.findings))


READERS: dict[str, Callable[[str, str, dict[str, int], tuple[str, ...]], Part]] = {
    ".txt": _read_txt,
    ".text": _read_txt,
    ".md": _read_md,
    ".markdown": _read_md,
}
# readers of files that are not text: given the file's bytes (.doc: to say
# clearly that Word 97-2003 files must be saved as .docx)
BINARY_READERS: dict[str, Callable[[bytes, str, dict[str, int], tuple[str, ...]], Part]] = {
    ".docx": _read_docx,
    ".doc": _read_docx,
}

READ_LIMIT = max(MAX_BYTES, MAX_FILE)  # the largest part file any reader takes


def read_part(path: Path, display: str, order: dict[str, int], sign_offs: tuple[str, ...] = ()) -> Part:
    """Read one part file; `display` is the name used in messages and provenance."""
    reader = READERS.get(path.suffix.lower())
    binary = BINARY_READERS.get(path.suffix.lower())
    if reader is None and binary is None:
        raise InputError(
            msg("unknown part type {suffix} (known: {known})", suffix=repr(path.suffix), known=", ".join(SUFFIXES)),
            display,
        )
    try:  # at most one byte past the largest part any reader takes: a 4 GB file is not read whole
        with path.open("rb") as fh:
            data = fh.read(READ_LIMIT + 1)
    except OSError as exc:
        raise InputError(msg("cannot read: {reason}", reason=os_reason(exc)), display) from None
    with reading(display):
        if binary is not None:
            return binary(data, display, order, sign_offs)
        assert reader is not None
        text, _encoding, repaired = decode_lines(data, display)
        part = reader(text, display, order, sign_offs)
    found = [Finding("encoding", "mixed-encoding", what, Provenance(display, no), "warning") for no, what in repaired]
    return replace(part, findings=(*found, *part.findings)) if found else part


def _number(title: str, title_no: int, file: str, order: dict[str, int]) -> int:
    name = Path(file).name
    from_title, from_name = number_from_title(title), number_from_filename(name)
    if from_title is not None:
        return _plausible(from_title, msg("the title"), file, title_no)
    if from_name is not None and (from_name <= MAX_PART_NUMBER or name not in order):
        # a file named like a date (`20240115-intro.txt`) can take its number from [order]
        return _plausible(from_name, msg("the file name"), file, title_no)
    if name in order:
        return order[name]
    raise AssemblyError(
        msg(
            "no part number: not in the title {title}, not in the file name, and no {table} entry for {name} in {file}",
            title=repr(title),
            table="[order]",
            name=repr(name),
            file="book.toml",
        ),
        file,
        title_no,
    )


def _plausible(number: int, where: Msg, file: str, line: int) -> int:
    """A part number, or an error for a runaway one (a date, a typo)."""
    if number > MAX_PART_NUMBER:
        # as typed (a str: no thousands separator), or said in words
        shown = str(number) if number < 10**18 else msg("a number of 19 digits or more")
        raise AssemblyError(
            msg(
                "part number {number} (from {where}) is implausible: over {limit}; "
                "give the part's number in its title or in {table} of {file}",
                number=shown,
                where=where,
                limit=MAX_PART_NUMBER,
                table="[order]",
                file="book.toml",
            ),
            file,
            line,
        )
    return number


def _slug(label: str) -> str:
    return re.sub(r"[^\w-]+", "-", label).strip("-") or "x"


def _rename_refs(block: Block, ids: dict[str, str]) -> Block:
    """Point NoteRef labels at the book-wide note ids."""

    def fix(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for node in inlines:
            if isinstance(node, NoteRef):
                node = NoteRef(ids[node.note_id])
            elif isinstance(node, (Emphasis, Link)):
                node = replace(node, children=fix(node.children))
            out.append(node)
        return tuple(out)

    if isinstance(block, Quotation):
        return replace(block, paragraphs=tuple(replace(p, inlines=fix(p.inlines)) for p in block.paragraphs))
    if isinstance(block, (Paragraph, Heading, SignOff)):
        return replace(block, inlines=fix(block.inlines))
    return block


SUFFIXES = (*READERS, *BINARY_READERS)
