"""The pictures of a book: where a figure's file is, and whether it is an
image warraq may put into an EPUB and a PDF.

Every check lives here, so each reader and writer refuses the same files
with the same one-line reason:

* only files inside the project (`config.inside_project`: links followed, the
  rule the parts and the PDF's URL fetcher follow), never an address;
* PNG, JPEG, GIF, WebP and SVG, told by their first bytes, and the file's
  extension must say the same (a JPEG named `.png` is refused: reading
  systems go by the name);
* a raster image is decoded in full: a truncated file fails here, not half
  way through a PDF; one of more than `MAX_PIXELS` pixels (a decompression
  bomb, or a scan no book needs) is refused before it is decoded;
* an SVG holding a script, an event handler, a `foreignObject`, a DOCTYPE or
  a reference to anything outside itself is refused (warraq does not edit
  the author's picture silently: the line says what to remove).
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..config import inside_project, project_dir
from ..errors import InputError
from ..i18n import Msg, msg

MEDIA_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "svg": "image/svg+xml",
}
EXTENSIONS = {
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".gif": "gif",
    ".webp": "webp",
    ".svg": "svg",
}
NAMES = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP", "svg": "SVG"}
# 60 megapixels: a 10,000 × 6,000 scan; far more than a page printed at 300 ppi needs
MAX_PIXELS = 60_000_000
MAX_SVG_BYTES = 8 * 1024 * 1024


class ImageError(ValueError):
    """Why a picture is refused: one line naming the file (in `message`)."""

    def __init__(self, message: Msg | str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # png, jpeg, gif, webp, svg
    width: int  # pixels (0 for SVG: it has no pixels)
    height: int

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]


def sniff(data: bytes) -> str:
    """The format the bytes are in (png, jpeg, gif, webp, svg), or ""."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096]:
        return "svg"
    return ""


def named_for_content(name: str, data: bytes) -> str:
    """`name` with the extension of the format its bytes are in (for a
    picture a reader named: a Word file's, a saved page's), else as it is."""
    kind = sniff(data)
    path = PurePosixPath(name)
    if not kind or EXTENSIONS.get(path.suffix.lower()) == kind:
        return name
    return str(path.with_suffix(".jpg" if kind == "jpeg" else "." + kind))


@contextmanager
def whole_decoding() -> Iterator[None]:
    """Pillow decoding that fails on a truncated file.  WeasyPrint 70 sets
    `ImageFile.LOAD_TRUNCATED_IMAGES = True` for the whole process when it is
    imported: in the preview and `build --watch`, where it is, a picture cut
    short would otherwise decode grey below the cut, silently."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def check_image(data: bytes, name: str) -> ImageInfo:
    """The image's format and size, or an ImageError naming `name`."""
    kind = sniff(data)
    ext = PurePosixPath(name).suffix.lower()
    if not data:
        raise ImageError(msg("image {file}: the file is empty", file=name))
    if not kind:
        raise ImageError(
            msg("image {file}: not a PNG, JPEG, GIF, WebP or SVG image (what an EPUB may hold)", file=name)
        )
    named = EXTENSIONS.get(ext)
    if named != kind:
        raise ImageError(
            msg(
                "image {file}: the file is a {kind} image but its name says {ext}; rename it to {right}",
                file=name,
                kind=NAMES[kind],
                ext=ext or msg("no extension"),
                right=".jpg" if kind == "jpeg" else "." + kind,
            )
        )
    if kind == "svg":
        check_svg(data, name)
        return ImageInfo("svg", 0, 0)
    return _check_raster(data, name, kind)


def _check_raster(data: bytes, name: str, kind: str) -> ImageInfo:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                width, height = img.size
                if width * height > MAX_PIXELS:
                    raise ImageError(
                        msg(
                            "image {file}: {width} × {height} pixels is more than any page needs "
                            "(a decompression bomb?); at most {limit} megapixels",
                            file=name,
                            width=width,
                            height=height,
                            limit=MAX_PIXELS // 1_000_000,
                        )
                    )
                with whole_decoding():
                    img.load()  # decodes every byte: a truncated file fails now
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(msg("image {file}: too many pixels (a decompression bomb?); refused", file=name)) from None
    except Exception as exc:  # Pillow's errors: OSError, SyntaxError, ValueError …
        reason = "truncated" if "truncated" in str(exc) else "damaged"
        if reason == "truncated":
            raise ImageError(msg("image {file}: the file is truncated (cut short); save it again", file=name)) from None
        raise ImageError(
            msg("image {file}: the {kind} file is damaged and cannot be read", file=name, kind=NAMES[kind])
        ) from None
    return ImageInfo(kind, width, height)


