"""Real image files for the figure, table and list tests (made with Pillow)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw


def raster(fmt: str = "PNG", size: tuple[int, int] = (400, 300), colour=(240, 200, 120)) -> bytes:
    img = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(img)
    draw.rectangle((size[0] // 8, size[1] // 8, size[0] * 7 // 8, size[1] * 7 // 8), outline=(120, 30, 30), width=4)
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <defs><rect id="bar" width="30" height="60" fill="#33c"/></defs>
  <rect x="5" y="5" width="190" height="90" fill="#c33"/>
  <use href="#bar" x="40" y="20"/>
  <use href="#bar" x="120" y="20"/>
</svg>
"""
