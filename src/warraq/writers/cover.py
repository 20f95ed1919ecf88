"""The book's cover image: the author's, or a typographic one made here.

The typographic cover (series, title, author on a plain ground) is drawn with
Pillow using its Raqm layout engine (HarfBuzz shaping, FriBiDi ordering), so
Arabic is joined and right-to-left.  PNG output carries no timestamp: the same
book gives the same bytes.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import PIL

from ..errors import BuildError, ConfigError, InputError
from ..i18n import msg
from ..model import Meta
from ..publishing.images import check_image_file
from ..render.fonts import faces
from .cache import cached

WIDTH, HEIGHT = 1400, 2100  # 2:3, the shape reading systems expect
INK = (38, 30, 22)
GROUND = (246, 240, 226)
ACCENT = (122, 38, 30)
MARGIN = 150

MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


@dataclass(frozen=True)
class CoverImage:
    data: bytes
    extension: str  # ".png", ".jpg" ...
    media_type: str


def author_cover(path: Path) -> CoverImage:
    """The image book.toml names as `cover`, checked to be an image an EPUB
    may hold (publishing.images.check_image_file): whole, not too large, its media type
    that of its content."""
    ext = path.suffix.lower()
    if ext not in MEDIA_TYPES:
        if ext:
            message = msg("{key}: use a PNG, JPEG or GIF image, not {ext}", key="[book] cover", ext=ext)
        else:
            message = msg("{key}: use a PNG, JPEG or GIF image, not a file without extension", key="[book] cover")
        raise ConfigError(message, str(path))
    try:
        image = check_image_file(path, "[book] cover")
    except InputError as exc:
        raise ConfigError(exc.message, exc.file) from None
    return CoverImage(image.data, image.extension, image.media_type)


def font_for(bold: bool, size: int):
    from PIL import ImageFont

    face = next(f for f in faces() if f.weight == ("bold" if bold else "normal") and f.style == "normal")
    return ImageFont.truetype(str(face.file), size, layout_engine=ImageFont.Layout.RAQM)


def wrap(draw, text: str, font, width: int) -> list[str]:
    """Line breaking on spaces, measured with shaping, balanced: as many
    lines as greedy breaking needs, with the least squared slack over all
    of them, the last one included, so a title never ends with a word
    alone («…الاجتهاد في / الشرع», issue 26)."""
    lines = greedy(draw, text, font, width)
    words = text.split()
    if len(lines) < 2 or len(words) > BALANCE_WORDS:
        return lines
    n, count = len(words), len(lines)

    @functools.cache
    def slack(i: int, j: int) -> float:
        length = draw.textlength(" ".join(words[i:j]), font=font, direction="rtl", language="ar")
        return (width - length) ** 2 if length <= width else math.inf

    # best[k][j]: the least cost of words[:j] in k lines, and where its last line starts
    best = [[(math.inf, 0)] * (n + 1) for _ in range(count + 1)]
    best[0][0] = (0.0, 0)
    for k in range(1, count + 1):
        for j in range(1, n + 1):
            best[k][j] = min(((best[k - 1][i][0] + slack(i, j), i) for i in range(j)), default=(math.inf, 0))
    if best[count][n][0] == math.inf:
        return lines
    out, j = [], n
    for k in range(count, 0, -1):
        i = best[k][j][1]
        out.append(" ".join(words[i:j]))
        j = i
    return out[::-1]


BALANCE_WORDS = 60  # longer texts are broken greedily


def greedy(draw, text: str, font, width: float) -> list[str]:
    """Greedy line breaking on spaces, measured with shaping."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font, direction="rtl", language="ar") <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


# more than a cover can show at its smallest type (4 lines of about 90
# letters): a longer text is cut there with "…" (writers/epub.py reports
# it), so that a title of a megabyte costs no more than a long one
COVER_CHARS = 400


def clipped(text: str) -> str:
    return text if len(text) <= COVER_CHARS else text[:COVER_CHARS].rstrip() + " …"


