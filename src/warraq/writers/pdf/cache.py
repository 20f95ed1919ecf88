"""The parallel PDF build's cache: typeset documents kept between builds.

Each entry is one typeset document (a part, the front matter, a set of
sheets) under `<out>/.cache/pdf/`, named by the sha256 key of everything
that can change its bytes (`document_key`): the document's HTML (which
holds the text, note numbers, page rules, every stylesheet and the fonts'
paths), the base URL, the PDF variant, and the environment: the font
files' contents, the warraq, WeasyPrint, pydyf, Pango and HarfBuzz
versions, whether the exact-text patch applies, and the source of warraq's
typesetting modules.  A changed input makes a new key; a stale entry is
never read.

An entry is two files: `<key>.pdf` and `<key>.json` (what the layout told:
pages, anchors, folio pages, warnings), which is written last and holds the
sha256 of the PDF and the sha256 of the entry as a whole (its key, the PDF's
digest and every other field of the metadata: one changed page count is a
damaged entry).  Reading checks both and the PDF's header and end marker: a
truncated or corrupted entry is removed and typeset again, never merged into
a book.  Writes are atomic; a cache that cannot be written (a read-only
folder, a full disk) costs time, never the build.  After a build, `prune` keeps the
entries the build used and, of the others, the most recently used up to twice
their total size or 64 MiB, the larger (the other profile's documents, built
in the same folder by the same `warraq build`, and earlier versions).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pydyf
import weasyprint
from weasyprint.text.ffi import pango

from ... import __version__
from ...errors import BuildError
from ...render.fonts import faces
from ..output import atomic_write
from .patches.text import mismatches

KEY_VERSION = b"warraq pdf cache 2"
KEY = re.compile("[0-9a-f]{64}")
STALE_TEMP_SECONDS = 3600  # a temporary file a killed build left behind


@functools.cache
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def environment() -> str:
    """What beyond a document's HTML decides its typeset bytes."""
    fonts = []
    for face in faces():
        stat = face.file.stat()
        fonts.append(f"{face.name}={_file_digest(str(face.file), stat.st_size, stat.st_mtime_ns)}")
    versions = [
        f"warraq={__version__}",
        f"weasyprint={weasyprint.__version__}",
        f"pydyf={pydyf.__version__}",
        f"pango={pango.pango_version()}",
        f"harfbuzz={harfbuzz_version()}",
        f"exact-text={'off' if mismatches() else 'on'}",
        f"code={_code_digest()}",
    ]
    return "\n".join([*versions, *fonts])


# warraq's own modules that decide how a document's HTML becomes PDF bytes:
# a change to them (even within one version, while developing) is a new key
CODE = (
    "typeset.py",
    "balance.py",
    "cache.py",
    "fetch.py",
    "patches/__init__.py",
    "patches/text.py",
    "patches/footnotes.py",
    "patches/tags.py",
    "patches/kashida.py",
    "patches/shaped_once.py",
    "patches/leaders.py",
    "patches/pagerefs.py",
    "patches/rtl_lines.py",
    "patches/line_window.py",
    "patches/margin_boxes.py",
    "../../text/kashida.py",
)


@functools.cache
def _code_digest() -> str:
    h = hashlib.sha256()
    for name in CODE:
        h.update((Path(__file__).parent / name).read_bytes())
    return h.hexdigest()


@functools.cache
def harfbuzz_version() -> str:
    """The HarfBuzz that shapes and subsets (WeasyPrint does not say)."""
    name = ctypes.util.find_library("harfbuzz")
    try:
        version = ctypes.CDLL(name or "libharfbuzz.so.0").hb_version_string
    except (OSError, AttributeError):
        return "unknown"
    version.restype = ctypes.c_char_p
    return version().decode()


def document_key(html: str, base_url: str, variant: str | None, env: str) -> str:
    h = hashlib.sha256(KEY_VERSION)
    for part in (env, base_url, str(variant), html):
        h.update(hashlib.sha256(part.encode("utf-8")).digest())
    return h.hexdigest()


