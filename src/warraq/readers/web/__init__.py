"""Web pages saved from the browser (`.html`, `.htm`) -> a part's content.

trafilatura finds the article in the page (its text, headings, quotations,
emphasis, links) and leaves the site's chrome out; this module is the thin
layer over it for what extractors get wrong on Arabic pages:

* the language is read from the text, never from `<html lang>` (many Arabic
  sites declare none, or `en-US`);
* the date: JSON-LD, then OpenGraph and other meta, then the visible byline,
  in every digit and month-name system (`dates`); a Hijri date is kept;
* the title is the headline without the site's name;
* note calls (`<sup><a href="#fn1">`) and the notes list become the
  author's notes; the images of the article become figures, read from the
  page's saved `_files/` folder only (lazy `data-src`/`srcset` resolved);
* «اقرأ أيضا» boxes and the like inside the article body are left out.

The paragraphs then go through the same structure rules as text parts
(`structure.infer_blocks`).  Nothing is ever fetched.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from ...errors import InputError
from ...i18n import Msg, msg, nmsg
from ...model import (
    Emphasis,
    Figure,
    Finding,
    Inline,
    LineBreak,
    Note,
    NoteRef,
    Provenance,
    Table,
    Text,
    merge_text,
    plain_text,
)
from ...publishing.dates import gregorian_of_hijri
from ...publishing.images import MEDIA_TYPES, sniff
from ...text.arabic import key
from ..decode import MAX_BYTES, decode_lines
from ..structure import Para, poem_after, poem_from
from .dates import either_way, hijri_date, hijri_parts, iso_date, only_a_date, text_date
from .tables import ReadTable, caption_line, cells_of, html_inlines, read_table, unwrap_layout_tables
from .typed_notes import typed_notes

# fewer words than this extracted: not an article (a home page, a login wall)
MIN_ARTICLE_WORDS = 40
# fewer than this: an article, but a short one (a warning: was it cut?)
SHORT_ARTICLE_WORDS = 100
# marks put in the page before extraction, found again in its output
_MARK = re.compile("\ue000([NFT])(\\d+)\ue001")

# labels of boxes that interrupt an article («اقرأ أيضا») and of notes lists
_CHROME_LABELS = tuple(
    key(s)
    for s in (
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "إقرأ أيضا",
        "اقرأ المزيد",
        "شاهد أيضا",
        "طالع أيضا",
        "مواضيع ذات صلة",
        "مقالات ذات صلة",
        "أخبار ذات صلة",
        "المزيد من الكاتب",
        "اقرأ ايضا",
        "تابعونا على",
        "شارك المقال",
        "شارك",
        "مشاركة",
        "اقرأ المقال التالي",
        "الأكثر قراءة",
    )
)
_NOTES_HEADINGS = frozenset(key(s) for s in ("الهوامش", "هوامش", "الحواشي", "المراجع", "المصادر", "الإحالات"))
_NOTE_LABEL = re.compile(r"^\s*[\[(]?\s*([0-9٠-٩]{1,3}|\*{1,3})\s*[\])]?\s*[.:\-]?\s*$")
_BACKLINK = re.compile(r"[↩↑^]\s*$")
_LAZY = ("data-src", "data-lazy-src", "data-original", "data-srcset", "data-lazy-srcset", "srcset", "src")
_ARTICLE_TYPES = ("Article", "NewsArticle", "OpinionNewsArticle", "BlogPosting", "ReportageNewsArticle", "Report")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


@dataclass
class WebPage:
    """What the reader found in one page."""

    title: str
    paras: list[Para | Figure | Table]
    notes: list[Note]
    published: str = ""
    published_hijri: str = ""
    published_calendar: str = ""  # "hijri": dated in the Hijri calendar only (published: its Gregorian date)
    venue: str = ""
    url: str = ""
    author: str = ""
    language: str = ""  # from the text: "ar", or the script that dominates
    declared: str = ""  # <html lang> as the page says
    words: int = 0
    dropped_words: int = 0
    dropped: list[str] = field(default_factory=list)  # a few of the chrome lines left out
    findings: list[Finding] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # the article's pictures, as the page names them


def decode_page(data: bytes, file: str) -> str:
    """The page's text: its declared charset when it states one, else as a
    text part (UTF-8, or Windows-1256 when the bytes say so)."""
    if len(data) > MAX_BYTES:
        return decode_lines(data, file)[0]  # the size error, as for text parts
    head = data[:4096].lower()
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-z0-9_-]+)", head)
    declared = m.group(1).decode("ascii") if m else ""
    if declared.replace("_", "-") in ("windows-1256", "cp1256", "iso-8859-6", "x-mac-arabic") and not _utf8(data):
        # (a page re-saved as UTF-8 often keeps its old charset: the bytes say which)
        encoding = {"x-mac-arabic": "mac-arabic"}.get(declared, declared)
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass  # the page lies about its charset: read it as text parts are
    return decode_lines(data, file)[0]


def _utf8(data: bytes) -> bool:
    """Valid UTF-8 with letters beyond ASCII: text in Windows-1256 almost never is."""
    try:
        return not data.decode("utf-8").isascii()
    except UnicodeDecodeError:
        return False


def read_page(data: bytes, file: str, path: Path | None, link_notes: bool = False) -> WebPage:
    """Read a saved page; `path` locates its `_files/` folder (None: no images)."""
    import trafilatura  # a second to import: only when a book has web parts

    text = decode_page(data, file)
    if "\x00" in text:
        raise InputError(msg("binary file (contains NUL bytes), not text"), file)
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        raise InputError(msg("not a web page: nothing to read in it"), file) from None
    for error in _PARSER.error_log:
        if error.level_name == "FATAL":
            # libxml2 stops there (elements nested over 255 deep, as unclosed
            # <div>s make them): what follows would be lost, not read
            if error.type_name == "ERR_RESOURCE_LIMIT":
                reason = msg("elements nested more than {n} deep: tags left open?", n=255)
            else:
                reason = error.message.strip()
            raise InputError(msg("the page cannot be read past this line ({reason})", reason=reason), file, error.line)
    meta = _Meta(tree, saved_from(text))
    if meta.not_article:
        raise InputError(
            msg("not an article ({reason}): nothing of it is added to the book", reason=meta.not_article), file
        )
    before = _visible_words(tree)
    unwrap_layout_tables(tree)  # the page's layout: its cells read as text
    note_pictures: list[tuple[str, str, str]] = []
    notes_text = _take_notes(tree, note_pictures)
    tables = _mark_tables(tree)
    figures = _mark_figures(tree, file, path)
    dropped = _drop_boxes(tree)
    doc = trafilatura.bare_extraction(
        etree.tostring(tree, encoding="unicode"),
        include_formatting=True,
        include_links=True,
        include_images=False,
        include_tables=True,
        include_comments=False,
        with_metadata=True,
        deduplicate=False,
    )
    body = doc.body if doc is not None else None
    paras, notes, findings, used = _content(body, file, notes_text, figures, dropped, link_notes, tables)
    words = sum(len(p.text.split()) for p in paras if isinstance(p, Para)) + sum(
        len(plain_text(c.inlines).split()) for t in paras if isinstance(t, Table) for row in t.rows for c in row
    )
    if words < MIN_ARTICLE_WORDS:
        reason = meta.not_article_guess() or nmsg("{n} word of text", "{n} words of text", n=words)
        raise InputError(msg("not an article ({reason}): nothing of it is added to the book", reason=reason), file)
    title = meta.title(doc.title if doc is not None else "")
    # the headline, when trafilatura kept it with the text: it is the part's title
    for i, item in enumerate(paras[:3]):
        if isinstance(item, Para) and key(item.text) in (key(title), key(meta.headline())):
            del paras[i]
            break
    # the byline's date or the writer's name alone, kept with the text: the page's, not the article's
    for item in [p for p in paras[:3] if isinstance(p, Para)]:
        if _byline_line(item.text, meta.author):
            paras.remove(item)
            dropped.append(item.text[:80])
    # the article's own picture, between its headline and its text, which
    # trafilatura leaves out with the header
    lead = _lead_figure(tree, figures, used, paras)
    if lead is not None:
        used.add(lead)
        fig = figures[lead]
        if fig is not None and fig.figure is not None:
            paras.insert(0, replace(fig.figure, prov=Provenance(file, 1, unit="¶")))
    for i, fig in enumerate(figures):
        if fig is not None and fig.problem is not None and i in used:
            findings.append(Finding("web", "web-image-missing", fig.problem, Provenance(file, 1, unit="¶"), "warning"))
    author = meta.author or (doc.author if doc is not None and doc.author else "")
    for number, src, alt in note_pictures:
        text = msg(
            "picture {name} in note {number} is left out (a note holds text only){alt}",
            name=image_name(src) or src[:60] or "?",
            number=number,
            alt=msg("; its alt text: {alt}", alt=repr(alt)) if alt else "",
        )
        findings.append(Finding("web", "web-note-picture", text, Provenance(file, 1, unit="¶"), "warning"))
    published, hijri = meta.dates()
    published, calendar, date_findings = _hijri_dating(published, hijri, file)
    findings += date_findings
    if meta.either_way and calendar != "hijri":
        text = msg(
            "the page's date {printed} reads day first or month first: taken as {date} (day first, as Arabic "
            "sites print it); if that puts the part out of order, number it in {where}",
            printed=repr(meta.either_way),
            date=published,
            where="book.toml [order]",
        )
        findings.append(Finding("web", "web-date-either-way", text, Provenance(file, 1, unit="¶"), "info"))
    all_text = " ".join(p.text for p in paras if isinstance(p, Para))
    page = WebPage(
        title=title,
        paras=paras,
        notes=notes,
        published=published,
        published_hijri=hijri,
        published_calendar=calendar,
        venue=_venue(meta, title),
        url=meta.url,
        author=_clean_author(author),
        language=language_of_text(all_text),
        declared=meta.lang,
        words=words,
        dropped_words=max(0, before - words - sum(len(n.split()) for n in notes_text.values())),
        dropped=dropped[:5],
        findings=findings,
        images=[f.src for i, f in enumerate(figures) if f is not None and i in used],
    )
    return page


_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8")


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def saved_from(text: str) -> str:
    """The address a browser (or `warraq import`) wrote at the top of a saved
    page: `<!-- saved from url=(0042)https://… -->`, the "mark of the web"."""
    m = _SAVED_FROM.search(text[:4096])
    return unquote(m.group(1)) if m else ""


def language_of_text(text: str) -> str:
    """ "ar" when Arabic letters dominate the text, "latin" when Latin ones do, else ""."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if arabic and arabic >= latin:
        return "ar"
    return "latin" if latin else ""


