"""The parallel, incremental PDF build ([print] engine = "parallel", the default).

The book is typeset as separate WeasyPrint documents, in worker processes
(one per core), each kept in the cache (pdf/cache.py), then assembled into
one PDF (pdf/merge.py):

1. **the parts**, a document each (print.html.j2 with one part).  Every part
   opens on a recto, so its document starts on a left page as the part does
   in the book, and nothing in its layout depends on where it starts: note
   numbers come from the model (`data-label`), running heads from its own
   title and the book's.  Its folio box is laid out hidden, so the layout
   tells which pages carry a folio, and the page numbers are drawn later.
   A part's document is the same wherever it falls in the book: its cache
   key holds no page number.
2. **the front matter** (half-title, title page, colophon, contents), once
   the parts' page counts are known: the contents carry their real page
   numbers (a part's first page, and the page each heading fell on).  Its
   own page count decides where the parts start: the guess is the last
   build's, or, with none, that of a first front matter laid out beside
   the parts (page numbers estimated from their length; its page count
   only: no PDF written, nothing cached); the front matter is typeset
   again if the guess was wrong.  It is typeset by a worker (warm: the
   stylesheet parsed, the fonts loaded), the other one typesetting the
   blank sheet and the colophon meanwhile.  Its leaders are one run of dots
   a line (patches/leaders.py), not a box per dot.
3. **folios**, drawn at assembly without typesetting a page for them
   (pdf_merge.DrawnFolios): a probe document of four pages, typeset once
   with the parts and cached, shows how the design sets a folio; each page
   that carries one gets the probe's drawing with its own number.  A
   blank verso is a typeset blank sheet (one page, cached, with the crop
   marks of the print profile).  Only a design whose folio is more than a
   number (an author's `@bottom-center` with words or a border) has its
   folios typeset, as **sheets**: runs of pages holding only the folio
   box, numbered from 1, 33, 65 ..., the sheet of page n drawn over page n.
   Neither holds anything of the book's text, so they stay cached when the
   book changes.

4. **the colophon at the back** (closing.html.j2), a document of one
   page whose first page is made a verso: it goes on the first even page
   after the text, so the book closes on an even page (with the print
   profile's closing blank page never needed).

A part whose last page holds one or two lines is laid out again with the
spread before it a line short (pdf/balance.py), in its worker, as the
one-pass engine does for every part at once.

An edit typesets its part again; when the part's page count changes, the
parts after it keep their cached layout, only their folios are drawn
anew.  That beats laying them out again (measured: README, "Fast PDF
builds").
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import json
import multiprocessing
import os
import re
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ...config import Config
from ...corpora.ledger import NOTE_LINK
from ...errors import BuildError
from ...i18n import msg
from ...model import Book, Emphasis, Finding, Link, Part, replace
from ...progress import count as count_progress
from ...render import Renderer, stylesheet, toc
from ...render.fonts import faces
from ...text.arabic import format_number
from .cache import Entry, PdfCache, document_key, environment, remember
from .fetch import project_roots
from .merge import PROBE, DrawnFolios, Piece, assemble
from .poems import measure_poems
from .typeset import FOLIO_BOX, page_css, press_css, typeset, unpatched_finding, variant, warning_findings

SHEET_RUN = 32  # pages per document of folio sheets
MARGIN_BOXES = (
    "top-left-corner", "top-left", "top-center", "top-right", "top-right-corner",
    "right-top", "right-middle", "right-bottom", "bottom-right-corner", "bottom-right",
    "bottom-center", "bottom-left", "bottom-left-corner", "left-bottom", "left-middle", "left-top",
)  # fmt: skip
PLAN = "last-build.json"  # the last build's front matter page count and back-reference pages: the next build's guesses
# what only the front matter shows, not worked out for the other documents
WITHOUT_FRONT = {"toc": [], "cited_sources": [], "uses_quran": False, "uses_hadith": False}
# the print HTML of the parts, kept by this process between builds (the
# resident builder: `warraq build --watch`, the preview's print view): a
# part's HTML is a function of the part and of what `Documents.shared`
# digests; only those of the last KEEP_BUILDS PDF builds are kept (a
# `warraq build` makes two: the screen PDF and the cover's print interior)
PART_HTML: dict[tuple, str] = {}
RECENT: list[set[tuple[Part, str]]] = []  # the keys each of the last builds used
KEEP_BUILDS = 2

# after every stylesheet of a part or the front matter: the folio is laid out but not drawn
HIDDEN_FOLIO = f"/* pdf-parts.css */\n@page {{ {FOLIO_BOX} {{ visibility: hidden !important; }} }}\n"
# the document's first page a verso (WeasyPrint reads the root's break-before)
VERSO_FIRST = "html { break-before: verso; }\n"
# a page of the default design (A5, 12.5 pt) holds about 1,000 characters of
# text (measured on the generated series): the first guess of page numbers
CHARS_PER_A5_PAGE = 1000
TAG = re.compile("<[^>]*>")


def sheet_css(first: int | None) -> str:
    """Sheets show nothing but the folio, numbered from `first`; a blank
    sheet (first None) shows nothing at all but the crop marks of the print
    profile (folio sheets have none: the page under them has its own)."""
    keep = () if first is None else (FOLIO_BOX.removeprefix("@"),)
    hidden = " ".join(f"@{box} {{ content: none !important; }}" for box in MARGIN_BOXES if box not in keep)
    rules = [f"@page {{ {hidden} }}", ".sheet { break-before: page; }", ".sheet:first-child { break-before: auto; }"]
    if first is not None:
        # WeasyPrint 70: a page whose @page rule touches the page counter is
        # not incremented, so the first sheet is numbered `first`, the next
        # first + 1 ... (tested: every folio is its page's number)
        rules += ["@page { marks: none; }", f"@page :first {{ counter-reset: page {first}; }}"]
    return "/* pdf-parts.css */\n" + "\n".join(rules) + "\n"


def probe_css() -> str:
    """The folios' probe (pdf_merge.DrawnFolios): four sheets numbered
    PROBE, PROBE + 1 (every digit, a left and a right page), then 1 and 2
    (the same sides, a shorter number: how the design places one)."""
    return sheet_css(PROBE) + "@page :nth(3) { counter-reset: page 1; }\n"


# ---------------------------------------------------------------------- typesetting


@dataclass(frozen=True)
class Job:
    """A document to typeset into the cache (sent to a worker process)."""

    key: str
    html: str
    base_url: str
    variant: str | None
    tagged: bool
    cache: str
    roots: tuple[str, ...] = ()  # the folders whose files it may read (pdf/fetch.py)
    balance: bool = False  # a part: a short last page gets more lines (pdf/balance.py)
    pages_only: bool = False  # its page count alone: laid out, not written nor cached


def run_job(job: Job) -> Entry:
    """Typeset the document and keep it in the cache; return the entry (of
    a `pages_only` job: no PDF, only its page count, not cached)."""
    if job.pages_only:
        count = typeset(job.html, job.base_url, job.variant, job.tagged, roots=job.roots, pages_only=True).pages
        release_memory()
        return Entry(job.key, b"", {"pages": count})
    done = typeset(job.html, job.base_url, job.variant, job.tagged, roots=job.roots, balance=job.balance)
    meta = {
        "pages": done.pages,
        "anchors": done.anchors,
        "folios": done.folios,
        "warnings": done.warnings,
        "patched": done.patched,
    }
    entry = PdfCache(Path(job.cache)).put(job.key, done.data, meta)
    del done
    release_memory()
    return entry


def release_memory() -> None:
    """Give the memory of a typeset document back to the system: a worker
    typesets dozens, and a long contents holds a lot while it is laid out."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc keeps freed heap otherwise


