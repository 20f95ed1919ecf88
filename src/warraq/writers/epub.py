"""The right-to-left EPUB 3: `build/<slug>.epub`.  The only module that imports ebooklib.

Reading order (the spine, `page-progression-direction` from the language):

    text/cover.xhtml      the cover image (the author's, or a typographic one)
    text/title.xhtml      title page
    text/nav.xhtml        the EPUB 3 navigation document, shown as the contents
    text/part-NNN.xhtml   one document per part, notes as pop-up asides
    text/colophon.xhtml   generator, date, notices (Tanzil for the Qur'an text)

plus `toc.ncx` for older readers, the stylesheet (warraq's and the author's,
with `@font-face` rules) and Amiri subset to the characters used.  Every
document is rendered by the shared `Renderer` in "epub" mode; ebooklib writes
the package document and the NCX; `epubzip.repack` makes the zip reproducible.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import UTC, datetime
from pathlib import Path

from ebooklib import epub
from lxml import etree  # ebooklib's own XML library (a dependency of the pinned ebooklib)

from .. import __version__
from ..config import Config, line_of
from ..errors import ConfigError
from ..i18n import msg, nmsg
from ..model import Book, Emphasis, Figure, Finding, Meta, Provenance, Table, live_blocks, plain_text
from ..publishing.images import check_image, screen_copy
from ..publishing.isbn import parse_isbn
from ..render import (
    IMAGES_DIR,
    Renderer,
    captioned,
    default_stylesheet,
    figure_file,
    stylesheet,
    stylesheet_names,
    toc,
)
from ..render.fonts import Face, faces, font_face_css
from ..text.arabic import latin_spans
from .cover import COVER_CHARS, CoverImage, author_cover, typographic_cover
from .epubzip import repack
from .fontsubset import subset_faces
from .output import atomic_write

XHTML = "application/xhtml+xml"
TEXT_DIR = "text"
CSS_NAME = "styles/book.css"
IBOOKS = "http://vocabulary.itunes.apple.com/rdf/ibooks/vocabulary-extensions-1.0/"
IBOOKS_OPTIONS = """<?xml version="1.0" encoding="UTF-8"?>
<display_options>
<platform name="*">
<option name="specified-fonts">true</option>
</platform>
</display_options>
"""
# the words a reader sees around the book's own text
WORDS = {
    "cover": "الغلاف",
    "titlepage": "صفحة العنوان",
    "toc": "المحتويات",
    "landmarks": "معالم الكتاب",
    "bodymatter": "بداية النص",
    "colophon": "بيانات النشر",
    "loi": "فهرس الصور",
    "lot": "فهرس الجداول",
    "cover_alt": "غلاف كتاب «{title}»، تأليف {author}",
}
ACCESSIBILITY_SUMMARY = (
    "كتاب نصي كامل منظم بعناوين وفهرس للمحتويات يربط الأجزاء وأقسامها، بترتيب قراءة من اليمين إلى اليسار؛ "
    "الحواشي مرتبطة بمواضعها في النص ذهابا وإيابا، وللغلاف وصف نصي. لا يحوي الكتاب وسائط صوتية أو مرئية "
    "ولا ما يسبب الوميض أو دوار الحركة."
)
# the summary of a book with pictures or tables (EPUB Accessibility 1.1: the
# summary says what the other properties cannot: here, that every picture
# has a text alternative, and how the tables are marked)
SUMMARY_START = (
    "كتاب نصي كامل منظم بعناوين وفهرس للمحتويات يربط الأجزاء وأقسامها، بترتيب قراءة من اليمين إلى اليسار؛ "
    "الحواشي مرتبطة بمواضعها في النص ذهابا وإيابا، وللغلاف وصف نصي."
)
SUMMARY_FIGURES = (
    " وفيه صور ورسوم لكل منها نص بديل يصفها (هو تعليقها حيث لم يصفها المؤلف)، فيُقرأ الكتاب كله بالنص وحده."
)
SUMMARY_TABLES = " وجداوله معلَّمة الخلايا، لكل عمود وصف رأسه، وتتكرر رؤوسها إذا امتد الجدول."
SUMMARY_END_VISUAL = " لا يحوي الكتاب وسائط صوتية ولا ما يسبب الوميض أو دوار الحركة."
SUMMARY_END = " لا يحوي الكتاب وسائط صوتية أو مرئية ولا ما يسبب الوميض أو دوار الحركة."


def accessibility_summary(figures: int, tables: int) -> str:
    """The package's accessibilitySummary for a book of this many pictures and tables."""
    if not figures and not tables:
        return ACCESSIBILITY_SUMMARY
    out = SUMMARY_START + (SUMMARY_FIGURES if figures else "") + (SUMMARY_TABLES if tables else "")
    return out + (SUMMARY_END_VISUAL if figures else SUMMARY_END)


