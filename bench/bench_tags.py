"""Writing a tagged PDF: its time against the book's length (issue 16, item 4).

For generated books of 10, 40 and 160 parts the print HTML is laid out once
in this process, in one pass (as `[print] engine = "single"`), then written
as tagged PDF/UA-1 with warraq's patches, timed apart (CPU seconds of this
process, and wall):

* `rebuilt`: the exact-text and tags patches, pydyf building the tuple of
  every page's reference for each structure element it is asked about (as
  before issue 16);
* `once`: with the page references built once per document
  (writers/pdf/patches/pagerefs.py), as warraq writes;
* `plain_text`: as `once` without the exact-text patch (writers/pdf/patches/text.py),
  so that patch's own cost shows.

`rebuilt` and `once` must give the same bytes (their sha256 is compared).
The time exponent between two sizes is log(t2/t1)/log(pages2/pages1): 1.0
grows as the pages, 2.0 as their square.
"""

from __future__ import annotations

import hashlib
import os
import time
from contextlib import ExitStack
from itertools import pairwise
from pathlib import Path

from bench.measure import growth_exponent
from bench.series import write_series

SIZES = (10, 40, 160)
EPOCH = "1767225600"


def laid_out(manuscript: Path):
    """The book's print HTML laid out by WeasyPrint, as pdf_typeset does."""
    from weasyprint import HTML

    from warraq.pipeline import BuildOptions, load, transform
    from warraq.writers.pdf import typeset as pdf_typeset
    from warraq.writers.pdf.writer import print_html

    config, book, _ = load(manuscript)
    book, _ = transform(book, config, BuildOptions(("pdf",)))
    html = print_html(book, config)
    found = pdf_typeset._STYLE.search(html)
    style = pdf_typeset._style(found[1], str(manuscript), (str(manuscript),))
    bare = html[: found.start()] + html[found.end() :]
    with pdf_typeset.notes_on_their_page(), pdf_typeset.kashida_justification():
        return HTML(string=bare, base_url=str(manuscript)).render(
            stylesheets=[style.css],
            font_config=style.fonts,
            counter_style=style.counters,
            color_profiles=style.profiles,
        )


def timed_write(document, exact: bool, once: bool) -> dict:
    """Write the document as tagged PDF/UA-1 with the patches asked for."""
    from warraq.writers.pdf.patches.pagerefs import page_references_once
    from warraq.writers.pdf.patches.tags import book_tags
    from warraq.writers.pdf.patches.text import exact_text

    with ExitStack() as patches:
        if exact:
            patches.enter_context(exact_text())
        patches.enter_context(book_tags())
        if once:
            assert patches.enter_context(page_references_once()), "pdf_pagerefs does not apply"
        wall, cpu = time.perf_counter(), time.process_time()
        data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"cpu": round(cpu, 3), "wall": round(wall, 3), "sha256": hashlib.sha256(data).hexdigest()}


def exponent(small: dict, large: dict, key: str) -> float:
    """The growth exponent of the CPU time against the pages, between two sizes."""
    return round(growth_exponent([(small["pages"], small[key]["cpu"]), (large["pages"], large[key]["cpu"])]), 2)


def run(workdir: Path, sizes: list[int] | None = None) -> dict:
    held = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        figures: dict = {"sizes": {}}
        for parts in sizes or SIZES:
            document = laid_out(write_series(workdir / f"series-{parts}", parts, sources=True))
            row = {
                "pages": len(document.pages),
                "rebuilt": timed_write(document, exact=True, once=False),
                "once": timed_write(document, exact=True, once=True),
                "plain_text": timed_write(document, exact=False, once=True),
                "load": Path("/proc/loadavg").read_text().split()[0],
            }
            row["same_bytes"] = row["rebuilt"]["sha256"] == row["once"]["sha256"]
            figures["sizes"][str(parts)] = row
            del document
    finally:
        if held is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = held
    rows = list(figures["sizes"].values())
    for key in ("rebuilt", "once"):
        figures[f"exponent_{key}"] = [exponent(a, b, key) for a, b in pairwise(rows)]
    return figures


def markdown(f: dict) -> str:
    lines = [
        "## Writing the tagged PDF (one pass, layout excluded)",
        "",
        "| parts | pages | page references rebuilt: CPU s (wall) | built once: CPU s (wall) | same bytes "
        "| without exact text: CPU s | load |",
        "| ---: | ---: | ---: | ---: | :---: | ---: | ---: |",
    ]
    for parts, r in f["sizes"].items():
        b, a, p = r["rebuilt"], r["once"], r["plain_text"]
        lines.append(
            f"| {parts} | {r['pages']} | {b['cpu']} ({b['wall']}) | {a['cpu']} ({a['wall']}) "
            f"| {'yes' if r['same_bytes'] else 'NO'} | {p['cpu']} | {r['load']} |"
        )
    lines += [
        "",
        f"CPU time exponent between successive sizes: page references rebuilt {f['exponent_rebuilt']}, "
        f"built once {f['exponent_once']}.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix="warraq-tags-") as tmp:
        result = run(Path(tmp), [int(a) for a in sys.argv[1:]] or None)
    print(markdown(result))
