"""The print-ready PDF: the print HTML rendering, typeset by WeasyPrint.

`write_pdf` renders the book in "print" mode (render/templates/print.html.j2,
styles/print.css), lays it out with WeasyPrint and writes `<slug>.pdf`:

* page geometry from book.toml ([print] trim, font_size_pt, bleed_mm) and
  the build profile: "screen" (the trim size only) or "print" (bleed and crop
  marks, for the printer);
* tagged PDF/UA-1 by default, PDF/A-3u or no variant as [print] pdf_variant
  says;
* what WeasyPrint does not write: the viewer preferences of a right-bound
  book (`/Direction /R2L`, spreads with page 1 alone on the left);
* text that copies out whole (pdf_text.py);
* WeasyPrint's warnings (a glyph missing from the fonts, a CSS rule it
  ignored in the author's stylesheet ...) become findings of the report.

Two engines ([print] engine): "parallel", the default, typesets each part
as a document of its own in worker processes, keeps them in a cache under
`<out>/.cache/pdf/` and assembles the book (pdf_parts.py, pdf_merge.py);
"single" typesets the whole book in one WeasyPrint pass (here).  Both give
the same pages.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..config import Config
from ..fonts import faces
from ..model import Book, Finding, Meta
from ..render import Renderer
from .output import atomic_write
from .pdf_fetch import project_roots
from .pdf_parts import parallel_pdf
from .pdf_typeset import VARIANTS, finish, page_css, typeset, unpatched_finding, warning_findings


def print_html(book: Book, config: Config, profile: str = "screen") -> str:
    """The HTML WeasyPrint typesets: the one rendering, in print mode."""
    fonts_dir = faces()[0].file.parent.as_uri() + "/"
    renderer = Renderer(book, config, "print", font_prefix=fonts_dir)
    css = Markup(page_css(config.print, book.meta.digits, profile))
    return renderer.document("print.html.j2", page_css=css, front=True, parts=book.parts, toc_pages=None)


def pdf_bytes(html: str, config: Config, meta: Meta) -> tuple[bytes, list[Finding]]:
    """Typeset the print HTML in one pass; return the PDF and what WeasyPrint reported."""
    variant = VARIANTS[config.print.pdf_variant]
    done = typeset(
        html, str(config.root), variant, finisher=lambda _doc, pdf: finish(pdf, meta), roots=project_roots(config)
    )
    findings = [] if done.patched else [unpatched_finding()]
    return done.data, findings + warning_findings(html, config, done.warnings)


def write_pdf(book: Book, config: Config, out: Path, context: dict) -> list[Path]:
    options = context.get("options")
    profile = getattr(options, "profile", "screen")
    if config.print.engine == "single":
        html = print_html(book, config, profile)
        data, findings = pdf_bytes(html, config, book.meta)
    else:
        # the cache stays in the output folder, not in a build's staging folder
        cache = Path(context.get("out", out)) / ".cache" / "pdf"
        data, findings = parallel_pdf(book, config, profile, cache)
    context.setdefault("findings", []).extend(findings)
    return [atomic_write(out / f"{config.slug}.pdf", data)]
