"""Each lint rule has a folder `cases/<rule-id>/` with an input part and the
findings expected from it, written by hand (line, rule, the text matched).

The input is read by the real text reader from a real manuscript, so a rule
sees what the pipeline gives it (quotations spanning lines, inline verses).
Every finding the lint reports must be expected: a rule that fires on a
line meant as a counter-example fails its case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warraq.pipeline import load
from warraq.proof import BY_ID, RULES, lint

CASES = Path(__file__).parent / "cases"
OPTIONAL = {"AR011"}  # spelling: only run when asked


def expected(case: Path) -> list[tuple[int, str, str]]:
    rows = []
    for raw in (case / "expected.txt").read_text("utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        line, rule, match = raw.split("\t")
        rows.append((int(line), rule, json.loads(match)))
    return sorted(rows)


def case_ids() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir())


def test_every_rule_has_a_case_folder():
    assert set(case_ids()) == {r.id for r in RULES} | OPTIONAL
    assert set(case_ids()) <= set(BY_ID)


@pytest.mark.parametrize("rule_id", case_ids())
def test_rule_case(rule_id, make_book):
    case = CASES / rule_id
    root = make_book({"01.txt": (case / "input.txt").read_text("utf-8")})
    _config, book, _ = load(root)
    optional = rule_id in OPTIONAL
    findings = lint(book, spelling=optional)
    if optional:
        findings = [f for f in findings if f.rule == rule_id]
    got = sorted((f.prov.line, f.rule, f.data["match"]) for f in findings)
    assert got == expected(case)
    for f in findings:
        assert f.kind == "lint"
        assert f.prov.file.endswith("parts/01.txt")
        assert f.level == BY_ID[f.rule].level
        assert f.message.startswith(f.rule)
