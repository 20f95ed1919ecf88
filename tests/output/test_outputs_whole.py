"""A build's outputs arrive together or not at all.

Every test is the real CLI in a subprocess: a later format that fails, an
output name taken by a folder, a full or read-only disk, a second build into
the same folder, SIGTERM/SIGINT mid-build (the PDF workers stop too) and
SIGKILL (the next build removes what it left)."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from bench.series import write_series

from tests.conftest import ROOT, Run
from tests.output.helpers import author_env, one_line, report, warraq

PART = "مقدمة\n\nنص الجزء الأول.\n"


def snapshot(out: Path) -> dict[str, bytes]:
    """Every output file (not the PDF cache) and its bytes."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cache" not in p.parts and p.name != ".warraq-lock"
    }


def edit(root: Path) -> None:
    part = next((root / "parts").iterdir())
    part.write_text(part.read_text("utf-8") + "\nفقرة أضيفت بعد البناء الأول.\n", "utf-8")


def test_a_later_format_that_fails_leaves_every_output_as_it_was(make_book, tmp_path):
    root = make_book({"01.txt": PART})
    out = tmp_path / "out"
    assert warraq("build", "-f", "all", "-m", str(root), "-o", str(out)).code == 0
    before = snapshot(out)
    edit(root)
    toml = root / "book.toml"
    toml.write_text(toml.read_text("utf-8") + '\n[print]\nengine = "no-such-engine"\n', "utf-8")
    one_line(warraq("build", "-f", "all", "-m", str(root), "-o", str(out)))
    assert snapshot(out) == before  # not the new HTML beside the old EPUB
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".cache", ".warraq-lock"]


def test_out_that_is_a_file_is_one_line(make_book, tmp_path):
    root = make_book({"01.txt": PART})
    (tmp_path / "out").write_text("not a folder")
    for fmt in ("pdf", "html"):
        line = one_line(warraq("build", "-f", fmt, "-m", str(root), "-o", str(tmp_path / "out")))
        assert "out" in line and "not a folder" in line
    assert (tmp_path / "out").read_text() == "not a folder"


def test_an_output_name_taken_by_a_folder_is_one_line(make_book, tmp_path):
    root = make_book({"01.txt": PART})
    out = tmp_path / "out"
    assert warraq("build", "-f", "html", "-m", str(root), "-o", str(out)).code == 0
    before = snapshot(out)
    (out / "test-book.epub").mkdir()
    (out / "test-book.epub" / "mine.txt").write_text("the author's")
    edit(root)
    line = one_line(warraq("build", "-f", "all", "-m", str(root), "-o", str(out)))
    assert "test-book.epub" in line and "folder" in line
    assert snapshot(out) == {**before, "test-book.epub/mine.txt": b"the author's"}


@pytest.fixture
def tmpfs(tmp_path):
    """A small file system of its own (root may mount one; else skip)."""
    mounted = []

    def mount(size: str, *options: str) -> Path:
        point = tmp_path / f"fs{len(mounted)}"
        point.mkdir()
        opts = ",".join([f"size={size}", *options])
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_a_full_disk_is_one_line_and_leaves_nothing_half_written(make_book, tmpfs):
    root = make_book({"01.txt": PART})
    out = tmpfs("96k") / "out"
    line = one_line(warraq("build", "-f", "all", "-m", str(root), "-o", str(out)))
    assert "No space left on device" in line
    left = [p.name for p in out.rglob("*") if p.name.endswith(".part") or p.name.startswith(".staging-")]
    assert left == []


def test_a_read_only_out_is_one_line(make_book, tmpfs):
    root = make_book({"01.txt": PART})
    for out in (tmpfs("1m", "ro"), tmpfs("1m", "ro") / "book"):
        line = one_line(warraq("build", "-f", "epub", "-m", str(root), "-o", str(out)))
        assert "Read-only file system" in line and str(out) in line


def test_a_second_build_waits_for_the_first(make_book, tmp_path):
    root = make_book({"01.txt": PART})
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / ".warraq-lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a build in progress
    threading.Timer(1.5, os.close, [fd]).start()  # ... that ends
    run = warraq("build", "-f", "html", "-m", str(root), "-o", str(out))
    assert run.code == 0, run.err
    assert report(out)["outputs"][0] == "test-book.html"
    assert (out / "test-book.html").is_file()


