"""Rules that recognise structure in text as authors paste it.

Shared by the plain-text and Markdown readers so both produce the same model:
part numbers in titles, section headings (`فتح الشام وفلسطين:`), lines that
attribute a quotation (`يقول الطبري:`), quotation marks, Qur'an brackets with
the reference typed after them, and series sign-offs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..corpora.surahs import trailing_ref
from ..model import (
    Bayt,
    Block,
    Break,
    Emphasis,
    Heading,
    Inline,
    Isolate,
    LineBreak,
    Link,
    List,
    NoteRef,
    Paragraph,
    Poem,
    Provenance,
    Quotation,
    Quran,
    SignOff,
    Text,
    Verse,
    VerseRef,
    plain_text,
)
from ..model import Cite as CiteMark
from ..model import Code as CodeSpan
from ..text.arabic import key, ordinal_value, to_western_digits, tokens
from ..text.listmarks import read_marker

# ---------------------------------------------------------------- part numbers

_NUMBER_IN_TITLE = [
    re.compile(r"[(\[]\s*([0-9٠-٩۰-۹]+)\s*[)\]]"),  # بقعة ضوء (٤)
    re.compile(r"(?:^|\s)[-–—:#]?\s*([0-9٠-٩۰-۹]+)\s*$"),  # بقعة ضوء - 4
]
_SERIES_WORDS = ("الحلقه", "الجزء", "المقال", "الحلقات", "حلقه", "جزء", "المقاله")
_FILE_NUMBER = re.compile(r"^([0-9٠-٩۰-۹]+)(?=[-_ .]|$)")
_DIGITS = re.compile(r"[0-9٠-٩۰-۹]+")


def parse_digits(text: str) -> int | None:
    """The value of a run of Western, Arabic-Indic or Persian digits, else
    None (`²`, `١٢a`).  A runaway run (a date, 30 digits) is kept as a value
    over config.MAX_PART_NUMBER without making a huge integer."""
    s = text.strip()
    if not _DIGITS.fullmatch(s):
        return None
    s = to_western_digits(s).lstrip("0") or "0"
    return int(s) if len(s) <= 18 else 10**18


def number_from_title(title: str) -> int | None:
    for pattern in _NUMBER_IN_TITLE:
        m = pattern.search(title)
        if m:
            return parse_digits(m.group(1))
    words = tokens(title)
    for i, w in enumerate(words):
        if w in _SERIES_WORDS:
            value = ordinal_value(words[i + 1 : i + 3])
            if value is not None:
                return value
            if i + 1 < len(words) and (value := parse_digits(words[i + 1])) is not None:
                return value
    return None


def number_from_filename(name: str) -> int | None:
    m = _FILE_NUMBER.match(name)
    return parse_digits(m.group(1)) if m else None


# ---------------------------------------------------------------- line kinds

# words that, in a line ending with a colon, say a quotation follows
_ATTRIBUTION_WORDS = frozenset(
    tokens(
        "يقول قال قالت كتب يكتب روى رواه يروي روت نقلا نقل ينقل ذكر يذكر أورد يورد "
        "نصه فيقول فقال ويقول وقال وكتب فكتب حدثنا أخبرنا يحكي حكى جاء أضاف يضيف "
        "يرى ويرى يؤكد أكد يصف وصف"
    )
)
# the last word of a line after which the next line is the quoted text itself
_SAY_WORDS = frozenset(tokens("يقول قال قالت كتب يكتب فيقول فقال ويقول وقال فكتب وكتب نصه أضاف يضيف"))
MAX_HEADING_WORDS = 14


def ends_with_colon(line: str) -> bool:
    return line.rstrip().endswith((":", "："))


def is_attribution(line: str) -> bool:
    """A line ending with ':' that introduces a quotation (`يقول الطبري:`)."""
    if not ends_with_colon(line):
        return False
    return any(w in _ATTRIBUTION_WORDS for w in tokens(line))


def ends_with_say(line: str) -> bool:
    """`... كتب يقول:` - the next line is the quotation, marked or not."""
    words = tokens(line)
    return ends_with_colon(line) and bool(words) and words[-1] in _SAY_WORDS


def is_heading(line: str) -> bool:
    """A short line ending with ':' that is not an attribution."""
    s = line.strip()
    if not ends_with_colon(s) or is_attribution(s):
        return False
    words = s[:-1].split()
    return 0 < len(words) <= MAX_HEADING_WORDS and not re.search(r"[.؟?!،,]\s*:?$", s[:-1])


SIGN_OFFS = (
    "وللحديث بقية إن شاء الله",
    "للحديث بقية",
    "وللحديث بقية",
    "وللموضوع بقية",
    "يتبع",
    "وإلى لقاء قادم",
    "وإلى اللقاء في الحلقة القادمة",
)


_SIGN_OFF_KEYS = tuple(key(p) for p in SIGN_OFFS)


def is_sign_off(line: str, extra: tuple[str, ...] = ()) -> bool:
    if len(line.split()) > 10:  # cheap test first: most lines are paragraphs
        return False
    k = key(line)
    if not k:
        return False
    keys = _SIGN_OFF_KEYS + tuple(key(p) for p in extra)
    return any(k == p or k.startswith(p + " ") for p in keys)


# ---------------------------------------------------------------- scene breaks

# a line of only these (and spaces) is a scene break: `***`, `* * *`, `•••`,
# `⁂`, `ـــــ` (tatweel), `~~~`, `---`, `۞`
_ORNAMENTS = "*•·∙⁂※⁕✱✲✳✽✻❖◆◇◈○●◦❋❊✦✧۞۩-–—_~=ـ#"
_SINGLE_ORNAMENTS = "⁂※۞۩❖✽✻❋❊"


def is_scene_break(line: str) -> bool:
    """A line that is only ornaments: three at least, or one of the
    ornaments that stand alone (`⁂`)."""
    marks = "".join(line.split())
    if not marks or any(ch not in _ORNAMENTS for ch in marks):
        return False
    return len(marks) >= 3 or any(ch in _SINGLE_ORNAMENTS for ch in marks)


# ---------------------------------------------------------------- quotes

QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“"}
VERSE_PAIRS = {"﴿": "﴾", "{": "}"}
_TRAILING_PUNCT = " \t.،,؛;:!?؟…"


def closing_index(text: str, start: int, open_ch: str, close_ch: str) -> int:
    """Index of the mark closing the one at `start`, or -1 (nesting aware)."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch == open_ch and (open_ch != close_ch or i == start):
            depth += 1
        elif ch == close_ch:
            depth -= 1
            if depth == 0:
                return i
    return -1


