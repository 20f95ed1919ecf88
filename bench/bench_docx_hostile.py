"""Word files made to be slow (issue 29): each shape at growing sizes, read
by warraq's Word reader in a child process of its own; its time, its peak
memory (the child's maximum resident set) and the growth exponent of the
time against the size (1.0 is linear; the goal is at most 1.1).

The shapes, each a small file (a few KB to a few MB) that was slow:

* notes-twice: footnote k calls footnote k+1 twice (2 KB, 22 levels: 112 s,
  2.95 GB, MemoryError before);
* notes-chain: footnote k calls footnote k+1 (400: RecursionError before);
* deleted-marks: paragraph marks deleted with Track Changes, every
  paragraph joined to the next (5,000: over 120 s, cubic);
* alternating-runs: one paragraph of runs alternately bold and plain
  (100,000: over 120 s, quadratic);
* based-on-chain: a chain of paragraph styles each based on the one before
  (20,000: 48 s, 912 MB).

Each time is the fastest of RUNS reads (the machine may be shared).  A
size whose reads outlive `TIMEOUT` seconds is shown as such and ends the
shape's series.  `python -m bench.bench_docx_hostile` prints the table.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.readers import docx_fixtures as word

from bench.measure import growth_exponent

TIMEOUT = 120.0
RUNS = 2
GOAL = 1.1


def notes_twice(levels: int) -> word.Doc:
    doc = word.Doc()
    doc.body.append(word.para(word.run("عنوان", split=False), style=word.TITLE))
    doc.body.append(word.para(word.run("نص المقالة ", split=False), word.note_call(1)))
    for k in range(1, levels + 1):
        calls = word.note_call(k + 1) + word.note_call(k + 1) if k < levels else ""
        doc.footnotes[k] = f'<w:p><w:r><w:t xml:space="preserve">حاشية {k} </w:t></w:r>{calls}</w:p>'
    return doc


def notes_chain(levels: int) -> word.Doc:
    doc = word.Doc()
    doc.body.append(word.para(word.run("عنوان", split=False), style=word.TITLE))
    doc.body.append(word.para(word.run("نص المقالة ", split=False), word.note_call(1)))
    for k in range(1, levels + 1):
        call = word.note_call(k + 1) if k < levels else ""
        doc.footnotes[k] = f'<w:p><w:r><w:t xml:space="preserve">حاشية {k} </w:t></w:r>{call}</w:p>'
    return doc


def deleted_marks(paragraphs: int) -> word.Doc:
    doc = word.Doc()
    doc.body.append(word.para(word.run("عنوان", split=False), style=word.TITLE))
    deleted = '<w:pPr><w:bidi/><w:rPr><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>'
    for k in range(paragraphs):
        doc.body.append(f'<w:p>{deleted}<w:r><w:t xml:space="preserve">جملة {k} من الفقرة </w:t></w:r></w:p>')
    doc.body.append(word.text_para("آخر الفقرة."))
    return doc


def alternating_runs(runs: int) -> word.Doc:
    doc = word.Doc()
    doc.body.append(word.para(word.run("عنوان", split=False), style=word.TITLE))
    pieces = [
        f'<w:r>{"<w:rPr><w:b/></w:rPr>" if k % 2 else ""}<w:t xml:space="preserve">كلمة{k} </w:t></w:r>'
        for k in range(runs)
    ]
    doc.body.append(word.para(*pieces))
    return doc


def based_on_chain(styles: int) -> word.Doc:
    doc = word.Doc()
    chain = "".join(
        f'<w:style w:type="paragraph" w:styleId="S{k}"><w:name w:val="s{k}"/>'
        f'<w:basedOn w:val="{f"S{k - 1}" if k else word.NORMAL}"/></w:style>'
        for k in range(styles)
    )
    doc.extra_styles = chain
    doc.body.append(word.para(word.run("عنوان", split=False), style=word.TITLE))
    doc.body.append(word.para(word.run("نص بأعمق نمط في السلسلة.", split=False), style=f"S{styles - 1}"))
    return doc


SHAPES = {
    "notes-twice": (notes_twice, (22, 44, 88, 176)),
    "notes-chain": (notes_chain, (400, 800, 1600, 3200)),
    "deleted-marks": (deleted_marks, (5_000, 10_000, 20_000, 40_000)),
    "alternating-runs": (alternating_runs, (25_000, 50_000, 100_000, 200_000)),
    "based-on-chain": (based_on_chain, (5_000, 10_000, 20_000, 40_000)),
}


def read_one(shape: str, size: int) -> dict:
    """Write the shape's file and read it in this process: seconds, peak MiB,
    and what the reader said (the part's paragraphs, or its one line)."""
    from warraq.errors import WarraqError
    from warraq.readers import read_part

    make, _ = SHAPES[shape]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "01.docx"
        path.write_bytes(word.docx_bytes(make(size)))
        kb = path.stat().st_size / 1024
        seconds = float("inf")
        for _ in range(RUNS):  # the fastest of RUNS: the machine is shared
            start = time.perf_counter()
            try:
                part = read_part(path, "01.docx", {})
                said = f"{len(part.blocks)} blocks, {len(part.notes)} notes, {len(part.findings)} findings"
            except WarraqError as exc:
                said = str(exc)
            seconds = min(seconds, time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mib": peak, "kb": kb, "said": said}


def measure(shape: str, size: int) -> dict | None:
    """`read_one` in a child process of its own (its peak memory its own);
    None when it outlives TIMEOUT."""
    code = f"import json; from bench.bench_docx_hostile import read_one; print(json.dumps(read_one({shape!r}, {size})))"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        return {"seconds": float("nan"), "peak_mib": float("nan"), "kb": 0, "said": done.stderr.strip()[-200:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(shapes: list[str] | None = None) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for shape in shapes or list(SHAPES):
        points = []
        rows = []
        for size in SHAPES[shape][1]:
            got = measure(shape, size)
            if got is None:
                rows.append((size, None))
                break
            rows.append((size, got))
            points.append((size, max(got["seconds"], 1e-3)))
        exponent = growth_exponent(points) if len(points) >= 2 else float("nan")
        results[shape] = {"rows": rows, "exponent": exponent}
    return results


def main() -> None:
    shapes = sys.argv[1:] or None
    results = run(shapes)
    print(f"{'shape':<18} {'size':>8} {'file KB':>8} {'seconds':>8} {'peak MiB':>9}  what the reader said")
    for shape, result in results.items():
        for size, got in result["rows"]:
            if got is None:
                print(f"{shape:<18} {size:>8} {'':>8} {'>' + str(int(TIMEOUT)):>8} {'':>9}  (stopped)")
            else:
                print(
                    f"{shape:<18} {size:>8} {got['kb']:>8.0f} {got['seconds']:>8.3f} {got['peak_mib']:>9.0f}  "
                    f"{got['said'][:70]}"
                )
        verdict = "ok" if result["exponent"] <= GOAL else "OVER THE GOAL"
        print(f"{shape:<18} growth exponent {result['exponent']:.2f} (goal <= {GOAL}): {verdict}")


if __name__ == "__main__":
    main()
