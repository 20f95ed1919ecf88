"""Reading web parts: 40 saved article pages read by warraq's web reader,
and trafilatura against other extractors on the Arabic test pages.

Timing: the 40 pages are the nine saved-page fixtures of tests/readers/
data/web (modelled on nine Arabic sites, with their menus, share bars,
«اقرأ أيضا» boxes, related lists and comments), each carrying a generated
part of `bench/series.py` (about 1,400 words a part) in its article body
and a number in its title.  Timed (CPU and wall clock, median of `runs`,
after a first untimed read): `read_parts` over the 40 files, what every
build, `inspect`, `check` and the preview's first build pay.
Target (issue #28): under 3 s.

Comparison: on each fixture, the words of the article's body as a person
marks it (an XPath per site, `GOLD`, written by hand from the markup) against
the words each extractor returns: warraq (trafilatura and warraq's Arabic
layer), trafilatura alone (`extract`, its defaults), readability-lxml and
jusText (Arabic stop list).  Bag-of-words precision, recall and F1, as the
public article-extraction benchmarks count them; chrome strings leaked
(tests/readers/test_web.py's lists); dates and titles right.
"""

from __future__ import annotations

import html
import os
import statistics
import time
from collections import Counter
from pathlib import Path

import lxml.html
from tests.readers.test_web import CHROME, DATA, PAGES

from bench.series import part_text
from warraq.config import load_config
from warraq.text.arabic import tokens

PARTS = 40
RUNS = 3
TARGET_SECONDS = 3.0

# the article's body in each fixture, as a person reads it (its paragraphs,
# quotations, sub-headings and notes; not the «اقرأ أيضا» boxes inside it)
GOLD = {
    "aljazeera.html": "//div[contains(@class,'wysiwyg')]/*[self::p or self::blockquote or self::h2]",
    "ahram.html": "//div[@id='ContentPlaceHolder1_divContent']/*",
    "hespress.html": "//div[@class='article-content']/p",
    "aawsat.html": "//div[contains(@class,'entry-content')]/p",
    "alquds.html": "//div[contains(@class,'td-post-content')]/p[not(strong) and not(starts-with(., 'الهوامش'))]",
    "arabi21.html": "//div[@class='article-body']/p",
    "almasryalyoum.html": "//div[@id='NewsStory']/p",
    "echorouk.html": "//div[@class='article__content']/p",
    "elaph_cp1256.html": "//div[@id='articlebody']/p",
}


def page_html(name: str) -> str:
    raw = (DATA / name).read_bytes()
    return raw.decode("cp1256") if "cp1256" in name else raw.decode("utf-8")


def bench_page(number: int) -> tuple[str, bytes, int]:
    """(file name, bytes, words of the article) of saved page `number`: a
    fixture with a generated part in its body and the number in its title."""
    names = sorted(PAGES)
    name = names[number % len(names)]
    title, _, _, _, first, *_ = PAGES[name]
    page = page_html(name)
    lines = part_text(number).rstrip("\n").split("\n")[1:]
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
    start = page.rindex("<p", 0, page.index(first))
    page = page[:start] + body + page[start:]
    page = page.replace(title, f"{title} ({number})")
    encoding = "cp1256" if "cp1256" in name else "utf-8"
    data = page.encode(encoding, "xmlcharrefreplace")
    return f"{number:02d}-{Path(name).stem}.html", data, sum(len(ln.split()) for ln in lines)


def write(workdir: Path, parts: int = PARTS) -> tuple[Path, int]:
    root = workdir / "web"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text('[book]\ntitle = "ذاكرة المدن"\nauthor = "سعيد ناصر"\nlanguage = "ar"\n', "utf-8")
    (root / "sources.toml").write_text("", "utf-8")
    words = 0
    for n in range(1, parts + 1):
        name, data, count = bench_page(n)
        (root / "parts" / name).write_bytes(data)
        words += count
    return root, words


def _time_read(root: Path, runs: int) -> tuple[float, float, int]:
    from warraq.assemble import read_parts

    config = load_config(root)
    parts = read_parts(config)  # warm: imports, caches
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        parts = read_parts(config)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), len(parts)


# ---------------------------------------------------------------- comparison


def gold_text(name: str) -> str:
    tree = lxml.html.document_fromstring(page_html(name))
    return "\n".join(el.text_content() for el in tree.xpath(GOLD[name]))


