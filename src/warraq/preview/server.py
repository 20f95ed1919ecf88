"""The preview's HTTP server (standard library): the preview's own files,
the build events, and nothing else.

* GET/HEAD only; other methods get 405.
* Only files under `out/preview/` are served; a path with `..`, a dot-file,
  a backslash or a NUL, encoded or not, gets 404, and so does anything that
  resolves outside the folder (a symlink).
* Malformed or oversized requests get 4xx from here, never a 5xx or a crash.
* `/_warraq/events` is the server-sent event stream of build states,
  `/_warraq/status` the current state, `/_warraq/print` the print view.
* Only a Host of the address it is bound to is answered (127.0.0.1,
  localhost, [::1], the --host given; with its port or none): any other
  gets 421, so a web page whose name is rebound to 127.0.0.1 (DNS
  rebinding) cannot read the book.  What starts work (`/_warraq/print`, a
  PDF build) answers only the preview's own page: Sec-Fetch-Site
  same-origin, an Origin of its own, or (a browser that sends neither) the
  `X-Warraq` header that only a same-origin script may send; else 403.
"""

from __future__ import annotations

import json
import mimetypes
import queue
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..i18n import language, printable
from ..writers.preview import script_json, ui_dir, ui_strings, ui_words
from .builder import page_version
from .events import CLOSE, HEARTBEAT_SECONDS, Broadcaster, sse

MAX_PATH = 2048  # longer request targets get 414
MAX_THREADS = 64  # connections served at once; more wait in the listening queue
SCARCE_FIRST_LINE_SECONDS = 1.0
PREFIX = "/_warraq/"
WORK = {PREFIX + "print"}  # what starts work: same-origin requests only
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WILDCARD = {"", "0.0.0.0", "::"}
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


@dataclass
class Site:
    """What the handler needs from the preview session."""

    root: Path  # out/preview
    events: Broadcaster
    status: Callable[[], dict]
    print_view: Callable[[], dict]


def resolve(root: Path, target: str) -> Path | None:
    """The file a request target names inside `root`, or None."""
    path = urlsplit(target).path
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not decoded.startswith("/") or "\x00" in decoded or "\\" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if any(p.startswith(".") for p in parts):  # "..", ".", dot-files (temporary outputs)
        return None
    if decoded.endswith("/") or not parts:
        parts.append("index.html")
    base = root.resolve()
    candidate = base.joinpath(*parts).resolve()
    if not candidate.is_relative_to(base) or not candidate.is_file():
        return None
    return candidate


def split_host(value: str) -> tuple[str, int | None] | None:
    """A Host (or an Origin's authority) as (name, port); None if malformed."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port = rest[1:]
    else:
        name, _, port = value.partition(":")
        if ":" in port:
            return None
    if port and not port.isdigit():
        return None
    return name.rstrip("."), int(port) if port else None


def is_ip(name: str) -> bool:
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in name else socket.AF_INET, name)
    except OSError:
        return False
    return True


def host_allowed(value: str, bound: str, port: int) -> bool:
    """Is `value` (a Host header) a name of the address the server is bound
    to?  Loopback names always; the --host given; on every interface
    (0.0.0.0), any IP address too (a name could be anyone's: rebinding)."""
    split = split_host(value)
    if split is None:
        return False
    name, given_port = split
    if given_port is not None and given_port != port:
        return False
    bound = bound.strip("[]").lower()
    return name in LOOPBACK or name == bound or (bound in WILDCARD and is_ip(name))


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "warraq-preview"
    sys_version = ""
    protocol_version = "HTTP/1.0"
    # answer even an unparseable request with a status line (the standard
    # library's default, HTTP/0.9, sends a bare body)
    default_request_version = "HTTP/1.0"
    timeout = 20  # seconds a client may take to send its request

    def setup(self) -> None:
        # a connection that sends nothing holds a thread: while threads are
        # scarce, it has a few seconds to send its first line, not 20
        self.timeout = self.server.first_line_timeout()
        super().setup()

    # ------------------------------------------------------------ request checks

    def parse_request(self) -> bool:
        self.connection.settimeout(Handler.timeout)
        if not super().parse_request():
            return False
        if self.command not in ("GET", "HEAD"):
            self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)
            return False
        if len(self.path) > MAX_PATH:
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return False
        host = self.headers.get("Host")
        bound, port = self.server.bound()
        if host is not None and not host_allowed(host, bound, port):
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "unknown host")
            return False
        if urlsplit(self.path).path in WORK and not self._same_origin(bound, port):
            self.send_error(HTTPStatus.FORBIDDEN, "cross-site request")
            return False
        return True

    def _same_origin(self, bound: str, port: int) -> bool:
        site = self.headers.get("Sec-Fetch-Site")
        origin = self.headers.get("Origin")
        if site is not None and site.strip().lower() not in ("same-origin", "none"):
            return False
        if origin is not None:
            parts = urlsplit(origin.strip())
            host = self.headers.get("Host") or ""
            return (
                parts.scheme == "http"
                and parts.netloc.lower() == host.strip().lower()
                and host_allowed(parts.netloc, bound, port)
            )
        return site is not None or self.headers.get("X-Warraq") == "1"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # the standard library answers an unknown HTTP version with 505 and
        # an unknown method with 501: those are the client's faults
        if code in (HTTPStatus.HTTP_VERSION_NOT_SUPPORTED, HTTPStatus.NOT_IMPLEMENTED):
            code = HTTPStatus.BAD_REQUEST
        super().send_error(code, message, explain)

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass

    # ------------------------------------------------------------ methods

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        site = self.server.site
        path = urlsplit(self.path).path
        try:
            if path == PREFIX + "events" and body:
                self._events(site.events)
            elif path == PREFIX + "status":
                self._json(site.status(), body)
            elif path == PREFIX + "print":
                self._json(site.print_view(), body)
            elif path == PREFIX + "preview.js":
                data = resources.files("warraq.preview").joinpath("assets/preview.js").read_bytes()
                self._send(200, TYPES[".js"], data, body)
            elif path.startswith(PREFIX):
                self.send_error(HTTPStatus.NOT_FOUND)
            else:
                self._file(site, body)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except OSError:  # a file replaced or removed while being read
            self.send_error(HTTPStatus.NOT_FOUND)

    def _file(self, site: Site, body: bool) -> None:
        file = resolve(site.root, self.path)
        if file is None:
            if urlsplit(self.path).path in ("/", "/index.html") and not (site.root / "index.html").is_file():
                self._send(200, TYPES[".html"], self.server.waiting_page(), body)
                return
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        data = file.read_bytes()
        kind = TYPES.get(file.suffix.lower()) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if file.name == "index.html" and file.parent == site.root.resolve():
            # the version of these very bytes (the file may be replaced while
            # it is read): the page compares it with the build events'
            version = page_version(data)
            data = data.replace(b"<head>", f'<head>\n<meta name="warraq-version" content="{version}"/>'.encode(), 1)
        self._send(200, kind, data, body)

    def _send(self, code: int, kind: str, data: bytes, body: bool) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _json(self, data: dict, body: bool) -> None:
        self._send(200, TYPES[".json"], json.dumps(data, ensure_ascii=False).encode("utf-8"), body)

    def _events(self, events: Broadcaster) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(b"retry: 500\n\n")
        self.wfile.flush()
        q = events.subscribe()
        try:
            serial = 0
            while True:
                try:
                    state = q.get(timeout=HEARTBEAT_SECONDS)
                except queue.Empty:
                    self.wfile.write(b": ping\n\n")
                    self.wfile.flush()
                    continue
                if state is CLOSE:
                    return
                serial += 1
                self.wfile.write(sse("state", state, serial))
                self.wfile.flush()
        finally:
            events.unsubscribe(q)
            self.close_connection = True


