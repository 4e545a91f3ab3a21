"""`text.word_starts` finds a word standing alone as re.finditer with look-arounds would, without a
pattern compiled for each word (the entity table and the speaker sieves ask it of many words)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from indexer.text import word_starts

TEXTS = st.lists(st.sampled_from(["ann", "Ann", "anna", " ", "-", "'", "’", "_", "3", ".", "é", "\n"]),
                 max_size=30).map("".join)
BOUNDS = st.sampled_from(["_", "_'’-", "_-"])          # (what joins a word: "_" always, as in re's \w)


@settings(max_examples=400)
@given(TEXTS, st.sampled_from(["ann", "Ann", "an", "nn", "anna"]), BOUNDS, BOUNDS)
def test_word_starts_is_the_regex(text, word, before, after):
    """The same starts as the pattern it stands for, with any characters that join a word."""
    pattern = rf"(?<![\w{re.escape(before)}]){re.escape(word)}(?![\w{re.escape(after)}])"
    assert list(word_starts(text, word, before, after)) == [m.start() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("text, word, before, after, expected", [
    ("Vale said the vale was dry", "vale", "_", "_", [14]),
    ("co-worker and worker", "worker", "_'’-", "_'’-", [14]),
    ("the worker's union", "worker", "_'’-", "_-", [4]),          # an owner's mark may follow
    ("the worker's union", "worker", "_'’-", "_'’-", []),
    ("nothing here", "worker", "_", "_", []),
])
def test_word_starts_rows(text, word, before, after, expected):
    """Whole words only, with the characters that join a word on each side."""
    assert list(word_starts(text, word, before, after)) == expected
