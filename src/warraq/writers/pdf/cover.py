"""The cover for print and the stores (`warraq build --format cover`).

`<slug>-cover.pdf`: the full wrap (back, spine, front) as print-on-demand
services take it, PDF/X like the interior (pdfx.py), typeset by WeasyPrint
from render/templates/cover_wrap.html.j2:

* the sheet is 2 x trim width + spine by the trim height, with the cover's
  bleed (0.125 in) on every outer edge; an Arabic book wraps right to left,
  its front panel left of the spine;
* the spine's width from the print interior's real page count and the
  paper ([print] paper, paper_ppi: printspec.py); its text (title, author)
  only from 79 pages, inside the spine's safe zone, turned so that it reads
  from the head of the book to its foot, the letters' tops toward the front
  cover (ISO 6357's rule, mirrored for a right-to-left wrap: the book lying
  front up shows it the right way);
* the front: today's typographic EPUB cover, set in Amiri (or `[book] cover`,
  scaled to fill the panel and its bleed);
* the back: `[book] description` as the blurb, and, with `[book] isbn`, the
  EAN-13 (with the EAN-5 price add-on of `[book] price`) under the ISBN in
  the printers' barcode zone: 2 x 1.2 in at 0.25 in from the spine and the
  foot (KDP; without an ISBN the zone stays empty for the service's own).

`<slug>-cover.jpg`: the front alone, 1600 x 2560 px (KDP's recommended
1:1.6), for the stores' cover upload: the same design laid out on a page of
that shape and rendered by poppler's pdftoppm; an author's image is scaled
and cropped to it.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ...config import Config, line_of
from ...errors import BuildError
from ...i18n import msg
from ...model import Book, Finding, Provenance
from ...publishing.barcode import bars, ean5_modules, ean13_modules
from ...publishing.images import flattened
from ...publishing.isbn import parse_isbn
from ...publishing.printspec import INCH, SPINE_SAFE_MM, CoverGeometry, cover_geometry, spine_has_text
from ...render import Renderer
from ...render.fonts import faces
from ..output import atomic_write
from .fetch import project_roots
from .pdfx import color_profile_css, icc_profile, press

BLURB_TOP, BLURB_SIDE, BLURB_FOOT = 22.0, 18.0, 50.0  # mm: the blurb's box on the back (the foot: the barcode)
STORE_SIZE = (1600, 2560)  # px, KDP's recommended e-book cover
STORE_PAGE_MM = (100.0, 160.0)  # the same shape, for laying the front out
# colours of the typographic cover (cover.py's, for the press)
GROUND = "device-cmyk(0 0.02 0.08 0.035)"
INK = "device-cmyk(0 0.21 0.42 0.85)"
ACCENT = "device-cmyk(0 0.69 0.75 0.52)"
BAR = "device-cmyk(0 0 0 1)"  # a barcode is black only
PAPER = "device-cmyk(0 0 0 0)"

# the barcode zone (KDP): 2 x 1.2 in, 0.25 in from the spine fold and the foot
ZONE_W, ZONE_H, ZONE_INSET = 2 * INCH, 1.2 * INCH, 0.25 * INCH
MODULE = 0.33 * 0.85  # mm: EAN at 85 % of its nominal size
BAR_H = 22.85 * 0.85 * 0.8  # mm: bars a little shorter than nominal, to fit the zone
QUIET = 11  # modules left of the EAN-13
ADDON_GAP = 9  # modules between the EAN-13 and the add-on


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Digit:
    x: float
    y: float
    w: float
    text: str


@dataclass(frozen=True)
class Barcode:
    bars: list[Bar]
    digits: list[Digit]


def barcode_layout(isbn: str, price: str = "") -> Barcode:
    """The EAN-13 of the ISBN (and the EAN-5 of the price) in millimetres of
    the zone: bars under the ISBN line, human-readable digits under them."""
    digits = parse_isbn(isbn).digits
    top = 6.0  # under the ISBN line
    x0 = (ZONE_W - (QUIET + 95 + (ADDON_GAP + 48 if price else 0) + 7) * MODULE) / 2 + QUIET * MODULE
    guards = {0, 1, 2, 45, 46, 47, 48, 49, 92, 93, 94}  # modules of the guard bars (drawn longer)
    out: list[Bar] = []
    for start, width in bars(ean13_modules(digits)):
        longer = start in guards
        out.append(Bar(x0 + start * MODULE, top, width * MODULE, BAR_H + (1.5 if longer else 0)))
    text_y = top + BAR_H + 0.4
    numbers = [Digit(x0 - 7 * MODULE, text_y, 6 * MODULE, digits[0])]
    numbers += [Digit(x0 + (3 + 7 * i) * MODULE, text_y, 7 * MODULE, d) for i, d in enumerate(digits[1:7])]
    numbers += [Digit(x0 + (50 + 7 * i) * MODULE, text_y, 7 * MODULE, d) for i, d in enumerate(digits[7:])]
    if price:
        ax = x0 + (95 + ADDON_GAP) * MODULE
        for start, width in bars(ean5_modules(price)):
            out.append(Bar(ax + start * MODULE, top + 3.5, width * MODULE, BAR_H - 2.0))
        numbers += [Digit(ax + (5 + 9 * i) * MODULE, top + 0.3, 7 * MODULE, d) for i, d in enumerate(price)]
    return Barcode(out, numbers)


def blurb(description: str) -> list[str]:
    return [p.strip() for p in description.replace("\r\n", "\n").split("\n\n") if p.strip()]


def title_block(title: str, width: float, height: float) -> tuple[float, int]:
    """The front's title size (mm) and its number of lines: as large as the
    EPUB cover's, smaller until the block fits 30 % of the panel's height
    (an Arabic letter of a bold face is about half an em wide)."""
    size = width * 0.12
    while True:
        per_line = max(1, int(width * 0.72 / (size * 0.5)))
        lines = -(-len(title) // per_line)
        if lines * size * 1.5 <= height * 0.3 or size < width * 0.03:
            return size, lines
        size *= 0.9


BLURB_MAX_MM, BLURB_MIN_MM = 13 * INCH / 72, 9 * INCH / 72  # 13 pt, 9 pt


def blurb_size(text: str, width: float, height: float) -> tuple[float, bool]:
    """The blurb's type size (mm) for a box of width x height mm: 13 pt,
    smaller for a long text, down to 9 pt; False when even that may not
    hold it (a letter about half an em wide, lines 1.8 em apart)."""
    chars = max(1, len(text))
    fitting = (width * height / (0.5 * 1.8 * chars)) ** 0.5
    size = min(BLURB_MAX_MM, fitting)
    return max(size, BLURB_MIN_MM), fitting >= BLURB_MIN_MM


def cover_html(book: Book, config: Config, g: CoverGeometry, art: str | None, pages: int, store: bool = False) -> str:
    """The cover's HTML: the wrap of a book of `pages` pages, or (`store`) the front alone."""
    meta = book.meta
    renderer = Renderer(book, config, "print", font_prefix=faces()[0].file.parent.as_uri() + "/")
    spine_text = not store and spine_has_text(pages)
    size, lines = title_block(meta.title, g.trim_width, g.trim_height)
    blurb_mm, _ = blurb_size(meta.description, g.trim_width - 2 * BLURB_SIDE, g.trim_height - BLURB_TOP - BLURB_FOOT)
    spine_line = max(0.0, g.spine - 2 * SPINE_SAFE_MM)
    context = dict(
        meta=meta,
        g=g,
        store=store,
        art=art,
        css=Markup(""),
        press_css=Markup(color_profile_css(config.print)),
        sheet_w=g.trim_width if store else g.width - 2 * g.bleed,
        sheet_h=g.height - 2 * g.bleed,
        bleed=g.bleed,
        front_x=g.front_x - g.bleed,
        back_x=g.back_x - g.bleed,
        art_x=(g.front_x - 2 * g.bleed) if g.rtl else (g.front_x - g.bleed),
        unit=g.trim_width,
        title_size=size,
        blurb_size=blurb_mm,
        blurb_box=(BLURB_TOP, BLURB_SIDE, BLURB_FOOT),
        # the title's block centred at 42 % of the height, as on the EPUB cover
        title_top=42 - lines * size * 1.5 / g.trim_height * 50,
        ground=GROUND,
        ink=INK,
        accent=ACCENT,
        bar=BAR,
        paper=PAPER,
        blurb=blurb(meta.description),
        spine_text=spine_text,
        spine_len=g.trim_height - 2 * 12.7,
        spine_line=spine_line,
        spine_size=min(spine_line * 0.85, 5.5),  # 79 pages on white paper: 1.1 mm
        # head to foot, the letters' tops toward the front cover
        spine_turn=-90 if g.rtl else 90,
        zone={
            "bottom": ZONE_INSET,
            "side": "left" if g.rtl else "right",  # the back panel's edge at the spine
            "inset": ZONE_INSET,
            "width": ZONE_W,
            "height": ZONE_H,
        },
        barcode=barcode_layout(meta.isbn, config.price) if (meta.isbn and not store) else None,
    )
    return renderer.document("cover_wrap.html.j2", **context)


