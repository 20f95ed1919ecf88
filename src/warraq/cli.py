"""The command line (Typer).  The only module that knows about argv.

Commands are thin: they call the library and print.  A `WarraqError` becomes
one line on stderr and its exit code, never a traceback.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import signal
import sys
import threading
import unicodedata
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from typer._click import exceptions as click_errors  # Typer 0.29 carries its own Click
from typer.core import TyperCommand, TyperGroup

from . import __version__
from .corpora.quran import describe, identify
from .errors import BuildError, StrictError, WarraqError, file_of, os_reason
from .i18n import LANGS, N_, _, choose, isolate, msg, nmsg, number, printable, set_language
from .pipeline import BuildOptions, build, finding_dict, load
from .progress import LABELS
from .proof.outline import outline
from .scaffold import init_project
from .transforms.dedup import dedup
from .transforms.dedup_report import report_text
from .writers import FORMATS


def _unshowable(exc: UnicodeError) -> tuple[str, int]:
    """The encoding error handler of stdout and stderr: a character the
    terminal's encoding lacks is dropped when it is an invisible format mark
    (the isolates around a file name), a digit becomes its Western digit
    (ISO-8859-6 has no ٣), anything else is escaped (\\u0643)."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(_shown(c) for c in exc.object[exc.start : exc.end]), exc.end


def _shown(char: str) -> str:
    if unicodedata.category(char) == "Cf":
        return ""
    if unicodedata.decimal(char, None) is not None:
        return str(unicodedata.decimal(char))
    if char in "\u066b\u066c":  # the Arabic decimal and thousands signs
        return "." if char == "\u066b" else ","
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


UNSHOWABLE = "warraq-unshowable"
codecs.register_error(UNSHOWABLE, _unshowable)


def split_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """`--lang X` (or `--lang=X`) taken from anywhere in argv, so that
    `warraq build --lang ar` works as `warraq --lang ar build` does."""
    lang, rest, i = None, [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == "--lang":  # a trailing --lang keeps "" so its missing value is reported
            lang, i = (argv[i + 1] if i + 1 < len(argv) else ""), i + 2
            continue
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return lang, rest


# help texts are made when this module is imported: speak the user's language
set_language(choose(split_lang(sys.argv[1:])[0]))


def help_frame() -> None:
    """The words of Typer's help screen around warraq's own texts (its
    panels' titles, the default and required marks) in the same language."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = _("Arguments")
    rich_utils.OPTIONS_PANEL_TITLE = _("Options")
    rich_utils.COMMANDS_PANEL_TITLE = _("Commands")
    rich_utils.DEFAULT_STRING = _("[default: {}]")
    rich_utils.REQUIRED_LONG_STRING = _("[required]")
    rich_utils.ENVVAR_STRING = _("[env var: {}]")


help_frame()

# the words Typer (and the Click it carries, which has no catalog of its own)
# writes around warraq's texts: named here so the catalogs hold them
USAGE = N_("Usage:")
HELP_OPTION = N_("Show this message and exit.")
COMPLETION_HELP = {
    "install_completion": N_("Install completion for the current shell."),
    "show_completion": N_("Show completion for the current shell, to copy it or customize the installation."),
}


class _OwnWords:
    """A command whose help screen says Typer's words in the interface's
    language: the usage line, --help's own help, the completion options."""

    def get_usage(self, ctx):  # type: ignore[no-untyped-def]
        line = super().get_usage(ctx)  # type: ignore[misc]
        return line.replace("Usage:", _(USAGE), 1)

    def get_params(self, ctx):  # type: ignore[no-untyped-def]
        params = super().get_params(ctx)  # type: ignore[misc]
        help_option = self.get_help_option(ctx)  # type: ignore[attr-defined]
        for param in params:
            if param is help_option:
                param.help = _(HELP_OPTION)
            elif param.name in COMPLETION_HELP:
                param.help = _(COMPLETION_HELP[param.name])
        return params


class Command(_OwnWords, TyperCommand):
    pass


class Group(_OwnWords, TyperGroup):
    pass


app = typer.Typer(
    cls=Group,
    name="warraq",
    help=_("warraq (وَرّاق): turn an Arabic serialized column into a book."),
    no_args_is_help=True,
    add_completion=True,
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
        typer.Option("--lang", help=_("The language warraq speaks: ar or en (default: WARRAQ_LANG, then the locale).")),
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


Manuscript = Annotated[Path, typer.Option("--manuscript", "-m", help=_("The book project (holds book.toml)."))]
OutDir = Annotated[Path, typer.Option("--out", "-o", help=_("Where outputs are written."))]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help=_("Print only errors and the result."))]
Spelling = Annotated[bool, typer.Option(help=_("Add Hunspell spelling suspects (hunspell-ar)."))]
# a finding's level, as the user reads it
LEVELS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def level_word(level: str) -> str:
    return _(LEVELS[level]) if level in LEVELS else level


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
    except OSError as exc:  # what no check foresaw: still one line (the system's own words for the cause)
        where = f"{isolate(str(exc.filename))}: " if exc.filename else ""
        err.print(f"warraq: {ERROR}: {where}{os_reason(exc)}", markup=False)
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
    """The preview server's progress: one line per step (it rebuilds on
    every save, so no live display)."""
    if quiet:
        return lambda _msg: None
    if err.is_terminal:
        return lambda message: err.print("… " + message, style="dim", markup=False)
    return lambda message: err.print(f"warraq: {message}", markup=False)