def _visible_words(tree: etree._Element) -> int:
    body = tree.find("body")
    if body is None:
        return 0
    skip = {"script", "style", "noscript", "template"}
    words = 0
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in skip:
            continue
        if el.text and el.getparent() is not None:
            words += len(el.text.split())
        if el.tail and (el.getparent() is None or el.getparent().tag not in skip):
            words += len(el.tail.split())
    return words


# ---------------------------------------------------------------- metadata


class _Meta:
    """The page's own statements about itself: JSON-LD, <meta>, <title>, <h1>."""

    def __init__(self, tree: etree._Element, saved: str = "") -> None:
        self.tree = tree
        self.saved_from = saved
        self.lang = (tree.get("lang") or "").strip()
        self.meta: dict[str, str] = {}
        for el in tree.iter("meta"):
            name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            content = (el.get("content") or "").strip()
            if name and content and name not in self.meta:
                self.meta[name] = content
        self.ld: list[dict] = []
        for script in tree.iter("script"):
            if (script.get("type") or "").lower() == "application/ld+json" and script.text:
                try:
                    data = json.loads(script.text)
                except ValueError:
                    continue
                self.ld.extend(_ld_objects(data))
        self.article = next((o for o in self.ld if _ld_type(o) & set(_ARTICLE_TYPES)), None)
        self.site_name = self.meta.get("og:site_name", "") or self._ld_publisher()
        self.either_way = ""  # the byline's date, when dates() read «03/04/2024» day first
        self.url = self._url()
        self.author = self._author()
        self.not_article = self._not_article()

    def _ld_publisher(self) -> str:
        for obj in (self.article, *self.ld):
            if obj and isinstance(obj.get("publisher"), dict) and isinstance(obj["publisher"].get("name"), str):
                return obj["publisher"]["name"].strip()
        return ""

    def _url(self) -> str:
        for el in self.tree.iter("link"):
            if (el.get("rel") or "").lower() == "canonical" and (el.get("href") or "").startswith("http"):
                return el.get("href").strip()
        value = self.meta.get("og:url", "")
        return value if value.startswith("http") else self.saved_from

    saved_from = ""  # the address in the page's «saved from url» comment

    def _author(self) -> str:
        if self.article is not None:
            names = [a.get("name", "") if isinstance(a, dict) else a for a in _as_list(self.article.get("author"))]
            names = [n.strip() for n in names if isinstance(n, str) and n.strip()]
            if names:
                return "، ".join(names)
        for name in ("author", "article:author", "dc.creator"):
            value = self.meta.get(name, "")
            if value and not value.startswith("http"):
                return value
        return ""

    def _not_article(self) -> Msg | None:
        """A page that says what it is: a login form, a 404 page."""
        if self.tree.xpath("//input[@type='password']") and self.article is None:
            return msg("a login page")
        if self.article is None and self._says_not_found():
            return msg("a 'page not found' page")
        if self.article is None and self._lists_articles():
            return msg("a home or list page")
        return None

    def _lists_articles(self) -> bool:
        """A page of teasers: several `<article>` cards and no headline of
        its own, or a page that says it is a site or a list of pages."""
        cards = len(self.tree.xpath("//article"))
        kind = self.meta.get("og:type", "").lower()
        types = {t for o in self.ld for t in _ld_type(o)}
        says = kind == "website" or bool(types & {"WebSite", "CollectionPage", "ItemList"})
        return (cards >= 4 and self.tree.find(".//h1") is None) or (
            says and (cards >= 3 or self.tree.find(".//h1") is None)
        )

    def _says_not_found(self) -> bool:
        title = " ".join(self.tree.xpath("string(//title)").split())
        heads = " ".join(" ".join(h.text_content().split()) for h in self.tree.iter("h1", "h2"))
        folded = key(title + " " + heads)
        return bool(
            re.search(r"(?<!\d)404(?!\d)", title + " " + heads)
            or "الصفحه غير موجوده" in folded
            or "الصفحه المطلوبه غير موجوده" in folded
            or "page not found" in folded
        )

    def not_article_guess(self) -> Msg | None:
        kind = self.meta.get("og:type", "").lower()
        types = {t for o in self.ld for t in _ld_type(o)}
        if kind == "website" or (types & {"WebSite", "CollectionPage"} and self.article is None):
            return msg("a home or list page")
        return None

    def title(self, extracted: str) -> str:
        """The headline without the site's name."""
        candidates = []
        if self.article is not None and isinstance(self.article.get("headline"), str):
            candidates.append(self.article["headline"])
        candidates.append(self.meta.get("og:title", ""))
        h1 = self.tree.find(".//h1")
        if h1 is not None:
            candidates.append(h1.text_content())
        candidates += [extracted, self.tree.xpath("string(//title)")]
        for value in candidates:
            value = " ".join((value or "").split())
            if value:
                stripped = strip_site_name(value, self.site_name)
                if stripped:
                    return stripped
        return ""

    def headline(self) -> str:
        h1 = self.tree.find(".//h1")
        return h1.text_content() if h1 is not None else ""

    def dates(self) -> tuple[str, str]:
        """(ISO date, Hijri date as printed): JSON-LD, meta, then the byline."""
        published = ""
        if self.article is not None:
            for name in ("datePublished", "dateCreated"):
                value = self.article.get(name)
                if isinstance(value, str) and (published := iso_date(value) or ""):
                    break
        if not published:
            for name in (
                "article:published_time",
                "og:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "date",
                "dc.date.issued",
                "dc.date",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
            ):
                if name in self.meta and (published := iso_date(self.meta[name]) or ""):
                    break
        if not published:
            for el in self.tree.iter("time"):
                if (published := iso_date(el.get("datetime") or "") or "") != "":
                    break
        after, before = self._bylines()
        hijri = ""
        for texts in (after, before):
            byline = " | ".join(texts)
            if not published and (found := text_date(byline)):
                published = found[0]
                self.either_way = either_way(byline, found[1]) or ""
            hijri = hijri or hijri_date(byline) or ""
            if published:
                break
        return published, hijri

    def _bylines(self) -> tuple[list[str], list[str]]:
        """The texts of the elements that print a date or a byline: those
        after the headline (the article's own), then those before it (a
        site's header prints today's date)."""
        after: list[str] = []
        before: list[str] = []
        pattern = re.compile(r"date|time|publish|byline|meta|info|author|posted|tarikh", re.I)
        h1 = self.tree.find(".//h1")
        seen_h1 = h1 is None
        for el in self.tree.iter():
            if el is h1:
                seen_h1 = True
            if not isinstance(el.tag, str) or el.tag in ("script", "style", "meta", "link", "html", "body"):
                continue
            names = f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')}"
            if el.tag == "time" or pattern.search(names):
                text = " ".join(el.text_content().split())
                if 0 < len(text) < 300:
                    (after if seen_h1 else before).append(text)
                if len(after) >= MAX_BYLINES:
                    break  # the byline is near the headline; the rest is comments and lists
        return after, before


