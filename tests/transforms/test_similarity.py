"""The near-repeat index finds exactly what comparing all pairs finds, and
the word diff reports the author's words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warraq.transforms.similarity import (
    Change,
    NearIndex,
    added_words,
    jaccard,
    shared_shingles,
    shingles,
    word_diff,
)

WORDS = ["أ", "ب", "ت", "ث", "ج", "ح", "خ", "د"]


def test_shingles_and_jaccard_by_hand():
    a = shingles(["كان", "الناس", "في", "ذلك", "الزمان"])  # 3 shingles
    b = shingles(["كان", "الناس", "في", "هذا", "الزمان"])  # shares the first only
    assert len(a) == len(b) == 3
    assert jaccard(a, b) == 1 / 5
    assert jaccard(a, a) == 1.0
    assert len(shingles(["كلمة"])) == 1 and shingles([]) == frozenset()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), min_size=1, max_size=25),
    st.sampled_from([0.5, 0.6, 0.75, 0.85, 0.9, 1.0]),
)
def test_index_finds_exactly_the_pairs_all_pairs_finds(texts, threshold):
    sets = [shingles(t) for t in texts]
    index = NearIndex(threshold, shared_shingles(sets))
    for i, s in enumerate(sets):
        expected = sorted(
            ((jaccard(s, sets[j]), j) for j in range(i) if jaccard(s, sets[j]) >= threshold),
            key=lambda hit: (-hit[0], hit[1]),
        )
        assert index.query(s) == expected
        index.add(i, s)


def test_word_diff_ignores_marks_and_punctuation_and_keeps_the_authors_spelling():
    kept = "قال عُمَرُ: إن هذا يوم من أيام الله"
    removed = "قال عمر، إن ذلك يوم من أيام الله تعالى"
    assert word_diff(kept, removed) == [Change("replace", "هذا", "ذلك", 3), Change("insert", "", "تعالى", 8)]
    assert added_words(word_diff(kept, removed)) == 1
    assert word_diff(kept, kept.replace("ُ", "")) == []
    # a stretch of the removed copy's own words: the longest counts
    assert added_words(word_diff("أ ب ت", "أ ج ح خ ب ت د")) == 3
