"""`warraq quran TEXT` as an author uses it (the real command line)."""

from __future__ import annotations

from warraq.i18n import strip_isolates

from ..conftest import run_cli

DIACRITISED = "﴿ يَا أَيُّهَا الَّذِينَ آمَنُوا إِنْ تَنْصُرُوا اللَّهَ يَنْصُرْكُمْ وَيُثَبِّتْ أَقْدَامَكُمْ ﴾"


def test_finds_47_7_for_the_diacritised_verse():
    run = run_cli("quran", DIACRITISED)
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == "47:7 محمد [محمد: ٧]"
    assert "difference" not in run.out


def test_finds_39_30():
    run = run_cli("quran", "إنك ميت وإنهم ميتون")
    assert run.code == 0 and run.out.splitlines()[0] == "39:30 الزمر [الزمر: ٣٠]"


def test_nothing_for_an_ordinary_sentence():
    run = run_cli("quran", "ذهب الطالب إلى المدرسة في الصباح الباكر")
    assert run.code == 1 and run.out == ""
    assert run.err.strip() == "warraq: no verse of the Qur'an matches this text"


def test_names_the_changed_word():
    run = run_cli("quran", DIACRITISED.replace("يَنْصُرْكُمْ", "يَحْفَظْكُمْ"))
    assert run.code == 0
    assert "47:7 محمد" in run.out
    # the Arabic words are isolated (FSI ... PDI) inside the English sentence
    assert "difference: «يَحْفَظْكُمْ» where the verse has «ينصركم»" in strip_isolates(run.out)


def test_a_tie_is_reported_as_such():
    run = run_cli("quran", "فبأي آلاء ربكما تكذبان")
    assert run.code == 0 and run.out.startswith("tie: these words stand in 31 places")
