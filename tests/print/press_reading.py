"""Reading a printer's PDF: content streams, fonts, ink on the rendered page."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from PIL import Image, ImageOps

MM = 72 / 25.4


def content_streams(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every page's content streams and every form XObject's, once each."""
    seen: set = set()
    stack = []
    for page in pdf.pages:
        contents = page.obj.Contents
        stack += list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        stack.append(page.obj.get("/Resources"))
    while stack:
        item = stack.pop()
        if item is None:
            continue
        if item.is_indirect:  # direct objects (a page's own resources) have no number
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        if isinstance(item, pikepdf.Stream):
            yield item
            stack.append(item.get("/Resources"))
        elif isinstance(item, pikepdf.Dictionary):
            for xobject in (item.get("/XObject") or {}).values():
                if xobject.get("/Subtype") == "/Form":
                    stack.append(xobject)


def operators(pdf: pikepdf.Pdf) -> set[str]:
    return {str(op) for stream in content_streams(pdf) for _, op in pikepdf.parse_content_stream(stream)}


def fonts(pdf: pikepdf.Pdf) -> dict[str, set[bytes]]:
    """Base font name -> the sha-free bytes of each program embedded under it."""
    found: dict[str, set[bytes]] = {}
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
            program = obj.get("/FontFile2") or obj.get("/FontFile3") or obj.get("/FontFile")
            data = program.read_bytes() if program is not None else b""
            found.setdefault(str(obj.FontName).lstrip("/"), set()).add(data)
    return found


def ink_margins(pdf: Path, dpi: int = 150, darker_than: int = 240) -> list[tuple[float, float, float, float] | None]:
    """Each page rendered in grey at `dpi`: the distance in mm from each
    edge (left, top, right, bottom) to the nearest pixel darker than
    `darker_than` (of 255); None for a blank page."""
    out = pdf.parent / f"{pdf.stem}-ink"
    out.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), str(out / "p")], check=True)
    margins = []
    for png in sorted(out.glob("p-*.pgm")):
        with Image.open(png) as im:
            box = ImageOps.invert(im).point(lambda v: 255 if v > 255 - darker_than else 0).getbbox()
            w, h = im.size
        mm = 25.4 / dpi
        margins.append(None if box is None else (box[0] * mm, box[1] * mm, (w - box[2]) * mm, (h - box[3]) * mm))
    return margins
