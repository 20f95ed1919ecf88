"""The findings of the transforms and the proof, and `warraq quran`, in
Arabic (issue #15): Arabic sentences with the book's quotations intact
inside «…», Latin places and ids isolated left to right, numbers in
Arabic-Indic digits, and the plural form the count asks for.  Every
expected sentence here was written and read by hand against the catalog's
wording, not copied from the output."""

from __future__ import annotations

import pytest

from warraq import i18n
from warraq.i18n import FSI, LRI, PDI, msg, nmsg, set_language
from warraq.model import Finding, Provenance
from warraq.pipeline import finding_dict
from warraq.proof import lint
from warraq.proof.report import summary
from warraq.transforms.dedup import dedup

from .conftest import run_cli
from .sources.helpers import transformed
from .transforms.conftest import loaded, write_series


def ltr(text: str) -> str:
    return LRI + text + PDI


VERSE_TYPED = "﴿يا أيها الذين آمنوا إن تنصروا الله يحفظكم ويثبت أقدامكم﴾"  # one word changed: ينصركم


def test_a_repeated_passage_reads_as_an_arabic_sentence(tmp_path):
    config, book = loaded(write_series(tmp_path / "series"))
    _, findings = dedup(book, config)
    run = next(f for f in findings if f.rule == "run")
    # 3 blocks: the plural of 3 to 10 (فقرات); 137 words: of 11 to 99 after
    # the hundreds (كلمة); the kept copy's file:line isolated left to right
    assert run.message.render("ar") == (
        "حُذف مقطع مكرر من ٣ فقرات (١٣٧ كلمة)؛ أُبقيت النسخة التي في " + ltr("series/parts/01.txt:8-10")
    )
    assert finding_dict(run)["params"] == {
        "n": 3,
        "word_count": {"msgid": "{n} word", "params": {"n": 137}},  # the same in every language
        "words": 137,
        "kept": "series/parts/01.txt:8-10",
    }
    near = next(f for f in findings if f.rule == "near")
    assert near.message.render("ar") == (
        "حُذفت فقرة شبه مكررة (تشابه ٩١٪: أُبقي «اختلاف» وحُذف «تباين»)؛ أُبقيت النسخة التي في "
        + ltr("series/parts/02.txt:10")
    )


@pytest.mark.parametrize(
    ("n", "arabic"),
    [
        (0, "لم تُحذف أي فقرة"),
        (1, "حُذفت فقرة واحدة"),
        (2, "حُذفت فقرتان"),
        (3, "حُذفت ٣ فقرات"),
        (10, "حُذفت ١٠ فقرات"),
        (11, "حُذفت ١١ فقرة"),
        (99, "حُذفت ٩٩ فقرة"),
        (100, "حُذفت ١٠٠ فقرة"),
        (103, "حُذفت ١٠٣ فقرات"),
    ],
)
def test_counts_take_the_arabic_plural_form(n, arabic):
    assert nmsg("{n} block removed", "{n} blocks removed", n=n).render("ar") == arabic


def test_a_footnote_added_is_an_arabic_sentence_around_the_quotation(make_book):
    root = make_book(
        {"01.txt": "مقال (١)\nيقول الطبري:\n«كان عمر كلما مر بخالد قال يا خالد»\n"},
        sources='[[source]]\nkey = "tabari"\nkind = "book"\nauthor = "محمد بن جرير الطبري"\n'
        'title = "تاريخ الرسل والملوك"\naliases = ["الطبري"]\n',
    )
    _, findings = transformed(root)
    (note,) = [f for f in findings if f.kind == "note"]
    assert note.message.render("ar") == (
        "أُضيفت حاشية إلى «كان عمر كلما مر بخالد قال يا خالد»: محمد بن جرير الطبري، تاريخ الرسل والملوك."
    )
    # in English the Arabic quotation and citation are isolated, so the
    # sentence around them keeps its order
    assert note.message.render("en") == (
        f"footnote added to «{FSI}كان عمر كلما مر بخالد قال يا خالد{PDI}»: "
        f"{FSI}محمد بن جرير الطبري، تاريخ الرسل والملوك.{PDI}"
    )
    assert finding_dict(note)["params"]["source"] == "tabari"


