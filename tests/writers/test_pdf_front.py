"""The parallel build's front matter and the order of its work (issue 27):

* a cold build (no last build's plan) learns the front matter's length from
  a first front matter with guessed page numbers that is laid out only: its
  page count, no PDF written, nothing cached; the page count is the one
  the full typesetting gives;
* the build is the same whatever the guess: a wrong plan costs one more
  front matter, never other pages or numbers;
* the parts go to the workers longest first, the folios' probe last; the
  blank sheet and the colophon beside the real front matter (the other
  worker would idle);
  once the workers are started, a single document (the real front matter)
  goes to them too (warm), not to the build's own process;
* a part whose last page is full enough is laid out once (pdf/balance.py).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from weasyprint import HTML

from tests.conftest import MANUSCRIPT, ROOT, run_cli
from tests.writers.pdf_fixtures import series_manuscript
from warraq.pipeline import BuildOptions, load, transform
from warraq.writers.pdf import documents as pdf_documents
from warraq.writers.pdf.balance import AT_LEAST, SHORT, balanced, line_count
from warraq.writers.pdf.cache import PdfCache
from warraq.writers.pdf.documents import PLAN, Documents, Job, Typesetter, parallel_pdf
from warraq.writers.pdf.typeset import typeset


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fronts(cache: Path) -> list[str]:
    """The cached documents that hold the contents (the front matter)."""
    return [p.name for p in cache.glob("*.json") if "toc-title" in json.loads(p.read_text("utf-8")).get("anchors", {})]


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("front")
    return series_manuscript(work)


@pytest.fixture(scope="module")
def runs(series, tmp_path_factory, monkeypatch_module) -> dict:
    """A cold build of the series in this process, the jobs of each
    Typesetter.run and whether the workers took them, recorded."""
    calls: list[tuple[list[Job], bool]] = []
    run = Typesetter.run

    def recorded(self, jobs):
        missing = [job for job in jobs if self.cache.get(job.key) is None]
        calls.append((list(jobs), self.in_workers(len({job.key for job in missing}))))
        return run(self, jobs)

    monkeypatch_module.setattr(Typesetter, "run", recorded)
    monkeypatch_module.setattr(pdf_documents.os, "cpu_count", lambda: 2)
    config, book, _ = load(series)
    book, _ = transform(book, config, BuildOptions(("pdf",)))
    cache = tmp_path_factory.mktemp("front-cache")
    data, _ = parallel_pdf(book, config, "screen", cache)
    return {"calls": calls, "cache": cache, "data": data, "book": book, "config": config}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_a_cold_build_lays_the_guessed_front_matter_out_without_writing_it(runs):
    first, in_workers = runs["calls"][0]
    assert first[0].pages_only and "toc-title" in first[0].html  # the guessed front matter, first: the longest
    assert in_workers
    assert not any(job.pages_only for job in first[1:])
    # the cache holds one front matter: the real one, not the guessed one
    assert len(fronts(runs["cache"])) == 1
    assert json.loads((runs["cache"] / PLAN).read_text("utf-8"))["front_pages"] >= 3


def test_the_parts_go_longest_first_and_the_short_documents_last(runs):
    first, _ = runs["calls"][0]
    parts = [job for job in first if job.balance]
    assert len(parts) == len(runs["book"].parts) == 5
    lengths = [len(job.html) for job in parts]
    assert lengths == sorted(lengths, reverse=True) and lengths[0] > lengths[-1]
    assert [job.balance for job in first[1:]] == [True] * 5 + [False]  # the folios' probe last


def test_the_blank_sheet_and_the_colophon_are_typeset_beside_the_front_matter(runs):
    with_front = next(jobs for jobs, _ in runs["calls"][1:] if any("toc-title" in j.html for j in jobs))
    assert "toc-title" in with_front[0].html and len(with_front) == 3  # the front matter first, then the two
    assert not any(j.balance or j.pages_only for j in with_front)


def test_the_real_front_matter_goes_to_the_started_workers(runs):
    later = [(jobs, in_workers) for jobs, in_workers in runs["calls"][1:] if any("toc-title" in j.html for j in jobs)]
    assert later and all(in_workers for _, in_workers in later)


def test_one_document_is_typeset_here_until_the_workers_are_started(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_documents.os, "cpu_count", lambda: 2)
    cache = PdfCache(tmp_path)
    html = '<html lang="ar" dir="rtl"><body><p>{}</p></body></html>'
    jobs = [Job(f"k{n}", html.format("نص " * n), str(tmp_path), None, False, str(tmp_path)) for n in (1, 2, 3)]
    with Typesetter(cache) as typesetter:
        assert not typesetter.in_workers(1) and typesetter.in_workers(2) and not typesetter.in_workers(0)
        done = typesetter.run(jobs[:2])
        assert set(done) == {"k1", "k2"}
        assert typesetter.in_workers(1)  # warm workers: the next single document goes to them
        assert typesetter.run(jobs[2:])["k3"].meta["pages"] == 1
    monkeypatch.setattr(pdf_documents.os, "cpu_count", lambda: 1)
    with Typesetter(cache) as typesetter:
        assert not typesetter.in_workers(2)


def test_the_page_count_alone_is_the_full_typesettings(runs):
    """Laid out only, the guessed front matter has the pages the full
    typesetting gives it (the book's and a longer contents)."""
    docs = Documents(runs["book"], runs["config"], "screen", PdfCache(runs["cache"]))
    parts = [docs.job(docs.part(i), balance=True) for i in range(len(runs["book"].parts))]
    guessed = docs.guessed_pages(parts)
    for numbers in (guessed, {k: v * 3 for k, v in guessed.items()}):  # numbers three times as wide
        job = docs.job(docs.front(numbers))
        alone = typeset(job.html, job.base_url, job.variant, job.tagged, roots=job.roots, pages_only=True)
        full = typeset(job.html, job.base_url, job.variant, job.tagged, roots=job.roots)
        assert alone.data == b"" and full.data.startswith(b"%PDF")
        assert alone.pages == full.pages >= 3


def test_a_wrong_plan_gives_the_same_book(tmp_path):
    """The book does not depend on the front matter's guess: built cold
    (no plan), with the last build's plan, and with plans one page short and
    two pages long (the front matter typeset again), the same bytes."""
    shutil.copytree(MANUSCRIPT, tmp_path / "manuscript")
    shutil.copytree(ROOT / "styles", tmp_path / "styles")
    root = tmp_path / "manuscript"

    def build(out: Path, front_pages: int | None) -> tuple[str, int]:
        plan = out / ".cache" / "pdf" / PLAN
        if front_pages is not None:  # the last build's plan, its front matter's page count changed
            plan.write_text(json.dumps(json.loads(plan.read_text("utf-8")) | {"front_pages": front_pages}), "utf-8")
        run = run_cli("build", "--format", "pdf", "-m", str(root), "-o", str(out), timeout=900)
        assert run.code == 0, run.err
        return sha256(out / "buqat-daw.pdf"), json.loads(plan.read_text("utf-8"))["front_pages"]

    cold, pages = build(tmp_path / "out", None)
    assert build(tmp_path / "out", pages) == (cold, pages)
    for wrong in (pages - 1, pages + 2):
        out = tmp_path / f"out-{wrong}"
        shutil.copytree(tmp_path / "out", out)
        for entry in fronts(out / ".cache" / "pdf"):  # the front matter not cached: typeset anew
            (out / ".cache" / "pdf" / entry).unlink()
        assert build(out, wrong) == (cold, pages), wrong


def paragraphs(count: int) -> str:
    lines = "".join(f"<p>سطر رقم {n}</p>" for n in range(count))
    style = "@page { size: 80mm 60mm; margin: 10mm; } body { font-size: 10pt; line-height: 14pt; } p { margin: 0; }"
    return f'<html lang="ar" dir="rtl"><style>{style}</style><body><section class="part">{lines}</section></body>'


def test_a_part_with_a_full_last_page_is_laid_out_once():
    """balanced() lays the part out again only when its last page holds
    SHORT lines or fewer: a full enough last page costs no second layout."""
    seen = {}
    for count in range(20, 60):
        document = HTML(string=paragraphs(count)).render()
        if len(document.pages) >= 3:
            seen.setdefault(line_count(document.pages[-1]) <= SHORT, (count, document))
    assert set(seen) == {True, False}
    for short, (count, document) in seen.items():
        again: list[str] = []

        def layout(css: str, count=count, again=again):
            again.append(css)
            return HTML(string=paragraphs(count).replace("</style>", css + "</style>")).render()

        result = balanced(document, layout)
        assert bool(again) == short, count
        if short:
            assert line_count(result.pages[-1]) >= AT_LEAST
        else:
            assert result is document
