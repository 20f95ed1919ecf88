"""`warraq import URL…`: fetch article pages once and save each as a part
(the page and its article's pictures), so the book builds offline forever.

A polite client: one request at a time, a clear User-Agent, `robots.txt`
respected, timeouts, a size limit, few redirects (http and https only).
Nothing here runs during `build`: the readers never touch the network.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from ... import __version__
from ...config import slugify
from ...errors import WarraqError
from ...i18n import Msg, msg
from . import distinct_image_name, image_name, plain_image_name, read_page

BODY_TIMEOUTS = 3  # the whole body within three timeouts
USER_AGENT = f"warraq/{__version__} (book-making tool; fetches each page once, on the author's request)"


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0  # seconds for each connection and each read
    max_page: int = 5 * 1024 * 1024  # bytes of one page
    max_image: int = 10 * 1024 * 1024  # bytes of one picture
    max_images: int = 40  # pictures of one article
    max_redirects: int = 5


class FetchError(Exception):
    """Why a URL could not be fetched, as a message for the author."""

    def __init__(self, reason: Msg | str, status: int = 0):
        super().__init__(str(reason))
        self.reason = reason
        self.status = status  # the HTTP status when the server answered one


@dataclass
class Imported:
    url: str
    path: Path | None = None
    error: Msg | str | None = None
    images: int = 0
    missing: list[str] = field(default_factory=list)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # followed by `Client.get`, which counts and checks them


class Client:
    """GET with the limits; robots.txt read once per site."""

    def __init__(self, limits: Limits = Limits()):
        self.limits = limits
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.opener = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))

    def get(self, url: str, limit: int, robots: bool = True) -> tuple[str, bytes, str]:
        """(final URL, body, content type) or FetchError."""
        for _ in range(self.limits.max_redirects + 1):
            scheme = urlsplit(url).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(msg("not a web address ({schemes}): {url}", schemes="http, https", url=url[:200]))
            if "@" in urlsplit(url).netloc:
                # never sent, never saved in the page or printed in the book
                raise FetchError(msg("an address with a user name or password: warraq does not send them"))
            if robots and not self.allowed(url):
                raise FetchError(msg("the site's {file} does not allow fetching this page", file="robots.txt"))
            request = urllib.request.Request(
                as_uri(url), headers={"User-Agent": USER_AGENT, "Accept": "text/html,image/*;q=0.9,*/*;q=0.5"}
            )
            try:
                response = self.opener.open(request, timeout=self.limits.timeout)
            except urllib.error.HTTPError as exc:
                if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                    url = urljoin(url, exc.headers["Location"])
                    exc.close()
                    continue
                exc.close()
                answer = msg("the server answered {code} {reason}", code=exc.code, reason=exc.reason)
                raise FetchError(answer, exc.code) from None
            except TimeoutError:
                raise FetchError(msg("no answer within {seconds} s", seconds=self.limits.timeout)) from None
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, TimeoutError):
                    raise FetchError(msg("no answer within {seconds} s", seconds=self.limits.timeout)) from None
                raise FetchError(msg("cannot connect: {reason}", reason=str(reason))) from None
            except (OSError, ValueError, http.client.HTTPException) as exc:
                # a status line or a header out of HTTP (too long, too many): the
                # server's answer is not one to read
                raise FetchError(msg("cannot connect: {reason}", reason=_reason(exc))) from None
            with response:
                return url, self._body(response, limit), response.headers.get("Content-Type", "")
        raise FetchError(msg("more than {n} redirects", n=self.limits.max_redirects))

    def _body(self, response, limit: int) -> bytes:
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > limit:
            raise FetchError(msg("larger than the limit of {limit} MB", limit=round(limit / 2**20, 1)))
        chunks: list[bytes] = []
        size = 0
        # a server that sends a byte now and then never times a read out: the whole body has a deadline too
        deadline = time.monotonic() + BODY_TIMEOUTS * self.limits.timeout
        try:
            while True:
                # read1: what has arrived (read(n) waits for n bytes, so a
                # server dripping a byte a second would never reach the deadline)
                chunk = response.read1(64 * 1024)
                if not chunk:
                    break
                if time.monotonic() > deadline:
                    seconds = BODY_TIMEOUTS * self.limits.timeout
                    raise FetchError(msg("no answer within {seconds} s", seconds=seconds))
                size += len(chunk)
                if size > limit:
                    raise FetchError(msg("larger than the limit of {limit} MB", limit=round(limit / 2**20, 1)))
                chunks.append(chunk)
        except TimeoutError:
            raise FetchError(msg("no answer within {seconds} s", seconds=self.limits.timeout)) from None
        except (OSError, http.client.HTTPException) as exc:  # a broken chunk, a reset connection
            raise FetchError(msg("the page arrived incomplete: {reason}", reason=_reason(exc))) from None
        if length.isdigit() and size < int(length):
            # the connection closed early: a page cut short is not saved as the article
            received = msg("{size} of {length} bytes", size=size, length=length)
            raise FetchError(msg("the page arrived incomplete: {reason}", reason=received))
        return b"".join(chunks)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self.robots:
            self.robots[site] = self._robots(site)
        rules = self.robots[site]
        return rules is None or rules.can_fetch(USER_AGENT, url)

    def _robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules; None (everything allowed) when it has none."""
        rules = urllib.robotparser.RobotFileParser()
        try:
            _, body, _ = self.get(site + "/robots.txt", 512 * 1024, robots=False)
        except FetchError as exc:
            # as robotparser: 401 and 403 forbid everything, other failures allow it
            if exc.status in (401, 403):
                rules.disallow_all = True
                return rules
            return None
        rules.parse(body.decode("utf-8", "replace").splitlines())
        return rules


