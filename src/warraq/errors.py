"""Errors the user can cause.  Each carries its exit code and, where known,
the file and line, and prints as one clear line (never a traceback)."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

from .i18n import N_, isolate, msg, printable, text_in


class WarraqError(Exception):
    """Base of every error a user can cause; exit code 1."""

    exit_code = 1

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def where(self) -> str:
        if self.file and self.line:
            return f"{printable(str(self.file))}:{self.line}"
        return printable(str(self.file or ""))

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        """ "file:line: message", the place isolated left-to-right in an
        Arabic sentence; in `lang` when the message is a gettext Msg."""
        message = text_in(self.message, lang) if lang else self.message
        where = self.where()
        return f"{isolate(where, lang)}: {message}" if where else message


@contextmanager
def reading(file: str) -> Iterator[None]:
    """Mark an error nothing foresaw, raised while `file` is read, with the
    file's name, so that its one line can name it (`file_of`)."""
    try:
        yield
    except WarraqError:
        raise
    except Exception as exc:
        if not hasattr(exc, "warraq_file"):
            exc.warraq_file = file  # type: ignore[attr-defined]
        raise


def file_of(exc: BaseException) -> str | None:
    """The file an unforeseen error was raised in, when known (printable)."""
    file = getattr(exc, "warraq_file", None) or getattr(exc, "filename", None)
    return printable(str(file)) if file else None


class InputError(WarraqError):
    """A manuscript file cannot be read or understood."""

    exit_code = 2


class ConfigError(WarraqError):
    """book.toml or sources.toml is malformed or invalid."""

    exit_code = 3


class AssemblyError(WarraqError):
    """The parts do not make a book (duplicate or missing numbers)."""

    exit_code = 4


class BuildError(WarraqError):
    """An output could not be written."""

    exit_code = 5


class StrictError(WarraqError):
    """`--strict` turned warnings into a failure."""

    exit_code = 6


class PreviewError(WarraqError):
    """The preview cannot be served (the port is taken, the host unknown)."""

    exit_code = 7


# the system's reasons an author meets, in the interface's language: the
# msgids are the C library's own words (strerror), so English reads as before
_OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EISDIR: N_("Is a directory"),
    errno.EEXIST: N_("File exists"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EIO: N_("Input/output error"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, as one phrase in the interface's language."""
    reason = _OS_REASONS.get(exc.errno)
    return msg(reason) if reason else (exc.strerror or str(exc))
