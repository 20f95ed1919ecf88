"""A four-part series made from the seed (see conftest.series_parts): a recap,
a re-paste with a one-word edit, shared sign-offs and a verse quoted twice on
purpose, deduplicated exactly as issue #3 describes."""

from __future__ import annotations

import json

import pytest

from warraq.i18n import strip_isolates
from warraq.model import Removed, SignOff, Verse, block_text
from warraq.text.arabic import key
from warraq.transforms.dedup import dedup

from ..conftest import run_cli
from .conftest import EDITED_LINE, NEW_WORD, SIGN_OFF, edited_line, loaded, seed, series_parts, write_series


def where(name: str, line: int, end: int | None = None) -> dict:
    return {"file": f"series/parts/{name}", "line": line, "end_line": end or line}


SIGN_OFFS = [where("01.txt", 11), where("02.txt", 12), where("03.txt", 16), where("04.txt", 12)]


def live_keys(book) -> list[list[str]]:
    return [[key(block_text(b)) for b in p.blocks if not isinstance(b, Removed)] for p in book.parts]


def expected_live(sign_offs: tuple[bool, bool, bool, bool]) -> list[list[str]]:
    """What the reader of the book sees, from the part files: part 2 without
    its recap (lines 2-4), part 3 without the re-paste (line 11), each sign-off
    only where `sign_offs` says; quotation lines 19-21 of the seed are one block."""
    parts = []
    for (name, lines), keep_sign_off in zip(series_parts().items(), sign_offs, strict=True):
        body = lines[1:-1]
        if name == "02.txt":
            body = body[3:]
        if name == "03.txt":
            body = body[:9] + body[10:]
        keys = [key(x) for x in body]
        if name == "03.txt":  # seed 19-21 (part 3 lines 3-5) are one quotation
            keys[1:4] = [" ".join(keys[1:4])]
        parts.append(keys + ([key(SIGN_OFF)] if keep_sign_off else []))
    return parts


def test_series_is_deduplicated_as_described(series):
    config, book = loaded(series)
    out, findings = dedup(book, config)
    assert [(f.rule, f.data["kept"]) for f in findings] == [
        ("boilerplate", None),  # first removed: part 1's sign-off
        ("run", where("01.txt", 8, 10)),  # the recap: part 1's heading and two paragraphs
        ("near", where("02.txt", 10)),  # seed line 16 is part 2's line 10
    ]
    boiler, recap, near = findings
    assert boiler.data["removed"] == SIGN_OFFS
    assert boiler.data["policy"] == "remove-all" and boiler.data["reason"] == "closes 4 parts"
    assert recap.data["removed"] == where("02.txt", 2, 4) and recap.data["blocks"] == 3
    assert near.data["removed"] == where("03.txt", 11)
    # one word of 67 changed: 3 of 65 shingles differ, 62 / 68 in common
    assert near.data["similarity"] == round(62 / 68, 3)
    assert near.data["diff"] == [{"op": "replace", "kept": "اختلاف", "removed": NEW_WORD, "word": 9}]
    assert live_keys(out) == expected_live((False, False, False, False))


def test_every_seed_paragraph_once_and_the_verse_twice(series):
    config, book = loaded(series)
    out, _ = dedup(book, config)
    text = [k for part in live_keys(out) for k in part]
    quotation = key(" ".join(seed(n) for n in (19, 20, 21)))
    for n in range(2, 40):
        if n in (19, 20, 21):
            assert text.count(quotation) == 1
        else:
            assert text.count(key(seed(n))) == (2 if n == 29 else 1), n
    verses = [b for p in out.parts for b in p.blocks if isinstance(b, Verse)]
    assert [(v.prov.file, v.prov.line) for v in verses] == [("series/parts/03.txt", 14), ("series/parts/04.txt", 7)]
    assert key(edited_line()) not in text and key(SIGN_OFF) not in text


@pytest.mark.parametrize(
    ("policy", "sign_offs"),
    [("keep-last", (False, False, False, True)), ("keep-all", (True, True, True, True))],
)
def test_boilerplate_policies(tmp_path, policy, sign_offs):
    root = write_series(tmp_path / "series", f'[dedup]\nboilerplate = "{policy}"\n')
    config, book = loaded(root)
    out, findings = dedup(book, config)
    assert live_keys(out) == expected_live(sign_offs)
    boiler = [f for f in findings if f.rule == "boilerplate"]
    if policy == "keep-all":
        assert boiler == []
    else:
        (f,) = boiler
        assert f.data["removed"] == SIGN_OFFS[:3] and f.data["kept"] == SIGN_OFFS[3]
        (kept,) = [b for b in out.parts[3].blocks if isinstance(b, SignOff)]
        assert kept.prov.line == 12


def test_series_build_report_and_dedup_command(tmp_path):
    root = write_series(tmp_path / "series")
    out = tmp_path / "build"
    built = run_cli("build", "--manuscript", str(root), "--out", str(out))
    assert built.code == 0, built.err
    report = json.loads((out / "report.json").read_text("utf-8"))
    rules = [(f["rule"], f["prov"]) for f in report["findings"] if f["kind"] == "dedup"]
    assert rules == [
        ("boilerplate", "series/parts/01.txt:11"),
        ("run", "series/parts/02.txt:2-4"),
        ("near", "series/parts/03.txt:11"),
    ]
    assert "series/parts/02.txt:2-4: repeated passage of 3 blocks" in built.err

    shown = run_cli("dedup", "--manuscript", str(root))
    assert shown.code == 0 and not (out / "dedup").exists()
    lines = strip_isolates(shown.out).splitlines()  # the Arabic quotations are isolated
    assert lines[0] == "3 findings (1 run, 1 near, 1 boilerplate); 8 blocks removed"
    # `sed -n 8,10p` of the seed piped to `wc -w`: 137 words
    assert "  series/parts/02.txt:2-4  (3 blocks, 137 words)" in lines
    assert "      kept «اختلاف», removed «تباين»" in lines
    assert sum(line.startswith("      removed series/parts/") for line in lines) == 4
    as_json = json.loads(run_cli("dedup", "--manuscript", str(root), "--format", "json").out)
    assert as_json["findings"] == [f for f in report["findings"] if f["kind"] == "dedup"]


def test_seed_line_edited_is_the_one_expected():
    # the re-pasted line differs from seed line 16 in exactly one word
    a, b = seed(EDITED_LINE).split(), edited_line().split()
    assert len(a) == len(b) == 67 and sum(x != y for x, y in zip(a, b, strict=True)) == 1
