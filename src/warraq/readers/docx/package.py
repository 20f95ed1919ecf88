"""The OOXML package layer: a .docx as a zip of XML parts, read with bounds.

It owns what comes before WordprocessingML: telling a .docx from what is not
one (an old .doc, an encrypted file, RTF) with one clear line; the limits that
stop a zip bomb (the file, the number of entries, each part and all parts
expanded); the hardened XML parser (no entity resolved, no DTD loaded, no
network touched; a part declaring a DTD is refused); and the relationships
(`_rels/*.rels`) that name a part's neighbours by type.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import PurePosixPath

from lxml import etree

from ...errors import InputError
from ...i18n import N_, msg, nmsg

# limits: a .docx of articles is a few hundred kB; its XML a few MB
MAX_FILE = 100 * 2**20  # the .docx itself (images may make it large)
MAX_ENTRIES = 5000
MAX_XML = 64 * 2**20  # one XML part, expanded
MAX_EXPANDED = 128 * 2**20  # all the parts read, expanded
MAX_DECLARED = 1024 * 2**20  # all entries as the zip declares them (images included)

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK"

REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = ("/officeDocument",)

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def _sniff(data: bytes, file: str) -> None:
    """One clear line for what is not a .docx package."""
    if data.startswith(OLE_SIGNATURE):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError(
                msg("password-protected (encrypted) Word file: remove the password in Word and save it again"), file
            )
        raise InputError(
            msg(
                "a {format} document ({old}, an OLE compound file): "
                "open it in Word or LibreOffice and save it as {new}",
                format="Word 97-2003",
                old=".doc",
                new=".docx",
            ),
            file,
        )
    if data.lstrip()[:5] == b"{\\rtf":
        raise InputError(
            msg("an RTF file, not a {new}: open it in Word or LibreOffice and save it as {new}", new=".docx"), file
        )
    if not data.startswith(ZIP_SIGNATURE):
        raise InputError(msg("not a Word {suffix} file (not a zip package)", suffix=".docx"), file)


class Package:
    """The entries of the zip, read with bounds."""

    def __init__(self, zf: zipfile.ZipFile, file: str):
        self.zf = zf
        self.file = file
        self.names = {info.filename for info in zf.infolist()}
        self.expanded = 0

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        try:
            with self.zf.open(name) as fh:
                data = fh.read(MAX_XML + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise InputError(
                msg("damaged Word file: cannot read {entry} ({reason})", entry=name, reason=_one_line(exc)), self.file
            ) from None
        except RuntimeError:  # an encrypted zip entry
            raise InputError(
                msg("damaged or encrypted Word file: cannot read {entry}", entry=name), self.file
            ) from None
        if len(data) > MAX_XML:
            raise InputError(
                msg("{entry} expands past {limit} MB (a zip bomb?): refused", entry=name, limit=MAX_XML // 2**20),
                self.file,
            )
        self.expanded += len(data)
        if self.expanded > MAX_EXPANDED:
            raise InputError(
                msg("the Word file expands past {limit} MB (a zip bomb?): refused", limit=MAX_EXPANDED // 2**20),
                self.file,
            )
        return data

    def xml(self, name: str) -> etree._Element:
        data = self.read(name)
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            why = re.sub(r",? line \d+, column \d+.*$", "", _one_line(exc))
            raise InputError(
                msg("{entry} is not well-formed XML (line {line}: {reason})", entry=name, line=exc.lineno, reason=why),
                self.file,
            ) from None
        doc = root.getroottree().docinfo
        if doc.doctype or doc.internalDTD is not None or doc.externalDTD is not None:
            raise InputError(
                msg("{entry} declares a DTD or entities, which a Word file never does: refused", entry=name), self.file
            )
        return root


def _one_line(exc: BaseException) -> str:
    """A library's reason on one line: in the interface's language when
    warraq knows it (zipfile's, zlib's, libxml2's commonest), else as the
    library says it (a parameter: isolated in an Arabic sentence)."""
    text = " ".join(str(exc).split())[:200]
    for start, reason in LIBRARY_REASONS:
        if text.startswith(start):
            return msg(reason)
    return text


# what zipfile, zlib and libxml2 say of a damaged file, translated by its first words
LIBRARY_REASONS = (
    ("File is not a zip file", N_("not a zip file")),
    ("Bad magic number", N_("the zip's directory is damaged")),
    ("Truncated file header", N_("the file is cut short")),
    ("Bad CRC-32", N_("an entry's checksum is wrong: the file is damaged")),
    ("Error -3 while decompressing", N_("an entry cannot be decompressed: the file is damaged")),
    ("Premature end of data", N_("the XML ends before its elements are closed")),
    ("Opening and ending tag mismatch", N_("an element is closed by the wrong tag")),
    ("Extra content at the end of the document", N_("there is more after the document's last element")),
    ("StartTag: invalid element name", N_("a tag with a name XML does not allow")),
    ("Start tag expected", N_("the XML has no element where one must start")),
    # what the fuzzer of bench/fuzz_inputs.py met besides
    ("Excessive depth in document", N_("elements nested more than 256 deep")),
    ("xmlParseCharRef: invalid xmlChar value", N_("a character reference to a character XML does not allow")),
    ("PCDATA invalid Char value", N_("a character XML does not allow")),
    ("Char 0x", N_("a character XML does not allow")),
    ("Invalid bytes in character encoding", N_("bytes that are not text in the declared encoding")),
    ("Input is not proper UTF-8", N_("bytes that are not text in the declared encoding")),
    ("Document is empty", N_("the entry is empty")),
    ("Unsupported encoding", N_("an encoding XML readers do not know")),
    ("Attribute ", N_("an attribute given twice or malformed")),
    ("AttValue:", N_("an attribute given twice or malformed")),
    ("Couldn't find end of Start Tag", N_("a tag that is not closed")),
    ("Namespace prefix", N_("a namespace prefix that is not declared")),
)


def open_package(data: bytes, file: str) -> Package:
    if len(data) > MAX_FILE:
        raise InputError(
            msg(
                "Word file is {size} MB; the limit is {limit} MB", size=round(len(data) / 1e6), limit=MAX_FILE // 2**20
            ),
            file,
        )
    _sniff(data, file)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise InputError(
            msg("not a Word {suffix} file (damaged zip: {reason})", suffix=".docx", reason=_one_line(exc)), file
        ) from None
    if len(infos) > MAX_ENTRIES:
        raise InputError(
            nmsg(
                "the zip holds {n} entry (limit {limit}): refused",
                "the zip holds {n} entries (limit {limit}): refused",
                n=len(infos),
                limit=MAX_ENTRIES,
            ),
            file,
        )
    declared = sum(max(info.file_size, 0) for info in infos)
    if declared > MAX_DECLARED:
        raise InputError(
            msg("the zip declares {size} MB expanded (a zip bomb?): refused", size=round(declared / 1e6)), file
        )
    return Package(zf, file)


def relationships(package: Package, source: str) -> dict[str, tuple[str, str]]:
    """Relationships of a part: id -> (type, target path in the package)."""
    folder = PurePosixPath(source).parent
    rels_name = str(folder / "_rels" / (PurePosixPath(source).name + ".rels")) if source else "_rels/.rels"
    if not package.has(rels_name):
        return {}
    out: dict[str, tuple[str, str]] = {}
    for rel in package.xml(rels_name):
        if rel.tag != f"{{{REL}}}Relationship" or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else _join(folder, target)
        out[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return out


def _join(folder: PurePosixPath, target: str) -> str:
    parts: list[str] = [p for p in str(folder).split("/") if p and p != "."]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)
