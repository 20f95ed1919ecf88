"""Assembling the parallel build's documents into one PDF, with pikepdf.

`assemble` takes the typeset front matter, the parts and the sheets
(pdf/documents.py) and makes the book as the one-pass build would have made it:

* pages in order, a blank verso (the blank sheet) before a part that would
  otherwise open on a verso;
* folios: drawn over page n as a pagination artifact (a form XObject), on
  the pages whose document laid a folio out.  `DrawnFolios` draws them
  without typesetting: a probe document (four pages numbered 1023456789,
  1023456790, 1 and 2: every digit, both sides of the spread, two widths)
  shows how the design sets a folio, and each page gets the probe's drawing
  with its own digits' glyphs (from the probe's one font subset, shared by
  every folio of the book) at the place the design gives a number of that
  width.  A design whose folio is more than a number in one run of text
  (an author's `@bottom-center` with words or a border) falls back to
  typeset sheets: the sheet of page n drawn over page n;
* one structure tree: the front matter's, with every part's elements under
  its /Document element; the parent tree renumbered (each page's
  /StructParents and each annotation's /StructParent shifted past the keys
  of the documents before it), RoleMap, ClassMap and IDTree merged;
* named destinations of all documents (a part's win over the contents'
  stand-ins of the same name), so the contents' links reach the headings;
* the outline of the parts and their sections, page labels, the reading
  direction and spreads; document information, XMP metadata (PDF/UA-1 or
  PDF/A-3u identification), language and MarkInfo come from the front
  matter's document;
* saved with a digest-based /ID: the same documents give the same bytes.

A process reads each document once (`OPENED`, by its bytes: the parent
tree, the elements hung under the book's /Document, the destinations and
the outline by page index), and the probe's folios once: the resident
builder's next assembly opens only what an edit typeset again.  The book's
objects are still copied in the order a fresh assembly copies them (qpdf
sorts an object stream's members by their number): the same bytes.

Each part keeps its own font subsets (a font is embedded once per part, not
once per book): the file is larger than the one-pass PDF, the text the same.
WeasyPrint gives every document's subset of a face the same tag
(`ECFSSB+Amiri`): the assembled book renames each subset after its own
program, so that one name means one font program (printers' RIPs take
same-named subsets for one font and substitute glyphs).
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, OutlineItem

from ...model import Meta
from .typeset import page_labels

FOLIO = Name("/WarraqFolio")
FOLIO_CONTENT = b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n/WarraqFolio Do\nEMC\n"
PROBE = 1023456789  # a folio with every digit, on a left page (odd, as the book's page 1)
PROBE_FOLIOS = (PROBE, PROBE + 1, 1, 2)  # the probe document's pages (pdf_parts.probe_css)
# what a folio's drawing may hold besides its one run of text: state, colour, marked content
FOLIO_OPERATORS = frozenset(
    [
        *("q", "Q", "cm", "gs", "w", "J", "j", "M", "d", "ri", "i", "g", "G", "rg", "RG", "k", "K"),
        *("cs", "CS", "sc", "scn", "SC", "SCN", "BT", "ET", "Tf", "Tm", "TJ", "Tj", "BDC", "BMC", "EMC"),
    ]
)


@dataclass
class Piece:
    """A typeset document and where it goes in the book."""

    data: bytes
    first: int  # the book's page number of its first page
    folios: list[int] = field(default_factory=list)  # its 0-based pages that carry a folio
    # ids that stand in for another piece's (an index's places, a note a
    # back-reference names): their links resolve there, so they never take
    # the name from the piece that has the place
    stand_ins: frozenset[str] = frozenset()


def tops(document: pikepdf.Object, elements: list[pikepdf.Object]) -> Iterator[pikepdf.Object]:
    """The elements whose parent is `document`, found going up from `elements`."""
    seen: set[tuple[int, int]] = set()
    for element in elements:
        while isinstance(element, Dictionary) and "/P" in element and element.objgen not in seen:
            seen.add(element.objgen)
            parent = element.P
            if parent.objgen == document.objgen:
                yield element
                break
            element = parent


def number_tree(node: pikepdf.Object) -> Iterator[tuple[int, pikepdf.Object]]:
    """The (key, value) pairs of a number tree (flat /Nums or /Kids)."""
    if "/Nums" in node:
        nums = node.Nums
        for i in range(0, len(nums), 2):
            yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", ()):
        yield from number_tree(kid)


def to_unicode(font: pikepdf.Object) -> dict[int, str]:
    """A font's ToUnicode map (bfchar and bfrange entries), code -> text."""
    if "/ToUnicode" not in font:
        return {}
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    found: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            found[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            start = int.from_bytes(bytes.fromhex(text), "big")
            for i, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                found[code] = (start + i).to_bytes(len(text) // 2, "big").decode("utf-16-be", "replace")
    return found


def cid_widths(font: pikepdf.Object) -> dict[int, float]:
    """The /W widths of a Type0 font's descendant (thousandths of an em)."""
    widths: dict[int, float] = {}
    w = list(font.DescendantFonts[0].get("/W", ()))
    i = 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], Array):
            for j, value in enumerate(w[i + 1]):
                widths[first + j] = float(value)
            i += 2
        else:
            for code in range(first, int(w[i + 1]) + 1):
                widths[code] = float(w[i + 2])
            i += 3
    return widths