@dataclass
class Entry:
    key: str
    data: bytes  # the PDF
    meta: dict  # pages, anchors, folios, warnings, patched


# the others kept: up to twice the size of a build's own entries, and at least
# 64 MiB (a screen build's documents are a fifth of the print interior's, which
# carries the colour profile: the same `warraq build` makes both for the cover)
PRUNE_ROOM, PRUNE_FLOOR = 2, 64 * 2**20


class PdfCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.root / f"{key}.pdf", self.root / f"{key}.json"

    def get(self, key: str) -> Entry | None:
        """The entry, whole and verified, or None (a damaged one is removed)."""
        pdf, meta_file = self._paths(key)
        try:
            meta = json.loads(meta_file.read_text("utf-8"))
            data = pdf.read_bytes()
        except (OSError, ValueError):
            self._remove(key)
            return None
        if not (
            isinstance(meta, dict) and intact(data, meta.get("sha256")) and meta.get("entry") == entry_digest(key, meta)
        ):
            self._remove(key)
            return None
        with contextlib.suppress(OSError):  # last use, for pruning
            os.utime(meta_file)
        return Entry(key, data, meta)

    def put(self, key: str, data: bytes, meta: dict) -> Entry:
        """Keep an entry; when the cache cannot be written, the entry is
        still returned (the next build typesets the document again)."""
        meta = {**meta, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
        meta["entry"] = entry_digest(key, meta)
        pdf, meta_file = self._paths(key)
        if remember(pdf, data):
            remember(meta_file, json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        return Entry(key, data, meta)

    def _remove(self, key: str) -> None:
        for path in self._paths(key):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

    def prune(self, used: set[str]) -> None:
        """Keep the entries `used` and, of the others, the most recently used
        up to twice their size or PRUNE_FLOOR; remove the rest and stale
        temporary files.
        Another build may be pruning too: a file gone meanwhile is no error."""
        if not self.root.is_dir():
            return
        now = time.time()
        sizes: dict[str, int] = {}  # key -> bytes of its files
        last: dict[str, float] = {}  # key -> last use
        for path in self.root.iterdir():
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.name.startswith(".") and path.name.endswith(".part"):
                if now - stat.st_mtime > STALE_TEMP_SECONDS:
                    with contextlib.suppress(OSError):
                        path.unlink(missing_ok=True)
            elif path.suffix in (".pdf", ".json") and KEY.fullmatch(path.stem):
                sizes[path.stem] = sizes.get(path.stem, 0) + stat.st_size
                last[path.stem] = max(last.get(path.stem, 0.0), stat.st_mtime)
        budget = max(PRUNE_ROOM * sum(size for key, size in sizes.items() if key in used), PRUNE_FLOOR)
        for key in sorted((k for k in sizes if k not in used), key=last.__getitem__, reverse=True):
            budget -= sizes[key]
            if budget < 0:
                self._remove(key)


def entry_digest(key: str, meta: dict) -> str:
    """The sha256 of an entry as a whole: its key and every field of its
    metadata but this digest (the PDF's own sha256 among them)."""
    fields = {k: v for k, v in meta.items() if k != "entry"}
    text = json.dumps([key, fields], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def remember(path: Path, data: bytes) -> bool:
    """Write a file of the cache if the cache can be written; False when it
    cannot (a read-only or immutable folder, a full disk): a cache costs
    time when it is missing, never the build."""
    try:
        atomic_write(path, data)
    except BuildError:
        return False
    return True


def intact(data: bytes, digest: object) -> bool:
    """The PDF bytes are those the entry recorded, and a whole PDF."""
    return (
        isinstance(digest, str)
        and hashlib.sha256(data).hexdigest() == digest
        and data.startswith(b"%PDF-")
        and data.rstrip().endswith(b"%%EOF")
    )
