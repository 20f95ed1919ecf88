"""Figures and tables in the print book: what warraq checks and adds.

* Each picture prints the width of the text, at most `FIGURE_MAX_HEIGHT_MM`
  tall (print.css, "figures, tables, lists"), so its printed size is known
  before typesetting: a picture with fewer than `MIN_PPI` pixels per inch
  at that size prints soft, and is reported with its figure's file:line.
  (SVG drawings have no pixels: never soft.)
* A table wider than the text at its narrowest (its longest words side by
  side, measured with the typeface: render/tables.py) is set in smaller
  type (.table-wide): reported, since the author's table changes its look;
  a table too wide even then is a warning (it runs past the margin).
* For the printer (`--profile print`: PDF/X, no RGB) each raster picture is
  converted to CMYK with the output intent's ICC profile (`press_figures`),
  as the cover's picture is: a JPEG at quality 92, transparency laid on
  white.  An SVG's colours are the drawing's operators, which pdfx.py
  rewrites like the text's.
* WeasyPrint tags a table's header cells `TH` without the `/Scope` a screen
  reader needs to tell a column's header from a row's; `table_scopes` adds
  it (a header row's cells: Column; a header cell in the body: Row).
"""

from __future__ import annotations

import io

import pikepdf

from ...config import PAGE_SIDE_MARGINS_MM, Config
from ...i18n import msg
from ...model import Book, Figure, Finding, Table, live_blocks, replace
from ...publishing.images import check_image
from ...render.tables import WIDE_EM, is_wide, table_width_mm, text_width_mm
from .pdfx import icc_profile

FIGURE_MAX_HEIGHT_MM = 120.0  # print.css: figure.figure img { max-height }
MIN_PPI = 300


def printed_width_mm(width_px: int, height_px: int, config: Config) -> float:
    """How wide a picture prints: the text's width, or less for a tall
    picture held to the largest height."""
    text_width = config.print.width_mm - PAGE_SIDE_MARGINS_MM
    if height_px <= 0:
        return text_width
    return min(text_width, FIGURE_MAX_HEIGHT_MM * width_px / height_px)


def figure_findings(book: Book, config: Config) -> list[Finding]:
    found: list[Finding] = []
    for part in book.parts:
        for block in live_blocks(part):
            if isinstance(block, Figure) and block.media_type != "image/svg+xml" and block.data:
                info = check_image(block.data, block.src)
                width_mm = printed_width_mm(info.width, info.height, config)
                ppi = info.width / (width_mm / 25.4)
                if ppi < MIN_PPI:
                    message = msg(
                        "the picture {file} prints {width} mm wide at {ppi} pixels per inch "
                        "(at least {least} for print): it will look soft; use a picture of "
                        "{needed} pixels across or more",
                        file=block.src,
                        width=round(width_mm),
                        ppi=round(ppi),
                        least=MIN_PPI,
                        needed=round(width_mm / 25.4 * MIN_PPI),
                    )
                    found.append(Finding("pdf", "figure-low-resolution", message, block.prov, "warning"))
            elif isinstance(block, Table) and is_wide(block, config):
                wide, text = table_width_mm(block, config), text_width_mm(config)
                smaller = table_width_mm(block, config, WIDE_EM)
                if smaller <= text:
                    message = msg(
                        "a table {width} mm wide at its narrowest (the text is {text} mm) is set in smaller type "
                        "to fit the page",
                        width=round(wide),
                        text=round(text),
                    )
                    found.append(Finding("pdf", "table-wide", message, block.prov))
                else:
                    message = msg(
                        "a table {width} mm wide at its narrowest runs past the margin even in smaller type "
                        "({smaller} mm; the text is {text} mm): split it, or shorten the longest words of its columns",
                        width=round(wide),
                        smaller=round(smaller),
                        text=round(text),
                    )
                    found.append(Finding("pdf", "table-too-wide", message, block.prov, "warning"))
    return found


def has_tables(book: Book) -> bool:
    return any(isinstance(b, Table) for part in book.parts for b in live_blocks(part))


def table_scopes(data: bytes) -> bytes:
    """The PDF with `/Scope` on every `TH` of its structure tree."""
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return data
    changed = False
    stack = [root]
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        if node.get("/S") == "/TH":
            row = node.get("/P")
            group = row.get("/P") if row is not None else None
            scope = pikepdf.Name.Column if group is not None and group.get("/S") == "/THead" else pikepdf.Name.Row
            attributes = node.get("/A")
            if not isinstance(attributes, pikepdf.Dictionary):
                attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
                node.A = attributes
            attributes.Scope = scope
            changed = True
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(k for k in kids if isinstance(k, pikepdf.Dictionary))
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
    if not changed:
        return data
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()


def press_figures(book: Book, config: Config) -> Book:
    """The book with each raster picture in CMYK for the press."""
    cache: dict[bytes, bytes] = {}

    def pressed(block):
        if not isinstance(block, Figure) or block.media_type == "image/svg+xml" or not block.data:
            return block
        if block.data not in cache:
            cache[block.data] = cmyk_jpeg(block.data, config)
        return replace(block, data=cache[block.data], media_type="image/jpeg")

    parts = tuple(replace(part, blocks=tuple(pressed(b) for b in part.blocks)) for part in book.parts)
    return replace(book, parts=parts)


def cmyk_jpeg(data: bytes, config: Config) -> bytes:
    from PIL import Image, ImageCms

    with Image.open(io.BytesIO(data)) as img:
        img.seek(0)
        embedded = img.info.get("icc_profile")
        if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
            rgba = img.convert("RGBA")
            rgb = Image.new("RGB", rgba.size, (255, 255, 255))
            rgb.paste(rgba, mask=rgba.getchannel("A"))
        else:
            rgb = img.convert("RGB")
    source = ImageCms.ImageCmsProfile(io.BytesIO(embedded)) if embedded else ImageCms.createProfile("sRGB")
    try:
        cmyk = ImageCms.profileToProfile(rgb, source, str(icc_profile(config.print)), outputMode="CMYK")
    except ImageCms.PyCMSError:  # an embedded profile of another colour space: from sRGB
        cmyk = ImageCms.profileToProfile(
            rgb, ImageCms.createProfile("sRGB"), str(icc_profile(config.print)), outputMode="CMYK"
        )
    out = io.BytesIO()
    cmyk.save(out, "JPEG", quality=92)
    return out.getvalue()
