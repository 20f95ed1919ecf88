"""A content-addressed cache for derived bytes that are slow to make (font
subsets, the typographic cover) and depend only on their inputs.

Entries live under `$XDG_CACHE_HOME/warraq/` (default `~/.cache/warraq/`),
named by the sha256 of everything that determines them, so a stale entry is
never read: changed inputs make a new name.  Each entry ends with the
sha256 of its bytes, checked when it is read: a truncated or damaged entry
is made again, never used.  The bytes are the same whether
they come from the cache or are made afresh; a cache that cannot be written
only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import BuildError
from .output import atomic_write


def cache_dir(kind: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warraq" / kind


def cached(kind: str, name: str, key: list[bytes], make: Callable[[], bytes]) -> bytes:
    """The bytes `make()` returns for inputs `key`, from the cache when there."""
    h = hashlib.sha256()
    for part in key:
        h.update(hashlib.sha256(part).digest())
    stem, dot, ext = name.rpartition(".")
    path = cache_dir(kind) / (f"{stem}-{h.hexdigest()[:32]}.{ext}" if dot else f"{name}-{h.hexdigest()[:32]}")
    try:
        found = verified(path.read_bytes())
    except OSError:
        found = None
    if found is not None:
        return found
    data = make()
    with contextlib.suppress(BuildError):
        atomic_write(path, data + hashlib.sha256(data).digest())
    return data


DIGEST = 32  # an entry ends with the sha256 of the bytes before it


def verified(entry: bytes) -> bytes | None:
    """The bytes an entry holds, or None when they are not those written
    (a truncated or damaged file: made again, never used)."""
    data, digest = entry[:-DIGEST], entry[-DIGEST:]
    if len(entry) < DIGEST or hashlib.sha256(data).digest() != digest:
        return None
    return data
