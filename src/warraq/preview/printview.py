"""The print view: the PDF's pages as images, refreshed after the PDF
rebuilds.

Enabled when a page first opens the print tab (a PDF build takes seconds, so
it is not made for nobody).  After each good build the PDF writer runs on
the book that build produced — the same pipeline, the writing stage — in a
background thread, then `pdftoppm` (poppler-utils) turns its pages into
PNGs under `preview/print/<serial>/`, listed by `preview/print/pages.js`.
Without a registered "pdf" writer or without pdftoppm, the tab says so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from ..errors import WarraqError
from ..i18n import msg
from ..pipeline import BuildResult
from ..writers import writer
from ..writers.output import atomic_write

RESOLUTION_DPI = 60  # an A5 page is about 350 pixels wide: enough to see the layout
KEEP = 2  # page sets kept on disk (the one shown, the one being made)


def unavailable_reason() -> str:
    try:
        write = writer("pdf")
    except ImportError as exc:
        return msg("the PDF writer cannot be loaded ({error})", error=str(exc))
    if write is None:
        return msg("the PDF writer is not part of this warraq: the print view cannot be shown")
    if shutil.which("pdftoppm") is None:
        return msg(
            "the print view needs {tool}: install the Debian package {package}",
            tool="pdftoppm",
            package="poppler-utils",
        )
    return ""


class PrintView:
    def __init__(self, preview_dir: Path, out: Path, on_state: Callable[[dict], None]):
        self.dir = preview_dir / "print"
        self.out = out
        self.on_state = on_state
        self.enabled = False
        self.serial = 0
        self.info: dict = {"status": "idle", "message": "", "pages": [], "serial": 0}
        self._pending: BuildResult | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # the page asks for the print view: start making it
    def request(self, latest: BuildResult | None) -> dict:
        reason = unavailable_reason()
        if reason:
            return self._set(status="unavailable", message=reason, pages=[])
        with self._lock:
            first = not self.enabled
            self.enabled = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="warraq-print", daemon=True)
                self._thread.start()
        if first and latest is not None:
            self.after_build(latest)
        return self.info

    def after_build(self, result: BuildResult) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._pending = result
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=60)

    def _set(self, **info) -> dict:
        with self._lock:
            self.info = {**self.info, **info}
            snapshot = dict(self.info)
        self.on_state({k: v for k, v in snapshot.items() if k != "pages"})
        return snapshot

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            if self._stop.is_set():
                return
            self._wake.clear()
            with self._lock:
                result, self._pending = self._pending, None
            if result is not None:
                self._make(result)

    def _make(self, result: BuildResult) -> None:
        self._set(status="building", message="")
        try:
            pdf = make_pdf(result, self.out)
            pages = self._rasterise(pdf)
        except Exception as exc:  # shown in the tab; the preview keeps running
            self._set(status="failed", message=failure(exc))
            return
        self._set(status="ok", message="", pages=pages, serial=self.serial, pdf=pdf.name)

    def _rasterise(self, pdf: Path) -> list[str]:
        self.serial += 1
        pages = rasterise(pdf, self.dir, self.serial)
        for old in self.dir.iterdir():
            if old.is_dir() and old.name.isdigit() and int(old.name) <= self.serial - KEEP:
                shutil.rmtree(old, ignore_errors=True)
        return pages


def make_pdf(result: BuildResult, out: Path) -> Path:
    """The PDF of a build's book: the pipeline's writing stage, run on the
    book that build produced (the registered "pdf" writer)."""
    write = writer("pdf")
    if write is None:
        raise RuntimeError(unavailable_reason())
    context = {"findings": list(result.findings), "options": None}
    outputs = write(result.book, result.config, out, context)
    return next(p for p in outputs if p.suffix == ".pdf")


def failure(exc: BaseException) -> str:
    """What the print tab says when the PDF could not be made."""
    return str(exc) if isinstance(exc, (WarraqError, RuntimeError)) else f"{type(exc).__name__}: {exc}"


def rasterise(pdf: Path, print_dir: Path, serial: int) -> list[str]:
    """The PDF's pages as PNGs in print_dir/<serial>/, listed (as URLs
    relative to the preview) in print_dir/pages.js."""
    target = print_dir / str(serial)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    proc = subprocess.run(
        ["pdftoppm", "-r", str(RESOLUTION_DPI), "-png", str(pdf), str(target / "page")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"pdftoppm failed: {proc.stderr.strip()[:300]}")
    pages = [f"print/{serial}/{p.name}" for p in sorted(target.glob("page-*.png"))]
    write_pages_script(print_dir, {"status": "ok", "message": "", "pages": pages, "serial": serial})
    return pages


def write_pages_script(print_dir: Path, info: dict) -> Path:
    """`print/pages.js`: the page list for a proof opened from disk (a
    script, since a page opened from file:// cannot fetch JSON)."""
    text = "window.warraqPrintPages && window.warraqPrintPages(" + json.dumps(info, ensure_ascii=False) + ");\n"
    return atomic_write(print_dir / "pages.js", text.encode("utf-8"))