@dataclass
class FolioPage:
    """How one probe page draws its folio: its content's operations, which
    of them place (Tm) and show (TJ) the number, the glyphs shown."""

    ops: list
    tm: int
    show: int
    glyphs: list[tuple[int, float]]  # (code, adjustment after it), left to right
    font: pikepdf.Object
    size: float

    @property
    def x(self) -> float:
        return float(self.ops[self.tm][0][4])

    def matrix(self) -> list[float]:
        """The text matrix but for its x: the same on both of a side's pages."""
        operands = [float(v) for v in self.ops[self.tm][0]]
        return operands[:4] + operands[5:]

    def frame(self) -> list:
        """The operations without what differs from one number to another."""
        return [
            ([], op) if i in (self.tm, self.show) else (list(operands), op) for i, (operands, op) in enumerate(self.ops)
        ]


def folio_page(page: pikepdf.Page) -> FolioPage | None:
    """The probe page's drawing, if it is one run of glyphs of a Type0 font
    and nothing but state around it; else None."""
    ops = list(pikepdf.parse_content_stream(page))
    names = [str(op) for _, op in ops]
    if not set(names) <= FOLIO_OPERATORS or names.count("Tm") != 1 or names.count("BT") != 1:
        return None
    shows = [i for i, name in enumerate(names) if name in ("TJ", "Tj")]
    fonts = [operands for operands, op in ops if str(op) == "Tf"]
    if len(shows) != 1 or len(fonts) != 1:
        return None
    tm = names.index("Tm")
    a, b, c, _, _, _ = (float(v) for v in ops[tm][0])
    font = page.obj.Resources.get("/Font", Dictionary()).get(fonts[0][0])
    if a != 1 or b != 0 or c != 0 or font is None or font.get("/Encoding") != Name("/Identity-H"):
        return None
    operand = ops[shows[0]][0][0]
    glyphs: list[tuple[int, float]] = []
    for item in operand if isinstance(operand, Array) else [operand]:
        if isinstance(item, pikepdf.String):
            raw = bytes(item)
            glyphs += [(int.from_bytes(raw[i : i + 2], "big"), 0.0) for i in range(0, len(raw) - 1, 2)]
        elif glyphs:
            glyphs[-1] = (glyphs[-1][0], glyphs[-1][1] + float(item))
        else:
            return None
    return FolioPage(ops, tm, shows[0], glyphs, font, float(fonts[0][1]))


