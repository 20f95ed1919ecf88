"""The benchmark suite against peers: warraq's EPUB against pandoc, its PDF
against typst, and its incremental PDF rebuild, on generated series of 10,
40 and 160 parts (bench/series.py: distinct parts, the seed's footnotes,
verses and quotations).

For each size, on the same text and in the same run:

* `warraq build --format epub` against `pandoc book.md -o book.epub`
  (bench/pandoc_book.py: the book warraq builds, as Markdown);
* `warraq build --format pdf` against typst compiling the same book with the
  same page, margins, type, footnotes and contents (bench/typst_book.py);
  both page counts are reported, and must be within 10% of each other;
* warraq's incremental PDF rebuild: a one-paragraph edit (a clause added to
  a paragraph in the middle of the middle part), rebuilt into the same
  output folder, so that whatever that folder caches (`build/.cache/`) can
  be reused.  Without such a cache it is simply a second full build.

Every command runs in a fresh process (bench/measure.py: wall time, CPU time
and the peak memory of its whole process tree).  Each full PDF build gets an
empty output folder and an empty `XDG_CACHE_HOME`, so it reuses nothing from
an earlier run; the EPUB builds share one font-subset cache, warmed by a
build that is not counted (an author's repeated builds).  Peers get their
input ready-made: reading the parts and the transforms (dedup, Qur'an,
sources, notes) are warraq's work alone and are in its times.

Runs are interleaved across tools (warraq EPUB, pandoc, warraq PDF, typst,
incremental; then again) and the median is reported: 3 runs at 10 and 40
parts, 1 at 160 (its single-pass PDF takes minutes).  The machine is shared
and noisy: the ratios are the result.  The growth exponent of time against
parts is the least-squares slope on log-log axes over the sizes run.
"""

from __future__ import annotations

import collections
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.measure import Sample, growth_exponent, measure, median
from bench.pandoc_book import pandoc_command, pandoc_markdown
from bench.series import write_series
from bench.typst_book import compile_command, typst_source

SIZES = (10, 40, 160)
ENV = {"SOURCE_DATE_EPOCH": "1767225600"}
TOOLS = ("warraq-epub", "pandoc-epub", "warraq-pdf", "typst-pdf", "warraq-pdf-incremental")
LABELS = {
    "warraq-epub": "warraq EPUB",
    "pandoc-epub": "pandoc EPUB",
    "warraq-pdf": "warraq PDF",
    "typst-pdf": "typst PDF",
    "warraq-pdf-incremental": "warraq PDF, incremental",
}
# the added clause of the one-paragraph edit
EDIT = " وهذه جملة أضافها الكاتب بعد المراجعة."
PAGES_TOLERANCE = 0.10
TARGET_PARTS = 40  # the targets are for the 40-part book
TARGETS = {  # figure: upper bound
    "pdf_over_typst": 1.5,
    "incremental_over_full": 0.25,
    "incremental_over_typst": 1.0,
    "epub_over_pandoc": 0.5,
    "pdf_peak_mb": 600.0,
    "pdf_growth_exponent": 1.1,
}


def runs_for(parts: int) -> int:
    """3 runs up to 40 parts; 1 above (a 160-part single-pass PDF takes minutes)."""
    return 3 if parts <= 40 else 1


@dataclass(frozen=True)
class Inputs:
    """One size's book: warraq's manuscript and the peers' sources."""

    parts: int
    root: Path
    markdown: Path
    typst: Path
    slug: str
    edit_file: Path
    edit_line: int  # 1-based


