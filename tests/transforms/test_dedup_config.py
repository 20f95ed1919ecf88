"""[dedup] settings: defaults, and bad values named with their book.toml line,
through the library and through `warraq dedup`."""

from __future__ import annotations

import pytest

from warraq.config import DedupSettings, load_config
from warraq.errors import ConfigError

from ..conftest import run_cli

HEAD = '[book]\ntitle = "ع"\nauthor = "م"\n\n[dedup]\n'  # the [dedup] settings start on line 6


def write(tmp_path, dedup: str):
    (tmp_path / "book.toml").write_text(HEAD + dedup, "utf-8")
    (tmp_path / "parts").mkdir(exist_ok=True)
    return tmp_path


def test_defaults_and_values(tmp_path):
    assert load_config(write(tmp_path, "")).dedup == DedupSettings()
    assert DedupSettings() == DedupSettings(True, 0.85, 8, 2, "remove-all", ())
    c = load_config(
        write(
            tmp_path,
            'near_threshold = 0.9\nmin_words = 12\nmin_run = 4\nboilerplate = "keep-last"\nphrases = ["والله أعلم"]\n',
        )
    )
    assert c.dedup == DedupSettings(True, 0.9, 12, 4, "keep-last", ("والله أعلم",))


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("near_threshold = 0.3", "near_threshold: must be between 0.5 and 1.0"),
        ("near_threshold = 2", "near_threshold: must be between 0.5 and 1.0"),
        ("min_words = 2", "min_words: must be at least 3"),
        ("min_run = 1", "min_run: must be at least 2"),
        ('boilerplate = "keep-first"', "boilerplate: must be one of remove-all, keep-last, keep-all"),
        ('phrases = ["والله أعلم", 3]', "phrases: must be a list of non-empty strings"),
        ('phrases = [""]', "phrases: must be a list of non-empty strings"),
        ('min_run = "two"', "min_run has the wrong type"),
        ("enabled = 1", "enabled has the wrong type"),
    ],
)
def test_bad_value_names_the_line(tmp_path, setting, message):
    root = write(tmp_path, "# a comment\n" + setting + "\n")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")) as exc:
        load_config(root)
    assert (exc.value.file, exc.value.line) == (str(root / "book.toml"), 7)


def test_dedup_command_on_bad_config_is_one_line(tmp_path):
    root = write(tmp_path, "min_run = 1\n")
    result = run_cli("dedup", "--manuscript", str(root))
    assert result.code == 3 and "Traceback" not in result.err
    assert result.err.strip().splitlines() == [
        f"warraq: error: {root / 'book.toml'}:6: [dedup] min_run: must be at least 2"
    ]


def test_dedup_command_when_disabled_says_so(make_book):
    text = "بقعة ضوء (١)\n" + "كان الناس في ذلك الزمان يعيشون في قرى صغيرة متفرقة على ضفاف النهر\n" * 2
    root = make_book({"01.txt": text}, "[dedup]\nenabled = false\n")
    result = run_cli("dedup", "--manuscript", str(root))
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("note: [dedup] enabled = false")
    assert "1 finding (1 exact); 1 block removed" in lines