class DrawnFolios:
    """Folios drawn from the probe document (pdf_parts.probe_css), no page
    typeset: `read` is None when the design's folio is not a plain number."""

    def __init__(
        self, probe: pikepdf.Pdf, sides: list[tuple[FolioPage, FolioPage]], digits: dict[str, tuple[int, float]]
    ):
        self.probe = probe
        self.sides = sides  # [left (odd) pages, right (even) pages]: (the long number's, the short one's)
        self.digits = digits  # digit -> (code, adjustment)
        widths = cid_widths(sides[0][0].font)
        size = sides[0][0].size
        self.advance = {d: (widths.get(code, 1000.0) - adj) / 1000 * size for d, (code, adj) in digits.items()}
        # (id of the book, side) -> the probe page's resources copied into the book, its box
        self._resources: dict[tuple[int, int], tuple[pikepdf.Object, pikepdf.Object]] = {}
        self._drawings: dict[int, bytes] = {}  # folio number -> its drawing

    @classmethod
    def read(cls, data: bytes) -> DrawnFolios | None:
        """The probe's folios (read once per process for the same probe)."""
        if data not in _FOLIOS:
            _FOLIOS.clear()  # one probe: a design's
            _FOLIOS[data] = cls._read(data)
        return _FOLIOS[data]

    @classmethod
    def _read(cls, data: bytes) -> DrawnFolios | None:
        probe = pikepdf.open(io.BytesIO(data))
        if len(probe.pages) != len(PROBE_FOLIOS):
            return None
        pages = [folio_page(page) for page in probe.pages]
        if any(p is None for p in pages):
            return None
        digits: dict[str, tuple[int, float]] = {}
        text: dict[str, str] = {}
        for page, number in zip(pages, PROBE_FOLIOS, strict=True):
            unicode = to_unicode(page.font)
            if len(page.glyphs) != len(str(number)) or page.font.objgen != pages[0].font.objgen:
                return None
            for digit, (code, adj) in zip(str(number), page.glyphs, strict=True):
                if digits.setdefault(digit, (code, adj)) != (code, adj):
                    return None
                if text.setdefault(digit, unicode.get(code, "")) != unicode.get(code) or not text[digit]:
                    return None
        sides = [(pages[0], pages[2]), (pages[1], pages[3])]
        for long, short in sides:
            if long.frame() != short.frame() or long.matrix() != short.matrix():
                return None
        folios = cls(probe, sides, digits)
        if any(
            folios.width(str(long_n)) == folios.width(str(short_n)) for long_n, short_n in ((PROBE, 1), (PROBE + 1, 2))
        ):
            return None
        return folios

    def width(self, number: str) -> float:
        return sum(self.advance[d] for d in number)

    def x(self, side: int, number: str) -> float:
        """Where the design puts a number of this width: as it put the
        probe's long and short numbers (centred, or aligned to a side)."""
        long, short = self.sides[side]
        long_n, short_n = str(PROBE_FOLIOS[side]), str(PROBE_FOLIOS[side + 2])
        w_long, w_short = self.width(long_n), self.width(short_n)
        return long.x + (short.x - long.x) * (w_long - self.width(number)) / (w_long - w_short)

    def form(self, pdf: pikepdf.Pdf, number: int) -> pikepdf.Object:
        """A form XObject drawing folio `number` (its page's side of the spread)."""
        side = 0 if number % 2 else 1
        key = (id(pdf), side)  # the book is alive until `release`
        if key not in self._resources:
            source = self.probe.pages[side].obj
            resources = source.Resources if source.Resources.is_indirect else self.probe.make_indirect(source.Resources)
            bbox = Array([float(v) for v in source.MediaBox])
            self._resources[key] = (pdf.copy_foreign(resources), bbox)
        resources, bbox = self._resources[key]
        drawing = self._drawings.get(number)
        if drawing is None:
            drawing = self._drawings[number] = self.drawing(side, number)
        return pdf.make_stream(drawing, Type=Name.XObject, Subtype=Name.Form, BBox=bbox, Resources=resources)

    def release(self, pdf: pikepdf.Pdf) -> None:
        """Forget a book the folios were drawn into (its id may be another's next)."""
        for key in [key for key in self._resources if key[0] == id(pdf)]:
            del self._resources[key]

    def drawing(self, side: int, number: int) -> bytes:
        """The content of folio `number`'s form."""
        page = self.sides[side][0]
        digits = str(number)
        ops = list(page.ops)
        operands = list(ops[page.tm][0])
        operands[4] = round(self.x(side, digits), 6)
        ops[page.tm] = (operands, ops[page.tm][1])
        shown = Array()
        for d in digits:
            code, adj = self.digits[d]
            shown.append(pikepdf.String(code.to_bytes(2, "big")))
            shown.append(int(adj) if adj == int(adj) else adj)
        ops[page.show] = ([shown], pikepdf.Operator("TJ"))
        return pikepdf.unparse_content_stream(ops)


_FOLIOS: dict[bytes, DrawnFolios | None] = {}  # the probe's reading (DrawnFolios.read)