def _edit_target(root: Path, parts: int) -> tuple[Path, int]:
    """The paragraph to edit: the middle plain paragraph of the middle part."""
    path = root / "parts" / f"{(parts + 1) // 2:04d}.txt"
    lines = path.read_text("utf-8").split("\n")
    plain = [
        i
        for i, line in enumerate(lines)
        if i > 0 and len(line.split()) >= 8 and not line.endswith(":") and line[:1] not in "«“﴿{"
    ]
    return path, plain[len(plain) // 2] + 1


def _generator_figures(findings: list) -> dict:
    """What the transforms found in the generated series (for the check
    that it has the seed's proportions)."""
    rules = collections.Counter(f"{f.kind}/{f.rule}" for f in findings)
    kinds = collections.Counter(f.kind for f in findings)
    return {
        "notes": kinds["note"],
        "quran_refs": kinds["quran"],
        "dedup": kinds["dedup"],
        "unsourced": kinds["unsourced"],
        "rules": dict(sorted(rules.items())),
    }


def prepare(workdir: Path, parts: int, vocal: bool = False) -> tuple[Inputs, dict]:
    """Write the series and the peers' sources of the same book (`vocal`:
    its verses and quotations fully vocalized)."""
    from warraq.pipeline import BuildOptions, load, transform

    root = write_series(workdir, parts, sources=True, vocal=vocal)
    # the peers' translations (pandoc_book.py, typst_book.py) set no indexes:
    # the book they are compared on has none either
    with (root / "book.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n[apparatus]\nquran = false\nhadith = false\nsources = false\npublications = false\n")
    config, book, findings = load(root)
    book, found = transform(book, config, BuildOptions(("pdf",)))
    markdown = workdir / f"pandoc-{parts}.md"
    markdown.write_text(pandoc_markdown(book), "utf-8")
    typst = workdir / f"typst-{parts}.typ"
    typst.write_text(typst_source(book, config), "utf-8")
    edit_file, edit_line = _edit_target(root, parts)
    words = sum(len(p.read_text("utf-8").split()) for p in (root / "parts").glob("*.txt"))
    generator = {"parts": parts, "words": words, **_generator_figures(findings + found)}
    return Inputs(parts, root, markdown, typst, config.slug, edit_file, edit_line), generator


@contextmanager
def edited(inputs: Inputs) -> Iterator[None]:
    """The one-paragraph edit, undone afterwards."""
    original = inputs.edit_file.read_text("utf-8")
    lines = original.split("\n")
    lines[inputs.edit_line - 1] += EDIT
    inputs.edit_file.write_text("\n".join(lines), "utf-8")
    try:
        yield
    finally:
        inputs.edit_file.write_text(original, "utf-8")


def pages(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


def text_pages(pdf: Path) -> int:
    """warraq's pages without the colophon at the back and the blank page
    that may stand before it (writers/pdf/documents.py): back matter the
    peers' books do not have, so not compared."""
    import subprocess

    count = pages(pdf)
    before = subprocess.run(
        ["pdftotext", "-f", str(count - 1), "-l", str(count - 1), str(pdf), "-"], capture_output=True, check=True
    )
    return count - 1 - (not before.stdout.strip())


def warraq(fmt: str, root: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "warraq", "build", "--format", fmt, "--quiet", "-m", str(root), "-o", str(out)]


def measure_size(workdir: Path, parts: int, runs: int) -> dict:
    """Every tool on one size's book, `runs` times, interleaved."""
    work = workdir / f"size-{parts}"
    work.mkdir()
    inputs, generator = prepare(work, parts)
    fonts = {**ENV, "XDG_CACHE_HOME": str(work / "font-cache")}
    measure(warraq("epub", inputs.root, work / "warm-up"), fonts)  # fills the font-subset cache; not counted
    samples: dict[str, list[Sample]] = {tool: [] for tool in TOOLS}
    page_counts: dict[str, list[int]] = {"warraq": [], "typst": [], "warraq_after_edit": []}
    for i in range(runs):
        print(f"bench: suite: {parts} parts, run {i + 1}/{runs}", file=sys.stderr, flush=True)
        samples["warraq-epub"].append(measure(warraq("epub", inputs.root, work / f"epub-{i}"), fonts))
        samples["pandoc-epub"].append(measure(pandoc_command(inputs.markdown, work / f"pandoc-{i}.epub"), ENV))
        out = work / f"pdf-{i}"
        fresh = {**ENV, "XDG_CACHE_HOME": str(work / f"pdf-cache-{i}")}
        samples["warraq-pdf"].append(measure(warraq("pdf", inputs.root, out), fresh))
        page_counts["warraq"].append(text_pages(out / f"{inputs.slug}.pdf"))
        typst_pdf = work / f"typst-{i}.pdf"
        samples["typst-pdf"].append(measure(compile_command(inputs.typst, typst_pdf), ENV))
        page_counts["typst"].append(pages(typst_pdf))
        before = (out / f"{inputs.slug}.pdf").read_bytes()
        with edited(inputs):
            samples["warraq-pdf-incremental"].append(measure(warraq("pdf", inputs.root, out), fresh))
        if (out / f"{inputs.slug}.pdf").read_bytes() == before:
            raise RuntimeError(f"the incremental rebuild of {parts} parts wrote the same PDF: the edit is missing")
        page_counts["warraq_after_edit"].append(text_pages(out / f"{inputs.slug}.pdf"))
    return figures_of_size(parts, runs, samples, page_counts, inputs, generator)


def figures_of_size(
    parts: int,
    runs: int,
    samples: dict[str, list[Sample]],
    page_counts: dict[str, list[int]],
    inputs: Inputs,
    generator: dict,
) -> dict:
    med = {tool: median(s) for tool, s in samples.items()}
    sec = {tool: m.seconds for tool, m in med.items()}
    warraq_pages, typst_pages = page_counts["warraq"][0], page_counts["typst"][0]
    return {
        "parts": parts,
        "runs": runs,
        "load_average": round(os.getloadavg()[0], 2),
        "tools": {
            tool: {
                "seconds": round(m.seconds, 3),
                "cpu_seconds": round(m.cpu_seconds, 3),
                "peak_mb": round(m.peak_bytes / 1e6, 1),
                "all_seconds": [round(s.seconds, 3) for s in samples[tool]],
            }
            for tool, m in med.items()
        },
        "ratios": {
            "epub_over_pandoc": round(sec["warraq-epub"] / sec["pandoc-epub"], 3),
            "pdf_over_typst": round(sec["warraq-pdf"] / sec["typst-pdf"], 3),
            "incremental_over_full": round(sec["warraq-pdf-incremental"] / sec["warraq-pdf"], 3),
            "incremental_over_typst": round(sec["warraq-pdf-incremental"] / sec["typst-pdf"], 3),
            "epub_memory_over_pandoc": round(med["warraq-epub"].peak_bytes / med["pandoc-epub"].peak_bytes, 3),
            "pdf_memory_over_typst": round(med["warraq-pdf"].peak_bytes / med["typst-pdf"].peak_bytes, 3),
        },
        "pages": {
            "warraq": warraq_pages,
            "typst": typst_pages,
            "warraq_after_edit": page_counts["warraq_after_edit"][0],
            "difference": round(warraq_pages / typst_pages - 1, 4),
            "within_tolerance": abs(warraq_pages / typst_pages - 1) <= PAGES_TOLERANCE,
            "all": page_counts,
        },
        "edit": {"file": inputs.edit_file.name, "line": inputs.edit_line, "added": EDIT.strip()},
        "generator": generator,
    }


def targets(sizes: list[dict], growth: dict[str, float | None]) -> dict:
    """The issue's targets, checked on the size nearest 40 parts."""
    at = min(sizes, key=lambda s: abs(s["parts"] - TARGET_PARTS))
    values = {
        **{k: at["ratios"][k] for k in ("pdf_over_typst", "incremental_over_full", "incremental_over_typst")},
        "epub_over_pandoc": at["ratios"]["epub_over_pandoc"],
        "pdf_peak_mb": max(at["tools"][t]["peak_mb"] for t in ("warraq-pdf", "warraq-pdf-incremental")),
        "pdf_growth_exponent": growth.get("warraq-pdf"),
    }
    return {
        "at_parts": at["parts"],
        "checks": {
            name: {"value": value, "bound": bound, "met": None if value is None else value <= bound}
            for name, (value, bound) in ((n, (values[n], b)) for n, b in TARGETS.items())
        },
    }


def run(workdir: Path, sizes: Sequence[int] = SIZES, runs: int | None = None) -> dict:
    results = [measure_size(workdir, parts, runs or runs_for(parts)) for parts in sorted(sizes)]
    growth: dict[str, float | None] = {}
    for tool in TOOLS:
        points = [(s["parts"], s["tools"][tool]["seconds"]) for s in results]
        growth[tool] = round(growth_exponent(points), 3) if len(points) > 1 else None
    return {
        "sizes": results,
        "growth_exponent": growth,
        "targets": targets(results, growth),
        "pages_tolerance": PAGES_TOLERANCE,
    }


TARGET_LABELS = {
    "pdf_over_typst": "full PDF build / typst",
    "incremental_over_full": "incremental rebuild / full PDF build",
    "incremental_over_typst": "incremental rebuild / typst",
    "epub_over_pandoc": "EPUB build / pandoc",
    "pdf_peak_mb": "PDF build peak memory, all processes (MB)",
    "pdf_growth_exponent": "PDF time growth exponent over the sizes run",
}


def _row(cells: list) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def markdown(f: dict) -> str:
    sizes = f["sizes"]
    runs = ", ".join(f"{s['runs']} at {s['parts']}" for s in sizes)
    out = [
        "## warraq against pandoc (EPUB) and typst (PDF), generated series",
        "",
        f"Wall time in seconds, median of the runs ({runs} parts; runs interleaved across tools):",
        "",
        _row(["parts", *(LABELS[t] for t in TOOLS)]),
        _row(["---:"] * (len(TOOLS) + 1)),
    ]
    out += [_row([s["parts"], *(s["tools"][t]["seconds"] for t in TOOLS)]) for s in sizes]
    out += [
        "",
        "Ratios of wall time (the result; the machine is shared and noisy):",
        "",
        _row(["parts", "EPUB warraq/pandoc", "PDF warraq/typst", "incremental/full PDF", "incremental/typst"]),
        _row(["---:"] * 5),
    ]
    keys = ("epub_over_pandoc", "pdf_over_typst", "incremental_over_full", "incremental_over_typst")
    out += [_row([s["parts"], *(s["ratios"][k] for k in keys)]) for s in sizes]
    out += [
        "",
        "Pages of the two PDFs, and peak memory of each command's whole process tree (MB):",
        "",
        _row(["parts", "pages warraq", "pages typst", "difference", *(LABELS[t] for t in TOOLS)]),
        _row(["---:"] * (len(TOOLS) + 4)),
    ]
    for s in sizes:
        p = s["pages"]
        diff = f"{p['difference']:+.1%}" + ("" if p["within_tolerance"] else " (over 10%)")
        out.append(_row([s["parts"], p["warraq"], p["typst"], diff, *(s["tools"][t]["peak_mb"] for t in TOOLS)]))
    growth = f["growth_exponent"]
    if any(v is not None for v in growth.values()):
        first, last = sizes[0]["parts"], sizes[-1]["parts"]
        fitted = ", ".join(f"{LABELS[t]} {growth[t]}" for t in TOOLS)
        out += ["", f"Growth exponent of time against parts, {first} to {last} (1.0 = linear): {fitted}."]
    t = f["targets"]
    out += [
        "",
        f"The issue's targets, at {t['at_parts']} parts:",
        "",
        _row(["target", "value", "bound", "met"]),
        _row(["---", "---:", "---:", ":---:"]),
    ]
    for name, check in t["checks"].items():
        if check["met"] is None:
            value, met = "—", "n/a (one size)"
        else:
            value, met = check["value"], "yes" if check["met"] else "**no**"
        out.append(_row([TARGET_LABELS[name], value, f"≤ {check['bound']}", met]))
    gen = [s["generator"] for s in sizes]
    out += [
        "",
        "Generated series (bench/series.py), as the transforms saw them: "
        + "; ".join(
            f"{g['parts']} parts, {g['words']:,} words, {g['notes']} source notes, {g['quran_refs']} Qur'an "
            f"references, {g['dedup']} repeats removed, {g['unsourced']} unsourced quotations"
            for g in gen
        )
        + ". The incremental rebuild adds a clause to one paragraph of the middle part"
        + " ("
        + ", ".join(
            f"{s['parts']} parts: {s['pages']['warraq']} → {s['pages']['warraq_after_edit']} pages" for s in sizes
        )
        + ").",
    ]
    return "\n".join(out)


def plot(f: dict, out: Path) -> Path:
    """build/bench.png: time against parts for each tool."""
    from bench.plot import time_plot

    series = {LABELS[t]: [(s["parts"], s["tools"][t]["seconds"]) for s in f["sizes"]] for t in TOOLS}
    title = f"warraq against pandoc and typst: wall time, median ({date.today()}, {os.cpu_count()} cores)"
    return time_plot(series, out / "bench.png", title=title)
