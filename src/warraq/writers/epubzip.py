"""A reproducible EPUB container: the same entries give the same bytes.

ebooklib 0.20 stamps every entry with the current time; `repack` rewrites the
archive it made with `mimetype` first and stored (the OCF rule), then
`META-INF/`, then the rest in the order ebooklib wrote them, every entry with
one fixed time and the same attributes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

MIMETYPE = "mimetype"
EARLIEST = (1980, 1, 1, 0, 0, 0)  # the zip format cannot say earlier
LATEST = (2107, 12, 31, 23, 59, 58)  # nor later


def zip_time(stamp: datetime) -> tuple[int, int, int, int, int, int]:
    t = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    return min(max(t, EARLIEST), LATEST)


def _entry(name: str, when: tuple[int, int, int, int, int, int], stored: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, when)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever machine builds
    info.external_attr = 0o644 << 16
    return info


def order(names: list[str]) -> list[str]:
    """`mimetype`, then META-INF/, then the rest as given (duplicates dropped)."""
    rest = [n for n in dict.fromkeys(names) if n != MIMETYPE]
    meta = [n for n in rest if n.startswith("META-INF/")]
    return [MIMETYPE] + meta + [n for n in rest if not n.startswith("META-INF/")]


def repack(data: bytes, stamp: datetime) -> bytes:
    """The archive `data` rewritten reproducibly, every entry dated `stamp`."""
    when = zip_time(stamp)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        if MIMETYPE not in names:
            raise ValueError("not an EPUB container: no mimetype entry")
        for name in order(names):
            dst.writestr(_entry(name, when, name == MIMETYPE), src.read(name), compresslevel=6)
    return out.getvalue()
