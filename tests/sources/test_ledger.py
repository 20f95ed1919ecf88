"""sources.toml: parsing, validation with file and line, and citations."""

from __future__ import annotations

from pathlib import Path

import pytest

from warraq.corpora.ledger import citation_text, full_citation, load_ledger, short_citation
from warraq.errors import ConfigError
from warraq.model import Isolate, Source, Text

from ..conftest import MANUSCRIPT, run_cli

VALID = """\
# a comment
[[source]]
key = "tabari"
kind = "book"
author = "محمد بن جرير الطبري"
title = "تاريخ الرسل والملوك"
aliases = ["الطبري"]

[[source]]
key = "bukhari-3"
kind = "hadith"
collection = "صحيح البخاري"
title = "كتاب بدء الوحي"
number = 3
match = ["لم يأت رجل قط بمثل ما جئت به إلا عودي"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, "utf-8")
    return path


def error(tmp_path: Path, text: str) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_ledger(write(tmp_path, text))
    return info.value


def test_a_valid_ledger(tmp_path):
    tabari, bukhari = load_ledger(write(tmp_path, VALID))
    assert tabari.key == "tabari" and tabari.aliases == ("الطبري",) and tabari.prov.line == 2
    assert bukhari.kind == "hadith" and bukhari.number == "٣" and bukhari.prov.line == 9


def test_empty_and_missing_files_are_empty_ledgers(tmp_path):
    assert load_ledger(write(tmp_path, "")) == ()
    assert load_ledger(write(tmp_path, "# nothing yet\n")) == ()
    assert load_ledger(tmp_path / "absent.toml") == ()


def test_integers_follow_the_book_digits_strings_stay_as_typed(tmp_path):
    text = '[[source]]\nkey = "k"\nkind = "book"\ntitle = "ت"\nyear = 2008\npage = "12-14"\n'
    (s,) = load_ledger(write(tmp_path, text))
    assert (s.year, s.page) == ("٢٠٠٨", "12-14")
    (s,) = load_ledger(write(tmp_path, text), digits="western")
    assert s.year == "2008"


def test_unknown_field_names_its_line(tmp_path):
    e = error(tmp_path, VALID.replace('aliases = ["الطبري"]', 'aliases = ["الطبري"]\npublsher = "دار"'))
    assert (e.line, "unknown field 'publsher'" in e.message) == (8, True)
    assert e.file.endswith("sources.toml")


def test_duplicate_key_names_the_second_table(tmp_path):
    e = error(tmp_path, VALID.replace('key = "bukhari-3"', 'key = "tabari"'))
    assert e.line == 9 and "duplicate source key 'tabari' (first at line 2)" in e.message


def test_alias_claimed_by_two_sources(tmp_path):
    # the second claims الطبري too, spelled with a hamza-less alif: one alias for matching
    text = VALID + '\n[[source]]\nkey = "other"\nkind = "book"\ntitle = "كتاب"\naliases = ["الطبرى"]\n'
    e = error(tmp_path, text)
    assert e.line == 21 and "claimed by two sources: 'tabari' (line 2) and 'other'" in e.message


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('key = "x"\ntitle = "ت"', "needs a kind"),
        ('kind = "book"\ntitle = "ت"', "needs a key"),
        ('key = "x"\nkind = "book"', "needs a title"),
        ('key = "x"\nkind = "hadith"\ncollection = "صحيح البخاري"', "a hadith needs a number"),
    ],
)
def test_missing_required_fields(tmp_path, table, message):
    e = error(tmp_path, "\n[[source]]\n" + table + "\n")
    assert e.line == 2 and message in e.message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('kind = "novel"', "kind 'novel' is not one of"),
        ('key = "has space"', "use letters, digits"),
        ('aliases = "الطبري"', "aliases must be a list of strings"),
        ("title = 3", "title must be a string"),
        ('match = ["قال"]', "too short"),
        ('also = ["nowhere"]', "names no other source"),
    ],
)
def test_bad_values_name_their_line(tmp_path, line, message):
    base = '[[source]]\nkey = "x"\nkind = "book"\ntitle = "ت"\n'
    name = line.split("=")[0].strip()
    text = "\n".join(ln for ln in base.splitlines() if not ln.startswith(name + " ")) + "\n" + line + "\n"
    e = error(tmp_path, text)
    assert message in e.message
    assert e.line == text.splitlines().index(line) + 1


def test_other_shapes_are_refused_with_a_line(tmp_path):
    e = error(tmp_path, '[source.tabari]\nkind = "book"\n')
    assert e.line == 1 and "[[source]]" in e.message
    e = error(tmp_path, 'title = "x"\n')
    assert e.line == 1 and "unknown entry 'title'" in e.message
    e = error(tmp_path, "[[source]]\nkey = \n")
    assert e.line == 2 and "invalid TOML" in e.message


def test_the_default_books_ledger_holds_the_checked_facts():
    sources = {s.key: s for s in load_ledger(MANUSCRIPT / "sources.toml")}
    assert set(sources) == {"bukhari-3", "muslim-160", "tabari", "kennedy"}
    # Sahih al-Bukhari no. 3 (كتاب بدء الوحي) and Sahih Muslim no. 160 (كتاب الإيمان)
    assert (sources["bukhari-3"].collection, sources["bukhari-3"].number) == ("صحيح البخاري", "٣")
    assert (sources["muslim-160"].collection, sources["muslim-160"].number) == ("صحيح مسلم", "١٦٠")
    assert sources["bukhari-3"].also == ("muslim-160",)
    assert sources["tabari"].title == "تاريخ الرسل والملوك" and "الطبري" in sources["tabari"].aliases
    kennedy = sources["kennedy"]
    assert kennedy.original == "The Great Arab Conquests, 2007" and "كينيدي" in kennedy.aliases
    assert not (kennedy.page or kennedy.volume or sources["tabari"].page)  # not verifiable: left out


def test_full_and_short_citations_in_arabic_book_order():
    s = Source(
        key="kennedy",
        kind="book",
        author="هيو كينيدي",
        title="الفتوح العربية الكبرى",
        original="The Great Arab Conquests, 2007",
        translator="قاسم عبده قاسم",
        publisher="المركز القومي للترجمة",
        place="القاهرة",
        year="٢٠٠٨",
    )
    full = full_citation(s, "ص ٤٠")
    assert citation_text(full) == (
        "هيو كينيدي، الفتوح العربية الكبرى (The Great Arab Conquests, 2007)، ترجمة قاسم عبده قاسم، "
        "المركز القومي للترجمة، القاهرة، ٢٠٠٨، ص ٤٠."
    )
    # the Latin original is isolated for the bidi algorithm, the rest is plain text
    assert [n for n in full if isinstance(n, Isolate)] == [Isolate("The Great Arab Conquests, 2007")]
    assert all(isinstance(n, (Text, Isolate)) for n in full)
    assert citation_text(short_citation(s)) == "كينيدي، الفتوح العربية الكبرى."


def test_hadith_citations_name_collection_book_and_number():
    bukhari = Source("bukhari-3", "hadith", "كتاب بدء الوحي", collection="صحيح البخاري", number="٣", also=("m",))
    muslim = Source("m", "hadith", "كتاب الإيمان", collection="صحيح مسلم", number="١٦٠")
    full = citation_text(full_citation(bukhari, ledger={"m": muslim}))
    assert full == "صحيح البخاري، كتاب بدء الوحي، رقم (٣)؛ صحيح مسلم، كتاب الإيمان، رقم (١٦٠)."
    assert citation_text(short_citation(bukhari)) == "صحيح البخاري، رقم (٣)."


def test_a_bad_ledger_stops_the_build_with_one_line(default_book, tmp_path):
    (default_book / "sources.toml").write_text(VALID.replace('key = "bukhari-3"', 'key = "tabari"'), "utf-8")
    run = run_cli("build", "--manuscript", str(default_book), "--out", str(tmp_path / "out"))
    assert run.code == 3 and "Traceback" not in run.err
    assert run.err.strip().splitlines()[-1].endswith("sources.toml:9: duplicate source key 'tabari' (first at line 2)")
    assert not (tmp_path / "out" / "report.json").exists()