# a page's two dates further apart than this: one of them is not the article's
MAX_DATES_APART = 2


def _hijri_dating(published: str, hijri: str, file: str) -> tuple[str, str, list[Finding]]:
    """(ISO date, calendar, findings): a page dated only in the Hijri
    calendar takes the Umm al-Qura date of it, for ordering (the Hijri date
    stays as printed); a Hijri date that cannot be converted, or that
    disagrees with the page's Gregorian one, is said."""
    if not hijri:
        return published, "", []
    prov = Provenance(file, 1, unit="¶")
    parts = hijri_parts(hijri)
    iso, doubt = gregorian_of_hijri(*parts) if parts is not None else ("", None)
    if published:
        if iso and abs((date.fromisoformat(iso) - date.fromisoformat(published)).days) > MAX_DATES_APART:
            text = msg(
                "the page's dates disagree: {gregorian} and the Hijri {hijri} (by Umm al-Qura {converted}); "
                "the book takes {gregorian}",
                gregorian=published,
                hijri=repr(hijri),
                converted=iso,
            )
            return published, "", [Finding("web", "web-date-disagree", text, prov, "warning")]
        return published, "", []
    if not iso:
        text = msg(
            "the page is dated only {hijri}, which cannot be converted to order the part ({problem})",
            hijri=repr(hijri),
            problem=doubt or "?",
        )
        return "", "", [Finding("web", "web-date-hijri", text, prov, "warning")]
    text = msg(
        "the page is dated only in the Hijri calendar ({hijri}): ordered as {date} by Umm al-Qura, "
        "the date printed as the page has it",
        hijri=repr(hijri),
        date=iso,
    )
    findings = [Finding("web", "web-date-hijri", text, prov, "info")]
    if doubt is not None:
        findings.append(
            Finding(
                "web", "web-date-hijri", msg("{hijri}: {problem}", hijri=repr(hijri), problem=doubt), prov, "warning"
            )
        )
    return iso, "hijri", findings


