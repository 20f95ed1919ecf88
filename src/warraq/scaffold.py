"""`warraq init`: a new book project with the shape of the default book."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import BuildError, ConfigError, os_reason
from .i18n import msg
from .readers import SUFFIXES
from .text.xmlchars import FORBIDDEN

BOOK_TOML = """\
# Only title, author and language are required; see the README for the rest.

[book]
title = {title}
author = {author}
language = "ar"
series = {title}
slug = "book"                      # output file names: build/book.epub, build/book.pdf
identifier = "urn:uuid:{uuid}"     # stable: never change it
digits = "arabic-indic"            # or "western"

[notes]
numbering = "book"                 # or "part"

[print]
trim = "A5"                        # A5, 14x21, 17x24, 6x9in, B5, or width_mm + height_mm
"""

SOURCES_TOML = """\
# The sources the parts quote, one [[source]] table each (see the README).
"""

FIRST_PART = """\
{title} (١)
مقدمة:
اكتب هنا نص الحلقة الأولى كما نشرتها، سطرا لكل فقرة.
وللحديث بقية إن شاء الله
"""

BOOK_CSS = """\
/* Your own rules, applied last in every format (EPUB, PDF, preview). */
"""


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, quotes and backslashes escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def init_project(target: Path, title: str, author: str, uuid: str) -> tuple[list[Path], list[Path]]:
    """The files of a new project written into `target`: (created, kept).
    A file already there is the author's and stays as it is."""
    for name, value in (("title", title), ("author", author)):
        if not value.strip():
            raise ConfigError(
                msg("{option} is empty: give the book's title", option="--title")
                if name == "title"
                else msg("{option} is empty: give the book's author", option="--author")
            )
        if FORBIDDEN.search(value) or any(ch in value for ch in "\n\r\t\x7f"):
            raise ConfigError(msg("{option} must be one line of text, without control characters", option="--" + name))
    if (target / "book.toml").exists():
        raise ConfigError(
            msg("a book project is already here ({file} exists)", file="book.toml"), str(target / "book.toml")
        )
    if target.exists() and not target.is_dir():
        raise ConfigError(msg("not a directory"), str(target))
    files = {
        target / "book.toml": BOOK_TOML.format(
            title=toml_string(title.strip()), author=toml_string(author.strip()), uuid=uuid
        ),
        target / "sources.toml": SOURCES_TOML,
        target / "parts" / "01.txt": FIRST_PART.format(title=title.strip()),
        target / "styles" / "book.css": BOOK_CSS,
    }
    if has_parts(target / "parts"):  # the author's parts are the book: no sample part beside them
        del files[target / "parts" / "01.txt"]
    made = {path: create(path, text.encode("utf-8")) for path, text in files.items()}
    return [p for p, new in made.items() if new], [p for p, new in made.items() if not new]


def has_parts(folder: Path) -> bool:
    try:
        return folder.is_dir() and any(p.suffix.lower() in SUFFIXES for p in folder.iterdir())
    except OSError:
        return False


def create(path: Path, data: bytes) -> bool:
    """Write a new file; False, and nothing written, when `path` exists (even
    as a link): `warraq init` never replaces a file of the author's."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        return False
    except OSError as exc:
        raise BuildError(msg("cannot write: {error}", error=os_reason(exc)), str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise BuildError(msg("cannot write: {error}", error=os_reason(exc)), str(path)) from None
    return True