@dataclass
class Opened:
    """A typeset document as the assembly reads it: opened once, and what
    it takes from it worked out once (its parent tree's values made
    indirect, the structure elements whose parent is its /Document, its
    destinations and outline by page index)."""

    pdf: pikepdf.Pdf
    pages: int
    nums: list[tuple[int, pikepdf.Object]]  # the parent tree, its values indirect
    document: pikepdf.Object | None  # its /Document element (None: untagged)
    tops: list[pikepdf.Object]  # the structure elements whose parent is the /Document
    batch: pikepdf.Object | None  # [the parent tree's values ..., the /Document, the tops ...], indirect
    maps: dict[str, pikepdf.Object]  # /RoleMap, /ClassMap, indirect
    ids: list[tuple[str, pikepdf.Object]]  # the /IDTree's values, indirect
    dests: list[tuple[str, int, list]]  # name, page index, the rest of the destination
    outline: list[tuple]  # (title, page index, the rest, closed, children)
    template: pikepdf.Object | None = None  # the blank sheet's page as the book draws it (Assembly._blank_page)

    @classmethod
    def read(cls, data: bytes) -> Opened:
        pdf = pikepdf.open(io.BytesIO(data))
        if "/StructTreeRoot" not in pdf.Root:  # a sheet: pages only
            return cls(pdf, len(pdf.pages), [], None, [], None, {}, [], [], [])
        tree = pdf.Root.StructTreeRoot
        document = tree.K[0] if isinstance(tree.K, Array) else tree.K

        def indirect(value: pikepdf.Object) -> pikepdf.Object:
            # copy_foreign takes indirect objects only
            return value if value.is_indirect else pdf.make_indirect(value)

        pairs = [(key, indirect(value)) for key, value in number_tree(tree.ParentTree)]
        added = [e for _, value in pairs for e in (value if isinstance(value, Array) else [value])]
        kids = list(document.K) if isinstance(document.K, Array) else [document.K]
        top = list(tops(document, [*kids, *added]))
        maps = {name: indirect(tree[name]) for name in ("/RoleMap", "/ClassMap") if name in tree}
        ids = [(key, indirect(value)) for key, value in NameTree(tree.IDTree).items()] if "/IDTree" in tree else []
        index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        dests = []
        names = pdf.Root.get("/Names")
        if names is not None and "/Dests" in names:
            dests = [(name, index[dest[0].objgen], list(dest)[1:]) for name, dest in NameTree(names.Dests).items()]

        def entry(item: OutlineItem) -> tuple:
            dest = item.destination
            children = [entry(child) for child in item.children]
            return (item.title, index[dest[0].objgen], list(dest)[1:], item.is_closed, children)

        with pdf.open_outline() as outline:
            items = [entry(item) for item in outline.root]
        batch = pdf.make_indirect(Array([*(value for _, value in pairs), document, *top]))
        return cls(pdf, len(pdf.pages), pairs, document, top, batch, maps, ids, dests, items)


# The documents of the last assemblies of this process, opened, by their
# bytes (the resident builder: an edit opens and reads the edited part only)
OPENED: dict[bytes, Opened] = {}
RECENT_OPENED: list[set[bytes]] = []
ASSEMBLING = threading.Lock()
KEEP_ASSEMBLIES = 2  # a `warraq build` with the cover assembles two books (the screen PDF, the print interior)


def opened(data: bytes, taken: set[int]) -> Opened:
    """The document of `data`, read once per process; a second document of
    the same bytes in one book gets its own reading (`taken`: the ids of the
    readings this book holds), so that its pages are copied anew."""
    reading = OPENED.get(data)
    if reading is None or id(reading) in taken:
        reading = Opened.read(data)
        OPENED.setdefault(data, reading)
    taken.add(id(reading))
    return reading


def forget_opened(used: set[bytes]) -> None:
    """Keep the readings of this assembly and of the one before."""
    RECENT_OPENED.append(used)
    del RECENT_OPENED[:-KEEP_ASSEMBLIES]
    for data in set(OPENED).difference(*RECENT_OPENED):
        del OPENED[data]


