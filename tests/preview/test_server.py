"""The preview server over plain HTTP: what it serves, what it refuses, how
it follows the manuscript (rebuilds, errors, bursts) — the real command in a
subprocess, spoken to with raw sockets where a client library would tidy
the request up."""

from __future__ import annotations

import http.client
import json
import socket
import time
from pathlib import Path

import pytest

from warraq.preview.server import resolve


def raw(server, data: bytes) -> bytes:
    """Send bytes as they are; return the whole answer."""
    with socket.create_connection((server.host, server.port), timeout=30) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def code_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def get_raw(server, target: str) -> bytes:
    return raw(server, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))


@pytest.fixture
def server(serve, default_book, tmp_path):
    return serve(default_book, tmp_path / "build")


TRAVERSALS = [
    "/../../../../etc/passwd",
    "/fonts/../../report.json",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/%252e%252e/%252e%252e/etc/passwd",  # double encoded
    "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",  # overlong UTF-8 dots
    "/..\\..\\report.json",
    "/%5c..%5c..%5creport.json",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/index.html%00.png",
    "/.secret",
    "/fonts/%2e%2e/%2e%2e/report.json",
]


def test_serves_the_preview_files(server):
    for path in ("/", "/index.html", "/preview.js", "/fonts/Amiri-Regular.ttf"):
        answer = get_raw(server, path)
        assert code_of(answer) == 200, path
    head, _, body = get_raw(server, "/").partition(b"\r\n\r\n")
    assert b"text/html" in head
    assert b'dir="rtl"' in body
    assert b'name="warraq-version"' in body


@pytest.mark.parametrize("target", TRAVERSALS)
def test_path_traversal_is_refused(server, target):
    (server.out / "preview" / ".secret").write_text("secret", "utf-8")
    answer = get_raw(server, target)
    assert code_of(answer) == 404, answer[:200]
    assert b"root:" not in answer
    assert b'"findings"' not in answer  # report.json, beside preview/, is not served
    assert b"secret" not in answer.split(b"\r\n\r\n", 1)[1]


