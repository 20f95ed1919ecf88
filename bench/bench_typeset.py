"""A typesetter's read of the print PDF, measured (issue 26): lines past the
text frame, Qur'an references opening a line, the page count's parity,
the kashida's density, and how the text extracts (pdftotext's split words).

Three books: the default book (manuscript/), the 10-part series made by
bench/series.py, and the same kind of series written as Word files
(bench/bench_docx.py's parts, 10 of them).  Each is built through the CLI
twice: by warraq as it was at `--before REV` (`git archive` of its src/) and
as it is; the figures of both are reported side by side.

What is measured, from the PDF alone (pdfminer's glyph boxes, poppler's
pdftotext):

* **frame**: glyph boxes (advance boxes) past the text frame, the page
  minus print.css's margins (20 mm inside, 13 mm outside; page 1 is a left
  page), by more than FRAME_PT;
* **reference openings**: lines whose first glyph (the rightmost) opens a
  Qur'an reference `[السورة: الآية]`;
* **pages**: the page count of `--profile print` (even: a printed book);
* **kashida**: elongated joins per justified body line, the share of the
  elongated words that have two or three letters, the word-space stretch
  (kashida_spaces.py: median, p95);
* **split words**: pdftotext's words that are not words of the book but
  join with the next one into a word of the book («قيسار ية»), per 100
  words; and the same in the running heads alone.

    python -m bench.bench_typeset [--before REV] [--out DIR]
    python -m bench.bench_typeset --out DIR --measure   (the books already built there)
"""

from __future__ import annotations

import argparse
import html as htmllib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar

from bench.kashida_spaces import glyphs_of, measure, tatweels_of
from bench.series import BOOK_TOML, SERIES, write_series

ROOT = Path(__file__).resolve().parents[1]
MM = 72 / 25.4
INNER_MM, OUTER_MM = 20.0, 13.0  # print.css's page margins (screen profile)
FRAME_PT = 0.5  # a glyph box may reach this far past the frame (rounding, a hanging mark)
WORD_PARTS = 10
LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")
WORD = re.compile(r"[\u0621-\u065f\u0670-\u06d3\u0640]+")
REFERENCE = re.compile(r"^[\[\]][\u0621-\u064a\u0671-\u06d3 ]{2,24}:")


# ---------------------------------------------------------------------- glyphs


def lines_of(chars: list[LTChar]) -> list[list[LTChar]]:
    """Glyphs grouped by baseline (a smaller reference or a raised note
    call joins its line: each glyph within 0.35 of the larger size of it
    and the glyph above it; lines are 1.75 em apart)."""
    lines: list[list[LTChar]] = []
    for char in sorted(chars, key=lambda c: -c.matrix[5]):
        last = lines[-1][-1] if lines else None
        if last is not None and abs(last.matrix[5] - char.matrix[5]) <= 0.35 * max(char.size, last.size):
            lines[-1].append(char)
        else:
            lines.append([char])
    return lines


def pages(pdf: Path):
    """(page number, page width, lines of glyphs) of each page."""
    for number, page in enumerate(extract_pages(pdf, laparams=LAParams()), 1):
        yield number, page.width, lines_of(glyphs_of(page))


def visual_text(line: list[LTChar]) -> str:
    """The line's text from right to left (an Arabic line's logical order,
    digits aside)."""
    return "".join(c.get_text() for c in sorted(line, key=lambda c: -c.x0))


@dataclass
class Fault:
    page: int
    text: str
    left: float  # pt past the frame's left edge (positive: past it)
    right: float


def frame(number: int, width: float, inner_mm: float = INNER_MM, outer_mm: float = OUTER_MM) -> tuple[float, float]:
    """(left, right) x of the text frame: the binding is on the right of
    a left page (odd pages: page 1 is a left page)."""
    if number % 2:
        return outer_mm * MM, width - inner_mm * MM
    return inner_mm * MM, width - outer_mm * MM


