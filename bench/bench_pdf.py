"""PDF build time and peak memory: the default book and a generated 40-part book.

Each build is the real CLI (`warraq build --format pdf`) in a subprocess:
wall time, and peak memory of the whole process tree (bench/measure.py).
The default book is built 3 times and the median reported; the 40-part book
once.  The same builds with `--format html` show
the PDF writer's own share apart from the shared pipeline.

For the 40-part book the PDF writer is also timed in-process, step by step:
the print HTML, WeasyPrint's layout, and writing the PDF with and without
the exact-text patch (writers/pdf_text.py), so its cost shows.  The comparison
with typst, and the incremental rebuild, are the suite's (bench_suite.py).
"""

from __future__ import annotations

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
    from warraq.writers.pdf import print_html
    from warraq.writers.pdf_text import exact_text

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
        ]
    )
