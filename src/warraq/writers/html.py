"""One RTL HTML file of the whole book, with Amiri beside it in `fonts/`."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..model import Book
from ..render import Renderer
from ..render.fonts import faces
from .output import atomic_write, copy_if_changed


def write_html(book: Book, config: Config, out: Path, context: dict) -> list[Path]:
    html = Renderer(book, config, "html").book_html(**context)
    fonts = [copy_if_changed(face.file, out / "fonts" / face.name) for face in faces()]
    return [atomic_write(out / f"{config.slug}.html", html.encode("utf-8")), *fonts]