def _art(config: Config) -> str | None:
    """The author's cover image as a data URI, in CMYK with the output
    intent's profile (PDF/X holds no RGB), or None."""
    if config.cover is None:
        return None
    import base64

    from PIL import Image, ImageCms

    from ..cover import author_cover

    author_cover(config.cover)  # checked: whole, not too large, an image an EPUB may hold
    with Image.open(config.cover) as img:
        rgb = flattened(img)  # transparency on white paper, not black
    cmyk = ImageCms.profileToProfile(
        rgb, ImageCms.createProfile("sRGB"), str(icc_profile(config.print)), outputMode="CMYK"
    )
    buf = io.BytesIO()
    cmyk.save(buf, "JPEG", quality=92)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def cover_pdf(book: Book, config: Config, pages: int) -> bytes:
    """The full wrap for a book of `pages` pages, PDF/X."""
    from .typeset import typeset

    s = config.print
    g = cover_geometry(s.width_mm, s.height_mm, pages, s.paper, s.paper_ppi, book.meta.direction == "rtl")
    html = cover_html(book, config, g, _art(config), pages)
    done = typeset(html, str(config.root), s.print_variant, tagged=False, roots=project_roots(config))
    return press(done.data, (book.meta.identifier or book.meta.title) + "#cover", icc_profile(s))