class Assembly:
    """The book being assembled: the front matter's document (its catalog,
    metadata and structure tree are the book's), the parts appended to it."""

    def __init__(
        self, front: bytes, blank: bytes | None, sheets: dict[int, bytes], run: int, folios: DrawnFolios | None = None
    ) -> None:
        self.pdf = pikepdf.open(io.BytesIO(front))
        self.root = self.pdf.Root.StructTreeRoot
        self.document = self.root.K[0] if isinstance(self.root.K, Array) else self.root.K
        self.nums: dict[int, pikepdf.Object] = dict(number_tree(self.root.ParentTree))
        self.dests: dict[str, pikepdf.Object] = {}
        self.outline: list[OutlineItem] = []
        self.run = run
        self.folios = folios
        self.next_key = max(self.nums, default=-1) + 1  # the parent tree's next key
        self.count = len(self.pdf.pages)  # the book's pages so far (pikepdf counts them slowly)
        self.used: set[bytes] = set()  # the documents read (OPENED)
        self.taken: set[int] = set()
        self.sheets = {start: pikepdf.open(io.BytesIO(data)) for start, data in sheets.items()}
        self._blank = self._blank_page(blank) if blank is not None else None
        self._push = self.pdf.make_stream(b"q\n")
        self._folio = self.pdf.make_stream(FOLIO_CONTENT)
        names = self.pdf.Root.get("/Names")
        if names is not None and "/Dests" in names:
            self.dests.update((name, Array(list(dest))) for name, dest in NameTree(names.Dests).items())

    # ------------------------------------------------------------------ pages

    def _blank_page(self, data: bytes) -> Dictionary:
        """The blank sheet's page, its drawing (crop marks, if any) an artifact."""
        self.used.add(data)
        reading = opened(data, self.taken)
        if reading.template is None:
            reading.template = self._blank_template(reading.pdf)
        return self.pdf.copy_foreign(reading.template)

    @staticmethod
    def _blank_template(source: pikepdf.Pdf) -> pikepdf.Object:
        page = source.pages[0]
        content = b"/Artifact BMC\nq\n" + page.obj.Contents.read_bytes() + b"\nQ\nEMC\n"
        template = Dictionary(
            Type=Name.Page,
            MediaBox=page.obj.MediaBox,
            Contents=source.make_stream(content),
            Resources=page.obj.Resources,
        )
        for box in ("/TrimBox", "/BleedBox"):
            if box in page.obj:
                template[box] = page.obj[box]
        return source.make_indirect(template)

    def blank(self) -> None:
        if self._blank is None:
            raise ValueError("a blank verso is needed but no blank sheet was typeset")
        page = Dictionary({key: value for key, value in self._blank.items()})
        self.pdf.pages.append(pikepdf.Page(self.pdf.make_indirect(page)))
        self.count += 1

    def add_folio(self, page: pikepdf.Page, number: int) -> None:
        """Draw the folio of page `number` over the page, as an artifact:
        drawn from the probe, or the sheet of page `number`."""
        if self.folios is not None:
            form = self.folios.form(self.pdf, number)
        else:
            start = (number - 1) // self.run * self.run + 1
            sheet = self.sheets[start].pages[number - start]
            form = self.pdf.copy_foreign(sheet.as_form_xobject())
        resources = Dictionary({key: value for key, value in page.obj.Resources.items()})
        xobjects = resources.get("/XObject", Dictionary())
        resources.XObject = Dictionary({key: value for key, value in xobjects.items()})
        resources.XObject[FOLIO] = form
        page.obj.Resources = resources
        contents = page.obj.Contents
        old = list(contents) if isinstance(contents, Array) else [contents]
        page.obj.Contents = Array([self._push, *old, self._folio])

    # ------------------------------------------------------------------ documents

    def add(self, piece: Piece) -> None:
        """Append a typeset part: its pages, structure, destinations, outline."""
        while self.count + 1 < piece.first:
            self.blank()
        self.used.add(piece.data)
        source = opened(piece.data, self.taken)
        start = self.count
        for page in source.pdf.pages:
            self.pdf.pages.append(page)
        self.count += source.pages
        pages = [self.pdf.pages[start + i] for i in range(source.pages)]
        self._take_structure(source, pages)
        self._take_dests(source, pages, piece.stand_ins)
        self._take_outline(source, pages)
        for i in piece.folios:
            self.add_folio(pages[i], piece.first + i)

    def _take_structure(self, source: Opened, pages: list[pikepdf.Page]) -> None:
        """Hang the document's structure elements under the book's /Document
        element and its parent tree after the book's, keys shifted."""
        # copied in one go (one call to qpdf), in the order the one-by-one
        # copies numbered the book's objects (qpdf sorts an object stream's
        # members by their number): the values, then the document
        offset = self.next_key
        copied = self.pdf.copy_foreign(source.batch) if source.batch is not None else Array()
        for i, (key, _) in enumerate(source.nums):
            self.nums[key + offset] = copied[i]
        if source.nums:
            self.next_key = max(self.next_key, max(key for key, _ in source.nums) + offset + 1)
        for page in pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", ()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        # the document's top elements: its /Document's kids, and the elements
        # WeasyPrint leaves out of the tree (running heads) whose parent it is
        if source.document is None:
            return
        count = len(source.nums)
        copied_document = copied[count]
        kids = copied_document.K if isinstance(copied_document.K, Array) else Array([copied_document.K])
        for kid in kids:
            self.document.K.append(kid)
        for i in range(count + 1, count + 1 + len(source.tops)):
            copied[i].P = self.document
        for name, value in source.maps.items():
            merged = self.root.get(name, Dictionary())
            for key, item in self.pdf.copy_foreign(value).items():
                if key not in merged:
                    merged[key] = item
            self.root[name] = merged
        if source.ids:
            ids = NameTree(self.root.IDTree) if "/IDTree" in self.root else NameTree.new(self.pdf)
            for key, value in source.ids:
                ids[key] = self.pdf.copy_foreign(value)
            self.root.IDTree = ids.obj

    def _take_dests(self, source: Opened, pages: list[pikepdf.Page], stand_ins: frozenset[str] = frozenset()) -> None:
        for name, index, rest in source.dests:
            if name in stand_ins and name in self.dests:
                continue  # the place itself is in a piece before this one
            self.dests[name] = Array([pages[index].obj, *rest])

    def _take_outline(self, source: Opened, pages: list[pikepdf.Page]) -> None:
        def copy(entry: tuple) -> OutlineItem:
            title, index, rest, closed, children = entry
            new = OutlineItem(title, Array([pages[index].obj, *rest]))
            new.is_closed = closed
            new.children.extend(copy(child) for child in children)
            return new

        self.outline.extend(copy(entry) for entry in source.outline)

    # ------------------------------------------------------------------ the book

    def finish(self, meta: Meta) -> bytes:
        pdf = self.pdf
        # flat trees, built in one go (one node each: as WeasyPrint writes them)
        nums = [item for key in sorted(self.nums) for item in (key, self.nums[key])]
        self.root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
        self.root.ParentTreeNextKey = self.next_key
        if self.dests:
            names = [item for name in sorted(self.dests) for item in (pikepdf.String(name), self.dests[name])]
            if "/Names" not in pdf.Root:
                pdf.Root.Names = Dictionary()
            pdf.Root.Names.Dests = pdf.make_indirect(Dictionary(Names=Array(names)))
        with pdf.open_outline() as outline:
            outline.root.clear()
            outline.root.extend(self.outline)
        labels = []
        for index, label in page_labels(len(pdf.pages), meta.digits):
            entry = {f"/{k}": pikepdf.String(v) if k == "P" else Name(v) for k, v in label.items()}
            labels += [index, Dictionary(entry)]
        pdf.Root.PageLabels = Dictionary(Nums=Array(labels))
        prefs = pdf.Root.get("/ViewerPreferences", Dictionary())
        prefs.DisplayDocTitle = True
        prefs.Direction = Name.R2L if meta.direction == "rtl" else Name.L2R
        pdf.Root.ViewerPreferences = prefs
        pdf.Root.PageLayout = Name.TwoPageRight
        if meta.date:
            set_date(pdf, meta.date)
        unique_subset_names(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            force_version=pdf.pdf_version,
            fix_metadata_version=False,  # WeasyPrint's XMP as it wrote it
        )
        return out.getvalue()


