"""Atomic output: a failed build leaves the previous output intact and no
half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import BuildError, os_reason
from ..i18n import msg


def atomic_write(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, then rename it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise BuildError(msg("cannot write: {error}", error=os_reason(exc)), str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:  # a full disk, an output name taken by a folder ...
        Path(tmp).unlink(missing_ok=True)
        raise BuildError(msg("cannot write: {error}", error=os_reason(exc)), str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def copy_if_changed(src: Path, dst: Path) -> Path:
    data = src.read_bytes()
    if not dst.is_file() or dst.read_bytes() != data:
        atomic_write(dst, data)
    return dst
