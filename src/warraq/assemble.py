"""Order the parts into a Book and check their numbering."""

from __future__ import annotations

import itertools
import os
from datetime import date
from pathlib import Path

from .config import Config, inside_project
from .errors import AssemblyError, ConfigError, InputError, os_reason
from .i18n import msg, printable
from .model import Book, Finding, Part, Provenance, Source, replace
from .publishing.dates import HIJRI_UNCERTAIN_DAYS
from .readers import BY_DATE, SUFFIXES, read_part


def part_files(config: Config) -> list[Path]:
    """The part files of the book, in directory order (sorted by name)."""
    if not config.parts_dir.is_dir():
        raise ConfigError(msg("parts directory not found"), str(config.parts_dir))
    try:
        # hidden files, and Word's lock files (~$name.docx)
        entries = sorted(p for p in config.parts_dir.iterdir() if not p.name.startswith((".", "~$")))
    except OSError as exc:
        raise InputError(
            msg("cannot read the parts directory: {reason}", reason=os_reason(exc)), str(config.parts_dir)
        ) from None
    files = [p for p in entries if p.suffix.lower() in SUFFIXES and p.is_file()]
    for p in entries:
        if p.suffix.lower() in SUFFIXES and p.is_symlink() and not p.exists():
            raise InputError(
                msg("broken link: the part points to {target}, which does not exist", target=os.readlink(p)), str(p)
            )
    for p in files:
        if not inside_project(p, config.root):
            raise InputError(
                msg(
                    "the part links outside the project (to {target}): nothing outside it is read into the book",
                    target=str(p.resolve()),
                ),
                str(p),
            )
    if not files:
        raise AssemblyError(
            msg("no parts ({patterns}) in the parts directory", patterns="*" + ", *".join(SUFFIXES)),
            str(config.parts_dir),
        )
    return files


def display_name(path: Path, config: Config) -> str:
    """How a manuscript file is named in messages and outputs: relative to
    the project, its undecodable bytes (a name from a Windows-1256 archive)
    and control or bidi characters escaped (`printable`)."""
    base = config.root.parent if config.root.parent != config.root else config.root
    try:
        return printable(str(path.resolve().relative_to(base.resolve())))
    except ValueError:
        return printable(str(path))


def read_parts(config: Config) -> list[Part]:
    sign_offs = config.dedup.phrases
    return [
        read_part(p, display_name(p, config), config.order, sign_offs, config.web.link_notes, config.root)
        for p in part_files(config)
    ]


def number_by_date(parts: list[Part]) -> list[Part]:
    """Parts whose number is their date (web pages with no number in their
    title) take the places after the numbered parts, in date order (the file
    name breaks a tie)."""
    dated = sorted((p for p in parts if p.number == BY_DATE), key=lambda p: (p.published, p.source_path))
    if not dated:
        return parts
    first = max((p.number for p in parts if p.number != BY_DATE), default=0) + 1
    numbers = {id(p): first + i for i, p in enumerate(dated)}
    doubts = {id(b): doubtful_order(a, b) for a, b in itertools.pairwise(dated)}
    return [
        replace(
            p,
            number=numbers[id(p)],
            findings=(*p.findings, doubts[id(p)]) if doubts.get(id(p)) is not None else p.findings,
        )
        if id(p) in numbers
        else p
        for p in parts
    ]


def doubtful_order(before: Part, after: Part) -> Finding | None:
    """A warning when two parts ordered by their dates may be the other way
    round: the same day (the file names decide), or a day apart when one of
    the dates is a Hijri date's Umm al-Qura day (a month begun by sighting
    can start a day earlier or later)."""
    days = (date.fromisoformat(after.published) - date.fromisoformat(before.published)).days
    hijri = "hijri" in (before.published_calendar, after.published_calendar)
    if days > (HIJRI_UNCERTAIN_DAYS if hijri else 0):
        return None
    if days == 0 and not hijri:
        text = msg(
            "{file} and {other} are dated the same day ({date}): ordered by their file names; "
            "give their numbers in {table} if that is wrong",
            file=after.source_path,
            other=before.source_path,
            date=after.published,
            table="[order]",
        )
    else:
        text = msg(
            "{file} ({date}) comes after {other} ({other_date}), but one of the dates is Hijri and a "
            "local calendar may differ from Umm al-Qura by a day; give their numbers in {table} if that is wrong",
            file=after.source_path,
            date=after.published_hijri if after.published_calendar == "hijri" else after.published,
            other=before.source_path,
            other_date=before.published_hijri if before.published_calendar == "hijri" else before.published,
            table="[order]",
        )
    return Finding("order", "order-by-date-doubtful", text, after.title_prov, "warning")


def published(parts: list[Part], config: Config) -> tuple[list[Part], list[Finding]]:
    """The parts with their first publication from book.toml's
    `[parts."03.txt"]` tables, which win over what a part file says (front
    matter, a Word file's properties); a table naming no part is a warning."""
    if not config.publications:
        return parts, []
    names = {Path(p.source_path).name: i for i, p in enumerate(parts)}
    parts = list(parts)
    findings = []
    for name, pub in config.publications.items():
        i = names.get(name)
        if i is None:
            table = f'[parts."{name}"]'
            message = msg("{table} names no part file of the book", table=table)
            prov = Provenance(str(config.book_file), pub.line) if pub.line else None
            findings.append(Finding("order", "publication-no-part", message, prov, "warning"))
            continue
        given = {k: v for k, v in (("published", pub.published), ("venue", pub.venue), ("url", pub.url)) if v}
        parts[i] = replace(parts[i], **given)
    return parts, findings


def assemble(parts: list[Part], config: Config, sources: tuple[Source, ...] = ()) -> tuple[Book, list[Finding]]:
    """Order parts by number; duplicates are an error, gaps a warning."""
    parts = number_by_date(parts)
    findings: list[Finding] = [f for part in parts for f in part.findings]
    by_number: dict[int, Part] = {}
    for part in parts:
        other = by_number.get(part.number)
        if other is not None:
            raise AssemblyError(
                msg(
                    "part {number} is also {file} (line {line}): two parts with one number",
                    number=str(part.number),
                    file=other.source_path,
                    line=other.title_prov.line,
                ),
                part.source_path,
                part.title_prov.line,
            )
        by_number[part.number] = part
    ordered = [by_number[n] for n in sorted(by_number)]
    numbers = [p.number for p in ordered]
    for prev, nxt in itertools.pairwise(numbers):
        if nxt != prev + 1:
            # a range, never every number: a gap may be millions wide
            # part numbers as str: as the author numbers them (no thousands separator)
            first, last, between = str(prev + 1), str(nxt - 1), dict(before=str(prev), after=str(nxt))
            if nxt == prev + 2:
                missing = msg("part {part} is missing (between {before} and {after})", part=first, **between)
            elif nxt == prev + 3:
                missing = msg(
                    "parts {first} and {last} are missing (between {before} and {after})",
                    first=first,
                    last=last,
                    **between,
                )
            else:
                missing = msg(
                    "parts {first}–{last} are missing (between {before} and {after})",
                    first=first,
                    last=last,
                    **between,
                )
            after = by_number[nxt]
            findings.append(Finding("order", "part-gap", missing, after.title_prov, level="warning"))
    return Book(config.meta, tuple(ordered), sources), findings