def quote_opening(line: str) -> tuple[str, str] | None:
    """The quote pair if the line starts with an opening quote mark."""
    s = line.lstrip()
    if s[:1] in QUOTE_PAIRS:
        return s[0], QUOTE_PAIRS[s[0]]
    return None


def closes_at_end(line: str, open_ch: str, close_ch: str) -> bool:
    """Does the quotation opened at the start of `line` close at its end?"""
    s = line.strip()
    end = closing_index(s, 0, open_ch, close_ch)
    return end >= 0 and not s[end + 1 :].strip(_TRAILING_PUNCT)


def ends_with_close(line: str, close_ch: str) -> bool:
    return line.rstrip(_TRAILING_PUNCT).endswith(close_ch)


# ---------------------------------------------------------------- verses


def verse_line(line: str) -> Quran | None:
    """A line that is one Qur'an quotation, with an optional typed reference."""
    s = line.strip()
    if s[:1] not in VERSE_PAIRS:
        return None
    open_ch, close_ch = s[0], VERSE_PAIRS[s[0]]
    end = closing_index(s, 0, open_ch, close_ch)
    if end < 0:
        return None
    lead, typed, ref, after = "", "", None, end + 1
    if s[end + 1 :].strip(_TRAILING_PUNCT):
        found = ref_after(s, end + 1)
        if found is None or s[found[3] :].strip(_TRAILING_PUNCT + "])"):
            return None  # other text follows: it is a paragraph with a verse in it
        lead, typed, ref, after = found
        tail = s[after:].strip()
        if tail in ("]", ")"):
            typed += tail
    return Quran(
        text=s[1:end].strip(),
        brackets=open_ch + close_ch,
        typed_ref=typed,
        ref=ref,
        ref_status="typed" if ref else "",
        ref_lead=lead,
    )


# words an author types between a verse and its reference: «الآية» (the
# verse …), «الآيات», «إلى قوله» (… up to His saying), compared by key
_LEAD_KEYS = frozenset({"الايه", "الايات", "ايه", "ايات", "الي قوله", "الي قوله تعالي", "الي اخر الايه"})
_LEAD_COMMA = re.compile(r"\s*(?:[،,]\s*)?")
_LEAD_WORD = re.compile(r"([^\s\[\](){}﴿﴾،,:.]+)[:،,]?\s*")


