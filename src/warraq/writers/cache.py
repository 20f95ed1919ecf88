"""A content-addressed cache for derived bytes that are slow to make (font
subsets, the typographic cover) and depend only on their inputs.

Entries live under `$XDG_CACHE_HOME/warraq/` (default `~/.cache/warraq/`),
named by the sha256 of everything that determines them, so a stale entry is
never read: changed inputs make a new name.  The bytes are the same whether
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
        return path.read_bytes()
    except OSError:
        pass
    data = make()
    with contextlib.suppress(BuildError):
        atomic_write(path, data)
    return data
