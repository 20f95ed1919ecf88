"""The language warraq speaks to its user: Arabic or English.

Every sentence a user reads is a gettext message (catalogs in `locale/`,
extracted and compiled with Babel, see the README's "Translating warraq").
A message is written once, in English, with named placeholders, and built
from parameters — never from concatenated fragments:

    raise InputError(msg("part number {number} is too large", number=n), file, line)
    nmsg("{n} passage removed", "{n} passages removed", n=count)

`msg` and `nmsg` return a `Msg`: a string, in the language chosen when it
was made, that keeps its msgid and parameters.  So report.json can carry the
parameters next to the text, and the preview can show the same finding in
the other language when the reader switches.

In Arabic, numbers are written in Arabic-Indic digits, and parameters that
are Latin (a file path, a rule id, a file:line) are isolated left-to-right
with Unicode isolates, so they stay readable inside a right-to-left
sentence; Arabic quotations inside an English sentence are isolated too.

The language: `--lang`, else WARRAQ_LANG, else the locale variables
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG, in gettext's order), else English.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
import re
import string
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

LANGS = ("ar", "en")
DEFAULT = "en"
DOMAIN = "warraq"
LOCALE_DIR = Path(__file__).parent / "locale"

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z0-9/\\._:@-]")

_current = DEFAULT

# what may not reach a terminal as it is inside a one-line message: control
# characters (a newline splits the line), the bidi embeddings, overrides and
# isolates (U+202E turns "gpj.exe" into "exe.jpg"), the line and paragraph
# separators, and lone surrogates (the bytes of a file name that is not UTF-8)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
# in a message's parameters, the isolates stay: a parameter may be text warraq
# isolated itself (a list of messages); a file name is escaped whole (`printable`)
_UNPRINTABLE_PARAM = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2028\u2029\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in _ESCAPES:
        return _ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` (a file name, a value from the user) safe inside a one-line
    message: control and bidi characters and undecodable bytes escaped as
    Python writes them (\\n, \\u202e, \\xc7), everything else as it is."""
    return _UNPRINTABLE.sub(lambda m: _escape(m[0]), text)


def language_of(tag: str | None) -> str | None:
    """The warraq language of a locale or language tag ("ar_EG.UTF-8",
    "ar-EG", "en"), or None when warraq does not speak it."""
    if not tag:
        return None
    base = re.split(r"[_.@-]", tag.strip(), maxsplit=1)[0].lower()
    return base if base in LANGS else None


