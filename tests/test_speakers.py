"""Speaker resolution inside one article: surnames, titles, roles, gender hints and pronouns."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from indexer.extract.entities import ArticleNames, resolve_pronoun
from indexer.extract.names import (clean_words, gender_of, is_person_description, is_role_noun, looks_like_person,
                                   split_name)


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


# A name mention must not swallow openers, roles, offices, adjectives or all-caps forms:
# (surface, text before it, caps) -> (role words, name words). Invented names throughout.
SPLITS = [
    ("Besides Okafor", "", False, (("Besides",), ("Okafor",))),
    ("Former Brandt", "", False, (("Former",), ("Brandt",))),
    ("Former", "", False, (("Former",), ())),
    ("Billionaire Walter Quist", "", False, (("Billionaire",), ("Walter", "Quist"))),
    ("Democrat Nora Vance", "", False, (("Democrat",), ("Nora", "Vance"))),
    ("Republican Vance", "", False, (("Republican",), ("Vance",))),
    ("Canadian Paul Fenwick", "", False, (("Canadian",), ("Paul", "Fenwick"))),
    ("Real Walter Quist", "", False, (("Real",), ("Walter", "Quist"))),
    ("Year Nora Vance", "", False, (("Year",), ("Nora", "Vance"))),
    ("See Lund", "", False, (("See",), ("Lund",))),
    ("Harbour Secretary Ivo Lund", "", False, (("Harbour", "Secretary"), ("Ivo", "Lund"))),
    ("Harbour Secertary Ivo Lund", "", False, (("Harbour", "Secertary"), ("Ivo", "Lund"))),
    ("Fisheries Minster Ada Roos", "", False, (("Fisheries", "Minster"), ("Ada", "Roos"))),
    ("Lottery Director Ivo Lund", "", False, (("Lottery", "Director"), ("Ivo", "Lund"))),
    ("Spokesman Lund", "", False, (("Spokesman",), ("Lund",))),
    ("Counsel Ivo A. Lund", "", False, (("Counsel",), ("Ivo", "A.", "Lund"))),
    ("Fisheries Ada Roos", "the Secretary of ", False, (("Fisheries",), ("Ada", "Roos"))),
    ("Lighthouses Ada Roos", "Chancellor of the ", False, (("Lighthouses",), ("Ada", "Roos"))),
    ("Parks Ivo Lund", "Director of the Office of Roads and ", False, (("Parks",), ("Ivo", "Lund"))),
    ("JULIA VANCE", "", True, ((), ("Julia", "Vance"))),
    ("Republican Walter Quist", "", False, (("Republican",), ("Walter", "Quist"))),
    ("Weekly Times Peter Lund", "", False, (("Weekly", "Times"), ("Peter", "Lund"))),
    ("Inland Gov.", "", False, (("Inland", "Gov."), ())),
    ("Harbour Spokesman", "", False, (("Harbour", "Spokesman"), ())),
    # the long tail: participles, adverbs, occupations and dates around a name
    ("Addressing Inland", "", False, ((), ())),
    ("Acknowledging Nora Vance", "", False, ((), ())),
    ("Again Okafor", "", False, ((), ("Okafor",))),
    ("Across Inland", "", False, ((), ("Inland",))),
    ("Similarly", "", False, ((), ())),
    ("Actress Nora Vance", "", False, (("Actress",), ("Nora", "Vance"))),
    ("Actor Ivo Lund", "", False, (("Actor",), ("Ivo", "Lund"))),
    ("Agent Ivo Lund", "", False, (("Agent",), ("Ivo", "Lund"))),
    ("Accountant Ada Roos", "", False, (("Accountant",), ("Ada", "Roos"))),
    ("Songwriter Ada Roos", "", False, (("Songwriter",), ("Ada", "Roos"))),
    ("Quistflix Friday", "", False, ((), ("Quistflix",))),
    ("Nora Vance Saturday", "", False, ((), ("Nora", "Vance"))),
    # negative rows: nothing to strip, or the structure is not there
    ("Peter Friday", "", False, ((), ("Peter", "Friday"))),       # a first name and a surname
    ("Nora May", "", False, ((), ("Nora", "May"))),              # May is a surname, not a date
    ("Sterling Okafor", "", False, ((), ("Sterling", "Okafor"))),  # an -ing first name
    ("Downing Street", "", False, ((), ("Downing", "Street"))),
    ("Ebeling", "", False, ((), ("Ebeling",))),                    # a lone -ing surname stays
    ("Ivo Sturgeon", "", False, ((), ("Ivo", "Sturgeon"))),        # not a slip of "surgeon"
    ("Gary Player", "", False, ((), ("Gary", "Player"))),
    ("Dock Workers Association", "president of the ", False, ((), ("Dock", "Workers", "Association"))),
    ("Carole King", "", False, ((), ("Carole", "King"))),
    ("Nora Vance", "", False, ((), ("Nora", "Vance"))),
    ("JULIA VANCE", "", False, ((), ("JULIA", "VANCE"))),     # only extraction title-cases
    ("FARM POLLS", "", True, ((), ("FARM", "POLLS"))),         # a headline, not a first name
    ("Democratic National Convention", "", False, ((), ("Democratic", "National", "Convention"))),
    ("Republican National Committee", "", False, ((), ("Republican", "National", "Committee"))),
    ("Democrat Party", "", False, ((), ("Democrat", "Party"))),
    ("Fisheries Ada Roos", "she went to ", False, ((), ("Fisheries", "Ada", "Roos"))),
    ("Real Madrid", "", False, ((), ("Real", "Madrid"))),
    ("American Express", "", False, ((), ("American", "Express"))),
    ("Justine Lund", "", False, ((), ("Justine", "Lund"))),   # a first name near "justice"
    ("Ivo Minster", "", False, ((), ("Ivo", "Minster"))),     # a surname stays a surname
    ("Marco de Luca", "", False, ((), ("Marco", "de", "Luca"))),
]


@pytest.mark.parametrize("surface,before,caps,expected", SPLITS)
def test_split_name(surface, before, caps, expected):
    assert split_name(surface, before, caps) == expected


@pytest.mark.parametrize("word,expected", [
    ("Secretary", True), ("Secertary", True), ("Minster", True), ("Spokesman", True),
    ("Counsel", True), ("MEP", True), ("Directer", True),
    ("Actress", True), ("Accountant", True), ("Agent", True),
    ("Justine", False), ("Marshall", False), ("Lund", False), ("secertary", False), ("Mister", False),
    ("Sturgeon", False), ("Player", False), ("Singer", False),
])
def test_is_role_noun(word, expected):
    assert is_role_noun(word) is expected


def test_all_caps_surname_finds_the_full_name():
    text = "Nora Vance spoke first.\n\nVANCE: We will build the bridge."
    assert ArticleNames(text).full_name(("VANCE",), text.index("VANCE")) == "Nora Vance"
    assert ArticleNames(text).full_name(("NATO",), 0) == "NATO"


def test_office_before_a_name_is_not_part_of_the_full_name():
    text = ("The Secretary of Fisheries Ada Roos met growers. Roos spoke.\n\n"
            "Besides Roos, nobody came.")
    names = ArticleNames(text)
    assert names.full_name(("Roos",), text.index("Roos spoke")) == "Ada Roos"
    assert all(n.words != ("Besides", "Roos") for n in names.names)


@given(st.lists(st.sampled_from(["Besides", "Former", "Billionaire", "Harbour", "Secretary", "Ivo",
                                 "Lund", "NORA", "Vance", "Real", "Mr.", "The"]), max_size=6),
       st.text(max_size=30))
def test_split_name_keeps_every_word_once(words, before):
    """The name is a tail of the input words (up to case) and the role comes from the words
    before it: nothing is invented, reordered or counted twice."""
    role, name = split_name(" ".join(words), before, caps=True)
    low = [w.lower() for w in words]
    head = low[:len(low) - len(name)]
    assert [w.lower() for w in name] == low[len(low) - len(name):]
    it = iter(head)
    assert all(w.lower() in it for w in role)          # role: a subsequence of the head
