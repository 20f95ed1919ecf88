"""The build, top to bottom: read -> assemble -> transform* -> write.

`build()` reads as the list of its steps.  The preview and every command run
this same pipeline; there is no second code path.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .assemble import assemble, published, read_parts
from .config import Config, load_config
from .corpora.ledger import load_ledger
from .errors import BuildError, StrictError
from .i18n import N_, _, msg, nmsg, params_of, strip_isolates
from .model import Book, Finding, Part, replace
from .progress import counting
from .proof import lint
from .publishing.dates import book_date, hijri_gaps
from .transforms.dedup import dedup
from .transforms.hadith import identify_hadith
from .transforms.memo import TransformMemo
from .transforms.notes import number_notes
from .transforms.quran import check_quran
from .transforms.sources import add_source_notes
from .transforms.typography import typeset_text
from .writers import FORMATS, writer
from .writers.output import atomic_write
from .writers.staging import final, refuse_unsafe_out, staged

Progress = Callable[[str], None]
TRANSFORMS_FILE = "transforms.pickle"  # in <out>/.cache/: the per-part transforms of the last build


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] | None = ("html",)  # None: everything the book is set up for (default_formats)
    keep_duplicates: bool = False
    profile: str = "screen"  # or "print": bleed and crop marks
    strict: bool = False
    lint: bool = False  # add the Arabic typography findings (proof/): preview, check
    spelling: bool = False  # and Hunspell spelling suspects (slow, many names)


@dataclass
class BuildResult:
    config: Config
    book: Book
    findings: list[Finding] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)


def _quiet(_: str) -> None:
    pass


# reads the part files of a book; the preview passes one that caches parts
# by content, so a save re-reads only the part that changed
PartReader = Callable[[Config], list[Part]]


def load(
    manuscript: Path, progress: Progress = _quiet, read: PartReader = read_parts
) -> tuple[Config, Book, list[Finding]]:
    """Read the manuscript and assemble the parts in series order."""
    config = load_config(manuscript)
    progress(msg("reading parts"))
    parts, found = published(read(config), config)
    book, findings = assemble(parts, config)
    findings = found + findings + hijri_gaps(book, config)
    book = replace(book, meta=replace(book.meta, date=book_date(config)))
    book = replace(book, sources=load_ledger(config.sources_file, config.meta.digits))
    return config, book, findings


def transform(
    book: Book, config: Config, options: BuildOptions, progress: Progress = _quiet, memo: TransformMemo | None = None
) -> tuple[Book, list[Finding]]:
    """Run the transforms in order; each reports what it did (`memo`: the
    per-part ones' outputs of the last build, transforms/memo.py)."""
    findings: list[Finding] = []
    if memo is not None:
        memo.start()
    for step in TRANSFORMS:
        label = STEP_LABELS.get(step.__name__)
        if label:
            progress(_(label))
        if memo is not None and step in PER_PART:
            book, found = memo.run(step.__name__, step, book, config, options)
        else:
            book, found = step(book, config, options)
        findings.extend(found)
    return book, findings


def _dedup(book: Book, config: Config, options: BuildOptions) -> tuple[Book, list[Finding]]:
    if options.keep_duplicates or not config.dedup.enabled:
        return book, []
    return dedup(book, config)


def _quran(book: Book, config: Config, options: BuildOptions) -> tuple[Book, list[Finding]]:
    return check_quran(book)


def _hadith(book: Book, config: Config, options: BuildOptions) -> tuple[Book, list[Finding]]:
    return identify_hadith(book, config.hadith)


def _sources(book: Book, config: Config, options: BuildOptions) -> tuple[Book, list[Finding]]:
    return add_source_notes(book)


def _notes(book: Book, config: Config, options: BuildOptions) -> tuple[Book, list[Finding]]:
    return number_notes(book, config)


def _typography(book: Book, config: Config, options: BuildOptions) -> tuple[Book, list[Finding]]:
    return typeset_text(book, config)


Transform = Callable[[Book, Config, BuildOptions], tuple[Book, list[Finding]]]

# The transforms, in the order they run:
#   1. dedup      removes repeated passages (tombstones), before anything is
#                 annotated, so a note is never made for a removed copy;
#   2. quran      identifies Qur'an quotations and checks their references;
#   3. hadith     identifies quoted hadith the ledger does not cite and notes
#                 them; before sources, which leaves a quotation with a note
#                 alone (no "unsourced" for it) and cites what the ledger has
#                 (the ledger wins: hadith looks up only what it would not
#                 cite); after quran: a verse is not a hadith; after dedup: no
#                 note for a removed copy;
#   4. sources    adds footnotes for attributed quotations;
#   5. notes      numbers every note, the author's and the generated ones;
#   6. typography the book's typography where it changes what the author
#                 typed (a heading's colon, a verse's braces, [typography]),
#                 last, so that everything before matches the text as typed.
TRANSFORMS: list[Transform] = [_dedup, _quran, _hadith, _sources, _notes, _typography]
# those whose output for a part depends on that part alone (and the book's
# meta, sources and configuration): remembered between builds (transforms/memo.py)
PER_PART = (_quran, _sources, _typography)
# what the progress display says while each runs
STEP_LABELS = {
    "_dedup": N_("removing repeated passages"),
    "_quran": N_("identifying Qur'an verses"),
    "_hadith": N_("identifying hadith"),
    "_sources": N_("adding source notes"),
    "_notes": N_("numbering the notes"),
    "_typography": N_("setting the typography"),
}


def analyse(
    manuscript: Path,
    options: BuildOptions = BuildOptions(),
    progress: Progress = _quiet,
    read: PartReader = read_parts,
    memo: TransformMemo | None = None,
) -> BuildResult:
    """Everything but the writing: read, assemble, transform (and lint)."""
    config, book, findings = load(manuscript, progress, read)
    book, found = transform(book, config, options, progress, memo)
    findings.extend(found)
    if options.lint:
        progress(msg("proof-reading"))
        findings.extend(lint(book, options.spelling))
        # what the print book will show of its figures and tables (the PDF
        # writer reports them when it runs): check and the preview show them too
        from .writers.pdf.figures import figure_findings

        findings.extend(figure_findings(book, config))
    return BuildResult(config, book, findings)


def default_formats(config: Config) -> tuple[str, ...]:
    """What `warraq build` makes when no format is asked for: everything the
    book is set up for: HTML, EPUB and PDF, and the print cover when the
    book has what its back needs (`[book] description`, the blurb) or its
    own cover image (`[book] cover`)."""
    cover = bool(config.meta.description.strip()) or config.cover is not None
    return tuple(f for f in FORMATS if f != "cover" or cover)


def read_folders(config: Config) -> list[Path]:
    """The folders the book is read from: no output is written into them."""
    return [config.parts_dir, config.styles_dir or config.root / "styles"]


def build(
    manuscript: Path,
    out: Path,
    options: BuildOptions = BuildOptions(),
    progress: Progress = _quiet,
    read: PartReader = read_parts,
    memo: TransformMemo | None = None,
) -> BuildResult:
    """Build the outputs into `out`.  The per-part transforms' outputs are
    kept for the next build (`memo`, else `<out>/.cache/transforms.pickle`)."""
    memo = memo or TransformMemo(out / ".cache" / TRANSFORMS_FILE)
    result = analyse(manuscript, options, progress, read, memo)
    config, book, findings = result.config, result.book, result.findings
    if options.strict:
        warnings = [f for f in findings if f.level in ("warning", "error")]
        if warnings:
            first = warnings[0]
            raise StrictError(
                nmsg(
                    "{n} warning(s) in strict mode; first: {message}",
                    "{n} warning(s) in strict mode; first: {message}",
                    n=len(warnings),
                    message=first.message,
                ),
                first.prov.file if first.prov else None,
                first.prov.line if first.prov else None,
            )
    context = {"findings": findings, "options": options, "out": out}
    formats = default_formats(config) if options.formats is None else options.formats
    for fmt in formats:
        if writer(fmt) is None:
            raise BuildError(
                msg("the {format} format is not built yet (known: {known})", format=fmt, known=", ".join(FORMATS))
            )
    refuse_unsafe_out(out, config.root, read_folders(config))
    # every output to a staging folder, moved into `out` together (staging.py)
    with staged(out) as stage, counting(getattr(progress, "count", None)), objects_kept():
        for fmt in formats:
            progress(msg("writing {format}", format=fmt))
            result.outputs.extend(writer(fmt)(book, config, stage, context))
        result.outputs.append(write_report(result, stage))
        memo.save()  # under the output folder's lock, its .cache checked (staging.py)
    result.outputs = [final(path, stage, out) for path in result.outputs]
    return result


@contextmanager
def objects_kept() -> Iterator[None]:
    """While the outputs are written, the objects that exist before (the
    modules, the model, the parsed parts) are out of the garbage
    collector's sight: a document typeset in this process collects after
    itself (writers/pdf/documents.py release_memory), which then walks what
    the document made, not the whole process (measured: 0.12-0.21 s a
    collection on the 40-part book in the resident builder).  They are back
    in its sight afterwards, so nothing is kept longer than it was."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def finding_dict(f: Finding) -> dict:
    # by hand, not dataclasses.asdict: that deep-copies every finding's data,
    # a real cost on each preview rebuild of a long book
    # machine output: the words without the terminal's direction marks
    d = {"kind": f.kind, "rule": f.rule, "params": params_of(f.message), "message": strip_isolates(f.message)}
    d["prov"] = str(f.prov) if f.prov else None
    d |= {"level": f.level, "data": f.data, "file": None, "line": None, "end_line": None}
    if f.prov:
        d["file"], d["line"], d["end_line"] = f.prov.file, f.prov.line, f.prov.end_line
        if f.prov.unit:  # a Word part: line and end_line are paragraph numbers
            d["unit"] = "paragraph"
    return d


def write_report(result: BuildResult, out: Path) -> Path:
    """`report.json`: every finding of the build, machine-readable."""
    counts: dict[str, int] = {}
    for f in result.findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    report = {
        "generator": f"warraq {__version__}",
        "book": {"title": result.book.meta.title, "date": result.book.meta.date},
        "parts": [{"number": p.number, "file": p.source_path, "blocks": len(p.blocks)} for p in result.book.parts],
        "outputs": [p.name for p in result.outputs],
        "counts": counts,
        "findings": [],
    }
    head = json.dumps(report, ensure_ascii=False, indent=2, sort_keys=False)
    data = head.removesuffix("[]\n}") + findings_json(result.findings) + "\n}\n"  # "findings" is the last key
    return atomic_write(out / "report.json", data.encode("utf-8"))


# the findings' texts in report.json by their compact JSON (the C encoder's,
# quick): the resident builder writes the report after every save, most of
# its findings unchanged; those of the last report only
_FINDING_TEXT: dict[str, str] = {}


def findings_json(findings: list[Finding]) -> str:
    """The findings as `json.dumps(..., indent=2)` writes them as the value
    of a key of the report (the list at depth 1: its items at depth 2)."""
    global _FINDING_TEXT
    if not findings:
        return "[]"
    texts: dict[str, str] = {}
    items = []
    for f in findings:
        d = finding_dict(f)
        compact = json.dumps(d, ensure_ascii=False)
        text = texts.get(compact) or _FINDING_TEXT.get(compact)
        if text is None:
            text = json.dumps(d, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        texts[compact] = text
        items.append(text)
    _FINDING_TEXT = texts
    return "[\n    " + ",\n    ".join(items) + "\n  ]"
