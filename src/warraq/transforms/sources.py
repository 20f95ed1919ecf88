"""Source footnotes: every quotation gets a generated note citing its source,
or is reported as unsourced.

A quotation is a `Quotation` block, or «…» / “…” of at least
`MIN_INLINE_WORDS` words inside a paragraph (shorter ones are terms and scare
quotes: «الخليفة», «بحر الروم»).  Its source is found by the first rule that
applies (each a stable rule id, reported with the note):

* src-cite                `[@key, locator]` written by the author (Markdown):
                          always wins, as do the author's own `[^x]` notes;
* src-attribution         the attribution line before a block quotation names
                          a source by one of its aliases (`يقول الطبري:`,
                          `... إلا أن يقول:` after `كينيدي`);
* src-inline-attribution  an inline quotation's sentence names a source with a
                          verb of saying or seeing (`وارتأى كينيدي أن ... «…»`);
* src-match               the quotation holds a match phrase of a source
                          (a hadith's wording, a speech's first words);
* src-via                 `نقلا عن X` in an attribution line: the quotations
                          that follow it, until an ordinary paragraph or a
                          heading, are cited as quoted from X.

A poem (`Poem`) is cited by the same rules but the first (its note call at
the end of its last bayt); a poem no rule cites is not reported.

The note call goes at the end of the quotation.  The first note to a source in
a part gives the full citation, later ones the short form.  Generated note
ids are `g{part}-{k}` (the author's are `n{part}-{label}`); the numbering
transform numbers them all in one sequence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..corpora.ledger import citation_text, full_citation, short_citation
from ..errors import InputError
from ..i18n import commas, msg
from ..model import (
    Block,
    Book,
    Break,
    Cite,
    Emphasis,
    Figure,
    Finding,
    Heading,
    Inline,
    Link,
    List,
    Note,
    NoteRef,
    Paragraph,
    Part,
    Poem,
    Provenance,
    Quotation,
    Removed,
    SignOff,
    Source,
    Table,
    Text,
    Verse,
    plain_text,
    replace,
)
from ..text.arabic import tokens
from .citing import INLINE_QUOTE, INLINE_WINDOW, SENTENCE_END, Ledger, TextBefore, is_via, say, via_source
from .walk import map_block

MIN_INLINE_WORDS = 4


@dataclass
class _PartState:
    """What the walk through one part knows."""

    part: Part
    ledger: Ledger
    digits: str
    notes: list[Note] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)
    via: Source | None = None  # `نقلا عن X` governs the quotations that follow
    attribution: Paragraph | None = None  # the attribution line just before
    inferred: set[str] = field(default_factory=set)  # ids of notes no markup asked for

    def note(
        self, source: Source, rule: str, prov: Provenance, quoted: str, locator: str = "", via: Source | None = None
    ) -> NoteRef:
        """A generated note citing `source` (full the first time in the part)."""
        inlines = self._citation(source, locator)
        if rule == "src-via":  # the author read the words in this source, not in the original
            inlines = (Text("نقلًا عن: "), *inlines)
        elif via is not None and via.key != source.key:
            inlines = (*_without_full_stop(inlines), Text("، نقلًا عن: "), *self._citation(via, ""))
        note_id = f"g{self.part.number}-{len(self.notes) + 1}"
        if rule != "src-cite":
            self.inferred.add(note_id)
        self.notes.append(Note(note_id, inlines, prov, generated=True, rule=rule, source_key=source.key))
        text = citation_text(inlines)
        self.findings.append(
            Finding(
                "note",
                rule,
                msg("footnote added to «{text}»: {citation}", text=_short(quoted), citation=text, source=source.key),
                prov,
                "info",
                {"note": note_id, "source": source.key, "citation": text, "quotation": quoted},
            )
        )
        return NoteRef(note_id)

    def _citation(self, source: Source, locator: str):
        if source.key in self.cited:
            return short_citation(source, locator)
        self.cited.add(source.key)
        return full_citation(source, locator, self.ledger.by_key)

    def unsourced(self, prov: Provenance, quoted: str, attribution: str = "") -> None:
        if attribution:
            message = msg(
                "quotation without a source: «{text}» (attributed by «{attribution}», "
                "but no source in {file} has that name)",
                text=_short(quoted),
                attribution=_short(attribution),
                file="sources.toml",
            )
        else:
            message = msg("quotation without a source: «{text}»", text=_short(quoted))
        self.findings.append(
            Finding(
                "unsourced",
                "src-unsourced",
                message,
                prov,
                "warning",
                {"quotation": quoted, "attribution": attribution},
            )
        )


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split()).strip("«»“”")
    return text if len(text) <= width else text[: width - 1] + "…"


def _without_full_stop(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    last = inlines[-1] if inlines else None
    if isinstance(last, Text) and last.text.endswith("."):
        return (*inlines[:-1], Text(last.text[:-1])) if last.text[:-1] else inlines[:-1]
    return inlines


def add_source_notes(book: Book) -> tuple[Book, list[Finding]]:
    ledger = Ledger(book.sources)
    findings: list[Finding] = []
    parts = []
    for part in book.parts:
        state = _PartState(part, ledger, book.meta.digits)
        blocks = [b if isinstance(b, Removed) else _block(b, state) for b in part.blocks]
        parts.append(replace(part, blocks=tuple(blocks), notes=(*part.notes, *state.notes)))
        findings.extend(state.findings)
    return replace(book, parts=tuple(parts)), findings


# ---------------------------------------------------------------- the walk


def _block(block: Block, state: _PartState) -> Block:
    block = _explicit_cites(block, state)
    if isinstance(block, Quotation):
        block = _quotation(block, state)
        state.attribution = None
        return block
    if isinstance(block, Paragraph):
        block = _inline_quotations(block, state)
        if block.attributes_quote:
            state.attribution = block
            via = via_source(plain_text(block.inlines), state.ledger)
            if via is not None:
                state.via = via
        else:
            state.attribution = state.via = None
        return block
    if isinstance(block, Poem):
        block = _poem(block, state)
        state.attribution = state.via = None
        return block
    # a figure, a table or a list between an attribution and a quotation ends it
    if isinstance(block, (Heading, SignOff, Break, Figure, Table, List)):
        state.attribution = state.via = None
    elif isinstance(block, Verse):
        state.attribution = None
    return block


def _explicit_cites(block: Block, state: _PartState) -> Block:
    """`[@key, locator]` -> a note call and a generated note (src-cite)."""

    def cite(node: Inline, prov: Provenance) -> Inline:
        if not isinstance(node, Cite):
            return node
        source = state.ledger.by_key.get(node.key)
        if source is None:
            cite, known = f"[@{node.key}]", sorted(state.ledger.by_key)
            if not known:
                message = msg("{cite} cites no source of {file} ({file} is empty)", cite=cite, file="sources.toml")
            else:
                message = msg(
                    "{cite} cites no source of {file} (known: {known})",
                    cite=cite,
                    file="sources.toml",
                    known=commas(known),
                )
            raise InputError(message, prov.file, prov.line)
        return state.note(source, "src-cite", prov, plain_text(_paragraph_of(block, prov)), node.locator)

    return map_block(block, cite)


def _paragraph_of(block: Block, prov: Provenance) -> tuple[Inline, ...]:
    if isinstance(block, Quotation):
        return next((p.inlines for p in block.paragraphs if p.prov == prov), block.paragraphs[0].inlines)
    return getattr(block, "inlines", ())


def _has_own_note(inlines: tuple[Inline, ...], inferred: set[str]) -> bool:
    """The author's note call or citation (explicit markup wins), not a note
    this transform inferred (for an inline quotation of an attribution line)."""
    for node in inlines:
        if isinstance(node, Cite) or (isinstance(node, NoteRef) and node.note_id not in inferred):
            return True
        if isinstance(node, (Emphasis, Link)) and _has_own_note(node.children, inferred):
            return True
    return False


def _quotation(block: Quotation, state: _PartState) -> Quotation:
    paras = block.paragraphs
    attribution = state.attribution
    own = [*paras, attribution] if attribution else paras
    if any(_has_own_note(p.inlines, state.inferred) for p in own):
        return block
    text = "\n".join(plain_text(p.inlines) for p in paras)
    attr_text = plain_text(attribution.inlines) if attribution else ""
    rule, source = _block_source(text, attr_text, state)
    if source is None:
        state.unsourced(block.prov, text, attr_text)
        return block
    via = state.via if rule == "src-attribution" else None
    ref = state.note(source, rule, block.prov, text, via=via)
    last = paras[-1]
    paras = (*paras[:-1], replace(last, inlines=(*last.inlines, ref)))
    return replace(block, paragraphs=paras, kind=block.kind or source.kind)


def _poem(block: Poem, state: _PartState) -> Poem:
    """A poem's source note, as an attributed quotation's: the line
    introducing it names a source («قال المتنبي:», the diwan's alias), or
    its words hold a source's match phrase, or `نقلا عن X` governs it.  The
    call goes at the end of the last bayt.  A poem no rule cites is no
    finding: verse is quoted without a source more often than not («قال
    الشاعر:»), and an author's own poem has none."""
    attribution = state.attribution
    if attribution is not None and _has_own_note(attribution.inlines, state.inferred):
        return block
    if any(_has_own_note(half, state.inferred) for b in block.bayts for half in (b.sadr, b.ajuz)):
        return block
    text = "\n".join(" ".join(plain_text(h) for h in (b.sadr, b.ajuz) if h) for b in block.bayts)
    rule, source = _block_source(text, plain_text(attribution.inlines) if attribution else "", state)
    if source is None:
        return block
    ref = state.note(source, rule, block.prov, text, via=state.via if rule == "src-attribution" else None)
    last = block.bayts[-1]
    last = replace(last, ajuz=(*last.ajuz, ref)) if last.ajuz else replace(last, sadr=(*last.sadr, ref))
    return replace(block, bayts=(*block.bayts[:-1], last))


def _block_source(text: str, attribution: str, state: _PartState) -> tuple[str, Source | None]:
    if attribution:
        named = [n for n in state.ledger.names(tokens(attribution)) if not is_via(tokens(attribution), n[0])]
        if named:
            return "src-attribution", named[-1][2]  # the name nearest the colon
    source = state.ledger.matched(text)
    if source is not None:
        return "src-match", source
    if state.via is not None:
        return "src-via", state.via
    return "", None


def _inline_quotations(para: Paragraph, state: _PartState) -> Paragraph:
    """Note calls after the «…» / “…” quotations of a paragraph."""
    out: list[Inline] = []
    inlines = para.inlines
    sentence = TextBefore()
    for i, node in enumerate(inlines):
        if not isinstance(node, Text):
            out.append(node)
            sentence.add(plain_text((node,)))
            continue
        pos = 0
        for m in INLINE_QUOTE.finditer(node.text):
            quoted = m.group(0)
            if len(quoted[1:-1].split()) < MIN_INLINE_WORDS:
                continue
            rest = node.text[m.end() :]
            follows = inlines[i + 1] if i + 1 < len(inlines) else None
            if not rest.strip() and isinstance(follows, (NoteRef, Cite)):
                continue  # the author's own note or citation
            rule, source = _inline_source(sentence.text() + node.text[: m.start()], quoted, state)
            if source is None:
                state.unsourced(para.prov, quoted)
                continue
            out.append(Text(node.text[pos : m.end()]))
            out.append(state.note(source, rule, para.prov, quoted))
            pos = m.end()
        if pos < len(node.text):
            out.append(Text(node.text[pos:]))
        sentence.add(node.text)
    return replace(para, inlines=tuple(out))


def _inline_source(before: str, quoted: str, state: _PartState) -> tuple[str, Source | None]:
    sentence = SENTENCE_END.split(before)[-1]
    words = tokens(sentence)
    for start, end, source in reversed(state.ledger.names(words)):
        if len(words) - end > INLINE_WINDOW:
            break
        near = words[max(0, start - 2) : start] + words[end : end + 1]
        if any(say(w) for w in near):
            return "src-inline-attribution", source
    source = state.ledger.matched(quoted)
    if source is not None:
        return "src-match", source
    return "", None
