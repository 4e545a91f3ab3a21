"""Speaker resolution inside one article: surnames, titles, roles, gender hints and pronouns."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from indexer.extract.entities import Entities
from indexer.extract.salience import Salience
from indexer.tokenize import paragraphs
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
    table = Entities(TEXT)
    assert table.resolve(("Inzaghi",), TEXT.index("Later")).name == "Simone Inzaghi"
    assert table.resolve(("Nobody",), 0).name == "Nobody"
    assert table.resolve(("Ada", "Park"), 0).name == "Ada Park"


def test_shared_surname_goes_to_the_nearest_with_a_lower_confidence():
    table = Entities(TEXT)
    got = table.resolve(("Clinton",), TEXT.index("Clinton left"))
    assert got.name == "Hillary Clinton" and got.confidence < 0.8
    assert table.resolve(("Inzaghi",), TEXT.index("Later")).confidence >= 0.85


def _salience(text, quotes=()):
    """The salience model of text, with the given quote spans."""
    return Salience(text, Entities(text), paragraphs(text), list(quotes))


@pytest.mark.parametrize("pronoun,expected", [("she", "Julia Stone"), ("he", "Tom Hardy")])
def test_resolve_pronoun_by_gender(pronoun, expected):
    text = "Julia Stone and Tom Hardy arrived.\n\nIt rained. " + pronoun + " said."
    assert _salience(text).resolve(pronoun, text.rindex(pronoun), []).name == expected


def test_resolve_pronoun_prefers_recent_speaker():
    text = "Ana Silva and Rosa Diaz spoke.\n\nThe vote is today.\n\nShe said."
    sal = _salience(text)
    rosa = sal.table.resolve(("Rosa", "Diaz"), 0).entity
    assert sal.resolve("She", text.rindex("She"), [(text.index("Rosa"), rosa)]).name == "Rosa Diaz"


@pytest.mark.parametrize("pronoun", ["they", "we", "I", "it"])
def test_resolve_pronoun_leaves_plural_and_first_person(pronoun):
    text = "Ana Silva spoke. " + pronoun + " said."
    assert _salience(text).resolve(pronoun, text.rindex(pronoun), []) is None


def test_resolve_pronoun_with_nobody_named():
    text = "It rained all day. He said."
    assert _salience(text).resolve("He", text.index("He"), []) is None


def test_resolve_pronoun_prefers_the_subject_of_the_sentence_before():
    # a speaker quoted a paragraph earlier weighs a lot, but a new subject brought in since weighs more
    text = ('Ana Silva and Tom Cole met.\n\n"We agree," Tom Cole said.\n\n'
            'Ben Ortiz stressed his record. "It is tough," he said.')
    sal = _salience(text, [(text.index('"We'), text.index('," Tom')), (text.index('"It'), text.index('," he'))])
    tom = sal.table.resolve(("Tom", "Cole"), 0).entity
    assert sal.resolve("he", text.rindex("he said"), [(text.index("Tom Cole said"), tom)]).name == "Ben Ortiz"


def test_resolve_pronoun_keeps_the_speaker_without_a_subject_nearby():
    # negative: nobody new is brought in, so the earlier speaker stays
    text = ('Ana Silva and Tom Cole met.\n\n"We agree," Tom Cole said.\n\n'
            'The talks went on. "It is tough," he said.')
    sal = _salience(text, [(text.index('"We'), text.index('," Tom')), (text.index('"It'), text.index('," he'))])
    tom = sal.table.resolve(("Tom", "Cole"), 0).entity
    assert sal.resolve("he", text.rindex("he said"), [(text.index("Tom Cole said"), tom)]).name == "Tom Cole"


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
    assert Entities(text).resolve(("VANCE",), text.index("VANCE")).name == "Nora Vance"
    assert Entities(text).resolve(("NATO",), 0).name == "NATO"


def test_office_before_a_name_is_not_part_of_the_full_name():
    text = ("The Secretary of Fisheries Ada Roos met growers. Roos spoke.\n\n"
            "Besides Roos, nobody came.")
    table = Entities(text)
    assert table.resolve(("Roos",), text.index("Roos spoke")).name == "Ada Roos"
    assert all(e.words != ("Besides", "Roos") for e in table.entities)


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