@dataclass(frozen=True)
class Document:
    """One XHTML document of the book."""

    uid: str
    name: str  # file name inside text/
    title: str
    xhtml: str
    properties: tuple[str, ...] = ()

    @property
    def href(self) -> str:
        return f"{TEXT_DIR}/{self.name}"


@dataclass
class Pages:
    cover: Document
    title: Document
    nav: Document
    parts: list[Document]
    colophon: Document
    extra_findings: list[Finding] = field(default_factory=list)
    back: list[Document] = field(default_factory=list)  # the indexes (render/apparatus.py)

    def spine(self) -> list[Document]:
        return [self.cover, self.title, self.nav, *self.parts, *self.back, self.colophon]


def part_file(number: int) -> str:
    return f"part-{number:03d}.xhtml"


def write_epub(book: Book, config: Config, out: Path, context: dict) -> list[Path]:
    """Write `out/<slug>.epub`; findings of this writer go to context["findings"]."""
    cover = author_cover(config.cover) if config.cover else typographic_cover(book.meta)
    on_cover = {"title": book.meta.title, "series": book.meta.series, "subtitle": book.meta.subtitle}
    on_cover["author"] = book.meta.author
    long = [] if config.cover else [(key, text) for key, text in on_cover.items() if len(text or "") > COVER_CHARS]
    pages = render_pages(book, config, context, cover)
    css, found = epub_stylesheet(config, faces_used(book))
    toml = config.book_file.read_text("utf-8-sig") if long else ""
    found += [
        Finding(
            "epub",
            "epub-cover-text-cut",
            nmsg(
                "{key}: the cover shows its first {shown} of {n} character",
                "{key}: the cover shows its first {shown} of {n} characters",
                n=len(text),
                key="[book] " + key,
                shown=COVER_CHARS,
            ),
            Provenance(str(config.book_file), line_of(toml, key, "book") or 1),
            level="warning",
        )
        for key, text in long
    ]
    used_text = css + "".join(doc.xhtml for doc in pages.spine())
    fonts = subset_faces(faces_used(book), used_text)
    identifier, more = book_identifier(book.meta)
    found += more
    modified = modification_time(book.meta, config)

    ebook = epub.EpubBook()
    blocks = [b for part in book.parts for b in live_blocks(part)]
    describe(
        ebook,
        book.meta,
        identifier,
        figures=sum(isinstance(b, Figure) for b in blocks),
        tables=sum(isinstance(b, Table) for b in blocks),
    )
    ebook.add_item(epub.EpubItem("css", CSS_NAME, "text/css", css.encode("utf-8")))
    for font in fonts:
        ebook.add_item(
            epub.EpubItem(f"font-{font.face.file.stem.lower()}", f"fonts/{font.face.name}", "font/ttf", font.data)
        )
    pictures, more = figure_images(book)
    found += more
    for name, media_type, data in pictures:
        ebook.add_item(epub.EpubItem(f"img-{name.split('.')[0]}", f"{IMAGES_DIR}/{name}", media_type, data))
    image = epub.EpubItem("cover-image", f"images/cover{cover.extension}", cover.media_type, cover.data)
    image.properties = ["cover-image"]
    ebook.add_item(image)
    ebook.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})  # EPUB 2 readers
    ebook.add_item(
        epub.EpubItem(
            file_name="META-INF/com.apple.ibooks.display-options.xml", content=IBOOKS_OPTIONS.encode(), manifest=False
        )
    )
    for doc in pages.spine():
        item = epub.EpubItem(doc.uid, doc.href, XHTML, doc.xhtml.encode("utf-8"))
        item.properties = list(doc.properties)
        ebook.add_item(item)
    ebook.add_item(epub.EpubNcx())
    ebook.spine = [doc.uid for doc in pages.spine()]
    ebook.toc = ncx_toc(book, pages)
    ebook.guide = [
        {"type": "cover", "href": pages.cover.href, "title": WORDS["cover"]},
        {"type": "title-page", "href": pages.title.href, "title": WORDS["titlepage"]},
        {"type": "toc", "href": pages.nav.href, "title": WORDS["toc"]},
        {
            "type": "text",
            "href": pages.parts[0].href if pages.parts else pages.colophon.href,
            "title": WORDS["bodymatter"],
        },
    ]

    raw = io.BytesIO()
    writer = PackageWriter(
        raw,
        ebook,
        {
            "mtime": modified,
            "package_direction": True,
            "spine_direction": True,
            "epub3_pages": False,
            "epub3_landmark": False,
            "compresslevel": 0,  # compressed once, by repack
        },
    )
    writer.process()
    writer.write()
    data = repack(raw.getvalue(), modified)
    if "findings" in context:
        context["findings"].extend(found)
    return [atomic_write(out / f"{config.slug}.epub", data)]


