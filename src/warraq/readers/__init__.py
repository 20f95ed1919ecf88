"""Readers: manuscript files -> Part.  A registry keyed by file suffix."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import MAX_PART_NUMBER, publication_date
from ..errors import AssemblyError, InputError, os_reason, reading
from ..i18n import Msg, msg, nmsg
from ..model import (
    Block,
    Emphasis,
    Figure,
    Finding,
    Heading,
    Inline,
    Link,
    List,
    ListItem,
    Note,
    NoteRef,
    Paragraph,
    Part,
    Poem,
    Provenance,
    Quotation,
    SignOff,
    Table,
    plain_text,
    replace,
)
from ..publishing.images import ImageError, check_image, named_for_content, read_image, resolve
from .decode import MAX_BYTES, decode_lines
from .docx.package import MAX_FILE
from .structure import infer_blocks, number_from_filename, number_from_title, parse_digits, split_verses
from .text import make_part, read_text
from .web import SHORT_ARTICLE_WORDS, WebPage, read_page

# the number of a web part that takes its place in the series from its date
# (assemble.number_by_date gives it its number once every part is read)
BY_DATE = -1


def _read_txt(text: str, file: str, order: dict[str, int], sign_offs: tuple[str, ...]) -> Part:
    title, title_no, blocks = read_text(text, file, sign_offs)
    number = _number(title, title_no, file, order)
    return make_part(number, title, title_no, blocks, file)


# the Markdown and Word readers are imported when a part of theirs is read:
# a book of plain-text parts does not load markdown-it nor the Word reader
# (about a fifth of a fresh `warraq build`'s imports)


def _read_md(text: str, file: str, order: dict[str, int], sign_offs: tuple[str, ...]) -> Part:
    from .markdown import footnote_label, read_markdown

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
    first = {key: found.front[key][0] for key in ("published", "venue", "url") if key in found.front}
    if "published" in first:
        problem = publication_date(first["published"])
        if problem:
            raise InputError(
                msg("front matter {key}: {problem}", key="published", problem=problem),
                file,
                found.front["published"][1],
            )
    part = Part(number, split_verses(title), blocks, file, Provenance(file, title_no), notes, warnings)
    return replace(part, **first)


def _read_docx(data: bytes, file: str, order: dict[str, int], sign_offs: tuple[str, ...]) -> Part:
    from .docx import read_docx

    found = read_docx(data, file, sign_offs)
    number = _number(found.title_text, 0, file, order)  # 0: a Word part has no line to name
    # note ids by order of call (fn1, fn2 …, en1 …), not the file's own ids, which each program numbers its way
    ids: dict[str, str] = {}
    of_kind: dict[str, int] = {}  # how many ids of each kind so far (counted once, not recounted per note)
    for kind, note_id, _, _ in found.notes:
        key = f"{kind}:{note_id}"
        known = key in ids
        ids[key] = f"n{number}-{kind}{of_kind.get(kind, 0) + 1}"
        if not known:
            of_kind[kind] = of_kind.get(kind, 0) + 1
    notes = tuple(Note(ids[f"{kind}:{note_id}"], inlines, prov) for kind, note_id, inlines, prov in found.notes)
    blocks = tuple(_rename_refs(b, ids) for b in infer_blocks(found.paras, sign_offs))
    part = Part(number, found.title, blocks, file, found.title_prov, notes, tuple(found.findings))
    return _published_docx(part, data)


def _published_docx(part: Part, data: bytes) -> Part:
    """The part with its first publication from the Word file's properties
    (docx/properties.py): a date that is no date of publication is a warning."""
    from .docx.properties import first_publication

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = first_publication(archive)
    except (zipfile.BadZipFile, OSError, ValueError):
        return part
    problem = publication_date(found["published"]) if "published" in found else None
    if problem is not None:
        found.pop("published")
        message = msg("the Word file's {property} property: {problem}", property="Publish Date", problem=problem)
        finding = Finding("docx", "docx-publish-date", message, part.title_prov, "warning")
        part = replace(part, findings=(*part.findings, finding))
    return replace(part, **found) if found else part


def _read_html(data: bytes, path: Path, file: str, order: dict[str, int], options: ReadOptions) -> Part:
    page = read_page(data, file, path, options.link_notes)
    title_prov = Provenance(file, 1, unit="¶")
    if not page.title:
        raise InputError(msg("no title: the page has no headline"), file)
    name = Path(file).name
    from_title = number_from_title(page.title)
    from_name = None if _DATED_NAME.match(name) else number_from_filename(name)
    if from_title is not None:
        number = _plausible(from_title, msg("the title"), file, 1)
    elif from_name is not None:
        number = _plausible(from_name, msg("the file name"), file, 1)
    elif name in order:
        number = order[name]
    elif page.published:
        number = BY_DATE
    elif page.published_hijri:
        raise AssemblyError(
            msg(
                "no part number: not in the title {title}, and the page's only date, the Hijri {hijri}, "
                "is outside the years the calendar converts ({low} to {high} AH); give {name} a number "
                "in the {table} table of {file}",
                title=repr(page.title),
                hijri=repr(page.published_hijri),
                low=1343,
                high=1500,
                name=repr(name),
                table="[order]",
                file="book.toml",
            ),
            file,
        )
    else:
        raise AssemblyError(
            msg(
                "no part number: not in the title {title}, no date in the page, "
                "and no {table} entry for {name} in {file}",
                title=repr(page.title),
                table="[order]",
                name=repr(name),
                file="book.toml",
            ),
            file,
        )
    body: list[Block] = []
    run: list = []
    for item in [*page.paras, None]:
        if isinstance(item, (Figure, Table)) or item is None:
            body += infer_blocks(run, options.sign_offs)
            run = []
            if item is not None:
                body.append(item)
        else:
            run.append(item)
    findings = [*page.findings, _page_finding(page, file)]
    if page.words < SHORT_ARTICLE_WORDS:
        short = nmsg(
            "only {n} word was found in the page: is the article all there?",
            "only {n} words were found in the page: is the article all there?",
            n=page.words,
        )
        findings.append(Finding("web", "web-short", short, title_prov, "warning"))
    if page.language != "ar":
        other = msg("the page's text is not Arabic ({script})", script=page.language or "?")
        findings.append(Finding("web", "web-language", other, title_prov, "warning"))
    return Part(
        number,
        split_verses(page.title),
        tuple(body),
        file,
        title_prov,
        tuple(page.notes),
        tuple(findings),
        published=page.published,
        venue=page.venue,
        url=page.url,
        published_hijri=page.published_hijri,
        published_calendar=page.published_calendar,
    )


_DATED_NAME = re.compile(r"^[0-9٠-٩]{4}-?[0-9٠-٩]{2}-?[0-9٠-٩]{2}(?:[-_ .]|$)")


def _page_finding(page: WebPage, file: str) -> Finding:
    """What the reader took from a page, for `check` and the preview."""
    unknown = msg("unknown")
    said = msg("{language} (the page says {declared})", language=page.language, declared=page.declared)
    text = msg(
        "web page: title {title}; author {author}; date {date}{hijri}; site {site}; {words} words; "
        "{notes} notes; {figures} pictures; language {language}; "
        "{dropped} words left out as the site's chrome{examples}",
        title=repr(page.title),
        author=page.author or unknown,
        date=page.published or unknown,
        hijri=" (" + page.published_hijri + ")" if page.published_hijri else "",
        site=page.venue or unknown,
        words=page.words,
        notes=sum(not n.generated for n in page.notes),
        figures=sum(isinstance(p, Figure) for p in page.paras),
        language=said if page.declared and page.declared.split("-")[0].lower() != page.language else page.language,
        dropped=page.dropped_words,
        examples=(" (" + " · ".join(repr(d) for d in page.dropped[:3]) + ")") if page.dropped else "",
    )
    return Finding("web", "web-page", text, Provenance(file, 1, unit="¶"), "info")


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


@dataclass(frozen=True)
class ReadOptions:
    """What of the book's settings a reader of pages uses."""

    sign_offs: tuple[str, ...] = ()
    link_notes: bool = False  # [web] link_notes: a link's address in a note


