"""ISBN-13: parsing and the check digit (ISO 2108).  Pure functions.

An ISBN-13 is 13 digits, the last a check digit: the digits are weighted
1, 3, 1, 3 ... from the left, and the check digit brings the weighted sum
to a multiple of 10 (the EAN-13 rule: an ISBN-13 is an EAN-13 of the
"Bookland" prefixes 978 and 979).  Hyphens and spaces between the digits
(`978-0-306-40615-7`) are the author's grouping and kept for display: the
registration groups' ranges are not known here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import Msg, msg

PREFIXES = ("978", "979")
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]")


class IsbnError(ValueError):
    """The text is not a valid ISBN-13 (the message, a Msg, says why)."""

    @property
    def message(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Isbn:
    digits: str  # the 13 digits
    display: str  # as the author grouped them ("978-0-306-40615-7"), else the digits

    def __str__(self) -> str:
        return self.display


def check_digit(first12: str) -> int:
    """The check digit of the first 12 digits of an ISBN-13 / EAN-13."""
    if len(first12) != 12 or not first12.isascii() or not first12.isdigit():
        raise IsbnError(msg("an ISBN-13 has 12 digits before its check digit"))
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def isbn10_advice(digits: str) -> Msg:
    """What to write for an ISBN-10: its ISBN-13 (978, the first nine
    digits, a new check digit: the X of an ISBN-10 is not carried over), or,
    when its own check digit is wrong, that."""
    weighted = sum((10 - i) * int(d) for i, d in enumerate(digits[:9]))
    last = 10 if digits[9] in "Xx" else int(digits[9])
    if (weighted + last) % 11:
        want = (11 - weighted % 11) % 11
        return msg(
            "an ISBN-10 whose check digit is wrong ({digit}; its first nine digits give {want})",
            digit=digits[9].upper(),
            want="X" if want == 10 else str(want),
        )
    first12 = "978" + digits[:9]
    return msg("an ISBN-10: give its ISBN-13, {isbn}", isbn=first12 + str(check_digit(first12)))


def parse_isbn(text: str) -> Isbn:
    """`text` as an ISBN-13, or IsbnError saying what is wrong with it.
    An "ISBN" label before the digits is allowed; Arabic-Indic digits are
    read as digits."""
    raw = text.strip()
    raw = re.sub(r"^ISBN(?:-13)?:?\s*", "", raw, flags=re.I)
    raw = raw.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    digits = _SEPARATORS.sub("", raw)
    if not digits:
        raise IsbnError(msg("empty ISBN"))
    if re.fullmatch(r"[0-9]{9}[0-9Xx]", digits):  # an ISBN-10, whose check digit may be X (ten)
        raise IsbnError(isbn10_advice(digits))
    if not (digits.isascii() and digits.isdigit()):
        raise IsbnError(msg("an ISBN-13 holds digits only, not {value}", value=repr(text.strip())))
    if len(digits) != 13:
        raise IsbnError(msg("an ISBN-13 has 13 digits, not {n}", n=len(digits)))
    if not digits.startswith(PREFIXES):
        raise IsbnError(msg("an ISBN-13 starts with {first} or {second}", first="978", second="979"))
    want = check_digit(digits[:12])
    if int(digits[12]) != want:
        raise IsbnError(
            msg("wrong check digit {digit} (the first 12 digits give {want})", digit=int(digits[12]), want=want)
        )
    display = raw if re.fullmatch(r"\d+(?:[- ]\d+)*", raw) else digits
    return Isbn(digits, display.replace(" ", "-"))
