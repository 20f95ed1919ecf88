"""Fixtures for the preview: the real `warraq preview` in a subprocess on a
free port (`--port 0`, the port read from what it prints), and one headless
Chromium (Debian's, driven by Playwright) for the tests of this folder."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ..conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SHOTS = ROOT / "build"  # screenshots are kept here to be looked at


@dataclass
class Server:
    proc: subprocess.Popen
    url: str
    manuscript: Path
    out: Path
    lines: list[str] = field(default_factory=list)

    @property
    def host(self) -> str:
        return re.match(r"http://([^:/]+):(\d+)/", self.url).group(1)

    @property
    def port(self) -> int:
        return int(re.match(r"http://([^:/]+):(\d+)/", self.url).group(2))

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=30) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def status(self) -> dict:
        code, body = self.get("/_warraq/status")
        assert code == 200
        return json.loads(body)

    def wait_for(self, check: Callable[[dict], bool], timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            state = self.status()
            if check(state):
                return state
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; last state {state}; server said {self.lines[-10:]}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def _drain(stream, sink: queue.Queue, lines: list[str]) -> None:
    for line in stream:
        lines.append(line.rstrip("\n"))
        sink.put(line)


def start_server(manuscript: Path, out: Path, *extra: str, timeout: float = 60) -> Server:
    # the server speaks English (its first line is read); the page, the book's language
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONUNBUFFERED": "1", "WARRAQ_LANG": "en"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "warraq", "preview", "-m", str(manuscript), "-o", str(out), "--port", "0", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    said: queue.Queue = queue.Queue()
    lines: list[str] = []
    for stream in (proc.stdout, proc.stderr):
        threading.Thread(target=_drain, args=(stream, said, lines), daemon=True).start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = said.get(timeout=0.5)
        except queue.Empty:
            if proc.poll() is not None:
                break
            continue
        m = re.search(r"preview on (http://\S+/)", line)
        if m:
            return Server(proc, m.group(1), manuscript, out, lines)
    proc.kill()
    raise AssertionError(f"the preview server did not start: {lines}")


@pytest.fixture
def serve() -> Iterator[Callable[..., Server]]:
    """Start `warraq preview` servers; every one is stopped after the test."""
    started: list[Server] = []

    def start(manuscript: Path, out: Path, *extra: str) -> Server:
        server = start_server(manuscript, out, *extra)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="package")
def browser():
    # package scope: Playwright's sync API allows one instance at a time, and
    # other test folders start their own after this one is closed
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ar")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()
