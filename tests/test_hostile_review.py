"""What a second hostile review broke (issue 29), through the real command
line: every unforeseen error is one line, every terminal gets its output,
every file name is shown as it is without splitting or disguising the line,
nothing of the author's is overwritten, nothing outside the project is read."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli
from .test_cli import assert_one_clear_error, error_lines

GOOD = "سلسلة (1)\nفتح الشام:\nهذا هو الحق والحقيقة، في العالم كله.\n"
ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


def build(root: Path, out: Path, *extra: str, **kw):
    return run_cli("build", "--manuscript", str(root), "--out", str(out), *(extra or ("-f", "html")), **kw)


def raw(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m warraq ARGS` with bytes out: what a terminal in another
    encoding receives."""
    full = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "WARRAQ_LANG": "en", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "warraq", *args], capture_output=True, env=full, cwd=cwd or ROOT, timeout=600
    )


# ------------------------------------------------ 1. one line, never a traceback


def test_an_unforeseen_error_is_one_line_naming_the_file_and_asking_for_a_report(make_book):
    root = make_book({"01.txt": GOOD})
    code = (
        "import sys, warraq.readers as r\n"
        "def boom(*a): raise RuntimeError('boom in the reader')\n"
        "r.READERS['.txt'] = boom\n"
        "from warraq.cli import main\n"
        f"sys.argv = ['warraq', 'build', '-m', {str(root)!r}, '-o', {str(root.parent / 'out')!r}, '-f', 'html']\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ})
    assert proc.returncode not in (0, 1), proc.stderr  # 1 was the second traceback's
    assert "Traceback" not in proc.stderr
    (line,) = error_lines(proc.stderr)
    assert "RuntimeError: boom in the reader" in line
    assert "01.txt" in line and "please report" in line


@pytest.mark.parametrize("args", [("build", "--help"), ("inspect", "--full")])
def test_a_reader_that_left_early_is_no_traceback(make_book, args):
    """`warraq build --help | head`: the reader is gone before warraq writes
    (a socket whose other end is closed: EPIPE at once, whatever the pipe size)."""
    root = make_book({"01.txt": GOOD})
    mine, theirs = socket.socketpair()
    theirs.close()
    with mine:
        full = {**os.environ, "WARRAQ_LANG": "en"}
        argv = [sys.executable, "-m", "warraq", *args, *(["-m", str(root)] if args[0] == "inspect" else [])]
        proc = subprocess.run(argv, stdout=mine.fileno(), stderr=subprocess.PIPE, env=full, timeout=120)
    stderr = proc.stderr.decode()
    assert proc.returncode != 0
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


@pytest.mark.parametrize("encoding", ["ascii", "iso-8859-6"])
def test_a_terminal_that_cannot_show_arabic_gets_every_line(make_book, tmp_path, encoding):
    root = make_book({"01.txt": GOOD})  # an Arabic slug: the outputs' names are Arabic
    (root / "book.toml").write_text((root / "book.toml").read_text("utf-8").replace('"test-book"', '"كتاب"'))
    env = {"PYTHONIOENCODING": encoding}
    for args in (
        ("inspect", "-m", str(root)),
        ("quran", "الحمد لله رب العالمين"),
        ("--lang", "ar", "check", "-m", str(root)),
        ("build", "-m", str(root), "-o", str(tmp_path / "out"), "-f", "html"),
    ):
        proc = raw(*args, env=env)
        assert proc.returncode == 0, proc.stderr
        assert b"Traceback" not in proc.stderr
        out = proc.stdout.decode(encoding)
        assert out.strip()
    assert "1:2" in raw("quran", "الحمد لله رب العالمين", env=env).stdout.decode(encoding)
    if encoding == "iso-8859-6":  # Arabic letters it has are shown, not escaped
        assert "الفاتحة" in raw("quran", "الحمد لله رب العالمين", env=env).stdout.decode(encoding)


def test_a_part_whose_name_is_not_utf8_builds_and_previews(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    name = os.fsencode(root / "parts") + b"/\xc7\xe1\xcd.txt"  # "الح" in Windows-1256, as unzip leaves it
    with open(name, "w", encoding="utf-8") as fh:
        fh.write("سلسلة (2)\nنص الحلقة الثانية.\n")
    result = build(root, tmp_path / "out", "-f", "html", "-f", "epub")
    assert result.code == 0, result.err
    static = run_cli("preview", "-m", str(root), "--static", str(tmp_path / "proof"))
    assert static.code == 0, static.err
    inspect = run_cli("inspect", "-m", str(root))
    assert "\\xc7\\xe1\\xcd.txt" in inspect.out


@pytest.mark.parametrize("name", ["02\nevil.txt", "02\u202etxt.exe.txt", "02\u2066x\u2069.txt"])
def test_a_file_name_with_a_newline_or_a_bidi_control_is_escaped_in_the_error(make_book, tmp_path, name):
    root = make_book({"01.txt": GOOD, name: "بلا رقم\nنص.\n"})
    line = assert_one_clear_error(build(root, tmp_path / "out"), "no part number")
    assert "\u202e" not in line and "\u2066x" not in line
    assert ("\\n" in line) or ("\\u202e" in line) or ("\\u2066" in line)


@pytest.mark.parametrize(
    ("price", "fragment"),
    [("USD inf", "between"), ("USD nan", "between"), ("USD 1e3", "between"), ("USD 24.999", "two decimals")],
)
def test_a_price_that_is_no_amount_names_its_line(make_book, tmp_path, price, fragment):
    root = make_book({"01.txt": GOOD}, extra=f'price = "{price}"')
    assert_one_clear_error(build(root, tmp_path / "out"), "book.toml:7", "price", fragment)


@pytest.mark.skipif(not ICC.is_file(), reason="no CMYK profile installed")
def test_a_relative_icc_profile_with_a_relative_manuscript_builds(tmp_path):
    project = tmp_path / "proj"
    (project / "manuscript" / "parts").mkdir(parents=True)
    ms = project / "manuscript"
    (ms / "book.toml").write_text(
        '[book]\ntitle = "كتاب"\nauthor = "مؤلف"\nslug = "b"\n[print]\nicc_profile = "printer.icc"\n', "utf-8"
    )
    (ms / "parts" / "01.txt").write_text(GOOD, "utf-8")
    shutil.copy(ICC, ms / "printer.icc")
    result = run_cli("build", "-m", "manuscript", "-o", "out", "-f", "pdf", "--profile", "print", cwd=project)
    assert result.code == 0, result.err
    assert (project / "out" / "b.pdf").stat().st_size > 1000


def test_an_icc_profile_that_is_not_one_names_the_file_and_its_line(make_book, tmp_path):
    root = make_book({"01.txt": GOOD}, extra='[print]\nicc_profile = "printer.icc"')
    (root / "printer.icc").write_bytes(b"not a profile" * 20)
    assert_one_clear_error(build(root, tmp_path / "out"), "book.toml:8", "icc_profile", "printer.icc", "not an ICC")


# ------------------------------------------- 2. nothing of the author's overwritten


def test_init_in_a_folder_of_the_authors_keeps_every_file(tmp_path):
    target = tmp_path / "book"
    (target / "parts").mkdir(parents=True)
    (target / "styles").mkdir()
    (target / "parts" / "07.txt").write_text("سلسلة (7)\nنص المؤلف.\n", "utf-8")
    (target / "styles" / "book.css").write_text("p { color: teal; }\n", "utf-8")
    (target / "sources.toml").write_text("# mine\n", "utf-8")
    result = run_cli("init", str(target))
    assert result.code == 0, result.err
    assert (target / "styles" / "book.css").read_text("utf-8") == "p { color: teal; }\n"
    assert (target / "sources.toml").read_text("utf-8") == "# mine\n"
    assert sorted(p.name for p in (target / "parts").iterdir()) == ["07.txt"]  # no sample part among the author's
    assert (target / "book.toml").is_file()
    assert "book.css" in result.err and "kept" in result.err
    assert result.out.strip().splitlines() == [str(target / "book.toml")]


def chattr(flag: str, path: Path) -> bool:
    return shutil.which("chattr") is not None and subprocess.run(["chattr", flag, str(path)]).returncode == 0


def test_an_output_that_cannot_be_replaced_leaves_every_output_as_it_was(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    out = tmp_path / "out"
    assert build(root, out, "-f", "html", "-f", "epub").code == 0
    (root / "parts" / "01.txt").write_text(GOOD.replace("الحق", "الصدق"), "utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    locked = out / "test-book.html"
    if not chattr("+i", locked):
        pytest.skip("chattr +i needs root and a file system that has it")
    try:
        result = build(root, out, "-f", "html", "-f", "epub")
    finally:
        chattr("-i", locked)
    assert_one_clear_error(result, "test-book.html", "cannot replace")
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before


def test_an_append_only_output_is_refused_before_the_first_move(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    out = tmp_path / "out"
    assert build(root, out, "-f", "html", "-f", "epub").code == 0
    (root / "parts" / "01.txt").write_text(GOOD.replace("الحق", "الصدق"), "utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    if not chattr("+a", out / "test-book.html"):
        pytest.skip("chattr needs root")
    try:
        result = build(root, out, "-f", "html", "-f", "epub")
    finally:
        chattr("-a", out / "test-book.html")
    assert_one_clear_error(result, "test-book.html")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_move_that_fails_half_way_puts_back_what_it_moved(make_book, tmp_path):
    """The EPUB and the report move first (sorted), then the HTML's move
    fails (the file system says no at that moment): they are put back."""
    root = make_book({"01.txt": GOOD})
    out = tmp_path / "out"
    assert build(root, out, "-f", "html", "-f", "epub").code == 0
    (root / "parts" / "01.txt").write_text(GOOD.replace("الحق", "الصدق"), "utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    code = (
        "import os, sys\n"
        "real = os.replace\n"
        "def replace(src, dst, *a, **k):\n"
        "    if str(dst).endswith('test-book.html') and '.staging-' in str(src) and '.staging-' not in str(dst):\n"
        "        raise OSError(5, 'Input/output error')\n"
        "    return real(src, dst, *a, **k)\n"
        "os.replace = replace\n"
        "from warraq.cli import main\n"
        f"sys.argv = ['warraq', 'build', '-m', {str(root)!r}, '-o', {str(out)!r}, '-f', 'html', '-f', 'epub']\n"
        "main()\n"
    )
    env = {**os.environ, "WARRAQ_LANG": "en", "SOURCE_DATE_EPOCH": "1767225600"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode != 0
    (line,) = error_lines(proc.stderr)
    assert "test-book.html" in line and "as they were" in line
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


# ------------------------------------------------ 3. nothing read from outside


def test_a_book_css_linking_outside_the_project_is_refused(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    secret = tmp_path.parent / f"{tmp_path.name}-secret.css"
    secret.write_text("/* SECRET */\n", "utf-8")
    (root / "styles").mkdir()
    (root / "styles" / "book.css").symlink_to(secret)
    try:
        line = assert_one_clear_error(build(root, tmp_path / "out"), "outside the project")
        assert "book.css" in line
        assert not (tmp_path / "out" / "test-book.html").exists()
    finally:
        secret.unlink()


def test_a_styles_folder_linking_outside_the_project_is_refused(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    elsewhere = tmp_path.parent / f"{tmp_path.name}-styles"
    elsewhere.mkdir()
    (elsewhere / "book.css").write_text("/* SECRET */\n", "utf-8")
    (root / "styles").symlink_to(elsewhere)
    try:
        assert_one_clear_error(build(root, tmp_path / "out"), "styles", "outside the project")
    finally:
        shutil.rmtree(elsewhere)


@pytest.mark.skipif(not ICC.is_file(), reason="no CMYK profile installed")
def test_an_icc_profile_outside_the_project_is_refused(make_book, tmp_path):
    root = make_book({"01.txt": GOOD}, extra=f'[print]\nicc_profile = "{ICC}"')
    assert_one_clear_error(build(root, tmp_path / "out"), "book.toml:8", "icc_profile", "outside the project")


def test_the_build_lock_is_never_opened_through_a_link(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", "utf-8")
    (out / ".warraq-lock").symlink_to(victim)
    assert_one_clear_error(build(root, out), ".warraq-lock", "symbolic link")
    assert victim.read_text("utf-8") == "keep"


# ------------------------------------------------ 2. a word longer than the line


def test_a_word_longer_than_the_line_stays_inside_the_page(make_book, tmp_path):
    word = "https://example.org/" + "abcdefghij" * 30
    root = make_book({"01.txt": f"سلسلة (1)\nعنوان:\nنص قبل {word} نص بعد.\n"})
    assert build(root, tmp_path / "out", "-f", "pdf").code == 0
    boxes = tmp_path / "boxes.html"
    subprocess.run(["pdftotext", "-bbox", str(tmp_path / "out" / "test-book.pdf"), str(boxes)], check=True)
    text = boxes.read_text("utf-8")
    import re

    width = float(re.search(r'<page width="([\d.]+)"', text)[1])
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', text)
    latin = [(float(x0), float(x1), w) for x0, x1, w in words if "abcdefghij" in w]
    assert "".join(w for _, _, w in latin).count("abcdefghij") >= 29  # every letter on the page, none cut
    assert all(x0 >= 0 and x1 <= width for x0, x1, _ in latin), latin


# ------------------------------------------------ 5. caches and covers that are checked


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_a_pdf_cache_entry_whose_metadata_was_changed_is_typeset_again(make_book, tmp_path):
    import json

    root = make_book({"01.txt": GOOD, "02.txt": GOOD.replace("(1)", "(2)")})
    out = tmp_path / "out"
    assert build(root, out, "-f", "pdf").code == 0
    pages = pdf_pages(out / "test-book.pdf")
    for meta_file in (out / ".cache" / "pdf").glob("*.json"):
        meta = json.loads(meta_file.read_text("utf-8"))
        if isinstance(meta.get("pages"), int):
            meta["pages"] += 9  # one digit changed; the PDF's own sha256 still holds
            meta_file.write_text(json.dumps(meta), "utf-8")
    assert build(root, out, "-f", "pdf").code == 0
    assert pdf_pages(out / "test-book.pdf") == pages


def test_a_read_only_cache_costs_time_not_the_build(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    out = tmp_path / "out"
    assert build(root, out, "-f", "pdf").code == 0
    cache = out / ".cache" / "pdf"
    (root / "parts" / "01.txt").write_text(GOOD.replace("الحق", "الصدق"), "utf-8")
    if not chattr("+i", cache):
        pytest.skip("chattr needs root")
    try:
        result = build(root, out, "-f", "pdf")
    finally:
        chattr("-i", cache)
    assert result.code == 0, result.err
    assert (
        "الصدق" in subprocess.run(["pdftotext", str(out / "test-book.pdf"), "-"], capture_output=True, text=True).stdout
    )


def cover_book(make_book, tmp_path, name: str, data: bytes, *extra: str):
    root = make_book({"01.txt": GOOD}, extra=f'cover = "{name}"\ndescription = "وصف الكتاب."')
    (root / name).write_bytes(data)
    return root, build(root, tmp_path / "out", *extra)


def image_bytes(mode: str, size: tuple[int, int], colour, fmt: str) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new(mode, size, colour).save(buf, fmt)
    return buf.getvalue()


def test_a_truncated_jpeg_cover_is_refused(make_book, tmp_path):
    jpeg = image_bytes("RGB", (600, 900), (200, 30, 30), "JPEG")
    _, result = cover_book(make_book, tmp_path, "cover.jpg", jpeg[: len(jpeg) // 3], "-f", "epub")
    assert_one_clear_error(result, "cover.jpg", "[book] cover", "truncated")


def test_a_png_named_jpg_is_declared_a_png(make_book, tmp_path):
    import zipfile

    png = image_bytes("RGB", (600, 900), (20, 90, 160), "PNG")
    _, result = cover_book(make_book, tmp_path, "cover.jpg", png, "-f", "epub")
    assert result.code == 0, result.err
    with zipfile.ZipFile(tmp_path / "out" / "test-book.epub") as z:
        opf = next(z.read(n).decode() for n in z.namelist() if n.endswith(".opf"))
    import re

    item = re.search(r'<item[^>]*id="cover-image"[^>]*/>', opf)[0]
    assert 'media-type="image/png"' in item and ".png" in item, item


def test_a_transparent_cover_is_on_white_paper_not_black(make_book, tmp_path):
    from PIL import Image

    png = image_bytes("RGBA", (800, 1200), (0, 0, 0, 0), "PNG")  # all transparent: black where alpha is dropped
    _, result = cover_book(make_book, tmp_path, "cover.png", png, "-f", "cover")
    assert result.code == 0, result.err
    with Image.open(tmp_path / "out" / "test-book-cover.jpg") as front:
        grey = front.convert("L").resize((1, 1)).getpixel((0, 0))
    assert grey > 200, grey


def test_an_image_of_hundreds_of_megapixels_is_too_large_with_the_limit(make_book, tmp_path):
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)  # 400 megapixels, RGB
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )
    _, result = cover_book(make_book, tmp_path, "cover.png", png, "-f", "epub")
    assert_one_clear_error(result, "cover.png", "too large", "400 megapixels", "the limit is 60")


def test_an_isbn_10_ending_in_x_gets_its_isbn_13(make_book, tmp_path):
    root = make_book({"01.txt": GOOD}, extra='isbn = "0-8044-2957-X"')
    assert_one_clear_error(build(root, tmp_path / "out"), "book.toml:7", "ISBN-10", "9780804429573")


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ("[print]\nsafe_margin_mm = 40\ngutter_mm = 40", "gutter_mm"),
        ("[print]\nwidth_mm = 120\nheight_mm = 130\nsafe_margin_mm = 30", "safe_margin_mm"),
    ],
)
def test_margins_that_leave_no_page_are_refused(make_book, tmp_path, extra, key):
    root = make_book({"01.txt": GOOD}, extra=extra)
    assert_one_clear_error(
        build(root, tmp_path / "out", "-f", "pdf", "--profile", "print"), "book.toml", "text block", key
    )


# ------------------------------------------------ 6. smaller


def test_an_arabic_title_without_a_slug_names_the_outputs_in_latin_letters(make_book, tmp_path):
    root = make_book({"01.txt": GOOD})
    toml = (root / "book.toml").read_text("utf-8").replace('slug = "test-book"\n', "")
    (root / "book.toml").write_text(toml.replace('"كتاب تجريبي"', '"الخلافة أو الإمامة العظمى"'), "utf-8")
    result = build(root, tmp_path / "out", "-f", "html", "-f", "epub")
    assert result.code == 0, result.err
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file() and not p.name.startswith("."))
    assert names == ["alkhlafa-aw-alamama-alzma.epub", "alkhlafa-aw-alamama-alzma.html", "report.json"]
    assert all(name.isascii() for name in names)
    said = run_cli("inspect", "-m", str(root)).err
    assert "alkhlafa-aw-alamama-alzma" in said and "transliterated" in said
    (root / "book.toml").write_text(toml + 'slug = "khilafa"\n', "utf-8")
    assert "[book] slug" in run_cli("inspect", "-m", str(root)).err


def test_a_toml_reason_is_in_arabic_in_an_arabic_error(make_book, tmp_path):
    root = make_book({"01.txt": GOOD}, extra="subtitle = ")
    result = run_cli("--lang", "ar", "build", "-m", str(root), "-o", str(tmp_path / "out"))
    line = assert_one_clear_error_ar(result)
    assert "قيمة مفقودة أو غير صالحة" in line and "Invalid value" not in line


def assert_one_clear_error_ar(result) -> str:
    assert result.code != 0 and "Traceback" not in result.err
    (line,) = [x for x in result.err.splitlines() if x.startswith("warraq: خطأ:")]
    return line


@pytest.mark.parametrize("name", [".cache", "preview"])
def test_a_link_out_of_the_output_folder_is_refused(make_book, tmp_path, name):
    root = make_book({"01.txt": GOOD})
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / name).symlink_to(elsewhere)
    assert_one_clear_error(build(root, out), name, "symbolic link")
    assert list(elsewhere.iterdir()) == []