def test_a_misquoted_verse_is_named_in_arabic_with_its_surah_and_ayah(make_book):
    root = make_book({"01.txt": f"مقال (١)\nقال تعالى: {VERSE_TYPED}\n"})
    _, findings = transformed(root)
    added = next(f for f in findings if f.rule == "quran-ref-added")
    misquoted = next(f for f in findings if f.rule == "quran-misquoted")
    quoted = "يا أيها الذين آمنوا إن تنصروا الله يحفظكم ويثبت أقدامكم"
    assert added.message.render("ar") == f"أُضيف المرجع [محمد: ٧] إلى «{quoted}»"
    assert misquoted.message.render("ar") == "يختلف الاقتباس عن [محمد: ٧]: «يحفظكم» في موضع «ينصركم» من الآية"
    params = finding_dict(misquoted)["params"]
    assert (params["surah"], params["ayah"], params["last_ayah"]) == (47, 7, 7)


def test_a_lint_finding_in_arabic_keeps_its_rule_id_left_to_right(make_book):
    root = make_book({"01.txt": "مقال (١)\nقال المسلمين،والله كذا.\n"})
    _, book = loaded(root)
    (found,) = [f for f in lint(book) if f.rule == "AR002"]
    assert found.message.render("ar") == ltr("AR002") + " لا مسافة بعد «،»"
    assert found.message == f"AR002 no space after «{FSI}،{PDI}»"  # English: the Arabic comma isolated
    params = finding_dict(found)["params"]
    assert params["rule"] == "AR002" and params["mark"] == "،"


def test_the_check_summary_counts_in_arabic():
    prov = Provenance("parts/01.txt", 3)
    findings = [
        Finding("lint", "AR002", msg("no space after «{mark}»", mark="،"), prov, "warning"),
        Finding("note", "src-match", msg("note {note} is never called", note="n1-1"), prov, "info"),
    ]
    set_language("ar")
    assert summary(findings) == f"ملاحظتان ({ltr('lint')}: ١، {ltr('note')}: ١): لا أخطاء، تنبيه واحد، معلومة واحدة"
    set_language("en")
    assert summary(findings) == "2 findings (1 lint, 1 note): 0 errors, 1 warning, 1 info"


def test_the_quran_command_speaks_arabic():
    run = run_cli("quran", VERSE_TYPED, env={"WARRAQ_LANG": "ar"})
    assert run.code == 0, run.err
    assert i18n.strip_isolates(run.out).splitlines() == [
        "47:7 محمد [محمد: ٧]",
        "  يا أيها الذين آمنوا إن تنصروا الله ينصركم ويثبت أقدامكم",
        "  فرق: «يحفظكم» في موضع «ينصركم» من الآية",
        "  وُجدت في الآية ٨ من ٩ كلمات مقتبسة",
    ]
    tie = run_cli("quran", "إن الله غفور رحيم", env={"WARRAQ_LANG": "ar"})
    assert tie.out.splitlines()[0] == "تعادل: ترد هذه الكلمات في ١٣ موضعًا"  # 13: the form of 11 to 99


def test_the_dedup_command_speaks_arabic(tmp_path):
    root = write_series(tmp_path / "series")
    run = run_cli("dedup", "--manuscript", str(root), env={"WARRAQ_LANG": "ar"})
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    # 3 findings, 8 blocks: both of the plural of 3 to 10; the rule ids Latin
    assert lines[0] == f"٣ ملاحظات ({ltr('run')}: ١، {ltr('near')}: ١، {ltr('boilerplate')}: ١)؛ حُذفت ٨ فقرات"
    assert "مقاطع مكررة (فقرات متتالية):" in lines
    assert f"  {ltr('series/parts/02.txt:2-4')}  (٣ فقرات، ١٣٧ كلمة)" in lines
    assert "      أُبقي «اختلاف» وحُذف «تباين»" in lines
    # the sign-off closes the 4 parts and is removed from each
    assert "  «وللحديث بقية إن شاء الله» — تختم ٤ أجزاء، السياسة " + ltr("remove-all") + ": حُذفت ٤ مرات" in lines


def test_a_list_is_joined_as_the_language_joins_it():
    from warraq.i18n import commas, semicolons

    listed = commas(["bukhari:1", "muslim:1907", "bukhari:54"])
    assert listed == "bukhari:1, muslim:1907, bukhari:54"
    assert listed.render("ar") == "، ".join(ltr(x) for x in ("bukhari:1", "muslim:1907", "bukhari:54"))
    assert semicolons(["«أ»", "«ب»"]).render("ar") == "«أ»؛ «ب»"
    assert commas([]) == "" and commas(["وحده"]) == "وحده"