def store_jpeg(book: Book, config: Config) -> bytes:
    """The front, 1600 x 2560 px, for the stores."""
    from PIL import Image, ImageOps

    if config.cover is not None:
        from ..cover import author_cover

        author_cover(config.cover)
        with Image.open(config.cover) as img:
            front = ImageOps.fit(flattened(img), STORE_SIZE, Image.Resampling.LANCZOS)
    else:
        from .typeset import typeset

        g = CoverGeometry(STORE_PAGE_MM[0], STORE_PAGE_MM[1], 0.0, 0.0, rtl=True)
        html = cover_html(book, config, g, None, 0, store=True)
        pdf = typeset(html, str(config.root), None, tagged=False, roots=project_roots(config)).data
        front = rasterise(pdf, STORE_SIZE)
    buf = io.BytesIO()
    front.save(buf, "JPEG", quality=90, optimize=True)  # no EXIF, no date: the same bytes each time
    return buf.getvalue()


def rasterise(pdf: bytes, size: tuple[int, int]):
    """The first page of `pdf` as an RGB image of `size` (poppler's pdftoppm)."""
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        raise BuildError(
            msg(
                "the store cover needs poppler's {command} (install {package}: {install})",
                command="pdftoppm",
                package="poppler-utils",
                install="scripts/system-deps book",
            )
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "front.pdf"
        source.write_bytes(pdf)
        cmd = ["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(size[0]), "-scale-to-y", str(size[1])]
        subprocess.run([*cmd, str(source), str(Path(tmp) / "front")], check=True, capture_output=True)
        with Image.open(Path(tmp) / "front.png") as img:
            return img.convert("RGB").resize(size)


def write_cover(book: Book, config: Config, out: Path, context: dict) -> list[Path]:
    """`<slug>-cover.pdf` and `<slug>-cover.jpg`; the spine from the print
    interior's page count (typeset here unless this build made it)."""
    pages = context.get("print_pages")
    findings: list[Finding] = []
    if pages is None:
        from .writer import print_interior

        _, pages, findings = print_interior(book, config, Path(context.get("out", out)))
        context["print_pages"] = pages
        context.setdefault("findings", []).extend(f for f in findings if f.rule == "print-limit")
    pdf = cover_pdf(book, config, pages)
    s = config.print
    box = (s.width_mm - 2 * BLURB_SIDE, s.height_mm - BLURB_TOP - BLURB_FOOT)
    if not blurb_size(book.meta.description, *box)[1]:
        message = msg(
            "{key}: too long for the back cover at {size} pt; what does not fit is cut off",
            key="[book] description",
            size=9,
        )
        where = Provenance(
            str(config.book_file), line_of(config.book_file.read_text("utf-8-sig"), "description", "book") or 1
        )
        context.setdefault("findings", []).append(Finding("pdf", "cover-blurb-long", message, where, level="warning"))
    written = [atomic_write(out / f"{config.slug}-cover.pdf", pdf)]
    written.append(atomic_write(out / f"{config.slug}-cover.jpg", store_jpeg(book, config)))
    return written
