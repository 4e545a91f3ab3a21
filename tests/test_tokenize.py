"""Sentence and word tokenisation with offsets: valid spans, news abbreviations, no nltk_data needed."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from indexer import tokenize
from conftest import CORPUS


@pytest.fixture
def no_nltk_data(monkeypatch, tmp_path):
    """NLTK looks only in an empty directory, as on a machine without nltk_data."""
    import nltk
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    tokenize.sentence_tokenizer.cache_clear()
    yield
    tokenize.sentence_tokenizer.cache_clear()


def split(text):
    """The sentences of text as strings."""
    return [text[a:b] for a, b in tokenize.sentences(text)]


# Sentences written for these tests: text -> expected sentences.
SENTENCES = [
    ("Mr. Hale met Sen. Ortiz in the capital. They talked.",
     ["Mr. Hale met Sen. Ortiz in the capital.", "They talked."]),
    ("The U.S. team landed on Jan. 4 in Oslo. Fans waited.",
     ["The U.S. team landed on Jan. 4 in Oslo.", "Fans waited."]),
    ("Gov. Reyes and Dr. Ng spoke. Gen. Ward did not.", ["Gov. Reyes and Dr. Ng spoke.", "Gen. Ward did not."]),
    ("Shares of Acme Corp. rose 4 pct. Rivals fell.", ["Shares of Acme Corp. rose 4 pct.", "Rivals fell."]),
    ('"We will be back," she said. "Soon."', ['"We will be back," she said.', '"Soon."']),
    ("It rained. It poured!\nStill wet?", ["It rained.", "It poured!", "Still wet?"]),
    ("First paragraph ends here\n\nSecond one starts", ["First paragraph ends here", "Second one starts"]),
    # negatives: a plain full stop does split, an abbreviation list does not swallow ordinary words
    ("The vote passed. Sen. Ortiz left.", ["The vote passed.", "Sen. Ortiz left."]),
    ("They met in May. Talks ended.", ["They met in May.", "Talks ended."]),
    # abbreviations that are also words: joined before a number or "(", split before a capital
    ("He is the No. 2 seed. Others agree.", ["He is the No. 2 seed.", "Others agree."]),
    ("The answer was no. Then he left.", ["The answer was no.", "Then he left."]),
    ("She fell ill. Doctors came.", ["She fell ill.", "Doctors came."]),
    ("Iron ore. Prices rose.", ["Iron ore.", "Prices rose."]),
    ("SALEM, Ore. (AP) \u2014 Rain fell. Roads shut.", ["SALEM, Ore. (AP) \u2014 Rain fell.", "Roads shut."]),
    ('He said no. "Fine," she said.', ["He said no.", '"Fine," she said.']),
    ("", []),
    ("   \n\n  ", []),
]


@pytest.mark.parametrize("text, expected", SENTENCES)
def test_sentences(no_nltk_data, text, expected):
    assert split(text) == expected


def test_works_without_nltk_data(no_nltk_data):
    assert not tokenize.uses_official_model()
    text = (CORPUS / "000_919c8712d2da58b1.txt").read_text(encoding="utf-8")
    spans = tokenize.sentences(text)
    assert len(spans) > 20
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert tokenize.words(text)


def test_sentences_of_a_slice_are_offsets_into_the_whole():
    text = "Ignore this. Mr. Lee spoke. Then he left. Ignore that."
    start = text.index("Mr.")
    end = text.index(" Ignore that")
    assert [text[a:b] for a, b in tokenize.sentences(text, start, end)] == ["Mr. Lee spoke.", "Then he left."]


def test_paragraphs():
    # hard-wrapped (short lines): a single newline is a line wrap, not a break
    text = "  One.\n\n\nTwo line\nstill two.\n \n- a bullet\n- another"
    assert [text[a:b] for a, b in tokenize.paragraphs(text)] == [
        "One.", "Two line\nstill two.", "- a bullet", "- another"]


WRAPPED = ("A line that was wrapped at a short\nwidth by the wire service here.\n"
           "    A second paragraph starts\nwith an indent and wraps again.\nThe end of it.\n")
LONG = "x" * 120


# text -> paragraphs. One splitter for the package (the extractor uses it too): text whose lines are
# all short and several is hard-wrapped and breaks at blank lines, indented lines and bullets;
# any other text breaks at every newline (many sites put one newline between paragraphs).
PARAGRAPHS = [
    ("One.\n\nTwo.", ["One.", "Two."]),
    ("One.\nTwo.", ["One.", "Two."]),
    (f"{LONG}\nNext paragraph.\nAnd a third.", [LONG, "Next paragraph.", "And a third."]),
    ("   \n\n  ", []),
    ("", []),
    (WRAPPED, ["A line that was wrapped at a short\nwidth by the wire service here.",
               "A second paragraph starts\nwith an indent and wraps again.\nThe end of it."]),
    # negatives: three short lines are too few to call the text hard-wrapped; one long line is enough not to
    ("a\nb\nc", ["a", "b", "c"]),
    (WRAPPED + LONG, WRAPPED.replace("    ", "").strip().split("\n") + [LONG]),
]


@pytest.mark.parametrize("text, expected", PARAGRAPHS)
def test_paragraph_table(text, expected):
    assert [text[a:b] for a, b in tokenize.paragraphs(text)] == expected


def test_hard_wrapped():
    assert tokenize.hard_wrapped(WRAPPED)
    assert not tokenize.hard_wrapped(WRAPPED + LONG)
    assert not tokenize.hard_wrapped("short\nlines\nonly")


WORDS = [
    ('He said: "No way."', ["He", "said", ":", '"', "No", "way", ".", '"']),
    ("Inter\u2019s coach can\u2019t stay.", None),       # only offsets are checked
    ("Sen. Ortiz won $5.5 mln.", ["Sen.", "Ortiz", "won", "$", "5.5", "mln", "."]),
]


@pytest.mark.parametrize("text, expected", WORDS)
def test_words(text, expected):
    spans = tokenize.words(text)
    got = [text[a:b] for a, b in spans]
    if expected is not None:
        assert got == expected
    assert all(t.strip() == t and t for t in got)


def test_words_offset_into_slice():
    text = "xx Mr. Lee yy"
    assert [text[a:b] for a, b in tokenize.words(text, 3, 10)] == ["Mr.", "Lee"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["ab", "Cd", " ", ".", ",", "!", "?", '"', "'", "\u201c", "\u201d", "\u2019",
                                 "-", "\n", "\n\n", "Mr.", "U.S.", "Jan.", "said", "(", ")", "``", "''"]),
                max_size=60).map("".join))
def test_offsets_are_valid(text):
    """Property: sentence and word spans are non-empty, ordered, inside the text, and not white space at the edges."""
    for spans in (tokenize.sentences(text), tokenize.words(text), tokenize.paragraphs(text)):
        prev = 0
        for a, b in spans:
            assert prev <= a < b <= len(text)
            piece = text[a:b]
            assert piece == piece.strip()
            prev = b
    # No sentence crosses a paragraph break.
    paras = tokenize.paragraphs(text)
    for a, b in tokenize.sentences(text):
        assert any(pa <= a and b <= pb for pa, pb in paras)


# quick_sentences makes Punkt's breaks (untrained Punkt with the same abbreviation list) faster.
QUICK = [
    "Mr. Lee went home. He slept.",
    'Sen. Ada Park said no. "We will not vote for it." Then she left.',
    "The U.S. economy grew. Lund agreed with Dr. Vole on Monday.",
    "It rose 8.1% in May. Prices fell! Why? Nobody knows.",
    "He met Charles B. Rangel in Washington. They talked.",
    'She called it "pretty modest". Others did not.',
    "Talks end on Jan. 5 in Leeds. The vote is later.",
]


@pytest.mark.parametrize("text", QUICK)
def test_quick_sentences_break_where_punkt_does(text):
    assert tokenize.quick_sentences(text) == tokenize.sentences(text)


def test_quick_sentences_do_not_break_after_initials():
    # where untrained Punkt cuts "J.K." off as a sentence, the quick splitter keeps the name whole
    text = "The vote was close. J.K. Lund agreed."
    assert [text[a:b] for a, b in tokenize.quick_sentences(text)] == ["The vote was close.", "J.K. Lund agreed."]


def test_quick_sentences_keep_offsets():
    text = "  Ada left. Ivo stayed.  "
    got = tokenize.quick_sentences(text, 2, len(text) - 2)
    assert [text[a:b] for a, b in got] == ["Ada left.", "Ivo stayed."]
