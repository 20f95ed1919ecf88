"""The proof-reading preview: one RTL page of the whole book in its real
typography, plus the proofing layer (every finding of the build, the removed
repeats with their word-by-word differences, generated notes, verse
references) and the script that drives it.

Writes `out/preview/`: index.html, preview.js and fonts/.  The same files
make the static proof (`warraq preview --static DIR`) and what the live
server (`warraq.preview.server`) serves.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from ..config import Config
from ..i18n import LANGS, N_, gettext, language_of, ngettext, text_in
from ..model import Block, Book, Finding, Part, Removed, block_text
from ..proof import word_diff
from ..render import Renderer, removed_id
from ..render.fonts import faces
from ..text.arabic import key
from .output import atomic_write, copy_if_changed

PREVIEW_DIR = "preview"
SCRIPT = "preview.js"
# the kinds of the marks the model itself carries, for the panel's toggles
MODEL_MARKS = ("dedup", "note", "quran")
LEVEL_LABELS = {"error": N_("Errors"), "warning": N_("Warnings"), "info": N_("For information")}
KIND_LABELS = {
    "dedup": N_("Repeats removed"),
    "note": N_("Notes"),
    "quran": N_("Verses and their references"),
    "hadith": N_("Hadith"),
    "sources": N_("Sources"),
    "unsourced": N_("Quotations without a source"),
    "lint": N_("Arabic typography"),
    "order": N_("Order of the parts"),
    "pdf": N_("Print"),
    "typography": N_("Typesetting changes"),
    "poem": N_("Verse set as poems"),
}
# the page's own words (the template's and preview.js's), in both languages
# in the page so that the reader's switch needs no rebuild; "{name}" is
# filled in by the script
UI = {
    "views": N_("Views"),
    "tab-book": N_("The book"),
    "tab-print": N_("Print pages"),
    "panel": N_("Proof-reading notes"),
    "none": N_("No notes."),
    "show-marks": N_("Show the marks"),
    # TRANSLATORS: the name of this catalog's language, in that language (the switch shows the other's)
    "lang-name": N_("English"),
    "switch-title": N_("Switch the language of the interface"),
    "removed": N_("removed as a repeat"),
    "kept-copy": N_("the copy kept: "),
    "diff-kept": N_("difference from the copy kept ({where}):"),
    "generated-note": N_("generated note: {rule}"),
    "ref-added": N_("reference added"),
    "ref-corrected": N_("reference corrected"),
    "ref-confirmed": N_("reference checked"),
    "ref-mismatch": N_("text does not match the verse"),
    "author-wrote": N_("{status} — the author wrote: {text}"),
    "copy-src": N_("Click to copy the file and line"),
    "no-server": N_("no connection to the server"),
    "no-print": N_("This copy of the proof has no print pages."),
    "pdf-building": N_("Rebuilding the PDF …"),
    "pdf-failed": N_("The PDF could not be built: "),
    "page": N_("page {n}"),
    "build-failed": N_("The build failed: "),
    "last-good": N_(" — the last good version is shown until the file is fixed."),
    "build-n": N_("build {n}"),
    "building": N_("Building …"),
    "build-n-ms": N_("build {n} in {ms} ms"),
}
# a count for each plural form, in the catalog's order: Arabic zero, one,
# two, few (3-10), many (11-99), other (100-102); English one, other
PLURAL_SAMPLES = {"ar": (0, 1, 2, 3, 11, 100), "en": (1, 2)}
# pairs of strings in a finding's data worth a word-by-word diff, as
# (what the source says, what the book says): a misquoted verse (quran)
DIFF_FIELDS = (("verse", "text"), ("expected", "found"))


def write_preview(book: Book, config: Config, out: Path, context: dict) -> list[Path]:
    target = out / PREVIEW_DIR
    findings: list[Finding] = list(context.get("findings", []))
    data = proof_data(book, findings)
    lang = ui_language(book.meta.language)
    renderer = PreviewRenderer(book, config, "preview")
    html = renderer.document(
        "preview.html.j2",
        proof_json=script_json(data),
        ui_json=script_json(ui_strings(lang)),
        ui_lang=lang,
        ui_dir=ui_dir(lang),
        ui=ui_words(lang),
        panel=panel(findings),
        ordered=in_place_order(findings),
        message=lambda f: text_in(f.message, lang),
        kind_label=lambda k: gettext(KIND_LABELS[k], lang) if k in KIND_LABELS else k,
        level_label=lambda lvl: gettext(LEVEL_LABELS[lvl], lang) if lvl in LEVEL_LABELS else lvl,
        script=SCRIPT,
    )
    fonts = [copy_if_changed(face.file, target / "fonts" / face.name) for face in faces()]
    script = resources.files("warraq.preview").joinpath(f"assets/{SCRIPT}").read_bytes()
    return [
        atomic_write(target / SCRIPT, script),
        *fonts,
        atomic_write(target / "index.html", html.encode("utf-8")),
    ]


class PreviewRenderer(Renderer):
    """The preview renders on every save: a part whose content did not
    change (same blocks, notes and note numbers: the model is frozen and
    compares by value) is not rendered again.  Only the last build's parts
    are kept."""

    _last: dict[tuple, Markup] = {}  # noqa: RUF012 - shared on purpose, replaced each build

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._used: dict[tuple, Markup] = {}

    def part(self, part: Part) -> Markup:
        key = (part, self.digits, self.mode)
        html = self._used.get(key) or PreviewRenderer._last.get(key)
        if html is None:
            html = super().part(part)
        self._used[key] = html
        return html

    def document(self, template: str, **context) -> str:
        html = super().document(template, **context)
        PreviewRenderer._last = self._used
        return html


# ---------------------------------------------------------------- the languages


def ui_language(book_language: str) -> str:
    """The preview speaks the book's language (Arabic for an Arabic book),
    English for a language warraq does not speak; the reader may switch."""
    return language_of(book_language) or "en"


def ui_dir(lang: str) -> str:
    return "rtl" if lang == "ar" else "ltr"


def ui_words(lang: str) -> dict[str, str]:
    return {key: gettext(text, lang) for key, text in UI.items()}


def ui_strings(lang: str) -> dict:
    """What the script needs to speak either language: the default, the
    page's words, the labels of kinds and levels, and the plural forms."""
    return {
        "lang": lang,
        "langs": list(LANGS),
        "words": {code: ui_words(code) for code in LANGS},
        "kinds": {code: {k: gettext(v, code) for k, v in KIND_LABELS.items()} for code in LANGS},
        "levels": {code: {k: gettext(v, code) for k, v in LEVEL_LABELS.items()} for code in LANGS},
        # words whose form depends on a count: each plural form of the
        # catalog, chosen by the script with the language's plural rule
        "plurals": {
            code: {"blocks": [ngettext("({n} block)", "({n} blocks)", n, code) for n in PLURAL_SAMPLES[code]]}
            for code in LANGS
        },
    }


