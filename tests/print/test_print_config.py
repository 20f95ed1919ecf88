"""book.toml's keys for the printer and the stores: ISBN, price, [print]."""

import pytest

from warraq.config import load_config
from warraq.errors import ConfigError

HEAD = '[book]\ntitle = "ع"\nauthor = "م"\n'


def write(tmp_path, text):
    (tmp_path / "book.toml").write_text(text, "utf-8")
    (tmp_path / "parts").mkdir(exist_ok=True)
    return tmp_path


def test_defaults(tmp_path):
    c = load_config(write(tmp_path, HEAD))
    p = c.print
    assert (p.print_variant, p.crop_marks, p.safe_margin_mm, p.gutter_mm) == ("pdf/x-4", False, 12.7, None)
    assert (p.paper, p.paper_ppi, p.service, p.icc_profile) == ("white", None, "kdp", None)
    assert (c.meta.isbn, c.price, c.meta.rights) == ("", "", "")


def test_isbn_price_rights(tmp_path):
    text = HEAD + 'isbn = "978-0-306-40615-7"\nprice = "USD 24.95"\nrights = "© ٢٠٢٦"\n'
    c = load_config(write(tmp_path, text))
    assert (c.meta.isbn, c.price, c.meta.rights) == ("978-0-306-40615-7", "52495", "© ٢٠٢٦")


@pytest.mark.parametrize(
    ("lines", "line", "match"),
    [
        ('isbn = "978-0-306-40615-8"', 4, "check digit"),
        ('price = "EUR 5"', 4, "price"),
        ('\n[print]\nprint_variant = "pdf/x-3"', 6, "print_variant"),
        ("\n[print]\nsafe_margin_mm = 2", 6, "safe_margin_mm"),
        ("\n[print]\ngutter_mm = -1", 6, "gutter_mm"),
        ('\n[print]\npaper = "glossy"', 6, "paper"),
        ("\n[print]\npaper_ppi = 0", 6, "paper_ppi"),
        ('\n[print]\nservice = "acme"', 6, "service"),
        ('\n[print]\nicc_profile = "missing.icc"', 6, "icc_profile"),
        ('\n[print]\ncrop_marks = "yes"', 6, "wrong type"),
    ],
)
def test_bad_values_name_the_line(tmp_path, lines, line, match):
    with pytest.raises(ConfigError, match=match) as exc:
        load_config(write(tmp_path, HEAD + lines + "\n"))
    assert exc.value.line == line and exc.value.file.endswith("book.toml")
