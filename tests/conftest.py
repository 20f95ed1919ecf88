"""Shared test fixtures: the real CLI in a subprocess, and small manuscripts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MANUSCRIPT = ROOT / "manuscript"
SEED = MANUSCRIPT / "parts" / "04-buqat-daw.txt"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 600) -> Run:
    """Run `python -m warraq ARGS` for real, as a user would."""
    # English unless a test asks for a language (env WARRAQ_LANG="" leaves it to LANG)
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "WARRAQ_LANG": "en", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "warraq", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(autouse=True)
def english():
    """Messages made in this process are English unless a test says otherwise."""
    from warraq.i18n import set_language

    set_language("en")
    yield
    set_language("en")


BOOK_TOML = """\
[book]
title = "كتاب تجريبي"
author = "مؤلف"
language = "ar"
slug = "test-book"
identifier = "urn:uuid:00000000-0000-4000-8000-000000000001"
{extra}
"""


@pytest.fixture
def make_book(tmp_path):
    """Create a manuscript with the given parts: {file name: text or bytes}."""

    def make(parts: dict[str, str | bytes], extra: str = "", sources: str = "") -> Path:
        root = tmp_path / "ms"
        (root / "parts").mkdir(parents=True)
        (root / "book.toml").write_text(BOOK_TOML.format(extra=extra), "utf-8")
        (root / "sources.toml").write_text(sources, "utf-8")
        for name, body in parts.items():
            path = root / "parts" / name
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(body, "utf-8")
        return root

    return make


@pytest.fixture
def default_book(tmp_path) -> Path:
    """A copy of the default book (with the repository's styles beside it)."""
    shutil.copytree(MANUSCRIPT, tmp_path / "manuscript")
    shutil.copytree(ROOT / "styles", tmp_path / "styles")
    return tmp_path / "manuscript"
