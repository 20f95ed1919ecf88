"""WeasyPrint 70.0's own tests, run with and without warraq's layout patches
(writers/pdf/patches/rtl_lines.py, line_window.py, margin_boxes.py): the same tests must
pass and fail both ways.

    python -m bench.weasyprint_own_tests [TEST PATHS ...]

Downloads WeasyPrint's sdist (`pip download --no-binary :all: --no-deps
weasyprint==70.0`, which ships its tests) into build/weasyprint-sdist/,
adds a conftest.py that applies the patches for the whole session when
WARRAQ_PATCHES=1, runs pytest on the test paths (default: the layout tests,
the text tests and the drawing tests of text, floats, absolute boxes,
leaders and tables; the drawing tests need Ghostscript, `gs`) both ways and
prints the counts and any test whose outcome differs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

VERSION = "70.0"
ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "weasyprint-sdist"
DEFAULT = [
    "tests/layout",
    "tests/test_text.py",
    "tests/test_unicode.py",
    "tests/test_boxes.py",
    "tests/draw/test_text.py",
    "tests/draw/test_float.py",
    "tests/draw/test_absolute.py",
    "tests/draw/test_leader.py",
    "tests/draw/test_table.py",
]

CONFTEST = '''\
"""warraq's layout patches for the whole session when WARRAQ_PATCHES=1."""

import os
from contextlib import ExitStack

import pytest


@pytest.fixture(autouse=True, scope="session")
def warraq_patches():
    if os.environ.get("WARRAQ_PATCHES") != "1":
        yield
        return
    from warraq.writers.pdf.patches.line_window import line_window
    from warraq.writers.pdf.patches.margin_boxes import shown_margin_boxes
    from warraq.writers.pdf.patches.rtl_lines import rtl_lines_once

    with ExitStack() as stack:
        assert stack.enter_context(rtl_lines_once()), "patches/rtl_lines.py does not apply"
        assert stack.enter_context(line_window()), "patches/line_window.py does not apply"
        assert stack.enter_context(shown_margin_boxes()), "patches/margin_boxes.py does not apply"
        yield
'''


def sdist() -> Path:
    tree = WORK / f"weasyprint-{VERSION}"
    if not tree.is_dir():
        WORK.mkdir(parents=True, exist_ok=True)
        pip = [sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps"]
        subprocess.run([*pip, f"weasyprint=={VERSION}", "-d", str(WORK)], check=True)
        with tarfile.open(WORK / f"weasyprint-{VERSION}.tar.gz") as archive:
            archive.extractall(WORK, filter="data")
    (tree / "conftest.py").write_text(CONFTEST, "utf-8")
    return tree


def run(tree: Path, paths: list[str], patched: bool) -> tuple[str, set[str]]:
    env = dict(os.environ, WARRAQ_PATCHES="1" if patched else "0", PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", *paths],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    lines = done.stdout.strip().splitlines()
    failed = {m[1] for m in re.finditer(r"^(?:FAILED|ERROR) (\S+)", done.stdout, re.M)}
    return (lines[-1] if lines else done.stderr.strip()), failed


def main(argv: list[str]) -> int:
    tree = sdist()
    paths = argv or DEFAULT
    before, failed_before = run(tree, paths, patched=False)
    after, failed_after = run(tree, paths, patched=True)
    print(f"WeasyPrint {VERSION}'s tests ({' '.join(paths)})")
    print(f"  without the patches: {before}")
    print(f"  with the patches:    {after}")
    for name in sorted(failed_before ^ failed_after):
        print(f"  differs: {name} ({'fails only with' if name in failed_after else 'fails only without'} the patches)")
    return 1 if failed_before != failed_after else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
