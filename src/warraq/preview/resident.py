"""`warraq build --watch`: the resident builder.

It builds, then stays: it watches the manuscript (parts, book.toml,
sources.toml, styles, the cover's folder) and builds again after each save,
through the one pipeline, with what a new process would have to make again
kept in memory:

* the imported modules (WeasyPrint, pikepdf, the transforms: about a second
  in a new process);
* every part as parsed, by the digest of its file (preview/cache.py: a save
  parses one part);
* the per-part transforms' outputs of the last build (transforms/memo.py:
  an edit runs quran, sources and typography on the edited part alone);
* the print HTML of every part (writers/pdf/documents.py `PART_HTML`: a part's
  HTML is made again only when the part, after the transforms, or what
  every part shares changed);
* the parsed stylesheets and loaded fonts of the documents typeset in this
  process (writers/pdf/typeset.py), and the typeset documents on disk (the
  PDF cache): an edit to one part typesets that part here, without a
  worker's start;
* the typeset documents as the assembly read them (writers/pdf/merge.py
  `OPENED`: an edit opens the edited part's alone), the hadith candidates of
  each part (transforms/hadith.py), dedup's keys of each block
  (transforms/dedup.py; every comparison across parts runs again), and the
  report's text of each finding (pipeline.py `findings_json`).

A failed build prints its one line and the builder waits for the next save;
the outputs stay as the last good build left them.  Ctrl-C stops it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import WarraqError
from ..pipeline import TRANSFORMS_FILE, BuildOptions, BuildResult, Progress, build
from ..transforms.memo import TransformMemo

QUIET_SECONDS = 0.04  # a burst of writes (an editor's save) is one rebuild


@dataclass
class Rebuilt:
    """One build of the resident builder: its result or its error."""

    seconds: float
    result: BuildResult | None = None
    error: WarraqError | None = None


class ResidentBuilder:
    def __init__(self, manuscript: Path, out: Path, options: BuildOptions) -> None:
        from .cache import PartCache

        self.manuscript = manuscript
        self.out = out
        self.options = options
        self.reader = PartCache()
        self.memo = TransformMemo(out / ".cache" / TRANSFORMS_FILE)
        self.result: BuildResult | None = None

    def build(self, progress: Progress = lambda _m: None) -> Rebuilt:
        start = time.perf_counter()
        try:
            self.result = build(self.manuscript, self.out, self.options, progress, read=self.reader, memo=self.memo)
        except WarraqError as exc:
            return Rebuilt(time.perf_counter() - start, error=exc)
        return Rebuilt(time.perf_counter() - start, self.result)

    def watched(self) -> list[Path]:
        from . import watch_paths

        return watch_paths(self.manuscript, self.result.config if self.result else None)

    def watch(
        self, on_build: Callable[[Rebuilt], None], stop: threading.Event, ready: Callable[[], None] = lambda: None
    ) -> None:
        """Build after every change set until `stop` is set (`ready`: called
        once the watching has started)."""
        from .watch import Watcher

        changed = threading.Event()
        watcher = Watcher(lambda _paths: changed.set(), ignore=[self.out])
        watcher.start(self.watched())
        try:
            watcher.ready.wait(5)
            ready()
            while not stop.is_set():
                if not changed.wait(0.2):
                    continue
                # a burst of saves: wait until they stop for QUIET_SECONDS
                while changed.is_set() and not stop.is_set():
                    changed.clear()
                    changed.wait(QUIET_SECONDS)
                if stop.is_set():
                    break
                done = self.build()
                watcher.set_paths(self.watched())
                on_build(done)
        finally:
            watcher.stop()