PR_SET_PDEATHSIG = 1


def worker_signals() -> None:
    """A worker leaves Ctrl-C to the build (which stops it), stops on
    SIGTERM, and dies with the build even when that is killed outright."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def start_worker() -> None:
    """A worker's start: its signals, and the objects it inherits from the
    build (forked: the book, WeasyPrint's modules) moved out of the
    garbage collector's sight, so that the collection after each document
    (release_memory) walks the worker's own objects only (measured: 46 ms a
    document on the 40-part book, 6 ms frozen)."""
    worker_signals()
    gc.freeze()


class Typesetter:
    """Typesets what the cache lacks, in worker processes (one per core)
    when there is more than one document to typeset or the workers are
    already started (warm: the stylesheet parsed, the fonts loaded, the
    build's objects out of the collector's sight), else in this process."""

    def __init__(self, cache: PdfCache) -> None:
        self.cache = cache
        self.used: set[str] = set()
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Typesetter:
        return self

    def __exit__(self, kind: type | None, *exc: object) -> None:
        if self._pool is None:
            return
        if kind is not None:  # an error, Ctrl-C, SIGTERM: the workers stop now, not after their document
            for process in list((getattr(self._pool, "_processes", None) or {}).values()):
                with contextlib.suppress(OSError, ValueError, AttributeError):
                    process.kill()
            self._pool.shutdown(wait=True, cancel_futures=True)
        else:
            self._pool.shutdown(cancel_futures=True)

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork this process when it has no other thread (the command
            # line: no start-up cost); else (the preview's server) fork a
            # fresh process that has imported WeasyPrint once
            if threading.active_count() == 1:
                context = multiprocessing.get_context("fork")
            else:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload([__name__])
            self._pool = ProcessPoolExecutor(
                max_workers=os.cpu_count() or 1, mp_context=context, initializer=start_worker
            )
        return self._pool

    def _lookup(self, jobs: list[Job]) -> tuple[dict[str, Entry], dict[str, Job]]:
        found: dict[str, Entry] = {}
        missing: dict[str, Job] = {}
        for job in jobs:
            if job.key not in found and job.key not in missing:
                entry = self.cache.get(job.key)
                if entry is None:
                    missing[job.key] = job
                else:
                    found[job.key] = entry
        return found, missing

    def in_workers(self, missing: int) -> bool:
        """Are `missing` documents typeset in the workers (else here)?"""
        return (os.cpu_count() or 1) > 1 and (missing > 1 or (missing == 1 and self._pool is not None))

    def run(self, jobs: list[Job]) -> dict[str, Entry]:
        """Every job's entry, typesetting those the cache lacks (in the
        order given: the longest first keeps the workers evenly busy)."""
        found, missing = self._lookup(jobs)
        if self.in_workers(len(missing)):
            made = self._workers().map(run_job, missing.values())
        else:
            made = (run_job(job) for job in missing.values())
        count_progress("typeset", 0, len(missing))  # the progress display (#15)
        for done, entry in enumerate(made, 1):
            found[entry.key] = entry
            count_progress("typeset", done, len(missing))  # the progress display (#15)
        self.used.update(key for key, entry in found.items() if entry.data)  # not a page count
        return found


# ---------------------------------------------------------------------- documents


class Documents:
    """The HTML of the build's documents, and their jobs."""

    def __init__(self, book: Book, config: Config, profile: str, cache: PdfCache, gutter: float = 0.0) -> None:
        self.book = book
        self.config = config
        self.renderer = Renderer(book, config, "print", font_prefix=faces()[0].file.parent.as_uri() + "/")
        measure_poems(self.renderer, config)
        self.context = {"page_css": Markup(page_css(config.print, book.meta.digits, profile))}
        if profile == "print":
            self.context["press_css"] = Markup(press_css(config.print, gutter))
        # the stylesheets, read once for every document (as Renderer.document would each time)
        self.context["css"] = Markup(stylesheet(config, "print").replace("</", "<\\/"))
        # everything but the part that a part's HTML depends on (not the
        # date: a part never shows it, and without SOURCE_DATE_EPOCH it is the
        # newest save's time, which every edit moves)
        undated = replace(book, parts=(), meta=replace(book.meta, date=""))
        rest = (undated, config, sorted(self.context.items()), self.renderer.font_prefix)
        self.shared = hashlib.sha256(repr(rest).encode("utf-8")).hexdigest()
        self.used: set[tuple] = set()
        self.variant = variant(config.print, profile)
        self.env = environment()
        self.cache = cache
        self.toc_targets = [e.target for e in toc(book)]
        self.roots = project_roots(config)
        # the notes back-references name («سبق تخريجه ص …»): their pages are
        # written into the parts once the parts are laid out (first a
        # stand-in number of about the same width)
        self.backrefs = backref_targets(book)
        if self.backrefs:
            # the last build's pages, where it had them: an edit elsewhere then
            # typesets no part twice
            last = _plan(cache).get("backref_pages", {})
            stand_in = format_number(88, book.meta.digits)
            self.renderer.backref_pages = {n: str(last.get(n, stand_in)) for n in self.backrefs}

    def job(self, html: str, tagged: bool = True, balance: bool = False, pages_only: bool = False) -> Job:
        # the project wherever it is named from: `-m book` and `-m /abs/book` share the cache
        base, variant = str(self.config.root.resolve()), (self.variant if tagged else None)
        where = (base, *self.roots, "balanced" * balance, *(["pages only"] if pages_only else []))
        key = document_key(html, "\n".join(where), variant, self.env)
        return Job(key, html, base, variant, tagged, str(self.cache.root), self.roots, balance, pages_only)

    def part(self, index: int) -> str:
        part = self.book.parts[index]
        # a part's back-references show other notes' pages: those pages are part of its HTML
        named = backref_targets(replace(self.book, parts=(part,))) if self.backrefs else []
        pages = self.renderer.backref_pages or {}
        key = (part, self.shared, tuple((n, pages.get(n, "")) for n in named))
        self.used.add(key)
        html = PART_HTML.get(key)
        if html is None:
            html = PART_HTML[key] = self.renderer.document(
                "print.html.j2",
                front=False,
                parts=[part],
                toc_pages=None,
                piece_css=Markup(HIDDEN_FOLIO),
                **self.context,
                **WITHOUT_FRONT,
            )
        return html

    def forget_others(self) -> None:
        """Keep only the parts' HTML of this build and the one before."""
        RECENT.append(self.used)
        del RECENT[:-KEEP_BUILDS]
        for key in set(PART_HTML).difference(*RECENT):
            del PART_HTML[key]

    def front(self, toc_pages: dict[str, str]) -> str:
        """The front matter, its contents with these page numbers."""
        return self.renderer.document(
            "print.html.j2",
            front=True,
            dated=False,  # the date goes in at assembly (pdf/merge.py)
            parts=[],
            toc_pages=toc_pages,
            piece_css=Markup(HIDDEN_FOLIO),
            **self.context,
        )

    def back(self, index_pages: dict[str, str]) -> str:
        """The back matter (the indexes), its places on these pages."""
        self.renderer.index_pages = index_pages
        try:
            return self.renderer.document(
                "print.html.j2",
                front=False,
                parts=[],
                back=True,
                toc_pages=None,
                piece_css=Markup(HIDDEN_FOLIO),
                **self.context,
                **WITHOUT_FRONT,
            )
        finally:
            self.renderer.index_pages = None

    def closing(self) -> str:
        """The colophon at the back, alone: a verso page (its document's
        first page made one, as it will be in the book)."""
        return self.renderer.document(
            "print.html.j2",
            front=False,
            parts=[],
            closing=True,
            toc_pages=None,
            piece_css=Markup(HIDDEN_FOLIO + VERSO_FIRST),
            **self.context,
            **WITHOUT_FRONT,
        )

    def guessed_pages(self, part_jobs: list[Job]) -> dict[str, str]:
        """Page numbers for the contents before the parts are typeset, from
        their length: numbers of about the right width, so that the contents
        break their lines about as they will."""
        settings = self.config.print
        per_page = CHARS_PER_A5_PAGE * (settings.width_mm * settings.height_mm) / (148 * 210)
        per_page *= (12.5 / settings.font_size_pt) ** 2
        lengths = [len(TAG.sub("", job.html.partition("<main>")[2])) for job in part_jobs]
        firsts = first_pages(4, [max(1, round(n / per_page)) for n in lengths])
        return toc_numbers(self.book, firsts, [{} for _ in part_jobs])

    def sheets(self, first: int | None, count: int, css: str | None = None) -> str:
        css = sheet_css(first) if css is None else css
        return self.renderer.document(
            "print_sheets.html.j2", count=count, sheet_css=Markup(css), **self.context, **WITHOUT_FRONT
        )

    def sheet_jobs(self, pieces: list[Piece]) -> dict[int, Job]:
        """The runs of sheets holding the pieces' folios, by their first page."""
        return {first: self.job(self.sheets(first, SHEET_RUN), tagged=False) for first in sheet_runs(pieces)}