# readers of files that stand with others (a saved web page and its
# `_files/` folder): given the file's bytes and its path
PAGE_READERS: dict[str, Callable[[bytes, Path, str, dict[str, int], ReadOptions], Part]] = {
    ".html": _read_html,
    ".htm": _read_html,
}


def read_part(
    path: Path,
    display: str,
    order: dict[str, int],
    sign_offs: tuple[str, ...] = (),
    link_notes: bool = False,
    root: Path | None = None,
) -> Part:
    """Read one part file; `display` is the name used in messages and provenance.
    With the book's folder `root`, its figures are found and checked
    (`attach_images`); without it they stay as the part names them."""
    part = _read_part(path, display, order, sign_offs, link_notes)
    return attach_images(part, path, root) if root is not None else part


def _read_part(path: Path, display: str, order: dict[str, int], sign_offs: tuple[str, ...], link_notes: bool) -> Part:
    reader = READERS.get(path.suffix.lower())
    binary = BINARY_READERS.get(path.suffix.lower())
    page = PAGE_READERS.get(path.suffix.lower())
    if reader is None and binary is None and page is None:
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
        if page is not None:
            return page(data, path, display, order, ReadOptions(sign_offs, link_notes))
        if binary is not None:
            return with_poem_findings(binary(data, display, order, sign_offs))
        assert reader is not None
        text, _encoding, repaired = decode_lines(data, display)
        part = reader(text, display, order, sign_offs)
    found = [Finding("encoding", "mixed-encoding", what, Provenance(display, no), "warning") for no, what in repaired]
    return with_poem_findings(replace(part, findings=(*found, *part.findings)) if found else part)


