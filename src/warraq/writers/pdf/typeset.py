"""One print HTML document typeset by WeasyPrint: the page rules that come
from book.toml, the call itself (tagged, with the exact-text patch), and
WeasyPrint's warnings as findings.  Both PDF engines (writers/pdf/writer.py, one
pass; writers/pdf/documents.py, a document per part) typeset through here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import pydyf
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

from ...config import Config, PrintSettings
from ...errors import BuildError
from ...i18n import msg
from ...model import Finding, Meta, Provenance
from ...publishing.printspec import press_margins
from ...text.arabic import format_number
from .balance import balanced
from .fetch import REFUSED, ProjectFetcher
from .patches import tags as pdf_tags
from .patches.footnotes import notes_on_their_page
from .patches.kashida import kashida_justification
from .patches.leaders import merge_leaders
from .patches.line_window import line_window
from .patches.lines import rtl_trailing_space
from .patches.margin_boxes import shown_margin_boxes
from .patches.pagerefs import page_references_once
from .patches.rtl_lines import rtl_lines_once
from .patches.shaped_once import shaped_once
from .patches.tags import book_tags
from .patches.text import exact_text, mismatches
from .pdfx import color_profile_css

VARIANTS = {"pdf/ua-1": "pdf/ua-1", "pdf/a-3u": "pdf/a-3u", "none": None, "pdf/x-4": "pdf/x-4", "pdf/x-1a": "pdf/x-1a"}
PROFILES = ("screen", "print")
FOLIO_BOX = "@bottom-center"  # the margin box that holds the page number (print.css)


def page_css(settings: PrintSettings, digits: str, profile: str) -> str:
    """The page rules that come from book.toml and the profile, not from a
    stylesheet: trim size, bleed and crop marks, type size, digit style."""
    if profile not in PROFILES:
        raise BuildError(
            msg("unknown PDF profile {profile} (known: {known})", profile=repr(profile), known=", ".join(PROFILES))
        )
    page = [f"size: {settings.width_mm:g}mm {settings.height_mm:g}mm;"]
    press = ""
    if profile == "print":
        # the interior has no art that bleeds: the page is the trim, and
        # grows by the bleed only to hold crop marks when they are asked for
        if settings.crop_marks:
            page += [f"bleed: {settings.bleed_mm:g}mm;", "marks: crop;"]
        press = color_profile_css(settings)
    system = "arabic-indic" if digits == "arabic-indic" else "decimal"
    return (
        press
        + (
            f"@page {{ {' '.join(page)} }}\n"
            f"@counter-style book-digits {{ system: extends {system}; }}\n"
            f"html {{ font-size: {settings.font_size_pt:g}pt; }}\n"
        )
        + justify_css(settings.justify)
    )


def justify_css(justify: str) -> str:
    """Kashida justification is asked for by a custom property that
    patches/kashida.py reads from each line's style; never in the Qur'an."""
    if justify != "kashida":
        return ""
    return "html { --warraq-justify: kashida; }\n.quran, blockquote.verse, .verse-ref { --warraq-justify: spaces; }\n"


def variant(settings: PrintSettings, profile: str) -> str | None:
    """The PDF variant WeasyPrint writes: PDF/X for the printer, else [print] pdf_variant."""
    return VARIANTS[settings.print_variant if profile == "print" else settings.pdf_variant]


def press_css(settings: PrintSettings, gutter: float) -> str:
    """The print profile's page margins, after every stylesheet: every mark
    of ink (running heads and folios included) at least the safe margin
    inside the trim, and the gutter added to the inside margin."""
    safe = settings.safe_margin_mm
    m = press_margins(safe, gutter)
    outer, inner, top, bottom = m.outer, m.inner, m.top, m.top
    return (
        "/* press.css */\n"
        f"@page {{ margin-top: {top:g}mm; margin-bottom: {bottom:g}mm;\n"
        f"  @top-center {{ vertical-align: top; padding-top: {safe:g}mm; padding-bottom: 0; }}\n"
        f"  @bottom-center {{ vertical-align: bottom; padding-bottom: {safe:g}mm; padding-top: 0; }} }}\n"
        f"@page :left {{ margin-left: {outer:g}mm; margin-right: {inner:.2f}mm; }}\n"
        f"@page :right {{ margin-right: {outer:g}mm; margin-left: {inner:.2f}mm; }}\n"
    )


def page_labels(count: int, digits: str) -> list[tuple[int, dict[str, str]]]:
    """The PageLabels number tree: (first page index, label dictionary).
    PDF has no Arabic-Indic numbering style: each page then gets its folio
    as a prefix; Western digits are PDF's decimal style."""
    if digits == "western":
        return [(0, {"S": "/D"})]
    return [(index, {"P": format_number(index + 1, digits)}) for index in range(count)]


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
    labels = pydyf.Array()
    for index, label in page_labels(pdf.pages["Count"], meta.digits):
        entry = {k: (pydyf.String(v) if k == "P" else v) for k, v in label.items()}
        labels.extend([index, pydyf.Dictionary(entry)])
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


