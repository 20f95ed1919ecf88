"""The command line (Typer).  The only module that knows about argv.

Commands are thin: they call the library and print.  A `WarraqError` becomes
one line on stderr and its exit code, never a traceback.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__
from .errors import BuildError, StrictError, WarraqError
from .i18n import LANGS, _, choose, isolate, msg, set_language
from .outline import outline
from .pipeline import BuildOptions, build, finding_dict, load
from .quran import describe, identify
from .scaffold import init_project
from .transforms.dedup import dedup
from .transforms.dedup_report import report_text
from .writers import FORMATS


def split_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """`--lang X` (or `--lang=X`) taken from anywhere in argv, so that
    `warraq build --lang ar` works as `warraq --lang ar build` does."""
    lang, rest, i = None, [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == "--lang" and i + 1 < len(argv):
            lang, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return lang, rest


# help texts are made when this module is imported: speak the user's language
set_language(choose(split_lang(sys.argv[1:])[0]))

app = typer.Typer(
    name="warraq",
    help="warraq (وَرّاق): turn an Arabic serialized column into a book.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class Lang(StrEnum):
    ar = "ar"
    en = "en"


assert tuple(Lang) == LANGS


@app.callback()
def options(
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="The language warraq speaks: ar or en (default: WARRAQ_LANG, then the locale)."),
    ] = None,
) -> None:
    set_language(choose(lang.value if lang else None))


class Format(StrEnum):
    html = "html"
    epub = "epub"
    pdf = "pdf"
    cover = "cover"
    all = "all"


class Profile(StrEnum):
    screen = "screen"
    print = "print"


Manuscript = Annotated[Path, typer.Option("--manuscript", "-m", help="The book project (holds book.toml).")]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Where outputs are written.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the result.")]


@contextmanager
def user_errors():
    """Turn a WarraqError into one clear line and its exit code; SIGTERM
    stops a command as Ctrl-C does (the PDF workers with it)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    except WarraqError as exc:
        err.print(f"warraq: {ERROR}: {exc}", markup=False)
        raise typer.Exit(exc.exit_code) from None
    except Terminated:
        err.print("warraq: " + msg("stopped (SIGTERM); the previous outputs are as they were"), markup=False)
        raise typer.Exit(143) from None
    except KeyboardInterrupt:
        err.print("warraq: " + msg("interrupted; the previous outputs are as they were"), markup=False)
        raise typer.Exit(130) from None
    except OSError as exc:  # what no check foresaw: still one line
        where = f"{isolate(str(exc.filename))}: " if exc.filename else ""
        err.print(f"warraq: {ERROR}: {where}{exc.strerror or exc}", markup=False)
        raise typer.Exit(BuildError.exit_code) from None


class _Error:
    """ "error", in the language of the moment."""

    def __str__(self) -> str:
        return _("error")


ERROR = _Error()


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the build is, so that it stops cleanly."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def progress_printer(quiet: bool) -> Callable[[str], None]:
    if quiet:
        return lambda _msg: None
    if err.is_terminal:
        return lambda msg: err.print(f"[dim]… {msg}[/dim]")
    return lambda msg: err.print(f"warraq: {msg}", markup=False)


@app.command("build")
def build_cmd(
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.html,
    manuscript: Manuscript = Path("manuscript"),
    out_dir: OutDir = Path("build"),
    keep_duplicates: Annotated[bool, typer.Option(help="Do not remove repeated passages.")] = False,
    profile: Annotated[
        Profile, typer.Option(help="PDF profile: screen, or print (bleed, crop marks).")
    ] = Profile.screen,
    strict: Annotated[bool, typer.Option(help="Fail on any warning.")] = False,
    quiet: Quiet = False,
) -> None:
    """Build the book: html, epub, pdf, or all."""
    formats = FORMATS if format is Format.all else (format.value,)
    options = BuildOptions(formats, keep_duplicates, profile.value, strict)
    with user_errors():
        result = build(manuscript, out_dir, options, progress_printer(quiet))
    summarize(result.findings, quiet)
    for path in result.outputs:
        out.print(str(path), markup=False)