def figure_images(book: Book) -> tuple[list[tuple[str, str, bytes]], list[Finding]]:
    """The pictures of the book's figures, each once (named by its bytes),
    scaled for reading systems when larger than a screen (reported)."""
    seen: dict[str, tuple[str, str, bytes]] = {}
    findings: list[Finding] = []
    for part in book.parts:
        for block in live_blocks(part):
            if not isinstance(block, Figure):
                continue
            name = figure_file(block)
            if name in seen:
                continue
            info = check_image(block.data, block.src)
            data = screen_copy(block.data, info)
            if data is not None:
                message = msg(
                    "the picture {file} ({width} × {height} pixels) is scaled to a screen's size in the EPUB",
                    file=block.src,
                    width=info.width,
                    height=info.height,
                )
                findings.append(Finding("epub", "epub-image-scaled", message, block.prov))
            seen[name] = (name, block.media_type, data or block.data)
    return list(seen.values()), findings


class PackageWriter(epub.EpubWriter):
    """ebooklib's writer, with the book's language on the package element too
    (`xml:lang`, which Ace requires beside `dc:language`)."""

    def _write_opf_file(self, root) -> None:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", self.book.language)
        super()._write_opf_file(root)

    def _get_ncx(self) -> bytes:
        """ebooklib's NCX, with its `dtb:depth` (always 0) set to the true
        depth of the navMap."""
        return ncx_with_depth(super()._get_ncx())


_NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


def ncx_depth(root: etree._Element) -> int:
    """How deep the navPoints of an NCX nest (a list of parts: 1; parts
    with their sections: 2)."""

    def depth(node: etree._Element) -> int:
        return max((1 + depth(child) for child in node.iterchildren(f"{_NCX}navPoint")), default=0)

    nav_map = root.find(f"{_NCX}navMap")
    return depth(nav_map) if nav_map is not None else 0


