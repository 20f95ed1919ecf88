"""book.toml -> typed settings, with errors that name the file and line."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError, os_reason
from .i18n import N_, Msg, msg, nmsg
from .model import Meta
from .publishing.isbn import IsbnError, parse_isbn
from .publishing.printspec import GUTTER_TABLE, INCH, text_block_problem
from .text.xmlchars import FORBIDDEN, describe

BOOK_FILE = "book.toml"
SOURCES_FILE = "sources.toml"

# trim sizes in millimetres (width, height)
TRIM_SIZES = {
    "A5": (148.0, 210.0),
    "14x21": (140.0, 210.0),
    "17x24": (170.0, 240.0),
    "6x9in": (152.4, 228.6),
    "B5": (176.0, 250.0),
}
BOILERPLATE_POLICIES = ("remove-all", "keep-last", "keep-all")
# sensible ranges of book.toml's numbers (a larger part number is a typo or a date)
MAX_PART_NUMBER = 100_000  # a larger part number is a typo or a date (`20240115-intro.txt`)


@dataclass(frozen=True)
class DedupSettings:
    enabled: bool = True
    # Jaccard similarity of word 3-shingles above which a later paragraph is a
    # near repeat of an earlier one
    near_threshold: float = 0.85
    # blocks shorter than this (in words) are never removed on their own
    min_words: int = 8
    # a run of at least this many consecutive repeated blocks is one finding
    # (2: a heading or an attribution goes with the repeated text under it)
    min_run: int = 2
    boilerplate: str = "remove-all"
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrintSettings:
    trim: str = "A5"
    width_mm: float = 148.0
    height_mm: float = 210.0
    font_size_pt: float = 12.5
    bleed_mm: float = 3.0
    pdf_variant: str = "pdf/ua-1"
    engine: str = "parallel"  # or "single": the whole book in one WeasyPrint pass
    # the printer's interior and cover (`--profile print`, `--format cover`)
    print_variant: str = "pdf/x-4"  # or "pdf/x-1a"
    icc_profile: Path | None = None  # the output intent's CMYK profile; None: DEFAULT_ICC
    crop_marks: bool = False
    safe_margin_mm: float = 12.7  # every mark of ink at least this far inside the trim
    gutter_mm: float | None = None  # the inside margin's extra; None: from the page count
    paper: str = "white"  # or "cream": the spine's width per page
    paper_ppi: float | None = None  # pages per inch, for another printer's paper
    service: str = "kdp"  # whose limits to warn about: kdp, ingramspark, lulu, none
    justify: str = "spaces"  # or "kashida" (an Arabic book's default): elongate joins (writers/pdf/patches/kashida.py)


QUOTE_STYLES = ("as-typed", "guillemets")
DIGIT_STYLES = ("as-typed", "arabic-indic")
NOTE_CALL_STYLES = ("before-punctuation", "as-typed")


@dataclass(frozen=True)
class TypographySettings:
    """[typography]: changes of the author's marks, off by default (each
    change is a finding: transforms/typography.py)."""

    quotes: str = "as-typed"  # "guillemets": “…” -> «…»
    digits: str = "as-typed"  # "arabic-indic": 2007 -> ٢٠٠٧ in Arabic text
    # "before-punctuation" (the default of an Arabic book): «المنار،⁽١⁾» -> «المنار⁽١⁾،»
    note_call: str = "as-typed"
    # a bayt's halves are set apart by the gap alone; true: the separator
    # the author typed (` *** `, ` … `) stands in the gap
    poem_separator: bool = False


@dataclass(frozen=True)
class WebSettings:
    """[web]: parts read from saved web pages (readers/web/)."""

    link_notes: bool = False  # a link's address in a note after its text


BIBLIOGRAPHY_ORDERS = ("title", "author")


@dataclass(frozen=True)
class ApparatusSettings:
    """[apparatus]: the indexes at the back of the book (render/apparatus.py);
    each is made when the book has something to list."""

    quran: bool = True
    hadith: bool = True
    sources: bool = True
    publications: bool = True
    # the lists of figures and of tables, when 3 or more are captioned (EPUB: in its navigation)
    figures: bool = True
    tables: bool = True
    bibliography_order: str = "title"  # or "author"


@dataclass(frozen=True)
class Publication:
    """[parts."03.txt"]: where a part first appeared (book.toml)."""

    published: str = ""  # ISO date
    venue: str = ""
    url: str = ""
    line: int = 0  # the table's line in book.toml


PUBLISHED_YEARS = (1800, 2100)  # a column printed before 1800 is a typo


def publication_date(value: str) -> Msg | None:
    """What is wrong with a first publication's date (`2024-03-15`), or None."""
    try:
        year = datetime.strptime(value, "%Y-%m-%d").year if len(value) == 10 else 0
    except ValueError:
        year = 0
    if PUBLISHED_YEARS[0] <= year <= PUBLISHED_YEARS[1]:
        return None
    if year:  # a date, but not a column's: 2150-03-15, 1750-01-01
        return msg(
            "{value} is outside the years a column's first publication can have ({low} to {high})",
            value=repr(value[:40]),
            low=str(PUBLISHED_YEARS[0]),
            high=str(PUBLISHED_YEARS[1]),
        )
    return msg("{value} is not a date as {form}", value=repr(value[:40]), form="YYYY-MM-DD")


