"""The default book: its whole body is pasted twice (seed lines 2-43 and
44-85).  The built book holds every paragraph once, in first-copy order, and
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
    """Keys of seed lines 2-43 (the first copy and its sign-off), one per line
    as the renderer makes one <p> or <h2> per line; the verse on line 29 without
    the reference typed after it (rendered apart, maybe reformatted); not the
    bayts of lines 41-42 (a poem: no <p>, its attribution on line 40 is one)."""
    keys = []
    for n in range(2, 44):
        if n in (41, 42):
            continue
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
    assert (f["file"], f["line"], f["end_line"]) == (SEED_FILE, 44, 85)
    assert f["data"]["removed"] == {"file": SEED_FILE, "line": 44, "end_line": 85}
    assert f["data"]["kept"] == {"file": SEED_FILE, "line": 2, "end_line": 43}
    # 42 lines, of which 61-63 are one quotation and 83-84 one poem
    # (`warraq inspect`): 39 blocks
    assert f["data"]["blocks"] == 39
    # `wc -w` counts 1446 words on lines 44-85; five of them are punctuation
    # alone (﴿ ﴾ – and the poem's two ***) and one is two words
    # («للمسلمين،والله»): 1446 - 5 + 1 = 1442
    assert f["data"]["words"] == 1442
    assert f["data"]["near"] == []
    assert f["data"]["text"].startswith("الدعوة الإسلامية:")
    assert default_build.report["counts"]["dedup"] == 1
    # the terminal summary names it too
    assert f"{SEED_FILE}:44-85" in default_build.run.err and f"{SEED_FILE}:2-43" in default_build.run.err


def test_every_tombstone_points_at_its_first_copy():
    config, book = loaded(MANUSCRIPT)
    out, findings = transform(book, config, BuildOptions())
    (part,) = out.parts
    tombs = [b for b in part.blocks if isinstance(b, Removed)]
    assert len(tombs) == 39 and all(t.kind == "run" and t.finding_id == "dedup-run-4-44" for t in tombs)
    for t in tombs:
        # the second copy is the first moved down by 42 lines
        assert (t.kept.line, t.kept.end_line) == (t.prov.line - 42, t.prov.end_line - 42)
        assert t.prov.line >= 44
    live = [key(block_text(b)) for b in part.blocks if not isinstance(b, Removed)]
    expected = [key(seed(n)) for n in range(2, 44) if n not in (19, 20, 21, 41, 42)]
    expected.insert(17, key(" ".join(seed(n) for n in (19, 20, 21))))  # lines 19-21: one quotation, 18th block
    # lines 41-42: one poem (its halves without the separator), before the sign-off
    expected.insert(-1, key(" ".join(seed(n).replace(" *** ", " ") for n in (41, 42))))
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
