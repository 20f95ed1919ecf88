"""The printer's PDF: PDF/X-4 (or PDF/X-1a) with a CMYK output intent and
no RGB colour, for the interior (`--profile print`) and the cover.

WeasyPrint 70 writes the PDF/X identification (pdf/x-4: the XMP's
pdfxid:GTS_PDFXVersion, /Trapped; pdf/x-1a: also the Info dictionary's
GTS_PDFXVersion) and, when the stylesheet declares
`@color-profile device-cmyk`, an /OutputIntents entry (/GTS_PDFX) holding
that ICC profile.  It still sets every CSS colour given in RGB (black text,
the notes' rule, crop marks) with RGB operators, which PDF/X refuses with a
CMYK output intent; `press` rewrites them as grey (`g`, `G`: black text is
pure black, K only) or, for a hue, as CMYK (`k`, `K`), in every page and
form XObject.  The output intent is checked to hold in the assembled file
(the parallel build keeps the front matter's catalog), with one copy of the
profile; link annotations, which PDF/X admits only outside the bleed box,
are removed.

The default profile is Ghostscript's "Artifex CMYK SWOP Profile"
(/usr/share/color/icc/ghostscript/default_cmyk.icc, Debian's libgs-common,
AGPL-3+: free to redistribute), a US web-offset coated characterisation as
KDP and IngramSpark print to; `[print] icc_profile` names another (the
printer's own).
"""

from __future__ import annotations

import io
import re
import uuid
from pathlib import Path

import pikepdf
from pikepdf import Name, Operator

from ...config import PrintSettings
from ...errors import BuildError
from ...i18n import msg

DEFAULT_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
DEFAULT_ICC_PACKAGE = "libgs-common"

_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")
_GREY = {b"rg": Operator("g"), b"RG": Operator("G")}
_CMYK = {b"rg": Operator("k"), b"RG": Operator("K")}


def icc_profile(settings: PrintSettings) -> Path:
    """The output intent's CMYK profile: book.toml's, else the default."""
    path = settings.icc_profile or DEFAULT_ICC
    if not path.is_file():
        raise BuildError(
            msg(
                "the CMYK profile for print is missing: {file} (install {package}: {install}, or set {key})",
                file=str(path),
                package=DEFAULT_ICC_PACKAGE,
                install="scripts/system-deps book",
                key="[print] icc_profile",
            )
        )
    return path


def color_profile_css(settings: PrintSettings) -> str:
    """The @color-profile rule that makes WeasyPrint write the output intent."""
    url = icc_profile(settings).as_uri()
    return f'@color-profile device-cmyk {{ src: url("{url}"); components: c, m, y, k; }}\n'


def rgb_to_press(r: float, g: float, b: float) -> tuple[str, tuple[float, ...]]:
    """An RGB colour as the printer's: grey when neutral (black is K only), else CMYK."""
    if abs(r - g) < 1e-3 and abs(g - b) < 1e-3:
        return "gray", (round(r, 4),)
    k = 1 - max(r, g, b)
    if k >= 1:
        return "cmyk", (0.0, 0.0, 0.0, 1.0)
    c, m, y = ((1 - x - k) / (1 - k) for x in (r, g, b))
    return "cmyk", tuple(round(v, 4) for v in (c, m, y, k))


def _rewrite(stream: pikepdf.Object) -> bool:
    """Rewrite a content stream's RGB operators; True when it changed."""
    instructions = pikepdf.parse_content_stream(stream)
    changed = False
    out = []
    for operands, operator in instructions:
        op = bytes(operator)
        if op in _GREY and len(operands) == 3:
            space, values = rgb_to_press(*(float(v) for v in operands))
            operator = (_GREY if space == "gray" else _CMYK)[op]
            operands = list(values)
            changed = True
        out.append((operands, operator))
    if changed:
        stream.write(pikepdf.unparse_content_stream(out))
    return changed


def _forms(resources: pikepdf.Object, seen: set) -> list[pikepdf.Object]:
    found = []
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.objgen in seen or xobject.get("/Subtype") != Name.Form:
            continue
        seen.add(xobject.objgen)
        found.append(xobject)
        found += _forms(xobject.get("/Resources") or pikepdf.Dictionary(), seen)
    return found


