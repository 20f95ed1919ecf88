"""PDFs built once per test session, for every PDF test module.

Each module declares session fixtures calling these builders; a builder
builds on first use (through the real CLI, as a user would) and then returns
the same result.  The builds use the default engine (parallel) unless said.

* `default_pdf`: the default book (manuscript/), built twice with the same
  SOURCE_DATE_EPOCH, for the reproducibility test;
* `series_pdf`: three generated parts (bench/series.py) and two Markdown
  parts with the author's footnotes, numbered per part, a hadith quotation, a
  Qur'an verse and a Latin name;
* `series_single_pdf`: the same book typeset in one WeasyPrint pass, the
  reference the parallel build is checked against;
* `press_pdf`: one Markdown part built for the printer: `--profile print`,
  17x24 trim, PDF/A-3u, Western digits, and an author's book.css with a
  property WeasyPrint does not know.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bench.series import write_series

from tests.conftest import MANUSCRIPT, ROOT, SEED, Run, run_cli
from tests.writers.pdf_reading import Page, PartText, html_part_texts, pdfminer_pages
from warraq.model import Book
from warraq.pipeline import BuildOptions, load, transform
from warraq.writers.pdf.writer import print_html

MD_PART_4 = """\
---
number: 4
title: بقعة ضوء (٤)
---
## حواشي المؤلف

هذا نص فيه حاشية من المؤلف[^a] وأخرى بعدها[^b] في الجزء نفسه، ثم يمضي الكلام حتى يلتف على أسطر الصفحة كما يلتف في الكتب.

> «إنما الأعمال بالنيات، وإنما لكل امرئ ما نوى»

﴿إنك ميت وإنهم ميتون﴾ [الزمر: ٣٠]

كتب المؤرخ هيو كينيدي (Hugh Kennedy) كتابه عام 2007م، ونقلنا عنه[^c].

[^a]: الحاشية الأولى: انظر الطبري، تاريخ الرسل والملوك، ج ٣ ص ٤٠٠.
[^b]: الحاشية الثانية، وفيها سنة 1967م.
[^c]: هيو كينيدي، الفتوح العربية الكبرى.
"""

MD_PART_5 = """\
---
number: 5
title: بقعة ضوء (٥)
---
فقرة أولى قصيرة فيها حاشية[^1].

## قسم ثان

فقرة ثانية لا حاشية فيها، ثم فقرة ثالثة بحاشيتين[^2] متتاليتين.

[^1]: حاشية الجزء الخامس الأولى، وعدّها يبدأ من واحد.
[^2]: حاشية الجزء الخامس الثانية.
"""

PRESS_TOML = """\
[book]
title = "كتاب المطبعة"
author = "مؤلف"
language = "ar"
slug = "press-book"
digits = "western"
identifier = "urn:uuid:00000000-0000-4000-8000-000000000006"

[print]
trim = "17x24"
pdf_variant = "pdf/a-3u"
crop_marks = true
"""

# the part runs over three pages or more: six paragraphs of the seed (lines
# 5-7, 10, 12, 16), the last with a note
SEED_PARAGRAPHS = "\n\n".join(SEED.read_text("utf-8").split("\n")[i] for i in (4, 5, 6, 9, 11, 15))
PRESS_PART = f"""\
---
number: 1
title: الجزء الأول (1)
---
## مدخل

فقرة فيها حاشية[^1] وكلام يطول قليلا ليملأ السطر الأول من الصفحة ثم يلتف على سطر ثان.

{SEED_PARAGRAPHS}

