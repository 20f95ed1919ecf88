"""Errors the user can cause.  Each carries its exit code and, where known,
the file and line, and prints as one clear line (never a traceback)."""

from __future__ import annotations

import errno

from .i18n import N_, isolate, msg, text_in


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
            return f"{self.file}:{self.line}"
        return self.file or ""

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        """ "file:line: message", the place isolated left-to-right in an
        Arabic sentence; in `lang` when the message is a gettext Msg."""
        message = text_in(self.message, lang) if lang else self.message
        where = self.where()
        return f"{isolate(where, lang)}: {message}" if where else message


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


# the system's reasons an author meets, in the interface's language
# (strerror is the C library's English)
_OS_REASONS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EROFS: N_("the file system is read-only"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EISDIR: N_("this is a folder"),
    errno.EEXIST: N_("it exists already"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EDQUOT: N_("the disk quota is exceeded"),
    errno.EIO: N_("input/output error"),
    errno.ELOOP: N_("too many symbolic links"),
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, as one phrase in the interface's language."""
    reason = _OS_REASONS.get(exc.errno)
    return msg(reason) if reason else (exc.strerror or str(exc))
