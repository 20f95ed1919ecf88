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
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pydyf
from markupsafe import Markup
from weasyprint import HTML

from ..arabic import format_number
from ..config import Config, PrintSettings
from ..errors import BuildError
from ..fonts import faces
from ..model import Book, Finding, Meta, Provenance
from ..render import Renderer
from .output import atomic_write
from .pdf_text import exact_text, mismatches

VARIANTS = {"pdf/ua-1": "pdf/ua-1", "pdf/a-3u": "pdf/a-3u", "none": None}
PROFILES = ("screen", "print")


def page_css(settings: PrintSettings, digits: str, profile: str) -> str:
    """The page rules that come from book.toml and the profile, not from a
    stylesheet: trim size, bleed and crop marks, type size, digit style."""
    if profile not in PROFILES:
        raise BuildError(f"unknown PDF profile {profile!r} (known: {', '.join(PROFILES)})")
    page = [f"size: {settings.width_mm:g}mm {settings.height_mm:g}mm;"]
    if profile == "print":
        page += [f"bleed: {settings.bleed_mm:g}mm;", "marks: crop;"]
    system = "arabic-indic" if digits == "arabic-indic" else "decimal"
    return (
        f"@page {{ {' '.join(page)} }}\n"
        f"@counter-style book-digits {{ system: extends {system}; }}\n"
        f"html {{ font-size: {settings.font_size_pt:g}pt; }}\n"
    )


def print_html(book: Book, config: Config, profile: str = "screen") -> str:
    """The HTML WeasyPrint typesets: the one rendering, in print mode."""
    fonts_dir = faces()[0].file.parent.as_uri() + "/"
    renderer = Renderer(book, config, "print", font_prefix=fonts_dir)
    return renderer.document("print.html.j2", page_css=Markup(page_css(config.print, book.meta.digits, profile)))


def finish(pdf: pydyf.PDF, meta: Meta) -> None:
    """What WeasyPrint does not write: reading direction, spreads, labels.

    `/Direction /R2L` lays two-page views out right to left; with
    `/TwoPageRight` the first page stands alone (on the left, in R2L), then
    pages 2-3, 4-5 ... face each other as in the bound book.  Page labels
    show the folios' digits in the viewer's page box."""
    prefs = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary()
    prefs["DisplayDocTitle"] = "true"
    prefs["Direction"] = "/R2L" if meta.direction == "rtl" else "/L2R"
    pdf.catalog["ViewerPreferences"] = prefs
    pdf.catalog["PageLayout"] = "/TwoPageRight"
    if meta.digits == "western":
        labels = pydyf.Array([0, pydyf.Dictionary({"S": "/D"})])
    else:  # PDF has no Arabic-Indic numbering style: each page gets its label as a prefix
        labels = pydyf.Array()
        for index in range(pdf.pages["Count"]):
            labels.extend([index, pydyf.Dictionary({"P": pydyf.String(format_number(index + 1, meta.digits))})])
    pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": labels})


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """Collect what WeasyPrint logs at warning level or above."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def pdf_bytes(html: str, config: Config, meta: Meta) -> tuple[bytes, list[Finding]]:
    """Typeset the print HTML; return the PDF and what WeasyPrint reported."""
    findings: list[Finding] = []
    variant = VARIANTS[config.print.pdf_variant]
    with weasyprint_warnings() as warnings:
        document = HTML(string=html, base_url=str(config.root)).render()
        with exact_text() as session:
            data = document.write_pdf(
                pdf_variant=variant,
                pdf_tags=True,
                finisher=lambda _doc, pdf: finish(pdf, meta),
            )
    if session is None:
        findings.append(
            Finding(
                "pdf",
                "pdf-text-unpatched",
                "copied text may lose letters: " + "; ".join(mismatches()),
                level="warning",
            )
        )
    origin = css_origin(html, config)
    for message in warnings:
        finding = weasyprint_finding(message, origin)
        if finding is not None:
            findings.append(finding)
    return data, findings


# the header stylesheet() writes before each stylesheet it concatenates
_CSS_HEADER = re.compile(r"^/\* (?P<name>[\w.-]+\.css)(?: \(from (?P<path>.+)\))? \*/$")
_CSS_WARNING = re.compile(r"^(?P<what>.*) at (?P<line>\d+):(?P<column>\d+), (?P<why>.*)$")


def css_origin(html: str, config: Config) -> Callable[[int], tuple[str, int] | None]:
    """Map a line of the print HTML's <style> element (as WeasyPrint counts
    them) to (author's stylesheet, line), or None for warraq's own."""
    lines = html.split("\n")
    style = next((i for i, line in enumerate(lines) if line.strip() == "<style>"), None)
    chunks: list[tuple[int, str | None]] = []  # (first html line of the chunk, author's file)
    for i, line in enumerate(lines):
        m = _CSS_HEADER.match(line)
        if m and style is not None and i > style:
            path = m["path"]
            if m["name"] == "book.css" and config.styles_dir is not None:
                path = str(config.styles_dir / "book.css")
            chunks.append((i + 1, path))

    def origin(style_line: int) -> tuple[str, int] | None:
        if style is None:
            return None
        index = style + style_line - 1  # WeasyPrint's line 1 is the <style> line
        found = None
        for first, path in chunks:
            if first <= index:
                found = (first, path)
        if found is None or found[1] is None:
            return None
        return found[1], index - found[0] + 1

    return origin


def weasyprint_finding(message: str, origin: Callable[[int], tuple[str, int] | None]) -> Finding | None:
    """A WeasyPrint warning as a finding.  CSS that WeasyPrint ignores in
    warraq's own stylesheets (written for every format: EPUB readers honour
    `text-justify`) is not the author's concern and is dropped."""
    m = _CSS_WARNING.match(message)
    if m is None:
        return Finding("pdf", "pdf-weasyprint", message, level="warning")
    where = origin(int(m["line"]))
    if where is None:
        return None
    return Finding(
        "pdf", "pdf-css-ignored", f"{m['what']}: {m['why']}", Provenance(where[0], where[1]), level="warning"
    )


def write_pdf(book: Book, config: Config, out: Path, context: dict) -> list[Path]:
    options = context.get("options")
    profile = getattr(options, "profile", "screen")
    html = print_html(book, config, profile)
    data, findings = pdf_bytes(html, config, book.meta)
    context.setdefault("findings", []).extend(findings)
    return [atomic_write(out / f"{config.slug}.pdf", data)]
