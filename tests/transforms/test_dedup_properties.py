"""Never lose text: property tests of dedup over generated books.

Books are built from a small Arabic vocabulary so that exact repeats, runs of
repeats, copies with tashkeel, one-word edits, copies that add a sentence,
sign-offs, headings, verses and quotations all occur often."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warraq.config import BOILERPLATE_POLICIES, Config, DedupSettings
from warraq.model import (
    Block,
    Book,
    Break,
    Finding,
    Heading,
    Meta,
    Paragraph,
    Part,
    Provenance,
    Quotation,
    Quran,
    Removed,
    SignOff,
    Text,
    Verse,
    block_text,
)
from warraq.text.arabic import key, tokens
from warraq.transforms.dedup import MAX_VARIANT_WORDS, dedup
from warraq.transforms.similarity import added_words, jaccard, shingles, word_diff

VOCAB = [
    "الله",
    "الناس",
    "كان",
    "في",
    "على",
    "من",
    "إلى",
    "عمر",
    "خالد",
    "الشام",
    "الجيش",
    "المدينة",
    "قال",
    "النصر",
    "الحق",
    "الدولة",
    "بعد",
    "قبل",
    "حتى",
    "لم",
    "يكن",
    "هذا",
    "ذلك",
    "التاريخ",
    "المسلمون",
    "الروم",
    "القائد",
    "المعركة",
    "الفتح",
    "الكتاب",
]
SIGN_OFF = "وللحديث بقية إن شاء الله"
KINDS = ("paragraph", "paragraph", "paragraph", "heading", "verse", "quotation", "attribution", "signoff", "break")
REMOVING = ("exact", "near", "run", "boilerplate")

Spec = tuple[str, str]  # block kind, text


def make_block(kind: str, text: str, prov: Provenance) -> Block:
    inlines = (Text(text),)
    if kind == "heading":
        return Heading(2, inlines, prov)
    if kind == "verse":
        return Verse(Quran(text), prov)
    if kind == "quotation":
        return Quotation((Paragraph(inlines, prov),), prov)
    if kind == "attribution":
        return Paragraph(inlines, prov, attributes_quote=True)
    if kind == "signoff":
        return SignOff(inlines, prov)
    if kind == "break":
        return Break(prov)
    return Paragraph(inlines, prov)


def make_book(parts: list[list[Spec]]) -> Book:
    built = []
    for n, specs in enumerate(parts, 1):
        file = f"parts/{n:02d}.txt"
        blocks = tuple(make_block(kind, text, Provenance(file, line)) for line, (kind, text) in enumerate(specs, 2))
        built.append(Part(n, (Text(f"بقعة ضوء ({n})"),), blocks, file, Provenance(file, 1)))
    return Book(Meta("كتاب", "مؤلف"), tuple(built))


def config_of(dedup_settings: DedupSettings) -> Config:
    return Config(
        root=Path("."), meta=Meta("كتاب", "مؤلف"), parts_dir=Path("parts"), styles_dir=None, dedup=dedup_settings
    )


def with_tashkeel(text: str) -> str:
    return " ".join(w[0] + "\u064e" + w[1:] + "\u0650" if len(w) > 1 else w for w in text.split())


@st.composite
def variant(draw, text: str) -> str:
    """A copy of `text`: verbatim, with tashkeel and tatweel, one word
    changed / inserted / deleted, or with a sentence added."""
    words = text.split()
    how = draw(st.sampled_from(["same", "tashkeel", "change", "insert", "delete", "sentence"]))
    i = draw(st.integers(0, max(0, len(words) - 1)))
    if how == "tashkeel":
        return with_tashkeel(text).replace("ا", "ـا", 1)
    if how == "change" and words:
        words[i] = draw(st.sampled_from(VOCAB))
    elif how == "insert":
        words.insert(i, draw(st.sampled_from(VOCAB)))
    elif how == "delete" and len(words) > 1:
        del words[i]
    elif how == "sentence":
        words += draw(st.lists(st.sampled_from(VOCAB), min_size=5, max_size=8))
    return " ".join(words)


@st.composite
def books(draw) -> Book:
    parts: list[list[Spec]] = []
    for _ in range(draw(st.integers(1, 4))):
        specs: list[Spec] = []
        earlier = [s for p in parts for s in p] + specs
        for _ in range(draw(st.integers(0, 9))):
            earlier = [s for p in parts for s in p] + specs
            source = draw(st.sampled_from(["new", "new", "copy", "variant", "variant", "run", "signoff"]))
            if source == "signoff":
                specs.append(("signoff", SIGN_OFF))
            elif source == "copy" and earlier:
                specs.append(draw(st.sampled_from(earlier)))
            elif source == "variant" and earlier:
                kind, text = draw(st.sampled_from(earlier))
                specs.append((kind, draw(variant(text)) if kind != "break" else ""))
            elif source == "run" and len(earlier) >= 2:
                start = draw(st.integers(0, len(earlier) - 2))
                length = draw(st.integers(2, min(6, len(earlier) - start)))
                copied = earlier[start : start + length]
                if draw(st.booleans()):  # one block of the copy edited
                    i = draw(st.integers(0, length - 1))
                    kind, text = copied[i]
                    copied[i] = (kind, draw(variant(text)) if kind != "break" else "")
                specs.extend(copied)
            else:
                kind = draw(st.sampled_from(KINDS))
                words = draw(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=40))
                specs.append((kind, "" if kind == "break" else " ".join(words)))
        parts.append(specs)
    return make_book(parts)


dedup_settings = st.builds(
    DedupSettings,
    near_threshold=st.sampled_from([0.6, 0.85, 0.95]),
    min_words=st.sampled_from([3, 5, 8]),
    min_run=st.sampled_from([2, 3]),
    boilerplate=st.sampled_from(BOILERPLATE_POLICIES),
    phrases=st.sampled_from([(), ("الله أكبر",), ("الله الناس كان",)]),
)
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def unwrap(block: Block) -> Block:
    return block.block if isinstance(block, Removed) else block


def live_by_prov(book: Book) -> dict[Provenance, Block]:
    return {b.prov: b for p in book.parts for b in p.blocks if not isinstance(b, Removed)}


def names(f: Finding, block: Block) -> bool:
    """Does finding `f` name `block` as removed?"""
    prov = block.prov
    if f.rule == "boilerplate":
        return {"file": prov.file, "line": prov.line, "end_line": prov.end_line} in f.data["removed"]
    return f.prov.file == prov.file and f.prov.line <= prov.line and prov.end_line <= f.prov.end_line


@PROPERTY
@given(books(), dedup_settings)
def test_output_blocks_are_the_input_blocks_in_order(book, s):
    out, _ = dedup(book, config_of(s))
    assert len(out.parts) == len(book.parts)
    for before, after in zip(book.parts, out.parts, strict=True):
        assert [unwrap(b) for b in after.blocks] == list(before.blocks)
        assert (after.number, after.title, after.notes) == (before.number, before.title, before.notes)


@PROPERTY
@given(books(), dedup_settings)
def test_idempotent(book, s):
    config = config_of(s)
    once, _ = dedup(book, config)
    twice, findings = dedup(once, config)
    assert twice == once
    assert not [f for f in findings if f.rule in REMOVING]


@PROPERTY
@given(books(), dedup_settings)
def test_every_removed_block_is_reported_with_a_kept_copy(book, s):
    out, findings = dedup(book, config_of(s))
    by_id = {f.data["id"]: f for f in findings}
    assert len(by_id) == len(findings)  # ids are unique
    live = live_by_prov(out)
    order = {b.prov: i for i, b in enumerate(b for p in out.parts for b in p.blocks)}
    for part in out.parts:
        for block in part.blocks:
            if not isinstance(block, Removed):
                continue
            f = by_id[block.finding_id]
            original = block.block
            assert f.kind == "dedup" and f.rule == block.kind and names(f, original)
            if block.kind == "boilerplate":
                assert isinstance(original, (Paragraph, SignOff))
                if s.boilerplate == "remove-all":
                    assert block.kept is None
                else:
                    assert s.boilerplate == "keep-last"
                    assert key(block_text(live[block.kept])) == key(block_text(original))
                continue
            # a repeat: the kept copy is in the book, earlier, and says the same
            kept = live[block.kept]
            assert order[block.kept] < order[original.prov]
            a, b = block_text(kept), block_text(original)
            if key(a) != key(b):
                ta, tb = tokens(a), tokens(b)
                assert len(ta) >= s.min_words and len(tb) >= s.min_words
                assert jaccard(shingles(ta), shingles(tb)) >= s.near_threshold
                assert added_words(word_diff(a, b)) <= MAX_VARIANT_WORDS
            if block.kind in ("exact", "near"):
                # only the author's own paragraphs, long enough, go on their own
                assert type(original) is Paragraph and not original.attributes_quote
                assert len(tokens(b)) >= s.min_words


@PROPERTY
@given(books(), dedup_settings)
def test_every_normalised_paragraph_is_in_the_output_or_named(book, s):
    out, findings = dedup(book, config_of(s))
    live_keys = {key(block_text(b)) for b in live_by_prov(out).values()}
    removed = {b.block.prov: b for p in out.parts for b in p.blocks if isinstance(b, Removed)}
    for part in book.parts:
        for block in part.blocks:
            if key(block_text(block)) in live_keys:
                continue
            tomb = removed[block.prov]  # not in the output: then removed and named
            assert any(f.data["id"] == tomb.finding_id and names(f, block) for f in findings)
            assert tomb.kept is not None or tomb.kind == "boilerplate"


@st.composite
def unique_books(draw) -> Book:
    """Books without repeats: every block's words are found nowhere else."""
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
    word = st.text(alphabet=letters, min_size=3, max_size=7)
    used: set[str] = set()
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        specs = []
        for _ in range(draw(st.integers(1, 8))):
            words = draw(st.lists(word, min_size=1, max_size=20).filter(lambda ws: not used & set(ws)))
            used.update(words)
            kind = draw(st.sampled_from([k for k in KINDS if k not in ("break", "signoff")]))
            specs.append((kind, " ".join(words)))
        parts.append(specs)
    return make_book(parts)


@PROPERTY
@given(unique_books(), dedup_settings)
def test_a_book_without_repeats_passes_unchanged(book, s):
    out, findings = dedup(book, config_of(s))
    assert out == book and findings == []
