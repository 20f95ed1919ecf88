"""Writers: Book -> bytes on disk.  A registry of format name -> writer.

Writers are imported when used, so an HTML build never loads WeasyPrint.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

# format -> "module:function"; each function is
#   write(book, config, out_dir, context) -> list[Path]
WRITERS: dict[str, str] = {
    "html": "warraq.writers.html:write_html",
    "pdf": "warraq.writers.pdf.writer:write_pdf",
    "epub": "warraq.writers.epub:write_epub",
    "cover": "warraq.writers.pdf.cover:write_cover",  # the print cover and the stores' JPEG
    "preview": "warraq.writers.preview:write_preview",  # `warraq preview`, not in FORMATS
}
FORMATS = ("html", "epub", "pdf", "cover")


def writer(fmt: str) -> Callable[..., list[Path]] | None:
    target = WRITERS.get(fmt)
    if target is None:
        return None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
