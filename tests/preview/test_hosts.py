"""The preview answers only its own address, and starts work only for its
own page (DNS rebinding, cross-site requests): raw HTTP to the real server."""

from __future__ import annotations

import pytest

from tests.preview.test_server import code_of, raw


@pytest.fixture
def server(serve, default_book, tmp_path):
    return serve(default_book, tmp_path / "build")


def request(server, target: str, *headers: str) -> bytes:
    head = "".join(f"{h}\r\n" for h in headers)
    return raw(server, f"GET {target} HTTP/1.1\r\n{head}Connection: close\r\n\r\n".encode("latin-1"))


def test_only_the_bound_address_is_answered(server):
    port = server.port
    for host in ("127.0.0.1", f"127.0.0.1:{port}", "localhost", f"localhost:{port}", "LOCALHOST.", f"[::1]:{port}"):
        answer = request(server, "/", f"Host: {host}")
        assert code_of(answer) == 200, host
    for host in ("evil.example.com", f"evil.example.com:{port}", "127.0.0.1.nip.io", "127.0.0.1:1", "[::1", "a:b:c"):
        answer = request(server, "/", f"Host: {host}")
        assert code_of(answer) == 421, host
        assert "بقعة ضوء".encode() not in answer  # not a word of the book
    assert code_of(request(server, "/_warraq/status", "Host: evil.example.com")) == 421


def test_work_starts_only_for_the_preview_page(server):
    host = f"Host: 127.0.0.1:{server.port}"
    cross = [
        ("Sec-Fetch-Site: cross-site",),
        ("Sec-Fetch-Site: same-site",),
        ("Origin: http://evil.example.com",),
        (f"Origin: http://localhost:{server.port}",),  # not the Host asked for
        ("Sec-Fetch-Site: same-origin", "Origin: http://evil.example.com"),
        (),  # neither header nor the preview's own: a client that says nothing
    ]
    for headers in cross:
        assert code_of(request(server, "/_warraq/print", host, *headers)) == 403, headers
    assert not server.status()["print"]  # no PDF build was started
    for headers in (
        ("Sec-Fetch-Site: same-origin",),
        (f"Origin: http://127.0.0.1:{server.port}",),
        ("X-Warraq: 1",),
    ):
        assert code_of(request(server, "/_warraq/print", host, *headers)) == 200, headers


def test_host_names_parsed():
    from warraq.preview.server import host_allowed, split_host

    assert split_host("[::1]:8000") == ("::1", 8000)
    assert split_host("LocalHost:80") == ("localhost", 80)
    assert split_host("x:y") is None and split_host("[::1]x") is None
    assert host_allowed("10.0.0.5:8000", "0.0.0.0", 8000)  # every interface: any address
    assert not host_allowed("book.example:8000", "0.0.0.0", 8000)  # but no name
    assert host_allowed("book.lan", "book.lan", 8000)  # the --host given