@dataclass(frozen=True)
class Config:
    root: Path  # the manuscript directory (holds book.toml)
    meta: Meta
    parts_dir: Path
    styles_dir: Path | None
    order: dict[str, int] = field(default_factory=dict)
    note_numbering: str = "book"  # or "part"
    cover: Path | None = None
    price: str = ""  # [book] price: the EAN-5 add-on's five digits ("" none)
    dedup: DedupSettings = DedupSettings()
    print: PrintSettings = PrintSettings()
    hadith: bool = True  # [sources] hadith: identify and cite quoted hadith
    typography: TypographySettings = TypographySettings()
    apparatus: ApparatusSettings = ApparatusSettings()
    publications: dict[str, Publication] = field(default_factory=dict)  # part file name -> [parts."name"]
    hijri: bool = False  # [book] hijri: a first publication's Hijri date beside the Gregorian
    web: WebSettings = WebSettings()

    @property
    def book_file(self) -> Path:
        return self.root / BOOK_FILE

    @property
    def sources_file(self) -> Path:
        return self.root / SOURCES_FILE

    slug: str = "book"  # output file name: build/<slug>.epub
    slug_given: bool = True  # False: transliterated from the title (`slugify`)


def project_dir(root: Path) -> Path:
    """The project a manuscript folder belongs to, resolved: its parent when
    that holds the book's `styles/` beside it (this repository's layout,
    `manuscript/` and `styles/` side by side); otherwise the manuscript
    folder itself (a book made by `warraq init` holds its own `styles/`), so
    that a book in the home folder never opens the whole home folder to
    its parts, pictures and settings."""
    resolved = root.resolve()
    parent = resolved.parent
    if parent != resolved and (parent / "styles").is_dir() and not (resolved / "styles").is_dir():
        return parent
    return resolved


def inside_project(path: Path, root: Path) -> bool:
    """Does `path`, links followed, lie inside the project of `root`?"""
    return path.resolve().is_relative_to(project_dir(root))


def outside_project(path: Path, root: Path) -> Msg:
    """The reason a path is refused: where it leads, and the project."""
    return msg("{path} is outside the project {project}", path=str(path.resolve()), project=str(project_dir(root)))


def project_path(path: Path, root: Path, file: str | None = None, line: int | None = None) -> Path:
    """The one rule of every file warraq reads from the project: `path`, its
    symbolic links followed, must lie inside the project of `root`.  The
    path returned is absolute (a relative `-m` makes no file URI)."""
    resolved = path.resolve()
    if not resolved.is_relative_to(project_dir(root)):
        raise InputError(outside_project(path, root), file or str(path), line)
    return resolved


# Arabic (and Persian) letters in Latin, for a file name every upload form
# and zip tool keeps: a readable transliteration, not a scholarly one
TRANSLITERATION = str.maketrans(
    {
        **dict.fromkeys("اأإآٱى", "a"),
        "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
        "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
        "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "w",
        "ؤ": "w", "ي": "y", "ئ": "y", "ء": "", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k",
        "ی": "y", "ـ": "",
    }
)  # fmt: skip


def slugify(text: str) -> str:
    """A portable file name from a title: Arabic transliterated into Latin
    letters, Arabic-Indic digits as digits, accents dropped, anything else
    a hyphen ("الخلافة أو الإمامة العظمى" -> "alkhlafa-aw-alamama-alzma")."""
    marks = "".join(c for c in text if unicodedata.category(c) != "Mn")  # harakat, shadda
    latin = unicodedata.normalize("NFKD", marks.translate(TRANSLITERATION))
    digits = "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c for c in latin)
    ascii_only = digits.encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    return s[:80].strip("-") or "book"


