"""Where a Word part first appeared, from the file's own properties.

* the venue: the core property *Category* (`cp:category` in
  docProps/core.xml; Word: File > Info > Properties > Category);
* the date: Word's *Publish Date* document property (the cover page
  properties part, `customXml/item*.xml`, namespace coverPageProps,
  `PublishDate`; Word: Insert > Quick Parts > Document Property > Publish
  Date), a date or a date and time, of which the date is kept.

`dcterms:created` is not taken: it is when the file was made (a pasted
article is saved long after it was printed), not when it was published.
Pure: given the archive, no I/O of its own; what is absent or not a date
gives "" (the part's first publication is optional).
"""

from __future__ import annotations

import re
import zipfile

from lxml import etree

CORE = "docProps/core.xml"
CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
COVER_NS = "http://schemas.microsoft.com/office/2006/coverPageProps"
MAX_PART = 1 << 20  # a properties part larger than this is not read
_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?\s*$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _read(archive: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        info = archive.getinfo(name)
        if info.file_size > MAX_PART:
            return None
        return etree.fromstring(archive.read(info), _PARSER)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError):
        return None


def first_publication(archive: zipfile.ZipFile) -> dict[str, str]:
    """{"venue": …, "published": "YYYY-MM-DD"}, each only when the file has it."""
    found: dict[str, str] = {}
    core = _read(archive, CORE)
    if core is not None:
        category = core.findtext(f"{{{CORE_NS}}}category")
        if category and category.strip():
            found["venue"] = " ".join(category.split())
    for name in sorted(n for n in archive.namelist() if re.fullmatch(r"customXml/item\d+\.xml", n)):
        root = _read(archive, name)
        if root is None or etree.QName(root).namespace != COVER_NS:
            continue
        date = _DATE.match(root.findtext(f"{{{COVER_NS}}}PublishDate") or "")
        if date:
            found["published"] = date[1]
        break
    return found
