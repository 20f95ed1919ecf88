"""The preview's build loop: rebuild through the one pipeline when asked,
coalescing requests, and publish the resulting state.

A failed build keeps the last good preview on disk and publishes the error
(file, line, message) for the page to show; the next good build clears it.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..corpora.hadith import load_in_background as load_hadith_in_background
from ..errors import WarraqError
from ..i18n import LANGS, msg, nmsg, text_in
from ..pipeline import BuildOptions, BuildResult, build
from ..writers.preview import PREVIEW_DIR
from .cache import PartCache

Publish = Callable[[dict], None]
# a rebuild starts once no save has come for this long: an editor's burst of
# writes (truncate, write, rename, touch) is one rebuild, never a half file
QUIET_SECONDS = 0.04


def page_version(data: bytes) -> str:
    """The version of a preview page: a digest of its bytes."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


@dataclass(frozen=True)
class BuildState:
    build: int = 0  # successful builds so far
    attempts: int = 0  # builds run so far, failed ones included
    version: str = ""  # of the preview page now on disk
    error: dict | None = None  # the last build's error, None when it succeeded
    seconds: float = 0.0  # duration of the last build
    findings: int = 0
    print: dict = field(default_factory=dict)  # the print view's state (printview.py)

    def as_dict(self) -> dict:
        return {
            "build": self.build,
            "attempts": self.attempts,
            "version": self.version,
            "error": self.error,
            "seconds": round(self.seconds, 4),
            "findings": self.findings,
            "print": self.print,
        }


def error_dict(exc: BaseException) -> dict:
    if isinstance(exc, WarraqError):
        d = {"message": exc.message, "file": exc.file, "line": exc.line, "where": exc.where(), "text": str(exc)}
        d["messages"] = {lang: text_in(exc.message, lang) for lang in LANGS}  # the page shows the reader's
        return d
    message = msg("internal error: {error}", error=repr(exc))
    return {"message": message, "file": None, "line": None, "where": "", "text": repr(exc)}


class Builder:
    def __init__(
        self,
        manuscript: Path,
        out: Path,
        options: BuildOptions,
        publish: Publish,
        after_build: Callable[[BuildResult], None] | None = None,
        log: Callable[[str], None] = lambda _m: None,
    ):
        self.manuscript = manuscript
        self.out = out
        self.options = options
        self.publish = publish
        self.after_build = after_build
        self.log = log
        self.cache = PartCache()
        self.result: BuildResult | None = None
        self._state = BuildState()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="warraq-build", daemon=True)

    @property
    def page(self) -> Path:
        return self.out / PREVIEW_DIR / "index.html"

    @property
    def state(self) -> BuildState:
        with self._lock:
            return self._state

    def update(self, **changes) -> None:
        with self._lock:  # publish in order: a page never sees an older state last
            self._state = replace(self._state, **changes)
            self.publish(self._state.as_dict())

    # ------------------------------------------------------------------ loop

    def start(self) -> None:
        # hadith data loads (seconds) in a thread when a quotation needs it,
        # never blocking a rebuild; a rebuild is asked for when it is there
        load_hadith_in_background(self.request)
        self._thread.start()

    def request(self) -> None:
        """Ask for a rebuild; requests made while one runs make one more."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            # a burst of saves: wait until the requests stop for QUIET_SECONDS
            while not self._stop.is_set():
                self._wake.clear()
                if not self._wake.wait(QUIET_SECONDS):
                    break
            if self._stop.is_set():
                return
            self.build_now()

    # ------------------------------------------------------------------ one build

    def build_now(self) -> BuildState:
        start = time.perf_counter()
        attempts = self.state.attempts + 1
        try:
            result = build(self.manuscript, self.out, self.options, read=self.cache)
        except Exception as exc:  # a build error is shown on the page, never kills the server
            if not isinstance(exc, WarraqError):
                traceback.print_exc(file=sys.stderr)
            self.log(msg("build failed: {error}", error=str(exc)))
            self.update(attempts=attempts, error=error_dict(exc), seconds=time.perf_counter() - start)
            return self.state
        self.result = result
        version = page_version(self.page.read_bytes())
        seconds = time.perf_counter() - start
        self.update(
            build=self.state.build + 1,
            attempts=attempts,
            version=version,
            error=None,
            seconds=seconds,
            findings=len(result.findings),
        )
        self.log(
            nmsg(
                "built in {ms} ms, {n} finding",
                "built in {ms} ms, {n} findings",
                n=len(result.findings),
                ms=round(seconds * 1000),
            )
        )
        if self.after_build is not None:
            self.after_build(result)
        return self.state
