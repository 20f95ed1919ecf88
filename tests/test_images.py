"""Image validation (images.py): each bad picture is one line naming the file."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from tests.figure_fixtures import SVG, raster
from warraq.publishing.images import MAX_PIXELS, ImageError, check_image, resolve, sniff


@pytest.mark.parametrize(
    ("fmt", "name", "media"),
    [
        ("PNG", "a.png", "image/png"),
        ("JPEG", "a.jpg", "image/jpeg"),
        ("JPEG", "a.JPEG", "image/jpeg"),
        ("GIF", "a.gif", "image/gif"),
        ("WEBP", "a.webp", "image/webp"),
    ],
)
def test_rasters_accepted_with_their_size(fmt, name, media):
    info = check_image(raster(fmt, (320, 200)), name)
    assert (info.media_type, info.width, info.height) == (media, 320, 200)


def test_clean_svg_accepted():
    assert check_image(SVG, "d.svg").media_type == "image/svg+xml"


def test_wrong_extension_names_the_right_one():
    with pytest.raises(ImageError) as err:
        check_image(raster("JPEG"), "images/photo.png")
    text = str(err.value.message)
    assert "images/photo.png" in text and "JPEG" in text and ".jpg" in text


def test_not_an_image():
    with pytest.raises(ImageError, match="not a PNG, JPEG"):
        check_image(b"%PDF-1.7 hello", "x.png")
    with pytest.raises(ImageError, match="empty"):
        check_image(b"", "x.png")


def test_truncated_png_and_jpeg():
    for fmt, name in (("PNG", "t.png"), ("JPEG", "t.jpg")):
        data = raster(fmt, (800, 600))
        with pytest.raises(ImageError, match=r"truncated|damaged") as err:
            check_image(data[: len(data) // 2], name)
        assert name in str(err.value.message)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims a size (the pixels never come)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_decompression_bomb_refused_before_decoding():
    with pytest.raises(ImageError, match=r"megapixels|bomb") as err:
        check_image(_png_header_only(30000, 30000), "bomb.png")
    assert "bomb.png" in str(err.value.message)
    assert MAX_PIXELS < 30000 * 30000


@pytest.mark.parametrize(
    ("svg", "what"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "onload"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://x.example/a.png"/></svg>', "http://x.example"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<image xlink:href="file:///etc/passwd"/></svg>',
            "file:///etc/passwd",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://e.example/p)"/></svg>', "e.example"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>', "foreignObject"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>', "DOCTYPE"),
        (b"<svg><rect/></svg>", "not an SVG"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "well-formed"),
    ],
)
def test_unsafe_svg_refused(svg, what):
    with pytest.raises(ImageError) as err:
        check_image(svg, "images/d.svg")
    text = str(err.value.message)
    assert what in text and "images/d.svg" in text


def test_sniff():
    assert sniff(raster("GIF")) == "gif" and sniff(SVG) == "svg" and sniff(b"hello") == ""


def test_resolve_beside_the_part_then_the_book(tmp_path):
    root = tmp_path / "ms"
    (root / "parts" / "img").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "parts" / "img" / "a.png").write_bytes(raster())
    (root / "images" / "b.png").write_bytes(raster())
    part = root / "parts" / "01.md"
    # no styles/ beside ms/: the project is the book's own folder
    assert resolve("img/a.png", part, root) == "parts/img/a.png"
    assert resolve("../images/b.png", part, root) == "images/b.png"
    assert resolve("images/b.png", part, root) == "images/b.png"  # from the book's folder
    (tmp_path / "styles").mkdir()  # styles/ beside ms/ (this repository's layout): the project is their folder
    assert resolve("img/a.png", part, root) == "ms/parts/img/a.png"


def test_a_book_in_a_folder_of_other_things_reads_no_picture_beside_it(tmp_path):
    # a book made by `warraq init` in the home folder: ../ leads out of the project
    root = tmp_path / "book"
    (root / "parts").mkdir(parents=True)
    (root / "styles").mkdir()
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "private.png").write_bytes(raster())
    with pytest.raises(ImageError, match="outside the project"):
        resolve("../../photos/private.png", root / "parts" / "01.md", root)


def test_resolve_refuses_outside_addresses_and_missing(tmp_path):
    root = tmp_path / "proj" / "ms"
    (root / "parts").mkdir(parents=True)
    outside = tmp_path / "secret.png"
    outside.write_bytes(raster())
    (root / "parts" / "link.png").symlink_to(outside)
    part = root / "parts" / "01.md"
    with pytest.raises(ImageError, match="outside the project"):
        resolve("link.png", part, root)
    with pytest.raises(ImageError, match="outside the project"):
        resolve("../../../secret.png", part, root)
    with pytest.raises(ImageError, match="address"):
        resolve("https://example.com/a.png", part, root)
    with pytest.raises(ImageError, match="address"):
        resolve("/etc/passwd", part, root)
    with pytest.raises(ImageError, match="no such file"):
        resolve("nothing.png", part, root)


def test_gif_animation_is_fine():
    frames = [Image.new("P", (40, 40), i) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    assert check_image(out.getvalue(), "a.gif").kind == "gif"


def test_a_readers_name_follows_the_content():
    from warraq.publishing.images import named_for_content

    assert named_for_content("p/03.docx/image1.png", raster("JPEG")) == "p/03.docx/image1.jpg"
    assert named_for_content("web-ab-1.jpg", raster("WEBP")) == "web-ab-1.webp"
    assert named_for_content("a.png", raster("PNG")) == "a.png"
    assert named_for_content("a.png", b"junk") == "a.png"  # not an image: check_image says so


def test_a_truncated_picture_is_refused_after_weasyprint_is_imported():
    # WeasyPrint's import lets Pillow decode truncated files (the preview and
    # `build --watch` read parts with it imported): the check still refuses them
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES  # what WeasyPrint 70 sets for the process
    with pytest.raises(ImageError, match=r"truncated|damaged|cut short"):
        check_image(raster("PNG", (900, 700))[:2000], "cut.png")
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # and left as WeasyPrint wants it
