"""`warraq build --watch`, the resident builder (issue 27; resident.py).

The rebuild after a save is the same output as a fresh `warraq build` of
the edited book, byte for byte; only the edited part's print HTML is made
again; a bad save prints one line and the builder keeps watching; Ctrl-C
(or SIGTERM) stops it with exit code 0.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pikepdf
from bench.series import write_series

from tests.conftest import ROOT, run_cli
from warraq.pipeline import BuildOptions
from warraq.preview.resident import ResidentBuilder
from warraq.render import Renderer
from warraq.writers.pdf import documents as pdf_parts

EPOCH = "1767225600"
CLAUSE = " وهذه جملة أضافها الكاتب."


def edit(part: Path, clause: str = CLAUSE) -> None:
    lines = part.read_text("utf-8").split("\n")
    lines[3] += clause
    part.write_text("\n".join(lines), "utf-8")


def count_part_documents(monkeypatch) -> list[int]:
    """A list that grows by one each time a part's print HTML is made (not
    the front matter's, the indexes' or the colophon's)."""
    rendered: list[int] = []
    document = Renderer.document

    def counted(self, template, **context):
        part = context.get("front") is False and not context.get("back") and not context.get("closing")
        if template == "print.html.j2" and part:
            rendered.append(1)
        return document(self, template, **context)

    monkeypatch.setattr(Renderer, "document", counted)
    return rendered


