"""Saved web pages as parts (readers/web.py): pages modelled on nine Arabic
news and opinion sites, each with its chrome (menus, share bars, «اقرأ أيضا»,
related lists, comments, cookie banners), and pages that are not articles."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.writers.epub_fixtures import epubcheck
from warraq.assemble import number_by_date
from warraq.errors import WarraqError
from warraq.model import Figure, Part, block_text, plain_text, replace
from warraq.readers import BY_DATE, read_part
from warraq.readers.web import strip_site_name

DATA = Path(__file__).parent / "data" / "web"

# file: (title, date, Hijri date, site, a sentence of the article's start and end, figures)
PAGES = {
    "aljazeera.html": (
        "حين كانت القاهرة تقرأ",
        "2024-01-12",
        "",
        "الجزيرة نت",
        "كان سور الأزبكية في القاهرة أكثر من سوق للكتب القديمة",
        "وللحديث بقية إن شاء الله",
        1,
    ),
    "ahram.html": (
        "فاس.. مدينة تحرس أبوابها",
        "2024-02-19",  # ١٩-٢-٢٠٢٤ in the byline; the site's header prints today's date (٢٠ فبراير)
        "",
        "بوابة الأهرام",
        "في فاس لا تدخل المدينة، بل تدخلك هي",
        "فتفهم لماذا سماها الرحالة مدينة لا تنام على صمت.",
        0,
    ),
    "hespress.html": (
        "مراكش.. ساحة تحكي ألف حكاية",
        "2024-03-08",
        "",
        "هسبريس",
        "لا تشبه ساحة جامع الفنا في مراكش أي ساحة أخرى في العالم",
        "في مدينة تتغير كل يوم.",
        1,
    ),
    "aawsat.html": (
        "بغداد... دار السلام التي لم تعرف السلام",
        "2024-03-15",
        "05 رَمضان 1445 هـ",  # as the byline prints it (the header's «5 رمضان» is the paper's date)
        "الشرق الأوسط",
        "بنى أبو جعفر المنصور مدينته المدورة على ضفة دجلة",
        "في مشهد يذكر بأيام الوراقين الأولى.",
        1,
    ),
    "alquds.html": (
        "القدس في كتب الرحالة",
        "2024-04-02",
        "",
        "القدس العربي",
        "قليلة هي المدن التي كتب عنها الرحالة كما كتبوا عن القدس",
        "وتبقى المدينة الحقيقية أكبر من كل ما كتب عنها.",
        0,
    ),
    "arabi21.html": (
        "تونس.. المدينة التي تطل على بحرين",
        "2024-05-14",  # «١٤ أيار/مايو ٢٠٢٤», no machine date
        "",
        "عربي21",  # no og:site_name: from <title>
        "تطل تونس على بحرين",
        "وإلى لقاء قادم",
        1,
    ),
    "almasryalyoum.html": (
        "الإسكندرية.. مكتبة على البحر",
        "2024-06-02",
        "",
        "المصري اليوم",
        "حين أسس الإسكندر المقدوني مدينته على الشاطئ المصري",
        "وبالبحر الذي ما زال يحمل إليها الغرباء والحكايات.",
        0,
    ),
    "echorouk.html": (
        "الجزائر البيضاء.. قصبة على كتف البحر",
        "2024-07-10",
        "04 محرم 1446 هـ",
        "الشروق أونلاين",
        "من البحر تبدو الجزائر العاصمة مدرجا أبيض",
        "وللحديث بقية",
        0,
    ),
    "elaph_cp1256.html": (
        "حلب.. مدينة الخانات والقلعة",
        "2024-09-08",
        "",
        "إيلاف",
        "تقوم قلعة حلب على تل عال في قلب المدينة",
        "كأنهم يكتبون الحكاية من جديد بالحجر والخشب والصبر.",
        0,
    ),
}

# what each page has around its article: none of it may reach the book
CHROME = {
    "aljazeera.html": [
        "نستخدم ملفات تعريف الارتباط",
        "البث الحي",
        "الرئيسية",
        "اقرأ أيضا",
        "بيروت التي طبعت للعرب كتبهم",
        "مكتبات بغداد بين الحريق والنهضة",
        "نسخ الرابط",
        "فيسبوك",
        "الآراء الواردة في المقال",
        "المصدر : الجزيرة",
        "النشرة البريدية",
        "هل انتهى زمن الصحافة الورقية",
        "سياسة الخصوصية",
        "كاتب وباحث في التاريخ الثقافي",
    ],
    "ahram.html": [
        "الطقس",
        "أسعار العملات",
        "كتاب البوابة",
        "مشاركة على فيسبوك",
        "طباعة",
        "الكلمات المتعلقة",
        "مراكش بين الأسطورة والواقع",
        "أضف تعليقك",
        "التعليقات لا تعبر",
        "أسعار الذهب اليوم",
        "جميع الحقوق محفوظة",
    ],
    "hespress.html": [
        "صورة الكاتب",  # the writer's photo in the byline: not a figure of the article
        "ملفات الكوكيز",
        "آخر الأخبار",
        "الحكومة تصادق",
        "شارك",
        "واتساب",
        "Google News",
        "أسوار تارودانت تستغيث",
        "الساحة فقدت روحها",
        "مقال جميل يعيدنا",
        "كل صيف أعود إليها",
        "الأكثر تعليقا",
        "أسعار المحروقات",
    ],
    "aawsat.html": [
        "انتقل إلى المحتوى الرئيسي",
        "رقم العدد",
        "اشترك في النشرة اليومية",
        "شارك المقال",
        "LinkedIn",
        "البصرة ميناء الحكايات",
        "أعلن معنا",
        "نُشر",
    ],
    "alquds.html": [
        "من نحن",
        "الوطن العربي",
        "بقلم",
        "واتساب",
        "اقرأ أيضاً",
        "يافا عروس البحر",
        "الهوامش",
        "الوسوم",
        "غزة في ذاكرة الرحالة",
        "القدس تسكن القلوب",
        "رحلة العبدري",
        "اترك تعليقاً",
        "حقوق النشر",
    ],
    "arabi21.html": [
        "تابعنا على فيسبوك",
        "عاجل",
        "القمة العربية",
        "تكبير الخط",
        "بتوقيت غرينتش",
        "تلغرام",
        "المقالات المنشورة تعبر عن رأي كتابها",
        "صفاقس عاصمة الجنوب",
        "تطورات ميدانية في غزة",
    ],
    "almasryalyoum.html": [
        "تسجيل الدخول",
        "حوادث",
        "شارك على فيسبوك",
        "انسخ الرابط",
        "اقرأ المزيد",
        "أسعار الدواجن",
        "امتحانات الثانوية",
        "حقوق النشر",
    ],
    "echorouk.html": [
        "الكوكيز",
        "اعرف المزيد",
        "مشاركة",
        "قسنطينة مدينة الجسور",
        "قرار سياسي جريء",
        "جزائري حر",
        "جميع الحقوق محفوظة",
    ],
    "elaph_cp1256.html": [
        "الصفحة الرئيسية",
        "ثقافات",
        "أرسل لصديق",
        "تعليقات القراء",
        "حلب ستعود كما كانت",
        "انتخابات أمريكية ساخنة",
        "الأكثر قراءة",
        "جميع الحقوق محفوظة",
    ],
}


def read(name: str, link_notes: bool = False, folder: Path = DATA) -> Part:
    return read_part(folder / name, name, {}, (), link_notes)


def book_text(part: Part) -> str:
    texts = [plain_text(part.title), *(block_text(b) for b in part.blocks)]
    texts += [plain_text(n.inlines) for n in part.notes]
    texts += [b.alt for b in part.blocks if isinstance(b, Figure)]
    return "\n".join(texts)


def test_at_least_six_sites_and_every_page_has_its_chrome_listed():
    assert set(PAGES) == set(CHROME)
    assert len(PAGES) >= 6
    for name, strings in CHROME.items():
        raw = (DATA / name).read_bytes()
        text = raw.decode("cp1256") if "cp1256" in name else raw.decode("utf-8")
        for s in strings:  # a chrome string the page does not hold tests nothing
            assert s in text, (name, s)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_gives_its_article_title_date_and_site(name):
    title, published, hijri, site, first, last, figures = PAGES[name]
    part = read(name)
    assert plain_text(part.title) == title
    assert part.published == published
    assert part.published_hijri == hijri
    assert part.venue == site
    assert part.number == BY_DATE  # no number in the title: the date orders the series
    text = [block_text(b) for b in part.blocks if not isinstance(b, Figure)]
    assert text[0].startswith(first)
    assert text[-1].endswith(last)
    assert sum(isinstance(b, Figure) for b in part.blocks) == figures


@pytest.mark.parametrize("name", sorted(CHROME))
def test_no_chrome_reaches_the_book(name):
    text = book_text(read(name, link_notes=True))
    leaked = [s for s in CHROME[name] if s in text]
    assert not leaked


def test_language_is_read_from_the_text_not_from_html_lang():
    part = read("alquds.html")  # <html lang="en-US" dir="rtl">
    (page,) = [f for f in part.findings if f.rule == "web-page"]
    assert "en-US" in page.message and "language ar" in page.message
    assert not [f for f in part.findings if f.rule == "web-language"]


def test_windows_1256_page_without_a_charset_is_read():
    raw = (DATA / "elaph_cp1256.html").read_bytes()
    assert b"charset" not in raw.lower()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "قلعة حلب" in book_text(read("elaph_cp1256.html"))


def test_notes_calls_become_the_authors_notes():
    part = read("alquds.html")
    assert [plain_text(n.inlines) for n in part.notes] == [
        "ناصر خسرو، سفرنامه، ترجمة يحيى الخشاب، القاهرة، ص ٥٧.",
        "إدوارد سعيد، الاستشراق، ترجمة كمال أبو ديب، ص ١٣٠.",
    ]
    text = "\n".join(block_text(b) for b in part.blocks)
    assert "[1]" not in text and "[2]" not in text
    calls = [n.note_id for b in part.blocks for n in getattr(b, "inlines", ()) if type(n).__name__ == "NoteRef"]
    assert calls == [n.id for n in part.notes]


def test_links_are_text_and_their_address_a_note_when_asked():
    plain = read("alquds.html")
    noted = read("alquds.html", link_notes=True)
    assert "كتابه عن الاستشراق" in book_text(plain)
    assert "https://www.example.org/orientalism" not in book_text(plain)
    urls = [plain_text(n.inlines) for n in noted.notes if n.generated]
    assert urls == ["https://www.example.org/orientalism"]


def test_emphasis_and_quotations_are_kept():
    part = read("aljazeera.html")
    kinds = [type(b).__name__ for b in part.blocks]
    assert "Quotation" in kinds and "SignOff" in kinds and "Heading" in kinds
    first = next(b for b in part.blocks if block_text(b).startswith("كان سور"))
    strong = [n for n in first.inlines if type(n).__name__ == "Emphasis"]
    assert [plain_text(n.children) for n in strong] == ["جامعة مفتوحة"] and strong[0].strong


def test_figures_come_from_the_saved_folder_only(tmp_path):
    part = read("aljazeera.html")
    (fig,) = [b for b in part.blocks if isinstance(b, Figure)]
    assert fig.data == (DATA / "aljazeera_files" / "cairo-books.jpg").read_bytes()
    assert fig.media_type == "image/jpeg"
    assert plain_text(fig.caption) == "باعة الكتب القديمة عند سور الأزبكية في القاهرة (الجزيرة)"
    assert fig.alt == "باعة الكتب القديمة عند سور الأزبكية"
    # the page alone (saved "HTML only"): no figure, a warning, nothing fetched
    shutil.copy(DATA / "aljazeera.html", tmp_path / "aljazeera.html")
    alone = read("aljazeera.html", folder=tmp_path)
    assert not [b for b in alone.blocks if isinstance(b, Figure)]
    (missing,) = [f for f in alone.findings if f.rule == "web-image-missing"]
    assert "cairo-books.jpg" in missing.message and missing.level == "warning"


def test_image_outside_the_page_folder_is_not_read(tmp_path):
    secret = tmp_path / "secret.png"
    shutil.copy(DATA / "hespress_files" / "jemaa.png", secret)
    folder = tmp_path / "parts"
    folder.mkdir()
    page = (DATA / "aljazeera.html").read_text("utf-8")
    page = re.sub(r'data-src="[^"]+"', 'data-src="../secret.png"', page)
    page = re.sub(r'srcset="[^"]+"', "", page)
    (folder / "page.html").write_text(page, "utf-8")
    part = read("page.html", folder=folder)
    assert not [b for b in part.blocks if isinstance(b, Figure)]


@pytest.mark.parametrize(
    ("name", "reason"),
    [("home.html", "home or list page"), ("notfound.html", "page not found"), ("login.html", "login page")],
)
def test_a_page_that_is_not_an_article_is_one_line(name, reason):
    with pytest.raises(WarraqError) as exc:
        read(name)
    assert exc.value.file == name
    assert "not an article" in str(exc.value) and reason in str(exc.value)


def test_script_only_page_is_not_an_article(tmp_path):
    (tmp_path / "app.html").write_text(
        '<html><head><script>document.write("<p>' + "كلمة " * 200 + '</p>")</script></head><body></body></html>'
    )
    with pytest.raises(WarraqError, match="not an article"):
        read("app.html", folder=tmp_path)


def test_short_article_is_a_warning(tmp_path):
    page = (DATA / "almasryalyoum.html").read_text("utf-8")
    body = page[page.index('<div id="NewsStory"') : page.index("</div>", page.index('<div id="NewsStory"'))]
    short = page.replace(body, '<div id="NewsStory" class="article_content"><p>' + "كلمة " * 60 + "</p>")
    (tmp_path / "short.html").write_text(short, "utf-8")
    part = read("short.html", folder=tmp_path)
    (warning,) = [f for f in part.findings if f.rule == "web-short"]
    assert warning.level == "warning" and "60" in warning.message


def test_number_from_the_title_as_for_text_parts(tmp_path):
    page = (DATA / "hespress.html").read_text("utf-8")
    for title, number in (("مراكش (٢٩)", 29), ("مراكش: الحلقة الرابعة", 4)):
        (tmp_path / "p.html").write_text(page.replace("مراكش.. ساحة تحكي ألف حكاية", title), "utf-8")
        part = read("p.html", folder=tmp_path)
        assert part.number == number
        assert plain_text(part.title) == title


def test_a_dated_file_name_is_not_a_part_number(tmp_path):
    shutil.copy(DATA / "hespress.html", tmp_path / "2024-03-08-marrakech.html")
    assert read("2024-03-08-marrakech.html", folder=tmp_path).number == BY_DATE


def test_the_date_orders_the_untitled_parts():
    parts = [read(name) for name in sorted(PAGES, reverse=True)]
    numbered = replace(parts[0], number=1, published="")
    ordered = number_by_date([numbered, *parts[1:]])
    by_number = sorted(ordered, key=lambda p: p.number)
    assert by_number[0] is numbered
    dates = [p.published for p in by_number[1:]]
    assert dates == sorted(dates) and len(set(p.number for p in ordered)) == len(ordered)


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("حين كانت القاهرة تقرأ | آراء | الجزيرة نت", "الجزيرة نت", "حين كانت القاهرة تقرأ - آراء"),
        ("بوابة الأهرام : فاس", "بوابة الأهرام", "بوابة الأهرام : فاس"),
        ("الإسكندرية - المصري اليوم", "المصري اليوم", "الإسكندرية"),
        ("القدس في كتب الرحالة | القدس العربي", "القدس العربي", "القدس في كتب الرحالة"),
        ("عنوان طويل للمقال | عربي21", "", "عنوان طويل للمقال"),
    ],
)
def test_site_name_is_taken_off_the_title(title, site, expected):
    assert strip_site_name(title, site) == expected


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("webbook") / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text(
        '[book]\ntitle = "ذاكرة المدن"\nauthor = "سعيد ناصر"\nlanguage = "ar"\nslug = "cities"\n'
        'identifier = "urn:uuid:00000000-0000-4000-8000-000000000028"\n\n[web]\nlink_notes = true\n',
        "utf-8",
    )
    (root / "sources.toml").write_text("", "utf-8")
    for name in PAGES:
        shutil.copy(DATA / name, root / "parts" / name)
        files = DATA / (Path(name).stem + "_files")
        if files.is_dir():
            shutil.copytree(files, root / "parts" / files.name)
    run = run_cli("build", "-m", str(root), "-o", str(root / "build"), "-f", "epub", "-f", "html", "-q")
    assert run.code == 0, run.err
    return root


def test_web_book_is_epubcheck_clean_in_date_order_and_references_nothing_remote(built):
    epub = built / "build" / "cities.epub"
    bad = [(m["ID"], m["message"]) for m in epubcheck(epub) if m["severity"] != "USAGE"]
    assert not bad
    with zipfile.ZipFile(epub) as z:
        names = sorted(n for n in z.namelist() if n.endswith(".xhtml") and "part" in n)
        xhtml = {n: z.read(n).decode("utf-8") for n in names}
        opf = next(z.read(n).decode() for n in z.namelist() if n.endswith(".opf"))
    everything = "\n".join(xhtml.values())
    # titles in date order
    titles = [t for t, *_ in sorted(PAGES.values(), key=lambda v: v[1])]
    positions = [everything.find(t) for t in titles]
    assert -1 not in positions and positions == sorted(positions)
    # nothing remote: no src or href to another host, no remote resource in the package
    assert not re.search(r'(?:src|href)="(?:https?:)?//', everything)
    assert 'properties="remote-resources"' not in opf
    for name, strings in CHROME.items():
        leaked = [s for s in strings if s in everything and s not in ("الرئيسية",)]
        assert not leaked, name


def test_check_shows_what_each_page_gave(built):
    run = run_cli("check", "-m", str(built))
    assert run.code == 0, run.err
    for name, (title, published, *_rest) in PAGES.items():
        lines = run.out.splitlines()
        start = next(i for i, ln in enumerate(lines) if ln.endswith("/" + name))
        line = next(ln for ln in lines[start:] if "web page:" in ln)
        assert title in line and published in line
    inspect = run_cli("inspect", "-m", str(built))
    assert "published: 2024-03-15 (05 رَمضان 1445 هـ) · الشرق الأوسط" in inspect.out


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("١٥ مارس ٢٠٢٤", "2024-03-15"),
        ("نشر في: 15 آذار 2024", "2024-03-15"),
        ("04 آب/أغسطس 2013", "2013-08-04"),
        ("الأحد 14 جانفي 2024 - 10:00", "2024-01-14"),
        ("١٠ يوليوز ٢٠٢٣", "2023-07-10"),
        ("15 غشت 2024", "2024-08-15"),
        ("3 كانون الثاني 2020", "2020-01-03"),
        ("1 تشرين الأول 2019", "2019-10-01"),
        ("٢ أفريل ٢٠٢٤", "2024-04-02"),
        ("الجمعة - 5 رمضان 1445 هـ - 15 مارس 2024 مـ", "2024-03-15"),  # the Hijri date is not the Gregorian
        ("19-2-2024 | 14:30", "2024-02-19"),  # day first, as Arab sites print it
        ("2024/07/10 19:05", "2024-07-10"),
        ("مارس 15, 2024", "2024-03-15"),
        ("32 مارس 2024", None),
        ("أب 2013", None),  # «father», not August: no day
        ("30 فبراير 2024", None),
    ],
)
def test_dates_of_every_month_name_system(text, iso):
    from warraq.readers.web.dates import text_date

    found = text_date(text)
    assert (found[0] if found else None) == iso


def test_hijri_date_is_kept_as_printed():
    from warraq.readers.web.dates import hijri_date

    assert hijri_date("١٥ رمضان ١٤٤٥ هـ") == "١٥ رمضان ١٤٤٥ هـ"
    assert hijri_date("15:20 ـ 05 رَمضان 1445 هـ") == "05 رَمضان 1445 هـ"
    assert hijri_date("٢٢ ذو القعدة ١٤٤٤ه، الموافق") == "٢٢ ذو القعدة ١٤٤٤ه"
    assert hijri_date("15 مارس 2024") is None


def test_json_ld_date_comes_before_meta_and_byline(tmp_path):
    page = (DATA / "hespress.html").read_text("utf-8")
    ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-07"}</script></head>'
    (tmp_path / "ld.html").write_text(page.replace("</head>", ld), "utf-8")
    assert read("ld.html", folder=tmp_path).published == "2024-03-07"
    # no JSON-LD, no meta: the byline («الجمعة 8 مارس 2024»)
    bare = re.sub(r'<meta property="article:[a-z_]+" content="[^"]+">', "", page)
    (tmp_path / "bare.html").write_text(bare, "utf-8")
    assert read("bare.html", folder=tmp_path).published == "2024-03-08"
    # no date anywhere, no number: one line asking for one
    undated = bare.replace("الجمعة 8 مارس 2024 - 10:00", "")
    (tmp_path / "undated.html").write_text(undated, "utf-8")
    with pytest.raises(WarraqError, match="no part number"):
        read("undated.html", folder=tmp_path)


def test_preview_rereads_a_page_when_its_pictures_change(tmp_path):
    from warraq.config import load_config
    from warraq.preview.cache import PartCache

    root = tmp_path / "ms"
    (root / "parts").mkdir(parents=True)
    (root / "book.toml").write_text('[book]\ntitle = "ك"\nauthor = "م"\nlanguage = "ar"\n', "utf-8")
    shutil.copy(DATA / "hespress.html", root / "parts" / "hespress.html")
    shutil.copytree(DATA / "hespress_files", root / "parts" / "hespress_files")
    cache, config = PartCache(), load_config(root)
    cache(config)
    cache(config)
    assert cache.reads == 1
    (root / "parts" / "hespress_files" / "jemaa.png").unlink()
    (part,) = cache(config)
    assert cache.reads == 2 and not [b for b in part.blocks if isinstance(b, Figure)]


def test_an_authors_sentence_that_begins_like_a_share_bar_is_kept(tmp_path):
    page = (DATA / "hespress.html").read_text("utf-8")
    sentences = ("شارك في الندوة عشرات الباحثين من المغرب.", "اقرأ أيضا ما كتبه ابن بطوطة عن المدينة.")
    extra = "".join(f"<p>{s}</p>" for s in sentences)
    page = page.replace("<p>ولذلك فإن حماية الساحة", extra + "<p>ولذلك فإن حماية الساحة")
    (tmp_path / "p.html").write_text(page, "utf-8")
    text = book_text(read("p.html", folder=tmp_path))
    assert all(s in text for s in sentences)
    rest = text
    for s in sentences:
        rest = rest.replace(s, "")
    assert not [s for s in CHROME["hespress.html"] if s in rest]


def test_footnotes_list_with_backlinks_becomes_notes(tmp_path):
    # the markup of Markdown-made blogs: <sup><a href="#fn1">, <li id="fn1">… <a href="#fnref1">↩</a>
    page = (DATA / "echorouk.html").read_text("utf-8")
    assert "التي بناها بنو مزغنة" in page
    page = page.replace(
        "التي بناها بنو مزغنة",
        'التي بناها بنو مزغنة<sup id="fnref1"><a href="#fn1" class="footnote-ref">1</a></sup>',
    )
    notes = (
        '<section class="footnotes"><hr><ol><li id="fn1"><p>البكري، المسالك والممالك، ص ٦٥. '
        '<a href="#fnref1" class="footnote-back">↩︎</a></p></li></ol></section>'
    )
    page = page.replace("<p>وللحديث بقية</p>", "<p>وللحديث بقية</p>" + notes)
    (tmp_path / "fn.html").write_text(page, "utf-8")
    part = read("fn.html", folder=tmp_path)
    assert [plain_text(n.inlines) for n in part.notes] == ["البكري، المسالك والممالك، ص ٦٥."]
    assert "↩" not in book_text(part) and "بنو مزغنة" in book_text(part)


def test_a_windows_1256_page_that_says_so_is_read(tmp_path):
    page = (DATA / "elaph_cp1256.html").read_bytes()
    page = page.replace(b"<head>", b'<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')
    (tmp_path / "declared.html").write_bytes(page)
    assert plain_text(read("declared.html", folder=tmp_path).title) == "حلب.. مدينة الخانات والقلعة"


def test_reading_pages_never_touches_the_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the web reader opened a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for name in PAGES:
        read(name, link_notes=True)


def test_paragraphs_separated_by_br_are_paragraphs_and_short_lines_stay_lines(tmp_path):
    prose = [f"الفقرة رقم {i} فيها كلام كثير عن المدينة وأهلها وأسواقها القديمة التي يعرفها الناس." for i in range(3)]
    verse = ["على قدر أهل العزم تأتي العزائم", "وتأتي على قدر الكرام المكارم"]
    body = "<br><br>".join(prose[:2]) + "<br>" + prose[2] + "<br>" + "<br>".join(verse)
    page = (DATA / "elaph_cp1256.html").read_bytes().decode("cp1256")
    start = page.index('<div id="articlebody">')
    end = page.index("</div>", start)
    page = page[:start] + f'<div id="articlebody">{body}<br>' + "كلمة " * 40 + page[end:]
    (tmp_path / "br.html").write_text(page, "utf-8")
    texts = [block_text(b) for b in read("br.html", folder=tmp_path).blocks]
    assert texts[:3] == prose
    assert texts[3] == "\n".join(verse)


def test_a_site_named_in_latin_letters_is_named_in_arabic_when_the_page_does(tmp_path):
    page = (DATA / "aljazeera.html").read_text("utf-8")
    page = page.replace('content="الجزيرة نت"', 'content="Aljazeera.net"').replace('"name":"الجزيرة نت"', '"name":"x"')
    (tmp_path / "latin.html").write_text(page, "utf-8")
    part = read("latin.html", folder=tmp_path)
    assert part.venue == "الجزيرة نت"  # the short piece of <title>
    assert plain_text(part.title) == "حين كانت القاهرة تقرأ"


def _with_typed_notes(tmp_path, calls: tuple[str, str], notes: list[str]) -> Part:
    page = (DATA / "almasryalyoum.html").read_text("utf-8")
    page = page.replace("في حرب يوليوس قيصر،", f"في حرب يوليوس قيصر{calls[0]}،")
    page = page.replace("ويكتب عنها <strong>", f"ويكتب عنها{calls[1]} <strong>")
    typed = "<p>الهوامش:</p>" + "".join(f"<p>{n}</p>" for n in notes)
    page = page.replace("والحكايات.</p>\n</div>", "والحكايات.</p>\n" + typed + "</div>")
    (tmp_path / "typed.html").write_text(page, "utf-8")
    return read("typed.html", folder=tmp_path)


def test_notes_typed_as_text_become_notes(tmp_path):
    part = _with_typed_notes(tmp_path, ("[1]", "[٢]"), ["[1] بلوتارخ، حياة قيصر.", "[2] نجيب محفوظ، ميرامار، ١٩٦٧."])
    assert [plain_text(n.inlines) for n in part.notes] == ["بلوتارخ، حياة قيصر.", "نجيب محفوظ، ميرامار، ١٩٦٧."]
    text = book_text(part)
    assert "[1]" not in text and "[٢]" not in text and "الهوامش" not in text
    refs = [n.note_id for b in part.blocks for n in getattr(b, "inlines", ()) if type(n).__name__ == "NoteRef"]
    assert refs == [n.id for n in part.notes]


@pytest.mark.parametrize(
    ("calls", "notes"),
    [
        (("[1]", ""), ["[1] بلوتارخ.", "[2] محفوظ."]),  # note 2 never called
        (("[1]", "[1]"), ["[1] بلوتارخ."]),  # called twice: which one?
        (("[1]", "[3]"), ["[1] بلوتارخ.", "[3] محفوظ."]),  # not numbered in order
        (("[1]", "(2)"), ["[1] بلوتارخ.", "(2) محفوظ."]),  # two styles
    ],
)
def test_typed_notes_in_doubt_are_left_as_the_page_has_them(tmp_path, calls, notes):
    part = _with_typed_notes(tmp_path, calls, notes)
    assert not part.notes
    text = book_text(part)
    assert "الهوامش" in text and all(n in text for n in notes)


# ------------------------------------------------------------- review (issue 29)


def _elaph_with(body: str) -> str:
    """The elaph page with `body` as its article (and enough words to be one)."""
    page = (DATA / "elaph_cp1256.html").read_bytes().decode("cp1256")
    start = page.index('<div id="articlebody">')
    end = page.index("</div>", start)
    return page[:start] + f'<div id="articlebody">{body}<br><br>' + "كلمة " * 40 + page[end:]


def test_verse_set_with_br_in_one_paragraph_is_a_poem_as_in_a_text_part(tmp_path):
    verse = ["على قدر أهل العزم تأتي العزائم", "وتأتي على قدر الكرام المكارم"]
    starred = "الخَيْلُ وَاللّيْلُ وَالبَيْداءُ تَعرِفُني *** وَالسّيفُ وَالرّمحُ وَالقرْطاسُ وَالقَلَمُ"
    body = "قال الشاعر:<br>" + "<br>".join(verse) + "<br><br>قال المتنبي:<br>" + starred + "<br>" + starred
    (tmp_path / "verse.html").write_text(_elaph_with(body), "utf-8")
    poems = [b for b in read("verse.html", folder=tmp_path).blocks if type(b).__name__ == "Poem"]
    assert [len(p.bayts) for p in poems] == [1, 2]
    assert plain_text(poems[0].bayts[0].sadr) == verse[0] and plain_text(poems[0].bayts[0].ajuz) == verse[1]


def test_a_page_saved_as_utf8_that_still_says_windows_1256_is_not_mojibake(tmp_path):
    page = (DATA / "aljazeera.html").read_text("utf-8").replace("<head>", '<head><meta charset="windows-1256">', 1)
    (tmp_path / "resaved.html").write_text(page, "utf-8")
    assert plain_text(read("resaved.html", folder=tmp_path).title) == PAGES["aljazeera.html"][0]


def test_tags_left_open_past_libxml2s_depth_are_one_line_with_the_line_not_a_lost_article(make_book):
    # an old site's template: a <div> opened per paragraph and never closed
    body = "\n".join(f"<div><p>الفقرة {i} من المقال عن المدينة وأهلها وأسواقها القديمة.</p>" for i in range(300))
    root = make_book({"open.html": _elaph_with(body)})
    run = run_cli("inspect", "--manuscript", str(root))
    assert run.code == 2 and "Traceback" not in run.err
    (line,) = [ln for ln in run.err.splitlines() if ln.strip()]
    assert "open.html:" in line and "nested more than 255" in line and "not an article" not in line


def test_a_huge_picture_in_the_saved_folder_is_a_finding_not_read_whole(tmp_path):
    shutil.copy(DATA / "aljazeera.html", tmp_path / "aljazeera.html")
    (tmp_path / "aljazeera_files").mkdir()
    with open(tmp_path / "aljazeera_files" / "cairo-books.jpg", "wb") as f:
        f.write(b"\xff\xd8\xff")
        f.truncate(3 * 2**30)  # 3 GB (sparse): reading it whole would take the machine's memory
    part = read("aljazeera.html", folder=tmp_path)
    assert not [b for b in part.blocks if isinstance(b, Figure)]
    (found,) = [f for f in part.findings if f.rule == "web-image-missing"]
    assert "cairo-books.jpg" in found.message and "3072 MB" in found.message and "limit" in found.message


def test_a_page_of_error_saved_under_the_pictures_name_is_not_a_picture(tmp_path):
    shutil.copy(DATA / "aljazeera.html", tmp_path / "aljazeera.html")
    (tmp_path / "aljazeera_files").mkdir()
    (tmp_path / "aljazeera_files" / "cairo-books.jpg").write_bytes(b"<html><body><h1>404 Not Found</h1></body></html>")
    part = read("aljazeera.html", folder=tmp_path)
    assert not [b for b in part.blocks if isinstance(b, Figure)]
    (found,) = [f for f in part.findings if f.rule == "web-image-missing"]
    assert "cairo-books.jpg" in found.message and "not a picture" in found.message
