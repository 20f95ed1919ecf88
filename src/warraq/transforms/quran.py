"""Qur'an quotations: identify every ﴿…﴾ / {…} quotation against the Tanzil
text, check or add its reference, and report misquotations word by word.

For each `Quran` inline (in `Verse` blocks and inside paragraphs and
quotations; tombstones are skipped) `ref_status` becomes:

* "confirmed"  the reference the author typed is the identified verse
               (the book shows it in book style: `7 محمد` -> `[محمد: ٧]`);
* "corrected"  the author typed another reference: the identified one is shown;
* "added"      no reference was typed: the identified one is added;
* "mismatch"   a reference was typed but the text matches no verse, or the
               words stand in several verses and the typed one is not among
               them: the typed reference is kept as the author wrote it.

Every one of these is a finding; so is a quotation that is not identified
or whose words differ from the verse.  The quoted text is never changed.
Text that only looks like a verse, without brackets, is not annotated.
"""

from __future__ import annotations

from ..corpora.quran import Match, QuranIndex, default_index
from ..corpora.surahs import format_ref
from ..i18n import commas, msg, nmsg, semicolons
from ..model import Book, Finding, Inline, Provenance, Quotation, Quran, Removed, Text, VerseRef, replace
from ..text.arabic import key
from .walk import map_block

MAX_TIE_LIST = 8  # refs named in a finding about a tie


def check_quran(book: Book, index: QuranIndex | None = None) -> tuple[Book, list[Finding]]:
    index = index or default_index()
    digits = book.meta.digits
    findings: list[Finding] = []

    def check(node: Inline, prov: Provenance) -> Inline:
        if not isinstance(node, Quran):
            return node
        quote, found = check_quotation(node, index.identify(node.text), prov, digits)
        later = continued.get(id(node))
        if later is not None and quote.ref_status == "added" and quote.ref and quote.ref.surah == later.surah:
            # `﴿…﴾ إلى قوله ﴿…﴾ [ref]`: one quotation, one reference (the one typed after it)
            quote = replace(quote, ref=None, ref_status="")
            found = [f for f in found if f.rule != "quran-ref-added"]
        findings.extend(found)
        return quote

    continued = _continued(book)
    parts = []
    for part in book.parts:
        blocks = tuple(b if isinstance(b, Removed) else map_block(b, check) for b in part.blocks)
        parts.append(replace(part, blocks=blocks))
    return replace(book, parts=tuple(parts)), findings


_UP_TO = frozenset({"الي قوله", "الي قوله تعالي"})


def _continued(book: Book) -> dict[int, VerseRef]:
    """Quotations followed by «إلى قوله» and a second quotation with a typed
    reference (id of the first -> that reference): the two are one quotation."""
    found: dict[int, VerseRef] = {}
    for part in book.parts:
        for block in part.blocks:
            paras = block.paragraphs if isinstance(block, Quotation) else (block,)
            for para in paras:
                inlines = getattr(para, "inlines", ())
                for a, mid, b in zip(inlines, inlines[1:], inlines[2:], strict=False):
                    if (
                        isinstance(a, Quran)
                        and not a.typed_ref
                        and isinstance(mid, Text)
                        and key(mid.text) in _UP_TO
                        and isinstance(b, Quran)
                        and b.ref is not None
                    ):
                        found[id(a)] = b.ref
    return found


def _ref_label(ref: VerseRef) -> str:
    span = f"{ref.first}-{ref.last}" if ref.last > ref.first else str(ref.first)
    return f"{ref.surah}:{span}"


def _verse_params(ref: VerseRef) -> dict:
    """The verse a finding names, for report.json: surah and ayahs as numbers."""
    return {"surah": ref.surah, "ayah": ref.first, "last_ayah": ref.last}


def _listed(refs: list[VerseRef], digits: str) -> str:
    """The verses of a tie, the first MAX_TIE_LIST of them named."""
    named = commas(format_ref(r, digits) for r in refs[:MAX_TIE_LIST])
    more = len(refs) - MAX_TIE_LIST
    if more <= 0:
        return named
    return nmsg("{verses} and {n} more verse", "{verses} and {n} more verses", n=more, verses=named)