def warraq_text(name: str) -> tuple[str, str, str]:
    """(body text, date, title) as warraq reads the page."""
    from warraq.model import block_text, plain_text
    from warraq.readers import read_part

    part = read_part(DATA / name, name, {})
    body = [block_text(b) for b in part.blocks] + [plain_text(n.inlines) for n in part.notes]
    return "\n".join(body), part.published, plain_text(part.title)


def trafilatura_text(name: str) -> tuple[str, str, str]:
    import trafilatura

    page = page_html(name)
    text = trafilatura.extract(page) or ""
    meta = trafilatura.extract_metadata(page)
    return text, (meta.date or "") if meta else "", (meta.title or "") if meta else ""


def readability_text(name: str) -> tuple[str, str, str]:
    from readability import Document

    doc = Document(page_html(name))
    summary = lxml.html.document_fromstring(doc.summary())
    return summary.text_content(), "", doc.short_title()


def justext_text(name: str) -> tuple[str, str, str]:
    import justext

    paragraphs = justext.justext(page_html(name).encode("utf-8"), justext.get_stoplist("Arabic"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate), "", ""


EXTRACTORS = {
    "warraq": warraq_text,
    "trafilatura": trafilatura_text,
    "readability-lxml": readability_text,
    "jusText": justext_text,
}


def _scores(found: str, gold: str) -> tuple[float, float]:
    got, want = Counter(tokens(found)), Counter(tokens(gold))
    common = sum((got & want).values())
    return (common / sum(got.values()) if got else 0.0), (common / sum(want.values()) if want else 0.0)


def compare() -> dict:
    out: dict[str, dict] = {}
    for label, extract in EXTRACTORS.items():
        try:
            results = {name: extract(name) for name in sorted(PAGES)}
        except ImportError:
            out[label] = {"available": False}
            continue
        precision, recall, leaks, dates, titles = [], [], 0, 0, 0
        for name, (text, published, title) in results.items():
            p, r = _scores(text, gold_text(name))
            precision.append(p)
            recall.append(r)
            leaks += sum(s in text for s in CHROME[name] if s not in gold_text(name))
            dates += published[:10] == PAGES[name][1]
            titles += " ".join(title.split()) == PAGES[name][0]
        p, r = statistics.mean(precision), statistics.mean(recall)
        out[label] = {
            "available": True,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "chrome_leaked": leaks,
            "chrome_strings": sum(len(v) for v in CHROME.values()),
            "dates_right": dates if label in ("warraq", "trafilatura") else None,
            "titles_right": titles if label != "jusText" else None,
            "pages": len(results),
        }
    return out


def run(workdir: Path, runs: int = RUNS) -> dict:
    root, words = write(workdir)
    load = os.getloadavg()[0]
    seconds, cpu, parts = _time_read(root, runs)
    size = sum(p.stat().st_size for p in (root / "parts").iterdir())
    return {
        "parts": parts,
        "words": words,
        "pages_mb": round(size / 1e6, 2),
        "read_seconds": round(seconds, 3),
        "read_cpu_seconds": round(cpu, 3),
        "target_seconds": TARGET_SECONDS,
        "meets_target": cpu < TARGET_SECONDS,
        "meets_target_wall": seconds < TARGET_SECONDS,
        "load_average": round(load, 1),
        "runs": runs,
        "extractors": compare(),
    }


def markdown(f: dict) -> str:
    ok = "yes" if f["meets_target"] else "**no**"
    rows = [
        "## Reading web parts (bench_web)",
        "",
        f"{f['parts']} saved pages, {f['words']:,} words of articles, {f['pages_mb']} MB of HTML; "
        f"median of {f['runs']} reads; load average {f['load_average']}.",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| warraq reads the 40 pages, CPU | {f['read_cpu_seconds']} s (target < {f['target_seconds']} s: {ok}) |",
        f"| warraq reads the 40 pages, wall | {f['read_seconds']} s |",
        "",
        "| extractor, on the 9 Arabic fixtures | precision | recall | F1 | chrome strings leaked | dates | titles |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, e in f["extractors"].items():
        if not e["available"]:
            rows.append(f"| {label} | not installed | | | | | |")
            continue
        dates = "—" if e["dates_right"] is None else f"{e['dates_right']}/{e['pages']}"
        titles = "—" if e["titles_right"] is None else f"{e['titles_right']}/{e['pages']}"
        rows.append(
            f"| {label} | {e['precision']} | {e['recall']} | {e['f1']} | "
            f"{e['chrome_leaked']}/{e['chrome_strings']} | {dates} | {titles} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        figures = run(Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)
    print(markdown(figures))
