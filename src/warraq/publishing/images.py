"""The images an author gives warraq (the cover; figures call it too),
checked before anything uses them.

`check_image_file` reads the header first (no pixels) and refuses an image too
large to decode safely, saying its size and the limit; then decodes it
whole, so a truncated or damaged file is refused here with its name, not
printed grey below its first third.  The format is the file's content, not
its name: a PNG named `.jpg` is a PNG (its media type, its extension in an
EPUB).  `flattened` lays an image with transparency on white paper: a
transparent pixel converted as it is prints black.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..i18n import msg

# what an EPUB and a printed page may hold, by the format Pillow reads
FORMATS = {"PNG": (".png", "image/png"), "JPEG": (".jpg", "image/jpeg"), "GIF": (".gif", "image/gif")}
MAX_BYTES = 200 * 2**20


@dataclass(frozen=True)
class CheckedImage:
    path: Path
    data: bytes
    format: str  # "PNG", "JPEG", "GIF": read from the content
    extension: str  # the format's own (".jpg" for a JPEG, whatever its name)
    media_type: str
    width: int
    height: int
    transparent: bool  # has an alpha channel or a transparent colour


def check_image_file(path: Path, what: str) -> CheckedImage:
    """The image at `path`, whole and of a format an EPUB may hold, or an
    InputError naming the file: `what` says which setting or figure it is
    ("[book] cover")."""
    from PIL import Image, UnidentifiedImageError

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                msg(
                    "{what}: the image is {size} MB; the limit is {limit} MB",
                    what=what,
                    size=size // 2**20,
                    limit=MAX_BYTES // 2**20,
                ),
                str(path),
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            msg("{what}: cannot read the image: {error}", what=what, error=exc.strerror or str(exc)), str(path)
        ) from None
    try:
        with warnings.catch_warnings():  # Pillow's bomb warning is our refusal, before any pixel
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        raise InputError(
            msg(
                "{what}: the image is too large to use ({megapixels} megapixels; the limit is {limit})",
                what=what,
                megapixels=round(int(pixels[1]) / 1e6) if pixels else "?",
                limit=max_megapixels(),
            ),
            str(path),
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise InputError(msg("{what}: not a readable image (PNG, JPEG or GIF)", what=what), str(path)) from None
    with img:
        if img.format not in FORMATS:
            raise InputError(
                msg("{what}: use a PNG, JPEG or GIF image, not {format}", what=what, format=img.format or "?"),
                str(path),
            )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                img.load()  # every pixel: a truncated file fails here, not on the press
        except (OSError, ValueError, SyntaxError) as exc:
            reason = "truncated" if "truncated" in str(exc) else "damaged"
            message = (
                msg("{what}: the image file is cut short (truncated); export it again", what=what)
                if reason == "truncated"
                else msg("{what}: the image is damaged and cannot be decoded; export it again", what=what)
            )
            raise InputError(message, str(path)) from None
        transparent = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
        extension, media_type = FORMATS[img.format]
        return CheckedImage(path, data, img.format, extension, media_type, img.width, img.height, transparent)


def max_megapixels() -> int:
    """The largest image decoded, in megapixels (Pillow's guard against
    decompression bombs: 89 million pixels, ~270 MB in RGB)."""
    from PIL import Image

    return int((Image.MAX_IMAGE_PIXELS or 0) // 1_000_000)


def flattened(img):
    """`img` in RGB, what is transparent laid on white paper (not black)."""
    from PIL import Image

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return img.convert("RGB")
