"""The media gazetteer: where a quote was given ("told DAZN") versus who heard it ("told reporters")."""
from __future__ import annotations

import pytest

from indexer.extract.media import canonical, medium_in


@pytest.mark.parametrize("clause,expected", [
    ("Inzaghi admitted to DAZN.", "DAZN"),
    ("he told DAZN.", "DAZN"),
    ("she told CNN on Sunday", "CNN"),
    ("told CNN’s Jake Tapper", "CNN"),
    ("said on Fox News", "Fox News"),
    ("said on Fox News Sunday", "Fox News"),
    ("said in an interview with the BBC", "BBC"),
    ("told The New York Times then.", "The New York Times"),
    ("told the Boston Globe", "Boston Globe"),            # unlisted, but ends in a media word
    ("wrote on Twitter", "Twitter"),
    ("speaking to Sky Sports after the game", "Sky Sports"),
    # not a medium: an audience, a person, a place, a time, a document
    ("told reporters", None),
    ("told a crowd in Ohio", None),
    ("told the crowd", None),
    ("told Kevin Bell", None),
    ("said in Washington", None),
    ("said on Sunday", None),
    ("said in a statement", None),
    ("told lawmakers on Capitol Hill", None),
    ("", None),
])
def test_medium_in(clause, expected):
    assert medium_in(clause) == expected


@pytest.mark.parametrize("name,expected", [
    ("the BBC", "BBC"), ("BBC", "BBC"), ("Associated Press", "AP"), ("the Associated Press", "AP"),
    ("Fox and Friends", "Fox News"), ("Washington Post", "The Washington Post"),
    ("Agence France-Presse", "AFP"), ("Reuters", "Reuters"),
    ("Reuters Photo", None), ("Smith", None), ("", None),
])
def test_canonical(name, expected):
    assert canonical(name) == expected
