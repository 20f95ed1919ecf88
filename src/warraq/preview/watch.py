"""Watch the manuscript and styles folders (watchfiles) and ask for a
rebuild on every change set.

watchfiles yields a change set once the *set* of changed paths stops growing
for one step, so twenty writes to one file may come as several sets; the
builder (builder.py) coalesces them by waiting for a quiet moment."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

STEP_MS = 5  # how often watchfiles looks at what changed
DEBOUNCE_MS = 400  # a burst longer than this is cut into several change sets


class Watcher:
    def __init__(self, on_change: Callable[[set[str]], None], ignore: list[Path]):
        self.on_change = on_change
        self.ignore = [str(p.resolve()) for p in ignore]
        self._paths: tuple[Path, ...] = ()
        self._restart = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="warraq-watch", daemon=True)
        self.ready = threading.Event()  # set once watching has started

    def start(self, paths: list[Path]) -> None:
        self.set_paths(paths)
        self._thread.start()

    def set_paths(self, paths: list[Path]) -> None:
        """Watch these paths (those that exist); restart if they changed."""
        wanted = tuple(sorted({p.resolve() for p in paths if p.exists()}))
        with self._lock:
            if wanted == self._paths:
                return
            self._paths = wanted
        self._restart.set()

    def stop(self) -> None:
        self._stop.set()
        self._restart.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        watch_filter = watchfiles.DefaultFilter(ignore_paths=self.ignore)
        while not self._stop.is_set():
            self._restart.clear()
            with self._lock:
                paths = self._paths
            if not paths:
                self._restart.wait(0.5)
                continue
            self.ready.set()
            for changes in watchfiles.watch(
                *paths,
                watch_filter=watch_filter,
                step=STEP_MS,
                debounce=DEBOUNCE_MS,
                stop_event=self._restart,
                raise_interrupt=False,
                rust_timeout=1000,
                yield_on_timeout=False,
            ):
                self.on_change({path for _change, path in changes})
