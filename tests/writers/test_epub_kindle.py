"""The EPUB through calibre's Kindle (KF8/AZW3) conversion keeps its
direction (issue 13, item 16).

calibre's AZW3 writer drops `dir` from `<html>`: before warraq also wrote
`dir` and `lang` on `<body>`, the converted book laid out left to right.
The test converts the default book with `ebook-convert` (Debian `calibre`),
unpacks the AZW3 with `calibre-debug --inspect-mobi`, and reads every
document of the book as the Kindle will.  It runs where calibre is
installed; in CI (CI=true, where scripts/system-deps installs calibre) it
always runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.writers.epub_fixtures import Built, default_book_epub

IN_CI = os.environ.get("CI", "").lower() == "true"
HAS_CALIBRE = shutil.which("ebook-convert") is not None and shutil.which("calibre-debug") is not None

pytestmark = pytest.mark.skipif(
    not HAS_CALIBRE and not IN_CI, reason="calibre (ebook-convert) is not installed: `apt-get install calibre`"
)


@pytest.fixture(scope="session")
def default_epub(tmp_path_factory) -> Built:
    return default_book_epub(tmp_path_factory)


def test_azw3_keeps_right_to_left(default_epub, tmp_path):
    assert HAS_CALIBRE, "CI=true: calibre must be installed (scripts/system-deps test)"
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "CALIBRE_CONFIG_DIRECTORY": str(tmp_path / "cfg"),
    }
    azw3 = tmp_path / "book.azw3"
    run = subprocess.run(
        ["ebook-convert", str(default_epub.epub), str(azw3)], capture_output=True, text=True, env=env, timeout=300
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    run = subprocess.run(
        ["calibre-debug", "--inspect-mobi", str(azw3)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    documents = sorted((tmp_path / "decompiled_book" / "files").glob("*.html"))
    assert len(documents) >= 3, documents
    text = ""
    for doc in documents:
        html = doc.read_text("utf-8")
        text += html
        body = re.search(r"<body\b[^>]*>", html)
        assert body, doc.name
        assert 'dir="rtl"' in body.group() and 'lang="ar"' in body.group(), (doc.name, body.group())
    # the book's text is there, in its letters
    assert "الدعوة الإسلامية" in text
