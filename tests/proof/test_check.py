"""`warraq check`: the findings in the terminal grouped by file, as JSON,
and `--strict` failing on error-level findings — the real command."""

from __future__ import annotations

import json

from ..conftest import run_cli

PART = "manuscript/parts/04-buqat-daw.txt"


def test_check_groups_the_default_books_findings_by_file(default_book):
    result = run_cli("check", "-m", str(default_book))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == PART  # one file, named as in every message
    body = [line for line in lines[1:] if line.startswith("  ")]
    numbers = [int(line.split()[0].split("-")[0]) for line in body]
    assert numbers == sorted(numbers)  # in line order
    # the seed's «المسلمين،والله» (line 21, checked by eye in the file)
    assert any(line.split()[:3] == ["21", "warning", "lint/AR002"] for line in body)
    assert lines[-1].startswith(f"{len(body)} findings (")


def test_check_json_and_strict(default_book):
    result = run_cli("check", "-m", str(default_book), "--format", "json", "--strict")
    assert result.code == 0  # the default book has warnings, no error-level finding
    data = json.loads(result.out)
    findings = [f for group in data["files"].values() for f in group]
    assert sum(data["counts"].values()) == len(findings)
    assert data["levels"]["error"] == 0
    lint = [f for f in findings if f["kind"] == "lint"]
    assert [(f["rule"], f["line"], f["data"]["match"]) for f in lint] == [("AR002", 21, "،و")]


def test_strict_fails_on_an_error_level_finding(make_book):
    root = make_book({"01.txt": "حلقة (١)\nقال لهم «لا أدري ثم سكت.\nنص سليم.\n"})
    relaxed = run_cli("check", "-m", str(root))
    assert relaxed.code == 0
    assert "error    lint/AR004" in relaxed.out
    strict = run_cli("check", "-m", str(root), "--strict")
    assert strict.code == 6
    assert "warraq: error: 1 error-level finding(s) (--strict)" in strict.err
    assert "Traceback" not in strict.err


def test_check_on_a_broken_book_is_one_clear_line(make_book):
    root = make_book({"01.txt": "حلقة (١)\nنص.\n"})
    (root / "book.toml").write_text('[book]\ntitle = "x\n', "utf-8")
    result = run_cli("check", "-m", str(root))
    assert result.code == 3
    (line,) = [x for x in result.err.splitlines() if x.startswith("warraq: error:")]
    assert "book.toml:2" in line and "Traceback" not in result.err


def test_spelling_suspects_only_when_asked(default_book):
    plain = run_cli("check", "-m", str(default_book))
    assert "lint/AR011" not in plain.out
    spelled = run_cli("check", "-m", str(default_book), "--spelling")
    assert spelled.code == 0, spelled.err
    # «كينيدي» (a name, line 6) is not in the Arabic dictionary: checked with
    # `echo كينيدي | hunspell -d ar -l`
    assert any("lint/AR011" in line and "كينيدي" in line for line in spelled.out.splitlines())


def test_a_latin_run_in_a_word_part_is_linted_as_the_text_it_shows(make_book):
    # Word splits «كتب المؤرخ Hugh Kennedy في كتابه.» in three runs; only
    # single spaces were typed, so no "2 spaces in a row" (AR010)
    from tests.readers.docx_fixtures import TITLE, Doc, docx_bytes, para, run
    from warraq.model import Isolate, Provenance, Text, plain_text
    from warraq.proof.text import segment

    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (١)"), style=TITLE))
    doc.body.append(para(run("كتب المؤرخ "), run("Hugh Kennedy", rtl=False, lang="en-GB"), run(" في كتابه.")))
    root = make_book({"01.txt": "حلقة (٢)\nنص سليم.\n"})
    (root / "parts" / "02.docx").write_bytes(docx_bytes(doc))
    result = run_cli("check", "-m", str(root), "--format", "json")
    assert result.code == 0, result.err
    findings = [f for group in json.loads(result.out)["files"].values() for f in group]
    assert not [f for f in findings if f["rule"] == "AR010"], findings
    # the text lint reads is the text the book shows, the Latin run in it
    inlines = (Text("كتب المؤرخ "), Isolate("Hugh Kennedy"), Text(" في كتابه."))
    assert segment(inlines, Provenance("x.docx", 1)).text == plain_text(inlines) == "كتب المؤرخ Hugh Kennedy في كتابه."


def test_a_latin_titles_year_is_no_mixed_digits():
    from warraq.i18n import strip_isolates
    from warraq.proof.rules import mixed_digits

    assert not list(mixed_digits("كتب سنة ٢٠٠٧ كتابه The Great Arab Conquests, 2007 بالإنجليزية."))
    # the Arabic-Indic number is isolated (FSI ... PDI) inside the English sentence
    assert [strip_isolates(h.message) for h in mixed_digits("سنة ٢٠٠٧ وسنة 2008.")] == [
        "Western (2008) and Arabic-Indic (٢٠٠٧) digits in one paragraph"
    ]
