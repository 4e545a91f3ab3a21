"""Reading a window's sentences back from its end, a piece at a time (`tokens.read_back`,
`tokens.ends_back`), gives what tokenising the whole window and reading it back gives."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from indexer.extract.tokens import ENDS, ends_back, last_sentence, read_back, sentence_end, tokens

# words, abbreviations, initials and marks that end sentences or do not ("Mr.", "J.", "U.S.")
PIECES = ["Ann", "Lee", "said", "the", "plan", "Mr.", "J.", "U.S.", "Dr", "it", "won", ".", "!", "?", ";",
          ",", ":", '"', "“", "”", "'s", "(", ")", "on", "Friday", "3.5", "no.", "e.g."]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | \
    st.lists(st.sampled_from(PIECES + ["", "\n"]), max_size=40).map("".join)


def _ends(toks):
    """Indexes of the sentence ends of a whole window's tokens, last first (the reference)."""
    return [k for k in range(len(toks) - 1, -1, -1) if toks[k].s in ENDS and sentence_end(toks, k)]


@settings(max_examples=300)
@given(TEXTS, st.integers(0, 60), st.integers(1, 4))
def test_ends_back_reads_what_the_whole_window_gives(text, lo, count):
    """The tokens read back are the whole window's from some start on, and its last ends."""
    lo = min(lo, len(text))
    whole = tokens(text, lo, len(text))
    toks, ends = ends_back(text, lo, len(text), count)
    cut = len(whole) - len(toks)
    assert [(t.s, t.a) for t in whole[cut:]] == [(t.s, t.a) for t in toks]
    assert ends == [k - cut for k in _ends(whole)[:count]]
    if len(ends) < count:
        assert cut == 0                            # fewer ends: the whole window was read


@settings(max_examples=300)
@given(TEXTS, st.integers(0, 60))
def test_last_sentence_is_the_whole_windows_last_sentence(text, lo):
    """last_sentence: the tokens after the last end (its last token aside), None after an end."""
    lo = min(lo, len(text))
    whole = tokens(text, lo, len(text))
    if whole and whole[-1].s in ".!?" and sentence_end(whole, len(whole) - 1):
        expected = None
    else:
        s = next((k + 1 for k in range(len(whole) - 2, -1, -1) if whole[k].s in ENDS and sentence_end(whole, k)), 0)
        expected = [(t.s, t.a) for t in whole[s:]]
    got = last_sentence(text, lo, len(text))
    assert (None if got is None else [(t.s, t.a) for t in got]) == expected


@pytest.mark.parametrize("text, first", [
    ('It rained. Ann Lee said in a statement.', "Ann"),
    ('The plan failed. Lee told reporters "it was fine" on Friday.', "Lee"),   # a phrase quoted inside goes on
    ('"It was fine," Lee said Friday.', "Lee"),                                 # a mark not after a word: a clause
    ('Mr. Lee said so.', "Mr"),                                                # no end after an abbreviation
])
def test_read_back_said_sentence_starts(text, first):
    """A said-sentence is read back to its first word."""
    toks, s = read_back(text, 0, len(text), said=True)
    assert toks[s].s == first


@pytest.mark.parametrize("text", ["Lee said in a statement", "Lee said so!", "So."])
def test_read_back_said_sentence_needs_a_full_stop(text):
    """No said-sentence without a full stop ending it (and three tokens at least)."""
    assert read_back(text, 0, len(text), said=True) is None
