"""The peers' copies of the book: text with markup characters comes out
literally from typst and from pandoc."""

from __future__ import annotations

import subprocess

from bench.pandoc_book import escape as md_escape
from bench.pandoc_book import pandoc_path
from bench.typst_book import compile_command
from bench.typst_book import escape as typst_escape

TRICKY = "قال: #خالد *لا* _بل_ [١] <a> @b ~ $5 = 3 + 2 - 1 / 2 `x` \\ \"y\" 'z' // 1. - صحيح"


def test_typst_sets_markup_characters_literally(tmp_path):
    from pdfminer.high_level import extract_text

    source = tmp_path / "t.typ"
    source.write_text(f'#set text(font: "Amiri", lang: "ar", dir: rtl)\n{typst_escape(TRICKY)}\n', "utf-8")
    pdf = tmp_path / "t.pdf"
    subprocess.run(compile_command(source, pdf), check=True, capture_output=True)
    text = extract_text(str(pdf))
    for piece in ("#", "*", "_", "[", "<", "@", "$5", "=", "+", "`", "\\", "//"):
        assert piece in text, piece


def test_pandoc_reads_markup_characters_literally():
    proc = subprocess.run(
        [pandoc_path(), "-f", "markdown", "-t", "plain", "--wrap=none"],
        input=md_escape(TRICKY),
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == TRICKY
