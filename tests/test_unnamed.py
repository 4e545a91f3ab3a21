"""Unnamed people: which noun phrases of a paragraph are someone the article leaves unnamed."""
from __future__ import annotations

import pytest

from indexer.extract.unnamed import head_gender, possessive, unnamed_mentions


def found(text):
    """(head, determiner kind, says-unnamed) of each unnamed-person mention of text."""
    return [(u.head, u.det, u.unnamed) for u in unnamed_mentions(text, 0, len(text))]


UNNAMED = [
    ("A Western banker said the deal was off.", [("banker", "indefinite", False)]),
    ("One trader sold early.", [("trader", "indefinite", False)]),
    ("His spokesman declined to comment.", [("spokesman", "possessive", False)]),
    ("The unidentified delegate walked out.", [("delegate", "definite", True)]),
    ("The company's spokesman said little.", [("spokesman", "possessive", False)]),
    # negative rows: a named person's title or apposition, a predicate, a heading
    ("Spokesman Ivo Lund said little.", []),
    ("The spokesman, Ivo Lund, said little.", []),
    ("Ivo Lund, a spokesman for the bank, said little.", []),
    ("Ivo Lund is a banker.", []),
    ("Ivo Lund was hired as a spokesman.", []),
    ("The bank cut its rates.", []),
]


@pytest.mark.parametrize("text,expected", UNNAMED)
def test_unnamed_mentions(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("head,expected", [("spokesman", "m"), ("spokeswoman", "f"), ("woman", "f"),
                                           ("official", None), ("trader", None)])
def test_head_gender(head, expected):
    assert head_gender(head) == expected


@pytest.mark.parametrize("word,expected", [("his", True), ("Their", True), ("Blair's", True), ("minister’s", True),
                                           ("the", False), ("Blair", False)])
def test_possessive(word, expected):
    assert possessive(word) is expected
