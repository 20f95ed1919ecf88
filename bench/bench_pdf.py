"""PDF build time and peak memory: the default book and a generated 40-part book.

Each build is the real CLI (`warraq build --format pdf`) in a subprocess:
wall time, and peak memory of the whole process tree (bench/measure.py).
The default book is built 3 times and the median reported; the 40-part book
once.  The same builds with `--format html` show
the PDF writer's own share apart from the shared pipeline.

For the 40-part book the PDF writer is also timed in-process, step by step:
the print HTML, WeasyPrint's layout, and writing the PDF with and without
the exact-text patch (writers/pdf/patches/text.py), so its cost shows.  The comparison
with typst, and the incremental rebuild, are the suite's (bench_suite.py).

`saves`: a generated 10-part book as an author builds it, without
SOURCE_DATE_EPOCH (the date is then the newest save's): a rebuild after
`touch` on one part, and after a one-paragraph edit of one part; the wall
time of each and the documents the PDF cache had to typeset (one part, and
the front matter only if a page number moved).

`book`: the 40-part book of the suite (bench_suite.prepare) built by the
parallel engine from an empty cache, CPU seconds summed over all its
processes and wall time, typst compiling the same book in the same run
(interleaved), and the rebuild after a one-paragraph edit of its middle part
without SOURCE_DATE_EPOCH (`python -m bench.bench_pdf book` runs only this).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from bench.measure import measure
from bench.series import write_series

ROOT = Path(__file__).resolve().parents[1]
PARTS = 40
RUNS = 3
ENV = {"SOURCE_DATE_EPOCH": "1767225600"}


def cli(fmt: str, manuscript: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "warraq", "build", "--format", fmt, "--quiet", "-m", str(manuscript), "-o", str(out)]


def pages(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


def steps(manuscript: Path) -> dict:
    """The PDF writer of one book, timed step by step in this process."""
    from weasyprint import HTML

    from warraq.pipeline import BuildOptions, load, transform
    from warraq.writers.pdf.patches.text import exact_text
    from warraq.writers.pdf.writer import print_html

    config, book, _ = load(manuscript)
    book, _ = transform(book, config, BuildOptions(("pdf",)))
    t0 = time.perf_counter()
    html = print_html(book, config)
    t1 = time.perf_counter()
    document = HTML(string=html, base_url=str(manuscript)).render()
    t2 = time.perf_counter()
    document.write_pdf(pdf_variant="pdf/ua-1")
    t3 = time.perf_counter()
    with exact_text() as session:
        document.write_pdf(pdf_variant="pdf/ua-1")
    t4 = time.perf_counter()
    return {
        "print_html_seconds": round(t1 - t0, 3),
        "layout_seconds": round(t2 - t1, 3),
        "write_seconds_unpatched": round(t3 - t2, 3),
        "write_seconds_exact_text": round(t4 - t3, 3),
        "exact_text_aliases": session.alias_count if session else None,
    }


SAVES_PARTS = 10
T0 = 1740823200  # 2025-03-01 10:00 UTC: the files' mtime before the saves


def typeset_since(out: Path, before: dict[str, int]) -> int:
    now = {p.name: p.stat().st_mtime_ns for p in (out / ".cache" / "pdf").glob("*.pdf")}
    return sum(1 for name, mtime in now.items() if before.get(name) != mtime)


def cache_state(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (out / ".cache" / "pdf").glob("*.pdf")}


def saves(workdir: Path) -> dict:
    """Rebuilds after `touch` and after a one-paragraph edit, without SOURCE_DATE_EPOCH."""
    root = write_series(workdir / "saves", SAVES_PARTS)
    for path in [*root.rglob("*"), root]:
        os.utime(path, (T0, T0))
    out = workdir / "saves-out"
    part = root / "parts" / f"{SAVES_PARTS // 2:04d}.txt"
    held = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        cold = measure(cli("pdf", root, out))
        documents = len(cache_state(out))
        before = cache_state(out)
        os.utime(part, (T0 + 3600, T0 + 3600))
        touched = measure(cli("pdf", root, out))
        touched_docs = typeset_since(out, before)
        before = cache_state(out)
        lines = part.read_text("utf-8").split("\n")
        lines[4] += " وهذه جملة أضافها الكاتب."
        part.write_text("\n".join(lines), "utf-8")
        os.utime(part, (T0 + 7200, T0 + 7200))
        edited = measure(cli("pdf", root, out))
        edited_docs = typeset_since(out, before)
    finally:
        if held is not None:
            os.environ["SOURCE_DATE_EPOCH"] = held
    return {
        "parts": SAVES_PARTS,
        "cold_seconds": round(cold.seconds, 3),
        "cold_documents": documents,
        "touch_seconds": round(touched.seconds, 3),
        "touch_documents": touched_docs,
        "edit_seconds": round(edited.seconds, 3),
        "edit_documents": edited_docs,
        "edit_over_cold": round(edited.seconds / cold.seconds, 3),
    }


def book(workdir: Path, runs: int = 1, vocal: bool = False, parts: int = PARTS) -> dict:
    """The 40-part book: full parallel build (CPU, wall) against typst, and
    the rebuild after a one-paragraph edit, without SOURCE_DATE_EPOCH
    (`vocal`: its verses and quotations fully vocalized)."""
    from bench.bench_suite import edited, prepare
    from bench.measure import median
    from bench.typst_book import compile_command

    inputs, _ = prepare(workdir / "book", parts, vocal)
    held = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        full, typst = [], []
        for i in range(runs):
            full.append(measure(cli("pdf", inputs.root, workdir / f"book-out{i}")))
            typst.append(measure(compile_command(inputs.typst, workdir / f"typst-{i}.pdf")))
        out = workdir / "book-out0"
        before = cache_state(out)
        with edited(inputs):
            edit = measure(cli("pdf", inputs.root, out))
        edit_docs = typeset_since(out, before)
    finally:
        if held is not None:
            os.environ["SOURCE_DATE_EPOCH"] = held
    w, t = median(full), median(typst)
    return {
        "parts": parts,
        "vocalized": vocal,
        "runs": runs,
        "pages": pages(out / f"{inputs.slug}.pdf"),
        "pdf_seconds": round(w.seconds, 3),
        "pdf_cpu_seconds": round(w.cpu_seconds, 3),
        "typst_seconds": round(t.seconds, 3),
        "typst_cpu_seconds": round(t.cpu_seconds, 3),
        "pdf_over_typst": round(w.seconds / t.seconds, 3),
        "edit_seconds": round(edit.seconds, 3),
        "edit_cpu_seconds": round(edit.cpu_seconds, 3),
        "edit_documents": edit_docs,
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
    }


def _cpu(pid: int) -> float:
    """User + system seconds of a process and its waited-for children (/proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def resident(workdir: Path, edits: int = 3, vocal: bool = False, parts: int = PARTS) -> dict:
    """`warraq build --watch` on the 40-part book: after its first build,
    `edits` one-paragraph edits (each a different clause, to its middle
    part), each timed from the write to the PDF on disk (its mtime), with the
    builder's CPU seconds (its own and its workers')."""
    import subprocess

    from bench.bench_suite import EDIT, prepare

    inputs, _ = prepare(workdir / "resident", parts, vocal)
    out = workdir / "resident-out"
    pdf = out / f"{inputs.slug}.pdf"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    command = [*cli("pdf", inputs.root, out)[:-1], str(out), "--watch"]
    log = (workdir / "resident.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    seconds, cpu = [], []
    try:
        start = time.perf_counter()
        while not pdf.exists():
            time.sleep(0.05)
            if process.poll() is not None or time.perf_counter() - start > 1800:
                raise RuntimeError("the resident build did not start")
        first = time.perf_counter() - start
        time.sleep(2)  # the watching starts after the first build
        original = inputs.edit_file.read_text("utf-8")
        for i in range(edits):
            lines = original.split("\n")
            lines[inputs.edit_line - 1] += EDIT * (i + 1)
            before, cpu_before = pdf.stat().st_mtime_ns, _cpu(process.pid)
            t0 = time.perf_counter()
            inputs.edit_file.write_text("\n".join(lines), "utf-8")
            while pdf.stat().st_mtime_ns == before:
                time.sleep(0.005)
                if time.perf_counter() - t0 > 600:
                    raise RuntimeError("no rebuild after an edit")
            seconds.append(time.perf_counter() - t0)
            time.sleep(0.5)  # the report and the builder's line, after the PDF
            cpu.append(_cpu(process.pid) - cpu_before)
        inputs.edit_file.write_text(original, "utf-8")
    finally:
        process.terminate()
        process.wait(60)
        log.close()
    return {
        "parts": parts,
        "vocalized": vocal,
        "first_build_seconds": round(first, 3),
        "edit_seconds": [round(s, 3) for s in seconds],
        "edit_cpu_seconds": [round(c, 3) for c in cpu],
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
    }


def run(workdir: Path) -> dict:
    default = ROOT / "manuscript"
    series = write_series(workdir, PARTS, sources=True)
    figures: dict = {"runs": RUNS, "parts": PARTS}

    pdf_runs = [measure(cli("pdf", default, workdir / f"default{i}"), ENV) for i in range(RUNS)]
    html_runs = [measure(cli("html", default, workdir / f"default-html{i}"), ENV) for i in range(RUNS)]
    figures["default"] = {
        "pages": pages(workdir / "default0" / "buqat-daw.pdf"),
        "pdf_seconds": round(statistics.median(r.seconds for r in pdf_runs), 3),
        "pdf_peak_mib": round(statistics.median(r.peak_mib for r in pdf_runs), 1),
        "html_seconds": round(statistics.median(r.seconds for r in html_runs), 3),
        "all_pdf_seconds": [round(r.seconds, 3) for r in pdf_runs],
    }

    built = measure(cli("pdf", series, workdir / "series"), ENV)
    html_built = measure(cli("html", series, workdir / "series-html"), ENV)
    pdf = workdir / "series" / f"series-{PARTS}.pdf"
    figures["series"] = {
        "pages": pages(pdf),
        "pdf_bytes": pdf.stat().st_size,
        "pdf_seconds": round(built.seconds, 3),
        "pdf_peak_mib": round(built.peak_mib, 1),
        "html_seconds": round(html_built.seconds, 3),
        **steps(series),
    }
    figures["saves"] = saves(workdir)
    figures["book"] = book(workdir)
    return figures


def markdown(f: dict) -> str:
    d, s = f["default"], f["series"]
    patch = s["write_seconds_exact_text"] - s["write_seconds_unpatched"]
    return "\n".join(
        [
            "## PDF: build time and peak memory",
            "",
            "| book | pages | PDF build (s) | peak memory (MiB) | HTML build, same pipeline (s) |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| default book (median of {f['runs']}) | {d['pages']} | {d['pdf_seconds']} | {d['pdf_peak_mib']} "
            f"| {d['html_seconds']} |",
            f"| generated {f['parts']}-part book | {s['pages']} | {s['pdf_seconds']} | {s['pdf_peak_mib']} "
            f"| {s['html_seconds']} |",
            "",
            f"{f['parts']}-part book, PDF writer step by step (in-process): print HTML {s['print_html_seconds']} s, "
            f"WeasyPrint layout {s['layout_seconds']} s, writing the PDF {s['write_seconds_unpatched']} s "
            f"without the exact-text patch and {s['write_seconds_exact_text']} s with it "
            f"({patch:+.3f} s, {s['exact_text_aliases']} alias codes).",
            "",
            saves_markdown(f["saves"]) if "saves" in f else "",
            "",
            book_markdown(f["book"]) if "book" in f else "",
        ]
    )


def book_markdown(v: dict) -> str:
    return (
        f"{v['parts']}-part book ({v['pages']} pages, median of {v['runs']}, load average "
        f"{' '.join(v['loadavg'])}): parallel build from an empty cache {v['pdf_seconds']} s wall, "
        f"{v['pdf_cpu_seconds']} s CPU (all processes); typst {v['typst_seconds']} s wall "
        f"({v['pdf_over_typst']:.2f}×); after a one-paragraph edit without SOURCE_DATE_EPOCH "
        f"{v['edit_seconds']} s wall, {v['edit_cpu_seconds']} s CPU ({v['edit_documents']} typeset)."
    )


if __name__ == "__main__":
    import json
    import tempfile

    with tempfile.TemporaryDirectory(prefix="warraq-bench-pdf-") as tmp:
        # book [RUNS [PARTS]] | book-vocalized [RUNS [PARTS]]
        runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
        parts = int(sys.argv[3]) if len(sys.argv) > 3 else PARTS
        if sys.argv[1:2] in (["book"], ["book-vocalized"]):
            figures = book(Path(tmp), runs, sys.argv[1] == "book-vocalized", parts)
        elif sys.argv[1:2] == ["resident"]:  # resident [EDITS [PARTS]]
            figures = resident(Path(tmp), runs if len(sys.argv) > 2 else 3, parts=parts)
        else:
            figures = run(Path(tmp))
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        if "pdf_over_typst" in figures:
            print(book_markdown(figures))
        elif "first_build_seconds" not in figures:
            print(markdown(figures))


def saves_markdown(v: dict) -> str:
    return (
        f"{v['parts']}-part book without SOURCE_DATE_EPOCH: cold build {v['cold_seconds']} s "
        f"({v['cold_documents']} documents typeset); after `touch` on one part {v['touch_seconds']} s "
        f"({v['touch_documents']} typeset); after a one-paragraph edit {v['edit_seconds']} s "
        f"({v['edit_documents']} typeset, {v['edit_over_cold']:.2f} of the cold build)."
    )