MAX_BYLINE_CHARS = 60


def _byline_line(text: str, author: str) -> bool:
    """A line that is only a date («2/4/2024», «الجمعة ١٥ رمضان ١٤٤٥هـ»), or
    only the writer's name: the byline, not the article."""
    text = " ".join(text.split())
    if not text or len(text) > MAX_BYLINE_CHARS:
        return False
    return bool(author and key(_clean_author(text)) == key(author)) or only_a_date(text)


def _venue(meta: _Meta, title: str) -> str:
    """The site's name, in Arabic when the page gives it in Arabic anywhere
    (many give `og:site_name` in Latin letters: "Aljazeera.net")."""
    named, from_title = meta.site_name, _site_from_title(meta, title)
    if named and not _ARABIC_LETTER.search(named) and _ARABIC_LETTER.search(from_title):
        return from_title
    return named or from_title


def _site_from_title(meta: _Meta, title: str) -> str:
    """The short piece of `<title>` that is not the headline («... | عربي21»)."""
    full = " ".join(meta.tree.xpath("string(//title)").split())
    pieces = re.split(r"\s+(?:\||-|–|—|::)\s+", full)
    if len(pieces) < 2:
        return ""
    for piece in (pieces[-1], pieces[0]):
        if key(piece) != key(title) and len(piece.split()) <= 3:
            return piece
    return ""


MAX_BYLINES = 40


def strip_site_name(title: str, site: str) -> str:
    """«عنوان المقال | الجزيرة نت» -> «عنوان المقال»; the site's name at
    either end, after a separator (| - – — :: « »)."""
    pieces = re.split(r"\s+(?:\||-|–|—|::|»|«|/)\s+", title)
    if len(pieces) < 2:
        return title.strip()
    site_key = key(site)
    if site_key:
        kept = [
            p for p in pieces if key(p) != site_key and not (site_key in key(p) and len(key(p)) < 2 * len(site_key))
        ]
        if kept and len(kept) < len(pieces):
            return " - ".join(kept).strip()
    # no site name known: a short last piece is the site («... | عربي21»)
    if len(pieces[-1].split()) <= 3 and len(" ".join(pieces[:-1]).split()) >= 2:
        return " - ".join(pieces[:-1]).strip()
    return title.strip()


def _clean_author(author: str) -> str:
    author = re.sub(r"^\s*(?:بقلم|كتب|كتبت|الكاتب|الكاتبة|by)\s*[:：]?\s*", "", author, flags=re.I)
    return " ".join(author.split()).strip(" ،,-")


def _ld_objects(data: object) -> list[dict]:
    out: list[dict] = []
    for obj in _as_list(data):
        if isinstance(obj, dict):
            out.append(obj)
            out.extend(o for o in _as_list(obj.get("@graph")) if isinstance(o, dict))
    return out


def _ld_type(obj: dict) -> set[str]:
    return {t for t in _as_list(obj.get("@type")) if isinstance(t, str)}


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# ---------------------------------------------------------------- notes


def _take_notes(tree: etree._Element, pictures: list[tuple[str, str, str]] | None = None) -> dict[str, str]:
    """Note calls -> marks in the text; the notes they call, taken out of
    the page: {call number: the note's text}.  A note holds text only: its
    pictures are added to `pictures` as (call number, address, alt text)."""
    notes: dict[str, str] = {}
    pictures = pictures if pictures is not None else []
    ids = {
        el.get("id") or el.get("name"): el
        for el in tree.iter()
        if isinstance(el.tag, str) and (el.get("id") or el.get("name"))
    }
    targets: list[etree._Element] = []
    calls = 0
    for a in list(tree.iter("a")):
        href = a.get("href") or ""
        if not href.startswith("#") or len(href) < 2:
            continue
        label = a.text_content()
        target = ids.get(unquote(href[1:]))
        sup = a.getparent() if a.getparent() is not None and a.getparent().tag == "sup" else None
        in_sup = sup is not None or a.find(".//sup") is not None
        if target is None or not _NOTE_LABEL.match(label) or not (in_sup or "ftn" in href or "fn" in href.lower()):
            continue
        if _inside(a, target) or any(_inside(a, t) for t in targets):
            continue  # the note's own backlink
        note = _note_text(target)
        if not note:
            continue
        calls += 1
        notes[str(calls)] = note
        for img in _note_element(target).iter("img"):
            pictures.append((str(calls), _image_source(img), " ".join((img.get("alt") or "").split())))
        targets.append(_note_element(target))
        call = sup if sup is not None and len(sup.text_content().strip()) == len(label.strip()) else a
        _replace_with_text(call, f"\ue000N{calls}\ue001")
    for el in targets:
        parent = el.getparent()
        if parent is None:
            continue
        _remove(el)
        # the list that held the notes, and its heading («الهوامش»), once empty
        if not parent.text_content().strip() and parent.tag in ("ol", "ul", "div", "section", "aside", "footer"):
            prev = parent.getprevious()
            _remove(parent)
            if prev is not None and key(prev.text_content()) in _NOTES_HEADINGS:
                _remove(prev)
    for el in list(tree.iter("p", "h2", "h3", "h4", "strong", "b", "div")):
        # a notes heading left alone at the end («الهوامش:»)
        if targets and el.getnext() is None and len(el) <= 1 and key(el.text_content()) in _NOTES_HEADINGS:
            _remove(el)
    return notes


def _note_element(target: etree._Element) -> etree._Element:
    """The element that holds a note: the list item, or the paragraph of a
    Word-exported anchor (`<p><a name="_ftn1">[1]</a> text</p>`)."""
    el = target
    while el is not None and el.tag not in ("li", "p", "div", "aside", "dd"):
        el = el.getparent()
    return el if el is not None else target


