"""Pages dated only in the Hijri calendar (readers/web, publishing/dates.py):
they are ordered by the Umm al-Qura date of their Hijri date, the date is
printed as the page has it, and a date that cannot be converted, that is
doubtful, or that leaves two parts' order in doubt is a finding.  The page
in data/web/hijri/ is written by hand after a Saudi paper's article page
(the site's header prints today's Hijri date before the headline).

Expected Gregorian dates checked by hand against the Umm al-Qura tables:
1 Ramadan 1445 = 11 March 2024, so 15 Ramadan = 25 March and 16 Ramadan
= 26 March; 3 Shawwal 1445 = 12 April 2024; Shaʿbān 1445 has 29 days in
Umm al-Qura (29 Shaʿbān = 10 March 2024)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from warraq.assemble import number_by_date
from warraq.errors import WarraqError
from warraq.model import Part
from warraq.publishing.dates import gregorian_of_hijri
from warraq.readers import BY_DATE, read_part
from warraq.readers.web.dates import hijri_date, hijri_parts

DATA = Path(__file__).parent / "data" / "web" / "hijri"
PAGE = (DATA / "alriyadh.html").read_text("utf-8")
PRINTED = "الجمعة ١٥ رمضان ١٤٤٥هـ"


def page(tmp_path: Path, name: str, dated: str, title: str = "مجالس الوراقين في رمضان") -> Part:
    html = PAGE.replace(PRINTED, dated).replace("مجالس الوراقين في رمضان", title)
    (tmp_path / name).write_text(html, "utf-8")
    return read_part(tmp_path / name, name, {}, (), False)


def test_a_page_dated_only_in_hijri_is_ordered_by_its_umm_al_qura_day():
    part = read_part(DATA / "alriyadh.html", "alriyadh.html", {}, (), False)
    assert part.number == BY_DATE
    assert part.published == "2024-03-25"
    assert part.published_hijri == "١٥ رمضان ١٤٤٥هـ"  # as printed: not the header's «٨ جمادى الآخرة ١٤٤٦هـ»
    assert part.published_calendar == "hijri"
    (said,) = [f for f in part.findings if f.rule == "web-date-hijri"]
    assert said.level == "info" and "2024-03-25" in said.message and "١٥ رمضان ١٤٤٥هـ" in said.message


def test_hijri_and_gregorian_dated_pages_take_one_order(tmp_path):
    ramadan = page(tmp_path, "a.html", "١٥ رمضان ١٤٤٥هـ", "مجالس الوراقين")
    shawwal = page(tmp_path, "b.html", "٣ شوال ١٤٤٥ هـ", "دكاكين الكتب بعد العيد")
    march = page(tmp_path, "c.html", "20 مارس 2024", "سوق الكتب القديمة")
    april = page(tmp_path, "d.html", "١ أبريل ٢٠٢٤", "مكتبات الأرصفة")
    assert shawwal.published == "2024-04-12" and march.published_calendar == ""
    ordered = sorted(number_by_date([shawwal, april, ramadan, march]), key=lambda p: p.number)
    assert [p.source_path for p in ordered] == ["c.html", "a.html", "d.html", "b.html"]
    # days apart: no doubt said
    assert not [f for p in ordered for f in p.findings if f.rule == "order-by-date-doubtful"]


def test_a_day_apart_with_a_hijri_date_is_a_doubtful_order(tmp_path):
    first = page(tmp_path, "a.html", "١٥ رمضان ١٤٤٥هـ", "مجالس الوراقين")
    second = page(tmp_path, "b.html", "١٦ رمضان ١٤٤٥هـ", "دكاكين الكتب")
    ordered = sorted(number_by_date([second, first]), key=lambda p: p.number)
    assert [p.source_path for p in ordered] == ["a.html", "b.html"]
    (doubt,) = [f for p in ordered for f in p.findings if f.rule == "order-by-date-doubtful"]
    assert doubt.level == "warning" and doubt.prov.file == "b.html"
    assert "١٦ رمضان ١٤٤٥هـ" in doubt.message and "a.html" in doubt.message and "[order]" in doubt.message


def test_two_pages_of_one_day_are_a_doubtful_order(tmp_path):
    first = page(tmp_path, "a.html", "20 مارس 2024", "مجالس الوراقين")
    second = page(tmp_path, "b.html", "20 مارس 2024", "دكاكين الكتب")
    ordered = number_by_date([second, first])
    (doubt,) = [f for p in ordered for f in p.findings if f.rule == "order-by-date-doubtful"]
    assert doubt.prov.file == "b.html" and "2024-03-20" in doubt.message


def test_the_30th_of_a_29_day_month_is_the_next_day_with_a_warning(tmp_path):
    part = page(tmp_path, "a.html", "٣٠ شعبان ١٤٤٥هـ")
    assert part.published == "2024-03-11"
    assert [f.level for f in part.findings if f.rule == "web-date-hijri"] == ["info", "warning"]


def test_a_hijri_date_out_of_the_calendars_years_is_said_and_the_part_not_lost_silently(tmp_path):
    (tmp_path / "old.html").write_text(PAGE.replace(PRINTED, "١٥ رمضان ١٣٢٠هـ"), "utf-8")
    with pytest.raises(WarraqError) as raised:
        read_part(tmp_path / "old.html", "old.html", {}, (), False)
    said = str(raised.value.message)
    assert "no part number" in said and "١٥ رمضان ١٣٢٠هـ" in said and "[order]" in said
    assert gregorian_of_hijri(1320, 9, 15)[0] == ""
    assert "1343" in gregorian_of_hijri(1320, 9, 15)[1]


def test_a_page_whose_two_dates_disagree_is_a_warning(tmp_path):
    part = page(tmp_path, "a.html", "20 مارس 2024 - ١٥ شوال ١٤٤٥هـ")
    assert part.published == "2024-03-20" and part.published_calendar == ""
    (said,) = [f for f in part.findings if f.rule == "web-date-disagree"]
    assert "2024-04-24" in said.message  # 15 Shawwal 1445 by Umm al-Qura
    agree = page(tmp_path, "b.html", "25 مارس 2024 - ١٥ رمضان ١٤٤٥هـ")
    assert not [f for f in agree.findings if f.rule == "web-date-disagree"]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("الجمعة ١٥ رمضان ١٤٤٥هـ", (1445, 9, 15)),
        ("١٥ رمضان ١٤٤٥ الموافق", (1445, 9, 15)),  # no «هـ»: the month and the year say Hijri
        ("٢ جمادى الآخرة ١٤٤٦ هـ", (1446, 6, 2)),
        ("١ ربيع الأول ١٤٤٦هـ", (1446, 3, 1)),
        ("١٥/٩/١٤٤٥هـ", (1445, 9, 15)),
        ("1445/09/15 هـ", (1445, 9, 15)),
        ("٥ شعبان ٢٠٢٤", None),  # a Gregorian year: no Hijri date
        ("رمضان ١٤٤٥", None),  # no day: nothing to order by
        ("15/9/1445", None),  # digits only, no «هـ»
    ],
)
def test_hijri_dates_as_pages_print_them(text, parts):
    printed = hijri_date(text)
    assert (hijri_parts(printed) if printed else None) == parts


def test_the_book_prints_the_hijri_date_as_the_page_has_it(tmp_path):
    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text('[book]\ntitle = "مجالس"\nauthor = "عبدالله الناصر"\nslug = "majalis"\n', "utf-8")
    (root / "parts" / "alriyadh.html").write_text(PAGE, "utf-8")
    run = run_cli("build", "-m", str(root), "-o", str(root / "build"), "-f", "html", "-q")
    assert run.code == 0, run.err
    html = next((root / "build").glob("*.html")).read_text("utf-8")
    line = re.search(r'<p class="first-published">(.*?)</p>', html, re.S)[1]
    assert '<time datetime="2024-03-25">١٥ رمضان ١٤٤٥هـ</time>' in line
    assert "مارس" not in line  # no Gregorian date the page did not print


@pytest.mark.parametrize(
    ("printed", "published", "either"),
    [
        ("03/04/2024", "2024-04-03", True),  # 3 April or 4 March: read day first, said
        ("٠٣/٠٤/٢٠٢٤", "2024-04-03", True),  # the same in Arabic-Indic digits
        ("3.4.2024", "2024-04-03", True),
        ("15/03/2024", "2024-03-15", False),  # only day first is a date
        ("04/04/2024", "2024-04-04", False),  # the same either way
        ("2024/03/04", "2024-03-04", False),  # year first: month, then day
        ("4 مارس 2024", "2024-03-04", False),  # the month named
    ],
)
def test_a_numeric_date_that_reads_both_ways_is_said(tmp_path, printed, published, either):
    part = page(tmp_path, "a.html", printed)
    assert part.published == published
    said = [f for f in part.findings if f.rule == "web-date-either-way"]
    assert bool(said) == either
    if either:
        (f,) = said
        assert f.level == "info" and f.prov.file == "a.html" and published in f.message and printed in f.message
