"""book.toml -> typed settings, with errors that name the file and line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import Meta

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
    justify: str = "spaces"  # or "kashida" (an Arabic book's default): elongate joins (writers/pdf_kashida.py)


@dataclass(frozen=True)
class Config:
    root: Path  # the manuscript directory (holds book.toml)
    meta: Meta
    parts_dir: Path
    styles_dir: Path | None
    order: dict[str, int] = field(default_factory=dict)
    note_numbering: str = "book"  # or "part"
    cover: Path | None = None
    dedup: DedupSettings = DedupSettings()
    print: PrintSettings = PrintSettings()

    @property
    def book_file(self) -> Path:
        return self.root / BOOK_FILE

    @property
    def sources_file(self) -> Path:
        return self.root / SOURCES_FILE

    slug: str = "book"  # output file name: build/<slug>.epub


def slugify(text: str) -> str:
    """A file-name-safe slug; Arabic letters are kept (they are valid)."""
    s = re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")
    return s or "book"


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
    },
    "order": {},  # file name -> part number; checked separately
    "notes": {"numbering": str},
    "dedup": {
        "enabled": bool,
        "near_threshold": (float, int),
        "min_words": int,
        "min_run": int,
        "boilerplate": str,
        "phrases": list,
    },
    "print": {
        "trim": str,
        "width_mm": (float, int),
        "height_mm": (float, int),
        "font_size_pt": (float, int),
        "bleed_mm": (float, int),
        "pdf_variant": str,
        "engine": str,
        "justify": str,
    },
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


def load_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; a syntax error becomes a ConfigError with its line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("file not found", str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", str(path)) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = int(m.group(1)) if m else None
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise ConfigError(f"invalid TOML: {msg}", str(path), line) from None


def _check(data: dict, text: str, path: Path) -> None:
    for table, value in data.items():
        if table not in _SCHEMA:
            raise ConfigError(
                f"unknown table [{table}] (known: {', '.join(_SCHEMA)})",
                str(path),
                line_of(text, table),
            )
        if not isinstance(value, dict):
            raise ConfigError(f"[{table}] must be a table", str(path), line_of(text, table))
        if table == "order":
            for name, num in value.items():
                if not isinstance(num, int) or isinstance(num, bool) or num < 0:
                    raise ConfigError(
                        f"[order] {name!r} must be a part number",
                        str(path),
                        line_of(text, name, table),
                    )
            continue
        for name, v in value.items():
            want = _SCHEMA[table].get(name)
            where = line_of(text, name, table)
            if want is None:
                raise ConfigError(f"unknown setting {name!r} in [{table}]", str(path), where)
            if isinstance(v, bool) and want is not bool:
                raise ConfigError(f"[{table}] {name} has the wrong type", str(path), where)
            if not isinstance(v, want):
                raise ConfigError(f"[{table}] {name} has the wrong type", str(path), where)


def load_config(root: Path) -> Config:
    """Read `root/book.toml` into a Config."""
    if not root.is_dir():
        raise ConfigError("manuscript directory not found", str(root))
    path = root / BOOK_FILE
    if not path.is_file():
        raise ConfigError("book.toml not found (run `warraq init` to start a book)", str(path))
    data, text = load_toml(path)
    _check(data, text, path)
    book = data.get("book")
    if book is None:
        raise ConfigError("missing [book] table", str(path))
    for required in ("title", "author"):
        if not str(book.get(required, "")).strip():
            raise ConfigError(f"[book] needs a {required}", str(path), line_of(text, "book"))

    def bad(table: str, name: str, msg: str) -> ConfigError:
        return ConfigError(f"[{table}] {name}: {msg}", str(path), line_of(text, name, table))

    if book.get("series_position", 0) < 0:
        raise bad("book", "series_position", "must be the book's number in its series (1, 2, ...)")
    digits = book.get("digits", "arabic-indic")
    if digits not in ("arabic-indic", "western"):
        raise bad("book", "digits", 'must be "arabic-indic" or "western"')
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
        date=book.get("date", ""),
        digits=digits,
    )

    notes = data.get("notes", {})
    numbering = notes.get("numbering", "book")
    if numbering not in ("book", "part"):
        raise bad("notes", "numbering", 'must be "book" or "part"')

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
        raise bad("dedup", "near_threshold", "must be between 0.5 and 1.0")
    if dedup.min_words < 3:
        raise bad("dedup", "min_words", "must be at least 3")
    if dedup.min_run < 2:
        raise bad("dedup", "min_run", "must be at least 2")
    if not all(isinstance(x, str) and x.strip() for x in d.get("phrases", ())):
        raise bad("dedup", "phrases", "must be a list of non-empty strings")
    if dedup.boilerplate not in BOILERPLATE_POLICIES:
        raise bad("dedup", "boilerplate", f"must be one of {', '.join(BOILERPLATE_POLICIES)}")

    p = data.get("print", {})
    trim = p.get("trim", "A5")
    if "width_mm" in p or "height_mm" in p:
        if not ("width_mm" in p and "height_mm" in p):
            raise bad("print", "width_mm", "a custom trim needs both width_mm and height_mm")
        width, height = float(p["width_mm"]), float(p["height_mm"])
        trim = "custom"
    elif trim in TRIM_SIZES:
        width, height = TRIM_SIZES[trim]
    else:
        raise bad("print", "trim", f"unknown trim size (known: {', '.join(TRIM_SIZES)})")
    variant = p.get("pdf_variant", "pdf/ua-1")
    if variant not in ("pdf/ua-1", "pdf/a-3u", "none"):
        raise bad("print", "pdf_variant", 'must be "pdf/ua-1", "pdf/a-3u" or "none"')
    engine = p.get("engine", PrintSettings.engine)
    if engine not in ("parallel", "single"):
        raise bad("print", "engine", 'must be "parallel" or "single"')
    justify = p.get("justify", "kashida" if meta.language.split("-")[0] == "ar" else PrintSettings.justify)
    if justify not in ("spaces", "kashida"):
        raise bad("print", "justify", 'must be "spaces" or "kashida"')
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

    parts_dir = root / book.get("parts", "parts")
    styles = book.get("styles")
    styles_dir = (root / styles) if styles else (root / "styles")
    if styles and not styles_dir.is_dir():
        raise bad("book", "styles", f"directory not found: {styles_dir}")
    cover = root / book["cover"] if book.get("cover") else None
    if cover is not None and not cover.is_file():
        raise bad("book", "cover", f"file not found: {cover}")

    slug = book.get("slug") or slugify(meta.title)
    if not re.fullmatch(r"[\w][\w.-]*", slug):
        raise bad("book", "slug", "use letters, digits, '-' and '.' only")
    return Config(
        slug=slug,
        root=root,
        meta=meta,
        parts_dir=parts_dir,
        styles_dir=styles_dir if styles_dir.is_dir() else None,
        order=dict(data.get("order", {})),
        note_numbering=numbering,
        cover=cover,
        dedup=dedup,
        print=printing,
    )