def with_poem_findings(part: Part) -> Part:
    """The part with a finding for each poem its reader recognised, so the
    author can check in `check` and the preview what was set as verse."""
    found = [
        Finding(
            "poem",
            "poem",
            nmsg("set as verse: a poem of {n} bayt", "set as verse: a poem of {n} bayts", n=len(block.bayts)),
            block.prov,
            data={"bayts": len(block.bayts)},
        )
        for block in part.blocks
        if isinstance(block, Poem)
    ]
    return replace(part, findings=(*part.findings, *found)) if found else part


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
                if node.note_id not in ids:  # (a Word note dropped as empty, in a table's copy of a call)
                    continue
                node = NoteRef(ids[node.note_id])
            elif isinstance(node, (Emphasis, Link)):
                node = replace(node, children=fix(node.children))
            out.append(node)
        return tuple(out)

    if isinstance(block, Quotation):
        return replace(block, paragraphs=tuple(replace(p, inlines=fix(p.inlines)) for p in block.paragraphs))
    if isinstance(block, (Paragraph, Heading, SignOff)):
        return replace(block, inlines=fix(block.inlines))
    if isinstance(block, Table):
        rows = tuple(tuple(replace(c, inlines=fix(c.inlines)) for c in row) for row in block.rows)
        return replace(block, rows=rows, caption=fix(block.caption))
    if isinstance(block, List):
        return replace(block, items=tuple(_rename_item(item, ids) for item in block.items))
    if isinstance(block, Figure):
        return replace(block, caption=fix(block.caption), credit=fix(block.credit))
    if isinstance(block, Poem):  # a note call at a hemistich's end
        return replace(block, bayts=tuple(replace(b, sadr=fix(b.sadr), ajuz=fix(b.ajuz)) for b in block.bayts))
    return block


def _rename_item(item: ListItem, ids: dict[str, str]) -> ListItem:
    children = tuple(_rename_refs(lst, ids) for lst in item.children)
    fixed = _rename_refs(Paragraph(item.inlines, item.prov), ids)
    assert isinstance(fixed, Paragraph)
    return replace(item, inlines=fixed.inlines, children=children)  # type: ignore[arg-type]


# ---------------------------------------------------------------- figures


def attach_images(part: Part, path: Path, root: Path) -> Part:
    """The part with each figure's file found (beside the part, then in the
    book's folder), checked, and its bytes attached; a figure without a
    description takes its caption as one, and that is reported.  A file that
    is missing, outside the project or not an image an EPUB may hold is one
    error naming the part's line and the file: nothing is written."""
    found: list[Finding] = []
    blocks = []
    for block in part.blocks:
        if isinstance(block, Figure):
            block = _attach(block, path, root, found)
        blocks.append(block)
    if not any(isinstance(b, Figure) for b in part.blocks):
        return part
    return replace(part, blocks=tuple(blocks), findings=(*part.findings, *found))


def _attach(figure: Figure, path: Path, root: Path, found: list[Finding]) -> Figure:
    prov = figure.prov
    try:
        if figure.data:  # carried inside the part (a Word file's picture, a saved page's)
            # its name is the reader's, not the author's: named for what it holds
            src, data = named_for_content(figure.src, figure.data), figure.data
            info = check_image(data, src)
        else:
            src = resolve(figure.src, path, root)
            data, info = read_image(src, root)
    except ImageError as exc:
        if prov.unit:  # a Word part's paragraph: `file:¶3`
            raise InputError(exc.message, f"{prov.file}:{prov.span()}") from None
        raise InputError(exc.message, prov.file, prov.line) from None
    alt = figure.alt
    if not alt:
        alt = plain_text(figure.caption).strip()
        if alt:
            message = msg("the figure {file} has no description (alt text): its caption stands for it", file=figure.src)
        else:
            message = msg(
                "the figure {file} has neither a description (alt text) nor a caption: readers who cannot see it "
                "learn nothing of it; give it a description",
                file=figure.src,
            )
        found.append(Finding("figure", "figure-no-alt", message, prov, "warning"))
    return replace(figure, src=src, alt=alt, data=data, media_type=info.media_type)


SUFFIXES = (*READERS, *BINARY_READERS, *PAGE_READERS)