def ncx_with_depth(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for meta in root.iter(f"{_NCX}meta"):
        if meta.get("name") == "dtb:depth":
            meta.set("content", str(ncx_depth(root)))
    return etree.tostring(root, pretty_print=True, encoding="utf-8", xml_declaration=True)


# ---------------------------------------------------------------------- stylesheet

# EPUB 3.3 forbids `direction` and `unicode-bidi` in style sheets: direction
# comes from the `dir` attributes, isolation from `<bdi>`.
_FORBIDDEN = re.compile(r"(?<![\w-])(?:direction|unicode-bidi)\s*:[^;}]*;?\s*")


def faces_used(book: Book) -> tuple[Face, ...]:
    """The faces the book's text is set in (issue 26): regular and bold
    always (headings, hadith, emphasis); the italics only for a Latin run
    in emphasis (Arabic has no italic, base.css), so an Arabic book without
    one ships no italic Amiri (about 245 KB)."""
    regular, bold, *italics = faces()
    italic = any(not e.strong and latin_spans(plain_text(e.children)) for e in emphases(book))
    return (regular, bold, *(italics if italic else ()))


def emphases(node: object) -> Iterator[Emphasis]:
    """Every emphasis of the book (parts, titles, notes), nested ones too."""
    if isinstance(node, Emphasis):
        yield node
    if isinstance(node, (tuple, list)):
        for item in node:
            yield from emphases(item)
    elif is_dataclass(node) and not isinstance(node, type):
        for f in fields(node):
            value = getattr(node, f.name)
            if isinstance(value, (tuple, list)) or is_dataclass(value):
                yield from emphases(value)


def epub_stylesheet(config: Config, used: tuple[Face, ...] | None = None) -> tuple[str, list[Finding]]:
    """@font-face rules (of the faces `used`, else all), warraq's
    stylesheets and the author's, without the declarations EPUB forbids
    (reported when the author wrote them)."""
    css = stylesheet(config, "epub")
    cleaned, removed = _FORBIDDEN.subn("", css)
    own = sum(len(_FORBIDDEN.findall(default_stylesheet(name))) for name in stylesheet_names("epub"))
    findings = []
    if removed > own:
        findings.append(
            Finding(
                "epub",
                "epub-css-direction",
                nmsg(
                    "{n} {properties} declaration in the book's stylesheets was left out of the EPUB "
                    "(EPUB forbids it; direction comes from the book's language)",
                    "{n} {properties} declarations in the book's stylesheets were left out of the EPUB "
                    "(EPUB forbids them; direction comes from the book's language)",
                    n=removed - own,
                    properties="direction/unicode-bidi",
                ),
                level="warning",
                data={"removed": removed - own},
            )
        )
    cleaned, refused = foreign_urls(cleaned, config)
    return font_face_css("../fonts/", used) + "\n" + cleaned, findings + refused


_HEADER = re.compile(r"^/\* (?P<name>[\w.-]+\.css)(?: \(from (?P<path>.+)\))? \*/$")
_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|(?<=@import)\s+(['"])(?P<imported>[^'"]*)\3""", re.I)


def foreign_urls(css: str, config: Config) -> tuple[str, list[Finding]]:
    """The author's stylesheets without the URLs they name (a file here or
    elsewhere, the web): the EPUB carries none of those files, and a
    reading system must fetch nothing.  Each is reported with the
    stylesheet and line; `data:` URLs stay."""
    lines = css.split("\n")
    author: str | None = None
    first = 0
    findings = []
    for i, line in enumerate(lines):
        header = _HEADER.match(line)
        if header:
            author = header["path"]
            if header["name"] == "book.css" and config.styles_dir is not None:
                author = str(config.styles_dir / "book.css")
            first = i
            continue
        if author is None:
            continue

        def refuse(m: re.Match, author: str = author, number: int = i - first) -> str:
            url = (m["url"] if m["url"] is not None else m["imported"]).strip()
            if url.lower().startswith("data:") or not url:
                return m[0]
            findings.append(
                Finding(
                    "epub",
                    "epub-url-refused",
                    msg(
                        "left out of the EPUB: {url} (the EPUB carries no file a stylesheet names: "
                        "write it as a {scheme} URL)",
                        url=url,
                        scheme="data:",
                    ),
                    Provenance(author, number),
                    level="warning",
                )
            )
            return " none" if m["imported"] is not None else "none"

        lines[i] = _URL.sub(refuse, line)
    return "\n".join(lines), findings


# ---------------------------------------------------------------------- documents


def render_pages(book: Book, config: Config, context: dict, cover: CoverImage) -> Pages:
    renderer = Renderer(book, config, "epub", font_prefix="../fonts/")
    meta = book.meta
    common = {"css_href": f"../{CSS_NAME}", "css": "", "font_css": ""}
    extra = {k: v for k, v in context.items() if k not in ("findings", "options", "out")}

    def page(template: str, uid: str, name: str, title: str, body_class: str, **more) -> Document:
        props = tuple(more.pop("properties", ()))
        xhtml = renderer.document(
            f"epub/{template}", page_title=title, body_class=body_class, **common, **extra, **more
        ).lstrip()
        return Document(uid, name, title, xhtml, props)

    # a chapter needs only its part: render it straight from the renderer's
    # templates, without the whole-book context `document()` computes each time
    chapter = renderer.env.get_template("epub/chapter.xhtml.j2")
    renderer.part_hrefs = {p.number: part_file(p.number) for p in book.parts}  # back-references, indexes
    parts = []
    for p in book.parts:
        title = plain_text(p.title) or meta.title
        xhtml = chapter.render(renderer=renderer, part=p, page_title=title, body_class="chapter", **common)
        parts.append(Document(f"part-{p.number}", part_file(p.number), title, xhtml.lstrip()))
    hrefs = renderer.part_hrefs
    index = renderer.env.get_template("epub/index.xhtml.j2")
    back = []
    for kind, title in renderer.back_matter():
        xhtml = index.render(renderer=renderer, kind=kind, page_title=title, body_class="back-doc", **common)
        back.append(Document(f"index-{kind}", f"index-{kind}.xhtml", title, xhtml.lstrip()))
    landmarks = [
        {"type": "cover", "href": "cover.xhtml", "title": WORDS["cover"]},
        {"type": "titlepage", "href": "title.xhtml", "title": WORDS["titlepage"]},
        {"type": "toc", "href": "nav.xhtml#toc", "title": WORDS["toc"]},
    ]
    if book.parts:
        landmarks.append({"type": "bodymatter", "href": hrefs[book.parts[0].number], "title": WORDS["bodymatter"]})
    kinds = [doc.uid.removeprefix("index-") for doc in back]
    for doc, kind in zip(back, kinds, strict=True):
        if kind in ("verses", "hadith") and "index" not in [mark["type"] for mark in landmarks]:
            landmarks.append({"type": "index", "href": doc.name, "title": doc.title})
        elif kind == "sources":
            landmarks.append({"type": "bibliography", "href": doc.name, "title": doc.title})
    landmarks.append({"type": "colophon", "href": "colophon.xhtml", "title": WORDS["colophon"]})
    alt = WORDS["cover_alt"].format(title=meta.title, author=meta.author)
    return Pages(
        cover=page(
            "cover.xhtml.j2",
            "cover",
            "cover.xhtml",
            WORDS["cover"],
            "cover-page",
            image_href=f"../images/cover{cover.extension}",
            alt=alt,
        ),
        title=page("titlepage.xhtml.j2", "title-page", "title.xhtml", meta.title, "title-page-doc"),
        nav=page(
            "nav.xhtml.j2",
            "nav",
            "nav.xhtml",
            WORDS["toc"],
            "toc-page",
            properties=("nav",),
            hrefs=hrefs,
            toc_title=WORDS["toc"],
            landmarks=landmarks,
            landmarks_title=WORDS["landmarks"],
            colophon_href="colophon.xhtml",
            colophon_title=WORDS["colophon"],
            back=back,
            figure_list=captioned(book, Figure) if renderer.config.apparatus.figures else [],
            table_list=captioned(book, Table) if renderer.config.apparatus.tables else [],
            loi_title=WORDS["loi"],
            lot_title=WORDS["lot"],
        ),
        parts=parts,
        back=back,
        colophon=page("colophon.xhtml.j2", "colophon", "colophon.xhtml", WORDS["colophon"], "colophon-page"),
    )


def ncx_toc(book: Book, pages: Pages) -> list:
    """The NCX (EPUB 2) table of contents: parts and their sections."""
    entries = toc(book)
    items: list = []
    for doc, part in zip(pages.parts, book.parts, strict=True):
        sections = [
            epub.Link(f"{doc.href}#{e.target}", e.title, f"ncx-{e.target}")
            for e in entries
            if e.part == part.number and e.level > 1
        ]
        if sections:
            items.append((epub.Section(doc.title, f"{doc.href}#part-{part.number}"), sections))
        else:
            items.append(epub.Link(f"{doc.href}#part-{part.number}", doc.title, f"ncx-part-{part.number}"))
    items += [epub.Link(doc.href, doc.title, f"ncx-{doc.uid}") for doc in pages.back]
    items.append(epub.Link(pages.colophon.href, pages.colophon.title, "ncx-colophon"))
    return items


# ---------------------------------------------------------------------- metadata


def book_identifier(meta: Meta) -> tuple[str, list[Finding]]:
    """book.toml's identifier; without one, a stable one derived from title and author."""
    if meta.identifier:
        return meta.identifier, []
    derived = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'warraq:{meta.title}:{meta.author}')}"
    return derived, [
        Finding(
            "epub",
            "epub-identifier-derived",
            msg(
                "{file} has no identifier; the EPUB uses {identifier}, derived from title and author "
                "(add {setting} to {table} so it survives a change of title)",
                file="book.toml",
                identifier=derived,
                setting="`identifier = ...`",
                table="[book]",
            ),
            level="warning",
            data={"identifier": derived},
        )
    ]


