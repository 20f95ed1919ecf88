"""The issue's done-when checks on the default book (manuscript/), built once
through the real command line (see conftest.default_build).

The seed's lines were read by hand: line 29 is the verse ﴿…﴾ 7 محمد, line 9
holds {إنك ميت وإنهم ميتون}, line 3 the hadith, lines 19-21 the Tabari
quotation, line 28 Khalid's speech, lines 33 and 35 the Fredegar and
Anastasius passages (after «نقلا عن كينيدي» on line 31)."""

from __future__ import annotations

import re

SEED = "manuscript/parts/04-buqat-daw.txt"


def notes(built) -> dict[int, dict]:
    """Generated-note findings by the first line of their quotation."""
    return {f["line"]: f for f in built.report["findings"] if f["kind"] == "note"}


def note_html(built, note_id: str) -> str:
    m = re.search(rf'<aside class="note generated" id="note-{note_id}"[^>]*>(.*?)</aside>', built.html, re.S)
    assert m, note_id
    return m.group(1)


def test_verse_of_line_29_gets_its_book_style_reference(default_build):
    html = default_build.html
    m = re.search(r'<blockquote class="verse">(.*?)</blockquote>', html, re.S)
    assert m and '<span class="verse-ref">[محمد: ٧]</span>' in m.group(1)
    assert "7 محمد" not in html  # the typed reference no longer stands as loose text
    (confirmed,) = [f for f in default_build.report["findings"] if f["rule"] == "quran-ref-confirmed"]
    assert (confirmed["file"].endswith(SEED), confirmed["line"]) == (True, 29)


def test_braces_verse_gets_az_zumar_30(default_build):
    # typed between braces, set between ﴿…﴾ once identified (a typography finding)
    assert '﴿إنك ميت وإنهم ميتون﴾</span>\u00a0<span class="verse-ref">[الزمر: ٣٠]</span>' in default_build.html
    (added,) = [f for f in default_build.report["findings"] if f["rule"] == "quran-ref-added"]
    assert added["line"] == 9 and added["data"]["ref"] == "39:30"


def test_each_quotation_cites_its_source(default_build):
    by_line = notes(default_build)
    expected = {
        3: "bukhari-3",  # the hadith, by its wording
        14: "tabari",  # Khalid's words to Jurjah before al-Yarmouk, by their wording
        19: "tabari",  # «يقول الطبري:»
        24: "kennedy",  # «ولا يملك كينيدي ... إلا أن يقول:»
        28: "tabari",  # Khalid's speech, by its wording
        33: "kennedy",  # Fredegar, «نقلا عن كينيدي»
        35: "kennedy",  # Anastasius of Sinai, «نقلا عن كينيدي»
    }
    assert {line: by_line[line]["data"]["source"] for line in expected} == expected
    assert all(by_line[line]["file"].endswith(SEED) for line in by_line)
    # no note for the removed second copy of the seed (lines 44-85)
    assert max(by_line) < 44


def test_note_texts(default_build):
    by_line = notes(default_build)
    hadith = note_html(default_build, by_line[3]["data"]["note"])
    assert "صحيح البخاري، كتاب بدء الوحي، رقم (٣)" in hadith and "صحيح مسلم" in hadith
    first_tabari = note_html(default_build, by_line[14]["data"]["note"])
    assert "محمد بن جرير الطبري، تاريخ الرسل والملوك." in first_tabari
    assert "الطبري، تاريخ الرسل والملوك." in note_html(default_build, by_line[19]["data"]["note"])
    kennedy = note_html(default_build, by_line[7]["data"]["note"])  # the first Kennedy note is full
    assert '<bdi dir="ltr" lang="en">The Great Arab Conquests, 2007</bdi>' in kennedy
    assert "ترجمة قاسم عبده قاسم" in kennedy
    assert "كينيدي، الفتوح العربية الكبرى." in note_html(default_build, by_line[33]["data"]["note"])


def test_notes_are_numbered_in_reading_order(default_build):
    numbers = [int(n) for n in re.findall(r'class="noteref generated"[^>]*><sup>([٠-٩]+)</sup>', default_build.html)]
    assert numbers  # Arabic-Indic digits, read back as ints
    assert numbers == list(range(1, len(numbers) + 1))


def test_report_lists_unsourced_quotations(default_build):
    counts = default_build.report["counts"]
    unsourced = [f for f in default_build.report["findings"] if f["kind"] == "unsourced"]
    # every quotation of the seed is sourced; the count is listed all the same
    assert counts.get("unsourced", 0) == len(unsourced) == 0


def test_colophon_names_tanzil_and_the_cited_sources(default_build):
    colophon = default_build.html.split('id="colophon"', 1)[1]
    assert "tanzil.net" in colophon
    items = re.findall(r"<li>(.*?)</li>", colophon.split('<ul class="sources">', 1)[1])
    assert [i.split("،")[0] for i in items] == ["صحيح البخاري", "هيو كينيدي", "محمد بن جرير الطبري"]