# the sensible range of each number of [print] and [dedup]
PRINT_RANGES = {
    "width_mm": (90.0, 450.0, N_("mm")),
    "height_mm": (120.0, 600.0, N_("mm")),
    "font_size_pt": (7.0, 24.0, N_("pt")),
    "bleed_mm": (0.0, 20.0, N_("mm")),
    # the printer's interior (optional ones are checked when given)
    "safe_margin_mm": (3.0, 40.0, N_("mm")),
    "gutter_mm": (0.0, 40.0, N_("mm")),
    "paper_ppi": (100.0, 1500.0, N_("pages per inch")),
}
# print.css's side margins together (mm), and the fewest ems a line must hold
PAGE_SIDE_MARGINS_MM = 33.0
MIN_LINE_EMS = 12
DEDUP_RANGES = {"min_words": (3, 10_000), "min_run": (2, 10_000)}
# the longest title, author ... (a cover and a running head must hold them)
TEXT_LIMITS = {
    "title": 500,
    "subtitle": 500,
    "author": 300,
    "series": 300,
    "publisher": 300,
    "edition": 300,
    "identifier": 300,
    "slug": 200,
    "description": 20_000,
}
# a well-formed BCP 47 language tag (RFC 5646: language, script, region,
# variants, extensions, private use), as EPUB requires for dc:language
BCP47 = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"
    r"|x(?:-[a-z0-9]{1,8})+",
    re.IGNORECASE,
)
DATE_YEARS = (1980, 2100)  # ZIP (the EPUB) holds no earlier time


def w3c_date(value: str) -> str:
    """A valid `[book] date` as EPUB wants it (W3CDTF): `2024-01-15`, or the
    time in UTC `2024-01-15T10:30:00Z` when one is given."""
    stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if "T" not in value.strip().upper() and " " not in value.strip():
        return stamp.date().isoformat()
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_problem(value: str) -> Msg | None:
    """Why `[book] date` is not a usable ISO 8601 date, or None."""
    try:
        stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return msg(
            "not an ISO 8601 date: {value} (write {example} or {example_time})",
            value=repr(value[:60]),
            example="2024-01-15",
            example_time="2024-01-15T10:30:00Z",
        )
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    lo, hi = DATE_YEARS
    try:
        year = stamp.astimezone(UTC).year
    except OverflowError:
        year = stamp.year
    if not lo <= year <= hi or not lo <= stamp.year <= hi:
        # the years as written in book.toml (str: no thousands separator)
        return msg("{value} is not between {low} and {high}", value=repr(value), low=str(lo), high=str(hi))
    return None


# --------------------------------------------------------------------------


_SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "book": {
        "title": str,
        "author": str,
        "language": str,
        "series": str,
        "series_position": int,
        "subtitle": str,
        "identifier": str,
        "publisher": str,
        "description": str,
        "digits": str,
        "parts": str,
        "styles": str,
        "cover": str,
        "date": str,
        "slug": str,
        "isbn": str,
        "price": str,
        "rights": str,
        "edition": str,
        "hijri": bool,
    },
    "order": {},  # file name -> part number; checked separately
    "parts": {},  # file name -> {published, venue, url}; checked separately
    "apparatus": {
        "quran": bool,
        "hadith": bool,
        "sources": bool,
        "publications": bool,
        "figures": bool,
        "tables": bool,
        "bibliography_order": str,
    },
    "notes": {"numbering": str},
    "dedup": {
        "enabled": bool,
        "near_threshold": (float, int),
        "min_words": int,
        "min_run": int,
        "boilerplate": str,
        "phrases": list,
    },
    "sources": {"hadith": bool},
    "print": {
        "trim": str,
        "width_mm": (float, int),
        "height_mm": (float, int),
        "font_size_pt": (float, int),
        "bleed_mm": (float, int),
        "pdf_variant": str,
        "engine": str,
        "print_variant": str,
        "icc_profile": str,
        "crop_marks": bool,
        "safe_margin_mm": (float, int),
        "gutter_mm": (float, int),
        "paper": str,
        "paper_ppi": (float, int),
        "service": str,
        "justify": str,
    },
    "typography": {"quotes": str, "digits": str, "poem_separator": bool, "note_call": str},
    "web": {"link_notes": bool},
}


