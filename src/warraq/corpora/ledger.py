"""The sources ledger: `sources.toml` -> `Source` entries, checked, and the
citations footnotes carry (Arabic book style, ARABIC.md "Citing sources").

One `[[source]]` table per source; only `key` and `kind` are always required:

    [[source]]
    key = "tabari"                      # cited as [@tabari] in Markdown parts
    kind = "book"                       # book, hadith, article, chapter, web, other
    author = "محمد بن جرير الطبري"
    title = "تاريخ الرسل والملوك"
    aliases = ["الطبري"]                # how the text names it: يقول الطبري:
    match = ["إن هذا يوم من أيام الله"]  # words of a quotation taken from it

An unknown field, a duplicate key, an alias two sources claim, a missing
required field or an `also` naming no source is a ConfigError naming the line.
An empty (or missing) file is a valid, empty ledger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..config import load_toml
from ..errors import ConfigError
from ..i18n import Msg, msg
from ..model import Inline, Isolate, Provenance, Source, Text, merge_text
from ..text.arabic import format_number, is_arabic, key

KINDS = ("book", "hadith", "article", "chapter", "web", "other")
TEXT_FIELDS = (
    "key",
    "kind",
    "title",
    "author",
    "translator",
    "editor",
    "publisher",
    "place",
    "collection",
    "short",
    "url",
    "original",
)
NUMBER_FIELDS = ("year", "volume", "page", "number")  # a TOML integer or a string
LIST_FIELDS = ("aliases", "match", "also")
FIELDS = TEXT_FIELDS + NUMBER_FIELDS + LIST_FIELDS
KEY = re.compile(r"[\w.-]+")  # as `[@key]` is written in Markdown parts
_HEADER = re.compile(r"^\s*\[\[\s*source\s*\]\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")


@dataclass(frozen=True)
class _Lines:
    """Where things are in the file, for messages: line numbers by position."""

    text: str

    def headers(self) -> list[int]:
        return [no for no, line in enumerate(self.text.splitlines(), 1) if _HEADER.match(line)]

    def field(self, header: int, name: str) -> int:
        """The line of `name = ...` in the table starting at line `header`."""
        lines = self.text.splitlines()
        for no in range(header + 1, len(lines) + 1):
            line = lines[no - 1]
            if _ANY_HEADER.match(line):
                break
            if re.match(rf'^\s*"?{re.escape(name)}"?\s*=', line):
                return no
        return header

    def first(self, pattern: str) -> int | None:
        for no, line in enumerate(self.text.splitlines(), 1):
            if re.match(pattern, line):
                return no
        return None


def load_ledger(path: Path, digits: str = "arabic-indic") -> tuple[Source, ...]:
    """Read and check a sources.toml; a missing file is an empty ledger.

    Numbers written as TOML integers (`year = 2008`) are shown in the book's
    digits; numbers written as strings are kept as typed.
    """
    if not path.is_file():
        return ()
    data, text = load_toml(path)
    file = str(path)
    where = _Lines(text)
    for name, value in data.items():
        if name != "source":
            line = where.first(rf'^\s*\[*\s*"?{re.escape(name)}\b')
            raise ConfigError(
                msg(
                    "unknown entry {name}: {file} holds only {table} tables",
                    name=repr(name),
                    file="sources.toml",
                    table="[[source]]",
                ),
                file,
                line,
            )
        if not isinstance(value, list):
            line = where.first(r"^\s*\[\s*source\b")
            raise ConfigError(
                msg("write each source as a {table} table with a {field} field", table="[[source]]", field="key ="),
                file,
                line,
            )
    tables = data.get("source", [])
    headers = where.headers()
    if len(headers) != len(tables):  # pragma: no cover - only with inline arrays of tables
        raise ConfigError(msg("write each source as its own {table} table", table="[[source]]"), file)
    sources: list[Source] = []
    keys: dict[str, int] = {}
    aliases: dict[str, tuple[str, int]] = {}
    for table, header in zip(tables, headers, strict=True):
        source = _source(table, header, where, file, digits)
        if source.key in keys:
            raise ConfigError(
                msg("duplicate source key {key} (first at line {line})", key=repr(source.key), line=keys[source.key]),
                file,
                header,
            )
        keys[source.key] = header
        for alias in source.aliases:
            k = key(alias)
            if not k:
                raise ConfigError(
                    msg("alias {alias} has no letters", alias=repr(alias)), file, where.field(header, "aliases")
                )
            owner = aliases.get(k)
            if owner and owner[0] != source.key:
                raise ConfigError(
                    msg(
                        "alias {alias} is claimed by two sources: {first} (line {line}) and {second}",
                        alias=repr(alias),
                        first=repr(owner[0]),
                        line=owner[1],
                        second=repr(source.key),
                    ),
                    file,
                    where.field(header, "aliases"),
                )
            aliases[k] = (source.key, header)
        sources.append(source)
    for source in sources:
        for other in source.also:
            if other not in keys or other == source.key:
                line = where.field(source.prov.line if source.prov else 0, "also")
                raise ConfigError(
                    msg(
                        "source {key}: {setting} names no other source",
                        key=repr(source.key),
                        setting="also = " + repr(other),
                    ),
                    file,
                    line,
                )
    return tuple(sources)


def _source(table: dict, header: int, where: _Lines, file: str, digits: str) -> Source:
    def fail(name: str, message: Msg) -> ConfigError:
        return ConfigError(message, file, where.field(header, name))

    values: dict[str, object] = {}
    for name, value in table.items():
        if name not in FIELDS:
            raise fail(
                name,
                msg(
                    "unknown field {name} in {table} (known: {known})",
                    name=repr(name),
                    table="[[source]]",
                    known=", ".join(FIELDS),
                ),
            )
        if name in TEXT_FIELDS:
            if not isinstance(value, str):
                raise fail(name, msg("{field} must be a string", field=name))
            values[name] = value.strip()
        elif name in NUMBER_FIELDS:
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                raise fail(name, msg("{field} must be a number or a string", field=name))
            values[name] = format_number(value, digits) if isinstance(value, int) else value.strip()
        else:
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise fail(name, msg("{field} must be a list of strings", field=name))
            values[name] = tuple(v.strip() for v in value)
    for required in ("key", "kind"):
        if not values.get(required):
            raise ConfigError(msg("{table} needs a {field}", table="[[source]]", field=required), file, header)
    if not KEY.fullmatch(str(values["key"])):
        raise fail(
            "key",
            msg(
                "key {key}: use letters, digits, {dot}, {hyphen} and {underscore} only",
                key=repr(values["key"]),
                dot="'.'",
                hyphen="'-'",
                underscore="'_'",
            ),
        )
    if values["kind"] not in KINDS:
        raise fail("kind", msg("kind {kind} is not one of {known}", kind=repr(values["kind"]), known=", ".join(KINDS)))
    if values["kind"] == "hadith":
        for required in ("collection", "number"):
            if not values.get(required):
                raise ConfigError(
                    msg("source {key}: a hadith needs a {field}", key=repr(values["key"]), field=required), file, header
                )
    elif not values.get("title"):
        raise ConfigError(msg("source {key} needs a {field}", key=repr(values["key"]), field="title"), file, header)
    for name in ("match",):
        for phrase in values.get(name, ()):  # type: ignore[union-attr]
            if len(key(str(phrase)).split()) < 3:
                raise fail(
                    name,
                    msg("match phrase {phrase} is too short to be sure (three words at least)", phrase=repr(phrase)),
                )
    values.setdefault("title", "")
    return Source(**values, prov=Provenance(file, header))  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# citations


def _piece(value: str) -> list[Inline]:
    """Arabic text as it is; Latin bibliographic data isolated (<bdi>)."""
    return [Text(value) if is_arabic(value) or not re.search("[A-Za-z]", value) else Isolate(value)]


def _join(pieces: list[list[Inline]], end: str = ".") -> tuple[Inline, ...]:
    """Pieces separated by the Arabic comma, as a citation lists them."""
    out: list[Inline] = []
    for i, piece in enumerate(pieces):
        if i:
            out.append(Text("، "))
        out.extend(piece)
    if end:
        out.append(Text(end))
    return merge_text(out)


def _quoted_title(source: Source) -> str:
    """An article's or a chapter's title stands in «»; a book's as it is."""
    return f"«{source.title}»" if source.kind in ("article", "chapter", "web") else source.title


