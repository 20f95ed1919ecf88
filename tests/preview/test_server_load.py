"""Issue 29: a burst of idle connections must not make the preview fail.
Threads are capped; the connections beyond the cap wait their turn, and an
idle one gives its thread back in seconds while threads are scarce."""

from __future__ import annotations

import resource
import socket
import time

import pytest

from . import conftest
from .conftest import start_server

THREAD_ROOM = 2 * 2**30  # the server's address space: ~250 thread stacks (8 MB each) beside the interpreter


@pytest.fixture
def tight(monkeypatch):
    """The server with room for a few hundred threads, as a small machine or
    a container has: without a cap, the 500th connection cannot start one."""
    real = conftest.subprocess.Popen

    def popen(*args, **kw):
        kw["preexec_fn"] = lambda: resource.setrlimit(resource.RLIMIT_AS, (THREAD_ROOM, THREAD_ROOM))
        return real(*args, **kw)

    monkeypatch.setattr(conftest.subprocess, "Popen", popen)


def test_500_idle_connections_delay_a_request_but_do_not_fail_it(make_book, tmp_path, tight):
    root = make_book({"01.txt": "سلسلة (1)\nعنوان:\nنص الحلقة.\n"})
    server = start_server(root, tmp_path / "build")
    try:
        server.wait_for(lambda s: s["build"] > 0, timeout=120)
        idle = []
        for _ in range(500):
            idle.append(socket.create_connection((server.host, server.port), timeout=10))
        started = time.monotonic()
        code, body = server.get("/")
        waited = time.monotonic() - started
        assert code == 200 and b"<html" in body
        assert waited < 60, waited
        for sock in idle:
            sock.close()
        time.sleep(1)
        assert server.proc.poll() is None
        said = "\n".join(server.lines)
        assert "Traceback" not in said and "can't start new thread" not in said, said[-2000:]
    finally:
        server.stop()