def modification_time(meta: Meta, config: Config) -> datetime:
    """Meta.date (set by the pipeline from book.toml, SOURCE_DATE_EPOCH or the
    parts' mtime) as a UTC datetime."""
    value = meta.date or "1980-01-01T00:00:00Z"
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        where = None
        if config.book_file.is_file():
            where = line_of(config.book_file.read_text("utf-8-sig"), "date", "book")
        raise ConfigError(
            msg("{key}: not an ISO 8601 date: {value}", key="[book] date", value=repr(value)),
            str(config.book_file),
            where,
        ) from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    try:
        return stamp.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:  # 9999-12-31T23:00-05:00 is in the year 10000 in UTC
        where = line_of(config.book_file.read_text("utf-8-sig"), "date", "book") if config.book_file.is_file() else None
        raise ConfigError(
            msg("{key}: out of range: {value}", key="[book] date", value=repr(value)), str(config.book_file), where
        ) from None


def describe(ebook: epub.EpubBook, meta: Meta, identifier: str, figures: int = 0, tables: int = 0) -> None:
    """Dublin Core, series, Apple and accessibility metadata of the package
    (the summary says what pictures and tables the book has)."""
    if meta.isbn:
        # the ISBN is the package's identifier (the stores read it); the
        # stable identifier of book.toml stays as a second one
        ebook.set_identifier(f"urn:isbn:{parse_isbn(meta.isbn).digits}")
        ebook.add_metadata("DC", "identifier", identifier, {"id": "uuid"})
    else:
        ebook.set_identifier(identifier)
    ebook.title = meta.title
    ebook.set_unique_metadata("DC", "title", meta.title, {"id": "title"})
    ebook.add_metadata(None, "meta", "main", {"refines": "#title", "property": "title-type"})
    if meta.subtitle:
        ebook.add_metadata("DC", "title", meta.subtitle, {"id": "subtitle"})
        ebook.add_metadata(None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"})
    ebook.set_language(meta.language)
    ebook.set_direction(meta.direction)
    ebook.add_metadata("DC", "creator", meta.author, {"id": "author"})
    ebook.add_metadata(None, "meta", "aut", {"refines": "#author", "property": "role", "scheme": "marc:relators"})
    if meta.publisher:
        ebook.add_metadata("DC", "publisher", meta.publisher)
    if meta.description:
        ebook.add_metadata("DC", "description", meta.description)
    if meta.rights:
        ebook.add_metadata("DC", "rights", meta.rights)
    if meta.date:
        ebook.add_metadata("DC", "date", meta.date[:10])
    if meta.series:
        ebook.add_metadata(None, "meta", meta.series, {"property": "belongs-to-collection", "id": "series"})
        ebook.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
        if meta.series_position > 0:
            position = str(meta.series_position)
            ebook.add_metadata(None, "meta", position, {"refines": "#series", "property": "group-position"})
    ebook.set_unique_metadata("OPF", "generator", "", {"name": "generator", "content": f"warraq {__version__}"})
    ebook.add_prefix("ibooks", IBOOKS)
    ebook.add_metadata(None, "meta", "true", {"property": "ibooks:specified-fonts"})
    accessibility = [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "alternativeText"),
        ("schema:accessibilityFeature", "displayTransformability"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", accessibility_summary(figures, tables)),
        ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
    ]
    for prop, value in accessibility:
        ebook.add_metadata(None, "meta", value, {"property": prop})
