"""Where each part first appeared: Markdown front matter, book.toml's
`[parts."name"]` tables, their errors (one line naming file and line), and the
[apparatus] settings."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from warraq.config import load_config
from warraq.errors import ConfigError, InputError
from warraq.pipeline import analyse
from warraq.render import Renderer
from warraq.render.apparatus import date_text, hijri_text

MD = "---\ntitle: مقالة (١)\npublished: {date}\nvenue: جريدة الأمس\n---\n\nنص المقالة.\n"
TXT = "مقالة (٢)\nنص المقالة الثانية.\n"


def test_dates_in_book_digits():
    # no-break spaces: a date stays on one line
    assert date_text("2024-03-15") == "١٥\u00a0مارس\u00a0٢٠٢٤م"
    assert date_text("1999-12-01", "western") == "1\u00a0ديسمبر\u00a01999م"
    # Umm al-Qura: 1 Ramadan 1445 = 11 March 2024; 1 Muharram 1446 = 7 July 2024
    assert hijri_text("2024-03-11") == "١\u00a0رمضان\u00a0١٤٤٥هـ"
    assert hijri_text("2024-07-07") == "١\u00a0محرم\u00a0١٤٤٦هـ"
    assert hijri_text("2024-10-04") == "١\u00a0ربيع\u00a0الآخر\u00a0١٤٤٦هـ"
    assert hijri_text("1850-01-01") == ""  # outside the calendar's table: no Hijri date, no error


def test_front_matter_and_book_toml(make_book):
    extra = '\n[parts."02.txt"]\npublished = 2023-01-09\nvenue = "مجلة الغد"\nurl = "https://example.org/2"\n'
    root = make_book({"01.md": MD.format(date="2024-03-15"), "02.txt": TXT}, extra=extra)
    book = analyse(root).book
    one, two = book.parts
    assert (one.published, one.venue) == ("2024-03-15", "جريدة الأمس")
    assert (two.published, two.venue, two.url) == ("2023-01-09", "مجلة الغد", "https://example.org/2")
    html = Renderer(book, load_config(root), "epub").part(two)
    when = '<time datetime="2023-01-09">٩\u00a0يناير\u00a0٢٠٢٣م</time>'
    assert f"نُشرت في مجلة الغد بتاريخ {when}" in html
    assert "example.org" not in html  # the book links to no other host
    assert "هـ" not in html  # no [book] hijri


def test_book_toml_wins_over_front_matter(make_book):
    extra = '\n[parts."01.md"]\nvenue = "جريدة الصواب"\n'
    root = make_book({"01.md": MD.format(date="2024-03-15")}, extra=extra)
    (part,) = analyse(root).book.parts
    assert (part.published, part.venue) == ("2024-03-15", "جريدة الصواب")


@pytest.mark.parametrize("date", ["2024-13-01", "15/03/2024", "2024-3-5", "1700-01-01"])
def test_bad_front_matter_date_is_one_line(make_book, date):
    root = make_book({"01.md": MD.format(date=date)})
    with pytest.raises(InputError) as err:
        analyse(root)
    assert err.value.line == 3 and err.value.file.endswith("01.md")  # `published:` is line 3


def test_bad_book_toml_date_names_its_line(make_book):
    root = make_book({"02.txt": TXT}, extra='\n[parts."02.txt"]\nvenue = "مجلة"\npublished = "2023-02-30"\n')
    with pytest.raises(ConfigError) as err:
        load_config(root)
    text = (root / "book.toml").read_text("utf-8").splitlines()
    assert text[err.value.line - 1].startswith("published")


def test_unknown_part_key_and_part_file(make_book):
    root = make_book({"02.txt": TXT}, extra='\n[parts."02.txt"]\nauthor = "x"\n')
    with pytest.raises(ConfigError):
        load_config(root)


def test_part_table_naming_no_file_is_a_warning(make_book):
    root = make_book({"02.txt": TXT}, extra='\n[parts."07.txt"]\nvenue = "مجلة"\n')
    found = [f for f in analyse(root).findings if f.rule == "publication-no-part"]
    assert len(found) == 1 and found[0].level == "warning" and found[0].prov.line > 0


def test_apparatus_settings(make_book):
    root = make_book({"02.txt": TXT}, extra='\n[apparatus]\nbibliography_order = "year"\n')
    run = run_cli("check", "--manuscript", str(root))
    assert run.code != 0 and "bibliography_order" in run.err and "Traceback" not in run.err
    (root / "book.toml").write_text(
        (root / "book.toml").read_text("utf-8").replace('bibliography_order = "year"', "quran = false"), "utf-8"
    )
    config = load_config(root)
    assert not config.apparatus.quran and config.apparatus.hadith
