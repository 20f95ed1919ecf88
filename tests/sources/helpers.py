"""Building a small manuscript's model through the real reader and pipeline."""

from __future__ import annotations

from pathlib import Path

from warraq.model import Book, Finding
from warraq.pipeline import BuildOptions, load, transform


def transformed(root: Path) -> tuple[Book, list[Finding]]:
    """Read and transform a manuscript in process (dedup, quran, sources, notes)."""
    config, book, findings = load(root)
    book, found = transform(book, config, BuildOptions())
    return book, findings + found


def rules(findings: list[Finding], kind: str | None = None) -> list[str]:
    return [f.rule for f in findings if kind is None or f.kind == kind]