def first_pages(front_pages: int, part_pages: list[int]) -> list[int]:
    """Each part's first page: a recto (odd), after a blank verso if need be."""
    page = front_pages
    firsts = []
    for count in part_pages:
        page += 1
        if page % 2 == 0:
            page += 1
        firsts.append(page)
        page += count - 1
    return firsts


def closing_page(last: int) -> int:
    """The page of the colophon at the back: the first verso (even page)
    after the book's last page."""
    return last + 1 if last % 2 else last + 2


def toc_pages(book: Book, firsts: list[int], parts: list[Entry]) -> dict[str, str]:
    """The page number of every entry of the contents, in the book's digits."""
    return toc_numbers(book, firsts, [entry.meta["anchors"] for entry in parts])


def toc_numbers(book: Book, firsts: list[int], anchors: list[dict[str, int]]) -> dict[str, str]:
    where = {part.number: (first, ids) for part, first, ids in zip(book.parts, firsts, anchors, strict=True)}
    numbers = {}
    for e in toc(book):
        first, anchors = where[e.part]
        numbers[e.target] = format_number(first + anchors.get(e.target, 0), book.meta.digits)
    return numbers


def backref_targets(book: Book) -> list[str]:
    """The ids of the notes the book's back-references name."""
    found: dict[str, None] = {}

    def walk(inlines) -> None:
        for node in inlines:
            if isinstance(node, Link) and node.url.startswith(NOTE_LINK):
                found[node.url.removeprefix(NOTE_LINK)] = None
            elif isinstance(node, (Emphasis, Link)):
                walk(node.children)

    for part in book.parts:
        for note in part.notes:
            walk(note.inlines)
    return list(found)


