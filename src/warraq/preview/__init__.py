"""`warraq preview`: the proof-reading preview, live or exported.

A `Session` ties the parts together:

    watch.py      manuscript and styles change  -> builder.request()
    builder.py    pipeline.build(formats=preview, lint) -> state
    events.py     state -> every open page (server-sent events)
    printview.py  after a build, when the print tab was opened: PDF -> PNGs
    server.py     the preview's files, the events, the print view (HTTP)

The page itself is written by the "preview" writer (writers/preview.py) and
driven by assets/preview.js.  `export_static()` writes the same page, with
its fonts and the print view's images, to a folder that opens without warraq.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config, load_config
from ..errors import PreviewError
from ..i18n import LANGS, msg, text_in
from ..pipeline import BuildOptions, BuildResult, build, read_folders
from ..progress import counting
from ..writers.output import atomic_write
from ..writers.preview import PREVIEW_DIR
from ..writers.staging import refuse_unsafe_out
from .builder import Builder
from .events import Broadcaster
from .printview import PrintView, failure, make_pdf, rasterise, unavailable_reason, write_pages_script
from .server import PreviewServer, Site
from .watch import Watcher

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def preview_options(spelling: bool = False) -> BuildOptions:
    return BuildOptions(formats=("preview",), lint=True, spelling=spelling)


def watch_paths(manuscript: Path, config: Config | None) -> list[Path]:
    """The manuscript folder (parts, book.toml, sources.toml) and, once the
    configuration is known, the parts and styles folders wherever they are."""
    paths = [manuscript]
    if config is not None:
        paths.append(config.parts_dir)
        if config.styles_dir is not None:
            paths.append(config.styles_dir)
        if config.cover is not None:
            paths.append(config.cover.parent)
    return paths


@dataclass
class Session:
    manuscript: Path
    out: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    options: BuildOptions = field(default_factory=preview_options)
    log: Callable[[str], None] = lambda _m: None

    def __post_init__(self) -> None:
        self.events = Broadcaster()
        self.builder = Builder(
            self.manuscript, self.out, self.options, self.events.publish, self._after_build, self.log
        )
        self.print_view = PrintView(self.out / PREVIEW_DIR, self.out, lambda info: self.builder.update(print=info))
        self.watcher = Watcher(lambda _changes: self.builder.request(), ignore=[self.out])
        site = Site(
            root=self.out / PREVIEW_DIR,
            events=self.events,
            status=lambda: self.builder.state.as_dict(),
            print_view=lambda: self.print_view.request(self.builder.result),
        )
        try:
            self.server = PreviewServer((self.host, self.port), site)
        except OSError as exc:
            address = "%s:%d" % (self.host, self.port)  # noqa: UP031 - an f-string here would confuse Babel
            raise PreviewError(
                msg("cannot serve on {address}: {error}", address=address, error=str(exc.strerror or exc))
            ) from None
        self._thread = threading.Thread(target=self.server.serve_forever, name="warraq-http", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"

    def _after_build(self, result: BuildResult) -> None:
        self.watcher.set_paths(watch_paths(self.manuscript, result.config))
        self.print_view.after_build(result)

    def start(self) -> None:
        """First build (its error, if any, is shown on the page), then watch and serve."""
        self.builder.build_now()
        self.builder.start()
        self.watcher.start(watch_paths(self.manuscript, self.builder.result.config if self.builder.result else None))
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.events.close()
        self.watcher.stop()
        self.builder.stop()
        self.print_view.stop()
        self.server.server_close()

    def __enter__(self) -> Session:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(
    manuscript: Path,
    out: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    open_browser: bool = False,
    options: BuildOptions | None = None,
    log: Callable[[str], None] = print,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the preview until interrupted (Ctrl-C)."""
    session = Session(manuscript, out, host, port, options or preview_options(), log)
    try:
        with session:
            announce(msg("preview on {url} ({keys} stops)", url=session.url, keys="Ctrl-C"))
            if open_browser:
                webbrowser.open(session.url)
            threading.Event().wait()
    except KeyboardInterrupt:
        announce(msg("preview stopped"))


def check_static_target(target: Path, names: list[Path]) -> None:
    """`--static` writes into an empty folder or one it made; never through
    a symbolic link inside it."""
    if target.exists() and not target.is_dir():
        raise PreviewError(msg("{option} needs a folder; this is a file", option="--static"), str(target))
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise PreviewError(
            msg("{option} writes only into an empty folder or one it made; this one holds files", option="--static"),
            str(target),
        )
    for name in [Path("print"), *names]:
        for part in [*reversed(name.parents[:-1]), name]:
            if (target / part).is_symlink():
                raise PreviewError(
                    msg("{option} does not write through a symbolic link", option="--static"), str(target / part)
                )


def export_static(
    manuscript: Path, target: Path, options: BuildOptions | None = None, log: Callable[[str], None] = print
) -> BuildResult:
    """A self-contained proof in `target`: index.html (styles inside), the
    script, the fonts, and the print view's page images when the PDF writer
    and pdftoppm are there (a PDF that fails leaves the proof without them,
    and says why)."""
    options = options or preview_options()
    config = load_config(manuscript)  # before the build: a refusal costs nothing
    refuse_unsafe_out(target, config.root, read_folders(config))
    check_static_target(target, [])
    with tempfile.TemporaryDirectory(prefix="warraq-proof-") as tmp:
        out = Path(tmp)
        result = build(manuscript, out, options, log)
        print_dir = out / PREVIEW_DIR / "print"
        reason = unavailable_reason()
        if not reason:
            try:
                log(msg("writing {format}", format="pdf"))
                with counting(getattr(log, "count", None)):
                    pdf = make_pdf(result, out)
                rasterise(pdf, print_dir, 1)
            except Exception as exc:  # the proof is still worth having
                reason = msg("the PDF could not be made: {error}", error=failure(exc))
        if reason:
            log(msg("print view left out: {reason}", reason=reason))
            messages = {lang: text_in(reason, lang) for lang in LANGS}  # the page shows the reader's
            write_pages_script(
                print_dir, {"status": "unavailable", "message": reason, "messages": messages, "pages": []}
            )
        _replace_tree(out / PREVIEW_DIR, target)
    return result


MARKER = ".warraq-proof"  # in a folder `--static` made: it may be written again


def _replace_tree(source: Path, target: Path) -> None:
    """Copy the proof into `target`, each file atomically; the print view's
    old pages go (they belong to an older build).  Only into an empty
    folder or one warraq made (its marker file): a folder of the user's is
    never written into nor emptied, and a symbolic link in it is never
    followed."""
    files = [path for path in sorted(source.rglob("*")) if path.is_file()]
    check_static_target(target, [path.relative_to(source) for path in files])
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PreviewError(
            msg("cannot create the proof folder: {error}", error=str(exc.strerror)), str(target)
        ) from None
    old_print = target / "print"
    if old_print.is_dir():
        shutil.rmtree(old_print)
    atomic_write(target / MARKER, b"a proof written by warraq preview --static; warraq may replace this folder\n")
    for path in files:
        atomic_write(target / path.relative_to(source), path.read_bytes())