def test_rebuild_is_a_fresh_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = write_series(tmp_path, 3, sources=True)
    builder = ResidentBuilder(root, tmp_path / "out", BuildOptions(("pdf", "epub")))
    assert builder.build().error is None
    part = root / "parts" / "0002.txt"
    edit(part)

    rendered = count_part_documents(monkeypatch)
    done = builder.build()
    assert done.error is None
    assert len(rendered) == 1  # the edited part's print HTML only (3 parts)
    assert len(pdf_parts.PART_HTML) == 4  # the two builds' parts (3 + the edited one), no more
    edit(part, " وجملة ثالثة.")
    assert builder.build().error is None
    assert len(pdf_parts.PART_HTML) == 4  # the first build's version of the part is forgotten

    fresh = run_cli("build", "--format", "pdf", "--format", "epub", "-m", str(root), "-o", str(tmp_path / "fresh"))
    assert fresh.code == 0, fresh.err
    for name in ("series-3.pdf", "series-3.epub"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


def test_an_edit_without_source_date_epoch_makes_one_part_again(tmp_path, monkeypatch):
    # the book's date is then the newest save's: an edit moves it, and the
    # parts (which never show it) must not be made again for it
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = write_series(tmp_path, 3)
    builder = ResidentBuilder(root, tmp_path / "out", BuildOptions(("pdf",)))
    assert builder.build().error is None
    part = root / "parts" / "0002.txt"
    edit(part)
    later = time.time() + 3 * 86400  # saved on another day than every part before
    os.utime(part, (later, later))

    rendered = count_part_documents(monkeypatch)
    assert builder.build().error is None
    assert len(rendered) == 1


def test_a_rebuild_after_each_save(tmp_path):
    root = write_series(tmp_path, 2)
    builder = ResidentBuilder(root, tmp_path / "out", BuildOptions(("html",)))
    assert builder.build().error is None
    built = []
    stop = threading.Event()
    ready = threading.Event()
    thread = threading.Thread(target=builder.watch, args=(built.append, stop, ready.set), daemon=True)
    thread.start()
    assert ready.wait(30)
    edit(root / "parts" / "0001.txt")
    deadline = time.monotonic() + 60
    while not built and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(10)
    assert built and built[0].error is None
    html = next((tmp_path / "out").glob("*.html")).read_text("utf-8")
    assert CLAUSE.strip() in html


def wait_for(path: Path, text: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = path.read_text("utf-8") if path.exists() else ""
        if text in found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not in {path.read_text('utf-8')!r}")


def test_watch_from_the_command_line(tmp_path):
    root = write_series(tmp_path, 2)
    log, errors = tmp_path / "out.txt", tmp_path / "err.txt"
    env = {**os.environ, "WARRAQ_LANG": "en", "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, "-m", "warraq", "build", "--watch", "--format", "html", "-m", str(root)]
    with log.open("w") as out, errors.open("w") as err:
        process = subprocess.Popen([*command, "-o", str(tmp_path / "out")], stdout=out, stderr=err, cwd=ROOT, env=env)
    try:
        wait_for(log, "watching")
        edit(root / "parts" / "0001.txt")
        wait_for(log, "rebuilt in")
        # a bad save: one line naming the file, and the builder keeps watching
        (root / "book.toml").write_text("[book\n", "utf-8")
        wait_for(errors, "book.toml")
        assert "Traceback" not in errors.read_text("utf-8")
        assert process.poll() is None
        process.send_signal(signal.SIGINT)
        assert process.wait(60) == 0
    finally:
        if process.poll() is None:
            process.kill()
    said = log.read_text("utf-8")
    assert "stopped watching" in said
    assert CLAUSE.strip() in next((tmp_path / "out").glob("*.html")).read_text("utf-8")


# ---------------------------------------------------------------------- what the builder keeps


def same_as_fresh(root: Path, out: Path, fresh: Path) -> None:
    """The resident build's PDF and report are a fresh `warraq build`'s (a new
    process, its own output folder), byte for byte."""
    done = run_cli("build", "--format", "pdf", "-m", str(root), "-o", str(fresh))
    assert done.code == 0, done.err
    for name in (f"{root.name}.pdf", "report.json"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_what_the_builder_keeps_gives_a_fresh_build(tmp_path, monkeypatch):
    """The documents the assembly opened (pdf/merge.py OPENED), the hadith
    candidates of each part, dedup's block keys and the report's findings
    texts, all kept between builds: after each kind of save the PDF and
    report.json are a fresh build's, and only what the save changed is read
    or looked for again."""
    from warraq.transforms import dedup, hadith
    from warraq.writers.pdf import merge

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # run_cli's
    root = write_series(tmp_path, 4, sources=True)
    out = tmp_path / "out"
    builder = ResidentBuilder(root, out, BuildOptions(("pdf",)))
    assert builder.build().error is None

    reads, searched, keyed = [], [], []
    read, part_candidates, tokens = merge.Opened.read, hadith._part_candidates, dedup.tokens
    monkeypatch.setattr(merge.Opened, "read", classmethod(lambda cls, data: reads.append(1) or read(data)))
    monkeypatch.setattr(hadith, "_part_candidates", lambda *a: searched.append(1) or part_candidates(*a))
    monkeypatch.setattr(dedup, "tokens", lambda *a: keyed.append(1) or tokens(*a))

    # 1. a paragraph edited: one document read, one part searched for hadith
    edit(root / "parts" / "0002.txt")
    assert builder.build().error is None
    assert len(reads) == 1 and len(searched) == 1
    blocks = sum(len(p.blocks) for p in builder.result.book.parts)
    assert 0 < len(keyed) <= len(builder.result.book.parts[1].blocks) + 1 < blocks  # + [dedup] phrases
    same_as_fresh(root, out, tmp_path / "fresh-1")

    # 2. a paragraph of part 1 pasted into part 4: the repeat across parts is
    # found though neither part 1 nor its blocks were looked at again
    first = (root / "parts" / "0001.txt").read_text("utf-8").split("\n")
    repeated = max(first, key=len)
    fourth = root / "parts" / "0004.txt"
    fourth.write_text(fourth.read_text("utf-8") + "\n" + repeated + "\n", "utf-8")
    assert builder.build().error is None
    removed = [f for f in builder.result.findings if f.kind == "dedup" and f.prov and f.prov.file.endswith("0004.txt")]
    assert any(f.data.get("kept", {}).get("file", "").endswith("0001.txt") for f in removed), removed
    same_as_fresh(root, out, tmp_path / "fresh-2")

    # 3. sources.toml changed: every part searched again (the ledger is new)
    searched.clear()
    ledger = root / "sources.toml"
    text = ledger.read_text("utf-8")
    assert 'title = "كتاب بدء الوحي"' in text
    ledger.write_text(text.replace('title = "كتاب بدء الوحي"', 'title = "كتاب بدء الوحي إلى رسول الله"'), "utf-8")
    assert builder.build().error is None
    assert len(searched) == 4
    same_as_fresh(root, out, tmp_path / "fresh-3")

    # 4. part 1 two pages longer: the parts after it move (their folios, the
    # parent tree's keys, the destinations' pages)
    pages = len(pikepdf.open(out / f"{root.name}.pdf").pages)
    part = root / "parts" / "0001.txt"
    other = write_series(tmp_path / "other", 1, salt=7) / "parts" / "0001.txt"  # text found nowhere in the book
    part.write_text(part.read_text("utf-8") + "\n" + "\n".join(other.read_text("utf-8").split("\n")[3:40]), "utf-8")
    assert builder.build().error is None
    assert len(pikepdf.open(out / f"{root.name}.pdf").pages) > pages
    same_as_fresh(root, out, tmp_path / "fresh-4")

    # 5. a part deleted
    (root / "parts" / "0003.txt").unlink()
    assert builder.build().error is None
    assert len(builder.result.book.parts) == 3
    same_as_fresh(root, out, tmp_path / "fresh-5")


def test_the_reports_findings_are_json_dumps(tmp_path):
    """report.json writes each finding's text once per process (pipeline
    findings_json, by the finding's compact JSON): the file is what
    json.dumps of the whole report writes, whatever the findings hold."""
    from warraq.config import load_config
    from warraq.i18n import msg
    from warraq.model import Book, Finding, Meta, Provenance
    from warraq.pipeline import BuildResult, finding_dict, write_report

    findings = [
        Finding("dedup", "exact", msg("repeated paragraph removed; kept the copy at {kept}", kept="a.txt:3")),
        Finding("note", "n", "سطر\nثان «مقتبس» \u2067x\u2069", Provenance("parts/0001.txt", 4, 6), "warning"),
        *[
            Finding("x", "y", "z", Provenance("w.docx", 3, 5, "¶"), data={"d": [{"op": "+", "w": ["ب", 1.5]}]})
            for _ in "ab"
        ],
        Finding("x", "empty", "", data={"a": {}, "b": [], "c": [[]], "d": True}),
    ]
    book = Book(meta=Meta(title="كتاب", author="", date="2026-01-01"), parts=())
    config = load_config(ROOT / "manuscript")
    for found in (findings, [], findings[2:], findings):  # the texts kept, then others, then the first again
        result = BuildResult(config, book, list(found), [tmp_path / "book.pdf"])
        written = write_report(result, tmp_path).read_text("utf-8")
        counts: dict[str, int] = {}
        for f in found:
            counts[f.kind] = counts.get(f.kind, 0) + 1
        expected = {
            "generator": json.loads(written)["generator"],
            "book": {"title": "كتاب", "date": "2026-01-01"},
            "parts": [],
            "outputs": ["book.pdf"],
            "counts": counts,
            "findings": [finding_dict(f) for f in found],
        }
        assert written == json.dumps(expected, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
