"""Bytes of a manuscript file -> text, or one clear error.

Accepted: UTF-8 (with or without BOM), UTF-16 with BOM, and Windows-1256,
which is recognised only when the bytes are not UTF-8 and decode to text that
is overwhelmingly Arabic (it is never a blind fallback).  Newlines become
`\\n` and the text is put in Unicode NFC, which changes no letter.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # 20 MB: ~3 million words, far beyond any article

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ARABIC = re.compile("[\u0600-\u06ff]")


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming `file`."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"part is {len(data) / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MB "
            "(is this really one article? split it into parts)",
            file,
        )
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", file), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", file), "utf-16"
    else:
        if b"\x00" in data:
            raise InputError("binary file (contains NUL bytes), not text", file)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            text = _windows_1256(data)
            if text is None:
                line = data[: exc.start].count(b"\n") + 1
                raise InputError(
                    "unknown encoding: not UTF-8, UTF-16 with BOM or Windows-1256 "
                    f"(first bad byte 0x{data[exc.start]:02x})",
                    file,
                    line,
                ) from None
            encoding = "windows-1256"
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputError(f"binary or corrupt file (control character U+{ord(bad.group()):04X})", file, line)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError("empty file", file)
    return text, encoding


def _strict(data: bytes, encoding: str, file: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid {encoding.upper()} at byte {exc.start}", file) from None
    return text.lstrip("\ufeff")


def _windows_1256(data: bytes) -> str | None:
    """Decode as Windows-1256 only if the result is clearly Arabic text."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    high = [ch for ch in text if ord(ch) > 0x7F]
    if not high:
        return None
    arabic = sum(1 for ch in high if _ARABIC.match(ch))
    # Arabic letters dominate the non-ASCII characters, and the text has
    # Arabic words (two or more letters together), not scattered symbols.
    if arabic / len(high) < 0.85 or not re.search("[\u0621-\u064a]{2,}", text):
        return None
    return text
