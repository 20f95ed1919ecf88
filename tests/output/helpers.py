"""The real CLI as an author runs it: no SOURCE_DATE_EPOCH (the shared
`run_cli` sets one, which hid the date in every part's cache key)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, Run


def author_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return {**env, **extra}


def warraq(*args: str, env: dict | None = None, timeout: float = 600) -> Run:
    proc = subprocess.run(
        [sys.executable, "-m", "warraq", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env or author_env(),
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def one_line(run: Run) -> str:
    """The error a user sees: one line, no traceback."""
    assert run.code != 0, run.out
    assert "Traceback" not in run.err, run.err
    lines = [line for line in run.err.splitlines() if line.startswith("warraq: error:")]
    assert len(lines) == 1, run.err
    return lines[0]


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text("utf-8"))
