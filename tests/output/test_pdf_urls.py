"""Stylesheets read only the project's files.

`book.css` asked WeasyPrint for a file outside the project (it went into
the PDF) and for `http://` URLs (fetched during the build).  Now a file
outside the project, an HTTP URL or a relative path that climbs out are
refused, each a finding with book.css and the line; the project's own
image is still drawn (so the test cannot pass by refusing everything)."""

from __future__ import annotations

import http.server
import io
import threading
import zipfile
from pathlib import Path
from typing import ClassVar

import pikepdf
import pytest
from PIL import Image

from tests.output.helpers import report, warraq
from tests.writers.epub_fixtures import epubcheck


def png(width: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, 2), "red").save(out, "PNG")
    return out.getvalue()


PNG, SECRET = png(2), png(3)  # ours is 2 pixels wide, the secret 3
PART = "مقدمة\n\nنص الجزء الأول.\n"


class Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Counting.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    Counting.hits = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def image_widths(pdf: Path) -> set[int]:
    with pikepdf.open(pdf) as doc:
        return {int(image.Width) for page in doc.pages for image in page.get_images().values()}


@pytest.mark.parametrize("engine", ["parallel", "single"])
def test_a_stylesheet_reads_only_the_projects_files(make_book, tmp_path, server, engine):
    private = tmp_path / "private"
    private.mkdir()
    (private / "secret.png").write_bytes(SECRET)
    root = make_book({"01.txt": PART}, extra=f'\n[print]\nengine = "{engine}"\n')
    styles = root / "styles"
    styles.mkdir()
    (styles / "ours.png").write_bytes(PNG)
    (styles / "book.css").write_text(
        "/* the author's */\n"
        f".part-title::before {{ content: url({private.as_uri()}/secret.png); }}\n"
        f".part-title::after {{ content: url({server}/remote.png); }}\n"
        ".part-title { background: url(../../private/secret.png); }\n"
        f"p:first-of-type::before {{ content: url({(styles / 'ours.png').as_uri()}); }}\n",
        "utf-8",
    )
    out = tmp_path / "out"
    run = warraq("build", "-f", "pdf", "-m", str(root), "-o", str(out))
    assert run.code == 0, run.err
    assert Counting.hits == []  # nothing fetched from the network
    assert image_widths(out / "test-book.pdf") == {2}  # ours, not the secret
    refused = [f for f in report(out)["findings"] if f["rule"] == "pdf-url-refused"]
    assert {(Path(f["file"]).name, f["line"]) for f in refused} == {("book.css", 2), ("book.css", 3), ("book.css", 4)}
    said = " ".join(f["message"] for f in refused)
    assert "/private/secret.png" in said and f"{server}/remote.png" in said


def test_the_epub_carries_no_url_of_a_stylesheet(make_book, tmp_path, server):
    """The EPUB writer reads no URL, but it copied the author's CSS with
    them: a reading system would fetch the web address, and the file ones
    lead nowhere (EPUBCheck: a missing resource).  They are left out, each
    reported with book.css and its line; a data: URL stays."""
    root = make_book({"01.txt": PART})
    (root / "styles").mkdir()
    (root / "styles" / "book.css").write_text(
        "/* the author's */\n"
        ".part-title::before { content: url(file:///etc/hostname); }\n"
        f'@import "{server}/more.css";\n'
        "h2 { background: url('ours.png') }\n"
        "p::after { content: url(data:image/png;base64,AAAA); }\n",
        "utf-8",
    )
    out = tmp_path / "out"
    run = warraq("build", "-f", "epub", "-m", str(root), "-o", str(out))
    assert run.code == 0, run.err
    with zipfile.ZipFile(out / "test-book.epub") as epub:
        css = next(epub.read(n).decode() for n in epub.namelist() if n.endswith(".css"))
    assert "hostname" not in css and server not in css and "ours.png" not in css
    assert "url(data:image/png;base64,AAAA)" in css
    refused = [f for f in report(out)["findings"] if f["rule"] == "epub-url-refused"]
    assert sorted((Path(f["file"]).name, f["line"]) for f in refused) == [("book.css", n) for n in (2, 3, 4)]
    messages = epubcheck(out / "test-book.epub")
    assert [(m["ID"], m["message"]) for m in messages if m["severity"] in ("FATAL", "ERROR")] == []