def test_symlink_out_of_the_preview_is_refused(server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", "utf-8")
    (server.out / "preview" / "link.txt").symlink_to(secret)
    assert code_of(get_raw(server, "/link.txt")) == 404


def test_resolve_keeps_inside_the_root(tmp_path):
    root = tmp_path / "preview"
    (root / "fonts").mkdir(parents=True)
    (root / "index.html").write_text("x", "utf-8")
    (root / "fonts" / "a.ttf").write_text("x", "utf-8")
    (tmp_path / "report.json").write_text("x", "utf-8")
    assert resolve(root, "/") == (root / "index.html").resolve()
    assert resolve(root, "/fonts/a.ttf?v=1#x") == (root / "fonts" / "a.ttf").resolve()
    for target in [*TRAVERSALS, "/fonts/", "/nope.html", "relative.html"]:
        assert resolve(root, target) is None, target


@pytest.mark.parametrize(
    ("request_bytes", "expected"),
    [
        (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n\r\nabc", 405),
        (b"DELETE /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 405),
        (b"BREW / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 405),
        (b"GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", 400),
        (b"GET /\x00 HTTP/1.1 extra\r\n\r\n", 400),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n", 400),
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414),
        (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(150)) + b"\r\n", 431),
        (b"GET / HTTP/1.1\r\nX-Long: " + b"y" * 70000 + b"\r\n\r\n", 431),
    ],
    ids=[
        "post",
        "delete",
        "unknown-method",
        "bad-version",
        "bad-line",
        "tls-hello",
        "long-path",
        "huge-line",
        "header-flood",
        "huge-header",
    ],
)
def test_malformed_or_oversized_requests_get_4xx(server, request_bytes, expected):
    answer = raw(server, request_bytes)
    assert code_of(answer) == expected, answer[:200]
    # and the server is still there
    assert code_of(get_raw(server, "/")) == 200


def test_half_a_request_then_silence_does_not_stop_the_server(server):
    with socket.create_connection((server.host, server.port), timeout=30) as idle:
        idle.sendall(b"GET / HTT")
        assert code_of(get_raw(server, "/index.html")) == 200


def test_binds_to_loopback_by_default(server):
    assert server.host == "127.0.0.1"


def read_events(server, count: int, timeout: float = 30) -> list[dict]:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    conn.request("GET", "/_warraq/events")
    resp = conn.getresponse()
    assert resp.status == 200
    assert resp.getheader("Content-Type").startswith("text/event-stream")
    events, data = [], []
    while len(events) < count:
        line = resp.fp.readline().decode("utf-8").rstrip("\n")
        if line.startswith("data: "):
            data.append(line[6:])
        elif line == "" and data:
            events.append(json.loads("\n".join(data)))
            data = []
    conn.close()
    return events


def test_events_give_the_current_state_at_once(server):
    (state,) = read_events(server, 1)
    assert state["build"] == 1 and state["error"] is None
    assert state["version"] == server.status()["version"]


def part_file(server) -> Path:
    return server.manuscript / "parts" / "04-buqat-daw.txt"


def test_saving_a_part_rebuilds_and_changes_the_version(server):
    before = server.status()
    path = part_file(server)
    path.write_text(path.read_text("utf-8") + "فقرة أضيفت للتو في آخر الحلقة للتجربة.\n", "utf-8")
    after = server.wait_for(lambda s: s["build"] > before["build"])
    assert after["version"] != before["version"]
    code, body = server.get("/")
    assert code == 200
    assert "فقرة أضيفت للتو" in body.decode("utf-8")


def test_a_burst_of_saves_is_one_rebuild(server):
    before = server.status()
    path = part_file(server)
    text = path.read_text("utf-8")
    for i in range(20):  # an editor's auto-save: twenty writes in a few milliseconds
        path.write_text(text + f"سطر محفوظ رقم {i} في دفعة واحدة من الحفظ.\n", "utf-8")
    server.wait_for(lambda s: s["attempts"] > before["attempts"])
    time.sleep(1.5)  # long enough for any second rebuild to have started and ended
    after = server.status()
    assert after["attempts"] == before["attempts"] + 1
    assert "رقم 19 في دفعة" in server.get("/")[1].decode("utf-8")


def test_a_config_error_is_reported_and_cleared(server):
    book = server.manuscript / "book.toml"
    good = book.read_text("utf-8")
    lines = good.split("\n")
    broken_line = next(i for i, line in enumerate(lines) if line.startswith("title")) + 1
    lines[broken_line - 1] = 'title = "بقعة ضوء'  # unterminated string
    book.write_text("\n".join(lines), "utf-8")
    failed = server.wait_for(lambda s: s["error"] is not None)
    assert failed["error"]["file"].endswith("book.toml")
    assert failed["error"]["line"] == broken_line
    assert "invalid TOML" in failed["error"]["message"]
    # the last good preview is still served
    code, body = server.get("/")
    assert code == 200 and "بقعة ضوء" in body.decode("utf-8")
    book.write_text(good, "utf-8")
    fixed = server.wait_for(lambda s: s["error"] is None)
    assert fixed["build"] == failed["build"] + 1


def test_a_book_that_never_built_shows_its_error(serve, default_book, tmp_path):
    book = default_book / "book.toml"
    book.write_text(book.read_text("utf-8").replace("[book]", "[book"), "utf-8")
    server = serve(default_book, tmp_path / "build")
    assert server.status()["error"]["file"].endswith("book.toml")
    code, body = server.get("/")
    assert code == 200
    assert "book.toml" in body.decode("utf-8") and "/_warraq/preview.js" in body.decode("utf-8")


def test_port_in_use_is_one_clear_error(server, tmp_path):
    from ..conftest import run_cli

    result = run_cli(
        "preview", "-m", str(server.manuscript), "-o", str(tmp_path / "b2"), "--port", str(server.port), timeout=120
    )
    assert result.code == 7
    assert "Traceback" not in result.err
    assert f"cannot serve on 127.0.0.1:{server.port}" in result.err


def test_concurrent_requests_during_a_rebuild(server):
    """100 requests at once while a rebuild runs: all answered (no 5xx, no
    refused connection), and the page listening to the events still gets the
    new build (`make bench` does the same with 200 on a 40-part book)."""
    import queue
    import threading
    from concurrent.futures import ThreadPoolExecutor

    got: queue.Queue = queue.Queue()
    before = server.status()
    threading.Thread(target=lambda: [got.put(s) for s in read_events(server, 2, timeout=60)], daemon=True).start()
    time.sleep(0.3)
    path = part_file(server)
    path.write_text(path.read_text("utf-8") + "فقرة تحفظ بينما تصل الطلبات.\n", "utf-8")
    targets = ["/", "/preview.js", "/fonts/Amiri-Regular.ttf", "/_warraq/status"]

    def fetch(i: int) -> int:
        conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
        conn.request("GET", targets[i % len(targets)])
        resp = conn.getresponse()
        resp.read()
        conn.close()
        return resp.status

    with ThreadPoolExecutor(max_workers=100) as pool:
        codes = list(pool.map(fetch, range(100)))
    assert codes == [200] * 100
    first, second = got.get(timeout=60), got.get(timeout=60)
    assert first["build"] == before["build"]  # the state at connection time
    assert second["build"] == before["build"] + 1 and second["error"] is None