def frame_faults(pdf: Path, inner_mm: float = INNER_MM, outer_mm: float = OUTER_MM) -> list[Fault]:
    found = []
    for number, width, lines in pages(pdf):
        left, right = frame(number, width, inner_mm, outer_mm)
        for line in lines:
            drawn = [c for c in line if c.width > 0]
            if not drawn:
                continue
            x0, x1 = min(c.x0 for c in drawn), max(c.x1 for c in drawn)
            if x0 < left - FRAME_PT or x1 > right + FRAME_PT:
                found.append(Fault(number, visual_text(line)[:60], round(left - x0, 2), round(x1 - right, 2)))
    return found


def reference_openings(pdf: Path) -> list[tuple[int, str]]:
    """Lines that open with a Qur'an reference `[السورة: الآية]`."""
    found = []
    for number, _, lines in pages(pdf):
        for line in lines:
            text = visual_text(line).strip()
            if REFERENCE.match(text):
                found.append((number, text[:40]))
    return found


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M)[1])


# ---------------------------------------------------------------------- kashida


def kashida(pdf: Path) -> dict:
    """Elongations per justified line, the share of short words among the
    elongated ones, and the word-space stretch."""
    report = measure(pdf)
    summary = report.summary()
    wanted = {(line.page, round(line.baseline, 1)) for line in report.lines}
    elongated = short = words = short_words = 0
    for number, _, lines in pages(pdf):
        for line in lines:
            if (number, round(line[0].matrix[5], 1)) not in wanted:
                continue
            for word in split_words(line):
                count = sum(1 for c in word if LETTER.match(c.get_text() or "-"))
                if count == 0:
                    continue
                words += 1
                short_words += 2 <= count <= 3
                if any(tatweels_of(c) for c in word):
                    elongated += 1
                    short += 2 <= count <= 3
    return {
        "lines": summary.get("lines", 0),
        "elongations_per_line": summary.get("joins_per_line", 0),
        "max_per_line": summary.get("max_joins_per_line", 0),
        "short_share_of_elongated": round(100 * short / max(1, elongated), 1),
        "short_words_elongated": round(100 * short / max(1, short_words), 1),
        "space_median": summary.get("median"),
        "space_p95": summary.get("p95"),
    }


def split_words(line: list[LTChar]) -> list[list[LTChar]]:
    words: list[list[LTChar]] = [[]]
    for char in sorted(line, key=lambda c: -c.x0):
        if char.get_text() == " ":
            words.append([])
        else:
            words[-1].append(char)
    return [w for w in words if w]


# ---------------------------------------------------------------------- extraction


def vocabulary(html_dir: Path) -> set[str]:
    """The words of the book, from its HTML rendering."""
    words: set[str] = set()
    for page in html_dir.glob("*.html"):
        text = htmllib.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8")))
        words.update(WORD.findall(text))
    return words


def split_rate(pdf: Path, words: set[str]) -> dict:
    """pdftotext's split words: a token that is not a word of the book and
    makes one with the next token; per 100 tokens, in the body and in the
    running heads (the first line of a page with a folio)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    total = split = head_split = head_total = 0
    for page in text.stdout.split("\f"):
        lines = [line for line in page.split("\n") if line.strip()]
        for index, line in enumerate(lines):
            tokens = WORD.findall(line)
            if not tokens:
                continue
            head = index == 0 and len(lines) > 2
            for a, b in zip(tokens, [*tokens[1:], ""], strict=True):
                broken = bool(b) and a not in words and (a + b) in words
                total += 1
                split += broken
                if head:
                    head_total += 1
                    head_split += broken
    return {
        "words": total,
        "split": split,
        "split_rate_pct": round(100 * split / max(1, total), 3),
        "head_split": head_split,
        "head_words": head_total,
    }


# ---------------------------------------------------------------------- books


def word_series(directory: Path, parts: int = WORD_PARTS) -> Path:
    """A series of Word parts (bench_docx.py's generated parts)."""
    from bench.bench_docx import part_docx

    root = directory / f"word-{parts}"
    (root / "parts").mkdir(parents=True, exist_ok=True)
    (root / "book.toml").write_text(BOOK_TOML.format(title=SERIES, n=parts), "utf-8")
    (root / "sources.toml").write_text("", "utf-8")
    for n in range(1, parts + 1):
        (root / "parts" / f"{n:04d}.docx").write_bytes(part_docx(n)[0])
    return root


def books(workdir: Path) -> dict[str, Path]:
    return {
        "default": ROOT / "manuscript",
        "series-10": write_series(workdir / "series", 10),
        "word-10": word_series(workdir),
    }


def build(src: Path, manuscript: Path, out: Path, profile: str = "screen") -> Path:
    env = dict(os.environ, PYTHONPATH=str(src), SOURCE_DATE_EPOCH="1700000000")
    args = [sys.executable, "-m", "warraq", "build", "-f", "pdf", "-f", "html", "-m", str(manuscript), "-o", str(out)]
    if profile == "print":
        args += ["--profile", "print"]
    run = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT)
    if run.returncode:
        raise RuntimeError(run.stderr)
    return next(out.glob("*.pdf"))