class Reporter:
    """A build's progress on stderr: rich's live display on a terminal (each
    step, and the PDF's documents typeset: n of N, elapsed, remaining),
    plain lines when stderr is not a terminal, nothing with --quiet.  The
    pipeline calls it with each step, and `count` with counts (progress.py)."""

    def __init__(self, quiet: bool, console: Console | None = None) -> None:
        self.quiet = quiet
        self.console = console or err
        self.display: Progress | None = None
        self.step: TaskID | None = None
        self.counts: dict[str, TaskID] = {}

    def __enter__(self) -> Reporter:
        return self

    def __exit__(self, kind: type | None, *exc: object) -> None:
        self.close(done=kind is None)

    def __call__(self, message: str) -> None:
        if self.quiet:
            return
        if not self.console.is_terminal:
            self.console.print(f"warraq: {message}", markup=False)
            return
        display = self._display()
        self._finish_step()
        self.step = display.add_task(str(message), total=None, count="")

    def count(self, key: str, done: int, total: int) -> None:
        """`done` of `total` (0 of N: the work starts; a new round of the
        same work starts a new line)."""
        label = _(LABELS.get(key, key))
        if self.quiet or total <= 0:
            return
        if not self.console.is_terminal:
            if done == 0:
                return
            text = msg("{label}: {done} of {total}", label=label, done=done, total=total)
            self.console.print(f"warraq: {text}", markup=False)
            return
        display = self._display()
        task = self.counts.get(key)
        if task is None or done == 0:  # a new round of the same work
            if task is not None:
                display.update(task, visible=False)
            task = self.counts[key] = display.add_task(label, total=total, count="")
        display.update(task, completed=done, total=total, count=f"{number(done)}/{number(total)}")

    def _display(self) -> Progress:
        if self.display is None:
            self.display = Progress(
                SpinnerColumn(finished_text="✓"),
                TextColumn("{task.description}", markup=False),
                BarColumn(),
                TextColumn("{task.fields[count]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=False,
            )
            self.display.start()
        return self.display

    def _finish_step(self) -> None:
        if self.display is not None and self.step is not None:
            self.display.update(self.step, total=1, completed=1)
            self.step = None

    def close(self, done: bool = True) -> None:
        if self.display is not None:
            if done:  # a failed step is not ticked off
                self._finish_step()
            self.display.stop()
            self.display = None


@app.command(
    "build", cls=Command, help=_("Build the book: by default everything it is set up for (html, epub, pdf, cover).")
)
def build_cmd(
    format: Annotated[
        list[Format] | None,
        typer.Option(
            "--format",
            "-f",
            help=_(
                "Output format; give it again for more. Default: html, epub, pdf, "
                "and the cover when the book has a description or a cover image."
            ),
        ),
    ] = None,
    manuscript: Manuscript = Path("manuscript"),
    out_dir: OutDir = Path("build"),
    keep_duplicates: Annotated[bool, typer.Option(help=_("Do not remove repeated passages."))] = False,
    profile: Annotated[
        Profile, typer.Option(help=_("PDF profile: screen, or print (bleed, crop marks)."))
    ] = Profile.screen,
    strict: Annotated[bool, typer.Option(help=_("Fail on any warning."))] = False,
    watch: Annotated[
        bool, typer.Option("--watch", help=_("Stay, and build again after every save (Ctrl-C stops)."))
    ] = False,
    quiet: Quiet = False,
) -> None:
    formats = build_formats(format or [])
    options = BuildOptions(formats, keep_duplicates, profile.value, strict)
    if watch:
        watch_builds(manuscript, out_dir, options, quiet)
        return
    with user_errors(), Reporter(quiet) as reporter:
        result = build(manuscript, out_dir, options, reporter)
    summarize(result.findings, quiet)
    for path in result.outputs:
        out.print(str(path), markup=False)


def watch_builds(manuscript: Path, out_dir: Path, options: BuildOptions, quiet: bool) -> None:
    """`warraq build --watch`: the first build as `warraq build` does it,
    then one line per rebuild (resident.py), until Ctrl-C or SIGTERM."""
    from .preview.resident import Rebuilt, ResidentBuilder

    builder = ResidentBuilder(manuscript, out_dir, options)
    with user_errors(), Reporter(quiet) as reporter:
        first = builder.build(reporter)
    if first.error is not None:  # nothing to watch without a book: the error, as `warraq build` says it
        with user_errors():
            raise first.error
    summarize(first.result.findings, quiet)
    for path in first.result.outputs:
        out.print(str(path), markup=False)

    def rebuilt(done: Rebuilt) -> None:
        if done.error is not None:
            err.print(f"warraq: {ERROR}: {done.error}", markup=False)
            return
        line = nmsg(
            "rebuilt in {seconds} s, {n} finding",
            "rebuilt in {seconds} s, {n} findings",
            n=len(done.result.findings),
            seconds=number(round(done.seconds, 2)),
        )
        out.print(f"warraq: {line}", markup=False)

    def ready() -> None:
        out.print("warraq: " + msg("watching {folder} (Ctrl-C stops)", folder=isolate(str(manuscript))), markup=False)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)
    try:
        builder.watch(rebuilt, threading.Event(), ready)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM (Terminated): the way to stop watching
        out.print("warraq: " + msg("stopped watching; the outputs are those of the last good build"), markup=False)