@dataclass
class Typeset:
    """A typeset document: the PDF and what the layout tells about it."""

    data: bytes
    pages: int
    anchors: dict[str, int] = field(default_factory=dict)  # element id -> 0-based page
    folios: list[int] = field(default_factory=list)  # 0-based pages whose folio box has text
    warnings: list[str] = field(default_factory=list)
    patched: bool = True  # the exact-text patch applied


def has_folio(page: Any) -> bool:
    """Does the page lay out text in its folio box (even hidden)?"""
    for box in page._page_box.children:
        if isinstance(box, boxes.MarginBox) and box.at_keyword == FOLIO_BOX:
            return any(isinstance(b, boxes.TextBox) and b.text.strip() for b in box.descendants())
    return False


@dataclass
class _Style:
    """A parsed stylesheet and what its at-rules declared."""

    css: CSS
    fonts: FontConfiguration  # @font-face
    counters: CounterStyle  # @counter-style
    profiles: dict  # @color-profile
    warnings: list[str]  # what WeasyPrint said parsing it


_STYLES: dict[tuple[str, str, tuple[str, ...]], _Style] = {}  # this process's parsed stylesheets, the latest last
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
KEEP_STYLES = 4


def _style(text: str, base_url: str, roots: tuple[str, ...]) -> _Style:
    """The print HTML's <style>, parsed once per process (every part of the
    parallel build carries the same), with its own font configuration so
    that the @font-face fonts are loaded once too."""
    key = (text, base_url, roots)
    if key not in _STYLES:
        fonts, counters, profiles = FontConfiguration(), CounterStyle(), {}
        with weasyprint_warnings() as warnings:
            css = CSS(
                string=text,
                base_url=base_url,
                font_config=fonts,
                counter_style=counters,
                color_profiles=profiles,
                url_fetcher=ProjectFetcher(roots),
            )
        _STYLES[key] = _Style(css, fonts, counters, profiles, list(warnings))
        while len(_STYLES) > KEEP_STYLES:
            del _STYLES[next(iter(_STYLES))]
    return _STYLES[key]