def line_of(text: str, name: str, table: str | None = None) -> int | None:
    """Best-effort line of `name = ...` (inside `[table]` when given)."""
    in_table = table is None
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("["):
            header = line.strip("[] ")
            if header == name and table is None:
                return no
            in_table = table is None or header == table
            continue
        if in_table and re.match(rf'^"?{re.escape(name)}"?\s*=', line):
            return no
    return None


# tomllib's reasons (Python 3.11-3.13), translated; a reason not here is shown as it is
TOML_REASONS = {
    "Invalid value": N_("a value is missing or not valid (a text needs quotes)"),
    "Invalid statement": N_("a line that is neither a key = value nor a [table]"),
    "Expected '=' after a key in a key/value pair": N_("{equals} is missing after a key"),
    "Unterminated string": N_("a text whose closing quote is missing"),
    "Unclosed array": N_("a list whose closing {bracket} is missing"),
    "Unclosed inline table": N_("a table whose closing {brace} is missing"),
    "Cannot overwrite a value": N_("a key given twice"),
    "Invalid initial character for a key part": N_("a key that starts with a character keys may not have"),
    "Expected newline or end of document after a statement": N_("more after a value on the same line"),
    "Invalid date or datetime": N_("a date that is not valid"),
    "Expected ']' at the end of a table declaration": N_("a [table] whose closing {bracket} is missing"),
}


def toml_reason(reason: str) -> str:
    """tomllib's English reason in the interface's language, when warraq
    knows it; as it is otherwise (a parameter: isolated in Arabic)."""
    known = TOML_REASONS.get(reason.strip())
    if known is None:
        twice = re.fullmatch(r"Cannot declare (.+) twice", reason.strip())
        return msg("the table {table} is declared twice", table=twice[1]) if twice else reason
    return msg(known, equals="'='", bracket="']'", brace="'}'")


