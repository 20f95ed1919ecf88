"""What WeasyPrint may read while it typesets: the project's own files only.

A stylesheet's `url(...)` (an image, a font, an `@import`) is fetched by
WeasyPrint's URL fetcher.  Left to itself, that reads any file on the
machine (`url(file:///home/…/private.png)` put the file into the PDF) and
fetches every `http://` URL during the build.  `ProjectFetcher` serves only
files under the project's folders (the book's folder, its styles folder,
warraq's package data, the fonts' folder) and `data:` URLs; anything else
is refused, and the refusal is logged (REFUSED, then the URL) so that the
build reports it with the stylesheet and line (pdf/typeset.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher

from ...config import Config
from ...render.fonts import faces
from .pdfx import DEFAULT_ICC

REFUSED = "warraq refused to read"
LOGGER = logging.getLogger("weasyprint")


def project_roots(config: Config) -> tuple[str, ...]:
    """The folders whose files a book may use (and the print profile's
    colour profile, which book.toml names or warraq chooses)."""
    profile = config.print.icc_profile or DEFAULT_ICC
    roots = [config.root, Path(__file__).resolve().parents[1], faces()[0].file.parent, profile]
    if config.styles_dir is not None:
        roots.append(config.styles_dir)
    return tuple(str(Path(root).resolve()) for root in roots)


def allowed(url: str, roots: tuple[str, ...]) -> bool:
    """A `data:` URL, or a local file under one of `roots` (symbolic links
    resolved: a link out of the project leads out of it)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    try:
        path = Path(url2pathname(parts.path)).resolve()
    except (OSError, ValueError, RuntimeError):
        return False
    return any(path.is_relative_to(root) for root in roots)


class ProjectFetcher(URLFetcher):
    def __init__(self, roots: tuple[str, ...]) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.roots = roots

    def fetch(self, url, headers=None):
        if not allowed(url, self.roots):
            LOGGER.warning("%s %s", REFUSED, url)
            raise ValueError(f"{REFUSED} {url}: it is not a file of the book's project")
        return super().fetch(url, headers)
