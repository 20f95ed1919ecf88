"""warraq's message catalogs: extract, update and compile them (Babel).

    python -m warraq.catalogs update    # after adding or changing a message
    python -m warraq.catalogs compile   # .po -> .mo (make does it on set-up)

`update` extracts every message of the code and templates (the calls
`msg`, `nmsg`, `_`, `N_`, `ngettext`, and `{% trans %}`/`_()` in Jinja),
adds the new ones to `locale/<lang>/LC_MESSAGES/warraq.po` untranslated
(English: a copy of the msgid) and drops the ones no longer used.  The
Arabic translations are then written by hand in the .po file; the test
tests/test_i18n.py fails while one is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .i18n import DOMAIN, LANGS, LOCALE_DIR

PACKAGE = Path(__file__).parent
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "msg": None,
    "nmsg": (1, 2),
}
METHODS = [
    ("**/templates/**.j2", "jinja2"),
    ("**.py", "python"),
]
OPTIONS = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every message of the package, with where it is used."""
    template = Catalog(domain=DOMAIN, project="warraq", charset="utf-8")
    found = extract_from_dir(
        PACKAGE,
        METHODS,
        OPTIONS,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
        directory_filter=lambda path: "locale" not in Path(path).parts and "__pycache__" not in path,
    )
    for filename, lineno, message, comments, context in found:
        where = [(f"src/warraq/{Path(filename).as_posix()}", lineno)]
        template.add(message, None, where, auto_comments=comments, context=context)
    return template


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.is_file():
        return Catalog(locale=lang, domain=DOMAIN, project="warraq", charset="utf-8")
    with path.open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


def update() -> list[Path]:
    template = extract()
    written = []
    for lang in LANGS:
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False)
        catalog.fuzzy = False
        if lang == "en":  # the source language: a new message reads as written
            for message in catalog:
                if message.id and not _translated(message):
                    message.string = message.id if isinstance(message.id, str) else tuple(message.id)
        catalog.obsolete.clear()
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fp:
            # sorted and without line numbers: a stable file that merges well
            write_po(fp, catalog, width=100, no_location=True, ignore_obsolete=True, sort_output=True)
        written.append(path)
    return written


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)


def compile_all() -> list[Path]:
    written = []
    for lang in LANGS:
        po = po_path(lang)
        mo = po.with_suffix(".mo")
        with po.open("rb") as fp:
            catalog = read_po(fp, locale=lang, domain=DOMAIN)
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as fp:
            write_mo(fp, catalog)
        tmp.replace(mo)
        written.append(mo)
    return written


def main(argv: list[str]) -> int:
    commands = {"update": update, "compile": compile_all}
    if len(argv) != 1 or argv[0] not in commands:
        print("usage: python -m warraq.catalogs update|compile", file=sys.stderr)
        return 2
    for path in commands[argv[0]]():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