def ref_after(text: str, pos: int) -> tuple[str, str, VerseRef, int] | None:
    """The reference typed after a verse closing before `pos`: (lead, typed
    reference, its meaning, end).  `lead` is what stands between the verse
    and the reference, verbatim: "", " الآية " or "، " (after a bare comma
    only a bracketed reference counts)."""
    found = trailing_ref(text[pos:])
    if found is not None:
        return _located(text, pos, pos, *found)
    comma = _LEAD_COMMA.match(text, pos)
    cursor, words = comma.end(), []
    starts = [(cursor, True)] if comma.group().strip() else []
    while len(words) < 4 and (m := _LEAD_WORD.match(text, cursor)):
        words.append(m.group(1))
        cursor = m.end()
        if key(" ".join(words)) in _LEAD_KEYS:
            starts.append((cursor, False))
    for start, bracketed_only in reversed(starts):
        found = trailing_ref(text[start:])
        if found is not None and (not bracketed_only or found[0][:1] in "[("):
            return _located(text, pos, start, *found)
    return None


def _located(text: str, pos: int, start: int, typed: str, ref: VerseRef) -> tuple[str, str, VerseRef, int]:
    at = text.find(typed, start)
    after = at + len(typed)
    # keep a closing bracket of a bracketed reference with it
    if text[after : after + 1] in ("]", ")") and typed[:1] in "[(":
        after += 1
    if start == pos:
        return "", text[pos:after].strip(), ref, after
    return text[pos:at], text[at:after].strip(), ref, after


def split_verses(text: str) -> tuple[Inline, ...]:
    """Plain text -> Text and inline Quran nodes (﴿…﴾ or {…} with a reference)."""
    if "﴿" not in text and "{" not in text:
        return (Text(text),) if text else ()
    out: list[Inline] = []
    pos = 0
    for start, end, quote in verse_spans(text):
        if start > pos:
            out.append(Text(text[pos:start]))
        out.append(quote)
        pos = end
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