class PreviewServer(ThreadingHTTPServer):
    """At most MAX_THREADS connections are served at once; the others wait
    in the listening queue (a burst of idle connections delays a request,
    it does not make it fail)."""

    daemon_threads = True
    request_queue_size = 256  # a burst of connections waits instead of being refused
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], site: Site):
        self.site = site
        self.requested_host = address[0]
        self.slots = threading.BoundedSemaphore(MAX_THREADS)
        self.free = MAX_THREADS  # advisory: how scarce threads are
        self.counting = threading.Lock()
        self.stopping = threading.Event()
        super().__init__(address, Handler)

    def first_line_timeout(self) -> float:
        return Handler.timeout if self.free > MAX_THREADS // 2 else SCARCE_FIRST_LINE_SECONDS

    def process_request(self, request, client_address) -> None:
        while not self.slots.acquire(timeout=0.5):  # every thread busy: this one waits its turn
            if self.stopping.is_set():
                self.shutdown_request(request)
                return
        with self.counting:
            self.free -= 1
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._release()

    def _release(self) -> None:
        with self.counting:
            self.free += 1
        self.slots.release()

    def shutdown(self) -> None:
        self.stopping.set()
        super().shutdown()

    def bound(self) -> tuple[str, int]:
        """The address asked for (--host) and the port bound."""
        return self.requested_host, self.server_address[1]

    def waiting_page(self) -> bytes:
        """Served at / until a first build succeeds: the error, and the
        script that reloads the page when a build does succeed."""
        state = self.site.status()
        error = state.get("error") or {}
        lang = language()  # no book yet to take its language from: the command line's
        words = ui_words(lang)
        text = error.get("text") or words["building"]
        return (
            f'<!DOCTYPE html>\n<html lang="{lang}" dir="{ui_dir(lang)}"><head><meta charset="utf-8"/>'
            "<title>warraq preview</title>"
            f'<script type="application/json" id="warraq-ui">{script_json(ui_strings(lang))}</script></head>'
            '<body class="book mode-preview waiting">'
            f'<div id="build-error" class="proof-ui" role="alert"><strong>{escape(words["build-failed"])}</strong>'
            f"<span>{escape(text)}</span></div>"
            '<script src="/_warraq/preview.js"></script></body></html>\n'
        ).encode()

    def handle_error(self, request, client_address) -> None:
        # a client that goes away mid-request is no error of ours; anything
        # else is logged without stopping the server
        exc = sys.exc_info()[1]
        if isinstance(exc, (BrokenPipeError, ConnectionResetError, socket.timeout)):
            return
        print(f"warraq: preview: {type(exc).__name__}: {printable(str(exc))}", file=sys.stderr)
