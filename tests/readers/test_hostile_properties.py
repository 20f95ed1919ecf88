"""Property tests of the readers on hostile text (issue 11): whatever the
bytes, a reader returns a part or raises a WarraqError (one clear line), and
a part it returns holds no character XML forbids and no runaway number."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warraq.config import MAX_PART_NUMBER
from warraq.errors import WarraqError
from warraq.model import Quotation, block_text, plain_text
from warraq.readers import READERS
from warraq.readers.decode import decode_lines
from warraq.text.xmlchars import FORBIDDEN

PIECES = [
    "سلسلة",
    "الحلقة",
    " ",
    "\n",
    "\n\n",
    "(",
    ")",
    "[",
    "]",
    "١٢",
    "20240115",
    "9" * 30,
    "²",
    "﴿",
    "﴾",
    "{",
    "}",
    "«",
    "»",
    "الآية",
    "،",
    ":",
    "البقرة",
    "*",
    "**",
    ">",
    "- ",
    "  ",
    "#",
    "---",
    "***",
    "•••",
    "⁂",
    "ـــ",
    "[^1]",
    "[^1]: ",
    "&#12;",
    "&amp;",
    "`",
    "```",
    "\x0c",
    "\ufffe",
    "\x01",
    "\t",
    "\r",
    "number: ",
    "title: ",
    "ط³ط·",
]
TEXTS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join)


def _check_part(part) -> None:
    assert 0 <= part.number <= MAX_PART_NUMBER
    texts = [plain_text(part.title)] + [block_text(b) for b in part.blocks]
    texts += [plain_text(p.inlines) for b in part.blocks if isinstance(b, Quotation) for p in b.paragraphs]
    texts += [plain_text(n.inlines) for n in part.notes]
    for text in texts:
        assert not FORBIDDEN.search(text), repr(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([".txt", ".md"]), st.sampled_from(["01-x", "x", "20240115-x"]))
def test_a_reader_returns_a_clean_part_or_one_clear_error(text, suffix, stem):
    name = stem + suffix
    try:
        decoded, _, _ = decode_lines(text.encode("utf-8"), name)
        part = READERS[suffix](decoded, name, {}, ())
    except WarraqError as exc:
        assert str(exc) and "\n" not in exc.message
        return
    _check_part(part)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["cp1256", "utf-8"]))
def test_decode_gives_text_or_one_clear_error(noise, encoding):
    data = "سلسلة (1)\nنص عربي\n".encode(encoding) + noise
    try:
        text, _, repairs = decode_lines(data, "f.txt")
    except WarraqError:
        return
    assert not FORBIDDEN.search(text)
    assert all(line >= 1 for line, _ in repairs)