def _note_text(target: etree._Element) -> str:
    el = _note_element(target)
    parts: list[str] = []
    for node in el.iter():
        if node.tag == "a" and (node.get("href") or "").startswith("#"):
            # the note's label or its backlink: only its tail is the note's text
            if node.tail:
                parts.append(node.tail)
            continue
        if node is not el and any(a.tag == "a" and (a.get("href") or "").startswith("#") for a in node.iterancestors()):
            if node.tail and node.getparent() is not None and node.getparent().tag != "a":
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail and node.getparent() is not None:
            parts.append(node.tail)
    text = " ".join("".join(parts).split())
    text = _BACKLINK.sub("", text).strip()
    return re.sub(r"^[\[(]?[0-9٠-٩]{1,3}[\])]?\s*[.:\-]?\s*", "", text).strip()


def _inside(el: etree._Element, other: etree._Element) -> bool:
    return el is other or any(anc is other for anc in el.iterancestors())


def _replace_with_text(el: etree._Element, text: str) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text + tail
    else:
        parent.text = (parent.text or "") + text + tail
    parent.remove(el)


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# ---------------------------------------------------------------- figures


@dataclass
class _Fig:
    figure: Figure | None
    problem: Msg | None
    mark: etree._Element  # where it stands in the page
    src: str = ""  # the address the page gives it


def _lead_figure(tree, figures: list[_Fig | None], used: set[int], paras: list) -> int | None:
    """The first picture left out that stands after the headline and before
    the article's first paragraph (the lead picture of the article)."""
    h1 = tree.find(".//h1")
    first = next((p.text for p in paras if isinstance(p, Para)), "")
    if h1 is None or not first:
        return None
    order = {el: i for i, el in enumerate(tree.iter())}
    snippet = first[:40]
    # the innermost element holding it (ancestors come first in document order)
    holding = [
        order[el] for el in tree.iter("p", "div", "blockquote") if snippet in " ".join(el.text_content().split())
    ]
    if not holding:
        return None
    low, high = order.get(h1, -1), max(holding)
    for i, fig in enumerate(figures):
        if fig is not None and i not in used and low < order.get(fig.mark, -1) < high:
            return i
    return None


def _mark_figures(tree: etree._Element, file: str, path: Path | None) -> list[_Fig | None]:
    """Each picture of the page -> a mark paragraph where it stands; the
    picture itself read from the saved folder (never from the network)."""
    figs: list[_Fig | None] = []
    done: set[etree._Element] = set()
    for img in list(tree.iter("img")):
        if img.getparent() is None:
            continue
        holder = next((a for a in img.iterancestors() if a.tag == "figure" or _captioned(a)), None)
        el = holder if holder is not None else img
        if el in done:
            continue  # a second picture of one <figure>: the first stands for it
        src = _image_source(img)
        width = _int(img.get("width"))
        if not src or (width is not None and width < MIN_FIGURE_WIDTH) or src.startswith("data:") or _site_image(img):
            figs.append(None)
            if holder is None:
                _remove(img)  # an icon, an avatar, a logo: not the article's
            continue
        done.add(el)
        caption_el = _caption_of(holder) if holder is not None else None
        caption = (
            " ".join(caption_el.text_content().split()) if caption_el is not None else (img.get("title") or "").strip()
        )
        alt = " ".join((img.get("alt") or "").split())
        n = len(figs)
        figure, problem = _load_image(src, alt, caption, file, path, n)
        mark = _PARSER.makeelement("p")
        figs.append(_Fig(figure, problem, mark, src))
        mark.text = f"\ue000F{n}\ue001"
        mark.tail = el.tail
        parent = el.getparent()
        if parent is not None:
            if parent.getparent() is not None and (
                parent.tag == "picture" or (parent.tag in ("a", "span") and len(parent) == 1)
            ):
                el, parent = parent, parent.getparent()
                mark.tail = el.tail
            parent.replace(el, mark)
            _lift(mark)
    return figs


def _lift(mark: etree._Element) -> None:
    """A mark alone in its boxes (a layout table's cells, a Blogger
    `tr-caption-container`) takes their place: extractors drop boxes by
    their names (caption, credit), and the mark with them."""
    while True:
        box = mark.getparent()
        if box is None or box.tag not in ("div", "span", "center") or box.getparent() is None:
            return
        if len(box) != 1 or (box.text or "").strip() or (mark.tail or "").strip():
            return
        mark.tail = box.tail
        box.getparent().replace(box, mark)


_CAPTION_CLASS = re.compile(r"caption|credit", re.I)
# the site's pictures: its logo, the writer's photo, share and app icons, ads
_SITE_IMAGE = re.compile(
    r"avatar|author|writer|byline|logo|icon|share|social|sprite|emoji|(?:^|[\s_-])(?:ads?|advert\w*|banner)(?:$|[\s_-])",
    re.I,
)
MIN_FIGURE_WIDTH = 50  # narrower: an icon


def _site_image(img: etree._Element) -> bool:
    """A picture of the site, not of the article (by its own or its boxes' names)."""
    for el in (img, *img.iterancestors()):
        if el.tag in ("article", "main", "body"):
            return False
        if _SITE_IMAGE.search(f"{el.get('class', '')} {el.get('id', '')}"):
            return True
    return False


def _caption_of(holder: etree._Element) -> etree._Element | None:
    found = holder.find(".//figcaption")
    if found is None:
        found = next((d for d in holder.iter() if _CAPTION_CLASS.search(d.get("class") or "")), None)
    return found


def _captioned(el: etree._Element) -> bool:
    """A picture's own box (`<div class="image-field">` with a caption)."""
    if el.tag not in ("div", "span", "p") or len(el.xpath(".//img")) != 1:
        return False
    caption = next((d for d in el.iter() if _CAPTION_CLASS.search(d.get("class") or "")), None)
    return caption is not None and len(el.text_content()) - len(caption.text_content()) < 20


def _int(value: str | None) -> int | None:
    try:
        return int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return None


