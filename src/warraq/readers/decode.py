"""Bytes of a manuscript file -> text, or one clear error.

Accepted: UTF-8 (with or without BOM), UTF-16 with BOM, and Windows-1256,
which is recognised only when the bytes are not UTF-8 and decode to text that
is overwhelmingly Arabic (it is never a blind fallback).  Newlines become
`\\n` and the text is put in Unicode NFC, which changes no letter.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

from ..errors import InputError
from ..i18n import Msg, msg
from ..text.xmlchars import first_forbidden

MAX_BYTES = 20 * 1024 * 1024  # 20 MB: ~3 million words, far beyond any article

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_ARABIC_WORD = re.compile("[\u0621-\u064a]{2,}")


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming `file`."""
    text, encoding, _repaired = decode_lines(data, file)
    return text, encoding


def decode_lines(data: bytes, file: str) -> tuple[str, str, list[tuple[int, Msg]]]:
    """(text, encoding, repairs): `repairs` are the lines read in another
    encoding than the file's, each (line, what was done), for a finding."""
    repaired: list[tuple[int, Msg]] = []
    if len(data) > MAX_BYTES:
        raise InputError(
            msg(
                "part is {size} MB; the limit is {limit} MB (is this really one article? split it into parts)",
                size=round(len(data) / 1e6),
                limit=MAX_BYTES // 2**20,
            ),
            file,
        )
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", file), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", file), "utf-16"
    else:
        if b"\x00" in data:
            raise InputError(msg("binary file (contains NUL bytes), not text"), file)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            text, utf8_lines = _windows_1256(data)
            repaired += [
                (
                    no,
                    msg(
                        "this line is {encoding} in a {legacy} file: read as {encoding}",
                        encoding="UTF-8",
                        legacy="Windows-1256",
                    ),
                )
                for no in utf8_lines
            ]
            if text is None:
                line = data[: exc.start].count(b"\n") + 1
                raise InputError(
                    msg(
                        "unknown encoding: not {utf8}, {utf16} with BOM or {legacy} (first bad byte {byte})",
                        utf8="UTF-8",
                        utf16="UTF-16",
                        legacy="Windows-1256",
                        byte="0x" + format(data[exc.start], "02x"),
                    ),
                    file,
                    line,
                ) from None
            encoding = "windows-1256"
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputError(
            msg("binary or corrupt file (control character {code})", code="U+" + format(ord(bad.group()), "04X")),
            file,
            line,
        )
    forbidden = first_forbidden(text)
    if forbidden:
        line, column, what = forbidden
        raise InputError(
            msg(
                "a {character} at column {column}: no EPUB or XHTML may hold it; delete it or make it a line break",
                character=what,
                column=column,
            ),
            file,
            line,
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError(msg("empty file"), file)
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        fixed = _misread_utf8(line)
        if fixed is not None:
            was, now = line.strip()[:24], fixed.strip()[:12]
            repaired.append(
                (
                    i + 1,
                    msg(
                        "{encoding} text misread as {legacy} ({was}…) repaired: {now}…",
                        encoding="UTF-8",
                        legacy="Windows-1256",
                        was=was,
                        now=now,
                    ),
                )
            )
        else:
            fixed, notes = _misread_runs(line)
            repaired += [(i + 1, note) for note in notes]
        if fixed != line:
            lines[i], changed = fixed, True
    if changed:
        text = unicodedata.normalize("NFC", "\n".join(lines))
    return text, encoding, sorted(repaired)


def _strict(data: bytes, encoding: str, file: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            msg("invalid {encoding} at byte {offset}", encoding=encoding.upper(), offset=exc.start), file
        ) from None
    return text.lstrip("\ufeff")


def _windows_1256(data: bytes) -> tuple[str | None, list[int]]:
    """Decode as Windows-1256 only if the result is clearly Arabic text.

    Line by line: a line that is valid UTF-8 with Arabic words in it (pasted
    from elsewhere into a Windows-1256 file) is read as UTF-8; its number is
    returned with the text."""
    pieces = re.split(rb"(\r\n|\r|\n)", data)
    out: list[str] = []
    legacy: list[str] = []
    utf8_lines: list[int] = []
    for i in range(0, len(pieces), 2):
        chunk, line = pieces[i], None
        if not chunk.isascii():
            with contextlib.suppress(UnicodeDecodeError):
                line = chunk.decode("utf-8")
            if line is not None and _ARABIC_WORD.search(line):
                utf8_lines.append(i // 2 + 1)
            else:
                line = None
        if line is None:
            try:
                line = chunk.decode("cp1256")
            except UnicodeDecodeError:
                return None, []
            legacy.append(line)
        out.append(line + (pieces[i + 1].decode("ascii") if i + 1 < len(pieces) else ""))
    # UTF-8 runs inside legacy lines count as the Arabic they are
    return ("".join(out), utf8_lines) if _arabic(_misread_runs("".join(legacy))[0]) else (None, [])


def _arabic(text: str) -> bool:
    """Is this overwhelmingly Arabic text (not scattered symbols)?"""
    high = [ch for ch in text if ord(ch) > 0x7F]
    if not high:
        return False
    arabic = sum(1 for ch in high if _ARABIC.match(ch))
    # Arabic letters dominate the non-ASCII characters, and the text has
    # Arabic words (two or more letters together), not scattered symbols.
    return arabic / len(high) >= 0.85 and bool(_ARABIC_WORD.search(text))


def _misread_utf8(line: str) -> str | None:
    """UTF-8 Arabic once read as Windows-1256 (`ط³ط·ط±` for `سطر`), put right;
    None for any other line.  Real Arabic never survives the round trip: its
    Windows-1256 bytes are not UTF-8."""
    if "ط" not in line and "ظ" not in line:
        return None
    try:
        fixed = line.encode("cp1256").decode("utf-8")
    except UnicodeError:
        return None
    return fixed if fixed != line and _ARABIC_WORD.search(fixed) else None


# UTF-8 bytes read as Windows-1256: an Arabic letter's two bytes (D8/D9 and
# a continuation byte) show as ط or ظ and one of the 64 characters of bytes
# 80-BF; a three-byte character (… ﷺ) as a Latin letter and two of them
_CONT = "".join(re.escape(bytes([b]).decode("cp1256")) for b in range(0x80, 0xC0))
_LEAD3 = "".join(re.escape(ch) for b in range(0xE0, 0xF0) if (ch := bytes([b]).decode("cp1256")) < "\u0600")
_UNIT = f"(?:[طظ][{_CONT}]|[{_LEAD3}][{_CONT}]{{2}})"
# a garbled run: two letters or more, maybe with ASCII (spaces, hyphens) between
_GARBLED = re.compile(f"{_UNIT}{{2,}}(?:[ -~]*{_UNIT}{{2,}})*")
# the same misreading through Windows-1252 / Latin-1 (سطر as Ø³Ø·Ø±): reported
_LATIN_CONT = "".join(re.escape(bytes([b]).decode("cp1252", "ignore")) for b in range(0x80, 0xC0))
_GARBLED_LATIN = re.compile(f"(?:[ØÙ][{_LATIN_CONT}]){{2,}}")


def _misread_runs(line: str) -> tuple[str, list[Msg]]:
    """The line with each garbled run inside it put right (when its
    Windows-1256 bytes are UTF-8 holding Arabic), and what was done or seen:
    a run that does not come back cleanly is left as typed and reported."""
    notes: list[Msg] = []

    def repair(m: re.Match[str]) -> str:
        run = m.group()
        try:
            fixed = run.encode("cp1256").decode("utf-8")
        except UnicodeError:
            fixed = None
        if fixed is None or not _ARABIC.search(fixed):
            notes.append(msg("part of this line looks garbled ({text}…): left as typed, check it", text=run[:24]))
            return run
        notes.append(
            msg(
                "part of this line is {encoding} misread as {legacy} ({was}…) repaired: {now}…",
                encoding="UTF-8",
                legacy="Windows-1256",
                was=run[:24],
                now=fixed[:12],
            )
        )
        return fixed

    if "ط" in line or "ظ" in line or any(ch in line for ch in "âïîàçèéêë"):
        line = _GARBLED.sub(repair, line)
    for m in _GARBLED_LATIN.finditer(line):
        notes.append(
            msg(
                "part of this line looks like {encoding} misread as {legacy} ({text}…): left as typed",
                encoding="UTF-8",
                legacy="Latin-1",
                text=m.group()[:24],
            )
        )
    return line, notes
