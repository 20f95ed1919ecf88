"""Dedup fixtures: the seed split into a four-part series, and the default
book built once per session through the real command line."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from warraq.config import Config
from warraq.model import Book
from warraq.pipeline import load

from ..conftest import MANUSCRIPT, ROOT, SEED, Run, run_cli

BOOK_TOML = """\
[book]
title = "بقعة ضوء"
author = "كاتب السلسلة"
language = "ar"
slug = "series"
identifier = "urn:uuid:00000000-0000-4000-8000-000000000003"
{extra}
"""
SIGN_OFF = "وللحديث بقية إن شاء الله"
# seed line 16 re-pasted in part 3 with its 10th word «اختلاف» changed to «تباين»
EDITED_LINE, EDITED_WORD, NEW_WORD = 16, 9, "تباين"


def seed(n: int) -> str:
    """Line n (1-based) of the seed part."""
    return SEED.read_text("utf-8").split("\n")[n - 1]


def edited_line() -> str:
    words = seed(EDITED_LINE).split()
    assert words[EDITED_WORD] == "اختلاف"  # checked by reading the seed
    words[EDITED_WORD] = NEW_WORD
    return " ".join(words)


def series_parts() -> dict[str, list[str]]:
    """The seed's first copy (lines 2-39) split into four parts, each closing
    with the same sign-off, with:
      part 2 opening with a recap of part 1 (seed lines 8-10: a heading and
        its two paragraphs), as part 1's lines 8-10;
      part 3 re-pasting seed line 16 (part 2's line 10) with one word edited,
        as its line 11;
      part 4 quoting the verse of seed line 29 (part 3's line 14) again on
        purpose, as its line 7."""
    lines = {n: seed(n) for n in range(1, 41)}
    r = range
    return {
        "01.txt": ["بقعة ضوء (١)", *(lines[n] for n in r(2, 11)), SIGN_OFF],
        "02.txt": ["بقعة ضوء (٢)", *(lines[n] for n in r(8, 11)), *(lines[n] for n in r(11, 18)), SIGN_OFF],
        "03.txt": [
            "بقعة ضوء (٣)",
            *(lines[n] for n in r(18, 27)),
            edited_line(),
            *(lines[n] for n in r(27, 31)),
            SIGN_OFF,
        ],
        "04.txt": ["بقعة ضوء (٤)", *(lines[n] for n in r(31, 36)), lines[29], *(lines[n] for n in r(36, 40)), SIGN_OFF],
    }


def write_series(root: Path, extra: str = "") -> Path:
    (root / "parts").mkdir(parents=True, exist_ok=True)
    (root / "book.toml").write_text(BOOK_TOML.format(extra=extra), "utf-8")
    (root / "sources.toml").write_text("", "utf-8")
    for name, lines in series_parts().items():
        (root / "parts" / name).write_text("\n".join(lines) + "\n", "utf-8")
    return root


@pytest.fixture
def series(tmp_path) -> Path:
    return write_series(tmp_path / "series")


def loaded(root: Path) -> tuple[Config, Book]:
    config, book, _ = load(root)
    return config, book


@dataclass
class Built:
    run: Run
    out: Path
    report: dict

    @property
    def html(self) -> str:
        return (self.out / "buqat-daw.html").read_text("utf-8")


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> Built:
    """The default book (a copy) built once as HTML through the CLI."""
    base = tmp_path_factory.mktemp("default-book")
    shutil.copytree(MANUSCRIPT, base / "manuscript")
    shutil.copytree(ROOT / "styles", base / "styles")
    out = base / "build"
    run = run_cli("build", "--format", "html", "--manuscript", str(base / "manuscript"), "--out", str(out), cwd=base)
    assert run.code == 0, run.err
    return Built(run, out, json.loads((out / "report.json").read_text("utf-8")))