def set_date(pdf: pikepdf.Pdf, date: str) -> None:
    """The book's date, as WeasyPrint writes it from `dcterms.created` and
    `dcterms.modified`: the information dictionary and the XMP.  The pieces
    are typeset without it, so that a save that changes only the date
    typesets nothing again."""
    try:
        stamp = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return  # not a date: book.toml's check says so (config.py)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    try:
        stamp = stamp.astimezone(UTC)
    except OverflowError:
        return  # beyond the year 9999 in UTC: book.toml's check says so (config.py)
    pdf.docinfo[Name.CreationDate] = pdf.docinfo[Name.ModDate] = stamp.strftime("D:%Y%m%d%H%M%SZ")
    if "/Metadata" not in pdf.Root:
        return
    xmp = pdf.Root.Metadata.read_bytes()
    value = escape(date)
    dates = "".join(
        f'<rdf:Description rdf:about=""><xmp:{tag}>{value}</xmp:{tag}></rdf:Description>'
        for tag in ("CreateDate", "ModifyDate")
    )  # as WeasyPrint writes them, after xmp:CreatorTool (the same XMP as a one-pass book's)
    if b"xmlns:xmp=" in xmp and b"</rdf:RDF>" in xmp:
        # a PDF/X piece typeset without a date carries WeasyPrint's "now" in
        # its dates: those give way to the book's
        xmp = _XMP_DATES.sub(b"", xmp)
        xmp = _XMP_METADATA_DATE.sub(b"<xmp:MetadataDate>" + value.encode("utf-8") + b"</xmp:MetadataDate>", xmp)
        pdf.Root.Metadata.write(xmp.replace(b"</rdf:RDF>", dates.encode("utf-8") + b"</rdf:RDF>", 1))