def _one_profile(pdf: pikepdf.Pdf, icc: bytes) -> None:
    """Every CMYK ICC profile of the file (the output intent's, each typeset
    document's colour space) one stream holding the profile file's bytes.
    WeasyPrint writes the profile as LittleCMS serialises it, which differs
    once its description has been read in the process (the same build could
    give other bytes), and the parallel build holds a copy per part."""
    profile = pdf.make_stream(icc)
    profile.N = 4

    def swap(obj: pikepdf.Object, depth: int = 0) -> None:
        if depth > 3:
            return
        values = obj.values() if isinstance(obj, pikepdf.Dictionary) else obj if isinstance(obj, pikepdf.Array) else ()
        for value in values:
            if (
                isinstance(value, pikepdf.Array)
                and len(value) == 2
                and value[0] == Name.ICCBased
                and int(value[1].get("/N", 0)) == 4
            ):
                value[1] = profile
            elif isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
                swap(value, depth + 1)

    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and not isinstance(obj, pikepdf.Stream):
            swap(obj)
        elif isinstance(obj, pikepdf.Stream) and "/Resources" in obj:
            swap(obj.Resources)
    for intent in pdf.Root.OutputIntents:
        intent.DestOutputProfile = profile


def _drop_links(pdf: pikepdf.Pdf) -> None:
    """Remove the link annotations (PDF/X admits no annotation inside the
    bleed box but printer's marks; links mean nothing on paper), and their
    object references in the structure tree and its parent tree."""
    gone: set[tuple[int, int]] = set()
    keys: set[int] = set()
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        kept = [a for a in annots if a.get("/Subtype") != Name.Link]
        for a in annots:
            if a.get("/Subtype") == Name.Link:
                gone.add(a.objgen)
                if "/StructParent" in a:
                    keys.add(int(a.StructParent))
        if kept:
            page.obj.Annots = pikepdf.Array(kept)
        else:
            del page.obj["/Annots"]
    tree = pdf.Root.get("/StructTreeRoot")
    if not gone or tree is None:
        return
    stack, seen = [tree], set()
    while stack:
        element = stack.pop()
        if element.is_indirect:
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            element.K = pikepdf.Array([k for k in kids if not _is_gone_ref(k, gone)])
            stack += [k for k in element.K if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        elif isinstance(kids, pikepdf.Dictionary):
            if _is_gone_ref(kids, gone):
                del element["/K"]
            elif "/S" in kids:
                stack.append(kids)
    nodes = [tree.get("/ParentTree")]
    while nodes:
        node = nodes.pop()
        if node is None:
            continue
        if "/Nums" in node:
            nums = node.Nums
            node.Nums = pikepdf.Array(
                [v for i in range(0, len(nums), 2) if int(nums[i]) not in keys for v in (nums[i], nums[i + 1])]
            )
        nodes += list(node.get("/Kids", ()))


def _is_gone_ref(kid: pikepdf.Object, gone: set) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == Name.OBJR and kid.Obj.objgen in gone


def press(data: bytes, identifier: str, icc: Path) -> bytes:
    """The PDF with RGB colour operators rewritten for the press; its
    output intent must be there (BuildError otherwise) and holds `icc`, the
    one CMYK profile of the file.  WeasyPrint's XMP DocumentID of PDF/X-4
    is a random UUID: it becomes one derived from the book's `identifier`,
    the same on every build (as XMP means it: the document's, not the
    version's)."""
    pdf = pikepdf.open(io.BytesIO(data))
    if "/OutputIntents" not in pdf.Root:
        raise BuildError(msg("the print PDF has no output intent (is the CMYK profile readable?)"))
    _one_profile(pdf, icc.read_bytes())
    _drop_links(pdf)
    if "/Metadata" in pdf.Root:
        xmp = pdf.Root.Metadata.read_bytes()
        stable = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, identifier)}".encode()
        pdf.Root.Metadata.write(_DOCUMENT_ID.sub(stable, xmp))
    seen: set = set()
    for page in pdf.pages:
        contents = page.obj.Contents
        for stream in list(contents) if isinstance(contents, pikepdf.Array) else [contents]:
            if stream.objgen not in seen:
                seen.add(stream.objgen)
                _rewrite(stream)
        for form in _forms(page.obj.get("/Resources") or pikepdf.Dictionary(), seen):
            _rewrite(form)
    # the file identifier anew from the content: WeasyPrint's first one is
    # a digest of its output, random DocumentID included
    if "/ID" in pdf.trailer:
        del pdf.trailer.ID
    # PDF/X-1a is PDF 1.4: no object streams
    modern = tuple(int(n) for n in pdf.pdf_version.split(".")) >= (1, 5)
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate if modern else pikepdf.ObjectStreamMode.disable,
        force_version=pdf.pdf_version,
        fix_metadata_version=False,
    )
    return out.getvalue()