def _hadith(source: Source) -> list[list[Inline]]:
    return [_piece(p) for p in (source.collection, source.title, f"رقم ({source.number})") if p]


def full_citation(source: Source, locator: str = "", ledger: dict[str, Source] | None = None) -> tuple[Inline, ...]:
    """The first note to a source in a part: what the ledger knows, in the
    order of Arabic books: author, title (original), translator, editor,
    publisher, place, year, volume, page; a hadith: collection, book, number,
    then the other collections that have it (`also`)."""
    if source.kind == "hadith":
        out = list(_join(_hadith(source), end=""))
        for other in source.also:
            also = (ledger or {}).get(other)
            if also is not None:
                pieces = _hadith(also) if also.kind == "hadith" else [_piece(_quoted_title(also))]
                out += [Text("؛ "), *_join(pieces, end="")]
        if locator:
            out.append(Text(f"، {locator}"))
        out.append(Text("."))
        return merge_text(out)
    title = _piece(_quoted_title(source))
    if source.original:
        title += [Text(" ("), *_piece(source.original), Text(")")]
    pieces = [_piece(source.author)] if source.author else []
    pieces.append(title)
    if source.collection:
        pieces.append(_piece(source.collection))
    if source.translator:
        pieces.append(_piece(f"ترجمة {source.translator}"))
    if source.editor:
        pieces.append(_piece(f"تحقيق {source.editor}"))
    pieces += [_piece(p) for p in (source.publisher, source.place, source.year) if p]
    if source.volume:
        pieces.append(_piece(f"ج {source.volume}"))
    if source.page:
        pieces.append(_piece(f"ص {source.page}"))
    if locator:
        pieces.append(_piece(locator))
    if source.url:
        pieces.append(_piece(source.url))
    return _join(pieces)


def short_citation(source: Source, locator: str = "") -> tuple[Inline, ...]:
    """A later note to the same source in a part: `short`, or the author's
    last name and the title (`الطبري، تاريخ الرسل والملوك`), or a hadith's
    collection and number."""
    if source.short:
        texts = [source.short]
    elif source.kind == "hadith":
        texts = [source.collection, f"رقم ({source.number})"]
    else:
        texts = [t for t in (_surname(source.author), _quoted_title(source)) if t]
    if locator:
        texts.append(locator)
    return _join([_piece(t) for t in texts])


def _surname(author: str) -> str:
    words = author.split()
    return words[-1] if words else ""


def citation_text(nodes: tuple[Inline, ...]) -> str:
    """A citation as plain text (for the report)."""
    return "".join(n.text for n in nodes if isinstance(n, (Text, Isolate)))
