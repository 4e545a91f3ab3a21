"""Speaker resolution inside one article: surnames, titles, roles, gender hints and pronouns."""
from __future__ import annotations

import pytest

from indexer.speakers import (ArticleNames, clean_words, gender_of, is_person_description,
                              looks_like_person, resolve_pronoun)


@pytest.mark.parametrize("surface,expected", [
    ("Davide Vagnati", ("Davide", "Vagnati")),
    ("Mr. Obama", ("Obama",)),
    ("Sen. Ted Cruz", ("Ted", "Cruz")),
    ("Inzaghi’s", ("Inzaghi",)),
    ("(Kalidou) Koulibaly", ("Kalidou", "Koulibaly")),
    ("Marco) Guida", ("Marco", "Guida")),
    ("White House Press Secretary Josh Earnest", ("Josh", "Earnest")),
    ("The", ()),
])
def test_clean_words(surface, expected):
    assert clean_words(surface) == expected


@pytest.mark.parametrize("words,expected", [
    (("Davide", "Vagnati"), True), (("Ada", "Park", "Lee"), True),
    (("Inter", "Milan"), False), (("White", "House"), False), (("Champions", "League"), False),
    (("Inzaghi",), False), (("NBA", "Finals"), False),
])
def test_looks_like_person(words, expected):
    assert looks_like_person(words) is expected


@pytest.mark.parametrize("words,surface,expected", [
    (("Julia", "Stone"), "Julia Stone", "f"), (("Tom", "Hardy"), "Tom Hardy", "m"),
    (("Stone",), "Mrs. Stone", "f"), (("Hardy",), "Mr. Hardy", "m"),
    (("Zorblat", "Quux"), "Zorblat Quux", None), (("Stone",), "Stone", None),
])
def test_gender_of(words, surface, expected):
    assert gender_of(words, surface) == expected


@pytest.mark.parametrize("np,expected", [
    ("the 23-year-old", True), ("the Italian coach", True), ("the former senator", True),
    ("the company", False), ("a coach", False), ("the official", False), ("coach", False),
])
def test_is_person_description(np, expected):
    assert is_person_description(np) is expected


TEXT = ("Simone Inzaghi watched from the bench. Later Inzaghi spoke.\n\n"
        "Julia Stone and Tom Hardy arrived.\n\n"
        "Chelsea Clinton came too. Hillary Clinton spoke. Clinton left. Clinton waved.")


def test_full_name_from_surname():
    names = ArticleNames(TEXT)
    assert names.full_name(("Inzaghi",), TEXT.index("Later")) == "Simone Inzaghi"
    assert names.full_name(("Nobody",), 0) == "Nobody"
    assert names.full_name(("Ada", "Park"), 0) == "Ada Park"


def test_full_name_prefers_the_most_frequent_full_form():
    names = ArticleNames(TEXT)
    # "Hillary Clinton" and "Chelsea Clinton" appear once each: the nearer one before wins
    assert names.full_name(("Clinton",), TEXT.index("Clinton left")) == "Hillary Clinton"


def _para_of(text):
    starts = [0] + [i + 2 for i in range(len(text)) if text.startswith("\n\n", i)]
    return lambda pos: max(k for k, s in enumerate(starts) if s <= pos)


@pytest.mark.parametrize("pronoun,expected", [("she", "Julia Stone"), ("he", "Tom Hardy")])
def test_resolve_pronoun_by_gender(pronoun, expected):
    text = "Julia Stone and Tom Hardy arrived.\n\nIt rained. " + pronoun + " said."
    names = ArticleNames(text)
    pos = text.rindex(pronoun)
    assert resolve_pronoun(names, pronoun, pos, [], _para_of(text)) == expected


def test_resolve_pronoun_prefers_recent_speaker():
    text = "Ana Silva and Rosa Diaz spoke.\n\nThe vote is today.\n\nShe said."
    names = ArticleNames(text)
    pos = text.rindex("She")
    spoke = [(text.index("Rosa"), "Rosa Diaz")]
    assert resolve_pronoun(names, "She", pos, spoke, _para_of(text)) == "Rosa Diaz"


@pytest.mark.parametrize("pronoun", ["they", "we", "I", "it"])
def test_resolve_pronoun_leaves_plural_and_first_person(pronoun):
    text = "Ana Silva spoke. " + pronoun + " said."
    names = ArticleNames(text)
    assert resolve_pronoun(names, pronoun, text.rindex(pronoun), [], lambda p: 0) is None


def test_resolve_pronoun_with_nobody_named():
    text = "It rained all day. He said."
    assert resolve_pronoun(ArticleNames(text), "He", text.index("He"), [], lambda p: 0) is None


def test_resolve_pronoun_prefers_the_subject_of_its_own_paragraph():
    # a speaker quoted a paragraph earlier weighs a lot, but the sentence subject right before
    # the pronoun, in the same paragraph, weighs more
    text = ("Ana Silva and Tom Cole met.\n\n\"We agree,\" Tom Cole said.\n\n"
            "Ben Ortiz stressed his record. \"It is tough,\" he said.")
    names = ArticleNames(text)
    spoke = [(text.index("Tom Cole said"), "Tom Cole")]
    assert resolve_pronoun(names, "he", text.rindex("he said"), spoke, _para_of(text)) == "Ben Ortiz"


def test_resolve_pronoun_keeps_the_speaker_without_a_subject_nearby():
    # negative: nobody is the subject in the pronoun's paragraph, so the earlier speaker stays
    text = ("Ana Silva and Tom Cole met.\n\n\"We agree,\" Tom Cole said.\n\n"
            "The talks went on. \"It is tough,\" he said.")
    names = ArticleNames(text)
    spoke = [(text.index("Tom Cole said"), "Tom Cole")]
    assert resolve_pronoun(names, "he", text.rindex("he said"), spoke, _para_of(text)) == "Tom Cole"