[^1]: حاشية بأرقام غربية.
"""

# line 3 of this stylesheet holds a property WeasyPrint does not know
PRESS_BOOK_CSS = "/* the author's own rules */\np { text-indent: 1em; }\nh2 { colour: red; }\n"


@dataclass
class PdfBuild:
    manuscript: Path
    pdf: Path
    run: Run
    report: dict
    book: Book
    html: str  # the print HTML WeasyPrint typeset (built in-process, same inputs)
    again: Path | None = None  # a second build of the same inputs
    _pages: list[Page] = field(default_factory=list)

    @property
    def pages(self) -> list[Page]:
        if not self._pages:
            self._pages.extend(pdfminer_pages(self.pdf))
        return self._pages

    @property
    def parts(self) -> dict[int, PartText]:
        return html_part_texts(self.html)


def _build(manuscript: Path, out: Path, slug: str, *extra: str) -> tuple[Path, Run]:
    run = run_cli("build", "--format", "pdf", "-m", str(manuscript), "-o", str(out), *extra)
    assert run.code == 0, run.err
    return out / f"{slug}.pdf", run


def _result(manuscript: Path, out: Path, slug: str, profile: str, *extra: str) -> PdfBuild:
    pdf, run = _build(manuscript, out, slug, "--profile", profile, *extra)
    config, book, _ = load(manuscript)
    book, _ = transform(book, config, BuildOptions(("pdf",), profile=profile))
    report = json.loads((out / "report.json").read_text("utf-8"))
    return PdfBuild(manuscript, pdf, run, report, book, print_html(book, config, profile))


_BUILT: dict[str, PdfBuild] = {}


def default_pdf(factory: pytest.TempPathFactory) -> PdfBuild:
    if "default" not in _BUILT:
        work = factory.mktemp("pdf-default")
        shutil.copytree(MANUSCRIPT, work / "manuscript")
        shutil.copytree(ROOT / "styles", work / "styles")
        built = _result(work / "manuscript", work / "out1", "buqat-daw", "screen")
        built.again, _ = _build(work / "manuscript", work / "out2", "buqat-daw")
        _BUILT["default"] = built
    return _BUILT["default"]


def series_manuscript(work: Path, extra: str = "") -> Path:
    root = write_series(work, 3)
    with (root / "book.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[notes]\nnumbering = "part"\n' + extra)
    (root / "parts" / "0004.md").write_text(MD_PART_4, "utf-8")
    (root / "parts" / "0005.md").write_text(MD_PART_5, "utf-8")
    return root


def series_pdf(factory: pytest.TempPathFactory) -> PdfBuild:
    if "series" not in _BUILT:
        work = factory.mktemp("pdf-series")
        _BUILT["series"] = _result(series_manuscript(work), work / "out", "series-3", "screen")
    return _BUILT["series"]


def series_single_pdf(factory: pytest.TempPathFactory) -> PdfBuild:
    """The series book typeset in one WeasyPrint pass ([print] engine = "single")."""
    if "series-single" not in _BUILT:
        work = factory.mktemp("pdf-series-single")
        root = series_manuscript(work, '\n[print]\nengine = "single"\n')
        _BUILT["series-single"] = _result(root, work / "out", "series-3", "screen")
    return _BUILT["series-single"]


def press_pdf(factory: pytest.TempPathFactory) -> PdfBuild:
    if "press" not in _BUILT:
        work = factory.mktemp("pdf-press")
        root = work / "press"
        (root / "parts").mkdir(parents=True)
        (root / "styles").mkdir()
        (root / "book.toml").write_text(PRESS_TOML, "utf-8")
        (root / "sources.toml").write_text("", "utf-8")
        (root / "parts" / "01.md").write_text(PRESS_PART, "utf-8")
        (root / "styles" / "book.css").write_text(PRESS_BOOK_CSS, "utf-8")
        _BUILT["press"] = _result(root, work / "out", "press-book", "print")
    return _BUILT["press"]


def series10_pdf(factory: pytest.TempPathFactory) -> PdfBuild:
    """A generated series of ten parts (bench/series.py), as the issue's
    checks of typography and structure ask."""
    if "series10" not in _BUILT:
        work = factory.mktemp("pdf-series10")
        _BUILT["series10"] = _result(write_series(work, 10), work / "out", "series-10", "screen")
    return _BUILT["series10"]
