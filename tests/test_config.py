import pytest

from warraq.config import load_config
from warraq.errors import ConfigError


def write(tmp_path, text):
    (tmp_path / "book.toml").write_text(text, "utf-8")
    (tmp_path / "parts").mkdir(exist_ok=True)
    return tmp_path


def test_defaults(tmp_path):
    c = load_config(write(tmp_path, '[book]\ntitle = "ع"\nauthor = "م"\n'))
    assert c.meta.language == "ar" and c.meta.direction == "rtl" and c.meta.digits == "arabic-indic"
    assert (c.print.trim, c.print.width_mm, c.print.height_mm) == ("A5", 148.0, 210.0)
    assert c.note_numbering == "book" and c.dedup.boilerplate == "remove-all"


def test_syntax_error_names_the_line(tmp_path):
    with pytest.raises(ConfigError) as exc:
        load_config(write(tmp_path, '[book]\ntitle = "ع"\nauthor = \n'))
    assert exc.value.line == 3 and exc.value.file.endswith("book.toml")


def test_unknown_setting_names_the_line(tmp_path):
    with pytest.raises(ConfigError, match="unknown setting 'colour'") as exc:
        load_config(write(tmp_path, '[book]\ntitle = "ع"\nauthor = "م"\n\n[print]\ncolour = "red"\n'))
    assert exc.value.line == 6


def test_missing_title(tmp_path):
    with pytest.raises(ConfigError, match="title"):
        load_config(write(tmp_path, '[book]\nauthor = "م"\n'))


def test_custom_trim_and_bad_values(tmp_path):
    c = load_config(write(tmp_path, '[book]\ntitle="ع"\nauthor="م"\n[print]\nwidth_mm = 135\nheight_mm = 205\n'))
    assert (c.print.trim, c.print.width_mm) == ("custom", 135.0)
    with pytest.raises(ConfigError, match="trim") as exc:
        load_config(write(tmp_path, '[book]\ntitle="ع"\nauthor="م"\n[print]\ntrim = "A9"\n'))
    assert exc.value.line == 5
    with pytest.raises(ConfigError, match="wrong type"):
        load_config(write(tmp_path, '[book]\ntitle="ع"\nauthor="م"\n[dedup]\nmin_words = "ten"\n'))


def test_missing_directory_and_file(tmp_path):
    with pytest.raises(ConfigError, match="manuscript directory not found"):
        load_config(tmp_path / "nope")
    with pytest.raises(ConfigError, match=r"book\.toml not found"):
        load_config(tmp_path)


def test_print_justify(tmp_path):
    head = '[book]\ntitle = "ع"\nauthor = "م"\n\n[print]\n'
    assert load_config(write(tmp_path, head)).print.justify == "kashida"  # an Arabic book's default
    assert load_config(write(tmp_path, head + 'justify = "spaces"\n')).print.justify == "spaces"
    english = '[book]\ntitle = "A"\nauthor = "B"\nlanguage = "en"\n'
    assert load_config(write(tmp_path, english)).print.justify == "spaces"
    with pytest.raises(ConfigError, match="justify") as exc:
        load_config(write(tmp_path, head + 'justify = "tatweel"\n'))
    assert exc.value.line == 6
