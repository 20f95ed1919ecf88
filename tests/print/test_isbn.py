"""ISBN-13 check digits and the EAN-13 / EAN-5 bar patterns, against
published ISBNs and patterns worked out by hand."""

import pytest

from warraq.publishing.barcode import bars, ean5_checksum, ean5_modules, ean13_modules, price_addon
from warraq.publishing.isbn import IsbnError, check_digit, parse_isbn

# (ISBN as printed, weighted sum of the first 12 digits worked by hand)
PUBLISHED = [
    ("978-0-306-40615-7", 93),  # ISO 2108's example: 9+21+8+0+3+0+6+12+0+18+1+15 = 93 -> 7
    ("978-0-13-110362-7", 73),  # Kernighan & Ritchie, 2nd ed.: 9+21+8+0+1+9+1+3+0+9+6+6 = 73 -> 7
    ("978-3-16-148410-0", 100),  # 9+21+8+9+1+18+1+12+8+12+1+0 = 100 -> 0
]


@pytest.mark.parametrize(("isbn", "weighted"), PUBLISHED)
def test_check_digit_of_published_isbns(isbn, weighted):
    digits = isbn.replace("-", "")
    assert check_digit(digits[:12]) == (10 - weighted % 10) % 10 == int(digits[-1])
    parsed = parse_isbn(isbn)
    assert parsed.digits == digits
    assert str(parsed) == isbn  # the author's grouping kept


def test_isbn_forms_accepted():
    assert parse_isbn("ISBN 978-0-306-40615-7").digits == "9780306406157"
    assert parse_isbn("ISBN-13: 9780306406157").digits == "9780306406157"
    assert parse_isbn("٩٧٨٠٣٠٦٤٠٦١٥٧").digits == "9780306406157"
    assert parse_isbn("978 0 306 40615 7").display == "978-0-306-40615-7"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("978-0-306-40615-8", "check digit"),
        ("978-0-306-40615", "13 digits"),
        ("0-306-40615-2", "ISBN-10"),
        ("977-0-306-40615-0", "978 or 979"),
        ("978-0-306-4061X-7", "digits only"),
        ("", "empty"),
    ],
)
def test_invalid_isbns(text, why):
    with pytest.raises(IsbnError, match=why):
        parse_isbn(text)


def test_ean13_structure():
    modules = ean13_modules("9780306406157")
    assert len(modules) == 95
    assert modules[:3] == "101" and modules[45:50] == "01010" and modules[-3:] == "101"
    # first digit 9 -> parity LGGLGL; digit 2 (7) in L: 0111011; digit 3 (8) in G: 0001001
    assert modules[3:10] == "0111011"
    assert modules[10:17] == "0001001"
    # the last digit (7) in R: the complement of L 0111011 -> 1000100
    assert modules[85:92] == "1000100"
    with pytest.raises(ValueError):
        ean13_modules("9780306406158")


def test_ean5():
    # 52495 ($24.95): 3 x (5+4+5) + 9 x (2+9) = 141 -> 1 -> parity GLGLL
    assert ean5_checksum("52495") == 1
    modules = ean5_modules("52495")
    assert len(modules) == 48
    assert modules[:5] == "01011"
    # 5 in G: reverse of R(5) 1001110 -> 0111001; then "01"; 2 in L: 0010011
    assert modules[5:12] == "0111001"
    assert modules[12:14] == "01"
    assert modules[14:21] == "0010011"


def test_price_addon():
    assert price_addon("USD 24.95") == "52495"
    assert price_addon("24.95 USD") == "52495"
    assert price_addon("GBP 9.99") == "00999"
    assert price_addon("90000") == "90000"
    for bad in ("24.95", "EUR 10", "USD 120", "USD abc"):
        with pytest.raises(ValueError):
            price_addon(bad)


def test_bars():
    assert bars("0110100111") == [(1, 2), (4, 1), (7, 3)]