def _image_source(img: etree._Element) -> str:
    """The picture a lazy loader would show: data-src, the widest srcset entry, src."""
    for name in _LAZY:
        value = (img.get(name) or "").strip()
        if not value or (value.startswith("data:") and name == "src"):
            continue
        if "srcset" in name:
            best, width = "", -1
            for entry in value.split(","):
                bits = entry.split()
                if not bits:
                    continue
                w = _int(bits[1].rstrip("wx")) if len(bits) > 1 else 0
                if (w or 0) > width:
                    best, width = bits[0], w or 0
            value = best
        if value:
            return value
    return ""


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\\]")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")
MAX_IMAGE_BYTES = 50 * 1024 * 1024  # a picture saved with a page (a photograph is a few MB)
MAX_NAME_BYTES = 120  # a saved picture's file name (file systems stop at 255)


def image_name(src: str) -> str:
    """The picture's own file name, as a browser saves it in `_files/`
    ("" when it has none)."""
    return PurePosixPath(unquote(urlsplit(src).path)).name


def distinct_image_name(src: str) -> str:
    """The name `warraq import` gives the picture `src` when its own name is
    taken (two pictures named `image.jpg`), too long for a file system, or
    holds what no file name may (a NUL byte): one name per address, which
    the reader looks for first."""
    own = image_name(src)
    suffix = m.group().lower() if (m := _SUFFIX.search(own)) else ""
    digest = hashlib.blake2b(src.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    return f"image-{digest}{suffix}"


def plain_image_name(name: str) -> bool:
    """Can the picture keep its own name in `_files/`?"""
    if not name or name.startswith(".") or _UNSAFE_NAME.search(name):
        return False
    return len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES


def _load_image(src: str, alt: str, caption: str, file: str, path: Path | None, n: int):
    """(Figure, None) for a picture saved beside the page, else (None, why)."""
    if path is None:
        return None, None
    folder = path.parent.resolve()
    parts = urlsplit(src)
    rel = unquote(parts.path)
    candidates: list[Path] = []
    if not parts.scheme and not parts.netloc and not rel.startswith("/"):
        candidates.append(folder / rel)
    name = image_name(src)
    if name:
        for files in (path.with_name(path.stem + "_files"), path.with_name(path.stem + "-files")):
            candidates += [files / distinct_image_name(src), files / name]
    for cand in candidates:
        try:
            real = cand.resolve()
            if not real.is_relative_to(folder) or not real.is_file():
                continue
            size = real.stat().st_size
            if size > MAX_IMAGE_BYTES:  # not read into memory at all
                return None, msg(
                    "image {name} is {size} MB; the limit is {limit} MB",
                    name=name or src[:60],
                    size=round(size / 2**20),
                    limit=MAX_IMAGE_BYTES // 2**20,
                )
            data = real.read_bytes()
        except (OSError, ValueError):  # a NUL byte in the address, a name too long for the system
            continue
        # the bytes say what the file is, not its name (a browser saves a
        # page of error under the picture's name)
        media = MEDIA_TYPES.get(sniff(data), "")
        if not media:
            return None, msg("image {name} is not a picture a book can carry", name=name)
        digest = hashlib.blake2b(file.encode(), digest_size=4).hexdigest()
        unique = f"web-{digest}-{n}{real.suffix.lower() or '.img'}"
        caption_inlines = (Text(caption),) if caption else ()
        return Figure(unique, alt, caption_inlines, Provenance(file, 1, unit="¶"), data=data, media_type=media), None
    return None, msg(
        "image {name} was not saved with the page (looked in its folder {folder})",
        name=name or src[:60],
        folder=path.stem + "_files",
    )


# ---------------------------------------------------------------- chrome boxes


def _drop_boxes(tree: etree._Element) -> list[str]:
    """Boxes that interrupt the article's text («اقرأ أيضا» and a list of
    links, share bars): removed before extraction; their labels returned."""
    dropped: list[str] = []
    for el in list(tree.iter("div", "aside", "section", "ul", "p", "span", "strong", "h3", "h4")):
        if el.getparent() is None:
            continue
        first = (el.text or "").strip() or (el[0].text_content().strip() if len(el) else "")
        if not first or len(first) > MAX_LABEL_CHARS or not _LABEL_START.match(first):
            continue  # most elements: a paragraph's text, or none of their own
        label = key(first)
        if not label or not any(_is_label(label, c) for c in _CHROME_LABELS):
            continue
        text = " ".join(el.text_content().split())
        if len(text) > 400:
            continue
        if key(text) in _CHROME_LABELS:
            # the label alone in its element: the box is the label and the links after it
            nxt = el.getnext()
            if nxt is not None and nxt.tag in ("ul", "ol", "div") and _mostly_links(nxt):
                _remove(nxt)
        elif not _mostly_links(el):
            continue  # the author's sentence that begins with such a word («شارك في الندوة …»)
        if first.strip() not in dropped:
            dropped.append(first.strip()[:80])
        _remove(el)
    return dropped


def _mostly_links(el: etree._Element) -> bool:
    """Links make at least half of the element's text (a list of headlines)."""
    text = len("".join(el.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in el.iter("a"))
    return text > 0 and linked * 2 >= text


# the site's own lines at the end of an article (a disclaimer, a source line)
_SITE_LINES = tuple(
    key(s)
    for s in (
        "الآراء الواردة في",
        "المقالات المنشورة تعبر عن",
        "المقال يعبر عن رأي كاتبه",
        "جميع الحقوق محفوظة",
        "تابعوا آخر الأخبار",
        "تابعونا على",
        "لمتابعة آخر الأخبار",
        "المصدر : الجزيرة",  # Al Jazeera's source line under every news article
        "المصدر : وكالات",
    )
)


def _is_site_line(text_key: str) -> bool:
    return len(text_key) < 200 and any(text_key.startswith(s) for s in _SITE_LINES)


MAX_LABEL_CHARS = 80  # «اقرأ أيضا: عنوان قصير», at most


def _loose(word: str) -> str:
    """A folded word as a pattern of the spellings it stands for."""
    return "".join({"ا": "[اأإآٱ]", "ه": "[هة]", "ي": "[يى]"}.get(ch, re.escape(ch)) for ch in word)


# the first words of the labels, as typed: a cheap test before `key`
_LABEL_START = re.compile(r"\s*(?:" + "|".join(sorted({_loose(c.split()[0]) for c in _CHROME_LABELS})) + ")")


def _is_label(text_key: str, label: str) -> bool:
    """«اقرأ أيضا», or «اقرأ أيضا: عنوان» (a label and a short title after it)."""
    return text_key == label or (text_key.startswith(label + " ") and len(text_key) < len(label) + 40)


# ---------------------------------------------------------------- trafilatura's XML -> paragraphs


def _content(body, file, notes_text, figures, dropped, link_notes, tables=()):
    """Paragraphs (Para), figures, tables, notes from trafilatura's output."""
    out: list[Para | Figure | Table] = []
    findings: list[Finding] = []
    used: set[int] = set()
    ids: dict[str, str] = {}
    digest = hashlib.blake2b(file.encode(), digest_size=4).hexdigest()
    notes: list[Note] = []
    if body is None:
        return out, notes, findings, used
    counter = [0]

    def prov() -> Provenance:
        counter[0] += 1
        return Provenance(file, counter[0], unit="¶")

    def note_ref(number: str) -> NoteRef | None:
        if number not in notes_text:
            return None
        if number not in ids:
            ids[number] = f"n{digest}-{number}"
            notes.append(Note(ids[number], (Text(notes_text[number]),), Provenance(file, 1, unit="¶")))
        return NoteRef(ids[number])

    def link_note(url: str) -> NoteRef | None:
        if not link_notes:
            return None
        note_id = f"n{digest}-u{len(notes) + 1}"
        notes.append(
            Note(note_id, (Text(url),), Provenance(file, counter[0] + 1, unit="¶"), generated=True, rule="web-link")
        )
        return NoteRef(note_id)

    def add(el, level: int = 0, quoted: bool = False) -> None:
        for run in split_at_marks(_inlines(el, note_ref, link_note)):
            for piece in split_at_breaks(run):
                for line in verse_lines(piece):
                    add_inlines(line, level, quoted)

    heading: list[int | None] = [None]  # where a notes heading («الهوامش») stands

    def add_inlines(inlines: tuple[Inline, ...], level: int, quoted: bool) -> None:
        text = _plain(inlines).strip()
        marks = _MARK.findall(text)
        if marks and not _MARK.sub("", text).strip():
            for kind, n in marks:
                if kind == "T" and int(n) < len(tables):
                    table, table_findings = _table(tables[int(n)], prov(), note_ref, link_note)
                    if table is not None:
                        out.append(table)
                    findings.extend(table_findings)
                elif kind == "F":
                    i = int(n)
                    used.add(i)
                    fig = figures[i] if i < len(figures) else None
                    if fig is not None and fig.figure is not None:
                        out.append(replace(fig.figure, prov=prov()))
            return
        if not text:
            return
        k = key(text)
        if any(k == c for c in _CHROME_LABELS) or _is_site_line(k):
            dropped.append(text[:80])
            return
        if k in _NOTES_HEADINGS and heading[0] is None:
            heading[0] = len(out)
        out.append(Para(text, _strip(inlines), prov(), level, quoted))

    for el in body:
        tag = el.tag
        if tag == "p":
            add(el)
        elif tag == "head":
            rend = el.get("rend") or "h2"
            add(el, level=2 if rend in ("h1", "h2", "h3") else 3)
        elif tag == "quote":
            inner = [c for c in el if c.tag in ("p", "head", "list")]
            if not inner:
                add(el, quoted=True)
            for c in inner:
                if c.tag == "list":
                    for item in c.iter("item"):
                        add(item, quoted=True)
                else:
                    add(c, quoted=True)
        elif tag == "list":
            for item in el.iter("item"):
                add(item)
        elif tag == "table":
            findings.append(
                Finding(
                    "web",
                    "web-table",
                    msg("a table of the page is left out (tables are not read yet)"),
                    prov(),
                    "warning",
                )
            )
        elif tag == "graphic":
            continue
        else:
            add(el)
    if heading[0] is not None and (typed := typed_notes(out, heading[0], f"n{digest}-t")) is not None:
        out, more = typed
        notes.extend(more)
    return out, notes, findings, used


# ---------------------------------------------------------------- tables


@dataclass
class _Tab:
    read: ReadTable
    caption: etree._Element | None  # <caption>, the <figcaption> of its <figure>, or a «جدول ١: …» line


def _mark_tables(tree: etree._Element) -> list[_Tab]:
    """Each table of the article (layout tables are unwrapped before) -> a
    mark paragraph where it stands, the table read from the page itself."""
    tabs: list[_Tab] = []
    for table in list(tree.iter("table")):
        if table.getparent() is None or any(a.tag == "table" for a in table.iterancestors()):
            continue  # inside a table taken out already (its picture, its text: reported with it)
        read = read_table(table)
        el = table
        caption = read.caption
        holder = table.getparent()
        if holder is not None and holder.tag == "figure" and len(holder.findall(".//table")) == 1:
            el = holder  # <figure class="wp-block-table"><table>…</table><figcaption>
            found = holder.find(".//figcaption")
            if caption is None and found is not None and found.text_content().strip():
                caption = found
        if caption is None:
            for near in (el.getprevious(), el.getnext()):
                if (
                    near is not None
                    and near.tag in ("p", "div", "span", "strong", "b", "h4", "h5", "h6")
                    and caption_line(" ".join(near.text_content().split()))
                    and not near.findall(".//table")
                ):
                    caption = near
                    _remove(near)
                    break
        mark = _PARSER.makeelement("p")
        mark.text = f"\ue000T{len(tabs)}\ue001"
        tabs.append(_Tab(read, caption))
        mark.tail = el.tail
        el.getparent().replace(el, mark)
        _lift(mark)
    return tabs


def _table(tab: _Tab, prov: Provenance, note_ref, link_note) -> tuple[Table | None, list[Finding]]:
    """The model's table for a marked one, with what it could not carry."""

    def text_of(s: str) -> list[Inline]:
        out: list[Inline] = []
        pos = 0
        for m in _MARK.finditer(s):
            out.append(Text(s[pos : m.start()]))
            if m[1] == "N" and (ref := note_ref(m[2])) is not None:
                out.append(ref)
            pos = m.end()
        out.append(Text(s[pos:]))
        return out

    def inlines_of(el: etree._Element) -> tuple[Inline, ...]:
        return html_inlines(el, text_of, link_note)

    rows = cells_of(tab.read, inlines_of)
    findings: list[Finding] = []
    if not any(plain_text(c.inlines).strip() for row in rows for c in row):
        return None, findings  # a table of nothing (spacer cells)
    caption = inlines_of(tab.caption) if tab.caption is not None else ()
    if len(caption) == 1 and isinstance(caption[0], Emphasis):
        caption = caption[0].children  # «<p><b>جدول ٢: …</b></p>»: the bold is how the page sets captions
    table = Table(rows, prov, tab.read.header_rows, tab.read.align, caption)
    for src, alt in tab.read.pictures:
        name = image_name(src) or src[:60] or "?"
        text = msg(
            "picture {name} in a table cell is left out (a cell holds text only){alt}",
            name=name,
            alt=msg("; its alt text: {alt}", alt=repr(alt)) if alt else "",
        )
        findings.append(Finding("web", "web-table-picture", text, prov, "warning"))
    if tab.read.ltr:
        text = msg(
            "the table is set left to right in the page ({setting}): its columns are mirrored "
            "so that the book shows them as the page did",
            setting='dir="ltr"',
        )
        findings.append(Finding("web", "web-table-ltr", text, prov, "info"))
    return table, findings


_BLOCK_MARK = re.compile("(\ue000[FT]\\d+\ue001)")


def split_at_marks(inlines: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """A figure's or a table's mark that the extractor left inside a
    paragraph (a table in a list item, a picture in a `<div>` of text) stands
    on its own: the text before it and after it are paragraphs of their own."""
    if not any(isinstance(n, Text) and _BLOCK_MARK.search(n.text) for n in inlines):
        return [inlines]
    runs: list[list[Inline]] = [[]]
    for node in inlines:
        if not (isinstance(node, Text) and _BLOCK_MARK.search(node.text)):
            runs[-1].append(node)
            continue
        for i, bit in enumerate(_BLOCK_MARK.split(node.text)):
            if i % 2:
                runs += [[Text(bit)], []]
            elif bit:
                runs[-1].append(Text(bit))
    return [tuple(r) for r in runs if r]


# a line of prose this long or longer, ended by a single <br>, ends its paragraph
PROSE_LINE_WORDS = 12


def verse_lines(inlines: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """A block of short lines (`<p>قال الشاعر:<br>صدر<br>عجز</p>`, the way
    sites set verse) as the lines of a text part, one paragraph each, when
    the structure rules find a poem in them; else the block as it is."""
    lines: list[list[Inline]] = [[]]
    for node in inlines:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    if len(lines) < 2:
        return [inlines]
    texts = [_plain(line).strip() for line in lines]
    if any(poem_after(texts, i) or poem_from(texts, i) for i in range(len(texts)) if texts[i]):
        return [tuple(line) for line in lines if line]
    return [inlines]


def split_at_breaks(inlines: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """The paragraphs of a block whose site separates them with `<br>`: a
    blank line (two breaks) always ends one, a single break only between
    a line of prose and the next (a break between short lines, a poem's, stays)."""
    lines: list[list[Inline]] = [[]]
    breaks: list[int] = []  # the breaks after each line
    for node in inlines:
        if isinstance(node, LineBreak):
            if lines[-1]:
                lines.append([])
                breaks.append(1)
            elif breaks:
                breaks[-1] += 1
        else:
            lines[-1].append(node)
    if not lines[-1]:
        lines.pop()
    if len(lines) < 2:
        return [tuple(inlines)]
    words = [len(_plain(line).split()) for line in lines]
    pieces: list[list[Inline]] = [list(lines[0])]
    for i in range(1, len(lines)):
        prose = words[i - 1] >= PROSE_LINE_WORDS or words[i] >= PROSE_LINE_WORDS
        if breaks[i - 1] >= 2 or prose:
            pieces.append(list(lines[i]))
        else:
            pieces[-1] += [LineBreak(), *lines[i]]
    return [tuple(p) for p in pieces]


def _inlines(el, note_ref, link_note) -> tuple[Inline, ...]:
    """trafilatura's inline markup (hi, ref, lb) -> the model's inlines; a
    link is kept as its text, its address in a note (`link_note`) or not."""
    out: list[Inline] = []

    def text(s: str | None) -> None:
        if not s:
            return
        pos = 0
        for m in _MARK.finditer(s):
            if m.start() > pos:
                out_text(s[pos : m.start()])
            if m[1] == "N":
                ref = note_ref(m[2])
                if ref is not None:
                    target.append(ref)
            else:
                target.append(Text(m[0]))  # a figure mark: found again by the caller
            pos = m.end()
        if pos < len(s):
            out_text(s[pos:])

    def out_text(s: str) -> None:
        target.append(Text(s))

    target = out
    text(el.text)
    for child in el:
        tag = child.tag
        if tag in ("hi", "ref"):
            saved = target
            target = []
            inner = _inlines(child, note_ref, link_note)
            target = saved
            rend = child.get("rend") or ""
            if tag == "ref":
                url = child.get("target") or ""
                target.extend(inner)
                if url.startswith(("http://", "https://")) and " ".join(_plain(inner).split()) != url:
                    ref = link_note(url)
                    if ref is not None:
                        target.append(ref)
            elif rend in ("#b", "#i", "#u") and _plain(inner).strip():
                target.append(Emphasis(inner, strong=rend == "#b"))
            else:  # superscripts, subscripts: their text
                target.extend(inner)
        elif tag == "lb":
            target.append(LineBreak())
        else:
            target.extend(_inlines(child, note_ref, link_note))
        text(child.tail)
    return merge_text(out)


def _plain(inlines) -> str:
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Emphasis):
            out.append(_plain(node.children))
    return "".join(out)


def _strip(inlines):
    """Spaces at the ends of a paragraph removed; runs of spaces made one."""
    nodes = list(inlines)
    fixed: list = []
    for node in nodes:
        if isinstance(node, Text):
            node = Text(re.sub(r"[ \t\n\r\u00a0]+", " ", node.text))
        fixed.append(node)
    if fixed and isinstance(fixed[0], Text):
        fixed[0] = Text(fixed[0].text.lstrip())
    if fixed and isinstance(fixed[-1], Text):
        fixed[-1] = Text(fixed[-1].text.rstrip())
    return tuple(n for n in fixed if not (isinstance(n, Text) and not n.text))


__all__ = [
    "WebPage",
    "decode_page",
    "distinct_image_name",
    "image_name",
    "language_of_text",
    "plain_image_name",
    "read_page",
    "strip_site_name",
]
