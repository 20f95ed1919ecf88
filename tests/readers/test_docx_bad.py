"""Bad Word files: one line naming the file, a non-zero exit, nothing
written; nothing outside the file is ever read into the book."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.readers.docx_fixtures import Doc, document_xml, docx_bytes, para, run
from tests.test_cli import assert_one_clear_error, build, snapshot
from warraq.errors import InputError
from warraq.readers import read_part
from warraq.readers.docx.package import MAX_XML

DATA = Path(__file__).parent / "data"


def _good() -> Doc:
    doc = Doc()
    doc.body.append(para(run("بقعة ضوء (٢)"), style="a3"))
    doc.body.append(para(run("نص الحلقة", split=False)))
    return doc


def _with_document(xml: bytes) -> bytes:
    doc = _good()
    doc.document_xml = xml.decode("utf-8")
    return docx_bytes(doc)


def _no_document() -> bytes:
    doc = _good()
    doc.drop = ("word/document.xml",)
    return docx_bytes(doc)


def _bomb() -> bytes:
    """A 100 kB file whose word/document.xml expands past the limit."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as fh:
            block = b" " * 2**20
            for _ in range(MAX_XML // 2**20 + 2):
                fh.write(block)
    return buf.getvalue()


_GOOD_BODY = document_xml(_good()).split("?>", 1)[1]
XXE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + _GOOD_BODY.replace("نص الحلقة", "&xxe;")
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ههههههههههه">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    + _GOOD_BODY.replace("نص الحلقة", "&c;")
)
DEEP = _GOOD_BODY.replace("<w:body>", "<w:body><w:p>" + "<w:smartTag>" * 3000 + "</w:smartTag>" * 3000 + "</w:p>")
UNDECLARED = _GOOD_BODY.replace("نص الحلقة", "&xxe;")
OTHER_ROOT = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>نص</p></body></html>'
EXTERNAL_DTD = '<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/x.dtd">' + _GOOD_BODY

CASES = [
    ("02.docx", b"", "not a Word .docx file"),
    ("02.docx", "بقعة ضوء (٢)\nنص ملصوق في ملف باسم خاطئ".encode(), "not a Word .docx file"),
    ("02.docx", b"PK\x03\x04 this is no zip at all", "damaged zip"),
    ("02.docx", _no_document(), "no word/document.xml"),
    ("02.docx", _with_document(document_xml(_good()).encode()[:-40]), "not well-formed XML"),
    ("02.docx", (DATA / "encrypted-07.docx").read_bytes(), "password-protected"),
    ("02.docx", (DATA / "libreoffice-07.doc").read_bytes(), "Word 97-2003"),
    ("02.doc", (DATA / "libreoffice-07.doc").read_bytes(), "Word 97-2003"),
    ("02.docx", b"{\\rtf1\\ansi Arabic text}", "an RTF file"),
    ("02.docx", _bomb(), "zip bomb"),
    ("02.docx", _with_document(XXE.encode()), "DTD"),
    ("02.docx", _with_document(LAUGHS.encode()), "DTD"),
    ("02.docx", _with_document(EXTERNAL_DTD.encode()), "DTD"),
    ("02.docx", _with_document(DEEP.encode()), "not well-formed XML"),
    ("02.docx", _with_document(UNDECLARED.encode()), "not well-formed XML"),
    ("02.docx", _with_document(OTHER_ROOT.encode()), "not a WordprocessingML document"),
]
IDS = [
    "empty",
    "text-named-docx",
    "damaged-zip",
    "no-document",
    "bad-xml",
    "encrypted",
    "doc-named-docx",
    "doc",
    "rtf",
    "zip-bomb",
    "external-entity",
    "billion-laughs",
    "external-dtd",
    "deep-nesting",
    "undeclared-entity",
    "not-wordprocessingml",
]


@pytest.mark.parametrize(("name", "data", "fragment"), CASES, ids=IDS)
def test_bad_word_file_is_one_clear_error(tmp_path, name, data, fragment):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_part(path, f"parts/{name}", {})
    message = str(exc.value)
    assert message.startswith(f"parts/{name}: ") and fragment in message
    assert "\n" not in message and "root:" not in message  # never /etc/passwd's text


@pytest.mark.parametrize(("name", "data", "fragment"), CASES, ids=IDS)
def test_bad_word_part_fails_the_cli_build_and_writes_nothing(make_book, tmp_path, name, data, fragment):
    good = docx_bytes(_good()).replace("(٢)".encode(), "(١)".encode())
    root = make_book({"01.docx": good, name: data})
    out = tmp_path / "build"
    assert_one_clear_error(build(root, out, "--format", "epub"), f"parts/{name}", fragment)
    assert snapshot(out) == {}


def test_bad_word_part_keeps_the_previous_build(make_book, tmp_path):
    root = make_book({"01.docx": docx_bytes(_good()).replace("(٢)".encode(), "(١)".encode())})
    out = tmp_path / "build"
    assert build(root, out).code == 0
    before = snapshot(out)
    (root / "parts" / "02.docx").write_bytes((DATA / "encrypted-07.docx").read_bytes())
    assert_one_clear_error(build(root, out), "parts/02.docx", "password-protected")
    assert snapshot(out) == before


def test_word_lock_files_are_not_parts(make_book, tmp_path):
    """Word keeps `~$name.docx` beside an open document: not a part."""
    root = make_book({"01.docx": docx_bytes(_good()), "~$01.docx": b"\x05owner\x00" * 20})
    result = build(root, tmp_path / "build")
    assert result.code == 0, result.err