def build_formats(asked: list[Format]) -> tuple[str, ...] | None:
    """The formats of `--format` (each once, in the writers' order); None
    when none is asked for: the pipeline builds what the book is set up for."""
    if not asked:
        return None
    names = {f.value for f in asked}
    return FORMATS if "all" in names else tuple(f for f in FORMATS if f in names)


def summarize(findings, quiet: bool) -> None:
    """A readable summary of the build report on stderr."""
    if not findings:
        return
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    parts = [nmsg("{n} {kind} finding", "{n} {kind} findings", n=n, kind=k) for k, n in sorted(counts.items())]
    report = msg("report: {counts}", counts=_(", ").join(parts))
    err.print(f"warraq: {report}", markup=False)
    if quiet:
        return
    for f in findings:
        if f.level in ("warning", "error") or f.kind in ("dedup",):
            err.print(f"  {finding_line(f)}", markup=False)


def finding_line(f) -> str:
    """ "level: file:line: message", the place isolated."""
    if f.prov:
        return msg("{level}: {where}: {message}", level=level_word(f.level), where=str(f.prov), message=f.message)
    return msg("{level}: {message}", level=level_word(f.level), message=f.message)


@app.command("inspect", cls=Command, help=_("Print the document model as indented text: parts, blocks, lines."))
def inspect_cmd(
    manuscript: Manuscript = Path("manuscript"),
    full: Annotated[bool, typer.Option(help=_("Do not shorten the text."))] = False,
    transformed: Annotated[bool, typer.Option(help=_("Show the book after the transforms."))] = False,
) -> None:
    from .pipeline import transform

    with user_errors():
        config, book, findings = load(manuscript)
        if transformed:
            book, _ = transform(book, config, BuildOptions())
    for f in findings:
        err.print(f"warraq: {finding_line(f)}", markup=False)
    if config.slug_given:
        named = msg("output names: {slug}.* (from {key})", slug=config.slug, key="[book] slug")
    else:
        named = msg(
            "output names: {slug}.* (the title transliterated; set {key} to choose)",
            slug=config.slug,
            key="[book] slug",
        )
    err.print(f"warraq: {named}", markup=False)
    sys.stdout.write(outline(book, full))


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


