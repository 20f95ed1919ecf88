"""The reader's state while it reads one part, shared by its rooms.

`ReaderState` owns what every room reads or adds to: the package and the
document's tags and styles, the paragraph being read (positions are
paragraph numbers, `file:¶N`), the findings, and the counts the part's
summary findings report (tracked changes, hidden runs, comments,
left-to-right Arabic paragraphs, superscripts, tables left out).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from ...i18n import Msg
from ...model import Finding, Provenance
from .package import Package
from .styles import StyleSheet
from .wordml import Tags

if TYPE_CHECKING:
    from .runs import Format

KIND = "docx"
UNIT = "¶"


class ReaderState:
    t: Tags  # the document's tags (its namespace is known once document.xml is parsed)
    kinds: dict[str, str]  # what a run's container is: "inside", "inserted", "deleted", "sdt", "alternate", "math"
    sheet: StyleSheet
    notes: dict[str, dict[str, etree._Element]]  # "fn"/"en" -> the note's id -> w:footnote/w:endnote

    def __init__(self, package: Package, file: str, sign_offs: tuple[str, ...]):
        self.package = package
        self.file = file
        self.sign_offs = sign_offs
        self.findings: list[Finding] = []
        self.changes = 0
        self.comments = 0  # the comments of comments.xml
        self.comment_calls = 0  # their marks in the text (a comment is counted once, not at both)
        self.fields: list[str] = []  # complex fields open: "instr" until separate, then "result"
        self.number = 0  # the paragraph being read
        self.superscripts: list[tuple[int, str]] = []
        self.formats: dict[tuple[tuple, int], Format] = {}
        self.custom_mark = False  # a note call's own mark follows (w:customMarkFollows)
        self.hidden = 0  # runs of hidden text (w:vanish) left out
        self.first_hidden = 0
        self.first_change = 0  # the paragraph of the first tracked change
        self.first_comment = 0
        self.left_to_right = 0  # Arabic paragraphs Word sets left to right (no w:bidi)
        self.first_ltr = 0
        self.tables: list[tuple[int, int, int]] = []  # (paragraph, rows, columns) of the tables read
        # pictures of the paragraph being read: (the package entry, its description)
        self.pictures: list[tuple[str, str]] = []
        self.in_body = False  # reading a body paragraph (not a note's): its pictures are figures
        self.media: dict[str, str] = {}  # the document's relationship ids -> package entries
        self.numbering: dict[str, dict[int, tuple[str, int]]] = {}  # numId -> level -> (numFmt, start)
        self.open_fields: set = set()  # fldChar begins left open in the paragraph being read (runs.py)

    def count_change(self) -> None:
        self.changes += 1
        self.first_change = self.first_change or self.number

    def find(self, rule: str, message: Msg, level: str = "warning", data: dict | None = None) -> None:
        prov = Provenance(self.file, self.number, unit=UNIT) if self.number else None
        self.findings.append(Finding(KIND, rule, message, prov, level, data or {}))
