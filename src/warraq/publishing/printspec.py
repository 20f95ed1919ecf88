"""What print-on-demand services ask of a book: spine width, the full-wrap
cover's geometry, the gutter, page-count and trim limits.  Pure functions.

Figures are the services' published requirements (KDP Print's "Paperback
submission guidelines", IngramSpark's "File creation guide", Lulu's "Book
creation guide"):

* spine width: the page count times the paper's thickness per page (KDP:
  white 0.002252 in, cream 0.0025 in), or pages / PPI (pages per inch) for a
  printer that gives its paper that way;
* the cover's bleed: 0.125 in (3.175 mm) on every outer edge;
* spine text only from 79 pages (KDP), inside 0.0625 in of the spine's folds;
* the gutter (extra inside margin) by page count (KDP's table);
* page counts and trim sizes each service prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, Msg, msg

INCH = 25.4
PAPER_INCH_PER_PAGE = {"white": 0.002252, "cream": 0.0025}
PAPER_NAMES = {"white": N_("white"), "cream": N_("cream")}  # [print] paper, as a message names it
COVER_BLEED_MM = 0.125 * INCH
SPINE_TEXT_MIN_PAGES = 79
SPINE_SAFE_MM = 0.0625 * INCH  # between spine text and each fold
# KDP's gutter by page count: (last page of the band, gutter in inches)
GUTTER_TABLE = ((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875))

# trims each service prints (inches; width x height)
_KDP_TRIMS = (
    (5, 8), (5.06, 7.81), (5.25, 8), (5.5, 8.5), (6, 9), (6.14, 9.21), (6.69, 9.61), (7, 10),
    (7.44, 9.69), (7.5, 9.25), (8, 10), (8.25, 6), (8.25, 8.25), (8.5, 8.5), (8.5, 11), (8.27, 11.69),
)  # fmt: skip
_INGRAM_TRIMS = (
    (4.25, 7), (4.37, 7), (5, 8), (5.06, 7.81), (5.25, 8), (5.5, 8.5), (5.83, 8.27), (6, 9), (6.14, 9.21),
    (6.69, 9.61), (7, 10), (7.44, 9.69), (7.5, 9.25), (8, 10), (8.25, 11), (8.5, 8.5), (8.5, 11), (8.27, 11.69),
)  # fmt: skip
_LULU_TRIMS = ((4.25, 6.87), (5.5, 8.5), (5.83, 8.27), (6, 9), (6.14, 9.21), (6.69, 9.61), (7, 10), (7.5, 9.25),
               (8.5, 11), (8.27, 11.69))  # fmt: skip


@dataclass(frozen=True)
class Service:
    name: str
    min_pages: int
    max_pages: dict[str, int]  # by paper
    trims: tuple[tuple[float, float], ...]  # inches


SERVICES = {
    "kdp": Service("KDP Print", 24, {"white": 828, "cream": 776}, _KDP_TRIMS),
    "ingramspark": Service("IngramSpark", 18, {"white": 1200, "cream": 1200}, _INGRAM_TRIMS),
    "lulu": Service("Lulu", 32, {"white": 800, "cream": 800}, _LULU_TRIMS),
}


def spine_width_mm(pages: int, paper: str = "white", ppi: float | None = None) -> float:
    """The spine's width for `pages` pages (both sides of a leaf counted)."""
    if pages < 0:
        raise ValueError(msg("a page count is not negative"))
    if ppi is not None:
        if ppi <= 0:
            raise ValueError(msg("{key} must be positive", key="paper_ppi"))
        return pages / ppi * INCH
    return pages * PAPER_INCH_PER_PAGE[paper] * INCH


@dataclass(frozen=True)
class CoverGeometry:
    """A full-wrap cover, in millimetres from the top left of its sheet.
    Right-to-left books wrap mirrored: the front panel left of the spine."""

    trim_width: float
    trim_height: float
    spine: float
    bleed: float
    rtl: bool

    @property
    def width(self) -> float:
        return 2 * self.trim_width + self.spine + 2 * self.bleed

    @property
    def height(self) -> float:
        return self.trim_height + 2 * self.bleed

    @property
    def spine_x(self) -> float:
        """Left edge of the spine."""
        return self.bleed + self.trim_width

    @property
    def front_x(self) -> float:
        """Left edge of the front panel's trim."""
        return self.bleed if self.rtl else self.spine_x + self.spine

    @property
    def back_x(self) -> float:
        """Left edge of the back panel's trim."""
        return self.spine_x + self.spine if self.rtl else self.bleed

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the whole cover's trim."""
        return (self.bleed, self.bleed, self.width - self.bleed, self.height - self.bleed)