def typeset(
    html: str,
    base_url: str,
    variant: str | None,
    tagged: bool = True,
    finisher: Callable | None = None,
    roots: tuple[str, ...] = (),
    balance: bool = False,
    pages_only: bool = False,
) -> Typeset:
    """Lay the HTML out and write it as a PDF (variant: a key of VARIANTS'
    values), with exact text where the patch applies.  The <style> element
    is parsed apart, as its text starts after `<style>`: WeasyPrint numbers
    its lines as it would inline (css_origin relies on it).  Only files
    under `roots` (else the base folder) are read (pdf/fetch.py).  `balance`
    (a part of the parallel build): a short last page gets more lines
    (pdf/balance.py).  `pages_only`: the layout's page count alone, no PDF
    written (the data empty)."""
    roots = roots or (base_url,)
    found = _STYLE.search(html)
    style = _style(found[1], base_url, roots) if found else None
    said_first: list[str] = []
    if variant == "pdf/ua-1" and tagged and not pdf_tags.applied():
        # PDF/UA-1 identification only with the tags a screen reader needs
        variant = None
        said_first.append("PDF/UA-1 identification left out: the structure tags patch does not apply (patches/tags.py)")
    with (
        weasyprint_warnings() as warnings,
        notes_on_their_page(),
        shaped_once(),
        kashida_justification(),
        rtl_lines_once(),
        line_window(),
        rtl_trailing_space(),
        shown_margin_boxes(),
    ):
        if style is not None:
            bare = html[: found.start()] + html[found.end() :]

            def render(more: str = "") -> Any:
                extra = [CSS(string=more, font_config=style.fonts, counter_style=style.counters)] if more else []
                return HTML(string=bare, base_url=base_url, url_fetcher=ProjectFetcher(roots)).render(
                    stylesheets=[style.css, *extra],
                    font_config=style.fonts,
                    counter_style=style.counters,
                    color_profiles=style.profiles,
                )

            document = render()
            if balance:
                document = balanced(document, render)
        else:
            document = HTML(string=html, base_url=base_url, url_fetcher=ProjectFetcher(roots)).render()
        if pages_only:
            return Typeset(b"", len(document.pages))
        merge_leaders(document)  # a leader drawn as one run of text, not a box per dot
        with exact_text() as session, book_tags(), page_references_once():
            data = document.write_pdf(pdf_variant=variant, pdf_tags=tagged, finisher=finisher)
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    folios = [i for i, page in enumerate(document.pages) if has_folio(page)]
    said = said_first + (style.warnings if style else []) + list(warnings)
    return Typeset(data, len(document.pages), anchors, folios, said, session is not None)


def unpatched_finding() -> Finding:
    return Finding(
        "pdf",
        "pdf-text-unpatched",
        msg("copied text may lose letters: {details}", details="; ".join(mismatches())),
        level="warning",
    )


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
        # WeasyPrint's own words (English) inside a sentence of ours
        return Finding("pdf", "pdf-weasyprint", msg("the typesetter reports: {text}", text=message), level="warning")
    where = origin(int(m["line"]))
    if where is None:
        return None
    text = msg("CSS ignored by the typesetter: {what}: {why}", what=m["what"], why=m["why"])
    return Finding("pdf", "pdf-css-ignored", text, Provenance(where[0], where[1]), level="warning")


def warning_findings(html: str, config: Config, warnings: list[str]) -> list[Finding]:
    """The findings of one document's warnings."""
    origin = css_origin(html, config)
    found: list[Finding | None] = []
    for message in warnings:
        if message.startswith(REFUSED):
            found.extend(refused_findings(message.removeprefix(REFUSED).strip(), html, origin))
        elif REFUSED not in message:  # WeasyPrint's "Failed to load ..." of a refused URL: said once above
            found.append(weasyprint_finding(message, origin))
    return [f for f in found if f is not None]


def refused_findings(url: str, html: str, origin: Callable[[int], tuple[str, int] | None]) -> list[Finding]:
    """A URL outside the project that a stylesheet asked for, at every line
    of a stylesheet where it is written (as given, or by its last path
    segment when it was relative); without a place when none is found."""
    lines = html.split("\n")
    style = next((i for i, line in enumerate(lines) if line.strip() == "<style>"), None)
    tail = unquote(urlsplit(url).path).rstrip("/").rpartition("/")[2]
    places = []
    if style is not None:
        for index in range(style, len(lines)):
            line = lines[index]
            if url in line or (tail and tail in unquote(line) and ("url(" in line or "@import" in line)):
                where = origin(index - style + 1)
                if where is not None:
                    places.append(Provenance(where[0], where[1]))
    message = msg(
        "not read: {url} (a stylesheet may use only the book's own files: styles, fonts, images in its folder)", url=url
    )
    return [Finding("pdf", "pdf-url-refused", message, prov, level="warning") for prov in places or [None]]