ReportFormatOption = Annotated[ReportFormat, typer.Option("--format", "-f", help=_("text or json."))]


@app.command("dedup", cls=Command, help=_("Print the repeated passages a build removes, without building."))
def dedup_cmd(
    manuscript: Manuscript = Path("manuscript"),
    format: ReportFormatOption = ReportFormat.text,
) -> None:
    with user_errors():
        config, book, _ = load(manuscript)
        _, findings = dedup(book, config)
    if format is ReportFormat.json:
        data = {"enabled": config.dedup.enabled, "findings": [finding_dict(f) for f in findings]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(report_text(findings, config.dedup.enabled))


@app.command("quran", cls=Command, help=_("Find a quotation in the Qur'an: surah:ayah and name, and any differences."))
def quran_cmd(text: Annotated[str, typer.Argument(help=_("Quoted words, with or without diacritics."))]) -> None:
    matches = identify(text)
    if not matches:
        none = msg("no verse of the Qur'an matches this text")
        err.print(f"warraq: {none}", markup=False)
        raise typer.Exit(1)
    sys.stdout.write("\n".join(describe(matches)) + "\n")


@app.command("init", cls=Command, help=_("Create a new book project: book.toml, sources.toml, parts/, styles/."))
def init_cmd(
    directory: Annotated[Path, typer.Argument(help=_("Where to create the book project."))],
    title: Annotated[str, typer.Option(help=_("The book's title."))] = "كتاب جديد",
    author: Annotated[str, typer.Option(help=_("The author's name."))] = "اسم المؤلف",
) -> None:
    with user_errors():
        files, kept = init_project(directory, title, author, str(uuid.uuid4()))
    for path in kept:
        err.print("warraq: " + msg("{file} is already there: kept as it is", file=str(path)), markup=False)
    for path in files:
        out.print(printable(str(path)), markup=False)


@app.command("check", cls=Command, help=_("Every finding of the build and the Arabic typography lint, by file."))
def check_cmd(
    manuscript: Manuscript = Path("manuscript"),
    format: ReportFormatOption = ReportFormat.text,
    strict: Annotated[bool, typer.Option(help=_("Exit non-zero when any error-level finding exists."))] = False,
    spelling: Spelling = False,
) -> None:
    from .pipeline import analyse
    from .proof.report import json_report, levels, text_report

    with user_errors():
        result = analyse(manuscript, BuildOptions(formats=(), lint=True, spelling=spelling))
    report = json_report(result.findings, finding_dict) if format is ReportFormat.json else text_report(result.findings)
    sys.stdout.write(report)
    errors = levels(result.findings)["error"]
    if strict and errors:
        failed = nmsg(
            "{n} error-level finding(s) ({option})",
            "{n} error-level finding(s) ({option})",
            n=errors,
            option="--strict",
        )
        err.print(f"warraq: {ERROR}: {failed}", markup=False)
        raise typer.Exit(StrictError.exit_code)


@app.command("preview", cls=Command, help=_("Serve the proof-reading preview; it rebuilds when a file is saved."))
def preview_cmd(
    manuscript: Manuscript = Path("manuscript"),
    out_dir: OutDir = Path("build"),
    port: Annotated[int, typer.Option(min=0, max=65535, help=_("Port to serve on (0: any free port)."))] = 8000,
    host: Annotated[str, typer.Option(help=_("Address to serve on; loopback unless you say otherwise."))] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help=_("Open the preview in the browser."))] = False,
    static: Annotated[
        Path | None, typer.Option("--static", help=_("Write a self-contained proof to this folder and exit."))
    ] = None,
    spelling: Spelling = False,
    quiet: Quiet = False,
) -> None:
    from .preview import export_static, preview_options, serve

    options = preview_options(spelling)
    with user_errors():
        if static is not None:
            with Reporter(quiet) as reporter:
                result = export_static(manuscript, static, options, reporter)
            summarize(result.findings, quiet=True)
            out.print(str(static / "index.html"), markup=False)
            return
        serve(manuscript, out_dir, host, port, open_browser, options, progress_printer(quiet), announce)


