"""Proof-reading: the Arabic typography lint (rules with stable ids AR001 …)
and the word-by-word differences the preview shows.

`lint(book)` is what the pipeline calls when a build asks for it
(`BuildOptions(lint=True)`: the preview and `warraq check`).
"""

from __future__ import annotations

from .diff import word_diff
from .lint import lint
from .rules import BY_ID, RULES

__all__ = ["BY_ID", "RULES", "lint", "word_diff"]
