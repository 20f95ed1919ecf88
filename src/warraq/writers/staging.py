"""One build's outputs, moved into `--out` together.

Every format of a build (and report.json) is written to a staging folder
inside `--out` (`.staging-<pid>/`); only when all are written are they
moved into place, file by file with `os.replace` (the same file system: no
copy), with SIGINT and SIGTERM held back meanwhile.  A build that fails or
is stopped before that leaves the previous outputs as they were: never the
HTML of one build beside the EPUB of another.

A lock on `--out` (`.warraq-lock`, flock) keeps two builds from writing there
at once: the second waits a little, then stops with one line.  Holding it,
a build removes what a killed build left: staging folders and `.part` files.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import BuildError, os_reason
from ..i18n import msg

LOCK = ".warraq-lock"
STAGING = ".staging-"
LOCK_WAIT_SECONDS = 10.0
HELD_BACK = {signal.SIGINT, signal.SIGTERM}
KEEP = {".cache", "preview"}  # kept their own way (the PDF cache prunes itself; the print view)


def out_folder(out: Path) -> None:
    """`--out` is a folder, or can be made one: else one line."""
    if out.exists() and not out.is_dir():
        raise BuildError(msg("the output folder is a file, not a folder"), str(out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(msg("cannot create the output folder: {error}", error=os_reason(exc)), str(out)) from None


def unsafe_out_reason(out: Path, manuscript: Path, inputs: list[Path], home: Path | None = None) -> str | None:
    """Why `out` must not receive a build's outputs, or None: the file
    system's root, the user's home, the manuscript folder or a folder holding
    it, or a folder inside one the book is read from (parts, styles)."""
    target = out.resolve()
    root = manuscript.resolve()
    home = (home or Path.home()).resolve()
    if target == Path(target.anchor):
        return msg(
            "the output folder is the file system's root; give a folder of its own (e.g. {example})", example="build"
        )
    if target == home:
        return msg("the output folder is your home folder; give a folder of its own (e.g. {example})", example="build")
    if target == root:
        return msg(
            "the output folder is the manuscript folder; give a folder of its own (e.g. {example})", example="build"
        )
    if root.is_relative_to(target):
        return msg("the output folder holds the manuscript; give a folder of its own (e.g. {example})", example="build")
    for folder in inputs:
        if target.is_relative_to(folder.resolve()):
            return msg(
                "the output folder is inside {folder}, which is read into the book; write elsewhere",
                folder=folder.name + "/",
            )
    return None


def refuse_unsafe_out(out: Path, manuscript: Path, inputs: list[Path]) -> None:
    """One line, before anything is written, when `out` is not a safe place."""
    reason = unsafe_out_reason(out, manuscript, inputs)
    if reason:
        raise BuildError(reason, str(out))


@contextlib.contextmanager
def locked(out: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold `--out`'s lock; wait up to `wait` seconds for another build."""
    try:  # never through a symbolic link: the lock is --out's own file
        fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        if (out / LOCK).is_symlink():
            raise BuildError(msg("is a symbolic link; delete it"), str(out / LOCK)) from None
        raise BuildError(msg("cannot write in the output folder: {error}", error=os_reason(exc)), str(out)) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    message = msg("another warraq build is writing to this folder (waited {seconds} s)", seconds=wait)
                    raise BuildError(message, str(out)) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # releases the lock


def refuse_links_out(out: Path) -> None:
    """The rule of every path a build writes: inside `--out`, links
    followed.  The folders warraq keeps there (the PDF cache, the preview)
    must not lead elsewhere: a link to another folder would be written and
    pruned.  (An output that is a link is replaced, never written through.)"""
    top = out.resolve()
    for name in (*sorted(KEEP), ".cache/pdf"):
        path = out / name
        if (path.is_symlink() or path.exists()) and not path.resolve().is_relative_to(top):
            raise BuildError(msg("is a symbolic link out of the output folder; delete it"), str(path))


def leftovers(out: Path) -> list[Path]:
    """What a killed build left in `out`: staging folders and `.part` files."""
    found = [p for p in out.iterdir() if p.name.startswith(STAGING) and p.is_dir() and not p.is_symlink()]
    for dirpath, dirnames, filenames in os.walk(out):
        if Path(dirpath) == out:
            dirnames[:] = [d for d in dirnames if d not in KEEP and not d.startswith(STAGING)]
        found += [Path(dirpath) / f for f in filenames if f.startswith(".") and f.endswith(".part")]
    return found


def clean(out: Path) -> None:
    for path in leftovers(out):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A staging folder in `out`, under `out`'s lock; what was written there
    is moved into `out` when the block ends without an error."""
    out_folder(out)
    with locked(out):
        refuse_links_out(out)
        clean(out)
        stage = out / f"{STAGING}{os.getpid()}"
        try:
            stage.mkdir()
        except OSError as exc:
            raise BuildError(
                msg("cannot write in the output folder: {error}", error=os_reason(exc)), str(out)
            ) from None
        try:
            yield stage
            commit(stage, out)
        finally:
            shutil.rmtree(stage, ignore_errors=True)


def commit(stage: Path, out: Path) -> None:
    """Move every file of `stage` to the same place in `out`, all or none.
    All targets are checked first (an output name that is a folder is one
    line, and nothing is moved); each output already there is kept as a
    hard link in the stage (which a locked or immutable file refuses: one
    line, nothing moved), so that a move that fails half-way puts every
    earlier one back.  The signals that stop a build wait till the end."""
    files = sorted(p for p in stage.rglob("*") if p.is_file() or p.is_symlink())
    for path in files:
        target = out / path.relative_to(stage)
        if target.is_dir() and not target.is_symlink():
            raise BuildError(msg("an output's name is taken by a folder; move it away"), str(target))
        for parent in target.relative_to(out).parents:
            folder = out / parent
            if folder != out and folder.exists() and not folder.is_dir():
                raise BuildError(msg("an output's folder is taken by a file; move it away"), str(folder))
    previous = stage / ".previous"
    kept: dict[Path, Path] = {}
    for path in files:
        target = out / path.relative_to(stage)
        if target.exists() or target.is_symlink():
            backup = previous / path.relative_to(stage)
            try:
                backup.parent.mkdir(parents=True, exist_ok=True)
                os.link(target, backup, follow_symlinks=False)
            except OSError as exc:
                raise BuildError(not_replaceable(exc), str(target)) from None
            kept[target] = backup
    held = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_BACK)
    moved: list[Path] = []
    try:
        for path in files:
            target = out / path.relative_to(stage)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
            except OSError as exc:
                roll_back(moved, kept)
                raise BuildError(not_replaceable(exc), str(target)) from None
            moved.append(target)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def not_replaceable(exc: OSError) -> str:
    return msg("cannot replace this output ({error}); the previous outputs are as they were", error=os_reason(exc))


def roll_back(moved: list[Path], kept: dict[Path, Path]) -> None:
    """Put back what a failed commit had moved: the previous output where
    there was one, nothing where there was none."""
    for target in reversed(moved):
        with contextlib.suppress(OSError):
            if target in kept:
                os.replace(kept[target], target)
            else:
                target.unlink()


def final(path: Path, stage: Path, out: Path) -> Path:
    """Where a file written to `stage` ends up."""
    try:
        return out / path.relative_to(stage)
    except ValueError:
        return path