def choose(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The language to speak: `explicit` (--lang), WARRAQ_LANG, then the
    locale variables in gettext's order; English when none is known."""
    env = os.environ if env is None else env
    if language_of(explicit):
        return language_of(explicit)  # type: ignore[return-value]
    if language_of(env.get("WARRAQ_LANG")):
        return language_of(env.get("WARRAQ_LANG"))  # type: ignore[return-value]
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if not value:
            continue
        # LANGUAGE is a priority list ("ar:en"); the first warraq speaks wins.
        # The C locale means "no language": English.
        for item in value.split(":") if var == "LANGUAGE" else (value,):
            if language_of(item):
                return language_of(item)  # type: ignore[return-value]
        if var != "LANGUAGE":
            return DEFAULT  # LC_ALL/LC_MESSAGES/LANG set to a language warraq does not speak
    return DEFAULT


def set_language(lang: str) -> None:
    global _current
    _current = language_of(lang) or DEFAULT


def language() -> str:
    return _current


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of `lang`: the .mo file, or the .po compiled in
    memory when the .mo is missing or older (a catalog being edited)."""
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fp:
            return _gettext.GNUTranslations(fp)
    if po.is_file():
        return _gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    return _gettext.NullTranslations()


def compile_po(po: Path) -> bytes:
    """A .po catalog compiled to .mo bytes (Babel)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fp:
        catalog = read_po(fp)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def gettext(message: str, lang: str | None = None) -> str:
    return translations(lang or _current).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    return translations(lang or _current).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Marks a message for extraction; translated where it is shown."""
    return message


def number(value: int | float, lang: str | None = None) -> str:
    """A number as the language writes it: Arabic-Indic digits and the
    Arabic decimal sign in Arabic.  No grouping: a line number, a year or a
    part number reads as typed (1413, not 1,413); at most 2 decimals."""
    text = str(value) if isinstance(value, int) else f"{value:.2f}".rstrip("0").rstrip(".")
    if (lang or _current) == "ar":
        return text.replace(".", "٫").translate(ARABIC_DIGITS)
    return text


def isolate(text: str, lang: str | None = None) -> str:
    """`text` isolated for a sentence in `lang`: Latin in Arabic is
    left-to-right; Arabic in English, or mixed text, takes its own first
    strong direction.  Text already of the sentence's direction is left."""
    if not text:
        return text
    has_arabic = bool(_ARABIC.search(text))
    if (lang or _current) == "ar":
        if not has_arabic:
            return LRI + text + PDI if _LATIN.search(text) else text
        return FSI + text + PDI if re.search("[A-Za-z]", text) else text
    return FSI + text + PDI if has_arabic else text


def strip_isolates(text: str) -> str:
    return text.translate({ord(LRI): None, ord(FSI): None, ord(PDI): None, 0x2067: None})


def placeholders(template: str) -> set[str]:
    """The named placeholders of a message: {"file", "line"} for
    "{file}:{line}"."""
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def _value(value: object, lang: str) -> str:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return number(value, lang)
    return isolate(_UNPRINTABLE_PARAM.sub(lambda m: _escape(m[0]), str(value)), lang)


class Msg(str):
    """A message in the current language that remembers how it was made."""

    msgid: str
    plural: str | None
    n: int | None
    params: dict

    def __new__(cls, msgid: str, plural: str | None = None, n: int | None = None, params: dict | None = None):
        params = dict(params or {})
        self = super().__new__(cls, _render(msgid, plural, n, params, _current))
        self.msgid, self.plural, self.n, self.params = msgid, plural, n, params
        return self

    def render(self, lang: str) -> str:
        return _render(self.msgid, self.plural, self.n, self.params, lang)

    def json_params(self) -> dict:
        """The parameters as JSON values, the same in every language: a
        nested message as its msgid and parameters, not its words."""

        def value(v: object) -> object:
            if isinstance(v, Msg):
                return {"msgid": v.msgid, "params": v.json_params()}
            return v if isinstance(v, (int, float, bool)) or v is None else str(v)

        return {k: value(v) for k, v in self.params.items()}

    def __reduce__(self):
        return (Msg, (self.msgid, self.plural, self.n, self.params))


def _render(msgid: str, plural: str | None, n: int | None, params: dict, lang: str) -> str:
    template = ngettext(msgid, plural, n or 0, lang) if plural is not None else gettext(msgid, lang)
    values = {k: _value(v, lang) for k, v in params.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):  # a broken translation: fall back to the English
        return (msgid if plural is None or n == 1 else plural).format_map(values)


def msg(msgid: str, /, **params: object) -> Msg:
    """A message: `msgid` (English, with {named} placeholders) in the
    current language, with its parameters."""
    return Msg(msgid, None, None, params)


def nmsg(singular: str, plural: str, /, n: int, **params: object) -> Msg:
    """A message whose words depend on the count `n` (Arabic has six
    plural forms: «حُذف مقطع واحد», «حُذف مقطعان», «حُذفت ٣ مقاطع»)."""
    return Msg(singular, plural, n, {"n": n, **params})


def text_in(message: str, lang: str) -> str:
    """`message` in `lang` when it is a Msg; as it is otherwise."""
    return message.render(lang) if isinstance(message, Msg) else message


def params_of(message: str) -> dict:
    return message.json_params() if isinstance(message, Msg) else {}


# lists inside a message, joined as the language joins them: each item is a
# message or a quoted str, and the list is a nest of messages ("{first}, {rest}"),
# so it renders in either language as a whole, never English separators glued
# between Arabic items


def commas(items: Iterable[str]) -> str:
    """`a, b, c` (Arabic: «a، b، c»)."""
    out: str | None = None
    for item in reversed(list(items)):
        # TRANSLATORS: two items of a list (the second may be the rest of the list)
        out = item if out is None else msg("{first}, {rest}", first=item, rest=out)
    return out or ""


def semicolons(items: Iterable[str]) -> str:
    """`a; b; c` (Arabic: «a؛ b؛ c»)."""
    out: str | None = None
    for item in reversed(list(items)):
        out = item if out is None else msg("{first}; {rest}", first=item, rest=out)
    return out or ""