def test_a_second_build_that_cannot_wait_stops_with_one_line(make_book, tmp_path):
    root = make_book({"01.txt": PART})
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / ".warraq-lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        line = one_line(warraq("build", "-f", "html", "-m", str(root), "-o", str(out)))
    finally:
        os.close(fd)
    assert "another warraq build" in line
    assert not (out / "test-book.html").exists()


# ---------------------------------------------------------------------- signals


def children(pid: int) -> set[int]:
    """The live processes whose parent is `pid` (the PDF workers)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Path:
    return write_series(tmp_path_factory.mktemp("signals"), 10)


def start(root: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "warraq", "build", "-f", "all", "-q", "-m", str(root), "-o", str(out)],
        cwd=ROOT,
        env=author_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop_while_typesetting(proc: subprocess.Popen, signum: int) -> tuple[set[int], str]:
    """Send `signum` once the PDF workers are at work; their pids and stderr."""
    deadline = time.monotonic() + 300
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        if len(workers) >= min(2, os.cpu_count() or 1):
            break
        time.sleep(0.05)
    assert workers and proc.poll() is None, "the build ended before its workers started"
    time.sleep(1.0)  # they are typesetting
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    return workers, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_mid_build_stops_the_workers_and_keeps_the_previous_outputs(series, tmp_path, signum):
    out = tmp_path / "out"
    for fmt in ("html", "epub"):
        assert warraq("build", "-f", fmt, "-q", "-m", str(series), "-o", str(out)).code == 0
    before = snapshot(out)
    proc = start(series, out)
    workers, err = stop_while_typesetting(proc, signum)
    assert proc.returncode == (143 if signum == signal.SIGTERM else 130), err
    assert "Traceback" not in err and "previous outputs" in err
    time.sleep(0.5)
    assert not [pid for pid in workers if alive(pid)]  # no worker typesetting on for nobody
    assert snapshot(out) == before  # the HTML and EPUB of the last build, no PDF, no staging


def test_the_next_build_removes_what_a_killed_build_left(series, tmp_path):
    out = tmp_path / "out"
    proc = start(series, out)
    workers, _ = stop_while_typesetting(proc, signal.SIGKILL)
    time.sleep(0.5)
    assert not [pid for pid in workers if alive(pid)]  # they die with the build
    (out / ".test-book.html.x1.part").write_bytes(b"half")  # as an older warraq left them
    staging = [p.name for p in out.iterdir() if p.name.startswith(".staging-")]
    assert staging  # the killed build's outputs, never moved into place
    assert not (out / "series-10.html").exists()
    run = warraq("build", "-f", "html", "-q", "-m", str(series), "-o", str(out))
    assert run.code == 0, run.err
    assert [p.name for p in out.iterdir() if p.name.endswith(".part") or p.name.startswith(".staging-")] == []


FULL_DISK = """
import errno, os, sys
import warraq.writers.output as output

class Full:
    def __init__(self, fh): self.fh = fh
    def __enter__(self): return self
    def __exit__(self, *exc): self.fh.close()
    def write(self, data):
        if len(data) > 20000: raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self.fh.write(data)

real = os.fdopen
output.os = type("os", (), {**{k: getattr(os, k) for k in dir(os) if not k.startswith("__")},
                            "fdopen": staticmethod(lambda fd, mode: Full(real(fd, mode)))})
from warraq.cli import main
sys.argv = ["warraq", *sys.argv[1:]]
main()
"""


def test_a_full_disk_without_root(make_book, tmp_path):
    """The same, where no file system can be mounted: every write of more
    than 20 kB fails with ENOSPC (the CLI in a subprocess, os patched)."""
    root = make_book({"01.txt": PART})
    out = tmp_path / "out"
    assert warraq("build", "-f", "html", "-m", str(root), "-o", str(out)).code == 0
    before = snapshot(out)
    edit(root)
    proc = subprocess.run(
        [sys.executable, "-c", FULL_DISK, "build", "-f", "all", "-m", str(root), "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=author_env(), timeout=600,
    )  # fmt: skip
    line = one_line(Run(proc.returncode, proc.stdout, proc.stderr))
    assert "No space left on device" in line
    assert snapshot(out) == before