# --------------------------------------------------------------------- SVG

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)
_FORBIDDEN_SVG = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
# SMIL elements that change an attribute while the drawing is shown: one that
# targets a link (`href`, `xlink:href`) can point it anywhere
_ANIMATIONS = {"set", "animate", "animateMotion", "animateTransform", "animateColor"}
# a CSS escape (`\72` is `r`): a CSS parser reads `u\72l(` as `url(`
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)


def check_svg(data: bytes, name: str) -> None:
    """Refuse an SVG that can run or fetch anything: only its own drawing."""
    from lxml import etree

    if len(data) > MAX_SVG_BYTES:
        raise ImageError(msg("image {file}: an SVG larger than {limit} MB; refused", file=name, limit=8))
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ImageError(msg("image {file}: the SVG has a DOCTYPE or entities; remove them", file=name))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImageError(
            msg("image {file}: the SVG is not well-formed XML (line {line})", file=name, line=exc.lineno or 1)
        ) from None
    if etree.QName(root).localname != "svg" or etree.QName(root).namespace != _SVG_NS:
        raise ImageError(msg("image {file}: the file is not an SVG drawing", file=name))
    for el in root.iter():
        if not isinstance(el.tag, str):
            if isinstance(el, etree._ProcessingInstruction):
                raise ImageError(msg("image {file}: the SVG has a processing instruction; remove it", file=name))
            continue
        local = etree.QName(el).localname
        line = el.sourceline or 1
        target_name = el.get("attributeName", "").split(":")[-1].strip().lower()
        if local in _FORBIDDEN_SVG or (local in _ANIMATIONS and target_name == "href"):
            raise ImageError(
                msg(
                    "image {file}: the SVG holds a {element} element (line {line}); remove it",
                    file=name,
                    element=f"<{local}>",
                    line=line,
                )
            )
        for attr, value in el.attrib.items():
            attr_local = etree.QName(attr).localname
            if attr_local.lower().startswith("on"):
                raise ImageError(
                    msg(
                        "image {file}: the SVG has an event handler {attribute} (line {line}); remove it",
                        file=name,
                        attribute=attr_local,
                        line=line,
                    )
                )
            if (attr_local == "href" or attr == _XLINK) and not value.strip().startswith("#"):
                raise ImageError(
                    msg(
                        "image {file}: the SVG refers to {target} outside itself (line {line}); remove the reference",
                        file=name,
                        target=value[:60],
                        line=line,
                    )
                )
            if attr_local == "style" or local == "style":
                _check_css(value, name, line)
        if local == "style":
            _check_css(el.text or "", name, line)


def _unescaped(css: str) -> str:
    """CSS as its parser reads it: escapes replaced by their characters."""

    def character(m: re.Match) -> str:
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return m.group(2)

    return _CSS_ESCAPE.sub(character, css)


def _check_css(css: str, name: str, line: int) -> None:
    css = _unescaped(css)
    for m in _CSS_URL.finditer(css):
        if not m.group(1).startswith("#"):
            raise ImageError(
                msg(
                    "image {file}: the SVG refers to {target} outside itself (line {line}); remove the reference",
                    file=name,
                    target=m.group(1)[:60],
                    line=line,
                )
            )
    if "@import" in css.lower():
        raise ImageError(
            msg("image {file}: the SVG's style imports another file (line {line}); remove it", file=name, line=line)
        )


# ------------------------------------------------------------------ where


