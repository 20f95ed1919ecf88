"""`warraq import`: a polite client tested against a local HTTP server on
127.0.0.1 only (redirects, 404, timeouts, a huge body, robots.txt)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import run_cli
from warraq.readers import read_part
from warraq.readers.web.fetch import USER_AGENT, Limits, import_urls, mark_of_the_web

DATA = Path(__file__).parent / "readers" / "data" / "web"
ARTICLE = (
    (DATA / "hespress.html")
    .read_bytes()
    .replace(b"https://www.hespress.com/wp-content/uploads/2024/03/jemaa.png", b"/uploads/jemaa.png")
)
IMAGE = (DATA / "hespress_files" / "jemaa.png").read_bytes()
HUGE = 300_000


class Site(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []  # noqa: RUF012 - the test reads what the server saw

    def log_message(self, *args) -> None:
        pass

    def send(self, code: int, body: bytes, kind: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Site.seen.append((self.path, self.headers.get("User-Agent", "")))
        path = self.path
        if path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path in ("/opinion/marrakech", "/private/marrakech"):
            self.send(200, ARTICLE)
        elif path == "/uploads/jemaa.png":
            self.send(200, IMAGE, "image/png")
        elif path == "/old-address":
            self.send(301, b"", Location="/opinion/marrakech")
        elif path == "/loop":
            self.send(302, b"", Location="/loop")
        elif path == "/elsewhere":
            self.send(302, b"", Location="ftp://127.0.0.1/file")
        elif path == "/slow":
            time.sleep(2)
            self.send(200, ARTICLE)
        elif path == "/huge":
            # no Content-Length: the size is found while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"x" * HUGE + b"</body></html>")
        elif path == "/drip":
            # a byte every half second: each read is quick, the whole never ends
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b" " * 70_000)
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
        elif path == "/home":
            self.send(200, (DATA / "home.html").read_bytes())
        elif path == "/pdf":
            self.send(200, b"%PDF-1.4", "application/pdf")
        else:
            self.send(404, b"<h1>404</h1>")


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


LIMITS = Limits(timeout=1.0, max_page=200_000, max_redirects=3)


def test_page_and_its_picture_are_saved_and_read_offline(site, tmp_path):
    Site.seen.clear()
    (done,) = import_urls([site + "/opinion/marrakech"], tmp_path, LIMITS)
    assert done.error is None
    # named from its date and title, transliterated (a portable name, as the
    # outputs' slug: zip tools and upload forms mangle Arabic file names)
    assert done.path == tmp_path / "2024-03-08-mraksh-saha-thky-alf-hkaya.html"
    saved = done.path.read_bytes()
    assert saved == f"<!-- saved from url=({len(site) + 18:04d}){site}/opinion/marrakech -->\n".encode() + ARTICLE
    assert (tmp_path / "2024-03-08-mraksh-saha-thky-alf-hkaya_files" / "jemaa.png").read_bytes() == IMAGE
    assert {ua for _, ua in Site.seen} == {USER_AGENT}
    assert [p for p, _ in Site.seen] == ["/robots.txt", "/opinion/marrakech", "/uploads/jemaa.png"]
    # the saved part builds with no network: its picture comes from the _files folder
    part = read_part(done.path, done.path.name, {})
    assert part.published == "2024-03-08"
    assert part.url == "https://www.hespress.com/مراكش-ساحة-تحكي-ألف-حكاية-1345678.html"  # its canonical link
    figure = next(b for b in part.blocks if type(b).__name__ == "Figure")
    assert figure.data == IMAGE


def test_each_failure_is_one_result_and_the_others_go_on(site, tmp_path):
    urls = [
        site + "/missing",
        site + "/private/marrakech",
        site + "/loop",
        site + "/slow",
        site + "/huge",
        site + "/home",
        site + "/pdf",
        site + "/elsewhere",
        "file:///etc/passwd",
        site + "/old-address",
    ]
    started = time.monotonic()
    results = import_urls(urls, tmp_path, LIMITS)
    assert time.monotonic() - started < 15
    reasons = [str(r.error) for r in results]
    assert "404" in reasons[0]
    assert "robots.txt" in reasons[1]
    assert "more than 3 redirects" in reasons[2]
    assert "no answer within 1 s" in reasons[3]
    assert "larger than the limit" in reasons[4]
    assert "not an article" in reasons[5]
    assert "application/pdf" in reasons[6]
    assert "not a web address" in reasons[7] and "not a web address" in reasons[8]
    assert results[9].error is None and results[9].path is not None  # a redirect followed
    saved = sorted(p.name for p in tmp_path.iterdir())
    assert saved == ["2024-03-08-mraksh-saha-thky-alf-hkaya.html", "2024-03-08-mraksh-saha-thky-alf-hkaya_files"]


def test_a_server_that_drips_the_body_is_given_up(site, tmp_path):
    started = time.monotonic()
    (done,) = import_urls([site + "/drip"], tmp_path, Limits(timeout=1.0, max_page=10_000_000))
    assert "no answer within 3 s" in str(done.error)
    assert time.monotonic() - started < 8


def test_a_second_import_of_the_same_article_does_not_overwrite(site, tmp_path):
    first, second = import_urls([site + "/opinion/marrakech"] * 2, tmp_path, LIMITS)
    assert first.path != second.path and second.path.name.endswith("-2.html")


def test_cli_prints_one_line_per_failed_url_and_exits_non_zero(site, tmp_path):
    run = run_cli("import", site + "/missing", site + "/opinion/marrakech", "--into", str(tmp_path / "parts"))
    assert run.code == 1
    errors = [ln for ln in run.err.splitlines() if ln.strip()]
    assert len(errors) == 1 and "/missing" in errors[0] and "404" in errors[0]
    assert "Traceback" not in run.err
    assert "2024-03-08" in run.out and "(1 picture)" in run.out


class Forbidding(Site):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send(403, b"forbidden")
        else:
            super().do_GET()


def test_robots_txt_forbidden_means_no_page(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Forbidding)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        (done,) = import_urls([f"http://127.0.0.1:{server.server_address[1]}/opinion/marrakech"], tmp_path, LIMITS)
    finally:
        server.shutdown()
        server.server_close()
    assert "robots.txt" in str(done.error)


def test_a_site_without_robots_txt_may_be_fetched(tmp_path):
    class NoRobots(Site):
        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                self.send(404, b"")
            else:
                super().do_GET()

    server = ThreadingHTTPServer(("127.0.0.1", 0), NoRobots)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        (done,) = import_urls([f"http://127.0.0.1:{server.server_address[1]}/private/marrakech"], tmp_path, LIMITS)
    finally:
        server.shutdown()
        server.server_close()
    assert done.error is None and done.path is not None


def test_the_address_imported_from_is_the_parts_url_when_the_page_names_none(site, tmp_path):
    bare = ARTICLE.replace(b'<link rel="canonical"', b'<link rel="x"').replace(b'property="og:url"', b'property="x"')
    saved = mark_of_the_web("https://example.net/رأي/مقال 1") + bare
    (tmp_path / "p.html").write_bytes(saved)
    assert read_part(tmp_path / "p.html", "p.html", {}).url == "https://example.net/رأي/مقال 1"


# ------------------------------------------------------------- review (issue 29)


def _figure_of(html: bytes, src: str) -> bytes:
    figure = f'<figure><img src="{src}" width="400"><figcaption>صورة</figcaption></figure></article>'
    return html.replace(b"</article>", figure.encode(), 1)


# two named alike, a NUL byte, an Arabic name too long for a file system (unencoded, as pages write it)
PICTURES = ("/2024/03/image.png", "/2024/04/image.png", "/img/a%00b.png", "/img/" + "ص" * 200 + ".png")


class Hostile(BaseHTTPRequestHandler):
    """Answers out of HTTP, bodies cut short or dripped, pictures with hostile names."""

    protocol_version = "HTTP/1.0"

    def log_message(self, *args) -> None:
        pass

    def raw(self, data: bytes) -> None:
        self.wfile.write(data)

    def do_GET(self) -> None:
        Site.seen.append((self.path, self.headers.get("Authorization", "")))
        path = self.path
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
        if path == "/robots.txt":
            self.raw(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        elif path == "/header-too-long":
            self.raw(b"HTTP/1.0 200 OK\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n" + ARTICLE)
        elif path == "/headers-too-many":
            self.raw(b"HTTP/1.0 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(200)) + b"\r\n" + ARTICLE)
        elif path == "/not-http":
            self.raw(b"GARBAGE\r\n\r\n")
        elif path == "/broken-chunk":
            self.raw(head + b"Transfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n")
        elif path == "/cut-short":
            # the article's first half, then the connection closes
            self.raw(head + b"Content-Length: %d\r\n\r\n" % len(ARTICLE) + ARTICLE[: len(ARTICLE) // 2])
        elif path == "/byte-drip":
            self.raw(head + b"\r\n")
            try:
                for _ in range(200):  # a byte every 0.1 s: read(64 KB) alone would wait 1.8 hours
                    self.raw(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif path == "/pictures":
            page = ARTICLE
            for src in PICTURES:
                page = _figure_of(page, src)
            self.raw(head + b"Content-Length: %d\r\n\r\n" % len(page) + page)
        elif path.startswith(("/2024/", "/img/", "/uploads/")):
            body = IMAGE + unquote(path).encode()  # each picture its own bytes
            self.raw(b"HTTP/1.0 200 OK\r\nContent-Type: image/png\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        else:
            self.raw(head + b"Content-Length: %d\r\n\r\n" % len(ARTICLE) + ARTICLE)


@pytest.fixture(scope="module")
def hostile():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_answer_out_of_http_or_cut_short_is_one_line_and_the_others_go_on(hostile, tmp_path):
    paths = ["/header-too-long", "/headers-too-many", "/not-http", "/broken-chunk", "/cut-short", "/article"]
    run = run_cli("import", *(hostile + p for p in paths), "--into", str(tmp_path), timeout=120)
    assert run.code == 1 and "Traceback" not in run.err, run.err
    errors = [ln for ln in run.err.splitlines() if ln.strip()]
    assert len(errors) == 5, run.err
    for path, line in zip(paths, errors, strict=False):
        assert path in line
    assert "incomplete" in errors[3] and "incomplete" in errors[4]
    # only the whole article was saved: a page cut in half is not the author's article
    assert [p.name for p in tmp_path.glob("*.html")] == ["2024-03-08-mraksh-saha-thky-alf-hkaya.html"]


def test_a_body_dripped_a_byte_at_a_time_is_given_up_at_the_deadline(hostile, tmp_path):
    started = time.monotonic()
    (done,) = import_urls([hostile + "/byte-drip"], tmp_path, Limits(timeout=1.0))
    assert "no answer within 3" in str(done.error)
    assert time.monotonic() - started < 8


def test_pictures_with_hostile_or_equal_names_are_saved_apart_and_read_back(hostile, tmp_path):
    (done,) = import_urls([hostile + "/pictures"], tmp_path, LIMITS)
    assert done.error is None and done.images == 1 + len(PICTURES), (done.error, done.missing)
    files = done.path.with_name(done.path.stem + "_files")
    names = sorted(p.name for p in files.iterdir())
    assert len(names) == 1 + len(PICTURES) and all(len(n.encode()) <= 255 and "\x00" not in n for n in names)
    # each figure of the saved part is its own picture (not the first «image.png» twice)
    part = read_part(done.path, done.path.name, {})
    data = [b.data for b in part.blocks if type(b).__name__ == "Figure"]
    assert data[1:] == [IMAGE + unquote(src).encode() for src in PICTURES]


def test_an_arabic_address_is_fetched(hostile, tmp_path):
    (done,) = import_urls([hostile + "/رأي/مقال-عن-مراكش?عدد=٣"], tmp_path, LIMITS)
    assert done.error is None and done.path is not None
    assert "/%D8%B1%D8%A3%D9%8A/" in done.path.read_text(encoding="utf-8").splitlines()[0]


def test_a_password_in_the_address_is_never_sent_saved_or_printed(hostile, tmp_path):
    Site.seen.clear()
    run = run_cli("import", hostile.replace("//", "//reader:s3cret@") + "/article", "--into", str(tmp_path))
    assert run.code == 1 and "Traceback" not in run.err
    assert "user name or password" in run.err and "s3cret" not in run.err + run.out
    assert not list(tmp_path.iterdir()) and not Site.seen
