"""Kashida justification against spaces (issue 18): the default book and a
generated 10-part series, each typeset with `[print] justify = "spaces"`
and `"kashida"` in this process (the print HTML of the single engine,
WeasyPrint's layout and writing, the exact-text patch on, no cache).

For each book and setting: the word-space stretch of the justified lines
(bench/kashida_spaces.py: median, p95, max of gap / natural space width),
the elongations per line, the pages, the typesetting CPU seconds (the best of
RUNS and the first run, the two settings interleaved: words shaped for
kashida are kept per font configuration, so later runs find them), and the text: the Arabic letters and
tatweels poppler extracts from the kashida PDF against the spaces PDF
(whose text the PDF tests check against the manuscript).

`python -m bench kashida` writes the figures; `python -m bench.bench_kashida
--figures` renders a page of each book with both settings side by side
into docs/ (pdftoppm), as the README shows.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path

from bench.kashida_spaces import measure
from bench.series import write_series

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PARTS = 10
RUNS = 2
SETTINGS = ("spaces", "kashida")
LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")  # letters and the tatweel U+0640
FIGURE_PAGES = {"default": 8, "series": 14}  # a page of running text in each book


def typeset_book(manuscript: Path, justify: str) -> tuple[bytes, int, float]:
    """(PDF, pages, CPU seconds typesetting) of the book with this setting.
    CPU time, not wall time: the machine is shared, and the typesetting is
    one thread in this process."""
    from warraq.pipeline import BuildOptions, load, transform
    from warraq.writers.pdf.typeset import VARIANTS, typeset
    from warraq.writers.pdf.writer import print_html

    config, book, _ = load(manuscript)
    config = replace(config, print=replace(config.print, justify=justify, engine="single"))
    book, _ = transform(book, config, BuildOptions(("pdf",)))
    html = print_html(book, config)
    start = time.process_time()
    done = typeset(html, str(config.root), VARIANTS[config.print.pdf_variant])
    return done.data, done.pages, time.process_time() - start


def extracted_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def word_changes(spaces: str, kashida: str) -> tuple[int, int]:
    """(words the kashida text breaks that the spaces text has whole, words
    it has whole that the spaces text breaks), from poppler's words."""
    a, b = spaces.split(), kashida.split()
    broken = mended = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            broken += max(0, (j2 - j1) - (i2 - i1))
            mended += max(0, (i2 - i1) - (j2 - j1))
    return broken, mended


def compare(manuscript: Path, workdir: Path, name: str) -> dict:
    found: dict = {}
    seconds: dict[str, list[float]] = {s: [] for s in SETTINGS}
    for _ in range(RUNS):
        for justify in SETTINGS:
            data, pages, took = typeset_book(manuscript, justify)
            seconds[justify].append(took)
            pdf = workdir / f"{name}-{justify}.pdf"
            pdf.write_bytes(data)
            found[justify] = {"pages": pages, "pdf": str(pdf)}
    for justify in SETTINGS:
        pdf = Path(found[justify]["pdf"])
        found[justify].update(measure(pdf).summary())
        found[justify]["seconds"] = round(min(seconds[justify]), 3)
        found[justify]["seconds_first"] = round(seconds[justify][0], 3)
    texts = [extracted_text(Path(found[s]["pdf"])) for s in SETTINGS]
    found["words_broken"], found["words_mended"] = word_changes(*texts)
    spaces, kashida = (Counter(LETTER.findall(t)) for t in texts)
    found["letters_lost"] = sum((spaces - kashida).values())
    found["letters_added"] = sum((kashida - spaces).values())
    found["tatweels_extracted"] = {s: c["\u0640"] for s, c in zip(SETTINGS, (spaces, kashida), strict=True)}
    found["seconds_ratio"] = round(found["kashida"]["seconds"] / found["spaces"]["seconds"], 3)
    found["seconds_ratio_first"] = round(found["kashida"]["seconds_first"] / found["spaces"]["seconds_first"], 3)
    found["pages_ratio"] = round(found["kashida"]["pages"] / found["spaces"]["pages"], 3)
    return found