def load_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; a syntax error becomes a ConfigError with its line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(msg("file not found"), str(path)) from None
    except OSError as exc:
        raise ConfigError(msg("cannot read: {reason}", reason=os_reason(exc)), str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(msg("not {encoding} text", encoding="UTF-8"), str(path)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", reason)
        line = int(m.group(1)) if m else None
        reason = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", reason)
        # tomllib's reason in the interface's language where warraq knows it;
        # else as tomllib says it, isolated in an Arabic sentence
        raise ConfigError(msg("invalid TOML: {reason}", reason=toml_reason(reason)), str(path), line) from None
    except ValueError:  # an integer of thousands of digits
        line = next((no for no, raw in enumerate(text.splitlines(), 1) if re.search(r"\d{1000}", raw)), None)
        raise ConfigError(msg("invalid TOML: a number of thousands of digits"), str(path), line) from None
    _refuse_forbidden(data, text, path)
    return data, text


_ESCAPE = re.compile(r"\\(?:([bf])|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))")


def _forbidden_line(text: str) -> int | None:
    """The first line holding a character XML forbids, typed or escaped (`\\f`, `\\u0001`)."""
    for no, raw in enumerate(text.splitlines(), 1):
        if FORBIDDEN.search(raw):
            return no
        for m in _ESCAPE.finditer(raw.replace("\\\\", "")):
            code = 8 if m.group(1) == "b" else 12 if m.group(1) else int(m.group(2) or m.group(3), 16)
            if code <= 0x10FFFF and FORBIDDEN.match(chr(code)):
                return no
    return None


def _refuse_forbidden(value: Any, text: str, path: Path) -> None:
    """A string holding a character XML forbids (a control character, U+FFFF)
    cannot go into the EPUB: refuse it with its line."""
    strings = [value] if isinstance(value, str) else []
    if isinstance(value, dict):
        strings = [k for k in value if isinstance(k, str)]
        for v in value.values():
            _refuse_forbidden(v, text, path)
    elif isinstance(value, list):
        for v in value:
            _refuse_forbidden(v, text, path)
    for s in strings:
        found = FORBIDDEN.search(s)
        if found is None:
            continue
        raise ConfigError(
            msg("a {character} in a string: no EPUB may hold it; remove it", character=describe(found.group())),
            str(path),
            _forbidden_line(text),
        )


def _check(data: dict, text: str, path: Path) -> None:
    for table, value in data.items():
        if table not in _SCHEMA:
            raise ConfigError(
                msg("unknown table {table} (known: {known})", table=_table(table), known=", ".join(_SCHEMA)),
                str(path),
                line_of(text, table),
            )
        if not isinstance(value, dict):
            raise ConfigError(msg("{table} must be a table", table=_table(table)), str(path), line_of(text, table))
        if table == "order":
            for name, num in value.items():
                if not isinstance(num, int) or isinstance(num, bool) or not 0 <= num <= MAX_PART_NUMBER:
                    raise ConfigError(
                        msg(
                            "{setting} must be a part number ({low} to {high})",
                            setting=_setting("order", repr(name)),
                            low=0,
                            high=MAX_PART_NUMBER,
                        ),
                        str(path),
                        line_of(text, name, table),
                    )
            continue
        if table == "parts":
            _check_parts(value, text, path)
            continue
        for name, v in value.items():
            want = _SCHEMA[table].get(name)
            where = line_of(text, name, table)
            if want is None:
                raise ConfigError(
                    msg("unknown setting {key} in {table}", key=repr(name), table=_table(table)), str(path), where
                )
            if (isinstance(v, bool) and want is not bool) or not isinstance(v, want):
                raise ConfigError(msg("{setting} has the wrong type", setting=_setting(table, name)), str(path), where)


PART_KEYS = ("published", "venue", "url")


def _check_parts(value: dict, text: str, path: Path) -> None:
    """`[parts."03.txt"]` tables: a part's first publication."""
    for name, table in value.items():
        where = line_of(text, f'parts."{name}"') or line_of(text, f"parts.{name}") or line_of(text, "parts")
        if not isinstance(table, dict):
            raise ConfigError(msg("{table} must be a table", table=_table(f'parts."{name}"')), str(path), where)
        for key, v in table.items():
            if key not in PART_KEYS:
                raise ConfigError(
                    msg("unknown setting {key} in {table}", key=repr(key), table=_table(f'parts."{name}"')),
                    str(path),
                    where,
                )
            if key == "published" and hasattr(v, "isoformat") and not hasattr(v, "hour"):
                v = v.isoformat()  # a TOML date: published = 2024-03-15
            problem = None
            if not isinstance(v, str) or not v.strip():
                problem = msg("{setting} has the wrong type", setting=_setting(f'parts."{name}"', key))
            elif key == "published" and publication_date(v):
                problem = setting_error(f'parts."{name}"', key, publication_date(v))
            if problem is not None:
                raise ConfigError(problem, str(path), (line_of(text, key, f'parts."{name}"') or where))


def _publications(value: dict, text: str) -> dict[str, Publication]:
    out = {}
    for name, table in value.items():
        published = table.get("published", "")
        published = published if isinstance(published, str) else published.isoformat()
        line = line_of(text, f'parts."{name}"') or 0
        out[name] = Publication(published, table.get("venue", ""), table.get("url", ""), line)
    return out


def setting_error(table: str, name: str, problem: Msg) -> Msg:
    """`[table] name: problem`: the setting (isolated in an Arabic sentence)
    and what is wrong with it, itself a message in the same language."""
    return msg("{setting}: {problem}", setting=_setting(table, name), problem=problem)


def _table(table: str) -> str:
    return f"[{table}]"


def _setting(table: str, name: str) -> str:
    """A setting as messages name it: `[dedup] min_run`."""
    return f"[{table}] {name}"


def _one_of(*choices: str) -> Msg:
    """`must be "a" or "b"` (two choices) / `must be "a", "b" or "c"` (three)."""
    quoted = [f'"{c}"' for c in choices]
    if len(quoted) == 2:
        return msg("must be {first} or {second}", first=quoted[0], second=quoted[1])
    assert len(quoted) == 3
    return msg("must be {first}, {second} or {third}", first=quoted[0], second=quoted[1], third=quoted[2])


def _any_of(choices: Any) -> Msg:
    """`must be one of a, b, c`."""
    return msg("must be one of {choices}", choices=", ".join(choices))


def load_config(root: Path) -> Config:
    """Read `root/book.toml` into a Config."""
    if not root.is_dir():
        raise ConfigError(msg("manuscript directory not found"), str(root))
    path = root / BOOK_FILE
    if not path.is_file():
        raise ConfigError(
            msg("{file} not found (run {command} to start a book)", file=BOOK_FILE, command="`warraq init`"), str(path)
        )
    data, text = load_toml(path)
    _check(data, text, path)
    book = data.get("book")
    if book is None:
        raise ConfigError(msg("missing {table} table", table="[book]"), str(path))
    for required in ("title", "author"):
        if not str(book.get(required, "")).strip():
            raise ConfigError(
                msg("{table} needs a {key}", table="[book]", key=required), str(path), line_of(text, "book")
            )

    def bad(table: str, name: str, problem: Msg) -> ConfigError:
        """The error of one setting at its line: `[table] name: problem`."""
        return ConfigError(setting_error(table, name, problem), str(path), line_of(text, name, table))

    if not 0 <= book.get("series_position", 0) <= MAX_PART_NUMBER:
        raise bad("book", "series_position", msg("must be the book's number in its series (1, 2, ...)"))
    for name, limit in TEXT_LIMITS.items():
        if len(str(book.get(name, ""))) > limit:
            raise bad(
                "book",
                name,
                nmsg(
                    "is {n} character long; the limit is {limit}",
                    "is {n} characters long; the limit is {limit}",
                    n=len(book[name]),
                    limit=limit,
                ),
            )
    if not BCP47.fullmatch(book.get("language", "ar")):
        raise bad(
            "book",
            "language",
            msg(
                "must be a BCP 47 language tag such as {first}, {second} or {third}",
                first='"ar"',
                second='"ar-EG"',
                third='"fa"',
            ),
        )
    if "date" in book:
        problem = date_problem(book["date"])
        if problem:
            raise bad("book", "date", problem)
    for name in ("title", "author"):
        if not any(unicodedata.category(ch)[0] in "LNPS" for ch in book[name]):
            raise bad("book", name, msg("has no visible character"))
    digits = book.get("digits", "arabic-indic")
    if digits not in ("arabic-indic", "western"):
        raise bad("book", "digits", _one_of("arabic-indic", "western"))
    isbn = ""
    if "isbn" in book:
        try:
            isbn = parse_isbn(book["isbn"]).display
        except IsbnError as exc:
            raise bad("book", "isbn", exc.message) from None
    price = ""
    if "price" in book:
        from .publishing.barcode import price_addon

        try:
            price = price_addon(book["price"])
        except ValueError as exc:
            raise bad("book", "price", exc.args[0]) from None
    meta = Meta(
        title=book["title"].strip(),
        author=book["author"].strip(),
        language=book.get("language", "ar"),
        series=book.get("series", ""),
        series_position=book.get("series_position", 0),
        subtitle=book.get("subtitle", ""),
        identifier=book.get("identifier", ""),
        publisher=book.get("publisher", ""),
        description=book.get("description", ""),
        date=w3c_date(book["date"]) if "date" in book else "",
        digits=digits,
        isbn=isbn,
        rights=book.get("rights", ""),
        edition=book.get("edition", "").strip(),
    )

    notes = data.get("notes", {})
    numbering = notes.get("numbering", "book")
    if numbering not in ("book", "part"):
        raise bad("notes", "numbering", _one_of("book", "part"))

    d = data.get("dedup", {})
    dedup = DedupSettings(
        enabled=d.get("enabled", True),
        near_threshold=float(d.get("near_threshold", DedupSettings.near_threshold)),
        min_words=d.get("min_words", DedupSettings.min_words),
        min_run=d.get("min_run", DedupSettings.min_run),
        boilerplate=d.get("boilerplate", "remove-all"),
        phrases=tuple(str(p) for p in d.get("phrases", ())),
    )
    if not 0.5 <= dedup.near_threshold <= 1.0:
        raise bad("dedup", "near_threshold", msg("must be between 0.5 and 1.0"))
    if dedup.min_words < 3:
        raise bad("dedup", "min_words", msg("must be at least {least}", least=3))
    if dedup.min_run < 2:
        raise bad("dedup", "min_run", msg("must be at least {least}", least=2))
    if not all(isinstance(x, str) and x.strip() for x in d.get("phrases", ())):
        raise bad("dedup", "phrases", msg("must be a list of non-empty strings"))
    for name, (lo, hi) in DEDUP_RANGES.items():
        if not lo <= getattr(dedup, name) <= hi:
            raise bad("dedup", name, msg("must be between {low} and {high}", low=lo, high=hi))
    if dedup.boilerplate not in BOILERPLATE_POLICIES:
        raise bad("dedup", "boilerplate", _any_of(BOILERPLATE_POLICIES))

    p = data.get("print", {})
    trim = p.get("trim", "A5")
    if "width_mm" in p or "height_mm" in p:
        if not ("width_mm" in p and "height_mm" in p):
            raise bad(
                "print",
                "width_mm",
                msg("a custom trim needs both {width} and {height}", width="width_mm", height="height_mm"),
            )
        width, height = float(p["width_mm"]), float(p["height_mm"])
        trim = "custom"
    elif trim in TRIM_SIZES:
        width, height = TRIM_SIZES[trim]
    else:
        raise bad("print", "trim", msg("unknown trim size (known: {known})", known=", ".join(TRIM_SIZES)))
    variant = p.get("pdf_variant", "pdf/ua-1")
    if variant not in ("pdf/ua-1", "pdf/a-3u", "none"):
        raise bad("print", "pdf_variant", _one_of("pdf/ua-1", "pdf/a-3u", "none"))
    engine = p.get("engine", PrintSettings.engine)
    if engine not in ("parallel", "single"):
        raise bad("print", "engine", _one_of("parallel", "single"))
    justify = p.get("justify", "kashida" if meta.language.split("-")[0] == "ar" else PrintSettings.justify)
    if justify not in ("spaces", "kashida"):
        raise bad("print", "justify", _one_of("spaces", "kashida"))
    printing = PrintSettings(
        trim=trim,
        width_mm=width,
        height_mm=height,
        font_size_pt=float(p.get("font_size_pt", PrintSettings.font_size_pt)),
        bleed_mm=float(p.get("bleed_mm", PrintSettings.bleed_mm)),
        pdf_variant=variant,
        engine=engine,
        justify=justify,
    )
    printing = replace(printing, **_printer_settings(p, bad, root))
    for name, (lo, hi, unit) in PRINT_RANGES.items():
        value = getattr(printing, name)
        if value is not None and not lo <= value <= hi:  # also false for nan
            given = f"{p[name]!r}" if name in p else f"{value:g}"
            raise bad(
                "print",
                name,
                msg(
                    "{value} is out of range: give {low} to {high} {unit}", value=given, low=lo, high=hi, unit=msg(unit)
                ),
            )
    largest = (printing.width_mm - PAGE_SIDE_MARGINS_MM) / (MIN_LINE_EMS * 25.4 / 72)
    if printing.font_size_pt > largest:
        raise bad(
            "print",
            "font_size_pt" if "font_size_pt" in p else "width_mm",
            msg(
                "{size} pt is too large for a page {width} mm wide "
                "(a line would hold fewer than {ems} letters' widths): at most {largest} pt",
                size=printing.font_size_pt,
                width=printing.width_mm,
                ems=MIN_LINE_EMS,
                largest=round(largest, 1),
            ),
        )

    # the printer's margins and gutter must leave a page: the gutter asked
    # for, else the widest of the page-count bands
    gutter = printing.gutter_mm if printing.gutter_mm is not None else GUTTER_TABLE[-1][1] * INCH
    problem = text_block_problem(
        printing.width_mm, printing.height_mm, printing.safe_margin_mm, gutter, printing.font_size_pt, MIN_LINE_EMS
    )
    if problem:
        raise bad(
            "print", "gutter_mm" if "gutter_mm" in p else "safe_margin_mm" if "safe_margin_mm" in p else "trim", problem
        )

    t = data.get("typography", {})
    calls = "before-punctuation" if meta.language.split("-")[0] == "ar" else "as-typed"
    typography = TypographySettings(
        quotes=t.get("quotes", "as-typed"),
        digits=t.get("digits", "as-typed"),
        poem_separator=t.get("poem_separator", False),
        note_call=t.get("note_call", calls),
    )
    if typography.quotes not in QUOTE_STYLES:
        raise bad("typography", "quotes", _any_of(QUOTE_STYLES))
    if typography.digits not in DIGIT_STYLES:
        raise bad("typography", "digits", _any_of(DIGIT_STYLES))
    if typography.note_call not in NOTE_CALL_STYLES:
        raise bad("typography", "note_call", _any_of(NOTE_CALL_STYLES))

    a = data.get("apparatus", {})
    apparatus = ApparatusSettings(**a)
    if apparatus.bibliography_order not in BIBLIOGRAPHY_ORDERS:
        raise bad("apparatus", "bibliography_order", _one_of(*BIBLIOGRAPHY_ORDERS))

    parts_dir = root / book.get("parts", "parts")
    styles = book.get("styles")
    styles_dir = (root / styles) if styles else (root / "styles")
    if styles and not styles_dir.is_dir():
        raise bad("book", "styles", msg("directory not found: {folder}", folder=str(styles_dir)))
    cover = root / book["cover"] if book.get("cover") else None
    if cover is not None and not cover.is_file():
        raise bad("book", "cover", msg("file not found: {file}", file=str(cover)))
    # nothing outside the project (the manuscript folder's parent, which holds
    # `styles/` by default) is read into the book, whether book.toml names it
    # or a symbolic link leads there (the default styles/ folder too)
    for name, target in (("parts", parts_dir), ("styles", styles_dir), ("cover", cover)):
        if target is not None and (name in book or target.exists()) and not inside_project(target, root):
            raise bad("book", name, outside_project(target, root))
    slug = book.get("slug") or slugify(meta.title)  # `inspect` says which
    if not re.fullmatch(r"[\w][\w.-]*", slug):
        raise bad("book", "slug", msg("use letters, digits, {hyphen} and {dot} only", hyphen="'-'", dot="'.'"))
    return Config(
        slug=slug,
        slug_given=bool(book.get("slug")),
        root=root,
        meta=meta,
        parts_dir=parts_dir,
        styles_dir=styles_dir if styles_dir.is_dir() else None,
        order=dict(data.get("order", {})),
        note_numbering=numbering,
        cover=cover,
        price=price,
        dedup=dedup,
        print=printing,
        hadith=data.get("sources", {}).get("hadith", True),
        typography=typography,
        apparatus=apparatus,
        publications=_publications(data.get("parts", {}), text),
        hijri=book.get("hijri", False),
        web=WebSettings(link_notes=data.get("web", {}).get("link_notes", False)),
    )


def icc_problem(path: Path) -> Msg | None:
    """Why a file cannot be the print's output intent: not an ICC profile
    (its header's "acsp" signature), or not a CMYK one."""
    try:
        with path.open("rb") as fh:
            header = fh.read(128)
    except OSError as exc:
        return msg("cannot read: {reason}", reason=os_reason(exc))
    if len(header) < 128 or header[36:40] != b"acsp":
        return msg("{file} is not an ICC colour profile (no {signature} signature)", file=path.name, signature="acsp")
    space = header[16:20].decode("latin-1").strip()
    if space != "CMYK":
        return msg(
            "{file} is an ICC profile for {space}, not for {cmyk} printing", file=path.name, space=space, cmyk="CMYK"
        )
    return None


PRINT_VARIANTS = ("pdf/x-4", "pdf/x-1a")
PAPERS = ("white", "cream")
SERVICES = ("kdp", "ingramspark", "lulu", "none")


def _printer_settings(p: dict, bad: Any, root: Path) -> dict[str, Any]:
    """The [print] keys of the printer's interior and cover (their ranges:
    PRINT_RANGES)."""
    variant = p.get("print_variant", PrintSettings.print_variant)
    if variant not in PRINT_VARIANTS:
        raise bad("print", "print_variant", _one_of(*PRINT_VARIANTS))
    safe = float(p.get("safe_margin_mm", PrintSettings.safe_margin_mm))
    gutter = p.get("gutter_mm")
    paper = p.get("paper", PrintSettings.paper)
    if paper not in PAPERS:
        raise bad(
            "print",
            "paper",
            msg("must be {first} or {second} (or give {key})", first='"white"', second='"cream"', key="paper_ppi"),
        )
    ppi = p.get("paper_ppi")
    service = p.get("service", PrintSettings.service)
    if service not in SERVICES:
        raise bad("print", "service", _any_of(SERVICES))
    icc = p.get("icc_profile")
    icc_path = (root / icc).resolve() if icc else None
    if icc_path is not None:
        if not icc_path.is_file():
            raise bad("print", "icc_profile", msg("file not found: {file}", file=str(icc_path)))
        if not inside_project(icc_path, root):
            raise bad("print", "icc_profile", outside_project(icc_path, root))
        problem = icc_problem(icc_path)
        if problem:
            raise bad("print", "icc_profile", problem)
    return dict(
        print_variant=variant,
        icc_profile=icc_path,
        crop_marks=p.get("crop_marks", False),
        safe_margin_mm=safe,
        gutter_mm=None if gutter is None else float(gutter),
        paper=paper,
        paper_ppi=None if ppi is None else float(ppi),
        service=service,
    )
