"""EAN-13 (the ISBN's barcode) and its EAN-5 price add-on, as bar patterns.
Pure functions: a pattern is a string of "1" (a dark module) and "0".

EAN-13 (ISO/IEC 15420): a start guard 101, six digits in the left half
coded with the L or G set as the first digit's parity pattern says (the
first digit is not coded by bars of its own), a middle guard 01010, six
digits in the R set, an end guard 101: 95 modules.  The EAN-5 add-on
(GS1 General Specifications 5.2.3.4): start 01011, five digits in the L or
G set as its checksum's parity pattern says, "01" between digits: 48
modules, set 7 to 12 modules right of the EAN-13.
"""

from __future__ import annotations

import re

from ..i18n import msg
from .isbn import check_digit

L_CODES = ("0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011")
R_CODES = tuple(code.translate(str.maketrans("01", "10")) for code in L_CODES)
G_CODES = tuple(code[::-1] for code in R_CODES)
# the set (L or G) of digits 2-7, by the first digit
EAN13_PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")
# the set of the five add-on digits, by the add-on's checksum
EAN5_PARITY = ("GGLLL", "GLGLL", "GLLGL", "GLLLG", "LGGLL", "LLGGL", "LLLGG", "LGLGL", "LGLLG", "LLGLG")
# the add-on's first digit: the currency of the suggested retail price
EAN5_CURRENCY = {"GBP": "0", "USD": "5", "AUD": "3", "NZD": "4", "CAD": "6"}
NO_PRICE = "90000"  # "no suggested retail price"


def _code(digit: str, charset: str) -> str:
    return {"L": L_CODES, "G": G_CODES, "R": R_CODES}[charset][int(digit)]


def ean13_modules(digits: str) -> str:
    """The 95 modules of an EAN-13 (13 digits, check digit included and verified)."""
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit():
        raise ValueError(msg("an EAN-13 has 13 digits"))
    if check_digit(digits[:12]) != int(digits[12]):
        raise ValueError(msg("EAN-13 {digits}: wrong check digit", digits=digits))
    parity = EAN13_PARITY[int(digits[0])]
    left = "".join(_code(d, p) for d, p in zip(digits[1:7], parity, strict=True))
    right = "".join(_code(d, "R") for d in digits[7:])
    return "101" + left + "01010" + right + "101"


def ean5_checksum(digits: str) -> int:
    """3 x (digits 1, 3, 5) + 9 x (digits 2, 4), modulo 10."""
    return (3 * sum(int(d) for d in digits[0::2]) + 9 * sum(int(d) for d in digits[1::2])) % 10


def ean5_modules(digits: str) -> str:
    """The 48 modules of an EAN-5 add-on."""
    if len(digits) != 5 or not digits.isascii() or not digits.isdigit():
        raise ValueError(msg("an EAN-5 add-on has 5 digits"))
    parity = EAN5_PARITY[ean5_checksum(digits)]
    return "01011" + "01".join(_code(d, p) for d, p in zip(digits, parity, strict=True))


def price_addon(price: str) -> str:
    """The EAN-5 digits of a price as book.toml gives it: five digits as
    they are ("52495", "90000"), or a currency and an amount ("USD 24.95",
    "24.95 USD") with the currency's digit first, then the amount in
    hundredths (at most 99.99).  ValueError says what is wrong."""
    text = price.strip()
    if len(text) == 5 and text.isascii() and text.isdigit():
        return text
    words = text.replace(",", ".").split()
    if len(words) == 2:
        currency, amount = (words[0], words[1]) if words[0].isalpha() else (words[1], words[0])
        currency = currency.upper()
        if currency in EAN5_CURRENCY:
            # a decimal amount as typed: "inf", "nan", "1e3" are no price, and
            # a third decimal is not rounded away in silence
            exact = re.fullmatch(r"(\d{1,6})(?:\.(\d+))?", amount) if amount.isascii() else None
            if exact and exact[2] and len(exact[2]) > 2:
                raise ValueError(
                    msg("price {price}: an EAN-5 price has at most two decimals (cents)", price=repr(price))
                )
            hundredths = int(exact[1]) * 100 + int((exact[2] or "0").ljust(2, "0")) if exact else -1
            if 0 < hundredths <= 9999:
                return EAN5_CURRENCY[currency] + f"{hundredths:04d}"
            raise ValueError(
                msg(
                    "price {price}: the amount must be between {low} and {high}",
                    price=repr(price),
                    low=0.01,
                    high=99.99,
                )
            )
    raise ValueError(
        msg(
            "price {price}: give five digits (EAN-5) or a currency and an amount ({currencies}), as {example}",
            price=repr(price),
            currencies=", ".join(EAN5_CURRENCY),
            example='"USD 24.95"',
        )
    )


def bars(modules: str) -> list[tuple[int, int]]:
    """The dark bars of a pattern: (first module, width in modules)."""
    found: list[tuple[int, int]] = []
    for i, m in enumerate(modules):
        if m == "1":
            if found and found[-1][0] + found[-1][1] == i:
                found[-1] = (found[-1][0], found[-1][1] + 1)
            else:
                found.append((i, 1))
    return found
