"""A typesetter's read of the print PDF, measured (issue 26): lines past the
text frame, Qur'an references opening a line, the page count's parity,
the kashida's density, and how the text extracts (pdftotext's split words).

The books: the default book (manuscript/), the 10-part series made by
bench/series.py, and the same kind of series written as Word files
(bench/bench_docx.py's parts, 10 of them), and two for the extraction
(below).  Each is built through the CLI
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
  words; and the same in the running heads alone;
* **extraction** (`extraction`), as poppler (pdftotext) and pdfminer (its
  glyphs in their order on the line, then read as a right-to-left line)
  give the text: split words, the share of the book's vocalized words
  that come back whole, marks left apart from their letters, ranges of
  numbers reversed («٢٣٥–٢٢٠» for «٢٢٠–٢٣٥»), and contents rows split
  over several lines.

Five books: the default book, the 10-part series, the 10-part Word series,
a 4-part series with every verse and quotation fully vocalized
(`write_series(vocal=True)`), and `extraction_book` (vocalized verses,
ranges of numbers).

    python -m bench.bench_typeset [--before REV] [--out DIR]
    python -m bench.bench_typeset --out DIR --measure   (the books already built there)
    python -m bench.bench_typeset --extraction BUILT...  (a build's folder: its PDF and HTML)
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
from collections import Counter
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
    return split_text_rate(poppler_text(pdf), words)


def split_text_rate(text: str, words: set[str]) -> dict:
    """`split_rate` of an extracted text (pages apart by form feeds)."""
    total = split = head_split = head_total = 0
    for page in text.split("\f"):
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


MARK = re.compile(r"[\u064b-\u065f\u0670]")
VOCAL_WORD = re.compile(r"[\u0621-\u065f\u0670-\u06d3\u0640]*[\u064b-\u065f\u0670][\u0621-\u065f\u0670-\u06d3\u0640]*")
# two numbers and a dash: a range («٢٢٠–٢٣٥», «٣-٥»)
RANGE = re.compile(r"(?<![0-9\u0660-\u0669.,])([0-9\u0660-\u0669]+)([\u2013-])([0-9\u0660-\u0669]+)(?![\w.,])")
# what reads left to right inside a right-to-left line: Latin words (and
# the spaces and digits between them), numbers (with their separators)
LTR_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9 .,:;'’/&()©\u2013\-]*[A-Za-z\u00c0-\u024f0-9]"
    r"|[A-Za-z\u00c0-\u024f]"
    r"|[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,:/\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*"
)
MIRRORED = str.maketrans("()[]{}<>«»﴾﴿", ")(][}{><»«﴿﴾")


def bidi_logical(visual: str) -> str:
    """A right-to-left line's text in logical order, from its characters in
    visual order (left to right, as pdfminer lays them and as each glyph's
    text is written): read from the right, each run that reads left to
    right (`LTR_RUN`) kept as it is.  The bidi algorithm's result for the
    lines of an Arabic book; brackets are not mirrored (a glyph's text is
    the logical character already)."""
    pieces, at = [], 0
    for m in LTR_RUN.finditer(visual):
        pieces.extend(visual[at : m.start()])
        pieces.append(m[0])
        at = m.end()
    pieces.extend(visual[at:])
    return "".join(reversed(pieces))


def pdfminer_text(pdf: Path) -> str:
    """pdfminer's text of the PDF, a page per form feed, a line per line
    (`lines_of`): each line's glyphs in their order on it, left to right,
    then read as a right-to-left line (`bidi_logical`); a gap of 0.1 em
    between glyphs is a space."""
    out = []
    for _, _, lines in pages(pdf):
        page = []
        for line in lines:
            chars = sorted(line, key=lambda c: c.x0)
            visual, last = "", None
            for c in chars:
                if last is not None and c.x0 - last.x1 > 0.1 * c.size and not visual.endswith(" "):
                    visual += " "
                visual += c.get_text()
                last = c if c.x1 > c.x0 else last
            page.append(bidi_logical(visual))
        out.append("\n".join(page))
    return "\f".join(out)


def poppler_text(pdf: Path) -> str:
    run = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return re.sub("[\u202a-\u202e]", "", run.stdout)


def book_text(html_dir: Path) -> str:
    """The book's text, from its HTML rendering."""
    return "\n".join(
        htmllib.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8"))) for page in sorted(html_dir.glob("*.html"))
    )


def vocal_rate(text: str, book: str) -> dict:
    """How the book's vocalized words extract: the share of them found
    whole in the extracted text (counted: min of the book's and the
    text's occurrences of each word), and the marks left detached (a
    token that opens with a mark, or is nothing but marks)."""
    wanted = Counter(VOCAL_WORD.findall(book))
    found = Counter(re.findall(r"[\u0621-\u065f\u0670-\u06d3\u0640]+", text))
    whole = sum(min(n, found[w]) for w, n in wanted.items())
    detached = sum(n for w, n in found.items() if MARK.match(w))
    total = sum(wanted.values())
    return {
        "vocal_words": total,
        "vocal_whole_pct": round(100 * whole / max(1, total), 1),
        "detached_marks": detached,
    }


