"""Parts cached by content: a rebuild after one part is saved re-reads only
that part.  A drop-in `PartReader` for `pipeline.build(read=...)`; the rest
of the pipeline (assembly, transforms, writers) runs in full every time."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..assemble import display_name, part_files
from ..config import Config, project_dir
from ..errors import InputError
from ..i18n import msg
from ..model import Figure, Part
from ..readers import read_part


@dataclass
class PartCache:
    # path -> (digest of the file's bytes and of what else the reader uses,
    # Part, the state of the image files its figures read)
    parts: dict[Path, tuple[str, Part, tuple]] = field(default_factory=dict)
    reads: int = 0  # parts actually parsed (for tests and the benchmark)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __call__(self, config: Config) -> list[Part]:
        with self._lock:
            files = part_files(config)
            context = repr(
                (sorted(config.order.items()), config.dedup.phrases, str(config.root.resolve()), config.web.link_notes)
            )
            out = [self._part(path, config, context) for path in files]
            for gone in set(self.parts) - set(files):
                del self.parts[gone]
            return out

    def _part(self, path: Path, config: Config, context: str) -> Part:
        display = display_name(path, config)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(msg("cannot read: {error}", error=str(exc.strerror)), display) from None
        # a saved web page reads its pictures from the `_files/` folder beside it
        beside = repr(_folder_state(path.with_name(path.stem + "_files"))) if path.suffix.lower() in WEB else ""
        digest = hashlib.blake2b(data + (context + beside).encode() + display.encode(), digest_size=16).hexdigest()
        cached = self.parts.get(path)
        if cached is not None and cached[0] == digest and cached[2] == images_state(cached[1], config):
            return cached[1]
        part = read_part(path, display, config.order, config.dedup.phrases, config.web.link_notes, config.root)
        self.reads += 1
        self.parts[path] = (digest, part, images_state(part, config))
        return part


def images_state(part: Part, config: Config) -> tuple:
    """The size and time of each image file the part's figures read: an
    image saved again is read again, though the part is unchanged."""
    state = []
    for block in part.blocks:
        if isinstance(block, Figure) and block.src:
            try:
                st = (project_dir(config.root) / block.src).stat()
                state.append((block.src, st.st_mtime_ns, st.st_size))
            except OSError:
                state.append((block.src, 0, -1))
    return tuple(state)


WEB = (".html", ".htm")


def _folder_state(folder: Path) -> list[tuple[str, int, int]]:
    """The files of a folder as their names, sizes and times (none: [])."""
    try:
        return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file())
    except OSError:
        return []