def announce(message: str) -> None:
    out.print(f"warraq: {message}", markup=False)


@app.command(
    "styles", cls=Command, help=_("warraq's own stylesheets: copy one into your styles/ folder to replace it.")
)
def styles_cmd(
    list_: Annotated[bool, typer.Option("--list", help=_("List warraq's stylesheets (the default)."))] = True,
) -> None:
    from importlib import resources

    from .render import default_stylesheet_names

    folder = resources.files("warraq").joinpath("styles")
    for name in default_stylesheet_names():
        out.print(str(folder.joinpath(name)), markup=False)


@app.command("import", cls=Command, help=_("Fetch article pages once and save each as a part, with its pictures."))
def import_cmd(
    urls: Annotated[list[str], typer.Argument(help=_("The addresses of the articles."))],
    into: Annotated[Path, typer.Option("--into", help=_("The folder of the parts."))] = Path("parts"),
) -> None:
    from .readers.web.fetch import import_urls

    failed = 0
    with user_errors():
        results = import_urls(urls, into)
    for done in results:
        if done.error is not None:
            failed += 1
            line = msg("{url}: {reason}", url=done.url, reason=done.error)
            err.print(f"warraq: {ERROR}: {line}", markup=False)
            continue
        saved = nmsg(
            "{url} -> {file} ({n} picture)",
            "{url} -> {file} ({n} pictures)",
            n=done.images,
            url=done.url,
            file=str(done.path),
        )
        out.print(str(saved), markup=False)
        for address in done.missing:
            line = msg("{url}: picture not saved: {address}", url=done.url, address=address)
            err.print(f"warraq: {level_word('warning')}: {line}", markup=False)
    if failed:
        raise typer.Exit(1)


@app.command("version", cls=Command, help=_("Print warraq's version."))
def version_cmd() -> None:
    out.print(f"warraq {__version__}")


