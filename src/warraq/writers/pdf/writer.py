"""The print-ready PDF: the print HTML rendering, typeset by WeasyPrint.

`write_pdf` renders the book in "print" mode (render/templates/print.html.j2,
styles/print.css), lays it out with WeasyPrint and writes `<slug>.pdf`:

* page geometry from book.toml ([print] trim, font_size_pt, bleed_mm) and
  the build profile: "screen" (the trim size only) or "print" (for the
  printer: PDF/X-4 or PDF/X-1a with a CMYK output intent and no RGB
  (pdfx.py), every mark of ink [print] safe_margin_mm inside the trim, the
  gutter from the page count, crop marks only if asked for; the printers'
  limits a book breaks are warnings);
* tagged PDF/UA-1 by default, PDF/A-3u or no variant as [print] pdf_variant
  says;
* what WeasyPrint does not write: the viewer preferences of a right-bound
  book (`/Direction /R2L`, spreads with page 1 alone on the left);
* text that copies out whole (patches/text.py);
* WeasyPrint's warnings (a glyph missing from the fonts, a CSS rule it
  ignored in the author's stylesheet ...) become findings of the report.

Two engines ([print] engine): "parallel", the default, typesets each part
as a document of its own in worker processes, keeps them in a cache under
`<out>/.cache/pdf/` and assembles the book (pdf/documents.py, pdf/merge.py);
"single" typesets the whole book in one WeasyPrint pass (here).  Both give
the same pages: each balances a part's short last page (pdf/balance.py)
and closes the book with the colophon on an even page.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
from markupsafe import Markup

from ...config import Config, line_of
from ...model import Book, Finding, Meta, Provenance
from ...publishing.printspec import gutter_mm, limit_problems
from ...render import Renderer
from ...render.fonts import faces
from ..output import atomic_write
from .cache import remember
from .documents import parallel_pdf
from .fetch import project_roots
from .figures import figure_findings, has_tables, press_figures, table_scopes
from .pdfx import icc_profile, press
from .poems import measure_poems
from .typeset import finish, page_css, press_css, typeset, unpatched_finding, variant, warning_findings

PRINT_PAGES = "print-pages.json"  # the last print interior's page count: the next build's first gutter


def print_html(book: Book, config: Config, profile: str = "screen", gutter: float = 0.0) -> str:
    """The HTML WeasyPrint typesets: the one rendering, in print mode."""
    fonts_dir = faces()[0].file.parent.as_uri() + "/"
    renderer = Renderer(book, config, "print", font_prefix=fonts_dir)
    measure_poems(renderer, config)
    css = Markup(page_css(config.print, book.meta.digits, profile))
    more = {"press_css": Markup(press_css(config.print, gutter))} if profile == "print" else {}
    return renderer.document(
        "print.html.j2", page_css=css, front=True, parts=book.parts, toc_pages=None, back=True, closing=True, **more
    )


def pdf_bytes(html: str, config: Config, meta: Meta, profile: str = "screen") -> tuple[bytes, list[Finding]]:
    """Typeset the print HTML in one pass; return the PDF and what WeasyPrint reported."""
    done = typeset(
        html,
        str(config.root),
        variant(config.print, profile),
        finisher=lambda _doc, pdf: finish(pdf, meta),
        roots=project_roots(config),
        balance=True,
    )
    findings = [] if done.patched else [unpatched_finding()]
    return done.data, findings + warning_findings(html, config, done.warnings)


def typeset_book(
    book: Book, config: Config, profile: str, out: Path, gutter: float = 0.0
) -> tuple[bytes, list[Finding]]:
    """The book's PDF by the engine book.toml names (its tables' header
    cells given their scope, figures.py)."""
    if config.print.engine == "single":
        html = print_html(book, config, profile, gutter)
        data, findings = pdf_bytes(html, config, book.meta, profile)
    else:
        data, findings = parallel_pdf(book, config, profile, out / ".cache" / "pdf", gutter)
    return (table_scopes(data) if has_tables(book) else data), findings


def print_interior(book: Book, config: Config, out: Path) -> tuple[bytes, int, list[Finding]]:
    """The printer's interior (PDF/X, no RGB, the safe margin, the gutter)
    and its page count.  The gutter comes from the page count (printspec's
    table) unless book.toml sets it: typeset with the last build's count's
    gutter, and again while the count lands in another band."""
    settings = config.print
    book = press_figures(book, config)  # the pictures in CMYK, as PDF/X wants
    plan = out / ".cache" / PRINT_PAGES
    try:
        guess = int(json.loads(plan.read_text("utf-8"))["pages"])
    except (OSError, ValueError, KeyError, TypeError):
        guess = 0
    gutter = settings.gutter_mm if settings.gutter_mm is not None else gutter_mm(guess)
    done: dict[float, tuple[bytes, list[Finding], int]] = {}
    while True:
        data, findings = typeset_book(book, config, "print", out, gutter)
        pages = len(pikepdf.open(io.BytesIO(data)).pages)
        done[gutter] = (data, findings, pages)
        wanted = gutter if settings.gutter_mm is not None else gutter_mm(pages)
        if wanted == gutter:
            break
        if wanted in done:
            # on the edge of a band, either way: the typesetting whose gutter
            # is at least what its own page count asks (the larger gutter)
            gutter = max(g for g, (_, _, n) in done.items() if g >= gutter_mm(n))
            data, findings, pages = done[gutter]
            break
        gutter = wanted
    remember(plan, json.dumps({"pages": pages}).encode("utf-8"))
    pressed = press(data, book.meta.identifier or book.meta.title, icc_profile(settings))
    return pressed, pages, findings + limit_findings(config, pages)


def limit_findings(config: Config, pages: int) -> list[Finding]:
    """A printer's limit the book breaks, as warnings (not silence); a trim
    the service does not offer points at book.toml's trim setting."""
    s = config.print
    found = []
    for problem in limit_problems(s.service, pages, s.paper, s.width_mm, s.height_mm):
        prov = None
        if getattr(problem, "msgid", problem).startswith("trim"):  # the English msgid, whatever the language
            text = config.book_file.read_text("utf-8-sig")
            key = "trim" if s.trim != "custom" else "width_mm"
            line = line_of(text, key, "print") or line_of(text, "print") or 1
            prov = Provenance(str(config.book_file), line)
        found.append(Finding("pdf", "print-limit", problem, prov, level="warning"))
    return found


def write_pdf(book: Book, config: Config, out: Path, context: dict) -> list[Path]:
    options = context.get("options")
    profile = getattr(options, "profile", "screen")
    # the caches stay in the output folder, not in a build's staging folder
    home = Path(context.get("out", out))
    if profile == "print":
        data, pages, findings = print_interior(book, config, home)
        context["print_pages"] = pages
    else:
        data, findings = typeset_book(book, config, profile, home)
    context.setdefault("findings", []).extend(findings + figure_findings(book, config))
    return [atomic_write(out / f"{config.slug}.pdf", data)]