def _block(draw, text: str, bold: bool, size: int, max_lines: int) -> tuple:
    """The largest font (from `size` down) that sets `text` in `max_lines` lines."""
    text = clipped(text)
    width = WIDTH - 2 * MARGIN
    while True:
        font = font_for(bold, size)
        lines = wrap(draw, text, font, width)
        fits = all(draw.textlength(line, font=font, direction="rtl", language="ar") <= width for line in lines)
        if fits and len(lines) <= max_lines:
            return font, lines
        if size <= 24:  # a runaway title: the cover shows what fits, ending in …
            return font, _clip(draw, lines, font, width, max_lines)
        size = int(size * 0.9)


def _clip(draw, lines: list[str], font, width: int, max_lines: int) -> list[str]:
    """At most `max_lines` lines, none wider than `width`; `…` marks a cut."""

    def fits(text: str) -> bool:
        return draw.textlength(text, font=font, direction="rtl", language="ar") <= width

    out: list[str] = []
    for i, line in enumerate(lines[:max_lines]):
        more = i == max_lines - 1 and len(lines) > max_lines
        if fits(line) and not more:
            out.append(line)
            continue
        while line and not fits(line + "…"):
            line = line[: int(len(line) * 0.9) if len(line) > 40 else len(line) - 1]
        out.append(line.rstrip() + "…")
    return out


def _draw_lines(draw, lines: list[str], font, y: float, fill) -> float:
    step = font.size * 1.6
    for line in lines:
        draw.text((WIDTH / 2, y), line, font=font, fill=fill, anchor="mm", direction="rtl", language="ar")
        y += step
    return y


def typographic_cover(meta: Meta) -> CoverImage:
    """Series, title and author, set in Amiri, centred on a plain ground
    (cached: the same meta, fonts, Pillow and design give the same image)."""
    fonts = [f.file.read_bytes() for f in faces() if f.style == "normal"]
    texts = [meta.title, meta.series, meta.subtitle, meta.author]
    key = [f"pillow {PIL.__version__}".encode(), Path(__file__).read_bytes(), *fonts, *(t.encode() for t in texts)]
    return CoverImage(cached("cover", "cover.png", key, lambda: draw_cover(meta)), ".png", "image/png")


def draw_cover(meta: Meta) -> bytes:
    from PIL import Image, ImageDraw, features

    if not features.check("raqm"):
        raise BuildError(
            msg(
                "the typographic cover needs Pillow with Raqm (libraqm, FriBiDi) to shape Arabic; "
                "install {package} or name a cover image in {file}",
                package="libfribidi0",
                file="book.toml",
            )
        )
    img = Image.new("RGB", (WIDTH, HEIGHT), GROUND)
    draw = ImageDraw.Draw(img)
    # a double frame
    draw.rectangle((60, 60, WIDTH - 61, HEIGHT - 61), outline=ACCENT, width=10)
    draw.rectangle((90, 90, WIDTH - 91, HEIGHT - 91), outline=ACCENT, width=3)

    title_font, title_lines = _block(draw, meta.title, True, 190, 4)
    block_h = title_font.size * 1.6 * len(title_lines)
    y = HEIGHT * 0.42 - block_h / 2 + title_font.size * 0.8
    if meta.series and meta.series != meta.title:
        series_font, series_lines = _block(draw, meta.series, False, 80, 2)
        _draw_lines(draw, series_lines, series_font, HEIGHT * 0.17, ACCENT)
    y = _draw_lines(draw, title_lines, title_font, y, INK)
    if meta.subtitle:
        sub_font, sub_lines = _block(draw, meta.subtitle, False, 80, 3)
        _draw_lines(draw, sub_lines, sub_font, y + 20, INK)
    # a rule between title and author
    draw.line((WIDTH / 2 - 160, HEIGHT * 0.72, WIDTH / 2 + 160, HEIGHT * 0.72), fill=ACCENT, width=4)
    author_font, author_lines = _block(draw, meta.author, False, 100, 2)
    _draw_lines(draw, author_lines, author_font, HEIGHT * 0.80, INK)

    buf = BytesIO()
    img.save(buf, "PNG", optimize=False, compress_level=6)
    return buf.getvalue()