def note_pages(book: Book, firsts: list[int], parts: list[Entry], notes: list[str]) -> dict[str, str]:
    """The page of each of these notes (its footnote), in the book's digits."""
    where = {n.id: p.number for p in book.parts for n in p.notes}
    return index_pages(book, firsts, parts, [(where[n], f"note-{n}") for n in notes if n in where])


def index_pages(book: Book, firsts: list[int], parts: list[Entry], anchors: list[tuple[int, str]]) -> dict[str, str]:
    """The page number of every place an index names, in the book's digits
    (a place the layout does not know: its part's first page)."""
    where = {p.number: (first, e.meta["anchors"]) for p, first, e in zip(book.parts, firsts, parts, strict=True)}
    pages = {}
    for part, anchor in anchors:
        first, found = where[part]
        pages[anchor] = format_number(first + found.get(anchor, 0), book.meta.digits)
    return pages


def back_toc(first: int, anchors: dict[str, int], kinds: list[str], digits: str) -> dict[str, str]:
    """The contents' page numbers of the indexes in the back matter."""
    return {f"index-{k}": format_number(first + anchors.get(f"index-{k}", 0), digits) for k in kinds}


def placed(entries: list[Entry], firsts: list[int]) -> list[Piece]:
    return [Piece(e.data, first, e.meta["folios"]) for e, first in zip(entries, firsts, strict=True)]