def as_uri(url: str) -> str:
    """The address as HTTP sends it: the Arabic of a path or a query
    (`/رأي/مقال`, as copied from an article or a page) percent-encoded,
    what is already encoded left as it is; the host is left to the
    connection, which sends an Arabic domain name in its IDNA form."""
    parts = urlsplit(url)
    safe = "/:@!$&'()*+,;=%~[]?"
    return parts._replace(path=quote(parts.path, safe=safe), query=quote(parts.query, safe=safe), fragment="").geturl()


def _reason(exc: Exception) -> str:
    """The library's reason on one line, bounded (a header of 100 KB is not repeated)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:120] + "…"


def import_urls(urls: list[str], into: Path, limits: Limits = Limits()) -> list[Imported]:
    """Fetch each page and save it in `into`; one result per URL."""
    client = Client(limits)
    results: list[Imported] = []
    for url in urls:
        try:
            results.append(_import(client, url, into))
        except FetchError as exc:
            results.append(Imported(_without_password(url), error=exc.reason))
        except WarraqError as exc:
            results.append(Imported(_without_password(url), error=exc.message))
    return results


def _without_password(url: str) -> str:
    """The address as it may be printed: a password in it is hidden."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc="…@" + parts.netloc.rpartition("@")[2]).geturl()


def _import(client: Client, url: str, into: Path) -> Imported:
    final, body, kind = client.get(url, client.limits.max_page)
    if kind and not re.match(r"\s*(text/html|application/xhtml\+xml)", kind, re.I):
        raise FetchError(msg("not a web page ({type})", type=kind.split(";")[0].strip()))
    page = read_page(body, url, None)  # not an article: an error, nothing saved
    into.mkdir(parents=True, exist_ok=True)
    path = _free_name(into, page.published, page.title)
    done = Imported(url, path)
    files = path.with_name(path.stem + "_files")
    names: set[str] = set()
    for src in page.images[: client.limits.max_images]:
        address = urljoin(final, src)
        name = image_name(src)
        if name in names or not plain_image_name(name):
            name = distinct_image_name(src)  # where the reader looks for it first
        try:
            _, data, _ = client.get(address, client.limits.max_image)
        except FetchError:
            done.missing.append(address)
            continue
        files.mkdir(exist_ok=True)
        (files / name).write_bytes(data)
        names.add(name)
        done.images += 1
    path.write_bytes(mark_of_the_web(final) + body)
    return done


def mark_of_the_web(url: str) -> bytes:
    """`<!-- saved from url=(0042)https://… -->`, as browsers mark a saved
    page: the reader takes the part's address from it when the page names
    none (no canonical link, no `og:url`)."""
    address = quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")
    return f"<!-- saved from url=({len(address):04d}){address} -->\n".encode("ascii")


def _free_name(into: Path, published: str, title: str) -> Path:
    """`2024-03-15-عنوان-المقال.html`, made unique in the folder."""
    stem = "-".join(x for x in (published, slugify(title)[:60].strip("-")) if x) or "page"
    path = into / f"{stem}.html"
    n = 2
    while path.exists():
        path = into / f"{stem}-{n}.html"
        n += 1
    return path
