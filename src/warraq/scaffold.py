"""`warraq init`: a new book project with the shape of the default book."""

from __future__ import annotations

from pathlib import Path

from .errors import ConfigError
from .i18n import msg
from .text.xmlchars import FORBIDDEN
from .writers.output import atomic_write

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


def init_project(target: Path, title: str, author: str, uuid: str) -> list[Path]:
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
    return [atomic_write(path, text.encode("utf-8")) for path, text in files.items()]