def sheet_runs(pieces: list[Piece]) -> list[int]:
    """The first pages of the runs of sheets holding the pieces' folios."""
    folios = {piece.first + i for piece in pieces for i in piece.folios}
    return sorted({(n - 1) // SHEET_RUN * SHEET_RUN + 1 for n in folios})


def _plan(cache: PdfCache) -> dict:
    """What the last build left for the next one's guesses (PLAN)."""
    try:
        plan = json.loads((cache.root / PLAN).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return plan if isinstance(plan, dict) else {}


def _guess(cache: PdfCache) -> int | None:
    try:
        return int(_plan(cache)["front_pages"])
    except (ValueError, KeyError, TypeError):
        return None


def parallel_pdf(
    book: Book, config: Config, profile: str, cache_dir: Path, gutter: float = 0.0
) -> tuple[bytes, list[Finding]]:
    """Typeset the book in pieces (cached) and assemble them; return the PDF
    and what WeasyPrint reported (`gutter`: the print profile's, pdf.py)."""
    cache = PdfCache(cache_dir)
    docs = Documents(book, config, profile, cache, gutter)
    with Typesetter(cache) as typesetter:
        # 1. the parts, the folios' probe and the blank sheet; with no earlier
        # build to say how long the front matter is, a first front matter
        # (page numbers guessed) laid out with them tells (its page count
        # only: no PDF written).  The longest first, the workers' last
        # documents short ones: they finish together.  The blank sheet and
        # the colophon wait for the front matter: the other worker typesets
        # them beside it
        part_jobs = [docs.job(docs.part(i), balance=True) for i in range(len(book.parts))]
        docs.forget_others()
        probe_job = docs.job(docs.sheets(PROBE, 4, probe_css()), tagged=False)
        blank_job = docs.job(docs.sheets(None, 1), tagged=False)
        closing_job = docs.job(docs.closing())
        guess = _guess(cache)
        first_front = (
            [] if guess is not None else [docs.job(docs.front(docs.guessed_pages(part_jobs)), pages_only=True)]
        )
        longest = sorted(part_jobs, key=lambda job: len(job.html), reverse=True)
        done = typesetter.run([*first_front, *longest, probe_job])
        parts = [done[job.key] for job in part_jobs]
        front_pages = guess if guess is not None else done[first_front[0].key].meta["pages"]
        folios = DrawnFolios.read(done[probe_job.key].data)

        # 2. the front matter with the real page numbers (and, for a folio
        # that is more than a number, the sheets, typeset together; their
        # pages from the guess; and the blank sheet and the colophon)
        counts = [entry.meta["pages"] for entry in parts]
        guessed = placed(parts, first_pages(front_pages, counts))
        sheet_jobs = {} if folios else docs.sheet_jobs(guessed)
        jobs = [*sheet_jobs.values(), blank_job, closing_job]
        kinds = [kind for kind, _ in docs.renderer.back_matter()]
        places = [(p.part, p.anchor) for p in docs.renderer.apparatus.places()] if kinds else []
        back = None
        for _ in range(6):
            firsts = first_pages(front_pages, counts)
            if docs.backrefs:  # the back-references' pages, written into the parts that have them
                pages = {k.removeprefix("note-"): v for k, v in note_pages(book, firsts, parts, docs.backrefs).items()}
                if pages != docs.renderer.backref_pages:
                    docs.renderer.backref_pages = pages
                    part_jobs = [docs.job(docs.part(i), balance=True) for i in range(len(book.parts))]
                    done |= typesetter.run(part_jobs)
                    parts = [done[job.key] for job in part_jobs]
                    if [entry.meta["pages"] for entry in parts] != counts:
                        counts = [entry.meta["pages"] for entry in parts]
                        continue  # the parts after it moved: their pages again
            contents = toc_pages(book, firsts, parts)
            if kinds:  # the back matter: after the parts, its page numbers from their layout
                back_job = docs.job(docs.back(index_pages(book, firsts, parts, places)))
                done |= typesetter.run([back_job])
                back = done[back_job.key]
                back_first = first_pages(front_pages, [*counts, back.meta["pages"]])[-1]
                contents |= back_toc(back_first, back.meta["anchors"], kinds, book.meta.digits)
            front_job = docs.job(docs.front(contents))
            done |= typesetter.run([front_job, *jobs])
            front, jobs = done[front_job.key], []
            if front.meta["pages"] == front_pages:
                break
            front_pages = front.meta["pages"]
        else:
            raise BuildError(msg("the front matter's page count does not settle"))

        pieces = placed(parts, firsts)
        if docs.backrefs:
            where = {n.id: p.number for p in book.parts for n in p.notes}
            for piece, part in zip(pieces, book.parts, strict=True):
                piece.stand_ins = frozenset(f"note-{n}" for n in docs.backrefs if where.get(n) != part.number)
        if back is not None:
            stand_ins = frozenset(anchor for _, anchor in places)
            pieces.append(Piece(back.data, back_first, back.meta["folios"], stand_ins))
        last = pieces[-1] if pieces else None
        end = front.meta["pages"] if last is None else last.first + (back or parts[-1]).meta["pages"] - 1
        closing = done[closing_job.key]
        pieces.append(Piece(closing.data, closing_page(end), closing.meta["folios"]))
        front_piece = Piece(front.data, 1, front.meta["folios"])
        more = {} if folios else docs.sheet_jobs([front_piece, *pieces])
        done |= typesetter.run([job for first, job in more.items() if first not in sheet_jobs])
        sheets = {first: done[job.key].data for first, job in more.items()}

    blank = done[blank_job.key].data
    data = assemble(front_piece, pieces, sheets, blank, SHEET_RUN, book.meta, folios, even=profile == "print")
    cache.prune(typesetter.used)
    plan = {"front_pages": front_pages, "backref_pages": docs.renderer.backref_pages or {}}
    remember(cache.root / PLAN, json.dumps(plan, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    documents = [*zip(part_jobs, parts, strict=True), (front_job, front), (closing_job, closing)]
    if back is not None:
        documents.append((back_job, back))
    return data, findings([(job.html, entry) for job, entry in documents], config)


def findings(typeset_docs: list[tuple[str, Entry]], config: Config) -> list[Finding]:
    """WeasyPrint's warnings of every document, each once (the parts share
    their stylesheets, so a CSS warning comes from every one of them)."""
    found: dict[tuple, Finding] = {}
    if not all(entry.meta.get("patched", True) for _, entry in typeset_docs):
        f = unpatched_finding()
        found[(f.rule, f.message)] = f
    for html, entry in typeset_docs:
        for f in warning_findings(html, config, entry.meta.get("warnings", [])):
            found.setdefault((f.rule, f.message, f.prov), f)
    return list(found.values())