def summarize(findings, quiet: bool) -> None:
    """A readable summary of the build report on stderr."""
    if not findings:
        return
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    err.print("warraq: report: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())), markup=False)
    if quiet:
        return
    for f in findings:
        if f.level in ("warning", "error") or f.kind in ("dedup",):
            where = f"{f.prov}: " if f.prov else ""
            err.print(f"  {f.level}: {where}{f.message}", markup=False)


@app.command("inspect")
def inspect_cmd(
    manuscript: Manuscript = Path("manuscript"),
    full: Annotated[bool, typer.Option(help="Do not shorten the text.")] = False,
    transformed: Annotated[bool, typer.Option(help="Show the book after the transforms.")] = False,
) -> None:
    """Print the document model as indented text: parts, blocks, lines."""
    from .pipeline import transform

    with user_errors():
        config, book, findings = load(manuscript)
        if transformed:
            book, _ = transform(book, config, BuildOptions())
    for f in findings:
        err.print(f"warraq: {f.level}: {f.prov}: {f.message}", markup=False)
    sys.stdout.write(outline(book, full))


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("dedup")
def dedup_cmd(
    manuscript: Manuscript = Path("manuscript"),
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="text or json.")] = ReportFormat.text,
) -> None:
    """Print the repeated passages a build removes, without building."""
    with user_errors():
        config, book, _ = load(manuscript)
        _, findings = dedup(book, config)
    if format is ReportFormat.json:
        data = {"enabled": config.dedup.enabled, "findings": [finding_dict(f) for f in findings]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(report_text(findings, config.dedup.enabled))


@app.command("quran")
def quran_cmd(text: Annotated[str, typer.Argument(help="Quoted words, with or without diacritics.")]) -> None:
    """Find a quotation in the Qur'an: surah:ayah and name, and any differences."""
    matches = identify(text)
    if not matches:
        err.print("warraq: no verse of the Qur'an matches this text", markup=False)
        raise typer.Exit(1)
    sys.stdout.write("\n".join(describe(matches)) + "\n")


@app.command("init")
def init_cmd(
    directory: Annotated[Path, typer.Argument(help="Where to create the book project.")],
    title: Annotated[str, typer.Option(help="The book's title.")] = "كتاب جديد",
    author: Annotated[str, typer.Option(help="The author's name.")] = "اسم المؤلف",
) -> None:
    """Create a new book project: book.toml, sources.toml, parts/, styles/."""
    with user_errors():
        files = init_project(directory, title, author, str(uuid.uuid4()))
    for path in files:
        out.print(str(path), markup=False)


@app.command("check")
def check_cmd(
    manuscript: Manuscript = Path("manuscript"),
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="text or json.")] = ReportFormat.text,
    strict: Annotated[bool, typer.Option(help="Exit non-zero when any error-level finding exists.")] = False,
    spelling: Annotated[bool, typer.Option(help="Add Hunspell spelling suspects (hunspell-ar).")] = False,
) -> None:
    """Every finding of the build and the Arabic typography lint, by file."""
    from .pipeline import analyse
    from .proof.report import json_report, levels, text_report

    with user_errors():
        result = analyse(manuscript, BuildOptions(formats=(), lint=True, spelling=spelling))
    report = json_report(result.findings, finding_dict) if format is ReportFormat.json else text_report(result.findings)
    sys.stdout.write(report)
    errors = levels(result.findings)["error"]
    if strict and errors:
        err.print(f"warraq: error: {errors} error-level finding(s) (--strict)", markup=False)
        raise typer.Exit(StrictError.exit_code)


@app.command("preview")
def preview_cmd(
    manuscript: Manuscript = Path("manuscript"),
    out_dir: OutDir = Path("build"),
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to serve on (0: any free port).")] = 8000,
    host: Annotated[str, typer.Option(help="Address to serve on; loopback unless you say otherwise.")] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open the preview in the browser.")] = False,
    static: Annotated[
        Path | None, typer.Option("--static", help="Write a self-contained proof to this folder and exit.")
    ] = None,
    spelling: Annotated[bool, typer.Option(help="Add Hunspell spelling suspects (hunspell-ar).")] = False,
    quiet: Quiet = False,
) -> None:
    """Serve the proof-reading preview; it rebuilds when a file is saved."""
    from .preview import export_static, preview_options, serve

    options = preview_options(spelling)
    with user_errors():
        if static is not None:
            result = export_static(manuscript, static, options, progress_printer(quiet))
            summarize(result.findings, quiet=True)
            out.print(str(static / "index.html"), markup=False)
            return
        serve(manuscript, out_dir, host, port, open_browser, options, progress_printer(quiet), announce)


def announce(message: str) -> None:
    out.print(f"warraq: {message}", markup=False)


@app.command("styles")
def styles_cmd(
    list_: Annotated[bool, typer.Option("--list", help="List warraq's stylesheets (the default).")] = True,
) -> None:
    """warraq's own stylesheets: copy one into your styles/ folder to replace it."""
    from importlib import resources

    from .render import default_stylesheet_names

    folder = resources.files("warraq").joinpath("styles")
    for name in default_stylesheet_names():
        out.print(str(folder.joinpath(name)), markup=False)


@app.command("version")
def version_cmd() -> None:
    """Print warraq's version."""
    out.print(f"warraq {__version__}")


def main() -> None:
    lang, argv = split_lang(sys.argv[1:])
    app(args=(["--lang", lang] if lang else []) + argv)