def resolve(written: str, part_file: Path, root: Path) -> str:
    """The project-relative POSIX path of the image a part names as
    `written`: looked for beside the part, then in the book's folder
    (`root`, which holds book.toml), as Markdown editors resolve it."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", written) or written.startswith(("/", "\\")):
        raise ImageError(
            msg(
                "image {file}: only a file of the project, named relative to the part or the book, "
                "not an address or an absolute path",
                file=written,
            )
        )
    relative = Path(*PurePosixPath(written.replace("\\", "/")).parts)
    for base in (part_file.parent, root):
        candidate = base / relative
        if candidate.is_file() or candidate.is_symlink():
            if not inside_project(candidate, root):
                raise ImageError(
                    msg(
                        "image {file}: the file lies outside the project (links followed); "
                        "copy it into the book's folder",
                        file=written,
                    )
                )
            if not candidate.is_file():
                break
            return candidate.resolve().relative_to(project_dir(root)).as_posix()
    raise ImageError(msg("image {file}: no such file beside the part or in the book's folder", file=written))


def read_image(src: str, root: Path) -> tuple[bytes, ImageInfo]:
    """The bytes of a project image (a figure's `src`), checked."""
    path = project_dir(root) / Path(*PurePosixPath(src).parts)
    if not inside_project(path, root):
        raise ImageError(
            msg(
                "image {file}: the file lies outside the project (links followed); copy it into the book's folder",
                file=src,
            )
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImageError(
            msg("image {file}: cannot read it: {reason}", file=src, reason=exc.strerror or str(exc))
        ) from None
    return data, check_image(data, src)


# ------------------------------------------------------------------ EPUB

# reading systems: about 4 megapixels is the most a screen shows (and some
# refuse more: older iBooks 5.6 MP for JPEG); larger pictures are scaled
SCREEN_PIXELS = 4_000_000


def screen_copy(data: bytes, info: ImageInfo) -> bytes | None:
    """The picture scaled to `SCREEN_PIXELS` for the EPUB, same format, or
    None when it is small enough already (or an SVG, or an animation)."""
    if info.kind == "svg" or info.width * info.height <= SCREEN_PIXELS:
        return None
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        if getattr(img, "n_frames", 1) > 1:
            return None
        scale = (SCREEN_PIXELS / (info.width * info.height)) ** 0.5
        size = (max(1, int(info.width * scale)), max(1, int(info.height * scale)))
        small = img.resize(size, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        fmt = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}[info.kind]
        extra = {"quality": 88} if fmt in ("JPEG", "WEBP") else {}
        if fmt == "JPEG" and small.mode not in ("RGB", "L", "CMYK"):
            small = small.convert("RGB")
        icc = img.info.get("icc_profile")
        if icc:
            extra["icc_profile"] = icc
        small.save(out, fmt, **extra)
        return out.getvalue()


# ---- an image file the author names (the cover): read, checked whole, laid on paper

# what an EPUB and a printed page may hold, by the format Pillow reads
COVER_FORMATS = {"PNG": (".png", "image/png"), "JPEG": (".jpg", "image/jpeg"), "GIF": (".gif", "image/gif")}
MAX_IMAGE_BYTES = 200 * 2**20


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
        if size > MAX_IMAGE_BYTES:
            raise InputError(
                msg(
                    "{what}: the image is {size} MB; the limit is {limit} MB",
                    what=what,
                    size=size // 2**20,
                    limit=MAX_IMAGE_BYTES // 2**20,
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
        if img.width * img.height > MAX_PIXELS:  # the one limit, a figure's and the cover's
            raise InputError(
                msg(
                    "{what}: the image is too large to use ({megapixels} megapixels; the limit is {limit})",
                    what=what,
                    megapixels=round(img.width * img.height / 1e6),
                    limit=max_megapixels(),
                ),
                str(path),
            )
        if img.format not in COVER_FORMATS:
            raise InputError(
                msg("{what}: use a PNG, JPEG or GIF image, not {format}", what=what, format=img.format or "?"),
                str(path),
            )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with whole_decoding():
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
        extension, media_type = COVER_FORMATS[img.format]
        return CheckedImage(path, data, img.format, extension, media_type, img.width, img.height, transparent)


def max_megapixels() -> int:
    """The largest image warraq decodes, in megapixels (`MAX_PIXELS`, for a
    figure as for the cover; Pillow's own bomb guard, 89 megapixels, is
    looser)."""
    return MAX_PIXELS // 1_000_000


def flattened(img):
    """`img` in RGB, what is transparent laid on white paper (not black)."""
    from PIL import Image

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return img.convert("RGB")
