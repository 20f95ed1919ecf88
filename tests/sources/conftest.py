"""Sources and Qur'an fixtures: the default book built once per session
through the real command line (HTML and report.json)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import MANUSCRIPT, ROOT, Run, run_cli


@dataclass
class Built:
    run: Run
    html: str
    report: dict
    out: Path


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> Built:
    """The default book, copied and built once: `warraq build --format html`."""
    root = tmp_path_factory.mktemp("sources-default")
    shutil.copytree(MANUSCRIPT, root / "manuscript")
    shutil.copytree(ROOT / "styles", root / "styles")
    out = root / "build"
    run = run_cli("build", "--format", "html", "--manuscript", str(root / "manuscript"), "--out", str(out))
    assert run.code == 0, run.err
    html = (out / "buqat-daw.html").read_text("utf-8")
    report = json.loads((out / "report.json").read_text("utf-8"))
    return Built(run, html, report, out)