def run(workdir: Path) -> dict:
    series = write_series(workdir, PARTS, sources=True)
    return {
        "runs": RUNS,
        "default": compare(ROOT / "manuscript", workdir, "default"),
        "series": compare(series, workdir, "series"),
    }


def markdown(f: dict) -> str:
    rows = [
        "## Kashida justification against spaces",
        "",
        "| book | setting | pages | justified lines | space stretch median | p95 | max "
        "| kashidas per line | typeset (CPU s) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for book in ("default", "series"):
        for s in SETTINGS:
            d = f[book][s]
            rows.append(
                f"| {book} | {s} | {d['pages']} | {d['lines']} | {d['median']} | {d['p95']} | {d['max']} "
                f"| {d['joins_per_line']} | {d['seconds']} |"
            )
    for book in ("default", "series"):
        d = f[book]
        rows.append("")
        rows.append(
            f"{book}: kashida/spaces typesetting time {d['seconds_ratio']}× (best of {f['runs']}; "
            f"first run {d['seconds_ratio_first']}×), pages {d['pages_ratio']}×, "
            f"letters lost {d['letters_lost']}, added {d['letters_added']}, "
            f"tatweels in the extracted text {d['tatweels_extracted']}; words poppler breaks that "
            f"it has whole with spaces {d['words_broken']}, and mends {d['words_mended']}."
        )
    return "\n".join(rows)


def side_by_side(
    spaces_pdf: Path, kashida_pdf: Path, page: int, out: Path, dpi: int = 80, crop: tuple | None = None
) -> Path:
    """The page with both settings next to each other (kashida on the right,
    where an Arabic reader starts), as one PNG; `crop` (x, y, w, h) in
    pixels at that resolution."""
    from PIL import Image

    images = []
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in (spaces_pdf, kashida_pdf):
            stem = Path(tmp) / pdf.stem
            pages = ["-f", str(page), "-l", str(page), "-singlefile"]
            if crop:
                pages += ["-x", str(crop[0]), "-y", str(crop[1])]
                pages += ["-W", str(crop[2]), "-H", str(crop[3])]
            subprocess.run(["pdftoppm", "-png", "-r", str(dpi), *pages, str(pdf), str(stem)], check=True)
            images.append(Image.open(f"{stem}.png").convert("RGB"))
    gap = 12
    width = sum(i.width for i in images) + gap
    canvas = Image.new("RGB", (width, max(i.height for i in images)), "white")
    canvas.paste(images[1], (images[0].width + gap, 0))  # kashida, right
    canvas.paste(images[0], (0, 0))  # spaces, left
    canvas.save(out, optimize=True)
    return out


def figures(workdir: Path) -> list[Path]:
    series = write_series(workdir, PARTS, sources=True)
    made = []
    for name, manuscript in (("default", ROOT / "manuscript"), ("series", series)):
        pdfs = []
        for justify in SETTINGS:
            data, _, _ = typeset_book(manuscript, justify)
            pdf = workdir / f"{name}-{justify}.pdf"
            pdf.write_bytes(data)
            pdfs.append(pdf)
        made.append(side_by_side(*pdfs, FIGURE_PAGES[name], DOCS / f"kashida-{name}.png"))
        if name == "default":  # the top of the page, large enough to see the joins
            crop = (110, 150, 1000, 345)
            made.append(side_by_side(*pdfs, FIGURE_PAGES[name], DOCS / "kashida-detail.png", 200, crop))
    return made


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", action="store_true", help="render the side-by-side pages into docs/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.figures:
            for path in figures(Path(tmp)):
                print(path)
        else:
            import json

            print(json.dumps(run(Path(tmp)), indent=2, ensure_ascii=False))