def figures(src: Path, manuscript: Path, out: Path) -> dict:
    """Build the book (screen and print) into `out` and measure it."""
    build(src, manuscript, out / "screen")
    build(src, manuscript, out / "print", "print")
    return measured(out)


def measured(out: Path) -> dict:
    """The figures of a book built into `out` (screen/ and print/)."""
    pdf = next((out / "screen").glob("*.pdf"))
    printed = next((out / "print").glob("*.pdf"))
    faults = frame_faults(pdf)
    return {
        "pages": page_count(pdf),
        "print_pages": page_count(printed),
        "frame_faults": len(faults),
        "worst_pt": max((max(f.left, f.right) for f in faults), default=0.0),
        "reference_openings": len(reference_openings(pdf)),
        **kashida(pdf),
        **split_rate(pdf, vocabulary(out / "screen")),
    }


def source_at(rev: str, directory: Path) -> Path:
    """warraq's src/ as it was at `rev`."""
    data = subprocess.run(["git", "archive", rev, "src"], capture_output=True, check=True, cwd=ROOT).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(directory, filter="data")
    return directory / "src"


def run(workdir: Path, before: str | None = None) -> dict:
    found = {}
    sources = {"after": ROOT / "src"}
    if before:
        sources = {"before": source_at(before, workdir / "before"), **sources}
    for name, manuscript in books(workdir).items():
        for when, src in sources.items():
            found[f"{name} {when}"] = figures(src, manuscript, workdir / "out" / name / when)
    return found


COLUMNS = (
    "pages",
    "print_pages",
    "frame_faults",
    "worst_pt",
    "reference_openings",
    "elongations_per_line",
    "max_per_line",
    "short_share_of_elongated",
    "short_words_elongated",
    "space_median",
    "space_p95",
    "split_rate_pct",
    "head_split",
)


def markdown(found: dict) -> str:
    rows = ["| book | " + " | ".join(COLUMNS) + " |", "| --- |" + " ---: |" * len(COLUMNS)]
    for name, f in found.items():
        rows.append(f"| {name} | " + " | ".join(str(f.get(c, "")) for c in COLUMNS) + " |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a git revision to measure too (e.g. main)")
    parser.add_argument("--out", type=Path, help="keep the books and PDFs here")
    parser.add_argument("--measure", action="store_true", help="measure the books already built in --out")
    args = parser.parse_args(argv)
    if args.measure and args.out:
        found = {
            f"{book.name} {when.name}": measured(when)
            for book in sorted((args.out / "out").iterdir())
            for when in sorted(book.iterdir(), reverse=True)
        }
        print(json.dumps(found, indent=1, ensure_ascii=False))
        print(markdown(found))
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.out or Path(tmp)
        found = run(workdir, args.before)
    print(json.dumps(found, indent=1, ensure_ascii=False))
    print(markdown(found))


if __name__ == "__main__":
    main()
