"""The message catalogs and the language machinery (warraq/i18n.py).

The completeness test fails when a message is added to the code and not to
both catalogs (run `make catalogs`, then translate the new Arabic entries).
"""

from __future__ import annotations

import gettext
import pickle

import pytest

from warraq import catalogs, i18n
from warraq.i18n import FSI, LRI, PDI, choose, msg, nmsg, placeholders

EXTRACTED = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogs.extract() if m.id}


def _catalog(lang):
    return {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogs.read(lang) if m.id}


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_message_is_in_the_catalog_and_translated(lang):
    catalog = _catalog(lang)
    missing = sorted(set(EXTRACTED) - set(catalog))
    assert not missing, f"{len(missing)} messages not in {lang}: run `make catalogs` and translate: {missing[:5]}"
    forms = 6 if lang == "ar" else 2
    for key, message in catalog.items():
        assert not message.fuzzy, f"{lang}: fuzzy translation of {key!r}"
        strings = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
        assert all(strings), f"{lang}: untranslated {key!r}"
        if isinstance(message.id, str):
            assert placeholders(message.string) == placeholders(message.id), f"{lang}: placeholders of {key!r}"
        else:
            assert len(strings) == forms, f"{lang}: {len(strings)} plural forms for {key!r}"
            allowed = placeholders(message.id[0]) | placeholders(message.id[1])
            for form in strings:
                # Arabic's forms for 1 and 2 may leave the number out («مقطعان»)
                assert placeholders(form) <= allowed, f"{lang}: unknown placeholder in {form!r}"
            assert placeholders(strings[-1]) == allowed, f"{lang}: the general form of {key!r} drops a parameter"


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_no_catalog_entry_is_left_unused(lang):
    stale = sorted(set(_catalog(lang)) - set(EXTRACTED))
    assert not stale, f"{lang}: entries no longer in the code (run `make catalogs`): {stale[:5]}"


def test_the_catalogs_compile_and_read_back(tmp_path):
    for lang in i18n.LANGS:
        mo = tmp_path / f"{lang}.mo"
        mo.write_bytes(i18n.compile_po(catalogs.po_path(lang)))
        with mo.open("rb") as fp:
            t = gettext.GNUTranslations(fp)
        assert t.gettext("error") == ("خطأ" if lang == "ar" else "error")


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "ar_EG.UTF-8"}, "ar"),
        ({"LANG": "ar_EG.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),  # LC_ALL wins, and C is no language
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ar_SA.UTF-8"}, "ar"),
        ({"LANGUAGE": "fr:ar", "LANG": "en_US.UTF-8"}, "ar"),  # the first language warraq speaks
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "ar_EG.UTF-8", "WARRAQ_LANG": "en"}, "en"),
        ({"LANG": "en_US.UTF-8", "WARRAQ_LANG": "ar"}, "ar"),
        ({"WARRAQ_LANG": "", "LANG": "ar"}, "ar"),
    ],
)
def test_the_language_follows_the_locale_variables(env, lang):
    assert choose(None, env) == lang


def test_lang_overrides_everything():
    assert choose("en", {"WARRAQ_LANG": "ar", "LANG": "ar_EG.UTF-8"}) == "en"
    assert choose("ar", {"LC_ALL": "C"}) == "ar"


def test_arabic_plural_forms_follow_the_count():
    # the six forms of the Arabic plural rule (CLDR): zero, one, two, few
    # (3-10), many (11-99), other (100-102 ...), checked by hand
    plural = i18n.translations("ar").plural
    assert [plural(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111)] == [0, 1, 2, 3, 3, 4, 4, 5, 5, 3, 4]


def test_numbers_are_arabic_indic_in_arabic():
    assert i18n.number(1234, "ar") == "١٢٣٤"  # a line number, a year: no grouping
    assert i18n.number(3, "en") == "3"
    assert i18n.number(0.5, "ar") == "٠٫٥"
    assert i18n.number(12345.678, "en") == "12345.68"  # never 1.235e+04


def test_json_params_are_the_same_in_every_language():
    i18n.set_language("ar")
    ar = nmsg("{n} word", "{n} words", n=1413, where=msg("{n} thing", n=2)).json_params()
    i18n.set_language("en")
    en = nmsg("{n} word", "{n} words", n=1413, where=msg("{n} thing", n=2)).json_params()
    assert ar == en == {"n": 1413, "where": {"msgid": "{n} thing", "params": {"n": 2}}}


def test_latin_parameters_are_isolated_in_an_arabic_sentence():
    assert i18n.isolate("parts/04.txt:12", "ar") == LRI + "parts/04.txt:12" + PDI
    assert i18n.isolate("نص عربي", "ar") == "نص عربي"
    assert i18n.isolate("نص عربي", "en") == FSI + "نص عربي" + PDI
    assert i18n.isolate("parts/04.txt", "en") == "parts/04.txt"


def test_a_message_keeps_its_parameters_and_renders_in_either_language():
    i18n.set_language("ar")
    m = msg("error")
    assert m == "خطأ" and m.render("en") == "error" and m.msgid == "error"
    i18n.set_language("en")
    back = pickle.loads(pickle.dumps(m))
    assert back.msgid == "error" and back == "error"  # made again in the language of the process


def test_an_unknown_message_falls_back_to_english_with_its_values():
    m = nmsg("{n} thing", "{n} things", n=3, file="a.txt")
    assert m == "3 things" and m.params == {"n": 3, "file": "a.txt"}
    i18n.set_language("ar")
    assert msg("{file} is odd", file="a.txt") == LRI + "a.txt" + PDI + " is odd"