def range_faults(text: str, book: str) -> dict:
    """Ranges of numbers in the book, and how many come out reversed
    («٢٣٥–٢٢٠» for «٢٢٠–٢٣٥»: the larger number first) in the text."""
    ranges = {m.groups() for m in RANGE.finditer(book) if m[1] != m[3]}
    reversed_ = sum(
        bool(re.search(rf"(?<![0-9\u0660-\u0669]){b}{dash}{a}(?![0-9\u0660-\u0669])", text)) for a, dash, b in ranges
    )
    return {"ranges": len(ranges), "ranges_reversed": reversed_}


def contents_rows(text: str) -> dict:
    """Contents rows: lines of the contents page(s) that hold a leader
    (three dots or more); a row whose leader stands on a line without a
    title (no Arabic letter) or whose page number stands alone is split."""
    pages = [p for p in text.split("\f") if any("المحتويات" in line for line in p.split("\n")[:3])]
    rows = split = 0
    for page in pages:
        for line in page.split("\n"):
            dots = line.count(".") >= 3
            letters = bool(re.search("[\u0621-\u064a]", line))
            digits = bool(re.search("[0-9\u0660-\u0669]", line))
            if dots or (digits and not letters):
                rows += 1
                split += not (dots and letters and digits)
    return {"contents_lines": rows, "contents_split": split}


def extraction(pdf: Path, html_dir: Path) -> dict:
    """Split words, vocalized words, ranges and contents rows, as poppler
    (pdftotext) and pdfminer read them."""
    book = book_text(html_dir)
    words = set(WORD.findall(book))
    found: dict = {}
    for name, text in (("poppler", poppler_text(pdf)), ("pdfminer", pdfminer_text(pdf))):
        found[name] = {
            **split_text_rate(text, words),
            **vocal_rate(text, book),
            **range_faults(text, book),
            **contents_rows(text),
        }
    return found


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


EXTRACTION_TOML = """\
[book]
title = "نص يستخرج كلمات"
author = "مؤلف"
language = "ar"
slug = "extract"
"""
# fully vocalized verses: with their marks taken away, Tanzil's words
# (corpora/data/quran-simple-clean.txt, 49:6 and 112:1-2)
VERSES = (
    (
        "يَا أَيُّهَا الَّذِينَ آمَنُوا إِنْ جَاءَكُمْ فَاسِقٌ بِنَبَإٍ فَتَبَيَّنُوا أَنْ تُصِيبُوا قَوْمًا بِجَهَالَةٍ فَتُصْبِحُوا عَلَى مَا فَعَلْتُمْ نَادِمِينَ",
        "[الحجرات: ٦]",
        (49, 6, 6),
    ),
    ("قُلْ هُوَ اللَّهُ أَحَدٌ اللَّهُ الصَّمَدُ", "[الإخلاص: ١-٢]", (112, 1, 2)),
)
LEADS = (
    "قال الكاتب في مقالته إن الأمر الذي نراه اليوم ليس جديدا على الناس، وقد ذكره في الصفحات ٢٢٠–٢٣٥ من كتابه:",
    "ومضى الحديث في الفصل الثاني (ص ١٢-١٥ و٣٠٠–٣١٢) حتى بلغ قوله تعالى:",
    "ثم عاد إلى ذلك في الصفحات ٤٠–٤٤، وختم بقوله تعالى:",
)


def extraction_book(root: Path, paragraphs: int = 12) -> Path:
    """A book of vocalized verses and ranges of numbers, every verse at
    another place of its line (each paragraph a word longer)."""
    (root / "parts").mkdir(parents=True, exist_ok=True)
    (root / "book.toml").write_text(EXTRACTION_TOML, "utf-8")
    (root / "sources.toml").write_text("", "utf-8")
    lines = ["آيات وأرقام (١)"]
    filler = ["وقال", "في", "موضع", "آخر", "من", "كتابه", "إن", "الناس", "في", "هذا", "الزمان"]
    for k in range(paragraphs):
        verse, ref, _ = VERSES[k % len(VERSES)]
        lead = LEADS[k % len(LEADS)]
        lines.append(f"{' '.join((filler * 3)[: k + 1])} {lead} ﴿{verse}﴾ {ref}.")
    (root / "parts" / "01-ayat.txt").write_text("\n".join(lines) + "\n", "utf-8")
    return root


def books(workdir: Path) -> dict[str, Path]:
    return {
        "default": ROOT / "manuscript",
        "series-10": write_series(workdir / "series", 10),
        "word-10": word_series(workdir),
        "vocal-4": write_series(workdir / "vocal", 4, vocal=True),
        "extraction": extraction_book(workdir / "extraction"),
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
        **{
            f"{reader}_{name}": value
            for reader, found in extraction(pdf, out / "screen").items()
            for name, value in found.items()
        },
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
    *(
        f"{reader}_{name}"
        for reader in ("poppler", "pdfminer")
        for name in ("split_rate_pct", "vocal_whole_pct", "detached_marks", "ranges_reversed", "contents_split")
    ),
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
    parser.add_argument(
        "--extraction", type=Path, nargs="+", metavar="BUILT", help="only the extraction of books built there"
    )
    args = parser.parse_args(argv)
    if args.extraction:
        for built in args.extraction:
            print(built, json.dumps(extraction(next(built.glob("*.pdf")), built), ensure_ascii=False))
        return
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
