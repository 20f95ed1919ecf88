"""The EPUB carries only the faces its text is set in (issue 26, item 12):
Arabic has no italic (base.css sets emphasis bold), so a book with no
Latin run in emphasis ships no italic Amiri."""

from __future__ import annotations

import re
import zipfile

from tests.conftest import run_cli

LATIN_EM = """\
---
number: 1
title: الجزء الأول (1)
---
كلام فيه *تنبيه مهم* للقارئ، وعنوان كتاب بالإنجليزية *The Great Arab Conquests* بعده.
"""
ARABIC_EM = LATIN_EM.replace("*The Great Arab Conquests*", "The Great Arab Conquests")


def fonts_and_rules(epub) -> tuple[set[str], int]:
    with zipfile.ZipFile(epub) as z:
        fonts = {n.rsplit("/", 1)[1] for n in z.namelist() if n.endswith(".ttf")}
        css = z.read("EPUB/styles/book.css").decode("utf-8")
    return fonts, len(re.findall("@font-face", css))


def test_the_default_book_ships_no_italic(tmp_path):
    run = run_cli("build", "--format", "epub", "-o", str(tmp_path))
    assert run.code == 0, run.err
    fonts, rules = fonts_and_rules(tmp_path / "buqat-daw.epub")
    assert fonts == {"Amiri-Regular.ttf", "Amiri-Bold.ttf"} and rules == 2


def test_a_latin_run_in_emphasis_keeps_the_italic(make_book, tmp_path):
    for name, part in (("latin", LATIN_EM), ("arabic", ARABIC_EM)):
        root = make_book({"01.md": part}) if name == "latin" else None
        if root is None:
            (tmp_path / "ms" / "parts" / "01.md").write_text(part, "utf-8")
            root = tmp_path / "ms"
        out = tmp_path / f"out-{name}"
        run = run_cli("build", "--format", "epub", "-m", str(root), "-o", str(out))
        assert run.code == 0, run.err
        fonts, rules = fonts_and_rules(next(out.glob("*.epub")))
        italic = {"Amiri-Italic.ttf", "Amiri-BoldItalic.ttf"}
        assert (italic <= fonts) == (name == "latin") and rules == len(fonts)