def cover_geometry(
    width_mm: float, height_mm: float, pages: int, paper: str = "white", ppi: float | None = None, rtl: bool = True
) -> CoverGeometry:
    return CoverGeometry(width_mm, height_mm, spine_width_mm(pages, paper, ppi), COVER_BLEED_MM, rtl)


def spine_has_text(pages: int) -> bool:
    return pages >= SPINE_TEXT_MIN_PAGES


# the running head's and the folio's line, with room to spare (9.5 pt Amiri)
HEAD_MM = 9.0
OUTER_MM = 13.0  # print.css's outside margin
# justified Arabic may set a glyph's ink a little past the line's edge
# (0.5 mm measured on the default book): room for it beyond the safe margin
OVERHANG_MM = 1.3
# the fewest lines a printed page's text block must hold (line-height 1.75)
MIN_PAGE_LINES = 6
LINE_HEIGHT = 1.75


@dataclass(frozen=True)
class PressMargins:
    outer: float
    inner: float  # the outer margin and the gutter
    top: float  # and bottom


def press_margins(safe_mm: float, gutter: float) -> PressMargins:
    """The print profile's page margins (mm): every mark of ink at least
    `safe_mm` inside the trim, the gutter added to the inside margin."""
    outer = max(OUTER_MM, safe_mm + OVERHANG_MM)
    return PressMargins(outer, outer + gutter, max(19.0, safe_mm + HEAD_MM))


def text_block_problem(
    width_mm: float, height_mm: float, safe_mm: float, gutter: float, font_pt: float, min_ems: int
) -> Msg | None:
    """Why margins and a gutter leave no page to set the text on (a line of
    fewer than `min_ems` letters' widths, a page of fewer than
    MIN_PAGE_LINES lines), or None."""
    m = press_margins(safe_mm, gutter)
    em = font_pt * 25.4 / 72
    width = width_mm - m.outer - m.inner
    height = height_mm - 2 * m.top
    if width < min_ems * em or height < MIN_PAGE_LINES * LINE_HEIGHT * em:
        return msg(
            "the margins ({safe} mm safe margin, {gutter} mm gutter) leave a text block of {width} x {height} mm "
            "on a {trim_w} x {trim_h} mm page: too small for {ems} letters a line and {lines} lines a page",
            safe=round(safe_mm, 1),
            gutter=round(gutter, 1),
            width=round(max(width, 0), 1),
            height=round(max(height, 0), 1),
            trim_w=round(width_mm, 1),
            trim_h=round(height_mm, 1),
            ems=min_ems,
            lines=MIN_PAGE_LINES,
        )
    return None


def gutter_mm(pages: int) -> float:
    """KDP's minimum gutter for a book of `pages` pages (the last band beyond 828)."""
    for last, inches in GUTTER_TABLE:
        if pages <= last:
            return inches * INCH
    return GUTTER_TABLE[-1][1] * INCH


def offers_trim(service: Service, width_mm: float, height_mm: float, tolerance_mm: float = 0.6) -> bool:
    return any(
        abs(w * INCH - width_mm) <= tolerance_mm and abs(h * INCH - height_mm) <= tolerance_mm for w, h in service.trims
    )


def limit_problems(service_key: str, pages: int, paper: str, width_mm: float, height_mm: float) -> list[Msg]:
    """What the service would refuse in a book of this size, one sentence each."""
    if service_key not in SERVICES:
        return []
    service = SERVICES[service_key]
    problems = []
    if pages < service.min_pages:
        problems.append(
            msg(
                "{pages} pages: {service} prints at least {least}",
                pages=pages,
                service=service.name,
                least=service.min_pages,
            )
        )
    most = service.max_pages.get(paper, max(service.max_pages.values()))
    if pages > most:
        problems.append(
            msg(
                "{pages} pages: {service} prints at most {most} on {paper} paper",
                pages=pages,
                service=service.name,
                most=most,
                paper=msg(PAPER_NAMES.get(paper, paper)),
            )
        )
    if not offers_trim(service, width_mm, height_mm):
        size, inches = f"{width_mm:g} x {height_mm:g}", f"{width_mm / INCH:.2f} x {height_mm / INCH:.2f}"
        problems.append(
            msg(
                "trim {size} mm ({inches} in): {service} does not offer it",
                size=size,
                inches=inches,
                service=service.name,
            )
        )
    return problems
