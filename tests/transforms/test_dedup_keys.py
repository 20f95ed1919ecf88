"""The matching key dedup compares on: `arabic.fold` (the fast letter and
digit folds dedup needs at scale) gives exactly what the translate tables
give, so every key is the one ARABIC.md describes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warraq.text import arabic

ALPHABET = "أإآٱاىيةهؤوئکیكبتـ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0189 ،.:«»\u064b\u064e\u0650\u0652\u0670AbZé\n"


def reference_tokens(text: str) -> list[str]:
    """tokens() as first written, with str.translate."""
    s = arabic.strip_marks(text).translate(arabic._FOLD)
    s = arabic.to_western_digits(s).lower()
    return [t for t in arabic._NON_WORD.split(s) if t]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_fold_is_the_translate_tables(text):
    assert arabic.fold(text) == arabic.to_western_digits(text.translate(arabic._FOLD))
    assert arabic.tokens(text) == reference_tokens(text)


def test_fold_by_hand():
    assert arabic.fold("أإآٱ ى ة ؤ ئ ک ی ٤٢ ۷") == "اااا ي ه و ي ك ي 42 7"
    assert arabic.key("إِنَّ العِلْمَ نُــورٌ (٣)") == "ان العلم نور 3"
