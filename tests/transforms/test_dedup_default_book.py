"""The default book: its whole body is pasted twice (seed lines 2-40 and
41-79).  The built book holds every paragraph once, in first-copy order, and
the report names the second copy as one run with the kept copy."""

from __future__ import annotations

from html.parser import HTMLParser

from warraq.model import Removed, block_text
from warraq.pipeline import BuildOptions, transform
from warraq.text.arabic import key

from ..conftest import MANUSCRIPT, run_cli
from .conftest import loaded, seed

SEED_FILE = "manuscript/parts/04-buqat-daw.txt"


class BlockTexts(HTMLParser):
    """The text of every h2 and p of the parts' sections, as a reader sees it,
    without note calls, verse references, notes or tombstones (which other
    transforms add or the preview shows)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, part section
        self.texts: list[str] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        cls = (dict(attrs).get("class") or "").split()
        skip = tag in ("sup", "aside", "details") or "verse-ref" in cls or "notes" in cls
        self.stack.append((tag, skip, tag == "section" and "part" in cls))
        in_part = any(part for _, _, part in self.stack)
        if tag in ("h2", "p") and in_part and not any(s for _, s, _ in self.stack):
            self.current = []

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass
        if tag in ("h2", "p") and self.current is not None:
            self.texts.append("".join(self.current))
            self.current = None

    def handle_data(self, data):
        if self.current is not None and not any(s for _, s, _ in self.stack):
            self.current.append(data)


def first_copy_keys() -> list[str]:
    """Keys of seed lines 2-40 (the first copy and its sign-off), one per line
    as the renderer makes one <p> or <h2> per line; the verse on line 29 without
    the reference typed after it (rendered apart, maybe reformatted)."""
    keys = []
    for n in range(2, 41):
        line = seed(n)
        if n == 29:
            line = line.split("﴾")[0]
        keys.append(key(line))
    return keys


def test_built_book_holds_every_seed_paragraph_once_in_first_copy_order(default_build):
    parser = BlockTexts()
    parser.feed(default_build.html)
    assert [key(t) for t in parser.texts] == first_copy_keys()


def test_report_lists_the_second_copy_as_one_run_with_the_kept_copy(default_build):
    dedup = [f for f in default_build.report["findings"] if f["kind"] == "dedup"]
    assert len(dedup) == 1, dedup
    (f,) = dedup
    assert f["rule"] == "run" and f["level"] == "info"
    assert (f["file"], f["line"], f["end_line"]) == (SEED_FILE, 41, 79)
    assert f["data"]["removed"] == {"file": SEED_FILE, "line": 41, "end_line": 79}
    assert f["data"]["kept"] == {"file": SEED_FILE, "line": 2, "end_line": 40}
    # 39 lines, of which 58-60 are one quotation (`warraq inspect`): 37 blocks
    assert f["data"]["blocks"] == 37
    # `wc -w` counts 1415 words on lines 41-79; three of them are punctuation
    # alone (﴿ ﴾ –) and one is two words («للمسلمين،والله»): 1413
    assert f["data"]["words"] == 1413
    assert f["data"]["near"] == []
    assert f["data"]["text"].startswith("الدعوة الإسلامية:")
    assert default_build.report["counts"]["dedup"] == 1
    # the terminal summary names it too
    assert f"{SEED_FILE}:41-79" in default_build.run.err and f"{SEED_FILE}:2-40" in default_build.run.err


def test_every_tombstone_points_at_its_first_copy():
    config, book = loaded(MANUSCRIPT)
    out, findings = transform(book, config, BuildOptions())
    (part,) = out.parts
    tombs = [b for b in part.blocks if isinstance(b, Removed)]
    assert len(tombs) == 37 and all(t.kind == "run" and t.finding_id == "dedup-run-4-41" for t in tombs)
    for t in tombs:
        # the second copy is the first moved down by 39 lines
        assert (t.kept.line, t.kept.end_line) == (t.prov.line - 39, t.prov.end_line - 39)
        assert t.prov.line >= 41
    live = [key(block_text(b)) for b in part.blocks if not isinstance(b, Removed)]
    expected = [key(seed(n)) for n in range(2, 41) if n not in (19, 20, 21)]
    expected.insert(17, key(" ".join(seed(n) for n in (19, 20, 21))))  # lines 19-21: one quotation, 18th block
    assert live == expected
    assert [f.rule for f in findings if f.kind == "dedup"] == ["run"]


def test_keep_duplicates_builds_both_copies(tmp_path, default_book):
    out = tmp_path / "build"
    run = run_cli("build", "--manuscript", str(default_book), "--out", str(out), "--keep-duplicates")
    assert run.code == 0, run.err
    parser = BlockTexts()
    parser.feed((out / "buqat-daw.html").read_text("utf-8"))
    keys = first_copy_keys()
    assert [key(t) for t in parser.texts] == keys + keys
    report = (out / "report.json").read_text("utf-8")
    assert '"kind": "dedup"' not in report
