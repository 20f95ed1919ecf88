"""A Word part's first publication from the file's own properties: the
venue from Category (docProps/core.xml), the date from Word's Publish Date
(the cover page properties part); the file's creation date is not taken."""

from __future__ import annotations

import io
import zipfile

from tests.readers.docx_fixtures import article_docx
from warraq.pipeline import analyse

COVER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<CoverPageProperties xmlns="http://schemas.microsoft.com/office/2006/coverPageProps">'
    "<PublishDate>{date}</PublishDate><Abstract/><CompanyAddress/><CompanyPhone/><CompanyFax/><CompanyEmail/>"
    "</CoverPageProperties>"
)


def with_properties(data: bytes, category: str | None, date: str | None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml" and category is not None:
                body = body.replace(
                    b"</cp:coreProperties>", f"<cp:category>{category}</cp:category></cp:coreProperties>".encode()
                )
            z.writestr(info, body)
        if date is not None:
            z.writestr("customXml/item1.xml", COVER.format(date=date))
    return out.getvalue()


def book(make_book, data: bytes):
    return analyse(make_book({"01.docx": data}))


def test_category_and_publish_date(make_book):
    data = with_properties(article_docx("مقالة (١)", ["نص المقالة."]), "جريدة الأمس", "2021-05-09T00:00:00")
    (part,) = book(make_book, data).book.parts
    assert (part.venue, part.published) == ("جريدة الأمس", "2021-05-09")


def test_creation_date_is_not_a_publication(make_book):
    # the fixture's core.xml has dcterms:created 2024-01-01: not taken
    (part,) = book(make_book, article_docx("مقالة (١)", ["نص المقالة."])).book.parts
    assert (part.venue, part.published) == ("", "")


def test_a_bad_publish_date_is_a_warning(make_book):
    data = with_properties(article_docx("مقالة (١)", ["نص المقالة."]), None, "1492-10-12")
    result = book(make_book, data)
    (part,) = result.book.parts
    assert part.published == ""
    assert [f.level for f in result.findings if f.rule == "docx-publish-date"] == ["warning"]