def usage_message(exc: click_errors.UsageError) -> str:
    """A mistake in the command itself (Typer/Click's English), as one line
    in the interface's language."""
    name = getattr(exc.ctx, "command_path", "warraq") if exc.ctx else "warraq"
    see = f"{name} --help"
    if isinstance(exc, click_errors.MissingParameter):
        hint = exc.param.get_error_hint() if exc.param is not None else ""
        what = hint.replace("'", "").replace('"', "") or exc.format_message()
        return msg("missing {what}; see {help}", what=what, help=see)
    if isinstance(exc, click_errors.NoSuchOption):
        return msg("no such option: {option}; see {help}", option=exc.option_name, help=see)
    if isinstance(exc, click_errors.BadParameter) and exc.param is not None:
        hint = exc.param.get_error_hint().replace("'", "")
        choice = re.search(r"'(.*?)' is not one of (.*?)\.?$", exc.message)
        if choice:
            choices = choice[2].replace("'", "")
            return msg("{option} cannot be {value}: choose {choices}", option=hint, value=choice[1], choices=choices)
        return msg("invalid value for {option}: {detail}; see {help}", option=hint, detail=exc.message, help=see)
    if isinstance(exc, click_errors.BadOptionUsage) and "requires an argument" in exc.message:
        return msg("{option} needs a value; see {help}", option=exc.option_name, help=see)
    text = exc.format_message()
    extra = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", text)
    if extra:
        return msg("unexpected arguments: {args}; see {help}", args=extra[1], help=see)
    no_value = re.fullmatch(r"Option '(.*?)' does not take a value\.", text)
    if no_value:
        return msg("{option} takes no value; see {help}", option=no_value[1], help=see)
    if text == "Missing command.":
        return msg("a command is missing; see {help}", help=see)
    command = re.fullmatch(r"No such command '(.*?)'\.(?: Did you mean '(.*)'\?)?", text)
    if command and command[2]:
        return msg("no such command: {name}; did you mean {other}?", name=command[1], other=command[2])
    if command:
        return msg("no such command: {name}; see {help}", name=command[1], help=see)
    return msg("the command is not right: {detail}; see {help}", detail=text, help=see)


def main() -> None:
    degrade_output()
    lang, argv = split_lang(sys.argv[1:])
    try:
        try:
            if lang == "":
                raise click_errors.BadOptionUsage("--lang", "Option '--lang' requires an argument.")
            code = app(args=(["--lang", lang] if lang else []) + argv, prog_name="warraq", standalone_mode=False)
        except click_errors.NoArgsIsHelpError as exc:  # `warraq` alone: the help
            exc.show()
            code = exc.exit_code
        except click_errors.UsageError as exc:
            err.print(f"warraq: {ERROR}: {usage_message(exc)}", markup=False)
            code = exc.exit_code
        except click_errors.ClickException as exc:
            err.print(f"warraq: {ERROR}: {exc.format_message()}", markup=False)
            code = exc.exit_code
        except (typer.Abort, KeyboardInterrupt):
            err.print("warraq: " + msg("interrupted; the previous outputs are as they were"), markup=False)
            code = 130
        sys.stdout.flush()
    except BrokenPipeError:  # `warraq build --help | head`: the reader left; nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 141
    except Exception as exc:  # what nothing foresaw: still one line, and a request to report it
        err.print(f"warraq: {ERROR}: {internal_error(exc)}", markup=False)
        code = 70
    sys.exit(code if isinstance(code, int) else 0)


def internal_error(exc: BaseException) -> str:
    """The one line of an error nothing foresaw: its class and message, the
    file being read when known, and where to report it."""
    detail = printable(" ".join(str(exc).split())[:300]) or "-"
    file = file_of(exc)
    what = f"{type(exc).__name__}: {detail}"
    if file:
        return msg(
            "{file}: warraq failed unexpectedly ({error}); please report it with this file", file=file, error=what
        )
    return msg("warraq failed unexpectedly ({error}); please report it with the command you ran", error=what)


def degrade_output() -> None:
    """A terminal that cannot show Arabic (ascii, ISO-8859-6) still gets
    every line: invisible direction marks are dropped and other characters
    escaped, on stdout as on stderr."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=UNSHOWABLE)