def verse_spans(text: str) -> list[tuple[int, int, Quran]]:
    """The inline Qur'an quotations of `text`: (start, end, node), where
    text[start:end] is the brackets, the verse and its typed reference
    (a reader whose text carries formatting cuts its runs there)."""
    if "﴿" not in text and "{" not in text:
        return []
    out: list[tuple[int, int, Quran]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in VERSE_PAIRS:
            end = closing_index(text, i, ch, VERSE_PAIRS[ch])
            inner = text[i + 1 : end] if end > 0 else ""
            if end > 0 and _looks_like_verse(inner):
                lead, typed, ref, after = "", "", None, end + 1
                found = ref_after(text, end + 1)
                if found is not None:
                    lead, typed, ref, after = found
                quote = Quran(
                    text=inner.strip(),
                    brackets=ch + VERSE_PAIRS[ch],
                    typed_ref=typed,
                    ref=ref,
                    ref_status="typed" if ref else "",
                    ref_lead=lead,
                )
                out.append((i, after, quote))
                i = after
                continue
        i += 1
    return out


def _looks_like_verse(inner: str) -> bool:
    """Braces may hold other things; a verse is Arabic words."""
    words = inner.split()
    return len(words) >= 2 and all(re.search("[\u0621-\u064a]", w) for w in words[:3])


# ---------------------------------------------------------------- paragraphs -> blocks

# a quotation opened in one paragraph closes within this many paragraphs, or
# it is not a multi-paragraph quotation (as text.MAX_QUOTE_LINES)
MAX_QUOTE_PARAGRAPHS = 40


@dataclass(frozen=True)
class Para:
    """A paragraph as the rules see it: `text` is what they read (the plain
    text as typed), `inlines` the content kept (with the formatting and note
    calls a Word paragraph carries); `level` is a heading level the source
    itself states (a Word heading style), 0 when the rules decide."""

    text: str
    inlines: tuple[Inline, ...]
    prov: Provenance
    level: int = 0
    quoted: bool = False  # the source says it is quoted text (Word's Quote style)
    verse: bool = False  # the source says it is verse (a poem style, a table of hemistichs)
    # a figure, a table or a list the source made (a Word table): taken as it
    # is; `inlines` then holds its content in reading order (its note calls)
    block: Block | None = None


def infer_blocks(paras: list[Para], sign_offs: tuple[str, ...] = ()) -> list[Block]:
    """The blocks of a part's body: the plain-text reader's rules
    (text.read_text) over paragraphs that may carry inline formatting."""
    blocks: list[Block] = []
    # what the verse rules read: a paragraph with a style of its own is never
    # a hemistich here (a note call or emphasis is kept in the half); quoted
    # paragraphs are read below, as a whole run
    lines = ["" if p.level or p.quoted or p.verse else p.text for p in paras]
    provs = [p.prov for p in paras]
    contents = [p.inlines for p in paras]
    i = 0
    while i < len(paras):
        para = paras[i]
        line, prov = para.text, para.prov
        if para.block is not None:
            blocks.append(para.block)
            i += 1
            continue
        verse = None if para.level or _has_call(para.inlines) else verse_line(line)
        pair = quote_opening(line)
        if is_scene_break(line) and not _has_call(para.inlines):
            # an ornament line (`* * *`, `⁂`), even centred and bold or in a heading style
            blocks.append(Break(prov))
        elif lines[i] and (introduced := poem_after(lines, i)):
            blocks.append(Paragraph(para.inlines, prov, attributes_quote=True))
            blocks.append(make_poem(introduced, provs, contents))
            i = introduced[-1].last
        elif lines[i] and (bayts := poem_from(lines, i)):
            blocks.append(make_poem(bayts, provs, contents))
            i = bayts[-1].last
        elif para.level:
            blocks.append(Heading(para.level, para.inlines, prov))
        elif para.verse:
            # consecutive paragraphs the source marks as verse: one poem
            end = i
            while end + 1 < len(paras) and paras[end + 1].verse:
                end += 1
            blocks.append(marked_poem(paras[i : end + 1]))
            i = end
        elif para.quoted and verse is None:
            # consecutive paragraphs the source marks as quoted: one quotation
            end = i
            while end + 1 < len(paras) and paras[end + 1].quoted and not paras[end + 1].level:
                end += 1
            intro = paras[i - 1].text if i > 0 and not paras[i - 1].quoted else ""
            # (the lines of a paragraph broken by <br> as its content has them)
            texts = [plain_text(p.inlines) if LineBreak() in p.inlines else p.text for p in paras[i : end + 1]]
            if found := quoted_poem(texts, intro):
                # ... or a quoted poem (a web page's <blockquote> of bayts, Word's Quote style)
                found = [replace(b, first=b.first + i, last=b.last + i) for b in found]
                blocks.append(make_poem(found, provs, contents))
                i = found[-1].last + 1
                continue
            quoted = tuple(Paragraph(p.inlines, p.prov) for p in paras[i : end + 1])
            marks = "".join(pair) if pair and ends_with_close(paras[end].text, pair[1]) else ""
            blocks.append(Quotation(quoted, replace(prov, end_line=paras[end].prov.end_line), marks))
            i = end
        elif verse is not None:
            blocks.append(Verse(verse, prov))
        elif pair and closes_at_end(line, *pair):
            blocks.append(Quotation((Paragraph(para.inlines, prov),), prov, "".join(pair)))
        elif pair and (end := _quote_end(paras, i, pair[1])) is not None:
            quoted = tuple(Paragraph(p.inlines, p.prov) for p in paras[i : end + 1])
            span = replace(prov, end_line=paras[end].prov.end_line)
            blocks.append(Quotation(quoted, span, "".join(pair)))
            i = end
        elif is_sign_off(line, sign_offs):
            blocks.append(SignOff(para.inlines, prov))
        elif is_heading(line) and not (i + 1 < len(paras) and isinstance(paras[i + 1].block, List)):
            # (a line ending with a colon before a list introduces it: not a heading)
            blocks.append(Heading(2, para.inlines, prov))
        elif is_attribution(line):
            blocks.append(Paragraph(para.inlines, prov, attributes_quote=True))
            # `كتب يقول:` followed by an unmarked paragraph: that one is the quotation
            if ends_with_say(line) and i + 1 < len(paras) and _unmarked_quote(paras[i + 1], sign_offs):
                i += 1
                nxt = Paragraph(paras[i].inlines, paras[i].prov)
                blocks.append(Quotation((nxt,), nxt.prov, ""))
        else:
            blocks.append(Paragraph(para.inlines, prov))
        i += 1
    return blocks


def _has_call(inlines: tuple[Inline, ...]) -> bool:
    """A note call, which a Verse block cannot carry."""
    for node in inlines:
        if isinstance(node, NoteRef):
            return True
        if isinstance(node, (Emphasis, Link)) and _has_call(node.children):
            return True
    return False


def _quote_end(paras: list[Para], start: int, close_ch: str) -> int | None:
    """Index of the paragraph that closes a quotation opened at `start`."""
    for j in range(start + 1, min(len(paras), start + MAX_QUOTE_PARAGRAPHS)):
        para = paras[j]
        if para.level or quote_opening(para.text) or verse_line(para.text) or is_heading(para.text):
            return None
        if ends_with_close(para.text, close_ch):
            return j
    return None


def _unmarked_quote(para: Para, sign_offs: tuple[str, ...]) -> bool:
    line = para.text
    return not (
        para.level
        or quote_opening(line)
        or verse_line(line)
        or is_heading(line)
        or is_attribution(line)
        or is_sign_off(line, sign_offs)
    )


# ---------------------------------------------------------------- verse (bayts)

# what authors type between the two halves of a bayt.  Strong separators make
# a line a bayt on their own; weak ones (which prose also holds: an ellipsis,
# a lone asterisk, a run of spaces) only in a run of two bayts at least, or
# after a line that introduces verse
_STRONG_SEPARATOR = re.compile(r"[ \t\u00a0]*\*{2,3}[ \t\u00a0]*|[ \u00a0]+ـ{2,}[ \u00a0]+|[ \u00a0]*\t+[ \u00a0]*")
_WEAK_SEPARATOR = re.compile(r"[ \u00a0]+(?:\*|…|\.\.\.)[ \u00a0]+| {3,}")
# a hemistich: a few words, Arabic, not a list item or a numbered line
MAX_HALF_WORDS = 10
MAX_HALF_LETTERS = 42
MAX_SHORT_LINE_WORDS = 9  # a half typed on a line of its own
MAX_SHORT_LINE_LETTERS = 45
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LIST_START = re.compile(r"^\s*(?:[-•·*–—]\s|[0-9٠-٩۰-۹]+\s*[-.)]\s*|\(?[0-9٠-٩۰-۹]+\))")
# words that, in a line ending with a colon, say verse follows
_VERSE_WORDS = frozenset(
    tokens(
        "الشاعر شاعر الشعراء الشعر شعر شعره شعرا أنشد وأنشد فأنشد ينشد أنشدني أنشدنا أنشده الأبيات أبيات "
        "البيت بيت بيتا البيتين بيتين قصيدة قصيدته القصيدة قصيدتها ديوان ديوانه نظم ينظم المتنبي المعلقة معلقة معلقته "
        "أنشدوا وأنشدوا ينشدون القائل قائلهم قيل وقيل فقيل تمثل وتمثل فتمثل متمثلا يتمثل ترنم يترنم الراجز رجز"
    )
)
# the longer half of a bayt may be this many times the shorter before the
# bayt is doubted (lint) or, for halves typed a line each, not paired at all
BALANCE = 1.6
# halves more unequal than this are not a bayt at all
MISSPLIT = 2.5
_SENTENCE_END = re.compile(r"[.!]\s*$")
# prose punctuation: a hemistich pasted with a weak separator holds none
# (a sentence's stop, a comma, a question, a colon of dialogue, quotes)
_PROSE_MARKS = re.compile(r"[.،,؛;:!؟?«»\"“”()\[\]]")
# a half of a weak-separated bayt has at least this many letters (the
# shortest metres' hemistichs have some ten): `ثم سكت … وانصرف` is prose
MIN_WEAK_HALF_LETTERS = 9
# the halves of a run of weak-separated bayts are of one metre: the longest
# at most this many times the shortest
METRE = 1.5
# a run of bayts with a weak separator (` … `, ` * `, spaces), no line
# introducing it, is verse when it has this many bayts at least; two lines
# of prose with a pause each are common (dialogue, a narrated scene)
MIN_WEAK_RUN = 3


@dataclass(frozen=True)
class BaytLine:
    """A bayt found on one line: its two halves as typed and the separator."""

    sadr: str
    ajuz: str
    separator: str
    strong: bool


def letters_count(text: str) -> int:
    """The letters of a text (what its length on the line depends on)."""
    return len(_ARABIC_LETTER.findall(text)) + sum(ch.isalnum() and ch.isascii() for ch in text)


def is_half(text: str, max_words: int = MAX_HALF_WORDS, max_letters: int = MAX_HALF_LETTERS) -> bool:
    """Could this be one hemistich: Arabic, a few words, no Qur'an brackets."""
    words = text.split()
    return (
        0 < len(words) <= max_words
        and letters_count(text) <= max_letters
        and _ARABIC_LETTER.search(text) is not None
        and not any(ch in text for ch in "﴿﴾{}")
    )


def holds_figures(text: str) -> bool:
    """Digits: a table's row holds figures, a poet writes numbers in words
    (but may name a year in a line typed with `***`)."""
    return _DIGITS.search(text) is not None


def bayt_line(line: str) -> BaytLine | None:
    """The two halves of a line holding a bayt (`صدر *** عجز`), or None.

    One separator only; each half a hemistich; a word split across the
    halves with a tatweel (`فلا يثـ *** قل`) stays as the poet split it."""
    s = line.strip()
    if not s or is_scene_break(s) or is_list_line(s):
        return None
    for pattern, strong in ((_STRONG_SEPARATOR, True), (_WEAK_SEPARATOR, False)):
        found = list(pattern.finditer(s))
        if not found:
            continue
        if len(found) != 1:
            return None
        m = found[0]
        sadr, ajuz = s[: m.start()].strip(), s[m.end() :].strip()
        # a hemistich has three words and more; two only with the poet's `***`
        # (a tab, a dash of tatweels or spaces also join a table's cells, a
        # dateline `القاهرة الجديدة ـــ محمد أحمد`)
        least = 2 if strong and "*" in m.group() else 3
        if not (is_half(sadr) and is_half(ajuz)) or min(len(sadr.split()), len(ajuz.split())) < least:
            return None
        if ends_with_colon(sadr) or ":" in sadr or not balanced(sadr, ajuz, MISSPLIT):
            return None  # `أولا: … *** ثانيا`: a list or a note, not verse
        if (not strong or "\t" in m.group()) and holds_figures(without_calls(sadr + ajuz)):
            return None  # a row of a table pasted with a tab, spaces or dots; `***` is the poet's
        return BaytLine(sadr, ajuz, m.group(), strong)
    return None


def is_list_line(line: str) -> bool:
    """A line opening with a list marker (`-`, `١-`, `أ-`, `(ب)`): an item, not verse."""
    return _LIST_START.match(line) is not None or read_marker(line.strip()) is not None


# a note call typed after a word (`تعرفني(١)`, `تعرفني [2]`)
_TYPED_CALL = re.compile(r"\s?[(\[][0-9٠-٩۰-۹]{1,3}[)\]]")


def without_calls(text: str) -> str:
    """The text without the note calls typed in it (`(١)`): a hemistich may
    carry one at its end, which is no figure of a table."""
    return _TYPED_CALL.sub("", text)


def verse_like(bayt: BaytLine) -> bool:
    """Could a bayt typed with a weak separator be verse rather than prose
    with a pause in it: no prose punctuation (but a note call), halves of a
    metre's length."""
    halves = (without_calls(bayt.sadr), without_calls(bayt.ajuz))
    return all(
        not _PROSE_MARKS.search(h) and letters_count(h) >= MIN_WEAK_HALF_LETTERS and len(h.split()) >= 2 for h in halves
    )


def one_metre(run: list[BaytLine]) -> bool:
    """Are all the halves of a run of about one length (a metre's)?"""
    sizes = [letters_count(without_calls(h)) for b in run for h in (b.sadr, b.ajuz) if h]
    return bool(sizes) and max(sizes) <= METRE * min(sizes)


def introduces_verse(line: str) -> bool:
    """A line ending with ':' that introduces verse: «قال الشاعر:»,
    «كما قال المتنبي:», «وأنشد:», «الأبيات:»; also any attribution
    («قال فلان:») when what follows is paired as verse."""
    if not ends_with_colon(line) or len(line.split()) > MAX_HEADING_WORDS:
        return False
    words = tokens(line)
    return any(w in _VERSE_WORDS or w in _ATTRIBUTION_WORDS for w in words)


def names_verse(line: str) -> bool:
    """Does the introducing line say it is verse (not only «قال فلان:»)?"""
    return any(w in _VERSE_WORDS for w in tokens(line))


def balanced(a: str, b: str, ratio: float = BALANCE) -> bool:
    la, lb = letters_count(a), letters_count(b)
    return min(la, lb) > 0 and max(la, lb) <= ratio * min(la, lb)


def bayt_run(lines: list[str], start: int, after_intro: bool) -> list[BaytLine]:
    """The bayts typed one a line from `lines[start]` on (none when the run
    is one line with a weak separator and no line introduced it)."""
    run: list[BaytLine] = []
    for line in lines[start:]:
        found = bayt_line(line)
        if found is None:
            break
        run.append(found)
    if after_intro or all(b.strong and "*" in b.separator for b in run):
        return run
    if all(b.strong for b in run) and len(run) >= 2 and one_metre(run):
        return run  # tabs and tatweel dashes: a lone row, a table's rows of unequal cells are no poem
    # weak separators and no introduction: prose holds pauses (` … `), lone
    # stars and runs of spaces; verse only when every line looks like it
    weak = [b for b in run if not b.strong]
    if weak and len(run) >= MIN_WEAK_RUN and all(verse_like(b) for b in weak) and one_metre(run):
        return run
    # the `***` bayts the run opens with stand on their own
    strong = 0
    while strong < len(run) and run[strong].strong and "*" in run[strong].separator:
        strong += 1
    return run[:strong]


def paired_run(lines: list[str], start: int, intro: str) -> int:
    """After a line introducing verse, how many of the lines from `start` on
    are hemistichs typed one a line (an even count, paired as bayts), or 0.

    Each is short and Arabic; the two halves of each bayt are of balanced
    length, and so are all the lines (a hemistich is a metre's length); a
    line ending a sentence (`.`) is prose, unless the intro names verse."""
    taken: list[str] = []
    for line in lines[start:]:
        s = line.strip()
        if (
            not is_half(s, MAX_SHORT_LINE_WORDS, MAX_SHORT_LINE_LETTERS)
            or len(s.split()) < 2
            or is_list_line(s)
            or ":" in s  # a line of dialogue (`سألته: لماذا؟` `فقال: …`), a label
            or quote_opening(s)
            or bayt_line(s) is not None
        ):
            break
        taken.append(s)
    if len(taken) % 2:
        taken.pop()  # the line after the poem, as short as a hemistich
    if len(taken) < 2:
        return 0
    if not names_verse(intro) and any(_SENTENCE_END.search(s) for s in taken):
        return 0
    sizes = [letters_count(s) for s in taken]
    if max(sizes) > 2 * min(sizes):
        return 0
    if not all(balanced(taken[k], taken[k + 1]) for k in range(0, len(taken), 2)):
        return 0
    return len(taken)


def hemistich(text: str) -> tuple[Inline, ...]:
    return split_verses(text) if text else ()


@dataclass(frozen=True)
class FoundBayt:
    """A bayt the rules found: its halves as typed, the separator, and the
    indexes of its first and last line in the list the rules were given."""

    sadr: str
    ajuz: str
    separator: str
    first: int
    last: int


def poem_from(lines: list[str], i: int) -> list[FoundBayt]:
    """The bayts typed with a separator from `lines[i]` on."""
    after_intro = i > 0 and introduces_verse(lines[i - 1])
    run = bayt_run(lines, i, after_intro)
    return [FoundBayt(b.sadr, b.ajuz, b.separator, i + k, i + k) for k, b in enumerate(run)]


def poem_after(lines: list[str], i: int) -> list[FoundBayt]:
    """The bayts `lines[i]` introduces («قال الشاعر:»): typed with a
    separator, or one half a line and paired."""
    if not introduces_verse(lines[i]) or i + 1 >= len(lines):
        return []
    run = poem_from(lines, i + 1)
    if run:
        return run
    n = paired_run(lines, i + 1, lines[i])
    if n == 0 and lone_half(lines, i + 1, lines[i]):
        return [FoundBayt(lines[i + 1].strip(), "", "", i + 1, i + 1)]
    return [FoundBayt(lines[j].strip(), lines[j + 1].strip(), "\n", j, j + 1) for j in range(i + 1, i + 1 + n, 2)]


def quoted_poem(lines: list[str], intro: str) -> list[FoundBayt]:
    """A run of lines the source quotes (a <blockquote>) read as verse when
    all of it is: bayts typed with a separator (the weak ones under their
    own rules unless `intro` names verse), or, after a line naming verse
    («قال الشاعر:»), halves one a line; else nothing (quoted prose: a
    quotation of short lines after «يقول الطبري:» stays a quotation)."""
    named = introduces_verse(intro) and names_verse(intro)
    run = bayt_run(lines, 0, named)
    if run and len(run) == len(lines):
        return [FoundBayt(b.sadr, b.ajuz, b.separator, k, k) for k, b in enumerate(run)]
    if not named:
        return []
    # halves one a line: a paragraph a half, or a bayt's two halves in one
    # paragraph, a line break between (`صدر<br>عجز`)
    split = [(k, piece) for k, line in enumerate(lines) for piece in line.split("\n")]
    texts = [piece for _, piece in split]
    if paired_run(texts, 0, intro) != len(texts):
        return []
    found = []
    for j in range(0, len(texts), 2):
        (a, sadr), (b, ajuz) = split[j], split[j + 1]
        if (a == b) != (lines[a].count("\n") == 1) or (a != b and "\n" in lines[a] + lines[b]):
            return []  # a paragraph holding a half and the next bayt's
        found.append(FoundBayt(sadr.strip(), ajuz.strip(), "\n", a, b))
    return found


def lone_half(lines: list[str], start: int, intro: str) -> bool:
    """After a line that names verse («قال الشاعر:», «وأنشد:»), one line as
    short as a hemistich, and no other after it: a lone half-line (mashṭūr)."""
    s = lines[start].strip()
    after = lines[start + 1].strip() if start + 1 < len(lines) else ""
    return (
        names_verse(intro)
        and is_half(s, MAX_SHORT_LINE_WORDS, MAX_SHORT_LINE_LETTERS)
        and len(s.split()) >= 3
        and not _PROSE_MARKS.search(without_calls(s))
        and not is_list_line(s)
        and not (after and is_half(after, MAX_SHORT_LINE_WORDS, MAX_SHORT_LINE_LETTERS))
    )


def make_poem(
    found: list[FoundBayt], provs: list[Provenance], contents: list[tuple[Inline, ...]] | None = None
) -> Poem:
    """The Poem of bayts found; `provs[k]` is where line k of the list
    stands, `contents[k]` its inline content when the reader has more than
    plain text (emphasis, note calls): each half then keeps its part of it."""

    def half(text: str, line: int, side: str) -> tuple[Inline, ...]:
        if contents is not None and text:
            kept = half_of(contents[line], text, side)
            if kept is not None:
                return kept
        return hemistich(text)

    bayts = tuple(
        Bayt(
            half(b.sadr, b.first, "sadr"),
            half(b.ajuz, b.last, "ajuz" if b.first == b.last else "line"),
            replace(provs[b.first], end_line=provs[b.last].end_line),
            b.separator,
        )
        for b in found
    )
    first, last = provs[found[0].first], provs[found[-1].last]
    return Poem(bayts, replace(first, end_line=last.end_line))


def half_of(inlines: tuple[Inline, ...], text: str, side: str) -> tuple[Inline, ...] | None:
    """The inline content of one half of a line: `side` is "sadr" (the
    half `text` opens the line with), "ajuz" (it ends it) or "line" (it is
    the whole line).  None when the content does not hold the text as the
    rules read it (then the half is set from its plain text)."""
    plain = plain_text(inlines)
    if side == "sadr":
        start = plain.find(text)
    elif side == "ajuz":
        start = plain.rfind(text)
    else:
        start = plain.find(text.strip())
        text = text.strip()
    if start < 0 or not text:
        return None
    cut = cut_inlines(inlines, start, start + len(text))
    if cut is None or plain_text(cut) != text:
        return None
    return merge_split(cut)


def cut_inlines(inlines: tuple[Inline, ...], start: int, end: int) -> tuple[Inline, ...] | None:
    """The inline content between two places of its plain text (as
    `model.plain_text` reads it), emphasis and links kept round what they
    hold; a note call at the end of the span is in it, one at its start is
    not.  None when the span cuts a Qur'an quotation."""
    out: list[Inline] = []
    pos = 0
    for node in inlines:
        if isinstance(node, (Text, CodeSpan, Isolate)):
            size = len(node.text)
            a, b = max(start, pos), min(end, pos + size)
            if a < b:
                out.append(replace(node, text=node.text[a - pos : b - pos]))
        elif isinstance(node, (Emphasis, Link)):
            size = len(plain_text(node.children))
            if start < pos + size and pos < end:
                inner = cut_inlines(node.children, start - pos, end - pos)
                if inner is None:
                    return None
                if inner:
                    out.append(replace(node, children=inner))
        elif isinstance(node, (NoteRef, CiteMark)):
            size = 0
            if start < pos <= end:
                out.append(node)
        else:  # a Qur'an quotation, a line break: whole or not at all
            size = len(plain_text((node,)))
            if start <= pos and pos + size <= end:
                out.append(node)
            elif start < pos + size and pos < end:
                return None
        pos += size
    return tuple(out)


def merge_split(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Adjacent Text joined; Qur'an brackets in Text read as the readers do."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return tuple(x for node in out for x in (split_verses(node.text) if isinstance(node, Text) else (node,)))


def marked_poem(paras: list[Para]) -> Poem:
    """A poem from paragraphs the source marks as verse: each holds a bayt
    (halves joined by a tab or a separator), or one half, paired with the
    next such paragraph (an odd one left is a lone half-line)."""
    bayts: list[Bayt] = []
    pending: list[Para] = []

    def kept(para: Para, text: str, side: str) -> tuple[Inline, ...]:
        found = half_of(para.inlines, text, side) if text else None
        return found if found is not None else hemistich(text)

    def flush() -> None:
        for k in range(0, len(pending), 2):
            pair = pending[k : k + 2]
            prov = replace(pair[0].prov, end_line=pair[-1].prov.end_line)
            ajuz = kept(pair[1], pair[1].text.strip(), "line") if len(pair) == 2 else ()
            bayts.append(Bayt(kept(pair[0], pair[0].text.strip(), "line"), ajuz, prov, "\n" if ajuz else ""))
        pending.clear()

    for para in paras:
        text = para.text.strip()
        if "\t" in text:
            sadr, _, ajuz = text.partition("\t")
            found: BaytLine | None = BaytLine(sadr.strip(), ajuz.strip(), "\t", True)
        else:
            found = bayt_line(text)
        if found is None:
            pending.append(para)
            continue
        flush()
        sadr, ajuz = kept(para, found.sadr, "sadr"), kept(para, found.ajuz, "ajuz")
        bayts.append(Bayt(sadr, ajuz, para.prov, found.separator))
    flush()
    return Poem(tuple(bayts), replace(paras[0].prov, end_line=paras[-1].prov.end_line))