def _covers(typed: VerseRef, found: VerseRef) -> bool:
    """Is the identified span within what the author typed?"""
    return typed.surah == found.surah and typed.first <= found.first and found.last <= typed.last


def check_quotation(q: Quran, matches: tuple[Match, ...], prov: Provenance, digits: str) -> tuple[Quran, list[Finding]]:
    """The quotation with its reference checked, and what to report."""
    short = q.text if len(q.text) <= 60 else q.text[:59] + "…"
    data: dict = {"text": q.text, "typed": q.typed_ref}
    typed = q.ref if q.ref_status == "typed" else None
    if not matches:
        status = "mismatch" if typed else ""
        if typed:
            message = msg(
                "Qur'an quotation not found in the Qur'an text (typed reference {typed}): «{text}»",
                typed=q.typed_ref,
                text=short,
            )
        else:
            message = msg("Qur'an quotation not found in the Qur'an text: «{text}»", text=short)
        return replace(q, ref_status=status), [Finding("quran", "quran-unidentified", message, prov, "warning", data)]
    refs = [m.ref for m in matches]
    data["found"] = [_ref_label(r) for r in refs]
    if len(matches) > 1:
        chosen = next((m for m in matches if typed and _covers(typed, m.ref)), None)
        if chosen is None:
            listed = _listed(refs, digits)
            if typed:
                message = msg(
                    "the typed reference {typed} is not among the verses these words stand in: {verses}",
                    typed=q.typed_ref,
                    verses=listed,
                )
            else:
                message = nmsg(
                    "these words stand in {n} verse ({verses}): type the reference meant",
                    "these words stand in {n} verses ({verses}): type the reference meant",
                    n=len(refs),
                    verses=listed,
                )
            findings = [Finding("quran", "quran-ambiguous", message, prov, "warning", data)]
            return replace(q, ref_status="mismatch" if typed else ""), findings
        matches = (chosen,)
    match = matches[0]
    book_ref = format_ref(match.ref, digits)
    data.update(ref=_ref_label(match.ref), book_ref=book_ref, complete=match.complete)
    findings: list[Finding] = []
    if typed is None:
        quote = replace(q, ref=match.ref, ref_status="added")
        findings.append(
            Finding(
                "quran",
                "quran-ref-added",
                msg("reference {ref} added to «{text}»", ref=book_ref, text=short, **_verse_params(match.ref)),
                prov,
                "info",
                data,
            )
        )
    elif _covers(typed, match.ref):
        quote = replace(q, ref=typed, ref_status="confirmed")
        book_ref = format_ref(typed, digits)
        data["book_ref"] = book_ref
        findings.append(
            Finding(
                "quran",
                "quran-ref-confirmed",
                msg(
                    "reference {typed} confirmed, shown as {ref}",
                    typed=q.typed_ref,
                    ref=book_ref,
                    **_verse_params(typed),
                ),
                prov,
                "info",
                data,
            )
        )
    else:
        quote = replace(q, ref=match.ref, ref_status="corrected")
        findings.append(
            Finding(
                "quran",
                "quran-ref-corrected",
                msg(
                    "the typed reference {typed} does not match the verse quoted; shown as {ref}: «{text}»",
                    typed=q.typed_ref,
                    ref=book_ref,
                    text=short,
                    **_verse_params(match.ref),
                ),
                prov,
                "warning",
                data,
            )
        )
    if match.differences:
        diffs = semicolons(d.message() for d in match.differences)
        findings.append(
            Finding(
                "quran",
                "quran-misquoted",
                msg(
                    "the quotation differs from {ref}: {differences}",
                    ref=book_ref,
                    differences=diffs,
                    **_verse_params(quote.ref or match.ref),
                ),
                prov,
                "warning",
                {**data, "differences": [d.as_dict() for d in match.differences], "verse": match.text},
            )
        )
    return quote, findings
