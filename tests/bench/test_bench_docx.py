"""The Word benchmark's parts are real Word parts: they read back whole."""

from __future__ import annotations

from bench.bench_docx import part_docx

from warraq.model import block_text
from warraq.readers import read_part


def test_generated_word_part_reads_back_every_paragraph_and_note(tmp_path):
    docx, text, words = part_docx(3)
    path = tmp_path / "0003.docx"
    path.write_bytes(docx)
    part = read_part(path, "0003.docx", {})
    lines = text.decode().rstrip("\n").split("\n")
    assert part.number == 3 and words > 2500
    read = "\n".join(block_text(b) for b in part.blocks)
    # every character but spaces (a verse is kept without the spaces inside its brackets, as in text parts)
    assert "".join(read.split()) == "".join("".join(lines[1:]).split())
    assert len(part.notes) == (len(lines) - 1) // 4