_XMP_DATES = re.compile(rb'<rdf:Description rdf:about=""><xmp:(CreateDate|ModifyDate)>[^<]*</xmp:\1></rdf:Description>')
_XMP_METADATA_DATE = re.compile(rb"<xmp:MetadataDate>[^<]*</xmp:MetadataDate>")


def assemble(
    front: Piece,
    parts: list[Piece],
    sheets: dict[int, bytes],
    blank: bytes | None,
    run: int,
    meta: Meta,
    folios: DrawnFolios | None = None,
    even: bool = False,
) -> bytes:
    """The book: the front matter, then each part at its first page; the
    folios drawn from the probe (`folios`), else from the sheets.  `even`
    (the printer's interior): a closing blank page when the count is odd,
    as a printed book's leaves have two pages each."""
    with ASSEMBLING:  # the documents read once (OPENED) are read by one assembly at a time
        book = Assembly(front.data, blank, sheets, run, folios)
        try:
            for i in front.folios:
                book.add_folio(book.pdf.pages[i], front.first + i)
            for part in parts:
                book.add(part)
            if even and book.count % 2:
                book.blank()
            data = book.finish(meta)
        finally:
            if folios is not None:
                folios.release(book.pdf)
        forget_opened(book.used)
        return data


def _font_program(descriptor: pikepdf.Object) -> pikepdf.Object | None:
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if key in descriptor:
            return descriptor[key]
    return None


def subset_tag(program: bytes) -> str:
    """Six capital letters from the font program's digest (PDF 32000 9.6.4)."""
    number = int.from_bytes(hashlib.sha256(program).digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, rest = divmod(number, 26)
        letters.append(chr(ord("A") + rest))
    return "".join(letters)


def _fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every font dictionary of the pages and of their form XObjects."""
    seen: set[tuple[int, int]] = set()
    stack = [page.obj.get("/Resources") for page in pdf.pages]
    while stack:
        resources = stack.pop()
        if resources is None:
            continue
        for font in (resources.get("/Font") or Dictionary()).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font
        for xobject in (resources.get("/XObject") or Dictionary()).values():
            if xobject.objgen not in seen and xobject.get("/Subtype") == Name.Form:
                seen.add(xobject.objgen)
                stack.append(xobject.get("/Resources"))


def unique_subset_names(pdf: pikepdf.Pdf) -> None:
    """Name each embedded subset `TAG+Face` after its own program: the
    same name for the same program, another for another."""
    for font in _fonts(pdf):
        descendants = list(font.get("/DescendantFonts", ()))
        for cid_font in descendants or [font]:
            descriptor = cid_font.get("/FontDescriptor")
            program = _font_program(descriptor) if descriptor is not None else None
            name = str(cid_font.get("/BaseFont", ""))
            if program is None or "+" not in name:
                continue
            renamed = Name("/" + subset_tag(program.read_raw_bytes()) + "+" + name.split("+", 1)[1])
            cid_font.BaseFont = renamed
            descriptor.FontName = renamed
            if descendants:
                font.BaseFont = renamed