# ---------------------------------------------------------------- the data


def finding_data(f: Finding, index: int) -> dict:
    d = {"index": index, "kind": f.kind, "rule": f.rule, "level": f.level, "message": f.message, "data": f.data}
    d["messages"] = {lang: text_in(f.message, lang) for lang in LANGS}  # the reader may switch
    if f.prov:
        d |= {"prov": str(f.prov), "file": f.prov.file, "line": f.prov.line, "end_line": f.prov.end_line}
    diff = finding_diff(f)
    if diff:
        d["word_diff"] = diff
    return d


def finding_diff(f: Finding) -> list[tuple[str, str]]:
    """A word diff for findings that carry both texts (a misquotation and its
    source ...), whatever stage reported them."""
    for old, new in DIFF_FIELDS:
        a, b = f.data.get(old), f.data.get(new)
        if isinstance(a, str) and isinstance(b, str) and key(a) != key(b):
            return word_diff(a, b)
    return []


def tombstone_diffs(book: Book) -> dict[str, list[tuple[str, str]]]:
    """For each removed block that differs from the copy kept (a near
    repeat), the word-by-word difference, keyed by the tombstone's element id
    (as part.html.j2 names it)."""
    kept_blocks: dict[str, Block] = {}
    for part in book.parts:
        for block in part.blocks:
            if not isinstance(block, Removed):
                kept_blocks.setdefault(str(block.prov), block)
    out: dict[str, list[tuple[str, str]]] = {}
    for part in book.parts:
        for i, block in enumerate(part.blocks):
            if not isinstance(block, Removed) or block.kept is None:
                continue
            kept = kept_blocks.get(str(block.kept))
            if kept is None:
                continue
            a, b = block_text(kept), block_text(block)
            if key(a) != key(b):
                out[removed_id(block.finding_id, part.number, i)] = word_diff(a, b)
    return out


def proof_data(book: Book, findings: list[Finding]) -> dict:
    return {
        "findings": [finding_data(f, i) for i, f in enumerate(findings)],
        "counts": counts(findings),
        "diffs": tombstone_diffs(book),
        "marks": list(MODEL_MARKS),
    }


def in_place_order(findings: list[Finding]) -> list[tuple[int, Finding]]:
    """The findings with their index, in manuscript order (file, line);
    findings without a place (the book as a whole) first."""

    def place(item: tuple[int, Finding]) -> tuple:
        f = item[1]
        return (f.prov.file, f.prov.line, f.prov.end_line) if f.prov else ("", 0, 0)

    return sorted(enumerate(findings), key=place)


def counts(findings: list[Finding]) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in findings:
        out[f.kind] = out.get(f.kind, 0) + 1
    return dict(sorted(out.items()))


def script_json(data: dict) -> str:
    """JSON safe inside <script type="application/json"> (no `</`, no `<!--`)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------- the panel


def panel(findings: list[Finding]) -> dict:
    """What the side panel lists: kinds with counts (the model's own marks
    always have a toggle) and the findings grouped by kind."""
    kinds = counts(findings)
    for mark in MODEL_MARKS:
        kinds.setdefault(mark, 0)
    levels = {lvl: sum(1 for f in findings if f.level == lvl) for lvl in ("error", "warning", "info")}
    return {"kinds": dict(sorted(kinds.items())), "levels": levels, "total": len(findings)}
